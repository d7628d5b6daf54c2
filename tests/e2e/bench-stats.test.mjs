// The statistics of `npm run bench` (scripts/bench/stats.mjs), without a browser or the corpus:
// medians, the paired per-round ratio, the geometric mean, and the corpus summary against the
// issue-13 ceiling. Expected values are worked out by hand from the inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geomean, median, min, pairedRatio, percentile, summariseWarm } from '../../scripts/bench/stats.mjs';

const close = (actual, expected, what) => assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);

test('median and minimum skip non-numbers and handle even and empty lists', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([NaN, 5, null, 1]), 3);
  assert.equal(median([]), null);
  assert.equal(min([4, 2, NaN, 9]), 2);
  assert.equal(min([]), null);
  assert.equal(percentile([5, 1, 4, 2, 3], 90), 5);
  assert.equal(percentile([5, 1, 4, 2, 3], 40), 2);
});

test('the geometric mean of ratios treats a halving and a doubling as even', () => {
  close(geomean([0.5, 2]), 1, 'geomean(0.5, 2)');
  close(geomean([0.25, 1]), 0.5, 'geomean(0.25, 1)');
  close(geomean([0.1, 0.1, 0.1]), 0.1, 'geomean of equal values');
  assert.equal(geomean([]), null);
  assert.equal(geomean([1, 0]), null, 'a zero ratio has no logarithm');
});

test('the paired ratio is the median of per-round ratios, so a burst hitting one round does not move it', () => {
  // A burst in round 2 of the reference and round 3 of ours: per-round ratios 0.1, 0.02, 0.5.
  close(pairedRatio([1, 1, 5], [10, 50, 10]), 0.1, 'paired ratio');
  // Bursts in rounds 2 and 3 that hit both members of the round cancel exactly.
  close(pairedRatio([1, 5, 5], [10, 50, 50]), 0.1, 'paired ratio with bursts hitting both');
  // The ratio of medians moves with an unpaired burst: ours [1, 5, 5] against [10, 10, 50] gives 5 / 10.
  close(median([1, 5, 5]) / median([10, 10, 50]), 0.5, 'ratio of medians');
  assert.equal(pairedRatio([1, 2], [0, 0]), null, 'no usable round');
  close(pairedRatio([2, 3, 4], [4, 6]), 0.5, 'unpaired trailing rounds are left out');
});

test('the corpus summary takes the files both read, the geometric mean, the maximum and the files above the ceiling', () => {
  const file = (rel, ours, theirs, ok = [true, true]) => ({ rel, ours: { samples: ours, ok: ok[0] }, theirs: { samples: theirs, ok: ok[1] } });
  const s = summariseWarm([
    file('a.jpg', [1, 1, 1], [10, 10, 10]), // 0.1
    file('b.jpg', [4, 4, 4], [10, 10, 10]), // 0.4: above 0.35
    file('c.png', [2.5, 2.5, 2.5], [10, 10, 10]), // 0.25
    file('d.jpg', [9, 9, 9], [1, 1, 1], [false, true]), // ours read no manifest store: left out
    file('e.jpg', [1, 1, 1], [1, 1, 1], [true, false]), // theirs threw: left out
  ]);
  assert.equal(s.files, 3);
  close(s.geomean, Math.cbrt(0.1 * 0.4 * 0.25), 'geometric mean');
  close(s.median, 0.25, 'median');
  close(s.min, 0.1, 'min');
  assert.equal(s.max.rel, 'b.jpg');
  assert.deepEqual(s.above.map((r) => r.rel), ['b.jpg']);
  close(s.geomeanOfMedians, Math.cbrt(0.1 * 0.4 * 0.25), 'ratio of medians');
});
