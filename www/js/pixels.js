// Pixel decoding for watermark detection, shared by the page's worker and the extension's
// background. The wasm core has no image decoder (it stays small), so the browser decodes:
// createImageBitmap (no colour management, no premultiplication) → OffscreenCanvas →
// getImageData, and the RGBA goes to the core as the `pixels` option. Best effort: anything
// that cannot be decoded returns null and the check runs without pixels.

/** Most pixels decoded for watermark detection (the core's default `maxPixels`, 16 Mpx). */
export const MAX_PIXELS = 16 * 1024 * 1024;

/** The image formats browsers decode, by magic bytes (FORMATS.md §1). */
export function imageKind(b) {
  const at = (off, s) => [...s].every((c, i) => b[off + i] === c.charCodeAt(0));
  if (b.length < 12) return null;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x89 && at(1, 'PNG\r\n\x1a\n')) return 'png';
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'webp';
  if (at(0, 'GIF87a') || at(0, 'GIF89a')) return 'gif';
  if (at(4, 'ftyp') && (at(8, 'avif') || at(8, 'avis'))) return 'avif';
  return null;
}

/**
 * Decode `input` (bytes, or a Blob, which is decoded without reading it into JS memory) to
 * non-premultiplied RGBA8 as they are stored (no colour management), or null when the input is
 * not an image the browser decodes, is larger than `maxPixels`, or fails.
 */
export async function decodePixels(input, maxPixels = MAX_PIXELS) {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return null;
  const isBlob = input instanceof Blob;
  const head = isBlob ? await input.slice(0, 12).arrayBuffer().then((b) => new Uint8Array(b), () => null) : input;
  if (!head || !imageKind(head)) return null;
  let bitmap = null;
  try {
    bitmap = await createImageBitmap(isBlob ? input : new Blob([input]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const { width, height } = bitmap;
    if (!width || !height || width * height > Math.min(maxPixels, MAX_PIXELS)) return null;
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
