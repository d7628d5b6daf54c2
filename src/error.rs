//! Why an input could not be read at all.
//!
//! This is one of the two channels the checker speaks on. An [`Error`] means "these bytes could
//! not be read as what they claim to be": truncated, malformed, over a
//! [`Limits`](crate::limits::Limits) bound, or of a kind we do not read. A *failed check* (a bad
//! signature, a hash mismatch) is never an `Error`: it is a finding in the report, with a C2PA
//! status code.
//!
//! Messages follow one shape: lowercase, "expected X in Y, but found Z", naming the structure and
//! the byte offset, with untrusted bytes escaped (see [`escape`]).

use std::fmt;

/// Who is at fault, in the spirit of image-png's error grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input breaks the format's rules (truncated, bad length, bad checksum, ...).
    Malformed,
    /// The input is well formed but of a kind or version we do not read.
    Unsupported,
    /// The input exceeds a bound in [`Limits`](crate::limits::Limits).
    LimitExceeded,
    /// The caller passed something unusable (for example an unreadable PEM file).
    Parameter,
    /// Reading from the operating system failed (CLI only).
    Io,
}

impl ErrorKind {
    /// The report's spelling of the kind (as serialised: `malformed`, `limit-exceeded`, ...).
    pub fn name(self) -> &'static str {
        crate::names::variant_name(&self)
    }
}

/// An input that could not be read, with a message a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// A malformed-input error.
    #[cold]
    pub fn malformed(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Malformed,
            message: message.into(),
        }
    }

    /// An unsupported-input error.
    #[cold]
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Unsupported,
            message: message.into(),
        }
    }

    /// A limit was exceeded: `what` names the bound, `limit` its value.
    #[cold]
    pub fn limit(what: &str, limit: u64, at: &str) -> Self {
        Self {
            kind: ErrorKind::LimitExceeded,
            message: format!("{what} exceeds the limit of {limit} in {at}"),
        }
    }

    /// A caller-side error.
    #[cold]
    pub fn parameter(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Parameter,
            message: message.into(),
        }
    }

    /// An I/O error.
    #[cold]
    pub fn io(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Io,
            message: message.into(),
        }
    }

    /// Which actor caused the failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Prefix the message with the structure it happened in, e.g. `"in PNG chunk tEXt at 0x21"`.
    #[must_use]
    pub fn context(mut self, ctx: impl fmt::Display) -> Self {
        self.message = format!("{ctx}: {}", self.message);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Escape untrusted bytes for an error message: printable ASCII as is, the rest as `\xNN`,
/// at most `max` bytes shown.
pub fn escape(bytes: &[u8], max: usize) -> String {
    let mut out = String::new();
    for &b in bytes.iter().take(max) {
        if (0x20..0x7f).contains(&b) && b != b'\\' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    if bytes.len() > max {
        out.push('…');
    }
    out
}

/// Shorthand for results in this crate.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_shows_printable_and_hex() {
        assert_eq!(escape(b"ab\x00\xff", 10), "ab\\x00\\xff");
        assert_eq!(escape(b"abcdef", 3), "abc…");
    }

    #[test]
    fn kind_names_are_the_serialised_names() {
        let all = [
            ErrorKind::Malformed,
            ErrorKind::Unsupported,
            ErrorKind::LimitExceeded,
            ErrorKind::Parameter,
            ErrorKind::Io,
        ];
        for k in all {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.name()));
        }
    }

    #[test]
    fn error_stays_small() {
        assert!(std::mem::size_of::<Error>() <= 32);
    }
}
