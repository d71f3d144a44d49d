package service

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/recovery"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"

	"github.com/errsvc/errsvc/gen/errsvc/v1/errsvcv1grpc"
	"github.com/errsvc/errsvc/internal/engine"
)

// Config configures a Server. The zero value of every field but the
// addresses has a sensible default.
type Config struct {
	GRPCAddr string // "127.0.0.1:0" in tests
	HTTPAddr string
	// OpsAddr, when set, serves /healthz, /readyz and /metrics on a listener
	// of their own, in plain HTTP unless OpsTLS is set, so that probes and
	// Prometheus need no client certificate when the API requires one.
	OpsAddr string
	OpsTLS  bool
	// CatalogDir, when set, overlays the embedded catalog and is watched for
	// changes.
	CatalogDir      string
	MaxBodyBytes    int
	ShutdownTimeout time.Duration
	// DrainDelay is how long the server keeps serving, with readiness and
	// health already NOT_SERVING, before it stops accepting connections, so
	// that load balancers notice first.
	DrainDelay time.Duration
	// ReloadDebounce is how long the watcher waits for a burst of file events
	// to settle before looking at the directory.
	ReloadDebounce time.Duration
	// ReloadSettle is how long the directory must stay unchanged before it
	// is loaded, so that a slow writer's half-written file is never served.
	ReloadSettle time.Duration
	// HandshakeTimeout drops a gRPC connection that has not finished its TLS
	// and HTTP/2 handshake in time (default 10s), instead of holding it for
	// grpc-go's 120s.
	HandshakeTimeout time.Duration
	// MaxInflightBytes bounds the bytes the calls in flight may hold
	// (docs/operations.md); 0 means a third of GOMEMLIMIT, else 64 MiB.
	MaxInflightBytes int64
	// NoPlayground turns off the playground page at / on the HTTP port.
	NoPlayground bool
	// UnmatchedTop is how many signatures the unmatched report holds; 0
	// means unmatched.DefaultCapacity.
	UnmatchedTop int
	// TLSCert and TLSKey are the server's certificate files and TLSClientCA
	// the CA of the client certificates it requires; they are reloaded when
	// they change, checked every TLSReloadInterval (default 5s).
	TLSReloadInterval time.Duration
	TLSCert           string
	TLSKey            string
	TLSClientCA       string
	Logger            *slog.Logger
	// Version is errsvc's version, for the OpenAPI document.
	Version string
}

// Server is errsvc: the gRPC server and the HTTP server (REST gateway,
// metrics, health, OpenAPI) over one catalog store.
type Server struct {
	cfg     Config
	log     *slog.Logger
	store   *Store
	metrics *Metrics
	norm    *Normalizer
	health  *health.Server
	admit   *admission

	grpcSrv *grpc.Server
	httpSrv *http.Server
	opsSrv  *http.Server
	grpcLis net.Listener
	httpLis net.Listener
	opsLis  net.Listener
	// watch follows the catalog directory; it watches from New on, so that
	// no change made after New returns is missed.
	watch    *watcher
	tlsConf  *tls.Config
	certs    *certStore
	hs       *handshakeLog
	draining atomic.Bool
}

// DefaultShutdownTimeout bounds the drain on SIGTERM.
const DefaultShutdownTimeout = 20 * time.Second

// maxSendBytes bounds one answer: a batch's answers carry descriptions and
// remediations, several times the size of its requests.
const maxSendBytes = 64 << 20

// New loads the catalog, binds both listeners and prepares the servers. Serve
// starts them.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	if cfg.ReloadDebounce <= 0 {
		cfg.ReloadDebounce = 200 * time.Millisecond
	}
	if cfg.ReloadSettle <= 0 {
		cfg.ReloadSettle = time.Second
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = 10 * time.Second
	}
	limits := engine.DefaultLimits
	if cfg.MaxBodyBytes > 0 {
		limits.MaxBodyBytes = cfg.MaxBodyBytes
	}
	// The same load as a reload's: a directory whose examples do not
	// classify to their entries is not served.
	cat, problems := engine.Load(cfg.CatalogDir)
	if len(problems) > 0 {
		return nil, fmt.Errorf("load catalog: %w", errors.Join(problems...))
	}
	// Compiling the catalog and running its examples allocates about eight
	// times what the catalog keeps (over 100 MB for 13 MB); with GOGC=400
	// the collector would leave that garbage resident until traffic brought
	// the heap to its goal, so an idle server would sit near 105 MB instead
	// of 60. Reloads do not do this: they come under load, where returning
	// pages only to fault them back in costs more than it saves.
	debug.FreeOSMemory()
	var err error
	s := &Server{cfg: cfg, log: cfg.Logger, store: NewStore(cat), metrics: NewMetrics()}
	s.metrics.catalogLoaded(cat)
	s.norm = NewNormalizer(s.store, limits, s.metrics, s.log, cfg.UnmatchedTop)
	s.admit = newAdmission(InflightBudget(cfg.MaxInflightBytes), limits.MaxBodyBytes, s.metrics)

	if cfg.TLSReloadInterval <= 0 {
		cfg.TLSReloadInterval = 5 * time.Second
		s.cfg.TLSReloadInterval = cfg.TLSReloadInterval
	}
	s.hs = &handshakeLog{log: s.log, every: time.Minute, failures: func(l string) { s.metrics.handshakeFailures.WithLabelValues(l).Inc() }}
	if cfg.TLSCert != "" || cfg.TLSKey != "" {
		if s.certs, err = newCertStore(cfg, s.log); err != nil {
			return nil, err
		}
		s.tlsConf = s.certs.config()
	}
	s.grpcSrv = s.newGRPCServer()
	httpHandler, err := s.newHTTPHandler()
	if err != nil {
		return nil, err
	}
	s.httpSrv = &http.Server{
		Handler:           httpHandler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		TLSConfig:         s.serverTLS(), // each server configures its own
		ErrorLog:          log.New(httpErrorLog{listener: "http", hs: s.hs, log: s.log}, "", 0),
	}
	if s.grpcLis, err = net.Listen("tcp", cfg.GRPCAddr); err != nil {
		return nil, fmt.Errorf("listen grpc %s: %w", cfg.GRPCAddr, err)
	}
	if s.httpLis, err = net.Listen("tcp", cfg.HTTPAddr); err != nil {
		s.grpcLis.Close()
		return nil, fmt.Errorf("listen http %s: %w", cfg.HTTPAddr, err)
	}
	if cfg.CatalogDir != "" {
		if s.watch, err = newWatcher(s, cfg.CatalogDir); err != nil {
			s.grpcLis.Close()
			s.httpLis.Close()
			return nil, err
		}
	}
	if cfg.OpsAddr != "" {
		s.opsSrv = &http.Server{
			Handler:           s.newOpsHandler(),
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       120 * time.Second,
			MaxHeaderBytes:    16 << 10,
			ErrorLog:          log.New(httpErrorLog{listener: "ops", hs: s.hs, log: s.log}, "", 0),
		}
		if cfg.OpsTLS {
			s.opsSrv.TLSConfig = s.serverTLS()
		}
		if s.opsLis, err = net.Listen("tcp", cfg.OpsAddr); err != nil {
			s.grpcLis.Close()
			s.httpLis.Close()
			if s.watch != nil {
				s.watch.fw.Close()
			}
			return nil, fmt.Errorf("listen ops %s: %w", cfg.OpsAddr, err)
		}
	}
	return s, nil
}

// streamWorkers is the number of goroutines kept to serve gRPC calls.
const streamWorkers = 64

func (s *Server) newGRPCServer() *grpc.Server {
	recoverPanic := recovery.WithRecoveryHandler(func(p any) error {
		s.log.Error("panic in handler", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return status.Error(codes.Internal, "internal error")
	})
	opts := []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(s.metrics.grpc.UnaryServerInterceptor(), recovery.UnaryServerInterceptor(recoverPanic),
			s.rejectUndecodable, s.admit.interceptor),
		grpc.ForceServerCodecV2(newCallerCodec()),
		grpc.InTapHandle(s.admit.tap),
		grpc.StatsHandler(statsHandler{}),
		grpc.ChainStreamInterceptor(s.metrics.grpc.StreamServerInterceptor(), recovery.StreamServerInterceptor(recoverPanic)),
		// Reusing stream workers spares each call a fresh goroutine whose
		// stack then grows, by copying, to fit the call. A call finding every
		// worker busy gets a fresh goroutine, so there are enough workers for
		// the calls in flight on a busy pod, not one per core; an idle one
		// costs a few kilobytes.
		grpc.NumStreamWorkers(streamWorkers),
		grpc.ConnectionTimeout(s.cfg.HandshakeTimeout),
		// The largest request is a batch: gRPC refuses anything larger from
		// its length prefix, before reading it.
		grpc.MaxRecvMsgSize(maxBatchBytes),
		grpc.MaxSendMsgSize(maxSendBytes),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 10 * time.Second, PermitWithoutStream: true}),
		// MaxConnectionAge makes clients reconnect now and then, so that
		// round-robin clients spread onto pods added since they connected.
		grpc.KeepaliveParams(keepalive.ServerParameters{MaxConnectionIdle: 15 * time.Minute, MaxConnectionAge: 5 * time.Minute,
			MaxConnectionAgeGrace: 30 * time.Second, Time: 2 * time.Minute, Timeout: 20 * time.Second}),
	}
	if s.tlsConf != nil {
		opts = append(opts, grpc.Creds(countingCreds{TransportCredentials: credentials.NewTLS(s.tlsConf), hs: s.hs}))
	}
	gs := grpc.NewServer(opts...)
	errsvcv1grpc.RegisterErrorNormalizerServer(gs, s.norm)
	s.health = health.NewServer()
	healthpb.RegisterHealthServer(gs, s.health)
	reflection.Register(gs)
	s.metrics.grpc.InitializeMetrics(gs)
	s.health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	s.health.SetServingStatus(errsvcv1grpc.ErrorNormalizer_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	return gs
}

// GRPCAddr returns the bound gRPC address.
func (s *Server) GRPCAddr() string { return s.grpcLis.Addr().String() }

// HTTPAddr returns the bound HTTP address.
func (s *Server) HTTPAddr() string { return s.httpLis.Addr().String() }

// openable turns a bound address into one a browser can open: a wildcard
// host becomes localhost.
func openable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// serverTLS returns a TLS configuration of the server's own, nil without
// TLS: built afresh rather than cloned, so that nothing (not even the
// NextProtos array, which an HTTP server appends to) is shared between the
// servers' configurations while they start and handshake concurrently.
func (s *Server) serverTLS() *tls.Config {
	if s.certs == nil {
		return nil
	}
	return s.certs.config()
}

// OpsAddr returns the bound operations address, "" when there is none.
func (s *Server) OpsAddr() string {
	if s.opsLis == nil {
		return ""
	}
	return s.opsLis.Addr().String()
}

// Store returns the catalog store.
func (s *Server) Store() *Store { return s.store }

// Metrics returns the server's metrics.
func (s *Server) Metrics() *Metrics { return s.metrics }

// Serve runs both servers, and the catalog watcher when a directory is
// configured, until ctx is done; then it drains: readiness and health go
// NOT_SERVING, in-flight calls finish within the shutdown timeout, and Serve
// returns nil.
func (s *Server) Serve(ctx context.Context) error {
	errc := make(chan error, 4)
	if s.opsSrv != nil {
		go func() {
			var err error
			if s.cfg.OpsTLS && s.tlsConf != nil {
				err = s.opsSrv.ServeTLS(s.opsLis, "", "")
			} else {
				err = s.opsSrv.Serve(s.opsLis)
			}
			if err != nil && !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("serve ops: %w", err)
			}
		}()
	}
	go func() {
		if err := s.grpcSrv.Serve(s.grpcLis); err != nil && !errors.Is(err, grpc.ErrServerStopped) {
			errc <- fmt.Errorf("serve grpc: %w", err)
		}
	}()
	go func() {
		var err error
		if s.tlsConf != nil {
			err = s.httpSrv.ServeTLS(s.httpLis, "", "")
		} else {
			err = s.httpSrv.Serve(s.httpLis)
		}
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("serve http: %w", err)
		}
	}()
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	if s.watch != nil {
		go s.watch.run(watchCtx)
	}
	if s.certs != nil {
		go s.certs.watch(watchCtx, s.cfg.TLSReloadInterval)
	}
	scheme := "http"
	if s.tlsConf != nil {
		scheme = "https"
	}
	attrs := []any{"grpc_addr", s.GRPCAddr(), "http_addr", s.HTTPAddr(), "ops_addr", s.OpsAddr(),
		"rest_url", scheme + "://" + openable(s.HTTPAddr()) + "/v1/classify",
		"openapi_url", scheme + "://" + openable(s.HTTPAddr()) + "/openapi.json"}
	if s.opsLis != nil {
		opsScheme := "http"
		if s.cfg.OpsTLS && s.tlsConf != nil {
			opsScheme = "https"
		}
		attrs = append(attrs, "metrics_url", opsScheme+"://"+openable(s.OpsAddr())+"/metrics")
	}
	attrs = append(attrs, "catalog_version", s.store.Load().Version, "catalog_dir", s.cfg.CatalogDir, "tls", s.tlsConf != nil)
	s.log.Info("errsvc serving", attrs...)
	select {
	case <-ctx.Done():
		s.shutdown()
		return nil
	case err := <-errc:
		s.shutdown()
		return err
	}
}

// shutdown drains both servers within the shutdown timeout.
func (s *Server) shutdown() {
	start := time.Now()
	s.draining.Store(true)
	s.health.Shutdown()
	if s.cfg.DrainDelay > 0 {
		time.Sleep(s.cfg.DrainDelay)
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	done := make(chan struct{})
	go func() {
		s.grpcSrv.GracefulStop()
		close(done)
	}()
	if err := s.httpSrv.Shutdown(ctx); err != nil {
		s.log.Warn("http drain cut short", "err", err)
		s.httpSrv.Close()
	}
	if s.opsSrv != nil {
		// Probes and the last scrape are answered to the end.
		if err := s.opsSrv.Shutdown(ctx); err != nil {
			s.opsSrv.Close()
		}
	}
	select {
	case <-done:
	case <-ctx.Done():
		s.log.Warn("grpc drain cut short")
		s.grpcSrv.Stop()
	}
	s.log.Info("errsvc stopped", "drain", time.Since(start).String())
}
