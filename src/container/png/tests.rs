//! Unit tests for the PNG walker, on PNGs built chunk by chunk.

use super::*;

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut v = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    v.extend_from_slice(kind);
    v.extend_from_slice(data);
    v.extend_from_slice(&crc::crc32(&[kind, data]).to_be_bytes());
    v
}

/// The image data of a 1×1 8-bit image (§9.2: filter type 0, one sample of 0), compressed.
fn idat() -> Vec<u8> {
    chunk(
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&[0, 0], 6),
    )
}

fn png(chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut v = SIGNATURE.to_vec();
    v.extend_from_slice(&chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    for c in chunks {
        v.extend_from_slice(c);
    }
    v
}

#[test]
fn minimal_png_walks() {
    let b = png(&[idat(), chunk(b"IEND", b"")]);
    let e = walk(&b, &Limits::default()).unwrap();
    let names: Vec<_> = e.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["PNGh", "IHDR", "IDAT", "IEND"]);
    assert!(e.warnings.is_empty());
}

#[test]
fn structure_errors() {
    // IHDR not first.
    let mut b = SIGNATURE.to_vec();
    b.extend_from_slice(&chunk(b"IDAT", b""));
    assert!(walk(&b, &Limits::default())
        .unwrap_err()
        .message()
        .contains("IHDR"));
    // Bad signature.
    assert!(walk(b"\x89PNG\r\n\x1a\x0b", &Limits::default()).is_err());
}

#[test]
fn damage_before_the_image_data_is_damage_and_after_it_a_warning() {
    let damaged = |b: &[u8]| walk(b, &Limits::default()).unwrap().damage;
    // Missing IEND after the image data: browsers show what arrived.
    let b = png(&[idat()]);
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(e.damage, None);
    assert!(e
        .warnings
        .iter()
        .any(|w| w.contains("after the image data")));
    // Cut short before any IDAT, a bad chunk type, a huge length: damage.
    let d = damaged(&png(&[])).unwrap();
    assert!(d.contains("before the image data"), "{d}");
    assert!(damaged(&png(&[chunk(b"ID1T", b"")])).is_some());
    let mut b = png(&[]);
    b.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xF0]);
    b.extend_from_slice(b"tEXt");
    assert!(damaged(&b).is_some());
    // The header itself cut short.
    assert!(damaged(&png(&[])[..20]).is_some());
    // A critical chunk with a bad CRC is damage; the walk still reads on.
    let mut bad = idat();
    let n = bad.len();
    bad[n - 1] ^= 1;
    let b = png(&[chunk(b"tEXt", b"k\0v"), bad, chunk(b"IEND", b"")]);
    let e = walk(&b, &Limits::default()).unwrap();
    assert!(e.damage.unwrap().contains("critical PNG chunk IDAT"));
    assert_eq!(e.text.first().unwrap().value, "v");
    // A bad CRC on IEND (after the image data) is only a warning.
    let mut iend = chunk(b"IEND", b"");
    let n = iend.len();
    iend[n - 1] ^= 1;
    let b = png(&[idat(), iend]);
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(e.damage, None);
    assert!(e.warnings.iter().any(|w| w.contains("IEND")));
}

#[test]
fn bad_crc_is_a_warning_and_trailing_data_too() {
    let mut bad = chunk(b"tEXt", b"k\0v");
    let n = bad.len();
    bad[n - 1] ^= 1;
    let mut b = png(&[bad, chunk(b"IEND", b"")]);
    b.extend_from_slice(b"junk");
    let e = walk(&b, &Limits::default()).unwrap();
    assert!(
        e.warnings.iter().any(|w| w.contains("tEXt at offset 33")),
        "{:?}",
        e.warnings
    );
    assert!(e.warnings.iter().any(|w| w.contains("after its IEND")));
    assert_eq!(e.text.first().unwrap().value, "v");
}

#[test]
fn ztxt_over_the_cap_is_skipped() {
    let big = vec![b'a'; 10_000];
    let mut data = b"k\0\0".to_vec();
    data.extend_from_slice(&miniz_oxide::deflate::compress_to_vec_zlib(&big, 6));
    let b = png(&[chunk(b"zTXt", &data), chunk(b"IEND", b"")]);
    let e = walk(&b, &Limits::tiny()).unwrap();
    assert!(e.text.is_empty());
    assert!(
        e.warnings.iter().any(|w| w.contains("beyond the limit")),
        "{:?}",
        e.warnings
    );
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(e.text.first().unwrap().value.len(), 10_000);
}

#[test]
fn latin1_decodes_high_bytes() {
    let mut warnings = crate::container::warnings::Warnings::new(&Limits::default());
    let mut left = u64::MAX;
    let mut latin1 = |b| crate::container::decode_text(b, true, &mut left, &mut warnings);
    assert_eq!(latin1(b"caf\xe9"), "café");
    assert!(matches!(latin1(b"abc"), Cow::Borrowed(_)));
}

#[test]
fn chunk_count_is_bounded() {
    let chunks: Vec<_> = (0..100).map(|_| chunk(b"tIME", b"")).collect();
    let b = png(&chunks);
    assert_eq!(
        walk(&b, &Limits::tiny()).unwrap_err().kind(),
        crate::error::ErrorKind::LimitExceeded
    );
}

#[test]
fn imagemagick_raw_profiles_are_decoded() {
    // "Exif\0\0" + "MM\0*" as hex, split over two lines, as ImageMagick writes it.
    let exif = b"Raw profile type exif\0\nexif\n      10\n457869660000\n4d4d002a\n";
    let mut z = b"Raw profile type xmp\0\0".to_vec();
    z.extend_from_slice(&miniz_oxide::deflate::compress_to_vec_zlib(
        b"\nxmp\n       4\n3c782f3e\n",
        6,
    ));
    let lying = b"Raw profile type xmp\0\nxmp\n   99999\n3c78\n";
    let b = png(&[
        chunk(b"tEXt", exif),
        chunk(b"zTXt", &z),
        chunk(b"tEXt", lying),
        chunk(b"IEND", b""),
    ]);
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(&*e.exif.first().unwrap().bytes, b"MM\0*");
    assert_eq!(&*e.xmp.first().unwrap().bytes, b"<x/>");
    assert_eq!(e.xmp.len(), 1);
    assert!(e.text.is_empty());
    assert!(
        e.warnings.iter().any(|w| w.contains("99999")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn text_entries_past_the_cap_are_skipped_with_one_warning() {
    // 40 tEXt chunks and 2 bad-CRC chunks a hundred times over: the walker keeps
    // `max_metadata_entries` entries, every chunk as a segment, and 100 warnings.
    let limits = Limits {
        max_metadata_entries: 16,
        ..Limits::default()
    };
    let mut chunks: Vec<Vec<u8>> = (0..40)
        .map(|i| chunk(b"tEXt", format!("k\0{i}").as_bytes()))
        .collect();
    for _ in 0..150 {
        let mut bad = chunk(b"abCd", b"x");
        if let Some(last) = bad.last_mut() {
            *last ^= 1;
        }
        chunks.push(bad);
    }
    chunks.push(idat());
    chunks.push(chunk(b"IEND", b""));
    let bytes = png(&chunks);
    let e = crate::container::walk(crate::sniff::Format::Png, &bytes, &limits).unwrap();
    assert_eq!(e.text.len(), 16);
    assert_eq!(e.text.last().map(|t| t.value.as_ref()), Some("15"));
    assert_eq!(e.skipped_entries, 24);
    assert_eq!(e.segments.len(), 2 + 40 + 150 + 2);
    // The hundred kept, plus the summary of what was skipped, which is always kept.
    assert_eq!(
        e.warnings.len(),
        crate::limits::count(limits.max_warnings) + 1
    );
    let lines: Vec<String> = e.warnings.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("24 metadata entries after the first 16")),
        "{lines:?}"
    );
    assert!(
        lines.last().is_some_and(|l| l.contains("more warnings")),
        "{lines:?}"
    );
}

/// Decoding text is a copy only when the bytes are not the text already, and such copies share
/// the input's `max_joined_bytes`: 19 MB of invalid UTF-8 in one iTXt chunk took 57 MB.
#[test]
fn decoded_text_copies_share_max_joined_bytes() {
    let limits = Limits {
        max_joined_bytes: 1000,
        ..Limits::default()
    };
    let mut latin = b"Comment\0".to_vec();
    latin.extend_from_slice(&[0xE9; 400]);
    let mut invalid = b"Comment\0\0\0\0\0".to_vec();
    invalid.extend_from_slice(&[0xFF; 400]);
    let mut ascii = b"Comment\0".to_vec();
    ascii.extend_from_slice(&[b'a'; 5000]);
    let b = png(&[
        chunk(b"tEXt", &latin),
        chunk(b"iTXt", &invalid),
        chunk(b"tEXt", &ascii),
        chunk(b"IEND", b""),
    ]);
    let e = walk(&b, &limits).unwrap();
    let values: Vec<&Cow<str>> = e.text.iter().map(|t| &t.value).collect();
    // 400 Latin-1 é take 800 bytes; what is left (200) decodes 66 invalid bytes, 3 each.
    assert_eq!(*values[0], "é".repeat(400));
    assert_eq!(*values[1], "\u{FFFD}".repeat(66));
    // Text that is its bytes is borrowed, whatever is left.
    assert!(matches!(values[2], Cow::Borrowed(s) if s.len() == 5000));
    assert_eq!(e.joined_left, 2);
    assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
}

/// Inflated text is decoded in place when it is its own text; a decoded copy is more output of
/// its decompression.
#[test]
fn a_decoded_copy_of_inflated_text_draws_on_the_decompression_allowance() {
    let limits = Limits {
        max_decompressed_bytes: 1000,
        ..Limits::default()
    };
    let mut z = b"Comment\0\0".to_vec();
    z.extend_from_slice(&miniz_oxide::deflate::compress_to_vec_zlib(&[0xE9; 400], 6));
    let b = png(&[chunk(b"zTXt", &z), chunk(b"IEND", b"")]);
    let e = walk(&b, &limits).unwrap();
    // 400 inflated bytes leave 600: 300 of them decode to 600.
    assert_eq!(e.text.first().unwrap().value, "é".repeat(300));
    assert_eq!(e.joined_left, limits.max_joined_bytes);
}

/// A keyword is 1-79 bytes (PNG §11.3.3.2); a longer one was copied twice (the key and the
/// location), 167 MiB for 19 MB of Latin-1.
#[test]
fn a_keyword_over_79_bytes_is_no_keyword() {
    let mut long = vec![b'k'; 80];
    long.extend_from_slice(b"\0value");
    let mut ok = vec![b'k'; 79];
    ok.extend_from_slice(b"\0value");
    let b = png(&[
        chunk(b"tEXt", &long),
        chunk(b"tEXt", &ok),
        chunk(b"IEND", b""),
    ]);
    let e = walk(&b, &Limits::default()).unwrap();
    assert_eq!(e.text.len(), 1);
    assert_eq!(e.text.first().unwrap().key.len(), 79);
    assert!(e
        .warnings
        .iter()
        .any(|w| w.contains("no NUL after its keyword")));
}

/// A raw profile's decoded bytes are a copy drawn on `max_joined_bytes` (a 19 MB hex EXIF
/// profile took 9.4 MB decoded and as much again with its prefix stripped).
#[test]
fn raw_profiles_draw_on_max_joined_bytes() {
    let exif = b"Raw profile type exif\0\nexif\n      10\n457869660000\n4d4d002a\n";
    let b = png(&[chunk(b"tEXt", exif), chunk(b"IEND", b"")]);
    let limits = |max_joined_bytes| Limits {
        max_joined_bytes,
        ..Limits::default()
    };
    let e = walk(&b, &limits(10)).unwrap();
    assert_eq!(&*e.exif.first().unwrap().bytes, b"MM\0*");
    assert_eq!(e.joined_left, 0);
    let e = walk(&b, &limits(9)).unwrap();
    assert!(e.exif.is_empty());
    assert!(e.warnings.iter().any(|w| w.contains("max_joined_bytes")));
}

/// Signature, an IHDR of `width`×`height` with `depth`, `colour` and the three methods, then
/// `chunks`.
fn png_with(ihdr: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut v = SIGNATURE.to_vec();
    v.extend_from_slice(&chunk(b"IHDR", ihdr));
    for c in chunks {
        v.extend_from_slice(c);
    }
    v
}

/// The 13 IHDR bytes (§11.2.2): width, height, bit depth, colour type, compression, filter and
/// interlace methods.
fn ihdr(w: u32, h: u32, depth: u8, colour: u8, methods: [u8; 3]) -> Vec<u8> {
    let mut v = w.to_be_bytes().to_vec();
    v.extend_from_slice(&h.to_be_bytes());
    v.extend_from_slice(&[depth, colour]);
    v.extend_from_slice(&methods);
    v
}

fn image_data() -> Vec<Vec<u8>> {
    vec![idat(), chunk(b"IEND", b"")]
}

#[test]
fn no_image_data_before_iend_is_damage() {
    let b = png(&[chunk(b"tEXt", b"Software\0x"), chunk(b"IEND", b"")]);
    let e = walk(&b, &Limits::default()).unwrap();
    let d = e.damage.unwrap();
    assert!(d.contains("expected IDAT before IEND"), "{d}");
    // The text is still read.
    assert_eq!(e.text.first().unwrap().value, "x");
}

#[test]
fn an_ihdr_the_spec_forbids_is_damage() {
    let damage = |h: &[u8]| {
        walk(&png_with(h, &image_data()), &Limits::default())
            .unwrap()
            .damage
    };
    // Table 11.1 (§11.2.2), copied from the spec: the allowed bit depths per colour type.
    let table: [(u8, &[u8]); 5] = [
        (0, &[1, 2, 4, 8, 16]),
        (2, &[8, 16]),
        (3, &[1, 2, 4, 8]),
        (4, &[8, 16]),
        (6, &[8, 16]),
    ];
    for colour in 0..=8u8 {
        for depth in 0..=17u8 {
            let allowed = table
                .iter()
                .any(|(c, ds)| *c == colour && ds.contains(&depth));
            let mut chunks = Vec::new();
            if colour == 3 {
                chunks.push(chunk(b"PLTE", &[0, 0, 0]));
            }
            chunks.extend(image_data());
            let h = ihdr(1, 1, depth, colour, [0, 0, 0]);
            let d = walk(&png_with(&h, &chunks), &Limits::default())
                .unwrap()
                .damage;
            assert_eq!(d.is_none(), allowed, "colour {colour} depth {depth}: {d:?}");
        }
    }
    let d = damage(&ihdr(64, 64, 8, 5, [0, 0, 0])).unwrap();
    assert!(
        d.contains("expected IHDR values that §11.2.2 allows"),
        "{d}"
    );
    assert!(damage(&ihdr(64, 64, 7, 2, [0, 0, 0])).is_some());
    // §11.2.2: zero width or height is invalid.
    assert!(damage(&ihdr(0, 64, 8, 2, [0, 0, 0])).is_some());
    assert!(damage(&ihdr(64, 0, 8, 2, [0, 0, 0])).is_some());
    // Compression and filter method 0 only; interlace 0 or 1.
    assert!(damage(&ihdr(1, 1, 8, 2, [1, 0, 0])).is_some());
    assert!(damage(&ihdr(1, 1, 8, 2, [0, 1, 0])).is_some());
    assert!(damage(&ihdr(1, 1, 8, 2, [0, 0, 2])).is_some());
    assert_eq!(damage(&ihdr(1, 1, 8, 2, [0, 0, 1])), None);
    // IHDR data is 13 bytes.
    let mut long = ihdr(1, 1, 8, 2, [0, 0, 0]);
    long.push(0);
    assert!(damage(&long).is_some());
    assert!(damage(&long[..12]).is_some());
}

#[test]
fn a_palette_image_needs_plte_before_its_image_data() {
    let h = ihdr(1, 1, 8, 3, [0, 0, 0]);
    let plte = || chunk(b"PLTE", &[0, 0, 0]);
    let walked = |chunks: &[Vec<u8>]| {
        walk(&png_with(&h, chunks), &Limits::default())
            .unwrap()
            .damage
    };
    let d = walked(&image_data()).unwrap();
    assert!(d.contains("expected PLTE before"), "{d}");
    let [idat, iend] = <[Vec<u8>; 2]>::try_from(image_data()).unwrap();
    // After IDAT is too late (§11.2.3).
    assert!(walked(&[idat.clone(), plte(), iend.clone()]).is_some());
    assert_eq!(walked(&[plte(), idat, iend]), None);
    // Other colour types need none.
    let b = png_with(&ihdr(1, 1, 8, 2, [0; 3]), &image_data());
    assert_eq!(walk(&b, &Limits::default()).unwrap().damage, None);
}

#[test]
fn image_data_that_cannot_reach_a_first_row_is_damage() {
    let walked = |data: &[u8]| {
        walk(
            &png(&[chunk(b"IDAT", data), chunk(b"IEND", b"")]),
            &Limits::default(),
        )
        .unwrap()
        .damage
    };
    let zlib = |raw: &[u8]| miniz_oxide::deflate::compress_to_vec_zlib(raw, 6);
    // Good image data, each filter type §9.2 defines.
    for f in 0..=4u8 {
        assert_eq!(walked(&zlib(&[f, 0])), None, "filter type {f}");
    }
    // A filter type past 4 (§9.2), in the first row.
    for f in [5u8, 9, 255] {
        let d = walked(&zlib(&[f, 0])).unwrap();
        assert!(d.contains("filter type 0-4 (§9.2)"), "{d}");
    }
    // A zlib header whose check bits fail (RFC 1950 §2.2: CMF·256 + FLG is a multiple of 31),
    // a compression method other than 8, a preset dictionary (PNG §10.1 forbids it).
    let good = zlib(&[0, 0]);
    let mut bad_check = good.clone();
    bad_check[1] ^= 1;
    let mut method = good.clone();
    method[0] = 0x77;
    let dict = [0x78, 0xBB, 0, 0, 0, 1];
    // RFC 1951 §3.2.3: block type 3 (here the first byte after the header: BFINAL 1, BTYPE 11)
    // is an error.
    let reserved = [0x78, 0xDA, 0xFF, 0xFF, 0xFF];
    for (what, data) in [
        ("check bits", &bad_check[..]),
        ("method", &method[..]),
        ("dictionary", &dict[..]),
        ("block type 3", &reserved[..]),
    ] {
        let d = walked(data).unwrap_or_else(|| panic!("{what}: no damage"));
        assert!(
            d.contains("expected image data that inflates"),
            "{what}: {d}"
        );
    }
    // A stream that ends before its first byte, and one cut inside the first chunk: the rest may
    // be in the next IDAT, so neither is judged (a missing rest is a decoder's finding).
    assert_eq!(walked(&good[..1]), None);
    assert_eq!(walked(&[]), None);
    // Only the first IDAT is read: the second continues the stream.
    let b = png(&[
        chunk(b"IDAT", &good[..3]),
        chunk(b"IDAT", &good[3..]),
        chunk(b"IEND", b""),
    ]);
    assert_eq!(walk(&b, &Limits::default()).unwrap().damage, None);
}
