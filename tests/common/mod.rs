//! Shared test helpers: finding the research corpus.
#![allow(dead_code)]

use std::path::PathBuf;

/// The corpus directory: `AILABEL_CORPUS`, else `../shared/corpus`, else `../../shared/corpus`
/// from the crate root. Panics when none exists, unless `AILABEL_ALLOW_NO_CORPUS=1`.
pub fn corpus() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("AILABEL_CORPUS") {
        return Some(PathBuf::from(p));
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for rel in ["../shared/corpus", "../../shared/corpus"] {
        let p = root.join(rel);
        if p.is_dir() {
            return Some(p);
        }
    }
    if std::env::var("AILABEL_ALLOW_NO_CORPUS").as_deref() == Ok("1") {
        return None;
    }
    panic!("corpus not found: set AILABEL_CORPUS or AILABEL_ALLOW_NO_CORPUS=1");
}
