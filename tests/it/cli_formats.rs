//! `ailabel check --format human|jsonl|csv|html` and `--output` on one folder: the same inputs,
//! the same exit status, each format's shape. The CSV header and column order are a golden
//! contract. Expected verdicts come from how each input was made or from the reference results
//! (`tests/fixtures/reference.json`, profile `none`), never from our own output.

use crate::support::fixtures::{fixture, reference};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The golden CSV header (RFC 4180, CRLF).
const CSV_HEADER: &str = "file,verdict,ai_kind,ai_tools,signer,signing_time,timestamped,c2pa_state,invalid_reason,failure_codes,format,size,sha256,errors\r\n";

/// A name a spreadsheet would run as a formula, and markup, from a hostile sender (a file name
/// cannot hold `/`, so no closing tags).
const HOSTILE_NAME: &str = "=HYPERLINK(x)<b>bold<img src=x onerror=alert(1)>.txt";

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The reference state of a fixture under the `none` profile.
fn reference_state(rel: &str) -> String {
    let all = reference();
    let e = all.iter().find(|e| e["file"] == rel).unwrap();
    assert_eq!(
        e["dst"],
        serde_json::json!([]),
        "{rel}: expected no digital source type"
    );
    e["none"]["state"].as_str().unwrap().to_owned()
}

const CAICAI: &str = "c2pa/chains/adobe-20220124-CAICAI.jpg";
const XCA: &str = "c2pa/tampered/adobe-20220124-XCA.jpg";

/// A folder of inputs, sorted by name as the CLI lists them, with the expected verdicts.
fn folder() -> (PathBuf, Vec<(String, String)>) {
    let (caicai, xca) = (fixture(CAICAI), fixture(XCA));
    let d = std::env::temp_dir().join(format!("ailabel-cli-formats-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    // A plain note: no label of any kind. Junk bytes: not an image nor text, so unreadable.
    std::fs::write(d.join("a-note.txt"), "An ordinary note about lunch.").unwrap();
    std::fs::write(
        d.join("b-junk.bin"),
        [0u8, 0x13, 0x37, 0xfe, 0xed, 0x00, 0xff],
    )
    .unwrap();
    std::fs::copy(caicai, d.join("c-caicai.jpg")).unwrap();
    std::fs::copy(xca, d.join("d-xca.jpg")).unwrap();
    std::fs::write(d.join(HOSTILE_NAME), "Another ordinary note.").unwrap();
    let expect = |state: String| match state.as_str() {
        // No digital source type declared (checked above): valid credentials, no AI.
        "Valid" | "Trusted" => "provenance".to_owned(),
        "Invalid" => "invalid".to_owned(),
        other => panic!("unexpected reference state {other}"),
    };
    let mut expected = vec![
        (
            "=HYPERLINK(x)<b>bold<img src=x onerror=alert(1)>.txt".to_owned(),
            "no-label".to_owned(),
        ),
        ("a-note.txt".to_owned(), "no-label".to_owned()),
        ("b-junk.bin".to_owned(), "error".to_owned()),
        ("c-caicai.jpg".to_owned(), expect(reference_state(CAICAI))),
        ("d-xca.jpg".to_owned(), expect(reference_state(XCA))),
    ];
    expected.sort();
    (d, expected)
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ailabel"))
        .arg("check")
        .args(args)
        .args(["--at", "2026-11-28T12:00:00Z", "--no-watermarks"])
        .arg(dir)
        .output()
        .unwrap()
}

fn name_of(path: &str) -> &str {
    path.rsplit('/').next().unwrap()
}

#[test]
fn every_format_on_a_folder() {
    let (dir, expected) = folder();

    // jsonl, and --json as its alias: byte for byte the same.
    let jsonl = run(&dir, &["--format", "jsonl"]);
    assert_eq!(jsonl.status.code(), Some(2), "junk is unreadable: exit 2");
    assert_eq!(run(&dir, &["--json"]).stdout, jsonl.stdout);
    // One worker or several: the same lines in the same (input) order.
    assert_eq!(run(&dir, &["--json", "--jobs", "1"]).stdout, jsonl.stdout);
    assert_eq!(run(&dir, &["--json", "-j", "3"]).stdout, jsonl.stdout);
    let lines: Vec<serde_json::Value> = String::from_utf8(jsonl.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(String, String)> = lines
        .iter()
        .map(|v| {
            (
                name_of(v["file"].as_str().unwrap()).to_owned(),
                v["verdict"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(got, expected);

    // human: one paragraph per input, the same exit status.
    let human = run(&dir, &["--format", "human"]);
    assert_eq!(human.status.code(), Some(2));
    let text = String::from_utf8(human.stdout).unwrap();
    assert_eq!(
        text.lines().filter(|l| !l.starts_with(' ')).count(),
        expected.len(),
        "{text}"
    );
    assert!(text.contains("INVALID credentials") && text.contains("no label"));

    // csv: the golden header, then one row per input in input order.
    let csv = run(&dir, &["--format", "csv"]);
    assert_eq!(csv.status.code(), Some(2));
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with(CSV_HEADER), "{csv}");
    let rows: Vec<&str> = csv
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(rows.len(), expected.len(), "{csv}");
    for (row, (name, verdict)) in rows.iter().zip(&expected) {
        let fields: Vec<&str> = row.split(',').collect();
        assert!(fields[0].ends_with(name), "{row}");
        assert_eq!(fields[1], verdict, "{row}");
    }
    // The hostile name starts with the folder path, so it is not a formula; its own cell
    // content is kept verbatim.
    assert!(rows[0].contains(HOSTILE_NAME));
    let xca_row: Vec<&str> = rows[4].split(',').collect();
    assert_eq!(xca_row[7], "Invalid");
    // A data hash that no longer matches: the file was altered after signing.
    assert_eq!(xca_row[8], "altered");
    assert!(
        xca_row[9].contains("assertion.dataHash.mismatch"),
        "{}",
        rows[4]
    );
    let bytes = std::fs::read(dir.join("d-xca.jpg")).unwrap();
    assert_eq!(xca_row[11], bytes.len().to_string());
    assert_eq!(xca_row[12], sha256_hex(&bytes));

    // html to a file with --output: nothing on stdout, one document, one section per input.
    let out_file = dir.with_extension("report.html");
    let html = run(
        &dir,
        &["--format", "html", "--output", out_file.to_str().unwrap()],
    );
    assert_eq!(html.status.code(), Some(2));
    assert!(html.stdout.is_empty());
    let doc = std::fs::read_to_string(&out_file).unwrap();
    assert!(doc.starts_with("<!DOCTYPE html>"));
    assert!(!doc.to_lowercase().contains("<script"), "no scripts");
    assert!(!doc.contains("<img src=x"), "no markup from the file name");
    assert!(
        doc.contains("&lt;b&gt;bold&lt;img src=x onerror=alert(1)&gt;"),
        "the hostile name is escaped"
    );
    assert_eq!(
        doc.matches("<section class=\"file\"").count(),
        expected.len()
    );
    let summary = doc.find("id=\"summary-h\"").unwrap();
    assert!(summary < doc.find("id=\"file-1\"").unwrap());
    for (_, verdict) in &expected {
        assert!(doc.contains(&format!("data-verdict=\"{verdict}\"")));
    }
    assert!(
        doc.contains("2026-11-28T12:00:00Z"),
        "the verification time is stated"
    );
    assert!(doc.contains(&sha256_hex(&bytes)), "each file's SHA-256");
    assert!(
        doc.contains("<svg class=\"provenance\""),
        "the provenance picture"
    );
    let _ = std::fs::remove_file(out_file);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn html_report_names_the_trust_files_with_their_hash() {
    let d = std::env::temp_dir().join(format!("ailabel-cli-trust-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let note = d.join("note.txt");
    std::fs::write(&note, "Plain text.").unwrap();
    let cfg = fixture("store.cfg");
    let out = Command::new(env!("CARGO_BIN_EXE_ailabel"))
        .args(["check", "--format", "html", "--trust-config"])
        .arg(&cfg)
        .arg(&note)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc = String::from_utf8(out.stdout).unwrap();
    let hash = sha256_hex(&std::fs::read(&cfg).unwrap());
    assert!(doc.contains(&hash), "the trust file's SHA-256");
    assert!(doc.contains("accepted key usages"));
    // The binary's own SHA-256.
    let exe = sha256_hex(&std::fs::read(env!("CARGO_BIN_EXE_ailabel")).unwrap());
    assert!(doc.contains(&exe));
    let _ = std::fs::remove_dir_all(d);
}

#[test]
fn bad_format_and_unwritable_output_are_usage_errors() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ailabel"))
            .args(args)
            .output()
            .unwrap()
    };
    assert_eq!(
        run(&["check", "--format", "xml", "x"]).status.code(),
        Some(1)
    );
    let out = run(&[
        "check",
        "--output",
        "/nonexistent-dir/x/y.html",
        "Cargo.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
}
