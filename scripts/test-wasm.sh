#!/usr/bin/env bash
# Runs tests/wasm.rs (wasm-bindgen-test) in headless Chromium through chromedriver.
set -euo pipefail
cd "$(dirname "$0")/.."
# The text part the tests load (the runner serves the crate's folder).
bash scripts/build-text-part.sh www/pkg/ailabel_text.wasm
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"
cargo test --locked --target wasm32-unknown-unknown --no-default-features --test wasm
