// Fetching a file's remote Content Credentials (the manifest store its XMP `dcterms:provenance`
// or `Link` header points to), for the page and the extension, only after the reader clicked.
// The core never fetches: it names the reference in `report.remote_manifest` ({ url, host,
// fetchable, status }); the surface fetches here and checks the file again with the bytes as
// the `remoteManifest` option, validated against the file as a sidecar is.
//
// The request: `https:` only (the URL, and the final URL after redirects), no cookies or other
// credentials, no referrer, no cache, at most REMOTE_CAP bytes (checked while streaming), and
// REMOTE_TIMEOUT_MS for the whole exchange. The same rules as the command line's --fetch-remote.

import { fetchCapped } from './fetch.js';

/** Largest remote manifest store fetched, in bytes (stores with thumbnails run to a few MB). */
export const REMOTE_CAP = 16 * 1024 * 1024;
/** How long the whole fetch may take. */
export const REMOTE_TIMEOUT_MS = 30_000;

/** Why `url` may not be fetched, or null when it may: an https: URL with a host, no user info. */
export function remoteRefusal(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return 'it is not an absolute address';
  }
  if (u.protocol !== 'https:') return 'only https: addresses are fetched';
  if (!u.hostname) return 'the address has no host';
  if (u.username || u.password) return 'the address carries a user name or password';
  return null;
}

/**
 * Fetch the remote manifest store at `url`; resolves to its bytes, or throws an Error whose
 * message says why in plain words (for `remoteManifestError`).
 */
export async function fetchRemoteManifest(url, { fetchImpl = fetch } = {}) {
  const refused = remoteRefusal(url);
  if (refused) throw new Error(refused);
  let got;
  try {
    got = await fetchCapped(url, {
      cap: REMOTE_CAP,
      timeoutMs: REMOTE_TIMEOUT_MS,
      fetchImpl,
      init: {
        method: 'GET',
        mode: 'cors',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'follow',
        cache: 'no-store',
        headers: { Accept: 'application/c2pa, application/octet-stream;q=0.9, */*;q=0.1' },
      },
    });
  } catch (e) {
    // fetch() rejects with a bare TypeError for network and CORS failures alike.
    const why = e instanceof TypeError ? 'the server could not be reached, or does not allow this page to read it' : (e.message || String(e));
    throw new Error(why);
  }
  const { res, bytes } = got;
  // A redirect must not leave https: (the browser does not follow https→http from a secure
  // page, but an extension's fetch might).
  if (res.url && !res.url.startsWith('https:')) throw new Error('the server redirected to an address that is not https:');
  if (!bytes) throw new Error(`the server answered HTTP ${res.status}`);
  if (!bytes.byteLength) throw new Error('the server answered with nothing');
  return bytes;
}
