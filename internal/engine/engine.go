// Package engine classifies raw upstream errors against a compiled catalog.
//
// It is the core of errsvc and knows nothing of gRPC or HTTP serving: it takes
// a Request, reads every signal the response carries in one pass (JSON bodies
// of any common shape, form and XML bodies, plain text, WWW-Authenticate,
// the redirect query, Retry-After and rate-limit headers, the status), and
// matches them against the catalog in the order docs/taxonomy.md gives. It starts
// no goroutines, does no I/O and keeps no mutable state, so one catalog may
// serve any number of concurrent calls.
package engine

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// Request is the raw upstream error to classify (the API's ClassifyRequest).
type Request struct {
	Provider    string
	Operation   string
	HTTPStatus  int
	Headers     map[string]string
	Body        string
	RedirectURI string
	Context     map[string]string
	// Now, when set, is the time Retry-After dates are measured from.
	Now time.Time
}

// Limits bound the work one request may cause.
type Limits struct {
	MaxBodyBytes   int // body size
	MaxDepth       int // JSON nesting
	MaxElements    int // JSON array elements inspected
	MaxFieldBytes  int // provider, operation, redirect URI, each header
	MaxHeaders     int // number of headers
	MaxContextKeys int // number of context facts
}

// DefaultLimits are generous for real error bodies and small enough that no
// request can make errsvc work hard.
var DefaultLimits = Limits{
	MaxBodyBytes:   1 << 20,
	MaxDepth:       32,
	MaxElements:    10000,
	MaxFieldBytes:  16 << 10,
	MaxHeaders:     100,
	MaxContextKeys: 32,
}

// Error is errsvc's own failure to classify, as opposed to a classification
// of an upstream error. Reason is the AIP-193 ErrorInfo reason.
type Error struct {
	Reason   string
	Message  string
	Metadata map[string]string
}

func (e *Error) Error() string { return e.Message }

func errTooDeep(limit int) *Error {
	return &Error{Reason: "BODY_TOO_DEEP", Message: fmt.Sprintf("body nests deeper than %d levels", limit),
		Metadata: map[string]string{"limit": strconv.Itoa(limit)}}
}

func errTooManyElements(limit int) *Error {
	return &Error{Reason: "BODY_TOO_MANY_ELEMENTS", Message: fmt.Sprintf("body has more than %d array elements", limit),
		Metadata: map[string]string{"limit": strconv.Itoa(limit)}}
}

// Evidence is one signal that contributed to a result. Its fields point into
// the request or the catalog; String formats it.
type Evidence struct {
	Source  string // "body", "header.www-authenticate", "redirect", "status", "context", ...
	Parent  string // the JSON key holding the error object, if any
	InArray bool   // the error object is an element of Parent's array
	Key     string // "error", "ErrorCode", ...
	Value   text
	// Note marks a remark of errsvc's own, such as how an answer was
	// inferred; it formats as "source value".
	Note bool
}

// String formats the evidence as "source.key=value", the value truncated and
// redacted.
func (e Evidence) String() string { return string(e.appendTo(nil)) }

func (e *Evidence) appendTo(b []byte) []byte {
	b = append(b, e.Source...)
	if e.Note {
		b = append(b, ' ')
		return appendSanitized(b, e.Value.String(), maxEvidenceValue)
	}
	if e.Parent != "" {
		b = append(b, '.')
		b = appendSanitized(b, e.Parent, maxEvidenceKey)
		if e.InArray {
			b = append(b, "[]"...)
		}
	}
	if e.Key != "" {
		b = append(b, '.')
		b = appendSanitized(b, e.Key, maxEvidenceKey)
	}
	b = append(b, '=')
	return appendSanitized(b, e.Value.String(), maxEvidenceValue)
}

const maxEvidence = 8

// Alternative is another plausible reading of the same response.
type Alternative struct {
	Entry *catalog.Entry
	// Context holds the facts that would select the entry; nil when the
	// alternative is another error of the same response.
	Context []catalog.ContextFact
	// UpstreamCode is the code this alternative was read from, if any.
	UpstreamCode text
}

// Result is the engine's answer. Entry is nil when nothing matched.
type Result struct {
	Entry    *catalog.Entry
	Kind     errsvcv1.MatchKind
	Provider string
	// Named is the catalog provider the request named, nil when unknown.
	Named *catalog.Provider
	// Action and Fallback are the entry's, possibly adjusted by context
	// (no refresh token available turns REFRESH_TOKEN into its fallback).
	Action   errsvcv1.Action
	Fallback errsvcv1.Action

	UpstreamCode        text
	UpstreamDescription text
	RetryAfter          time.Duration
	HasRetryAfter       bool
	// Unmatched is set when the response carried an upstream code that no
	// catalog entry knows, or nothing was understood at all; inferred
	// answers are unmatched too.
	Unmatched bool
	// Confidence is how sure the answer is, from 0 to 1.
	Confidence float32
	// weakInference is set when an inference rests on weak words alone;
	// messageOnly when it rests on the message's words, none of the code's;
	// codeOnly when it rests on the code's words, none of the message's.
	weakInference, messageOnly, codeOnly bool
	// Shadow is the shadow entry that matched, if any: counted, never the
	// answer.
	Shadow *catalog.Entry

	Evidence     [maxEvidence]Evidence
	NEvidence    int
	Alternatives []Alternative
}

func (r *Result) addEvidence(src, key string, v text) {
	if r.NEvidence < maxEvidence {
		r.Evidence[r.NEvidence] = Evidence{Source: src, Key: key, Value: v}
		r.NEvidence++
	}
}

// addNote adds a remark of errsvc's own: "inferred: code words missing,scope".
func (r *Result) addNote(what, v string) {
	if r.NEvidence < maxEvidence {
		r.Evidence[r.NEvidence] = Evidence{Source: what, Value: text{raw: v}, Note: true}
		r.NEvidence++
	}
}

// Validate checks a request against the limits without classifying it.
func Validate(req *Request, lim *Limits) error {
	if req.HTTPStatus == 0 && req.Body == "" && req.RedirectURI == "" && len(req.Headers) == 0 {
		return &Error{Reason: "EMPTY_REQUEST", Message: "request carries no http_status, headers, body or redirect_uri"}
	}
	if req.HTTPStatus != 0 && (req.HTTPStatus < 100 || req.HTTPStatus > 599) {
		return &Error{Reason: "INVALID_HTTP_STATUS", Message: fmt.Sprintf("http_status %d is not between 100 and 599", req.HTTPStatus),
			Metadata: map[string]string{"field": "http_status"}}
	}
	if len(req.Body) > lim.MaxBodyBytes {
		return &Error{Reason: "BODY_TOO_LARGE", Message: fmt.Sprintf("body is %d bytes, more than the %d allowed", len(req.Body), lim.MaxBodyBytes),
			Metadata: map[string]string{"limit": strconv.Itoa(lim.MaxBodyBytes)}}
	}
	if req.Provider != "" && !isProviderID(req.Provider) {
		return &Error{Reason: "INVALID_PROVIDER", Message: "provider must be a provider id: letters, digits and hyphens, at most 63 characters (GET /v1/providers lists the known ones)",
			Metadata: map[string]string{"field": "provider"}}
	}
	for _, f := range [...]struct{ name, v string }{{"operation", req.Operation}, {"redirect_uri", req.RedirectURI}} {
		if len(f.v) > lim.MaxFieldBytes {
			return fieldTooLong(f.name, lim.MaxFieldBytes)
		}
	}
	if err := validatePairs(req.Headers, "headers", "TOO_MANY_HEADERS", "headers", lim.MaxHeaders, lim.MaxFieldBytes); err != nil {
		return err
	}
	return validatePairs(req.Context, "context", "TOO_MANY_CONTEXT_KEYS", "context keys", lim.MaxContextKeys, lim.MaxFieldBytes)
}

// isProviderID reports whether s is a provider id as callers may send it:
// letters (any case), digits and hyphens, at most 63, with surrounding space
// tolerated.
func isProviderID(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 63 || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// validatePairs bounds a map of the request: how many pairs, and the bytes of
// each.
func validatePairs(m map[string]string, field, reason, noun string, maxPairs, maxBytes int) error {
	if len(m) == 0 {
		return nil
	}
	if len(m) > maxPairs {
		return &Error{Reason: reason, Message: fmt.Sprintf("more than %d %s", maxPairs, noun),
			Metadata: map[string]string{"limit": strconv.Itoa(maxPairs)}}
	}
	for k, v := range m {
		if len(k)+len(v) > maxBytes {
			return fieldTooLong(field, maxBytes)
		}
	}
	return nil
}

func fieldTooLong(name string, limit int) *Error {
	return &Error{Reason: "FIELD_TOO_LONG", Message: fmt.Sprintf("%s is longer than %d bytes", name, limit),
		Metadata: map[string]string{"field": name, "limit": strconv.Itoa(limit)}}
}

// Scratch is working memory for one classification at a time. Classify
// keeps it on the stack; a server that classifies on many goroutines can pool
// Scratches and call ClassifyWith, so that its goroutines' stacks stay small.
type Scratch struct{ x extraction }

// Classify classifies req against cat. The error, always an *Error, is
// errsvc's own failure (empty or oversized input); any upstream error, however
// strange, is a Result.
func Classify(cat *catalog.Catalog, req *Request, lim *Limits) (res Result, err error) {
	// A new Scratch is all zeros: classify need not reset it, as
	// ClassifyWith must reset one used before.
	var s Scratch
	err = classify(cat, req, lim, &s.x, &res)
	return res, err
}

// ClassifyWith is Classify using s as working memory. The Result does not
// refer to s, which may be reused as soon as ClassifyWith returns.
func ClassifyWith(cat *catalog.Catalog, req *Request, lim *Limits, s *Scratch) (res Result, err error) {
	s.x.extractionState = extractionState{}
	err = classify(cat, req, lim, &s.x, &res)
	return res, err
}

// classify classifies req into res, which must be the zero Result, using
// x, whose extractionState must be the zero value, as working memory. On
// an error it leaves res as it found it.
func classify(cat *catalog.Catalog, req *Request, lim *Limits, x *extraction, res *Result) error {
	if lim == nil {
		lim = &DefaultLimits
	}
	if err := Validate(req, lim); err != nil {
		return err
	}
	now := time.Now
	if !req.Now.IsZero() {
		now = func() time.Time { return req.Now }
	}
	if len(req.Headers) > 0 {
		extractHeaders(x, req.Headers, now)
	}
	if req.RedirectURI != "" {
		extractQuery(x, req.RedirectURI, srcRedirect)
	} else if req.HTTPStatus >= 300 && req.HTTPStatus < 400 {
		// A redirect captured as the raw response: its Location is where
		// the authorization server sent the browser, error= and all.
		for name, v := range req.Headers {
			if strings.EqualFold(name, "Location") {
				extractQuery(x, v, srcRedirect)
				break
			}
		}
	}
	if err := extractBody(x, req.Body, req.HTTPStatus, lim); err != nil {
		return err
	}
	// The answer is written in place: a Result is large, and copying it
	// out of match cost a catalog hit several percent. res is still the
	// zero Result here, as match requires.
	match(cat, req, x, res)
	return nil
}
