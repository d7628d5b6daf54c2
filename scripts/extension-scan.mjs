// Opens a page in Chromium with the built extension loaded (the managed build: every site
// granted, the content script in every frame), scrolls through it so every image becomes
// visible, and prints one JSON line per picture: its URL and the badge's data-ailabel-verdict
// (no-label and error badges are switched on for the scan), for every frame. Pictures the
// extension badged (including those in shadow roots, backgrounds and posters) come first, then
// the frame's <img> elements without a badge.
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
const EXT = path.join(root, 'dist/extension-chrome-managed');
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
    let n = 0;
    for (const f of page.frames()) n += await f.evaluate(() => document.querySelectorAll('[data-ailabel-verdict]').length).catch(() => 0);
    stable = n === last ? stable + 1 : 0;
    last = n;
  }
  for (const frame of page.frames()) {
    const rows = await frame.evaluate(() => {
      const badges = [...document.querySelectorAll('[data-ailabel-verdict]')].map((b) => ({ src: b.getAttribute('data-ailabel-src'), verdict: b.getAttribute('data-ailabel-verdict') }));
      const seen = new Set(badges.map((b) => b.src));
      const rest = [...document.images].map((img) => img.currentSrc || img.src).filter((src) => !seen.has(src)).map((src) => ({ src, verdict: null }));
      return [...badges, ...rest];
    }).catch(() => []);
    for (const r of rows) console.log(JSON.stringify(frame === page.mainFrame() ? r : { ...r, frame: frame.url() }));
  }
} finally {
  await context.close();
  server?.close();
}
