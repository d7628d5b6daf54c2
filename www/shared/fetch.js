// Fetching with a size cap and a time limit, for everything the page and the extension download
// (trust lists, images): a server cannot make us hold more than `cap` bytes or wait forever.

/**
 * Fetch `url` and read its body, refusing more than `cap` bytes (checked on Content-Length and
 * again while streaming) and giving up after `timeoutMs` for the whole exchange. A response
 * that is not ok (including 304) comes back with `bytes: null` and its body unread.
 */
export async function fetchCapped(url, { cap, timeoutMs = 30_000, init = {}, fetchImpl = fetch }) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetchImpl(url, { ...init, signal: controller.signal });
    if (!res.ok) return { res, bytes: null };
    return { res, bytes: await readCapped(res, cap) };
  } catch (err) {
    if (controller.signal.aborted) throw new Error(`no complete answer within ${Math.round(timeoutMs / 1000)} s`);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Read a response body, refusing more than `cap` bytes. */
export async function readCapped(res, cap) {
  const len = Number(res.headers.get('content-length'));
  if (len > cap) throw new Error(`the file is ${len} bytes, over the ${cap}-byte limit`);
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
