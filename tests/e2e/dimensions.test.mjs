// The browser's pixel budget (README "Bounds"): an image is given to createImageBitmap only when
// the size its header declares, read by the wasm (`imageSize`, src/watermark/header.rs), is
// within `limits.maxPixels`. A few hundred bytes that declare 20000×20000 must be refused from
// the header, with the core's own max_pixels warning, and never decoded; a normal image must
// still have its pixels checked. createImageBitmap is counted in the worker (a module that wraps
// it, then runs the page's js/worker.js) and in the page (for the batch thumbnails).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chunk } from '../../scripts/png.mjs';
import { FIXTURES, fixtures } from './fixtures.mjs';
import { openPage, pageSession } from './harness.mjs';

const COUNTING_WORKER = `import './worker.js';
self.__bitmaps = [];
const original = self.createImageBitmap;
self.createImageBitmap = (...args) => { self.__bitmaps.push(args[0]?.size ?? -1); return original.apply(self, args); };
self.addEventListener('message', (e) => {
  if (e.data?.type === 'bitmaps') self.postMessage({ type: 'result', id: e.data.id, report: self.__bitmaps.splice(0) });
});
`;

let session;
pageSession({
  setup: async (env) => {
    session = await openPage(env.browser, env.server.url);
    // A Checker whose worker counts createImageBitmap calls (the size of each Blob decoded): a
    // module served next to js/worker.js (the page's CSP allows workers from 'self' only) that
    // runs it and wraps the global.
    await session.context.route('**/js/test-bitmap-worker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: COUNTING_WORKER }));
    await session.page.evaluate(async () => {
      const { Checker } = await import('/js/checker.js');
      const workerUrl = new URL('/js/test-bitmap-worker.js', location.href);
      globalThis.__checker = new Checker({ workerUrl });
      await globalThis.__checker.ready();
      // The page's own createImageBitmap (batch thumbnails), counted the same way.
      globalThis.__pageBitmaps = [];
      const original = globalThis.createImageBitmap;
      globalThis.createImageBitmap = (...args) => { globalThis.__pageBitmaps.push(args[0]?.size ?? -1); return original.apply(globalThis, args); };
    });
  },
  teardown: () => session?.context.close(),
});

const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
/** A PNG that declares `w`×`h` RGBA but carries only a few rows of compressed zeros. */
function pngBomb(w, h) {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([u32(w), u32(h), Buffer.from([8, 6, 0, 0, 0])])),
    chunk('IDAT', deflateSync(Buffer.alloc(4 * (1 + 4 * w)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** A baseline JPEG that declares `w`×`h` after an APP15 segments of `pad` bytes (no scan). */
function jpegBomb(w, h, pad) {
  const app = [];
  for (let left = pad; left > 0; left -= 65533) {
    const n = Math.min(left, 65533);
    app.push(Buffer.from([0xff, 0xef, (n + 2) >> 8, (n + 2) & 255]), Buffer.alloc(n));
  }
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]), ...app,
    Buffer.from([0xff, 0xc0, 0, 11, 8, h >> 8, h & 255, w >> 8, w & 255, 1, 1, 0x11, 0]),
    Buffer.from([0xff, 0xd9]),
  ]);
}
/** The warning src/watermark/mod.rs `pixel_budget` writes, at the default 16 Mpx budget. */
const budgetWarning = (w, h) =>
  `expected at most ${16 * 1024 * 1024} pixels for watermark detection (limit max_pixels), but found ${w}x${h}; watermarks were not checked`;

/** Check `bytes` (as a Blob, as the page does for a dropped file); the report and the decodes. */
async function checkCounted(bytes, type = 'image/png') {
  return session.page.evaluate(async ([b64, type]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const c = globalThis.__checker;
    const t0 = performance.now();
    const report = await c.check(new Blob([bytes], { type }), { watermarks: true });
    const ms = performance.now() - t0;
    const bitmaps = await c.run({ type: 'bitmaps' }, undefined, {});
    return { ms, bitmaps, errors: report.errors.map((e) => e.message), signals: report.signals.map((s) => s.value) };
  }, [Buffer.from(bytes).toString('base64'), type]);
}

describe('the browser refuses an image over the pixel budget from its header', () => {
  test('a 20000×20000 PNG of a few hundred bytes: the budget warning, no decode', async () => {
    const bomb = pngBomb(20000, 20000);
    assert.ok(bomb.length < 1000, `${bomb.length} bytes`);
    const got = await checkCounted(bomb);
    assert.deepEqual(got.bitmaps, [], 'createImageBitmap was not called');
    assert.ok(got.errors.includes(budgetWarning(20000, 20000)), JSON.stringify(got.errors));
    assert.ok(got.ms < 5000, `${got.ms} ms`);
  });

  test('a JPEG whose frame header follows 300 KB of metadata (a longer prefix is read)', async () => {
    const bomb = jpegBomb(30000, 30000, 300_000);
    const got = await checkCounted(bomb, 'image/jpeg');
    assert.deepEqual(got.bitmaps, [], 'createImageBitmap was not called');
    assert.ok(got.errors.includes(budgetWarning(30000, 30000)), JSON.stringify(got.errors));
  });

  test('an image without a readable size is not decoded (no warning: nothing declared)', async () => {
    // A PNG signature followed by a chunk that is not IHDR.
    const bytes = Buffer.concat([pngBomb(16, 16).subarray(0, 8), chunk('tEXt', Buffer.from('a\0b'))]);
    const got = await checkCounted(bytes);
    assert.deepEqual(got.bitmaps, []);
    assert.ok(!got.errors.some((e) => e.includes('max_pixels')), JSON.stringify(got.errors));
  });

  test('a normal image is still decoded once and its watermark found', async () => {
    const png = fixtures.sdxlWatermarkPng();
    const got = await checkCounted(png);
    assert.deepEqual(got.bitmaps, [png.length]);
    assert.equal(got.signals.filter((v) => /invisible-watermark dwtDct/.test(v)).length, 1, JSON.stringify(got));
  });

  test('a lower limits.maxPixels is the budget (one source of truth: the core\'s limits)', async () => {
    const png = fixtures.sdxlWatermarkPng(); // 512×512
    const got = await session.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const c = globalThis.__checker;
      const report = await c.check(bytes, { limits: { maxPixels: 1000 } });
      return { bitmaps: await c.run({ type: 'bitmaps' }, undefined, {}), errors: report.errors.map((e) => e.message) };
    }, png.toString('base64'));
    assert.deepEqual(got.bitmaps, []);
    assert.ok(got.errors.includes('expected at most 1000 pixels for watermark detection (limit max_pixels), but found 512x512; watermarks were not checked'), JSON.stringify(got.errors));
  });

  test('batch thumbnails: the bomb gets none and is not decoded; a normal image gets one', async () => {
    const got = await session.page.evaluate(async ([bomb, ok]) => {
      const { thumbnailDataUrl } = await import('/js/batch.js');
      const blob = (b64) => new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' });
      globalThis.__pageBitmaps.length = 0;
      const none = await thumbnailDataUrl(blob(bomb), globalThis.__checker);
      const bombBitmaps = globalThis.__pageBitmaps.splice(0);
      const thumb = await thumbnailDataUrl(blob(ok), globalThis.__checker);
      return { none, bombBitmaps, thumb: typeof thumb === 'string' && thumb.startsWith('data:image/jpeg'), okBitmaps: globalThis.__pageBitmaps.splice(0).length };
    }, [pngBomb(20000, 20000).toString('base64'), fixtures.sdxlWatermarkPng().toString('base64')]);
    assert.deepEqual(got, { none: null, bombBitmaps: [], thumb: true, okBitmaps: 1 });
  });
});

/** Every image file under tests/fixtures (not the generated bombs). */
function imageFixtures(dir = FIXTURES) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'generated') out.push(...imageFixtures(p));
    } else if (/\.(jpe?g|png|webp|gif|avif|bmp)$/i.test(name)) out.push(p);
  }
  return out;
}

describe('the declared size is the size the browser decodes, unrotated (every image fixture)', () => {
  test('imageSize equals createImageBitmap wherever the browser decodes', async (t) => {
    const files = imageFixtures();
    assert.ok(files.length > 20, `${files.length} fixtures`);
    const mismatches = [];
    const formats = {};
    let compared = 0;
    for (const file of files) {
      const got = await session.page.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const size = await globalThis.__checker.imageSize(bytes);
        let bitmap = null;
        try {
          // As js/pixels.js decodes for watermark detection: stored pixels, not EXIF-rotated.
          const { BITMAP_OPTIONS, upright } = await import('/js/pixels.js');
          const b = await createImageBitmap(upright(bytes, size), BITMAP_OPTIONS);
          bitmap = [b.width, b.height];
          b.close();
        } catch { /* not decodable */ }
        return { size, bitmap };
      }, readFileSync(file).toString('base64'));
      if (!got.bitmap) continue;
      compared++;
      formats[got.size?.format] = (formats[got.size?.format] ?? 0) + 1;
      // Exactly: js/pixels.js refuses a bitmap of another size than the declared one. (Without
      // `upright`, a JPEG's Exif orientations 5-8 would swap the axes.)
      const declared = got.size && [got.size.width, got.size.height];
      if (!declared || JSON.stringify(declared) !== JSON.stringify(got.bitmap)) {
        mismatches.push(`${relative(FIXTURES, file)}: declared ${JSON.stringify(got.size)}, decoded ${got.bitmap}`);
      }
    }
    t.diagnostic(`${compared} of ${files.length} fixtures decoded by the browser: ${JSON.stringify(formats)}`);
    assert.ok(compared > 20, `${compared} decoded`);
    assert.deepEqual(mismatches, []);
  });
});
