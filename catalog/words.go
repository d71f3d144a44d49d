package catalog

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// WordSpan is where one word lies in the buffer AppendWords fills. Inner
// marks, in a message, a word that continues an identifier written in
// lowerCamelCase ("Key" of "body.orderKey is required"): it names part of a
// field, so no phrase starts there.
type WordSpan struct {
	Start, End uint16
	Inner      bool
}

// maxWordBuf bounds the buffer AppendWords indexes with WordSpan.
const maxWordBuf = 1 << 16

// AppendWords appends the words of s to buf, lowercase, and a span for each
// to spans. Words are runs of letters and digits, split also where letters
// turn into digits and at case changes, so that "invalidAPIKey",
// "invalid_api_key" and "INVALID-API-KEY" give the same three words and
// "AADSTS70008" gives "aadsts" and "70008". Letters beyond ASCII join words
// as ASCII letters do ("inválido", "недопустимый", "인증에"), except Chinese
// characters and Japanese kana, which are written without spaces and so are
// each a word of their own ("不存在" gives "不", "存" and "在").
// Everything else separates words; invalid UTF-8 does too.
// It stops when buf or spans run out of capacity, so that with fixed buffers
// it never allocates.
func AppendWords[T ~string | ~[]byte](buf []byte, spans []WordSpan, s T) ([]byte, []WordSpan) {
	return appendWords(buf, spans, s, false)
}

// AppendMessageWords is AppendWords for a message's sentences: where a
// comma, period, semicolon, colon, question or exclamation mark ends a
// clause (before a space or the end), it adds a word "." that no phrase
// holds, so that phrases do not match across clauses ("access denied,
// authorization failed" holds no "denied authorization").
func AppendMessageWords[T ~string | ~[]byte](buf []byte, spans []WordSpan, s T) ([]byte, []WordSpan) {
	return appendWords(buf, spans, s, true)
}

func appendWords[T ~string | ~[]byte](buf []byte, spans []WordSpan, s T, clauses bool) ([]byte, []WordSpan) {
	start := -1 // start of the current word in buf
	var prev byte
	// camel: the current run of letters and digits opened with a small
	// letter; inner: the current word began at a capital inside such a run.
	// tokens counts the runs, first is the first span of this call.
	camel, inner, tokens, first := false, false, 0, len(spans)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if clauses && (i == 0 || isSpace(s[i-1])) {
			if end := addressEnd(s, i); end > i {
				// An e-mail address or a URL in a message names something;
				// its words ("admin@example.org", ".../upgrade") say
				// nothing of the error. A clause may end right after it.
				i = end - 1
				if isClauseEnd(s[i]) {
					i--
				}
				if start >= 0 {
					spans = append(spans, WordSpan{Start: uint16(start), End: uint16(len(buf)), Inner: inner})
					start = -1
				}
				prev = 0
				continue
			}
		}
		if c >= utf8.RuneSelf {
			var rb [utf8.UTFMax]byte
			r, size := utf8.DecodeRune(rb[:copy(rb[:], s[i:])])
			i += size - 1
			alone := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
			if start >= 0 && (alone || prev == 0 || charKind(prev) == kindDigit || !isLetter(r)) {
				spans = append(spans, WordSpan{Start: uint16(start), End: uint16(len(buf)), Inner: inner})
				start = -1
			}
			prev = 0
			if !isLetter(r) {
				continue
			}
			upper := unicode.IsUpper(r)
			r = unicode.ToLower(r)
			if len(spans) == cap(spans) || len(buf)+utf8.RuneLen(r) > min(cap(buf), maxWordBuf-1) {
				if start >= 0 {
					spans = append(spans, WordSpan{Start: uint16(start), End: uint16(len(buf)), Inner: inner})
				}
				return buf, spans
			}
			if start < 0 {
				start, camel, inner = len(buf), false, false
			}
			buf = utf8.AppendRune(buf, r)
			if alone {
				spans = append(spans, WordSpan{Start: uint16(start), End: uint16(len(buf)), Inner: inner})
				start = -1
			} else {
				// A letter of its case: a digit after it starts a word, and
				// so does a capital after a small letter.
				prev = 'a'
				if upper {
					prev = 'A'
				}
			}
			continue
		}
		k := charKind(c)
		if k == 0 {
			if start >= 0 {
				spans = append(spans, WordSpan{Start: uint16(start), End: uint16(len(buf)), Inner: inner})
				start = -1
			}
			prev = 0
			if clauses && isClauseEnd(c) && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n') &&
				len(spans) > 0 && !isBreak(buf, spans[len(spans)-1]) && !labelsNumber(s, i) {
				if len(spans) == cap(spans) || len(buf)+1 >= min(cap(buf), maxWordBuf) {
					return buf, spans
				}
				buf = append(buf, '.')
				spans = append(spans, WordSpan{Start: uint16(len(buf) - 1), End: uint16(len(buf))})
			}
			continue
		}
		if start >= 0 && wordBreak(prev, c, s, i) {
			// A brand's short lowercase prefix (reCAPTCHA, eBay) opens
			// no field name.
			camel = camel && (inner || len(buf)-start >= 3)
			spans = append(spans, WordSpan{Start: uint16(start), End: uint16(len(buf)), Inner: inner})
			start = -1
			inner = clauses && camel && charKind(prev) == kindLower && k == kindUpper
		} else if start < 0 && prev == 0 {
			camel, inner = k == kindLower, false
			tokens++
		}
		if start < 0 {
			if len(spans) == cap(spans) || len(buf)+1 >= min(cap(buf), maxWordBuf) {
				return buf, spans
			}
			start = len(buf)
		} else if len(buf) == cap(buf) || len(buf)+1 >= maxWordBuf {
			spans = append(spans, WordSpan{Start: uint16(start), End: uint16(len(buf)), Inner: inner})
			return buf, spans
		}
		if k == kindUpper {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
		prev = s[i]
	}
	if start >= 0 {
		spans = append(spans, WordSpan{Start: uint16(start), End: uint16(len(buf)), Inner: inner})
	}
	if tokens == 1 {
		// A message of one identifier ("accessTokenExpired") is a code.
		for i := first; i < len(spans); i++ {
			spans[i].Inner = false
		}
	}
	return buf, spans
}

// addressEnd returns the end of the token starting at i when it is an
// e-mail address (letters or digits either side of an '@', a '.' after it)
// or a URL ("://" inside it); else i.
func addressEnd[T ~string | ~[]byte](s T, i int) int {
	end, at, dot, scheme := i, -1, false, false
	for ; end < len(s) && !isSpace(s[end]); end++ {
		switch s[end] {
		case '@':
			if at < 0 && end > i && charKind(s[end-1]) != 0 && end+1 < len(s) && charKind(s[end+1]) != 0 {
				at = end
			}
		case '.':
			dot = dot || at >= 0 && end+1 < len(s) && charKind(s[end+1]) != 0
		case ':':
			scheme = scheme || end > i && end+2 < len(s) && s[end+1] == '/' && s[end+2] == '/'
		}
	}
	if at >= 0 && dot || scheme {
		return end
	}
	return i
}

func isClauseEnd(c byte) bool {
	return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?'
}

// labelsNumber reports a colon that introduces a number ("error code: 1015",
// Cloudflare's answer to a caller it rate-limits): the number is the label's
// value, in the same clause.
func labelsNumber[T ~string | ~[]byte](s T, i int) bool {
	return s[i] == ':' && i+2 < len(s) && s[i+1] == ' ' && '0' <= s[i+2] && s[i+2] <= '9'
}

// isBreak reports whether a span is the "." AppendMessageWords adds.
func isBreak(buf []byte, sp WordSpan) bool {
	return sp.End == sp.Start+1 && buf[sp.Start] == '.'
}

// isLetter reports whether a rune beyond ASCII belongs in a word: a letter,
// or a combining mark written after one (decomposed accents).
func isLetter(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.Is(unicode.Mn, r))
}

const (
	kindLower = 1 + iota
	kindUpper
	kindDigit
)

func charKind(c byte) int {
	switch {
	case 'a' <= c && c <= 'z':
		return kindLower
	case 'A' <= c && c <= 'Z':
		return kindUpper
	case '0' <= c && c <= '9':
		return kindDigit
	}
	return 0
}

// wordBreak reports whether a word ends between prev and s[i] = c: a lower
// letter followed by an upper one (invalidGrant), the last capital of a run
// of three or more followed by a lower letter (APIKey: API|Key, IDToken:
// ID|Token; but OAuth stays one word), or letters against digits.
func wordBreak[T ~string | ~[]byte](prev, c byte, s T, i int) bool {
	pk, ck := charKind(prev), charKind(c)
	switch {
	case pk == kindLower && ck == kindUpper:
		return true
	case pk == kindUpper && ck == kindUpper:
		return i+1 < len(s) && charKind(s[i+1]) == kindLower && i >= 2 && charKind(s[i-2]) == kindUpper
	case (pk == kindDigit) != (ck == kindDigit):
		return true
	}
	return false
}

// SplitWords returns the lowercase words of s (see AppendWords), appended to
// dst.
func SplitWords(dst []string, s string) []string {
	buf, spans := AppendWords(make([]byte, 0, 2*len(s)+utf8.UTFMax), make([]WordSpan, 0, len(s)+1), s)
	for _, sp := range spans {
		dst = append(dst, string(buf[sp.Start:sp.End]))
	}
	return dst
}

// Which list of a vocabulary entry a phrase belongs to.
const (
	InWords uint8 = iota
	InAndWords
	InNotWords
)

// PhraseRef is one phrase of a vocabulary entry.
type PhraseRef struct {
	Entry  int // index in Catalog.Vocabulary
	List   uint8
	Phrase *Phrase
}

// WordIndex finds the vocabulary phrases that may start at a word.
type WordIndex struct {
	exact map[string][]PhraseRef
	// prefix holds the one-word phrases with a trailing '*' by their
	// prefix, and prefixLens the lengths those prefixes have.
	prefix     map[string][]PhraseRef
	prefixLens []int
	// starts has a bit for the first two bytes of every '*' prefix, so that
	// most words are turned away before any map lookup.
	starts [1 << 16 / 64]uint64
}

// StartingAt returns the phrases whose first word is word, exactly; the
// caller checks the words that follow. The not_words phrases come last, so
// that a reader has seen the other phrases that start there first.
func (w *WordIndex) StartingAt(word []byte) []PhraseRef { return w.exact[string(word)] }

// PrefixLens returns the lengths of the prefixes of one-word '*' phrases,
// shortest first.
func (w *WordIndex) PrefixLens() []int { return w.prefixLens }

// MayHavePrefix reports whether some '*' prefix could start word.
func (w *WordIndex) MayHavePrefix(word []byte) bool {
	if len(word) < 2 {
		return len(w.prefixLens) > 0 && w.prefixLens[0] <= len(word)
	}
	k := uint16(word[0])<<8 | uint16(word[1])
	return w.starts[k/64]&(1<<(k%64)) != 0
}

// WithPrefix returns the one-word '*' phrases whose prefix is p.
func (w *WordIndex) WithPrefix(p []byte) []PhraseRef { return w.prefix[string(p)] }

func buildWordIndex(vocab []*Entry) *WordIndex {
	w := &WordIndex{exact: map[string][]PhraseRef{}, prefix: map[string][]PhraseRef{}}
	for i, e := range vocab {
		for list, phrases := range [...][]Phrase{InWords: e.Words, InAndWords: e.AndWords, InNotWords: e.NotWords} {
			for j := range phrases {
				ph := &phrases[j]
				ref := PhraseRef{Entry: i, List: uint8(list), Phrase: ph}
				if ph.Prefix && len(ph.Words) == 1 {
					p := ph.Words[0]
					if len(w.prefix[p]) == 0 && !slices.Contains(w.prefixLens, len(p)) {
						w.prefixLens = append(w.prefixLens, len(p))
					}
					w.prefix[p] = append(w.prefix[p], ref)
					if len(p) >= 2 {
						k := uint16(p[0])<<8 | uint16(p[1])
						w.starts[k/64] |= 1 << (k % 64)
					}
					continue
				}
				w.exact[ph.Words[0]] = append(w.exact[ph.Words[0]], ref)
				if c := contracted(ph.Words); c != nil {
					// A phrase written "is not authorized" is also found
					// in "isn't authorized", whose words are "isn t
					// authorized"; the hit is the phrase's own.
					ref.Phrase = &Phrase{Words: c, Prefix: ph.Prefix, Weak: ph.Weak, Of: ph}
					w.exact[c[0]] = append(w.exact[c[0]], ref)
				}
			}
		}
	}
	slices.Sort(w.prefixLens)
	for _, refs := range w.exact {
		slices.SortStableFunc(refs, func(a, b PhraseRef) int {
			return notLast(a) - notLast(b)
		})
	}
	return w
}

func notLast(r PhraseRef) int {
	if r.List == InNotWords {
		return 1
	}
	return 0
}

// contractions maps the words before "not" to the word English contracts
// them into before "n't" ("is not" to "isn't", split "isn t").
var contractions = map[string]string{
	"is": "isn", "are": "aren", "was": "wasn", "were": "weren",
	"does": "doesn", "do": "don", "did": "didn",
	"has": "hasn", "have": "haven", "had": "hadn",
	"could": "couldn", "should": "shouldn", "would": "wouldn",
	"must": "mustn", "need": "needn", "might": "mightn", "will": "won",
	"can": "can", // "can not" as "can't"
}

// contracted returns the words of a phrase with its negation contracted as
// English writes it, or nil when it has none: "does not exist" becomes
// "doesn t exist", "cannot find" "can t find", and a phrase that opens with
// "not" ("not found") keeps only the "t" the contraction leaves ("t found",
// as in "wasn't found"). Only the first negation is contracted.
func contracted(words []string) []string {
	for i, w := range words {
		switch {
		case w == "cannot":
			return slices.Concat(words[:i], []string{"can", "t"}, words[i+1:])
		case w != "not":
			continue
		case i == 0:
			if len(words) == 1 {
				return nil // "t" alone would match any contraction
			}
			return slices.Concat([]string{"t"}, words[1:])
		}
		if c, ok := contractions[words[i-1]]; ok {
			return slices.Concat(words[:i-1], []string{c, "t"}, words[i+1:])
		}
		return nil
	}
	return nil
}
