//! Prints how the analysis scores against the threats real teams wrote in their own models
//! (`tests/fixtures/corpus/`, or the folder given): per model the authors' threats, how
//! many a generated threat matches once they are removed (recall), the generated threats,
//! and how many generated threats repeat an authors' threat when they are kept
//! (duplicates). What "matches" means: `threatboard::analysis::eval`.
//!
//! `cargo run --no-default-features --example corpus_eval [DIR]`

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
            print!("{}", threatboard::analysis::eval::table(&rows));
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
