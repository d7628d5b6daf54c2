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
//! [`super::bmff_timed`]. A tree's shape is computed from its leaf
//! count in O(log n) and a proof is replayed at most once per layer, so an absurd `count` costs
//! nothing; the leaves hashed for `mdat` blocks are bounded by `Limits::max_merkle_bytes`
//! (c2pa-rs `MAX_MERKLE_LEAVES_SIZE`). Every failure is `assertion.bmffHash.mismatch`, as in
//! c2pa-rs, with the reason as its detail.

use super::bmff_boxes::{digest_region, walk, Assertion, BoxInfo, Excluded};
use super::bmff_tree::{leaves, maps, mismatch};
use super::Status;
use crate::bytes::to_u64;
use crate::c2pa::cbor::Value;
use crate::crypto::Crypto;
use crate::limits::C2paBudget;
use std::collections::HashSet;
use std::ops::Range;

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
    c2pa: &C2paBudget<'_>,
) -> Result<(), Status> {
    let maps = maps(a.v)?;
    let own_alg = a.v.get("alg").and_then(Value::as_text);
    let records = leaves(input, top, c2pa)?;
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
        return super::bmff_timed::check(crypto, &maps, own_alg, input, &records);
    }
    super::bmff_blocks::check(crypto, &maps, own_alg, input, top, &records, c2pa.limits)
}

/// An init segment and its media segments (c2pa-rs `verify_stream_segments`).
pub(super) fn segments(
    crypto: &dyn Crypto,
    a: &Assertion<'_>,
    default_alg: &str,
    init: &[u8],
    fragments: &[&[u8]],
    c2pa: &C2paBudget<'_>,
) -> Result<(), Status> {
    let limits = c2pa.limits;
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
        let records = leaves(frag, &top, c2pa)?;
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
