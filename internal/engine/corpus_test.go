package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	errsvcv1 "github.com/errsvc/errsvc/gen/errsvc/v1"
)

// corpusCase is one real upstream response of testdata/corpus (see its
// README): copied verbatim from the public source at URL, with the answer a
// careful integrator wants.
type corpusCase struct {
	Provider  string            `yaml:"provider"`
	Operation string            `yaml:"operation"`
	URL       string            `yaml:"url"`
	Status    int               `yaml:"status"`
	Headers   map[string]string `yaml:"headers"`
	Body      string            `yaml:"body"`
	Redirect  string            `yaml:"redirect"`
	Want      string            `yaml:"want"`
	Why       string            `yaml:"why"`

	file string
	line int
}

// corpusMinScore is the share of cases errsvc must answer with the wanted
// category and action, as received and with every provider unknown. It is a
// ratchet, raised as errsvc improves, toward the 0.90 it aims at;
// corpusMaxMissedErrors likewise bounds the errors under a 2xx status still
// answered NO_ERROR (0 is the aim). A held-out set joins the corpus with
// what errsvc got wrong on it, so the bounds may loosen only when one lands
// (holdout-7 to -10 brought errors under 200 that no envelope rule
// reads: a payment gateway's declined transaction in its own XML, an
// identity session's result; holdout-12 weather-upload services that
// answer 200 with a line of text or a bare HTML page; holdout-13 an SMS
// gateway's numeric status under 200, and 401s of API-key providers that
// the contract reads as a token to refresh; holdout-14 a smart-home hub's
// own "statusCode": 300 beside "Hub is busy"; holdout-15 an account
// aggregator's pending data requests, a payment gateway's status code in
// key=value lines; holdout-16 PayEx's SOAP answers that carry their
// status as escaped XML inside a string, 401s of API-key providers again;
// holdout-18 a text-to-speech service's plain-text refusal under 200, and
// card gateways' positional and key=value answers; holdout-19 DNSPod's
// status object whose code is a quoted number, PayFast's bare INVALID as
// text, and a card decline inside an envelope that says success;
// holdout-20 errors in Spanish, Chinese and Portuguese inside 200 bodies
// whose codes are quoted numbers or vendor fields; holdout-21 payment
// gateways' and registrars' own 200 answers: WebMoney's <retval>, a bare
// {"Status": -2}, a code of 251 that reads as a 2xx, a status line of
// text; holdout-28 Mailgun's plain-text "Mailgun Magnificent API" banner
// under 200, sent for a request to the wrong path; holdout-29 card
// gateways' declines and missing tokens in their own SOAP, XML and
// name-value answers under 200 (Heartland, Worldpay, Payflow), Pay.nl's
// error inside its "request" object, Bing Maps' throttling flag in a
// header, and, with the provider unknown, a Google Maps status only its
// file defines; holdout-37 YooKassa's payment answered "canceled" for a
// general decline, and Worldpay's order with "paymentStatus": "FAILED";
// holdout-38 UPS's tracking warning "Tracking Information Not Found" and
// Tradovate's "violations" list under 200, and card gateways' own XML;
// holdout-39 Duo's "auth_status" still "waiting" under 200; holdout-42
// card gateways' own XML and name-value answers again, most of them
// ActiveMerchant's fixtures: Heartland's and Worldpay's declines, eWAY's
// refund refusals, Adyen's terminal events; holdout-43 QuickBooks's
// AttachableResponse list whose one item holds a Fault under 200, which
// reads as that item's; holdout-44 Notion's 202 async task, "queued" with
// a "poll_after_seconds" in its body rather than a Retry-After header;
// holdout-49 privacyIDEA's first /validate/check, "value": false beside
// a transaction_id under 200: a challenge was sent, not a failure;
// holdout-53 payment and banking APIs of Latin America and Asia, answered
// 55% right on arrival: Pix's and SPEI's codes, numeric codes beside
// Spanish and Portuguese messages; holdout-57 a Sparkasse's psuMessage
// that the order was not executed and BNP Paribas Fortis's pewCode beside
// an empty account list, both under 200, and an eIDAS client's heartbeat
// answering 200 with "status": "DOWN"; holdout-58 accounting, payroll and
// tax services answered 69.6% right on arrival, with the provider unknown
// too: Sage Intacct's and AFIP's own XML, HMRC's and Companies House's
// 401s of credentials the contract reads as tokens to refresh;
// holdout-59 identity and banking SDKs' fixtures, 66.7% on arrival, most
// of the banking ones card gateways' own XML from ActiveMerchant;
// holdout-64 maps, media and XML/SOAP enterprise answers, 63.7% on
// arrival: Overpass's remarks, card gateways' result codes in XML,
// Last.fm's and OMDb's own envelopes; holdout-66 payment gateways' raw
// HTTP mocks and API gateways' bodies, errors under 200 among them: a card
// needing 3-D Secure in Cardsave's XML, APISIX's failed login behind its
// "message"; holdout-67 shipping carriers' and tax services' SDK
// fixtures, 46.7% on arrival: Canada Post's and USPS's own XML, 401s of
// carrier accounts the contract reads as tokens to refresh; holdout-78
// card gateways' canned answers from ActiveMerchant, 50% on arrival:
// numeric result codes and messages in the gateways' own keys, BluePay's
// STATUS=0 that reads as no error; holdout-79 smart-home and car clients'
// fixtures, 47.8% on arrival: Toyota's login step answering 200 with a
// ForgeRock "User Not Found" callback, Enphase's and Toyota's 401s of a
// sign-in the contract reads as a token to refresh, quotas worded as
// overloads; holdout-80 mobile-money and open-banking SDKs' fixtures,
// 50-57% on arrival: Smobilpay's "Service unknown", Frollo's daily
// threshold and its one-time code asked by SMS, MTN MoMo's 500 for a
// missing configuration; holdout-82 payment orchestration and gateway
// fixtures, 44% on arrival: Spreedly's transactions that failed beside
// their redacted payment method, Nuvei's "transactionStatus": "ERROR"
// under its envelope's "status": "SUCCESS", Credorax's and vPOS's own
// keys; holdout-83 identity servers, banks, payments, KYC, accounting and
// tax services, 62.3% on arrival: Stack Auth's CLI login polled under 200
// with "status": "waiting", "expired" or "used", SEFAZ's cStat rejections
// and Twinfield's result="0" in their own XML, HMRC's functional errors;
// holdout-84 healthcare, messaging, AI, SaaS and Asia-Pacific payment
// APIs, 70% on arrival: CMS BCDA's bulk export answering 202 with only an
// X-Progress header, FHIR OperationOutcomes under no status; holdout-85
// billing, tax and commerce integrations' recorded fixtures and European
// eID services, 63.8% on arrival: Nango's batches whose every invoice
// failed under "failedInvoices", AvaTax's 401s of configured credentials
// that the contract reads as tokens to refresh; holdout-87 European
// payment gateways' SDK fixtures and issue threads, 53.3% on arrival:
// Redsys's decline inside base64 merchant parameters, Credorax's and
// CardProcess's result codes under no status; holdout-88 and -89,
// brokerages, vehicle and energy APIs, ad platforms, proxies, databases,
// regional platforms, telephony, travel, marketplaces, CAPTCHA and fraud
// services, self-hosted DAV and OCS servers, open data, media and HR
// APIs, 70.7% on arrival: OANDA's market order created and cancelled at
// once under 201, bol.com's 202 whose process status is PENDING, Milvus's
// "code": 200 beside "can't find collection", Python and YAML printouts
// left out; holdout-97 card gateways' ActiveMerchant fixtures, 65% on
// arrival; holdout-98 Apache Libcloud's fixtures: WorldWideDNS's bare
// codes "405" and "410" under 200, LXD's async operation under 200 in
// Libcloud's mock; holdout-103 What.CD's login page under 200, its wrong
// password in the page's prose; holdout-104 Pangea's 202 whose own
// "status": "Accepted" and empty result mean the work is still to poll for;
// holdout-105 LibreLinkUp's sign-in answering 200 with a privacy policy to
// accept again, Open Food Facts' "status": 0 beside "no code or invalid
// code", where 0 is its failure, not a success; holdout-106 Rain Bird's
// sign-in page answering 200 with "Account is locked" in a red span;
// holdout-110 card gateways' and Turkish banks' POS answers from payment
// plugins' fixtures, 51.9% on arrival: 3-D Secure forms whose hidden
// fields hold the error, GMO Epsilon's Shift-JIS details, static keys'
// 401s the contract reads as tokens to refresh; holdout-111 work still
// under way under a 2xx with no word of waiting: Transloadit's
// "ok": "ASSEMBLY_EXECUTING", Redis Cloud's task "received" to be queued,
// Venafi's 202 at its "Post CSR" stage, Abode's sign-in answering 200 with
// only the second factor's type; holdout-121 inTouch's "status":
// "NOTFOUND", one word with no underscore, and its cash-in "PENDING",
// both under 200; holdout-122 Zencoder's job progress, "state":
// "processing" under 200; holdout-123 an eSIM download server's ES9+
// answer under 200 whose "status": "Failed" sits three levels down in its
// header's functionExecutionStatus; holdout-125 TSheets' write answered
// 200 whose only timesheet carries "_status_code": 417 in its results;
// holdout-133 MyOwnFreeHost's cPanel-style XML, whose <status>0</status>
// beside a <statusmsg> means failed where 0 elsewhere means no error, and a
// VPS reseller's job still "queued" inside its result; holdout-134
// Emailable's non-standard 249 "taking longer than normal", and a Kickbox
// batch fetched by its id whose own status is "processing"; holdout-135
// SEFAZ's NF-e answers whose <cStat> (108, a service paused; 302, use
// denied) only the tax service's table reads, HP iLO's RIBCL answer of
// several documents with one failed STATUS, a FRITZ!Box login answered
// with an all-zero session id, ANAF's and Ginfes' answers still being
// processed, and SAT's download request refused inside an accepted call;
// holdout-138 single records that failed inside a successful answer:
// CORE's batch search whose one query says "Not found", PMC's ID
// converter record "invalid article id" under "status": "ok", Crossref's
// agency lookup "Invalid DOI", and Amazon Ads' 207 whose only ad was
// refused; holdout-139 MoMo's "status": 1014 whose message sits inside an
// object, and Garmin's sign-in answering 200 with a responseStatus of
// type MFA_REQUIRED; holdout-141 Powerfox's
// .NET HttpResponseMessage serialized under 200 with its "StatusCode": 412;
// holdout-143 Variomedia's queue job, "status": "pending" inside a JSON:API
// document of data and links under 200; holdout-144 Zamzar's conversion
// job fetched under 200, its "status" still "converting"; holdout-145
// Prophet 21's transaction answer under 200, its Summary counting one
// failed beside a message list; holdout-146 the Apple developer portal's
// 200 listing the device under "failedDevices" beside its validation
// messages, and Kinesis' PutRecords answer counting two failed records;
// holdout-147 Circle's "success": true beside "This user could not be
// removed"; holdout-149 ASUS's dynamic-DNS answers under 200, "203||..."
// and "297||", whose codes only its own table reads; holdout-151 jobs
// still running under 200 (G-Core's task in state NEW, an Azure Quantum
// job "Waiting", an eFax transmission still waiting to be sent) and
// PostalMethods' SOAP answers whose only content is a negative result
// number, -3004 or -4008, that only its own table reads; holdout-152
// Seam's unlock still "pending" inside its action attempt, and Eligible's
// X12 TA1 acknowledgment whose R says the interchange was rejected;
// holdout-153 two design platforms' jobs still running under 200, Adobe
// Photoshop's "status": "pending" and Canva's export "in_progress";
// holdout-154 SHERPA/RoMEO's answers whose <outcome> alone says
// "invalidapikey" or "notFound", Plantminer's empty record whose "note"
// says "not found", and an Einstein Vision training job still "QUEUED";
// holdout-155 a Canvas LMS progress object still "running"; holdout-156
// a Cherry Servers server still "deploying" and a Kamatera queue item
// still "pending"; holdout-157 brought no new one, and its misses
// took the as-received floor to 0.834; holdout-158 Healthie's GraphQL
// mutation whose payload is null beside "messages": [{"field": null,
// "message": "Payment not found"}], and Rock RMS's HTML error page titled
// "Rock - Error" under 200 (read as an error since, by its title); the
// session's reading rules then raised both
// floors, to 0.835 and 0.830).
// A real success answered as an error always fails.
var corpusMinScore = map[string]float64{"as received": 0.835, "provider unknown": 0.830}

const corpusMaxMissedErrors = 98

func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	files, err := filepath.Glob("testdata/corpus/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files: %v", err)
	}
	var all []corpusCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var cs []corpusCase
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&cs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i := range cs {
			cs[i].file = filepath.Base(f)
			cs[i].line = root.Content[0].Content[i].Line
			if !strings.HasPrefix(cs[i].URL, "http") || cs[i].Want == "" {
				t.Errorf("%s:%d: a case needs its url and want", cs[i].file, cs[i].line)
			}
		}
		all = append(all, cs...)
	}
	return all
}

func (c *corpusCase) request(provider string) *Request {
	return &Request{Provider: provider, Operation: c.Operation, HTTPStatus: c.Status,
		Headers: c.Headers, Body: c.Body, RedirectURI: c.Redirect}
}

// format names the shape of the case's response, for the report.
func (c *corpusCase) format() string {
	b := strings.TrimSpace(c.Body)
	switch {
	case c.Redirect != "":
		return "redirect"
	case b == "":
		return "headers/status"
	case b[0] == '{' || b[0] == '[':
		return "json"
	case isHTML(b):
		return "html"
	case b[0] == '<':
		return "xml"
	case looksLikeForm(b):
		return "form"
	}
	return "text"
}

// tally counts right answers per group.
type tally map[string]*[2]int

func (t tally) add(group string, ok bool) {
	if t[group] == nil {
		t[group] = &[2]int{}
	}
	t[group][1]++
	if ok {
		t[group][0]++
	}
}

func (t tally) report(title string) string {
	var b strings.Builder
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(&b, "%s:\n", title)
	for _, k := range keys {
		v := t[k]
		fmt.Fprintf(&b, "  %-26s %4d/%-4d %5.1f%%\n", k, v[0], v[1], 100*float64(v[0])/float64(v[1]))
	}
	return b.String()
}

func short(name string) string {
	_, after, _ := strings.Cut(name, "_")
	if strings.HasPrefix(name, "MATCH_KIND_") {
		return strings.TrimPrefix(name, "MATCH_KIND_")
	}
	return after
}

// TestCorpus scores errsvc on the real-world corpus, as received and with
// every provider id replaced by one the catalog does not know. `make corpus`
// prints the report.
func TestCorpus(t *testing.T) {
	cat := mustCatalog()
	cases := loadCorpus(t)
	var summary []string
	defer func() {
		// The scores last, where a reader of the tail of the output looks.
		t.Logf("score:\n  %s", strings.Join(summary, "\n  "))
	}()
	for _, mode := range []string{"as received", "provider unknown"} {
		byFormat, byKind, byFile := tally{}, tally{}, tally{}
		right, providers, uncataloged := 0, map[string]bool{}, 0
		var wrong, missed []string
		for _, c := range cases {
			provider := c.Provider
			if mode == "provider unknown" {
				provider = "no-such-provider"
			}
			providers[c.Provider] = true
			if _, ok := cat.Provider(c.Provider); !ok {
				uncataloged++
			}
			res, err := Classify(cat, c.request(provider), nil)
			if err != nil {
				t.Errorf("%s:%d: %v", c.file, c.line, err)
				continue
			}
			cls := res.Classification()
			got := short(cls.GetCategory().String()) + "/" + short(cls.GetAction().String())
			ok := got == c.Want
			if ok {
				right++
			} else {
				wrong = append(wrong, fmt.Sprintf("%s:%d %s: got %s (%s %s), want %s", c.file, c.line, c.Provider, got,
					short(res.Kind.String()), cls.GetCode(), c.Want))
			}
			wantOK := strings.HasPrefix(c.Want, "NO_ERROR/")
			gotOK := cls.GetCategory() == errsvcv1.Category_CATEGORY_NO_ERROR
			switch {
			case wantOK && !gotOK:
				t.Errorf("%s:%d: %s: a real success answered %s", c.file, c.line, c.Provider, got)
			case !wantOK && gotOK && c.Status >= 200 && c.Status < 300:
				missed = append(missed, fmt.Sprintf("%s:%d %s", c.file, c.line, c.Provider))
			}
			byFormat.add(c.format(), ok)
			byFile.add(c.file, ok)
			byKind.add(short(res.Kind.String()), ok)
		}
		score := float64(right) / float64(len(cases))
		summary = append(summary, fmt.Sprintf("%s: %d/%d right (%.1f%%), %d errors under 2xx answered NO_ERROR", mode, right, len(cases), 100*score, len(missed)))
		t.Logf("corpus, %s: %d/%d right (%.1f%%); %d providers, %d cases from providers without a catalog file; %d errors under 2xx answered NO_ERROR\n%s%s",
			mode, right, len(cases), 100*score, len(providers), uncataloged, len(missed), byFormat.report("per format"), byKind.report("per match kind")+byFile.report("per file"))
		if testing.Verbose() {
			t.Logf("wrong, %s:\n  %s", mode, strings.Join(wrong, "\n  "))
		}
		if len(missed) > corpusMaxMissedErrors {
			t.Errorf("corpus, %s: %d errors under a 2xx status answered NO_ERROR, more than %d:\n  %s",
				mode, len(missed), corpusMaxMissedErrors, strings.Join(missed, "\n  "))
		}
		if min := corpusMinScore[mode]; score < min {
			t.Errorf("corpus, %s: %.1f%% right, below %.0f%%", mode, 100*score, 100*min)
		}
	}
}
