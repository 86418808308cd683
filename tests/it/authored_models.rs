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
    for set in [
        "set1", "set2", "set3", "set4", "set5", "set6", "set7", "set8", "set9", "set10", "set11",
        "set12", "set13", "set14", "set15", "set16", "set17", "set18", "set19", "set20", "set21",
        "set22", "set23", "set24", "set25", "set26", "set27", "set28", "set29", "set30", "set31",
        "set32", "set33", "set34", "set35", "set36", "set37", "set38", "set39", "set40", "set41",
        "set42", "set43", "set44", "set45", "set46", "set47", "set48", "set49", "set50", "set51",
        "set52", "set53",
    ] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(set))
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
    assert_eq!(seen, 274);
}
