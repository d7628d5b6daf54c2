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
