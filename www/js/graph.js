// The provenance picture on the page: the SVG the report renderer drew (export.js, the same
// markup as in the HTML report), taken into the page only after every element and attribute is
// checked against a short allowlist (defence in depth: the renderer escapes every string from
// the file, and tests hold it to that). Never innerHTML into the live page: the markup is parsed
// in a separate, inert document and the checked tree is imported.
// Also the compare view: ingredient thumbnails beside the final image.

import { el } from '../shared/dom.js';
import { claimThumbnail, thumbnailBase64 } from './thumbs.js';

const ELEMENTS = new Set(['svg', 'title', 'desc', 'defs', 'marker', 'path', 'g', 'rect', 'text', 'image']);
const ATTRIBUTES = new Set(['class', 'viewBox', 'width', 'height', 'role', 'aria-labelledby', 'aria-describedby',
  'font-family', 'id', 'refX', 'refY', 'markerWidth', 'markerHeight', 'orient', 'd', 'fill', 'stroke',
  'stroke-width', 'stroke-dasharray', 'marker-end', 'x', 'y', 'rx', 'font-size', 'font-weight', 'text-anchor',
  'preserveAspectRatio', 'href', 'data-failing']);

/** The SVG element for `markup`, or null if anything in it is outside the allowlist. */
export function svgFromMarkup(markup) {
  if (typeof markup !== 'string' || !markup.startsWith('<svg')) return null;
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${markup}`, 'text/html');
  const svg = doc.body.firstElementChild;
  if (!svg || svg.localName !== 'svg' || doc.body.children.length !== 1) return null;
  for (const node of [svg, ...svg.querySelectorAll('*')]) {
    if (!ELEMENTS.has(node.localName)) return null;
    for (const a of node.attributes) {
      if (!ATTRIBUTES.has(a.name)) return null;
      if (a.name === 'href' && !/^data:image\/(jpeg|png|webp|gif|avif);base64,[A-Za-z0-9+/=]+$/.test(a.value)) return null;
      if (a.name === 'marker-end' && !/^url\(#[\w-]+\)$/.test(a.value)) return null;
    }
  }
  return document.importNode(svg, true);
}

const SAFE_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);
function thumbnailUrl(t) {
  const data = thumbnailBase64(t);
  if (!t || !data || !SAFE_IMAGE_TYPES.has(t.media_type) || !/^[A-Za-z0-9+/=\s]*$/.test(data)) return null;
  return `data:${t.media_type};base64,${data.replace(/\s+/g, '')}`;
}

/**
 * The picture section: the SVG (if any) and, where ingredient manifests carry thumbnails, a
 * side-by-side view of each beside the final image (the checked file, else the active
 * manifest's own thumbnail).
 */
export function provenanceSection(report, svgMarkup, { thumbnailUrl: fileUrl } = {}) {
  const svg = svgFromMarkup(svgMarkup);
  const c = report.c2pa;
  if (!svg || !c) return '';
  const manifests = c.manifests ?? [];
  const active = manifests.find((m) => m.label === c.active_manifest) ?? manifests.at(-1);
  const byLabel = new Map(manifests.map((m) => [m.label, m]));
  const thumbOf = (m) => thumbnailUrl(claimThumbnail(m, byLabel));
  const finalUrl = fileUrl ?? thumbOf(active);
  const ingredients = manifests.filter((m) => m !== active && thumbOf(m));
  const section = el('div', { class: 'provenance' },
    el('h4', {}, 'Provenance picture'),
    el('p', { class: 'muted small' }, 'The file at the top, its ingredients below, each arrow labelled with how the ingredient was used. A red box failed a check.'),
    el('div', { class: 'picture' }, svg));
  if (finalUrl && ingredients.length) {
    section.append(el('h4', {}, 'Compare with its ingredients'),
      el('div', { class: 'compare' },
        el('figure', {}, el('img', { src: finalUrl, alt: 'The checked file' }), el('figcaption', {}, 'This file')),
        ingredients.map((m) => el('figure', {},
          el('img', { src: thumbOf(m), alt: `Thumbnail of the ingredient ${m.title ?? m.label}` }),
          el('figcaption', {}, `Ingredient: ${m.title ?? m.label}`)))));
  }
  return section;
}
