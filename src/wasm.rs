//! The wasm-bindgen facade (placeholder until the wasm module lands).
