// The statistics of `npm run bench` (scripts/bench/run.mjs), kept apart so that a unit test can
// check them without a browser (tests/e2e/bench-stats.test.mjs).
//
// The warm comparison is paired: in round k both implementations check the same file back to
// back (order alternating), so a burst of other load on the machine slows both samples of the
// round. The ratio ours_k / theirs_k cancels most of it; the file's ratio is the median of those
// round ratios, and the corpus figure is the geometric mean of the files' ratios (a mean of
// ratios must be geometric: 0.5 and 2 average to 1, not 1.25).

/** Median of finite numbers; null for an empty list. */
export function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Smallest finite number; null for an empty list. */
export function min(xs) {
  const s = xs.filter(Number.isFinite);
  return s.length ? Math.min(...s) : null;
}

/** Geometric mean of positive numbers; null for an empty list or a non-positive entry. */
export function geomean(xs) {
  if (xs.length === 0 || xs.some((x) => !(x > 0) || !Number.isFinite(x))) return null;
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

/**
 * Median over rounds of ours[k] / theirs[k]. Rounds where either sample is missing, or
 * theirs is zero, are left out. Null when no round pairs up.
 */
export function pairedRatio(ours, theirs) {
  const r = [];
  for (let k = 0; k < Math.min(ours.length, theirs.length); k++) {
    const q = ours[k] / theirs[k];
    if (Number.isFinite(q) && q > 0) r.push(q);
  }
  return median(r);
}

/** Nearest-rank percentile (p in 0..100) of finite numbers; null for an empty list. */
export function percentile(xs, p) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1];
}

/**
 * The corpus summary of the warm runs. `files` are { rel, ours: {samples, ok}, theirs: {samples, ok} }
 * where `ok` says that the implementation read a manifest store (a state came back). Ratios are
 * taken over the files both read; `limit` is the per-file ceiling the target sets.
 */
export function summariseWarm(files, limit = 0.35) {
  const both = files.filter((f) => f.ours.ok && f.theirs.ok);
  const ratios = both.map((f) => ({ rel: f.rel, ratio: pairedRatio(f.ours.samples, f.theirs.samples) }))
    .filter((r) => r.ratio != null);
  const values = ratios.map((r) => r.ratio);
  const max = ratios.reduce((m, r) => (m == null || r.ratio > m.ratio ? r : m), null);
  return {
    files: ratios.length,
    geomean: geomean(values),
    median: median(values),
    min: min(values),
    max,
    above: ratios.filter((r) => r.ratio > limit).sort((a, b) => b.ratio - a.ratio),
    // Cross-checks that do not pair rounds: ratio of the per-file medians and of the minimums.
    geomeanOfMedians: geomean(both.map((f) => median(f.ours.samples) / median(f.theirs.samples)).filter((x) => x > 0)),
    geomeanOfMinimums: geomean(both.map((f) => min(f.ours.samples) / min(f.theirs.samples)).filter((x) => x > 0)),
  };
}
