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

func TestXMLUnescape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`plain`, "plain"},
		{`doesn&#39;t exist`, "doesn't exist"},
		{`&lt;b&gt; &amp; &quot;q&quot; &apos;a&apos;`, `<b> & "q" 'a'`},
		{`caf&#xE9;`, "café"},
		{`&nbsp; stays`, "&nbsp; stays"},
		{`AT&T`, "AT&T"},
		{`&#0; &#xFFFFFFFF; &#;`, "&#0; &#xFFFFFFFF; &#;"},
		{`trailing &`, "trailing &"},
	} {
		if got := string(appendXMLUnescaped(nil, tt.in)); got != tt.want {
			t.Errorf("appendXMLUnescaped(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
