// The session store: finished checks (entries) by id, the last check of each URL with its
// validators, and the images each tab showed. Kept in memory and mirrored to
// chrome.storage.session, because the service worker can be stopped at any time.

import { ORDER } from '../shared/verdicts.js';

/** Reports kept for the session; the oldest are dropped beyond this count ... */
const MAX_REPORTS = 1000;
/** ... or beyond this many bytes of stored JSON (reports and thumbnails). */
const MAX_STORED_BYTES = 8 * 1024 * 1024;

const reports = new Map(); // id -> entry
const sizes = new Map(); // id -> bytes of its JSON
let storedBytes = 0;
const byUrl = new Map(); // url -> { id, etag, lastModified, at }
const tabs = new Map(); // tabId -> Map(url -> id)

async function sessionSet(items) {
  try {
    await chrome.storage.session.set(items);
  } catch {
    // storage.session is a convenience for a restarted worker; memory still has it
  }
}

async function sessionGet(key) {
  try {
    return (await chrome.storage.session.get(key))[key];
  } catch {
    return undefined;
  }
}

/** Store a finished check; returns the entry `{ id, kind, url, text, report, verdict, checkedAt, thumb }`. */
export async function saveEntry({ url = null, key = url, text = null, report, thumb = null, etag = null, lastModified = null, fetchFailed = false }) {
  const entry = {
    id: crypto.randomUUID(),
    kind: text == null ? 'image' : 'text',
    url,
    text,
    report,
    verdict: report.verdict,
    checkedAt: new Date().toISOString(),
    thumb,
    fetchFailed: Boolean(fetchFailed),
  };
  reports.set(entry.id, entry);
  const size = JSON.stringify(entry).length;
  sizes.set(entry.id, size);
  storedBytes += size;
  while (reports.size > MAX_REPORTS || (storedBytes > MAX_STORED_BYTES && reports.size > 1)) {
    const oldest = reports.keys().next().value;
    reports.delete(oldest);
    storedBytes -= sizes.get(oldest) || 0;
    sizes.delete(oldest);
    chrome.storage.session.remove(`r:${oldest}`).catch(() => {});
  }
  await sessionSet({ [`r:${entry.id}`]: entry });
  if (key && (etag || lastModified || report.verdict !== 'error')) {
    byUrl.set(key, { id: entry.id, etag, lastModified, at: Date.now() });
  }
  return entry;
}

export async function loadEntry(id) {
  return reports.get(id) ?? (await sessionGet(`r:${id}`)) ?? null;
}

/** The cached check of `url` with its validators, if any. */
export function cachedUrl(url) {
  return byUrl.get(url) ?? null;
}

/** Note that `url` was revalidated now. */
export function touchUrl(url) {
  const c = byUrl.get(url);
  if (c) c.at = Date.now();
}

async function tabMap(tabId) {
  if (!tabs.has(tabId)) {
    const restored = (await sessionGet(`t:${tabId}`)) ?? [];
    if (!tabs.has(tabId)) tabs.set(tabId, new Map(restored));
  }
  return tabs.get(tabId);
}

/** Record that tab `tabId` showed `url`, checked as entry `id`. */
export async function noteForTab(tabId, url, id) {
  if (tabId == null || tabId < 0) return;
  const m = await tabMap(tabId);
  m.set(url, id);
  await sessionSet({ [`t:${tabId}`]: [...m] });
}

/** Empty a tab's list (a new page started in it), or forget it (`closed`). */
export async function resetTab(tabId, { closed = false } = {}) {
  if (closed) tabs.delete(tabId);
  else tabs.set(tabId, new Map());
  await chrome.storage.session.remove(`t:${tabId}`).catch(() => {});
}

/** Counts per verdict and the list of checked images of one tab, strongest verdict first. */
export async function tabSummary(tabId) {
  const m = await tabMap(tabId);
  const counts = Object.fromEntries(ORDER.map((v) => [v, 0]));
  const items = [];
  for (const [url, id] of m) {
    const e = await loadEntry(id);
    if (!e) continue;
    counts[e.verdict] = (counts[e.verdict] || 0) + 1;
    items.push({ id, url, verdict: e.verdict, thumb: e.thumb, summary: e.report?.summary || '' });
  }
  items.sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict));
  return { counts, items };
}

/** Keep a menu check's request until its report page asks for it. */
export async function saveRequest(request) {
  const id = crypto.randomUUID();
  await sessionSet({ [`q:${id}`]: request });
  return id;
}

export async function loadRequest(id) {
  return (await sessionGet(`q:${id}`)) ?? null;
}
