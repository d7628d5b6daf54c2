// Claim thumbnails in reports. The wasm hands them over as bytes (`thumbnail: {media_type,
// data: Uint8Array}`) so a check does not pay for base64; the JSON report (the command line's
// `--json`, the HTML export, the extension's stored reports) has `data_base64` instead. This
// module turns the first into the second, once per thumbnail and only when something needs it.
//
//   thumbnailBase64(t)   the base64 of a thumbnail in either shape, or null
//   claimThumbnail(m, byLabel)  a manifest's claim thumbnail, also when the report holds it once
//                        for several claims (`thumbnail_same_as`), or null
//   jsonReport(report)   the report in its JSON shape (what JSON.stringify and the export take)

const cache = new WeakMap(); // Uint8Array -> its base64

function base64(bytes) {
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The base64 of a thumbnail given as bytes (`data`) or as base64 (`data_base64`), or null. */
export function thumbnailBase64(t) {
  if (!t) return null;
  if (t.data instanceof Uint8Array) {
    let b = cache.get(t.data);
    if (b === undefined) {
      b = base64(t.data);
      cache.set(t.data, b);
    }
    return b;
  }
  return typeof t.data_base64 === 'string' ? t.data_base64 : null;
}

/**
 * The claim thumbnail of manifest `m`: its own `thumbnail`, or, when several claims name the same
 * thumbnail and the report holds it once, that of the manifest `thumbnail_same_as` names
 * (`byLabel`: the report's manifests by label). Null when it has none, or when it was left out of
 * the report (`thumbnail_left_out`, its size in bytes).
 */
export function claimThumbnail(m, byLabel) {
  if (m?.thumbnail) return m.thumbnail;
  if (typeof m?.thumbnail_same_as !== 'string') return null;
  return byLabel.get(m.thumbnail_same_as)?.thumbnail ?? null;
}

/**
 * The report with every claim thumbnail as `{media_type, data_base64}`, as the JSON report has
 * it. The report itself is not changed; it is returned as is when it has no thumbnail bytes.
 */
export function jsonReport(report) {
  const manifests = report?.c2pa?.manifests;
  if (!Array.isArray(manifests) || !manifests.some((m) => m?.thumbnail?.data instanceof Uint8Array)) return report;
  return {
    ...report,
    c2pa: {
      ...report.c2pa,
      manifests: manifests.map((m) => (m?.thumbnail?.data instanceof Uint8Array
        ? { ...m, thumbnail: { media_type: m.thumbnail.media_type, data_base64: thumbnailBase64(m.thumbnail) } }
        : m)),
    },
  };
}
