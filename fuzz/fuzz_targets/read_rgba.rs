//! Fuzz target `read_rgba`: the body is `ailabel::fuzzing::read_rgba`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::read_rgba(data));
