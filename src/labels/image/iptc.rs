//! Signals from XMP: IPTC Digital Source Type, the IPTC 2025.1 AI properties, `dcterms:provenance`,
//! the TC260 `AIGC` property and a generator named in `xmp:CreatorTool`.
//!
//! IPTC Photo Metadata Standard 2025.1: `Iptc4xmpExt:DigitalSourceType` (and its deprecated
//! predecessor `DigitalSourcefileType`), `AISystemUsed`, `AISystemVersionUsed`,
//! `AIPromptInformation`, `AIPromptWriterName` (names as in exiftool `XMP2.pl`). C2PA 2.2 §11.4 /
//! §15.5.3: `dcterms:provenance` holds the URI of the active manifest.
//!
//! Decision for the AI properties: naming an AI system or a prompt declares that AI made the
//! content, so they count as `Generated`, unless the packet's DigitalSourceType classifies the
//! content: an AI class (edited, may contain) is used as is; a non-AI class (a capture, say)
//! contradicts them and both are kept at `MayContain` for the AI properties.

use super::tc260::{self, NS_TC260};
use super::tools;
use super::xmp::Packet;
use crate::container::{Location, Payload};
use crate::limits::Limits;
use crate::signal::{AiKind, Family, Signal, Sink, Strength, UNSIGNED_CAVEAT};
use crate::source_type::{classify_source_type, SourceClass};

/// The IPTC Extension namespace.
pub const NS_IPTC_EXT: &str = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
/// Dublin Core terms.
pub const NS_DCTERMS: &str = "http://purl.org/dc/terms/";
/// The XMP basic namespace (`xmp:CreatorTool`).
pub const NS_XMP: &str = "http://ns.adobe.com/xap/1.0/";
/// The namespaces [`signals`] reads properties from.
pub const NAMESPACES: &[&str] = &[NS_IPTC_EXT, NS_DCTERMS, NS_XMP, super::tc260::NS_TC260];

/// The IPTC 2025.1 AI properties.
const AI_PROPERTIES: &[(&str, &str)] = &[
    ("AISystemUsed", "names the AI system used to make it"),
    (
        "AISystemVersionUsed",
        "names the version of the AI system used",
    ),
    (
        "AIPromptInformation",
        "gives the prompt given to an AI system",
    ),
    (
        "AIPromptWriterName",
        "names who wrote the prompt for an AI system",
    ),
];

fn at(payload: &Payload<'_>, path: &str) -> Location {
    payload.location.clone().with_path(path.to_owned())
}

/// Add the signals of one parsed XMP packet.
pub fn signals(packet: &Packet, payload: &Payload<'_>, limits: &Limits, sink: &mut Sink) {
    // Digital source type.
    let mut dst_ai: Option<Option<AiKind>> = None;
    for name in ["DigitalSourceType", "DigitalSourcefileType"] {
        for value in packet.values(NS_IPTC_EXT, name) {
            let location = at(payload, &format!("Iptc4xmpExt:{name}"));
            let Some(info) = classify_source_type(value) else {
                sink.warnings.push(format!(
                    "unknown IPTC digital source type \"{}\" in {}",
                    crate::error::escape(value.as_bytes(), 120),
                    payload.location.block
                ));
                continue;
            };
            let ai = info.ai();
            if dst_ai.is_none() || ai.is_some() {
                dst_ai = Some(ai);
            }
            let deprecated = if name == "DigitalSourcefileType" {
                " (in the deprecated DigitalSourcefileType property)"
            } else {
                ""
            };
            let extra = match info.class {
                SourceClass::Captured => {
                    " It says how the file claims it was made; it does not prove a camera took it."
                }
                _ => "",
            };
            sink.push(Signal {
                family: Family::Iptc,
                strength: Strength::Declared,
                ai,
                value: info.uri(),
                source_type: Some(info),
                tool: None,
                location,
                sentence: None,
                explanation: format!(
                    "IPTC digital source type \"{}\"{deprecated}: the file {}.{extra} {UNSIGNED_CAVEAT}",
                    info.name,
                    info.meaning()
                ),
            });
        }
    }

    // IPTC 2025.1 AI properties. The system is named in each of their signals: its first 200
    // characters (a value may be 64 KiB, and a packet may hold a thousand of these properties).
    let system = packet
        .values(NS_IPTC_EXT, "AISystemUsed")
        .next()
        .map(|s| s.chars().take(200).collect());
    let ai_kind = match dst_ai {
        None => AiKind::Generated,
        Some(Some(k)) => k,
        Some(None) => AiKind::MayContain,
    };
    for (name, meaning) in AI_PROPERTIES {
        for value in packet.values(NS_IPTC_EXT, name) {
            let contradiction = if dst_ai == Some(None) {
                " The digital source type in the same file declares no generative AI, so this \
                 only says the content may contain AI-generated parts."
            } else {
                ""
            };
            sink.push(Signal {
                family: Family::Iptc,
                strength: Strength::Declared,
                ai: Some(ai_kind),
                value: value.to_owned(),
                source_type: None,
                tool: system.clone(),
                location: at(payload, &format!("Iptc4xmpExt:{name}")),
                sentence: None,
                explanation: format!(
                    "The IPTC property {name} {meaning}, which declares that AI was used.{contradiction} {UNSIGNED_CAVEAT}"
                ),
            });
        }
    }

    // dcterms:provenance: a reference to Content Credentials, reported but never fetched.
    for value in packet.values(NS_DCTERMS, "provenance") {
        let internal = value.starts_with("self#");
        if !internal {
            sink.push_remote(value);
        }
        let what = if internal {
            "points at the Content Credentials embedded in this file"
        } else {
            "is a reference to remote Content Credentials, which are not fetched unless the user \
             asks"
        };
        sink.push(Signal {
            family: Family::Xmp,
            strength: Strength::Declared,
            ai: None,
            value: value.to_owned(),
            source_type: None,
            tool: None,
            location: at(payload, "dcterms:provenance"),
            sentence: None,
            explanation: format!(
                "XMP dcterms:provenance {what}. The reference itself says nothing about AI; only \
                 the credentials it points to, once verified, could. {UNSIGNED_CAVEAT}"
            ),
        });
    }

    // TC260 AIGC as an XMP property holding JSON.
    for value in packet.values(NS_TC260, "AIGC") {
        tc260::read(value, false, &at(payload, "TC260:AIGC"), limits, sink);
    }

    // A generator named as the creator tool.
    for value in packet.values(NS_XMP, "CreatorTool") {
        if let Some(k) = tools::match_tool_field(value) {
            sink.push(Signal {
                family: Family::Xmp,
                strength: Strength::Declared,
                ai: Some(AiKind::Generated),
                value: value.to_owned(),
                source_type: None,
                tool: Some(k.tool.to_owned()),
                location: at(payload, "xmp:CreatorTool"),
                sentence: None,
                explanation: format!(
                    "XMP xmp:CreatorTool names {}, an AI image generator, as the tool that made \
                     the file. {UNSIGNED_CAVEAT}",
                    k.tool
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::image::xmp::Property;
    use std::borrow::Cow;

    fn iptc(name: &str, value: String) -> Property {
        Property {
            ns: NS_IPTC_EXT.to_owned(),
            name: name.to_owned(),
            value,
        }
    }

    /// The AI system is named in the signal of every AI property: a thousand prompts naming a
    /// 64 KiB system would otherwise hold 64 MiB of copies of it.
    #[test]
    fn the_ai_system_named_in_each_signal_is_cut() {
        let mut properties = vec![iptc("AISystemUsed", "x".repeat(60_000))];
        properties.extend((0..3).map(|i| iptc("AIPromptInformation", format!("fox {i}"))));
        let packet = Packet {
            properties,
            ..Packet::default()
        };
        let payload = Payload {
            bytes: Cow::Borrowed(b""),
            location: Location::default(),
            ranges: Vec::new(),
        };
        let mut sink = Sink::new(&Limits::default());
        signals(&packet, &payload, &Limits::default(), &mut sink);
        assert_eq!(sink.signals.len(), 4);
        // The system's own signal keeps its value (as the XMP reader kept it).
        assert_eq!(sink.signals[0].value.len(), 60_000);
        for s in &sink.signals {
            assert_eq!(s.tool.as_deref(), Some("x".repeat(200).as_str()));
        }
    }
}
