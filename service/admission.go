package service

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync/atomic"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/stats"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/tap"
	"google.golang.org/protobuf/proto"
)

// Admission bounds the memory that calls in flight may hold, across gRPC and
// REST: every call reserves, before its request is read, the most its
// method may bring in, and keeps, once decoded, what its request really
// holds. A call that would pass the budget is refused at once (gRPC
// RESOURCE_EXHAUSTED, REST 503 with Retry-After), so that a burst of large
// requests cannot take the process past its memory limit.
//
// Limits per method: a Classify carries one body of at most MaxBodyBytes,
// with headers and context beside it; a batch may bring more, up to
// maxBatchBytes; the other calls are small.
const (
	maxBatchBytes = 4 << 20
	// classifyOverhead is what a Classify may carry besides its body.
	classifyOverhead = 64 << 10
	maxSmallBytes    = 64 << 10
	// minCallWeight is what a decoded call holds at the least: the request,
	// the response, the engine's work.
	minCallWeight = 16 << 10
	// restFactor is how many times its body a REST call holds while the
	// gateway decodes JSON into a message.
	restFactor = 3
	// maxDiscardBytes bounds what is read of a refused REST body so that its
	// sender gets the answer; past it the connection is closed.
	maxDiscardBytes = 64 << 20
	// defaultInflightBytes is the budget when neither a flag nor GOMEMLIMIT
	// sets one.
	defaultInflightBytes = 64 << 20
)

// admission is the budget of bytes in flight.
type admission struct {
	budget      int64
	inUse       atomic.Int64
	classifyMax int64
	metrics     *Metrics
}

// InflightBudget returns the budget of bytes in flight: the configured one,
// else a third of GOMEMLIMIT, else 64 MiB.
func InflightBudget(configured int64) int64 {
	if configured > 0 {
		return configured
	}
	if limit := debug.SetMemoryLimit(-1); limit > 0 && limit < math.MaxInt64 {
		return max(limit/3, 8<<20)
	}
	return defaultInflightBytes
}

func newAdmission(budget int64, maxBodyBytes int, m *Metrics) *admission {
	a := &admission{budget: budget, classifyMax: int64(maxBodyBytes) + classifyOverhead, metrics: m}
	m.inflightBytes.Set(0)
	return a
}

// tryAcquire reserves n bytes if the budget allows.
func (a *admission) tryAcquire(n int64) bool {
	for {
		cur := a.inUse.Load()
		if cur+n > a.budget {
			return false
		}
		if a.inUse.CompareAndSwap(cur, cur+n) {
			a.metrics.inflightBytes.Add(float64(n))
			return true
		}
	}
}

func (a *admission) release(n int64) {
	a.inUse.Add(-n)
	a.metrics.inflightBytes.Sub(float64(n))
}

// ticket is one admitted call's reservation.
type ticket struct {
	a *admission
	n atomic.Int64
	// decoded is set once the request reached the interceptors: a call
	// that ends without it was refused by gRPC itself (a message over the
	// receive limit) and is counted here, since no interceptor saw it.
	decoded atomic.Bool
}

// shrink keeps only n of the reservation.
func (t *ticket) shrink(n int64) {
	if old := t.n.Load(); n < old && t.n.CompareAndSwap(old, n) {
		t.a.release(old - n)
	}
}

// done releases what remains.
func (t *ticket) done() {
	if n := t.n.Swap(0); n > 0 {
		t.a.release(n)
	}
}

type ticketKey struct{}

func ticketFrom(ctx context.Context) *ticket {
	t, _ := ctx.Value(ticketKey{}).(*ticket)
	return t
}

// grpcLimit is the most a call of the method may bring in.
func (a *admission) grpcLimit(fullMethod string) (int64, bool) {
	switch fullMethod {
	case "/errsvc.v1.ErrorNormalizer/Classify":
		return a.classifyMax, true
	case "/errsvc.v1.ErrorNormalizer/ClassifyBatch":
		return maxBatchBytes, true
	case "/errsvc.v1.ErrorNormalizer/ListProviders", "/errsvc.v1.ErrorNormalizer/GetProvider":
		return maxSmallBytes, true
	}
	return 0, false // health checks and reflection are not held back
}

// tap admits a gRPC call before its request is read. gRPC reads a message
// whole before anyone sees it, and rejects one over the server's receive
// limit (maxBatchBytes) from its length prefix alone; until the request is
// decoded its real size is unknown, so the reservation is that limit, and
// shrinks once decoded.
func (a *admission) tap(ctx context.Context, info *tap.Info) (context.Context, error) {
	if _, ours := a.grpcLimit(info.FullMethodName); !ours {
		return ctx, nil
	}
	if !a.tryAcquire(maxBatchBytes) {
		a.metrics.admissionRefused.WithLabelValues("grpc", "busy").Inc()
		st := status.New(codes.ResourceExhausted, "errsvc has too many bytes in flight; retry with backoff")
		if withInfo, err := st.WithDetails(&errdetails.ErrorInfo{Reason: "TOO_MANY_BYTES_IN_FLIGHT", Domain: errorDomain}); err == nil {
			st = withInfo
		}
		return ctx, st.Err()
	}
	t := &ticket{a: a}
	t.n.Store(maxBatchBytes)
	return context.WithValue(ctx, ticketKey{}, t), nil
}

// interceptor holds each decoded request to its method's limit and keeps
// only what it holds of the reservation.
func (a *admission) interceptor(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	t := ticketFrom(ctx)
	m, ok := req.(proto.Message)
	if t == nil || !ok {
		return handler(ctx, req)
	}
	t.decoded.Store(true)
	size := int64(proto.Size(m))
	if limit, _ := a.grpcLimit(info.FullMethod); size > limit {
		a.metrics.admissionRefused.WithLabelValues("grpc", "too_large").Inc()
		t.done()
		st := status.New(codes.ResourceExhausted, fmt.Sprintf("request is %d bytes, more than the %d %s accepts", size, limit, info.FullMethod))
		if withInfo, err := st.WithDetails(&errdetails.ErrorInfo{Reason: "REQUEST_TOO_LARGE", Domain: errorDomain,
			Metadata: map[string]string{"limit": strconv.FormatInt(limit, 10)}}); err == nil {
			st = withInfo
		}
		return nil, st.Err()
	}
	t.shrink(max(2*size, minCallWeight))
	return handler(ctx, req)
}

// statsHandler releases a gRPC call's reservation when the call ends,
// whatever ended it.
type statsHandler struct{}

func (statsHandler) TagRPC(ctx context.Context, _ *stats.RPCTagInfo) context.Context { return ctx }

func (statsHandler) HandleRPC(ctx context.Context, s stats.RPCStats) {
	end, ok := s.(*stats.End)
	if !ok {
		return
	}
	if t := ticketFrom(ctx); t != nil {
		if !t.decoded.Load() && status.Code(end.Error) == codes.ResourceExhausted {
			t.a.metrics.admissionRefused.WithLabelValues("grpc", "too_large").Inc()
		}
		t.done()
	}
}

func (statsHandler) TagConn(ctx context.Context, _ *stats.ConnTagInfo) context.Context { return ctx }

func (statsHandler) HandleConn(context.Context, stats.ConnStats) {}

// restLimit is the most a REST call to the path may send.
func (a *admission) restLimit(path string) int64 {
	switch path {
	case "/v1/classify":
		return a.classifyMax
	case "/v1/classify:batch":
		return maxBatchBytes
	}
	return maxSmallBytes
}

// restHandler admits REST calls: a body over its route's limit is refused
// with 413 before it is read (or as soon as reading passes the limit), and a
// call that would pass the budget gets 503 with Retry-After.
func (a *admission) restHandler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := a.restLimit(r.URL.Path)
		if r.ContentLength > limit {
			a.metrics.admissionRefused.WithLabelValues("rest", "too_large").Inc()
			// The body is read and thrown away, through a small buffer, up to
			// a bound: a client still sending would otherwise meet a closed
			// connection instead of the answer.
			io.CopyN(io.Discard, r.Body, maxDiscardBytes)
			writeRESTError(w, r, http.StatusRequestEntityTooLarge, codes.InvalidArgument, "REQUEST_TOO_LARGE",
				fmt.Sprintf("request body is %d bytes, more than the %d this route accepts", r.ContentLength, limit))
			return
		}
		weight := limit
		if r.ContentLength >= 0 {
			weight = max(r.ContentLength, minCallWeight/restFactor)
		}
		weight *= restFactor
		if !a.tryAcquire(weight) {
			a.metrics.admissionRefused.WithLabelValues("rest", "busy").Inc()
			w.Header().Set("Retry-After", "1")
			writeRESTError(w, r, http.StatusServiceUnavailable, codes.ResourceExhausted, "TOO_MANY_BYTES_IN_FLIGHT",
				"errsvc has too many bytes in flight; retry with backoff")
			return
		}
		defer a.release(weight)
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// writeRESTError writes errsvc's own REST error in the gateway's JSON form,
// with the HTTP status given.
func writeRESTError(w http.ResponseWriter, r *http.Request, httpStatus int, code codes.Code, reason, msg string) {
	st := status.New(code, msg)
	if withInfo, err := st.WithDetails(&errdetails.ErrorInfo{Reason: reason, Domain: errorDomain}); err == nil {
		st = withInfo
	}
	mux := runtime.NewServeMux()
	runtime.DefaultHTTPErrorHandler(r.Context(), mux, &runtime.JSONPb{}, w, r, &runtime.HTTPStatusError{HTTPStatus: httpStatus, Err: st.Err()})
}
