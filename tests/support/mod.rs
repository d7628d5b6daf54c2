//! The test library: byte builders (ASN.1, CBOR, JUMBF, PNG), a test PKI and COSE signer with a
//! test TSA, a C2PA manifest writer (with CAWG identity assertions) and the signed-manifest
//! fixture the C2PA tests share, a small sample of every format, helpers for image labels and
//! watermarks, and the real files of `tests/fixtures`.
#![allow(dead_code)]

pub mod asn1;
pub mod bmff;
pub mod builder;
pub mod cbor;
pub mod differences;
pub mod edges;
pub mod fixtures;
pub mod formats;
pub mod identity;
pub mod images;
pub mod jumbf;
pub mod jxl;
pub mod manifest;
pub mod payloads;
pub mod pki;
pub mod png;
pub mod reference_files;
pub mod resign;
pub mod riff;
pub mod samples;
pub mod signed;
pub mod signer;
#[cfg(feature = "pixels")]
pub mod watermark;
