//! C2PA validation status codes (C2PA 2.2 §15.2, Table "Validation status codes"; the text codes
//! of C2PA 2.4 A.8 and A.9): one table with, for every code we emit or explain, its spelling
//! exactly as the spec spells it, the list of the validation results it goes into, and a plain
//! sentence for a reader. Every module that reports a status names it through the constants
//! below, never through a string literal.
//!
//! The lists follow the reference implementation (c2pa-rs 0.91): `timeStamp.untrusted`,
//! `timeStamp.mismatch`, `timeStamp.malformed` and `timeStamp.outsideValidity` are
//! informational, as are `signingCredential.ocsp.skipped` and the `additionalExclusionsPresent`
//! notes.
//!
//! The `cawg.*` codes are the CAWG identity assertion's (CAWG identity 1.1 §8; the X.509 codes
//! as c2pa-rs 0.91 spells them after remapping the shared COSE checks, `x509_status_remap.rs`).

/// Which list of the validation results a code goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A check that passed (`validation.success`).
    Success,
    /// A note that changes nothing (`validation.informational`).
    Informational,
    /// A check that failed (`validation.failure`).
    Failure,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code as the spec spells it.
    pub code: &'static str,
    /// The list it goes into.
    pub kind: Kind,
    /// One plain sentence on what it means for the reader.
    pub explanation: &'static str,
}

/// Defines one constant per code and [`TABLE`], from a single list.
macro_rules! codes {
    ($($name:ident = $code:literal, $kind:ident, $text:literal;)*) => {
        $(
            #[doc = concat!("`", $code, "`.")]
            pub const $name: &str = $code;
        )*
        /// Every code, grouped by the spec's prefixes.
        pub const TABLE: &[Code] = &[
            $(Code { code: $code, kind: Kind::$kind, explanation: $text },)*
        ];
    };
}

codes! {
    CLAIM_SIGNATURE_INSIDE_VALIDITY = "claimSignature.insideValidity", Success,
        "The signing certificate was valid when the claim was signed.";
    CLAIM_SIGNATURE_MISMATCH = "claimSignature.mismatch", Failure,
        "The signature does not match the claim: the credentials were changed after signing.";
    CLAIM_SIGNATURE_MISSING = "claimSignature.missing", Failure,
        "The claim has no signature, so nobody vouches for it.";
    CLAIM_SIGNATURE_OUTSIDE_VALIDITY = "claimSignature.outsideValidity", Failure,
        "The claim was signed outside the signing certificate's validity period.";
    CLAIM_SIGNATURE_VALIDATED = "claimSignature.validated", Success,
        "The signature over the claim checks out.";
    SIGNING_CREDENTIAL_EXPIRED = "signingCredential.expired", Failure,
        "The signer's certificate had expired, and no trusted timestamp shows it was signed in time.";
    SIGNING_CREDENTIAL_INVALID = "signingCredential.invalid", Failure,
        "The signer's certificate is not acceptable for signing Content Credentials.";
    SIGNING_CREDENTIAL_OCSP_INACCESSIBLE = "signingCredential.ocsp.inaccessible", Informational,
        "The revocation status could not be obtained.";
    SIGNING_CREDENTIAL_OCSP_NOT_REVOKED = "signingCredential.ocsp.notRevoked", Success,
        "A stapled revocation response says the certificate was not revoked.";
    SIGNING_CREDENTIAL_OCSP_REVOKED = "signingCredential.ocsp.revoked", Failure,
        "The signer's certificate has been revoked.";
    SIGNING_CREDENTIAL_OCSP_SKIPPED = "signingCredential.ocsp.skipped", Informational,
        "Revocation was not checked: OCSP responses are never fetched, and a stapled response is not evaluated.";
    SIGNING_CREDENTIAL_OCSP_UNKNOWN = "signingCredential.ocsp.unknown", Failure,
        "The revocation responder did not know this certificate.";
    SIGNING_CREDENTIAL_TRUSTED = "signingCredential.trusted", Success,
        "The signer's certificate chains to a trust anchor in use.";
    SIGNING_CREDENTIAL_UNTRUSTED = "signingCredential.untrusted", Failure,
        "The signer's certificate is not on the trust lists in use: anyone can make a certificate with any name.";
    TIME_STAMP_MALFORMED = "timeStamp.malformed", Informational,
        "The timestamp could not be read.";
    TIME_STAMP_MISMATCH = "timeStamp.mismatch", Informational,
        "The timestamp does not match the signature.";
    TIME_STAMP_OUTSIDE_VALIDITY = "timeStamp.outsideValidity", Informational,
        "The timestamp authority's certificate was not valid at the time.";
    TIME_STAMP_TRUSTED = "timeStamp.trusted", Success,
        "A trusted timestamp authority vouches for the signing time.";
    TIME_STAMP_UNTRUSTED = "timeStamp.untrusted", Informational,
        "The timestamp comes from an authority not on the trust lists in use.";
    TIME_STAMP_VALIDATED = "timeStamp.validated", Success,
        "The timestamp checks out.";
    CLAIM_CBOR_INVALID = "claim.cbor.invalid", Failure,
        "The claim could not be decoded.";
    CLAIM_HARD_BINDINGS_MISSING = "claim.hardBindings.missing", Failure,
        "The manifest does not bind itself to the file's bytes.";
    CLAIM_MALFORMED = "claim.malformed", Failure,
        "The claim is malformed.";
    CLAIM_MISSING = "claim.missing", Failure,
        "The manifest has no claim.";
    CLAIM_MULTIPLE = "claim.multiple", Failure,
        "The manifest has more than one claim.";
    BMFF_HASH_ADDITIONAL_EXCLUSIONS = "assertion.bmffHash.additionalExclusionsPresent", Informational,
        "The BMFF hash leaves out more boxes than the manifest itself, and those may change freely.";
    BMFF_HASH_MALFORMED = "assertion.bmffHash.malformed", Failure,
        "The BMFF hash assertion could not be read.";
    BMFF_HASH_MATCH = "assertion.bmffHash.match", Success,
        "The video or image file is exactly as signed.";
    BMFF_HASH_MISMATCH = "assertion.bmffHash.mismatch", Failure,
        "The video or image file was changed after signing: its hash does not match.";
    BOXES_HASH_MALFORMED = "assertion.boxesHash.malformed", Failure,
        "The box-hash assertion could not be read.";
    BOXES_HASH_MATCH = "assertion.boxesHash.match", Success,
        "Every part of the file is exactly as signed.";
    BOXES_HASH_MISMATCH = "assertion.boxesHash.mismatch", Failure,
        "A part of the file was changed after signing.";
    BOXES_HASH_UNKNOWN_BOX = "assertion.boxesHash.unknownBox", Failure,
        "The file has a part the box hash does not list.";
    ASSERTION_CBOR_INVALID = "assertion.cbor.invalid", Failure,
        "An assertion could not be decoded.";
    DATA_HASH_ADDITIONAL_EXCLUSIONS = "assertion.dataHash.additionalExclusionsPresent", Informational,
        "The file hash leaves out more than the manifest itself (e.g. metadata), which may change freely.";
    DATA_HASH_MALFORMED = "assertion.dataHash.malformed", Failure,
        "The file-hash assertion could not be read.";
    DATA_HASH_MATCH = "assertion.dataHash.match", Success,
        "The file's bytes are exactly as signed.";
    DATA_HASH_MISMATCH = "assertion.dataHash.mismatch", Failure,
        "The file was changed after signing: its hash does not match.";
    HASHED_URI_MATCH = "assertion.hashedURI.match", Success,
        "This assertion is exactly as signed.";
    HASHED_URI_MISMATCH = "assertion.hashedURI.mismatch", Failure,
        "This assertion was changed after signing.";
    INGREDIENT_MALFORMED = "assertion.ingredient.malformed", Failure,
        "An ingredient assertion could not be read.";
    ASSERTION_MISSING = "assertion.missing", Failure,
        "The claim lists an assertion that is not in the manifest.";
    MULTIPLE_HARD_BINDINGS = "assertion.multipleHardBindings", Failure,
        "The manifest has more than one hard binding to the file.";
    INGREDIENT_MANIFEST_MISMATCH = "ingredient.manifest.mismatch", Failure,
        "The ingredient's manifest was changed after it was used.";
    INGREDIENT_MANIFEST_MISSING = "ingredient.manifest.missing", Failure,
        "An ingredient's manifest is referenced but missing from the file.";
    INGREDIENT_MANIFEST_VALIDATED = "ingredient.manifest.validated", Success,
        "The ingredient's manifest is exactly as it was when it was used.";
    INGREDIENT_UNKNOWN_PROVENANCE = "ingredient.unknownProvenance", Informational,
        "An ingredient has no Content Credentials of its own.";
    MANIFEST_COMPRESSED_INVALID = "manifest.compressed.invalid", Failure,
        "A compressed manifest could not be read.";
    MANIFEST_INACCESSIBLE = "manifest.inaccessible", Failure,
        "The manifest could not be obtained.";
    MANIFEST_STRUCTURED_TEXT_EMPTY_REFERENCE = "manifest.structuredText.emptyReference", Failure,
        "The structured-text block's manifest reference is empty.";
    MANIFEST_STRUCTURED_TEXT_MULTIPLE_REFERENCES = "manifest.structuredText.multipleReferences", Failure,
        "The text has more than one structured-text manifest block.";
    MANIFEST_STRUCTURED_TEXT_NO_MANIFEST = "manifest.structuredText.noManifest", Failure,
        "The structured-text block holds no manifest.";
    MANIFEST_TEXT_CORRUPTED_WRAPPER = "manifest.text.corruptedWrapper", Failure,
        "The text carries a C2PA wrapper that is damaged or incomplete.";
    MANIFEST_TEXT_MULTIPLE_WRAPPERS = "manifest.text.multipleWrappers", Failure,
        "The text carries more than one C2PA wrapper.";
    MANIFEST_MULTIPLE_PARENTS = "manifest.multipleParents", Failure,
        "The manifest names more than one parent ingredient.";
    MANIFEST_UPDATE_INVALID = "manifest.update.invalid", Failure,
        "The update manifest holds something an update manifest may not hold.";
    MANIFEST_UPDATE_WRONG_PARENTS = "manifest.update.wrongParents", Failure,
        "The update manifest does not name exactly one parent ingredient.";
    ASSERTION_ACTION_MALFORMED = "assertion.action.malformed", Failure,
        "The recorded actions break the rules for actions (e.g. the history does not start with c2pa.created or c2pa.opened).";
    ASSERTION_ACTION_INGREDIENT_MISMATCH = "assertion.action.ingredientMismatch", Failure,
        "An action does not name the ingredient it needs.";
    ALGORITHM_DEPRECATED = "algorithm.deprecated", Informational,
        "A deprecated algorithm was used.";
    ALGORITHM_UNSUPPORTED = "algorithm.unsupported", Failure,
        "A hash or signature algorithm is not one C2PA allows.";
    GENERAL_ERROR = "general.error", Failure,
        "The credentials could not be fully checked.";
    ASSERTION_REQUIRED_MISSING = "assertion.required.missing", Failure,
        "An assertion lacks a field it must have, so the manifest could not be read in full.";
    CAWG_IDENTITY_WELL_FORMED = "cawg.identity.well-formed", Success,
        "The identity assertion is well formed and its signature checks out.";
    CAWG_IDENTITY_PAD_INVALID = "cawg.identity.pad.invalid", Failure,
        "The identity assertion's padding holds something other than zeros.";
    CAWG_IDENTITY_ASSERTION_MISMATCH = "cawg.identity.assertion.mismatch", Failure,
        "The identity assertion vouches for an assertion the claim does not list.";
    CAWG_IDENTITY_ASSERTION_DUPLICATE = "cawg.identity.assertion.duplicate", Failure,
        "The identity assertion names the same assertion twice.";
    CAWG_IDENTITY_HARD_BINDING_MISSING = "cawg.identity.hard_binding_missing", Failure,
        "The identity assertion does not cover the manifest's hard binding, so it is not tied to this file.";
    CAWG_IDENTITY_SIG_TYPE_UNKNOWN = "cawg.identity.sig_type.unknown", Failure,
        "The identity assertion uses a kind of credential no validator knows.";
    CAWG_ICA_CREDENTIAL_VALID = "cawg.ica.credential_valid", Success,
        "The identity credential checks out and its issuer is trusted.";
    CAWG_ICA_UNTRUSTED_ISSUER = "cawg.ica.untrusted_issuer", Informational,
        "The identity credential's issuer is not on a list of trusted issuers: the identities it lists are unconfirmed.";
    CAWG_ICA_INVALID_COSE_SIGN1 = "cawg.ica.invalid_cose_sign1", Failure,
        "The identity credential's signature could not be read.";
    CAWG_ICA_INVALID_ALG = "cawg.ica.invalid_alg", Failure,
        "The identity credential is signed with an algorithm that is not supported.";
    CAWG_ICA_INVALID_CONTENT_TYPE = "cawg.ica.invalid_content_type", Failure,
        "The identity credential's signature does not say it holds a verifiable credential.";
    CAWG_ICA_INVALID_VERIFIABLE_CREDENTIAL = "cawg.ica.invalid_verifiable_credential", Failure,
        "The identity credential is missing or is not a valid verifiable credential.";
    CAWG_ICA_INVALID_ISSUER = "cawg.ica.invalid_issuer", Failure,
        "The identity credential's issuer is not a supported DID.";
    CAWG_ICA_DID_UNAVAILABLE = "cawg.ica.did_unavailable", Failure,
        "The identity credential's issuer could not be looked up (did:web needs the network, which this checker never uses).";
    CAWG_ICA_INVALID_DID_DOCUMENT = "cawg.ica.invalid_did_document", Failure,
        "The identity credential's issuer key could not be read.";
    CAWG_ICA_SIGNATURE_MISMATCH = "cawg.ica.signature_mismatch", Failure,
        "The identity credential's signature does not match it.";
    CAWG_ICA_TIME_STAMP_VALIDATED = "cawg.ica.time_stamp.validated", Success,
        "The identity credential's time-stamp checks out.";
    CAWG_ICA_TIME_STAMP_INVALID = "cawg.ica.time_stamp.invalid", Failure,
        "The identity credential's time-stamp does not check out.";
    CAWG_ICA_VALID_FROM_MISSING = "cawg.ica.valid_from.missing", Failure,
        "The identity credential does not say from when it is valid.";
    CAWG_ICA_VALID_FROM_INVALID = "cawg.ica.valid_from.invalid", Failure,
        "The identity credential was not yet valid.";
    CAWG_ICA_VALID_UNTIL_INVALID = "cawg.ica.valid_until.invalid", Failure,
        "The identity credential had expired.";
    CAWG_ICA_SIGNER_PAYLOAD_MISMATCH = "cawg.ica.signer_payload.mismatch", Failure,
        "The identity credential vouches for other assertions than the identity assertion names.";
    CAWG_X509_ALGORITHM_UNSUPPORTED = "cawg.x509.algorithm.unsupported", Failure,
        "The identity signature uses an algorithm that is not allowed.";
    CAWG_X509_CREDENTIAL_INVALID = "cawg.x509.credential.invalid", Failure,
        "The identity signer's certificate is not acceptable for signing.";
    CAWG_X509_CREDENTIAL_TRUSTED = "cawg.x509.credential.trusted", Success,
        "The identity signer's certificate chains to a CAWG trust anchor in use.";
    CAWG_X509_CREDENTIAL_UNTRUSTED = "cawg.x509.credential.untrusted", Failure,
        "The identity signer's certificate is not on the CAWG trust list in use: the name is unconfirmed.";
    CAWG_X509_SIGNATURE_MISMATCH = "cawg.x509.signature.mismatch", Failure,
        "The identity signature does not match what it signs.";
    CAWG_X509_SIGNATURE_OUTSIDE_VALIDITY = "cawg.x509.signature.outside_validity", Failure,
        "The identity signer's certificate was not valid at the time it was checked.";
    CAWG_X509_SIGNATURE_VALIDATED = "cawg.x509.signature.validated", Success,
        "The identity signature checks out.";
}

/// The table row of `code`, if the table has it.
pub fn lookup(code: &str) -> Option<&'static Code> {
    TABLE.iter().find(|c| c.code == code)
}

/// The list `code` goes into. A code outside the table (one recorded in an ingredient by
/// another validator, say) is filed by its last part, as the spec's names read: `.match`,
/// `.validated`, `.trusted`, `.insideValidity`, `.notRevoked` and `.accessible` are
/// successes, everything else a failure.
pub fn kind(code: &str) -> Kind {
    if let Some(c) = lookup(code) {
        return c.kind;
    }
    let success = [
        ".match",
        ".validated",
        ".trusted",
        ".insideValidity",
        ".notRevoked",
        ".accessible",
    ];
    if success.iter().any(|s| code.ends_with(s)) {
        Kind::Success
    } else {
        Kind::Failure
    }
}

/// One plain sentence on what `code` means for the reader.
pub fn explain(code: &str) -> &'static str {
    lookup(code).map_or(
        "A C2PA validation result; see the C2PA specification for this code.",
        |c| c.explanation,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_once_and_spelled_as_a_dotted_name() {
        for (i, c) in TABLE.iter().enumerate() {
            assert!(
                TABLE.get(..i).unwrap().iter().all(|d| d.code != c.code),
                "{} twice",
                c.code
            );
            assert!(c.code.split('.').count() >= 2, "{}", c.code);
            assert!(
                c.code.chars().all(|ch| ch.is_ascii_alphanumeric()
                    || ch == '.'
                    // CAWG identity codes (CAWG identity 1.1 §8) use `_` and `-`.
                    || (c.code.starts_with("cawg.") && (ch == '_' || ch == '-'))),
                "{}",
                c.code
            );
            assert!(!c.explanation.is_empty(), "{}", c.code);
        }
    }

    #[test]
    fn lists_follow_the_reference() {
        assert_eq!(kind(CLAIM_SIGNATURE_VALIDATED), Kind::Success);
        assert_eq!(kind(TIME_STAMP_MISMATCH), Kind::Informational);
        assert_eq!(kind(SIGNING_CREDENTIAL_OCSP_SKIPPED), Kind::Informational);
        assert_eq!(kind(SIGNING_CREDENTIAL_UNTRUSTED), Kind::Failure);
        assert_eq!(kind(DATA_HASH_ADDITIONAL_EXCLUSIONS), Kind::Informational);
        // Outside the table: by the last part of the name.
        assert_eq!(kind("assertion.collectionHash.match"), Kind::Success);
        assert_eq!(kind("assertion.collectionHash.mismatch"), Kind::Failure);
    }
}
