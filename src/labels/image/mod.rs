//! Unsigned image labels: IPTC/XMP, EXIF generator names, generator parameters, TC260.
//!
//! Everything read here is declarative metadata (FORMATS §8): every signal has strength
//! [`Strength::Declared`](crate::signal::Strength::Declared) and says so in its explanation.
//!
//! - [`xmp`]: the namespace-aware XMP reader; [`iptc`]: the signals read from XMP.
//! - [`fields`]: PNG text entries and EXIF tags as strings; [`generators`]: their signals, using
//!   [`params`] (generator parameter formats), [`tools`] (known generator names) and [`tc260`].

pub mod fields;
pub mod generators;
pub mod iptc;
pub mod params;
pub mod tc260;
pub mod tools;
pub mod xmp;

use crate::container::Embedded;
use crate::limits::Limits;
use crate::signal::Sink;

/// Read every unsigned image label in `embedded` into `sink`.
pub fn read(embedded: &Embedded<'_>, limits: &Limits, sink: &mut Sink) {
    // One allowance of kept property values for all the input's packets.
    let mut left = xmp::MAX_KEPT_BYTES;
    for payload in &embedded.xmp {
        let packet = xmp::parse_only(&payload.bytes, limits, iptc::NAMESPACES, &mut left);
        if let Some(w) = &packet.warning {
            let w = format!("in XMP of {}: {w}", payload.location.block);
            if packet.unread {
                sink.warnings.push_unread(w);
            } else {
                sink.warnings.push(w);
            }
        }
        iptc::signals(&packet, payload, limits, sink);
    }
    let all = fields::collect(embedded, limits, &mut sink.warnings);
    generators::signals(&all, limits, sink);
}
