//! Merkle trees over `mdat` blocks (C2PA 2.2 §18.6.3 `fixedBlockSize` / `variableBlockSizes`,
//! c2pa-rs `validate_merkle_maps_mdat_boxes`): one `MerkleMap` per top-level `mdat`, whose
//! bytes after the first 16 are cut into blocks, each block a leaf. The leaves are checked
//! against the `merkle` uuid boxes when the file has them, else against the stored row
//! directly (the whole tree is rebuilt when only the root is stored).
//!
//! The number of leaves is a claim of the file (a block size of 2 over a large `mdat`, a long
//! size list): it is bounded by `Limits::max_merkle_bytes` of leaf hashes before any is made.

use super::bmff_boxes::BoxInfo;
use super::bmff_tree::{mismatch, node, Leaf, MerkleMap};
use super::Status;
use crate::bytes::to_u64;
use crate::crypto::{Crypto, Digest, Hash, Hasher};
use crate::limits::Limits;
use std::ops::Range;

/// c2pa-rs excludes the first 16 bytes of an `mdat` from its blocks, whatever its header size.
const MDAT_SKIP: u64 = 16;

/// The blocks of one `mdat` under its map.
fn blocks(
    mdat: &BoxInfo,
    mm: &MerkleMap<'_>,
    hash: Hash,
    limits: &Limits,
) -> Result<Vec<Range<u64>>, Status> {
    let mut start = mdat.range.start.saturating_add(MDAT_SKIP);
    let mut left = (mdat.range.end.saturating_sub(mdat.range.start)).saturating_sub(MDAT_SKIP);
    let within = |n: u64| {
        if n.saturating_mul(to_u64(hash.output_len())) > limits.max_merkle_bytes {
            Err(mismatch(&format!(
                "{n} Merkle leaves are more than the limit of {} bytes of leaf hashes",
                limits.max_merkle_bytes
            )))
        } else {
            Ok(())
        }
    };
    let mut out = Vec::new();
    if let Some(size) = mm.fixed_block_size {
        if size <= 1 {
            return Err(mismatch("a fixed block size below 2"));
        }
        within(left.div_ceil(size))?;
        while left > 0 {
            let len = left.min(size);
            crate::bytes::try_reserve(&mut out, 1, "Merkle blocks")
                .map_err(|e| mismatch(e.message()))?;
            out.push(start..start.saturating_add(len));
            start = start.saturating_add(len);
            left = left.saturating_sub(len);
        }
    } else if let Some(sizes) = &mm.variable_block_sizes {
        let total = sizes.iter().try_fold(0u64, |a, s| a.checked_add(*s));
        if total != Some(left) {
            return Err(mismatch(
                "the variable block sizes do not add up to the mdat size",
            ));
        }
        within(to_u64(sizes.len()))?;
        for s in sizes {
            crate::bytes::try_reserve(&mut out, 1, "Merkle blocks")
                .map_err(|e| mismatch(e.message()))?;
            out.push(start..start.saturating_add(*s));
            start = start.saturating_add(*s);
        }
    } else {
        out.push(start..start.saturating_add(left));
    }
    Ok(out)
}

fn digest(crypto: &dyn Crypto, hash: Hash, input: &[u8], r: &Range<u64>) -> Digest {
    let mut h = Hasher::of(hash);
    h.update(super::data_hash::sub(input, r.clone()).unwrap_or_default());
    h.finish(crypto)
}

/// The root of the tree over `leaves`; `None` while a digest is pending.
fn root(crypto: &dyn Crypto, hash: Hash, leaves: Vec<Vec<u8>>) -> Option<Vec<u8>> {
    let mut layer = leaves;
    while layer.len() > 1 {
        let mut up = Vec::new();
        for pair in layer.chunks(2) {
            match pair {
                [l, r] => up.push(node(crypto, hash, l, r)?),
                [one] => up.push(one.clone()),
                _ => {}
            }
        }
        layer = up;
    }
    layer.into_iter().next()
}

/// Check every `mdat` of `input` against its map.
pub(super) fn check(
    crypto: &dyn Crypto,
    maps: &[MerkleMap<'_>],
    own_alg: Option<&str>,
    input: &[u8],
    top: &[BoxInfo],
    records: &[Leaf],
    limits: &Limits,
) -> Result<(), Status> {
    if maps
        .iter()
        .any(|m| m.fixed_block_size.is_some() && m.variable_block_sizes.is_some())
    {
        return Err(mismatch(
            "a MerkleMap with both fixed and variable block sizes",
        ));
    }
    let mdats: Vec<&BoxInfo> = top.iter().filter(|b| &b.typ == b"mdat").collect();
    if mdats.len() != maps.len() {
        return Err(mismatch(
            "the number of MerkleMaps differs from the number of mdat boxes",
        ));
    }
    let mut ranges = Vec::new();
    for (mdat, mm) in mdats.iter().zip(maps) {
        let (_, hash) = mm.alg(own_alg)?;
        ranges.push(blocks(mdat, mm, hash, limits)?);
    }
    if records.is_empty() {
        for (mm, blocks) in maps.iter().zip(&ranges) {
            let (_, hash) = mm.alg(own_alg)?;
            if to_u64(blocks.len()) != mm.count {
                return Err(mismatch(
                    "the number of blocks differs from the MerkleMap count",
                ));
            }
            if mm.hashes.len() == 1 && mm.count > 1 {
                let mut leaves = Vec::new();
                for b in blocks {
                    match digest(crypto, hash, input, b) {
                        Digest::Known(d) => leaves.push(d),
                        Digest::Pending => return Ok(()),
                    }
                }
                let Some(root) = root(crypto, hash, leaves) else {
                    return Ok(());
                };
                if mm.hashes.first().is_none_or(|h| *h != root.as_slice()) {
                    return Err(mismatch("the Merkle root does not match"));
                }
            } else {
                for (i, b) in blocks.iter().enumerate() {
                    let d = digest(crypto, hash, input, b);
                    if !mm.check(crypto, hash, &d, to_u64(i), None) {
                        return Err(mismatch(&format!(
                            "the block at offset {} does not match",
                            b.start
                        )));
                    }
                }
            }
        }
        return Ok(());
    }
    // c2pa-rs `split_bmff_merkle_map`: the leaf records are stored map after map, `count` each,
    // and grouped by `localId` (two maps with one `localId` leave a group short).
    let mut ids: Vec<u64> = maps.iter().map(|m| m.local_id).collect();
    crate::bytes::sort_by_key(&mut ids, |id| *id);
    ids.dedup();
    if ids.len() != maps.len() {
        return Err(mismatch("two MerkleMaps share a localId"));
    }
    let mut rest = records;
    for (mm, blocks) in maps.iter().zip(&ranges) {
        let n = usize::try_from(mm.count).unwrap_or(usize::MAX);
        if n > rest.len() {
            return Err(mismatch(
                "a MerkleMap count is larger than the merkle boxes left",
            ));
        }
        let (group, after) = rest.split_at(n);
        rest = after;
        let (_, hash) = mm.alg(own_alg)?;
        if blocks.len() != group.len() {
            return Err(mismatch(
                "the number of blocks differs from the merkle boxes",
            ));
        }
        for (b, leaf) in blocks.iter().zip(group) {
            let d = digest(crypto, hash, input, b);
            if !mm.check(crypto, hash, &d, leaf.location, leaf.proof.as_deref()) {
                return Err(mismatch(&format!(
                    "the block at offset {} does not match",
                    b.start
                )));
            }
        }
    }
    Ok(())
}
