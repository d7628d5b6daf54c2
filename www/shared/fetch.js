// Fetching with a size cap and a time limit, for everything the page and the extension download
// (trust lists, images): a server cannot make us hold more than `cap` bytes or wait forever. Also
// the address rules of the extension's image fetches: which hosts count as private, and when a
// page or a redirect may not lead the extension there.

/**
 * Fetch `url` and read its body, refusing more than `cap` bytes (checked on Content-Length and
 * again while streaming) and giving up after `timeoutMs` for the whole exchange. A response
 * that is not ok (including 304) comes back with `bytes: null` and its body not read (the
 * connection is let go). `accept(res)` may refuse an answer from its headers and final URL before
 * its body is read, by returning the reason.
 */
export async function fetchCapped(url, { cap, timeoutMs = 30_000, init = {}, fetchImpl = fetch, accept = null }) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let timedOut = false;
  controller.signal.addEventListener('abort', () => {
    timedOut = true;
  });
  try {
    const res = await fetchImpl(url, { ...init, signal: controller.signal });
    const refused = accept?.(res);
    if (refused) throw new Error(refused);
    if (!res.ok) return { res, bytes: null };
    return { res, bytes: await readCapped(res, cap) };
  } catch (err) {
    if (timedOut) throw new Error(`no complete answer within ${Math.round(timeoutMs / 1000)} s`);
    throw err;
  } finally {
    clearTimeout(timer);
    // Whatever was not read is not wanted: a refused, over-long or unread body must not keep
    // its connection (and the server's stream) open until garbage collection.
    if (!timedOut) controller.abort();
  }
}

/** Read a response body, refusing more than `cap` bytes. */
export async function readCapped(res, cap) {
  const len = Number(res.headers.get('content-length'));
  if (len > cap) {
    res.body?.cancel().catch(() => {});
    throw new Error(`the file is ${len} bytes, over the ${cap}-byte limit`);
  }
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.byteLength > cap) throw new Error(`the file is over the ${cap}-byte limit`);
    return buf;
  }
  const reader = res.body.getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      reader.cancel().catch(() => {});
      throw new Error(`the file is over the ${cap}-byte limit`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

// ---- which addresses an image fetch may reach ------------------------------------------------
// A public page must not use the extension to read its reader's intranet: the extension fetches
// with host access the page does not have, and the verdict attribute of a badge is readable by the
// page. "Private" is judged from the address as written (the browser resolves names itself, so a
// public name that resolves into the intranet is not seen here).

/** IPv4 ranges that are not public addresses: [first octets as a 32-bit prefix, prefix length]. */
const PRIVATE_V4 = [
  [0x00000000, 8], // "this network" (RFC 791)
  [0x0a000000, 8], // private (RFC 1918)
  [0x64400000, 10], // carrier-grade NAT (RFC 6598)
  [0x7f000000, 8], // loopback (RFC 1122)
  [0xa9fe0000, 16], // link-local, cloud metadata services (RFC 3927)
  [0xac100000, 12], // private (RFC 1918)
  [0xc0000000, 24], // IETF protocol assignments (RFC 6890)
  [0xc0a80000, 16], // private (RFC 1918)
  [0xc6120000, 15], // benchmarking (RFC 2544)
  [0xe0000000, 3], // multicast and reserved, up to the broadcast address
];
/** Names that only mean something inside a network (RFC 6761, RFC 6762, RFC 8375, ICANN .internal). */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'lan', 'intranet', 'corp'];

function v4(host) {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const n = m.slice(1).map(Number);
  if (n.some((x) => x > 255)) return null;
  return ((n[0] << 24) | (n[1] << 16) | (n[2] << 8) | n[3]) >>> 0;
}

function privateV4(addr) {
  return PRIVATE_V4.some(([net, len]) => (addr >>> (32 - len)) === (net >>> (32 - len)));
}

/**
 * Is `hostname` (as `URL.hostname` gives it: IPv4 normalised, IPv6 in brackets) a loopback,
 * private, link-local or otherwise non-public address, or a name that only resolves inside a
 * network (`localhost`, `*.local`, a single label such as `intranet`)?
 */
export function isPrivateHost(hostname) {
  const host = String(hostname).toLowerCase().replace(/\.$/, '');
  const a = v4(host);
  if (a != null) return privateV4(a);
  if (host.startsWith('[')) {
    const h = host.slice(1, -1);
    if (h === '::' || h === '::1') return true;
    // IPv4-mapped (::ffff:a.b.c.d, which the URL parser writes as ::ffff:xxxx:xxxx).
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
    if (mapped) return privateV4(((parseInt(mapped[1], 16) << 16) | parseInt(mapped[2], 16)) >>> 0);
    // Unique local fc00::/7, link-local fe80::/10, multicast ff00::/8.
    return /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h) || /^ff[0-9a-f]{0,2}:/.test(h);
  }
  if (!host.includes('.')) return true;
  return PRIVATE_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));
}

/** Is `url` an http(s) URL on a private host? (Other schemes are refused by the caller anyway.) */
export function isPrivateUrl(url) {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isPrivateHost(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Why a picture shown on the page at `pageOrigin` may not be fetched from `url`, or null. A page
 * on a public host, or with an opaque origin, gets no fetch of a private address from the
 * extension (refused before any connection); a page that is itself on a private host (an
 * intranet, a local server) or a local file may.
 */
export function pageRefusal(pageOrigin, url) {
  if (!isPrivateUrl(url)) return null;
  // An opaque origin ("null": a sandboxed frame, a data: document) counts as public.
  if (pageOrigin === 'file://' || isPrivateUrl(`${pageOrigin}/`)) return null;
  return `the picture is on a private network address (${new URL(url).host}) and the page is not: the extension does not fetch it for that page.`;
}

/**
 * Why the answer reached at `finalUrl` after redirects from `url` may not be read, or null: a
 * redirect may not leave http(s) (the browser refuses those itself), and may not lead from a
 * public address into a private one.
 */
export function redirectRefusal(url, finalUrl) {
  if (!finalUrl || finalUrl === url) return null;
  let to;
  try {
    to = new URL(finalUrl);
  } catch {
    return 'a redirect led to an address that is not a URL.';
  }
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return `a redirect led to a ${to.protocol} address.`;
  if (isPrivateUrl(finalUrl) && !isPrivateUrl(url)) return `a redirect led from a public address into a private network address (${to.host}); its answer was not read.`;
  return null;
}
