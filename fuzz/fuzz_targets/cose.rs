//! Fuzz target `cose`: the body is `ailabel::fuzzing::cose`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::cose(data));
