package unmatched

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// DraftProvider is the provider id a draft of s belongs to: the catalog
// provider the requests named, else the id they named that the catalog does
// not know, else "".
func DraftProvider(s *errsvcv1.UnmatchedSignature) string {
	if p := s.GetProvider(); p != "" && p != UnknownProvider {
		return p
	}
	return strings.ToLower(s.GetSample().GetProvider())
}

// DraftEntry writes a catalog entry for signature s of provider, in the
// catalog files' YAML, to b: a shadow entry matching the upstream code (and
// status and operation), classified as errsvc answered, with the redacted
// sample as its example and catalog.FillIn where a person must write. used
// holds the entry ids taken; the new id is added to it.
func DraftEntry(b *bytes.Buffer, provider string, s *errsvcv1.UnmatchedSignature, used map[string]bool) {
	code := s.GetUpstreamCode()
	slug := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(code), "_"), "_")
	if slug == "" {
		slug = fmt.Sprintf("status_%d", s.GetHttpStatus())
	}
	if len(slug) > 48 {
		slug = slug[:48]
	}
	id := provider + "." + slug
	for n := 2; used[id]; n++ {
		id = fmt.Sprintf("%s.%s_%d", provider, slug, n)
	}
	used[id] = true
	canonical := strings.ToUpper(slug)
	if canonical[0] >= '0' && canonical[0] <= '9' {
		canonical = "E_" + canonical
	}
	c := s.GetClassification()
	short := func(v fmt.Stringer, prefix string) string { return strings.TrimPrefix(v.String(), prefix) }
	fmt.Fprintf(b, "\n  # Seen %d times; errsvc answered %s: %s / %s.\n", s.GetCount(),
		short(s.GetMatchKind(), "MATCH_KIND_"), short(c.GetCategory(), "CATEGORY_"), short(c.GetAction(), "ACTION_"))
	fmt.Fprintf(b, "  # CHECK: that answer was inferred, not documented; compare it with the provider's\n")
	fmt.Fprintf(b, "  # documentation, and remove shadow once the entry has been watched in production.\n")
	fmt.Fprintf(b, "  - id: %s\n    shadow: true\n", id)
	fmt.Fprintf(b, "    source: %s the provider's document, section and address\n", catalog.FillIn)
	b.WriteString("    match:\n")
	if code != "" {
		fmt.Fprintf(b, "      codes: [%s]\n", yamlString(code))
	}
	if st := s.GetHttpStatus(); st != 0 {
		fmt.Fprintf(b, "      http_statuses: [%d]\n", st)
	}
	if op := s.GetOperation(); op != "" {
		fmt.Fprintf(b, "      operations: [%s]\n", yamlString(op))
	}
	fmt.Fprintf(b, "    classification:\n      category: %s\n      action: %s\n      retryable: %t\n      code: %s\n      who: %s\n",
		short(c.GetCategory(), "CATEGORY_"), short(c.GetAction(), "ACTION_"), catalog.Retryable(c.GetCategory(), c.GetAction()),
		canonical, short(c.GetWho(), "WHO_"))
	fmt.Fprintf(b, "      description: %s what went wrong, in your own words\n", catalog.FillIn)
	fmt.Fprintf(b, "      remediation: %s what the caller should do, in your own words\n", catalog.FillIn)
	b.WriteString("    examples:   # the redacted sample errsvc kept; CHECK that it is the provider's documented shape\n")
	ex := s.GetSample()
	first := "      - "
	field := func(k, v string) {
		fmt.Fprintf(b, "%s%s: %s\n", first, k, v)
		first = "        "
	}
	if ex.GetOperation() != "" {
		field("operation", yamlString(ex.GetOperation()))
	}
	if ex.GetHttpStatus() != 0 {
		field("http_status", fmt.Sprint(ex.GetHttpStatus()))
	}
	if len(ex.GetHeaders()) > 0 {
		keys := make([]string, 0, len(ex.GetHeaders()))
		for k := range ex.GetHeaders() {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var hs []string
		for _, k := range keys {
			hs = append(hs, yamlString(k)+": "+yamlString(ex.GetHeaders()[k]))
		}
		field("headers", "{"+strings.Join(hs, ", ")+"}")
	}
	if ex.GetBody() != "" {
		field("body", yamlString(ex.GetBody()))
	}
	if ex.GetRedirectUri() != "" {
		field("redirect_uri", yamlString(ex.GetRedirectUri()))
	}
	if first == "      - " {
		field("http_status", fmt.Sprint(s.GetHttpStatus()))
	}
}

// yamlString quotes s as a YAML double-quoted scalar: JSON's string syntax
// is a subset of it.
func yamlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}
