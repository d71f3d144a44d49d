package service

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/errsvc/errsvc/catalog"
	"github.com/errsvc/errsvc/engine"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// unknownLabel stands for every label value that does not come from the
// loaded catalog or a fixed enum, so that series stay bounded whatever
// callers send.
const unknownLabel = "unknown"

// Metrics holds errsvc's Prometheus metrics on a private registry. Every label
// value comes from the loaded catalog or a fixed enum (SPEC §6).
type Metrics struct {
	reg             *prometheus.Registry
	classifications *prometheus.CounterVec
	unmatched       *prometheus.CounterVec
	entries         *prometheus.GaugeVec
	reloads         *prometheus.CounterVec
	httpRequests    *prometheus.CounterVec
	httpDuration    *prometheus.HistogramVec
	grpc            *grpcprom.ServerMetrics

	// children caches resolved counters: label lookups on every call would
	// cost more than the classification itself.
	children          sync.Map // childKey -> prometheus.Counter
	unmatchedChildren sync.Map // string -> prometheus.Counter
}

type childKey struct {
	provider string // a catalog-owned id or unknownLabel
	entry    *catalog.Entry
	action   errsvcv1.Action
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
	m.reg.MustRegister(m.classifications, m.unmatched, m.entries, m.reloads, m.httpRequests, m.httpDuration, m.grpc,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range []string{"success", "failure"} {
		m.reloads.WithLabelValues(r)
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
func providerLabel(cat *catalog.Catalog, requested string) string {
	if p, ok := cat.Provider(requested); ok {
		return p.Proto.GetId()
	}
	return unknownLabel
}

// observe counts one classification.
func (m *Metrics) observe(cat *catalog.Catalog, r *engine.Result) {
	prov := providerLabel(cat, r.Provider)
	key := childKey{provider: prov, entry: r.Entry, action: r.Action}
	c, ok := m.children.Load(key)
	if !ok {
		code, category, action := "UNKNOWN", "UNKNOWN", "ABORT"
		if r.Entry != nil {
			cl := r.Entry.Proto.GetClassification()
			code = cl.GetCode()
			category = strings.TrimPrefix(cl.GetCategory().String(), "CATEGORY_")
			action = strings.TrimPrefix(r.Action.String(), "ACTION_")
		}
		c, _ = m.children.LoadOrStore(key, m.classifications.WithLabelValues(prov, code, category, action))
	}
	c.(prometheus.Counter).Inc()
	if r.Unmatched {
		u, ok := m.unmatchedChildren.Load(prov)
		if !ok {
			u, _ = m.unmatchedChildren.LoadOrStore(prov, m.unmatched.WithLabelValues(prov))
		}
		u.(prometheus.Counter).Inc()
	}
}

// catalogLoaded publishes the entry counts of a newly loaded catalog and
// forgets the cached children of the previous one.
func (m *Metrics) catalogLoaded(cat *catalog.Catalog) {
	m.entries.Reset()
	for _, p := range cat.Providers {
		m.entries.WithLabelValues(p.Proto.GetId()).Set(float64(len(p.Entries)))
		// Created at zero so that rate() sees the first unmatched error.
		m.unmatched.WithLabelValues(p.Proto.GetId())
	}
	m.unmatched.WithLabelValues(unknownLabel)
	m.children.Clear()
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
