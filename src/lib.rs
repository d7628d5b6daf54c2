//! ailabel reads and verifies AI-content disclosure labels on images and text.
//!
//! The pipeline, one module per step (see `docs/DESIGN.md`):
//! [`sniff`] → [`container`] → [`labels`] / [`c2pa`] / [`watermark`] → verdict → report, run by
//! `check`, `check_text` and `check_as` (native builds), or by [`prepare`] and
//! [`Prepared::finish`] with a [`crypto`] backend (the browser, which answers with WebCrypto).
//!
//! Contract: every entry point takes arbitrary, possibly hostile bytes. It never panics, always
//! ends, and allocates within [`Limits`]. An input that cannot be read yields a report whose
//! verdict is `error` with a message saying what was expected, what was found, and where.
//!
//! This file is only the public face: the entry points and the types of their inputs and
//! outputs. [`crypto`] is public so that other backends can answer the verifier's requests. The
//! step modules that stay public ([`sniff`], [`container`], [`labels`], [`c2pa`],
//! [`watermark`]) do so for the integration tests and benchmarks, which exercise each step on
//! its own; their inner layout is not a stable API.

mod bytes;
mod error;
mod limits;
mod names;
mod options;
mod pipeline;
mod report;
mod signal;
mod time;
mod verdict;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod dependency_rule;

pub mod c2pa;
pub mod container;
pub mod crypto;
pub mod der;
pub mod export;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod fuzzing;
pub mod labels;
pub mod sniff;
pub mod source_type;
pub mod watermark;

#[cfg(all(target_arch = "wasm32", not(feature = "text-module")))]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "text-module"))]
mod wasm_text;

pub use c2pa::remote::{refusal as remote_refusal, RemoteManifest, RemoteStatus};
pub use error::{Error, ErrorKind};
pub use limits::{C2paBudget, Limits};
pub use options::{Options, Pixels, TrustSettings, LEGACY_TRUST_FROZEN_AT};
#[cfg(not(target_arch = "wasm32"))]
pub use pipeline::{check, check_as, check_text, error_report};
pub use pipeline::{prepare, prepare_with_rows, text_format, Prepared};
pub use report::{AiSummary, InputInfo, Report, ReportError};
pub use signal::{AiKind, Family, Sentence, Signal, Sink, Strength, TextRule};
pub use sniff::Format;
pub use time::{parse_rfc3339, rfc3339};
pub use verdict::Verdict;
