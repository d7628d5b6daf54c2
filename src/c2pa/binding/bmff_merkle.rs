//! Merkle-tree BMFF hashes (C2PA 2.2 §18.6.3–§18.6.4, c2pa-rs 0.91 `BmffHash`): the `merkle`
//! array of `MerkleMap`s in a `c2pa.hash.bmff.v2`/`.v3` assertion, and the `BmffMerkleMap`
//! leaves carried by C2PA `uuid` boxes of purpose `merkle` (A.5.2) next to the media they hash.
//!
//! Three layouts are checked, as c2pa-rs checks them:
//! - a fragmented file holding its init part and every fragment ([`whole_file`]): the init
//!   hash covers the file up to the first `moof`, and each run of top-level boxes from one
//!   `moof` to the next is a leaf;
//! - an init segment with its DASH/CMAF media segments as separate inputs ([`segments`],
//!   c2pa-rs `Reader::from_fragment` and `from_fragmented_files`): each segment file is a leaf;
//! - `mdat` blocks ([`whole_file`] on an unfragmented file with fixed or variable block
//!   sizes): each block of each `mdat` after its first 16 bytes is a leaf.
//!
//! The fourth, timed media (a leaf per track chunk, read through the sample tables), is
//! reported as `general.error` "not supported yet". A tree's shape is computed from its leaf
//! count in O(log n) and a proof is replayed at most once per layer, so an absurd `count` costs
//! nothing; the leaves hashed for `mdat` blocks are bounded by `Limits::max_merkle_bytes`
//! (c2pa-rs `MAX_MERKLE_LEAVES_SIZE`). Every failure is `assertion.bmffHash.mismatch`, as in
//! c2pa-rs, with the reason as its detail.

use super::bmff_hash::{digest_region, walk, Assertion, BoxInfo, Excluded};
use super::Status;
use crate::bytes::{to_u64, Reader};
use crate::c2pa::cbor::{self, Value};
use crate::c2pa::status as st;
use crate::crypto::{Crypto, Digest, Hash};
use crate::limits::Limits;
use std::collections::HashSet;
use std::ops::Range;

/// The C2PA `uuid` extended type (C2PA 2.2 A.5.1).
const C2PA_UUID: [u8; 16] = [
    0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81,
];

pub(super) fn mismatch(why: &str) -> Status {
    (st::BMFF_HASH_MISMATCH, Some(why.to_owned()))
}

/// One `MerkleMap` of the assertion (§18.6.3).
pub(super) struct MerkleMap<'v> {
    unique_id: u64,
    pub(super) local_id: u64,
    pub(super) count: u64,
    alg: Option<&'v str>,
    init_hash: Option<&'v [u8]>,
    /// One row of the tree (the leaves, the root, or a row between).
    pub(super) hashes: Vec<&'v [u8]>,
    pub(super) fixed_block_size: Option<u64>,
    pub(super) variable_block_sizes: Option<Vec<u64>>,
}

/// One `BmffMerkleMap` leaf record from a `merkle` uuid box.
pub(super) struct Leaf {
    unique_id: u64,
    local_id: u64,
    pub(super) location: u64,
    pub(super) proof: Option<Vec<Vec<u8>>>,
}

fn maps<'v>(v: &'v Value<'v>) -> Result<Vec<MerkleMap<'v>>, Status> {
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
fn leaves(input: &[u8], top: &[BoxInfo], limits: &Limits) -> Result<Vec<Leaf>, Status> {
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
            let (m, _) = cbor::decode_prefix(r.rest(), limits)?;
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

/// c2pa-rs `split_fragment_boxes`: the runs of top-level boxes from each `moof` to the next;
/// none when the first `moof` is the first box.
fn fragment_runs(top: &[BoxInfo]) -> Vec<Range<u64>> {
    let Some(first) = top.iter().position(|b| &b.typ == b"moof") else {
        return Vec::new();
    };
    if first == 0 {
        return Vec::new();
    }
    let mut out: Vec<Range<u64>> = Vec::new();
    for b in top.iter().skip(first) {
        match out.last_mut() {
            Some(run) if &b.typ != b"moof" => run.end = b.range.end,
            _ => out.push(b.range.clone()),
        }
    }
    out
}

/// A fragmented or block-hashed file on its own (c2pa-rs `verify_stream_hash`, Merkle part).
pub(super) fn whole_file(
    crypto: &dyn Crypto,
    a: &Assertion<'_>,
    input: &[u8],
    top: &[BoxInfo],
    excl: &Excluded,
    limits: &Limits,
) -> Result<(), Status> {
    let maps = maps(a.v)?;
    let own_alg = a.v.get("alg").and_then(Value::as_text);
    let records = leaves(input, top, limits)?;
    let first_moof = top.iter().find(|b| &b.typ == b"moof");
    for mm in &maps {
        let (alg, _) = mm.alg(own_alg)?;
        let Some(init) = mm.init_hash else { continue };
        let Some(moof) = first_moof else {
            return Err(mismatch("an init hash in media that is not fragmented"));
        };
        let d = digest_region(
            crypto,
            alg,
            input,
            top,
            excl,
            a.with_offsets,
            0..moof.range.start,
        );
        if !d.is_some_and(|d| d.matches(init)) {
            return Err(mismatch("the init hash does not match"));
        }
    }
    if first_moof.is_some() {
        let runs = fragment_runs(top);
        for mm in &maps {
            let (alg, hash) = mm.alg(own_alg)?;
            if to_u64(runs.len()) != mm.count || to_u64(records.len()) != mm.count {
                return Err(mismatch(
                    "the number of fragments differs from the MerkleMap count",
                ));
            }
            for (run, leaf) in runs.iter().zip(&records) {
                let d = digest_region(crypto, alg, input, top, excl, a.with_offsets, run.clone())
                    .ok_or_else(|| mismatch("hash algorithm"))?;
                if !mm.check(crypto, hash, &d, leaf.location, leaf.proof.as_deref()) {
                    return Err(mismatch(&format!(
                        "the fragment at offset {} is not in the Merkle tree",
                        run.start
                    )));
                }
            }
        }
        return Ok(());
    }
    let blocks = maps
        .iter()
        .all(|m| m.fixed_block_size.is_some() || m.variable_block_sizes.is_some());
    if !blocks && top.iter().any(|b| &b.typ == b"moov") && !records.is_empty() {
        let why = "Merkle trees over track chunks (timed media) are not supported yet, so the binding was not checked";
        return Err((st::GENERAL_ERROR, Some(why.to_owned())));
    }
    super::bmff_blocks::check(crypto, &maps, own_alg, input, top, &records, limits)
}

/// An init segment and its media segments (c2pa-rs `verify_stream_segments`).
pub(super) fn segments(
    crypto: &dyn Crypto,
    a: &Assertion<'_>,
    default_alg: &str,
    init: &[u8],
    fragments: &[&[u8]],
    limits: &Limits,
) -> Result<(), Status> {
    if a.v.get("hash").is_some() {
        return Err(mismatch("a file hash where fragments are given"));
    }
    if a.v.get("merkle").is_none() {
        return Err(mismatch("no Merkle tree where fragments are given"));
    }
    let maps = maps(a.v)?;
    let own_alg =
        a.v.get("alg")
            .and_then(Value::as_text)
            .unwrap_or(default_alg);
    let mut init_checked: HashSet<&[u8]> = HashSet::new();
    for (n, frag) in fragments.iter().enumerate() {
        let top = walk(frag, 0..to_u64(frag.len()), limits);
        let records = leaves(frag, &top, limits)?;
        if records.is_empty() {
            return Err(mismatch(&format!(
                "fragment {} has no merkle box",
                n.saturating_add(1)
            )));
        }
        for leaf in &records {
            let mm = maps
                .iter()
                .find(|m| m.unique_id == leaf.unique_id && m.local_id == leaf.local_id)
                .ok_or_else(|| {
                    mismatch(&format!(
                        "fragment {} has no MerkleMap",
                        n.saturating_add(1)
                    ))
                })?;
            // As in c2pa-rs, a map without an init hash checks nothing.
            let Some(init_hash) = mm.init_hash else {
                continue;
            };
            let (alg, hash) = mm.alg(Some(own_alg))?;
            if init_checked.insert(init_hash) {
                let itop = walk(init, 0..to_u64(init.len()), limits);
                let iexcl = a
                    .excluded(init, limits)
                    .ok_or_else(|| mismatch("an exclusion could not be read"))?;
                let d = digest_region(
                    crypto,
                    alg,
                    init,
                    &itop,
                    &iexcl,
                    a.with_offsets,
                    0..to_u64(init.len()),
                );
                if !d.is_some_and(|d| d.matches(init_hash)) {
                    return Err(mismatch("the init hash does not match"));
                }
            }
            let fexcl = a
                .excluded(frag, limits)
                .ok_or_else(|| mismatch("an exclusion could not be read"))?;
            let d = digest_region(
                crypto,
                alg,
                frag,
                &top,
                &fexcl,
                a.with_offsets,
                0..to_u64(frag.len()),
            )
            .ok_or_else(|| mismatch("hash algorithm"))?;
            if !mm.check(crypto, hash, &d, leaf.location, leaf.proof.as_deref()) {
                return Err(mismatch(&format!(
                    "fragment {} is not in the Merkle tree",
                    n.saturating_add(1)
                )));
            }
        }
    }
    Ok(())
}
