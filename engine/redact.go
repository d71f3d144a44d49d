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

// secretKeys name parameters whose values are credentials. They are matched
// case-insensitively at a word boundary, followed by "=", ":" or a JSON
// quote and colon.
var secretKeys = []string{
	"client_secret", "refresh_token", "access_token", "id_token", "code",
	"api_key", "apikey", "api-key", "x-api-key", "password", "secret",
	"client_assertion", "assertion", "token", "authorization", "session",
	"sessionid", "cookie", "code_verifier",
}

// secretKeysByFirst indexes secretKeys by their first letter, so that most
// positions of a text are dismissed with one lookup.
var secretKeysByFirst = func() (t [256][]string) {
	for _, k := range secretKeys {
		t[k[0]] = append(t[k[0]], k)
	}
	return t
}()

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
	if window := 4*maxLen + 64; len(s) > window {
		s = s[:window]
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
// returns may begin later than i, after the key that announces it). Every
// form of secret starts with a word, so the word at i is read once and the
// forms are told apart by its length and what follows it.
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
	// "Bearer <token>" and "Basic <credentials>".
	if word := s[i:w]; w < len(s) && s[w] == ' ' && (len(word) == 6 && strings.EqualFold(word, "bearer") || len(word) == 5 && strings.EqualFold(word, "basic")) {
		j := w + 1
		k := j
		for k < len(s) && isTokenChar(s[k]) {
			k++
		}
		if k-j >= 8 {
			return j, k, true
		}
	}
	// A JWT: three base64url parts starting with "eyJ".
	if strings.HasPrefix(s[i:], "eyJ") {
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
	// key=value, key: value, "key":"value": the word is a secret key when a
	// separator follows it.
	if j, ok := valueAfterKey(s, w); ok && isSecretKey(s[i:w]) {
		k := j
		for k < len(s) && s[k] != '&' && s[k] != '"' && s[k] != ',' && s[k] != ' ' && s[k] != ';' && s[k] != '\'' {
			k++
		}
		if k > j {
			return j, k, true
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

// valueAfterKey returns where the value starts when a key ending at j is
// followed by an optional closing quote, spaces and "=" or ":".
func valueAfterKey(s string, j int) (int, bool) {
	if j < len(s) && s[j] == '"' {
		j++
	}
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || (s[j] != '=' && s[j] != ':') {
		return 0, false
	}
	j++
	for j < len(s) && (s[j] == ' ' || s[j] == '"') {
		j++
	}
	return j, true
}

func isSecretKey(word string) bool {
	for _, key := range secretKeysByFirst[word[0]|0x20] {
		if len(key) == len(word) && strings.EqualFold(key, word) {
			return true
		}
	}
	return false
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
