// End-to-end tests of the page, against the server `npm start` runs, in headless Chromium.
// Screenshots go to test-results/ for a person to look at.
//
// PENDING: verdicts whose fixture or reader does not exist yet. Those tests run but are
// reported as "todo" (a failure does not fail the run) until the entry is removed here, once
// the branch has landed. Set AILABEL_E2E_ALL=1 to treat them as ordinary tests.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_TIME, HOSTILE, fixturePath, fixtures, reference } from './fixtures.mjs';
import { checkFile, interimLists, officialLists, openPage, screenshot, pageSession, waitVerdict } from './harness.mjs';

const PENDING = {};
const todo = (key) => (process.env.AILABEL_E2E_ALL === '1' ? undefined : PENDING[key]);

const env = pageSession();

/** Check one file through the file input; return the verdict and the page. */
async function checkOne(name, buffer, mime, opts = {}) {
  const { page, context, errors } = await openPage(env.browser, env.server.url, opts);
  const verdict = await checkFile(page, name, buffer, mime);
  return { page, context, errors, verdict };
}

describe('one fixture per verdict, through the file input', () => {
  test('no-label: a plain PNG', async () => {
    const { page, context, errors, verdict } = await checkOne('plain.png', fixtures.plainPng(), 'image/png');
    assert.equal(verdict, 'no-label');
    const card = await page.textContent('[data-verdict]');
    assert.match(card, /No AI label found/);
    assert.match(card, /does not show that a person made it/);
    assert.match(await page.textContent('.evidence'), /No label of any kind was found/);
    assert.equal(await page.getAttribute('[data-verdict] img.thumb', 'alt'), 'Thumbnail of the checked image');
    await screenshot(page, 'verdict-no-label');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('error: junk bytes', async () => {
    const { page, context, errors, verdict } = await checkOne('junk.bin', fixtures.junk(), 'application/octet-stream');
    assert.equal(verdict, 'error');
    assert.match(await page.textContent('[data-verdict]'), /Could not be read/);
    // The core's message says what it expected and what it found.
    assert.match(await page.textContent('.errors'), /expected an image/);
    await screenshot(page, 'verdict-error');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('ai-declared: PNG with XMP IPTC DigitalSourceType trainedAlgorithmicMedia', { todo: todo('ai-declared') }, async () => {
    const { page, context, verdict } = await checkOne('iptc.png', fixtures.iptcPng(), 'image/png');
    await screenshot(page, 'verdict-ai-declared-iptc');
    assert.equal(verdict, 'ai-declared');
    const evidence = await page.textContent('.evidence');
    assert.match(evidence, /IPTC photo metadata/);
    assert.match(evidence, /trainedAlgorithmicMedia/);
    await context.close();
  });

  test('ai-declared: PNG with AUTOMATIC1111 parameters', { todo: todo('ai-declared') }, async () => {
    const { page, context, verdict } = await checkOne('a1111.png', fixtures.a1111Png(), 'image/png');
    await screenshot(page, 'verdict-ai-declared-a1111');
    assert.equal(verdict, 'ai-declared');
    assert.match(await page.textContent('.evidence'), /AI generator parameters/);
    await context.close();
  });

  test('ai-signed: DALL-E WebP, valid C2PA, no trust list', { todo: todo('ai-signed') }, async () => {
    const file = 'c2pa/generators/DALL-E_cloud_surfing_puppy.webp';
    assert.equal(reference(file, 'none').state, 'Valid');
    const { page, context, verdict } = await checkOne('DALL-E_cloud_surfing_puppy.webp', readFileSync(fixturePath(file)), 'image/webp');
    await screenshot(page, 'verdict-ai-signed');
    assert.equal(verdict, 'ai-signed');
    assert.match(await page.textContent('.c2pa'), /ChatGPT/);
    await context.close();
  });

  test('invalid: a JPEG whose data hash no longer matches', { todo: todo('invalid') }, async () => {
    const file = 'c2pa/tampered/adobe-20220124-E-dat-CA.jpg';
    assert.equal(reference(file, 'none').state, 'Invalid');
    const { page, context, verdict } = await checkOne('adobe-20220124-E-dat-CA.jpg', readFileSync(fixturePath(file)), 'image/jpeg');
    await screenshot(page, 'verdict-invalid');
    assert.equal(verdict, 'invalid');
    assert.match(await page.textContent('.c2pa .failure'), /assertion\.dataHash\.mismatch/);
    await context.close();
  });

  test('provenance: valid C2PA declaring a camera capture', { todo: todo('provenance') }, async () => {
    const file = 'c2pa/features/C_with_CAWG_data.jpg';
    const ref = reference(file, 'none');
    assert.equal(ref.state, 'Valid');
    assert.deepEqual(ref.dst, ['digitalCapture']);
    const { page, context, verdict } = await checkOne('C_with_CAWG_data.jpg', readFileSync(fixturePath(file)), 'image/jpeg');
    await screenshot(page, 'verdict-provenance');
    assert.equal(verdict, 'provenance');
    assert.match(await page.textContent('[data-verdict]'), /no AI declared/);
    // Its CAWG identity: the reference reports the X.509 identity signature validated and its
    // credential untrusted (cawg.x509.credential.untrusted), so the name shows as unconfirmed.
    assert.ok(ref.none.failure.includes('cawg.x509.credential.untrusted'));
    const identity = await page.textContent('.identities');
    assert.match(identity, /valid/);
    assert.match(identity, /C2PA Test Signing Cert/);
    assert.match(identity, /unconfirmed/);
    await context.close();
  });

  test('CAWG identity claims aggregation: the verified social-media account is shown', async () => {
    // c2pa-rs's Adobe connected-identities fixture: a did:web issuer (never fetched), so the
    // reference reports cawg.ica.did_unavailable and Invalid (tests/fixtures/c2pa/features/cawg/reference.json).
    const file = 'c2pa/features/cawg/adobe_connected_identities.jpg';
    const recorded = JSON.parse(readFileSync(fixturePath('c2pa/features/cawg/reference.json'), 'utf8'));
    const ref = recorded.files.find((f) => f.file === file).none;
    assert.equal(ref.state, 'Invalid');
    assert.deepEqual(ref.failure.filter((c) => c.startsWith('cawg.')), ['cawg.ica.did_unavailable']);
    const { page, context, errors, verdict } = await checkOne('adobe_connected_identities.jpg', readFileSync(fixturePath(file)), 'image/jpeg');
    assert.equal(verdict, 'invalid');
    const identity = await page.textContent('.identities');
    assert.match(identity, /social media/);
    assert.match(identity, /testuser23/);
    assert.match(identity, /verified by behance/);
    assert.match(identity, /did:web:connected-identities\.identity-stage\.adobe\.com/);
    assert.doesNotMatch(await page.textContent('[data-verdict]'), /changed after signing/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  // The wasm has no image decoder: the worker decodes the pixels with createImageBitmap and
  // passes them as options.pixels. The fixture is built by the JS dwtDct encoder (fixtures.mjs).
  test('ai-watermark: a PNG carrying the SDXL dwtDct watermark', async () => {
    const { page, context, errors, verdict } = await checkOne('sdxl-watermark.png', fixtures.sdxlWatermarkPng(), 'image/png');
    await screenshot(page, 'verdict-ai-watermark');
    assert.equal(verdict, 'ai-watermark');
    const evidence = await page.textContent('.evidence');
    assert.match(evidence, /invisible-watermark dwtDct SDXL payload 0xB3EC907BB19E/);
    assert.match(evidence, /48\/48 bits agree/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('no-label: the same image without the watermark', async () => {
    const { page, context, errors, verdict } = await checkOne('unmarked.png', fixtures.unmarkedTwinPng(), 'image/png');
    assert.equal(verdict, 'no-label');
    assert.doesNotMatch(await page.textContent('.evidence'), /dwtDct/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('trust settings', () => {
  test('the official lists are fetched (from a local copy), dated and shown as active', async () => {
    const lists = officialLists();
    const count = (pem) => pem.match(/-----BEGIN CERTIFICATE-----/g).length;
    const { page, context, errors } = await openPage(env.browser, env.server.url, { lists });
    await page.waitForSelector('#official-status:has-text("Last fetched")');
    assert.equal(await page.isChecked('#official-toggle'), true, 'the official lists are on by default');
    const active = await page.textContent('#active-lists');
    assert.match(active, new RegExp(`Official C2PA trust list — ${count(lists.trust)} certificates, fetched`));
    assert.match(active, new RegExp(`time-stamp authority list — ${count(lists.tsa)} certificates`));
    // Cached: a reload shows the same fetch without fetching again.
    const fetchedAt = await page.evaluate(() => JSON.parse(localStorage.getItem('ailabel.trust')).lists[0].fetchedAt);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('ailabel.trust')).lists[0].fetchedAt), fetchedAt);
    // Turned off: the lists are no longer active.
    await page.uncheck('#official-toggle');
    assert.doesNotMatch(await page.textContent('#active-lists'), /Official/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an interim-signed file verifies with the built-in legacy list (served from a local copy)', async () => {
    const file = 'c2pa/generators/DALL-E_cloud_surfing_puppy.webp';
    // The reference trusts it under the interim list; its time-stamp (2024) is before the freeze.
    assert.equal(reference(file, 'interim').state, 'Trusted');
    const { page, context, errors } = await openPage(env.browser, env.server.url, { lists: { ...officialLists(), interim: interimLists() } });
    assert.equal(await page.isChecked('#legacy-toggle'), true, 'the legacy list is on by default');
    await page.waitForSelector('#active-lists:has-text("Legacy CAI list (frozen 2026-01-01): anchors — 18 certificates, fetched")');
    await page.waitForSelector('#active-lists:has-text("accepted key usages — key usages, fetched")');
    const bytes = readFileSync(fixturePath(file));
    assert.equal(await checkFile(page, 'DALL-E_cloud_surfing_puppy.webp', bytes, 'image/webp'), 'ai-verified');
    assert.match(await page.textContent('body'), /trusted under the legacy CAI list, frozen 2026-01-01/);
    // The last good copy is kept with its date.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('ailabel.trust')).lists.filter((l) => l.group === 'legacy'));
    assert.equal(stored.length, 3);
    for (const l of stored) assert.ok(l.pem && Date.parse(l.fetchedAt) > 0, l.id);
    // Turned off: the same file is signed but not trusted.
    await page.uncheck('#legacy-toggle');
    assert.doesNotMatch(await page.textContent('#active-lists'), /Legacy/);
    assert.equal(await checkFile(page, 'DALL-E_cloud_surfing_puppy-2.webp', bytes, 'image/webp'), 'ai-signed');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a failed fetch says so', async () => {
    const { page, context } = await openPage(env.browser, env.server.url, { lists: null });
    await page.waitForSelector('#official-status:has-text("Could not fetch")');
    await context.close();
  });

  test('PEM import: the list becomes active; a non-PEM file is refused', async () => {
    const pem = readFileSync(fixturePath('trust/test/test-anchors.pem'));
    const certs = pem.toString().match(/-----BEGIN CERTIFICATE-----/g).length;
    const { page, context, errors } = await openPage(env.browser, env.server.url, { lists: officialLists() });
    await page.selectOption('#import-kind', 'trustAnchors');
    await page.setInputFiles('#import-file', { name: 'test-anchors.pem', mimeType: 'application/x-pem-file', buffer: pem });
    await page.locator('#import-status', { hasText: 'Imported' }).waitFor();
    assert.match(await page.textContent('#import-status'), new RegExp(`Imported test-anchors.pem \\(${certs} certificates\\)`));
    assert.match(await page.textContent('#active-lists'), /test-anchors\.pem — Trust anchors \(signer root CAs\)/);
    await page.setInputFiles('#import-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.locator('#import-status', { hasText: 'Not imported' }).waitFor();
    assert.match(await page.textContent('#import-status'), /Not imported: notes\.txt: expected PEM certificates/);
    await screenshot(page, 'trust-settings');
    // Removing it works from the keyboard.
    await page.focus('#active-lists button[aria-label="Remove test-anchors.pem"]');
    await page.keyboard.press('Enter');
    assert.doesNotMatch(await page.textContent('#active-lists'), /test-anchors/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  /** Import the `test` profile of PROFILES.md (test-anchors.pem, c2pa-rs store.cfg) and check C.jpg as of the corpus date. */
  async function checkCjpgUnderTestProfile() {
    const { page, context } = await openPage(env.browser, env.server.url, { lists: officialLists() });
    await page.selectOption('#import-kind', 'trustAnchors');
    await page.setInputFiles('#import-file', { name: 'test-anchors.pem', mimeType: 'application/x-pem-file', buffer: readFileSync(fixturePath('trust/test/test-anchors.pem')) });
    await page.locator('#active-lists', { hasText: 'test-anchors.pem' }).waitFor();
    await page.selectOption('#import-kind', 'trustConfig');
    await page.setInputFiles('#import-file', { name: 'store.cfg', mimeType: 'text/plain', buffer: readFileSync(fixturePath('trust/test/store.cfg')) });
    await page.locator('#active-lists', { hasText: 'store.cfg' }).waitFor();
    await page.uncheck('#official-toggle');
    await page.fill('#verify-date', CORPUS_TIME);
    const verdict = await checkFile(page, 'C.jpg', readFileSync(fixturePath('c2pa/chains/C.jpg')), 'image/jpeg');
    return { page, context, verdict };
  }

  test('imported anchors make a signer trusted: C.jpg is Trusted under the test profile', async () => {
    assert.equal(reference('c2pa/chains/C.jpg', 'test').state, 'Trusted');
    const { page, context } = await checkCjpgUnderTestProfile();
    await screenshot(page, 'trusted-with-imported-anchors');
    assert.match(await page.textContent('.c2pa .c2pa-state'), /^Trusted — valid, and the signer is on a trust list in use/);
    await context.close();
  });

  test('ai-verified: the DALL-E WebP under the imported interim trust list, as of the corpus date', async () => {
    const file = 'c2pa/generators/DALL-E_cloud_surfing_puppy.webp';
    // The reference reader says Trusted under this profile, and the file's ingredient declares
    // trainedAlgorithmicMedia: together they imply ai-verified.
    assert.equal(reference(file, 'interim').state, 'Trusted');
    const { page, context } = await openPage(env.browser, env.server.url, { lists: officialLists() });
    const imports = [
      ['trustAnchors', 'interim-anchors.pem'],
      ['allowedList', 'interim-allowed.pem'],
      ['trustConfig', 'interim-store.cfg'],
    ];
    for (const [kind, name] of imports) {
      await page.selectOption('#import-kind', kind);
      await page.setInputFiles('#import-file', { name, mimeType: 'text/plain', buffer: readFileSync(fixturePath(`trust/interim/${name}`)) });
      await page.locator('#active-lists', { hasText: name }).waitFor();
    }
    await page.uncheck('#official-toggle');
    await page.fill('#verify-date', CORPUS_TIME);
    const verdict = await checkFile(page, 'DALL-E_cloud_surfing_puppy.webp', readFileSync(fixturePath(file)), 'image/webp');
    await screenshot(page, 'verdict-ai-verified');
    assert.equal(verdict, 'ai-verified');
    assert.match(await page.textContent('[data-verdict]'), /DALL·E/);
    await context.close();
  });
});

describe('text, safety, layout', () => {
  test('pasted text: plain prose has no label', async () => {
    const { page, context, errors } = await openPage(env.browser, env.server.url);
    await page.click('#tab-text');
    await page.fill('#text-input', 'The harbour was quiet this morning. Fishing boats came in at six.');
    await page.click('#text-check');
    assert.equal(await waitVerdict(page), 'no-label');
    assert.match(await page.textContent('[data-verdict]'), /text/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the text part is fetched by the first check with text, never by an image check', async () => {
    const { page, context, errors } = await openPage(env.browser, env.server.url);
    const textPart = [];
    context.on('request', (r) => { if (r.url().includes('ailabel_text')) textPart.push(r.url()); });
    assert.equal(await checkFile(page, 'plain.png', fixtures.plainPng(), 'image/png'), 'no-label');
    assert.deepEqual(textPart, [], 'an image check does not load the text part');
    await page.click('#tab-text');
    await page.fill('#text-input', 'This article was written with the help of ChatGPT.');
    await page.click('#text-check');
    assert.equal(await waitVerdict(page), 'ai-declared');
    assert.equal(textPart.length, 1);
    assert.match(textPart[0], /\/pkg\/ailabel_text\.wasm$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('pasted HTML with an ai-disclosure meta tag', { todo: todo('ai-declared') }, async () => {
    const { page, context } = await openPage(env.browser, env.server.url);
    await page.click('#tab-text');
    await page.fill('#text-input', '<!doctype html><html><head><meta name="ai-disclosure" content="ai-generated"></head><body><p>Hi</p></body></html>');
    await page.click('#text-check');
    assert.equal(await waitVerdict(page), 'ai-declared');
    await screenshot(page, 'text-ai-declared');
    await context.close();
  });

  test('paste from the clipboard into the page checks the text', async () => {
    const { page, context } = await openPage(env.browser, env.server.url);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'A pasted note about nothing in particular.');
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    assert.equal(await waitVerdict(page), 'no-label');
    assert.equal(await page.getAttribute('#tab-text', 'aria-selected'), 'true');
    await context.close();
  });

  test('hostile strings in the file name render inert and literal', async () => {
    const name = `${HOSTILE}.png`;
    const { page, context, errors, verdict } = await checkOne(name, fixtures.plainPng(), 'image/png');
    assert.equal(verdict, 'no-label');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
    assert.equal(await page.locator('#result script, #result img[src="x"]').count(), 0);
    assert.match(await page.textContent('[data-verdict]'), /<img src=x onerror=/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('hostile strings in label metadata render inert and literal', { todo: todo('inert-label-text') }, async () => {
    const { page, context, errors } = await checkOne('hostile.png', fixtures.hostilePng(), 'image/png');
    await screenshot(page, 'inert-html');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
    assert.equal(await page.locator('#result script, #result img[src="x"]').count(), 0);
    assert.ok((await page.textContent('#result')).includes('<script>window.__pwned'), 'the markup shows as text');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a file dropped on the drop zone is checked', async () => {
    const { page, context, errors } = await openPage(env.browser, env.server.url);
    const b64 = fixtures.iptcPng().toString('base64');
    await page.evaluate((data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      const zone = document.getElementById('dropzone');
      for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, b64);
    assert.equal(await waitVerdict(page), 'ai-declared');
    assert.match(await page.textContent('[data-verdict]'), /Checked: dropped\.png/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the raw report shows the JSON and downloads it', async () => {
    const { page, context } = await checkOne('plain.png', fixtures.plainPng(), 'image/png');
    await page.click('.raw summary');
    const json = JSON.parse(await page.textContent('pre.json'));
    assert.equal(json.verdict, 'no-label');
    assert.equal(json.input.format, 'png');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.raw button')]);
    assert.equal(download.suggestedFilename(), 'plain.png.ailabel.json');
    await context.close();
  });

  test('keyboard: tabs move with arrow keys; the file picker is reachable', async () => {
    const { page, context } = await openPage(env.browser, env.server.url);
    await page.focus('#tab-file');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-text');
    assert.equal(await page.isVisible('#text-input'), true);
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-url');
    await page.keyboard.press('Home');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-file');
    // Every form control has a label.
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((e) => !e.labels?.length && !e.getAttribute('aria-label')).map((e) => e.id));
    assert.deepEqual(unlabelled, []);
    await context.close();
  });

  test('URL field: a site that forbids CORS gets a clear message', async () => {
    const { page, context } = await openPage(env.browser, env.server.url);
    await page.click('#tab-url');
    await page.fill('#url-input', 'https://example.invalid/image.jpg');
    await page.click('#url-form button[type=submit]');
    await page.waitForSelector('#status:has-text("does not allow this page to read its files (CORS)")');
    await context.close();
  });

  test('phone width: the result fits without horizontal scrolling', async () => {
    const { page, context } = await openPage(env.browser, env.server.url, { viewport: { width: 375, height: 800 } });
    await checkFile(page, 'junk.bin', fixtures.junk());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await screenshot(page, 'phone-error');
    await context.close();
  });

  test('a big file shows progress and can be cancelled', async () => {
    const { page, context } = await openPage(env.browser, env.server.url);
    await page.waitForFunction(() => document.getElementById('version').textContent !== '');
    const wasmFetches = [];
    page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasmFetches.push(r.url()); });
    // 200 MB made in the page (a Blob is not copied until read); the worker reads it in chunks.
    await page.evaluate(() => {
      const big = new File([new Uint8Array(200 * 1024 * 1024)], 'big.bin');
      const dt = new DataTransfer();
      dt.items.add(big);
      const input = document.getElementById('file-input');
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForSelector('#progress-row:not([hidden])');
    await page.click('#cancel');
    await page.waitForSelector('#status:has-text("Cancelled")');
    assert.equal(await page.locator('[data-verdict]').count(), 0);
    // The checker still works after a cancel, from the module compiled once at start.
    assert.equal(await checkFile(page, 'plain.png', fixtures.plainPng(), 'image/png'), 'no-label');
    assert.deepEqual(wasmFetches, [], 'the wasm is compiled once and reused');
    await context.close();
  });

  test('a file of 16 MiB or more is streamed into the checker whole, with progress to the end', async () => {
    const { page, context, errors } = await openPage(env.browser, env.server.url);
    await page.waitForFunction(() => document.getElementById('version').textContent !== '');
    const size = 16 * 1024 * 1024 + 3; // over the worker's streaming threshold, not a chunk multiple
    const out = await page.evaluate(async (size) => {
      const { Checker } = await import('./js/checker.js');
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i += 4096) bytes[i] = i % 251; // not all zeros
      const progress = [];
      const report = await new Checker().check(new Blob([bytes]), { watermarks: false }, {
        onProgress: (loaded, total) => progress.push([loaded, total]),
      });
      return { input: report.input, verdict: report.verdict, progress };
    }, size);
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) bytes[i] = i % 251;
    assert.equal(out.input.size, size);
    assert.equal(out.input.sha256, createHash('sha256').update(bytes).digest('hex'), 'every byte arrived, in order');
    assert.equal(out.verdict, 'error', 'not a format the checker reads');
    assert.ok(out.progress.length >= 2, 'progress while reading');
    assert.deepEqual(out.progress.at(-1), [size, size]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('claim thumbnails: shown from bytes, and base64 in the raw JSON as on the command line', async () => {
    const { page, context, errors } = await openPage(env.browser, env.server.url);
    // Both manifests of this chain carry a JPEG claim thumbnail (c2pa.thumbnail.claim.jpeg).
    await checkFile(page, 'CAICAI.jpg', readFileSync(fixturePath('c2pa/chains/adobe-20220124-CAICAI.jpg')), 'image/jpeg');
    const thumbs = page.locator('#result img.manifest-thumb');
    await page.waitForFunction(() => [...document.querySelectorAll('#result img.manifest-thumb')].every((i) => i.complete));
    assert.equal(await thumbs.count(), 2);
    const decoded = await thumbs.evaluateAll((imgs) => imgs.map((i) => [i.naturalWidth > 0, i.src.slice(0, 23)]));
    assert.deepEqual(decoded, [[true, 'data:image/jpeg;base64,'], [true, 'data:image/jpeg;base64,']]);
    const raw = JSON.parse(await page.textContent('#result pre.json'));
    for (const m of raw.c2pa.manifests) {
      assert.deepEqual(Object.keys(m.thumbnail).sort(), ['data_base64', 'media_type']);
      assert.equal(Buffer.from(m.thumbnail.data_base64, 'base64').subarray(0, 3).toString('hex'), 'ffd8ff');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('offline: the service worker serves the app once loaded', async () => {
    const { page, context } = await openPage(env.browser, env.server.url, { serviceWorkers: 'allow' });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const c = await caches.open('ailabel-v1');
      for (let i = 0; i < 50 && !(await c.match('pkg/ailabel_bg.wasm')); i++) await new Promise((r) => setTimeout(r, 100));
    });
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await checkFile(page, 'plain.png', fixtures.plainPng(), 'image/png'), 'no-label');
    await context.close();
  });
});
