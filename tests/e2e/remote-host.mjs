// A local HTTPS server standing in for the host that keeps a file's remote Content Credentials,
// for the page and extension tests. The browser is launched with `--host-resolver-rules`
// mapping that host to this server and `--ignore-certificate-errors` for its self-signed
// certificate (made with openssl when the test starts), so the page and the extension fetch
// the file's real https: address with their production rules, and nothing leaves the machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The c2pa-rs fixture `cloud.jpg` names its store here (XMP dcterms:provenance)... */
export const CLOUD_URL = 'https://cai-manifests.adobe.com/manifests/adobe-urn-uuid-5f37e182-3687-462e-a7fb-573462780391';
/** ...and `cloud_manifest.c2pa` (tests/fixtures/c2pa/sidecars) is that store. */
export const CLOUD_HOST = new URL(CLOUD_URL).hostname;

/** Whether openssl is there to make the certificate (the tests skip without it). */
export function haveOpenssl() {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Start an HTTPS server on 127.0.0.1 for `host`, answering `answer(req)` → { status, body,
 * headers }. Every request is logged with its headers. Resolves to { port, log, args, close }:
 * `args` are the Chromium flags that send `host` here.
 */
export async function remoteHost(host, answer) {
  const dir = mkdtempSync(join(tmpdir(), 'ailabel-remote-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', `/CN=${host}`,
    '-addext', `subjectAltName=DNS:${host}`], { stdio: 'ignore' });
  const log = [];
  const server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    log.push({ method: req.method, path: req.url, headers: req.headers });
    const a = answer(req);
    res.writeHead(a.status, { 'access-control-allow-origin': '*', ...a.headers });
    res.end(a.body ?? '');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    port,
    log,
    args: [`--host-resolver-rules=MAP ${host} 127.0.0.1:${port}`, '--ignore-certificate-errors'],
    close: () => new Promise((r) => {
      server.closeAllConnections?.();
      server.close(() => {
        rmSync(dir, { recursive: true, force: true });
        r();
      });
    }),
  };
}
