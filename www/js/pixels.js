// Pixel decoding for watermark detection, in the page's worker. The wasm core has no image
// decoder (it stays small), so the browser decodes: createImageBitmap (no colour management, no
// premultiplication, no EXIF rotation) → OffscreenCanvas → getImageData, and the RGBA goes to the
// core as the `pixels` option, which reads it a band of rows at a time (src/wasm/pixels.rs): the
// frame stays in this JS buffer and never enters wasm memory whole. Best effort: anything that
// cannot be decoded returns null and the check runs without pixels.
//
// The pixels are the stored ones, as the command line decodes them. createImageBitmap rotates
// an image by its Exif Orientation (the default, imageOrientation 'from-image'), and a watermark
// read from rotated pixels is another pattern, or none. The standard has no "as stored" value
// yet (Chromium 156 takes 'none' to mean 'from-image'), so the browser decodes a copy of the file
// whose Orientation says 1: the core finds the tag (`imageSize` → `orientation`, the core's
// src/watermark/header/orientation.rs) and two bytes are replaced, in a Blob made of slices of
// the original (no copy of the file). Covered: a JPEG's Exif APP1 and a PNG's eXIf chunk (before
// IDAT), whose CRC covers the value and is replaced too (`orientation.crc`). Chromium 156 does
// not rotate a WebP by its EXIF chunk (tests/e2e/pixels.test.mjs checks that), and GIF, AVIF and
// BMP carry no Exif it applies. A bitmap whose size is not the size the header declares (a
// rotation this did not undo, or a decoder that disagrees) is not used.
//
// The budget comes first. createImageBitmap holds the whole bitmap before it says how large it
// is, so a few hundred bytes that declare 20000×20000 would cost 1.6 GB before any check could
// refuse them. The wasm reads the size the header declares (`imageSize`, the core's
// src/watermark/header.rs), and only an image whose declared size is within the core's
// `limits.maxPixels` is decoded. An image whose size cannot be read from its header (a
// malformed or truncated header, a format the reader does not know) is not decoded either.

/** How the pixels are decoded: as stored, with nothing converted (rotation: see `upright`). */
export const BITMAP_OPTIONS = Object.freeze({ colorSpaceConversion: 'none', premultiplyAlpha: 'none' });

/**
 * `input` (a Blob, or bytes) as a Blob whose Exif Orientation, if `size` (its `declaredSize`)
 * found one other than 1, says 1: the stored pixels, not rotated, whatever the browser. The
 * value's two bytes are replaced and, for a PNG, the eXIf chunk's CRC (`orientation.crc`).
 */
export function upright(input, size) {
  const o = size?.orientation;
  if (!o || o.value === 1) return input instanceof Blob ? input : new Blob([input]);
  const slice = (a, b) => (input instanceof Blob ? input.slice(a, b) : input.subarray(a, b));
  const total = input instanceof Blob ? input.size : input.length;
  // Replacements in file order (the CRC follows the chunk's data, so the value comes first).
  const patches = [[o.offset, o.upright]];
  if (o.crc) patches.push([o.crc.offset, o.crc.upright]);
  patches.sort((a, b) => a[0] - b[0]);
  const parts = [];
  let at = 0;
  for (const [offset, bytes] of patches) {
    parts.push(slice(at, offset), new Uint8Array(bytes));
    at = offset + bytes.length;
  }
  parts.push(slice(at, total));
  return new Blob(parts, { type: input.type ?? '' });
}

/** The first prefix of a file given to the size reader; 4 times longer while its header goes on. */
const SIZE_PREFIX = 64 * 1024;

/**
 * The size `input` (a Blob, or bytes) declares, as the wasm's `imageSize(bytes, limits)` reads
 * it: `{format, width, height, truncated, decode, warning, orientation}`, or null for bytes that
 * do not start like an image. The reader is given a prefix of the file, a longer one while the
 * header goes on past it (a JPEG's frame header, or a PNG's eXIf before IDAT, may follow
 * megabytes of metadata), up to the whole file.
 */
export async function declaredSize(imageSize, input, limits) {
  const isBlob = input instanceof Blob;
  const total = isBlob ? input.size : input.length;
  for (let n = Math.min(SIZE_PREFIX, total); ; n = Math.min(n * 4, total)) {
    const head = isBlob ? new Uint8Array(await input.slice(0, n).arrayBuffer()) : input.subarray(0, n);
    const size = imageSize(head, limits);
    if (!size?.truncated || n >= total) return size;
  }
}

/**
 * Decode `input` (bytes, or a Blob, which is decoded without reading it into JS memory) to
 * non-premultiplied RGBA8 as they are stored (no colour management, no EXIF rotation), or null
 * when `size` (its `declaredSize`) does not allow a decode, or the decode fails or gives a bitmap
 * of another size than the header declared.
 */
export async function decodePixels(input, size) {
  if (!size?.decode || typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return null;
  let bitmap = null;
  try {
    bitmap = await createImageBitmap(upright(input, size), BITMAP_OPTIONS);
    const { width, height } = bitmap;
    if (!width || !height || width !== size.width || height !== size.height) return null;
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { rgba: data, width, height };
  } catch {
    return null;
  } finally {
    bitmap?.close();
  }
}
