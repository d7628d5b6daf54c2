//! The `ailabel` command line (placeholder until the CLI lands).

fn main() {
    std::process::exit(ailabel_cli::run());
}

mod ailabel_cli {
    pub fn run() -> i32 {
        0
    }
}
