// Least privilege, on the store build: no host access at install; the popup offers automatic
// badges for the site (recording the site and the origins of its images) or for every site; a
// grant registers the content script and badges appear in the open tab; a revoke stops them;
// a right-click check works on a site without a grant.
//
// Granting in headless Chromium: chrome.permissions.request shows the browser's prompt, which a
// headless browser cannot show or click, and chrome://extensions cannot grant an *optional* host
// permission. So this test loads a copy of the store build whose manifest lists the test site as
// a required host, and withholds it at once through chrome://extensions ("Site access: On
// click"), which leaves the extension with no host access, as after a store install. Granting
// and revoking then go through chrome://extensions ("On specific sites", add / remove the site):
// the same permission store, and the same `chrome.permissions.onAdded` / `onRemoved` events that
// a prompt's "Allow" and the options page's "Revoke" fire, so the extension's own code runs from
// there on. The offer itself (the popup's button) is checked up to the request it makes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AI_XMP, png, serve, xmpChunk } from './fixtures.mjs';
import { BUILDS, badges, grantInBrowser, launch, localTrust, menuCheck, revokeInBrowser, tabIdOf, waitBadges } from './harness.mjs';

const ai = png(240, 160, [168, 85, 247], [236, 72, 153], [xmpChunk(AI_XMP)]);
const images = { '/ai.png': { body: ai, type: 'image/png' } };
const SITE = 'http://127.0.0.1/*';

let A;
let B;
let ext;
let copy;

function html(title, body) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

before(async () => {
  // B serves one image that allows cross-origin reads and one that does not.
  B = await serve({
    '/ai.png': { body: ai, type: 'image/png' },
    '/ai-cors.png': { body: ai, type: 'image/png', headers: { 'access-control-allow-origin': '*' } },
  });
  const other = `http://localhost:${B.port}`;
  A = await serve({
    ...images,
    '/site.html': { type: 'text/html', body: () => html('site', `<h1>A site</h1><img id="a" src="/ai.png?site" width="240" height="160"><img id="b" src="${other}/ai.png?site" width="240" height="160">`) },
    '/blob.html': { type: 'text/html', body: () => html('blob', `<script>fetch('/ai.png?blob').then((r) => r.blob()).then((b) => { const i = new Image(240, 160); i.id = 'chat'; i.src = URL.createObjectURL(b); document.body.append(i); });</script>`) },
  });
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ailabel-store-'));
  fs.cpSync(BUILDS.store, copy, { recursive: true });
  const m = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8'));
  m.host_permissions = [SITE];
  fs.writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(m));
  ext = await launch(copy);
  await revokeInBrowser(ext.context, ext.extId, '<all_urls>');
  await localTrust(ext.sw, A.origin);
});

after(async () => {
  await ext?.close();
  await A?.close();
  await B?.close();
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

const held = () => ext.sw.evaluate(async () => (await chrome.permissions.getAll()).origins);
const registered = () => ext.sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches));
/** The registration once it equals `want`: the background updates it from the permission events, a moment after the grant or the revoke (5 s at most). */
async function registeredSoon(want) {
  let got;
  for (let i = 0; i < 50; i += 1) {
    got = await registered();
    if (JSON.stringify(got) === JSON.stringify(want)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return got;
}
const extensionFetches = (server, search) => server.log.filter((r) => r.search === search && r.headers['sec-fetch-dest'] === 'empty');

describe('least privilege (store build)', () => {
  test('the store manifest asks for no host; the first-run page offers automatic badges', async () => {
    const m = JSON.parse(fs.readFileSync(path.join(BUILDS.store, 'manifest.json'), 'utf8'));
    assert.equal(m.host_permissions, undefined);
    assert.equal(m.content_scripts, undefined);
    assert.deepEqual(m.optional_host_permissions, ['<all_urls>']);
    // The welcome page opened on install.
    const welcome = ext.context.pages().find((p) => p.url().endsWith('/welcome.html'));
    assert.ok(welcome, 'the first-run page opened');
    assert.equal(await welcome.locator('[data-grant="all"]').count(), 1);
  });

  test('with no grant: no host access, no content script, no badge, nothing fetched', async () => {
    assert.deepEqual(await held(), []);
    assert.deepEqual(await registered(), []);
    const p = await ext.context.newPage();
    await p.goto(`${A.origin}/site.html?nogrant`);
    await p.waitForTimeout(1500);
    assert.deepEqual(await badges(p), []);
    assert.equal(extensionFetches(A, '?site').length, 0);
    await p.close();
  });

  test('the options page offers a site and every site; an offer records what it asks for', async () => {
    const o = await ext.context.newPage();
    await o.goto(`chrome-extension://${ext.extId}/options.html`);
    await o.waitForSelector('[data-grant="all"]');
    assert.equal(await o.locator('#no-grants').isVisible(), true, 'no site is listed');
    // "Allow this site" records the grant it asks for, then opens the browser's prompt, which
    // headless Chromium cannot show: nothing is granted.
    await o.fill('#site-host', 'https://news.example/path');
    await o.click('#site-form button');
    let grants = {};
    for (let i = 0; i < 50 && !Object.keys(grants).length; i++) {
      await o.waitForTimeout(100);
      grants = (await ext.sw.evaluate(() => chrome.storage.local.get('grants'))).grants || {};
    }
    assert.deepEqual(Object.keys(grants), ['https://news.example/*']);
    assert.deepEqual(await held(), [], 'nothing is granted without the prompt');
    await o.close();
  });

  // The popup's offer needs the tab's address, which the popup reads through activeTab (given
  // when the reader clicks the toolbar button). Headless Chromium cannot click it: CDP's
  // Extensions.triggerAction answers but grants nothing here.
  test('the popup offers automatic badges for the tab\'s site', { skip: 'needs a toolbar click (activeTab), which headless Chromium cannot make' }, () => {});

  test('grant: the content script is registered and badges appear in the open tab; revoke: they stop', async () => {
    const p = await ext.context.newPage();
    await p.goto(`${A.origin}/site.html?flow`);
    await p.waitForTimeout(500);
    assert.deepEqual(await badges(p), []);
    await grantInBrowser(ext.context, ext.extId, SITE);
    assert.deepEqual(await held(), [SITE]);
    assert.deepEqual(await registeredSoon([[SITE]]), [[SITE]]);
    // Injected into the open tab at once, without a reload.
    const found = await waitBadges(p, 1);
    assert.ok(found.some((b) => b.src === `${A.origin}/ai.png?site` && b.verdict === 'ai-declared'), JSON.stringify(found));
    // A new page of the site gets badges from the registered script.
    const q = await ext.context.newPage();
    await q.goto(`${A.origin}/site.html?new`);
    await waitBadges(q, 1);
    // The options page lists the grant.
    const o = await ext.context.newPage();
    await o.goto(`chrome-extension://${ext.extId}/options.html`);
    await o.waitForSelector(`[data-grant-row="${SITE}"]`);
    // Revoke: the permission goes, the registration goes, and badges leave the open pages.
    await revokeInBrowser(ext.context, ext.extId, SITE);
    assert.deepEqual(await held(), []);
    assert.deepEqual(await registeredSoon([]), []);
    await p.waitForFunction(() => document.querySelectorAll('[data-ailabel-verdict]').length === 0);
    await q.waitForFunction(() => document.querySelectorAll('[data-ailabel-verdict]').length === 0);
    await o.waitForSelector(`[data-grant-row="${SITE}"]`, { state: 'detached' });
    // New images on the revoked page are not checked.
    const n = A.log.length;
    await p.evaluate(() => { const i = new Image(240, 160); i.src = '/ai.png?after'; document.body.prepend(i); });
    await p.waitForTimeout(1200);
    assert.deepEqual(await badges(p), []);
    assert.equal(A.log.slice(n).filter((r) => r.search === '?after' && r.headers['sec-fetch-dest'] === 'empty').length, 0);
    for (const x of [p, q, o]) await x.close();
  });

  describe('right-click "Check with ailabel" on a site without a grant', () => {
    // The menu click itself is browser UI that headless Chromium cannot open; the menu handler
    // keeps the request (with its tab and frame) and opens report.html?q=<id>, as done here.
    test('an image whose server allows cross-origin reads is checked by the extension', async () => {
      assert.deepEqual(await held(), []);
      const p = await ext.context.newPage();
      await p.goto(`${A.origin}/site.html?menu1`);
      const tabId = await tabIdOf(ext.sw, p);
      const rep = await menuCheck(ext, { kind: 'image', url: `http://localhost:${B.port}/ai-cors.png`, tabId, frameId: 0 });
      assert.equal(await rep.evaluate(() => document.body.dataset.verdict), 'ai-declared');
      await rep.close();
      await p.close();
    });

    test('an image the extension may not fetch: without the click\'s activeTab the report says it could not be read', async () => {
      // No activeTab here (no real click) and no tab to read through: the extension may not fetch it.
      const rep = await menuCheck(ext, { kind: 'image', url: `${A.origin}/ai.png?menu2`, tabId: null, frameId: 0 });
      assert.equal(await rep.evaluate(() => document.body.dataset.verdict), 'error');
      const report = JSON.parse(await rep.locator('pre.json').textContent());
      assert.match(report.summary, /Failed to fetch/);
      // The request went out as a CORS request, and its answer was withheld from the extension.
      assert.equal(extensionFetches(A, '?menu2')[0]?.headers['sec-fetch-mode'], 'cors');
      await rep.close();
    });

    test('with access to the tab (as the click grants), a blob: image is read in its page and checked', async () => {
      await grantInBrowser(ext.context, ext.extId, SITE);
      const p = await ext.context.newPage();
      await p.goto(`${A.origin}/blob.html`);
      await p.waitForSelector('#chat');
      const src = await p.evaluate(() => document.getElementById('chat').src);
      const tabId = await tabIdOf(ext.sw, p);
      const rep = await menuCheck(ext, { kind: 'image', url: src, tabId, frameId: 0 });
      assert.equal(await rep.evaluate(() => document.body.dataset.verdict), 'ai-declared');
      assert.equal(await rep.locator('[data-checked-url]').textContent(), src);
      await rep.close();
      await p.close();
      await revokeInBrowser(ext.context, ext.extId, SITE);
    });
  });
});
