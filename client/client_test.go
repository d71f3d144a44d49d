package client

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/testing/protocmp"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

func TestNewRequest(t *testing.T) {
	notUTF8 := []byte{0xff, 0xfe, 'e', 'r', 'r'}
	tests := []struct {
		name      string
		provider  string
		operation string
		status    int
		header    http.Header
		body      []byte
		want      *errsvcv1.ClassifyRequest
	}{
		{
			name:      "oauth token error",
			provider:  "danske-bank",
			operation: "token",
			status:    400,
			header:    http.Header{"Content-Type": {"application/json"}},
			body:      []byte(`{"error":"unsupported_grant_type"}`),
			want: &errsvcv1.ClassifyRequest{
				Provider: "danske-bank", Operation: "token", HttpStatus: 400,
				Headers: map[string]string{"Content-Type": "application/json"},
				Body:    `{"error":"unsupported_grant_type"}`,
			},
		},
		{
			name:   "repeated headers joined, set-cookie dropped, no body",
			status: 401,
			header: http.Header{
				"Www-Authenticate": {`Bearer error="invalid_token"`, `Basic realm="api"`},
				"Set-Cookie":       {"session=secret; Path=/"},
			},
			want: &errsvcv1.ClassifyRequest{
				HttpStatus: 401,
				Headers:    map[string]string{"Www-Authenticate": `Bearer error="invalid_token", Basic realm="api"`},
			},
		},
		{
			name:   "body that is not utf-8 goes to body_bytes",
			status: 502,
			body:   notUTF8,
			want:   &errsvcv1.ClassifyRequest{HttpStatus: 502, BodyBytes: notUTF8},
		},
		{
			name:      "3xx location is the redirect uri",
			provider:  "danske-bank",
			operation: "authorize",
			status:    302,
			header:    http.Header{"Location": {"https://app.example/cb?error=user_cancelled&state=s1"}},
			want: &errsvcv1.ClassifyRequest{
				Provider: "danske-bank", Operation: "authorize", HttpStatus: 302,
				Headers:     map[string]string{"Location": "https://app.example/cb?error=user_cancelled&state=s1"},
				RedirectUri: "https://app.example/cb?error=user_cancelled&state=s1",
			},
		},
		{
			name:   "location outside 3xx is only a header",
			status: 201,
			header: http.Header{"Location": {"/v1/things/1"}},
			want: &errsvcv1.ClassifyRequest{
				HttpStatus: 201,
				Headers:    map[string]string{"Location": "/v1/things/1"},
			},
		},
		{
			name:   "3xx without location",
			status: 304,
			want:   &errsvcv1.ClassifyRequest{HttpStatus: 304},
		},
		{
			name:   "non-standard status",
			status: 440,
			body:   []byte(`{"code":53201}`),
			want:   &errsvcv1.ClassifyRequest{HttpStatus: 440, Body: `{"code":53201}`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := tt.header
			if header == nil {
				header = http.Header{}
			}
			resp := &http.Response{StatusCode: tt.status, Header: header}
			got, err := NewRequest(tt.provider, tt.operation, resp, tt.body)
			if err != nil {
				t.Fatalf("NewRequest: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, protocmp.Transform()); diff != "" {
				t.Errorf("NewRequest mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewRequestNilResponse(t *testing.T) {
	if _, err := NewRequest("", "", nil, nil); err == nil {
		t.Fatal("NewRequest(nil response): got nil error, want one")
	}
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		target string
		want   bool
	}{
		{"127.0.0.1:8081", true},
		{"127.3.2.1:8081", true},
		{"localhost:8081", true},
		{"LOCALHOST", true},
		{"[::1]:8081", true},
		{"dns:///localhost:8081", true},
		{"dns://8.8.8.8/127.0.0.1:8081", true},
		{"passthrough:///127.0.0.1:8081", true},
		{"unix:///run/errsvc.sock", true},
		{"unix:errsvc.sock", true},
		{"errsvc.prod.svc:8081", false},
		{"dns:///errsvc-headless:8081", false},
		{"10.0.0.7:8081", false},
		{"[2001:db8::1]:8081", false},
		{"localhost.example.com:8081", false},
	}
	for _, tt := range tests {
		if got := isLoopback(tt.target); got != tt.want {
			t.Errorf("isLoopback(%q) = %v, want %v", tt.target, got, tt.want)
		}
	}
}

// TestDefaultTimeout checks that a call without a deadline gets the client's:
// the server below accepts connections and never answers.
func TestDefaultTimeout(t *testing.T) {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer lis.Close()
	go func() {
		for {
			conn, err := lis.Accept()
			if err != nil {
				return
			}
			defer conn.Close()
		}
	}()
	c, err := Dial(lis.Addr().String(), WithTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	_, err = c.Classify(context.Background(), &errsvcv1.ClassifyRequest{HttpStatus: 503})
	if got, want := status.Code(err), codes.DeadlineExceeded; got != want {
		t.Fatalf("Classify against a silent server: code %v (%v), want %v", got, err, want)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("Classify took %v, want about 200ms", elapsed)
	}
}

func TestDialRoundRobin(t *testing.T) {
	c, err := Dial("dns:///errsvc-headless.invalid:8081", WithRoundRobin(), WithInsecure())
	if err != nil {
		t.Fatalf("Dial with round_robin: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}
