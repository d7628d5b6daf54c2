// The installable command line: `cargo install --path . --features cli --root <tmp>`, then the
// installed binary names its version and commit, checks fixtures and gets the verdicts that
// follow from the reference results (tests/fixtures/reference.json), and prints completion
// scripts that bash can load and use.
// SLOW: a release build (LTO). It reuses $CARGO_TARGET_DIR (or target/), so a second run only
// links. AILABEL_SKIP_CLI_INSTALL=1 skips it (reported as skipped, with the reason).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const skip = process.env.AILABEL_SKIP_CLI_INSTALL ? 'AILABEL_SKIP_CLI_INSTALL is set' : false;

/** The reference result of a fixture under a trust profile (c2pa-rs 0.91.3, as of 2026-11-28). */
function reference(file, profile) {
  const entry = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'reference.json'), 'utf8')).find((e) => e.file === file);
  if (!entry) throw new Error(`${file} is not in reference.json`);
  return { state: entry[profile]?.state, dst: entry.dst ?? [] };
}
/** IPTC digital source types that mean generative AI (IPTC NewsCodes, digitalsourcetype). */
const GENERATIVE = new Set(['trainedAlgorithmicMedia', 'compositeWithTrainedAlgorithmicMedia', 'compositeSynthetic']);
/** The verdict the README's table gives for a C2PA result: trusted/intact + AI, or failed. */
function expectedVerdict({ state, dst }) {
  const ai = dst.some((d) => GENERATIVE.has(d));
  if (state === 'Invalid') return 'invalid';
  if (state === 'Trusted' && ai) return 'ai-verified';
  if (state === 'Valid' && ai) return 'ai-signed';
  throw new Error(`no expectation for ${state} with ${dst}`);
}

let tmp;
let bin;
before(() => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ailabel-install-'));
  const env = { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target') };
  execFileSync('cargo', ['install', '--locked', '--path', '.', '--features', 'cli', '--root', tmp], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  bin = path.join(tmp, 'bin', process.platform === 'win32' ? 'ailabel.exe' : 'ailabel');
});
after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

const run = (args, opts = {}) => spawnSync(bin, args, { encoding: 'utf8', cwd: os.tmpdir(), ...opts });

test('the installed binary names its version and commit', { skip }, () => {
  const r = run(['--version']);
  assert.equal(r.status, 0, r.stderr);
  const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  assert.equal(r.stdout.trim(), `ailabel ${VERSION} (commit ${commit})`);
});

test('the installed binary checks fixtures and gets the verdicts of the reference results', { skip }, () => {
  const at = ['--at', '2026-11-28T12:00:00Z'];
  // The reference profiles name exactly the lists in use: no built-in snapshot.
  const trust = (p) => ['--no-default-trust', '--trust-anchors', `${p}/interim-anchors.pem`, '--allowed-list', `${p}/interim-allowed.pem`, '--trust-config', `${p}/interim-store.cfg`];
  const cases = [
    // A picture edited with generative AI, signed under a certificate on the interim list.
    { file: 'c2pa/certificates/ocsp.jpg', profile: 'none', args: ['--no-default-trust'] },
    { file: 'c2pa/certificates/ocsp.jpg', profile: 'interim', args: trust(path.join(FIXTURES, 'trust/interim')) },
    // Pixels edited after signing.
    { file: 'c2pa/tampered/XCA.jpg', profile: 'none', args: ['--no-default-trust'] },
  ];
  for (const c of cases) {
    const want = expectedVerdict(reference(c.file, c.profile));
    const r = run(['check', '--json', ...at, ...c.args, path.join(FIXTURES, c.file)]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 1);
    assert.equal(lines[0].verdict, want, `${c.file} under ${c.profile}`);
  }
  // The human summary names the verdict too, and an unreadable path exits 2.
  const human = run(['check', ...at, path.join(FIXTURES, 'c2pa/tampered/XCA.jpg')]);
  assert.match(human.stdout, /invalid/i);
  assert.equal(run(['check', path.join(tmp, 'no-such-file.jpg')]).status, 2);
});

test('--help stands in for a man page', { skip }, () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  for (const part of ['Usage:', 'Options:', 'Exit status', 'Verdicts', 'Trust lists:', 'Examples:', 'Environment:', 'completions']) {
    assert.ok(r.stdout.includes(part), `--help lacks ${part}`);
  }
});

test('bash completion from the installed binary completes commands, flags and shells', { skip }, () => {
  const script = run(['completions', 'bash']);
  assert.equal(script.status, 0, script.stderr);
  const file = path.join(tmp, 'ailabel.bash');
  fs.writeFileSync(file, script.stdout);
  /** COMPREPLY for the words typed so far (the last is the one being completed). */
  const complete = (...words) => {
    const line = ['ailabel', ...words];
    const prog = `source ${JSON.stringify(file)}; COMP_WORDS=(${line.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${line.length - 1}; _ailabel; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['-c', prog], { encoding: 'utf8', cwd: FIXTURES }).split('\n').filter(Boolean).sort();
  };
  assert.deepEqual(complete('ch'), ['check']);
  assert.deepEqual(complete('completions', ''), ['bash', 'zsh']);
  assert.deepEqual(complete('check', '--trust-a'), ['--trust-anchors']);
  assert.ok(complete('check', '--').includes('--no-watermarks'));
  assert.ok(complete('check', '--manifest', 'ref').includes('reference.json'), 'a FILE value completes file names');
  assert.deepEqual(complete('check', '--at', ''), [], 'a time is not a file');
  assert.equal(run(['completions', 'fish']).status, 1);
});

test('zsh completion loads in zsh', { skip: skip || (spawnSync('zsh', ['-c', 'true']).error ? 'zsh is not installed' : false) }, () => {
  const script = run(['completions', 'zsh']);
  assert.equal(script.status, 0);
  const file = path.join(tmp, '_ailabel');
  fs.writeFileSync(file, script.stdout);
  execFileSync('zsh', ['-n', file]);
  assert.match(script.stdout, /^#compdef ailabel$/m);
});
