package service

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/errsvc/errsvc/catalog"
	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
	"github.com/errsvc/errsvc/internal/engine"
)

var testRESTMarshaler = &restMarshaler{JSONPb: runtime.JSONPb{
	MarshalOptions: protojson.MarshalOptions{EmitDefaultValues: true},
}}

// sameJSON fails t unless restMarshaler writes msg as protojson does, as a
// JSON value: member order and spacing aside.
func sameJSON(t *testing.T, msg proto.Message) {
	t.Helper()
	want, werr := protojson.MarshalOptions{EmitDefaultValues: true}.Marshal(msg)
	got, gerr := testRESTMarshaler.Marshal(msg)
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("protojson error %v, restMarshaler error %v", werr, gerr)
	}
	if werr != nil {
		return
	}
	if diff := cmp.Diff(decodeJSON(t, want), decodeJSON(t, got)); diff != "" {
		t.Errorf("restMarshaler differs from protojson (-protojson +restMarshaler):\n%s\nrestMarshaler wrote %s", diff, got)
	}
}

func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("invalid JSON %s: %v", b, err)
	}
	if d.More() {
		t.Fatalf("trailing data after JSON value in %s", b)
	}
	return v
}

// hardText exercises every escape protojson makes, and the characters it
// leaves alone.
const hardText = "quote\" backslash\\ slash/ controls\x00\x01\x08\x0c\x1f\x7f tab\t lf\n cr\r <html>&amp; \u2028\u2029 é 日本 \uFFFD 🙂"

// fill sets every field of m, recursively, to a value other than its
// default, so that a field the hand-written encoder forgets shows up as a
// difference. Of a oneof, it sets the member numbered choice (modulo their
// count).
func fill(m protoreflect.Message, choice, depth int) {
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if oo := fd.ContainingOneof(); oo != nil && oo.Fields().Get(choice%oo.Fields().Len()) != fd {
			continue
		}
		switch {
		case fd.IsMap():
			mp := m.Mutable(fd).Map()
			for _, k := range []string{"b_key", "a key", hardText} {
				mp.Set(protoreflect.ValueOfString(k).MapKey(), protoreflect.ValueOfString("value of "+k))
			}
		case fd.IsList():
			l := m.Mutable(fd).List()
			for j := range 2 {
				if fd.Kind() == protoreflect.MessageKind {
					if depth > 0 {
						fill(l.AppendMutable().Message(), choice+j, depth-1)
					}
					continue
				}
				l.Append(scalar(fd, j))
			}
		case fd.Kind() == protoreflect.MessageKind:
			if fd.Message().FullName() == "google.protobuf.Duration" {
				m.Set(fd, protoreflect.ValueOfMessage(durationpb.New(1500*1e6).ProtoReflect()))
				continue
			}
			if depth > 0 {
				fill(m.Mutable(fd).Message(), choice, depth-1)
			}
		default:
			m.Set(fd, scalar(fd, 0))
		}
	}
}

func scalar(fd protoreflect.FieldDescriptor, j int) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(string(fd.Name()) + " " + hardText + strings.Repeat("x", j))
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(true)
	case protoreflect.Int32Kind:
		return protoreflect.ValueOfInt32(int32(440 + j))
	case protoreflect.FloatKind:
		return protoreflect.ValueOfFloat32([...]float32{0.75, 1e-7}[j%2])
	case protoreflect.EnumKind:
		vals := fd.Enum().Values()
		return protoreflect.ValueOfEnum(vals.Get(vals.Len() - 1 - j).Number())
	}
	panic("fill: no value for " + fd.Kind().String() + " field " + string(fd.FullName()))
}

func TestRESTJSONMatchesProtojson(t *testing.T) {
	t.Run("every field", func(t *testing.T) {
		for choice := range 2 {
			resp := &errsvcv1.ClassifyResponse{}
			fill(resp.ProtoReflect(), choice, 4)
			sameJSON(t, resp)
			batch := &errsvcv1.ClassifyBatchResponse{}
			fill(batch.ProtoReflect(), choice, 6)
			sameJSON(t, batch)
		}
	})
	t.Run("defaults and absent messages", func(t *testing.T) {
		for _, m := range []proto.Message{
			&errsvcv1.ClassifyResponse{},
			&errsvcv1.ClassifyResponse{Match: &errsvcv1.Match{}},
			&errsvcv1.ClassifyResponse{Classification: &errsvcv1.Classification{}},
			&errsvcv1.ClassifyResponse{Match: &errsvcv1.Match{Alternatives: []*errsvcv1.Alternative{{}}}},
			&errsvcv1.ClassifyBatchResponse{},
			&errsvcv1.ClassifyBatchResponse{Results: []*errsvcv1.ClassifyBatchResult{{},
				{Result: &errsvcv1.ClassifyBatchResult_Response{}},
				{Result: &errsvcv1.ClassifyBatchResult_Error{}}}},
		} {
			sameJSON(t, m)
		}
	})
	t.Run("durations and enums", func(t *testing.T) {
		for _, d := range []*durationpb.Duration{
			{}, {Seconds: 30}, {Seconds: 1, Nanos: 500_000_000}, {Nanos: 1}, {Nanos: 1_000}, {Nanos: 120_000},
			{Seconds: -2, Nanos: -250_000_000}, {Nanos: -999_999_999}, {Seconds: 315_576_000_000, Nanos: 999_999_999},
			// Out of range or inconsistent: both refuse.
			{Seconds: 315_576_000_001}, {Nanos: 1_000_000_000}, {Seconds: 1, Nanos: -1},
		} {
			sameJSON(t, &errsvcv1.ClassifyResponse{Classification: &errsvcv1.Classification{RetryAfter: d}})
		}
		sameJSON(t, &errsvcv1.ClassifyResponse{
			Classification: &errsvcv1.Classification{Category: 99, Action: -3, FallbackAction: 1000, Who: 42},
			Match:          &errsvcv1.Match{Kind: 77},
		})
	})
	t.Run("invalid UTF-8 is refused as protojson refuses it", func(t *testing.T) {
		resp := &errsvcv1.ClassifyResponse{Match: &errsvcv1.Match{UpstreamCode: "bad \xff byte"}}
		if _, err := testRESTMarshaler.Marshal(resp); err == nil {
			t.Error("restMarshaler accepted invalid UTF-8")
		}
	})
	t.Run("every catalog example", func(t *testing.T) {
		cat, err := catalog.Load("")
		if err != nil {
			t.Fatal(err)
		}
		batch := &errsvcv1.ClassifyBatchResponse{}
		for _, e := range cat.Entries() {
			for _, ex := range e.Proto.GetExamples() {
				res, err := engine.Classify(cat, engine.ExampleRequest(e, ex), nil)
				if err != nil {
					t.Fatalf("%s: %v", e.Proto.GetId(), err)
				}
				resp := res.Response(cat)
				sameJSON(t, resp)
				batch.Results = append(batch.Results, &errsvcv1.ClassifyBatchResult{Result: &errsvcv1.ClassifyBatchResult_Response{Response: resp}})
			}
		}
		sameJSON(t, batch)
	})
	t.Run("other messages go to protojson", func(t *testing.T) {
		sameJSON(t, &errsvcv1.ListProvidersResponse{CatalogVersion: "v1", Providers: []*errsvcv1.Provider{{Id: "p"}}})
	})
}

// FuzzRESTJSON checks the hand-written encoder against protojson on any text
// and any duration.
func FuzzRESTJSON(f *testing.F) {
	f.Add(hardText, int64(30), int32(0), int32(3))
	f.Add("bad \xff", int64(-1), int32(-5), int32(-1))
	f.Fuzz(func(t *testing.T, s string, secs int64, nanos, enum int32) {
		sameJSON(t, &errsvcv1.ClassifyBatchResponse{Results: []*errsvcv1.ClassifyBatchResult{
			{Result: &errsvcv1.ClassifyBatchResult_Response{Response: &errsvcv1.ClassifyResponse{
				Classification: &errsvcv1.Classification{Code: s, Description: s, Category: errsvcv1.Category(enum),
					RetryAfter: &durationpb.Duration{Seconds: secs, Nanos: nanos}},
				Match: &errsvcv1.Match{UpstreamDescription: s, Evidence: []string{s, s}, Kind: errsvcv1.MatchKind(enum),
					Alternatives: []*errsvcv1.Alternative{{Context: map[string]string{s: s}}}},
			}}},
			{Result: &errsvcv1.ClassifyBatchResult_Error{Error: &errsvcv1.ItemError{Message: s, Metadata: map[string]string{"k": s}}}},
		}})
	})
}
