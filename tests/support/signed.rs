//! The signed-manifest fixture the C2PA tests share: the test PKI with one P-256 claim signer
//! under its intermediate, the builder's keep manifest signed by it (also with a BMFF binding),
//! the options the tests verify with (as of the corpus time [`VERIFY_TIME`], watermarks off,
//! the test root trusted or nothing trusted), the failure codes of a report, and the folder an
//! `#[ignore]`d writer fills for a cross-check. A test file keeps its own signer name, labels
//! and extra options.

use super::bmff;
use super::builder::{cbor, Mani};
use super::cbor::C;
use super::fixtures::VERIFY_TIME;
use super::pki::{pem, pki, Issued, Key, Pki};
use ailabel::c2pa::C2paReport;
use ailabel::{Options, TrustSettings};
use std::path::PathBuf;

/// The test PKI and a claim signer under its intermediate.
pub struct Signed {
    pub pki: Pki,
    pub signer: Issued,
}

impl Signed {
    /// A fresh test PKI and a P-256 claim signer called `cn` under its intermediate.
    pub fn new(cn: &str) -> Self {
        let pki = pki();
        let signer = pki.signer(cn, Key::p256());
        Signed { pki, signer }
    }

    /// The keep manifest (`Mani::new`: `c2pa.created`, a data hash) by the signer, the
    /// intermediate in its chain.
    pub fn mani(&self) -> Mani<'_> {
        Mani::new(&self.signer, vec![&self.pki.intermediate.der])
    }

    /// The keep manifest with `c2pa.hash.bmff.v2` `binding` as its hard binding instead of the
    /// data hash.
    pub fn bmff_mani(&self, binding: C) -> Mani<'_> {
        let mut m = self.mani();
        m.assertions[1] = cbor("c2pa.hash.bmff.v2", binding);
        m
    }

    /// A BMFF store (`bmff::store_of`) of that manifest alone.
    pub fn bmff_store(&self, binding: C) -> Vec<u8> {
        bmff::store_of(&[self.bmff_mani(binding)])
    }

    /// [`options`] with the test root as the one trust anchor.
    pub fn options(&self) -> Options {
        trusting(&[&self.pki.root.der])
    }

    /// The folder `$var` names, with the test root written into it as `root.pem`: where an
    /// `#[ignore]`d writer puts its files for a cross-check with the reference.
    pub fn cross_check_dir(&self, var: &str) -> PathBuf {
        let dir = PathBuf::from(std::env::var(var).unwrap_or_else(|_| panic!("set ${var}")));
        std::fs::write(dir.join("root.pem"), pem(&self.pki.root.der)).unwrap();
        dir
    }

    /// The `c2pa` section of the report on `file` under [`Signed::options`].
    pub fn check(&self, file: &[u8]) -> C2paReport {
        ailabel::check(file, &self.options())
            .c2pa
            .expect("a c2pa section")
    }
}

/// The failure codes of a report, in its order.
pub fn failure_codes(r: &C2paReport) -> Vec<&str> {
    r.validation
        .failure
        .iter()
        .map(|f| f.code.as_str())
        .collect()
}

/// The tests' options: verified as of [`VERIFY_TIME`], watermarks off, nothing trusted.
pub fn options() -> Options {
    Options {
        verify_time: Some(VERIFY_TIME),
        watermarks: false,
        ..Options::default()
    }
}

/// [`options`] with these certificates (DER) as trust anchors.
pub fn trusting(anchors: &[&[u8]]) -> Options {
    Options {
        trust: TrustSettings {
            trust_anchors: anchors.iter().map(|a| pem(a)).collect(),
            ..TrustSettings::default()
        },
        ..options()
    }
}
