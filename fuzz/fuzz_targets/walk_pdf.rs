//! Fuzz target `walk_pdf`: the body is `ailabel::fuzzing::walk_pdf`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::walk_pdf(data));
