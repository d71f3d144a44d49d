package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
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
		{"catalog usage", []string{"catalog"}, "", exitUsage, "", "usage"},
		{"unknown command", []string{"frobnicate"}, "", exitUsage, "", "Usage"},
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
