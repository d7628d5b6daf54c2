//! Generator parameters: the settings local and hosted image generators write next to their
//! output (FORMATS §4): AUTOMATIC1111/Forge/SD.Next `parameters` text, ComfyUI `prompt`/`workflow`
//! graphs, NovelAI `Comment`, InvokeAI, Fooocus, SwarmUI and Tensor.Art JSON.
//!
//! Each recogniser checks structure, not words: an A1111 block needs at least three `key: value`
//! pairs (or a `Steps` key) on its last line, as the web UI's own reader requires
//! (`modules/infotext_utils.py`); a ComfyUI graph needs nodes with `class_type` or a `nodes`
//! array; a NovelAI comment needs its sampler settings. JSON larger than
//! `max_metadata_bytes` is never parsed.

use crate::limits::Limits;
use crate::signal::Sink;
use serde_json::Value;

/// A recognised set of generator parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The generator.
    pub tool: String,
    /// A short summary of the settings (model, sampler, seed, version).
    pub summary: String,
}

/// Parse `text` (the value of field `key`) as JSON if it is an object of acceptable size; one
/// whose tree would be over `max_json_bytes` is not parsed, with a warning.
pub fn json(text: &str, key: &str, limits: &Limits, sink: &mut Sink) -> Option<Value> {
    let t = text.trim();
    if !t.starts_with('{') || crate::bytes::to_u64(t.len()) > limits.max_metadata_bytes {
        return None;
    }
    if let Some(w) = crate::limits::json_refused(t.as_bytes(), &format!("the {key} field"), limits)
    {
        sink.warnings.push_unread(w);
        return None;
    }
    serde_json::from_slice::<Value>(t.as_bytes())
        .ok()
        .filter(Value::is_object)
}

/// The `key: value` pairs of an AUTOMATIC1111 parameters block, with the prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct A1111 {
    /// The positive prompt.
    pub prompt: String,
    /// The negative prompt.
    pub negative: String,
    /// The settings from the last line, in order.
    pub pairs: Vec<(String, String)>,
}

impl A1111 {
    /// The value of setting `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Parse an AUTOMATIC1111 infotext: `<prompt>\nNegative prompt: <neg>\n<k>: <v>, …`. The last
/// line holds the settings, matched like the web UI's regex
/// `\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)`; fewer than three matches without a
/// `Steps` key means there are no settings, and `None` is returned.
pub fn parse_a1111(text: &str) -> Option<A1111> {
    let text = text.trim();
    let (body, last) = match text.rsplit_once('\n') {
        Some((b, l)) => (b, l),
        None => ("", text),
    };
    let pairs = settings(last);
    if pairs.len() < 3 && !pairs.iter().any(|(k, _)| k == "Steps") {
        return None;
    }
    let (prompt, negative) = match body.split_once("Negative prompt:") {
        Some((p, n)) => (p.trim(), n.trim()),
        None => (body.trim(), ""),
    };
    Some(A1111 {
        prompt: prompt.to_owned(),
        negative: negative.to_owned(),
        pairs,
    })
}

/// The `key: value` pairs of a settings line.
fn settings(line: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = line.chars().take(65_536).collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    while start < chars.len() {
        match pair_at(&chars, start) {
            Ok((k, v, end)) => {
                out.push((k, v));
                start = end.max(start.saturating_add(1));
            }
            // Any start inside a failed key fails the same way: resume after it.
            Err(next) => start = next.max(start.saturating_add(1)),
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Match one pair at `start`; return key, value and the index after it, or where to resume.
fn pair_at(chars: &[char], start: usize) -> Result<(String, String, usize), usize> {
    let at = |i: usize| chars.get(i).copied();
    let mut i = start;
    while at(i).is_some_and(char::is_whitespace) {
        i += 1;
    }
    let key_start = i;
    if !at(i).is_some_and(is_word) {
        return Err(i.saturating_add(1));
    }
    i += 1;
    let run_start = i;
    while at(i).is_some_and(|c| is_word(c) || c == ' ' || c == '-' || c == '/') {
        i += 1;
    }
    if i == run_start || at(i) != Some(':') {
        return Err(i);
    }
    let key: String = chars.get(key_start..i).unwrap_or_default().iter().collect();
    i += 1;
    while at(i).is_some_and(char::is_whitespace) {
        i += 1;
    }
    let value: String;
    if at(i) == Some('"') {
        let mut j = i + 1;
        let mut closed = false;
        while let Some(c) = at(j) {
            if c == '\\' {
                j += 2;
                continue;
            }
            if c == '"' {
                closed = true;
                break;
            }
            j += 1;
        }
        if closed && j > i + 1 {
            let quoted: String = chars.get(i..=j).unwrap_or_default().iter().collect();
            value = serde_json::from_slice::<String>(quoted.as_bytes()).unwrap_or(quoted);
            i = j + 1;
        } else {
            let (v, end) = unquoted(chars, i);
            value = v;
            i = end;
        }
    } else {
        let (v, end) = unquoted(chars, i);
        value = v;
        i = end;
    }
    if at(i) == Some(',') {
        i += 1;
    } else if i < chars.len() {
        // `(?:,|$)` must follow the value.
        return Err(i);
    }
    Ok((key.trim().to_owned(), value.trim().to_owned(), i))
}

fn unquoted(chars: &[char], from: usize) -> (String, usize) {
    let end = chars
        .iter()
        .skip(from)
        .position(|&c| c == ',')
        .map_or(chars.len(), |p| from + p);
    (
        chars.get(from..end).unwrap_or_default().iter().collect(),
        end,
    )
}

/// Summarise an A1111 block and name its flavour (Forge writes `Version: f…`).
pub fn a1111_found(p: &A1111) -> Found {
    let version = p.get("Version").unwrap_or_default();
    let tool =
        if version.starts_with('f') && version.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            "Stable Diffusion WebUI Forge"
        } else if super::tools::fold(version).contains("fooocus") {
            "Fooocus"
        } else {
            "AUTOMATIC1111 Stable Diffusion web UI (or compatible)"
        };
    let summary = ["Model", "Sampler", "Steps", "Seed", "Version"]
        .iter()
        .filter_map(|k| p.get(k).map(|v| format!("{k}: {v}")))
        .collect::<Vec<_>>()
        .join(", ");
    Found {
        tool: tool.to_owned(),
        summary,
    }
}

fn s(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => s(o.get("model_name").or_else(|| o.get("name"))),
        _ => None,
    }
}

fn summary(pairs: &[(&str, Option<String>)]) -> String {
    pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {}", clip(v))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn clip(v: &str) -> String {
    if v.chars().count() > 80 {
        let mut s: String = v.chars().take(80).collect();
        s.push('…');
        s
    } else {
        v.to_owned()
    }
}

/// A ComfyUI API graph (`{"<id>": {"class_type": …, "inputs": {…}}}`) or UI workflow
/// (`{"nodes": [...], "links": [...]}`).
pub fn comfyui(v: &Value) -> Option<Found> {
    let o = v.as_object()?;
    if let Some(nodes) = o.get("nodes").and_then(Value::as_array) {
        if o.contains_key("links") || o.contains_key("version") || o.contains_key("last_node_id") {
            return Some(Found {
                tool: "ComfyUI".to_owned(),
                summary: format!("workflow with {} nodes", nodes.len()),
            });
        }
    }
    let graph: Vec<&serde_json::Map<String, Value>> = o
        .values()
        .filter_map(Value::as_object)
        .filter(|n| n.get("class_type").is_some_and(Value::is_string))
        .collect();
    if graph.is_empty() {
        return None;
    }
    let input = |class: &str, key: &str| {
        graph
            .iter()
            .filter(|n| {
                n.get("class_type")
                    .and_then(Value::as_str)
                    .is_some_and(|c| c.contains(class))
            })
            .find_map(|n| s(n.get("inputs").and_then(|i| i.get(key))))
    };
    let found = summary(&[
        (
            "model",
            input("Loader", "ckpt_name").or_else(|| input("Loader", "unet_name")),
        ),
        ("sampler", input("KSampler", "sampler_name")),
        (
            "seed",
            input("KSampler", "seed").or_else(|| input("KSampler", "noise_seed")),
        ),
    ]);
    Some(Found {
        tool: "ComfyUI".to_owned(),
        summary: format!(
            "prompt graph with {} nodes{}{found}",
            graph.len(),
            if found.is_empty() { "" } else { "; " }
        ),
    })
}

/// A NovelAI `Comment` (NovelAI/novelai-image-metadata): sampler settings plus `uc` or
/// `v4_prompt` or `signed_hash` or `request_type`.
pub fn novelai(v: &Value) -> Option<Found> {
    let o = v.as_object()?;
    let marker = ["uc", "v4_prompt", "signed_hash", "request_type"]
        .iter()
        .any(|k| o.contains_key(*k));
    let settings = ["steps", "sampler", "scale", "seed"]
        .iter()
        .filter(|k| o.contains_key(**k))
        .count();
    if !marker || settings < 2 {
        return None;
    }
    let mut text = summary(&[
        ("sampler", s(o.get("sampler"))),
        ("steps", s(o.get("steps"))),
        ("seed", s(o.get("seed"))),
    ]);
    if o.contains_key("signed_hash") {
        text.push_str("; carries a signed_hash (not verified here)");
    }
    Some(Found {
        tool: "NovelAI".to_owned(),
        summary: text,
    })
}

/// SwarmUI `parameters` JSON (`sui_image_params`).
pub fn swarmui(v: &Value) -> Option<Found> {
    let p = v.get("sui_image_params")?.as_object()?;
    Some(Found {
        tool: "SwarmUI".to_owned(),
        summary: summary(&[
            ("model", s(p.get("model"))),
            ("seed", s(p.get("seed"))),
            ("version", s(p.get("swarm_version"))),
        ]),
    })
}

/// Fooocus `parameters` JSON (lllyasviel/Fooocus `modules/meta_parser.py`): a `version` naming
/// Fooocus, or its `full_prompt` with sampler settings.
pub fn fooocus(v: &Value, scheme_declared: bool) -> Option<Found> {
    let o = v.as_object()?;
    let version = s(o.get("version")).unwrap_or_default();
    let named = super::tools::fold(&version).starts_with("fooocus");
    let shaped =
        o.contains_key("full_prompt") && (o.contains_key("seed") || o.contains_key("sampler"));
    if !(named || shaped || (scheme_declared && o.contains_key("prompt"))) {
        return None;
    }
    Some(Found {
        tool: "Fooocus".to_owned(),
        summary: summary(&[
            ("model", s(o.get("base_model"))),
            ("sampler", s(o.get("sampler"))),
            ("seed", s(o.get("seed"))),
            ("version", Some(version).filter(|v| !v.is_empty())),
        ]),
    })
}

/// InvokeAI metadata JSON (`invokeai_metadata`, `sd-metadata`), or any object from its keys.
pub fn invokeai(v: Option<&Value>) -> Found {
    let get = |k: &str| v.and_then(|v| s(v.get(k)));
    let model = get("model").or_else(|| v.and_then(|v| s(v.get("model_weights"))));
    let version = get("app_version");
    Found {
        tool: "InvokeAI".to_owned(),
        summary: summary(&[
            ("model", model),
            ("seed", get("seed")),
            ("version", version),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1111_last_line() {
        let t = "a cat\nNegative prompt: dog\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Lora hashes: \"a: 1, b: 2\", Version: f2.0.1";
        let p = parse_a1111(t).unwrap();
        assert_eq!(p.prompt, "a cat");
        assert_eq!(p.negative, "dog");
        assert_eq!(p.get("Lora hashes"), Some("a: 1, b: 2"));
        assert_eq!(p.get("Seed"), Some("1"));
        assert_eq!(a1111_found(&p).tool, "Stable Diffusion WebUI Forge");
        assert!(parse_a1111("Title: A walk in the park").is_none());
        assert!(parse_a1111("hello, world").is_none());
    }
}
