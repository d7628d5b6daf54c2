//! Unit tests for the GIF walker on GIFs built in code.

use super::*;

fn sub_blocks(data: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    for c in data.chunks(255) {
        v.push(u8::try_from(c.len()).unwrap());
        v.extend_from_slice(c);
    }
    v.push(0);
    v
}

fn gif(body: &[u8]) -> Vec<u8> {
    let mut v = b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec();
    v.extend_from_slice(&[0; 6]); // 2-entry global colour table
    v.extend_from_slice(body);
    v
}

fn image() -> Vec<u8> {
    let mut v = vec![0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2];
    v.extend_from_slice(&sub_blocks(&[0x44, 0x01]));
    v
}

#[test]
fn blocks_are_named_and_ordered() {
    let mut body = vec![0x21, 0xF9, 4, 0, 0, 0, 0, 0];
    body.extend(image());
    body.push(0x3B);
    let b = gif(&body);
    let e = walk(&b, &Limits::default()).unwrap();
    let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["GIF89a", "LSD", "GCT", "21F9", "2C", "TBID", "3B"]);
    assert_eq!(e.segments.get(2).unwrap().range, 13..19);
    assert_eq!(
        e.segments.last().unwrap().range.end,
        u64::try_from(b.len()).unwrap()
    );
    assert!(e.warnings.is_empty());
}

#[test]
fn truncation_before_and_after_the_first_image() {
    assert!(walk(b"GIF89a\x01\x00", &Limits::default()).is_err());
    assert!(walk(&gif(&[0x21, 0xFE, 5, b'a']), &Limits::default()).is_err());
    assert!(walk(&gif(&[0x99]), &Limits::default()).is_err());
    let mut body = image();
    body.extend_from_slice(&[0x21, 0xFE, 9]);
    let b = gif(&body);
    let e = walk(&b, &Limits::default()).unwrap();
    assert!(e
        .warnings
        .first()
        .unwrap()
        .contains("damaged after its first image"));
}

#[test]
fn long_comment_is_joined() {
    let text = "x".repeat(600);
    let mut body = vec![0x21, 0xFE];
    body.extend(sub_blocks(text.as_bytes()));
    body.push(0x3B);
    let b = gif(&body);
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(e.text.first().unwrap().value, text);
    let small = Limits {
        max_text_bytes: 100,
        ..Limits::default()
    };
    let e = walk(&b, &small).unwrap();
    assert!(e.text.is_empty());
    assert_eq!(e.warnings.len(), 1);
}

#[test]
fn a_gif_without_an_image_is_damage() {
    // Header, screen descriptor, colour table, a comment, then the trailer: no frame to show.
    let mut body = vec![0x21, 0xFE];
    body.extend(sub_blocks(b"made by an AI"));
    body.push(0x3B);
    let b = gif(&body);
    let e = walk(&b, &Limits::default()).unwrap();
    let d = e.damage.unwrap();
    assert!(d.contains("expected an image (§20)"), "{d}");
    assert_eq!(e.text.first().unwrap().value, "made by an AI");
    // Header and trailer only.
    assert!(walk(&gif(&[0x3B]), &Limits::default())
        .unwrap()
        .damage
        .is_some());
    // With an image there is no damage.
    let mut body = image();
    body.push(0x3B);
    assert_eq!(walk(&gif(&body), &Limits::default()).unwrap().damage, None);
}
