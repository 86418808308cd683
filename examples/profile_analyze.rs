//! Runs the analysis repeatedly on a synthetic project, for profilers:
//! `cargo run --release --example profile_analyze -- 1000 200`.

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let project = threatboard::synthetic::project(n);
    let catalogue = threatboard::analysis::Catalogue::builtin().expect("built-in catalogue");
    let start = std::time::Instant::now();
    let mut findings = 0;
    for _ in 0..runs {
        findings += threatboard::analysis::analyze(&project, &catalogue)
            .findings
            .len();
    }
    println!(
        "{n} elements: {:?} per analysis, {} findings",
        start.elapsed() / runs as u32,
        findings / runs
    );
}
