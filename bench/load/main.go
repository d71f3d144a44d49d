// Command load measures errsvc end to end: it starts a built server as a
// subprocess and compares each classifying endpoint with a do-nothing
// endpoint of the same server and transport. Client and server share the
// machine's cores, so the do-nothing endpoint is the physical limit here, and
// the ratio to it is the figure that carries over to other machines.
//
// Targets are reported, not asserted: the exit status is 1 only when a
// request failed or the server did not start or stop cleanly.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/errsvc/errsvc/bench/internal/proc"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
	_ "google.golang.org/grpc/encoding/proto" // registers the codec preEncodedCodec wraps
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/gen/errsvc/v1/errsvcv1grpc"
)

// mix is a handful of representative upstream errors, one per extraction
// path of the engine, so that the figures are not those of the cheapest case.
var mix = []*errsvcv1.ClassifyRequest{
	{Provider: "danske-bank", Operation: "token", HttpStatus: 400, Body: `{"error":"unsupported_grant_type","error_description":"grant_type must be authorization_code"}`},
	{Provider: "nationwide", Operation: "resource", HttpStatus: 400, Body: `{"Code":"400 BadRequest","Id":"2b5f0fb2-a8d0-4f1c-9f7e-3c1d5b0e8a11","Message":"Consent status is not valid","Errors":[{"ErrorCode":"UK.OBIE.Resource.InvalidConsentStatus","Message":"Consent is in Rejected status","Path":"ConsentId"}]}`},
	{Provider: "berlin-group", Operation: "resource", HttpStatus: 400, Body: `{"tppMessages":[{"category":"ERROR","code":"FORMAT_ERROR","text":"Format of the field creditorAccount.iban is not valid"}]}`},
	{Operation: "resource", HttpStatus: 401, Headers: map[string]string{"WWW-Authenticate": `Bearer realm="example", error="invalid_token", error_description="The access token expired"`}},
	{Operation: "authorize", RedirectUri: "https://client.example.com/cb?error=access_denied&error_description=User%20cancelled&state=xyz"},
	{Operation: "resource", HttpStatus: 503, Headers: map[string]string{"Retry-After": "30", "Content-Type": "text/plain"}, Body: "Service Unavailable"},
	{Provider: "auth-api-440", HttpStatus: 440, Body: `{"code":53201,"literal":"invalid_request","message":"The request lacks a required parameter."}`},
	{Provider: "nationwide", Operation: "resource", HttpStatus: 403, Context: map[string]string{"consent_status": "Authorised", "access_token_expired": "false"}},
}

type config struct {
	binary                        string
	profileDir, pprofAddr         string
	duration, warmup              time.Duration
	concurrency, conns, batchSize int
}

func main() {
	var cfg config
	flag.StringVar(&cfg.binary, "errsvc", "", "path to a built errsvc binary (default: go build one into a temporary directory)")
	flag.DurationVar(&cfg.duration, "duration", 12*time.Second, "measured duration of each phase (five phases: 12 s each make a load of over 60 s)")
	flag.DurationVar(&cfg.warmup, "warmup", time.Second, "unmeasured warm-up before each phase")
	flag.IntVar(&cfg.concurrency, "concurrency", 16, "concurrent callers")
	flag.IntVar(&cfg.conns, "conns", 4, "gRPC connections shared round-robin by the callers")
	flag.IntVar(&cfg.batchSize, "batch-size", 1000, "errors per ClassifyBatch call")
	flag.StringVar(&cfg.profileDir, "profile", "", "write CPU and allocation profiles of the server and of this program, one per phase, into this directory")
	flag.Parse()
	if os.Getenv("GOGC") == "" {
		// The same trade of memory for CPU that errsvc makes by default: the
		// two share the cores, and every collection here is time the server
		// does not get. GOGC, when set, applies to both.
		debug.SetGCPercent(400)
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// phase is one workload: call makes one request for caller w. items is how
// many errors one call classifies, so that batches count classifications.
type phase struct {
	name  string
	slug  string // file name part of the phase's profiles
	unit  string
	items int
	call  func(ctx context.Context, w int) error
}

type result struct {
	phase
	calls, errs    int
	err            error // the first one
	elapsed        time.Duration
	p50, p99       time.Duration
	rss            []float64 // MB, sampled every second
	rssEnd         float64   // MB, when the phase ended
	srvCPU, cliCPU float64   // cores used by the server and by this program
	otherCPU       float64   // cores used by everything else on the machine
}

func (r result) rate() float64 { return float64(r.calls*r.items) / r.elapsed.Seconds() }

func run(cfg config) error {
	if cfg.binary == "" {
		dir, err := os.MkdirTemp("", "errsvc-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if cfg.binary, err = proc.Build(dir); err != nil {
			return err
		}
	}
	// The server's log goes to a file, shown only when something fails, so
	// that it neither clutters the report nor races with it.
	logFile, err := os.CreateTemp("", "errsvc-load-*.log")
	if err != nil {
		return err
	}
	defer os.Remove(logFile.Name())
	defer logFile.Close()
	serverLog := func() string { b, _ := os.ReadFile(logFile.Name()); return "server log:\n" + string(b) }

	grpcAddr, httpAddr := proc.FreeAddr(), proc.FreeAddr()
	// The load measures throughput, not admission: the budget of bytes in
	// flight is raised past what 16 callers of 1,000-error batches hold, so
	// that none is refused (docs/operations.md describes the budget).
	args := []string{"serve", "--grpc-addr", grpcAddr, "--http-addr", httpAddr, "--ops-addr", proc.FreeAddr(),
		"--max-inflight-bytes", strconv.Itoa(256 << 20)}
	if cfg.profileDir != "" {
		if err := os.MkdirAll(cfg.profileDir, 0o755); err != nil {
			return err
		}
		cfg.pprofAddr = proc.FreeAddr()
		args = append(args, "--pprof-addr", cfg.pprofAddr)
	}
	srv := exec.Command(cfg.binary, args...)
	srv.Stdout, srv.Stderr = logFile, logFile
	if err := srv.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	// Whatever happens below, the server must not outlive the benchmark.
	defer srv.Process.Kill()

	httpc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: cfg.concurrency, MaxIdleConnsPerHost: cfg.concurrency, IdleConnTimeout: time.Minute,
	}}
	if err := proc.WaitReady(httpc, "http://"+httpAddr+"/readyz", exited); err != nil {
		return fmt.Errorf("%w\n%s", err, serverLog())
	}
	pid := srv.Process.Pid
	// Ready is reported before the background work of start-up has settled;
	// half a second later the RSS is that of a server waiting for calls.
	time.Sleep(500 * time.Millisecond)
	idle := proc.MB(pid, "VmRSS")

	conns := make([]*grpc.ClientConn, cfg.conns)
	for i := range conns {
		conns[i], err = grpc.NewClient(grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()),
			grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20)))
		if err != nil {
			return err
		}
		defer conns[i].Close()
	}
	phases, err := buildPhases(cfg, conns, httpc, "http://"+httpAddr)
	if err != nil {
		return err
	}

	fmt.Printf("errsvc load: %s per phase after %s warm-up, %d callers, %d gRPC conns, %d CPUs shared by client and server\n\n",
		cfg.duration, cfg.warmup, cfg.concurrency, cfg.conns, runtime.NumCPU())
	var results []result
	bySlug := map[string]result{}
	failed := false
	for _, p := range phases {
		r := runPhase(p, cfg, pid)
		results = append(results, r)
		bySlug[r.slug] = r
		if r.errs > 0 {
			failed = true
		}
	}
	end, peak := proc.MB(pid, "VmRSS"), proc.MB(pid, "VmHWM")

	// The cores used by the server, this client and everything else tell
	// whether a phase ran out of server CPU, was held back by the client's
	// own work, or shared the machine with other processes.
	fmt.Printf("%-26s %8s %16s %9s %9s %6s %-14s  %s\n", "phase", "calls", "throughput", "p50", "p99", "errors", "cores srv/cli/oth", "RSS MB (1 s samples)")
	for _, r := range results {
		fmt.Printf("%-26s %8d %10.0f %-5s %9s %9s %6d %4.2f/%4.2f/%4.2f  %.1f\n", r.name, r.calls, r.rate(), r.unit,
			r.p50.Round(time.Microsecond), r.p99.Round(time.Microsecond), r.errs, r.srvCPU, r.cliCPU, r.otherCPU, r.rss)
		if r.err != nil {
			fmt.Printf("  first error: %v\n", r.err)
		}
	}
	grpcRatio := bySlug["grpc-classify"].rate() / bySlug["grpc-health"].rate()
	restRatio := bySlug["rest-classify"].rate() / bySlug["rest-healthz"].rate()
	batchCPS := bySlug["grpc-batch"].rate()
	fmt.Println()
	check("gRPC Classify / Health.Check", fmt.Sprintf("%.2f", grpcRatio), "≥ 0.9", grpcRatio >= 0.9)
	check("REST classify / healthz", fmt.Sprintf("%.2f", restRatio), "≥ 0.6", restRatio >= 0.6)
	check("batch classifications/s", fmt.Sprintf("%.0f", batchCPS), "≥ 500000", batchCPS >= 500_000)
	check("idle RSS", fmt.Sprintf("%.1f MB", idle), "≤ 40 MB", idle <= 40)
	// Single requests and 1,000-item batches hold very different amounts in
	// flight, so the RSS after each part is shown apart.
	fmt.Printf("%-30s %+.1f MB (idle %.1f, after single requests %.1f, after batches %.1f, peak VmHWM %.1f)\n",
		"RSS growth over the load", end-idle, idle, bySlug["rest-healthz"].rssEnd, end, peak)
	// Flat means no phase keeps growing: from its first sample to its last,
	// each phase's RSS may rise by at most a tenth (or 2 MB), however high
	// its working set sits.
	worst, worstPhase, flat := 0.0, "", true
	for _, r := range results {
		if len(r.rss) < 2 {
			continue
		}
		g := r.rss[len(r.rss)-1] - r.rss[0]
		if g > worst {
			worst, worstPhase = g, r.name
		}
		if g > max(2, r.rss[0]/10) {
			flat = false
		}
	}
	check("RSS within each phase", fmt.Sprintf("%+.1f MB", worst), "flat", flat)
	if worstPhase != "" {
		fmt.Printf("%-30s %s\n", "", "largest rise: "+worstPhase)
	}

	// SIGTERM must drain and exit 0: a benchmark that leaves a hung or
	// crashing server behind would hide a real fault.
	srv.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			failed = true
			fmt.Printf("server exit after SIGTERM: %v\n%s", err, serverLog())
		} else {
			fmt.Printf("%-30s exit 0\n", "server stop (SIGTERM)")
		}
	case <-time.After(30 * time.Second):
		failed = true
		fmt.Println("server did not exit within 30 s of SIGTERM")
	}
	fmt.Printf("RESULT grpc_ratio=%.3f rest_ratio=%.3f batch_cps=%.0f idle_rss_mb=%.1f peak_rss_mb=%.1f\n",
		grpcRatio, restRatio, batchCPS, idle, peak)
	if failed {
		return errors.New("requests failed or the server did not stop cleanly")
	}
	return nil
}

// buildPhases prepares the five workloads in the order they are compared:
// each classifying endpoint directly before its do-nothing counterpart.
func buildPhases(cfg config, conns []*grpc.ClientConn, httpc *http.Client, baseURL string) ([]phase, error) {
	health := make([]healthpb.HealthClient, cfg.concurrency)
	for w := range cfg.concurrency {
		health[w] = healthpb.NewHealthClient(conns[w%len(conns)])
	}
	// Requests are encoded once, in protobuf and in JSON, so that the client
	// spends its share of the cores on the transport and on decoding the
	// answers, as a real caller would, not on encoding the same requests
	// again and again.
	grpcBodies := make([]preEncoded, len(mix))
	restBodies := make([][]byte, len(mix))
	for i, m := range mix {
		b, err := proto.Marshal(m)
		if err != nil {
			return nil, err
		}
		grpcBodies[i] = b
		if restBodies[i], err = protojson.Marshal(m); err != nil {
			return nil, err
		}
	}
	batchMsg := &errsvcv1.ClassifyBatchRequest{}
	for i := range cfg.batchSize {
		batchMsg.Requests = append(batchMsg.Requests, mix[i%len(mix)])
	}
	batch, err := proto.Marshal(batchMsg)
	if err != nil {
		return nil, err
	}
	conn := func(w int) *grpc.ClientConn { return conns[w%len(conns)] }
	// Each caller walks the mix from its own offset so that all kinds of
	// error are in flight at once.
	next := make([]int, cfg.concurrency)
	pick := func(w int) int { next[w]++; return (w + next[w]) % len(mix) }

	return []phase{
		{"gRPC Classify", "grpc-classify", "req/s", 1, func(ctx context.Context, w int) error {
			resp := &errsvcv1.ClassifyResponse{}
			err := conn(w).Invoke(ctx, errsvcv1grpc.ErrorNormalizer_Classify_FullMethodName, grpcBodies[pick(w)], resp, sendEncoded)
			if err == nil && resp.GetClassification() == nil {
				err = errors.New("response without classification")
			}
			return err
		}},
		{"gRPC Health.Check", "grpc-health", "req/s", 1, func(ctx context.Context, w int) error {
			resp, err := health[w].Check(ctx, &healthpb.HealthCheckRequest{})
			if err == nil && resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
				err = fmt.Errorf("health status %v", resp.GetStatus())
			}
			return err
		}},
		{"REST POST /v1/classify", "rest-classify", "req/s", 1, func(ctx context.Context, w int) error {
			return httpDo(ctx, httpc, http.MethodPost, baseURL+"/v1/classify", restBodies[pick(w)])
		}},
		{"REST GET /healthz", "rest-healthz", "req/s", 1, func(ctx context.Context, w int) error {
			return httpDo(ctx, httpc, http.MethodGet, baseURL+"/healthz", nil)
		}},
		{fmt.Sprintf("gRPC ClassifyBatch x%d", cfg.batchSize), "grpc-batch", "cls/s", cfg.batchSize, func(ctx context.Context, w int) error {
			resp := &errsvcv1.ClassifyBatchResponse{}
			if err := conn(w).Invoke(ctx, errsvcv1grpc.ErrorNormalizer_ClassifyBatch_FullMethodName, preEncoded(batch), resp, sendEncoded); err != nil {
				return err
			}
			if len(resp.GetResults()) != cfg.batchSize {
				return fmt.Errorf("%d results for %d requests", len(resp.GetResults()), cfg.batchSize)
			}
			for i, r := range resp.GetResults() {
				if r.GetError() != nil {
					return fmt.Errorf("item %d: %v", i, r.GetError())
				}
			}
			return nil
		}},
	}, nil
}

// preEncoded is a request already in protobuf wire format.
type preEncoded []byte

// sendEncoded sends preEncoded requests as they are and decodes answers with
// the standard protobuf codec, as the generated client would.
var sendEncoded = grpc.ForceCodecV2(preEncodedCodec{encoding.GetCodecV2("proto")})

type preEncodedCodec struct{ encoding.CodecV2 }

func (c preEncodedCodec) Marshal(v any) (mem.BufferSlice, error) {
	if b, ok := v.(preEncoded); ok {
		return mem.BufferSlice{mem.SliceBuffer(b)}, nil
	}
	return c.CodecV2.Marshal(v)
}

// runPhase runs p on every caller for the warm-up and then the measured
// duration. Latencies go to per-caller slices, merged at the end, so that
// callers never contend on a shared recorder.
func runPhase(p phase, cfg config, pid int) result {
	start := time.Now()
	measureFrom, stopAt := start.Add(cfg.warmup), start.Add(cfg.warmup+cfg.duration)
	// A hung server must end the run, not stall it.
	ctx, cancel := context.WithDeadline(context.Background(), stopAt.Add(30*time.Second))
	defer cancel()
	lat := make([][]time.Duration, cfg.concurrency)
	errs := make([]int, cfg.concurrency)
	firstErr := make([]error, cfg.concurrency)
	var wg sync.WaitGroup
	for w := range cfg.concurrency {
		wg.Go(func() {
			for {
				t0 := time.Now()
				if t0.After(stopAt) {
					return
				}
				err := p.call(ctx, w)
				d := time.Since(t0)
				if err != nil {
					if errs[w]++; firstErr[w] == nil {
						firstErr[w] = err
					}
				} else if t0.After(measureFrom) {
					lat[w] = append(lat[w], d)
				}
			}
		})
	}

	// While the callers run, this goroutine takes the CPU readings at the
	// start of the measured window and samples RSS once a second.
	time.Sleep(time.Until(measureFrom))
	srv0, cli0, all0 := procCPU(pid), selfCPU(), machineCPU()
	stopProfiles := startProfiles(cfg, p.slug)
	var rss []float64
	for t := measureFrom.Add(time.Second); !t.After(stopAt); t = t.Add(time.Second) {
		time.Sleep(time.Until(t))
		rss = append(rss, proc.MB(pid, "VmRSS"))
	}
	stopProfiles()
	wg.Wait()
	elapsed := time.Since(measureFrom)
	r := result{phase: p, elapsed: elapsed, rss: rss, rssEnd: proc.MB(pid, "VmRSS"),
		srvCPU: (procCPU(pid) - srv0) / elapsed.Seconds(), cliCPU: (selfCPU() - cli0) / elapsed.Seconds()}
	r.otherCPU = max(0, (machineCPU()-all0)/elapsed.Seconds()-r.srvCPU-r.cliCPU)

	all := slices.Concat(lat...)
	slices.Sort(all)
	r.calls = len(all)
	for w := range errs {
		r.errs += errs[w]
		if r.err == nil {
			r.err = firstErr[w]
		}
	}
	if len(all) > 0 {
		r.p50, r.p99 = all[len(all)*50/100], all[len(all)*99/100]
	}
	return r
}

// startProfiles, when --profile is set, profiles the server (through its
// --pprof-addr) and this program over the measured window of a phase. The
// returned function waits for the profiles to be written; a profile that
// could not be taken is reported and does not fail the run.
func startProfiles(cfg config, slug string) (stop func()) {
	if cfg.profileDir == "" {
		return func() {}
	}
	secs := max(1, int(cfg.duration/time.Second)-1)
	var wg sync.WaitGroup
	// The allocation profile with seconds= is a delta: what was allocated
	// during the window, not since the server started.
	for _, p := range []struct{ endpoint, name string }{{"profile", "cpu"}, {"allocs", "allocs"}} {
		wg.Go(func() {
			url := fmt.Sprintf("http://%s/debug/pprof/%s?seconds=%d", cfg.pprofAddr, p.endpoint, secs)
			file := filepath.Join(cfg.profileDir, fmt.Sprintf("server-%s-%s.pprof", slug, p.name))
			if err := fetch(url, file); err != nil {
				fmt.Fprintf(os.Stderr, "profile %s: %v\n", file, err)
			}
		})
	}
	f, err := os.Create(filepath.Join(cfg.profileDir, fmt.Sprintf("client-%s-cpu.pprof", slug)))
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "client profile: %v\n", err)
	}
	return func() {
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
		}
		wg.Wait()
	}
}

func fetch(url, file string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return os.WriteFile(file, b, 0o644)
}

func httpDo(ctx context.Context, c *http.Client, method, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	// Draining the body lets the connection go back to the pool; without it
	// every call would open a new connection and measure TCP set-up instead.
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s", method, url, resp.Status)
	}
	return err
}

// procCPU returns the user and system CPU seconds of process pid, from
// /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux).
func procCPU(pid int) float64 {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	// The command name may contain spaces; the fields after it do not.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100
}

// machineCPU returns the busy CPU seconds of the whole machine, from the
// first line of /proc/stat: every field but idle and iowait, in 1/100 s.
func machineCPU() float64 {
	b, _ := os.ReadFile("/proc/stat")
	line, _, _ := strings.Cut(string(b), "\n")
	var busy float64
	for i, f := range strings.Fields(line) {
		// Field 0 is "cpu", 4 is idle, 5 is iowait, 9 and 10 are guest time
		// already counted in user.
		if v, err := strconv.ParseFloat(f, 64); err == nil && i != 4 && i != 5 && i < 9 {
			busy += v
		}
	}
	return busy / 100
}

func selfCPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func check(name, figure, target string, ok bool) {
	verdict := "ok"
	if !ok {
		verdict = "below target"
	}
	fmt.Printf("%-30s %-12s target %-10s %s\n", name, figure, target, verdict)
}
