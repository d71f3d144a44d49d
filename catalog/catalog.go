// Package catalog loads errsvc's catalog of provider and standard error
// definitions: YAML files described by the errsvc.v1.CatalogFile message.
//
// Loading decodes every file strictly, validates the whole set reporting every
// problem at once as "file:line: message", and compiles an immutable Catalog
// that the classification engine reads without locks.
package catalog

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

//go:embed data/*.yaml
var embedded embed.FS

// maxFileBytes bounds one catalog file; the largest shipped file is far
// smaller.
const maxFileBytes = 4 << 20

// HTTPStandardID is the standard holding plain HTTP status semantics. It is
// always consulted last.
const HTTPStandardID = "http"

// Catalog is a loaded, validated and compiled catalog. It is immutable: share
// it freely between goroutines.
type Catalog struct {
	// Version identifies the catalog's content: a digest of its files.
	Version string
	// Providers holds the providers and then the standards, each sorted by id.
	Providers []*Provider

	byID         map[string]*Provider // ids and id aliases, lowercase
	byDomain     map[string]*Provider
	defaultChain []*Provider
	entries      []*Entry
	entriesByID  map[string]*Entry

	// vocabulary holds the entries of vocabulary files, in file order.
	vocabulary []*Entry
	// providerCodes maps each code that providers' entries (or their
	// aliases) name to those entries, for requests that name no known
	// provider.
	providerCodes map[string][]*Entry
	// standardCodes lists the codes the standards define, for near
	// spellings, shortest first.
	standardCodes []string
	// definers maps each code to the providers and standards whose entries
	// define it, in catalog order.
	definers map[string][]Definer
	words    *WordIndex

	// shadows holds the shadow entries, outside every index that answers:
	// by code, and those without codes.
	shadows       map[string][]*Entry
	shadowsNoCode []*Entry
	nShadows      int
}

// Provider is a provider or standard with its compiled entries.
type Provider struct {
	Proto   *errsvcv1.Provider
	File    string
	Entries []*Entry
	// Standard is true for kind STANDARD.
	Standard bool
	// Vocabulary is true for kind VOCABULARY: its entries match words and
	// are consulted only for inference.
	Vocabulary bool
	// Index is the provider's position in Catalog.Providers, for
	// per-provider tables kept by callers.
	Index int

	// Chain is the order in which entries are consulted for a request naming
	// this provider: itself, the standards it builds on (transitively, most
	// specific first), every other standard, and HTTP semantics last.
	Chain []*Provider

	aliases map[string]string
	byCode  map[string][]*Entry
	noCode  []*Entry
	// noCodeAt holds, for providers with many entries without codes (HTTP
	// semantics), those a status from 100 to 599 may match, at
	// status-100: the status reading need not weigh every one.
	noCodeAt [][]*Entry
}

// Entry is one compiled error definition.
type Entry struct {
	Proto    *errsvcv1.Entry
	Provider *Provider
	// Index is the entry's position in Catalog.Entries, for per-entry tables
	// kept by callers (metric label children, for example).
	Index int
	// Line is where the entry starts in Provider.File; ExampleLines are where
	// its examples start.
	Line         int
	ExampleLines []int

	Operations          []string
	Statuses            []StatusMatch
	Codes               []string // normalized
	ErrorTypes          []string // normalized
	DescriptionContains []string // lowercase
	HeadersPresent      []HeaderCond
	Context             []ContextFact
	NoCode              bool

	// Words, AndWords and NotWords are the compiled phrases of a vocabulary
	// entry.
	Words, AndWords, NotWords []Phrase
	// CaptureLines are where the entry's captures start.
	CaptureLines []int
	// Shadow entries are evaluated and counted, never answered with.
	Shadow bool
}

// Phrase is a sequence of lowercase words; when Prefix is set, the last word
// matches any word it begins.
type Phrase struct {
	Words  []string
	Prefix bool
	// Weak marks a phrase of weak_words.
	Weak bool
	// Of is, for the contracted form of a phrase that the word index also
	// finds (the words "doesn t exist" of "does not exist"), the phrase
	// written in the catalog; nil for that phrase itself.
	Of *Phrase
}

// HeaderCond is one of an entry's headers_present: a header that must be
// present and, when Prefix is set, whose value must begin with it ("Basic"
// for WWW-Authenticate: Basic realm="api"). Both are lowercase.
type HeaderCond struct {
	Name, Prefix string
}

// ParseHeaderCond reads "Name" or "Name: value-prefix".
func ParseHeaderCond(s string) HeaderCond {
	name, prefix, _ := strings.Cut(s, ":")
	return HeaderCond{Name: strings.ToLower(strings.TrimSpace(name)), Prefix: strings.ToLower(strings.TrimSpace(prefix))}
}

// ContextFact is one context condition: key and lowercase value.
type ContextFact struct{ Key, Value string }

// StatusMatch matches one HTTP status exactly, or a class when Class is set.
type StatusMatch struct {
	Status int
	Class  bool // Status holds the class digit: 4 for "4xx"
}

// Matches reports whether the status s satisfies m.
func (m StatusMatch) Matches(s int) bool {
	if m.Class {
		return s/100 == m.Status
	}
	return s == m.Status
}

// Provider returns the provider or standard with the given id or id alias,
// compared case-insensitively, with space, '_', '.' and '/' as '-', and
// without the words callers add around a name ("api.", " API", ".com",
// ProviderByHost returns the provider whose domains hold host, a link's
// host name ("docs.stripe.com" is under "stripe.com"); case does not
// matter. It does not allocate.
func (c *Catalog) ProviderByHost(host string) (*Provider, bool) {
	var buf [253]byte
	if len(host) > len(buf) {
		return nil, false
	}
	b := buf[:len(host)]
	for i := 0; i < len(host); i++ {
		ch := host[i]
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		b[i] = ch
	}
	for {
		if p, ok := c.byDomain[string(b)]; ok {
			return p, true
		}
		dot := bytes.IndexByte(b, '.')
		if dot < 0 || bytes.IndexByte(b[dot+1:], '.') < 0 {
			return nil, false // a domain has a dot; "com" alone names nothing
		}
		b = b[dot+1:]
	}
}

// "-v2").
func (c *Catalog) Provider(id string) (*Provider, bool) {
	if p, ok := c.byID[id]; ok {
		return p, true
	}
	var buf [64]byte
	id = strings.TrimSpace(id)
	if len(id) > len(buf) {
		return nil, false
	}
	b := buf[:len(id)]
	for i := 0; i < len(id); i++ {
		ch := id[i]
		switch {
		case 'A' <= ch && ch <= 'Z':
			ch += 'a' - 'A'
		case ch == ' ' || ch == '_' || ch == '.' || ch == '/':
			ch = '-'
		}
		b[i] = ch
	}
	if p, ok := c.byID[string(b)]; ok {
		return p, true
	}
	// "Stripe API", "api.github.com", "slack-api-v2": the name without
	// the words around it.
	for {
		n := len(b)
		for _, affix := range providerAffixes {
			if affix[0] == '-' {
				b = bytes.TrimSuffix(b, []byte(affix))
			} else {
				b = bytes.TrimPrefix(b, []byte(affix))
			}
		}
		if len(b) == n || len(b) == 0 {
			return nil, false
		}
		if p, ok := c.byID[string(b)]; ok {
			return p, true
		}
	}
}

// providerAffixes are the words around a provider's name that callers add:
// "api.", ".com", " API", "-v2".
var providerAffixes = []string{"api-", "www-", "-com", "-io", "-co", "-net", "-org", "-api", "-rest", "-v1", "-v2", "-v3"}

// Vocabulary returns the entries of the inference vocabulary, in file order.
func (c *Catalog) Vocabulary() []*Entry { return c.vocabulary }

// ProviderEntriesFor returns the providers' entries that name the normalized
// code, directly or through a provider's alias.
func (c *Catalog) ProviderEntriesFor(normalized []byte) []*Entry {
	return c.providerCodes[string(normalized)]
}

// A Definer is a provider or standard that defines a code, with its
// entries for it.
type Definer struct {
	Provider *Provider
	Entries  []*Entry
}

// DefinersOf returns the providers and standards whose entries define the
// normalized code (not through aliases), each with those entries: a reader
// of a chain looks only in them, rather than in every member. It does not
// allocate.
func (c *Catalog) DefinersOf(normalized []byte) []Definer {
	return c.definers[string(normalized)]
}

// HasShadows reports whether the catalog has shadow entries.
func (c *Catalog) HasShadows() bool { return c.nShadows > 0 }

// ShadowsFor returns the shadow entries naming the normalized code.
func (c *Catalog) ShadowsFor(normalized []byte) []*Entry { return c.shadows[string(normalized)] }

// ShadowsWithoutCode returns the shadow entries that name no code.
func (c *Catalog) ShadowsWithoutCode() []*Entry { return c.shadowsNoCode }

// Words returns the index of the vocabulary's phrases.
func (c *Catalog) Words() *WordIndex { return c.words }

// StandardCodesNear returns the standard codes whose length is within one
// of n: the only ones a code of n bytes can be one edit away from.
func (c *Catalog) StandardCodesNear(n int) []string {
	codes := c.standardCodes
	lo := sort.Search(len(codes), func(i int) bool { return len(codes[i]) >= n-1 })
	hi := sort.Search(len(codes), func(i int) bool { return len(codes[i]) > n+1 })
	return codes[lo:hi]
}

// DefaultChain is the chain for requests that name no known provider: every
// standard, HTTP semantics last.
func (c *Catalog) DefaultChain() []*Provider { return c.defaultChain }

// Entries returns every entry, in file order, providers before standards.
func (c *Catalog) Entries() []*Entry { return c.entries }

// Entry returns the entry with the given id.
func (c *Catalog) Entry(id string) (*Entry, bool) {
	e, ok := c.entriesByID[id]
	return e, ok
}

// Lookup returns the entries of p whose codes include the normalized code.
func (p *Provider) Lookup(normalized string) []*Entry { return p.byCode[normalized] }

// LookupBytes is Lookup for a normalized code held in a byte slice; it does
// not allocate.
func (p *Provider) LookupBytes(normalized []byte) []*Entry { return p.byCode[string(normalized)] }

// Alias returns the canonical normalized code for a normalized alias.
func (p *Provider) Alias(normalized []byte) (string, bool) {
	c, ok := p.aliases[string(normalized)]
	return c, ok
}

// NoCodeEntries returns the entries of p that name no upstream code.
func (p *Provider) NoCodeEntries() []*Entry { return p.noCode }

// NoCodeEntriesFor returns the entries of p that name no upstream code and
// may match status: those whose statuses include it, and those that name
// none. Their order is NoCodeEntries'.
func (p *Provider) NoCodeEntriesFor(status int) []*Entry {
	if p.noCodeAt != nil && status >= 100 && status < 600 {
		return p.noCodeAt[status-100]
	}
	return p.noCode
}

// minNoCodeIndex is how many entries without codes a provider needs
// before NoCodeEntriesFor keeps them by status.
const minNoCodeIndex = 16

func (p *Provider) indexNoCode() {
	if len(p.noCode) < minNoCodeIndex {
		return
	}
	p.noCodeAt = make([][]*Entry, 500)
	for i := range p.noCodeAt {
		status := i + 100
		for _, e := range p.noCode {
			if len(e.Statuses) == 0 || slices.ContainsFunc(e.Statuses, func(m StatusMatch) bool { return m.Matches(status) }) {
				p.noCodeAt[i] = append(p.noCodeAt[i], e)
			}
		}
	}
}

// Source is one catalog file.
type Source struct {
	Name string // the file's base name, "danske-bank.yaml"
	Data []byte
}

// Load loads the embedded catalog, overlaid with the *.yaml and *.yml files
// of dir when dir is not empty: a file in dir replaces the embedded file of
// the same name, and other files add providers. The error, when not nil,
// joins every problem found, each as "file:line: message".
//
// Load validates the files; it does not run their examples (the engine
// does, in engine.Load).
func Load(dir string) (*Catalog, error) {
	base, err := embeddedSources()
	if err != nil {
		return nil, err
	}
	if dir == "" {
		return Compile(base)
	}
	top, err := dirSources(dir)
	if err != nil {
		return nil, err
	}
	return Compile(overlay(base, top))
}

// DirDigest digests the catalog files of dir as Load reads them, so that a
// watcher can tell when they changed without compiling them. A directory
// that cannot be read digests to its error.
func DirDigest(dir string) string {
	srcs, err := dirSources(dir)
	if err != nil {
		return "error: " + err.Error()
	}
	h := sha256.New()
	for _, src := range srcs {
		fmt.Fprintf(h, "%s\x00%d\x00", src.Name, len(src.Data))
		h.Write(src.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// overlay returns base with the sources of top added, a source of top
// replacing the one of base with the same name.
func overlay(base, top []Source) []Source {
	out := make([]Source, 0, len(base)+len(top))
	names := make(map[string]bool, len(top))
	for _, s := range top {
		names[s.Name] = true
	}
	for _, s := range base {
		if !names[s.Name] {
			out = append(out, s)
		}
	}
	return append(out, top...)
}

// EmbeddedFile returns the text of the embedded catalog file name
// ("stripe.yaml").
func EmbeddedFile(name string) ([]byte, error) {
	return embedded.ReadFile("data/" + path.Base(name))
}

func embeddedSources() ([]Source, error) {
	names, err := fs.Glob(embedded, "data/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list embedded catalog: %w", err)
	}
	srcs := make([]Source, 0, len(names))
	for _, n := range names {
		data, err := embedded.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read embedded catalog: %w", err)
		}
		srcs = append(srcs, Source{Name: path.Base(n), Data: data})
	}
	return srcs, nil
}

// dirSources reads the *.yaml and *.yml files of dir, following symbolic
// links (Kubernetes mounts ConfigMap files as links) and skipping hidden
// entries such as ConfigMap's "..data".
func dirSources(dir string) ([]Source, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read catalog dir: %w", err)
	}
	var srcs []Source
	var errs []error
	for _, e := range ents {
		name := e.Name()
		if strings.HasPrefix(name, ".") || (!strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".yml")) {
			continue
		}
		p := filepath.Join(dir, name)
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		if st.IsDir() {
			continue
		}
		if st.Size() > maxFileBytes {
			errs = append(errs, fmt.Errorf("%s:1: file is %d bytes, more than the %d allowed", name, st.Size(), maxFileBytes))
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		srcs = append(srcs, Source{Name: name, Data: data})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(srcs) == 0 {
		return nil, fmt.Errorf("read catalog dir %s: no .yaml files", dir)
	}
	return srcs, nil
}

// Compile decodes, validates and compiles the given files. The error, when
// not nil, joins every problem found, each as "file:line: message".
func Compile(srcs []Source) (*Catalog, error) {
	srcs = slices.Clone(srcs)
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].Name < srcs[j].Name })
	var errs []error
	files := make([]*errsvcv1.CatalogFile, 0, len(srcs))
	pos := positions{}
	names := make([]string, 0, len(srcs))
	for _, s := range srcs {
		if len(s.Data) > maxFileBytes {
			errs = append(errs, fmt.Errorf("%s:1: file is %d bytes, more than the %d allowed", s.Name, len(s.Data), maxFileBytes))
			continue
		}
		d := decoder{file: s.Name, pos: pos}
		f := &errsvcv1.CatalogFile{}
		d.document(s.Data, f)
		errs = append(errs, d.errs...)
		if len(d.errs) == 0 {
			files = append(files, f)
			names = append(names, s.Name)
		}
	}
	if len(srcs) == 0 {
		errs = append(errs, errors.New("catalog has no files"))
	}
	errs = append(errs, validate(names, files, pos)...)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return build(names, files, pos, digest(srcs)), nil
}

func digest(srcs []Source) string {
	h := sha256.New()
	for _, s := range srcs {
		fmt.Fprintf(h, "%s\x00%d\x00", s.Name, len(s.Data))
		h.Write(s.Data)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// build compiles validated files. It assumes validate found nothing wrong.
func build(names []string, files []*errsvcv1.CatalogFile, pos positions, version string) *Catalog {
	c := &Catalog{
		Version:     version,
		byID:        make(map[string]*Provider, len(files)),
		byDomain:    map[string]*Provider{},
		entriesByID: make(map[string]*Entry),
	}
	for i, f := range files {
		p := &Provider{
			Proto:      f.GetProvider(),
			File:       names[i],
			Standard:   f.GetProvider().GetKind() == errsvcv1.ProviderKind_PROVIDER_KIND_STANDARD,
			Vocabulary: f.GetProvider().GetKind() == errsvcv1.ProviderKind_PROVIDER_KIND_VOCABULARY,
			aliases:    make(map[string]string),
			byCode:     make(map[string][]*Entry),
		}
		for _, a := range p.Proto.GetAliases() {
			p.aliases[NormalizeCode(a.GetCode())] = NormalizeCode(a.GetCanonical())
		}
		for _, pe := range f.GetEntries() {
			e := compileEntry(pe, p)
			e.Line = pos.line(pe, "")
			for _, ex := range pe.GetExamples() {
				e.ExampleLines = append(e.ExampleLines, pos.line(ex, ""))
			}
			for _, cp := range pe.GetCaptures() {
				e.CaptureLines = append(e.CaptureLines, pos.line(cp, ""))
			}
			p.Entries = append(p.Entries, e)
			if e.Shadow {
				continue // indexed apart, below
			}
			for _, code := range e.Codes {
				p.byCode[code] = append(p.byCode[code], e)
			}
			if len(e.Codes) == 0 {
				p.noCode = append(p.noCode, e)
			}
		}
		p.indexNoCode()
		c.byID[p.Proto.GetId()] = p
		for _, a := range p.Proto.GetIdAliases() {
			c.byID[strings.ToLower(strings.TrimSpace(a))] = p
		}
		for _, d := range p.Proto.GetDomains() {
			c.byDomain[d] = p
		}
		c.Providers = append(c.Providers, p)
	}
	sort.SliceStable(c.Providers, func(i, j int) bool {
		a, b := c.Providers[i], c.Providers[j]
		if a.kindOrder() != b.kindOrder() {
			return a.kindOrder() < b.kindOrder()
		}
		return a.Proto.GetId() < b.Proto.GetId()
	})
	for i, p := range c.Providers {
		p.Index = i
		p.Proto.EntryCount = int32(len(p.Entries))
		for _, e := range p.Entries {
			e.Index = len(c.entries)
			c.entries = append(c.entries, e)
			c.entriesByID[e.Proto.GetId()] = e
		}
	}
	c.shadows = make(map[string][]*Entry)
	for _, e := range c.entries {
		if !e.Shadow {
			continue
		}
		c.nShadows++
		for _, code := range e.Codes {
			c.shadows[code] = append(c.shadows[code], e)
		}
		if len(e.Codes) == 0 {
			c.shadowsNoCode = append(c.shadowsNoCode, e)
		}
	}
	c.providerCodes = make(map[string][]*Entry)
	c.definers = map[string][]Definer{}
	for _, p := range c.Providers {
		if p.Vocabulary {
			c.vocabulary = append(c.vocabulary, p.Entries...)
			continue
		}
		for code, es := range p.byCode {
			c.definers[code] = append(c.definers[code], Definer{p, es})
			if !p.Standard {
				c.providerCodes[code] = append(c.providerCodes[code], es...)
			}
		}
		if !p.Standard {
			for alias, canon := range p.aliases {
				c.providerCodes[alias] = append(c.providerCodes[alias], p.byCode[canon]...)
			}
		}
	}
	for code, ds := range c.definers {
		if slices.ContainsFunc(ds, func(d Definer) bool { return d.Provider.Standard }) {
			c.standardCodes = append(c.standardCodes, code)
		}
	}
	sort.Slice(c.standardCodes, func(i, j int) bool {
		a, b := c.standardCodes[i], c.standardCodes[j]
		return len(a) < len(b) || len(a) == len(b) && a < b
	})
	c.words = buildWordIndex(c.vocabulary)
	var standards []*Provider
	for _, p := range c.Providers {
		if p.Standard && p.Proto.GetId() != HTTPStandardID {
			standards = append(standards, p)
		}
	}
	// Standards that others build on come after them, so the more specific
	// reading of a shared code is consulted first.
	standards = orderStandards(standards, c.byID)
	if h, ok := c.byID[HTTPStandardID]; ok {
		standards = append(standards, h)
	}
	c.defaultChain = standards
	for _, p := range c.Providers {
		p.Chain = chainFor(p, c.byID, standards)
	}
	return c
}

// orderStandards sorts standards so that each comes before those it builds
// on, keeping id order otherwise.
func orderStandards(std []*Provider, byID map[string]*Provider) []*Provider {
	// depth is how many levels of standards one builds on; a cycle counts
	// as the end of the chain.
	depth := map[string]int{}
	seen := map[string]bool{}
	var depthOf func(id string) int
	depthOf = func(id string) int {
		if d, ok := depth[id]; ok || seen[id] {
			return d
		}
		seen[id] = true
		d := 0
		if p, ok := byID[id]; ok {
			for _, b := range p.Proto.GetBuildsOn() {
				d = max(d, depthOf(b)+1)
			}
		}
		depth[id] = d
		return d
	}
	for _, p := range std {
		depthOf(p.Proto.GetId())
	}
	out := slices.Clone(std)
	sort.SliceStable(out, func(i, j int) bool { return depth[out[i].Proto.GetId()] > depth[out[j].Proto.GetId()] })
	return out
}

func chainFor(p *Provider, byID map[string]*Provider, standards []*Provider) []*Provider {
	chain := []*Provider{p}
	seen := map[*Provider]bool{p: true}
	var walk func(q *Provider)
	walk = func(q *Provider) {
		for _, id := range q.Proto.GetBuildsOn() {
			b, ok := byID[id]
			if !ok || seen[b] || b.Proto.GetId() == HTTPStandardID {
				continue
			}
			seen[b] = true
			chain = append(chain, b)
		}
		for _, id := range q.Proto.GetBuildsOn() {
			if b, ok := byID[id]; ok && b != q {
				walk(b)
			}
		}
	}
	walk(p)
	for _, s := range standards {
		if !seen[s] {
			seen[s] = true
			chain = append(chain, s)
		}
	}
	return chain
}

func compileEntry(pe *errsvcv1.Entry, p *Provider) *Entry {
	m := pe.GetMatch()
	e := &Entry{Proto: pe, Provider: p, NoCode: m.GetNoCode(), Shadow: pe.GetShadow()}
	for _, op := range m.GetOperations() {
		e.Operations = append(e.Operations, strings.ToLower(strings.TrimSpace(op)))
	}
	for _, s := range m.GetHttpStatuses() {
		sm, _ := parseStatus(s)
		e.Statuses = append(e.Statuses, sm)
	}
	for _, code := range m.GetCodes() {
		e.Codes = appendUnique(e.Codes, NormalizeCode(code))
	}
	for _, t := range m.GetErrorTypes() {
		e.ErrorTypes = append(e.ErrorTypes, NormalizeCode(t))
	}
	for _, s := range m.GetDescriptionContains() {
		e.DescriptionContains = append(e.DescriptionContains, strings.ToLower(s))
	}
	for _, h := range m.GetHeadersPresent() {
		e.HeadersPresent = append(e.HeadersPresent, ParseHeaderCond(h))
	}
	keys := make([]string, 0, len(m.GetContext()))
	for k := range m.GetContext() {
		keys = append(keys, k)
	}
	e.Words = compilePhrases(m.GetWords())
	for _, ph := range compilePhrases(m.GetWeakWords()) {
		ph.Weak = true
		e.Words = append(e.Words, ph)
	}
	e.AndWords = compilePhrases(m.GetAndWords())
	e.NotWords = compilePhrases(m.GetNotWords())
	sort.Strings(keys)
	for _, k := range keys {
		e.Context = append(e.Context, ContextFact{Key: strings.ToLower(k), Value: strings.ToLower(strings.TrimSpace(m.GetContext()[k]))})
	}
	return e
}

func appendUnique(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// kindOrder sorts providers before standards before vocabularies.
func (p *Provider) kindOrder() int {
	switch {
	case p.Vocabulary:
		return 2
	case p.Standard:
		return 1
	}
	return 0
}

func compilePhrases(ps []string) []Phrase {
	out := make([]Phrase, 0, len(ps))
	for _, s := range ps {
		ph := Phrase{Words: SplitWords(nil, s)}
		if strings.HasSuffix(strings.TrimSpace(s), "*") {
			ph.Prefix = true
		}
		if len(ph.Words) > 0 {
			out = append(out, ph)
		}
	}
	return out
}
