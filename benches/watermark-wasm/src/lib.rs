//! Exports for run.mjs: a buffer to fill with RGBA, and one detection pass over it.
#![allow(missing_docs)]

static mut BUF: Vec<u8> = Vec::new();

/// A buffer of `n` bytes for the caller to fill; returns its address.
#[no_mangle]
pub extern "C" fn buffer(n: usize) -> *mut u8 {
    // SAFETY: single-threaded wasm; run.mjs calls this before `detect`.
    #[allow(static_mut_refs)]
    unsafe {
        BUF = vec![0; n];
        BUF.as_mut_ptr()
    }
}

/// `watermark::read_rgba` over the buffer; returns the number of signals.
#[no_mangle]
pub extern "C" fn detect(width: u32, height: u32) -> u32 {
    let mut sink = ailabel::Sink::default();
    #[allow(static_mut_refs)]
    let data = unsafe { &BUF[..] };
    ailabel::watermark::read_rgba(data, width, height, &ailabel::Options::default(), &mut sink);
    u32::try_from(sink.signals.len()).unwrap_or(u32::MAX)
}
