// Builds the e2e fixtures from their definitions (PNG chunks written here, byte by byte), and
// finds the corpus files used for the C2PA verdicts. Expectations come from how a fixture was
// built or from the corpus reference results (VALIDATION.json), never from our own output.
import { deflateSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// ---- PNG (ISO 15948): signature, chunks with CRC-32 over type+data ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A 16×16 RGB PNG (a soft gradient) with extra chunks before IDAT. */
export function png(extra = []) {
  const w = 16, h = 16;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const raw = Buffer.alloc(h * (1 + w * 3));
  for (let y = 0; y < h; y++) {
    raw[y * (1 + w * 3)] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const o = y * (1 + w * 3) + 1 + x * 3;
      raw[o] = 40 + x * 10; raw[o + 1] = 90 + y * 8; raw[o + 2] = 200;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), ...extra, chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
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

// ---- The corpus (read in place) ----
export function corpusDir() {
  const candidates = [process.env.AILABEL_CORPUS, join(ROOT, '../shared/corpus'), join(ROOT, '../../shared/corpus')].filter(Boolean);
  const found = candidates.find((c) => existsSync(join(c, 'VALIDATION.json')));
  if (!found && process.env.AILABEL_ALLOW_NO_CORPUS !== '1') {
    throw new Error(`corpus not found (tried ${candidates.join(', ')}); set AILABEL_CORPUS or AILABEL_ALLOW_NO_CORPUS=1`);
  }
  return found ?? null;
}

/** The reference result of a corpus file under a trust profile (PROFILES.md). */
export function reference(corpus, file, profile) {
  const all = JSON.parse(readFileSync(join(corpus, 'VALIDATION.json'), 'utf8'));
  const entry = all.find((e) => e.file === file);
  if (!entry) throw new Error(`${file} is not in VALIDATION.json`);
  return { ...entry, state: entry[profile]?.state };
}

/** The verification time the corpus results were computed at (PROFILES.md, "Time matters"). */
export const CORPUS_TIME = '2026-11-28T12:00';
