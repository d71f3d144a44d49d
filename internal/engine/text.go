package engine

// Text as it comes from the input, still escaped, and its unescaping.

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// text is a piece of the input, still escaped the way its format escapes it
// (JSON backslashes or URL percent-encoding) when esc is set.
type text struct {
	raw string
	esc bool
	url bool // escaped with URL percent-encoding rather than JSON
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
			if r, ok := hex4(s, i+1); ok {
				i += 4
				// A UTF-16 surrogate pair is two escapes for one rune.
				if utf16.IsSurrogate(r) && i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					if lo, ok := hex4(s, i+3); ok {
						if pair := utf16.DecodeRune(r, lo); pair != utf8.RuneError {
							dst = utf8.AppendRune(dst, pair)
							i += 6
							continue
						}
					}
				}
				dst = utf8.AppendRune(dst, r)
				continue
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

// hex4 reads the four hex digits of a \u escape starting at s[i].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	n, err := strconv.ParseUint(s[i:i+4], 16, 32)
	return rune(n), err == nil
}
