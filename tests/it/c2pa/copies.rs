//! What the `c2pa` section copies from a file is bounded (issue 15): each copied string at
//! 1 KiB of JSON, cut with `… (N bytes more)`; a manifest label cut the same way wherever it is
//! named, so the summaries still find one another; a claim thumbnail named by many claims
//! reported once, and thumbnails beyond 2 MiB per input left out, with their size. The stores
//! are built here; the expected results follow from how they are built.
use crate::support;

use ailabel::c2pa::{C2paReport, C2paState};
use ailabel::Report;
use support::builder::*;
use support::cbor::{enc, t, C};
use support::jumbf::{jbox, superbox};
use support::pki::*;
use support::signed::{self, Signed};

fn check(pki: &Pki, file: &[u8]) -> Report {
    ailabel::check(file, &signed::trusting(&[&pki.root.der]))
}

fn c2pa(r: &Report) -> &C2paReport {
    r.c2pa.as_ref().expect("a c2pa section")
}

/// `s` as the report keeps it: its first `n` bytes, then how many bytes were cut.
fn cut(s: &str, n: usize) -> String {
    format!("{}… ({} bytes more)", &s[..n], s.len() - n)
}

#[test]
fn long_labels_and_generators_are_cut_and_still_find_one_another() {
    let f = Signed::new("Copies Signer");
    // Manifest 0 has a 40 KB label and a generator of 3,000 control characters (18 KB of JSON);
    // the active manifest 1 names it as its parent ingredient.
    let long = format!("urn:c2pa:{}", "L".repeat(40_000));
    let ctl = "\u{1}".repeat(3000);
    let mut m0 = f.mani();
    m0.label = long.clone();
    m0.generator_info = Some(C::M(vec![(t("name"), t(&ctl))]));
    let mut m1 = f.mani();
    m1.assertions
        .push(ingredient("c2pa.ingredient.v3", "parentOf", Some(0)));
    let r = check(&f.pki, &jpeg(&[m0, m1]));
    let c = c2pa(&r);
    // The label: 1,024 bytes, then what was cut; the same in the summary, the ingredient that
    // names it, and its statuses.
    let label = cut(&long, 1024);
    assert_eq!(c.manifests[0].label, label);
    assert_eq!(
        c.manifests[1].ingredients[0].manifest.as_deref(),
        Some(label.as_str())
    );
    let statuses: Vec<_> = c
        .validation
        .success
        .iter()
        .chain(&c.validation.failure)
        .collect();
    assert!(statuses
        .iter()
        .any(|s| s.manifest.as_deref() == Some(label.as_str())));
    assert!(statuses
        .iter()
        .all(|s| s.manifest.as_ref().is_none_or(|m| m.len() < 1100)));
    assert!(statuses
        .iter()
        .all(|s| s.url.as_ref().is_none_or(|u| u.len() < 1100)));
    // A control character is six bytes of JSON: 170 of them fit in 1,024.
    assert_eq!(c.manifests[0].claim_generator, Some(cut(&ctl, 170)));
    // The codes and the verdict are those of the same store with short names: every manifest
    // is signed and bound, and the chain declares AI.
    assert_eq!(c.state, C2paState::Trusted, "{:?}", c.validation.failure);
    assert!(c.manifests.iter().all(|m| m.ai.is_some()));
    assert!(c.ai.is_some());
    assert!(r.to_json().len() < 64 << 10, "{}", r.to_json().len());
}

/// The names certificates give are copies too: a signer's and an identity's common names of
/// thousands of characters are cut in the summary, in the chains, and before an identity's
/// explanation quotes them; the signatures still check out.
#[test]
fn long_certificate_names_are_cut_in_signers_chains_and_identities() {
    let cn = "S".repeat(5000);
    let f = Signed::new(&cn);
    let id_cn = "\u{1}".repeat(3000);
    let id_signer = issue(
        &Spec::signer(&id_cn),
        Key::ed25519(),
        Some(&f.pki.intermediate),
    );
    let spec = support::identity::IdentitySpec::x509(
        id_signer,
        vec![f.pki.intermediate.der.clone()],
        -8,
        &["c2pa.actions.v2", "c2pa.hash.data"],
    );
    let mut m = f.mani();
    m.assertions.push(identity("cawg.identity", spec));
    let mut options = f.options();
    options.trust.cawg_trust_anchors = vec![pem(&f.pki.root.der)];
    let r = ailabel::check(&jpeg(&[m]), &options);
    let c = c2pa(&r);
    assert_eq!(c.state, C2paState::Trusted, "{:?}", c.validation.failure);
    let m = &c.manifests[0];
    let s = m.signer.as_ref().expect("a signer");
    assert_eq!(s.common_name, Some(cut(&cn, 1024)));
    // The chain's summaries name the subject as RFC 4514 writes it, cut the same way; the
    // intermediate's short name is whole.
    let subject = format!("CN={cn},O=ailabel test PKI");
    assert_eq!(s.chain[0].subject, cut(&subject, 1024));
    assert!(!s.chain[1].subject.contains('…'), "{}", s.chain[1].subject);
    // The identity: its certificate's common name (a control character is six bytes of JSON).
    let id = &m.identities[0];
    assert_eq!(id.common_name, Some(cut(&id_cn, 170)));
    assert!(
        id.chain[0].subject.len() < 1100,
        "{}",
        id.chain[0].subject.len()
    );
    assert!(id.explanation.len() < 2048, "{}", id.explanation.len());
    assert!(r.to_json().len() < 64 << 10, "{}", r.to_json().len());
}

/// A bare manifest store: manifest 0 holds a claim thumbnail of `size` bytes, and each of the
/// `sharing` manifests after it names that thumbnail in its claim; then a manifest holding its
/// own thumbnail of `own` bytes. Unsigned: the summaries do not depend on the signatures.
fn thumbnails(size: usize, sharing: usize, own: usize) -> Vec<u8> {
    let thumb = |bytes: usize| {
        superbox(
            b"embd",
            "c2pa.thumbnail.claim.jpeg",
            &[
                jbox(b"bfdb", b"\0image/jpeg\0"),
                jbox(b"bidb", &vec![0xab; bytes]),
            ],
        )
    };
    let manifest = |label: &str, assertions: Vec<Vec<u8>>, urls: Vec<String>| {
        let refs = urls
            .iter()
            .map(|u| C::M(vec![(t("url"), t(u)), (t("hash"), C::B(vec![0; 32]))]))
            .collect();
        let claim = C::M(vec![
            (t("instanceID"), t("xmp:iid:1")),
            (t("signature"), t("self#jumbf=c2pa.signature")),
            (t("created_assertions"), C::A(refs)),
            (t("alg"), t("sha256")),
        ]);
        superbox(
            b"c2ma",
            label,
            &[
                superbox(b"c2as", "c2pa.assertions", &assertions),
                superbox(b"c2cl", "c2pa.claim.v2", &[jbox(b"cbor", &enc(&claim))]),
            ],
        )
    };
    let here = "self#jumbf=c2pa.assertions/c2pa.thumbnail.claim.jpeg".to_owned();
    let shared = "self#jumbf=/c2pa/urn:c2pa:m0/c2pa.assertions/c2pa.thumbnail.claim.jpeg";
    let mut ms = vec![manifest(
        "urn:c2pa:m0",
        vec![thumb(size)],
        vec![here.clone()],
    )];
    for i in 1..=sharing {
        ms.push(manifest(
            &format!("urn:c2pa:m{i}"),
            vec![],
            vec![shared.to_owned()],
        ));
    }
    ms.push(manifest("urn:c2pa:own", vec![thumb(own)], vec![here]));
    superbox(b"c2pa", "c2pa", &ms)
}

#[test]
fn a_thumbnail_named_by_many_claims_is_reported_once() {
    let pki = pki();
    let r = check(&pki, &thumbnails(64_000, 300, 1000));
    let c = c2pa(&r);
    assert_eq!(c.manifests.len(), 302);
    let first = c.manifests[0].thumbnail.as_ref().expect("the thumbnail");
    assert_eq!(
        (first.media_type.as_str(), first.data.len()),
        ("image/jpeg", 64_000)
    );
    for m in &c.manifests[1..301] {
        assert!(m.thumbnail.is_none());
        assert_eq!(m.thumbnail_same_as.as_deref(), Some("urn:c2pa:m0"));
    }
    let own = &c.manifests[301];
    assert_eq!(own.thumbnail.as_ref().map(|t| t.data.len()), Some(1000));
    assert_eq!(own.thumbnail_same_as, None);
    // 300 copies of 64 KB as base64 took 26 MB of JSON.
    assert!(r.to_json().len() < 1 << 20, "{}", r.to_json().len());
}

#[test]
fn thumbnails_past_two_mib_are_left_out_with_their_size() {
    let pki = pki();
    // 1.5 MiB fits; the next, 1 MiB, does not: it is left out, with its size.
    let r = check(&pki, &thumbnails(3 << 19, 0, 1 << 20));
    let c = c2pa(&r);
    assert_eq!(
        c.manifests[0].thumbnail.as_ref().map(|t| t.data.len()),
        Some(3 << 19)
    );
    assert!(c.manifests[1].thumbnail.is_none());
    assert_eq!(c.manifests[1].thumbnail_left_out, Some(1 << 20));
    assert!(r.to_json().contains("\"thumbnail_left_out\":1048576"));
}
