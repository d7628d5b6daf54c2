// The extension's pixel budget (README "Bounds"): its engine (www/extension/lib/engine.js) checks
// through the page's worker, which reads the size an image declares (the wasm's `imageSize`)
// before createImageBitmap, and makes a thumbnail only of an image within the same budget. A few
// hundred bytes declaring 20000×20000 get the core's max_pixels warning, no thumbnail, and no
// decode, in the engine's document or in its worker. The engine is driven from one of the
// extension's own pages (the shipped code has no test hooks); createImageBitmap is wrapped in
// that page and, once it has started, in the checker's worker.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { chunk } from '../../scripts/png.mjs';
import { fixtures } from '../e2e/fixtures.mjs';
import { BUILDS, launch } from './harness.mjs';

const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
/** A PNG that declares `w`×`h` RGBA but carries only a few rows of compressed zeros. */
const pngBomb = (w, h) => Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', Buffer.concat([u32(w), u32(h), Buffer.from([8, 6, 0, 0, 0])])),
  chunk('IDAT', deflateSync(Buffer.alloc(4 * (1 + 4 * w)))),
  chunk('IEND', Buffer.alloc(0)),
]);
const dataUrl = (bytes) => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
const WARNING = `expected at most ${16 * 1024 * 1024} pixels for watermark detection (limit max_pixels), but found 20000x20000; watermarks were not checked`;

let ext;
let page;
before(async () => {
  ext = await launch(BUILDS.managed);
  page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extId}/options.html`);
  await page.evaluate(async () => {
    globalThis.__engine = await import('./lib/engine.js');
    globalThis.__bitmaps = [];
    const original = globalThis.createImageBitmap;
    globalThis.createImageBitmap = (...args) => { globalThis.__bitmaps.push(args[0]?.size ?? -1); return original.apply(globalThis, args); };
  });
});
after(() => ext?.close());

/** Check the image at `url` through the engine; its report, thumbnail and the page's decodes. */
function checkImage(url) {
  return page.evaluate(async (url) => {
    const t0 = performance.now();
    const { report, thumb } = await globalThis.__engine.checkImage({ url });
    return { ms: performance.now() - t0, thumb, errors: report.errors.map((e) => e.message), signals: report.signals.map((s) => s.value), bitmaps: globalThis.__bitmaps.splice(0) };
  }, url);
}

describe('the extension refuses an image over the pixel budget from its header', () => {
  test('a normal image is decoded (pixels and thumbnail)', async () => {
    const png = fixtures.sdxlWatermarkPng();
    const got = await checkImage(dataUrl(png));
    assert.equal(got.signals.filter((v) => /invisible-watermark dwtDct/.test(v)).length, 1, JSON.stringify(got));
    assert.ok(got.thumb?.startsWith('data:image/png;base64,'));
    assert.deepEqual(got.bitmaps, [png.length], 'the thumbnail decode');
  });

  test('a 20000×20000 PNG of a few hundred bytes: the warning, no thumbnail, no decode', async () => {
    // The checker's worker runs by now (the test above): count its decodes too.
    const worker = page.workers().find((w) => w.url().endsWith('/js/worker.js'));
    assert.ok(worker, `the checker's worker: ${page.workers().map((w) => w.url())}`);
    await worker.evaluate(() => {
      self.__bitmaps = [];
      const original = self.createImageBitmap;
      self.createImageBitmap = (...args) => { self.__bitmaps.push(args[0]?.size ?? -1); return original.apply(self, args); };
    });
    const got = await checkImage(dataUrl(pngBomb(20000, 20000)));
    assert.ok(got.errors.includes(WARNING), JSON.stringify(got.errors));
    assert.equal(got.thumb, null);
    assert.deepEqual(got.bitmaps, [], 'no decode in the engine\'s document');
    assert.deepEqual(await worker.evaluate(() => self.__bitmaps), [], 'no decode in the worker');
    assert.ok(got.ms < 5000, `${got.ms} ms`);
    // The wrapper is live: the normal image is decoded in the worker again.
    await checkImage(dataUrl(fixtures.sdxlWatermarkPng()));
    assert.equal((await worker.evaluate(() => self.__bitmaps)).length, 1);
  });
});
