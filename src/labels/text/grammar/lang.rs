//! The list of languages, and the vocabulary every language
//! shares: AI tool names and the acronym "AI". Syntax of the entries: [`super::lexicon`].
//!
//! These tables are the source of the text-data file (`ailabel_text.bin`, [`super::data`]),
//! which every build reads them from: they are compiled only into the test that generates it.

pub use super::table::{Lang, Tool};
use super::{lang_east, lang_germanic, lang_north_east, lang_other, lang_romance, lang_slavic};

const fn tool(name: &'static str, patterns: &'static str, ambiguous: bool) -> Tool {
    Tool {
        name,
        patterns,
        ambiguous,
    }
}

/// AI terms of every language.
pub const SHARED_AI: &str = "AI|GenAI|LLM*";

/// Words that make a disclosure partial ("partly generated": edited with AI), all languages.
pub const SHARED_PART: &str = "partly|partially|parts|part|teilweise|teile|teils|partiellement|\
    partie|parcialmente|parzialmente|gedeeltelijk|delvis|delvist|częściowo|частично|частково|\
    részben|osittain|osaliselt|kısmen|部分|一部";

/// "May" words for "may contain AI-generated material", all languages.
pub const SHARED_MAY: &str = "may|might|can|could|kann|könnte|können|peut|peuvent|puede|pueden|\
    può|possono|pode|podem|kan|kunnen|може|может|może|mogą|můžе|može|saattaa|voi|lehet|poate";

/// "Contain" words for "may contain AI-generated material", all languages.
pub const SHARED_CONTAIN: &str = "contain*|enthalt*|contenir|contient|contiennent|contener|\
    contiene|contienen|contenere|contengono|conter|contém|bevat*|indeholde*|innehålla*|\
    inneholde*|zawiera*|содерж*|містит*|obsahovat|sisältää|tartalmaz*|conține";

/// AI tools.
pub const TOOLS: &[Tool] = &[
    tool("ChatGPT", "chatgpt*", false),
    tool("GPT", "GPT", false),
    tool("OpenAI", "openai", false),
    tool("Claude", "Claude*", true),
    tool("Gemini", "Gemini*", true),
    tool("Copilot", "Copilot*", true),
    tool("Bard", "Bard", true),
    tool("Midjourney", "midjourney*", false),
    tool("DALL-E", "dall e|dalle*|dall·e", false),
    tool("Stable Diffusion", "stable diffusion*|sdxl", false),
    tool("Adobe Firefly", "adobe firefly", false),
    tool("Firefly", "Firefly", true),
    tool("Sora", "Sora", true),
    tool("Llama", "Llama", true),
    tool("Mistral", "Mistral", true),
    tool("Grok", "Grok", true),
    tool("DeepSeek", "deepseek*", false),
    tool("Perplexity", "Perplexity", true),
    tool("Jasper", "Jasper", true),
    tool("Qwen", "qwen*", false),
    tool("Kandinsky", "Kandinsky", true),
    tool("Runway", "Runway", true),
    tool("Suno", "Suno", true),
    tool("ElevenLabs", "elevenlabs", false),
    tool("Imagen", "Imagen", true),
    tool("Ideogram", "Ideogram", true),
    tool("Leonardo AI", "leonardo ai", false),
    tool("Synthesia", "synthesia", false),
    tool("HeyGen", "heygen", false),
    tool("DeepL", "deepl", false),
    tool("GigaChat", "gigachat", false),
    tool("YandexGPT", "yandexgpt|шедеврум", false),
    tool("ERNIE Bot", "文心一言|ernie bot", false),
    tool("Doubao", "豆包", false),
    tool("Tongyi Qianwen", "通义千问|通義千問", false),
    tool("Kimi", "Kimi", true),
];

/// Every language table.
pub const LANGS: &[&Lang] = &[
    &lang_germanic::EN,
    &lang_germanic::DE,
    &lang_germanic::NL,
    &lang_germanic::DA,
    &lang_germanic::NO,
    &lang_germanic::SV,
    &lang_romance::FR,
    &lang_romance::ES,
    &lang_romance::IT,
    &lang_romance::PT,
    &lang_romance::RO,
    &lang_slavic::CS,
    &lang_slavic::SK,
    &lang_slavic::PL,
    &lang_slavic::SL,
    &lang_slavic::HR,
    &lang_slavic::SR,
    &lang_slavic::BG,
    &lang_slavic::RU,
    &lang_slavic::UK,
    &lang_north_east::ET,
    &lang_north_east::FI,
    &lang_north_east::LT,
    &lang_north_east::LV,
    &lang_north_east::HU,
    &lang_other::EL,
    &lang_other::MT,
    &lang_other::GA,
    &lang_other::TR,
    &lang_other::AR,
    &lang_other::HI,
    &lang_east::ZH,
    &lang_east::JA,
    &lang_east::KO,
];
