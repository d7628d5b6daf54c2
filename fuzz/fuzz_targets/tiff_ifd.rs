//! Fuzz target `tiff_ifd`: the body is `ailabel::fuzzing::tiff_ifd`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::tiff_ifd(data));
