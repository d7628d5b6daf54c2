// The report page: shows one stored check with the same renderer as the web page.
import { renderReport } from './js/render.js';

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}

async function main() {
  const id = new URLSearchParams(location.search).get('id');
  const status = document.getElementById('status');
  const res = id ? await chrome.runtime.sendMessage({ type: 'get-report', id }) : { error: 'No report id.' };
  if (!res || res.error || !res.entry) {
    status.textContent = res?.error || 'No answer from the extension.';
    return;
  }
  const { entry } = res;
  const source = document.getElementById('source');
  if (entry.kind === 'text') {
    source.append(el('blockquote', { 'data-checked-text': '' }, entry.text));
  } else {
    source.append(el('div', { class: 'src', 'data-checked-url': entry.url }, entry.url));
  }
  document.body.dataset.verdict = entry.verdict;
  status.textContent = `Checked ${new Date(entry.checkedAt).toLocaleString()}.`;
  const container = document.getElementById('report');
  renderReport(entry.report, container, {
    thumbnailUrl: entry.thumb || undefined,
    fileName: entry.kind === 'text' ? 'selected text' : entry.url,
  });
}

main();
