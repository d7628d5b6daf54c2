// The page: wires the inputs, the worker-based checker, the renderer and the trust settings.

import { Checker, CancelledError } from './checker.js';
import { renderReport, formatBytes } from './render.js';
import { fetchRemoteManifest } from '../shared/remote.js';
import { Batch, thumbnailDataUrl } from './batch.js';
import { TriageTable } from './triage.js';
import { download, htmlReport, provenanceSvg, reportContext, safeName, utc } from './export.js';
import { el } from '../shared/dom.js';
import { localStorageAdapter } from '../shared/storage.js';
import { TrustStore, activeLists, countCerts, staleLists, trustOptions } from '../shared/trust.js';

const $ = (id) => document.getElementById(id);
const checker = new Checker();
const trust = new TrustStore(localStorageAdapter());
const PROGRESS_MIN_BYTES = 2 * 1024 * 1024;

let sidecar = null;
let current = null; // { controller, thumbnailUrl }

// ---- Tabs (WAI-ARIA tabs pattern: arrow keys move between tabs) ----
const tabs = [...document.querySelectorAll('[role="tab"]')];
function selectTab(tab, focus = true) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
}
for (const t of tabs) {
  t.addEventListener('click', () => selectTab(t));
  t.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(t);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length]);
  });
}

// ---- Status, progress, result ----
function status(text, kind = '') {
  $('status').className = `status ${kind}`;
  $('status').textContent = text;
}

function clearResult() {
  if (current?.thumbnailUrl) URL.revokeObjectURL(current.thumbnailUrl);
  $('result').replaceChildren();
}

/** The "as of" time from the trust settings, in seconds since the epoch, or undefined. */
function verifyTime() {
  const when = $('verify-date').value;
  const t = when ? Date.parse(when) : NaN;
  return Number.isFinite(t) ? Math.floor(t / 1000) : undefined;
}

async function options() {
  const opts = trustOptions(await trust.load());
  if (sidecar) opts.sidecar = sidecar;
  const t = verifyTime();
  if (t !== undefined) opts.verifyTime = t;
  return opts;
}

function showVerifyTime() {
  const t = verifyTime();
  $('verify-status').textContent = t === undefined
    ? 'Checking as of now.'
    : `Checking as of ${utc(t * 1000)} (UTC). Check the file again to apply.`;
}
$('verify-date').addEventListener('change', showVerifyTime);
$('verify-clear').addEventListener('click', () => {
  $('verify-date').value = '';
  showVerifyTime();
});

/** Save the HTML report of `items` ([{name, report, thumbnail?}]). */
async function saveReport(items, { checkedAt, verifyTime: asOf, fileName }) {
  try {
    const context = await reportContext({ trust: await trust.load(), verifyTime: asOf, version: checker.version, checkedAt });
    download(await htmlReport(items, context), fileName);
  } catch (err) {
    status(`The report could not be written: ${err.message}`, 'bad');
  }
}

/** Show one report in the result area, with its provenance picture and the HTML download. */
async function showResult(report, { thumbnailUrl, thumbnail, fileName, checkedAt, asOf, text, plainText, onFetchRemote }) {
  let provenance = null;
  try {
    provenance = await provenanceSvg(report, 'pic');
  } catch {
    provenance = null; // The picture is extra; the result stands without it.
  }
  renderReport(report, $('result'), {
    thumbnailUrl, fileName, provenance, text, plainText, onFetchRemote,
    onDownloadHtml: () => saveReport([{ name: fileName, report, thumbnail }], {
      checkedAt, verifyTime: asOf, fileName: `${safeName(fileName)}.ailabel.html`,
    }),
  });
}

/** Run one check; `start` gets (options, callbacks) and returns the checker's promise. */
async function run(label, start, { thumbnailUrl, fileName, size = 0, blob, text, plainText } = {}) {
  current?.controller.abort();
  clearResult();
  const controller = new AbortController();
  current = { controller, thumbnailUrl };
  const showProgress = size >= PROGRESS_MIN_BYTES;
  $('progress').removeAttribute('value');
  $('progress-row').hidden = !showProgress;
  status(`Checking ${label}…`, 'busy');
  const checkedAt = new Date();
  try {
    const opts = await options();
    const report = await start(opts, {
      signal: controller.signal,
      onProgress: (loaded, total) => {
        $('progress').max = total;
        $('progress').value = loaded;
        status(`Reading ${label}: ${formatBytes(loaded)} of ${formatBytes(total)}…`, 'busy');
      },
      onPhase: () => {
        $('progress').removeAttribute('value');
        status(`Checking ${label}…`, 'busy');
      },
    });
    if (current?.controller !== controller) return;
    const thumbnail = blob ? await thumbnailDataUrl(blob, checker, opts.limits) : null;
    // Remote Content Credentials: fetched only on the reader's click, then the same input is
    // checked again with them (or with the reason they could not be fetched).
    const onFetchRemote = async (remote) => {
      let extra;
      try {
        extra = { remoteManifest: await fetchRemoteManifest(remote.url) };
      } catch (e) {
        extra = { remoteManifestError: e.message || String(e) };
      }
      if (current) current.thumbnailUrl = null; // kept for the new result
      await run(label, (o, cb) => start({ ...o, ...extra }, cb), { thumbnailUrl, fileName, size, blob, text, plainText });
    };
    await showResult(report, { thumbnailUrl, thumbnail, fileName, checkedAt, asOf: opts.verifyTime, text, plainText, onFetchRemote });
    if (current?.controller !== controller) return;
    status(`Done: ${label} checked.`, 'done');
    $('verdict-title')?.focus({ preventScroll: false });
  } catch (err) {
    if (current?.controller !== controller && err instanceof CancelledError) return;
    status(err instanceof CancelledError ? 'Cancelled.' : `The check failed: ${err.message}`, err instanceof CancelledError ? '' : 'bad');
  } finally {
    if (current?.controller === controller) $('progress-row').hidden = true;
  }
}

$('cancel').addEventListener('click', () => current?.controller.abort());
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  if (!$('progress-row').hidden) current?.controller.abort();
  else if (batch?.running) batch.cancel();
});

// ---- Batch: many files, a few at a time in a worker of their own ----
let batch = null;
let batchChecker = null;
let batchAsOf;
const table = new TriageTable($('batch-table'), $('batch-filter'), { onOpen: openRow });

function batchProgress(rows) {
  const done = rows.filter((r) => r.status === 'done' || r.status === 'failed').length;
  $('batch-progress').max = Math.max(1, rows.length);
  $('batch-progress').value = done;
  return done;
}

async function startBatch(files) {
  current?.controller.abort();
  clearResult();
  batch?.cancel();
  batchChecker ??= new Checker();
  batch = new Batch(batchChecker, {
    concurrency: 3,
    onRow: (row) => {
      if (!batch.rows.includes(row)) return; // a row of a batch replaced by a newer one
      table.update(row);
      const done = batchProgress(batch.rows);
      if (batch.running) $('batch-count').textContent = `${done} of ${batch.rows.length} checked`;
    },
    onDone: (rows, { cancelled }) => {
      const done = batchProgress(rows);
      $('batch-cancel').disabled = true;
      $('batch-report').disabled = done === 0;
      const text = cancelled
        ? `Cancelled: ${done} of ${rows.length} files checked; the other ${rows.length - done} were not checked.`
        : `Done: ${rows.length} files checked.`;
      $('batch-count').textContent = text;
      status(text, cancelled ? '' : 'done');
    },
  });
  const opts = await options();
  batchAsOf = opts.verifyTime;
  $('batch').hidden = false;
  $('batch-h').textContent = `Batch: ${files.length} files`;
  $('batch-cancel').disabled = false;
  $('batch-report').disabled = true;
  $('batch-filter').value = '';
  const rows = batch.start(files, opts);
  table.setRows(rows);
  $('batch-count').textContent = `0 of ${rows.length} checked`;
  status(`Checking ${files.length} files…`, 'busy');
  $('batch-h').scrollIntoView?.({ block: 'nearest' });
}

async function openRow(row) {
  if (!row.report && row.status !== 'failed') return;
  table.select(row);
  const report = row.report;
  if (!report) {
    status(`${row.name} could not be checked: ${row.error}`, 'bad');
    return;
  }
  await showResult(report, { thumbnailUrl: row.thumb, thumbnail: row.thumb, fileName: row.name, checkedAt: batch.startedAt, asOf: batchAsOf });
  const back = el('button', { type: 'button', class: 'secondary' }, 'Back to the table');
  back.addEventListener('click', () => {
    $('batch-table').querySelector(`tr[data-row="${row.id}"] button.row-open`)?.focus();
  });
  $('result').prepend(el('p', { class: 'back-row' }, back));
  $('verdict-title')?.focus({ preventScroll: false });
}

$('batch-cancel').addEventListener('click', () => batch?.cancel());
$('batch-report').addEventListener('click', () => {
  const items = batch.rows.filter((r) => r.report).map((r) => ({ name: r.name, report: r.report, thumbnail: r.thumb ?? null }));
  saveReport(items, { checkedAt: batch.startedAt, verifyTime: batchAsOf, fileName: `ailabel-report-${items.length}-files.html` });
});

function checkFile(file) {
  const isImage = /^image\//.test(file.type) || /\.(jpe?g|png|webp|gif|avif|heic|heif|svg)$/i.test(file.name);
  const thumbnailUrl = isImage ? URL.createObjectURL(file) : undefined;
  return run(`“${file.name || 'pasted image'}”`, (opts, cb) => checker.check(file, opts, cb), {
    thumbnailUrl, fileName: file.name || 'pasted-image', size: file.size, blob: isImage ? file : null,
  });
}

// ---- File input, folder input, drop, paste ----
/** One file: the full result at once. Several, or a folder: a batch. */
function checkFiles(files, { folder = false } = {}) {
  if (!files.length) {
    status(folder ? 'That folder holds no files.' : 'No file was given.', 'bad');
    return;
  }
  if (files.length === 1 && !folder) checkFile(files[0]);
  else startBatch(files);
}
$('file-input').addEventListener('change', (e) => {
  checkFiles([...(e.target.files ?? [])]);
  e.target.value = '';
});
$('folder-input').addEventListener('change', (e) => {
  checkFiles([...(e.target.files ?? [])], { folder: true });
  e.target.value = '';
});

/** Every file under a dropped folder entry (the File and Directory Entries API), depth-first. */
async function filesOfEntry(entry, out, depth = 0) {
  if (entry.isFile) {
    const f = await new Promise((resolve) => entry.file(resolve, () => resolve(null)));
    if (f) {
      Object.defineProperty(f, 'webkitRelativePath', { value: entry.fullPath.replace(/^\//, '') });
      out.push(f);
    }
  } else if (entry.isDirectory && depth < 32) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve) => reader.readEntries(resolve, () => resolve([])));
      if (!batch.length) break;
      for (const e of batch) await filesOfEntry(e, out, depth + 1);
    }
  }
  return out;
}
const dz = $('dropzone');
for (const type of ['dragenter', 'dragover']) {
  dz.addEventListener(type, (e) => {
    e.preventDefault();
    dz.classList.add('over');
  });
}
for (const type of ['dragleave', 'drop']) dz.addEventListener(type, () => dz.classList.remove('over'));
dz.addEventListener('drop', async (e) => {
  e.preventDefault();
  const entries = [...(e.dataTransfer?.items ?? [])].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  const files = [...(e.dataTransfer?.files ?? [])];
  if (entries.some((en) => en.isDirectory)) {
    const all = [];
    for (const en of entries) await filesOfEntry(en, all);
    all.sort((a, b) => a.webkitRelativePath.localeCompare(b.webkitRelativePath));
    checkFiles(all, { folder: true });
  } else {
    checkFiles(files);
  }
});
document.addEventListener('paste', (e) => {
  if (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement) return;
  const f = [...(e.clipboardData?.files ?? [])][0];
  if (f) {
    e.preventDefault();
    checkFile(f);
    return;
  }
  // Copied from a web page: the HTML is checked (its meta tags and markup count), and the
  // plain-text copy is what the highlighted view shows.
  const html = e.clipboardData?.getData('text/html') ?? '';
  const plain = e.clipboardData?.getData('text/plain') ?? '';
  const text = html || plain;
  if (text) {
    e.preventDefault();
    selectTab($('tab-text'), false);
    $('text-input').value = text;
    checkText(text, html ? plain : null);
  }
});

// ---- Text ----
function checkText(text, plainText = null) {
  return run('the text', (opts, cb) => checker.checkText(text, opts, cb), { fileName: 'text', text, plainText });
}
$('text-check').addEventListener('click', () => {
  const text = $('text-input').value;
  if (!text.trim()) {
    status('Paste some text first.', 'bad');
    $('text-input').focus();
    return;
  }
  checkText(text);
});

// ---- URL ----
$('url-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  let url;
  try {
    url = new URL($('url-input').value);
    if (!/^https?:$/.test(url.protocol)) throw new Error();
  } catch {
    status('Enter a full web address starting with https://', 'bad');
    return;
  }
  status(`Fetching ${url.host}…`, 'busy');
  let res;
  try {
    res = await fetch(url, { mode: 'cors', credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch {
    clearResult();
    status(`${url.host} does not allow this page to read its files (CORS), or it could not be reached. Download the file and drop it here instead.`, 'bad');
    return;
  }
  if (!res.ok) {
    status(`${url.host} answered HTTP ${res.status} ${res.statusText}.`, 'bad');
    return;
  }
  const blob = await res.blob();
  const name = decodeURIComponent(url.pathname.split('/').pop() || url.host);
  const file = new File([blob], name, { type: blob.type });
  const headers = {
    aiDisclosureHeader: res.headers.get('ai-disclosure') ?? undefined,
    linkHeader: res.headers.get('link') ?? undefined,
  };
  const isImage = /^image\//.test(blob.type);
  const thumbnailUrl = isImage ? URL.createObjectURL(blob) : undefined;
  run(`“${name}”`, (opts, cb) => checker.check(file, { ...opts, ...clean(headers) }, cb), { thumbnailUrl, fileName: name, size: blob.size, blob: isImage ? blob : null });
});
const clean = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

// ---- Sidecar ----
$('sidecar-input').addEventListener('change', async (e) => {
  const f = e.target.files?.[0];
  if (!f) return;
  sidecar = new Uint8Array(await f.arrayBuffer());
  $('sidecar-status').textContent = `Sidecar: ${f.name} (${formatBytes(f.size)}), used for the next checks.`;
});
$('sidecar-clear').addEventListener('click', () => {
  sidecar = null;
  $('sidecar-input').value = '';
  $('sidecar-status').textContent = 'No sidecar.';
});

// ---- Trust settings ----
async function showTrust() {
  const t = await trust.load();
  $('official-toggle').checked = t.official;
  $('legacy-toggle').checked = t.legacy !== false;
  const [anchors, tsa] = t.lists;
  const fetched = t.lists.filter((l) => l.fetchedAt).map((l) => Date.parse(l.fetchedAt));
  const failed = t.lists.filter((l) => l.error).map((l) => l.error);
  $('official-status').textContent = [
    failed.length ? `Could not fetch the official lists: ${failed.join('; ')}.${fetched.length ? ' Using the copy from the last fetch.' : ''}` : '',
    fetched.length
      ? `Last fetched: ${new Date(Math.min(...fetched)).toLocaleString()} (${countCerts(anchors?.pem)} signer anchors, ${countCerts(tsa?.pem)} time-stamp anchors).`
      : failed.length ? '' : 'Not fetched yet.',
  ].filter(Boolean).join(' ');
  const lists = activeLists(t);
  $('active-lists').replaceChildren(...(lists.length ? lists.map((l) => {
    const li = el('li', {}, el('strong', {}, l.name), el('span', { class: 'muted small' }, ` — ${l.detail}`));
    if (l.id) {
      const b = el('button', { type: 'button', class: 'link', 'aria-label': `Remove ${l.name}` }, 'Remove');
      b.addEventListener('click', async () => {
        await trust.removeImported(l.id);
        await showTrust();
      });
      li.append(' ', b);
    }
    return li;
  }) : [el('li', { class: 'muted' }, 'None: no signer counts as trusted, so valid credentials show as “signed, not trusted”.')]));
}

/** Fetch the lists with these ids (all turned-on lists by default). */
async function fetchOfficial(ids = null) {
  $('official-status').textContent = 'Fetching the official lists…';
  await trust.refresh(ids);
  await showTrust();
}

$('official-toggle').addEventListener('change', async (e) => {
  const t = await trust.setOfficial(e.target.checked);
  await showTrust();
  if (t.official && staleLists(t).length) fetchOfficial(staleLists(t).map((l) => l.id));
});
$('official-refresh').addEventListener('click', () => fetchOfficial());
$('legacy-toggle').addEventListener('change', async (e) => {
  const t = await trust.setLegacy(e.target.checked);
  await showTrust();
  if (t.legacy && staleLists(t).length) fetchOfficial(staleLists(t).map((l) => l.id));
});
$('import-file').addEventListener('change', async (e) => {
  const f = e.target.files?.[0];
  if (!f) return;
  const kind = $('import-kind').value;
  try {
    const entry = await trust.importList(f.name, kind, await f.text());
    $('import-status').className = 'small ok';
    $('import-status').textContent = `Imported ${entry.name}${entry.count ? ` (${entry.count} certificates)` : ''}.`;
  } catch (err) {
    $('import-status').className = 'small bad';
    $('import-status').textContent = `Not imported: ${err.message}`;
  }
  e.target.value = '';
  await showTrust();
});

trust.load().then(async (t) => {
  await showTrust();
  if (t.autoUpdate && staleLists(t).length) await fetchOfficial(staleLists(t).map((l) => l.id));
});

// ---- Warm up, version, offline ----
checker.onversion = (v) => { $('version').textContent = `v${v}`; };
checker.ready().catch((err) => status(`The checker could not be loaded: ${err.message}`, 'bad'));
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}
document.documentElement.dataset.ready = 'true';
