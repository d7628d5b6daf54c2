// The checking engine of the extension: fetches an image (capped, without credentials) and
// checks it through the web page's own client, js/checker.js, which runs the wasm in a module
// worker with the same worker protocol as the page (js/worker.js). It runs in a document: the
// offscreen document on Chrome (offscreen.js), the background page itself on Firefox (host.js).
// Everything it returns is JSON (runtime messages are JSON on Chrome).

import { Checker } from '../js/checker.js';
import { jsonReport } from '../js/thumbs.js';
import { fetchCapped, redirectRefusal } from '../shared/fetch.js';
import { fetchRemoteManifest } from '../shared/remote.js';

/** Largest image the extension downloads and checks, in bytes. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** How long one image download may take. */
const IMAGE_TIMEOUT_MS = 60_000;
/** Longest side of a stored thumbnail, in pixels. */
const THUMB_SIDE = 96;
/** What an <img> asks for, so content negotiation serves the bytes the page shows. */
const IMAGE_ACCEPT = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

const checker = new Checker();

/** A report with verdict `error` for something that stopped the check before the core ran. */
export function errorReport(message) {
  return {
    verdict: 'error',
    summary: `This could not be checked. ${message}`,
    ai: { kind: null, tools: [] },
    conflicts: [],
    signals: [],
    remote_manifests: [],
    remote_manifest: null,
    c2pa: null,
    errors: [{ kind: 'io', message, fatal: true }],
  };
}

/**
 * Fetch and check the image at `url`. With `etag`/`lastModified` the request is conditional and
 * a 304 answers `{ notModified: true }`. Otherwise `{ report, etag, lastModified, thumb }`.
 * With `remote` (the reader clicked "Fetch and verify" for that address): when the image still
 * names it as its remote Content Credentials, they are fetched (shared/remote.js: https: only,
 * no credentials, no referrer, capped, timed) and the image is checked again with them.
 */
export async function checkImage({ url, etag = null, lastModified = null, options = {}, remote = null }) {
  let scheme;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return { report: errorReport('the address is not a URL.') };
  }
  if (!['http:', 'https:', 'data:'].includes(scheme)) return { report: errorReport(`${scheme} addresses are not fetched.`) };
  const headers = { Accept: IMAGE_ACCEPT };
  if (etag) headers['If-None-Match'] = etag;
  if (lastModified) headers['If-Modified-Since'] = lastModified;
  let res;
  let bytes;
  try {
    ({ res, bytes } = await fetchCapped(url, {
      cap: MAX_IMAGE_BYTES,
      timeoutMs: IMAGE_TIMEOUT_MS,
      init: { credentials: 'omit', headers, redirect: 'follow', referrerPolicy: 'no-referrer' },
      // Redirects are followed by the browser, which refuses any that leave http(s); one that
      // leads from a public address into a private one is refused here, its body unread.
      accept: (r) => (r.redirected ? redirectRefusal(url, r.url) : null),
    }));
  } catch (e) {
    // A network or CORS failure: the caller may read the picture another way (through its tab).
    return { report: errorReport(`The image was not checked: ${e.message || e}.`), fetchFailed: true };
  }
  if (res.status === 304) return { notModified: true };
  if (!bytes) return { report: errorReport(`The server answered HTTP ${res.status}.`) };
  const opts = { ...options };
  const disclosure = res.headers.get('ai-disclosure');
  if (disclosure) opts.aiDisclosureHeader = disclosure;
  const link = res.headers.get('link');
  if (link) opts.linkHeader = link;
  let report = await run(() => checker.check(bytes, opts));
  const named = report.remote_manifest;
  if (remote && named?.url === remote && named.status === 'not-fetched' && named.fetchable) {
    let extra;
    try {
      extra = { remoteManifest: await fetchRemoteManifest(remote) };
    } catch (e) {
      extra = { remoteManifestError: e.message || String(e) };
    }
    report = await run(() => checker.check(bytes, { ...opts, ...extra }));
  }
  const thumb = report.verdict === 'error' ? null : await thumbnail(bytes, res.headers.get('content-type'), opts.limits);
  return { report, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'), thumb };
}

/** Check a text. */
export async function checkText({ text, options = {} }) {
  return { report: await run(() => checker.checkText(String(text), options)) };
}

async function run(check) {
  try {
    // Runtime messages and stored reports are JSON: thumbnails as base64, as in the JSON report.
    return jsonReport(await check());
  } catch (e) {
    return errorReport(`The checker failed (${e.message || e}).`);
  }
}

/**
 * A small PNG data URL of the image, or null when the browser cannot decode it or the checker
 * does not read from its header a size within the pixel budget (`limits.maxPixels`, as for
 * watermark detection): createImageBitmap holds the whole bitmap before it scales it down.
 */
async function thumbnail(bytes, type, limits) {
  try {
    const blob = new Blob([bytes], { type: type || '' });
    if (!(await checker.imageSize(blob, limits))?.decode) return null;
    // Upright as the page shows it (EXIF orientation applied, the default 'from-image'): a picture
    // for people. Watermark detection decodes the stored pixels (js/pixels.js upright).
    const bmp = await createImageBitmap(blob);
    const scale = Math.min(1, THUMB_SIDE / Math.max(bmp.width, bmp.height));
    const canvas = new OffscreenCanvas(Math.max(1, Math.round(bmp.width * scale)), Math.max(1, Math.round(bmp.height * scale)));
    canvas.getContext('2d').drawImage(bmp, 0, 0, canvas.width, canvas.height);
    bmp.close();
    const buf = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let bin = '';
    for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
    return `data:image/png;base64,${btoa(bin)}`;
  } catch {
    return null;
  }
}

/** Answers one engine request (`{ op: 'image' | 'text', ... }`); used by both hosts. */
export function handle(req) {
  if (req?.op === 'image') return checkImage(req);
  if (req?.op === 'text') return checkText(req);
  return Promise.resolve({ report: errorReport('unknown request.') });
}
