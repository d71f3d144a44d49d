package unmatched

import (
	"bytes"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/internal/engine"
)

// observer classifies requests with the embedded catalog and feeds the
// answers to a tracker, the way the service does.
type observer struct {
	t       testing.TB
	cat     *catalog.Catalog
	tracker *Tracker
	scratch engine.Scratch
}

func newObserver(t testing.TB, capacity int, log *slog.Logger, now func() time.Time) *observer {
	return &observer{t: t, cat: mustCatalog(), tracker: newTracker(capacity, log, now)}
}

func (o *observer) send(req *errsvcv1.ClassifyRequest) *errsvcv1.ClassifyResponse {
	o.t.Helper()
	resp, res, err := engine.Answer(o.cat, req, &engine.DefaultLimits, &o.scratch)
	if err != nil {
		o.t.Fatal(err)
	}
	o.tracker.Observe(req, &res, resp)
	return resp
}

func junk(i int) *errsvcv1.ClassifyRequest {
	return &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: fmt.Sprintf(`{"error":"zq%dx"}`, i)}
}

type row struct {
	Provider, Operation, Code string
	Status                    int32
	Count, Err                int64
}

func rows(r *errsvcv1.ListUnmatchedResponse) []row {
	var out []row
	for _, s := range r.GetSignatures() {
		out = append(out, row{s.GetProvider(), s.GetOperation(), s.GetUpstreamCode(), s.GetHttpStatus(), s.GetCount(), s.GetCountError()})
	}
	return out
}

func TestWhatIsReported(t *testing.T) {
	o := newObserver(t, 10, nil, time.Now)
	o.send(&errsvcv1.ClassifyRequest{HttpStatus: 400, Body: `{"error":"invalid_grant"}`}) // a catalog entry
	o.send(&errsvcv1.ClassifyRequest{HttpStatus: 200, Body: `{"ok":true}`})               // no error
	o.send(&errsvcv1.ClassifyRequest{HttpStatus: 503, Body: `backend gone`})              // the status alone
	var kinds []errsvcv1.MatchKind
	for _, s := range o.tracker.Report("", 0).GetSignatures() {
		kinds = append(kinds, s.GetMatchKind())
	}
	if diff := cmp.Diff([]errsvcv1.MatchKind{errsvcv1.MatchKind_MATCH_KIND_HTTP_STATUS}, kinds); diff != "" {
		t.Errorf("reported kinds (-want +got):\n%s", diff)
	}
}

func TestSignaturesAreCountedMostFrequentFirst(t *testing.T) {
	o := newObserver(t, 10, nil, time.Now)
	for range 3 {
		o.send(&errsvcv1.ClassifyRequest{Provider: "stripe", Operation: "resource", HttpStatus: 402, Body: `{"error":{"code":"zz_unheard_of"}}`})
	}
	o.send(junk(1))
	got := rows(o.tracker.Report("", 0))
	want := []row{
		{Provider: "stripe", Operation: "resource", Code: "zz_unheard_of", Status: 402, Count: 3},
		{Provider: UnknownProvider, Code: "zq1x", Status: 400, Count: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	if got := rows(o.tracker.Report("STRIPE", 0)); len(got) != 1 || got[0].Provider != "stripe" {
		t.Errorf("provider filter: %v", got)
	}
	if got := rows(o.tracker.Report("", 1)); len(got) != 1 || got[0].Count != 3 {
		t.Errorf("limit 1: %v", got)
	}
	if r := o.tracker.Report("", 0); r.GetTotal() != 4 || r.GetCapacity() != 10 {
		t.Errorf("total %d capacity %d, want 4 and 10", r.GetTotal(), r.GetCapacity())
	}
}

// A frequent signature survives a flood of distinct junk, the report never
// holds more than its capacity, and counts are upper bounds whose error is
// said. Space-saving keeps every signature seen more than total/capacity
// times: here 500 of 2,500 with 8 slots.
func TestFrequentSignatureSurvivesJunk(t *testing.T) {
	o := newObserver(t, 8, nil, time.Now)
	frequent := &errsvcv1.ClassifyRequest{HttpStatus: 503, Body: `{"error":"zz_backend_gone"}`}
	for i := range 2000 {
		if i%4 == 0 {
			o.send(frequent)
		}
		o.send(junk(i))
		if n := o.tracker.Len(); n > 8 {
			t.Fatalf("report holds %d signatures, capacity 8", n)
		}
	}
	top := o.tracker.Report("", 1).GetSignatures()[0]
	if top.GetUpstreamCode() != "zz_backend_gone" {
		t.Fatalf("top signature %q, want zz_backend_gone", top.GetUpstreamCode())
	}
	if c, e := top.GetCount(), top.GetCountError(); c-e > 500 || c < 500 {
		t.Errorf("count %d with error %d does not bound the true 500", c, e)
	}
}

func TestSampleIsRedactedAndCapped(t *testing.T) {
	o := newObserver(t, 4, nil, time.Now)
	secret := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
	o.send(&errsvcv1.ClassifyRequest{
		HttpStatus:  400,
		Headers:     map[string]string{"Authorization": "Bearer " + secret, "X-Request-Id": "r-1"},
		Body:        `{"error":"zz_odd","access_token":"` + secret + `","pad":"` + strings.Repeat("a ", 5000) + `"}`,
		RedirectUri: "https://app.example/cb?error=zz_odd&code=" + secret,
		Context:     map[string]string{"user_email": "someone@example.com"},
	})
	s := o.tracker.Report("", 0).GetSignatures()[0].GetSample()
	all := s.String()
	if strings.Contains(all, secret) || strings.Contains(all, "someone@example.com") {
		t.Errorf("sample keeps a secret: %s", all)
	}
	if len(s.GetBody()) > maxBody+len("[REDACTED]") {
		t.Errorf("sample body is %d bytes", len(s.GetBody()))
	}
	if got := s.GetHeaders()["X-Request-Id"]; got != "r-1" {
		t.Errorf("plain header = %q", got)
	}
	if !strings.Contains(s.GetBody(), "zz_odd") {
		t.Errorf("sample lost the code: %s", s.GetBody())
	}
}

func TestForgetDropsWhatIsNowUnderstood(t *testing.T) {
	o := newObserver(t, 4, nil, time.Now)
	o.send(junk(1))
	o.send(junk(2))
	o.send(junk(2))
	dropped := o.tracker.Forget(func(s *errsvcv1.ClassifyRequest) bool { return !strings.Contains(s.GetBody(), "zq2x") })
	if dropped != 1 {
		t.Errorf("dropped %d, want 1", dropped)
	}
	want := []row{{Provider: UnknownProvider, Code: "zq1x", Status: 400, Count: 1}}
	if diff := cmp.Diff(want, rows(o.tracker.Report("", 0))); diff != "" {
		t.Errorf("after Forget (-want +got):\n%s", diff)
	}
	// The heap still works: a new signature takes the least counted slot.
	for i := 3; i < 10; i++ {
		o.send(junk(i))
	}
	if n := o.tracker.Len(); n != 4 {
		t.Errorf("len %d, want 4", n)
	}
}

// New signatures are logged once each, at most logsPerSecond a second, with
// what was left out counted in the next line; the log carries no body.
func TestNewSignaturesAreLoggedRateLimited(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	o := newObserver(t, 100, log, func() time.Time { return now })
	for i := range 15 {
		o.send(junk(i))
	}
	o.send(junk(0)) // seen: not logged again
	if n := strings.Count(buf.String(), "\n"); n != logsPerSecond {
		t.Errorf("%d lines in the first second, want %d", n, logsPerSecond)
	}
	now = now.Add(time.Second)
	buf.Reset()
	o.send(&errsvcv1.ClassifyRequest{HttpStatus: 400, Body: `{"error":"zz_last","refresh_token":"rt-secret-value-0123456789abcdef"}`})
	line := buf.String()
	if !strings.Contains(line, `"suppressed":5`) || !strings.Contains(line, `"upstream_code":"zz_last"`) {
		t.Errorf("log line %s", line)
	}
	if strings.Contains(line, "rt-secret") {
		t.Errorf("log line carries the body: %s", line)
	}
}

// The report's memory stays flat under 100,000 distinct junk codes: the
// heap after them is within a small bound of the heap after the first
// capacity's worth.
func TestMemoryIsFlatUnderJunk(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 100,000 requests")
	}
	o := newObserver(t, DefaultCapacity, nil, time.Now)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for i := range DefaultCapacity {
		o.send(junk(i))
	}
	full := heap()
	for i := DefaultCapacity; i < 100_000; i++ {
		o.send(junk(i))
	}
	after := heap()
	if o.tracker.Len() != DefaultCapacity {
		t.Errorf("len %d, want %d", o.tracker.Len(), DefaultCapacity)
	}
	grew := int64(after) - int64(full)
	t.Logf("heap with %d signatures: %d bytes; after 100,000 distinct codes: %d bytes (%+d)", DefaultCapacity, full, after, grew)
	if grew > 1<<20 {
		t.Errorf("heap grew by %d bytes under junk", grew)
	}
}

func BenchmarkObserve(b *testing.B) {
	o := newObserver(b, DefaultCapacity, nil, time.Now)
	reqs := make([]*errsvcv1.ClassifyRequest, 4096)
	resps := make([]*errsvcv1.ClassifyResponse, len(reqs))
	results := make([]engine.Result, len(reqs))
	for i := range reqs {
		reqs[i] = junk(i % 1024) // 1,024 signatures churning through 500 slots
		resp, res, err := engine.Answer(o.cat, reqs[i], &engine.DefaultLimits, &o.scratch)
		if err != nil {
			b.Fatal(err)
		}
		resps[i], results[i] = resp, res
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		j := i % len(reqs)
		o.tracker.Observe(reqs[j], &results[j], resps[j])
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
