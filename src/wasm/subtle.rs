//! The browser's crypto backend: answers a [`Replay`]'s recorded requests with WebCrypto
//! (`crypto.subtle`), all of a pass's requests in flight at once.
//!
//! - Digests: one part is hashed from a view of wasm memory, so the input is not copied by us
//!   (WebCrypto copies what it is given, W3C Web Cryptography API §14.3.5 "get a copy of the
//!   bytes"); two parts of one region around a gap (a data hash around the manifest store) are
//!   made contiguous in place for the call (`digest_around`); other several parts are first
//!   gathered into one JS buffer, the one copy WebCrypto's single-shot `digest` needs.
//! - Signatures: `importKey` (raw EC points and Ed25519 keys; RSA keys wrapped as an
//!   `rsaEncryption` SubjectPublicKeyInfo), then `verify`. ECDSA signatures arrive as IEEE
//!   P1363 already (`crypto::ecdsa_p1363`). Imported keys are kept for the whole check.
//!
//! A request WebCrypto refuses (a key it cannot import, an algorithm it lacks) is answered
//! "does not verify", and the name of an algorithm the browser lacks is kept so that the report
//! can say so.

use crate::crypto::replay::{Answer, Part, Replay, Request};
use crate::crypto::{rsa_spki, Scheme};
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = digest, catch)]
    fn subtle_digest(alg: &str, data: &Uint8Array) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = importKey, catch)]
    fn subtle_import_key(
        format: &str,
        key: &Uint8Array,
        alg: &Object,
        extractable: bool,
        usages: &Array,
    ) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = verify, catch)]
    fn subtle_verify(
        alg: &Object,
        key: &JsValue,
        sig: &Uint8Array,
        data: &Uint8Array,
    ) -> Result<Promise, JsValue>;
}

/// Keys imported during one check, by scheme and key bits; `None` when the import failed.
#[derive(Default)]
pub struct Keys {
    imported: HashMap<(Scheme, Vec<u8>), Option<JsValue>>,
    /// WebCrypto algorithm names the browser said it does not support.
    pub unsupported: Vec<String>,
}

/// A view of wasm memory over `bytes`. Valid until wasm memory grows: hand it to a call that
/// copies it (as every WebCrypto call does) before allocating anything.
fn view(bytes: &[u8]) -> Uint8Array {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let offset = u32::try_from(bytes.as_ptr().addr()).unwrap_or(0);
    let len = u32::try_from(bytes.len()).unwrap_or(0);
    Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), offset, len)
}

fn set(o: &Object, k: &str, v: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), v);
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        set(&o, k, v);
    }
    o
}

/// `importKey` format, key data and algorithm for a scheme.
fn import_params(scheme: Scheme, key: &[u8]) -> Option<(&'static str, Vec<u8>, Object)> {
    let s = |v: &str| JsValue::from_str(v);
    Some(match scheme {
        Scheme::Ecdsa { curve, .. } => (
            "raw",
            key.to_vec(),
            object(&[("name", s("ECDSA")), ("namedCurve", s(curve.web_name()))]),
        ),
        Scheme::RsaPkcs1 { hash } => (
            "spki",
            rsa_spki(key)?,
            object(&[
                ("name", s("RSASSA-PKCS1-v1_5")),
                ("hash", s(hash.web_name())),
            ]),
        ),
        Scheme::RsaPss { hash, .. } => (
            "spki",
            rsa_spki(key)?,
            object(&[("name", s("RSA-PSS")), ("hash", s(hash.web_name()))]),
        ),
        Scheme::Ed25519 => ("raw", key.to_vec(), object(&[("name", s("Ed25519"))])),
    })
}

/// The `verify` algorithm for a scheme.
fn verify_params(scheme: Scheme) -> Object {
    let s = |v: &str| JsValue::from_str(v);
    match scheme {
        Scheme::Ecdsa { hash, .. } => object(&[("name", s("ECDSA")), ("hash", s(hash.web_name()))]),
        Scheme::RsaPkcs1 { .. } => object(&[("name", s("RSASSA-PKCS1-v1_5"))]),
        Scheme::RsaPss { salt, .. } => {
            object(&[("name", s("RSA-PSS")), ("saltLength", JsValue::from(salt))])
        }
        Scheme::Ed25519 => object(&[("name", s("Ed25519"))]),
    }
}

/// The settled results of `promises` (`Promise.allSettled`): `Ok(value)` or `Err(reason)`.
async fn settle(promises: &Array) -> Vec<Result<JsValue, JsValue>> {
    let all = Promise::all_settled(promises);
    let Ok(results) = JsFuture::from(all).await else {
        return Vec::new();
    };
    let results: Array = results.unchecked_into();
    results
        .iter()
        .map(|r| {
            let get = |k: &str| Reflect::get(&r, &JsValue::from_str(k)).unwrap_or_default();
            if get("status").as_string().as_deref() == Some("fulfilled") {
                Ok(get("value"))
            } else {
                Err(get("reason"))
            }
        })
        .collect()
}

/// The digest promise for a request's parts.
fn digest(replay: &Replay<'_>, alg: &str, parts: &[Part]) -> Result<Promise, JsValue> {
    if let [one] = parts {
        // No allocation between making the view and WebCrypto copying it.
        return subtle_digest(alg, &view(replay.bytes(one)));
    }
    if let [p @ Part::Stable { region: r, .. }, q @ Part::Stable { region: s, .. }] = parts {
        if r == s {
            if let Some(promise) = digest_around(alg, replay.bytes(p), replay.bytes(q)) {
                return promise;
            }
        }
    }
    let total: usize = parts.iter().map(|p| replay.bytes(p).len()).sum();
    let buf = Uint8Array::new_with_length(u32::try_from(total).unwrap_or(0));
    let mut at = 0u32;
    for p in parts {
        let b = replay.bytes(p);
        let len = u32::try_from(b.len()).unwrap_or(0);
        buf.set(&view(b), at);
        at = at.saturating_add(len);
    }
    subtle_digest(alg, &buf)
}

/// The digest of `a` then `b`, two ranges of one region with a gap between them (a data hash:
/// the input on either side of the manifest store), without gathering them into a new buffer
/// (a copy of nearly the whole file, into fresh memory): `a` is copied, inside wasm memory, to
/// the end of the gap, so that it runs on into `b`; those contiguous bytes go to `digest`, which
/// copies them before it returns; the gap's bytes are put back. No Rust code runs in between, so
/// the bytes are as they were whenever Rust reads them. `None` when `a` is longer than the gap
/// (the store is usually the larger: it follows a JPEG's Exif, a PNG's header chunks).
fn digest_around(alg: &str, a: &[u8], b: &[u8]) -> Option<Result<Promise, JsValue>> {
    let a0 = u32::try_from(a.as_ptr().addr()).ok()?;
    let b0 = u32::try_from(b.as_ptr().addr()).ok()?;
    let n = u32::try_from(a.len()).ok()?;
    let b1 = b0.checked_add(u32::try_from(b.len()).ok()?)?;
    let a1 = a0.checked_add(n)?;
    // Where `a` goes: the end of the gap, which must be at least as long as `a`.
    let to = b0.checked_sub(n).filter(|&t| t >= a1)?;
    let i = |x: u32| i32::try_from(x).ok();
    let (to_i, a0_i, a1_i) = (i(to)?, i(a0)?, i(a1)?);
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let m = Uint8Array::new(&memory.buffer());
    let kept = m.slice(to, b0);
    m.copy_within(to_i, a0_i, a1_i);
    let promise = subtle_digest(alg, &m.subarray(to, b1));
    m.set(&kept, to);
    Some(promise)
}

/// Answer `requests` into `replay` with WebCrypto.
pub async fn answer(replay: &Replay<'_>, requests: Vec<Request>, keys: &mut Keys) {
    // Start every digest and every key import not done yet.
    let mut digests: Vec<(Request, Promise)> = Vec::new();
    let mut verifies: Vec<Request> = Vec::new();
    let mut to_import: Vec<(Scheme, Vec<u8>)> = Vec::new();
    let imports = Array::new();
    for r in requests {
        match &r {
            Request::Digest { hash, parts } => match digest(replay, hash.web_name(), parts) {
                Ok(p) => digests.push((r, p)),
                Err(_) => continue,
            },
            Request::Verify { scheme, key, .. } => {
                let id = (import_scheme(*scheme), key.clone());
                if !keys.imported.contains_key(&id) && !to_import.contains(&id) {
                    let promise = import_params(*scheme, key).and_then(|(format, data, alg)| {
                        let usages = Array::of1(&JsValue::from_str("verify"));
                        subtle_import_key(
                            format,
                            &Uint8Array::from(data.as_slice()),
                            &alg,
                            false,
                            &usages,
                        )
                        .ok()
                    });
                    imports.push(&promise.map_or(JsValue::NULL, JsValue::from));
                    to_import.push(id);
                }
                verifies.push(r);
            }
        }
    }
    for (id, result) in to_import.into_iter().zip(settle(&imports).await) {
        let key = match result {
            Ok(k) if !k.is_null() => Some(k),
            Ok(_) => None,
            Err(e) => {
                let name = Reflect::get(&e, &JsValue::from_str("name"))
                    .ok()
                    .and_then(|n| n.as_string());
                if name.as_deref() == Some("NotSupportedError") {
                    let alg = format!("{:?}", id.0);
                    if !keys.unsupported.contains(&alg) {
                        keys.unsupported.push(alg);
                    }
                }
                None
            }
        };
        keys.imported.insert(id, key);
    }
    // Every signature check, then wait for those and the digests together.
    let pending = Array::new();
    let mut checks: Vec<(Request, bool)> = Vec::new();
    for r in verifies {
        let Request::Verify {
            scheme,
            key,
            msg,
            sig,
        } = &r
        else {
            continue;
        };
        let id = (import_scheme(*scheme), key.clone());
        let promise = keys
            .imported
            .get(&id)
            .and_then(Option::as_ref)
            .and_then(|k| {
                subtle_verify(
                    &verify_params(*scheme),
                    k,
                    &Uint8Array::from(sig.as_slice()),
                    &Uint8Array::from(msg.as_slice()),
                )
                .ok()
            });
        match promise {
            Some(p) => {
                pending.push(&p);
                checks.push((r, true));
            }
            None => checks.push((r, false)),
        }
    }
    let verified = settle(&pending).await;
    let digest_list = Array::new();
    for (_, p) in &digests {
        digest_list.push(p);
    }
    let digested = settle(&digest_list).await;
    let mut verified = verified.into_iter();
    for (r, started) in checks {
        let ok = started
            && verified
                .next()
                .and_then(Result::ok)
                .is_some_and(|v| v.as_bool() == Some(true));
        replay.answer(r, Answer::Verified(ok));
    }
    for ((r, _), result) in digests.into_iter().zip(digested) {
        if let Ok(buf) = result {
            replay.answer(r, Answer::Digest(Uint8Array::new(&buf).to_vec()));
        }
    }
}

/// The part of a scheme a key is imported for: the hash matters for RSA keys (WebCrypto binds
/// it at import), not for ECDSA or Ed25519, nor the PSS salt (a `verify` parameter).
fn import_scheme(s: Scheme) -> Scheme {
    match s {
        Scheme::Ecdsa { curve, .. } => Scheme::Ecdsa {
            curve,
            hash: crate::crypto::Hash::Sha256,
        },
        Scheme::RsaPss { hash, .. } => Scheme::RsaPss { hash, salt: 0 },
        other => other,
    }
}
