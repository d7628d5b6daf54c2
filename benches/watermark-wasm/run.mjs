// Times watermark::read_rgba in wasm on the same 1024x1024 input as benches/watermark.rs.
// cargo build --release --target wasm32-unknown-unknown --manifest-path benches/watermark-wasm/Cargo.toml
// node benches/watermark-wasm/run.mjs <path to ailabel_watermark_wasm_bench.wasm>
import { readFileSync } from "node:fs";
const wasm = readFileSync(process.argv[2]);
const { instance } = await WebAssembly.instantiate(wasm, {});
const { buffer, detect, memory } = instance.exports;
const w = 1024, h = 1024;
const ptr = buffer(w * h * 4);
const px = new Uint8Array(memory.buffer, ptr, w * h * 4);
let s = 0x12345678 >>> 0;
for (let y = 0, i = 0; y < h; y++) {
  for (let x = 0; x < w; x++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const n = s % 16;
    px[i++] = ((x / 5) | 0) + n & 255; px[i++] = ((y / 5) | 0) + n & 255;
    px[i++] = (((x + y) / 9) | 0) + n & 255; px[i++] = 255;
  }
}
for (let i = 0; i < 5; i++) detect(w, h); // warm up
const times = [];
for (let i = 0; i < 30; i++) {
  const t = performance.now();
  detect(w, h);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`read_rgba 1024x1024 in wasm (node ${process.version}): median ${times[15].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[29].toFixed(1)} ms`);
