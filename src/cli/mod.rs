//! Argument parsing and the `check` command's driver.
//!
//! Exit codes: 0 when every input was checked (whatever the verdicts), 2 when any input could not
//! be read (its line still says `"verdict":"error"`), 1 for a usage error (including an
//! `--output` file that cannot be written).

mod args;
mod completions;
mod help;
mod inputs;
mod output;
mod remote;
mod report_file;
mod trust;

use ailabel::{Options, Verdict};
use args::Args;
use std::io::{BufWriter, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Run the command line; returns the process exit code.
pub fn main() -> i32 {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match args::parse(&argv) {
        Ok(args::Command::Check(a)) => *a,
        Ok(args::Command::Help) => {
            print!("{}{}", args::USAGE, help::MORE);
            return 0;
        }
        Ok(args::Command::Version) => {
            println!("{}", help::version());
            return 0;
        }
        Ok(args::Command::TrustShow) => {
            print!("{}", trust::show());
            return 0;
        }
        Ok(args::Command::TrustUpdate) => {
            return match trust::update(now()) {
                Ok(said) => {
                    print!("{said}");
                    0
                }
                Err(said) => {
                    eprint!("ailabel: the official lists could not all be updated\n{said}");
                    1
                }
            };
        }
        Ok(args::Command::Completions(shell)) => {
            return match completions::script(&shell) {
                Ok(script) => {
                    print!("{script}");
                    0
                }
                Err(msg) => {
                    eprintln!("ailabel: {msg}");
                    1
                }
            };
        }
        Err(msg) => {
            eprintln!("ailabel: {msg}\n\n{}", args::USAGE);
            return 1;
        }
    };
    let lists = (!args.no_default_trust).then(trust::load);
    let options = match args.options(lists.as_deref()) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("ailabel: {msg}");
            return 1;
        }
    };
    if let Some(w) = lists
        .as_deref()
        .and_then(|l| trust::stale_warning(l, options.verify_time.unwrap_or_else(now)))
    {
        eprintln!("ailabel: {w}");
    }
    run_check(&args, &options)
}

/// Seconds since the Unix epoch now.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn run_check(args: &Args, options: &Options) -> i32 {
    let (paths, walk_errors) = inputs::expand(&args.paths);
    let progress = output::Progress::new(args.paths.iter().any(|p| inputs::is_dir(p)), paths.len());
    let style = output::Style::detect(args.format, args.output.is_some());
    let html = style.format() == output::Format::Html;
    let mut failed = false;

    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(BufWriter::new(f)),
            Err(e) => {
                eprintln!("ailabel: cannot write {path}: {e}");
                return 1;
            }
        },
        None => Box::new(std::io::stdout().lock()),
    };
    let _ = output::start(&mut out, &style);
    // For `--format html`: every report, in input order, written as one document at the end.
    let mut collected: Vec<(String, ailabel::Report)> = Vec::new();
    for (name, message) in &walk_errors {
        let report = ailabel::error_report(message, ailabel::ErrorKind::Io);
        failed = true;
        let _ = output::write(&mut out, &style, name, &report);
        if html {
            collected.push((name.clone(), report));
        }
    }

    // Check in parallel, print in input order.
    let next = AtomicUsize::new(0);
    // `--jobs`, else one worker per core (at most 8). However many there are, the pixels they
    // decode at once are bounded by `Limits::max_pixels_in_flight`, one image's budget.
    let workers = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(8)
    });
    let (tx, rx) = mpsc::channel::<(usize, ailabel::Report)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            let paths = &paths;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = paths.get(i) else { break };
                let report = inputs::check_one(input, options, args.fetch_remote);
                if tx.send((i, report)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut printed = 0usize;
        for (i, report) in rx {
            pending.insert(i, report);
            while let Some(report) = pending.remove(&printed) {
                if report.verdict == Verdict::Error {
                    failed = true;
                }
                progress.clear();
                let name = paths
                    .get(printed)
                    .map(inputs::Input::display)
                    .unwrap_or_default();
                if output::write(&mut out, &style, &name, &report).is_err() {
                    // A closed pipe (e.g. `| head`) is not a failure of the check.
                    return;
                }
                if html {
                    collected.push((name, report));
                }
                printed += 1;
                progress.show(printed);
            }
        }
    });
    progress.clear();
    if html {
        let doc = report_file::html(args, options, collected);
        let _ = out.write_all(doc.as_bytes());
    }
    if let Err(e) = out.flush() {
        if let Some(path) = &args.output {
            eprintln!("ailabel: cannot write {path}: {e}");
            return 1;
        }
    }
    if failed {
        2
    } else {
        0
    }
}
