package engine

// Reading bodies, and redirects: the body in the first format it fits, and
// the formats other than JSON: form-encoded parameters, plain text, XML and
// SOAP.

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// extractQuery reads error, error_description and error_code from a URL, a
// bare query or a fragment; parameters may be in the query, the fragment or
// both.
func extractQuery(x *extraction, u string, src source) {
	if doc, ok := samlDocument(u, DefaultLimits.MaxBodyBytes); ok {
		// A SAML message in the query: the HTTP-Redirect binding.
		n := x.n
		extractXML(x, doc)
		for i := n; i < x.n; i++ {
			x.sigs[i].source = src
		}
		return
	}
	i := strings.IndexAny(u, "?#")
	if i < 0 {
		if strings.Contains(u, "=") {
			extractParams(x, u, src)
		}
		return
	}
	rest := u[i+1:]
	if j := strings.IndexByte(rest, '#'); j >= 0 {
		n := x.n
		extractParams(x, rest[:j], src)
		if x.n > n {
			return
		}
		rest = rest[j+1:]
	}
	extractParams(x, rest, src)
}

// extractParams reads the error parameters of a form-encoded string.
func extractParams(x *extraction, q string, src source) {
	var code, desc, sub, num text
	var codeKey, numKey string
	params := false // a key=value pair was read
	for len(q) > 0 {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		k, v, isPair := strings.Cut(pair, "=")
		params = params || isPair && k != ""
		// A URL a document shows over several lines ("?\n  error=...&\n
		// state=...") keeps its breaks around the parameters.
		if k != "" && (k[0] <= ' ' || k[len(k)-1] <= ' ') {
			k = strings.TrimSpace(k)
		}
		if v != "" && (v[0] <= ' ' || v[len(v)-1] <= ' ') {
			v = strings.TrimSpace(v)
		}
		val := text{raw: v, esc: strings.ContainsAny(v, "%+"), url: true}
		switch k {
		case "error", "error_code", "errorCode", "error_type", "oauth_problem", "oauthErrorCode":
			switch {
			case code.raw == "" && v != "":
				code, codeKey = val, k
			case k == "error_code" && codeKey == "error" && !isNumeric(v):
				// Supabase Auth's error=invalid_request&error_code=otp_expired:
				// the OAuth error's class, then the service's own code.
				sub = val
			case k == "error" && codeKey != "error" && isNumeric(code.raw) && !isNumeric(v):
				// Weibo's error_code=401&error=40112:Oauth Error:
				// token_revoked!: the number first, then the error that
				// says what it is.
				num, numKey = code, codeKey
				code, codeKey = val, k
			}
		case "error_description", "error_message", "message", "oauth_problem_advice", "oauthErrorMsg":
			if desc.raw == "" {
				desc = val
			}
		default:
			// Any other key the JSON reader takes for a message (ePay's
			// errortext, a gateway's responsetext).
			if r, _ := classifyKey(k); r == roleDesc && desc.raw == "" {
				desc = val
			}
		}
	}
	if code.raw == "" {
		x.redirectOK = x.redirectOK || src == srcRedirect && desc.raw == "" && params
		return
	}
	s := signal{source: src, desc: desc, ncands: 1, container: true}
	s.cands[0] = candidate{code: code, key: codeKey}
	if sub.raw != "" {
		// The service's own code first: an entry of the named provider for
		// it says more than the OAuth class.
		s.cands[0], s.cands[1], s.ncands = candidate{code: sub, key: "error_code"}, s.cands[0], 2
	}
	if num.raw != "" && s.ncands < maxCandidates {
		s.cands[s.ncands] = candidate{code: num, key: numKey, numeric: true}
		s.ncands++
	}
	x.add(&s)
}

// plaintextStart returns where the text after an HTML <plaintext> tag
// near the page's start begins, or 0 when there is none.
func plaintextStart(b string) int {
	if i := indexFold(b[:min(len(b), 128)], "<plaintext>"); i >= 0 {
		return i + len("<plaintext>")
	}
	return 0
}

// isOddResult reports a result flag that is a number other than 0 or 1
// (Global Payments' <Result>23</Result>, Payflow's RESULT=12), which reads
// as an odd code does; 1 is many gateways' success.
func isOddResult(role keyRole, key, v string) bool {
	return role == roleFlag && v != "1" && isNumeric(v) && isOddCode(roleCode, key, v)
}

// looksLikeForm tells an application/x-www-form-urlencoded error body: an
// OAuth error, or an OAuth 1.0 problem report.
func looksLikeForm(b string) bool {
	if strings.IndexByte(b, '&') < 0 && strings.IndexByte(strings.TrimSpace(b), '\n') >= 0 {
		return false // key=value lines (Micropayment's error=0 then sessionStatus=SUCCESS): pairs
	}
	return strings.HasPrefix(b, "error=") || strings.Contains(b, "&error=") ||
		strings.HasPrefix(b, "oauth_problem=") || strings.Contains(b, "&oauth_problem=")
}

// cutErrorPrefix cuts a leading "error:" or "error=", in any case, from a
// line of text, or the "ERR" or "ERROR" before an SMS gateway's numeric
// code (BudgetSMS's "ERR 1001", Messente's "ERROR 101").
func cutErrorPrefix(line string) (string, bool) {
	if len(line) >= 6 && strings.EqualFold(line[:5], "error") && (line[5] == ':' || line[5] == '=') {
		return strings.TrimSpace(line[6:]), true
	}
	for _, p := range [...]string{"ERR", "ERROR"} {
		if len(line) >= len(p)+2 && line[:len(p)] == p && (line[len(p)] == ' ' || line[len(p)] == ':') {
			if rest := strings.TrimLeft(line[len(p)+1:], " "); rest != "" && '0' <= rest[0] && rest[0] <= '9' {
				return rest, true
			}
		}
	}
	return line, false
}

// extractText reads a plain-text body such as "invalid_grant",
// "invalid_token: the token expired" or "error: invalid_grant".
func extractText(x *extraction, b string) {
	line, next := b, ""
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line, next = line[:i], strings.TrimSpace(b[i+1:])
		if j := strings.IndexByte(next, '\n'); j >= 0 {
			next = strings.TrimSpace(next[:j])
		}
	}
	line = strings.TrimSpace(line)
	if isTable(b) {
		// Rows of delimited fields (an FDSN station list's "#Network |
		// Station | ..." and its records) are data, not a message.
		x.data = true
		return
	}
	if len(line) > 512 {
		return
	}
	if next == "" && isOpaqueToken(strings.Trim(line, `"`)) {
		// A body that is one opaque token, quoted as a JSON string or not
		// (CoverHound's access token "f3657af5975b..."), is the credential
		// or id the call returned: data, not an error's code.
		x.data = true
		return
	}
	if rest, ok := cutErrorPrefix(line); ok {
		// A body that opens by saying it is an error is one, under any
		// status ("ERROR: Not a valid Station ID/Password" under 200).
		line = rest
		x.failure = true
	}
	end := 0
	for end < len(line) && isCodeChar(line[end]) {
		end++
	}
	// A sentence's full stop ends no code: "Ok." is qBittorrent's success.
	tok := strings.TrimRight(line[:end], ".")
	if tok == line && next == "" && isFailedState(tok) {
		// A body that is one word saying it failed (PayFast's "FAIL",
		// DuckDNS's "KO") is an error under any status; the word names
		// no cause.
		x.failure = true
	}
	if !looksLikeCode(tok) {
		// A sentence ("Invalid signature: you should have sent ...") is the
		// error's message; inference reads it like any other.
		if line != "" {
			x.noteDesc(text{raw: line}, 1)
			x.prose = true
			if next != "" && len(next) <= 512 {
				// The next line often says why ("Responding with error,
				// status code: 400 (Bad Request)." then "Details: ...").
				x.noteDesc(text{raw: next}, 2)
			}
		}
		return
	}
	rest := strings.TrimSpace(strings.TrimLeft(line[end:], ":-= "))
	if rest == "" && next != "" {
		// A code alone on its line is explained by the lines after it
		// (an OAuth server's error page: "Error: invalid_request", then
		// "Description: ..." and "Hint: The 'redirect_uri' parameter does
		// not match ...").
		rest = followingLines(b, 2)
	}
	s := signal{source: srcText, desc: text{raw: rest}, ncands: 1}
	s.cands[0] = candidate{code: text{raw: tok}, key: "text"}
	x.add(&s)
}

// isTable reports whether b opens with at least three lines of delimited
// fields: each of the first three holds the same number, two or more, of
// one separator (a pipe, tab, semicolon or comma).
func isTable(b string) bool {
	var lines [3]string
	n := 0
	for n < 3 && b != "" {
		line, rest, _ := strings.Cut(b, "\n")
		if line = strings.TrimSpace(line); line != "" {
			lines[n] = line
			n++
		}
		b = rest
	}
	if n < 3 {
		return false
	}
	for _, sep := range [...]string{"|", "\t", ";", ","} {
		c := strings.Count(lines[0], sep)
		if c >= 2 && strings.Count(lines[1], sep) == c && strings.Count(lines[2], sep) == c {
			return true
		}
	}
	return false
}

// followingLines returns the text of up to n non-empty lines after the
// first line of b, trimmed, or "" when it is too long to be a message.
func followingLines(b string, n int) string {
	first := strings.IndexByte(b, '\n')
	if first < 0 {
		return ""
	}
	rest := b[first+1:]
	end := 0
	for i := 0; i < n && end < len(rest); {
		j := strings.IndexByte(rest[end:], '\n')
		if j < 0 {
			end = len(rest)
			break
		}
		if strings.TrimSpace(rest[end:end+j]) != "" {
			i++
		}
		end += j + 1
	}
	rest = strings.TrimSpace(rest[:end])
	if len(rest) > 1024 {
		return ""
	}
	return rest
}

func isCodeChar(c byte) bool {
	return c == '_' || c == '.' || c == '-' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// looksLikeCode accepts identifiers that are plainly codes: with an
// underscore or a dot (invalid_grant, UK.OBIE.Field.Missing) or numeric
// problem codes; a plain word such as "Unauthorized" is left to the status.
func looksLikeCode(tok string) bool {
	if len(tok) < 3 || len(tok) > 96 {
		return false
	}
	if isNumeric(tok) {
		return len(tok) >= 4 && len(tok) <= 6
	}
	return strings.ContainsAny(tok, "_.") && !isSentence(tok)
}

// extractXML reads SOAP faults and simple XML error documents by element
// name, ignoring namespaces prefixes.
func extractXML(x *extraction, b string) {
	var s signal
	s.source = srcXML
	drank, d2rank := int8(127), int8(127)
	i := 0
	root := true
	// XML-RPC names a fault's members: <name>faultString</name> says what
	// the next value is.
	var pending keyRole
	pendingStatus := false // the pending member is a result struct's status
	// The root's children, as records: a batch answer's items
	// (QuickBooks' <BatchItemResponse>) of which only some hold an error.
	var rec xmlRecords
	// errMsg is set by a root's message under a name that says error,
	// zero by a root's code of zero: the message makes the document an
	// error unless a success flag or the zero code says otherwise.
	errMsg, zero := false, false
	depth := 0
	soap := 0 // how many of the open elements are a SOAP Envelope and Body
	saml := samlStatus{top: -1}
	// An EBICS response (ebicsResponse, ebicsKeyManagementResponse, ...),
	// and whether its header's return code said no error, so that the
	// report text beside it ("[EBICS_OK] OK") is no message.
	ebics, ebicsOK := false, false
	// An ISO 20022 status report (pain.002, pacs.002), and the depth of
	// an open <Rsn>, whose <Cd> or <Prtry> says why a status is RJCT.
	iso, rsnDepth := false, 0
	xmlrpc := false // an XML-RPC methodResponse
	// The depth of an open message element that holds elements rather than
	// text: PAN-OS's <msg><line>Unauthorized</line><line>Invalid API
	// key</line></msg>, whose lines are its message.
	msgDepth := 0
	// The depth of an open element of notes (AT&M's <Infos><Info>
	// <Codigo>001</Codigo><Descricao>Documento ja averbado</Descricao>
	// beside the registration it made): its codes and messages are no
	// error's, as a JSON list of warnings is not. An <Info> of text
	// (Wirecard's, beside its <ERROR>) is still read.
	noteDepth := 0
	votable := false // an IVOA VOTable document
	for steps := 0; steps < 4096; steps++ {
		lt := strings.IndexByte(b[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		gt := strings.IndexByte(b[lt:], '>')
		if gt < 0 {
			break
		}
		gt += lt
		tag := b[lt+1 : gt]
		i = gt + 1
		if tag != "" && tag[0] == '/' {
			if depth--; depth == 1 {
				rec.close()
			}
			if depth < rsnDepth {
				rsnDepth = 0
			}
			if depth < msgDepth {
				msgDepth = 0
			}
			if depth < noteDepth {
				noteDepth = 0
			}
			continue
		}
		if tag == "" || tag[0] == '?' || tag[0] == '!' {
			continue
		}
		selfClosing := tag[len(tag)-1] == '/'
		name := strings.TrimSuffix(tag, "/")
		if sp := strings.IndexAny(name, " \t\n"); sp >= 0 {
			name = name[:sp]
		}
		if c := strings.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		if !selfClosing {
			if depth++; depth == 2 {
				rec.open(name)
			}
			if noteDepth == 0 && (isXMLNotesElement(name) || isEWSWarning(name, tag)) && !holdsText(b, i) {
				noteDepth = depth
			}
			if depth == soap+1 && (soap == 0 && name == "Envelope" || soap == 1 && name == "Body") {
				soap++
			}
		}
		if noteDepth > 0 {
			continue
		}
		if len(name) == 5 && strings.EqualFold(name, "field") {
			// Name-value XML: First Pay's <FIELD KEY="error">...</FIELD>
			// is an element named by its attribute.
			for _, a := range [...]string{"KEY", "key", "name"} {
				if k, ok := xmlAttr(tag, a); ok && k != "" {
					name = k
					break
				}
			}
		}
		if depth == 1 && strings.EqualFold(name, "VOTABLE") {
			votable = true
		}
		if votable && strings.EqualFold(name, "DESCRIPTION") {
			continue // a VOTable's DESCRIPTION describes the service or its data
		}
		if len(name) == 4 && strings.EqualFold(name, "INFO") || len(name) == 5 && strings.EqualFold(name, "PARAM") {
			// VOTable (IVOA DALI §4.4): <INFO name="QUERY_STATUS"
			// value="ERROR">message</INFO>; a cone search's <INFO
			// name="Error" value="..."/> and NED's <PARAM name="Error"
			// value="..."/> are elements named by their attribute.
			if k, ok := xmlAttr(tag, "name"); ok && k != "" {
				if !strings.EqualFold(k, "QUERY_STATUS") {
					name = k
				} else if v, _ := xmlAttr(tag, "value"); strings.EqualFold(v, "ERROR") {
					name = "Error"
				} else {
					continue // OK or OVERFLOW: an error beside it still says what failed
				}
			}
		}
		if stat, ok := xmlAttr(tag, "stat"); ok && isFailureWord(stat) {
			s.container = true // Flickr's <rsp stat="fail">
		}
		status, hasStatus := xmlAttr(tag, "status")
		if hasStatus && root && isFailedState(status) {
			s.container = true // Subsonic's <subsonic-response status="failed">
		}
		if hasStatus && root && !x.nestedXML && x.topStatus.raw == "" {
			// A 202's says whether the accepted work is pending (vCloud's
			// <Task status="queued">), as a JSON document's top status does.
			x.topStatus = text{raw: status, esc: strings.Contains(status, "&"), xml: true}
		}
		failed := false
		if ack, ok := xmlAttr(tag, "acknowledgement"); ok && isFlagFailure(ack) {
			// FirstGiving's <firstGivingResponse acknowledgement="Failed"
			// verboseErrorMessage="...">.
			failed = true
		}
		if t, ok := xmlAttr(tag, "msgtype"); ok && strings.EqualFold(t, "error") {
			// Twinfield's <transaction msgtype="error" msg="...">: the
			// element's attributes report its error and say it.
			failed = true
		}
		for _, a := range [...]string{"success", "valid", "isSuccess"} {
			// Windcave's <Transaction success="0">, <Request valid="0">,
			// NetSuite's <status isSuccess="false">.
			v, ok := xmlAttr(tag, a)
			switch {
			case !ok:
			case v == "0" || strings.EqualFold(v, "false"):
				failed = true
			case a == "isSuccess" && strings.EqualFold(v, "true"):
				// NetSuite's <status isSuccess="true"> says the call went
				// through; its WARN status details are notes.
				x.success = true
			}
		}
		if hasStatus && strings.HasPrefix(status, "-") && isSignedNumeric(status) {
			// iVeri's <Result Status="-1" Code="255" Description="...">: a
			// negative status says the element reports an error.
			failed = true
		}
		if root && hasPrefixFold(name, "ebics") && hasSuffixFold(name, "Response") {
			ebics = true
		}
		if root && name == "methodResponse" {
			xmlrpc = true
		}
		if root && name == "Document" && (strings.Contains(tag, "20022") || strings.Contains(tag, "pain.002") || strings.Contains(tag, "pacs.002")) {
			iso = true
		}
		if iso && name == "Rsn" && !selfClosing {
			rsnDepth = depth
		}
		if root && !isXMLErrorElement(name) {
			// A root element with an id or link is a resource (vCloud's
			// <Task id="..." href="..." status="error">): the errors inside
			// it are its own state, as a JSON resource's are.
			_, hasID := xmlAttr(tag, "id")
			_, hasHref := xmlAttr(tag, "href")
			s.resource = hasID || hasHref
		}
		isRoot := root
		root = false
		if strings.EqualFold(name, "StatusCode") {
			// SAML 2.0's <samlp:StatusCode Value="urn:oasis:...:status:Requester">.
			if v, ok := xmlAttr(tag, "Value"); ok && hasPrefixFold(v, samlStatusPrefix) {
				saml.read(x, &s, v)
				continue
			}
		}
		if strings.EqualFold(name, "Fault") {
			x.soapFault = true
		}
		// CDEK's <Order ErrorCode="ERR_AUTH" Msg="...">: any element whose
		// ErrorCode attribute names an error is one.
		errCode, hasErrCode := xmlAttr(tag, "ErrorCode")
		errKey := ".ErrorCode"
		if !hasErrCode {
			// Ingenico's e-Commerce platform (Ogone, Barclaycard ePDQ,
			// PostFinance): <ncresponse NCERROR="50001130"
			// NCERRORPLUS="unknown orderid ...">, NCERROR="0" when all
			// went well.
			errCode, hasErrCode = xmlAttr(tag, "NCERROR")
			errKey = ".NCERROR"
		}
		if !hasErrCode {
			// GMO Epsilon's <result err_code="810" />, one attribute per
			// element, beside <result result="9" />.
			errCode, hasErrCode = xmlAttr(tag, "err_code")
			errKey = ".err_code"
		}
		if !hasErrCode && isRoot {
			// RETS, the real-estate listing protocol: <RETS ReplyCode="20202"
			// ReplyText="Invalid Select: ListingID"/>, ReplyCode="0" on
			// success. Only the root's: a search that found nothing answers
			// ReplyCode="0" around <RETS-STATUS ReplyCode="20201">.
			errCode, hasErrCode = xmlAttr(tag, "ReplyCode")
			errKey = ".ReplyCode"
		}
		hasErrCode = hasErrCode && errCode != "0" && errCode != "" && !isSuccessWord(errCode)
		// DHL's <data name="piece-shipment-list" code="100" error="No data
		// found"/>: an error attribute that says something is the
		// element's message, and the element an error.
		errText, hasErrText := xmlAttr(tag, "error")
		if !hasErrText {
			// Icecat's <Product Code="-1" ErrorMessage="The requested XML
			// data-sheet is not present ...">.
			errText, hasErrText = xmlAttr(tag, "ErrorMessage")
		}
		hasErrText = hasErrText && errText != "" && !isNumeric(errText) && !isSuccessWord(errText) && !strings.EqualFold(errText, "false")
		codeAttr := false // the element's code is an attribute: its text is the message
		if failed || hasErrCode || hasErrText || isXMLErrorElement(name) || isXMLErrorClass(tag) {
			rec.failing = rec.failing || depth > 2
			// Worldpay's <error code="4">, Flickr's <err code="100" msg="...">,
			// Subsonic's <error code="10" message="...">: the code and message
			// as attributes. An empty <Errors/> is no error.
			code, hasCode := xmlAttr(tag, "code")
			key := name + ".code"
			if !hasCode {
				// OGC web services' <ows:Exception
				// exceptionCode="OperationNotSupported"> (WMS, WFS, SOS).
				code, hasCode = xmlAttr(tag, "exceptionCode")
			}
			if !hasCode && hasErrCode {
				code, hasCode, key = errCode, true, name+errKey
			}
			if !hasCode {
				// LastPass's <error cause="password_invalid" />.
				if code, hasCode = xmlAttr(tag, "cause"); hasCode {
					key = name + ".cause"
				}
			}
			if hasCode && s.ncands < maxCandidates {
				s.cands[s.ncands] = candidate{code: text{raw: code}, key: key, rank: rankCode, numeric: isNumeric(code)}
				s.ncands++
			}
			codeAttr = hasCode
			if hasCode {
				x.noteBodyStatus("code", code, 0) // iRail's <error code="404">
			}
			// OpenTravel's <Error Type="3" ShortText="..." Code="7"/>:
			// ShortText is the message; RETS's ReplyText likewise, and
			// ANAF e-Factura's <Errors errorMessage="..."/>.
			for _, a := range [...]string{"msg", "message", "text", "description", "responseText", "NCERRORPLUS", "ShortText", "ReplyText", "verboseErrorMessage", "errorMessage"} {
				if msg, ok := xmlAttr(tag, a); ok && drank > 1 {
					s.desc, drank = text{raw: msg, esc: strings.Contains(msg, "&"), xml: true}, 1
				}
			}
			if hasErrText && drank > 1 {
				s.desc, drank = text{raw: errText, esc: strings.Contains(errText, "&"), xml: true}, 1
			}
			if !selfClosing && !saysNoErrorAt(b, i) || hasCode || drank == 1 {
				s.container = true
			}
		}
		var content string
		cdataEnd := -1 // where a CDATA section holding the content ends
		if selfClosing {
			// FHIR's XML puts values in attributes: <code value="throttled"/>,
			// <text value="Request has been throttled ..."/>.
			v, ok := xmlAttr(tag, "value")
			if !ok || v == "" {
				continue
			}
			content = v
		} else if rest := strings.TrimLeft(b[i:], " \t\r\n"); strings.HasPrefix(rest, "<![CDATA[") {
			// <error><![CDATA[Security violation]]></error>
			if e := strings.Index(rest, "]]>"); e >= 0 {
				content = strings.TrimSpace(rest[len("<![CDATA["):e])
				cdataEnd = len(b) - len(rest) + e + len("]]>")
			}
		} else {
			end := strings.IndexByte(b[i:], '<')
			if end < 0 {
				break
			}
			content = strings.TrimSpace(b[i : i+end])
		}
		if content == "" {
			if !selfClosing && msgDepth == 0 {
				if r, _ := classifyKey(name); r == roleDesc {
					msgDepth = depth
				}
			}
			continue
		}
		if !x.nestedXML && isEmbeddedXML(content) {
			// A SOAP result that carries its own XML document as text
			// (PayEx's <PurchaseCCResult>&lt;payex&gt;...): read that
			// document as well, once.
			x.nestedXML = true
			inner := content
			if inner[0] == '&' {
				inner = string(appendXMLUnescaped(nil, inner))
			}
			extractXML(x, inner)
			x.nestedXML = false
			if cdataEnd > i {
				i = cdataEnd // its tags are read; do not read them again
			}
			continue
		}
		val := text{raw: content, esc: strings.Contains(content, "&"), xml: true}
		x.noteBodyStatus(name, content, 0) // OCS's <statuscode>404</statuscode>
		if ebics && strings.EqualFold(name, "ReturnCode") {
			// EBICS Annex 1: six digits, the first two the class: 00
			// information, 01 note, 03 warning, 06 and 09 errors. The
			// header's code is technical, the body's business-related.
			if len(content) == 6 && isNumeric(content) && (content[:2] == "06" || content[:2] == "09") {
				s.container = true
				if s.ncands < maxCandidates {
					s.cands[s.ncands] = candidate{code: val, key: name, rank: rankCode, numeric: true}
					s.ncands++
				}
			} else if s.ncands == 0 {
				ebicsOK = true
			}
			continue
		}
		if ebics && ebicsOK && strings.EqualFold(name, "ReportText") {
			continue // "[EBICS_OK] OK"
		}
		if iso {
			// ISO 20022's status report: a group, payment or transaction
			// status of RJCT is the rejection, the reason's <Cd> (an
			// ExternalStatusReason1Code such as AC01) its code and
			// <AddtlInf> its message; other statuses (ACCP, ACSC, PDNG)
			// and codes elsewhere (a service level's <Cd>SEPA</Cd>) are
			// the report's data.
			switch {
			case name == "GrpSts" || name == "PmtInfSts" || name == "TxSts":
				if content == "RJCT" {
					s.container = true
				}
			case (name == "Cd" || name == "Prtry") && rsnDepth > 0 && depth > rsnDepth && s.container:
				if s.ncands < maxCandidates {
					s.cands[s.ncands] = candidate{code: val, key: "Rsn." + name, rank: rankCode}
					s.ncands++
				}
			case name == "AddtlInf" && s.container && drank > 1:
				s.desc, drank = val, 1
			}
			continue
		}
		if strings.EqualFold(name, "name") && (s.container || xmlrpc) {
			// XML-RPC names a struct's members: <name>faultString</name>
			// says what the next value is. In a result struct
			// (methodResponse/params/param/value/struct/member/name) the
			// members are named as JSON keys are: INWX's code 2303 beside
			// msg "Object does not exist", 1000 when the command completed.
			// A name is never a value: one left pending by an empty value
			// is dropped.
			if xmlrpc {
				pending, pendingStatus = roleNone, false
			}
			switch {
			case s.container && strings.EqualFold(content, "faultCode"):
				pending = roleCode
			case s.container && strings.EqualFold(content, "faultString"):
				pending = roleDesc
			case xmlrpc && depth == 7 && !s.container:
				if r, rank := classifyKey(content); r == roleCode || r == roleDesc {
					pending, pendingStatus = r, rank == rankStatus
				}
			}
			if pending != roleNone || xmlrpc {
				continue
			}
		}
		if xmlrpc && depth == 5 && pending == roleNone && strings.EqualFold(name, "string") && namesError(content) && s.ncands < maxCandidates {
			// An XML-RPC result that is a code naming an error (Loopia's
			// <string>AUTH_ERROR</string>; "OK" when it went well).
			s.container = true
			s.cands[s.ncands] = candidate{code: val, key: "methodResponse.string", rank: rankCode}
			s.ncands++
			continue
		}
		if v, ok := xmlBool(content); ok {
			// XML writes JSON's booleans as text: <success>false</success>,
			// First Data's <Transaction_Approved>false</Transaction_Approved>.
			// Deeper than the root's own children (a SOAP Body's child
			// counting as the root) a flag is a record's (a Salesforce
			// deployment's <result><id>...<success>false).
			if depth-soap > 2 {
				continue
			}
			if isFailureFlag(name, v) {
				s.container = true
			} else if isSuccessFlag(name, v) {
				x.success = true
			}
			continue
		}
		role, rank := classifyKey(name)
		if role == roleNone {
			var buf [24]byte
			role, rank = vendorMessageKey(foldKey(&buf, name))
		}
		if codeAttr && role == roleCode {
			// Worldpay's <error code="5">Could not find payment for
			// order</error>: the text explains the attribute's code.
			role, rank = roleDesc, 1
		}
		named := pending != roleNone // an XML-RPC member's value
		if named && pendingStatus {
			pending, pendingStatus = roleNone, false
			if msg, ok := numberedStatus(content); ok {
				// OpenSubtitles' <name>status</name> "401 Unauthorized",
				// "409 Method not found" ("200 OK" when it went well): the
				// number is the error's code, the words its message, and a
				// status line the answer's status.
				s.container = true
				if s.ncands < maxCandidates {
					s.cands[s.ncands] = candidate{code: text{raw: content[:3]}, key: "status", rank: rankCode, numeric: true}
					s.ncands++
				}
				if drank > 1 {
					s.desc, drank = text{raw: msg, xml: true}, 1
				}
				if st := statusLine(content); st != 0 && x.bodyStatus == 0 {
					x.bodyStatus, x.bodyStatusKey = st, "status"
				}
			}
			continue
		}
		if named {
			if pending == roleCode && s.container && x.bodyStatus == 0 && len(content) == 3 && (content[0] == '4' || content[0] == '5') && isNumeric(content) {
				// A fault whose code is an HTTP error status (WordPress's
				// XML-RPC faultCode 404 beside "Invalid post ID.", under
				// 200) states the answer's status.
				x.bodyStatus, _ = strconv.Atoi(content)
				x.bodyStatusKey = "faultCode"
			}
			role, rank, pending = pending, rankReason, roleNone
			if role == roleDesc {
				rank = 0
			}
		}
		switch {
		case strings.EqualFold(name, "value") && x.soapFault && !named:
			role, rank = roleCode, rankReason // SOAP 1.2 Fault's Code/Value
		case strings.EqualFold(name, "ResponseCode") && !strings.EqualFold(content, "NoError"):
			role, rank = roleCode, rankCode // Exchange Web Services
		case strings.EqualFold(name, "MessageText") || strings.EqualFold(name, "ReportText"):
			role, rank = roleDesc, 1 // EBICS's <ReportText>
		case role == roleNone:
			role, rank = gatewayRole(name)
			if role == roleNone && msgDepth > 0 && depth == msgDepth+1 && strings.EqualFold(name, "line") {
				role, rank = roleDesc, 1
			}
		}
		if isNumeric(content) && isOddCode(role, name, content) || depth-soap <= 3 && isOddResult(role, name, content) {
			// <statusCode>2202</statusCode>; a numeric result
			// (Global Payments' <Result>23</Result>, 0 when approved).
			x.oddCode = true
		}
		if depth-soap <= 3 && strings.EqualFold(name, "severity") && oneOfFold(content, "error", "fatal") {
			// SData's <diagnosis><severity>error</severity>, as JSON's
			// "severity": "error": the element holds an error.
			s.container = true
			continue
		}
		if role == roleState && depth-soap == 2 && isFailedState(content) {
			// A root's own state saying it failed (Tencent COS's
			// <Response><Code>InvalidArgument</Code>...<State>Failed</State>
			// under 200) makes its codes the answer's error, as a
			// <Status>Failed</Status> does.
			s.container = true
			continue
		}
		switch role {
		case roleFlag:
			// A card gateway's <Response>Declined</Response> (NestPay's
			// CC5Response) answers the request it was sent.
			if isFlagFailure(content) {
				s.container = true
				if strings.EqualFold(content, "declined") && s.ncands < maxCandidates {
					// PSiGate's <Approved>DECLINED</Approved>: the flag's
					// word says how, when nothing else in the answer does.
					s.cands[s.ncands] = candidate{code: val, key: name, rank: rankReason}
					s.ncands++
				}
			} else if content != "0" && isFlagSuccess(content) {
				x.success = true // <Result>Success</Result>
			} else if strings.IndexByte(content, ' ') > 0 && !saysOK(content) {
				// A sentence where a flag was expected (BPOINT's
				// <AuthorisationResult>Original transaction not
				// found</AuthorisationResult>) says what happened, as
				// JSON's "result" sentence does.
				offerDesc(&s, &drank, &d2rank, val, 2)
				x.noteDesc(val, 2)
			}
		case roleCode:
			if isXMLErrorElement(name) && saysNoError(content) {
				continue // <Error>Approved</Error>
			}
			if (depth-soap <= 2 || depth-soap == 3 && rank == rankStatus) && (content == "0" || isZeroCode(content)) {
				// A code of the root's of zero, or a status of zero one
				// level down (TicketBAI's <Salida><Estado>00</Estado>).
				zero = true
			}
			if rank == rankStatus && content != "0" && isSuccessWord(content) {
				x.success = true // <status>OK</status>
				continue
			}
			if rank == rankStatus && isFailedState(content) {
				// OCS's and Plesk's <status>failure</status>, BigBlueButton's
				// <returncode>FAILED</returncode>.
				s.container = true
				continue
			}
			if rank == rankType && s.container && s.etype.raw == "" && !isSuccessWord(content) {
				// An error element's type names the error as JSON's does
				// (Wirecard's <ERROR><Type>SYSTEM_ERROR</Type>).
				s.etype = val
				continue
			}
			if rank == rankType || (rank == rankStatus && !s.container && !isDeclineWord(content)) {
				// A status outside an error element is the document's
				// data, unless it says a payment was declined
				// (TransFirst's <Status>Declined</Status>), which a call
				// that moves money reads as its failure.
				continue
			}
			if strings.EqualFold(name, "faultcode") || strings.EqualFold(name, "value") {
				// soap:Client and the like: keep the local part.
				if c := strings.LastIndexByte(content, ':'); c >= 0 {
					val.raw = content[c+1:]
				}
				// SOAP 1.1's dotted specialization of a fault class
				// (Workday's Client.authenticationError) names the fault;
				// the class only says whose side it is on.
				if class, spec, ok := strings.Cut(val.raw, "."); ok && spec != "" && oneOfFold(class, "Client", "Server", "Sender", "Receiver") {
					val.raw = spec
				}
			}
			if s.ncands < maxCandidates {
				s.cands[s.ncands] = candidate{code: val, key: name, rank: rank}
				s.ncands++
			}
		case roleDesc:
			if len(name) > len("status") && hasPrefixFold(name, "status") && isFailedState(content) {
				// eFax's <StatusCode>2</StatusCode><StatusDescription>Failure
				// </StatusDescription> beside the <ErrorMessage>: the status
				// says the call failed, and names nothing.
				s.container = true
				continue
			}
			// The best message and the runner-up ("Authorization Required"
			// with its <details>Please make sure that your API key is
			// correct.</details>), as in JSON.
			offerDesc(&s, &drank, &d2rank, val, rank)
			if depth-soap <= 2 && namesErrorMessage(name) && !saysNoError(content) && !saysSuccess(content) && !isPlaceholder(content) {
				// A message of the root's under a name that says it is an
				// error's (Experian's <ErrorMessage>Invalid request
				// format</ErrorMessage>); a success flag or a zero code
				// of the root's, before or after it, says otherwise.
				errMsg = true
			}
			x.noteDesc(val, rank) // a message outside any error element
		case roleNone:
			switch {
			case isXMLErrorElement(name) && drank > 1 && !saysNoError(content):
				// <error>ERROR: No zone found</error>: the error's own text.
				s.desc, drank = val, 1
			case depth == 1 && holdsText(b, i):
				// A document that is one element of text (BlueSnap's
				// <xml>Client request rate is too high</xml>) says what a
				// text body would: its words are read as a text body's are.
				x.noteDesc(val, 3)
			case isRejection(content) || depth-soap == 2 && opensWithError(content):
				// Brazil's fiscal web services (SEFAZ's NF-e, CT-e, MDF-e):
				// <cStat>215</cStat><xMotivo>Rejeição: Falha no esquema
				// XML</xMotivo>; a rejection's reason is the message. So is
				// a note of the root's that opens by saying error
				// (Overpass's <remark> runtime error: Query timed out ...).
				s.container = true
				if drank > 1 {
					s.desc, drank = val, 1
				}
			}
		}
	}
	if errMsg && !x.success && !zero {
		s.container = true
	}
	if allZero(s.cands[:s.ncands]) && saysNoError(s.desc.raw) {
		// An error element that says there is none (LegalXML Electronic
		// Court Filing's <ecf:Error><ecf:ErrorCode>0</ecf:ErrorCode>
		// <ecf:ErrorText>No error</ecf:ErrorText>), beside codes that say
		// none either (Secure Trading's <acquirerresponsecode>00 before
		// its <error><message>Ok</message><code>0</code>).
		x.okCode = true
		return
	}
	if s.container && s.ncands == 0 && saysSucceeded(s.desc.raw) {
		// An error element whose only text says the call was approved
		// (eWAY's <ewayTrxnError>00, Transaction Approved</ewayTrxnError>)
		// names no error.
		s.container = false
		x.success = true
	}
	if saml.top >= 0 {
		// A SAML Response's ID names the message, not a resource.
		s.resource = false
	}
	if rec.partial() {
		// One record's error among records that carry none is that
		// record's, as in a JSON list, and so are its messages.
		s.inItem, s.partial = true, true
		x.looseDesc, x.anyDesc, x.anyDesc2 = false, text{}, text{}
	} else if s.container && !s.resource {
		x.failure = true
	}
	if s.ncands > 0 || (s.container && s.desc.raw != "") {
		x.add(&s)
	}
}

// numberedStatus reports a status that opens with a 4xx or 5xx number
// before words ("409 Method not found"), and returns the words.
func numberedStatus(v string) (msg string, ok bool) {
	if len(v) < 5 || v[3] != ' ' || v[0] < '4' || v[0] > '5' || !isNumeric(v[:3]) {
		return "", false
	}
	return strings.TrimSpace(v[4:]), true
}

// xmlRecords counts the root's children of one name and those that hold an
// error.
type xmlRecords struct {
	name             string
	n, failed, other int
	failing          bool // the open record holds an error
}

func (r *xmlRecords) open(name string) {
	if name != r.name {
		r.other += r.n
		r.name, r.n, r.failed = name, 0, 0
	}
	r.n++
	r.failing = false
}

func (r *xmlRecords) close() {
	if r.failing {
		r.failed++
	}
	r.failing = false
}

// partial reports a run of two or more records, some failing and some not,
// that makes up all the root holds.
func (r *xmlRecords) partial() bool {
	return r.other == 0 && r.n > 1 && r.failed > 0 && r.failed < r.n
}

// offerDesc keeps v as the signal's message when it ranks better than the
// one held, else as the runner-up when it ranks better than that, as
// objectFrame.addDesc does for JSON.
func offerDesc(s *signal, drank, d2rank *int8, v text, rank int8) {
	switch {
	case rank < *drank:
		s.desc2, *d2rank = s.desc, *drank
		s.desc, *drank = v, rank
	case rank < *d2rank:
		s.desc2, *d2rank = v, rank
	}
}

// isEmbeddedXML reports whether an element's text is a whole XML document
// ("&lt;payex&gt;...&lt;/payex&gt;", "<?xml ...?>...") rather than a message
// that mentions a tag ("&lt;Amount&gt; is required").
func isEmbeddedXML(content string) bool {
	return strings.HasPrefix(content, "<?xml") ||
		strings.HasPrefix(content, "&lt;") && strings.HasSuffix(content, "&gt;") && strings.Contains(content, "&lt;/")
}

// xmlBool reads an element's text as a boolean.
func xmlBool(v string) (value, ok bool) {
	switch {
	case len(v) == 4 && strings.EqualFold(v, "true"):
		return true, true
	case len(v) == 5 && strings.EqualFold(v, "false"):
		return false, true
	}
	return false, false
}

// saysNoErrorAt reports whether the error element whose start tag ends
// before i holds no error: it is closed at once (Linkpoint's
// <r_error></r_error>, SafeCharge's <AGVError></AGVError> in an approved
// payment, which say no more than an empty <Errors/>), or its only text
// says there is none (First Data's <Transaction_Error>false, USA ePay's
// <Error>Approved</Error>).
func saysNoErrorAt(b string, i int) bool {
	t, ok := closingText(b, i)
	return ok && (t == "" || saysNoError(t))
}

// isPlaceholder reports text that stands for no value: "null", "-",
// "n/a".
func isPlaceholder(v string) bool {
	return v == "-" || oneOfFold(v, "null", "nil", "n/a")
}

// saysNoError reports whether the text of an element named as an error
// says there is none: "false", "no", or a success word ("0", "none",
// "Approved").
func saysNoError(v string) bool {
	return strings.EqualFold(v, "false") || strings.EqualFold(v, "no") || isSuccessWord(v)
}

// isEWSWarning reports an Exchange Web Services response message whose
// ResponseClass is Warning: the operation went through, and its code
// (ErrorNameResolutionMultipleResults beside the names it found) is a note.
func isEWSWarning(name, tag string) bool {
	if len(name) <= len("ResponseMessage") || !strings.HasSuffix(name, "ResponseMessage") {
		return false
	}
	rc, ok := xmlAttr(tag, "ResponseClass")
	return ok && rc == "Warning"
}

// isXMLNotesElement reports whether an element holds notes, not errors:
// informations and warnings, in English, Portuguese and Spanish.
func isXMLNotesElement(name string) bool {
	switch strings.ToLower(name) {
	case "info", "infos", "information", "informations", "informacao", "informacoes",
		"warning", "warnings", "aviso", "avisos", "advertencia", "advertencias":
		return true
	}
	return false
}

// isXMLErrorElement reports whether an XML element says the document is an
// error: a SOAP Fault, AWS's and Azure's <Error>, eBay's <Errors>.
func isXMLErrorElement(name string) bool {
	switch strings.ToLower(name) {
	case "fault", "error", "errors", "errorresponse", "errorresult", "exception", "err",
		"erro", "erros", // Portuguese: São Paulo's NFS-e <Erro><Codigo>, <Descricao>
		"errore", "errori", // Italian: SdI's <Errore>EI01</Errore>, <ListaErrori>
		"errores": // Spanish
		return true
	}
	// OpenStreetMap's <osmError>, CAS's <authenticationFailure>, bpost's
	// <systemException>.
	return len(name) > 5 && (hasSuffixFold(name, "error") || hasSuffixFold(name, "failure") || hasSuffixFold(name, "exception"))
}

// closingText returns the text at b[i:], trimmed, when it runs up to a
// closing tag.
func closingText(b string, i int) (string, bool) {
	j := strings.IndexByte(b[i:], '<')
	if j < 0 || !strings.HasPrefix(b[i+j:], "</") {
		return "", false
	}
	return strings.TrimSpace(b[i : i+j]), true
}

// holdsText reports whether the element just opened, before b[i:], holds
// text and no elements.
func holdsText(b string, i int) bool {
	_, ok := closingText(b, i)
	return ok
}

// isRejection reports whether a text opens by saying the request was
// rejected, in Portuguese with or without its accents ("Rejeição: ...",
// "Rejeicao: ..."), as Brazil's fiscal web services word their refusals.
func isRejection(v string) bool {
	return hasPrefixFold(v, "Rejeição:") || hasPrefixFold(v, "Rejeicao:")
}

// isFailedState reports a status that says the document failed: a failure
// word, or "failed", which XML answers use of themselves (Subsonic's
// status="failed", BigBlueButton's <returncode>FAILED</returncode>).
func isFailedState(v string) bool {
	return isFailureWord(v) || strings.EqualFold(v, "failed")
}

// hasPrefixFold reports whether s begins with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// allZero reports whether there are codes and each is a zero.
func allZero(cands []candidate) bool {
	for _, c := range cands {
		if c.code.raw != "0" && !isZeroCode(c.code.raw) {
			return false
		}
	}
	return len(cands) > 0
}

// xmlAttr returns the value of attribute name (any case) in a start tag's
// text, in double or single quotes (CAS's code='INVALID_TICKET').
func xmlAttr(tag, name string) (string, bool) {
	for i := 0; ; {
		j := indexFold(tag[i:], name+"=")
		if j < 0 {
			return "", false
		}
		j += i
		v := tag[j+len(name)+1:]
		if j > 0 && tag[j-1] != ' ' && tag[j-1] != '\t' && tag[j-1] != '\n' || v == "" || (v[0] != '"' && v[0] != '\'') {
			i = j + len(name)
			continue
		}
		if e := strings.IndexByte(v[1:], v[0]); e >= 0 {
			return v[1 : e+1], e > 0
		}
		return "", false
	}
}

// isXMLErrorClass reports whether an element's attributes say it reports an
// error: Exchange Web Services' ResponseClass="Error" on a response message
// inside an otherwise normal answer.
func isXMLErrorClass(tag string) bool {
	i := strings.Index(tag, "ResponseClass=")
	return i >= 0 && strings.HasPrefix(tag[i+len("ResponseClass="):], `"Error"`)
}

// isHTML tells a gateway's HTML error page, which only the status explains.
func isHTML(b string) bool {
	head := b
	if len(head) > 256 {
		head = head[:256]
	}
	if containsFold(head, "<!doctype html") || containsFold(head, "<html") {
		return true
	}
	// A fragment of a page, as gateways and servers send it: Mashery's
	// "<h1>Developer Over Qps</h1>", Databricks' "<pre>...</pre>".
	head = strings.TrimLeft(head, " \t\r\n")
	for _, tag := range htmlFragmentTags {
		if len(head) > len(tag) && strings.EqualFold(head[:len(tag)], tag) {
			if c := head[len(tag)]; c == '>' || c == ' ' || c == '/' || c == '\t' || c == '\n' {
				return true // <div class=...>, not <DivisionList>
			}
		}
	}
	return false
}

var htmlFragmentTags = [...]string{"<head", "<body", "<h1", "<h2", "<h3", "<p", "<pre", "<div", "<center", "<title"}

func containsFold(s, sub string) bool {
	return indexFold(s, sub) >= 0
}

// indexFold is strings.Index ignoring ASCII case, without allocating.
func indexFold(s, sub string) int {
	if sub == "" {
		return 0
	}
	// A first byte that is no letter has one case: IndexByte finds the
	// places worth comparing ("<" of "<title").
	c := sub[0]
	letter := 'a' <= c|0x20 && c|0x20 <= 'z'
	for i := 0; i+len(sub) <= len(s); i++ {
		if !letter {
			j := strings.IndexByte(s[i:len(s)-len(sub)+1], c)
			if j < 0 {
				return -1
			}
			i += j
		}
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// extractBody reads the body in the first format it fits, then looks for
// an OAuth 1.0 problem report the format left unread.
func extractBody(x *extraction, body string, status int, lim *Limits) error {
	// A UTF-8 byte order mark before the document (Authorize.Net's JSON
	// answers carry one) is no part of it.
	b := strings.TrimSpace(strings.TrimPrefix(body, "\ufeff"))
	if b == "" {
		return nil
	}
	err := extractFormat(x, b, status, lim)
	if err == nil && !x.hasCode() && strings.Contains(b, "oauth_problem=") {
		extractOAuthProblem(x, b)
	}
	return err
}

// extractOAuthProblem reads an OAuth 1.0 Problem Reporting value wherever it
// sits in a body whose format gave no code: in a message (Yahoo's
// "Please provide valid credentials. OAuth oauth_problem=\"token_rejected\""),
// an HTML error page (E*TRADE's), or text.
func extractOAuthProblem(x *extraction, b string) {
	_, v, _ := strings.Cut(b, "oauth_problem=")
	if v = oauthProblemValue(v); v == "" {
		return
	}
	s := signal{source: srcBody, desc: x.anyDesc, ncands: 1, container: true}
	s.cands[0] = candidate{code: text{raw: v}, key: "oauth_problem", rank: rankCode}
	x.add(&s)
}

// oauthProblemValue returns the problem name that starts v, the text after
// "oauth_problem=", past any quote: "token_rejected" of
// `\"token_rejected\", realm=...` or of "token_rejected&oauth_problem_advice=...".
func oauthProblemValue(v string) string {
	v = strings.TrimLeft(v, `\"'`)
	end := 0
	for end < len(v) && end < 64 && (v[end] == '_' || 'a' <= v[end] && v[end] <= 'z') {
		end++
	}
	return v[:end]
}

// extractFormat reads the body in the first format it fits.
func extractFormat(x *extraction, b string, status int, lim *Limits) error {
	switch b[0] {
	case ')', 'w', 'f', '*':
		// A guard against JSON hijacking before the document is no part
		// of it: Gerrit's and Angular's ")]}'" line, Google's "while(1);",
		// Facebook's "for(;;);", Salesforce Aura's "*/" (Haier hOn's
		// sign-in).
		for _, guard := range [...]string{")]}'", "while(1);", "for(;;);", "*/"} {
			if rest, ok := strings.CutPrefix(b, guard); ok {
				if b = strings.TrimLeft(rest, ", \t\r\n"); b == "" {
					return nil
				}
				break
			}
		}
	}
	b = unwrapJSONP(b)
	if b[0] != '{' && b[0] != '[' && b[0] != '<' {
		if doc, ok := samlDocument(b, lim.MaxBodyBytes); ok {
			// A SAML message as the browser posts it (SAMLResponse=<base64>),
			// or its base64 alone.
			b = doc
		}
	}
	if strings.HasPrefix(b, "OFXHEADER:") {
		// OFX 1.x (the banks' Direct Connect downloads) opens with header
		// lines ("OFXHEADER:100", "DATA:OFXSGML", ...) before its SGML
		// document, whose unclosed elements read as XML's do.
		if i := strings.Index(b, "<OFX>"); i > 0 {
			b = b[i:]
		}
	}
	if b[0] == '<' {
		if i := plaintextStart(b); i > 0 {
			// HTML's <plaintext> makes the rest of the page text: a card
			// gateway's key=value lines (Instapay's "<html><body>
			// <plaintext>" before Declined=..., Status=Declined).
			if b = strings.TrimSpace(b[i:]); b == "" {
				return nil
			}
		}
	}
	if part, st, ok := failedBatchPart(b); ok {
		// A multipart batch answer (OData's $batch): the first part
		// that failed is the error, under its own status.
		if st != 0 {
			x.bodyStatus, x.bodyStatusKey = st, "batch"
			if part = strings.TrimSpace(part); part != "" && !strings.HasPrefix(part, "--") {
				return extractFormat(x, part, st, lim) // once: a part is no batch
			}
		}
		x.data = true // every part succeeded
		return nil
	}
	if isOCPPCallError(b) && extractOCPP(x, b) {
		return nil
	}
	switch b[0] {
	case '{', '[':
		x.jsonState = jsonState{src: b, lim: lim, status: status}
		ok := x.scan(0)
		if x.err != nil {
			return x.err
		}
		if ok {
			x.data = true
			return nil
		}
		// Not JSON after all ({"message": Missing API key, ...} from the
		// W3C API): its words are the message, read as a text body's are.
		x.noteDesc(text{raw: b[:min(len(b), maxMsgBytes)]}, 3)
		return nil
	case '<':
		if !isHTML(b) {
			extractXML(x, b)
			if x.n == 0 && !x.failure && isLoneElement(b) {
				// A document that is one element holding a sentence
				// (BlueSnap's <xml>You are not authorized ...</xml>) says
				// it as a text body would: its text is no data's.
				x.prose = true
				return nil
			}
			// An XML document reads as data, a success without a status,
			// unless it says it failed or one of its codes is an error
			// (DataCash's <reason>ACCEPTED</reason> is neither). A message
			// in it (BridgePay's <RespMSG>Duplicate Transaction</RespMSG>)
			// is read as a JSON document's loose message is.
			x.data = !x.failure
			x.looseDesc = x.anyDesc.raw != ""
			x.xmlDoc = true
			return nil
		}
		if !extractHTML(x, b, status) {
			// A page with nothing to read but XML inside it (Kunaki's
			// <HTML><BODY><Response><ErrorCode>5</ErrorCode>...).
			extractXML(x, b)
		}
		return nil
	}
	if isFinTS(b) {
		extractFinTS(x, b)
		return nil
	}
	if strings.HasPrefix(b, `error="`) {
		// A body in a challenge's syntax, its values quoted and joined by
		// commas (Kakao's error="invalid_grant", error_description="...").
		extractChallenge(x, b, srcForm)
		return nil
	}
	if looksLikeForm(b) {
		extractParams(x, b, srcForm)
		return nil
	}
	if sep := pairSep(b); sep != 0 {
		x.jsonState = jsonState{lim: lim, status: status}
		extractPairs(x, b, sep)
		return x.err
	}
	extractText(x, b)
	return nil
}

// isOpaqueToken reports a string of 16 or more letters and digits, both,
// and nothing else: a token or an id, which no error's code looks like
// (theirs are words, joined by '_' or '.').
func isOpaqueToken(s string) bool {
	if len(s) < 16 || len(s) > 512 {
		return false
	}
	digits, letters := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits = true
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letters = true
		default:
			return false
		}
	}
	return digits && letters
}

// failedBatchPart reads a multipart batch answer (OData's $batch, whose
// parts each hold an HTTP response: "--batch_..." lines, part headers, a
// status line such as "HTTP/1.1 400 Bad Request", the response's headers
// and body). It reports ok for such an answer and returns the body and
// status of the first part whose status is 400 or more, or status 0 when
// every part succeeded.
func failedBatchPart(b string) (body string, status int, ok bool) {
	if !strings.HasPrefix(b, "--") || !strings.Contains(b, "\nHTTP/") {
		return "", 0, false
	}
	for rest := b; rest != ""; {
		i := strings.Index(rest, "\nHTTP/")
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		line, after, _ := strings.Cut(rest, "\n")
		// "HTTP/1.1 403 Forbidden": the status is the second field.
		f := strings.Fields(line)
		if len(f) < 2 || len(f[1]) != 3 || !isNumeric(f[1]) {
			continue
		}
		ok = true
		st := atoi3(f[1])
		if st < 400 || st > 599 {
			continue
		}
		// The response's headers end at the first empty line; its body
		// at the next boundary line.
		_, part, found := strings.Cut(strings.ReplaceAll(after, "\r\n", "\n"), "\n\n")
		if !found {
			return "", st, true
		}
		if j := strings.Index(part, "\n--"); j >= 0 {
			part = part[:j]
		}
		return part, st, true
	}
	return "", 0, ok
}

// looksLikePairs tells a body of key=value pairs joined by '&' or by lines,
// as payment gateways answer (NMI's response=2&responsetext=DECLINE,
// GMO's ErrCode=E01&ErrInfo=E01090008, TrustCommerce's status=decline
// lines), or with sep ':' of "Name: value" lines: at least two, each key an
// identifier.
func looksLikePairs(b string, sep byte) bool {
	n := 0
	for b != "" && n < 32 {
		var pair string
		pair, b = cutPair(b, sep)
		if pair == "" {
			continue
		}
		k, _, ok := strings.Cut(pair, string(sep))
		if sep == '=' {
			k = cutLengthTag(k)
		} else if !ok {
			return false
		}
		if k == "" || len(k) > 64 {
			return false
		}
		for i := 0; i < len(k); i++ {
			if !isCodeChar(k[i]) {
				return false
			}
		}
		if ok {
			n++ // a lone word among key=value pairs (Qvalent's response.end) is a marker
		}
	}
	return n >= 2
}

// cutLengthTag cuts the length in brackets that PayPal Payflow puts after
// the name of a value holding '&' or '=' (BILLTOLASTNAME[5]=& Foo).
func cutLengthTag(k string) string {
	if !strings.HasSuffix(k, "]") {
		return k
	}
	i := strings.LastIndexByte(k, '[')
	if i <= 0 || i == len(k)-2 {
		return k
	}
	for j := i + 1; j < len(k)-1; j++ {
		if k[j] < '0' || k[j] > '9' {
			return k
		}
	}
	return k[:i]
}

// pairSep returns '=' for a body of key=value pairs, ':' for one of "Name:
// value" lines (Joker's DMAPI: "Status-Code: 2202" then "Status-Text:
// Authorization error"), else 0.
func pairSep(b string) byte {
	switch {
	case looksLikePairs(b, '='):
		return '='
	case looksLikeFieldLines(b):
		return ':'
	}
	return 0
}

// looksLikeFieldLines tells a body of "Name: value" lines, one of whose
// names at least is a key JSON gives a role. One that opens with "Error:"
// or with a code ("invalid_token: The access token expired") is text whose
// following lines explain it (Authelia's error page).
func looksLikeFieldLines(b string) bool {
	if _, errText := cutErrorPrefix(b); errText || !looksLikePairs(b, ':') {
		return false
	}
	first, _, _ := strings.Cut(b, ":")
	if looksLikeCode(strings.TrimSpace(first)) {
		return false
	}
	for n := 0; b != "" && n < 32; n++ {
		var line string
		line, b = cutPair(b, ':')
		k, _, _ := strings.Cut(line, ":")
		if role, _ := classifyKey(k); role != roleNone {
			return true
		}
		if role, _ := gatewayRole(k); role != roleNone {
			return true
		}
	}
	return false
}

// cutPair cuts the first pair, trimmed, off a body of pairs joined by '&'
// or by lines (sep '='), or of "Name: value" lines (sep ':').
func cutPair(b string, sep byte) (pair, rest string) {
	ends := "&\n"
	if sep == ':' {
		ends = "\n"
	}
	if i := strings.IndexAny(b, ends); i >= 0 {
		return strings.TrimSpace(b[:i]), b[i+1:]
	}
	return strings.TrimSpace(b), ""
}

// extractPairs reads key=value pairs as one flat JSON object: the same keys
// name the code, the message and the failure flags. Pairs that name no
// error make the body data, a success when no status says otherwise.
func extractPairs(x *extraction, b string, sep byte) {
	var f objectFrame
	f.drank, f.d2rank, f.trank = 127, 127, 127
	for b != "" {
		var pair string
		pair, b = cutPair(b, sep)
		k, v, _ := strings.Cut(pair, string(sep))
		url := sep == '=' // form-encoded; "Name: value" lines are plain text
		if url {
			k = cutLengthTag(k)
		} else {
			v = strings.TrimSpace(v)
		}
		if d := strings.LastIndexByte(k, '.'); d >= 0 {
			k = k[d+1:] // Qvalent's response.text, response.responseCode
		}
		if k == "" {
			continue
		}
		role, rank := classifyKey(k)
		if role == roleNone {
			role, rank = gatewayRole(k)
		}
		if rest, ok := strings.CutPrefix(k, "L_"); ok && role == roleNone {
			// PayPal NVP's lists: L_ERRORCODE0, L_LONGMESSAGE0 name the
			// first error's code and message.
			role, rank = classifyKey(strings.TrimRight(rest, "0123456789"))
		}
		x.stringValue(&f, k, role, rank, text{raw: v, esc: url && strings.ContainsAny(v, "%+"), url: url}, 1)
		if isOddResult(role, k, v) {
			// A numeric result other than 0 or 1 (Payflow's RESULT=12
			// beside RESPMSG=Declined), as in XML: with a message that
			// reads as an error, the answer is one under any status.
			x.oddCode = true
		}
	}
	n := x.n
	x.emit(&f, holder{}, false, false, 1)
	x.data = x.n == n && !x.failure
	// "Name: value" lines are text: a message among them whose words read
	// as an error, even weakly, makes the answer one, as a line of text
	// does ("Message: Internal error").
	if sep == ':' {
		x.prose = x.anyDesc.raw != ""
	}
}

// gatewayRole gives the roles of card gateways' keys that XML and
// key=value answers use and JSON data does not: Cybersource's Simple Order
// API decision (REJECT, ERROR and ACCEPT) beside its reasonCode. In JSON a
// "decision" is a verdict the data holds (a fraud score's, a review's).
func gatewayRole(k string) (keyRole, int8) {
	switch {
	case strings.EqualFold(k, "decision"):
		return roleFlag, 0
	case strings.EqualFold(k, "reasonCode"):
		return roleCode, rankCode
	}
	return roleNone, 0
}

// unwrapJSONP returns the JSON inside a JSONP callback
// (`jQuery1810_1353063257054({"meta": ...})`), or b as it is.
func unwrapJSONP(b string) string {
	i := 0
	for i < len(b) && i < 128 && (isCodeChar(b[i]) || b[i] == '$') {
		i++
	}
	if i == 0 || i == len(b) || b[i] != '(' {
		return b
	}
	inner, closed := strings.CutSuffix(strings.TrimRight(b, "; \t\r\n"), ")")
	if !closed {
		return b
	}
	inner = strings.TrimSpace(inner[i+1:])
	if inner == "" || (inner[0] != '{' && inner[0] != '[') {
		return b
	}
	return inner
}

// extractHTML keeps the text of an HTML error page's heading and title as
// its message ("Forbidden ... Please verify your key= parameter"): under an
// error status inference reads it as it reads any message, and a page's
// words that only restate the status leave the answer to the status.
func extractHTML(x *extraction, b string, status int) bool {
	found, generic := false, ""
	if rest, ok := cutErrorPrefix(htmlElementText(b, "body")); ok && rest != "" {
		// A page whose text opens by saying it is an error is one, under
		// any status, whatever its title (PWSweather's "ERROR: Not a
		// vailid Station ID/Password" under "PWS Weather Station Update").
		x.failure = true
		x.noteDesc(htmlText(rest), 1)
		return true
	}
	if namesErrorPage(htmlElementText(b, "title")) {
		// A page titled as an error is one, under any status: a server's
		// error page sent with 200 (Rock RMS's "Rock - Error", ASP.NET's
		// "Runtime Error").
		x.failure = true
	}
	if t := htmlElementText(b, "pre"); status == 0 && isExpressNotFound(t) {
		// Express's default page for a route it does not have, "<title>
		// Error</title>" over "<pre>Cannot GET /whoami</pre>": a 404.
		x.bodyStatus, x.bodyStatusKey = 404, "pre"
		x.failure = true
	}
	for _, tag := range [...]string{"h1", "title", "pre", "body", "p"} {
		if found && (tag == "pre" || tag == "p" || tag == "body") {
			break // a page with a heading or title is read by them
		}
		t := htmlElementText(b, tag)
		if t == "" {
			continue
		}
		letters := reasonLetters(t)
		if letters == "" {
			// A heading or title that says no more than "Error" leaves the
			// page's text to be read (ENTSO-E's "<title>Error</title>" over
			// "Unauthorized. Missing or invalid security token").
			continue
		}
		if isGenericHeading(letters) && !found {
			// "An error occurred." heads nginx's stock 50x page above
			// "Sorry, the page you are looking for is currently
			// unavailable": the text below says which failure it is, and
			// the heading is the message only when there is none.
			if generic == "" {
				generic = t
			}
			continue
		}
		found = true
		if !restatesReason(letters, status) {
			// One that restates the status is a server's stock page.
			x.noteDesc(htmlText(t), 2)
		}
	}
	if !found && generic != "" {
		x.noteDesc(htmlText(generic), 2)
		found = true
	}
	return found
}

// namesErrorPage reports a page title that names an error: "Error", or a
// part of it, between a site's name and separators, that is or ends in
// "Error" ("Rock - Error", "Runtime Error", "500 Internal Server Error").
func namesErrorPage(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) < 5 || len(t) > 80 {
		return false
	}
	for len(t) > 0 {
		part := t
		if i := strings.IndexAny(t, "-|–—:"); i >= 0 {
			part, t = t[:i], t[i+1:]
		} else {
			t = ""
		}
		part = strings.TrimSpace(part)
		if strings.EqualFold(part, "error") || len(part) > 6 && hasSuffixFold(part, " error") {
			return true
		}
	}
	return false
}

// isGenericHeading reports a heading that, as reasonLetters reads it, says
// only that something failed.
func isGenericHeading(letters string) bool {
	switch letters {
	case "anoccurred", "anunexpectedoccurred", "somethingwentwrong", "oopssomethingwentwrong":
		return true
	}
	return false
}

// isLoneElement reports whether an XML document is one element holding
// text alone, after any prolog (<xml>You are not authorized ...</xml>).
// Text that holds markup or a JSON document is no sentence.
func isLoneElement(b string) bool {
	for strings.HasPrefix(b, "<?") || strings.HasPrefix(b, "<!") {
		i := strings.IndexByte(b, '>')
		if i < 0 {
			return false
		}
		b = strings.TrimSpace(b[i+1:])
	}
	open := strings.IndexByte(b, '>')
	if len(b) < 2 || b[0] != '<' || open < 1 || b[open-1] == '/' {
		return false
	}
	rest := b[open+1:]
	end := strings.IndexByte(rest, '<')
	if end < 0 || !strings.HasPrefix(rest[end:], "</") || strings.IndexByte(rest[end+1:], '<') >= 0 {
		return false // no closing tag, or more elements after the first
	}
	t := strings.TrimSpace(rest[:end])
	return t != "" && t[0] != '{' && t[0] != '[' && !strings.HasPrefix(t, "&lt;")
}

// htmlText is a page's text as a description, its entities still to unescape.
func htmlText(t string) text {
	return text{raw: t, esc: strings.Contains(t, "&"), xml: true}
}

// legacyReasons are the reason phrases servers still send for statuses
// RFC 9110 renamed.
var legacyReasons = map[int]string{
	408: "Request Time-out", 413: "Request Entity Too Large", 414: "Request-URI Too Long",
	416: "Requested Range Not Satisfiable", 504: "Gateway Time-out",
}

// restatesReason reports whether an HTML page's heading, as reasonLetters
// reads it, says no more than its status ("504 Gateway Time-out", "HTTP
// Status 404 – Not Found"): letters alone compared, "HTTP", "Status" and
// "Error" left out.
func restatesReason(got string, status int) bool {
	if status == 0 {
		return false
	}
	legacy, ok := legacyReasons[status]
	return got == reasonLetters(http.StatusText(status)) || ok && got == reasonLetters(legacy)
}

func reasonLetters(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if w != "http" && w != "status" && w != "error" {
			b.WriteString(w)
		}
	}
	return b.String()
}

// htmlElementText returns the trimmed text of the first <tag> element, up
// to the next tag inside it, bounded in length.
func htmlElementText(b, tag string) string {
	i := indexFold(b, "<"+tag)
	if i < 0 {
		return ""
	}
	rest := b[i+len(tag)+1:]
	if rest == "" || (rest[0] != '>' && rest[0] != ' ') {
		return "" // <header>, <h1x>
	}
	gt := strings.IndexByte(rest, '>')
	if gt < 0 {
		return ""
	}
	rest = rest[gt+1:]
	if end := strings.IndexByte(rest, '<'); end >= 0 {
		rest = rest[:end]
	}
	if len(rest) > 256 {
		rest = rest[:256]
	}
	return trimEscapedSpace(rest)
}

// trimEscapedSpace trims white space and the escapes of it, \n, \r and \t
// as two characters each: a page pasted as a JSON string ("<body>\n<h1>")
// keeps its line breaks so.
func trimEscapedSpace(s string) string {
	for {
		t := strings.TrimSpace(s)
		for _, e := range [...]string{`\n`, `\r`, `\t`} {
			t = strings.TrimSuffix(strings.TrimPrefix(t, e), e)
		}
		if t == s {
			return t
		}
		s = t
	}
}

// isExpressNotFound reports Express's text for a route it does not serve:
// "Cannot " and an HTTP method in capitals, then the path.
func isExpressNotFound(t string) bool {
	rest, ok := strings.CutPrefix(t, "Cannot ")
	if !ok {
		return false
	}
	method, path, ok := strings.Cut(rest, " ")
	return ok && strings.HasPrefix(path, "/") && slices.Contains([]string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}, method)
}
