package engine

import (
	"math/bits"
	"net/http"
	"strconv"
	"strings"
)

// The JSON scanner walks a body once, without reflection and without building
// a tree, and records every object that carries an error code as a signal.
// It knows no vendor shapes: any object with a code-like key is a candidate,
// wherever it is nested, so that OAuth, UK Open Banking, Berlin Group, RFC
// 9457 and the many "error: {code, message}" wrappers all come out alike.

// jsonState is the state of one JSON scan. It lives inside the extraction
// rather than in a scanner pointing to it, so that the extraction can stay on
// the stack.
type jsonState struct {
	// resources has a bit for each depth whose object is a resource.
	resources uint64
	// topResource is set when the document's top object is a resource
	// (an "id" and no error of its own); topState when it also states its
	// own state ("status": "failed"); topDeclined when that state says
	// it was refused or failed ("status": "rejected").
	topResource, topState, topDeclined bool
	// topID is set by an id among the top object's keys ("id", "uuid").
	topID bool
	// topStatus is the document's own top-level status or state when it
	// is text: a 202's says whether the accepted work is still pending.
	topStatus text
	// topCode is the top object's first code in words ("responseCode":
	// "IN_PROGRESS", Dropbox's ".tag": "in_progress"), which says a
	// pending state where no status does.
	topCode text
	// zeroCode is set by a top-level numeric error code of 0 ("ErrorCode":
	// 0), which says no error unless the message beside it reads as one.
	zeroCode bool
	// noErrors is set by an empty list of errors near the top ("errors":
	// [] beside OroCommerce's "The checkout is ready for payment."), which
	// says none unless the message beside it reads as one.
	noErrors bool
	// verdict is set by a top-level flag that gives a check's verdict
	// ("valid": false): the errors beside it are its reasons.
	verdict bool
	// fieldMsg is the first message of a top object whose every member is
	// a list of strings: the Django REST framework's and Rails' field
	// errors ({"name": ["This field is required."]}), which match reads
	// as the answer's message when no status says more.
	fieldMsg text
	// top watches the members of the top object, the only one at depth 1.
	top topMembers
	// dataStatus is the body's status when the top-level "data" object
	// began, and dataLoose whether a message outside every resource had
	// been seen: what its record's own statuses and messages give back.
	dataStatus statusMark
	dataLoose  bool
	// topList names the top-level list the scan is inside ("errors",
	// "responses"), which the signals emitted there keep.
	topList topList
	// errs has a bit for each depth whose object is an error: the value of
	// "error", an element of "errors". What it holds is part of the error
	// (GraphQL's extensions, a nested detail).
	errs uint64
	// items has a bit for each depth whose object is an element of a list
	// that holds data rather than errors (Geocodio's "results").
	items uint64
	// quiets has a bit for each depth whose object is a warning: nothing
	// inside it is an error or the answer's message.
	quiets uint64
	src    string
	lim    *Limits
	status int
	elems  int
	err    error
}

// objectFrame gathers the error fields of one object while it is scanned.
type objectFrame struct {
	cands [maxCandidates]candidate
	n     int
	desc  text
	desc2 text
	drank int8
	// d2rank is desc2's rank.
	d2rank int8
	etype  text
	trank  int8
	// errDesc is set when a description sits under a key that names an
	// error ("error_message", "error-text"): the object is an error
	// whatever its status, unless okCode says its error code is none.
	errDesc, okCode bool
	// errKey is set when the description's own key names an error
	// ("errmsg", "descripcionError"), rather than a type beside it.
	errKey bool
	// errList is set when a list that holds the answer's errors
	// ("errors", "error_full_messages") yielded some; an "error" object
	// beside an id may be a payment's own (Paysafe's decline).
	errList bool
	// first is the index of the first signal found inside the object.
	first int
	// plain counts the top object's strings of no role: a record's fields.
	plain int
	// resource is set when the object has an "id": it is a resource whose
	// own error fields describe its state (a failed payment), not an
	// error answer. state is set when it says its state ("status",
	// "state").
	resource, state bool
	// failed is set by a top-level "status": "failed" or "result": false;
	// with a message beside it in an object that is no resource, the call
	// failed.
	// namedErr is set when that status names an error
	// ("TENANT_NOT_FOUND_ERROR"): no state of a resource's, unless an id
	// says there is one.
	failed, namedErr bool
	// flagFailed is set by a flag saying the answer failed ("success":
	// false, "approved": false); it counts unless the object is a resource
	// that states its own status.
	flagFailed bool
	// flagState is set when that flag is a word ("result": "declined"),
	// which a record's own outcome may be.
	flagState bool
	// noError is set by a flag saying the object holds no error
	// ("isError": false); it outweighs flagFailed.
	noError bool
	// successCode is set by an error object's code that says it
	// succeeded (Redfish's "error": {"code": "Base.1.12.Success", ...}).
	successCode bool
	// statusFailed is set by the object's own "status": "error", at any
	// depth.
	statusFailed bool
	// quiet is set when the object says it is no error: its own flag says
	// it succeeded (Authlete's "action": "OK" beside a result code), or it
	// is only information or a warning ("type": "INFO").
	quiet bool
	// errCount is set by a count of errors ("errors": 1) and tally by a
	// count of what went well ("success_count", "total_count") beside it:
	// the count says the answer failed only alone.
	errCount, tally bool
	// rpc is set by JSON-RPC's "jsonrpc" member (1.1's "version": "1.1"):
	// the envelope's "id" numbers the call, before or after it.
	// rpcResult is set by its top-level "result" holding an object or a
	// list: beside rpc, the call's answer.
	rpc, rpcResult bool
	// details is set by a "details" array: with a numeric "code" and a
	// message, the object is a google.rpc.Status in JSON (grpc-gateway,
	// Google's JSON transcoding), whose code is a gRPC code.
	details bool
	// indexed is set for an element of a list that names its position in
	// the request's batch ("index": 2): its error is that item's, not the
	// call's (Firebase's batchDelete answers 200 with errors[] for the
	// users it could not delete).
	indexed bool
	// fields is set for an error object (the value of "error", "errors"
	// and the other keys isErrorContainer names): a sentence under a key
	// of its own ("league": "The League field is required.") is a field's
	// error message.
	fields bool
	// oddCode is set by a code of the object's that makes the extraction's
	// oddCode unless the object is a resource: a fetched record's own
	// error_code (a Twilio alert's) describes the record.
	oddCode bool
	// namedStatus is set by a top-level "status" in capitals or lower-case
	// snake case that names a condition (extraction.namedStatus).
	namedStatus bool
	// namedID is set by an "id" whose value is a name, not a key.
	namedID bool
	// echo is set for an object under a key that echoes the request
	// ("query", "request"): data, unless it carries an error message under
	// a key that names one (Pay.nl's "request": {"result": "0",
	// "errorMessage": "Transaction not found"}).
	echo bool
	// owns is set by a top-level member that is an object of the answer's
	// own data, under a key that names neither an error nor an envelope
	// (TrueLayer's "authorization_flow" beside "status": "failed"): an
	// object that states its state and carries such data describes a
	// resource.
	owns bool
	// record is set by a mark no error body carries: a Twilio sid (a
	// Monitor alert's error_code is the alert's) or a creation time at the
	// top (Mailgun's bounce record: "code": "777", "error": "...",
	// "created_at": ...). The object's codes are the record's.
	record bool
}

// addDesc keeps the best description by rank, and the runner-up: a "message"
// that only says "Bad Request" often sits beside a "detail" that explains.
func (f *objectFrame) addDesc(v text, rank int8) {
	switch {
	case rank < f.drank:
		f.desc2, f.d2rank = f.desc, f.drank
		f.desc, f.drank = v, rank
	case rank < f.d2rank:
		f.desc2, f.d2rank = v, rank
	}
}

func (f *objectFrame) addCand(c candidate) {
	// Keep the best few by rank, in rank order.
	i := f.n
	if i == len(f.cands) {
		if c.rank >= f.cands[i-1].rank {
			return
		}
		i--
	} else {
		f.n++
	}
	for i > 0 && f.cands[i-1].rank > c.rank {
		f.cands[i] = f.cands[i-1]
		i--
	}
	f.cands[i] = c
}

// scanJSON scans s as a JSON document. It returns false when s is not JSON;
// limit violations are left in x.err.
func (x *extraction) scan(depth int) bool {
	i := skipWS(x.src, 0)
	if i >= len(x.src) || (x.src[i] != '{' && x.src[i] != '[') {
		return false
	}
	end, ok := x.value(i, depth, holder{}, false)
	for ok && depth == 0 {
		// JSON Lines, one record a line, as streams answer: Ollama's
		// chunks under 200 end with {"error": "..."} when the model
		// fails half-way. Every record is read.
		j := skipWS(x.src, end)
		if j >= len(x.src) || x.src[j] != '{' || strings.IndexByte(x.src[end:j], '\n') < 0 {
			break
		}
		end, ok = x.value(j, depth, holder{}, false)
	}
	return ok || x.n > 0
}

// holder is what the scan knows of the key that holds a value, read once
// where the key is: its text, whether it names an error container
// (isErrorContainer) and whether it names a message (isMessageKey). The
// value's own scan reads these rather than folding the key again, as a list
// under "errors" did up to four times.
type holder struct {
	key                string
	container, message bool
}

// value scans the value at i, held under h, and returns the index after it.
func (x *extraction) value(i, depth int, h holder, inArray bool) (int, bool) {
	if i >= len(x.src) {
		return i, false
	}
	switch c := x.src[i]; {
	case c == '{':
		return x.object(i, depth+1, h, inArray)
	case c == '[':
		return x.array(i, depth+1, h)
	case c == '"':
		end, _, ok := scanString(x.src, i)
		return end, ok
	case c == '-' || ('0' <= c && c <= '9'):
		return scanNumber(x.src, i), true
	case c == 't':
		return literal(x.src, i, "true")
	case c == 'f':
		return literal(x.src, i, "false")
	case c == 'n':
		return literal(x.src, i, "null")
	}
	return i, false
}

func (x *extraction) tooDeep(depth int) bool {
	if depth > x.lim.MaxDepth {
		if x.err == nil {
			x.err = errTooDeep(x.lim.MaxDepth)
		}
		return true
	}
	return false
}

func (x *extraction) array(i, depth int, h holder) (int, bool) {
	if x.tooDeep(depth) {
		return i, false
	}
	parent := h.key
	i = skipWS(x.src, i+1)
	if i < len(x.src) && x.src[i] == ']' {
		return i + 1, true
	}
	// Strings in an error array are errors too: Kraken's
	// {"error": ["EAPI:Invalid nonce"]}, Reddit's
	// {"errors": [["USER_REQUIRED", "Please log in to do that.", "field"]]}.
	var strs signal
	// Messages under a field's or a code's name inside an error object
	// (PayTrace's "errors": {"981": ["Log in failed ..."]}) count as well.
	collect := h.container || x.inError(depth) && !isArgsKey(parent)
	tagged := false
	if (depth == 1 || depth == 2 && parent == "" || depth == 3 && parent == "methodResponses") && depth < 64 && i < len(x.src) && x.src[i] == '"' {
		// GLPI answers with a bare array: ["ERROR_LOGIN_PARAMETERS_MISSING",
		// "le(s) paramètre(s) ... manquants"]; a first string that is a
		// code naming an error makes the array an error's, and so it does
		// for each answer of a list of them (Dovecot's doveadm HTTP API:
		// [["error", {"exitCode": 68, "type": "exitCode"}, "tag1"]]).
		if _, v, ok := scanString(x.src, i); ok && (looksLikeCode(v.raw) && containsFold(v.raw, "error") && !strings.ContainsAny(v.raw, "./") || strings.EqualFold(v.raw, "error")) {
			collect = true
			// JMAP's method error (RFC 8620 §3.6.2), which doveadm's
			// answers copy: ["error", {"type": "invalidArguments", ...},
			// "c1"]; the object after the tag is the error.
			tagged = strings.EqualFold(v.raw, "error")
		}
	}
	// Under an error status, the strings of a bare array are the error's:
	// Django REST framework's non-field ValidationError (["Video already
	// exists for ..."]), PubNub's [0, "Invalid Key", "14707240653092162"].
	collect = collect || depth == 1 && x.status >= 400
	if tagged {
		x.errs |= 1 << depth
	}
	defer func() {
		if tagged {
			x.errs &^= 1 << depth
		}
		if strs.ncands > 0 || strs.desc.raw != "" {
			strs.source, strs.parent, strs.inArray, strs.container, strs.depth = srcBody, parent, true, true, int8(min(depth, 127))
			strs.topList = x.topList
			x.add(&strs)
		}
	}()
	// A list of records of which only some carry an error (a cluster
	// check's "nodes", one of three failing) is data under a success: its
	// errors are the records', marked as items below.
	first, records, failing, oddBefore := x.n, 0, 0, x.oddCode
	statusBefore := x.markStatus()
	for i < len(x.src) {
		if x.src[i] == '{' || x.src[i] == '[' {
			// A record: an object, or a list (WakaTime's bulk answer
			// pairs each heartbeat's body with its status).
			records++
		}
		before := x.n
		if collect && x.src[i] == '"' {
			_, v, ok := scanString(x.src, i)
			if ok && v.raw != "" {
				switch {
				case strs.ncands == 0 && looksLikeCode(v.raw) || (strs.ncands == 0 && strs.desc.raw == "" && len(v.raw) <= 64 && !strings.Contains(v.raw, " ")):
					strs.cands[0] = candidate{code: v, key: parent, rank: rankPlain}
					strs.ncands = 1
				case strs.desc.raw == "":
					strs.desc = v
					// The answer's message too, which entries' description
					// conditions read (Vault's {"errors": ["Vault is sealed"]}).
					x.noteDesc(v, 1)
				}
			}
		}
		if collect && strs.ncands == 0 && (x.src[i] == '-' || '1' <= x.src[i] && x.src[i] <= '9') {
			// So are numbers, codes with no message (SimplePay's
			// {"errorCodes": [5312, 5310], ...}); 0 is no error's.
			if end := scanNumber(x.src, i+1); isSignedNumeric(x.src[i:end]) {
				strs.cands[0] = candidate{code: text{raw: x.src[i:end]}, key: parent, rank: rankPlain, numeric: true}
				strs.ncands = 1
			}
		}
		x.elems++
		if x.elems > x.lim.MaxElements {
			if x.err == nil {
				x.err = errTooManyElements(x.lim.MaxElements)
			}
			return i, false
		}
		var ok bool
		if i, ok = x.value(i, depth, h, true); !ok {
			return i, false
		}
		for k := before; k < x.n; k++ {
			if sg := &x.sigs[k]; (!sg.inItem || parent == "") && !(sg.resource && !sg.container) && !sg.labelsRecord() {
				// An element that added an error of its own; a data
				// record's fields (already an item's), a record's own
				// code beside its id (Shopify's discount code "SUMMER1"),
				// or its name and kind (Polygon's index snapshot: "name":
				// "S&P 500", "type": "indices") are not one.
				failing++
				break
			}
		}
		var more bool
		if i, more, ok = x.separator(i, ']'); !ok || !more {
			if ok && depth == 2 && records == 1 && !collect {
				// The answer's one record, and it holds an error object
				// (Shift4's "result": [{"error": {...}, "server": ...}]):
				// the error is the answer's.
				for k := first; k < x.n; k++ {
					if x.sigs[k].container {
						x.sigs[k].inItem = false
					}
				}
			}
			if ok && records > 1 && !collect {
				// Records that state their own state, several of them,
				// answer a fetch, their errors their own: Meilisearch's
				// task list, each task "status": "failed" beside its
				// "error". One such record may be the answer's news (a
				// WhatsApp status webhook's failed message).
				for k := first; k < x.n; k++ {
					if sg := &x.sigs[k]; sg.recordState {
						sg.inItem, sg.partial, sg.batch = true, true, true
					}
				}
			}
			if ok && records > 1 && failing > 0 && failing < records && !collect {
				for k := first; k < x.n; k++ {
					x.sigs[k].inItem, x.sigs[k].partial = true, true
				}
				// A record's odd code is the record's too (SAP Concur's
				// "code": 116 for one of two posting confirmations), and
				// so is the status it states (Emporix's batch: "code":
				// 400 beside another record's 201).
				x.oddCode = oddBefore
				x.restoreStatus(statusBefore)
			}
			return i, ok
		}
	}
	return i, false
}

// separator reads what follows an element or member: a comma, after which
// more follow, or the closing bracket.
func (x *extraction) separator(i int, closing byte) (next int, more, ok bool) {
	i = skipWS(x.src, i)
	if i >= len(x.src) {
		return i, false, false
	}
	switch x.src[i] {
	case ',':
		i = skipWS(x.src, i+1)
		if i < len(x.src) && x.src[i] == closing {
			// A trailing comma (Fintoc's documented error ends its object
			// with one): the object or array ends there.
			return i + 1, false, true
		}
		return i, true, true
	case closing:
		return i + 1, false, true
	}
	return i, false, false
}

func (x *extraction) object(i, depth int, h holder, inArray bool) (int, bool) {
	if x.tooDeep(depth) {
		return i, false
	}
	parent := h.key
	defer x.unmark(depth)
	// Under an error status, a top-level "message" that is an object holds
	// the fields' messages (GitLab's {"message": {"name": ["has already
	// been taken"]}}).
	// An object in a list of "failures" is one (Kura's batch whose every
	// operation failed); a list of strings under that name is a report's.
	isErr := h.container || depth == 2 && parent == "message" && x.status >= 400 ||
		inArray && len(parent) == len("failures") && strings.EqualFold(parent, "failures")
	container := isErr || x.inError(depth)
	if isErr && depth > 0 && depth < 64 {
		x.errs |= 1 << depth
	}
	if inArray && parent != "" && !container && depth > 1 && depth < 64 {
		x.items |= 1 << depth
	}
	var f objectFrame
	var env uint8        // the top-level keys envelopeKey notes
	dataRecords := false // a top-level "data" list of records
	// scalars counts the strings of no role in the top-level "data"
	// object: a record's fields, beside which its "errors" are its own.
	scalars, before := 0, x.n
	f.first = before
	f.drank, f.d2rank, f.trank = 127, 127, 127
	// An element of a list of warnings (Nexi's "warnings": [{"code":
	// "003", "description": "Warning - ..."}]) is no error, as one whose
	// own severity says warning is not.
	f.quiet = inArray && len(parent) == 8 && strings.EqualFold(parent, "warnings") ||
		depth > 1 && depth < 64 && x.quiets&(1<<depth-1) != 0 // inside one (its "meta")
	if f.quiet && depth < 64 {
		x.quiets |= 1 << depth
	}
	f.fields = isErr
	if !container && isEchoKey(parent) {
		// The request echoed back (Pelias's "query": {"text": ...}) is
		// data, as a resource is: its text is no message.
		x.markResource(&f, depth)
		f.echo = true
	}
	i = skipWS(x.src, i+1)
	if i < len(x.src) && x.src[i] == '}' {
		return i + 1, true
	}
	if depth == 1 {
		x.top.start(x)
	}
	if depth == 2 && parent == "data" && !inArray {
		x.dataStatus, x.dataLoose = x.markStatus(), x.looseDesc
	}
	for i < len(x.src) {
		if x.src[i] != '"' {
			return x.broken(&f, h, inArray, container, depth, i)
		}
		kend, key, ok := scanString(x.src, i)
		if !ok {
			return x.broken(&f, h, inArray, container, depth, kend)
		}
		i = skipWS(x.src, kend)
		if i >= len(x.src) || x.src[i] != ':' {
			return x.broken(&f, h, inArray, container, depth, i)
		}
		i = skipWS(x.src, i+1)
		if i >= len(x.src) {
			return x.broken(&f, h, inArray, container, depth, i)
		}
		if len(key.raw) > 1 && key.raw[0] == '$' && !isDollarMeta(key.raw) {
			// SData's members carry a '$' ("$severity", "$message"),
			// which says nothing of what they hold.
			key.raw = key.raw[1:]
		}
		role, rank := classifyKey(key.raw)
		// What a value under the key needs to know of it; the role may be
		// read otherwise below, but the value's scan asks what the key
		// itself names.
		held := holder{key: key.raw, message: role == roleDesc}
		if role == roleNone && depth == 1 && endsInErrorMessage(key.raw) {
			// A top-level message named as an error's after a word of the
			// vendor's (SheerID's "systemErrorMessage"); deeper in the data
			// such a field is a record's (Juspay's eligibility record's
			// "gateway_error_message").
			role, rank = roleDesc, 1
		}
		if depth == 1 {
			if role != roleNone {
				env |= envErrors // a code, message or flag of the answer's own
			} else {
				env |= envelopeKey(key.raw, x.src, i)
			}
		}
		if role == roleNone && key.raw == "value" && strings.EqualFold(parent, "message") {
			// OData's error message is an object: {"lang": "en-us",
			// "value": "Property 'Remark' of 'InventoryCounting' is invalid"}.
			role, rank = roleDesc, 1
		}
		if rank == rankStatus && role == roleCode && strings.EqualFold(key.raw, "status") || role == roleState {
			f.state = true
		}
		if depth == 1 {
			x.top.member(x, i, key.raw)
		}
		switch c := x.src[i]; {
		case c == '"':
			end, v, ok := scanString(x.src, i)
			if !ok {
				return x.broken(&f, h, inArray, container, depth, end)
			}
			x.stringValue(&f, key.raw, role, rank, v, depth)
			if role == roleNone && depth == 2 {
				scalars++
			}
			if role == roleNone && depth == 1 {
				f.plain++
			}
			if depth > 1 && isOwnIDKey(parent, key.raw, inArray) {
				// Plivo's "campaign": {"campaign_id": ...}: an id named
				// after the object is its own, and the object a resource.
				x.markResource(&f, depth)
			}
			i = end
		case c == '-' || ('0' <= c && c <= '9'):
			end := scanNumber(x.src, i)
			if key.raw == "jsonrpc" && depth <= 2 {
				x.markRPC(&f, depth) // ShipStream's "jsonrpc": 2.0, a number
			}
			if isIDKey(key.raw) {
				x.markResource(&f, depth)
				x.topID = x.topID || depth == 1
			}
			x.noteBodyStatus(key.raw, x.src[i:end], depth)
			if inArray && key.raw == "index" {
				f.indexed = true
				if depth < 64 {
					x.items |= 1 << depth // objects inside it are the item's too
				}
			}
			if depth == 1 && x.src[i:end] == "0" && (key.raw == "success" || key.raw == "ok") {
				// bitbank's {"success": 0, "data": {"code": 20003}}: a
				// flag written as a number.
				f.flagFailed = true
			}
			if num := x.src[i:end]; (num == "0" || num == "1") && isErrorFlag(key.raw) {
				// CiviCRM's "is_error": 0: a flag written as a number.
				x.boolValue(&f, key.raw, num == "1", depth)
			}
			if depth == 1 && x.src[i:end] != "0" && x.src[i] != '-' && isErrorCount(key.raw) {
				f.errCount = true // Sentry's bulk answer: "errors": 1
			}
			if depth == 1 && isTallyKey(key.raw) {
				f.tally = true // GitLab's test report: "success_count": 5 beside "error_count": 4
			}
			if x.mayNoteOddCode(depth) && isOddCode(role, key.raw, x.src[i:end]) {
				f.oddCode = true
			}
			if role == roleCode && rank <= rankStatus && x.src[i:end] == "0" {
				// A numeric code of 0 says no error as "0" does (Sberbank's
				// "ErrorCode": 0 beside "ErrorMessage": "... без системных
				// ошибок" and an order's own "OrderStatus": 2): the
				// object's error message is then no error's. A message
				// that reads as one still makes the answer an error
				// (Discord's "code": 0 beside a rate-limit block).
				f.okCode = f.okCode || rank <= rankCode
				x.zeroCode = x.zeroCode || depth == 1 && rank <= rankCode
				// Inside an error object a code of 0 says the answer has
				// none, whatever its data's descriptions say (Huawei
				// OceanStor's "error": {"code": 0} beside hosts described
				// "host01").
				x.okCode = x.okCode || isErr && rank <= rankPlain
			}
			if role == roleCode && rank <= 4 {
				num := x.src[i:end]
				// A number equal to the HTTP status only echoes it, and 0 is
				// the "no error" of APIs that always send a code.
				// A 2xx under a status key outside an error object ("code":
				// 200 beside a token) says success, as
				// noteBodyStatus records.
				okStatus := isSuccessStatus(num) && isSuccessCodeKey(key.raw) && !container
				if num != "0" && !(x.status != 0 && num == itoa3(x.status)) && !okStatus {
					f.addCand(candidate{code: text{raw: num}, key: key.raw, rank: 4, numeric: true})
				}
				if okStatus && rank <= rankPlain && depth > 1 {
					// Foursquare's "meta": {"code": 200, "errorType":
					// "deprecated", "errorDetail": ...}: beside a code
					// saying the call succeeded, an error type is a
					// warning.
					f.okCode = true
				}
			}
			i = end
		case c == 't' || c == 'f':
			end, ok := x.value(i, depth, held, false)
			if !ok {
				return x.broken(&f, h, inArray, container, depth, end)
			}
			x.boolValue(&f, key.raw, c == 't', depth)
			i = end
		default:
			held.container = (x.src[i] == '{' || x.src[i] == '[') && isErrorContainer(key.raw)
			if key.raw == "details" && x.src[i] == '[' {
				f.details = true
			}
			if x.src[i] == 'n' && depth > 1 && inArray && isIDKey(key.raw) {
				// An item of a list whose "id" is null (Shopify's discount
				// codes not yet created) is a record all the same.
				x.markResource(&f, depth)
			}
			if x.src[i] == '{' && key.raw == "__metadata" {
				// OData's verbose JSON describes each entity it returns in
				// "__metadata" (its uri and type): the object is a record,
				// its "Code" the record's own (Exact Online's account).
				x.markResource(&f, depth)
			}
			if depth <= 2 && x.src[i] == '[' && held.container {
				if j := skipWS(x.src, i+1); j < len(x.src) && x.src[j] == ']' {
					x.noErrors = true
				}
			}
			if depth == 1 && x.src[i] == '[' && acceptedList(key.raw) {
				if j := skipWS(x.src, i+1); j < len(x.src) && x.src[j] != ']' {
					// MessageBird's {"success": [...], "fail": [{"number":
					// ..., "error": ...}]}, MobilePay's {"pending_payments":
					// [...], "rejected_payments": [...]}: the call succeeded
					// for the items it lists, and the others' errors are
					// theirs.
					x.success = true
				}
			}
			if depth == 1 && role == roleNone && x.src[i] == '{' && ownsData(key.raw) {
				f.owns = true
			}
			if depth == 1 && (key.raw == "data" || key.raw == "results") && x.src[i] == '[' {
				if j := skipWS(x.src, i+1); j < len(x.src) && x.src[j] == '{' {
					// Twitter's {"data": [{"id": ...}], "errors": [...]},
					// HubSpot's batch {"results": [...], "errors": [...]}:
					// records came back, and the errors are those of the
					// records that did not.
					dataRecords = true
				}
			}
			list := listNone
			if depth == 1 && x.src[i] == '[' {
				list = topListOf(key.raw)
				x.topList = list
			}
			if depth == 1 && key.raw == "result" {
				switch x.src[i] {
				case '{', '[':
					f.rpcResult = true
				case 'n':
					// JSON-RPC 1.0's {"id": 1, "result": null, "error":
					// {...}} (Deluge): a null result beside the call's id
					// says the call failed, and the id numbers the call.
					f.resource, f.rpc = false, true
					x.resources &^= 1 << depth
				}
			}
			// An "error" object after the top object's id, with no other
			// key, is a JSON-RPC answer without its "jsonrpc" member
			// (Serpstat's {"id": "1", "error": {"code": 32017, ...}}):
			// the id numbers the call. Beside more keys the error is a
			// fetched record's (Ory Kratos's stored error).
			idThenError, n0 := depth == 1 && x.top.keys == 2 && f.resource && key.raw == "error" && x.src[i] == '{', x.n
			start := i
			i, ok = x.value(i, depth, held, false)
			if idThenError && ok {
				if j := skipWS(x.src, i); j < len(x.src) && x.src[j] == '}' {
					f.resource, f.rpc = false, true
					x.resources &^= 1 << depth
					for k := n0; k < x.n; k++ {
						x.sigs[k].resource = false
						x.looseDesc = x.looseDesc || x.sigs[k].desc.raw != ""
					}
				}
			}
			if list != listNone {
				x.topList = listNone
			}
			if !ok {
				return x.broken(&f, h, inArray, container, depth, i)
			}
			if list == listResponses && hasNumericStatus(x.src[start:i]) {
				// A batch's "responses" (Microsoft Graph's $batch: each
				// with its own status and body): their errors are theirs,
				// whoever defines their codes.
				for k := 0; k < x.n; k++ {
					if sg := &x.sigs[k]; sg.topList == listResponses {
						sg.inItem, sg.partial, sg.batch = true, true, true
					}
				}
			}
			if depth == 1 && key.raw == "_links" && x.src[start] == '{' && strings.Contains(x.src[start:i], `"self"`) {
				// A HAL document that links to itself is a resource
				// (Dwolla's transfer failure: "_links": {"self": ...}
				// beside "code": "R03"); an error's links point to its
				// documentation (Mollie's "_links": {"documentation": ...}).
				x.markResource(&f, depth)
			}
		}
		if depth == 1 && x.top.failed(x, held.container) {
			f.errList = true
		}
		var more bool
		if i, more, ok = x.separator(i, '}'); !ok || !more {
			if ok && depth == 1 {
				x.top.end(x, before)
			}
			if ok {
				if f.errCount && !f.tally && !(f.resource && f.state) {
					// A count of errors alone says the answer failed; a
					// job's own count, beside its id and state (Constant
					// Contact's finished activity: "status": "COMPLETE",
					// "error_count": 3), is the job's data.
					x.failure = true
				}
				if depth > 0 && depth < 64 && x.resources&(1<<depth) != 0 {
					// A JSON object's members have no order: error objects
					// read before the id that made this object a resource
					// (Hetzner's action, its keys sorted: "error" before
					// "id") are its own, as those read after it are.
					for k := before; k < x.n; k++ {
						if sg := &x.sigs[k]; int(sg.depth) <= depth+2 && int(sg.depth) > depth {
							sg.resource = true
						}
					}
				}
				if depth == 1 && f.rpc && f.rpcResult {
					x.rpcOK = true // a JSON-RPC call's result
				}
				x.emit(&f, h, inArray, container, depth)
				if inArray && depth >= 2 && f.resource && f.state {
					// A record that states its own state holds its error
					// objects as its own, if its list has others (below).
					for k := before; k < x.n; k++ {
						if sg := &x.sigs[k]; sg.container && int(sg.depth) > depth {
							sg.recordState = true
						}
					}
				}
				if depth == 2 && parent == "data" && !inArray && scalars >= 2 {
					// DNSimple's {"data": {"domain": ..., "availability":
					// "unknown", "errors": ["TLD not supported ..."]}}: a
					// record of the answer, and the errors its own; so are
					// those its nested objects hold (Lacework's integration,
					// its "state" holding the last check's AWS 403), and the
					// status they state.
					deep := false
					for k := before; k < x.n; k++ {
						if sg := &x.sigs[k]; sg.depth == 3 && sg.parent == "errors" && sg.ncands == 0 {
							sg.inItem = true
						} else if sg.depth > 3 {
							sg.inItem, sg.partial, deep = true, true, true
						}
					}
					if deep {
						x.restoreStatus(x.dataStatus)
						x.looseDesc = x.dataLoose
					}
				}
				if dataRecords {
					for k := 0; k < x.n; k++ {
						if sg := &x.sigs[k]; sg.topList == listErrors {
							sg.inItem, sg.partial = true, true
						}
					}
				}
				if env == envData|envLinks {
					// A document of data and links and no errors is a
					// success: UK Open Banking's, Open Finance Brasil's and
					// JSON:API's (whose error documents hold "errors"
					// instead of "data"); the codes of the data it carries
					// (a consent's own rejection) are the data's.
					x.success = true
				}
				return i, true
			}
			return x.broken(&f, h, inArray, container, depth, i)
		}
	}
	return x.broken(&f, h, inArray, container, depth, i)
}

// topList names a top-level list whose signals are marked once the whole
// answer is read.
type topList uint8

const (
	listNone      topList = iota
	listErrors            // "errors": the records' own beside a "data" or "results" list
	listResponses         // "responses": a batch's, when each states its status
)

// acceptedList reports whether a top-level list's name says its items
// were accepted ("success", "pending_payments"), so that a sibling list
// of rejected items is a batch's partial failure, not the call's.
func acceptedList(key string) bool {
	if key == "success" || key == "succeeded" || key == "accepted" {
		return true
	}
	for _, p := range [...]string{"pending_", "accepted_", "succeeded_", "successful_"} {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

func topListOf(key string) topList {
	switch key {
	case "errors":
		return listErrors
	case "responses":
		return listResponses
	}
	return listNone
}

// hasNumericStatus reports whether a JSON text holds a "status" member
// whose value is a number: a batch's responses that state each one's HTTP
// status (Microsoft Graph's $batch), not a list of bare results.
func hasNumericStatus(v string) bool {
	for {
		k := strings.Index(v, `"status"`)
		if k < 0 {
			return false
		}
		v = v[k+len(`"status"`):]
		j := skipWS(v, 0)
		if j < len(v) && v[j] == ':' {
			if j = skipWS(v, j+1); j < len(v) && '1' <= v[j] && v[j] <= '5' {
				return true
			}
		}
	}
}

// onlyPartial reports whether every error object is one batch item's (and
// there is one): the answer's loose message is then an item's too.
func (x *extraction) onlyPartial() bool {
	n := 0
	for i := 0; i < x.n; i++ {
		if s := &x.sigs[i]; s.container {
			if !s.partial {
				return false
			}
			n++
		}
	}
	return n > 0
}

// broken ends an object that is no valid JSON past some point (a comment
// or a missing comma in a documented example: Auth0's mfa_required with
// "//can only work with challenge" in its list): the members read before
// the fault still say what the object is, so it is emitted, and the scan
// stops there.
func (x *extraction) broken(f *objectFrame, h holder, inArray, container bool, depth, i int) (int, bool) {
	if f.n > 0 || f.desc.raw != "" {
		x.emit(f, h, inArray, container, depth)
	}
	return i, false
}

// boolValue reads a true or false: a flag saying whether the answer
// failed or succeeded, or a verdict on what was checked.
func (x *extraction) boolValue(f *objectFrame, key string, val bool, depth int) {
	if !val && isFailureFlag(key, true) {
		// "isError": false says the object holds no error, whatever
		// else it flags (Unzer's charge: "isSuccess": false beside
		// "isPending": true).
		f.noError = true
	}
	if isFailureFlag(key, val) && depth <= 2 && !x.inResource(depth) {
		// A transaction's own "success": false inside the charge
		// a call returned (Mundipagg's last_transaction) is its
		// state, not the call's; emit decides once the object's
		// id and status are known.
		f.flagFailed = true
	}
	if !val && depth <= 2 && key == "result" && !x.inResource(depth) {
		// "result": false says the call failed as a "failed" status does:
		// only with a code or message beside it (Tesla's command answer:
		// {"reason": "already_max_range", "result": false}); alone it
		// answers a question (Raindrop's URL check: {"result": false,
		// "ids": []}).
		f.failed = true
	}
	if !val && depth == 1 && isErrorFlag(key) {
		// A top-level "is_error": 0 says the call succeeded: what its
		// data holds (CiviCRM's validate action listing missing
		// fields) is the answer, not its error.
		x.success = true
	}
	verdict := depth == 1 && isVerdictKey(key)
	x.verdict = x.verdict || verdict
	if isSuccessFlag(key, val) || verdict {
		// A top-level "valid": true or false is a verdict on what
		// was checked (Voucherify's voucher validation, Ory's API
		// key check, PlanetScale's connection check): the call
		// succeeded, and the errors beside it give the reasons.
		x.success = true
	}
}

// stringBool reads a flag written as a string, "true" or "false" (QNAP's
// "success": "true"), as the boolean it spells.
func stringBool(v string) (val, ok bool) {
	switch {
	case strings.EqualFold(v, "true"):
		return true, true
	case strings.EqualFold(v, "false"):
		return false, true
	}
	return false, false
}

// stringValue records a string member of an object.
func (x *extraction) stringValue(f *objectFrame, key string, role keyRole, rank int8, v text, depth int) {
	if v.raw == "" {
		return
	}
	if n := len(v.raw); n == 4 || n == 5 {
		if b, ok := stringBool(v.raw); ok && (isFailureFlag(key, true) || isFailureFlag(key, false) || isSuccessFlag(key, true)) {
			x.boolValue(f, key, b, depth)
			return
		}
	} else if n == 2 && (v.raw[0]|0x20 == 'o' && v.raw[1]|0x20 == 'k') && isSuccessFlag(key, true) {
		// gorush's "success": "ok" says what "success": true does.
		x.boolValue(f, key, true, depth)
		return
	}
	x.noteBodyStatus(key, v.raw, depth)
	if x.mayNoteOddCode(depth) && (isNumeric(v.raw) && isOddCode(role, key, v.raw) ||
		depth == 1 && role == roleCode && rank == rankPlain && looksLikeCode(v.raw) && !isSuccessWord(v.raw)) {
		// A number that is neither 0 nor a success, or a code that names
		// something (ISPConfig's "code": "remote_fault"): with a message
		// that reads as an error, the answer is one under any status.
		f.oddCode = true
	}
	if depth == 1 && role == roleCode && (rank <= rankPlain && opensWithErrorWord(v.raw) || (rank <= rankPlain || rank == rankType) && isErrorTypeName(v.raw)) {
		// A top-level code that opens by saying error (Raiffeisen's
		// "code": "ERROR.DYNAMIC_QR_WITHOUT_AMOUNT" under 200), or a code
		// or type that names an error's type (Baidu BOS's "code":
		// "InternalError" under 200, OnceHub's "type":
		// "invalid_request_error"), says the call failed, whatever
		// language its message is in; beside an id it is a record's
		// (emit decides).
		f.failed = true
	}
	if role == roleNone && x.plainString(f, key, v, depth) {
		return
	}
	// Error JSON sent inside a string field: scan it as a nested document.
	if first := firstNonSpace(v.raw); first == '{' || first == '[' {
		// The scanner scans the inner document in place of the outer one and
		// then resumes; a copy of the scanner would make the extraction
		// escape to the heap.
		outer, before := x.src, x.n
		x.src = v.String()
		ok := x.scan(depth)
		x.src = outer
		if ok && (x.n > before || !f.errDesc && role != roleDesc) {
			return
		}
		// A document in which nothing reads as an error, under a key
		// that names the message (Sage One's "error_message" holding
		// SData's [{"$severity": "error", "$message": ...}]), is still
		// the message.
	}
	severity := key == "severity" || key == "Severity" || key == "level" || key == "Level"
	if severity || key == "type" {
		if oneOfFold(v.raw, "info", "information", "warning", "warn", "notice") {
			f.quiet = true
			return
		}
		if severity && oneOfFold(v.raw, "error", "fatal") && depth > 0 && depth <= 3 {
			// FHIR's OperationOutcome issue ("severity": "error";
			// Teleship's messages, "level": "error"): what
			// the object holds below is part of the error. Fiserv's
			// {"Status": {"StatusCode": "1121", "StatusDesc": ...,
			// "Severity": "Error"}} says so of its own status. Deeper in
			// the data a severity is a record's (Husqvarna's mower
			// history: messages of severity ERROR in a listing).
			x.errs |= 1 << depth
			f.failed = true
		}
	}
	if role == roleNone && f.fields && depth <= 2 && startsWithLetter(v.raw) && hasWords(v.raw, 3) && !isEchoKey(key) && !strings.Contains(v.raw, "://") {
		// API-Football's "errors": {"endpoint": "The Banana endpoint does
		// not exist."}: the message of the field the key names, below any
		// message of the error's own.
		f.addDesc(v, 4)
		x.noteDesc(v, 4)
		return
	}
	if role == roleNone && depth == 1 && key == "data" && (strings.IndexByte(v.raw, ' ') > 0 || looksLikeCode(v.raw)) && !saysOK(v.raw) {
		// JSend's {"status": "error", "data": "Invalid key"} (WAQI): a
		// sentence where the data was expected says what happened; it
		// ranks below a message. So does a code there (DreamHost's
		// {"data": "record_already_exists_remove_first", "result": "error"}).
		f.addDesc(v, 3)
		x.noteDesc(v, 3)
		return
	}
	switch role {
	case roleFlag:
		if depth > 2 || x.inResource(depth) {
			// An item's own "result": "error" deep in the answer (REG.RU's
			// domains[]) is its state, not the answer's.
			return
		}
		if depth == 1 && (key == "result" || key == "response") && strings.IndexByte(v.raw, ' ') > 0 && !saysOK(v.raw) {
			// A sentence where a flag was expected (Transmission's
			// "result": "duplicate torrent", Etherscan's "result":
			// "Invalid API Key (#err2)|8", IP2Location's "response":
			// "Invalid API key or insufficient credit.") says what
			// happened.
			f.addDesc(v, 2)
			x.noteDesc(v, 2)
			return
		}
		if depth == 1 && key == "result" && (strings.IndexByte(v.raw, '_') > 0 && isUpperCode(v.raw) || isErrorTypeName(v.raw)) && !isFlagSuccess(v.raw) {
			// A result that names what happened in capitals (Mobile-ID's
			// "result": "USER_CANCELLED"; "OK" when it succeeded), or
			// names an error's type (Getui's "result": "AppidError"), is
			// the answer's code; a lower-case one ("email_sent") is data.
			f.addCand(candidate{code: v, key: key, rank: rankCode})
			f.errDesc = true
			return
		}
		if depth == 1 && key == "result" && x.stateCode(v.raw) && !isFlagSuccess(v.raw) && !isFlagFailure(v.raw) {
			// One word in capitals (Mobile-ID's "result": "TIMEOUT") under
			// a 2xx is a code the named provider may define.
			f.addCand(candidate{code: v, key: key, rank: rankStatus})
			return
		}
		switch {
		case isFlagFailure(v.raw) && depth == 1:
			// "Ack": "Failure"; "approved": "DECLINED": the answer failed,
			// unless the object is a record with an id, whose flag is its
			// own outcome (Checkout.com's issuing transaction fetched with
			// "result": "declined").
			f.flagFailed, f.flagState = true, true
		case isFlagFailure(v.raw):
			x.failure = true
		case isFlagSuccess(v.raw) && v.raw != "0":
			// A flag of 0 is false, not the "no error" a code of 0 is
			// (Pay.nl's "result": "0" beside its errorMessage).
			x.success = true // eBay's Ack "Success", Flickr's stat "ok"
			// The object's own codes are then a success's result codes
			// (Authlete's "action": "OK" beside "resultCode": "A056001").
			f.quiet = true
		}
	case roleCode:
		if rank != rankError && isOpaqueToken(v.raw) {
			// ecobee's PIN authorization, {"ecobeePin": "bv29", "code":
			// "uiNQok9Uhy5iScG4gncCAilcFUMK0zWT", ...}: a code of 16 or
			// more letters and digits is a grant or an id, not an error's.
			return
		}
		if isStatusEcho(v.raw, x.status) && !(rank == rankError && isSuccessStatus(v.raw[:3])) {
			// "Code": "400 BadRequest" or "status": "401" echo the HTTP
			// status; an error's number states no success (Kount RIS's
			// ERRO=201, its missing version field).
			return
		}
		if (rank == rankPlain || rank == rankCode) && depth == 1 && x.topCode.raw == "" && !isNumeric(v.raw) {
			x.topCode = v
		}
		if rank == rankStatus && depth == 1 && x.topStatus.raw == "" && !isNameKey(key) {
			// A 202's says whether the accepted work is pending; a name
			// (Flexible Engine's record set, "name" before "status":
			// "PENDING_CREATE") is none.
			x.topStatus = v
		}
		if len(v.raw) == len("invalid") && depth == 1 && !v.url && strings.EqualFold(v.raw, "invalid") && strings.EqualFold(key, "status") {
			// A top-level "status": "invalid" in JSON is a verdict on what
			// was checked, as "valid": false is (GitLab's CI lint): the
			// call succeeded, and the errors beside it give the reasons.
			// A gateway's Status=INVALID pair says the request was.
			x.success = true
			return
		}
		if depth == 1 && rank == rankStatus && (strings.IndexByte(v.raw, '_') > 0 && (isUpperCode(v.raw) || isLowerCode(v.raw) && !isNameKey(key)) || isErrorTypeName(v.raw)) && !isSuccessWord(v.raw) && !containsFold(v.raw, "warn") {
			// Google Maps' "OVER_QUERY_LIMIT", Hover's "need_2fa" (in
			// lower case only under "status": a lower-case name is a
			// record's), Pangea's "ValidationError"; Okta's
			// "PASSWORD_WARN" is a success that warns.
			f.namedStatus = true
		}
		if rank != rankStatus && rank != rankError && isFailureWord(v.raw) && depth <= 2 && !f.resource && !x.inResource(depth) {
			// Authorize.Net's "messages": {"resultCode": "Error", "message":
			// [...]}: a result code that only says it failed says the call
			// did, and stays a code for the entries that name it (PayU's
			// "code": "ERROR").
			x.failure = true
		}
		if rank == rankStatus && isFailureWord(v.raw) {
			// JSend's and Kubernetes' "status": "error" / "Failure" say
			// there is an error; they do not say which. A resource's own
			// "status": "error", or an item's deeper in the data (a failed
			// action or transaction in a list), is its state.
			f.statusFailed = true
			if depth <= 2 && !f.resource && !x.inResource(depth) {
				x.failure = true
				// The object's message is then the error's, above any
				// message of the data it carries (Paymentez's refunded
				// transaction beside "detail": "Transaction already
				// refunded").
				f.errDesc = f.errDesc || depth == 1
			}
			return
		}
		if rank == rankStatus && depth == 1 && strings.EqualFold(v.raw, "failed") {
			// ClouDNS's {"status": "Failed", "statusDescription": ...}: a
			// top-level status of an answer that is no resource says the
			// call failed (emit decides, once the object's id is known). A
			// payment's or job's own "failed" state sits beside its id, and
			// stays data.
			f.failed = true
			return
		}
		if rank == rankStatus && depth == 1 && isLowerCode(v.raw) && opensWithFailure(v.raw) {
			// Focus NFe's "status": "erro_autorizacao": a top status in
			// lower case that opens by saying error says the same, and
			// is the error's code.
			f.failed = true
			f.addCand(candidate{code: v, key: key, rank: rankStatus})
			return
		}
		if rank == rankStatus && depth == 1 && oneOfFold(v.raw, "decline", "declined", "rejected", "denied") {
			// DIBS's {"status": "DECLINE", "declineReason": ...}: the same,
			// and the status names what happened.
			f.failed = true
		}
		if rank == rankStatus && depth == 1 && (namesError(v.raw) || opensWithErrorWord(v.raw) || strings.EqualFold(key, "status") && namesErrorStatus(v.raw)) {
			// SuperTokens' {"status": "TENANT_NOT_FOUND_ERROR"}, Postal's
			// "parameter-error", Scalyr's "error/client/badParam": a status
			// that names an error is the answer's error and its code;
			// beside an id it is a fetched record's state (Pluggy's item
			// in "status": "LOGIN_ERROR"), which emit decides.
			f.failed, f.namedErr = true, true
			f.addCand(candidate{code: v, key: key, rank: rankCode})
			return
		}
		if rank == rankError && saysNoErrors(v.raw) {
			// Proxmox's ZFS pool, "errors": "No known data errors": a
			// sentence under the error key that says there are none.
			x.okCode, f.okCode = true, true
			return
		}
		if isSentence(v.raw) {
			if c, rest, ok := strings.Cut(v.raw, ": "); ok && looksLikeCode(c) {
				// "error": "invalid_grant: Token is expired or invalid." is
				// a code and its message.
				f.addCand(candidate{code: text{raw: c, esc: v.esc}, key: key, rank: rank})
				f.addDesc(text{raw: rest, esc: v.esc}, 2)
				x.noteDesc(text{raw: rest, esc: v.esc}, 2)
				return
			}
			// "reason": "No valid session cookie found." is a message; under
			// "error" it is an error's message.
			f.errDesc = f.errDesc || rank <= rankCode
			f.addDesc(v, 2)
			x.noteDesc(v, 2)
			return
		}
		if key == "__type" || len(key) == len("x-amzn-errortype") && strings.EqualFold(key, "x-amzn-errortype") {
			v = text{raw: awsErrorType(v.raw), esc: v.esc}
		}
		if x.status == 0 && rank == rankStatus && depth == 1 && !isNameKey(key) && hasWords(v.raw, 2) && !isSuccessWord(v.raw) && statusLine(v.raw) == 0 {
			// Without a status, a top-level status in a few words (Pixiv's
			// p.tl shortener: "status": "invalid API key") is the answer's
			// message as well as its status; a longer one returned above.
			// Under a status a short one stays a state ("Processing
			// payment").
			x.noteDesc(v, 3)
			x.looseDesc, x.statusDesc = true, true
		}
		if rank <= rankPlain && v.raw == "0" {
			// A code of "0" in quotes says what the number 0 does (Huawei
			// OceanStor's "error": {"code": "0", "description": "0"} beside
			// the data): no error, and no candidate.
			f.okCode = true
			x.zeroCode = x.zeroCode || depth == 1
			x.okCode = x.okCode || x.isErrorObject(depth)
			return
		}
		// A "status" of "0" says neither success nor failure: APIs write it
		// for either (FossID and AMap beside their error).
		succeeded := rank <= rankStatus && isSuccessWord(v.raw) && !(rank == rankStatus && v.raw == "0")
		if succeeded && rank == rankStatus && depth == 1 && !f.resource {
			// JSend's and Netatmo's top-level "status": "ok" or "success"
			// says the answer succeeded, as "ok": true does: the errors of
			// single items below it are data.
			x.success = true
		}
		if succeeded {
			x.okCode = true // "code": "K000", "status": "success"
			// Sberbank's "errorCode": "0" beside its "errorMessage": an
			// error code that says none makes its object no error.
			f.okCode = f.okCode || rank <= rankCode
			if rank == rankStatus && depth > 1 && !x.inError(depth) {
				// A record of a list whose own status says it succeeded
				// (Superwall's redeemed codes, {"status": "SUCCESS",
				// "code": "redemption_..."}) reports no error; its code is
				// its own reference.
				f.quiet = true
			}
			if rank <= rankPlain && x.isErrorObject(depth) && hasSuffixFold(v.raw, "success") {
				// An error object whose code says it succeeded (Redfish's
				// "error": {"code": "Base.1.12.Success", ...} beside a 201)
				// holds none, as one of code 0 does, and its messages
				// below (Redfish's @Message.ExtendedInfo) are notes.
				f.successCode = true
				x.errs &^= 1 << depth
				return
			}
		}
		problem := false
		if rank == rankType && isFailureWord(v.raw) {
			// Contentful's sys.type "Error" says what the object is, not
			// which error: its sys.id names it. GENESIS says "Fehler".
			f.errDesc = true
			return
		}
		if rank == rankType {
			// RFC 9457 type: a URI whose last segment names the problem.
			seg := lastSegment(v.raw)
			if seg == "" || v.raw == "about:blank" || isMediaType(v.raw) {
				return
			}
			problem = seg != v.raw
			v = text{raw: seg, esc: v.esc}
		}
		f.addCand(candidate{code: v, key: key, rank: rank, problem: problem})
	case roleDesc:
		if depth == 1 && isSuccessWord(v.raw) {
			// Smartsheet's {"message": "PARTIAL_SUCCESS", ..., "failedItems":
			// [...]}: the answer says it succeeded; the items' errors are
			// data.
			x.success = true
		}
		if depth == 1 && isFailureWord(v.raw) {
			// Etherscan's {"status": "0", "message": "NOTOK", "result":
			// "Invalid API Key"}: a message that only says it failed (emit
			// decides, once the object's id is known).
			f.failed = true
		}
		if depth == 1 && x.bodyStatus == 0 {
			if n := statusLine(v.raw); n != 0 {
				// A top-level message that is an error's status line
				// (Blockscout's "message": "429 Too Many Requests" beside
				// "status": "0") says the answer failed, and its status.
				x.bodyStatus, x.bodyStatusKey = n, key
				f.failed = true
			}
		}
		if p, ok := cutOAuthProblem(v.raw); ok {
			// Magento's {"code": 401, "message": "oauth_problem=token_rejected"}:
			// an OAuth 1.0 problem report passed on as the message.
			f.addCand(candidate{code: text{raw: oauthProblemValue(p)}, key: "oauth_problem", rank: rankCode})
			f.errDesc = true
			return
		}
		if namesErrorMessage(key) && !isSuccessWord(v.raw) {
			// "errmsg", and the Spanish and Portuguese "descripcionError"
			// and "mensagemErro"; but WeChat's "errmsg": "ok" is a success.
			f.errDesc, f.errKey = true, true
		}
		f.addDesc(v, rank)
		if !f.quiet {
			// A warning's message (Tomorrow.io's "warnings": [{"message":
			// "The following field is not supported ..."}]) is no message
			// of the answer.
			x.noteDesc(v, rank)
		}
	case roleType:
		if rank == 0 && (v.raw == "N" || v.raw == "n") {
			// An error type of N says there is none (Bambora's
			// errorType=N beside trnApproved=1; S and U name the system's
			// and the user's errors).
			return
		}
		if rank < f.trank {
			f.etype, f.trank = v, rank
		}
		if rank == 0 && !isSuccessWord(v.raw) {
			f.errDesc = true // Decidir's {"error_type": "not_found_error"}
			// Fitbit names its errors by errorType alone ("insufficient_scope",
			// "expired_token"): the type is a code too, the least specific.
			f.addCand(candidate{code: v, key: key, rank: rankType})
		}
	case roleState:
		if depth == 1 && x.topStatus.raw == "" {
			x.topStatus = v
		}
		if depth == 1 && x.stateCode(v.raw) {
			f.addCand(candidate{code: v, key: key, rank: rankStatus})
		}
	case roleRetryDelay:
		if d, ok := parseProtoDuration(v.raw); ok && !x.hasRetryAfter {
			x.retryAfter, x.hasRetryAfter, x.retrySource, x.retryRaw = d, true, "body.retryDelay", v.raw
		}
	}
}

// plainString reads a string member under a key of no role (classifyKey
// gives none to any key read here): a GraphQL type, an id, a JSON-RPC
// envelope's members, a top-level value or note that names an error. It
// reports whether the value is spent. stringValue calls it for those keys
// alone, which spares a key that names a code or message (most of an error
// body's) a dozen comparisons that cannot hold for it.
func (x *extraction) plainString(f *objectFrame, key string, v text, depth int) bool {
	if key == "__typename" {
		if isRejectionType(v.raw) {
			// {"__typename": "ConsentNotFoundRejection", "message": "..."}
			f.addCand(candidate{code: v, key: key, rank: rankCode})
			f.errDesc = true
			return true
		}
		if !x.inError(depth) {
			// A GraphQL object of any other type is data, its "code" and
			// "message" its own (Swan's ibanValidation answering
			// {"__typename": "InvalidIban", "code": "InvalidLength"}).
			x.markResource(f, depth)
		}
		return true
	}
	if key == "kind" && isRejectionType(v.raw) {
		// D-ID's {"kind": "BadRequestError", "description": ...}: a kind
		// that is an error's class names the error; other kinds
		// (Kubernetes' "Status", Google's "youtube#video") are data's.
		f.addCand(candidate{code: v, key: key, rank: rankType})
		f.errDesc = true
		return true
	}
	namedID := key == "id" && isNamedID(v.raw)
	if namedID && isWordID(v.raw) {
		// An id that is a name may name the error (DigitalOcean's
		// {"id": "Unauthorized", "message": ...}): emit decides, once it
		// knows whether a message sits beside it.
		f.namedID = true
	} else if isIDKey(key) && !isErrorID(v.raw) || key == "sid" && isTwilioSID(v.raw) || key == "token" && isPrefixedUUID(v.raw) || depth == 1 && isCreatedKey(key) {
		x.markResource(f, depth)
		f.record = f.record || key == "sid" || depth == 1 && isCreatedKey(key)
		x.topID = x.topID || depth == 1 && isIDKey(key)
	}
	if depth == 1 && (key == "jsonrpc" || key == "version" && v.raw == "1.1" || key == "method" && strings.IndexByte(v.raw, '/') > 0) || depth == 2 && key == "jsonrpc" {
		// JSON-RPC's "id" numbers the call, as does the id beside an RPC
		// method's name (Crypto.com's "method": "private/create-withdrawal"):
		// the envelope is no resource, and its "error" is the answer's;
		// so is each answer's of a batch (geth's [{"jsonrpc": "2.0", "id":
		// null, "error": ...}]).
		x.markRPC(f, depth)
	}
	if depth == 1 && len(v.raw) > 8 && strings.HasPrefix(v.raw, "ERROR_") && looksLikeCode(v.raw) {
		// 2Captcha's {"status": 0, "request": "ERROR_ZERO_BALANCE"}: a
		// top-level value that is an error's code names the error, under
		// whatever key.
		f.addCand(candidate{code: v, key: key, rank: rankCode})
		f.errDesc = true
	}
	if depth == 1 && key == "documentation_url" {
		// GitHub's error envelope: a message and the page that documents
		// the error ({"message": "API rate limit exceeded for ...",
		// "documentation_url": ...}), an error under any status.
		f.errDesc = true
	}
	if depth == 1 && opensWithError(v.raw) {
		// A top-level note that opens by saying error is the answer's
		// message, under whatever key: Overpass's "remark": "runtime
		// error: Query timed out ..." beside an empty "elements".
		f.addDesc(v, 2)
		f.errDesc = true
		x.noteDesc(v, 2)
	}
	if namedID {
		// Heroku's {"id": "two_factor"}, Contentful's sys.id
		// "AccessTokenInvalid": an id that names the error.
		f.addCand(candidate{code: v, key: key, rank: rankID})
	}
	return false
}

// emit turns a finished object into a signal when it carries a code, or
// when it is an error object (the value of "error", an element of "errors")
// that explains itself only in words.
func (x *extraction) emit(f *objectFrame, h holder, inArray, container bool, depth int) {
	if f.details && f.desc.raw != "" {
		grpcStatusCode(f)
	}
	if f.echo && f.errDesc && f.desc.raw != "" {
		f.resource = false
		if depth < 64 {
			x.resources &^= 1 << depth
		}
	}
	if depth == 1 && f.owns && f.state && !f.namedErr && !f.resource && f.desc.raw == "" {
		f.resource = true
	}
	if f.namedID && !f.resource && f.desc.raw == "" {
		// A named id with no message beside it names a record.
		f.resource = true
	}
	structural := container // the value of "error", an element of "errors"
	if f.quiet && !structural {
		// An object that says it is no error, a warning with its code
		// and message included (Tomorrow.io's "warnings": [{"code":
		// 246001, ...}]), says nothing failed.
		return
	}
	container = container || f.errDesc && !f.okCode
	if f.resource && !f.state && !f.okCode && !f.record && (f.n > 0 && !f.cands[0].numeric && (f.cands[0].rank <= rankCode || f.cands[0].rank == rankPlain && f.desc.raw != "" && namesErrorStatus(f.cands[0].code.raw)) || f.n == 0 && (f.errKey || f.errList)) {
		// An error code beside an id, in an object that states no state of
		// its own (Liquid Web's {"error_class": ..., "id": 11}), is an
		// error answer that carries an id, not a failed resource; so is a
		// plain "code" that names an error status, with its message
		// (PrintNode's {"code": "BadRequest", "message": ..., "uid": ...}).
		f.resource = false
		if f.errList {
			// Its error list, read while the id made it a record, is
			// the answer's (Jurnal's {"id": 1462189,
			// "error_full_messages": [...]} for a duplicate number).
			for k := f.first; k < x.n; k++ {
				if x.sigs[k].container {
					x.sigs[k].resource = false
				}
			}
		}
	}
	if f.oddCode && !f.resource {
		x.oddCode = true
	}
	if f.namedStatus && !f.resource {
		x.namedStatus = true
	}
	if depth == 1 && f.resource {
		x.topResource, x.topState, x.topDeclined = true, f.state, f.statusFailed || f.declines()
	}
	inResource := x.inResource(depth)
	// A title among many fields of a top object with no code is a
	// record's (CanLII's case: "title": "Dunsmuir v. New Brunswick"
	// beside its ids, citation and keywords), not an error's.
	recordTitle := depth == 1 && f.n == 0 && f.drank >= 3 && f.plain >= 4
	if f.desc.raw != "" && !f.resource && !inResource && !recordTitle && !(inArray && (depth > 3 || depth > 2 && !container && !f.namesFailure() && !h.message)) {
		// A message outside every resource, and not in a record of a list
		// deep in the data (a tracking event's "Description") or of a
		// top-level list of records (Juspay's eligibility record's),
		// unless the record says it failed (Expo's push ticket: "status":
		// "error" beside its "message") or the list is the answer's
		// errors or message (FastAPI's "detail": [{"msg": "field
		// required", ...}]).
		x.looseDesc = true
	}
	if f.failed && !f.resource && (f.desc.raw != "" || f.n > 0) {
		x.failure = true
	}
	if f.flagFailed && !(f.resource && (f.state || f.flagState)) && !f.noError {
		// A payment fetched by its id that states its own status
		// ("status": "Declined", "approved": false) is the payment's state.
		x.failure = true
	}
	if container && f.n == 0 && (f.successCode || isSuccessWord(f.desc.raw)) {
		// An error object whose message or code says OK (Finvu's
		// heartbeat: "Error": {"code": 0, "msg": "OK"}); an object that
		// says it is no error returned above.
		return
	}
	if f.n == 0 && !(container && (f.desc.raw != "" || f.etype.raw != "")) {
		return
	}
	x.add(&signal{
		depth:    int8(min(depth, 127)),
		resource: f.resource && !structural || inResource, // an error object's own id does not make it a resource
		inItem:   depth > 1 && depth < 64 && x.items&(1<<depth-1) != 0 || f.indexed,
		// An error that names its item's place in the request's batch
		// (Firebase's importUsers: "error": [{"index": 0, ...}]) is that
		// item's, with or without a status.
		partial:   f.indexed && container,
		topList:   x.topList,
		source:    srcBody,
		parent:    h.key,
		inArray:   inArray,
		cands:     f.cands,
		ncands:    f.n,
		desc:      f.desc,
		desc2:     f.desc2,
		etype:     f.etype,
		container: container,
	})
}

// declines reports whether one of the object's status codes says it was
// refused ("status": "rejected", "declined").
func (f *objectFrame) declines() bool {
	for i := 0; i < f.n; i++ {
		if f.cands[i].rank == rankStatus && isDeclineWord(f.cands[i].code.raw) {
			return true
		}
	}
	return false
}

// endsInErrorMessage reports a key that ends by naming an error's message
// ("systemErrorMessage", "gateway_error_description").
func endsInErrorMessage(k string) bool {
	if len(k) < 9 {
		return false
	}
	switch k[len(k)-1] | 0x20 {
	case 'e', 'g', 'n', 't': // message, msg, description, text
	default:
		return false
	}
	var buf [24]byte
	return hasAnySuffix(foldKey(&buf, k), "errormessage", "errormsg", "errordescription", "errortext")
}

// isMessageKey reports a key whose value is the answer's message, or its
// parts ("detail", "message").
func isMessageKey(k string) bool {
	role, _ := classifyKey(k)
	return role == roleDesc
}

// namesFailure reports whether the object's status or one of its codes is
// a failure word ("status": "error", "code": "ERROR").
func (f *objectFrame) namesFailure() bool {
	return f.statusFailed || anyFailureWord(f.cands[:f.n])
}

// skipWS returns the index of the first byte at or after i that is no JSON
// whitespace. Most bodies are compact: every byte above a space is no
// whitespace, which one comparison tells before the switch.
func skipWS(s string, i int) int {
	for i < len(s) {
		if s[i] > ' ' {
			return i
		}
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanString scans the JSON string starting at the quote at i. The text it
// returns is the raw content between the quotes. Only a quote ends a string
// and only a backslash escapes: raw control bytes, which JSON forbids but
// servers send (Kavenegar's tabs, a JSON-RPC answer's line breaks), pass as
// they are. Both bytes are found eight at a time in the first words, and
// then with strings.IndexByte, which reads many bytes at a time.
func scanString(s string, i int) (int, text, bool) {
	// Keys and codes end within a few bytes, where reading eight at a time
	// costs less than setting up IndexByte: a word in which no byte is a
	// quote or a backslash is skipped whole, and the first that holds one
	// says where. A longer string, or one with an escape, takes the loop
	// below, which starts where this one stopped: the bytes before j hold
	// no quote and no backslash.
	j := i + 1
	for end := min(len(s), j+32); j+8 <= end; j += 8 {
		if m := quoteOrBackslash(load8(s, j)); m != 0 {
			j += bits.TrailingZeros64(m) / 8
			if s[j] == '"' {
				return j + 1, text{raw: s[i+1 : j]}, true
			}
			break
		}
	}
	esc := false
	q := -1 // the next quote at or after j, once found
	for j < len(s) {
		if q < j {
			k := strings.IndexByte(s[j:], '"')
			if k < 0 {
				break
			}
			q = j + k
		}
		b := strings.IndexByte(s[j:q], '\\')
		if b < 0 {
			return q + 1, text{raw: s[i+1 : q], esc: esc}, true
		}
		esc = true
		j += b + 2 // the backslash and the byte it escapes; q stays found
	}
	return len(s), text{}, false
}

// load8 reads the eight bytes of s at j as one little-endian word, which the
// compiler turns into a single load.
func load8(s string, j int) uint64 {
	s = s[j : j+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// quoteOrBackslash returns a word that is zero when no byte of w is a quote
// or a backslash, and otherwise whose lowest set bit is the high bit of the
// first byte that is one. It is the classic test for a zero byte,
// (v - 0x01...) &^ v & 0x80..., applied to w with each sought byte turned to
// zero; above the first zero the borrow may mark other bytes too, so only
// the lowest bit set is exact, and scanString reads no other.
func quoteOrBackslash(w uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := w ^ ones*'"'
	b := w ^ ones*'\\'
	return ((q-ones)&^q | (b-ones)&^b) & highs
}

func scanNumber(s string, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case '0' <= c && c <= '9', c == '-', c == '+', c == '.', c == 'e', c == 'E':
			i++
		default:
			return i
		}
	}
	return i
}

func literal(s string, i int, lit string) (int, bool) {
	if len(s)-i >= len(lit) && s[i:i+len(lit)] == lit {
		return i + len(lit), true
	}
	return i, false
}

func firstNonSpace(s string) byte {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		case '\\':
			// An escaped newline or tab before the payload.
			if i+1 < len(s) && (s[i+1] == 'n' || s[i+1] == 't' || s[i+1] == 'r') {
				i++
				continue
			}
			return s[i]
		default:
			return s[i]
		}
	}
	return 0
}

// isOddCode reports a code or status that is a number other than 0 or a
// 2xx HTTP defines ("status": 4, "code": "1", Name.com's "code": 251): at
// the top or one level down outside a resource, beside a message that
// reads as an error, the answer is one under any status (TextMe's
// {"status": 4, "message": "Not enough credit"}). The key, the dearer test,
// is looked at only when the number is odd.
func isOddCode(role keyRole, key, num string) bool {
	return num != "0" && num != "" && num[0] != '-' && !isSuccessStatus(num) &&
		(role == roleCode || isStatusKey(key))
}

// stateCode reports whether v, a state or a one-word result, is read as a
// code: in capitals and longer than a US state's abbreviation, under a 2xx
// or no status, where only the named provider's entries can make it an
// error.
func (x *extraction) stateCode(v string) bool {
	return (x.status == 0 || x.status >= 200 && x.status < 300) && len(v) > 3 && isUpperCode(v)
}

// mayNoteOddCode reports whether a code at depth can still make oddCode:
// none was seen yet, and the code is at the top or one level down outside
// a resource.
func (x *extraction) mayNoteOddCode(depth int) bool {
	return !x.oddCode && (depth == 1 || depth == 2 && !x.inResource(depth))
}

func startsWithLetter(v string) bool {
	return v != "" && isLetter(v[0])
}

// isUpperCode reports whether v is written in capitals, digits and
// underscores alone ("USER_CANCELLED").
func isUpperCode(v string) bool { return isCaseCode(v, 'A', 'Z') }

// opensWithFailure reports whether a snake_case code's first word is a
// failure word ("error_authorization", "erro_autorizacao").
func opensWithFailure(v string) bool {
	i := strings.IndexByte(v, '_')
	return i > 0 && i < len(v)-1 && oneOfFold(v[:i], "error", "erro", "failed", "failure", "fail")
}

// opensWithErrorWord reports whether a code's first word, before a '.',
// '_', '-' or '/', is "error" or "err" ("ERROR.DYNAMIC_QR_WITHOUT_AMOUNT",
// "ERR_BAD_REQUEST", Scalyr's status "error/client/badParam").
func opensWithErrorWord(v string) bool {
	if len(v) < 5 || v[0]|0x20 != 'e' {
		return false
	}
	i := strings.IndexAny(v, "._-/")
	return (i == 3 || i == 5) && i < len(v)-1 && isLetter(v[i+1]) && oneOfFold(v[:i], "error", "err")
}

// isErrorTypeName reports the name of an error type: one capitalized word
// of letters and digits that ends in "Error" or "Exception"
// ("ValidationError", "NotFoundException"), or a snake-case one that ends
// in "_error" (Stripe's "invalid_request_error", which OnceHub copies).
func isErrorTypeName(v string) bool {
	n := len(v)
	if n > len("_error") && n <= 64 && strings.HasSuffix(v, "_error") && isLowerCode(v) {
		return true
	}
	if n < 8 || n > 64 || v[0] < 'A' || v[0] > 'Z' || !(strings.HasSuffix(v, "Error") || strings.HasSuffix(v, "Exception") && n > len("Exception")) {
		return false
	}
	for i := 0; i < n; i++ {
		if c := v[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// isLowerCode reports the same of lower case ("need_2fa").
func isLowerCode(v string) bool { return isCaseCode(v, 'a', 'z') }

// isCaseCode reports whether v is letters between lo and hi, digits and
// underscores alone.
func isCaseCode(v string, lo, hi byte) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; !(lo <= c && c <= hi || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return v != ""
}

// isNameKey reports a "name": PayPal's error name, a record's name
// otherwise, and never a top status.
func isNameKey(key string) bool { return len(key) == 4 && strings.EqualFold(key, "name") }

// isSuccessStatus reports whether a three-digit number is one of the 2xx
// statuses bodies state of themselves: 200, 201, 202 and 204. Other numbers
// in the range are a vendor's codes, not successes (Name.com's "code": 251
// is an authentication error, Kushki's "code": "205" beside "Tipo de moneda
// no válida" an invalid currency).
func isSuccessStatus(num string) bool {
	return num == "200" || num == "201" || num == "202" || num == "204"
}

// noteBodyStatus keeps the first HTTP error status an error body states of
// itself ("status_code": 429 in Monday's answers under 200, "code": 401 in
// Google's), for when the response's own status is missing or a success; a
// 2xx it states makes a success. Only statuses near the top count.
//
// It is called for every value, so it inlines the test most values fail.
func (x *extraction) noteBodyStatus(key, v string, depth int) {
	// An item's status deep in the data is not the answer's; the status an
	// error's own extensions state is (GraphQL's "errors": [{"extensions":
	// {"status_code": 403}}], monday.com's under 200).
	if len(v) == 3 && (depth <= 3 || depth == 4 && x.inError(depth)) {
		x.noteStatusValue(key, v, depth)
	}
}

func (x *extraction) noteStatusValue(key, v string, depth int) {
	if x.items&(1<<depth) != 0 {
		return // a record's in a list (a Microsoft Graph $batch's responses[].status)
	}
	if depth > 1 && x.inResource(depth) {
		// The status of an error a fetched record holds (Ory Kratos's
		// {"id": ..., "error": {"code": 500, ...}, "created_at": ...})
		// is the record's, not the answer's.
		return
	}
	if isSuccessStatus(v) && isSuccessCodeKey(key) {
		x.okCode = true // Kavenegar's {"return": {"status": 200, ...}}
		return
	}
	if x.bodyStatus != 0 || len(v) != 3 || v[0] < '4' || v[0] > '5' || !isNumeric(v) || !isStatusKey(key) {
		return
	}
	if depth == 1 && x.topID && oneOfFold(x.topStatus.raw, "finished", "completed", "done") {
		// A fetched record that says it finished states its own status
		// code: Visma.net's background task {"id": ..., "status":
		// "Finished", "statusCode": 400, ...} says how the call it ran
		// ended, not this answer.
		return
	}
	n := atoi3(v)
	if n > 504 && n != 507 && n != 511 || http.StatusText(n) == "" {
		// A number no HTTP answer is sent under (Concur's error Code
		// "506", a vendor's "420") is the vendor's code, not a status.
		return
	}
	x.bodyStatus = n
	x.bodyStatusKey = key
}

// isStatusEcho reports whether a code is only an HTTP status, alone or with
// its reason phrase ("403", "400 BadRequest"): the response's own status
// when it is known, else an error status or a success one, which the body
// states of itself (noteBodyStatus keeps them). A "100" under a 400 is a
// provider's code, not an echo, and so is one under no status (YMLP's
// {"Code": "100", "Output": "Invalid or missing API key"}): no response
// states a 1xx or 3xx of itself.
func isStatusEcho(s string, status int) bool {
	if len(s) < 3 || s[0] < '1' || s[0] > '5' || !isNumeric(s[:3]) || (len(s) > 3 && s[3] != ' ') {
		return false
	}
	if status == 0 {
		return s[0] >= '4' || isSuccessStatus(s[:3])
	}
	return s[:3] == itoa3(status)
}

// grpcStatusCode adds the name of a google.rpc.Status's numeric code
// ({"code": 12, "message": ..., "details": []} is UNIMPLEMENTED) as a code
// of the object, after its others.
func grpcStatusCode(f *objectFrame) {
	for i := 0; i < f.n; i++ {
		c := &f.cands[i]
		if !c.numeric || c.key != "code" {
			continue
		}
		if n, err := strconv.Atoi(c.code.raw); err == nil && n > 0 && n < len(grpcCodeNames) {
			f.addCand(candidate{code: text{raw: grpcCodeNames[n]}, key: "code", rank: rankStatus})
		}
		return
	}
}

// isSignedNumeric reports a run of digits with an optional leading minus
// ("-1", "-2043").
func isSignedNumeric(s string) bool {
	if len(s) > 1 && s[0] == '-' {
		s = s[1:]
	}
	return isNumeric(s)
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// lastSegment returns what names the problem in an RFC 9457 type URI: its
// fragment when it has one ("https://docs.example/errors#rate-limited"),
// else its last path segment, without query.
func lastSegment(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		if frag := u[i+1:]; frag != "" && !strings.ContainsAny(frag, "/?") {
			return frag
		}
		u = u[:i]
	}
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	for len(u) > 0 && u[len(u)-1] == '/' {
		u = u[:len(u)-1]
	}
	for i := len(u) - 1; i >= 0; i-- {
		if u[i] == '/' || u[i] == ':' {
			return u[i+1:]
		}
	}
	return u
}

// atoi3 reads three digits, which its caller has checked.
func atoi3(s string) int {
	return int(s[0]-'0')*100 + int(s[1]-'0')*10 + int(s[2]-'0')
}

// itoa3 formats an HTTP status without allocating for the common range.
func itoa3(n int) string {
	if n < 100 || n > 999 {
		return ""
	}
	return statusText[n-100]
}

var statusText = func() [900]string {
	var t [900]string
	for i := range t {
		n := i + 100
		t[i] = string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)})
	}
	return t
}()

// isOwnIDKey reports whether k names the id of the object held under
// parent: "campaign_id" or "campaignId" in "campaign", "mailPieceId" in a
// lone "mailPieces".
func isOwnIDKey(parent, k string, inArray bool) bool {
	n := len(parent)
	if !inArray && n > 1 && parent[n-1] == 's' && len(k) == n+1 && k[n-1:] == "Id" && k[:n-1] == parent[:n-1] {
		// Royal Mail's "mailPieces": {"mailPieceId": ...}: one object named
		// in the plural for its kind. In a list so named ("groups":
		// [{"groupId": ...}], DocuSign's) each element is one of the
		// records the call wrote, and its error may be the call's.
		return true
	}
	return n > 0 && (len(k) == n+3 && k[n:] == "_id" || len(k) == n+2 && k[n:] == "Id") && k[:n] == parent
}

// isErrorID reports an id whose prefix names its object an error, as
// prefixed ids name their kind ("ch_" a charge): Fiskil's {"id":
// "err_acde070d-...", "name": "InvalidRequest", "message": ...} identifies
// the error, no record.
func isErrorID(v string) bool {
	return len(v) > 4 && (hasPrefixFold(v, "err_") || hasPrefixFold(v, "err-") || hasPrefixFold(v, "error_") || hasPrefixFold(v, "error-"))
}

// isIDKey reports whether a key identifies a resource: "id", "uid", "uuid",
// "_id".
func isIDKey(k string) bool {
	if len(k) <= 4 {
		return k == "id" || k == "uid" || k == "uuid" || k == "_id" || k == "sku"
	}
	// Twitter's string twin of a numeric id ("id_str", "media_id_string").
	switch k[len(k)-1] {
	case 'r':
		return strings.HasSuffix(k, "id_str")
	case 'g':
		return strings.HasSuffix(k, "_id_string")
	}
	return false
}

// Top-level keys that make a success envelope, or rule one out.
const (
	envData   uint8 = 1 << iota // "data" holding an object or a list
	envLinks                    // "links"
	envErrors                   // a key of the answer's own code, message or flag
)

// envelopeKey notes what a top-level key of no role says of the document:
// the value at i is the key's.
func envelopeKey(key, src string, i int) uint8 {
	switch {
	case len(key) == 4 && strings.EqualFold(key, "data"):
		if src[i] == '{' || src[i] == '[' {
			return envData
		}
	case len(key) == 5 && strings.EqualFold(key, "links"):
		return envLinks
	}
	return 0
}

// cutOAuthProblem cuts "oauth_problem=" from the front of a message; its
// first byte turns most messages away at once.
func cutOAuthProblem(v string) (string, bool) {
	if v == "" || v[0] != 'o' {
		return "", false
	}
	return strings.CutPrefix(v, "oauth_problem=")
}

// isCreatedKey reports the key of a record's creation time ("created_at",
// "createdAt", "date_created"): an answer that says at its top when it was
// made is a record of the data (Discord's job status with its own
// "error_message"), as one with an id is. An error answer's own time is its
// "timestamp", or sits inside its error object (DNSPod's "status").
func isCreatedKey(k string) bool {
	if len(k) < 7 || k[0] != 'c' && k[0] != 'd' {
		return false
	}
	switch k {
	case "created_at", "createdAt", "created_date", "createdDate", "date_created", "dateCreated", "creation_date", "creationDate", "created_time", "createdTime", "createTime":
		return true
	}
	return false
}

// isPrefixedUUID reports a resource token that names its kind before a UUID
// (Hyperwallet's "token": "usr-62f24150-5756-4234-9154-90ee4eed328b"): the
// object it names is a resource, not an OAuth answer's bearer token.
func isPrefixedUUID(v string) bool {
	i := strings.IndexByte(v, '-')
	if i < 2 || i > 5 || len(v)-i-1 != 36 {
		return false
	}
	for j := 0; j < i; j++ {
		if v[j] < 'a' || v[j] > 'z' {
			return false
		}
	}
	for j, c := range v[i+1:] {
		switch j {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}

// isTwilioSID reports a Twilio resource's sid: two capitals and 32 hex
// digits ("SMb7c0a2ce80504485a6f653a7110836f5"); a session's "sid" is no
// resource's id.
func isTwilioSID(v string) bool {
	if len(v) != 34 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' {
		return false
	}
	for i := 2; i < len(v); i++ {
		if c := v[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// statusMark is the status the body stated of itself, and under which key,
// at some point of the scan: given back when the errors read since turn out
// to be a record's, whose status is its own.
type statusMark struct {
	status int
	key    string
}

func (x *extraction) markStatus() statusMark { return statusMark{x.bodyStatus, x.bodyStatusKey} }

func (x *extraction) restoreStatus(m statusMark) { x.bodyStatus, x.bodyStatusKey = m.status, m.key }

// topMembers watches the members of the top object for two shapes.
// Field errors: every member a list of strings, the Django REST
// framework's and Rails' {"name": ["This field is required."]}, whose first
// message match may read. Numbered records: every member an object under a
// number (PHP's arrays with keys of their own: 500px's batch answer {"1":
// {"result": "added"}, "3": {"error": "Not found", ...}}), of which only
// some failing is a partial success, as in a list of records.
type topMembers struct {
	fieldLists, numbered bool
	fieldMsg             text
	// keys counts the members, failing those that carry an error; n and
	// list are the signals before the current member and whether it is a
	// list.
	keys, failing, n int
	list             bool
	// What the answer's state was before the members, restored when the
	// errors turn out to be the records'.
	oddCode bool
	status  statusMark
}

func (t *topMembers) start(x *extraction) {
	t.fieldLists, t.numbered = true, true
	t.oddCode, t.status = x.oddCode, x.markStatus()
}

// member notes the member whose value is at i.
func (t *topMembers) member(x *extraction, i int, key string) {
	t.keys++
	t.n, t.list = x.n, x.src[i] == '['
	if t.fieldLists {
		t.fieldLists = t.list && x.fieldList(i, &t.fieldMsg)
	}
	t.numbered = t.numbered && x.src[i] == '{' && isNumeric(key)
}

// failed reports, after the member's value, whether it was a list of the
// answer's errors that yielded some ("errors", "error_full_messages"):
// container says whether its key names an error container.
func (t *topMembers) failed(x *extraction, container bool) bool {
	if x.n == t.n {
		return false
	}
	t.failing++
	return t.list && container
}

// end settles the top object, whose signals start at first.
func (t *topMembers) end(x *extraction, first int) {
	if t.fieldLists && strings.IndexByte(t.fieldMsg.raw, ' ') > 0 {
		x.fieldMsg = t.fieldMsg
	}
	if t.numbered && t.failing > 0 && t.failing < t.keys {
		// Some numbered members failed and others did not: the errors
		// are theirs, and so is the status one of them states.
		for k := first; k < x.n; k++ {
			x.sigs[k].inItem, x.sigs[k].partial = true, true
		}
		x.oddCode = t.oddCode
		x.restoreStatus(t.status)
	}
}

// fieldList reports whether the list at i opens with a string, and keeps
// the first such string of the object in msg.
func (x *extraction) fieldList(i int, msg *text) bool {
	j := skipWS(x.src, i+1)
	if j >= len(x.src) || x.src[j] != '"' {
		return false
	}
	if msg.raw == "" {
		_, *msg, _ = scanString(x.src, j)
	}
	return true
}

// markResource notes that the object being scanned at depth is a resource,
// so that the error objects inside it (a failed task's "error") describe
// it. Objects deeper than the mask are not tracked.
func (x *extraction) markResource(f *objectFrame, depth int) {
	if f.rpc {
		return // an "id" after "jsonrpc" numbers the call
	}
	f.resource = true
	if depth > 0 && depth < 64 {
		x.resources |= 1 << depth
	}
}

// markRPC records a JSON-RPC envelope at depth: its "id" numbers the call,
// so the object is no resource and its "error" is the answer's.
func (x *extraction) markRPC(f *objectFrame, depth int) {
	f.resource, f.rpc = false, true
	x.resources &^= 1 << depth
}

// unmark clears what an object marked at its depth when it ends: that it
// is a resource, an error, an element of a data list.
func (x *extraction) unmark(depth int) {
	if depth > 0 && depth < 64 {
		x.resources &^= 1 << depth
		x.errs &^= 1 << depth
		x.items &^= 1 << depth
		x.quiets &^= 1 << depth
	}
}

// isErrorObject reports whether the object at depth is itself an error
// object (the value of "error", an element of "errors").
func (x *extraction) isErrorObject(depth int) bool {
	return depth > 0 && depth < 64 && x.errs&(1<<depth) != 0
}

// inError reports whether the object at depth lies inside an error object.
func (x *extraction) inError(depth int) bool {
	if depth < 1 || depth > 64 {
		return false
	}
	return x.errs&(1<<depth-1) != 0
}

// inResource reports whether the object at depth lies inside a resource,
// the direct parent or the grandparent (an "error" object, or an element of
// an "errors" array, of a resource).
func (x *extraction) inResource(depth int) bool {
	if depth < 2 || depth > 64 {
		return false
	}
	return x.resources&(3<<(depth-2)) != 0
}

// isArgsKey reports a key whose list holds the values an error's message
// was built from (Dell PowerStore's "arguments" beside "message_l10n"),
// not errors.
func isArgsKey(k string) bool {
	var buf [24]byte
	switch string(foldKey(&buf, k)) {
	case "arguments", "args", "params", "parameters", "messagevars", "vars", "variables":
		return true
	}
	return false
}

// isVerdictKey reports a top-level flag that gives a check's verdict.
func isVerdictKey(k string) bool {
	switch k {
	case "valid", "Valid", "is_valid", "isValid", "IsValid", "can_connect":
		return true
	}
	return false
}

// ownsData reports whether a top-level object under key k is the answer's
// own data rather than an error, its envelope or its metadata.
func ownsData(k string) bool {
	if isErrorContainer(k) {
		return false
	}
	var buf [24]byte
	switch string(foldKey(&buf, k)) {
	case "data", "meta", "metadata", "details", "detail", "links", "extensions", "result", "results",
		"response", "request", "query", "params", "parameters", "header", "headers", "body", "payload", "context":
		return false
	}
	return true
}

// opensWithError reports a text that opens by saying it is an error:
// "error: ...", "runtime error: ...", "fatal error: ...", in any case.
func opensWithError(v string) bool {
	if len(v) < 6 {
		return false
	}
	switch v[0] | 0x20 {
	case 'e', 'r', 'f': // the first letters of the openings below
	default:
		return false
	}
	for _, p := range [...]string{"error:", "runtime error:", "fatal error:"} {
		if hasPrefixFold(v, p) {
			return true
		}
	}
	return false
}

// isDollarMeta reports whether a '$' key is Json.NET's or JSON Schema's
// bookkeeping ("$id":"1" numbers an object for references), not a
// member named with a '$'.
func isDollarMeta(key string) bool {
	switch key {
	case "$id", "$ref", "$type", "$values", "$schema":
		return true
	}
	return false
}

// namesErrorMessage reports whether a message's key says the message is an
// error's: "errmsg", "ErrorMessage", and the Spanish and Portuguese
// "descripcionError" and "mensagemErro", and an exception's:
// Salesforce Aura's "exceptionMessage".
func namesErrorMessage(key string) bool {
	if len(key) <= 3 {
		return false
	}
	if key[0]|0x20 == 'e' && (key[1]|0x20 == 'r' && key[2]|0x20 == 'r' || len(key) > len("exception") && hasPrefixFold(key, "exception")) {
		return true
	}
	// The last byte says which suffix the key may end in: most message
	// keys ("message", "detail") end in neither.
	switch key[len(key)-1] | 0x20 {
	case 'r':
		return hasSuffixFold(key, "error")
	case 'o':
		return hasSuffixFold(key, "erro")
	}
	return false
}

// namesError reports whether a status is a code that names an error in
// snake or kebab case ("TENANT_NOT_FOUND_ERROR", "parameter-error"), or
// says that what was asked for was not found ("DATA_NOT_FOUND", InTouch's
// "NOTFOUND").
func namesError(v string) bool {
	if hasSuffixFold(v, "_error") || hasSuffixFold(v, "_not_found") {
		return looksLikeCode(v)
	}
	if strings.EqualFold(v, "notfound") {
		return true
	}
	return len(v) > len("-error") && hasSuffixFold(v, "-error") && !strings.ContainsRune(v, ' ')
}

// namesErrorStatus reports whether code is the reason phrase of a 4xx or
// 5xx status in any casing ("BadRequest", "NOT_FOUND"): its letters, in
// lower case, are those of one of errorReasons.
func namesErrorStatus(code string) bool {
	if len(code) < 5 || len(code) > 40 {
		return false
	}
	var buf [40]byte
	return errorReasons[string(appendLowerLetters(buf[:0], code))]
}

// errorReasons holds the letters of every 4xx and 5xx reason phrase, in
// lower case ("notfound"), so that a top-level status is checked with one
// lookup rather than against each phrase in turn.
var errorReasons = func() map[string]bool {
	m := map[string]bool{}
	for st := 400; st < 600; st++ {
		if t := http.StatusText(st); t != "" {
			m[string(appendLowerLetters(nil, t))] = true
		}
	}
	return m
}()

// appendLowerLetters appends the ASCII letters of s to dst, in lower case.
func appendLowerLetters(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; isLetter(c) {
			dst = append(dst, c|0x20)
		}
	}
	return dst
}

// statusLine returns the 4xx or 5xx status that opens v when its reason
// phrase follows ("429 Too Many Requests", "404 Not Found: ..."), else 0.
func statusLine(v string) int {
	if _, ok := numberedStatus(v); !ok || len(v) < 7 {
		return 0
	}
	n := atoi3(v[:3])
	t := http.StatusText(n)
	if t == "" || !hasPrefixFold(v[4:], t) || len(v) > 4+len(t) && isLetter(v[4+len(t)]) {
		return 0
	}
	return n
}
