// The checker client: runs the wasm in a module worker, compiled once and reused.
//
//   const checker = new Checker();               // or new Checker({ wasmUrl, workerUrl })
//   const report = await checker.check(fileOrBytes, options, { onProgress, signal });
//   const report = await checker.checkText(text, options, { signal });
//
// `options` is what src/wasm.rs accepts (trustAnchors, allowedList, trustConfig, tsaAnchors,
// sidecar, remoteManifest, remoteManifestError, verifyTime, watermarks, inputSha256,
// aiDisclosureHeader, linkHeader,
// limits, textKeys; the worker adds
// `pixels` itself for images the browser can decode). Aborting `signal` cancels
// the check: the worker is stopped and a fresh one started from the same compiled module.
// The browser extension checks through this same client (www/extension/lib/engine.js, in an
// offscreen document on Chrome and in the background page on Firefox).

const here = new URL('.', import.meta.url);

export class CancelledError extends Error {
  constructor() {
    super('The check was cancelled.');
    this.name = 'CancelledError';
  }
}

export class Checker {
  constructor({ wasmUrl = new URL('../pkg/ailabel_bg.wasm', here), workerUrl = new URL('./worker.js', here) } = {}) {
    this.wasmUrl = wasmUrl;
    this.workerUrl = workerUrl;
    this.module = null;
    this.worker = null;
    this.nextId = 1;
    this.pending = new Map();
    this.version = null;
  }

  /** Compile the wasm (once) and start a worker (if none is running). The worker starts (and
   *  loads its scripts) while the module compiles; it gets the module as soon as it is ready. */
  async ready() {
    if (!this.module) {
      this.module = compile(this.wasmUrl).catch((err) => {
        this.module = null;
        throw err;
      });
    }
    if (!this.worker) {
      const worker = new Worker(this.workerUrl, { type: 'module', name: 'ailabel-checker' });
      this.worker = worker;
      worker.onmessage = (e) => this.onMessage(e.data);
      worker.onerror = (e) => this.failAll(new Error(`the checker stopped: ${e.message || 'unknown error'}`));
      // The text part sits next to the wasm; the worker fetches it on first need.
      const textDataUrl = new URL('ailabel_text.wasm', new URL(this.wasmUrl, self.location.href)).href;
      this.module.then(
        (module) => worker.postMessage({ type: 'init', module, textDataUrl }),
        () => {
          // No module, no checker: the next check compiles again and starts a new worker.
          worker.terminate();
          if (this.worker === worker) this.worker = null;
        },
      );
    }
    await this.module;
  }

  /** Check a File/Blob, an ArrayBuffer or a Uint8Array. */
  check(input, options = {}, { onProgress, onPhase, signal } = {}) {
    const msg = input instanceof Blob ? { file: input } : { bytes: input instanceof Uint8Array ? input : new Uint8Array(input) };
    return this.run(msg, options, { onProgress, onPhase, signal });
  }

  /**
   * The size the image `input` (a File/Blob or bytes) declares in its header, read by the wasm
   * before anything decodes it (js/pixels.js declaredSize): `{format, width, height, truncated,
   * decode, warning, orientation}`, `decode` true only when the size was read and is within
   * `limits.maxPixels`, `orientation` the Exif Orientation the browser would apply (see
   * js/pixels.js upright); null when the input does not start like an image.
   */
  imageSize(input, limits, { signal } = {}) {
    const msg = input instanceof Blob ? { file: input } : { bytes: input instanceof Uint8Array ? input : new Uint8Array(input) };
    return this.run({ type: 'size', ...msg, limits }, undefined, { signal });
  }

  /** Check a text or HTML string. */
  checkText(text, options = {}, { onPhase, signal } = {}) {
    return this.run({ text: String(text) }, options, { onPhase, signal });
  }

  async run(msg, options, { onProgress, onPhase, signal }) {
    if (signal?.aborted) throw new CancelledError();
    await this.ready();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id);
        reject(new CancelledError());
        this.restart();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve, reject, onProgress, onPhase,
        done: () => signal?.removeEventListener('abort', onAbort),
      });
      this.worker.postMessage({ type: 'check', id, ...msg, options });
    });
  }

  onMessage(msg) {
    if (msg.type === 'ready') {
      if (msg.version) {
        this.version = msg.version;
        this.onversion?.(msg.version);
      }
      else this.failAll(new Error(`the checker could not start: ${msg.error}`));
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') p.onProgress?.(msg.loaded, msg.total);
    else if (msg.type === 'phase') p.onPhase?.(msg.phase);
    else {
      this.pending.delete(msg.id);
      p.done();
      if (msg.type === 'result') p.resolve(msg.report);
      else p.reject(new Error(msg.message));
    }
  }

  /** Stop the worker (cancelling whatever runs in it); the next check starts a new one. */
  restart() {
    this.worker?.terminate();
    this.worker = null;
    this.failAll(new CancelledError());
  }

  failAll(err) {
    for (const p of this.pending.values()) {
      p.done();
      p.reject(err);
    }
    this.pending.clear();
  }
}

async function compile(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`the checker could not be loaded (HTTP ${res.status})`);
  if (WebAssembly.compileStreaming && res.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}
