// The module worker that runs the wasm checker, so the page never freezes.
//
// Protocol (all messages are plain objects):
//   in  {type:'init', module: WebAssembly.Module, textDataUrl}  once, right after the worker starts
//   in  {type:'check', id, file?: Blob, bytes?: Uint8Array, text?: string, options}
//   in  {type:'size', id, file?: Blob, bytes?: Uint8Array, limits?}  the size an image declares
//   out {type:'ready', version} | {type:'ready', error}     once the wasm is instantiated
//   out {type:'progress', id, loaded, total}                  while a large Blob is read
//   out {type:'phase', id, phase:'checking'}                  when the wasm starts
//   out {type:'result', id, report} | {type:'error', id, message}   (for 'size': report = the
//       wasm's imageSize answer, see js/pixels.js declaredSize)
//
// The input crosses into wasm memory once: a Blob under STREAM_MIN_BYTES is read whole with
// `arrayBuffer()` and copied in by `check`; a larger one is streamed chunk by chunk straight into
// an `Input` the wasm owns, with progress. The report comes back as a JS object, its claim
// thumbnails as `Uint8Array`s whose buffers are transferred to the page, not copied.
//
// The wasm has no image decoder (by design: it stays small), so for an image this worker decodes
// the pixels with the browser (createImageBitmap → OffscreenCanvas → getImageData) and passes
// them as options.pixels for watermark detection. First the wasm reads the size the image
// declares in its header (js/pixels.js): over `limits.maxPixels` nothing is decoded, and the
// declared size goes to the core with no samples, so the report carries the core's own budget
// warning, as natively; a size that cannot be read is not decoded either. Decoding is best
// effort: if it fails, the check runs without pixels (watermarks are then not looked for),
// never fails because of it.
import init, { Input, check, checkInput, checkText, imageSize, setTextDataLoader, version } from '../pkg/ailabel.js';
import { decodePixels, declaredSize } from './pixels.js';

let ready = null;

/** Blobs at least this large are streamed into wasm memory with progress reports. */
const STREAM_MIN_BYTES = 16 * 1024 * 1024;
/** Bytes between two progress reports. */
const PROGRESS_STEP = 4 * 1024 * 1024;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === 'init') {
    ready = init({ module_or_path: msg.module });
    // The text part (the text readers and the grammar's tables) is fetched only when a check first
    // has text to read; image checks never need it.
    const textDataUrl = msg.textDataUrl ?? new URL('../pkg/ailabel_text.wasm', import.meta.url).href;
    ready.then(() => setTextDataLoader(() => fetchBytes(textDataUrl)), () => {});
    ready.then(
      () => self.postMessage({ type: 'ready', version: version() }),
      (err) => self.postMessage({ type: 'ready', error: String(err?.message ?? err) }),
    );
    return;
  }
  if (msg.type !== 'check' && msg.type !== 'size') return;
  const { id } = msg;
  try {
    if (!ready) throw new Error('the checker was used before it was initialised');
    await ready;
    let report;
    if (msg.type === 'size') {
      report = await declaredSize(imageSize, msg.file ?? msg.bytes, msg.limits);
    } else if (typeof msg.text === 'string') {
      self.postMessage({ type: 'phase', id, phase: 'checking' });
      report = await checkText(msg.text, msg.options ?? {});
    } else {
      const options = { ...(msg.options ?? {}) };
      const decode = options.watermarks !== false && !options.pixels;
      let input;
      if (msg.bytes) input = msg.bytes;
      else if (msg.file.size < STREAM_MIN_BYTES) input = new Uint8Array(await msg.file.arrayBuffer());
      else input = await streamBlob(msg.file, id);
      self.postMessage({ type: 'phase', id, phase: 'checking' });
      if (decode) {
        // The browser decodes a Blob where it is, without another copy of the file.
        const source = msg.file ?? input;
        const size = await declaredSize(imageSize, source, options.limits);
        if (size?.warning) options.pixels = { rgba: new Uint8Array(0), width: size.width, height: size.height };
        else if (size?.decode) {
          const pixels = await decodePixels(source, size);
          if (pixels) options.pixels = pixels;
        }
      }
      report = input instanceof Input ? await checkInput(input, options) : await check(input, options);
    }
    self.postMessage({ type: 'result', id, report }, thumbnailBuffers(report));
  } catch (err) {
    self.postMessage({ type: 'error', id, message: String(err?.message ?? err) });
  }
};

/** The bytes at `url`. */
async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Stream a Blob into wasm memory chunk by chunk, reporting progress. */
async function streamBlob(blob, id) {
  const total = blob.size;
  const input = new Input(total);
  const reader = blob.stream().getReader();
  let lastReport = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      input.write(value);
      const loaded = input.length;
      if (loaded - lastReport >= PROGRESS_STEP || loaded === total) {
        lastReport = loaded;
        self.postMessage({ type: 'progress', id, loaded, total });
      }
    }
  } catch (err) {
    input.free();
    throw err;
  }
  return input;
}

/** The buffers of the report's claim thumbnails, to transfer rather than copy. */
function thumbnailBuffers(report) {
  const out = [];
  for (const m of report?.c2pa?.manifests ?? []) {
    const data = m.thumbnail?.data;
    if (data instanceof Uint8Array && !out.includes(data.buffer)) out.push(data.buffer);
  }
  return out;
}
