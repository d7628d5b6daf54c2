//! Trust lists for the command line, so that `ailabel check` with no flags judges signers the
//! way the web page does: a dated snapshot built into the binary (the official C2PA trust list,
//! the C2PA time-stamp authority list and the legacy CAI "interim" list), newer copies that
//! `ailabel trust update` fetches into the user's cache directory (with `--fetch-remote`, the
//! only network access of the command line, made only when asked), `--legacy-trust DIR`, and
//! the warning shown when the lists in use are older than [`MAX_AGE_DAYS`].

use ailabel::rfc3339;
use ailabel::TrustSettings;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Lists older than this many days (at the verification time) bring a warning.
pub const MAX_AGE_DAYS: i64 = 90;
/// Largest list `trust update` accepts, in bytes (the official list is about 100 KB).
const MAX_LIST_BYTES: u64 = 2 * 1024 * 1024;
/// How long one download may take.
const FETCH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
/// The environment variable that replaces the cache directory (for tests, or to keep the lists
/// somewhere else).
pub const DIR_ENV: &str = "AILABEL_TRUST_DIR";
/// The file in the cache directory that records when each list was fetched: one
/// `FILE RFC3339` line per list.
const DATES_FILE: &str = "fetched-at";

/// What a list is used as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Signer trust anchors.
    Anchors,
    /// Time-stamp authority anchors.
    Tsa,
    /// Legacy list: trust anchors.
    LegacyAnchors,
    /// Legacy list: allowed end-entity certificates.
    LegacyAllowed,
    /// Legacy list: accepted EKUs (`store.cfg`).
    LegacyConfig,
}

impl Kind {
    /// True for the legacy list, which is frozen and so never goes stale.
    pub fn legacy(self) -> bool {
        matches!(
            self,
            Kind::LegacyAnchors | Kind::LegacyAllowed | Kind::LegacyConfig
        )
    }
}

/// One list: where it comes from and the copy built into the binary.
#[derive(Debug)]
pub struct List {
    /// Its file name in the cache directory (and in a `--legacy-trust` folder).
    pub file: &'static str,
    /// What to call it.
    pub name: &'static str,
    /// Where `trust update` fetches it.
    pub url: &'static str,
    /// What it is used as.
    pub kind: Kind,
    /// The built-in copy.
    snapshot: &'static str,
    /// The SHA-256 of the built-in copy (as recorded in `tests/fixtures/PROVENANCE.tsv`).
    pub sha256: &'static str,
    /// When the built-in copy was taken (RFC 3339).
    pub date: &'static str,
}

/// The official lists: c2pa-org/conformance-public at commit 7dbff513 (2026-08-21).
const OFFICIAL_DATE: &str = "2026-08-21T00:00:00Z";
/// The interim list: contentauth/verify-site at commit 506f98c3, copied on 2026-11-28 (it has
/// not changed since its freeze on 2026-01-01).
const INTERIM_DATE: &str = "2026-11-28T00:00:00Z";

/// Every list, in the order they are shown.
pub const LISTS: [List; 5] = [
    List {
        file: "C2PA-TRUST-LIST.pem",
        name: "C2PA trust list",
        url: "https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TRUST-LIST.pem",
        kind: Kind::Anchors,
        snapshot: include_str!("../../tests/fixtures/trust/c2pa_tl/C2PA-TRUST-LIST.pem"),
        sha256: "75cacc98b79ecac33713c7ecfb58d4a0ef383f3c1f886e7409f9e37e8664aea5",
        date: OFFICIAL_DATE,
    },
    List {
        file: "C2PA-TSA-TRUST-LIST.pem",
        name: "C2PA time-stamp authority list",
        url: "https://raw.githubusercontent.com/c2pa-org/conformance-public/main/trust-list/C2PA-TSA-TRUST-LIST.pem",
        kind: Kind::Tsa,
        snapshot: include_str!("../../tests/fixtures/trust/c2pa_tl/C2PA-TSA-TRUST-LIST.pem"),
        sha256: "c688d3555f4a2f1f8d663472bbd37888ff234abdd234c25934c0f9292e4eb5c9",
        date: OFFICIAL_DATE,
    },
    List {
        file: "anchors.pem",
        name: "legacy CAI list (frozen 2026-01-01): anchors",
        url: "https://contentcredentials.org/trust/anchors.pem",
        kind: Kind::LegacyAnchors,
        snapshot: include_str!("../../tests/fixtures/trust/interim/interim-anchors.pem"),
        sha256: "e0ab688a23a03a995b355fef351f6a89ccbb09329b5dc9195297fbe2c7a525c5",
        date: INTERIM_DATE,
    },
    List {
        file: "allowed.pem",
        name: "legacy CAI list (frozen 2026-01-01): allowed certificates",
        url: "https://contentcredentials.org/trust/allowed.pem",
        kind: Kind::LegacyAllowed,
        snapshot: include_str!("../../tests/fixtures/trust/interim/interim-allowed.pem"),
        sha256: "2f4ba19707a49a0aece732c8a211b7f544f990247018368deaf7382bcfa58451",
        date: INTERIM_DATE,
    },
    List {
        file: "store.cfg",
        name: "legacy CAI list (frozen 2026-01-01): accepted key usages",
        url: "https://contentcredentials.org/trust/store.cfg",
        kind: Kind::LegacyConfig,
        snapshot: include_str!("../../tests/fixtures/trust/interim/interim-store.cfg"),
        sha256: "1044c30a906b0c9cbe28b4a4c0002ca56a718f0ae22b9af83238543a07d0e718",
        date: INTERIM_DATE,
    },
];

impl List {
    /// True for the parts of the legacy list.
    pub fn is_legacy(&self) -> bool {
        self.kind.legacy()
    }
}

/// A list as it will be used: its text, when it was taken, and from where.
#[derive(Debug, Clone)]
pub struct InUse {
    /// Which list.
    pub list: &'static List,
    /// The contents.
    pub text: String,
    /// When it was taken, in seconds since the epoch (`None` if the date is unknown).
    pub date: Option<i64>,
    /// "built-in snapshot", or the file it was read from.
    pub source: String,
}

/// The user's cache directory for trust lists: `$AILABEL_TRUST_DIR`, else `ailabel/trust` in
/// the platform's cache directory (`$XDG_CACHE_HOME` or `~/.cache`, `~/Library/Caches` on macOS,
/// `%LOCALAPPDATA%` on Windows).
pub fn cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(d) = env(DIR_ENV) {
        return Some(d);
    }
    let base = if cfg!(windows) {
        env("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Caches"))
    } else {
        env("XDG_CACHE_HOME").or_else(|| env("HOME").map(|h| h.join(".cache")))
    };
    base.map(|b| b.join("ailabel").join("trust"))
}

/// The `FILE RFC3339` lines of a cache directory's dates file.
fn read_dates(dir: &Path) -> Vec<(String, i64)> {
    std::fs::read_to_string(dir.join(DATES_FILE))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (f, d) = l.trim().split_once(' ')?;
            Some((f.to_owned(), ailabel::parse_rfc3339(d.trim())?))
        })
        .collect()
}

/// The lists in use: each from the cache directory when a fetched copy is there, else the
/// built-in snapshot.
pub fn load() -> Vec<InUse> {
    let dir = cache_dir();
    let dates = dir.as_deref().map(read_dates).unwrap_or_default();
    LISTS
        .iter()
        .map(|list| {
            let cached = dir.as_ref().and_then(|d| {
                let p = d.join(list.file);
                std::fs::read_to_string(&p).ok().map(|t| (p, t))
            });
            match cached {
                Some((p, text)) => InUse {
                    list,
                    text,
                    date: dates.iter().find(|(f, _)| f == list.file).map(|(_, d)| *d),
                    source: p.display().to_string(),
                },
                None => InUse {
                    list,
                    text: list.snapshot.to_owned(),
                    date: ailabel::parse_rfc3339(list.date),
                    source: "built-in snapshot".to_owned(),
                },
            }
        })
        .collect()
}

/// Add the lists in use to `trust`.
pub fn apply(trust: &mut TrustSettings, lists: &[InUse]) {
    for l in lists {
        let to = match l.list.kind {
            Kind::Anchors => &mut trust.trust_anchors,
            Kind::Tsa => &mut trust.tsa_anchors,
            Kind::LegacyAnchors => &mut trust.legacy_trust_anchors,
            Kind::LegacyAllowed => &mut trust.legacy_allowed_list,
            Kind::LegacyConfig => &mut trust.legacy_trust_config,
        };
        to.push(l.text.clone());
    }
}

/// The files of a `--legacy-trust DIR` folder: `anchors.pem`, `allowed.pem` and `store.cfg`
/// as contentcredentials.org names them (or with an `interim-` prefix). At least one must be
/// there.
pub fn legacy_dir(dir: &str, trust: &mut TrustSettings) -> Result<(), String> {
    let mut found = 0usize;
    for list in LISTS.iter().filter(|l| l.kind.legacy()) {
        let d = Path::new(dir);
        let Some(text) = [d.join(list.file), d.join(format!("interim-{}", list.file))]
            .iter()
            .find_map(|p| std::fs::read_to_string(p).ok())
        else {
            continue;
        };
        found += 1;
        apply(
            trust,
            &[InUse {
                list,
                text,
                date: None,
                source: dir.to_owned(),
            }],
        );
    }
    if found == 0 {
        return Err(format!(
            "expected anchors.pem, allowed.pem or store.cfg in the --legacy-trust folder {dir}, \
             but found none of them"
        ));
    }
    Ok(())
}

/// The warning for lists in use older than [`MAX_AGE_DAYS`] at `at` (seconds since the epoch).
/// The legacy list is frozen, so only the official lists can be stale.
pub fn stale_warning(lists: &[InUse], at: i64) -> Option<String> {
    let max = MAX_AGE_DAYS.checked_mul(86_400)?;
    let old: Vec<String> = lists
        .iter()
        .filter(|l| !l.list.kind.legacy())
        .filter_map(|l| {
            let age = at.checked_sub(l.date?)?;
            (age > max).then(|| {
                format!(
                    "the {} is {} days old ({}, {})",
                    l.list.name,
                    age / 86_400,
                    l.date.map(date_of).unwrap_or_default(),
                    l.source
                )
            })
        })
        .collect();
    (!old.is_empty()).then(|| {
        format!(
            "warning: {}; signers added or removed since are not known. Run `ailabel trust \
             update` to fetch fresh lists.",
            old.join("; ")
        )
    })
}

/// The date part of an RFC 3339 time.
fn date_of(t: i64) -> String {
    let s = rfc3339(t);
    s.get(..10).map(str::to_owned).unwrap_or(s)
}

/// `ailabel trust show`: the lists in use, with their date, source and SHA-256.
pub fn show() -> String {
    let mut out = String::new();
    for l in load() {
        let hash = if l.text == l.list.snapshot {
            l.list.sha256.to_owned()
        } else {
            hex(&Sha256::digest(l.text.as_bytes()))
        };
        let certs = l.text.matches("-----BEGIN CERTIFICATE-----").count();
        out.push_str(&format!(
            "{}\n  {} certificates, from {}, dated {}\n  sha256 {hash}\n",
            l.list.name,
            certs,
            l.source,
            l.date.map(rfc3339).unwrap_or_else(|| "unknown".to_owned()),
        ));
    }
    out
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Check that a downloaded list is what it should be: PEM certificates, or for `store.cfg`
/// lines of dotted OIDs.
fn validate(list: &List, text: &str) -> Result<(), String> {
    let ok = if list.kind == Kind::LegacyConfig {
        text.lines().map(str::trim).any(|l| {
            l.split('.').count() > 1
                && l.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        })
    } else {
        text.contains("-----BEGIN CERTIFICATE-----")
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{} did not send a {}",
            list.url,
            if list.kind == Kind::LegacyConfig {
                "list of key-usage OIDs"
            } else {
                "PEM certificate list"
            }
        ))
    }
}

/// One download: at most [`MAX_LIST_BYTES`], within [`FETCH_TIMEOUT`], no cookies.
fn download(agent: &ureq::Agent, list: &List) -> Result<String, String> {
    use std::io::Read;
    let resp = agent
        .get(list.url)
        .call()
        .map_err(|e| format!("could not fetch {}: {e}", list.url))?;
    let mut body = Vec::new();
    resp.into_reader()
        .take(MAX_LIST_BYTES.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| format!("could not read {}: {e}", list.url))?;
    if u64::try_from(body.len()).unwrap_or(u64::MAX) > MAX_LIST_BYTES {
        return Err(format!(
            "{} is over the {MAX_LIST_BYTES}-byte limit",
            list.url
        ));
    }
    let text = String::from_utf8(body).map_err(|_| format!("{} is not text", list.url))?;
    validate(list, &text)?;
    Ok(text)
}

/// `ailabel trust update`: fetch every list into the cache directory. A list that cannot be
/// fetched keeps its previous copy (or the built-in one); the official lists must all arrive
/// for the update to succeed. `now` dates the new copies.
pub fn update(now: i64) -> Result<String, String> {
    let dir = cache_dir().ok_or_else(|| {
        format!("no cache directory: set {DIR_ENV}, or HOME (LOCALAPPDATA on Windows)")
    })?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let agent = ureq::AgentBuilder::new()
        .timeout(FETCH_TIMEOUT)
        .redirects(5)
        .https_only(true)
        .build();
    let mut dates = read_dates(&dir);
    let mut said = String::new();
    let mut failed = Vec::new();
    for list in &LISTS {
        match download(&agent, list) {
            Ok(text) => {
                let tmp = dir.join(format!("{}.part", list.file));
                std::fs::write(&tmp, &text)
                    .and_then(|()| std::fs::rename(&tmp, dir.join(list.file)))
                    .map_err(|e| format!("cannot write {}: {e}", dir.join(list.file).display()))?;
                dates.retain(|(f, _)| f != list.file);
                dates.push((list.file.to_owned(), now));
                let hash = hex(&Sha256::digest(text.as_bytes()));
                said.push_str(&format!("updated {} (sha256 {hash})\n", list.name));
            }
            Err(e) => {
                said.push_str(&format!("kept the previous {}: {e}\n", list.name));
                if !list.kind.legacy() {
                    failed.push(e);
                }
            }
        }
    }
    let lines: String = dates
        .iter()
        .map(|(f, d)| format!("{f} {}\n", rfc3339(*d)))
        .collect();
    std::fs::write(dir.join(DATES_FILE), lines)
        .map_err(|e| format!("cannot write {}: {e}", dir.join(DATES_FILE).display()))?;
    said.push_str(&format!("lists are kept in {}\n", dir.display()));
    if failed.is_empty() {
        Ok(said)
    } else {
        Err(said)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_snapshot_is_the_recorded_copy() {
        // The hashes are those of tests/fixtures/PROVENANCE.tsv for the same files.
        let provenance = include_str!("../../tests/fixtures/PROVENANCE.tsv");
        for l in &LISTS {
            assert_eq!(
                hex(&Sha256::digest(l.snapshot.as_bytes())),
                l.sha256,
                "{}",
                l.file
            );
            assert!(
                provenance.contains(l.sha256),
                "{} not in PROVENANCE.tsv",
                l.file
            );
        }
    }

    #[test]
    fn stale_only_after_ninety_days_and_never_for_the_frozen_list() {
        let lists: Vec<InUse> = LISTS
            .iter()
            .map(|list| InUse {
                list,
                text: String::new(),
                date: ailabel::parse_rfc3339("2026-01-01T00:00:00Z"),
                source: "test".to_owned(),
            })
            .collect();
        let day = 86_400;
        let base = ailabel::parse_rfc3339("2026-01-01T00:00:00Z").unwrap();
        assert_eq!(stale_warning(&lists, base + 90 * day), None);
        let w = stale_warning(&lists, base + 91 * day).unwrap();
        assert!(
            w.contains("C2PA trust list is 91 days old (2026-01-01"),
            "{w}"
        );
        assert!(!w.contains("legacy"), "{w}");
        assert_eq!(stale_warning(&lists[2..], base + 900 * day), None);
    }

    #[test]
    fn downloads_are_checked_for_what_they_should_hold() {
        let store = &LISTS[4];
        assert!(validate(store, "// EKU\n1.3.6.1.5.5.7.3.4\n").is_ok());
        assert!(validate(store, "<html>not found</html>").is_err());
        assert!(validate(&LISTS[0], "<html>not found</html>").is_err());
        assert!(validate(&LISTS[0], LISTS[0].snapshot).is_ok());
    }
}
