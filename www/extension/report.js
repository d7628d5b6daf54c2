// The report page: shows one check with the same renderer as the web page. `?id=<entry>` shows a
// stored check (a badge or the popup opened it); `?q=<request>` runs a context-menu check first
// ("Check this image" asks the server again; "Check selected text").
import { markSentences, renderReport } from './js/render.js';
import { el } from './shared/dom.js';

const send = (msg) => chrome.runtime.sendMessage(msg);

async function entryFor(params) {
  if (params.has('id')) return send({ type: 'get-report', id: params.get('id') });
  if (!params.has('q')) return { error: 'No report id.' };
  const got = await send({ type: 'get-request', q: params.get('q') });
  if (!got?.request) return got;
  const { request } = got;
  const res = request.kind === 'text'
    ? await send({ type: 'check-text', text: request.text })
    : await send({ type: 'check-image', url: request.url, tabId: request.tabId, frameId: request.frameId, revalidate: true });
  // A reload shows this result instead of checking again.
  if (res?.entry) history.replaceState(null, '', `?id=${encodeURIComponent(res.entry.id)}`);
  return res;
}

/**
 * "Fetch and verify" for Content Credentials stored remotely: ask for access to that host (the
 * browser's prompt, on this click; the managed build has it already), then the background
 * fetches them in the engine, without credentials or referrer, and checks the image again.
 * Without the grant the fetch is still tried: it works when the host allows cross-origin reads.
 */
async function fetchRemote(entry, remote) {
  let origin = null;
  try {
    origin = `${new URL(remote.url).origin}/*`;
  } catch {
    throw new Error('the address is not a URL');
  }
  // Called at once in the click handler, so the browser sees the reader's gesture.
  await chrome.permissions.request({ origins: [origin] }).catch(() => false);
  const res = await send({ type: 'check-remote', id: entry.id });
  if (!res?.entry) throw new Error(res?.error || 'no answer from the extension');
  history.replaceState(null, '', `?id=${encodeURIComponent(res.entry.id)}`);
  show(res.entry);
}

function show(entry) {
  const status = document.getElementById('status');
  const source = document.getElementById('source');
  source.replaceChildren(entry.kind === 'text'
    ? el('blockquote', { 'data-checked-text': '' }, markSentences(String(entry.text ?? ''), entry.report).view)
    : el('div', { class: 'src', 'data-checked-url': entry.url }, entry.url));
  status.textContent = `Checked ${new Date(entry.checkedAt).toLocaleString()}.`;
  renderReport(entry.report, document.getElementById('report'), {
    thumbnailUrl: entry.thumb || undefined,
    fileName: entry.kind === 'text' ? 'selected text' : entry.url,
    onFetchRemote: entry.kind === 'text' ? undefined : (remote) => fetchRemote(entry, remote),
  });
  document.body.dataset.verdict = entry.verdict;
  document.body.dataset.entry = entry.id;
}

async function main() {
  const status = document.getElementById('status');
  const res = await entryFor(new URLSearchParams(location.search));
  if (!res || res.error || !res.entry) {
    status.textContent = res?.error || 'No answer from the extension.';
    return;
  }
  show(res.entry);
}

main();
