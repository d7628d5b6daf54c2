//! Container walker for plain text: decode ([`super::decode`]) and find the C2PA stores text can
//! carry.
//!
//! C2PA in text (FORMATS §2.1, §2.2): the variation-selector `C2PATextManifestWrapper`
//! (C2PA 2.4/2.5 A.8) and the structured-text block `-----BEGIN C2PA MANIFEST----- ...`
//! (C2PA 2.4 A.9). Each valid store goes into [`Embedded::c2pa`] with the byte range the hard
//! binding excludes; a block that points to a URL becomes a `c2pa-manifest-url` text entry.
//! Only an unambiguous store is put forward: with two or more wrappers (or a corrupted one)
//! nothing is, and a warning naming `manifest.text.multipleWrappers` or
//! `manifest.text.corruptedWrapper` says why.

use super::decode::{cut_character_warning, decode, truncation_warning, InputOffsets};
use super::structured::structured_blocks;
use super::wrapper::{find_c2pa_wrappers, MAX_WRAPPERS, WRAPPER_BLOCK};
use crate::container::{Embedded, Location, Payload};
use crate::error::Result;
use crate::limits::Limits;
use std::borrow::Cow;

/// Walk a text input.
pub fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Embedded<'a>> {
    let body = decode(bytes, limits)?;
    let mut out = Embedded::new(limits);
    out.warnings.extend(truncation_warning(bytes.len(), limits));
    out.warnings.extend(cut_character_warning(bytes, limits));
    let text: &str = &body.text;
    let (wrappers, more) = find_c2pa_wrappers(text);
    if wrappers.len() > 1 {
        // C2PA 2.4 A.8: one wrapper per text. Which store counts is the C2PA reader's call
        // (`manifest.text.multipleWrappers`), so none is put forward here.
        out.warnings.push(format!(
            "the text holds {}{} C2PA text wrappers where one is allowed: \
             manifest.text.multipleWrappers",
            if more { "more than " } else { "" },
            wrappers.len()
        ));
    }
    if more {
        out.warnings.push(format!(
            "only the first {MAX_WRAPPERS} C2PA text wrappers were read"
        ));
    }
    let mut offsets = InputOffsets::new(&body);
    for w in &wrappers {
        let start = offsets.get(w.range.start);
        let end = offsets.get(w.range.end);
        if w.corrupted {
            out.warnings.push(format!(
                "C2PA text wrapper at byte {start} is corrupted ({}): manifest.text.corruptedWrapper",
                w.problem
            ));
        } else if wrappers.len() == 1 {
            out.c2pa.push(Payload {
                bytes: Cow::Owned(w.manifest.clone()),
                location: Location::new("text", WRAPPER_BLOCK, start),
                ranges: std::iter::once(start..end).collect(),
            });
        }
    }
    // A structured-text block counts only when there is no wrapper (A.8 before A.9).
    if wrappers.is_empty() {
        let mut joined_left = limits.max_joined_bytes;
        structured_blocks(text, &body, "text", &mut out, &mut joined_left);
    }
    out.body = Some(body);
    Ok(out)
}
