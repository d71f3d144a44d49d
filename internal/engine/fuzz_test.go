package engine

import (
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClassify drives the whole classify path with hostile bodies, headers
// and redirects. It must never panic, and whatever it returns must be safe
// to send back: valid UTF-8 and bounded.
func FuzzClassify(f *testing.F) {
	for _, c := range formatCases {
		f.Add(c.req.Provider, c.req.Operation, c.req.HTTPStatus, c.req.Body, c.req.Headers["WWW-Authenticate"], c.req.RedirectURI)
	}
	f.Add("nationwide", "", 403, `{"Code":"403"}`, "", "")
	f.Add("", "", 0, "--b\nHTTP/1.1 400 X\n\n--c\nHTTP/1.1 403 Y\n\n{\"error\":{}}\n--b--", "", "")
	f.Add("", "", 400, `{"a":"{\"b\":\"{\\\"error\\\":\\\"invalid_grant\\\"}\"}"}`, `Bearer error=`, "#error")
	f.Add("jetbrains-hub", "authorize", 0, "\xff\xfe", `Bearer error="x\"`, "?error=%zz&error_description=%")
	// A google.rpc.Status with an ErrorInfo, base64, as grpc-status-details-bin.
	f.Add("", "", 200, `{"errors":[["E1","m"]],"ok":false}`, "CAgSDlF1b3RhIGV4Y2VlZGVkGjkKKHR5cGUuZ29vZ2xlYXBpcy5jb20vZ29vZ2xlLnJwYy5FcnJvckluZm8SDQoLUkFURV9MSU1JVA", "")
	f.Add("", "", 400, `{"__type":"a#B","id":"Named_Id","status":false}`, "8", "")
	// Members named with a '$' (SData's, Json.NET's bookkeeping, a bare
	// '$'), a kebab-case error status beside data.
	f.Add("", "", 0, `[{"$severity":"error","$id":"1","$":"x","$$":{"status":"-error"},"status":"a-error","flags":{}}]`, "", "")
	// A WWW-Authenticate value that is a sentence (Gloo's).
	f.Add("", "", 401, "", "API key is missing or invalid", "")
	// FinTS feedback with escaped separators, and one cut short.
	f.Add("", "", 0, "HIRMG:2:2+9050::a?:b?'c'HIRMS:3:2:3+9942::PIN?+x.'", "", "")
	f.Add("", "", 200, "HNHBK:1:3+0'HIRMG:2:2+0030::?", "", "")
	// OCPP-J CALLERROR frames: one whole, one whose description runs past
	// the message limit in multi-byte letters, and lists that only open
	// like one.
	f.Add("", "", 0, `[4,"1","NotSupported","Request Action is recognized but not supported by the receiver",{}]`, "", "")
	f.Add("", "", 0, `[4,"1","GenericError","`+strings.Repeat("é", 700)+`"]`, "", "")
	f.Add("", "", 200, "[ 4 ,\"x\", 5, null]", "", "")
	// An IMS POX answer that failed.
	f.Add("", "", 200, `<imsx_POXEnvelopeResponse><imsx_POXHeader><imsx_POXResponseHeaderInfo><imsx_statusInfo><imsx_codeMajor>failure</imsx_codeMajor><imsx_description>Invalid sourcedid</imsx_description></imsx_statusInfo></imsx_POXResponseHeaderInfo></imsx_POXHeader></imsx_POXEnvelopeResponse>`, "", "")
	// A real SAMLResponse of the Redirect binding, posted and in a redirect.
	if v, err := os.ReadFile("testdata/saml/node-saml.slo-redirect-failure.deflate.b64"); err == nil {
		f.Add("", "", 200, "SAMLResponse="+url.QueryEscape(string(v)), "", "?SAMLResponse="+string(v))
	}
	f.Fuzz(func(t *testing.T, provider, op string, status int, body, challenge, redirect string) {
		req := &Request{Provider: provider, Operation: op, HTTPStatus: status, Body: body, RedirectURI: redirect}
		if challenge != "" {
			// One hostile value in every header errsvc reads.
			req.Headers = map[string]string{"WWW-Authenticate": challenge, "Retry-After": challenge,
				"retry-after-ms": challenge, "grpc-status": challenge, "grpc-message": challenge,
				"grpc-status-details-bin": challenge, "x-amzn-ErrorType": challenge, "X-RateLimit-Remaining": challenge}
		}
		r, err := Classify(testCatalog, req, nil)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not *Error", err)
			}
			return
		}
		resp := r.Response(testCatalog)
		m := resp.GetMatch()
		for _, s := range append([]string{m.GetUpstreamCode(), m.GetUpstreamDescription()}, m.GetEvidence()...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in answer: %q", s)
			}
		}
		if len(m.GetUpstreamDescription()) > maxUpstreamText || len(m.GetUpstreamCode()) > maxUpstreamCode {
			t.Fatalf("unbounded answer: %d/%d bytes", len(m.GetUpstreamCode()), len(m.GetUpstreamDescription()))
		}
		if resp.GetClassification().GetCategory() == 0 || resp.GetClassification().GetAction() == 0 {
			t.Fatalf("unspecified classification: %v", resp.GetClassification())
		}
	})
}

// FuzzJSONScanner checks the scanner alone on arbitrary bytes and nesting.
func FuzzJSONScanner(f *testing.F) {
	f.Add(`{"error":"invalid_grant"}`)
	f.Add(`[{"Errors":[{"ErrorCode":"UK.OBIE.Field.Missing"}]}]`)
	f.Add(strings.Repeat(`{"a":[`, 20))
	f.Add(`{"x":"\u00e9\ud800","code":1e999}`)
	f.Fuzz(func(t *testing.T, s string) {
		x := extraction{extractionState: extractionState{jsonState: jsonState{src: s, lim: &DefaultLimits}}}
		ok := x.scan(0)
		// Every JSON document with an object or array at the top is read
		// whole, unless a limit stopped it.
		if b := strings.TrimSpace(s); json.Valid([]byte(s)) && b != "" && (b[0] == '{' || b[0] == '[') && x.err == nil && !ok {
			t.Fatalf("valid JSON not read: %q", s)
		}
		for i := 0; i < x.n; i++ {
			if sg := &x.sigs[i]; sg.ncands == 0 && sg.desc.raw == "" {
				t.Fatalf("signal %d carries neither a code nor a description: %q", i, s)
			}
		}
	})
}

// FuzzSanitize checks redaction never grows past its bound or breaks UTF-8.
func FuzzSanitize(f *testing.F) {
	f.Add("client_secret=abc&code=xyz Bearer abcdefghijkl")
	f.Add("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")
	f.Add("\xff\x00é")
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s, 64)
		if len(out) > 64 || !utf8.ValidString(out) {
			t.Fatalf("Sanitize(%q) = %q", s, out)
		}
	})
}

// FuzzScanString checks scanString, which reads eight bytes at a time,
// against the plain byte loop it stands for.
func FuzzScanString(f *testing.F) {
	f.Add(`"invalid_grant"`)
	f.Add(`"a\"b\\"`)
	f.Add(`"0123456789abcdef0123456789abcdef0123456789\"x"`)
	f.Add(`"unterminated \`)
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" {
			return
		}
		end, got, ok := scanString(s, 0)
		wantEnd, want, wantOK := len(s), text{}, false
		esc := false
	loop:
		for j := 1; j < len(s); j++ {
			switch s[j] {
			case '\\':
				esc = true
				j++
			case '"':
				wantEnd, want, wantOK = j+1, text{raw: s[1:j], esc: esc}, true
				break loop
			}
		}
		if end != wantEnd || got != want || ok != wantOK {
			t.Fatalf("scanString(%q) = %d, %+v, %v; want %d, %+v, %v", s, end, got, ok, wantEnd, want, wantOK)
		}
	})
}
