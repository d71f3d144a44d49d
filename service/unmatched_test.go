package service

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/testing/protocmp"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// The unmatched report over gRPC and REST (on the operations port): unknown
// errors are listed with their answer and a redacted sample, and a reload
// whose catalog now names one drops it.
func TestUnmatchedReport(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "example-bank.yaml")
	if err := os.WriteFile(file, []byte(reloadV1), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{CatalogDir: dir, OpsAddr: "127.0.0.1:0"})
	ctx := context.Background()
	send := func(req *errsvcv1.ClassifyRequest) {
		t.Helper()
		if _, err := ts.client.Classify(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	frozen := &errsvcv1.ClassifyRequest{Provider: "example-bank", Operation: "resource", HttpStatus: 403, Body: `{"error":"card_frozen"}`}
	for range 3 {
		send(frozen)
	}
	send(&errsvcv1.ClassifyRequest{HttpStatus: 418, Headers: map[string]string{"Authorization": "Bearer s3cr3t-t0ken-value"},
		Body: `{"error":"zz_teapot","access_token":"s3cr3t-t0ken-value"}`})
	send(&errsvcv1.ClassifyRequest{Provider: "example-bank", HttpStatus: 403, Body: `{"error":"card_blocked"}`}) // named: not reported

	got, err := ts.client.ListUnmatched(ctx, &errsvcv1.ListUnmatchedRequest{})
	if err != nil {
		t.Fatal(err)
	}
	type sig struct {
		Provider, Operation, Code string
		Status                    int32
		Count                     int64
	}
	var sigs []sig
	for _, s := range got.GetSignatures() {
		sigs = append(sigs, sig{s.GetProvider(), s.GetOperation(), s.GetUpstreamCode(), s.GetHttpStatus(), s.GetCount()})
		if s.GetClassification().GetCategory() == errsvcv1.Category_CATEGORY_UNSPECIFIED || s.GetFirstSeen() == nil {
			t.Errorf("signature %s lacks its answer or times", s.GetUpstreamCode())
		}
	}
	want := []sig{{"example-bank", "resource", "card_frozen", 403, 3}, {"unknown", "", "zz_teapot", 418, 1}}
	if diff := cmp.Diff(want, sigs); diff != "" {
		t.Fatalf("ListUnmatched (-want +got):\n%s", diff)
	}
	if s := got.GetSignatures()[1].GetSample().String(); strings.Contains(s, "s3cr3t") {
		t.Errorf("sample keeps the token: %s", s)
	}
	if got.GetTotal() != 4 || got.GetCatalogVersion() == "" {
		t.Errorf("total %d, catalog version %q", got.GetTotal(), got.GetCatalogVersion())
	}

	// REST, on the operations port, says the same.
	resp, err := http.Get("http://" + ts.srv.OpsAddr() + "/v1/unmatched")
	if err != nil {
		t.Fatal(err)
	}
	var rest errsvcv1.ListUnmatchedResponse
	body := readAll(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/unmatched: %d %s", resp.StatusCode, body)
	}
	if err := protojson.Unmarshal(body, &rest); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, &rest, protocmp.Transform()); diff != "" {
		t.Errorf("REST report differs from gRPC's (-grpc +rest):\n%s", diff)
	}
	if code, _ := ts.restCall(t, http.MethodGet, "/v1/unmatched", ""); code != http.StatusNotFound {
		t.Errorf("GET /v1/unmatched on the API port with an operations port: %d, want 404", code)
	}
	resp, err = http.Get("http://" + ts.srv.OpsAddr() + "/v1/unmatched?limit=x")
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, resp); resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "INVALID_LIMIT") {
		t.Errorf("limit=x: %d %s", resp.StatusCode, body)
	}

	// The draft of one signature, for the playground.
	resp, err = http.Get("http://" + ts.srv.OpsAddr() + "/v1/unmatched/draft?provider=example-bank&upstream_code=card_frozen")
	if err != nil {
		t.Fatal(err)
	}
	draft := string(readAll(t, resp))
	for _, want := range []string{"- id: example-bank.card_frozen\n", "    shadow: true\n", "      codes: [\"card_frozen\"]\n", "FILL_IN"} {
		if !strings.Contains(draft, want) {
			t.Errorf("draft lacks %q:\n%s", want, draft)
		}
	}
	if strings.Contains(draft, "zz_teapot") {
		t.Errorf("draft of card_frozen carries another signature:\n%s", draft)
	}
	resp, err = http.Get("http://" + ts.srv.OpsAddr() + "/v1/unmatched/draft?upstream_code=nothing_like_it")
	if err != nil {
		t.Fatal(err)
	}
	if readAll(t, resp); resp.StatusCode != http.StatusNotFound {
		t.Errorf("draft of no signature: %d, want 404", resp.StatusCode)
	}

	// A catalog that names card_frozen drops it from the report.
	v2 := reloadV1 + `  - id: example-bank.frozen
    match:
      codes: [card_frozen]
    classification:
      category: ACCOUNT_STATE
      action: USER_CONTACT_PROVIDER
      code: CARD_FROZEN
      who: END_USER
      description: The card is frozen.
      remediation: Ask the customer to call the bank.
    examples:
      - http_status: 403
        body: '{"error":"card_frozen"}'
`
	tmp := filepath.Join(dir, ".tmp")
	if err := os.WriteFile(tmp, []byte(v2), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reload to drop card_frozen", func() bool {
		r, err := ts.client.ListUnmatched(ctx, &errsvcv1.ListUnmatchedRequest{})
		return err == nil && len(r.GetSignatures()) == 1 && r.GetSignatures()[0].GetUpstreamCode() == "zz_teapot"
	})
}

func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
