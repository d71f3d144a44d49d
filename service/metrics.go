package service

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/errsvc/errsvc/catalog"
	"github.com/errsvc/errsvc/internal/engine"
)

// unknownLabel stands for every label value that does not come from the
// loaded catalog or a fixed enum, so that series stay bounded whatever
// callers send.
const unknownLabel = "unknown"

// Metrics holds errsvc's Prometheus metrics on a private registry. Every label
// value comes from the loaded catalog or a fixed enum (docs/operations.md).
type Metrics struct {
	reg               *prometheus.Registry
	classifications   *prometheus.CounterVec
	unmatched         *prometheus.CounterVec
	unknownProvider   prometheus.Counter
	admissionRefused  *prometheus.CounterVec
	handshakeFailures *prometheus.CounterVec
	shadowMatches     *prometheus.CounterVec
	inflightBytes     prometheus.Gauge
	entries           *prometheus.GaugeVec
	reloads           *prometheus.CounterVec
	httpRequests      *prometheus.CounterVec
	httpDuration      *prometheus.HistogramVec
	grpc              *grpcprom.ServerMetrics

	// counters are the classification counters of the loaded catalog.
	counters atomic.Pointer[counterTable]
}

// counterTable holds the counters of one catalog, each resolved on its first
// use into a slot of its own: a label lookup on every call would cost more
// than the classification itself, and creating them all up front would
// publish thousands of series that stay at zero.
type counterTable struct {
	cat *catalog.Catalog
	// rows has one row of slots per requested provider (the catalog's, then
	// unknown), made on the provider's first classification: a dense table
	// of every provider's slots would hold providers × entries pointers that
	// are nearly all nil. A row has one slot per entry (the catalog's, then
	// none) and action (the entry's, or the one context turned it into).
	rows      []atomic.Pointer[[]atomic.Pointer[prometheus.Counter]]
	unmatched []prometheus.Counter // per requested provider, then unknown
}

func newCounterTable(m *Metrics, cat *catalog.Catalog) *counterTable {
	t := &counterTable{
		cat:       cat,
		rows:      make([]atomic.Pointer[[]atomic.Pointer[prometheus.Counter]], len(cat.Providers)+1),
		unmatched: make([]prometheus.Counter, len(cat.Providers)+1),
	}
	for i, p := range cat.Providers {
		// Created at zero so that rate() sees the first unmatched error.
		t.unmatched[i] = m.unmatched.WithLabelValues(p.Proto.GetId())
	}
	t.unmatched[len(cat.Providers)] = m.unmatched.WithLabelValues(unknownLabel)
	return t
}

// providerIndex is the requested provider's index in the table's catalog,
// or the index that stands for unknown.
func (t *counterTable) providerIndex(r *engine.Result) int {
	if r.Named == nil {
		return len(t.cat.Providers)
	}
	return r.Named.Index
}

func (t *counterTable) slot(r *engine.Result) *atomic.Pointer[prometheus.Counter] {
	entries := len(t.cat.Entries())
	entry, changed := entries, 0
	if r.Entry != nil {
		entry = r.Entry.Index
		if r.Action != r.Entry.Proto.GetClassification().GetAction() {
			changed = 1
		}
	}
	rowp := &t.rows[t.providerIndex(r)]
	row := rowp.Load()
	if row == nil {
		fresh := make([]atomic.Pointer[prometheus.Counter], (entries+1)*2)
		if !rowp.CompareAndSwap(nil, &fresh) {
			// Another call made the row first; use its slots.
			row = rowp.Load()
		} else {
			row = &fresh
		}
	}
	return &(*row)[entry*2+changed]
}

// NewMetrics registers errsvc's metrics on a new registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		classifications: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errsvc_classifications_total",
			Help: "Upstream errors classified, by requested provider and the resulting code, category and action.",
		}, []string{"provider", "code", "category", "action"}),
		unmatched: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errsvc_unmatched_total",
			Help: "Upstream errors whose code no catalog entry knows, or in which nothing was understood, by requested provider.",
		}, []string{"provider"}),
		unknownProvider: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "errsvc_unknown_provider_total",
			Help: "Classifications whose request named a provider id the catalog does not know (the id itself is never a label).",
		}),
		admissionRefused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errsvc_admission_refused_total",
			Help: "Calls refused before they were served, by transport (grpc, rest) and reason (busy: the bytes in flight are at their budget; too_large: the request passes its method's limit).",
		}, []string{"transport", "reason"}),
		shadowMatches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errsvc_shadow_matches_total",
			Help: "Requests a shadow entry matched, by its provider and entry: what the entry would have answered had it been trusted.",
		}, []string{"provider", "entry"}),
		handshakeFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errsvc_tls_handshake_failures_total",
			Help: "TLS handshakes that failed, by listener (grpc, http, ops); they are logged at most once a minute.",
		}, []string{"listener"}),
		inflightBytes: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "errsvc_inflight_bytes",
			Help: "Bytes reserved by the calls in flight, against the budget set by --max-inflight-bytes.",
		}),
		entries: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "errsvc_catalog_entries",
			Help: "Entries in the loaded catalog, by provider or standard.",
		}, []string{"provider"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errsvc_catalog_reloads_total",
			Help: "Catalog reloads from the catalog directory, by result (success or failure).",
		}, []string{"result"}),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errsvc_http_requests_total",
			Help: "HTTP requests served, by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "errsvc_http_request_duration_seconds",
			Help:    "HTTP request latency, by route pattern and method.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
		}, []string{"route", "method"}),
		grpc: grpcprom.NewServerMetrics(grpcprom.WithServerHandlingTimeHistogram(
			grpcprom.WithHistogramBuckets([]float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1}),
		)),
	}
	m.reg.MustRegister(m.classifications, m.unmatched, m.unknownProvider, m.admissionRefused, m.handshakeFailures, m.shadowMatches, m.inflightBytes, m.entries, m.reloads, m.httpRequests, m.httpDuration, m.grpc,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range []string{"success", "failure"} {
		m.reloads.WithLabelValues(r)
	}
	for _, l := range []string{"grpc", "http", "ops"} {
		m.handshakeFailures.WithLabelValues(l)
	}
	for _, t := range []string{"grpc", "rest"} {
		for _, r := range []string{"busy", "too_large"} {
			m.admissionRefused.WithLabelValues(t, r)
		}
	}
	return m
}

// Registry returns the private registry.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// providerLabel returns the requested provider as a label value: its
// catalog-owned id when known, unknownLabel otherwise.
func providerLabel(r *engine.Result) string {
	if r.Named != nil {
		return r.Named.Proto.GetId()
	}
	return unknownLabel
}

// observe counts one classification of r, made with cat.
func (m *Metrics) observe(cat *catalog.Catalog, r *engine.Result) {
	if r.Provider != "" && r.Named == nil {
		m.unknownProvider.Inc()
	}
	if e := r.Shadow; e != nil {
		m.shadowMatches.WithLabelValues(e.Provider.Proto.GetId(), e.Proto.GetId()).Inc()
	}
	t := m.counters.Load()
	if t == nil || t.cat != cat {
		// Classified with a catalog a reload has just replaced: counted by
		// label lookup, as rare as reloads are.
		m.classificationCounter(r).Inc()
		if r.Unmatched {
			m.unmatched.WithLabelValues(providerLabel(r)).Inc()
		}
		return
	}
	slot := t.slot(r)
	c := slot.Load()
	if c == nil {
		counter := m.classificationCounter(r)
		// Two first uses at once resolve to the same child; either store
		// is right.
		slot.Store(&counter)
		c = &counter
	}
	(*c).Inc()
	if r.Unmatched {
		t.unmatched[t.providerIndex(r)].Inc()
	}
}

// classificationCounter resolves the labels of r: each comes from the
// catalog or a fixed enum.
func (m *Metrics) classificationCounter(r *engine.Result) prometheus.Counter {
	// The engine's own answer, the catalog's or UNKNOWN: labels never repeat
	// what the request carried.
	cl := r.Classification()
	category := strings.TrimPrefix(cl.GetCategory().String(), "CATEGORY_")
	action := strings.TrimPrefix(r.Action.String(), "ACTION_")
	return m.classifications.WithLabelValues(providerLabel(r), cl.GetCode(), category, action)
}

// catalogLoaded publishes the entry counts of a newly loaded catalog and
// starts its table of counters.
func (m *Metrics) catalogLoaded(cat *catalog.Catalog) {
	m.entries.Reset()
	for _, p := range cat.Providers {
		m.entries.WithLabelValues(p.Proto.GetId()).Set(float64(len(p.Entries)))
	}
	m.counters.Store(newCounterTable(m, cat))
}

func (m *Metrics) reloaded(ok bool) {
	if ok {
		m.reloads.WithLabelValues("success").Inc()
	} else {
		m.reloads.WithLabelValues("failure").Inc()
	}
}

// routes are the HTTP route labels; anything else is "other".
var routes = []string{"/v1/classify:batch", "/v1/classify", "/v1/providers", "/healthz", "/readyz", "/metrics", "/openapi.json"}

func routeOf(path string) string {
	for _, r := range routes {
		if path == r {
			return r
		}
	}
	if strings.HasPrefix(path, "/v1/providers/") {
		return "/v1/providers/{id}"
	}
	return "other"
}

func methodOf(m string) string {
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions:
		return m
	}
	return "other"
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// instrument counts and times every HTTP request by route pattern.
func (m *Metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		route, method := routeOf(r.URL.Path), methodOf(r.Method)
		m.httpRequests.WithLabelValues(route, method, strconv.Itoa(rec.status)).Inc()
		m.httpDuration.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
	})
}
