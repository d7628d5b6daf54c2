#!/usr/bin/env bash
# The bounds test (tests/it/bounds.rs): generate the bombs, build the release CLI, and check
# every bomb against the README's time and memory promises with /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/make-bombs.mjs >/dev/null
cargo build --locked --release --bin ailabel
target=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
AILABEL_RELEASE_BIN="$target/release/ailabel" \
  cargo test --locked --test it -- --ignored --exact bounds::bounds_every_bomb_within_the_time_and_memory_promises --nocapture
