//! Validation of one manifest store (C2PA 2.2 §15): claim, signature, hashed URIs, the active
//! manifest's hard binding, ingredients recursively (depth-limited and cycle-safe), and the
//! summary of each manifest with what the active chain declares about AI.

use super::assertions::{self, ingredient};
use super::binding::{self, base_label, bmff_hash, box_hash, data_hash, HARD_BINDINGS};
use super::claim::Claim;
use super::identity;
use super::jumbf::{self, SuperBox};
use super::report::{Identity, Manifest, Signer};
use super::rules;
use super::signature::{self, Trust};
use super::store::{self, ManifestBox, ManifestKind};
use super::summary;
use super::{push_status, status as st, C2paReport, C2paState, Validation};
use crate::container::Segment;
use crate::crypto::{self, Crypto};
use crate::limits::{C2paBudget, Decompression};
use crate::options::Options;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What validation needs besides the store.
pub(super) struct Context<'i> {
    pub input: &'i [u8],
    pub segments: &'i [Segment],
    pub store_ranges: &'i [Range<u64>],
    /// For text inputs: the text and the wrapper range.
    pub text: Option<(&'i str, Range<u64>)>,
    pub options: &'i Options,
    pub trust: &'i Trust,
    /// Who answers digests and signature checks.
    pub crypto: &'i dyn Crypto,
    /// True for a bare manifest store (a `.c2pa` file on its own): there is no asset to bind.
    pub no_asset: bool,
    /// The input's limits and what its manifest store has taken of `Limits::max_c2pa_bytes`:
    /// every tree read from the store is taken from it.
    pub c2pa: &'i C2paBudget<'i>,
}

struct Run<'c, 's, 'a> {
    ctx: &'c Context<'c>,
    root: &'s SuperBox<'a>,
    manifests: Vec<ManifestBox<'s, 'a>>,
    validation: Validation,
    visited: HashSet<String>,
    signers: HashMap<String, (Signer, bool, bool)>,
    /// The CAWG identity assertions of each manifest checked.
    identities: HashMap<String, Vec<Identity>>,
    /// What the identities may still copy from the file, for the whole input.
    identity_copies: super::copies::Copies,
    signature_budget: u32,
    /// A decompression allowance (`Limits::max_decompressed_bytes`) shared by every compressed
    /// manifest that could not be expanded, for saying why (expanding them had one of its own).
    inflated: Decompression,
    /// Failure codes recorded by the ingredient assertions above the manifest being validated:
    /// c2pa-rs reports only new failures ("ingredient deltas"), and so do we.
    recorded: Vec<Vec<String>>,
    /// Manifests of the store not read (`Limits::max_manifests`).
    skipped: u64,
    /// Digests of the store's bytes already taken, by where the bytes lie and the algorithm
    /// ([`Run::digest`]).
    digests: HashMap<(usize, usize, crypto::Hash), crypto::Digest>,
}

const RECORDED: &str =
    "already recorded when this ingredient was used, so it is noted, not counted";

/// The hard bindings c2pa-rs counts for "exactly one hard binding" (`labels::HASH_LABELS`).
const COUNTED_BINDINGS: &[&str] = &[
    "c2pa.hash.data",
    "c2pa.hash.boxes",
    "c2pa.hash.bmff",
    "c2pa.hash.bmff.v2",
    "c2pa.hash.bmff.v3",
];

/// Validate the store in `bytes`; what was not read goes into `warnings`.
pub(super) fn run(
    bytes: &[u8],
    ctx: &Context<'_>,
    warnings: &mut crate::container::warnings::Warnings,
) -> C2paReport {
    let limits = &ctx.options.limits;
    let mut inflated = Decompression::new(limits);
    let expanded = store::expand(bytes, limits, &mut inflated);
    if let Some(copy) = &expanded {
        ctx.c2pa.spend(crate::bytes::to_u64(copy.len()));
    }
    let bytes = expanded.as_deref().unwrap_or(bytes);
    let (root, skipped) = match jumbf::parse_store(bytes, ctx.c2pa) {
        Ok(r) => r,
        Err(e) => {
            return super::failed_report(format!(
                "the manifest store could not be read: {}",
                e.message()
            ))
        }
    };
    if root.c2pa_type() != Some(jumbf::box_types::STORE) {
        return super::failed_report("the JUMBF box is not a C2PA manifest store".to_owned());
    }
    if skipped > 0 {
        // c2pa-rs reads every manifest; see `Limits::max_manifests`.
        warnings.push_summary(format!(
            "the first {skipped} manifests of the C2PA manifest store were not read (max_manifests)"
        ));
    }
    let manifests = store::manifests(&root);
    let Some(active) = manifests.last().copied() else {
        return super::failed_report("the manifest store holds no manifest".to_owned());
    };
    let mut run = Run {
        ctx,
        root: &root,
        manifests,
        validation: Validation::default(),
        visited: HashSet::new(),
        signers: HashMap::new(),
        identities: HashMap::new(),
        identity_copies: super::copies::Copies::default(),
        signature_budget: limits.max_signature_checks,
        inflated: Decompression::new(limits),
        recorded: Vec::new(),
        skipped,
        digests: HashMap::new(),
    };
    run.manifest(active, 0, true);
    let mut room = summary::Room::new(limits);
    let summaries: Vec<Manifest> = run
        .manifests
        .iter()
        .map(|m| {
            let signer = run.signers.get(m.label).map(|s| s.0.clone());
            let mut s = summary::manifest(&root, *m, signer, ctx.c2pa, &mut room);
            s.identities = run.identities.remove(m.label).unwrap_or_default();
            s
        })
        .collect();
    room.warn(warnings);
    // The summaries name manifests as the report spells their labels.
    let active_label = super::copies::label(active.label);
    let (ai, ai_tool) = summary::ai_of_chain(&summaries, &active_label, limits.max_depth);
    let trusted = run.signers.get(active.label).is_some_and(|s| s.2);
    // What the budget refused (a claim, an assertion, a summary) was not checked.
    if let Some(why) = ctx.c2pa.refusal() {
        let why = Some(why.to_owned());
        push_status(&mut run.validation, st::GENERAL_ERROR, why, None, None);
    }
    C2paReport {
        state: if trusted {
            C2paState::Trusted
        } else {
            C2paState::Valid
        },
        active_manifest: Some(active_label),
        manifests: summaries,
        validation: run.validation,
        ai,
        ai_tool,
        remote_manifest: None,
        invalid_reason: None,
    }
}

/// Why an assertion's content did not decode (over `Limits::max_c2pa_bytes` included), for a
/// status; `None` when it has no CBOR box.
fn unread(content: Option<crate::error::Result<super::cbor::Value<'_>>>) -> Option<String> {
    Some(content?.err()?.message().to_owned())
}

/// The state from the statuses (c2pa-rs `ValidationResults::validation_state`): any failure
/// other than `signingCredential.untrusted` makes it Invalid; Trusted needs no failure at all.
pub(super) fn state_of(v: &Validation, proposed: C2paState) -> C2paState {
    if v.failure
        .iter()
        .any(|f| !super::invalid_reason::is_tolerated(&f.code))
    {
        C2paState::Invalid
    } else if !v.failure.is_empty() && proposed == C2paState::Trusted {
        C2paState::Valid
    } else {
        proposed
    }
}

impl<'s, 'a> Run<'_, 's, 'a> {
    fn status(&mut self, code: &str, detail: Option<String>, manifest: &str, url: Option<String>) {
        let recorded = st::kind(code) == st::Kind::Failure
            && self.recorded.iter().any(|r| r.iter().any(|c| c == code));
        if recorded {
            let detail = detail.map_or(RECORDED.to_owned(), |d| format!("{d}; {RECORDED}"));
            // Pushed as a failure, then moved: it is listed as informational.
            push_status(
                &mut self.validation,
                code,
                Some(detail),
                Some(manifest),
                url,
            );
            let moved = self.validation.failure.pop();
            self.validation.informational.extend(moved);
        } else {
            push_status(&mut self.validation, code, detail, Some(manifest), url);
        }
    }

    fn find(&self, label: &str) -> Option<ManifestBox<'s, 'a>> {
        self.manifests
            .iter()
            .rev()
            .find(|m| m.label == label)
            .copied()
    }

    /// Validate one manifest; `active` adds the hard-binding check.
    fn manifest(&mut self, m: ManifestBox<'s, 'a>, depth: u32, active: bool) {
        if depth > self.ctx.options.limits.max_depth || !self.visited.insert(m.label.to_owned()) {
            return;
        }
        let label = m.label;
        if m.kind == ManifestKind::Compressed {
            let why = store::unexpandable(m.sbox, &self.ctx.options.limits, &mut self.inflated);
            self.status(st::MANIFEST_COMPRESSED_INVALID, Some(why), label, None);
            return;
        }
        if m.claim_count() > 1 {
            self.status(st::CLAIM_MULTIPLE, None, label, None);
        }
        let Some((claim_label, claim_bytes)) = m.claim() else {
            self.status(st::CLAIM_MISSING, None, label, None);
            return;
        };
        let claim = match Claim::parse(claim_label, claim_bytes, self.ctx.c2pa) {
            Ok(c) => c,
            Err(e) => {
                self.status(
                    st::CLAIM_CBOR_INVALID,
                    Some(e.message().to_owned()),
                    label,
                    None,
                );
                return;
            }
        };
        self.signature(m, &claim);
        self.hashed_uris(m, &claim);
        self.identities(m, &claim);
        self.structure(m, &claim);
        if active {
            self.hard_binding(m, &claim, 0);
        }
        self.ingredients(m, &claim, depth);
    }

    fn signature(&mut self, m: ManifestBox<'s, 'a>, claim: &Claim<'_>) {
        let sig_box = claim
            .signature
            .as_deref()
            .and_then(|u| store::resolve(self.root, m.sbox, u))
            .or_else(|| m.signature_box());
        let Some(cose) = sig_box.and_then(|b| b.first_data(jumbf::box_types::CBOR)) else {
            self.status(st::CLAIM_SIGNATURE_MISSING, None, m.label, None);
            return;
        };
        let Some(left) = self.signature_budget.checked_sub(1) else {
            self.status(
                st::GENERAL_ERROR,
                Some("too many signatures to check".to_owned()),
                m.label,
                None,
            );
            return;
        };
        self.signature_budget = left;
        let o = self.ctx.options;
        let r = signature::verify_with(
            self.ctx.crypto,
            cose,
            claim.bytes,
            Some(claim.version >= 2),
            self.ctx.trust,
            o.verify_time,
            self.ctx.c2pa,
        );
        let url = Some(format!("self#jumbf=/c2pa/{}/c2pa.signature", m.label));
        for (code, detail) in r.statuses {
            self.status(code, detail, m.label, url.clone());
        }
        let mut signer = r.signer;
        signer.trusted = r.trusted;
        self.signers
            .insert(m.label.to_owned(), (signer, r.valid, r.trusted));
    }

    /// The CAWG identity assertions of `m` (see [`identity`]).
    fn identities(&mut self, m: ManifestBox<'s, 'a>, claim: &Claim<'_>) {
        let o = self.ctx.options;
        let env = identity::Env {
            crypto: self.ctx.crypto,
            trust: self.ctx.trust,
            now: o.verify_time.unwrap_or_else(signature::now),
            c2pa: self.ctx.c2pa,
            signatures_left: std::cell::Cell::new(self.signature_budget),
        };
        let root = self.root;
        let content = |u: &super::claim::HashedUri| {
            let sb = store::resolve(root, m.sbox, &u.url)?;
            Some(assertions::cbor_content(sb, self.ctx.c2pa).and_then(Result::ok))
        };
        let out = identity::check(&env, m.label, claim, content, &mut self.identity_copies);
        self.signature_budget = env.signatures_left.get();
        for f in out.findings {
            self.status(f.code, f.detail, m.label, Some(f.url));
        }
        if !out.identities.is_empty() {
            self.identities.insert(m.label.to_owned(), out.identities);
        }
    }

    /// The structure rules of §15.6 and §15.9 (see [`rules`]).
    fn structure(&mut self, m: ManifestBox<'s, 'a>, claim: &Claim<'a>) {
        let c2pa = self.ctx.c2pa;
        let Ok(map) = super::cbor::decode(claim.bytes, c2pa) else {
            return;
        };
        let findings = rules::check(&rules::facts(self.root, m, claim, &map, c2pa));
        for f in findings {
            self.status(f.code, Some(f.detail), m.label, f.url);
        }
    }

    /// The digest of `data`, bytes of the manifest store, by `alg` (`None`: not an algorithm we
    /// know). Each part of the store is hashed once per algorithm: a claim may name one
    /// assertion many times, and manifests may name each other's (1,000 references to one
    /// 15 MB assertion took 13 s). c2pa-rs hashes at every reference. `data` lives as long as
    /// the store, so no other bytes can take its place while the run lasts.
    fn digest(&mut self, alg: &str, data: &'a [u8]) -> Option<crypto::Digest> {
        let key = (
            data.as_ptr().addr(),
            data.len(),
            crypto::Hash::from_name(alg)?,
        );
        if let Some(d) = self.digests.get(&key) {
            return Some(d.clone());
        }
        let d = crypto::hash(self.ctx.crypto, alg, data)?;
        self.digests.insert(key, d.clone());
        Some(d)
    }

    fn hashed_uris(&mut self, m: ManifestBox<'s, 'a>, claim: &Claim<'_>) {
        for r in &claim.assertions {
            let url = store::assertion_url(m.label, r.uri.last_label());
            let Some(sb) = store::resolve(self.root, m.sbox, &r.uri.url) else {
                self.status(st::ASSERTION_MISSING, None, m.label, Some(url));
                continue;
            };
            let alg = r
                .uri
                .alg
                .as_deref()
                .or(claim.alg.as_deref())
                .unwrap_or("sha256");
            match self.digest(alg, sb.contents) {
                None => self.status(
                    st::ALGORITHM_UNSUPPORTED,
                    Some(format!("hash algorithm {alg}")),
                    m.label,
                    Some(url),
                ),
                Some(h) if h.matches(&r.uri.hash) => {
                    self.status(st::HASHED_URI_MATCH, None, m.label, Some(url))
                }
                Some(_) => self.status(st::HASHED_URI_MISMATCH, None, m.label, Some(url)),
            }
        }
    }

    /// Check the hard binding of `m` (for an update manifest: of its parent, §10.5).
    fn hard_binding(&mut self, m: ManifestBox<'s, 'a>, claim: &Claim<'_>, hops: u32) {
        // c2pa-rs counts the data, BMFF and box hashes a v2 claim created (not gathered, not
        // `.part`) and still checks each when there are several (`verify_hash_binding`).
        // A label the claim names twice is one assertion (c2pa-rs counts the assertion store's
        // boxes): 1,000 references to one data hash hashed the asset 1,000 times.
        let mut counted: Vec<&str> = Vec::new();
        for r in &claim.assertions {
            let l = r.uri.last_label();
            if r.created
                && !l.ends_with(".part")
                && COUNTED_BINDINGS.contains(&base_label(l))
                && !counted.contains(&l)
            {
                counted.push(l);
            }
        }
        if counted.len() > 1 {
            self.status(
                st::MULTIPLE_HARD_BINDINGS,
                Some(format!(
                    "{} hard bindings: {}",
                    counted.len(),
                    counted.join(", ")
                )),
                m.label,
                None,
            );
            for label in counted {
                self.check_binding(m, claim, label, hops);
            }
            return;
        }
        let bindings: Vec<&str> = claim
            .assertions
            .iter()
            .filter(|r| r.created)
            .map(|r| r.uri.last_label())
            .filter(|l| HARD_BINDINGS.contains(&base_label(l)))
            .collect();
        let Some(label) = counted.first().or(bindings.first()).copied() else {
            if m.kind == ManifestKind::Update && hops < self.ctx.options.limits.max_depth {
                if let Some((parent, pclaim)) = self.parent_of(m, claim) {
                    self.hard_binding(parent, &pclaim, hops.saturating_add(1));
                    return;
                }
            }
            self.status(st::CLAIM_HARD_BINDINGS_MISSING, None, m.label, None);
            return;
        };
        self.check_binding(m, claim, label, hops);
    }

    /// Check one hard-binding assertion of `m` against the asset.
    fn check_binding(&mut self, m: ManifestBox<'s, 'a>, claim: &Claim<'_>, label: &str, hops: u32) {
        let url = Some(store::assertion_url(m.label, label));
        if self.ctx.no_asset {
            let why = "the manifest store was given without its asset, so its binding to the content was not checked";
            self.status(st::GENERAL_ERROR, Some(why.to_owned()), m.label, url);
            return;
        }
        let Some(sb) = m.assertion(label) else {
            return; // already reported as assertion.missing
        };
        let c2pa = self.ctx.c2pa;
        let v = match assertions::cbor_content(sb, c2pa) {
            Some(Ok(v)) => v,
            other => {
                self.status(st::ASSERTION_CBOR_INVALID, unread(other), m.label, url);
                return;
            }
        };
        let alg = claim.alg.as_deref().unwrap_or("sha256");
        let ctx = self.ctx;
        let statuses = match base_label(label) {
            "c2pa.hash.data" => match &ctx.text {
                Some((t, w)) => super::text::check(ctx.crypto, &v, alg, t, w),
                None => {
                    data_hash::check(ctx.crypto, &v, alg, ctx.input, ctx.store_ranges, hops > 0)
                }
            },
            "c2pa.hash.boxes" => box_hash::check(
                ctx.crypto,
                &v,
                alg,
                ctx.input,
                ctx.segments,
                ctx.store_ranges,
            ),
            l @ ("c2pa.hash.bmff" | "c2pa.hash.bmff.v2" | "c2pa.hash.bmff.v3") => {
                let fragments: Vec<&[u8]> =
                    ctx.options.fragments.iter().map(Vec::as_slice).collect();
                bmff_hash::check(ctx.crypto, l, &v, alg, ctx.input, &fragments, c2pa)
            }
            other => vec![(
                st::GENERAL_ERROR,
                Some(format!("hard binding {other} is not supported yet")),
            )],
        };
        let statuses: Vec<binding::Status> = statuses;
        for (code, detail) in statuses {
            self.status(code, detail, m.label, url.clone());
        }
    }

    /// The `parentOf` ingredient's manifest and claim.
    fn parent_of(
        &self,
        m: ManifestBox<'s, 'a>,
        claim: &Claim<'_>,
    ) -> Option<(ManifestBox<'s, 'a>, Claim<'a>)> {
        let c2pa = self.ctx.c2pa;
        claim.assertions.iter().find_map(|r| {
            if !base_label(r.uri.last_label()).starts_with("c2pa.ingredient") {
                return None;
            }
            let sb = store::resolve(self.root, m.sbox, &r.uri.url)?;
            let info = ingredient::parse(&assertions::cbor_content(sb, c2pa)?.ok()?);
            if info.relationship.as_deref() != Some("parentOf") {
                return None;
            }
            let uri = info.manifest?;
            let parent =
                self.find(store::manifest_label_of(&uri.url).unwrap_or(uri.last_label()))?;
            let (cl, bytes) = parent.claim()?;
            Some((parent, Claim::parse(cl, bytes, c2pa).ok()?))
        })
    }

    fn ingredients(&mut self, m: ManifestBox<'s, 'a>, claim: &Claim<'_>, depth: u32) {
        let c2pa = self.ctx.c2pa;
        // Each ingredient assertion is checked once, however often the claim names it (c2pa-rs
        // reads the ingredients from the assertion store, where each box is one assertion).
        let mut seen = HashSet::new();
        for r in &claim.assertions {
            let label = r.uri.last_label();
            if !base_label(label).starts_with("c2pa.ingredient")
                || !seen.insert(r.uri.url.as_bytes())
            {
                continue;
            }
            let url = Some(store::assertion_url(m.label, label));
            let Some(sb) = store::resolve(self.root, m.sbox, &r.uri.url) else {
                continue;
            };
            let info = match assertions::cbor_content(sb, c2pa) {
                Some(Ok(v)) => ingredient::parse(&v),
                other => {
                    self.status(st::INGREDIENT_MALFORMED, unread(other), m.label, url);
                    continue;
                }
            };
            if info.relationship.as_deref() == Some("inputTo") {
                continue;
            }
            let Some(uri) = info.manifest else {
                self.status(st::INGREDIENT_UNKNOWN_PROVENANCE, info.title, m.label, url);
                continue;
            };
            let target = store::manifest_label_of(&uri.url)
                .unwrap_or(uri.last_label())
                .to_owned();
            let Some(ing) = self.find(&target) else {
                // Not read (`Limits::max_manifests`) is not missing: it was not checked.
                let code = if self.skipped > 0 {
                    st::GENERAL_ERROR
                } else {
                    st::INGREDIENT_MANIFEST_MISSING
                };
                self.status(code, Some(target), m.label, url);
                continue;
            };
            let ing_alg = ing
                .claim()
                .and_then(|(l, b)| Claim::parse(l, b, c2pa).ok())
                .and_then(|c| c.alg);
            let alg = uri
                .alg
                .as_deref()
                .or(ing_alg.as_deref())
                .unwrap_or("sha256");
            let box_hash = self.digest(alg, ing.sbox.contents);
            let claim_hash = ing.claim().and_then(|(_, b)| self.digest(alg, b));
            let is_hash =
                |h: &Option<crypto::Digest>| h.as_ref().is_some_and(|h| h.matches(&uri.hash));
            if is_hash(&box_hash) {
                self.status(
                    st::INGREDIENT_MANIFEST_VALIDATED,
                    None,
                    m.label,
                    Some(uri.url.to_string()),
                );
            } else if !is_hash(&claim_hash) {
                // Neither the 1.3+ manifest-box hash nor the legacy claim hash matches.
                self.status(
                    st::INGREDIENT_MANIFEST_MISMATCH,
                    None,
                    m.label,
                    Some(uri.url.to_string()),
                );
            }
            self.recorded.push(info.recorded);
            self.manifest(ing, depth.saturating_add(1), false);
            self.recorded.pop();
        }
    }
}
