// The verdict vocabulary as the extension's pages show it: short badge text, colour, and order.
// content.js carries a copy of BADGE (it cannot import modules); tests check the two agree.

/** Verdicts in the order the popup lists them, strongest AI evidence first. */
export const VERDICTS = [
  'ai-verified',
  'ai-signed',
  'invalid',
  'ai-watermark',
  'ai-declared',
  'provenance',
  'no-label',
  'error',
];

/** Short badge text and colour per verdict. The wording never claims a person made the image. */
export const BADGE = {
  'ai-verified': { text: 'AI · verified', color: '#6d28d9' },
  'ai-signed': { text: 'AI · signed', color: '#7c3aed' },
  invalid: { text: 'Invalid credentials', color: '#b91c1c' },
  'ai-watermark': { text: 'AI · watermark', color: '#a21caf' },
  'ai-declared': { text: 'AI · declared', color: '#9333ea' },
  provenance: { text: 'Content Credentials', color: '#047857' },
  'no-label': { text: 'No label', color: '#4b5563' },
  error: { text: 'Not checked', color: '#92400e' },
};

/** A longer name for lists and headings. */
export const TITLE = {
  'ai-verified': 'AI, verified credentials',
  'ai-signed': 'AI, signed by an untrusted signer',
  invalid: 'Credentials fail validation',
  'ai-watermark': 'AI watermark',
  'ai-declared': 'AI declared in metadata',
  provenance: 'Content Credentials, no AI declared',
  'no-label': 'No label found',
  error: 'Could not be checked',
};
