// Assembles the browser extension: dist/extension-chrome/ and dist/extension-firefox/ (the store
// builds: no host access at install, automatic badges per site on request), and
// dist/extension-chrome-managed/ (for fleets deployed by policy: every site granted at install,
// the content script declared in the manifest, automatic badges on).
// Copies www/extension/, the wasm (www/pkg/), the web page's checker client, worker and renderer
// (www/js/) and the shared vocabulary, DOM and trust modules (www/shared/), draws the icons, and
// writes one manifest per browser. `--zip` (`npm run package:extension`) also packs each folder
// into dist/ailabel-<build>-<version>.zip for the stores (scripts/zip.mjs: no tool needed).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.mjs';
import { zipDir } from './zip.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'www/extension');
const pkg = path.join(root, 'www/pkg');
const js = path.join(root, 'www/js');
const shared = path.join(root, 'www/shared');

function fail(msg) {
  console.error(`build-extension: ${msg}`);
  process.exit(1);
}

// ---- the wasm ----------------------------------------------------------------------------
if (!fs.existsSync(path.join(pkg, 'ailabel_bg.wasm'))) {
  const script = path.join(root, 'scripts/build-wasm.sh');
  if (!fs.existsSync(script)) fail('www/pkg/ailabel_bg.wasm is missing and scripts/build-wasm.sh does not exist');
  execFileSync('bash', [script], { stdio: 'inherit', cwd: root });
}
for (const f of ['ailabel.js', 'ailabel_bg.wasm', 'ailabel_text.wasm']) {
  if (!fs.existsSync(path.join(pkg, f))) fail(`www/pkg/${f} is missing: run the wasm build first`);
}

// ---- icons: a label tag with a spark, drawn in code ----------------------------------------
/** A `size` px RGBA PNG of `pixel(u, v)` (u, v in 0..1), with 4×4 supersampling for smooth edges. */
function png(size, pixel) {
  return encodePng(size, size, (x, y) => {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < 4; sy++) {
      for (let sx = 0; sx < 4; sx++) {
        const p = pixel((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
        r += p[0] * p[3]; g += p[1] * p[3]; b += p[2] * p[3]; a += p[3];
      }
    }
    return a ? [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / 16) * 255)] : [0, 0, 0, 0];
  }, { alpha: true });
}
function iconPixel(u, v) {
  // rounded square background
  const d = Math.max(Math.abs(u - 0.5), Math.abs(v - 0.5));
  const corner = Math.hypot(Math.max(Math.abs(u - 0.5) - 0.3, 0), Math.max(Math.abs(v - 0.5) - 0.3, 0));
  if (d > 0.5 || corner > 0.18) return [0, 0, 0, 0];
  // a tag: rectangle body with a pointed left end, and a hole
  const inBody = u > 0.36 && u < 0.84 && v > 0.3 && v < 0.7;
  const inPoint = u >= 0.16 && u <= 0.36 && Math.abs(v - 0.5) < (u - 0.16) * 1.0;
  const hole = Math.hypot(u - 0.33, v - 0.5) < 0.055;
  if ((inBody || inPoint) && !hole) return [255, 255, 255, 1];
  return [67, 56, 202, 1];
}
// Chrome asks for 16, 32, 48 and 128; Firefox also uses 96 (48 at twice the density).
const icons = Object.fromEntries([16, 32, 48, 96, 128].map((s) => [s, png(s, iconPixel)]));

// ---- manifests ---------------------------------------------------------------------------
const base = JSON.parse(fs.readFileSync(path.join(src, 'manifest.json'), 'utf8'));
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version || base.version;
/** The content script's files, in order (as www/extension/lib/access.js registers them). */
const CONTENT_FILES = ['content/find.js', 'content/badge.js', 'content/main.js'];
const access = fs.readFileSync(path.join(src, 'lib/access.js'), 'utf8');
const declared = /CONTENT_FILES = \[([^\]]*)\]/.exec(access)?.[1].match(/[\w/.-]+\.js/g);
if (JSON.stringify(declared) !== JSON.stringify(CONTENT_FILES)) fail('lib/access.js CONTENT_FILES differs from the build');
const chromeBase = {
  ...base,
  version,
  minimum_chrome_version: '116',
  permissions: [...base.permissions, 'offscreen'].sort(),
};
const manifests = {
  // Chrome's background is a service worker, which cannot start the checker's module worker:
  // the checker runs in an offscreen document (lib/host.js), which needs `offscreen`.
  chrome: chromeBase,
  // Managed: every site granted at install; the content script runs in every frame.
  'chrome-managed': (({ optional_host_permissions, ...m }) => ({
    ...m,
    host_permissions: ['<all_urls>'],
    content_scripts: [
      { matches: ['http://*/*', 'https://*/*'], js: CONTENT_FILES, run_at: 'document_idle', all_frames: true, match_origin_as_fallback: true },
    ],
  }))(chromeBase),
  // Firefox's MV3 background is a page (`background.scripts`): the checker runs there.
  firefox: {
    ...base,
    version,
    background: { scripts: ['background.js'], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'ailabel@ailabel.invalid',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  },
};
/** Files only one browser uses. */
const only = { 'offscreen.html': 'chrome', 'offscreen.js': 'chrome', 'host.firefox.js': 'none' };
/** The browser whose files a build takes (the managed build is a Chrome build). */
const family = (build) => build.replace(/-managed$/, '');
/** Per-browser replacements: the Firefox engine host runs the engine in the background page. */
const variants = { firefox: { 'lib/host.js': 'lib/host.firefox.js' } };

// ---- assemble ----------------------------------------------------------------------------
const skip = new Set(['manifest.json', 'README.md']);
function copyDir(from, to, filter = () => true) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b, filter);
    else if (filter(e.name)) fs.copyFileSync(a, b);
  }
}

/** `entries` and the www/js modules they import, transitively (relative './x.js' imports only). */
function jsModules(entries) {
  const seen = new Set();
  const todo = [...entries];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    const text = fs.readFileSync(path.join(js, f), 'utf8');
    for (const [, dep] of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]\.\/([\w.-]+\.js)['"]/gm)) todo.push(dep);
    for (const [, dep] of text.matchAll(/^\s*import\s*['"]\.\/([\w.-]+\.js)['"]/gm)) todo.push(dep);
  }
  return [...seen];
}
// The checker client and its worker (the same as the page's), and the report renderer.
const jsFiles = jsModules(['checker.js', 'worker.js', 'render.js']);
for (const [browser, manifest] of Object.entries(manifests)) {
  const out = path.join(root, 'dist', `extension-${browser}`);
  fs.rmSync(out, { recursive: true, force: true });
  copyDir(src, out, (name) => !skip.has(name) && (only[name] ?? family(browser)) === family(browser));
  fs.rmSync(path.join(out, 'store'), { recursive: true, force: true }); // store texts, not code
  for (const [to, from] of Object.entries(variants[family(browser)] ?? {})) fs.copyFileSync(path.join(src, from), path.join(out, to));
  fs.mkdirSync(path.join(out, 'pkg'), { recursive: true });
  for (const f of ['ailabel.js', 'ailabel_bg.wasm', 'ailabel_text.wasm']) fs.copyFileSync(path.join(pkg, f), path.join(out, 'pkg', f));
  fs.mkdirSync(path.join(out, 'js'), { recursive: true });
  for (const f of jsFiles) fs.copyFileSync(path.join(js, f), path.join(out, 'js', f));
  copyDir(shared, path.join(out, 'shared'));
  fs.mkdirSync(path.join(out, 'css'), { recursive: true });
  fs.copyFileSync(path.join(root, 'www/css/style.css'), path.join(out, 'css', 'style.css'));
  fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
  for (const [s, buf] of Object.entries(icons)) fs.writeFileSync(path.join(out, 'icons', `icon-${s}.png`), buf);
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (process.argv.includes('--zip')) {
    const zip = path.join(root, 'dist', `ailabel-${browser}-${version}.zip`);
    fs.writeFileSync(zip, zipDir(out));
    console.log(`build-extension: ${path.relative(root, zip)}`);
  }
  const wasmHash = createHash('sha256').update(fs.readFileSync(path.join(out, 'pkg/ailabel_bg.wasm'))).digest('hex');
  console.log(`build-extension: dist/extension-${browser} (wasm ${wasmHash.slice(0, 12)})`);
}
