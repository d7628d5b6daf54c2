//! JUMBF (ISO/IEC 19566-5 as profiled by C2PA 2.2 §11.1): boxes, superboxes and their
//! description boxes, parsed into a borrowed tree with a depth limit. Every superbox keeps its
//! contents (everything after its own header) because hashed URIs hash exactly those bytes
//! (C2PA 2.2 §8.4.2.3).

use crate::bytes::Reader;
use crate::error::{Error, Result};
use crate::limits::{C2paBudget, Limits};

/// Box types and C2PA type UUIDs (C2PA 2.2 §11.1.4, Table "JUMBF box types").
pub mod box_types {
    /// A superbox.
    pub const JUMB: [u8; 4] = *b"jumb";
    /// A description box.
    pub const JUMD: [u8; 4] = *b"jumd";
    /// A CBOR content box.
    pub const CBOR: [u8; 4] = *b"cbor";
    /// A JSON content box.
    pub const JSON: [u8; 4] = *b"json";
    /// An embedded-file description box.
    pub const BFDB: [u8; 4] = *b"bfdb";
    /// An embedded-file data box.
    pub const BIDB: [u8; 4] = *b"bidb";
    /// A Brotli-compressed manifest box.
    pub const BROB: [u8; 4] = *b"brob";

    /// The suffix shared by every C2PA type UUID: `-0011-0010-8000-00AA00389B71`.
    pub const UUID_SUFFIX: [u8; 12] = [
        0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
    ];
    /// Manifest store `c2pa`.
    pub const STORE: [u8; 4] = *b"c2pa";
    /// Standard manifest `c2ma`.
    pub const MANIFEST: [u8; 4] = *b"c2ma";
    /// Update manifest `c2um`.
    pub const UPDATE_MANIFEST: [u8; 4] = *b"c2um";
    /// Compressed manifest `c2cm`.
    pub const COMPRESSED_MANIFEST: [u8; 4] = *b"c2cm";
    /// Legacy standard manifest `c2md`.
    pub const LEGACY_MANIFEST: [u8; 4] = *b"c2md";
    /// Assertion store `c2as`.
    pub const ASSERTION_STORE: [u8; 4] = *b"c2as";
    /// Claim `c2cl`.
    pub const CLAIM: [u8; 4] = *b"c2cl";
    /// Claim signature `c2cs`.
    pub const SIGNATURE: [u8; 4] = *b"c2cs";
    /// The embedded-file type UUID (ISO 19566-5 Annex B), e.g. thumbnails.
    pub const EMBEDDED_FILE: [u8; 16] = [
        0x40, 0xCB, 0x0C, 0x32, 0xBB, 0x8A, 0x48, 0x9D, 0xA7, 0x0B, 0x2A, 0xD6, 0xF4, 0x7F, 0x43,
        0x69,
    ];
}

/// A content (non-super) box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataBox<'a> {
    /// Its box type.
    pub tbox: [u8; 4],
    /// Its payload (after the header).
    pub payload: &'a [u8],
}

/// A child of a superbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Child<'a> {
    /// A nested superbox.
    Super(SuperBox<'a>),
    /// A content box.
    Data(DataBox<'a>),
}

/// A JUMBF superbox with its parsed description box. It is kept small, for each box of a store
/// is paid for from `Limits::max_c2pa_bytes`: of the type UUID only a C2PA type is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuperBox<'a> {
    /// The first four bytes of the description box's type UUID when the rest is the C2PA
    /// suffix.
    pub c2pa: Option<[u8; 4]>,
    /// The label, if the description box has one.
    pub label: Option<&'a str>,
    /// The superbox contents after its own header: the `jumd` box first, then the children.
    /// This is what a hashed URI to this box hashes.
    pub contents: &'a [u8],
    /// The children after the description box, with no spare room.
    pub children: Vec<Child<'a>>,
}

impl<'a> SuperBox<'a> {
    /// The C2PA type ([`Self::c2pa`]).
    pub fn c2pa_type(&self) -> Option<[u8; 4]> {
        self.c2pa
    }

    /// Child superboxes, in order.
    pub fn supers(&self) -> impl Iterator<Item = &SuperBox<'a>> {
        self.children.iter().filter_map(|c| match c {
            Child::Super(s) => Some(s),
            Child::Data(_) => None,
        })
    }

    /// Child content boxes, in order.
    pub fn data(&self) -> impl Iterator<Item = &DataBox<'a>> {
        self.children.iter().filter_map(|c| match c {
            Child::Data(d) => Some(d),
            Child::Super(_) => None,
        })
    }

    /// The one child superbox labelled `label`; `None` if absent or ambiguous (C2PA 2.2
    /// §8.4.2.2: an ambiguous reference does not resolve).
    pub fn child(&self, label: &str) -> Option<&SuperBox<'a>> {
        let mut found = self.supers().filter(|s| s.label == Some(label));
        let first = found.next()?;
        if found.next().is_some() {
            return None;
        }
        Some(first)
    }

    /// The payload of the first content box of type `tbox`.
    pub fn first_data(&self, tbox: [u8; 4]) -> Option<&'a [u8]> {
        self.data().find(|d| d.tbox == tbox).map(|d| d.payload)
    }
}

/// Parse `bytes`, which must hold exactly one superbox, with a tree budget of its own.
pub fn parse_superbox<'a>(bytes: &'a [u8], limits: &Limits) -> Result<SuperBox<'a>> {
    parse(bytes, &C2paBudget::new(limits), usize::MAX).map(|(sb, _)| sb)
}

/// Parse the manifest store in `bytes`, its tree taken from `budget` (which bounds its boxes
/// too). Only the last `Limits::max_manifests` superboxes in the store are parsed (the
/// manifests, the active one last); the earlier ones are skipped unread, and counted in the
/// second value.
pub fn parse_store<'a>(bytes: &'a [u8], budget: &C2paBudget<'_>) -> Result<(SuperBox<'a>, u64)> {
    parse(
        bytes,
        budget,
        crate::limits::count(budget.limits.max_manifests),
    )
}

fn parse<'a>(bytes: &'a [u8], budget: &C2paBudget<'_>, keep: usize) -> Result<(SuperBox<'a>, u64)> {
    let mut r = Reader::new(bytes, "JUMBF box");
    let (tbox, contents) = read_box(&mut r)?;
    if tbox != box_types::JUMB {
        return Err(Error::malformed(format!(
            "expected a JUMBF superbox \"jumb\" at offset 0, but found \"{}\"",
            crate::error::escape(&tbox, 4)
        )));
    }
    superbox(contents, 0, budget, keep)
}

/// Read one box header and payload: LBox (u32, 1 ⇒ XLBox u64 follows, 0 ⇒ to the end), TBox.
pub(super) fn read_box<'a>(r: &mut Reader<'a>) -> Result<([u8; 4], &'a [u8])> {
    let lbox = r.u32_be("JUMBF LBox")?;
    let tbox = r.array::<4>("JUMBF TBox")?;
    let payload = match lbox {
        0 => r.take(r.remaining(), "JUMBF box payload")?,
        1 => {
            let xl = r.u64_be("JUMBF XLBox")?;
            let n = xl.checked_sub(16).ok_or_else(|| bad_len(r.offset(), xl))?;
            r.take_len(n, "JUMBF box payload")?
        }
        2..=7 => return Err(bad_len(r.offset(), u64::from(lbox))),
        n => r.take_len(u64::from(n).saturating_sub(8), "JUMBF box payload")?,
    };
    Ok((tbox, payload))
}

#[cold]
fn bad_len(at: u64, n: u64) -> Error {
    Error::malformed(format!(
        "expected a JUMBF box length of at least 8 before offset {at}, but found {n}"
    ))
}

/// The superbox whose contents are `contents`, with the last `keep` of its child superboxes,
/// and how many it skipped.
fn superbox<'a>(
    contents: &'a [u8],
    depth: u32,
    budget: &C2paBudget<'_>,
    keep: usize,
) -> Result<(SuperBox<'a>, u64)> {
    // C2PA relies on ISO 19566-5 nesting; c2pa-rs caps it at 32. Ours is Limits::max_depth.
    let max_depth = budget.limits.max_depth;
    if depth > max_depth {
        return Err(Error::limit(
            "JUMBF nesting depth",
            u64::from(max_depth),
            "a JUMBF superbox",
        ));
    }
    let mut r = Reader::new(contents, "JUMBF superbox");
    let (tbox, jumd) = read_box(&mut r)?;
    if tbox != box_types::JUMD {
        return Err(Error::malformed(format!(
            "expected a description box \"jumd\" first in a JUMBF superbox, but found \"{}\"",
            crate::error::escape(&tbox, 4)
        )));
    }
    let (c2pa, label) = description(jumd)?;
    // The children are counted first, so that exactly their room is taken from the budget
    // (each box is 64 bytes of tree, however small) and reserved (a growing `Vec` would keep
    // room for four in each of 50,000 one-box assertions). One superbox keeps at most
    // `Limits::max_assertions` boxes (the store: after its earlier manifests are skipped): a
    // hashed URI names an assertion (or a manifest, or any box) by its label, found among all
    // its siblings, so 40,000 assertions took 26 s. c2pa-rs refuses an assertion store of more
    // than 100,000 (`TooManyAssertions`) and reads any other superbox; ours is lower, and for
    // all of them.
    let (mut boxes, mut supers, mut scan) = (0usize, 0usize, r.clone());
    while !scan.is_empty() {
        boxes = boxes.saturating_add(1);
        if read_box(&mut scan)?.0 == box_types::JUMB {
            supers = supers.saturating_add(1);
        }
    }
    let skipped = supers.saturating_sub(keep);
    let n = boxes.saturating_sub(skipped);
    let max_assertions = budget.limits.max_assertions;
    if n > crate::limits::count(max_assertions) {
        return Err(Error::limit(
            "assertion count (max_assertions)",
            u64::from(max_assertions),
            "a JUMBF superbox",
        ));
    }
    let size = n.saturating_mul(std::mem::size_of::<Child<'_>>());
    budget.take(crate::bytes::to_u64(size).saturating_add(16), "a JUMBF box")?;
    let mut children = Vec::new();
    crate::bytes::try_reserve_exact(&mut children, n, "JUMBF boxes")?;
    let mut skip = skipped;
    while !r.is_empty() {
        let (tbox, payload) = read_box(&mut r)?;
        if tbox == box_types::JUMB {
            if let Some(left) = skip.checked_sub(1) {
                skip = left;
                continue;
            }
            let (sb, _) = superbox(payload, depth.saturating_add(1), budget, usize::MAX)?;
            children.push(Child::Super(sb));
        } else {
            children.push(Child::Data(DataBox { tbox, payload }));
        }
    }
    let sb = SuperBox {
        c2pa,
        label,
        contents,
        children,
    };
    Ok((sb, crate::bytes::to_u64(skipped)))
}

/// Parse a description box payload: type UUID (16), toggles (1), then the optional label
/// (NUL-terminated UTF-8, toggle 0x02), ID (toggle 0x04), signature (toggle 0x08) and private
/// box (toggle 0x10) (ISO 19566-5 §A.3). The C2PA type and the label are kept.
fn description(payload: &[u8]) -> Result<(Option<[u8; 4]>, Option<&str>)> {
    let mut r = Reader::new(payload, "JUMBF description box");
    let uuid = r.array::<16>("type UUID")?;
    let (head, tail) = uuid.split_at(4);
    let c2pa = <[u8; 4]>::try_from(head)
        .ok()
        .filter(|_| tail == box_types::UUID_SUFFIX);
    let toggles = r.u8("toggles")?;
    if toggles & 0x02 == 0 {
        return Ok((c2pa, None));
    }
    let at = r.offset();
    let raw = r.until(0, "label")?;
    // The ID, signature and private box follow; C2PA readers need none of them here (the salt
    // box is covered by the hash because it sits inside the superbox contents).
    let label = std::str::from_utf8(raw).map_err(|_| {
        Error::malformed(format!(
            "expected a UTF-8 label in a JUMBF description box at offset {at}, but found \"{}\"",
            crate::error::escape(raw, 32)
        ))
    })?;
    Ok((c2pa, Some(label)))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Build a box: LBox, TBox, payload.
    pub fn boxed(tbox: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut v = u32::try_from(payload.len() + 8)
            .unwrap()
            .to_be_bytes()
            .to_vec();
        v.extend_from_slice(tbox);
        v.extend_from_slice(payload);
        v
    }

    /// Build a superbox with a C2PA type (4CC) and a label around `children`.
    pub fn sbox(c2pa_type: &[u8; 4], label: &str, children: &[Vec<u8>]) -> Vec<u8> {
        let mut jumd = c2pa_type.to_vec();
        jumd.extend_from_slice(&box_types::UUID_SUFFIX);
        jumd.push(0x03);
        jumd.extend_from_slice(label.as_bytes());
        jumd.push(0);
        let mut contents = boxed(b"jumd", &jumd);
        for c in children {
            contents.extend_from_slice(c);
        }
        boxed(b"jumb", &contents)
    }

    #[test]
    fn parses_nested_superboxes() {
        let inner = sbox(b"c2cl", "c2pa.claim.v2", &[boxed(b"cbor", &[0xa0])]);
        let store = sbox(
            b"c2pa",
            "c2pa",
            &[sbox(b"c2ma", "urn:c2pa:x", std::slice::from_ref(&inner))],
        );
        let sb = parse_superbox(&store, &Limits::default()).unwrap();
        assert_eq!(sb.label, Some("c2pa"));
        assert_eq!(sb.c2pa_type(), Some(*b"c2pa"));
        let m = sb.child("urn:c2pa:x").unwrap();
        let c = m.child("c2pa.claim.v2").unwrap();
        assert_eq!(c.first_data(*b"cbor"), Some(&[0xa0u8][..]));
        // A hashed URI hashes the superbox minus its 8-byte header.
        assert_eq!(c.contents, &inner[8..]);
    }

    #[test]
    fn rejects_bad_boxes_and_deep_nesting() {
        let l = Limits::tiny();
        assert!(parse_superbox(b"\0\0\0\x04jumb", &l).is_err());
        assert!(parse_superbox(&boxed(b"jumb", &boxed(b"free", b"")), &l).is_err());
        let mut deep = sbox(b"c2pa", "x", &[]);
        for _ in 0..10 {
            deep = sbox(b"c2pa", "x", &[deep]);
        }
        assert!(parse_superbox(&deep, &l).is_err());
        assert!(parse_superbox(&deep, &Limits::default()).is_ok());
        // Ambiguous labels do not resolve.
        let twin = sbox(
            b"c2pa",
            "s",
            &[sbox(b"c2ma", "a", &[]), sbox(b"c2ma", "a", &[])],
        );
        assert!(parse_superbox(&twin, &l).unwrap().child("a").is_none());
    }

    #[test]
    fn a_store_keeps_its_last_manifests_and_pays_for_its_boxes() {
        // Ten manifests m0..m9 (m9 active), each with one content box; a data box in between.
        let mut children: Vec<Vec<u8>> = (0..10)
            .map(|i| sbox(b"c2ma", &format!("m{i}"), &[boxed(b"free", b"")]))
            .collect();
        children.insert(3, boxed(b"free", b""));
        let store = sbox(b"c2pa", "c2pa", &children);
        let limits = Limits {
            max_manifests: 4,
            ..Limits::default()
        };
        let budget = C2paBudget::new(&limits);
        let (sb, skipped) = parse_store(&store, &budget).unwrap();
        assert_eq!(skipped, 6);
        let labels: Vec<_> = sb.supers().filter_map(|m| m.label).collect();
        assert_eq!(labels, ["m6", "m7", "m8", "m9"]);
        assert_eq!(sb.data().count(), 1);
        // The store's five children and each manifest's one, 64 bytes each at most, and an
        // allocation of 16 for each of the five superboxes.
        let child = u64::try_from(std::mem::size_of::<Child<'_>>()).unwrap();
        assert_eq!(budget.used(), 9 * child + 5 * 16);
        // Without the cap all are read; a budget too small for the boxes refuses the store.
        assert_eq!(
            parse_superbox(&store, &limits).unwrap().supers().count(),
            10
        );
        let small = Limits {
            max_c2pa_bytes: 8 * child,
            ..limits
        };
        let e = parse_store(&store, &C2paBudget::new(&small)).unwrap_err();
        assert!(e.message().contains("max_c2pa_bytes"), "{}", e.message());
    }

    /// A box of the tree costs 64 bytes and no spare room: a store of 50,000 one-box
    /// assertions took 16 MiB when each superbox kept its type UUID and toggles (80 bytes) and
    /// a growing `Vec` of children (room for four).
    #[test]
    fn a_box_costs_64_bytes_and_no_spare_room() {
        assert!(std::mem::size_of::<Child<'_>>() <= 64);
        let one = sbox(b"cbor", "a", &[boxed(b"cbor", &[0])]);
        let store = sbox(b"c2pa", "c2pa", &[one.clone(), one]);
        let sb = parse_superbox(&store, &Limits::default()).unwrap();
        assert_eq!(sb.children.len(), 2);
        let Child::Super(a) = &sb.children[0] else {
            panic!("a superbox")
        };
        assert_eq!(a.c2pa_type(), Some(*b"cbor"));
        assert_eq!(a.label, Some("a"));
        assert_eq!((a.children.len(), a.children.capacity()), (1, 1));
        assert_eq!(sb.children.capacity(), 2);
    }

    /// A superbox (an assertion store, a manifest, a store) of more than `max_assertions` boxes
    /// is refused, naming the limit; one of that many is read.
    #[test]
    fn a_superbox_holds_at_most_max_assertions() {
        let l = Limits::tiny();
        let n = usize::try_from(l.max_assertions).unwrap();
        let one = sbox(b"cbor", "a", &[]);
        let data = boxed(b"free", &[]);
        for child in [one, data] {
            for (t, label) in [(b"c2as", "c2pa.assertions"), (b"c2ma", "m")] {
                let at = |k: usize| {
                    let store = sbox(b"c2pa", "c2pa", &[sbox(t, label, &vec![child.clone(); k])]);
                    parse_superbox(&store, &l).map(|_| ())
                };
                assert!(at(n).is_ok());
                let e = at(n + 1).unwrap_err();
                assert_eq!(e.kind(), crate::error::ErrorKind::LimitExceeded);
                assert!(e.message().contains("(max_assertions)"), "{}", e.message());
            }
            let at = |k: usize| {
                let store = sbox(b"c2pa", "c2pa", &vec![child.clone(); k]);
                parse_superbox(&store, &l).map(|_| ())
            };
            assert!(at(n).is_ok() && at(n + 1).is_err());
        }
        // A store counts the boxes it keeps: its earlier manifests are skipped, not refused.
        let many = sbox(b"c2pa", "c2pa", &vec![sbox(b"c2ma", "m", &[]); 2 * n]);
        let (sb, skipped) = parse_store(&many, &C2paBudget::new(&l)).unwrap();
        let keep = usize::try_from(l.max_manifests).unwrap();
        assert_eq!(sb.supers().count(), keep);
        assert_eq!(skipped, u64::try_from(2 * n - keep).unwrap());
    }
}
