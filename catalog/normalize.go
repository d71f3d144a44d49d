package catalog

import (
	"slices"
	"strings"
)

// MaxCodeLen bounds a normalized upstream code; longer codes are cut, which
// only matters for junk since no catalog code comes close.
const MaxCodeLen = 128

// NormalizeCode returns the form in which upstream codes are compared:
// surrounding space and a ": text" suffix dropped, lowercase, and runs of
// spaces, hyphens and underscores turned into one underscore, so that
// "Invalid Grant: code expired" and "invalid_grant" compare equal. A
// leading minus before a digit is a sign and stays.
func NormalizeCode(s string) string {
	var buf [MaxCodeLen]byte
	return string(AppendNormalized(buf[:0], s))
}

// AppendNormalized appends the normalized form of s to dst (see
// NormalizeCode). With a dst of capacity MaxCodeLen it does not allocate.
func AppendNormalized(dst []byte, s string) []byte {
	// A ": text" suffix is a description glued to the code.
	for off := 0; ; {
		i := strings.IndexByte(s[off:], ':')
		if i < 0 {
			break
		}
		if i += off; i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') {
			s = s[:i]
			break
		}
		off = i + 1
	}
	start, end := 0, len(s)
	for start < end && isSpace(s[start]) {
		start++
	}
	for end > start && (isSpace(s[end-1]) || s[end-1] == ':') {
		end--
	}
	s = s[start:end]
	// Write by index into room made once: appending byte by byte costs a
	// capacity check per byte on the catalog's hottest path.
	base := len(dst)
	dst = slices.Grow(dst, min(len(s), MaxCodeLen))
	out := dst[base : base+min(len(s), MaxCodeLen)]
	n, i := 0, 0
	if len(s) > 1 && s[0] == '-' && '0' <= s[1] && s[1] <= '9' {
		// A minus sign, not a separator: Binance's -2011 is not 2011.
		out[0] = '-'
		n, i = 1, 1
	}
	// n never passes i, so n < len(out) bounds the output at MaxCodeLen as
	// the input's end does, and spares the writes their bounds checks.
	for i < len(s) && n < len(out) {
		c := normalByte[s[i]]
		i++
		if c != '_' {
			out[n] = c
			n++
			continue
		}
		// A run of separators is read whole here, so that the bytes
		// between runs take the short path above with a single test: the
		// run becomes one '_' between the bytes around it, and nothing at
		// either end.
		for i < len(s) && normalByte[s[i]] == '_' {
			i++
		}
		if n == 0 || i == len(s) {
			continue
		}
		if n+1 >= len(out) {
			break // no room for the separator and what follows it
		}
		out[n] = '_'
		n++
	}
	return dst[:base+n]
}

// normalByte is how AppendNormalized writes each byte: a capital in lower
// case, a space, tab, hyphen or underscore as '_' (which marks a
// separator, since no other byte becomes one), any other byte as it is. One
// load per byte costs less than the comparisons it stands for.
var normalByte = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = byte(c) + 'a' - 'A'
	}
	for _, c := range " \t-_" {
		t[c] = '_'
	}
	return t
}()

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\''
}
