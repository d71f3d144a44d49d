package engine

import (
	"strings"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// demand ranks actions by how much they ask of the caller, so that a
// response carrying several errors resolves to the most demanding one: a
// cancelled or blocked flow outranks any fix, a broken client outranks a
// broken request, which outranks what the user can redo, which outranks
// waiting.
var demand = [...]int8{
	errsvcv1.Action_ACTION_UNSPECIFIED:              0,
	errsvcv1.Action_ACTION_NONE:                     1,
	errsvcv1.Action_ACTION_RETRY:                    2,
	errsvcv1.Action_ACTION_POLL:                     3,
	errsvcv1.Action_ACTION_RETRY_WITH_BACKOFF:       4,
	errsvcv1.Action_ACTION_SLOW_DOWN:                5,
	errsvcv1.Action_ACTION_REFRESH_TOKEN:            6,
	errsvcv1.Action_ACTION_REQUEST_SCOPE:            7,
	errsvcv1.Action_ACTION_RE_AUTHENTICATE:          8,
	errsvcv1.Action_ACTION_RE_CONSENT:               9,
	errsvcv1.Action_ACTION_FIX_REQUEST:              10,
	errsvcv1.Action_ACTION_FIX_CLIENT_CONFIGURATION: 11,
	errsvcv1.Action_ACTION_CONTACT_PROVIDER:         12,
	errsvcv1.Action_ACTION_USER_CONTACT_PROVIDER:    13,
	errsvcv1.Action_ACTION_ABORT:                    14,
}

// Demand returns the rank of an action: higher asks more of the caller.
func Demand(a errsvcv1.Action) int {
	if int(a) < len(demand) {
		return int(demand[a])
	}
	return 0
}

// hit is one signal matched to an entry.
type hit struct {
	entry  *catalog.Entry
	kind   errsvcv1.MatchKind
	si, ci int // indexes of the signal and candidate in the extraction
}

// pending collects context-dependent entries to offer as alternatives.
type pending struct {
	alts [8]*catalog.Entry
	n    int
}

func (p *pending) add(e *catalog.Entry) {
	for i := 0; i < p.n; i++ {
		if p.alts[i] == e {
			return
		}
	}
	if p.n < len(p.alts) {
		p.alts[p.n] = e
		p.n++
	}
}

// verdict says whether an entry's conditions hold for a request.
type verdict uint8

const (
	fails verdict = iota
	holds
	needsContext // everything holds but context the request does not carry
)

// eval checks every condition of e except its codes, and scores how many it
// satisfied, so that the most specific entry wins.
func eval(e *catalog.Entry, req *Request, s *signal, status int, hasCode bool) (int, verdict) {
	score := 0
	if e.NoCode && hasCode {
		return 0, fails
	}
	if len(e.Operations) > 0 && req.Operation != "" {
		ok := false
		for _, op := range e.Operations {
			if strings.EqualFold(op, req.Operation) {
				ok = true
				break
			}
		}
		if !ok {
			return 0, fails
		}
		score += 2
	}
	if len(e.Statuses) > 0 {
		if status == 0 {
			if len(e.Codes) == 0 {
				return 0, fails
			}
		} else {
			best := 0
			for _, sm := range e.Statuses {
				if sm.Matches(status) {
					if sm.Class {
						best = max(best, 1)
					} else {
						best = 2
					}
				}
			}
			if best == 0 {
				return 0, fails
			}
			score += best
		}
	}
	if len(e.ErrorTypes) > 0 && s != nil && s.etype.raw != "" {
		var buf [catalog.MaxCodeLen]byte
		t := normalizeText(buf[:0], s.etype)
		ok := false
		for _, want := range e.ErrorTypes {
			if string(t) == want {
				ok = true
				break
			}
		}
		if !ok {
			return 0, fails
		}
		score += 2
	}
	if len(e.DescriptionContains) > 0 {
		if s == nil || !descContains(s.desc, e.DescriptionContains) {
			return 0, fails
		}
		score++
	}
	for _, h := range e.HeadersPresent {
		if !hasHeader(req.Headers, h) {
			return 0, fails
		}
		score++
	}
	v := holds
	for _, f := range e.Context {
		got, ok := contextValue(req.Context, f.Key)
		if !ok {
			v = needsContext
			continue
		}
		if !strings.EqualFold(strings.TrimSpace(got), f.Value) {
			return 0, fails
		}
		score += 3
	}
	return score, v
}

func descContains(d text, subs []string) bool {
	if d.raw == "" {
		return false
	}
	s := d.raw
	if d.esc {
		s = d.String()
	}
	for _, sub := range subs {
		if containsFold(s, sub) {
			return true
		}
	}
	return false
}

// contextValue looks a context key up case-insensitively.
func contextValue(ctx map[string]string, key string) (string, bool) {
	if v, ok := ctx[key]; ok {
		return v, true
	}
	for k, v := range ctx {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return "", false
}

// best picks the most specific entry of es that holds, and notes those that
// would hold given more context.
func best(es []*catalog.Entry, req *Request, s *signal, status int, hasCode bool, alts *pending) *catalog.Entry {
	var win *catalog.Entry
	top := -1
	for _, e := range es {
		score, v := eval(e, req, s, status, hasCode)
		switch v {
		case holds:
			if score > top {
				win, top = e, score
			}
		case needsContext:
			alts.add(e)
		}
	}
	return win
}

func normalizeText(dst []byte, t text) []byte {
	if !t.esc {
		return catalog.AppendNormalized(dst, t.raw)
	}
	var tmp [catalog.MaxCodeLen]byte
	raw := t.appendTo(tmp[:0])
	return catalog.AppendNormalized(dst, string(raw))
}

// match resolves the extracted signals against the catalog.
func match(cat *catalog.Catalog, req *Request, x *extraction) Result {
	r := Result{Provider: req.Provider, Kind: errsvcv1.MatchKind_MATCH_KIND_NONE}
	chain := cat.DefaultChain()
	var named *catalog.Provider
	if req.Provider != "" {
		if p, ok := cat.Provider(req.Provider); ok {
			named, chain, r.Named = p, p.Chain, p
		}
	}
	status := req.HTTPStatus
	hasCode := x.hasCode()
	var alts pending

	var hits [maxSignals]hit
	nhits := 0
	var firstCand *candidate
	var firstSig *signal
	for si := 0; si < x.n; si++ {
		s := &x.sigs[si]
		for ci := 0; ci < s.ncands; ci++ {
			c := &s.cands[ci]
			var buf [catalog.MaxCodeLen]byte
			norm := normalizeText(buf[:0], c.code)
			if len(norm) == 0 {
				continue
			}
			if firstCand == nil || c.rank < firstCand.rank {
				firstCand, firstSig = c, s
			}
			aliased := false
			var canon string
			if named != nil {
				canon, aliased = named.Alias(norm)
			}
			for ti, p := range chain {
				var es []*catalog.Entry
				if aliased {
					es = p.Lookup(canon)
				} else {
					es = p.LookupBytes(norm)
				}
				if len(es) == 0 {
					continue
				}
				e := best(es, req, s, status, hasCode, &alts)
				if e == nil {
					continue
				}
				kind := errsvcv1.MatchKind_MATCH_KIND_STANDARD
				if ti == 0 && named != nil {
					kind = errsvcv1.MatchKind_MATCH_KIND_PROVIDER_ENTRY
					if aliased {
						kind = errsvcv1.MatchKind_MATCH_KIND_PROVIDER_ALIAS
					}
				}
				if nhits < len(hits) && !hasEntry(hits[:nhits], e) {
					hits[nhits] = hit{entry: e, kind: kind, si: si, ci: ci}
					nhits++
				}
				goto nextSignal
			}
		}
	nextSignal:
	}

	if nhits > 0 {
		primary := 0
		for i := 1; i < nhits; i++ {
			if Demand(hits[i].entry.Proto.GetClassification().GetAction()) > Demand(hits[primary].entry.Proto.GetClassification().GetAction()) {
				primary = i
			}
		}
		h := hits[primary]
		hs := &x.sigs[h.si]
		r.setEntry(h.entry, h.kind)
		r.UpstreamCode = hs.cands[h.ci].code
		r.UpstreamDescription = hs.desc
		r.addSignalEvidence(hs, &hs.cands[h.ci])
		if nhits > 1 || alts.n > 0 {
			r.Alternatives = make([]Alternative, 0, nhits-1+alts.n)
			for i := 0; i < nhits; i++ {
				if i != primary {
					os := &x.sigs[hits[i].si]
					r.Alternatives = append(r.Alternatives, Alternative{Entry: hits[i].entry, UpstreamCode: os.cands[hits[i].ci].code})
					r.addSignalEvidence(os, &os.cands[hits[i].ci])
				}
			}
			r.addPending(&alts, h.entry)
		}
	} else {
		// On a success status, only an "error"-like key is an error signal:
		// a "status":"ACTIVE" or "type" field of a normal answer is not.
		if firstCand != nil && status >= 200 && status < 400 && firstCand.rank > 1 {
			firstCand = nil
		}
		if firstCand != nil {
			r.Unmatched = true
			r.UpstreamCode = firstCand.code
			r.UpstreamDescription = firstSig.desc
			r.addSignalEvidence(firstSig, firstCand)
		}
		if x.rateLimitExhausted && (status == 403 || status == 429 || status == 0) {
			r.addEvidence("header", "ratelimit-remaining", text{raw: "0"})
			status = 429
		}
		if status != 0 {
			alts.n = 0 // code-specific alternatives do not apply to a status reading
			for ti, p := range chain {
				e := best(p.NoCodeEntries(), req, nil, status, hasCode, &alts)
				if e == nil {
					continue
				}
				kind := errsvcv1.MatchKind_MATCH_KIND_HTTP_STATUS
				if ti == 0 && named != nil {
					kind = errsvcv1.MatchKind_MATCH_KIND_PROVIDER_ENTRY
				}
				r.setEntry(e, kind)
				r.addPending(&alts, e)
				break
			}
			r.addEvidence("status", "", text{raw: itoa3(status)})
		}
		if r.Entry == nil {
			r.Unmatched = true
		}
	}
	if r.UpstreamDescription.raw == "" {
		r.UpstreamDescription = x.anyDesc
	}
	if r.Entry != nil {
		r.applyContext(req)
	} else {
		r.Action = unknownClassification.GetAction()
	}
	if x.hasRetryAfter {
		r.RetryAfter, r.HasRetryAfter = x.retryAfter, true
		r.addEvidence(x.retrySource, "", text{raw: x.retryRaw})
	} else if r.Entry != nil && r.Entry.Proto.GetClassification().GetRetryAfter() != nil {
		r.RetryAfter, r.HasRetryAfter = r.Entry.Proto.GetClassification().GetRetryAfter().AsDuration(), true
	}
	return r
}

func hasEntry(hs []hit, e *catalog.Entry) bool {
	for _, h := range hs {
		if h.entry == e {
			return true
		}
	}
	return false
}

func (r *Result) setEntry(e *catalog.Entry, kind errsvcv1.MatchKind) {
	c := e.Proto.GetClassification()
	r.Entry, r.Kind = e, kind
	r.Action, r.Fallback = c.GetAction(), c.GetFallbackAction()
	for _, f := range e.Context {
		r.addEvidence("context", f.Key, text{raw: f.Value})
	}
}

// addPending offers the context-dependent entries, other than the winner, as
// alternatives with the context that would select each.
func (r *Result) addPending(alts *pending, winner *catalog.Entry) {
	if len(winner.Context) > 0 {
		// The caller's context already chose among the readings.
		return
	}
	for i := 0; i < alts.n; i++ {
		e := alts.alts[i]
		if e == winner {
			continue
		}
		if r.Alternatives == nil {
			r.Alternatives = make([]Alternative, 0, alts.n)
		}
		r.Alternatives = append(r.Alternatives, Alternative{Entry: e, Context: e.Context})
	}
}

// applyContext adjusts the action with what the caller knows: without a
// refresh token, refreshing is pointless and the fallback is the action.
func (r *Result) applyContext(req *Request) {
	if r.Action != errsvcv1.Action_ACTION_REFRESH_TOKEN {
		return
	}
	if v, ok := contextValue(req.Context, "refresh_token_available"); ok && strings.EqualFold(strings.TrimSpace(v), "false") {
		r.Action = r.Fallback
		if r.Action == errsvcv1.Action_ACTION_UNSPECIFIED {
			r.Action = errsvcv1.Action_ACTION_RE_AUTHENTICATE
		}
		r.Fallback = errsvcv1.Action_ACTION_UNSPECIFIED
		r.addEvidence("context", "refresh_token_available", text{raw: "false"})
	}
}

func (r *Result) addSignalEvidence(s *signal, c *candidate) {
	if r.NEvidence < maxEvidence {
		r.Evidence[r.NEvidence] = Evidence{Source: s.source.String(), Parent: s.parent, InArray: s.inArray, Key: c.key, Value: c.code}
		r.NEvidence++
	}
}
