#!/usr/bin/env bash
# Usage: examples/python/run.sh [GRPC_ADDR]   (default 127.0.0.1:8081)
# Generates the stubs (generate.sh) and runs client.py against errsvc with
# Debian's Python (/usr/bin/python3, where python3-grpcio lives; a pyenv or
# venv python3 earlier on PATH would not see it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
addr="${1:-127.0.0.1:8081}"
python="${ERRSVC_PYTHON:-/usr/bin/python3}"
if ! "$python" -c 'import grpc, google.protobuf' 2>/dev/null; then
  echo "run.sh: $python lacks grpc or protobuf: apt-get install -y python3-grpcio python3-protobuf" >&2
  exit 1
fi
"$here/generate.sh"
exec "$python" "$here/client.py" "$addr"
