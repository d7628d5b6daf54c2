// The page side of `npm run bench`: the two implementations behind one small interface, and the
// timed loops, called by scripts/bench/run.mjs through page.evaluate(window.bench.*).
//
// Two levels. `page` (the default): each implementation runs the way a web page uses it, from this
// page's main thread through its own worker:
//   ailabel   www/js/checker.js (the page's and the extension's client): WebAssembly.compileStreaming
//             once, the compiled module posted to www/js/worker.js, check(File) answered by message.
//   c2pa-web  its documented API: createC2pa({ wasmSrc }) (compileStreaming, its own worker), then
//             reader.fromBlob(type, blob) and reader.manifestStore().
// Both get the same Blob, do a full read + validate offline (no remote manifests, no OCSP) with no
// trust anchors, so a good signature comes out Valid, not Trusted. ailabel's watermark detection is
// off (c2pa-web has none, and it needs decoded pixels), and so is its SHA-256 of the whole input
// for the report's `input.sha256` (c2pa-web hashes only what the manifest binds), unless the page's
// query has `inputSha256` (run.mjs --input-sha256).
// `engine`: both engines' glue in one worker of this page, timed there (engine-worker.mjs), the
// level the issue-13 targets were first measured at.
const now = () => performance.now();
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {}; // --js-flags=--expose-gc

const C2PA_WEB = '/node_modules/@contentauth/c2pa-web/dist/';
const OPTIONS = { watermarks: false, inputSha256: new URLSearchParams(location.search).has('inputSha256') };

const IMPLS = {
  ailabel: {
    async load() {
      const { Checker } = await import('/www/js/checker.js');
      return Checker;
    },
    async init(Checker) {
      const checker = new Checker();
      // ready() compiles and starts the worker; the worker answers 'ready' once instantiated.
      const instantiated = new Promise((resolve) => { checker.onversion = resolve; });
      await checker.ready();
      await instantiated;
      return checker;
    },
    async check(checker, blob) {
      const report = await checker.check(blob, OPTIONS);
      return report;
    },
    summary(report) {
      return report.c2pa?.state
        ? { state: report.c2pa.state, verdict: report.verdict }
        : { error: `no manifest store (verdict ${report.verdict})`, verdict: report.verdict };
    },
  },
  'c2pa-web': {
    async load() {
      const { createC2pa } = await import(C2PA_WEB + 'index.js');
      return createC2pa;
    },
    async init(createC2pa) {
      return createC2pa({
        wasmSrc: C2PA_WEB + 'resources/c2pa_bg.wasm',
        settings: { verify: { remoteManifestFetch: false, ocspFetch: false } },
      });
    },
    async check(c2pa, blob) {
      const reader = await c2pa.reader.fromBlob(blob.type, blob);
      if (!reader) return null;
      try {
        return await reader.manifestStore();
      } finally {
        await reader.free();
      }
    },
    summary(store) {
      return store?.validation_state ? { state: store.validation_state } : { error: 'no manifest store' };
    },
  },
};

async function blobOf(url, type) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Blob([await res.arrayBuffer()], { type });
}

async function timed(impl, handle, blob) {
  gc();
  const t0 = now();
  let out;
  try {
    out = await impl.check(handle, blob);
  } catch (e) {
    return { ms: now() - t0, summary: { error: String(e?.message ?? e).slice(0, 120) } };
  }
  const ms = now() - t0;
  return { ms, summary: impl.summary(out) };
}

// The engine level and the memory probe run in engine-worker.mjs.
function engineWorker() {
  const worker = new Worker(`/bench/engine-worker.mjs${location.search}`, { type: 'module' });
  const pending = new Map();
  let next = 0;
  worker.onmessage = ({ data: { id, ok, err } }) => {
    const p = pending.get(id);
    pending.delete(id);
    err ? p.reject(new Error(err)) : p.resolve(ok);
  };
  worker.onerror = (e) => { for (const p of pending.values()) p.reject(new Error(e.message || 'engine worker failed')); };
  const call = (op, args, transfer = []) => new Promise((resolve, reject) => {
    const id = next++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, ...args }, transfer);
  });
  return { call, terminate: () => worker.terminate() };
}

const live = new Map(); // name -> handle, for the warm runs at page level
let engines = null; // the engine worker, for the warm runs at engine level

window.bench = {
  crossOriginIsolated,

  // One cold start on this fresh page. Page level: import the JS, init (fetch + compileStreaming +
  // instantiate + the implementation's worker), first check. Engine level: the same steps for the
  // glue inside an already started worker. The file is fetched before the clock starts.
  async cold(level, name, fileUrl, type) {
    const blob = await blobOf(fileUrl, type);
    if (level === 'engine') {
      const w = engineWorker();
      await w.call('memory'); // the worker is up before the clock starts
      const bytes = new Uint8Array(await blob.arrayBuffer());
      try {
        return await w.call('cold', { name, bytes, type });
      } finally {
        w.terminate();
      }
    }
    const impl = IMPLS[name];
    const t0 = now();
    const api = await impl.load();
    const t1 = now();
    const handle = await impl.init(api);
    const t2 = now();
    const first = await timed(impl, handle, blob);
    return { importMs: t1 - t0, initMs: t2 - t1, firstCheckMs: first.ms, totalMs: t2 - t0 + first.ms, summary: first.summary };
  },

  async load(level, names) {
    if (level === 'engine') {
      engines = engineWorker();
      await engines.call('load', { names });
      return;
    }
    for (const name of names) {
      const impl = IMPLS[name];
      live.set(name, await impl.init(await impl.load()));
    }
  },

  // One file: `warmup` untimed then `runs` timed rounds; the order of the implementations
  // alternates every round (A B, B A, ...), so drift and bursts fall on both.
  async run(level, names, fileUrl, type, runs, warmup) {
    const blob = await blobOf(fileUrl, type);
    if (level === 'engine') {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      return engines.call('run', { names, bytes, type, runs, warmup }, [bytes.buffer]);
    }
    const out = Object.fromEntries(names.map((n) => [n, { samples: [], summary: null }]));
    for (let r = 0; r < warmup + runs; r++) {
      const order = r % 2 ? [...names].reverse() : names;
      for (const name of order) {
        const { ms, summary } = await timed(IMPLS[name], live.get(name), blob);
        if (r >= warmup) out[name].samples.push(ms);
        out[name].summary ??= summary;
      }
    }
    return out;
  },

  // Each engine's wasm linear memory after the warm runs. The page level keeps the instances
  // inside the implementations' workers, out of reach; there a fresh engine worker checks every
  // file `passes` times with the same calls those workers make, and reports its memory.
  async memory(level, names, files, passes = 3) {
    if (level === 'engine') return engines.call('memory');
    const w = engineWorker();
    try {
      await w.call('load', { names });
      for (let p = 0; p < passes; p++) {
        for (const { url, type } of files) {
          const bytes = new Uint8Array(await (await blobOf(url, type)).arrayBuffer());
          await w.call('run', { names, bytes, type, runs: 0, warmup: 1 }, [bytes.buffer]);
        }
      }
      return await w.call('memory');
    } finally {
      w.terminate();
    }
  },
};
window.benchReady = true;
