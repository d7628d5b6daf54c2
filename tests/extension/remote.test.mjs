// The extension and remote Content Credentials (C2PA 2.2 §11.4): an image whose XMP
// dcterms:provenance names its store at an https: address gets a badge (even though nothing
// else was found in it), and its report page says where the credentials are, with a button;
// nothing is fetched before the click. The fetch runs in the extension's engine (the offscreen
// document), without cookies or referrer, and the store is verified against the image.
//
// The remote host is a local HTTPS server that Chromium is mapped to (tests/e2e/remote-host.mjs):
// the extension keeps its production rule (https: only) and has no test hook. The managed build
// holds every host, so the click's permission request resolves without a prompt (the store
// build shows the browser's prompt there, which a headless browser cannot click).
//
// Fixtures: the c2pa-rs pair cloud.jpg and cloud_manifest.c2pa (the store at the address the
// file names); a valid store signed by the c2pa-rs test certificate, which declares no AI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, serve } from './fixtures.mjs';
import { fixturePath } from '../e2e/fixtures.mjs';
import { CLOUD_HOST, CLOUD_URL, haveOpenssl, remoteHost } from '../e2e/remote-host.mjs';
import { RESULTS, launch, localTrust, menuCheck, waitBadges } from './harness.mjs';

const EXT = path.join(ROOT, 'dist/extension-chrome-managed');
const cloud = fs.readFileSync(fixturePath('c2pa/remote/cloud.jpg'));
const store = fs.readFileSync(fixturePath('c2pa/sidecars/cloud_manifest.c2pa'));
const skip = haveOpenssl() ? false : 'needs openssl for the local HTTPS server\'s certificate';

let site;
let host;
let ext;

before(async () => {
  if (skip) return;
  host = await remoteHost(CLOUD_HOST, (req) => (new URL(req.url, 'https://x').pathname === new URL(CLOUD_URL).pathname
    ? { status: 200, body: store, headers: { 'content-type': 'application/c2pa' } }
    : { status: 404, body: 'not here' }));
  site = await serve({
    '/cloud.jpg': { body: cloud, type: 'image/jpeg' },
    '/page.html': { type: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>remote</title><img id="c" src="/cloud.jpg" width="300" height="200">' },
  });
  ext = await launch(EXT, { args: host.args });
  await localTrust(ext.sw, site.origin);
  await ext.context.addCookies([{ name: 'session', value: 'secret', domain: CLOUD_HOST, path: '/', secure: true }]);
});

after(async () => {
  await ext?.close();
  await site?.close();
  await host?.close();
});

describe('remote Content Credentials in the extension', { skip }, () => {
  test('the image gets a badge, and nothing is fetched from the remote host on its own', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.origin}/page.html`);
    const [badge] = await waitBadges(page, 1);
    // Nothing else is in the file: the verdict stays no-label, shown because of the reference.
    assert.equal(badge.verdict, 'no-label');
    assert.equal(badge.src, `${site.origin}/cloud.jpg`);
    await page.waitForTimeout(300);
    assert.equal(host.log.length, 0, 'no request to the remote host without a click');
    await page.close();
  });

  test('the report page shows the host and a button; the click fetches and verifies the store', async () => {
    const rep = await menuCheck(ext, { kind: 'image', url: `${site.origin}/cloud.jpg`, tabId: null });
    const panel = rep.locator('[data-remote-status]');
    assert.equal(await panel.getAttribute('data-remote-status'), 'not-fetched');
    assert.match(await panel.textContent(), new RegExp(`Content Credentials are stored remotely at ${CLOUD_HOST.replaceAll('.', '\\.')}`));
    assert.equal(host.log.length, 0, 'no request before the click');
    fs.mkdirSync(RESULTS, { recursive: true });
    await rep.screenshot({ path: path.join(RESULTS, 'extension-remote-prompt.png'), fullPage: true });

    await rep.locator('button.fetch-remote').click();
    await rep.waitForSelector('[data-remote-status="fetched"]', { timeout: 60_000 });
    assert.equal(host.log.length, 1, 'one request, after the click');
    const [req] = host.log;
    assert.equal(req.path, new URL(CLOUD_URL).pathname);
    assert.equal(req.headers.cookie, undefined, 'no cookie');
    assert.equal(req.headers.referer, undefined, 'no referrer');
    // Verified against the image: the data hash matches; the c2pa-rs test signer is on no list.
    assert.match(await rep.textContent('.c2pa .c2pa-state'), /^Valid/);
    assert.match(await rep.textContent('.c2pa'), /assertion\.dataHash\.match/);
    assert.equal(await rep.evaluate(() => document.body.dataset.verdict), 'provenance');
    await rep.screenshot({ path: path.join(RESULTS, 'extension-remote-fetched.png'), fullPage: true });
    await rep.close();
  });
});
