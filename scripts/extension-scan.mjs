// Opens a page in Chromium with the built extension loaded, scrolls through it so every image
// becomes visible, and prints one JSON line per image: its URL and the badge's
// data-ailabel-verdict (no-label and error badges are switched on for the scan).
//
//   node scripts/extension-scan.mjs <http(s)-url | page.html | folder-with-index.html>
//
// A local file or folder is served on 127.0.0.1 (random port) for the scan. Needs
// `npm run build:extension` first, and playwright-core with /usr/bin/chromium (or $CHROMIUM).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXT = path.join(root, 'dist/extension-chrome');
const target = process.argv[2];
if (!target) {
  console.error('usage: node scripts/extension-scan.mjs <url | page.html | folder>');
  process.exit(2);
}
if (!fs.existsSync(path.join(EXT, 'manifest.json'))) {
  console.error('extension-scan: run `npm run build:extension` first');
  process.exit(2);
}

let server = null;
let pageUrl = target;
if (!/^https?:\/\//.test(target)) {
  const abs = path.resolve(target);
  const dir = fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
  const file = fs.statSync(abs).isDirectory() ? 'index.html' : path.basename(abs);
  ({ server } = await serve({ root: dir, port: 0, quiet: true }));
  pageUrl = `http://127.0.0.1:${server.address().port}/${encodeURIComponent(file)}`;
}

const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'ailabel-scan-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: false,
  viewport: { width: 1280, height: 900 },
  args: [
    '--headless=new', `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, '--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
try {
  const sw = context.serviceWorkers()[0] || (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  await sw.evaluate(async () => {
    await chrome.storage.local.set({ settings: { autoScan: true, sites: {}, showNoLabel: true, debug: true } });
  });
  const page = await context.newPage();
  await page.goto(pageUrl, { waitUntil: 'load' });
  // Scroll through the page so that lazy and below-the-fold images become visible.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 600) {
    await page.evaluate((v) => window.scrollTo(0, v), y);
    await page.waitForTimeout(150);
  }
  // Wait until the number of badges stops changing (or 60 s).
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 240 && stable < 8; i++) {
    await page.waitForTimeout(250);
    const n = await page.evaluate(() => document.querySelectorAll('[data-ailabel-verdict]').length);
    stable = n === last ? stable + 1 : 0;
    last = n;
  }
  const rows = await page.evaluate(() => {
    const badges = new Map([...document.querySelectorAll('[data-ailabel-verdict]')].map((b) => [b.getAttribute('data-ailabel-src'), b.getAttribute('data-ailabel-verdict')]));
    return [...document.images].map((img) => ({
      src: img.currentSrc || img.src,
      alt: img.alt || null,
      verdict: badges.get(img.currentSrc || img.src) || null,
    }));
  });
  for (const r of rows) console.log(JSON.stringify(r));
} finally {
  await context.close();
  server?.close();
}
