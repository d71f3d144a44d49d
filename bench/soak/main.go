// Command soak runs errsvc under hostile mixed traffic for a bounded time and
// fails on any wrong answer, leaked secret, crash or unbounded memory.
//
// It builds errsvc, starts it on loopback with TLS and a catalog directory,
// and for --duration sends over gRPC and REST: errors with known answers,
// junk, oversized and deeply nested bodies, bodies carrying secrets, and
// batches. Meanwhile it rewrites the catalog (atomically, and slowly, in two
// parts) and rotates the certificate. It reports calls, refusals, wrong
// answers, leaked secrets, peak RSS and RSS drift. `make soak` runs it;
// docs/operations.md says how to read it.
package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/errsvc/errsvc/bench/internal/proc"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/gen/errsvc/v1/errsvcv1grpc"
)

type config struct {
	duration, rewriteEvery, rotateEvery time.Duration
	callers                             int
	binary                              string
	maxRSSMB, maxDriftMB                float64
	gomemlimit                          string
}

func main() {
	var cfg config
	flag.DurationVar(&cfg.duration, "duration", 60*time.Second, "how long to run")
	flag.DurationVar(&cfg.rewriteEvery, "rewrite-every", 4*time.Second, "how often the catalog is rewritten")
	flag.DurationVar(&cfg.rotateEvery, "rotate-every", 10*time.Second, "how often the certificate is rotated")
	flag.IntVar(&cfg.callers, "callers", 8, "concurrent callers on each transport")
	flag.StringVar(&cfg.binary, "errsvc", "", "errsvc binary to run (default: build it)")
	flag.Float64Var(&cfg.maxRSSMB, "max-rss-mb", 200, "peak RSS allowed, in MB")
	flag.Float64Var(&cfg.maxDriftMB, "max-drift-mb", 40, "RSS growth allowed from the first to the last third of the run, in MB")
	flag.StringVar(&cfg.gomemlimit, "gomemlimit", "", "GOMEMLIMIT for errsvc (default: unset, errsvc's own default soft limit)")
	flag.Parse()
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// tally counts outcomes by kind.
type tally struct {
	mu sync.Mutex
	m  map[string]int
}

func (t *tally) add(k string) {
	t.mu.Lock()
	t.m[k]++
	t.mu.Unlock()
}

func (t *tally) get(k string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[k]
}

func run(cfg config) error {
	dir, err := os.MkdirTemp("", "errsvc-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if cfg.binary == "" {
		if cfg.binary, err = proc.Build(dir); err != nil {
			return err
		}
	}
	ca, err := newCA()
	if err != nil {
		return err
	}
	certFile, keyFile := filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	if err := ca.writeLeaf(certFile, keyFile); err != nil {
		return err
	}
	catDir := filepath.Join(dir, "catalog")
	os.Mkdir(catDir, 0o755)
	if err := os.WriteFile(filepath.Join(catDir, "soak-bank.yaml"), []byte(soakCatalog("A", true)), 0o644); err != nil {
		return err
	}
	logFile, err := os.Create(filepath.Join(dir, "errsvc.log"))
	if err != nil {
		return err
	}
	grpcAddr, httpAddr, opsAddr := proc.FreeAddr(), proc.FreeAddr(), proc.FreeAddr()
	srv := exec.Command(cfg.binary, "serve", "--grpc-addr", grpcAddr, "--http-addr", httpAddr, "--ops-addr", opsAddr,
		"--tls-cert", certFile, "--tls-key", keyFile, "--catalog-dir", catDir)
	srv.Env = os.Environ()
	if cfg.gomemlimit != "" {
		srv.Env = append(srv.Env, "GOMEMLIMIT="+cfg.gomemlimit)
	}
	srv.Stdout, srv.Stderr = logFile, logFile
	if err := srv.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	defer srv.Process.Kill()
	serverLog := func() string {
		b, _ := os.ReadFile(logFile.Name())
		return "server log (last 4 KB):\n" + tail(string(b), 4096)
	}
	if err := proc.WaitReady(http.DefaultClient, "http://"+opsAddr+"/readyz", exited); err != nil {
		return fmt.Errorf("%w\n%s", err, serverLog())
	}
	pid := srv.Process.Pid
	fmt.Printf("soak: errsvc pid %d, %d callers a transport, %s; catalog rewritten every %s, certificate rotated every %s\n",
		pid, cfg.callers, cfg.duration, cfg.rewriteEvery, cfg.rotateEvery)

	clientTLS := &tls.Config{RootCAs: ca.pool}
	conn, err := grpc.NewClient(grpcAddr, grpc.WithTransportCredentials(credentials.NewTLS(clientTLS)))
	if err != nil {
		return err
	}
	defer conn.Close()
	gc := errsvcv1grpc.NewErrorNormalizerClient(conn)
	hc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: clientTLS, MaxIdleConnsPerHost: cfg.callers}}

	ctx, cancel := context.WithTimeout(context.Background(), cfg.duration)
	defer cancel()
	t := &tally{m: map[string]int{}}
	var problems []string
	var pmu sync.Mutex
	problem := func(format string, args ...any) {
		pmu.Lock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
		pmu.Unlock()
	}

	var wg sync.WaitGroup
	var version atomic.Int64 // how many times the catalog was rewritten
	wg.Add(2)
	go func() { defer wg.Done(); rewriteCatalog(ctx, catDir, cfg.rewriteEvery, &version, t) }()
	go func() { defer wg.Done(); rotateCert(ctx, ca, certFile, keyFile, cfg.rotateEvery, t) }()
	var rss []float64
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				rss = append(rss, proc.MB(pid, "VmRSS"))
			}
		}
	}()
	// The burst: 40 concurrent 30 MB calls on each transport and 64 full
	// batches at once, in the middle of the traffic. Each must be answered
	// or refused, none dropped.
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-ctx.Done():
			return
		case <-time.After(cfg.duration / 3):
		}
		burst(ctx, gc, hc, "https://"+httpAddr, t, problem)
	}()
	for i := range cfg.callers {
		wg.Add(2)
		go func() { defer wg.Done(); grpcCaller(ctx, gc, i, t, problem) }()
		go func() { defer wg.Done(); restCaller(ctx, hc, "https://"+httpAddr, i, t, problem) }()
	}
	wg.Wait()
	peak := proc.MB(pid, "VmHWM")

	select {
	case err := <-exited:
		return fmt.Errorf("errsvc died during the soak: %v\n%s", err, serverLog())
	default:
	}
	srv.Process.Signal(syscall.SIGTERM)
	var stopErr error
	select {
	case stopErr = <-exited:
	case <-time.After(40 * time.Second):
		stopErr = fmt.Errorf("did not stop within 40 s of SIGTERM")
	}

	third := max(len(rss)/3, 1)
	drift := mean(rss[max(len(rss)-third, 0):]) - mean(rss[min(third, len(rss)):min(2*third, len(rss))])
	calls := t.get("ok") + t.get("refused") + t.get("expected error")
	fmt.Printf("calls %d: ok %d, refused %d (busy), expected errors %d (oversized, too deep, junk); batches %d; retried once after a dropped connection %d\n",
		calls, t.get("ok"), t.get("refused"), t.get("expected error"), t.get("batch"), t.get("retried"))
	fmt.Printf("bursts %d (40 × 30 MB on each transport and 64 full batches at once)\n", t.get("burst"))
	fmt.Printf("catalog rewrites %d (atomic %d, slow %d), certificate rotations %d\n",
		t.get("rewrite atomic")+t.get("rewrite slow"), t.get("rewrite atomic"), t.get("rewrite slow"), t.get("rotation"))
	fmt.Printf("wrong answers %d, half-written catalog answers %d (slow rewrites the machine stalled past the settle time: %d), leaked secrets %d, failed calls %d\n",
		t.get("wrong"), t.get("half"), t.get("stalled rewrite"), t.get("leak"), t.get("failed"))
	fmt.Printf("RSS: peak %.1f MB (limit %.0f), first third %.1f MB, last third %.1f MB, drift %+.1f MB (limit %.0f)\n",
		peak, cfg.maxRSSMB, mean(rss[:min(third, len(rss))]), mean(rss[max(len(rss)-third, 0):]), drift, cfg.maxDriftMB)
	for _, p := range problems {
		fmt.Println("  problem:", p)
	}
	fmt.Printf("RESULT calls=%d refused=%d wrong=%d half=%d leaked=%d failed=%d peak_rss_mb=%.1f drift_mb=%.1f stop=%v\n",
		calls, t.get("refused"), t.get("wrong"), t.get("half"), t.get("leak"), t.get("failed"), peak, drift, stopErr)

	var fails []string
	if t.get("wrong") > 0 || t.get("half") > 0 && t.get("stalled rewrite") == 0 {
		fails = append(fails, "wrong answers")
	}
	if t.get("leak") > 0 {
		fails = append(fails, "leaked secrets")
	}
	if t.get("failed") > 0 {
		fails = append(fails, "failed calls")
	}
	if calls == 0 || t.get("ok") == 0 {
		fails = append(fails, "no call was served")
	}
	if peak > cfg.maxRSSMB {
		fails = append(fails, fmt.Sprintf("peak RSS %.1f MB over %.0f", peak, cfg.maxRSSMB))
	}
	if drift > cfg.maxDriftMB {
		fails = append(fails, fmt.Sprintf("RSS grew %.1f MB", drift))
	}
	if stopErr != nil {
		fails = append(fails, fmt.Sprintf("errsvc stopped badly: %v", stopErr))
	}
	if len(fails) > 0 {
		return fmt.Errorf("%s\n%s", strings.Join(fails, "; "), serverLog())
	}
	fmt.Println("soak: PASS")
	return nil
}

// The traffic. Each caller cycles through the kinds of request; every
// answer is checked.

const secret = "SOAKSECRETb7c1e9"

type good struct {
	req  *errsvcv1.ClassifyRequest
	want string // CATEGORY/ACTION
}

var goods = []good{
	{&errsvcv1.ClassifyRequest{Provider: "danske-bank", Operation: "token", HttpStatus: 400, Body: `{"error":"unsupported_grant_type"}`}, "CLIENT_CONFIGURATION/FIX_CLIENT_CONFIGURATION"},
	{&errsvcv1.ClassifyRequest{HttpStatus: 400, Body: `{"error":"invalid_grant","error_description":"Refresh token expired"}`}, "AUTHENTICATION/RE_AUTHENTICATE"},
	{&errsvcv1.ClassifyRequest{HttpStatus: 429, Headers: map[string]string{"Retry-After": "30"}}, "RATE_LIMITED/RETRY_WITH_BACKOFF"},
	{&errsvcv1.ClassifyRequest{HttpStatus: 200, Body: `{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600}`}, "NO_ERROR/NONE"},
	{&errsvcv1.ClassifyRequest{HttpStatus: 400, Headers: map[string]string{"x-amzn-ErrorType": "ThrottlingException:http://internal.amazon.com/"}, Body: `{"message":"Rate exceeded"}`}, "RATE_LIMITED/RETRY_WITH_BACKOFF"},
}

// soakRequest asks for the rewritten provider's entry: the whole catalog
// answers A or B, its first half alone HALF.
var soakRequest = &errsvcv1.ClassifyRequest{Provider: "soak-bank", Operation: "token", HttpStatus: 400, Body: `{"error":"soak_code"}`}

var secretRequest = &errsvcv1.ClassifyRequest{HttpStatus: 400,
	Body: `{"error":"invalid_request","error_description":"refresh_token=` + secret + ` and Authorization: Bearer ` + secret + `"}`}

var deepBody = strings.Repeat("[", 100000)

var oversizedBody = strings.Repeat("x", 2<<20)

func junk(i int) string {
	b := make([]byte, 64+i%512)
	rand.Read(b)
	return strings.ToValidUTF8(string(b), "?")
}

// check classifies what an answer says.
func check(resp *errsvcv1.ClassifyResponse, want string, t *tally, problem func(string, ...any)) {
	raw, _ := json.Marshal(resp)
	if bytes.Contains(raw, []byte(secret)) {
		t.add("leak")
		problem("secret in answer: %.200s", raw)
	}
	got := strings.TrimPrefix(resp.GetClassification().GetCategory().String(), "CATEGORY_") + "/" +
		strings.TrimPrefix(resp.GetClassification().GetAction().String(), "ACTION_")
	switch {
	case want == "soak":
		switch resp.GetClassification().GetCode() {
		case "SOAK_A", "SOAK_B":
		case "SOAK_HALF":
			t.add("half")
			problem("answer from a half-written catalog")
		default:
			t.add("wrong")
			problem("soak-bank answered %s", resp.GetClassification().GetCode())
		}
	case want != "" && got != want:
		t.add("wrong")
		problem("got %s, want %s", got, want)
	}
}

func grpcCaller(ctx context.Context, c errsvcv1grpc.ErrorNormalizerClient, id int, t *tally, problem func(string, ...any)) {
	for i := id; ctx.Err() == nil; i++ {
		var req *errsvcv1.ClassifyRequest
		want, expectErr := "", codes.OK
		switch i % 8 {
		case 0, 1:
			g := goods[i%len(goods)]
			req, want = g.req, g.want
		case 2:
			req, want = soakRequest, "soak"
		case 3:
			req = secretRequest
		case 4:
			req = &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: junk(i)}
		case 5:
			req, expectErr = &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: deepBody}, codes.InvalidArgument
		case 6:
			req, expectErr = &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: oversizedBody}, codes.ResourceExhausted
		case 7:
			batch := &errsvcv1.ClassifyBatchRequest{}
			for j := range 300 {
				batch.Requests = append(batch.Requests, goods[j%len(goods)].req)
			}
			resp, err := c.ClassifyBatch(ctx, batch)
			if grpcOutcome(ctx, err, codes.OK, t, problem) {
				t.add("batch")
				for j, r := range resp.GetResults() {
					check(r.GetResponse(), goods[j%len(goods)].want, t, problem)
				}
			}
			continue
		}
		resp, err := c.Classify(ctx, req)
		if grpcOutcome(ctx, err, expectErr, t, problem) && expectErr == codes.OK {
			check(resp, want, t, problem)
		}
	}
}

// grpcOutcome counts a call and reports whether it returned an answer to
// check.
func grpcOutcome(ctx context.Context, err error, expect codes.Code, t *tally, problem func(string, ...any)) bool {
	code := status.Code(err)
	switch {
	case err == nil && expect == codes.OK:
		t.add("ok")
		return true
	case code == expect && expect != codes.OK:
		t.add("expected error")
	case code == codes.ResourceExhausted:
		t.add("refused")
	case ctx.Err() != nil, code == codes.DeadlineExceeded, code == codes.Canceled:
		// The run ended under the call: its deadline is the only one set.
	default:
		t.add("failed")
		problem("gRPC: %v (want %s)", err, expect)
	}
	return false
}

func restCaller(ctx context.Context, c *http.Client, base string, id int, t *tally, problem func(string, ...any)) {
	for i := id; ctx.Err() == nil; i++ {
		path, body, want, expectStatus := "/v1/classify", "", "", http.StatusOK
		switch i % 8 {
		case 0, 1:
			g := goods[i%len(goods)]
			b, _ := json.Marshal(g.req)
			body, want = string(b), g.want
		case 2:
			b, _ := json.Marshal(soakRequest)
			body, want = string(b), "soak"
		case 3:
			b, _ := json.Marshal(secretRequest)
			body = string(b)
		case 4:
			body = junk(i) // not JSON at all
			expectStatus = http.StatusBadRequest
		case 5:
			b, _ := json.Marshal(map[string]any{"httpStatus": 400, "body": deepBody})
			body, expectStatus = string(b), http.StatusBadRequest
		case 6:
			b, _ := json.Marshal(map[string]any{"httpStatus": 400, "body": oversizedBody})
			body, expectStatus = string(b), http.StatusRequestEntityTooLarge
		case 7:
			var items []json.RawMessage
			for j := range 300 {
				b, _ := json.Marshal(goods[j%len(goods)].req)
				items = append(items, b)
			}
			b, _ := json.Marshal(map[string]any{"requests": items})
			path, body = "/v1/classify:batch", string(b)
		}
		post := func() (*http.Response, error) {
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			return c.Do(req)
		}
		resp, err := post()
		if err != nil && ctx.Err() == nil && connDropped(err) {
			if expectStatus == http.StatusRequestEntityTooLarge {
				// errsvc stopped reading the oversized body and closed
				// the connection before the client finished writing it.
				t.add("expected error")
				continue
			}
			// A kept-alive connection the server had just closed: a real
			// client retries a call that has no side effects, once.
			t.add("retried")
			resp, err = post()
		}
		if err != nil {
			if ctx.Err() == nil {
				t.add("failed")
				problem("REST: %v", err)
			}
			continue
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "":
			t.add("refused")
			continue
		case resp.StatusCode != expectStatus:
			t.add("failed")
			problem("REST %s: %d %.200s (want %d)", path, resp.StatusCode, raw, expectStatus)
			continue
		case expectStatus != http.StatusOK:
			t.add("expected error")
			continue
		}
		t.add("ok")
		if bytes.Contains(raw, []byte(secret)) {
			t.add("leak")
			problem("secret in REST answer: %.200s", raw)
		}
		if path == "/v1/classify:batch" {
			t.add("batch")
			var out errsvcv1.ClassifyBatchResponse
			if err := unmarshalJSON(raw, &out); err == nil {
				for j, r := range out.GetResults() {
					check(r.GetResponse(), goods[j%len(goods)].want, t, problem)
				}
			}
			continue
		}
		var out errsvcv1.ClassifyResponse
		if err := unmarshalJSON(raw, &out); err != nil {
			t.add("failed")
			problem("REST answer is not a ClassifyResponse: %v", err)
			continue
		}
		check(&out, want, t, problem)
	}
}

// burst sends the hostile load all at once.
func burst(ctx context.Context, gc errsvcv1grpc.ErrorNormalizerClient, hc *http.Client, base string, t *tally, problem func(string, ...any)) {
	huge := strings.Repeat("z", 30<<20)
	hugeJSON, _ := json.Marshal(map[string]any{"httpStatus": 400, "body": huge})
	full := &errsvcv1.ClassifyBatchRequest{}
	item := &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: `{"error":"invalid_grant","error_description":"` + strings.Repeat("d", 3900) + `"}`}
	for range 1000 {
		full.Requests = append(full.Requests, item) // about 4 MB in all
	}
	var wg sync.WaitGroup
	for range 40 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := gc.Classify(ctx, &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: huge})
			grpcOutcome(ctx, err, codes.ResourceExhausted, t, problem)
		}()
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/classify", bytes.NewReader(hugeJSON))
			resp, err := hc.Do(req)
			switch {
			case err != nil && ctx.Err() == nil:
				t.add("failed")
				problem("REST 30 MB call dropped: %v", err)
			case err == nil:
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusRequestEntityTooLarge {
					t.add("expected error")
				} else {
					t.add("failed")
					problem("REST 30 MB call: %d, want 413", resp.StatusCode)
				}
			}
		}()
	}
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := gc.ClassifyBatch(ctx, full)
			if grpcOutcome(ctx, err, codes.OK, t, problem) {
				t.add("batch")
				for _, r := range resp.GetResults() {
					check(r.GetResponse(), "AUTHENTICATION/RE_AUTHENTICATE", t, problem)
				}
			}
		}()
	}
	wg.Wait()
	t.add("burst")
}

// The catalog rewriter. Every rewrite flips the soak-bank entry between A
// and B; every other one is slow: the first half (a catalog that validates
// on its own and answers HALF) is written, and the rest only after a pause
// longer than the reload debounce.

func soakCatalog(answer string, whole bool) string {
	head := `provider:
  id: soak-bank
  name: Soak Bank
  kind: PROVIDER
  builds_on: [rfc6749]
entries:
  - id: soak-bank.any.soak_code
    source: the soak's own test provider
    match:
      codes: [soak_code]
    classification: {category: INVALID_REQUEST, action: FIX_REQUEST, code: SOAK_HALF, who: CLIENT, description: Half of the file., remediation: None.}
    examples: [{http_status: 400, body: '{"error":"soak_code"}'}]
`
	if !whole {
		return head
	}
	return head + fmt.Sprintf(`  - id: soak-bank.token.soak_code
    source: the soak's own test provider
    match:
      operations: [token]
      codes: [soak_code]
    classification: {category: INVALID_REQUEST, action: FIX_REQUEST, code: SOAK_%s, who: CLIENT, description: The whole file., remediation: None.}
    examples: [{operation: token, http_status: 400, body: '{"error":"soak_code"}'}]
`, answer)
}

func rewriteCatalog(ctx context.Context, dir string, every time.Duration, version *atomic.Int64, t *tally) {
	file := filepath.Join(dir, "soak-bank.yaml")
	tick := time.NewTicker(every)
	defer tick.Stop()
	for n := 1; ; n++ {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		answer := [2]string{"A", "B"}[n%2]
		if n%2 == 0 {
			tmp := file + ".tmp"
			os.WriteFile(tmp, []byte(soakCatalog(answer, true)), 0o644)
			os.Rename(tmp, file)
			t.add("rewrite atomic")
		} else {
			whole := soakCatalog(answer, true)
			half := soakCatalog(answer, false)
			f, err := os.OpenFile(file, os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				continue
			}
			halfAt := time.Now() // the half stands from its first byte: a slow Sync counts
			f.WriteString(half)
			f.Sync()
			time.Sleep(400 * time.Millisecond) // > the 200 ms debounce, < the 1 s settle
			f.WriteString(whole[len(half):])
			f.Close()
			t.add("rewrite slow")
			if time.Since(halfAt) >= time.Second {
				// The machine stalled this writer for most of the settle
				// time: the half file stood unchanged long enough that
				// errsvc may rightly serve it.
				t.add("stalled rewrite")
			}
		}
		version.Add(1)
	}
}

// The certificate: a CA the clients trust, and leaves signed by it, renamed
// over the served files key first, as a Secret volume updates.

type authority struct {
	key  *ecdsa.PrivateKey
	cert *x509.Certificate
	pool *x509.CertPool
}

func newCA() (*authority, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "errsvc soak CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &authority{key: key, cert: cert, pool: pool}, nil
}

var serial atomic.Int64

func (a *authority) writeLeaf(certFile, keyFile string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial.Add(1) + 1), Subject: pkix.Name{CommonName: "errsvc"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, a.cert, &key.PublicKey, a.key)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		path string
		pem  []byte
	}{
		{keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})},
		{certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})},
	} {
		if err := os.WriteFile(f.path+".new", f.pem, 0o600); err != nil {
			return err
		}
		if err := os.Rename(f.path+".new", f.path); err != nil {
			return err
		}
	}
	return nil
}

func rotateCert(ctx context.Context, a *authority, certFile, keyFile string, every time.Duration, t *tally) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if a.writeLeaf(certFile, keyFile) == nil {
				t.add("rotation")
			}
		}
	}
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func unmarshalJSON(b []byte, m proto.Message) error {
	return protojson.UnmarshalOptions{DiscardUnknown: true}.Unmarshal(b, m)
}

// connDropped reports a connection the server closed under the request:
// a broken pipe or reset while writing, or end of file before an answer.
func connDropped(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}
