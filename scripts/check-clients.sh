#!/usr/bin/env bash
# Checks the generated OpenAPI with the client generators people use:
#
# - openapi-typescript types the demonstration catalogue's document, and
#   tests/clients/typescript/check.ts must compile with `tsc --strict`;
# - datamodel-code-generator makes pydantic v2 models of it, and
#   tests/clients/python/check_models.py must accept reworded messages,
#   unknown codes, and find the models named after the catalogue.
#
# .ci/run installs the tools (.tools/node, .tools/venv) and calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.tools/node/node_modules/.bin
py=.tools/venv/bin
[ -x "$bin/openapi-typescript" ] && [ -x "$py/datamodel-codegen" ] || { echo "run .ci/run first: it installs the client generators into .tools/" >&2; exit 1; }
doc=generated-docs/payments/openapi.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp tests/clients/typescript/check.ts tests/clients/typescript/tsconfig.json "$tmp/"
"$bin/openapi-typescript" "$doc" -o "$tmp/payments.ts" --enum-values >/dev/null
"$bin/tsc" -p "$tmp/tsconfig.json"
echo "typescript client: check.ts compiles with tsc --strict against openapi-typescript's types"

"$py/datamodel-codegen" --input "$doc" --input-file-type openapi \
  --output-model-type pydantic_v2.BaseModel --enum-field-as-literal one \
  --output "$tmp/payments_models.py" 2>/dev/null
"$py/python" tests/clients/python/check_models.py "$tmp/payments_models.py" generated-docs/payments/openapi.json
