package engine

import (
	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// Load loads the catalog errsvc serves: the embedded one, overlaid with the
// YAML files of dir when dir is set, validated, and with every example and
// capture classifying to its own entry. It is the one loader of start-up,
// reload and every command. When the catalog cannot be served, problems lists
// what is wrong, each as "file:line: message".
func Load(dir string) (cat *catalog.Catalog, problems []error) {
	cat, err := catalog.Load(dir)
	if err != nil {
		return nil, Problems(err)
	}
	if _, failures := CheckExamples(cat); len(failures) > 0 {
		return nil, failures
	}
	return cat, nil
}

// Problems lists the parts of an error joined by errors.Join, or the error
// itself.
func Problems(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Problems(e)...)
		}
		return out
	}
	return []error{err}
}

// Answer classifies a request of the API and builds its answer: the one path
// from a ClassifyRequest to a ClassifyResponse, for every transport and
// command. The Result is for metrics; the answer shares the catalog's
// messages and must be read, not changed. The error, an *Error, is errsvc's
// own failure.
func Answer(cat *catalog.Catalog, req *errsvcv1.ClassifyRequest, lim *Limits, s *Scratch) (*errsvcv1.ClassifyResponse, Result, error) {
	ereq := RequestFromProto(req)
	res, err := ClassifyWith(cat, &ereq, lim, s)
	if err != nil {
		return nil, Result{}, err
	}
	return res.Response(cat), res, nil
}
