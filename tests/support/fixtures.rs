//! The test fixtures: files copied from public repositories into `tests/fixtures/` (see its
//! README.md and PROVENANCE.tsv), the reference results of c2pa-rs 0.91.3 for them, and the
//! trust settings of the four reference profiles. Tests that want the whole research corpus
//! instead are `#[ignore]`d and read it from `$AILABEL_CORPUS`.

use ailabel::{Options, TrustSettings};
use std::path::{Path, PathBuf};

/// 2026-11-28T12:00:00Z: the reference results were computed that day, so tests that compare
/// with them verify as of then.
pub const VERIFY_TIME: i64 = 1_795_867_200;

/// The trust profiles of the reference results, in the order of `reference.json`.
pub const PROFILES: [&str; 4] = ["none", "c2pa_tl", "interim", "test"];

/// `tests/fixtures` in this repository.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The path of a fixture, relative to `tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    fixtures().join(rel)
}

/// The bytes of a fixture.
pub fn read(rel: &str) -> Vec<u8> {
    let p = fixture(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The text of a fixture.
pub fn read_str(rel: &str) -> String {
    let p = fixture(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The reference results for the copied files (`tests/fixtures/reference.json`): one entry per
/// file, `file` relative to `tests/fixtures`, `corpus` its path in the research corpus, and per
/// profile `state`, `failure`, `info`, `ingredient_fail` (or `error`).
pub fn reference() -> Vec<serde_json::Value> {
    serde_json::from_str(&read_str("reference.json")).unwrap()
}

/// The CAWG identity fixtures with reference results (`c2pa/features/cawg/reference.json`):
/// each file's path, relative to `tests/fixtures`, and its bytes.
pub fn cawg_files() -> Vec<(String, Vec<u8>)> {
    let recorded: serde_json::Value =
        serde_json::from_str(&read_str("c2pa/features/cawg/reference.json")).unwrap();
    recorded["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let file = entry["file"].as_str().unwrap();
            (file.to_owned(), read(file))
        })
        .collect()
}

/// The research corpus, for the `#[ignore]`d full-corpus tests: `$AILABEL_CORPUS`.
pub fn full_corpus() -> PathBuf {
    let dir = std::env::var_os("AILABEL_CORPUS")
        .map(PathBuf::from)
        .expect("set AILABEL_CORPUS to the research corpus folder");
    assert!(
        dir.join("VALIDATION.json").is_file(),
        "{}: no VALIDATION.json",
        dir.display()
    );
    dir
}

/// The reference results of the whole research corpus (its VALIDATION.json), `file` relative
/// to [`full_corpus`].
pub fn full_reference() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(full_corpus().join("VALIDATION.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The options the reference results were computed with for `profile`: its trust settings,
/// verified as of `VERIFY_TIME`, watermarks off.
pub fn profile_options(profile: &str) -> Options {
    Options {
        trust: trust(profile),
        verify_time: Some(VERIFY_TIME),
        watermarks: false,
        ..Options::default()
    }
}

/// Trust settings of a reference profile, read from `tests/fixtures/trust/<profile>/`.
pub fn trust(profile: &str) -> TrustSettings {
    let mut t = TrustSettings::default();
    match profile {
        "none" => {}
        "c2pa_tl" => t.trust_anchors.push(
            read_str("trust/c2pa_tl/C2PA-TRUST-LIST.pem")
                + "\n"
                + &read_str("trust/c2pa_tl/C2PA-TSA-TRUST-LIST.pem"),
        ),
        "interim" => {
            t.trust_anchors
                .push(read_str("trust/interim/interim-anchors.pem"));
            t.allowed_list
                .push(read_str("trust/interim/interim-allowed.pem"));
            t.trust_config
                .push(read_str("trust/interim/interim-store.cfg"));
        }
        "test" => {
            t.trust_anchors
                .push(read_str("trust/test/test-anchors.pem"));
            t.trust_config.push(read_str("trust/test/store.cfg"));
        }
        other => panic!("unknown trust profile {other}"),
    }
    t
}

/// Every file under `dir`, recursively, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
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

/// The fixture files that are samples of some format: every file under `tests/fixtures` except
/// our own notes, licences, reference results and trust lists.
pub fn sample_files() -> Vec<PathBuf> {
    let root = fixtures();
    files_under(&root)
        .into_iter()
        .filter(|p| {
            let rel = p.strip_prefix(&root).unwrap().to_string_lossy();
            let name = p.file_name().unwrap().to_string_lossy();
            !(rel.starts_with("trust/")
                || name.starts_with("LICENSE")
                || name.ends_with(".md")
                || name.ends_with(".tsv")
                || name.ends_with(".json")
                || name.ends_with(".cfg"))
        })
        .collect()
}
