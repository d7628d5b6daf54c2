//! HTML labels (FORMATS §6): `<meta name="ai-disclosure">` and element `ai-disclosure`
//! attributes (W3C AI Content Disclosure CG, pre-standard), the ad hoc `<meta name="ai-generated">`,
//! and IPTC `digitalSourceType` in JSON-LD (`<script type="application/ld+json">`).

use super::{disclosure, Offsets};
use crate::container::text::html::{Document, Tag};
use crate::container::Location;
use crate::limits::Limits;
use crate::signal::{AiKind, Family, Signal, Sink, Strength, UNSIGNED_CAVEAT};
use crate::source_type::classify_source_type;

/// Most `ai-disclosure` element attributes reported per document.
const MAX_ELEMENT_SIGNALS: usize = 20;
/// Most JSON-LD source types reported per document.
const MAX_JSONLD_SIGNALS: usize = 20;

/// What an `ai-disclosure` value declares; `Err` for an unknown value.
fn disclosure_kind(v: &str) -> Result<Option<AiKind>, ()> {
    match v.trim().to_ascii_lowercase().as_str() {
        "none" => Ok(None),
        "ai-assisted" => Ok(Some(AiKind::Edited)),
        "ai-generated" | "autonomous" => Ok(Some(AiKind::Generated)),
        "mixed" => Ok(Some(AiKind::MayContain)),
        _ => Err(()),
    }
}

fn describe(ai: Option<AiKind>) -> &'static str {
    match ai {
        None => "declares no AI involvement",
        Some(AiKind::Generated) => "declares the content AI-generated",
        Some(AiKind::Edited) => "declares the content AI-assisted",
        Some(AiKind::MayContain) => "declares the content a mix of human and AI work",
    }
}

/// Read the HTML labels of `doc` into `sink`.
pub fn read(
    doc: &Document,
    html: &str,
    offsets: &mut Offsets<'_>,
    limits: &Limits,
    budget: &mut disclosure::Budget,
    sink: &mut Sink,
) {
    let meta_tool = doc
        .tags()
        .iter()
        .filter(|t| t.name == "meta")
        .find(|t| meta_name(t).as_deref() == Some("ai-model"))
        .and_then(|t| t.attr("content"))
        .map(|s| s.trim().chars().take(100).collect::<String>());
    let mut elements = 0usize;
    let mut jsonld = 0usize;
    for tag in doc.tags() {
        let at = offsets.input(tag.range.start);
        match tag.name.as_str() {
            "meta" => {
                meta(tag, at, meta_tool.clone(), sink);
                let described = meta_name(tag).is_some_and(|n| {
                    matches!(
                        n.as_str(),
                        "description" | "og:description" | "twitter:description"
                    )
                });
                if described {
                    attribute_text(tag, "content", offsets, budget, sink);
                }
            }
            "img" => attribute_text(tag, "alt", offsets, budget, sink),
            "script" if is_jsonld(tag) => {
                let src = html.get(tag.content.clone()).unwrap_or_default();
                json_ld(src, at, limits, &mut jsonld, sink);
            }
            _ => {}
        }
        if tag.name != "meta" {
            if let Some(v) = tag.attr("ai-disclosure") {
                if elements >= MAX_ELEMENT_SIGNALS {
                    continue;
                }
                elements = elements.saturating_add(1);
                let Ok(ai) = disclosure_kind(v) else {
                    sink.warnings.push(format!(
                        "expected ai-disclosure none, ai-assisted, ai-generated, autonomous or \
                         mixed on <{}> at byte {at}, but found \"{}\"",
                        tag.name,
                        crate::error::escape(v.as_bytes(), 64)
                    ));
                    continue;
                };
                let tool = tag
                    .attr("ai-model")
                    .map(|m| m.trim().chars().take(100).collect());
                sink.push(Signal {
                    family: Family::Html,
                    strength: Strength::Declared,
                    ai,
                    value: format!("ai-disclosure=\"{}\"", v.trim()),
                    source_type: None,
                    tool,
                    location: Location::new("html", format!("<{}> attribute", tag.name), at)
                        .with_path("ai-disclosure"),
                    sentence: None,
                    explanation: format!(
                        "An ai-disclosure attribute (W3C AI Content Disclosure, pre-standard) {} \
                         for this element and what it contains. {UNSIGNED_CAVEAT}",
                        describe(ai)
                    ),
                });
            }
        }
    }
}

/// Disclosure statements in an attribute's text (image alt text, a page description): "AI-generated
/// image of …". Located at the tag.
fn attribute_text(
    tag: &Tag,
    attr: &str,
    offsets: &mut Offsets<'_>,
    budget: &mut disclosure::Budget,
    sink: &mut Sink,
) {
    let Some(text) = tag.attr(attr) else {
        return;
    };
    let found = disclosure::find_within(text, attr == "alt", budget);
    let block = format!("<{}> {attr}", tag.name);
    let mut counter = super::Counter::new(text);
    for d in found.into_iter().take(4) {
        let at = super::Place {
            container: "html",
            block: &block,
            src: tag.range.start,
        };
        super::push_disclosure(&d, &at, offsets, &mut counter, sink);
    }
}

fn meta_name(tag: &Tag) -> Option<String> {
    tag.attr("name")
        .or_else(|| tag.attr("property"))
        .map(|n| n.trim().to_ascii_lowercase())
}

fn meta(tag: &Tag, at: u64, tool: Option<String>, sink: &mut Sink) {
    let Some(name) = meta_name(tag) else {
        return;
    };
    let content = tag.attr("content").unwrap_or_default().trim();
    let ai = match name.as_str() {
        "ai-disclosure" => match disclosure_kind(content) {
            Ok(ai) => ai,
            Err(()) => {
                sink.warnings.push(format!(
                    "expected <meta name=\"ai-disclosure\"> content none, ai-assisted, \
                     ai-generated, autonomous or mixed at byte {at}, but found \"{}\"",
                    crate::error::escape(content.as_bytes(), 64)
                ));
                return;
            }
        },
        "ai-generated" => match content.to_ascii_lowercase().as_str() {
            "" | "true" | "yes" | "1" | "ai-generated" => Some(AiKind::Generated),
            "false" | "no" | "0" | "none" => None,
            _ => Some(AiKind::Generated),
        },
        _ => return,
    };
    let standard = if name == "ai-disclosure" {
        "A <meta name=\"ai-disclosure\"> tag (W3C AI Content Disclosure, pre-standard)"
    } else {
        "A <meta name=\"ai-generated\"> tag (ad hoc, no standard)"
    };
    sink.push(Signal {
        family: Family::Html,
        strength: Strength::Declared,
        ai,
        value: format!(
            "{name}=\"{}\"",
            content.chars().take(200).collect::<String>()
        ),
        source_type: None,
        tool,
        location: Location::new("html", "<meta>", at).with_path(name.clone()),
        sentence: None,
        explanation: format!(
            "{standard} {} for the page. {UNSIGNED_CAVEAT}",
            describe(ai)
        ),
    });
}

fn is_jsonld(tag: &Tag) -> bool {
    tag.attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

fn json_ld(src: &str, at: u64, limits: &Limits, count: &mut usize, sink: &mut Sink) {
    if crate::bytes::to_u64(src.len()) > limits.max_metadata_bytes {
        sink.warnings.push_unread(format!(
            "the JSON-LD script at byte {at} is over the metadata limit of {} bytes; not read",
            limits.max_metadata_bytes
        ));
        return;
    }
    if let Some(w) = crate::limits::json_refused(
        src.as_bytes(),
        &format!("the JSON-LD script at byte {at}"),
        limits,
    ) {
        sink.warnings.push_unread(w);
        return;
    }
    let value: serde_json::Value = match serde_json::from_slice(src.trim().as_bytes()) {
        Ok(v) => v,
        Err(e) => {
            sink.warnings.push(format!(
                "expected JSON in the JSON-LD script at byte {at}, but parsing failed: {e}"
            ));
            return;
        }
    };
    let mut found = Vec::new();
    collect_source_types(&value, "$", 0, limits.max_depth.max(8), &mut found);
    for (path, uri) in found {
        if *count >= MAX_JSONLD_SIGNALS {
            return;
        }
        *count = count.saturating_add(1);
        let Some(info) = classify_source_type(&uri) else {
            sink.warnings.push(format!(
                "the JSON-LD script at byte {at} has digitalSourceType \"{}\", which is not an \
                 IPTC or C2PA term",
                crate::error::escape(uri.as_bytes(), 100)
            ));
            continue;
        };
        let ai = info.ai();
        sink.push(Signal {
            family: Family::Html,
            strength: Strength::Declared,
            ai,
            value: uri.clone(),
            source_type: Some(info),
            tool: None,
            location: Location::new("html", "JSON-LD", at).with_path(path),
            sentence: None,
            explanation: format!(
                "Structured data (JSON-LD) gives the digital source type \"{}\" ({}), which {}. \
                 {UNSIGNED_CAVEAT}",
                info.term,
                info.name,
                info.meaning()
            ),
        });
    }
}

fn collect_source_types(
    v: &serde_json::Value,
    path: &str,
    depth: u32,
    max: u32,
    out: &mut Vec<(String, String)>,
) {
    if depth > max || out.len() >= MAX_JSONLD_SIGNALS {
        return;
    }
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                let p = format!("{path}.{k}");
                let key = k.rsplit(':').next().unwrap_or(k);
                if key.eq_ignore_ascii_case("digitalSourceType") {
                    source_type_values(child, &p, out);
                } else {
                    collect_source_types(child, &p, depth.saturating_add(1), max, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate().take(1000) {
                collect_source_types(
                    child,
                    &format!("{path}[{i}]"),
                    depth.saturating_add(1),
                    max,
                    out,
                );
            }
        }
        _ => {}
    }
}

fn source_type_values(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push((path.to_owned(), s.trim().to_owned())),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate().take(20) {
                source_type_values(item, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(s)) = map.get("@id").or_else(|| map.get("url")) {
                out.push((format!("{path}.@id"), s.trim().to_owned()));
            }
        }
        _ => {}
    }
}
