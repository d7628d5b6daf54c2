//! Fuzz target `walk_mp3`: the body is `ailabel::fuzzing::walk_mp3`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::walk_mp3(data));
