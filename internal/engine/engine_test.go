package engine

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

var testCatalog = mustCatalog()

// got is the part of a result the table tests compare.
type got struct {
	Entry    string
	Kind     string
	Category string
	Action   string
	Code     string
	Fallback string `cmp:",omitempty"`
}

func summarize(r *Result) got {
	g := got{Kind: strings.TrimPrefix(r.Kind.String(), "MATCH_KIND_"), Action: strings.TrimPrefix(r.Action.String(), "ACTION_")}
	c := r.Classification()
	g.Category = strings.TrimPrefix(c.GetCategory().String(), "CATEGORY_")
	g.Code = c.GetCode()
	if r.Entry != nil {
		g.Entry = r.Entry.Proto.GetId()
	}
	if r.Fallback != errsvcv1.Action_ACTION_UNSPECIFIED {
		g.Fallback = strings.TrimPrefix(r.Fallback.String(), "ACTION_")
	}
	return g
}

func classifyT(t *testing.T, req *Request) Result {
	t.Helper()
	r, err := Classify(testCatalog, req, nil)
	if err != nil {
		t.Fatalf("Classify: %v", err)
	}
	return r
}

// TestCatalogExamples is what `errsvc catalog test` runs: every example of
// every entry classifies to that entry.
func TestCatalogExamples(t *testing.T) {
	passed, failures := CheckExamples(testCatalog)
	if len(failures) > 0 {
		t.Fatalf("%d examples passed; failures:\n%v", passed, errors.Join(failures...))
	}
	if passed < len(testCatalog.Entries()) {
		t.Errorf("only %d examples for %d entries", passed, len(testCatalog.Entries()))
	}
}

// TestSeeds sends every row of the four seed tables as its provider sends it.
func TestSeeds(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want got
	}{
		// seeds/000 Danske Bank.
		{"danske success", Request{Provider: "danske-bank", HTTPStatus: 200, Body: `{"sub":"x"}`},
			got{"danske-bank.success", "PROVIDER_ENTRY", "NO_ERROR", "NONE", "OK", ""}},
		{"danske generic invalid_request", Request{Provider: "danske-bank", Operation: "userinfo", HTTPStatus: 400, Body: `{"error":"invalid_request","error_description":"Invalid request"}`},
			got{"danske-bank.invalid_request", "PROVIDER_ENTRY", "INVALID_REQUEST", "FIX_REQUEST", "INVALID_REQUEST", ""}},
		{"danske generic server_error", Request{Provider: "danske-bank", HTTPStatus: 500, Body: `{"error":"server_error"}`},
			got{"danske-bank.server_error", "PROVIDER_ENTRY", "UPSTREAM_ERROR", "CONTACT_PROVIDER", "SERVER_ERROR", ""}},
		{"danske authorize success", Request{Provider: "danske-bank", Operation: "authorize", HTTPStatus: 302, RedirectURI: "https://tpp/cb?code=abc&state=s"},
			got{"danske-bank.authorize.success", "PROVIDER_ENTRY", "NO_ERROR", "NONE", "OK", ""}},
		{"danske user_cancelled", Request{Provider: "danske-bank", Operation: "authorize", HTTPStatus: 302, RedirectURI: "https://tpp/cb?error=user_cancelled&state=s"},
			got{"danske-bank.authorize.user_cancelled", "PROVIDER_ENTRY", "USER_CANCELLED", "ABORT", "USER_CANCELLED", ""}},
		{"danske authorize invalid_request", Request{Provider: "danske-bank", Operation: "authorize", HTTPStatus: 400, Body: `{"error":"invalid_request"}`},
			got{"danske-bank.authorize.invalid_request", "PROVIDER_ENTRY", "INVALID_REQUEST", "FIX_REQUEST", "INVALID_REQUEST", ""}},
		{"danske invalid_request_object", Request{Provider: "danske-bank", Operation: "authorize", HTTPStatus: 400, Body: `{"error":"invalid_request_object"}`},
			got{"danske-bank.authorize.invalid_request_object", "PROVIDER_ENTRY", "INVALID_REQUEST", "FIX_REQUEST", "INVALID_REQUEST_OBJECT", ""}},
		{"danske invalid_client", Request{Provider: "danske-bank", Operation: "authorize", HTTPStatus: 400, Body: `{"error":"invalid_client"}`},
			got{"danske-bank.authorize.invalid_client", "PROVIDER_ENTRY", "CLIENT_CONFIGURATION", "FIX_CLIENT_CONFIGURATION", "INVALID_CLIENT", ""}},
		{"danske unauthorized_client", Request{Provider: "danske-bank", Operation: "authorize", HTTPStatus: 401, Body: `{"error":"unauthorized_client"}`},
			got{"danske-bank.authorize.unauthorized_client", "PROVIDER_ENTRY", "CLIENT_CONFIGURATION", "FIX_CLIENT_CONFIGURATION", "UNAUTHORIZED_CLIENT", ""}},
		{"danske disapproved_customer", Request{Provider: "danske-bank", Operation: "authorize", HTTPStatus: 401, Body: `{"error":"disapproved_customer","error_description":"Disapproved customer."}`},
			got{"danske-bank.authorize.disapproved_customer", "PROVIDER_ENTRY", "ACCOUNT_STATE", "USER_CONTACT_PROVIDER", "DISAPPROVED_CUSTOMER", ""}},
		{"danske insufficient_scope", Request{Provider: "danske-bank", Operation: "authorize", HTTPStatus: 403, Body: `{"error":"insufficient_scope"}`},
			got{"danske-bank.authorize.insufficient_scope", "PROVIDER_ENTRY", "AUTHORIZATION", "REQUEST_SCOPE", "INSUFFICIENT_SCOPE", ""}},
		{"danske authorize server_error", Request{Provider: "danske-bank", Operation: "authorize", HTTPStatus: 500, Body: `{"error":"server_error"}`},
			got{"danske-bank.authorize.server_error", "PROVIDER_ENTRY", "UPSTREAM_ERROR", "CONTACT_PROVIDER", "SERVER_ERROR", ""}},
		{"danske token success", Request{Provider: "danske-bank", Operation: "token", HTTPStatus: 200, Body: `{"access_token":"a","token_type":"Bearer"}`},
			got{"danske-bank.token.success", "PROVIDER_ENTRY", "NO_ERROR", "NONE", "OK", ""}},
		{"danske token invalid_request", Request{Provider: "danske-bank", Operation: "token", HTTPStatus: 400, Body: `{"error":"invalid_request"}`},
			got{"danske-bank.token.invalid_request", "PROVIDER_ENTRY", "INVALID_REQUEST", "FIX_REQUEST", "INVALID_REQUEST", ""}},
		{"danske unsupported_assertion_type", Request{Provider: "danske-bank", Operation: "token", HTTPStatus: 400, Body: `{"error":"unsupported_assertion_type"}`},
			got{"danske-bank.token.unsupported_assertion_type", "PROVIDER_ENTRY", "CLIENT_CONFIGURATION", "FIX_CLIENT_CONFIGURATION", "UNSUPPORTED_ASSERTION_TYPE", ""}},
		{"danske unsupported_grant_type", Request{Provider: "danske-bank", Operation: "token", HTTPStatus: 400, Body: `{"error":"unsupported_grant_type"}`},
			got{"danske-bank.token.unsupported_grant_type", "PROVIDER_ENTRY", "CLIENT_CONFIGURATION", "FIX_CLIENT_CONFIGURATION", "UNSUPPORTED_GRANT_TYPE", ""}},
		{"danske token server_error", Request{Provider: "danske-bank", Operation: "token", HTTPStatus: 500, Body: `{"error":"server_error"}`},
			got{"danske-bank.token.server_error", "PROVIDER_ENTRY", "UPSTREAM_ERROR", "CONTACT_PROVIDER", "SERVER_ERROR", ""}},

		// seeds/001 Nationwide.
		{"nbs consent rejected", Request{Provider: "nationwide", HTTPStatus: 400, Body: `{"Code":"400 BadRequest","Errors":[{"ErrorCode":"UK.OBIE.Resource.InvalidConsentStatus","Message":"Rejected"}]}`},
			got{"nationwide.consent-rejected", "PROVIDER_ENTRY", "CONSENT", "RE_CONSENT", "INVALID_CONSENT_STATUS", ""}},
		{"nbs token expired", Request{Provider: "nationwide", HTTPStatus: 401},
			got{"nationwide.access-token-expired", "PROVIDER_ENTRY", "AUTHENTICATION", "REFRESH_TOKEN", "ACCESS_TOKEN_EXPIRED", "RE_AUTHENTICATE"}},
		{"nbs token expired, no refresh token", Request{Provider: "nationwide", HTTPStatus: 401, Context: map[string]string{"refresh_token_available": "false"}},
			got{"nationwide.access-token-expired", "PROVIDER_ENTRY", "AUTHENTICATION", "RE_AUTHENTICATE", "ACCESS_TOKEN_EXPIRED", ""}},
		{"nbs revoked at aspsp", Request{Provider: "nationwide", HTTPStatus: 403, Context: map[string]string{"consent_status": "Authorised"}},
			got{"nationwide.access-revoked-at-aspsp", "PROVIDER_ENTRY", "AUTHENTICATION", "RE_AUTHENTICATE", "ACCESS_REVOKED", ""}},
		{"nbs consent expired", Request{Provider: "nationwide", HTTPStatus: 403, Context: map[string]string{"consent_expired": "TRUE", "access_token_expired": "true"}},
			got{"nationwide.consent-expired", "PROVIDER_ENTRY", "CONSENT", "RE_CONSENT", "CONSENT_EXPIRED", ""}},
		{"nbs consent expired by status", Request{Provider: "nationwide", HTTPStatus: 403, Context: map[string]string{"consent_status": "Expired"}},
			got{"nationwide.consent-expired-status", "PROVIDER_ENTRY", "CONSENT", "RE_CONSENT", "CONSENT_EXPIRED", ""}},
		{"nbs account closed", Request{Provider: "nationwide", HTTPStatus: 403, Context: map[string]string{"account_status": "closed"}},
			got{"nationwide.account-closed", "PROVIDER_ENTRY", "ACCOUNT_STATE", "NONE", "ACCOUNT_CLOSED", ""}},
		{"nbs account barred", Request{Provider: "nationwide", HTTPStatus: 403, Context: map[string]string{"account_status": "barred"}},
			got{"nationwide.account-barred", "PROVIDER_ENTRY", "ACCOUNT_STATE", "USER_CONTACT_PROVIDER", "ACCOUNT_BARRED", "RE_AUTHENTICATE"}},
		{"nbs consent revoked by tpp", Request{Provider: "nationwide", HTTPStatus: 403, Context: map[string]string{"consent_revoked_by_client": "true"}},
			got{"nationwide.consent-revoked-by-tpp", "PROVIDER_ENTRY", "CONSENT", "ABORT", "CONSENT_REVOKED", ""}},
		{"nbs ambiguous 403", Request{Provider: "nationwide", HTTPStatus: 403},
			got{"nationwide.forbidden", "PROVIDER_ENTRY", "CONSENT", "RE_CONSENT", "ACCESS_FORBIDDEN", ""}},

		// seeds/002 the HTTP 440 authentication API.
		{"440 numeric code", Request{Provider: "auth-api-440", HTTPStatus: 440, Body: `{"code":53209}`},
			got{"auth-api-440.login_required", "PROVIDER_ENTRY", "USER_INTERACTION_REQUIRED", "RE_AUTHENTICATE", "LOGIN_REQUIRED", ""}},
		{"440 problems array", Request{Provider: "auth-api-440", HTTPStatus: 440, Body: `{"problems":[{"code":53207,"message":"maintenance"}]}`},
			got{"auth-api-440.temporarily_unavailable", "PROVIDER_ENTRY", "UPSTREAM_UNAVAILABLE", "RETRY_WITH_BACKOFF", "TEMPORARILY_UNAVAILABLE", ""}},
		{"440 literal only", Request{Provider: "auth-api-440", HTTPStatus: 440, Body: `{"error":"access_denied"}`},
			got{"auth-api-440.access_denied", "PROVIDER_ENTRY", "USER_CANCELLED", "ABORT", "ACCESS_DENIED", ""}},

		// seeds/003 JetBrains Hub, including its misspelling.
		{"hub typo", Request{Provider: "jetbrains-hub", Operation: "authorize", RedirectURI: "https://svc/cb?error=unsupported_responce_type&state=1"},
			got{"jetbrains-hub.authorize.unsupported_response_type", "PROVIDER_ALIAS", "CLIENT_CONFIGURATION", "FIX_CLIENT_CONFIGURATION", "UNSUPPORTED_RESPONSE_TYPE", ""}},
		{"hub unauthorized_client authorize", Request{Provider: "jetbrains-hub", Operation: "authorize", RedirectURI: "?error=unauthorized_client"},
			got{"jetbrains-hub.authorize.unauthorized_client", "PROVIDER_ENTRY", "CLIENT_CONFIGURATION", "FIX_CLIENT_CONFIGURATION", "UNAUTHORIZED_CLIENT", ""}},
		{"hub invalid_grant", Request{Provider: "jetbrains-hub", Operation: "token", HTTPStatus: 400, Body: `{"error":"invalid_grant"}`},
			got{"jetbrains-hub.token.invalid_grant", "PROVIDER_ENTRY", "AUTHENTICATION", "RE_AUTHENTICATE", "INVALID_GRANT", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := classifyT(t, &tt.req)
			if diff := cmp.Diff(tt.want, summarize(&r)); diff != "" {
				t.Errorf("classification mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNationwideAmbiguous403 checks the safest primary answer comes with
// every scenario and the context that selects it.
func TestNationwideAmbiguous403(t *testing.T) {
	r := classifyT(t, &Request{Provider: "nationwide", HTTPStatus: 403})
	gotAlts := map[string]map[string]string{}
	for _, a := range r.Alternatives {
		ctx := map[string]string{}
		for _, f := range a.Context {
			ctx[f.Key] = f.Value
		}
		gotAlts[a.Entry.Proto.GetId()] = ctx
	}
	want := map[string]map[string]string{
		"nationwide.access-revoked-at-aspsp": {"consent_status": "authorised"},
		"nationwide.consent-expired":         {"consent_expired": "true"},
		"nationwide.consent-expired-status":  {"consent_status": "expired"},
		"nationwide.account-closed":          {"account_status": "closed"},
		"nationwide.account-barred":          {"account_status": "barred"},
		"nationwide.account-blocked":         {"account_status": "blocked"},
		"nationwide.consent-revoked-by-tpp":  {"consent_revoked_by_client": "true"},
		"nationwide.sca-expired":             {"sca_expired": "true"},
	}
	if diff := cmp.Diff(want, gotAlts); diff != "" {
		t.Errorf("alternatives mismatch (-want +got):\n%s", diff)
	}
	if r.Classification().GetRetryable() {
		t.Errorf("ambiguous 403 is retryable; want not")
	}
}

func TestMultipleErrorsMostDemanding(t *testing.T) {
	body := `{"Code":"400 BadRequest","Errors":[
		{"ErrorCode":"UK.OBIE.Field.Missing","Message":"DebtorAccount missing"},
		{"ErrorCode":"UK.OBIE.Resource.InvalidConsentStatus","Message":"consent rejected"}]}`
	r := classifyT(t, &Request{Provider: "nationwide", HTTPStatus: 400, Body: body})
	if len(r.Alternatives) != 1 {
		t.Fatalf("alternatives = %d, want 1", len(r.Alternatives))
	}
	primary, other := r.Action, r.Alternatives[0].Entry.Proto.GetClassification().GetAction()
	if Demand(primary) < Demand(other) {
		t.Errorf("primary action %v less demanding than alternative %v", primary, other)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		headers map[string]string
		want    time.Duration
	}{
		{"seconds", map[string]string{"Retry-After": "120"}, 120 * time.Second},
		{"fractional", map[string]string{"retry-after": "1.5"}, 1500 * time.Millisecond},
		{"http date", map[string]string{"Retry-After": "Sun, 22 Nov 2026 10:00:30 GMT"}, 30 * time.Second},
		{"date in the past", map[string]string{"Retry-After": "Sun, 22 Nov 2026 09:00:00 GMT"}, 0},
		{"ratelimit reset delta", map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "42"}, 42 * time.Second},
		{"ratelimit reset epoch", map[string]string{"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1795341660"}, 60 * time.Second},
		{"ratelimit structured", map[string]string{"RateLimit": `"default";r=0;t=7`}, 7 * time.Second},
		{"absurd", map[string]string{"Retry-After": "99999999"}, maxRetryAfter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := classifyT(t, &Request{HTTPStatus: 429, Headers: tt.headers, Now: now})
			if !r.HasRetryAfter || r.RetryAfter != tt.want {
				t.Errorf("retry after = %v (set %t), want %v", r.RetryAfter, r.HasRetryAfter, tt.want)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	lim := DefaultLimits
	lim.MaxBodyBytes = 1000
	lim.MaxDepth = 10
	lim.MaxElements = 50
	tests := []struct {
		name   string
		req    Request
		reason string
	}{
		{"empty", Request{}, "EMPTY_REQUEST"},
		{"only context", Request{Context: map[string]string{"a": "b"}}, "EMPTY_REQUEST"},
		{"too large", Request{Body: strings.Repeat("x", 1001)}, "BODY_TOO_LARGE"},
		{"too deep", Request{Body: strings.Repeat("[", 11) + strings.Repeat("]", 11)}, "BODY_TOO_DEEP"},
		{"too deep objects", Request{Body: strings.Repeat(`{"a":`, 11) + "1" + strings.Repeat("}", 11)}, "BODY_TOO_DEEP"},
		{"too many elements", Request{Body: "[" + strings.Repeat("1,", 60) + "1]"}, "BODY_TOO_MANY_ELEMENTS"},
		{"bad status", Request{HTTPStatus: 1000}, "INVALID_HTTP_STATUS"},
		{"long provider", Request{HTTPStatus: 400, Provider: strings.Repeat("p", lim.MaxFieldBytes+1)}, "INVALID_PROVIDER"},
		{"provider not an id", Request{HTTPStatus: 400, Provider: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"}, "INVALID_PROVIDER"},
		{"provider with a slash", Request{HTTPStatus: 400, Provider: "danske/bank"}, "INVALID_PROVIDER"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Classify(testCatalog, &tt.req, &lim)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Reason != tt.reason {
				t.Errorf("reason = %s, want %s (%s)", e.Reason, tt.reason, e.Message)
			}
		})
	}
}

func TestUnknownEverything(t *testing.T) {
	// A text body is read as a message; one that names nothing is unknown.
	r := classifyT(t, &Request{Body: "see the log for request 7f3a"})
	if diff := cmp.Diff(got{Kind: "NONE", Category: "UNKNOWN", Action: "ABORT", Code: "UNKNOWN"}, summarize(&r)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !r.Unmatched {
		t.Error("Unmatched = false, want true")
	}
}

func TestNonUTF8Body(t *testing.T) {
	body := "{\"error\":\"invalid_grant\",\"error_description\":\"bad \xff\xfe bytes\"}"
	r := classifyT(t, &Request{HTTPStatus: 400, Body: body})
	if got := r.Classification().GetCode(); got != "INVALID_GRANT" {
		t.Errorf("code = %s, want INVALID_GRANT", got)
	}
	resp := r.Response(testCatalog)
	if d := resp.GetMatch().GetUpstreamDescription(); !strings.Contains(d, "\uFFFD") || strings.ContainsRune(d, 0xff) {
		t.Errorf("description %q not sanitized", d)
	}
}

func TestUnmatched(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want bool
	}{
		{"known code", Request{HTTPStatus: 400, Body: `{"error":"invalid_grant"}`}, false},
		{"unknown code", Request{HTTPStatus: 400, Body: `{"error":"frobnicated"}`}, true},
		{"status only", Request{HTTPStatus: 503}, false},
		{"success with fields", Request{HTTPStatus: 200, Body: `{"status":"ACTIVE"}`}, false},
		{"success with an error key", Request{HTTPStatus: 200, Body: `{"error":"frobnicated"}`}, true},
		{"nothing understood", Request{Body: "??"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := classifyT(t, &tt.req); r.Unmatched != tt.want {
				t.Errorf("Unmatched = %t, want %t", r.Unmatched, tt.want)
			}
		})
	}
}

// mustCatalog loads the embedded catalog, which its own tests keep valid.
func mustCatalog() *catalog.Catalog {
	cat, err := catalog.Load("")
	if err != nil {
		panic(err)
	}
	return cat
}
