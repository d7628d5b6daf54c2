//! The boundary of the text part: the browser's second wasm module (`ailabel_text.wasm`), which
//! holds the text readers of this folder (the disclosure grammar and its data, the hidden-mark
//! and EncypherAI readers, the HTML labels, the `AI-Disclosure` header) and NFC for the C2PA
//! text hash ([`crate::c2pa`]'s `nfc`), so that the core module carries none of them and image
//! checks never load them (docs/DESIGN.md, "The text part").
//!
//! Both sides are this file, built from the same sources: the core calls [`read`] and [`nfc`],
//! which encode a request, hand it to the entry point the browser facade [`install`]ed when it
//! loaded the part, and decode the answer; the part (`src/wasm_text.rs`, built with the
//! `text-module` feature) answers with [`serve`], which runs the very readers native builds
//! run. Before the part is loaded, asking records that it is wanted ([`take_wanted`]): the
//! facade loads it and prepares the input again, as it does for WebCrypto's answers.
//!
//! The part has no crypto: an EncypherAI signature check it meets is answered from the request's
//! list of answers, or listed in the reply as asked (provisionally true, as a pending
//! [`crate::crypto::replay`] answer is); the core then asks its own backend and calls again with
//! the answers, until nothing new is asked. So the core's backend sees the same checks, in the
//! same order, as it does when the readers run in-process.
//!
//! Encoding (integers little-endian): a byte string is a `u32` length then the bytes, a string
//! its UTF-8 as a byte string, an option a `u8` 0 or 1 then the value, a list a `u32` count then
//! the items. A read request: `u8` flags (1: a body, 2: a header), `u8` body kind (0 text, 1
//! HTML), the input, the limits as JSON, the text keys, the header, the answers (key, message,
//! signature, `u8` verified). Its reply: the signals, remote manifests and warnings of the
//! readers' sink, then the asked checks (key, message, signature), then a `u32`: how many of
//! the warnings say that label data went unread over a limit. An NFC request is the text;
//! its reply the NFC form. Every check is Ed25519, the only scheme the text readers use.

use crate::bytes::Reader;
use crate::container::text::decode::decode;
use crate::container::text::html::scan;
use crate::container::text::MANIFEST_URL_KEY;
use crate::container::{Embedded, Location};
use crate::crypto::{Crypto, Digest, Hash, Scheme, SigCheck};
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::signal::{AiKind, Family, Sentence, Signal, Sink, Strength, TextRule};
use std::cell::RefCell;

/// The request kinds of [`serve`].
pub const READ: u32 = 1;
/// NFC of a text.
pub const NFC: u32 = 2;

/// An entry point of a loaded part: the request kind and bytes in, the reply out (`None` when
/// the call failed).
pub type Entry = Box<dyn Fn(u32, &[u8]) -> Option<Vec<u8>>>;

thread_local! {
    static PART: RefCell<Option<Entry>> = const { RefCell::new(None) };
    static WANTED: RefCell<bool> = const { RefCell::new(false) };
}

/// Install the loaded part's entry point (the browser facade, once).
pub fn install(entry: Entry) {
    PART.with(|p| *p.borrow_mut() = Some(entry));
}

/// Whether the part is loaded.
pub fn loaded() -> bool {
    PART.with(|p| p.borrow().is_some())
}

/// Whether a check asked for the part while it was not loaded, since the last call; clears the
/// mark.
pub fn take_wanted() -> bool {
    WANTED.with(|w| std::mem::replace(&mut *w.borrow_mut(), false))
}

/// Whether the part is loaded; records that it is wanted when not.
pub fn ready() -> bool {
    let ok = loaded();
    if !ok {
        WANTED.with(|w| *w.borrow_mut() = true);
    }
    ok
}

fn call(kind: u32, request: &[u8]) -> Option<Vec<u8>> {
    if !ready() {
        return None;
    }
    PART.with(|p| p.borrow().as_ref().and_then(|f| f(kind, request)))
}

/// NFC of `s` through the part; `None` when it is not loaded.
pub fn nfc(s: &str) -> Option<String> {
    String::from_utf8(call(NFC, s.as_bytes())?).ok()
}

// ---- Encoding ----

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len());
    out.extend_from_slice(b);
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    out.push(u8::from(s.is_some()));
    if let Some(s) = s {
        put_bytes(out, s.as_bytes());
    }
}

fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn bytes<'a>(r: &mut Reader<'a>) -> Result<&'a [u8]> {
    let n = r.u32_le("length")?;
    r.take_len(u64::from(n), "bytes")
}

fn string(r: &mut Reader<'_>) -> Result<String> {
    String::from_utf8(bytes(r)?.to_vec()).map_err(|_| Error::malformed("expected UTF-8"))
}

fn opt(r: &mut Reader<'_>) -> Result<Option<String>> {
    Ok(if r.u8("option")? == 0 {
        None
    } else {
        Some(string(r)?)
    })
}

fn list<'a, T>(r: &mut Reader<'a>, item: impl Fn(&mut Reader<'a>) -> Result<T>) -> Result<Vec<T>> {
    let n = r.u32_le("count")?;
    // Each item takes at least one byte.
    if u64::from(n) > crate::bytes::to_u64(r.remaining()) {
        return Err(Error::malformed("expected fewer items"));
    }
    (0..n).map(|_| item(r)).collect()
}

const FAMILIES: [Family; 11] = [
    Family::C2pa,
    Family::Iptc,
    Family::Xmp,
    Family::Exif,
    Family::Generator,
    Family::Tc260,
    Family::TextDisclosure,
    Family::HiddenUnicode,
    Family::Html,
    Family::HttpHeader,
    Family::Watermark,
];
const STRENGTHS: [Strength; 4] = [
    Strength::Verified,
    Strength::Signed,
    Strength::Watermark,
    Strength::Declared,
];
const KINDS: [AiKind; 3] = [AiKind::Generated, AiKind::Edited, AiKind::MayContain];
const RULES: [TextRule; 5] = [
    TextRule::Statement,
    TextRule::Label,
    TextRule::AgentLabel,
    TextRule::Credit,
    TextRule::Hashtag,
];

fn code<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter()
        .position(|x| x == v)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX)
}

fn of<T: Copy>(all: &[T], r: &mut Reader<'_>) -> Result<T> {
    all.get(usize::from(r.u8("variant")?))
        .copied()
        .ok_or_else(|| Error::malformed("expected a known variant"))
}

fn put_signal(out: &mut Vec<u8>, s: &Signal) {
    out.push(code(&FAMILIES, &s.family));
    out.push(code(&STRENGTHS, &s.strength));
    out.push(s.ai.map_or(0, |k| code(&KINDS, &k).saturating_add(1)));
    put_bytes(out, s.value.as_bytes());
    // The source type is the value's classification (the HTML JSON-LD reader's).
    out.push(u8::from(s.source_type.is_some()));
    put_opt(out, s.tool.as_deref());
    put_bytes(out, s.location.container.as_bytes());
    put_bytes(out, s.location.block.as_bytes());
    out.push(u8::from(s.location.offset.is_some()));
    put_u64(out, s.location.offset.unwrap_or_default());
    put_opt(out, s.location.path.as_deref());
    out.push(u8::from(s.sentence.is_some()));
    if let Some(t) = &s.sentence {
        for f in [&t.text, &t.lang, &t.matched, &t.within] {
            put_bytes(out, f.as_bytes());
        }
        out.push(code(&RULES, &t.rule));
        for n in [t.utf16_start, t.utf16_length, t.char_start, t.char_length] {
            put_u64(out, n);
        }
    }
    put_bytes(out, s.explanation.as_bytes());
}

fn signal(r: &mut Reader<'_>) -> Result<Signal> {
    let family = of(&FAMILIES, r)?;
    let strength = of(&STRENGTHS, r)?;
    let ai = match r.u8("ai")? {
        0 => None,
        k => Some(
            *KINDS
                .get(usize::from(k.saturating_sub(1)))
                .ok_or_else(|| Error::malformed("expected an AI kind"))?,
        ),
    };
    let value = string(r)?;
    let source_type = if r.u8("source type")? == 0 {
        None
    } else {
        crate::source_type::classify_source_type(&value)
    };
    let tool = opt(r)?;
    let container = string(r)?;
    let block = string(r)?;
    let has_offset = r.u8("offset")? != 0;
    let offset = r.u64_le("offset")?;
    let path = opt(r)?;
    let sentence = if r.u8("sentence")? == 0 {
        None
    } else {
        let (text, lang, matched, within) = (string(r)?, string(r)?, string(r)?, string(r)?);
        let rule = of(&RULES, r)?;
        Some(Box::new(Sentence {
            text,
            lang,
            rule,
            matched,
            within,
            utf16_start: r.u64_le("offset")?,
            utf16_length: r.u64_le("offset")?,
            char_start: r.u64_le("offset")?,
            char_length: r.u64_le("offset")?,
        }))
    };
    Ok(Signal {
        family,
        strength,
        ai,
        value,
        source_type,
        tool,
        location: Location {
            container,
            block,
            offset: has_offset.then_some(offset),
            path,
        },
        sentence,
        explanation: string(r)?,
    })
}

/// One Ed25519 check: key, message, signature.
type Check = (Vec<u8>, Vec<u8>, Vec<u8>);

fn check(r: &mut Reader<'_>) -> Result<Check> {
    Ok((bytes(r)?.to_vec(), bytes(r)?.to_vec(), bytes(r)?.to_vec()))
}

fn put_check(out: &mut Vec<u8>, c: &Check) {
    put_bytes(out, &c.0);
    put_bytes(out, &c.1);
    put_bytes(out, &c.2);
}

// ---- The core's side ----

/// The text labels of `embedded` and the `AI-Disclosure` header, read by the part into `sink`
/// (what [`super::read`] and [`super::read_ai_disclosure_header`] give in-process). Nothing
/// while the part is not loaded (then it is wanted).
pub fn read(
    input: &[u8],
    embedded: &Embedded<'_>,
    limits: &Limits,
    text_keys: &[String],
    header: Option<&str>,
    crypto: &dyn Crypto,
    sink: &mut Sink,
) {
    // The remote manifest references (HTML `link` elements) need no part.
    for e in embedded.text.iter().filter(|e| e.key == MANIFEST_URL_KEY) {
        sink.push_remote(&e.value);
    }
    let body = embedded.body.as_ref();
    if body.is_none() && header.is_none() {
        return;
    }
    let mut answers: Vec<(Check, bool)> = Vec::new();
    // Each round answers at least one new check; a text has few marks and keys.
    for _ in 0..1024 {
        let mut req = Vec::new();
        req.push(u8::from(body.is_some()) | if header.is_some() { 2 } else { 0 });
        req.push(u8::from(body.is_some_and(|b| b.html.is_some())));
        // The part decodes the body from these bytes. A UTF-8 body without a byte-order mark
        // goes as its text, which decodes to the same body: the input's own bytes, except where
        // the walker changed them (the SVG walker blanks a manifest store's Base64, which the
        // readers would otherwise scan in the part though they skip it in-process).
        let text = body
            .filter(|b| b.encoding == "utf-8" && !b.bom)
            .map_or(input, |b| b.text.as_bytes());
        put_bytes(&mut req, if body.is_some() { text } else { &[] });
        let json = serde_json::to_string(limits).unwrap_or_default();
        put_bytes(&mut req, json.as_bytes());
        put_u32(&mut req, text_keys.len());
        for k in text_keys {
            put_bytes(&mut req, k.as_bytes());
        }
        put_bytes(&mut req, header.unwrap_or_default().as_bytes());
        put_u32(&mut req, answers.len());
        for (c, ok) in &answers {
            put_check(&mut req, c);
            req.push(u8::from(*ok));
        }
        let Some(reply) = call(READ, &req) else {
            if loaded() {
                sink.warnings
                    .push("the text part failed to read the text".to_owned());
            }
            return;
        };
        let (part, asked) = match reply_of(&reply, limits) {
            Ok(r) => r,
            Err(e) => {
                sink.warnings
                    .push(format!("the text part's reply: {}", e.message()));
                return;
            }
        };
        if asked.is_empty() {
            for signal in part.signals {
                sink.push(signal);
            }
            for u in part.remote_manifests {
                sink.push_remote(&u);
            }
            sink.warnings.extend(part.warnings.lines());
            sink.warnings.add_unread(part.warnings.unread());
            return;
        }
        for c in asked {
            let ok = crypto.verify(&SigCheck {
                scheme: Scheme::Ed25519,
                key: &c.0,
                msg: &c.1,
                sig: &c.2,
            });
            answers.push((c, ok));
        }
    }
}

fn reply_of(reply: &[u8], limits: &Limits) -> Result<(Sink, Vec<Check>)> {
    let mut r = Reader::new(reply, "text part reply");
    let mut sink = Sink::new(limits);
    sink.signals = list(&mut r, signal)?;
    sink.remote_manifests = list(&mut r, string)?;
    sink.warnings.extend(list(&mut r, string)?);
    let asked = list(&mut r, check)?;
    sink.warnings
        .add_unread(u64::from(r.u32_le("unread count")?));
    Ok((sink, asked))
}

// ---- The part's side ----

/// The answers a read request carries, and the checks asked that it does not answer.
struct Answers {
    known: Vec<(Check, bool)>,
    asked: RefCell<Vec<Check>>,
}

impl Crypto for Answers {
    fn digest(&self, _: Hash, _: &[&[u8]]) -> Digest {
        // The text readers hash nothing.
        Digest::Pending
    }

    fn verify(&self, c: &SigCheck<'_>) -> bool {
        if c.scheme != Scheme::Ed25519 {
            return false;
        }
        let same = |k: &Check| k.0 == c.key && k.1 == c.msg && k.2 == c.sig;
        if let Some((_, ok)) = self.known.iter().find(|(k, _)| same(k)) {
            return *ok;
        }
        let mut asked = self.asked.borrow_mut();
        if !asked.iter().any(same) {
            asked.push((c.key.to_vec(), c.msg.to_vec(), c.sig.to_vec()));
        }
        true
    }
}

/// Answer a request of `kind` (the part's entry point; [`NFC`] is answered there, by
/// [`crate::c2pa`]'s `nfc`, which this step does not use).
///
/// # Errors
/// When the request is malformed (not one the core wrote).
pub fn serve(kind: u32, request: &[u8]) -> Result<Vec<u8>> {
    if kind != READ {
        return Err(Error::malformed("expected a read request"));
    }
    let mut r = Reader::new(request, "text part request");
    let flags = r.u8("flags")?;
    let html = r.u8("body kind")? != 0;
    let input = bytes(&mut r)?;
    let limits: Limits = serde_json::from_slice(bytes(&mut r)?)
        .map_err(|e| Error::malformed(format!("limits: {e}")))?;
    let keys = list(&mut r, string)?;
    let header = string(&mut r)?;
    let known = list(&mut r, |r| Ok((check(r)?, r.u8("verified")? != 0)))?;
    let crypto = Answers {
        known,
        asked: RefCell::new(Vec::new()),
    };
    let mut sink = Sink::new(&limits);
    if flags & 1 != 0 {
        let mut body = decode(input, &limits)?;
        if html {
            body.html = Some(scan(&body.text));
        }
        let embedded = Embedded {
            body: Some(body),
            ..Embedded::default()
        };
        super::read(&embedded, &limits, &keys, &crypto, &mut sink);
    }
    if flags & 2 != 0 {
        super::read_ai_disclosure_header(&header, &mut sink);
    }
    let mut out = Vec::new();
    put_u32(&mut out, sink.signals.len());
    for s in &sink.signals {
        put_signal(&mut out, s);
    }
    let warnings: Vec<String> = sink.warnings.lines().collect();
    for l in [&sink.remote_manifests, &warnings] {
        put_u32(&mut out, l.len());
        for s in l {
            put_bytes(&mut out, s.as_bytes());
        }
    }
    let asked = crypto.asked.into_inner();
    put_u32(&mut out, asked.len());
    for c in &asked {
        put_check(&mut out, c);
    }
    put_u32(
        &mut out,
        usize::try_from(sink.warnings.unread()).unwrap_or(usize::MAX),
    );
    Ok(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::unwrap_used)]
mod tests;
