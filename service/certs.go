package service

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc/credentials"
)

// certStore serves the current TLS certificate and client CA pool, reloaded
// when their files change: cert-manager and Kubernetes rotate them by
// swapping files in place, and a restart for each rotation would be a
// rollout for nothing.
type certStore struct {
	certFile, keyFile, caFile string
	log                       *slog.Logger

	cert atomic.Pointer[tls.Certificate]
	pool atomic.Pointer[x509.CertPool]
	// seen is the content last loaded, so that only a change is reloaded.
	seen []byte
}

func newCertStore(cfg Config, log *slog.Logger) (*certStore, error) {
	c := &certStore{certFile: cfg.TLSCert, keyFile: cfg.TLSKey, caFile: cfg.TLSClientCA, log: log}
	if _, err := c.load(); err != nil {
		return nil, err
	}
	return c, nil
}

// load reads the files, and swaps them in when they changed and are valid.
// It reports whether it swapped.
func (c *certStore) load() (bool, error) {
	certPEM, err := os.ReadFile(c.certFile)
	if err != nil {
		return false, fmt.Errorf("read tls certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(c.keyFile)
	if err != nil {
		return false, fmt.Errorf("read tls key: %w", err)
	}
	var caPEM []byte
	if c.caFile != "" {
		if caPEM, err = os.ReadFile(c.caFile); err != nil {
			return false, fmt.Errorf("read tls client ca: %w", err)
		}
	}
	all := bytes.Join([][]byte{certPEM, keyPEM, caPEM}, []byte{0})
	if bytes.Equal(all, c.seen) {
		return false, nil
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return false, fmt.Errorf("load tls key pair: %w", err)
	}
	var pool *x509.CertPool
	if c.caFile != "" {
		pool = x509.NewCertPool()
		if !pool.AppendCertsFromPEM(caPEM) {
			return false, fmt.Errorf("read tls client ca %s: no certificates", c.caFile)
		}
	}
	c.cert.Store(&cert)
	if pool != nil {
		c.pool.Store(pool)
	}
	c.seen = all
	return true, nil
}

// watch polls the files until ctx is done. Polling, not file events: a
// Secret volume swaps a "..data" symlink, editors rename, and a poll every
// few seconds sees all of them alike at no measurable cost.
func (c *certStore) watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			switch swapped, err := c.load(); {
			case err != nil:
				// A rotation caught halfway (the certificate written, the key
				// not yet) fails here and succeeds at the next poll; the
				// certificate in use keeps serving meanwhile.
				c.log.Warn("tls reload failed; keeping the certificate in use", "err", err)
			case swapped:
				c.log.Info("tls certificate reloaded", "cert", c.certFile)
			}
		}
	}
}

// config returns a server TLS configuration that always presents the
// current certificate and checks clients against the current CA pool.
func (c *certStore) config() *tls.Config {
	getCert := func(*tls.ClientHelloInfo) (*tls.Certificate, error) { return c.cert.Load(), nil }
	base := &tls.Config{MinVersion: tls.VersionTLS12, NextProtos: []string{"h2", "http/1.1"}, GetCertificate: getCert}
	if c.caFile != "" {
		base.ClientAuth = tls.RequireAndVerifyClientCert
		// A configuration per connection, made afresh rather than cloned:
		// the servers keep and change their own copies of base.
		base.GetConfigForClient = func(*tls.ClientHelloInfo) (*tls.Config, error) {
			return &tls.Config{MinVersion: tls.VersionTLS12, NextProtos: []string{"h2", "http/1.1"}, GetCertificate: getCert,
				ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: c.pool.Load()}, nil
		}
	}
	return base
}

// handshakeLog counts failed TLS handshakes and logs them at most once an
// interval, with how many it left out: anyone can open a connection and fail
// a handshake, and a log line each would let them flood the log.
type handshakeLog struct {
	log      *slog.Logger
	every    time.Duration
	failures func(listener string)

	mu      sync.Mutex
	last    time.Time
	dropped int
}

func (h *handshakeLog) failed(listener string, err error) {
	h.failures(listener)
	h.mu.Lock()
	defer h.mu.Unlock()
	if now := time.Now(); now.Sub(h.last) >= h.every {
		h.log.Warn("tls handshake failed", "listener", listener, "err", err, "left_out_since_last", h.dropped)
		h.last, h.dropped = now, 0
		return
	}
	h.dropped++
}

// httpErrorLog is the http.Server's error log: handshake failures go to
// handshakeLog, the rest to slog at WARN.
type httpErrorLog struct {
	listener string
	hs       *handshakeLog
	log      *slog.Logger
}

func (w httpErrorLog) Write(p []byte) (int, error) {
	msg := strings.TrimSpace(string(p))
	if strings.Contains(msg, "TLS handshake error") {
		w.hs.failed(w.listener, fmt.Errorf("%s", msg))
		return len(p), nil
	}
	w.log.Warn(msg, "listener", w.listener)
	return len(p), nil
}

// countingCreds reports gRPC's failed handshakes to handshakeLog.
type countingCreds struct {
	credentials.TransportCredentials
	hs *handshakeLog
}

func (c countingCreds) ServerHandshake(conn net.Conn) (net.Conn, credentials.AuthInfo, error) {
	out, info, err := c.TransportCredentials.ServerHandshake(conn)
	if err != nil {
		c.hs.failed("grpc", err)
	}
	return out, info, err
}

func (c countingCreds) Clone() credentials.TransportCredentials {
	return countingCreds{TransportCredentials: c.TransportCredentials.Clone(), hs: c.hs}
}
