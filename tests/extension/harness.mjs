// The browser side of the extension tests: launches Chromium with one build of the extension
// (Playwright's launchPersistentContext, --headless=new), and reads the extension as a browser
// user meets it: badge hosts on pages, its own pages, its storage. The shipped code has no test
// hooks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './fixtures.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const RESULTS = path.join(ROOT, 'test-results');
/** The builds: the store build asks for no host at install; the managed build has every site. */
export const BUILDS = {
  store: path.join(ROOT, 'dist/extension-chrome'),
  managed: path.join(ROOT, 'dist/extension-chrome-managed'),
};

/**
 * Start Chromium with the extension in `dir` (and any extra `args`, e.g. a test's host
 * mapping); resolves to `{ context, sw, extId, close }`.
 */
export async function launch(dir, { viewport = { width: 1100, height: 760 }, args = [] } = {}) {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`build the extension first (npm run build:extension): ${dir}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ailabel-ext-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    viewport,
    args: [
      '--headless=new',
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
  const sw = context.serviceWorkers()[0] || (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  const extId = new URL(sw.url()).host;
  return {
    context,
    sw,
    extId,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Merge `patch` into the extension's settings, as its options page does. */
export function setSettings(sw, patch) {
  return sw.evaluate(async (p) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings || {}), ...p } });
  }, patch);
}

/** Local trust lists, so that auto-update never reaches out of the machine during a test. */
export function localTrust(sw, origin) {
  return sw.evaluate(async (o) => {
    const lists = [
      { id: 'c2pa', name: 'C2PA trust list', kind: 'trustAnchors', url: `${o}/trust.pem`, pem: '', fetchedAt: null, error: null },
      { id: 'tsa', name: 'C2PA TSA trust list', kind: 'tsaAnchors', url: `${o}/tsa.pem`, pem: '', fetchedAt: null, error: null },
    ];
    await chrome.storage.local.set({ 'ailabel.trust': { official: true, autoUpdate: false, lists, imported: [] } });
  }, origin);
}

/** The badge hosts of a frame (page or frame), as outside checks read them. */
export function badges(frame) {
  return frame.evaluate(() =>
    [...document.querySelectorAll('[data-ailabel-verdict]')].map((e) => ({
      verdict: e.getAttribute('data-ailabel-verdict'),
      src: e.getAttribute('data-ailabel-src'),
      tag: e.localName,
      display: getComputedStyle(e).display,
      visibility: getComputedStyle(e).visibility,
      rect: (({ x, y, width, height }) => ({ x, y, width, height }))(e.getBoundingClientRect()),
    })),
  );
}

/** Wait until a frame has at least `n` badges; resolves to them. */
export async function waitBadges(frame, n, timeout = 20000) {
  await frame.waitForFunction((k) => document.querySelectorAll('[data-ailabel-verdict]').length >= k, n, { timeout });
  return badges(frame);
}

/** The id of the tab showing page `p`. */
export async function tabIdOf(sw, p) {
  await p.bringToFront();
  return sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
}

/**
 * Grant host access as a user does in chrome://extensions ("Site access" → "On specific sites"
 * → add a site, or "On all sites"): headless Chromium cannot click the permission prompt that
 * chrome.permissions.request shows, so the test uses the browser's own extensions page, which
 * grants through the same permission store and fires the same `permissions.onAdded`.
 */
export async function grantInBrowser(context, extId, pattern) {
  const p = await context.newPage();
  await p.goto('chrome://extensions/');
  await p.evaluate(async ([id, host]) => {
    if (host === '<all_urls>') await chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_ALL_SITES' });
    else await chrome.developerPrivate.addHostPermission(id, host);
  }, [extId, pattern]);
  await p.close();
}

/** What chrome://extensions shows and does for "Remove" of a site, and "On click" for all sites. */
export async function revokeInBrowser(context, extId, pattern) {
  const p = await context.newPage();
  await p.goto('chrome://extensions/');
  await p.evaluate(async ([id, host]) => {
    if (host === '<all_urls>') await chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_CLICK' });
    else await chrome.developerPrivate.removeHostPermission(id, host);
  }, [extId, pattern]);
  await p.close();
}

/**
 * A context-menu check as the menu handler makes it: the request is kept in the session and the
 * report page `report.html?q=<id>` runs it. Resolves to the report page once it shows a verdict.
 */
export async function menuCheck({ context, sw, extId }, request) {
  const q = `test-${Math.random().toString(36).slice(2)}`;
  await sw.evaluate(([k, r]) => chrome.storage.session.set({ [`q:${k}`]: r }), [q, request]);
  const rep = await context.newPage();
  await rep.goto(`chrome-extension://${extId}/report.html?q=${q}`);
  await rep.waitForFunction(() => document.body.dataset.verdict, null, { timeout: 30000 });
  return rep;
}
