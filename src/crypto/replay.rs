//! Sans-I/O verification for a backend that answers later (WebCrypto): record, answer, replay.
//!
//! A pass runs the ordinary synchronous verifier with a [`Replay`] as its [`Crypto`]. A request
//! answered in an earlier pass gets its real answer; a new one is recorded and gets a
//! provisional answer (a digest that matches, a signature that verifies: the path a valid file
//! takes, so that one pass usually collects everything). The caller answers the recorded
//! requests, all at once, and runs the next pass. A pass that records nothing used real
//! answers only, so its result is exactly what a synchronous backend with the same answers
//! gives: the decisions and status codes are made by the same code either way.
//!
//! It ends: the verifier is deterministic given its answers, so each pass follows the real
//! run until the first request not yet answered, and records it. Every pass therefore answers
//! at least one more request of the real run, and the real run makes a bounded number of them
//! (signature checks spend from `Limits::max_signature_checks`; digests follow the parsed
//! structure). Files seen so far take two passes, three when a signature or digest fails.
//!
//! Requests are their own cache keys. A slice inside one of the *stable regions* (the input
//! and the manifest store, immutable for the whole check) is keyed by its position, so the
//! file is never copied; any other data (certificates, to-be-signed structures) is small and
//! is keyed by its bytes.

use super::{Crypto, Digest, Hash, Scheme, SigCheck};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// The most passes [`Replay::settle`] runs; the bound argued above is far below it for real
/// files, so reaching it means a bug, reported by `settle`'s flag.
pub const MAX_PASSES: u32 = 64;

/// Bytes of a request: a range of a stable region, or a copy.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Part {
    /// `len` bytes at `start` of stable region `region`.
    Stable {
        /// Index into the regions given to [`Replay::new`].
        region: usize,
        /// Offset in the region.
        start: usize,
        /// Length.
        len: usize,
    },
    /// A copy.
    Bytes(Vec<u8>),
}

/// One request a pass could not answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Request {
    /// The digest of the concatenated parts.
    Digest {
        /// The hash.
        hash: Hash,
        /// The parts, in order.
        parts: Vec<Part>,
    },
    /// A signature check (see [`SigCheck`]).
    Verify {
        /// The scheme.
        scheme: Scheme,
        /// The public key bits.
        key: Vec<u8>,
        /// The message.
        msg: Vec<u8>,
        /// The signature.
        sig: Vec<u8>,
    },
}

/// The answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A digest.
    Digest(Vec<u8>),
    /// Whether a signature verified.
    Verified(bool),
}

/// A [`Crypto`] that answers from what it was told and records what it was not.
#[derive(Debug)]
pub struct Replay<'r> {
    regions: Vec<&'r [u8]>,
    answers: RefCell<HashMap<Request, Answer>>,
    pending: RefCell<Vec<Request>>,
    seen: RefCell<HashSet<Request>>,
}

impl<'r> Replay<'r> {
    /// A replay whose stable regions are `regions` (slices that stay put and unchanged while it
    /// lives; the first region containing a slice names it).
    pub fn new(regions: Vec<&'r [u8]>) -> Replay<'r> {
        Replay {
            regions,
            answers: RefCell::new(HashMap::new()),
            pending: RefCell::new(Vec::new()),
            seen: RefCell::new(HashSet::new()),
        }
    }

    /// The bytes of a part.
    pub fn bytes<'p>(&'p self, part: &'p Part) -> &'p [u8] {
        match part {
            Part::Stable { region, start, len } => self
                .regions
                .get(*region)
                .and_then(|r| r.get(*start..start.checked_add(*len)?))
                .unwrap_or_default(),
            Part::Bytes(b) => b,
        }
    }

    /// Take the requests recorded since the last call, in the order they were first made.
    pub fn take_pending(&self) -> Vec<Request> {
        self.seen.borrow_mut().clear();
        std::mem::take(&mut *self.pending.borrow_mut())
    }

    /// Record the answer to a request.
    pub fn answer(&self, request: Request, answer: Answer) {
        self.answers.borrow_mut().insert(request, answer);
    }

    /// Run `pass` until it records nothing new, answering each batch with `answer`; the
    /// result of the last pass, the number of passes, and whether it settled (it always does
    /// below [`MAX_PASSES`]; `false` means a provisional answer was used).
    pub fn settle<R>(
        &self,
        mut pass: impl FnMut(&dyn Crypto) -> R,
        mut answer: impl FnMut(&Replay<'r>, Vec<Request>),
    ) -> (R, u32, bool) {
        let mut n = 1;
        loop {
            let r = pass(self);
            let pending = self.take_pending();
            if pending.is_empty() {
                return (r, n, true);
            }
            if n >= MAX_PASSES {
                return (r, n, false);
            }
            answer(self, pending);
            n = n.saturating_add(1);
        }
    }

    fn part(&self, p: &[u8]) -> Part {
        let addr = p.as_ptr().addr();
        for (i, r) in self.regions.iter().enumerate() {
            let Some(start) = addr.checked_sub(r.as_ptr().addr()) else {
                continue;
            };
            if !p.is_empty() && start.checked_add(p.len()).is_some_and(|e| e <= r.len()) {
                return Part::Stable {
                    region: i,
                    start,
                    len: p.len(),
                };
            }
        }
        Part::Bytes(p.to_vec())
    }

    /// The known answer, or record the request.
    fn lookup(&self, request: Request) -> Option<Answer> {
        if let Some(a) = self.answers.borrow().get(&request) {
            return Some(a.clone());
        }
        if self.seen.borrow_mut().insert(request.clone()) {
            self.pending.borrow_mut().push(request);
        }
        None
    }
}

impl Crypto for Replay<'_> {
    fn digest(&self, hash: Hash, parts: &[&[u8]]) -> Digest {
        let parts = parts.iter().map(|p| self.part(p)).collect();
        match self.lookup(Request::Digest { hash, parts }) {
            Some(Answer::Digest(d)) => Digest::Known(d),
            _ => Digest::Pending,
        }
    }

    fn verify(&self, c: &SigCheck<'_>) -> bool {
        let request = Request::Verify {
            scheme: c.scheme,
            key: c.key.to_vec(),
            msg: c.msg.to_vec(),
            sig: c.sig.to_vec(),
        };
        match self.lookup(request) {
            Some(Answer::Verified(v)) => v,
            _ => true,
        }
    }
}

/// Answer `requests` with a synchronous backend (tests and the native path use it to drive a
/// [`Replay`] exactly as the browser does).
pub fn answer_with(replay: &Replay<'_>, requests: Vec<Request>, backend: &dyn Crypto) {
    for r in requests {
        let a = match &r {
            Request::Digest { hash, parts } => {
                let parts: Vec<&[u8]> = parts.iter().map(|p| replay.bytes(p)).collect();
                match backend.digest(*hash, &parts) {
                    Digest::Known(d) => Answer::Digest(d),
                    Digest::Pending => continue,
                }
            }
            Request::Verify {
                scheme,
                key,
                msg,
                sig,
            } => Answer::Verified(backend.verify(&SigCheck {
                scheme: *scheme,
                key,
                msg,
                sig,
            })),
        };
        replay.answer(r, a);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::crypto::rust::RustCrypto;

    #[test]
    fn stable_parts_are_positions_and_others_copies() {
        let input = b"hello world".to_vec();
        let replay = Replay::new(vec![&input]);
        let copy = b"hello".to_vec();
        let d = replay.digest(Hash::Sha256, &[&input[6..], &copy]);
        assert_eq!(d, Digest::Pending);
        let pending = replay.take_pending();
        assert_eq!(
            pending,
            vec![Request::Digest {
                hash: Hash::Sha256,
                parts: vec![
                    Part::Stable {
                        region: 0,
                        start: 6,
                        len: 5
                    },
                    Part::Bytes(b"hello".to_vec())
                ]
            }]
        );
        answer_with(&replay, pending, &RustCrypto);
        let again = replay.digest(Hash::Sha256, &[&input[6..], &copy]);
        assert_eq!(again, RustCrypto.digest(Hash::Sha256, &[b"worldhello"]));
        assert!(replay.take_pending().is_empty());
    }

    #[test]
    fn settles_on_the_real_path() {
        // A pass whose second request depends on the first answer.
        let input = b"abc".to_vec();
        let replay = Replay::new(vec![&input]);
        let wrong = vec![0u8; 32];
        let (r, passes, settled) = replay.settle(
            |c| {
                let d = c.digest(Hash::Sha256, &[&input]);
                if d.matches(&wrong) {
                    "matched"
                } else {
                    // Only reachable once the real answer is known.
                    c.digest(Hash::Sha384, &[&input]);
                    "mismatch"
                }
            },
            |rp, reqs| answer_with(rp, reqs, &RustCrypto),
        );
        assert_eq!((r, passes, settled), ("mismatch", 3, true));
    }
}
