package catalog

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the '# want:' lines of testdata/invalid from the current messages")

// TestInvalid loads each file of testdata/invalid over the embedded catalog
// and compares every problem reported with the file's "# want:" lines.
func TestInvalid(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	base, err := embeddedSources()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			var body []string
			for _, line := range strings.Split(string(data), "\n") {
				if w, ok := strings.CutPrefix(line, "# want: "); ok {
					want = append(want, w)
				} else {
					body = append(body, line)
				}
			}
			_, err = Compile(overlay(base, []Source{{Name: filepath.Base(f), Data: data}}))
			if err == nil {
				t.Fatal("Compile succeeded, want an error")
			}
			got := strings.Split(err.Error(), "\n")
			if *update {
				var b strings.Builder
				for _, g := range got {
					b.WriteString("# want: " + g + "\n")
				}
				b.WriteString(strings.Join(body, "\n"))
				if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEmbeddedCatalog(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatalf("embedded catalog: %v", err)
	}
	for _, id := range []string{"danske-bank", "nationwide", "auth-api-440", "jetbrains-hub",
		"rfc6749", "rfc6750", "oidc-core", "rfc8628", "rfc7009", "rfc9126", "ciba", "rfc9449", "uk-obie", "berlin-group", "http"} {
		if _, ok := c.Provider(id); !ok {
			t.Errorf("embedded catalog lacks %s", id)
		}
	}
	p, _ := c.Provider("nationwide")
	if got := p.Chain[len(p.Chain)-1].Proto.GetId(); got != HTTPStandardID {
		t.Errorf("chain of nationwide ends with %s, want http", got)
	}
	if got := p.Chain[1].Proto.GetId(); got != "uk-obie" {
		t.Errorf("chain of nationwide: second is %s, want uk-obie", got)
	}
}

func TestNormalizeCode(t *testing.T) {
	tests := map[string]string{
		"invalid_grant":                         "invalid_grant",
		"  Invalid Grant ":                      "invalid_grant",
		"invalid-grant":                         "invalid_grant",
		"INVALID_GRANT: the code expired":       "invalid_grant",
		"UK.OBIE.Resource.InvalidConsentStatus": "uk.obie.resource.invalidconsentstatus",
		"53201":                                 "53201",
		`"quoted"`:                              "quoted",
		"a  __ b":                               "a_b",
		"-2011":                                 "-2011",
		"-1":                                    "-1",
		"-invalid":                              "invalid",
		"- 5":                                   "5",
		"":                                      "",
	}
	for in, want := range tests {
		if got := NormalizeCode(in); got != want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadOverlay(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/invalid/unknown-field.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "unknown-field.yaml"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644)
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), `unknown field "colour"`) {
		t.Errorf("Load = %v, want the unknown field", err)
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("Load of a missing dir succeeded")
	}
}

// TestProviderNames holds the names callers give a provider: any case,
// spaces or dots for dashes, and the words around the name.
func TestProviderNames(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, want string }{
		{"stripe", "stripe"},
		{" Stripe ", "stripe"},
		{"Stripe API", "stripe"},
		{"api.stripe.com", "stripe"},
		{"Microsoft Graph", "microsoft-graph"},
		{"microsoft_graph", "microsoft-graph"},
		{"danske-bank-api-v2", "danske-bank"},
		{"hub", "jetbrains-hub"},
		{"no-such-provider", ""},
		{"api", ""},
		{"-api", ""},
		{"", ""},
	} {
		got := ""
		if p, ok := c.Provider(tt.name); ok {
			got = p.Proto.GetId()
		}
		if got != tt.want {
			t.Errorf("Provider(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestProviderByHost(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ host, want string }{
		{"stripe.com", "stripe"},
		{"docs.stripe.com", "stripe"},
		{"DOCS.Stripe.COM", "stripe"},
		{"maps.googleapis.com", "google-maps"},
		{"www.googleapis.com", "google"},
		{"developer.nationwide.co.uk", "nationwide"},
		{"consumerdatastandardsaustralia.github.io", "cdr-au"},
		{"github.io", ""},
		{"github.com", ""},
		{"com", ""},
		{"example.org", ""},
		{"", ""},
		{strings.Repeat("a.", 200) + "stripe.com", ""},
	} {
		got := ""
		if p, ok := c.ProviderByHost(tt.host); ok {
			got = p.Proto.GetId()
		}
		if got != tt.want {
			t.Errorf("ProviderByHost(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
}

// TestBuildsOnProvider holds that a provider may build on another provider,
// whose entries it then consults before the standards: a YouTube file keeps
// Google's.
func TestBuildsOnProvider(t *testing.T) {
	base, err := embeddedSources()
	if err != nil {
		t.Fatal(err)
	}
	sub := []byte(`provider:
  id: sub-api
  name: A part of Google
  kind: PROVIDER
  builds_on: [google]
entries:
  - id: sub-api.any.only_here
    source: a test of builds_on
    match:
      codes: [only_here]
    classification:
      category: INVALID_REQUEST
      action: FIX_REQUEST
      code: ONLY_HERE
      who: CLIENT
      grpc_code: INVALID_ARGUMENT
      http_status: 400
      description: A test entry.
      remediation: Nothing to do.
    examples:
      - http_status: 400
        body: '{"error":"only_here"}'
`)
	c, err := Compile(overlay(base, []Source{{Name: "sub-api.yaml", Data: sub}}))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := c.Provider("sub-api")
	var chain []string
	for _, q := range p.Chain[:2] {
		chain = append(chain, q.Proto.GetId())
	}
	if diff := cmp.Diff([]string{"sub-api", "google"}, chain); diff != "" {
		t.Errorf("chain (-want +got):\n%s", diff)
	}
}

// TestStandardCodesNear: the standard codes near a length are exactly those
// of the embedded catalog within one byte of it.
func TestStandardCodesNear(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 10, 15, 45, 200} {
		want := []string{}
		for _, code := range c.standardCodes {
			if len(code) >= n-1 && len(code) <= n+1 {
				want = append(want, code)
			}
		}
		if diff := cmp.Diff(want, c.StandardCodesNear(n)); diff != "" {
			t.Errorf("StandardCodesNear(%d) (-want +got):\n%s", n, diff)
		}
	}
	if got := len(c.StandardCodesNear(15)); got == 0 {
		t.Errorf("no standard code of 14 to 16 bytes")
	}
}

// TestNoCodeEntriesFor holds that the entries kept by status are, for every
// status, exactly those of NoCodeEntries a status may match, in order; a
// provider with few such entries gives them all.
func TestNoCodeEntriesFor(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	indexed := 0
	for _, p := range c.Providers {
		if p.noCodeAt != nil {
			indexed++
		}
		for status := 0; status < 700; status++ {
			var want []string
			for _, e := range p.NoCodeEntries() {
				if p.noCodeAt == nil || status < 100 || status >= 600 || len(e.Statuses) == 0 || slices.ContainsFunc(e.Statuses, func(m StatusMatch) bool { return m.Matches(status) }) {
					want = append(want, e.Proto.GetId())
				}
			}
			var got []string
			for _, e := range p.NoCodeEntriesFor(status) {
				got = append(got, e.Proto.GetId())
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s, status %d (-want +got):\n%s", p.Proto.GetId(), status, diff)
			}
		}
	}
	if indexed == 0 {
		t.Error("no provider keeps its entries by status; the HTTP standard should")
	}
}
