// The provenance picture on the page and the HTML report a fact-checker files: a three-level
// ingredient chain, a failing ingredient, the SVG's accessibility, the report as HTML5 (parse5
// reports every parse error the HTML standard defines), no scripts, no external references,
// hostile metadata escaped, and the report printed to PDF by Chromium and read back with
// pdftotext. Downloads and the PDF are kept in test-results/ (git-ignored).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import { CORPUS_TIME, HOSTILE, ROOT, fixtures } from './fixtures.mjs';
import { RESULTS, checkFile, officialLists, openPage, pageSession } from './harness.mjs';
import { batchRows, fixtureBytes, referenceOf } from './newsroom.mjs';

const env = pageSession();
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const CAICAI = 'c2pa/chains/adobe-20220124-CAICAI.jpg';
const FAILING = 'c2pa/tampered/adobe-20220124-E-uri-CIE-sig-CA.jpg';
/** CORPUS_TIME as the page's datetime-local input reads it (local time), in UTC. */
const AS_OF = new Date(CORPUS_TIME).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function open(lists = null) {
  const session = await openPage(env.browser, env.server.url, { lists });
  await session.page.fill('#verify-date', CORPUS_TIME);
  await session.page.dispatchEvent('#verify-date', 'change');
  return session;
}

/** Click a download button and return the downloaded text (also saved in test-results/). */
async function downloadText(page, selector, saveAs) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, saveAs);
  await download.saveAs(path);
  return { name: download.suggestedFilename(), html: readFileSync(path, 'utf8'), path };
}

/** Parse as HTML5 and return the parse errors and every element. */
function parseHtml(html) {
  const errors = [];
  const doc = parse(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  const elements = [];
  const walk = (n) => {
    if (n.tagName) elements.push(n);
    for (const c of n.childNodes ?? []) walk(c);
    if (n.content) walk(n.content);
  };
  walk(doc);
  return { doc, errors, elements };
}

/** The HTML report's own contract: HTML5 without parse errors, no scripts, no external references. */
function assertSelfContained(html) {
  const { doc, errors, elements } = parseHtml(html);
  assert.deepEqual(errors, [], 'parses as HTML5 without errors');
  assert.equal(doc.childNodes[0].nodeName, '#documentType');
  const names = new Set(elements.map((e) => e.tagName));
  for (const banned of ['script', 'iframe', 'object', 'embed', 'link', 'base', 'form']) assert.ok(!names.has(banned), `no <${banned}>`);
  for (const e of elements) {
    for (const a of e.attrs) {
      assert.ok(!/^on/i.test(a.name), `no event handler attribute (${e.tagName} ${a.name})`);
      if (['src', 'href', 'xlink:href', 'srcset', 'action', 'poster'].includes(a.name)) {
        assert.match(a.value, /^(data:image\/(jpeg|png|webp|gif|avif);base64,|#)/, `no external reference: <${e.tagName} ${a.name}="${a.value.slice(0, 40)}">`);
      }
      if (a.name === 'style') assert.doesNotMatch(a.value, /url\(/i);
    }
  }
  const css = elements.filter((e) => e.tagName === 'style').map((e) => e.childNodes.map((c) => c.value).join('')).join('');
  assert.doesNotMatch(css, /url\(|@import/i, 'the stylesheet loads nothing');
  assert.match(css, /@media print/, 'a print stylesheet');
  return { elements };
}

describe('the provenance picture', () => {
  test('a three-level ingredient chain (CAICAI): nodes, relationships, accessible names and descriptions', async () => {
    // The public test files are named after their structure: C a claim, A a parent asset, I an
    // ingredient. CAICAI.jpg = a claim over A with the component CAI.jpg, itself a claim over A
    // with the component I.jpg: three levels.
    assert.equal(referenceOf(CAICAI).n_manifests, 2);
    const { page, context, errors } = await open();
    assert.equal(await checkFile(page, 'adobe-20220124-CAICAI.jpg', fixtureBytes(CAICAI), 'image/jpeg'), 'provenance');
    await page.waitForSelector('#result .picture svg');
    const svg = page.locator('#result .picture svg');
    // Every node and edge is an image with a name; the picture is a group with one too.
    const name = async (n) => page.getByRole('img', { name: n, exact: true }).count();
    assert.equal(await name('CAICAI.jpg (this file)'), 1);
    assert.equal(await name('CAI.jpg (ingredient with Content Credentials)'), 1);
    assert.equal(await name('I.jpg (ingredient)'), 1);
    assert.equal(await name('A.jpg (ingredient)'), 2);
    assert.equal(await name('CAI.jpg is componentOf CAICAI.jpg'), 1);
    assert.equal(await name('I.jpg is componentOf CAI.jpg'), 1);
    assert.equal(await name('A.jpg is parentOf CAI.jpg'), 1);
    assert.equal(await name('A.jpg is parentOf CAICAI.jpg'), 1);
    // Accessibility check: each node has a <title> naming it and a <desc> describing it, wired
    // with aria-labelledby / aria-describedby, non-empty.
    const nodes = await svg.locator('g.node').evaluateAll((gs) => gs.map((g) => {
      const by = (attr) => (g.getAttribute(attr) ?? '').split(' ').map((id) => document.getElementById(id)).filter(Boolean);
      return {
        role: g.getAttribute('role'),
        title: by('aria-labelledby').map((e) => e.localName === 'title' && e.parentNode === g && e.textContent).join(''),
        desc: by('aria-describedby').map((e) => e.localName === 'desc' && e.parentNode === g && e.textContent).join(''),
      };
    }));
    assert.equal(nodes.length, 5);
    for (const n of nodes) {
      assert.equal(n.role, 'img');
      assert.ok(n.title && n.desc, `title and desc: ${JSON.stringify(n)}`);
    }
    assert.match(nodes.find((n) => /CAI\.jpg \(ingredient/.test(n.title)).desc, /Signed by C2PA Test Signing Cert/);
    const snapshot = await page.locator('#result .picture').ariaSnapshot();
    assert.match(snapshot, /group "Provenance of this file/);
    // Three rows: the file, its ingredients, theirs.
    const rows = new Set(await svg.locator('g.node > rect:first-of-type').evaluateAll((rs) => rs.map((r) => r.getAttribute('y'))));
    assert.equal(rows.size, 3);
    // The compare view: the ingredient's thumbnail beside the file.
    assert.ok(await page.locator('#result .compare figure').count() >= 2);
    await page.locator('#result .picture').screenshot({ path: join(RESULTS, 'provenance-caicai.png') });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a failing ingredient is marked with its status code', async () => {
    const ref = referenceOf(FAILING).none;
    assert.ok(ref.ingredient_fail.includes('assertion.hashedURI.mismatch'), 'the reference reports the ingredient failure');
    const { page, context, errors } = await open();
    assert.equal(await checkFile(page, 'E-uri-CIE-sig-CA.jpg', fixtureBytes(FAILING), 'image/jpeg'), 'invalid');
    await page.waitForSelector('#result .picture svg');
    const failing = await page.locator('#result .picture g.node[data-failing="true"]').evaluateAll((gs) => gs.map((g) => ({
      title: g.querySelector('title').textContent, desc: g.querySelector('desc').textContent, code: g.querySelector('.status-code')?.textContent,
    })));
    assert.equal(failing.length, 1);
    assert.doesNotMatch(failing[0].title, /this file/, 'the ingredient fails, not the file itself');
    assert.match(failing[0].code, /assertion\.hashedURI\.mismatch/);
    assert.match(failing[0].desc, /Failed checks: assertion\.hashedURI\.mismatch/);
    await page.locator('#result .picture').screenshot({ path: join(RESULTS, 'provenance-failing-ingredient.png') });
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the HTML report', () => {
  test('CAICAI with the official lists: self-contained HTML5 with every part, and a PDF that reads well', async () => {
    const lists = officialLists();
    const { page, context, errors } = await open(lists);
    await page.waitForSelector('#official-status:has-text("Last fetched")');
    const bytes = fixtureBytes(CAICAI);
    await checkFile(page, 'adobe-20220124-CAICAI.jpg', bytes, 'image/jpeg');
    const { name, html } = await downloadText(page, '#download-html', 'report-caicai.html');
    assert.equal(name, 'adobe-20220124-CAICAI.jpg.ailabel.html');
    const { elements } = assertSelfContained(html);
    // The verdict, its meaning and what it does not prove.
    assert.match(html, /data-verdict="provenance"/);
    assert.match(html, /Content Credentials, no AI declared/);
    assert.match(html, /What it does not prove:<\/strong> That no AI was involved/);
    // The file, the picture, the chain, the codes.
    assert.ok(html.includes(sha256(bytes)), "the file's SHA-256");
    assert.ok(html.includes(`${bytes.length} bytes`));
    assert.equal(elements.filter((e) => e.tagName === 'svg').length, 1);
    assert.ok(elements.filter((e) => e.tagName === 'desc').length >= 6);
    assert.match(html, /SHA-256 fingerprint/);
    assert.match(html, /C2PA Test Root CA/);
    assert.match(html, /signingCredential\.untrusted/);
    // How it was checked: as of when, the lists with their hashes and fetch dates, the checker.
    assert.ok(html.includes(AS_OF), 'the verification time');
    assert.ok(html.includes(sha256(lists.trust)), 'the trust list SHA-256');
    assert.ok(html.includes(sha256(lists.tsa)), 'the TSA list SHA-256');
    assert.match(html, /fetched \d{4}-\d\d-\d\dT/);
    assert.ok(html.includes(sha256(readFileSync(join(ROOT, 'www/pkg/ailabel_bg.wasm')))), "the checker wasm's SHA-256");
    assert.match(html, /Checked at \(UTC\)<\/dt><dd>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);

    // Opened with the network cut off: nothing is requested, nothing runs.
    const offline = await env.browser.newContext({ javaScriptEnabled: true, offline: true });
    const reader = await offline.newPage();
    const requests = [];
    reader.on('request', (r) => { if (!r.url().startsWith('data:')) requests.push(r.url()); });
    await reader.setContent(html, { waitUntil: 'load' });
    assert.deepEqual(requests, []);
    assert.equal(await reader.locator('.picture svg g.node').count(), 5);
    // Printed to PDF by Chromium, read back by pdftotext.
    const pdf = join(RESULTS, 'report-caicai.pdf');
    await reader.pdf({ path: pdf, format: 'A4', printBackground: true });
    // Line breaks in a PDF are layout: compare with whitespace runs as single spaces.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['Content Credentials, no AI declared', 'What it does not prove', 'How this was checked',
      'Provenance picture', 'Certificate chain', 'Validation codes', 'signingCredential.untrusted', 'C2PA Test Signing Cert',
      'Official C2PA trust list', sha256(bytes).slice(0, 16)]) {
      assert.ok(text.includes(expected), `the PDF says "${expected}"`);
    }
    await offline.close();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('hostile metadata comes out escaped', async () => {
    const { page, context, errors } = await open();
    assert.equal(await checkFile(page, 'hostile.png', fixtures.hostilePng(), 'image/png'), 'ai-declared');
    const { html } = await downloadText(page, '#download-html', 'report-hostile.html');
    const { elements } = assertSelfContained(html);
    // The hostile markup is text: the only images are the thumbnail data URIs.
    assert.ok(elements.filter((e) => e.tagName === 'img').every((e) => e.attrs.find((a) => a.name === 'src').value.startsWith('data:image/')));
    assert.ok(html.includes('&lt;img src=x onerror=&quot;window.__pwned=&#39;img&#39;&quot;&gt;'));
    const reader = await context.newPage();
    await reader.setContent(html, { waitUntil: 'load' });
    assert.ok((await reader.textContent('body')).includes(HOSTILE), 'shown as text, verbatim');
    assert.equal(await reader.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a batch report: the summary table first, then one section per file', async () => {
    const { page, context, errors } = await open();
    const files = [
      { name: 'plain.png', mimeType: 'image/png', buffer: fixtures.plainPng() },
      { name: 'iptc.png', mimeType: 'image/png', buffer: fixtures.iptcPng() },
      { name: 'CAICAI.jpg', mimeType: 'image/jpeg', buffer: fixtureBytes(CAICAI) },
    ];
    await page.setInputFiles('#file-input', files);
    await batchRows(page, 3, 60_000);
    await page.waitForSelector('#batch-report:not([disabled])');
    const { html } = await downloadText(page, '#batch-report', 'report-batch.html');
    const { elements } = assertSelfContained(html);
    const summary = html.indexOf('id="summary-h"');
    assert.ok(summary > 0 && summary < html.indexOf('id="file-1"'));
    const summaryRows = elements.filter((e) => e.tagName === 'tr' && e.parentNode?.tagName === 'tbody' && e.parentNode?.parentNode?.parentNode?.attrs?.some((a) => a.value === 'summary'));
    assert.equal(summaryRows.length, 3);
    assert.equal(elements.filter((e) => e.tagName === 'section' && e.attrs.some((a) => a.name === 'class' && a.value === 'file')).length, 3);
    for (const v of ['no-label', 'ai-declared', 'provenance']) assert.match(html, new RegExp(`data-verdict="${v}"`));
    assert.deepEqual(errors, []);
    await context.close();
  });
});
