#!/usr/bin/env bash
# Validates errsvc's Prometheus rules: syntax and semantics with
# `promtool check rules`, then behaviour with the unit tests in tests/.
# Exits non-zero when either fails. Needs promtool on PATH (Debian: apt-get
# install prometheus; or any Prometheus release's promtool).
set -euo pipefail

# Run from this script's directory, because the tests name their rule files
# relative to themselves and the check should not depend on the caller's
# working directory.
cd "$(dirname "${BASH_SOURCE[0]}")"

# A fresh machine (CI's included) may lack promtool. Debian's prometheus
# package ships it; installing needs root, so anyone else is told instead.
if ! command -v promtool >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "check.sh: installing Debian's prometheus package for promtool" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq prometheus >/dev/null
  else
    echo "check.sh: promtool not found on PATH (apt-get install prometheus)" >&2
    exit 2
  fi
fi

promtool check rules errsvc.rules.yml errsvc.alerts.yml
promtool check config --syntax-only prometheus.yml
promtool test rules tests/*.test.yml
