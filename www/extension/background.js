// The extension's background: a thin router. Chrome runs it as a module service worker (the
// engine then lives in an offscreen document, see lib/host.js), Firefox as a module background
// page. Listeners are registered at the top level so a restarted worker gets every event.
// Nothing leaves the browser except the image fetches and the trust-list fetches.

import { checkText, checkUrl } from './lib/checks.js';
import { loadEntry, loadRequest, noteForTab, resetTab, saveRequest, tabSummary } from './lib/store.js';
import { verdictInfo } from './shared/verdicts.js';

const EXT_BASE = chrome.runtime.getURL('');
const MENU_IMAGE = 'ailabel-check-image';
const MENU_TEXT = 'ailabel-check-text';

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: MENU_IMAGE, title: 'Check this image', contexts: ['image'] });
    chrome.contextMenus.create({ id: MENU_TEXT, title: 'Check selected text', contexts: ['selection'] });
  });
});

// A menu check opens the report page at once; that page runs the check and shows it.
chrome.contextMenus.onClicked.addListener(async (info, tab) => {
  let request = null;
  if (info.menuItemId === MENU_IMAGE && info.srcUrl) request = { kind: 'image', url: info.srcUrl, tabId: tab?.id ?? null };
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
  return { id: entry.id, verdict: entry.verdict, summary: r.summary || '', tools: r.ai?.tools || [], badge: { text: v.badge, color: v.color } };
}

function fromExtensionPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(EXT_BASE);
}

async function onMessage(msg, sender) {
  // Allowed from content scripts: start a page, check an image URL, open its report.
  switch (msg?.type) {
    case 'page-start':
      if (sender.tab) await resetTab(sender.tab.id);
      return { ok: true };
    case 'check-image': {
      const url = String(msg.url || '');
      const ext = fromExtensionPage(sender);
      const entry = await checkUrl(url, { revalidate: ext && msg.revalidate === true });
      // A content script's check belongs to its tab; a report page names the tab it checks for.
      const tabId = ext ? (Number.isInteger(msg.tabId) ? msg.tabId : null) : sender.tab?.id;
      if (tabId != null) await noteForTab(tabId, url, entry.id);
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
    case 'tab-summary':
      return tabSummary(Number(msg.tabId));
  }
  return { error: 'unknown message' };
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg?.target === 'offscreen') return false;
  onMessage(msg, sender).then(sendResponse, (e) => sendResponse({ error: String(e?.message || e) }));
  return true;
});
