#!/usr/bin/env bash
# End-to-end check of errsvc's metrics with a real Prometheus:
#
#   1. builds errsvc and starts it on free loopback ports, with the catalog
#      overlay of deploy/kubernetes/catalog (as the Kubernetes base does);
#   2. starts a Prometheus that scrapes it every second and evaluates the
#      recording and alerting rules of deploy/prometheus;
#   3. sends a known mix of classifications over REST and waits until
#      Prometheus shows exactly those counts;
#   4. breaks and repairs the catalog directory to see a failed and a
#      successful hot reload, and ErrsvcCatalogReloadFailed firing;
#   5. runs every Grafana dashboard query against Prometheus;
#   6. lints /metrics with `promtool check metrics` and compares its metric
#      names with deploy/testdata/exported_metrics.txt;
#   7. stops errsvc with SIGTERM and expects a clean drain.
#
# Everything listens on 127.0.0.1 only and the script cleans up after itself.
# Usage: deploy/e2e/prometheus-e2e.sh   (from anywhere; needs go, curl,
# python3, and promtool/prometheus, which it installs from Debian if absent).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deploy="$(dirname "$here")"
root="$(dirname "$deploy")"
timeout_s="${E2E_TIMEOUT:-60}"

log() { printf '[e2e] %s\n' "$*" >&2; }
fail() {
  printf '[e2e] FAIL: %s\n' "$*" >&2
  exit 1
}

# ---- Tools ----------------------------------------------------------------

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  log "installing Debian's prometheus package (for prometheus and promtool)"
  before="$(pgrep -x prometheus || true)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq prometheus >/dev/null
  # The package may start its own server on :9090 where an init system runs.
  # This script runs its own instance on a free port, so the packaged one is
  # only in the way: stop it, but leave alone a Prometheus that was already
  # running before the install.
  after="$(pgrep -x prometheus || true)"
  if [[ -n "$after" && "$after" != "$before" ]]; then
    service prometheus stop >/dev/null 2>&1 || systemctl stop prometheus >/dev/null 2>&1 || true
  fi
fi
for tool in go curl python3 promtool prometheus; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done

# ---- Setup and cleanup ----------------------------------------------------

tmp="$(mktemp -d "${TMPDIR:-/tmp}/errsvc-e2e.XXXXXX")"
errsvc_pid=""
prom_pid=""
cleanup() {
  local rc=$?
  # Only the processes this script started, by their pid.
  for pid in "$prom_pid" "$errsvc_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [[ $rc -ne 0 ]]; then
    log "errsvc log (last 30 lines):"
    tail -n 30 "$tmp/errsvc.log" >&2 2>/dev/null || true
    log "prometheus log (last 30 lines):"
    tail -n 30 "$tmp/prometheus.log" >&2 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# free_port asks the kernel for a free loopback port. Another process could
# take it before we bind it, which is unlikely enough on a test machine; a
# bind failure then shows up as errsvc or Prometheus not starting.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
http_port="$(free_port)"
grpc_port="$(free_port)"
ops_port="$(free_port)"
prom_port="$(free_port)"
errsvc_url="http://127.0.0.1:$http_port"
ops_url="http://127.0.0.1:$ops_port"
prom_url="http://127.0.0.1:$prom_port"

# wait_for runs a command once a second until it succeeds, and fails when
# the process it waits for exits or the timeout passes.
wait_for() {
  local what="$1" pid="$2"
  shift 2
  local deadline=$((SECONDS + timeout_s))
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "the process behind $what exited"
    if ((SECONDS >= deadline)); then
      fail "timed out after ${timeout_s}s waiting for $what"
    fi
    sleep 1
  done
}

# ---- errsvc ---------------------------------------------------------------

log "building errsvc"
(cd "$root" && CGO_ENABLED=0 go build -trimpath -o "$tmp/errsvc" ./cmd/errsvc)

# A writable copy of the catalog overlay, so that step 4 can break it.
mkdir -p "$tmp/catalog"
cp "$deploy"/kubernetes/catalog/*.yaml "$tmp/catalog/"
"$tmp/errsvc" catalog check "$tmp/catalog" >/dev/null || fail "errsvc catalog check rejects deploy/kubernetes/catalog"
"$tmp/errsvc" catalog test "$tmp/catalog" >/dev/null || fail "errsvc catalog test fails on deploy/kubernetes/catalog"

log "starting errsvc on $errsvc_url (gRPC 127.0.0.1:$grpc_port)"
ERRSVC_SHUTDOWN_TIMEOUT=5s "$tmp/errsvc" serve \
  --http-addr "127.0.0.1:$http_port" \
  --ops-addr "127.0.0.1:$ops_port" \
  --grpc-addr "127.0.0.1:$grpc_port" \
  --catalog-dir "$tmp/catalog" \
  >"$tmp/errsvc.log" 2>&1 &
errsvc_pid=$!

wait_for "errsvc /readyz" "$errsvc_pid" curl -fsS "$errsvc_url/readyz"

# The Dockerfile's HEALTHCHECK runs exactly this; it must pass against a
# live server and fail against a closed port.
"$tmp/errsvc" healthcheck --url "$ops_url/healthz" >/dev/null 2>&1 ||
  fail "errsvc healthcheck fails against a healthy server's operations port"
"$tmp/errsvc" healthcheck --url "$errsvc_url/healthz" >/dev/null 2>&1 ||
  fail "errsvc healthcheck fails against a healthy server's HTTP port"
if "$tmp/errsvc" healthcheck --url "http://127.0.0.1:$(free_port)/healthz" >/dev/null 2>&1; then
  fail "errsvc healthcheck passes against a closed port"
fi

# ---- Prometheus -----------------------------------------------------------

cat >"$tmp/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $deploy/prometheus/errsvc.rules.yml
  - $deploy/prometheus/errsvc.alerts.yml
scrape_configs:
  - job_name: errsvc
    scrape_timeout: 1s
    static_configs:
      - targets: ["127.0.0.1:$ops_port"]
EOF
promtool check config "$tmp/prometheus.yml" >/dev/null || fail "promtool rejects the generated Prometheus config"

log "starting prometheus on $prom_url"
prometheus \
  --config.file="$tmp/prometheus.yml" \
  --storage.tsdb.path="$tmp/data" \
  --web.listen-address="127.0.0.1:$prom_port" \
  --log.level=warn \
  >"$tmp/prometheus.log" 2>&1 &
prom_pid=$!

wait_for "prometheus /-/ready" "$prom_pid" curl -fsS "$prom_url/-/ready"

# prom_query prints the result of an instant query as lines of
# "label=value,label=value VALUE", sorted, one per series ("{}" for none).
prom_query() {
  curl -fsS --get "$prom_url/api/v1/query" --data-urlencode "query=$1" | python3 -c '
import json, math, sys
d = json.load(sys.stdin)
if d.get("status") != "success":
    sys.exit("query failed: %s" % d)
rows = []
for r in d["data"]["result"]:
    labels = ",".join("%s=%s" % kv for kv in sorted(r["metric"].items()) if kv[0] != "__name__")
    v = float(r["value"][1])
    rows.append("%s %s" % (labels or "{}", ("%d" % v) if math.isfinite(v) and v == int(v) else r["value"][1]))
print("\n".join(sorted(rows)))
'
}

# expect_query waits until the query's result is exactly the expected text.
expect_query() {
  local query="$1" want="$2" got=""
  local deadline=$((SECONDS + timeout_s))
  while :; do
    got="$(prom_query "$query" 2>/dev/null || true)"
    [[ "$got" == "$want" ]] && return 0
    if ((SECONDS >= deadline)); then
      fail "after ${timeout_s}s, $query
  want: $(printf '%s' "$want" | tr '\n' ';')
  got:  $(printf '%s' "$got" | tr '\n' ';')"
    fi
    sleep 1
  done
}

# expect_at_least waits until a query returns one series whose value is at
# least the minimum, for counters whose exact value depends on timing.
expect_at_least() {
  local query="$1" min="$2" got=""
  local deadline=$((SECONDS + timeout_s))
  while :; do
    got="$(prom_query "$query" 2>/dev/null || true)"
    if [[ "$got" != *$'\n'* && -n "$got" ]] && awk -v v="${got##* }" -v m="$min" 'BEGIN { exit !(v >= m) }'; then
      return 0
    fi
    if ((SECONDS >= deadline)); then
      fail "after ${timeout_s}s, $query: want one series >= $min, got: $(printf '%s' "$got" | tr '\n' ';')"
    fi
    sleep 1
  done
}

expect_query 'up{job="errsvc"}' 'instance=127.0.0.1:'"$ops_port"',job=errsvc 1'
log "prometheus scrapes errsvc"

# ---- Classifications ------------------------------------------------------

# classify sends one request N times and counts the codes errsvc answered
# with, so that the expectation for Prometheus comes from the API's own
# answers; a few expectations below are also pinned to the catalog.
declare -A sent_codes=()
classify() {
  local n="$1" body="$2" i resp code
  for ((i = 0; i < n; i++)); do
    resp="$(curl -fsS -X POST "$errsvc_url/v1/classify" -H 'Content-Type: application/json' -d "$body")" ||
      fail "POST /v1/classify $body"
    code="$(printf '%s' "$resp" | python3 -c 'import json,sys; print(json.load(sys.stdin)["classification"]["code"])')"
    sent_codes[$code]=$((${sent_codes[$code]:-0} + 1))
  done
}

log "sending classifications"
classify 5 '{"provider":"danske-bank","operation":"token","httpStatus":400,"body":"{\"error\":\"unsupported_grant_type\"}"}'
classify 3 '{"httpStatus":503}'
classify 2 '{"provider":"no-such-provider","httpStatus":401,"body":"{\"error\":\"weird_code_123\"}"}'
classify 4 '{"provider":"example-bank","operation":"token","httpStatus":400,"body":"{\"error\":\"account_locked\"}"}'
classify 1 '{"provider":"nationwide","httpStatus":429,"headers":{"Retry-After":"30"}}'

# A counter series that first appears with a value has no rate until it
# changes again, because Prometheus cannot know that it started at zero, and
# errsvc creates classification series on first use. So once Prometheus has
# seen the first round, a second round makes the rates (and the recording
# rules built on them) non-zero.
expect_at_least 'errsvc_unmatched_total{provider="unknown"}' 2
expect_at_least 'errsvc_classifications_total{provider="danske-bank"}' 5
classify 1 '{"provider":"danske-bank","operation":"token","httpStatus":400,"body":"{\"error\":\"unsupported_grant_type\"}"}'
classify 1 '{"provider":"no-such-provider","httpStatus":401,"body":"{\"error\":\"weird_code_123\"}"}'

# errsvc's own error: an unknown field is a 400 with no classification.
status="$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$errsvc_url/v1/classify" -d '{"noSuchField":1}')"
[[ "$status" == 400 ]] || fail "POST /v1/classify with an unknown field answered $status, want 400"

want_codes="$(for c in "${!sent_codes[@]}"; do echo "code=$c ${sent_codes[$c]}"; done | sort)"
expect_query 'sum by (code) (errsvc_classifications_total)' "$want_codes"
log "classification counts match: $(printf '%s' "$want_codes" | tr '\n' ';')"

# Pinned to the catalog: the seed's Danske Bank row and the overlay's
# made-up example-bank entry, with every label.
expect_query 'errsvc_classifications_total{provider="danske-bank"}' \
  "action=FIX_CLIENT_CONFIGURATION,category=CLIENT_CONFIGURATION,code=UNSUPPORTED_GRANT_TYPE,instance=127.0.0.1:$ops_port,job=errsvc,provider=danske-bank 6"
expect_query 'sum by (provider, category, action) (errsvc_classifications_total{provider="example-bank"})' \
  'action=USER_CONTACT_PROVIDER,category=ACCOUNT_STATE,provider=example-bank 4'
# No raw input becomes a label value: unknown providers are "unknown".
expect_query 'count(errsvc_classifications_total{provider=~"no-such-provider|weird.*"}) or vector(0)' '{} 0'
expect_query 'sum(errsvc_classifications_total{provider="unknown"})' '{} 6'
# The made-up code is surely unmatched; whether a bare 503 counts as
# unmatched too is the engine's business, hence "at least".
expect_at_least 'errsvc_unmatched_total{provider="unknown"}' 3
expect_query 'errsvc_catalog_entries{provider="example-bank"}' \
  "instance=127.0.0.1:$ops_port,job=errsvc,provider=example-bank 1"
expect_query 'sum by (route, method, code) (errsvc_http_requests_total{route="/v1/classify"})' \
  "code=200,method=POST,route=/v1/classify 17
code=400,method=POST,route=/v1/classify 1"
# The recording rules run in this Prometheus too.
expect_query 'count(errsvc:classifications:rate5m{provider="danske-bank",category="CLIENT_CONFIGURATION",action="FIX_CLIENT_CONFIGURATION"} > 0)' '{} 1'
expect_query 'count(errsvc:unmatched:ratio_rate5m{provider="unknown"} > 0)' '{} 1'
log "labels, unmatched, catalog entries, HTTP metrics and recording rules match"

# ---- Catalog hot reload ---------------------------------------------------

log "breaking the catalog directory"
printf 'provider:\n  id: example-bank\n  nmae: typo\n' >"$tmp/catalog/example-bank.yaml"
# The exact count depends on how many file events the write produced.
expect_at_least 'errsvc_catalog_reloads_total{result="failure"}' 1
# The last good catalog keeps serving.
classify 1 '{"provider":"example-bank","operation":"token","httpStatus":400,"body":"{\"error\":\"account_locked\"}"}'
[[ "${sent_codes[ACCOUNT_LOCKED]}" == 5 ]] || fail "example-bank stopped classifying after a broken reload"
expect_query 'count(ALERTS{alertname="ErrsvcCatalogReloadFailed",alertstate="firing"})' '{} 1'
log "a broken catalog is counted, the last good one keeps serving, and ErrsvcCatalogReloadFailed fires"

# The repair differs from the original by a comment, so that it is a new
# catalog version and the answer below proves a swap, not just a valid load.
{ cat "$deploy/kubernetes/catalog/example-bank.yaml"; echo "# repaired by the e2e test"; } >"$tmp/catalog/example-bank.yaml"
expect_at_least 'errsvc_catalog_reloads_total{result="success"}' 1
classify 1 '{"provider":"example-bank","operation":"token","httpStatus":400,"body":"{\"error\":\"account_locked\"}"}'
[[ "${sent_codes[ACCOUNT_LOCKED]}" == 6 ]] || fail "example-bank does not classify after the repaired reload"
log "the repaired catalog reloads"

# ---- Dashboard queries ----------------------------------------------------

# Every panel query must be valid PromQL for this Prometheus, with Grafana's
# variables replaced by what "All" and a short range would give.
log "running the dashboard's queries"
python3 - "$deploy/grafana/errsvc-dashboard.json" >"$tmp/dashboard-queries.txt" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
def walk(panels):
    for p in panels:
        yield p
        yield from walk(p.get("panels", []))
for p in walk(d["panels"]):
    for t in p.get("targets", []):
        e = t["expr"]
        for var, val in (("$__rate_interval", "1m"), ("$__range", "5m"), ("$instance", ".*"), ("$provider", ".*")):
            e = e.replace(var, val)
        print("%s\t%s" % (p["title"], " ".join(e.split())))
EOF
# Panels that need gRPC traffic, which this script does not send, or that
# only see data later, may legitimately be empty here.
may_be_empty='^(RPC latency \(unary\)|RPC errors by code|Catalog reloads by result|HTTP latency p99 by route)$'
while IFS=$'\t' read -r title expr; do
  result="$(prom_query "$expr")" || fail "dashboard panel \"$title\": Prometheus rejects $expr"
  if [[ -z "$result" ]] && ! [[ "$title" =~ $may_be_empty ]]; then
    fail "dashboard panel \"$title\" shows no data: $expr"
  fi
done <"$tmp/dashboard-queries.txt"
log "all $(wc -l <"$tmp/dashboard-queries.txt") dashboard queries run"

# ---- /metrics -------------------------------------------------------------

curl -fsS "$ops_url/metrics" >"$tmp/metrics.txt"
# The API port serves no metrics once the operations port does.
if curl -fsS "$errsvc_url/metrics" >/dev/null 2>&1; then
  fail "the API port serves /metrics; it belongs on the operations port only"
fi
if ! lint="$(promtool check metrics <"$tmp/metrics.txt" 2>&1)" || [[ -n "$lint" ]]; then
  fail "promtool check metrics found problems:
$lint"
fi
log "promtool check metrics: no problems"

# The names errsvc exposes must be exactly the list the dashboard and rules
# are checked against (deploy/testdata/exported_metrics.txt).
grep -v '^#' "$tmp/metrics.txt" | sed -E 's/[{ ].*//' | sort -u >"$tmp/exposed.txt"
grep -Ev '^(#|$)' "$deploy/testdata/exported_metrics.txt" | awk '{print $1}' | sort -u >"$tmp/listed.txt"
if ! diff_out="$(diff "$tmp/listed.txt" "$tmp/exposed.txt")"; then
  fail "exported_metrics.txt (<) and the server's /metrics (>) differ:
$diff_out"
fi
log "/metrics exposes exactly the $(wc -l <"$tmp/listed.txt") names in testdata/exported_metrics.txt"

# ---- Graceful shutdown ----------------------------------------------------

kill -TERM "$errsvc_pid"
rc=0
wait "$errsvc_pid" || rc=$?
errsvc_pid=""
[[ $rc -eq 0 ]] || fail "errsvc exited with $rc on SIGTERM, want 0"
grep -q '"errsvc stopped"' "$tmp/errsvc.log" || fail "errsvc did not log its drain on SIGTERM"
log "errsvc drained and exited 0 on SIGTERM"

log "PASS"
