//! The `ailabel` command line: `ailabel check [options] PATH...` for newsroom batches.
//!
//! All the work is in the library; this binary reads files, runs checks in parallel, and prints
//! a human-readable summary, one JSON object per input per line, CSV rows, or one HTML report.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
