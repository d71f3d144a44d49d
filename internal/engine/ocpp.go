package engine

// OCPP-J, the Open Charge Point Protocol over WebSocket (1.6J, 2.0.1),
// frames every message as a JSON array whose first element is its type:
// 2 a call, 3 its result, 4 an error answering the call:
//
//	[4, "<unique id>", "<error code>", "<error description>", {<details>}]
//
// The error code is one of the RPC framework's (NotImplemented,
// NotSupported, InternalError, ProtocolError, SecurityError,
// FormationViolation, PropertyConstraintViolation, ...); what they mean is
// read from their words as any unknown code's are.

import (
	"encoding/json"
	"strings"
)

// isOCPPCallError reports a body that opens as an OCPP-J CALLERROR frame:
// '[', the message type 4, a comma.
func isOCPPCallError(b string) bool {
	if len(b) < 4 || b[0] != '[' {
		return false
	}
	b = strings.TrimLeft(b[1:], " \t\r\n")
	if len(b) < 2 || b[0] != '4' {
		return false
	}
	b = strings.TrimLeft(b[1:], " \t\r\n")
	return b != "" && b[0] == ','
}

// extractOCPP reads a CALLERROR frame's code and description. It reports
// false for a body that only opens like one (a list of numbers), which the
// caller then reads as any JSON.
func extractOCPP(x *extraction, b string) bool {
	var frame []json.RawMessage
	if json.Unmarshal([]byte(b), &frame) != nil || len(frame) < 4 {
		return false
	}
	var id, code, desc string
	if json.Unmarshal(frame[1], &id) != nil || json.Unmarshal(frame[2], &code) != nil ||
		json.Unmarshal(frame[3], &desc) != nil || code == "" {
		return false
	}
	s := signal{source: srcBody, container: true, ncands: 1, desc: text{raw: desc}}
	s.cands[0] = candidate{code: text{raw: code}, key: "errorCode", rank: rankCode}
	x.add(&s)
	return true
}
