package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/gen/errsvc/v1/errsvcv1grpc"
	"github.com/errsvc/errsvc/gen/openapi"
	"github.com/errsvc/errsvc/internal/unmatched"
)

// newHTTPHandler builds the HTTP side: the REST gateway calling the service
// in-process (no loopback gRPC hop), health, readiness, metrics and the
// OpenAPI document, all counted by route.
func (s *Server) newHTTPHandler() (http.Handler, error) {
	gw := runtime.NewServeMux(
		runtime.WithMarshalerOption(runtime.MIMEWildcard, &restMarshaler{JSONPb: runtime.JSONPb{
			MarshalOptions: protojson.MarshalOptions{EmitDefaultValues: true},
			// Unknown fields are the caller's mistake, and the API makes them an
			// error rather than something silently dropped.
			UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
		}}),
		runtime.WithErrorHandler(restErrorHandler),
		runtime.WithRoutingErrorHandler(restRoutingErrorHandler),
	)
	if err := errsvcv1grpc.RegisterErrorNormalizerHandlerServer(context.Background(), gw, s.norm); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/v1/", s.admit.restHandler(gw))
	s.handleProbes(mux)
	if s.cfg.OpsAddr == "" {
		// Without an operations listener, metrics and the unmatched report
		// are served here.
		mux.Handle("GET /metrics", s.metrics.Handler())
		mux.HandleFunc("GET /v1/unmatched", s.serveUnmatched)
		mux.HandleFunc("GET /v1/unmatched/draft", s.serveUnmatchedDraft)
	}
	if !s.cfg.NoPlayground {
		s.handlePlayground(mux)
	}
	doc, err := openAPIDocument(s.cfg.Version)
	if err != nil {
		return nil, err
	}
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(doc)
	})
	return s.metrics.instrument(mux), nil
}

// openAPIDocument is the generated OpenAPI document with errsvc's own info:
// the generator names the proto file and knows no version.
func openAPIDocument(version string) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openapi.JSON, &doc); err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	if version == "" {
		version = "devel"
	}
	doc["info"] = map[string]any{
		"title":   "errsvc API",
		"version": version,
		"description": "errsvc turns a raw upstream error (status, headers, body, redirect) into one normalized " +
			"classification: what went wrong, who must act and what to do next. docs/api.md and docs/taxonomy.md " +
			"in the errsvc repository define every field.",
	}
	return json.Marshal(doc)
}

// newOpsHandler serves the operations listener: probes, metrics and the
// unmatched report.
func (s *Server) newOpsHandler() http.Handler {
	mux := http.NewServeMux()
	s.handleProbes(mux)
	mux.Handle("GET /metrics", s.metrics.Handler())
	mux.HandleFunc("GET /v1/unmatched", s.serveUnmatched)
	mux.HandleFunc("GET /v1/unmatched/draft", s.serveUnmatchedDraft)
	return s.metrics.instrument(mux)
}

// serveUnmatched is ListUnmatched over REST: GET /v1/unmatched?provider=&limit=.
func (s *Server) serveUnmatched(w http.ResponseWriter, r *http.Request) {
	s.allowPlayground(w, r)
	req := &errsvcv1.ListUnmatchedRequest{Provider: r.URL.Query().Get("provider")}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil {
			n = -1
		}
		req.Limit = int32(n)
	}
	resp, err := s.norm.ListUnmatched(r.Context(), req)
	if err != nil {
		restErrorHandler(r.Context(), unmatchedMux, unmatchedMarshaler, w, r, err)
		return
	}
	b, err := unmatchedMarshaler.Marshal(resp)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// serveUnmatchedDraft writes catalog YAML entries, to fill in, for the
// unmatched signatures that match the query (provider, http_status,
// upstream_code, match_kind; all when none is given): what errsvc catalog
// draft writes, one signature at a time, for the playground.
func (s *Server) serveUnmatchedDraft(w http.ResponseWriter, r *http.Request) {
	s.allowPlayground(w, r)
	q := r.URL.Query()
	report := s.norm.unmatched.Report(q.Get("provider"), 0)
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Drafted by errsvc from this replica's unmatched report. Add the entries to the\n"+
		"# provider's catalog file, fill every %s, check each classification against the\n"+
		"# provider's documentation, then run errsvc catalog check and errsvc catalog test.\nentries:\n", catalog.FillIn)
	used := map[string]bool{}
	n := 0
	for _, sig := range report.GetSignatures() {
		if v := q.Get("http_status"); v != "" && v != strconv.Itoa(int(sig.GetHttpStatus())) {
			continue
		}
		if q.Has("upstream_code") && q.Get("upstream_code") != sig.GetUpstreamCode() {
			continue
		}
		if v := q.Get("match_kind"); v != "" && v != sig.GetMatchKind().String() && "MATCH_KIND_"+v != sig.GetMatchKind().String() {
			continue
		}
		provider := unmatched.DraftProvider(sig)
		if provider == "" {
			provider = unmatched.UnknownProvider
		}
		unmatched.DraftEntry(&b, provider, sig, used)
		n++
	}
	if n == 0 {
		http.Error(w, "no unmatched signature matches the query", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Write(b.Bytes())
}

// The unmatched report is served outside the gateway's routes (on the
// operations port), with the gateway's JSON and error shapes.
var (
	unmatchedMarshaler = &runtime.JSONPb{MarshalOptions: protojson.MarshalOptions{EmitDefaultValues: true}}
	unmatchedMux       = runtime.NewServeMux()
)

// handleProbes adds /healthz (the process answers) and /readyz (a catalog
// is loaded and the server is not draining).
func (s *Server) handleProbes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if s.draining.Load() || s.store.Load() == nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("not ready\n"))
			return
		}
		w.Write([]byte("ready\n"))
	})
}

// restErrorHandler makes every REST error a JSON status that carries an
// AIP-193 ErrorInfo, also for the errors the gateway raises itself (bad JSON,
// unknown fields, an oversized body).
func restErrorHandler(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
	st := status.Convert(err)
	if len(st.Details()) == 0 {
		reason := "INVALID_REQUEST_BODY"
		msg := st.Message()
		switch {
		case strings.Contains(msg, "request body too large"):
			reason, msg = "REQUEST_TOO_LARGE", "request body is larger than the server accepts"
		case st.Code() == codes.InvalidArgument && strings.Contains(msg, "unknown field"):
			reason = "UNKNOWN_FIELD"
		case st.Code() != codes.InvalidArgument:
			reason = strings.ToUpper(st.Code().String())
		}
		st = status.New(st.Code(), msg)
		if withInfo, derr := st.WithDetails(&errdetails.ErrorInfo{Reason: reason, Domain: errorDomain}); derr == nil {
			st = withInfo
		}
		if reason == "REQUEST_TOO_LARGE" {
			runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, &runtime.HTTPStatusError{HTTPStatus: http.StatusRequestEntityTooLarge, Err: st.Err()})
			return
		}
	}
	runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, st.Err())
}

func restRoutingErrorHandler(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, httpStatus int) {
	if allow := allowedMethod(r.URL.Path); allow != "" && allow != r.Method {
		// A known route asked with the wrong method: 405 with Allow.
		w.Header().Set("Allow", allow)
		st, _ := status.New(codes.Unimplemented, "method "+r.Method+" is not allowed here; use "+allow).
			WithDetails(&errdetails.ErrorInfo{Reason: "METHOD_NOT_ALLOWED", Domain: errorDomain})
		runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, &runtime.HTTPStatusError{HTTPStatus: http.StatusMethodNotAllowed, Err: st.Err()})
		return
	}
	st, _ := status.New(codes.NotFound, http.StatusText(http.StatusNotFound)).WithDetails(&errdetails.ErrorInfo{Reason: "ROUTE_NOT_FOUND", Domain: errorDomain})
	runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, st.Err())
}

// allowedMethod returns the method a REST route takes, "" for no route.
func allowedMethod(path string) string {
	switch {
	case path == "/v1/classify" || path == "/v1/classify:batch":
		return http.MethodPost
	case path == "/v1/providers" || strings.HasPrefix(path, "/v1/providers/"):
		return http.MethodGet
	}
	return ""
}
