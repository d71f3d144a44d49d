// Package client is a small Go client for errsvc, the service that classifies
// raw upstream errors (see docs/taxonomy.md).
//
//	c, err := client.Dial("127.0.0.1:8081")
//	if err != nil { ... }
//	defer c.Close()
//	res, err := c.ClassifyHTTP(ctx, "danske-bank", "token", resp, body)
//	switch res.GetClassification().GetAction() { ... }
//
// Dial uses plaintext for loopback targets (localhost, 127.0.0.0/8, ::1, unix
// sockets) and TLS with the system roots for every other target, unless
// WithTLS or WithInsecure says otherwise. Every call without a deadline of its
// own gets DefaultTimeout.
package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/gen/errsvc/v1/errsvcv1grpc"
)

// DefaultTimeout bounds every call whose context carries no deadline.
// Classification is in-memory work on the server: a call that takes longer is
// stuck, and the caller had better go on without a classification.
const DefaultTimeout = 2 * time.Second

// roundRobinServiceConfig spreads calls over every address the resolver
// returns instead of pinning one (gRPC's default, pick_first).
const roundRobinServiceConfig = `{"loadBalancingConfig":[{"round_robin":{}}]}`

// Option configures Dial.
type Option func(*options)

type options struct {
	tls        *tls.Config
	insecure   bool
	timeout    time.Duration
	roundRobin bool
	dialOpts   []grpc.DialOption
}

// WithTLS makes the connection use TLS with cfg (a nil cfg means the system
// roots and TLS 1.2 at least). It overrides the plaintext default for loopback
// targets.
func WithTLS(cfg *tls.Config) Option {
	return func(o *options) {
		if cfg == nil {
			cfg = &tls.Config{MinVersion: tls.VersionTLS12}
		}
		o.tls, o.insecure = cfg, false
	}
}

// WithInsecure makes the connection plaintext whatever the target, for
// example inside a service mesh that provides mTLS itself.
func WithInsecure() Option {
	return func(o *options) { o.tls, o.insecure = nil, true }
}

// WithTimeout sets the timeout applied to calls whose context has no
// deadline; 0 or less applies none.
func WithTimeout(d time.Duration) Option {
	return func(o *options) { o.timeout = d }
}

// WithRoundRobin balances calls over every address the target resolves to,
// which is what a headless Kubernetes service ("dns:///errsvc-headless:8081")
// needs; gRPC's default sends every call to one address.
func WithRoundRobin() Option {
	return func(o *options) { o.roundRobin = true }
}

// WithDialOptions appends raw gRPC dial options, applied after the client's
// own (so they win where they conflict).
func WithDialOptions(opts ...grpc.DialOption) Option {
	return func(o *options) { o.dialOpts = append(o.dialOpts, opts...) }
}

// Client is a connection to errsvc. It is safe for concurrent use; make one
// per process and share it.
type Client struct {
	conn *grpc.ClientConn
	rpc  errsvcv1grpc.ErrorNormalizerClient
}

// Dial creates a client for target, a gRPC target such as "127.0.0.1:8081",
// "errsvc.prod.svc:8081" or "dns:///errsvc-headless:8081". Like
// grpc.NewClient it does not connect: the first call does.
func Dial(target string, opts ...Option) (*Client, error) {
	o := options{timeout: DefaultTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	var creds credentials.TransportCredentials
	switch {
	case o.tls != nil:
		creds = credentials.NewTLS(o.tls)
	case o.insecure || isLoopback(target):
		creds = insecure.NewCredentials()
	default:
		creds = credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12})
	}
	dialOpts := []grpc.DialOption{grpc.WithTransportCredentials(creds)}
	if o.timeout > 0 {
		dialOpts = append(dialOpts, grpc.WithChainUnaryInterceptor(timeoutInterceptor(o.timeout)))
	}
	if o.roundRobin {
		dialOpts = append(dialOpts, grpc.WithDefaultServiceConfig(roundRobinServiceConfig))
	}
	dialOpts = append(dialOpts, o.dialOpts...)
	conn, err := grpc.NewClient(target, dialOpts...)
	if err != nil {
		return nil, fmt.Errorf("errsvc client: %w", err)
	}
	return &Client{conn: conn, rpc: errsvcv1grpc.NewErrorNormalizerClient(conn)}, nil
}

// timeoutInterceptor gives a call without a deadline one of d.
func timeoutInterceptor(d time.Duration) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, d)
			defer cancel()
		}
		return invoker(ctx, method, req, reply, cc, opts...)
	}
}

// isLoopback reports whether target names this machine: a unix socket, or a
// host that is localhost or a loopback address.
func isLoopback(target string) bool {
	endpoint := target
	if scheme, rest, ok := strings.Cut(target, ":"); ok && !strings.ContainsAny(scheme, "./[") {
		switch scheme {
		case "unix", "unix-abstract":
			return true
		case "dns", "passthrough":
			// scheme:///endpoint or scheme://authority/endpoint
			if after, ok := strings.CutPrefix(rest, "//"); ok {
				if _, ep, ok := strings.Cut(after, "/"); ok {
					endpoint = ep
				}
			} else {
				endpoint = rest
			}
		}
	}
	host := endpoint
	if h, _, err := net.SplitHostPort(endpoint); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Normalizer returns the generated stub, for the RPCs this package does not
// wrap (ClassifyBatch, ListProviders, GetProvider).
func (c *Client) Normalizer() errsvcv1grpc.ErrorNormalizerClient { return c.rpc }

// Classify classifies one raw upstream error. A classification of an upstream
// error is a result, never an error; the error is errsvc's own failure
// (invalid input, unavailable, deadline exceeded).
func (c *Client) Classify(ctx context.Context, req *errsvcv1.ClassifyRequest, opts ...grpc.CallOption) (*errsvcv1.ClassifyResponse, error) {
	return c.rpc.Classify(ctx, req, opts...)
}

// ClassifyHTTP classifies the response an upstream provider returned: resp
// supplies the status and headers, body the bytes read from resp.Body (which
// ClassifyHTTP does not touch). provider is the catalog provider id
// ("danske-bank", may be empty) and operation the upstream endpoint ("token",
// "authorize", "resource", ...). See NewRequest for how the request is built;
// to send context facts as well, build it with NewRequest, set Context and call
// Classify.
func (c *Client) ClassifyHTTP(ctx context.Context, provider, operation string, resp *http.Response, body []byte) (*errsvcv1.ClassifyResponse, error) {
	req, err := NewRequest(provider, operation, resp, body)
	if err != nil {
		return nil, err
	}
	return c.Classify(ctx, req)
}

// NewRequest builds the ClassifyRequest for an upstream response:
//
//   - http_status is resp.StatusCode;
//   - headers holds every response header, repeated values joined with ", ",
//     except Set-Cookie, which carries session secrets and never an error;
//   - body is body when it is valid UTF-8, else body_bytes is;
//   - for a 3xx, redirect_uri is the Location header, which carries error= in
//     an OAuth authorization response. An http.Client follows redirects unless
//     its CheckRedirect returns http.ErrUseLastResponse, so use one that does
//     to see them.
func NewRequest(provider, operation string, resp *http.Response, body []byte) (*errsvcv1.ClassifyRequest, error) {
	if resp == nil {
		return nil, errors.New("errsvc client: nil *http.Response")
	}
	req := &errsvcv1.ClassifyRequest{
		Provider:   provider,
		Operation:  operation,
		HttpStatus: int32(resp.StatusCode),
	}
	for name, values := range resp.Header {
		if len(values) == 0 || http.CanonicalHeaderKey(name) == "Set-Cookie" {
			continue
		}
		if req.Headers == nil {
			req.Headers = make(map[string]string, len(resp.Header))
		}
		req.Headers[name] = strings.Join(values, ", ")
	}
	if len(body) > 0 {
		if utf8.Valid(body) {
			req.Body = string(body)
		} else {
			req.BodyBytes = body
		}
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		req.RedirectUri = resp.Header.Get("Location")
	}
	return req, nil
}
