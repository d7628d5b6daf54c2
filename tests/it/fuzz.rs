//! The fuzz targets on stable (FUZZING.md): every target of `ailabel::fuzzing::TARGETS` and the
//! structure-aware `resign` target, replayed over
//! - `tests/fixtures/fuzz/<target>/`: the committed regression inputs, one per finding (always);
//! - `fuzz/seeds/<target>/` and `fuzz/corpus/<target>/`: the seed corpora that
//!   `scripts/fuzz-seeds.sh` writes (with `fuzz_write_seeds` below) and what the fuzzer added
//!   (`fuzz_replay_corpus`, ignored by default, run by `scripts/fuzz-smoke.sh`).
//!
//! A replayed input must return (a panic fails the test) within a time bound.

use crate::support::{fixtures, resign, samples};
use ailabel::fuzzing::{Target, TARGETS};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Every target, the structure-aware one included.
fn targets() -> Vec<Target> {
    let mut all = TARGETS.to_vec();
    all.push(Target {
        name: "resign",
        run: resign::run,
    });
    all
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Per-input time bound for a debug build. Release builds of the CLI are held to 1 s by the
/// bounds test; debug code is about ten times slower.
const REPLAY_BOUND: Duration = Duration::from_secs(20);

/// Run `target` on every file in `dir` (if it exists); returns how many ran.
fn replay_dir(target: &Target, dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut n = 0;
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for path in files.iter().filter(|p| p.is_file()) {
        if path
            .file_name()
            .is_some_and(|f| f.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        let data = std::fs::read(path).unwrap();
        let t = Instant::now();
        (target.run)(&data);
        let took = t.elapsed();
        assert!(
            took < REPLAY_BOUND,
            "{} on {} took {took:?}",
            target.name,
            path.display()
        );
        n += 1;
    }
    n
}

#[test]
fn fuzz_targets_are_listed_once_and_have_a_cargo_fuzz_binary() {
    let all = targets();
    let cargo = std::fs::read_to_string(repo().join("fuzz/Cargo.toml")).unwrap();
    for (i, t) in all.iter().enumerate() {
        assert!(
            all[..i].iter().all(|u| u.name != t.name),
            "{} twice",
            t.name
        );
        let file = repo().join(format!("fuzz/fuzz_targets/{}.rs", t.name));
        let body =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(body.contains("fuzz_target!"), "{}", file.display());
        assert!(
            cargo.contains(&format!("name = \"{}\"", t.name)),
            "fuzz/Cargo.toml has no [[bin]] {}",
            t.name
        );
    }
}

#[test]
fn fuzz_regressions_replay() {
    // Every committed finding still returns in time. Folders exist only for targets that
    // have had a finding; the replay of the seeds covers the others.
    let root = fixtures::fixture("fuzz");
    for t in targets() {
        let n = replay_dir(&t, &root.join(t.name));
        println!("{}: {n} regression inputs", t.name);
    }
}

#[test]
#[ignore = "replays fuzz/seeds and fuzz/corpus, which scripts/fuzz-seeds.sh and the fuzzer write; run by scripts/fuzz-smoke.sh"]
fn fuzz_replay_corpus() {
    let mut total = 0;
    for t in targets() {
        let mut n = 0;
        for sub in ["fuzz/seeds", "fuzz/corpus"] {
            n += replay_dir(&t, &repo().join(sub).join(t.name));
        }
        println!("{}: {n} inputs replayed", t.name);
        total += n;
    }
    assert!(total > 0, "no seeds: run scripts/fuzz-seeds.sh first");
}

#[test]
fn resign_builds_a_trusted_file_that_the_fuzzer_then_changes() {
    // The structure-aware target starts from a file that verifies: with no changes (flags 0,
    // no parts) the credentials are trusted under the test root, with an ingredient too, so
    // the fuzzer's changes are what fail, not the harness.
    for flags in [0u8, 0x01, 0x02, 0x10, 0x14, 0x80] {
        let file = resign::build(&[flags]);
        let r = ailabel::check(&file, &resign::options());
        let c = r.c2pa.as_ref().expect("a c2pa section");
        assert_eq!(
            c.state,
            ailabel::c2pa::C2paState::Trusted,
            "flags {flags:#x}: {:#?}",
            c
        );
    }
    // A change after signing is caught: the target does reach the signature check.
    let r = ailabel::check(&resign::build(&[0x20]), &resign::options());
    assert_eq!(r.verdict, ailabel::Verdict::Invalid);
}

/// The seed inputs of every target, from the fixtures and the test builders.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    use ailabel::{container, sniff, Format, Limits};
    let mut out: Vec<(&'static str, Vec<u8>)> = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut stack = vec![fixtures::fixtures()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                // The regression inputs are replayed on their own.
                if !p.ends_with("fuzz") {
                    stack.push(p);
                }
            } else if e.metadata().unwrap().len() <= 1 << 20 {
                files.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    for (name, data) in samples::all() {
        files.push((name.to_owned(), data));
    }
    for flags in [0u8, 0x01, 0x02, 0x10, 0x14] {
        files.push(("resign".into(), resign::build(&[flags])));
        out.push(("resign", vec![flags]));
    }
    out.push((
        "resign",
        b"\x10\xa1\x67actions\x80#$#c2pa.thumbnail\x00\xf6#$#\x01#$#\x02#$#\xa0".to_vec(),
    ));
    let limits = Limits::default();
    for (name, data) in &files {
        let format = sniff::sniff(data);
        let walker = match format {
            Format::Jpeg => Some("walk_jpeg"),
            Format::Png => Some("walk_png"),
            Format::Webp | Format::Riff => Some("walk_riff"),
            Format::Avif | Format::Heif | Format::Mp4 | Format::Jxl => Some("walk_bmff"),
            Format::Gif => Some("walk_gif"),
            Format::Tiff => Some("walk_tiff"),
            Format::Pdf => Some("walk_pdf"),
            Format::Mp3 => Some("walk_mp3"),
            Format::Svg => Some("walk_svg"),
            Format::Html => Some("html"),
            Format::Text => Some("walk_text"),
            _ => None,
        };
        if let Some(w) = walker {
            out.push((w, data.clone()));
        }
        if matches!(format, Format::Html | Format::Text) {
            // The text fixtures hold one example per line (JSON lines): each is a seed.
            for line in String::from_utf8_lossy(data).lines().take(10) {
                let text = serde_json::from_str::<serde_json::Value>(line)
                    .ok()
                    .and_then(|v| v["text"].as_str().map(str::to_owned))
                    .unwrap_or_else(|| line.to_owned());
                out.push(("check_text", text.into_bytes()));
            }
        } else if data.len() <= 256 << 10 || name.contains("resign") {
            out.push(("check", data.clone()));
        }
        let Ok(embedded) = container::walk(format, data, &limits) else {
            continue;
        };
        for x in &embedded.xmp {
            out.push(("xmp", x.bytes.to_vec()));
        }
        for x in &embedded.exif {
            if x.bytes.len() <= 256 << 10 {
                out.push(("tiff_ifd", x.bytes.to_vec()));
            }
        }
        for store in &embedded.c2pa {
            store_seeds(&store.bytes, &mut out);
        }
    }
    for h in [
        "mode=ai-originated; model=\"gpt-4\"; provider=\"OpenAI\"; reviewed-by=\"editorial-team\"; date=@1745286896",
        "mode=ai-modified, model=\"a \\\"b\\\"\", n=-12, d=1.5, b=?0, x",
        "mode=none",
        "mode=machine-generated;segments=(\"a\" \"b\");date=@0, b=:AQID:, t=%\"caf%c3%a9\"",
    ] {
        out.push(("structured_fields", h.as_bytes().to_vec()));
    }
    #[cfg(feature = "pixels")]
    for (_, data) in &files {
        use ailabel::watermark::pixels::decode;
        let format = sniff::sniff(data);
        let small = Limits {
            max_pixels: 64 * 64,
            ..Limits::default()
        };
        if let Ok(Some(img)) = decode(data, format, &small) {
            let mut seed = (img.width as u16).to_be_bytes().to_vec();
            seed.extend((img.height as u16).to_be_bytes());
            seed.extend(&img.rgba);
            out.push(("read_rgba", seed));
        }
    }
    out.push((
        "read_rgba",
        [0, 8, 0, 8].into_iter().chain([0x80; 256]).collect(),
    ));
    out
}

/// Seeds for the C2PA parsers from one manifest store: the store (JUMBF), every CBOR box, the
/// claim signatures (COSE) and their certificate chains (X.509).
fn store_seeds(store: &[u8], out: &mut Vec<(&'static str, Vec<u8>)>) {
    use crate::support::jumbf::{boxes, JBox};
    out.push(("jumbf", store.to_vec()));
    fn walk<'a>(b: &JBox<'a>, out: &mut Vec<(&'static str, Vec<u8>)>) {
        for c in boxes(b.payload) {
            if &c.tbox == b"jumb" {
                walk(&c, out);
            } else if &c.tbox == b"cbor" {
                out.push(("cbor", c.payload.to_vec()));
                if b.label.as_deref() == Some("c2pa.signature") {
                    out.push(("cose", c.payload.to_vec()));
                    let limits = ailabel::Limits::default();
                    let budget = ailabel::C2paBudget::new(&limits);
                    if let Ok(cose) = ailabel::c2pa::cose::parse(c.payload, &budget) {
                        // One anchor: the last certificate of the chain.
                        let mut seed = vec![1u8];
                        for cert in &cose.x5chain {
                            seed.extend_from_slice(cert);
                        }
                        out.push(("x509_chain", seed));
                    }
                }
            }
        }
    }
    for top in boxes(store) {
        walk(&top, out);
    }
}

#[test]
#[ignore = "writes the seed corpora; run by scripts/fuzz-seeds.sh with AILABEL_FUZZ_SEEDS set"]
fn fuzz_write_seeds() {
    let dir = PathBuf::from(
        std::env::var_os("AILABEL_FUZZ_SEEDS").expect("AILABEL_FUZZ_SEEDS: where to write"),
    );
    let mut counts = std::collections::BTreeMap::new();
    for (target, data) in seeds() {
        let d = dir.join(target);
        std::fs::create_dir_all(&d).unwrap();
        let name = ailabel_hex(&Sha256::digest(&data)[..12]);
        std::fs::write(d.join(name), &data).unwrap();
        *counts.entry(target).or_insert(0usize) += 1;
    }
    for t in targets() {
        let n = counts.get(t.name).copied().unwrap_or(0);
        println!("{}: {n} seeds", t.name);
        assert!(n > 0, "no seed for target {}", t.name);
    }
}

fn ailabel_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
