// The npm package's types name every option the wasm accepts: the keys of `Options` in
// npm/index.d.ts are exactly the wasm facade's OPTION_KEYS (src/wasm/options.rs), which it checks
// every options object against.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (f) => fs.readFileSync(path.join(ROOT, f), 'utf8');

test('index.d.ts Options has exactly the option keys the wasm accepts', () => {
  const rust = read('src/wasm/options.rs');
  const list = /const OPTION_KEYS: \[&str; (\d+)\] = \[([^\]]*)\];/.exec(rust);
  assert.ok(list, 'OPTION_KEYS found in src/wasm/options.rs');
  const accepted = [...list[2].matchAll(/"([A-Za-z][A-Za-z0-9]*)"/g)].map((m) => m[1]);
  assert.equal(accepted.length, Number(list[1]));
  const dts = read('npm/index.d.ts');
  const body = /export interface Options \{([\s\S]*?)\n\}/.exec(dts);
  assert.ok(body, 'interface Options found in npm/index.d.ts');
  const typed = [...body[1].matchAll(/^ {2}([A-Za-z][A-Za-z0-9]*)\?:/gm)].map((m) => m[1]);
  assert.deepEqual([...typed].sort(), [...accepted].sort());
});
