package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof"
	neturl "net/url"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/internal/engine"
	"github.com/errsvc/errsvc/internal/unmatched"
	"github.com/errsvc/errsvc/service"
)

// Exit codes, distinct so that scripts can tell a broken catalog from a
// failing example.
const (
	exitOK       = 0
	exitFailure  = 1 // the command failed, or the catalog is invalid
	exitUsage    = 2
	exitExamples = 3 // the catalog is valid but examples do not classify to their entries
)

const usage = `errsvc normalizes raw upstream errors: it reads an upstream's status,
headers, body or redirect and answers what went wrong and what to do.

Usage:
  errsvc serve [flags]              serve gRPC (:8081), REST (:8080) and operations (:8082)
  errsvc classify [flags] < body    classify one raw error and print JSON
` + catalogCommands + `
  errsvc healthcheck [--url URL] [--ca F --cert F --key F]
                                    exit 0 when the server's /healthz answers 200
  errsvc unmatched [--addr HOST:PORT] [--provider ID] [--limit N] [--format text|json]
                                    the errors a running errsvc answered without a catalog entry
  errsvc version                    print the version

Run "errsvc COMMAND -h" for the flags of a command. Every flag has an
environment twin: --grpc-addr is ERRSVC_GRPC_ADDR.`

func isHelp(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "--help" || arg == "-help"
}

// errUsage marks usage errors, already explained to the user.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 || isHelp(args[0]) {
		fmt.Fprintln(stdout, usage)
		return exitOK, nil
	}
	cmd := "serve" // flags alone: serve with them
	if !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	code := exitFailure
	switch cmd {
	case "serve":
		err = serve(ctx, args, stderr)
	case "classify":
		err = classify(args, stdin, stdout, stderr)
	case "catalog":
		code, err = catalogCmd(args, stdout, stderr)
		if err == nil {
			return code, nil
		}
	case "healthcheck":
		err = healthcheck(args, stderr)
	case "unmatched":
		err = unmatchedCmd(ctx, args, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, version())
	case "help":
		fmt.Fprintln(stdout, usage)
	default:
		fmt.Fprintln(stderr, usage)
		return exitUsage, fmt.Errorf("unknown command %q", cmd)
	}
	switch {
	case err == nil:
		return exitOK, nil
	case errors.Is(err, errUsage):
		return exitUsage, nil
	case errors.Is(err, flag.ErrHelp):
		return exitOK, nil
	}
	return code, err
}

// buildVersion is set at build time: -ldflags "-X main.buildVersion=v1.2.3".
var buildVersion string

func version() string {
	if buildVersion != "" {
		return "errsvc " + buildVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return "errsvc " + bi.Main.Version
	}
	return "errsvc (devel)"
}

// newFlags returns a flag set that reports its errors to stderr; parse
// fills it, ERRSVC_* environment variables included.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args, then fills every flag not given from its environment
// twin.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] {
			return
		}
		env := "ERRSVC_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(env); ok {
			if err := f.Value.Set(v); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: %w", env, v, err))
			}
		}
	})
	return errors.Join(errs...)
}

// defaultMemoryLimit is errsvc's soft memory limit when GOMEMLIMIT is not
// set: low enough that the heap plus what the runtime, stacks and buffers
// hold at a burst's peak (40–60 MB) stays under the soak's 200 MB.
const defaultMemoryLimit = 144 << 20

// defaultGCPercent is errsvc's GOGC when the environment sets none.
const defaultGCPercent = 400

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	cfg := service.Config{}
	var logLevel string
	fs.StringVar(&cfg.GRPCAddr, "grpc-addr", ":8081", "gRPC listen address")
	fs.StringVar(&cfg.HTTPAddr, "http-addr", ":8080", "HTTP listen address (REST gateway, /healthz, /readyz, /openapi.json)")
	fs.StringVar(&cfg.OpsAddr, "ops-addr", ":8082", "operations listen address: /healthz, /readyz, /metrics and /v1/unmatched in plain HTTP, for probes and Prometheus (empty: /metrics on the HTTP port)")
	fs.BoolVar(&cfg.OpsTLS, "ops-tls", false, "serve the operations address with the API's TLS certificate")
	fs.StringVar(&cfg.CatalogDir, "catalog-dir", "", "directory of catalog YAML files overlaid on the embedded catalog and hot-reloaded (default: embedded catalog only)")
	fs.IntVar(&cfg.MaxBodyBytes, "max-body-bytes", engine.DefaultLimits.MaxBodyBytes, "largest upstream body accepted")
	playground := fs.Bool("playground", true, "serve the playground page at / on the HTTP port (--playground=false turns it off)")
	fs.IntVar(&cfg.UnmatchedTop, "unmatched-top", unmatched.DefaultCapacity, "signatures the unmatched report keeps (errsvc unmatched); its memory is fixed by this")
	fs.Int64Var(&cfg.MaxInflightBytes, "max-inflight-bytes", 0, "bytes the calls in flight may hold; past it calls are refused (default: a third of GOMEMLIMIT, else 64 MiB)")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", service.DefaultShutdownTimeout, "how long in-flight calls may take to finish on SIGTERM")
	fs.DurationVar(&cfg.DrainDelay, "drain-delay", 0, "on SIGTERM, how long to keep serving with readiness already failing before draining")
	fs.StringVar(&logLevel, "log-level", "info", "log level: debug, info, warn, error")
	var pprofAddr string
	fs.StringVar(&pprofAddr, "pprof-addr", "", "serve net/http/pprof on this address for profiling (off by default; bind it to loopback)")
	fs.StringVar(&cfg.TLSCert, "tls-cert", "", "TLS certificate file (PEM); enables TLS on both ports")
	fs.StringVar(&cfg.TLSKey, "tls-key", "", "TLS key file (PEM)")
	fs.StringVar(&cfg.TLSClientCA, "tls-client-ca", "", "CA file (PEM) for client certificates; enables mutual TLS")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "serve takes no arguments, got %q\n", fs.Args())
		return errUsage
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	if (cfg.TLSCert == "") != (cfg.TLSKey == "") || (cfg.TLSClientCA != "" && cfg.TLSCert == "") {
		return errors.New("--tls-cert and --tls-key go together, and --tls-client-ca needs them")
	}
	cfg.Logger = slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	gogc := os.Getenv("GOGC")
	if gogc == "" {
		// errsvc's live heap is a few megabytes, the catalog, and its garbage
		// dies with each call. With Go's default of 100 it collects every
		// few megabytes allocated: under load, dozens of times a second. It
		// trades memory for CPU instead, unless the operator chose; the soft
		// memory limit below still bounds the heap.
		debug.SetGCPercent(defaultGCPercent)
		gogc = strconv.Itoa(defaultGCPercent)
	}
	gomemlimit := os.Getenv("GOMEMLIMIT")
	if gomemlimit == "" {
		// With GOGC=400 and no soft limit, a flood of large calls could grow
		// the heap to five times what they hold; a default soft limit keeps
		// errsvc bounded wherever it runs (the budget of bytes in flight is
		// sized from it). GOMEMLIMIT overrides it.
		debug.SetMemoryLimit(defaultMemoryLimit)
		gomemlimit = strconv.Itoa(defaultMemoryLimit>>20) + "MiB"
	}
	cfg.Logger.Debug("garbage collector", "gogc", gogc, "gomemlimit", gomemlimit)
	cfg.Version = strings.TrimPrefix(version(), "errsvc ")
	cfg.NoPlayground = !*playground
	srv, err := service.New(cfg)
	if err != nil {
		return err
	}
	if pprofAddr != "" {
		lis, err := net.Listen("tcp", pprofAddr)
		if err != nil {
			return fmt.Errorf("listen pprof %s: %w", pprofAddr, err)
		}
		// http.DefaultServeMux carries the handlers net/http/pprof registers.
		go http.Serve(lis, http.DefaultServeMux)
		cfg.Logger.Info("pprof serving", "addr", lis.Addr().String())
	}
	return srv.Serve(ctx)
}

// multiFlag collects a repeated flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func classify(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("classify", stderr)
	req := &errsvcv1.ClassifyRequest{}
	var status int
	var body, catalogDir string
	var headers, context multiFlag
	fs.StringVar(&req.Provider, "provider", "", "catalog provider id, such as danske-bank")
	fs.StringVar(&req.Operation, "operation", "", "upstream endpoint: authorize, token, resource, ...")
	fs.IntVar(&status, "status", 0, "upstream HTTP status")
	fs.Var(&headers, "header", `upstream response header "Name: value" (repeatable)`)
	fs.StringVar(&req.RedirectUri, "redirect", "", "callback URL, query or fragment carrying error=")
	fs.StringVar(&body, "body", "", `upstream body; "-" reads it from stdin (the default when stdin is not a terminal)`)
	fs.Var(&context, "context", "caller fact key=value, such as consent_expired=true (repeatable)")
	fs.StringVar(&catalogDir, "catalog-dir", "", "directory overlaid on the embedded catalog")
	if err := parse(fs, args); err != nil {
		return err
	}
	req.HttpStatus = int32(status)
	var err error
	if req.Headers, err = pairs(headers, ":", "--header", `"Name: value"`); err != nil {
		return err
	}
	if req.Context, err = pairs(context, "=", "--context", "key=value"); err != nil {
		return err
	}
	if body == "-" || (body == "" && stdinHasData(stdin)) {
		b, err := io.ReadAll(io.LimitReader(stdin, int64(engine.DefaultLimits.MaxBodyBytes)+1))
		if err != nil {
			return fmt.Errorf("read body: %w", err)
		}
		body = string(b)
	}
	req.Body = body
	cat, err := loadCatalog(catalogDir)
	if err != nil {
		return err
	}
	resp, _, err := engine.Answer(cat, req, nil, new(engine.Scratch))
	if err != nil {
		return err
	}
	out, err := protojson.MarshalOptions{EmitDefaultValues: true}.Marshal(resp)
	if err != nil {
		return err
	}
	// protojson varies its spacing on purpose; indent with encoding/json so
	// that the output is stable for scripts and diffs.
	var buf bytes.Buffer
	if err := json.Indent(&buf, out, "", "  "); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err = stdout.Write(buf.Bytes())
	return err
}

// pairs splits each repeated flag value at sep into a map, nil when there
// are none.
func pairs(values []string, sep, flagName, want string) (map[string]string, error) {
	var m map[string]string
	for _, s := range values {
		k, v, ok := strings.Cut(s, sep)
		if !ok {
			return nil, fmt.Errorf("%s %q: want %s", flagName, s, want)
		}
		if m == nil {
			m = map[string]string{}
		}
		m[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return m, nil
}

// stdinHasData reports whether stdin is a pipe or file rather than a
// terminal, so that `errsvc classify --status 503` does not wait for input.
func stdinHasData(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return r != nil
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice == 0
}

// validCatalog loads the catalog (dir overlaid on the embedded one) without
// running its examples and, when it is invalid, prints every problem to
// stderr.
func validCatalog(dir string, stderr io.Writer) (*catalog.Catalog, error) {
	cat, err := catalog.Load(dir)
	if err != nil {
		for _, p := range engine.Problems(err) {
			fmt.Fprintln(stderr, p)
		}
		return nil, errors.New("catalog is invalid")
	}
	return cat, nil
}

// loadCatalog is engine.Load, its problems joined, for the commands that
// need a catalog to work with.
func loadCatalog(dir string) (*catalog.Catalog, error) {
	cat, problems := engine.Load(dir)
	return cat, errors.Join(problems...)
}

// catalogCommands lists the catalog subcommands, for errsvc's usage and
// errsvc catalog's alike.
const catalogCommands = `  errsvc catalog check [DIR]        validate the catalog: the embedded one, overlaid with DIR;
                                    every problem as file:line
  errsvc catalog test [DIR]         check that every example and capture classifies to its entry
  errsvc catalog stats [--format text|json] [DIR]
                                    entries, examples and captures per provider
  errsvc catalog coverage [--format text|json] [--provider ID] FILE
                                    replay recorded responses (JSON Lines of ClassifyRequest,
                                    or a .har file) and show how much the catalog understands
  errsvc catalog draft (--addr HOST:PORT | --from FILE) [--out DIR]
                                    catalog YAML for what a running errsvc or a recording did
                                    not understand, with FILL_IN where a person must write`

const catalogUsage = "Usage:\n" + catalogCommands + "\n\ndocs/catalog.md says how to write catalog files."

func catalogCmd(args []string, stdout, stderr io.Writer) (int, error) {
	if slices.ContainsFunc(args, isHelp) {
		fmt.Fprintln(stdout, catalogUsage)
		return exitOK, nil
	}
	if len(args) > 0 && args[0] == "stats" {
		return catalogStats(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "coverage" {
		return catalogCoverage(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "draft" {
		return catalogDraft(args[1:], stdout, stderr)
	}
	if len(args) == 0 || (args[0] != "check" && args[0] != "test") || len(args) > 2 || (len(args) == 2 && strings.HasPrefix(args[1], "-")) {
		fmt.Fprintln(stderr, catalogUsage)
		return exitUsage, errUsage
	}
	dir := ""
	if len(args) == 2 {
		dir = args[1]
	}
	if args[0] == "check" {
		// check reports every problem, examples that classify elsewhere
		// included.
		cat, problems := engine.Load(dir)
		for _, p := range problems {
			fmt.Fprintln(stderr, p)
		}
		if len(problems) > 0 {
			return exitFailure, errors.New("catalog is invalid")
		}
		fmt.Fprintf(stdout, "catalog %s: %d providers, %d entries: ok\n", cat.Version, len(cat.Providers), len(cat.Entries()))
		return exitOK, nil
	}
	// test runs the examples of a valid catalog and counts them.
	cat, err := validCatalog(dir, stderr)
	if err != nil {
		return exitFailure, err
	}
	passed, failures := engine.CheckExamples(cat)
	for _, f := range failures {
		fmt.Fprintln(stderr, f)
	}
	fmt.Fprintf(stdout, "catalog %s: %d passed, %d failed\n", cat.Version, passed, len(failures))
	if len(failures) > 0 {
		return exitExamples, errors.New("examples failed")
	}
	return exitOK, nil
}

// catalogStats prints the catalog's coverage: entries, examples and real
// captures per provider, the entries still without a capture, and the codes
// several providers define.
func catalogStats(args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("catalog stats", stderr)
	format := fs.String("format", "text", "output format: text or json")
	if err := parse(fs, args); err != nil {
		return exitUsage, err
	}
	if fs.NArg() > 1 || (*format != "text" && *format != "json") {
		fmt.Fprintln(stderr, "usage: errsvc catalog stats [--format text|json] [DIR]")
		return exitUsage, errUsage
	}
	cat, err := validCatalog(fs.Arg(0), stderr)
	if err != nil {
		return exitFailure, err
	}
	st := cat.Stats()
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return exitOK, enc.Encode(st)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "provider\tkind\tentries\texamples/entry\tcaptures\twith captures\t")
	for _, p := range st.Providers {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%d\t%s\t\n", p.ID, strings.ToLower(p.Kind), p.Entries,
			float64(p.Examples+p.Captures)/float64(max(p.Entries, 1)), p.Captures, share(p.WithCaptures, p.Entries))
	}
	fmt.Fprintf(tw, "all\t\t%d\t%.1f\t%d\t%s\t\n", st.Entries, float64(st.Examples+st.Captures)/float64(max(st.Entries, 1)),
		st.Captures, share(st.WithCaptures, st.Entries))
	if err := tw.Flush(); err != nil {
		return exitFailure, err
	}
	fmt.Fprintf(stdout, "\n%d entries have no real-world capture yet (--format json lists them).\n", st.Entries-st.WithCaptures)
	if len(st.SharedCodes) > 0 {
		fmt.Fprintf(stdout, "\nCodes defined by more than one provider (%d):\n", len(st.SharedCodes))
		for _, sc := range st.SharedCodes {
			fmt.Fprintf(stdout, "  %s: %s\n", sc.Code, strings.Join(sc.Providers, ", "))
		}
	}
	return exitOK, nil
}

func share(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%d (%.0f%%)", n, 100*float64(n)/float64(of))
}

func healthcheck(args []string, stderr io.Writer) error {
	fs := newFlags("healthcheck", stderr)
	url := fs.String("url", "http://127.0.0.1:8082/healthz", "health endpoint to probe (the operations port by default)")
	tf := clientTLSFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	client, err := tf.client()
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := client.Get(*url)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %d", *url, resp.StatusCode)
	}
	return nil
}

// tlsFlags are the client TLS flags of the commands that call a running
// errsvc.
type tlsFlags struct{ ca, cert, key *string }

func clientTLSFlags(fs *flag.FlagSet) tlsFlags {
	return tlsFlags{
		ca:   fs.String("ca", "", "CA certificate file to verify an https endpoint with (default: the system's)"),
		cert: fs.String("cert", "", "client certificate file, for an endpoint that requires one"),
		key:  fs.String("key", "", "client key file, with --cert"),
	}
}

func (f tlsFlags) client() (*http.Client, error) {
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if *f.ca != "" {
		pem, err := os.ReadFile(*f.ca)
		if err != nil {
			return nil, err
		}
		tc.RootCAs = x509.NewCertPool()
		if !tc.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("no certificate in %s", *f.ca)
		}
	}
	if *f.cert != "" || *f.key != "" {
		pair, err := tls.LoadX509KeyPair(*f.cert, *f.key)
		if err != nil {
			return nil, err
		}
		tc.Certificates = []tls.Certificate{pair}
	}
	return &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{TLSClientConfig: tc}}, nil
}

// unmatchedCmd prints the unmatched report of a running errsvc, read from
// GET /v1/unmatched on its operations port.
func unmatchedCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("unmatched", stderr)
	addr := fs.String("addr", "127.0.0.1:8082", "operations address of the running errsvc (its --ops-addr; the HTTP address when it has none)")
	useTLS := fs.Bool("tls", false, "call the operations port over https (errsvc --ops-tls)")
	provider := fs.String("provider", "", "only this provider's signatures")
	limit := fs.Int("limit", 0, "at most this many signatures, most frequent first (0: all)")
	format := fs.String("format", "text", "output: text (a table) or json (the ListUnmatchedResponse)")
	tf := clientTLSFlags(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "errsvc unmatched: --format must be text or json, not %q\n", *format)
		return errUsage
	}
	client, err := tf.client()
	if err != nil {
		return fmt.Errorf("unmatched: %w", err)
	}
	report, err := fetchUnmatched(client, *addr, *useTLS, *provider, *limit)
	if err != nil {
		return err
	}
	if *format == "json" {
		out, err := protojson.MarshalOptions{Multiline: true, EmitDefaultValues: true}.Marshal(report)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "%s\n", out)
		return err
	}
	printUnmatched(stdout, report)
	return nil
}

// fetchUnmatched reads the unmatched report from GET /v1/unmatched.
func fetchUnmatched(client *http.Client, addr string, useTLS bool, provider string, limit int) (*errsvcv1.ListUnmatchedResponse, error) {
	scheme := "http"
	if useTLS {
		scheme = "https"
	}
	q := make(neturl.Values)
	if provider != "" {
		q.Set("provider", provider)
	}
	if limit != 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	u := neturl.URL{Scheme: scheme, Host: addr, Path: "/v1/unmatched", RawQuery: q.Encode()}
	resp, err := client.Get(u.String())
	if err != nil {
		return nil, fmt.Errorf("unmatched: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("unmatched: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("unmatched: %s answered %d: %s", u.String(), resp.StatusCode, engine.Sanitize(string(body), 300))
	}
	report := &errsvcv1.ListUnmatchedResponse{}
	if err := protojson.Unmarshal(body, report); err != nil {
		return nil, fmt.Errorf("unmatched: %s did not answer a report: %w", u.String(), err)
	}
	return report, nil
}

// printUnmatched writes the report as a table, most frequent first.
func printUnmatched(w io.Writer, r *errsvcv1.ListUnmatchedResponse) {
	fmt.Fprintf(w, "%d unmatched answers since %s (catalog %s); %d signatures kept of at most %d\n\n",
		r.GetTotal(), r.GetSince().AsTime().UTC().Format(time.RFC3339), r.GetCatalogVersion(), len(r.GetSignatures()), r.GetCapacity())
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COUNT\tPROVIDER\tOPERATION\tSTATUS\tCODE\tMATCH\tCATEGORY\tACTION\tLAST SEEN")
	for _, s := range r.GetSignatures() {
		count := strconv.FormatInt(s.GetCount(), 10)
		if s.GetCountError() > 0 {
			count = fmt.Sprintf("<=%d", s.GetCount())
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", count, s.GetProvider(), dash(s.GetOperation()),
			dash(strconv.Itoa(int(s.GetHttpStatus()))), dash(s.GetUpstreamCode()),
			strings.TrimPrefix(s.GetMatchKind().String(), "MATCH_KIND_"),
			strings.TrimPrefix(s.GetClassification().GetCategory().String(), "CATEGORY_"),
			strings.TrimPrefix(s.GetClassification().GetAction().String(), "ACTION_"),
			s.GetLastSeen().AsTime().UTC().Format(time.RFC3339))
	}
	tw.Flush()
}

func dash(s string) string {
	if s == "" || s == "0" {
		return "-"
	}
	return s
}
