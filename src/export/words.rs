//! The words and colours of the report: the verdict vocabulary as the page shows it
//! (`www/shared/verdicts.js`, which an end-to-end test compares with this table), what each
//! verdict does not prove (README "Verdicts"), and the names of signal families and strengths.
//! The meaning sentence itself is the report's `summary` (`Verdict::explanation`).

/// How the report shows one verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictWords {
    /// The verdict as the JSON spells it.
    pub code: &'static str,
    /// The heading, as on the page.
    pub title: &'static str,
    /// The colour of its badge (white text on it meets WCAG AA).
    pub color: &'static str,
    /// What this verdict does not prove.
    pub not_proof: &'static str,
}

/// Every verdict, strongest first (the order of `src/verdict.rs`).
pub const VERDICTS: [VerdictWords; 8] = [
    VerdictWords {
        code: "ai-verified",
        title: "AI-made: verified",
        color: "#5b2a86",
        not_proof: "That the signer is honest about everything else, or that other copies of the \
                    content carry the same label.",
    },
    VerdictWords {
        code: "ai-signed",
        title: "AI-made: signed, signer not trusted",
        color: "#8a3f0a",
        not_proof: "Who the signer really is: anyone can make a certificate with any name.",
    },
    VerdictWords {
        code: "invalid",
        title: "Content Credentials are broken",
        color: "#a3161c",
        not_proof: "That the content is fake. Only that nothing the credentials say can be \
                    relied on.",
    },
    VerdictWords {
        code: "ai-watermark",
        title: "AI watermark found",
        color: "#0b5c7a",
        not_proof: "Proof: open watermarks can be forged by anyone, and resizing or \
                    recompression removes them.",
    },
    VerdictWords {
        code: "ai-declared",
        title: "Labelled as AI (unsigned)",
        color: "#8a5a00",
        not_proof: "Proof: anyone can add or strip unsigned labels.",
    },
    VerdictWords {
        code: "provenance",
        title: "Content Credentials, no AI declared",
        color: "#146c43",
        not_proof: "That no AI was involved: a signer states what it chose to state.",
    },
    VerdictWords {
        code: "no-label",
        title: "No AI label found",
        color: "#4a5562",
        not_proof: "That a person made it. Most AI content carries no label, and labels are \
                    easily stripped.",
    },
    VerdictWords {
        code: "error",
        title: "Could not be read",
        color: "#3b3f45",
        not_proof: "Anything about the content.",
    },
];

/// The words of a verdict; anything unknown is shown as `error`, as on the page.
pub fn verdict(code: &str) -> VerdictWords {
    VERDICTS
        .iter()
        .find(|v| v.code == code)
        .or(VERDICTS.last())
        .copied()
        .unwrap_or(VerdictWords {
            code: "error",
            title: "Could not be read",
            color: "#3b3f45",
            not_proof: "Anything about the content.",
        })
}

/// A signal family's name (`www/shared/verdicts.js` `FAMILIES`).
pub fn family(code: &str) -> &str {
    match code {
        "c2pa" => "C2PA Content Credentials",
        "iptc" => "IPTC photo metadata",
        "xmp" => "XMP metadata",
        "exif" => "EXIF metadata",
        "generator" => "AI generator parameters",
        "tc260" => "China AIGC label (GB 45438-2025)",
        "text-disclosure" => "Disclosure in the text",
        "hidden-unicode" => "Hidden characters in the text",
        "html" => "HTML metadata",
        "http-header" => "AI-Disclosure HTTP header",
        "watermark" => "Invisible watermark",
        other => other,
    }
}

/// A signal strength's name (`www/shared/verdicts.js` `STRENGTHS`).
pub fn strength(code: &str) -> &str {
    match code {
        "verified" => "Signed by a trusted signer",
        "signed" => "Signed (signer not trusted)",
        "watermark" => "Watermark",
        "declared" => "Unsigned claim",
        other => other,
    }
}

/// What the evidence says about AI (`www/shared/verdicts.js` `AI_KINDS`).
pub fn ai_kind(code: &str) -> &str {
    match code {
        "generated" => "made with generative AI",
        "edited" => "edited with generative AI",
        "may-contain" => "may contain AI-generated parts",
        other => other,
    }
}

/// The C2PA validation state in words.
pub fn c2pa_state(state: &str) -> &'static str {
    match state {
        "Trusted" => "valid, and the signer is on a trust list in use",
        "Valid" => {
            "the signature and hashes check out, but the signer is not on a trust list in use"
        }
        "Invalid" => "some check failed: nothing in these credentials can be relied on",
        _ => "unknown state",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_has_words_and_unknown_is_error() {
        use crate::verdict::Verdict;
        let ours: Vec<_> = VERDICTS.iter().map(|v| v.code).collect();
        let core: Vec<_> = [
            Verdict::AiVerified,
            Verdict::AiSigned,
            Verdict::Invalid,
            Verdict::AiWatermark,
            Verdict::AiDeclared,
            Verdict::Provenance,
            Verdict::NoLabel,
            Verdict::Error,
        ]
        .map(Verdict::as_str)
        .to_vec();
        assert_eq!(ours, core);
        assert_eq!(
            verdict("ai-signed").title,
            "AI-made: signed, signer not trusted"
        );
        assert_eq!(verdict("<script>").code, "error");
    }
}
