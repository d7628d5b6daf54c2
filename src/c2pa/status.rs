//! C2PA validation status codes (C2PA 2.2 §15.2, Table "Validation status codes"), spelled exactly
//! as the spec spells them, with the list each belongs to and a plain sentence for a reader.

/// Which list of the validation results a code goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A check that passed.
    Success,
    /// A note that changes nothing.
    Informational,
    /// A check that failed.
    Failure,
}

/// `claimSignature.missing`.
pub const CLAIM_SIGNATURE_MISSING: &str = "claimSignature.missing";
/// `claim.missing`.
pub const CLAIM_MISSING: &str = "claim.missing";
/// `claim.multiple`.
pub const CLAIM_MULTIPLE: &str = "claim.multiple";
/// `claim.cbor.invalid`.
pub const CLAIM_CBOR_INVALID: &str = "claim.cbor.invalid";
/// `claim.hardBindings.missing`.
pub const CLAIM_HARD_BINDINGS_MISSING: &str = "claim.hardBindings.missing";
/// `assertion.hashedURI.match`.
pub const HASHED_URI_MATCH: &str = "assertion.hashedURI.match";
/// `assertion.hashedURI.mismatch`.
pub const HASHED_URI_MISMATCH: &str = "assertion.hashedURI.mismatch";
/// `assertion.missing`.
pub const ASSERTION_MISSING: &str = "assertion.missing";
/// `assertion.multipleHardBindings`.
pub const MULTIPLE_HARD_BINDINGS: &str = "assertion.multipleHardBindings";
/// `assertion.dataHash.match`.
pub const DATA_HASH_MATCH: &str = "assertion.dataHash.match";
/// `assertion.dataHash.mismatch`.
pub const DATA_HASH_MISMATCH: &str = "assertion.dataHash.mismatch";
/// `assertion.dataHash.malformed`.
pub const DATA_HASH_MALFORMED: &str = "assertion.dataHash.malformed";
/// `assertion.dataHash.additionalExclusionsPresent`.
pub const DATA_HASH_ADDITIONAL_EXCLUSIONS: &str = "assertion.dataHash.additionalExclusionsPresent";
/// `assertion.bmffHash.match`.
pub const BMFF_HASH_MATCH: &str = "assertion.bmffHash.match";
/// `assertion.bmffHash.mismatch`.
pub const BMFF_HASH_MISMATCH: &str = "assertion.bmffHash.mismatch";
/// `assertion.bmffHash.malformed`.
pub const BMFF_HASH_MALFORMED: &str = "assertion.bmffHash.malformed";
/// `assertion.boxesHash.match`.
pub const BOXES_HASH_MATCH: &str = "assertion.boxesHash.match";
/// `assertion.boxesHash.mismatch`.
pub const BOXES_HASH_MISMATCH: &str = "assertion.boxesHash.mismatch";
/// `assertion.boxesHash.malformed`.
pub const BOXES_HASH_MALFORMED: &str = "assertion.boxesHash.malformed";
/// `assertion.boxesHash.unknownBox`.
pub const BOXES_HASH_UNKNOWN_BOX: &str = "assertion.boxesHash.unknownBox";
/// `assertion.cbor.invalid`.
pub const ASSERTION_CBOR_INVALID: &str = "assertion.cbor.invalid";
/// `assertion.ingredient.malformed`.
pub const INGREDIENT_MALFORMED: &str = "assertion.ingredient.malformed";
/// `ingredient.manifest.missing`.
pub const INGREDIENT_MANIFEST_MISSING: &str = "ingredient.manifest.missing";
/// `ingredient.manifest.mismatch`.
pub const INGREDIENT_MANIFEST_MISMATCH: &str = "ingredient.manifest.mismatch";
/// `ingredient.manifest.validated`.
pub const INGREDIENT_MANIFEST_VALIDATED: &str = "ingredient.manifest.validated";
/// `ingredient.unknownProvenance`.
pub const INGREDIENT_UNKNOWN_PROVENANCE: &str = "ingredient.unknownProvenance";
/// `algorithm.unsupported`.
pub const ALGORITHM_UNSUPPORTED: &str = "algorithm.unsupported";
/// `manifest.compressed.invalid`.
pub const MANIFEST_COMPRESSED_INVALID: &str = "manifest.compressed.invalid";
/// `general.error`.
pub const GENERAL_ERROR: &str = "general.error";
/// `signingCredential.untrusted`.
pub const SIGNING_CREDENTIAL_UNTRUSTED: &str = "signingCredential.untrusted";
/// `signingCredential.trusted`.
pub const SIGNING_CREDENTIAL_TRUSTED: &str = "signingCredential.trusted";

// Structure rules (C2PA 2.2 §15.6, §15.9, §10.5), applied by `super::rules`.
/// `claim.malformed`.
pub const CLAIM_MALFORMED: &str = "claim.malformed";
/// `manifest.multipleParents`.
pub const MANIFEST_MULTIPLE_PARENTS: &str = "manifest.multipleParents";
/// `manifest.update.invalid`.
pub const MANIFEST_UPDATE_INVALID: &str = "manifest.update.invalid";
/// `manifest.update.wrongParents`.
pub const MANIFEST_UPDATE_WRONG_PARENTS: &str = "manifest.update.wrongParents";
/// `assertion.action.malformed`.
pub const ASSERTION_ACTION_MALFORMED: &str = "assertion.action.malformed";
/// `assertion.action.ingredientMismatch`.
pub const ASSERTION_ACTION_INGREDIENT_MISMATCH: &str = "assertion.action.ingredientMismatch";

/// The list a code belongs to. Codes ending in `.match`, `.validated`, `.trusted`,
/// `.insideValidity`, `.notRevoked` or `.accessible` are successes; a few notes are
/// informational (as c2pa-rs files them); everything else is a failure.
pub fn kind(code: &str) -> Kind {
    // The signature layer files its own codes (as c2pa-rs 0.91 does).
    if code.starts_with("claimSignature.")
        || code.starts_with("signingCredential.")
        || code.starts_with("timeStamp.")
    {
        return match super::signature::status_kind(code) {
            super::signature::StatusKind::Success => Kind::Success,
            super::signature::StatusKind::Informational => Kind::Informational,
            super::signature::StatusKind::Failure => Kind::Failure,
        };
    }
    const INFO: &[&str] = &[
        "signingCredential.ocsp.skipped",
        "signingCredential.ocsp.inaccessible",
        "assertion.dataHash.additionalExclusionsPresent",
        "assertion.bmffHash.additionalExclusionsPresent",
        "algorithm.deprecated",
        "ingredient.unknownProvenance",
        "ingredient.claimSignature.validated",
        "timeStamp.untrusted",
        "timeStamp.malformed",
        "timeStamp.outsideValidity",
        "manifest.unknownProvenance",
        "timeOfSigning.insideValidity",
    ];
    if INFO.contains(&code) {
        return Kind::Informational;
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

/// One plain sentence on what a code means for the reader.
pub fn explain(code: &str) -> &'static str {
    match code {
        "claimSignature.validated" => "The signature over the claim checks out.",
        "claimSignature.mismatch" => "The signature does not match the claim: the credentials were changed after signing.",
        "claimSignature.missing" => "The claim has no signature, so nobody vouches for it.",
        "claimSignature.insideValidity" => "The signing certificate was valid when the claim was signed.",
        "claimSignature.outsideValidity" => "The claim was signed outside the signing certificate's validity period.",
        "signingCredential.trusted" => "The signer's certificate chains to a trust anchor in use.",
        "signingCredential.untrusted" => "The signer's certificate is not on the trust lists in use: anyone can make a certificate with any name.",
        "signingCredential.invalid" => "The signer's certificate is not acceptable for signing Content Credentials.",
        "signingCredential.expired" => "The signer's certificate had expired, and no trusted timestamp shows it was signed in time.",
        "signingCredential.revoked" | "signingCredential.ocsp.revoked" => "The signer's certificate has been revoked.",
        "signingCredential.ocsp.skipped" => "Revocation was not checked online.",
        "signingCredential.ocsp.notRevoked" => "A stapled revocation response says the certificate was not revoked.",
        "signingCredential.ocsp.inaccessible" => "The revocation status could not be obtained.",
        "signingCredential.ocsp.unknown" => "The revocation responder did not know this certificate.",
        "timeStamp.trusted" => "A trusted timestamp authority vouches for the signing time.",
        "timeStamp.validated" => "The timestamp checks out.",
        "timeStamp.untrusted" => "The timestamp comes from an authority not on the trust lists in use.",
        "timeStamp.mismatch" => "The timestamp does not match the signature.",
        "timeStamp.malformed" => "The timestamp could not be read.",
        "timeStamp.outsideValidity" => "The timestamp authority's certificate was not valid at the time.",
        "assertion.hashedURI.match" => "This assertion is exactly as signed.",
        "assertion.hashedURI.mismatch" => "This assertion was changed after signing.",
        "assertion.missing" => "The claim lists an assertion that is not in the manifest.",
        "assertion.multipleHardBindings" => "The manifest has more than one hard binding to the file.",
        "assertion.dataHash.match" => "The file's bytes are exactly as signed.",
        "assertion.dataHash.mismatch" => "The file was changed after signing: its hash does not match.",
        "assertion.dataHash.malformed" => "The file-hash assertion could not be read.",
        "assertion.dataHash.additionalExclusionsPresent" => "The file hash leaves out more than the manifest itself (e.g. metadata), which may change freely.",
        "assertion.bmffHash.match" => "The video or image file is exactly as signed.",
        "assertion.bmffHash.mismatch" => "The video or image file was changed after signing: its hash does not match.",
        "assertion.bmffHash.malformed" => "The BMFF hash assertion could not be read.",
        "assertion.boxesHash.match" => "Every part of the file is exactly as signed.",
        "assertion.boxesHash.mismatch" => "A part of the file was changed after signing.",
        "assertion.boxesHash.malformed" => "The box-hash assertion could not be read.",
        "assertion.boxesHash.unknownBox" => "The file has a part the box hash does not list.",
        "assertion.cbor.invalid" => "An assertion could not be decoded.",
        "assertion.ingredient.malformed" => "An ingredient assertion could not be read.",
        "claim.missing" => "The manifest has no claim.",
        "claim.multiple" => "The manifest has more than one claim.",
        "claim.cbor.invalid" => "The claim could not be decoded.",
        "claim.malformed" => "The claim is malformed.",
        "claim.hardBindings.missing" => "The manifest does not bind itself to the file's bytes.",
        "ingredient.manifest.validated" => "The ingredient's manifest is exactly as it was when it was used.",
        "ingredient.manifest.mismatch" => "The ingredient's manifest was changed after it was used.",
        "ingredient.manifest.missing" => "An ingredient's manifest is referenced but missing from the file.",
        "ingredient.unknownProvenance" => "An ingredient has no Content Credentials of its own.",
        "algorithm.unsupported" => "A hash or signature algorithm is not one C2PA allows.",
        "algorithm.deprecated" => "A deprecated algorithm was used.",
        "manifest.compressed.invalid" => "A compressed manifest could not be read.",
        "manifest.inaccessible" => "The manifest could not be obtained.",
        "manifest.text.corruptedWrapper" => "The text carries a C2PA wrapper that is damaged or incomplete.",
        "manifest.text.multipleWrappers" => "The text carries more than one C2PA wrapper.",
        "manifest.structuredText.noManifest" => "The structured-text block holds no manifest.",
        "manifest.structuredText.emptyReference" => "The structured-text block's manifest reference is empty.",
        "manifest.structuredText.multipleReferences" => "The text has more than one structured-text manifest block.",
        "manifest.multipleParents" => "The manifest names more than one parent ingredient.",
        "manifest.update.invalid" => "The update manifest holds something an update manifest may not hold.",
        "manifest.update.wrongParents" => "The update manifest does not name exactly one parent ingredient.",
        "assertion.action.malformed" => "The recorded actions break the rules for actions (e.g. the history does not start with c2pa.created or c2pa.opened).",
        "assertion.action.ingredientMismatch" => "An action does not name the ingredient it needs.",
        "general.error" => "The credentials could not be fully checked.",
        _ => "A C2PA validation result; see the C2PA specification for this code.",
    }
}
