#!/usr/bin/env bash
# The fuzz smoke test (FUZZING.md), called by scripts/test.sh:
# 1. on stable, every target replays its seeds and corpus (tests/it/fuzz.rs);
# 2. with a nightly toolchain and cargo-fuzz, every target also runs on new inputs for
#    AILABEL_FUZZ_SECONDS (default 30) seconds, two targets at a time, within a total budget of
#    AILABEL_FUZZ_BUDGET seconds (default 240): the time per target shrinks to fit it.
# A crash, timeout or out-of-memory fails the script; its input is in fuzz/artifacts/<target>/
# and becomes a regression fixture in tests/fixtures/fuzz/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/fuzz-seeds.sh >/dev/null
cargo test --locked --test it -- --ignored --exact fuzz::fuzz_replay_corpus
# The fuzz crate compiles on stable too (it includes tests/support, whose dependencies it must
# list): checked here so that a machine without cargo-fuzz still catches a target that no
# longer builds.
cargo check --locked --manifest-path fuzz/Cargo.toml --bins

if ! rustup run nightly rustc --version >/dev/null 2>&1 || ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz smoke: no nightly toolchain or cargo-fuzz; replay only"
  exit 0
fi
seconds=${AILABEL_FUZZ_SECONDS:-30}
budget=${AILABEL_FUZZ_BUDGET:-240}
[[ "$seconds" == 0 ]] && exit 0
mapfile -t targets < <(cargo +nightly fuzz list)
jobs=2
per=$(( budget * jobs / ${#targets[@]} ))
(( per < seconds )) && seconds=$per
(( seconds < 1 )) && seconds=1
echo "fuzz smoke: ${#targets[@]} targets, ${seconds} s each, ${jobs} at a time"
cargo +nightly fuzz build -O >/dev/null
run() {
  local t=$1
  mkdir -p "fuzz/corpus/$t"
  # -rss_limit_mb: the memory promise plus the fuzzer's own overhead; -timeout: 10 s per input
  # (instrumented builds are several times slower than the release CLI's 1 s promise).
  cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=1048576 \
    >"fuzz/smoke-$t.log" 2>&1 || { echo "FAILED: $t (fuzz/smoke-$t.log)"; tail -30 "fuzz/smoke-$t.log"; return 1; }
  grep -E "^#[0-9]+ +DONE" "fuzz/smoke-$t.log" | sed "s/^/$t: /"
}
export -f run
export seconds
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run {}'
