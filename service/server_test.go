package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/testing/protocmp"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/gen/errsvc/v1/errsvcv1grpc"
)

// testServer is a real errsvc on loopback with a gRPC client and the base URL
// of its HTTP side.
type testServer struct {
	srv    *Server
	client errsvcv1grpc.ErrorNormalizerClient
	conn   *grpc.ClientConn
	base   string
	stop   context.CancelFunc
	done   chan error
}

func startServer(t *testing.T, cfg Config) *testServer {
	t.Helper()
	cfg.GRPCAddr, cfg.HTTPAddr = "127.0.0.1:0", "127.0.0.1:0"
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.ReloadDebounce == 0 {
		cfg.ReloadDebounce = 50 * time.Millisecond
	}
	if cfg.ReloadSettle == 0 {
		cfg.ReloadSettle = 150 * time.Millisecond
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := &testServer{srv: srv, base: "http://" + srv.HTTPAddr(), stop: cancel, done: make(chan error, 1)}
	go func() { ts.done <- srv.Serve(ctx) }()
	conn, err := grpc.NewClient(srv.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	ts.conn, ts.client = conn, errsvcv1grpc.NewErrorNormalizerClient(conn)
	t.Cleanup(func() {
		conn.Close()
		ts.shutdown(t)
	})
	return ts
}

func (ts *testServer) shutdown(t *testing.T) {
	t.Helper()
	ts.stop()
	select {
	case err := <-ts.done:
		if err != nil {
			t.Errorf("Serve returned %v", err)
		}
		ts.done <- nil // later calls return at once
	case <-time.After(30 * time.Second):
		t.Error("server did not stop")
	}
}

// restCall posts or gets JSON and returns the HTTP status and body.
func (ts *testServer) restCall(t *testing.T, method, path, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// restError is the gateway's JSON status.
type restError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Details []struct {
		Type   string `json:"@type"`
		Reason string `json:"reason"`
		Domain string `json:"domain"`
	} `json:"details"`
}

func (e restError) reason() string {
	for _, d := range e.Details {
		if strings.HasSuffix(d.Type, "google.rpc.ErrorInfo") {
			return d.Reason
		}
	}
	return ""
}

func grpcReason(err error) string {
	for _, d := range status.Convert(err).Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			return info.GetReason()
		}
	}
	return ""
}

// TestClassifyBothTransports runs one case table over gRPC and over REST
// against the same server, asserting the answer and the status codes, and
// that both transports answer identically.
func TestClassifyBothTransports(t *testing.T) {
	ts := startServer(t, Config{MaxBodyBytes: 4096})
	tests := []struct {
		name       string
		req        *errsvcv1.ClassifyRequest
		wantGRPC   codes.Code
		wantHTTP   int
		wantReason string // errsvc's own error
		wantEntry  string
		wantCode   string
		wantCat    errsvcv1.Category
		wantAction errsvcv1.Action
	}{
		{name: "oauth token error", req: &errsvcv1.ClassifyRequest{Provider: "danske-bank", Operation: "token", HttpStatus: 400, Body: `{"error":"unsupported_grant_type"}`},
			wantGRPC: codes.OK, wantHTTP: 200, wantEntry: "danske-bank.token.unsupported_grant_type", wantCode: "UNSUPPORTED_GRANT_TYPE",
			wantCat: errsvcv1.Category_CATEGORY_CLIENT_CONFIGURATION, wantAction: errsvcv1.Action_ACTION_FIX_CLIENT_CONFIGURATION},
		{name: "nationwide context", req: &errsvcv1.ClassifyRequest{Provider: "nationwide", HttpStatus: 403, Context: map[string]string{"consent_expired": "true"}},
			wantGRPC: codes.OK, wantHTTP: 200, wantEntry: "nationwide.consent-expired", wantCode: "CONSENT_EXPIRED",
			wantCat: errsvcv1.Category_CATEGORY_CONSENT, wantAction: errsvcv1.Action_ACTION_RE_CONSENT},
		{name: "hub typo on redirect", req: &errsvcv1.ClassifyRequest{Provider: "jetbrains-hub", Operation: "authorize", RedirectUri: "https://svc/cb?error=unsupported_responce_type"},
			wantGRPC: codes.OK, wantHTTP: 200, wantEntry: "jetbrains-hub.authorize.unsupported_response_type", wantCode: "UNSUPPORTED_RESPONSE_TYPE",
			wantCat: errsvcv1.Category_CATEGORY_CLIENT_CONFIGURATION, wantAction: errsvcv1.Action_ACTION_FIX_CLIENT_CONFIGURATION},
		{name: "non-utf8 body bytes", req: &errsvcv1.ClassifyRequest{HttpStatus: 400, BodyBytes: []byte("{\"error\":\"invalid_grant\",\"error_description\":\"\xff\"}")},
			wantGRPC: codes.OK, wantHTTP: 200, wantCode: "INVALID_GRANT",
			wantCat: errsvcv1.Category_CATEGORY_AUTHENTICATION, wantAction: errsvcv1.Action_ACTION_RE_AUTHENTICATE},
		{name: "empty", req: &errsvcv1.ClassifyRequest{Provider: "danske-bank"},
			wantGRPC: codes.InvalidArgument, wantHTTP: 400, wantReason: "EMPTY_REQUEST"},
		{name: "oversized", req: &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: strings.Repeat("x", 5000)},
			wantGRPC: codes.InvalidArgument, wantHTTP: 400, wantReason: "BODY_TOO_LARGE"},
		{name: "oversized bytes", req: &errsvcv1.ClassifyRequest{HttpStatus: 400, BodyBytes: bytes.Repeat([]byte{0xff}, 5000)},
			wantGRPC: codes.InvalidArgument, wantHTTP: 400, wantReason: "BODY_TOO_LARGE"},
		{name: "deeply nested", req: &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: strings.Repeat("[", 100) + strings.Repeat("]", 100)},
			wantGRPC: codes.InvalidArgument, wantHTTP: 400, wantReason: "BODY_TOO_DEEP"},
		{name: "bad status", req: &errsvcv1.ClassifyRequest{HttpStatus: 99},
			wantGRPC: codes.InvalidArgument, wantHTTP: 400, wantReason: "INVALID_HTTP_STATUS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gresp, gerr := ts.client.Classify(context.Background(), tt.req)
			if got := status.Code(gerr); got != tt.wantGRPC {
				t.Fatalf("gRPC code = %v, want %v (%v)", got, tt.wantGRPC, gerr)
			}
			body, err := protojson.Marshal(tt.req)
			if err != nil {
				t.Fatal(err)
			}
			hstatus, hbody := ts.restCall(t, http.MethodPost, "/v1/classify", string(body))
			if hstatus != tt.wantHTTP {
				t.Fatalf("HTTP status = %d, want %d: %s", hstatus, tt.wantHTTP, hbody)
			}
			if tt.wantReason != "" {
				if got := grpcReason(gerr); got != tt.wantReason {
					t.Errorf("gRPC ErrorInfo reason = %q, want %q", got, tt.wantReason)
				}
				var re restError
				if err := json.Unmarshal(hbody, &re); err != nil {
					t.Fatalf("REST error body %s: %v", hbody, err)
				}
				if got := re.reason(); got != tt.wantReason {
					t.Errorf("REST ErrorInfo reason = %q, want %q", got, tt.wantReason)
				}
				if re.Code != int(tt.wantGRPC) {
					t.Errorf("REST status code = %d, want %d", re.Code, tt.wantGRPC)
				}
				return
			}
			c := gresp.GetClassification()
			if c.GetCategory() != tt.wantCat || c.GetAction() != tt.wantAction || c.GetCode() != tt.wantCode {
				t.Errorf("gRPC = %v/%v/%s, want %v/%v/%s", c.GetCategory(), c.GetAction(), c.GetCode(), tt.wantCat, tt.wantAction, tt.wantCode)
			}
			if tt.wantEntry != "" && gresp.GetMatch().GetEntryId() != tt.wantEntry {
				t.Errorf("entry = %s, want %s", gresp.GetMatch().GetEntryId(), tt.wantEntry)
			}
			hresp := &errsvcv1.ClassifyResponse{}
			if err := protojson.Unmarshal(hbody, hresp); err != nil {
				t.Fatalf("REST body %s: %v", hbody, err)
			}
			if diff := cmp.Diff(gresp, hresp, protocmp.Transform()); diff != "" {
				t.Errorf("gRPC and REST answers differ (-gRPC +REST):\n%s", diff)
			}
		})
	}
}

func TestRESTErrors(t *testing.T) {
	ts := startServer(t, Config{})
	tests := []struct {
		name, method, path, body string
		wantHTTP                 int
		wantReason               string
	}{
		{"unknown field", http.MethodPost, "/v1/classify", `{"httpStatus":400,"bogus":1}`, 400, "UNKNOWN_FIELD"},
		{"not json", http.MethodPost, "/v1/classify", `{{{`, 400, "INVALID_REQUEST_BODY"},
		{"unknown provider", http.MethodGet, "/v1/providers/nope", "", 404, "PROVIDER_NOT_FOUND"},
		{"unknown route", http.MethodGet, "/v1/nothing", "", 404, "ROUTE_NOT_FOUND"},
		{"empty batch", http.MethodPost, "/v1/classify:batch", `{"requests":[]}`, 400, "EMPTY_BATCH"},
		{"wrong method", http.MethodGet, "/v1/classify", "", 405, "METHOD_NOT_ALLOWED"},
		{"wrong method on providers", http.MethodDelete, "/v1/providers/okta", "", 405, "METHOD_NOT_ALLOWED"},
		{"too large", http.MethodPost, "/v1/classify", `{"httpStatus":400,"body":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "REQUEST_TOO_LARGE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := ts.restCall(t, tt.method, tt.path, tt.body)
			if code != tt.wantHTTP {
				t.Fatalf("status = %d, want %d: %s", code, tt.wantHTTP, body)
			}
			var re restError
			if err := json.Unmarshal(body, &re); err != nil {
				t.Fatalf("body %s: %v", body, err)
			}
			if got := re.reason(); got != tt.wantReason {
				t.Errorf("reason = %q, want %q (%s)", got, tt.wantReason, body)
			}
		})
	}
	resp, err := http.Get(ts.base + "/v1/classify")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Allow"); got != http.MethodPost {
		t.Errorf("GET /v1/classify: Allow %q, want POST", got)
	}
}

func TestBatchKeepsOrder(t *testing.T) {
	ts := startServer(t, Config{})
	req := &errsvcv1.ClassifyBatchRequest{Requests: []*errsvcv1.ClassifyRequest{
		{HttpStatus: 503},
		{},
		{HttpStatus: 400, Body: `{"error":"invalid_grant"}`},
	}}
	check := func(t *testing.T, resp *errsvcv1.ClassifyBatchResponse) {
		t.Helper()
		if len(resp.GetResults()) != 3 {
			t.Fatalf("results = %d, want 3", len(resp.GetResults()))
		}
		got := []string{
			resp.GetResults()[0].GetResponse().GetClassification().GetCode(),
			resp.GetResults()[1].GetError().GetReason(),
			resp.GetResults()[2].GetResponse().GetClassification().GetCode(),
		}
		if diff := cmp.Diff([]string{"SERVICE_UNAVAILABLE", "EMPTY_REQUEST", "INVALID_GRANT"}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
	gresp, err := ts.client.ClassifyBatch(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	check(t, gresp)
	body, _ := protojson.Marshal(req)
	code, hbody := ts.restCall(t, http.MethodPost, "/v1/classify:batch", string(body))
	if code != 200 {
		t.Fatalf("status %d: %s", code, hbody)
	}
	hresp := &errsvcv1.ClassifyBatchResponse{}
	if err := protojson.Unmarshal(hbody, hresp); err != nil {
		t.Fatal(err)
	}
	check(t, hresp)
}

func TestProviders(t *testing.T) {
	ts := startServer(t, Config{})
	list, err := ts.client.ListProviders(context.Background(), &errsvcv1.ListProvidersRequest{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, p := range list.GetProviders() {
		ids[p.GetId()] = true
	}
	for _, want := range []string{"danske-bank", "nationwide", "auth-api-440", "jetbrains-hub", "rfc6749", "rfc6750", "oidc-core", "rfc8628", "rfc7009", "rfc9126", "ciba", "rfc9449", "uk-obie", "berlin-group", "http"} {
		if !ids[want] {
			t.Errorf("ListProviders lacks %s", want)
		}
	}
	code, body := ts.restCall(t, http.MethodGet, "/v1/providers/danske-bank", "")
	if code != 200 {
		t.Fatalf("status %d: %s", code, body)
	}
	got := &errsvcv1.GetProviderResponse{}
	if err := protojson.Unmarshal(body, got); err != nil {
		t.Fatal(err)
	}
	want, err := ts.client.GetProvider(context.Background(), &errsvcv1.GetProviderRequest{Id: "danske-bank"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, protocmp.Transform()); diff != "" {
		t.Errorf("gRPC and REST differ:\n%s", diff)
	}
	if len(got.GetEntries()) == 0 || got.GetProvider().GetEntryCount() != int32(len(got.GetEntries())) {
		t.Errorf("entries = %d, entry_count = %d", len(got.GetEntries()), got.GetProvider().GetEntryCount())
	}

	// Ids match case-insensitively and through the provider's aliases, which
	// the list carries.
	var okta *errsvcv1.Provider
	for _, p := range list.GetProviders() {
		if p.GetId() == "okta" {
			okta = p
		}
	}
	if okta == nil || len(okta.GetIdAliases()) == 0 {
		t.Fatalf("ListProviders: okta with its id aliases missing: %v", okta)
	}
	for _, id := range []string{"Okta", " OKTA ", okta.GetIdAliases()[0]} {
		code, body := ts.restCall(t, http.MethodGet, "/v1/providers/"+url.PathEscape(id), "")
		if code != 200 || !strings.Contains(string(body), `"id":"okta"`) && !strings.Contains(string(body), `"id": "okta"`) {
			t.Errorf("GET /v1/providers/%s: %d %.200s", id, code, body)
		}
		resp, err := ts.client.Classify(context.Background(), &errsvcv1.ClassifyRequest{Provider: id, HttpStatus: 429,
			Body: `{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests."}`})
		if err != nil {
			t.Fatal(err)
		}
		if m := resp.GetMatch(); !m.GetProviderKnown() || m.GetProvider() != "okta" || m.GetKind() != errsvcv1.MatchKind_MATCH_KIND_PROVIDER_ENTRY || len(m.GetWarnings()) != 0 {
			t.Errorf("Classify with provider %q: %v", id, m)
		}
	}
}

// TestUnknownProviderIsNotSilent holds that a provider id the catalog lacks
// is said in the answer and counted, without the id itself being repeated.
func TestUnknownProviderIsNotSilent(t *testing.T) {
	ts := startServer(t, Config{})
	resp, err := ts.client.Classify(context.Background(), &errsvcv1.ClassifyRequest{Provider: "no-such-bank", HttpStatus: 400,
		Body: `{"error":"invalid_grant"}`})
	if err != nil {
		t.Fatal(err)
	}
	m := resp.GetMatch()
	if m.GetProviderKnown() || len(m.GetWarnings()) != 1 || strings.Contains(m.GetWarnings()[0], "no-such-bank") {
		t.Errorf("match = %v, want one warning that does not repeat the id", m)
	}
	if got := resp.GetClassification().GetCode(); got != "INVALID_GRANT" {
		t.Errorf("code = %s, want the standard's INVALID_GRANT", got)
	}
	if got := testutil.ToFloat64(ts.srv.Metrics().unknownProvider); got != 1 {
		t.Errorf("errsvc_unknown_provider_total = %v, want 1", got)
	}
	resp, err = ts.client.Classify(context.Background(), &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: `{"error":"invalid_grant"}`})
	if err != nil {
		t.Fatal(err)
	}
	if w := resp.GetMatch().GetWarnings(); len(w) != 0 {
		t.Errorf("no provider named: warnings %q", w)
	}
}

func TestHealthReadinessMetricsOpenAPI(t *testing.T) {
	ts := startServer(t, Config{})
	for _, path := range []string{"/healthz", "/readyz", "/metrics", "/openapi.json"} {
		code, body := ts.restCall(t, http.MethodGet, path, "")
		if code != 200 {
			t.Errorf("GET %s = %d: %s", path, code, body)
		}
	}
	h, err := healthpb.NewHealthClient(ts.conn).Check(context.Background(), &healthpb.HealthCheckRequest{Service: "errsvc.v1.ErrorNormalizer"})
	if err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Errorf("health = %v, %v", h.GetStatus(), err)
	}
	_, body := ts.restCall(t, http.MethodGet, "/openapi.json", "")
	var doc struct {
		Info struct {
			Title, Version string
		} `json:"info"`
		Paths map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if _, ok := doc.Paths["/v1/classify"]["post"]; !ok {
		t.Errorf("openapi.json lacks POST /v1/classify")
	}
	if doc.Info.Title != "errsvc API" || doc.Info.Version == "" || strings.Contains(doc.Info.Version, "not set") {
		t.Errorf("openapi.json info = %+v", doc.Info)
	}
}

// TestMetricCardinality sends thousands of distinct junk codes and provider
// names: the number of series must not grow with them.
func TestMetricCardinality(t *testing.T) {
	ts := startServer(t, Config{})
	reg := ts.srv.Metrics().Registry()
	send := func(i int) {
		_, err := ts.client.Classify(context.Background(), &errsvcv1.ClassifyRequest{
			Provider:   fmt.Sprintf("junk-provider-%d", i),
			HttpStatus: 400,
			Body:       fmt.Sprintf(`{"error":"junk_code_%d"}`, i),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	send(0)
	before, err := testutil.GatherAndCount(reg, "errsvc_classifications_total", "errsvc_unmatched_total")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 3000; i++ {
		send(i)
	}
	after, err := testutil.GatherAndCount(reg, "errsvc_classifications_total", "errsvc_unmatched_total")
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("series grew from %d to %d", before, after)
	}
	if got := testutil.ToFloat64(ts.srv.Metrics().unmatched.WithLabelValues(unknownLabel)); got != 3000 {
		t.Errorf("unmatched{provider=unknown} = %v, want 3000", got)
	}
	if got := testutil.ToFloat64(ts.srv.Metrics().classifications.WithLabelValues(unknownLabel, "BAD_REQUEST", "INVALID_REQUEST", "FIX_REQUEST")); got != 3000 {
		t.Errorf("classifications{unknown,BAD_REQUEST} = %v, want 3000", got)
	}
}

const reloadV1 = `provider:
  id: example-bank
  name: Example Bank
  kind: PROVIDER
  builds_on: [rfc6749]
entries:
  - id: example-bank.blocked
    match:
      codes: [card_blocked]
    classification:
      category: ACCOUNT_STATE
      action: USER_CONTACT_PROVIDER
      code: CARD_BLOCKED
      who: END_USER
      description: The card is blocked.
      remediation: Ask the customer to call the bank.
    examples:
      - http_status: 403
        body: '{"error":"card_blocked"}'
`

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestHotReload(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "example-bank.yaml")
	if err := os.WriteFile(file, []byte(reloadV1), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{CatalogDir: dir})
	req := &errsvcv1.ClassifyRequest{Provider: "example-bank", HttpStatus: 403, Body: `{"error":"card_blocked"}`}
	action := func() errsvcv1.Action {
		resp, err := ts.client.Classify(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		return resp.GetClassification().GetAction()
	}
	if got := action(); got != errsvcv1.Action_ACTION_USER_CONTACT_PROVIDER {
		t.Fatalf("before reload: %v", got)
	}
	// A good change, written the way editors and ConfigMaps do: a new file
	// renamed over the old one.
	v2 := strings.Replace(reloadV1, "action: USER_CONTACT_PROVIDER", "action: ABORT", 1)
	tmp := filepath.Join(dir, ".tmp")
	os.WriteFile(tmp, []byte(v2), 0o644)
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "reload", func() bool { return action() == errsvcv1.Action_ACTION_ABORT })
	success := testutil.ToFloat64(ts.srv.Metrics().reloads.WithLabelValues("success"))
	if success < 1 {
		t.Errorf("reloads{success} = %v", success)
	}
	// A broken change keeps the last good catalog serving and counts a failure.
	version := ts.srv.Store().Load().Version
	if err := os.WriteFile(file, []byte(reloadV1+"  - id: [broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "failed reload", func() bool { return testutil.ToFloat64(ts.srv.Metrics().reloads.WithLabelValues("failure")) >= 1 })
	if got := action(); got != errsvcv1.Action_ACTION_ABORT {
		t.Errorf("after broken reload: %v, want the last good answer", got)
	}
	if got := ts.srv.Store().Load().Version; got != version {
		t.Errorf("catalog version changed to %s after a broken reload", got)
	}
}

// TestShutdownDrainsInFlight starts a REST call whose body is still being
// sent, shuts the server down, then finishes the body: the call must
// complete, and calls under gRPC load must end OK or UNAVAILABLE, never lost.
func TestShutdownDrainsInFlight(t *testing.T) {
	ts := startServer(t, Config{ShutdownTimeout: 10 * time.Second})
	pr, pw := io.Pipe()
	result := make(chan int, 1)
	go func() {
		resp, err := http.Post(ts.base+"/v1/classify", "application/json", pr)
		if err != nil {
			result <- -1
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		result <- resp.StatusCode
	}()
	if _, err := pw.Write([]byte(`{"httpStatus":503,`)); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	bad := map[codes.Code]int{}
	load, stopLoad := context.WithCancel(context.Background())
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for load.Err() == nil {
				_, err := ts.client.Classify(context.Background(), &errsvcv1.ClassifyRequest{HttpStatus: 429})
				if c := status.Code(err); c != codes.OK && c != codes.Unavailable {
					mu.Lock()
					bad[c]++
					mu.Unlock()
				}
				if status.Code(err) == codes.Unavailable {
					return
				}
			}
		}()
	}
	time.Sleep(100 * time.Millisecond)
	ts.stop()
	waitFor(t, "draining", func() bool { return ts.srv.draining.Load() })
	if _, err := pw.Write([]byte(`"body":"busy"}`)); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if got := <-result; got != http.StatusOK {
		t.Errorf("in-flight REST call ended with %d, want 200", got)
	}
	stopLoad()
	wg.Wait()
	if len(bad) > 0 {
		t.Errorf("calls failed during drain: %v", bad)
	}
	ts.shutdown(t)
}

// TestHotReloadConfigMapSwap reproduces how the kubelet updates a mounted
// ConfigMap: files are links through a "..data" link to a timestamped
// directory, and an update swaps "..data" atomically.
func TestHotReloadConfigMapSwap(t *testing.T) {
	dir := t.TempDir()
	writeVersion := func(name, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name, "example-bank.yaml"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeVersion("..2026_11_22_v1", reloadV1)
	if err := os.Symlink("..2026_11_22_v1", filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..data/example-bank.yaml", filepath.Join(dir, "example-bank.yaml")); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{CatalogDir: dir})
	req := &errsvcv1.ClassifyRequest{Provider: "example-bank", HttpStatus: 403, Body: `{"error":"card_blocked"}`}
	code := func() string {
		resp, err := ts.client.Classify(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		return resp.GetClassification().GetCode()
	}
	if got := code(); got != "CARD_BLOCKED" {
		t.Fatalf("before swap: %s", got)
	}
	writeVersion("..2026_11_22_v2", strings.Replace(reloadV1, "code: CARD_BLOCKED", "code: CARD_FROZEN", 1))
	if err := os.Symlink("..2026_11_22_v2", filepath.Join(dir, "..data_tmp")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "..data_tmp"), filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "ConfigMap swap reload", func() bool { return code() == "CARD_FROZEN" })
}

// TestConcurrentCallsShareCatalogMessages has many calls for the same entry
// in flight at once, over both transports and in batches. Answers share the
// catalog's immutable classification messages; under -race this checks that
// encoding them from many goroutines at once is safe, and that every caller
// gets the same answer.
func TestConcurrentCallsShareCatalogMessages(t *testing.T) {
	ts := startServer(t, Config{})
	ctx := context.Background()
	req := &errsvcv1.ClassifyRequest{Provider: "danske-bank", Operation: "token", HttpStatus: 400,
		Body: `{"error":"unsupported_grant_type","error_description":"only authorization_code"}`}
	want, err := ts.client.Classify(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := protojson.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	batch := &errsvcv1.ClassifyBatchRequest{}
	for range 50 {
		batch.Requests = append(batch.Requests, req)
	}
	same := func(got *errsvcv1.ClassifyResponse) error {
		if diff := cmp.Diff(want, got, protocmp.Transform()); diff != "" {
			return fmt.Errorf("answer differs (-first +this):\n%s", diff)
		}
		return nil
	}
	calls := []func() error{
		func() error {
			got, err := ts.client.Classify(ctx, req)
			if err != nil {
				return err
			}
			return same(got)
		},
		func() error {
			resp, err := http.Post(ts.base+"/v1/classify", "application/json", bytes.NewReader(body))
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err != nil {
				return err
			}
			got := &errsvcv1.ClassifyResponse{}
			if err := protojson.Unmarshal(b, got); err != nil {
				return fmt.Errorf("%s: %v", b, err)
			}
			return same(got)
		},
		func() error {
			got, err := ts.client.ClassifyBatch(ctx, batch)
			if err != nil {
				return err
			}
			for _, r := range got.GetResults() {
				if err := same(r.GetResponse()); err != nil {
					return err
				}
			}
			return nil
		},
	}
	var wg sync.WaitGroup
	errs := make(chan error, 9)
	for i := range 9 {
		wg.Go(func() {
			for range 20 {
				if err := calls[i%len(calls)](); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// rawCodec sends pre-encoded bytes as a request, so that a test can send
// what a proto library would refuse to encode.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }

func (rawCodec) Marshal(v any) (mem.BufferSlice, error) {
	return mem.BufferSlice{mem.SliceBuffer(v.([]byte))}, nil
}

func (rawCodec) Unmarshal(data mem.BufferSlice, v any) error {
	return proto.Unmarshal(data.Materialize(), v.(proto.Message))
}

// TestUndecodableRequestIsCallersMistake holds that a request gRPC cannot
// decode is INVALID_ARGUMENT with a reason, counted like any call.
func TestUndecodableRequestIsCallersMistake(t *testing.T) {
	ts := startServer(t, Config{})
	badUTF8 := protowire.AppendString(protowire.AppendTag(nil, 5, protowire.BytesType), "\xff\xfe not utf-8")
	garbage := []byte{0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f}
	for _, tt := range []struct {
		name   string
		msg    []byte
		reason string
	}{
		{"invalid UTF-8 in body", badUTF8, "INVALID_UTF8"},
		{"not a message", garbage, "MALFORMED_REQUEST"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out errsvcv1.ClassifyResponse
			err := ts.conn.Invoke(context.Background(), "/errsvc.v1.ErrorNormalizer/Classify", tt.msg, &out, grpc.ForceCodecV2(rawCodec{}))
			st := status.Convert(err)
			if st.Code() != codes.InvalidArgument {
				t.Fatalf("code = %s (%v), want InvalidArgument", st.Code(), err)
			}
			var reason string
			for _, d := range st.Details() {
				if info, ok := d.(*errdetails.ErrorInfo); ok {
					reason = info.GetReason()
				}
			}
			if reason != tt.reason {
				t.Errorf("reason = %q, want %q (%s)", reason, tt.reason, st.Message())
			}
		})
	}
	if handled := handledCount(t, ts, "Classify", "InvalidArgument"); handled != 2 {
		t.Errorf("grpc_server_handled_total{Classify,InvalidArgument} = %v, want 2", handled)
	}
}

// handledCount reads grpc_server_handled_total for one method and code.
func handledCount(t *testing.T, ts *testServer, method, code string) float64 {
	t.Helper()
	mfs, err := ts.srv.Metrics().Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "grpc_server_handled_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["grpc_method"] == method && labels["grpc_code"] == code {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}

// TestDrainDelayKeepsAccepting holds that during the drain delay errsvc
// reports not ready but still accepts new connections and serves them, so
// that clients not yet told of the pod's removal are not refused.
func TestDrainDelayKeepsAccepting(t *testing.T) {
	srv, err := New(Config{GRPCAddr: "127.0.0.1:0", HTTPAddr: "127.0.0.1:0", OpsAddr: "127.0.0.1:0", DrainDelay: 2 * time.Second,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	waitFor(t, "ready", func() bool {
		resp, err := http.Get("http://" + srv.OpsAddr() + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
	cancel()
	waitFor(t, "not ready", func() bool {
		resp, err := http.Get("http://" + srv.OpsAddr() + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusServiceUnavailable
	})
	// A connection made now, within the delay, is served.
	conn, err := grpc.NewClient(srv.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := errsvcv1grpc.NewErrorNormalizerClient(conn).Classify(context.Background(), &errsvcv1.ClassifyRequest{HttpStatus: 503}); err != nil {
		t.Errorf("gRPC call during the drain delay: %v", err)
	}
	resp, err := http.Post("http://"+srv.HTTPAddr()+"/v1/classify", "application/json", strings.NewReader(`{"httpStatus":503}`))
	if err != nil {
		t.Errorf("REST call during the drain delay: %v", err)
	} else {
		resp.Body.Close()
	}
	if err := <-done; err != nil {
		t.Error(err)
	}
}

// TestSlowWriterIsNotServedHalfway holds that a catalog file written in two
// parts, with a pause longer than the debounce between them, is loaded only
// whole: its first part alone (cut on an entry boundary, so valid) never
// answers.
func TestSlowWriterIsNotServedHalfway(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "example-bank.yaml")
	if err := os.WriteFile(file, []byte(reloadV1), 0o644); err != nil {
		t.Fatal(err)
	}
	// The settle time is well above the pause between the two writes, so
	// that a test goroutine starved by a busy machine does not make the
	// first part look settled.
	ts := startServer(t, Config{CatalogDir: dir, ReloadSettle: 2 * time.Second})
	second := `
  - id: example-bank.closed
    match:
      codes: [account_closed]
    classification:
      category: ACCOUNT_STATE
      action: ABORT
      code: ACCOUNT_CLOSED
      who: END_USER
      description: The account is closed.
      remediation: Tell the customer.
    examples:
      - http_status: 403
        body: '{"error":"account_closed"}'
`
	v1 := ts.srv.Store().Load().Version
	// The first part: the same provider with its first entry changed, a
	// catalog that validates on its own.
	part1 := strings.Replace(reloadV1, "action: USER_CONTACT_PROVIDER", "action: ABORT", 1)
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(part1)
	f.Sync()
	versions := map[string]bool{}
	deadline := time.Now().Add(300 * time.Millisecond) // > debounce, < settle
	for time.Now().Before(deadline) {
		versions[ts.srv.Store().Load().Version] = true
		time.Sleep(5 * time.Millisecond)
	}
	f.WriteString(second)
	f.Close()
	waitFor(t, "the whole file", func() bool {
		_, ok := ts.srv.Store().Load().Entry("example-bank.closed")
		return ok
	})
	if len(versions) != 1 || !versions[v1] {
		t.Errorf("catalog versions served while the file was half-written: %v, want only %s", versions, v1)
	}
	if got := testutil.ToFloat64(ts.srv.Metrics().reloads.WithLabelValues("success")); got != 1 {
		t.Errorf("reloads{success} = %v, want 1: the half-written file was loaded", got)
	}
}

// TestHalfOpenConnectionsAreDropped holds that a connection which never
// finishes its HTTP/2 handshake is closed after the handshake timeout.
func TestHalfOpenConnectionsAreDropped(t *testing.T) {
	ts := startServer(t, Config{HandshakeTimeout: 300 * time.Millisecond})
	c, err := net.Dial("tcp", ts.srv.GRPCAddr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err = io.ReadAll(c) // sends nothing; returns when the server closes
	if err != nil {
		t.Fatalf("read: %v (the server did not close the connection)", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("closed after %s, want about the 300ms timeout", d)
	}
}

// TestShadowEntryIsCountedNotAnswered holds that a shadow entry, more
// specific than the entry that answers, is counted and changes nothing.
func TestShadowEntryIsCountedNotAnswered(t *testing.T) {
	dir := t.TempDir()
	shadow := reloadV1 + `
  - id: example-bank.token.blocked
    shadow: true
    match:
      operations: [token]
      codes: [card_blocked]
    classification:
      category: ACCOUNT_STATE
      action: ABORT
      code: CARD_BLOCKED_AT_TOKEN
      who: END_USER
      description: The card is blocked, said at the token endpoint.
      remediation: Tell the customer.
    examples:
      - operation: token
        http_status: 403
        body: '{"error":"card_blocked"}'
`
	if err := os.WriteFile(filepath.Join(dir, "example-bank.yaml"), []byte(shadow), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{CatalogDir: dir})
	resp, err := ts.client.Classify(context.Background(), &errsvcv1.ClassifyRequest{Provider: "example-bank", Operation: "token",
		HttpStatus: 403, Body: `{"error":"card_blocked"}`})
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.GetMatch().GetEntryId(); got != "example-bank.blocked" {
		t.Errorf("answered by %s, want the trusted example-bank.blocked", got)
	}
	if got := testutil.ToFloat64(ts.srv.Metrics().shadowMatches.WithLabelValues("example-bank", "example-bank.token.blocked")); got != 1 {
		t.Errorf("errsvc_shadow_matches_total = %v, want 1", got)
	}
}
