package engine

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// secretShapes are the forms in which credentials reach error text: each
// text carries the secret, which must not survive Sanitize.
var secretShapes = []struct{ text, secret string }{
	// Authorization headers and schemes.
	{"Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA", "2YotnFZFEjr1zCsicMWpAA"},
	{"authorization: bearer 2YotnFZFEjr1zCsicMWpAA", "2YotnFZFEjr1zCsicMWpAA"},
	{"Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="},
	{`Authorization: Digest username="Mufasa", realm="x", response="6629fae49393a05397450978507c4ef1"`, "6629fae49393a05397450978507c4ef1"},
	{"Authorization: token ghx7a9ZkQ2mP", "ghx7a9ZkQ2mP"},
	{"Authorization: SSWS 00QCjAl4MlV-WPXM0fYbAH5bpR5yZfN8zkD8oJ7z0X", "00QCjAl4MlV-WPXM0fYbAH5bpR5yZfN8zkD8oJ7z0X"},
	{"Proxy-Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l", "YWxhZGRpbjpvcGVuc2VzYW1l"},
	{"sent Bearer abc123", "abc123"},
	{"Bearer x", " x"},
	{"DPoP eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJlMTIz", "eyJhbGciOiJFUzI1NiJ9"},
	// JWTs anywhere.
	{"token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl was rejected", "eyJzdWIiOiIxIn0"},
	{"(eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln)", "eyJpc3MiOiJ4In0"},
	{`{"id_token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"}`, "eyJzdWIiOiIxIn0"},
	// key=value in snake, camel, kebab and upper case, quoted or not.
	{"client_secret=s3cr3tValue&grant_type=x", "s3cr3tValue"},
	{"client_secret='s3cr3tValue'", "s3cr3tValue"},
	{`client_secret="s3cr3tValue"`, "s3cr3tValue"},
	{"clientSecret: s3cr3tValue", "s3cr3tValue"},
	{"CLIENT-SECRET=s3cr3tValue", "s3cr3tValue"},
	{"ClientSecret = s3cr3tValue", "s3cr3tValue"},
	{"accessToken=at_9f8e7d", "at_9f8e7d"},
	{"access_token=at_9f8e7d", "at_9f8e7d"},
	{`"access_token": "at_9f8e7d"`, "at_9f8e7d"},
	{"refresh_token=rt_1a2b3c", "rt_1a2b3c"},
	{"refreshToken: rt_1a2b3c", "rt_1a2b3c"},
	{"REFRESH_TOKEN=rt_1a2b3c", "rt_1a2b3c"},
	{"id_token=abc.def.ghi", "abc.def.ghi"},
	{"code=123456&state=x", "123456"}, // digits in a query are a code, not an error number
	{`{"code":"482913"}`, "482913"},   // and so are quoted ones
	{"code=SplxlOBeZQQYbYS6WxSbIA&state=xyz", "SplxlOBeZQQYbYS6WxSbIA"},
	{"code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "dBjftJeZ4CVP"},
	{"api_key=k_live_1234", "k_live_1234"},
	{"apiKey: k_live_1234", "k_live_1234"},
	{"X-Api-Key: k_live_1234", "k_live_1234"},
	{"x-api-key=k_live_1234", "k_live_1234"},
	{"API-KEY: k_live_1234", "k_live_1234"},
	{"api_secret=zz9", "zz9"},
	{"secret_key: sk9", "sk9"},
	{"private_key=pk_abc", "pk_abc"},
	{"session_token=IQoJb3JpZ2luX2Vj", "IQoJb3JpZ2luX2Vj"},
	{"X-Amz-Security-Token: IQoJb3JpZ2luX2Vj", "IQoJb3JpZ2luX2Vj"},
	{"aws_secret_access_key=wJalrXUtnFEMI/K7MDENG", "wJalrXUtnFEMI"},
	{"sessionid=38afes7a8", "38afes7a8"},
	{"Cookie: sid=38afes7a8; theme=dark", "38afes7a8"},
	{"Set-Cookie: session=38afes7a8; Path=/", "38afes7a8"},
	{"client_assertion=eyJhbGc.eyJzdWI.c2ln", "eyJhbGc"},
	{"assertion: abc-def-ghi", "abc-def-ghi"},
	{"token: tk_77aa", "tk_77aa"},
	{"signature=0a1b2c3d", "0a1b2c3d"},
	{"otp=492039", "492039"},
	// Passwords, with spaces and short forms.
	{"password=hunter2xyz", "hunter2xyz"},
	{"password='hunter2xyz'", "hunter2xyz"},
	{"password: correct horse battery staple", "horse battery"},
	{"Password = correct horse battery staple\nnext line", "battery staple"},
	{"pwd=hunter2xyz", "hunter2xyz"},
	{"passwd: hunter2xyz", "hunter2xyz"},
	{"passphrase=my long phrase&x=1", "long phrase"},
	{`{"password":"hunter two"}`, "hunter two"},
	// Well-known token formats, anywhere.
	{"used ghp_16C7e42F292c6912E7710c838347Ae178B4a", "16C7e42F292c6912E7710c838347Ae178B4a"},
	{"github_pat_11ABCDEFG0123456789_abcdefghijkl", "11ABCDEFG0123456789"},
	{"glpat-xxxxxxxxxxxxxxxxxxxx1", "xxxxxxxxxxxxxxxxxxxx1"},
	{"slack xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy", "pdFZKVeTuE8sk7oOcBrzbqgy"},
	{"xoxp-123456789012-abcdefgh", "abcdefgh"},
	{"key sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc"},
	{"sk_test_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc"},
	{"rk_live_51H8xyzABCDEFGH", "51H8xyzABCDEFGH"},
	{"whsec_abcdefgh12345678", "abcdefgh12345678"},
	{"AKIAIOSFODNN7EXAMPLE is not valid", "IOSFODNN7EXAMPLE"},
	{"ASIAY34FZKBOKMUTVV7A", "Y34FZKBOKMUTVV7A"},
	{"key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "SyD-9tSrke72PouQMnMX"},
	{"ya29.a0AfH6SMBx3z9example", "a0AfH6SMBx3z9example"},
	{"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", "ngeVfQFYQlKU0ufo8x5d1A"},
	{"sk-proj-abcdefghijklmnop1234", "abcdefghijklmnop1234"},
	{"sk-ant-api03-abcdefghijklmnop", "api03-abcdefghijklmnop"},
	{"shpat_0123456789abcdef0123", "0123456789abcdef0123"},
	// PEM blocks.
	{"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"},
	{"key: -----BEGIN RSA PRIVATE KEY----- MIIEpAIBAAKCAQEA -----END RSA PRIVATE KEY----- after", "MIIEpAIBAAKCAQEA"},
	// Long opaque strings.
	{"key AKIAIOSFODNN7EXAMPLEabcdefghij123456 leaked", "AKIAIOSFODNN7EXAMPLEabcdefghij123456"},
	{"opaque 8f14e45fceea167a5a36dedd4bea2543aa", "8f14e45fceea167a5a36dedd4bea2543aa"},
}

func TestRedactionCorpus(t *testing.T) {
	if len(secretShapes) < 60 {
		t.Fatalf("%d secret shapes, want at least 60", len(secretShapes))
	}
	for _, tt := range secretShapes {
		if !strings.Contains(tt.text, tt.secret) {
			t.Fatalf("case %q does not contain its secret %q", tt.text, tt.secret)
		}
		for _, wrap := range []string{"%s", "error: %s.", `{"error_description":"%s"}`} {
			in := strings.Replace(wrap, "%s", tt.text, 1)
			if got := Sanitize(in, 512); strings.Contains(got, tt.secret) {
				t.Errorf("Sanitize(%q) = %q keeps %q", in, got, tt.secret)
			}
		}
	}
}

// TestRedactionKeepsProse holds the other side: ordinary error text, the
// challenges that carry no credential, and codes survive as they are.
func TestRedactionKeepsProse(t *testing.T) {
	for _, s := range []string{
		"Token has expired",
		"The access token expired at 10:00",
		"invalid_grant",
		`Bearer realm="api", error="invalid_token", error_description="expired"`,
		"token verification failed",
		"Use a valid refresh token",
		"error_code=abc",
		"Password must contain a digit",
		"AADSTS70008: The provided authorization code or refresh token has expired",
		"UK.OBIE.Field.Missing",
		`{"error":{"code": 422, "type":"invalid_state"}}`, // a JSON number under "code" is an error code
		`{"code":400,"message":"Bad Request"}`,
		`{"error": {"code": "TRANSACTION.DOES_NOT_EXIST", "message": "We could not find a transaction with that id.", "errors": []}}`, // a quoted error name
		`{"code":"resource_missing"}`,
	} {
		if got := Sanitize(s, 512); got != s {
			t.Errorf("Sanitize(%q) = %q, want it unchanged", s, got)
		}
	}
}

// FuzzRedaction plants a known secret in arbitrary text and checks that it
// never survives Sanitize, whatever surrounds it.
func FuzzRedaction(f *testing.F) {
	f.Add("before ", " after", 0)
	f.Add("\xff\x00", "é", 17)
	f.Add(`{"a":"`, `"}`, 42)
	f.Add("0", "x", 8) // the surrounding text holds the secret's characters too
	f.Fuzz(func(t *testing.T, before, after string, pick int) {
		shape := secretShapes[uint(pick)%uint(len(secretShapes))]
		// A separator on each side: a secret glued to other words is another
		// word.
		in := before + "\n" + shape.text + "\n" + after
		out := Sanitize(in, 512)
		// The surrounding text may hold the secret's characters itself; only
		// the planted one must go.
		around := Sanitize(before+"\n\n"+after, 1<<20)
		if strings.Count(out, shape.secret) > strings.Count(around, shape.secret) {
			t.Fatalf("Sanitize(%q) = %q keeps %q", in, out, shape.secret)
		}
		if !utf8.ValidString(out) || len(out) > 512 {
			t.Fatalf("Sanitize(%q) = %q: invalid or unbounded", in, out)
		}
	})
}
