//! The long help (`ailabel --help`, which stands in for a man page) after the usage text, and
//! the version line (`ailabel --version`: the version and the commit it was built from).

/// `ailabel <version> (commit <hash>)`; the commit is recorded by `build.rs`.
pub fn version() -> String {
    format!(
        "ailabel {} (commit {})",
        env!("CARGO_PKG_VERSION"),
        env!("AILABEL_COMMIT")
    )
}

/// What `--help` prints after [`USAGE`](super::args::USAGE).
pub const MORE: &str = "
Verdicts (one per input, strongest first):
  ai-verified   Content Credentials from a trusted signer (or a generator's own verified
                signature) declare AI
  ai-signed     intact Content Credentials declare AI; the signer is not on a trust list
  invalid       Content Credentials are present but fail validation (invalid_reason:
                altered, credential or malformed)
  ai-watermark  only an open invisible watermark says AI (forgeable, removable)
  ai-declared   only unsigned metadata or text says AI (anyone can add or strip it)
  provenance    valid Content Credentials that declare no AI use
  no-label      no label found: this does NOT mean a person made it
  error         the input could not be read; the report says what and where

Output:
  Without --json, a short summary per input (coloured on a terminal), and a progress bar on
  standard error when checking folders. With --json, one JSON object per input per line, always
  with \"file\" and \"verdict\"; the fields are described in the README (\"The report\").

Trust lists:
  By default the official C2PA trust list, the C2PA time-stamp authority list and the legacy
  CAI \"interim\" list (frozen on 2026-01-01; it counts only for signatures made before then)
  are used: the dated snapshot built into ailabel, or the copies that `ailabel trust update`
  last fetched into the cache directory. `trust update` and `check --fetch-remote` are the
  only network access, and only when asked. `ailabel trust show` lists the lists in use with their dates and SHA-256. A
  warning is printed when the official lists are more than 90 days older than the verification
  time (--at, or now). --no-default-trust uses only the lists given with the options.
    C2PA trust list      https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TRUST-LIST.pem
    C2PA TSA trust list  https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TSA-TRUST-LIST.pem
    legacy CAI list      https://contentcredentials.org/trust/anchors.pem, allowed.pem, store.cfg

Examples:
  ailabel check photo.jpg
  ailabel check --json photos/ > reports.jsonl
  ailabel check --no-default-trust --trust-anchors my-anchors.pem photos/
  ailabel trust update                                  (fetch fresh lists)
  ailabel check --at 2026-11-28T12:00:00Z old.jpg      (was it valid then?)
  curl -s https://example.com/a.png | ailabel check --json -
  ailabel completions bash > ~/.local/share/bash-completion/completions/ailabel
  ailabel completions zsh > \"${fpath[1]}/_ailabel\"

Environment:
  NO_COLOR           when set, the summary is not coloured
  AILABEL_TRUST_DIR  where `trust update` keeps the lists (default: ailabel/trust in the user's
                     cache directory)

Install: cargo install --path . --features cli (from a clone of the repository).
Licence: MIT OR Apache-2.0.
";
