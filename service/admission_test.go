package service

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// TestRESTBodyLimits holds that a REST body over its route's limit is 413,
// whether its length is declared or only found out while reading.
func TestRESTBodyLimits(t *testing.T) {
	ts := startServer(t, Config{})
	big := `{"httpStatus":400,"body":"` + strings.Repeat("x", 2<<20) + `"}`
	for _, chunked := range []bool{false, true} {
		var body io.Reader = strings.NewReader(big)
		if chunked {
			body = io.MultiReader(strings.NewReader(big)) // no length: sent chunked
		}
		req, _ := http.NewRequest(http.MethodPost, ts.base+"/v1/classify", body)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !bytes.Contains(b, []byte("REQUEST_TOO_LARGE")) {
			t.Errorf("chunked=%t: %d %.200s, want 413 REQUEST_TOO_LARGE", chunked, resp.StatusCode, b)
		}
	}
	if got := ts.srv.admit.inUse.Load(); got != 0 {
		t.Errorf("%d bytes still reserved after the calls", got)
	}
}

// TestGRPCMethodLimits holds that a Classify is held to its own limit, below
// the receive limit a batch gets, and that anything over that is refused
// unread.
func TestGRPCMethodLimits(t *testing.T) {
	ts := startServer(t, Config{})
	for _, tt := range []struct {
		size   int
		reason string
	}{
		{2 << 20, "REQUEST_TOO_LARGE"},
		{6 << 20, ""}, // refused by gRPC itself from the length prefix
	} {
		_, err := ts.client.Classify(context.Background(), &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: strings.Repeat("x", tt.size)})
		st := status.Convert(err)
		if st.Code() != codes.ResourceExhausted {
			t.Errorf("%d bytes: code %s (%v), want ResourceExhausted", tt.size, st.Code(), err)
		}
		if tt.reason != "" && !strings.Contains(st.Message(), "more than") {
			t.Errorf("%d bytes: message %q", tt.size, st.Message())
		}
	}
	resp, err := ts.client.Classify(context.Background(), &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: `{"error":"invalid_grant"}`})
	if err != nil || resp.GetClassification().GetCode() != "INVALID_GRANT" {
		t.Fatalf("a small call after the refusals: %v %v", resp, err)
	}
	// Both refusals are counted, the one gRPC made itself included.
	if got := testutil.ToFloat64(ts.srv.Metrics().admissionRefused.WithLabelValues("grpc", "too_large")); got != 2 {
		t.Errorf("errsvc_admission_refused_total{grpc,too_large} = %v, want 2", got)
	}
	if got := ts.srv.admit.inUse.Load(); got != 0 {
		t.Errorf("%d bytes still reserved after the calls", got)
	}
}

// TestAdmissionBudget holds that calls past the budget are refused, on both
// transports, and that every reservation is given back.
func TestAdmissionBudget(t *testing.T) {
	ts := startServer(t, Config{MaxInflightBytes: 6 << 20})
	batch := &errsvcv1.ClassifyBatchRequest{}
	for range 2000 {
		batch.Requests = append(batch.Requests, &errsvcv1.ClassifyRequest{HttpStatus: 400, Body: `{"error":"invalid_grant","error_description":"` + strings.Repeat("d", 1000) + `"}`})
	}
	restBody, _ := json.Marshal(map[string]any{"requests": []map[string]any{{"httpStatus": 400, "body": strings.Repeat("y", 1<<20)}}})
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for range 24 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := ts.client.ClassifyBatch(context.Background(), batch)
			mu.Lock()
			counts["grpc "+status.Code(err).String()]++
			mu.Unlock()
		}()
		go func() {
			defer wg.Done()
			resp, err := http.Post(ts.base+"/v1/classify:batch", "application/json", bytes.NewReader(restBody))
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mu.Lock()
			counts["rest "+http.StatusText(resp.StatusCode)]++
			if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("answers: %v", counts)
	if counts["grpc ResourceExhausted"] == 0 || counts["rest Service Unavailable"] == 0 {
		t.Errorf("no call was refused past a 6 MiB budget: %v", counts)
	}
	if counts["grpc OK"]+counts["rest OK"] == 0 {
		t.Errorf("no call was served: %v", counts)
	}
	if got := ts.srv.admit.inUse.Load(); got != 0 {
		t.Errorf("%d bytes still reserved after the calls", got)
	}
	// With the burst over, the budget is whole again for both transports.
	if _, err := ts.client.ClassifyBatch(context.Background(), batch); err != nil {
		t.Errorf("gRPC batch after the burst: %v", err)
	}
	resp, err := http.Post(ts.base+"/v1/classify:batch", "application/json", bytes.NewReader(restBody))
	if err != nil {
		t.Fatalf("REST batch after the burst: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("REST batch after the burst: %s", resp.Status)
	}
}
