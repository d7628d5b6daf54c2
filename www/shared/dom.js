// The one DOM helper of the page and the extension pages. Text only ever enters as text nodes
// (the same as textContent); attributes are set one by one with setAttribute. Never innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Create an element. `attrs` are set with setAttribute (`class` too); `false`, `null` and
 * `undefined` values are skipped, `true` sets an empty attribute. Children are nodes or text.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false || c === '') continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** An inline SVG icon from a list of path strings, hidden from assistive technology. */
export function svgIcon(paths, size = 24) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: size, height: size, 'aria-hidden': 'true', focusable: 'false', class: 'icon' })) {
    svg.setAttribute(k, String(v));
  }
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
