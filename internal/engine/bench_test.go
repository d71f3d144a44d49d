package engine

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// benchCases are representative upstream errors, each with a JSON body so
// that the json.Unmarshal baseline reads the same bytes.
var benchCases = []struct {
	name string
	req  Request
}{
	{"oauth", Request{Provider: "danske-bank", Operation: "token", HTTPStatus: 400,
		Body: `{"error":"unsupported_grant_type","error_description":"The mentioned grant type in input is not supported. Supported value is authorization_code."}`}},
	{"obie", Request{Provider: "nationwide", HTTPStatus: 400,
		Body: `{"Code":"400 BadRequest","Id":"2b5f0fb2-a8d0-4f1c-9f7e-3c1d5b0e8a11","Message":"Consent status is not valid","Errors":[{"ErrorCode":"UK.OBIE.Resource.InvalidConsentStatus","Message":"Consent is in Rejected status","Path":"ConsentId"}]}`}},
	{"berlin-group", Request{HTTPStatus: 401,
		Body: `{"tppMessages":[{"category":"ERROR","code":"CONSENT_EXPIRED","text":"The consent was created for a limited time which has expired."}]}`}},
	{"nested-google", Request{Provider: "google", HTTPStatus: 401,
		Body: `{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"ACCESS_TOKEN_EXPIRED","domain":"googleapis.com"}]}}`}},
	{"numeric-440", Request{Provider: "auth-api-440", HTTPStatus: 440,
		Body: `{"type":"https://auth.example/problems/53209","title":"login_required","status":440,"code":53209}`}},
}

// unknownCases are errors whose codes no entry names: they take the
// inference path (another provider's code, near spellings, the vocabulary),
// which runs only after the catalog found nothing. Their cost is reported
// apart from the catalog hits'.
var unknownCases = []struct {
	name string
	req  Request
}{
	{"unknown-aws-throttle", Request{HTTPStatus: 400,
		Body: `{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}`}},
	{"unknown-ok-false", Request{HTTPStatus: 200, Body: `{"ok":false,"error":"missing_scope","needed":"chat:write","provided":"channels:read"}`}},
	{"unknown-numeric-message", Request{HTTPStatus: 400, Body: `{"code":1234,"message":"The access token has expired, please refresh it"}`}},
	{"unknown-graphql", Request{HTTPStatus: 200,
		Body: `{"data":null,"errors":[{"message":"Too many requests, please try again later","extensions":{"code":"TOO_MANY_REQUESTS"}}]}`}},
}

// baseline is the small struct the baseline decodes into: the fields a
// hand-written client would read.
type baseline struct {
	Error            any    `json:"error"`
	ErrorDescription string `json:"error_description"`
	Code             any    `json:"code"`
	Errors           []struct {
		ErrorCode string `json:"ErrorCode"`
		Message   string `json:"Message"`
	} `json:"Errors"`
	TppMessages []struct {
		Code string `json:"code"`
		Text string `json:"text"`
	} `json:"tppMessages"`
}

func BenchmarkClassify(b *testing.B) {
	for _, c := range append(benchCases[:len(benchCases):len(benchCases)], unknownCases...) {
		b.Run(c.name, func(b *testing.B) {
			req := c.req
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Classify(testCatalog, &req, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUnmarshalBaseline(b *testing.B) {
	for _, c := range append(benchCases[:len(benchCases):len(benchCases)], unknownCases...) {
		b.Run(c.name, func(b *testing.B) {
			body := []byte(c.req.Body)
			b.ReportAllocs()
			for b.Loop() {
				var v baseline
				if err := json.Unmarshal(body, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRatio times Classify and the json.Unmarshal baseline over the
// same bodies, interleaved in one run so that machine noise hits both, and
// reports their ratio (target for catalog hits: at most 0.5).
func BenchmarkRatio(b *testing.B) {
	b.Run("catalog", func(b *testing.B) { benchRatio(b, benchCases) })
	b.Run("unknown", func(b *testing.B) { benchRatio(b, unknownCases) })
}

func benchRatio(b *testing.B, cases []struct {
	name string
	req  Request
}) {
	bodies := make([][]byte, len(cases))
	for i, c := range cases {
		bodies[i] = []byte(c.req.Body)
	}
	var tc, tu time.Duration
	for b.Loop() {
		start := time.Now()
		for i := range cases {
			if _, err := Classify(testCatalog, &cases[i].req, nil); err != nil {
				b.Fatal(err)
			}
		}
		mid := time.Now()
		for _, body := range bodies {
			var v baseline
			if err := json.Unmarshal(body, &v); err != nil {
				b.Fatal(err)
			}
		}
		tc += mid.Sub(start)
		tu += time.Since(mid)
	}
	n := float64(b.N * len(cases))
	b.ReportMetric(float64(tc.Nanoseconds())/n, "classify-ns/op")
	b.ReportMetric(float64(tu.Nanoseconds())/n, "unmarshal-ns/op")
	b.ReportMetric(float64(tc)/float64(tu), "ratio")
}

// BenchmarkResponse measures building the API response from a result, which
// the service does after every classification.
func BenchmarkResponse(b *testing.B) {
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) {
			r, err := Classify(testCatalog, &c.req, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = r.Response(testCatalog)
			}
		})
	}
}

// BenchmarkHostileEscapes classifies a body at the default size limit that
// is one string of escapes: its cost must grow with the body, not with its
// square.
func BenchmarkHostileEscapes(b *testing.B) {
	req := Request{HTTPStatus: 400, Body: `{"a":"` + strings.Repeat(`\n`, DefaultLimits.MaxBodyBytes/2-8) + `"}`}
	b.SetBytes(int64(len(req.Body)))
	for b.Loop() {
		if _, err := Classify(testCatalog, &req, nil); err != nil {
			b.Fatal(err)
		}
	}
}
