// Batch triage on the page: twenty files dropped at once, the triage table, sorting, filtering,
// cancel, the keyboard, and screenshots at desktop and phone width (test-results/, git-ignored).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_TIME, fixtures } from './fixtures.mjs';
import { openPage, pageSession, screenshot } from './harness.mjs';
import { batchRows, dropFiles, referenceOf, twentyFiles } from './newsroom.mjs';

const ORDER = ['ai-verified', 'ai-signed', 'invalid', 'ai-watermark', 'ai-declared', 'provenance', 'no-label', 'error'];
const env = pageSession();

async function open(viewport) {
  const session = await openPage(env.browser, env.server.url, { lists: null, viewport });
  // The corpus results were computed as of this date (PROFILES.md, "Time matters").
  await session.page.fill('#verify-date', CORPUS_TIME);
  await session.page.dispatchEvent('#verify-date', 'change');
  return session;
}

describe('batch triage', () => {
  test('20 dropped files: 20 rows with the right verdicts; sort, filter, keyboard, screenshots', async () => {
    const files = twentyFiles();
    const { page, context, errors } = await open({ width: 1280, height: 900 });
    await dropFiles(page, files);
    await page.waitForSelector('#batch:not([hidden])');
    const rows = await batchRows(page, files.length);
    assert.equal(rows.length, 20);
    const got = Object.fromEntries(rows.map((r) => [r.name, r.verdict]));
    const want = Object.fromEntries(files.map((f) => [f.name, f.expected]));
    assert.deepEqual(got, want);
    await page.locator('#batch-count', { hasText: 'Done: 20 files checked' }).waitFor();
    // Every row: a thumbnail cell, the verdict's word, format and size.
    const row = rows.find((r) => r.name === 'adobe-20220124-CAICAI.jpg');
    assert.match(row.cells[2], /Content Credentials, no AI declared/);
    assert.match(row.cells[4], /C2PA Test Signing Cert/);
    assert.match(row.cells[5], /^2023-01-24T/);
    assert.match(row.cells[6], /jpeg/);
    // An invalid file whose data hash no longer matches (the reference's failure code) says it
    // was changed after signing.
    const altered = files.filter((x) => x.rel && (referenceOf(x.rel).none?.failure ?? []).includes('assertion.dataHash.mismatch'));
    assert.ok(altered.length >= 2, 'the batch has files with a data hash mismatch');
    for (const f of altered) {
      const r = rows.find((x) => x.name === f.name);
      assert.match(r.cells[2], /changed after signing/, f.name);
    }
    assert.equal(await page.locator('#batch-table tbody tr[data-row] td.thumb-cell img').count() >= 15, true, 'thumbnails for the images');
    await screenshot(page, 'batch-desktop');

    // Sort by verdict: strongest first, then reversed; aria-sort follows.
    await page.click('#batch-table th button[data-sort="verdict"]');
    let order = await page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => tr.dataset.verdict));
    const ranks = order.map((v) => ORDER.indexOf(v));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    assert.equal(await page.getAttribute('#batch-table th:has(button[data-sort="verdict"])', 'aria-sort'), 'ascending');
    await page.click('#batch-table th button[data-sort="verdict"]');
    order = await page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => tr.dataset.verdict));
    assert.deepEqual(order.map((v) => ORDER.indexOf(v)), [...ranks].sort((a, b) => b - a));
    assert.equal(await page.getAttribute('#batch-table th:has(button[data-sort="verdict"])', 'aria-sort'), 'descending');
    // Sort by name.
    await page.click('#batch-table th button[data-sort="name"]');
    const names = await page.$$eval('#batch-table tbody button.row-open', (bs) => bs.map((b) => b.textContent));
    assert.deepEqual(names, [...names].sort((a, b) => a.toLocaleLowerCase().localeCompare(b.toLocaleLowerCase())));

    // Filter by verdict: only the invalid files remain visible.
    const invalid = files.filter((f) => f.expected === 'invalid').map((f) => f.name).sort();
    await page.selectOption('#batch-filter', 'invalid');
    const visible = await page.$$eval('#batch-table tbody tr:not([hidden])', (trs) => trs.map((tr) => [tr.dataset.verdict, tr.querySelector('button').textContent]));
    assert.deepEqual(visible.map(([, n]) => n).sort(), invalid);
    assert.ok(visible.every(([v]) => v === 'invalid'));
    assert.match(await page.textContent('#batch-filter option:checked'), new RegExp(`Content Credentials are broken \\(${invalid.length}\\)`));

    // Keyboard: arrows move between the visible rows, Enter opens the full result, and the
    // result offers the way back.
    await page.focus('#batch-table tbody tr:not([hidden]) button.row-open');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = await page.evaluate(() => document.activeElement.textContent);
    assert.equal(third, visible[2][1]);
    await page.keyboard.press('End');
    const last = await page.evaluate(() => document.activeElement.textContent);
    assert.equal(last, visible.at(-1)[1]);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'verdict-title');
    assert.equal(await page.getAttribute('#result [data-verdict]', 'data-verdict'), 'invalid');
    assert.match(await page.textContent('#result .verdict-file'), new RegExp(last.replace(/[.]/g, '\\.')));
    await page.click('#result .back-row button');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), last);

    // Screen-reader labels: the caption, the row buttons, the progress bar.
    assert.match(await page.textContent('#batch-table caption'), /arrow keys/);
    assert.match(await page.getAttribute('#batch-table tbody button.row-open', 'aria-label'), /: open the full result$/);
    assert.equal(await page.getAttribute('#batch-progress', 'aria-label'), 'Files checked');

    // Phone width: the same table, narrower.
    await page.selectOption('#batch-filter', '');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'batch-phone');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('cancel stops the work: the rest stay unchecked', async () => {
    const { page, context, errors } = await open({ width: 1100, height: 900 });
    // Thirty copies of a 512×512 image the worker decodes for watermarks: seconds of work.
    const png = fixtures.unmarkedTwinPng();
    const files = Array.from({ length: 30 }, (_, i) => ({ name: `copy-${String(i).padStart(2, '0')}.png`, mimeType: 'image/png', buffer: png }));
    await page.setInputFiles('#file-input', files);
    await page.waitForSelector('#batch:not([hidden])');
    await page.click('#batch-cancel');
    await page.locator('#batch-count', { hasText: 'Cancelled' }).waitFor();
    const count = () => page.$$eval('#batch-table tbody tr', (trs) => trs.map((tr) => tr.dataset.status));
    const at = await count();
    assert.equal(at.length, 30);
    const done = at.filter((s) => s === 'done').length;
    assert.ok(done < 30, `cancel came too late: ${done} of 30 were checked`);
    assert.equal(at.filter((s) => s === 'cancelled').length, 30 - done);
    assert.match(await page.textContent('#batch-table tbody tr[data-status="cancelled"]'), /Not checked \(cancelled\)/);
    // Nothing runs on after the cancel.
    await page.waitForTimeout(3000);
    assert.deepEqual(await count(), at);
    assert.equal(await page.isDisabled('#batch-cancel'), true);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a picked folder is a batch, rows named by their path in the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ailabel-folder-'));
    mkdirSync(join(dir, 'tips', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'tips', 'plain.png'), fixtures.plainPng());
    writeFileSync(join(dir, 'tips', 'sub', 'iptc.png'), fixtures.iptcPng());
    const { page, context, errors } = await open({ width: 1100, height: 900 });
    await page.setInputFiles('#folder-input', join(dir, 'tips'));
    const rows = await batchRows(page, 2, 60_000);
    const got = Object.fromEntries(rows.map((r) => [r.name, r.verdict]));
    assert.deepEqual(got, { 'tips/plain.png': 'no-label', 'tips/sub/iptc.png': 'ai-declared' });
    assert.deepEqual(errors, []);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
