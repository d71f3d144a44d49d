package engine

// FinTS (formerly HBCI), the protocol German banks offer for home banking,
// answers in segments ended by "'", their data elements separated by "+"
// and their fields by ":", "?" escaping any of them. The bank's feedback
// on the message (HIRMG) and on each order (HIRMS) is a list of
// Rückmeldungen, each a four-digit code, a reference and a text:
//
//	HIRMG:3:2+3060::Bitte beachten Sie die enthaltenen Warnungen/Hinweise.'
//	HIRMS:4:2:4+0030::Auftrag empfangen - Sicherheitsfreigabe erforderlich'
//
// The code's first digit is its class: 0 success, 3 warning, 9 error.
// Errors are the answer's error; of the warnings and successes, those that
// ask the customer to act (0030, a TAN to enter; 3945, a confirmation to
// give) or to wait (3955, 3956, an approval on another device) are read
// too; the rest say the order went through.

import (
	"slices"
	"strings"
)

// isFinTS reports a FinTS message: one that opens with its header segment
// (HNHBK) or holds the bank's feedback (HIRMG, HIRMS).
func isFinTS(b string) bool {
	return strings.HasPrefix(b, "HNHBK:") || strings.HasPrefix(b, "HIRMG:") || strings.HasPrefix(b, "HIRMS:") ||
		strings.Contains(b, "'HIRMG:") || strings.Contains(b, "'HIRMS:")
}

// finTSActs are the codes outside the error class that still ask the
// customer to act or to wait.
var finTSActs = [...]string{"0030", "3945", "3955", "3956", "3931", "3938"}

// extractFinTS reads a FinTS message's feedback: the first error, else the
// first code that asks the customer to act or wait, else a success.
func extractFinTS(x *extraction, b string) {
	var act signal
	for seg := range finTSSplit(b, '\'') {
		seg = strings.TrimSpace(seg)
		if !strings.HasPrefix(seg, "HIRMG:") && !strings.HasPrefix(seg, "HIRMS:") {
			continue
		}
		name := seg[:5]               // HIRMG or HIRMS
		h := finTSIndexByte(seg, '+') // after the segment's header: HIRMS:4:2:4
		if h < 0 {
			continue
		}
		for elem := range finTSSplit(seg[h+1:], '+') {
			code, rest, _ := strings.Cut(elem, ":")
			if len(code) != 4 || !isNumeric(code) {
				continue
			}
			_, msg, _ := strings.Cut(rest, ":") // after the reference
			if i := finTSIndexByte(msg, ':'); i >= 0 {
				msg = msg[:i] // parameters follow the text
			}
			s := signal{source: srcText, container: true, ncands: 1, desc: text{raw: msg}}
			s.cands[0] = candidate{code: text{raw: code}, key: name, rank: rankCode, numeric: true}
			switch {
			case code[0] == '9':
				x.add(&s)
				return
			case act.ncands == 0 && slices.Contains(finTSActs[:], code):
				act = s
			}
		}
	}
	if act.ncands > 0 {
		x.add(&act)
		return
	}
	x.data, x.success = true, true
}

// finTSSplit yields the parts of s between unescaped seps ("?" escapes).
func finTSSplit(s string, sep byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		for s != "" {
			i := finTSIndexByte(s, sep)
			if i < 0 {
				yield(s)
				return
			}
			if !yield(s[:i]) {
				return
			}
			s = s[i+1:]
		}
	}
}

// finTSIndexByte returns the index of the first c in s that "?" does not
// escape, or -1.
func finTSIndexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '?':
			i++ // the next byte is escaped
		case c:
			return i
		}
	}
	return -1
}
