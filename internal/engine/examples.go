package engine

import (
	"fmt"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// ExampleRequest returns the request an entry's example stands for: an
// example in a provider's file names that provider unless it says otherwise.
func ExampleRequest(e *catalog.Entry, ex *errsvcv1.ClassifyRequest) *Request {
	req := RequestFromProto(ex)
	if req.Provider == "" && !e.Provider.Standard && !e.Provider.Vocabulary {
		req.Provider = e.Provider.Proto.GetId()
	}
	return &req
}

// CheckExamples classifies every example and capture of every entry and
// reports, as "file:line: message", each one that does not classify to its
// own entry. This is what `errsvc catalog test` runs.
func CheckExamples(cat *catalog.Catalog) (passed int, failures []error) {
	var errs []error
	check := func(e *catalog.Entry, what string, i, line int, ex *errsvcv1.ClassifyRequest) {
		res, cerr := Classify(cat, ExampleRequest(e, ex), nil)
		switch {
		case cerr != nil:
			errs = append(errs, fmt.Errorf("%s:%d: %s %d of %s: %v", e.Provider.File, line, what, i+1, e.Proto.GetId(), cerr))
		case e.Shadow && res.Shadow != e:
			errs = append(errs, fmt.Errorf("%s:%d: %s %d of shadow entry %s does not match it", e.Provider.File, line, what, i+1, e.Proto.GetId()))
		case e.Shadow:
			passed++
		case res.Entry != e:
			got := "nothing"
			if res.Entry != nil {
				got = res.Entry.Proto.GetId()
			}
			errs = append(errs, fmt.Errorf("%s:%d: %s %d of %s classifies to %s", e.Provider.File, line, what, i+1, e.Proto.GetId(), got))
		default:
			passed++
		}
	}
	for _, e := range cat.Entries() {
		for i, ex := range e.Proto.GetExamples() {
			check(e, "example", i, lineAt(e.ExampleLines, i, e.Line), ex)
		}
		for i, c := range e.Proto.GetCaptures() {
			check(e, "capture", i, lineAt(e.CaptureLines, i, e.Line), c.GetRequest())
		}
	}
	return passed, errs
}

func lineAt(lines []int, i, fallback int) int {
	if i < len(lines) {
		return lines[i]
	}
	return fallback
}
