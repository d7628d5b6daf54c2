//! The command line's backend (`crypto::native`: `ring` for RSA and P-256/P-384 ECDSA, behind a
//! per-check `crypto::session` that remembers answers and hashes the input once) gives exactly
//! the report of the plain RustCrypto backend, for every fixture of the reference results under
//! every trust profile, and for the CAWG fixtures. `ailabel::check` is the first; the second is
//! `prepare` + `finish` answered by `RustCrypto` alone.

use crate::support::{edges, fixtures, signed};
use ailabel::crypto::rust::RustCrypto;
use ailabel::Options;
use std::path::Path;

fn rustcrypto_report(bytes: &[u8], options: &Options) -> String {
    let format = ailabel::sniff::sniff(bytes);
    ailabel::prepare(bytes, format, options, &RustCrypto)
        .finish(options, &RustCrypto)
        .to_json()
}

/// Compares both backends on the files of `reference` under `root`; the number compared.
fn compare(root: &Path, reference: &[serde_json::Value]) -> usize {
    let mut compared = 0;
    for profile in fixtures::PROFILES {
        let options = fixtures::profile_options(profile);
        for entry in reference {
            let file = entry["file"].as_str().unwrap();
            let bytes = std::fs::read(root.join(file)).unwrap();
            let native = ailabel::check(&bytes, &options).to_json();
            assert_eq!(
                native,
                rustcrypto_report(&bytes, &options),
                "{file} [{profile}]"
            );
            compared += 1;
        }
    }
    compared
}

#[test]
fn the_native_backend_gives_the_rustcrypto_report_for_every_fixture() {
    let n = compare(&fixtures::fixtures(), &fixtures::reference());
    assert!(n >= 49 * 4, "{n}");
}

#[test]
#[ignore = "needs AILABEL_CORPUS (the full research corpus)"]
fn the_native_backend_gives_the_rustcrypto_report_for_the_full_corpus() {
    let n = compare(&fixtures::full_corpus(), &fixtures::full_reference());
    assert!(n >= 50 * 4, "{n}");
}

#[test]
fn the_native_backend_gives_the_rustcrypto_report_for_the_cawg_fixtures() {
    let options = signed::options();
    for (file, bytes) in fixtures::cawg_files() {
        assert_eq!(
            ailabel::check(&bytes, &options).to_json(),
            rustcrypto_report(&bytes, &options),
            "{file}"
        );
    }
}

#[test]
fn without_input_sha256_the_report_lacks_only_the_digest() {
    // CA.jpg's data hash leaves out its APP11 segments, so with the digest wanted one walk feeds
    // two hashers (`crypto::session`); without it, only the data hash's.
    let bytes = fixtures::read("c2pa/chains/CA.jpg");
    let with = ailabel::check(&bytes, &Options::default());
    let options = Options {
        input_sha256: false,
        ..Options::default()
    };
    let without = ailabel::check(&bytes, &options);
    use sha2::Digest;
    let want = edges::hex(&sha2::Sha256::digest(&bytes));
    assert_eq!(with.input.sha256.as_deref(), Some(want.as_str()));
    assert_eq!(without.input.sha256, None);
    let json: serde_json::Value = serde_json::from_str(&without.to_json()).unwrap();
    assert_eq!(
        json["input"].get("sha256"),
        None,
        "left out of the JSON, not null"
    );
    let mut rest = with.clone();
    rest.input.sha256 = None;
    assert_eq!(rest, without, "everything but the digest is the same");
    // The same without the session's shared walk: RustCrypto alone.
    assert_eq!(without.to_json(), rustcrypto_report(&bytes, &options));
}
