// Package unmatched keeps the report of the errors a replica answered without
// a catalog entry: the most frequent signatures, each with the answer given
// and one redacted sample, in memory fixed by a capacity whatever the
// traffic.
//
// The report is a space-saving top-K sketch (Metwally, Agrawal and El Abbadi,
// "Efficient Computation of Frequent and Top-k Elements in Data Streams",
// 2005): K counters; a signature not tracked takes the slot of the least
// counted one and inherits its count, which is recorded as the new
// signature's possible overestimate. Frequent signatures stay; junk churns
// through the bottom slots.
package unmatched

import (
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/internal/engine"
)

// Limits of what a signature and its sample keep.
const (
	maxCode        = 128
	maxOperation   = 64
	maxBody        = 2048
	maxRedirect    = 512
	maxHeaders     = 16
	maxHeaderValue = 256
)

// UnknownProvider is the provider of signatures whose requests named no
// catalog provider.
const UnknownProvider = "unknown"

// DefaultCapacity is the number of signatures a report holds by default.
const DefaultCapacity = 500

// logsPerSecond bounds the log lines of newly seen signatures.
const logsPerSecond = 10

// Signature identifies one kind of error the catalog did not name.
type Signature struct {
	Provider   string
	Operation  string
	HTTPStatus int32
	Code       string
	Kind       errsvcv1.MatchKind
}

type item struct {
	sig         Signature
	count, errc int64
	first, last time.Time
	class       *errsvcv1.Classification
	sample      *errsvcv1.ClassifyRequest
	shadow      string
	heapIndex   int
}

// Tracker is the report. Its methods are safe for concurrent use.
type Tracker struct {
	capacity int
	log      *slog.Logger
	now      func() time.Time

	mu    sync.Mutex
	items map[Signature]*item
	heap  []*item // min-heap on count
	total int64
	since time.Time

	logWindow     time.Time
	logged        int
	logSuppressed int
}

// New returns an empty report of at most capacity signatures
// (DefaultCapacity when capacity is not positive), logging each newly seen signature to log (nil: no logging).
func New(capacity int, log *slog.Logger) *Tracker {
	return newTracker(capacity, log, time.Now)
}

func newTracker(capacity int, log *slog.Logger, now func() time.Time) *Tracker {
	if capacity <= 0 {
		capacity = DefaultCapacity
	}
	return &Tracker{capacity: capacity, log: log, now: now,
		items: make(map[Signature]*item, min(capacity, 1024)), heap: make([]*item, 0, min(capacity, 1024)), since: now()}
}

// Capacity returns the most signatures the report holds.
func (t *Tracker) Capacity() int { return t.capacity }

// Reported says whether an answer belongs in the report: one given without
// an entry naming the error (no match, the HTTP status alone, or inferred),
// and not a response that carries no error.
func Reported(res *engine.Result, resp *errsvcv1.ClassifyResponse) bool {
	switch res.Kind {
	case errsvcv1.MatchKind_MATCH_KIND_NONE, errsvcv1.MatchKind_MATCH_KIND_HTTP_STATUS, errsvcv1.MatchKind_MATCH_KIND_INFERRED:
		return resp.GetClassification().GetCategory() != errsvcv1.Category_CATEGORY_NO_ERROR
	}
	return res.Unmatched
}

// Observe records one answer; those that are not Reported are ignored.
func (t *Tracker) Observe(req *errsvcv1.ClassifyRequest, res *engine.Result, resp *errsvcv1.ClassifyResponse) {
	if !Reported(res, resp) {
		return
	}
	provider := UnknownProvider
	if res.Named != nil {
		provider = res.Named.Proto.GetId()
	}
	sig := Signature{
		Provider:   provider,
		Operation:  engine.Sanitize(req.GetOperation(), maxOperation),
		HTTPStatus: req.GetHttpStatus(),
		Code:       engine.Sanitize(res.UpstreamCode.String(), maxCode),
		Kind:       res.Kind,
	}
	now := t.now()

	t.mu.Lock()
	defer t.mu.Unlock()
	t.total++
	if it, ok := t.items[sig]; ok {
		it.count++
		it.last = now
		it.shadow = shadowID(res)
		t.down(it.heapIndex) // the count grew: the item may sink
		return
	}
	// The strings may point into the request body: copied, so that the
	// report does not keep whole requests alive.
	sig.Operation, sig.Code = strings.Clone(sig.Operation), strings.Clone(sig.Code)
	it := &item{sig: sig, count: 1, first: now, last: now,
		class: proto.Clone(resp.GetClassification()).(*errsvcv1.Classification), sample: Sample(req), shadow: shadowID(res)}
	if len(t.heap) < t.capacity {
		it.heapIndex = len(t.heap)
		t.heap = append(t.heap, it)
		t.up(it.heapIndex)
	} else {
		// Space-saving: the least counted signature gives its slot.
		old := t.heap[0]
		delete(t.items, old.sig)
		it.count, it.errc = old.count+1, old.count
		it.heapIndex = 0
		t.heap[0] = it
		t.down(0)
	}
	t.items[sig] = it
	t.logNew(it, now)
}

func shadowID(res *engine.Result) string {
	if res.Shadow == nil {
		return ""
	}
	return res.Shadow.Proto.GetId()
}

// logNew logs a newly seen signature, at most logsPerSecond a second; the
// lines left out are counted in the next one.
func (t *Tracker) logNew(it *item, now time.Time) {
	if t.log == nil {
		return
	}
	if now.Sub(t.logWindow) >= time.Second {
		t.logWindow, t.logged = now, 0
	}
	if t.logged >= logsPerSecond {
		t.logSuppressed++
		return
	}
	t.logged++
	s := it.sig
	t.log.Info("unmatched error", "provider", s.Provider, "operation", s.Operation, "http_status", s.HTTPStatus,
		"upstream_code", s.Code, "match_kind", s.Kind.String(), "category", it.class.GetCategory().String(),
		"action", it.class.GetAction().String(), "suppressed", t.logSuppressed)
	t.logSuppressed = 0
}

// Sample returns a copy of req that is safe to keep and show: credentials
// redacted, body, redirect URI and header values cut short, at most 16
// headers, no context.
func Sample(req *errsvcv1.ClassifyRequest) *errsvcv1.ClassifyRequest {
	body := req.GetBody()
	if b := req.GetBodyBytes(); len(b) > 0 {
		body = string(b[:min(len(b), 4*maxBody)])
	}
	s := &errsvcv1.ClassifyRequest{
		Provider:    engine.Sanitize(req.GetProvider(), 63),
		Operation:   engine.Sanitize(req.GetOperation(), maxOperation),
		HttpStatus:  req.GetHttpStatus(),
		Body:        strings.Clone(engine.Sanitize(body, maxBody)),
		RedirectUri: strings.Clone(engine.Sanitize(req.GetRedirectUri(), maxRedirect)),
	}
	if len(req.GetHeaders()) > 0 {
		names := make([]string, 0, len(req.GetHeaders()))
		for k := range req.GetHeaders() {
			names = append(names, k)
		}
		sort.Strings(names)
		s.Headers = make(map[string]string, min(len(names), maxHeaders))
		for _, k := range names[:min(len(names), maxHeaders)] {
			v := req.GetHeaders()[k]
			if isCredentialHeader(k) {
				v = "[REDACTED]"
			}
			s.Headers[strings.Clone(engine.Sanitize(k, 64))] = strings.Clone(engine.Sanitize(v, maxHeaderValue))
		}
	}
	s.Provider, s.Operation = strings.Clone(s.Provider), strings.Clone(s.Operation)
	return s
}

// isCredentialHeader reports headers whose whole value is a secret.
func isCredentialHeader(name string) bool {
	switch strings.ToLower(name) {
	case "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key":
		return true
	}
	return false
}

// Forget drops the signatures whose sample the catalog now understands:
// unmatched reports whether a sample is still not understood.
func (t *Tracker) Forget(unmatched func(sample *errsvcv1.ClassifyRequest) bool) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	kept := t.heap[:0]
	dropped := 0
	for _, it := range t.heap {
		if unmatched(it.sample) {
			kept = append(kept, it)
			continue
		}
		delete(t.items, it.sig)
		dropped++
	}
	clear(t.heap[len(kept):])
	t.heap = kept
	for i, it := range t.heap {
		it.heapIndex = i
	}
	for i := len(t.heap)/2 - 1; i >= 0; i-- {
		t.down(i)
	}
	return dropped
}

// Report returns the signatures, most frequent first, of provider (all when
// empty), at most limit of them (all when 0).
func (t *Tracker) Report(provider string, limit int) *errsvcv1.ListUnmatchedResponse {
	// The items are copied under the lock (counts and times change), then
	// sorted and cut to the limit before any message is built.
	t.mu.Lock()
	out := &errsvcv1.ListUnmatchedResponse{Capacity: int32(t.capacity), Total: t.total, Since: timestamppb.New(t.since)}
	items := make([]item, 0, len(t.heap))
	for _, it := range t.heap {
		if provider == "" || strings.EqualFold(provider, it.sig.Provider) {
			items = append(items, *it)
		}
	}
	t.mu.Unlock()
	sort.Slice(items, func(i, j int) bool {
		if items[i].count != items[j].count {
			return items[i].count > items[j].count
		}
		return items[i].last.After(items[j].last)
	})
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}
	out.Signatures = make([]*errsvcv1.UnmatchedSignature, len(items))
	for i, it := range items {
		out.Signatures[i] = &errsvcv1.UnmatchedSignature{
			Provider: it.sig.Provider, Operation: it.sig.Operation, HttpStatus: it.sig.HTTPStatus,
			UpstreamCode: it.sig.Code, MatchKind: it.sig.Kind, Classification: it.class,
			Count: it.count, CountError: it.errc,
			FirstSeen: timestamppb.New(it.first), LastSeen: timestamppb.New(it.last), Sample: it.sample,
			ShadowEntryId: it.shadow,
		}
	}
	return out
}

// Len returns how many signatures the report holds.
func (t *Tracker) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.heap)
}

// The heap is kept by hand rather than with container/heap so that a count
// increment moves one item without an interface call per comparison.

func (t *Tracker) less(i, j int) bool { return t.heap[i].count < t.heap[j].count }

func (t *Tracker) swap(i, j int) {
	t.heap[i], t.heap[j] = t.heap[j], t.heap[i]
	t.heap[i].heapIndex, t.heap[j].heapIndex = i, j
}

func (t *Tracker) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !t.less(i, p) {
			return
		}
		t.swap(i, p)
		i = p
	}
}

func (t *Tracker) down(i int) {
	n := len(t.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		c := l
		if r := l + 1; r < n && t.less(r, l) {
			c = r
		}
		if !t.less(c, i) {
			return
		}
		t.swap(i, c)
		i = c
	}
}
