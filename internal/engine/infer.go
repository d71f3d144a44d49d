package engine

import (
	"slices"
	"strings"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// Inference answers for codes no entry names. It runs only after the
// catalog's entries found nothing, so it costs nothing on a catalog hit.

// minTypoLen is the shortest code whose one-edit misspellings are read as the
// standard code: shorter codes have too many neighbours.
const minTypoLen = 10

// byTypo matches a code one edit away from exactly one standard code
// ("unsupported_responce_type").
func (m *matcher) byTypo(r *Result) bool {
	x := m.x
	for si := 0; si < x.n; si++ {
		s := &x.sigs[si]
		if !m.usable(s) {
			continue
		}
		for ci := 0; ci < s.ncands; ci++ {
			c := &s.cands[ci]
			if c.numeric {
				continue
			}
			var buf [catalog.MaxCodeLen]byte
			norm := string(normalizeText(buf[:0], c.code))
			if len(norm) < minTypoLen {
				continue
			}
			near := ""
			for _, code := range m.cat.StandardCodesNear(len(norm)) {
				// "AccessDenied" is not a misspelt access_denied: a code that
				// differs only by separators is another API's casing, and
				// means that API's own thing.
				if oneEdit(norm, code) && !sameLetters(norm, code) {
					if near != "" {
						near = ""
						break // not unique
					}
					near = code
				}
			}
			if near == "" {
				continue
			}
			for _, p := range m.chain {
				var alts pending
				e := best(p.Lookup(near), m.req, s, m.status, m.hasCode, &alts)
				if e == nil {
					continue
				}
				r.setEntry(e, errsvcv1.MatchKind_MATCH_KIND_INFERRED)
				r.Confidence = 0.8
				r.UpstreamCode, r.UpstreamDescription = c.code, s.desc
				r.addSignalEvidence(s, c)
				r.addNote("inferred: typo of", near)
				return true
			}
		}
	}
	return false
}

// sameLetters reports whether a and b differ only by underscores.
func sameLetters(a, b string) bool {
	return strings.ReplaceAll(a, "_", "") == strings.ReplaceAll(b, "_", "")
}

// oneEdit reports whether a and b differ by exactly one inserted, deleted or
// replaced byte, or two adjacent bytes swapped.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

// Word inference: the words of each error's code and message are matched
// against the vocabulary's phrases; the entry with the best score answers.

const (
	maxCodeWords = 32
	maxMsgWords  = 96
	maxMsgBytes  = 1024
)

// maxVocabOnStack is the vocabulary size whose hits are kept on the stack;
// a larger vocabulary costs an allocation per inference.
const maxVocabOnStack = 64

// ruleHits returns n hits, in arr when it is long enough.
func ruleHits(arr []ruleHit, n int) []ruleHit {
	if n <= len(arr) {
		return arr[:n]
	}
	return make([]ruleHit, n)
}

// ruleHit records what one vocabulary entry matched in one error.
type ruleHit struct {
	code, msg, and, not *catalog.Phrase
	// from and to span the entry's last phrase (in the message, counted
	// from 1<<20): a shorter not_word inside it ("password" of "api
	// password") is part of the phrase, and vetoes nothing.
	from, to int
}

func phraseScore(p *catalog.Phrase, place int) int {
	if p.Weak {
		return len(p.Words) + place/3 // 1 more in the code
	}
	return 2*len(p.Words) + place
}

// holds reports whether the hit's last phrase holds n words from i and is
// longer.
func (h *ruleHit) holds(i, n int) bool {
	return h.from <= i && i+n <= h.to && h.to-h.from > n
}

// weak reports whether the hit rests on weak phrases alone.
func (h *ruleHit) weak() bool {
	return (h.code == nil || h.code.Weak) && (h.msg == nil || h.msg.Weak)
}

// words returns the phrase that decided: the code's, else the message's.
func (h *ruleHit) words() *catalog.Phrase {
	if h.code != nil {
		return h.code
	}
	return h.msg
}

// score rates a hit: longer phrases score higher, a phrase in the code more
// than one in the message, and the code and message agreeing most; a weak
// phrase counts 1 wherever it is.
func (h *ruleHit) score() int {
	s := 0
	if h.code != nil {
		s += phraseScore(h.code, 3)
	}
	if h.msg != nil {
		s += phraseScore(h.msg, 2)
	}
	if h.and != nil && !h.echoes(h.and) {
		// Corroborating words count double, but not for a hit that rests
		// on weak phrases: they do not make a vague code specific. Words the
		// phrase itself holds ("oauth" of "oauth token") corroborate nothing.
		if h.weak() {
			s += len(h.and.Words)
		} else {
			s += 2 * len(h.and.Words)
		}
	}
	return s
}

// echoes reports whether every word of p is a word of the hit's own phrases.
func (h *ruleHit) echoes(p *catalog.Phrase) bool {
	for _, w := range p.Words {
		if !(h.code != nil && slices.Contains(h.code.Words, w) || h.msg != nil && slices.Contains(h.msg.Words, w)) {
			return false
		}
	}
	return true
}

// wordSet is the words of one error: its codes' and its message's. It holds
// offsets rather than slices of itself, so that it can stay on the stack.
type wordSet struct {
	codeBuf                            [256]byte
	codeArr                            [maxCodeWords]catalog.WordSpan
	msgBuf                             [maxMsgBytes]byte
	msgArr                             [maxMsgWords]catalog.WordSpan
	tmp                                [maxMsgBytes]byte
	nCode, nCodeWords, nMsg, nMsgWords int
}

// fill gathers the words of s's codes and of desc and the runner-up
// message; a message that only restates the status's reason phrase
// ("Bad Request" beside "Template not found" under 400) gives way to the other.
func (w *wordSet) fill(s *signal, desc text, phrase string) {
	code, codeSpans := w.codeBuf[:0], w.codeArr[:0]
	for ci := 0; ci < s.ncands; ci++ {
		if c := &s.cands[ci]; !c.numeric && !namesStatus(c.code.raw, phrase) {
			// A code that restates the status ("bad_request" under 400)
			// says nothing the status does not.
			code, codeSpans = catalog.AppendWords(code, codeSpans, c.code.appendTo(w.tmp[:0]))
		}
	}
	if s.etype.raw != "" {
		// An error type (Fitbit's errorType, Plaid's error_type) names the
		// error as a code does.
		code, codeSpans = catalog.AppendWords(code, codeSpans, s.etype.appendTo(w.tmp[:0]))
	}
	desc2 := s.desc2
	if desc2.raw == desc.raw {
		desc2 = text{}
	}
	desc = trimStatusPhrase(desc, phrase)
	if phrase != "" {
		switch {
		case lettersEqualFold(desc2.raw, phrase):
			desc2 = text{}
		case lettersEqualFold(desc.raw, phrase):
			desc, desc2 = desc2, text{}
		}
	}
	raw := desc.appendTo(w.tmp[:0])
	if desc2.raw != "" {
		raw = append(raw, " . "...)
		raw = desc2.appendTo(raw)
	}
	if len(raw) > maxMsgBytes {
		raw = raw[:maxMsgBytes]
	}
	msg, msgSpans := catalog.AppendMessageWords(w.msgBuf[:0], w.msgArr[:0], raw)
	w.nCode, w.nCodeWords, w.nMsg, w.nMsgWords = len(code), len(codeSpans), len(msg), len(msgSpans)
}

// trimStatusPhrase drops a leading restatement of the status's reason
// phrase from a message (Telegram's "Bad Request: chat not found" under
// 400), leaving the words that say why.
func trimStatusPhrase(t text, phrase string) text {
	n := len(phrase)
	if n == 0 || len(t.raw) <= n+1 || t.raw[n] != ':' || !hasPrefixFold(t.raw, phrase) {
		return t
	}
	t.raw = strings.TrimLeft(t.raw[n+1:], " ")
	return t
}

func (w *wordSet) code() ([]byte, []catalog.WordSpan) {
	return w.codeBuf[:w.nCode], w.codeArr[:w.nCodeWords]
}

func (w *wordSet) msg() ([]byte, []catalog.WordSpan) {
	return w.msgBuf[:w.nMsg], w.msgArr[:w.nMsgWords]
}

// byWords infers a classification from the words of the errors' codes and
// messages. An error answer that carries only a message somewhere ("code":
// 400 with "msg": "User already registered") is read by its message.
func (m *matcher) byWords(r *Result) bool {
	vocab := m.cat.Vocabulary()
	if len(vocab) == 0 {
		return false
	}
	x := m.x
	// The signals to read, by index; -1 stands for the message-only error
	// when no signal is usable. Indexes, not pointers, keep x on the stack.
	var idx [maxSignals]int
	n := 0
	for si := 0; si < x.n; si++ {
		if m.usable(&x.sigs[si]) {
			idx[n] = si
			n++
		}
	}
	only := signal{desc: x.anyDesc, desc2: x.anyDesc2}
	if n == 0 && x.anyDesc.raw != "" && (m.isError || m.status >= 400 || m.status == 0 && !x.onlyPartial()) {
		idx[n] = -1
		n++
	}
	if n == 0 {
		return false
	}
	var arr [maxVocabOnStack]ruleHit
	hits := ruleHits(arr[:], len(vocab))
	var w wordSet
	type reading struct {
		entry *catalog.Entry
		hit   ruleHit
		score int
		si    int
	}
	var win, second reading
	// The status tips the reading: words that agree with the status's
	// category score one more (401 + "not authorized" reads as
	// authentication, 403 + the same words as a refusal).
	phrase := m.statusPhrase() // which a message may only restate
	var tip errsvcv1.Category
	if se, _ := m.statusEntry(); se != nil {
		tip = se.Proto.GetClassification().GetCategory()
	}
	// So does a header that says when to come back: a Retry-After, or a
	// rate limit with nothing left, tips words toward waiting (InfluxDB
	// Cloud's "too many requests" beside "exceeded limited_write plan
	// limit" and Retry-After: 63 is a rate limit, not a refusal).
	retryTip := x.hasRetryAfter || x.rateLimitExhausted
	for _, si := range idx[:n] {
		s := &only
		if si >= 0 {
			s = &x.sigs[si]
		}
		desc := s.desc
		if desc.raw == "" {
			desc = x.anyDesc
		}
		w.fill(s, desc, phrase)
		clear(hits)
		buf, spans := w.code()
		m.scanWords(hits, buf, spans, true)
		buf, spans = w.msg()
		m.scanWords(hits, buf, spans, false)
		for i, e := range vocab {
			h := hits[i]
			if m.refiningWords {
				// The code's words gave the catch-all reading being
				// refined; only the message can still answer.
				h.code = nil
			}
			if h.words() == nil || h.not != nil || (len(e.AndWords) > 0 && h.and == nil) {
				continue
			}
			sc, v := eval(e, m.req, nil, m.status, false)
			if v != holds {
				continue
			}
			score := sc + h.score()
			cat := e.Proto.GetClassification().GetCategory()
			if tip != 0 && cat == tip {
				score++
			}
			if retryTip && (cat == errsvcv1.Category_CATEGORY_RATE_LIMITED || cat == errsvcv1.Category_CATEGORY_UPSTREAM_UNAVAILABLE) {
				score++
			}
			rd := reading{entry: e, hit: h, score: score, si: si}
			switch {
			case win.entry == nil || rd.score > win.score:
				if win.entry != nil && !sameReading(win.entry, e) {
					second = win
				}
				win = rd
			case !sameReading(win.entry, e) && (second.entry == nil || rd.score > second.score):
				second = rd
			}
		}
	}
	if win.entry == nil {
		return false
	}
	s := &only
	if win.si >= 0 {
		s = &x.sigs[win.si]
	}
	r.setEntry(win.entry, errsvcv1.MatchKind_MATCH_KIND_INFERRED)
	r.weakInference = win.hit.weak()
	r.messageOnly = win.hit.code == nil
	r.codeOnly = win.hit.msg == nil
	r.Confidence = confidence(win.score, second.score, second.entry != nil)
	if s.ncands > 0 {
		r.UpstreamCode = s.cands[0].code
		r.addSignalEvidence(s, &s.cands[0])
	}
	r.UpstreamDescription = s.desc
	r.addNote(noteFor(win.hit.code != nil), phraseText(win.hit))
	if second.entry != nil && second.score >= win.score-2 {
		r.Alternatives = append(r.Alternatives, Alternative{Entry: second.entry})
	}
	return true
}

// codeReadable reports whether any vocabulary entry reads the code's own
// words.
func (m *matcher) codeReadable(c *candidate) bool {
	vocab := m.cat.Vocabulary()
	if len(vocab) == 0 {
		return false
	}
	var w wordSet
	w.fill(&signal{cands: [maxCandidates]candidate{*c}, ncands: 1}, text{}, "")
	var arr [maxVocabOnStack]ruleHit
	hits := ruleHits(arr[:], len(vocab))
	buf, spans := w.code()
	m.scanWords(hits, buf, spans, true)
	for i, e := range vocab {
		if h := hits[i]; h.code != nil && h.not == nil && (len(e.AndWords) == 0 || h.and != nil) {
			return true
		}
	}
	return false
}

// scanWords records, for each vocabulary entry, the phrases that occur in
// the words.
func (m *matcher) scanWords(hits []ruleHit, buf []byte, spans []catalog.WordSpan, inCode bool) {
	idx := m.cat.Words()
	// A catch-all code's own words ("invalid" of invalid_request)
	// corroborate nothing its message says.
	skipAnd := inCode && m.refining
	// A phrase's span is kept apart from the other place's: the message's
	// words are counted from far beyond the code's.
	at := 0
	if !inCode {
		at = 1 << 20
	}
	for i, sp := range spans {
		if sp.Inner {
			continue // inside a field's name: no phrase starts here
		}
		word := buf[sp.Start:sp.End]
		// The not_words phrases come last among those starting here.
		for _, ref := range idx.StartingAt(word) {
			if skipAnd && ref.List == catalog.InAndWords ||
				ref.List == catalog.InNotWords && hits[ref.Entry].holds(at+i, len(ref.Phrase.Words)) {
				continue
			}
			if phraseAt(ref.Phrase, buf, spans[i:]) {
				note(hits, ref, inCode)
				if h := &hits[ref.Entry]; ref.List == catalog.InWords && at+i+len(ref.Phrase.Words) > h.to {
					h.from, h.to = at+i, at+i+len(ref.Phrase.Words)
				}
			}
		}
		if !idx.MayHavePrefix(word) {
			continue
		}
		for _, n := range idx.PrefixLens() {
			if n > len(word) {
				break
			}
			for _, ref := range idx.WithPrefix(word[:n]) {
				if !(skipAnd && ref.List == catalog.InAndWords) {
					note(hits, ref, inCode)
				}
			}
		}
	}
}

func note(hits []ruleHit, ref catalog.PhraseRef, inCode bool) {
	if ref.Phrase.Of != nil {
		ref.Phrase = ref.Phrase.Of // a contracted form counts as its phrase
	}
	h := &hits[ref.Entry]
	switch ref.List {
	case catalog.InWords:
		// The longest phrase of each place counts.
		p := &h.msg
		if inCode {
			p = &h.code
		}
		if *p == nil || phraseScore(ref.Phrase, 0) > phraseScore(*p, 0) {
			*p = ref.Phrase
		}
	case catalog.InAndWords:
		if h.and == nil || len(ref.Phrase.Words) > len(h.and.Words) {
			h.and = ref.Phrase
		}
	case catalog.InNotWords:
		h.not = ref.Phrase
	}
}

// phraseAt reports whether the phrase's words start the spans.
func phraseAt(p *catalog.Phrase, buf []byte, spans []catalog.WordSpan) bool {
	if len(spans) < len(p.Words) {
		return false
	}
	for j, want := range p.Words {
		got := buf[spans[j].Start:spans[j].End]
		if j == len(p.Words)-1 && p.Prefix {
			if len(got) < len(want) || string(got[:len(want)]) != want {
				return false
			}
			continue
		}
		if string(got) != want {
			return false
		}
	}
	return true
}

func sameReading(a, b *catalog.Entry) bool {
	ca, cb := a.Proto.GetClassification(), b.Proto.GetClassification()
	return ca.GetCategory() == cb.GetCategory() && ca.GetAction() == cb.GetAction()
}

// confidence turns a score into a number between 0.3 and 0.85: more words
// matched, more sure; a close competing reading, less.
func confidence(score, rival int, hasRival bool) float32 {
	c := 0.35 + 0.05*float32(min(score, 10))
	if hasRival && rival >= score-2 {
		c -= 0.15
	}
	return max(c, 0.3)
}

func noteFor(inCode bool) string {
	if inCode {
		return "inferred: code words"
	}
	return "inferred: message words"
}

func phraseText(h ruleHit) string {
	s := strings.Join(h.words().Words, " ")
	if h.and != nil {
		s += "," + strings.Join(h.and.Words, " ")
	}
	return s
}
