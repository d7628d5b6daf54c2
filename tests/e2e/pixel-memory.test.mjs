// The browser's pixel path, in the page's own worker (js/worker.js, js/pixels.js):
// - wasm linear memory: the decoded RGBA stays in the worker's ImageData and the wasm reads it a
//   band of rows at a time (src/wasm/pixels.rs), so checking a 4096×4096 image (16 Mpx, 64 MiB
//   of RGBA) grows the wasm memory by at most the README's budget (PIXEL_MEMORY_BUDGET), where a
//   whole copy grew it by 64 MiB and more, for the worker's life (wasm memory never shrinks);
// - the band path finds what the command line finds on the watermark fixtures (the SDXL-marked
//   image and its unmarked twin, built in tests/e2e/fixtures.mjs, and the EXIF-rotated JPEG of
//   tests/it/watermark/orientation.rs, where the CLI finds the SDXL mark in the stored pixels):
//   the same verdict and payload, from the same rows;
// - Exif orientation: createImageBitmap rotates that JPEG (and 'none' does not stop Chromium),
//   and the mark with it; the worker decodes a copy whose Orientation says 1 (js/pixels.js
//   `upright`), as stored.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath, fixtures } from './fixtures.mjs';
import { openPage, pageSession } from './harness.mjs';

/** README "Bounds": wasm memory growth, over the file's size, for an image within the pixel budget. */
const PIXEL_MEMORY_BUDGET = 8 * 1024 * 1024;
const MiB = 1024 * 1024;

// A worker that runs the page's js/worker.js and also answers {type:'memory'} with the size of
// the wasm's linear memory (the wasm-bindgen glue returns the instantiated exports once loaded),
// and counts createImageBitmap calls with their options.
const MEMORY_WORKER = `import './worker.js';
import init from '../pkg/ailabel.js';
self.__bitmaps = [];
const original = self.createImageBitmap;
self.createImageBitmap = (...args) => { self.__bitmaps.push(args[1] ?? null); return original.apply(self, args); };
self.addEventListener('message', async (e) => {
  if (e.data?.type === 'memory') self.postMessage({ type: 'result', id: e.data.id, report: (await init()).memory.buffer.byteLength });
  if (e.data?.type === 'bitmaps') self.postMessage({ type: 'result', id: e.data.id, report: self.__bitmaps.splice(0) });
});
`;

let session;
pageSession({
  setup: async (env) => {
    session = await openPage(env.browser, env.server.url);
    await session.context.route('**/js/test-memory-worker.js', (route) => route.fulfill({ contentType: 'text/javascript', body: MEMORY_WORKER }));
    await session.page.evaluate(async () => {
      const { Checker } = await import('/js/checker.js');
      globalThis.__checker = new Checker({ workerUrl: new URL('/js/test-memory-worker.js', location.href) });
      await globalThis.__checker.ready();
    });
  },
  teardown: () => session?.context.close(),
});

/** Check `bytes` through the worker: verdict, watermark signals, warnings, decodes. */
async function checkBytes(bytes, type) {
  return session.page.evaluate(async ([b64, type]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const c = globalThis.__checker;
    const report = await c.check(new Blob([bytes], { type }), { watermarks: true });
    return {
      verdict: report.verdict,
      marks: report.signals.filter((s) => s.family === 'watermark').map((s) => s.value),
      errors: report.errors.map((e) => e.message),
      bitmaps: await c.run({ type: 'bitmaps' }, undefined, {}),
    };
  }, [Buffer.from(bytes).toString('base64'), type]);
}

const SDXL = /^invisible-watermark dwtDct SDXL payload 0xB3EC907BB19E \(48 bits\)/;

describe('the band path finds what the command line finds', () => {
  test('the SDXL-marked image and its unmarked twin', async () => {
    const marked = await checkBytes(fixtures.sdxlWatermarkPng(), 'image/png');
    assert.equal(marked.verdict, 'ai-watermark', JSON.stringify(marked));
    assert.equal(marked.marks.length, 1);
    assert.match(marked.marks[0], SDXL);
    assert.deepEqual(marked.errors, []);
    const twin = await checkBytes(fixtures.unmarkedTwinPng(), 'image/png');
    assert.equal(twin.verdict, 'no-label', JSON.stringify(twin));
    assert.deepEqual(twin.marks, []);
    assert.equal(twin.bitmaps.length, 1, 'decoded: the pixels were looked at');
  });

  test('an Exif-rotated JPEG: read as stored, the mark found as by the CLI', async () => {
    const jpeg = readFileSync(fixturePath('watermark/sdxl-exif-orientation-6.jpg'));
    const got = await checkBytes(jpeg, 'image/jpeg');
    assert.equal(got.verdict, 'ai-watermark', JSON.stringify(got));
    assert.equal(got.marks.length, 1);
    assert.match(got.marks[0], SDXL);
    assert.equal(got.bitmaps.length, 1);
    // The control: this browser rotates the file itself (even with imageOrientation 'none'),
    // and not the copy that js/pixels.js decodes.
    const dims = await session.page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const { upright } = await import('/js/pixels.js');
      const sizeOf = await globalThis.__checker.imageSize(bytes);
      const size = async (blob, o) => { const b = await createImageBitmap(blob, o); const d = [b.width, b.height]; b.close(); return d; };
      return {
        orientation: sizeOf.orientation?.value,
        file: await size(new Blob([bytes])),
        fileNone: await size(new Blob([bytes]), { imageOrientation: 'none' }),
        upright: await size(upright(bytes, sizeOf)),
      };
    }, jpeg.toString('base64'));
    assert.deepEqual(dims, { orientation: 6, file: [384, 512], fileNone: [384, 512], upright: [512, 384] });
  });
});

describe('wasm linear memory: the pixels are not copied whole', () => {
  test(`a 4096×4096 image grows the wasm memory by at most its file size + ${PIXEL_MEMORY_BUDGET / MiB} MiB`, async (t) => {
    const got = await session.page.evaluate(async () => {
      const c = globalThis.__checker;
      const memory = () => c.run({ type: 'memory' }, undefined, {});
      // A 4096×4096 PNG drawn here: flat shapes, so that it compresses to a small file and the
      // file's own copy into wasm memory stays small next to 64 MiB of pixels.
      const side = 4096;
      const canvas = new OffscreenCanvas(side, side);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#203040';
      ctx.fillRect(0, 0, side, side);
      for (let i = 0; i < 64; i++) {
        ctx.fillStyle = `hsl(${(i * 47) % 360} 40% 50%)`;
        ctx.beginPath();
        ctx.arc((i * 977) % side, (i * 613) % side, 50 + ((i * 31) % 300), 0, 2 * Math.PI);
        ctx.fill();
      }
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      // Warm up on a small image (the allocator's first chunks, the report's code paths).
      const small = new OffscreenCanvas(512, 512);
      small.getContext('2d').fillRect(0, 0, 10, 10);
      await c.check(await small.convertToBlob({ type: 'image/png' }), { watermarks: true });
      const before = await memory();
      const report = await c.check(blob, { watermarks: true });
      const after = await memory();
      return {
        before,
        after,
        fileBytes: blob.size,
        verdict: report.verdict,
        errors: report.errors.map((e) => e.message),
        bitmaps: (await c.run({ type: 'bitmaps' }, undefined, {})).length,
      };
    });
    t.diagnostic(`wasm memory ${(got.before / MiB).toFixed(1)} MiB → ${(got.after / MiB).toFixed(1)} MiB (file ${(got.fileBytes / 1024).toFixed(0)} KiB)`);
    assert.equal(got.bitmaps, 2, 'both images were decoded for watermark detection');
    assert.deepEqual(got.errors, [], 'no budget or decode warning: the pixels were read');
    assert.equal(got.verdict, 'no-label');
    assert.ok(got.fileBytes < MiB, `the file is small (${got.fileBytes} B)`);
    // The promise: the file's own copy + PIXEL_MEMORY_BUDGET.
    assert.ok(got.after - got.before <= got.fileBytes + PIXEL_MEMORY_BUDGET, `grew by ${got.after - got.before} B`);
  });
});
