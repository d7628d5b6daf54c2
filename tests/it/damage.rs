//! Damaged images (issue "hostile input", part 3): an image that browsers refuse to show and
//! that carries no label is `error`, saying it is damaged; labels found in it are still
//! reported, with a warning; damage after the image data stays `no-label`, with a warning.

use crate::support::png::{chunk, grey, head, text};
use ailabel::{check, Options, Verdict};

fn messages(r: &ailabel::Report) -> Vec<String> {
    r.errors.iter().map(|e| e.message.clone()).collect()
}

/// A 1x1 grey PNG whose IDAT CRC is broken (the last byte of the IDAT chunk flipped).
fn bad_idat_crc(chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut p = grey(chunks);
    let iend = p.len() - 12;
    p[iend - 1] ^= 0xff;
    p
}

#[test]
fn a_critical_chunk_with_a_bad_crc_and_no_label_is_an_error_saying_damaged() {
    let r = check(&bad_idat_crc(&[]), &Options::default());
    assert_eq!(r.verdict, Verdict::Error, "{:?}", messages(&r));
    assert!(r.errors[0].fatal);
    assert!(
        r.errors[0].message.contains("damaged"),
        "{:?}",
        messages(&r)
    );
    assert!(r.summary.contains("damaged"));
}

#[test]
fn labels_in_a_damaged_image_are_still_reported_with_a_warning() {
    let label = chunk(
        b"tEXt",
        &text(
            "parameters",
            "a cat\nSteps: 20, Sampler: Euler a, Seed: 1, Model: sd_xl_base_1.0",
        ),
    );
    let r = check(&bad_idat_crc(&[label]), &Options::default());
    assert_eq!(r.verdict, Verdict::AiDeclared, "{:?}", messages(&r));
    assert!(messages(&r).iter().any(|m| m.contains("damaged")));
}

#[test]
fn a_header_cut_short_is_damaged_and_a_missing_iend_after_the_data_is_not() {
    let cut = &head()[..20];
    let r = check(cut, &Options::default());
    assert_eq!(r.verdict, Verdict::Error);
    assert!(
        r.errors[0].message.contains("damaged"),
        "{:?}",
        messages(&r)
    );
    let whole = grey(&[]);
    let no_iend = &whole[..whole.len() - 12];
    let r = check(no_iend, &Options::default());
    assert_eq!(r.verdict, Verdict::NoLabel, "{:?}", messages(&r));
    assert!(messages(&r)
        .iter()
        .any(|m| m.contains("after the image data")));
}

#[test]
fn a_tiff_whose_first_ifd_cannot_be_read_is_an_error() {
    // Header fine, IFD0 offset past the end of the file.
    let tiff = [b'I', b'I', 42, 0, 0x00, 0x10, 0, 0];
    let r = check(&tiff, &Options::default());
    assert_eq!(r.verdict, Verdict::Error, "{:?}", messages(&r));
    assert!(
        r.errors[0].message.contains("damaged"),
        "{:?}",
        messages(&r)
    );
}

/// The PNG signature, an IHDR (§11.2.2) of `w`×`h` with `depth` and `colour`, then `chunks`.
fn png_with(w: u32, h: u32, depth: u8, colour: u8, chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([depth, colour, 0, 0, 0]);
    let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
    p.extend(chunk(b"IHDR", &ihdr));
    for c in chunks {
        p.extend_from_slice(c);
    }
    p
}

/// Both with the watermark readers and without: the structure check needs no pixels.
fn both_modes() -> [Options; 2] {
    [
        Options::default(),
        Options {
            watermarks: false,
            ..Options::default()
        },
    ]
}

fn assert_damaged(input: &[u8], what: &str) {
    for o in both_modes() {
        let r = check(input, &o);
        assert_eq!(r.verdict, Verdict::Error, "{what}: {:?}", messages(&r));
        assert!(r.errors[0].fatal, "{what}");
        assert!(
            r.errors[0].message.contains("damaged") && r.errors[0].message.contains(what),
            "{what}: {:?}",
            messages(&r)
        );
    }
}

#[test]
fn png_structure_browsers_refuse_is_an_error_saying_damaged() {
    let iend = || chunk(b"IEND", &[]);
    // A 1×1 grey scanline in a stored zlib block (as `grey` makes it).
    let idat = || {
        chunk(
            b"IDAT",
            &[
                0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81,
            ],
        )
    };
    // No IDAT at all before IEND.
    assert_damaged(&png_with(64, 64, 8, 2, &[iend()]), "IDAT");
    // Colour type 5 and bit depth 7 are not in Table 11.1; a zero width is invalid.
    assert_damaged(&png_with(1, 1, 8, 5, &[idat(), iend()]), "§11.2.2");
    assert_damaged(&png_with(1, 1, 7, 0, &[idat(), iend()]), "§11.2.2");
    assert_damaged(&png_with(0, 1, 8, 0, &[idat(), iend()]), "IHDR");
    // A palette image without PLTE (§11.2.3).
    assert_damaged(&png_with(1, 1, 8, 3, &[idat(), iend()]), "PLTE");
    // With a PLTE the same palette image is fine.
    let plte = chunk(b"PLTE", &[0x80, 0x80, 0x80]);
    for o in both_modes() {
        let r = check(&png_with(1, 1, 8, 3, &[plte.clone(), idat(), iend()]), &o);
        assert_eq!(r.verdict, Verdict::NoLabel, "{:?}", messages(&r));
    }
}

#[test]
fn a_png_without_image_data_and_an_ai_software_text_is_ai_declared_with_the_damage() {
    let software = chunk(b"tEXt", &text("Software", "Midjourney"));
    let p = png_with(64, 64, 8, 2, &[software, chunk(b"IEND", &[])]);
    for o in both_modes() {
        let r = check(&p, &o);
        assert_eq!(r.verdict, Verdict::AiDeclared, "{:?}", messages(&r));
        assert!(
            messages(&r)
                .iter()
                .any(|m| m.contains("damaged") && m.contains("IDAT")),
            "{:?}",
            messages(&r)
        );
    }
}

#[test]
fn a_gif_without_an_image_is_an_error_saying_damaged() {
    // GIF89a §17-18: header, a 64×64 logical screen without a colour table, then the trailer.
    let gif = [b"GIF89a".as_slice(), &[64, 0, 64, 0, 0, 0, 0], &[0x3b]].concat();
    assert_damaged(&gif, "expected an image");
}
