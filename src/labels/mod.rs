//! Third step of the pipeline: read the labels in what the container walk found.
//!
//! Every label reader turns what it finds into [`Signal`](crate::signal::Signal)s: a family, a
//! strength, the value, where it was found and a plain-language sentence on what it proves and
//! what it does not. Readers never decide the verdict; the verdict step (`src/verdict.rs`) does
//! that from all signals together.
//!
//! - [`image`]: unsigned image metadata (IPTC/XMP, EXIF, generator parameters, TC260).
//! - [`text`]: disclosures in text and HTML, hidden Unicode marks, the `AI-Disclosure` header.
//! - C2PA signals come from [`crate::c2pa`], watermark signals from [`crate::watermark`].

pub mod image;
pub mod text;
