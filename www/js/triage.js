// The triage table of a batch: one row per file with thumbnail, name, verdict (colour and
// word), AI kind and tool, signer, signing time, format and size. Column headers sort; a select
// filters by verdict; a row's name is a button that opens the full result. Keyboard: Tab reaches
// the table, the up and down arrow keys (and Home, End) move between files, Enter opens one.
// Every string from a report enters as text (shared/dom.js), never as markup.
import { AI_KINDS, INVALID_REASONS, ORDER, verdictInfo } from '../shared/verdicts.js';
import { el } from '../shared/dom.js';
import { formatBytes } from './render.js';

const COLUMNS = [
  { key: 'thumb', label: 'Thumbnail', sortable: false },
  { key: 'name', label: 'File' },
  { key: 'verdict', label: 'Verdict' },
  { key: 'ai', label: 'AI kind and tool', cls: 'col-ai' },
  { key: 'signer', label: 'Signer', cls: 'col-signer' },
  { key: 'time', label: 'Signed at', cls: 'col-time' },
  { key: 'format', label: 'Format', cls: 'col-format' },
  { key: 'size', label: 'Size', cls: 'col-size' },
];

const STATUS_WORDS = { queued: 'Waiting', checking: 'Checking…', cancelled: 'Not checked (cancelled)' };

/** The triage facts of a row (the same columns as the CSV of src/export/triage.rs). */
export function facts(row) {
  const r = row.report;
  const verdict = row.status === 'failed' ? 'error' : r?.verdict;
  const manifests = r?.c2pa?.manifests ?? [];
  const active = manifests.find((m) => m.label === r?.c2pa?.active_manifest) ?? manifests.at(-1);
  const kind = r?.ai?.kind ? (AI_KINDS[r.ai.kind] ?? r.ai.kind) : '';
  const tools = (r?.ai?.tools ?? []).join(', ');
  return {
    name: row.name,
    verdict,
    invalidReason: verdict === 'invalid' && Object.hasOwn(INVALID_REASONS, r?.c2pa?.invalid_reason ?? '') ? INVALID_REASONS[r.c2pa.invalid_reason] : '',
    ai: [kind, tools].filter(Boolean).join(' — '),
    signer: active?.signer?.organization ?? active?.signer?.common_name ?? '',
    time: active?.signer?.time ?? '',
    format: r?.input?.format ?? '',
    size: row.size ?? r?.input?.size ?? 0,
  };
}

export class TriageTable {
  constructor(table, filter, { onOpen }) {
    this.table = table;
    this.filter = filter;
    this.onOpen = onOpen;
    this.rows = [];
    this.trs = new Map();
    this.sort = { key: null, dir: 1 };
    this.renderHead();
    this.filter.addEventListener('change', () => this.applyFilter());
    this.table.tBodies[0].addEventListener('keydown', (e) => this.onKey(e));
  }

  renderHead() {
    const tr = el('tr');
    for (const c of COLUMNS) {
      const th = el('th', { scope: 'col', class: c.cls });
      if (c.sortable === false) {
        th.append(el('span', { class: 'visually-hidden' }, c.label));
      } else {
        th.setAttribute('aria-sort', 'none');
        const b = el('button', { type: 'button', 'data-sort': c.key }, c.label);
        b.addEventListener('click', () => this.sortBy(c.key));
        th.append(b);
      }
      tr.append(th);
    }
    this.table.tHead.replaceChildren(tr);
  }

  /** Show `rows` (a new batch). */
  setRows(rows) {
    this.rows = rows;
    this.trs.clear();
    this.sort = { key: null, dir: 1 };
    for (const th of this.table.tHead.querySelectorAll('th[aria-sort]')) th.setAttribute('aria-sort', 'none');
    this.table.tBodies[0].replaceChildren(...rows.map((r) => this.renderRow(r)));
    this.updateFilter();
  }

  /** Redraw one row after its status changed. */
  update(row) {
    const old = this.trs.get(row.id);
    if (!old) return;
    const hadFocus = old.contains(document.activeElement);
    const tr = this.renderRow(row);
    old.replaceWith(tr);
    if (hadFocus) tr.querySelector('button.row-open')?.focus();
    this.updateFilter();
  }

  renderRow(row) {
    const f = facts(row);
    const done = row.status === 'done' || row.status === 'failed';
    const tr = el('tr', { 'data-row': row.id, 'data-status': row.status, 'data-verdict': done ? f.verdict : null });
    const thumb = row.thumb ? el('img', { src: row.thumb, alt: '' }) : '';
    const open = el('button', { type: 'button', class: 'row-open', 'aria-label': `${f.name}: open the full result`, disabled: !done }, f.name);
    open.addEventListener('click', () => this.onOpen(row));
    let verdictCell;
    if (done) {
      const v = verdictInfo(f.verdict);
      const word = el('span', { class: 'vword' }, v.title);
      word.style.setProperty('--v', v.color);
      const reason = f.invalidReason ? el('div', { class: 'small', 'data-invalid-reason': '' }, f.invalidReason) : '';
      verdictCell = el('td', {}, word, reason, row.error ? el('div', { class: 'small bad' }, `Check failed: ${row.error}`) : '');
    } else {
      verdictCell = el('td', { class: 'pending' }, STATUS_WORDS[row.status] ?? row.status);
    }
    tr.append(
      el('td', { class: 'thumb-cell' }, thumb),
      el('td', {}, open),
      verdictCell,
      el('td', { class: 'col-ai' }, f.ai),
      el('td', { class: 'col-signer' }, f.signer),
      el('td', { class: 'col-time' }, f.time),
      el('td', { class: 'col-format' }, f.format),
      el('td', { class: 'col-size' }, formatBytes(f.size)),
    );
    if (this.filter.value && (!done || f.verdict !== this.filter.value)) tr.hidden = true;
    this.trs.set(row.id, tr);
    return tr;
  }

  sortBy(key) {
    this.sort = { key, dir: this.sort.key === key ? -this.sort.dir : 1 };
    for (const th of this.table.tHead.querySelectorAll('th[aria-sort]')) {
      const on = th.querySelector('button')?.dataset.sort === key;
      th.setAttribute('aria-sort', on ? (this.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    const value = (row) => {
      const f = facts(row);
      if (key === 'verdict') return f.verdict ? ORDER.indexOf(f.verdict) : ORDER.length;
      if (key === 'size') return f.size;
      return String(f[key] ?? '').toLocaleLowerCase();
    };
    const sorted = [...this.rows].sort((a, b) => {
      const x = value(a), y = value(b);
      return (x < y ? -1 : x > y ? 1 : a.id - b.id) * this.sort.dir;
    });
    const focused = document.activeElement;
    this.table.tBodies[0].append(...sorted.map((r) => this.trs.get(r.id)));
    if (this.table.contains(focused)) focused.focus();
  }

  /** The verdict filter's options, with counts. */
  updateFilter() {
    const counts = new Map();
    for (const r of this.rows) {
      if (r.status !== 'done' && r.status !== 'failed') continue;
      const v = facts(r).verdict;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const current = this.filter.value;
    const options = [el('option', { value: '' }, `All files (${this.rows.length})`)];
    for (const v of ORDER) {
      if (counts.get(v) || v === current) options.push(el('option', { value: v }, `${verdictInfo(v).title} (${counts.get(v) ?? 0})`));
    }
    this.filter.replaceChildren(...options);
    this.filter.value = current;
  }

  applyFilter() {
    const v = this.filter.value;
    for (const tr of this.trs.values()) tr.hidden = Boolean(v) && tr.dataset.verdict !== v;
  }

  /** Arrow keys, Home and End move between the visible rows' buttons. */
  onKey(e) {
    const target = e.target.closest?.('button.row-open');
    if (!target) return;
    const buttons = [...this.table.tBodies[0].querySelectorAll('tr:not([hidden]) button.row-open:not([disabled])')];
    const i = buttons.indexOf(target);
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (next === undefined || !buttons[next]) return;
    e.preventDefault();
    buttons[next].focus();
  }

  /** Mark the row whose result is shown. */
  select(row) {
    for (const tr of this.trs.values()) tr.classList.toggle('selected', tr.dataset.row === String(row?.id));
  }
}
