#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "setup: cargo is required" >&2; exit 1; }
rustup component add rustfmt clippy >/dev/null 2>&1 || true
