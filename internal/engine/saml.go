package engine

// SAML 2.0 protocol messages (OASIS saml-core-2.0-os §3.2.2). A Response,
// LogoutResponse or ArtifactResponse says how the request went in its
// <Status>: a top-level <StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester">
// (or Responder, VersionMismatch, Success), a second-level code inside it
// that says more (…:AuthnFailed, …:NoPassive), and a <StatusMessage>.
// Service providers receive these messages base64-encoded in a SAMLResponse
// parameter: in a form the browser posts (the HTTP-POST binding) or in a
// redirect's query, deflated before the encoding (the HTTP-Redirect binding).

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"io"
	"strings"
	"unicode/utf8"
)

// samlStatusPrefix begins every status code SAML 2.0 defines.
const samlStatusPrefix = "urn:oasis:names:tc:SAML:2.0:status:"

// samlStatus follows the status codes of one SAML document as extractXML
// meets them.
type samlStatus struct {
	top  int  // index of the top-level code among the signal's candidates; -1 before it
	done bool // the top-level code said Success
}

// read takes the status code v, a value under samlStatusPrefix, into s.
func (st *samlStatus) read(x *extraction, s *signal, v string) {
	if st.done {
		return
	}
	if strings.EqualFold(v[len(samlStatusPrefix):], "Success") {
		if st.top < 0 {
			st.done = true
			x.success = true
		}
		return
	}
	s.container = true
	if s.ncands == maxCandidates {
		return
	}
	c := candidate{code: text{raw: v}, key: "StatusCode", rank: rankCode}
	if st.top < 0 {
		st.top = s.ncands
		s.cands[s.ncands] = c
		s.ncands++
		return
	}
	// A code nested in the top-level one says more than it does: it is
	// consulted first, and the top-level code stays as the fallback.
	copy(s.cands[st.top+1:s.ncands+1], s.cands[st.top:s.ncands])
	s.cands[st.top] = c
	s.ncands++
	st.top++
}

// samlDocument returns the SAML message that a form body or a query carries
// in its SAMLResponse parameter, or that a body holds as nothing but base64
// (the parameter's value, as SAML libraries log it and keep it in their
// test data), decoded and, for the Redirect binding, inflated. It reports
// false when there is no such message, or it does not decode to an XML
// document of at most limit bytes in UTF-8.
func samlDocument(q string, limit int) (string, bool) {
	v, ok := samlParam(q)
	if !ok {
		if len(q) < minBase64Body || !isBase64Text(q) {
			return "", false
		}
		v = q
	}
	// Percent-escapes decode; a '+' stays one, since base64 has no spaces
	// to encode, and the line breaks of a pasted value are dropped.
	enc := make([]byte, 0, len(v))
	for j := 0; j < len(v); j++ {
		c := v[j]
		if c == '%' && j+2 < len(v) && isHex(v[j+1]) && isHex(v[j+2]) {
			c = unhex(v[j+1])<<4 | unhex(v[j+2])
			j += 2
		}
		if c > ' ' {
			enc = append(enc, c)
		}
	}
	enc = bytes.TrimRight(enc, "=")
	dec := make([]byte, base64.RawStdEncoding.DecodedLen(len(enc)))
	n, err := base64.RawStdEncoding.Decode(dec, enc)
	if err != nil {
		return "", false
	}
	dec = dec[:n]
	if !isXMLStart(dec) {
		inflated, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(dec)), int64(limit)+1))
		if err != nil || len(inflated) > limit {
			return "", false
		}
		dec = inflated
	}
	if !isXMLStart(dec) || len(dec) > limit || !utf8.Valid(dec) {
		return "", false
	}
	return string(dec), true
}

// minBase64Body is the shortest body read as a base64 message: shorter
// ones are words ("Unauthorized") that happen to use base64's letters, and
// no SAML message is that short.
const minBase64Body = 64

// samlParam returns the value of the SAMLResponse parameter of a form or
// query string.
func samlParam(q string) (string, bool) {
	i := strings.Index(q, "SAMLResponse=")
	if i < 0 || i > 0 && !strings.ContainsRune("&?#", rune(q[i-1])) {
		return "", false
	}
	v, _, _ := strings.Cut(q[i+len("SAMLResponse="):], "&")
	return v, true
}

// isBase64Text reports whether s is made only of base64's characters and
// line breaks.
func isBase64Text(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n') {
			return false
		}
	}
	return true
}

// isXMLStart reports whether b begins, past white space and a byte order
// mark, with a tag.
func isXMLStart(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\ufeff")), " \t\r\n")
	return len(b) > 0 && b[0] == '<'
}
