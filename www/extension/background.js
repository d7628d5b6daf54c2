// The extension's background: a thin router. Chrome runs it as a module service worker (the
// engine then lives in an offscreen document, see lib/host.js), Firefox as a module background
// page. Listeners are registered at the top level so a restarted worker gets every event.
// Nothing leaves the browser except the image fetches and the trust-list fetches.
// Host access is granted per site at run time (lib/access.js); a right-click check uses the
// activeTab grant of the click to read the picture through its tab when the extension may not
// fetch it itself.

import { canRead, injectOpenTabs, managed, syncAccess } from './lib/access.js';
import { checkBytes, checkRemote, checkText, checkUrl, MAX_SENT_BYTES } from './lib/checks.js';
import { loadEntry, loadRequest, noteForTab, resetTab, saveRequest, tabSummary } from './lib/store.js';
import { verdictInfo } from './shared/verdicts.js';

const EXT_BASE = chrome.runtime.getURL('');
const MENU_IMAGE = 'ailabel-check-image';
const MENU_TEXT = 'ailabel-check-text';

chrome.runtime.onInstalled.addListener(({ reason }) => {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: MENU_IMAGE, title: 'Check with ailabel', contexts: ['image'] });
    chrome.contextMenus.create({ id: MENU_TEXT, title: 'Check selected text with ailabel', contexts: ['selection'] });
  });
  syncAccess().catch(() => {});
  // The store build starts with no site: the first-run page offers automatic badges.
  if (reason === 'install' && !managed()) chrome.tabs.create({ url: chrome.runtime.getURL('welcome.html') });
});

// Grants and revokes, from our pages or from the browser's own site-access settings.
chrome.runtime.onStartup.addListener(() => syncAccess().catch(() => {}));
chrome.permissions.onAdded.addListener(async ({ origins = [] }) => {
  await syncAccess().catch(() => {});
  const { access } = await chrome.storage.local.get('access');
  // Start badges at once in open tabs of the newly granted sites (not of image-only origins).
  const sites = origins.filter((o) => access?.all || access?.origins?.includes(o) || o === '<all_urls>' || o === '*://*/*');
  await injectOpenTabs(sites).catch(() => {});
});
chrome.permissions.onRemoved.addListener(() => syncAccess().catch(() => {}));

// A menu check opens the report page at once; that page runs the check and shows it.
chrome.contextMenus.onClicked.addListener(async (info, tab) => {
  let request = null;
  // The click grants activeTab: the report page's check may read the image through this tab.
  if (info.menuItemId === MENU_IMAGE && info.srcUrl) request = { kind: 'image', url: info.srcUrl, tabId: tab?.id ?? null, frameId: info.frameId ?? 0 };
  else if (info.menuItemId === MENU_TEXT && info.selectionText) request = { kind: 'text', text: info.selectionText };
  if (!request) return;
  const q = await saveRequest(request);
  openReport(`report.html?q=${encodeURIComponent(q)}`, tab);
});

chrome.tabs.onRemoved.addListener((tabId) => {
  resetTab(tabId, { closed: true });
});

function openReport(path, tab) {
  const opts = { url: chrome.runtime.getURL(path) };
  if (tab?.index != null) opts.index = tab.index + 1;
  return chrome.tabs.create(opts);
}

/** What a content script needs to draw a badge: the words and colour come from the vocabulary. */
function brief(entry) {
  const r = entry.report || {};
  const v = verdictInfo(entry.verdict);
  // Content Credentials kept elsewhere: the badge says where; the report page offers the fetch.
  const rm = r.remote_manifest;
  const remote = rm && rm.status === 'not-fetched' ? { host: rm.host || rm.url, fetchable: Boolean(rm.fetchable) } : null;
  const summary = remote && rm.explanation ? String(r.summary || '').replace(rm.explanation, '').trim() : r.summary || '';
  return { id: entry.id, verdict: entry.verdict, summary, tools: r.ai?.tools || [], remote, badge: { text: v.badge, color: v.color } };
}

/** The origin of the frame a content script runs in. */
function senderOrigin(sender) {
  if (sender.origin && sender.origin !== 'null') return sender.origin;
  try {
    return new URL(sender.url).origin;
  } catch {
    return null;
  }
}

/** A content script's checks are answered only where the site is granted (it may have been revoked). */
async function siteGranted(sender) {
  const origin = senderOrigin(sender);
  return Boolean(origin) && canRead(`${origin}/`);
}

/**
 * Read a picture's bytes through the tab it was shown in, in the page's origin, as a data: URL:
 * for blob: URLs and for images the extension may not fetch itself. Needs the tab's access
 * (activeTab after a right-click, or a granted site). Never reads another origin's blob: URL.
 */
async function readThroughTab(tabId, frameId, url) {
  const [res] = await chrome.scripting.executeScript({
    target: { tabId, frameIds: [frameId ?? 0] },
    args: [url, MAX_SENT_BYTES],
    func: async (src, max) => {
      try {
        if (/^blob:/i.test(src) && new URL(src.slice(5)).origin !== self.origin) return { error: 'a blob: URL of another origin' };
        const r = await fetch(src, { credentials: 'omit' });
        if (!r.ok) return { error: `HTTP ${r.status}` };
        const blob = await r.blob();
        if (blob.size > max) return { error: `the file is over the ${max}-byte limit` };
        return await new Promise((resolve) => {
          const fr = new FileReader();
          fr.onload = () => resolve({ data: fr.result });
          fr.onerror = () => resolve({ error: 'the file could not be read' });
          fr.readAsDataURL(blob);
        });
      } catch (e) {
        return { error: String(e?.message || e) };
      }
    },
  });
  return res?.result ?? { error: 'no answer from the tab' };
}

/** A menu (or report page) check: fetched by the extension, else read through its tab. */
async function checkForPage(url, tabId, frameId) {
  const direct = !/^blob:/i.test(url);
  if (direct) {
    const entry = await checkUrl(url, { revalidate: true });
    if (!entry.fetchFailed || tabId == null) return entry;
  }
  if (tabId == null) return checkUrl(url, { revalidate: true });
  let got;
  try {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('the tab did not answer within 15 s')), 15_000);
    });
    got = await Promise.race([readThroughTab(tabId, frameId, url), late]).finally(() => clearTimeout(timer));
  } catch (e) {
    got = { error: `no access to the tab (${e?.message || e})` };
  }
  if (got.data) return checkBytes(url, got.data);
  return checkUrl(url, { revalidate: true, why: got.error });
}

function fromExtensionPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(EXT_BASE);
}

async function onMessage(msg, sender) {
  // Allowed from content scripts: start a page, check an image URL, open its report.
  switch (msg?.type) {
    case 'page-start':
      if (sender.tab && (sender.frameId ?? 0) === 0) await resetTab(sender.tab.id);
      return { ok: true };
    case 'check-bytes': {
      // A blob: picture read by the content script in its own origin.
      if (fromExtensionPage(sender) || !(await siteGranted(sender))) return { error: 'not allowed' };
      const url = String(msg.url || '');
      const data = msg.data;
      if (!/^blob:/i.test(url) || typeof data !== 'string' || !/^data:/i.test(data) || data.length > MAX_SENT_BYTES * 1.4) return { error: 'not a picture' };
      const entry = await checkBytes(url, data);
      if (sender.tab) await noteForTab(sender.tab.id, entry.url, entry.id);
      return brief(entry);
    }
    case 'check-image': {
      const url = String(msg.url || '');
      const ext = fromExtensionPage(sender);
      if (!ext && !(await siteGranted(sender))) return { error: 'not allowed' };
      const tabFor = Number.isInteger(msg.tabId) ? msg.tabId : null;
      const entry = ext && msg.revalidate === true
        ? await checkForPage(url, tabFor, Number.isInteger(msg.frameId) ? msg.frameId : 0)
        : await checkUrl(url);
      // A content script's check belongs to its tab; a report page names the tab it checks for.
      const tabId = ext ? (Number.isInteger(msg.tabId) ? msg.tabId : null) : sender.tab?.id;
      if (tabId != null) await noteForTab(tabId, entry.url, entry.id);
      return ext ? { entry } : brief(entry);
    }
    case 'open-report': {
      const entry = await loadEntry(String(msg.id));
      if (!entry) return { error: 'no such report' };
      await openReport(`report.html?id=${encodeURIComponent(entry.id)}`, sender.tab);
      return { ok: true };
    }
  }
  // Only from the extension's own pages: reports, menu requests, text checks, tab summaries.
  if (!fromExtensionPage(sender)) return { error: 'not allowed' };
  switch (msg.type) {
    case 'get-report': {
      const entry = await loadEntry(String(msg.id));
      return entry ? { entry } : { error: 'This report is no longer in this session.' };
    }
    case 'get-request': {
      const request = await loadRequest(String(msg.q));
      return request ? { request } : { error: 'This check is no longer in this session.' };
    }
    case 'check-text':
      return { entry: await checkText(String(msg.text ?? '')) };
    case 'check-remote': {
      // The reader clicked "Fetch and verify" on a report page: fetch the remote Content
      // Credentials that this entry's image names (in the engine) and check it again.
      const entry = await loadEntry(String(msg.id));
      const rm = entry?.report?.remote_manifest;
      if (!entry || !/^https?:/i.test(entry.url || '')) return { error: 'This report cannot be checked again: right-click the image to check it anew.' };
      if (!rm || rm.status !== 'not-fetched' || !rm.fetchable) return { error: 'This report names no remote Content Credentials that may be fetched.' };
      return { entry: await checkRemote(entry, rm.url) };
    }
    case 'tab-summary':
      return tabSummary(Number(msg.tabId));
    case 'start-tab':
      // After a grant from the popup: start badges in that tab now (registration covers reloads).
      await syncAccess();
      await injectOpenTabs((await chrome.storage.local.get('access')).access?.origins || []);
      return { ok: true };
  }
  return { error: 'unknown message' };
}

// Content scripts talk over one port each (content/main.js): `{ id, body }` in, `{ id, res }` out.
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'ailabel-content' || port.sender?.id !== chrome.runtime.id) return;
  port.onMessage.addListener((m) => {
    if (!m || typeof m.id !== 'number') return;
    onMessage(m.body, port.sender).then(
      (res) => res,
      (e) => ({ error: String(e?.message || e) }),
    ).then((res) => {
      try {
        port.postMessage({ id: m.id, res });
      } catch {
        // the page went away
      }
    });
  });
});

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg?.target === 'offscreen') return false;
  onMessage(msg, sender).then(sendResponse, (e) => sendResponse({ error: String(e?.message || e) }));
  return true;
});
