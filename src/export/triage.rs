//! The triage row of one checked file: the columns a fact-checker sorts twenty files by. One
//! definition for the CSV output and the HTML report's summary table. The CSV header and column
//! order are a fixed contract (a golden test in `tests/cli.rs` holds them).

use super::value::{active_manifest, list, number, signer_name, text};
use serde_json::Value;

/// The CSV columns, in order.
pub const COLUMNS: [&str; 14] = [
    "file",
    "verdict",
    "ai_kind",
    "ai_tools",
    "signer",
    "signing_time",
    "timestamped",
    "c2pa_state",
    "invalid_reason",
    "failure_codes",
    "format",
    "size",
    "sha256",
    "errors",
];

/// One file's triage facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The file name as given.
    pub file: String,
    /// The verdict code.
    pub verdict: String,
    /// `generated`, `edited`, `may-contain`, or empty.
    pub ai_kind: String,
    /// AI tools named, `; `-separated.
    pub ai_tools: String,
    /// Signer of the active manifest.
    pub signer: String,
    /// Its signing time (RFC 3339).
    pub signing_time: String,
    /// `true`/`false` when there is a signer, else empty.
    pub timestamped: String,
    /// `Trusted`, `Valid`, `Invalid`, or empty.
    pub c2pa_state: String,
    /// For `Invalid`: `altered`, `credential` or `malformed`, else empty.
    pub invalid_reason: String,
    /// Failure status codes, `; `-separated, each once.
    pub failure_codes: String,
    /// The sniffed format.
    pub format: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the input.
    pub sha256: String,
    /// Fatal error messages, `; `-separated.
    pub errors: String,
}

impl Row {
    /// The row of `report` for the input called `file`.
    pub fn of(file: &str, report: &Value) -> Self {
        let strings = |path: &[&str]| -> Vec<String> {
            list(report, path)
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        let active = active_manifest(report);
        let mut codes: Vec<String> = Vec::new();
        for e in list(report, &["c2pa", "validation", "failure"]) {
            if let Some(c) = text(e, &["code"]) {
                if !codes.iter().any(|x| x == c) {
                    codes.push(c.to_owned());
                }
            }
        }
        let errors: Vec<String> = list(report, &["errors"])
            .iter()
            .filter(|e| e.get("fatal").and_then(Value::as_bool) == Some(true))
            .filter_map(|e| text(e, &["message"]).map(str::to_owned))
            .collect();
        Self {
            file: file.to_owned(),
            verdict: text(report, &["verdict"]).unwrap_or("error").to_owned(),
            ai_kind: text(report, &["ai", "kind"]).unwrap_or_default().to_owned(),
            ai_tools: strings(&["ai", "tools"]).join("; "),
            signer: active.and_then(signer_name).unwrap_or_default().to_owned(),
            signing_time: active
                .and_then(|m| text(m, &["signer", "time"]))
                .unwrap_or_default()
                .to_owned(),
            timestamped: active
                .and_then(|m| m.get("signer"))
                .and_then(|s| s.get("timestamped"))
                .and_then(Value::as_bool)
                .map(|b| b.to_string())
                .unwrap_or_default(),
            c2pa_state: text(report, &["c2pa", "state"])
                .unwrap_or_default()
                .to_owned(),
            invalid_reason: text(report, &["c2pa", "invalid_reason"])
                .unwrap_or_default()
                .to_owned(),
            failure_codes: codes.join("; "),
            format: text(report, &["input", "format"])
                .unwrap_or_default()
                .to_owned(),
            size: number(report, &["input", "size"]).unwrap_or(0),
            sha256: text(report, &["input", "sha256"])
                .unwrap_or_default()
                .to_owned(),
            errors: errors.join("; "),
        }
    }

    /// The row as CSV fields, in [`COLUMNS`] order.
    pub fn fields(&self) -> [String; 14] {
        [
            self.file.clone(),
            self.verdict.clone(),
            self.ai_kind.clone(),
            self.ai_tools.clone(),
            self.signer.clone(),
            self.signing_time.clone(),
            self.timestamped.clone(),
            self.c2pa_state.clone(),
            self.invalid_reason.clone(),
            self.failure_codes.clone(),
            self.format.clone(),
            self.size.to_string(),
            self.sha256.clone(),
            self.errors.clone(),
        ]
    }
}

/// The CSV header line, CRLF-terminated (RFC 4180 §2).
pub fn csv_header() -> String {
    csv_line(COLUMNS.iter().map(|c| (*c).to_owned()))
}

/// One CSV record, CRLF-terminated.
pub fn csv_line(fields: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(&f));
    }
    out.push_str("\r\n");
    out
}

/// One CSV field (RFC 4180 §2): quoted when it holds a comma, a quote or a line break, quotes
/// doubled. A field a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return: a file name or a signer name from a hostile file) is prefixed with
/// `'` so that it stays text (OWASP "CSV Injection").
pub fn csv_field(s: &str) -> String {
    let formula = matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let s = if formula {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_quotes_and_defuses() {
        assert_eq!(csv_field("plain.jpg"), "plain.jpg");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(
            csv_line(["a".to_owned(), "b,c".to_owned()]),
            "a,\"b,c\"\r\n"
        );
    }

    #[test]
    fn row_from_a_report() {
        let r = json!({
            "input": {"format": "jpeg", "size": 12, "sha256": "ab"},
            "verdict": "invalid", "ai": {"kind": "generated", "tools": ["DALL-E", "x"]},
            "c2pa": {"state": "Invalid", "invalid_reason": "altered", "active_manifest": "m", "manifests": [
                {"label": "m", "signer": {"common_name": "CN", "time": "2024-01-01T00:00:00Z", "timestamped": false}}],
                "validation": {"failure": [{"code": "assertion.dataHash.mismatch"}, {"code": "assertion.dataHash.mismatch"}]}},
            "errors": [{"message": "w", "fatal": false}]
        });
        let row = Row::of("f.jpg", &r);
        assert_eq!(
            row.fields(),
            [
                "f.jpg",
                "invalid",
                "generated",
                "DALL-E; x",
                "CN",
                "2024-01-01T00:00:00Z",
                "false",
                "Invalid",
                "altered",
                "assertion.dataHash.mismatch",
                "jpeg",
                "12",
                "ab",
                ""
            ]
        );
        let empty = Row::of("e", &json!({}));
        assert_eq!(empty.verdict, "error");
        assert_eq!(empty.timestamped, "");
    }
}
