// The options page: scanning switches (global and per site), trust lists with their last-fetch
// date, PEM import. Everything lives in chrome.storage.local.
import { getSettings, setSettings, getTrust, setTrust, countCerts } from './lib/settings.js';

const $ = (id) => document.getElementById(id);
const KIND_NAMES = { anchors: 'signer anchors', tsa: 'TSA anchors', allowed: 'allowed signers', config: 'trust config' };

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...kids);
  return e;
}

function saved(msg = 'Saved.') {
  $('saved').textContent = msg;
}

async function drawSettings() {
  const s = await getSettings();
  for (const k of ['autoScan', 'showNoLabel', 'debug']) $(k).checked = Boolean(s[k]);
  const t = $('sites');
  t.replaceChildren();
  for (const [host, on] of Object.entries(s.sites || {})) {
    const del = el('button', { text: 'Remove' });
    del.addEventListener('click', async () => {
      const cur = await getSettings();
      delete cur.sites[host];
      await setSettings({ sites: cur.sites });
      drawSettings();
    });
    t.append(el('tr', { 'data-site': host }, el('td', { text: host }), el('td', { text: on ? 'scan' : 'do not scan' }), el('td', {}, del)));
  }
}

async function drawTrust() {
  const t = await getTrust();
  $('autoUpdate').checked = Boolean(t.autoUpdate);
  const body = $('lists').tBodies[0];
  body.replaceChildren();
  for (const l of t.lists) {
    const url = el('input', { value: l.url, 'aria-label': `${l.name} address` });
    url.addEventListener('change', async () => {
      const cur = await getTrust();
      cur.lists = cur.lists.map((x) => (x.id === l.id ? { ...x, url: url.value.trim(), error: null } : x));
      await setTrust(cur);
      saved();
    });
    const fetchBtn = el('button', { text: 'Fetch now', 'data-fetch': l.id });
    fetchBtn.addEventListener('click', async () => {
      fetchBtn.disabled = true;
      await chrome.runtime.sendMessage({ type: 'fetch-trust-list', id: l.id });
      fetchBtn.disabled = false;
      drawTrust();
    });
    const when = l.fetchedAt ? new Date(l.fetchedAt).toLocaleString() : 'never';
    const date = el('td', { 'data-fetched-at': l.fetchedAt || '' }, when);
    if (l.error) date.append(el('div', { class: 'err', text: `Last try failed: ${l.error}` }));
    body.append(
      el('tr', { 'data-list': l.id },
        el('td', { text: l.name }), el('td', { class: 'url' }, url),
        el('td', { 'data-certs': String(countCerts(l.pem)), text: String(countCerts(l.pem)) }), date, el('td', {}, fetchBtn)),
    );
  }
  const imp = $('imported');
  imp.replaceChildren();
  for (const [i, p] of t.imported.entries()) {
    const del = el('button', { text: 'Remove' });
    del.addEventListener('click', async () => {
      const cur = await getTrust();
      cur.imported.splice(i, 1);
      await setTrust(cur);
      drawTrust();
    });
    imp.append(el('tr', {}, el('td', { text: p.name }), el('td', { text: KIND_NAMES[p.kind] || KIND_NAMES.anchors }),
      el('td', { text: p.kind === 'config' ? `${p.pem.split('\n').filter((l) => l.trim() && !l.trim().startsWith('//')).length} EKU lines` : `${countCerts(p.pem)} certificates` }), el('td', {}, del)));
  }
}

for (const k of ['autoScan', 'showNoLabel', 'debug']) {
  $(k).addEventListener('change', async () => {
    await setSettings({ [k]: $(k).checked });
    saved();
  });
}

$('autoUpdate').addEventListener('change', async () => {
  const t = await getTrust();
  t.autoUpdate = $('autoUpdate').checked;
  await setTrust(t);
  saved();
});

$('site-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const host = $('site-host').value.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (!host) return;
  const s = await getSettings();
  await setSettings({ sites: { ...s.sites, [host]: $('site-mode').value === 'on' } });
  $('site-host').value = '';
  drawSettings();
});

$('pem-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  let pem = $('pem-text').value;
  const file = $('pem-file').files[0];
  if (file) pem = `${pem}\n${await file.text()}`;
  const kind = $('pem-kind').value;
  const n = countCerts(pem);
  if (kind === 'config' ? !pem.trim() : !n) {
    $('pem-status').textContent = kind === 'config' ? 'The trust config is empty.' : 'No PEM certificate found.';
    return;
  }
  const t = await getTrust();
  t.imported.push({ name: $('pem-name').value.trim() || file?.name || 'Imported', kind, pem });
  await setTrust(t);
  $('pem-status').textContent = kind === 'config' ? 'Imported the trust config.' : `Imported ${n} certificate${n === 1 ? '' : 's'}.`;
  $('pem-text').value = '';
  $('pem-file').value = '';
  drawTrust();
});

drawSettings();
drawTrust();
