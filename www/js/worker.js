// The module worker that runs the wasm checker, so the page never freezes.
//
// Protocol (all messages are plain objects):
//   in  {type:'init', module: WebAssembly.Module}          once, right after the worker starts
//   in  {type:'check', id, file?: Blob, bytes?: Uint8Array, text?: string, options}
//   out {type:'ready', version} | {type:'ready', error}     once the wasm is instantiated
//   out {type:'progress', id, loaded, total}                  while a Blob is read
//   out {type:'phase', id, phase:'checking'}                  when the wasm starts
//   out {type:'result', id, report} | {type:'error', id, message}
//
// The wasm has no image decoder (by design: it stays small), so for an image this worker decodes
// the pixels with the browser (createImageBitmap → OffscreenCanvas → getImageData) and passes
// them as options.pixels for watermark detection. Decoding is best effort: if it fails, the
// check runs without pixels (watermarks are then not looked for), never fails because of it.
import init, { check, checkText, version } from '../pkg/ailabel.js';
import { decodePixels } from './pixels.js';

let ready = null;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === 'init') {
    ready = init({ module_or_path: msg.module });
    ready.then(
      () => self.postMessage({ type: 'ready', version: version() }),
      (err) => self.postMessage({ type: 'ready', error: String(err?.message ?? err) }),
    );
    return;
  }
  if (msg.type !== 'check') return;
  const { id } = msg;
  try {
    if (!ready) throw new Error('the checker was used before it was initialised');
    await ready;
    let report;
    if (typeof msg.text === 'string') {
      self.postMessage({ type: 'phase', id, phase: 'checking' });
      report = await checkText(msg.text, msg.options ?? {});
    } else {
      const bytes = msg.bytes ?? (await readBlob(msg.file, id));
      self.postMessage({ type: 'phase', id, phase: 'checking' });
      const options = { ...(msg.options ?? {}) };
      if (options.watermarks !== false && !options.pixels) {
        const pixels = await decodePixels(bytes, options.limits?.maxPixels);
        if (pixels) options.pixels = pixels;
      }
      report = await check(bytes, options);
    }
    self.postMessage({ type: 'result', id, report });
  } catch (err) {
    self.postMessage({ type: 'error', id, message: String(err?.message ?? err) });
  }
};

/** Read a Blob chunk by chunk, reporting progress. */
async function readBlob(blob, id) {
  const total = blob.size;
  const out = new Uint8Array(total);
  const reader = blob.stream().getReader();
  let loaded = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > total) throw new Error('the file grew while it was being read');
    out.set(value, loaded);
    loaded += value.length;
    if (loaded - lastReport > 4 * 1024 * 1024 || loaded === total) {
      lastReport = loaded;
      self.postMessage({ type: 'progress', id, loaded, total });
    }
  }
  return loaded === total ? out : out.subarray(0, loaded);
}

