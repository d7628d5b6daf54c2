//! The TIFF walker end to end: TIFF files built here in both byte orders carry XMP (tag 700), a
//! C2PA store (tag 52545) and EXIF tags; `tiff::walk` must find them at the right offsets and
//! `ailabel::check` must report the labels.

use crate::support::images::*;
use ailabel::container::tiff;
use ailabel::{AiKind, Family, Limits, Options, Verdict};

fn dst_packet(term: &str) -> String {
    xmp(&format!(
        "<rdf:Description rdf:about=\"\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" \
         Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/{term}\"/>"
    ))
}

#[test]
fn walk_finds_xmp_store_and_exif_in_both_orders() {
    let store = b"\0\0\0\x20jumb fake manifest store bytes".to_vec();
    let packet = dst_packet("trainedAlgorithmicMedia");
    for big in [false, true] {
        let file = tiff(
            big,
            &[
                (700, BYTE, packet.as_bytes().to_vec()),
                (0xCD41, UNDEFINED, store.clone()),
                ascii(0x0131, "NovelAI"),
            ],
            &[],
        );
        let e = tiff::walk(&file, &Limits::default()).unwrap();
        assert_eq!(e.xmp.len(), 1);
        assert_eq!(e.c2pa.len(), 1);
        assert_eq!(e.exif.len(), 1);
        let x = &e.xmp[0];
        let at = x.location.offset.unwrap() as usize;
        assert_eq!(&file[at..at + x.bytes.len()], packet.as_bytes());
        assert_eq!(x.ranges.len(), 1);
        assert_eq!(x.ranges[0], at as u64..(at + packet.len()) as u64);
        let c = &e.c2pa[0];
        let at = c.location.offset.unwrap() as usize;
        assert_eq!(&file[at..at + store.len()], store.as_slice());
        assert_eq!(c.bytes.as_ref(), store.as_slice());
        assert_eq!(e.exif[0].bytes.len(), file.len());
        assert_eq!(e.segments.first().unwrap().range, 0..8);
    }
}

#[test]
fn check_reports_tiff_labels() {
    for big in [false, true] {
        let file = tiff(
            big,
            &[
                (
                    700,
                    BYTE,
                    dst_packet("compositeWithTrainedAlgorithmicMedia").into_bytes(),
                ),
                ascii(0x0131, "Adobe Firefly"),
            ],
            &[],
        );
        let report = ailabel::check(&file, &Options::default());
        assert_eq!(report.input.format, "tiff");
        assert_eq!(report.verdict, Verdict::AiDeclared, "{:?}", report.signals);
        let families: Vec<_> = report.signals.iter().map(|s| (s.family, s.ai)).collect();
        assert!(
            families.contains(&(Family::Iptc, Some(AiKind::Edited))),
            "{families:?}"
        );
        assert!(
            families.contains(&(Family::Exif, Some(AiKind::Generated))),
            "{families:?}"
        );
        assert!(report.ai.tools.contains(&"Adobe Firefly".to_owned()));
    }
    // A camera TIFF: no AI label.
    let file = tiff(
        false,
        &[ascii(0x010F, "Canon"), ascii(0x0110, "Canon EOS R5")],
        &[],
    );
    let report = ailabel::check(&file, &Options::default());
    assert_eq!(report.verdict, Verdict::NoLabel, "{:?}", report.signals);
}

#[test]
fn bigtiff_and_broken_tiffs() {
    // BigTIFF little-endian: header (16), IFD0 at 16 with one inline ASCII entry.
    let mut b = b"II+\0\x08\0\0\0".to_vec();
    b.extend(16u64.to_le_bytes());
    b.extend(1u64.to_le_bytes());
    b.extend(0x0131u16.to_le_bytes());
    b.extend(2u16.to_le_bytes());
    b.extend(8u64.to_le_bytes());
    b.extend(b"Fooocus\0");
    b.extend(0u64.to_le_bytes());
    let t = tiff::read_entries(&b, 0, &Limits::default()).unwrap();
    assert!(t.big_tiff);
    assert_eq!(t.entries.len(), 1);
    assert_eq!(t.entries[0].text(), "Fooocus");
    assert_eq!(t.entries[0].offset, 16 + 8 + 12);

    // A value claimed outside the file is kept without bytes, with a warning from the walker.
    let mut file = tiff(false, &[(700, BYTE, vec![b'x'; 32])], &[]);
    file.truncate(file.len() - 10);
    let e = tiff::walk(&file, &Limits::default()).unwrap();
    assert!(e.xmp.is_empty());
    assert!(
        e.warnings.iter().any(|w| w.contains("outside")),
        "{:?}",
        e.warnings
    );

    // Counts and offsets as huge claims never allocate or panic.
    let mut file = tiff(true, &[ascii(0x0131, "some software name")], &[]);
    file[8 + 2 + 4..8 + 2 + 8].copy_from_slice(&u32::MAX.to_be_bytes());
    let t = tiff::read_entries(&file, 0, &Limits::default()).unwrap();
    assert!(t.entries[0].value.is_empty());

    // Too many IFDs for the limit: a warning, not a hang.
    let mut chain = b"II*\0\x08\0\0\0".to_vec();
    for i in 0..200u32 {
        chain.extend(0u16.to_le_bytes());
        chain.extend((8 + 6 * (i + 1)).to_le_bytes());
    }
    chain.extend([0; 6]);
    let t = tiff::read_entries(&chain, 0, &Limits::tiny()).unwrap();
    assert_eq!(t.ifds.len(), Limits::tiny().max_blocks as usize);
    assert!(
        t.warnings.iter().any(|w| w.contains("limit")),
        "{:?}",
        t.warnings
    );
}

#[test]
fn mutated_tiffs_never_panic() {
    let comment = [
        b"UNICODE\0".as_slice(),
        &utf16("Steps: 20, Sampler: Euler, Seed: 1", true),
    ]
    .concat();
    let file = tiff(
        true,
        &[
            (
                700,
                BYTE,
                dst_packet("trainedAlgorithmicMedia").into_bytes(),
            ),
            ascii(0x010F, "workflow:{\"nodes\":[],\"links\":[]}"),
            ascii(0x0131, "NovelAI"),
        ],
        &[(0x9286, UNDEFINED, comment)],
    );
    let opts = Options::default();
    for n in (0..file.len()).step_by(3) {
        let _ = ailabel::check(&file[..n], &opts);
        for flip in [0x00, 0xFF, 0x80] {
            let mut m = file.clone();
            m[n] = flip;
            let r = ailabel::check(&m, &opts);
            assert!(r.signals.iter().all(|s| !s.explanation.is_empty()));
        }
    }
}
