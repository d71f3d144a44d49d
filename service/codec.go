package service

import (
	"context"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/encoding"
	_ "google.golang.org/grpc/encoding/proto" // registers the codec wrapped here
	"google.golang.org/grpc/mem"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// A request gRPC cannot decode is the caller's mistake, but grpc-go reports
// any codec failure as INTERNAL, before interceptors run: uncounted, unlogged
// and read by alerts as errsvc's own bug. callerCodec decodes as the proto
// codec does and, when that fails, leaves the message empty with the failure
// recorded in an unknown field that no errsvc message uses; the first
// interceptor turns it into INVALID_ARGUMENT, after the metrics interceptor
// has seen the call.
type callerCodec struct{ base encoding.CodecV2 }

// undecodableField is the unknown field that carries a decode failure: the
// largest field number protobuf allows, which errsvc's messages never use.
const undecodableField protowire.Number = protowire.MaxValidNumber

func newCallerCodec() callerCodec { return callerCodec{base: encoding.GetCodecV2("proto")} }

func (c callerCodec) Name() string { return "proto" }

func (c callerCodec) Marshal(v any) (mem.BufferSlice, error) { return c.base.Marshal(v) }

func (c callerCodec) Unmarshal(data mem.BufferSlice, v any) error {
	err := c.base.Unmarshal(data, v)
	m, ok := v.(proto.Message)
	if err == nil || !ok {
		return err
	}
	proto.Reset(m)
	mark := protowire.AppendTag(nil, undecodableField, protowire.BytesType)
	mark = protowire.AppendString(mark, err.Error())
	m.ProtoReflect().SetUnknown(mark)
	return nil
}

// undecodable returns the decode failure callerCodec recorded in m, if any.
func undecodable(m proto.Message) (string, bool) {
	b := m.ProtoReflect().GetUnknown()
	if len(b) == 0 {
		return "", false
	}
	num, typ, n := protowire.ConsumeTag(b)
	if n < 0 || num != undecodableField || typ != protowire.BytesType {
		return "", false
	}
	msg, n := protowire.ConsumeString(b[n:])
	return msg, n >= 0
}

// rejectUndecodable answers a request callerCodec could not decode with
// INVALID_ARGUMENT, saying what to send instead.
func (s *Server) rejectUndecodable(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	m, ok := req.(proto.Message)
	if !ok {
		return handler(ctx, req)
	}
	why, bad := undecodable(m)
	if !bad {
		return handler(ctx, req)
	}
	reason, msg := "MALFORMED_REQUEST", "the request is not a valid "+string(m.ProtoReflect().Descriptor().FullName())+" message"
	if strings.Contains(why, "UTF-8") {
		reason, msg = "INVALID_UTF8", "a string field holds invalid UTF-8: send a body that is not UTF-8 in body_bytes"
	}
	s.log.Warn("undecodable request", "method", info.FullMethod, "reason", reason)
	st := status.New(codes.InvalidArgument, msg)
	if withInfo, err := st.WithDetails(&errdetails.ErrorInfo{Reason: reason, Domain: errorDomain}); err == nil {
		st = withInfo
	}
	return nil, st.Err()
}
