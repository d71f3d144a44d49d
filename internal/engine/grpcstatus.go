package engine

import (
	"encoding/base64"
	"strconv"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	statuspb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/protobuf/proto"
)

// extractGRPC reads a gRPC status sent as headers (a trailers-only answer, or
// trailers a proxy turned into headers): grpc-status by number, grpc-message
// percent-encoded, and the google.rpc.Status of grpc-status-details-bin with
// its ErrorInfo reason and RetryInfo delay.
func extractGRPC(x *extraction, status, message, details string) {
	s := signal{source: srcGRPC, container: true, desc: text{raw: message, esc: strings.Contains(message, "%"), url: true}}
	if n, err := strconv.Atoi(strings.TrimSpace(status)); err == nil && n > 0 && n < len(grpcCodeNames) {
		s.cands[s.ncands] = candidate{code: text{raw: grpcCodeNames[n]}, key: "status", rank: rankStatus}
		s.ncands++
	}
	if details != "" {
		readStatusDetails(x, &s, details)
	}
	if s.ncands > 0 {
		x.add(&s)
	}
}

// readStatusDetails decodes grpc-status-details-bin: base64 (padded or not)
// of a google.rpc.Status.
func readStatusDetails(x *extraction, s *signal, v string) {
	v = strings.TrimSpace(v)
	if len(v) > 8<<10 {
		return
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(v, "="))
	if err != nil {
		return
	}
	var st statuspb.Status
	if proto.Unmarshal(raw, &st) != nil {
		return
	}
	if s.ncands == 0 && st.GetCode() > 0 && int(st.GetCode()) < len(grpcCodeNames) {
		s.cands[s.ncands] = candidate{code: text{raw: grpcCodeNames[st.GetCode()]}, key: "status", rank: rankStatus}
		s.ncands++
	}
	if s.desc.raw == "" && st.GetMessage() != "" {
		s.desc = text{raw: st.GetMessage()}
	}
	for _, d := range st.GetDetails() {
		switch {
		case strings.HasSuffix(d.GetTypeUrl(), "/google.rpc.ErrorInfo"):
			var info errdetails.ErrorInfo
			if proto.Unmarshal(d.GetValue(), &info) == nil && info.GetReason() != "" {
				// The reason is more specific than the status: it goes first.
				copy(s.cands[1:], s.cands[:len(s.cands)-1])
				s.cands[0] = candidate{code: text{raw: info.GetReason()}, key: "reason", rank: rankReason}
				s.ncands = min(s.ncands+1, maxCandidates)
			}
		case strings.HasSuffix(d.GetTypeUrl(), "/google.rpc.RetryInfo"):
			var ri errdetails.RetryInfo
			if proto.Unmarshal(d.GetValue(), &ri) == nil && ri.GetRetryDelay() != nil && !x.hasRetryAfter {
				x.retryAfter, x.hasRetryAfter = clampDelay(ri.GetRetryDelay().AsDuration()), true
				x.retrySource, x.retryRaw = "header.grpc-status-details-bin.retryDelay", ri.GetRetryDelay().AsDuration().String()
			}
		}
	}
}
