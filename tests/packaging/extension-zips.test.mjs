// The store packages (`npm run package:extension`): each zip unpacks to a complete extension with
// the shared version and every icon size; the managed zip loads in headless Chromium and badges
// a fixture page; the Chrome store zip loads and checks a picture by right-click without any
// site grant; the Firefox zip passes `web-ext lint` with no errors and no unexplained warnings.
// Expected verdicts come from how the fixtures were made or from tests/fixtures/reference.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { unzip, unzipTo } from '../../scripts/zip.mjs';
import { AI_XMP, png, serve, xmpChunk } from '../extension/fixtures.mjs';
import { launch, menuCheck, tabIdOf, waitBadges } from '../extension/harness.mjs';
import { fixturePath, reference } from '../e2e/fixtures.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const BUILDS = ['chrome', 'chrome-managed', 'firefox'];
const zipOf = (b) => path.join(ROOT, 'dist', `ailabel-${b}-${VERSION}.zip`);
/** `web-ext lint` warnings we accept, each with its reason (none today; see www/extension/store/README.md). */
const KNOWN_WARNINGS = {};

let tmp;
const dirs = {};
let server;
before(async () => {
  execFileSync('node', [path.join(ROOT, 'scripts/build-extension.mjs'), '--zip'], { cwd: ROOT, stdio: 'pipe' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ailabel-zips-'));
  for (const b of BUILDS) {
    dirs[b] = path.join(tmp, b);
    unzipTo(fs.readFileSync(zipOf(b)), dirs[b]);
  }
  const aiPng = png(240, 160, [168, 85, 247], [236, 72, 153], [xmpChunk(AI_XMP)]);
  const cors = { 'access-control-allow-origin': '*' };
  server = await serve({
    '/ai.png': { body: aiPng, type: 'image/png', headers: cors },
    '/dalle.webp': { body: fs.readFileSync(fixturePath('c2pa/generators/DALL-E_cloud_surfing_puppy.webp')), type: 'image/webp' },
    '/page.html': {
      type: 'text/html',
      body: '<!doctype html><meta charset="utf-8"><title>zips</title><img src="/ai.png" width="240" height="160"><img src="/dalle.webp" width="240" height="240">',
    },
  });
});
after(async () => {
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('each zip is a complete extension with the shared version and every icon size', () => {
  for (const b of BUILDS) {
    const entries = unzip(fs.readFileSync(zipOf(b)));
    const manifest = JSON.parse(entries.get('manifest.json'));
    assert.equal(manifest.version, VERSION, b);
    assert.equal(manifest.manifest_version, 3);
    assert.ok(![...entries.keys()].some((n) => n.startsWith('store/')), `${b}: store texts are not shipped`);
    for (const f of ['background.js', 'popup.html', 'options.html', 'pkg/ailabel_bg.wasm', 'pkg/ailabel.js']) assert.ok(entries.has(f), `${b} lacks ${f}`);
    for (const size of [16, 32, 48, 96, 128]) {
      const icon = entries.get(manifest.icons[String(size)]);
      assert.ok(icon, `${b}: no ${size} px icon`);
      // PNG IHDR: width and height at bytes 16 and 20.
      assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [size, size], `${b}: icon ${size}`);
    }
  }
});

test('the managed zip loads in headless Chromium and badges a fixture page', async () => {
  const ext = await launch(dirs['chrome-managed']);
  try {
    const p = await ext.context.newPage();
    await p.goto(`${server.origin}/page.html`);
    const found = await waitBadges(p, 2, 60000);
    const verdicts = Object.fromEntries(found.map((x) => [new URL(x.src).pathname, x.verdict]));
    // Built with an IPTC trainedAlgorithmicMedia source type in XMP: unsigned, so ai-declared.
    assert.equal(verdicts['/ai.png'], 'ai-declared');
    // Intact credentials declaring AI from a signer on no trust list in use (reference: Valid).
    assert.equal(reference('c2pa/generators/DALL-E_cloud_surfing_puppy.webp', 'none').state, 'Valid');
    assert.equal(verdicts['/dalle.webp'], 'ai-signed');
  } finally {
    await ext.close();
  }
});

test('the Chrome store zip loads and checks a picture by right-click with no site granted', async () => {
  const ext = await launch(dirs.chrome);
  try {
    const p = await ext.context.newPage();
    await p.goto(`${server.origin}/page.html`);
    const tabId = await tabIdOf(ext.sw, p);
    const rep = await menuCheck(ext, { kind: 'image', url: `${server.origin}/ai.png`, tabId, frameId: 0 });
    assert.equal(await rep.evaluate(() => document.body.dataset.verdict), 'ai-declared');
    assert.equal(await p.evaluate(() => document.querySelectorAll('[data-ailabel-verdict]').length), 0, 'no badges without a grant');
  } finally {
    await ext.close();
  }
});

test('web-ext lint passes on the Firefox zip', () => {
  const bin = path.join(ROOT, 'node_modules/.bin/web-ext');
  let out;
  try {
    out = execFileSync(bin, ['lint', '--source-dir', dirs.firefox, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8' });
  } catch (e) {
    out = e.stdout;
  }
  const report = JSON.parse(out);
  assert.deepEqual(report.errors.map((m) => `${m.code}: ${m.message}`), []);
  const unexplained = report.warnings.filter((w) => !KNOWN_WARNINGS[w.code]).map((w) => `${w.code}: ${w.message} ${w.file || ''}`);
  assert.deepEqual(unexplained, []);
});
