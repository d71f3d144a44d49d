package engine

import (
	"errors"
	"fmt"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// ExampleRequest returns the request an entry's example stands for: an
// example in a provider's file names that provider unless it says otherwise.
func ExampleRequest(e *catalog.Entry, ex *errsvcv1.ClassifyRequest) *Request {
	req := RequestFromProto(ex)
	if req.Provider == "" && !e.Provider.Standard {
		req.Provider = e.Provider.Proto.GetId()
	}
	return &req
}

// CheckExamples classifies every example of every entry and reports, as
// "file:line: message", each one that does not classify to its own entry.
// This is what `errsvc catalog test` runs.
func CheckExamples(cat *catalog.Catalog) (passed int, err error) {
	var errs []error
	for _, e := range cat.Entries() {
		for i, ex := range e.Proto.GetExamples() {
			line := e.Line
			if i < len(e.ExampleLines) {
				line = e.ExampleLines[i]
			}
			res, cerr := Classify(cat, ExampleRequest(e, ex), nil)
			switch {
			case cerr != nil:
				errs = append(errs, fmt.Errorf("%s:%d: example %d of %s: %v", e.Provider.File, line, i+1, e.Proto.GetId(), cerr))
			case res.Entry != e:
				got := "nothing"
				if res.Entry != nil {
					got = res.Entry.Proto.GetId()
				}
				errs = append(errs, fmt.Errorf("%s:%d: example %d of %s classifies to %s", e.Provider.File, line, i+1, e.Proto.GetId(), got))
			default:
				passed++
			}
		}
	}
	return passed, errors.Join(errs...)
}
