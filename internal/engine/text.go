package engine

// Text as it comes from the input, still escaped, and its unescaping.

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// text is a piece of the input, still escaped the way its format escapes it
// (JSON backslashes, URL percent-encoding or XML references) when esc is set.
type text struct {
	raw string
	esc bool
	url bool // escaped with URL percent-encoding rather than JSON
	xml bool // escaped with XML entity and character references
}

// appendTo appends the unescaped text to dst.
func (t text) appendTo(dst []byte) []byte {
	switch {
	case !t.esc:
		return append(dst, t.raw...)
	case t.url:
		return append(dst, unescapeURL(t.raw)...)
	case t.xml:
		return appendXMLUnescaped(dst, t.raw)
	}
	return appendJSONUnescaped(dst, t.raw)
}

// xmlEntities are the five entities XML predefines.
var xmlEntities = map[string]byte{"lt": '<', "gt": '>', "amp": '&', "quot": '"', "apos": '\''}

// appendXMLUnescaped decodes XML's predefined entities and character
// references ("doesn&#39;t"). Anything else, an undeclared entity or a
// malformed reference, is kept as it is; it never fails.
func appendXMLUnescaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			dst = append(dst, s[i])
			continue
		}
		end := strings.IndexByte(s[i:], ';')
		if end < 2 || end > 10 {
			dst = append(dst, '&')
			continue
		}
		ref := s[i+1 : i+end]
		if c, ok := xmlEntities[ref]; ok {
			dst = append(dst, c)
			i += end
			continue
		}
		if ref[0] == '#' {
			var n uint64
			var err error
			if len(ref) > 1 && (ref[1] == 'x' || ref[1] == 'X') {
				n, err = strconv.ParseUint(ref[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ref[1:], 10, 32)
			}
			if err == nil && n > 0 && utf8.ValidRune(rune(n)) {
				dst = utf8.AppendRune(dst, rune(n))
				i += end
				continue
			}
		}
		dst = append(dst, '&')
	}
	return dst
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
