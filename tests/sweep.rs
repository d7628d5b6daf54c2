//! The panic sweep: every fixture built here and every file of the research corpus, truncated at
//! many offsets and with bytes flipped, goes through the whole pipeline (`check`, and
//! `check_text` on the lossy-decoded bytes). Each call must return a report without panicking,
//! within a time bound, and within a memory bound measured by a counting allocator.
//!
//! The number of variants per file shrinks with its size so that a debug `cargo test` stays
//! well under a minute: small files get every truncation in the first 64 bytes, 40 spread
//! truncations and 40 byte flips; large files fewer (at least 4 and 2).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions
)]

mod common;

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
/// decompression at the default 16 MiB limit, with growth). Claims in the input (a length, a
/// count) must never turn into allocations beyond this.
fn memory_bound(len: usize) -> usize {
    len.saturating_mul(32) + (40 << 20)
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
            } else if peak > memory_bound(bytes.len()) {
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
    let default = Options::default();
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

fn corpus_share(part: usize, parts: usize) {
    let Some(root) = common::corpus() else {
        return;
    };
    // The panic hook would print every caught panic; the failures list says it once.
    let files = common::files_under(&root);
    assert!(
        files.len() > 100,
        "corpus looks incomplete: {} files",
        files.len()
    );
    let mut failures = Vec::new();
    let mut count = 0;
    for (i, path) in files.iter().enumerate() {
        if i % parts != part {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        if let Some(f) = run_one(&name, &bytes, &Options::default(), true) {
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
fn corpus_sweep_part_1() {
    corpus_share(0, 2);
}

#[test]
fn corpus_sweep_part_2() {
    corpus_share(1, 2);
}

#[test]
fn fixtures_sweep() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, bytes) in fixtures::all() {
        if let Some(f) = run_one(name, &bytes, &Options::default(), true) {
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
    for (name, bytes) in fixtures::hostile() {
        failures.extend(run_one(name, &bytes, &Options::default(), false));
        failures.extend(run_one(name, &bytes, &tiny, false));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The parser bombs of the c2pa-rs fixtures end promptly, and the nested `moov` one as a limit
/// error (c2pa-rs itself reports "Boxes are too deeply nested").
#[test]
fn parser_bombs_end_promptly() {
    let Some(root) = common::corpus() else {
        return;
    };
    for (file, limit_error) in [
        ("c2pa-rs-fixtures/riff_bomb_1000.wav", false),
        ("c2pa-rs-fixtures/nested_moov_1000.mp4", true),
        ("c2pa-rs-fixtures/tiff_poc.tiff", false),
        ("c2pa-rs-fixtures/id3v23_compression_underflow.mp3", false),
    ] {
        let bytes = std::fs::read(root.join(file)).unwrap();
        for options in [
            Options::default(),
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
            assert!(peak < memory_bound(bytes.len()), "{file}: peak {peak}");
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

/// Inputs built here, one per container, each carrying the labels its walker reads.
mod fixtures {
    fn be32(n: usize) -> [u8; 4] {
        (n as u32).to_be_bytes()
    }

    fn jpeg_seg(m: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![0xFF, m];
        v.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        v.extend_from_slice(body);
        v
    }

    fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut v = be32(body.len() + 8).to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(body);
        v
    }

    /// A small C2PA-shaped store: a `c2pa` superbox holding a manifest superbox with a claim.
    fn store() -> Vec<u8> {
        let jumd = |prefix: &[u8; 4], label: &str| {
            let mut d = prefix.to_vec();
            d.extend_from_slice(b"\x00\x11\x00\x10\x80\x00\x00\xaa\x00\x38\x9b\x71\x03");
            d.extend_from_slice(label.as_bytes());
            d.push(0);
            bx(b"jumd", &d)
        };
        let mut claim = jumd(b"c2cl", "c2pa.claim.v2");
        claim.extend(bx(b"cbor", b"\xa1\x63alg\x66sha256"));
        let mut manifest = jumd(b"c2ma", "urn:c2pa:00000000-0000-4000-8000-000000000000");
        manifest.extend(bx(b"jumb", &claim));
        let mut s = jumd(b"c2pa", "c2pa");
        s.extend(bx(b"jumb", &manifest));
        bx(b"jumb", &s)
    }

    const XMP: &str = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF \
        xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description \
        xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/' \
        Iptc4xmpExt:DigitalSourceType='http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'/>\
        </rdf:RDF></x:xmpmeta>";

    fn tiff() -> Vec<u8> {
        // II, one IFD with Software (0x0131) = "flux".
        let mut t = b"II*\0\x08\0\0\0\x01\0".to_vec();
        t.extend_from_slice(&[0x31, 0x01, 2, 0, 5, 0, 0, 0]);
        t.extend_from_slice(b"flux\0\0\0\0\0\0");
        t
    }

    fn jpeg() -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8];
        let mut exif = b"Exif\0\0".to_vec();
        exif.extend(tiff());
        v.extend(jpeg_seg(0xE1, &exif));
        let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
        xmp.extend_from_slice(XMP.as_bytes());
        v.extend(jpeg_seg(0xE1, &xmp));
        let mut ext = b"http://ns.adobe.com/xmp/extension/\0".to_vec();
        ext.extend_from_slice(b"0123456789ABCDEF0123456789ABCDEF");
        ext.extend_from_slice(&be32(XMP.len()));
        ext.extend_from_slice(&be32(0));
        ext.extend_from_slice(XMP.as_bytes());
        v.extend(jpeg_seg(0xE1, &ext));
        let s = store();
        let (head, payload) = s.split_at(8);
        for (i, piece) in payload.chunks(60).enumerate() {
            let mut c = b"JP\x02\x11".to_vec();
            c.extend_from_slice(&be32(i + 1));
            c.extend_from_slice(head);
            c.extend_from_slice(piece);
            v.extend(jpeg_seg(0xEB, &c));
        }
        v.extend(jpeg_seg(0xFE, b"Steps: 20, Sampler: Euler"));
        v.extend(jpeg_seg(0xDB, &[0; 65]));
        v.extend(jpeg_seg(0xC0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
        v.extend(jpeg_seg(0xC4, &[0; 17]));
        v.extend(jpeg_seg(0xDA, &[1, 1, 0, 0, 63, 0]));
        v.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9]);
        v
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut v = be32(data.len()).to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(data);
        let mut c = 0xFFFF_FFFFu32;
        for &b in kind.iter().chain(data) {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        v.extend_from_slice(&(!c).to_be_bytes());
        v
    }

    fn png() -> Vec<u8> {
        let z = |d: &[u8]| miniz_oxide::deflate::compress_to_vec_zlib(d, 6);
        let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
        v.extend(png_chunk(b"IHDR", &[0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]));
        v.extend(png_chunk(b"caBX", &store()));
        v.extend(png_chunk(b"eXIf", &tiff()));
        v.extend(png_chunk(
            b"tEXt",
            b"parameters\0a cat\nSteps: 20, Sampler: Euler, Seed: 1",
        ));
        let mut zt = b"prompt\0\0".to_vec();
        zt.extend(z(b"{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{}}}"));
        v.extend(png_chunk(b"zTXt", &zt));
        let mut it = b"XML:com.adobe.xmp\0\x01\0\0\0".to_vec();
        it.extend(z(XMP.as_bytes()));
        v.extend(png_chunk(b"iTXt", &it));
        v.extend(png_chunk(b"IDAT", &z(&[0; 14])));
        v.extend(png_chunk(b"IEND", b""));
        v
    }

    fn riff_chunk(id: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut v = id.to_vec();
        v.extend_from_slice(&(data.len() as u32).to_le_bytes());
        v.extend_from_slice(data);
        if data.len() % 2 == 1 {
            v.push(0);
        }
        v
    }

    fn webp() -> Vec<u8> {
        let mut exif = b"Exif\0\0".to_vec();
        exif.extend(tiff());
        let body = [
            riff_chunk(b"VP8X", &[0x2C, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
            riff_chunk(b"VP8L", &[0x2F, 1, 0x40, 0, 0]),
            riff_chunk(b"EXIF", &exif),
            riff_chunk(b"XMP ", XMP.as_bytes()),
            riff_chunk(b"C2PA", &store()),
        ]
        .concat();
        let mut v = b"RIFF".to_vec();
        v.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
        v.extend_from_slice(b"WEBP");
        v.extend(body);
        v
    }

    fn full(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = vec![0, 0, 0, 0];
        b.extend_from_slice(body);
        bx(kind, &b)
    }

    fn avif() -> Vec<u8> {
        let mut exif_item = 0u32.to_be_bytes().to_vec();
        exif_item.extend(tiff());
        let make = |mdat_at: usize| {
            let infe = |id: u16, kind: &[u8; 4], extra: &[u8]| {
                let mut b = vec![2, 0, 0, 0];
                b.extend_from_slice(&id.to_be_bytes());
                b.extend_from_slice(&[0, 0]);
                b.extend_from_slice(kind);
                b.extend_from_slice(b"x\0");
                b.extend_from_slice(extra);
                bx(b"infe", &b)
            };
            let mut iinf = 2u16.to_be_bytes().to_vec();
            iinf.extend(infe(1, b"Exif", b""));
            iinf.extend(infe(2, b"mime", b"application/rdf+xml\0"));
            let mut iloc = vec![0x44, 0x00, 0, 2];
            for (id, off, len) in [
                (1u16, mdat_at, exif_item.len()),
                (2, mdat_at + exif_item.len(), XMP.len()),
            ] {
                iloc.extend_from_slice(&id.to_be_bytes());
                iloc.extend_from_slice(&[0, 0, 0, 1]);
                iloc.extend_from_slice(&be32(off));
                iloc.extend_from_slice(&be32(len));
            }
            let mut meta = full(b"hdlr", b"\0\0\0\0pict\0\0\0\0\0\0\0\0\0\0\0\0\0");
            meta.extend(full(b"iinf", &iinf));
            meta.extend(full(b"iloc", &iloc));
            let mut uuid = vec![
                0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E,
                0xC4, 0x81, 0, 0, 0, 0,
            ];
            uuid.extend_from_slice(b"manifest\0");
            uuid.extend_from_slice(&[0; 8]);
            uuid.extend(store());
            let mut f = bx(b"ftyp", b"avif\0\0\0\0mif1avif");
            f.extend(bx(b"uuid", &uuid));
            f.extend(full(b"meta", &meta));
            let at = f.len() + 8;
            let mut mdat = exif_item.clone();
            mdat.extend_from_slice(XMP.as_bytes());
            f.extend(bx(b"mdat", &mdat));
            (f, at)
        };
        let (_, at) = make(0);
        make(at).0
    }

    fn gif() -> Vec<u8> {
        let sub = |d: &[u8]| {
            let mut v = Vec::new();
            for c in d.chunks(255) {
                v.push(c.len() as u8);
                v.extend_from_slice(c);
            }
            v.push(0);
            v
        };
        let mut v = b"GIF89a\x02\x00\x02\x00\x80\x00\x00\0\0\0\xff\xff\xff".to_vec();
        v.extend_from_slice(b"\x21\xff\x0bC2PA_GIF\x01\x00\x00");
        v.extend(sub(&store()));
        v.extend_from_slice(b"\x21\xff\x0bXMP DataXMP");
        v.extend_from_slice(XMP.as_bytes());
        v.push(1);
        v.extend((0..=255u8).rev());
        v.push(0);
        v.extend_from_slice(b"\x21\xfe");
        v.extend(sub(b"Steps: 20, Sampler: Euler"));
        v.extend_from_slice(b"\x21\xf9\x04\0\0\0\0\0");
        v.extend_from_slice(b"\x2c\0\0\0\0\x02\0\x02\0\0\x02");
        v.extend(sub(&[0x84, 0x8f, 0x02]));
        v.push(0x3b);
        v
    }

    fn jxl() -> Vec<u8> {
        let mut exif = 0u32.to_be_bytes().to_vec();
        exif.extend(tiff());
        [
            bx(b"JXL ", b"\r\n\x87\n"),
            bx(b"ftyp", b"jxl \0\0\0\0jxl "),
            store(),
            bx(b"Exif", &exif),
            bx(b"xml ", XMP.as_bytes()),
            bx(b"jxlc", b"\xff\x0a\x00"),
        ]
        .concat()
    }

    /// Hostile claims: an Extended XMP chunk claiming a 60 MB packet, and a zTXt chunk that
    /// inflates to 40 MB, over the 16 MiB default cap.
    fn claims_jpeg() -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8];
        let mut ext = b"http://ns.adobe.com/xmp/extension/\0".to_vec();
        ext.extend_from_slice(b"0123456789ABCDEF0123456789ABCDEF");
        ext.extend_from_slice(&be32(60_000_000));
        ext.extend_from_slice(&be32(0));
        ext.extend_from_slice(b"<x:xmpmeta/>");
        v.extend(jpeg_seg(0xE1, &ext));
        v.extend(jpeg_seg(0xDA, &[1, 1, 0, 0, 63, 0]));
        v.extend_from_slice(&[0xFF, 0xD9]);
        v
    }

    fn zip_bomb_png() -> Vec<u8> {
        let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
        v.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        let mut zt = b"parameters\0\0".to_vec();
        zt.extend(miniz_oxide::deflate::compress_to_vec_zlib(
            &vec![b'a'; 40_000_000],
            6,
        ));
        v.extend(png_chunk(b"zTXt", &zt));
        v.extend(png_chunk(b"IEND", b""));
        v
    }

    /// Inputs with hostile claims, run whole (not swept: each costs a capped decompression).
    pub fn hostile() -> Vec<(&'static str, Vec<u8>)> {
        vec![
            ("claims.jpg", claims_jpeg()),
            ("zip-bomb.png", zip_bomb_png()),
        ]
    }

    pub fn all() -> Vec<(&'static str, Vec<u8>)> {
        vec![
            ("fixture.jpg", jpeg()),
            ("fixture.png", png()),
            ("fixture.webp", webp()),
            ("fixture.avif", avif()),
            ("fixture.gif", gif()),
            ("fixture.jxl", jxl()),
            ("fixture.c2pa", store()),
            (
                "fixture.html",
                format!(
                    "<!doctype html><html><head><meta name=\"ai-disclosure\" content=\"ai-generated\">\
                     <script type=\"application/c2pa\">AAAA</script></head><body>{XMP}</body></html>"
                )
                .into_bytes(),
            ),
            (
                "fixture.txt",
                "This text was generated by AI.\u{FE00}\u{E0100} -----BEGIN C2PA MANIFEST-----"
                    .as_bytes()
                    .to_vec(),
            ),
        ]
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
