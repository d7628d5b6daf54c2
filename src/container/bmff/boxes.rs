//! The box header and a fused box iterator (ISO/IEC 14496-12 §4.2).
//!
//! `size` counts the whole box; 1 means a 64-bit `largesize` follows the type, 0 means "to the
//! end of the enclosing box or file". Type `uuid` is followed by a 16-byte extended type. Sizes
//! are claims checked against what remains; the first bad header ends the iteration with an error.

use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use std::ops::Range;

/// One box: its type, full byte range and a reader over its payload.
#[derive(Debug, Clone)]
pub(super) struct BoxHeader<'a> {
    pub(super) kind: [u8; 4],
    pub(super) uuid: Option<[u8; 16]>,
    pub(super) range: Range<u64>,
    /// The payload (after size, type, largesize and extended type); offsets stay absolute.
    pub(super) body: Reader<'a>,
}

/// Boxes in sequence over a reader; fuses after the first error.
pub(super) struct Boxes<'a> {
    r: Reader<'a>,
    done: bool,
}

impl<'a> Boxes<'a> {
    pub(super) fn new(r: Reader<'a>) -> Self {
        Self { r, done: false }
    }

    /// The next box, `None` at the end.
    pub(super) fn next_box(&mut self) -> Result<Option<BoxHeader<'a>>> {
        if self.done || self.r.is_empty() {
            return Ok(None);
        }
        let out = self.read();
        if !matches!(out, Ok(Some(_))) {
            self.done = true;
        }
        out
    }

    fn read(&mut self) -> Result<Option<BoxHeader<'a>>> {
        let r = &mut self.r;
        let start = r.offset();
        let remaining = to_u64(r.remaining());
        let size32 = r.u32_be("box size")?;
        let kind: [u8; 4] = r.array("box type")?;
        let mut header = 8u64;
        let size = match size32 {
            0 => remaining,
            1 => {
                header = 16;
                r.u64_be("box largesize")?
            }
            n => u64::from(n),
        };
        let uuid = if &kind == b"uuid" {
            header = header.saturating_add(16);
            Some(r.array::<16>("uuid extended type")?)
        } else {
            None
        };
        if size < header {
            return Err(Error::malformed(format!(
                "expected a box size of at least {header} in BMFF box \"{}\" at offset {start}, \
                 but found {size}",
                crate::error::escape(&kind, 4)
            )));
        }
        if size > remaining {
            return Err(Error::malformed(format!(
                "expected BMFF box \"{}\" at offset {start} to fit in the {remaining} remaining \
                 bytes, but it claims {size}",
                crate::error::escape(&kind, 4)
            )));
        }
        let body = r.sub(size.saturating_sub(header), "box payload")?;
        Ok(Some(BoxHeader {
            kind,
            uuid,
            range: start..start.saturating_add(size),
            body,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_zero_one_and_bad() {
        // size 1 with largesize 16, then size 0 (to the end).
        let mut b = vec![0, 0, 0, 1];
        b.extend_from_slice(b"free");
        b.extend_from_slice(&16u64.to_be_bytes());
        b.extend_from_slice(&[0, 0, 0, 0]);
        b.extend_from_slice(b"mdat");
        b.extend_from_slice(b"xyz");
        let mut it = Boxes::new(Reader::new(&b, "t"));
        let a = it.next_box().unwrap().unwrap();
        assert_eq!((&a.kind, a.range.clone()), (b"free", 0..16));
        let m = it.next_box().unwrap().unwrap();
        assert_eq!(
            (&m.kind, m.range.clone(), m.body.all()),
            (b"mdat", 16..27, b"xyz".as_slice())
        );
        assert!(it.next_box().unwrap().is_none());
        // Too small, too large; the iterator fuses.
        let mut it = Boxes::new(Reader::new(b"\0\0\0\x04free", "t"));
        assert!(it.next_box().is_err());
        assert!(it.next_box().unwrap().is_none());
        let mut it = Boxes::new(Reader::new(b"\0\0\0\x40free", "t"));
        assert!(it.next_box().is_err());
    }
}
