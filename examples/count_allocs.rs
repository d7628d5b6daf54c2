//! Counts the heap allocations of checking a file, natively and the way the browser checks it
//! (prepare, then `finish` replayed until it settles, its requests answered by RustCrypto), with
//! a counting global allocator that lives only in this example. Options are the bench's: no
//! trust lists, watermarks off. Measurements: BENCHMARKS.md, "The X.509 reader borrows".
//!
//! ```text
//! cargo run --release --example count_allocs -- FILE [FILE...]
//! ALLOC_SITES=1 cargo run --example count_allocs -- FILE   # also: where, by call site
//! ```
//!
//! `ALLOC_SITES=1` captures a backtrace at every allocation of one native check (`ALLOC_SITES=replay`:
//! of the replayed one) and prints the innermost `ailabel` frames that allocated most (build
//! without `--release`, so that frames are not inlined away).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions,
    missing_docs
)]
// On wasm32 only the empty `main` below is built (the counting needs a native allocator).
#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::HashMap;

struct Counting;

thread_local! {
    static COUNT: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
    static TRACE: Cell<bool> = const { Cell::new(false) };
    static INSIDE: Cell<bool> = const { Cell::new(false) };
    static SITES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    static ANSWERING: Cell<u64> = const { Cell::new(0) };
}

fn note(size: usize) {
    let _ = COUNT.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|b| b.set(b.get() + size as u64));
    if TRACE.try_with(Cell::get).unwrap_or(false) && !INSIDE.try_with(Cell::get).unwrap_or(true) {
        INSIDE.with(|i| i.set(true));
        let bt = std::backtrace::Backtrace::force_capture().to_string();
        SITES.with_borrow_mut(|s| s.push(bt));
        INSIDE.with(|i| i.set(false));
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Allocations (reallocations included) and bytes asked for while `f` runs.
fn counted<T>(f: impl FnOnce() -> T) -> (T, u64, u64) {
    let (c0, b0) = (COUNT.with(Cell::get), BYTES.with(Cell::get));
    let out = f();
    let (c1, b1) = (COUNT.with(Cell::get), BYTES.with(Cell::get));
    (out, c1 - c0, b1 - b0)
}

#[cfg(not(target_arch = "wasm32"))]
fn replayed(bytes: &[u8], options: &ailabel::Options) -> (ailabel::Report, u32) {
    use ailabel::crypto::replay::{Replay, Request};
    use ailabel::crypto::rust::RustCrypto;
    // RustCrypto answering stands in for WebCrypto, which allocates outside wasm: counted apart.
    let answer_with = |r: &Replay<'_>, reqs: Vec<Request>, backend: &RustCrypto| {
        let ((), n, _) = counted(|| ailabel::crypto::replay::answer_with(r, reqs, backend));
        ANSWERING.with(|a| a.set(a.get() + n));
    };
    let format = ailabel::sniff::sniff(bytes);
    let first = Replay::new(vec![bytes]);
    let (prepared, _, _) = first.settle(
        |c| ailabel::prepare(bytes, format, options, c),
        |r, reqs| answer_with(r, reqs, &RustCrypto),
    );
    let replay = Replay::new(prepared.stable_regions());
    let (report, passes, _) = replay.settle(
        |c| prepared.finish(options, c),
        |r, reqs| answer_with(r, reqs, &RustCrypto),
    );
    (report, passes)
}

/// The innermost `ailabel::` frame of a backtrace, and the one that called it.
fn site(bt: &str) -> String {
    let frames: Vec<&str> = bt
        .lines()
        .map(str::trim)
        .filter(|l| l.contains(": ailabel::") || l.contains(": <ailabel::"))
        .map(|l| l.split_once(": ").map_or(l, |(_, f)| f))
        .map(|f| f.rsplit_once("::h").map_or(f, |(n, _)| n))
        .collect();
    match frames.as_slice() {
        [] => "(outside ailabel)".to_string(),
        [one] => (*one).to_string(),
        [a, b, ..] => format!("{a}  <-  {b}"),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    assert!(!files.is_empty(), "usage: count_allocs FILE [FILE...]");
    let options = ailabel::Options {
        watermarks: false,
        ..ailabel::Options::default()
    };
    let sites = std::env::var("ALLOC_SITES").ok();
    for file in &files {
        let bytes = std::fs::read(file).expect("read");
        let (first, n1, b1) = counted(|| ailabel::check(&bytes, &options));
        let (_, n2, b2) = counted(|| ailabel::check(&bytes, &options));
        ANSWERING.with(|a| a.set(0));
        let ((replay, passes), n3, b3) = counted(|| replayed(&bytes, &options));
        let answering = ANSWERING.with(Cell::get);
        assert_eq!(replay.to_json(), first.to_json(), "{file}: replay differs");
        println!(
            "{file}: native first check {n1} allocations ({b1} B), second {n2} ({b2} B); \
             replayed ({passes} passes of finish) {n3} ({b3} B), {answering} of them answering; \
             verdict {}",
            first.verdict.as_str()
        );
        if let Some(which) = &sites {
            TRACE.with(|t| t.set(true));
            if which == "replay" {
                let _ = replayed(&bytes, &options);
            } else {
                let _ = ailabel::check(&bytes, &options);
            }
            TRACE.with(|t| t.set(false));
            let all = SITES.with_borrow_mut(std::mem::take);
            let mut by: HashMap<String, usize> = HashMap::new();
            for bt in &all {
                *by.entry(site(bt)).or_default() += 1;
            }
            let mut by: Vec<_> = by.into_iter().collect();
            by.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            println!("  {} allocations by site:", all.len());
            for (s, n) in by.iter().take(60) {
                println!("  {n:6}  {s}");
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
