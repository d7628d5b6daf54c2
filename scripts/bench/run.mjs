#!/usr/bin/env node
// `npm run bench`: ailabel's browser module side by side with @contentauth/c2pa-web (the pinned
// devDependency) in one headless Chromium run, on the research corpus's baseline list. Writes a
// markdown report (the table BENCHMARKS.md shows) to stdout and --out, raw numbers to --json.
//
//   npm run bench -- [--corpus DIR] [--list FILE] [--level page|engine] [--runs 11] [--warmup 2] [--cold 5]
//                    [--cold-file REL] [--out report.md] [--json results.json] [--input-sha256]
//
// Method (the one the issue-13 targets were measured with, by the research team's instrument):
// - level: `page` (default) times each implementation as a page uses it, from the main thread
//   through its own worker (ailabel: www/js/checker.js; c2pa-web: createC2pa and its reader);
//   `engine` times both engines' wasm-bindgen glue called directly inside one worker;
// - cold start: every sample in a new browser context (its own renderer, no shared V8 state),
//   the server sends `Cache-Control: no-store` (no HTTP cache, no wasm code cache); the page
//   times import of the JS, init (fetch + compileStreaming + instantiate + worker), first check;
// - warm: both implementations live on one page; one untimed pass over the list, then per file
//   `warmup` untimed and `runs` timed rounds, alternating A B / B A; the file's ratio is the median
//   of the per-round ratios ours/theirs, the corpus figure their geometric mean (stats.mjs);
// - the wasm each implementation fetched during its cold start: raw, gzip -9 and brotli -q 11;
// - the engines' wasm linear memory after checking the list (engine-worker.mjs);
// - the same work on both sides: ailabel with watermarks off and without the report's whole-input
//   SHA-256 (`inputSha256: false`), neither of which c2pa-web does; --input-sha256 keeps the hash.
// The page is cross-origin isolated (COOP + COEP), which gives performance.now() 5 µs steps, and
// every host name but 127.0.0.1 is unresolvable, so nothing leaves the machine.
// Needs the corpus (outside the repository), www/pkg (`npm run build`) and Chromium
// (/usr/bin/chromium or CHROMIUM=...). Not part of `npm test`.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { median, min } from './stats.mjs';
import { compressedSizes, report } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const IMPLS = ['c2pa-web', 'ailabel']; // A = the reference, B = ours

const TYPES = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif',
  avif: 'image/avif', heic: 'image/heic', heif: 'image/heif', tif: 'image/tiff', tiff: 'image/tiff',
  svg: 'image/svg+xml', mp4: 'video/mp4', mov: 'video/quicktime', m4a: 'audio/mp4', mp3: 'audio/mpeg',
  wav: 'audio/wav', pdf: 'application/pdf', c2pa: 'application/c2pa',
};
const SERVE = { html: 'text/html', js: 'text/javascript', mjs: 'text/javascript', json: 'application/json', wasm: 'application/wasm' };
const extOf = (f) => path.extname(f).slice(1).toLowerCase();

const { values: opt } = parseArgs({
  options: {
    corpus: { type: 'string' },
    list: { type: 'string', default: path.join(HERE, 'baseline.txt') },
    level: { type: 'string', default: 'page' },
    runs: { type: 'string', default: '11' },
    warmup: { type: 'string', default: '2' },
    cold: { type: 'string', default: '5' },
    'cold-file': { type: 'string' },
    'input-sha256': { type: 'boolean', default: false },
    out: { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 7).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const fail = (msg) => {
  console.error(`bench: ${msg}`);
  process.exit(2);
};

// The corpus: --corpus, else AILABEL_CORPUS, else ../shared/corpus or ../../shared/corpus (a git
// worktree), as scripts/corpus.sh finds it for the tests.
// --corpus is taken from the current folder, the defaults from the repository's root.
const candidates = opt.corpus ? [path.resolve(opt.corpus)]
  : [process.env.AILABEL_CORPUS, '../shared/corpus', '../../shared/corpus'].filter(Boolean).map((c) => path.resolve(ROOT, c));
const corpus = candidates.find((c) => fs.statSync(c, { throwIfNoEntry: false })?.isDirectory());
if (!corpus) {
  fail(`no corpus folder (looked for ${candidates.join(', ')}). The benchmark reads the research ` +
    'corpus, which is not part of the repository: pass --corpus DIR or set AILABEL_CORPUS.');
}
if (!['page', 'engine'].includes(opt.level)) fail('--level is page or engine');
const LEVEL = opt.level;
if (!fs.existsSync(opt.list)) fail(`no file list at ${opt.list}`);
const RUNS = Number(opt.runs), WARMUP = Number(opt.warmup), COLD = Number(opt.cold);
if (![RUNS, WARMUP, COLD].every((n) => Number.isInteger(n) && n >= 0) || RUNS < 1) fail('--runs, --warmup and --cold take whole numbers (runs ≥ 1)');
for (const need of ['www/pkg/ailabel_bg.wasm', 'node_modules/@contentauth/c2pa-web/package.json']) {
  if (!fs.existsSync(path.join(ROOT, need))) fail(`${need} is missing: run npm ci and npm run build first`);
}
if (!fs.existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (set CHROMIUM=...)`);

const names = fs.readFileSync(opt.list, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
if (!names.length) fail(`${opt.list} names no files`);
const missing = names.filter((rel) => !fs.existsSync(path.join(corpus, rel)));
if (missing.length) fail(`${missing.length} of ${names.length} listed files are not in ${corpus}, first: ${missing[0]}`);
const files = names.map((rel) => ({ rel, size: fs.statSync(path.join(corpus, rel)).size, type: TYPES[extOf(rel)] ?? 'application/octet-stream' }));
const coldFile = opt['cold-file']
  ? files.find((f) => f.rel === opt['cold-file']) ?? fail(`--cold-file ${opt['cold-file']} is not in the list`)
  : files.filter((f) => f.type === 'image/jpeg').sort((a, b) => Math.abs(a.size - 1e6) - Math.abs(b.size - 1e6))[0] ?? files[0];
const urlOf = (rel) => '/corpus/' + rel.split('/').map(encodeURIComponent).join('/');

const t0 = Date.now();
const log = (...a) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(0)}s]`, ...a);

// A static server for the repository's www/ and node_modules/, this folder and the corpus.
const mounts = [['/www/', path.join(ROOT, 'www')], ['/node_modules/', path.join(ROOT, 'node_modules')], ['/bench/', HERE], ['/corpus/', corpus]];
const fetchedWasm = new Set();
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  const m = mounts.find(([prefix]) => p.startsWith(prefix));
  const file = m && path.resolve(m[1], '.' + p.slice(m[0].length - 1));
  if (!m || !file.startsWith(path.resolve(m[1]) + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  if (file.endsWith('.wasm')) fetchedWasm.add(file);
  res.writeHead(200, {
    'Content-Type': SERVE[extOf(file)] ?? TYPES[extOf(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const loadStart = os.loadavg();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    '--js-flags=--expose-gc'],
});
const within = (p, ms, what) => Promise.race([p, new Promise((_, reject) =>
  setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms).unref())]);

async function freshPage() {
  const context = await browser.newContext(); // a new renderer process each time
  const page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && log('console:', m.text()));
  // The page and its engine worker read ailabel's options from the query (page.mjs).
  await page.goto(`${base}/bench/page.html${opt['input-sha256'] ? '?inputSha256' : ''}`);
  await page.waitForFunction(() => window.benchReady);
  if (!(await page.evaluate(() => window.bench.crossOriginIsolated))) throw new Error('the page is not cross-origin isolated');
  return page;
}

const results = { cold: Object.fromEntries(IMPLS.map((n) => [n, []])), wasm: Object.fromEntries(IMPLS.map((n) => [n, new Set()])) };
log(`Chromium ${browser.version()}; corpus ${corpus}; ${files.length} files; cold file ${coldFile.rel}`);
for (let rep = 0; rep < COLD; rep++) {
  for (const name of rep % 2 ? [...IMPLS].reverse() : IMPLS) {
    const page = await freshPage();
    fetchedWasm.clear();
    const r = await within(page.evaluate(([l, n, u, t]) => window.bench.cold(l, n, u, t), [LEVEL, name, urlOf(coldFile.rel), coldFile.type]), 120e3, `cold start of ${name}`);
    fetchedWasm.forEach((f) => results.wasm[name].add(f));
    results.cold[name].push(r);
    log(`cold ${rep + 1}/${COLD} ${name}: ${r.totalMs.toFixed(1)} ms (${r.summary.state ?? r.summary.error})`);
    await page.context().close();
  }
}

const page = await freshPage();
await within(page.evaluate(([l, n]) => window.bench.load(l, n), [LEVEL, IMPLS]), 120e3, 'loading both implementations');
log('untimed pass over the list');
for (const f of files) await within(page.evaluate(([l, n, u, t]) => window.bench.run(l, n, u, t, 0, 1), [LEVEL, IMPLS, urlOf(f.rel), f.type]), 300e3, f.rel);
for (const [i, f] of files.entries()) {
  f.res = await within(page.evaluate(([l, n, u, t, r, w]) => window.bench.run(l, n, u, t, r, w), [LEVEL, IMPLS, urlOf(f.rel), f.type, RUNS, WARMUP]), 300e3, f.rel);
  log(`${i + 1}/${files.length} ${f.rel}: ${IMPLS.map((n) => `${n} ${median(f.res[n].samples)?.toFixed(2)} ms`).join(', ')}`);
}
log('linear memory');
const memory = await within(page.evaluate(([l, n, list]) => window.bench.memory(l, n, list), [LEVEL, IMPLS, files.map((f) => ({ url: urlOf(f.rel), type: f.type }))]), 600e3, 'memory probe');
memory.largestInput = Math.max(...files.map((f) => f.size));
const chromiumVersion = browser.version();
await browser.close();
server.close();
const loadEnd = os.loadavg();

log('compressing the wasm files (brotli -q 11 of c2pa-web takes a while)');
const cacheDir = path.join(ROOT, 'node_modules/.cache/ailabel-bench');
const sizes = Object.fromEntries(IMPLS.map((n) => [n, [...results.wasm[n]].map((f) => ({ file: path.relative(ROOT, f), ...compressedSizes(f, cacheDir) }))]));

const versionOf = (pkg) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const meta = {
  date: new Date().toISOString(),
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  host: `${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
  load: { start: loadStart.map((x) => x.toFixed(2)), end: loadEnd.map((x) => x.toFixed(2)) },
  software: `Chromium ${chromiumVersion} (headless), Node ${process.version}, @contentauth/c2pa-web ${versionOf('@contentauth/c2pa-web')} ` +
    `(c2pa-wasm ${versionOf('@contentauth/c2pa-wasm')}), ailabel ${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}`,
  level: LEVEL,
  corpus: path.basename(corpus), list: path.relative(ROOT, path.resolve(opt.list)), runs: RUNS, warmup: WARMUP, coldSamples: COLD,
  coldFile,
  inputSha256: opt['input-sha256'],
};
const data = { meta, impls: IMPLS, cold: results.cold, sizes, memory, files: files.map(({ rel, size, res }) => ({ rel, size, res })) };
const text = report(data, { median, min });
process.stdout.write(text);
if (opt.out) fs.writeFileSync(opt.out, text);
if (opt.json) fs.writeFileSync(opt.json, JSON.stringify(data, null, 1));
