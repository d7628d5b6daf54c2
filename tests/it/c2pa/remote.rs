//! Remote manifests (C2PA 2.2 §11.4): the report names the reference in `remote_manifest` (URL,
//! host, whether it may be fetched) and never fetches it; a store the caller fetched is
//! validated against the file as a sidecar is. Expected values come from how each file was made
//! (the test signer's remote PNG), from the reference results (c2pa-rs stops with "must fetch
//! remote manifests from url …" for the copied cloud files), and from the c2pa-rs fixture pair
//! `cloud.jpg` / `cloud_manifest.c2pa` (the store that file's URL serves).

use crate::support::fixtures;
use crate::support::manifest::{remote_png, Manifest};
use crate::support::pki::*;
use crate::support::signed::{self, trusting};

use ailabel::c2pa::C2paState;
use ailabel::{Options, RemoteStatus, Verdict};

const URL: &str = "https://credentials.example.com/store/abc.c2pa";

#[test]
fn a_remote_reference_is_named_with_its_host_and_not_fetched() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    let (file, _store) = remote_png(&Manifest::new(&pki, &s, -7), URL);
    let r = ailabel::check(&file, &trusting(&[&pki.root.der]));
    assert!(r.c2pa.is_none(), "nothing embedded, nothing fetched");
    let remote = r.remote_manifest.as_ref().expect("the reference");
    assert_eq!(remote.url, URL);
    assert_eq!(remote.host.as_deref(), Some("credentials.example.com"));
    assert!(remote.fetchable);
    assert_eq!(remote.status, RemoteStatus::NotFetched);
    assert_eq!(remote.code, None);
    assert!(
        r.summary
            .contains("stored remotely at credentials.example.com"),
        "{}",
        r.summary
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["remote_manifest"]["status"], "not-fetched");
    assert_eq!(json["remote_manifest"]["host"], "credentials.example.com");
}

#[test]
fn the_fetched_store_is_verified_against_the_file() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    let (file, store) = remote_png(&Manifest::new(&pki, &s, -7), URL);
    let opts = Options {
        remote_manifest: Some(store.clone()),
        ..trusting(&[&pki.root.der])
    };
    let r = ailabel::check(&file, &opts);
    let c = r.c2pa.as_ref().expect("the fetched store is validated");
    assert_eq!(c.state, C2paState::Trusted, "{:#?}", c.validation);
    assert!(c
        .validation
        .success
        .iter()
        .any(|e| e.code == "assertion.dataHash.match"));
    assert_eq!(c.remote_manifest.as_deref(), Some(URL));
    // The store declares "created by a trained model" and the signer chains to the root.
    assert_eq!(r.verdict, Verdict::AiVerified);
    let remote = r.remote_manifest.as_ref().unwrap();
    assert_eq!(remote.status, RemoteStatus::Fetched);
    let signal = r
        .signals
        .iter()
        .find(|s| s.family == ailabel::Family::C2pa)
        .unwrap();
    assert_eq!(signal.location.block, "remote manifest store");

    // One byte of the file changed after signing: the fetched store no longer matches it.
    let mut changed = file.clone();
    let last = changed.len() - 13; // inside IDAT's data
    changed[last] ^= 0x01;
    let r = ailabel::check(&changed, &opts);
    let c = r.c2pa.as_ref().unwrap();
    assert_eq!(c.state, C2paState::Invalid);
    assert!(c
        .validation
        .failure
        .iter()
        .any(|e| e.code == "assertion.dataHash.mismatch"));
    assert_eq!(r.verdict, Verdict::Invalid);

    // A user's sidecar wins over the fetched store, and no reference is offered then.
    let other = Options {
        sidecar_manifest: Some(store),
        ..opts
    };
    let r = ailabel::check(&file, &other);
    assert!(r.remote_manifest.is_none());
    assert_eq!(
        r.signals
            .iter()
            .find(|s| s.family == ailabel::Family::C2pa)
            .unwrap()
            .location
            .block,
        "sidecar manifest store"
    );
}

#[test]
fn a_failed_fetch_is_manifest_inaccessible_and_not_invalid() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    let (file, _store) = remote_png(&Manifest::new(&pki, &s, -7), URL);
    let opts = Options {
        remote_manifest_error: Some("the server answered HTTP 404".to_owned()),
        ..signed::options()
    };
    let r = ailabel::check(&file, &opts);
    assert!(r.c2pa.is_none());
    assert_ne!(r.verdict, Verdict::Invalid);
    let remote = r.remote_manifest.as_ref().unwrap();
    assert_eq!(remote.status, RemoteStatus::Inaccessible);
    assert_eq!(remote.code.as_deref(), Some("manifest.inaccessible"));
    assert!(remote.explanation.contains("HTTP 404"));
    assert!(r
        .errors
        .iter()
        .any(|e| !e.fatal && e.message.starts_with("manifest.inaccessible")));
}

#[test]
fn only_https_references_with_a_host_may_be_fetched() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    for (url, fetchable, host) in [
        (
            "http://credentials.example.com/a.c2pa",
            false,
            Some("credentials.example.com"),
        ),
        (
            "https://me:secret@credentials.example.com/a.c2pa",
            false,
            Some("credentials.example.com"),
        ),
        ("store/a.c2pa", false, None),
        (
            "HTTPS://Credentials.Example.com:8443/a.c2pa",
            true,
            Some("credentials.example.com"),
        ),
    ] {
        let (file, _) = remote_png(&Manifest::new(&pki, &s, -7), url);
        let r = ailabel::check(&file, &signed::options());
        let remote = r.remote_manifest.as_ref().expect(url);
        assert_eq!(
            (remote.fetchable, remote.host.as_deref()),
            (fetchable, host),
            "{url}"
        );
    }
}

/// With several references, the first one that may be fetched is offered: here the file's XMP
/// names an `http:` address and the response's `Link` header an `https:` one.
#[test]
fn the_first_fetchable_reference_is_offered() {
    let pki = pki();
    let s = pki.signer("Test Signer", Key::p256());
    let (file, _) = remote_png(
        &Manifest::new(&pki, &s, -7),
        "http://credentials.example.com/a.c2pa",
    );
    let opts = Options {
        link_header: Some(format!("<{URL}>; rel=\"c2pa-manifest\"")),
        ..signed::options()
    };
    let r = ailabel::check(&file, &opts);
    assert_eq!(
        r.remote_manifests,
        ["http://credentials.example.com/a.c2pa", URL]
    );
    let remote = r.remote_manifest.as_ref().unwrap();
    assert_eq!((remote.url.as_str(), remote.fetchable), (URL, true));
}

/// The reference's result for each copied file with a remote reference is the error "must
/// fetch remote manifests from url U": no validation state. Ours: no `c2pa` section, and U
/// named as a reference that was not fetched.
#[test]
fn agrees_with_the_reference_on_remote_only_files() {
    const PREFIX: &str = "Remote: must fetch remote manifests from url ";
    let mut seen = 0;
    for entry in fixtures::reference() {
        for profile in fixtures::PROFILES {
            let Some(url) = entry[profile]["error"]
                .as_str()
                .and_then(|e| e.strip_prefix(PREFIX))
            else {
                continue;
            };
            seen += 1;
            let file = entry["file"].as_str().unwrap();
            let r = ailabel::check(
                &fixtures::read(file),
                &Options {
                    trust: fixtures::trust(profile),
                    watermarks: false,
                    ..Options::default()
                },
            );
            assert!(r.c2pa.is_none(), "{file}");
            let remote = r.remote_manifest.as_ref().expect(file);
            assert_eq!(
                (remote.url.as_str(), remote.status),
                (url, RemoteStatus::NotFetched),
                "{file}"
            );
            // c2pa-rs would fetch http: too; we only offer https:.
            assert_eq!(remote.fetchable, url.starts_with("https://"), "{file}");
        }
    }
    assert_eq!(
        seen,
        2 * 4,
        "cloud.jpg and libpng-test_with_url.png under four profiles"
    );
}

/// `cloud.jpg` points at `cai-manifests.adobe.com`; `cloud_manifest.c2pa` is the store kept
/// there (both from the c2pa-rs fixtures). Given as the fetched store, it binds to the file; it
/// holds the manifest the URL names.
#[test]
fn the_c2pa_rs_cloud_file_verifies_with_its_remote_store() {
    let file = fixtures::read("c2pa/remote/cloud.jpg");
    let opts = Options {
        remote_manifest: Some(fixtures::read("c2pa/sidecars/cloud_manifest.c2pa")),
        ..signed::options()
    };
    let r = ailabel::check(&file, &opts);
    let c = r.c2pa.as_ref().expect("validated");
    assert!(
        c.validation
            .success
            .iter()
            .any(|e| e.code == "assertion.dataHash.match"),
        "{:#?}",
        c.validation
    );
    assert!(
        !c.validation
            .failure
            .iter()
            .any(|e| e.code.starts_with("assertion.") || e.code.starts_with("claimSignature.")),
        "{:#?}",
        c.validation.failure
    );
    let remote = r.remote_manifest.as_ref().unwrap();
    assert_eq!(remote.status, RemoteStatus::Fetched);
    // ".../manifests/adobe-urn-uuid-5f37e182-..." names the manifest "adobe:urn:uuid:5f37e182-...".
    let tail = remote.url.rsplit('/').next().unwrap().replace('-', "");
    assert!(
        c.manifests
            .iter()
            .any(|m| m.label.replace([':', '-'], "") == tail),
        "{tail}"
    );
    // With the store made for it, a file that is not cloud.jpg does not bind.
    let other = fixtures::read("containers/jpeg/no_manifest.jpg");
    let r = ailabel::check(&other, &opts);
    assert_eq!(r.c2pa.as_ref().unwrap().state, C2paState::Invalid);
}
