// Checks as the background runs them: at most a few at once, one in flight per URL, results
// reused by URL for a minute and revalidated with ETag/Last-Modified after that. The trust
// options come from the shared trust store; the work itself is done by the engine (host.js).

import { engine } from './host.js';
import { errorReport } from './engine.js';
import { cachedUrl, loadEntry, saveEntry, touchUrl } from './store.js';
import { chromeStorageAdapter } from '../shared/storage.js';
import { TRUST_KEY, TrustStore, staleLists, trustOptions } from '../shared/trust.js';

/** How many checks run at once. */
const CONCURRENCY = 3;
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
    const stale = t.official && t.autoUpdate ? staleLists(t).filter((l) => !l.error) : [];
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
export function checkUrl(url, { revalidate = false } = {}) {
  const key = `${revalidate ? 'r' : 'c'}:${url}`;
  if (inflight.has(key)) return inflight.get(key);
  const p = enqueue(() => checkUrlNow(url, revalidate)).finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

async function checkUrlNow(url, revalidate) {
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
