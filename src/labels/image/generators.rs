//! Signals from text fields (PNG text entries and EXIF tags): generator parameters, generator
//! names in tool fields, the TC260 label, and camera evidence from EXIF `Make`/`Model`.
//!
//! Which field is read for what (FORMATS §4): `parameters` and EXIF `UserComment` for
//! AUTOMATIC1111/Forge/SD.Next, Fooocus and SwarmUI; `prompt`/`workflow` and WebP EXIF `Model`
//! `prompt:{json}` / `Make` `workflow:{json}` for ComfyUI; `Comment` (or NovelAI's WebP mapping to
//! `UserComment`) for NovelAI; `invokeai_*`, `sd-metadata`, `Dream` for InvokeAI; `generation_data`
//! for Tensor.Art. Free-text fields (descriptions, comments) only count when they consist of a
//! generator's name, so that human text mentioning AI stays silent.

use super::fields::{self, Field, Origin};
use super::params::{self, Found};
use super::{tc260, tools};
use crate::limits::Limits;
use crate::signal::{AiKind, Family, Signal, Sink, Strength, UNSIGNED_CAVEAT};

fn generator(field: &Field, found: Found, what: &str, sink: &mut Sink) {
    let family = Family::Generator;
    let name = if field.key.is_empty() {
        "comment".to_owned()
    } else {
        format!("\"{}\"", field.key)
    };
    sink.push(Signal {
        family,
        strength: Strength::Declared,
        ai: Some(AiKind::Generated),
        value: found.summary,
        source_type: None,
        tool: Some(found.tool.clone()),
        location: field
            .location
            .clone()
            .with_path(field.location.path.clone().unwrap_or_else(|| {
                if field.key.is_empty() {
                    "comment".to_owned()
                } else {
                    field.key.clone()
                }
            })),
        sentence: None,
        explanation: format!(
            "{what} in the {name} field has the structure {} writes for the images it \
             generates, which declares AI generation. It does not prove the file came from it. \
             {UNSIGNED_CAVEAT}",
            found.tool
        ),
    });
}

/// Add the signals of every field.
pub fn signals(all: &[Field], limits: &Limits, sink: &mut Sink) {
    let fooocus_scheme = all
        .iter()
        .any(|f| f.origin == Origin::Text && f.key == "fooocus_scheme");
    let mut tool_named_in_make_model = false;
    for f in all {
        let exif = matches!(f.origin, Origin::Exif(_));
        let key = f.key.as_str();
        let value: &str = &f.value;

        // ComfyUI in WebP EXIF: `prompt:{json}` / `workflow:{json}` in Make, Model, ... tags.
        if exif {
            if let Some((prefix, rest)) = value.split_once(':') {
                if matches!(prefix, "prompt" | "workflow") {
                    if let Some(found) = params::json(rest, key, limits, sink)
                        .as_ref()
                        .and_then(params::comfyui)
                    {
                        generator(f, found, "A ComfyUI graph", sink);
                        if f.is_exif(fields::MAKE) || f.is_exif(fields::MODEL) {
                            tool_named_in_make_model = true;
                        }
                        continue;
                    }
                }
            }
        }

        let user_comment = f.is_exif(fields::USER_COMMENT);
        let json = params::json(value, key, limits, sink);

        // TC260 AIGC.
        if ((!exif && key == "AIGC") || user_comment)
            && tc260::read(value, user_comment, &f.location, limits, sink)
        {
            continue;
        }

        if let Some(v) = &json {
            let found = match key {
                "prompt" | "workflow" if !exif => params::comfyui(v),
                "invokeai_metadata" | "invokeai_graph" | "invokeai_workflow" | "sd-metadata"
                    if !exif =>
                {
                    Some(params::invokeai(Some(v)))
                }
                "generation_data" if !exif => Some(Found {
                    tool: "Tensor.Art".to_owned(),
                    summary: String::new(),
                }),
                "parameters" | "Comment" | "UserComment" => params::swarmui(v)
                    .or_else(|| params::fooocus(v, fooocus_scheme))
                    .or_else(|| params::novelai(v)),
                _ => None,
            };
            if let Some(found) = found {
                generator(f, found, "Generator metadata", sink);
                continue;
            }
        } else if !exif
            && key == "Dream"
            && value.split_whitespace().any(|w| matches!(w, "-s" | "-S"))
        {
            generator(
                f,
                params::invokeai(None),
                "An InvokeAI 1.x \"Dream\" command",
                sink,
            );
            continue;
        }

        if matches!(key, "parameters" | "UserComment" | "") {
            // Outside `parameters`, demand the sampler settings every A1111 block carries, so a
            // human comment with a few "key: value" pairs stays silent.
            let strict = key != "parameters";
            if let Some(p) = params::parse_a1111(value).filter(|p| {
                !strict
                    || (p.get("Steps").is_some_and(|v| v.parse::<u32>().is_ok())
                        && ["Sampler", "Seed", "CFG scale"]
                            .iter()
                            .any(|k| p.get(k).is_some()))
            }) {
                let mut found = params::a1111_found(&p);
                if fooocus_scheme {
                    found.tool = "Fooocus".to_owned();
                }
                generator(f, found, "A Stable Diffusion parameters block", sink);
                continue;
            }
        }

        // Generator names in tool and free-text fields.
        let tool_field = match f.origin {
            Origin::Exif(t) => matches!(t, fields::MAKE | fields::MODEL | fields::SOFTWARE),
            Origin::Text => matches!(key, "Software" | "Source"),
        };
        let free_field = match f.origin {
            Origin::Exif(t) => matches!(
                t,
                fields::IMAGE_DESCRIPTION
                    | fields::USER_COMMENT
                    | fields::XP_COMMENT
                    | fields::ARTIST
            ),
            Origin::Text => matches!(key, "Comment" | "Description" | "Author"),
        };
        let known = if tool_field {
            tools::match_tool_field(value)
        } else if free_field {
            tools::match_free_text(value)
        } else {
            None
        };
        if let Some(k) = known {
            if f.is_exif(fields::MAKE) || f.is_exif(fields::MODEL) {
                tool_named_in_make_model = true;
            }
            let (family, place) = if exif {
                (Family::Exif, format!("EXIF {key}"))
            } else {
                (Family::Generator, format!("the \"{key}\" text entry"))
            };
            sink.push(Signal {
                family,
                strength: Strength::Declared,
                ai: Some(AiKind::Generated),
                value: value.chars().take(200).collect(),
                source_type: None,
                tool: Some(k.tool.to_owned()),
                location: f.location.clone(),
                sentence: None,
                explanation: format!(
                    "{place} names {}, an AI image generator ({}), which declares that it made \
                     the image. {UNSIGNED_CAVEAT}",
                    k.tool, k.source
                ),
            });
        }
    }
    camera(all, tool_named_in_make_model, sink);
}

/// EXIF `Make`/`Model` naming a device: capture evidence with no AI claim.
fn camera(all: &[Field], tool_named: bool, sink: &mut Sink) {
    if tool_named {
        return;
    }
    let make = all.iter().find(|f| f.is_exif(fields::MAKE));
    let model = all.iter().find(|f| f.is_exif(fields::MODEL));
    let Some(first) = make.or(model) else {
        return;
    };
    let value = [("Make", make), ("Model", model)]
        .iter()
        .filter_map(|(k, f)| {
            f.map(|f| format!("{k}: {}", f.value.chars().take(100).collect::<String>()))
        })
        .collect::<Vec<_>>()
        .join(", ");
    sink.push(Signal {
        family: Family::Exif,
        strength: Strength::Declared,
        ai: None,
        value,
        source_type: None,
        tool: None,
        location: first.location.clone(),
        sentence: None,
        explanation: format!(
            "EXIF Make/Model name a camera or device, which declares a camera capture. Cameras \
             write these fields, but editors copy them and anyone can set them, so they neither \
             prove a capture nor rule out AI. {UNSIGNED_CAVEAT}"
        ),
    });
}
