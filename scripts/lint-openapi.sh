#!/usr/bin/env bash
# Lints every generated OpenAPI document with the tools clients use:
# Redocly CLI and Spectral, in OpenAPI 3.1 (generated-docs/) and 3.0.3
# (written to a temporary folder), and the reference service's own
# document, which $refs the generated components, with every rule on
# (but one, see scripts/openapi-lint/redocly.yaml).
# Fails on any error or warning. The rules turned off for the generated
# documents, with the reasons, are in scripts/openapi-lint/.
#
#   scripts/lint-openapi.sh      (.ci/run installs the tools in .tools/node)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.tools/node/node_modules/.bin
[ -x "$bin/redocly" ] && [ -x "$bin/spectral" ] || { echo "run .ci/run first: it installs Redocly CLI and Spectral into .tools/node" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
docs=()
for yaml in generated-docs/*/openapi.yaml; do
  docs+=("$yaml")
  name=$(basename "$(dirname "$yaml")")
done
# The same catalogues in OpenAPI 3.0.3.
for catalogue in catalog/catalogs/*.yaml catalog/catalogs/wild/*.yaml; do
  name=$(basename "$catalogue" .yaml)
  cargo run -q -p codegen -- generate "$catalogue" --out "$tmp/$name" --format openapi --openapi-version 3.0 >/dev/null 2>&1
  docs+=("$tmp/$name/openapi.yaml")
done

status=0
for doc in "${docs[@]}"; do
  if ! out=$("$bin/redocly" lint --config scripts/openapi-lint/redocly.yaml --format=summary "$doc" 2>&1) \
     || grep -qE '^(warning|error) ' <<<"$out"; then
    echo "redocly: $doc"; echo "$out" | grep -E '^(warning|error) '; status=1
  fi
  if ! out=$("$bin/spectral" lint -q -r scripts/openapi-lint/spectral.yaml --fail-severity=warn "$doc" 2>&1); then
    echo "spectral: $doc"; echo "$out"; status=1
  fi
done
# The service's own document, which uses the components: every rule on.
own=examples/reference-service/openapi.yaml
cp "$own" "$tmp/openapi.yaml"
cp generated-docs/reference-service/openapi.yaml "$tmp/errors.yaml"
# Every rule but no-illogical-composition-keywords, whose reason is in
# scripts/openapi-lint/redocly.yaml.
printf 'extends: [recommended]\nrules:\n  no-illogical-composition-keywords: off\n' >"$tmp/redocly.yaml"
if ! out=$("$bin/redocly" lint --config "$tmp/redocly.yaml" --format=summary "$tmp/openapi.yaml" 2>&1) || grep -qE '^(warning|error) ' <<<"$out"; then
  echo "redocly (all rules): $own"; echo "$out" | grep -E '^(warning|error) '; status=1
fi
printf 'extends: ["spectral:oas"]\n' >"$tmp/spectral.yaml"
if ! out=$("$bin/spectral" lint -q -r "$tmp/spectral.yaml" --fail-severity=warn "$tmp/openapi.yaml" 2>&1); then
  echo "spectral (all rules): $own"; echo "$out"; status=1
fi
echo "linted ${#docs[@]} generated documents and the reference service's"
exit $status
