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

/// A 64×64 RGB PNG (§11.2.2) whose only IDAT holds `zlib`, with `before` chunks ahead of it.
fn png_data(before: &[Vec<u8>], zlib: &[u8]) -> Vec<u8> {
    let mut chunks = before.to_vec();
    chunks.push(chunk(b"IDAT", zlib));
    chunks.push(chunk(b"IEND", &[]));
    png_with(64, 64, 8, 2, &chunks)
}

#[test]
fn png_image_data_that_cannot_reach_its_first_row_is_an_error_saying_damaged() {
    let rows = |filter: u8| {
        // 64 rows of a filter byte and 192 samples (§9.2, §7.2).
        let raw: Vec<u8> = (0..64)
            .flat_map(|_| [vec![filter], vec![7; 192]].concat())
            .collect();
        miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6)
    };
    // Deflate data that is not: after a good zlib header, block type 3 (RFC 1951 §3.2.3).
    let garbage = [[0x78, 0xDA].as_slice(), &[0xFF; 200]].concat();
    assert_damaged(&png_data(&[], &garbage), "inflates");
    // A zlib header whose check bits fail (RFC 1950 §2.2).
    let mut header = rows(0);
    header[1] ^= 1;
    assert_damaged(&png_data(&[], &header), "inflates");
    // Filter type 9 (§9.2 defines 0-4) on every row.
    assert_damaged(&png_data(&[], &rows(9)), "filter type");
    // The same rows with filter type 4 are a picture; with an AI label the damaged one still
    // reports it.
    for o in both_modes() {
        let r = check(&png_data(&[], &rows(4)), &o);
        assert_eq!(r.verdict, Verdict::NoLabel, "{:?}", messages(&r));
        let software = chunk(b"tEXt", &text("Software", "Midjourney"));
        let r = check(&png_data(&[software], &rows(9)), &o);
        assert_eq!(r.verdict, Verdict::AiDeclared, "{:?}", messages(&r));
        assert!(messages(&r).iter().any(|m| m.contains("damaged")));
    }
}

#[test]
fn a_jpeg_frame_of_no_lines_is_an_error_saying_damaged() {
    // SOI, SOF0 (T.81 B.2.2) of `y` lines × 64 samples, one component, SOS, two bytes, EOI.
    let jpeg = |y: u16| {
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8];
        j.extend(y.to_be_bytes());
        j.extend([0, 64, 1, 1, 0x11, 0]);
        j.extend([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0xFF, 0xD9]);
        j
    };
    assert_damaged(&jpeg(0), "frame header");
    for o in both_modes() {
        let r = check(&jpeg(64), &o);
        assert!(
            !messages(&r).iter().any(|m| m.contains("damaged")),
            "{:?}",
            messages(&r)
        );
    }
}

#[test]
fn a_webp_whose_image_header_is_wrong_is_an_error_saying_damaged() {
    // RIFF WEBP with one `VP8 ` chunk: frame tag, `code`, 64×64 (RFC 6386 §9.1), 100 zero bytes.
    let webp = |code: [u8; 3]| {
        let mut vp8 = vec![0x50, 0x0F, 0x00];
        vp8.extend(code);
        vp8.extend([64, 0, 64, 0]);
        vp8.extend([0; 100]);
        let mut w = b"RIFF".to_vec();
        w.extend(u32::try_from(4 + 8 + vp8.len()).unwrap().to_le_bytes());
        w.extend(b"WEBPVP8 ");
        w.extend(u32::try_from(vp8.len()).unwrap().to_le_bytes());
        w.extend(vp8);
        w
    };
    assert_damaged(&webp([0, 0, 0]), "WebP image header");
    let r = check(&webp([0x9D, 0x01, 0x2A]), &Options::default());
    assert!(
        !messages(&r).iter().any(|m| m.contains("damaged")),
        "{:?}",
        messages(&r)
    );
}
