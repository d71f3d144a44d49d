package service

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// browser returns Debian's Chromium, skipping the test where it is not
// installed unless ERRSVC_REQUIRE_BROWSER is set (CI sets it).
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("ERRSVC_REQUIRE_BROWSER") != "" {
		t.Fatal("chromium is not installed: apt-get install chromium")
	}
	t.Skip("chromium is not installed (apt-get install chromium); CI runs this test")
	return ""
}

// headless loads pageURL in headless Chromium, lets its scripts run, and
// returns the DOM; with a screenshot path it also saves the page as a PNG.
func headless(t *testing.T, chromium, pageURL, screenshot string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
		"--no-first-run", "--user-data-dir=" + t.TempDir(), "--virtual-time-budget=15000", "--window-size=1200,1500"}
	if screenshot != "" {
		args = append(args, "--screenshot="+screenshot)
	} else {
		args = append(args, "--dump-dom")
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, chromium, append(args, pageURL)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return stdout.String()
}

// screenshotDir is where screenshots are kept: ERRSVC_TEST_OUTPUT when set
// (CI keeps .ci/out), else a temporary directory.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("ERRSVC_TEST_OUTPUT"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// The playground in a real browser: the README example classifies to its
// entry, with the code highlighted in the input and the entry's definition;
// the catalog search and the unmatched report show on the page.
func TestPlaygroundInBrowser(t *testing.T) {
	chromium := browser(t)
	// With an operations port, as deployed: the page reads the unmatched
	// report from it.
	ts := startServer(t, Config{OpsAddr: "127.0.0.1:0"})
	// One error the catalog does not know, for the unmatched report.
	if _, err := ts.client.Classify(context.Background(), &errsvcv1.ClassifyRequest{Provider: "stripe", HttpStatus: 402,
		Body: `{"error":{"code":"zz_unheard_of"}}`}); err != nil {
		t.Fatal(err)
	}
	example := url.Values{
		"provider":  {"danske-bank"},
		"operation": {"token"},
		"status":    {"400"},
		"body":      {`{"error":"unsupported_grant_type"}`},
	}
	page := ts.base + "/#" + example.Encode()
	dom := headless(t, chromium, page, "")
	for _, want := range []string{
		`<dd id="a-category">CLIENT_CONFIGURATION</dd>`,
		`<dd id="a-action">FIX_CLIENT_CONFIGURATION</dd>`,
		`<dd id="a-who">CLIENT</dd>`,
		`<dd id="a-entry">danske-bank.token.unsupported_grant_type</dd>`,
		`<li>body.error=unsupported_grant_type</li>`,
		`{"error":"<mark>unsupported_grant_type</mark>"}`,
		`- id: danske-bank.token.unsupported_grant_type`,
		`codes: [unsupported_grant_type]`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("DOM:\n%s", dom)
	}

	browse := ts.base + "/#search=unsupported_grant_type&unmatched=1&draft=1"
	dom = headless(t, chromium, browse, "")
	for _, want := range []string{"rfc6749.token.unsupported_grant_type</button>", "<td>zz_unheard_of</td>", "<td>stripe</td>",
		"- id: stripe.zz_unheard_of", "codes: [\"zz_unheard_of\"]"} {
		if !strings.Contains(dom, want) {
			t.Errorf("search and unmatched report: the page lacks %s", want)
		}
	}

	dir := screenshotDir(t)
	for name, u := range map[string]string{"playground.png": page, "playground-browse.png": browse} {
		file := filepath.Join(dir, name)
		headless(t, chromium, u, file)
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 800 {
			t.Errorf("%s is %v", name, b)
		}
		t.Logf("screenshot %s", file)
	}
}

// The page and its assets carry a strict content policy, and the flag turns
// the playground off.
func TestPlaygroundServing(t *testing.T) {
	ts := startServer(t, Config{})
	for _, path := range []string{"/", "/playground/app.js", "/playground/style.css"} {
		resp, err := http.Get(ts.base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("GET %s: %d, CSP %q", path, resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
		}
	}
	if code, _ := ts.restCall(t, http.MethodGet, "/playground/nope.js", ""); code != http.StatusNotFound {
		t.Errorf("GET /playground/nope.js: %d", code)
	}
	// The operations port lets the playground's origin, and no other, read
	// the unmatched report.
	withOps := startServer(t, Config{OpsAddr: "127.0.0.1:0"})
	for origin, want := range map[string]string{
		"http://" + withOps.srv.HTTPAddr(): "http://" + withOps.srv.HTTPAddr(),
		"http://evil.example":              "",
		"http://" + withOps.srv.OpsAddr():  "",
	} {
		req, _ := http.NewRequest(http.MethodGet, "http://"+withOps.srv.OpsAddr()+"/v1/unmatched", nil)
		req.Header.Set("Origin", origin)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("Origin %s: Access-Control-Allow-Origin %q, want %q", origin, got, want)
		}
	}
	off := startServer(t, Config{NoPlayground: true})
	if code, _ := off.restCall(t, http.MethodGet, "/", ""); code != http.StatusNotFound {
		t.Errorf("GET / with the playground off: %d, want 404", code)
	}
}
