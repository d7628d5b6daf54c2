//! GIF data sub-blocks (GIF89a §15): a size byte (1–255) and that many bytes, repeated, ended
//! by a zero-size block terminator.

use crate::bytes::{to_u64, Reader};
use crate::error::{Error, Result};
use std::borrow::Cow;

/// The sub-blocks of one block, as slices of the input.
#[derive(Debug, Default)]
pub(super) struct SubBlocks<'a> {
    pub(super) parts: Vec<&'a [u8]>,
}

impl<'a> SubBlocks<'a> {
    /// Read sub-blocks up to and including the terminator.
    pub(super) fn skip(r: &mut Reader<'a>) -> Result<SubBlocks<'a>> {
        let mut out = SubBlocks::default();
        loop {
            let n = r.u8("sub-block size")?;
            if n == 0 {
                return Ok(out);
            }
            let part = r.take(usize::from(n), "sub-block")?;
            crate::bytes::try_reserve(&mut out.parts, 1, "GIF sub-blocks")?;
            out.parts.push(part);
        }
    }
}

/// The sub-blocks joined: borrowed for one, copied (up to `max` bytes) for several.
pub(super) fn join(blocks: SubBlocks<'_>, max: u64) -> Result<Cow<'_, [u8]>> {
    match blocks.parts.as_slice() {
        [] => Ok(Cow::Borrowed(&[])),
        [one] => Ok(Cow::Borrowed(one)),
        many => {
            let total: u64 = many.iter().map(|p| to_u64(p.len())).sum();
            if total > max {
                return Err(Error::limit("GIF extension data", max, "GIF sub-blocks"));
            }
            let mut out = Vec::new();
            crate::bytes::try_reserve(&mut out, usize::try_from(total).unwrap_or(0), "GIF data")?;
            for p in many {
                out.extend_from_slice(p);
            }
            Ok(Cow::Owned(out))
        }
    }
}
