// Rewrites a wasm module's export section to keep only the exports named (and the memory), and
// drops its custom sections, so that wasm-opt can drop what nothing else reaches. The text part (scripts/build-wasm.sh) needs
// it: the crate links wasm-bindgen and js-sys on wasm32, whose exported helpers a plain module
// without JavaScript glue must not carry.
// Usage: node scripts/wasm-keep-exports.mjs in.wasm out.wasm name...
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, ...keep] = process.argv.slice(2);
const b = readFileSync(input);
let p = 8;
const leb = () => {
  let r = 0, s = 0, x;
  do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return r;
};
const enc = (n) => {
  const out = [];
  do { let x = n & 0x7f; n = Math.floor(n / 128); if (n) x |= 0x80; out.push(x); } while (n);
  return Buffer.from(out);
};
const parts = [b.subarray(0, 8)];
while (p < b.length) {
  const start = p;
  const id = b[p++];
  const len = leb();
  const end = p + len;
  // Custom sections (wasm-bindgen's descriptions, names, producers) go too.
  if (id === 0) { p = end; continue; }
  if (id !== 7) { parts.push(b.subarray(start, end)); p = end; continue; }
  const n = leb();
  const kept = [];
  for (let i = 0; i < n; i++) {
    const e0 = p;
    const nl = leb();
    const name = b.subarray(p, p + nl).toString();
    p += nl;
    const kind = b[p++];
    leb();
    if (kind === 2 || keep.includes(name)) kept.push(b.subarray(e0, p));
  }
  const body = Buffer.concat([enc(kept.length), ...kept]);
  parts.push(Buffer.from([7]), enc(body.length), body);
  p = end;
}
writeFileSync(output, Buffer.concat(parts));
