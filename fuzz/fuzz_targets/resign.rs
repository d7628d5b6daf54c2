//! Fuzz target `resign` (structure-aware): the input changes a valid manifest, which is signed
//! again with the test PKI before the check (`tests/support/resign.rs`, replayed on stable by
//! `tests/it/fuzz.rs`).
#![no_main]

#[allow(dead_code, clippy::all)]
#[path = "../../tests/support/mod.rs"]
mod support;

libfuzzer_sys::fuzz_target!(|data: &[u8]| support::resign::run(data));
