//! The `ailabel check` command line: the JSON-lines contract, exit codes, folders and stdin.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ailabel"))
}

fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}

/// A fresh folder under the system's temporary folder, removed with what is in it when the
/// test lets go of it (also when an assertion fails), so that runs leave nothing behind.
struct TempDir(std::path::PathBuf);

impl std::ops::Deref for TempDir {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for TempDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("ailabel-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    TempDir(d)
}

#[test]
fn json_lines_one_per_input_in_order_with_file_and_verdict() {
    let d = temp_dir("json");
    std::fs::create_dir_all(d.join("sub/deeper")).unwrap();
    std::fs::write(d.join("a.txt"), "An ordinary note about lunch.").unwrap();
    std::fs::write(d.join("sub/b.bin"), [0u8, 1, 2, 3, 0xff, 0xfe, 0x00]).unwrap();
    std::fs::write(d.join("sub/deeper/c.txt"), "Another note.").unwrap();
    let out = bin().args(["check", "--json"]).arg(&d).output().unwrap();
    let ls = lines(&out.stdout);
    assert_eq!(ls.len(), 3, "{}", String::from_utf8_lossy(&out.stdout));
    let files: Vec<&str> = ls.iter().map(|v| v["file"].as_str().unwrap()).collect();
    assert!(files[0].ends_with("a.txt") && files[1].ends_with("b.bin"));
    assert!(files[2].ends_with("c.txt"));
    assert_eq!(ls[0]["verdict"], "no-label");
    assert_eq!(ls[1]["verdict"], "error");
    assert!(ls[1]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("expected"));
    // One input could not be read: exit status 2.
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn exit_zero_when_everything_was_read_and_missing_file_is_an_error_line() {
    let d = temp_dir("exit");
    std::fs::write(d.join("a.txt"), "Plain text.").unwrap();
    let out = bin()
        .args(["check", "--json"])
        .arg(d.join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = bin()
        .args(["check", "--json"])
        .arg(d.join("missing.jpg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let ls = lines(&out.stdout);
    assert_eq!(ls[0]["verdict"], "error");
    assert!(ls[0]["file"].as_str().unwrap().ends_with("missing.jpg"));
}

#[test]
fn stdin_is_read_with_dash() {
    let mut child = bin()
        .args(["check", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Nothing to see here.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let ls = lines(&out.stdout);
    assert_eq!(ls.len(), 1);
    assert_eq!(ls[0]["file"], "-");
    assert_eq!(ls[0]["input"]["format"], "text");
}

#[test]
fn usage_errors_exit_one_and_trust_flags_are_accepted() {
    let out = bin().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = bin()
        .args(["check", "--at", "not-a-time", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("RFC 3339"));
    let d = temp_dir("trust");
    std::fs::write(d.join("a.txt"), "Plain text.").unwrap();
    std::fs::write(d.join("anchors.pem"), "").unwrap();
    let out = bin()
        .args([
            "check",
            "--json",
            "--at",
            "2026-11-28T12:00:00Z",
            "--trust-anchors",
        ])
        .arg(d.join("anchors.pem"))
        .arg(d.join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A trust file that does not exist is a usage error, not a silent no-op.
    let out = bin()
        .args(["check", "--trust-anchors", "/nonexistent/anchors.pem"])
        .arg(d.join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn human_output_names_the_verdict() {
    let d = temp_dir("human");
    std::fs::write(d.join("a.txt"), "Plain text.").unwrap();
    let out = bin().arg("check").arg(d.join("a.txt")).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("no label"), "{s}");
    assert!(s.contains("does not show that a person made it"), "{s}");
    assert!(
        !s.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

/// A JPEG whose v2 manifest declares AI, signed by a fresh test PKI, and the PKI's root.
fn signed_by_test_pki() -> (Vec<u8>, String) {
    use crate::support::{builder, pki};
    let p = pki::pki();
    let signer = p.signer("CLI Test Signer", pki::Key::p256());
    let file = builder::jpeg(&[builder::Mani::new(&signer, vec![&p.intermediate.der])]);
    (file, pki::pem(&p.root.der))
}

/// A trust-list folder laid out as `ailabel trust update` leaves it, with `anchors` as the
/// official C2PA trust list and TSA list, fetched at `date`.
fn snapshot_dir(name: &str, anchors: &str, date: &str) -> TempDir {
    let d = temp_dir(name);
    std::fs::write(d.join("C2PA-TRUST-LIST.pem"), anchors).unwrap();
    std::fs::write(d.join("C2PA-TSA-TRUST-LIST.pem"), anchors).unwrap();
    std::fs::write(
        d.join("fetched-at"),
        format!("C2PA-TRUST-LIST.pem {date}\nC2PA-TSA-TRUST-LIST.pem {date}\n"),
    )
    .unwrap();
    d
}

#[test]
fn no_flags_use_the_default_lists_and_no_default_trust_turns_them_off() {
    let (file, root) = signed_by_test_pki();
    let snap = snapshot_dir("snapshot", &root, "2026-11-01T00:00:00Z");
    std::fs::write(snap.join("x.jpg"), &file).unwrap();
    let run = |extra: &[&str]| {
        let out = bin()
            .env("AILABEL_TRUST_DIR", &snap)
            .args(["check", "--json", "--at", "2026-11-28T12:00:00Z"])
            .args(extra)
            .arg(snap.join("x.jpg"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        (
            lines(&out.stdout).remove(0),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // The test root is the "official" list of this snapshot: trusted, with no flags.
    let (r, err) = run(&[]);
    assert_eq!(r["c2pa"]["state"], "Trusted", "{r}");
    assert_eq!(r["verdict"], "ai-verified");
    assert!(
        !err.contains("warning"),
        "a 27-day-old list is not stale: {err}"
    );
    // Without the default lists the same signer is not trusted.
    let (r, _) = run(&["--no-default-trust"]);
    assert_eq!(r["c2pa"]["state"], "Valid", "{r}");
    assert_eq!(r["verdict"], "ai-signed");
}

#[test]
fn a_stale_list_brings_a_warning() {
    let (file, root) = signed_by_test_pki();
    let snap = snapshot_dir("stale", &root, "2026-01-10T00:00:00Z");
    std::fs::write(snap.join("x.jpg"), &file).unwrap();
    let run = |at: &str, extra: &[&str]| {
        let out = bin()
            .env("AILABEL_TRUST_DIR", &snap)
            .args(["check", "--at", at])
            .args(extra)
            .arg(snap.join("x.jpg"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stderr).unwrap()
    };
    // 2026-01-10 + 90 days = 2026-04-10.
    assert!(!run("2026-04-10T00:00:00Z", &[]).contains("warning"));
    let err = run("2026-04-12T00:00:00Z", &[]);
    assert!(
        err.contains("warning: the C2PA trust list is 92 days old (2026-01-10"),
        "{err}"
    );
    assert!(err.contains("ailabel trust update"), "{err}");
    // The legacy list (built in here) is frozen and never stale.
    assert!(!err.contains("legacy"), "{err}");
    // No default lists, no warning.
    assert!(!run("2027-01-01T00:00:00Z", &["--no-default-trust"]).contains("warning"));
}

#[test]
fn the_built_in_snapshot_is_used_when_nothing_was_fetched() {
    let empty = temp_dir("empty-cache");
    let out = bin()
        .env("AILABEL_TRUST_DIR", &empty)
        .args(["trust", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    // The official list's copy in tests/fixtures/trust (30 certificates, PROVENANCE.tsv hash).
    assert!(s.contains("C2PA trust list\n  30 certificates, from built-in snapshot, dated 2026-08-21T00:00:00Z"), "{s}");
    assert!(s.contains("75cacc98b79ecac33713c7ecfb58d4a0ef383f3c1f886e7409f9e37e8664aea5"));
    assert!(
        s.contains("legacy CAI list (frozen 2026-01-01): allowed certificates\n  86 certificates"),
        "{s}"
    );
    // Its date makes it stale 90 days later.
    std::fs::write(empty.join("a.txt"), "Plain text.").unwrap();
    let out = bin()
        .env("AILABEL_TRUST_DIR", &empty)
        .args(["check", "--at", "2026-11-28T12:00:00Z"])
        .arg(empty.join("a.txt"))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("C2PA trust list is 99 days old (2026-08-21, built-in snapshot)"),
        "{err}"
    );
}

#[test]
fn legacy_trust_takes_a_folder() {
    let (file, root) = signed_by_test_pki();
    let d = temp_dir("legacy");
    std::fs::write(d.join("anchors.pem"), &root).unwrap();
    std::fs::write(d.join("x.jpg"), &file).unwrap();
    let run = |at: &str| {
        let out = bin()
            .args([
                "check",
                "--json",
                "--no-default-trust",
                "--at",
                at,
                "--legacy-trust",
            ])
            .arg(&d)
            .arg(d.join("x.jpg"))
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        lines(&out.stdout).remove(0)
    };
    // No time-stamp: the verification time decides whether the legacy list applies.
    assert_eq!(run("2025-12-31T00:00:00Z")["c2pa"]["state"], "Trusted");
    assert_eq!(run("2026-01-02T00:00:00Z")["c2pa"]["state"], "Valid");
    let out = bin()
        .args(["check", "--legacy-trust"])
        .arg(temp_dir("legacy-empty"))
        .arg(d.join("x.jpg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("anchors.pem"));
}

#[test]
fn text_key_verifies_an_encypher_mark() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/text-hidden");
    let text = format!("{dir}/encypher-basic.txt");
    let out = bin()
        .args(["check", "--json", "--text-key"])
        .arg(format!("{dir}/encypher-key.pem"))
        .arg(&text)
        .output()
        .unwrap();
    assert_eq!(lines(&out.stdout)[0]["verdict"], "ai-verified");
    let out = bin().args(["check", "--json"]).arg(&text).output().unwrap();
    assert_eq!(lines(&out.stdout)[0]["verdict"], "ai-declared");
}

/// The human output names the CAWG identity and its verified accounts; `--cawg-trust` gives
/// the identity signer's anchor (c2pa-web's test anchor for the c2pa-rs fixture).
#[test]
fn human_output_shows_the_cawg_identity() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let x509 = format!("{fixtures}c2pa/features/C_with_CAWG_data.jpg");
    let run = |args: &[&str]| {
        let out = bin()
            .args([
                "check",
                "--no-default-trust",
                "--at",
                "2026-11-28T12:00:00Z",
            ])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&[&x509]);
    assert!(
        text.contains("Identity (valid): A certificate naming C2PA Test Signing Cert"),
        "{text}"
    );
    let anchor = format!("{fixtures}trust/cawg/anchor-cawg.pem");
    let text = run(&["--cawg-trust", &anchor, &x509]);
    assert!(
        text.contains("Identity (trusted): C2PA Test Signing Cert vouches"),
        "{text}"
    );
    let ica = format!("{fixtures}c2pa/features/cawg/adobe_connected_identities.jpg");
    let text = run(&[&ica]);
    assert!(
        text.contains("· cawg.social_media: testuser23 <https://net.s2stagehance.com/testuser23>, verified by behance"),
        "{text}"
    );
}

/// `--cawg-ica-issuer` lists a trusted identity aggregator (here the issuer of the c2pa-rs ICA
/// fixture): its credential is `cawg.ica.credential_valid`; a value that is not a DID is a
/// usage error.
#[test]
fn cawg_ica_issuer_trusts_an_identity_aggregator() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/c2pa/features/cawg/ica_success.jpg"
    );
    let did = "did:jwk:eyJhbGciOiJFZERTQSIsImt0eSI6Ik9LUCIsImNydiI6IkVkMjU1MTkiLCJ4IjoiTXA1LTBlODNuTmdRaGRoQlc4UnNoa2p5OTBzYTFBOUpJemtJdGNEcUN1SSJ9";
    let run = |extra: &[&str]| {
        bin()
            .args([
                "check",
                "--json",
                "--no-default-trust",
                "--at",
                "2026-11-28T12:00:00Z",
            ])
            .args(extra)
            .arg(file)
            .output()
            .unwrap()
    };
    let codes = |out: &std::process::Output, list: &str| -> Vec<String> {
        lines(&out.stdout)[0]["c2pa"]["validation"][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap().to_owned())
            .filter(|c| c.starts_with("cawg."))
            .collect()
    };
    let out = run(&["--cawg-ica-issuer", did]);
    assert_eq!(codes(&out, "success"), ["cawg.ica.credential_valid"]);
    let out = run(&[]);
    assert_eq!(codes(&out, "informational"), ["cawg.ica.untrusted_issuer"]);
    let out = run(&["--cawg-ica-issuer", "issuers.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected --cawg-ica-issuer to be a DID"));
}

/// Without `--fetch-remote` the human output says where the credentials are and how to fetch
/// them; with it, a plain-HTTP reference is still refused (https: only), so no request is made.
#[test]
fn remote_credentials_are_named_and_fetched_only_when_asked() {
    let cloud = crate::support::fixtures::fixture("c2pa/remote/cloud.jpg");
    let out = bin()
        .args(["check", "--no-default-trust", "--no-watermarks"])
        .arg(&cloud)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("stored remotely at cai-manifests.adobe.com"),
        "{text}"
    );
    assert!(text.contains("run again with --fetch-remote"), "{text}");

    let http = crate::support::fixtures::fixture("c2pa/remote/libpng-test_with_url.png");
    let out = bin()
        .args(["check", "--json", "--no-default-trust", "--fetch-remote"])
        .arg(&http)
        .output()
        .unwrap();
    let line = &lines(&out.stdout)[0];
    assert_eq!(
        line["remote_manifest"]["url"],
        "http://localhost:5000/libpng-test.c2pa"
    );
    assert_eq!(line["remote_manifest"]["status"], "not-fetched");
    assert_eq!(line["remote_manifest"]["fetchable"], false);
    assert!(line["summary"]
        .as_str()
        .unwrap()
        .contains("only https: addresses are fetched"));
    assert!(line["c2pa"].is_null());
}
