// Package errsvc classifies raw upstream errors in-process: the engine of
// the errsvc service, without a server. Give it what an upstream answered
// (status, headers, body, redirect) and it answers what went wrong, who
// must act and what to do next, as the service's ClassifyResponse.
//
// The answers and their terms are those of the service: docs/taxonomy.md
// and docs/api.md in the errsvc repository define them.
package errsvc

import (
	"errors"
	"sync"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/internal/engine"
)

// Classifier classifies against one loaded catalog. It is safe for
// concurrent use.
type Classifier struct {
	cat     *catalog.Catalog
	scratch sync.Pool
}

// Error is errsvc's own failure to classify (an empty or oversized
// request), as opposed to the classification of an upstream error. Reason is
// its AIP-193 reason, such as "EMPTY_REQUEST" or "BODY_TOO_LARGE".
type Error = engine.Error

// New returns a Classifier over the catalog embedded in errsvc.
func New() (*Classifier, error) { return NewFromDir("") }

// NewFromDir returns a Classifier over the embedded catalog overlaid with the
// catalog files of dir (docs/catalog.md). The error lists every problem of
// the files, each as "file:line: message".
func NewFromDir(dir string) (*Classifier, error) {
	cat, problems := engine.Load(dir)
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	c := &Classifier{cat: cat}
	c.scratch.New = func() any { return new(engine.Scratch) }
	return c, nil
}

// Classify classifies one raw upstream error. The answer shares the
// catalog's messages: read it, do not change it. The error, an *Error, is
// errsvc's own failure; an upstream error, however strange, is an answer.
func (c *Classifier) Classify(req *errsvcv1.ClassifyRequest) (*errsvcv1.ClassifyResponse, error) {
	s := c.scratch.Get().(*engine.Scratch)
	defer c.scratch.Put(s)
	resp, _, err := engine.Answer(c.cat, req, nil, s)
	return resp, err
}

// CatalogVersion identifies the loaded catalog's content.
func (c *Classifier) CatalogVersion() string { return c.cat.Version }
