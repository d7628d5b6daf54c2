//! OBJECT IDENTIFIERs (X.690 §8.19) as their content octets: the validity rules const-oid 0.9
//! applied when the `der` crate decoded one, the dotted form for names and trust configs, and
//! the identifiers the verifier compares against (each checked against its dotted form by a
//! test).

/// The most content octets an identifier may have (const-oid's `MAX_SIZE`).
pub const MAX_LEN: usize = 39;

/// True if `bytes` is an identifier const-oid 0.9 decoded: 3 to 39 octets, a first octet
/// below 120 (it encodes the first two arcs, X.690 §8.19.4), and every later arc at most five
/// base-128 octets that fit in 32 bits, the last one complete.
pub fn valid(bytes: &[u8]) -> bool {
    let Some((&first, rest)) = bytes.split_first() else {
        return false;
    };
    if !(3..=MAX_LEN).contains(&bytes.len()) || first >= 120 {
        return false;
    }
    let mut arc_len = 0usize;
    for &b in rest {
        arc_len = arc_len.saturating_add(1);
        // const-oid: a fifth octet may carry only the low 4 bits of a `u32` arc.
        if arc_len > 4 && b & 0xf0 != 0 {
            return false;
        }
        if b & 0x80 == 0 {
            arc_len = 0;
        }
    }
    arc_len == 0
}

/// The arcs of a valid identifier.
fn arcs(bytes: &[u8]) -> Vec<u64> {
    let mut out = Vec::new();
    let Some((&first, rest)) = bytes.split_first() else {
        return out;
    };
    out.push(u64::from(first / 40));
    out.push(u64::from(first % 40));
    let mut arc = 0u64;
    for &b in rest {
        arc = arc.saturating_mul(128).saturating_add(u64::from(b & 0x7f));
        if b & 0x80 == 0 {
            out.push(arc);
            arc = 0;
        }
    }
    out
}

/// The dotted form (`2.5.4.3`) of identifier content octets.
pub fn to_dotted(bytes: &[u8]) -> String {
    let parts: Vec<String> = arcs(bytes).iter().map(u64::to_string).collect();
    parts.join(".")
}

/// The content octets of a dotted identifier, with const-oid's rules: digits and single dots,
/// at least three arcs, the first at most 2 and the second at most 39, every arc a `u32`, the
/// encoding at most [`MAX_LEN`] octets.
pub fn from_dotted(s: &str) -> Option<Vec<u8>> {
    let arcs: Vec<u32> = s
        .split('.')
        .map(|a| {
            (!a.is_empty() && a.bytes().all(|c| c.is_ascii_digit()))
                .then(|| a.parse::<u32>().ok())
                .flatten()
        })
        .collect::<Option<_>>()?;
    let (&a, rest) = arcs.split_first()?;
    let (&b, rest) = rest.split_first()?;
    if a > 2 || b > 39 || rest.is_empty() {
        return None;
    }
    let mut out = vec![u8::try_from(a.checked_mul(40)?.checked_add(b)?).ok()?];
    for &arc in rest {
        let mut groups = Vec::new();
        let mut v = arc;
        loop {
            groups.push(u8::try_from(v & 0x7f).ok()?);
            v >>= 7;
            if v == 0 {
                break;
            }
        }
        let last = groups.len().saturating_sub(1);
        for (i, g) in groups.iter().rev().enumerate() {
            out.push(if i < last { g | 0x80 } else { *g });
        }
    }
    (out.len() <= MAX_LEN).then_some(out)
}

/// rsaEncryption, 1.2.840.113549.1.1.1.
pub const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
/// id-RSASSA-PSS, 1.2.840.113549.1.1.10.
pub const RSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
/// sha256WithRSAEncryption, 1.2.840.113549.1.1.11.
pub const SHA256_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
/// sha384WithRSAEncryption, 1.2.840.113549.1.1.12.
pub const SHA384_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c];
/// sha512WithRSAEncryption, 1.2.840.113549.1.1.13.
pub const SHA512_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d];
/// id-ecPublicKey, 1.2.840.10045.2.1.
pub const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/// ecdsa-with-SHA256, 1.2.840.10045.4.3.2.
pub const ECDSA_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
/// ecdsa-with-SHA384, 1.2.840.10045.4.3.3.
pub const ECDSA_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03];
/// ecdsa-with-SHA512, 1.2.840.10045.4.3.4.
pub const ECDSA_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04];
/// id-Ed25519, 1.3.101.112.
pub const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
/// prime256v1 (P-256), 1.2.840.10045.3.1.7.
pub const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
/// secp384r1, 1.3.132.0.34.
pub const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
/// secp521r1, 1.3.132.0.35.
pub const P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
/// id-sha256, 2.16.840.1.101.3.4.2.1.
pub const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
/// id-sha384, 2.16.840.1.101.3.4.2.2.
pub const SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
/// id-sha512, 2.16.840.1.101.3.4.2.3.
pub const SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];
/// commonName, 2.5.4.3.
pub const CN: &[u8] = &[0x55, 0x04, 0x03];
/// organizationName, 2.5.4.10.
pub const O: &[u8] = &[0x55, 0x04, 0x0a];
/// id-ce-subjectKeyIdentifier, 2.5.29.14.
pub const SUBJECT_KEY_IDENTIFIER: &[u8] = &[0x55, 0x1d, 0x0e];
/// id-ce-keyUsage, 2.5.29.15.
pub const KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];
/// id-ce-subjectAltName, 2.5.29.17.
pub const SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];
/// id-ce-basicConstraints, 2.5.29.19.
pub const BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
/// id-ce-nameConstraints, 2.5.29.30.
pub const NAME_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x1e];
/// id-ce-cRLDistributionPoints, 2.5.29.31.
pub const CRL_DISTRIBUTION_POINTS: &[u8] = &[0x55, 0x1d, 0x1f];
/// id-ce-certificatePolicies, 2.5.29.32.
pub const CERTIFICATE_POLICIES: &[u8] = &[0x55, 0x1d, 0x20];
/// id-ce-policyMappings, 2.5.29.33.
pub const POLICY_MAPPINGS: &[u8] = &[0x55, 0x1d, 0x21];
/// id-ce-authorityKeyIdentifier, 2.5.29.35.
pub const AUTHORITY_KEY_IDENTIFIER: &[u8] = &[0x55, 0x1d, 0x23];
/// id-ce-policyConstraints, 2.5.29.36.
pub const POLICY_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x24];
/// id-ce-extKeyUsage, 2.5.29.37.
pub const EXT_KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x25];
/// id-ce-inhibitAnyPolicy, 2.5.29.54.
pub const INHIBIT_ANY_POLICY: &[u8] = &[0x55, 0x1d, 0x36];
/// anyExtendedKeyUsage, 2.5.29.37.0.
pub const ANY_EKU: &[u8] = &[0x55, 0x1d, 0x25, 0x00];
/// id-kp-emailProtection, 1.3.6.1.5.5.7.3.4.
pub const EKU_EMAIL_PROTECTION: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04];
/// id-kp-documentSigning, 1.3.6.1.5.5.7.3.36.
pub const EKU_DOCUMENT_SIGNING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x24];
/// Microsoft's C2PA signing EKU, 1.3.6.1.4.1.311.76.59.1.9.
pub const EKU_MICROSOFT_C2PA_SIGNING: &[u8] = &[
    0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x4c, 0x3b, 0x01, 0x09,
];
/// c2pa-kp-claimSigning, 1.3.6.1.4.1.62558.2.1.
pub const EKU_C2PA_CLAIM_SIGNING: &[u8] =
    &[0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xe8, 0x5e, 0x02, 0x01];
/// id-kp-timeStamping, 1.3.6.1.5.5.7.3.8.
pub const EKU_TIME_STAMPING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08];
/// id-kp-OCSPSigning, 1.3.6.1.5.5.7.3.9.
pub const EKU_OCSP_SIGNING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09];
/// id-signedData, 1.2.840.113549.1.7.2.
pub const SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
/// id-ct-TSTInfo, 1.2.840.113549.1.9.16.1.4.
pub const CT_TSTINFO: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x04,
];
/// id-messageDigest, 1.2.840.113549.1.9.4.
pub const MESSAGE_DIGEST: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04];

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn constants_are_their_dotted_forms() {
        let all: &[(&[u8], &str)] = &[
            (RSA, "1.2.840.113549.1.1.1"),
            (RSA_PSS, "1.2.840.113549.1.1.10"),
            (SHA256_RSA, "1.2.840.113549.1.1.11"),
            (SHA384_RSA, "1.2.840.113549.1.1.12"),
            (SHA512_RSA, "1.2.840.113549.1.1.13"),
            (EC_PUBLIC_KEY, "1.2.840.10045.2.1"),
            (ECDSA_SHA256, "1.2.840.10045.4.3.2"),
            (ECDSA_SHA384, "1.2.840.10045.4.3.3"),
            (ECDSA_SHA512, "1.2.840.10045.4.3.4"),
            (ED25519, "1.3.101.112"),
            (P256, "1.2.840.10045.3.1.7"),
            (P384, "1.3.132.0.34"),
            (P521, "1.3.132.0.35"),
            (SHA256, "2.16.840.1.101.3.4.2.1"),
            (SHA384, "2.16.840.1.101.3.4.2.2"),
            (SHA512, "2.16.840.1.101.3.4.2.3"),
            (CN, "2.5.4.3"),
            (O, "2.5.4.10"),
            (SUBJECT_KEY_IDENTIFIER, "2.5.29.14"),
            (KEY_USAGE, "2.5.29.15"),
            (SUBJECT_ALT_NAME, "2.5.29.17"),
            (BASIC_CONSTRAINTS, "2.5.29.19"),
            (NAME_CONSTRAINTS, "2.5.29.30"),
            (CRL_DISTRIBUTION_POINTS, "2.5.29.31"),
            (CERTIFICATE_POLICIES, "2.5.29.32"),
            (POLICY_MAPPINGS, "2.5.29.33"),
            (AUTHORITY_KEY_IDENTIFIER, "2.5.29.35"),
            (POLICY_CONSTRAINTS, "2.5.29.36"),
            (EXT_KEY_USAGE, "2.5.29.37"),
            (INHIBIT_ANY_POLICY, "2.5.29.54"),
            (ANY_EKU, "2.5.29.37.0"),
            (EKU_EMAIL_PROTECTION, "1.3.6.1.5.5.7.3.4"),
            (EKU_DOCUMENT_SIGNING, "1.3.6.1.5.5.7.3.36"),
            (EKU_MICROSOFT_C2PA_SIGNING, "1.3.6.1.4.1.311.76.59.1.9"),
            (EKU_C2PA_CLAIM_SIGNING, "1.3.6.1.4.1.62558.2.1"),
            (EKU_TIME_STAMPING, "1.3.6.1.5.5.7.3.8"),
            (EKU_OCSP_SIGNING, "1.3.6.1.5.5.7.3.9"),
            (SIGNED_DATA, "1.2.840.113549.1.7.2"),
            (CT_TSTINFO, "1.2.840.113549.1.9.16.1.4"),
            (MESSAGE_DIGEST, "1.2.840.113549.1.9.4"),
        ];
        for (bytes, dotted) in all {
            assert_eq!(from_dotted(dotted).as_deref(), Some(*bytes), "{dotted}");
            assert_eq!(to_dotted(bytes), *dotted);
            assert!(valid(bytes), "{dotted}");
        }
    }

    #[test]
    fn x690_example() {
        // X.690 §8.19.5's example: { 2 999 3 } is 0x88 0x37 0x03; const-oid 0.9 refused a
        // second arc above 39 and a first octet of 120 or more.
        assert_eq!(from_dotted("2.999.3"), None);
        assert!(!valid(&[0x88, 0x37, 0x03]));
        // 1.2.840.113549: 840 = 6·128 + 72, 113549 = 6·128² + 119·128 + 13.
        assert_eq!(
            from_dotted("1.2.840.113549").unwrap(),
            [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d]
        );
    }

    #[test]
    fn refuses_what_const_oid_refused() {
        // Too short, too long, unterminated last arc, an arc beyond 32 bits.
        assert!(!valid(&[]));
        assert!(!valid(&[0x55, 0x04]));
        assert!(!valid(&[0x2a; 40]));
        assert!(valid(&[0x2a; 39]));
        assert!(!valid(&[0x55, 0x04, 0x83]));
        assert!(!valid(&[0x55, 0x8f, 0xff, 0xff, 0xff, 0x7f]));
        assert!(valid(&[0x55, 0x8f, 0xff, 0xff, 0xff, 0x0f]));
        for bad in [
            "",
            "1",
            "1.2",
            "3.1.1",
            "1.40.1",
            "1..2",
            "1.2.",
            "1.2.x",
            "1.2.4294967296",
        ] {
            assert_eq!(from_dotted(bad), None, "{bad}");
        }
        assert_eq!(from_dotted("1.2.4294967295").unwrap().len(), 6);
    }
}
