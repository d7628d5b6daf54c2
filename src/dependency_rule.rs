//! The dependency rule of `docs/DESIGN.md`, checked on the source text.
//!
//! Every `crate::` and `super::` path in `src/` (the library; the CLI in `src/cli/` and
//! `src/main.rs` is a separate crate that only sees the public face) is resolved to the module
//! it names, and:
//! 1. it starts with a module, never with a crate-root shortcut (`crate::Limits`): `lib.rs` only
//!    re-exports for users of the crate;
//! 2. it never names a later step of the pipeline than the file it is written in ([`STEPS`]);
//! 3. the modules of one step do not import each other in a cycle;
//! 4. files do not import each other in a cycle (a module and its own submodules aside).
//!
//! The check reads the text, not the compiler's name resolution: comments, strings and character
//! literals are blanked first, inline modules (`mod tests { ... }`) are tracked for `super::`,
//! and `use a::{b, c::{d}}` groups are expanded.

// Test-only code that reads our own source files, not untrusted input.
#![allow(clippy::indexing_slicing, clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules in pipeline order. A module may use modules of its own step or of an
/// earlier one, never of a later one.
const STEPS: &[(&str, u8)] = &[
    // Shared foundations, usable by every step.
    ("error", 0),
    ("limits", 0),
    ("bytes", 0),
    ("time", 0),
    ("options", 0),
    ("names", 0),
    // The strict DER reader: certificates, keys, signatures, time-stamp tokens.
    ("der", 0),
    // Digests and signature checks: the requests and who answers them.
    ("crypto", 0),
    // 1. What is this input?
    ("sniff", 1),
    // 2. Walk the container, collect what it carries.
    ("container", 2),
    // The evidence type the label readers produce (uses `container::Location`).
    // The digital source type vocabulary, read by the evidence types and every label reader.
    ("source_type", 3),
    ("signal", 3),
    // 3. Read the labels: unsigned metadata and text, Content Credentials, watermarks.
    ("labels", 4),
    ("c2pa", 4),
    ("watermark", 4),
    // 4. One verdict from all the evidence.
    ("verdict", 5),
    // 5. The report every surface shows.
    ("report", 6),
    // Runs the steps in order.
    ("pipeline", 7),
    // Renders reports (as JSON) for people: the HTML report, the provenance picture, CSV rows.
    ("export", 7),
    // The browser facade over the pipeline.
    ("wasm", 8),
    // The browser's text part: the text readers behind `labels::text::part`.
    ("wasm_text", 8),
    // The fuzz targets' bodies, over every step (FUZZING.md).
    ("fuzzing", 8),
];

/// Known violations being removed on another branch: (file, module path it imports, why). A
/// listed exception that no longer occurs fails the check, so the list cannot go stale.
const EXCEPTIONS: &[(&str, &str, &str)] = &[(
    "container/text/html_tests.rs",
    "pipeline",
    "its test counts HTML scans over a whole check, so it runs the pipeline",
)];

/// Blank out comments, string literals and character literals, keeping newlines and length.
fn blank(src: &str) -> Vec<char> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = c.clone();
    let mut i = 0;
    while i < c.len() {
        let start = i;
        // A literal may start here only at the start of a token (`b"..."`, `br"..."` aside).
        let token_start = start == 0
            || !is_ident(at(start - 1))
            || (at(start - 1) == 'b' && (start < 2 || !is_ident(at(start - 2))));
        if at(i) == '/' && at(i + 1) == '/' {
            while i < c.len() && at(i) != '\n' {
                i += 1;
            }
        } else if at(i) == '/' && at(i + 1) == '*' {
            i += 2;
            while i < c.len() && !(at(i) == '*' && at(i + 1) == '/') {
                i += 1;
            }
            i += 2;
        } else if token_start
            && at(i) == 'r'
            && (at(i + 1) == '"' || (at(i + 1) == '#' && matches!(at(i + 2), '"' | '#')))
        {
            // A raw string, r"..." or r#"..."#.
            i += 1;
            let mut hashes = 0;
            while at(i) == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            while i < c.len() && !(at(i) == '"' && (1..=hashes).all(|k| at(i + k) == '#')) {
                i += 1;
            }
            i += 1 + hashes;
        } else if token_start && at(i) == '"' {
            i += 1;
            while i < c.len() && at(i) != '"' {
                i += if at(i) == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if token_start && at(i) == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A character literal, not a lifetime.
            i += 1;
            while i < c.len() && at(i) != '\'' {
                i += if at(i) == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else {
            i += 1;
            continue;
        }
        for ch in out.iter_mut().take(i).skip(start) {
            if *ch != '\n' {
                *ch = ' ';
            }
        }
    }
    out
}

fn is_ident(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || ch == '_'
}

/// Read an identifier at `i` (after whitespace); returns it and the index after it.
fn ident(c: &[char], mut i: usize) -> (String, usize) {
    while c.get(i).is_some_and(|ch| ch.is_whitespace()) {
        i += 1;
    }
    let start = i;
    while c.get(i).copied().is_some_and(is_ident) {
        i += 1;
    }
    (c[start..i].iter().collect(), i)
}

/// Skip whitespace; true if `s` follows, with the index after it.
fn follows(c: &[char], mut i: usize, s: &str) -> Option<usize> {
    while c.get(i).is_some_and(|ch| ch.is_whitespace()) {
        i += 1;
    }
    s.chars()
        .enumerate()
        .all(|(k, ch)| c.get(i + k) == Some(&ch))
        .then_some(i + s.chars().count())
}

/// Parse the rest of a path after `prefix::` at `i`: more segments, a `*`, or a `{...}` group.
/// Pushes every full path found.
fn path_rest(c: &[char], i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    if let Some(mut j) = follows(c, i, "{") {
        loop {
            if let Some(k) = follows(c, j, "}") {
                return k;
            }
            j = path_rest(c, j, prefix.clone(), out);
            match follows(c, j, ",") {
                Some(k) => j = k,
                None => return follows(c, j, "}").unwrap_or(j),
            }
        }
    }
    let (name, j) = ident(c, i);
    if name.is_empty() {
        out.push(prefix);
        return follows(c, i, "*").unwrap_or(i);
    }
    let mut path = prefix;
    if name != "self" {
        path.push(name);
    }
    match follows(c, j, "::") {
        Some(k) => path_rest(c, k, path, out),
        None => {
            out.push(path);
            j
        }
    }
}

/// Every absolute module path a file names through `crate::` or `super::`.
fn paths_in(src: &str, module: &[String]) -> Vec<Vec<String>> {
    let c = blank(src);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut pending: Option<String> = None;
    let mut i = 0;
    while i < c.len() {
        let boundary = i == 0 || !(is_ident(c[i - 1]) || c[i - 1] == ':');
        match c[i] {
            '{' => {
                depth += 1;
                if let Some(name) = pending.take() {
                    inline.push((name, depth));
                }
            }
            '}' => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            ';' => pending = None,
            _ if boundary => {
                let (word, j) = ident(&c, i);
                if word == "mod" {
                    let (name, k) = ident(&c, j);
                    if follows(&c, k, "{").is_some() {
                        pending = Some(name);
                    }
                } else if word == "crate" || word == "super" {
                    let mut base: Vec<String> = module.to_vec();
                    base.extend(inline.iter().map(|(n, _)| n.clone()));
                    let mut j = j;
                    let mut w = word;
                    if w == "crate" {
                        base.clear();
                        j = match follows(&c, j, "::") {
                            Some(k) => k,
                            None => {
                                i = j;
                                continue;
                            }
                        };
                    } else {
                        while w == "super" {
                            base.pop();
                            match follows(&c, j, "::") {
                                Some(k) => j = k,
                                None => break,
                            }
                            let (next, k) = ident(&c, j);
                            if next == "super" {
                                j = k;
                            } else {
                                w = next;
                            }
                        }
                    }
                    i = path_rest(&c, j, base, &mut out);
                    continue;
                }
                if j > i {
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The module path of a source file: `c2pa/x509/mod.rs` → `c2pa::x509`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" {
            parts.push(stem.to_owned());
        }
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The cycles in `graph`, one per edge that closes a loop in a depth-first walk.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(pos) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[pos..].to_vec();
            cycle.push(n.to_owned());
            found.push(cycle);
            return;
        }
        if done.contains(n) {
            return;
        }
        stack.push(n.to_owned());
        for m in graph.get(n).into_iter().flatten() {
            visit(m, graph, stack, done, found);
        }
        stack.pop();
        done.insert(n.to_owned());
    }
    let (mut done, mut found) = (BTreeSet::new(), Vec::new());
    for n in graph.keys() {
        visit(n, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

/// The violations of the rule in the files under `src`.
fn violations(src: &Path, exceptions: &[(&str, &str, &str)]) -> Vec<String> {
    let step = |m: &str| STEPS.iter().find(|(n, _)| *n == m).map(|(_, s)| *s);
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let sources: Vec<(String, Vec<String>, String)> = files
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(src).unwrap();
            let name = rel.to_string_lossy().replace('\\', "/");
            let skip = matches!(name.as_str(), "lib.rs" | "main.rs" | "dependency_rule.rs")
                || name.starts_with("cli/");
            (!skip).then(|| (name, module_of(rel), std::fs::read_to_string(f).unwrap()))
        })
        .collect();
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|(_, m, _)| m.clone()).collect();

    let mut bad = Vec::new();
    let mut used_exceptions = BTreeSet::new();
    let mut top_graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut file_graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, module, text) in &sources {
        let Some(from_top) = module.first() else {
            continue;
        };
        let Some(from_step) = step(from_top) else {
            bad.push(format!("{name}: module `{from_top}` is not in STEPS"));
            continue;
        };
        for path in paths_in(text, module) {
            let shown = path.join("::");
            let Some(to_step) = path.first().and_then(|t| step(t)) else {
                bad.push(format!(
                    "{name}: `crate::{shown}` is not a module path (write the full path)"
                ));
                continue;
            };
            // The file the path lands in: its longest prefix that is a module of its own.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| modules.contains(p))
                .unwrap_or_else(|| path[..1].to_vec());
            let excepted = exceptions
                .iter()
                .position(|(f, m, _)| f == name && shown.starts_with(m));
            if let Some(e) = excepted {
                used_exceptions.insert(e);
                continue;
            }
            let to_top = &path[0];
            if to_step > from_step {
                bad.push(format!(
                    "{name}: `{shown}` is a later step ({to_top}) than `{from_top}`"
                ));
            }
            if to_top != from_top {
                top_graph
                    .entry(from_top.clone())
                    .or_default()
                    .insert(to_top.clone());
            }
            let nested = |a: &[String], b: &[String]| a.starts_with(b) || b.starts_with(a);
            if !nested(module, &target) {
                file_graph
                    .entry(module.join("::"))
                    .or_default()
                    .insert(target.join("::"));
            }
        }
    }
    for c in cycles(&top_graph) {
        bad.push(format!("modules import each other: {}", c.join(" → ")));
    }
    for c in cycles(&file_graph) {
        bad.push(format!("files import each other: {}", c.join(" → ")));
    }
    for (k, (f, m, why)) in exceptions.iter().enumerate() {
        if !used_exceptions.contains(&k) {
            bad.push(format!(
                "exception no longer needed, remove it: {f} → {m} ({why})"
            ));
        }
    }
    bad
}

#[test]
fn the_source_follows_the_dependency_rule() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let bad = violations(&src, EXCEPTIONS);
    assert!(
        bad.is_empty(),
        "dependency rule broken:\n{}",
        bad.join("\n")
    );
}

/// The checker itself finds what it is meant to find, on made-up files.
#[test]
fn the_check_catches_each_kind_of_violation() {
    let dir = std::env::temp_dir().join(format!("ailabel-deps-{}", std::process::id()));
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "container/mod.rs",
        "use crate::verdict::Verdict; // later step\nuse crate::Limits;\n",
    );
    write(
        "container/a.rs",
        "use super::b::X;\nconst S: &str = \"crate::pipeline::check\";\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n",
    );
    write("container/b.rs", "use crate::container::{a::Y, Z};\n");
    write(
        "labels/mod.rs",
        "use crate::c2pa::{self, report::{A, B}};\n",
    );
    write("c2pa/mod.rs", "fn f() { crate::labels::g(); }\n");
    write(
        "verdict.rs",
        "use crate::signal::Signal;\nuse crate::sniff;\n",
    );
    write("container/text.rs", "");
    let found = violations(&dir, &[("container/text.rs", "labels", "gone")]);
    std::fs::remove_dir_all(&dir).unwrap();
    let has = |s: &str| found.iter().any(|f| f.contains(s));
    assert!(
        has("container/mod.rs: `verdict::Verdict` is a later step"),
        "{found:#?}"
    );
    assert!(
        has("container/mod.rs: `crate::Limits` is not a module path"),
        "{found:#?}"
    );
    assert!(
        has("files import each other: container::a → container::b → container::a"),
        "{found:#?}"
    );
    assert!(
        has("modules import each other: c2pa → labels → c2pa"),
        "{found:#?}"
    );
    assert!(has("exception no longer needed"), "{found:#?}");
    // The string literal, the test module's `super::*` and the earlier-step imports of
    // verdict.rs are not violations.
    assert!(!has("pipeline"), "{found:#?}");
    assert!(!has("verdict.rs"), "{found:#?}");
    assert!(
        has("files import each other: c2pa → labels → c2pa"),
        "{found:#?}"
    );
    assert_eq!(found.len(), 6, "{found:#?}");
}
