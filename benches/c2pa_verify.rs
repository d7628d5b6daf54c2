//! C2PA verification benchmark: `ailabel::check` on a ~1 MB and a ~20 MB JPEG carrying a valid
//! ES256 manifest (signature, chain to the given root, data hash over the whole file).
//!
//! The files are made by `scripts/crosscheck/bench_files.py DIR` with c2pa-python, which also
//! times c2pa-rs's Reader on the same bytes; run with `AILABEL_BENCH_DIR=DIR cargo bench --bench
//! c2pa_verify`. Without `AILABEL_BENCH_DIR` the bench says so and measures nothing. Results:
//! BENCHMARKS.md, "C2PA verification".
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions,
    missing_docs
)]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use ailabel::{Options, TrustSettings};
    use criterion::{criterion_group, Criterion, Throughput};
    use std::path::PathBuf;

    fn verify(c: &mut Criterion) {
        let Some(dir) = std::env::var_os("AILABEL_BENCH_DIR").map(PathBuf::from) else {
            eprintln!(
                "c2pa_verify: AILABEL_BENCH_DIR is not set; make the files with \
             `python3 scripts/crosscheck/bench_files.py DIR` and set it to DIR. Skipping."
            );
            return;
        };
        let root =
            std::fs::read_to_string(dir.join("root.pem")).expect("root.pem in AILABEL_BENCH_DIR");
        let options = Options {
            trust: TrustSettings {
                trust_anchors: vec![root],
                ..TrustSettings::default()
            },
            // C2PA only: the watermark readers are measured elsewhere.
            watermarks: false,
            ..Options::default()
        };
        let mut group = c.benchmark_group("c2pa_verify");
        group.sample_size(20);
        for name in ["bench-1mb.jpg", "bench-20mb.jpg"] {
            let bytes = std::fs::read(dir.join(name)).expect("bench file");
            // The bench is only meaningful on a file that verifies.
            let report = ailabel::check(&bytes, &options);
            assert_eq!(report.verdict.as_str(), "ai-verified", "{name}");
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_function(name, |b| b.iter(|| ailabel::check(&bytes, &options)));
        }
        group.finish();
    }

    criterion_group!(benches, verify);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);
