//! Text labels: plain-text disclosures (and the evaluation set), HTML, hidden Unicode marks
//! (EncypherAI marks among them) and the signed C2PA text wrapper.

mod c2pa;
mod encypher;
mod eval;
mod hidden;
mod html;
mod plain;
mod sentence;
mod sweep;

/// The evaluation set's files (`tests/fixtures/text-disclosures/*.jsonl`, one per language), sorted.
fn eval_files() -> Vec<std::path::PathBuf> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/text-disclosures"
    );
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Every entry of the evaluation set's files, one JSON object per non-empty line.
fn eval_entries(files: &[std::path::PathBuf]) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for f in files {
        for line in std::fs::read_to_string(f).expect("read").lines() {
            if !line.trim().is_empty() {
                out.push(serde_json::from_str(line).expect("json line"));
            }
        }
    }
    out
}
