//! The hundred and twenty-four authored models (`tests/fixtures/authored/`, written by
//! sessions that never saw the rules) import and are analysed: every format variant they
//! use reads, and each model gets threats and answered STRIDE cells. What they taught the
//! rules is tested on hand-built models in `analysis_words.rs`; these are the files
//! themselves.

use std::path::Path;

use threatboard::analysis::{self, Catalogue};

#[test]
fn every_authored_model_imports_and_gets_threats() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/authored");
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let mut seen = 0;
    // Sets 1 to 149, each in its own folder.
    for n in 1..=149 {
        let set = format!("set{n}");
        let mut paths: Vec<_> = std::fs::read_dir(root.join(&set))
            .expect("the authored models are in the repository")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let (project, _) = threatboard::io::import::read(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let a = analysis::analyze(&project, &catalogue);
            assert!(
                a.threats().count() >= 3,
                "{}: {} threats",
                path.display(),
                a.threats().count()
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 754);
}
