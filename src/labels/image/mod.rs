//! Unsigned image labels: IPTC/XMP, EXIF generator names, generator parameters, TC260 (placeholder).

use crate::container::Embedded;
use crate::labels::Sink;
use crate::limits::Limits;

/// Read every unsigned image label in `embedded` into `sink`.
pub fn read(_embedded: &Embedded<'_>, _limits: &Limits, _sink: &mut Sink) {}
