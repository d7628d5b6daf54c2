// Checks the hand-written text-disclosure evaluation set in tests/fixtures/text-disclosures/:
// every line parses, every field is valid, `sentence` is an exact substring of `text`, ids are
// unique, and each language meets its minimum counts. Prints a count table; exits 1 on any error.
// Usage: node scripts/text-eval-check.mjs [dir] [--markdown]
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The languages the set must cover (issue 11): the 24 EU languages and twelve more. */
export const LANGUAGES = [
  'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv',
  'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv',
  'zh-Hans', 'zh-Hant', 'ja', 'ko', 'uk', 'ru', 'tr', 'ar', 'hi', 'no', 'sr', 'pt-BR',
];
export const POSITIVE_CLASSES = ['sentence', 'compound', 'tag', 'credit', 'hashtag', 'prefix'];
export const NEGATIVE_CLASSES = ['negation', 'about-ai', 'reported', 'other-meaning'];
const FIELDS = ['id', 'lang', 'text', 'expect', 'negated', 'sentence', 'class', 'note'];
const REQUIRED = FIELDS.filter((f) => f !== 'note');

/** Minimum positives and negatives per language; English is the most varied, so it has more. */
export function minimums(lang) {
  return lang === 'en' ? { positives: 30, negatives: 20 } : { positives: 8, negatives: 5 };
}
export const MIN_TOTAL = 420;
/** Each language shows at least this many distinct positive forms, and every negative class. */
const MIN_POSITIVE_FORMS = 4;
/** A text is 1–4 short sentences; anything longer is a sign of a pasted article. */
const MAX_TEXT_CHARS = 400;

/** Validates one language file's text; returns { rows, errors }. */
export function checkFile(lang, source, where = `${lang}.jsonl`) {
  const errors = [];
  const rows = [];
  const lines = source.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const at = `${where}:${i + 1}`;
    const fail = (msg) => errors.push(`${at}: ${msg}`);
    let row;
    try {
      row = JSON.parse(line);
    } catch (e) {
      fail(`expected one JSON object per line, found unparsable text (${e.message})`);
      return;
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      fail(`expected a JSON object, found ${JSON.stringify(row)}`);
      return;
    }
    for (const key of Object.keys(row)) if (!FIELDS.includes(key)) fail(`unknown field "${key}"`);
    for (const key of REQUIRED) if (!(key in row)) fail(`missing field "${key}"`);
    for (const key of ['id', 'lang', 'text', 'expect', 'sentence', 'class']) {
      if (key in row && typeof row[key] !== 'string') fail(`"${key}" must be a string`);
    }
    if ('note' in row && (typeof row.note !== 'string' || row.note === '')) {
      fail('"note", when present, must be a non-empty string');
    }
    if (typeof row.negated !== 'boolean') fail('"negated" must be true or false');
    if (errors.some((e) => e.startsWith(`${at}:`))) return;

    if (row.lang !== lang) fail(`"lang" is "${row.lang}" but the file is ${lang}.jsonl`);
    if (!new RegExp(`^${lang.replace('-', '\\-')}-[1-9][0-9]*$`).test(row.id)) {
      fail(`"id" must be "${lang}-<n>", found "${row.id}"`);
    }
    const text = row.text;
    if (text.trim() === '' || text !== text.trim()) fail('"text" is empty or has outer spaces');
    if (text.length > MAX_TEXT_CHARS) fail(`"text" has ${text.length} chars, more than ${MAX_TEXT_CHARS}`);
    if (text !== text.normalize('NFC')) fail('"text" is not in Unicode NFC');
    if (/[\u0000-\u001f]/.test(text)) fail('"text" contains a control character');

    const positive = row.expect === 'ai-declared';
    if (!positive && row.expect !== 'no-label') {
      fail(`"expect" must be "ai-declared" or "no-label", found "${row.expect}"`);
    }
    const classes = positive ? POSITIVE_CLASSES : NEGATIVE_CLASSES;
    if (!classes.includes(row.class)) {
      fail(`"class" for ${row.expect} must be one of ${classes.join('|')}, found "${row.class}"`);
    }
    const isNegation = !positive && row.class === 'negation';
    if (row.negated !== isNegation) {
      fail(`"negated" must be ${isNegation} for expect=${row.expect} class=${row.class}`);
    }
    if (positive || isNegation) {
      if (row.sentence === '') fail('"sentence" must name the disclosing (or negated) phrase');
      else if (!text.includes(row.sentence)) {
        fail(`"sentence" is not a substring of "text": ${JSON.stringify(row.sentence)}`);
      } else if (row.sentence !== row.sentence.trim()) fail('"sentence" has outer spaces');
    } else if (row.sentence !== '') {
      fail(`"sentence" must be "" for a ${row.class} negative, found ${JSON.stringify(row.sentence)}`);
    }
    rows.push({ ...row, at });
  });
  return { rows, errors };
}

/** Validates the whole set; returns { perLang, total, errors }. */
export function checkSet(dir) {
  const errors = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  const perLang = new Map();
  const ids = new Map();
  for (const file of files) {
    const lang = basename(file, '.jsonl');
    if (!LANGUAGES.includes(lang)) errors.push(`${file}: "${lang}" is not one of the set's languages`);
    const { rows, errors: fileErrors } = checkFile(lang, readFileSync(join(dir, file), 'utf8'), file);
    errors.push(...fileErrors);
    const texts = new Map();
    for (const row of rows) {
      if (ids.has(row.id)) errors.push(`${row.at}: id "${row.id}" already used at ${ids.get(row.id)}`);
      else ids.set(row.id, row.at);
      if (texts.has(row.text)) errors.push(`${row.at}: same text as ${texts.get(row.text)}`);
      else texts.set(row.text, row.at);
    }
    const pos = rows.filter((r) => r.expect === 'ai-declared');
    const neg = rows.filter((r) => r.expect === 'no-label');
    const count = (list) => Object.fromEntries(
      [...new Set(list.map((r) => r.class))].map((c) => [c, list.filter((r) => r.class === c).length]),
    );
    perLang.set(lang, { positives: pos.length, negatives: neg.length, pos: count(pos), neg: count(neg) });
  }
  for (const lang of LANGUAGES) {
    const c = perLang.get(lang);
    if (!c) {
      errors.push(`${lang}.jsonl: missing`);
      continue;
    }
    const min = minimums(lang);
    if (c.positives < min.positives) errors.push(`${lang}: ${c.positives} positives, need ≥ ${min.positives}`);
    if (c.negatives < min.negatives) errors.push(`${lang}: ${c.negatives} negatives, need ≥ ${min.negatives}`);
    const forms = Object.keys(c.pos).length;
    if (forms < MIN_POSITIVE_FORMS) {
      errors.push(`${lang}: ${forms} distinct positive forms, need ≥ ${MIN_POSITIVE_FORMS}`);
    }
    for (const cls of NEGATIVE_CLASSES) {
      if (!c.neg[cls]) errors.push(`${lang}: no "${cls}" negative`);
    }
  }
  const total = [...perLang.values()].reduce((n, c) => n + c.positives + c.negatives, 0);
  if (total < MIN_TOTAL) errors.push(`the set has ${total} texts, need ≥ ${MIN_TOTAL}`);
  return { perLang, total, errors };
}

function table(perLang, total, markdown) {
  const cols = ['positives', ...POSITIVE_CLASSES, 'negatives', ...NEGATIVE_CLASSES];
  const head = ['lang', ...cols, 'total'];
  const rows = [...perLang.entries()].map(([lang, c]) => [
    lang, c.positives, ...POSITIVE_CLASSES.map((k) => c.pos[k] ?? 0),
    c.negatives, ...NEGATIVE_CLASSES.map((k) => c.neg[k] ?? 0), c.positives + c.negatives,
  ]);
  const sum = (i) => rows.reduce((n, r) => n + r[i], 0);
  rows.push(['all', ...cols.map((_, i) => sum(i + 1)), total]);
  if (markdown) {
    return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  }
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  return [head, ...rows].map((r) => r.map((v, i) => String(v).padStart(width[i])).join(' ')).join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'))
    ?? new URL('../tests/fixtures/text-disclosures/', import.meta.url).pathname;
  const { perLang, total, errors } = checkSet(dir);
  console.log(table(perLang, total, args.includes('--markdown')));
  if (errors.length > 0) {
    for (const e of errors) console.error(`error: ${e}`);
    console.error(`${errors.length} error(s) in the text-disclosure evaluation set`);
    process.exit(1);
  }
  console.log(`ok: ${total} texts in ${perLang.size} languages`);
}
