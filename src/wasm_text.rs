//! The browser's text part (`ailabel_text.wasm`, this crate built with the `text-module`
//! feature): a plain wasm module, no JavaScript glue, whose three exports carry the requests of
//! [`crate::labels::text::part`] through one buffer in its memory. The core module's facade
//! (`src/wasm/text_data.rs`) instantiates it and calls it as follows:
//! `ailabel_text_buffer(len)` gives the address of room for a request of `len` bytes (0 when
//! that much memory cannot be had), the caller writes the request there,
//! `ailabel_text_call(kind)` answers it ([`part::serve`], or NFC) and returns the reply's length (-1
//! when the request was malformed), and `ailabel_text_reply()` gives the reply's address.

use crate::labels::text::part;
use std::cell::RefCell;

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Room for a request of `len` bytes: its address in this module's memory, or 0.
#[no_mangle]
pub extern "C" fn ailabel_text_buffer(len: usize) -> usize {
    BUFFER.with(|b| {
        let mut b = b.borrow_mut();
        b.clear();
        if b.try_reserve_exact(len).is_err() {
            return 0;
        }
        b.resize(len, 0);
        b.as_mut_ptr().addr()
    })
}

/// Answer the request of `kind` in the buffer; the reply replaces it. Its length, or -1.
#[no_mangle]
pub extern "C" fn ailabel_text_call(kind: u32) -> i32 {
    BUFFER.with(|b| {
        let mut b = b.borrow_mut();
        let reply = if kind == part::NFC {
            std::str::from_utf8(&b)
                .ok()
                .and_then(crate::c2pa::nfc::nfc)
                .map(String::into_bytes)
                .ok_or_else(|| crate::error::Error::malformed("expected UTF-8"))
        } else {
            part::serve(kind, &b)
        };
        match reply {
            Ok(reply) => {
                let n = i32::try_from(reply.len()).unwrap_or(-1);
                *b = reply;
                n
            }
            Err(_) => -1,
        }
    })
}

/// The address of the reply.
#[no_mangle]
pub extern "C" fn ailabel_text_reply() -> usize {
    BUFFER.with(|b| b.borrow_mut().as_mut_ptr().addr())
}
