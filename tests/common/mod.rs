//! Shared test helpers: finding the corpus of real files.
#![allow(dead_code)]

use std::path::PathBuf;

/// The corpus directory: `AILABEL_CORPUS`, else `../shared/corpus` or `../../shared/corpus` from
/// the crate root. If none exists the calling test fails, unless `AILABEL_ALLOW_NO_CORPUS=1`,
/// in which case `None` is returned and the test should return early.
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
        if c.join("PROVENANCE.tsv").is_file() {
            return Some(c);
        }
    }
    if std::env::var("AILABEL_ALLOW_NO_CORPUS").as_deref() == Ok("1") {
        return None;
    }
    panic!("corpus not found: set AILABEL_CORPUS or AILABEL_ALLOW_NO_CORPUS=1");
}
