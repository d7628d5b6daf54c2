// Renders an ailabel report into a container element. Reused by the browser extension.
//
//   import { renderReport, renderVerdictCard } from './render.js';
//   renderReport(report, container, { thumbnailUrl, fileName, provenance, onDownloadHtml, text,
//     onFetchRemote });
//
// `text`: the string that was checked (pasted text); when the report names disclosure sentences
// in it, a read-only view of the text shows them highlighted (markSentences below).
//
// `onFetchRemote(remote)` is called when the reader clicks "Fetch and verify" for Content
// Credentials stored remotely (`report.remote_manifest`); it fetches them and renders the new
// report. Without it the panel only says where they are. Nothing is fetched before the click.
// `provenance` is the provenance picture's SVG markup from the report renderer (js/export.js;
// taken in only through graph.js's allowlist check), `onDownloadHtml` a function that saves the
// HTML report; without them (the extension) the picture and that button are left out.
//
// Every string from the report is untrusted (it comes from the checked file): it only ever
// enters the page as a text node or an attribute value set with setAttribute on a fixed,
// harmless attribute. Never innerHTML.

import { AI_KINDS, FAMILIES, ICONS, SOURCE_CLASSES, STRENGTHS, verdictInfo } from '../shared/verdicts.js';
import { el, svgIcon } from '../shared/dom.js';
import { provenanceSection } from './graph.js';
import { claimThumbnail, jsonReport, thumbnailBase64 } from './thumbs.js';

const SAFE_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);
const MAX_INGREDIENT_DEPTH = 8;

/** The verdict card: colour, icon and words. Carries data-verdict (a fixed contract). */
export function renderVerdictCard(report, { thumbnailUrl, fileName } = {}) {
  const v = verdictInfo(report.verdict);
  const verdict = v === verdictInfo('error') ? 'error' : report.verdict;
  const kind = report.ai?.kind ? AI_KINDS[report.ai.kind] : null;
  const tools = report.ai?.tools ?? [];
  const card = el('section', { class: 'verdict-card', 'aria-labelledby': 'verdict-title' });
  card.style.setProperty('--v', v.color);
  const body = el('div', { class: 'verdict-body' },
    el('p', { class: 'verdict-kicker' }, 'Verdict'),
    el('h2', { id: 'verdict-title', class: 'verdict-title', tabindex: '-1' }, v.title),
    el('p', { class: 'verdict-code' }, el('code', {}, verdict)),
    el('p', { class: 'verdict-summary' }, report.summary || v.line),
    kind || tools.length
      ? el('p', { class: 'verdict-ai' },
          kind ? `The evidence says: ${kind}.` : '',
          tools.length ? ` Tool named: ${tools.join(', ')}.` : '')
      : null,
    fileName ? el('p', { class: 'verdict-file' }, `Checked: ${fileName}`) : null,
    // input.sha256 is absent when the check was asked not to hash the input (inputSha256: false).
    el('p', { class: 'verdict-file' },
      `${report.input?.format ?? 'unknown'} · ${formatBytes(report.input?.size ?? 0)}`,
      report.input?.sha256
        ? [' · SHA-256 ', el('code', { class: 'hash', title: report.input.sha256 }, report.input.sha256.slice(0, 16) + '…')]
        : null),
  );
  const badge = el('div', { class: 'verdict-icon' }, svgIcon(ICONS[v.icon], 48));
  card.append(badge, body);
  if (thumbnailUrl) {
    const img = el('img', { class: 'thumb', alt: 'Thumbnail of the checked image', src: thumbnailUrl });
    img.addEventListener('error', () => img.remove());
    card.append(img);
  }
  card.setAttribute('data-verdict', verdict);
  card.id = 'verdict';
  return card;
}

/** Render the whole report into `container` (its previous content is replaced). */
export function renderReport(report, container, opts = {}) {
  const checked = typeof opts.text === 'string' ? markSentences(opts.text, report, opts.plainText) : null;
  container.replaceChildren(
    renderVerdictCard(report, opts),
    renderRemote(report, opts),
    renderConflicts(report),
    renderEvidence(report, checked),
    checked?.marks.length ? renderCheckedText(checked) : '',
    renderC2pa(report, opts),
    renderErrors(report),
    renderRaw(report, opts),
  );
  if (checked?.marks.length) scrollWithin(checked.view, checked.marks[0].mark);
}

/**
 * `text` as DOM nodes with each disclosure sentence of `report` in a <mark>: text nodes and
 * <mark> elements only (the text is untrusted). The report gives a sentence's place in UTF-16
 * code units, the indices of a JavaScript string (`sentence.utf16_start`, `utf16_length`; see
 * Sentence in src/signal.rs). A sentence is marked only when it was counted in the whole text
 * (`within: "text"`, not the visible text of an HTML page) and the slice equals it, so a report
 * of another text marks nothing.
 *
 * With `plain` (the plain-text copy that comes with pasted HTML), the view shows `plain`
 * instead, and the sentences of the page's visible text (`within: "visible text"`) are found in
 * it by their words, in order: the browser's plain text and our visible text can differ in
 * white space only where markup stood. Returns { view, marks: [{ mark, signals: [index] }] }.
 */
export function markSentences(text, report, plain = null) {
  const ranges = [];
  const shown = typeof plain === 'string' && plain ? plain : text;
  let searchFrom = 0;
  (report.signals ?? []).forEach((s, i) => {
    const t = s.sentence;
    if (!t || typeof t.text !== 'string' || !t.text.trim()) return;
    let start;
    let end;
    if (shown === plain) {
      if (t.within !== 'visible text') return;
      const found = findWords(plain, t.text, searchFrom) ?? findWords(plain, t.text, 0);
      if (!found) return;
      [start, end] = found;
      searchFrom = end;
    } else {
      if (t.within !== 'text') return;
      start = t.utf16_start;
      end = start + t.utf16_length;
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start || end > text.length) return;
      if (text.slice(start, end) !== t.text) return;
    }
    const same = ranges.find((r) => r.start === start && r.end === end);
    if (same) same.signals.push(i);
    else ranges.push({ start, end, signals: [i], denial: !s.ai });
  });
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const view = el('div', { class: 'checked-text', id: 'checked-text', tabindex: '0', role: 'region', 'aria-label': 'The checked text' });
  const marks = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at) continue; // overlaps a sentence already marked
    if (r.start > at) view.append(document.createTextNode(shown.slice(at, r.start)));
    const mark = el('mark', {
      class: r.denial ? 'denial' : 'claim', tabindex: '-1', 'data-signals': r.signals.map((i) => i + 1).join(' '),
    }, shown.slice(r.start, r.end));
    view.append(mark);
    marks.push({ mark, signals: r.signals });
    at = r.end;
  }
  if (at < shown.length) view.append(document.createTextNode(shown.slice(at)));
  return { view, marks };
}

/**
 * Where `sentence` stands in `text` from `from` on, matching its words in order with any run of
 * white space between them: [start, end) in UTF-16 code units, or null.
 */
function findWords(text, sentence, from) {
  const words = sentence.trim().split(/\s+/u).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length || words.length > 400) return null;
  const re = new RegExp(words.join('\\s+'), 'gu');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

function renderCheckedText({ view, marks }) {
  const denials = marks.filter((m) => m.mark.classList.contains('denial')).length;
  const claims = marks.length - denials;
  const said = [
    claims ? `${claims} ${claims === 1 ? 'sentence says' : 'sentences say'} AI was used` : '',
    denials ? `${denials} ${denials === 1 ? 'sentence says' : 'sentences say'} no AI was used` : '',
  ].filter(Boolean).join('; ');
  return el('section', { class: 'panel checked', 'aria-labelledby': 'checked-h' },
    el('h3', { id: 'checked-h' }, 'Where the text says it'),
    el('p', { class: 'muted small' }, `In the text you checked, ${said} (highlighted).`),
    view);
}

/** Scroll `box` (not the page) so that `mark` shows near its top. */
function scrollWithin(box, mark) {
  if (!box.isConnected) return;
  const b = box.getBoundingClientRect();
  const m = mark.getBoundingClientRect();
  box.scrollTop += m.top - b.top - Math.min(b.height / 3, 48);
}

/** Bring a marked sentence into view (page and text box) and focus it. */
function showMark(mark) {
  const box = mark.closest('.checked-text');
  if (box) scrollWithin(box, mark);
  mark.scrollIntoView({ block: 'center' });
  mark.focus({ preventScroll: true });
}

/**
 * Content Credentials stored elsewhere: where (the host), what became of them, and, when they
 * may be fetched and the surface can, a button. Carries data-remote-status for tests.
 */
export function renderRemote(report, { onFetchRemote } = {}) {
  const r = report.remote_manifest;
  if (!r) return '';
  const where = r.host || r.url;
  const section = el('section', { class: 'panel remote', 'aria-labelledby': 'remote-h', 'data-remote-status': r.status },
    el('h3', { id: 'remote-h' }, r.status === 'fetched'
      ? `Content Credentials fetched from ${where}`
      : `Content Credentials are stored remotely at ${where}`),
    el('p', {}, r.explanation),
    el('p', { class: 'muted small' }, 'Address: ', el('code', {}, r.url)));
  if (r.status === 'not-fetched' && r.fetchable && onFetchRemote) {
    const status = el('p', { class: 'remote-status muted small', role: 'status', 'aria-live': 'polite' });
    const button = el('button', { type: 'button', class: 'fetch-remote' }, `Fetch and verify from ${where}`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      status.textContent = `Fetching from ${where}…`;
      try {
        await onFetchRemote(r);
      } catch (e) {
        status.textContent = `Not fetched: ${e?.message || e}`;
        button.disabled = false;
      }
    });
    section.append(
      el('p', { class: 'muted small' }, `Fetching sends a request to ${where} (without cookies or a referrer), which tells it that this file is being checked.`),
      button, status);
  }
  return section;
}

function renderConflicts(report) {
  if (!report.conflicts?.length) return '';
  return el('section', { class: 'panel conflicts', 'aria-labelledby': 'conflicts-h' },
    el('h3', { id: 'conflicts-h' }, 'Signals disagree'),
    el('ul', {}, report.conflicts.map((c) => el('li', {}, c))));
}

function renderEvidence(report, checked) {
  const signals = report.signals ?? [];
  const section = el('section', { class: 'panel evidence', 'aria-labelledby': 'evidence-h' },
    el('h3', { id: 'evidence-h' }, `Evidence (${signals.length})`));
  if (!signals.length) {
    section.append(el('p', { class: 'muted' }, report.verdict === 'error'
      ? 'Nothing could be examined, because the input could not be read.'
      : 'No label of any kind was found in this input.'));
  } else {
    const markOf = new Map((checked?.marks ?? []).flatMap((m) => m.signals.map((i) => [i, m.mark])));
    section.append(el('ol', { class: 'signals' }, signals.map((s, i) => renderSignal(s, markOf.get(i)))));
  }
  if (report.remote_manifests?.length) {
    section.append(el('p', {}, report.remote_manifest?.status === 'fetched'
      ? 'References to remote Content Credentials (fetched when you asked):'
      : 'References to remote Content Credentials (not fetched: nothing left this device):'),
      el('ul', {}, report.remote_manifests.map((u) => el('li', {}, el('code', {}, u)))));
  }
  return section;
}

function renderSignal(s, mark) {
  const loc = s.location ?? {};
  const t = s.sentence;
  const where = [loc.container, loc.block, loc.path].filter(Boolean).join(' › ');
  const offset = Number.isFinite(loc.offset) ? ` at byte ${loc.offset}` : '';
  return el('li', { class: `signal strength-${s.strength}` },
    el('div', { class: 'signal-head' },
      el('span', { class: 'family' }, FAMILIES[s.family] ?? s.family),
      el('span', { class: `badge strength-${s.strength}` }, STRENGTHS[s.strength] ?? s.strength),
      s.ai ? el('span', { class: 'badge ai' }, `AI: ${AI_KINDS[s.ai] ?? s.ai}`) : el('span', { class: 'badge' }, 'no AI claim')),
    el('p', { class: 'signal-value' }, el('code', {}, s.value)),
    s.source_type ? el('p', { class: 'source-type' }, 'Source type: ', sourceType(s.value, s.source_type)) : null,
    s.tool ? el('p', {}, 'Tool: ', el('strong', {}, s.tool)) : null,
    el('p', { class: 'explanation' }, s.explanation),
    t ? el('p', { class: 'sentence-facts muted small' },
      `Language ${t.lang}, rule ${t.rule}, matched “${t.matched}”; characters ${t.char_start + 1}–${t.char_start + t.char_length} of the ${t.within}.`)
      : null,
    mark ? el('p', {}, showButton(mark)) : null,
    where ? el('p', { class: 'where muted' }, `Found in ${where}${offset}`) : null);
}

function showButton(mark) {
  const b = el('button', { type: 'button', class: 'secondary small show-sentence' }, 'Show in the text');
  b.addEventListener('click', () => showMark(mark));
  return b;
}

function renderC2pa(report, opts = {}) {
  const c = report.c2pa;
  if (!c) return '';
  const stateWords = {
    Trusted: 'valid, and the signer is on a trust list in use',
    Valid: 'the signature and hashes check out, but the signer is not on a trust list in use',
    Invalid: 'some check failed: nothing in these credentials can be relied on',
  };
  const byLabel = new Map((c.manifests ?? []).map((m) => [m.label, m]));
  const active = byLabel.get(c.active_manifest) ?? (c.manifests ?? []).at(-1);
  // Valid with a trusted signer: only a CAWG identity assertion keeps it from Trusted.
  if (c.state === 'Valid' && active?.signer?.trusted) {
    stateWords.Valid = 'the signature, hashes and signer check out, but an identity assertion in them is not confirmed';
  }
  const section = el('section', { class: 'panel c2pa', 'aria-labelledby': 'c2pa-h' },
    el('h3', { id: 'c2pa-h' }, 'Content Credentials (C2PA)'),
    el('p', { class: `c2pa-state state-${String(c.state).toLowerCase()}` },
      el('strong', {}, String(c.state)), ` — ${stateWords[c.state] ?? ''}`),
    c.ai_tool ? el('p', {}, 'AI tool: ', el('strong', {}, c.ai_tool)) : null,
    c.remote_manifest
      ? el('p', {}, report.remote_manifest?.status === 'fetched' ? 'Fetched from: ' : 'Remote manifest (not fetched): ', el('code', {}, c.remote_manifest))
      : null);
  if (opts.provenance) section.append(provenanceSection(report, opts.provenance, opts));
  if (active) {
    section.append(el('h4', {}, 'Active manifest'), renderManifest(active, byLabel, 0, new Set()));
  }
  section.append(renderValidation(c.validation ?? {}));
  return section;
}

function renderManifest(m, byLabel, depth, seen) {
  seen.add(m.label);
  const s = m.signer ?? {};
  const dl = el('dl', { class: 'facts' });
  const fact = (k, ...v) => dl.append(el('dt', {}, k), el('dd', {}, ...v));
  fact('Signed by', [s.common_name, s.organization].filter(Boolean).join(', ') || 'unknown');
  if (s.issuer) fact('Issued by', s.issuer);
  fact('Signed at', s.time ?? 'no time given', ' ',
    el('span', { class: `badge ${s.timestamped ? 'ok' : ''}` }, s.timestamped ? 'timestamped by a time-stamp authority' : 'not timestamped (time claimed by the signer)'));
  if (m.claim_generator) fact('Made with', m.claim_generator);
  if (m.title) fact('Title', m.title);
  if (Number.isFinite(m.thumbnail_left_out)) {
    fact('Thumbnail', `${formatBytes(m.thumbnail_left_out)}, left out of this report (a report holds 2 MiB of thumbnails)`);
  }
  if (m.ai) fact('AI', AI_KINDS[m.ai] ?? m.ai);
  if (s.alg) fact('Algorithm', s.alg);
  fact('Manifest', el('code', {}, m.label));
  const box = el('div', { class: 'manifest' });
  const thumb = thumbnail(claimThumbnail(m, byLabel), `Thumbnail stored in manifest ${m.title ?? m.label}`);
  box.append(el('div', { class: 'manifest-head' }, thumb, dl));
  if (m.identities?.length) {
    box.append(el('h5', {}, 'Who vouches for it (CAWG identity)'),
      el('ul', { class: 'identities' }, m.identities.map(renderIdentity)));
  }
  if (m.actions?.length) {
    box.append(el('h5', {}, 'Actions'), el('ul', { class: 'actions' }, m.actions.map((a) => el('li', {},
      el('code', {}, a.action),
      a.software_agent ? ` by ${a.software_agent}` : '',
      a.digital_source_type ? el('span', { class: 'muted' }, ' — source: ', sourceType(a.digital_source_type, a.source_type)) : '',
      a.when ? el('span', { class: 'muted' }, ` — ${a.when}`) : ''))));
  }
  if (m.ingredients?.length) {
    box.append(el('h5', {}, 'Ingredients'), el('ul', { class: 'ingredients' }, m.ingredients.map((i) => {
      const child = i.manifest ? byLabel.get(i.manifest) : null;
      const item = el('li', {}, el('strong', {}, i.title ?? 'untitled'),
        i.relationship ? ` (${i.relationship})` : '', i.format ? el('span', { class: 'muted' }, ` ${i.format}`) : '');
      if (child && !seen.has(child.label) && depth < MAX_INGREDIENT_DEPTH) {
        item.append(el('details', {}, el('summary', {}, 'Its Content Credentials'), renderManifest(child, byLabel, depth + 1, seen)));
      } else if (!i.manifest) {
        item.append(el('span', { class: 'muted' }, ' — no Content Credentials'));
      }
      return item;
    })));
  }
  if (s.chain?.length) {
    box.append(el('details', { class: 'chain' }, el('summary', {}, `Certificate chain (${s.chain.length})`),
      el('ol', {}, s.chain.map((cert) => el('li', {},
        el('div', {}, 'Subject: ', el('code', {}, cert.subject)),
        el('div', {}, 'Issuer: ', el('code', {}, cert.issuer)),
        el('div', { class: 'muted' }, `Valid ${cert.not_before} to ${cert.not_after}`),
        el('div', { class: 'muted' }, 'SHA-256: ', el('code', { class: 'hash' }, cert.sha256)))))));
  }
  return box;
}

// A CAWG identity assertion: the named actor, how far it checks out (the core's own sentence),
// and the accounts an identity aggregator verified. Every string is untrusted and enters as
// text; account URIs are shown, never linked.
const IDENTITY_BADGE = { trusted: 'ok', valid: '', invalid: 'bad' };

function renderIdentity(id) {
  const item = el('li', { class: `identity identity-${id.state}` },
    el('span', { class: `badge ${IDENTITY_BADGE[id.state] ?? ''}` }, id.state), ' ',
    el('strong', {}, id.name ?? 'unnamed'),
    id.common_name && id.common_name !== id.name ? el('span', { class: 'muted' }, ` (${id.common_name})`) : '',
    el('p', { class: 'explanation' }, id.explanation));
  if (id.verified_identities?.length) {
    item.append(el('ul', { class: 'verified-identities' }, id.verified_identities.map((v) => el('li', {},
      el('span', { class: 'badge' }, String(v.type).replace(/^cawg\./, '').replace(/_/g, ' ')), ' ',
      [v.name, v.username, v.address].filter(Boolean).join(', '),
      v.uri ? el('span', {}, ' ', el('code', {}, v.uri)) : '',
      el('span', { class: 'muted' }, ` — verified by ${v.provider_name} on ${v.verified_at}`)))));
  }
  if (id.issuer) item.append(el('div', { class: 'muted' }, 'Issued by ', el('code', {}, id.issuer)));
  return item;
}

function renderValidation(v) {
  const group = (title, entries, cls) => entries?.length
    ? el('div', { class: `codes ${cls}` }, el('h5', {}, `${title} (${entries.length})`),
        el('ul', {}, entries.map((e) => el('li', {},
          el('code', {}, e.code), ' — ', e.explanation,
          e.url ? el('div', { class: 'muted' }, el('code', {}, e.url)) : ''))))
    : '';
  const wrap = el('div', { class: 'validation' }, el('h4', {}, 'Validation codes'),
    group('Failed', v.failure, 'failure'));
  const rest = el('details', {}, el('summary', {}, `Passed checks and notes (${(v.success?.length ?? 0) + (v.informational?.length ?? 0)})`),
    group('Notes', v.informational, 'informational'), group('Passed', v.success, 'success'));
  wrap.append(rest);
  return wrap;
}

function renderErrors(report) {
  if (!report.errors?.length) return '';
  return el('section', { class: 'panel errors', 'aria-labelledby': 'errors-h' },
    el('h3', { id: 'errors-h' }, 'Problems while reading'),
    el('ul', {}, report.errors.map((e) => el('li', {},
      el('span', { class: `badge ${e.fatal ? 'bad' : ''}` }, e.fatal ? 'fatal' : e.kind), ' ', e.message))));
}

function renderRaw(report, { fileName, onDownloadHtml } = {}) {
  const json = JSON.stringify(jsonReport(report), null, 2);
  const button = el('button', { type: 'button', class: 'secondary' }, 'Download report (JSON)');
  button.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([json + '\n'], { type: 'application/json' }));
    const a = el('a', { href: url, download: `${(fileName ?? 'input').replace(/[^\w.-]+/g, '_')}.ailabel.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  let html = '';
  if (onDownloadHtml) {
    html = el('button', { type: 'button', class: 'primary', id: 'download-html' }, 'Download report (HTML)');
    html.addEventListener('click', () => onDownloadHtml());
  }
  return el('section', { class: 'panel raw' },
    el('details', {}, el('summary', {}, 'Raw report (JSON)'), el('pre', { class: 'json', tabindex: '0' }, json)),
    button, ' ', html);
}

function thumbnail(t, alt) {
  const data = thumbnailBase64(t);
  if (!t || !data || !SAFE_IMAGE_TYPES.has(t.media_type) || !/^[A-Za-z0-9+/=\s]*$/.test(data)) return '';
  const img = el('img', { class: 'manifest-thumb', alt, src: `data:${t.media_type};base64,${data.replace(/\s+/g, '')}` });
  img.addEventListener('error', () => img.remove());
  return img;
}

/**
 * A digital source type as the report classifies it (`source_type: {term, name, class}`, set by
 * the Rust core): its name and what its class means. A URI the core does not know is shown raw.
 */
export function sourceType(uri, info) {
  if (!info?.name) return el('code', { class: 'source-uri' }, String(uri));
  const meaning = SOURCE_CLASSES[info.class];
  return el('span', { class: 'source-name', 'data-source-class': info.class ?? '' },
    el('strong', {}, info.name), meaning ? ` (${meaning})` : '');
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
