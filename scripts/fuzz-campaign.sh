#!/usr/bin/env bash
# A fuzzing campaign (FUZZING.md, "Campaigns"): runs each named target (default: every target)
# for SECONDS of wall time on its corpus and seeds, then appends one line per run to
# fuzz/campaigns.tsv: date, target, wall and CPU seconds (user + system, from GNU time, so a run
# at low priority on a shared machine counts only the CPU it got), executions, libFuzzer's
# final cov and ft, and the corpus size. A crash, timeout or out-of-memory stops the campaign;
# the input is in fuzz/artifacts/<target>/ and becomes a regression fixture in
# tests/fixtures/fuzz/<target>/.
#
#   bash scripts/fuzz-campaign.sh 3600 check resign     # an hour of wall time each
#   AILABEL_FUZZ_NICE=19 bash scripts/fuzz-campaign.sh 1800
#
# Needs a nightly toolchain and cargo-fuzz (`rustup toolchain install nightly`,
# `cargo install cargo-fuzz`) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: fuzz-campaign.sh SECONDS [TARGET...]}
shift
nice_level=${AILABEL_FUZZ_NICE:-0}
# libFuzzer's per-input timeout is wall time: at a low priority on a busy machine an input that
# takes 0.1 s in the release CLI can starve past 10 s, so a niced campaign wants a longer one.
# A timeout found this way is timed again with the release CLI before it counts as a finding.
timeout=${AILABEL_FUZZ_TIMEOUT:-10}
log=fuzz/campaigns.tsv
[[ -s $log ]] || printf 'date\ttarget\twall_s\tcpu_s\texecs\tcov\tft\tcorpus\n' >"$log"
[[ -d fuzz/seeds ]] || bash scripts/fuzz-seeds.sh >/dev/null
if (( $# == 0 )); then
  mapfile -t targets < <(cargo +nightly fuzz list)
else
  targets=("$@")
fi
cargo +nightly fuzz build -O
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t"
  out="fuzz/campaign-$t.log"
  date=$(date -u +%Y-%m-%dT%H:%MZ)
  # The same limits as the smoke (scripts/fuzz-smoke.sh): 10 s per input in the instrumented
  # build (unless AILABEL_FUZZ_TIMEOUT), 1 GiB RSS, inputs up to 1 MiB.
  if ! /usr/bin/time -f 'cpu %U %S wall %e' -o "fuzz/campaign-$t.time" \
      nice -n "$nice_level" cargo +nightly fuzz run -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=1024 -max_len=1048576 \
      -print_final_stats=1 >"$out" 2>&1; then
    echo "FINDING: $t (see $out and fuzz/artifacts/$t/)"
    tail -40 "$out"
    exit 1
  fi
  read -r _ user sys _ wall <"fuzz/campaign-$t.time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", u + s }')
  # -a: a log can hold bytes of the inputs, and grep would then print "binary file matches".
  execs=$(grep -a '^stat::number_of_executed_units:' "$out" | sed 's/.*: *//' | tail -1)
  last=$(grep -aE '^#[0-9]+' "$out" | grep -aE 'cov: [0-9]+' | tail -1 || true)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
  corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  printf '%s\t%s\t%.0f\t%s\t%s\t%s\t%s\t%s\n' "$date" "$t" "$wall" "$cpu" "${execs:-?}" \
    "${cov:-?}" "${ft:-?}" "$corpus" >>"$log"
  tail -1 "$log"
done
