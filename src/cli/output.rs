//! Printing reports: a short human-readable summary (coloured on a terminal), one JSON object
//! per line, one CSV row per input (the triage columns of [`ailabel::export::triage`]), or, for
//! `html`, nothing per input (the report is written once at the end, see `report_file`); and a
//! progress bar on stderr for folders.

use ailabel::export::triage;
use ailabel::{Report, Verdict};
use std::io::{IsTerminal, Write};

/// The output format (`--format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// A short summary per input.
    #[default]
    Human,
    /// One JSON object per input per line (the fixed contract; `--json`).
    Jsonl,
    /// A header, then one row per input.
    Csv,
    /// One HTML report of all inputs.
    Html,
}

impl Format {
    /// The format named on the command line.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "human" => Some(Self::Human),
            "jsonl" | "json" => Some(Self::Jsonl),
            "csv" => Some(Self::Csv),
            "html" => Some(Self::Html),
            _ => None,
        }
    }
}

/// How to print.
pub struct Style {
    format: Format,
    color: bool,
}

impl Style {
    /// Colour only for human output to a terminal, and when `NO_COLOR` is unset.
    pub fn detect(format: Format, to_file: bool) -> Self {
        let color = format == Format::Human
            && !to_file
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none();
        Self { format, color }
    }

    /// The format.
    pub fn format(&self) -> Format {
        self.format
    }
}

/// Print what comes before the first report (the CSV header).
pub fn start(out: &mut impl Write, style: &Style) -> std::io::Result<()> {
    match style.format {
        Format::Csv => out.write_all(triage::csv_header().as_bytes()),
        _ => Ok(()),
    }
}

/// Print one report (nothing for `html`, which is written once at the end).
pub fn write(
    out: &mut impl Write,
    style: &Style,
    file: &str,
    report: &Report,
) -> std::io::Result<()> {
    match style.format {
        Format::Jsonl => return write_json_line(out, file, report),
        Format::Csv => {
            let json = serde_json::to_value(report).unwrap_or_default();
            let row = triage::Row::of(file, &json);
            return out.write_all(triage::csv_line(row.fields()).as_bytes());
        }
        Format::Html => return Ok(()),
        Format::Human => {}
    }
    let (color, label) = verdict_style(report.verdict);
    let (on, off) = if style.color {
        (color, "\x1b[0m")
    } else {
        ("", "")
    };
    let kind = report.ai.kind.map(ailabel::AiKind::name);
    write!(out, "{file}: {on}{label}{off}")?;
    if let Some(k) = kind {
        write!(out, " (AI {k})")?;
    }
    if !report.ai.tools.is_empty() {
        write!(out, " — {}", report.ai.tools.join(", "))?;
    }
    writeln!(out)?;
    writeln!(out, "  {}", report.summary)?;
    if let Some(h) = super::remote::hint(report) {
        writeln!(out, "  → {h}")?;
    }
    if let Some(c) = &report.c2pa {
        let signer = c
            .manifests
            .last()
            .and_then(|m| m.signer.as_ref())
            .and_then(|s| s.organization.clone().or_else(|| s.common_name.clone()))
            .unwrap_or_else(|| "unknown signer".to_owned());
        let reason = c
            .invalid_reason
            .map_or(String::new(), |r| format!(" ({})", r.as_str()));
        writeln!(
            out,
            "  Content Credentials: {:?}{reason}, signed by {signer}",
            c.state
        )?;
        // CAWG identity assertions of the active manifest: who vouches, and the accounts.
        for id in c
            .manifests
            .last()
            .map_or(&[][..], |m| m.identities.as_slice())
        {
            writeln!(
                out,
                "    Identity ({}): {}",
                id.state_name(),
                id.explanation
            )?;
            for v in &id.verified_identities {
                let who = [
                    v.name.as_deref(),
                    v.username.as_deref(),
                    v.address.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
                let who = if who.is_empty() {
                    String::new()
                } else {
                    format!(": {who}")
                };
                let uri = v
                    .uri
                    .as_deref()
                    .map_or(String::new(), |u| format!(" <{u}>"));
                writeln!(
                    out,
                    "      · {}{who}{uri}, verified by {} on {}",
                    v.type_, v.provider_name, v.verified_at
                )?;
            }
        }
        for (f, manifests) in grouped(&c.validation.failure) {
            write!(out, "    ✗ {}: {}", f.code, f.explanation)?;
            if manifests.len() > 1 {
                write!(
                    out,
                    " [in {} manifests: {}]",
                    manifests.len(),
                    manifests.join(", ")
                )?;
            }
            writeln!(out)?;
        }
    }
    for s in &report.signals {
        writeln!(
            out,
            "  • [{}] {}: {}",
            serde_name(&s.strength),
            serde_name(&s.family),
            one_line(&s.value, 120)
        )?;
    }
    for c in &report.conflicts {
        writeln!(out, "  ! {c}")?;
    }
    for e in &report.errors {
        writeln!(
            out,
            "  {} {}",
            if e.fatal { "error:" } else { "warning:" },
            e.message
        )?;
    }
    Ok(())
}

/// The fixed JSON-lines contract: the report object with `"file"` first, and a newline. The
/// report is written to `out` as it is serialised, never held as JSON (a report of megabytes of
/// escaped text was held as a string, and once more when it was copied into the line).
pub fn write_json_line(out: &mut impl Write, file: &str, report: &Report) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        file: &'a str,
        #[serde(flatten)]
        report: &'a Report,
    }
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer(&mut out, &Line { file, report })?;
    out.write_all(b"\n")?;
    out.flush()
}

fn verdict_style(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::AiVerified => ("\x1b[1;35m", "AI (verified credentials)"),
        Verdict::AiSigned => ("\x1b[35m", "AI (signed, signer not trusted)"),
        Verdict::Invalid => ("\x1b[1;31m", "INVALID credentials"),
        Verdict::AiWatermark => ("\x1b[33m", "AI (watermark only)"),
        Verdict::AiDeclared => ("\x1b[33m", "AI (declared, unsigned)"),
        Verdict::Provenance => ("\x1b[32m", "credentials, no AI declared"),
        Verdict::NoLabel => ("\x1b[2m", "no label"),
        Verdict::Error => ("\x1b[31m", "ERROR"),
    }
}

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|j| j.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn one_line(s: &str, max: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() > max {
        let cut: String = flat.chars().take(max).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

/// A one-line progress bar on stderr, shown only for folders on a terminal.
pub struct Progress {
    total: usize,
    enabled: bool,
}

impl Progress {
    /// Enabled when a folder was given and stderr is a terminal.
    pub fn new(folders: bool, total: usize) -> Self {
        Self {
            total,
            enabled: folders && total > 1 && std::io::stderr().is_terminal(),
        }
    }

    /// Show `done` of `total`.
    pub fn show(&self, done: usize) {
        if !self.enabled {
            return;
        }
        let width = 30usize;
        let filled = done
            .saturating_mul(width)
            .checked_div(self.total)
            .unwrap_or(width)
            .min(width);
        let bar: String = "#".repeat(filled) + &".".repeat(width - filled);
        eprint!("\r[{bar}] {done}/{}", self.total);
    }

    /// Erase the bar so that a line can be printed.
    pub fn clear(&self) {
        if self.enabled {
            eprint!("\r\x1b[2K");
        }
    }
}

/// Failures grouped by code, in order of first appearance: each code once, with the labels of
/// the manifests it was reported for.
fn grouped(
    failures: &[ailabel::c2pa::StatusEntry],
) -> Vec<(&ailabel::c2pa::StatusEntry, Vec<&str>)> {
    let mut out: Vec<(&ailabel::c2pa::StatusEntry, Vec<&str>)> = Vec::new();
    for f in failures {
        let m = f.manifest.as_deref().unwrap_or("the store");
        match out.iter_mut().find(|(g, _)| g.code == f.code) {
            Some((_, ms)) => {
                if !ms.contains(&m) {
                    ms.push(m);
                }
            }
            None => out.push((f, vec![m])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_line_puts_file_first_and_keeps_verdict() {
        let r = ailabel::check(
            b"\x00\x01\x02\x03 not an image",
            &ailabel::Options::default(),
        );
        let mut out = Vec::new();
        write_json_line(&mut out, "a \"b\".bin", &r).unwrap();
        let line = String::from_utf8(out).unwrap();
        let line = line.strip_suffix('\n').unwrap();
        assert!(line.starts_with("{\"file\":\"a \\\"b\\\".bin\","), "{line}");
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["verdict"], "error");
        assert!(!line.contains('\n'));
    }

    #[test]
    fn a_code_repeated_across_manifests_is_listed_once() {
        let entry = |code: &str, m: &str| ailabel::c2pa::StatusEntry {
            code: code.to_owned(),
            explanation: format!("{code} in {m}"),
            manifest: Some(m.to_owned()),
            url: None,
        };
        let failures = [
            entry("signingCredential.expired", "urn:c2pa:a"),
            entry("signingCredential.untrusted", "urn:c2pa:a"),
            entry("signingCredential.expired", "urn:c2pa:b"),
            entry("signingCredential.expired", "urn:c2pa:b"),
        ];
        let g = grouped(&failures);
        let codes: Vec<&str> = g.iter().map(|(f, _)| f.code.as_str()).collect();
        assert_eq!(
            codes,
            ["signingCredential.expired", "signingCredential.untrusted"]
        );
        assert_eq!(g[0].1, ["urn:c2pa:a", "urn:c2pa:b"]);
        assert_eq!(g[1].1, ["urn:c2pa:a"]);
    }
}
