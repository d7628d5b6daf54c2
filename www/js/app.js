// The page: wires the inputs, the worker-based checker, the renderer and the trust settings.

import { Checker, CancelledError } from './checker.js';
import { renderReport, formatBytes } from './render.js';
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

async function options() {
  const opts = trustOptions(await trust.load());
  if (sidecar) opts.sidecar = sidecar;
  const when = $('verify-date').value;
  if (when) {
    const t = Date.parse(when);
    if (Number.isFinite(t)) opts.verifyTime = Math.floor(t / 1000);
  }
  return opts;
}

/** Run one check; `start` gets (options, callbacks) and returns the checker's promise. */
async function run(label, start, { thumbnailUrl, fileName, size = 0 } = {}) {
  current?.controller.abort();
  clearResult();
  const controller = new AbortController();
  current = { controller, thumbnailUrl };
  const showProgress = size >= PROGRESS_MIN_BYTES;
  $('progress').removeAttribute('value');
  $('progress-row').hidden = !showProgress;
  status(`Checking ${label}…`, 'busy');
  try {
    const report = await start(await options(), {
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
    renderReport(report, $('result'), { thumbnailUrl, fileName });
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
  if (e.key === 'Escape' && !$('progress-row').hidden) current?.controller.abort();
});

function checkFile(file) {
  const isImage = /^image\//.test(file.type) || /\.(jpe?g|png|webp|gif|avif|heic|heif|svg)$/i.test(file.name);
  const thumbnailUrl = isImage ? URL.createObjectURL(file) : undefined;
  return run(`“${file.name || 'pasted image'}”`, (opts, cb) => checker.check(file, opts, cb), {
    thumbnailUrl, fileName: file.name || 'pasted-image', size: file.size,
  });
}

// ---- File input, drop, paste ----
$('file-input').addEventListener('change', (e) => {
  const f = e.target.files?.[0];
  if (f) checkFile(f);
  e.target.value = '';
});
const dz = $('dropzone');
for (const type of ['dragenter', 'dragover']) {
  dz.addEventListener(type, (e) => {
    e.preventDefault();
    dz.classList.add('over');
  });
}
for (const type of ['dragleave', 'drop']) dz.addEventListener(type, () => dz.classList.remove('over'));
dz.addEventListener('drop', (e) => {
  e.preventDefault();
  const f = e.dataTransfer?.files?.[0];
  if (f) checkFile(f);
});
document.addEventListener('paste', (e) => {
  if (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement) return;
  const f = [...(e.clipboardData?.files ?? [])][0];
  if (f) {
    e.preventDefault();
    checkFile(f);
    return;
  }
  const text = e.clipboardData?.getData('text/html') || e.clipboardData?.getData('text/plain');
  if (text) {
    e.preventDefault();
    selectTab($('tab-text'), false);
    $('text-input').value = text;
    checkText(text);
  }
});

// ---- Text ----
function checkText(text) {
  return run('the text', (opts, cb) => checker.checkText(text, opts, cb), { fileName: 'text' });
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
  run(`“${name}”`, (opts, cb) => checker.check(file, { ...opts, ...clean(headers) }, cb), { thumbnailUrl, fileName: name, size: blob.size });
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

async function fetchOfficial() {
  $('official-status').textContent = 'Fetching the official lists…';
  await trust.refresh();
  await showTrust();
}

$('official-toggle').addEventListener('change', async (e) => {
  const t = await trust.setOfficial(e.target.checked);
  await showTrust();
  if (t.official && staleLists(t).length) fetchOfficial();
});
$('official-refresh').addEventListener('click', fetchOfficial);
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
  if (t.official && t.autoUpdate && staleLists(t).length) await fetchOfficial();
});

// ---- Warm up, version, offline ----
checker.onversion = (v) => { $('version').textContent = `v${v}`; };
checker.ready().catch((err) => status(`The checker could not be loaded: ${err.message}`, 'bad'));
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}
document.documentElement.dataset.ready = 'true';
