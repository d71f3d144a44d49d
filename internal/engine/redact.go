package engine

import (
	"strings"
	"unicode/utf8"
)

const (
	// maxUpstreamText bounds upstream_description in answers.
	maxUpstreamText = 256
	// maxUpstreamCode bounds upstream_code in answers.
	maxUpstreamCode = 96
	// maxEvidenceValue bounds the value part of one evidence string.
	maxEvidenceValue = 96
	// maxEvidenceKey bounds each JSON key named in evidence.
	maxEvidenceKey = 48
	redacted       = "[REDACTED]"
)

// secretKeys name parameters whose values are credentials, compared after
// lowercasing and dropping '_' and '-', so that client_secret, clientSecret
// and CLIENT-SECRET are one key. They are matched at a word boundary,
// followed by "=", ":" or a JSON quote and colon.
var secretKeys = map[string]bool{
	"clientsecret": true, "refreshtoken": true, "accesstoken": true, "idtoken": true, "code": true,
	"authcode": true, "authorizationcode": true, "apikey": true, "xapikey": true, "apitoken": true,
	"apisecret": true, "secretkey": true, "privatekey": true, "accesskey": true, "secretaccesskey": true,
	"awssecretaccesskey": true, "sessiontoken": true, "authtoken": true, "bearertoken": true,
	"password": true, "passwd": true, "pwd": true, "pass": true, "passphrase": true, "secret": true,
	"clientassertion": true, "assertion": true, "token": true, "authorization": true,
	"proxyauthorization": true, "session": true, "sessionid": true, "sid": true, "cookie": true,
	"setcookie": true, "codeverifier": true, "otp": true, "pin": true, "signature": true,
	"xamzsecuritytoken": true, "subjecttoken": true, "devicecode": true,
}

// spacedValueKeys hold values that may contain spaces (a passphrase, an
// Authorization header's scheme and credentials): unquoted, they run to the
// end of the line or of the parameter.
var spacedValueKeys = map[string]bool{
	"password": true, "passwd": true, "pwd": true, "pass": true, "passphrase": true, "secret": true,
	"clientsecret": true, "cookie": true, "setcookie": true,
}

// authSchemes are the HTTP authentication schemes whose next token is a
// credential.
var authSchemes = map[string]bool{"bearer": true, "basic": true, "token": true, "dpop": true, "ssws": true, "negotiate": true, "ntlm": true, "digest": true}

// tokenPrefixes start well-known credential formats: GitHub, GitLab, Slack,
// Stripe, AWS, Google, OpenAI, Anthropic, SendGrid, Square, Shopify.
var tokenPrefixes = []string{
	"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-",
	"xoxe-", "xapp-", "sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_", "sk-ant-", "sk-proj-", "sk-",
	"AKIA", "ASIA", "AIza", "ya29.", "SG.", "sq0atp-", "sq0csp-", "EAAG", "EAAC", "shpat_", "shpss_", "shpca_",
}

// Sanitize makes upstream text safe to return and log: invalid UTF-8 and
// control characters replaced, anything that looks like a credential (bearer
// tokens, JWTs, client_secret=, refresh_token=, code=, API keys, long opaque
// strings) replaced by [REDACTED], and the result cut to at most max bytes on
// a rune boundary. Clean short text is returned as it is, without
// allocating.
func Sanitize(s string, maxLen int) string {
	if isClean(s, maxLen) {
		return s
	}
	return string(appendRedacted(make([]byte, 0, min(len(s), maxLen)+len(redacted)), s, maxLen))
}

// isClean reports whether Sanitize would return s unchanged.
func isClean(s string, maxLen int) bool {
	return len(s) <= maxLen && isPlain(s) && nextSecret(s, 0) < 0
}

// appendSanitized appends Sanitize(s, maxLen) to dst.
func appendSanitized(dst []byte, s string, maxLen int) []byte {
	if isClean(s, maxLen) {
		return append(dst, s...)
	}
	return appendRedacted(dst, s, maxLen)
}

// appendRedacted appends s to dst redacted, cleaned and cut: the work of
// Sanitize for text that is not clean.
func appendRedacted(dst []byte, s string, maxLen int) []byte {
	// At most maxLen bytes are kept, so only a window of s is read: a
	// secret running past it is redacted up to its edge, far past the cut,
	// and a hostile megabyte of text costs no more than a kilobyte.
	whole := len(s)
	hidden := false // the window cuts a word whose end cannot be seen
	if window := 4*maxLen + 64; len(s) > window {
		// A word the window cuts may be a secret whose telling part lies
		// past the cut (the digits of a long key): it is redacted whole,
		// as nobody can judge it from its start.
		hidden = charClass[s[window-1]]&cToken != 0 && charClass[s[window]]&cToken != 0
		s = s[:window]
		if hidden {
			k := window
			for k > 0 && charClass[s[k-1]]&cToken != 0 {
				k--
			}
			s = s[:k]
		}
	}
	base := len(dst)
	i := 0
	for i < len(s) && len(dst)-base < maxLen {
		if i == 0 || !isWordChar(s[i-1]) {
			if start, end, ok := secretAt(s, i); ok {
				dst = append(dst, s[i:start]...)
				dst = append(dst, redacted...)
				i = end
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			dst = utf8.AppendRune(dst, utf8.RuneError)
		case r < 0x20 || r == 0x7f:
			dst = append(dst, ' ')
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	if hidden && len(dst)-base < maxLen {
		dst = append(dst, redacted...)
	}
	if i < whole || len(dst)-base > maxLen {
		// Mark the cut so nobody mistakes a prefix for the whole.
		limit := base + max(0, maxLen-len("…"))
		if len(dst) > limit {
			cut := limit
			for cut > base && !utf8.RuneStart(dst[cut]) {
				cut--
			}
			dst = dst[:cut]
		}
		dst = append(dst, "…"...)
	}
	return dst
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f {
			if c >= 0x80 {
				return utf8.ValidString(s[i:]) && noControl(s[i:])
			}
			return false
		}
	}
	return true
}

func noControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// nextSecret returns the index at which the next secret starts, or -1.
func nextSecret(s string, from int) int {
	for i := from; i < len(s); i++ {
		if i > 0 && isWordChar(s[i-1]) || !isWordChar(s[i]) {
			continue // secrets start with a word, at a word boundary
		}
		if _, _, ok := secretAt(s, i); ok {
			return i
		}
	}
	return -1
}

// secretAt reports whether a secret starts at or right after i (the span it
// returns may begin later than i, after the key or scheme that announces
// it). Every form of secret starts with a word, so the word at i is read
// once and the forms are told apart by what it is and what follows it.
func secretAt(s string, i int) (start, end int, ok bool) {
	if i > 0 && isWordChar(s[i-1]) {
		return 0, 0, false
	}
	// The word, noting the classes of characters for the opaque string test
	// below.
	w := i
	var seen uint8
	for w < len(s) {
		cl := charClass[s[w]]
		if cl&cWord == 0 {
			break
		}
		seen |= cl
		w++
	}
	if w == i {
		return 0, 0, false
	}
	word := s[i:w]
	// A PEM block, whole.
	if strings.HasPrefix(word, "-----BEGIN") {
		if e := strings.Index(s[w:], "-----END"); e >= 0 {
			k := w + e + len("-----END")
			if f := strings.Index(s[k:], "-----"); f >= 0 {
				return i, k + f + len("-----"), true
			}
		}
		return i, len(s), true
	}
	// "Bearer <token>", "Basic <credentials>", "Digest username=...": a
	// scheme and its credential. An auth-param such as realm="api" or
	// error="invalid_token" after the scheme is a challenge, not a secret.
	var fold [24]byte
	if w < len(s) && s[w] == ' ' && len(word) <= 9 && authSchemes[string(foldKey(&fold, word))] {
		j := w + 1
		k := j
		param := false
		for k < len(s) && isTokenChar(s[k]) {
			if s[k] == '=' && k+1 < len(s) && s[k+1] != '=' && isTokenChar(s[k+1]) || s[k] == '=' && k+1 < len(s) && s[k+1] == '"' {
				param = true
			}
			k++
		}
		if k > j && !param && (strings.EqualFold(word, "bearer") || strings.EqualFold(word, "basic") || looksOpaque(s[j:k])) {
			return j, k, true
		}
		if param && strings.EqualFold(word, "digest") {
			return j, lineEnd(s, j), true
		}
	}
	// A JWT: three base64url parts starting with "eyJ".
	if strings.HasPrefix(word, "eyJ") {
		k := i
		dots := 0
		for k < len(s) && (isWordChar(s[k]) || s[k] == '.') { // base64url is made of word characters
			if s[k] == '.' {
				dots++
			}
			k++
		}
		if dots >= 2 && k-i >= 20 {
			return i, k, true
		}
	}
	// A credential in a well-known format: ghp_..., sk_live_..., AKIA...
	for _, p := range tokenPrefixes {
		if strings.HasPrefix(s[i:], p) {
			k := i + len(p)
			for k < len(s) && isTokenChar(s[k]) {
				k++
			}
			if k-i-len(p) >= 8 {
				return i, k, true
			}
		}
	}
	// key=value, key: value, "key":"value", key='value': the word is a
	// secret key when a separator follows it.
	if j, quote, ok := valueAfterKey(s, w); ok {
		if key := lowerKeyWord(word); secretKeys[key] {
			k := j
			switch {
			case quote != 0:
				for k < len(s) && s[k] != quote {
					k++
				}
				if key == "code" && isErrorName(s[j:k]) {
					return 0, 0, false
				}
			case key == "authorization" || key == "proxyauthorization":
				// A scheme and credentials, Digest's quoted parameters
				// included: the rest of the line.
				for k < len(s) && s[k] != '\n' && s[k] != '\r' {
					k++
				}
			case spacedValueKeys[key]:
				k = lineEnd(s, j)
			default:
				for k < len(s) && s[k] != '&' && s[k] != '"' && s[k] != ',' && s[k] != ' ' && s[k] != ';' && s[k] != '\'' && s[k] != '\n' {
					k++
				}
				if key == "code" && isErrorNumber(s, w, j, k) {
					return 0, 0, false
				}
			}
			if k > j {
				return j, k, true
			}
		}
	}
	// A long opaque string mixing letters and digits: an API key or token.
	// It continues the word through token punctuation.
	k := w
	for k < len(s) && charClass[s[k]]&cToken != 0 {
		seen |= charClass[s[k]]
		k++
	}
	if k-i >= 32 && seen&cDigit != 0 && seen&(cLower|cUpper) != 0 && !strings.Contains(s[i:k], "//") {
		return i, k, true
	}
	return 0, 0, false
}

// isErrorName reports a quoted "code" value that names an error
// ("resource_missing", "TRANSACTION.DOES_NOT_EXIST", "E0000011",
// "invalidRequest") rather than holding an OAuth authorization or one-time
// code, which is random: long, digits alone, or lower case mixed with
// digits.
func isErrorName(v string) bool {
	if v == "" || len(v) > 64 {
		return false
	}
	var lower, upper, digit, sep bool
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case 'a' <= c && c <= 'z':
			lower = true
		case 'A' <= c && c <= 'Z':
			upper = true
		case '0' <= c && c <= '9':
			digit = true
		case c == '_' || c == '.' || c == '-':
			sep = true
		default:
			return false
		}
	}
	switch {
	case !lower && !upper, lower && digit && (upper || !sep):
		return false // digits alone, or lower case mixed with digits: a one-time or authorization code
	}
	return sep || len(v) <= 20
}

// isErrorNumber reports a "code" whose value, s[j:k], is a short JSON
// number after a colon ({"code": 422}): an error code, where an OAuth
// authorization code is an opaque string and a one-time code a quoted one.
func isErrorNumber(s string, w, j, k int) bool {
	if k-j > 5 || !strings.Contains(s[w:j], ":") {
		return false
	}
	for _, c := range []byte(s[j:k]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return k == len(s) || s[k] == ',' || s[k] == '}' || s[k] == ']' || s[k] == ' ' || s[k] == '\n' || s[k] == '\r'
}

// looksOpaque tells a credential from a word of prose after "Token" or
// "Negotiate": long, or with digits among letters.
func looksOpaque(v string) bool {
	if len(v) >= 20 {
		return true
	}
	digits, letters := false, false
	for i := 0; i < len(v); i++ {
		cl := charClass[v[i]]
		digits = digits || cl&cDigit != 0
		letters = letters || cl&(cLower|cUpper) != 0
	}
	return len(v) >= 8 && digits && letters
}

// lineEnd returns where the value starting at j ends when it may hold
// spaces: at the end of the line, of a form parameter, or of a JSON string.
func lineEnd(s string, j int) int {
	k := j
	for k < len(s) && s[k] != '\n' && s[k] != '\r' && s[k] != '&' && s[k] != '"' && s[k] != ';' && s[k] != ',' {
		k++
	}
	for k > j && s[k-1] == ' ' {
		k--
	}
	return k
}

// valueAfterKey returns where the value starts when a key ending at j is
// followed by an optional closing quote, spaces and "=" or ":", and the
// quote that opens the value, if any.
func valueAfterKey(s string, j int) (int, byte, bool) {
	if j < len(s) && (s[j] == '"' || s[j] == '\'') {
		j++
	}
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || (s[j] != '=' && s[j] != ':') {
		return 0, 0, false
	}
	j++
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j < len(s) && (s[j] == '"' || s[j] == '\'') {
		return j + 1, s[j], true
	}
	return j, 0, true
}

// lowerKeyWord lowercases a word and drops its '_' and '-', for secretKeys;
// a word too long to be a key comes back empty.
func lowerKeyWord(word string) string {
	var buf [24]byte
	n := 0
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c == '_' || c == '-' {
			continue
		}
		if n == len(buf) {
			return ""
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return string(buf[:n])
}

// Classes of bytes for the redaction scan.
const (
	cWord  = 1 << iota // letters, digits, '_' and '-': words, and base64url
	cLower             // a-z
	cUpper             // A-Z
	cDigit             // 0-9
	cToken             // a word character or one of . ~ + / =: tokens and opaque keys
)

var charClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = cWord | cLower | cToken
		case 'A' <= c && c <= 'Z':
			t[c] = cWord | cUpper | cToken
		case '0' <= c && c <= '9':
			t[c] = cWord | cDigit | cToken
		case c == '_' || c == '-':
			t[c] = cWord | cToken
		case c == '.' || c == '~' || c == '+' || c == '/' || c == '=':
			t[c] = cToken
		}
	}
	return t
}()

func isWordChar(c byte) bool { return charClass[c]&cWord != 0 }

func isTokenChar(c byte) bool { return charClass[c]&cToken != 0 }
