//! Merkle trees of BMFF hashes (C2PA 2.2 §18.6.3, c2pa-rs `MerkleMap` and `BmffMerkleMap`):
//! the maps of the assertion, the leaf records of the `merkle` uuid boxes (A.5.2), and the climb
//! from a leaf with its proof to the row the map stores. The layout is computed from the leaf
//! count in O(log n), so an absurd `count` costs nothing.

use super::bmff_boxes::BoxInfo;
use super::Status;
use crate::bytes::{to_u64, Reader};
use crate::c2pa::cbor::{self, Value};
use crate::c2pa::status as st;
use crate::crypto::{Crypto, Digest, Hash};
use crate::limits::C2paBudget;

/// The C2PA `uuid` extended type (C2PA 2.2 A.5.1).
const C2PA_UUID: [u8; 16] = [
    0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81,
];

pub(super) fn mismatch(why: &str) -> Status {
    (st::BMFF_HASH_MISMATCH, Some(why.to_owned()))
}

/// One `MerkleMap` of the assertion (§18.6.3).
pub(super) struct MerkleMap<'v> {
    pub(super) unique_id: u64,
    pub(super) local_id: u64,
    pub(super) count: u64,
    alg: Option<&'v str>,
    pub(super) init_hash: Option<&'v [u8]>,
    /// One row of the tree (the leaves, the root, or a row between).
    pub(super) hashes: Vec<&'v [u8]>,
    pub(super) fixed_block_size: Option<u64>,
    pub(super) variable_block_sizes: Option<Vec<u64>>,
}

/// One `BmffMerkleMap` leaf record from a `merkle` uuid box.
pub(super) struct Leaf {
    pub(super) unique_id: u64,
    pub(super) local_id: u64,
    pub(super) location: u64,
    pub(super) proof: Option<Vec<Vec<u8>>>,
}

pub(super) fn maps<'v>(v: &'v Value<'v>) -> Result<Vec<MerkleMap<'v>>, Status> {
    let bad = || {
        let why = "a MerkleMap lacks uniqueId, localId, count or hashes";
        (st::BMFF_HASH_MALFORMED, Some(why.to_owned()))
    };
    let mut out = Vec::new();
    for m in v.get("merkle").and_then(Value::as_array).ok_or_else(bad)? {
        let u = |k: &str| m.get(k).and_then(Value::as_u64);
        let hashes = m.get("hashes").and_then(Value::as_array).ok_or_else(bad)?;
        let variable = match m.get("variableBlockSizes") {
            None => None,
            Some(a) => Some(
                a.as_array()
                    .ok_or_else(bad)?
                    .iter()
                    .map(Value::as_u64)
                    .collect::<Option<Vec<u64>>>()
                    .ok_or_else(bad)?,
            ),
        };
        out.push(MerkleMap {
            unique_id: u("uniqueId").ok_or_else(bad)?,
            local_id: u("localId").ok_or_else(bad)?,
            count: u("count").ok_or_else(bad)?,
            alg: m.get("alg").and_then(Value::as_text),
            init_hash: m.get("initHash").and_then(Value::as_bytes),
            hashes: hashes
                .iter()
                .map(Value::as_bytes)
                .collect::<Option<Vec<&[u8]>>>()
                .ok_or_else(bad)?,
            fixed_block_size: u("fixedBlockSize"),
            variable_block_sizes: variable,
        });
    }
    Ok(out)
}

/// The leaf records of the top-level C2PA `merkle` uuid boxes of `input`, in file order: a
/// FullBox header, `merkle\0`, then one CBOR map padded with zeros (C2PA 2.2 A.5.2).
pub(super) fn leaves(
    input: &[u8],
    top: &[BoxInfo],
    c2pa: &C2paBudget<'_>,
) -> Result<Vec<Leaf>, Status> {
    let mut out = Vec::new();
    for b in top.iter().filter(|b| &b.typ == b"uuid") {
        let body = super::data_hash::sub(input, b.range.clone()).unwrap_or_default();
        let mut r = Reader::new(body, "C2PA merkle box");
        let header = b.header.saturating_sub(16);
        let parsed = (|| -> crate::error::Result<Option<Leaf>> {
            r.skip(header, "box header")?;
            if r.array::<16>("extended type")? != C2PA_UUID {
                return Ok(None);
            }
            r.skip(4, "version and flags")?;
            if r.until(0, "box_purpose")? != b"merkle" {
                return Ok(None);
            }
            let (m, _) = cbor::decode_prefix(r.rest(), c2pa)?;
            let u = |k: &str| m.get(k).and_then(Value::as_u64);
            let proof = m.get("hashes").and_then(Value::as_array).map(|a| {
                a.iter()
                    .filter_map(|h| h.as_bytes().map(<[u8]>::to_vec))
                    .collect()
            });
            let need = |k: &str| {
                u(k).ok_or_else(|| {
                    crate::error::Error::malformed(format!("expected {k} in a merkle box"))
                })
            };
            Ok(Some(Leaf {
                unique_id: need("uniqueId")?,
                local_id: need("localId")?,
                location: need("location")?,
                proof,
            }))
        })();
        match parsed {
            Ok(Some(leaf)) => out.push(leaf),
            Ok(None) => {}
            Err(e) => {
                return Err(mismatch(&format!(
                    "a merkle box is unreadable: {}",
                    e.message()
                )))
            } // c2pa-rs fails the same way on a leaf record without its fields.
        }
    }
    Ok(out)
}

/// c2pa-rs 0.91.3 reads every top-level C2PA `merkle` box while it reads the store
/// (`c2pa_boxes_from_tree_and_map`, serde into `BmffMerkleMap {uniqueId, localId, location:
/// usize, hashes: Option<[bytes]>}`), so one it cannot decode makes the whole file unreadable.
/// `Err` says which box and why: the CBOR does not decode, is not a map, a field is missing,
/// repeated (a key may also be its field's index, 0 to 3, as serde allows) or of the wrong
/// type. Keys of other names are ignored, as serde ignores them; trailing padding is ignored.
pub fn unreadable_merkle_box(input: &[u8], c2pa: &C2paBudget<'_>) -> Option<String> {
    let top = super::bmff_boxes::walk(input, 0..to_u64(input.len()), c2pa.limits);
    for b in top.iter().filter(|b| &b.typ == b"uuid") {
        let body = super::data_hash::sub(input, b.range.clone()).unwrap_or_default();
        let mut r = Reader::new(body, "C2PA merkle box");
        let header = b.header.saturating_sub(16);
        let is_merkle = r.skip(header, "box header").is_ok()
            && r.array::<16>("extended type").is_ok_and(|u| u == C2PA_UUID)
            && r.skip(4, "version and flags").is_ok()
            && r.until(0, "box_purpose").is_ok_and(|p| p == b"merkle");
        if !is_merkle {
            continue;
        }
        if let Err(why) = record(r.rest(), c2pa) {
            return Some(format!(
                "the merkle box at offset {} cannot be read: {why}",
                b.range.start
            ));
        }
    }
    None
}

/// serde's reading of one `BmffMerkleMap`.
fn record(cbor: &[u8], c2pa: &C2paBudget<'_>) -> Result<(), String> {
    const FIELDS: [&str; 4] = ["uniqueId", "localId", "location", "hashes"];
    let (v, _) = cbor::decode_prefix(cbor, c2pa).map_err(|e| e.message().to_owned())?;
    let entries = v.as_map().ok_or("it is not a CBOR map")?;
    let mut seen = [false; 4];
    for (k, val) in entries {
        let field = match k {
            Value::Text(t) => FIELDS.iter().position(|f| f == t),
            Value::Bytes(b) => FIELDS.iter().position(|f| f.as_bytes() == b.as_ref()),
            Value::Uint(n) => usize::try_from(*n).ok().filter(|n| *n < 4),
            _ => return Err("a key of a type serde does not take".to_owned()),
        };
        let Some(i) = field else { continue };
        let name = FIELDS.get(i).copied().unwrap_or_default();
        match seen.get_mut(i) {
            Some(s) if *s => return Err(format!("duplicate field `{name}`")),
            Some(s) => *s = true,
            None => {}
        }
        let ok = match (i, val) {
            (3, Value::Null) => true,
            (3, Value::Array(a)) => a.iter().all(|h| match h {
                Value::Bytes(_) | Value::Text(_) => true,
                Value::Array(x) => x.iter().all(|b| matches!(b, Value::Uint(n) if *n <= 255)),
                _ => false,
            }),
            (3, _) => false,
            (_, Value::Uint(_)) => true,
            _ => false,
        };
        if !ok {
            return Err(format!("field `{name}` has the wrong type"));
        }
    }
    if let Some(i) = seen.iter().take(3).position(|s| !s) {
        return Err(format!(
            "missing field `{}`",
            FIELDS.get(i).copied().unwrap_or_default()
        ));
    }
    Ok(())
}

/// The node counts of each layer of a tree with `count` leaves, leaves first (c2pa-rs
/// `C2PAMerkleTree::to_layout`: an odd last node moves up unhashed).
fn layout(count: u64) -> Vec<u64> {
    let mut out = vec![count];
    let mut n = count;
    while n > 1 {
        n = n.div_ceil(2);
        out.push(n);
    }
    out
}

/// `alg(left ‖ right)`; `None` while the answer is pending (a replay pass).
pub(super) fn node(crypto: &dyn Crypto, hash: Hash, left: &[u8], right: &[u8]) -> Option<Vec<u8>> {
    crypto
        .digest(hash, &[left, right])
        .known()
        .map(<[u8]>::to_vec)
}

impl MerkleMap<'_> {
    pub(super) fn alg<'a>(&'a self, fallback: Option<&'a str>) -> Result<(&'a str, Hash), Status> {
        let alg = self
            .alg
            .or(fallback)
            .ok_or_else(|| mismatch("no algorithm found"))?;
        let hash =
            Hash::from_name(alg).ok_or_else(|| mismatch(&format!("hash algorithm {alg}")))?;
        Ok((alg, hash))
    }

    /// c2pa-rs `MerkleMap::check_merkle_tree`: climb from the leaf at `location` with the
    /// proof until the stored row, then compare. A pending leaf or node passes provisionally.
    pub(super) fn check(
        &self,
        crypto: &dyn Crypto,
        hash: Hash,
        leaf: &Digest,
        location: u64,
        proof: Option<&[Vec<u8>]>,
    ) -> bool {
        let Some(leaf) = leaf.known() else {
            return true;
        };
        if location >= self.count {
            return false;
        }
        let mut index = location;
        let mut h = leaf.to_vec();
        let row = to_u64(self.hashes.len());
        let mut used = 0usize;
        for layer in layout(self.count) {
            if layer == row {
                break;
            }
            if let Some(proof) = proof {
                let sibling = if index % 2 == 1 {
                    Some(index.saturating_sub(1))
                } else {
                    index.checked_add(1)
                };
                if sibling.is_some_and(|s| s < layer) {
                    let Some(p) = proof.get(used) else {
                        return false;
                    };
                    used = used.saturating_add(1);
                    let next = if index % 2 == 1 {
                        node(crypto, hash, p, &h)
                    } else {
                        node(crypto, hash, &h, p)
                    };
                    let Some(next) = next else {
                        return true;
                    };
                    h = next;
                }
            }
            index /= 2;
        }
        usize::try_from(index)
            .ok()
            .and_then(|i| self.hashes.get(i))
            .is_some_and(|stored| *stored == h.as_slice())
    }
}
