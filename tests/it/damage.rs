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
