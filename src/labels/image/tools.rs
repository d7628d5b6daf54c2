//! The known-generator table: names that AI image generators write into tool fields (EXIF
//! `Software`/`Make`/`Model`, XMP `xmp:CreatorTool`, PNG `Software`), kept as data with a source
//! per entry, and the whole-word matcher that reads it.
//!
//! Matching is on whole words (runs of letters and digits, case-insensitive), never on plain
//! substrings: "Adobe Photoshop 25.0" does not match "Adobe Firefly", "Google" (Pixel phones)
//! matches nothing, and camera makers are absent from the table.

/// How an entry matches a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// These words appear consecutively in the field.
    Words(&'static [&'static str]),
    /// The field starts with this text (case-insensitive).
    Prefix(&'static str),
}

/// One known generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownTool {
    /// How it shows in a field.
    pub pattern: Pattern,
    /// The tool name to report.
    pub tool: &'static str,
    /// Where the value is documented.
    pub source: &'static str,
}

const fn w(words: &'static [&'static str], tool: &'static str, source: &'static str) -> KnownTool {
    KnownTool {
        pattern: Pattern::Words(words),
        tool,
        source,
    }
}

/// The table. Sources marked `[3p]` are values seen in third-party descriptions, not in the
/// vendor's own code or documentation.
pub const KNOWN_TOOLS: &[KnownTool] = &[
    KnownTool {
        pattern: Pattern::Prefix("ai generated;"),
        tool: "FLUX (Black Forest Labs)",
        source:
            "black-forest-labs/flux src/flux/cli.py: EXIF Software \"AI generated;txt2img;flux\"",
    },
    w(
        &["black", "forest", "labs"],
        "FLUX (Black Forest Labs)",
        "black-forest-labs/flux src/flux/cli.py: EXIF Make",
    ),
    w(
        &["novelai"],
        "NovelAI",
        "NovelAI/novelai-image-metadata: PNG Software \"NovelAI\"",
    ),
    w(
        &["fooocus"],
        "Fooocus",
        "lllyasviel/Fooocus modules/meta_parser.py: EXIF Software \"Fooocus v2.x\"",
    ),
    w(
        &["midjourney"],
        "Midjourney",
        "[3p] Midjourney web downloads",
    ),
    w(
        &["dall", "e"],
        "DALL·E",
        "C2PA softwareAgent \"DALL·E\" (FORMATS §4, Tebs-Lab dump)",
    ),
    w(
        &["adobe", "firefly"],
        "Adobe Firefly",
        "contentauth/example-assets: softwareAgent \"Adobe Firefly\"",
    ),
    w(
        &["stable", "diffusion"],
        "Stable Diffusion",
        "AUTOMATIC1111/stable-diffusion-webui (\"Stable Diffusion web UI\")",
    ),
    w(
        &["stability", "ai"],
        "Stability AI",
        "[3p] Stability API outputs",
    ),
    w(
        &["dreamstudio"],
        "DreamStudio",
        "[3p] Stability DreamStudio",
    ),
    w(
        &["microsoft", "designer"],
        "Microsoft Designer",
        "[3p] Microsoft Designer (FORMATS §4)",
    ),
    w(
        &["bing", "image", "creator"],
        "Bing Image Creator",
        "[3p] Bing Image Creator",
    ),
    w(
        &["image", "creator", "from", "designer"],
        "Bing Image Creator",
        "[3p] C2PA softwareAgent \"Image Creator from Designer\"",
    ),
    w(&["imagen"], "Google Imagen", "[3p] Google Imagen"),
    w(
        &["gemini"],
        "Google Gemini",
        "[3p] Google Gemini image generation",
    ),
    w(
        &["nano", "banana"],
        "Google Gemini (Nano Banana)",
        "[3p] Google Nano Banana",
    ),
    w(&["leonardo", "ai"], "Leonardo.Ai", "[3p] Leonardo.Ai"),
    w(&["ideogram"], "Ideogram", "[3p] Ideogram"),
    w(&["craiyon"], "Craiyon", "[3p] Craiyon"),
    w(&["comfyui"], "ComfyUI", "comfyanonymous/ComfyUI"),
    w(&["invokeai"], "InvokeAI", "invoke-ai/InvokeAI"),
    w(&["draw", "things"], "Draw Things", "[3p] Draw Things app"),
    w(
        &["automatic1111"],
        "AUTOMATIC1111 Stable Diffusion web UI",
        "AUTOMATIC1111/stable-diffusion-webui",
    ),
    w(&["swarmui"], "SwarmUI", "mcmonkeyprojects/SwarmUI"),
    w(
        &["chatgpt"],
        "ChatGPT",
        "C2PA claim_generator \"ChatGPT\" (FORMATS §4)",
    ),
    w(
        &["gpt", "image"],
        "OpenAI gpt-image",
        "[3p] OpenAI gpt-image",
    ),
    w(
        &["gpt", "4o"],
        "OpenAI GPT-4o",
        "[3p] OpenAI GPT-4o image generation",
    ),
    w(&["nightcafe"], "NightCafe", "[3p] NightCafe Studio"),
    w(&["tensor", "art"], "Tensor.Art", "[3p] Tensor.Art"),
    w(&["playground", "ai"], "Playground AI", "[3p] Playground AI"),
];

/// Most words of a field compared with the known tools: a tool's name and version are a few
/// words at the start of a short field, while a hostile field can hold millions.
const MAX_WORDS: usize = 256;

/// Split `s` into lowercase words of letters and digits: the first [`MAX_WORDS`] + 1 of them,
/// so that a longer field is told by the count.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS.saturating_add(1))
        // A word over 256 bytes is no tool's word and no version: it is counted, not folded
        // (a copy: a hostile field can be one word of megabytes).
        .map(|w| {
            if w.len() > 256 {
                "…".to_owned()
            } else {
                fold(w)
            }
        })
        .collect()
}

/// `s` lower-cased for comparison with ASCII text: what `str::to_lowercase` gives wherever that
/// is ASCII. ASCII letters are lower-cased, and the only two other characters whose lower case
/// has an ASCII letter in it are mapped as `to_lowercase` maps them (U+212A KELVIN SIGN to `k`,
/// U+0130 to `i` and U+0307); every other character is kept, where `to_lowercase` would give
/// characters that are all outside ASCII (the test `fold_agrees_with_to_lowercase_on_ascii`
/// checks every character). So the runs of ASCII in the result are those of `to_lowercase`'s,
/// and an ASCII word or substring is found in one exactly when it is found in the other.
/// (`to_lowercase` would link the standard library's 12 KB Unicode lower-case table into the
/// browser module; BENCHMARKS.md, "Size of the browser module".)
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{212A}' => out.push('k'),
            '\u{130}' => out.push_str("i\u{307}"),
            _ => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// The first known tool named in a tool field (`Software`, `Make`, `Model`, `CreatorTool`).
pub fn match_tool_field(field: &str) -> Option<&'static KnownTool> {
    let ws = words(field);
    KNOWN_TOOLS.iter().find(|k| matches(k, field, &ws))
}

/// The known tool a free-text field (`ImageDescription`, `UserComment`, `XPComment`, `Artist`)
/// consists of: the field must be only the tool's name, optionally followed by a version
/// ("Midjourney", "NovelAI 3", "Fooocus v2.5.0"), so that sentences mentioning a tool stay silent.
pub fn match_free_text(field: &str) -> Option<&'static KnownTool> {
    let ws = words(field);
    KNOWN_TOOLS.iter().find(|k| match k.pattern {
        Pattern::Prefix(_) => matches(k, field, &ws),
        Pattern::Words(p) => {
            (p.len()..=MAX_WORDS).contains(&ws.len())
                && ws.iter().zip(p.iter()).all(|(a, b)| a == b)
                && ws
                    .iter()
                    .skip(p.len())
                    .all(|w| w.chars().all(|c| c.is_ascii_digit()) || is_version(w))
        }
    })
}

fn is_version(w: &str) -> bool {
    w.strip_prefix('v')
        .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
}

fn matches(k: &KnownTool, field: &str, ws: &[String]) -> bool {
    match k.pattern {
        Pattern::Prefix(p) => field
            .trim_start()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p)),
        Pattern::Words(p) => ws
            .windows(p.len())
            .any(|win| win.iter().zip(p.iter()).all(|(a, b)| a == b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_split_into_at_most_max_words_and_one() {
        assert_eq!(words(&"a ".repeat(10_000)).len(), MAX_WORDS + 1);
        let after = |n: usize, name: &str| format!("{}{name}", "x ".repeat(n));
        assert!(match_tool_field(&after(MAX_WORDS - 1, "Midjourney")).is_some());
        assert!(match_tool_field(&after(MAX_WORDS + 1, "Midjourney")).is_none());
        let versions = |n: usize| format!("NovelAI{}", " 3".repeat(n));
        assert!(match_free_text(&versions(MAX_WORDS - 1)).is_some());
        assert!(match_free_text(&versions(MAX_WORDS)).is_none());
    }

    /// A word over 256 bytes is not folded (a copy of it): one word of 18 MB of `é` took 36 MB.
    #[test]
    fn a_word_over_256_bytes_is_counted_not_folded() {
        let long = "é".repeat(129);
        assert_eq!(words(&format!("Midjourney {long}")), ["midjourney", "…"]);
        assert_eq!(words(&"é".repeat(128)), ["é".repeat(128)]);
        assert!(match_free_text(&format!("Midjourney {long}")).is_none());
        assert!(match_tool_field(&format!("Midjourney {long}")).is_some());
    }

    #[test]
    fn fold_agrees_with_to_lowercase_on_ascii() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let lower: String = c.to_lowercase().collect();
            let folded = fold(c.encode_utf8(&mut [0; 4]));
            if lower.chars().any(|l| l.is_ascii()) {
                assert_eq!(folded, lower, "U+{:04X}", u32::from(c));
            } else {
                assert_eq!(folded, c.to_string(), "U+{:04X}", u32::from(c));
                assert!(!c.is_ascii());
            }
        }
        assert_eq!(
            fold("MIDJOURNEY \u{212A}LING Stable"),
            "midjourney kling stable"
        );
        assert_eq!(words("\u{212A}ling AI"), ["kling", "ai"]);
    }

    #[test]
    fn generators_match_and_cameras_do_not() {
        assert_eq!(
            match_tool_field("AI generated;txt2img;flux").unwrap().tool,
            "FLUX (Black Forest Labs)"
        );
        assert_eq!(match_tool_field("DALL·E 3").unwrap().tool, "DALL·E");
        assert_eq!(match_tool_field("Fooocus v2.5.0").unwrap().tool, "Fooocus");
        for camera in [
            "Adobe Photoshop 25.0 (Windows)",
            "Adobe Photoshop Lightroom Classic 13.0",
            "NIKON CORPORATION",
            "Canon EOS R5",
            "Apple",
            "iPhone 15 Pro",
            "Google",
            "Pixel 8",
            "GIMP 2.10.34",
            "Firefox screenshot",
        ] {
            assert!(match_tool_field(camera).is_none(), "{camera}");
        }
    }

    #[test]
    fn free_text_needs_the_whole_field() {
        assert!(match_free_text("Midjourney").is_some());
        assert!(match_free_text("NovelAI 3").is_some());
        assert!(match_free_text("A painting, not made with Stable Diffusion or AI").is_none());
        assert!(match_free_text("Stable Diffusion is an AI model").is_none());
    }
}
