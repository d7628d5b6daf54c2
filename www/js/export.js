// The report renderer: src/export/ compiled to its own small wasm (pkg/ailabel_export*, built by
// scripts/build-wasm.sh), loaded on first use in the page itself. It draws the provenance
// picture and writes the HTML report, the same markup the command line writes
// (`ailabel check --format html`). Also: the context only the page knows (trust lists in use
// with their SHA-256 and fetch dates, the "as of" time, the wasm's own SHA-256), and saving.
//
//   const svg = await provenanceSvg(report, 'pic');         // SVG markup, or null
//   const html = await htmlReport(items, await reportContext({ trust, verifyTime, version }));

import { KINDS, countCerts } from '../shared/trust.js';
import { jsonReport } from './thumbs.js';

const here = new URL('.', import.meta.url);
const EXPORT_JS = new URL('../pkg/ailabel_export.js', here);
const EXPORT_WASM = new URL('../pkg/ailabel_export_bg.wasm', here);
const CORE_WASM = new URL('../pkg/ailabel_bg.wasm', here);

let renderer = null;
function load() {
  renderer ??= import(EXPORT_JS.href)
    .then(async (m) => { await m.default({ module_or_path: EXPORT_WASM }); return m; })
    .catch((err) => { renderer = null; throw err; });
  return renderer;
}

/** The provenance picture of a report as SVG markup, or null without Content Credentials. */
export async function provenanceSvg(report, id = 'pic') {
  if (!report?.c2pa?.manifests?.length) return null;
  return (await load()).provenanceSvg(jsonReport(report), id) ?? null;
}

/** The HTML report of `items` ([{name, report, thumbnail?}]) with `context`. */
export async function htmlReport(items, context) {
  // The renderer reads the JSON report: thumbnails as base64.
  return (await load()).htmlReport(items.map((it) => ({ ...it, report: jsonReport(it.report) })), context);
}

/** SHA-256 of bytes or a string, hex. */
export async function sha256Hex(data) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

let coreHash = null;
/** SHA-256 of the checker's wasm, as served (null when it cannot be read). */
function checkerSha256() {
  coreHash ??= fetch(CORE_WASM).then((r) => (r.ok ? r.arrayBuffer() : null))
    .then((b) => (b ? sha256Hex(new Uint8Array(b)) : null))
    .catch(() => null);
  return coreHash;
}

/** RFC 3339 in UTC, whole seconds. */
export function utc(date) {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The report context: `trust` is the trust state (shared/trust.js), `verifyTime` seconds since
 * the epoch or undefined, `version` the checker's version, `checkedAt` a Date.
 */
export async function reportContext({ trust, verifyTime, version, checkedAt = new Date() }) {
  const lists = [];
  if (trust?.official) {
    for (const l of trust.lists ?? []) {
      if (!l.pem) continue;
      lists.push({ name: l.name, kind: KINDS[l.kind] ?? l.kind, sha256: await sha256Hex(l.pem), fetched: l.fetchedAt ? `fetched ${l.fetchedAt}` : null, certificates: countCerts(l.pem) });
    }
  }
  for (const e of trust?.imported ?? []) {
    const n = countCerts(e.text);
    lists.push({ name: e.name, kind: KINDS[e.kind] ?? e.kind, sha256: await sha256Hex(e.text), fetched: `imported ${e.addedAt}`, certificates: n || null });
  }
  return {
    checkedAt: utc(checkedAt),
    verifyTime: Number.isFinite(verifyTime) ? utc(verifyTime * 1000) : null,
    toolVersion: version ?? 'unknown',
    toolKind: 'web page (WebAssembly), SHA-256 of its checker module below',
    toolSha256: await checkerSha256(),
    trustLists: lists,
  };
}

/** Offer `text` as a download called `fileName`. */
export function download(text, fileName, type = 'text/html') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A safe file name from an untrusted one. */
export function safeName(name) {
  return String(name ?? 'input').replace(/[^\w.-]+/g, '_').slice(0, 120) || 'input';
}
