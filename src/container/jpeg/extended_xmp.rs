//! JPEG Extended XMP reassembly (XMP Specification Part 3, 2016, §1.1.3.1).
//!
//! A packet too large for one APP1 segment is split: the main packet stays in an ordinary XMP
//! APP1 and names a GUID (`xmpNote:HasExtendedXMP`); the rest travels in APP1 segments that start
//! `http://ns.adobe.com/xmp/extension/\0`, then the 32-character GUID, the full length (u32) and
//! this chunk's offset (u32), then the chunk. Lengths and offsets are claims: a group is joined
//! only when its chunks cover the full length exactly, and never beyond the metadata limit.

use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use std::ops::Range;

/// One chunk of an extended packet.
#[derive(Debug)]
struct Chunk<'a> {
    offset: u64,
    data: &'a [u8],
}

/// The chunks of one GUID.
#[derive(Debug)]
pub(super) struct Group<'a> {
    /// The GUID (32 ASCII hex digits, as written).
    pub(super) guid: &'a [u8],
    /// The claimed full length.
    total: u32,
    chunks: Vec<Chunk<'a>>,
    /// Full byte ranges of every contributing APP1 segment.
    pub(super) ranges: Vec<Range<u64>>,
    /// Offset of the first segment.
    pub(super) offset: u64,
}

/// Every extended packet of one JPEG.
#[derive(Debug, Default)]
pub(super) struct Collector<'a> {
    pub(super) groups: Vec<Group<'a>>,
    /// A packet over `Limits::max_joined_xmp_bytes` was met (and said so once).
    over_join_limit: bool,
}

impl<'a> Collector<'a> {
    /// Add the body of an extension APP1 (after the namespace and its NUL) found in `range`.
    /// Returns a warning when the chunk header is unusable.
    pub(super) fn add(
        &mut self,
        body: &'a [u8],
        range: Range<u64>,
        (max_bytes, max_joined): (u64, u64),
    ) -> Result<Option<String>> {
        let at = range.start;
        let mut r = Reader::new(body, "JPEG Extended XMP segment");
        let head = (|| -> Result<(&'a [u8], u32, u32)> {
            Ok((
                r.take(32, "GUID")?,
                r.u32_be("full length")?,
                r.u32_be("offset")?,
            ))
        })();
        let Ok((guid, total, offset)) = head else {
            return Ok(Some(format!(
                "Extended XMP segment at offset {at} is too short for its GUID and length header; ignored"
            )));
        };
        if u64::from(total) > max_bytes {
            return Err(Error::limit(
                "Extended XMP length",
                max_bytes,
                &format!("JPEG APP1 segment at offset {at}"),
            ));
        }
        if u64::from(total) > max_joined {
            if std::mem::replace(&mut self.over_join_limit, true) {
                return Ok(None);
            }
            return Ok(Some(format!(
                "Extended XMP at offset {at} is {total} bytes, over the limit of {max_joined} \
                 for joining its segments (max_joined_xmp_bytes); ignored"
            )));
        }
        let data = r.rest();
        let end = u64::from(offset).saturating_add(to_u64(data.len()));
        if end > u64::from(total) {
            return Ok(Some(format!(
                "Extended XMP chunk at offset {at} claims bytes {offset}..{end} of a {total}-byte \
                 packet; ignored"
            )));
        }
        let idx = match self.groups.iter().position(|g| g.guid == guid) {
            Some(i) => i,
            None => {
                crate::bytes::try_reserve(&mut self.groups, 1, "Extended XMP groups")?;
                self.groups.push(Group {
                    guid,
                    total,
                    chunks: Vec::new(),
                    ranges: Vec::new(),
                    offset: at,
                });
                self.groups.len().saturating_sub(1)
            }
        };
        let Some(g) = self.groups.get_mut(idx) else {
            return Ok(None);
        };
        if g.total != total {
            return Ok(Some(format!(
                "Extended XMP chunk at offset {at} claims a full length of {total}, but its GUID \
                 group claimed {}; ignored",
                g.total
            )));
        }
        crate::bytes::try_reserve(&mut g.chunks, 1, "Extended XMP chunks")?;
        g.chunks.push(Chunk {
            offset: u64::from(offset),
            data,
        });
        crate::bytes::try_reserve(&mut g.ranges, 1, "Extended XMP ranges")?;
        g.ranges.push(range);
        Ok(None)
    }
}

impl Group<'_> {
    /// The joined packet, or a reason why the chunks do not cover it exactly once.
    pub(super) fn join(&mut self) -> std::result::Result<Vec<u8>, String> {
        crate::bytes::sort_by_key(&mut self.chunks, |c| c.offset);
        let total = usize::try_from(self.total).map_err(|_| "too long".to_owned())?;
        // The full length is a claim: reserve only once the chunks present could cover it.
        let present: usize = self.chunks.iter().map(|c| c.data.len()).sum();
        if present < total {
            return Err(format!("the chunks hold {present} of {total} bytes"));
        }
        let mut out = Vec::new();
        out.try_reserve(total)
            .map_err(|_| format!("cannot reserve {total} bytes"))?;
        for c in &self.chunks {
            let have = to_u64(out.len());
            if c.offset > have {
                return Err(format!("bytes {have}..{} are missing", c.offset));
            }
            // An overlapping (repeated) chunk contributes only what is new.
            let skip = usize::try_from(have.saturating_sub(c.offset)).unwrap_or(usize::MAX);
            out.extend_from_slice(c.data.get(skip..).unwrap_or_default());
        }
        if out.len() != total {
            return Err(format!("the chunks hold {} of {total} bytes", out.len()));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(guid: &[u8; 32], total: u32, offset: u32, data: &[u8]) -> Vec<u8> {
        let mut b = guid.to_vec();
        b.extend_from_slice(&total.to_be_bytes());
        b.extend_from_slice(&offset.to_be_bytes());
        b.extend_from_slice(data);
        b
    }

    #[test]
    fn joins_out_of_order_chunks() {
        let g = b"0123456789ABCDEF0123456789ABCDEF";
        let (b1, b2) = (body(g, 6, 3, b"def"), body(g, 6, 0, b"abc"));
        let mut c = Collector::default();
        assert!(c.add(&b1, 10..20, (100, 50)).unwrap().is_none());
        assert!(c.add(&b2, 30..40, (100, 50)).unwrap().is_none());
        assert_eq!(c.groups.len(), 1);
        let grp = c.groups.get_mut(0).unwrap();
        assert_eq!(grp.join().unwrap(), b"abcdef");
        assert_eq!(grp.ranges, vec![10..20, 30..40]);
    }

    #[test]
    fn claims_are_checked() {
        let g = b"0123456789ABCDEF0123456789ABCDEF";
        let mut c = Collector::default();
        // Chunk beyond the claimed total.
        let b = body(g, 2, 1, b"xyz");
        assert!(c.add(&b, 0..1, (100, 50)).unwrap().is_some());
        // Total over the limit.
        let b = body(g, 1000, 0, b"x");
        assert!(c.add(&b, 0..1, (100, 50)).is_err());
        // A gap.
        let b = body(g, 6, 3, b"def");
        c.add(&b, 0..1, (100, 50)).unwrap();
        assert!(c.groups.get_mut(0).unwrap().join().is_err());
        // Over the joining limit but within the metadata limit: skipped, said once.
        let big = *b"FEDCBA9876543210FEDCBA9876543210";
        let (b1, b2) = (body(&big, 60, 0, b"x"), body(&big, 60, 1, b"y"));
        let w = c.add(&b1, 0..1, (100, 50)).unwrap();
        assert!(w.unwrap().contains("max_joined_xmp_bytes"));
        assert!(c.add(&b2, 0..1, (100, 50)).unwrap().is_none());
        assert_eq!(c.groups.len(), 1, "the big packet joined no group");
    }
}
