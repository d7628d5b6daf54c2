//! Fuzz target `jumbf`: the body is `ailabel::fuzzing::jumbf`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::jumbf(data));
