//! Fuzz target `structured_fields`: the body is `ailabel::fuzzing::structured_fields`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::structured_fields(data));
