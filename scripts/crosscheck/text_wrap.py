"""Signed text for the cross-check: c2pa-rs 0.91.3 cannot sign text/plain, so the manifest
store comes from c2pa-rs's data-hashed signing entry point (`c2pa_builder_sign_data_hashed_
embeddable`, called through ctypes with format application/c2pa and no asset: we pass the
hash), and we wrap it ourselves in the unstructured-text wrapper (C2PA 2.3 A.7 / 2.4 A.8):
U+FEFF, then one variation selector per byte of `C2PATXT\\0`, version 1, u32 BE length, store.
The data hash has one exclusion: the wrapper's UTF-8 byte range (2.4 §15.12.1.3).
"""

import ctypes
import hashlib
import json
import struct
import unicodedata

import c2pa
from c2pa import c2pa as _c

_lib = _c._lib
_fn = _lib.c2pa_builder_sign_data_hashed_embeddable
_fn.argtypes = [
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_char_p,
    ctypes.c_char_p,
    ctypes.c_void_p,
    ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),
]
_fn.restype = ctypes.c_int64
_ph = _lib.c2pa_builder_data_hashed_placeholder
_ph.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]
_ph.restype = ctypes.c_int64


def selectors(b):
    """Each byte → one variation selector (A.8): ≤15 → U+FE00+b, else U+E0100+(b−16)."""
    return "".join(chr(0xFE00 + x) if x < 16 else chr(0xE0100 + x - 16) for x in b)


def wrapper(store):
    """The wrapper padded to the deterministic UTF-8 length E = 3 + (13+M)·4 + 6 (c2pa-rs
    `plain_text_io.rs`, FORMATS.md §2.1): a reader ignores bytes after 13+M but the padding is
    part of the excluded range. Padding makes the length independent of the store's bytes,
    so the exclusion can be fixed before signing."""
    w = "\ufeff" + selectors(b"C2PATXT\x00" + b"\x01" + struct.pack(">I", len(store)) + store)
    gap = wrapper_len(len(store)) - len(w.encode())
    r = gap % 3
    return w + selectors(b"\x00" * ((gap - 4 * r) // 3) + b"\x10" * r)


def wrapper_len(store_len):
    return 3 + (13 + store_len) * 4 + 6


def _sign_store(mdef, ctx, signer, start, length, digest):
    b = c2pa.Builder(mdef, context=ctx)
    data_hash = {
        "exclusions": [{"start": start, "length": length}],
        "name": "jumbf manifest",
        "alg": "sha256",
        "hash": list(digest),
        "pad": [],
    }
    out = ctypes.POINTER(ctypes.c_ubyte)()
    # The placeholder adds the hard-binding assertion the signing call then fills in.
    n = _ph(b._handle, signer.reserve_size(), b"application/c2pa", ctypes.byref(out))
    if n < 0:
        raise RuntimeError(f"data_hashed_placeholder failed: {_c._read_native_error()}")
    _lib.c2pa_free(ctypes.cast(out, ctypes.c_void_p))
    out = ctypes.POINTER(ctypes.c_ubyte)()
    n = _fn(b._handle, signer._handle, json.dumps(data_hash).encode(), b"application/c2pa", None, ctypes.byref(out))
    if n < 0:
        raise RuntimeError(f"sign_data_hashed_embeddable failed: {_c._read_native_error()}")
    store = bytes(out[:n])
    _lib.c2pa_free(ctypes.cast(out, ctypes.c_void_p))
    return store


def sign_text(text, mdef, ctx, make_signer):
    """The visible text (NFC) followed by a wrapper whose store binds it."""
    text = unicodedata.normalize("NFC", text)
    body = text.encode()
    digest = hashlib.sha256(body).digest()
    length = wrapper_len(4000)
    for _ in range(3):
        store = _sign_store(mdef, ctx, make_signer(), len(body), length, digest)
        w = wrapper(store).encode()
        if len(w) == length:
            return (text + wrapper(store)).encode()
        length = len(w)
    raise RuntimeError("wrapper length did not settle")
