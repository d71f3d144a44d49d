package service

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/types/known/durationpb"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// restMarshaler is the gateway's JSON: protojson for every message but the
// classification answers, which it writes directly. They are nearly all of
// the REST traffic, and protojson, walking each message by reflection, took
// longer than classifying. The output is protojson's with EmitDefaultValues,
// field for field; TestRESTJSONMatchesProtojson holds the two together for
// every field of these messages, so a field added to the proto and not here
// fails it.
type restMarshaler struct {
	runtime.JSONPb
}

func (m *restMarshaler) Marshal(v any) ([]byte, error) {
	var w jsonWriter
	switch v := v.(type) {
	case *errsvcv1.ClassifyResponse:
		w.b = make([]byte, 0, 1024)
		w.classifyResponse(v)
	case *errsvcv1.ClassifyBatchResponse:
		w.b = make([]byte, 0, 512*len(v.GetResults())+16)
		w.batchResponse(v)
	default:
		// Compact, like the answers written directly: one JSON style on
		// every route.
		b, err := m.JSONPb.Marshal(v)
		if err != nil {
			return nil, err
		}
		var out bytes.Buffer
		if err := json.Compact(&out, b); err != nil {
			return b, nil
		}
		return out.Bytes(), nil
	}
	if w.bad {
		// Invalid UTF-8 or an out-of-range duration: protojson refuses them
		// and says why.
		return m.JSONPb.Marshal(v)
	}
	return w.b, nil
}

// jsonWriter appends JSON to b. bad records a value protojson would refuse.
type jsonWriter struct {
	b   []byte
	bad bool
}

// key writes a member name, preceded by a comma unless it is the first.
func (w *jsonWriter) key(name string, first bool) {
	if !first {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, name...)
	w.b = append(w.b, '"', ':')
}

// str writes s as a JSON string, escaped as protojson escapes.
func (w *jsonWriter) str(s string) {
	w.b = append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				w.bad = true
			}
			i += n
			continue
		}
		w.b = append(w.b, s[start:i]...)
		switch c {
		case '"', '\\':
			w.b = append(w.b, '\\', c)
		case '\b':
			w.b = append(w.b, '\\', 'b')
		case '\f':
			w.b = append(w.b, '\\', 'f')
		case '\n':
			w.b = append(w.b, '\\', 'n')
		case '\r':
			w.b = append(w.b, '\\', 'r')
		case '\t':
			w.b = append(w.b, '\\', 't')
		default:
			const hex = "0123456789abcdef"
			w.b = append(w.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		i++
		start = i
	}
	w.b = append(w.b, s[start:]...)
	w.b = append(w.b, '"')
}

func (w *jsonWriter) boolean(v bool) {
	w.b = strconv.AppendBool(w.b, v)
}

// list writes a list of strings.
func (w *jsonWriter) list(list []string) {
	w.b = append(w.b, '[')
	for i, s := range list {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.str(s)
	}
	w.b = append(w.b, ']')
}

// float32 writes a float field the way protojson does: NaN and infinities
// as strings, tiny and huge magnitudes in exponent form.
func (w *jsonWriter) float32(v float32) {
	f := float64(v)
	switch {
	case math.IsNaN(f):
		w.b = append(w.b, `"NaN"`...)
		return
	case math.IsInf(f, 1):
		w.b = append(w.b, `"Infinity"`...)
		return
	case math.IsInf(f, -1):
		w.b = append(w.b, `"-Infinity"`...)
		return
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
		format = 'e'
	}
	w.b = strconv.AppendFloat(w.b, f, format, -1, 32)
	if n := len(w.b); format == 'e' && n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
		w.b[n-2] = w.b[n-1]
		w.b = w.b[:n-1]
	}
}

func (w *jsonWriter) int(v int32) {
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

// enum writes an enum value by name, or by number when the name is unknown.
func (w *jsonWriter) enum(names map[int32]string, v int32) {
	if name, ok := names[v]; ok {
		w.str(name)
		return
	}
	w.int(v)
}

// strs writes a JSON object of a string map, keys sorted.
func (w *jsonWriter) strs(m map[string]string) {
	w.b = append(w.b, '{')
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.str(k)
		w.b = append(w.b, ':')
		w.str(m[k])
	}
	w.b = append(w.b, '}')
}

// maxDurationSeconds is the range of google.protobuf.Duration.
const maxDurationSeconds = 315_576_000_000

// duration writes a Duration as protojson does: seconds with 0, 3, 6 or 9
// fractional digits and an "s".
func (w *jsonWriter) duration(d *durationpb.Duration) {
	secs, nanos := d.GetSeconds(), int64(d.GetNanos())
	if secs < -maxDurationSeconds || secs > maxDurationSeconds || nanos <= -1e9 || nanos >= 1e9 ||
		(secs > 0 && nanos < 0) || (secs < 0 && nanos > 0) {
		w.bad = true
		return
	}
	w.b = append(w.b, '"')
	if secs < 0 || nanos < 0 {
		w.b = append(w.b, '-')
		secs, nanos = -secs, -nanos
	}
	w.b = strconv.AppendInt(w.b, secs, 10)
	if nanos != 0 {
		var frac [9]byte
		for i := 8; i >= 0; i-- {
			frac[i] = byte('0' + nanos%10)
			nanos /= 10
		}
		n := 9
		for n > 3 && string(frac[n-3:n]) == "000" {
			n -= 3
		}
		w.b = append(w.b, '.')
		w.b = append(w.b, frac[:n]...)
	}
	w.b = append(w.b, 's', '"')
}

func (w *jsonWriter) classification(c *errsvcv1.Classification) {
	w.b = append(w.b, '{')
	w.key("category", true)
	w.enum(errsvcv1.Category_name, int32(c.GetCategory()))
	w.key("action", false)
	w.enum(errsvcv1.Action_name, int32(c.GetAction()))
	w.key("retryable", false)
	w.boolean(c.GetRetryable())
	w.key("code", false)
	w.str(c.GetCode())
	w.key("fallbackAction", false)
	w.enum(errsvcv1.Action_name, int32(c.GetFallbackAction()))
	if c.GetRetryAfter() != nil {
		w.key("retryAfter", false)
		w.duration(c.GetRetryAfter())
	}
	w.key("who", false)
	w.enum(errsvcv1.Who_name, int32(c.GetWho()))
	w.key("grpcCode", false)
	w.str(c.GetGrpcCode())
	w.key("httpStatus", false)
	w.int(c.GetHttpStatus())
	w.key("description", false)
	w.str(c.GetDescription())
	w.key("remediation", false)
	w.str(c.GetRemediation())
	w.key("userMessage", false)
	w.str(c.GetUserMessage())
	w.b = append(w.b, '}')
}

func (w *jsonWriter) match(m *errsvcv1.Match) {
	w.b = append(w.b, '{')
	w.key("provider", true)
	w.str(m.GetProvider())
	w.key("providerKnown", false)
	w.boolean(m.GetProviderKnown())
	w.key("entryId", false)
	w.str(m.GetEntryId())
	w.key("kind", false)
	w.enum(errsvcv1.MatchKind_name, int32(m.GetKind()))
	w.key("upstreamCode", false)
	w.str(m.GetUpstreamCode())
	w.key("upstreamDescription", false)
	w.str(m.GetUpstreamDescription())
	w.key("evidence", false)
	w.list(m.GetEvidence())
	w.key("alternatives", false)
	w.b = append(w.b, '[')
	for i, a := range m.GetAlternatives() {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.alternative(a)
	}
	w.b = append(w.b, ']')
	w.key("catalogVersion", false)
	w.str(m.GetCatalogVersion())
	w.key("confidence", false)
	w.float32(m.GetConfidence())
	w.key("warnings", false)
	w.list(m.GetWarnings())
	w.b = append(w.b, '}')
}

func (w *jsonWriter) alternative(a *errsvcv1.Alternative) {
	w.b = append(w.b, '{')
	w.key("entryId", true)
	w.str(a.GetEntryId())
	if a.GetClassification() != nil {
		w.key("classification", false)
		w.classification(a.GetClassification())
	}
	w.key("context", false)
	w.strs(a.GetContext())
	w.key("upstreamCode", false)
	w.str(a.GetUpstreamCode())
	w.b = append(w.b, '}')
}

func (w *jsonWriter) classifyResponse(r *errsvcv1.ClassifyResponse) {
	w.b = append(w.b, '{')
	first := true
	if r.GetClassification() != nil {
		w.key("classification", first)
		w.classification(r.GetClassification())
		first = false
	}
	if r.GetMatch() != nil {
		w.key("match", first)
		w.match(r.GetMatch())
	}
	w.b = append(w.b, '}')
}

func (w *jsonWriter) batchResponse(r *errsvcv1.ClassifyBatchResponse) {
	w.b = append(w.b, '{')
	w.key("results", true)
	w.b = append(w.b, '[')
	for i, res := range r.GetResults() {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.b = append(w.b, '{')
		switch x := res.GetResult().(type) {
		case *errsvcv1.ClassifyBatchResult_Response:
			w.key("response", true)
			w.classifyResponse(x.Response)
		case *errsvcv1.ClassifyBatchResult_Error:
			e := x.Error
			w.key("error", true)
			w.b = append(w.b, '{')
			w.key("code", true)
			w.str(e.GetCode())
			w.key("message", false)
			w.str(e.GetMessage())
			w.key("reason", false)
			w.str(e.GetReason())
			w.key("metadata", false)
			w.strs(e.GetMetadata())
			w.b = append(w.b, '}')
		}
		w.b = append(w.b, '}')
	}
	w.b = append(w.b, ']', '}')
}
