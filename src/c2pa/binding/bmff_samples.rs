//! The sample tables of an ISO BMFF file's tracks (ISO/IEC 14496-12 §8.7: `stsc` §8.7.4,
//! `stsz` §8.7.3.2, `stco`/`co64` §8.7.5, `tkhd` §8.3.2), read exactly as c2pa-rs 0.91's
//! `BmffSampleReader` reads them for timed-media Merkle trees (`asset_handlers/bmff_io.rs`):
//! the first top-level `moov`, each `trak` under it with `tkhd`, `mdia/minf/stbl` and its
//! `stsc`, `stco` (else `co64`) and `stsz`. A track missing one of those is skipped; a box that
//! is present but does not fit its parent, or a table longer than its box, makes the whole file
//! unreadable, as in c2pa-rs. `stz2` is not read (such a track is skipped).
//!
//! The chunk-offset and sample-size tables stay in the input and are read entry by entry, so
//! memory does not grow with a table; only the `stsc` runs are kept (12 bytes of file each).

use crate::bytes::to_u64;
use std::collections::HashMap;

/// Why the tables could not be read (c2pa-rs `Error::InvalidAsset`).
pub(super) type Unreadable = String;

/// One `stsc` run, with its derived 1-based first sample (c2pa-rs `StscRun`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    pub(super) first_chunk: u32,
    pub(super) samples_per_chunk: u32,
    pub(super) first_sample: u32,
}

/// One track's sample tables (c2pa-rs `SampleTrack`), the tables read from the input on demand.
#[derive(Debug)]
pub(super) struct Track {
    pub(super) runs: Vec<Run>,
    /// Absolute offset of the first chunk offset, their count, and 8 for `co64` (else 4).
    offsets_at: u64,
    offsets: u32,
    offset_width: u64,
    /// `stsz` `sample_size`: non-zero means every sample has this size.
    fixed_size: u32,
    /// Absolute offset of the per-sample size table (when `fixed_size` is 0).
    sizes_at: u64,
    pub(super) sample_count: u32,
}

fn be32(input: &[u8], at: u64) -> Result<u32, Unreadable> {
    let b = at
        .checked_add(4)
        .and_then(|e| super::data_hash::sub(input, at..e))
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .ok_or_else(|| format!("the file ends inside a sample table at offset {at}"))?;
    Ok(u32::from_be_bytes(b))
}

fn be64(input: &[u8], at: u64) -> Result<u64, Unreadable> {
    let b = at
        .checked_add(8)
        .and_then(|e| super::data_hash::sub(input, at..e))
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
        .ok_or_else(|| format!("the file ends inside a sample table at offset {at}"))?;
    Ok(u64::from_be_bytes(b))
}

impl Track {
    /// The offset of chunk `index` (0-based); `None` past the table (c2pa-rs: a location miss).
    pub(super) fn chunk_offset(&self, input: &[u8], index: u32) -> Result<Option<u64>, Unreadable> {
        if index >= self.offsets {
            return Ok(None);
        }
        let at = self
            .offset_width
            .checked_mul(u64::from(index))
            .and_then(|d| self.offsets_at.checked_add(d))
            .ok_or_else(|| "a chunk offset past the end of the address space".to_owned())?;
        if self.offset_width == 8 {
            be64(input, at).map(Some)
        } else {
            be32(input, at).map(|o| Some(u64::from(o)))
        }
    }

    /// The size of sample `id` (1-based, at most `sample_count`).
    pub(super) fn sample_size(&self, input: &[u8], id: u32) -> Result<u32, Unreadable> {
        if self.fixed_size > 0 {
            return Ok(self.fixed_size);
        }
        let index = id
            .checked_sub(1)
            .ok_or_else(|| "a sample id of 0".to_owned())?;
        be32(
            input,
            self.sizes_at
                .saturating_add(u64::from(index).saturating_mul(4)),
        )
    }
}

/// c2pa-rs `read_child`: the box at `pos` within `..end`, as (type, content start, end). A
/// size of 0 reaches the end of the file; 1 means a 64-bit size follows.
fn child(input: &[u8], pos: u64, end: u64) -> Result<([u8; 4], u64, u64), Unreadable> {
    let size32 = be32(input, pos)?;
    let typ = be32(input, pos.saturating_add(4))?.to_be_bytes();
    let (size, content) = match size32 {
        1 => (be64(input, pos.saturating_add(8))?, pos.saturating_add(16)),
        0 => (
            to_u64(input.len()).saturating_sub(pos),
            pos.saturating_add(8),
        ),
        n => (u64::from(n), pos.saturating_add(8)),
    };
    let box_end = pos
        .checked_add(size)
        .ok_or_else(|| format!("a box size past the end of the address space at offset {pos}"))?;
    if box_end > end || box_end < content {
        return Err(format!(
            "the box {} at offset {pos} does not fit its parent",
            String::from_utf8_lossy(&typ)
        ));
    }
    Ok((typ, content, box_end))
}

/// c2pa-rs `find_box`: the first child of type `typ` in `start..end`, as (content, end).
fn find(
    input: &[u8],
    start: u64,
    end: u64,
    typ: &[u8; 4],
) -> Result<Option<(u64, u64)>, Unreadable> {
    let mut pos = start;
    while pos < end {
        let (t, content, box_end) = child(input, pos, end)?;
        if &t == typ {
            return Ok(Some((content, box_end)));
        }
        pos = box_end;
    }
    Ok(None)
}

/// c2pa-rs `bounded_entry_count`: a declared count of `width`-byte entries must fit the box.
fn bounded(declared: u32, entries_at: u64, end: u64, width: u64) -> Result<u32, Unreadable> {
    if u64::from(declared) > end.saturating_sub(entries_at) / width {
        return Err("a sample table holds more entries than its box".to_owned());
    }
    Ok(declared)
}

/// c2pa-rs `parse_stsc`: the runs, each with its first sample derived from the previous runs.
/// The version/flags and the count are read wherever they are, even past a short box.
fn stsc(input: &[u8], start: u64, end: u64) -> Result<Vec<Run>, Unreadable> {
    let at = start.saturating_add(8);
    let count = bounded(be32(input, start.saturating_add(4))?, at, end, 12)?;
    let mut runs: Vec<Run> = Vec::new();
    let mut first_sample: u32 = 1;
    for i in 0..count {
        let e = at.saturating_add(u64::from(i).saturating_mul(12));
        let first_chunk = be32(input, e)?;
        let samples_per_chunk = be32(input, e.saturating_add(4))?;
        if let Some(prev) = runs.last() {
            first_sample = first_chunk
                .checked_sub(prev.first_chunk)
                .and_then(|n| n.checked_mul(prev.samples_per_chunk))
                .and_then(|n| n.checked_add(prev.first_sample))
                .ok_or_else(|| "an stsc run whose first sample overflows".to_owned())?;
        }
        crate::bytes::try_reserve(&mut runs, 1, "stsc runs").map_err(|e| e.message().to_owned())?;
        runs.push(Run {
            first_chunk,
            samples_per_chunk,
            first_sample,
        });
    }
    Ok(runs)
}

/// c2pa-rs `parse_trak`: `None` when a needed box is missing.
fn trak(input: &[u8], start: u64, end: u64) -> Result<Option<(u32, Track)>, Unreadable> {
    let Some((tkhd, tkhd_end)) = find(input, start, end, b"tkhd")? else {
        return Ok(None);
    };
    let version = be32(input, tkhd)?
        .to_be_bytes()
        .first()
        .copied()
        .unwrap_or(0);
    let id_at = tkhd.saturating_add(if version == 1 { 20 } else { 12 });
    if id_at.checked_add(4).is_none_or(|e| e > tkhd_end) {
        return Err("a tkhd too small for its track id".to_owned());
    }
    let id = be32(input, id_at)?;
    let mut range = (start, end);
    for typ in [b"mdia", b"minf", b"stbl"] {
        match find(input, range.0, range.1, typ)? {
            Some(r) => range = r,
            None => return Ok(None),
        }
    }
    let (s, e) = range;
    let Some((stsc_at, stsc_end)) = find(input, s, e, b"stsc")? else {
        return Ok(None);
    };
    let runs = stsc(input, stsc_at, stsc_end)?;
    let (offsets_at, offsets, offset_width) = if let Some((a, b)) = find(input, s, e, b"stco")? {
        let at = a.saturating_add(8);
        (at, bounded(be32(input, a.saturating_add(4))?, at, b, 4)?, 4)
    } else if let Some((a, b)) = find(input, s, e, b"co64")? {
        let at = a.saturating_add(8);
        (at, bounded(be32(input, a.saturating_add(4))?, at, b, 8)?, 8)
    } else {
        return Ok(None);
    };
    let Some((stsz, stsz_end)) = find(input, s, e, b"stsz")? else {
        return Ok(None);
    };
    let fixed_size = be32(input, stsz.saturating_add(4))?;
    let sample_count = be32(input, stsz.saturating_add(8))?;
    let sizes_at = stsz.saturating_add(12);
    if fixed_size == 0 {
        bounded(sample_count, sizes_at, stsz_end, 4)?;
    }
    Ok(Some((
        id,
        Track {
            runs,
            offsets_at,
            offsets,
            offset_width,
            fixed_size,
            sizes_at,
            sample_count,
        },
    )))
}

/// c2pa-rs `BmffSampleReader::from_stream`: the tracks of the first top-level `moov`, by track
/// id (a later track with the same id replaces an earlier one).
pub(super) fn tracks(input: &[u8]) -> Result<HashMap<u32, Track>, Unreadable> {
    let len = to_u64(input.len());
    let mut out = HashMap::new();
    let Some((moov, moov_end)) = find(input, 0, len, b"moov")? else {
        return Ok(out);
    };
    let mut pos = moov;
    while pos < moov_end {
        let (typ, content, box_end) = child(input, pos, moov_end)?;
        if &typ == b"trak" {
            if let Some((id, track)) = trak(input, content, box_end)? {
                // A track cannot hold more samples than the file has bytes.
                if u64::from(track.sample_count) > len {
                    return Err("a track claims more samples than the file has bytes".to_owned());
                }
                out.insert(id, track);
            }
        }
        pos = box_end;
    }
    Ok(out)
}
