//! STUB of the claim-signature interface (the crypto branch replaces this file): COSE_Sign1
//! verification, the signer's certificate and trust. Until then every signature is reported
//! as `claimSignature.missing`.

use crate::c2pa::report::Signer;
use crate::limits::Limits;
use crate::options::TrustSettings;

/// Parsed trust settings.
#[derive(Debug, Default)]
pub struct Trust {
    empty: bool,
}

impl Trust {
    /// Parse trust settings; returns warnings for unusable entries.
    pub fn from_settings(s: &TrustSettings) -> (Trust, Vec<String>) {
        (
            Trust {
                empty: s.is_empty(),
            },
            Vec::new(),
        )
    }

    /// True when no trust material was given.
    pub fn is_empty(&self) -> bool {
        self.empty
    }
}

/// The outcome of verifying one claim signature.
#[derive(Debug, Default)]
pub struct SignatureResult {
    /// Status codes with optional detail.
    pub statuses: Vec<(&'static str, Option<String>)>,
    /// Who signed.
    pub signer: Signer,
    /// Signature verified and credential acceptable (ignoring trust).
    pub valid: bool,
    /// Chains to an anchor or the allowed list.
    pub trusted: bool,
}

/// Verify a COSE_Sign1 claim signature over the exact claim bytes.
pub fn verify_claim_signature(
    _cose_sign1: &[u8],
    _claim_bytes: &[u8],
    _trust: &Trust,
    _verify_time: Option<i64>,
    _limits: &Limits,
) -> SignatureResult {
    SignatureResult {
        statuses: vec![(
            "claimSignature.missing",
            Some("signature verification is not built in yet".to_owned()),
        )],
        ..SignatureResult::default()
    }
}
