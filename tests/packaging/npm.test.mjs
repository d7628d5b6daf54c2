// The npm package: `npm run build:npm`, `npm pack`, the tarball installed into a clean temporary
// project (no network: the package has no dependencies), then a fixture checked in Node and in a
// Playwright page that imports the installed package, and the typed example compiled with
// `tsc --noEmit` against the installed types. Expected verdicts come from
// tests/fixtures/reference.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixturePath, reference } from '../e2e/fixtures.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FIXTURE = 'c2pa/generators/DALL-E_cloud_surfing_puppy.webp';
/** Intact credentials declaring generative AI, signer on no trust list in use (reference: Valid). */
const EXPECTED = 'ai-signed';
const TSC = process.env.TSC || path.join(ROOT, 'node_modules/.bin/tsc');

let project;
before(() => {
  assert.equal(reference(FIXTURE, 'none').state, 'Valid');
  execFileSync('node', [path.join(ROOT, 'scripts/build-npm.mjs')], { cwd: ROOT, stdio: 'pipe' });
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'ailabel-npm-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project, path.join(ROOT, 'dist/npm')], { encoding: 'utf8' }));
  const tarball = path.join(project, packed[0].filename);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'pipe' });
});
after(() => project && fs.rmSync(project, { recursive: true, force: true }));

test('the tarball holds the entries, the wasm, the types and the licences, at the shared version', () => {
  const installed = path.join(project, 'node_modules/ailabel');
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.version, VERSION);
  assert.deepEqual(Object.keys(manifest.exports['.']).sort(), ['browser', 'default', 'node', 'types', 'worker'].sort());
  assert.equal(manifest.dependencies, undefined, 'no runtime dependencies');
  for (const f of ['index.js', 'node.js', 'index.d.ts', 'ailabel_glue.js', 'ailabel_bg.wasm', 'ailabel_text.wasm', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(fs.existsSync(path.join(installed, f)), f);
  }
});

test('Node: the installed package checks a fixture in a few lines', () => {
  fs.copyFileSync(fixturePath(FIXTURE), path.join(project, 'picture.webp'));
  fs.writeFileSync(
    path.join(project, 'check.mjs'),
    `import { readFile } from 'node:fs/promises';
import { check, checkText, imageSize, version } from 'ailabel';
const report = await check(await readFile('picture.webp'), { verifyTime: Date.parse('2026-11-28T12:00:00Z') / 1000 });
const text = await checkText('This image was generated with AI.');
// A PNG signature and an IHDR (ISO 15948 §11.2.2) declaring w×h, 8-bit RGBA; nothing else.
const ihdr = (w, h) => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const v = new DataView(b.buffer);
  v.setUint32(16, w);
  v.setUint32(20, h);
  b.set([8, 6, 0, 0, 0], 24);
  return b;
};
const sizes = [await imageSize(ihdr(640, 480)), await imageSize(ihdr(20000, 20000)), await imageSize(ihdr(640, 480), { maxPixels: 1000 }), await imageSize(new Uint8Array([1, 2, 3]))];
console.log(JSON.stringify({ verdict: report.verdict, state: report.c2pa?.state, text: text.verdict, version: await version(), sizes }));
`,
  );
  const out = JSON.parse(execFileSync('node', ['check.mjs'], { cwd: project, encoding: 'utf8' }));
  const [small, bomb, capped, none] = out.sizes;
  // `truncated`: the bytes end after IHDR, before IDAT, where an eXIf may be.
  assert.deepEqual(small, { format: 'png', width: 640, height: 480, truncated: true, decode: true, warning: null, orientation: null });
  assert.deepEqual({ ...bomb, warning: undefined }, { format: 'png', width: 20000, height: 20000, truncated: true, decode: false, warning: undefined, orientation: null });
  assert.match(bomb.warning, /max_pixels.*20000x20000/);
  assert.equal(capped.decode, false, 'limits.maxPixels is the budget');
  assert.equal(none, null, 'not an image');
  assert.equal(out.verdict, EXPECTED);
  assert.equal(out.state, reference(FIXTURE, 'none').state);
  assert.equal(out.text, 'ai-declared', 'a plain English disclosure sentence');
  assert.equal(out.version, VERSION);
});

test('the typed example compiles with tsc --noEmit against the installed types', (t) => {
  if (!fs.existsSync(TSC)) return t.skip('typescript is not installed (npm ci installs it; or set TSC)');
  fs.copyFileSync(path.join(ROOT, 'npm/example.ts'), path.join(project, 'example.ts'));
  // Node's own types are not needed: the example declares the two Node names it uses.
  fs.writeFileSync(path.join(project, 'node-shim.d.ts'), "declare module 'node:fs/promises' { export function readFile(p: string): Promise<Uint8Array>; }\ndeclare const process: { argv: string[] };\n");
  const tsconfig = { compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], skipLibCheck: false }, files: ['example.ts', 'node-shim.d.ts'] };
  fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
  execFileSync(TSC, ['-p', project], { cwd: project, stdio: 'pipe' });
  // And a mistake is caught: a verdict that does not exist.
  fs.writeFileSync(path.join(project, 'example.ts'), "import { check, type Verdict } from 'ailabel';\nconst v: Verdict = (await check(new Uint8Array())).verdict;\nif (v === 'ai-generated') console.log(v);\n");
  assert.throws(() => execFileSync(TSC, ['-p', project], { cwd: project, stdio: 'pipe' }));
});

test('Browser: a page imports the installed package and checks a fixture', async () => {
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.webp': 'image/webp' };
  const page = `<!doctype html><meta charset="utf-8"><script type="module">
import { check } from '/node_modules/ailabel/index.js';
const bytes = new Uint8Array(await (await fetch('/picture.webp')).arrayBuffer());
const report = await check(bytes, { verifyTime: Date.parse('2026-11-28T12:00:00Z') / 1000 });
document.body.dataset.verdict = report.verdict;
</script>`;
  const server = http.createServer((req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    if (p === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const file = path.join(project, p);
    if (!file.startsWith(project) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const p = await browser.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`http://127.0.0.1:${server.address().port}/`);
    await p.waitForFunction(() => document.body?.dataset.verdict, null, { timeout: 30000 }).catch(() => {});
    assert.deepEqual(errors, []);
    assert.equal(await p.evaluate(() => document.body.dataset.verdict), EXPECTED);
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
});
