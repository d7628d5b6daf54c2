//! What a caller can tell the checker: trust settings, a sidecar manifest, a fetched remote
//! manifest, the verification time,
//! headers that came with the input, pixels the caller already decoded, and the [`Limits`].

use crate::limits::Limits;
use serde::Deserialize;

/// Trust configuration for C2PA signers and timestamp authorities. Every field holds file
/// contents (PEM text, or c2pa-rs `store.cfg` text), never paths or URLs: the core does no I/O.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrustSettings {
    /// PEM bundles of trust anchors (root or intermediate CA certificates).
    pub trust_anchors: Vec<String>,
    /// Allowed end-entity certificates: PEM bundles, or lines of base64/hex SHA-256 hashes.
    pub allowed_list: Vec<String>,
    /// c2pa-rs `store.cfg` texts: one accepted EKU OID per line, `//` comments.
    pub trust_config: Vec<String>,
    /// PEM bundles of timestamp-authority anchors.
    pub tsa_anchors: Vec<String>,
    /// The legacy CAI "interim" list's trust anchors (PEM). Legacy material counts only for a
    /// signature judged at a time before [`LEGACY_TRUST_FROZEN_AT`]: its time-stamp time, or
    /// the verification time when no time-stamp counts.
    pub legacy_trust_anchors: Vec<String>,
    /// The legacy list's allowed end-entity certificates (PEM or SHA-256 lines).
    pub legacy_allowed_list: Vec<String>,
    /// The legacy list's `store.cfg` (accepted EKUs).
    pub legacy_trust_config: Vec<String>,
    /// Trust anchors (PEM) for the X.509 signers of CAWG identity assertions. Kept apart
    /// from the C2PA lists, as c2pa-rs keeps its `cawg_trust` settings: a CAWG identity
    /// signer is trusted only by these.
    pub cawg_trust_anchors: Vec<String>,
    /// The DIDs of trusted issuers of CAWG identity claims aggregation credentials (c2pa-rs
    /// `cawg_trust.trusted_ica_issuers`): an exact-match list, compared with the credential's
    /// `issuer` without its fragment. A listed issuer whose credential checks out gives
    /// `cawg.ica.credential_valid`; any other is `cawg.ica.untrusted_issuer`. Empty by default:
    /// no issuer is trusted, since a self-issued `did:jwk` vouches only for itself.
    pub cawg_ica_issuers: Vec<String>,
}

/// 2026-01-01T00:00:00Z: the CAI's legacy "interim" trust list was frozen then, and counts
/// only for signatures made before it.
pub const LEGACY_TRUST_FROZEN_AT: i64 = 1_767_225_600;

impl TrustSettings {
    /// True when no trust material was given at all.
    pub fn is_empty(&self) -> bool {
        self.trust_anchors.is_empty()
            && self.allowed_list.is_empty()
            && self.trust_config.is_empty()
            && self.tsa_anchors.is_empty()
            && !self.has_legacy()
    }

    /// True when any legacy ("interim") trust material was given.
    pub fn has_legacy(&self) -> bool {
        !(self.legacy_trust_anchors.is_empty()
            && self.legacy_allowed_list.is_empty()
            && self.legacy_trust_config.is_empty())
    }
}

/// Options for one check.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// Bounds on the work done.
    pub limits: Limits,
    /// Trust settings.
    pub trust: TrustSettings,
    /// A `.c2pa` sidecar manifest store for the input.
    #[serde(skip)]
    pub sidecar_manifest: Option<Vec<u8>>,
    /// The manifest store fetched from the file's remote reference (XMP `dcterms:provenance`,
    /// a `Link` header), by a caller that had the user's consent: validated against the input as
    /// a sidecar is, when the input has no embedded store and no `sidecar_manifest` is given.
    #[serde(skip)]
    pub remote_manifest: Option<Vec<u8>>,
    /// The media segments of a fragmented BMFF input, when the input is their init segment
    /// (DASH or CMAF `.m4s` files, in any order): the Merkle tree of the init segment's BMFF
    /// hash is checked over each, as c2pa-rs `Reader::from_fragment` (one) and
    /// `from_fragmented_files` (several) do. Empty: the input is checked on its own.
    #[serde(skip)]
    pub fragments: Vec<Vec<u8>>,
    /// Why the caller could not fetch the remote reference (reported as
    /// `manifest.inaccessible` on the report's `remote_manifest`).
    pub remote_manifest_error: Option<String>,
    /// Verify "as of" this time, in seconds since the Unix epoch; `None` means now.
    pub verify_time: Option<i64>,
    /// Look for invisible watermarks (decodes pixels).
    pub watermarks: bool,
    /// Hash the whole input for the report's `input.sha256` (on by default). A caller that
    /// does not show or keep the hash can turn it off: natively the hash shares the data hash's
    /// pass and costs little, but in the browser it is a second WebCrypto digest of the whole
    /// input (about a third of a large JPEG's check, BENCHMARKS.md).
    pub input_sha256: bool,
    /// The HTTP `AI-Disclosure` header that came with the input, if any.
    pub ai_disclosure_header: Option<String>,
    /// The HTTP `Link` header that came with the input, if any (for `rel="c2pa-manifest"`).
    pub link_header: Option<String>,
    /// Pixels of the input decoded by the caller; when set (and `watermarks` is on), watermark
    /// detection reads them instead of decoding the input.
    #[serde(skip)]
    pub pixels: Option<Pixels>,
    /// Ed25519 public keys (PEM `PUBLIC KEY` texts, or 64 hex digits) of EncypherAI signers:
    /// a text mark whose signature verifies with one of them is `ai-verified`.
    pub text_keys: Vec<String>,
}

/// RGBA8 pixels the caller decoded; used for watermark detection instead of decoding the input.
/// (The wasm's `pixels` option does not come here: it stays in JavaScript and is read a band of
/// rows at a time, `pipeline::prepare_with_rows`.) Row-major, 4 bytes per pixel, no row
/// padding: `rgba.len()` must be `width * height * 4` (checked, as is
/// [`Limits::max_pixels`]; a mismatch is a warning and watermarks are not checked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pixels {
    /// The samples, R, G, B, A per pixel, non-premultiplied.
    pub rgba: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            limits: Limits::default(),
            trust: TrustSettings::default(),
            sidecar_manifest: None,
            remote_manifest: None,
            fragments: Vec::new(),
            remote_manifest_error: None,
            verify_time: None,
            watermarks: true,
            input_sha256: true,
            ai_disclosure_header: None,
            link_header: None,
            text_keys: Vec::new(),
            pixels: None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_legacy_freeze_is_the_first_second_of_2026() {
        assert_eq!(
            crate::time::rfc3339(super::LEGACY_TRUST_FROZEN_AT),
            "2026-01-01T00:00:00Z"
        );
    }
}
