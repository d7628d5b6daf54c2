// The renderer (www/js/render.js) on a full report built here to the report schema (src/report.rs,
// src/c2pa/report.rs): every part of the C2PA panel shows, and hostile manifest strings stay
// inert text. This runs now, before the C2PA verifier lands; page.test.mjs covers real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOSTILE, fixtures } from './fixtures.mjs';
import { openPage, screenshot, pageSession } from './harness.mjs';

const env = pageSession();

const thumb = { media_type: 'image/png', data_base64: fixtures.plainPng().toString('base64') };
const chain = [
  { subject: `CN=${HOSTILE}, O=Evil Corp`, issuer: 'CN=Test Intermediate CA', not_before: '2024-01-01T00:00:00Z', not_after: '2027-01-01T00:00:00Z', sha256: 'ab'.repeat(32) },
  { subject: 'CN=Test Intermediate CA', issuer: 'CN=Test Root CA', not_before: '2023-01-01T00:00:00Z', not_after: '2030-01-01T00:00:00Z', sha256: 'cd'.repeat(32) },
];
const report = {
  input: { format: 'jpeg', size: 123456, sha256: 'ef'.repeat(32) },
  verdict: 'ai-signed',
  summary: 'Content Credentials declare that AI was used, and the signature and file hash check out, but the signer is not on the trust lists in use.',
  ai: { kind: 'generated', tools: [`Painter ${HOSTILE}`] },
  conflicts: [],
  signals: [{
    family: 'c2pa', strength: 'signed', ai: 'generated', value: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
    source_type: { term: 'trainedAlgorithmicMedia', name: 'Trained algorithmic media', class: 'generated' },
    tool: `Painter ${HOSTILE}`, location: { container: 'jpeg', block: 'APP11 JUMBF', offset: 2, path: 'urn:c2pa:active/c2pa.actions' },
    explanation: 'A signed C2PA action declares the content was created with generative AI.',
  }],
  remote_manifests: [],
  c2pa: {
    state: 'Valid',
    active_manifest: 'urn:c2pa:active',
    manifests: [
      {
        label: 'urn:c2pa:parent', claim_version: 1, claim_generator: 'Camera App 1.0', title: 'original.jpg',
        signer: { common_name: 'Camera Signer', issuer: 'Test Root CA', alg: 'ES256', time: '2024-05-01T10:00:00Z', timestamped: false, chain: [] },
        // A source type the core does not know: no `source_type`, so the raw URI shows.
        actions: [{ action: 'c2pa.created', digital_source_type: 'http://example.com/sourcetype/madeUpCapture' }],
        ingredients: [], thumbnail: thumb,
      },
      {
        label: 'urn:c2pa:active', claim_version: 2, claim_generator: `Painter ${HOSTILE}`, title: `${HOSTILE}.jpg`,
        signer: { common_name: `Signer ${HOSTILE}`, organization: 'Evil Corp', issuer: 'Test Intermediate CA', alg: 'ES256', time: '2024-06-01T12:00:00Z', timestamped: true, chain },
        actions: [
          {
            action: 'c2pa.created', digital_source_type: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia', software_agent: `Painter ${HOSTILE}`,
            source_type: { term: 'trainedAlgorithmicMedia', name: 'Trained algorithmic media', class: 'generated' },
          },
          {
            action: 'c2pa.placed', digital_source_type: 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture',
            source_type: { term: 'digitalCapture', name: 'Original digital capture', class: 'captured' },
          },
          {
            action: 'c2pa.edited', digital_source_type: 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia',
            source_type: { term: 'compositeWithTrainedAlgorithmicMedia', name: `Composite with ${HOSTILE}`, class: 'partly-generated' },
          },
        ],
        ingredients: [
          { title: 'original.jpg', relationship: 'parentOf', manifest: 'urn:c2pa:parent', format: 'image/jpeg' },
          { title: `${HOSTILE}.png`, relationship: 'componentOf', format: 'image/png' },
          { title: 'loop.jpg', relationship: 'inputTo', manifest: 'urn:c2pa:active' },
        ],
        ai: 'generated',
        thumbnail: thumb,
      },
    ],
    validation: {
      success: [{ code: 'claimSignature.validated', explanation: 'The claim signature is valid.', manifest: 'urn:c2pa:active' }],
      informational: [{ code: 'signingCredential.ocsp.skipped', explanation: 'Revocation was not checked.' }],
      failure: [{ code: 'signingCredential.untrusted', explanation: `The signer is not on a trust list in use. ${HOSTILE}`, url: 'self#jumbf=c2pa.signature' }],
    },
    ai: 'generated',
    ai_tool: `Painter ${HOSTILE}`,
  },
  errors: [{ kind: 'warning', message: `odd XMP ${HOSTILE}`, fatal: false }],
};

test('the C2PA panel shows signer, time, made with, AI tool, actions, ingredients, chain and codes; hostile strings stay text', async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.evaluate(async (r) => {
    const { renderReport } = await import('/js/render.js');
    renderReport(r, document.getElementById('result'), { fileName: 'synthetic.jpg' });
    document.querySelectorAll('#result details').forEach((d) => { d.open = true; });
  }, report);
  const card = page.locator('#result [data-verdict]');
  assert.equal(await card.getAttribute('data-verdict'), 'ai-signed');
  assert.match(await card.textContent(), /AI-made: signed, signer not trusted/);
  const c2pa = await page.textContent('#result .c2pa');
  for (const want of [
    /Valid — the signature and hashes check out, but the signer is not on a trust list in use/,
    /Signed by\s*Signer <img src=x onerror=/,
    /Signed at\s*2024-06-01T12:00:00Z timestamped by a time-stamp authority/,
    /Made with\s*Painter <img/,
    /AI tool: Painter <img/,
    // Source types: the report's name and class (the core classifies; the page only words it).
    /c2pa\.created by Painter .* — source: Trained algorithmic media \(made with generative AI\)/,
    /c2pa\.placed — source: Original digital capture \(captured from the real world\)/,
    /c2pa\.edited — source: Composite with <img src=x onerror=.* \(partly made or edited with generative AI\)/,
    /c2pa\.created — source: http:\/\/example\.com\/sourcetype\/madeUpCapture/,
    /original\.jpg \(parentOf\)/,
    /Camera App 1\.0/, // the ingredient's own manifest, nested
    /not timestamped/,
    /— no Content Credentials/,
    /Certificate chain \(2\)/,
    /Subject: CN=<img src=x onerror=.*O=Evil Corp/,
    /signingCredential\.untrusted — The signer is not on a trust list in use\. <img/,
    /signingCredential\.ocsp\.skipped — Revocation was not checked\./,
    /claimSignature\.validated — The claim signature is valid\./,
  ]) assert.match(c2pa, want);
  // The self-referencing ingredient is not expanded forever.
  assert.equal(await page.locator('#result .manifest').count(), 2);
  // Manifest thumbnails: one per manifest, as data: images.
  assert.equal(await page.locator('#result img.manifest-thumb').count(), 2);
  // Inert: no element came from the strings, no script ran.
  assert.equal(await page.locator('#result script, #result img[src="x"]').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.match(await page.textContent('#result .evidence'), /A signed C2PA action declares/);
  assert.match(await page.textContent('#result .evidence .source-type'), /^Source type: Trained algorithmic media \(made with generative AI\)$/);
  assert.deepEqual(await page.locator('#result [data-source-class]').evaluateAll((n) => n.map((e) => e.dataset.sourceClass)),
    ['generated', 'generated', 'captured', 'partly-generated']);
  await screenshot(page, 'render-c2pa-panel');
  assert.deepEqual(errors, []);
  await context.close();
});

test('every verdict has its own title, icon and colour; the code is always in words too', async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  const seen = await page.evaluate(async (base) => {
    const { renderVerdictCard } = await import('/js/render.js');
    const out = [];
    for (const verdict of ['ai-verified', 'ai-signed', 'invalid', 'ai-watermark', 'ai-declared', 'provenance', 'no-label', 'error']) {
      const card = renderVerdictCard({ ...base, verdict, summary: '' });
      document.getElementById('result').append(card);
      out.push({
        verdict: card.getAttribute('data-verdict'),
        title: card.querySelector('h2').textContent,
        code: card.querySelector('.verdict-code').textContent,
        icon: [...card.querySelectorAll('svg path')].map((p) => p.getAttribute('d')).join(' '),
        colour: getComputedStyle(card).borderLeftColor,
      });
    }
    return out;
  }, { input: { format: 'png', size: 1, sha256: '00' }, ai: { kind: null, tools: [] } });
  await screenshot(page, 'all-verdict-cards');
  assert.deepEqual(seen.map((s) => s.verdict), ['ai-verified', 'ai-signed', 'invalid', 'ai-watermark', 'ai-declared', 'provenance', 'no-label', 'error']);
  for (const s of seen) assert.equal(s.code, s.verdict);
  for (const key of ['title', 'icon', 'colour']) {
    assert.equal(new Set(seen.map((s) => s[key])).size, 8, `each verdict has its own ${key}`);
  }
  await context.close();
});

test('a thumbnail the report holds once shows for every manifest that names it; one left out is said, not shown', async () => {
  // As src/c2pa/summary.rs reports them: the parent holds the bytes, the active manifest's claim
  // names the same thumbnail (`thumbnail_same_as`), and a third one's was past the report's
  // 2 MiB of thumbnails (`thumbnail_left_out`, its size).
  const [parent, active] = report.c2pa.manifests;
  const big = {
    ...parent, label: 'urn:c2pa:big', title: 'big.jpg', thumbnail: undefined, thumbnail_left_out: 3 * 1024 * 1024,
  };
  const shared = {
    ...report,
    c2pa: {
      ...report.c2pa,
      manifests: [
        parent,
        big,
        {
          ...active, thumbnail: undefined, thumbnail_same_as: 'urn:c2pa:parent',
          ingredients: [...active.ingredients, { title: 'big.jpg', relationship: 'componentOf', manifest: 'urn:c2pa:big' }],
        },
      ],
    },
  };
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  const srcs = await page.evaluate(async (r) => {
    const { renderReport } = await import('/js/render.js');
    renderReport(r, document.getElementById('result'), { fileName: 'synthetic.jpg' });
    document.querySelectorAll('#result details').forEach((d) => { d.open = true; });
    return [...document.querySelectorAll('#result .manifest')].map((m) => m.querySelector(':scope > .manifest-head img.manifest-thumb')?.src ?? null);
  }, shared);
  const want = `data:image/png;base64,${thumb.data_base64}`;
  // The active manifest (first), then its ingredients' manifests in order: the parent, the big one.
  assert.deepEqual(srcs, [want, want, null]);
  assert.match(await page.textContent('#result .c2pa'), /Thumbnail\s*3\.0 MB, left out of this report/);
  assert.deepEqual(errors, []);
  await context.close();
});
