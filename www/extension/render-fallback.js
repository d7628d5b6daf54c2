// Minimal report renderer, used only when the shared www/js/render.js is not there at build time.
// Same entry point as the shared one: renderReport(report, container, opts); textContent only.

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

export function renderReport(report, container) {
  container.replaceChildren();
  const head = el('div', null, 'verdict');
  head.dataset.verdict = report.verdict;
  head.append(el('strong', report.verdict), el('p', report.summary || ''));
  container.append(head);
  if (report.ai?.tools?.length) container.append(el('p', `AI tools named: ${report.ai.tools.join(', ')}`));
  for (const c of report.conflicts || []) container.append(el('p', c, 'conflict'));
  if (report.signals?.length) {
    container.append(el('h2', 'Evidence'));
    const ul = el('ul');
    for (const s of report.signals) ul.append(el('li', `${s.family}: ${s.value ?? ''} ${s.explanation ?? ''}`));
    container.append(ul);
  }
  if (report.c2pa) container.append(el('h2', 'Content Credentials'), el('p', `State: ${report.c2pa.state}`));
  if (report.errors?.length) {
    container.append(el('h2', 'Problems'));
    const ul = el('ul');
    for (const e of report.errors) ul.append(el('li', e.message));
    container.append(ul);
  }
  const raw = el('details');
  raw.append(el('summary', 'Raw JSON'), el('pre', JSON.stringify(report, null, 2)));
  container.append(raw);
}
