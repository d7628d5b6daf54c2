// Static checks of the built extension: our own manifest lint for both browsers (permissions,
// CSP, no remote code), `web-ext lint` on the Firefox build, and the badge table that
// content.js duplicates from lib/verdicts.js.
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

for (const browser of ['chrome', 'firefox']) {
  test(`${browser} manifest: MV3, minimal permissions, strict CSP`, () => {
    const m = manifest(browser);
    assert.equal(m.manifest_version, 3);
    // Each permission is justified in docs/EXTENSION.md; adding one must update this list and the doc.
    assert.deepEqual([...m.permissions].sort(), ['contextMenus', 'storage']);
    assert.deepEqual(m.host_permissions, ['<all_urls>']);
    assert.equal(m.optional_permissions, undefined);
    assert.equal(m.web_accessible_resources, undefined, 'nothing is exposed to pages');
    assert.equal(m.externally_connectable, undefined, 'no page or other extension can message us');
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    if (browser === 'chrome') assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
    else {
      assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
      assert.ok(m.browser_specific_settings.gecko.id);
    }
    for (const size of Object.values(m.icons)) assert.ok(fs.existsSync(path.join(dist(browser), size)), size);
    for (const p of [m.action.default_popup, m.options_ui.page, 'report.html', ...m.content_scripts[0].js, 'pkg/ailabel_bg.wasm', 'js/render.js']) {
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

test('content.js badge table agrees with lib/verdicts.js', async () => {
  const { BADGE, VERDICTS } = await import(path.join(ROOT, 'www/extension/lib/verdicts.js'));
  const src = fs.readFileSync(path.join(ROOT, 'www/extension/content.js'), 'utf8');
  const body = src.match(/const BADGE = (\{[\s\S]*?\n {2}\});/)[1];
  const inContent = JSON.parse(body.replace(/'/g, '"').replace(/([{,]\s*)([a-z]+):/g, '$1"$2":').replace(/,(\s*\})/g, '$1'));
  assert.deepEqual(inContent, BADGE);
  assert.deepEqual(Object.keys(BADGE).sort(), [...VERDICTS].sort());
});
