//! What one manifest store may cost (issue 15): every tree read from it is paid for from one
//! budget per input (`Limits::max_c2pa_bytes`), so a tree decoded twice counts twice and what
//! the budget refuses is a `general.error`, never a silent pass; and a store of more manifests
//! than `Limits::max_manifests` is read from its last ones, with a warning, the active manifest
//! and its ingredient chain still validated. The stores are built here, signed by the test
//! PKI; the expected results follow from how they are built.
use crate::support;

use ailabel::c2pa::{C2paReport, C2paState};
use ailabel::{Limits, Options, Report};
use support::builder::*;
use support::signed::Signed;

fn fixture() -> Signed {
    Signed::new("Budget Signer")
}

/// The keep fixture (`c2pa.created`, a data hash) labelled as the `i`th manifest.
fn mani(f: &Signed, i: usize) -> Mani<'_> {
    let mut m = f.mani();
    m.label = format!("urn:c2pa:5b0c3a3e-1c1d-4c45-9d57-0f1e2d3c{i:04x}");
    m
}

fn check(f: &Signed, ms: &[Mani], limits: Limits) -> Report {
    let options = Options {
        limits,
        ..f.options()
    };
    ailabel::check(&jpeg(ms), &options)
}

fn c2pa(r: &Report) -> &C2paReport {
    r.c2pa.as_ref().expect("a c2pa section")
}

fn failures(c: &C2paReport) -> Vec<(&str, &str)> {
    c.validation
        .failure
        .iter()
        .map(|f| (f.code.as_str(), f.explanation.as_str()))
        .collect()
}

fn warnings(r: &Report) -> Vec<&str> {
    r.errors
        .iter()
        .filter(|e| !e.fatal)
        .map(|e| e.message.as_str())
        .collect()
}

/// Six manifests, each (but the first) with its predecessor as `parentOf` ingredient when
/// `chained(i)`.
fn chain<'f>(f: &'f Signed, chained: impl Fn(usize) -> bool) -> Vec<Mani<'f>> {
    (0..6)
        .map(|i| {
            let mut m = mani(f, i);
            if i > 0 && chained(i) {
                m.assertions
                    .push(ingredient("c2pa.ingredient.v3", "parentOf", Some(i - 1)));
            }
            m
        })
        .collect()
}

#[test]
fn a_store_of_more_manifests_than_the_cap_is_read_from_its_last_ones() {
    let f = fixture();
    let capped = Limits {
        max_manifests: 3,
        ..Limits::default()
    };
    // The active manifest (5) names 4, which names 3: all within the last three.
    let short = chain(&f, |i| i >= 4);
    let whole = check(&f, &short, Limits::default());
    assert_eq!(c2pa(&whole).state, C2paState::Trusted);
    assert_eq!(c2pa(&whole).manifests.len(), 6);
    assert!(warnings(&whole).is_empty(), "{:?}", warnings(&whole));
    let r = check(&f, &short, capped.clone());
    let c = c2pa(&r);
    assert_eq!(c.state, C2paState::Trusted, "{:?}", failures(c));
    assert_eq!(
        c.active_manifest.as_deref(),
        Some(mani(&f, 5).label.as_str())
    );
    let labels: Vec<&str> = c.manifests.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(
        labels,
        [3, 4, 5]
            .map(|i| mani(&f, i).label)
            .each_ref()
            .map(String::as_str)
    );
    let validated = c
        .validation
        .success
        .iter()
        .filter(|s| s.code == "ingredient.manifest.validated")
        .count();
    assert_eq!(validated, 2);
    assert!(c
        .validation
        .success
        .iter()
        .any(|s| s.code == "assertion.dataHash.match"));
    assert_eq!(
        warnings(&r),
        ["the first 3 manifests of the C2PA manifest store were not read (max_manifests)"]
    );
    // A chain that goes on past the last three: the manifest it reaches there was not read,
    // which is not checked, not missing.
    let long = chain(&f, |_| true);
    assert_eq!(
        c2pa(&check(&f, &long, Limits::default())).state,
        C2paState::Trusted
    );
    let r = check(&f, &long, capped);
    let c = c2pa(&r);
    assert_eq!(c.state, C2paState::Invalid);
    assert_eq!(
        failures(c).iter().map(|f| f.0).collect::<Vec<_>>(),
        ["general.error"]
    );
    assert!(failures(c)[0].1.contains(&mani(&f, 2).label));
}

#[test]
fn an_assertion_decoded_twice_is_paid_for_twice_and_a_refusal_is_reported() {
    let f = fixture();
    // One actions assertion of 2,001 actions: about 224 KB of tree, decoded by the structure
    // rules and again by the summary.
    let mut m = mani(&f, 0);
    let mut actions = vec![created()];
    actions.extend((0..2000).map(|_| action("c2pa.edited", vec![])));
    m.assertions[0] = support::builder::actions("c2pa.actions.v2", actions);
    let ms = [m];
    let whole = check(&f, &ms, Limits::default());
    let c = c2pa(&whole);
    assert_eq!(c.state, C2paState::Trusted, "{:?}", failures(c));
    // The summary lists the first max_assertions (1,000) of them; all were decoded.
    assert_eq!(c.manifests[0].actions.len(), 1000);
    // Room for one decode, not two: the summary's is refused, and the report says so.
    let limits = Limits {
        max_c2pa_bytes: 384 << 10,
        ..Limits::default()
    };
    let r = check(&f, &ms, limits);
    let c = c2pa(&r);
    assert_eq!(c.state, C2paState::Invalid);
    assert!(c.manifests[0].actions.is_empty());
    let failed = failures(c);
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].0, "general.error");
    assert!(failed[0].1.contains("max_c2pa_bytes"), "{}", failed[0].1);
}
