package errsvc_test

import (
	"errors"
	"fmt"

	"github.com/errsvc/errsvc"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

func ExampleClassifier_Classify() {
	c, err := errsvc.New()
	if err != nil {
		panic(err)
	}
	resp, err := c.Classify(&errsvcv1.ClassifyRequest{
		Provider:   "okta",
		Operation:  "token",
		HttpStatus: 400,
		Body:       `{"error":"invalid_grant","error_description":"The refresh token is invalid or expired."}`,
	})
	if err != nil {
		panic(err)
	}
	cl := resp.GetClassification()
	fmt.Println(cl.GetCategory(), cl.GetAction(), cl.GetRetryable())

	// errsvc's own failures are *errsvc.Error values.
	_, err = c.Classify(&errsvcv1.ClassifyRequest{})
	var e *errsvc.Error
	fmt.Println(errors.As(err, &e), e.Reason)
	// Output:
	// CATEGORY_AUTHENTICATION ACTION_RE_AUTHENTICATE false
	// true EMPTY_REQUEST
}
