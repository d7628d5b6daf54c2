//! Fuzz target `check`: the body is `ailabel::fuzzing::check`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::check(data));
