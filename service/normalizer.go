// Package service serves the classification engine over gRPC and, through
// grpc-gateway, over REST, with health, reflection, metrics and catalog hot
// reload. It is a thin adapter: the engine decides, this package maps its
// answers and errors to the wire in one place.
package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/gen/errsvc/v1/errsvcv1grpc"
	"github.com/errsvc/errsvc/internal/engine"
	"github.com/errsvc/errsvc/internal/unmatched"
)

// errorDomain is the ErrorInfo domain of errsvc's own errors (AIP-193).
const errorDomain = "errsvc"

// MaxBatchItems bounds one ClassifyBatch call.
const MaxBatchItems = 5000

// Store holds the catalog in use. Readers load it without locks; a reload
// swaps in a new immutable catalog.
type Store struct {
	p atomic.Pointer[catalog.Catalog]
}

// NewStore returns a store holding cat.
func NewStore(cat *catalog.Catalog) *Store {
	s := &Store{}
	s.p.Store(cat)
	return s
}

// Load returns the catalog in use.
func (s *Store) Load() *catalog.Catalog { return s.p.Load() }

// Swap replaces the catalog in use.
func (s *Store) Swap(cat *catalog.Catalog) { s.p.Store(cat) }

// Normalizer implements errsvc.v1.ErrorNormalizer over the engine.
type Normalizer struct {
	errsvcv1grpc.UnimplementedErrorNormalizerServer

	store   *Store
	limits  engine.Limits
	metrics *Metrics
	log     *slog.Logger
	// unmatched is the report of the answers given without a catalog entry.
	unmatched *unmatched.Tracker
	// scratch pools the engine's working memory: kept on each goroutine's
	// stack it made every call grow, and after each GC regrow, its stack.
	scratch sync.Pool
}

// NewNormalizer returns the service implementation.
// The unmatched report holds at most unmatchedTop signatures.
func NewNormalizer(store *Store, limits engine.Limits, m *Metrics, log *slog.Logger, unmatchedTop int) *Normalizer {
	n := &Normalizer{store: store, limits: limits, metrics: m, log: log, unmatched: unmatched.New(unmatchedTop, log)}
	n.scratch.New = func() any { return new(engine.Scratch) }
	return n
}

// Classify classifies one raw upstream error.
func (n *Normalizer) Classify(ctx context.Context, req *errsvcv1.ClassifyRequest) (*errsvcv1.ClassifyResponse, error) {
	resp, err := n.classify(req)
	if err != nil {
		return nil, grpcError(err)
	}
	return resp, nil
}

func (n *Normalizer) classify(req *errsvcv1.ClassifyRequest) (*errsvcv1.ClassifyResponse, error) {
	scratch := n.scratch.Get().(*engine.Scratch)
	defer n.scratch.Put(scratch)
	return n.classifyWith(n.store.Load(), req, scratch)
}

// classifyWith classifies req against cat, using scratch as the engine's
// working memory.
func (n *Normalizer) classifyWith(cat *catalog.Catalog, req *errsvcv1.ClassifyRequest, scratch *engine.Scratch) (*errsvcv1.ClassifyResponse, error) {
	resp, res, err := engine.Answer(cat, req, &n.limits, scratch)
	if err != nil {
		return nil, err
	}
	n.metrics.observe(cat, &res)
	n.unmatched.Observe(req, &res, resp)
	if n.log.Enabled(context.Background(), slog.LevelDebug) {
		// Only catalog-owned values are logged: never the body or the raw code.
		n.log.Debug("classified", "provider", providerLabel(&res),
			"entry", resp.GetMatch().GetEntryId(), "kind", res.Kind.String(), "unmatched", res.Unmatched)
	}
	return resp, nil
}

// ClassifyBatch classifies many raw upstream errors, one result per item.
func (n *Normalizer) ClassifyBatch(ctx context.Context, req *errsvcv1.ClassifyBatchRequest) (*errsvcv1.ClassifyBatchResponse, error) {
	items := req.GetRequests()
	if len(items) == 0 {
		return nil, grpcError(&engine.Error{Reason: "EMPTY_BATCH", Message: "requests is empty"})
	}
	if len(items) > MaxBatchItems {
		return nil, grpcError(&engine.Error{Reason: "BATCH_TOO_LARGE",
			Message:  fmt.Sprintf("batch has %d requests, more than the %d allowed", len(items), MaxBatchItems),
			Metadata: map[string]string{"limit": strconv.Itoa(MaxBatchItems)}})
	}
	// One catalog for the whole batch, so that a reload in the middle does
	// not split it; results and their oneof wrappers in two allocations.
	cat := n.store.Load()
	scratch := n.scratch.Get().(*engine.Scratch)
	defer n.scratch.Put(scratch)
	results := make([]errsvcv1.ClassifyBatchResult, len(items))
	responses := make([]errsvcv1.ClassifyBatchResult_Response, len(items))
	out := &errsvcv1.ClassifyBatchResponse{Results: make([]*errsvcv1.ClassifyBatchResult, len(items))}
	for i, item := range items {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, status.FromContextError(ctx.Err()).Err()
		}
		r := &results[i]
		out.Results[i] = r
		resp, err := n.classifyWith(cat, item, scratch)
		if err != nil {
			r.Result = &errsvcv1.ClassifyBatchResult_Error{Error: itemError(err)}
			continue
		}
		responses[i].Response = resp
		r.Result = &responses[i]
	}
	return out, nil
}

// ListProviders lists the providers and standards of the loaded catalog.
func (n *Normalizer) ListProviders(ctx context.Context, _ *errsvcv1.ListProvidersRequest) (*errsvcv1.ListProvidersResponse, error) {
	cat := n.store.Load()
	out := &errsvcv1.ListProvidersResponse{CatalogVersion: cat.Version, Providers: make([]*errsvcv1.Provider, len(cat.Providers))}
	for i, p := range cat.Providers {
		out.Providers[i] = p.Proto
	}
	return out, nil
}

// GetProvider returns one provider with its entries.
func (n *Normalizer) GetProvider(ctx context.Context, req *errsvcv1.GetProviderRequest) (*errsvcv1.GetProviderResponse, error) {
	cat := n.store.Load()
	p, ok := cat.Provider(req.GetId())
	if !ok {
		// Caller-sent text is kept short and clean in error messages.
		st := status.New(codes.NotFound, fmt.Sprintf("no provider %q in the catalog", engine.Sanitize(req.GetId(), 64)))
		st, _ = st.WithDetails(&errdetails.ErrorInfo{Reason: "PROVIDER_NOT_FOUND", Domain: errorDomain})
		return nil, st.Err()
	}
	out := &errsvcv1.GetProviderResponse{Provider: p.Proto, CatalogVersion: cat.Version, Entries: make([]*errsvcv1.Entry, len(p.Entries))}
	for i, e := range p.Entries {
		out.Entries[i] = e.Proto
	}
	return out, nil
}

// ListUnmatched reports the errors this replica answered without a catalog
// entry, most frequent first.
func (n *Normalizer) ListUnmatched(ctx context.Context, req *errsvcv1.ListUnmatchedRequest) (*errsvcv1.ListUnmatchedResponse, error) {
	if req.GetLimit() < 0 {
		return nil, grpcError(&engine.Error{Reason: "INVALID_LIMIT", Message: "limit must not be negative",
			Metadata: map[string]string{"field": "limit"}})
	}
	out := n.unmatched.Report(req.GetProvider(), int(req.GetLimit()))
	out.CatalogVersion = n.store.Load().Version
	return out, nil
}

// forgetMatched drops from the unmatched report the signatures cat now
// understands.
func (n *Normalizer) forgetMatched(cat *catalog.Catalog) int {
	scratch := n.scratch.Get().(*engine.Scratch)
	defer n.scratch.Put(scratch)
	return n.unmatched.Forget(func(sample *errsvcv1.ClassifyRequest) bool {
		resp, res, err := engine.Answer(cat, sample, &n.limits, scratch)
		return err != nil || unmatched.Reported(&res, resp)
	})
}

// grpcError maps the engine's own errors to INVALID_ARGUMENT with an
// AIP-193 ErrorInfo; anything else is INTERNAL.
func grpcError(err error) error {
	var e *engine.Error
	if !errors.As(err, &e) {
		return status.Error(codes.Internal, "internal error")
	}
	st := status.New(codes.InvalidArgument, e.Message)
	if withInfo, derr := st.WithDetails(&errdetails.ErrorInfo{Reason: e.Reason, Domain: errorDomain, Metadata: e.Metadata}); derr == nil {
		st = withInfo
	}
	return st.Err()
}

func itemError(err error) *errsvcv1.ItemError {
	var e *engine.Error
	if !errors.As(err, &e) {
		return &errsvcv1.ItemError{Code: "INTERNAL", Message: "internal error", Reason: "INTERNAL"}
	}
	return &errsvcv1.ItemError{Code: "INVALID_ARGUMENT", Message: e.Message, Reason: e.Reason, Metadata: e.Metadata}
}
