package catalog

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSplitWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"invalid_grant", []string{"invalid", "grant"}},
		{"invalidAPIKey", []string{"invalid", "api", "key"}},
		{"INVALID-API-KEY", []string{"invalid", "api", "key"}},
		{"ThrottlingException", []string{"throttling", "exception"}},
		{"Revoked OAuth Token", []string{"revoked", "oauth", "token"}},
		{"OAuthException", []string{"oauth", "exception"}},
		{"IDTokenExpired", []string{"id", "token", "expired"}},
		{"UK.OBIE.Resource.InvalidConsentStatus", []string{"uk", "obie", "resource", "invalid", "consent", "status"}},
		{"AADSTS70008: The code expired", []string{"aadsts", "70008", "the", "code", "expired"}},
		{"doesn't exist", []string{"doesn", "t", "exist"}},
		{"throttl*", []string{"throttl"}},
		{"é ü", []string{"é", "ü"}},
		// Letters beyond ASCII join words, lowercase; Chinese characters
		// and kana are words of their own.
		{"Monto de captura inválido.", []string{"monto", "de", "captura", "inválido"}},
		{"Незарегистрированный OrderId", []string{"незарегистрированный", "order", "id"}},
		{"ÉCHEC de l’opération", []string{"échec", "de", "l", "opération"}},
		{"inva\u0301lido", []string{"inva\u0301lido"}}, // a decomposed accent stays in its word
		{"交易不存在", []string{"交", "易", "不", "存", "在"}},
		{"服务繁忙, 请稍后再试", []string{"服", "务", "繁", "忙", "请", "稍", "后", "再", "试"}},
		{"인증에 실패했습니다.", []string{"인증에", "실패했습니다"}},
		{"Заказ2раз", []string{"заказ", "2", "раз"}},
		{"x\xffy", []string{"x", "y"}}, // invalid UTF-8 separates
		{"aA", []string{"a", "a"}},
		{"", nil},
	} {
		if diff := cmp.Diff(tt.want, SplitWords(nil, tt.in)); diff != "" {
			t.Errorf("SplitWords(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestAppendWordsBounded holds that fixed buffers are never outgrown: words
// past the capacity are dropped, not appended to a new array.
func TestAppendWordsBounded(t *testing.T) {
	var bufArr [8]byte
	var spanArr [2]WordSpan
	buf, spans := AppendWords(bufArr[:0], spanArr[:0], "alpha beta gamma delta")
	if &buf[:1][0] != &bufArr[0] || len(spans) > 2 || cap(spans) != 2 {
		t.Fatalf("buffers were replaced: buf %q, spans %v", buf, spans)
	}
	for _, sp := range spans {
		if int(sp.End) > len(buf) || sp.Start > sp.End {
			t.Errorf("span %v out of %q", sp, buf)
		}
	}
	// Multibyte letters stop whole at the edge of the buffer.
	buf, spans = AppendWords(bufArr[:0], spanArr[:0], "ошибка доступа")
	if &buf[:1][0] != &bufArr[0] || string(buf) != "ошиб" || len(spans) != 1 {
		t.Fatalf("AppendWords into 8 bytes = %q, %v", buf, spans)
	}
}

func TestWordIndexPrefixes(t *testing.T) {
	vocab := []*Entry{{Words: compilePhrases([]string{"throttl*", "rate limit*", "quota"})}}
	w := buildWordIndex(vocab)
	if !w.MayHavePrefix([]byte("throttled")) || w.MayHavePrefix([]byte("zebra")) {
		t.Errorf("MayHavePrefix disagrees with the prefixes %v", w.PrefixLens())
	}
	if got := w.WithPrefix([]byte("throttl")); len(got) != 1 || got[0].Phrase.Words[0] != "throttl" {
		t.Errorf("WithPrefix(throttl) = %v", got)
	}
	if got := w.StartingAt([]byte("rate")); len(got) != 1 || !got[0].Phrase.Prefix || len(got[0].Phrase.Words) != 2 {
		t.Errorf("StartingAt(rate) = %v", got)
	}
}

// FuzzAppendWords holds AppendWords to its promises on any text: it never
// outgrows fixed buffers, its spans lie in order inside what it wrote, its
// words are valid UTF-8, and with room to spare it gives SplitWords' words.
func FuzzAppendWords(f *testing.F) {
	for _, s := range []string{"invalidAPIKey", "Доступ запрещён", "交易不存在", "inva\u0301lido", "x\xffy\xe4\xb8", "ÉCHEC2fois", "isn't can’t WON'T", ""} {
		f.Add(s, uint8(7))
	}
	f.Fuzz(func(t *testing.T, s string, size uint8) {
		var bufArr [64]byte
		var spanArr [16]WordSpan
		n := int(size)%len(bufArr) + 1
		buf, spans := AppendWords(bufArr[:0:n], spanArr[:0:n%len(spanArr)+1], s)
		if len(buf) > 0 && &buf[:1][0] != &bufArr[0] || cap(spans) != n%len(spanArr)+1 {
			t.Fatalf("AppendWords(%q) outgrew its buffers", s)
		}
		end := 0
		for _, sp := range spans {
			if int(sp.Start) < end || sp.Start >= sp.End || int(sp.End) > len(buf) {
				t.Fatalf("AppendWords(%q): span %v out of order or of %q", s, sp, buf)
			}
			if w := buf[sp.Start:sp.End]; !utf8.Valid(w) {
				t.Fatalf("AppendWords(%q): word %q is not UTF-8", s, w)
			}
			end = int(sp.End)
		}
		words := SplitWords(nil, s)
		for _, w := range words {
			if !utf8.ValidString(w) || w == "" {
				t.Fatalf("SplitWords(%q) gives %q", s, words)
			}
		}
		// The message form adds only "." words, never two in a row, and
		// is otherwise the same words, less those of e-mail addresses and
		// URLs.
		mbuf, mspans := AppendMessageWords(make([]byte, 0, 4*len(s)+8), make([]WordSpan, 0, 2*len(s)+2), s)
		var plain []string
		prevBreak := false
		for _, sp := range mspans {
			w := string(mbuf[sp.Start:sp.End])
			if w == "." {
				if prevBreak {
					t.Fatalf("AppendMessageWords(%q): two breaks in a row", s)
				}
				prevBreak = true
				continue
			}
			prevBreak = false
			plain = append(plain, w)
		}
		if !isSubsequence(plain, words) {
			t.Fatalf("AppendMessageWords(%q) words %q, not drawn from SplitWords = %q", s, plain, words)
		}
		if len(s) < 32 { // room to spare in 64 bytes and 16 spans
			buf, spans = AppendWords(bufArr[:0], spanArr[:0], s)
			var got []string
			for _, sp := range spans {
				got = append(got, string(buf[sp.Start:sp.End]))
			}
			if len(got) <= 8 && !slices.Equal(got, words) {
				t.Fatalf("AppendWords(%q) = %q, SplitWords = %q", s, got, words)
			}
		}
	})
}

func TestAppendMessageWordsBreaksClauses(t *testing.T) {
	buf, spans := AppendMessageWords(make([]byte, 0, 256), make([]WordSpan, 0, 64), "access denied, authorization failed. Retry: later v1.2; error code: 1015")
	var got []string
	for _, sp := range spans {
		got = append(got, string(buf[sp.Start:sp.End]))
	}
	want := []string{"access", "denied", ".", "authorization", "failed", ".", "retry", ".", "later", "v", "1", "2", ".", "error", "code", "1015"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("AppendMessageWords (-want +got):\n%s", diff)
	}
}

// isSubsequence reports whether sub is seq with some words left out.
func isSubsequence(sub, seq []string) bool {
	for _, w := range sub {
		i := slices.Index(seq, w)
		if i < 0 {
			return false
		}
		seq = seq[i+1:]
	}
	return true
}

func TestAppendMessageWordsSkipsAddresses(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Unknown error occured. Please contact admin@electricitymap.org", "unknown error occured . please contact"},
		{"See https://example.com/upgrade/plan, then retry", "see . then retry"},
		{`Go to "http://host/admin" now`, "go to now"},
		{"user@ host", "user host"},  // no address: nothing after the '@'
		{"a@b is bad", "a b is bad"}, // no '.' after the '@'
	} {
		buf, spans := AppendMessageWords(make([]byte, 0, 256), make([]WordSpan, 0, 64), tc.in)
		var got []string
		for _, sp := range spans {
			got = append(got, string(buf[sp.Start:sp.End]))
		}
		if diff := cmp.Diff(strings.Fields(tc.want), got); diff != "" {
			t.Errorf("AppendMessageWords(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

// TestAppendMessageWordsMarksFieldNames holds which words of a message
// continue a lowerCamelCase identifier (written here with a leading '^'):
// a field's name, where no phrase may start. A brand's short prefix, a
// message of one identifier and a code's words are not marked.
func TestAppendMessageWordsMarksFieldNames(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"body.orderKey is required", "body order ^key is required"},
		{"apiKey is invalid", "api ^key is invalid"},
		{"userIdToken expired", "user ^id ^token expired"},
		{"InvalidApiKey for orderKeyType", "invalid api key for order ^key ^type"},
		{"solve the reCAPTCHA to proceed", "solve the re captcha to proceed"},
		{"accessTokenExpired", "access token expired"},
		{"order2Key is required", "order 2 key is required"},
	} {
		buf, spans := AppendMessageWords(make([]byte, 0, 256), make([]WordSpan, 0, 64), tc.in)
		var got []string
		for _, sp := range spans {
			w := string(buf[sp.Start:sp.End])
			if sp.Inner {
				w = "^" + w
			}
			got = append(got, w)
		}
		if diff := cmp.Diff(strings.Fields(tc.want), got); diff != "" {
			t.Errorf("AppendMessageWords(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
	_, spans := AppendWords(nil, make([]WordSpan, 0, 8), "body.orderKey is required")
	for _, sp := range spans {
		if sp.Inner {
			t.Errorf("AppendWords marked a code's word %v", sp)
		}
	}
}

// TestContracted holds the contracted forms under which a phrase written
// with "not" is also found: the words of "isn't" are "isn" and "t".
func TestContracted(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"does not exist", []string{"doesn", "t", "exist"}},
		{"not authorized", []string{"t", "authorized"}},
		{"cannot be found", []string{"can", "t", "be", "found"}},
		{"can not find", []string{"can", "t", "find"}},
		{"user will not be", []string{"user", "won", "t", "be"}},
		{"token not found", nil}, // no verb to contract
		{"not", nil},
		{"invalid grant", nil},
	} {
		if diff := cmp.Diff(tt.want, contracted(SplitWords(nil, tt.in))); diff != "" {
			t.Errorf("contracted(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	// Text written with the contraction finds the phrase written out.
	for _, text := range []string{"The consumer isn't authorized", "The consumer isn’t authorized", "Object wasn't found"} {
		words := SplitWords(nil, text)
		found := false
		for _, phrase := range [][]string{{"not", "authorized"}, {"was", "not", "found"}} {
			c := contracted(phrase)
			for i := range words {
				if len(words)-i >= len(c) && slices.Equal(words[i:i+len(c)], c) {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%q: no phrase found under its contracted form in %q", text, words)
		}
	}
}
