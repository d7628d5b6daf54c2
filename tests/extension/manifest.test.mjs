// Static checks of the built extension: our own manifest lint for both browsers (permissions,
// CSP, no remote code, no test hooks), `web-ext lint` on the Firefox build, and the one verdict
// vocabulary (www/shared/verdicts.js) against the Rust core's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './fixtures.mjs';

const dist = (b) => path.join(ROOT, 'dist', `extension-${b}`);
const manifest = (b) => JSON.parse(fs.readFileSync(path.join(dist(b), 'manifest.json'), 'utf8'));

function files(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

const CONTENT = ['content/find.js', 'content/badge.js', 'content/main.js'];

for (const browser of ['chrome', 'chrome-managed', 'firefox']) {
  test(`${browser} manifest: MV3, minimal permissions, strict CSP`, () => {
    const m = manifest(browser);
    const chromeLike = browser.startsWith('chrome');
    assert.equal(m.manifest_version, 3);
    // Each permission is justified in docs/EXTENSION.md; adding one must update this list and the doc.
    // Chrome runs the checker in an offscreen document; Firefox in its background page.
    const base = ['activeTab', 'contextMenus', 'scripting', 'storage'];
    assert.deepEqual([...m.permissions].sort(), chromeLike ? [...base, 'offscreen'].sort() : base);
    assert.equal(fs.existsSync(path.join(dist(browser), 'offscreen.html')), chromeLike);
    assert.equal(/chrome\.offscreen/.test(fs.readFileSync(path.join(dist(browser), 'lib/host.js'), 'utf8')), chromeLike);
    if (browser === 'chrome-managed') {
      // Every site at install, the content script in every frame, declared in the manifest.
      assert.deepEqual(m.host_permissions, ['<all_urls>']);
      assert.equal(m.optional_host_permissions, undefined);
      assert.deepEqual(m.content_scripts, [
        { matches: ['http://*/*', 'https://*/*'], js: CONTENT, run_at: 'document_idle', all_frames: true, match_origin_as_fallback: true },
      ]);
    } else {
      // The store builds: no host at install; sites are granted at run time.
      assert.equal(m.host_permissions, undefined);
      assert.deepEqual(m.optional_host_permissions, ['<all_urls>']);
      assert.equal(m.content_scripts, undefined);
    }
    assert.equal(m.optional_permissions, undefined);
    assert.equal(m.web_accessible_resources, undefined, 'nothing is exposed to pages');
    assert.equal(m.externally_connectable, undefined, 'no page or other extension can message us');
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    if (chromeLike) assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
    else {
      assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
      assert.ok(m.browser_specific_settings.gecko.id);
    }
    for (const size of Object.values(m.icons)) assert.ok(fs.existsSync(path.join(dist(browser), size)), size);
    for (const p of [m.action.default_popup, m.options_ui.page, 'report.html', 'welcome.html', ...CONTENT, 'pkg/ailabel_bg.wasm', 'js/render.js', 'js/checker.js', 'js/worker.js', 'shared/verdicts.js']) {
      assert.ok(fs.existsSync(path.join(dist(browser), p)), `${p} is missing`);
    }
  });

  test(`${browser} build: no remote code`, () => {
    for (const f of files(dist(browser))) {
      if (f.endsWith('.html')) {
        const html = fs.readFileSync(f, 'utf8');
        for (const [, src] of html.matchAll(/<script[^>]*\bsrc="([^"]*)"/g)) assert.ok(!/^[a-z]+:|^\/\//i.test(src), `${f}: ${src}`);
        assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>\s*\S/.test(html), `${f} has an inline script`);
      }
      if (f.endsWith('.js')) {
        const js = fs.readFileSync(f, 'utf8');
        assert.ok(!/\bimport\s*\(\s*['"`]https?:/.test(js) && !/\bfrom\s+['"]https?:/.test(js), `${f} imports remote code`);
        assert.ok(!/\beval\s*\(|new Function\s*\(/.test(js), `${f} evaluates strings`);
        assert.ok(!/ailabelBackground|case 'menu'/.test(js), `${f} has a test hook`);
      }
    }
  });
}

test('web-ext lint passes on the Firefox build', () => {
  const bin = path.join(ROOT, 'node_modules/.bin/web-ext');
  assert.ok(fs.existsSync(bin), 'web-ext is a devDependency: run npm ci');
  let out;
  try {
    out = execFileSync(bin, ['lint', '--source-dir', dist('firefox'), '--output', 'json', '--no-config-discovery'], {
      encoding: 'utf8',
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    });
  } catch (e) {
    out = e.stdout;
  }
  const report = JSON.parse(out.slice(out.indexOf('{')));
  const all = [...report.errors, ...report.warnings].map((m) => `${m.code}: ${m.message} ${m.file || ''}`);
  assert.deepEqual(all, []);
});

test("one verdict vocabulary: the Rust core's verdicts, in its order, each fully worded", async () => {
  const { ORDER, VERDICTS } = await import(path.join(ROOT, 'www/shared/verdicts.js'));
  // The verdicts in the order `pub enum Verdict` declares them, named as serde's kebab-case does.
  const rust = files(path.join(ROOT, 'src')).filter((f) => f.endsWith('.rs')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const body = rust.match(/pub enum Verdict \{([\s\S]*?)\n\}/)[1];
  const names = [...body.matchAll(/^\s*([A-Z]\w*),/gm)].map((m) => m[1].replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase());
  assert.deepEqual(ORDER, names);
  assert.deepEqual(Object.keys(VERDICTS).sort(), [...ORDER].sort());
  for (const v of ORDER) for (const k of ['title', 'line', 'badge', 'color', 'icon']) assert.ok(VERDICTS[v][k], `${v}.${k}`);
  // The error wording says what the core says: the input could not be read.
  assert.ok(rust.includes('"The input could not be read."'), 'the core explains `error` as "The input could not be read."');
  assert.equal(VERDICTS.error.line, 'The input could not be read.');
  assert.match(VERDICTS.error.title, /could not be read/i);
  // The content script holds no copy: its badge words come with the background's answer.
  const content = CONTENT.map((f) => fs.readFileSync(path.join(ROOT, 'www/extension', f), 'utf8')).join('\n');
  const literals = [...content.matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  for (const v of ORDER) assert.ok(!literals.includes(VERDICTS[v].badge), `content.js repeats "${VERDICTS[v].badge}"`);
});
