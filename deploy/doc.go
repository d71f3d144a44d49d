// Package deploy holds no code of its own: it is the Go module of errsvc's
// deployment files, whose tests validate them. The module is separate from
// errsvc's so that the Kubernetes and Prometheus Operator API types the
// tests decode into never become dependencies of the service.
//
// Run the tests from this directory with `go test ./...`.
package deploy
