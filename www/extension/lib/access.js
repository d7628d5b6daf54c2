// Which sites get automatic badges, and the host access behind them (least privilege).
//
// The store build asks for no host at install (`optional_host_permissions` only). A reader grants
// one site (its origin, with the origins of the images it shows) or every site from the popup,
// the first-run page or the options page; the grant is the browser's own permission
// (`chrome.permissions`, `browser.permissions` on Firefox), and the content script is registered
// for the granted sites with `chrome.scripting.registerContentScripts`. Revoking removes the
// permission; content scripts already running see `access` change in storage and stop.
// The managed build is granted every site at install and declares its content script statically.
//
// Storage: `grants` (local) = { [sitePattern]: { images: [pattern], at } }, what the reader asked
// for; `access` (local) = { all, origins }, the sites with badges now, written by the background
// from the permissions actually held, read by content scripts.

/** The content script's files, in order (they share one isolated world). */
export const CONTENT_FILES = ['content/find.js', 'content/badge.js', 'content/main.js'];
const SCRIPT_ID = 'ailabel-badges';
/** Image origins asked for with one site, at most. */
export const MAX_IMAGE_ORIGINS = 8;
const ALL = ['*://*/*', '<all_urls>', 'http://*/*', 'https://*/*'];

/** The match pattern of the site of `url` (any port), or null for pages that cannot be granted. */
export function sitePattern(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

/** Is the extension installed with every site granted (the managed build)? */
export function managed() {
  return (chrome.runtime.getManifest().host_permissions || []).some((p) => ALL.includes(p));
}

async function grants() {
  return (await chrome.storage.local.get('grants')).grants || {};
}

/** What is granted now: `{ all, sites: [{ pattern, images }], other: [pattern] }`. */
export async function listGrants() {
  const { origins = [] } = await chrome.permissions.getAll();
  const held = new Set(origins);
  const all = origins.some((o) => ALL.includes(o));
  const recorded = await grants();
  const sites = Object.entries(recorded)
    .filter(([p]) => held.has(p))
    .map(([pattern, g]) => ({ pattern, images: (g.images || []).filter((i) => held.has(i)) }));
  const used = new Set(sites.flatMap((s) => [s.pattern, ...s.images]));
  // Granted outside our pages (the browser's own site-access settings): a site of its own.
  const other = origins.filter((o) => !used.has(o) && !ALL.includes(o));
  return { all, sites, other };
}

/**
 * Ask for automatic badges on the site `pattern`, with read access to `images` (the origins of
 * pictures it shows). Must run in a user gesture. The grant is recorded first: the popup may
 * close while the browser's prompt is open, and the background finishes the job (onAdded).
 */
export async function requestSite(pattern, images = []) {
  const extra = [...new Set(images)].filter((p) => p !== pattern).slice(0, MAX_IMAGE_ORIGINS);
  const recorded = await grants();
  recorded[pattern] = { images: extra, at: new Date().toISOString() };
  await chrome.storage.local.set({ grants: recorded });
  return chrome.permissions.request({ origins: [pattern, ...extra] });
}

/** Ask for automatic badges on every site. Must run in a user gesture. */
export function requestAll() {
  return chrome.permissions.request({ origins: ['<all_urls>'] });
}

/** Revoke one site and the image origins no other granted site needs. */
export async function revokeSite(pattern) {
  const recorded = await grants();
  const mine = recorded[pattern]?.images || [];
  delete recorded[pattern];
  const stillUsed = new Set(Object.entries(recorded).flatMap(([p, g]) => [p, ...(g.images || [])]));
  await chrome.storage.local.set({ grants: recorded });
  const origins = [pattern, ...mine.filter((i) => !stillUsed.has(i))];
  return chrome.permissions.remove({ origins });
}

/** Revoke the every-site grant (site grants stay). */
export function revokeAll() {
  return chrome.permissions.remove({ origins: ['<all_urls>'] });
}

/**
 * Bring `access` and the registered content script in line with the permissions held. Runs in
 * the background at start and on every permission change.
 */
export async function syncAccess() {
  const { all, sites, other } = await listGrants();
  const origins = [...sites.map((s) => s.pattern), ...other];
  await chrome.storage.local.set({ access: { all, origins } });
  if (chrome.runtime.getManifest().content_scripts?.length) return { all, origins }; // declared statically
  const matches = all ? ['*://*/*'] : origins;
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (!matches.length) {
    if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return { all, origins };
  }
  const script = {
    id: SCRIPT_ID,
    matches,
    js: CONTENT_FILES,
    runAt: 'document_idle',
    allFrames: true,
    matchOriginAsFallback: true,
    persistAcrossSessions: true,
  };
  const write = (sc) => (existing.length ? chrome.scripting.updateContentScripts([sc]) : chrome.scripting.registerContentScripts([sc]));
  try {
    await write(script);
  } catch {
    // A browser without `matchOriginAsFallback` (about:blank and blob: frames then get no badges).
    const { matchOriginAsFallback, ...plain } = script;
    await write(plain);
  }
  return { all, origins };
}

/** Start the content script in open tabs of newly granted sites (registration covers new loads). */
export async function injectOpenTabs(origins) {
  const patterns = origins.some((o) => ALL.includes(o)) ? ['*://*/*'] : origins.filter((o) => /^(\*|https?):\/\//.test(o));
  if (!patterns.length) return;
  const tabs = await chrome.tabs.query({ url: patterns });
  await Promise.all(tabs.map((t) =>
    chrome.scripting.executeScript({ target: { tabId: t.id, allFrames: true }, files: CONTENT_FILES }).catch(() => {}),
  ));
}

/** Does the extension hold host access to the origin of `url`? */
export async function canRead(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    return await chrome.permissions.contains({ origins: [`${u.origin}/*`] });
  } catch {
    return false;
  }
}
