//! JPEG APP11 JUMBF reassembly (C2PA 2.2 A.3.1, ISO/IEC 19566-5 Annex D.2).
//!
//! Each APP11 segment carries `CI` = `JP`, `En` (box instance number), `Z` (packet sequence from
//! 1), then the superbox header (`LBox`, `TBox`, `XLBox` if `LBox` = 1) repeated in every
//! segment, then a piece of the superbox payload. The first segment contributes everything from
//! the `LBox` on; each continuation (same `En`, next `Z`) contributes only what follows its
//! repeated box header. Only stores whose `jumd` label is `c2pa` are C2PA manifest stores.

use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use std::borrow::Cow;
use std::ops::Range;

/// One JUMBF box being reassembled from APP11 segments.
#[derive(Debug)]
pub(super) struct Store<'a> {
    /// The box instance number `En`.
    en: u16,
    /// The next expected sequence number `Z`.
    next_z: u32,
    /// The superbox bytes so far (borrowed while only one segment contributed).
    pub(super) bytes: Cow<'a, [u8]>,
    /// Full byte ranges of every contributing APP11 segment, marker and length included.
    pub(super) ranges: Vec<Range<u64>>,
    /// Offset of the first segment's marker.
    pub(super) offset: u64,
}

/// The APP11 stores of one JPEG, in file order.
#[derive(Debug, Default)]
pub(super) struct Assembler<'a> {
    pub(super) stores: Vec<Store<'a>>,
    /// Bytes copied so far to join continuation packets, for all stores together.
    copied: u64,
    /// C2PA manifest stores begun after `max_stores` boxes, and not read.
    pub(super) skipped_stores: u64,
}

impl<'a> Assembler<'a> {
    /// Add the APP11 segment whose contents (after `FF EB Lp`) are `contents`, spanning
    /// `range` in the input. Returns a warning for a segment that is not a JUMBF packet we can
    /// place; fails only when a store outgrows `max_bytes`, or the stores' joined copies
    /// `max_copied` (`Limits::max_joined_bytes`). At most `max_stores` first packets are kept:
    /// a C2PA store begun after them is counted in `skipped_stores`, another box is a warning.
    pub(super) fn add(
        &mut self,
        contents: &'a [u8],
        range: Range<u64>,
        (max_bytes, max_copied, max_stores): (u64, u64, usize),
    ) -> Result<Option<String>> {
        let at = range.start;
        let mut r = Reader::with_base(contents, at.saturating_add(4), "JPEG APP11 segment");
        // A.3.1: CI is "JP"; other APP11 users (JPEG 360, ...) may coexist and are skipped.
        if r.peek(2) != Some(b"JP".as_slice()) {
            return Ok(None);
        }
        let header = (|| -> Result<(u16, u32, u32)> {
            r.skip(2, "CI")?;
            let en = r.u16_be("En")?;
            let z = r.u32_be("Z")?;
            let lbox = r.u32_be("LBox")?;
            r.skip(4, "TBox")?;
            Ok((en, z, lbox))
        })();
        let Ok((en, z, lbox)) = header else {
            return Ok(Some(format!(
                "APP11 segment at offset {at} is too short for a JUMBF packet header; ignored"
            )));
        };
        // The repeated box header is 8 bytes, 16 with an XLBox (ISO 19566-5 D.2).
        let box_header: usize = if lbox == 1 { 16 } else { 8 };
        // Z counts from 1 (D.2); some writers (Microsoft's, in the corpus) start at 0.
        if z <= 1 {
            if self.stores.len() >= max_stores {
                if is_c2pa_store(contents.get(8..).unwrap_or_default()) {
                    self.skipped_stores = self.skipped_stores.saturating_add(1);
                    return Ok(None);
                }
                return Ok(Some(format!(
                    "APP11 segment at offset {at} starts JUMBF box {en}, but {max_stores} boxes \
                     were already read; ignored"
                )));
            }
            let body = contents.get(8..).unwrap_or_default();
            check_size(to_u64(body.len()), max_bytes, at)?;
            let ranges = vec![range];
            self.stores.push(Store {
                en,
                next_z: z.saturating_add(1),
                bytes: Cow::Borrowed(body),
                ranges,
                offset: at,
            });
            return Ok(None);
        }
        let Some(store) = self.stores.iter_mut().rev().find(|s| s.en == en) else {
            return Ok(Some(format!(
                "APP11 segment at offset {at} continues JUMBF box {en} (packet {z}), \
                 but no first packet was seen; ignored"
            )));
        };
        if store.next_z != z {
            return Ok(Some(format!(
                "expected APP11 packet {} of JUMBF box {en} at offset {at}, but found packet {z}; \
                 ignored",
                store.next_z
            )));
        }
        let piece = contents
            .get(8usize.saturating_add(box_header)..)
            .unwrap_or_default();
        let total = to_u64(store.bytes.len()).saturating_add(to_u64(piece.len()));
        check_size(total, max_bytes, at)?;
        // The first continuation copies the first packet too.
        let copy = match &store.bytes {
            Cow::Borrowed(_) => total,
            Cow::Owned(_) => to_u64(piece.len()),
        };
        self.copied = self.copied.saturating_add(copy);
        check_size(self.copied, max_copied, at)?;
        let owned = store.bytes.to_mut();
        crate::bytes::try_reserve(owned, piece.len(), "a JPEG APP11 JUMBF store")?;
        owned.extend_from_slice(piece);
        crate::bytes::try_reserve(&mut store.ranges, 1, "APP11 ranges")?;
        store.ranges.push(range);
        store.next_z = z.saturating_add(1);
        Ok(None)
    }
}

fn check_size(n: u64, max: u64, at: u64) -> Result<()> {
    if n > max {
        return Err(Error::limit(
            "JUMBF store size",
            max,
            &format!("JPEG APP11 segments at offset {at}"),
        ));
    }
    Ok(())
}

/// The label of the superbox `store` (its `jumd` description box), if it has one
/// (ISO 19566-5 B.3: `jumd` = type UUID(16), toggles(1), label if toggles & 0x02).
pub(crate) fn superbox_label(store: &[u8]) -> Option<&[u8]> {
    let mut r = Reader::new(store, "JUMBF superbox");
    let lbox = r.u32_be("LBox").ok()?;
    if r.take(4, "TBox").ok()? != b"jumb" {
        return None;
    }
    if lbox == 1 {
        r.skip(8, "XLBox").ok()?;
    }
    let jumd_len = r.u32_be("jumd LBox").ok()?;
    if r.take(4, "jumd TBox").ok()? != b"jumd" {
        return None;
    }
    let body_len = u64::from(jumd_len).checked_sub(8)?;
    let mut jumd = r.sub(body_len.min(to_u64(r.remaining())), "jumd").ok()?;
    jumd.skip(16, "type UUID").ok()?;
    let toggles = jumd.u8("toggles").ok()?;
    if toggles & 0x02 == 0 {
        return None;
    }
    jumd.until(0, "label").ok()
}

/// True if `store` is a JUMBF superbox labelled `c2pa` (a C2PA Manifest Store, C2PA 2.2 §11.1.4).
pub(crate) fn is_c2pa_store(store: &[u8]) -> bool {
    superbox_label(store) == Some(b"c2pa".as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jumd(label: &[u8]) -> Vec<u8> {
        let mut d = Vec::new();
        d.extend_from_slice(b"c2pa\x00\x11\x00\x10\x80\x00\x00\xaa\x00\x38\x9b\x71");
        d.push(0x03);
        d.extend_from_slice(label);
        d.push(0);
        let mut b = (u32::try_from(d.len() + 8).unwrap()).to_be_bytes().to_vec();
        b.extend_from_slice(b"jumd");
        b.extend_from_slice(&d);
        b
    }

    #[test]
    fn label_is_read_from_jumd() {
        let d = jumd(b"c2pa");
        let mut s = u32::try_from(d.len() + 8).unwrap().to_be_bytes().to_vec();
        s.extend_from_slice(b"jumb");
        s.extend_from_slice(&d);
        assert!(is_c2pa_store(&s));
        let d = jumd(b"other");
        let mut s = u32::try_from(d.len() + 8).unwrap().to_be_bytes().to_vec();
        s.extend_from_slice(b"jumb");
        s.extend_from_slice(&d);
        assert!(!is_c2pa_store(&s));
        assert!(!is_c2pa_store(b"\0\0"));
    }

    #[test]
    fn continuation_without_start_is_a_warning() {
        let mut a = Assembler::default();
        let seg = b"JP\x00\x01\x00\x00\x00\x02\x00\x00\x00\x10jumbxx";
        let w = a.add(seg, 0..20, (1000, 1000, 10)).unwrap();
        assert!(w.unwrap().contains("no first packet"));
        assert!(a.stores.is_empty());
    }
}
