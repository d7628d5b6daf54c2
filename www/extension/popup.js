// The toolbar popup: counts per verdict for the current tab, thumbnails, links to each report, and
// automatic badges for the tab's site: offered when not granted ("Check images on this site
// automatically", "... on every site"), stopped or paused when granted.
// popup.html?tab=<id> shows another tab (used by tests and for debugging).
import { ORDER, verdictInfo } from './shared/verdicts.js';
import { el } from './shared/dom.js';
import { getSettings, setSettings } from './lib/settings.js';
import { listGrants, managed, revokeSite, sitePattern } from './lib/access.js';
import { offerButtons, patternName } from './lib/sites-ui.js';

function pill(verdict) {
  const v = verdictInfo(verdict);
  const p = el('span', { class: 'pill', 'data-verdict': verdict }, v.badge);
  p.style.background = v.color;
  return p;
}

async function currentTab() {
  const q = new URLSearchParams(location.search).get('tab');
  if (q) return chrome.tabs.get(Number(q)).catch(() => ({ id: Number(q) }));
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** Origins (as match patterns) of the images the page shows, read with the popup's activeTab. */
async function imageOrigins(tabId) {
  try {
    const frames = await chrome.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => [...document.images].map((i) => i.currentSrc || i.src).filter((u) => /^https?:/.test(u)).slice(0, 500),
    });
    return [...new Set(frames.flatMap((f) => f.result || []).map(sitePattern).filter(Boolean))];
  } catch {
    return [];
  }
}

async function drawSite(tab) {
  const pattern = tab?.url && sitePattern(tab.url);
  if (!pattern) return;
  const box = document.getElementById('site');
  const state = document.getElementById('site-state');
  const actions = document.getElementById('site-actions');
  const host = new URL(tab.url).hostname;
  const { all, sites, other } = await listGrants();
  const own = sites.find((s) => s.pattern === pattern) || (other.includes(pattern) ? { pattern, images: [] } : null);
  box.hidden = false;
  box.dataset.granted = all ? 'all' : own ? 'site' : 'none';
  if (all || managed()) {
    const s = await getSettings();
    const paused = s.sites?.[host] === false;
    state.textContent = `Automatic badges are on for every site${paused ? `, paused on ${host}` : ''}.`;
    const pause = el('input', { type: 'checkbox', id: 'site-pause' });
    pause.checked = paused;
    pause.addEventListener('change', async () => {
      const cur = await getSettings();
      await setSettings({ sites: { ...cur.sites, [host]: !pause.checked } });
      drawSite(tab);
    });
    actions.replaceChildren(el('label', {}, pause, ` Pause on ${host}`));
  } else if (own) {
    state.textContent = `Automatic badges are on for ${patternName(pattern)}.`;
    const stop = el('button', { type: 'button', 'data-revoke': pattern }, 'Stop on this site');
    stop.addEventListener('click', async () => {
      await revokeSite(pattern).catch(() => false);
      drawSite(tab);
    });
    actions.replaceChildren(stop);
  } else {
    state.textContent = `ailabel has no access to ${host}: right-click an image to check it, or turn on automatic badges.`;
    const images = await imageOrigins(tab.id);
    actions.replaceChildren(...offerButtons({
      site: tab.url,
      images,
      onDone: async (ok) => {
        if (!ok) return;
        await chrome.runtime.sendMessage({ type: 'start-tab', tabId: tab.id });
        drawSite(tab);
      },
    }));
  }
}

function openReport(id) {
  chrome.tabs.create({ url: chrome.runtime.getURL(`report.html?id=${encodeURIComponent(id)}`) });
}

async function main() {
  const tab = await currentTab();
  const id = tab?.id;
  const status = document.getElementById('status');
  if (id == null) {
    status.textContent = 'No tab.';
    return;
  }
  const sum = await chrome.runtime.sendMessage({ type: 'tab-summary', tabId: id });
  if (!sum || sum.error) {
    status.textContent = sum?.error || 'No answer from the extension.';
    return;
  }
  const total = sum.items.length;
  status.textContent = total
    ? `${total} image${total === 1 ? '' : 's'} checked on this page.`
    : 'No image checked on this page yet (only visible images of a useful size are checked).';
  status.dataset.total = String(total);
  const table = document.getElementById('counts');
  for (const v of ORDER) {
    const n = sum.counts[v] || 0;
    table.append(
      el('tr', { class: n ? '' : 'zero', 'data-count-verdict': v, 'data-count': String(n) },
        el('td', {}, pill(v)), el('td', {}, verdictInfo(v).title), el('td', { class: 'n' }, String(n))),
    );
  }
  const list = document.getElementById('items');
  for (const it of sum.items) {
    const thumb = it.thumb ? el('img', { class: 'thumb', src: it.thumb, alt: '' }) : el('div', { class: 'thumb' });
    const link = el('a', { href: `report.html?id=${encodeURIComponent(it.id)}`, 'data-report-id': it.id }, 'Report');
    link.addEventListener('click', (e) => {
      e.preventDefault();
      openReport(it.id);
    });
    list.append(
      el('li', { 'data-verdict': it.verdict },
        thumb,
        el('div', { class: 'meta' }, pill(it.verdict), ' ', link, el('span', { class: 'url', title: it.url }, it.url))),
    );
  }
  await drawSite(tab);
}

main();
