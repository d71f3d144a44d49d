package engine

// Envelope knowledge: which field of an error response holds the reason,
// which the message, and which only says that there is an error. It is kept
// here, in one table, rather than spread through the scanners, so that a
// reader can check it against the formats it serves:
//
//   - OAuth 2.0 (RFC 6749 §5.2): error, error_description.
//   - Google APIs: error.status (a google.rpc.Code name), error.errors[].reason,
//     error.details[] google.rpc.ErrorInfo reason and RetryInfo retryDelay.
//   - RFC 9457 problem details: type (a URI whose last segment names the
//     problem), title, detail.
//   - JSON:API: errors[].code, title, detail.
//   - GraphQL: errors[].message, errors[].extensions.code and
//     extensions.classification.
//   - Kubernetes Status: status "Failure", reason, message.
//   - AWS: JSON __type ("prefix#ThrottlingException"), code / Code, message;
//     the x-amzn-ErrorType header ("ThrottlingException:http://..."); XML
//     <Error><Code>.
//   - Azure: error.code, error.message, error.innererror.code.
//   - SOAP 1.1 faultcode / faultstring and SOAP 1.2 Code/Value / Reason/Text.
//   - Dropbox: error[.tag], error_summary.
//   - Checkout.com: error_type, error_codes[] (strings, each a code).
//   - GraphQL result unions: a __typename ending in Rejection, Error or
//     Problem (Swan) is an error named by its type; Shopify's userErrors[].
//   - Media types under "type" ("text/html" in Mollie's _links) name no
//     problem.
//   - Facebook Graph: error.code, error.error_subcode, error.type, message.
//   - Stripe: error.decline_code before error.code, error.type.
//   - nexo (Adyen's Terminal API): Response.ErrorCondition.
//   - Slack and JSend-style APIs: ok / success false, status "error" / "fail".
//   - eBay: Ack Failure, Errors[].ErrorCode, ShortMessage, LongMessage.
//   - Exchange Web Services: ResponseClass="Error", ResponseCode (NoError
//     is a success), MessageText (read in formats.go, XML only).
//   - gRPC: grpc-status, grpc-message and grpc-status-details-bin headers.

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// keyRole says what a JSON key or XML element means to the extractor.
type keyRole uint8

const (
	roleNone keyRole = iota
	roleCode
	roleDesc
	roleType
	// roleFlag holds a word that says whether the answer failed
	// ("Ack": "Failure").
	roleFlag
	// roleRetryDelay holds a delay in the protobuf JSON form ("30s").
	roleRetryDelay
	// roleState holds the state of a session or job the answer reports
	// ("state": "RUNNING"): under a 2xx, a state in capitals is a code only
	// the named provider's entries read.
	roleState
)

// Ranks of code keys: lower ranks are more specific.
const (
	rankError   int8 = 0 // error
	rankCode    int8 = 1 // errorCode, error_code, __type
	rankPlain   int8 = 2 // code, .tag
	rankReason  int8 = 3 // reason, faultcode
	rankNumeric int8 = 4 // any numeric code
	rankStatus  int8 = 5 // status: a status name, or a state
	rankType    int8 = 6 // type: RFC 9457 URI or a vendor type
	rankID      int8 = 7 // id, when it names rather than numbers
)

// keyRoles maps keys, folded by foldKey, to their role and rank.
var keyRoles = map[string]struct {
	role keyRole
	rank int8
}{
	"error":     {roleCode, rankError},
	"errorcode": {roleCode, rankCode},
	"errcode":   {roleCode, rankCode},
	"err":       {roleCode, rankCode},
	"erro":      {roleCode, rankError}, // Portuguese; Kount RIS's ERRO=201 beside MODE=E
	"errorname": {roleCode, rankCode},
	// SData (Sage's data protocol): a diagnosis's sdataCode names the
	// error in its terms ("ResourceKindNotFound"), Sage One's $dataCode in
	// the application's ("RecordNotFound").
	"sdatacode": {roleCode, rankCode},
	"datacode":  {roleCode, rankCode},
	// Mambu: errorReason names the error, errorSource says what failed.
	"errorreason": {roleCode, rankCode},
	// Xoxoday's "error_message_id": "auth.token_error", the id of the
	// message the API would show: a code.
	"errormessageid": {roleCode, rankCode},
	"errorsource":    {roleDesc, 1},
	// Bungie.net: ErrorStatus names the error ("WebAuthRequired"; "Success").
	"errorstatus": {roleCode, rankCode},
	// Mambu's returnStatus names the result ("INVALID_CENTRE_ID";
	// "SUCCESS") beside its returnCode. A return code alone stays data:
	// WeChat Pay's return_code says only that the call got through, its
	// result_code how it went.
	"returnstatus": {roleCode, rankStatus},
	// Moka: ResultCode and ResultMessage ("Success" when it went well).
	"resultcode":    {roleCode, rankCode},
	"resultmessage": {roleDesc, 1},
	// Smart-ID's session result: "endResult": "USER_REFUSED" ("OK" when it
	// succeeded).
	"endresult": {roleCode, rankCode},
	// Bybit: ret_code / retCode, ret_msg / retMsg.
	"retcode": {roleCode, rankCode},
	"ret":     {roleCode, rankCode}, // iGot's {"ret": 201, "errMsg": ...}; 0 on success
	// Salt Edge: error.class, and error_class in its older API; New Relic
	// NerdGraph's extensions.errorClass ("TOO_MANY_REQUESTS").
	"errorclass": {roleCode, rankCode},
	"class":      {roleCode, rankReason},
	// Shopify REST: "errors": "[API] This action requires ...".
	"errors":    {roleCode, rankError},
	"__type":    {roleCode, rankCode},
	"code":      {roleCode, rankPlain},
	".tag":      {roleCode, rankPlain},
	"reason":    {roleCode, rankReason},
	"faultcode": {roleCode, rankReason},
	// graphql-java's extensions.classification ("ValidationError").
	"classification": {roleCode, rankReason},
	"errorsubcode":   {roleCode, rankNumeric},
	// FreshBooks' accounting errors: {"errno": 1012, "field": ..., "message": ...};
	// Douyin's {"err_no": 40017, "err_tips": "bad secret"}, 0 when it went well.
	"errno": {roleCode, rankCode},
	// Xbox Live's XSTS: {"Identity": "0", "XErr": 2148916233, "Message": "",
	// "Redirect": ...}, the number naming why no token was issued.
	"xerr": {roleCode, rankCode},
	// TaxCloud: <ErrNumber>-2147219399</ErrNumber> and <ErrDescription>.
	"errnumber":      {roleCode, rankCode},
	"errdescription": {roleDesc, 0},
	"errtips":        {roleDesc, 1},
	// Alipay and Ant Open Platform: sub_code and sub_msg say what code and
	// msg only sum up ("40004", "Business Failed").
	"subcode": {roleCode, rankCode},
	// Stripe: a card_declined error's decline_code names the issuer's
	// reason ("call_issuer", "lost_card"), more exactly than its code.
	"declinecode": {roleCode, rankCode},
	// Adyen's refused payment: "resultCode": "Refused" beside
	// "refusalReason": "CVC Declined" (and its number, refusalReasonCode).
	// GitHub's and Strava's validation errors: {"resource": "Application",
	// "field": "redirect_uri", "code": "invalid"}: the field names what
	// the generic code is about, and the resource what the field is of
	// ({"resource": "AuthorizationCode", "field": "code", "code":
	// "invalid"}: the authorization code is invalid).
	"field":    {roleDesc, 3},
	"resource": {roleDesc, 4},
	// Chargebee: "api_error_code" is the code, "type" its class.
	"apierrorcode":      {roleCode, rankCode},
	"refusalreason":     {roleCode, rankCode},
	"refusalreasoncode": {roleCode, rankPlain},
	"submsg":            {roleDesc, 0},
	// Bitly: status_txt.
	"statustxt": {roleCode, rankReason},
	// OAuth 1.0 Problem Reporting, in JSON or key=value bodies.
	"oauthproblem":       {roleCode, rankCode},
	"oauthproblemadvice": {roleDesc, 0},
	"status":             {roleCode, rankStatus},
	// abuse.ch's APIs (MalwareBazaar, URLhaus, ThreatFox): "query_status":
	// "ok", or what went wrong ("unknown_api_key", "illegal_hash").
	"querystatus": {roleCode, rankStatus},
	"outcome":     {roleCode, rankStatus}, // SHERPA/RoMEO's <outcome>failed</outcome>
	// IMS POX (LTI 1.1 Basic Outcomes, LIS): imsx_statusInfo's codeMajor
	// says how the call went ("success", "failure", "unsupported") and
	// imsx_description why.
	"imsxcodemajor":   {roleCode, rankStatus},
	"imsxdescription": {roleDesc, 1},
	// PayPal: name, details[].issue.
	"issue": {roleCode, rankReason},
	"name":  {roleCode, rankStatus},
	"type":  {roleCode, rankType},

	"errordescription": {roleDesc, 0},
	// Paysafecard's errorCodeDescription, the text of its errorCode.
	"errorcodedescription": {roleDesc, 1},
	"faultstring":          {roleDesc, 0},
	"message":              {roleDesc, 1},
	"errormessage":         {roleDesc, 1},
	"errormsg":             {roleDesc, 1},
	"errordetail":          {roleDesc, 1}, // Foursquare's meta.errorDetail
	"errordetails":         {roleDesc, 1}, // App Center's upload "error_details", when a string
	"errtext":              {roleDesc, 1}, // Plesk
	"emsg":                 {roleDesc, 1}, // Shoonya
	"returnmessage":        {roleDesc, 1}, // La Poste's returnMessage
	// IBM API Connect and DataPower gateways: httpCode, httpMessage and
	// moreInformation, which says why.
	"moreinformation": {roleDesc, 1},
	"httpmessage":     {roleDesc, 3},
	"errorinfo":       {roleDesc, 1}, // MultiSafepay's "error_info" string
	"respmsg":         {roleDesc, 1}, // Paytm, PayPal Payflow
	// Card gateways: Merchant Warrior's responseCode and responseMessage,
	// CardConnect's respcode and resptext, Chase Paymentech's StatusMsg.
	"responsecode":    {roleCode, rankCode},
	"responsemessage": {roleDesc, 1},
	"respcode":        {roleCode, rankCode},
	"resptext":        {roleDesc, 1},
	// Emarsys: {"replyCode": 9002, "replyText": "A field with this name
	// already exists", "data": ""}; 0 and "OK" on success.
	"replycode": {roleCode, rankCode},
	"replytext": {roleDesc, 1},
	// Mercury's (Vantiv's Datacap) <CmdStatus>Error</CmdStatus> beside
	// <TextResponse>; Authorize.Net's field names, which gateways modelled
	// on it keep (SecureNet's RESPONSE_REASON_TEXT); PaySecure's ErrorString.
	"cmdstatus":          {roleFlag, 0},
	"textresponse":       {roleDesc, 1},
	"responsereasontext": {roleDesc, 1},
	"errorstring":        {roleDesc, 1},
	"statusmsg":          {roleDesc, 1},
	"responsetext":       {roleDesc, 1}, // NMI
	// Heartland's Portico gateway: GatewayRspCode and GatewayRspMsg for
	// the gateway's answer, RspCode and RspText for the issuer's.
	"gatewayrspcode":    {roleCode, rankCode},
	"gatewayrspmsg":     {roleDesc, 1},
	"rspcode":           {roleCode, rankCode},
	"rsptext":           {roleDesc, 1},
	"fullmessage":       {roleDesc, 1},
	"info":              {roleDesc, 2}, // MediaWiki's error.info
	"cause":             {roleDesc, 2}, // Hypixel
	"comment":           {roleDesc, 3}, // Codeforces' beside "status": "FAILED"
	"errmsg":            {roleDesc, 1},
	"messagel10n":       {roleDesc, 1},        // Dell PowerStore's message_l10n, the message in the caller's language
	"errdesc":           {roleDesc, 1},        // Clockwork's <ErrNo> and <ErrDesc>
	"errcd":             {roleCode, rankCode}, // CTA's "errCd" and "errNm"
	"errnm":             {roleDesc, 1},
	"msg":               {roleDesc, 1},
	"errorsummary":      {roleDesc, 1},
	"errorcodelabel":    {roleDesc, 1}, // Vonage's "error-code-label" beside "error-code"
	"longmessage":       {roleDesc, 1},
	"errorusermsg":      {roleDesc, 1},
	"shortmessage":      {roleDesc, 2},
	"detail":            {roleDesc, 2},
	"messagedetail":     {roleDesc, 2}, // SW Sapien's beside its "message"
	"text":              {roleDesc, 2},
	"description":       {roleDesc, 2},
	"details":           {roleDesc, 2},
	"errorusertitle":    {roleDesc, 3},
	"explanation":       {roleDesc, 2},
	"errortext":         {roleDesc, 1},
	"statusmessage":     {roleDesc, 1},
	"statustext":        {roleDesc, 1}, // Joker's DMAPI, beside Status-Code
	"diagnostics":       {roleDesc, 1}, // FHIR's OperationOutcome issue
	"statusdescription": {roleDesc, 1}, // ClouDNS
	"statusdetail":      {roleDesc, 1}, // Opayo's (Sage Pay's) StatusDetail
	"retmsg":            {roleDesc, 1},
	"resmsg":            {roleDesc, 1}, // Kia Connect
	"errordesc":         {roleDesc, 1}, // MOLPay's error_desc
	"desc":              {roleDesc, 2}, // Excedo's, beside its code
	"longtext":          {roleDesc, 1}, // Shift4's error.longText
	"verbiage":          {roleDesc, 1}, // Monetra's (NCR Secure Pay's) <verbiage>
	"declinereason":     {roleDesc, 1}, // DIBS's beside "status": "ERROR"
	"messagetext":       {roleDesc, 1}, // Beanstream's messageText
	// Card gateways' key=value answers: CommerceGate's returnText,
	// Merchant e-Solutions' auth_response_text, NetBilling's auth_msg.
	"returntext":       {roleDesc, 1},
	"authresponsetext": {roleDesc, 1},
	"authmsg":          {roleDesc, 1},
	// PSiGate's <Approved>DECLINED</Approved> (true/false elsewhere).
	"approved": {roleFlag, 0},
	// BPOINT's <AuthorisationResult>Declined</AuthorisationResult>.
	"authorisationresult": {roleFlag, 0},
	"authorizationresult": {roleFlag, 0},
	// DHL Express XML: <ActionStatus>Failure</ActionStatus> beside a
	// <Condition> of <ConditionCode> and <ConditionData>.
	"actionstatus":  {roleFlag, 0},
	"conditioncode": {roleCode, rankCode},
	"conditiondata": {roleDesc, 1},
	// A failed object's own reason (TrueLayer's "status": "failed" beside
	// "failure_reason": "provider_rejected"; Stripe's failure_code and
	// failure_message on a charge): a code of the object, which stays a
	// resource's state when the object has an id.
	"failurereason":  {roleCode, rankCode},
	"rejectreason":   {roleCode, rankCode}, // PokitDok's X12 eligibility rejection
	"failurecode":    {roleCode, rankCode},
	"failuremessage": {roleDesc, 1},
	// First Data's Global Gateway e4: exact_resp_code and exact_message
	// for the gateway's answer ("00", "Transaction Normal" when it took it).
	"exactrespcode": {roleCode, rankCode},
	"exactmessage":  {roleDesc, 1},
	// FSS's payment gateway XML (HDFC, Checkout.com's legacy API):
	// <error_code_tag>GW00160</error_code_tag> beside <error_text> or
	// <result>!ERROR!-GW00160-Invalid Brand.</result>.
	"errorcodetag": {roleCode, rankCode},
	// WebMoney's XML interfaces: <retval>7</retval> beside <retdesc>, 0
	// when all went well.
	"retval":  {roleCode, rankCode},
	"retdesc": {roleDesc, 1},
	// Safaricom's M-Pesa (Daraja): ResultCode beside ResultDesc in the
	// results it posts back, ResponseCode beside ResponseDescription.
	"resultdesc":          {roleDesc, 1},
	"statusdesc":          {roleDesc, 1}, // Fiserv's Status envelope
	"resultdescription":   {roleDesc, 1},
	"responsedesc":        {roleDesc, 1},
	"responsedescription": {roleDesc, 1},
	// Swedish BankID's collect: "status": "failed" beside "hintCode":
	// "userCancel".
	"hintcode": {roleCode, rankCode},
	// nexo's (Adyen Terminal API's) Response: "Result": "Failure" beside
	// "ErrorCondition": "UnreachableHost".
	"errorcondition": {roleCode, rankCode},
	"shorttext":      {roleDesc, 2},
	"dsc":            {roleDesc, 2}, // Bancard's messages[].dsc
	// Java-style exception details (KSeF's exceptionDetailList[]).
	"exceptioncode":        {roleCode, rankCode},
	"exceptiondescription": {roleDesc, 1},
	"exceptionmessage":     {roleDesc, 1},
	// BigBlueButton: <messageKey>meetingNotFound</messageKey>.
	"messagekey": {roleCode, rankCode},
	// SolaX Cloud: "exception": "There have been several violations ...";
	// a sentence under it is the error's message, a name its code.
	"exception": {roleCode, rankError},
	"title":     {roleDesc, 3},
	// Developer and user messages side by side (the We the People API,
	// Cielo): the developer's says more.
	"developermessage": {roleDesc, 1},
	"usermessage":      {roleDesc, 2},
	"devmsg":           {roleDesc, 1}, // Smobilpay's, beside its usrMsg
	"usrmsg":           {roleDesc, 2},
	"consumermessage":  {roleDesc, 2}, // Rabobank OmniKassa's beside "errorCode"
	// Spanish and Portuguese envelopes (Cecabank's <codigo> and
	// <descripcion>, Efí's "mensagem").
	"mensaje":     {roleDesc, 1},
	"mensagem":    {roleDesc, 1},
	"descripcion": {roleDesc, 2},
	"descricao":   {roleDesc, 2},
	"codigo":      {roleCode, rankPlain},
	"codice":      {roleCode, rankPlain}, // Italian: SdI's <Errore><Codice>, <Descrizione>
	"descrizione": {roleDesc, 2},
	"estado":      {roleCode, rankStatus}, // TicketBAI's <Estado>00</Estado>, 01 when rejected
	// Their error pairs, noun before "error" (STP's "descripcionError",
	// SOAP services' CodigoError and MensajeError, Portuguese codigoErro).
	"codigoerror":      {roleCode, rankCode},
	"coderror":         {roleCode, rankCode},
	"coderr":           {roleCode, rankCode},
	"codigoerro":       {roleCode, rankCode},
	"mensajeerror":     {roleDesc, 1},
	"descripcionerror": {roleDesc, 1},
	"descriperror":     {roleDesc, 1},
	"mensagemerro":     {roleDesc, 1},
	"descricaoerro":    {roleDesc, 1},
	// The message a service returns (Correos Express's
	// <mensajeRetorno>NO SE ENCUENTRA LA RECOGIDA</mensajeRetorno>).
	"mensajeretorno":  {roleDesc, 1},
	"mensagemretorno": {roleDesc, 1},
	// Korean brokers' Open APIs (Korea Investment's "rt_cd": "0" beside
	// its "msg_cd" and "msg1").
	"rtcd": {roleCode, rankPlain},
	"msg1": {roleDesc, 1},
	// Croatian, Serbian and Bosnian (the fiscalization services'
	// <Greska><SifraGreske>, <PorukaGreske>; the e-invoice reports'
	// <greska><sifra>, <opis>).
	"sifragreske":  {roleCode, rankCode},
	"porukagreske": {roleDesc, 1},
	"sifra":        {roleCode, rankPlain},
	"poruka":       {roleDesc, 1},
	"opis":         {roleDesc, 3},

	"errortype": {roleType, 0},
	"category":  {roleType, 1},

	"ack": {roleFlag, 0},
	// LexisNexis TrueID: "TransactionStatus": "error" beside a
	// TransactionReasonCode; eWAY's boolean TransactionStatus reads as a
	// success flag.
	"transactionstatus": {roleFlag, 0},
	// Flickr: "stat": "ok" / "fail".
	"stat": {roleFlag, 0},
	// Coinone and others: "result": "error" / "success" (an object or list
	// under "result" is data, not a flag).
	"result": {roleFlag, 0},
	// Mobile-ID and Smart-ID session status: "state": "RUNNING".
	"state": {roleState, 0},
	// Authlete: "action": "OK" / "INTERNAL_SERVER_ERROR" (other values,
	// such as "create", are neither).
	"action": {roleFlag, 0},
	// Banwire and others: "response": "ko" / "ok".
	"response": {roleFlag, 0},
	// TaxCloud: <ResponseType>Error</ResponseType> ("OK" when it went well).
	"responsetype": {roleFlag, 0},
	// Mistral, Notion, Stripe-style: "object": "error".
	"object":     {roleFlag, 0},
	"retrydelay": {roleRetryDelay, 0},
}

// classifyKey returns the role of an object key and its rank within that role
// (lower ranks win). Keys are compared as foldKey writes them, and looked
// up in roleTable, an open-addressed copy of keyRoles that costs less than
// a map on this path, which every key of every body takes.
func classifyKey(k string) (keyRole, int8) {
	if k == "" || len(k) > 24 {
		return roleNone, 0
	}
	var buf [24]byte
	f := foldKey(&buf, k)
	if mayBeRoleKey(f) {
		// A table of first letters and lengths turns away most keys of
		// data ("id", "amount") before any probing. The folded key is
		// then read as three words, zero past its end since buf started
		// zeroed, which compare it with a slot's without a call.
		w := keyWords(&buf)
		for j := roleSlotOf(f); ; j = (j + 1) & roleMask {
			s := &roleTable[j]
			if s.n == 0 {
				break
			}
			if s.w[0] == w[0] && s.w[1] == w[1] && s.w[2] == w[2] && int(s.n) == len(f) {
				return s.role, s.rank
			}
		}
	}
	if k[0] == '_' && k != "__type" {
		// Django-style private keys (Taiga's "_error_message",
		// "_error_type") mean what they say without the underscore.
		return classifyKey(strings.TrimLeft(k, "_"))
	}
	if i := prefixEnd(k); i > 0 {
		// A vendor's prefix before a key that plainly names an error's
		// code or message (VNPay's vnp_ResponseCode and vnp_Message); not
		// before "code" or "text" alone, which data keys end in too
		// ("zip_code", "sms_text"). "error" and "status" follow only a
		// hyphened prefix (Octenium's api-status and api-error) or a
		// single letter (Humm's x_status and x_code, the x_ fields of
		// hosted payment protocols): after a word and an underscore they
		// are a record's own ("kyc_status", "sms_error").
		var buf [24]byte
		switch string(foldKey(&buf, k[i+1:])) {
		case "responsecode", "errorcode", "resultcode", "returncode", "errormessage", "errormsg",
			"responsemessage", "resultmessage", "message", "msg":
			return classifyKey(k[i+1:])
		case "error", "status":
			if k[i] == '-' || i == 1 {
				return classifyKey(k[i+1:])
			}
		case "code":
			if i == 1 {
				return classifyKey(k[i+1:])
			}
		}
	}
	if len(k) > 4 && k[0] >= 'a' && k[0] <= 'z' && k[1] >= 'A' && k[1] <= 'Z' {
		// One lowercase letter before a capitalised name that plainly
		// names an error or its status (Cardknox's xError, xStatus and
		// xErrorCode).
		var buf [24]byte
		switch string(foldKey(&buf, k[1:])) {
		case "error", "status", "errorcode", "errormessage", "errormsg", "responsecode", "resultcode":
			return classifyKey(k[1:])
		}
	}
	if c := k[len(k)-1]; c >= '1' && c <= '9' && len(k) > 2 {
		// A numbered message key (Sage Intacct's <description2>, beside
		// an empty <description>) is a message, ranked after the plain
		// one; numbered codes are data ("address2", "code2").
		if r, rank := classifyKey(k[:len(k)-1]); r == roleDesc {
			return roleDesc, rank + 1
		}
	}
	if len(f) <= len("responsecode") || f[len(f)-1] != 'e' && f[len(f)-1] != 't' {
		return roleNone, 0
	}
	for _, suffix := range [...]string{"responsecode", "responsemessage", "responsetext"} {
		// A product's name before a gateway's response code or message
		// (Element Express's ExpressResponseCode and
		// ExpressResponseMessage); not a verification's own result
		// (AVSResponseCode, CVVResponseCode).
		if n := len(f) - len(suffix); n > 0 && string(f[n:]) == suffix && !verificationKey(f[:n]) {
			return classifyKey(suffix)
		}
	}
	return roleNone, 0
}

// verificationKey reports a key prefix that names a card check (AVS, CVV,
// CVC, CAVV, ECI) whose result codes are no error's.
func verificationKey(p []byte) bool {
	for _, w := range [...]string{"avs", "cvv", "cvc", "cv2", "cvd", "cavv", "eci"} {
		if bytes.Contains(p, []byte(w)) {
			return true
		}
	}
	return false
}

// prefixEnd returns where a vendor's prefix of 1 to 4 lowercase letters
// ends in k ("vnp_", "api-"), or 0 when k has none.
func prefixEnd(k string) int {
	for i := 0; i < len(k) && i <= 4; i++ {
		switch c := k[i]; {
		case c == '_' || c == '-':
			if i >= 1 {
				return i
			}
			return 0
		case c < 'a' || c > 'z':
			return 0
		}
	}
	return 0
}

// vendorMessageKey reads an XML vendor's own name for an error message: an
// element that names an error and ends by naming text (WorldNet's
// ERRORSTRING) or an exception (OGC's ExceptionText), or names a status or
// result and ends so (QuickPay's
// qpstatmsg), or describes a code (WeChat Pay's err_code_des). k is folded
// as foldKey folds.
func vendorMessageKey(k []byte) (keyRole, int8) {
	if len(k) < 7 {
		return roleNone, 0
	}
	switch k[len(k)-1] {
	case 'g', 'e', 't', 'o', 's': // msg, message(s), text, info, codedes
	default:
		return roleNone, 0
	}
	if !hasAnySuffix(k, "msg", "message", "messages", "text", "string", "info", "codedes") {
		return roleNone, 0
	}
	switch {
	case bytes.Contains(k, []byte("err")) || bytes.HasPrefix(k, []byte("exception")):
		// OGC web services' <ows:ExceptionText> too.
		return roleDesc, 1
	case bytes.Contains(k, []byte("stat")) || bytes.Contains(k, []byte("result")) || bytes.Contains(k, []byte("resp")) || bytes.Contains(k, []byte("return")):
		return roleDesc, 2
	}
	return roleNone, 0
}

func hasAnySuffix(k []byte, suffixes ...string) bool {
	for _, s := range suffixes {
		if len(k) > len(s) && string(k[len(k)-len(s):]) == s {
			return true
		}
	}
	return false
}

// roleTable holds keyRoles by the hash classifyKey computes. A fixed array
// with a constant mask costs less per lookup than a slice; it keeps at least
// three slots per key (TestRoleTableHasRoom), so probes are short.
const roleMask = 1023

// roleSlot is a key of keyRoles as classifyKey compares it: its bytes as
// keyWords reads them and its length, which is 0 in an empty slot. The
// length tells a key from the same key with zero bytes after it, which
// reads as the same words.
type roleSlot struct {
	w    [3]uint64
	n    uint8
	role keyRole
	rank int8
}

var roleTable = func() (t [roleMask + 1]roleSlot) {
	if 3*len(keyRoles) > len(t) {
		panic("engine: keyRoles outgrew roleTable; raise roleMask to the next power of two less one")
	}
	for k, r := range keyRoles {
		if k == "" || len(k) > 24 {
			continue // longer than any key classifyKey looks up
		}
		var buf [24]byte
		copy(buf[:], k)
		w := keyWords(&buf)
		j := roleSlotOf(buf[:len(k)])
		for t[j].n != 0 {
			j = (j + 1) & roleMask
		}
		t[j] = roleSlot{w: w, n: uint8(len(k)), role: r.role, rank: r.rank}
	}
	return t
}()

// keyWords reads a folded key, zero past its end, as three little-endian
// words, each a single load.
func keyWords(buf *[24]byte) [3]uint64 {
	return [3]uint64{
		binary.LittleEndian.Uint64(buf[0:8]),
		binary.LittleEndian.Uint64(buf[8:16]),
		binary.LittleEndian.Uint64(buf[16:24]),
	}
}

// roleSlotOf hashes a folded key, at least one byte long, to its first
// slot in roleTable: its length and its first, middle and last bytes,
// each multiplied by its own odd constant, and the top bits of the sum
// taken (the sum scaled to the table's size). Those few bytes spread
// keyRoles' keys about as well as all of them would, and reading them does
// not wait for the whole key as a hash over every byte, or over the words
// keyWords reads, does.
func roleSlotOf(f []byte) int {
	n := len(f)
	h := uint32(n)*0x9e3779b1 + uint32(f[0])*0x85ebca77 + uint32(f[n/2])*0xc2b2ae3d + uint32(f[n-1])*0x27d4eb2f
	return int(uint64(h) * (roleMask + 1) >> 32)
}

// roleKeyShapes has a bit for each length (up to 31) of the keys of
// keyRoles that start with a byte.
var roleKeyShapes = func() (t [256]uint32) {
	for k := range keyRoles {
		if k != "" && len(k) < 32 {
			t[k[0]] |= 1 << len(k)
		}
	}
	return t
}()

// mayBeRoleKey reports whether a folded key has the first byte and length
// of some key of keyRoles.
func mayBeRoleKey(k []byte) bool {
	return len(k) > 0 && len(k) < 32 && roleKeyShapes[k[0]]&(1<<len(k)) != 0
}

// isFolded reports whether foldKey would return k unchanged: lowercase
// letters and digits only.
func isFolded(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return len(k) <= 24
}

// foldByte is a byte of a key as foldKey writes it: a capital in lower
// case, any other byte as it is. One load per byte spares the loop a branch
// at each change of case ("errorCode", "ErrorCode"), which the processor
// cannot foresee.
var foldByte = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = byte(c) + 'a' - 'A'
	}
	return t
}()

// foldKey writes k into buf in lowercase without its inner '-', '_' and
// spaces ("Error-Text", "error_text", "errorText" and Alpha Vantage's
// "Error Message" style are all "errortext"; AWS's
// "__type" keeps its leading underscores); a key too long for buf comes back
// empty, which names nothing here. It writes nothing past the folded key.
func foldKey(buf *[24]byte, k string) []byte {
	if len(k) > len(buf) {
		return nil
	}
	out := buf[:len(k)]
	// Most keys are in lower case, or start so ("errorCode"): their
	// letters are copied by a loop with one test a byte, and the loop
	// below, which folds and drops separators, takes the rest.
	i := 0
	for ; i < len(out); i++ {
		c := k[i]
		if c-'a' > 'z'-'a' {
			break
		}
		out[i] = c
	}
	n := i
	// n never passes i: testing it too spares the writes their bounds
	// checks.
	for ; i < len(k) && n < len(out); i++ {
		c := foldByte[k[i]]
		// Every letter sorts above '_', the greatest of the separators:
		// one comparison clears it.
		if c <= '_' && (c == '-' || c == '_' || c == ' ') && n > 0 && out[n-1] != '_' {
			continue
		}
		out[n] = c
		n++
	}
	return out[:n]
}

// isEchoKey reports a key whose object echoes the request: the query, its
// parameters or input.
func isEchoKey(k string) bool {
	switch k {
	case "query", "request", "params", "parameters", "input", "args", "arguments":
		return true
	}
	return false
}

// isStatusKey reports the keys under which error bodies repeat their HTTP
// status: "status" (RFC 9457, JSON:API), "statusCode", "status_code",
// "http_code", "code" (Google, Reddit's "error": 401, Telegram's
// "error_code": 401).
func isStatusKey(k string) bool {
	var buf [24]byte
	f := foldKey(&buf, k)
	switch string(f) {
	case "status", "statuscode", "httpstatus", "httpstatuscode", "httpcode", "code", "errorcode", "error", "returncode",
		"estado", // Spanish: AEMET's "estado": 200 beside "descripcion": "exito"
		"cod":    // OpenWeatherMap's "cod": "404" beside "message": "city not found"
		return true
	}
	// A vendor's own name for it: Asendia's "responseStatusCode",
	// geoPlugin's "geoplugin_status".
	return bytes.HasSuffix(f, []byte("statuscode")) || strings.HasSuffix(k, "_status")
}

// isSuccessCodeKey reports a key whose 2xx says the call succeeded: a
// status key, or Expensify's "responseCode" (200 on success), whose 4xx
// and 5xx are its own codes beside a message that says more.
func isSuccessCodeKey(k string) bool {
	return isStatusKey(k) || len(k) == len("responsecode") && strings.EqualFold(k, "responsecode")
}

// isErrorContainer reports whether an object held by this key is an error
// whatever its fields: the value of "error", an element of "errors", a
// "fault".
func isErrorContainer(parent string) bool {
	if parent == "" {
		return false
	}
	switch parent[len(parent)-1] | 0x20 {
	case 'r', 'e':
		// The last letters of the names below, and of "error" and
		// "failure", which end the names of any vendor's.
	case 'a':
		// Croatian "greska" alone.
		if parent[0]|0x20 != 'g' {
			return false
		}
	case 's', 't', 'n', 'o', 'i':
		// The other last letters of the names below, every one of which
		// starts with e, f, u or v: a key ending so that starts otherwise
		// ("details", "tppMessages") needs no folding to be turned away.
		switch parent[0] | 0x20 {
		case 'e', 'f', 'u', 'v':
		default:
			return false
		}
	default:
		return false
	}
	k := parent
	if !isFolded(k) {
		var buf [24]byte
		k = string(foldKey(&buf, parent))
	}
	switch k {
	case "error", "errors", "err", "fault", "faults", "exception", "errorinfo", "errorinformation", "errormessages", "errorcodes", "usererrors", "errordetails",
		"errorlist",                         // Tencent CMQ's partial failures
		"errorfullmessages", "fullmessages", // Rails' errors.full_messages (Jurnal's "error_full_messages")
		"validationerrors",                             // Bitwarden's (ASP.NET model state) {"": ["Email '' is already taken."]}
		"violations",                                   // Bean Validation's constraint violations (Zalando's problems, Tradovate's under 200)
		"exceptions",                                   // COUNTER_SUSHI's Report_Header "Exceptions" (their severity says which are errors)
		"errore", "errori", "erro", "erros", "errores", // Italian (SdI's <ListaErrori><Errore>), Portuguese, Spanish
		"greska", "greske": // Croatian, Serbian, Bosnian
		return true
	}
	// CAS's "authenticationFailure", Infobip's "requestError": a key that
	// ends by naming an error holds one.
	return len(k) > 7 && (strings.HasSuffix(k, "error") || strings.HasSuffix(k, "failure"))
}

// isFailureFlag reports whether key: true/false says the answer failed:
// "ok": false, "success": false, "error": true.
func isFailureFlag(key string, value bool) bool {
	var buf [24]byte
	switch string(foldKey(&buf, key)) {
	case "ok", "isok", "success", "succeeded", "successful", "issuccess", "approved", "transactionapproved", "exito", "exitoso", "sucesso":
		return !value
	case "status":
		return !value // {"status": false, "message": "Invalid key"}
	case "error", "errors", "failed", "failure", "haserror", "iserror",
		"erro", // ViaCEP's {"erro": true}, Portuguese
		"err":  // Boxberry's {"err": true, "message": ...}
		return value
	}
	return false
}

// isErrorFlag reports whether key names a flag that says whether the
// object holds an error, true or false, 1 or 0 ("is_error": 0); "error": 1
// and "errors": 1 are a code and a count.
func isErrorFlag(key string) bool {
	if len(key) < len("iserror") || len(key) > len("has_error") {
		return false
	}
	var buf [24]byte
	switch string(foldKey(&buf, key)) {
	case "iserror", "haserror":
		return true
	}
	return false
}

// isErrorCount reports whether a top-level number counts the answer's
// errors ("errors": 1, "error_count": 2).
func isErrorCount(key string) bool {
	if len(key) < len("errors") || key[0]|0x20 != 'e' && key[0]|0x20 != 'f' {
		return false // shorter than the keys below, or another first letter
	}
	var buf [24]byte
	switch string(foldKey(&buf, key)) {
	case "errors", "errorcount", "errorscount", "failed", "failures":
		return true
	}
	return false
}

// isTallyKey reports whether a top-level number counts what went well or
// all there was, beside which a count of errors is a report's data.
func isTallyKey(key string) bool {
	if len(key) < len("succeeded") || key[0]|0x20 != 's' && key[0]|0x20 != 't' && key[0]|0x20 != 'p' {
		return false // shorter than the keys below, or another first letter
	}
	var buf [24]byte
	switch string(foldKey(&buf, key)) {
	case "successcount", "succeededcount", "passedcount", "totalcount", "successes", "succeeded":
		return true
	}
	return false
}

// isSuccessFlag reports whether key: true/false says the answer succeeded.
func isSuccessFlag(key string, value bool) bool {
	var buf [24]byte
	switch string(foldKey(&buf, key)) {
	case "ok", "isok", "success", "succeeded", "successful", "isvalid", "approved", "exito", "exitoso", "sucesso":
		return value
	case "transactionstatus":
		// eWAY Rapid's "TransactionStatus": true says the payment went
		// through; false may only say none was taken (a card saved).
		return value
	}
	return false
}

// isFailureWord reports whether a status or acknowledgement value says the
// answer failed. "failed" is left out on purpose: a payment or job object
// returned by a successful call says its own state that way.
func isFailureWord(v string) bool {
	if len(v) > 24 {
		return false // longer than any failure word, even with space around it
	}
	v = trimSpace(v)
	if len(v) < 2 {
		return false
	}
	switch v[0] | 0x20 { // the first letters of the words below, lower case
	case 'e', 'f', 'p', 'n', 'k':
		return oneOfFold(v, "error", "fail", "failure", "partialfailure", "not_ok", "notok", "nok", "ko", "fehler", "erreur")
	}
	return false
}

// isFlagFailure reports whether a flag's word says the answer failed:
// "Ack": "Failure", "approved": "DECLINED", Cybersource's
// <decision>REJECT</decision>, Micropayment's transactionStatus=FAILED.
func isFlagFailure(v string) bool {
	if i := strings.IndexByte(v, ':'); i > 0 {
		// The word before the reason (Merchant Partners' "DECLINED:1102140001:
		// Invalid account number:", iATS's " REJECT: 15").
		v = strings.TrimSpace(v[:i])
	}
	return isFailureWord(v) || oneOfFold(v, "declined", "reject", "rejected", "failed")
}

// isFlagSuccess reports whether a flag's word says the answer succeeded:
// the success words, Cybersource's <decision>ACCEPT</decision>, SecurePay's
// <approved>Yes</approved>, and PayPal's and eBay's "Ack":
// "SuccessWithWarning" (the call went through; its errors are warnings).
func isFlagSuccess(v string) bool {
	return isSuccessWord(v) || oneOfFold(v, "accept", "SuccessWithWarning", "yes", "true")
}

// oneOfFold reports whether s is one of words, ignoring case, without
// allocating.
func oneOfFold(s string, words ...string) bool {
	for _, w := range words {
		// The words are ASCII, so a match has their length: comparing
		// lengths first skips most of them at no cost.
		if len(s) == len(w) && strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// trimSpace is strings.TrimSpace for codes and flags, which seldom have
// space around them: their first and last bytes tell so without a call. A
// byte outside ASCII may be part of one of Unicode's spaces, so a word that
// starts or ends with one takes the call.
func trimSpace(v string) string {
	if v != "" && v[0] > ' ' && v[0] < utf8.RuneSelf && v[len(v)-1] > ' ' && v[len(v)-1] < utf8.RuneSelf {
		return v
	}
	return strings.TrimSpace(v)
}

// isSuccessWord reports whether a description only says all went well.
func isSuccessWord(v string) bool {
	if len(v) > 16 {
		// Longer than any success word, even with space around it, but a
		// task's "processing-completed" (Redis Cloud), and a status code
		// that ends by saying the call went through (ABDM's
		// "CONSENT_FETCH_ACCEPTED"). Every suffix below ends in d or s,
		// which turns away most messages (a full stop) and codes at once.
		c := v[len(v)-1] | 0x20
		if c != 'd' && c != 's' {
			return false
		}
		if len(v) <= 24 && saysCompleted(v) {
			return true
		}
		if len(v) > 48 {
			return false
		}
		return hasSuffixFold(v, "_accepted") || hasSuffixFold(v, "_success") || hasSuffixFold(v, ".success") || hasSuffixFold(v, "_succeeded") || saysNoErrors(v)
	}
	v = trimSpace(v)
	if v == "" {
		return false
	}
	switch v[0] | 0x20 { // the first letters of the words below, lower case
	case 'o', 's', 'd', 'n', 'a', 'p', '0':
		if oneOfFold(v, "ok", "success", "successful", "succeeded", "done", "no error", "noerror", "no_error", "none", "0", "pass", "passed", "accepted", "approved", "partial_success", "authorised", "authorized") {
			return true
		}
	case 0xe6: // the first byte of 成功, Chinese "success" (NIU's "desc": "成功")
		return v == "成功"
	}
	// A job's "RunSuccess", a step's "JobSucceeded", a task's "Completed";
	// the last byte says which of them v may be.
	c := v[len(v)-1]
	if c == '0' {
		return isZeroCode(v)
	}
	switch c | 0x20 {
	case 's':
		return len(v) > 7 && hasSuffixFold(v, "success") || saysNoErrors(v)
	case 'd':
		return len(v) > 7 && hasSuffixFold(v, "succeeded") || saysCompleted(v)
	case 'k':
		// DataCash's <reason>FULFILLED OK</reason>, "ACCEPTED OK": a word
		// the call did, then OK; never "NOT OK".
		return len(v) > 5 && hasSuffixFold(v, " ok") && !hasSuffixFold(v, "not ok") && strings.IndexByte(v[:len(v)-3], ' ') < 0
	}
	return false
}

// saysNoErrors reports a sentence that says there are no errors ("No
// errors", Proxmox's ZFS pool "errors": "No known data errors").
func saysNoErrors(v string) bool {
	return len(v) > 8 && hasPrefixFold(v, "no ") && hasSuffixFold(v, " errors")
}

// saysCompleted reports a state that ends by saying it completed, and not
// that it did not.
func saysCompleted(v string) bool {
	if !hasSuffixFold(v, "completed") {
		return false
	}
	v = strings.TrimRight(v[:len(v)-len("completed")], " _-")
	return !endsWithWord(v, "un") && !endsWithWord(v, "not")
}

// endsWithWord reports whether v ends with w as a whole word or prefix of
// the next ("un" of "uncompleted", not of "RunCompleted").
func endsWithWord(v, w string) bool {
	if !hasSuffixFold(v, w) {
		return false
	}
	if len(v) == len(w) {
		return true
	}
	c := v[len(v)-len(w)-1]
	return !('a' <= c|0x20 && c|0x20 <= 'z') || w[0] >= 'a' && 'A' <= v[len(v)-len(w)] && v[len(v)-len(w)] <= 'Z'
}

// isZeroCode reports a code of zeros after an optional letter prefix, the
// "no error" of APIs that always send a code ("0000", Kushki's "K000").
func isZeroCode(v string) bool {
	i := 0
	for i < len(v) && ('A' <= v[i] && v[i] <= 'Z' || 'a' <= v[i] && v[i] <= 'z') {
		i++
	}
	if i > 3 || len(v)-i < 2 {
		return false
	}
	zeros := 0
	for ; i < len(v); i++ {
		switch {
		case v[i] == '0':
			zeros++
		case (v[i] == '-' || v[i] == '_') && zeros > 0:
			// Rakuten's "N00-000"
		default:
			return false
		}
	}
	return zeros >= 2
}

// awsErrorType returns the error name of an AWS __type or x-amzn-ErrorType
// value: "com.amazonaws.dynamodb.v20120810#ThrottlingException" and
// "ThrottlingException:http://internal.amazon.com/..." both give
// "ThrottlingException".
func awsErrorType(v string) string {
	if i := strings.IndexByte(v, ':'); i > 0 {
		v = v[:i]
	}
	if i := strings.LastIndexByte(v, '#'); i >= 0 {
		v = v[i+1:]
	}
	return strings.TrimSpace(v)
}

// parseProtoDuration reads a google.protobuf.Duration in its JSON form,
// "30s" or "0.5s".
func parseProtoDuration(v string) (time.Duration, bool) {
	num, ok := strings.CutSuffix(strings.TrimSpace(v), "s")
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f < 0 {
		return 0, false
	}
	return clampDelay(time.Duration(f * float64(time.Second))), true
}

// grpcCodeNames are the google.rpc.Code names by number, as grpc-status
// sends them.
var grpcCodeNames = [...]string{
	"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
	"ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
	"ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
	"UNAUTHENTICATED",
}

// isRejectionType reports whether a GraphQL __typename names an error
// member of a result union: Swan's "ConsentNotFoundRejection", or a type
// ending in "Error" ("InvalidInputError").
func isRejectionType(v string) bool {
	for _, suffix := range [...]string{"Rejection", "Error", "Problem"} {
		if n := len(v) - len(suffix); n > 0 && v[n:] == suffix && 'a' <= v[n-1] && v[n-1] <= 'z' {
			return true
		}
	}
	return false
}

// isMediaType reports whether a "type" value is a media type
// ("text/html" in Mollie's _links), not a problem type.
func isMediaType(v string) bool {
	top, sub, ok := strings.Cut(v, "/")
	if !ok || sub == "" {
		return false
	}
	switch top {
	case "text", "application", "image", "audio", "video", "multipart", "message", "font", "model":
		return !strings.ContainsAny(sub, "/: ")
	}
	return false
}

// isSentence reports whether a value under a code key is prose: three
// spaces or more.
func isSentence(v string) bool {
	return hasWords(v, 4)
}

// hasWords reports whether v holds at least n words separated by spaces.
func hasWords(v string, n int) bool {
	if len(v) > 0 && (v[0] <= ' ' || v[len(v)-1] <= ' ') {
		v = strings.TrimSpace(v)
	}
	for k := 2; ; k++ {
		i := strings.IndexByte(v, ' ')
		if i < 0 {
			return false
		}
		if k == n {
			return true
		}
		v = v[i+1:]
	}
}

// isWordID reports whether an "id" value isNamedID accepts is made of words
// ("Unauthorized", "not_found", "AccessTokenInvalid"), each of two letters
// or more with a vowel, rather than an opaque key that merely has no digits
// ("pmt_rPrDPEwyCVUcm").
func isWordID(v string) bool {
	// In capitals ("UNAUTHORIZED", "NOT_FOUND") only '_' and '.' part words.
	caps := true
	for i := 0; i < len(v); i++ {
		if 'a' <= v[i] && v[i] <= 'z' {
			caps = false
			break
		}
	}
	n, vowel := 0, false
	for i := 0; i <= len(v); i++ {
		var c byte
		if i < len(v) {
			c = v[i]
		}
		if i == len(v) || c == '_' || c == '.' || !caps && 'A' <= c && c <= 'Z' {
			if i > 0 && (n < 2 || !vowel) {
				return false
			}
			n, vowel = 0, false
		}
		if i < len(v) && c != '_' && c != '.' {
			n++
			switch c | 0x20 {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				vowel = true
			}
		}
	}
	return true
}

// isNamedID reports whether an "id" value is a name ("two_factor",
// "AccessTokenInvalid", DigitalOcean's "unauthorized") rather than a
// number, UUID or opaque key: letters and underscores only, with an
// underscore or a case change, or one word of seven letters or more.
func isNamedID(v string) bool {
	if len(v) < 4 || len(v) > 64 {
		return false
	}
	sep := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '_' || c == '.':
			sep = true
		case 'A' <= c && c <= 'Z':
			if i > 0 {
				sep = true
			}
		case 'a' <= c && c <= 'z':
		default:
			return false
		}
	}
	return sep || len(v) >= 7
}
