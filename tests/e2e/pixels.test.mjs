// The browser's pixels against the `image` crate's (the watermark issue's pixel-equality test).
// tests/fixtures/watermark-pixels.json lists corpus images with the SHA-256 of the RGBA the
// native build decodes (feature `pixels`). Here the page decodes the same files as the worker
// does (createImageBitmap, colorSpaceConversion 'none', premultiplyAlpha 'none', OffscreenCanvas
// getImageData) and hashes the RGBA with crypto.subtle. `exact` entries (PNG, lossless WebP)
// must be byte-equal; for the lossy ones (JPEG, lossy WebP: decoders may round differently)
// only the watermark result must match, checked through the app's own worker (checker.js).
//
// Exif orientation (js/pixels.js `upright`): Chromium rotates a PNG by an eXIf chunk before IDAT,
// and the worker decodes a copy whose Orientation says 1, so a watermarked PNG that says 3 or 6
// is read as stored, as the command line reads it (tests/it/watermark/orientation.rs builds the
// same PNG). Chromium does not rotate a WebP by its EXIF chunk: a test says so, and fails on a
// Chromium that starts to, when the core would have to find that tag too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chunk, crc32 } from '../../scripts/png.mjs';
import { ROOT, WATERMARK_PAYLOADS, encodeWatermark, fixturePath, fixtures, payloadBits, rgbaPng, watermarkBase } from './fixtures.mjs';
import { openPage, pageSession } from './harness.mjs';

const listed = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/watermark-pixels.json'), 'utf8')).images;
let session;

// Documented exceptions to byte equality (investigated, not guessed):
// libpng-test.png is an 8-bit palette PNG with tRNS, 424 of its 6279 pixels semi-transparent.
// A 2D canvas stores premultiplied alpha, so getImageData returns those pixels' RGB after a
// premultiply/unpremultiply round trip (a loss of up to about 255/alpha per channel), whatever
// createImageBitmap's premultiplyAlpha says. Opaque pixels and every alpha value are exact. For
// such files the test decodes the PNG here with an independent palette decoder, proves that it
// equals the image crate (same SHA-256 as the list), and then checks exactly that: alpha and
// opaque pixels equal, semi-transparent RGB within the premultiplication rounding (the colour of
// fully transparent pixels is not compared: a canvas cannot keep it). dwtDct works on
// colour only, so the loss matters only where the image is semi-transparent.
const PREMULTIPLIED_ALPHA_LOSS = new Set(['containers/png/libpng-test.png']);

/** Decode an 8-bit palette PNG (colour type 3, non-interlaced) to RGBA (ISO 15948 §9, §11). */
function decodePalettePng(d) {
  let i = 8; let w; let h; let plte; let trns = Buffer.alloc(0); const idat = [];
  while (i < d.length) {
    const n = d.readUInt32BE(i); const t = d.toString('latin1', i + 4, i + 8); const b = d.subarray(i + 8, i + 8 + n);
    if (t === 'IHDR') {
      [w, h] = [b.readUInt32BE(0), b.readUInt32BE(4)];
      assert.deepEqual([b[8], b[9], b[12]], [8, 3, 0], 'an 8-bit non-interlaced palette PNG');
    }
    if (t === 'PLTE') plte = b;
    if (t === 'tRNS') trns = b;
    if (t === 'IDAT') idat.push(b);
    i += 12 + n;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const out = new Uint8Array(w * h * 4);
  let prev = new Uint8Array(w); let p = 0;
  for (let y = 0; y < h; y++) {
    const f = raw[p++]; const cur = new Uint8Array(w);
    for (let x = 0; x < w; x++) {
      const a = x ? cur[x - 1] : 0; const b = prev[x]; const c = x ? prev[x - 1] : 0;
      let v = raw[p++];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const pp = a + b - c; const pa = Math.abs(pp - a); const pb = Math.abs(pp - b); const pc = Math.abs(pp - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      const k = (cur[x] = v & 255);
      out.set([plte[3 * k], plte[3 * k + 1], plte[3 * k + 2], k < trns.length ? trns[k] : 255], (y * w + x) * 4);
    }
    prev = cur;
  }
  return out;
}

pageSession({
  setup: async (env) => {
    session = await openPage(env.browser, env.server.url);
  },
  teardown: () => session?.context.close(),
});

/** Decode `bytes` in the page as the worker does; return {width, height, sha256, rgba?}. */
async function decodeInPage(bytes, withRgba = false) {
  const got = await session.page.evaluate(async ([b64, withRgba]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const { width, height } = bitmap;
    const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    const { data } = ctx.getImageData(0, 0, width, height);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    let rgba = null;
    if (withRgba) {
      rgba = '';
      for (const x of data) rgba += String.fromCharCode(x);
      rgba = btoa(rgba);
    }
    return { width, height, rgba, sha256: [...digest].map((x) => x.toString(16).padStart(2, '0')).join('') };
  }, [Buffer.from(bytes).toString('base64'), withRgba]);
  return { ...got, rgba: got.rgba && Buffer.from(got.rgba, 'base64') };
}

/** Check `bytes` through the app's Checker (its worker decodes the pixels); count dwtDct signals. */
function dwtDctDetections(bytes) {
  return session.page.evaluate(async (b64) => {
    const { Checker } = await import('/js/checker.js');
    const checker = (globalThis.__pixelsChecker ??= new Checker());
    const report = await checker.check(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)), { watermarks: true });
    const values = (report.signals ?? []).filter((s) => /invisible-watermark dwtDct/.test(s.value)).map((s) => s.value);
    return { count: values.length, values, errors: (report.errors ?? []).map((e) => e.message) };
  }, Buffer.from(bytes).toString('base64'));
}

describe('browser pixels match the image crate (tests/fixtures/watermark-pixels.json)', () => {
  test('the list is not empty and names exact and lossy entries', () => {
    assert.ok(listed.some((e) => e.exact) && listed.some((e) => !e.exact));
  });

  for (const entry of listed) {
    test(`${entry.fixture} (${entry.format}, ${entry.exact ? 'exact RGBA' : 'watermark result'})`, async () => {
      const bytes = readFileSync(fixturePath(entry.fixture));
      const lossy = PREMULTIPLIED_ALPHA_LOSS.has(entry.fixture);
      const got = await decodeInPage(bytes, lossy);
      assert.deepEqual([got.width, got.height], [entry.width, entry.height]);
      if (entry.exact && !lossy) assert.equal(got.sha256, entry.rgbaSha256, 'RGBA differs from the image crate');
      if (entry.exact && lossy) {
        const ref = decodePalettePng(bytes);
        assert.equal(createHash('sha256').update(ref).digest('hex'), entry.rgbaSha256, 'the reference decode equals the image crate');
        let semi = 0;
        for (let i = 0; i < ref.length; i += 4) {
          const a = ref[i + 3];
          assert.equal(got.rgba[i + 3], a, `alpha of pixel ${i / 4}`);
          if (a > 0 && a < 255) semi++;
          for (let c = 0; c < 3 && a > 0; c++) {
            const d = Math.abs(got.rgba[i + c] - ref[i + c]);
            assert.ok(a === 255 ? d === 0 : d <= Math.ceil(255 / a), `pixel ${i / 4} channel ${c}: ${got.rgba[i + c]} vs ${ref[i + c]} at alpha ${a}`);
          }
        }
        assert.ok(semi > 0, 'the exception applies only to a file with semi-transparent pixels');
      }
      const detections = await dwtDctDetections(bytes);
      assert.equal(detections.count, entry.dwtDctDetections, JSON.stringify(detections.errors));
    });
  }

  // A control that can fail: the worker path must find the mark the JS encoder embedded, so the
  // zero counts above are not zero merely because no pixels reached the checker.
  test('control: the worker detects the SDXL fixture', async () => {
    assert.equal((await dwtDctDetections(fixtures.sdxlWatermarkPng())).count, 1);
  });
});

// ---- Exif orientation ----

/** A big-endian TIFF structure whose IFD0 holds only Orientation (0x0112, SHORT, 1) = `value`
 * (Exif 2.32 §4.6.4): 8 bytes of header, the entry count, one 12-byte entry (its value 18 bytes
 * in), no next IFD. An eXIf chunk's data (PNG 3rd edition §11.3.4.5), a WebP EXIF chunk's. */
const exifTiff = (value) => Buffer.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, value, 0, 0, 0, 0, 0, 0]);

/** `img` as a viewer shows Exif orientation 3 (rotated 180°) or 6 (rotated 90° clockwise). */
function shown({ width: w, height: h, rgba }, orientation) {
  const [nw, nh] = orientation === 6 ? [h, w] : [w, h];
  const out = new Uint8Array(rgba.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [nx, ny] = orientation === 6 ? [h - 1 - y, x] : [w - 1 - x, h - 1 - y];
      out.set(rgba.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), (ny * nw + nx) * 4);
    }
  }
  return { width: nw, height: nh, rgba: out };
}

const sha256 = (b) => createHash('sha256').update(b).digest('hex');

/**
 * In the page: what the worker's `imageSize` says of `bytes`, and the size and RGBA SHA-256 of
 * `bytes` decoded with the worker's options as they are (`file`) and through `upright`.
 */
function decodeBothWays(bytes) {
  return session.page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const { BITMAP_OPTIONS, upright } = await import('/js/pixels.js');
    const { Checker } = await import('/js/checker.js');
    const checker = (globalThis.__pixelsChecker ??= new Checker());
    const size = await checker.imageSize(bytes);
    const decode = async (blob) => {
      const b = await createImageBitmap(blob, BITMAP_OPTIONS);
      const ctx = new OffscreenCanvas(b.width, b.height).getContext('2d', { willReadFrequently: true });
      ctx.drawImage(b, 0, 0);
      const { data } = ctx.getImageData(0, 0, b.width, b.height);
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
      const got = { size: [b.width, b.height], sha256: [...digest].map((x) => x.toString(16).padStart(2, '0')).join('') };
      b.close();
      return got;
    };
    return { size, file: await decode(new Blob([bytes])), upright: await decode(upright(bytes, size)) };
  }, Buffer.from(bytes).toString('base64'));
}

describe('Exif orientation: the stored pixels, as the command line reads them', () => {
  const marked = encodeWatermark(watermarkBase(), payloadBits(WATERMARK_PAYLOADS.SDXL));

  for (const value of [3, 6]) {
    test(`a watermarked PNG whose eXIf says ${value}: the mark is found, as by the CLI`, async () => {
      const png = rgbaPng(marked, [chunk('eXIf', exifTiff(value))]);
      // As made: signature 8, IHDR 25, then the eXIf chunk at 33 (its data at 41, 26 bytes).
      assert.equal(png.toString('latin1', 37, 41), 'eXIf');
      const got = await decodeBothWays(png);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from('eXIf'), exifTiff(1)])));
      assert.deepEqual(got.size.orientation, { value, offset: 41 + 18, upright: [0, 1], crc: { offset: 41 + 26, upright: [...crc] } });
      assert.deepEqual([got.size.width, got.size.height, got.size.truncated], [512, 512, false]);
      // The control: this browser rotates the file itself (a square image: no size to tell).
      const view = shown(marked, value);
      assert.deepEqual(got.file, { size: [view.width, view.height], sha256: sha256(view.rgba) }, 'Chromium rotates by eXIf');
      assert.deepEqual(got.upright, { size: [512, 512], sha256: sha256(marked.rgba) }, 'upright: the stored pixels');
      const detections = await dwtDctDetections(png);
      assert.equal(detections.count, 1, JSON.stringify(detections));
      assert.match(detections.values[0], /dwtDct SDXL payload 0xB3EC907BB19E/);
      // The pixels as shown carry no mark: reading them would have lost it.
      assert.equal((await dwtDctDetections(rgbaPng(view))).count, 0);
    });
  }

  test('Chromium does not rotate a WebP by its EXIF chunk (nor does the core ask it not to)', async () => {
    // A 64×32 WebP from the browser's own encoder (flat quadrants), then given an EXIF chunk.
    const webp = Buffer.from(await session.page.evaluate(async () => {
      const c = new OffscreenCanvas(64, 32);
      const ctx = c.getContext('2d');
      [['#c03020', 0, 0], ['#20a040', 32, 0], ['#2040c0', 0, 16], ['#e0e0e0', 32, 16]].forEach(([fill, x, y]) => {
        ctx.fillStyle = fill;
        ctx.fillRect(x, y, 32, 16);
      });
      const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/webp', quality: 1 })).arrayBuffer());
      let s = '';
      for (const x of bytes) s += String.fromCharCode(x);
      return btoa(s);
    }), 'base64');
    // RFC 9649 §2.7: RIFF, "WEBP", chunks of FourCC, little-endian size, data, padding to even.
    assert.equal(webp.toString('latin1', 8, 12), 'WEBP');
    const chunks = [];
    for (let i = 12; i < webp.length;) {
      const n = webp.readUInt32LE(i + 4);
      chunks.push({ id: webp.toString('latin1', i, i + 4), data: webp.subarray(i + 8, i + 8 + n) });
      i += 8 + n + (n & 1);
    }
    const riffChunk = (id, data) => {
      const head = Buffer.alloc(8);
      head.write(id, 0, 'latin1');
      head.writeUInt32LE(data.length, 4);
      return Buffer.concat([head, data, Buffer.alloc(data.length & 1)]);
    };
    // VP8X (§2.7.1): flags (EXIF = 0x08, alpha = 0x10), 3 reserved bytes, canvas width and
    // height minus one (24 bits each).
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | (chunks.some((c) => c.id === 'ALPH') ? 0x10 : 0);
    vp8x.writeUIntLE(63, 4, 3);
    vp8x.writeUIntLE(31, 7, 3);
    const image = chunks.filter((c) => c.id !== 'VP8X').map((c) => riffChunk(c.id, c.data));
    const riff = (parts) => {
      const body = Buffer.concat([Buffer.from('WEBP'), ...parts]);
      const head = Buffer.alloc(8);
      head.write('RIFF', 0, 'latin1');
      head.writeUInt32LE(body.length, 4);
      return Buffer.concat([head, body]);
    };
    const original = await decodeBothWays(webp);
    assert.deepEqual(original.file.size, [64, 32]);
    for (const value of [3, 6]) {
      const exif = riffChunk('EXIF', exifTiff(value));
      // The EXIF chunk where the container puts it (after the image data), and before it.
      for (const [where, parts] of [['after', [...image, exif]], ['before', [exif, ...image]]]) {
        const got = await decodeBothWays(riff([riffChunk('VP8X', vp8x), ...parts]));
        assert.equal(got.size.orientation, null, `${value} ${where}`);
        assert.deepEqual(got.file, original.file, `orientation ${value}, EXIF ${where} the image data: not rotated`);
      }
    }
  });
});
