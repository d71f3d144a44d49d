package catalog

import (
	"testing"

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
		{"é ü", nil},
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
