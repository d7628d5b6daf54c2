//! Hard bindings (C2PA 2.2 §9.2): the hash that ties a manifest to the asset's bytes. Every hash
//! is computed straight from the input slice, range by range; the file is never copied.

mod bmff_blocks;
mod bmff_boxes;
pub mod bmff_hash;
mod bmff_merkle;
mod bmff_samples;
mod bmff_timed;
mod bmff_tree;
pub use bmff_tree::unreadable_merkle_box;
pub mod box_hash;
pub mod data_hash;

/// One status produced by a binding check: a code and an optional detail.
pub type Status = (&'static str, Option<String>);

/// The labels of hard-binding assertions (§9.2), without any `__N` instance suffix.
pub const HARD_BINDINGS: &[&str] = &[
    "c2pa.hash.data",
    "c2pa.hash.boxes",
    "c2pa.hash.bmff",
    "c2pa.hash.bmff.v2",
    "c2pa.hash.bmff.v3",
    "c2pa.hash.collection.data",
    "c2pa.hash.multi-asset",
];

/// An assertion label without its `__N` instance suffix (§8.3).
pub fn base_label(label: &str) -> &str {
    match label.rsplit_once("__") {
        Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => label,
    }
}
