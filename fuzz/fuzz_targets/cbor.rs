//! Fuzz target `cbor`: the body is `ailabel::fuzzing::cbor`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::cbor(data));
