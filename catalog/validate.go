package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

var (
	providerIDRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	domainRe     = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	entryIDRe    = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,127}$`)
	codeRe       = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,62}$`)
)

// grpcCodes are the names of google.rpc.Code, which classifications may
// suggest for propagation.
var grpcCodes = map[string]bool{
	"OK": true, "CANCELLED": true, "UNKNOWN": true, "INVALID_ARGUMENT": true,
	"DEADLINE_EXCEEDED": true, "NOT_FOUND": true, "ALREADY_EXISTS": true,
	"PERMISSION_DENIED": true, "RESOURCE_EXHAUSTED": true, "FAILED_PRECONDITION": true,
	"ABORTED": true, "OUT_OF_RANGE": true, "UNIMPLEMENTED": true, "INTERNAL": true,
	"UNAVAILABLE": true, "DATA_LOSS": true, "UNAUTHENTICATED": true,
}

// Retryable is the rule of docs/taxonomy.md: the same request may succeed later unchanged when
// the action is a retry or a poll, or when the provider itself failed.
func Retryable(c errsvcv1.Category, a errsvcv1.Action) bool {
	switch a {
	case errsvcv1.Action_ACTION_RETRY, errsvcv1.Action_ACTION_RETRY_WITH_BACKOFF,
		errsvcv1.Action_ACTION_POLL, errsvcv1.Action_ACTION_SLOW_DOWN:
		return true
	}
	return c == errsvcv1.Category_CATEGORY_UPSTREAM_ERROR || c == errsvcv1.Category_CATEGORY_UPSTREAM_UNAVAILABLE
}

// problems collects validation messages with their file and line.
type problems struct {
	pos  positions
	errs []error
}

func (p *problems) add(file string, msg proto.Message, field protoreflect.Name, format string, args ...any) {
	line := p.pos.line(msg, field)
	if line == 0 {
		line = 1
	}
	p.errs = append(p.errs, fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...)))
}

// validate checks decoded files against each other and against the rules
// the engine relies on.
func validate(names []string, files []*errsvcv1.CatalogFile, pos positions) []error {
	p := &problems{pos: pos}
	providerFile := map[string]string{}
	kinds := map[string]errsvcv1.ProviderKind{}
	entryFile := map[string]string{}
	idAliasFile := map[string]string{}
	domainFile := map[string]string{}
	for i, f := range files {
		name := names[i]
		pr := f.GetProvider()
		if pr == nil {
			p.add(name, f, "", "missing provider")
			continue
		}
		id := pr.GetId()
		switch {
		case id == "":
			p.add(name, pr, "", "provider has no id")
		case !providerIDRe.MatchString(id):
			p.add(name, pr, "id", "provider id %q must be lowercase letters, digits and hyphens", id)
		case providerFile[id] != "":
			p.add(name, pr, "id", "provider %q is also defined in %s", id, providerFile[id])
		default:
			providerFile[id] = name
			kinds[id] = pr.GetKind()
			if base := strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".yml"); base != id {
				p.add(name, pr, "id", "provider id %q does not match the file name %q", id, name)
			}
		}
		if pr.GetName() == "" {
			p.add(name, pr, "", "provider %q has no name", id)
		}
		if pr.GetKind() == errsvcv1.ProviderKind_PROVIDER_KIND_UNSPECIFIED {
			p.add(name, pr, "", "provider %q has no kind (PROVIDER, STANDARD or VOCABULARY)", id)
		}
		for _, a := range pr.GetIdAliases() {
			switch {
			case !providerIDRe.MatchString(a):
				p.add(name, pr, "id_aliases", "id alias %q must be lowercase letters, digits and hyphens", a)
			case idAliasFile[a] != "":
				p.add(name, pr, "id_aliases", "id alias %q is also claimed in %s", a, idAliasFile[a])
			default:
				idAliasFile[a] = name
			}
		}
		for _, d := range pr.GetDomains() {
			switch {
			case pr.GetKind() != errsvcv1.ProviderKind_PROVIDER_KIND_PROVIDER:
				p.add(name, pr, "domains", "domain %q: only a provider names domains", d)
			case !domainRe.MatchString(d):
				p.add(name, pr, "domains", "domain %q must be a lowercase host name with a dot, such as stripe.com", d)
			case domainFile[d] != "":
				p.add(name, pr, "domains", "domain %q is also claimed in %s", d, domainFile[d])
			default:
				domainFile[d] = name
			}
		}
		if pr.GetEntryCount() != 0 {
			p.add(name, pr, "entry_count", "entry_count is computed by errsvc and must not be set")
		}
		for _, a := range pr.GetAliases() {
			if NormalizeCode(a.GetCode()) == "" || NormalizeCode(a.GetCanonical()) == "" {
				p.add(name, a, "", "alias needs both code and canonical")
			} else if NormalizeCode(a.GetCode()) == NormalizeCode(a.GetCanonical()) {
				p.add(name, a, "code", "alias %q maps to itself", a.GetCode())
			}
		}
		if len(f.GetEntries()) == 0 {
			p.add(name, f, "", "provider %q has no entries", id)
		}
		for _, fl := range [...]struct{ name, v string }{{"name", pr.GetName()}, {"description", pr.GetDescription()}, {"documentation_url", pr.GetDocumentationUrl()}} {
			if strings.Contains(fl.v, FillIn) {
				p.add(name, pr, protoreflect.Name(fl.name), "provider %q: %s still says %s: write it", id, fl.name, FillIn)
			}
		}
		for _, e := range f.GetEntries() {
			eid := e.GetId()
			switch {
			case eid == "":
				p.add(name, e, "", "entry has no id")
			case !entryIDRe.MatchString(eid):
				p.add(name, e, "id", "entry id %q must be lowercase letters, digits, '.', '_' and '-'", eid)
			case entryFile[eid] != "":
				p.add(name, e, "id", "duplicate entry id %q (also in %s)", eid, entryFile[eid])
			default:
				entryFile[eid] = name
			}
			validateEntry(p, name, e, pr.GetKind() == errsvcv1.ProviderKind_PROVIDER_KIND_VOCABULARY)
		}
	}
	for a, file := range idAliasFile {
		if other, ok := providerFile[a]; ok {
			p.add(file, files[slices.Index(names, file)].GetProvider(), "id_aliases", "id alias %q is the id of the provider in %s", a, other)
		}
	}
	for i, f := range files {
		pr := f.GetProvider()
		for _, b := range pr.GetBuildsOn() {
			k, ok := kinds[b]
			switch {
			case !ok:
				p.add(names[i], pr, "builds_on", "builds_on names unknown provider or standard %q", b)
			case k == errsvcv1.ProviderKind_PROVIDER_KIND_VOCABULARY:
				p.add(names[i], pr, "builds_on", "builds_on names %q, which is the inference vocabulary", b)
			case pr.GetKind() == errsvcv1.ProviderKind_PROVIDER_KIND_STANDARD && k != errsvcv1.ProviderKind_PROVIDER_KIND_STANDARD:
				p.add(names[i], pr, "builds_on", "standard %q builds on %q, which is not a standard", pr.GetId(), b)
			case b == pr.GetId():
				p.add(names[i], pr, "builds_on", "provider %q builds on itself", b)
			}
		}
	}
	return p.errs
}

// FillIn marks what errsvc catalog draft leaves for a person to write; a
// catalog that still carries it is invalid.
const FillIn = "FILL_IN"

func validateEntry(p *problems, file string, e *errsvcv1.Entry, vocabulary bool) {
	id := e.GetId()
	m := e.GetMatch()
	if m == nil {
		p.add(file, e, "", "entry %q has no match", id)
	} else {
		if len(m.GetOperations()) == 0 && len(m.GetHttpStatuses()) == 0 && len(m.GetCodes()) == 0 &&
			len(m.GetErrorTypes()) == 0 && len(m.GetDescriptionContains()) == 0 &&
			len(m.GetHeadersPresent()) == 0 && len(m.GetContext()) == 0 && len(m.GetWords())+len(m.GetWeakWords()) == 0 {
			p.add(file, m, "", "entry %q: match has no condition", id)
		}
		if m.GetNoCode() && len(m.GetCodes()) > 0 {
			p.add(file, m, "no_code", "entry %q: no_code contradicts codes", id)
		}
		if vocabulary {
			validateWords(p, file, id, m)
		} else {
			if len(m.GetWords())+len(m.GetAndWords())+len(m.GetNotWords())+len(m.GetWeakWords()) > 0 {
				p.add(file, m, "words", "entry %q: words, weak_words, and_words and not_words belong in vocabulary files", id)
			}
			if len(m.GetCodes()) == 0 && len(m.GetHttpStatuses()) == 0 && len(m.GetHeadersPresent()) == 0 {
				p.add(file, m, "", "entry %q: an entry without codes must name http_statuses or headers_present", id)
			}
		}
		for _, s := range m.GetHttpStatuses() {
			if _, ok := parseStatus(s); !ok {
				p.add(file, m, "http_statuses", "entry %q: invalid HTTP status %q (want 100-599 or a class such as 4xx)", id, s)
			}
		}
		for _, h := range m.GetHeadersPresent() {
			if c := ParseHeaderCond(h); c.Name == "" || strings.ContainsAny(c.Name, " \t") {
				p.add(file, m, "headers_present", "entry %q: invalid header %q (want a name, or \"Name: value-prefix\")", id, h)
			}
		}
		for _, c := range m.GetCodes() {
			if NormalizeCode(c) == "" {
				p.add(file, m, "codes", "entry %q: empty code", id)
			}
		}
		for k := range m.GetContext() {
			if strings.TrimSpace(k) == "" {
				p.add(file, m, "context", "entry %q: empty context key", id)
			}
		}
	}
	c := e.GetClassification()
	if c == nil {
		p.add(file, e, "", "entry %q has no classification", id)
		return
	}
	if c.GetCategory() == errsvcv1.Category_CATEGORY_UNSPECIFIED {
		p.add(file, c, "", "entry %q: classification has no category", id)
	}
	if c.GetAction() == errsvcv1.Action_ACTION_UNSPECIFIED {
		p.add(file, c, "", "entry %q: classification has no action", id)
	}
	if c.GetWho() == errsvcv1.Who_WHO_UNSPECIFIED {
		p.add(file, c, "", "entry %q: classification has no who", id)
	}
	if !codeRe.MatchString(c.GetCode()) {
		p.add(file, c, "code", "entry %q: code %q must be UPPER_SNAKE_CASE, at most 63 characters", id, c.GetCode())
	}
	if c.GetGrpcCode() != "" && !grpcCodes[c.GetGrpcCode()] {
		p.add(file, c, "grpc_code", "entry %q: unknown grpc_code %q", id, c.GetGrpcCode())
	}
	if s := c.GetHttpStatus(); s != 0 && (s < 100 || s > 599) {
		p.add(file, c, "http_status", "entry %q: http_status %d out of range 100-599", id, s)
	}
	if c.GetDescription() == "" {
		p.add(file, c, "", "entry %q: classification has no description", id)
	}
	for _, f := range [...]struct {
		name, v string
		m       proto.Message
	}{{"source", e.GetSource(), e}, {"description", c.GetDescription(), c}, {"remediation", c.GetRemediation(), c}} {
		if strings.Contains(f.v, FillIn) {
			p.add(file, f.m, protoreflect.Name(f.name), "entry %q: %s still says %s: write it (errsvc catalog draft leaves it for a person)", id, f.name, FillIn)
		}
	}
	if c.GetRemediation() == "" {
		p.add(file, c, "", "entry %q: classification has no remediation", id)
	}
	if c.GetCategory() != errsvcv1.Category_CATEGORY_UNSPECIFIED && c.GetAction() != errsvcv1.Action_ACTION_UNSPECIFIED {
		if want := Retryable(c.GetCategory(), c.GetAction()); c.GetRetryable() != want {
			p.add(file, c, "retryable", "entry %q: retryable must be %t for category %s and action %s",
				id, want, short(c.GetCategory().String()), short(c.GetAction().String()))
		}
	}
	if vocabulary && e.GetShadow() {
		p.add(file, e, "shadow", "entry %q: vocabulary entries cannot be shadows", id)
	}
	switch {
	case vocabulary && len(e.GetCaptures()) == 0:
		p.add(file, e, "", "entry %q: a vocabulary entry needs at least one capture of a real response", id)
	case len(e.GetExamples())+len(e.GetCaptures()) == 0:
		p.add(file, e, "", "entry %q has no example", id)
	}
	for _, ex := range e.GetExamples() {
		if isEmptyRequest(ex) {
			p.add(file, ex, "", "entry %q: example carries no raw error", id)
		}
	}
	for _, c := range e.GetCaptures() {
		if u := c.GetUrl(); !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			p.add(file, c, "url", "entry %q: capture needs the http(s) url it was copied from", id)
		}
		if isEmptyRequest(c.GetRequest()) {
			p.add(file, c, "", "entry %q: capture carries no raw error", id)
		}
	}
}

func isEmptyRequest(r *errsvcv1.ClassifyRequest) bool {
	return r.GetHttpStatus() == 0 && r.GetBody() == "" && len(r.GetBodyBytes()) == 0 &&
		r.GetRedirectUri() == "" && len(r.GetHeaders()) == 0
}

// validateWords checks a vocabulary entry: it matches words, not codes.
func validateWords(p *problems, file, id string, m *errsvcv1.EntryMatch) {
	if len(m.GetWords())+len(m.GetWeakWords()) == 0 {
		p.add(file, m, "", "entry %q: a vocabulary entry needs words or weak_words", id)
	}
	if len(m.GetCodes()) > 0 || m.GetNoCode() || len(m.GetContext()) > 0 || len(m.GetErrorTypes()) > 0 || len(m.GetDescriptionContains()) > 0 {
		p.add(file, m, "", "entry %q: a vocabulary entry matches words and statuses only (no codes, no_code, context, error_types or description_contains)", id)
	}
	for _, field := range [...]struct {
		name    protoreflect.Name
		phrases []string
	}{{"words", m.GetWords()}, {"weak_words", m.GetWeakWords()}, {"and_words", m.GetAndWords()}, {"not_words", m.GetNotWords()}} {
		for _, ph := range field.phrases {
			if len(SplitWords(nil, ph)) == 0 {
				p.add(file, m, field.name, "entry %q: phrase %q has no word", id, ph)
			}
			if i := strings.IndexByte(ph, '*'); i >= 0 && i != len(strings.TrimSpace(ph))-1 {
				p.add(file, m, field.name, "entry %q: phrase %q: '*' may only end a phrase", id, ph)
			}
		}
	}
}

// short drops the buf prefix of an enum value name.
func short(name string) string {
	for _, p := range []string{"CATEGORY_", "ACTION_", "WHO_", "MATCH_KIND_", "PROVIDER_KIND_"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return rest
		}
	}
	return name
}

// parseStatus reads "401" or a class such as "4xx".
func parseStatus(s string) (StatusMatch, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) == 3 && s[1:] == "xx" && s[0] >= '1' && s[0] <= '5' {
		return StatusMatch{Status: int(s[0] - '0'), Class: true}, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 100 || n > 599 {
		return StatusMatch{}, false
	}
	return StatusMatch{Status: n}, true
}
