package service

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/errsvc/errsvc/catalog"
	"github.com/errsvc/errsvc/internal/engine"
)

// TestObserveCountsByLabels checks that each classification lands on the
// series of its labels, through the per-catalog counter table and through
// the label lookup used when a reload has just replaced the catalog.
func TestObserveCountsByLabels(t *testing.T) {
	cat, err := catalog.Load("")
	if err != nil {
		t.Fatal(err)
	}
	replaced, err := catalog.Load("") // the same data, another catalog
	if err != nil {
		t.Fatal(err)
	}
	m := NewMetrics()
	m.catalogLoaded(cat)
	invalidToken := map[string]string{"WWW-Authenticate": `Bearer error="invalid_token"`}
	calls := []struct {
		cat *catalog.Catalog
		req engine.Request
	}{
		{cat, engine.Request{HTTPStatus: 401, Headers: invalidToken}},
		{cat, engine.Request{HTTPStatus: 401, Headers: invalidToken}},
		{replaced, engine.Request{HTTPStatus: 401, Headers: invalidToken}},
		// Context turns REFRESH_TOKEN into its fallback: another series.
		{cat, engine.Request{HTTPStatus: 401, Headers: invalidToken, Context: map[string]string{"refresh_token_available": "false"}}},
		{cat, engine.Request{Provider: "danske-bank", Operation: "token", HTTPStatus: 400, Body: `{"error":"unsupported_grant_type"}`}},
		{cat, engine.Request{Provider: "danske-bank", Body: `{"error":"xyzzy_plugh"}`}},
		{replaced, engine.Request{Provider: "danske-bank", Body: `{"error":"xyzzy_plugh"}`}},
		{cat, engine.Request{Provider: "no-such-bank", Body: `{"error":"xyzzy_plugh"}`}},
	}
	for _, c := range calls {
		res, err := engine.Classify(c.cat, &c.req, nil)
		if err != nil {
			t.Fatal(err)
		}
		m.observe(c.cat, &res)
	}
	// Counted before the lookups below, which would create missing series.
	if got, want := testutil.CollectAndCount(m.classifications), 5; got != want {
		t.Errorf("%d classification series, want %d", got, want)
	}
	for _, tt := range []struct {
		labels []string
		want   float64
	}{
		{[]string{"unknown", "INVALID_TOKEN", "AUTHENTICATION", "REFRESH_TOKEN"}, 3},
		{[]string{"unknown", "INVALID_TOKEN", "AUTHENTICATION", "RE_AUTHENTICATE"}, 1},
		{[]string{"danske-bank", "UNSUPPORTED_GRANT_TYPE", "CLIENT_CONFIGURATION", "FIX_CLIENT_CONFIGURATION"}, 1},
		{[]string{"danske-bank", "BAD_REQUEST", "INVALID_REQUEST", "FIX_REQUEST"}, 2},
		{[]string{"unknown", "BAD_REQUEST", "INVALID_REQUEST", "FIX_REQUEST"}, 1},
	} {
		if got := testutil.ToFloat64(m.classifications.WithLabelValues(tt.labels...)); got != tt.want {
			t.Errorf("errsvc_classifications_total%v = %v, want %v", tt.labels, got, tt.want)
		}
	}
	for prov, want := range map[string]float64{"danske-bank": 2, "unknown": 1, "nationwide": 0} {
		if got := testutil.ToFloat64(m.unmatched.WithLabelValues(prov)); got != want {
			t.Errorf("errsvc_unmatched_total{provider=%q} = %v, want %v", prov, got, want)
		}
	}
}

// TestObserveConcurrentFirstUse has many callers classify for the same
// provider at once, so that its row of counters and the counter in it are
// made by racing first uses: no count may be lost, and once made, counting
// allocates nothing.
func TestObserveConcurrentFirstUse(t *testing.T) {
	cat, err := catalog.Load("")
	if err != nil {
		t.Fatal(err)
	}
	m := NewMetrics()
	m.catalogLoaded(cat)
	req := engine.Request{Provider: "danske-bank", Operation: "token", HTTPStatus: 400, Body: `{"error":"unsupported_grant_type"}`}
	res, err := engine.Classify(cat, &req, nil)
	if err != nil {
		t.Fatal(err)
	}
	const callers, each = 8, 200
	start := make(chan struct{})
	done := make(chan struct{})
	for range callers {
		go func() {
			<-start
			for range each {
				m.observe(cat, &res)
			}
			done <- struct{}{}
		}()
	}
	close(start)
	for range callers {
		<-done
	}
	labels := []string{"danske-bank", "UNSUPPORTED_GRANT_TYPE", "CLIENT_CONFIGURATION", "FIX_CLIENT_CONFIGURATION"}
	if got, want := testutil.ToFloat64(m.classifications.WithLabelValues(labels...)), float64(callers*each); got != want {
		t.Errorf("errsvc_classifications_total%v = %v, want %v", labels, got, want)
	}
	if allocs := testing.AllocsPerRun(100, func() { m.observe(cat, &res) }); allocs != 0 {
		t.Errorf("observe allocates %v times a call once its counter exists, want 0", allocs)
	}
}
