//! Unit tests of the DER reader: each input is built byte by byte here, and what is expected
//! follows from how it was built (X.690 §8 and §10).

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;

/// A SEQUENCE of two small INTEGERs, 1 and 2: `30 06 02 01 01 02 01 02`.
const SEQ: [u8; 8] = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02];

#[test]
fn reads_a_sequence_to_its_end() {
    let mut d = Der::sequence(&SEQ).unwrap();
    assert_eq!(d.read(tag::INTEGER), Some(&[1u8][..]));
    assert_eq!(d.finish(), None, "one item is left");
    assert_eq!(d.read(tag::INTEGER), Some(&[2u8][..]));
    assert_eq!(d.finish(), Some(()));
    assert_eq!(d.any(), None);
}

#[test]
fn refuses_trailing_data() {
    let mut with_tail = SEQ.to_vec();
    with_tail.push(0x00);
    assert_eq!(Der::sequence(&with_tail).map(|_| ()), None);
    assert!(one(&with_tail, tag::SEQUENCE).is_none());
}

#[test]
fn refuses_truncation() {
    for cut in 0..SEQ.len() {
        assert!(one(&SEQ[..cut], tag::SEQUENCE).is_none(), "cut at {cut}");
    }
    // The SEQUENCE is whole but claims one byte more than its items.
    let mut d = Der::new(&[0x02, 0x02, 0x01]);
    assert_eq!(d.any(), None);
}

#[test]
fn refuses_the_wrong_tag() {
    assert!(one(&SEQ, tag::SET).is_none());
    let mut d = Der::sequence(&SEQ).unwrap();
    assert_eq!(d.read(tag::BOOLEAN), None);
    // A failed read consumes nothing.
    assert_eq!(d.read(tag::INTEGER), Some(&[1u8][..]));
}

#[test]
fn refuses_unknown_and_long_form_tags() {
    // A primitive SEQUENCE (0x10), UniversalString (0x1c), the high-tag-number form (0x1f,
    // 0x9f, 0xbf) and EXTERNAL (0x08) were refused by `der`.
    for t in [0x10u8, 0x1c, 0x1f, 0x9f, 0xbf, 0xff, 0x08, 0x00] {
        assert!(!tag_known(t), "{t:#x}");
        assert!(Der::new(&[t, 0x00]).any().is_none(), "{t:#x}");
    }
    for t in [
        0x01u8, 0x0c, 0x13, 0x1e, 0x30, 0x31, 0x80, 0xa0, 0xa3, 0x40, 0xc0, 0xfe,
    ] {
        assert!(tag_known(t), "{t:#x}");
    }
}

#[test]
fn refuses_indefinite_lengths() {
    // `30 80 ... 00 00` is BER's indefinite form.
    let ber = [0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00];
    assert!(one(&ber, tag::SEQUENCE).is_none());
}

#[test]
fn refuses_non_minimal_lengths() {
    // Length 6 in the long form (one and two octets), and 0x80 in two octets.
    let mut long1 = vec![0x30, 0x81, 0x06];
    long1.extend_from_slice(&SEQ[2..]);
    assert!(one(&long1, tag::SEQUENCE).is_none());
    let mut long2 = vec![0x30, 0x82, 0x00, 0x06];
    long2.extend_from_slice(&SEQ[2..]);
    assert!(one(&long2, tag::SEQUENCE).is_none());
    let mut content = vec![0u8; 0x80];
    let mut two = vec![0x04, 0x82, 0x00, 0x80];
    two.append(&mut content.clone());
    assert!(one(&two, tag::OCTET_STRING).is_none());
    // The minimal forms of the same lengths are read.
    let mut ok = vec![0x04, 0x81, 0x80];
    ok.append(&mut content);
    assert_eq!(one(&ok, tag::OCTET_STRING).unwrap().content.len(), 0x80);
}

#[test]
fn refuses_over_long_lengths() {
    // Five length octets, and a length beyond what remains.
    assert!(one(
        &[0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00],
        tag::OCTET_STRING
    )
    .is_none());
    assert!(one(&[0x04, 0x84, 0x7f, 0xff, 0xff, 0xff], tag::OCTET_STRING).is_none());
    // 2^28 is past `der`'s limit even when the bytes were there: refused from the header.
    assert!(split(&[0x04, 0x84, 0x10, 0x00, 0x00, 0x00]).is_none());
    // A two-octet length of 300 with only 10 bytes behind it.
    let mut short = vec![0x04, 0x82, 0x01, 0x2c];
    short.extend([0u8; 10]);
    assert!(one(&short, tag::OCTET_STRING).is_none());
}

#[test]
fn encode_writes_minimal_lengths() {
    for (len, header) in [
        (0usize, vec![0x04, 0x00]),
        (0x7f, vec![0x04, 0x7f]),
        (0x80, vec![0x04, 0x81, 0x80]),
        (0x100, vec![0x04, 0x82, 0x01, 0x00]),
        (0x1_0000, vec![0x04, 0x83, 0x01, 0x00, 0x00]),
    ] {
        let content = vec![0xaa; len];
        let e = encode(tag::OCTET_STRING, &content).unwrap();
        assert_eq!(&e[..header.len()], header.as_slice(), "{len}");
        assert_eq!(
            one(&e, tag::OCTET_STRING).unwrap().content,
            content.as_slice()
        );
    }
}

#[test]
fn integers_are_minimal() {
    assert_eq!(int(&[0x00]), Some(&[0x00][..]));
    assert_eq!(int(&[0x00, 0x80]), Some(&[0x00, 0x80][..]));
    assert_eq!(int(&[0xff, 0x7f]), Some(&[0xff, 0x7f][..]));
    assert_eq!(int(&[]), None);
    assert_eq!(int(&[0x00, 0x7f]), None);
    assert_eq!(int(&[0xff, 0x80]), None);
    // Unsigned: the sign octet goes, negatives are refused, zero stays one octet.
    assert_eq!(uint(&[0x00, 0x80]), Some(&[0x80][..]));
    assert_eq!(uint(&[0x00]), Some(&[0x00][..]));
    assert_eq!(uint(&[0x80]), None);
    assert_eq!(uint(&[0x00, 0x01]), None);
    assert_eq!(small_uint(&[0x01, 0x00]), Some(256));
    assert_eq!(
        small_uint(&[0x00, 0xff, 0, 0, 0, 0, 0, 0, 0]),
        Some(0xff << 56)
    );
    assert_eq!(small_uint(&[0x01, 0, 0, 0, 0, 0, 0, 0, 0]), None);
}

#[test]
fn booleans_and_bit_strings() {
    assert_eq!(boolean(&[0x00]), Some(false));
    assert_eq!(boolean(&[0xff]), Some(true));
    assert_eq!(boolean(&[0x01]), None);
    assert_eq!(boolean(&[0x00, 0x00]), None);
    assert_eq!(bit_string(&[0x00]), Some((0, &[][..])));
    assert_eq!(bit_string(&[0x07, 0x80]), Some((7, &[0x80][..])));
    assert_eq!(bit_string(&[0x08, 0x80]), None);
    assert_eq!(bit_string(&[0x01]), None);
    assert_eq!(bit_string(&[]), None);
    // keyUsage digitalSignature (bit 0) | keyCertSign (bit 5): 0b1000_0100, 2 unused bits.
    let (u, b) = bit_string(&[0x02, 0x84]).unwrap();
    let set: Vec<usize> = (0..10).filter(|i| bit(u, b, *i)).collect();
    assert_eq!(set, [0, 5]);
    // Bits in the unused part do not count.
    assert!(!bit(7, &[0xff], 1));
}

#[test]
fn times_in_rfc_5280_forms() {
    let utc = |s: &[u8]| {
        time(&Tlv {
            tag: tag::UTC_TIME,
            whole: &[],
            content: s,
        })
    };
    let gen = |s: &[u8]| {
        time(&Tlv {
            tag: tag::GENERALIZED_TIME,
            whole: &[],
            content: s,
        })
    };
    // 2000-03-01T00:00:00Z: 30 years of 365 days, 7 leap days (1972..1996), Jan and Feb 2000
    // (31 + 29 days).
    let want = (30 * 365 + 7 + 31 + 29) * 86_400;
    assert_eq!(utc(b"000301000000Z"), Some(want));
    assert_eq!(gen(b"20000301000000Z"), Some(want));
    // Two-digit years from 50 are 19YY, and `der` refused dates before 1970.
    assert_eq!(utc(b"700101000001Z"), Some(1));
    assert_eq!(utc(b"690101000000Z"), None);
    assert_eq!(gen(b"19691231235959Z"), None);
    // No fractions, no offsets, no leap seconds, no 29 February outside leap years.
    assert_eq!(gen(b"20000301000000.5Z"), None);
    assert_eq!(utc(b"0003010000+0000"), None);
    assert_eq!(utc(b"000301235960Z"), None);
    assert_eq!(utc(b"010229000000Z"), None);
    assert_eq!(utc(b"000229000000Z").map(|t| t + 86_400), Some(want));
    // The tag decides the form.
    assert_eq!(gen(b"000301000000Z"), None);
    assert_eq!(
        time(&Tlv {
            tag: tag::OCTET_STRING,
            whole: &[],
            content: b"000301000000Z"
        }),
        None
    );
}

#[test]
fn context_fields_as_der_found_them() {
    // [0] EXPLICIT INTEGER 2, then [1] and [3] IMPLICIT, then a SEQUENCE.
    let items = [
        0xa0, 0x03, 0x02, 0x01, 0x02, // [0]
        0x81, 0x01, 0x00, // [1] primitive
        0xa3, 0x02, 0x30, 0x00, // [3]
        0x30, 0x00,
    ];
    let mut d = Der::new(&items);
    assert_eq!(
        d.context(0, true).unwrap().unwrap().content,
        &[0x02, 0x01, 0x02]
    );
    // [2] is absent: the search stops at [3] without consuming it.
    assert_eq!(d.context(1, false).unwrap().unwrap().tag, 0x81);
    assert_eq!(d.context(2, false), Some(None));
    assert_eq!(d.context(3, true).unwrap().unwrap().tag, 0xa3);
    assert_eq!(d.context(4, true), Some(None));
    assert_eq!(d.read(tag::SEQUENCE), Some(&[][..]));
    // The wrong form is refused; a lower number is skipped.
    assert_eq!(Der::new(&[0x80, 0x00]).context(0, true), None);
    let mut skip = Der::new(&[0x80, 0x00, 0xa1, 0x00]);
    assert_eq!(skip.context(1, true).unwrap().unwrap().tag, 0xa1);
}

#[test]
fn deep_nesting_is_not_walked() {
    // 10,000 nested SEQUENCEs as an AlgorithmIdentifier's parameters: kept whole, never
    // descended into, so no recursion depth depends on the input.
    let mut inner = vec![0x05, 0x00];
    for _ in 0..10_000 {
        inner = encode(tag::SEQUENCE, &inner).unwrap();
    }
    let mut d = Der::new(&inner);
    let t = d.any().unwrap();
    assert_eq!(t.whole.len(), inner.len());
    assert!(d.finish().is_some());
    // Where a structure is expected, the reader goes exactly as deep as the structure: a
    // nested SEQUENCE where an INTEGER belongs is refused at the first level.
    let mut seq = Der::sequence(&inner).unwrap();
    assert_eq!(seq.read(tag::INTEGER), None);
}
