//! The digital source type vocabulary and how each term is classified: the one classifier of
//! source-type URIs. Every reader (XMP, JSON-LD, C2PA actions and ingredients) and the verdict
//! ask [`classify_source_type`]; the report carries the result as a `source_type` object
//! (`{"term", "name", "class"}`) beside each source-type URI, so the web page never classifies
//! again.
//!
//! Sources: IPTC NewsCodes "Digital Source Type" (`http://cv.iptc.org/newscodes/digitalsourcetype/`,
//! release 2024-10-23, 20 concepts), the two C2PA-specific terms of C2PA 2.2 §18.15.4
//! (`http://c2pa.org/digitalsourcetype/`), and the C2PA Conformance Task Force signal rubrics
//! (`globals-signals.yml`: `genai_dst_types` and `possibly_genai_dst_types`;
//! `signal-inception-*-local.yml`).

use serde::Serialize;

/// The IPTC vocabulary base URI.
pub const IPTC_BASE: &str = "http://cv.iptc.org/newscodes/digitalsourcetype/";
/// The C2PA vocabulary base URI (C2PA 2.2).
pub const C2PA_BASE: &str = "http://c2pa.org/digitalsourcetype/";

/// What a source type says about how the content was made. Serialised in kebab-case
/// (`generated`, `partly-generated`, `may-contain`, `synthetic`, `captured`, `human-made`,
/// `empty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceClass {
    /// Made entirely by a trained model (rubric `genai_dst_types`, "Fully GenAI Media").
    Generated,
    /// Partly made by a trained model (rubric `genai_dst_types`, "Partly GenAI Creation").
    PartlyGenerated,
    /// May contain AI-made parts (rubric `possibly_genai_dst_types`).
    MayContain,
    /// Made by an algorithm without a trained model.
    Synthetic,
    /// Captured from the real world (camera, scan, film).
    Captured,
    /// Made or edited by people with non-generative tools.
    HumanMade,
    /// No content (C2PA `empty`).
    Empty,
}

/// One vocabulary term. Serialised as `{"term", "name", "class"}`: the report's `source_type`
/// object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SourceTypeInfo {
    /// The term, e.g. `trainedAlgorithmicMedia`.
    pub term: &'static str,
    /// The full canonical URI's base ([`IPTC_BASE`] or [`C2PA_BASE`]).
    #[serde(skip)]
    pub base: &'static str,
    /// The English name from the vocabulary.
    pub name: &'static str,
    /// The class.
    pub class: SourceClass,
    /// Where the classification comes from.
    #[serde(skip)]
    pub source: &'static str,
}

impl SourceTypeInfo {
    /// The canonical URI.
    pub fn uri(&self) -> String {
        format!("{}{}", self.base, self.term)
    }

    /// A plain sentence on what this source type declares.
    pub fn meaning(&self) -> &'static str {
        match self.class {
            SourceClass::Generated => "declares that the content was made by generative AI",
            SourceClass::PartlyGenerated => {
                "declares that the content combines or edits material with generative AI"
            }
            SourceClass::MayContain => "declares a composite or digital art that may contain AI-generated elements",
            SourceClass::Synthetic => {
                "declares content made by an algorithm without a trained model (synthetic, no trained model), so it is not declared as generative AI"
            }
            SourceClass::Captured => "declares a capture (camera, scan, film, a screen, or a recording of a virtual event), not AI generation",
            SourceClass::HumanMade => "declares content made or edited by people with non-generative tools",
            SourceClass::Empty => "declares that there is no content",
        }
    }
}

const IPTC_SRC: &str = "IPTC NewsCodes digitalsourcetype 2024-10-23";
const RUBRIC_GEN: &str =
    "IPTC NewsCodes digitalsourcetype 2024-10-23; rubric globals-signals.yml genai_dst_types";
const RUBRIC_MAY: &str =
    "IPTC NewsCodes digitalsourcetype 2024-10-23; rubric globals-signals.yml possibly_genai_dst_types";

/// The vocabulary: 20 IPTC terms (including retired ones still found in files) and the two C2PA
/// terms.
pub const SOURCE_TYPES: &[SourceTypeInfo] = &[
    t(
        "digitalCapture",
        "Original digital capture sampled from real life",
        SourceClass::Captured,
        IPTC_SRC,
    ),
    t(
        "computationalCapture",
        "Computational capture (multi-frame, non-generative)",
        SourceClass::Captured,
        IPTC_SRC,
    ),
    t(
        "negativeFilm",
        "Digitised from a negative on film",
        SourceClass::Captured,
        IPTC_SRC,
    ),
    t(
        "positiveFilm",
        "Digitised from a positive on film",
        SourceClass::Captured,
        IPTC_SRC,
    ),
    t(
        "print",
        "Digitised from a print on non-transparent medium",
        SourceClass::Captured,
        IPTC_SRC,
    ),
    t(
        "screenCapture",
        "Screen capture",
        SourceClass::Captured,
        IPTC_SRC,
    ),
    t(
        "virtualRecording",
        "Recording of a virtual event",
        SourceClass::Captured,
        IPTC_SRC,
    ),
    t(
        "compositeCapture",
        "Composite of captured elements",
        SourceClass::Captured,
        IPTC_SRC,
    ),
    t(
        "humanEdits",
        "Human-edited media",
        SourceClass::HumanMade,
        IPTC_SRC,
    ),
    t(
        "minorHumanEdits",
        "Minor human edits (retired)",
        SourceClass::HumanMade,
        IPTC_SRC,
    ),
    t(
        "algorithmicallyEnhanced",
        "Algorithmically-enhanced media (non-generative)",
        SourceClass::HumanMade,
        IPTC_SRC,
    ),
    t(
        "digitalCreation",
        "Digital creation by a human with non-generative tools",
        SourceClass::HumanMade,
        IPTC_SRC,
    ),
    t(
        "softwareImage",
        "Digital image created by software (retired)",
        SourceClass::HumanMade,
        IPTC_SRC,
    ),
    t(
        "dataDrivenMedia",
        "Data-driven media (visualisation)",
        SourceClass::HumanMade,
        IPTC_SRC,
    ),
    t(
        "digitalArt",
        "Digital art (retired)",
        SourceClass::MayContain,
        RUBRIC_MAY,
    ),
    t(
        "composite",
        "Composite (mixed sources)",
        SourceClass::MayContain,
        RUBRIC_MAY,
    ),
    t(
        "algorithmicMedia",
        "Pure algorithmic media (no trained model)",
        SourceClass::Synthetic,
        IPTC_SRC,
    ),
    t(
        "trainedAlgorithmicMedia",
        "Created using generative AI",
        SourceClass::Generated,
        RUBRIC_GEN,
    ),
    t(
        "compositeWithTrainedAlgorithmicMedia",
        "Edited using generative AI",
        SourceClass::PartlyGenerated,
        RUBRIC_GEN,
    ),
    t(
        "compositeSynthetic",
        "Composite including generative AI elements",
        SourceClass::PartlyGenerated,
        RUBRIC_GEN,
    ),
    SourceTypeInfo {
        term: "trainedAlgorithmicData",
        base: C2PA_BASE,
        name: "Data created by a trained model",
        class: SourceClass::Generated,
        source: "C2PA 2.2 §18.15.4; rubric globals-signals.yml genai_dst_types",
    },
    SourceTypeInfo {
        term: "empty",
        base: C2PA_BASE,
        name: "No content",
        class: SourceClass::Empty,
        source: "C2PA 2.2 §18.15.4; rubric asset-rubric-signals-local.yml",
    },
];

const fn t(
    term: &'static str,
    name: &'static str,
    class: SourceClass,
    source: &'static str,
) -> SourceTypeInfo {
    SourceTypeInfo {
        term,
        base: IPTC_BASE,
        name,
        class,
        source,
    }
}

/// Classify a digital source type value: a full IPTC or C2PA URI (`http` or `https`, with or
/// without a trailing slash), a `digsrctype:` QCode, the deprecated C2PA
/// `c2pa.trainedAlgorithmicData`, or a bare term. `None` for anything else.
pub fn classify_source_type(uri: &str) -> Option<SourceTypeInfo> {
    let v = uri.trim().trim_end_matches('/');
    let (term, base) = if let Some(t) = strip_any(
        v,
        &[
            "http://cv.iptc.org/newscodes/digitalsourcetype/",
            "https://cv.iptc.org/newscodes/digitalsourcetype/",
        ],
    ) {
        (t, Some(IPTC_BASE))
    } else if let Some(t) = strip_any(
        v,
        &[
            "http://c2pa.org/digitalsourcetype/",
            "https://c2pa.org/digitalsourcetype/",
        ],
    ) {
        (t, Some(C2PA_BASE))
    } else if let Some(t) = strip_any(v, &["digsrctype:", "c2pa."]) {
        (t, None)
    } else if v.contains(['/', ':', ' ']) {
        return None;
    } else {
        (v, None)
    };
    SOURCE_TYPES
        .iter()
        .find(|s| s.term == term && base.is_none_or(|b| b == s.base))
        .copied()
}

fn strip_any<'a>(v: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| {
        let head = v.get(..p.len())?;
        head.eq_ignore_ascii_case(p)
            .then(|| v.get(p.len()..))
            .flatten()
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn twenty_iptc_terms_and_two_c2pa_terms() {
        assert_eq!(
            SOURCE_TYPES.iter().filter(|s| s.base == IPTC_BASE).count(),
            20
        );
        assert_eq!(
            SOURCE_TYPES.iter().filter(|s| s.base == C2PA_BASE).count(),
            2
        );
    }

    #[test]
    fn accepts_every_spelling() {
        for v in [
            "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
            "https://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia/",
            "digsrctype:trainedAlgorithmicMedia",
            "trainedAlgorithmicMedia",
            "http://c2pa.org/digitalsourcetype/trainedAlgorithmicData",
        ] {
            assert_eq!(
                classify_source_type(v).unwrap().class,
                SourceClass::Generated,
                "{v}"
            );
        }
        assert_eq!(
            classify_source_type("http://c2pa.org/digitalsourcetype/empty")
                .unwrap()
                .class,
            SourceClass::Empty
        );
        assert!(classify_source_type("http://example.com/trainedAlgorithmicMedia").is_none());
        assert!(classify_source_type("c2pa.ai-disclosure").is_none());
        assert!(classify_source_type("http://c2pa.org/digitalsourcetype/digitalCapture").is_none());
    }

    /// The three capture terms added to the IPTC vocabulary after the first five. Their
    /// published definitions (cv.iptc.org, digitalsourcetype) describe captures, not generated
    /// media: `screenCapture` is a capture of what a screen shows, `virtualRecording` a live
    /// recording of a virtual event, `compositeCapture` a composite of elements that are all
    /// captures. IPTC's AI guidance (and the C2PA signal rubrics) list none of them as AI.
    pub(crate) const LATER_CAPTURE_TERMS: [&str; 3] =
        ["screenCapture", "virtualRecording", "compositeCapture"];

    #[test]
    fn later_capture_terms_are_captures() {
        for term in LATER_CAPTURE_TERMS {
            let info = classify_source_type(&format!("{IPTC_BASE}{term}")).unwrap();
            assert_eq!(info.class, SourceClass::Captured, "{term}");
            assert_eq!(info.ai(), None, "{term}");
        }
    }

    #[test]
    fn serialises_term_name_and_kebab_case_class() {
        let info = classify_source_type("digsrctype:compositeWithTrainedAlgorithmicMedia").unwrap();
        assert_eq!(
            serde_json::to_value(info).unwrap(),
            serde_json::json!({
                "term": "compositeWithTrainedAlgorithmicMedia",
                "name": "Edited using generative AI",
                "class": "partly-generated",
            })
        );
        let classes: Vec<String> = SOURCE_TYPES
            .iter()
            .map(|s| {
                serde_json::to_value(s.class)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        for c in [
            "generated",
            "partly-generated",
            "may-contain",
            "synthetic",
            "captured",
            "human-made",
            "empty",
        ] {
            assert!(classes.iter().any(|x| x == c), "{c}");
        }
    }
}
