//! Image labels end to end through `ailabel::check`: PNG, JPEG and WebP files built here carry
//! generator metadata, IPTC XMP and TC260 labels; real camera and Adobe files must give capture
//! or provenance evidence and no AI claim.

use crate::support::fixtures;

use crate::support::images::*;
use crate::support::png;
use ailabel::{AiKind, Family, Options, Verdict};

/// A 1×1 PNG with `tEXt` entries (and an `iTXt` XMP packet when given).
fn png(text: &[(&str, &str)], xmp: Option<&str>) -> Vec<u8> {
    let mut chunks: Vec<Vec<u8>> = text
        .iter()
        .map(|(k, v)| png::chunk(b"tEXt", &png::text(k, v)))
        .collect();
    chunks.extend(xmp.map(|x| png::chunk(b"iTXt", &png::itxt_xmp(x))));
    png::grey(&chunks)
}

/// A minimal JPEG: SOI, APP1 Exif, optional APP1 XMP, a tiny scan, EOI.
fn jpeg(exif: &[u8], xmp: Option<&str>) -> Vec<u8> {
    let seg = |m: u8, body: &[u8]| {
        let mut s = vec![0xFF, m];
        s.extend(((body.len() + 2) as u16).to_be_bytes());
        s.extend(body);
        s
    };
    let mut out = vec![0xFF, 0xD8];
    out.extend(seg(0xE1, &[b"Exif\0\0".as_slice(), exif].concat()));
    if let Some(x) = xmp {
        out.extend(seg(
            0xE1,
            &[b"http://ns.adobe.com/xap/1.0/\0".as_slice(), x.as_bytes()].concat(),
        ));
    }
    out.extend(seg(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
    out.extend([0x12, 0x34, 0xFF, 0xD9]);
    out
}

/// A WebP (VP8X with the EXIF flag) carrying an `EXIF` chunk.
fn webp(exif: &[u8]) -> Vec<u8> {
    let chunk = |id: &[u8; 4], data: &[u8]| {
        let mut c = id.to_vec();
        c.extend((data.len() as u32).to_le_bytes());
        c.extend(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let mut body = b"WEBP".to_vec();
    body.extend(chunk(b"VP8X", &[0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    body.extend(chunk(b"VP8L", &[0x2F, 0, 0, 0, 0]));
    body.extend(chunk(b"EXIF", exif));
    let mut out = b"RIFF".to_vec();
    out.extend((body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

fn check(bytes: &[u8]) -> ailabel::Report {
    let opts = Options {
        watermarks: false,
        ..Options::default()
    };
    ailabel::check(bytes, &opts)
}

fn unsigned(report: &ailabel::Report) -> Vec<(Family, Option<AiKind>, Option<String>)> {
    report
        .signals
        .iter()
        .filter(|s| {
            matches!(
                s.family,
                Family::Iptc | Family::Xmp | Family::Exif | Family::Generator | Family::Tc260
            )
        })
        .map(|s| (s.family, s.ai, s.tool.clone()))
        .collect()
}

/// The verdict, with the evidence and errors shown when it differs.
fn assert_verdict(r: &ailabel::Report, v: Verdict) {
    assert_eq!(r.verdict, v, "{:?} {:?}", r.signals, r.errors);
}

#[test]
fn png_generators_are_ai_declared() {
    let r = check(&png(
        &[(
            "parameters",
            "a fox\nSteps: 30, Sampler: Euler a, CFG scale: 7, Seed: 9, Model: sdxl",
        )],
        None,
    ));
    assert_eq!(r.verdict, Verdict::AiDeclared, "{:?}", r.signals);
    assert_eq!(r.ai.kind, Some(AiKind::Generated));
    assert_eq!(unsigned(&r).len(), 1);
    assert!(r.signals[0].location.container == "png");

    let r = check(&png(
        &[(
            "AIGC",
            r#"{"AIGC":{"Label":"2","ContentProducer":"Kling"}}"#,
        )],
        None,
    ));
    assert_eq!(r.verdict, Verdict::AiDeclared);
    assert_eq!(r.ai.kind, Some(AiKind::MayContain));
    assert_eq!(r.ai.tools, ["Kling"]);
}

#[test]
fn png_xmp_source_type_and_plain_png() {
    let packet = xmp(
        "<rdf:Description xmlns:iptcExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\">\
         <iptcExt:DigitalSourceType>https://cv.iptc.org/newscodes/digitalsourcetype/compositeSynthetic</iptcExt:DigitalSourceType>\
         </rdf:Description>",
    );
    let r = check(&png(&[], Some(&packet)));
    assert_verdict(&r, Verdict::AiDeclared);
    assert_eq!(r.ai.kind, Some(AiKind::Edited));

    let r = check(&png(
        &[
            ("Software", "GIMP 2.10"),
            ("Comment", "hello"),
            ("Title", "Sunset"),
        ],
        None,
    ));
    assert_eq!(r.verdict, Verdict::NoLabel, "{:?}", r.signals);
    assert!(unsigned(&r).is_empty());
}

#[test]
fn jpeg_a1111_user_comment_and_camera_jpeg() {
    let text = "castle\nNegative prompt: blur\nSteps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 5, Model: v1-5, Version: v1.9.4";
    let comment = [b"UNICODE\0".as_slice(), &utf16(text, true)].concat();
    let exif = tiff(false, &[], &[(0x9286, UNDEFINED, comment)]);
    let r = check(&jpeg(&exif, None));
    assert_verdict(&r, Verdict::AiDeclared);
    let u = unsigned(&r);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].0, Family::Generator);
    assert!(r.signals[0].value.contains("Model: v1-5"));

    let exif = tiff(
        true,
        &[
            ascii(0x010F, "Canon"),
            ascii(0x0110, "Canon EOS R6"),
            ascii(0x0131, "Adobe Photoshop Lightroom Classic 13.0"),
        ],
        &[],
    );
    let photoshop = xmp("<rdf:Description xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmp:CreatorTool=\"Adobe Photoshop 25.0 (Windows)\"/>");
    let r = check(&jpeg(&exif, Some(&photoshop)));
    assert_eq!(r.verdict, Verdict::NoLabel, "{:?}", r.signals);
    assert_eq!(unsigned(&r), [(Family::Exif, None, None)]);
}

#[test]
fn webp_comfyui_and_novelai_exif() {
    let graph = r#"{"1":{"class_type":"KSampler","inputs":{"seed":3,"sampler_name":"euler"}}}"#;
    let exif = tiff(false, &[ascii(0x0110, &format!("prompt:{graph}"))], &[]);
    let r = check(&webp(&exif));
    assert_verdict(&r, Verdict::AiDeclared);
    assert_eq!(r.ai.tools, ["ComfyUI"]);

    let comment = r#"{"prompt":"x","steps":28,"sampler":"k_euler","seed":1,"uc":"bad"}"#;
    let exif = tiff(
        false,
        &[ascii(0x0131, "NovelAI Diffusion V3")],
        &[(
            0x9286,
            UNDEFINED,
            [b"ASCII\0\0\0".as_slice(), comment.as_bytes()].concat(),
        )],
    );
    let r = check(&webp(&exif));
    assert_eq!(r.verdict, Verdict::AiDeclared, "{:?}", r.signals);
    assert_eq!(r.ai.tools, ["NovelAI"]);
}

#[test]
fn real_camera_and_adobe_files_through_check() {
    let read = |rel: &str| check(&fixtures::read(rel));
    // Camera captures (PROVENANCE.tsv: Nikon Z 9, Truepic on a Pixel 5; Apple iPhone cards).
    for (rel, value) in [
        (
            "c2pa/cameras/nikon-20221019-building.jpeg",
            "Make: NIKON CORPORATION, Model: NIKON Z 9",
        ),
        (
            "c2pa/cameras/truepic-20230212-camera.jpg",
            "Make: Google, Model: Pixel 5",
        ),
        (
            "c2pa/formats/cards_trusted.webp",
            "Make: Apple, Model: iPhone 15 Pro",
        ),
    ] {
        let r = read(rel);
        let u: Vec<_> = r
            .signals
            .iter()
            .filter(|s| s.family == Family::Exif)
            .collect();
        assert_eq!(u.len(), 1, "{rel}: {:?}", r.signals);
        assert_eq!(u[0].value, value);
        assert_eq!(u[0].ai, None);
        assert!(unsigned(&r).iter().all(|(_, ai, _)| ai.is_none()), "{rel}");
    }
    // Remote manifest references in XMP (JPEG APP1 and PNG iTXt).
    for (rel, url) in [
        ("c2pa/remote/cloud.jpg", "https://cai-manifests.adobe.com/manifests/adobe-urn-uuid-5f37e182-3687-462e-a7fb-573462780391"),
        ("c2pa/remote/libpng-test_with_url.png", "http://localhost:5000/libpng-test.c2pa"),
    ] {
        let r = read(rel);
        assert!(r.remote_manifests.iter().any(|m| m == url), "{rel}: {:?}", r.remote_manifests);
        assert!(unsigned(&r).iter().all(|(_, ai, _)| ai.is_none()), "{rel}");
    }
}
