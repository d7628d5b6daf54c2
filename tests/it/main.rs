//! The integration tests, as one test binary: one module per topic, sharing the builders and
//! fixture helpers of `tests/support/`. Real files come from `tests/fixtures/` (see its
//! README.md); tests whose names start with `full_corpus` want the whole research corpus, are
//! ignored by default and run with `AILABEL_CORPUS` set:
//! `cargo test --test it -- --ignored full_corpus`.
// Native only: the browser build is tested by `tests/wasm.rs`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions,
    clippy::single_range_in_vec_init
)]

#[path = "../support/mod.rs"]
mod support;

mod bounds;
mod c2pa;
mod cli;
mod cli_formats;
mod containers;
mod crypto_edges;
mod damage;
mod fuzz;
mod image_labels;
mod limits;
mod sweep;
mod text_labels;
#[cfg(feature = "pixels")]
mod watermark;
