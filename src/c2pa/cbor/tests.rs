//! Unit tests for the CBOR decoder: values, budgets and hostile encodings.

use super::*;
use crate::error::ErrorKind;
use crate::limits::Limits;

/// One decode with a budget of its own.
fn dec<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Value<'a>> {
    decode(bytes, &C2paBudget::new(limits))
}

#[test]
fn map_keys_nested_as_keys_stay_short_in_json() {
    // 30 maps, each the key of the one around it: {{{…{"a": 1}…: 0}: 0}: 0}. Rendering each
    // key as the JSON text of the one inside escaped the quotes again at every level.
    let n = 30;
    let mut bytes = vec![0xA1u8; n];
    bytes.extend([0x61, b'a', 0x01]);
    bytes.extend(std::iter::repeat_n(0x00u8, n - 1));
    let v = dec(&bytes, &Limits::default()).unwrap();
    let json = v.to_json(&mut { usize::MAX }).unwrap().to_string();
    assert_eq!(json, r#"{"(a map of 1 entries)":0}"#);
    // Scalars and byte strings as keys keep their text.
    let bytes = [0xA3, 0x01, 0x02, 0x42, 0xFF, 0x00, 0xF6, 0xF5, 0x03];
    let v = dec(&bytes, &Limits::default()).unwrap();
    assert_eq!(
        v.to_json(&mut { usize::MAX }),
        Some(serde_json::json!({"1": 2, "/wA=": null, "true": 3}))
    );
}

#[test]
fn json_copies_keep_what_fits_their_room() {
    // A map of 70,000 pairs "kNNNNN": 0 (a c2pa.ai-disclosure bomb): each pair costs two
    // slots and its 6-byte key, so a room of 10 pairs keeps exactly the first 10.
    let mut bytes = vec![0xBA, 0, 1, 0x11, 0x70];
    // Each pair: a 6-byte text (head 0x66, `f`) and the integer 0.
    bytes.extend((0..70_000).flat_map(|i| format!("fk{i:05}\0").into_bytes()));
    let v = dec(&bytes, &Limits::default()).unwrap();
    let pair = 2 * JSON_SLOT + 6;
    let mut left = JSON_SLOT + 10 * pair + pair - 1;
    let json = v.to_json(&mut left).unwrap();
    let kept = json.as_object().unwrap();
    assert_eq!(kept.len(), 10);
    assert!(kept.contains_key("k00009") && !kept.contains_key("k00010"));
    // Something was left out: the room is spent, which is how a caller knows.
    assert_eq!(left, 0);
    let all = v.to_json(&mut { usize::MAX }).unwrap();
    assert_eq!(all.as_object().map(serde_json::Map::len), Some(70_000));
    // A text that does not fit is not copied at all.
    let text = dec(&[0x63, b'a', b'b', b'c'], &Limits::default()).unwrap();
    assert_eq!(text.to_json(&mut (JSON_SLOT + 2)), None);
    assert_eq!(text.to_json(&mut (JSON_SLOT + 3)), Some("abc".into()));
}

#[test]
fn definite_arrays_and_maps_hold_no_more_room_than_they_declare() {
    let l = Limits::default();
    let Ok(Value::Array(a)) = dec(&[0x81, 0x81, 0x01], &l) else {
        panic!("an array")
    };
    assert_eq!(a.capacity(), 1);
    assert!(matches!(a.first(), Some(Value::Array(inner)) if inner.capacity() == 1));
    let Ok(Value::Map(m)) = dec(&[0xa1, 0x01, 0x02], &l) else {
        panic!("a map")
    };
    assert_eq!(m.capacity(), 1);
}

#[test]
fn decodes_rfc8949_examples() {
    let l = Limits::default();
    assert_eq!(dec(&[0x18, 0x64], &l).unwrap(), Value::Uint(100));
    assert_eq!(dec(&[0x38, 0x63], &l).unwrap().as_i64(), Some(-100));
    assert_eq!(dec(&[0xf9, 0x3c, 0x00], &l).unwrap(), Value::Float(1.0));
    assert_eq!(
        dec(&[0x64, 0x49, 0x45, 0x54, 0x46], &l).unwrap().as_text(),
        Some("IETF")
    );
    // {"a": 1, "b": [2, 3]}
    let m = dec(&[0xa2, 0x61, 0x61, 0x01, 0x61, 0x62, 0x82, 0x02, 0x03], &l).unwrap();
    assert_eq!(m.get("a"), Some(&Value::Uint(1)));
    assert_eq!(
        m.get("b").and_then(Value::as_array).map(<[_]>::len),
        Some(2)
    );
    // (_ h'0102', h'030405')
    let b = dec(&[0x5f, 0x42, 1, 2, 0x43, 3, 4, 5, 0xff], &l).unwrap();
    assert_eq!(b.as_bytes(), Some(&[1u8, 2, 3, 4, 5][..]));
    // [_ 1, [2, 3]]
    let a = dec(&[0x9f, 0x01, 0x82, 0x02, 0x03, 0xff], &l).unwrap();
    assert_eq!(a.as_array().map(<[_]>::len), Some(2));
}

/// An array of `n` one-item arrays `[0]` (2 bytes each).
fn one_item_arrays(n: u32) -> Vec<u8> {
    let mut b = vec![0x9a];
    b.extend(n.to_be_bytes());
    for _ in 0..n {
        b.extend([0x81, 0x00]);
    }
    b
}

#[test]
fn an_item_costs_at_least_what_it_takes() {
    assert!(std::mem::size_of::<Value<'_>>() <= 32);
    let limits = Limits::default();
    let budget = C2paBudget::new(&limits);
    let bytes = one_item_arrays(1000);
    decode(&bytes, &budget).unwrap();
    // The outer slot and its allocation, 1,000 slots, 1,000 allocations of one slot.
    assert_eq!(budget.used(), 32 + 16 + 1000 * 32 + 1000 * (16 + 32));
    // A tag, an indefinite array of two, an indefinite text of two chunks of 1 byte each.
    let budget = C2paBudget::new(&limits);
    decode(
        &[0xc1, 0x9f, 0x01, 0x7f, 0x61, b'a', 0x61, b'b', 0xff, 0xff],
        &budget,
    )
    .unwrap();
    assert_eq!(
        budget.used(),
        32 + (32 + 16) + (16 + 4 * 32) + 2 * 64 + 2 * 2
    );
}

#[test]
fn one_budget_is_shared_by_every_decode_of_an_input() {
    // 1 MB of one-item arrays would take 40 MB as a tree: refused at once, under the
    // default limits, where 1,000,000 items a decode were allowed before.
    let limits = Limits::default();
    let e = dec(&one_item_arrays(500_000), &limits).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert!(e.message().contains("max_c2pa_bytes"), "{}", e.message());
    // Two decodes of 40,000 (3.2 MB each) fit a budget of 4 MiB one at a time, not together.
    let limits = Limits {
        max_c2pa_bytes: 4 << 20,
        ..Limits::default()
    };
    let bytes = one_item_arrays(40_000);
    assert!(dec(&bytes, &limits).is_ok());
    let shared = C2paBudget::new(&limits);
    assert!(decode(&bytes, &shared).is_ok());
    assert!(shared.refusal().is_none());
    let e = decode(&bytes, &shared).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert!(shared.refusal().unwrap().contains("max_c2pa_bytes"));
    // What was refused was not taken: a small item still fits.
    assert_eq!(decode(&[0x01], &shared).unwrap(), Value::Uint(1));
}

#[test]
fn rejects_lies_and_bombs() {
    let l = Limits::tiny();
    // An array claiming 2^32 elements in 5 bytes.
    assert!(dec(&[0x9a, 0xff, 0xff, 0xff, 0xff], &l).is_err());
    // A byte string claiming more than remains.
    assert!(dec(&[0x5a, 0x00, 0x01, 0x00, 0x00, 1], &l).is_err());
    // Nesting deeper than the limit.
    let deep = vec![0x81u8; 64];
    assert!(dec(&deep, &l).is_err());
    // Trailing bytes.
    assert!(dec(&[0x01, 0x02], &l).is_err());
    // A stray break.
    assert!(dec(&[0xff], &l).is_err());
    // Bad UTF-8.
    assert!(dec(&[0x61, 0xff], &l).is_err());
}
