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

/** Short badge text and colour per verdict (the web page's palette: white text meets WCAG AA).
 * The wording never claims a person made the image. */
export const BADGE = {
  'ai-verified': { text: 'AI · verified', color: '#5b2a86' },
  'ai-signed': { text: 'AI · signed', color: '#8a3f0a' },
  invalid: { text: 'Invalid credentials', color: '#a3161c' },
  'ai-watermark': { text: 'AI · watermark', color: '#7a5a00' },
  'ai-declared': { text: 'AI · declared', color: '#8a5a00' },
  provenance: { text: 'Content Credentials', color: '#146c43' },
  'no-label': { text: 'No label', color: '#4a5562' },
  error: { text: 'Not checked', color: '#3b3f45' },
};

/** A longer name for lists and headings. */
export const TITLE = {
  'ai-verified': 'AI-made: verified',
  'ai-signed': 'AI-made: signed, signer not trusted',
  invalid: 'Content Credentials are broken',
  'ai-watermark': 'AI watermark found',
  'ai-declared': 'Labelled as AI (unsigned)',
  provenance: 'Content Credentials, no AI declared',
  'no-label': 'No AI label found',
  error: 'Could not be checked',
};
