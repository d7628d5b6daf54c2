//! C2PA Content Credentials: find, parse and verify manifest stores (placeholder until the
//! verifier lands; the report types in [`report`] are the contract with the surfaces).

pub mod cose;
pub mod ocsp;
pub mod report;
pub mod signature;
pub mod timestamp;
pub mod trust;
pub mod x509;

use crate::container::Embedded;
use crate::labels::Sink;
use crate::options::Options;
pub use report::{C2paReport, C2paState, StatusEntry, Validation};

/// Verify the C2PA manifest store(s) found in `embedded` (or given as a sidecar in `options`)
/// against `input`. Returns `None` when there are no Content Credentials at all. Signals for
/// AI declarations go into `sink`.
pub fn verify(
    _input: &[u8],
    _embedded: &Embedded<'_>,
    _options: &Options,
    _sink: &mut Sink,
) -> Option<C2paReport> {
    None
}
