#!/usr/bin/env bash
# Build the fuzz seed corpora in fuzz/seeds/<target>/ from tests/fixtures and the test builders
# (the test signer's files included). Not committed: rebuilt whenever wanted (FUZZING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf fuzz/seeds
mkdir -p fuzz/seeds
AILABEL_FUZZ_SEEDS="$PWD/fuzz/seeds" cargo test --locked --test it -- --ignored --exact fuzz::fuzz_write_seeds --nocapture
