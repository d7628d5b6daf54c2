//! GIF data sub-blocks (GIF89a §15): a size byte (1–255) and that many bytes, repeated, ended
//! by a zero-size block terminator.

use crate::bytes::Reader;
use crate::error::{Error, Result};
use std::borrow::Cow;

/// The sub-blocks of one block: where they lie in the input (size bytes included, terminator
/// excluded), how many there are and how many data bytes they hold. Not a list of slices: a
/// block of 19 MB in one-byte sub-blocks would need 150 MiB for one.
#[derive(Debug, Default)]
pub(super) struct SubBlocks<'a> {
    raw: &'a [u8],
    count: u64,
    total: u64,
}

impl<'a> SubBlocks<'a> {
    /// Read sub-blocks up to and including the terminator.
    pub(super) fn skip(r: &mut Reader<'a>) -> Result<SubBlocks<'a>> {
        let rest = r.rest();
        let (mut count, mut total, mut len) = (0u64, 0u64, 0usize);
        loop {
            let n = r.u8("sub-block size")?;
            if n == 0 {
                let raw = rest.get(..len).unwrap_or_default();
                return Ok(SubBlocks { raw, count, total });
            }
            r.take(usize::from(n), "sub-block")?;
            count = count.saturating_add(1);
            total = total.saturating_add(u64::from(n));
            len = len.saturating_add(1).saturating_add(usize::from(n));
        }
    }

    /// The data of each sub-block, in order.
    fn parts(&self) -> impl Iterator<Item = &'a [u8]> {
        let mut rest = self.raw;
        std::iter::from_fn(move || {
            let (&n, tail) = rest.split_first()?;
            let (part, after) = tail.split_at_checked(usize::from(n))?;
            rest = after;
            Some(part)
        })
    }
}

/// The sub-blocks joined: borrowed for one, copied (up to `max` bytes) for several.
pub(super) fn join(blocks: SubBlocks<'_>, max: u64) -> Result<Cow<'_, [u8]>> {
    match blocks.count {
        0 => Ok(Cow::Borrowed(&[])),
        1 => Ok(Cow::Borrowed(blocks.parts().next().unwrap_or_default())),
        _ => {
            let total = blocks.total;
            if total > max {
                return Err(Error::limit("GIF extension data", max, "GIF sub-blocks"));
            }
            let mut out = Vec::new();
            crate::bytes::try_reserve(&mut out, usize::try_from(total).unwrap_or(0), "GIF data")?;
            for p in blocks.parts() {
                out.extend_from_slice(p);
            }
            Ok(Cow::Owned(out))
        }
    }
}
