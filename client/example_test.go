package client_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/errsvc/errsvc/client"
	"github.com/errsvc/errsvc/service"
)

// Example starts errsvc in-process, calls an upstream API that answers 401
// with an expired bearer token, and asks errsvc what to do about it.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := service.New(service.Config{
		GRPCAddr: "127.0.0.1:0",
		HTTPAddr: "127.0.0.1:0",
		Logger:   slog.New(slog.DiscardHandler),
	})
	if err != nil {
		log.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx) }()
	defer func() { cancel(); <-served }()

	// The upstream API: a resource server rejecting an expired access token
	// the RFC 6750 way.
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="accounts", error="invalid_token", error_description="The access token expired"`)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	defer upstream.Close()
	resp, err := http.Get(upstream.URL + "/accounts")
	if err != nil {
		log.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		log.Fatal(err)
	}

	c, err := client.Dial(srv.GRPCAddr()) // loopback: plaintext
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	res, err := c.ClassifyHTTP(ctx, "", "resource", resp, body)
	if err != nil {
		log.Fatal(err)
	}
	cl := res.GetClassification()
	fmt.Println(cl.GetCategory(), cl.GetAction(), "then", cl.GetFallbackAction())
	fmt.Println(cl.GetCode(), res.GetMatch().GetEvidence())
	// Output:
	// CATEGORY_AUTHENTICATION ACTION_REFRESH_TOKEN then ACTION_RE_AUTHENTICATE
	// INVALID_TOKEN [header.www-authenticate.error=invalid_token]
}
