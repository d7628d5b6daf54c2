// Sets the one version number everywhere it is written: the crate (Cargo.toml and its entry in
// Cargo.lock), the npm package (package.json, package-lock.json) and the extension's source
// manifest (www/extension/manifest.json; the built manifests take package.json's version).
// The npm package in dist/npm/ is built from package.json. Usage:
//   node scripts/bump-version.mjs <version> [--root DIR]
// <version> is semantic (MAJOR.MINOR.PATCH, no pre-release suffix: browser stores accept only
// dotted numbers). Edits are textual, so formatting and comments stay as they are.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files that carry the version, relative to the repository root. */
export const VERSION_FILES = ['Cargo.toml', 'Cargo.lock', 'package.json', 'package-lock.json', 'www/extension/manifest.json'];

/** Replace exactly one match of `re` (whose group 1 is the text before the version) in `text`. */
function replaceOnce(text, re, version, file) {
  const matches = [...text.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))];
  if (matches.length !== 1) throw new Error(`bump-version: expected one version in ${file}, found ${matches.length}`);
  return text.replace(re, (_, before) => `${before}${version}"`);
}

/** Rewrite every version in the repository at `root` to `version`. */
export function bump(root, version) {
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(version)) {
    throw new Error(`bump-version: expected a version like 1.2.3, but found "${version}"`);
  }
  const edit = (file, fn) => {
    const p = path.join(root, file);
    fs.writeFileSync(p, fn(fs.readFileSync(p, 'utf8')));
  };
  // Cargo.toml: the `version` line of [package] (the first table).
  edit('Cargo.toml', (t) => replaceOnce(t, /(\[package\]\n(?:(?!\[)[^\n]*\n)*?version = ")[^"]*"/, version, 'Cargo.toml [package]'));
  edit('Cargo.lock', (t) => replaceOnce(t, /(\[\[package\]\]\nname = "ailabel"\nversion = ")[^"]*"/, version, 'Cargo.lock'));
  edit('package.json', (t) => replaceOnce(t, /(^ {2}"version": ")[^"]*"/m, version, 'package.json'));
  // package-lock.json: the top-level version and the root package's (packages[""]).
  edit('package-lock.json', (t) => {
    const u = replaceOnce(t, /(^ {2}"version": ")[^"]*"/m, version, 'package-lock.json');
    return replaceOnce(u, /("packages": \{\n {4}"": \{\n(?: {6}[^\n]*\n)*? {6}"version": ")[^"]*"/, version, 'package-lock.json packages[""]');
  });
  edit('www/extension/manifest.json', (t) => replaceOnce(t, /(^ {2}"version": ")[^"]*"/m, version, 'www/extension/manifest.json'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--root');
  const root = at >= 0 ? path.resolve(args.splice(at, 2)[1]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (args.length !== 1) {
    console.error('usage: node scripts/bump-version.mjs <version> [--root DIR]');
    process.exit(1);
  }
  try {
    bump(root, args[0]);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
  console.log(`bump-version: ${VERSION_FILES.join(', ')} now say ${args[0]}; add a CHANGELOG.md section for it`);
}
