# Tool versions are pinned here; `make tools` installs them into ./bin from the
# Go module proxy. Each builds with Go 1.26.
BUF_VERSION                := v1.73.0
PROTOC_GEN_GO_VERSION      := v1.36.12
PROTOC_GEN_GO_GRPC_VERSION := v1.6.2
GRPC_GATEWAY_VERSION       := v2.32.0

BIN    := $(CURDIR)/bin
GO     ?= go
export PATH := $(BIN):$(PATH)

.PHONY: run test build generate generate-check lint bench tools fuzz corpus soak

## run: build errsvc and run it on the embedded catalog (gRPC :8081, HTTP
## :8080, operations :8082). exec makes errsvc make's own child, so Ctrl-C
## and an IDE's stop button reach it and it drains and exits 0.
run: build
	exec $(BIN)/errsvc serve

## test: run every test, with the race detector on the concurrent packages
test:
	$(GO) test -shuffle=on ./...
	$(GO) test -race -count=1 ./service/...

## build: build the errsvc binary into ./bin
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)

build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-X main.buildVersion=$(VERSION)" -o $(BIN)/errsvc ./cmd/errsvc

$(BIN)/buf:
	GOBIN=$(BIN) $(GO) install github.com/bufbuild/buf/cmd/buf@$(BUF_VERSION)
$(BIN)/protoc-gen-go:
	GOBIN=$(BIN) $(GO) install google.golang.org/protobuf/cmd/protoc-gen-go@$(PROTOC_GEN_GO_VERSION)
$(BIN)/protoc-gen-go-grpc:
	GOBIN=$(BIN) $(GO) install google.golang.org/grpc/cmd/protoc-gen-go-grpc@$(PROTOC_GEN_GO_GRPC_VERSION)
$(BIN)/protoc-gen-grpc-gateway:
	GOBIN=$(BIN) $(GO) install github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-grpc-gateway@$(GRPC_GATEWAY_VERSION)
$(BIN)/protoc-gen-openapiv2:
	GOBIN=$(BIN) $(GO) install github.com/grpc-ecosystem/grpc-gateway/v2/protoc-gen-openapiv2@$(GRPC_GATEWAY_VERSION)

## tools: install the pinned code generators and buf into ./bin
tools: $(BIN)/buf $(BIN)/protoc-gen-go $(BIN)/protoc-gen-go-grpc $(BIN)/protoc-gen-grpc-gateway $(BIN)/protoc-gen-openapiv2

## generate: regenerate gen/ from proto/
generate: tools
	$(BIN)/buf format -w
	$(BIN)/buf generate

## generate-check: fail when gen/ or the proto formatting is stale
generate-check: generate
	git diff --exit-code -- proto gen
	@test -z "$$(git status --porcelain -- proto gen)" || { git status --porcelain -- proto gen; echo "gen/ is stale: run make generate"; exit 1; }

## lint: buf lint and format, gofmt, go vet
lint: tools
	$(BIN)/buf lint
	$(BIN)/buf format --diff --exit-code
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.7.0 ./...

## bench: engine benchmarks against the json.Unmarshal baseline, then the
## load benchmark against the real server (ratios measured in one run)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/engine/
	$(GO) run ./bench/load

## corpus: score errsvc on the real-world corpus (internal/engine/testdata/corpus),
## per format and per match kind
corpus:
	@$(GO) test -run '^TestCorpus$$' -count=1 -v ./internal/engine/ | grep -v -e '^=== RUN' -e '^--- ' -e '^PASS' -e '^ok'

## soak: run errsvc for SOAK_DURATION (60s) under hostile mixed traffic over
## both transports while the catalog is rewritten and the certificate
## rotated; fails on a wrong answer, a leaked secret, a crash or memory growth
SOAK_DURATION ?= 60s
soak:
	$(GO) run ./bench/soak --duration $(SOAK_DURATION)

# Every fuzz target for FUZZTIME each (CI runs them for 15 s). A new input
# that widens coverage is minimized for at most 2 s: the default minute lets
# one large HAR seed outlast a short FUZZTIME, and the run then fails with
# "context deadline exceeded" although nothing crashed. Go 1.26's fuzzing
# coordinator can also race its own -fuzztime deadline and report that error
# with no failing input (golang/go#75804, fixed in Go 1.27): a run fails
# only when it writes a failing input to testdata/fuzz, as every crash,
# panic or hang does.
FUZZTIME ?= 1m
FUZZ_TARGETS = internal/engine:FuzzClassify internal/engine:FuzzJSONScanner internal/engine:FuzzScanString internal/engine:FuzzSanitize \
	internal/engine:FuzzRedaction catalog:FuzzAppendWords service:FuzzRESTJSON cmd/errsvc:FuzzCoverageReaders
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		dir="$${t%%:*}/testdata/fuzz/$${t#*:}"; before=$$(ls "$$dir" 2>/dev/null); \
		if ! $(GO) test -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s "./$${t%%:*}/"; then \
			if [ "$$(ls "$$dir" 2>/dev/null)" != "$$before" ]; then exit 1; fi; \
			echo "fuzz: $${t#*:} stopped without a failing input: the coordinator's deadline race (golang/go#75804), not a crash"; \
		fi; \
	done
