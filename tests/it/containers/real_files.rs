//! Container walkers on real files (`tests/fixtures`): a C2PA store is found exactly in
//! the files where the c2pa-rs reference run (`VALIDATION.json`) read a manifest, and in none of
//! the files where it found no JUMBF data.

use crate::support::fixtures;

use ailabel::container::walk;
use ailabel::{sniff, Limits};

/// Formats whose walker has landed on this branch.
fn walked(format: ailabel::Format) -> bool {
    use ailabel::Format as F;
    matches!(
        format,
        F::Jpeg
            | F::Png
            | F::Webp
            | F::Riff
            | F::Avif
            | F::Heif
            | F::Mp4
            | F::Jxl
            | F::Gif
            | F::Svg
            | F::Mp3
            | F::Pdf
    )
}

#[test]
fn c2pa_stores_match_the_reference_results() {
    let entries = fixtures::reference();
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in &entries {
        let file = entry["file"].as_str().unwrap();
        let test = &entry["test"];
        let state = test["state"].as_str().unwrap_or("");
        let error = test["error"].as_str().unwrap_or("");
        // A manifest was read (whatever its validity), or reading stopped on its contents.
        let has = state != "ERROR"
            || error.starts_with("Other: unknown algorithm")
            || error.starts_with("Other: prerelease");
        // No embedded store: none at all, or only a remote reference.
        let has_not = error.starts_with("ManifestNotFound") || error.starts_with("Remote:");
        if !has && !has_not {
            continue; // unparsable or unsupported in the reference run: no claim either way
        }
        let bytes = fixtures::read(file);
        let format = sniff::sniff(&bytes);
        if !walked(format) {
            continue;
        }
        checked += 1;
        match walk(format, &bytes, &Limits::default()) {
            Ok(e) => {
                if has && e.c2pa.len() != 1 {
                    failures.push(format!(
                        "{file}: expected one store, found {}",
                        e.c2pa.len()
                    ));
                }
                if has_not && !e.c2pa.is_empty() {
                    failures.push(format!("{file}: expected no store, found {}", e.c2pa.len()));
                }
                for p in &e.c2pa {
                    // Every range lies inside the file and the store is a `c2pa` superbox.
                    for r in &p.ranges {
                        assert!(r.start < r.end && r.end <= bytes.len() as u64, "{file}");
                    }
                    assert_eq!(&p.bytes[4..8], b"jumb", "{file}");
                }
                let mut at = 0;
                for s in &e.segments {
                    assert!(s.range.start >= at, "{file}: segment {} overlaps", s.name);
                    at = s.range.end;
                }
            }
            Err(err) => failures.push(format!("{file}: walk failed: {err}")),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(checked >= 40, "only {checked} files checked");
}

/// C2PA box hashing needs every byte of the asset in exactly one listed segment: on every real
/// file that walks without a warning, the segments are contiguous from offset 0 to the end, and
/// every range of a metadata payload is one of them (or, for HEIF items, lies inside one).
fn segments_cover_without_gaps(files: &[std::path::PathBuf]) -> usize {
    let mut checked = 0;
    for path in files {
        let bytes = std::fs::read(path).unwrap();
        let format = sniff::sniff(&bytes);
        if !walked(format) {
            continue;
        }
        let Ok(e) = walk(format, &bytes, &Limits::default()) else {
            continue;
        };
        if !e.warnings.is_empty() {
            continue;
        }
        let name = path.display();
        let mut at = 0;
        for s in &e.segments {
            assert_eq!(
                s.range.start, at,
                "{name}: gap or overlap before {}",
                s.name
            );
            at = s.range.end;
        }
        assert_eq!(at, bytes.len() as u64, "{name}: segments end early");
        let payloads = e.c2pa.iter().chain(&e.xmp).chain(&e.exif);
        for p in payloads {
            for r in &p.ranges {
                assert!(
                    e.segments.iter().any(
                        |s| s.range == *r || (s.range.start <= r.start && r.end <= s.range.end)
                    ),
                    "{name}: payload range {r:?} is not inside a segment"
                );
            }
        }
        checked += 1;
    }
    checked
}

#[test]
fn segments_cover_real_files_without_gaps() {
    let checked = segments_cover_without_gaps(&fixtures::sample_files());
    assert!(checked >= 60, "only {checked} files checked");
}

#[test]
#[ignore = "needs AILABEL_CORPUS (the full research corpus)"]
fn full_corpus_segments_cover_real_files_without_gaps() {
    let checked = segments_cover_without_gaps(&fixtures::files_under(&fixtures::full_corpus()));
    assert!(checked >= 60, "only {checked} files checked");
}
