//! Fuzz target `xmp`: the body is `ailabel::fuzzing::xmp`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::xmp(data));
