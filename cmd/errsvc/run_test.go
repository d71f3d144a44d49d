package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"

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
	srv, err := service.New(service.Config{GRPCAddr: "127.0.0.1:0", HTTPAddr: "127.0.0.1:0", TLSCert: certFile, TLSKey: keyFile,
		TLSClientCA: certFile, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	defer func() { cancel(); <-done }()
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
	srv, err := service.New(service.Config{GRPCAddr: "127.0.0.1:0", HTTPAddr: "127.0.0.1:0", OpsAddr: "127.0.0.1:0",
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	defer func() { cancel(); <-done }()
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
