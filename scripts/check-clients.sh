#!/usr/bin/env bash
# Checks the generated OpenAPI with the client generators people use.
#
# The reference service's own document (its operations with the errors of
# each, built through errcat's utoipa integration) must pass
# openapi-spec-validator, and each client generated from it must decode
# every error body the document shows, plus one of a code it does not
# list, field by field, into the body's own type:
#
# - openapi-python-client (tests/clients/python/check_operations.py);
# - openapi-typescript, the bodies as typed values that `tsc --strict`
#   compiles (tests/clients/typescript/write_operations_check.py);
# - progenitor, from the document rewritten as 3.0.3, run against a local
#   server (tests/clients/progenitor/).
#
# Every repository catalogue's document goes through openapi-python-client
# without a warning (no dropped or duplicated models), openapi-typescript
# (its types compile) and progenitor (its client compiles). Then the demonstration catalogue's document:
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
[ -x "$bin/openapi-typescript" ] && [ -x "$py/datamodel-codegen" ] && [ -x "$py/openapi-python-client" ] || { echo "run .ci/run first: it installs the client generators into .tools/" >&2; exit 1; }
doc=generated-docs/payments/openapi.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

clients=target/clients
mkdir -p "$clients/catalogues"
rm -f "$clients"/catalogues/*.json
cargo run -q -p reference-service -- --openapi >"$clients/reference.json"
"$py/openapi-spec-validator" "$clients/reference.json"

# openapi-python-client: the reference service, then every catalogue.
generate_python() { # DOCUMENT PACKAGE_DIR
  local out
  out=$("$py/openapi-python-client" generate --path "$1" --meta none --output-path "$2" \
    --config tests/clients/python/openapi-python-client.yaml 2>&1)
  if grep -qvE '^(Generating .*)?$' <<<"$out"; then
    echo "openapi-python-client warns about $1:"; echo "$out"; exit 1
  fi
}
generate_python "$clients/reference.json" "$tmp/py/reference_client"
"$py/python" tests/clients/python/check_operations.py "$tmp/py" reference_client "$clients/reference.json"
for document in generated-docs/*/openapi.json; do
  generate_python "$document" "$tmp/py/$(basename "$(dirname "$document")" | tr - _)"
done
echo "python client (openapi-python-client): every catalogue's document generates without a warning"

# openapi-typescript: the reference service's bodies as typed values.
mkdir -p "$tmp/ts"
"$bin/openapi-typescript" "$clients/reference.json" -o "$tmp/ts/reference.ts" >/dev/null
python3 tests/clients/typescript/write_operations_check.py "$clients/reference.json" reference "$tmp/ts/operations_check.ts"
sed 's/"check.ts"/"operations_check.ts"/' tests/clients/typescript/tsconfig.json >"$tmp/ts/tsconfig.json"
"$bin/tsc" -p "$tmp/ts/tsconfig.json"
echo "typescript client (openapi-typescript): tsc --strict accepts every body"
for document in generated-docs/*/openapi.json; do
  name=$(basename "$(dirname "$document")" | tr - _)
  "$bin/openapi-typescript" "$document" -o "$tmp/ts/catalogue_$name.ts" >/dev/null
done
printf '{"compilerOptions": {"strict": true, "noEmit": true, "target": "ES2022", "module": "ES2022", "moduleResolution": "bundler"}, "include": ["catalogue_*.ts"]}\n' >"$tmp/ts/tsconfig.catalogues.json"
"$bin/tsc" -p "$tmp/ts/tsconfig.catalogues.json"
echo "typescript client (openapi-typescript): every catalogue's types compile with tsc --strict"

# progenitor reads OpenAPI 3.0 only: the reference service's document
# rewritten, and each catalogue's as errcat writes it in 3.0.3.
python3 tests/clients/progenitor/openapi_3_0.py "$clients/reference.json" "$clients/reference-3.0.json"
for catalogue in catalog/catalogs/*.yaml catalog/catalogs/wild/*.yaml; do
  name=$(basename "$catalogue" .yaml)
  cargo run -q -p codegen -- generate "$catalogue" --out "$tmp/v3_0/$name" --format openapi --openapi-version 3.0 >/dev/null
  cp "$tmp/v3_0/$name/openapi.json" "$clients/catalogues/$name.json"
done
CARGO_TARGET_DIR="$clients/build" cargo build -q --release --locked --manifest-path tests/clients/progenitor/Cargo.toml
"$clients/build/release/progenitor-check" "$clients/reference-3.0.json"
echo "rust client (progenitor): every catalogue's client compiles"

cp tests/clients/typescript/check.ts tests/clients/typescript/tsconfig.json "$tmp/"
"$bin/openapi-typescript" "$doc" -o "$tmp/payments.ts" --enum-values >/dev/null
"$bin/tsc" -p "$tmp/tsconfig.json"
echo "typescript client: check.ts compiles with tsc --strict against openapi-typescript's types"

"$py/datamodel-codegen" --input "$doc" --input-file-type openapi \
  --output-model-type pydantic_v2.BaseModel --enum-field-as-literal one \
  --output "$tmp/payments_models.py" 2>/dev/null
"$py/python" tests/clients/python/check_models.py "$tmp/payments_models.py" generated-docs/payments/openapi.json
