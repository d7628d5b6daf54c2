// The options page: the sites with automatic badges (the browser's permissions, listed and
// revocable), badge switches, paused sites, trust lists with their last-fetch date, imports.
// Settings live in chrome.storage.local "settings"; trust material in the shared trust store
// (www/shared/trust.js) over chrome.storage.local.
import { getSettings, setSettings } from './lib/settings.js';
import { managed, requestSite } from './lib/access.js';
import { grantRows, offerButtons } from './lib/sites-ui.js';
import { el } from './shared/dom.js';
import { chromeStorageAdapter } from './shared/storage.js';
import { KINDS, TrustStore, countCerts } from './shared/trust.js';

const $ = (id) => document.getElementById(id);
const trust = new TrustStore(chromeStorageAdapter());

function saved(msg = 'Saved.') {
  $('saved').textContent = msg;
}

function button(text, attrs, onClick) {
  const b = el('button', { type: 'button', ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}

async function drawSettings() {
  const s = await getSettings();
  for (const k of ['autoScan', 'showNoLabel', 'debug']) $(k).checked = Boolean(s[k]);
  $('sites').replaceChildren(...Object.entries(s.sites || {}).filter(([, on]) => !on).map(([host, on]) => {
    const del = button('Remove', {}, async () => {
      const cur = await getSettings();
      delete cur.sites[host];
      await setSettings({ sites: cur.sites });
      drawSettings();
    });
    return el('tr', { 'data-site': host }, el('td', {}, host), el('td', {}, on ? 'scan' : 'paused'), el('td', {}, del));
  }));
}

async function drawGrants() {
  const rows = await grantRows(drawGrants);
  $('grants').replaceChildren(...rows);
  $('no-grants').hidden = rows.length > 0;
  $('grant-actions').replaceChildren(...(managed() || rows.some((r) => r.dataset.grantRow === '<all_urls>') ? [] : offerButtons({ onDone: drawGrants })));
  $('site-form').hidden = managed();
}

chrome.permissions.onAdded.addListener(drawGrants);
chrome.permissions.onRemoved.addListener(drawGrants);

function listRow(l) {
  const url = el('input', { value: l.url, 'aria-label': `${l.name} address` });
  url.addEventListener('change', async () => {
    await trust.setListUrl(l.id, url.value);
    saved();
  });
  const fetchBtn = button('Fetch now', { 'data-fetch': l.id }, async () => {
    fetchBtn.disabled = true;
    await trust.refresh([l.id]);
    drawTrust();
  });
  const date = el('td', { 'data-fetched-at': l.fetchedAt || '' }, l.fetchedAt ? new Date(l.fetchedAt).toLocaleString() : 'never');
  if (l.error) date.append(el('div', { class: 'err' }, `Last try failed: ${l.error}`));
  const certs = String(countCerts(l.pem));
  return el('tr', { 'data-list': l.id },
    el('td', {}, l.name), el('td', { class: 'url' }, url), el('td', { 'data-certs': certs }, certs), date, el('td', {}, fetchBtn));
}

async function drawTrust() {
  const t = await trust.load();
  $('official').checked = t.official;
  $('legacy').checked = t.legacy !== false;
  $('autoUpdate').checked = t.autoUpdate;
  $('lists').tBodies[0].replaceChildren(...t.lists.map(listRow));
  $('imported').replaceChildren(...t.imported.map((p) => {
    const del = button('Remove', { 'aria-label': `Remove ${p.name}` }, async () => {
      await trust.removeImported(p.id);
      drawTrust();
    });
    const what = p.kind === 'trustConfig' ? 'key usages' : `${countCerts(p.text)} certificates`;
    return el('tr', {}, el('td', {}, p.name), el('td', {}, KINDS[p.kind]), el('td', {}, what), el('td', {}, del));
  }));
}

for (const k of ['autoScan', 'showNoLabel', 'debug']) {
  $(k).addEventListener('change', async () => {
    await setSettings({ [k]: $(k).checked });
    saved();
  });
}

$('official').addEventListener('change', async () => {
  await trust.setOfficial($('official').checked);
  saved();
});

$('legacy').addEventListener('change', async () => {
  await trust.setLegacy($('legacy').checked);
  saved();
});

$('autoUpdate').addEventListener('change', async () => {
  await trust.setAutoUpdate($('autoUpdate').checked);
  saved();
});

$('site-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const raw = $('site-host').value.trim().toLowerCase();
  const scheme = raw.startsWith('http://') ? 'http' : 'https';
  const host = raw.replace(/^https?:\/\//, '').replace(/[/:].*$/, '');
  if (!/^[a-z0-9.-]+$/.test(host)) return;
  const ok = await requestSite(`${scheme}://${host}/*`).catch(() => false);
  if (ok) $('site-host').value = '';
  saved(ok ? 'Allowed.' : 'Not allowed.');
  drawGrants();
});

$('pem-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const file = $('pem-file').files[0];
  const text = `${$('pem-text').value}${file ? `\n${await file.text()}` : ''}`;
  const name = $('pem-name').value.trim() || file?.name || 'Imported';
  try {
    const entry = await trust.importList(name, $('pem-kind').value, text);
    $('pem-status').textContent = `Imported ${entry.name}${entry.count ? ` (${entry.count} certificates)` : ''}.`;
  } catch (err) {
    $('pem-status').textContent = `Not imported: ${err.message}`;
    return;
  }
  $('pem-text').value = '';
  $('pem-file').value = '';
  drawTrust();
});

drawGrants();
drawSettings();
drawTrust();
