#!/usr/bin/env bash
# Builds the browser's text part (the crate with the `text-module` feature, src/wasm_text.rs)
# into the path given (scripts/build-wasm.sh: www/pkg/ailabel_text.wasm; scripts/test-wasm.sh
# builds it first for the wasm tests, which load it).
# Usage: scripts/build-text-part.sh OUT.wasm
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="$1"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
WASM_OPT=node_modules/.bin/wasm-opt
[[ -x "$WASM_OPT" ]] || { echo "build-text-part: $WASM_OPT missing: run npm install" >&2; exit 1; }
# Its own target folder: the feature would otherwise rebuild the core's artefacts each time.
PART_TARGET="$TARGET_DIR/text-part"
CARGO_TARGET_DIR="$PART_TARGET" cargo build --locked --lib --target wasm32-unknown-unknown \
  --profile wasm --no-default-features --features text-module
mkdir -p "$(dirname "$OUT")"
node scripts/wasm-keep-exports.mjs "$PART_TARGET/wasm32-unknown-unknown/wasm/ailabel.wasm" \
  "$OUT.tmp" ailabel_text_buffer ailabel_text_call ailabel_text_reply
"$WASM_OPT" --remove-imports -Oz -Oz --strip-debug --strip-producers --strip-target-features \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT.tmp" -o "$OUT"
rm -f "$OUT.tmp"
