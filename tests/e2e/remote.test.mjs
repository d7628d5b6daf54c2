// The page and remote Content Credentials (C2PA 2.2 §11.4): a file whose XMP
// dcterms:provenance names its store at an https: address. The page says so, shows the host and
// a button, and fetches nothing until the click; the fetch carries no cookie and no referrer;
// the fetched store is verified against the file. The host is a local HTTPS server the browser
// is mapped to (remote-host.mjs), so the page's production rules (https: only) stay as they are.
//
// Fixtures: the c2pa-rs pair cloud.jpg (remote reference only; the reference validator stops
// with "must fetch remote manifests from url …", tests/fixtures/reference.json) and
// cloud_manifest.c2pa, the store at that address: a valid store signed by the c2pa-rs test
// certificate, which is on no trust list in use here, and which declares no AI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from './fixtures.mjs';
import { checkFile, launch, openPage, screenshot, startServer } from './harness.mjs';
import { CLOUD_HOST, CLOUD_URL, haveOpenssl, remoteHost } from './remote-host.mjs';

const cloud = readFileSync(fixturePath('c2pa/remote/cloud.jpg'));
const store = readFileSync(fixturePath('c2pa/sidecars/cloud_manifest.c2pa'));
const reference = JSON.parse(readFileSync(fixturePath('reference.json'), 'utf8'));

const skip = haveOpenssl() ? false : 'needs openssl for the local HTTPS server\'s certificate';
const env = { server: null, browser: null, host: null, mode: 'ok' };

before(async () => {
  if (skip) return;
  env.host = await remoteHost(CLOUD_HOST, (req) => {
    if (env.mode === 'missing' || new URL(req.url, 'https://x').pathname !== new URL(CLOUD_URL).pathname) return { status: 404, body: 'not here' };
    return { status: 200, body: store, headers: { 'content-type': 'application/c2pa' } };
  });
  env.server = await startServer();
  env.browser = await launch(env.host.args);
});

after(async () => {
  await env.browser?.close();
  env.server?.stop();
  await env.host?.close();
});

async function open() {
  const opened = await openPage(env.browser, env.server.url, { passHosts: [CLOUD_HOST] });
  // A cookie the remote host set earlier: the fetch must not send it.
  await opened.context.addCookies([{ name: 'session', value: 'secret', domain: CLOUD_HOST, path: '/', secure: true }]);
  return opened;
}

describe('remote Content Credentials on the page', { skip }, () => {
  test('the reference validator names the same address and reads nothing else', () => {
    const entry = reference.find((e) => e.file === 'c2pa/remote/cloud.jpg');
    assert.equal(entry.none.state, 'ERROR');
    assert.equal(entry.none.error, `Remote: must fetch remote manifests from url ${CLOUD_URL}`);
  });

  test('the page shows the host and a button, fetches only on the click, and verifies the store', async () => {
    env.mode = 'ok';
    env.host.log.length = 0;
    const { page, context, errors } = await open();
    await checkFile(page, 'cloud.jpg', cloud, 'image/jpeg');
    const panel = page.locator('[data-remote-status]');
    assert.equal(await panel.getAttribute('data-remote-status'), 'not-fetched');
    assert.match(await panel.textContent(), new RegExp(`stored remotely at ${CLOUD_HOST.replaceAll('.', '\\.')}`));
    const button = page.locator('button.fetch-remote');
    assert.match(await button.textContent(), new RegExp(CLOUD_HOST.replaceAll('.', '\\.')));
    // Nothing was fetched before the click.
    await page.waitForTimeout(300);
    assert.equal(env.host.log.length, 0, 'no request before the click');
    assert.equal(await page.locator('.c2pa').count(), 0, 'no credentials were read yet');
    await screenshot(page, 'remote-prompt');

    await button.click();
    await page.waitForSelector('[data-remote-status="fetched"]', { timeout: 60_000 });
    assert.equal(env.host.log.length, 1, 'one request, after the click');
    const [req] = env.host.log;
    assert.equal(req.method, 'GET');
    assert.equal(req.path, new URL(CLOUD_URL).pathname);
    assert.equal(req.headers.cookie, undefined, 'no cookie');
    assert.equal(req.headers.referer, undefined, 'no referrer');
    assert.equal(req.headers.authorization, undefined);
    // The fetched store is verified against the file: the data hash matches; the signer (the
    // c2pa-rs test certificate) is not on a trust list in use, so Valid, not Trusted.
    assert.match(await page.textContent('.c2pa .c2pa-state'), /^Valid/);
    assert.match(await page.textContent('.c2pa'), /assertion\.dataHash\.match/);
    assert.match(await page.textContent('.c2pa'), /Fetched from:/);
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), 'provenance');
    await screenshot(page, 'remote-fetched');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a store that cannot be fetched is reported as manifest.inaccessible, not as invalid', async () => {
    env.mode = 'missing';
    env.host.log.length = 0;
    const { page, context, errors } = await open();
    await checkFile(page, 'cloud.jpg', cloud, 'image/jpeg');
    await page.locator('button.fetch-remote').click();
    await page.waitForSelector('[data-remote-status="inaccessible"]', { timeout: 60_000 });
    assert.equal(env.host.log.length, 1);
    assert.match(await page.textContent('[data-remote-status]'), /could not be fetched: the server answered HTTP 404/);
    assert.match(await page.textContent('.errors, body'), /manifest\.inaccessible/);
    assert.notEqual(await page.getAttribute('[data-verdict]', 'data-verdict'), 'invalid');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
