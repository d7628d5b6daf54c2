//! Trust material for C2PA signers and timestamp authorities, read from text the caller gives
//! (the core does no I/O): PEM bundles of anchors, an allowed list of end-entity certificates
//! (PEM, or SHA-256 lines in base64 or hex), c2pa-rs `store.cfg` EKU lists, and TSA anchors;
//! and the same again for the legacy CAI "interim" list, which counts only for signatures made
//! before its freeze ([`crate::options::LEGACY_TRUST_FROZEN_AT`]).

use super::x509::profile::DEFAULT_EKUS;
use super::x509::Cert;
use crate::options::LEGACY_TRUST_FROZEN_AT;
use base64::Engine;

/// Trust settings, parsed.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    /// Signer trust anchors.
    pub anchors: Vec<Cert<'static>>,
    /// Allowed end-entity certificates.
    pub allowed: Allowed,
    /// EKUs accepted for signers: the defaults plus any from trust configs.
    pub ekus: Vec<Vec<u8>>,
    /// Timestamp-authority anchors.
    pub tsa_anchors: Vec<Cert<'static>>,
    /// The legacy ("interim") list, empty when none was given.
    pub legacy: Legacy,
    /// Trust anchors for CAWG identity signers (X.509), apart from the C2PA ones.
    pub cawg_anchors: Vec<Cert<'static>>,
    /// Trusted issuers of CAWG identity claims aggregation credentials: DIDs, compared exactly
    /// (surrounding white space aside).
    pub ica_issuers: Vec<String>,
    given: bool,
    /// `anchors` and `tsa_anchors` together, made on first use by [`Trust::tsa_roots`] (the
    /// lists are not changed once checks use them).
    tsa_all: std::sync::OnceLock<Vec<Cert<'static>>>,
}

/// The legacy CAI "interim" list, parsed. It serves as signer anchors, allowed list and TSA
/// anchors (c2pa-rs checks all three against its one store), but only for a signature or
/// time-stamp judged at a time before [`LEGACY_TRUST_FROZEN_AT`].
#[derive(Debug, Clone, Default)]
pub struct Legacy {
    /// Trust anchors.
    pub anchors: Vec<Cert<'static>>,
    /// Allowed end-entity certificates.
    pub allowed: Allowed,
    /// EKUs accepted for signers under the legacy list: the defaults plus its `store.cfg`.
    pub ekus: Vec<Vec<u8>>,
}

/// An allowed list of end-entity certificates (c2pa-rs `allowed_list`): certificates given
/// as PEM, and SHA-256 hashes given one a line. c2pa-rs hashes each PEM certificate and looks
/// the signer's hash up; comparing the DER is the same test without hashing the list, and
/// without hashing the signer unless hash lines were given, so that an allowed list read from
/// PEM asks the crypto backend for nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allowed {
    /// The DER of each certificate given as PEM.
    pub certs: Vec<Vec<u8>>,
    /// The SHA-256 hashes given as lines.
    pub sha256: Vec<[u8; 32]>,
}

impl Allowed {
    /// True when nothing is allowed.
    pub fn is_empty(&self) -> bool {
        self.certs.is_empty() && self.sha256.is_empty()
    }

    /// Whether `cert` is on the list: its DER is one of the certificates, or its SHA-256 one
    /// of the hashes (computed only when hashes were given; `false` while pending).
    pub fn allows(&self, cert: &Cert<'_>, crypto: &dyn crate::crypto::Crypto) -> bool {
        self.certs.iter().any(|c| c.as_slice() == cert.der())
            || (!self.sha256.is_empty()
                && cert
                    .sha256(crypto)
                    .is_some_and(|h| self.sha256.contains(&h)))
    }

    /// Add the entries of one allowed list's text: PEM certificates, or one hash a line in
    /// base64 or hex; `//` and `#` lines are comments.
    fn add(&mut self, text: &str, warnings: &mut Vec<String>) {
        if text.contains(BEGIN) {
            self.certs.extend(
                pem_certs(text, "allowed list", warnings)
                    .into_iter()
                    .map(Cert::into_der),
            );
        } else {
            self.sha256.extend(allowed_hashes(text, warnings));
        }
    }
}

/// The sentence said of a signer or time-stamp authority trusted only through the legacy list.
pub const LEGACY_EXPLANATION: &str = "trusted under the legacy CAI list, frozen 2026-01-01";

impl Legacy {
    /// True when the legacy list holds anchors or allowed certificates.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty() && self.allowed.is_empty()
    }

    /// True when the legacy list may judge something dated `at` (seconds since the epoch):
    /// it is not empty and `at` is before the freeze.
    pub fn applies_at(&self, at: i64) -> bool {
        !self.is_empty() && at < LEGACY_TRUST_FROZEN_AT
    }
}

const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const END: &str = "-----END CERTIFICATE-----";

/// Every `CERTIFICATE` block of a PEM bundle, decoded; unreadable blocks are reported.
pub fn pem_certs(text: &str, what: &str, warnings: &mut Vec<String>) -> Vec<Cert<'static>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after = rest
            .get(start.saturating_add(BEGIN.len())..)
            .unwrap_or_default();
        let Some(end) = after.find(END) else {
            warnings.push(format!("{what}: a PEM certificate block has no END line"));
            break;
        };
        let body: String = after
            .get(..end)
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        match base64::engine::general_purpose::STANDARD
            .decode(body.as_bytes())
            .ok()
            .and_then(Cert::owned)
        {
            Some(c) => out.push(c),
            None => warnings.push(format!(
                "{what}: certificate {} could not be read and was skipped",
                out.len().saturating_add(1)
            )),
        }
        rest = after
            .get(end.saturating_add(END.len())..)
            .unwrap_or_default();
    }
    out
}

/// The SHA-256 hashes of an allowed list given as hash lines, in base64 or hex (c2pa-rs
/// `allowed_list` format); `//` and `#` lines are comments.
fn allowed_hashes(text: &str, warnings: &mut Vec<String>) -> Vec<[u8; 32]> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("//") || line.starts_with('#') {
            continue;
        }
        let hex: String = line.chars().filter(|c| *c != ':').collect();
        let bytes = if hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            (0..32)
                .map(|i| {
                    hex.get(i * 2..i * 2 + 2)
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                })
                .collect::<Option<Vec<u8>>>()
        } else {
            base64::engine::general_purpose::STANDARD.decode(line).ok()
        };
        match bytes.and_then(|b| <[u8; 32]>::try_from(b).ok()) {
            Some(h) => out.push(h),
            None => warnings.push(format!(
                "allowed list: line \"{}\" is neither a certificate nor a SHA-256 hash",
                crate::error::escape(line.as_bytes(), 40)
            )),
        }
    }
    out
}

/// The EKU OIDs of a c2pa-rs `store.cfg` text: one dotted OID a line, `//` comments.
fn config_ekus(text: &str, warnings: &mut Vec<String>) -> Vec<Vec<u8>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with('#'))
        .filter_map(|l| match crate::der::oid::from_dotted(l) {
            Some(o) => Some(o),
            None => {
                warnings.push(format!(
                    "trust config: \"{}\" is not an OID",
                    crate::error::escape(l.as_bytes(), 40)
                ));
                None
            }
        })
        .collect()
}

/// Trust settings parsed once per process: the command line checks every input of a folder
/// with the same lists, the page and the extension every image with the lists the reader
/// chose, and parsing them (some 270 KB of PEM with the built-in lists) costs more than
/// checking a typical file. Keyed by the settings' full text, so different settings never
/// share a parse; the last [`PARSED_KEPT`] are kept. Warnings come with the parse and are
/// repeated to every caller, as a fresh parse would give them.
#[cfg(not(target_arch = "wasm32"))]
pub fn parsed(s: &crate::options::TrustSettings) -> std::sync::Arc<(Trust, Vec<String>)> {
    use std::sync::{Arc, Mutex, PoisonError};
    type Kept = Vec<(crate::options::TrustSettings, Arc<(Trust, Vec<String>)>)>;
    static KEPT: Mutex<Kept> = Mutex::new(Vec::new());
    // Held during a parse, so that workers starting together parse once.
    let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, t)) = kept.iter().find(|(k, _)| k == s) {
        return Arc::clone(t);
    }
    let t = Arc::new(Trust::from_settings(s));
    if kept.len() >= PARSED_KEPT {
        kept.remove(0);
    }
    kept.push((s.clone(), Arc::clone(&t)));
    t
}

/// How many parsed trust settings [`parsed`] keeps natively (the CLI's report files can name
/// lists of their own); the browser keeps one, since its checks all use the reader's lists.
#[cfg(not(target_arch = "wasm32"))]
pub const PARSED_KEPT: usize = 4;

/// [`parsed`] in the browser, whose one thread keeps the last settings and their parse.
#[cfg(target_arch = "wasm32")]
pub fn parsed(s: &crate::options::TrustSettings) -> std::rc::Rc<(Trust, Vec<String>)> {
    use std::rc::Rc;
    type Last = Option<(crate::options::TrustSettings, Rc<(Trust, Vec<String>)>)>;
    thread_local! {
        static LAST: std::cell::RefCell<Last> = const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| {
        if let Some((_, t)) = last.as_ref().filter(|(k, _)| k == s) {
            return Rc::clone(t);
        }
        let t = Rc::new(Trust::from_settings(s));
        *last = Some((s.clone(), Rc::clone(&t)));
        t
    })
}

impl Trust {
    /// Parse trust settings; what cannot be read is skipped with a warning. Needs no crypto:
    /// allowed certificates are kept as DER ([`Allowed`]).
    pub fn from_settings(s: &crate::options::TrustSettings) -> (Trust, Vec<String>) {
        let mut w = Vec::new();
        let mut t = Trust {
            ekus: DEFAULT_EKUS.iter().map(|e| e.to_vec()).collect(),
            given: !s.is_empty(),
            ..Trust::default()
        };
        for p in &s.trust_anchors {
            t.anchors.extend(pem_certs(p, "trust anchors", &mut w));
        }
        for p in &s.allowed_list {
            t.allowed.add(p, &mut w);
        }
        for p in &s.trust_config {
            for o in config_ekus(p, &mut w) {
                if !t.ekus.contains(&o) {
                    t.ekus.push(o);
                }
            }
        }
        for p in &s.tsa_anchors {
            t.tsa_anchors.extend(pem_certs(p, "TSA anchors", &mut w));
        }
        if s.has_legacy() {
            t.legacy.ekus = DEFAULT_EKUS.iter().map(|e| e.to_vec()).collect();
        }
        for p in &s.legacy_trust_anchors {
            t.legacy
                .anchors
                .extend(pem_certs(p, "legacy trust anchors", &mut w));
        }
        for p in &s.legacy_allowed_list {
            t.legacy.allowed.add(p, &mut w);
        }
        for p in &s.cawg_trust_anchors {
            t.cawg_anchors
                .extend(pem_certs(p, "CAWG trust anchors", &mut w));
        }
        t.ica_issuers.clone_from(&s.cawg_ica_issuers);
        for p in &s.legacy_trust_config {
            for o in config_ekus(p, &mut w) {
                if !t.legacy.ekus.contains(&o) {
                    t.legacy.ekus.push(o);
                }
            }
        }
        (t, w)
    }

    /// True when no trust settings were given.
    pub fn is_empty(&self) -> bool {
        !self.given
    }

    /// The accepted signer EKUs (defaults when built with `Default`).
    pub fn accepted_ekus(&self) -> std::borrow::Cow<'_, [Vec<u8>]> {
        if self.ekus.is_empty() {
            std::borrow::Cow::Owned(DEFAULT_EKUS.iter().map(|e| e.to_vec()).collect())
        } else {
            std::borrow::Cow::Borrowed(&self.ekus)
        }
    }

    /// Anchors for TSA chains: the signer anchors and the TSA anchors together. c2pa-rs 0.91
    /// checks a time-stamp authority against the one trust store it checks signers against
    /// (`cose_validator.rs` passes the same policy); our separate TSA list adds to it.
    pub fn tsa_roots(&self) -> std::borrow::Cow<'_, [Cert<'static>]> {
        if self.tsa_anchors.is_empty() {
            std::borrow::Cow::Borrowed(&self.anchors)
        } else if self.anchors.is_empty() {
            std::borrow::Cow::Borrowed(&self.tsa_anchors)
        } else {
            std::borrow::Cow::Borrowed(
                self.tsa_all
                    .get_or_init(|| [self.anchors.clone(), self.tsa_anchors.clone()].concat()),
            )
        }
    }
}

// The tests use the native crypto backend.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::options::TrustSettings;

    #[test]
    fn unreadable_entries_become_warnings() {
        let s = TrustSettings {
            trust_anchors: vec![
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".into(),
            ],
            allowed_list: vec!["// comment\nnot a hash\n".into()],
            trust_config: vec!["// EKUs\n1.3.6.1.5.5.7.3.36\nbanana\n".into()],
            tsa_anchors: vec!["-----BEGIN CERTIFICATE-----\nAAAA".into()],
            ..TrustSettings::default()
        };
        let (t, w) = Trust::from_settings(&s);
        assert_eq!(w.len(), 4, "{w:?}");
        assert!(t.anchors.is_empty() && t.allowed.is_empty() && t.tsa_anchors.is_empty());
        assert_eq!(t.accepted_ekus().len(), DEFAULT_EKUS.len() + 1);
        assert!(!t.is_empty());
        assert!(Trust::from_settings(&TrustSettings::default()).0.is_empty());
    }

    #[test]
    fn the_legacy_list_is_kept_apart_and_applies_before_the_freeze_only() {
        let s = TrustSettings {
            legacy_allowed_list: vec!["ab".repeat(32)],
            legacy_trust_config: vec!["1.3.6.1.4.1.311.76.59.1.9\nbanana\n".into()],
            ..TrustSettings::default()
        };
        let (t, w) = Trust::from_settings(&s);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(!t.is_empty() && t.allowed.is_empty() && t.anchors.is_empty());
        assert_eq!(t.legacy.allowed.sha256, vec![[0xab; 32]]);
        assert_eq!(t.legacy.ekus.len(), DEFAULT_EKUS.len() + 1);
        // Only the official EKUs are accepted outside the legacy list.
        assert_eq!(t.accepted_ekus().len(), DEFAULT_EKUS.len());
        assert!(t.legacy.applies_at(LEGACY_TRUST_FROZEN_AT - 1));
        assert!(!t.legacy.applies_at(LEGACY_TRUST_FROZEN_AT));
        // A legacy trust config alone trusts no one.
        let only_cfg = TrustSettings {
            legacy_trust_config: vec!["1.3.6.1.5.5.7.3.36".into()],
            ..TrustSettings::default()
        };
        assert!(!Trust::from_settings(&only_cfg).0.legacy.applies_at(0));
    }

    #[test]
    fn settings_are_parsed_once_and_keyed_by_their_text() {
        let s = TrustSettings {
            allowed_list: vec!["ab".repeat(32), "banana".into()],
            ..TrustSettings::default()
        };
        let first = parsed(&s);
        let (fresh, w) = Trust::from_settings(&s);
        assert_eq!(first.0.allowed, fresh.allowed);
        assert_eq!(first.1, w);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(std::sync::Arc::ptr_eq(&first, &parsed(&s.clone())));
        // Other text, another parse.
        let other = TrustSettings {
            allowed_list: vec!["cd".repeat(32)],
            ..TrustSettings::default()
        };
        assert_eq!(parsed(&other).0.allowed.sha256, vec![[0xcd; 32]]);
    }

    #[test]
    fn allowed_hashes_in_hex_and_base64() {
        let mut w = Vec::new();
        let hex = "ab".repeat(32);
        let b64 = base64::engine::general_purpose::STANDARD.encode([0xabu8; 32]);
        let colons = vec!["AB"; 32].join(":");
        let got = allowed_hashes(&format!("{hex}\n{b64}\n# note\n{colons}\n"), &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(got, vec![[0xab; 32]; 3]);
    }
}
