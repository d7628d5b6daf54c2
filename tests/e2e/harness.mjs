// Test harness: starts `npm start` (the README's command) on a free port, launches the system
// Chromium through playwright-core (never a downloaded browser), and serves the official trust
// list URLs from the corpus copies so that no test touches the network.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { ROOT, fixturePath } from './fixtures.mjs';

export const RESULTS = join(ROOT, 'test-results');

/** Start `npm start` with PORT=0 and resolve with its printed URL. */
export function startServer() {
  return new Promise((resolveStart, reject) => {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT, env: { ...process.env, PORT: '0' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL in time:\n${out}`)), 600_000);
    const onData = (d) => {
      out += d;
      const m = out.match(/running at (http:\/\/localhost:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolveStart({ url: m[1], stop: () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } } });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited (${code}):\n${out}`)); });
  });
}

/**
 * For a test file: start the server and the browser before its tests, stop them after.
 * Returns `{ server, browser }`, filled in once the `before` hook has run. `setup(env)` and
 * `teardown(env)` run inside the same hooks (root-level hooks of one file are not ordered).
 */
export function pageSession({ setup, teardown } = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
    await setup?.(env);
  });
  after(async () => {
    await teardown?.(env);
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

/** Launch Chromium; `extraArgs` are added to the flags (e.g. a test's host mapping). */
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...extraArgs],
  });
}

/**
 * A fresh page with the official trust list URLs answered from `lists` ({trust, tsa} PEM text,
 * and optionally `interim` from interimLists() for the legacy CAI list; or null to make the
 * fetch fail), requests to `passHosts` let through (to a local server the browser maps them
 * to), and every other non-local request refused.
 */
export async function openPage(browser, url, { lists = null, viewport = { width: 1100, height: 900 }, serviceWorkers = 'block', passHosts = [] } = {}) {
  const context = await browser.newContext({ viewport, serviceWorkers, acceptDownloads: true });
  await context.route(/^https?:\/\/(?!localhost[:/])/, (route) => {
    const u = route.request().url();
    // A host the test maps to a local server (tests/e2e/remote-host.mjs) goes through.
    if (passHosts.includes(new URL(u).hostname)) return route.continue();
    if (lists && u.endsWith('/C2PA-TRUST-LIST.pem')) return route.fulfill({ status: 200, contentType: 'text/plain', body: lists.trust, headers: { 'access-control-allow-origin': '*' } });
    if (lists && u.endsWith('/C2PA-TSA-TRUST-LIST.pem')) return route.fulfill({ status: 200, contentType: 'text/plain', body: lists.tsa, headers: { 'access-control-allow-origin': '*' } });
    // The legacy CAI list's three files, when the test gives them (`lists.interim`).
    const interim = lists?.interim && INTERIM_FILES[u];
    if (interim) return route.fulfill({ status: 200, contentType: 'text/plain', body: lists.interim[interim], headers: { 'access-control-allow-origin': '*' } });
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, context, errors };
}

/** The legacy CAI list's addresses (www/shared/trust.js) and their keys in `lists.interim`. */
const INTERIM_FILES = {
  'https://contentcredentials.org/trust/anchors.pem': 'anchors',
  'https://contentcredentials.org/trust/allowed.pem': 'allowed',
  'https://contentcredentials.org/trust/store.cfg': 'config',
};

/** The local copy of the legacy CAI list (tests/fixtures/trust/interim), for `lists.interim`. */
export function interimLists() {
  return {
    anchors: readFileSync(fixturePath('trust/interim/interim-anchors.pem'), 'utf8'),
    allowed: readFileSync(fixturePath('trust/interim/interim-allowed.pem'), 'utf8'),
    config: readFileSync(fixturePath('trust/interim/interim-store.cfg'), 'utf8'),
  };
}

export function officialLists() {
  return {
    trust: readFileSync(fixturePath('trust/c2pa_tl/C2PA-TRUST-LIST.pem'), 'utf8'),
    tsa: readFileSync(fixturePath('trust/c2pa_tl/C2PA-TSA-TRUST-LIST.pem'), 'utf8'),
  };
}

/** Give a file to the page's file input and wait for the verdict. */
export async function checkFile(page, name, buffer, mimeType = 'application/octet-stream') {
  await page.setInputFiles('#file-input', { name, mimeType, buffer });
  return waitVerdict(page);
}

export async function waitVerdict(page) {
  const card = await page.waitForSelector('[data-verdict]', { timeout: 60_000 });
  return card.getAttribute('data-verdict');
}

export async function screenshot(page, name) {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}
