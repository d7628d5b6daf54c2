//! Reading the assertions a reader shows: actions (§18.1), ingredients (§18.4) and claim
//! thumbnails (§18.3); the 2.4 `c2pa.ai-disclosure` assertion (§18.28) is shown as JSON
//! (`summary.rs`).

pub mod actions;
pub mod ingredient;

use super::cbor::{self, Value};
use super::jumbf::{box_types, SuperBox};
use super::report::Thumbnail;
use crate::limits::C2paBudget;

/// Decode the CBOR content of an assertion superbox, if it has a `cbor` box.
pub fn cbor_content<'a>(
    sb: &SuperBox<'a>,
    budget: &C2paBudget<'_>,
) -> Option<crate::error::Result<Value<'a>>> {
    let bytes = sb.first_data(box_types::CBOR)?;
    Some(cbor::decode(bytes, budget))
}

/// A claim thumbnail (`c2pa.thumbnail.claim.*`): an embedded-file superbox whose `bfdb` box
/// holds toggles and a media type and whose `bidb` box holds the image.
pub fn thumbnail(sb: &SuperBox<'_>) -> Option<Thumbnail> {
    let data = sb.first_data(box_types::BIDB)?;
    let media_type = sb
        .first_data(box_types::BFDB)
        .and_then(|d| d.get(1..))
        .and_then(|d| d.split(|&b| b == 0).next())
        .and_then(|m| std::str::from_utf8(m).ok())
        .map(super::copies::label)
        .or_else(|| {
            let l = sb.label.unwrap_or_default();
            Some(
                if l.ends_with("png") {
                    "image/png"
                } else {
                    "image/jpeg"
                }
                .to_owned(),
            )
        })?;
    // The browser build hands the bytes to JavaScript from where they are (`Thumbnail::at`).
    if cfg!(target_arch = "wasm32") {
        return Some(Thumbnail {
            media_type,
            data: Vec::new(),
            at: Some((data.as_ptr().addr(), data.len())),
        });
    }
    // A copy of bytes already in memory; refused (no thumbnail) if the allocator cannot give it.
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(data.len()).ok()?;
    bytes.extend_from_slice(data);
    Some(Thumbnail {
        media_type,
        data: bytes,
        at: None,
    })
}
