//! The panic sweep: every fixture built here and every real file of `tests/fixtures` (with
//! `AILABEL_CORPUS`, every file of the research corpus), truncated at
//! many offsets and with bytes flipped, goes through the whole pipeline (`check`, and
//! `check_text` on the lossy-decoded bytes). Each call must return a report without panicking,
//! within a time bound, and within a memory bound measured by a counting allocator.
//!
//! The number of variants per file shrinks with its size so that a debug `cargo test` stays
//! well under a minute: small files get every truncation in the first 64 bytes, 40 spread
//! truncations and 40 byte flips; large files fewer (at least 4 and 2).

use crate::support::{fixtures, samples};

use ailabel::{check, check_text, Limits, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

// ---- A per-thread counting allocator: peak live bytes during one call. ----

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn note_alloc(n: usize) {
    let _ = LIVE.try_with(|l| {
        let v = l.get().saturating_add(n);
        l.set(v);
        let _ = PEAK.try_with(|p| p.set(p.get().max(v)));
    });
}

fn note_free(n: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(n)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_alloc(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note_free(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_free(layout.size());
        note_alloc(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Run `f`, returning its result and the peak bytes it had live beyond what was live before.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    let peak = PEAK.with(Cell::get);
    (out, peak.saturating_sub(base))
}

// ---- Variants ----

/// A deterministic xorshift generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Bytes of input pushed through `check` per file, roughly; bounds the run time.
const BUDGET: usize = 500_000;

/// Mutations of one input, described for failure messages.
enum Variant {
    Truncate(usize),
    Flip(Vec<(usize, u8)>),
}

fn variants(len: usize, seed: u64, budget: usize) -> Vec<Variant> {
    let mut out = Vec::new();
    for cut in 0..len.min(64) {
        out.push(Variant::Truncate(cut));
    }
    let k_trunc = (budget / len.max(1)).clamp(4, 40);
    for i in 1..=k_trunc {
        out.push(Variant::Truncate(len * i / (k_trunc + 1)));
    }
    let k_flip = (budget / 2 / len.max(1)).clamp(2, 40);
    let mut rng = Rng(seed | 1);
    for i in 0..k_flip {
        let n = 1 + rng.below(3);
        let flips = (0..n)
            .map(|_| {
                // Half the flips land in the first 64 KiB, where headers and metadata live.
                let span = if i % 2 == 0 { len.min(65_536) } else { len };
                (
                    rng.below(span),
                    1u8 << rng.below(8) | (rng.next() as u8 & 0x80),
                )
            })
            .collect();
        out.push(Variant::Flip(flips));
    }
    out
}

fn apply(bytes: &[u8], v: &Variant) -> Vec<u8> {
    match v {
        Variant::Truncate(n) => bytes[..*n].to_vec(),
        Variant::Flip(flips) => {
            let mut b = bytes.to_vec();
            for &(at, mask) in flips {
                if let Some(x) = b.get_mut(at) {
                    *x ^= mask.max(1);
                }
            }
            b
        }
    }
}

fn describe(v: &Variant) -> String {
    match v {
        Variant::Truncate(n) => format!("truncated to {n}"),
        Variant::Flip(f) => format!("flipped {f:?}"),
    }
}

/// CPU time allowed for one call in a debug build: 2 s, plus 1 s per MiB of input. Wall-clock
/// time may be up to ten times that, since the machine may be shared by other builds.
fn time_bound(len: usize) -> Duration {
    Duration::from_secs(2) + Duration::from_millis((len as u64 * 1000) >> 20)
}

/// CPU time used so far by this thread (Linux `/proc/thread-self/stat`, utime + stime in
/// clock ticks of 1/100 s), or `None` where that file does not exist.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Memory allowed for one call: 32 bytes per input byte plus 40 MiB (room for one
/// decompression allowance at the default 4 MiB, with growth), plus 8 bytes per pixel the
/// watermark reader may decode (`Limits::max_pixels`: RGBA plus the decoder's own buffer).
/// Claims in the input (a length, a count) must never turn into allocations beyond this.
fn memory_bound(len: usize, limits: &Limits) -> usize {
    let pixels = usize::try_from(limits.max_pixels).unwrap_or(usize::MAX);
    len.saturating_mul(32) + (40 << 20) + pixels.saturating_mul(8)
}

/// The options the sweep checks with: the defaults, but a pixel budget of 4 Mpx so that the
/// memory bound stays meaningful (a truncated 12 Mpx camera JPEG still declares 12 Mpx; over
/// the budget the watermark reader must not decode it at all).
fn sweep_options() -> Options {
    let mut o = Options::default();
    o.limits.max_pixels = 4 << 20;
    o
}

/// Run the whole pipeline on `bytes`; any failure is described in the returned string.
fn run_one(name: &str, bytes: &[u8], options: &Options, text_too: bool) -> Option<String> {
    let start = Instant::now();
    let cpu_start = thread_cpu();
    let result = catch_unwind(AssertUnwindSafe(|| {
        measured(|| {
            let r = check(bytes, options);
            let json = r.to_json();
            assert!(json.contains("\"verdict\""), "report without verdict");
            if text_too {
                let s = String::from_utf8_lossy(&bytes[..bytes.len().min(32 * 1024)]);
                let t = check_text(&s, options);
                assert!(t.to_json().contains("\"verdict\""));
            }
        })
    }));
    let took = start.elapsed();
    let cpu = cpu_start.and_then(|s| Some(thread_cpu()?.saturating_sub(s)));
    match result {
        Err(e) => {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Some(format!("{name}: panicked: {msg}"))
        }
        Ok(((), peak)) => {
            let bound = time_bound(bytes.len());
            let slow = match cpu {
                Some(cpu) => cpu > bound || took > bound * 10,
                None => took > bound,
            };
            if slow {
                Some(format!(
                    "{name}: took {took:?} ({cpu:?} CPU) for {} bytes",
                    bytes.len()
                ))
            } else if peak > memory_bound(bytes.len(), &options.limits) {
                Some(format!(
                    "{name}: peak {peak} bytes live for {} bytes of input",
                    bytes.len()
                ))
            } else {
                None
            }
        }
    }
}

/// Sweep one input: every variant through `check` (default limits; every fourth also with
/// tiny limits) and `check_text`.
fn sweep(name: &str, bytes: &[u8], seed: u64, failures: &mut Vec<String>) -> usize {
    let default = sweep_options();
    let tiny = Options {
        limits: Limits::tiny(),
        ..Options::default()
    };
    // Text inputs cost more per byte (every detector reads every character) and exercise one
    // reader, so they get a third of the budget.
    let budget = match ailabel::sniff::sniff(bytes) {
        ailabel::Format::Text | ailabel::Format::Html => BUDGET / 3,
        _ => BUDGET,
    };
    let vs = variants(bytes.len(), seed, budget);
    for (i, v) in vs.iter().enumerate() {
        let b = apply(bytes, v);
        let label = format!("{name} {}", describe(v));
        if let Some(f) = run_one(&label, &b, &default, true) {
            failures.push(f);
        }
        if i % 4 == 0 {
            if let Some(f) = run_one(&format!("{label} (tiny limits)"), &b, &tiny, false) {
                failures.push(f);
            }
        }
    }
    vs.len()
}

fn seed_of(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Every `parts`-th file of `files`, starting at `part`, named relative to `root`.
fn share(root: &std::path::Path, files: &[std::path::PathBuf], part: usize, parts: usize) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (i, path) in files.iter().enumerate() {
        if i % parts != part {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        let name = path.strip_prefix(root).unwrap().display().to_string();
        if let Some(f) = run_one(&name, &bytes, &sweep_options(), true) {
            failures.push(f);
        }
        let t = Instant::now();
        count += sweep(&name, &bytes, seed_of(&name), &mut failures);
        if std::env::var_os("AILABEL_SWEEP_STATS").is_some() {
            eprintln!("{:>8} ms {name}", t.elapsed().as_millis());
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(count > 1000, "only {count} variants swept");
}

#[test]
fn real_files_sweep_part_1() {
    share(&fixtures::fixtures(), &fixtures::sample_files(), 0, 2);
}

#[test]
fn real_files_sweep_part_2() {
    share(&fixtures::fixtures(), &fixtures::sample_files(), 1, 2);
}

#[test]
#[ignore = "needs AILABEL_CORPUS (the full research corpus)"]
fn full_corpus_sweep() {
    let root = fixtures::full_corpus();
    let files = fixtures::files_under(&root);
    assert!(
        files.len() > 100,
        "corpus looks incomplete: {} files",
        files.len()
    );
    share(&root, &files, 0, 1);
}

#[test]
fn fixtures_sweep() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, bytes) in samples::all() {
        if let Some(f) = run_one(name, &bytes, &sweep_options(), true) {
            failures.push(f);
        }
        count += sweep(name, &bytes, seed_of(name), &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(count > 500, "only {count} variants swept");
}

/// Hostile claims stay within the memory bound, with default and tiny limits.
#[test]
fn hostile_claims_are_bounded() {
    let tiny = Options {
        limits: Limits::tiny(),
        ..Options::default()
    };
    let mut failures = Vec::new();
    for (name, bytes) in samples::hostile() {
        failures.extend(run_one(name, &bytes, &sweep_options(), false));
        failures.extend(run_one(name, &bytes, &tiny, false));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The parser bombs of the c2pa-rs fixtures end promptly, and the nested `moov` one as a limit
/// error (c2pa-rs itself reports "Boxes are too deeply nested").
#[test]
fn parser_bombs_end_promptly() {
    for (file, limit_error) in [
        ("bombs/riff_bomb_1000.wav", false),
        ("bombs/nested_moov_1000.mp4", true),
        ("bombs/tiff_poc.tiff", false),
        ("bombs/id3v23_compression_underflow.mp3", false),
    ] {
        let bytes = fixtures::read(file);
        for options in [
            sweep_options(),
            Options {
                limits: Limits::tiny(),
                ..Options::default()
            },
        ] {
            let start = Instant::now();
            let cpu_start = thread_cpu();
            let (report, peak) = measured(|| check(&bytes, &options));
            let took = start.elapsed();
            let cpu = cpu_start.and_then(|s| Some(thread_cpu()?.saturating_sub(s)));
            assert!(
                cpu.unwrap_or(took) < Duration::from_secs(2) && took < Duration::from_secs(20),
                "{file} took {took:?} ({cpu:?} CPU)"
            );
            assert!(
                peak < memory_bound(bytes.len(), &options.limits),
                "{file}: peak {peak}"
            );
            if limit_error {
                assert!(
                    report
                        .errors
                        .iter()
                        .any(|e| e.fatal && e.kind == "limit-exceeded"),
                    "{file}: {:?}",
                    report.errors
                );
            }
        }
    }
}

/// On Linux the time bounds use CPU time; make sure that clock is really read.
#[cfg(target_os = "linux")]
#[test]
fn thread_cpu_clock_is_available() {
    let a = thread_cpu().expect("/proc/thread-self/stat");
    let mut x = 0u64;
    let t = Instant::now();
    while t.elapsed() < Duration::from_millis(300) {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
    }
    std::hint::black_box(x);
    assert!(thread_cpu().unwrap() > a, "CPU clock did not advance");
}
