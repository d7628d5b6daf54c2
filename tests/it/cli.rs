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

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("ailabel-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
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
