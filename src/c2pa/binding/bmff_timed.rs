//! Merkle trees over timed media (C2PA 2.2 §18.6.3: a `MerkleMap` whose `localId` is a track
//! id, one leaf per chunk of that track), checked as c2pa-rs 0.91's `verify_stream_hash` checks
//! them on an unfragmented file with a `moov` and `merkle` uuid boxes, when not every map has a
//! block size:
//!
//! - the leaf records of the `merkle` boxes are dealt to the maps in file order, `count` each
//!   (c2pa-rs `split_bmff_merkle_map`; a record's own `uniqueId` and `localId` are not read);
//! - the tracks come from the sample tables ([`super::bmff_samples`]); the map's `localId`,
//!   cut to 32 bits, names the track;
//! - every sample of the track is placed through `stsc`, `stco`/`co64` and `stsz`, and a
//!   chunk's leaf is the hash of its samples in order, that is of the bytes from the chunk's
//!   offset to the end of its last sample;
//! - record `i` takes the leaf of chunk `location + 1`, and must have location `i` (c2pa-rs
//!   0.91.3 refuses records out of order, "MerkleMap and MerkleBoxInfo mismatch"); each
//!   record's proof is climbed from its leaf.
//!
//! Every failure is `assertion.bmffHash.mismatch`, as in c2pa-rs (its `HashMismatch` and
//! `InvalidAsset` errors both map there). Unlike c2pa-rs, only the chunks that a record names
//! are hashed (the others are only placed, which finds every error c2pa-rs's read would), and
//! the work is bounded: for all maps together, the samples placed and the bytes hashed may not
//! exceed the file's length. A real file places each sample once and its chunks do not
//! overlap, so only a hostile table (many chunks at one offset, many maps on one track) meets
//! this bound.

use super::bmff_samples::{tracks, Track};
use super::bmff_tree::{mismatch, Leaf, MerkleMap};
use super::Status;
use crate::bytes::to_u64;
use crate::crypto::{Crypto, Digest, Hasher};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// c2pa-rs `split_bmff_merkle_map`: the records of each map, by `localId` (a later map with the
/// same `localId` takes the key).
fn split(maps: &[MerkleMap<'_>], records: usize) -> Result<HashMap<u64, Range<usize>>, Status> {
    let mut out = HashMap::new();
    let mut at = 0usize;
    for m in maps {
        let left = to_u64(records.saturating_sub(at));
        if m.count > left {
            return Err(mismatch(
                "a MerkleMap count is more than the merkle boxes left",
            ));
        }
        let n = usize::try_from(m.count).map_err(|_| mismatch("MerkleMap count"))?;
        let end = at.saturating_add(n);
        out.insert(m.local_id, at..end);
        at = end;
    }
    Ok(out)
}

/// Place every sample of `track` as c2pa-rs reads it, and return the byte range of each chunk
/// in `wanted` that holds a sample. Each sample placed spends one from `work`.
fn place(
    input: &[u8],
    track: &Track,
    wanted: &HashSet<u32>,
    work: &mut u64,
) -> Result<HashMap<u32, Range<u64>>, Status> {
    let bad = |why: String| mismatch(&format!("a sample cannot be read: {why}"));
    let len = to_u64(input.len());
    *work = work
        .checked_sub(u64::from(track.sample_count))
        .ok_or_else(|| mismatch(OVER))?;
    let mut out: HashMap<u32, Range<u64>> = HashMap::new();
    let mut run = 0usize;
    // The chunk of the previous sample: its number, offset, whether it is wanted, and the
    // bytes of its samples so far.
    let mut chunk: u32 = 0;
    let mut offset: u64 = 0;
    let mut keep = false;
    let mut intra: u64 = 0;
    for id in 1..=track.sample_count {
        // c2pa-rs `stsc_index`: the last run whose first sample is not after `id`.
        while track
            .runs
            .get(run.saturating_add(1))
            .is_some_and(|r| r.first_sample <= id)
        {
            run = run.saturating_add(1);
        }
        let r = track
            .runs
            .get(run)
            .ok_or_else(|| bad("the track has no stsc entries".to_owned()))?;
        if r.samples_per_chunk == 0 {
            return Err(bad("stsc samples_per_chunk is 0".to_owned()));
        }
        let k = id.saturating_sub(r.first_sample);
        // A new chunk starts at each multiple of samples_per_chunk within a run (a new run
        // starts at k = 0); the samples between share its number and offset.
        if k % r.samples_per_chunk == 0 {
            chunk = (k / r.samples_per_chunk)
                .checked_add(r.first_chunk)
                .ok_or_else(|| bad("the chunk number overflows".to_owned()))?;
            let index = chunk
                .checked_sub(1)
                .ok_or_else(|| bad("a chunk number of 0".to_owned()))?;
            offset = track
                .chunk_offset(input, index)
                .map_err(bad)?
                .ok_or_else(|| {
                    mismatch(&format!(
                        "Merkle location not found: chunk {chunk} has no offset"
                    ))
                })?;
            keep = wanted.contains(&chunk);
            intra = 0;
        }
        let size = u64::from(track.sample_size(input, id).map_err(bad)?);
        let end = offset
            .checked_add(intra)
            .and_then(|s| s.checked_add(size))
            .filter(|e| *e <= len)
            .ok_or_else(|| bad(format!("sample {id} ends past the end of the file")))?;
        intra = intra.saturating_add(size);
        if keep {
            out.entry(chunk)
                .and_modify(|r| r.end = end)
                .or_insert(offset..end);
        }
    }
    Ok(out)
}

/// Why a hostile table is refused (samples placed or bytes hashed, for all maps together,
/// beyond the file's length).
const OVER: &str = "the tracks' samples and chunks add up to more than the file's length: \
     over the limit of work for timed-media Merkle trees";

/// Check every map against the tracks of `input` and the leaf `records` of its `merkle` boxes.
pub(super) fn check(
    crypto: &dyn Crypto,
    maps: &[MerkleMap<'_>],
    own_alg: Option<&str>,
    input: &[u8],
    records: &[Leaf],
) -> Result<(), Status> {
    let groups = split(maps, records.len())?;
    let tracks = tracks(input).map_err(|why| mismatch(&format!("Could not parse BMFF: {why}")))?;
    // Real files place each sample once and hash each byte at most once.
    let mut work = to_u64(input.len());
    let mut budget = to_u64(input.len());
    for mm in maps {
        let (_, hash) = mm.alg(own_alg)?;
        if tracks.is_empty() {
            return Err(mismatch(
                "BMFF has no tracks for timed-media Merkle verification",
            ));
        }
        let id = u32::try_from(mm.local_id & 0xFFFF_FFFF).unwrap_or(0);
        let track = tracks
            .get(&id)
            .ok_or_else(|| mismatch(&format!("Merkle location not found: no track {id}")))?;
        if track.sample_count == 0 {
            return Err(mismatch(&format!("track {id} has no samples")));
        }
        let group = groups
            .get(&mm.local_id)
            .and_then(|g| records.get(g.clone()))
            .ok_or_else(|| mismatch("Merkle location not found"))?;
        // c2pa-rs 0.91.3 ("MerkleMap and MerkleBoxInfo mismatch"): the map's records are in
        // chunk order, the i-th for location i, so a permutation fails even when the chunks it
        // swaps are identical.
        if let Some((i, l)) = group
            .iter()
            .enumerate()
            .find(|(i, l)| to_u64(*i) != l.location)
        {
            return Err(mismatch(&format!(
                "MerkleMap and MerkleBoxInfo mismatch: merkle box {i} of track {id} has location {}",
                l.location
            )));
        }
        // Each record's chunk: its location + 1.
        let chunk_of = |l: &Leaf| {
            u32::try_from(l.location)
                .ok()
                .and_then(|c| c.checked_add(1))
        };
        let wanted: HashSet<u32> = group.iter().filter_map(chunk_of).collect();
        let mut chunks = place(input, track, &wanted, &mut work)?;
        let mut leaves: Vec<Digest> = Vec::new();
        for l in group {
            // c2pa-rs removes the chunk's hasher: a second record for the same chunk fails.
            let r = chunk_of(l).and_then(|c| chunks.remove(&c)).ok_or_else(|| {
                mismatch(&format!(
                    "Could not generate hash: chunk {} of track {id} holds no sample",
                    l.location.saturating_add(1)
                ))
            })?;
            budget = budget
                .checked_sub(r.end.saturating_sub(r.start))
                .ok_or_else(|| mismatch(OVER))?;
            let mut h = Hasher::of(hash);
            h.update(super::data_hash::sub(input, r).unwrap_or_default());
            crate::bytes::try_reserve(&mut leaves, 1, "Merkle leaves")
                .map_err(|e| mismatch(e.message()))?;
            leaves.push(h.finish(crypto));
        }
        for l in group {
            let leaf = usize::try_from(l.location)
                .ok()
                .and_then(|i| leaves.get(i))
                .ok_or_else(|| mismatch("BmffMerkleMap location exceeds leaf hash count"))?;
            if !mm.check(crypto, hash, leaf, l.location, l.proof.as_deref()) {
                return Err(mismatch(&format!(
                    "chunk {} of track {id} is not in the Merkle tree",
                    l.location.saturating_add(1)
                )));
            }
        }
    }
    Ok(())
}
