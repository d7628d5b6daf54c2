// The "automatic badges" controls shared by the popup, the first-run page and the options page:
// ask for a site or for every site, list what is granted, revoke. The permission itself is the
// browser's (lib/access.js); these only draw buttons around it.
import { el } from '../shared/dom.js';
import { listGrants, managed, requestAll, requestSite, revokeAll, revokeSite, sitePattern } from './access.js';

/** A readable name for a match pattern. */
export function patternName(p) {
  if (p === '<all_urls>' || p === '*://*/*') return 'every site';
  return p.replace(/^(\*|https?):\/\//, (m, s) => (s === 'https' ? '' : `${s}://`)).replace(/\/\*$/, '');
}

function button(text, attrs, onClick) {
  const b = el('button', { type: 'button', ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}

/** "Check images on … automatically" buttons; `site` is the page URL or null. */
export function offerButtons({ site = null, images = [], onDone = () => {} } = {}) {
  const out = [];
  const pattern = site && sitePattern(site);
  if (pattern) {
    out.push(button(`Check images on ${patternName(pattern)} automatically`, { 'data-grant': 'site' }, async () => {
      onDone(await requestSite(pattern, images).catch(() => false), pattern);
    }));
  }
  out.push(button('Check images on every site automatically', { 'data-grant': 'all' }, async () => {
    onDone(await requestAll().catch(() => false), '<all_urls>');
  }));
  return out;
}

/** Table rows of the grants, each with its revoke button. */
export async function grantRows(onChange) {
  const { all, sites, other } = await listGrants();
  const fixed = managed();
  const rows = [];
  const row = (pattern, what, onRevoke) =>
    el('tr', { 'data-grant-row': pattern },
      el('td', {}, patternName(pattern)),
      el('td', { class: 'muted' }, what),
      el('td', {}, fixed ? el('span', { class: 'muted' }, 'granted at installation') : button('Revoke', { 'data-revoke': pattern }, async () => {
        await onRevoke().catch(() => false);
        onChange();
      })));
  if (all) rows.push(row('<all_urls>', 'badges on every site', revokeAll));
  for (const s of sites) {
    const what = s.images.length ? `badges; reads images from ${s.images.map(patternName).join(', ')}` : 'badges';
    rows.push(row(s.pattern, what, () => revokeSite(s.pattern)));
  }
  for (const p of other) rows.push(row(p, 'granted in the browser\'s site settings', () => chrome.permissions.remove({ origins: [p] })));
  return rows;
}
