// The browser's pixels against the `image` crate's (the watermark issue's pixel-equality test).
// tests/fixtures/watermark-pixels.json lists corpus images with the SHA-256 of the RGBA the
// native build decodes (feature `pixels`). Here the page decodes the same files as the worker
// does (createImageBitmap, colorSpaceConversion 'none', premultiplyAlpha 'none', OffscreenCanvas
// getImageData) and hashes the RGBA with crypto.subtle. `exact` entries (PNG, lossless WebP)
// must be byte-equal; for the lossy ones (JPEG, lossy WebP: decoders may round differently)
// only the watermark result must match, checked through the app's own worker (checker.js).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { ROOT, fixturePath, fixtures } from './fixtures.mjs';
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
    return {
      count: (report.signals ?? []).filter((s) => /invisible-watermark dwtDct/.test(s.value)).length,
      errors: (report.errors ?? []).map((e) => e.message),
    };
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
