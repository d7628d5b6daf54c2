//! The deliberate differences from the reference results (`tests/fixtures/reference.json`),
//! shared by the native agreement test (`tests/it/c2pa/agreement.rs`) and the browser one
//! (`tests/wasm.rs`, WebCrypto answering), which must agree on the same list.

/// (file, profile or "*", reason) for each deliberate difference.
pub const DIFFERENCES: &[(&str, &str, &str)] = &[];
