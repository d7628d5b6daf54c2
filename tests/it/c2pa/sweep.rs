//! Hostile-input sweep for the C2PA reader: every manifest store of the fixtures (JPEG APP11,
//! WebP chunk, bare `.c2pa`) is truncated at many points and has bytes flipped, and each result
//! goes through `c2pa::verify` against its file. Nothing may panic; every run ends quickly.

use crate::support::fixtures;

use ailabel::c2pa;
use ailabel::container::{Embedded, Location, Payload};
use ailabel::Options;
use std::borrow::Cow;
use std::time::{Duration, Instant};

/// The store of a JPEG (APP11, C2PA 2.2 A.3.1), a WebP (`C2PA` chunk, A.3.6) or a bare store.
fn store_of(b: &[u8]) -> Option<Vec<u8>> {
    if b.get(4..8) == Some(b"jumb") {
        return Some(b.to_vec());
    }
    if b.starts_with(b"RIFF") {
        let mut i = 12;
        while i + 8 <= b.len() {
            let size = u32::from_le_bytes([b[i + 4], b[i + 5], b[i + 6], b[i + 7]]) as usize;
            let end = (i + 8 + size).min(b.len());
            if &b[i..i + 4] == b"C2PA" {
                return Some(b[i + 8..end].to_vec());
            }
            i = end + (size & 1);
        }
        return None;
    }
    let (mut i, mut store) = (2, Vec::new());
    while i + 4 <= b.len() && b[i] == 0xFF && b[i + 1] != 0xDA {
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        let seg = &b[i + 4..(i + 2 + len).min(b.len())];
        if b[i + 1] == 0xEB && seg.len() > 28 && &seg[0..2] == b"JP" {
            if store.is_empty() && &seg[24..28] == b"c2pa" {
                store.extend_from_slice(&seg[8..]);
            } else if !store.is_empty() {
                store.extend_from_slice(&seg[16..]);
            }
        }
        i += 2 + len;
    }
    (!store.is_empty()).then_some(store)
}

fn verify(file: &[u8], store: Vec<u8>, options: &Options) {
    let embedded = Embedded {
        c2pa: vec![Payload {
            bytes: Cow::Owned(store),
            location: Location::default(),
            ranges: vec![],
        }],
        ..Embedded::default()
    };
    let mut sink = ailabel::Sink::default();
    let started = Instant::now();
    let _ = c2pa::verify(file, &embedded, options, &mut sink);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "one verification took too long"
    );
}

#[test]
fn truncated_and_flipped_stores_never_panic() {
    let options = Options {
        watermarks: false,
        ..Options::default()
    };
    let mut stores = 0;
    for path in fixtures::files_under(&fixtures::fixture("c2pa")) {
        let file = std::fs::read(&path).unwrap();
        let Some(store) = store_of(&file) else {
            continue;
        };
        stores += 1;
        // The file for hashing: keep it small so the sweep stays fast; hashing is not under test.
        let asset = &file[..file.len().min(4096)];
        let step = (store.len() / 24).max(1);
        for cut in (0..store.len()).step_by(step) {
            verify(asset, store[..cut].to_vec(), &options);
        }
        for at in (0..store.len())
            .step_by(step)
            .map(|i| (i * 7 + 3) % store.len())
        {
            let mut s = store.clone();
            s[at] ^= 0x55;
            verify(asset, s, &options);
        }
        // Whole-pipeline run on the truncated bare store, as a `.c2pa` input.
        let _ = ailabel::check(&store[..store.len() / 2], &options);
    }
    assert!(stores > 20, "only {stores} stores found");
}

/// The whole pipeline on damaged files: every fixture with Content Credentials (under 1 MB,
/// to keep the run short) is cut at points spread over the file and inside the store, and has
/// bytes flipped inside the store, each result going through `ailabel::check`.
#[test]
fn damaged_credentialed_files_never_panic() {
    let options = crate::support::signed::options();
    let mut files = 0;
    for path in fixtures::sample_files() {
        let Ok(file) = std::fs::read(&path) else {
            continue;
        };
        if file.len() > 1 << 20 {
            continue;
        }
        let Some(jumb) = file.windows(4).position(|w| w == b"jumb") else {
            continue;
        };
        files += 1;
        let store_end = (jumb + 65_536).min(file.len());
        let mut cuts: Vec<usize> = (1..8).map(|i| file.len() * i / 8).collect();
        cuts.extend((0..8).map(|i| jumb + (store_end - jumb) * i / 8));
        for cut in cuts {
            let started = Instant::now();
            let _ = ailabel::check(&file[..cut], &options);
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{}: slow at cut {cut}",
                path.display()
            );
        }
        for i in 0..12 {
            let mut f = file.clone();
            let at = jumb + (store_end - jumb) * i / 12 + i;
            if let Some(b) = f.get_mut(at) {
                *b ^= 0xA5;
            }
            let _ = ailabel::check(&f, &options);
        }
    }
    assert!(files > 20, "only {files} credentialed files found");
}
