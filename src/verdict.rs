//! Fourth step of the pipeline: one verdict from all the evidence.
//!
//! The vocabulary is fixed, strongest first: `ai-verified`, `ai-signed`, `invalid`,
//! `ai-watermark`, `ai-declared`, `provenance`, `no-label`, `error`. The first that applies wins;
//! the report still lists every signal, and says when signals disagree.

use crate::c2pa::{C2paReport, C2paState};
use crate::signal::{AiKind, Family, Signal, Strength};
use serde::Serialize;

/// The verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// AI declared in valid C2PA signed by a trusted anchor, or by a known generator's own
    /// verified signature (NovelAI).
    AiVerified,
    /// AI declared in valid C2PA whose signer is not trusted.
    AiSigned,
    /// Content Credentials exist but fail validation.
    Invalid,
    /// Only a watermark says AI.
    AiWatermark,
    /// Only unsigned metadata or text says AI.
    AiDeclared,
    /// Valid Content Credentials that declare no AI.
    Provenance,
    /// Nothing found. This does not show that a person made the content.
    NoLabel,
    /// The input could not be read.
    Error,
}

impl Verdict {
    /// The verdict as the JSON report spells it (the serde name).
    pub fn as_str(self) -> &'static str {
        crate::names::variant_name(&self)
    }

    /// One plain-language sentence on what this verdict means and what it does not.
    pub fn explanation(self) -> &'static str {
        match self {
            Verdict::AiVerified => {
                "A signature from a trusted signer or a known AI generator declares that AI was \
                 used: trusted Content Credentials, or a generator's own signature that \
                 verifies against its published key. The signature checks out, so this \
                 declaration comes from the named signer and what it covers has not changed."
            }
            Verdict::AiSigned => {
                "Content Credentials declare that AI was used, and the signature and file hash \
                 check out, but the signer is not on the trust lists in use: anyone can make a \
                 certificate with any name."
            }
            Verdict::Invalid => {
                "Content Credentials are present but fail validation, so nothing they say can \
                 be relied on. The report's invalid_reason says which kind: altered (a hash or \
                 signature does not match), credential (the signer's certificate is not \
                 acceptable) or malformed (the credentials break the rules for how they are \
                 built)."
            }
            Verdict::AiWatermark => {
                "Only an invisible watermark says this was made with AI. Watermarks are \
                 statistical marks that anyone with the open algorithm can add or remove."
            }
            Verdict::AiDeclared => {
                "Unsigned metadata or text says this was made with AI. Anyone can add or strip \
                 such labels, so this is a claim, not proof."
            }
            Verdict::Provenance => {
                "Valid Content Credentials are present and declare no AI use. They show who \
                 signed the file; they do not prove that no AI was involved."
            }
            Verdict::NoLabel => {
                "No AI label was found. This does not show that a person made it: most \
                 AI-generated content carries no label, and labels are easily stripped."
            }
            Verdict::Error => "The input could not be read.",
        }
    }
}

/// The verdict with the AI kind and any disagreements between signals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The verdict.
    pub verdict: Verdict,
    /// What the deciding evidence says about AI.
    pub ai_kind: Option<AiKind>,
    /// Sentences describing signals that disagree with each other.
    pub conflicts: Vec<String>,
}

/// The sentence a `no-label` or `provenance` summary ends with when `n` sources of label data
/// (an XMP packet, a JSON-LD script, metadata entries past the count limit) were over a limit
/// and not read: the verdict could have missed a label there.
pub fn unread_sentence(n: u64) -> String {
    let what = if n == 1 {
        "One source of label data was".to_owned()
    } else {
        format!("{n} sources of label data were")
    };
    format!(
        "{what} over the reader's limits and not read (see the warnings), so a label there \
         would not have been seen."
    )
}

/// Decide the verdict from the C2PA result and the other signals. `unreadable` is true when the
/// input could not be read at all.
pub fn decide(c2pa: Option<&C2paReport>, signals: &[Signal], unreadable: bool) -> Decision {
    let strongest_ai = |s: Strength| -> Option<AiKind> {
        signals
            .iter()
            .filter(|x| x.strength == s)
            .filter_map(|x| x.ai)
            .min()
    };
    let declared_ai = strongest_ai(Strength::Declared);
    let watermark_ai = strongest_ai(Strength::Watermark);
    let mut conflicts = Vec::new();

    // A generator's own signature that verifies against its published key (NovelAI's Ed25519
    // `signed_hash`), or an EncypherAI text mark that verifies with a key the caller supplied,
    // is as strong as a trusted C2PA signer.
    let generator_verified = signals
        .iter()
        .filter(|x| {
            matches!(x.family, Family::Generator | Family::HiddenUnicode)
                && x.strength == Strength::Verified
        })
        .filter_map(|x| x.ai)
        .min();
    let (verdict, ai_kind) = if unreadable {
        (Verdict::Error, None)
    } else if let (Some(k), false) = (
        generator_verified,
        c2pa.is_some_and(|c| c.state == C2paState::Trusted && c.ai.is_some()),
    ) {
        (Verdict::AiVerified, Some(k))
    } else if let Some(c) = c2pa {
        match (c.state, c.ai) {
            (C2paState::Trusted, Some(k)) => (Verdict::AiVerified, Some(k)),
            (C2paState::Valid, Some(k)) => (Verdict::AiSigned, Some(k)),
            (C2paState::Invalid, k) => (Verdict::Invalid, k.or(declared_ai).or(watermark_ai)),
            (C2paState::Trusted | C2paState::Valid, None) => {
                if let Some(k) = watermark_ai {
                    conflicts.push(
                        "Valid Content Credentials declare no AI, but a watermark says AI."
                            .to_owned(),
                    );
                    (Verdict::AiWatermark, Some(k))
                } else if let Some(k) = declared_ai {
                    conflicts.push(
                        "Valid Content Credentials declare no AI, but unsigned metadata or text \
                         says AI."
                            .to_owned(),
                    );
                    (Verdict::AiDeclared, Some(k))
                } else {
                    (Verdict::Provenance, None)
                }
            }
        }
    } else if let Some(k) = watermark_ai {
        (Verdict::AiWatermark, Some(k))
    } else if let Some(k) = declared_ai {
        (Verdict::AiDeclared, Some(k))
    } else {
        (Verdict::NoLabel, None)
    };

    // Evidence that points the other way: a capture source type beside an AI claim, or AI
    // claims of different kinds.
    let says_ai = signals.iter().any(|s| s.ai.is_some()) || c2pa.and_then(|c| c.ai).is_some();
    let says_capture = signals.iter().any(|s| s.ai.is_none() && is_capture(s));
    if says_ai && says_capture {
        conflicts.push(
            "Some labels say AI was used while another declares a camera or scanner capture."
                .to_owned(),
        );
    }
    let mut kinds: Vec<AiKind> = signals.iter().filter_map(|s| s.ai).collect();
    crate::bytes::sort_by_key(&mut kinds, |k| k.rank());
    kinds.dedup();
    if kinds.len() > 1 {
        conflicts.push(format!(
            "Labels disagree on how AI was used: {}.",
            kinds
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Decision {
        verdict,
        ai_kind,
        conflicts,
    }
}

/// True if the signal carries a source type of the capture class ([`crate::source_type`] decides
/// which terms those are).
fn is_capture(s: &Signal) -> bool {
    s.source_type
        .is_some_and(|t| t.class == crate::source_type::SourceClass::Captured)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::c2pa::{C2paReport, C2paState, Validation};
    use crate::container::Location;
    use crate::source_type::classify_source_type;

    fn signal(strength: Strength, ai: Option<AiKind>, value: &str) -> Signal {
        Signal {
            family: Family::Iptc,
            strength,
            ai,
            value: value.to_owned(),
            source_type: classify_source_type(value),
            tool: None,
            location: Location::default(),
            sentence: None,
            explanation: String::new(),
        }
    }

    fn c2pa(state: C2paState, ai: Option<AiKind>) -> C2paReport {
        C2paReport {
            state,
            active_manifest: None,
            manifests: vec![],
            validation: Validation::default(),
            ai,
            ai_tool: None,
            remote_manifest: None,
            invalid_reason: None,
        }
    }

    #[test]
    fn a_verified_generator_signature_is_ai_verified() {
        let gen = Some(AiKind::Generated);
        let mut nai = signal(Strength::Verified, gen, "NovelAI Ed25519 signature valid");
        nai.family = Family::Generator;
        let d = decide(None, std::slice::from_ref(&nai), false);
        assert_eq!((d.verdict, d.ai_kind), (Verdict::AiVerified, gen));
        // It outranks failed Content Credentials, as ai-verified outranks invalid.
        let d = decide(Some(&c2pa(C2paState::Invalid, None)), &[nai.clone()], false);
        assert_eq!(d.verdict, Verdict::AiVerified);
        // A signature that does not verify is only a declaration.
        let mut bad = signal(
            Strength::Declared,
            None,
            "NovelAI Ed25519 signature INVALID",
        );
        bad.family = Family::Generator;
        assert_eq!(decide(None, &[bad], false).verdict, Verdict::NoLabel);
        // A verified signal of another family does not count.
        let other = signal(Strength::Verified, gen, "x");
        assert_eq!(decide(None, &[other], false).verdict, Verdict::NoLabel);
    }

    #[test]
    fn each_verdict_from_the_evidence_that_implies_it() {
        let gen = Some(AiKind::Generated);
        let cases = [
            (
                Some(c2pa(C2paState::Trusted, gen)),
                vec![],
                Verdict::AiVerified,
            ),
            (Some(c2pa(C2paState::Valid, gen)), vec![], Verdict::AiSigned),
            (
                Some(c2pa(C2paState::Invalid, gen)),
                vec![],
                Verdict::Invalid,
            ),
            (
                Some(c2pa(C2paState::Invalid, None)),
                vec![],
                Verdict::Invalid,
            ),
            (
                None,
                vec![signal(Strength::Watermark, gen, "SDXL")],
                Verdict::AiWatermark,
            ),
            (
                None,
                vec![signal(Strength::Declared, gen, "x")],
                Verdict::AiDeclared,
            ),
            (
                Some(c2pa(C2paState::Trusted, None)),
                vec![],
                Verdict::Provenance,
            ),
            (
                Some(c2pa(C2paState::Valid, None)),
                vec![],
                Verdict::Provenance,
            ),
            (None, vec![], Verdict::NoLabel),
            (
                None,
                vec![signal(Strength::Declared, None, "digitalCapture")],
                Verdict::NoLabel,
            ),
        ];
        for (c, signals, want) in cases {
            assert_eq!(
                decide(c.as_ref(), &signals, false).verdict,
                want,
                "{c:?} {signals:?}"
            );
        }
        assert_eq!(decide(None, &[], true).verdict, Verdict::Error);
    }

    #[test]
    fn stronger_evidence_wins_and_disagreement_is_reported() {
        let s = [
            signal(
                Strength::Declared,
                Some(AiKind::Edited),
                "compositeWithTrainedAlgorithmicMedia",
            ),
            signal(Strength::Watermark, Some(AiKind::Generated), "SDXL"),
        ];
        let d = decide(None, &s, false);
        assert_eq!(d.verdict, Verdict::AiWatermark);
        assert_eq!(d.ai_kind, Some(AiKind::Generated));
        assert!(d.conflicts.iter().any(|c| c.contains("disagree")));

        let d = decide(Some(&c2pa(C2paState::Valid, None)), &s[..1], false);
        assert_eq!(d.verdict, Verdict::AiDeclared);
        assert!(d.conflicts.iter().any(|c| c.contains("declare no AI")));

        let capture = signal(
            Strength::Declared,
            None,
            "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
        );
        let d = decide(None, &[capture, s[0].clone()], false);
        assert!(d.conflicts.iter().any(|c| c.contains("capture")));
    }

    #[test]
    fn every_capture_term_of_the_vocabulary_counts_as_a_capture() {
        let ai = signal(
            Strength::Declared,
            Some(AiKind::Generated),
            "trainedAlgorithmicMedia",
        );
        for term in crate::source_type::tests::LATER_CAPTURE_TERMS {
            let capture = signal(
                Strength::Declared,
                None,
                &format!("http://cv.iptc.org/newscodes/digitalsourcetype/{term}"),
            );
            let d = decide(None, &[capture, ai.clone()], false);
            assert!(d.conflicts.iter().any(|c| c.contains("capture")), "{term}");
        }
        // A non-capture, non-AI source type is no capture.
        let human = signal(Strength::Declared, None, "digitalCreation");
        let d = decide(None, &[human, ai], false);
        assert!(!d.conflicts.iter().any(|c| c.contains("capture")));
    }

    #[test]
    fn no_label_explanation_says_absence_proves_nothing() {
        assert!(Verdict::NoLabel
            .explanation()
            .contains("does not show that a person made it"));
        let all = [
            Verdict::AiVerified,
            Verdict::AiSigned,
            Verdict::Invalid,
            Verdict::AiWatermark,
            Verdict::AiDeclared,
            Verdict::Provenance,
            Verdict::NoLabel,
            Verdict::Error,
        ];
        // The fixed vocabulary of the module doc, strongest first.
        let names = [
            "ai-verified",
            "ai-signed",
            "invalid",
            "ai-watermark",
            "ai-declared",
            "provenance",
            "no-label",
            "error",
        ];
        for (v, name) in all.into_iter().zip(names) {
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{name}\""));
            assert_eq!(v.as_str(), name);
        }
        assert_eq!(AiKind::MayContain.name(), "may-contain");
    }
}
