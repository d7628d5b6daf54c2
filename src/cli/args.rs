//! Command-line arguments, parsed by hand (no dependency): `ailabel check [options] PATH...`
//! and `ailabel trust update|show`.

use super::output::Format;
use super::trust::InUse;
use ailabel::{Options, TrustSettings};

/// The usage text.
pub const USAGE: &str = "\
Usage: ailabel check [OPTIONS] PATH...
       ailabel trust update | show
       ailabel completions bash|zsh

Reads and verifies AI-content labels (C2PA Content Credentials, IPTC/XMP, generator metadata,
open watermarks, text disclosures) in images and text. PATH is a file, a folder (searched
recursively) or - for standard input.

Options:
  --format FORMAT        human (default), jsonl (one JSON object per input per line, with
                         \"file\" and \"verdict\"), csv (one row per input: the triage columns)
                         or html (one self-contained report of every input, to print or file)
  --json                 the same as --format jsonl
  -o, --output FILE      write the output to FILE instead of standard output
  --trust-anchors PEM    trust anchors for C2PA signers (repeatable)
  --allowed-list FILE    allowed end-entity certificates, PEM or SHA-256 lines (repeatable)
  --trust-config FILE    accepted EKUs in c2pa-rs store.cfg format (repeatable)
  --tsa-anchors PEM      trust anchors for timestamp authorities (repeatable)
  --cawg-trust PEM       trust anchors for the X.509 signers of CAWG identity assertions
                         (repeatable; none are built in)
  --cawg-ica-issuer DID  a trusted issuer of CAWG identity claims aggregation credentials,
                         e.g. did:web:example.com (repeatable; none is trusted by default)
  --legacy-trust DIR     the legacy CAI \"interim\" list (anchors.pem, allowed.pem, store.cfg)
                         from DIR instead of the built-in copy; it counts only for signatures
                         made before its freeze on 2026-01-01
  --no-default-trust     do not use the built-in (or `trust update`d) lists: the official
                         C2PA trust list, the C2PA time-stamp list and the legacy CAI list
  --at TIME              verify as of this time (RFC 3339, e.g. 2026-11-28T12:00:00Z)
  --manifest FILE        a .c2pa sidecar manifest store for the input
  --fragment FILE        a media segment (.m4s) of PATH, an init segment (repeatable); the
                         C2PA Merkle tree of its BMFF hash is checked over each segment
  --fetch-remote         fetch Content Credentials that a file keeps remotely (XMP
                         dcterms:provenance) and verify them against it; https: only, at most
                         16 MiB, 30 s. Off by default: the request tells that host about the file
  --ai-disclosure VALUE  the HTTP AI-Disclosure header that came with the input
  --no-watermarks        do not decode pixels to look for watermarks
  -j, --jobs N           check N inputs at a time (default: one per core, at most 8); the
                         pixels decoded at once stay within one image's budget whatever N is
  --text-key PEM         Ed25519 public key of an EncypherAI text signer (repeatable)
  -h, --help             this help
  -V, --version          the version

Exit status: 0 when every input was checked, 2 when any input could not be read, 1 on a usage
error or an output file that cannot be written. A verdict of no-label does not show that a
person made the content.
";

/// What to do.
#[derive(Debug)]
pub enum Command {
    /// Check inputs.
    Check(Box<Args>),
    /// Print help.
    Help,
    /// Print the version.
    Version,
    /// `ailabel trust update`: fetch fresh trust lists.
    TrustUpdate,
    /// `ailabel trust show`: the trust lists in use.
    TrustShow,
    /// Print a shell completion script (`ailabel completions bash|zsh`).
    Completions(String),
}

/// Arguments of `ailabel check`.
#[derive(Debug, Default)]
pub struct Args {
    pub format: Format,
    pub output: Option<String>,
    pub trust_anchors: Vec<String>,
    pub allowed_list: Vec<String>,
    pub trust_config: Vec<String>,
    pub tsa_anchors: Vec<String>,
    /// `--cawg-trust`: anchors for CAWG identity signers.
    pub cawg_trust: Vec<String>,
    /// `--cawg-ica-issuer`: DIDs of trusted identity claims aggregation issuers.
    pub cawg_ica_issuers: Vec<String>,
    pub legacy_trust: Option<String>,
    pub no_default_trust: bool,
    pub at: Option<String>,
    pub manifest: Option<String>,
    /// `--fragment FILE`: media segments of the fragmented MP4 whose init segment is checked.
    pub fragments: Vec<String>,
    pub fetch_remote: bool,
    pub ai_disclosure: Option<String>,
    pub no_watermarks: bool,
    pub text_keys: Vec<String>,
    /// `--jobs N`: inputs checked at the same time; `None`: one per core, at most 8.
    pub jobs: Option<usize>,
    pub paths: Vec<String>,
}

/// Parse the arguments after the program name.
pub fn parse(argv: &[String]) -> Result<Command, String> {
    let mut it = argv.iter();
    match it.next().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some("check") => {}
        Some("trust") => {
            return match (it.next().map(String::as_str), it.next()) {
                (Some("update"), None) => Ok(Command::TrustUpdate),
                (Some("show"), None) => Ok(Command::TrustShow),
                _ => Err("expected \"trust update\" or \"trust show\"".to_owned()),
            }
        }
        Some("completions") => {
            return match (it.next(), it.next()) {
                (Some(shell), None) => Ok(Command::Completions(shell.clone())),
                _ => Err("completions needs one shell: bash or zsh".to_owned()),
            }
        }
        Some(other) => {
            return Err(format!(
                "unknown command \"{other}\"; expected \"check\", \"trust\" or \"completions\""
            ))
        }
    }
    let mut a = Args::default();
    let mut only_paths = false;
    while let Some(arg) = it.next() {
        if only_paths || arg == "-" || !arg.starts_with('-') {
            a.paths.push(arg.clone());
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "--" => only_paths = true,
            "--json" => a.format = Format::Jsonl,
            "--format" => {
                let v = value(flag)?;
                a.format = Format::parse(&v).ok_or_else(|| {
                    format!("expected --format human, jsonl, csv or html, but found \"{v}\"")
                })?;
            }
            "-o" | "--output" => a.output = Some(value(flag)?),
            "--no-watermarks" => a.no_watermarks = true,
            "-j" | "--jobs" => {
                let v = value(flag)?;
                a.jobs = Some(
                    v.parse::<usize>()
                        .ok()
                        .filter(|n| (1..=1024).contains(n))
                        .ok_or_else(|| {
                            format!("expected --jobs to be a whole number from 1 to 1024, but found \"{v}\"")
                        })?,
                );
            }
            "--trust-anchors" => a.trust_anchors.push(value(flag)?),
            "--text-key" => a.text_keys.push(value(flag)?),
            "--allowed-list" => a.allowed_list.push(value(flag)?),
            "--trust-config" => a.trust_config.push(value(flag)?),
            "--tsa-anchors" => a.tsa_anchors.push(value(flag)?),
            "--cawg-trust" => a.cawg_trust.push(value(flag)?),
            "--cawg-ica-issuer" => {
                let v = value(flag)?;
                if !v.starts_with("did:") {
                    return Err(format!(
                        "expected --cawg-ica-issuer to be a DID (did:web:..., did:jwk:...), but found \"{v}\""
                    ));
                }
                a.cawg_ica_issuers.push(v);
            }
            "--legacy-trust" => a.legacy_trust = Some(value(flag)?),
            "--no-default-trust" => a.no_default_trust = true,
            "--at" => a.at = Some(value(flag)?),
            "--manifest" => a.manifest = Some(value(flag)?),
            "--fragment" => a.fragments.push(value(flag)?),
            "--fetch-remote" => a.fetch_remote = true,
            "--ai-disclosure" => a.ai_disclosure = Some(value(flag)?),
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown option \"{other}\"")),
        }
    }
    if a.paths.is_empty() {
        return Err("expected at least one PATH (a file, a folder, or - for stdin)".to_owned());
    }
    Ok(Command::Check(Box::new(a)))
}

impl Args {
    /// Build library options, reading the trust files; `default_lists` are the built-in or
    /// updated lists in use (`None` with `--no-default-trust`).
    pub fn options(&self, default_lists: Option<&[InUse]>) -> Result<Options, String> {
        let read_all = |files: &[String]| -> Result<Vec<String>, String> {
            files
                .iter()
                .map(|f| std::fs::read_to_string(f).map_err(|e| format!("cannot read {f}: {e}")))
                .collect()
        };
        let verify_time = match &self.at {
            Some(t) => Some(ailabel::parse_rfc3339(t).ok_or_else(|| {
                format!("expected --at as RFC 3339 (e.g. 2026-11-28T12:00:00Z), but found \"{t}\"")
            })?),
            None => None,
        };
        let sidecar_manifest = match &self.manifest {
            Some(f) => Some(std::fs::read(f).map_err(|e| format!("cannot read {f}: {e}"))?),
            None => None,
        };
        let fragments = self
            .fragments
            .iter()
            .map(|f| std::fs::read(f).map_err(|e| format!("cannot read {f}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        let mut trust = TrustSettings {
            trust_anchors: read_all(&self.trust_anchors)?,
            allowed_list: read_all(&self.allowed_list)?,
            trust_config: read_all(&self.trust_config)?,
            tsa_anchors: read_all(&self.tsa_anchors)?,
            cawg_trust_anchors: read_all(&self.cawg_trust)?,
            cawg_ica_issuers: self.cawg_ica_issuers.clone(),
            ..TrustSettings::default()
        };
        if let Some(dir) = &self.legacy_trust {
            super::trust::legacy_dir(dir, &mut trust)?;
        }
        if let Some(lists) = default_lists {
            let lists: Vec<_> = lists
                .iter()
                .filter(|l| self.legacy_trust.is_none() || !l.list.is_legacy())
                .cloned()
                .collect();
            super::trust::apply(&mut trust, &lists);
        }
        Ok(Options {
            trust,
            sidecar_manifest,
            fragments,
            verify_time,
            watermarks: !self.no_watermarks,
            ai_disclosure_header: self.ai_disclosure.clone(),
            text_keys: read_all(&self.text_keys)?,
            ..Options::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_repeatable_flags_and_paths() {
        let Command::Check(a) = parse(&v(&[
            "check",
            "--json",
            "--trust-anchors",
            "a.pem",
            "--trust-anchors=b.pem",
            "x.jpg",
            "-",
        ]))
        .unwrap() else {
            panic!("expected check")
        };
        assert_eq!(a.format, Format::Jsonl);
        assert_eq!(a.trust_anchors, ["a.pem", "b.pem"]);
        assert_eq!(a.paths, ["x.jpg", "-"]);
    }

    #[test]
    fn format_and_output() {
        let Command::Check(a) =
            parse(&v(&["check", "--format", "csv", "-o", "out.csv", "x"])).unwrap()
        else {
            panic!("expected check")
        };
        assert_eq!(
            (a.format, a.output.as_deref()),
            (Format::Csv, Some("out.csv"))
        );
        let Command::Check(a) = parse(&v(&["check", "--format=html", "x"])).unwrap() else {
            panic!("expected check")
        };
        assert_eq!(a.format, Format::Html);
        assert!(parse(&v(&["check", "--format", "xml", "x"])).is_err());
        assert!(parse(&v(&["check", "--output"])).is_err());
    }

    #[test]
    fn jobs() {
        let Command::Check(a) = parse(&v(&["check", "-j", "3", "x"])).unwrap() else {
            panic!("expected check")
        };
        assert_eq!(a.jobs, Some(3));
        let Command::Check(a) = parse(&v(&["check", "x"])).unwrap() else {
            panic!("expected check")
        };
        assert_eq!(a.jobs, None);
        for bad in ["0", "-1", "many", "1025"] {
            assert!(parse(&v(&["check", "--jobs", bad, "x"])).is_err(), "{bad}");
        }
    }

    #[test]
    fn rejects_missing_paths_and_unknown_flags() {
        assert!(parse(&v(&["check", "--json"])).is_err());
        assert!(parse(&v(&["check", "--bogus", "x"])).is_err());
        assert!(parse(&v(&["check", "--at"])).is_err());
        assert!(parse(&v(&["frobnicate"])).is_err());
        assert!(parse(&v(&["trust"])).is_err());
        assert!(parse(&v(&["trust", "update", "x"])).is_err());
        assert!(matches!(
            parse(&v(&["trust", "update"])),
            Ok(Command::TrustUpdate)
        ));
    }
}
