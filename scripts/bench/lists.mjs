// What the trust lists cost a browser check: warm checks of one file through www/pkg's glue on
// a page of headless Chromium, with the lists the page turns on by default (the official C2PA
// list and TSA list, and the legacy CAI list), taken from tests/fixtures/trust/. The first
// checks are untimed; the rest give the median and minimum in ms.
//   node scripts/bench/lists.mjs [--file tests/fixtures/…] [--runs 25] [--warmup 5] [--no-lists]
// Needs a build (`bash scripts/build-wasm.sh`) and /usr/bin/chromium (or CHROMIUM=...).
// Not part of `npm test`; BENCHMARKS.md records its results.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { median, min } from './stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opt } = parseArgs({
  options: {
    file: { type: 'string', default: 'tests/fixtures/c2pa/generators/photo-rddm-validate-protected.jpg' },
    runs: { type: 'string', default: '25' },
    warmup: { type: 'string', default: '5' },
    'no-lists': { type: 'boolean', default: false },
  },
});
const RUNS = Number(opt.runs), WARMUP = Number(opt.warmup);
if (![RUNS, WARMUP].every((n) => Number.isInteger(n) && n >= 0) || RUNS < 1) {
  console.error('lists.mjs: --runs and --warmup take whole numbers (runs ≥ 1)');
  process.exit(2);
}
const { server, url: base } = await serve({ port: 0, root: ROOT, quiet: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  await page.goto(`${base}www/index.html`);
  const out = await page.evaluate(async ([file, runs, warmup, lists]) => {
    const text = async (p) => (await fetch(`/tests/fixtures/trust/${p}`)).text();
    const opts = { watermarks: false };
    if (lists) {
      opts.trustAnchors = [await text('c2pa_tl/C2PA-TRUST-LIST.pem')];
      opts.tsaAnchors = [await text('c2pa_tl/C2PA-TSA-TRUST-LIST.pem')];
      opts.legacyTrustAnchors = [await text('interim/interim-anchors.pem')];
      opts.legacyAllowedList = [await text('interim/interim-allowed.pem')];
      opts.legacyTrustConfig = [await text('interim/interim-store.cfg')];
    }
    const glue = await import('/www/pkg/ailabel.js');
    await glue.default({ module_or_path: '/www/pkg/ailabel_bg.wasm' });
    const bytes = new Uint8Array(await (await fetch(`/${file}`)).arrayBuffer());
    const ms = [];
    let report;
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      report = await glue.check(bytes, opts);
      if (i >= warmup) ms.push(performance.now() - t0);
    }
    return { ms, verdict: report.verdict, state: report.c2pa?.state ?? null };
  }, [opt.file, RUNS, WARMUP, !opt['no-lists']]);
  const lists = opt['no-lists'] ? 'no lists' : 'built-in lists';
  console.log(`${opt.file} (${lists}): median ${median(out.ms).toFixed(1)} ms, min ${min(out.ms).toFixed(1)} ms over ${RUNS}; ${out.verdict}, ${out.state}`);
} finally {
  await browser.close();
  server.close();
}
