//! Helpers shared by the integration tests: finding the research corpus.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

/// The corpus folder: `$AILABEL_CORPUS`, else `../shared/corpus` or `../../shared/corpus` from the
/// crate root. `None` only when it is missing and `AILABEL_ALLOW_NO_CORPUS=1`; otherwise a
/// missing corpus fails the test.
pub fn corpus() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = std::env::var_os("AILABEL_CORPUS")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            root.join("../shared/corpus"),
            root.join("../../shared/corpus"),
        ]);
    for c in candidates {
        if c.join("VALIDATION.json").is_file() {
            return Some(c);
        }
    }
    if std::env::var("AILABEL_ALLOW_NO_CORPUS").as_deref() == Ok("1") {
        return None;
    }
    panic!("research corpus not found: set AILABEL_CORPUS or AILABEL_ALLOW_NO_CORPUS=1");
}

/// Every file under `dir`, recursively, sorted.
pub fn files_under(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
