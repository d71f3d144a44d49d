package engine

// What extraction finds: signals (one error each), their code candidates
// and descriptions, and the extraction that holds them for one request.

import (
	"strings"
	"time"
)

const (
	// maxSignals bounds how many error objects one response contributes.
	maxSignals = 8
	// maxCandidates bounds the code candidates kept per error object.
	maxCandidates = 3
)

// source says where a signal was found.
type source uint8

const (
	srcBody source = iota
	srcForm
	srcXML
	srcText
	srcHeader
	srcRedirect
	srcGRPC
	srcAmzn
	srcVendor // a gateway's own error header, named by the candidate's key
)

func (s source) String() string {
	switch s {
	case srcBody:
		return "body"
	case srcForm:
		return "body.form"
	case srcXML:
		return "body.xml"
	case srcText:
		return "body.text"
	case srcHeader:
		return "header.www-authenticate"
	case srcRedirect:
		return "redirect"
	case srcGRPC:
		return "header.grpc"
	case srcAmzn:
		return "header.x-amzn-errortype"
	case srcVendor:
		return "header"
	}
	return "unknown"
}

// String returns the unescaped text. It allocates only when the text is
// escaped.
func (t text) String() string {
	if !t.esc {
		return t.raw
	}
	if t.url {
		return unescapeURL(t.raw)
	}
	if t.xml {
		return string(appendXMLUnescaped(nil, t.raw))
	}
	return string(appendJSONUnescaped(nil, t.raw))
}

// candidate is one code-like value of an error object.
type candidate struct {
	code    text
	key     string
	rank    int8
	numeric bool
	// problem is set for a type given as a URI (RFC 9457), which names a
	// problem, unlike a bare "type": "debit".
	problem bool
}

// signal is one error found in the response: a JSON error object, the
// WWW-Authenticate challenge, the redirect's error parameter, and so on.
type signal struct {
	source   source
	parent   string // the JSON key holding the object, if any
	inArray  bool
	cands    [maxCandidates]candidate
	ncands   int
	desc     text
	desc2    text // a second description of the same object, for inference
	etype    text
	depth    int8
	resource bool
	// inItem is set for an object nested inside an element of a data list
	// ("results": [{"response": {"error": ...}}]): under a success status,
	// that item's own state.
	inItem bool
	// partial is set for the error of one record of a list whose other
	// records carry none: with or without a status, it is that record's.
	partial bool
	// batch is set for an error inside one of a batch's responses
	// (Microsoft Graph's $batch): it is that response's, even where a
	// provider defines its code.
	batch bool
	// recordState is set for an error object inside a record of a list
	// that states the record's own state ("status": "failed").
	recordState bool
	// topList is the top-level list the signal sits in, if any.
	topList topList
	// container is set for error objects: the value of "error", an element
	// of "errors", a SOAP Fault, anything a header or redirect says is an
	// error. Their codes and words are errors even under a 2xx status.
	container bool
}

// extraction is everything read from one request.
type extraction struct {
	// sigs[:n] are the signals found; the rest is left over from an earlier
	// request and never read, so that a reset need not clear it.
	sigs [maxSignals]signal
	extractionState
}

// extractionState is all of an extraction but its signals: what a new
// request resets.
type extractionState struct {
	// nestedXML is set while an XML document carried as text inside
	// another is read; xmlDoc when the body is an XML document; prose when
	// it is a line of text with no code.
	nestedXML, xmlDoc, prose bool
	jsonState
	n int

	// anyDesc is the best description seen anywhere, for signals whose own
	// object carries none.
	anyDesc  text
	anyDesc2 text // the runner-up, read by inference with anyDesc
	anyDrank int8

	retryAfter    time.Duration
	hasRetryAfter bool
	retrySource   string
	retryRaw      string
	// rateLimitExhausted is set when a rate-limit header says no requests
	// remain (GitHub and others answer 403 that way).
	rateLimitExhausted bool
	// failure is set when the envelope says the answer failed without
	// saying why: "ok": false, "success": false, "status": "error", a SOAP
	// Fault, eBay's Ack Failure.
	failure bool
	// soapFault is set when the body is a SOAP Fault, which SOAP 1.1
	// (section 6.2) sends under HTTP 500 whatever the fault.
	soapFault bool
	// success is set when the envelope says the answer succeeded: "ok":
	// true, "success": true.
	success bool
	// data is set when the body is a JSON document.
	data bool
	// redirectOK is set by a redirect whose query carries parameters and
	// no error (an authorization response: code and state, or OAuth 1.0's
	// oauth_verifier).
	redirectOK bool
	// rpcOK is set by a JSON-RPC envelope whose top-level "result" holds
	// the call's answer.
	rpcOK bool
	// looseDesc is set when a message sits outside every resource: a
	// document with one is not taken for a success without a status.
	looseDesc bool
	// statusDesc is set when a top-level status in words is also the
	// message, which under no status only words that read as an error
	// make one ({"status": "invalid API key"}, not "Processing payment").
	statusDesc bool
	// okCode is set when a code says there is no error ("code": "K000",
	// "status": "success"). A numeric 0 does not: Azure DevOps sends
	// "errorCode": 0 with its errors.
	okCode bool
	// oddCode is set by a code or status that is a number other than 0 or
	// a 2xx HTTP defines, at the top or one level down outside a resource,
	// or by a named code at the top (isOddCode, mayNoteOddCode).
	oddCode bool
	// namedStatus is set by a top-level "status" that names a condition
	// in capitals or lower-case snake case (Google Maps'
	// "OVER_QUERY_LIMIT", Hover's "need_2fa") in an answer that is no
	// resource: its words decide whether it is an error under a 2xx.
	namedStatus bool
	// bodyStatus is the HTTP error status the body states of itself, under
	// bodyStatusKey; 0 when it states none.
	bodyStatus    int
	bodyStatusKey string
}

// onlyReasons reports whether the signal's codes are all reasons, states or
// types, none an error code.
func (s *signal) onlyReasons() bool {
	for i := 0; i < s.ncands; i++ {
		if s.cands[i].rank < rankReason {
			return false
		}
	}
	return s.ncands > 0
}

// labelsRecord reports whether the signal only names and sorts a record
// of data: a name, state or type with no message and no error object, none
// of them a number or a failure word ("name": "S&P 500", "type": "indices").
// A status code is no label: Vonage's "status": "0" beside a part's
// "status": "1", "error-text": "Throttled" says the send was cut short.
func (s *signal) labelsRecord() bool {
	if s.container || s.desc.raw != "" || s.ncands == 0 || s.namesFailure() {
		return false
	}
	for i := 0; i < s.ncands; i++ {
		if c := &s.cands[i]; c.rank < rankStatus || c.numeric || c.problem || isNumeric(c.code.raw) {
			return false
		}
	}
	return true
}

// onlyKinds reports whether the signal holds nothing but types that are not
// URIs and do not name an error: no message, no code, no failure word. A
// type written as a code, its words joined by '_' or '.' (Cisco NSO's
// "error": {"type": "data.not_found"}), names the error, where a kind is
// one word ("OperationOutcome").
func (s *signal) onlyKinds() bool {
	if s.desc.raw != "" || s.etype.raw != "" || s.ncands == 0 || s.namesFailure() {
		return false
	}
	for i := 0; i < s.ncands; i++ {
		c := &s.cands[i]
		if c.rank < rankType || c.problem || strings.ContainsAny(c.code.raw, "_.") || containsFold(c.code.raw, "error") || containsFold(c.code.raw, "fault") || containsFold(c.code.raw, "exception") {
			return false // QuickBooks' "type": "ValidationFault" names an error
		}
	}
	return true
}

// namesFailure reports whether one of the signal's codes is a failure word
// ("ERROR", "fail").
func (s *signal) namesFailure() bool { return anyFailureWord(s.cands[:s.ncands]) }

// anyFailureWord reports whether one of the codes is a failure word.
func anyFailureWord(cs []candidate) bool {
	for i := range cs {
		if isFailureWord(cs[i].code.raw) {
			return true
		}
	}
	return false
}

// numericOnly reports whether the signal has codes and every one is a
// number.
func (s *signal) numericOnly() bool {
	for i := 0; i < s.ncands; i++ {
		if !s.cands[i].numeric {
			return false
		}
	}
	return s.ncands > 0
}

// hasIdentifier reports whether the signal carries a code that reads as an
// identifier: "Couldn't authenticate you" under "error" is a message in a
// code's place, and leaves an entry with no_code free to match.
func (s *signal) hasIdentifier() bool {
	for i := 0; i < s.ncands; i++ {
		if strings.IndexByte(s.cands[i].code.raw, ' ') < 0 {
			return true
		}
	}
	return false
}

// hasCode reports whether any signal carries a code.
func (x *extraction) hasCode() bool {
	for i := 0; i < x.n; i++ {
		if x.sigs[i].ncands > 0 {
			return true
		}
	}
	return false
}

// add keeps s. When the signals are full, s takes the place of the deepest
// one that is no error container, if it is shallower, or as deep and an
// error container itself: the error a response answers with sits above the
// records it lists (Adyen's fraud checks come before its resultCode), and a
// long list must not crowd it out, nor a list beside it (COUNTER's report
// filters, "Name" and "Value" pairs, before its "Exceptions"). s is copied:
// a signal is large, and passing it by value cost a copy more per error.
func (x *extraction) add(s *signal) {
	if x.n < maxSignals {
		x.sigs[x.n] = *s
		x.n++
		return
	}
	drop := -1
	for i := 0; i < x.n; i++ {
		if d := &x.sigs[i]; !d.container && (d.depth > s.depth || s.container && d.depth == s.depth) && (drop < 0 || d.depth > x.sigs[drop].depth) {
			drop = i
		}
	}
	if drop < 0 {
		return
	}
	copy(x.sigs[drop:x.n-1], x.sigs[drop+1:x.n])
	x.sigs[x.n-1] = *s
}

func (x *extraction) noteDesc(v text, rank int8) {
	if x.anyDesc.raw == "" || rank < x.anyDrank {
		x.anyDesc2 = x.anyDesc
		x.anyDesc, x.anyDrank = v, rank
	} else if x.anyDesc2.raw == "" {
		x.anyDesc2 = v
	}
}
