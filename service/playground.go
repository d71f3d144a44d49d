package service

import (
	"embed"
	"fmt"
	"net"
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
// /playground/, and /playground/config.json, which tells the page where the
// unmatched report is.
func (s *Server) handlePlayground(mux *http.ServeMux) {
	serve := func(w http.ResponseWriter, r *http.Request, name string) {
		b, err := playgroundFiles.ReadFile("playground/" + name)
		if err != nil {
			http.NotFound(w, nil)
			return
		}
		h := w.Header()
		h.Set("Content-Type", playgroundTypes[path.Ext(name)])
		// The page talks to this server only, and nothing may frame it.
		h.Set("Content-Security-Policy", "default-src 'self'; connect-src 'self'"+s.opsOrigin(r)+"; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		w.Write(b)
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) { serve(w, r, "index.html") })
	mux.HandleFunc("GET /playground/config.json", func(w http.ResponseWriter, _ *http.Request) {
		_, port, _ := net.SplitHostPort(s.OpsAddr())
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"opsPort":%q,"opsScheme":%q}`, port, s.opsScheme())
	})
	mux.HandleFunc("GET /playground/{file}", func(w http.ResponseWriter, r *http.Request) {
		if name := r.PathValue("file"); name != "index.html" {
			serve(w, r, name)
			return
		}
		http.NotFound(w, r)
	})
}

// opsOrigin is " scheme://host:port" of the operations listener as the page
// at r reaches it (the host the browser used, the operations port), "" when
// there is no operations listener or the host is not a plain host name.
func (s *Server) opsOrigin(r *http.Request) string {
	host := requestHost(r)
	_, port, _ := net.SplitHostPort(s.OpsAddr())
	if host == "" || port == "" {
		return ""
	}
	return " " + s.opsScheme() + "://" + net.JoinHostPort(host, port)
}

// opsScheme is the operations listener's URL scheme.
func (s *Server) opsScheme() string {
	if s.cfg.OpsTLS && s.tlsConf != nil {
		return "https"
	}
	return "http"
}

// requestHost is the host name r was sent to, without its port; "" unless
// it is a plain host name or address, nothing that could change the meaning
// of a header.
func requestHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	if !plainHost(host) {
		return ""
	}
	return host
}

// plainHost accepts host names and IP addresses, nothing that could change
// the meaning of a header.
func plainHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, c := range []byte(h) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':') {
			return false
		}
	}
	return true
}

// allowPlayground lets the playground, served on the HTTP port of the same
// host, read the unmatched report from the operations port: the one origin
// allowed is the HTTP port's, on the host name this request used.
func (s *Server) allowPlayground(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	if origin == "" || s.cfg.NoPlayground {
		return
	}
	host := requestHost(r)
	_, port, _ := net.SplitHostPort(s.HTTPAddr())
	scheme := "http"
	if s.tlsConf != nil {
		scheme = "https"
	}
	w.Header().Add("Vary", "Origin")
	if host != "" && origin == scheme+"://"+net.JoinHostPort(host, port) {
		w.Header().Set("Access-Control-Allow-Origin", origin)
	}
}
