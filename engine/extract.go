package engine

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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
	}
	return "unknown"
}

// text is a piece of the input, still escaped the way its format escapes it
// (JSON backslashes or URL percent-encoding) when esc is set.
type text struct {
	raw string
	esc bool
	url bool // escaped with URL percent-encoding rather than JSON
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
	return string(appendJSONUnescaped(nil, t.raw))
}

// appendTo appends the unescaped text to dst.
func (t text) appendTo(dst []byte) []byte {
	if !t.esc {
		return append(dst, t.raw...)
	}
	if t.url {
		return append(dst, unescapeURL(t.raw)...)
	}
	return appendJSONUnescaped(dst, t.raw)
}

// candidate is one code-like value of an error object.
type candidate struct {
	code    text
	key     string
	rank    int8
	numeric bool
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
	etype    text
	depth    int8
	resource bool
	// container is set for error objects: the value of "error", an element
	// of "errors", a SOAP Fault, anything a header or redirect says is an
	// error. Their codes and words are errors even under a 2xx status.
	container bool
}

// extraction is everything read from one request.
type extraction struct {
	jsonState
	sigs [maxSignals]signal
	n    int

	// anyDesc is the best description seen anywhere, for signals whose own
	// object carries none.
	anyDesc  text
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
	// success is set when the envelope says the answer succeeded: "ok":
	// true, "success": true.
	success bool
}

func (x *extraction) add(s signal) {
	if x.n < maxSignals {
		x.sigs[x.n] = s
		x.n++
	}
}

func (x *extraction) noteDesc(v text, rank int8) {
	if x.anyDesc.raw == "" || rank < x.anyDrank {
		x.anyDesc, x.anyDrank = v, rank
	}
}

func (x *extraction) hasCode() bool {
	for i := 0; i < x.n; i++ {
		if x.sigs[i].ncands > 0 {
			return true
		}
	}
	return false
}

// extractHeaders reads WWW-Authenticate, Retry-After and the rate-limit
// headers. Header names are matched case-insensitively.
func extractHeaders(x *extraction, h map[string]string, now func() time.Time) {
	var remaining, reset, grpcStatus, grpcMessage, grpcDetails string
	for name, v := range h {
		switch {
		case strings.EqualFold(name, "WWW-Authenticate"):
			extractChallenge(x, v)
		case strings.EqualFold(name, "Retry-After"):
			if d, ok := parseRetryAfter(v, now); ok {
				x.retryAfter, x.hasRetryAfter, x.retrySource, x.retryRaw = d, true, "header.retry-after", v
			}
		case strings.EqualFold(name, "Retry-After-Ms"), strings.EqualFold(name, "X-Ms-Retry-After-Ms"):
			// Azure and OpenAI-style APIs give the delay in milliseconds; a
			// Retry-After in seconds, when also sent, is coarser.
			if ms, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && ms >= 0 {
				x.retryAfter, x.hasRetryAfter, x.retrySource, x.retryRaw = clampDelay(time.Duration(ms*float64(time.Millisecond))), true, "header."+strings.ToLower(name), v
			}
		case strings.EqualFold(name, "grpc-status"):
			grpcStatus = v
		case strings.EqualFold(name, "grpc-message"):
			grpcMessage = v
		case strings.EqualFold(name, "grpc-status-details-bin"):
			grpcDetails = v
		case strings.EqualFold(name, "X-Amzn-ErrorType"):
			if code := awsErrorType(v); code != "" {
				s := signal{source: srcAmzn, ncands: 1, container: true}
				s.cands[0] = candidate{code: text{raw: code}, key: "", rank: rankCode}
				x.add(s)
			}
		case strings.EqualFold(name, "X-RateLimit-Remaining"), strings.EqualFold(name, "RateLimit-Remaining"):
			remaining = v
		case strings.EqualFold(name, "X-RateLimit-Reset"), strings.EqualFold(name, "RateLimit-Reset"):
			reset = v
		case strings.EqualFold(name, "RateLimit"):
			// draft-ietf-httpapi-ratelimit-headers: RateLimit: "default";r=0;t=30
			if r, ok := sfParam(v, "r"); ok {
				remaining = r
			}
			if t, ok := sfParam(v, "t"); ok {
				reset = t
			}
		}
	}
	if grpcStatus != "" || grpcDetails != "" {
		extractGRPC(x, grpcStatus, grpcMessage, grpcDetails)
	}
	if strings.TrimSpace(remaining) == "0" {
		x.rateLimitExhausted = true
		if !x.hasRetryAfter && reset != "" {
			if d, ok := parseReset(reset, now); ok {
				x.retryAfter, x.hasRetryAfter, x.retrySource, x.retryRaw = d, true, "header.ratelimit-reset", reset
			}
		}
	}
}

// hasHeader reports whether the request carried header name (lowercase).
func hasHeader(h map[string]string, name string) bool {
	for k := range h {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// maxRetryAfter caps what errsvc passes on: a day is already absurd.
const maxRetryAfter = 24 * time.Hour

// parseRetryAfter reads delay-seconds (fractions tolerated) or an HTTP date.
func parseRetryAfter(v string, now func() time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if c := v[0]; '0' <= c && c <= '9' {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			return 0, false
		}
		return clampDelay(time.Duration(f * float64(time.Second))), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return clampDelay(t.Sub(now())), true
}

// parseReset reads a rate-limit reset: seconds from now, or a Unix time when
// the number is too large to be a delay.
func parseReset(v string, now func() time.Time) (time.Duration, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < 0 {
		return 0, false
	}
	if f > 1e9 {
		return clampDelay(time.Unix(int64(f), 0).Sub(now())), true
	}
	return clampDelay(time.Duration(f * float64(time.Second))), true
}

func clampDelay(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return min(d, maxRetryAfter)
}

// sfParam finds ;name=value in a structured-field header value.
func sfParam(v, name string) (string, bool) {
	for part := range strings.SplitSeq(v, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(k, name) {
			return strings.Trim(val, `" `), true
		}
	}
	return "", false
}

// extractChallenge reads error and error_description from a WWW-Authenticate
// value. It is tolerant: parameters are found by name wherever they are, so
// that "Bearer, error=..." and several challenges in one value work.
func extractChallenge(x *extraction, v string) {
	var code, desc text
	i := 0
	for i < len(v) {
		// Skip to the start of a token.
		for i < len(v) && (v[i] == ' ' || v[i] == ',' || v[i] == '\t') {
			i++
		}
		start := i
		for i < len(v) && v[i] != '=' && v[i] != ' ' && v[i] != ',' && v[i] != '\t' {
			i++
		}
		name := v[start:i]
		j := i
		for j < len(v) && v[j] == ' ' {
			j++
		}
		if j >= len(v) || v[j] != '=' {
			continue // a scheme name or a token68
		}
		i = j + 1
		for i < len(v) && v[i] == ' ' {
			i++
		}
		var val text
		if i < len(v) && v[i] == '"' {
			end := i + 1
			esc := false
			for end < len(v) && v[end] != '"' {
				if v[end] == '\\' {
					esc = true
					end++
				}
				end++
			}
			val = text{raw: v[i+1 : min(end, len(v))], esc: esc}
			i = end + 1
		} else {
			s := i
			for i < len(v) && v[i] != ',' && v[i] != ' ' {
				i++
			}
			val = text{raw: v[s:i]}
		}
		switch {
		case strings.EqualFold(name, "error") && code.raw == "":
			code = val
		case strings.EqualFold(name, "error_description") && desc.raw == "":
			desc = val
		}
	}
	if code.raw == "" {
		return
	}
	s := signal{source: srcHeader, desc: desc, ncands: 1, container: true}
	s.cands[0] = candidate{code: code, key: "error"}
	x.add(s)
}

// extractQuery reads error, error_description and error_code from a URL, a
// bare query or a fragment; parameters may be in the query, the fragment or
// both.
func extractQuery(x *extraction, u string, src source) {
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
	var code, desc text
	var codeKey string
	for len(q) > 0 {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		k, v, _ := strings.Cut(pair, "=")
		val := text{raw: v, esc: strings.ContainsAny(v, "%+"), url: true}
		switch k {
		case "error", "error_code", "errorCode", "error_type":
			if code.raw == "" && v != "" {
				code, codeKey = val, k
			}
		case "error_description", "error_message", "message":
			if desc.raw == "" {
				desc = val
			}
		}
	}
	if code.raw == "" {
		return
	}
	s := signal{source: src, desc: desc, ncands: 1, container: true}
	s.cands[0] = candidate{code: code, key: codeKey}
	x.add(s)
}

// looksLikeForm tells an application/x-www-form-urlencoded error body.
func looksLikeForm(b string) bool {
	return strings.HasPrefix(b, "error=") || strings.Contains(b, "&error=")
}

// extractText reads a plain-text body such as "invalid_grant",
// "invalid_token: the token expired" or "error: invalid_grant".
func extractText(x *extraction, b string) {
	line := b
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	if len(line) > 512 {
		return
	}
	for _, p := range []string{"error:", "error=", "Error:", "ERROR:"} {
		if rest, ok := strings.CutPrefix(line, p); ok {
			line = strings.TrimSpace(rest)
			break
		}
	}
	end := 0
	for end < len(line) && isCodeChar(line[end]) {
		end++
	}
	tok := line[:end]
	if !looksLikeCode(tok) {
		return
	}
	rest := strings.TrimSpace(strings.TrimLeft(line[end:], ":-= "))
	s := signal{source: srcText, desc: text{raw: rest}, ncands: 1}
	s.cands[0] = candidate{code: text{raw: tok}, key: "text"}
	x.add(s)
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
	return strings.ContainsAny(tok, "_.")
}

// extractXML reads SOAP faults and simple XML error documents by element
// name, ignoring namespaces prefixes.
func extractXML(x *extraction, b string) {
	var s signal
	s.source = srcXML
	drank := int8(127)
	i := 0
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
		if tag == "" || tag[0] == '/' || tag[0] == '?' || tag[0] == '!' || tag[len(tag)-1] == '/' {
			continue
		}
		name := tag
		if sp := strings.IndexAny(name, " \t\n"); sp >= 0 {
			name = name[:sp]
		}
		if c := strings.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		if isXMLErrorElement(name) {
			s.container = true
		}
		end := strings.IndexByte(b[i:], '<')
		if end < 0 {
			break
		}
		content := strings.TrimSpace(b[i : i+end])
		if content == "" {
			continue
		}
		val := text{raw: content, esc: strings.Contains(content, "&")}
		role, rank := classifyKey(name)
		if strings.EqualFold(name, "value") {
			role, rank = roleCode, rankReason // SOAP 1.2 Code/Value
		}
		switch role {
		case roleFlag:
			if isFailureWord(content) {
				s.container = true
			}
		case roleCode:
			if rank == rankType || (rank == rankStatus && !s.container) {
				continue
			}
			if strings.EqualFold(name, "faultcode") || strings.EqualFold(name, "value") {
				// soap:Client and the like: keep the local part.
				if c := strings.LastIndexByte(content, ':'); c >= 0 {
					val.raw = content[c+1:]
				}
			}
			if s.ncands < maxCandidates {
				s.cands[s.ncands] = candidate{code: val, key: name, rank: rank}
				s.ncands++
			}
		case roleDesc:
			if rank < drank {
				s.desc, drank = val, rank
			}
		}
	}
	if s.container {
		x.failure = true
	}
	if s.ncands > 0 || (s.container && s.desc.raw != "") {
		x.add(s)
	}
}

// isXMLErrorElement reports whether an XML element says the document is an
// error: a SOAP Fault, AWS's and Azure's <Error>, eBay's <Errors>.
func isXMLErrorElement(name string) bool {
	switch strings.ToLower(name) {
	case "fault", "error", "errors", "errorresponse", "exception":
		return true
	}
	return false
}

// isHTML tells a gateway's HTML error page, which only the status explains.
func isHTML(b string) bool {
	head := b
	if len(head) > 256 {
		head = head[:256]
	}
	return containsFold(head, "<!doctype html") || containsFold(head, "<html")
}

func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// appendJSONUnescaped decodes JSON string escapes. Invalid escapes are kept
// as they are; it never fails.
func appendJSONUnescaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			dst = append(dst, c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			dst = append(dst, '\n')
		case 't':
			dst = append(dst, '\t')
		case 'r':
			dst = append(dst, '\r')
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'u':
			if i+4 < len(s) {
				if r, err := strconv.ParseUint(s[i+1:i+5], 16, 32); err == nil {
					dst = utf8.AppendRune(dst, rune(r))
					i += 4
					continue
				}
			}
			dst = append(dst, '\\', 'u')
		default:
			dst = append(dst, s[i])
		}
	}
	return dst
}

func unescapeURL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b.WriteByte(' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
