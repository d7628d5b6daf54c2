// Trust settings: the official C2PA trust lists (fetched on demand, cached with their fetch
// date), and PEM files the user imports. Stored in localStorage; nothing is ever uploaded.

export const OFFICIAL = {
  trust: 'https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TRUST-LIST.pem',
  tsa: 'https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TSA-TRUST-LIST.pem',
};
export const KINDS = {
  trustAnchors: 'Trust anchors (signer root CAs)',
  allowedList: 'Allowed signer certificates',
  tsaAnchors: 'Time-stamp authority anchors',
  trustConfig: 'Accepted key usages (store.cfg)',
};
const KEY_ENABLED = 'ailabel.trust.official.enabled';
const KEY_OFFICIAL = 'ailabel.trust.official';
const KEY_IMPORTED = 'ailabel.trust.imported';
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

function read(key, fallback) {
  try {
    const v = localStorage.getItem(key);
    return v === null ? fallback : JSON.parse(v);
  } catch {
    return fallback;
  }
}
function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the setting lasts for this visit only */
  }
}

export const officialEnabled = () => read(KEY_ENABLED, true) !== false;
export const setOfficialEnabled = (on) => write(KEY_ENABLED, Boolean(on));
export const officialCache = () => read(KEY_OFFICIAL, null);
export const imported = () => read(KEY_IMPORTED, []);

/** Count the certificates in a PEM bundle. */
export function countCerts(pem) {
  return (String(pem).match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
}

/** True when the cached official lists are missing or older than a week. */
export function officialStale() {
  const c = officialCache();
  return !c || !(Date.now() - Date.parse(c.fetchedAt) < MAX_AGE_MS);
}

/** Fetch both official lists; keeps the old copy if either fetch fails. */
export async function refreshOfficial(fetchImpl = fetch) {
  const get = async (url) => {
    let res;
    try {
      res = await fetchImpl(url, { mode: 'cors', cache: 'no-cache' });
    } catch {
      throw new Error(`could not reach ${new URL(url).host} (offline, or blocked)`);
    }
    if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
    const text = await res.text();
    if (!countCerts(text)) throw new Error(`${url} holds no PEM certificates`);
    return text;
  };
  const [trust, tsa] = await Promise.all([get(OFFICIAL.trust), get(OFFICIAL.tsa)]);
  const value = { trust, tsa, fetchedAt: new Date().toISOString() };
  write(KEY_OFFICIAL, value);
  return value;
}

/** Check and store an imported file. Throws an Error with a message for the user. */
export function importList(name, kind, text) {
  if (!KINDS[kind]) throw new Error(`unknown list kind ${kind}`);
  const body = String(text);
  if (kind === 'trustConfig') {
    if (!/^\s*\d+(\.\d+)+\s*$/m.test(body)) throw new Error(`${name}: expected lines of key-usage OIDs (like 1.3.6.1.5.5.7.3.4), but found none`);
  } else if (kind === 'allowedList') {
    if (!countCerts(body) && !/^\s*[A-Za-z0-9+/=]{40,}\s*$/m.test(body)) throw new Error(`${name}: expected PEM certificates or lines of SHA-256 hashes, but found neither`);
  } else if (!countCerts(body)) {
    throw new Error(`${name}: expected PEM certificates (-----BEGIN CERTIFICATE-----), but found none`);
  }
  const list = imported();
  const entry = { id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, name: String(name), kind, text: body, count: countCerts(body), addedAt: new Date().toISOString() };
  list.push(entry);
  write(KEY_IMPORTED, list);
  return entry;
}

export function removeImported(id) {
  write(KEY_IMPORTED, imported().filter((e) => e.id !== id));
}

/** The trust part of the checker options, from what is active now. */
export function trustOptions() {
  const opts = { trustAnchors: [], allowedList: [], tsaAnchors: [], trustConfig: [] };
  const off = officialEnabled() ? officialCache() : null;
  if (off) {
    opts.trustAnchors.push(off.trust);
    opts.tsaAnchors.push(off.tsa);
  }
  for (const e of imported()) opts[e.kind]?.push(e.text);
  return opts;
}

/** Human-readable descriptions of the active lists. */
export function activeLists() {
  const out = [];
  const off = officialCache();
  if (officialEnabled()) {
    if (off) {
      out.push({ name: 'Official C2PA trust list', detail: `${countCerts(off.trust)} certificates, fetched ${off.fetchedAt}` });
      out.push({ name: 'Official C2PA time-stamp authority list', detail: `${countCerts(off.tsa)} certificates, fetched ${off.fetchedAt}` });
    } else {
      out.push({ name: 'Official C2PA trust lists', detail: 'on, but not fetched yet' });
    }
  }
  for (const e of imported()) {
    out.push({ id: e.id, name: e.name, detail: `${KINDS[e.kind]}${e.count ? `, ${e.count} certificates` : ''}, imported ${e.addedAt}` });
  }
  return out;
}
