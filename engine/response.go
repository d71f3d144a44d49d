package engine

import (
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
// the action adjusted by context and retry_after filled in.
func (r *Result) Classification() *errsvcv1.Classification {
	src := unknownClassification
	if r.Entry != nil {
		src = r.Entry.Proto.GetClassification()
	}
	// A field-by-field copy: proto.Clone walks the message by reflection and
	// costs more than the whole classification.
	c := &errsvcv1.Classification{
		Category:       src.GetCategory(),
		Action:         src.GetAction(),
		Retryable:      src.GetRetryable(),
		Code:           src.GetCode(),
		FallbackAction: src.GetFallbackAction(),
		Who:            src.GetWho(),
		GrpcCode:       src.GetGrpcCode(),
		HttpStatus:     src.GetHttpStatus(),
		Description:    src.GetDescription(),
		Remediation:    src.GetRemediation(),
		UserMessage:    src.GetUserMessage(),
	}
	if r.Entry != nil {
		c.Action, c.FallbackAction = r.Action, r.Fallback
	}
	if r.HasRetryAfter {
		c.RetryAfter = durationpb.New(r.RetryAfter)
	}
	return c
}

// Response builds the ClassifyResponse of r.
func (r *Result) Response(cat *catalog.Catalog) *errsvcv1.ClassifyResponse {
	m := &errsvcv1.Match{
		Provider:            r.Provider,
		ProviderKnown:       r.ProviderKnown,
		Kind:                r.Kind,
		UpstreamCode:        Sanitize(r.UpstreamCode.String(), maxUpstreamCode),
		UpstreamDescription: Sanitize(r.UpstreamDescription.String(), maxUpstreamText),
		CatalogVersion:      cat.Version,
	}
	if r.Entry != nil {
		m.EntryId = r.Entry.Proto.GetId()
	}
	if r.NEvidence > 0 {
		m.Evidence = make([]string, r.NEvidence)
		for i := 0; i < r.NEvidence; i++ {
			m.Evidence[i] = r.Evidence[i].String()
		}
	}
	for _, a := range r.Alternatives {
		alt := &errsvcv1.Alternative{
			EntryId:        a.Entry.Proto.GetId(),
			Classification: a.Entry.Proto.GetClassification(),
			UpstreamCode:   Sanitize(a.UpstreamCode.String(), maxUpstreamCode),
		}
		if len(a.Context) > 0 {
			alt.Context = make(map[string]string, len(a.Context))
			for _, f := range a.Context {
				alt.Context[f.Key] = f.Value
			}
		}
		m.Alternatives = append(m.Alternatives, alt)
	}
	return &errsvcv1.ClassifyResponse{Classification: r.Classification(), Match: m}
}

// RequestFromProto converts the API request. body_bytes, when set, is used
// instead of body; it may hold any bytes.
func RequestFromProto(p *errsvcv1.ClassifyRequest) *Request {
	body := p.GetBody()
	if len(p.GetBodyBytes()) > 0 {
		body = string(p.GetBodyBytes())
	}
	return &Request{
		Provider:    p.GetProvider(),
		Operation:   p.GetOperation(),
		HTTPStatus:  int(p.GetHttpStatus()),
		Headers:     p.GetHeaders(),
		Body:        body,
		RedirectURI: p.GetRedirectUri(),
		Context:     p.GetContext(),
	}
}
