//! OCSP for the claim signer (C2PA §14.5.2, RFC 6960): responses stapled in the COSE
//! unprotected header (`rVals.ocspVals`) are reported, never fetched. Without a staple,
//! c2pa-rs (with fetching off) notes `signingCredential.ocsp.skipped`; so do we.

/// The informational status for the stapled responses `ocsp_vals`, with a detail.
pub fn report(ocsp_vals: &[Vec<u8>]) -> Option<(&'static str, Option<String>)> {
    if ocsp_vals.is_empty() {
        return Some((
            "signingCredential.ocsp.skipped",
            Some("no OCSP response is stapled and OCSP is never fetched".into()),
        ));
    }
    // A stapled response is noted only: its signature and responder are not checked, so it
    // yields no notRevoked/revoked finding (c2pa-rs likewise reports nothing for a response
    // it cannot use).
    None
}
