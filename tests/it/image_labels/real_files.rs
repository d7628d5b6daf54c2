//! Image labels on real files (`tests/fixtures`): the XMP and EXIF of camera and
//! Adobe JPEGs (through a tiny APP1 scanner here, independent of the JPEG walker), and TIFF files
//! through `ailabel::check`. Expected values are what the files contain (see `tests/fixtures/README.md` and
//! the reference results), not our own output.

use crate::support::fixtures;

use crate::support::images::{ai, read};
use ailabel::container::{tiff, Embedded, Location, Payload};
use ailabel::{Family, Limits, Options};
use std::borrow::Cow;
use std::time::{Duration, Instant};

/// The XMP and EXIF APP1 payloads of a JPEG (JPEG ITU T.81 B.1.1.4 markers; XMP Part 3 §1.1.3;
/// EXIF 2.32 §4.5.4), found by walking the markers up to the first SOS.
fn jpeg_app1(bytes: &[u8]) -> Embedded<'_> {
    let mut e = Embedded::default();
    let mut i = 2usize;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let body = &bytes[i + 4..i + 2 + len];
        if marker == 0xE1 {
            let xmp = b"http://ns.adobe.com/xap/1.0/\0";
            if let Some(rest) = body.strip_prefix(xmp.as_slice()) {
                let at = (i + 4 + xmp.len()) as u64;
                e.xmp.push(Payload {
                    bytes: Cow::Borrowed(rest),
                    location: Location::new("jpeg", "APP1 XMP", at),
                    ranges: std::iter::once(i as u64..(i + 2 + len) as u64).collect(),
                });
            } else if let Some(rest) = body.strip_prefix(b"Exif\0\0".as_slice()) {
                let at = (i + 10) as u64;
                e.exif.push(Payload {
                    bytes: Cow::Borrowed(rest),
                    location: Location::new("jpeg", "APP1 Exif", at),
                    ranges: std::iter::once(i as u64..(i + 2 + len) as u64).collect(),
                });
            }
        }
        i += 2 + len;
    }
    e
}

#[test]
fn nikon_camera_jpeg_is_capture_evidence() {
    let bytes = fixtures::read("c2pa/cameras/nikon-20221019-building.jpeg");
    let e = jpeg_app1(&bytes);
    assert_eq!((e.xmp.len(), e.exif.len()), (1, 1));
    let sink = read(&e);
    assert!(ai(&sink).is_empty(), "{:?}", sink.signals);
    let cam: Vec<_> = sink
        .signals
        .iter()
        .filter(|s| s.family == Family::Exif)
        .collect();
    assert_eq!(cam.len(), 1, "{:?}", sink.signals);
    assert_eq!(cam[0].value, "Make: NIKON CORPORATION, Model: NIKON Z 9");
    assert!(cam[0].explanation.contains("camera capture"));
}

#[test]
fn truepic_pixel_jpeg_is_capture_evidence() {
    let bytes = fixtures::read("c2pa/cameras/truepic-20230212-camera.jpg");
    let sink = read(&jpeg_app1(&bytes));
    assert!(ai(&sink).is_empty(), "{:?}", sink.signals);
    // Big-endian EXIF: Make "Google", Model "Pixel 5" (a phone, not Google's image generators).
    assert_eq!(sink.signals.len(), 1, "{:?}", sink.signals);
    assert_eq!(sink.signals[0].value, "Make: Google, Model: Pixel 5");
}

#[test]
fn adobe_lightroom_jpeg_is_silent_about_ai() {
    let bytes = fixtures::read("containers/jpeg/adobe-20220124-A.jpg");
    let sink = read(&jpeg_app1(&bytes));
    assert!(ai(&sink).is_empty(), "{:?}", sink.signals);
    assert!(sink
        .signals
        .iter()
        .any(|s| s.value.starts_with("Make: Canon")));
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
}

#[test]
fn provenance_in_adobe_xmp() {
    // adobe-20220124-C.jpg: dcterms:provenance points at the embedded store.
    let bytes = fixtures::read("c2pa/chains/adobe-20220124-C.jpg");
    let sink = read(&jpeg_app1(&bytes));
    assert!(sink.remote_manifests.is_empty());
    assert_eq!(sink.signals.len(), 1, "{:?}", sink.signals);
    assert_eq!(
        sink.signals[0].value,
        "self#jumbf=/c2pa/contentauth:urn:uuid:4d971750-1db4-4492-a87c-5c3e7ed33efc/c2pa.claim"
    );
    // cloud.jpg: a remote manifest URL, reported and not fetched.
    let bytes = fixtures::read("c2pa/remote/cloud.jpg");
    let sink = read(&jpeg_app1(&bytes));
    assert_eq!(
        sink.remote_manifests,
        ["https://cai-manifests.adobe.com/manifests/adobe-urn-uuid-5f37e182-3687-462e-a7fb-573462780391"]
    );
    assert!(ai(&sink).is_empty(), "{:?}", sink.signals);
}

#[test]
fn tiff_files_walk_and_check() {
    // test.tiff: Photoshop XMP in tag 700, no manifest store (VALIDATION.tsv: ManifestNotFound).
    let bytes = fixtures::read("containers/tiff/test.tiff");
    let e = tiff::walk(&bytes, &Limits::default()).unwrap();
    assert_eq!(e.xmp.len(), 1);
    assert!(e.c2pa.is_empty());
    assert_eq!(e.exif.len(), 1);
    let xmp_at = e.xmp[0].location.offset.unwrap() as usize;
    let text = String::from_utf8_lossy(&bytes[xmp_at..xmp_at + e.xmp[0].bytes.len()]);
    assert!(text.contains("<x:xmpmeta"));
    assert!(text.contains("Adobe Photoshop CS Windows"));
    assert!(e.segments.iter().any(|s| s.name == "IFD"));

    for name in [
        "containers/tiff/TUSCANY.TIF",
        "containers/tiff/test.tiff",
        "bombs/tiff_poc.tiff",
    ] {
        let bytes = fixtures::read(name);
        let start = Instant::now();
        let report = ailabel::check(&bytes, &Options::default());
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{name} took too long"
        );
        assert_eq!(report.input.format, "tiff");
        assert!(
            report.signals.iter().all(|s| s.ai.is_none()),
            "{name}: {:?}",
            report.signals
        );
    }
}

#[test]
fn tiff_poc_bomb_is_bounded() {
    // c2pa-rs rejects it: "TIFF file has too many subfiles" (VALIDATION.tsv).
    let bytes = fixtures::read("bombs/tiff_poc.tiff");
    let limits = Limits::default();
    let start = Instant::now();
    match tiff::read_entries(&bytes, 0, &limits) {
        Ok(t) => {
            assert!(t.entries.len() + t.ifds.len() <= limits.max_blocks as usize);
        }
        Err(e) => assert!(!e.message().is_empty()),
    }
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn tiff_segments_cover_image_data() {
    let bytes = fixtures::read("containers/tiff/TUSCANY.TIF");
    let e = tiff::walk(&bytes, &Limits::default()).unwrap();
    let data: Vec<_> = e
        .segments
        .iter()
        .filter(|s| s.name.ends_with("strips") || s.name.ends_with("tiles"))
        .collect();
    assert!(!data.is_empty(), "{:?}", e.segments);
    // Image data is most of an uncompressed TIFF, and every segment lies inside the file.
    let covered: u64 = data.iter().map(|s| s.range.end - s.range.start).sum();
    assert!(covered > bytes.len() as u64 / 2, "{:?}", e.segments);
    assert!(e.segments.iter().all(|s| s.range.end <= bytes.len() as u64));
    assert!(e
        .segments
        .windows(2)
        .all(|w| w[0].range.start <= w[1].range.start));
}
