//! Command-line arguments, parsed by hand (no dependency): `ailabel check [options] PATH...`
//! and `ailabel trust update|show`.

use super::trust::InUse;
use ailabel::{Options, TrustSettings};

/// The usage text.
pub const USAGE: &str = "\
Usage: ailabel check [OPTIONS] PATH...
       ailabel trust update | show

Reads and verifies AI-content labels (C2PA Content Credentials, IPTC/XMP, generator metadata,
open watermarks, text disclosures) in images and text. PATH is a file, a folder (searched
recursively) or - for standard input.

Options:
  --json                 one JSON object per input per line (\"file\", \"verdict\", ...)
  --trust-anchors PEM    trust anchors for C2PA signers (repeatable)
  --allowed-list FILE    allowed end-entity certificates, PEM or SHA-256 lines (repeatable)
  --trust-config FILE    accepted EKUs in c2pa-rs store.cfg format (repeatable)
  --tsa-anchors PEM      trust anchors for timestamp authorities (repeatable)
  --legacy-trust DIR     the legacy CAI \"interim\" list (anchors.pem, allowed.pem, store.cfg)
                         from DIR instead of the built-in copy; it counts only for signatures
                         made before its freeze on 2026-01-01
  --no-default-trust     do not use the built-in (or `trust update`d) lists: the official
                         C2PA trust list, the C2PA time-stamp list and the legacy CAI list
  --at TIME              verify as of this time (RFC 3339, e.g. 2026-11-28T12:00:00Z)
  --manifest FILE        a .c2pa sidecar manifest store for the input
  --ai-disclosure VALUE  the HTTP AI-Disclosure header that came with the input
  --no-watermarks        do not decode pixels to look for watermarks
  -h, --help             this help
  -V, --version          the version

Trust lists: by default the official C2PA trust list, the C2PA time-stamp authority list and
the legacy CAI list are used, from a snapshot built into ailabel, or the copies that
`ailabel trust update` last fetched into the cache directory (the only network access; only
when asked). `ailabel trust show` lists them with their dates. A warning is printed when the
official lists are more than 90 days older than the verification time.

Exit status: 0 when every input was checked, 2 when any input could not be read, 1 on a usage
error. A verdict of no-label does not show that a person made the content.
";

/// What to do (made once per run, so the size of `Check` does not matter).
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Check inputs.
    Check(Args),
    /// Print help.
    Help,
    /// Print the version.
    Version,
    /// `ailabel trust update`: fetch fresh trust lists.
    TrustUpdate,
    /// `ailabel trust show`: the trust lists in use.
    TrustShow,
}

/// Arguments of `ailabel check`.
#[derive(Debug, Default)]
pub struct Args {
    pub json: bool,
    pub trust_anchors: Vec<String>,
    pub allowed_list: Vec<String>,
    pub trust_config: Vec<String>,
    pub tsa_anchors: Vec<String>,
    pub legacy_trust: Option<String>,
    pub no_default_trust: bool,
    pub at: Option<String>,
    pub manifest: Option<String>,
    pub ai_disclosure: Option<String>,
    pub no_watermarks: bool,
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
        Some(other) => {
            return Err(format!(
                "unknown command \"{other}\"; expected \"check\" or \"trust\""
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
            "--json" => a.json = true,
            "--no-watermarks" => a.no_watermarks = true,
            "--trust-anchors" => a.trust_anchors.push(value(flag)?),
            "--allowed-list" => a.allowed_list.push(value(flag)?),
            "--trust-config" => a.trust_config.push(value(flag)?),
            "--tsa-anchors" => a.tsa_anchors.push(value(flag)?),
            "--legacy-trust" => a.legacy_trust = Some(value(flag)?),
            "--no-default-trust" => a.no_default_trust = true,
            "--at" => a.at = Some(value(flag)?),
            "--manifest" => a.manifest = Some(value(flag)?),
            "--ai-disclosure" => a.ai_disclosure = Some(value(flag)?),
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown option \"{other}\"")),
        }
    }
    if a.paths.is_empty() {
        return Err("expected at least one PATH (a file, a folder, or - for stdin)".to_owned());
    }
    Ok(Command::Check(a))
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
        let mut trust = TrustSettings {
            trust_anchors: read_all(&self.trust_anchors)?,
            allowed_list: read_all(&self.allowed_list)?,
            trust_config: read_all(&self.trust_config)?,
            tsa_anchors: read_all(&self.tsa_anchors)?,
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
            verify_time,
            watermarks: !self.no_watermarks,
            ai_disclosure_header: self.ai_disclosure.clone(),
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
        assert!(a.json);
        assert_eq!(a.trust_anchors, ["a.pem", "b.pem"]);
        assert_eq!(a.paths, ["x.jpg", "-"]);
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
