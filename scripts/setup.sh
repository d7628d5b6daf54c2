#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is already there. The one
# install script CI runs; `npm start` and `npm test` run it too, so a fresh machine needs nothing
# else. `--for-build`: only what `npm start` needs (no browser).
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_BINDGEN_VERSION=0.2.130
FOR_BUILD=0
[[ "${1:-}" == "--for-build" ]] && FOR_BUILD=1

command -v cargo >/dev/null || { echo "setup: cargo is required (https://rustup.rs)" >&2; exit 1; }
command -v node >/dev/null || { echo "setup: node (>= 18) is required" >&2; exit 1; }
rustup component add rustfmt clippy >/dev/null 2>&1 || true

# The browser build target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI: must match the `=` pin of the wasm-bindgen crate in Cargo.toml.
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm devDependencies (playwright-core, binaryen for wasm-opt). Never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ! -x node_modules/.bin/wasm-opt || ! -d node_modules/playwright-core || ! -x node_modules/.bin/web-ext || ! -x node_modules/.bin/tsc ]]; then
  if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

# GNU time, for the bounds test's peak-RSS measurements (scripts/bounds.sh).
if [[ $FOR_BUILD == 0 && ! -x /usr/bin/time ]]; then
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y time
fi

# Headless Chromium and its WebDriver, for wasm-bindgen-test and the Playwright tests.
if [[ $FOR_BUILD == 0 && ( ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ) ]]; then
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
fi

# openssl: the remote-manifest e2e tests make a throwaway TLS certificate for their local
# HTTPS server with it.
if [[ $FOR_BUILD == 0 ]] && ! command -v openssl >/dev/null; then
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y openssl
fi

# pdftotext (Debian's poppler-utils): the e2e test of the HTML report prints it to PDF with
# Chromium and reads the text back.
if [[ $FOR_BUILD == 0 && ! -x /usr/bin/pdftotext ]]; then
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y poppler-utils
fi
