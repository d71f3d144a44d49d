#!/usr/bin/env bash
# End-to-end check of the errsvc clients: builds errsvc, starts it on free
# loopback ports, and runs against it
#   - the Go client's tests and example (go test ./client/...),
#   - the Python client (examples/python, Debian's python3-grpcio),
#   - the Node client (examples/node, @grpc/grpc-js + fetch),
#   - a check that GET /openapi.json documents POST /v1/classify.
# Installs what the Python and Node clients need when it is missing (apt-get
# as root, or through sudo -n; npm ci). Meant for a fresh Debian 12 machine
# with Go, run as root, CI=true and no stdin. Every call to errsvc goes to
# 127.0.0.1.
#
# Usage: examples/run-e2e.sh
# Env:   GO (default go), KEEP_SERVER_LOG=1 prints the server log on success too.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
GO="${GO:-go}"
export DEBIAN_FRONTEND=noninteractive
exec </dev/null

work="$(mktemp -d "${TMPDIR:-/tmp}/errsvc-e2e.XXXXXX")"
server_pid=""
status=failed

log() { printf '\n==> %s\n' "$*" >&2; }

cleanup() {
  local rc=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ "$status" != ok || "${KEEP_SERVER_LOG:-}" == 1 ]] && [[ -s "$work/errsvc.log" ]]; then
    echo "--- errsvc log (last 40 lines) ---" >&2
    tail -n 40 "$work/errsvc.log" >&2 || true
  fi
  rm -rf "$work"
  if [[ "$status" == ok ]]; then
    echo "e2e: OK" >&2
  else
    echo "e2e: FAILED (exit $rc)" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- prerequisites -----------------------------------------------------------

command -v "$GO" >/dev/null || { echo "run-e2e.sh: Go is needed (go.mod asks for $(sed -n 's/^go //p' "$root/go.mod"))" >&2; exit 1; }

need_pkgs=()
command -v curl >/dev/null || need_pkgs+=(curl)
command -v protoc >/dev/null || need_pkgs+=(protobuf-compiler)
command -v grpc_python_plugin >/dev/null || need_pkgs+=(protobuf-compiler-grpc)
[[ -f /usr/include/google/protobuf/duration.proto ]] || need_pkgs+=(libprotobuf-dev)
if [[ ! -x /usr/bin/python3 ]] || ! /usr/bin/python3 -c 'import grpc' 2>/dev/null; then
  need_pkgs+=(python3-grpcio)
fi
if [[ ! -x /usr/bin/python3 ]] || ! /usr/bin/python3 -c 'import google.protobuf' 2>/dev/null; then
  need_pkgs+=(python3-protobuf)
fi
# Node 20 is expected; Debian's nodejs (18) also runs the client.
command -v node >/dev/null || need_pkgs+=(nodejs)
command -v npm >/dev/null || need_pkgs+=(npm)

if ((${#need_pkgs[@]} > 0)); then
  log "installing ${need_pkgs[*]} (apt)"
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || { echo "run-e2e.sh: need root or sudo to install ${need_pkgs[*]}" >&2; exit 1; }
    sudo=(sudo -n)
  fi
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${need_pkgs[@]}"
fi

log "npm ci (examples/node)"
(cd "$here/node" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=warn)

# The Python stubs go to the temporary directory, not the source tree.
export ERRSVC_PY_GEN="$work/pygen"

# --- errsvc --------------------------------------------------------------------

log "building errsvc"
(cd "$root" && CGO_ENABLED=0 "$GO" build -trimpath -buildvcs=false -o "$work/errsvc" ./cmd/errsvc)

log "starting errsvc on free loopback ports"
# Port 0: the kernel picks free ports, and errsvc logs the ones it bound.
"$work/errsvc" serve --grpc-addr 127.0.0.1:0 --http-addr 127.0.0.1:0 --ops-addr 127.0.0.1:0 >"$work/errsvc.log" 2>&1 &
server_pid=$!
grpc_addr="" http_addr=""
for _ in $(seq 1 100); do
  kill -0 "$server_pid" 2>/dev/null || { echo "errsvc exited at start" >&2; exit 1; }
  line="$(grep -m1 '"msg":"errsvc serving"' "$work/errsvc.log" || true)"
  if [[ -n "$line" ]]; then
    grpc_addr="$(sed -n 's/.*"grpc_addr":"\([^"]*\)".*/\1/p' <<<"$line")"
    http_addr="$(sed -n 's/.*"http_addr":"\([^"]*\)".*/\1/p' <<<"$line")"
    break
  fi
  sleep 0.1
done
[[ "$grpc_addr" == 127.0.0.1:* && "$http_addr" == 127.0.0.1:* ]] || {
  echo "could not read the bound addresses from the errsvc log (got grpc='$grpc_addr' http='$http_addr')" >&2
  exit 1
}
ready=""
for _ in $(seq 1 100); do
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://$http_addr/readyz")" == 200 ]]; then
    ready=1
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || { echo "errsvc exited before it was ready" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$ready" ]] || { echo "errsvc not ready after 10s" >&2; exit 1; }
echo "errsvc ready: gRPC $grpc_addr, HTTP $http_addr" >&2

# --- clients -----------------------------------------------------------------

log "Go client: go test ./client/..."
(cd "$root" && "$GO" test -count=1 ./client/...)

log "Python client"
"$here/python/run.sh" "$grpc_addr"

log "Node client"
(cd "$here/node" && node client.js "$grpc_addr" "$http_addr")

log "curl POST /v1/classify"
got="$(curl -sS --fail-with-body --max-time 5 -X POST "http://$http_addr/v1/classify" \
  -H 'Content-Type: application/json' \
  -d '{"provider":"danske-bank","operation":"token","httpStatus":400,"body":"{\"error\":\"unsupported_grant_type\"}"}')"
grep -q '"action":"ACTION_FIX_CLIENT_CONFIGURATION"' <<<"${got//[[:space:]]/}" || { echo "unexpected answer: $got" >&2; exit 1; }
echo "ACTION_FIX_CLIENT_CONFIGURATION" >&2

log "GET /openapi.json documents POST /v1/classify"
curl -sS --fail --max-time 5 "http://$http_addr/openapi.json" -o "$work/openapi.json"
/usr/bin/python3 - "$work/openapi.json" <<'PY'
import json, sys

doc = json.load(open(sys.argv[1]))
problems = []

def resolve(schema):
    ref = schema.get("$ref", "")
    if ref:
        node = doc
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return ref.rsplit("/", 1)[-1], node
    return "(inline)", schema

paths = doc.get("paths", {})
for path, method in [("/v1/classify", "post"), ("/v1/classify:batch", "post"),
                     ("/v1/providers", "get"), ("/v1/providers/{id}", "get")]:
    if method not in paths.get(path, {}):
        problems.append(f"{method.upper()} {path} is not documented")

op = paths.get("/v1/classify", {}).get("post")
if op:
    schema = None
    for p in op.get("parameters", []):  # Swagger 2.0
        if p.get("in") == "body":
            schema = p.get("schema")
    if schema is None:  # OpenAPI 3
        schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        problems.append("POST /v1/classify has no request body schema")
    else:
        name, req = resolve(schema)
        if "ClassifyRequest" not in name:
            problems.append(f"POST /v1/classify takes {name}, want a ClassifyRequest")
        props = req.get("properties", {})
        for field in ("httpStatus", "headers", "body", "bodyBytes", "redirectUri", "context", "provider", "operation"):
            if field not in props:
                problems.append(f"{name} has no property {field}")
            elif not props[field].get("description", "").strip():
                problems.append(f"{name}.{field} has no description")
        print(f"POST /v1/classify takes {name} with {len(props)} described properties", file=sys.stderr)

if problems:
    print("openapi.json:", *problems, sep="\n  ", file=sys.stderr)
    sys.exit(1)
PY

status=ok
