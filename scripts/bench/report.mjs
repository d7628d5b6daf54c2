// The report of `npm run bench` (scripts/bench/run.mjs): the summary table against the issue-13
// targets (the one BENCHMARKS.md shows), cold-start splits, sizes, memory and the per-file warm
// table, in markdown. Also the compressed sizes of a wasm file, cached by size and mtime.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pairedRatio, summariseWarm } from './stats.mjs';

/** Raw, gzip -9 and brotli quality 11 (window 24, as the `brotli -q 11` command) sizes. */
export function compressedSizes(file, cacheDir) {
  const st = fs.statSync(file);
  const key = `${path.resolve(file)}:${st.size}:${st.mtimeMs}`;
  const cacheFile = path.join(cacheDir, 'sizes.json');
  const cache = fs.existsSync(cacheFile) ? JSON.parse(fs.readFileSync(cacheFile, 'utf8')) : {};
  if (!cache[key]) {
    const raw = fs.readFileSync(file);
    const { BROTLI_PARAM_QUALITY: Q, BROTLI_PARAM_LGWIN: W, BROTLI_PARAM_SIZE_HINT: H } = zlib.constants;
    cache[key] = {
      raw: raw.length,
      gzip9: zlib.gzipSync(raw, { level: 9 }).length,
      brotli11: zlib.brotliCompressSync(raw, { params: { [Q]: 11, [W]: 24, [H]: raw.length } }).length,
    };
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
  }
  return cache[key];
}

const ms = (x) => (x == null ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const bytes = (n) => (n == null ? '–' : `${n.toLocaleString('en-US')} B`);
const mib = (n) => (n == null ? '–' : `${(n / 2 ** 20).toFixed(2)} MiB`);
const result = (s) => (s?.state ?? (s?.error ? `– (${s.error})` : '?')).replace(/\|/g, '/');

export function report({ meta, impls: [A, B], cold, sizes, memory, files }, { median, min }) {
  const L = [];
  const coldMed = (name, k) => median(cold[name].map((r) => r[k]));
  const coldCell = (name, k) => {
    const v = cold[name].map((r) => r[k]);
    return `${ms(median(v))} (${ms(min(v))}–${ms(Math.max(...v))})`;
  };
  const warm = summariseWarm(files.map((f) => ({
    rel: f.rel,
    ours: { samples: f.res[B].samples, ok: Boolean(f.res[B].summary?.state) },
    theirs: { samples: f.res[A].samples, ok: Boolean(f.res[A].summary?.state) },
  })));
  const brotli = (name) => sizes[name].reduce((s, x) => s + x.brotli11, 0);
  const coldRatio = coldMed(B, 'totalMs') / coldMed(A, 'totalMs');
  const memLimit = 4 * 2 ** 20 + (memory.largestInput ?? 0);
  const yes = (ok) => (ok ? 'met' : 'not met');

  L.push(`# ${B} against ${A} in headless Chromium`, '');
  L.push(`- date: ${meta.date}`, `- command: \`${meta.command}\``, `- host: ${meta.host}`);
  L.push(`- load average (1, 5, 15 min) at the start: ${meta.load.start.join(', ')}; at the end: ${meta.load.end.join(', ')}`);
  L.push(`- ${meta.software}`);
  L.push(`- corpus: ${meta.corpus}/, the ${files.length} files of ${meta.list}`);
  L.push(meta.level === 'engine'
    ? '- level: engine (both engines\' wasm-bindgen glue called directly in one worker: ailabel\'s `check(bytes)`, c2pa-wasm\'s `WasmReader.fromBlob` + `json()`)'
    : '- level: page (each as a web page uses it, from the main thread through its own worker: ailabel\'s www/js/checker.js with a Blob, c2pa-web\'s `createC2pa` → `reader.fromBlob` → `manifestStore()`)');
  L.push(`- both offline with no trust anchors (a good signature is Valid, not Trusted); ${B} with watermarks off and ${meta.inputSha256 ? 'with' : 'without'} its SHA-256 of the whole input (\`inputSha256: ${meta.inputSha256 ? 'true' : 'false'}\`)`, '');

  L.push('## Against the targets', '');
  L.push(`| | ${A} | ${B} | target | |`, '|---|---:|---:|---:|---|');
  L.push(`| warm read + validate: geometric mean of the per-file paired ratios ${B}/${A}, over the ${warm.files} files both read | 1 | **${warm.geomean?.toFixed(3) ?? '–'}** (median ${warm.median?.toFixed(3) ?? '–'}, range ${warm.min?.toFixed(2) ?? '–'}–${warm.max?.ratio.toFixed(2) ?? '–'}) | ≤ 0.20 | ${yes(warm.geomean <= 0.2)} |`);
  L.push(`| files above 0.35 | | ${warm.above.length}${warm.above.length ? ` (${warm.above.map((r) => `\`${path.basename(r.rel)}\` ${r.ratio.toFixed(2)}`).join(', ')})` : ''} | 0 | ${yes(warm.above.length === 0)} |`);
  L.push(`| cold first verdict on \`${path.basename(meta.coldFile.rel)}\` (${(meta.coldFile.size / 1024).toFixed(0)} KiB): import + init + first check, median of ${meta.coldSamples} | ${ms(coldMed(A, 'totalMs'))} ms | **${ms(coldMed(B, 'totalMs'))} ms** = ${coldRatio.toFixed(2)} of ${A} (import ${ms(coldMed(B, 'importMs'))}, init ${ms(coldMed(B, 'initMs'))}, first check ${ms(coldMed(B, 'firstCheckMs'))}) | ≤ 0.25 | ${yes(coldRatio <= 0.25)} |`);
  L.push(`| wasm fetched by the cold start, brotli -q 11 | ${bytes(brotli(A))} | **${bytes(brotli(B))}** | ≤ 250,000 B | ${yes(brotli(B) <= 250_000)} |`);
  L.push(`| wasm linear memory after checking the list | ${mib(memory[A])} | **${mib(memory[B])}** | ≤ 4 MiB + largest input (${mib(memLimit)}) | ${yes(memory[B] <= memLimit)} |`);
  L.push('', `Cross-checks of the warm figure: geometric mean of the ratio of per-file medians ${warm.geomeanOfMedians?.toFixed(3) ?? '–'}, of the ratio of per-file minimums ${warm.geomeanOfMinimums?.toFixed(3) ?? '–'}.`);

  L.push('', '## Cold start', '');
  L.push(`Each sample on a new browser context (its own renderer; \`no-store\`, so no HTTP or wasm code cache)${meta.level === 'engine' ? ', timed inside an already started worker' : ', timed on the page\'s main thread'}; median (min–max) of ${meta.coldSamples}, in ms.`, '');
  L.push('| | import JS | init: fetch + compile + instantiate + worker | first check | total | result |', '|---|---:|---:|---:|---:|---|');
  for (const n of [A, B]) L.push(`| ${n} | ${coldCell(n, 'importMs')} | ${coldCell(n, 'initMs')} | ${coldCell(n, 'firstCheckMs')} | ${coldCell(n, 'totalMs')} | ${result(cold[n][0]?.summary)} |`);
  L.push('', '| | wasm file | raw | gzip -9 | brotli -q 11 |', '|---|---|---:|---:|---:|');
  for (const n of [A, B]) for (const s of sizes[n]) L.push(`| ${n} | \`${s.file}\` | ${bytes(s.raw)} | ${bytes(s.gzip9)} | ${bytes(s.brotli11)} |`);

  L.push('', '## Warm, per file', '');
  L.push(`${meta.level === 'engine' ? 'Both engines in one worker' : 'Both on one page, each through its own worker'}; one untimed pass over the list first, then per file ${meta.warmup} untimed and ${meta.runs} timed rounds, the order alternating every round. ` +
    `Median and minimum in ms; ${B}/${A} is the median of the per-round ratios. ≠: the results differ.`, '');
  L.push(`| file | KiB | ${A} | med | min | ${B} | med | min | ${B}/${A} |`, '|---|---:|---|---:|---:|---|---:|---:|---:|');
  for (const f of files) {
    const a = f.res[A], b = f.res[B];
    const ra = result(a.summary), rb = result(b.summary);
    const ratio = a.summary?.state && b.summary?.state ? pairedRatio(b.samples, a.samples) : null;
    const same = (a.summary?.state ?? null) === (b.summary?.state ?? null);
    L.push(`| ${f.rel} | ${(f.size / 1024).toFixed(0)} | ${ra} | ${ms(median(a.samples))} | ${ms(min(a.samples))} | ${rb}${same ? '' : ' ≠'} | ${ms(median(b.samples))} | ${ms(min(b.samples))} | ${ratio?.toFixed(2) ?? '–'} |`);
  }
  return L.join('\n') + '\n';
}
