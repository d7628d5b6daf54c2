//! One check's view of a synchronous backend (native builds): it remembers what it answered, so
//! that the same request costs once per check, and it hashes the input in one pass.
//!
//! - **Signatures.** A check can ask the same question more than once: a time-stamp token or a
//!   certificate chain judged against the official trust lists is judged again against the legacy
//!   list when the first fails (`c2pa/signature.rs`), and chains share certificates. The answer
//!   depends only on the scheme, key, message and signature, so it is remembered for the rest of
//!   the check (at most [`MAX_REMEMBERED`] answers, of messages up to [`MAX_REMEMBERED_MSG`]).
//!   Budget accounting is the caller's and unchanged: a remembered answer still spends its unit
//!   (`x509::Budget`).
//! - **The input's digests.** The report's `input.sha256` and a data hash (the input minus its
//!   exclusions, `c2pa/binding/data_hash.rs`) are different digests, but both read the input:
//!   when the data hash is asked for first, one walk over the input in [`CHUNK`]-byte pieces
//!   feeds both hashers while each piece is in cache, and the whole-input SHA-256 is kept for
//!   `input.sha256`. A data hash without exclusions is the same request as `input.sha256` and
//!   is hashed once.
//!
//! The browser does not use this: its backend answers later, through `crypto::replay`, which
//! already asks each distinct request once.

use super::rust::Running;
use super::{Crypto, Digest, Hash, Scheme, SigCheck};
use std::cell::RefCell;

/// The most signature answers remembered in one check (each holds a copy of its request).
pub const MAX_REMEMBERED: usize = 512;

/// The longest message whose answer is remembered: a copy of NovelAI's RGB message (48 MiB
/// at 16 Mpx, checked once) doubled what it took.
pub const MAX_REMEMBERED_MSG: usize = 1 << 20;

/// The piece of the input hashed into both digests at a time: well inside a core's L2 cache.
pub const CHUNK: usize = 64 * 1024;

struct Answer {
    scheme: Scheme,
    key: Vec<u8>,
    sig: Vec<u8>,
    msg: Vec<u8>,
    ok: bool,
}

/// A backend `C` for the checks of one input.
pub struct Session<'i, C> {
    inner: C,
    input: &'i [u8],
    /// True when the input's SHA-256 will be asked for (the report's `input.sha256`), so that
    /// an input digest may compute it on the way.
    whole_wanted: bool,
    whole: RefCell<Option<Vec<u8>>>,
    answers: RefCell<Vec<Answer>>,
}

impl<C> std::fmt::Debug for Session<'_, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("input_len", &self.input.len())
            .field("whole_known", &self.whole.borrow().is_some())
            .field("answers", &self.answers.borrow().len())
            .finish()
    }
}

impl<'i, C: Crypto> Session<'i, C> {
    /// A session for checking `input` whose SHA-256 will be asked for (`input.sha256`).
    pub fn for_input(inner: C, input: &'i [u8]) -> Session<'i, C> {
        Session {
            inner,
            input,
            whole_wanted: true,
            whole: RefCell::new(None),
            answers: RefCell::new(Vec::new()),
        }
    }

    /// The same session, told whether the input's SHA-256 will be asked for after all: when
    /// not, a data hash is not fed into a second hasher for it.
    pub fn wanting_whole(mut self, wanted: bool) -> Self {
        self.whole_wanted = wanted;
        self
    }

    /// A session that only remembers signature answers.
    pub fn new(inner: C) -> Session<'static, C> {
        Session {
            inner,
            input: &[],
            whole_wanted: false,
            whole: RefCell::new(None),
            answers: RefCell::new(Vec::new()),
        }
    }

    /// Where `part` lies in the input, if it is a slice of it.
    fn offset(&self, part: &[u8]) -> Option<usize> {
        let start = part
            .as_ptr()
            .addr()
            .checked_sub(self.input.as_ptr().addr())?;
        (start.checked_add(part.len())? <= self.input.len()).then_some(start)
    }

    /// The ranges of `parts` in the input, if every part is a slice of it and they come in
    /// order without overlapping.
    fn ranges(&self, parts: &[&[u8]]) -> Option<Vec<(usize, usize)>> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for p in parts {
            let s = self.offset(p)?;
            let e = s.checked_add(p.len())?;
            if out.last().is_some_and(|(_, prev_end)| s < *prev_end) {
                return None;
            }
            out.push((s, e));
        }
        Some(out)
    }

    /// `hash` over the input's `ranges` and SHA-256 over the whole input, in one walk.
    fn both(&self, hash: Hash, ranges: &[(usize, usize)]) -> Option<(Vec<u8>, Vec<u8>)> {
        let mut whole = Running::new(Hash::Sha256);
        let mut part = Running::new(hash);
        let mut next = ranges.iter().peekable();
        for (i, chunk) in self.input.chunks(CHUNK).enumerate() {
            let c_start = i.checked_mul(CHUNK)?;
            let c_end = c_start.checked_add(chunk.len())?;
            whole.update(chunk);
            while let Some(&&(s, e)) = next.peek() {
                if s >= c_end {
                    break;
                }
                let from = s.max(c_start).checked_sub(c_start)?;
                let to = e.min(c_end).checked_sub(c_start)?;
                part.update(chunk.get(from..to)?);
                if e > c_end {
                    break;
                }
                next.next();
            }
        }
        Some((part.finish(), whole.finish()))
    }
}

impl<C: Crypto> Crypto for Session<'_, C> {
    fn digest(&self, hash: Hash, parts: &[&[u8]]) -> Digest {
        let is_whole = hash == Hash::Sha256
            && matches!(parts, [p] if p.as_ptr() == self.input.as_ptr() && p.len() == self.input.len());
        if is_whole {
            if let Some(d) = self.whole.borrow().as_ref() {
                return Digest::Known(d.clone());
            }
            let d = self.inner.digest(hash, parts);
            if let Digest::Known(k) = &d {
                *self.whole.borrow_mut() = Some(k.clone());
            }
            return d;
        }
        let fresh = self.whole_wanted && self.whole.borrow().is_none() && !self.input.is_empty();
        if let Some((part, whole)) = fresh
            .then(|| self.ranges(parts))
            .flatten()
            .and_then(|r| self.both(hash, &r))
        {
            *self.whole.borrow_mut() = Some(whole);
            return Digest::Known(part);
        }
        self.inner.digest(hash, parts)
    }

    fn verify(&self, c: &SigCheck<'_>) -> bool {
        let known = self.answers.borrow().iter().find_map(|a| {
            (a.scheme == c.scheme && a.key == c.key && a.sig == c.sig && a.msg == c.msg)
                .then_some(a.ok)
        });
        if let Some(ok) = known {
            return ok;
        }
        let ok = self.inner.verify(c);
        let mut answers = self.answers.borrow_mut();
        if answers.len() < MAX_REMEMBERED && c.msg.len() <= MAX_REMEMBERED_MSG {
            answers.push(Answer {
                scheme: c.scheme,
                key: c.key.to_vec(),
                sig: c.sig.to_vec(),
                msg: c.msg.to_vec(),
                ok,
            });
        }
        ok
    }

    /// Not remembered: a streamed message is never held.
    fn ed25519_stream(&self, key: &[u8], sig: &[u8]) -> Option<super::rust::Ed25519Stream> {
        self.inner.ed25519_stream(key, sig)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::rust::RustCrypto;
    use std::cell::Cell;

    /// RustCrypto, counting the signature checks that reach it.
    #[derive(Default)]
    struct Counting(Cell<u32>);

    impl Crypto for &Counting {
        fn digest(&self, hash: Hash, parts: &[&[u8]]) -> Digest {
            RustCrypto.digest(hash, parts)
        }
        fn verify(&self, c: &SigCheck<'_>) -> bool {
            self.0.set(self.0.get() + 1);
            RustCrypto.verify(c)
        }
    }

    fn sha(parts: &[&[u8]]) -> Vec<u8> {
        RustCrypto
            .digest(Hash::Sha256, parts)
            .known()
            .unwrap()
            .to_vec()
    }

    #[test]
    fn one_walk_gives_both_digests() {
        // Longer than two chunks, with exclusions across chunk boundaries.
        let input: Vec<u8> = (0..(2 * CHUNK + 1000))
            .map(|i| u8::try_from(i % 251).unwrap())
            .collect();
        let kept = [
            &input[..10],
            &input[100..CHUNK + 7],
            &input[CHUNK + 7..CHUNK + 9],
            &input[2 * CHUNK - 3..],
        ];
        for hash in [Hash::Sha256, Hash::Sha384] {
            let s = Session::for_input(RustCrypto, &input);
            let got = s.digest(hash, &kept);
            assert_eq!(got, RustCrypto.digest(hash, &kept));
            assert_eq!(*s.whole.borrow(), Some(sha(&[&input])));
            assert_eq!(
                s.digest(Hash::Sha256, &[&input]).known(),
                Some(&sha(&[&input])[..])
            );
        }
        // Parts out of order, or not from the input, are hashed as they come.
        let s = Session::for_input(RustCrypto, &input);
        let back = [&input[500..600], &input[..10]];
        assert_eq!(s.digest(Hash::Sha256, &back).known(), Some(&sha(&back)[..]));
        let other = [1u8; 10];
        let mixed = [&input[..10], &other[..]];
        assert_eq!(
            s.digest(Hash::Sha256, &mixed).known(),
            Some(&sha(&mixed)[..])
        );
        assert!(s.whole.borrow().is_none());
        // An empty part list, and a session that does not want the whole digest.
        assert_eq!(s.digest(Hash::Sha256, &[]).known(), Some(&sha(&[])[..]));
        let s = Session::new(RustCrypto);
        assert_eq!(s.digest(Hash::Sha256, &kept).known(), Some(&sha(&kept)[..]));
    }

    #[test]
    fn a_repeated_signature_check_is_answered_once() {
        let sk = ed25519_dalek::SigningKey::from_bytes(&[3u8; 32]);
        let msg = b"claim".to_vec();
        let sig = ed25519_dalek::Signer::sign(&sk, &msg).to_bytes();
        let key = sk.verifying_key().to_bytes();
        let counting = Counting::default();
        let s = Session::new(&counting);
        let check = |msg: &[u8]| {
            s.verify(&SigCheck {
                scheme: Scheme::Ed25519,
                key: &key,
                msg,
                sig: &sig,
            })
        };
        assert!(check(&msg));
        assert!(check(&msg));
        assert_eq!(counting.0.get(), 1);
        assert!(!check(b"other"));
        assert!(!check(b"other"));
        assert_eq!(counting.0.get(), 2);
        // A message over MAX_REMEMBERED_MSG is not copied to be remembered: asked again, it is
        // checked again.
        let big = vec![7u8; MAX_REMEMBERED_MSG + 1];
        let sig = ed25519_dalek::Signer::sign(&sk, &big).to_bytes();
        for _ in 0..2 {
            assert!(s.verify(&SigCheck {
                scheme: Scheme::Ed25519,
                key: &key,
                msg: &big,
                sig: &sig,
            }));
        }
        assert_eq!(counting.0.get(), 4);
        assert_eq!(s.answers.borrow().len(), 2);
    }
}
