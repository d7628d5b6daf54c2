//! The manifest store (C2PA 2.2 §11.1.2): its manifests in order (the last is the active one),
//! each with its claim, claim signature and assertion store; and JUMBF URI resolution
//! (§8.4.2.2); the joining of a BMFF `original` store with its `update` store (A.5.3); and
//! compressed manifests (§11.1.3, `c2cm`), expanded before validation ([`expand`]).

use super::jumbf::{box_types, SuperBox};
use crate::error::{Error, Result};
use crate::limits::{C2paBudget, Decompression, Limits};

/// Which kind of manifest a superbox is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestKind {
    /// A standard manifest (`c2ma`, or legacy `c2md`).
    Standard,
    /// An update manifest (`c2um`): no hard binding allowed.
    Update,
    /// A compressed manifest (`c2cm`) that could not be expanded (see [`expand`]).
    Compressed,
}

/// One manifest of the store.
#[derive(Debug, Clone, Copy)]
pub struct ManifestBox<'s, 'a> {
    /// Its label (`urn:c2pa:…`).
    pub label: &'a str,
    /// Its kind.
    pub kind: ManifestKind,
    /// Its superbox.
    pub sbox: &'s SuperBox<'a>,
}

impl<'s, 'a> ManifestBox<'s, 'a> {
    /// The claim box label and CBOR bytes, or `None` if there is no claim.
    pub fn claim(&self) -> Option<(&'a str, &'a [u8])> {
        let cl = self
            .sbox
            .supers()
            .find(|s| s.c2pa_type() == Some(box_types::CLAIM) || is_claim_label(s.label))?;
        Some((
            cl.label.unwrap_or("c2pa.claim"),
            cl.first_data(box_types::CBOR)?,
        ))
    }

    /// The number of claim boxes (more than one is `claim.multiple`).
    pub fn claim_count(&self) -> usize {
        self.sbox
            .supers()
            .filter(|s| s.c2pa_type() == Some(box_types::CLAIM) || is_claim_label(s.label))
            .count()
    }

    /// The assertion store.
    pub fn assertion_store(&self) -> Option<&'s SuperBox<'a>> {
        self.sbox.supers().find(|s| {
            s.c2pa_type() == Some(box_types::ASSERTION_STORE) || s.label == Some("c2pa.assertions")
        })
    }

    /// The claim signature superbox.
    pub fn signature_box(&self) -> Option<&'s SuperBox<'a>> {
        self.sbox.supers().find(|s| {
            s.c2pa_type() == Some(box_types::SIGNATURE) || s.label == Some("c2pa.signature")
        })
    }

    /// An assertion superbox by label.
    pub fn assertion(&self, label: &str) -> Option<&'s SuperBox<'a>> {
        self.assertion_store()?.child(label)
    }
}

fn is_claim_label(l: Option<&str>) -> bool {
    matches!(l, Some("c2pa.claim" | "c2pa.claim.v2"))
}

/// The manifests of a parsed store, in store order.
pub fn manifests<'s, 'a>(store: &'s SuperBox<'a>) -> Vec<ManifestBox<'s, 'a>> {
    store
        .supers()
        .filter_map(|sb| {
            let kind = match sb.c2pa_type()? {
                _ if compressed(sb).is_some() => ManifestKind::Compressed,
                box_types::MANIFEST | box_types::LEGACY_MANIFEST => ManifestKind::Standard,
                box_types::UPDATE_MANIFEST => ManifestKind::Update,
                box_types::COMPRESSED_MANIFEST => ManifestKind::Compressed,
                _ => return None,
            };
            Some(ManifestBox {
                label: sb.label.unwrap_or_default(),
                kind,
                sbox: sb,
            })
        })
        .collect()
}

/// The Brotli stream of a compressed manifest: the payload of a `brob` content box that is
/// the first box after the description box (c2pa-rs `CAIManifest::from` looks at nothing else,
/// not even the superbox's type, `c2cm` by C2PA 2.2 §11.1.3).
pub fn compressed<'a>(sb: &SuperBox<'a>) -> Option<&'a [u8]> {
    match sb.children.first()? {
        super::jumbf::Child::Data(d) if d.tbox == box_types::BROB => Some(d.payload),
        _ => None,
    }
}

/// Why the compressed manifest `sb` could not be expanded (for `manifest.compressed.invalid`).
pub fn unexpandable(sb: &SuperBox<'_>, limits: &Limits, inflated: &mut Decompression) -> String {
    let Some(data) = compressed(sb) else {
        return "it holds no brob box".to_owned();
    };
    match crate::container::bmff::brob::inflate(data, inflated) {
        Err(why) => format!("the compressed manifest could not be read: {why}"),
        Ok(v) => match super::jumbf::parse_superbox(&v, limits) {
            Err(e) => format!(
                "the decompressed manifest is not a JUMBF superbox: {}",
                e.message()
            ),
            Ok(_) => "the decompressed manifest could not be used".to_owned(),
        },
    }
}

/// The store in `bytes` with each compressed manifest replaced by the manifest superbox its
/// Brotli stream decompresses to (at most `Limits::max_decompressed_bytes` for all of them
/// together, drawn from `inflated`; c2pa-rs 0.91:
/// `core.max_decompressed_manifest_size_in_mb`, 32 MiB), as c2pa-rs reads it; `None` when
/// nothing was expanded. A manifest that does not decompress to a superbox stays as it is and
/// is reported `manifest.compressed.invalid` (c2pa-rs refuses the whole store). The browser
/// build has no Brotli decoder, so there every compressed manifest stays (and this is `None`
/// at once).
pub fn expand(bytes: &[u8], limits: &Limits, inflated: &mut Decompression) -> Option<Vec<u8>> {
    if !cfg!(feature = "brob") {
        return None;
    }
    // The manifests validation reads (`Limits::max_manifests`), with a budget of their own: this
    // tree is dropped before that one is made.
    let (root, _) = super::jumbf::parse_store(bytes, &C2paBudget::new(limits)).ok()?;
    if root.c2pa_type() != Some(box_types::STORE) || !root.supers().any(|s| compressed(s).is_some())
    {
        return None;
    }
    let mut r = crate::bytes::Reader::new(root.contents, "manifest store");
    let mut parts: Vec<std::borrow::Cow<'_, [u8]>> = Vec::new();
    let mut changed = false;
    while !r.is_empty() {
        let start = r.pos();
        let (tbox, _) = super::jumbf::read_box(&mut r).ok()?;
        let whole = root.contents.get(start..r.pos())?;
        let mut piece = std::borrow::Cow::Borrowed(whole);
        if tbox == box_types::JUMB {
            let sb = super::jumbf::parse_superbox(whole, limits).ok()?;
            if let Some(data) = compressed(&sb) {
                if let Ok(v) = crate::container::bmff::brob::inflate(data, inflated) {
                    if super::jumbf::parse_superbox(&v, limits).is_ok() {
                        piece = std::borrow::Cow::Owned(v);
                        changed = true;
                    }
                }
            }
        }
        crate::bytes::try_reserve(&mut parts, 1, "manifest store").ok()?;
        parts.push(piece);
    }
    if !changed {
        return None;
    }
    let len = parts.iter().fold(0usize, |a, p| a.saturating_add(p.len()));
    let mut out = Vec::new();
    crate::bytes::try_reserve(&mut out, len.saturating_add(16), "expanded manifest store").ok()?;
    jumb_header(&mut out, len);
    for p in &parts {
        out.extend_from_slice(p);
    }
    Some(out)
}

/// One store from a BMFF `original` store and the `update` store that extends it (C2PA 2.2
/// A.5.3): the original's manifests, then the update's (c2pa-rs `Store::append_store`), so the
/// last update manifest is the active one. The manifest boxes keep their bytes, so hashed URIs
/// between them still match.
pub fn join(original: &[u8], update: &[u8], limits: &Limits) -> Result<Vec<u8>> {
    let o = super::jumbf::parse_superbox(original, limits)?;
    let u = super::jumbf::parse_superbox(update, limits)?;
    if o.c2pa_type() != Some(box_types::STORE) || u.c2pa_type() != Some(box_types::STORE) {
        return Err(Error::malformed(
            "expected two C2PA manifest stores in the original and update boxes".to_owned(),
        ));
    }
    // The update store's contents are its description box, then its manifests.
    let mut r = crate::bytes::Reader::new(u.contents, "update store");
    let jumd = r.u32_be("description box size")?;
    r.skip(u64::from(jumd).saturating_sub(4), "description box")?;
    let added = r.rest();
    let len = o.contents.len().saturating_add(added.len());
    let mut out = Vec::new();
    crate::bytes::try_reserve(&mut out, len.saturating_add(16), "joined manifest store")?;
    jumb_header(&mut out, len);
    out.extend_from_slice(o.contents);
    out.extend_from_slice(added);
    Ok(out)
}

/// The path after `self#jumbf=`, or the URI itself.
fn jumbf_path(uri: &str) -> &str {
    uri.strip_prefix("self#jumbf=").unwrap_or(uri)
}

/// The manifest label an absolute URI (`self#jumbf=/c2pa/<label>/…`) names, if it is one.
pub fn manifest_label_of(uri: &str) -> Option<&str> {
    let p = jumbf_path(uri);
    // Some writers (Microsoft Designer 2024) drop the leading slash: `c2pa/<label>/…`.
    let path = p
        .strip_prefix("/c2pa/")
        .or_else(|| p.strip_prefix("c2pa/"))?;
    Some(path.split('/').next().unwrap_or(path))
}

/// Resolve a JUMBF URI to a superbox: absolute URIs start at the store (`/c2pa/…`), others at
/// `manifest`. `..` is forbidden and an ambiguous label does not resolve (§8.4.2.2).
pub fn resolve<'s, 'a>(
    store: &'s SuperBox<'a>,
    manifest: &'s SuperBox<'a>,
    uri: &str,
) -> Option<&'s SuperBox<'a>> {
    let path = jumbf_path(uri);
    if let Some(rest) = path.strip_prefix("c2pa/") {
        // `c2pa/<label>/…` without the leading slash (seen in 2024 Microsoft files).
        if let Some(found) = walk(manifest, path).or_else(|| walk(store, rest)) {
            return Some(found);
        }
    }
    let (at, rest) = match path.strip_prefix('/') {
        Some(abs) => {
            let rest = abs.strip_prefix("c2pa")?;
            (store, rest.strip_prefix('/').unwrap_or(rest))
        }
        None => (manifest, path),
    };
    walk(at, rest)
}

fn walk<'s, 'a>(mut at: &'s SuperBox<'a>, path: &str) -> Option<&'s SuperBox<'a>> {
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part == "." {
            return None;
        }
        at = at.child(part)?;
    }
    Some(at)
}

/// The absolute URI of an assertion, for status entries: cut as a report cuts what it copies
/// ([`super::copies::label`]), so that the findings waiting to be reported stay small.
pub fn assertion_url(manifest: &str, label: &str) -> String {
    super::copies::label(&format!(
        "self#jumbf=/c2pa/{manifest}/c2pa.assertions/{label}"
    ))
}

/// A `jumb` box header (ISO/IEC 19566-5) for `len` bytes of contents: a 32-bit size, or 1 and a
/// 64-bit size when the box does not fit in 32 bits.
fn jumb_header(out: &mut Vec<u8>, len: usize) {
    match u32::try_from(len.saturating_add(8)) {
        Ok(size) => out.extend_from_slice(&size.to_be_bytes()),
        Err(_) => out.extend_from_slice(&1u32.to_be_bytes()),
    }
    out.extend_from_slice(&box_types::JUMB);
    if u32::try_from(len.saturating_add(8)).is_err() {
        out.extend_from_slice(&crate::bytes::to_u64(len.saturating_add(16)).to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::super::jumbf::{parse_superbox, tests::sbox};
    use super::*;
    use crate::limits::Limits;

    #[test]
    fn resolves_relative_and_absolute_uris() {
        let a = sbox(
            b"c2as",
            "c2pa.assertions",
            &[sbox(b"cbor", "c2pa.actions", &[])],
        );
        let store = sbox(b"c2pa", "c2pa", &[sbox(b"c2ma", "urn:c2pa:m", &[a])]);
        let sb = parse_superbox(&store, &Limits::default()).unwrap();
        let ms = manifests(&sb);
        assert_eq!(ms.len(), 1);
        let m = ms[0];
        let rel = resolve(&sb, m.sbox, "self#jumbf=c2pa.assertions/c2pa.actions").unwrap();
        let abs = resolve(
            &sb,
            m.sbox,
            "self#jumbf=/c2pa/urn:c2pa:m/c2pa.assertions/c2pa.actions",
        )
        .unwrap();
        assert_eq!(rel, abs);
        assert!(resolve(&sb, m.sbox, "self#jumbf=c2pa.assertions/../c2pa.assertions").is_none());
        assert!(resolve(&sb, m.sbox, "self#jumbf=c2pa.assertions/missing").is_none());
        let bare = resolve(
            &sb,
            m.sbox,
            "self#jumbf=c2pa/urn:c2pa:m/c2pa.assertions/c2pa.actions",
        );
        assert_eq!(bare, Some(rel));
        assert_eq!(
            manifest_label_of("self#jumbf=/c2pa/urn:c2pa:m"),
            Some("urn:c2pa:m")
        );
    }
}
