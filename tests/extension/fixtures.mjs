// Test fixtures for the extension tests: images built here byte by byte (with or without a label),
// and two local HTTP servers (two origins) that log every request.
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunk, encodePng } from '../../scripts/png.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** An RGB PNG of w x h with a diagonal two-colour gradient, plus `extra` chunks before IDAT. */
export function png(w, h, [r1, g1, b1], [r2, g2, b2], extra = []) {
  const mix = (a, b, t) => Math.round(a + (b - a) * t);
  return encodePng(w, h, (x, y) => {
    const t = (x / w + y / h) / 2;
    return [mix(r1, r2, t), mix(g1, g2, t), mix(b1, b2, t)];
  }, { extra });
}

/** An iTXt chunk holding XMP (keyword XML:com.adobe.xmp, uncompressed), per the PNG spec 11.3.4.5. */
export function xmpChunk(xmp) {
  return chunk(
    'iTXt',
    Buffer.concat([Buffer.from('XML:com.adobe.xmp\0', 'latin1'), Buffer.from([0, 0]), Buffer.from('\0\0'), Buffer.from(xmp, 'utf8')]),
  );
}

/** XMP declaring IPTC DigitalSourceType trainedAlgorithmicMedia (IPTC Photo Metadata 2023.1). */
export const AI_XMP =
  '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" ' +
  'Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/>' +
  '</rdf:RDF></x:xmpmeta><?xpacket end="r"?>';

export function sha256(buf) {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

// ---- servers ---------------------------------------------------------------------------------

/**
 * Starts an HTTP server on 127.0.0.1 (random port) serving `routes`: path -> { body, type, headers },
 * or path -> { handle(req, res, logEntry, url) } for a route that answers by itself. Images get
 * an ETag and answer If-None-Match with 304. Every request is logged.
 */
export async function serve(routes) {
  const log = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const route = routes[url.pathname];
    // `host`: the Host header (a proxy request names its target there too).
    const entry = { path: url.pathname, search: url.search, host: req.headers.host, headers: req.headers, status: 0 };
    log.push(entry);
    if (route?.handle) {
      route.handle(req, res, entry, url);
      return;
    }
    if (!route) {
      entry.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = typeof route.body === 'function' ? route.body(url) : route.body;
    const headers = { 'content-type': route.type, 'cache-control': 'no-cache', ...(route.headers || {}) };
    if (route.type.startsWith('image/')) {
      const etag = `"${sha256(body).slice(0, 16)}"`;
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) {
        entry.status = 304;
        res.writeHead(304, { etag });
        res.end();
        return;
      }
    }
    entry.status = 200;
    headers['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { server, port, origin: `http://127.0.0.1:${port}`, log, close: () => new Promise((r) => server.close(r)) };
}
