// Package openapi embeds the OpenAPI v2 document generated from proto/ by
// protoc-gen-openapiv2, so the server can serve it at /openapi.json.
package openapi

import _ "embed"

// JSON is the OpenAPI v2 document of the errsvc REST gateway.
//
//go:embed errsvc.swagger.json
var JSON []byte
