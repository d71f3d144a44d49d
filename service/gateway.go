package service

import (
	"context"
	"net/http"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/errsvc/errsvc/gen/errsvc/v1/errsvcv1grpc"
	"github.com/errsvc/errsvc/gen/openapi"
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
		// Without an operations listener, metrics are served here.
		mux.Handle("GET /metrics", s.metrics.Handler())
	}
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openapi.JSON)
	})
	return s.metrics.instrument(mux), nil
}

// newOpsHandler serves the operations listener: probes and metrics.
func (s *Server) newOpsHandler() http.Handler {
	mux := http.NewServeMux()
	s.handleProbes(mux)
	mux.Handle("GET /metrics", s.metrics.Handler())
	return s.metrics.instrument(mux)
}

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
	code, reason := codes.NotFound, "ROUTE_NOT_FOUND"
	if httpStatus == http.StatusMethodNotAllowed {
		code, reason = codes.Unimplemented, "METHOD_NOT_ALLOWED"
	}
	st, _ := status.New(code, http.StatusText(httpStatus)).WithDetails(&errdetails.ErrorInfo{Reason: reason, Domain: errorDomain})
	runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, st.Err())
}
