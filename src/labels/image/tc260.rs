//! China GB 45438-2025 implicit label (TC260 `AIGC`): a JSON object with `Label` ("1" generated,
//! "2" possibly generated, "3" suspected generated), `ContentProducer`, `ProduceID`,
//! `ReservedCode1`, `ContentPropagator`, `PropagateID`, `ReservedCode2` (FORMATS §4; the
//! standard's text was not read, the carriers and keys come from several implementations).
//! Carriers read here: XMP `TC260:AIGC` (ns `http://www.tc260.org.cn/ns/AIGC/1.0/`), a PNG text
//! entry `AIGC` (bare object or `{"AIGC":{…}}`), EXIF `UserComment` `{"AIGC":{…}}`.

use super::params;
use crate::container::Location;
use crate::limits::Limits;
use crate::signal::{AiKind, Family, Signal, Sink, Strength, UNSIGNED_CAVEAT};
use serde_json::Value;

/// The TC260 XMP namespace.
pub const NS_TC260: &str = "http://www.tc260.org.cn/ns/AIGC/1.0/";

/// Read a TC260 JSON label from `text`; `wrapped_only` requires the `{"AIGC":{…}}` form (for
/// carriers like EXIF UserComment where a bare object could be anything). Returns true if a
/// label was found.
pub fn read(
    text: &str,
    wrapped_only: bool,
    location: &Location,
    limits: &Limits,
    sink: &mut Sink,
) -> bool {
    let Some(v) = params::json(text, &location.block, limits, sink) else {
        return false;
    };
    let inner = match v.get("AIGC") {
        Some(Value::Object(_)) => v.get("AIGC"),
        _ if wrapped_only => None,
        _ => Some(&v),
    };
    let Some(Value::Object(o)) = inner else {
        return false;
    };
    if !o.contains_key("Label") && !o.contains_key("ContentProducer") {
        return false;
    }
    let text_of = |k: &str| match o.get(k) {
        Some(Value::String(s)) => Some(s.trim().to_owned()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let label = text_of("Label").unwrap_or_default();
    let (ai, meaning) = match label.as_str() {
        "1" => (
            AiKind::Generated,
            "declares the content AI-generated (Label 1)",
        ),
        "2" => (
            AiKind::MayContain,
            "declares the content possibly AI-generated (Label 2)",
        ),
        "3" => (
            AiKind::MayContain,
            "declares the content suspected to be AI-generated (Label 3)",
        ),
        _ => (
            AiKind::MayContain,
            "is an AIGC implicit label (used for AI-generated content) with no known Label value",
        ),
    };
    let producer = text_of("ContentProducer").filter(|p| !p.is_empty());
    let mut value = format!("Label: {label}");
    for k in ["ContentProducer", "ProduceID", "ContentPropagator"] {
        if let Some(v) = text_of(k).filter(|v| !v.is_empty()) {
            value.push_str(&format!(", {k}: {v}"));
        }
    }
    sink.push(Signal {
        family: Family::Tc260,
        strength: Strength::Declared,
        ai: Some(ai),
        value,
        source_type: None,
        tool: producer,
        location: location.clone(),
        sentence: None,
        explanation: format!(
            "A China GB 45438-2025 (TC260) AIGC label {meaning}. It names who produced and \
             propagated the content, but any hash in it is not a signature. {UNSIGNED_CAVEAT}"
        ),
    });
    true
}
