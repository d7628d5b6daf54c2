//! Test support: a test PKI, a COSE signer, a test TSA and a C2PA manifest writer.
#![allow(dead_code)]

pub mod asn1;
pub mod builder;
pub mod cbor;
pub mod cose;
pub mod jumbf;
pub mod manifest;
pub mod pki;
