// The one verdict vocabulary of the web page and the extension: order, titles, short lines,
// badge words, colours and icons, plus the names of the report's evidence fields. The words
// carry the meaning; colour and icon only repeat it. Titles and lines follow the explanations
// in src/verdict.rs. Colours: white text on each meets WCAG AA.

/** The verdicts, strongest AI evidence first (the order of src/verdict.rs). */
export const ORDER = ['ai-verified', 'ai-signed', 'invalid', 'ai-watermark', 'ai-declared', 'provenance', 'no-label', 'error'];

export const VERDICTS = {
  'ai-verified': {
    title: 'AI-made: verified',
    line: 'Signed Content Credentials from a trusted signer say AI was used.',
    badge: 'AI · verified',
    color: '#5b2a86',
    icon: 'shield-ai',
  },
  'ai-signed': {
    title: 'AI-made: signed, signer not trusted',
    line: 'Signed Content Credentials say AI was used, but the signer is not on a trust list in use.',
    badge: 'AI · signed',
    color: '#8a3f0a',
    icon: 'pen-ai',
  },
  invalid: {
    title: 'Content Credentials are broken',
    line: 'Credentials are present but fail validation: do not rely on them.',
    badge: 'Invalid credentials',
    color: '#a3161c',
    icon: 'cross',
  },
  'ai-watermark': {
    title: 'AI watermark found',
    line: 'Only an invisible watermark says this was made with AI.',
    badge: 'AI · watermark',
    color: '#0b5c7a',
    icon: 'wave',
  },
  'ai-declared': {
    title: 'Labelled as AI (unsigned)',
    line: 'Unsigned metadata or text says AI was used. It is a claim, not proof.',
    badge: 'AI · declared',
    color: '#8a5a00',
    icon: 'tag',
  },
  provenance: {
    title: 'Content Credentials, no AI declared',
    line: 'Valid signed credentials are present and do not declare AI.',
    badge: 'Content Credentials',
    color: '#146c43',
    icon: 'check',
  },
  'no-label': {
    title: 'No AI label found',
    line: 'This does not show that a person made it.',
    badge: 'No label',
    color: '#4a5562',
    icon: 'question',
  },
  // src/verdict.rs: "The input could not be read."
  error: {
    title: 'Could not be read',
    line: 'The input could not be read.',
    badge: 'Not read',
    color: '#3b3f45',
    icon: 'alert',
  },
};

/** The report's `c2pa.invalid_reason`, in words (src/c2pa/report.rs `InvalidReason`). */
export const INVALID_REASONS = {
  altered: 'changed after signing',
  credential: 'signer credential problem, file unchanged',
  malformed: 'malformed credentials',
};

/** The entry of a verdict; anything unknown is shown as `error`. */
export function verdictInfo(verdict) {
  return Object.hasOwn(VERDICTS, verdict) ? VERDICTS[verdict] : VERDICTS.error;
}

/** SVG path data for each icon (24×24 viewBox, stroked). Our own constant strings. */
export const ICONS = {
  'shield-ai': ['M12 2 4 5v6c0 5 3.5 9.5 8 11 4.5-1.5 8-6 8-11V5z', 'M8.5 12.5l2.5 2.5 4.5-5'],
  'pen-ai': ['M4 20h4L19 9l-4-4L4 16z', 'M13.5 6.5l4 4'],
  cross: ['M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z', 'M8.5 8.5l7 7M15.5 8.5l-7 7'],
  wave: ['M2 12c2.5-4 5-4 7.5 0s5 4 7.5 0 3.5-3 5-1.5', 'M2 17c2.5-4 5-4 7.5 0s5 4 7.5 0 3.5-3 5-1.5'],
  tag: ['M3 12V4h8l10 10-8 8z', 'M7.5 7.5h.01'],
  check: ['M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z', 'M7.5 12.5l3 3 6-6.5'],
  question: ['M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z', 'M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.4-1 1-1 1.7v.5', 'M12 17.5h.01'],
  alert: ['M12 3 2 21h20z', 'M12 10v5', 'M12 18h.01'],
};

/** Signal families (src/signal.rs `Family`). */
export const FAMILIES = {
  c2pa: 'C2PA Content Credentials',
  iptc: 'IPTC photo metadata',
  xmp: 'XMP metadata',
  exif: 'EXIF metadata',
  generator: 'AI generator parameters',
  tc260: 'China AIGC label (GB 45438-2025)',
  'text-disclosure': 'Disclosure in the text',
  'hidden-unicode': 'Hidden characters in the text',
  html: 'HTML metadata',
  'http-header': 'AI-Disclosure HTTP header',
  watermark: 'Invisible watermark',
};

/** Signal strengths (src/signal.rs `Strength`). */
export const STRENGTHS = {
  verified: 'Signed by a trusted signer',
  signed: 'Signed (signer not trusted)',
  watermark: 'Watermark',
  declared: 'Unsigned claim',
};

/** What the evidence says about AI (src/signal.rs `AiKind`). */
export const AI_KINDS = {
  generated: 'made with generative AI',
  edited: 'edited with generative AI',
  'may-contain': 'may contain AI-generated parts',
};

/**
 * Wording for the class of a digital source type. The class itself comes from the report
 * (`source_type.class`, decided by src/labels/image/source_type.rs); this only names it.
 */
export const SOURCE_CLASSES = {
  generated: 'made with generative AI',
  'partly-generated': 'partly made or edited with generative AI',
  'may-contain': 'may contain AI-generated parts',
  synthetic: 'made by an algorithm without a trained model',
  captured: 'captured from the real world',
  'human-made': 'made by people with non-generative tools',
  empty: 'no content',
};
