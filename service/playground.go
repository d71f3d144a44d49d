package service

import (
	"embed"
	"net/http"
	"path"
)

// The playground's page, script and style, embedded: nothing is loaded from
// elsewhere.
//
//go:embed playground/index.html playground/app.js playground/style.css
var playgroundFiles embed.FS

var playgroundTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
}

// handlePlayground serves the playground at / and its assets under
// /playground/.
func handlePlayground(mux *http.ServeMux) {
	serve := func(w http.ResponseWriter, name string) {
		b, err := playgroundFiles.ReadFile("playground/" + name)
		if err != nil {
			http.NotFound(w, nil)
			return
		}
		h := w.Header()
		h.Set("Content-Type", playgroundTypes[path.Ext(name)])
		// The page talks to this server only, and nothing may frame it.
		h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		w.Write(b)
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) { serve(w, "index.html") })
	mux.HandleFunc("GET /playground/{file}", func(w http.ResponseWriter, r *http.Request) {
		if name := r.PathValue("file"); name != "index.html" {
			serve(w, name)
			return
		}
		http.NotFound(w, r)
	})
}
