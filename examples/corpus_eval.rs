//! Prints how the analysis scores against the threats real teams wrote in their own models
//! (`tests/fixtures/corpus/`, or the folder given): per model the authors' threats, how
//! many a generated threat matches once they are removed (recall), the generated threats,
//! and how many generated threats repeat an authors' threat when they are kept
//! (duplicates). What "matches" means: `threatboard::analysis::eval`.
//!
//! `cargo run --no-default-features --example corpus_eval [DIR]`; with
//! `THREATBOARD_EVAL_DETAIL=1` it also prints, per model, each generated threat (`+` when it
//! matches an authors' threat) and the authors' threats none matches.

fn main() -> std::process::ExitCode {
    let dir = std::env::args().nth(1).map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus"),
        std::path::PathBuf::from,
    );
    let catalogue = match threatboard::analysis::Catalogue::builtin() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    match threatboard::analysis::eval::evaluate_dir(&dir, &catalogue) {
        Ok(rows) => {
            if std::env::var_os("THREATBOARD_EVAL_DETAIL").is_some() {
                print_detail(&dir, &catalogue);
            }
            print!("{}", threatboard::analysis::eval::table(&rows));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn print_detail(dir: &std::path::Path, catalogue: &threatboard::analysis::Catalogue) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "tm7"))
        .collect();
    paths.sort();
    for path in paths {
        if let Ok((project, _)) = threatboard::io::import::read(&path) {
            println!("## {}", path.display());
            print!(
                "{}",
                threatboard::analysis::eval::detail(&project, catalogue)
            );
        }
    }
}
