//! The report to file: one self-contained HTML document for one or many checked files. Inline
//! CSS with a print stylesheet (the browser's Print → PDF gives a clean PDF), thumbnails as
//! checked `data:` URIs, no scripts, no external references. Every string from a report or a
//! caller goes through [`escape`]; only this module's own constants are written raw.

use super::escape::escape;
use super::graph::{self, checked_data_uri, thumbnail_uri};
use super::triage::Row;
use super::value::{active_manifest, list, size_words, text};
use super::{svg, words, Context, Item};
use serde_json::Value;
use std::fmt::Write;

const STYLE: &str = include_str!("style.css");
/// Longest value of a signal or code written out; longer ones are cut (the JSON has them).
const MAX_VALUE_CHARS: usize = 4000;

/// The HTML report of `items` (a summary table first when there is more than one).
pub fn report(items: &[Item], ctx: &Context) -> String {
    let mut s = String::new();
    let title = match items {
        [one] => format!("ailabel report: {}", one.name),
        _ => format!("ailabel report: {} files", items.len()),
    };
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"ailabel {}\"><title>{}</title><style>",
        escape(&ctx.tool_version),
        escape(&title)
    );
    s.push_str(STYLE);
    for v in words::VERDICTS {
        let _ = write!(s, ".v-{}{{--v:{}}}", v.code, v.color);
    }
    s.push_str("</style></head><body>\n<header><h1>");
    s.push_str(&escape(&title));
    let _ = writeln!(
        s,
        "</h1><p class=\"muted\">Checked {} (UTC) with ailabel {}. This report is self-contained: \
         it loads nothing and runs nothing.</p></header>",
        escape(&ctx.checked_at),
        escape(&ctx.tool_version)
    );
    if items.len() > 1 {
        summary(&mut s, items);
    }
    for (i, item) in items.iter().enumerate() {
        file(&mut s, i, item, items.len() > 1);
    }
    about(&mut s, ctx);
    s.push_str(
        "<footer class=\"small muted\"><p>A label can show that something was made with AI; the \
         absence of a label shows nothing. Signed statements are as honest as their signer.</p>\
         </footer>\n</body></html>\n",
    );
    s
}

/// How the check was made: time, "as of", version, trust lists (after the files: the verdicts
/// come first).
fn about(s: &mut String, ctx: &Context) {
    s.push_str("<section class=\"about\" aria-labelledby=\"about-h\"><h2 id=\"about-h\">How this was checked</h2><dl class=\"facts\">");
    fact(s, "Checked at (UTC)", &escape(&ctx.checked_at));
    let as_of = match &ctx.verify_time {
        Some(t) => format!("{} (certificates were checked as of this time, unless a verified timestamp in the file gives the signing time)", escape(t)),
        None => "the time of the check (certificates were checked as of now, unless a verified timestamp in the file gives the signing time)".to_owned(),
    };
    fact(s, "Verified as of", &as_of);
    fact(
        s,
        "Checker",
        &format!(
            "ailabel {}, {}",
            escape(&ctx.tool_version),
            escape(&ctx.tool_kind)
        ),
    );
    fact(
        s,
        "Checker SHA-256",
        &match &ctx.tool_sha256 {
            Some(h) => format!("<code>{}</code>", escape(h)),
            None => "not available".to_owned(),
        },
    );
    s.push_str("</dl><h3>Trust lists in use</h3>");
    if ctx.trust_lists.is_empty() {
        s.push_str(
            "<p>None. No signer counts as trusted, so valid Content Credentials show as \
             “signed, signer not trusted”.</p>",
        );
    } else {
        s.push_str("<ul class=\"lists\">");
        for l in &ctx.trust_lists {
            let _ = write!(
                s,
                "<li><strong>{}</strong>: {}{}; {}.<br>SHA-256 <code>{}</code></li>",
                escape(&l.name),
                escape(&l.kind),
                l.certificates
                    .map(|c| format!(", {c} certificate{}", if c == 1 { "" } else { "s" }))
                    .unwrap_or_default(),
                escape(l.fetched.as_deref().unwrap_or("fetch date not known")),
                escape(&l.sha256),
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</section>\n");
}

fn fact(s: &mut String, key: &str, html: &str) {
    let _ = write!(s, "<dt>{key}</dt><dd>{html}</dd>");
}

fn summary(s: &mut String, items: &[Item]) {
    s.push_str("<section class=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2><table><thead><tr>");
    for h in [
        "#",
        "File",
        "Verdict",
        "AI",
        "Signer",
        "Signed at",
        "Format",
        "Size",
    ] {
        let _ = write!(s, "<th scope=\"col\">{h}</th>");
    }
    s.push_str("</tr></thead><tbody>");
    for (i, item) in items.iter().enumerate() {
        let r = Row::of(&item.name, &item.report);
        let v = words::verdict(&r.verdict);
        let ai = match (r.ai_kind.as_str(), r.ai_tools.as_str()) {
            ("", "") => String::new(),
            (k, "") => escape(words::ai_kind(k)),
            ("", t) => escape(t),
            (k, t) => format!("{} ({})", escape(words::ai_kind(k)), escape(t)),
        };
        let _ = write!(
            s,
            "<tr><td>{n}</td><td><a href=\"#file-{n}\">{}</a></td><td><span class=\"badge v-{}\">{}</span></td>\
             <td>{ai}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&item.name),
            v.code,
            escape(v.title),
            escape(&r.signer),
            escape(&r.signing_time),
            escape(&r.format),
            escape(&size_words(r.size)),
            n = i.saturating_add(1),
        );
    }
    s.push_str("</tbody></table></section>\n");
}

fn file(s: &mut String, i: usize, item: &Item, numbered: bool) {
    let r = &item.report;
    let n = i.saturating_add(1);
    let v = words::verdict(text(r, &["verdict"]).unwrap_or("error"));
    let _ = write!(
        s,
        "<section class=\"file\" id=\"file-{n}\" aria-labelledby=\"file-{n}-h\"><h2 id=\"file-{n}-h\">{}{}</h2>",
        if numbered { format!("{n}. ") } else { String::new() },
        escape(&item.name)
    );
    // The verdict, its meaning, and what it does not prove.
    let thumb = item
        .thumbnail
        .as_deref()
        .and_then(checked_data_uri)
        .or_else(|| {
            active_manifest(r)
                .and_then(|m| m.get("thumbnail"))
                .and_then(thumbnail_uri)
        });
    let _ = write!(
        s,
        "<div class=\"verdict v-{}\" data-verdict=\"{}\"><div><p><span class=\"word\">{}</span> <code>{}</code></p>\
         <p><strong>What it means:</strong> {}</p><p><strong>What it does not prove:</strong> {}</p>",
        v.code,
        v.code,
        escape(v.title),
        v.code,
        escape(text(r, &["summary"]).unwrap_or_default()),
        escape(v.not_proof),
    );
    let kind = text(r, &["ai", "kind"]);
    let tools: Vec<&str> = list(r, &["ai", "tools"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if kind.is_some() || !tools.is_empty() {
        let _ = write!(
            s,
            "<p><strong>AI:</strong> {}{}</p>",
            kind.map(|k| escape(words::ai_kind(k)))
                .unwrap_or_else(|| "not stated".to_owned()),
            if tools.is_empty() {
                String::new()
            } else {
                format!("; tool named: {}", escape(&tools.join(", ")))
            }
        );
    }
    s.push_str("</div>");
    if let Some(uri) = thumb {
        let _ = write!(
            s,
            "<img alt=\"Thumbnail of {}\" src=\"{}\">",
            escape(&item.name),
            escape(&uri)
        );
    }
    s.push_str("</div>");
    // The file.
    s.push_str("<h3>The file</h3><dl class=\"facts\">");
    let size = super::value::number(r, &["input", "size"]).unwrap_or(0);
    fact(s, "Name", &escape(&item.name));
    fact(
        s,
        "Size",
        &format!("{size} bytes ({})", escape(&size_words(size))),
    );
    fact(
        s,
        "Format",
        &escape(text(r, &["input", "format"]).unwrap_or("unknown")),
    );
    // Absent when the check was asked not to hash the input (`inputSha256: false`).
    if let Some(hash) = text(r, &["input", "sha256"]) {
        fact(s, "SHA-256", &format!("<code>{}</code>", escape(hash)));
    }
    s.push_str("</dl>");
    let conflicts = list(r, &["conflicts"]);
    if !conflicts.is_empty() {
        s.push_str("<h3>Signals disagree</h3><ul>");
        for c in conflicts.iter().filter_map(Value::as_str) {
            let _ = write!(s, "<li>{}</li>", escape(c));
        }
        s.push_str("</ul>");
    }
    signals(s, r);
    c2pa(s, r, n);
    let fetched = fetched_remote(r);
    if let Some(e) = text(r, &["remote_manifest", "explanation"]).filter(|_| !fetched) {
        let _ = write!(s, "<p class=\"remote\">{}</p>", escape(e));
    }
    let remote = list(r, &["remote_manifests"]);
    if !remote.is_empty() {
        s.push_str(if fetched {
            "<h3>Remote Content Credentials (referenced, fetched when asked)</h3><ul>"
        } else {
            "<h3>Remote Content Credentials (referenced, not fetched)</h3><ul>"
        });
        for u in remote.iter().filter_map(Value::as_str) {
            let _ = write!(s, "<li><code>{}</code></li>", escape(u));
        }
        s.push_str("</ul>");
    }
    let errors = list(r, &["errors"]);
    if !errors.is_empty() {
        s.push_str("<h3>Problems while reading</h3><ul>");
        for e in errors {
            let fatal = e.get("fatal").and_then(Value::as_bool) == Some(true);
            let _ = write!(
                s,
                "<li{}><strong>{}</strong> {}</li>",
                if fatal { " class=\"fail\"" } else { "" },
                if fatal {
                    "fatal:".to_owned()
                } else {
                    format!("{}:", escape(text(e, &["kind"]).unwrap_or("warning")))
                },
                escape(text(e, &["message"]).unwrap_or_default())
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</section>\n");
}

fn long(v: &str) -> String {
    escape(&super::escape::clip(v, MAX_VALUE_CHARS))
}

fn signals(s: &mut String, r: &Value) {
    let signals = list(r, &["signals"]);
    let _ = write!(s, "<h3>Evidence ({})</h3>", signals.len());
    if signals.is_empty() {
        s.push_str("<p>No label of any kind was found.</p>");
        return;
    }
    s.push_str("<table class=\"evidence\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Signal</th><th scope=\"col\">Value</th><th scope=\"col\">Where it was found</th><th scope=\"col\">What it shows</th></tr></thead><tbody>");
    for (i, sig) in signals.iter().enumerate() {
        let loc = sig.get("location").cloned().unwrap_or(Value::Null);
        let mut place: Vec<String> = ["container", "block", "path"]
            .iter()
            .filter_map(|k| text(&loc, &[k]))
            .map(escape)
            .collect();
        if let Some(o) = loc.get("offset").and_then(Value::as_u64) {
            place.push(format!("at byte {o}"));
        }
        let ai = text(sig, &["ai"]).map_or_else(
            || "no AI claim".to_owned(),
            |k| format!("AI: {}", escape(words::ai_kind(k))),
        );
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}<br><span class=\"small muted\">{}; {}</span></td><td><code>{}</code>{}</td><td>{}</td><td>{}</td></tr>",
            i.saturating_add(1),
            escape(words::family(text(sig, &["family"]).unwrap_or_default())),
            escape(words::strength(text(sig, &["strength"]).unwrap_or_default())),
            ai,
            long(text(sig, &["value"]).unwrap_or_default()),
            text(sig, &["tool"]).map(|t| format!("<br>Tool: {}", escape(t))).unwrap_or_default(),
            place.join(" › "),
            escape(text(sig, &["explanation"]).unwrap_or_default()),
        );
    }
    s.push_str("</tbody></table>");
}

fn c2pa(s: &mut String, r: &Value, n: usize) {
    let Some(c) = r.get("c2pa").filter(|c| c.is_object()) else {
        return;
    };
    let state = text(c, &["state"]).unwrap_or("unknown");
    let _ = write!(
        s,
        "<h3>Content Credentials (C2PA)</h3><p><strong>{}</strong>: {}.</p>",
        escape(state),
        words::c2pa_state(state)
    );
    if let Some(t) = text(c, &["ai_tool"]) {
        let _ = write!(s, "<p>AI tool named: {}</p>", escape(t));
    }
    if let Some(u) = text(c, &["remote_manifest"]) {
        let _ = write!(
            s,
            "<p>Remote manifest ({}): <code>{}</code></p>",
            if fetched_remote(r) {
                "fetched when asked"
            } else {
                "not fetched"
            },
            escape(u)
        );
    }
    if let Some(g) = graph::build(r) {
        s.push_str("<h4>Provenance picture</h4><div class=\"picture\">");
        s.push_str(&svg::draw(&g, &format!("pic{n}")));
        s.push_str("</div>");
    }
    let manifests = list(c, &["manifests"]);
    let active = active_manifest(r);
    // Active first, then the others in store order.
    let ordered = active.into_iter().chain(
        manifests
            .iter()
            .filter(|m| active.is_none_or(|a| !std::ptr::eq(*m, a))),
    );
    for m in ordered {
        manifest(s, m, active.is_some_and(|a| std::ptr::eq(m, a)));
    }
    validation(s, c);
}

fn manifest(s: &mut String, m: &Value, is_active: bool) {
    let _ = write!(
        s,
        "<h4>{}: {}</h4><dl class=\"facts\">",
        if is_active {
            "Active manifest"
        } else {
            "Ingredient manifest"
        },
        escape(text(m, &["title"]).unwrap_or("untitled"))
    );
    fact(
        s,
        "Manifest",
        &format!(
            "<code>{}</code>",
            escape(text(m, &["label"]).unwrap_or_default())
        ),
    );
    let signer = [
        text(m, &["signer", "common_name"]),
        text(m, &["signer", "organization"]),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    fact(
        s,
        "Signed by",
        &escape(if signer.is_empty() {
            "unknown"
        } else {
            &signer
        }),
    );
    if let Some(i) = text(m, &["signer", "issuer"]) {
        fact(s, "Issued by", &escape(i));
    }
    let stamped = m
        .get("signer")
        .and_then(|x| x.get("timestamped"))
        .and_then(Value::as_bool)
        == Some(true);
    fact(
        s,
        "Signed at",
        &format!(
            "{} ({})",
            escape(text(m, &["signer", "time"]).unwrap_or("no time given")),
            if stamped {
                "from a verified time-stamp"
            } else {
                "claimed by the signer, not time-stamped"
            }
        ),
    );
    if let Some(a) = text(m, &["signer", "alg"]) {
        fact(s, "Algorithm", &escape(a));
    }
    if let Some(g) = text(m, &["claim_generator"]) {
        fact(s, "Made with", &escape(g));
    }
    if let Some(k) = text(m, &["ai"]) {
        fact(s, "AI", &escape(words::ai_kind(k)));
    }
    let actions: Vec<String> = list(m, &["actions"])
        .iter()
        .map(|a| {
            let mut w = format!(
                "<code>{}</code>",
                escape(text(a, &["action"]).unwrap_or("?"))
            );
            if let Some(agent) = text(a, &["software_agent"]) {
                let _ = write!(w, " by {}", escape(agent));
            }
            if let Some(d) = text(a, &["digital_source_type"]) {
                let _ = write!(w, " (source: <code>{}</code>)", escape(d));
            }
            if let Some(t) = text(a, &["when"]) {
                let _ = write!(w, " at {}", escape(t));
            }
            w
        })
        .collect();
    if !actions.is_empty() {
        fact(s, "Actions", &actions.join("; "));
    }
    let ingredients: Vec<String> = list(m, &["ingredients"])
        .iter()
        .map(|i| {
            format!(
                "{} ({}){}",
                escape(text(i, &["title"]).unwrap_or("untitled")),
                escape(text(i, &["relationship"]).unwrap_or("ingredient")),
                if i.get("manifest").is_some() {
                    ", with Content Credentials"
                } else {
                    ""
                }
            )
        })
        .collect();
    if !ingredients.is_empty() {
        fact(s, "Ingredients", &ingredients.join("; "));
    }
    // CAWG identity assertions: the core's sentence, and each verified account.
    for id in list(m, &["identities"]) {
        let mut w = format!(
            "{} <strong>{}</strong>: {}",
            escape(text(id, &["state"]).unwrap_or("?")),
            escape(text(id, &["name"]).unwrap_or("unnamed")),
            escape(text(id, &["explanation"]).unwrap_or_default())
        );
        for v in list(id, &["verified_identities"]) {
            let who = ["name", "username", "address"]
                .iter()
                .filter_map(|k| text(v, &[k]))
                .collect::<Vec<_>>()
                .join(", ");
            let _ = write!(
                w,
                "<br>{} {} <code>{}</code>, verified by {} on {}",
                escape(text(v, &["type"]).unwrap_or("?")),
                escape(&who),
                escape(text(v, &["uri"]).unwrap_or_default()),
                escape(text(v, &["provider_name"]).unwrap_or("?")),
                escape(text(v, &["verified_at"]).unwrap_or("?"))
            );
        }
        fact(s, "Identity (CAWG)", &w);
    }
    s.push_str("</dl>");
    let chain = list(m, &["signer", "chain"]);
    if !chain.is_empty() {
        s.push_str("<table class=\"chain\"><caption class=\"small muted\">Certificate chain, signer first</caption><thead><tr><th scope=\"col\">Subject</th><th scope=\"col\">Issuer</th><th scope=\"col\">Valid from</th><th scope=\"col\">Valid to</th><th scope=\"col\">SHA-256 fingerprint</th></tr></thead><tbody>");
        for c in chain {
            let _ = write!(
                s,
                "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                escape(text(c, &["subject"]).unwrap_or_default()),
                escape(text(c, &["issuer"]).unwrap_or_default()),
                escape(text(c, &["not_before"]).unwrap_or_default()),
                escape(text(c, &["not_after"]).unwrap_or_default()),
                escape(text(c, &["sha256"]).unwrap_or_default()),
            );
        }
        s.push_str("</tbody></table>");
    }
}

fn validation(s: &mut String, c: &Value) {
    s.push_str("<h4>Validation codes</h4>");
    let groups = [
        ("failure", "Failed"),
        ("informational", "Notes"),
        ("success", "Passed"),
    ];
    let total: usize = groups
        .iter()
        .map(|(k, _)| list(c, &["validation", k]).len())
        .sum();
    if total == 0 {
        s.push_str("<p>None reported.</p>");
        return;
    }
    s.push_str("<table class=\"codes\"><thead><tr><th scope=\"col\">Result</th><th scope=\"col\">Code</th><th scope=\"col\">Meaning</th><th scope=\"col\">Concerns</th></tr></thead><tbody>");
    for (key, word) in groups {
        for e in list(c, &["validation", key]) {
            let mut concerns = text(e, &["url"])
                .or_else(|| text(e, &["manifest"]))
                .map(escape)
                .unwrap_or_default();
            if !concerns.is_empty() {
                concerns = format!("<code>{concerns}</code>");
            }
            let _ =
                write!(
                s,
                "<tr{}><td>{word}</td><td class=\"code\"><code>{}</code></td><td>{}</td><td>{concerns}</td></tr>",
                if key == "failure" { " class=\"fail\"" } else { "" },
                escape(text(e, &["code"]).unwrap_or_default()),
                long(text(e, &["explanation"]).unwrap_or_default()),
            );
        }
    }
    s.push_str("</tbody></table>");
}

/// True when the report's remote Content Credentials were fetched (with the user's consent).
fn fetched_remote(r: &Value) -> bool {
    text(r, &["remote_manifest", "status"]) == Some("fetched")
}
