//! The sans-I/O path the browser takes (`crypto::replay`: record the requests, answer them in a
//! batch, run again) gives exactly the report of the synchronous native path, for every fixture
//! of the reference results under every trust profile. Here the batches are answered by the
//! RustCrypto backend, so any difference is the replay's own; `tests/wasm.rs` runs the same
//! fixtures with WebCrypto answering.

use crate::support::{fixtures, signed};
use ailabel::crypto::replay::{answer_with, Replay};
use ailabel::crypto::rust::RustCrypto;
use ailabel::Options;

/// The report through prepare + replayed finish, and the number of passes. The fragments of
/// `options` (BMFF segments, `bmff_merkle`) are stable regions too.
pub(super) fn replayed(bytes: &[u8], options: &Options) -> (ailabel::Report, u32) {
    let format = ailabel::sniff::sniff(bytes);
    let first = Replay::new(vec![bytes]);
    let (prepared, _, settled) = first.settle(
        |c| ailabel::prepare(bytes, format, options, c),
        |r, reqs| answer_with(r, reqs, &RustCrypto),
    );
    assert!(settled);
    let mut regions = prepared.stable_regions();
    regions.extend(options.fragments.iter().map(Vec::as_slice));
    let replay = Replay::new(regions);
    let (report, passes, settled) = replay.settle(
        |c| prepared.finish(options, c),
        |r, reqs| answer_with(r, reqs, &RustCrypto),
    );
    assert!(settled, "the replay did not settle");
    (report, passes)
}

#[test]
fn replay_gives_the_native_report_for_every_fixture() {
    let mut compared = 0;
    let mut most = 0;
    for profile in fixtures::PROFILES {
        let options = fixtures::profile_options(profile);
        for entry in fixtures::reference() {
            let file = entry["file"].as_str().unwrap();
            let bytes = fixtures::read(file);
            let native = ailabel::check(&bytes, &options).to_json();
            let (report, passes) = replayed(&bytes, &options);
            assert_eq!(report.to_json(), native, "{file} [{profile}]");
            most = most.max(passes);
            compared += 1;
        }
    }
    println!("compared {compared} reports; at most {most} passes");
    assert!(compared >= 49 * 4);
    // Two passes for a file whose checks all pass; more when a failure changes the path.
    assert!((2..10).contains(&most), "passes: {most}");
}

/// The CAWG identity fixtures (`c2pa/features/cawg/`), whose Ed25519 identity signatures go
/// through the same request path.
#[test]
fn replay_gives_the_native_report_for_the_cawg_fixtures() {
    let options = signed::options();
    for (file, bytes) in fixtures::cawg_files() {
        let native = ailabel::check(&bytes, &options).to_json();
        let (report, _) = replayed(&bytes, &options);
        assert_eq!(report.to_json(), native, "{file}");
    }
}
