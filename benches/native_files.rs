//! In-process timing of `ailabel::check` over a list of files, one file at a time, for the
//! comparison with c2pa-python's `Reader` (issue 13, item 5). `scripts/bench/native-c2pa-python.py`
//! drives it and pairs its numbers with the Reader's; it can also be run alone:
//!
//! ```text
//! cargo bench --bench native_files -- CORPUS_DIR LIST [--rounds R] [--min-ms M] [--input-sha256]
//! ```
//!
//! Every file is read into memory first. Per round and file: one untimed call, then calls until
//! at least `--min-ms` (default 20) of CPU time have passed; the round's figure is CPU time per
//! call. Options match a Reader without trust lists: watermarks off, no trust anchors, and no
//! SHA-256 of the whole input (`input_sha256: false`; the Reader hashes only what a manifest
//! binds), which `--input-sha256` keeps; the report is serialised to JSON, as the Reader's
//! `json()` serialises its store. CPU time is
//! the thread's own (Linux `clock_gettime(CLOCK_THREAD_CPUTIME_ID)`), so other work on the
//! machine does not count. Prints one JSON object on stdout. Results: BENCHMARKS.md, "Native CLI
//! against c2pa-python".
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions,
    missing_docs
)]

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn main() {}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn main() {
    native::main();
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod native {
    use ailabel::Options;
    use std::path::PathBuf;
    use std::time::Instant;

    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    /// Linux `CLOCK_THREAD_CPUTIME_ID`.
    const THREAD_CPU: i32 = 3;

    /// CPU time of the calling thread in nanoseconds (`clock_gettime`, exact, where
    /// `/proc/.../schedstat` moves in scheduler ticks while the thread runs).
    fn thread_cpu_ns() -> u64 {
        let mut t = Timespec { sec: 0, nsec: 0 };
        // SAFETY: `t` is a valid, writable timespec (two 64-bit fields on 64-bit Linux).
        let rc = unsafe { clock_gettime(THREAD_CPU, &mut t) };
        assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
        (t.sec as u64) * 1_000_000_000 + t.nsec as u64
    }

    pub fn main() {
        // `cargo bench` adds `--bench`; everything else is ours.
        let args: Vec<String> = std::env::args()
            .skip(1)
            .filter(|a| a != "--bench")
            .collect();
        let mut pos = Vec::new();
        let (mut rounds, mut min_ms, mut input_sha256) = (1usize, 20u64, false);
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--rounds" => rounds = it.next().expect("--rounds R").parse().expect("R"),
                "--min-ms" => min_ms = it.next().expect("--min-ms M").parse().expect("M"),
                "--input-sha256" => input_sha256 = true,
                _ => pos.push(a.clone()),
            }
        }
        let [corpus, list] = pos.as_slice() else {
            eprintln!(
                "native_files: usage: cargo bench --bench native_files -- CORPUS_DIR LIST \
                 [--rounds R] [--min-ms M] [--input-sha256]. Without them it measures nothing."
            );
            return;
        };
        let corpus = PathBuf::from(corpus);
        if !corpus.is_dir() {
            eprintln!("native_files: corpus folder {} not found", corpus.display());
            std::process::exit(2);
        }
        let names: Vec<String> = std::fs::read_to_string(list)
            .expect("file list")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect();
        let files: Vec<(String, Vec<u8>)> = names
            .into_iter()
            .map(|n| {
                let b = std::fs::read(corpus.join(&n))
                    .unwrap_or_else(|e| panic!("cannot read {n} in the corpus: {e}"));
                (n, b)
            })
            .collect();
        let options = Options {
            watermarks: false,
            input_sha256,
            ..Options::default()
        };
        let run = |bytes: &[u8]| {
            let report = ailabel::check(bytes, &options);
            let json = serde_json::to_string(&report).unwrap();
            (report.verdict, json.len())
        };
        let mut out = Vec::new();
        for (name, bytes) in &files {
            let (verdict, _) = run(bytes);
            let mut cpu = Vec::new();
            let mut wall = Vec::new();
            for _ in 0..rounds {
                run(bytes); // untimed
                let (c0, w0) = (thread_cpu_ns(), Instant::now());
                let mut n = 0u64;
                loop {
                    std::hint::black_box(run(std::hint::black_box(bytes)));
                    n += 1;
                    if thread_cpu_ns() - c0 >= min_ms * 1_000_000 {
                        break;
                    }
                }
                cpu.push((thread_cpu_ns() - c0) as f64 / n as f64);
                wall.push(w0.elapsed().as_nanos() as f64 / n as f64);
            }
            out.push(serde_json::json!({
                "path": name,
                "bytes": bytes.len(),
                "verdict": verdict.as_str(),
                "cpu_ns": cpu,
                "wall_ns": wall,
            }));
        }
        println!("{}", serde_json::json!({ "impl": "ailabel", "files": out }));
    }
}
