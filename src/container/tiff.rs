//! Container walker for tiff (placeholder until its walker lands).

use super::Embedded;
use crate::error::Result;
use crate::limits::Limits;

/// Walk a tiff input.
pub fn walk<'a>(_bytes: &'a [u8], _limits: &Limits) -> Result<Embedded<'a>> {
    Ok(Embedded::default())
}
