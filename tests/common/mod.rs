//! Shared test helpers: where the research corpus is.
#![allow(dead_code)]

use std::path::PathBuf;

/// The corpus folder: `AILABEL_CORPUS`, else `../shared/corpus` or `../../shared/corpus` from
/// the crate root. Without it the test fails, unless `AILABEL_ALLOW_NO_CORPUS=1` (then `None`).
pub fn corpus_dir() -> Option<PathBuf> {
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
    panic!("the research corpus was not found: set AILABEL_CORPUS or AILABEL_ALLOW_NO_CORPUS=1");
}
