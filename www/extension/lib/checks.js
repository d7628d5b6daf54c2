// Checks as the background runs them: at most a few at once, one in flight per URL, results
// reused by URL for a minute and revalidated with ETag/Last-Modified after that. The trust
// options come from the shared trust store; the work itself is done by the engine (host.js).

import { engine } from './host.js';
import { errorReport } from './engine.js';
import { cachedUrl, loadEntry, saveEntry, touchUrl } from './store.js';
import { chromeStorageAdapter } from '../shared/storage.js';
import { TRUST_KEY, TrustStore, staleLists, trustOptions } from '../shared/trust.js';

/** How many checks run at once. */
const CONCURRENCY = 4;
/** Largest picture a page (blob:, data:) or a tab read may send, in bytes. */
export const MAX_SENT_BYTES = 8 * 1024 * 1024;
/** A cached result younger than this is reused without asking the server again. */
const FRESH_MS = 60 * 1000;

const trust = new TrustStore(chromeStorageAdapter());
let options = null;
let refreshing = false;

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes[TRUST_KEY]) options = null;
});

/** The trust options for the checker; starts a refetch of stale lists when auto-update is on. */
async function checkOptions() {
  if (!options) {
    const t = await trust.load();
    options = trustOptions(t);
    const stale = t.autoUpdate ? staleLists(t).filter((l) => !l.error) : [];
    if (stale.length && !refreshing) {
      refreshing = true;
      trust.refresh(stale.map((l) => l.id)).catch(() => {}).finally(() => {
        refreshing = false;
      });
    }
  }
  return options;
}

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
    job().then(resolve, reject).finally(() => {
      running--;
      pump();
    });
  }
}

const inflight = new Map();

/**
 * Check the image at `url`; resolves to the stored entry. A result younger than a minute is
 * reused unless `revalidate` is set (an explicit request), which always asks the server again,
 * conditionally when the validators of the last check are known.
 */
export async function checkUrl(url, { revalidate = false, why = null } = {}) {
  if (/^data:/i.test(url)) return checkBytes(await dataKey(url), url);
  if (/^blob:/i.test(url)) {
    const cached = cachedUrl(url);
    const e = cached && (await loadEntry(cached.id));
    if (e) return e;
    return saveEntry({ url, report: errorReport(`A blob: picture lives only in its page${why ? ` (${why})` : ''}: check it with a right-click on the page.`) });
  }
  const key = `${revalidate ? 'r' : 'c'}:${url}`;
  if (inflight.has(key)) return inflight.get(key);
  const p = enqueue(() => checkUrlNow(url, revalidate, why)).finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

/** A stable cache key for a data: URL (its SHA-256), so the URL itself is not kept. */
async function dataKey(url) {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(url)));
  return `data:sha256,${[...hash].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Check a picture the page gave us as bytes (`data`, a data: URL), remembered under `key` (its
 * blob: URL, which never changes content, or a data: URL's hash).
 */
export function checkBytes(key, data) {
  const k = `b:${key}`;
  if (inflight.has(k)) return inflight.get(k);
  const p = enqueue(async () => {
    const cached = cachedUrl(key);
    const e = cached && (await loadEntry(cached.id));
    if (e) return e;
    const res = await runEngine({ op: 'image', url: data, options: await checkOptions() });
    const shown = /^data:sha256,/.test(key) ? `${data.slice(0, Math.max(5, data.indexOf(',') + 1))}…` : key;
    return saveEntry({ url: shown, key, report: res.report, thumb: res.thumb });
  }).finally(() => inflight.delete(k));
  inflight.set(k, p);
  return p;
}

async function checkUrlNow(url, revalidate, why) {
  const cached = cachedUrl(url);
  if (cached && !revalidate && Date.now() - cached.at < FRESH_MS) {
    const e = await loadEntry(cached.id);
    if (e) return e;
  }
  const options = await checkOptions();
  let res = await runEngine({ op: 'image', url, etag: cached?.etag, lastModified: cached?.lastModified, options });
  if (res.notModified) {
    const e = cached && (await loadEntry(cached.id));
    if (e) {
      touchUrl(url);
      return e;
    }
    res = await runEngine({ op: 'image', url, options });
  }
  if (res.fetchFailed && why) res.report = errorReport(`${res.report.summary.replace(/^This could not be checked\. /, '')} Reading it through its page failed too: ${why}.`);
  return saveEntry({ url, ...res });
}

async function runEngine(req) {
  try {
    return await engine(req);
  } catch (e) {
    return { report: errorReport(`The checker could not run (${e.message || e}).`) };
  }
}

/** Check a text; resolves to the stored entry. */
export async function checkText(text) {
  const res = await runEngine({ op: 'text', text: String(text), options: await checkOptions() });
  return saveEntry({ text: String(text), report: res.report });
}

/**
 * Check the image of a stored entry again with its remote Content Credentials, fetched at
 * `remote` (only after the reader clicked; the engine checks the image still names it).
 * Resolves to the new stored entry.
 */
export async function checkRemote(entry, remote) {
  const options = await checkOptions();
  const res = await enqueue(() => runEngine({ op: 'image', url: entry.url, options, remote }));
  return saveEntry({ url: entry.url, ...res });
}
