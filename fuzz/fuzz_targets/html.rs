//! Fuzz target `html`: the body is `ailabel::fuzzing::html`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::html(data));
