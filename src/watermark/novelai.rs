//! NovelAI stealth metadata in the alpha channel, and its Ed25519 `signed_hash`
//! (FORMATS.md §4, "NovelAI stealth LSB" and "NovelAI signature").
//!
//! Stealth layout (`nai_meta.py`): the least significant bit of each alpha value, read
//! column-major (down the first column, then the next), packed MSB first. Bytes 0..15 are the
//! magic `stealth_pngcomp` (gzip payload) or `stealth_pnginfo` (plain payload, the community
//! variant); then a big-endian u32 payload length in bits; then `length / 8` payload bytes. The
//! payload is UTF-8 JSON `{Description, Software, Source, "Generation time", Comment}` where
//! `Comment` is itself JSON text.
//!
//! Signature (`nai_sig.py`): the Comment object's `signed_hash` (base64 Ed25519 signature) is
//! popped; the signed message is the raw RGB bytes of the image (row-major, alpha dropped)
//! followed by the UTF-8 of Python `json.dumps(comment)` without `signed_hash`. It therefore
//! covers the visible pixels and the generation settings in the Comment, and nothing else: not
//! the alpha channel, not Description/Software/Source/Title, not any other metadata.

use super::dwtdct::RgbaView;
use super::pyjson;
use super::rows::{rgb_message, AlphaLsb, PixelRows, Planes};
use crate::container::Location;
use crate::crypto::{Crypto, Scheme, SigCheck};
use crate::limits::Limits;
use crate::signal::{AiKind, Family, Signal, Sink, Strength};
use base64::Engine;

/// NovelAI's published Ed25519 verification key (base64), from `nai_sig.py`.
pub const NOVELAI_KEY_B64: &str = "Y2JcQAOhLwzwSDUJPNgL04nS0Tbqm7cSRc4xk0vRMic=";

/// The NovelAI verification key as bytes.
pub fn novelai_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    if let Ok(v) = base64::engine::general_purpose::STANDARD.decode(NOVELAI_KEY_B64) {
        if let Ok(k) = <[u8; 32]>::try_from(v.as_slice()) {
            key = k;
        }
    }
    key
}

const MAGIC_COMP: &[u8; 15] = b"stealth_pngcomp";
const MAGIC_INFO: &[u8; 15] = b"stealth_pnginfo";

/// What the alpha channel carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stealth {
    /// `stealth_pngcomp` or `stealth_pnginfo`.
    pub magic: &'static str,
    /// The payload text (after gunzip for `stealth_pngcomp`).
    pub text: String,
}

/// The column-major alpha LSB bit stream of an image.
struct AlphaBits<'a> {
    alpha: &'a AlphaLsb,
    next: usize,
    total: usize,
}

impl AlphaBits<'_> {
    fn byte(&mut self) -> Option<u8> {
        if self.total.saturating_sub(self.next) < 8 {
            return None;
        }
        let h = self.alpha.height();
        let mut b = 0u8;
        for _ in 0..8 {
            let (x, y) = (self.next.checked_div(h)?, self.next.checked_rem(h)?);
            b = (b << 1) | self.alpha.get(x, y);
            self.next = self.next.checked_add(1)?;
        }
        Some(b)
    }
}

/// Read stealth metadata from the alpha channel. `Ok(None)` when there is no magic; `Err` with
/// a message when there is one but the payload cannot be read (truncated, over a limit, not
/// gzip, not UTF-8).
pub fn extract(img: RgbaView<'_>, limits: &Limits) -> Result<Option<Stealth>, String> {
    match alpha_of(img) {
        Some(alpha) => extract_bits(&alpha, limits),
        None => Ok(None),
    }
}

/// The alpha bits of `img`; `None` when its buffer does not match its dimensions.
fn alpha_of(mut img: RgbaView<'_>) -> Option<AlphaLsb> {
    let pixels = usize::try_from(img.width)
        .ok()?
        .checked_mul(usize::try_from(img.height).ok()?)?;
    if img.data.len() != pixels.checked_mul(4)? {
        return None;
    }
    Planes::gather(&mut img).ok()?.alpha
}

/// [`extract`] from the alpha bits.
pub fn extract_bits(alpha: &AlphaLsb, limits: &Limits) -> Result<Option<Stealth>, String> {
    let Some(total) = alpha.width().checked_mul(alpha.height()) else {
        return Ok(None);
    };
    if alpha.height() == 0 {
        return Ok(None);
    }
    let mut bits = AlphaBits {
        alpha,
        next: 0,
        total,
    };
    let mut magic = [0u8; 15];
    for (i, slot) in magic.iter_mut().enumerate() {
        match bits.byte() {
            // Stop at the first byte that cannot start either magic: most images end here.
            Some(b) if MAGIC_COMP.get(i) == Some(&b) || MAGIC_INFO.get(i) == Some(&b) => *slot = b,
            _ => return Ok(None),
        }
    }
    let (name, compressed) = if &magic == MAGIC_COMP {
        ("stealth_pngcomp", true)
    } else if &magic == MAGIC_INFO {
        ("stealth_pnginfo", false)
    } else {
        return Ok(None);
    };
    let mut len = [0u8; 4];
    for slot in &mut len {
        *slot = bits.byte().ok_or_else(|| {
            format!("expected a 32-bit payload length after the {name} magic in the alpha channel, but found the end of the image")
        })?;
    }
    let n_bits = u32::from_be_bytes(len);
    let n = usize::try_from(n_bits / 8).map_err(|_| "payload length".to_owned())?;
    if crate::bytes::to_u64(n) > limits.max_metadata_bytes {
        return Err(format!(
            "expected a {name} payload of at most {} bytes (limit max_metadata_bytes), but found a length of {n} bytes",
            limits.max_metadata_bytes
        ));
    }
    let available = total.saturating_sub(bits.next) / 8;
    if n > available {
        return Err(format!(
            "expected {n} {name} payload bytes in the alpha channel, but found only {available}: the payload is truncated"
        ));
    }
    let mut payload = Vec::new();
    payload
        .try_reserve_exact(n)
        .map_err(|_| format!("could not allocate {n} bytes for the {name} payload"))?;
    for _ in 0..n {
        payload.push(bits.byte().ok_or("truncated payload")?);
    }
    let raw = if compressed {
        gunzip(&payload, limits.max_decompressed_bytes)
            .map_err(|e| format!("{e} in the {name} payload"))?
    } else {
        payload
    };
    let text = String::from_utf8(raw).map_err(|e| {
        format!(
            "expected UTF-8 text in the {name} payload, but found an invalid byte at offset {}",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Some(Stealth { magic: name, text }))
}

/// Decompress a gzip member (RFC 1952) with at most `cap` bytes of output.
pub fn gunzip(data: &[u8], cap: u64) -> Result<Vec<u8>, String> {
    let mut r = crate::bytes::Reader::new(data, "gzip member");
    let err = |e: crate::error::Error| e.message().to_owned();
    r.expect(&[0x1f, 0x8b, 0x08], "gzip magic and method")
        .map_err(err)?;
    let flags = r.u8("gzip flags").map_err(err)?;
    r.skip(6, "gzip mtime, xfl and os").map_err(err)?;
    if flags & 0x04 != 0 {
        let n = r.u16_le("gzip extra length").map_err(err)?;
        r.skip(u64::from(n), "gzip extra field").map_err(err)?;
    }
    for bit in [0x08u8, 0x10] {
        if flags & bit != 0 {
            r.until(0, "gzip name or comment").map_err(err)?;
        }
    }
    if flags & 0x02 != 0 {
        r.skip(2, "gzip header crc").map_err(err)?;
    }
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    miniz_oxide::inflate::decompress_to_vec_with_limit(r.rest(), cap).map_err(|e| {
        if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
            format!("expected gzip data that inflates to at most {cap} bytes (limit max_decompressed_bytes), but found more")
        } else {
            "expected a valid deflate stream, but found corrupt data".to_owned()
        }
    })
}

/// How a `signed_hash` checked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigState {
    /// No `signed_hash` in the Comment.
    Absent,
    /// It verifies against the key.
    Valid,
    /// It is present but does not verify (or cannot be decoded).
    Invalid,
}

/// Verify the `signed_hash` of `comment` (the Comment JSON text) over the RGB pixels of `img`
/// with `key`. The pixels are read again only when there is a signature: a row at a time when
/// `crypto` takes the message in pieces ([`Crypto::ed25519_stream`]) and `img` gives its rows in
/// order, else whole ([`rgb_message`]).
pub fn verify(
    crypto: &dyn Crypto,
    img: &mut dyn PixelRows,
    comment: &str,
    key: &[u8; 32],
    limits: &Limits,
) -> SigState {
    let depth = limits.max_depth;
    let Some((mut json, mut sig)) = pyjson::dumps_without(comment, "signed_hash", depth) else {
        return SigState::Absent;
    };
    // nai_sig.py: a Comment that wraps another "Comment" string is unwrapped once.
    if sig.is_none() {
        let inner = crate::limits::json_refused(comment.as_bytes(), "the Comment", limits)
            .is_none()
            .then(|| serde_json::from_slice::<serde_json::Value>(comment.as_bytes()).ok())
            .flatten()
            .and_then(|v| v.get("Comment").and_then(|c| c.as_str()).map(str::to_owned));
        if let Some((j, s)) = inner.and_then(|c| pyjson::dumps_without(&c, "signed_hash", depth)) {
            json = j;
            sig = s;
        }
    }
    let Some(sig) = sig else {
        return SigState::Absent;
    };
    let Ok(sig_bytes) = base64::engine::general_purpose::STANDARD.decode(sig.trim()) else {
        return SigState::Invalid;
    };
    if sig_bytes.len() != 64 {
        return SigState::Invalid;
    }
    // Natively the pixels are hashed row by row, never held whole (they were 48 MiB at 16 Mpx,
    // and a second copy where answers are remembered, `crypto::session`).
    #[cfg(not(target_arch = "wasm32"))]
    if img.in_order() {
        if let Some(mut stream) = crypto.ed25519_stream(key, &sig_bytes) {
            let read = super::rows::rgb_rows(img, &mut |rgb| stream.update(rgb));
            stream.update(json.as_bytes());
            return if read.is_some() && stream.verify() {
                SigState::Valid
            } else {
                SigState::Invalid
            };
        }
    }
    let Some(mut msg) = rgb_message(img, json.len()) else {
        return SigState::Invalid;
    };
    msg.extend_from_slice(json.as_bytes());
    let check = SigCheck {
        scheme: Scheme::Ed25519,
        key,
        msg: &msg,
        sig: &sig_bytes,
    };
    if crypto.verify(&check) {
        SigState::Valid
    } else {
        SigState::Invalid
    }
}

/// What a signature covers, for explanations.
pub const COVERS: &str = "The signature covers the visible pixels (the RGB bytes, not the alpha \
     channel) and the generation settings in the Comment (prompt, seed, sampler, model \
     parameters...), as Python's json.dumps writes them; it does not cover the Description, \
     Software, Source or Title fields, the alpha channel, or any other metadata.";

/// Read the stealth metadata of `img`, verify its signature with `key`, and report.
pub fn read(
    crypto: &dyn Crypto,
    mut img: RgbaView<'_>,
    container: &str,
    key: &[u8; 32],
    limits: &Limits,
    sink: &mut Sink,
) {
    if let Some(alpha) = alpha_of(img) {
        read_bits(crypto, &alpha, &mut img, container, key, limits, sink);
    }
}

/// [`read`] from the alpha bits of `img`, which is read again only to check a signature.
pub fn read_bits(
    crypto: &dyn Crypto,
    alpha: &AlphaLsb,
    img: &mut dyn PixelRows,
    container: &str,
    key: &[u8; 32],
    limits: &Limits,
    sink: &mut Sink,
) {
    let stealth = match extract_bits(alpha, limits) {
        Ok(Some(s)) => s,
        Ok(None) => return,
        Err(e) => {
            sink.warnings.push(e);
            return;
        }
    };
    let location = Location {
        container: container.to_owned(),
        block: format!("alpha LSB {}", stealth.magic),
        offset: None,
        path: None,
    };
    // Parsed only when its tree fits `Limits::max_json_bytes` (590,000 small objects took
    // 396 MiB); the text is still reported.
    let parsed = match crate::limits::json_refused(
        stealth.text.as_bytes(),
        "the stealth metadata",
        limits,
    ) {
        Some(why) => {
            sink.warnings.push(why);
            None
        }
        None => serde_json::from_slice::<serde_json::Value>(stealth.text.as_bytes()).ok(),
    };
    let field = |k: &str| -> Option<String> {
        parsed
            .as_ref()
            .and_then(|v| v.get(k))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let Some(comment) = field("Comment") else {
        // Not NovelAI's JSON: the community extension stores A1111 parameters text.
        let first = stealth.text.lines().next().unwrap_or_default();
        sink.push(Signal {
            family: Family::Generator,
            strength: Strength::Declared,
            ai: Some(AiKind::Generated),
            value: format!("{}: {}", stealth.magic, truncate(first, 200)),
            source_type: None,
            tool: None,
            location,
            sentence: None,
            explanation: format!(
                "Generation parameters are hidden in the alpha channel's lowest bits. {}",
                crate::signal::UNSIGNED_CAVEAT
            ),
        });
        return;
    };
    let software = field("Software").unwrap_or_else(|| "NovelAI".to_owned());
    let source = field("Source").unwrap_or_default();
    let value = format!("{} {software} {source}", stealth.magic)
        .trim_end()
        .to_owned();
    sink.push(Signal {
        family: Family::Generator,
        strength: Strength::Declared,
        ai: Some(AiKind::Generated),
        value: value.clone(),
        source_type: None,
        tool: Some("NovelAI".to_owned()),
        location: location.clone(),
        sentence: None,
        explanation: format!(
            "NovelAI generation metadata is hidden in the alpha channel's lowest bits. {}",
            crate::signal::UNSIGNED_CAVEAT
        ),
    });
    push_signed(crypto, img, &comment, key, limits, value, location, sink);
}

/// Verify a Comment's `signed_hash` and, when there is one, push a signal saying whether it
/// verifies (used for the alpha-channel copy and for a PNG `Comment` text chunk). The metadata
/// itself is reported separately, as unsigned metadata.
#[allow(clippy::too_many_arguments)]
pub fn push_signed(
    crypto: &dyn Crypto,
    img: &mut dyn PixelRows,
    comment: &str,
    key: &[u8; 32],
    limits: &Limits,
    value: String,
    location: Location,
    sink: &mut Sink,
) -> SigState {
    let state = verify(crypto, img, comment, key, limits);
    let (strength, ai, word, explanation) = match state {
        SigState::Absent => return state,
        SigState::Valid => (
            Strength::Verified,
            Some(AiKind::Generated),
            "valid",
            format!(
                "The NovelAI metadata's Ed25519 signed_hash verifies against NovelAI's \
                 published key: strong evidence that NovelAI generated these pixels with these \
                 settings. {COVERS} It holds only while the pixels are unchanged: an edited or \
                 re-encoded copy loses it, and its absence proves nothing."
            ),
        ),
        SigState::Invalid => (
            Strength::Declared,
            None,
            "INVALID",
            "The NovelAI metadata carries a signed_hash that does NOT verify against NovelAI's \
             published key: the pixels or the settings changed after signing, or someone else \
             made it. The metadata beside it is only a claim."
                .to_owned(),
        ),
    };
    sink.push(Signal {
        family: Family::Generator,
        strength,
        ai,
        value: format!("{value}: NovelAI Ed25519 signature {word}"),
        source_type: None,
        tool: Some("NovelAI".to_owned()),
        location,
        sentence: None,
        explanation,
    });
    state
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}
