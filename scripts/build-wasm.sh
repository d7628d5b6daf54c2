#!/usr/bin/env bash
# Builds the browser module into www/pkg/ (git-ignored): cargo (wasm32, the `wasm` profile in
# Cargo.toml: release tuned for size) → wasm-bindgen --target web → wasm-opt -Oz (npm `binaryen`).
# Usage: scripts/build-wasm.sh [--if-needed]   (--if-needed: skip when www/pkg is newer than src/)
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_BINDGEN_VERSION=0.2.130
OUT=www/pkg
TARGET_DIR="${CARGO_TARGET_DIR:-target}"

if [[ "${1:-}" == "--if-needed" && -f "$OUT/ailabel_bg.wasm" && -f "$OUT/ailabel_text.wasm" ]]; then
  newer=$(find src scripts/build-text-part.sh Cargo.toml Cargo.lock crates/export-wasm -newer "$OUT/ailabel_bg.wasm" -print -quit)
  if [[ -z "$newer" ]]; then
    echo "build-wasm: $OUT is up to date"
    exit 0
  fi
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  echo "build-wasm: wasm-bindgen $WASM_BINDGEN_VERSION missing: run scripts/setup.sh" >&2
  exit 1
fi
WASM_OPT=node_modules/.bin/wasm-opt
[[ -x "$WASM_OPT" ]] || { echo "build-wasm: $WASM_OPT missing: run npm install" >&2; exit 1; }

cargo build --locked --lib --target wasm32-unknown-unknown --profile wasm --no-default-features
mkdir -p "$OUT"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm/ailabel.wasm"
# -Oz twice: the second pass finds what the first one's inlining exposed (about 1 % smaller;
# BENCHMARKS.md, "Size of the browser module").
# --one-caller-inline-max-function-size 500: binaryen's -Oz otherwise inlines every function
# that has one caller, whatever its size, which made functions of 25-100 KB (every container
# walker inside `pipeline::prepare`). V8 compiles a function lazily, whole, on its first call,
# and those giants cost most of a cold check's compile time, for code the input never runs
# (BENCHMARKS.md, "The first check"). 0 gives the smallest module but costs warm checks 7-9 %;
# 500 costs them nothing measurable and compiles as little on the first check. 300, with
# --converge (passes repeated until the module stops shrinking), since the fourth crafted set's
# report bounds: 796 B brotli smaller than 500 without it, which the 250,000 B ceiling needed
# (BENCHMARKS.md, "Size of the browser module").
# --no-inline (it must come before the passes it restrains): functions whose loops run over the
# whole input and that Rust keeps out of line (`#[inline(never)]`) stay out of line here too, so
# that the function V8 tiers up during the first check is the small loop, not the walker it
# would otherwise be inlined into (BENCHMARKS.md, "The first check's tier-up"). Each pattern
# must name a function of the wasm-bindgen output, or the build fails: a rename would
# otherwise drop the exemption without a word.
NO_INLINE=('*jpeg*Walker*skip_entropy*')
for pattern in "${NO_INLINE[@]}"; do
  # The glob as a regular expression, looked for in the name section.
  if ! grep -q -a -E "${pattern//\*/.*}" "$OUT/ailabel_bg.wasm"; then
    echo "build-wasm: no function matches the --no-inline pattern $pattern" >&2
    exit 1
  fi
done
"$WASM_OPT" "${NO_INLINE[@]/#/--no-inline=}" -Oz -Oz --one-caller-inline-max-function-size 300 \
  --converge \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT/ailabel_bg.wasm" -o "$OUT/ailabel_bg.wasm.opt"
mv "$OUT/ailabel_bg.wasm.opt" "$OUT/ailabel_bg.wasm"
rm -f "$OUT/ailabel_text.bin"

# The text part (the text readers, the disclosure grammar's tables and the Unicode data: the
# crate with the `text-module` feature, src/wasm_text.rs), which the core loads only when an
# input has text to read (src/labels/text/part.rs, src/wasm/text_data.rs). A plain module: only
# its three entry points and its memory are kept (the wasm-bindgen helpers the crate links go),
# and the imports nothing reachable calls are removed.
bash scripts/build-text-part.sh "$OUT/ailabel_text.wasm"
node scripts/wasm-size.mjs

# The report renderer (src/export/), a separate module the page loads only when it draws a
# provenance picture or writes an HTML report, so the core stays within its size budget.
(cd crates/export-wasm && CARGO_TARGET_DIR="$(cd ../.. && realpath -m "$TARGET_DIR")" \
  cargo build --lib --target wasm32-unknown-unknown --profile wasm)
wasm-bindgen --target web --no-typescript --out-dir "$OUT" \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm/ailabel_export.wasm"
"$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$OUT/ailabel_export_bg.wasm" -o "$OUT/ailabel_export_bg.wasm.opt"
mv "$OUT/ailabel_export_bg.wasm.opt" "$OUT/ailabel_export_bg.wasm"
node -e "import('./scripts/wasm-size.mjs').then(({measure}) => { const s = measure('$OUT/ailabel_export_bg.wasm'); console.log('export wasm size: ' + s.raw + ' B raw, ' + s.brotli + ' B brotli'); })"
