//! The strict DER reader (`ailabel::der`) on whole certificates: every field of certificates
//! the test PKI builds reads back as it was written, the certificates of the trust-list
//! fixtures reassemble from what was read, and broken certificates are refused.

use crate::support;

use ailabel::c2pa::x509::{cert, Cert};
use ailabel::der::{self, oid, tag};
use support::asn1::*;
use support::pki::*;

/// The one SEQUENCE of an AlgorithmIdentifier as the reader keeps it.
fn alg_der(a: &cert::AlgId) -> Vec<u8> {
    let mut content = oid(&oid::to_dotted(a.oid));
    content.extend(a.params.unwrap_or_default());
    tlv(0x30, &content)
}

#[test]
fn test_pki_certificates_read_back_as_built() {
    let pki = pki();
    for key in [
        Key::p256(),
        Key::p384(),
        Key::p521(),
        Key::rsa(),
        Key::ed25519(),
    ] {
        let spki = key.spki();
        let spec = Spec {
            serial: 0x80_0000,
            ..Spec::signer("Reader Test")
        };
        let issued = issue(&spec, key, Some(&pki.intermediate));
        let c = Cert::parse(&issued.der).expect("the builder's certificate");
        // Certificate ::= SEQUENCE { tbs, signatureAlgorithm, signatureValue }: reassembled
        // from what was read, it is the input.
        let sig_bits = bits(c.signature());
        let rebuilt = seq(&[c.tbs(), &alg_der(&c.signature_algorithm()), &sig_bits]);
        assert_eq!(rebuilt, issued.der);
        assert_eq!(c.version(), 2);
        // 0x800000 needs a sign octet.
        assert_eq!(c.serial(), [0x02, 0x04, 0x00, 0x80, 0x00, 0x00]);
        assert_eq!(c.issuer_der(), Some(pki.intermediate.name.as_slice()));
        assert_eq!(c.subject_der(), Some(issued.name.as_slice()));
        assert_eq!(c.validity(), (spec.not_before, spec.not_after));
        let spki_rebuilt = seq(&[&alg_der(&c.spki().alg), &bits(c.spki().key)]);
        assert_eq!(spki_rebuilt, spki);
        assert!(!c.unique_ids());
        assert!(!c.is_ca());
        assert!(!c.self_issued());
        assert_eq!(c.subject(), "CN=Reader Test,O=ailabel test PKI");
        assert_eq!(c.name_attr(false, oid::CN).as_deref(), Some("Reader Test"));
        assert_eq!(
            c.name_attr(true, oid::CN).as_deref(),
            Some("Test Intermediate CA")
        );
        let ekus = c
            .extension(oid::EXT_KEY_USAGE, cert::ext_key_usage)
            .unwrap();
        assert_eq!(
            ekus.0,
            [oid_content(EKU_CLAIM_SIGNING), oid_content(EKU_EMAIL)]
        );
        assert!(!ekus.1);
        // keyUsage digitalSignature, critical.
        assert_eq!(
            c.extension(oid::KEY_USAGE, cert::key_usage),
            Some((1, true))
        );
        assert_eq!(c.extensions().count(), 5);
    }
    let root = Cert::parse(&pki.root.der).unwrap();
    assert!(root.is_ca() && root.self_issued());
    assert_eq!(root.serial(), int(1));
    // keyCertSign (bit 5) | cRLSign (bit 6).
    assert_eq!(
        root.extension(oid::KEY_USAGE, cert::key_usage),
        Some((0x60, true))
    );
}

#[test]
fn a_certificate_is_read_in_place_and_reads_the_same_kept() {
    let pki = pki();
    let der = issue(
        &Spec::signer("In Place"),
        Key::p256(),
        Some(&pki.intermediate),
    )
    .der;
    let c = Cert::parse(&der).unwrap();
    // Every view is a slice of the input: nothing was copied.
    let inside = |part: &[u8]| der.as_ptr_range().contains(&part.as_ptr());
    assert_eq!(c.der().as_ptr(), der.as_ptr());
    assert!(inside(c.tbs()) && inside(c.serial()) && inside(c.signature()));
    assert!(inside(c.spki().key) && inside(c.signature_algorithm().oid));
    assert!(inside(c.issuer_der().unwrap()) && inside(c.subject_der().unwrap()));
    assert!(c.extensions().all(|e| inside(e.value) && inside(e.oid)));
    // A kept copy (how trust anchors are held) reads the same.
    let kept = Cert::owned(der.clone()).unwrap();
    assert_ne!(kept.der().as_ptr(), der.as_ptr());
    assert_eq!(kept.der(), c.der());
    assert_eq!(kept.tbs(), c.tbs());
    assert_eq!(kept.serial(), c.serial());
    assert_eq!(kept.signature(), c.signature());
    assert_eq!(kept.signature_algorithm(), c.signature_algorithm());
    assert_eq!(kept.spki(), c.spki());
    assert_eq!(kept.subject(), "CN=In Place,O=ailabel test PKI");
    assert_eq!(kept.issuer(), c.issuer());
    assert!(kept.extensions().eq(c.extensions()));
    assert_eq!(kept.extensions().count(), 5);
    assert_eq!(kept.into_der(), der);
}

/// The certificates of a PEM file.
fn pem_ders(text: &str) -> Vec<Vec<u8>> {
    use base64::Engine;
    text.split("-----BEGIN CERTIFICATE-----")
        .skip(1)
        .map(|b| {
            let body: String = b
                .split("-----END CERTIFICATE-----")
                .next()
                .unwrap()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(body)
                .unwrap()
        })
        .collect()
}

#[test]
fn trust_list_certificates_reassemble() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trust");
    let mut n = 0;
    for file in [
        "c2pa_tl/C2PA-TRUST-LIST.pem",
        "c2pa_tl/C2PA-TSA-TRUST-LIST.pem",
        "cawg/anchor-cawg.pem",
        "interim/interim-allowed.pem",
        "interim/interim-anchors.pem",
        "test/test-anchors.pem",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for d in pem_ders(&text) {
            let c = Cert::parse(&d).unwrap_or_else(|| panic!("{file}: certificate {n}"));
            let rebuilt = seq(&[
                c.tbs(),
                &alg_der(&c.signature_algorithm()),
                &bits(c.signature()),
            ]);
            assert_eq!(rebuilt, d, "{file}");
            // The names and the key are where the tbsCertificate has them.
            let spki = seq(&[&alg_der(&c.spki().alg), &bits(c.spki().key)]);
            let after = |from: usize, part: &[u8]| {
                let found = c.tbs()[from..].windows(part.len()).position(|w| w == part);
                from + found.unwrap_or_else(|| panic!("{file}")) + part.len()
            };
            let issuer_end = after(0, c.issuer_der().unwrap());
            let subject_end = after(issuer_end, c.subject_der().unwrap());
            after(subject_end, &spki);
            let (nb, na) = c.validity();
            assert!(nb < na, "{file}");
            n += 1;
        }
    }
    assert_eq!(n, 30 + 22 + 1 + 86 + 18 + 10);
}

/// A copy of `der` with the byte at `at` replaced.
fn patched(der: &[u8], at: usize, b: u8) -> Vec<u8> {
    let mut v = der.to_vec();
    v[at] = b;
    v
}

#[test]
fn broken_certificates_are_refused() {
    let pki = pki();
    let good = pki.signer("Broken", Key::p256()).der;
    assert!(Cert::parse(&good).is_some());
    // Trailing bytes, truncation, another outer tag.
    let mut tail = good.clone();
    tail.push(0);
    assert!(Cert::parse(&tail).is_none());
    assert!(Cert::parse(&good[..good.len() - 1]).is_none());
    assert!(Cert::parse(&patched(&good, 0, 0x31)).is_none());
    // The outer length in a non-minimal form: one more length octet, the same value.
    let (hdr, len) = match good[1] {
        0x81 => (3, usize::from(good[2])),
        0x82 => (4, usize::from(good[2]) << 8 | usize::from(good[3])),
        _ => unreachable!("certificates are longer than 127 bytes"),
    };
    let mut long = vec![0x30, good[1] + 1, 0];
    long.extend_from_slice(&good[2..hdr]);
    long.extend_from_slice(&good[hdr..]);
    assert_eq!(long.len(), good.len() + 1);
    assert_eq!(good.len(), hdr + len);
    assert!(Cert::parse(&long).is_none());
    // Indefinite outer length (BER).
    let mut ber = vec![0x30, 0x80];
    ber.extend_from_slice(&good[hdr..]);
    ber.extend([0, 0]);
    assert!(Cert::parse(&ber).is_none());
    // The version INTEGER (`a0 03 02 01 02` at the start of the tbsCertificate) as 3 (v4).
    let tbs_at = hdr + if good[hdr + 1] == 0x82 { 4 } else { 3 };
    assert_eq!(&good[tbs_at..tbs_at + 5], [0xa0, 0x03, 0x02, 0x01, 0x02]);
    assert!(Cert::parse(&patched(&good, tbs_at + 4, 0x03)).is_none());
    // Version 1 written out explicitly is read (DEFAULT v1 was decoded when present).
    let v1 = Cert::owned(patched(&good, tbs_at + 4, 0x00)).unwrap();
    assert_eq!(v1.version(), 0);
    // A serial with a redundant leading zero.
    let with_serial = |serial: &[u8]| {
        let (_, cert, _) = split(&good);
        let (tbs, _, after_tbs) = split(cert);
        let (_, tbs_content, _) = split(tbs);
        let (version, _, rest) = split(tbs_content);
        let (_, _, rest) = split(rest);
        let tbs = tlv(0x30, &[version, serial, rest].concat());
        tlv(0x30, &[&tbs[..], after_tbs].concat())
    };
    assert!(Cert::parse(&with_serial(&int(7))).is_some());
    assert!(Cert::parse(&with_serial(&[0x02, 0x02, 0x00, 0x07])).is_none());
    assert!(Cert::parse(&with_serial(&[0x02, 0x00])).is_none());
    // 21 octets (a 20-octet magnitude with a sign octet) is the most x509-cert allowed.
    let mut big = vec![0x00];
    big.extend([0x80; 20]);
    assert!(Cert::parse(&with_serial(&tlv(0x02, &big))).is_some());
    assert!(Cert::parse(&with_serial(&tlv(0x02, &[0x7f; 22]))).is_none());
    // A negative serial was decoded too.
    assert!(Cert::parse(&with_serial(&[0x02, 0x01, 0xff])).is_some());
    assert!(der::one(&good, tag::SEQUENCE).is_some());
}

/// `cert` with field `i` of its tbsCertificate (0 is the `[0]` version) replaced by `field`.
fn with_tbs_field(cert: &[u8], i: usize, field: &[u8]) -> Vec<u8> {
    let (_, outer, _) = split(cert);
    let (tbs, _, after_tbs) = split(outer);
    let (_, mut rest, _) = split(tbs);
    let mut fields = Vec::new();
    while !rest.is_empty() {
        let (whole, _, after) = split(rest);
        fields.push(whole.to_vec());
        rest = after;
    }
    fields[i] = field.to_vec();
    let tbs = tlv(0x30, &fields.concat());
    tlv(0x30, &[&tbs[..], after_tbs].concat())
}

#[test]
fn multi_valued_rdns_take_ders_order() {
    let pki = pki();
    let good = pki.signer("Sorted", Key::p256()).der;
    let cn = seq(&[&oid("2.5.4.3"), &utf8("A Longer Common Name")]);
    let o = seq(&[&oid("2.5.4.10"), &utf8("Org")]);
    let c_attr = seq(&[&oid("2.5.4.6"), &tlv(0x13, b"NL")]);
    // One RDN of three attributes written longest first; `der` sorted a SET OF by encoded
    // length first (C=NL: 9 octets, O=Org: 10, the CN: 27), so the name re-encodes as C, O, CN.
    let written = seq(&[&tlv(0x31, &[&cn[..], &o, &c_attr].concat())]);
    let sorted = seq(&[&tlv(0x31, &[&c_attr[..], &o, &cn].concat())]);
    // The subject is field 5: version, serial, signature, issuer, validity, subject.
    let c = Cert::owned(with_tbs_field(&good, 5, &written)).unwrap();
    assert_eq!(c.subject_der(), Some(sorted.as_slice()));
    assert_eq!(c.subject(), "C=NL+O=Org+CN=A Longer Common Name");
    // Already in order: the bytes as written.
    let c = Cert::owned(with_tbs_field(&good, 5, &sorted)).unwrap();
    assert_eq!(c.subject_der(), Some(sorted.as_slice()));
    // The same attribute twice in one RDN was refused.
    let twice = seq(&[&tlv(0x31, &[&o[..], &o].concat())]);
    assert!(Cert::parse(&with_tbs_field(&good, 5, &twice)).is_none());
    // An attribute value with a tag `der` did not know (UniversalString, 0x1c) was refused.
    let odd = seq(&[&set(&[&seq(&[&oid("2.5.4.3"), &tlv(0x1c, b"\0\0\0A")])])]);
    assert!(Cert::parse(&with_tbs_field(&good, 5, &odd)).is_none());
}

/// The first item of `data`: `(whole, content, rest)`.
fn split(data: &[u8]) -> (&[u8], &[u8], &[u8]) {
    let t = der::Der::new(data).any().unwrap();
    (t.whole, t.content, &data[t.whole.len()..])
}
