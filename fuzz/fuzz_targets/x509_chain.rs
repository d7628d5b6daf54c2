//! Fuzz target `x509_chain`: the body is `ailabel::fuzzing::x509_chain`, which the stable replay test
//! (`tests/it/fuzz.rs`) runs too.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ailabel::fuzzing::x509_chain(data));
