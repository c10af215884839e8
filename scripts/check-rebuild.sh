#!/usr/bin/env bash
# Checks that editing a catalogue is enough for `cargo build` to pick the
# change up (no `touch`): the macro emits include_bytes! for every file it
# reads, including included ones, so cargo tracks them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/errors/shared"
cat >"$work/Cargo.toml" <<TOML
[package]
name = "rebuild-check"
version = "0.1.0"
edition = "2024"
[dependencies]
errcat = { path = "$repo" }
[workspace]
TOML
cat >"$work/errors/shared/common.yaml" <<'YAML'
categories:
  misc: Miscellaneous
YAML
cat >"$work/errors/api.yaml" <<'YAML'
name: check
title: Rebuild check
envelope: flat
includes: [shared/common.yaml]
errors:
  oops:
    status: 500
    category: misc
    message: first message
YAML
cat >"$work/src/main.rs" <<'RS'
#[errcat::catalog("errors/api.yaml")]
pub enum ApiError {}

fn main() {
    let e = ApiError::Oops;
    println!("{} {}", e, e.category().title());
}
RS
export CARGO_TARGET_DIR="$repo/target/rebuild-check"
run() { cargo run -q --manifest-path "$work/Cargo.toml"; }
out=$(run); [ "$out" = "first message Miscellaneous" ] || { echo "unexpected first output: $out" >&2; exit 1; }
sleep 1
sed -i 's/first message/second message/' "$work/errors/api.yaml"
out=$(run); [ "$out" = "second message Miscellaneous" ] || { echo "editing the catalogue did not rebuild: $out" >&2; exit 1; }
sleep 1
sed -i 's/Miscellaneous/Other things/' "$work/errors/shared/common.yaml"
out=$(run); [ "$out" = "second message Other things" ] || { echo "editing an included file did not rebuild: $out" >&2; exit 1; }
echo "ok: editing the catalogue and an included file each triggered a rebuild"
