// The toolbar popup: counts per verdict for the current tab, thumbnails, links to each report.
// popup.html?tab=<id> shows another tab (used by tests and for debugging).
import { ORDER, verdictInfo } from './shared/verdicts.js';
import { el } from './shared/dom.js';
import { getSettings, setSettings } from './lib/settings.js';

function pill(verdict) {
  const v = verdictInfo(verdict);
  const p = el('span', { class: 'pill', 'data-verdict': verdict }, v.badge);
  p.style.background = v.color;
  return p;
}

async function tabId() {
  const q = new URLSearchParams(location.search).get('tab');
  if (q) return Number(q);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function openReport(id) {
  chrome.tabs.create({ url: chrome.runtime.getURL(`report.html?id=${encodeURIComponent(id)}`) });
}

async function main() {
  const id = await tabId();
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
  // Per-site switch: ask the page's content script which site it is on.
  try {
    const info = await chrome.tabs.sendMessage(id, { type: 'page-info' });
    if (info?.host) {
      const row = document.getElementById('site-row');
      const box = document.getElementById('site-scan');
      document.getElementById('site-host').textContent = info.host;
      row.hidden = false;
      if (info.optOut) {
        box.disabled = true;
        row.title = 'This page asks extensions not to add badges.';
      }
      box.checked = info.scanning;
      box.addEventListener('change', async () => {
        const s = await getSettings();
        await setSettings({ sites: { ...s.sites, [info.host]: box.checked } });
      });
    }
  } catch {
    // no content script on this tab (an extension or browser page)
  }
}

main();
