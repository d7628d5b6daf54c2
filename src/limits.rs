//! Every bound the checker enforces on hostile input, in one place.
//!
//! A parser that meets a length, a count or a depth in the input treats it as a claim and checks
//! it against these bounds before acting on it. Going over a bound is an
//! [`Error`](crate::error::Error) of kind
//! [`LimitExceeded`](crate::error::ErrorKind::LimitExceeded), never a panic or an unbounded
//! allocation.

use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::cell::Cell;

/// Bounds on input size, structure and work. The defaults suit a browser tab checking feed
/// images and a newsroom CLI checking camera originals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: u64,
    /// Most boxes, segments, chunks or IFD entries walked in one container.
    pub max_blocks: u32,
    /// Deepest nesting of boxes (BMFF, JUMBF), IFDs or XML elements.
    pub max_depth: u32,
    /// Most output of all the decompressions of one input together (zlib, brotli: PNG text
    /// chunks, PDF object streams, JPEG XL `brob` boxes; a NovelAI watermark's gzip payload has
    /// the same allowance of its own), in bytes, counting output that was produced and then
    /// thrown away. 4 MiB by default: the largest text chunks met in the wild (ComfyUI
    /// workflows, written uncompressed) are a few MB, and what is decompressed must fit in the
    /// memory promise with watermarks off (input + 16 MiB) however many compressed parts the
    /// file has, while the decoder's buffer grows by doubling (up to twice the output). A PDF's
    /// object streams, whose inflated copies are dropped as they are read, have this much each
    /// and four times the input's size in all.
    pub max_decompressed_bytes: u64,
    /// Longest text examined for disclosures, in bytes.
    pub max_text_bytes: u64,
    /// Largest single metadata payload reassembled (XMP, EXIF, a manifest store), in bytes.
    pub max_metadata_bytes: u64,
    /// Largest JPEG Extended XMP packet joined from its segments (XMP Part 3 §1.1.3.1), in
    /// bytes; a larger one is skipped with a warning. 8 MiB by default: joining copies the
    /// packet, and the copy must fit the memory promise with watermarks off (input + 16 MiB)
    /// even when the packet is most of the file.
    pub max_joined_xmp_bytes: u64,
    /// Most memory, beyond the input, that reading one input's C2PA manifest store may take
    /// ([`C2paBudget`]): its copy when it is not read in place (joined from segments, decoded,
    /// decompressed), its JUMBF box tree and every CBOR tree decoded from it (claims,
    /// assertions, signatures, and the file's BMFF `merkle` boxes), each counted as it is made
    /// (a CBOR item 32 bytes, an allocation 16 more), even when it is dropped after use, so
    /// that it bounds the time too. What is not read within it is said in a `general.error`,
    /// which makes the credentials invalid. 8 MiB by default: with the other copies of the input
    /// it must fit the memory promise with watermarks off (input + 16 MiB), and 200 KB of
    /// one-item CBOR arrays decode to 8 MiB, while a real store takes a few hundred KB (a BMFF
    /// hash of 100,000 Merkle leaves 3.2 MB).
    pub max_c2pa_bytes: u64,
    /// Most manifests read from one manifest store: the last ones (the active manifest is the
    /// last, and the manifests of its ingredients come before it). The earlier ones are
    /// skipped, with a warning. c2pa-rs reads them all (`Store::from_jumbf`); each costs its
    /// box tree and a summary in the report (100,000 empty manifests took 70 MiB). 1,000 by
    /// default: real stores hold one to a few dozen.
    pub max_manifests: u32,
    /// Most certificates in one chain; an `x5chain` is read no further.
    pub max_chain_len: u32,
    /// Most assertions in one C2PA manifest: superboxes in its assertion store, and references
    /// in its claim. A manifest store with more in one of its assertion stores cannot be read,
    /// as c2pa-rs refuses one of more than 100,000 (`TooManyAssertions`); a claim listing more
    /// is not read (`claim.cbor.invalid`). 1,000 by default: real manifests have a few dozen,
    /// while every reference is looked up by label among all the assertions and gets a status
    /// entry, so 40,000 took 26 s and 86 MiB. Also the most actions the manifest summaries of
    /// one input list in all (past them only an action that declares more AI than the ones
    /// listed, with a warning): 70,000 actions, a line each, took 87 MiB with their statuses.
    pub max_assertions: u32,
    /// Most signature verifications in one check (a webpki-style budget).
    pub max_signature_checks: u32,
    /// Most pixels decoded for watermark detection, per image. 16 Mpx by default: generators
    /// write a few megapixels at most. PNG is read row by row; a JPEG or WebP decoder may hold
    /// at most 3 bytes for each of these pixels (48 MiB by default, the RGB frame of a 16 Mpx
    /// baseline JPEG), or the image is not decoded. In the browser the same budget decides
    /// what `createImageBitmap` may decode (from the declared size, `watermark::header`), and
    /// the decoded RGBA stays in JavaScript: the wasm reads it a band of rows at a time
    /// (`src/wasm/pixels.rs`), so an image within the budget grows wasm memory by at most its
    /// file size + 8 MiB (about 3 MiB at 16 Mpx: 1 bit a pixel of alpha, `dwtDct`'s band and
    /// votes), not by 4 bytes a pixel; a NovelAI signature, checked over the RGB bytes, is the
    /// exception (README, "Bounds").
    pub max_pixels: u64,
    /// Most pixels decoded at the same time by all threads of the process (native decoding
    /// only): the CLI's workers share it, so a folder of large images costs one budget, not
    /// one per worker. A decode waits until it fits; one alone always fits.
    pub max_pixels_in_flight: u64,
    /// Most bytes of leaf hashes in one Merkle tree rebuilt from the file (BMFF `mdat` blocks:
    /// leaves × digest length). 32 MiB by default, c2pa-rs's `MAX_MERKLE_LEAVES_SIZE`: a
    /// million SHA-256 leaves.
    pub max_merkle_bytes: u64,
    /// Most metadata entries kept from one input: XMP packets, EXIF blocks and text entries
    /// (PNG `tEXt`/`zTXt`/`iTXt`, JPEG `COM`, GIF comments, RIFF/WebP chunks, BMFF items and
    /// boxes, ...) together; C2PA manifest stores apart ([`Self::max_stores`]). Entries after
    /// these are skipped, with one warning. 1,000 by default: generators and editors write a handful (a
    /// ComfyUI PNG two text chunks, a camera JPEG a few APP segments), while each entry costs
    /// the walker and the label readers a few hundred bytes of bookkeeping whatever its size,
    /// so 100,000 tiny `tEXt` chunks (1.5 MB) would otherwise cost 50 MiB, three times the
    /// memory promise with watermarks off (input + 16 MiB).
    pub max_metadata_entries: u32,
    /// Most bytes copied out of one input to join a payload that the format splits or encodes:
    /// GIF sub-blocks, HEIF items of several extents, a JPEG manifest store in APP11 segments,
    /// Base64 in HTML, SVG and text, text decoded from metadata (invalid UTF-8, ISO 8859-1, a
    /// PNG raw profile's hex; a UTF-16 XMP packet may take this much as UTF-8); shared by all of
    /// them (JPEG Extended XMP has
    /// [`Self::max_joined_xmp_bytes`] of its own). 8 MiB by default: the copy must fit the
    /// memory promise with watermarks off (input + 16 MiB) even when the payload is most of a
    /// 20 MB file; manifest stores are rarely over 1 MB.
    pub max_joined_bytes: u64,
    /// Most C2PA manifest stores kept from one input's walk (and never more than
    /// [`Self::max_metadata_entries`]). Stores after these are skipped, with one warning, and
    /// when one was kept the file is reported as holding too many (C2PA 2.2 §15.5.2,
    /// `general.error`: "the file holds N manifest stores where only one is allowed"), as if
    /// all were kept. 16 by default: one store is the rule and a second is already that
    /// finding, while each store kept is parsed and costs its structures. A BMFF file updated
    /// in place carries two stores (`original` and `update`, C2PA 2.2 A.5.3), joined into one:
    /// below 2 it is invalid too.
    pub max_stores: u32,
    /// Most warnings kept from one container walk, and from one input's label readers. Past
    /// it the rest are counted, and the report says how many were not listed in one more line
    /// (summaries of what was skipped are always kept). 100 by default: a hostile file can
    /// have a problem in each of its 100,000 blocks (a bad CRC, a missing trailer), and each
    /// warning costs memory in the walk and a line in the report, while the first few tell
    /// what is wrong.
    pub max_warnings: u32,
    /// Most signals (labels found) kept from one input's label readers and C2PA step. Past it
    /// the rest are dropped, and one warning says so; the watermark detectors' signals (one a
    /// detector at most) come on top. 1,000 by default: a file of a thousand metadata entries,
    /// each naming a generator, would otherwise carry a thousand signals into the report,
    /// while real files have a handful.
    pub max_signals: u32,
    /// Most XML namespace declarations in scope at once, and in one tag, in an XMP packet or
    /// an SVG document. Past it an XMP packet is read no further (what was read before is
    /// kept, with a warning) and an SVG input is refused (`limit-exceeded`). 256 by default:
    /// quick-xml resolves every name by a scan of the declarations in scope, and records all
    /// the declarations of a start tag before it returns the tag (300,000 of them cost 20 MiB
    /// at once and 300,000 steps for each name after it), while real packets and SVG files
    /// declare a few dozen.
    pub max_namespaces: u32,
    /// Most properties kept from one XMP packet by the label readers, of those in the
    /// namespaces they read (all properties still count against [`Self::max_blocks`]). Past
    /// it the rest are not kept, with a warning. 1,000 by default: the readers look at a
    /// handful, while a 16 MB packet of a million `rdf:li` items would otherwise hold a
    /// million strings.
    pub max_xmp_properties: u32,
    /// Most memory one JSON text (generator parameters, a TC260 label, JSON-LD) may take once
    /// parsed into a tree, estimated before parsing by [`json_cost`]; a larger one is not
    /// parsed, with a warning. 8 MiB by default: a parsed object costs a map node (about
    /// 512 bytes) and every value about 64, so 19 MB of tiny objects would take 800 MiB, while
    /// a ComfyUI workflow of a few hundred nodes takes a few hundred KB.
    pub max_json_bytes: u64,
}

/// Fields of one type of [`Limits`] under their serialized names ([`Limits::fields_mut`]).
pub type Fields<'a, T, const N: usize> = [(&'static str, &'a mut T); N];

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input_bytes: 512 * 1024 * 1024,
            max_blocks: 100_000,
            max_depth: 32,
            max_decompressed_bytes: 4 * 1024 * 1024,
            max_text_bytes: 16 * 1024 * 1024,
            max_metadata_bytes: 64 * 1024 * 1024,
            max_joined_xmp_bytes: 8 * 1024 * 1024,
            max_c2pa_bytes: 8 * 1024 * 1024,
            max_manifests: 1_000,
            max_chain_len: 10,
            max_assertions: 1_000,
            max_signature_checks: 256,
            max_pixels: 16 * 1024 * 1024,
            max_pixels_in_flight: 16 * 1024 * 1024,
            max_merkle_bytes: 32 * 1024 * 1024,
            max_metadata_entries: 1_000,
            max_joined_bytes: 8 * 1024 * 1024,
            max_stores: 16,
            max_warnings: 100,
            max_signals: 1_000,
            max_namespaces: 256,
            max_xmp_properties: 1_000,
            max_json_bytes: 8 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// The fields under their serialized (camelCase) names, for a reader that does not go
    /// through serde: the browser's options (`src/wasm/options.rs`), whose serde-wasm-bindgen
    /// deserializer cost the browser module 7 KB brotli. The 64-bit fields, then the 32-bit ones;
    /// the test `fields_are_named_as_serde_names_them` checks the names against serde's.
    pub fn fields_mut(&mut self) -> (Fields<'_, u64, 11>, Fields<'_, u32, 12>) {
        (
            [
                ("maxInputBytes", &mut self.max_input_bytes),
                ("maxDecompressedBytes", &mut self.max_decompressed_bytes),
                ("maxTextBytes", &mut self.max_text_bytes),
                ("maxMetadataBytes", &mut self.max_metadata_bytes),
                ("maxJoinedXmpBytes", &mut self.max_joined_xmp_bytes),
                ("maxPixels", &mut self.max_pixels),
                ("maxPixelsInFlight", &mut self.max_pixels_in_flight),
                ("maxMerkleBytes", &mut self.max_merkle_bytes),
                ("maxJoinedBytes", &mut self.max_joined_bytes),
                ("maxJsonBytes", &mut self.max_json_bytes),
                ("maxC2paBytes", &mut self.max_c2pa_bytes),
            ],
            [
                ("maxBlocks", &mut self.max_blocks),
                ("maxDepth", &mut self.max_depth),
                ("maxManifests", &mut self.max_manifests),
                ("maxChainLen", &mut self.max_chain_len),
                ("maxAssertions", &mut self.max_assertions),
                ("maxSignatureChecks", &mut self.max_signature_checks),
                ("maxMetadataEntries", &mut self.max_metadata_entries),
                ("maxStores", &mut self.max_stores),
                ("maxWarnings", &mut self.max_warnings),
                ("maxSignals", &mut self.max_signals),
                ("maxNamespaces", &mut self.max_namespaces),
                ("maxXmpProperties", &mut self.max_xmp_properties),
            ],
        )
    }

    /// Tiny bounds, for tests that prove a parser honours them.
    pub fn tiny() -> Self {
        Self {
            max_input_bytes: 1024 * 1024,
            max_blocks: 64,
            max_depth: 4,
            max_decompressed_bytes: 4096,
            max_text_bytes: 4096,
            max_metadata_bytes: 64 * 1024,
            max_joined_xmp_bytes: 4096,
            max_c2pa_bytes: 64 * 1024,
            max_manifests: 4,
            max_chain_len: 3,
            max_assertions: 16,
            max_signature_checks: 4,
            max_pixels: 1024 * 1024,
            max_pixels_in_flight: 1024 * 1024,
            max_merkle_bytes: 64 * 1024,
            max_metadata_entries: 16,
            max_joined_bytes: 64 * 1024,
            max_stores: 2,
            max_warnings: 16,
            max_signals: 16,
            max_namespaces: 16,
            max_xmp_properties: 16,
            max_json_bytes: 64 * 1024,
        }
    }
}

/// A count bound of [`Limits`] as a `usize` (all of it on the targets this builds for).
pub fn count(bound: u32) -> usize {
    usize::try_from(bound).unwrap_or(usize::MAX)
}

/// A count of things a walker reads (boxes, frames, objects, IFD entries), held to a limit,
/// usually [`Limits::max_blocks`]: counting past it is [`Error::limit`] naming what is
/// counted, the limit and where. The one place for the check every walker needs.
#[derive(Debug, Clone)]
pub struct Tally {
    seen: u64,
    limit: u64,
    what: &'static str,
}

impl Tally {
    /// Nothing counted yet of `what` (e.g. "box count"), which may reach `limit`.
    pub fn new(limit: u32, what: &'static str) -> Self {
        Self {
            seen: 0,
            limit: u64::from(limit),
            what,
        }
    }

    /// Count one more, read in `at` (for the error).
    pub fn one(&mut self, at: &str) -> Result<(), Error> {
        self.add(1, at)
    }

    /// Count `n` more, read in `at` (for the error).
    pub fn add(&mut self, n: u64, at: &str) -> Result<(), Error> {
        self.seen = self.seen.saturating_add(n);
        if self.seen > self.limit {
            return Err(Error::limit(self.what, self.limit, at));
        }
        Ok(())
    }
}

/// The memory `text` would take parsed as a JSON tree, estimated from its structure without
/// parsing it: its length (the strings are copied), 512 bytes for each object (a map node), 64
/// for each array, member and element, 32 for each string.
pub fn json_cost(text: &[u8]) -> u64 {
    let (mut cost, mut in_str, mut esc) = (crate::bytes::to_u64(text.len()), false, false);
    for &b in text {
        let c = if in_str {
            if esc {
                esc = false;
            } else if b == b'\\' {
                esc = true;
            } else {
                in_str = b != b'"';
            }
            0
        } else {
            match b {
                b'"' => {
                    in_str = true;
                    32
                }
                b'{' => 512,
                b'[' | b',' | b':' => 64,
                _ => 0,
            }
        };
        cost = cost.saturating_add(c);
    }
    cost
}

/// Why `text` (JSON found in `what`) is not parsed: its [`json_cost`] is over
/// [`Limits::max_json_bytes`]. `None` when it may be parsed.
pub fn json_refused(text: &[u8], what: &str, limits: &Limits) -> Option<String> {
    let cost = json_cost(text);
    (cost > limits.max_json_bytes).then(|| {
        format!(
            "the JSON in {what} ({} bytes) would take about {cost} bytes parsed, over the limit \
             of {} (max_json_bytes); not read",
            text.len(),
            limits.max_json_bytes
        )
    })
}

/// What one input's C2PA manifest store has taken of [`Limits::max_c2pa_bytes`], shared through
/// `&` by everything that reads the store (its copy, its JUMBF tree, every CBOR decode).
#[derive(Debug)]
pub struct C2paBudget<'l> {
    /// The input's limits.
    pub limits: &'l Limits,
    used: Cell<u64>,
    refused: Cell<bool>,
}

impl<'l> C2paBudget<'l> {
    /// Nothing taken yet.
    pub fn new(limits: &'l Limits) -> Self {
        Self {
            limits,
            used: Cell::new(0),
            refused: Cell::new(false),
        }
    }

    /// Take `n` bytes for what is read in `at`, or refuse them (taking nothing) when they
    /// would go over the limit.
    pub fn take(&self, n: u64, at: &str) -> Result<(), Error> {
        let used = self.used.get().saturating_add(n);
        if used > self.limits.max_c2pa_bytes {
            self.refused.set(true);
            return Err(Error::limit(
                "C2PA manifest store memory (max_c2pa_bytes)",
                self.limits.max_c2pa_bytes,
                at,
            ));
        }
        self.used.set(used);
        Ok(())
    }

    /// Count `n` bytes already spent (a copy of the store), even past the limit.
    pub fn spend(&self, n: u64) {
        self.used.set(self.used.get().saturating_add(n));
    }

    /// The bytes taken so far.
    pub fn used(&self) -> u64 {
        self.used.get()
    }

    /// Why something was not read, once [`Self::take`] refused something.
    pub fn refusal(&self) -> Option<&'static str> {
        self.refused
            .get()
            .then_some("not all of the manifest store was read: it is over max_c2pa_bytes")
    }
}

/// What is left of one input's decompression allowance ([`Limits::max_decompressed_bytes`]).
/// Every decompression of the input draws on it, so that a file of a thousand compressed parts
/// costs no more time or memory than a file of one.
#[derive(Debug, Clone)]
pub struct Decompression {
    left: u64,
    total: u64,
}

impl Decompression {
    /// The whole allowance of one input.
    pub fn new(limits: &Limits) -> Self {
        Self::of(limits.max_decompressed_bytes)
    }

    /// An allowance of `total` bytes.
    pub fn of(total: u64) -> Self {
        Self { left: total, total }
    }

    /// The most output the next decompression may produce.
    pub fn left(&self) -> u64 {
        self.left
    }

    /// Record `n` bytes of output, kept or not.
    pub fn spend(&mut self, n: u64) {
        self.left = self.left.saturating_sub(n);
    }

    /// Why nothing more is decompressed once [`Self::left`] is 0.
    pub fn spent(&self) -> String {
        format!(
            "not decompressed: the input's allowance of {} bytes (max_decompressed_bytes, shared \
             by all its compressed parts) is spent",
            self.total
        )
    }

    /// Where a decompression that wanted more than `cap` (what was [`Self::left`]) stopped, as
    /// "beyond …" for a message: the limit, and whether earlier parts of the input used some.
    pub fn over(&self, cap: u64) -> String {
        if cap == self.total {
            format!("beyond the limit of {cap} bytes (max_decompressed_bytes)")
        } else {
            format!(
                "beyond the {cap} bytes left of the input's allowance of {} \
                 (max_decompressed_bytes, shared by all its compressed parts)",
                self.total
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each name of [`Limits::fields_mut`] is serde's name of the field it gives, and every
    /// field is there once.
    #[test]
    fn fields_are_named_as_serde_names_them() {
        let mut limits = Limits::default();
        let (wide, narrow) = limits.fields_mut();
        let mut names = Vec::new();
        for (i, (name, f)) in wide.into_iter().enumerate() {
            *f = 1_000_000_000_000 + u64::try_from(i).unwrap();
            names.push(name);
        }
        for (i, (name, f)) in narrow.into_iter().enumerate() {
            *f = 1_000 + u32::try_from(i).unwrap();
            names.push(name);
        }
        let json = serde_json::to_value(&limits).unwrap();
        let object = json.as_object().unwrap();
        assert_eq!(object.len(), names.len());
        let mut again = limits.clone();
        let (wide, narrow) = again.fields_mut();
        for (name, f) in wide {
            assert_eq!(object[name], serde_json::json!(*f), "{name}");
        }
        for (name, f) in narrow {
            assert_eq!(object[name], serde_json::json!(*f), "{name}");
        }
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }

    #[test]
    fn a_tally_allows_its_limit_and_refuses_one_more() {
        let mut t = Tally::new(3, "box count");
        for _ in 0..3 {
            assert!(t.one("BMFF").is_ok());
        }
        let e = t.one("BMFF").unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::LimitExceeded);
        assert_eq!(e.message(), "box count exceeds the limit of 3 in BMFF");
        // Counting many at once, and counts that would overflow.
        let mut t = Tally::new(10, "iloc extent count");
        assert!(t.add(10, "HEIF iloc").is_ok());
        assert!(t.add(1, "HEIF iloc").is_err());
        let mut t = Tally::new(u32::MAX, "frame count");
        assert!(t.add(u64::MAX, "ID3v2").is_err());
        assert!(t.add(u64::MAX, "ID3v2").is_err());
        let mut none = Tally::new(0, "object count");
        assert!(none.add(0, "PDF").is_ok());
        assert!(none.one("PDF").is_err());
    }

    #[test]
    fn the_allowance_is_shared_and_never_goes_below_zero() {
        let limits = Limits {
            max_decompressed_bytes: 100,
            ..Limits::default()
        };
        let mut d = Decompression::new(&limits);
        assert_eq!(d.left(), 100);
        assert!(d.over(100).contains("limit of 100 bytes"));
        d.spend(60);
        assert_eq!(d.left(), 40);
        assert!(d
            .over(40)
            .contains("40 bytes left of the input's allowance of 100"));
        d.spend(60);
        assert_eq!(d.left(), 0);
        assert!(d.spent().contains("allowance of 100 bytes"));
    }
}
