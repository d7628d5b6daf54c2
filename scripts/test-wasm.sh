#!/usr/bin/env bash
# Runs tests/wasm.rs (wasm-bindgen-test) in headless Chromium through chromedriver.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
# The corpus files the tests embed (include_bytes!): AILABEL_CORPUS, else ../shared/corpus, else ../../shared/corpus.
if [[ -z "${AILABEL_CORPUS:-}" ]]; then
  for c in ../shared/corpus ../../shared/corpus; do
    [[ -d $c ]] && { AILABEL_CORPUS=$(cd "$c" && pwd); break; }
  done
fi
export AILABEL_CORPUS="${AILABEL_CORPUS:-}"
cargo test --target wasm32-unknown-unknown --no-default-features --test wasm
