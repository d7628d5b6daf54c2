// Trust lists: the official C2PA lists and the legacy CAI "interim" list (fetched from their
// addresses, stored with their fetch date or the error of the last try) and files the user
// imports. The legacy list counts only for signatures made before its freeze on 2026-01-01 (the
// checker applies that rule: legacy* options, src/options.rs). One module for the page and
// the extension, over a storage adapter (storage.js); everything is kept under one key.

import { fetchCapped } from './fetch.js';

/** The storage key of the trust state, the same on the page and in the extension. */
export const TRUST_KEY = 'ailabel.trust';
/** Largest trust-list file we download, in bytes (the official list is about 100 KB). */
export const MAX_LIST_BYTES = 2 * 1024 * 1024;
/** How long a trust-list download may take. */
export const FETCH_TIMEOUT_MS = 30_000;
/** Lists older than this are refetched when auto-update is on. */
export const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/** The kinds of trust material, named as the checker's options (src/wasm.rs). */
export const KINDS = {
  trustAnchors: 'Trust anchors (signer root CAs)',
  allowedList: 'Allowed signer certificates',
  tsaAnchors: 'Time-stamp authority anchors',
  trustConfig: 'Accepted key usages (store.cfg)',
};

/** The kinds of the legacy list's parts, named as the checker's options (src/wasm.rs). */
export const LEGACY_KINDS = {
  legacyTrustAnchors: 'Legacy CAI list: trust anchors',
  legacyAllowedList: 'Legacy CAI list: allowed signer certificates',
  legacyTrustConfig: 'Legacy CAI list: accepted key usages (store.cfg)',
};

/** When the legacy list was frozen; it counts only for signatures made before. */
export const LEGACY_FROZEN = '2026-01-01';

/** The official C2PA trust list and TSA trust list (c2pa-org/conformance-public). */
export const OFFICIAL_LISTS = [
  {
    id: 'c2pa',
    name: 'Official C2PA trust list',
    kind: 'trustAnchors',
    url: 'https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TRUST-LIST.pem',
  },
  {
    id: 'tsa',
    name: 'Official C2PA time-stamp authority list',
    kind: 'tsaAnchors',
    url: 'https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TSA-TRUST-LIST.pem',
  },
  {
    id: 'legacy-anchors',
    group: 'legacy',
    name: `Legacy CAI list (frozen ${LEGACY_FROZEN}): anchors`,
    kind: 'legacyTrustAnchors',
    url: 'https://contentcredentials.org/trust/anchors.pem',
  },
  {
    id: 'legacy-allowed',
    group: 'legacy',
    name: `Legacy CAI list (frozen ${LEGACY_FROZEN}): allowed certificates`,
    kind: 'legacyAllowedList',
    url: 'https://contentcredentials.org/trust/allowed.pem',
  },
  {
    id: 'legacy-config',
    group: 'legacy',
    name: `Legacy CAI list (frozen ${LEGACY_FROZEN}): accepted key usages`,
    kind: 'legacyTrustConfig',
    url: 'https://contentcredentials.org/trust/store.cfg',
  },
];

/** Whether a built-in list is turned on in `state` (official or legacy group). */
export function listOn(state, l) {
  return l.group === 'legacy' ? state.legacy !== false : Boolean(state.official);
}

/** True when `text` holds lines of dotted key-usage OIDs (a store.cfg). */
function hasOids(text) {
  return /^\s*\d+(\.\d+)+\s*$/m.test(String(text));
}

/** Count the certificates in a PEM bundle. */
export function countCerts(pem) {
  return (String(pem ?? '').match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
}

/** The state with nothing stored yet. */
export function defaultTrust() {
  return {
    official: true,
    legacy: true,
    autoUpdate: true,
    lists: OFFICIAL_LISTS.map((l) => ({ ...l, pem: '', fetchedAt: null, error: null })),
    imported: [],
  };
}

/** Throws an Error with a message for the user when `text` is not a `kind` file. */
export function validateImport(name, kind, text) {
  if (!Object.hasOwn(KINDS, kind)) throw new Error(`unknown list kind ${kind}`);
  const body = String(text);
  if (kind === 'trustConfig') {
    if (!hasOids(body)) throw new Error(`${name}: expected lines of key-usage OIDs (like 1.3.6.1.5.5.7.3.4), but found none`);
  } else if (kind === 'allowedList') {
    if (!countCerts(body) && !/^\s*[A-Za-z0-9+/=]{40,}\s*$/m.test(body)) throw new Error(`${name}: expected PEM certificates or lines of SHA-256 hashes, but found neither`);
  } else if (!countCerts(body)) {
    throw new Error(`${name}: expected PEM certificates (-----BEGIN CERTIFICATE-----), but found none`);
  }
}

/** The trust part of the checker options, from a state. */
export function trustOptions(state) {
  const opts = { trustAnchors: [], allowedList: [], tsaAnchors: [], trustConfig: [] };
  for (const k of Object.keys(LEGACY_KINDS)) opts[k] = [];
  for (const l of state.lists) if (l.pem && listOn(state, l)) opts[l.kind]?.push(l.pem);
  for (const e of state.imported) opts[e.kind]?.push(e.text);
  return opts;
}

/** Human-readable descriptions of the lists in use: `{ id?, name, detail }`. */
export function activeLists(state) {
  const out = [];
  for (const l of state.lists) {
    if (!listOn(state, l)) continue;
    const what = l.kind === 'legacyTrustConfig' ? 'key usages' : `${countCerts(l.pem)} certificates`;
    out.push({ name: l.name, detail: l.pem ? `${what}, fetched ${l.fetchedAt}` : 'on, but not fetched yet' });
  }
  for (const e of state.imported) {
    const count = countCerts(e.text);
    out.push({ id: e.id, name: e.name, detail: `${KINDS[e.kind]}${count ? `, ${count} certificates` : ''}, imported ${e.addedAt}` });
  }
  return out;
}

/** Lists turned on whose copy is missing or older than MAX_AGE_MS. */
export function staleLists(state, now = Date.now()) {
  return state.lists.filter((l) => l.url && listOn(state, l) && !(now - Date.parse(l.fetchedAt) < MAX_AGE_MS));
}

/** The trust state over one storage adapter. Every change is read, changed and written back. */
export class TrustStore {
  constructor(storage, { fetchImpl = (...a) => fetch(...a) } = {}) {
    this.storage = storage;
    this.fetchImpl = fetchImpl;
  }

  async load() {
    const got = (await this.storage.get(TRUST_KEY)) ?? {};
    const t = { ...defaultTrust(), ...got };
    if (!Array.isArray(t.lists)) t.lists = defaultTrust().lists;
    // Built-in lists added since the state was stored (the legacy list) join with no copy yet.
    for (const d of defaultTrust().lists) if (!t.lists.some((l) => l.id === d.id)) t.lists.push(d);
    if (!Array.isArray(t.imported)) t.imported = [];
    return t;
  }

  async update(change) {
    const t = await this.load();
    change(t);
    await this.storage.set(TRUST_KEY, t);
    return t;
  }

  setOfficial(on) {
    return this.update((t) => { t.official = Boolean(on); });
  }

  setLegacy(on) {
    return this.update((t) => { t.legacy = Boolean(on); });
  }

  setAutoUpdate(on) {
    return this.update((t) => { t.autoUpdate = Boolean(on); });
  }

  setListUrl(id, url) {
    return this.update((t) => {
      t.lists = t.lists.map((l) => (l.id === id ? { ...l, url: String(url).trim(), error: null } : l));
    });
  }

  /** Check and store an imported file; returns the entry. Throws an Error for the user. */
  async importList(name, kind, text) {
    validateImport(name, kind, text);
    const entry = {
      id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      name: String(name), kind, text: String(text), count: countCerts(text), addedAt: new Date().toISOString(),
    };
    await this.update((t) => { t.imported.push(entry); });
    return entry;
  }

  removeImported(id) {
    return this.update((t) => { t.imported = t.imported.filter((e) => e.id !== id); });
  }

  /**
   * Fetch the lists with these ids (all by default). Each keeps its old copy when its fetch
   * fails and records the error instead. Resolves to the new state.
   */
  async refresh(ids = null) {
    const before = await this.load();
    const todo = before.lists.filter((l) => l.url && (!ids || ids.includes(l.id)));
    const results = await Promise.all(todo.map(async (l) => [l.id, await this.download(l.url, l.kind)]));
    return this.update((t) => {
      for (const [id, r] of results) {
        const l = t.lists.find((x) => x.id === id);
        if (!l) continue;
        if (r.pem) Object.assign(l, { pem: r.pem, fetchedAt: new Date().toISOString(), error: null });
        else l.error = `${r.error} (${new Date().toISOString()})`;
      }
    });
  }

  /** One list download: `{ pem }` (the text) or `{ error }`. */
  async download(url, kind = 'trustAnchors') {
    let host = url;
    try {
      host = new URL(url).host;
    } catch {
      return { error: `${url} is not a web address` };
    }
    try {
      const { res, bytes } = await fetchCapped(url, {
        cap: MAX_LIST_BYTES, timeoutMs: FETCH_TIMEOUT_MS, fetchImpl: this.fetchImpl,
        init: { credentials: 'omit', cache: 'no-cache', referrerPolicy: 'no-referrer' },
      });
      if (!bytes) return { error: `${url} answered HTTP ${res.status}` };
      const pem = new TextDecoder().decode(bytes);
      if (kind === 'legacyTrustConfig') {
        if (!hasOids(pem)) return { error: `${url} holds no key-usage OIDs` };
      } else if (!countCerts(pem)) return { error: `${url} holds no PEM certificates` };
      return { pem };
    } catch (err) {
      return { error: `could not fetch from ${host}: ${err.message || err}` };
    }
  }
}
