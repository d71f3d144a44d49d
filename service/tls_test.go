package service

import (
	"bytes"
	"context"
	"crypto/tls"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errsvc/errsvc/internal/testcert"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/gen/errsvc/v1/errsvcv1grpc"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// serve starts a server on loopback with cfg, stopped when the test ends;
// for the tests that dial it themselves (TLS), unlike startServer.
func serve(t *testing.T, cfg Config) *Server {
	t.Helper()
	cfg.GRPCAddr, cfg.HTTPAddr = "127.0.0.1:0", "127.0.0.1:0"
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return srv
}

// TestMutualTLS serves both ports with TLS and required client
// certificates: clients with a certificate get answers, clients without are
// refused.
func TestMutualTLS(t *testing.T) {
	certFile, keyFile, cert, pool := testcert.Write(t)
	srv := serve(t, Config{OpsAddr: "127.0.0.1:0", TLSCert: certFile, TLSKey: keyFile, TLSClientCA: certFile})

	withCert := &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cert}}
	withoutCert := &tls.Config{RootCAs: pool}
	for _, tc := range []struct {
		name   string
		conf   *tls.Config
		wantOK bool
	}{{"with client cert", withCert, true}, {"without client cert", withoutCert, false}} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := grpc.NewClient(srv.GRPCAddr(), grpc.WithTransportCredentials(credentials.NewTLS(tc.conf)))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			cctx, ccancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer ccancel()
			_, gerr := errsvcv1grpc.NewErrorNormalizerClient(conn).Classify(cctx, &errsvcv1.ClassifyRequest{HttpStatus: 503})
			if (gerr == nil) != tc.wantOK {
				t.Errorf("gRPC err = %v, want ok=%t", gerr, tc.wantOK)
			}
			hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: tc.conf}}
			resp, herr := hc.Get("https://" + srv.HTTPAddr() + "/readyz")
			if herr == nil {
				resp.Body.Close()
			}
			if (herr == nil && resp.StatusCode == 200) != tc.wantOK {
				t.Errorf("HTTPS err = %v, want ok=%t", herr, tc.wantOK)
			}
		})
	}
	// Probes and Prometheus need no certificate: the operations port is
	// plain HTTP whatever the API requires.
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, err := http.Get("http://" + srv.OpsAddr() + path)
		if err != nil {
			t.Fatalf("ops %s: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("ops %s: %d", path, resp.StatusCode)
		}
	}
}

// TestOpsPortServesMetricsAlone holds that with an operations port, metrics
// move there while both ports answer the probes.
func TestOpsPortServesMetricsAlone(t *testing.T) {
	ts := startServer(t, Config{OpsAddr: "127.0.0.1:0"})
	ops := "http://" + ts.srv.OpsAddr()
	for _, tt := range []struct {
		url  string
		want int
	}{
		{ops + "/metrics", 200}, {ops + "/healthz", 200}, {ops + "/readyz", 200},
		{ts.base + "/healthz", 200}, {ts.base + "/readyz", 200}, {ts.base + "/metrics", 404},
		{ops + "/v1/classify", 404},
	} {
		resp, err := http.Get(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("GET %s: %d, want %d", tt.url, resp.StatusCode, tt.want)
		}
	}
}

// TestCertificateRotationUnderLoad rotates the server certificate the way a
// Secret volume does, while calls run on open and on new connections: no call
// fails, and new handshakes soon present the new certificate.
func TestCertificateRotationUnderLoad(t *testing.T) {
	certA, keyA, _, poolA := testcert.Write(t)
	certB, keyB, tlsB, _ := testcert.Write(t)
	srv := serve(t, Config{TLSCert: certA, TLSKey: keyA,
		TLSReloadInterval: 20 * time.Millisecond})
	// Clients trust both certificates, as they would trust the CA both come
	// from.
	roots := poolA.Clone()
	roots.AddCert(tlsB.Leaf)
	clientTLS := &tls.Config{RootCAs: roots}
	conn, err := grpc.NewClient(srv.GRPCAddr(), grpc.WithTransportCredentials(credentials.NewTLS(clientTLS)))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := errsvcv1grpc.NewErrorNormalizerClient(conn)

	var calls, failures atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(2)
		go func() { // an open gRPC connection
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := client.Classify(context.Background(), &errsvcv1.ClassifyRequest{HttpStatus: 503}); err != nil {
					failures.Add(1)
					t.Log(err)
				}
				calls.Add(1)
			}
		}()
		go func() { // a new HTTPS connection for every call
			defer wg.Done()
			hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: clientTLS, DisableKeepAlives: true}}
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := hc.Post("https://"+srv.HTTPAddr()+"/v1/classify", "application/json", strings.NewReader(`{"httpStatus":503}`))
				if err != nil {
					failures.Add(1)
					t.Log(err)
				} else {
					resp.Body.Close()
					if resp.StatusCode != 200 {
						failures.Add(1)
					}
				}
				calls.Add(1)
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	// The rotation: new files renamed over the old, the key first, then the
	// certificate, each atomically, as the kubelet updates a Secret volume.
	for _, f := range [][2]string{{keyB, keyA}, {certB, certA}} {
		data, _ := os.ReadFile(f[0])
		tmp := f[1] + ".new"
		os.WriteFile(tmp, data, 0o600)
		if err := os.Rename(tmp, f[1]); err != nil {
			t.Fatal(err)
		}
		time.Sleep(30 * time.Millisecond)
	}
	waitFor(t, "the new certificate", func() bool {
		c, err := tls.Dial("tcp", srv.HTTPAddr(), clientTLS)
		if err != nil {
			return false
		}
		defer c.Close()
		return bytes.Equal(c.ConnectionState().PeerCertificates[0].Raw, tlsB.Certificate[0])
	})
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	if calls.Load() < 20 || failures.Load() != 0 {
		t.Errorf("%d calls, %d failed across the rotation; want many and none", calls.Load(), failures.Load())
	}
}

// TestHandshakeFailuresCountedQuietly holds that failed handshakes are
// counted, and logged once an interval rather than once each.
func TestHandshakeFailuresCountedQuietly(t *testing.T) {
	certFile, keyFile, _, _ := testcert.Write(t)
	var logBuf syncBuffer
	srv := serve(t, Config{TLSCert: certFile, TLSKey: keyFile,
		Logger: slog.New(slog.NewJSONHandler(&logBuf, nil))})
	for range 20 {
		// Plain HTTP to a TLS port: a failed handshake each.
		resp, err := http.Get("http://" + srv.HTTPAddr() + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
	}
	waitFor(t, "20 failures counted", func() bool {
		return testutil.ToFloat64(srv.Metrics().handshakeFailures.WithLabelValues("http")) >= 20
	})
	if n := strings.Count(logBuf.String(), "tls handshake failed"); n != 1 {
		t.Errorf("%d log lines for 20 failed handshakes, want 1", n)
	}
}

// syncBuffer is a bytes.Buffer safe for a logger and a test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
