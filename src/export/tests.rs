//! Tests of the whole HTML report on hand-written reports. The page-side tests
//! (tests/e2e/report.test.mjs) parse it with Chromium and print it to PDF.

use super::*;
use serde_json::json;

const EVIL: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&<!--";

fn ctx() -> Context {
    Context {
        checked_at: "2026-11-28T12:00:00Z".to_owned(),
        verify_time: Some("2026-11-28T12:00:00Z".to_owned()),
        tool_version: "0.1.0".to_owned(),
        tool_kind: "command line".to_owned(),
        tool_sha256: Some("ab".repeat(32)),
        trust_lists: vec![TrustList {
            name: EVIL.to_owned(),
            kind: "trust anchors".to_owned(),
            sha256: "cd".repeat(32),
            fetched: None,
            certificates: Some(3),
        }],
    }
}

fn hostile_report() -> Value {
    json!({
        "input": {"format": "png", "size": 10, "sha256": EVIL},
        "verdict": EVIL, "summary": EVIL,
        "ai": {"kind": EVIL, "tools": [EVIL]},
        "conflicts": [EVIL],
        "signals": [{"family": EVIL, "strength": EVIL, "ai": EVIL, "value": EVIL, "tool": EVIL,
                     "location": {"container": EVIL, "block": EVIL, "offset": 3, "path": EVIL}, "explanation": EVIL}],
        "remote_manifests": [EVIL],
        "remote_manifest": {"url": EVIL, "host": EVIL, "fetchable": true, "status": "not-fetched", "code": EVIL, "explanation": EVIL},
        "c2pa": {"state": EVIL, "active_manifest": EVIL, "ai_tool": EVIL, "remote_manifest": EVIL,
            "manifests": [{"label": EVIL, "title": EVIL, "claim_generator": EVIL,
                "signer": {"common_name": EVIL, "organization": EVIL, "issuer": EVIL, "alg": EVIL, "time": EVIL, "timestamped": true,
                           "chain": [{"subject": EVIL, "issuer": EVIL, "not_before": EVIL, "not_after": EVIL, "sha256": EVIL}]},
                "actions": [{"action": EVIL, "software_agent": EVIL, "digital_source_type": EVIL, "when": EVIL}],
                "ingredients": [{"title": EVIL, "relationship": EVIL, "manifest": EVIL}],
                "identities": [{"state": EVIL, "name": EVIL, "explanation": EVIL,
                    "verified_identities": [{"type": EVIL, "name": EVIL, "username": EVIL, "uri": EVIL,
                        "provider_name": EVIL, "verified_at": EVIL}]}],
                "thumbnail": {"media_type": "image/png", "data_base64": EVIL}}],
            "validation": {"failure": [{"code": EVIL, "explanation": EVIL, "manifest": EVIL, "url": EVIL}], "informational": [], "success": []}},
        "errors": [{"kind": EVIL, "message": EVIL, "fatal": true}]
    })
}

#[test]
fn hostile_strings_never_become_markup() {
    let items = [
        Item {
            name: EVIL.to_owned(),
            report: hostile_report(),
            thumbnail: Some(format!("data:image/png;base64,{EVIL}")),
        },
        Item {
            name: "second.png".to_owned(),
            report: hostile_report(),
            thumbnail: None,
        },
    ];
    let html = html_report(&items, &ctx());
    assert!(
        !html.to_lowercase().contains("<script"),
        "a script element got through"
    );
    assert!(!html.contains("<img src=x"), "an img element got through");
    assert!(!html.contains("<!--"), "a comment opener got through");
    assert!(!html.contains("onerror=alert(2)>"));
    // Every hostile string is there, escaped (name, summary, signer, codes, ...).
    assert!(
        html.matches("&lt;script&gt;alert(1)&lt;/script&gt;")
            .count()
            > 20
    );
    // The unknown verdict shows as error; the hostile thumbnail is dropped, not embedded.
    assert!(html.contains("data-verdict=\"error\""));
    assert!(!html.contains("data:image/png;base64,&lt;"));
}

#[test]
fn self_contained_no_scripts_no_external_references() {
    let html = html_report(
        &[Item {
            name: "a.png".to_owned(),
            report: hostile_report(),
            thumbnail: None,
        }],
        &ctx(),
    );
    let lower = html.to_lowercase();
    assert!(lower.starts_with("<!doctype html>"));
    assert!(!lower.contains("<script") && !lower.contains("javascript:"));
    assert!(!lower.contains("<link") && !lower.contains("@import") && !lower.contains("<iframe"));
    for attr in [" src=\"", " href=\""] {
        for (i, _) in lower.match_indices(attr) {
            let v = &lower[i + attr.len()..];
            assert!(
                v.starts_with("data:image/") || v.starts_with('#'),
                "external {attr}: {}",
                &v[..40.min(v.len())]
            );
        }
    }
    assert!(
        !lower.contains("url(") || lower.matches("url(").count() == lower.matches("url(#").count()
    );
    assert!(lower.contains("@media print"));
}

#[test]
fn batch_report_has_summary_first_then_one_section_per_file() {
    let report = |v: &str| json!({"input": {"format": "jpeg", "size": 2048, "sha256": "00"}, "verdict": v, "summary": "s", "ai": {"kind": null, "tools": []}, "signals": []});
    let items: Vec<Item> = ["no-label", "invalid", "ai-signed"]
        .iter()
        .enumerate()
        .map(|(i, v)| Item {
            name: format!("f{i}.jpg"),
            report: report(v),
            thumbnail: None,
        })
        .collect();
    let html = html_report(&items, &ctx());
    let summary = html.find("id=\"summary-h\"").unwrap();
    let first = html.find("id=\"file-1\"").unwrap();
    assert!(summary < first);
    // The verdicts first; how the check was made after them.
    assert!(first < html.find("id=\"about-h\"").unwrap());
    assert_eq!(html.matches("<section class=\"file\"").count(), 3);
    assert!(html.contains("href=\"#file-3\""));
    assert!(html.contains("Content Credentials are broken"));
    // One file: no summary table.
    let one = html_report(&items[..1], &ctx());
    assert!(!one.contains("summary-h"));
    assert!(one.contains("That a person made it."));
}

#[test]
fn the_about_section_names_time_version_hash_and_lists() {
    let html = html_report(&[], &ctx());
    assert!(html.contains("Verified as of"));
    assert!(html.contains(&"ab".repeat(32)));
    assert!(html.contains(&"cd".repeat(32)));
    let none = html_report(
        &[],
        &Context {
            trust_lists: vec![],
            ..ctx()
        },
    );
    assert!(none.contains("No signer counts as trusted"));
}
