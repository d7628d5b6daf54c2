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

async function main() {
  const status = document.getElementById('status');
  const res = await entryFor(new URLSearchParams(location.search));
  if (!res || res.error || !res.entry) {
    status.textContent = res?.error || 'No answer from the extension.';
    return;
  }
  const { entry } = res;
  document.getElementById('source').append(entry.kind === 'text'
    ? el('blockquote', { 'data-checked-text': '' }, markSentences(String(entry.text ?? ''), entry.report).view)
    : el('div', { class: 'src', 'data-checked-url': entry.url }, entry.url));
  status.textContent = `Checked ${new Date(entry.checkedAt).toLocaleString()}.`;
  renderReport(entry.report, document.getElementById('report'), {
    thumbnailUrl: entry.thumb || undefined,
    fileName: entry.kind === 'text' ? 'selected text' : entry.url,
  });
  document.body.dataset.verdict = entry.verdict;
  document.body.dataset.entry = entry.id;
}

main();
