package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/errsvc/errsvc/catalog"
)

// FuzzCoverageReaders holds that no recording, however broken, crashes the
// HAR and JSON Lines readers or the classification behind them.
func FuzzCoverageReaders(f *testing.F) {
	for _, name := range []string{"testdata/coverage/okta.har", "testdata/coverage/mixed.jsonl"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"log":{"entries":[{"response":{"status":302,"headers":[{"name":"Location","value":"x?error=a"}],"content":{"encoding":"base64","text":"!!"}}}]}}`))
	cat := mustCatalog()
	f.Fuzz(func(t *testing.T, b []byte) {
		c := newCoverage(cat, "okta")
		_ = c.readHAR(bytes.NewReader(b))
		_ = c.readJSONL(bytes.NewReader(b))
		r := c.report(5)
		if r.Understood > r.Responses {
			t.Fatalf("understood %d of %d", r.Understood, r.Responses)
		}
	})
}

// mustCatalog loads the embedded catalog, which its own tests keep valid.
func mustCatalog() *catalog.Catalog {
	cat, err := catalog.Load("")
	if err != nil {
		panic(err)
	}
	return cat
}
