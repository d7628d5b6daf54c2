// Fixtures and helpers of the newsroom tests (batch triage, provenance picture, HTML report).
// Expected verdicts come from how a fixture was built (fixtures.mjs) or from the reference
// results (tests/fixtures/reference.json, profile `none`: the page with no trust list), never
// from our own output.
import { readFileSync } from 'node:fs';
import { fixturePath, fixtures, reference } from './fixtures.mjs';

/** The bytes of a real file under tests/fixtures (fixtures.mjs finds it). */
export function fixtureBytes(rel) {
  return readFileSync(fixturePath(rel));
}

/** The reference entry of a real file under a trust profile (tests/fixtures/reference.json). */
export function referenceOf(rel, profile = 'none') {
  return reference(rel, profile);
}

/** Digital source types that declare generative AI (IPTC NewsCodes digitalsourcetype). */
const AI_SOURCE_TYPES = new Set(['trainedAlgorithmicMedia', 'compositeWithTrainedAlgorithmicMedia']);

/**
 * The verdict the reference result implies with no trust list: Invalid → invalid; Valid with a
 * generative-AI source type → ai-signed; Valid without one → provenance (for files that carry
 * no other AI label: the Adobe and c2pa-rs test images chosen below).
 */
export function expectedFromReference(rel) {
  const r = referenceOf(rel);
  if (r.state === 'Invalid') return 'invalid';
  if (r.state === 'Valid') return (r.dst ?? []).some((d) => AI_SOURCE_TYPES.has(d)) ? 'ai-signed' : 'provenance';
  throw new Error(`${rel}: no verdict follows from reference state ${r.state}`);
}

const REAL_FILES = [
  'c2pa/chains/adobe-20220124-C.jpg',
  'c2pa/chains/adobe-20220124-CA.jpg',
  'c2pa/chains/adobe-20220124-CACA.jpg',
  'c2pa/chains/adobe-20220124-CAICAI.jpg',
  'c2pa/chains/CA.jpg',
  'c2pa/tampered/adobe-20220124-XCA.jpg',
  'c2pa/tampered/adobe-20220124-XCI.jpg',
  'c2pa/tampered/adobe-20220124-E-dat-CA.jpg',
  'c2pa/tampered/adobe-20220124-E-sig-CA.jpg',
  'c2pa/tampered/adobe-20220124-E-uri-CA.jpg',
  'c2pa/tampered/cards_invalid.jpg',
  'c2pa/certificates/ocsp.jpg',
];

/** Twenty files of mixed verdicts: `{name, mimeType, buffer, expected}`. */
export function twentyFiles() {
  const built = [
    // Built here (fixtures.mjs); the verdict follows from what was written into them.
    { name: 'plain.png', mimeType: 'image/png', buffer: fixtures.plainPng(), expected: 'no-label' },
    { name: 'iptc-ai.png', mimeType: 'image/png', buffer: fixtures.iptcPng(), expected: 'ai-declared' },
    { name: 'a1111.png', mimeType: 'image/png', buffer: fixtures.a1111Png(), expected: 'ai-declared' },
    { name: 'hostile.png', mimeType: 'image/png', buffer: fixtures.hostilePng(), expected: 'ai-declared' },
    { name: 'junk.bin', mimeType: 'application/octet-stream', buffer: fixtures.junk(), expected: 'error' },
    { name: 'sdxl-watermark.png', mimeType: 'image/png', buffer: fixtures.sdxlWatermarkPng(), expected: 'ai-watermark' },
    { name: 'unmarked.png', mimeType: 'image/png', buffer: fixtures.unmarkedTwinPng(), expected: 'no-label' },
    { name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('An ordinary note about lunch.'), expected: 'no-label' },
  ];
  const real = REAL_FILES.map((rel) => ({
    name: rel.split('/').pop(),
    rel,
    mimeType: 'image/jpeg',
    buffer: fixtureBytes(rel),
    expected: expectedFromReference(rel),
  }));
  const all = [...built, ...real];
  if (all.length !== 20) throw new Error(`expected 20 files, built ${all.length}`);
  return all;
}

/** Drop `files` on the page's drop zone, as a drag and drop from the desktop does. */
export async function dropFiles(page, files) {
  await page.evaluate(async (list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.mimeType }));
    }
    document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files.map((f) => ({ name: f.name, mimeType: f.mimeType, b64: f.buffer.toString('base64') })));
}

/** Wait until every row of the batch table is checked (done or failed); return the rows. */
export async function batchRows(page, count, timeout = 180_000) {
  await page.waitForFunction((n) => document.querySelectorAll('#batch-table tbody tr[data-status="done"], #batch-table tbody tr[data-status="failed"]').length === n, count, { timeout });
  return page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => ({
    name: tr.querySelector('button.row-open').textContent,
    verdict: tr.dataset.verdict,
    hidden: tr.hidden,
    cells: [...tr.cells].map((c) => c.textContent),
  })));
}
