// Settings (chrome.storage.local "settings") and trust material (chrome.storage.local "trust").
// Content scripts read only "settings"; trust PEMs stay with the background and the options page.

/** The official C2PA trust list and TSA trust list (c2pa-org/conformance-public). */
export const OFFICIAL_LISTS = [
  {
    id: 'c2pa',
    name: 'C2PA trust list',
    kind: 'anchors',
    url: 'https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TRUST-LIST.pem',
  },
  {
    id: 'tsa',
    name: 'C2PA TSA trust list',
    kind: 'tsa',
    url: 'https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TSA-TRUST-LIST.pem',
  },
];

/** Defaults for "settings". */
export const DEFAULT_SETTINGS = {
  autoScan: true,
  sites: {},
  showNoLabel: false,
  debug: false,
};

/** Defaults for "trust". */
export function defaultTrust() {
  return {
    autoUpdate: true,
    lists: OFFICIAL_LISTS.map((l) => ({ ...l, pem: '', fetchedAt: null, error: null })),
    imported: [],
  };
}

/** Reads the settings, filling in defaults. */
export async function getSettings() {
  const { settings } = await chrome.storage.local.get('settings');
  return { ...DEFAULT_SETTINGS, ...(settings || {}) };
}

/** Merges `patch` into the settings. */
export async function setSettings(patch) {
  const s = await getSettings();
  await chrome.storage.local.set({ settings: { ...s, ...patch } });
}

/** Reads the trust material, filling in defaults. */
export async function getTrust() {
  const { trust } = await chrome.storage.local.get('trust');
  const t = { ...defaultTrust(), ...(trust || {}) };
  if (!Array.isArray(t.lists)) t.lists = defaultTrust().lists;
  if (!Array.isArray(t.imported)) t.imported = [];
  return t;
}

/** Stores the trust material. */
export async function setTrust(trust) {
  await chrome.storage.local.set({ trust });
}

/** Counts the certificates in a PEM bundle. */
export function countCerts(pem) {
  return (String(pem).match(/-----BEGIN CERTIFICATE-----/g) || []).length;
}
