//! Chain building from an end-entity certificate through the intermediates it came with to a
//! trust anchor (RFC 5280 §6, simplified as C2PA §14.4 uses it: name chaining, issuer
//! signatures, CA flags and validity at the signing time). Every signature check spends from
//! the [`Budget`], and chains are never longer than `max_chain_len`.

use super::{keys, Budget, Cert};
use crate::crypto::Crypto;

/// How a chain ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainOutcome {
    /// It reached the anchor with this index.
    Anchored(usize),
    /// It did not; the sentence says why.
    NotAnchored(String),
}

/// True if `child` was signed by `issuer`'s key (spends one budget unit).
pub fn signed_by(crypto: &dyn Crypto, child: &Cert, issuer: &Cert, budget: &mut Budget) -> bool {
    if !budget.spend() {
        return false;
    }
    keys::verify_x509(
        crypto,
        &child.signature_algorithm(),
        &issuer.spki(),
        child.tbs(),
        child.signature(),
    )
}

fn names_chain(child: &Cert, issuer: &Cert) -> bool {
    let a = child.issuer_der();
    a.is_some() && a == issuer.subject_der()
}

struct Search<'a> {
    crypto: &'a dyn Crypto,
    intermediates: &'a [&'a Cert<'a>],
    anchors: &'a [Cert<'a>],
    time: Option<i64>,
    used: Vec<bool>,
    exhausted: bool,
}

impl Search<'_> {
    fn extend(&mut self, cur: &Cert, len: u32, budget: &mut Budget) -> Option<usize> {
        if let Some(i) = self.anchors.iter().position(|a| a.der() == cur.der()) {
            return Some(i);
        }
        // The anchor itself counts as one more link.
        if len.saturating_add(1) > budget.max_chain_len {
            return None;
        }
        for (i, a) in self.anchors.iter().enumerate() {
            if names_chain(cur, a) {
                if signed_by(self.crypto, cur, a, budget) {
                    return Some(i);
                }
                self.exhausted |= !budget.has_checks_left();
            }
        }
        for i in 0..self.intermediates.len() {
            let Some(next) = self.intermediates.get(i) else {
                continue;
            };
            if self.used.get(i).copied().unwrap_or(true)
                || !names_chain(cur, next)
                || !next.is_ca()
                || self.time.is_some_and(|t| !next.valid_at(t))
            {
                continue;
            }
            if !signed_by(self.crypto, cur, next, budget) {
                self.exhausted |= !budget.has_checks_left();
                continue;
            }
            if let Some(u) = self.used.get_mut(i) {
                *u = true;
            }
            if let Some(found) = self.extend(next, len.saturating_add(1), budget) {
                return Some(found);
            }
            if let Some(u) = self.used.get_mut(i) {
                *u = false;
            }
        }
        None
    }
}

/// Try to chain `ee` to one of `anchors` through `intermediates`, at time `time`.
pub fn build(
    crypto: &dyn Crypto,
    ee: &Cert,
    intermediates: &[&Cert],
    anchors: &[Cert],
    time: i64,
    budget: &mut Budget,
) -> ChainOutcome {
    build_at(crypto, ee, intermediates, anchors, Some(time), budget)
}

/// [`build`], or with `time` `None` without checking the issuers' validity periods: c2pa-rs
/// 0.91 checks the chain with OpenSSL's `NO_CHECK_TIME` when no time-stamp fixes the signing
/// time (the end entity's own validity is judged by the profile check).
pub fn build_at(
    crypto: &dyn Crypto,
    ee: &Cert,
    intermediates: &[&Cert],
    anchors: &[Cert],
    time: Option<i64>,
    budget: &mut Budget,
) -> ChainOutcome {
    if anchors.is_empty() {
        return ChainOutcome::NotAnchored("no trust anchors are configured".into());
    }
    let mut s = Search {
        crypto,
        intermediates,
        anchors,
        time,
        used: vec![false; intermediates.len()],
        exhausted: false,
    };
    match s.extend(ee, 1, budget) {
        Some(i) => ChainOutcome::Anchored(i),
        None if s.exhausted || !budget.has_checks_left() => ChainOutcome::NotAnchored(
            "the signature-check budget ran out while building the chain".into(),
        ),
        None => ChainOutcome::NotAnchored(
            "the certificate chain does not lead to a trust anchor".into(),
        ),
    }
}
