// The extension's background: the only place that fetches image bytes and runs the checker.
// Chrome runs it as a module service worker, Firefox as a module background page. The wasm glue
// is imported statically (MV3 service workers refuse dynamic import()) and compiled once.
// Nothing leaves the browser except the image fetches and the trust-list fetches.

import init, * as ailabel from './pkg/ailabel.js';
import { getSettings, getTrust, setTrust, countCerts } from './lib/settings.js';
import { VERDICTS } from './lib/verdicts.js';
import { decodePixels } from './js/pixels.js';

/** Largest image the extension downloads and checks, in bytes. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Largest trust-list file, in bytes. */
const MAX_TRUST_BYTES = 2 * 1024 * 1024;
/** How many checks run at once. */
const CONCURRENCY = 3;
/** A cached result younger than this is reused without asking the server again. */
const FRESH_MS = 60 * 1000;
/** Trust lists older than this are refetched when auto-update is on. */
const TRUST_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

const EXT_BASE = chrome.runtime.getURL('');
const MENU_IMAGE = 'ailabel-check-image';
const MENU_TEXT = 'ailabel-check-text';

// ---- the checker: compiled once ----------------------------------------------------------

let ready = null;
function checker() {
  if (!ready) {
    ready = init({ module_or_path: chrome.runtime.getURL('pkg/ailabel_bg.wasm') }).catch((e) => {
      ready = null;
      throw e;
    });
  }
  return ready;
}

function asReport(r) {
  return typeof r === 'string' ? JSON.parse(r) : r;
}

function errorReport(message) {
  return {
    verdict: 'error',
    summary: `This could not be checked. ${message}`,
    ai: { kind: null, tools: [] },
    conflicts: [],
    signals: [],
    remote_manifests: [],
    c2pa: null,
    errors: [{ kind: 'io', message, fatal: true }],
  };
}

// ---- trust material ----------------------------------------------------------------------

let trustCache = null;
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.trust) trustCache = null;
});

async function checkOptions() {
  if (!trustCache) {
    const t = await getTrust();
    const by = { anchors: [], tsa: [], allowed: [], config: [] };
    for (const l of [...t.lists, ...t.imported]) {
      if (l.pem) (by[l.kind] || by.anchors).push(l.pem);
    }
    trustCache = { trustAnchors: by.anchors, tsaAnchors: by.tsa, allowedList: by.allowed, trustConfig: by.config };
    maybeRefreshTrust(t);
  }
  return trustCache;
}

let refreshing = false;
function maybeRefreshTrust(t) {
  if (!t.autoUpdate || refreshing) return;
  const stale = t.lists.filter(
    (l) => l.url && (!l.fetchedAt || Date.now() - Date.parse(l.fetchedAt) > TRUST_MAX_AGE_MS) && !l.error,
  );
  if (!stale.length) return;
  refreshing = true;
  Promise.allSettled(stale.map((l) => fetchTrustList(l.id))).finally(() => {
    refreshing = false;
  });
}

/** Fetches one trust list by id, stores its PEM and the fetch date (or the error). */
async function fetchTrustList(id) {
  const t = await getTrust();
  const list = t.lists.find((l) => l.id === id);
  if (!list) throw new Error(`no trust list ${id}`);
  try {
    const res = await fetch(list.url, { credentials: 'omit', cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = new TextDecoder().decode(await readCapped(res, MAX_TRUST_BYTES));
    const n = countCerts(text);
    if (!n) throw new Error('the file holds no PEM certificate');
    list.pem = text;
    list.fetchedAt = new Date().toISOString();
    list.error = null;
  } catch (e) {
    list.error = `${e.message || e} (${new Date().toISOString()})`;
  }
  const fresh = await getTrust();
  fresh.lists = fresh.lists.map((l) => (l.id === id ? list : l));
  await setTrust(fresh);
  return { id, fetchedAt: list.fetchedAt, error: list.error, certs: countCerts(list.pem) };
}

// ---- fetching with a size cap ------------------------------------------------------------

async function readCapped(res, cap) {
  const len = Number(res.headers.get('content-length'));
  if (len > cap) throw new Error(`the file is ${len} bytes, over the ${cap}-byte limit`);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      reader.cancel().catch(() => {});
      throw new Error(`the file is over the ${cap}-byte limit`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

// ---- a small queue -----------------------------------------------------------------------

let running = 0;
const waiting = [];
function enqueue(job) {
  return new Promise((resolve, reject) => {
    waiting.push({ job, resolve, reject });
    pump();
  });
}
function pump() {
  while (running < CONCURRENCY && waiting.length) {
    const { job, resolve, reject } = waiting.shift();
    running++;
    job()
      .then(resolve, reject)
      .finally(() => {
        running--;
        pump();
      });
  }
}

// ---- session state -----------------------------------------------------------------------
// reports: id -> entry; byUrl: url -> {id, etag, lastModified, at}; tabs: tabId -> Map(url -> id)

const reports = new Map();
const byUrl = new Map();
const inflight = new Map();
const tabs = new Map();
const pendingReports = new Map();

function newId() {
  return crypto.randomUUID();
}

/** Reports kept for the session; the oldest are dropped beyond this. */
const MAX_REPORTS = 1000;

async function saveEntry(entry) {
  reports.delete(entry.id);
  reports.set(entry.id, entry);
  while (reports.size > MAX_REPORTS) {
    const oldest = reports.keys().next().value;
    reports.delete(oldest);
    chrome.storage.session.remove(`r:${oldest}`).catch(() => {});
  }
  try {
    await chrome.storage.session.set({ [`r:${entry.id}`]: entry });
  } catch {
    // storage.session is a convenience for a restarted worker; memory still has it
  }
}

async function loadEntry(id) {
  if (reports.has(id)) return reports.get(id);
  if (pendingReports.has(id)) return pendingReports.get(id);
  try {
    const got = await chrome.storage.session.get(`r:${id}`);
    return got[`r:${id}`] || null;
  } catch {
    return null;
  }
}

async function tabMap(tabId) {
  if (!tabs.has(tabId)) {
    let restored = [];
    try {
      restored = (await chrome.storage.session.get(`t:${tabId}`))[`t:${tabId}`] || [];
    } catch {
      restored = [];
    }
    if (!tabs.has(tabId)) tabs.set(tabId, new Map(restored));
  }
  return tabs.get(tabId);
}

async function noteForTab(tabId, url, id) {
  if (tabId == null || tabId < 0) return;
  const m = await tabMap(tabId);
  m.set(url, id);
  try {
    await chrome.storage.session.set({ [`t:${tabId}`]: [...m] });
  } catch {
    // see saveEntry
  }
}

async function resetTab(tabId) {
  tabs.set(tabId, new Map());
  try {
    await chrome.storage.session.remove(`t:${tabId}`);
  } catch {
    // see saveEntry
  }
}

chrome.tabs.onRemoved.addListener((tabId) => {
  tabs.delete(tabId);
  chrome.storage.session.remove(`t:${tabId}`).catch(() => {});
});

// ---- checking ----------------------------------------------------------------------------

/** Checks the image at `url`, reusing the session cache; returns the stored entry. */
function checkUrl(url) {
  if (inflight.has(url)) return inflight.get(url);
  const p = enqueue(() => checkUrlNow(url)).finally(() => inflight.delete(url));
  inflight.set(url, p);
  return p;
}

async function checkUrlNow(url) {
  let scheme;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return storeResult({ url, report: errorReport('the address is not a URL.') });
  }
  if (!['http:', 'https:', 'data:'].includes(scheme)) {
    return storeResult({ url, report: errorReport(`${scheme} addresses are not fetched.`) });
  }
  const cached = byUrl.get(url);
  if (cached && Date.now() - cached.at < FRESH_MS) {
    const e = await loadEntry(cached.id);
    if (e) return e;
  }
  // Ask for what an <img> asks for, so content negotiation serves the bytes the page shows.
  const headers = { Accept: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8' };
  if (cached?.etag) headers['If-None-Match'] = cached.etag;
  if (cached?.lastModified) headers['If-Modified-Since'] = cached.lastModified;
  let res;
  try {
    res = await fetch(url, {
      credentials: 'omit',
      headers,
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    return storeResult({ url, report: errorReport(`The image could not be fetched (${e.message || e}).`) });
  }
  if (res.status === 304 && cached) {
    const e = await loadEntry(cached.id);
    if (e) {
      cached.at = Date.now();
      return e;
    }
  }
  if (!res.ok) {
    return storeResult({ url, report: errorReport(`The server answered HTTP ${res.status}.`) });
  }
  const etag = res.headers.get('etag');
  const lastModified = res.headers.get('last-modified');
  let bytes;
  try {
    bytes = await readCapped(res, MAX_IMAGE_BYTES);
  } catch (e) {
    return storeResult({ url, report: errorReport(`The image was not checked: ${e.message || e}.`) });
  }
  const options = {
    ...(await checkOptions()),
  };
  const disclosure = res.headers.get('ai-disclosure');
  if (disclosure) options.aiDisclosureHeader = disclosure;
  const link = res.headers.get('link');
  if (link) options.linkHeader = link;
  // Watermarks need pixels, which the wasm does not decode: the browser does (best effort).
  if (options.watermarks !== false) {
    const pixels = await decodePixels(bytes, options.limits?.maxPixels);
    if (pixels) options.pixels = pixels;
  }
  let report;
  try {
    await checker();
    report = asReport(ailabel.check(bytes, options));
  } catch (e) {
    report = errorReport(`The checker failed (${e.message || e}).`);
  }
  const entry = await storeResult({ url, report, etag, lastModified });
  await makeThumb(entry, bytes, res.headers.get('content-type'));
  return entry;
}

async function storeResult({ url, report, etag = null, lastModified = null, text = null }) {
  const entry = {
    id: newId(),
    kind: text == null ? 'image' : 'text',
    url,
    text,
    report,
    verdict: report.verdict,
    checkedAt: new Date().toISOString(),
    thumb: null,
  };
  await saveEntry(entry);
  if (url && (etag || lastModified || report.verdict !== 'error')) {
    byUrl.set(url, { id: entry.id, etag, lastModified, at: Date.now() });
  }
  return entry;
}

async function makeThumb(entry, bytes, type) {
  if (entry.verdict === 'error' || typeof createImageBitmap !== 'function') return;
  try {
    const bmp = await createImageBitmap(new Blob([bytes], { type: type || '' }));
    const scale = Math.min(1, 96 / Math.max(bmp.width, bmp.height));
    const w = Math.max(1, Math.round(bmp.width * scale));
    const h = Math.max(1, Math.round(bmp.height * scale));
    const canvas = new OffscreenCanvas(w, h);
    canvas.getContext('2d').drawImage(bmp, 0, 0, w, h);
    bmp.close();
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const buf = new Uint8Array(await blob.arrayBuffer());
    let bin = '';
    for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    entry.thumb = `data:image/png;base64,${btoa(bin)}`;
    await saveEntry(entry);
  } catch {
    // no thumbnail for formats the browser cannot decode
  }
}

async function checkText(text) {
  let report;
  try {
    await checker();
    report = asReport(ailabel.checkText(String(text), await checkOptions()));
  } catch (e) {
    report = errorReport(`The checker failed (${e.message || e}).`);
  }
  return storeResult({ url: null, report, text: String(text) });
}

function brief(entry) {
  const r = entry.report || {};
  return {
    id: entry.id,
    verdict: entry.verdict,
    summary: r.summary || '',
    tools: r.ai?.tools || [],
  };
}

// ---- context menus -----------------------------------------------------------------------

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: MENU_IMAGE, title: 'Check this image', contexts: ['image'] });
    chrome.contextMenus.create({ id: MENU_TEXT, title: 'Check selected text', contexts: ['selection'] });
  });
});

/** Runs a context-menu check and opens its report page; the test drives it via a message. */
async function handleMenu(info, tab) {
  const id = newId();
  let job;
  if (info.menuItemId === MENU_IMAGE && info.srcUrl) {
    job = checkUrl(info.srcUrl).then(async (e) => {
      if (tab?.id != null) await noteForTab(tab.id, info.srcUrl, e.id);
      return e;
    });
  } else if (info.menuItemId === MENU_TEXT && info.selectionText) {
    job = checkText(info.selectionText);
  } else {
    return { error: 'nothing to check' };
  }
  // The report page opens at once under its own id; the finished entry is saved under that id.
  pendingReports.set(
    id,
    job
      .then(async (e) => {
        const mine = { ...e, id };
        await saveEntry(mine);
        return mine;
      })
      .finally(() => pendingReports.delete(id)),
  );
  const opts = { url: chrome.runtime.getURL(`report.html?id=${encodeURIComponent(id)}`) };
  if (tab?.index != null) opts.index = tab.index + 1;
  await chrome.tabs.create(opts);
  return { id };
}

chrome.contextMenus.onClicked.addListener((info, tab) => {
  handleMenu(info, tab);
});

/** Counts per verdict and the list of checked images of one tab. */
async function tabSummary(tabId) {
  const m = await tabMap(tabId);
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0]));
  const items = [];
  for (const [url, id] of m) {
    const e = await loadEntry(id);
    if (!e) continue;
    counts[e.verdict] = (counts[e.verdict] || 0) + 1;
    items.push({ id, url, verdict: e.verdict, thumb: e.thumb, summary: e.report?.summary || '' });
  }
  items.sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict));
  return { counts, items };
}

/** Marks every cached result as stale, so the next check revalidates with the server. */
function expireCache() {
  for (const v of byUrl.values()) v.at = 0;
}

// ---- messages ----------------------------------------------------------------------------

function fromExtensionPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(EXT_BASE);
}

async function onMessage(msg, sender) {
  const ext = fromExtensionPage(sender);
  switch (msg?.type) {
    case 'page-start':
      if (sender.tab) await resetTab(sender.tab.id);
      return { ok: true };
    case 'check-image': {
      const url = String(msg.url || '');
      const entry = await checkUrl(url);
      if (sender.tab) await noteForTab(sender.tab.id, url, entry.id);
      return brief(entry);
    }
    case 'open-report': {
      const entry = await loadEntry(String(msg.id));
      if (!entry) return { error: 'no such report' };
      const opts = { url: chrome.runtime.getURL(`report.html?id=${encodeURIComponent(entry.id)}`) };
      if (sender.tab?.index != null) opts.index = sender.tab.index + 1;
      await chrome.tabs.create(opts);
      return { ok: true };
    }
  }
  if (!ext) return { error: 'not allowed' };
  switch (msg.type) {
    case 'menu':
      return handleMenu(msg, msg.tab || null);
    case 'get-report': {
      const entry = await loadEntry(String(msg.id));
      return entry ? { entry: await entry } : { error: 'This report is no longer in this session.' };
    }
    case 'tab-summary':
      return tabSummary(Number(msg.tabId));
    case 'fetch-trust-list':
      trustCache = null;
      return fetchTrustList(String(msg.id));
    case 'settings-changed':
      trustCache = null;
      return { ok: true };
  }
  return { error: 'unknown message' };
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  onMessage(msg, sender).then(sendResponse, (e) => sendResponse({ error: String(e?.message || e) }));
  return true;
});

// For tests and debugging from the worker's console.
globalThis.ailabelBackground = { checkUrl, checkText, handleMenu, getSettings, tabSummary, expireCache };
