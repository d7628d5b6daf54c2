// The engine level of `npm run bench` (--level engine), and the linear-memory probe of both levels:
// a module worker that loads each engine's wasm-bindgen glue directly, with no client, worker
// messages or Blob reading of the implementation's own in between, and times check calls here.
//   ailabel   www/pkg/ailabel.js: check(bytes, { watermarks: false, inputSha256: false }) → the
//             report object (inputSha256 true when the worker's query has `inputSha256`)
//   c2pa-web  @contentauth/c2pa-wasm (the engine c2pa-web 0.13.1 runs in its worker):
//             WasmReader.fromBlob(type, blob, settings) then json(); this version has no bytes API
//             and reads the Blob with FileReaderSync, which only exists in workers
// Both offline, no trust anchors. Messages: { id, op, ...args } in, { id, ok } or { id, err } out.
const now = () => performance.now();
const gc = typeof self.gc === 'function' ? self.gc : () => {}; // --js-flags=--expose-gc
const OPTIONS = { watermarks: false, inputSha256: new URLSearchParams(self.location.search).has('inputSha256') };
const SETTINGS = JSON.stringify({ verify: { remote_manifest_fetch: false, ocsp_fetch: false } });

const ENGINES = {
  ailabel: {
    load: () => import('/www/pkg/ailabel.js'),
    async init(glue) {
      const exports = await glue.default({ module_or_path: '/www/pkg/ailabel_bg.wasm' });
      glue.setTextDataLoader(async () => new Uint8Array(await (await fetch('/www/pkg/ailabel_text.wasm')).arrayBuffer()));
      return { check: glue.check, memory: exports.memory };
    },
    async check(e, bytes) {
      const report = await e.check(bytes, OPTIONS);
      return report.c2pa?.state
        ? { state: report.c2pa.state, verdict: report.verdict }
        : { error: `no manifest store (verdict ${report.verdict})`, verdict: report.verdict };
    },
  },
  'c2pa-web': {
    load: () => import('/node_modules/@contentauth/c2pa-wasm/pkg/c2pa.js'),
    async init(glue) {
      const exports = await glue.default({ module_or_path: '/node_modules/@contentauth/c2pa-wasm/pkg/c2pa_bg.wasm' });
      return { WasmReader: glue.WasmReader, memory: exports.memory };
    },
    async check(e, bytes, type) {
      let reader;
      try {
        reader = await e.WasmReader.fromBlob(type, new Blob([bytes]), SETTINGS);
      } catch (err) {
        return { error: `no manifest store (${String(err?.message ?? err).slice(0, 60)})` };
      }
      try {
        const state = JSON.parse(reader.json()).validation_state;
        return state ? { state } : { error: 'no validation state' };
      } finally {
        reader.free();
      }
    },
  },
};

const live = new Map(); // name -> initialised engine

async function timed(name, bytes, type) {
  gc();
  const t0 = now();
  let summary;
  try {
    summary = await ENGINES[name].check(live.get(name), bytes, type);
  } catch (err) {
    summary = { error: String(err?.message ?? err).slice(0, 120) };
  }
  return { ms: now() - t0, summary };
}

const ops = {
  async cold({ name, bytes, type }) {
    const t0 = now();
    const glue = await ENGINES[name].load();
    const t1 = now();
    live.set(name, await ENGINES[name].init(glue)); // fetch + compile + instantiate
    const t2 = now();
    const first = await timed(name, bytes, type);
    return { importMs: t1 - t0, initMs: t2 - t1, firstCheckMs: first.ms, totalMs: t2 - t0 + first.ms, summary: first.summary };
  },
  async load({ names }) {
    for (const name of names) if (!live.has(name)) live.set(name, await ENGINES[name].init(await ENGINES[name].load()));
    return true;
  },
  async run({ names, bytes, type, runs, warmup }) {
    const out = Object.fromEntries(names.map((n) => [n, { samples: [], summary: null }]));
    for (let r = 0; r < warmup + runs; r++) {
      for (const name of r % 2 ? [...names].reverse() : names) {
        const { ms, summary } = await timed(name, bytes, type);
        if (r >= warmup) out[name].samples.push(ms);
        out[name].summary ??= summary;
      }
    }
    return out;
  },
  memory: () => Object.fromEntries([...live].map(([name, e]) => [name, e.memory.buffer.byteLength])),
};

self.onmessage = async ({ data: { id, op, ...args } }) => {
  try {
    self.postMessage({ id, ok: await ops[op](args) });
  } catch (err) {
    self.postMessage({ id, err: String(err?.stack ?? err) });
  }
};
