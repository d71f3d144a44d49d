package engine

import (
	"bytes"
	"net/http"
	"slices"
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
			// Without a status, an entry for the code under one status
			// yields to the code's entry for any (OpenAI's
			// invalid_request_error means a bad key only under 401).
			score--
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
		if s == nil || !descContains(s.desc, e.DescriptionContains) && !descContains(s.desc2, e.DescriptionContains) {
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
			if win == nil || score > top {
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

// Confidence of each way of matching (docs/taxonomy.md): a provider's own
// entry is certain; a standard's code almost so; the bare status says little.
const (
	confidenceEntry    = 1.0
	confidenceStandard = 0.9
	confidenceStatus   = 0.5
	// confidenceOtherProvider is for a provider's entry when the request did
	// not name the provider: its code or a link named it.
	confidenceOtherProvider = 0.7
	confidenceSuccess       = 0.9
	// confidenceFailed is for an answer that says it failed and names no
	// cause: it reads as the request refused, the likeliest cause but a
	// guess.
	confidenceFailed = 0.3
)

// maxErrorDepth is how deep in a successful answer an error object may sit
// and still be the answer's error: {"errors": [{...}]} is 3 deep, Reddit's
// {"json": {"errors": [[...]]}} 4.
const maxErrorDepth = 4

// matcher holds one request's matching state, step by step.
type matcher struct {
	cat     *catalog.Catalog
	req     *Request
	x       *extraction
	chain   []*catalog.Provider
	named   *catalog.Provider
	status  int
	hasCode bool
	// isError is set when the response carries an error whatever its
	// status; success is set for a 2xx or 3xx that carries none.
	isError bool
	// bodyStatus is set when status is the one the error body states.
	bodyStatus bool
	// impliedOK is set when no status was given and the body reads as a
	// success: status is then 200.
	impliedOK bool
	// linked is the link host that named the provider when the request
	// named none the catalog knows.
	linked string
	// refining is set while a catch-all code's message is read;
	// refiningWords when the catch-all reading came from the code's words.
	refining, refiningWords bool
	// money is set when the request moved money (operation payment,
	// charge, capture, purchase, sale, payout, transfer, refund, void):
	// its payment's outcome is the call's.
	money bool
	// namedStatus is set once a top-level status that names a condition
	// (extraction.namedStatus) has been read as an error: it then counts
	// as the error's code under a 2xx.
	namedStatus bool
}

// match resolves the extracted signals against the catalog, most specific
// reading first: the catalog's entries for the codes; another provider's
// entry when the request names no known provider; a near spelling of a
// standard code; the words of the code and message; the HTTP status.
//
// r must be the zero Result, as classify's is when it calls
// match: clearing it again here cost a catalog hit about one percent.
func match(cat *catalog.Catalog, req *Request, x *extraction, r *Result) {
	r.Provider, r.Kind = req.Provider, errsvcv1.MatchKind_MATCH_KIND_NONE
	m := matcher{cat: cat, req: req, x: x, chain: cat.DefaultChain(), status: req.HTTPStatus}
	// Most requests name no operation, or one of another length than the
	// words below: neither needs the list of words built and walked.
	if n := len(req.Operation); n >= len("sale") && n <= len("purchase") {
		m.money = oneOfFold(req.Operation, "payment", "charge", "capture", "purchase", "sale", "payout", "transfer", "refund", "void")
	}
	if req.Provider != "" {
		if p, ok := cat.Provider(req.Provider); ok {
			m.named, m.chain, r.Named = p, p.Chain, p
		}
	}
	if m.named == nil {
		// A link in the body to a provider's domain ("documentation_url":
		// "https://docs.stripe.com/...") says whose answer it is.
		if p, host := linkedProvider(cat, req.Body); p != nil {
			m.named, m.chain, m.linked = p, p.Chain, host
		}
	}
	if m.status == 0 && !x.failure && (x.success || m.fetchedRecord()) {
		// "ok": true, or a check's verdict ("Valid": false beside the
		// issuer's reason), says what the status would have; so does a
		// record that states its own state (Pluggy's item in
		// "LOGIN_ERROR").
		m.status, m.impliedOK = 200, true
	}
	m.isError = x.failure
	phrase := m.statusPhrase() // which a code may only restate
	for i := 0; i < x.n; i++ {
		if m.usable(&x.sigs[i]) {
			m.isError = true
			m.hasCode = m.hasCode || x.sigs[i].hasIdentifier() && !restatesStatus(&x.sigs[i], phrase)
		}
	}
	if x.bodyStatus != 0 && (m.status == 0 && !(!m.isError && saysOK(x.anyDesc.raw)) || (m.isError && m.status < 400)) {
		// The error body states its status where the response has none, or
		// only a success: read it as the status. A status beside a message
		// that says it succeeded is the provider's own (Midtrans's
		// "status_code": "407" with "Success, transaction has expired").
		m.status, m.bodyStatus = x.bodyStatus, true
	}
	if m.status == 0 && !m.isError && x.fieldMsg.raw != "" && x.anyDesc.raw == "" {
		// Without a status, field errors (Cakto's {"name": ["Este campo é
		// obrigatório."]}) are the answer's message when the vocabulary
		// reads them as an error; other lists of text are data.
		x.anyDesc, x.looseDesc = x.fieldMsg, true
		if m.isError = m.messageSaysError(); !m.isError {
			x.anyDesc, x.looseDesc = text{}, false
		}
	}
	if m.status == 0 && !m.isError && (x.data && (!x.looseDesc || x.okCode || isSuccessWord(x.anyDesc.raw) || x.onlyPartial()) || saysOK(x.anyDesc.raw) || saysSucceeded(x.anyDesc.String()) || x.okCode && !x.failure) {
		// Without a status, a document in which nothing is an error and no
		// message says more than "ok" reads as a success, and so does any
		// answer whose result code says it succeeded (Barclaycard
		// Smartpay's resultCode=Authorised).
		m.status, m.impliedOK = 200, true
	}
	if m.status == 0 && !m.isError && x.n == 0 && (x.redirectOK && strings.TrimSpace(req.Body) == "" || x.rpcOK) {
		// A redirect that carries an authorization response and no error
		// (MediaWiki's callback with oauth_verifier and oauth_token), with
		// no body, is a success; so is a JSON-RPC result in which nothing
		// is an error, whatever message its data carries (Trustly's
		// Deposit answer).
		m.status, m.impliedOK = 200, true
	}
	if m.status == 0 && !m.isError && (x.zeroCode || x.noErrors) && !m.messageReadsAsError() {
		// A top-level error code of 0 beside a message that reads as no
		// error (Postmark's {"ErrorCode": 0, "Message": "Confirmation
		// resent to ..."}) is a success; Azure DevOps' "errorCode": 0
		// beside "Access Denied: ..." is not. So is an empty list of
		// errors beside such a message.
		m.status, m.impliedOK = 200, true
	}
	if m.status == 0 && !m.isError && x.data && (x.xmlDoc && !m.messageSaysError() || x.statusDesc && !m.messageReadsAsError()) {
		// An XML document's message is read for an error (BridgePay's
		// <RespMSG>Duplicate Transaction</RespMSG>); one that says none
		// (IDology's verdict, <message>Unable to Locate ID</message> beside
		// an id-number) leaves the document a success, and so does a
		// top-level status in words that read as no error at all.
		m.status, m.impliedOK = 200, true
	}
	if !m.isError && (x.prose && m.messageReadsAsError() || x.oddCode && x.looseDesc && !x.success && !saysOK(x.anyDesc.raw) && m.messageReadsAsError() ||
		x.namedStatus && !x.success && !x.topResource && m.statusNamesError()) && m.status >= 200 && m.status < 300 {
		// A line of text is all the answer there is: one whose words
		// read as an error, even weakly, is one under any status ("The
		// subscription does not support SSML!", "too many requests - try
		// again later", PayFast's "INVALID" under 200). So is a message
		// beside a code that is neither 0 nor a 2xx ({"status": 4,
		// "message": "Not enough credit"}).
		m.isError = true
	}
	if !m.isError && m.money && m.status >= 200 && m.status < 300 && !x.success && !x.okCode && x.anyDesc.raw != "" &&
		!saysOK(x.anyDesc.raw) && !saysSucceeded(x.anyDesc.raw) && !hasPrefixFold(strings.TrimSpace(x.anyDesc.raw), "warning") && m.messageSaysError() {
		// A call that moves money answered with a message that reads as
		// a failure ("<RespMSG>Declined</RespMSG>", "<em>Insufficient
		// Funds</em>") failed, whatever the gateway's status says.
		m.isError = true
	}
	switch {
	case !m.isError && m.status >= 200 && m.status < 400:
		m.byStatus(r)
	case m.byCode(r, x), m.byOtherProvider(r), m.byTypo(r):
		if r.Entry != nil && r.Entry.Proto.GetCatchAll() {
			m.refineCatchAll(r)
		}
	case m.byWords(r):
		if e, own := m.statusEntry(); e != nil && m.statusOutranks(e, own, r) {
			*r = Result{Provider: r.Provider, Named: r.Named, Kind: errsvcv1.MatchKind_MATCH_KIND_NONE}
			m.byStatus(r)
		} else if r.Entry.Proto.GetCatchAll() && r.Kind == errsvcv1.MatchKind_MATCH_KIND_INFERRED {
			// A code that only restates the status's class
			// (AuthenticationRequiredError, bad_request) beside a message
			// that names the cause ("X-Apikey header is missing").
			m.refineCatchAll(r)
		}
	default:
		m.byStatus(r)
	}
	m.finish(r)
	if cat.HasShadows() {
		r.Shadow = m.shadow(x)
	}
}

// shadow returns the shadow entry that would have answered, had it been
// trusted: of the named provider or a standard, for a code of the response
// or, naming none, for its status. It never changes the answer.
func (m *matcher) shadow(x *extraction) *catalog.Entry {
	var alts pending
	for si := 0; si < x.n; si++ {
		s := &x.sigs[si]
		if !m.usable(s) {
			continue
		}
		for ci := 0; ci < s.ncands; ci++ {
			var buf [catalog.MaxCodeLen]byte
			if e := best(m.inChain(m.cat.ShadowsFor(normalizeText(buf[:0], s.cands[ci].code))), m.req, s, m.status, m.hasCode, &alts); e != nil {
				return e
			}
		}
	}
	words := signal{desc: x.anyDesc}
	return best(m.inChain(m.cat.ShadowsWithoutCode()), m.req, &words, m.status, m.hasCode, &alts)
}

// inChain keeps the entries whose provider the request's chain consults.
func (m *matcher) inChain(es []*catalog.Entry) []*catalog.Entry {
	var out []*catalog.Entry
	for _, e := range es {
		if slices.Contains(m.chain, e.Provider) {
			out = append(out, e)
		}
	}
	return out
}

// usable reports whether a signal reads as an error. Under a success status
// only what plainly says error counts: an error object, an "error" or
// "errorCode" key, a header or redirect error, a failure flag in the same
// response, or a non-zero numeric code that comes with a message; a
// "status": "ACTIVE" or "type" field of a normal answer does not.
func (m *matcher) usable(s *signal) bool {
	if m.x.verdict && (m.status == 0 || m.status >= 200 && m.status < 300) {
		// The reasons for a check's verdict ("is_valid": false beside
		// "error_code": "VERIFICATION_ERROR_REVOKED") are its data, unless
		// the named provider defines the code as the call's error.
		return m.namedCode(s)
	}
	if m.status == 0 && !m.x.failure {
		return m.usableWithoutStatus(s)
	}
	if m.status < 200 || m.status >= 400 || m.x.failure {
		return s.ncands > 0 || s.desc.raw != ""
	}
	if m.declined(s) {
		// A payment call answered with the payment, its status saying it
		// was declined ("status": "Declined"), failed; the same status of
		// a payment fetched later is data.
		return true
	}
	if s.resource && !m.outcome(s) || s.depth > maxErrorDepth || (m.x.success && (s.depth > 1 || s.source == srcXML && !s.container)) || s.inItem {
		// A resource's own error fields, errors nested deep in the data of
		// a successful answer, or below an envelope that says it succeeded
		// (Flickr's "stat": "ok" over a method's list of possible errors),
		// or codes outside any error element of an XML answer whose flag
		// says it succeeded (Cybersource's <decision>ACCEPT</decision>
		// beside <reasonCode>100</reasonCode>) describe the data, not the
		// call.
		return false
	}
	if m.recordsError(s) {
		return m.namedCode(s)
	}
	if s.container && s.onlyKinds() {
		// Error objects that only name their kind, with no code or
		// message, are a list of where errors were written: FHIR Bulk
		// Data's finished export lists its "error" files as {"type":
		// "OperationOutcome", "url": ...} beside its "output" files.
		return m.namedCode(s)
	}
	if s.container {
		return s.ncands > 0 || s.desc.raw != "" || s.etype.raw != ""
	}
	if m.x.success {
		// A response code beside a flag that says the call succeeded
		// (eWAY Rapid's "ResponseCode" beside "TransactionStatus": true)
		// is the success's, unless the named provider defines it as an
		// error.
		return m.namedCode(s)
	}
	if m.namedStatus && s.depth == 1 {
		return true
	}
	desc := s.desc
	if desc.raw == "" {
		desc = m.x.anyDesc
	}
	if saysSuccess(desc.raw) {
		// A result code beside a message that says it succeeded (NMI's
		// response_code=100 with responsetext=SUCCESS or "Transaction Void
		// Successful", Beanstream's messageText=Approved) is a success's,
		// unless the named provider defines the code as an error.
		return m.namedCode(s)
	}
	for i := 0; i < s.ncands; i++ {
		c := &s.cands[i]
		switch {
		case c.rank <= rankCode && !isSuccessWord(c.code.raw) && !saysSucceeded(c.code.raw):
			return true
		case c.numeric && s.desc.raw != "" && !isSuccessWord(s.desc.raw):
			return true
		case m.x.bodyStatus >= 400 && c.code.raw == itoa3(m.x.bodyStatus) && s.desc.raw != "" && !isSuccessWord(s.desc.raw):
			// An error status stated as a string ("code": "500" beside
			// Meizu's message under 200) is one as the number is.
			return true
		}
	}
	// A status the named provider defines as an error is one under a 2xx
	// too (Google Maps' "status": "NOT_FOUND" beside empty routes).
	return m.namedCode(s)
}

// usableWithoutStatus decides for a response without a status: an error
// object, or any code that is not a success word, unless the code only
// states a resource's own state ("status": "in_progress" beside an "id") or
// is a number beside a message that says "ok" (Bungie's "ErrorCode": 1,
// "Message": "Ok").
func (m *matcher) usableWithoutStatus(s *signal) bool {
	if m.declined(s) {
		// A payment call answered with its payment declined failed, with
		// or without a status (dLocal's "status": "REJECTED").
		return true
	}
	if s.batch {
		return false
	}
	if s.partial || s.depth > 2 && m.x.topResource && !s.container {
		// One record's error in a list whose other records have none
		// (SAP Concur's posting confirmations), or an error deep inside
		// a resource the answer returned (an Anthropic message's failed
		// tool result among its content blocks), is that record's.
		return m.namedCode(s)
	}
	if (s.inArray || s.inItem) && !s.container && s.depth > 3 && (s.numericOnly() || s.desc.raw == "") {
		// A number code in an element of a list deep in the document
		// ("Shipment": {"Events": [{"Code": 20, ...}]}), or a code with no
		// message there (Monzo's transaction's "ProprietaryBankTransactionCode":
		// {"Code": "bacs"}), describes a record of the data, not the call's
		// error.
		return false
	}
	if s.resource && !m.outcome(s) {
		// A resource's own state and error fields (a failed payment) are
		// an error only where the named provider says so, and not even
		// then when the resource states its state beside its error object
		// (Meilisearch's task: "status": "failed", "error": {...}): that is
		// the answer to a fetch, as it is under a 2xx.
		return m.namedCode(s) && !(s.container && s.depth == 2 && m.x.topState)
	}
	if m.recordsError(s) {
		return m.namedCode(s)
	}
	if (s.inArray || s.inItem) && s.depth > 1 && !s.container && s.onlyReasons() && !s.namesFailure() && !isMessageKey(s.parent) {
		// A status or reason of one record in a list, outside any error
		// object (Juspay's eligibility check: "status": "USER_NOT_FOUND"
		// for one wallet), is that record's; a message's own class that
		// says error (Okta's "class": "ERROR") is not.
		return m.namedCode(s)
	}
	if !s.container && s.depth > 1 && s.desc.raw == "" && s.onlyReasons() {
		// A reason with no message, nested in the data outside any error
		// object (Elasticsearch's "unassigned_info": {"reason":
		// "INDEX_CREATED"}), describes the data, not the call, unless the
		// named provider says otherwise (Vonage's "messages": [{"status":
		// "4"}]).
		return m.namedCode(s)
	}
	if s.container {
		return s.ncands > 0 || s.etype.raw != "" || (s.desc.raw != "" && !isSuccessWord(s.desc.raw))
	}
	if saysSuccess(s.desc.raw) {
		return false
	}
	state := false
	for i := 0; i < s.ncands; i++ {
		c := &s.cands[i]
		switch {
		case isSuccessWord(c.code.raw) || saysSucceeded(c.code.raw):
		case !c.numeric && c.rank < rankStatus, c.problem:
			return true
		case c.numeric || isNumeric(c.code.raw) || c.rank == rankStatus && s.desc.raw != "":
			// A number, or a status or name beside a message (PayPal's
			// "name" and "message"); a bare "type": "debit" is data.
			state = true
		}
	}
	// A state or result only the named provider's entries name
	// (Smart-ID's "state": "RUNNING") counts where they do.
	return state || m.namedCode(s)
}

// saysOK reports a message that begins by saying the call succeeded:
// Etherscan's "OK-Missing/Invalid API Key, rate limit of 1/5sec applied".
func saysOK(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) > 2 && (v[0] == 'O' || v[0] == 'o') && (v[1] == 'K' || v[1] == 'k') &&
		!('a' <= v[2] && v[2] <= 'z' || 'A' <= v[2] && v[2] <= 'Z') {
		return true
	}
	// A card processor's approval: ISO 8583's response code 00 before its
	// text ("00 -- APPROVAL"), or a message opening with the word.
	if len(v) > 3 && v[0] == '0' && v[1] == '0' && !('0' <= v[2] && v[2] <= '9') {
		return true
	}
	if clause, _, ok := strings.Cut(v, ","); ok && len(clause) > 3 && len(clause) <= 24 &&
		(strings.HasSuffix(clause, " OK") || strings.HasSuffix(clause, " ok")) && !hasSuffixFold(clause, "not ok") {
		// A first clause that ends by saying OK ("Message OK, but will not
		// deliver to these inactive addresses", Postmark's partial send).
		return true
	}
	w := v
	if i := strings.IndexFunc(v, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') }); i >= 0 {
		w = v[:i]
	}
	// The dynamic DNS update protocol (DynDNS2, and No-IP's and others'
	// after it) answers "good <ip>" or "nochg <ip>" when the update worked.
	return w != v && oneOfFold(w, "approved", "approval", "success", "successful") ||
		w != v && v[len(w)] == ' ' && oneOfFold(w, "nochg", "good") && isAddress(strings.TrimSpace(v[len(w):]))
}

// isAddress reports an IPv4 or IPv6 address's characters, and nothing else.
func isAddress(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || c == '.' || c == ':' || 'a' <= c|0x20 && c|0x20 <= 'f') {
			return false
		}
	}
	return strings.ContainsAny(s, ".:")
}

// namedCode reports whether the named provider's file names one of the
// signal's codes (Tink's credentials "status": "AUTHENTICATION_ERROR").
func (m *matcher) namedCode(s *signal) bool {
	return m.namedDefines(s, false)
}

// namedDefines reports whether the named provider has an entry for one of
// s's codes, or, with anyStatus, one that reads it under any status; with
// no provider named, whether s is a session state the providers defining it
// all read alike.
func (m *matcher) namedDefines(s *signal, anyStatus bool) bool {
	if m.named == nil {
		return m.agreedState(s)
	}
	for i := 0; i < s.ncands; i++ {
		var buf [catalog.MaxCodeLen]byte
		for _, e := range m.named.LookupBytes(normalizeText(buf[:0], s.cands[i].code)) {
			if !anyStatus || len(e.Statuses) == 0 {
				return true
			}
		}
	}
	return false
}

// fetchedRecord reports an answer without a status that is a record
// stating its own named state (Pluggy's item, "status": "LOGIN_ERROR",
// with the error of its last connection): what a successful read returns.
// It is not one when the call moved money (a declined state is then the
// call's failure), when the body states an HTTP status of its own
// (Binance's WebSocket answers), or when the named provider reads one of
// its codes as an error under any status (Tink's credentials in
// "TEMPORARY_ERROR"): that entry reads it.
func (m *matcher) fetchedRecord() bool {
	x := m.x
	if !x.topResource || !x.topState || m.money || x.bodyStatus != 0 {
		return false
	}
	for i := 0; i < x.n; i++ {
		// An entry bound to statuses (Mercado Pago's order "failed" under
		// 402) does not claim a record read without one.
		if m.namedDefines(&x.sigs[i], true) {
			return false
		}
	}
	return true
}

// agreedState reports, when the request names no provider the catalog
// knows, a session's state that the providers defining it all read alike
// (Smart-ID's and Mobile-ID's "state": "RUNNING"); byOtherProvider then
// matches it, marked as inferred.
func (m *matcher) agreedState(s *signal) bool {
	for i := 0; i < s.ncands; i++ {
		if s.cands[i].key != "state" {
			continue
		}
		var buf [catalog.MaxCodeLen]byte
		if es := m.cat.ProviderEntriesFor(normalizeText(buf[:0], s.cands[i].code)); len(es) > 0 && allAgree(es) {
			return true
		}
	}
	return false
}

// byCode matches each signal's codes through the provider's chain: its own
// entries, the standards it builds on, every other standard.
//
// It takes x itself, and keeps its alternatives out of m, so that what it
// stores in r's alternatives does not make the extraction escape.
func (m *matcher) byCode(r *Result, x *extraction) bool {
	var hits [maxSignals]hit
	var alts pending
	nhits := 0
	for si := 0; si < x.n; si++ {
		s := &x.sigs[si]
		if !m.usable(s) {
			continue
		}
		if h, ok := m.signalHit(x, si, &alts); ok && nhits < len(hits) && !hasEntry(hits[:nhits], h.entry) {
			hits[nhits] = h
			nhits++
		}
	}
	if nhits == 0 {
		return false
	}
	m.resolve(r, x, dropStatusNames(x, hits[:nhits]), &alts)
	return true
}

// signalHit finds the first candidate of signal si that an entry of the
// chain defines.
func (m *matcher) signalHit(x *extraction, si int, alts *pending) (hit, bool) {
	s := &x.sigs[si]
	for ci := 0; ci < s.ncands; ci++ {
		var buf [catalog.MaxCodeLen]byte
		norm := normalizeText(buf[:0], s.cands[ci].code)
		if len(norm) == 0 {
			continue
		}
		aliased := false
		var canon string
		if m.named != nil {
			canon, aliased = m.named.Alias(norm)
		}
		var defs []catalog.Definer
		if !aliased {
			if defs = m.cat.DefinersOf(norm); len(defs) == 0 {
				continue
			}
		}
		for _, p := range m.chain {
			var es []*catalog.Entry
			if aliased {
				es = p.Lookup(canon)
			} else {
				for _, d := range defs {
					if d.Provider == p {
						es = d.Entries
						break
					}
				}
			}
			if len(es) == 0 {
				continue
			}
			own := m.own(p)
			// Whether the code holds a space is asked only here, once a
			// member other than the named provider defines it: a code no
			// entry defines, or one the named provider's own entries
			// take, never comes this far.
			if !own && (strings.IndexByte(s.cands[ci].code.raw, ' ') >= 0 || m.typeDefers(s, ci)) {
				// A phrase in a code's place ("error": "Access denied") is
				// a message: only the named provider's own entries read
				// it as a code, never a standard's (access_denied).
				break
			}
			e := best(es, m.req, s, m.status, m.hasCode, alts)
			if e == nil {
				continue
			}
			kind := errsvcv1.MatchKind_MATCH_KIND_STANDARD
			if own {
				kind = errsvcv1.MatchKind_MATCH_KIND_PROVIDER_ENTRY
				if aliased {
					kind = errsvcv1.MatchKind_MATCH_KIND_PROVIDER_ALIAS
				}
			}
			return hit{entry: e, kind: kind, si: si, ci: ci}, true
		}
	}
	return hit{}, false
}

// typeDefers reports whether candidate ci of s, a vendor's "type" field,
// should leave the answer to the signal's more specific code: Meilisearch's
// "type": "invalid_request" beside "code": "index_not_found" is a class, and
// the words of the code say more than a standard's entry for the class.
func (m *matcher) typeDefers(s *signal, ci int) bool {
	if s.cands[ci].rank < rankType {
		return false
	}
	for i := range ci {
		if m.namesReadably(&s.cands[i]) {
			return true
		}
	}
	return false
}

// typeDefersToItems reports whether candidate ci of s, a vendor's "type"
// field, is only the class of the errors listed beside it: the Django REST
// framework's standardized {"type": "client_error", "errors": [{"code":
// "authentication_failed", ...}]} names its error in the list, and no one
// provider may claim the class.
func (m *matcher) typeDefersToItems(s *signal, ci int) bool {
	if s.cands[ci].rank < rankType {
		return false
	}
	for i := 0; i < m.x.n; i++ {
		o := &m.x.sigs[i]
		if o == s || !m.usable(o) {
			continue
		}
		for j := 0; j < o.ncands; j++ {
			if c := &o.cands[j]; c.rank < rankType && m.namesReadably(c) {
				return true
			}
		}
	}
	return false
}

// namesReadably reports whether c is a code, neither a number nor a
// sentence, whose words the vocabulary reads: one that says more than a
// class beside it.
func (m *matcher) namesReadably(c *candidate) bool {
	return !c.numeric && !isSentence(c.code.raw) && m.codeReadable(c)
}

// resolve answers with the most demanding of several hits, keeping the
// others as alternatives. It takes x itself rather than m.x, so that what it
// keeps of the signals does not make the extraction escape to the heap.
func (m *matcher) resolve(r *Result, x *extraction, hits []hit, alts *pending) {
	// The most demanding reading answers, but a catch-all code (Authorize.Net's
	// E00027, "The transaction was unsuccessful.") yields to a specific code
	// elsewhere in the body (its transaction's errorCode).
	primary := 0
	for i := 1; i < len(hits); i++ {
		ci, cp := hits[i].entry.Proto.GetCatchAll(), hits[primary].entry.Proto.GetCatchAll()
		if ci != cp {
			if cp {
				primary = i
			}
			continue
		}
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
	if len(hits) > 1 || alts.n > 0 {
		r.Alternatives = make([]Alternative, 0, len(hits)-1+alts.n)
		for i, o := range hits {
			if i != primary {
				os := &x.sigs[o.si]
				r.Alternatives = append(r.Alternatives, Alternative{Entry: o.entry, UpstreamCode: os.cands[o.ci].code})
				r.addSignalEvidence(os, &os.cands[o.ci])
			}
		}
		r.addPending(alts, h.entry)
	}
}

// byOtherProvider matches a code that exactly one provider defines, when
// the request names no provider the catalog knows.
func (m *matcher) byOtherProvider(r *Result) bool {
	if m.named != nil {
		return false
	}
	x := m.x
	for si := 0; si < x.n; si++ {
		s := &x.sigs[si]
		if !m.usable(s) {
			continue
		}
		for ci := 0; ci < s.ncands; ci++ {
			if s.cands[ci].numeric || isSignedNumeric(s.cands[ci].code.raw) {
				// Numbers, in JSON or in strings, negative ones too (Nuvei's
				// <ErrCode>-1</ErrCode>, which Vonage's video API also
				// defines), are too common to tell a provider.
				continue
			}
			if m.typeDefers(s, ci) || m.typeDefersToItems(s, ci) {
				continue // a "type" beside a more specific code (Chargebee's api_error_code)
			}
			if m.sameRankReadable(s, ci) {
				continue
			}
			if s.container && isFailedState(s.cands[ci].code.raw) {
				// An error object's "status": "FAILED" says only that it
				// failed (Beqelal's), in any provider's words; a payment's
				// own state is another matter.
				continue
			}
			var buf [catalog.MaxCodeLen]byte
			norm := normalizeText(buf[:0], s.cands[ci].code)
			es := m.cat.ProviderEntriesFor(norm)
			if len(es) > 0 && strings.IndexByte(s.cands[ci].code.raw, ' ') >= 0 && !definesPhrase(es, norm) {
				// A phrase in a code's place (Proton's "Error": "Invalid
				// access token") is a message: it names a provider only
				// when that provider's file lists the phrase itself
				// (ClickUp's "Team not authorized"), not a code that
				// merely normalizes alike (Plaid's INVALID_ACCESS_TOKEN).
				continue
			}
			if len(es) == 0 || !(oneProvider(es) || s.cands[ci].key == "state" && allAgree(es)) || !namespaced(s.cands[ci].code.raw) && !coinage(s.cands[ci].code.raw) && m.codeReadable(&s.cands[ci]) {
				// A code whose own words the vocabulary reads ("unauthorized",
				// "invalid_code") is no provider's to claim, unless a
				// namespace makes it a coinage (CDR's
				// "urn:au-cds:error:cds-all:Authorisation/InvalidArrangement").
				continue
			}
			var alts pending
			e := best(es, m.req, s, m.status, m.hasCode, &alts)
			if e == nil {
				continue
			}
			r.setEntry(e, errsvcv1.MatchKind_MATCH_KIND_INFERRED)
			r.Confidence = confidenceOtherProvider
			r.UpstreamCode, r.UpstreamDescription = s.cands[ci].code, s.desc
			r.addSignalEvidence(s, &s.cands[ci])
			r.addNote("inferred: provider", e.Provider.Proto.GetId()+" defines the code")
			return true
		}
	}
	return false
}

// sameRankReadable reports whether a code before candidate ci of s, of the
// same rank, says in words the vocabulary reads what went wrong: Easemob's
// "error": "service_resource_not_found" before its "exception":
// "UserNotFoundException", a class name that a sign-in's entry of another
// provider (Cognito's) happens to define.
func (m *matcher) sameRankReadable(s *signal, ci int) bool {
	for i := range ci {
		if s.cands[i].rank == s.cands[ci].rank && m.namesReadably(&s.cands[i]) {
			return true
		}
	}
	return false
}

// definesPhrase reports whether one of es lists, among its codes, a phrase
// written with spaces whose normal form is norm.
func definesPhrase(es []*catalog.Entry, norm []byte) bool {
	for _, e := range es {
		for _, c := range e.Proto.GetMatch().GetCodes() {
			var buf [catalog.MaxCodeLen]byte
			if strings.IndexByte(c, ' ') >= 0 && bytes.Equal(catalog.AppendNormalized(buf[:0], c), norm) {
				return true
			}
		}
	}
	return false
}

// allAgree reports whether every entry reads its code alike: a session's
// state ("state": "RUNNING") that the providers defining it (Smart-ID,
// Mobile-ID) all read as still pending.
func allAgree(es []*catalog.Entry) bool {
	for _, e := range es[1:] {
		if !sameReading(e, es[0]) {
			return false
		}
	}
	return true
}

// noCodeEntry returns the entry without codes that the chain's first
// provider to have one gives status, the words being s's.
func (m *matcher) noCodeEntry(status int, s *signal) *catalog.Entry {
	var alts pending
	for _, p := range m.chain {
		if e := best(p.NoCodeEntriesFor(status), m.req, s, status, m.hasCode, &alts); e != nil {
			return e
		}
	}
	return nil
}

func oneProvider(es []*catalog.Entry) bool {
	for _, e := range es[1:] {
		if e.Provider != es[0].Provider {
			return false
		}
	}
	return true
}

// byStatus reads the HTTP status alone, after a rate-limit header that says
// nothing remains, which turns a 403 into a rate limit.
func (m *matcher) byStatus(r *Result) {
	x := m.x
	if m.isError {
		if s, c := m.firstCandidate(); c != nil {
			r.Unmatched = true
			r.UpstreamCode = c.code
			r.UpstreamDescription = s.desc
			r.addSignalEvidence(s, c)
		}
	}
	status := m.status
	if x.rateLimitExhausted && (status == 403 || status == 429 || status == 0) {
		r.addEvidence("header", "ratelimit-remaining", text{raw: "0"})
		status = 429
	}
	// Entries without codes may still look at the description.
	words := signal{desc: x.anyDesc}
	pendingState := false
	top := x.topStatus
	if top.raw == "" {
		top = x.topCode
	}
	if (m.impliedOK || m.status == 200 && !m.isError && !strings.EqualFold(top.raw, "pending")) && !x.topResource && !x.topID && top.raw != "" {
		// Without a status, a document that is no resource (no id) and
		// whose own top-level status says the work is still under way (GSMA
		// Mobile Money's request state, "status": "pending") reads as the
		// 202 it stands for, when the 202's entries read its status so. So
		// does one under 200 whose status names work in progress
		// (Uploadcare's "status": "processing", Stack Auth's polled login
		// "waiting"), but not a bare "pending", which a 200 gives a
		// record's state (MOLPay's refund, "Status": "pending").
		state := signal{desc2: top}
		if e := m.noCodeEntry(202, &state); e != nil && e.Proto.GetClassification().GetCategory() == errsvcv1.Category_CATEGORY_PENDING {
			status, words, pendingState = 202, state, true
		}
	}
	if status != 0 {
		var alts pending // code-specific alternatives do not apply to a status reading
		if status == 202 {
			// A 202's own status may say that the work it accepted is
			// still under way (bol.com's "status": "PENDING") where the
			// description beside it does not.
			words.desc2 = top
		}
		for _, p := range m.chain {
			e := best(p.NoCodeEntriesFor(status), m.req, &words, status, m.hasCode, &alts)
			if e == nil || m.isError && status < 400 && !m.ownErrorEntry(p, e) {
				continue
			}
			kind := errsvcv1.MatchKind_MATCH_KIND_HTTP_STATUS
			r.Confidence = confidenceStatus
			if m.own(p) {
				// The provider's own reading of its status.
				kind, r.Confidence = errsvcv1.MatchKind_MATCH_KIND_PROVIDER_ENTRY, confidenceStandard
			}
			if e.Proto.GetClassification().GetCategory() == errsvcv1.Category_CATEGORY_NO_ERROR {
				r.Confidence = confidenceSuccess
			}
			r.setEntry(e, kind)
			r.addPending(&alts, e)
			break
		}
	}
	switch {
	case m.bodyStatus:
		r.addEvidence("body", x.bodyStatusKey, text{raw: itoa3(m.status)})
	case pendingState && m.impliedOK:
		r.addNote("inferred:", "pending, as no status was given and the body's own status says the work is under way")
	case pendingState:
		r.addNote("inferred:", "pending, as the body's own status says the work is under way")
	case m.impliedOK:
		r.addNote("inferred:", "success, as no status was given and nothing in the body is an error")
	case m.status != 0:
		r.addEvidence("status", "", text{raw: itoa3(m.status)})
	}
	if r.Entry == nil && m.isError && status < 400 {
		// The body says the call failed (a failure flag, an error object,
		// an error code) and nothing names the cause, nor a status of its
		// own: it reads as the request refused, as the same answer under a
		// bare 400 would (Sailthru's {"errormsg": "No items in purchase",
		// "error": 99}).
		for _, p := range m.chain {
			if e := best(p.NoCodeEntriesFor(400), m.req, &words, 400, m.hasCode, nil); e != nil {
				r.setEntry(e, errsvcv1.MatchKind_MATCH_KIND_INFERRED)
				r.Confidence = confidenceFailed
				r.addNote("inferred:", "a failure that names no cause, read as a request refused")
				break
			}
		}
	}
	if r.Entry == nil {
		r.Unmatched = true
	}
}

// telling reports whether a status entry says more than weak words do: it
// names one exact status other than the bare "the request is wrong" of 400
// and 422, which the words of the error refine.
func telling(e *catalog.Entry, status int) bool {
	if status == 400 || status == 422 {
		return false
	}
	for _, s := range e.Statuses {
		if !s.Class {
			return true
		}
	}
	return false
}

// refineCatchAll lets the message of a catch-all code answer when its
// words, not weakly, read as another category: RFC 6749's invalid_request
// with "Redirect URI ... does not match" is a client configuration to fix,
// invalid_grant with "Two factor required." an interaction. A reading that
// rests on the code's words alone restates the code, and a catch-all reading
// ("Malformed auth code." as a malformed request) is no more exact: neither
// refines.
// The catch-all entry stays listed as an alternative.
func (m *matcher) refineCatchAll(r *Result) {
	w := Result{Provider: r.Provider, Named: r.Named}
	m.refining, m.refiningWords = true, r.Kind == errsvcv1.MatchKind_MATCH_KIND_INFERRED
	found := m.byWords(&w)
	m.refining, m.refiningWords = false, false
	if !found || w.weakInference || w.codeOnly || w.Entry.Proto.GetCatchAll() ||
		w.Entry.Proto.GetClassification().GetCategory() == r.Entry.Proto.GetClassification().GetCategory() {
		m.statusRefinesCatchAll(r)
		return
	}
	w.Alternatives = append(w.Alternatives, Alternative{Entry: r.Entry, UpstreamCode: r.UpstreamCode})
	*r = w
}

// statusRefinesCatchAll lets a gateway status say which server failure a
// catch-all code of one means: "server_error" under 502, 503 or 504
// (HMRC's <code>SERVER_ERROR</code> with "Service Unavailable") is the
// upstream unavailable, as the status says, not a failure inside it.
func (m *matcher) statusRefinesCatchAll(r *Result) {
	if m.status != 502 && m.status != 503 && m.status != 504 ||
		r.Entry.Proto.GetClassification().GetCategory() != errsvcv1.Category_CATEGORY_UPSTREAM_ERROR {
		return
	}
	w := Result{Provider: r.Provider, Named: r.Named}
	m.byStatus(&w)
	if w.Entry == nil || w.Entry.Proto.GetClassification().GetCategory() != errsvcv1.Category_CATEGORY_UPSTREAM_UNAVAILABLE {
		return
	}
	w.Alternatives = append(w.Alternatives, Alternative{Entry: r.Entry, UpstreamCode: r.UpstreamCode})
	*r = w
}

// messageSaysError reports whether the document's message reads, on words
// that are not weak, as an error.
func (m *matcher) messageSaysError() bool {
	ok, weak := m.wordsReadError()
	return ok && !weak
}

// statusNamesError reports whether a top-level status in capitals reads,
// even weakly, as an error (Google Maps' "OVER_QUERY_LIMIT" and Places'
// "INVALID_REQUEST" under 200, while "ZERO_RESULTS" stays a success), and
// if so lets it count as the error's code: a status in capitals is a code,
// not prose that may merely mention a failure.
func (m *matcher) statusNamesError() bool {
	m.namedStatus = true
	ok := m.messageReadsAsError()
	m.namedStatus = ok
	return ok
}

// messageReadsAsError reports whether the vocabulary reads the response's
// words as an error, even weakly: beside a code that is neither 0 nor a
// success, "Invalid request" is enough.
func (m *matcher) messageReadsAsError() bool {
	ok, _ := m.wordsReadError()
	return ok
}

// wordsReadError reads the response's words as if it were an error, and
// reports whether they name one and whether only weakly.
func (m *matcher) wordsReadError() (ok, weak bool) {
	m.isError = true
	w := Result{Provider: m.req.Provider}
	ok = m.byWords(&w)
	m.isError = false
	return ok, w.weakInference
}

// otherSide reports whether words put the fault on the other side of the
// status: the provider's under a 4xx ("Generic error." under 400), a request
// or configuration to fix under a 5xx.
func otherSide(status int, inferred *catalog.Entry) bool {
	c := inferred.Proto.GetClassification()
	switch status / 100 {
	case 4:
		return c.GetWho() == errsvcv1.Who_WHO_PROVIDER
	case 5:
		return c.GetAction() == errsvcv1.Action_ACTION_FIX_REQUEST || c.GetAction() == errsvcv1.Action_ACTION_FIX_CLIENT_CONFIGURATION
	}
	return false
}

// statusOutranks reports whether the status's entry e answers rather than
// the words' reading r; own is set when e is the named provider's.
func (m *matcher) statusOutranks(e *catalog.Entry, own bool, r *Result) bool {
	switch {
	case own:
		// The named provider's own reading of the status answers, unless
		// the provider file marks it catch_all (Mollie's 400: a bad
		// request of any kind) and the words, not weakly, name a cause of
		// another category ("This Idempotency-Key has already been
		// used.").
		return r.weakInference || sameCategory(e, r.Entry) || !e.Proto.GetCatchAll()
	case m.status == 500 && m.x.soapFault:
		// SOAP 1.1 sends every fault under 500, so a 500 says no more of
		// a fault than that it is one: the fault's words answer.
		return false
	case r.weakInference && (sameReading(e, r.Entry) || telling(e, m.status)):
		return true // a status that says as much as weak words, or more
	case m.status == 503 && (failsInside(r.Entry) || otherSide(m.status, r.Entry)):
		// "Backend Error" under 503: unavailable for now; so is a 503
		// whose words would have the request fixed (Stellar Horizon's
		// stale_history: its database lags, the request is fine).
		return true
	case m.status == 429 && r.Entry.Proto.GetClassification().GetCategory() == errsvcv1.Category_CATEGORY_INVALID_REQUEST:
		// A 429 says the caller sent too much; words that would have the
		// request fixed name what was counted (LanguageTool's "Client
		// request size limit of 75000 bytes per 60 seconds exceeded").
		return true
	case e.Proto.GetClassification().GetCategory() == errsvcv1.Category_CATEGORY_RATE_LIMITED && m.codeRestatesStatus():
		// A rate limit's status whose code says the same (Woovi's 429 with
		// "errorCode": "TOO_MANY_REQUESTS") is one, whatever its message
		// says of the calls that spent it ("many Pix keys that do not
		// exist").
		return true
	case !otherSide(m.status, r.Entry):
		return false
	}
	// The status puts the fault on the other side of the words: it answers
	// weak words, an internal failure's words under a 4xx, and a 5xx's
	// message words ("We should be back" under 503). A 5xx the body
	// states is the service's own note beside its message, which says
	// more (XboxLeaders' "code": 501 beside "The gamertag supplied does not
	// exist", NAB Transact's statusCode 504 beside "Invalid merchant ID"),
	// and so do words under a bare 500 that say the thing the request
	// names does not exist or already does (Chroma's "Collection foobar
	// does not exist."), unless a code beside them restates the 500.
	return r.weakInference || m.status/100 == 4 && failsInside(r.Entry) || m.status >= 500 && r.messageOnly && !m.bodyStatus && !(m.status == 500 && namesResource(r.Entry) && !m.codeRestatesStatus())
}

// namesResource reports words that say what became of the thing the request
// named: it does not exist, or it already does.
func namesResource(e *catalog.Entry) bool {
	c := e.Proto.GetClassification().GetCategory()
	return c == errsvcv1.Category_CATEGORY_NOT_FOUND || c == errsvcv1.Category_CATEGORY_CONFLICT
}

func sameCategory(a, b *catalog.Entry) bool {
	return a.Proto.GetClassification().GetCategory() == b.Proto.GetClassification().GetCategory()
}

// failsInside reports an inferred provider failure ("Backend request failed
// with status 400", "A validation exception occurred"): under a 4xx, the
// status says whose fault it is. Unavailability is not one: a 409 or 403
// may well say the vehicle is asleep or the service in maintenance.
func failsInside(inferred *catalog.Entry) bool {
	return inferred.Proto.GetClassification().GetCategory() == errsvcv1.Category_CATEGORY_UPSTREAM_ERROR
}

// statusEntry returns the entry the status alone would answer with, and
// whether it is the named provider's own.
func (m *matcher) statusEntry() (*catalog.Entry, bool) {
	if m.status == 0 {
		return nil, false
	}
	var alts pending
	words := signal{desc: m.x.anyDesc} // as byStatus reads it
	for _, p := range m.chain {
		if e := best(p.NoCodeEntriesFor(m.status), m.req, &words, m.status, m.hasCode, &alts); e != nil && !(m.isError && m.status < 400 && !m.ownErrorEntry(p, e)) {
			return e, m.own(p)
		}
	}
	return nil, false
}

// statusPhrase returns the reason phrase of an error status ("Bad
// Request"), which a code or message may only restate; "" below 400.
func (m *matcher) statusPhrase() string {
	if m.status < 400 {
		return ""
	}
	return http.StatusText(m.status)
}

// ownErrorEntry reports whether p's entry e, read for a success or redirect
// status, still answers when the body says error: under such a status only
// the named provider's own entries for the errors it sends there do (Vonage's
// "Invalid request ::" under 200), not a standard's reading of the status.
func (m *matcher) ownErrorEntry(p *catalog.Provider, e *catalog.Entry) bool {
	return m.own(p) && e.Proto.GetClassification().GetCategory() != errsvcv1.Category_CATEGORY_NO_ERROR
}

// own reports whether p speaks for the named provider: the provider itself,
// or a provider it builds on (YouTube on Google), rather than a standard.
func (m *matcher) own(p *catalog.Provider) bool {
	return m.named != nil && !p.Standard
}

// firstCandidate returns the most specific code of the usable signals, for
// the evidence of an answer no entry gave.
func (m *matcher) firstCandidate() (*signal, *candidate) {
	var bs *signal
	var bc *candidate
	for si := 0; si < m.x.n; si++ {
		s := &m.x.sigs[si]
		if !m.usable(s) {
			continue
		}
		for ci := 0; ci < s.ncands; ci++ {
			if c := &s.cands[ci]; bc == nil || c.rank < bc.rank {
				bs, bc = s, c
			}
		}
	}
	return bs, bc
}

// finish fills what every answer carries: the description, the action as
// context adjusts it, the delay, the confidence.
func (m *matcher) finish(r *Result) {
	if m.linked != "" && r.Entry != nil && r.Entry.Provider == m.named {
		// The provider was read from a link, not named: its entry's answer
		// is an inference.
		r.Kind, r.Confidence = errsvcv1.MatchKind_MATCH_KIND_INFERRED, confidenceOtherProvider
		r.addNote("inferred: provider", m.named.Proto.GetId()+" from a link to "+m.linked)
	}
	if r.UpstreamDescription.raw == "" {
		r.UpstreamDescription = m.x.anyDesc
	}
	if r.Entry != nil {
		r.applyContext(m.req)
		if r.Confidence == 0 {
			r.Confidence = confidenceEntry
			if r.Kind == errsvcv1.MatchKind_MATCH_KIND_STANDARD {
				r.Confidence = confidenceStandard
			}
		}
	} else {
		r.Action = unknownClassification.GetAction()
	}
	if r.Kind == errsvcv1.MatchKind_MATCH_KIND_INFERRED {
		r.Unmatched = true
	}
	x := m.x
	if x.hasRetryAfter {
		r.RetryAfter, r.HasRetryAfter = x.retryAfter, true
		r.addEvidence(x.retrySource, "", text{raw: x.retryRaw})
	} else if r.Entry != nil && r.Entry.Proto.GetClassification().GetRetryAfter() != nil {
		r.RetryAfter, r.HasRetryAfter = r.Entry.Proto.GetClassification().GetRetryAfter().AsDuration(), true
	}
}

// dropStatusNames drops the hits read from a status-like field (Google's
// error.status, a gRPC code name) when a more specific code of the same
// response also matched: the status only restates what the reason says.
func dropStatusNames(x *extraction, hits []hit) []hit {
	specific := false
	for _, h := range hits {
		if x.sigs[h.si].cands[h.ci].rank < rankStatus {
			specific = true
		}
	}
	if !specific {
		return hits
	}
	out := hits[:0]
	for _, h := range hits {
		if x.sigs[h.si].cands[h.ci].rank < rankStatus {
			out = append(out, h)
		}
	}
	return out
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

// maxLinks bounds the links read from one body.
const maxLinks = 8

// linkedProvider returns the provider whose domain the body's first such
// link points to, and the link's host. JSON's escaped slashes
// ("https:\/\/developer.foursquare.com") count as slashes.
func linkedProvider(cat *catalog.Catalog, body string) (*catalog.Provider, string) {
	for n := 0; n < maxLinks; n++ {
		i := strings.Index(body, "http")
		if i < 0 {
			return nil, ""
		}
		body = body[i+4:]
		body = strings.TrimPrefix(body, "s")
		if !strings.HasPrefix(body, ":") {
			continue
		}
		j := 1
		for j < len(body) && (body[j] == '/' || body[j] == '\\') {
			j++
		}
		if j < 3 {
			continue
		}
		body = body[j:]
		k := 0
		for k < len(body) && (body[k] == '.' || body[k] == '-' || 'a' <= body[k] && body[k] <= 'z' || 'A' <= body[k] && body[k] <= 'Z' || '0' <= body[k] && body[k] <= '9') {
			k++
		}
		host := body[:k]
		if p, ok := cat.ProviderByHost(host); ok {
			return p, host
		}
		body = body[k:]
	}
	return nil, ""
}

// outcome reports whether a resource's error object is the request's own
// outcome: the operation asked for money to move, and the payment, refund
// or payout the response describes carries an error object (Paysafe's
// "error": {"code": "3022", ...} beside the payment's id). Its state fields
// ("status": "DECLINED") stay data, and read with GET (operation
// "resource") the same object's failure is data too.
func (m *matcher) outcome(s *signal) bool {
	return s.container && m.money
}

// recordsError reports an error object deep inside a record that states
// its own state, and not a refused or failed one: Dwolla's customer in
// "status": "retry", whose "_embedded" errors say what to collect, holds
// them as its own error fields; Decidir's payment in "status": "rejected"
// with its "status_details" error is the refusal it reports.
func (m *matcher) recordsError(s *signal) bool {
	return s.container && s.depth > 2 && m.x.topResource && m.x.topState && !m.x.topDeclined && !m.outcome(s)
}

// declined reports a status of s, near the top of the answer to a call that
// moves money, that says the payment was refused.
func (m *matcher) declined(s *signal) bool {
	if s.depth > 2 || s.inItem || !m.money || m.x.success || m.x.okCode {
		// An envelope that says the call succeeded (Monnify's
		// "requestSuccessful": true) makes the payment's status its data.
		return false
	}
	for i := 0; i < s.ncands; i++ {
		if c := &s.cands[i]; c.rank == rankStatus && isDeclineWord(c.code.raw) {
			return true
		}
	}
	return false
}

// isDeclineWord reports a payment's status that says it was refused.
func isDeclineWord(v string) bool {
	return isFlagFailure(v) || oneOfFold(strings.TrimSpace(v), "decline", "refused", "denied", "notauthed", "not authorised", "not authorized", "failed")
}

// restatesStatus reports whether every code of s only names the status
// whose reason phrase is phrase (Mailgun's {"Error": "unauthorized"} under
// 401): such a code says no more than the status, so entries for a status
// without a code still apply.
func restatesStatus(s *signal, phrase string) bool {
	if phrase == "" || s.ncands == 0 {
		return false
	}
	for i := 0; i < s.ncands; i++ {
		c := s.cands[i].code.raw
		if !namesStatus(c, phrase) {
			return false
		}
	}
	return true
}

// codeRestatesStatus reports whether a usable signal's code only names the
// status (TOO_MANY_REQUESTS under 429).
func (m *matcher) codeRestatesStatus() bool {
	phrase := m.statusPhrase()
	for i := 0; i < m.x.n; i++ {
		if s := &m.x.sigs[i]; m.usable(s) && restatesStatus(s, phrase) {
			return true
		}
	}
	return false
}

// lettersEqualFold reports whether a and b hold the same letters, ignoring
// case and everything else ("not_found" and "Not Found").
func lettersEqualFold(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && !isLetter(a[i]) {
			i++
		}
		for j < len(b) && !isLetter(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i]|0x20 != b[j]|0x20 {
			return false
		}
		i++
		j++
	}
}

// namesStatus reports whether a code only names the status whose reason
// phrase is phrase, "error" or "exception" around it aside ("not_found",
// "ERROR_UNAUTHORIZED", "NotFoundException" beside 404 or 401).
func namesStatus(code, phrase string) bool {
	if code == "" || phrase == "" {
		return false
	}
	if code[0]|0x20 == phrase[0]|0x20 && lettersEqualFold(code, phrase) {
		return true
	}
	// "error" or "exception" around the phrase: a code that neither starts
	// with e nor ends in r or n has neither, which its first and last bytes
	// tell before any comparison.
	if first, last := code[0]|0x20, code[len(code)-1]|0x20; first != 'e' && last != 'r' && last != 'n' {
		return false
	}
	if !hasPrefixFold(code, "error") && !hasSuffixFold(code, "error") && !hasSuffixFold(code, "exception") {
		return false // the common case
	}
	for _, w := range [...]string{"error", "exception"} {
		if hasPrefixFold(code, w) && lettersEqualFold(code[len(w):], phrase) ||
			hasSuffixFold(code, w) && lettersEqualFold(code[:len(code)-len(w)], phrase) {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// namespaced reports whether a code is written inside a namespace: a URN,
// a path ("Authorisation/InvalidArrangement"), or brackets (Adyen's
// "[payout-decline-received]").
func namespaced(code string) bool {
	return len(code) > 4 && strings.EqualFold(code[:4], "urn:") || strings.IndexByte(code, '/') > 0 ||
		len(code) > 2 && code[0] == '[' && code[len(code)-1] == ']'
}

// saysSuccess reports a message that says the call succeeded: a success
// word, "OK ...", a card approval, or words of success and none of failure.
func saysSuccess(v string) bool {
	return v != "" && (isSuccessWord(v) || saysOK(v) || saysSucceeded(v))
}

// saysSucceeded reports a message that says, in so many words, that the
// call succeeded or was approved ("Transaction Void Successful", "Your
// transaction was successfully approved.", "APPROVAL", Cielo's "Reembolso
// solicitado com sucesso") and says nothing of a failure ("not approved",
// "Unsuccessful", "declined", "não").
func saysSucceeded(v string) bool {
	if len(v) > 200 {
		return false
	}
	yes := false
	for len(v) > 0 {
		i := 0
		// Bytes of UTF-8 letters count as letters: "não" is a word.
		for i < len(v) && !isLetter(v[i]) && v[i] < 0x80 {
			i++
		}
		j := i
		for j < len(v) && (isLetter(v[j]) || v[j] >= 0x80) {
			j++
		}
		w := v[i:j]
		v = v[j:]
		switch {
		case w == "":
		case strings.EqualFold(w, "thành") && hasPrefixFold(strings.TrimLeft(v, " "), "công"):
			yes = true // Vietnamese "thành công", succeeded (Bizfly Cloud's reboot)
		case strings.Contains(w, "成功") || strings.Contains(w, "성공"):
			// Chinese and Japanese "成功", Korean "성공", inside a run of
			// text with no spaces (KOOK's "操作成功", operation succeeded);
			// not "不成功" or "未成功", unsuccessful, nor beside "失败" or
			// "실패", failed.
			if strings.Contains(w, "不成功") || strings.Contains(w, "未成功") || strings.Contains(w, "失败") || strings.Contains(w, "실패") {
				return false
			}
			yes = true
		case strings.EqualFold(w, "without"):
			// "Validation passed without errors": the errors are none.
			if k := strings.TrimLeft(v, " "); hasPrefixFold(k, "errors") || hasPrefixFold(k, "error") && (len(k) == 5 || !isLetter(k[5])) {
				yes, v = true, k[5:]
			}
		case oneOfFold(w, "success", "successful", "successfully", "succeeded", "approved", "approval", "accepted", "paid",
			"sucesso", "exitoso", "exitosa", "exitosamente", "erfolgreich", "berhasil"):
			yes = true
		case oneOfFold(w, "not", "no", "unsuccessful", "declined", "decline", "failed", "failure", "fail", "error", "errors",
			"invalid", "denied", "rejected", "refused", "cannot", "unable", "pending", "insufficient", "partially", "partial", "already",
			"não", "nao", "erro", "falha", "fallo", "fallida", "fallido", "nicht", "kein", "keine", "fehler", "gagal", "tidak"):
			return false
		}
	}
	return yes
}

// codeWords counts the words of a code as written: runs of letters and
// digits, split at separators and where lowercase turns to uppercase.
func codeWords(code string) int {
	n := 0
	var prev byte
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case !isAlnum(c):
		case !isAlnum(prev), isLower(prev) && 'A' <= c && c <= 'Z':
			n++
		}
		prev = c
	}
	return n
}

func isAlnum(c byte) bool { return isLetter(c) || '0' <= c && c <= '9' }

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

// coinage reports a code long enough to be a provider's own name for an
// error rather than a phrase anyone would write: four words or more
// (SuperTokens' SIGN_IN_NOT_ALLOWED), or three not all in lowercase
// (Microsoft Graph's Authorization_RequestDenied, Matrix's
// M_USER_DEACTIVATED). Three lowercase words are a phrase (Belvo's
// does_not_exist, an invalid_access_token) that other providers use as
// they read.
func coinage(code string) bool {
	switch n := codeWords(code); {
	case n >= 4:
		return true
	case n == 3:
		return strings.ToLower(code) != code
	}
	return false
}
