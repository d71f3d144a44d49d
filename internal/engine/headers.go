package engine

// Reading headers: WWW-Authenticate challenges, Retry-After and the rate-limit
// headers, and the gRPC and AWS error headers.

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/errsvc/errsvc/catalog"
)

// extractHeaders reads WWW-Authenticate, Retry-After and the rate-limit
// headers. Header names are matched case-insensitively.
func extractHeaders(x *extraction, h map[string]string, now func() time.Time) {
	var remaining, reset, grpcStatus, grpcMessage, grpcDetails string
	vendor := signal{source: srcVendor, container: true}
	vendorDescName := ""
	retryPriority := 0 // 2 for a delay in milliseconds, 1 for Retry-After
	retryMsName := ""  // the millisecond header the delay came from
	for name, v := range h {
		switch {
		case strings.EqualFold(name, "WWW-Authenticate"):
			extractChallenge(x, v, srcHeader)
		case strings.EqualFold(name, "Retry-After"):
			if d, ok := parseRetryAfter(v, now); ok && retryPriority < 1 {
				x.retryAfter, x.hasRetryAfter, x.retrySource, x.retryRaw = d, true, "header.retry-after", v
				retryPriority = 1
			}
		case strings.EqualFold(name, "Retry-After-Ms"), strings.EqualFold(name, "X-Ms-Retry-After-Ms"):
			// Azure and OpenAI-style APIs give the delay in milliseconds; a
			// Retry-After in seconds, when also sent, is coarser and
			// gives way, whichever comes first.
			if ms, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && ms >= 0 && (retryPriority < 2 || lessFold(name, retryMsName)) {
				x.retryAfter, x.hasRetryAfter, x.retrySource, x.retryRaw = clampDelay(time.Duration(ms*float64(time.Millisecond))), true, "header."+strings.ToLower(name), v
				retryPriority, retryMsName = 2, name
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
				x.add(&s)
			}
		case strings.EqualFold(name, "X-RateLimit-Remaining"), strings.EqualFold(name, "RateLimit-Remaining"):
			remaining = v
		case strings.EqualFold(name, "X-RateLimit-Reset"), strings.EqualFold(name, "RateLimit-Reset"):
			reset = v
		case isVendorErrorHeader(name, vendorCodeSuffixes):
			// Gateways name the error in a header of their own: Mashery's
			// X-Mashery-Error-Code, InfluxDB's X-Platform-Error-Code,
			// Azure Storage's x-ms-error-code, ClickHouse's
			// X-ClickHouse-Exception-Code.
			v = strings.TrimSpace(v)
			if v != "" && v != "0" && !isSuccessWord(v) {
				// Headers come in map order: keep the candidates sorted
				// by name, so that the same request reads the same way.
				addVendorCode(&vendor, candidate{code: text{raw: v}, key: name, rank: rankCode, numeric: isNumeric(v)})
			}
		case isVendorErrorHeader(name, vendorDescSuffixes) || strings.EqualFold(name, "X-Error"):
			// Mashery's X-Error-Detail-Header: "Account Over Queries Per
			// Second Limit"; Pocket's X-Error: "Invalid consumer key."
			// beside its X-Error-Code. Of several, the first by name.
			if vendor.desc.raw == "" || lessFold(name, vendorDescName) {
				vendor.desc, vendorDescName = text{raw: strings.TrimSpace(v)}, name
			}
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
	if vendor.ncands > 0 {
		x.add(&vendor)
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

var (
	vendorCodeSuffixes = []string{"-error-code", "-errorcode", "-exception-code"}
	vendorDescSuffixes = []string{"-error-message", "-error-detail", "-error-detail-header", "-error-description"}
)

// addVendorCode inserts c among the signal's candidates in order of
// header name, keeping the first maxCandidates.
func addVendorCode(s *signal, c candidate) {
	i := s.ncands
	for i > 0 && lessFold(c.key, s.cands[i-1].key) {
		i--
	}
	if i >= maxCandidates {
		return
	}
	n := min(s.ncands, maxCandidates-1)
	copy(s.cands[i+1:n+1], s.cands[i:n])
	s.cands[i] = c
	s.ncands = n + 1
}

// lessFold orders header names ignoring ASCII case.
func lessFold(a, b string) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := a[i]|0x20, b[i]|0x20
		if ca != cb {
			return ca < cb
		}
	}
	return len(a) < len(b)
}

// isVendorErrorHeader reports whether a header's name ends in one of the
// suffixes, after a vendor prefix ("X-Mashery" of X-Mashery-Error-Code).
func isVendorErrorHeader(name string, suffixes []string) bool {
	for _, s := range suffixes {
		if len(name) > len(s) && hasSuffixFold(name, s) {
			return true
		}
	}
	return false
}

// hasHeader reports whether the request carried the header, with a value
// that begins with the condition's prefix when it has one.
func hasHeader(h map[string]string, c catalog.HeaderCond) bool {
	for k, v := range h {
		if strings.EqualFold(k, c.Name) {
			v = strings.TrimSpace(v)
			if len(v) >= len(c.Prefix) && strings.EqualFold(v[:len(c.Prefix)], c.Prefix) {
				return true
			}
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

// extractChallenge reads error and error_description (OAuth 1.0's
// oauth_problem and oauth_problem_advice too) from a WWW-Authenticate value,
// or from a body written in its syntax. It is tolerant: parameters are
// found by name wherever they are, so that "Bearer, error=..." and several
// challenges in one value work.
func extractChallenge(x *extraction, v string, src source) {
	var code, desc text
	codeKey := "error"
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
		case strings.EqualFold(name, "oauth_problem") && code.raw == "":
			code, codeKey = val, "oauth_problem" // OAuth 1.0's Problem Reporting
		case (strings.EqualFold(name, "error_description") || strings.EqualFold(name, "oauth_problem_advice")) && desc.raw == "":
			desc = val
		}
	}
	if code.raw == "" {
		if desc.raw == "" && isChallengeProse(v) {
			// No challenge at all but a sentence (Gloo's "API key is
			// missing or invalid" under 401): the sentence is the message.
			x.add(&signal{source: src, desc: text{raw: strings.TrimSpace(v)}, container: true})
		}
		return
	}
	s := signal{source: src, desc: desc, ncands: 1, container: true}
	s.cands[0] = candidate{code: code, key: codeKey}
	x.add(&s)
}

// isChallengeProse reports a WWW-Authenticate value that is a sentence
// rather than challenges: three words or more, no parameter, and a first
// word that names no authentication scheme.
func isChallengeProse(v string) bool {
	v = strings.TrimSpace(v)
	if strings.IndexByte(v, '=') >= 0 || strings.Count(v, " ") < 2 {
		return false
	}
	first, _, _ := strings.Cut(v, " ")
	switch strings.ToLower(first) {
	case "basic", "bearer", "digest", "negotiate", "ntlm", "hoba", "mutual", "dpop", "token", "oauth", "key", "apikey", "kerberos", "privatetoken", "vapid", "sharedkey":
		return false
	}
	return true
}
