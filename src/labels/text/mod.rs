//! Text labels: disclosure statements, hidden Unicode marks, HTML metadata (placeholder).

use crate::container::Embedded;
use crate::labels::Sink;
use crate::limits::Limits;

/// Read every text label in `embedded` into `sink`.
pub fn read(_embedded: &Embedded<'_>, _limits: &Limits, _sink: &mut Sink) {}

/// Read an HTTP `AI-Disclosure` header value into `sink`.
pub fn read_ai_disclosure_header(_value: &str, _sink: &mut Sink) {}
