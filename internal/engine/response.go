package engine

import (
	"strings"

	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// unknownClassification answers when no signal was understood.
var unknownClassification = &errsvcv1.Classification{
	Category:    errsvcv1.Category_CATEGORY_UNKNOWN,
	Action:      errsvcv1.Action_ACTION_ABORT,
	Code:        "UNKNOWN",
	Who:         errsvcv1.Who_WHO_OPERATOR,
	GrpcCode:    "UNKNOWN",
	HttpStatus:  502,
	Description: "The upstream answer carried no signal errsvc understands: no known code, no HTTP status.",
	Remediation: "Log the full upstream answer on your side and add the provider's error to the catalog.",
}

// Classification returns the classification proto of r: the entry's, with
// the action adjusted by context and retry_after filled in. When neither
// changed it, the catalog's own message is returned, shared and immutable.
func (r *Result) Classification() *errsvcv1.Classification {
	if r.Entry == nil {
		return unknownClassification
	}
	src := r.Entry.Proto.GetClassification()
	if r.Action == src.GetAction() && r.Fallback == src.GetFallbackAction() && r.sameRetryAfter(src.GetRetryAfter()) {
		return src
	}
	// A field-by-field copy: proto.Clone walks the message by reflection and
	// costs more than the whole classification.
	c := &errsvcv1.Classification{
		Category:       src.GetCategory(),
		Action:         r.Action,
		Retryable:      src.GetRetryable(),
		Code:           src.GetCode(),
		FallbackAction: r.Fallback,
		Who:            src.GetWho(),
		GrpcCode:       src.GetGrpcCode(),
		HttpStatus:     src.GetHttpStatus(),
		Description:    src.GetDescription(),
		Remediation:    src.GetRemediation(),
		UserMessage:    src.GetUserMessage(),
	}
	if r.HasRetryAfter {
		c.RetryAfter = durationpb.New(r.RetryAfter)
	}
	return c
}

func (r *Result) sameRetryAfter(d *durationpb.Duration) bool {
	if d == nil {
		return !r.HasRetryAfter
	}
	return r.HasRetryAfter && d.AsDuration() == r.RetryAfter
}

// unknownProviderWarning is shared by every answer it applies to; answers are
// read, never modified.
var unknownProviderWarning = []string{"unknown provider id: the standards still apply; GET /v1/providers lists the ids and aliases the catalog knows"}

// response is one allocation holding what every answer needs.
type response struct {
	resp     errsvcv1.ClassifyResponse
	match    errsvcv1.Match
	evidence [maxEvidence]string
}

// Response builds the ClassifyResponse of r. It shares the catalog's
// immutable messages (classifications, above all), so it must be read, not
// modified.
func (r *Result) Response(cat *catalog.Catalog) *errsvcv1.ClassifyResponse {
	out := &response{}
	m := &out.match
	// The provider as the catalog names it, or the requested id, which
	// Validate has held to the id grammar, in lowercase.
	switch {
	case r.Named != nil:
		m.Provider = r.Named.Proto.GetId()
	case r.Provider != "":
		m.Provider = lowerProvider(r.Provider)
	}
	m.ProviderKnown = r.Named != nil
	m.Kind = r.Kind
	m.UpstreamCode = Sanitize(r.UpstreamCode.String(), maxUpstreamCode)
	m.UpstreamDescription = Sanitize(r.UpstreamDescription.String(), maxUpstreamText)
	m.CatalogVersion = cat.Version
	m.Confidence = r.Confidence
	if r.Provider != "" && r.Named == nil {
		m.Warnings = unknownProviderWarning
	}
	if r.Entry != nil {
		m.EntryId = r.Entry.Proto.GetId()
	}
	if r.NEvidence > 0 {
		// All evidence in one string, each item a slice of it.
		var buf [512]byte
		var ends [maxEvidence]int
		b := buf[:0]
		for i := 0; i < r.NEvidence; i++ {
			b = r.Evidence[i].appendTo(b)
			ends[i] = len(b)
		}
		all, from := string(b), 0
		for i := 0; i < r.NEvidence; i++ {
			out.evidence[i] = all[from:ends[i]]
			from = ends[i]
		}
		m.Evidence = out.evidence[:r.NEvidence:r.NEvidence]
	}
	if len(r.Alternatives) > 0 {
		m.Alternatives = make([]*errsvcv1.Alternative, len(r.Alternatives))
		alts := make([]errsvcv1.Alternative, len(r.Alternatives))
		for i, a := range r.Alternatives {
			alt := &alts[i]
			alt.EntryId = a.Entry.Proto.GetId()
			alt.Classification = a.Entry.Proto.GetClassification()
			alt.UpstreamCode = Sanitize(a.UpstreamCode.String(), maxUpstreamCode)
			if len(a.Context) > 0 {
				alt.Context = make(map[string]string, len(a.Context))
				for _, f := range a.Context {
					alt.Context[f.Key] = f.Value
				}
			}
			m.Alternatives[i] = alt
		}
	}
	out.resp.Classification = r.Classification()
	out.resp.Match = m
	return &out.resp
}

func lowerProvider(p string) string {
	p = strings.TrimSpace(p)
	for i := 0; i < len(p); i++ {
		if 'A' <= p[i] && p[i] <= 'Z' {
			return strings.ToLower(p)
		}
	}
	return p
}

// RequestFromProto converts the API request. body_bytes, when set, is used
// instead of body; it may hold any bytes. The Request is a value, so that a
// caller may keep it on its stack.
func RequestFromProto(p *errsvcv1.ClassifyRequest) Request {
	body := p.GetBody()
	if len(p.GetBodyBytes()) > 0 {
		body = string(p.GetBodyBytes())
	}
	return Request{
		Provider:    p.GetProvider(),
		Operation:   p.GetOperation(),
		HTTPStatus:  int(p.GetHttpStatus()),
		Headers:     p.GetHeaders(),
		Body:        body,
		RedirectURI: p.GetRedirectUri(),
		Context:     p.GetContext(),
	}
}
