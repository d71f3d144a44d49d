package engine

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readSAML(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/saml/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSAML reads real SAML responses (testdata/saml, see its README) as
// the decoded XML, as the base64 SAMLResponse value, and deflated as the
// Redirect binding sends it.
func TestSAML(t *testing.T) {
	const status = "urn:oasis:names:tc:SAML:2.0:status:"
	tests := []struct {
		file     string
		want     got
		upstream string
	}{
		{"python3-saml.responder.b64", got{Category: "UPSTREAM_ERROR", Action: "RETRY_WITH_BACKOFF", Kind: "STANDARD", Entry: "saml.status.responder", Code: "SAML_RESPONDER_ERROR"}, status + "Responder"},
		{"python3-saml.logout-responder.deflate.b64", got{Category: "UPSTREAM_ERROR", Action: "RETRY_WITH_BACKOFF", Kind: "STANDARD", Entry: "saml.status.responder", Code: "SAML_RESPONDER_ERROR"}, status + "Responder"},
		// The second-level code answers before the top-level Requester.
		{"ruby-saml.unsupported-binding.b64", got{Category: "CLIENT_CONFIGURATION", Action: "FIX_CLIENT_CONFIGURATION", Kind: "STANDARD", Entry: "saml.status.unsupported_binding", Code: "SAML_UNSUPPORTED_BINDING"}, status + "UnsupportedBinding"},
		{"java-saml.authn-failed.b64", got{Category: "AUTHENTICATION", Action: "RE_AUTHENTICATE", Kind: "STANDARD", Entry: "saml.status.authn_failed", Code: "SAML_AUTHN_FAILED"}, status + "AuthnFailed"},
		{"node-saml.invalid-nameid-policy.xml", got{Category: "CLIENT_CONFIGURATION", Action: "FIX_CLIENT_CONFIGURATION", Kind: "STANDARD", Entry: "saml.status.invalid_name_id_policy", Code: "SAML_INVALID_NAME_ID_POLICY"}, status + "InvalidNameIDPolicy"},
		{"node-saml.no-passive.xml", got{Category: "USER_INTERACTION_REQUIRED", Action: "RE_AUTHENTICATE", Kind: "STANDARD", Entry: "saml.status.no_passive", Code: "SAML_NO_PASSIVE"}, status + "NoPassive"},
		{"node-saml.slo-redirect-failure.deflate.b64", got{Category: "INVALID_REQUEST", Action: "FIX_REQUEST", Kind: "STANDARD", Entry: "saml.status.requester", Code: "SAML_REQUESTER_ERROR"}, status + "Requester"},
		// AuthnFailed covers many causes; the status message names this one.
		{"stepup-gateway.authn-cancelled.xml", got{Category: "USER_CANCELLED", Action: "ABORT", Kind: "INFERRED", Entry: "inference.user-cancelled", Code: "USER_CANCELLED"}, status + "AuthnFailed"},
		{"authentik.google-acs-mismatch.xml", got{Category: "CLIENT_CONFIGURATION", Action: "FIX_CLIENT_CONFIGURATION", Kind: "INFERRED", Entry: "inference.redirect-uri-mismatch", Code: "REDIRECT_URI_MISMATCH"}, status + "RequestDenied"},
		// A logout that succeeded here but not at every other service.
		{"sustainsys.adfs-partial-logout.xml", got{Category: "NO_ERROR", Action: "NONE", Kind: "HTTP_STATUS", Entry: "http.2xx.ok", Code: "OK"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := classifyT(t, &Request{Body: readSAML(t, tt.file)})
			if diff := cmp.Diff(tt.want, summarize(&r)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if got := r.UpstreamCode.String(); got != tt.upstream {
				t.Errorf("upstream code = %q, want %q", got, tt.upstream)
			}
		})
	}
}

// TestSAMLBindings reads one real Redirect-binding value in each place a
// SAMLResponse arrives: alone, in a posted form, and in the query of the
// redirect, whose evidence then names the redirect.
func TestSAMLBindings(t *testing.T) {
	v := strings.TrimSpace(readSAML(t, "node-saml.slo-redirect-failure.deflate.b64"))
	const code = "urn:oasis:names:tc:SAML:2.0:status:Requester"
	for _, tt := range []struct {
		name     string
		req      Request
		evidence []string
	}{
		{"value", Request{Body: v}, []string{"body.xml.StatusCode=" + code}},
		{"form", Request{HTTPStatus: 200, Body: "SAMLResponse=" + url.QueryEscape(v) + "&RelayState=%2Fapp"}, []string{"body.xml.StatusCode=" + code}},
		{"redirect", Request{RedirectURI: "https://sp.example/saml/slo?SAMLResponse=" + url.QueryEscape(v) + "&RelayState=%2Fapp"}, []string{"redirect.StatusCode=" + code}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := classifyT(t, &tt.req)
			if diff := cmp.Diff(got{Category: "INVALID_REQUEST", Action: "FIX_REQUEST", Kind: "STANDARD", Entry: "saml.status.requester", Code: "SAML_REQUESTER_ERROR"}, summarize(&r)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.evidence, r.Response(testCatalog).GetMatch().GetEvidence()); diff != "" {
				t.Errorf("evidence (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSAMLFallback: a second-level code that no entry defines leaves the
// answer to the top-level one. The body is node-saml's real response with
// its second-level code changed to ProxyCountExceeded, a code of the
// standard that has no entry.
func TestSAMLFallback(t *testing.T) {
	body := strings.Replace(readSAML(t, "node-saml.invalid-nameid-policy.xml"), "status:InvalidNameIDPolicy", "status:ProxyCountExceeded", 1)
	r := classifyT(t, &Request{Body: body})
	if got, want := r.Entry.Proto.GetId(), "saml.status.responder"; got != want {
		t.Errorf("entry = %q, want %q", got, want)
	}
}

// TestSAMLHostile: what decodes to no XML, to text that is not UTF-8, or
// inflates without end is not read as SAML, and nothing fails.
func TestSAMLHostile(t *testing.T) {
	deflate := func(b []byte) string {
		var buf bytes.Buffer
		w, _ := flate.NewWriter(&buf, flate.BestCompression)
		w.Write(b)
		w.Close()
		return base64.StdEncoding.EncodeToString(buf.Bytes())
	}
	bomb := deflate(append([]byte("<samlp:Response>"), make([]byte, 4<<20)...))
	for name, body := range map[string]string{
		"not xml":     base64.StdEncoding.EncodeToString([]byte(strings.Repeat("not a SAML message ", 8))),
		"not utf-8":   base64.StdEncoding.EncodeToString([]byte("<samlp:Response>\xff\xfe" + strings.Repeat("x", 64))),
		"bomb":        bomb,
		"bomb form":   "SAMLResponse=" + url.QueryEscape(bomb),
		"bad base64":  "SAMLResponse=%%%" + strings.Repeat("A", 70),
		"empty param": "SAMLResponse=&error=access_denied",
	} {
		t.Run(name, func(t *testing.T) {
			if _, ok := samlDocument(body, DefaultLimits.MaxBodyBytes); ok {
				t.Errorf("read as a SAML message")
			}
			classifyT(t, &Request{HTTPStatus: 400, Body: body})
		})
	}
}
