#!/usr/bin/env bash
# Starts the reference service on loopback, runs schemathesis against its
# OpenAPI document (which $refs the generated error components), and stops
# the service. Every response must conform to the published schemas.
#
#   scripts/schemathesis.sh [path/to/schemathesis]
#
# .ci/run installs schemathesis into .tools/venv and calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
ST=${1:-${SCHEMATHESIS:-.tools/venv/bin/schemathesis}}
command -v "$ST" >/dev/null 2>&1 || { echo "schemathesis not found at $ST; run .ci/run, or: python3 -m venv .tools/venv && .tools/venv/bin/pip install schemathesis" >&2; exit 1; }

cargo build -q -p reference-service
log=$(mktemp)
RATE_LIMIT=${RATE_LIMIT:-100000} target/debug/reference-service 127.0.0.1:0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" "$log" && break
  sleep 0.1
done
url=$(sed -n 's/^listening on \(.*\)$/\1/p' "$log" | head -n 1)
[ -n "$url" ] || { echo "the service did not start:" >&2; cat "$log" >&2; exit 1; }
echo "reference service at $url"

# `not_a_server_error` is left out on purpose: GET /v1/reports/broken is
# documented to answer 500. Everything else must match the schemas.
"$ST" run "$url/openapi.yaml" \
  --header "x-api-key: test-key" \
  --checks status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples 40 \
  --seed 1 \
  --workers 1
