//! "Never panics, errors name the place" for the readers of rule catalogues and their
//! condition language (the project, Threat Dragon, TMT and OTM readers have theirs in
//! project_files.rs, interop.rs, import_tm7.rs and import_otm.rs).

mod common;

use std::path::Path;

use proptest::prelude::*;
use threatboard::analysis::Catalogue;
use threatboard::analysis::expr::{Subject, compile};

/// Words a condition is made of, so generated text gets past the lexer often.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("flow.".to_owned()),
        Just("source.".to_owned()),
        Just("target.".to_owned()),
        Just("element.".to_owned()),
        Just("kind".to_owned()),
        Just("crosses_boundary".to_owned()),
        Just("classification".to_owned()),
        Just("crosses.internet".to_owned()),
        Just("technology".to_owned()),
        Just(" and ".to_owned()),
        Just(" or ".to_owned()),
        Just("not ".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just(" == ".to_owned()),
        Just(" >= ".to_owned()),
        Just(" contains ".to_owned()),
        Just("process".to_owned()),
        Just("confidential".to_owned()),
        Just("\"redis\"".to_owned()),
        Just("3.5".to_owned()),
        "[a-z_.=!<>()\" 0-9\n]{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any condition text compiles or gives an error with a line and column inside it.
    #[test]
    fn conditions_compile_or_say_where(parts in proptest::collection::vec(token(), 0..24)) {
        let src: String = parts.concat();
        for subject in [Subject::Flow, Subject::Element] {
            if let Err(e) = compile(&src, subject) {
                let lines = src.lines().count().max(1);
                prop_assert!(e.line >= 1 && e.line <= lines + 1, "{e} in {src:?}");
                prop_assert!(e.col >= 1, "{e}");
                prop_assert!(!e.message.is_empty());
            }
        }
    }

    /// A catalogue cut or spliced anywhere merges or is refused with the file named.
    #[test]
    fn catalogues_merge_or_are_refused(cut in 0.0f64..1.0, at in 0.0f64..1.0, junk in "[(),:\"a-z0-9 \n\\[\\]]{0,12}") {
        let base = Catalogue::builtin().expect("built-in rules");
        let text = Catalogue::builtin_text();
        let mutated = common::splice(text, text.len(), cut, at, &junk);
        if let Err(e) = base.merged(&mutated, Path::new("team-rules.ron")) {
            prop_assert!(e.to_string().contains("team-rules.ron"), "{e}");
        }
    }
}
