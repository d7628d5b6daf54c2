//! Turning PATH arguments into inputs: files, folders searched recursively, and `-` for stdin.

use ailabel::{ErrorKind, Options, Report};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Deepest folder nesting followed.
const MAX_DIR_DEPTH: usize = 64;

/// One input to check.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Input {
    /// The name printed for this input.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_owned(),
        }
    }
}

/// True if `arg` names a folder.
pub fn is_dir(arg: &str) -> bool {
    arg != "-" && Path::new(arg).is_dir()
}

/// Expand PATH arguments: folders recursively (sorted, symlinked folders not followed), in the
/// order given. Returns the inputs and the paths that could not be listed, with a reason.
pub fn expand(args: &[String]) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
        } else if is_dir(arg) {
            walk_dir(Path::new(arg), 0, &mut inputs, &mut errors);
        } else {
            inputs.push(Input::File(PathBuf::from(arg)));
        }
    }
    (inputs, errors)
}

fn walk_dir(dir: &Path, depth: usize, inputs: &mut Vec<Input>, errors: &mut Vec<(String, String)>) {
    if depth > MAX_DIR_DEPTH {
        errors.push((
            dir.display().to_string(),
            "folder nesting is too deep".to_owned(),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push((
                dir.display().to_string(),
                format!("cannot list folder: {e}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            walk_dir(&p, depth + 1, inputs, errors);
        } else if meta.is_file() || (meta.file_type().is_symlink() && p.is_file()) {
            inputs.push(Input::File(p));
        }
    }
}

/// Read and check one input (fetching its remote Content Credentials when `fetch_remote` is
/// set and it names some). Never panics; an unreadable input gives an `error` report.
pub fn check_one(input: &Input, options: &Options, fetch_remote: bool) -> Report {
    let limit = options.limits.max_input_bytes;
    let bytes = match input {
        Input::File(p) => read_file(p, limit),
        Input::Stdin => read_capped(std::io::stdin().lock(), limit, 0),
    };
    match bytes {
        Ok(b) if fetch_remote => super::remote::recheck(&b, options, ailabel::check(&b, options)),
        Ok(b) => ailabel::check(&b, options),
        Err(msg) => ailabel::error_report(&msg, ErrorKind::Io),
    }
}

fn read_file(p: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(p).map_err(|e| format!("cannot open {}: {e}", p.display()))?;
    let mut size = 0;
    if let Ok(m) = f.metadata() {
        if m.len() > limit {
            return Err(format!(
                "{} is {} bytes, over the input limit of {limit} bytes",
                p.display(),
                m.len()
            ));
        }
        size = m.len();
    }
    read_capped(f, limit, size)
}

/// Read at most `limit` bytes (one more is an error). `size` is the expected length: the buffer
/// is reserved at that size, so that a 20 MB file costs 20 MB and not the 32 MiB that growing
/// by doubling would reach.
fn read_capped(r: impl Read, limit: u64, size: u64) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    let _ = buf.try_reserve_exact(usize::try_from(size.min(limit)).unwrap_or(0));
    r.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read input: {e}"))?;
    if u64::try_from(buf.len()).unwrap_or(u64::MAX) > limit {
        return Err(format!("input is over the limit of {limit} bytes"));
    }
    Ok(buf)
}
