//! ISO BMFF files signed by the test signer with `c2pa.hash.bmff.v2` (C2PA 2.2 §18.6, A.5):
//! a fragmented MP4 as an init segment with DASH media segments, the same in one file, and a
//! plain MP4 whose store is an `original` plus an `update` (A.5.3). The hashes and Merkle trees
//! are computed here from the spec's rules (each top-level box not excluded whole gives its
//! offset as a big-endian u64, then its bytes; C2PA-excluded `uuid`, `ftyp` and `mfra` boxes
//! give nothing; a tree as c2pa-rs builds it, an odd last node moving up unhashed), not by the
//! checker. Stores and Merkle boxes go where their size cannot move a hashed box: at the end
//! of the init part or of the file, and Merkle boxes padded to one size. Timed media
//! ([`timed`]) has one leaf per chunk of a track, the hash of the chunk's samples (§18.6.3).
#![allow(clippy::as_conversions)]

use super::builder::{manifest_boxes, Mani};
use super::cbor::{enc, t, C};
use super::jumbf::superbox;
use sha2::{Digest, Sha256};

/// The C2PA `uuid` extended type (A.5.1).
pub const C2PA_UUID: [u8; 16] = [
    0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81,
];
/// Every Merkle box is padded to this size, so that its proof never moves a hashed box.
const MERKLE_BOX: usize = 512;

/// A box.
pub fn bx(typ: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut b = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend(typ);
    b.extend(payload);
    b
}

/// A C2PA `uuid` box: FullBox 0, the purpose, the Merkle offset (0) unless `merkle`, the data.
pub fn c2pa_box(purpose: &str, data: &[u8]) -> Vec<u8> {
    let mut p = C2PA_UUID.to_vec();
    p.extend([0, 0, 0, 0]);
    p.extend(purpose.as_bytes());
    p.push(0);
    if purpose != "merkle" {
        p.extend(0u64.to_be_bytes());
    }
    p.extend(data);
    bx(b"uuid", &p)
}

pub fn ftyp() -> Vec<u8> {
    bx(b"ftyp", b"iso6\0\0\0\0iso6dash")
}

/// A minimal `moov` for one fragmented track (the checker reads no sample table).
pub fn moov() -> Vec<u8> {
    let mvhd = bx(b"mvhd", &[0; 100]);
    let trex = bx(
        b"trex",
        &[
            0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ],
    );
    let mvex = bx(b"mvex", &trex);
    let trak = bx(b"trak", &bx(b"tkhd", &[0; 84]));
    bx(b"moov", &[mvhd, mvex, trak].concat())
}

/// `moof` (sequence `n`) and `mdat` with `n`-dependent media bytes.
pub fn moof_mdat(n: u32) -> Vec<u8> {
    let mut mfhd = vec![0, 0, 0, 0];
    mfhd.extend(n.to_be_bytes());
    let tfhd = bx(b"tfhd", &[0, 2, 0, 0, 0, 0, 0, 1]);
    let moof = bx(b"moof", &[bx(b"mfhd", &mfhd), bx(b"traf", &tfhd)].concat());
    let media: Vec<u8> = (0..300u32).map(|i| (i * 7 + n * 13) as u8).collect();
    [moof, bx(b"mdat", &media)].concat()
}

/// A Merkle box for leaf `location` with its proof, padded to [`MERKLE_BOX`].
pub fn merkle_box(location: usize, proof: &[Vec<u8>]) -> Vec<u8> {
    merkle_box_for(1, location, proof)
}

/// A Merkle box for leaf `location` of the map with `localId` `local_id`.
pub fn merkle_box_for(local_id: u64, location: usize, proof: &[Vec<u8>]) -> Vec<u8> {
    let mut m = vec![
        (t("uniqueId"), C::U(1)),
        (t("localId"), C::U(local_id)),
        (t("location"), C::U(location as u64)),
    ];
    if !proof.is_empty() {
        m.push((
            t("hashes"),
            C::A(proof.iter().map(|h| C::B(h.clone())).collect()),
        ));
    }
    let mut cbor = enc(&C::M(m));
    let head = c2pa_box("merkle", &[]).len();
    assert!(head + cbor.len() <= MERKLE_BOX);
    cbor.resize(MERKLE_BOX - head, 0);
    c2pa_box("merkle", &cbor)
}

/// The top-level boxes of `file`: (type, offset, bytes).
fn top(file: &[u8]) -> Vec<([u8; 4], u64, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 8 <= file.len() {
        let size = u32::from_be_bytes(file[at..at + 4].try_into().unwrap()) as usize;
        out.push((
            file[at + 4..at + 8].try_into().unwrap(),
            at as u64,
            &file[at..at + size],
        ));
        at += size;
    }
    out
}

/// The v2 BMFF hash of the top-level boxes of `file` that start in `from..to`.
pub fn v2_hash(file: &[u8], from: u64, to: u64) -> Vec<u8> {
    let mut h = Sha256::new();
    for (typ, at, b) in top(file) {
        let excluded =
            &typ == b"ftyp" || &typ == b"mfra" || (&typ == b"uuid" && b[8..24] == C2PA_UUID);
        if at < from || at >= to || excluded {
            continue;
        }
        h.update(at.to_be_bytes());
        h.update(b);
    }
    h.finalize().to_vec()
}

fn node(l: &[u8], r: &[u8]) -> Vec<u8> {
    Sha256::new()
        .chain_update(l)
        .chain_update(r)
        .finalize()
        .to_vec()
}

/// The layers of the tree over `leaves`, leaves first.
pub fn layers(leaves: Vec<Vec<u8>>) -> Vec<Vec<Vec<u8>>> {
    let mut out = vec![leaves];
    while out.last().unwrap().len() > 1 {
        let up = out
            .last()
            .unwrap()
            .chunks(2)
            .map(|p| {
                if p.len() == 2 {
                    node(&p[0], &p[1])
                } else {
                    p[0].clone()
                }
            })
            .collect();
        out.push(up);
    }
    out
}

/// The proof of leaf `i` up to (not including) layer `row`.
pub fn proof(layers: &[Vec<Vec<u8>>], mut i: usize, row: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for layer in &layers[..row] {
        let sib = if i % 2 == 1 {
            Some(i - 1)
        } else {
            Some(i + 1).filter(|s| *s < layer.len())
        };
        if let Some(s) = sib {
            out.push(layer[s].clone());
        }
        i /= 2;
    }
    out
}

/// The exclusions c2pa-rs writes for BMFF: `/ftyp`, C2PA `/uuid` boxes, `/mfra`.
pub fn exclusions() -> C {
    C::A(vec![
        C::M(vec![(t("xpath"), t("/ftyp"))]),
        C::M(vec![
            (t("xpath"), t("/uuid")),
            (
                t("data"),
                C::A(vec![C::M(vec![
                    (t("offset"), C::U(8)),
                    (t("value"), C::B(C2PA_UUID.to_vec())),
                ])]),
            ),
        ]),
        C::M(vec![(t("xpath"), t("/mfra"))]),
    ])
}

/// A `c2pa.hash.bmff.v2` with one Merkle map storing `row` of the tree.
pub fn merkle_assertion(count: usize, init_hash: Option<Vec<u8>>, row: Vec<Vec<u8>>) -> C {
    let mut mm = vec![
        (t("uniqueId"), C::U(1)),
        (t("localId"), C::U(1)),
        (t("count"), C::U(count as u64)),
        (t("alg"), t("sha256")),
        (t("hashes"), C::A(row.into_iter().map(C::B).collect())),
    ];
    if let Some(h) = init_hash {
        mm.push((t("initHash"), C::B(h)));
    }
    C::M(vec![
        (t("exclusions"), exclusions()),
        (t("alg"), t("sha256")),
        (t("merkle"), C::A(vec![C::M(mm)])),
        (t("name"), t("fragmented mp4")),
    ])
}

/// A flat `c2pa.hash.bmff.v2` over a whole file.
pub fn flat_assertion(hash: Vec<u8>) -> C {
    C::M(vec![
        (t("exclusions"), exclusions()),
        (t("alg"), t("sha256")),
        (t("hash"), C::B(hash)),
        (t("name"), t("jumbf manifest")),
    ])
}

/// A store of the manifest boxes `boxes`.
pub fn store(boxes: &[Vec<u8>]) -> Vec<u8> {
    superbox(b"c2pa", "c2pa", boxes)
}

/// The manifest boxes of `ms` in one store.
pub fn store_of(ms: &[Mani]) -> Vec<u8> {
    let boxes: Vec<Vec<u8>> = manifest_boxes(ms).into_iter().map(|(_, b)| b).collect();
    store(&boxes)
}

fn styp() -> Vec<u8> {
    bx(b"styp", b"msdh\0\0\0\0msdhmsix")
}

/// A DASH presentation: an init segment (`ftyp`, `moov`, then the store) and `n` media
/// segments (`styp`, Merkle box, `moof`, `mdat`). The assertion stores row `row` of the tree
/// (0: the leaves, no proofs; higher rows put proofs in the Merkle boxes). `store_for` makes
/// the store from the BMFF hash assertion.
pub fn dash(n: usize, row: usize, store_for: impl Fn(C) -> Vec<u8>) -> (Vec<u8>, Vec<Vec<u8>>) {
    let bodies: Vec<Vec<u8>> = (1..=n).map(|i| moof_mdat(i as u32)).collect();
    let placeholder = merkle_box(0, &[]);
    let leaves = bodies
        .iter()
        .map(|b| {
            v2_hash(
                &[styp(), placeholder.clone(), b.clone()].concat(),
                0,
                u64::MAX,
            )
        })
        .collect();
    let ls = layers(leaves);
    let row = row.min(ls.len() - 1);
    let segs = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| [styp(), merkle_box(i, &proof(&ls, i, row)), b.clone()].concat())
        .collect();
    let head = [ftyp(), moov()].concat();
    let a = merkle_assertion(n, Some(v2_hash(&head, 0, u64::MAX)), ls[row].clone());
    let init = [head, c2pa_box("manifest", &store_for(a))].concat();
    (init, segs)
}

/// One fragmented MP4 holding everything: `ftyp`, `moov`, then per fragment `moof`, `mdat` and
/// its Merkle box, and the store last (a fragment run reaches the next `moof` or the end).
pub fn fragmented(n: usize, row: usize, store_for: impl Fn(C) -> Vec<u8>) -> Vec<u8> {
    let head = [ftyp(), moov()].concat();
    let placeholder = merkle_box(0, &[]);
    let mut body = head.clone();
    let mut runs = Vec::new();
    for i in 1..=n {
        let start = body.len() as u64;
        body.extend(moof_mdat(i as u32));
        body.extend(&placeholder);
        runs.push(start..body.len() as u64);
    }
    let leaves = runs
        .iter()
        .map(|r| v2_hash(&body, r.start, r.end))
        .collect();
    let ls = layers(leaves);
    let row = row.min(ls.len() - 1);
    let mut file = head.clone();
    for i in 0..n {
        file.extend(moof_mdat(i as u32 + 1));
        file.extend(merkle_box(i, &proof(&ls, i, row)));
    }
    let a = merkle_assertion(n, Some(v2_hash(&head, 0, u64::MAX)), ls[row].clone());
    file.extend(c2pa_box("manifest", &store_for(a)));
    file
}

/// A plain MP4 (`ftyp`, `moov`, `mdat`) and its flat v2 hash.
pub fn plain() -> (Vec<u8>, Vec<u8>) {
    let body = [ftyp(), moov(), bx(b"mdat", &[7; 64])].concat();
    let h = v2_hash(&body, 0, u64::MAX);
    (body, h)
}

/// One track of a timed-media file: its id, its chunks, each a list of samples, whether its
/// chunk offsets are 64-bit (`co64`) and whether its `tkhd` is version 1 (64-bit times).
#[derive(Clone)]
pub struct TrackSpec {
    pub id: u32,
    pub chunks: Vec<Vec<Vec<u8>>>,
    pub co64: bool,
    pub tkhd_v1: bool,
}

impl TrackSpec {
    /// `n` chunks of `per` samples; sample `j` of chunk `i` has `len(i, j)` bytes.
    pub fn new(id: u32, n: usize, per: usize, len: impl Fn(usize, usize) -> usize) -> Self {
        let chunks = (0..n)
            .map(|i| {
                (0..per)
                    .map(|j| {
                        (0..len(i, j))
                            .map(|k| (k * 31 + i * 7 + j * 3 + id as usize * 11) as u8)
                            .collect()
                    })
                    .collect()
            })
            .collect();
        TrackSpec {
            id,
            chunks,
            co64: false,
            tkhd_v1: false,
        }
    }

    fn samples(&self) -> impl Iterator<Item = &Vec<u8>> {
        self.chunks.iter().flatten()
    }

    /// The chunk leaves: the SHA-256 of each chunk's samples in order.
    pub fn leaves(&self) -> Vec<Vec<u8>> {
        self.chunks
            .iter()
            .map(|c| Sha256::digest(c.concat()).to_vec())
            .collect()
    }
}

fn full(typ: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    bx(typ, &[&[0, 0, 0, 0], payload].concat())
}

fn be(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_be_bytes()).collect()
}

/// A `trak` for `tr` whose chunks start at `offsets` (ISO/IEC 14496-12 §8.7): `stsc` runs of
/// equal samples-per-chunk, `stsz` fixed when every sample has one size, `stco` or `co64`.
pub fn trak(tr: &TrackSpec, offsets: &[u64]) -> Vec<u8> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for (i, c) in tr.chunks.iter().enumerate() {
        if runs.last().map(|r| r.1) != Some(c.len() as u32) {
            runs.push((i as u32 + 1, c.len() as u32));
        }
    }
    let mut stsc = be(&[runs.len() as u32]);
    for (first, per) in &runs {
        stsc.extend(be(&[*first, *per, 1]));
    }
    let sizes: Vec<u32> = tr.samples().map(|s| s.len() as u32).collect();
    let count = sizes.len() as u32;
    let stsz = if sizes.windows(2).all(|w| w[0] == w[1]) && !sizes.is_empty() {
        be(&[sizes[0], count])
    } else {
        [be(&[0, count]), be(&sizes)].concat()
    };
    let co = if tr.co64 {
        let mut p = be(&[offsets.len() as u32]);
        offsets.iter().for_each(|o| p.extend(o.to_be_bytes()));
        full(b"co64", &p)
    } else {
        let o: Vec<u32> = offsets.iter().map(|o| *o as u32).collect();
        full(b"stco", &[be(&[o.len() as u32]), be(&o)].concat())
    };
    let stsd = full(b"stsd", &[be(&[1]), bx(b"c2pv", &[0; 8])].concat());
    let stts = full(b"stts", &be(&[1, count, 1000]));
    let stbl = bx(
        b"stbl",
        &[stsd, stts, full(b"stsc", &stsc), full(b"stsz", &stsz), co].concat(),
    );
    let minf = bx(b"minf", &[full(b"vmhd", &[0; 8]), stbl].concat());
    let mdhd = full(
        b"mdhd",
        &[vec![0; 8], be(&[1000, 0]), vec![0x55, 0xc4, 0, 0]].concat(),
    );
    let hdlr = full(
        b"hdlr",
        &[vec![0; 4], b"vide".to_vec(), vec![0; 13]].concat(),
    );
    let mdia = bx(b"mdia", &[mdhd, hdlr, minf].concat());
    let tkhd = if tr.tkhd_v1 {
        let mut p = vec![1, 0, 0, 0];
        p.extend([vec![0; 16], be(&[tr.id]), vec![0; 68]].concat());
        bx(b"tkhd", &p)
    } else {
        full(b"tkhd", &[vec![0; 8], be(&[tr.id]), vec![0; 60]].concat())
    };
    bx(b"trak", &[tkhd, mdia].concat())
}

/// A `c2pa.hash.bmff.v2` with one Merkle map per track (`localId` = the track id) storing
/// row `row` of its tree.
pub fn timed_assertion(maps: &[(u64, usize, Vec<Vec<u8>>)]) -> C {
    let maps = maps
        .iter()
        .map(|(local, count, row)| {
            C::M(vec![
                (t("uniqueId"), C::U(1)),
                (t("localId"), C::U(*local)),
                (t("count"), C::U(*count as u64)),
                (t("alg"), t("sha256")),
                (t("hashes"), C::A(row.iter().cloned().map(C::B).collect())),
            ])
        })
        .collect();
    C::M(vec![
        (t("exclusions"), exclusions()),
        (t("alg"), t("sha256")),
        (t("merkle"), C::A(maps)),
        (t("name"), t("timed media")),
    ])
}

/// A plain (unfragmented) MP4 whose binding is a Merkle tree per track over its chunks:
/// `ftyp`, one Merkle box per chunk (track by track), `moov` (`mvhd`, the `trak`s), `mdat`
/// with the chunks interleaved, the store last. `edit` may change the assertion's maps
/// (local id, count, stored row) before signing.
pub fn timed(
    tracks: &[TrackSpec],
    row: usize,
    edit: impl Fn(&mut Vec<(u64, usize, Vec<Vec<u8>>)>),
    store_for: impl Fn(C) -> Vec<u8>,
) -> Vec<u8> {
    let mut maps = Vec::new();
    let mut mboxes = Vec::new();
    for tr in tracks {
        let ls = layers(tr.leaves());
        let row = row.min(ls.len() - 1);
        for i in 0..tr.chunks.len() {
            mboxes.extend(merkle_box_for(tr.id as u64, i, &proof(&ls, i, row)));
        }
        maps.push((tr.id as u64, tr.chunks.len(), ls[row].clone()));
    }
    edit(&mut maps);
    let head = [ftyp(), mboxes].concat();
    let most = tracks.iter().map(|t| t.chunks.len()).max().unwrap_or(0);
    let moov_with = |offsets: &[Vec<u64>]| {
        let traks: Vec<u8> = tracks
            .iter()
            .zip(offsets)
            .flat_map(|(t, o)| trak(t, o))
            .collect();
        bx(b"moov", &[full(b"mvhd", &[0; 96]), traks].concat())
    };
    let zeros: Vec<Vec<u64>> = tracks.iter().map(|t| vec![0; t.chunks.len()]).collect();
    let mut at = (head.len() + moov_with(&zeros).len() + 8) as u64;
    let mut offsets = zeros.clone();
    let mut media = Vec::new();
    for c in 0..most {
        for (tr, offs) in tracks.iter().zip(offsets.iter_mut()) {
            if let Some(chunk) = tr.chunks.get(c) {
                offs[c] = at;
                let bytes = chunk.concat();
                at += bytes.len() as u64;
                media.extend(bytes);
            }
        }
    }
    let file = [head, moov_with(&offsets), bx(b"mdat", &media)].concat();
    let a = timed_assertion(&maps);
    [file, c2pa_box("manifest", &store_for(a))].concat()
}
