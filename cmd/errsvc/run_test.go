package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errsvc/errsvc/internal/testcert"
	"github.com/errsvc/errsvc/service"
)

func TestCommands(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantOut    string // substring of stdout
		wantErrOut string // substring of stderr
	}{
		{"check embedded", []string{"catalog", "check"}, "", exitOK, "entries: ok", ""},
		{"test embedded", []string{"catalog", "test"}, "", exitOK, " 0 failed", ""},
		{"check broken dir", []string{"catalog", "check", "testdata/broken"}, "", exitFailure, "",
			`example-bank.yaml:13: entry "example-bank.blocked": code "card-blocked" must be UPPER_SNAKE_CASE`},
		{"test mismatching example", []string{"catalog", "test", "testdata/mismatch"}, "", exitExamples, "1 failed",
			"example-bank.yaml:18: example 1 of example-bank.blocked classifies to"},
		{"check mismatching example", []string{"catalog", "check", "testdata/mismatch"}, "", exitFailure, "",
			"example-bank.yaml:18: example 1 of example-bank.blocked classifies to"},
		{"catalog usage", []string{"catalog"}, "", exitUsage, "", "Usage"},
		{"no command lists the commands", nil, "", exitOK, "errsvc catalog check", ""},
		{"--help lists the commands", []string{"--help"}, "", exitOK, "errsvc healthcheck", ""},
		{"-h lists the commands", []string{"-h"}, "", exitOK, "ERRSVC_GRPC_ADDR", ""},
		{"help lists the commands", []string{"help"}, "", exitOK, "errsvc classify", ""},
		{"catalog check --help", []string{"catalog", "check", "--help"}, "", exitOK, "errsvc catalog test", ""},
		{"catalog -h", []string{"catalog", "-h"}, "", exitOK, "docs/catalog.md", ""},
		{"serve -h", []string{"serve", "-h"}, "", exitOK, "", "-ops-addr"},
		{"classify -h", []string{"classify", "-h"}, "", exitOK, "", "-provider"},
		{"healthcheck -h", []string{"healthcheck", "-h"}, "", exitOK, "", "-ca"},
		{"stats text", []string{"catalog", "stats"}, "", exitOK, "inference  vocabulary", ""},
		{"stats bad format", []string{"catalog", "stats", "--format", "xml"}, "", exitUsage, "", "usage"},
		{"unknown command", []string{"frobnicate"}, "", exitUsage, "", "errsvc catalog check"},
		{"classify stdin", []string{"classify", "--status", "400", "--operation", "token"}, `{"error":"invalid_grant"}`, exitOK, `"code": "INVALID_GRANT"`, ""},
		{"classify header", []string{"classify", "--status", "401", "--header", `WWW-Authenticate: Bearer error="invalid_token"`, "--body", ""}, "", exitOK, `"action": "ACTION_REFRESH_TOKEN"`, ""},
		{"classify empty", []string{"classify", "--body", ""}, "", exitFailure, "", ""},
		{"version", []string{"version"}, "", exitOK, "errsvc", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code, err := run(context.Background(), tt.args, strings.NewReader(tt.stdin), &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("exit code = %d, want %d (err %v)\nstdout: %s\nstderr: %s", code, tt.wantCode, err, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.wantErrOut) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErrOut, stderr.String())
			}
		})
	}
}

func TestClassifyPrintsJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code, err := run(context.Background(), []string{"classify", "--provider", "jetbrains-hub", "--operation", "authorize",
		"--redirect", "https://svc/cb?error=unsupported_responce_type", "--body", ""}, strings.NewReader(""), &stdout, &stderr)
	if code != exitOK || err != nil {
		t.Fatalf("code %d err %v: %s", code, err, stderr.String())
	}
	var out struct {
		Match struct {
			Kind    string `json:"kind"`
			EntryID string `json:"entryId"`
		} `json:"match"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
	}
	if out.Match.Kind != "MATCH_KIND_PROVIDER_ALIAS" || out.Match.EntryID != "jetbrains-hub.authorize.unsupported_response_type" {
		t.Errorf("match = %+v", out.Match)
	}
}

func TestCatalogStatsJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code, err := run(context.Background(), []string{"catalog", "stats", "--format", "json"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitOK || err != nil {
		t.Fatalf("code %d err %v: %s", code, err, stderr.String())
	}
	var st struct {
		Entries      int `json:"entries"`
		WithCaptures int `json:"entries_with_captures"`
		Providers    []struct {
			ID      string `json:"id"`
			Entries int    `json:"entries"`
		} `json:"providers"`
		SharedCodes []struct {
			Code      string   `json:"code"`
			Providers []string `json:"providers"`
		} `json:"shared_codes"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &st); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	sum := 0
	for _, p := range st.Providers {
		sum += p.Entries
	}
	if st.Entries == 0 || sum != st.Entries || st.WithCaptures == 0 || st.WithCaptures > st.Entries {
		t.Errorf("entries %d (sum %d), with captures %d", st.Entries, sum, st.WithCaptures)
	}
	for _, sc := range st.SharedCodes {
		if len(sc.Providers) < 2 {
			t.Errorf("shared code %s has providers %v", sc.Code, sc.Providers)
		}
	}
}

// TestHealthcheckTLS probes a TLS port that requires client certificates:
// with --ca, --cert and --key it passes, without the client certificate it
// fails.
func TestHealthcheckTLS(t *testing.T) {
	certFile, keyFile, _, _ := testcert.Write(t)
	srv := startServer(t, service.Config{TLSCert: certFile, TLSKey: keyFile, TLSClientCA: certFile})
	url := "https://" + srv.HTTPAddr() + "/healthz"
	for _, tt := range []struct {
		args []string
		ok   bool
	}{
		{[]string{"healthcheck", "--url", url, "--ca", certFile, "--cert", certFile, "--key", keyFile}, true},
		{[]string{"healthcheck", "--url", url, "--ca", certFile}, false},
		{[]string{"healthcheck", "--url", url}, false},
	} {
		var stdout, stderr bytes.Buffer
		code, err := run(context.Background(), tt.args, strings.NewReader(""), &stdout, &stderr)
		if (code == exitOK) != tt.ok {
			t.Errorf("%v: exit %d (%v), want ok=%t", tt.args[3:], code, err, tt.ok)
		}
	}
}

// errsvc unmatched reads the report of a running errsvc from its operations
// port, as a table and as JSON.
func TestUnmatchedCommand(t *testing.T) {
	srv := startServer(t, service.Config{OpsAddr: "127.0.0.1:0"})
	ctx := context.Background()
	for range 2 {
		resp, err := http.Post("http://"+srv.HTTPAddr()+"/v1/classify", "application/json",
			strings.NewReader(`{"provider":"stripe","http_status":402,"body":"{\"error\":{\"code\":\"zz_unheard_of\"}}"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}

	var stdout, stderr bytes.Buffer
	if code, err := run(ctx, []string{"unmatched", "--addr", srv.OpsAddr()}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("unmatched: exit %d (%v) %s", code, err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "2 unmatched answers since ") {
		t.Fatalf("table:\n%s", stdout.String())
	}
	if f := strings.Fields(lines[3]); len(f) < 6 || f[0] != "2" || f[1] != "stripe" || f[3] != "402" || f[4] != "zz_unheard_of" {
		t.Errorf("row %q", lines[3])
	}

	stdout.Reset()
	if code, err := run(ctx, []string{"unmatched", "--addr", srv.OpsAddr(), "--format", "json", "--provider", "stripe"}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("unmatched --format json: exit %d (%v)", code, err)
	}
	var report struct {
		Signatures []struct {
			UpstreamCode string `json:"upstreamCode"`
			Count        string `json:"count"`
		} `json:"signatures"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("%v: %s", err, stdout.String())
	}
	if len(report.Signatures) != 1 || report.Signatures[0].UpstreamCode != "zz_unheard_of" || report.Signatures[0].Count != "2" {
		t.Errorf("json report %+v", report)
	}

	if code, _ := run(ctx, []string{"unmatched", "--format", "yaml"}, strings.NewReader(""), &stdout, &stderr); code != exitUsage {
		t.Errorf("--format yaml: exit %d, want %d", code, exitUsage)
	}
}

// errsvc catalog coverage replays a HAR file and JSON Lines of requests and
// says what the catalog understood.
func TestCatalogCoverage(t *testing.T) {
	type notUnderstood struct {
		Provider   string `json:"provider"`
		HTTPStatus int32  `json:"http_status"`
		Code       string `json:"upstream_code"`
		MatchKind  string `json:"match_kind"`
	}
	type report struct {
		Responses  int `json:"responses"`
		Understood int `json:"understood"`
		Skipped    int `json:"skipped"`
		Invalid    []string
		Providers  []struct {
			Provider   string         `json:"provider"`
			ByKind     map[string]int `json:"by_kind"`
			Responses  int            `json:"responses"`
			Understood int            `json:"understood"`
		} `json:"providers"`
		NotUnderstood []notUnderstood `json:"not_understood"`
	}
	cover := func(t *testing.T, args ...string) (report, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		code, err := run(context.Background(), append([]string{"catalog", "coverage"}, args...), strings.NewReader(""), &stdout, &stderr)
		if code != exitOK {
			t.Fatalf("coverage %v: exit %d (%v) %s", args, code, err, stderr.String())
		}
		var r report
		if slices.Contains(args, "json") {
			if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
				t.Fatalf("%v: %s", err, stdout.String())
			}
		}
		return r, stdout.String()
	}

	// The HAR: ten Okta error responses (one a redirect carrying error=) and
	// three successes, which are skipped; every one is named by an entry
	// (E0000053 under 500 by the one Okta's System Log reference documents).
	r, _ := cover(t, "--format", "json", "--provider", "okta", "testdata/coverage/okta.har")
	if r.Responses != 10 || r.Understood != 10 || r.Skipped != 3 || len(r.Providers) != 1 || r.Providers[0].Provider != "okta" {
		t.Errorf("okta.har: %+v", r)
	}
	if got := r.Providers[0].ByKind["PROVIDER_ENTRY"] + r.Providers[0].ByKind["STANDARD"]; got != 10 {
		t.Errorf("okta.har by kind %v", r.Providers[0].ByKind)
	}
	if len(r.NotUnderstood) != 0 {
		t.Errorf("okta.har not understood: %+v", r.NotUnderstood)
	}
	_, text := cover(t, "--provider", "okta", "testdata/coverage/okta.har")
	if !strings.Contains(text, "10 error responses, 10 (100%) named by a catalog entry; 3 records skipped") {
		t.Errorf("table:\n%s", text)
	}

	// JSON Lines name their providers; bungie and amadeus are not in the
	// catalog.
	r, _ = cover(t, "--format", "json", "testdata/coverage/mixed.jsonl")
	perProvider := map[string]int{}
	for _, p := range r.Providers {
		perProvider[p.Provider] = p.Responses
	}
	if diff := cmp.Diff(map[string]int{"stripe": 2, "truelayer": 3, "unknown": 5}, perProvider); diff != "" {
		t.Errorf("mixed.jsonl providers (-want +got):\n%s", diff)
	}

	// Hostile lines are skipped and said, not fatal.
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"httpStatus\":\"x\"}\nnot json\n\xff\xfe\n{}\n{\"httpStatus\":503}\n"), 0o644)
	r, _ = cover(t, "--format", "json", bad)
	if r.Responses != 1 || r.Skipped != 4 || len(r.Invalid) != 4 {
		t.Errorf("bad.jsonl: %+v", r)
	}
	var stdout, stderr bytes.Buffer
	if code, _ := run(context.Background(), []string{"catalog", "coverage", "--input", "har", bad}, strings.NewReader(""), &stdout, &stderr); code != exitFailure {
		t.Errorf("a JSON Lines file read as HAR: exit %d, want %d", code, exitFailure)
	}
}

// The loop of issue 15 end to end: unknown errors sent to a running errsvc
// are drafted into catalog YAML that is refused while FILL_IN remains,
// passes catalog check and test once filled, and, served as shadow entries,
// is counted without changing a single answer.
func TestCatalogDraftLoop(t *testing.T) {
	recorded, err := os.ReadFile("testdata/coverage/mixed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var requests []string
	for _, line := range strings.Split(string(recorded), "\n") {
		if strings.HasPrefix(line, "{") {
			requests = append(requests, line)
		}
	}
	// send classifies every recorded request over REST and returns the
	// answers.
	send := func(srv *service.Server) []string {
		var answers []string
		for _, req := range requests {
			resp, err := http.Post("http://"+srv.HTTPAddr()+"/v1/classify", "application/json", strings.NewReader(req))
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Classification json.RawMessage `json:"classification"`
				Match          struct {
					EntryID string `json:"entryId"`
				} `json:"match"`
			}
			json.NewDecoder(resp.Body).Decode(&got)
			resp.Body.Close()
			answers = append(answers, got.Match.EntryID+" "+string(got.Classification))
		}
		return answers
	}
	srv := startServer(t, service.Config{OpsAddr: "127.0.0.1:0"})
	before := send(srv)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code, err := run(context.Background(), []string{"catalog", "draft", "--addr", srv.OpsAddr(), "--out", out}, strings.NewReader(""), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("draft: exit %d (%v) %s", code, err, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.yaml"))
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	// amadeus and bungie are new providers; truelayer's file is the
	// embedded one with entries added.
	if diff := cmp.Diff([]string{"amadeus.yaml", "bungie.yaml", "truelayer.yaml"}, names); diff != "" {
		t.Fatalf("drafted files (-want +got):\n%s", diff)
	}
	if code, _ := run(context.Background(), []string{"catalog", "check", out}, strings.NewReader(""), &stdout, &stderr); code != exitFailure {
		t.Errorf("catalog check of an unfilled draft: exit %d, want %d", code, exitFailure)
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		os.WriteFile(f, bytes.ReplaceAll(b, []byte("FILL_IN"), []byte("Written by a person")), 0o644)
	}
	for _, cmd := range []string{"check", "test"} {
		stderr.Reset()
		if code, err := run(context.Background(), []string{"catalog", cmd, out}, strings.NewReader(""), &stdout, &stderr); code != exitOK {
			t.Errorf("catalog %s of the filled draft: exit %d (%v)\n%s", cmd, code, err, stderr.String())
		}
	}

	// Served as shadows, the drafted entries change no answer and are
	// counted.
	srv = startServer(t, service.Config{OpsAddr: "127.0.0.1:0", CatalogDir: out})
	if diff := cmp.Diff(before, send(srv)); diff != "" {
		t.Errorf("shadow entries changed answers (-before +after):\n%s", diff)
	}
	resp, err := http.Get("http://" + srv.OpsAddr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(metrics, []byte(`errsvc_shadow_matches_total{entry="bungie.webauthrequired",provider="bungie"}`)) {
		t.Errorf("no shadow match counted for bungie.webauthrequired:\n%s", grepLines(metrics, "shadow"))
	}
}

func grepLines(b []byte, s string) string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// startServer runs a real errsvc on loopback until the test ends.
func startServer(t *testing.T, cfg service.Config) *service.Server {
	t.Helper()
	cfg.GRPCAddr, cfg.HTTPAddr = "127.0.0.1:0", "127.0.0.1:0"
	cfg.Logger = slog.New(slog.DiscardHandler)
	srv, err := service.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return srv
}
