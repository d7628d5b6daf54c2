//! The time and memory promises of the README ("Bounds"), held against the bombs that
//! `scripts/make-bombs.mjs` writes to `tests/fixtures/bombs/generated/` (plus the committed
//! bombs next to them), run through the release CLI under `/usr/bin/time -v`:
//! - time: under 1 s per input of at most 20 MB, natively, watermarks on;
//! - memory: peak RSS at most the input size + 64 MiB with watermarks on, + 16 MiB off.
//!
//! Needs the release CLI and GNU time, so it is ignored by default and run by `scripts/bounds.sh`
//! (which builds them), with `AILABEL_RELEASE_BIN` naming the binary. Every bomb is held to
//! both promises; the numbers measured are in the README ("Bounds").

use std::path::{Path, PathBuf};
use std::process::Command;

const MIB: u64 = 1 << 20;

/// One measured run.
struct Run {
    seconds: f64,
    rss_bytes: u64,
    verdict: String,
}

fn bombs() -> Vec<PathBuf> {
    let root = crate::support::fixtures::fixture("bombs");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("generated")] {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_file() && !name.starts_with("LICENSE") && !name.starts_with('.') {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn run(bin: &Path, input: &Path, watermarks: bool) -> Run {
    let mut cmd = Command::new("/usr/bin/time");
    cmd.arg("-v").arg(bin).args(["check", "--json"]);
    if !watermarks {
        cmd.arg("--no-watermarks");
    }
    let out = cmd.arg(input).output().expect("run /usr/bin/time");
    let err = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| -> String {
        err.lines()
            .find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()))
            .unwrap_or_else(|| panic!("no \"{name}\" in /usr/bin/time output:\n{err}"))
    };
    let rss_kib: u64 = field("Maximum resident set size (kbytes):")
        .parse()
        .unwrap();
    // "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:00.12"
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
    let seconds = wall
        .split(':')
        .fold(0.0, |acc, part| acc * 60.0 + part.parse::<f64>().unwrap());
    let line = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap_or("{}")).unwrap();
    Run {
        seconds,
        rss_bytes: rss_kib * 1024,
        verdict: v["verdict"].as_str().unwrap_or("?").to_owned(),
    }
}

/// The promise for `input`: (seconds, bytes).
fn promise(input: &Path, watermarks: bool) -> (f64, u64) {
    let size = std::fs::metadata(input).unwrap().len();
    (1.0, size + if watermarks { 64 * MIB } else { 16 * MIB })
}

fn release_bin() -> PathBuf {
    PathBuf::from(
        std::env::var_os("AILABEL_RELEASE_BIN")
            .expect("AILABEL_RELEASE_BIN: the release CLI (scripts/bounds.sh builds it)"),
    )
}

fn check_bombs() {
    let bin = release_bin();
    let mut failures = Vec::new();
    let mut ran = 0;
    for input in bombs() {
        let name = input.file_name().unwrap().to_string_lossy().to_string();
        if std::fs::metadata(&input).unwrap().len() > 20 * MIB {
            continue;
        }
        for watermarks in [true, false] {
            let r = run(&bin, &input, watermarks);
            let (secs, bytes) = promise(&input, watermarks);
            println!(
                "{name} (watermarks {}): {:.2} s, {:.1} MiB peak RSS (promise {:.0} MiB), {}",
                if watermarks { "on" } else { "off" },
                r.seconds,
                r.rss_bytes as f64 / MIB as f64,
                bytes as f64 / MIB as f64,
                r.verdict
            );
            ran += 1;
            if r.seconds >= secs || r.rss_bytes > bytes {
                failures.push(format!(
                    "{name} (watermarks {watermarks}): {:.2} s, {} MiB",
                    r.seconds,
                    r.rss_bytes / MIB
                ));
            }
        }
    }
    assert!(ran > 0, "no bombs: run node scripts/make-bombs.mjs");
    assert!(
        failures.is_empty(),
        "over the promise:\n{}",
        failures.join("\n")
    );
}

#[test]
#[ignore = "needs the release CLI and /usr/bin/time; run by scripts/bounds.sh"]
fn bounds_every_bomb_within_the_time_and_memory_promises() {
    check_bombs();
}

#[test]
fn the_2mib_text_chunk_does_not_switch_watermark_detection_off() {
    // The case: a 512x512 PNG with a 2 MiB tEXt chunk before IDAT. Built here (the
    // generated bomb is not committed); the decoder must not run out of budget on the text.
    use crate::support::png::{chunk, text};
    use std::io::Write;
    let mut ihdr = 512u32.to_be_bytes().to_vec();
    ihdr.extend(512u32.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&vec![0u8; (1 + 512 * 4) * 512]).unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"tEXt", &text("note", &"a".repeat(2 << 20))));
    png.extend(chunk(b"IDAT", &z.finish().unwrap()));
    png.extend(chunk(b"IEND", &[]));
    let r = ailabel::check(&png, &ailabel::Options::default());
    let warnings: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
    assert!(
        !warnings.iter().any(|w| w.contains("watermark")),
        "{warnings:?}"
    );
    assert_eq!(r.verdict, ailabel::Verdict::NoLabel, "{warnings:?}");
}
