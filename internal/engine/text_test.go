package engine

import "testing"

func TestJSONUnescape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`plain`, "plain"},
		{`a\nb\t\"c\"`, "a\nb\t\"c\""},
		{`\u00e9t\u00e9`, "été"},
		{`smile \ud83d\ude00!`, "smile 😀!"},
		{`lone \ud83d then`, "lone \uFFFD then"},
		{`cut \u12`, `cut \u12`},
	} {
		if got := string(appendJSONUnescaped(nil, tt.in)); got != tt.want {
			t.Errorf("appendJSONUnescaped(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
