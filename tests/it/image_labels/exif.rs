//! Image labels from EXIF tags and PNG-style text entries: generator names, generator
//! parameters, TC260, camera evidence and the negatives that must stay silent. Fixtures are EXIF
//! blocks (both byte orders) and text entries built here.

use crate::support::images::*;
use ailabel::{AiKind, Family, Limits};

const COMFY_PROMPT: &str = r#"{"3":{"class_type":"KSampler","inputs":{"seed":42,"steps":20,"sampler_name":"euler","model":["4",0]}},"4":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"sd_xl_base_1.0.safetensors"}}}"#;
const COMFY_WORKFLOW: &str = r#"{"last_node_id":9,"nodes":[{"id":3,"type":"KSampler"},{"id":4,"type":"CheckpointLoaderSimple"}],"links":[],"version":0.4}"#;
const A1111: &str = "a castle on a hill\nNegative prompt: blurry\nSteps: 28, Sampler: DPM++ 2M, CFG scale: 7, Seed: 1234, Size: 512x512, Model hash: abcd, Model: dreamshaper_8, Version: v1.7.0";

fn user_comment_unicode(text: &str, big: bool) -> Vec<u8> {
    let mut v = b"UNICODE\0".to_vec();
    v.extend(utf16(text, big));
    v
}

#[test]
fn flux_exif_in_both_byte_orders() {
    for big in [false, true] {
        let block = tiff(
            big,
            &[
                ascii(0x010E, "a photo of a forest"),
                ascii(0x010F, "Black Forest Labs"),
                ascii(0x0110, "flux-dev"),
                ascii(0x0131, "AI generated;txt2img;flux"),
            ],
            &[],
        );
        let sink = read(&with_exif(block));
        let ai = ai(&sink);
        assert_eq!(ai.len(), 2, "{:?}", sink.signals);
        assert!(ai
            .iter()
            .all(|s| s.family == Family::Exif && s.ai == Some(AiKind::Generated)));
        assert!(ai
            .iter()
            .all(|s| s.tool.as_deref() == Some("FLUX (Black Forest Labs)")));
        // A generator in Make means no camera evidence.
        assert_eq!(sink.signals.len(), 2);
        assert_declared(&sink);
        let sw = ai
            .iter()
            .find(|s| s.value.starts_with("AI generated"))
            .unwrap();
        assert!(sw.location.path.as_deref().unwrap().contains("Software"));
    }
}

#[test]
fn a1111_user_comment_in_each_encoding() {
    // piexif: UNICODE + UTF-16BE in a little-endian block; others: the block's order; ASCII.
    for (big_block, comment) in [
        (false, user_comment_unicode(A1111, true)),
        (false, user_comment_unicode(A1111, false)),
        (true, user_comment_unicode(A1111, true)),
        (
            true,
            [b"ASCII\0\0\0".to_vec(), A1111.as_bytes().to_vec()].concat(),
        ),
    ] {
        let block = tiff(big_block, &[], &[(0x9286, UNDEFINED, comment)]);
        let sink = read(&with_exif(block));
        assert_eq!(sink.signals.len(), 1, "{:?}", sink.signals);
        let s = &sink.signals[0];
        assert_eq!(
            (s.family, s.ai),
            (Family::Generator, Some(AiKind::Generated))
        );
        assert_eq!(
            s.value,
            "Model: dreamshaper_8, Sampler: DPM++ 2M, Steps: 28, Seed: 1234, Version: v1.7.0"
        );
        assert!(s.tool.as_deref().unwrap().contains("AUTOMATIC1111"));
    }
}

#[test]
fn a1111_png_parameters_forge_and_quoted_values() {
    let forge = "cat\nSteps: 20, Sampler: Euler, Lora hashes: \"x: 1, y: 2\", Seed: 7, Version: f2.0.1v1.10.1";
    let sink = read(&with_text(&[("parameters", forge)]));
    assert_eq!(sink.signals.len(), 1);
    assert_eq!(
        sink.signals[0].tool.as_deref(),
        Some("Stable Diffusion WebUI Forge")
    );
    assert!(sink.signals[0].value.contains("Seed: 7"));
    // Fewer than three pairs and no Steps: not parameters.
    let sink = read(&with_text(&[(
        "parameters",
        "my notes\nTitle: holiday, Place: Rome",
    )]));
    assert!(sink.signals.is_empty());
}

#[test]
fn comfyui_png_and_webp_exif() {
    let sink = read(&with_text(&[
        ("prompt", COMFY_PROMPT),
        ("workflow", COMFY_WORKFLOW),
    ]));
    assert_eq!(kinds(&sink), [AiKind::Generated; 2]);
    assert!(sink
        .signals
        .iter()
        .all(|s| s.tool.as_deref() == Some("ComfyUI")));
    assert!(sink.signals[0].value.contains("sd_xl_base_1.0.safetensors"));
    assert!(sink.signals[0].value.contains("seed: 42"));
    assert!(sink.signals[1].value.contains("2 nodes"));
    // WebP: Model = "prompt:{json}", Make = "workflow:{json}".
    let block = tiff(
        false,
        &[
            ascii(0x010F, &format!("workflow:{COMFY_WORKFLOW}")),
            ascii(0x0110, &format!("prompt:{COMFY_PROMPT}")),
        ],
        &[],
    );
    let sink = read(&with_exif(block));
    assert_eq!(kinds(&sink), [AiKind::Generated; 2], "{:?}", sink.signals);
    assert_eq!(
        sink.signals.len(),
        2,
        "no camera evidence from a graph in Make/Model"
    );
}

#[test]
fn novelai_png_and_webp() {
    let comment = r#"{"prompt": "1girl", "steps": 28, "height": 1216, "width": 832, "scale": 5.0, "uncond_scale": 0.0, "cfg_rescale": 0.0, "seed": 3527542101, "n_samples": 1, "noise_schedule": "karras", "sampler": "k_euler_ancestral", "uc": "lowres", "signed_hash": "AAAA"}"#;
    let sink = read(&with_text(&[
        ("Title", "NovelAI generated image"),
        ("Description", "1girl"),
        ("Software", "NovelAI"),
        ("Source", "NovelAI Diffusion V4 4F49EC75"),
        ("Comment", comment),
    ]));
    let tools: Vec<_> = ai(&sink).iter().map(|s| s.tool.clone().unwrap()).collect();
    assert_eq!(
        tools,
        ["NovelAI", "NovelAI", "NovelAI"],
        "{:?}",
        sink.signals
    );
    let c = sink
        .signals
        .iter()
        .find(|s| s.location.block == "tEXt Comment")
        .unwrap();
    assert!(c.value.contains("seed: 3527542101"));
    assert!(c.value.contains("signed_hash"));
    // WebP EXIF mapping: Software <- Source, UserComment (ASCII) <- Comment.
    let block = tiff(
        false,
        &[
            ascii(0x010E, "1girl"),
            ascii(0x0131, "NovelAI Diffusion V4 4F49EC75"),
        ],
        &[(
            0x9286,
            UNDEFINED,
            [b"ASCII\0\0\0".as_slice(), comment.as_bytes()].concat(),
        )],
    );
    let sink = read(&with_exif(block));
    assert_eq!(kinds(&sink), [AiKind::Generated; 2], "{:?}", sink.signals);
}

#[test]
fn invokeai_fooocus_swarmui_tensorart() {
    let sink = read(&with_text(&[(
        "invokeai_metadata",
        r#"{"positive_prompt":"x","model":{"name":"sdxl"},"seed":5,"app_version":"4.2.0"}"#,
    )]));
    assert_eq!(sink.signals[0].tool.as_deref(), Some("InvokeAI"));
    assert_eq!(
        sink.signals[0].value,
        "model: sdxl, seed: 5, version: 4.2.0"
    );
    let sink = read(&with_text(&[(
        "Dream",
        "\"a cat\" -s 50 -S 1234 -W 512 -H 512",
    )]));
    assert_eq!(sink.signals[0].tool.as_deref(), Some("InvokeAI"));
    let sink = read(&with_text(&[(
        "sd-metadata",
        r#"{"model_weights":"sd-1.5","image":{"prompt":"x"}}"#,
    )]));
    assert_eq!(sink.signals[0].tool.as_deref(), Some("InvokeAI"));

    let fooocus = r#"{"full_prompt": ["a cat"], "prompt": "a cat", "base_model": "juggernautXL", "sampler": "dpmpp_2m_sde_gpu", "seed": "99", "version": "Fooocus v2.5.5"}"#;
    let sink = read(&with_text(&[
        ("parameters", fooocus),
        ("fooocus_scheme", "fooocus"),
    ]));
    assert_eq!(sink.signals.len(), 1);
    assert_eq!(sink.signals[0].tool.as_deref(), Some("Fooocus"));
    assert!(sink.signals[0].value.contains("juggernautXL"));
    // Fooocus JPEG: UserComment without prefix + Software "Fooocus v2.5.5".
    let block = tiff(
        true,
        &[ascii(0x0131, "Fooocus v2.5.5")],
        &[(0x9286, UNDEFINED, fooocus.as_bytes().to_vec())],
    );
    let sink = read(&with_exif(block));
    assert_eq!(kinds(&sink), [AiKind::Generated; 2], "{:?}", sink.signals);
    assert!(sink
        .signals
        .iter()
        .all(|s| s.tool.as_deref() == Some("Fooocus")));

    let swarm = r#"{"sui_image_params":{"prompt":"x","model":"flux1-dev","seed":11,"swarm_version":"0.9.5"},"sui_extra_data":{}}"#;
    let sink = read(&with_text(&[("parameters", swarm)]));
    assert_eq!(sink.signals[0].tool.as_deref(), Some("SwarmUI"));
    assert_eq!(
        sink.signals[0].value,
        "model: flux1-dev, seed: 11, version: 0.9.5"
    );

    let sink = read(&with_text(&[("generation_data", r#"{"prompt":"x"}"#)]));
    assert_eq!(sink.signals[0].tool.as_deref(), Some("Tensor.Art"));
}

#[test]
fn tc260_png_and_exif() {
    let label = r#"{"Label":"1","ContentProducer":"Doubao","ProduceID":"abc","ReservedCode1":"","ContentPropagator":"","PropagateID":"","ReservedCode2":""}"#;
    for text in [label.to_owned(), format!("{{\"AIGC\":{label}}}")] {
        let sink = read(&with_text(&[("AIGC", &text)]));
        assert_eq!(kinds(&sink), [AiKind::Generated]);
        assert_eq!(sink.signals[0].family, Family::Tc260);
        assert_eq!(sink.signals[0].tool.as_deref(), Some("Doubao"));
    }
    let wrapped = format!("{{\"AIGC\":{}}}", label.replace("\"1\"", "\"3\""));
    let block = tiff(
        false,
        &[],
        &[(
            0x9286,
            UNDEFINED,
            [b"ASCII\0\0\0".as_slice(), wrapped.as_bytes()].concat(),
        )],
    );
    let sink = read(&with_exif(block));
    assert_eq!(kinds(&sink), [AiKind::MayContain]);
    // A bare object in UserComment is not taken as TC260.
    let block = tiff(
        false,
        &[],
        &[(0x9286, UNDEFINED, label.as_bytes().to_vec())],
    );
    assert!(read(&with_exif(block)).signals.is_empty());
}

#[test]
fn xp_comment_and_free_text() {
    let block = tiff(
        false,
        &[(
            0x9C9C,
            BYTE,
            [utf16("Midjourney", false), vec![0, 0]].concat(),
        )],
        &[],
    );
    let sink = read(&with_exif(block));
    assert_eq!(kinds(&sink), [AiKind::Generated]);
    assert_eq!(sink.signals[0].tool.as_deref(), Some("Midjourney"));
}

#[test]
fn camera_exif_is_capture_evidence_not_ai() {
    for (make, model, software) in [
        (
            "Canon",
            "Canon EOS R5",
            "Adobe Photoshop Lightroom Classic 13.0 (Windows)",
        ),
        ("NIKON CORPORATION", "NIKON Z 9", "Ver.01.00"),
        ("Apple", "iPhone 15 Pro", "17.1"),
        ("Google", "Pixel 8", "HDR+ 1.0.540104767zd"),
    ] {
        for big in [false, true] {
            let block = tiff(
                big,
                &[
                    ascii(0x010F, make),
                    ascii(0x0110, model),
                    ascii(0x0131, software),
                    ascii(0x010E, "Sunset, taken without AI"),
                ],
                &[(0x9286, UNDEFINED, b"ASCII\0\0\0My holiday".to_vec())],
            );
            let sink = read(&with_exif(block));
            assert!(ai(&sink).is_empty(), "{make}: {:?}", sink.signals);
            assert_eq!(sink.signals.len(), 1);
            assert_eq!(sink.signals[0].family, Family::Exif);
            assert_eq!(
                sink.signals[0].value,
                format!("Make: {make}, Model: {model}")
            );
            assert!(sink.signals[0].explanation.contains("camera capture"));
        }
    }
}

#[test]
fn ordinary_text_chunks_are_silent() {
    let sink = read(&with_text(&[
        ("Software", "GIMP 2.10.36"),
        ("Software", "Adobe Photoshop 25.0 (Windows)"),
        ("Comment", "hello"),
        ("Title", "Stable Diffusion"),
        ("Author", "Jane Doe"),
        (
            "Description",
            "A drawing about AI. Not made with Stable Diffusion or Midjourney.",
        ),
        ("parameters", "just some text"),
        ("prompt", "{\"not\": \"a graph\"}"),
        ("", "Steps: 3 to success, Sampler: none"),
        ("Creation Time", "2024:01:01 10:00:00"),
    ]));
    assert!(sink.signals.is_empty(), "{:?}", sink.signals);
}

#[test]
fn hostile_exif_is_bounded() {
    // Oversized JSON is not parsed under tiny limits.
    let big = format!(
        "{{\"sui_image_params\":{{\"model\":\"{}\"}}}}",
        "m".repeat(70 * 1024)
    );
    let mut sink = ailabel::Sink::default();
    ailabel::labels::image::read(
        &with_text(&[("parameters", &big)]),
        &Limits::tiny(),
        &mut sink,
    );
    assert!(sink.signals.is_empty());
    // Truncated and garbage EXIF never panics; a bad header is a warning.
    let block = tiff(
        true,
        &[ascii(0x0131, "NovelAI")],
        &[(0x9286, UNDEFINED, b"ASCII\0\0\0x".to_vec())],
    );
    for n in 0..block.len() {
        let _ = read(&with_exif(block[..n].to_vec()));
    }
    let sink = read(&with_exif(b"garbage!".to_vec()));
    assert_eq!(sink.warnings.len(), 1);
}

#[test]
fn jis_prefix_and_thumbnail_ifd() {
    let block = tiff(
        false,
        &[],
        &[(0x9286, UNDEFINED, b"JIS\0\0\0\0\0Midjourney".to_vec())],
    );
    assert_eq!(kinds(&read(&with_exif(block))), [AiKind::Generated]);
    // A generator name only in IFD1 (the thumbnail's IFD) is not the image's metadata.
    let mut block = tiff(false, &[ascii(0x0131, "Photos 1.0")], &[]);
    // IFD0 ends with its next-IFD offset at 8 + 2 + 12; point it at an IFD1 appended here.
    let ifd1_at = block.len() as u32;
    block[8 + 2 + 12..8 + 2 + 12 + 4].copy_from_slice(&ifd1_at.to_le_bytes());
    block.extend(1u16.to_le_bytes());
    block.extend(0x0131u16.to_le_bytes());
    block.extend(2u16.to_le_bytes());
    block.extend(8u32.to_le_bytes());
    block.extend((ifd1_at + 2 + 12 + 4).to_le_bytes());
    block.extend(0u32.to_le_bytes());
    block.extend(b"NovelAI\0");
    let t = ailabel::container::tiff::read_entries(&block, 0, &Limits::default()).unwrap();
    assert_eq!(t.ifds.len(), 2);
    let in_ifd1 = t.entries.iter().find(|e| e.ifd_index == 1).unwrap();
    assert_eq!(in_ifd1.text(), "NovelAI");
    assert!(ai(&read(&with_exif(block))).is_empty());
}
