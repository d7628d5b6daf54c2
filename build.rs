//! Build script: records the commit the binary was built from, for `ailabel --version`.
//!
//! The commit is `AILABEL_COMMIT` when set (for builds from a source archive, where there is no
//! git), else `git rev-parse --short=12 HEAD`, else
//! `unknown`. Nothing here touches the network.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn main() {
    println!("cargo:rerun-if-env-changed=AILABEL_COMMIT");
    let commit = match std::env::var("AILABEL_COMMIT") {
        Ok(c) if !c.trim().is_empty() => c.trim().to_owned(),
        _ => match git(&["rev-parse", "--short=12", "HEAD"]) {
            Some(hash) => {
                // Rebuild when HEAD moves: HEAD itself and the branch it names.
                // Only files that exist: cargo treats a missing one as always stale, and would
                // then rebuild the crate on every build (a clone with no packed refs has none).
                let mut files = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
                if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
                    files.push(branch);
                }
                for file in &files {
                    if let Some(p) = git(&["rev-parse", "--git-path", file]) {
                        if std::path::Path::new(&p).exists() {
                            println!("cargo:rerun-if-changed={p}");
                        }
                    }
                }
                hash
            }
            None => "unknown".to_owned(),
        },
    };
    println!("cargo:rustc-env=AILABEL_COMMIT={commit}");
}
