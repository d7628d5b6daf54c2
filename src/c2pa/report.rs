//! The `c2pa` section of the report: validation state, status codes, and a summary of each
//! manifest for the page (signer, time, "made with", actions, ingredients, thumbnails).

use super::copies::Copies;
use crate::signal::AiKind;
use crate::source_type::{classify_source_type, SourceTypeInfo};
use serde::Serialize;

/// The overall state, as c2pa-rs and the C2PA spec (§15.x "validation states") define it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum C2paState {
    /// Some check failed (other than the signer being untrusted).
    Invalid,
    /// Well formed, signature and bindings check out; the signer is not on a trust list.
    Valid,
    /// Valid, and the signer chains to a trust anchor.
    Trusted,
}

/// One validation status, with its C2PA code spelled exactly as the spec spells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusEntry {
    /// The spec's status code, e.g. `assertion.dataHash.mismatch`.
    pub code: String,
    /// A plain-language sentence for a reader.
    pub explanation: String,
    /// The label of the manifest it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest: Option<String>,
    /// The JUMBF URI of the assertion it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Status entries split as the spec splits them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Validation {
    /// Checks that passed.
    pub success: Vec<StatusEntry>,
    /// Notes that affect nothing (e.g. `signingCredential.ocsp.skipped`).
    pub informational: Vec<StatusEntry>,
    /// Checks that failed.
    pub failure: Vec<StatusEntry>,
    /// What the statuses may still copy from the file.
    #[serde(skip)]
    pub copies: Copies,
}

/// Who signed a manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Signer {
    /// Subject common name of the signing certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_name: Option<String>,
    /// Subject organisation of the signing certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Issuer common name / organisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// COSE algorithm name, e.g. `ES256`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// Signing time (RFC 3339), from the timestamp if there is one, else the claimed `iat`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// True if `time` comes from a verified RFC 3161 timestamp.
    pub timestamped: bool,
    /// True when the signer is trusted only through the legacy CAI "interim" list, which
    /// counts for signatures made before its freeze on 2026-01-01.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub legacy_trust: bool,
    /// True when the signer's certificate is trusted (it chains to an anchor in use, or is
    /// allowed, with an acceptable profile). A manifest can be Valid with a trusted signer when
    /// only its CAWG identity assertion is unconfirmed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub trusted: bool,
    /// The certificate chain, end entity first: one subject line per certificate.
    pub chain: Vec<Certificate>,
}

/// A certificate in a chain, summarised.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Certificate {
    /// The subject distinguished name.
    pub subject: String,
    /// The issuer distinguished name.
    pub issuer: String,
    /// Not valid before (RFC 3339).
    pub not_before: String,
    /// Not valid after (RFC 3339).
    pub not_after: String,
    /// SHA-256 of the DER, hex.
    pub sha256: String,
}

/// The names the certificates of a chain's summaries give, cut as copies (`copies`).
fn keep_chain(chain: &mut [Certificate], copies: &mut Copies) {
    for c in chain {
        copies.keep(&mut c.subject);
        copies.keep(&mut c.issuer);
    }
}

impl Signer {
    /// Cut the names this signer's certificates give (`copies`).
    pub fn keep_copies(&mut self, copies: &mut Copies) {
        copies.keep_opt(&mut self.common_name);
        copies.keep_opt(&mut self.organization);
        copies.keep_opt(&mut self.issuer);
        keep_chain(&mut self.chain, copies);
    }
}

/// One action from an actions assertion.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Action {
    /// The action name, e.g. `c2pa.created`.
    pub action: String,
    /// The digital source type URI, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digital_source_type: Option<String>,
    /// The classified source type, when the URI is in the vocabulary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_type: Option<SourceTypeInfo>,
    /// The software agent's name, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub software_agent: Option<String>,
    /// When, if stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

impl Action {
    /// An action with its source type classified by [`classify_source_type`].
    pub fn new(
        action: String,
        digital_source_type: Option<String>,
        software_agent: Option<String>,
        when: Option<String>,
    ) -> Self {
        let source_type = digital_source_type
            .as_deref()
            .and_then(classify_source_type);
        Self {
            action,
            digital_source_type,
            source_type,
            software_agent,
            when,
        }
    }

    /// What the action's source type says about AI (the signals rubric, via
    /// [`SourceTypeInfo::ai`]).
    pub fn ai(&self) -> Option<AiKind> {
        self.source_type.as_ref().and_then(SourceTypeInfo::ai)
    }
}

/// An ingredient of a manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Ingredient {
    /// Its title (file name), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `parentOf`, `componentOf` or `inputTo`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
    /// The label of its own manifest in this store, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest: Option<String>,
    /// Its media type, if stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The digital source type URI the ingredient assertion states (C2PA 2.4), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digital_source_type: Option<String>,
    /// The classified source type, when the URI is in the vocabulary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_type: Option<SourceTypeInfo>,
}

/// A thumbnail image carried in a manifest.
///
/// Natively held as bytes, which the JSON report (the CLI's `--json`, the HTML export) writes as
/// base64 in `data_base64`. The browser build copies nothing: `at` says where the bytes are in
/// the manifest store, which the caller keeps in memory until the report leaves for JavaScript,
/// and `src/wasm/mod.rs` hands them over from there as a `Uint8Array` in `data` (so a check
/// neither holds a second copy of a megabyte thumbnail in wasm memory nor pays for base64 text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thumbnail {
    /// Its media type, e.g. `image/jpeg`.
    pub media_type: String,
    /// The image bytes (empty when `at` is set).
    pub data: Vec<u8>,
    /// The browser build: the address and length of the bytes in the manifest store.
    pub at: Option<(usize, usize)>,
}

impl Serialize for Thumbnail {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine;
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Thumbnail", 2)?;
        s.serialize_field("media_type", &self.media_type)?;
        s.serialize_field(
            "data_base64",
            &base64::engine::general_purpose::STANDARD.encode(&self.data),
        )?;
        s.end()
    }
}

/// A summary of one manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// The manifest label (`urn:c2pa:...`).
    pub label: String,
    /// 1 for `c2pa.claim`, 2 for `c2pa.claim.v2`.
    pub claim_version: u8,
    /// The "made with" name: `claim_generator_info.name` or the v1 `claim_generator`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_generator: Option<String>,
    /// `dc:title`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Who signed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
    /// Its actions.
    pub actions: Vec<Action>,
    /// Its ingredients.
    pub ingredients: Vec<Ingredient>,
    /// The `c2pa.ai-disclosure` assertion, as JSON, if present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_disclosure: Option<serde_json::Value>,
    /// What this manifest itself declares about AI (own actions only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai: Option<AiKind>,
    /// Its claim thumbnail, if any (and not named by an earlier manifest's claim, nor left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<Thumbnail>,
    /// The label of the earlier manifest whose `thumbnail` is the one this manifest's claim
    /// names too: the bytes are reported once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_same_as: Option<String>,
    /// The size of a claim thumbnail left out of the report: the summaries of one input hold
    /// 2 MiB of thumbnails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thumbnail_left_out: Option<u64>,
    /// Its CAWG identity assertions: who vouches for what, and whether that checks out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identities: Vec<Identity>,
}

/// How far a CAWG identity assertion checks out (CAWG identity 1.1 §8).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IdentityState {
    /// Well formed, its signature checks out, and its credential is trusted.
    Trusted,
    /// Well formed and its signature checks out, but its credential is not on a trust list in
    /// use: the name is what the signer says, unconfirmed.
    Valid,
    /// A check failed: the name must not be relied on.
    #[default]
    Invalid,
}

/// One CAWG identity assertion, summarised for a reader: the named actor and the assertions
/// the actor vouches for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// The assertion label (`cawg.identity`, `cawg.identity__1`, ...).
    pub label: String,
    /// The credential type, `signer_payload.sig_type` (`cawg.x509.cose`,
    /// `cawg.identity_claims_aggregation`).
    pub sig_type: String,
    /// How far it checks out.
    pub state: IdentityState,
    /// One plain sentence for a reader: who vouches, and how far that can be relied on.
    pub explanation: String,
    /// The failure codes that concern it (`cawg.*`), if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<String>,
    /// The named actor as a reader would say it: the organisation, else the common name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// X.509: the subject organisation of the identity certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// X.509: the subject common name of the identity certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_name: Option<String>,
    /// Who issued the credential: the certificate's issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// `signer_payload.role`, if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The labels of the assertions the actor vouches for.
    pub referenced_assertions: Vec<String>,
    /// X.509: the certificate chain, end entity first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chain: Vec<Certificate>,
    /// Identity claims aggregation: the identities the issuer verified (social media
    /// accounts, documents, affiliations, wallets), as the credential states them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verified_identities: Vec<VerifiedIdentity>,
    /// Identity claims aggregation: the credential's `validFrom` and `validUntil`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// See `valid_from`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
}

impl Identity {
    /// Cut what this identity copies from its assertion (`copies`): its certificate's names,
    /// its roles and references, and what a credential states about the identities it verified.
    pub fn keep_copies(&mut self, copies: &mut Copies) {
        copies.keep(&mut self.label);
        copies.keep(&mut self.sig_type);
        for s in [
            &mut self.name,
            &mut self.organization,
            &mut self.common_name,
            &mut self.issuer,
            &mut self.valid_from,
            &mut self.valid_until,
        ] {
            copies.keep_opt(s);
        }
        for s in self.roles.iter_mut().chain(&mut self.referenced_assertions) {
            copies.keep(s);
        }
        keep_chain(&mut self.chain, copies);
        for v in &mut self.verified_identities {
            copies.keep(&mut v.type_);
            for s in [&mut v.name, &mut v.username, &mut v.address, &mut v.uri] {
                copies.keep_opt(s);
            }
            copies.keep(&mut v.verified_at);
            copies.keep(&mut v.provider_name);
            copies.keep(&mut v.provider_id);
        }
    }

    /// The report's spelling of its state (`trusted`, `valid`, `invalid`).
    pub fn state_name(&self) -> &'static str {
        crate::names::variant_name(&self.state)
    }
}

/// One entry of an identity claims aggregation credential's `verifiedIdentities` (CAWG
/// identity 1.1 §8.1.2.5): what kind of identity, who it names, and who verified it when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VerifiedIdentity {
    /// `cawg.social_media`, `cawg.document_verification`, `cawg.affiliation`,
    /// `cawg.crypto_wallet`, `cawg.web_site`, ...
    #[serde(rename = "type")]
    pub type_: String,
    /// The person's or organisation's name, if stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The account name (social media, wallet), if stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// An address (a crypto wallet's), if stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The account's or site's URI, if stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// When the provider verified it, as stated (RFC 3339).
    pub verified_at: String,
    /// The provider's name.
    pub provider_name: String,
    /// The provider's id (a URI).
    pub provider_id: String,
}

/// The `c2pa` section of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct C2paReport {
    /// The overall state.
    pub state: C2paState,
    /// The label of the active manifest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_manifest: Option<String>,
    /// Every manifest in the store, active last as in the store.
    pub manifests: Vec<Manifest>,
    /// Validation statuses.
    pub validation: Validation,
    /// What the active manifest and its ingredients declare about AI (signals rubric).
    pub ai: Option<AiKind>,
    /// The AI tool named, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_tool: Option<String>,
    /// A remote manifest reference, reported and never fetched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_manifest: Option<String>,
    /// For an Invalid state: which kind of invalid it is (the most serious failure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid_reason: Option<InvalidReason>,
}

/// Why Content Credentials are invalid, most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InvalidReason {
    /// A hash or signature mismatch: the file or its credentials changed after signing.
    Altered,
    /// Expired, revoked or unacceptable credentials, or a time-stamp that cannot be trusted.
    Credential,
    /// Structure rules broken or parts unreadable.
    Malformed,
}

impl InvalidReason {
    /// The report's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            InvalidReason::Altered => "altered",
            InvalidReason::Credential => "credential",
            InvalidReason::Malformed => "malformed",
        }
    }
}
