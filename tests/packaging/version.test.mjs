// One version number: the crate (Cargo.toml, Cargo.lock), the npm package (package.json,
// package-lock.json), the extension's source manifest and its built manifests, the changelog,
// and THIRD-PARTY.md generated from the current dependency tree. Also that
// scripts/bump-version.mjs moves every one of them (on a copy of the files).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (root, f) => fs.readFileSync(path.join(root, f), 'utf8');

/** Every version written in the repository at `root`, read independently of the bump script. */
function versions(root) {
  const cargo = read(root, 'Cargo.toml');
  const pkgSection = cargo.split(/^\[/m).find((s) => s.startsWith('package]'));
  const lock = read(root, 'Cargo.lock').split('[[package]]').find((s) => /^name = "ailabel"$/m.test(s));
  const npmLock = JSON.parse(read(root, 'package-lock.json'));
  return {
    'Cargo.toml': /^version = "([^"]+)"/m.exec(pkgSection ?? '')?.[1],
    'Cargo.lock': /^version = "([^"]+)"/m.exec(lock ?? '')?.[1],
    'package.json': JSON.parse(read(root, 'package.json')).version,
    'package-lock.json': npmLock.version,
    'package-lock.json packages[""]': npmLock.packages?.['']?.version,
    'www/extension/manifest.json': JSON.parse(read(root, 'www/extension/manifest.json')).version,
  };
}

const VERSION = JSON.parse(read(ROOT, 'package.json')).version;

test('the crate, the npm package and the extension manifest carry one version', () => {
  const v = versions(ROOT);
  for (const [file, version] of Object.entries(v)) assert.equal(version, VERSION, `${file} says ${version}, package.json says ${VERSION}`);
  assert.match(VERSION, /^\d+\.\d+\.\d+$/, 'stores accept only dotted numbers');
});

test('the built extension manifests carry the same version', (t) => {
  const builds = ['extension-chrome', 'extension-chrome-managed', 'extension-firefox'].map((b) => path.join(ROOT, 'dist', b, 'manifest.json'));
  const present = builds.filter((f) => fs.existsSync(f));
  if (!present.length) return t.skip('no built extension in dist/ (run npm run build:extension)');
  assert.equal(present.length, builds.length, `some builds are missing: ${builds.filter((f) => !present.includes(f)).join(', ')}`);
  for (const f of present) assert.equal(JSON.parse(fs.readFileSync(f, 'utf8')).version, VERSION, f);
});

test('CHANGELOG.md has a section for the current version', () => {
  const log = read(ROOT, 'CHANGELOG.md');
  assert.ok(log.includes(`\n## ${VERSION}\n`) || log.includes(`\n## ${VERSION} `), `no "## ${VERSION}" section`);
  assert.ok(log.includes('\n## Unreleased\n'), 'no Unreleased section');
});

test('bump-version.mjs sets every version, and refuses a version a store would not accept', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ailabel-bump-'));
  try {
    for (const f of ['Cargo.toml', 'Cargo.lock', 'package.json', 'package-lock.json', 'www/extension/manifest.json']) {
      fs.mkdirSync(path.dirname(path.join(tmp, f)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, f), path.join(tmp, f));
    }
    const next = VERSION === '9.8.7' ? '9.8.8' : '9.8.7';
    execFileSync('node', [path.join(ROOT, 'scripts/bump-version.mjs'), next, '--root', tmp], { stdio: 'pipe' });
    for (const [file, version] of Object.entries(versions(tmp))) assert.equal(version, next, file);
    // Nothing but the version changed: the other dependency versions in the lock files stay.
    const before = read(ROOT, 'Cargo.lock').split('\n');
    const after = read(tmp, 'Cargo.lock').split('\n');
    assert.equal(after.filter((l, i) => l !== before[i]).length, 1);
    assert.throws(() => execFileSync('node', [path.join(ROOT, 'scripts/bump-version.mjs'), '1.0.0-beta.1', '--root', tmp], { stdio: 'pipe' }));
    assert.equal(versions(tmp)['package.json'], next, 'a refused version changes nothing');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('THIRD-PARTY.md is what scripts/third-party.mjs writes from the current dependency tree', () => {
  execFileSync('node', [path.join(ROOT, 'scripts/third-party.mjs'), '--check'], { stdio: 'pipe' });
  const text = read(ROOT, 'THIRD-PARTY.md');
  // Each direct Rust dependency of the crate is listed with a licence.
  for (const dep of ['serde', 'sha2', 'p256', 'rsa', 'ed25519-dalek', 'image', 'wasm-bindgen']) {
    assert.match(text, new RegExp(`^\\| ${dep} \\| [^|]+ \\| [^|]*(MIT|Apache|BSD)`, 'm'), dep);
  }
  for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) assert.ok(fs.existsSync(path.join(ROOT, f)), f);
});

test('every fixture has its licence listed where the fixtures live', () => {
  const dir = path.join(ROOT, 'tests/fixtures');
  const rows = read(ROOT, 'tests/fixtures/PROVENANCE.tsv').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const listed = new Map(rows.map((r) => [r[0], r[4]]));
  // The files the repository holds there (generated, ignored files such as bombs are not).
  const files = execFileSync('git', ['ls-files', '-z', '--', '.'], { cwd: dir, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !path.posix.basename(f).startsWith('.'));
  // Our own files are named (a file, or a folder ending in /) in the README's "Our own files".
  const readme = read(ROOT, 'tests/fixtures/README.md');
  const ownSection = readme.split(/^## Our own files$/m)[1] ?? '';
  const own = [...ownSection.matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]);
  assert.ok(own.length, 'tests/fixtures/README.md has an "Our own files" list');
  assert.match(ownSection, /MIT OR Apache-2\.0/, 'the licence of our own fixtures is stated');
  const isOwn = (f) => own.some((o) => (o.endsWith('/') ? f.startsWith(o) : f === o));
  const docs = new Set(['PROVENANCE.tsv', 'README.md', 'reference.json']);
  const missing = files.filter((f) => !docs.has(f) && !/(^|\/)LICENSE-[^/]+$/.test(f) && !listed.has(f) && !isOwn(f));
  assert.deepEqual(missing, [], 'fixtures neither in PROVENANCE.tsv nor among our own files');
  // A licence text (LICENSE-<source>) sits in the folder of every copied file.
  const folders = new Set(files.filter((f) => /(^|\/)LICENSE-[^/]+$/.test(f)).map((f) => path.posix.dirname(f)));
  const bare = [...listed.keys()].filter((f) => f.includes('/') && !folders.has(path.posix.dirname(f)));
  assert.deepEqual(bare, [], 'copied fixtures without a LICENSE-<source> beside them');
  for (const [f, licence] of listed) assert.ok(licence?.trim(), `${f} has no licence`);
});
