//! The `ailabel` command line: `ailabel check [options] PATH...` for newsroom batches.
//!
//! All the work is in the library; this binary reads files, runs checks in parallel, and prints
//! either a human-readable summary or one JSON object per input per line.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
