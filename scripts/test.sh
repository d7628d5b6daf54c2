#!/usr/bin/env bash
# The one test entry point (`npm test`): what CI runs and what developers run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo fmt --check
# The fuzz workspace's lock file is current: the smoke's --locked build refuses a stale one, late.
cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null
node scripts/text-eval-check.mjs
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked

# Supply chain (deny.toml): licences, bans, duplicates, sources. Advisories need the network.
if cargo deny --version >/dev/null 2>&1; then
  cargo deny --locked check licenses bans sources
else
  echo "cargo-deny is not installed (cargo install --locked cargo-deny): supply-chain check skipped"
fi

# Fuzz smoke (FUZZING.md): every target replays its seeds; 30 s of new inputs each on nightly.
bash scripts/fuzz-smoke.sh
# FUZZING.md's campaign table is the one fuzz/campaigns.tsv gives.
node scripts/fuzz-table.mjs --check
# The time and memory promises, on the bombs, through the release CLI.
bash scripts/bounds.sh

# The tests over the full research corpus (outside the repository), reported as ignored above;
# run here when the corpus is present, as it is in CI.
source scripts/corpus.sh
if [[ -n "${AILABEL_CORPUS:-}" ]]; then
  cargo test --test it -- --ignored full_corpus
else
  echo "no research corpus (AILABEL_CORPUS): the full_corpus tests stay ignored"
fi

# The browser build, its size budget, the wasm API in headless Chromium, the page end to end.
cargo clippy --locked --target wasm32-unknown-unknown --no-default-features --all-targets -- -D warnings
bash scripts/build-wasm.sh
node scripts/wasm-size.mjs --check
bash scripts/test-wasm.sh
node --test --test-concurrency=1 tests/e2e/

# The browser extension: built from www/pkg, loaded into headless Chromium, linted for Firefox.
node scripts/build-extension.mjs
node --test --test-concurrency=1 tests/extension/

# Packaging: one version everywhere, licences, THIRD-PARTY.md, the installed CLI (slow: cargo
# install), the store zips, the npm tarball (tests/packaging/).
node --test --test-concurrency=1 tests/packaging/
