// ailabel for the browser (and workers): the wasm is fetched from next to this file, or from
// the URL, Response, bytes or compiled module given to `init`. Every function returns a Promise.
import initWasm, { check as wasmCheck, checkText as wasmCheckText, imageSize as wasmImageSize, setTextDataLoader, version as wasmVersion } from './ailabel_glue.js';

let ready;

/** Load the wasm once. Optional: `check` and `checkText` call it. */
export function init(wasm) {
  ready ??= initWasm({ module_or_path: wasm ?? new URL('./ailabel_bg.wasm', import.meta.url) }).then(() =>
    // The disclosure grammar's tables, fetched by the first check that has text to read.
    setTextDataLoader(async () => {
      const res = await fetch(new URL('./ailabel_text.wasm', import.meta.url));
      if (!res.ok) throw new Error(`ailabel_text.wasm: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    }));
  return ready.then(() => undefined);
}

/** Check an image, a `.c2pa` manifest store, or text/HTML bytes. */
export async function check(bytes, options = {}) {
  await init();
  return wasmCheck(bytes, options);
}

/** Check a text or an HTML page given as a string. */
export async function checkText(text, options = {}) {
  await init();
  return wasmCheckText(text, options);
}

/**
 * The size an image declares in its header (`bytes`: the file or a prefix of it), read before
 * anything decodes it, and whether watermark detection may decode it under `limits.maxPixels`:
 * call it before `createImageBitmap` or another decoder, which holds the whole bitmap before it
 * says how large it is. `null` for bytes that do not start like an image.
 */
export async function imageSize(bytes, limits) {
  await init();
  return wasmImageSize(bytes, limits);
}

/** The version of the checker (the crate's, the same as this package's). */
export async function version() {
  await init();
  return wasmVersion();
}
