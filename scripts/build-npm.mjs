// Builds the npm package `ailabel` into dist/npm/: the wasm and its wasm-bindgen glue from
// www/pkg/ (built by scripts/build-wasm.sh when missing), the browser and Node entries, the
// TypeScript declarations and README from npm/, the licences, and a package.json with the
// repository's one version. `npm pack dist/npm` makes the tarball.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'www/pkg');
const out = path.join(root, 'dist/npm');
if (!fs.existsSync(path.join(pkg, 'ailabel_bg.wasm'))) execFileSync('bash', [path.join(root, 'scripts/build-wasm.sh')], { stdio: 'inherit', cwd: root });

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(pkg, 'ailabel_bg.wasm'), path.join(out, 'ailabel_bg.wasm'));
fs.copyFileSync(path.join(pkg, 'ailabel_text.wasm'), path.join(out, 'ailabel_text.wasm'));
fs.copyFileSync(path.join(pkg, 'ailabel.js'), path.join(out, 'ailabel_glue.js'));
for (const f of ['index.js', 'node.js', 'index.d.ts', 'README.md']) fs.copyFileSync(path.join(root, 'npm', f), path.join(out, f));
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) fs.copyFileSync(path.join(root, f), path.join(out, f));

const top = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifest = {
  name: 'ailabel',
  version: top.version,
  description: top.description,
  license: 'MIT OR Apache-2.0',
  type: 'module',
  main: './node.js',
  browser: './index.js',
  types: './index.d.ts',
  exports: {
    '.': {
      types: './index.d.ts',
      node: './node.js',
      browser: './index.js',
      worker: './index.js',
      default: './index.js',
    },
    './ailabel_bg.wasm': './ailabel_bg.wasm',
    './ailabel_text.wasm': './ailabel_text.wasm',
    './package.json': './package.json',
  },
  files: ['index.js', 'node.js', 'index.d.ts', 'ailabel_glue.js', 'ailabel_bg.wasm', 'ailabel_text.wasm', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE'],
  sideEffects: false,
  engines: { node: '>=20' },
  keywords: ['c2pa', 'content-credentials', 'ai', 'provenance', 'iptc', 'watermark', 'wasm'],
};
fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`build-npm: dist/npm (ailabel ${top.version})`);
