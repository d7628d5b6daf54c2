//! Manifest labels (C2PA 2.2 §11.3 "manifest identifiers"): the grammar a v2 claim's manifest
//! label must follow, exactly as c2pa-rs 0.91 accepts it (`jumbf/labels.rs`
//! `manifest_label_to_parts`):
//! - `urn:c2pa:<guid>[:<vendor>[:<version>[_<reason>]]]`, at most five parts, the vendor at most
//!   32 ASCII bytes and one word, version and reason decimal integers;
//! - the 1.x forms `urn:uuid:<guid>` and `<vendor>:urn:uuid:<guid>`.
//!
//! The guid is not checked to be a UUID (the reference does not check it either).

/// True if `label` is a well-formed manifest label.
pub fn is_well_formed(label: &str) -> bool {
    let parts: Vec<&str> = label.split(':').collect();
    if parts.len() < 3 {
        return false;
    }
    let part = |i: usize| parts.get(i).copied().unwrap_or_default();
    if part(0) == "urn" {
        if part(1) == "uuid" {
            return true;
        }
        if part(1) != "c2pa" || parts.len() > 5 {
            return false;
        }
        let vendor = part(3);
        if !vendor.is_empty()
            && (vendor.len() > 32 || vendor.split_whitespace().count() != 1 || !vendor.is_ascii())
        {
            return false;
        }
        let version = part(4);
        if !version.is_empty() {
            let mut v = version.split('_');
            let number = |s: Option<&str>| s.is_none_or(|s| s.parse::<usize>().is_ok());
            if !number(v.next()) || !number(v.next()) {
                return false;
            }
        }
        return true;
    }
    part(1) == "urn" && part(2) == "uuid" && parts.len() == 4
}

#[cfg(test)]
mod tests {
    use super::is_well_formed;

    #[test]
    fn accepts_the_reference_grammar() {
        for ok in [
            "urn:c2pa:5b0c3a3e-1c1d-4c45-9d57-0f1e2d3c4b5a",
            "urn:c2pa:5b0c3a3e:acme:1_1",
            "urn:c2pa:g:acme",
            "urn:c2pa:g::2",
            "urn:uuid:5b0c3a3e-1c1d-4c45-9d57-0f1e2d3c4b5a",
            "adobe:urn:uuid:5b0c3a3e",
        ] {
            assert!(is_well_formed(ok), "{ok}");
        }
        for bad in [
            "xyz:urn:c2pa:abc",
            "urn:c2pa:g:vendor with space",
            "urn:c2pa:g:acme:x",
            "urn:c2pa:g:acme:1_y",
            "urn:c2pa:g:acme:1:extra",
            "urn:other:g",
            "urn:c2pa",
            "acme:urn:uuid:g:extra",
            "urn:c2pa:g:abcdefghijabcdefghijabcdefghijabc",
        ] {
            assert!(!is_well_formed(bad), "{bad}");
        }
    }
}
