// Builds the e2e fixtures from their definitions (PNG chunks written here, byte by byte), and
// finds the real files (copies of research-corpus files in tests/fixtures) used for the C2PA
// verdicts. Expectations come from how a fixture was built or from the reference results
// (tests/fixtures/reference.json), never from our own output.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunk, encodePng } from '../../scripts/png.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// ---- PNG (ISO 15948), written by the shared writer ----
/** A 16×16 RGB PNG (a soft gradient) with extra chunks before IDAT. */
export function png(extra = []) {
  return encodePng(16, 16, (x, y) => [40 + x * 10, 90 + y * 8, 200], { extra });
}
/** tEXt: keyword, NUL, Latin-1 text. */
export const tEXt = (keyword, text) => chunk('tEXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]));
/** iTXt, uncompressed: keyword, NUL, flag 0, method 0, empty language, NUL, empty translated keyword, NUL, UTF-8 text. */
export const iTXt = (keyword, text) => chunk('iTXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]));

/** An XMP packet declaring an IPTC digital source type (IPTC Photo Metadata 2025.1). */
export function xmpWithSourceType(type, extraProps = '') {
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
 Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/${type}"${extraProps}/>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

/** AUTOMATIC1111's `parameters` text: prompt, then the settings line (FORMATS.md §4). */
export function a1111(prompt) {
  return `${prompt}\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 16x16, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Version: v1.10.1`;
}

export const HOSTILE = `<img src=x onerror="window.__pwned='img'"><script>window.__pwned='script'</script>`;

export const fixtures = {
  plainPng: () => png(),
  iptcPng: () => png([iTXt('XML:com.adobe.xmp', xmpWithSourceType('trainedAlgorithmicMedia'))]),
  a1111Png: () => png([tEXt('parameters', a1111('a lighthouse at dawn, oil painting'))]),
  hostilePng: () => png([tEXt('parameters', a1111(`portrait ${HOSTILE}`)),
    iTXt('XML:com.adobe.xmp', xmpWithSourceType('trainedAlgorithmicMedia',
      ` Iptc4xmpExt:AISystemUsed="${HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}"`))]),
  junk: () => Buffer.from([0x00, 0x13, 0x37, 0xfe, 0xed, 0xfa, 0xce, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xff, 0xfe]),
};

// ---- Real files: copies of research-corpus files in tests/fixtures (see its PROVENANCE.tsv) ----
export const FIXTURES = join(ROOT, 'tests/fixtures');

/** The path of a file under tests/fixtures. */
export function fixturePath(rel) {
  const p = join(FIXTURES, rel);
  if (!existsSync(p)) throw new Error(`fixture ${rel} is missing from tests/fixtures`);
  return p;
}

/** The reference result (c2pa-rs, tests/fixtures/reference.json) of a fixture under a trust profile. */
export function reference(file, profile) {
  const all = JSON.parse(readFileSync(join(FIXTURES, 'reference.json'), 'utf8'));
  const entry = all.find((e) => e.file === file);
  if (!entry) throw new Error(`${file} is not in tests/fixtures/reference.json`);
  return { ...entry, state: entry[profile]?.state };
}

/** The verification time the corpus results were computed at (PROFILES.md, "Time matters"). */
export const CORPUS_TIME = '2026-11-28T12:00';

// ---- invisible-watermark dwtDct (FORMATS.md §5.1, docs/WATERMARKS.md) ----
// A port of the Rust test encoder (tests/support/watermark.rs), written from the algorithm:
// the 8-bit path of SD 1.x/2.x `txt2img.py` (OpenCV 8-bit BGR→YUV, embed in U, numpy's
// truncating float→uint8 store, 8-bit YUV→BGR), on the same smooth near-grey image the Rust
// tests use because it decodes cleanly with every payload.

/** The payloads (FORMATS.md §5.1): bytes, bits skipped at the start, bit length. */
export const WATERMARK_PAYLOADS = {
  SDXL: { hex: '0xB3EC907BB19E', bytes: [0xb3, 0xec, 0x90, 0x7b, 0xb1, 0x9e], skip: 0, len: 48 },
};
/** A payload's bits, MSB first. */
export function payloadBits({ bytes, skip, len }) {
  return bytes.flatMap((b) => [7, 6, 5, 4, 3, 2, 1, 0].map((i) => ((b >> i) & 1) === 1)).slice(skip, skip + len);
}

const U64 = (x) => BigInt.asUintN(64, x);
/** xorshift64* as in the Rust tests, so the base image is the same one. */
class Rng {
  constructor(seed) { this.s = U64(U64(BigInt(seed) * 0x9e3779b97f4a7c15n) | 1n); }
  next() {
    let s = this.s;
    s ^= s >> 12n; s = U64(s ^ (s << 25n)); s ^= s >> 27n;
    this.s = s;
    return U64(s * 0x2545f4914f6cdd1dn);
  }
  unit() { return Math.fround(Number(this.next() >> 40n) / 2 ** 24); }
}

/** Smooth gradients, six soft blobs and noise of amplitude `amplitude`, as float RGB 0..255. */
function noisy(w, h, seed, amplitude) {
  const r = new Rng(seed);
  const base = Array.from({ length: 9 }, () => r.unit());
  const blobs = Array.from({ length: 6 }, () => [r.unit() * w, r.unit() * h, (0.05 + r.unit() * 0.3) * w,
    r.unit() * 120 - 60, r.unit() * 120 - 60, r.unit() * 120 - 60]);
  const rgb = new Float64Array(w * h * 3);
  let o = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const fx = x / w, fy = y / h;
      for (let c = 0; c < 3; c++) {
        let v = 40 + 170 * (base[c] * fx + base[c + 3] * fy + base[c + 6] * fx * fy);
        for (const b of blobs) v += b[3 + c] * Math.exp(-(((x - b[0]) ** 2 + (y - b[1]) ** 2) / (b[2] * b[2])));
        v += (r.unit() - 0.5) * amplitude;
        rgb[o++] = Math.min(255, Math.max(0, v));
      }
    }
  }
  return rgb;
}

/** Blend each pixel toward its grey level, keeping `keep` of its colour. */
function desaturate(rgb, keep) {
  for (let i = 0; i < rgb.length; i += 3) {
    const g = 0.299 * rgb[i] + 0.587 * rgb[i + 1] + 0.114 * rgb[i + 2];
    for (let c = 0; c < 3; c++) rgb[i + c] = g + (rgb[i + c] - g) * keep;
  }
  return rgb;
}

/** Float RGB → 8-bit RGBA (opaque). */
function toRgba(rgb) {
  const out = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    for (let c = 0; c < 3; c++) out[j + c] = Math.min(255, Math.max(0, Math.round(rgb[i + c])));
    out[j + 3] = 255;
  }
  return out;
}

/** The base image of the watermark fixtures: 512×512, near grey, smooth (seed 11). */
export function watermarkBase(w = 512, h = 512) {
  return { width: w, height: h, rgba: toRgba(desaturate(noisy(w, h, 11, 2), 0.25)) };
}

const descale = (x) => (x + (1 << 13)) >> 14;

/** imwatermark's embedding of one 4×4 LL block: quantise its largest coefficient (k ≥ 1). */
function embedBlock(block, bit) {
  let pos = 1;
  for (let k = 2; k < 16; k++) if (Math.abs(block[k]) > Math.abs(block[pos])) pos = k;
  const q = (v) => (Math.floor(v / 36) + 0.25 + (bit ? 0.5 : 0)) * 36;
  const v = block[pos];
  block[pos] = v >= 0 ? q(v) : -q(Math.abs(v));
}

/** Haar DWT of the U plane, block embedding in LL, inverse with H and V swapped. */
function embedPlane(u, w, h, bits) {
  const rows = Math.floor(h / 4) * 4, cols = Math.floor(w / 4) * 4;
  const lh = rows / 2, lw = cols / 2;
  const s = Math.SQRT1_2;
  const ll = new Float64Array(lh * lw);
  for (let i = 0; i < lh; i++) {
    for (let j = 0; j < lw; j++) {
      const a = u[2 * i * w + 2 * j], b = u[2 * i * w + 2 * j + 1];
      const c = u[(2 * i + 1) * w + 2 * j], d = u[(2 * i + 1) * w + 2 * j + 1];
      ll[i * lw + j] = s * (s * a + s * c) + s * (s * b + s * d);
    }
  }
  let num = 0;
  const blk = new Float64Array(16);
  for (let bi = 0; bi < lh / 4; bi++) {
    for (let bj = 0; bj < lw / 4; bj++) {
      for (let k = 0; k < 16; k++) blk[k] = ll[(bi * 4 + (k >> 2)) * lw + bj * 4 + (k & 3)];
      embedBlock(blk, bits[num % bits.length]);
      for (let k = 0; k < 16; k++) ll[(bi * 4 + (k >> 2)) * lw + bj * 4 + (k & 3)] = blk[k];
      num++;
    }
  }
  for (let i = 0; i < lh; i++) {
    for (let j = 0; j < lw; j++) {
      const ia = 2 * i * w + 2 * j, ib = ia + 1, ic = (2 * i + 1) * w + 2 * j, id = ic + 1;
      const a = u[ia], b = u[ib], c = u[ic], d = u[id];
      const delta = (ll[i * lw + j] - (a + b + c + d) / 2) / 2;
      u[ia] = a + delta; u[ib] = c + delta; u[ic] = b + delta; u[id] = d + delta;
    }
  }
}

/** The 8-bit encode path: returns a new RGBA image carrying `bits`. */
export function encodeWatermark({ width: w, height: h, rgba }, bits) {
  const n = w * h;
  const Y = new Int32Array(n), U = new Float64Array(n), V = new Int32Array(n);
  const clamp = (x) => Math.min(255, Math.max(0, x));
  for (let i = 0; i < n; i++) {
    const r = rgba[i * 4], g = rgba[i * 4 + 1], b = rgba[i * 4 + 2];
    const yy = descale(r * 4899 + g * 9617 + b * 1868);
    Y[i] = yy;
    U[i] = clamp(descale((b - yy) * 8061 + (128 << 14)));
    V[i] = clamp(descale((r - yy) * 14369 + (128 << 14)));
  }
  embedPlane(U, w, h, bits);
  const out = Uint8Array.from(rgba);
  for (let i = 0; i < n; i++) {
    const uu = (Math.trunc(U[i]) & 0xff) - 128; // numpy float→uint8: truncate, wrap
    const vv = V[i] - 128;
    out[i * 4] = clamp(Y[i] + descale(vv * 18678));
    out[i * 4 + 1] = clamp(Y[i] + descale(vv * -9519 + uu * -6472));
    out[i * 4 + 2] = clamp(Y[i] + descale(uu * 33292));
  }
  return { width: w, height: h, rgba: out };
}

/** An 8-bit RGBA PNG of `img`, with `extra` chunks before IDAT. */
export function rgbaPng({ width: w, height: h, rgba }, extra = []) {
  return encodePng(w, h, (x, y) => rgba.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), { alpha: true, extra });
}

fixtures.sdxlWatermarkPng = () => rgbaPng(encodeWatermark(watermarkBase(), payloadBits(WATERMARK_PAYLOADS.SDXL)));
fixtures.unmarkedTwinPng = () => rgbaPng(watermarkBase());
