//! `--format html`: what only the command line knows about the check (when it ran, "as of"
//! when, the trust files with their SHA-256, the SHA-256 of this binary), handed with the
//! reports to [`ailabel::export::html_report`].

use super::args::Args;
use ailabel::export::{count_pem_certificates, Context, Item, TrustList};
use ailabel::{Options, Report};
use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

/// The HTML report of `reports` (file name, report), in input order.
pub fn html(args: &Args, options: &Options, reports: Vec<(String, Report)>) -> String {
    let items: Vec<Item> = reports
        .into_iter()
        .map(|(name, report)| Item {
            name,
            report: serde_json::to_value(&report).unwrap_or_default(),
            thumbnail: None,
        })
        .collect();
    ailabel::export::html_report(&items, &context(args, options))
}

fn context(args: &Args, options: &Options) -> Context {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .unwrap_or(0);
    let mut trust_lists = Vec::new();
    for (files, kind) in [
        (&args.trust_anchors, "signer trust anchors"),
        (&args.allowed_list, "allowed signer certificates"),
        (&args.trust_config, "accepted key usages (store.cfg)"),
        (&args.tsa_anchors, "time-stamp authority anchors"),
    ] {
        for f in files {
            trust_lists.push(trust_list(f, kind));
        }
    }
    Context {
        checked_at: rfc3339(now),
        verify_time: options.verify_time.map(rfc3339),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        tool_kind: "command line".to_owned(),
        tool_sha256: std::env::current_exe()
            .ok()
            .and_then(|p| std::fs::read(p).ok())
            .map(|b| sha256_hex(&b)),
        trust_lists,
    }
}

/// A trust file as the report lists it: name, SHA-256, certificates, and when it was last
/// modified (the command line cannot know when it was downloaded).
fn trust_list(path: &str, kind: &str) -> TrustList {
    let bytes = std::fs::read(path).unwrap_or_default();
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .map(|t| format!("file modified {}", rfc3339(t)));
    let text = String::from_utf8_lossy(&bytes);
    let certs = count_pem_certificates(&text);
    TrustList {
        name: path.to_owned(),
        kind: kind.to_owned(),
        sha256: sha256_hex(&bytes),
        fetched: modified,
        certificates: (certs > 0).then_some(certs),
    }
}

fn rfc3339(t: i64) -> String {
    ailabel::rfc3339(t)
}

/// SHA-256 of `bytes`, lowercase hex.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
