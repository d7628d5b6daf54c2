// Generates the parser and decoder bombs of the bounds test (tests/it/bounds.rs) into
// tests/fixtures/bombs/generated/ (git-ignored: some are large, all are cheap to rebuild).
// Each bomb is small or at most 20 MB on disk and claims far more: pixels, decompressed bytes,
// nesting, lengths. Usage: node scripts/make-bombs.mjs
import { deflateSync, crc32, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests/fixtures/bombs/generated');
mkdirSync(out, { recursive: true });

const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; };
const chunk = (type, data) => {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), td, u32(crc32(td))]);
};
const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ihdr = (w, h, depth, color) =>
  chunk('IHDR', Buffer.concat([u32(w), u32(h), Buffer.from([depth, color, 0, 0, 0])]));
/** A PNG whose IDAT inflates to `rows` rows of `rowBytes` zero bytes (filter byte included). */
function png(w, h, depth, color, extra = []) {
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[color];
  const row = 1 + (w * channels * depth) / 8;
  const zlib = deflateSync(Buffer.alloc(row * h), { level: 9 });
  return Buffer.concat([SIG, ihdr(w, h, depth, color), ...extra, chunk('IDAT', zlib), chunk('IEND', Buffer.alloc(0))]);
}

const bombs = {};
// 16 Mpx of 16-bit RGBA (128 MB raw): inside the pixel budget, decoded straight to 8 bits.
bombs['png-16bit-rgba-4096x4096.png'] = () => png(4096, 4096, 16, 6);
// The same, Adam7-interlaced: the passes come out of order (zero rows decode the same in any
// order, so the IDAT is that of a plain image with one filter byte a pass row).
bombs['png-16bit-rgba-4096x4096-adam7.png'] = () => {
  const w = 4096, h = 4096, bpp = 8;
  const passes = [[0, 8, 0, 8], [4, 8, 0, 8], [0, 4, 4, 8], [2, 4, 0, 4], [0, 2, 2, 4], [1, 2, 0, 2], [0, 1, 1, 2]];
  let len = 0;
  for (const [x0, dx, y0, dy] of passes) len += Math.ceil((h - y0) / dy) * (1 + Math.ceil((w - x0) / dx) * bpp);
  const ihdrI = chunk('IHDR', Buffer.concat([u32(w), u32(h), Buffer.from([16, 6, 0, 0, 1])]));
  return Buffer.concat([SIG, ihdrI, chunk('IDAT', deflateSync(Buffer.alloc(len), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
};
// 64 Mpx declared (the issue's 520 KB PNG): over the pixel budget, never decoded.
bombs['png-16bit-rgba-8192x8192.png'] = () =>
  Buffer.concat([SIG, ihdr(8192, 8192, 16, 6), chunk('IDAT', deflateSync(Buffer.alloc(8 << 20))), chunk('IEND', Buffer.alloc(0))]);
// A 512x512 image with a 2 MiB tEXt chunk before IDAT (a ComfyUI workflow's size): watermark
// detection must still run.
bombs['png-2mib-text-512x512.png'] = () =>
  png(512, 512, 8, 6, [chunk('tEXt', Buffer.concat([Buffer.from('workflow\0'), Buffer.alloc(2 << 20, 0x61)]))]);
// A zTXt chunk that inflates to 1 GB (capped by max_decompressed_bytes).
bombs['png-ztxt-1gb.png'] = () => {
  const z = deflateSync(Buffer.alloc(1 << 30), { level: 9 });
  return png(8, 8, 8, 2, [chunk('zTXt', Buffer.concat([Buffer.from('bomb\0\0'), z]))]);
};
// A 162-byte-class JPEG that declares 8192x8192 (over the budget) and 4096x4096 (inside it,
// with no scan data: the decoder must fail fast).
const jpeg = (w, h) => Buffer.from([
  0xff, 0xd8,
  0xff, 0xdb, 0x00, 0x43, 0x00, ...Array(64).fill(1),
  0xff, 0xc0, 0x00, 0x11, 0x08, h >> 8, h & 255, w >> 8, w & 255, 0x03,
  0x01, 0x11, 0x00, 0x02, 0x11, 0x00, 0x03, 0x11, 0x00,
  0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, ...Array(15).fill(0), 0x00,
  0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x3f, 0x00,
  ...Array(32).fill(0), 0xff, 0xd9,
]);
// Whole 16 Mpx JPEGs (4:4:4, a flat grey): one-code Huffman tables (DC difference 0, AC end
// of block), so every block is 2 bits, or 1 bit a scan when progressive. The decoder holds the
// frame (3 bytes a pixel) and, when progressive, every coefficient (2 bytes a sample).
const jpegWhole = (w, h, progressive) => {
  const seg = (marker, body) => Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255]), body]);
  const table = (cls) => Buffer.from([cls << 4, 1, ...Array(15).fill(0), 0x00]);
  const blocks = Math.ceil(w / 8) * Math.ceil(h / 8);
  const sos = (comps, ss, se) => seg(0xda, Buffer.from([comps.length, ...comps.flatMap((c) => [c, 0x00]), ss, se, 0x00]));
  const zeros = (bits) => Buffer.alloc(Math.ceil(bits / 8));
  const parts = [
    Buffer.from([0xff, 0xd8]),
    seg(0xdb, Buffer.from([0x00, ...Array(64).fill(1)])),
    seg(progressive ? 0xc2 : 0xc0, Buffer.from([8, h >> 8, h & 255, w >> 8, w & 255, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0])),
    seg(0xc4, Buffer.concat([table(0), table(1)])),
  ];
  if (progressive) {
    parts.push(sos([1, 2, 3], 0, 0), zeros(blocks * 3));
    for (const c of [1, 2, 3]) parts.push(sos([c], 1, 63), zeros(blocks));
  } else {
    parts.push(sos([1, 2, 3], 0, 63), zeros(blocks * 3 * 2));
  }
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
};
bombs['jpeg-4096x4096-baseline.jpg'] = () => jpegWhole(4096, 4096, false);
bombs['jpeg-4096x4096-progressive.jpg'] = () => jpegWhole(4096, 4096, true);
bombs['jpeg-8192x8192-header.jpg'] = () => jpeg(8192, 8192);
bombs['jpeg-4096x4096-header.jpg'] = () => jpeg(4096, 4096);
// A TIFF whose IFD0 points at itself, and one whose first IFD lies past the end.
bombs['tiff-ifd-loop.tif'] = () => {
  const b = Buffer.alloc(8 + 2 + 12 + 4);
  b.write('II', 0, 'latin1'); b.writeUInt16LE(42, 2); b.writeUInt32LE(8, 4);
  b.writeUInt16LE(1, 8); b.writeUInt16LE(256, 10); b.writeUInt16LE(3, 12); b.writeUInt32LE(1, 14);
  b.writeUInt32LE(8, 22);
  return b;
};
// BMFF: a box claiming 2^63 bytes, and 10,000 nested boxes.
bombs['bmff-2pow63-box.avif'] = () => {
  const ftyp = Buffer.concat([u32(20), Buffer.from('ftypavif'), u32(0), Buffer.from('avif')]);
  const big = Buffer.concat([u32(1), Buffer.from('meta'), Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0])]);
  return Buffer.concat([ftyp, big]);
};
bombs['bmff-nested-10000.mp4'] = () => {
  const ftyp = Buffer.concat([u32(20), Buffer.from('ftypisom'), u32(0), Buffer.from('isom')]);
  let inner = Buffer.alloc(0);
  const n = 10000;
  const head = [];
  for (let i = 0; i < n; i++) head.push(Buffer.concat([u32(8 * (n - i)), Buffer.from('moov')]));
  inner = Buffer.concat(head);
  return Buffer.concat([ftyp, inner]);
};
// A manifest store of deeply nested JUMBF superboxes, and one whose CBOR nests 100,000 arrays.
bombs['jumbf-deep.c2pa'] = () => {
  const n = 5000;
  const parts = [];
  const jumd = Buffer.concat([u32(8 + 16 + 1 + 5), Buffer.from('jumd'), Buffer.from('c2pa0011001000aa0038b7ee', 'hex').subarray(0, 16), Buffer.from([3]), Buffer.from('c2pa\0')]);
  for (let i = 0; i < n; i++) parts.push(Buffer.concat([u32(8 * (n - i) + jumd.length * (n - i)), Buffer.from('jumb'), jumd]));
  return Buffer.concat(parts);
};
// C2PA, hostile set heldback3 (cbor15): every tree read from a manifest store is paid for from
// one budget per input (max_c2pa_bytes), and a store is read from its last max_manifests
// manifests. Ten assertions of 500,000 one-item CBOR arrays (397 MiB and 3 s before: each was
// decoded up to four times, within a bound per decode), and 100,000 empty manifests (70 MiB
// before: a box tree and a summary each), bare and before a manifest that is read.
const c2Box = (type, body) => Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);
const c2Jumb = (type, label, children) => c2Box('jumb', Buffer.concat([c2Box('jumd', Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from('00110010800000aa00389b71', 'hex'), Buffer.from([3]), Buffer.from(`${label}\0`)])), ...children]));
const cborHead = (major, n) => (n < 24 ? Buffer.from([(major << 5) | n]) : Buffer.concat([Buffer.from([(major << 5) | 26]), u32(n)]));
const cborText = (t) => Buffer.concat([cborHead(3, Buffer.byteLength(t)), Buffer.from(t)]);
const cborMap = (pairs) => Buffer.concat([cborHead(5, pairs.length), ...pairs.flat()]);
const c2Manifest = (label, assertions) => {
  const refs = assertions.map(([l]) => cborMap([[cborText('url'), cborText(`self#jumbf=c2pa.assertions/${l}`)], [cborText('hash'), Buffer.concat([cborHead(2, 32), Buffer.alloc(32)])]]));
  const claim = cborMap([[cborText('claim_generator_info'), cborMap([[cborText('name'), cborText('bomb')]])], [cborText('signature'), cborText('self#jumbf=c2pa.signature')], [cborText('created_assertions'), Buffer.concat([cborHead(4, refs.length), ...refs])], [cborText('alg'), cborText('sha256')]]);
  return c2Jumb('c2ma', label, [c2Jumb('c2as', 'c2pa.assertions', assertions.map(([l, body]) => c2Jumb('cbor', l, [c2Box('cbor', body)]))), c2Jumb('c2cl', 'c2pa.claim.v2', [c2Box('cbor', claim)]), c2Jumb('c2cs', 'c2pa.signature', [c2Box('cbor', Buffer.from([0x80]))])]);
};
const c2Store = (manifests) => c2Jumb('c2pa', 'c2pa', manifests);
const oneItemArrays = (n) => Buffer.concat([cborHead(4, n), Buffer.alloc(2 * n, Buffer.from([0x81, 0x00]))]);
const emptyManifests = (n) => Array(n).fill(c2Jumb('c2ma', 'urn:c2pa:x', []));
bombs['png-c2pa-10-assertions-500k-arrays.png'] = () => {
  const labels = Array.from({ length: 10 }, (_, i) => (i ? `c2pa.actions.v2__${i}` : 'c2pa.actions.v2'));
  return png(8, 8, 8, 2, [chunk('caBX', c2Store([c2Manifest('urn:c2pa:1', labels.map((l) => [l, oneItemArrays(499990)]))]))]);
};
bombs['c2pa-100k-empty-manifests.c2pa'] = () => c2Store(emptyManifests(100000));
bombs['png-c2pa-100k-manifests-then-one.png'] = () => {
  const created = cborMap([[cborText('actions'), Buffer.concat([cborHead(4, 1), cborMap([[cborText('action'), cborText('c2pa.created')]])])]]);
  return png(8, 8, 8, 2, [chunk('caBX', c2Store([...emptyManifests(100000), c2Manifest('urn:c2pa:1', [['c2pa.actions.v2', created]])]))]);
};
// C2PA manifest stores, held-back set 3 (cmem15): the store's structures and its claim
// signature's. A manifest of 49 superboxes of 1,000 one-box superboxes (28 MiB with watermarks
// off for 2 MB, when each kept room for four children of 80 bytes); 20,000 assertions listed by
// the claim
// (4.4 s and 46 MiB: each looked up among all the others; now over max_assertions); a
// COSE x5chain of 200,000 two-byte certificates (each copied), and one of 2,000 certificates
// with 1,500 time-stamp tokens and 1,500 OCSP responses (each copied: 43 MiB for 16 MB); and a
// data hash of 42,000 exclusions that leaves the store in the hash (every exclusion was
// listed in the failure's detail).
const c2h = (major, n) => {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
  return Buffer.concat([Buffer.from([(major << 5) | 26]), u32(n)]);
};
const c2 = {
  uint: (n) => c2h(0, n),
  bytes: (b) => Buffer.concat([c2h(2, b.length), b]),
  text: (t) => Buffer.concat([c2h(3, Buffer.byteLength(t)), Buffer.from(t)]),
  arr: (items) => Buffer.concat([c2h(4, items.length), ...items]),
  map: (pairs) => Buffer.concat([c2h(5, pairs.length), ...pairs.flat()]),
};
const c2box = (type, data) => Buffer.concat([u32(8 + data.length), Buffer.from(type, 'latin1'), data]);
const c2sbox = (type, label, children) => c2box('jumb', Buffer.concat([
  c2box('jumd', Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from('00110010800000aa00389b71', 'hex'), Buffer.from([3]), Buffer.from(`${label}\0`)])),
  ...children]));
const c2sha = (b) => createHash('sha256').update(b).digest();
/** A store of one manifest: its assertions (label, CBOR), listed by a v2 claim, and `cose`. */
const c2store = (assertions, cose = c2cose(c2.map([[c2.uint(1), Buffer.from([0x26])]]), c2.map([]))) => {
  const boxes = assertions.map(([label, cbor]) => c2sbox('cbor', label, [c2box('cbor', cbor)]));
  const refs = boxes.map((b, i) => c2.map([[c2.text('url'), c2.text(`self#jumbf=c2pa.assertions/${assertions[i][0]}`)], [c2.text('hash'), c2.bytes(c2sha(b.subarray(8)))]]));
  const claim = c2.map([[c2.text('instanceID'), c2.text('xmp:iid:1')], [c2.text('claim_generator_info'), c2.map([[c2.text('name'), c2.text('bombs')]])],
    [c2.text('signature'), c2.text('self#jumbf=c2pa.signature')], [c2.text('created_assertions'), c2.arr(refs)], [c2.text('alg'), c2.text('sha256')]]);
  return c2sbox('c2pa', 'c2pa', [c2sbox('c2ma', 'urn:c2pa:11111111-1111-4111-8111-111111111111', [
    c2sbox('c2as', 'c2pa.assertions', boxes), c2sbox('c2cl', 'c2pa.claim.v2', [c2box('cbor', claim)]), c2sbox('c2cs', 'c2pa.signature', [c2box('cbor', cose)])])]);
};
/** A COSE_Sign1 (tag 18) of protected header map `prot` and unprotected map `unprot`. */
function c2cose(prot, unprot) {
  return Buffer.concat([Buffer.from([0xd2]), c2.arr([c2.bytes(prot), unprot, Buffer.from([0xf6]), c2.bytes(Buffer.alloc(64))])]);
}
const c2png = (store) => png(8, 8, 8, 2, [chunk('caBX', store)]);
const c2actions = c2.map([[c2.text('actions'), c2.arr([])]]);
bombs['c2pa-jumbf-49k-superboxes.c2pa'] = () => {
  const group = c2sbox('cbor', 'g', Array(1000).fill(c2sbox('cbor', 'x', [c2box('cbor', Buffer.from([0]))])));
  return c2sbox('c2pa', 'c2pa', [c2sbox('c2ma', 'urn:c2pa:1', Array(49).fill(group))]);
};
bombs['c2pa-20k-assertions.png'] = () => c2png(c2store(Array.from({ length: 20000 }, (_, i) => [`c2pa.actions.v2__${i}`, c2actions])));
const c2chain = (certs, unprot = c2.map([])) => c2png(c2store([['c2pa.actions.v2', c2actions]],
  c2cose(c2.map([[c2.uint(1), Buffer.from([0x26])], [c2.uint(33), c2.arr(certs)]]), unprot)));
bombs['c2pa-cose-x5chain-200k.png'] = () => c2chain(Array(200000).fill(c2.bytes(Buffer.from([0x30, 0]))));
bombs['c2pa-cose-copies.png'] = () => {
  const der = c2.bytes(Buffer.concat([Buffer.from([0x30, 0x84, 0, 0, 0x10, 0]), Buffer.alloc(4090, 0x30)]));
  const tokens = c2.arr(Array(1500).fill(c2.map([[c2.text('val'), der]])));
  return c2chain(Array(2000).fill(c2.bytes(Buffer.alloc(2000, 0x30))), c2.map([
    [c2.text('sigTst2'), c2.map([[c2.text('tstTokens'), tokens]])], [c2.text('rVals'), c2.map([[c2.text('ocspVals'), c2.arr(Array(1500).fill(der))]])]]));
};
bombs['c2pa-hash-data-42k-exclusions.png'] = () => {
  // One-byte exclusions at 0..42,000, and one from the store chunk's tenth byte to its end: the
  // chunk's start is not excluded by one range, so the store counts as left in the hash.
  const n = 42000;
  const make = (end, hash) => {
    const ex = Array.from({ length: n }, (_, i) => c2.map([[c2.text('start'), c2.uint(i)], [c2.text('length'), c2.uint(1)]]));
    ex.push(c2.map([[c2.text('start'), c2.uint(33 + 9)], [c2.text('length'), c2.uint(end - 42)]]));
    return c2png(c2store([['c2pa.hash.data', c2.map([[c2.text('exclusions'), c2.arr(ex)], [c2.text('hash'), c2.bytes(hash)]])]]));
  };
  let end = 0;
  let file = make(end, Buffer.alloc(32));
  while (end !== 33 + 12 + file.readUInt32BE(33)) {
    end = 33 + 12 + file.readUInt32BE(33);
    file = make(end, Buffer.alloc(32));
  }
  const keep = file.filter((_, i) => i >= n && (i < 42 || i >= end));
  return make(end, c2sha(keep));
};
// C2PA, what a manifest reports (report15): one actions assertion of 70,000 `c2pa.created`
// maps without a digitalSourceType (1.4 MB; 87 MiB before: a failure status and a summary line
// for each action), and a `c2pa.ai-disclosure` map of 70,000 pairs of four and one bytes (a
// JSON copy of each pair: 20 MiB with watermarks off for 350 KB).
// With 30,000 the store is read within max_c2pa_bytes, so the summary lists actions too.
const createdActions = (n) => {
  const created = cborMap([[cborText('action'), cborText('c2pa.created')]]);
  const actions = cborMap([[cborText('actions'), Buffer.concat([cborHead(4, n), ...Array(n).fill(created)])]]);
  return png(8, 8, 8, 2, [chunk('caBX', c2Store([c2Manifest('urn:c2pa:1', [['c2pa.actions.v2', actions]])]))]);
};
bombs['png-c2pa-70k-created-actions.png'] = () => createdActions(70000);
bombs['png-c2pa-30k-created-actions.png'] = () => createdActions(30000);
bombs['png-c2pa-ai-disclosure-70k-pairs.png'] = () => {
  // Distinct keys of three characters (a CBOR text of 3 bytes), each to the integer 0.
  const key = (i) => [0, 1, 2].map((d) => String.fromCharCode(0x30 + (Math.floor(i / 64 ** d) % 64))).join('');
  const pairs = Array.from({ length: 70000 }, (_, i) => [cborText(key(i)), Buffer.from([0])]);
  const created = cborMap([[cborText('actions'), Buffer.concat([cborHead(4, 1), cborMap([[cborText('action'), cborText('c2pa.created')]])])]]);
  return png(8, 8, 8, 2, [chunk('caBX', c2Store([c2Manifest('urn:c2pa:1', [['c2pa.actions.v2', created], ['c2pa.ai-disclosure', cborMap(pairs)]])]))]);
};
// C2PA, a claim that names one assertion many times (held-back set 4): each part of a store is
// hashed once per algorithm, and each ingredient, identity and summarised assertion is read
// once. One 15 MB assertion named 1,000 times (13 s before: hashed at every reference); a data
// hash named 1,000 times over a 15 MB file (13 s: the file hashed for each); an ingredient with a
// 1 MB title named 1,000 times (2.5 GB before: a summary entry and a title copy each); and a
// CAWG identity credential of 2,000,000 small JSON objects (14 MB; 1.3 GB before: parsed
// without the max_json_bytes check).
const c2Named = (label, assertions, refs) => {
  const list = refs.map((l) => cborMap([[cborText('url'), cborText(`self#jumbf=c2pa.assertions/${l}`)], [cborText('hash'), Buffer.concat([cborHead(2, 32), Buffer.alloc(32)])]]));
  const claim = cborMap([[cborText('claim_generator_info'), cborMap([[cborText('name'), cborText('bomb')]])], [cborText('signature'), cborText('self#jumbf=c2pa.signature')], [cborText('created_assertions'), Buffer.concat([cborHead(4, list.length), ...list])], [cborText('alg'), cborText('sha256')]]);
  return c2Jumb('c2ma', label, [c2Jumb('c2as', 'c2pa.assertions', assertions.map(([l, body]) => c2Jumb('cbor', l, [c2Box('cbor', body)]))), c2Jumb('c2cl', 'c2pa.claim.v2', [c2Box('cbor', claim)]), c2Jumb('c2cs', 'c2pa.signature', [c2Box('cbor', Buffer.from([0x80]))])]);
};
const cborBytes = (b) => Buffer.concat([cborHead(2, b.length), b]);
const named = (l, body) => png(8, 8, 8, 2, [chunk('caBX', c2Store([c2Named('urn:c2pa:1', [[l, body]], Array(1000).fill(l))]))]);
bombs['png-c2pa-15mb-assertion-named-1000-times.png'] = () =>
  named('c2pa.actions.v2', cborMap([[cborText('actions'), Buffer.from([0x80])], [cborText('pad'), cborBytes(Buffer.alloc(15e6))]]));
bombs['png-c2pa-ingredient-1mb-title-named-1000-times.png'] = () =>
  named('c2pa.ingredient.v3', cborMap([[cborText('dc:title'), cborText('T'.repeat(1e6))], [cborText('relationship'), cborText('componentOf')]]));
bombs['png-c2pa-data-hash-named-1000-times.png'] = () => {
  // The exclusion covers the store's chunk (which starts after the signature and IHDR, at 33);
  // a 15 MB text chunk after it is what each check hashes.
  const make = (len) => {
    const hash = cborMap([[cborText('exclusions'), Buffer.concat([cborHead(4, 1), cborMap([[cborText('start'), Buffer.from([0x18, 33])], [cborText('length'), Buffer.concat([Buffer.from([0x1a]), u32(len)])]])])], [cborText('hash'), cborBytes(Buffer.alloc(32))]]);
    return chunk('caBX', c2Store([c2Named('urn:c2pa:1', [['c2pa.hash.data', hash]], Array(1000).fill('c2pa.hash.data'))]));
  };
  const store = make(make(0).length);
  const text = chunk('tEXt', Buffer.concat([Buffer.from('pad\0'), Buffer.alloc(15e6, 0x20)]));
  return Buffer.concat([SIG, ihdr(8, 8, 8, 2), store, text, chunk('IDAT', deflateSync(Buffer.alloc(8 * 25))), chunk('IEND', Buffer.alloc(0))]);
};
bombs['png-cawg-credential-2m-json-objects.png'] = () => {
  // An identity claims aggregation credential: a COSE_Sign1 (EdDSA, application/vc) whose
  // payload is the JSON.
  const json = Buffer.from('[' + Array(2e6).fill('{"":0}').join(',') + ']');
  const prot = cborMap([[Buffer.from([1]), Buffer.from([0x27])], [Buffer.from([3]), cborText('application/vc')]]);
  const sign1 = Buffer.concat([Buffer.from([0xd2, 0x84]), cborBytes(prot), Buffer.from([0xa0]), cborBytes(json), cborBytes(Buffer.alloc(64))]);
  const identity = cborMap([[cborText('signer_payload'), cborMap([[cborText('referenced_assertions'), Buffer.from([0x80])], [cborText('sig_type'), cborText('cawg.identity_claims_aggregation')]])], [cborText('signature'), cborBytes(sign1)], [cborText('pad1'), cborBytes(Buffer.alloc(0))]]);
  return png(8, 8, 8, 2, [chunk('caBX', c2Store([c2Named('urn:c2pa:1', [['cawg.identity', identity]], ['cawg.identity'])]))]);
};
// C2PA, what a report copies from a store (held-back set 4, rep15b): each copied string is cut
// at 1 KiB of JSON and each part of a report copies 1 MiB in all; a claim thumbnail named by
// many claims is reported once, and thumbnails beyond 2 MiB per input are left out. A 32 KB
// manifest label in 1,000 statuses (136 MiB before); 16 claim generators of 1 MB of control
// characters, six bytes each in JSON (137 MiB); 1,000 manifests naming one 64 KB thumbnail
// (154 MiB) and one ingredient with a 64 KB title (135 MiB); a 12 MB thumbnail (48 MiB); and
// 1,000 missing assertions named by 8 KB URIs (43 MiB, over with watermarks off).
const c2Urls = (label, assertions, urls, extra = []) => {
  const list = urls.map((u) => cborMap([[cborText('url'), cborText(u)], [cborText('hash'), Buffer.concat([cborHead(2, 32), Buffer.alloc(32)])]]));
  const claim = cborMap([[cborText('signature'), cborText('self#jumbf=c2pa.signature')], [cborText('created_assertions'), Buffer.concat([cborHead(4, list.length), ...list])], [cborText('alg'), cborText('sha256')], ...extra]);
  return c2Jumb('c2ma', label, [c2Jumb('c2as', 'c2pa.assertions', assertions), c2Jumb('c2cl', 'c2pa.claim.v2', [c2Box('cbor', claim)]), c2Jumb('c2cs', 'c2pa.signature', [c2Box('cbor', Buffer.from([0x80]))])]);
};
const c2Thumb = (bytes) => c2Jumb('embd', 'c2pa.thumbnail.claim.jpeg', [c2Box('bfdb', Buffer.from('\0image/jpeg\0')), c2Box('bidb', Buffer.alloc(bytes, 0xab))]);
const c2Here = (l) => `self#jumbf=c2pa.assertions/${l}`;
const c2Shared = (first, l) => {
  const ms = [c2Urls('urn:c2pa:m0', [first], [c2Here(l)])];
  for (let i = 1; i < 1000; i++) ms.push(c2Urls(`urn:c2pa:m${i}`, [], [`self#jumbf=/c2pa/urn:c2pa:m0/c2pa.assertions/${l}`]));
  return png(8, 8, 8, 2, [chunk('caBX', c2Store(ms))]);
};
const c2Created = c2Jumb('cbor', 'c2pa.actions.v2', [c2Box('cbor', cborMap([[cborText('actions'), Buffer.from([0x80])]]))]);
bombs['png-c2pa-32k-label-in-1000-statuses.png'] = () =>
  png(8, 8, 8, 2, [chunk('caBX', c2Store([c2Urls('urn:c2pa:' + 'Q'.repeat(32000), [c2Created], Array(1000).fill(c2Here('c2pa.actions.v2')))]))]);
bombs['png-c2pa-16-generators-of-1mb-ctl.png'] = () => png(8, 8, 8, 2, [chunk('caBX', c2Store(Array.from({ length: 16 }, (_, i) =>
  c2Urls(`urn:c2pa:g${i}`, [c2Created], [c2Here('c2pa.actions.v2')], [[cborText('claim_generator'), cborText('\x1f'.repeat(1e6))], [cborText('dc:title'), cborText('\\'.repeat(1e5))]]))))]);
bombs['png-c2pa-1000-manifests-one-64k-thumbnail.png'] = () => c2Shared(c2Thumb(64000), 'c2pa.thumbnail.claim.jpeg');
bombs['png-c2pa-1000-manifests-one-64k-ingredient.png'] = () => c2Shared(c2Jumb('cbor', 'c2pa.ingredient.v3', [c2Box('cbor',
  cborMap([[cborText('dc:title'), cborText('I'.repeat(64000))], [cborText('relationship'), cborText('componentOf')]]))]), 'c2pa.ingredient.v3');
bombs['png-c2pa-12mb-thumbnail.png'] = () => png(8, 8, 8, 2, [chunk('caBX', c2Store([c2Urls('urn:c2pa:t', [c2Thumb(12e6)], [c2Here('c2pa.thumbnail.claim.jpeg')])]))]);
bombs['png-c2pa-1000-missing-8k-urls.png'] = () =>
  png(8, 8, 8, 2, [chunk('caBX', c2Store([c2Urls('urn:c2pa:u', [], Array.from({ length: 1000 }, (_, i) => c2Here(`${i}${'V'.repeat(8000)}`)))]))]);
// NovelAI stealth metadata (alpha LSBs, column-major) whose gzipped JSON is 590,000 small
// objects (a 1 KB PNG; 396 MiB before: parsed without the max_json_bytes check).
bombs['png-novelai-stealth-json-590k-objects.png'] = () => {
  const body = gzipSync(Buffer.from('[' + Array(590000).fill('{"":0}').join(',') + ']'), { level: 9 });
  const bits = Buffer.concat([Buffer.from('stealth_pngcomp'), u32(body.length * 8), body]);
  const h = 256, n = bits.length * 8, w = Math.max(8, Math.ceil(n / h));
  const rows = [];
  for (let y = 0; y < h; y++) {
    const r = Buffer.alloc(1 + w * 4);
    for (let x = 0; x < w; x++) {
      const k = x * h + y;
      const bit = k < n ? (bits[k >> 3] >> (7 - (k & 7))) & 1 : 0;
      r[1 + x * 4] = 128;
      r[1 + x * 4 + 3] = 254 | bit;
    }
    rows.push(r);
  }
  return Buffer.concat([SIG, ihdr(w, h, 8, 6), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
};
// 16 MB of zero-width characters, and 16 MB of nested HTML tags.
bombs['text-zero-width-16mb.txt'] = () => Buffer.from('\u200b'.repeat(16 << 20 >> 2) + 'ok', 'utf8');
bombs['html-nested-16mb.html'] = () => Buffer.from('<!doctype html>' + '<div a="'.repeat((16 << 20) / 8));
// A 20 MB PNG: 2048x2048 RGB of incompressible noise, inside the pixel budget.
bombs['png-noise-20mb.png'] = () => {
  const w = 2560, h = 2560, row = 1 + w * 3;
  const raw = Buffer.alloc(row * h);
  let x = 2463534242;
  for (let i = 0; i < raw.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    raw[i] = i % row === 0 ? 0 : x & 255;
  }
  return Buffer.concat([SIG, ihdr(w, h, 8, 2), chunk('IDAT', deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
};
// Many compressed parts, each within the decompression limit on its own: forty zTXt chunks of
// 7.9 MiB each (one allowance per input, not per chunk), and 290 PDF object streams.
bombs['png-ztxt-40x8mb.png'] = () => {
  const z = deflateSync(Buffer.from('word '.repeat(Math.floor(7.9 * (1 << 20) / 5))), { level: 9 });
  const texts = Array.from({ length: 40 }, (_, i) => chunk('zTXt', Buffer.concat([Buffer.from(`k${i}\0\0`, 'latin1'), z])));
  return png(64, 64, 8, 2, texts);
};
bombs['pdf-objstm-290.pdf'] = () => {
  const per = 8000;
  const header = Array.from({ length: per }, (_, i) => `${1000 + i} ${i * 1007}`).join(' ');
  const objects = `<< /A (${'x'.repeat(1000)}) >> `.repeat(per);
  const z = deflateSync(Buffer.from(`${header} ${objects}`), { level: 9 });
  const parts = [Buffer.from('%PDF-1.7\n')];
  for (let n = 1; n <= 290; n++) {
    parts.push(Buffer.from(`${n} 0 obj\n<< /Type /ObjStm /N ${per} /First ${header.length + 1} /Filter /FlateDecode /Length ${z.length} >>\nstream\n`), z, Buffer.from('\nendstream\nendobj\n'));
  }
  parts.push(Buffer.from('trailer\n<< /Root 1 0 R >>\n%%EOF\n'));
  return Buffer.concat(parts);
};
// A PNG whose one tEXt chunk (a generator's parameters) is 19 MB: read in place, not copied.
bombs['png-text-19mb.png'] = () => png(64, 64, 8, 2, [chunk('tEXt', Buffer.concat([Buffer.from('parameters\0', 'latin1'), Buffer.from('a photo of a cat, '.repeat(Math.floor((19 << 20) / 18)))]))]);
// PNG text, held-back set 3 (and the same JSON in HTML JSON-LD): generator JSON whose tree
// is far larger than its text (835 MiB for 19 MB of one-member objects, 192 MiB for 6 M empty
// objects in JSON-LD, now refused by max_json_bytes from a pre-scan), and a Software field of
// 9.5 M one-letter words (530 MiB when every word was kept).
bombs['png-json-19mb-tiny-objects.png'] = () => png(8, 8, 8, 2, [chunk('tEXt', Buffer.from('prompt\0{' + Array.from({ length: 900000 }, (_, i) => `"${i}":{"a":[1]}`).join(',') + '}', 'latin1'))]);
bombs['html-jsonld-6m-empty-objects.html'] = () => Buffer.from(`<html><head><script type="application/ld+json">[${Array(6000000).fill('{}').join(',')}]</script></head></html>`);
bombs['png-software-9m-words.png'] = () => png(8, 8, 8, 2, [chunk('tEXt', Buffer.from('Software\0' + 'a '.repeat(9500000), 'latin1'))]);
// A JPEG whose Extended XMP (XMP Part 3 §1.1.3.1) is 300 segments, 19.5 MB of elements.
bombs['jpeg-extended-xmp-19mb.jpg'] = () => {
  const seg = (marker, body) => Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255]), body]);
  const guid = '0'.repeat(32);
  const main = `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmpNote="http://ns.adobe.com/xmp/note/" xmpNote:HasExtendedXMP="${guid}"/></rdf:RDF></x:xmpmeta>`;
  const parts = [Buffer.from([0xff, 0xd8]), seg(0xe1, Buffer.from(main, 'latin1'))];
  const n = 300, size = 65000;
  for (let i = 0; i < n; i++) {
    const head = Buffer.alloc(8); head.writeUInt32BE(n * size, 0); head.writeUInt32BE(i * size, 4);
    parts.push(seg(0xe1, Buffer.concat([Buffer.from(`http://ns.adobe.com/xmp/extension/\0${guid}`, 'latin1'), head, Buffer.from('<a b="c"/>'.repeat(size / 10))])));
  }
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
};
// 20 MB of text that is mostly padding characters outside ASCII: zero-width non-joiners
// between full stops, and emoji.
bombs['text-zwnj-20mb.txt'] = () => Buffer.from(('\u200c'.repeat(1000) + '.').repeat(Math.floor((20 << 20) / 3001)), 'utf8');
bombs['text-emoji-20mb.txt'] = () => Buffer.from('\u{1F600}\u{1F3A8}\u{1F916}\u2728 '.repeat(Math.floor((20 << 20) / 16)), 'utf8');

// Issue 15, hostile set 3: many tiny entries, aliasing claims, flat copies and floods.
const u16 = (n) => { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; };
const le = (n, size) => { const b = Buffer.alloc(size); if (size === 2) b.writeUInt16LE(n); else b.writeUInt32LE(n >>> 0); return b; };
const jseg = (marker, body) => Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255]), body]);
const sof8 = jseg(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
const box = (type, data) => Buffer.concat([u32(8 + data.length), Buffer.from(type, 'latin1'), data]);
const fullBox = (type, version, data) => box(type, Buffer.concat([Buffer.from([version, 0, 0, 0]), data]));
const XMP_HEAD = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description ';
const xmp1mb = Buffer.from(`${XMP_HEAD}xmlns:dc="http://purl.org/dc/elements/1.1/" dc:title="${'a'.repeat(1 << 20)}"/></rdf:RDF></x:xmpmeta>`);
// 99,000 tiny tEXt chunks (1.5 MB): 58 MiB with watermarks off before max_metadata_entries.
bombs['png-text-99k-chunks.png'] = () => png(8, 8, 8, 2, Array.from({ length: 99000 }, (_, i) => chunk('tEXt', Buffer.from(`k\0${i % 10}`))));
// 99,000 GIF XMP application extensions without their trailer: a warning each (69 MiB).
bombs['gif-xmp-99k-extensions.gif'] = () => Buffer.concat([
  Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0]),
  ...Array.from({ length: 99000 }, () => Buffer.concat([Buffer.from([0x21, 0xff, 11]), Buffer.from('XMP DataXMP'), Buffer.from([4]), Buffer.from('<x/>'), Buffer.from([0])])),
  Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x80, 0, 0, 0, 0xff, 0xff, 0xff, 2, 2, 0x4c, 0x01, 0, 0x3b]),
]);
// 99,000 JPEG APP1 EXIF segments (2 MB): 90 MiB before.
bombs['jpeg-exif-99k-segments.jpg'] = () => Buffer.concat([Buffer.from([0xff, 0xd8]), ...Array(99000).fill(jseg(0xe1, Buffer.from('Exif\0\0II*\0\x08\0\0\0\0\0\0\0', 'latin1'))), sof8, Buffer.from([0xff, 0xd9])]);
// 300 EXIF segments of 400 ImageDescription tags all naming one 60 KB value: 7 GB of text
// decoded before (over 20 s); each tag is now read once, 4 MiB of EXIF text in all.
bombs['jpeg-exif-aliased-values.jpg'] = () => {
  const k = 400, valueAt = 8 + 2 + k * 12 + 4, value = Buffer.alloc(60000, 0x41);
  const entries = Array.from({ length: k }, () => Buffer.concat([le(0x010e, 2), le(2, 2), le(value.length, 4), le(valueAt, 4)]));
  const tiff = Buffer.concat([Buffer.from('II*\0'), le(8, 4), le(k, 2), ...entries, le(0, 4), value.subarray(0, 65000 - 10 - k * 12 - 30)]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), ...Array(300).fill(jseg(0xe1, Buffer.concat([Buffer.from('Exif\0\0'), tiff]))), sof8, Buffer.from([0xff, 0xd9])]);
};
// A TIFF of 65,535 XMP tags naming one 1 MB packet (over 20 s before).
bombs['tiff-xmp-aliased-tags.tif'] = () => {
  const ifd = 8 + xmp1mb.length + (xmp1mb.length % 2), m = 65535;
  const entries = Array.from({ length: m }, () => Buffer.concat([le(700, 2), le(1, 2), le(xmp1mb.length, 4), le(8, 4)]));
  return Buffer.concat([Buffer.from('II*\0'), le(ifd, 4), xmp1mb, Buffer.alloc(xmp1mb.length % 2), le(m, 2), ...entries, le(0, 4)]);
};
// HEIF: 60,000 XMP items naming one 1 MB extent (25 MiB, 4 MB file), and an iloc whose
// zero-sized fields give 60,000 items 65,535 extents each in no bytes.
const heifItems = (n, iloc) => {
  const infes = Array.from({ length: n }, (_, i) => fullBox('infe', 2, Buffer.concat([u16(i + 1), u16(0), Buffer.from('mime'), Buffer.from('\0application/rdf+xml\0')])));
  const hdlr = fullBox('hdlr', 0, Buffer.concat([u32(0), Buffer.from('pict'), Buffer.alloc(13)]));
  return fullBox('meta', 0, Buffer.concat([hdlr, fullBox('iinf', 0, Buffer.concat([u16(n), ...infes])), iloc]));
};
bombs['heif-items-aliased.heic'] = () => {
  const n = 60000, ftyp = box('ftyp', Buffer.from('heic\0\0\0\0mif1heic'));
  const iloc = (at) => fullBox('iloc', 0, Buffer.concat([Buffer.from([0x44, 0x00]), u16(n), ...Array.from({ length: n }, (_, i) => Buffer.concat([u16(i + 1), u16(0), u16(1), u32(at), u32(xmp1mb.length)]))]));
  const at = ftyp.length + heifItems(n, iloc(0)).length + 8;
  return Buffer.concat([ftyp, heifItems(n, iloc(at)), box('mdat', xmp1mb)]);
};
bombs['heif-iloc-empty-extents.heic'] = () => {
  const n = 60000;
  const iloc = fullBox('iloc', 0, Buffer.concat([Buffer.from([0, 0]), u16(n), ...Array.from({ length: n }, (_, i) => Buffer.concat([u16(i + 1), u16(0), u16(65535)]))]));
  return Buffer.concat([box('ftyp', Buffer.from('heic\0\0\0\0mif1heic')), heifItems(n, iloc)]);
};
// XMP declaring 300,000 namespaces and using 600,000 attributes (over 20 s before), and an
// SVG declaring 300,000 namespaces on its root over a million elements.
const manyNs = Array.from({ length: 300000 }, (_, i) => `xmlns:a${i}="http://x/${i}/"`).join(' ');
bombs['png-xmp-namespace-flood.png'] = () => png(8, 8, 8, 2, [chunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0'), Buffer.from(`${XMP_HEAD}${manyNs} ${Array.from({ length: 600000 }, (_, i) => `a${i % 300000}:p="v"`).join(' ')}/></rdf:RDF></x:xmpmeta>`)]))]);
bombs['svg-namespace-flood.svg'] = () => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${manyNs}>${'<g/>'.repeat(1000000)}</svg>`);
// XMP of 900,000 rdf:li items in one 16 MB packet (39 MiB with watermarks off before).
bombs['png-xmp-900k-items.png'] = () => png(8, 8, 8, 2, [chunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0'), Buffer.from(`${XMP_HEAD}xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"><Iptc4xmpExt:AISystemUsed><rdf:Bag>${'<rdf:li>ai</rdf:li>'.repeat(900000)}</rdf:Bag></Iptc4xmpExt:AISystemUsed></rdf:Description></rdf:RDF></x:xmpmeta>`)]))]);
// XMP and text values, one of megabytes (held-back set 3): each was copied two or three times
// on its way to the label readers, 57-78 MiB with watermarks off for 18-19 MB. A PNG XMP
// description and a PDF /Metadata packet nobody reads (now never decoded), an IPTC AI prompt
// that is read (now kept to 64 KiB), a 64 KB AI system named in 1,000 prompts' signals (255 MiB
// for a 92 KB file: now 200 characters each), invalid UTF-8 in an iTXt chunk and Latin-1 in a
// tEXt one (decoded to 57 and 38 MB: now within max_joined_bytes), and a 19 MB keyword.
const xmpItxt = (inner) => chunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0'), Buffer.from(`${XMP_HEAD}xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia">${inner}</rdf:Description></rdf:RDF></x:xmpmeta>`)]));
const aiWords = 'AI generated '.repeat(1400000);
bombs['png-xmp-19mb-description.png'] = () => png(8, 8, 8, 2, [xmpItxt(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${aiWords}</rdf:li></rdf:Alt></dc:description>`)]);
bombs['pdf-xmp-metadata-18mb.pdf'] = () => {
  const x = `${XMP_HEAD}xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>${'a'.repeat(18000000)}</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>`;
  return Buffer.from(`%PDF-1.7\n1 0 obj\n<</Type/Catalog/Metadata 2 0 R>>\nendobj\n2 0 obj\n<</Type/Metadata/Subtype/XML/Length ${x.length}>>stream\n${x}\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
};
bombs['png-xmp-19mb-ai-prompt.png'] = () => png(8, 8, 8, 2, [xmpItxt(`<Iptc4xmpExt:AIPromptInformation>${aiWords}</Iptc4xmpExt:AIPromptInformation>`)]);
bombs['png-xmp-ai-system-named-1000-times.png'] = () => png(8, 8, 8, 2, [xmpItxt(`<Iptc4xmpExt:AISystemUsed>${'s'.repeat(65000)}</Iptc4xmpExt:AISystemUsed><Iptc4xmpExt:AIPromptInformation><rdf:Bag>${'<rdf:li>a fox</rdf:li>'.repeat(1000)}</rdf:Bag></Iptc4xmpExt:AIPromptInformation>`)]);
bombs['png-itxt-19mb-invalid-utf8.png'] = () => png(8, 8, 8, 2, [chunk('iTXt', Buffer.concat([Buffer.from('Description\0\0\0\0\0'), Buffer.alloc(19000000, 0xff)]))]);
bombs['png-text-18mb-latin1-word.png'] = () => png(8, 8, 8, 2, [chunk('tEXt', Buffer.concat([Buffer.from('Software\0'), Buffer.alloc(18000000, 0xe9)]))]);
bombs['png-text-19mb-keyword.png'] = () => png(8, 8, 8, 2, [chunk('tEXt', Buffer.concat([Buffer.alloc(19000000, 0xe9), Buffer.from('\0x')]))]);
// XML/SVG/XMP: element names and namespace URIs of megabytes (issue 15). quick-xml copies the
// name of each open element, both names into its error when an end tag differs, and every
// namespace declaration in scope: 41 MiB with watermarks off for a 19 MB name left open or a
// 19 MB URI, 114 MiB for a 19 MB name closed by another end tag, 96 MiB for one in an SVG (the
// walker kept its own copy). A tag whose name or declaration is over 1,000 bytes is now not read.
const name19mb = 'n'.repeat(19000000);
const xmpWith = (xml) => png(8, 8, 8, 2, [chunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0'), Buffer.from(xml)]))]);
bombs['png-xmp-19mb-element-name.png'] = () => xmpWith(`${XMP_HEAD}xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:${name19mb}>v`);
bombs['png-xmp-19mb-element-name-end-differs.png'] = () => xmpWith(`${XMP_HEAD}xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:${name19mb}>v</rdf:Description></rdf:RDF></x:xmpmeta>`);
bombs['svg-19mb-namespace-uri.svg'] = () => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:a="${name19mb}"><a:g/></svg>`);
bombs['svg-19mb-element-name.svg'] = () => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><${name19mb}></svg>`);
// Metadata values copied into the report (held-back set 4, sig15b): JSON writes a control
// character as six bytes, and each signal copied its value whole. 1,000 XMP AI prompts of
// 3,000 control characters (2 MiB kept, 12 MB of JSON), 700 remote dcterms:provenance
// references of them (listed and reported: kept twice), 1,000 generator parameters blocks whose
// settings are control characters (a summary each), and 1,000 RIFF AIGC labels of quotes; now
// 64 KiB of JSON a value and 2 MiB in all. And a NovelAI signed_hash on a 16 Mpx image, whose
// RGB (48 MiB) was gathered, and copied where answers are remembered: 106 MiB with watermarks
// on; now hashed row by row.
const ctl = (c, n) => String.fromCharCode(c).repeat(n);
bombs['png-xmp-1000-ai-prompts-ctl.png'] = () => png(8, 8, 8, 2, [xmpItxt(`<Iptc4xmpExt:AIPromptInformation><rdf:Bag>${`<rdf:li>${ctl(0x1f, 3000)}</rdf:li>`.repeat(1000)}</rdf:Bag></Iptc4xmpExt:AIPromptInformation>`)]);
bombs['png-xmp-700-provenance-ctl.png'] = () => png(8, 8, 8, 2, [xmpItxt(`<dcterms:provenance xmlns:dcterms="http://purl.org/dc/terms/"><rdf:Bag>${Array.from({ length: 700 }, (_, i) => `<rdf:li>https://example.com/m/${i}${ctl(0x0e, 3000)}</rdf:li>`).join('')}</rdf:Bag></dcterms:provenance>`)]);
bombs['png-1000-parameters-ctl.png'] = () => png(8, 8, 8, 2, Array.from({ length: 1000 }, (_, i) => chunk('tEXt', Buffer.from(`parameters\0a fox\nSteps: 20, Sampler: ${ctl(2, 3000)}, CFG scale: 7, Seed: ${i}, Model: ${ctl(2, 3000)}, Version: ${ctl(2, 3000)}`, 'latin1'))));
const riffChunk = (id, body) => Buffer.concat([Buffer.from(id), le(body.length, 4), body, Buffer.alloc(body.length & 1)]);
bombs['wav-1000-aigc-quotes.wav'] = () => {
  const body = Buffer.concat([Buffer.from('WAVE'), riffChunk('fmt ', Buffer.alloc(16)), riffChunk('data', Buffer.alloc(8)), ...Array.from({ length: 1000 }, (_, i) => riffChunk('AIGC', Buffer.from(JSON.stringify({ AIGC: { Label: '1', ContentProducer: `p${i}${ctl(3, 500)}`, ContentPropagator: '"'.repeat(4000) } }))))]);
  return Buffer.concat([Buffer.from('RIFF'), le(body.length, 4), body]);
};
bombs['png-novelai-signed-hash-16mpx.png'] = () => {
  const comment = JSON.stringify({ prompt: 'a fox', seed: 7, signed_hash: Buffer.alloc(64, 9).toString('base64') });
  const text = Buffer.from(JSON.stringify({ Comment: comment, Software: 'NovelAI', Source: 'NovelAI Diffusion' }));
  const bits = Buffer.concat([Buffer.from('stealth_pnginfo'), u32(text.length * 8), text]);
  const w = 4096, h = 4096, n = bits.length * 8, rows = [];
  for (let y = 0; y < h; y++) {
    const r = Buffer.alloc(1 + w * 4, 200);
    r[0] = 0;
    for (let x = 0; x < w; x++) {
      const k = x * h + y;
      r[1 + x * 4 + 3] = 254 | (k < n ? (bits[k >> 3] >> (7 - (k & 7))) & 1 : 0);
    }
    rows.push(r);
  }
  return Buffer.concat([SIG, ihdr(w, h, 8, 6), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
};
// GIF: a comment of 9.5 million one-byte sub-blocks (185 MiB before: a slice each), and a
// 16 MB comment in full sub-blocks (copied twice before).
const gifWith = (ext) => Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0, 0, 0]), ext, Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x80, 0, 0, 0, 0xff, 0xff, 0xff, 2, 2, 0x4c, 0x01, 0, 0x3b])]);
bombs['gif-comment-1-byte-sub-blocks.gif'] = () => {
  const n = Math.floor(9.5 * (1 << 20)), b = Buffer.alloc(2 * n + 1);
  for (let i = 0; i < n; i++) { b[2 * i] = 1; b[2 * i + 1] = 0x61; }
  return gifWith(Buffer.concat([Buffer.from([0x21, 0xfe]), b]));
};
bombs['gif-comment-16mb.gif'] = () => {
  const one = Buffer.concat([Buffer.from([255]), Buffer.alloc(255, 0x61)]);
  return gifWith(Buffer.concat([Buffer.from([0x21, 0xfe]), ...Array(Math.floor(15.9 * (1 << 20) / 256)).fill(one), Buffer.from([0])]));
};
// JPEG: a 19 MB manifest store in 300 APP11 segments (copied: 44 MiB before), and 30,000
// stores begun then continued (each continuation searched every store before).
const app11 = (en, z, payload) => jseg(0xeb, Buffer.concat([Buffer.from('JP'), u16(en), u32(z), u32(8 + 300 * 65000), Buffer.from('jumb'), payload]));
const jumd = Buffer.concat([u32(8 + 17 + 5), Buffer.from('jumd'), Buffer.from('6332706100110010800000aa00389b71', 'hex'), Buffer.from([3]), Buffer.from('c2pa\0')]);
bombs['jpeg-app11-19mb-store.jpg'] = () => Buffer.concat([Buffer.from([0xff, 0xd8]), app11(1, 1, Buffer.concat([jumd, Buffer.alloc(64000)])), ...Array.from({ length: 299 }, (_, i) => app11(1, i + 2, Buffer.alloc(65000))), sof8, Buffer.from([0xff, 0xd9])]);
bombs['jpeg-app11-30k-stores.jpg'] = () => Buffer.concat([Buffer.from([0xff, 0xd8]), ...Array.from({ length: 30000 }, (_, en) => app11(en, 1, jumd)), ...Array.from({ length: 30000 }, (_, i) => app11(0, i + 2, Buffer.alloc(1))), sof8, Buffer.from([0xff, 0xd9])]);
// HTML: 14 MB of Base64 in one C2PA script (52 MiB before: a whitespace-free copy and the
// store), 19 MB of visible text (42 MiB), and 20 MB of character references (61 MiB).
bombs['html-c2pa-script-19mb.html'] = () => Buffer.from(`<!doctype html><script type="application/c2pa">${Buffer.alloc(14 << 20, 7).toString('base64')}</script><p>hi`);
bombs['html-text-19mb.html'] = () => Buffer.from(`<!doctype html><p>${'hello world. '.repeat(Math.floor((19 << 20) / 13))}`);
bombs['html-references-19mb.html'] = () => Buffer.from(`<!doctype html><p>${'&amp;&#x200b;&zwnj;'.repeat(Math.floor((19 << 20) / 19))}`);
// Text that changes script at every character (1.0 s of CPU before: the standard library's
// letter table was searched for each character).
bombs['text-mixed-scripts-10mb.txt'] = () => Buffer.from('Aи中ع한ไ1 '.repeat(Math.floor((10 << 20) / 20)), 'utf8');
// Text and HTML, hostile set heldback3 (text15h): C2PA text wrappers and sentences dense in AI
// terms. 560,000 bare wrapper magics (over 20 s before: each non-ASCII character searched every
// wrapper, each wrapper counted offsets from the start); 4,000 in UTF-16 (each re-encoded its
// prefix); 19 MB of "AI " (4.5 s: every 2 KB piece analysed, in the square of its terms) and
// 19 MB of Han AI terms. The same "AI " in one 18 MB alt text (10 s) and 1,400 meta contents
// of 13 KB each (5.6 s; and 40-46 MiB with watermarks off, every kept attribute value a
// decoded copy: now at most 64 KiB a value and 2 MiB in all).
const magic = '\ufeff' + [...'C2PATXT\0'].map((c) => String.fromCodePoint(c.charCodeAt(0) < 16 ? 0xfe00 + c.charCodeAt(0) : 0xe0100 + c.charCodeAt(0) - 16)).join('');
bombs['text-c2pa-wrapper-magic-560k.txt'] = () => Buffer.from(('x' + magic).repeat(560000), 'utf8');
bombs['text-c2pa-wrappers-utf16-4k.txt'] = () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from((('é'.repeat(1000)) + magic).repeat(4000), 'utf16le')]);
bombs['text-ai-words-19mb.txt'] = () => Buffer.from('AI '.repeat(Math.floor((19 << 20) / 3)));
bombs['html-alt-ai-words-18mb.html'] = () => Buffer.from(`<html><body><img alt="${'AI '.repeat(6 << 20)}"></body></html>`);
bombs['html-1400-meta-ai-13kb.html'] = () => Buffer.from(`<html><head>${`<meta name="description" content="${'AI generated '.repeat(1000)}">`.repeat(1400)}</head></html>`);
bombs['text-han-ai-19mb.txt'] = () => Buffer.from('人工智能生成'.repeat(Math.floor((19 << 20) / 18)), 'utf8');
// Text folding, fourth crafted set (norm15): U+FDFA folds to 18 characters (NFKC), so 6.3
// million of them after "AI" in sentences (19 MB) fold to 114 million: 0.88 s of CPU when every
// one was folded again, 0.70 s now that a run of one character folds once. The bomb is 12 MB,
// so that a slower machine's wall clock keeps it within the bound (0.35 s of CPU here).
bombs['text-fdfa-ai-12mb.txt'] = () => Buffer.from(('AI ' + '\ufdfa'.repeat(1000) + '. ').repeat(Math.floor((12 << 20) / 3005)), 'utf8');
// PDF: 99,999 small objects and a catalog (100,000 objects, the max_blocks limit): 73 MiB with
// watermarks off (8.9 MB) when every object's parsed dictionary was kept. In the second, the
// catalog's /AF lists 100,000 references to them (47 MiB; 10 s before references were found by
// binary search).
const pdfObjects = (body, af) => {
  const n = 100000, parts = [Buffer.from('%PDF-1.7\n')];
  for (let i = 1; i < n; i++) parts.push(Buffer.from(`${i} 0 obj\n${body(i)}\nendobj\n`));
  const refs = af ? `/AF [${Array.from({ length: n }, (_, i) => `${i + 1} 0 R`).join(' ')}]` : '';
  parts.push(Buffer.from(`${n} 0 obj\n<< /Type /Catalog ${refs} >>\nendobj\ntrailer\n<< /Root ${n} 0 R >>\n%%EOF\n`));
  return Buffer.concat(parts);
};
bombs['pdf-100k-objects.pdf'] = () => pdfObjects((i) => `<< /Type /Annot /Subtype /Link /Rect [0 0 ${i} 9] /Border [0 0 0] >>`, false);
bombs['pdf-catalog-100k-references.pdf'] = () => pdfObjects(() => '<< /Type /Filespec /AFRelationship /Data >>', true);
// A 20 MB catalog whose /AF lists itself 3.3 million times (124 MiB when the array was built;
// each reference parses the catalog again, so following stops once the input was read again),
// and a 10 MB /AF of 5 million empty arrays (150 MiB).
const pdfCatalog = (af) => Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog /AF [${af}] >>\nendobj\n%%EOF\n`);
bombs['pdf-af-3m-self-references.pdf'] = () => pdfCatalog('1 0 R '.repeat(3300000));
bombs['pdf-af-5m-empty-arrays.pdf'] = () => pdfCatalog('[]'.repeat(5000000));
// Object streams: 99,999 small objects in one (476 KB; 53 MiB when each value was kept), and
// ten holding a 4 MiB array of references each, padded to 10 MB (220 MiB).
bombs['pdf-objstm-100k-objects.pdf'] = () => {
  const body = '<</Type/X/AF[1 0 R]>>';
  const header = Array.from({ length: 99999 }, (_, i) => `${i + 2} ${i * (body.length + 1)}`).join(' ');
  const z = deflateSync(Buffer.from(`${header} ${Array(99999).fill(body).join(' ')}`), { level: 9 });
  return Buffer.concat([Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 99999 /First ${header.length + 1} /Filter /FlateDecode /Length ${z.length} >>\nstream\n`), z, Buffer.from('\nendstream\nendobj\n%%EOF\n')]);
};
bombs['pdf-objstm-10-arrays-4mib.pdf'] = () => {
  const z = deflateSync(Buffer.from(`2 0 [${'1 0 R '.repeat(Math.floor(((4 << 20) - 100) / 6))}]`), { level: 9 });
  const stream = (n) => Buffer.concat([Buffer.from(`${n} 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${z.length} >>\nstream\n`), z, Buffer.from('\nendstream\nendobj\n')]);
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), ...Array.from({ length: 10 }, (_, i) => stream(i + 10)), Buffer.from(`%${'p'.repeat(10 << 20)}\n%%EOF\n`)]);
};

// PDF streams with no `endstream` after them (third crafted set): each searched the rest of
// the file for one, quadratic time (500,000 streams in 18 MB: over 20 s; 20,000 streams before
// 10 MB of content: over 20 s). The search now stops at the file's last `endstream`.
bombs['pdf-500k-streams-no-endstream.pdf'] = () => Buffer.from('%PDF-1.7\n' + '1 0 obj\n<</Length 999999999>>stream\n'.repeat(500000) + '%%EOF\n');
bombs['pdf-20k-streams-no-length-no-endstream.pdf'] = () => Buffer.from('%PDF-1.7\n' + '1 0 obj\n<<>>stream\n'.repeat(20000) + 'x'.repeat(10000000) + '%%EOF\n');
// The same with one `endstream` at the very end: the first stream runs to it.
bombs['pdf-20k-streams-one-endstream-at-end.pdf'] = () => Buffer.from('%PDF-1.7\n' + '1 0 obj\n<<>>stream\n'.repeat(20000) + 'x'.repeat(10000000) + '\nendstream\nendobj\n%%EOF\n');

// PNG pixel path (third crafted set): 8,388,608x2 16-bit RGBA is within max_pixels but its
// decoder rows held 167 MiB (now refused from IHDR: two raw rows and two output rows over the
// decode budget); 1x16,777,216 16-bit RGBA took 1.1 s of per-row work (now a row counts as at
// least 64 pixels); an iCCP profile inflating to 63 MiB cost 68 MiB (now skipped).
bombs['png-8388608x2-rgba16.png'] = () => png(8388608, 2, 16, 6);
bombs['png-1x16777216-rgba16.png'] = () => png(1, 16777216, 16, 6);
bombs['png-iccp-63mib.png'] = () =>
  png(8, 8, 8, 2, [chunk('iCCP', Buffer.concat([Buffer.from('icc\0\0', 'latin1'), deflateSync(Buffer.alloc(63 << 20), { level: 9 })]))]);

for (const [name, make] of Object.entries(bombs)) {
  const b = make();
  writeFileSync(join(out, name), b);
  console.log(`${name}\t${b.length}`);
}
