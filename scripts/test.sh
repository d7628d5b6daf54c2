#!/usr/bin/env bash
# The one test entry point (`npm test`): what CI runs and what developers run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test
