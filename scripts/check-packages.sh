#!/usr/bin/env bash
# Packages every publishable crate (`cargo package --no-verify`) and checks
# what each would ship: only its sources, Cargo.toml, README and licence
# texts (and the format's JSON Schema, which errcat-catalog compiles in),
# and at most 128 KiB compressed. tests/packaging.rs checks that the list
# below is every crate without `publish = false`.
set -euo pipefail
cd "$(dirname "$0")/.."
crates=(errcat errcat-catalog errcat-expand errcat-macros errcat-build errcat-render)
budget=$((128 * 1024))
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
args=()
for c in "${crates[@]}"; do args+=(-p "$c"); done
cargo package "${args[@]}" --no-verify --allow-dirty --quiet 2>/dev/null
failed=0
printf '%-16s %6s %10s\n' crate files compressed
for c in "${crates[@]}"; do
  files=$(cargo package --list -p "$c" --allow-dirty 2>/dev/null)
  extra=$(grep -Ev '^(\.cargo_vcs_info\.json|Cargo\.lock|Cargo\.toml(\.orig)?|LICENSE-(MIT|APACHE)|README\.md|src/.*\.rs|templates/[^/]*\.j2|catalogue\.schema\.json)$' <<<"$files" || true)
  for need in README.md LICENSE-MIT LICENSE-APACHE src/lib.rs; do
    grep -qx "$need" <<<"$files" || { echo "error: $c does not ship $need" >&2; failed=1; }
  done
  if [ -n "$extra" ]; then
    echo "error: $c would ship files it does not need:" >&2
    sed 's/^/  /' <<<"$extra" >&2
    failed=1
  fi
  size=$(stat -c %s "target/package/$c-$version.crate")
  printf '%-16s %6d %8.1f KiB\n' "$c" "$(wc -l <<<"$files")" "$(echo "$size / 1024" | bc -l)"
  if [ "$size" -gt "$budget" ]; then
    echo "error: $c is $size bytes compressed, over the budget of $budget" >&2
    failed=1
  fi
done
exit $failed
