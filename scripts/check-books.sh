#!/usr/bin/env bash
# Builds every book of generated-docs/ with mdBook into target/book/ and
# checks them in Chromium (tests/browser/check_books.mjs). With
# `--screenshots`, also writes the README's screenshots
# (docs/screenshots/overview.png and error-page.png, 1280 px wide).
#
# .ci/run installs mdBook (.tools/cargo), playwright-core (.tools/node) and
# Debian's chromium, then calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
mdbook=.tools/cargo/bin/mdbook
[ -x "$mdbook" ] && [ -d .tools/node/node_modules/playwright-core ] || { echo "run .ci/run first: it installs mdBook and playwright-core into .tools/" >&2; exit 1; }
rm -rf target/book
mdbook="$PWD/$mdbook"
# A catalogue's book, and one per translation in a subfolder (`<name>/fr`,
# built inside its site as target/book/<name>/fr): shallower books first,
# as building a book empties its site.
find generated-docs -name book.toml | awk -F/ '{print NF, $0}' | sort -n -k1,1 -k2 | cut -d' ' -f2- |
while read -r book; do
  (cd "$(dirname "$book")" && "$mdbook" build >/dev/null 2>&1) || {
    echo "mdbook build failed in $(dirname "$book")" >&2
    (cd "$(dirname "$book")" && "$mdbook" build)
    exit 1
  }
done
# codegen --check: building wrote nothing into generated-docs/.
cargo run --quiet -p codegen -- --check >/dev/null
shots=()
if [ "${1:-}" = "--screenshots" ]; then shots=(--screenshots docs/screenshots); fi
NODE_TOOLS=.tools/node node tests/browser/check_books.mjs target/book generated-docs "${shots[@]}"
