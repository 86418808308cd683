//! "Never panics, errors name the place" for the readers of rule catalogues and their
//! condition language, evidence (SARIF, JUnit XML), CloudFormation templates and block
//! libraries, OpenSSH allowed_signers files and sign-off signatures (the project, Threat
//! Dragon, TMT and OTM readers have theirs in project_files.rs, interop.rs, import_tm7.rs
//! and import_otm.rs).

use crate::common;

use std::path::Path;

use proptest::prelude::*;
use threatboard::analysis::Catalogue;
use threatboard::analysis::expr::{Subject, compile};
use threatboard::history::allowed_signers::AllowedSigners;
use threatboard::history::signing;
use threatboard::model::SignOff;

/// A test-only key, signature or allowed_signers file.
fn signing_fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/signing")
        .join(name)
}

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

    /// Scanner logs and test reports cut or spliced anywhere read, or are refused with the
    /// file named (and, for syntax errors, a line).
    #[test]
    fn evidence_reads_or_is_refused(which in 0usize..4, cut in 0.0f64..1.0, at in 0.0f64..1.0, junk in "[{}\\[\\],:\"<>/=a-z0-9 \n]{0,12}") {
        let files = [
            common::sample("evidence/checkov.sarif"),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop/sarif/ash-cfn-guard-3.2.1-wa-Security-Pillar-insecure.sarif"),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop/sarif/kics-E2E_CLI_080_RESULT.sarif"),
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence/junit.xml"),
        ];
        let text = std::fs::read_to_string(&files[which]).expect("reads");
        let mutated = common::splice(&text, text.len(), cut, at, &junk);
        if let Err(e) = threatboard::evidence::parse(mutated.as_bytes(), Path::new("ci-results.sarif"), "") {
            prop_assert!(e.to_string().contains("ci-results.sarif"), "{e}");
        }
    }

    /// Templates and block libraries cut or spliced anywhere read, or are refused with the
    /// file named.
    #[test]
    fn templates_and_libraries_read_or_are_refused(cut in 0.0f64..1.0, at in 0.0f64..1.0, junk in "[(){}\\[\\],:\"!a-zA-Z0-9 \n-]{0,12}") {
        let template = std::fs::read_to_string(common::sample("serverless.template.yaml")).expect("reads");
        let mutated = common::splice(&template, template.len(), cut, at, &junk);
        if let Err(e) = threatboard::evidence::Template::parse(&mutated, Path::new("stack.yaml")) {
            prop_assert!(e.to_string().contains("stack.yaml"), "{e}");
        }
        let library = std::fs::read_to_string(common::sample("aws-serverless.blocks.ron")).expect("reads");
        let mutated = common::splice(&library, library.len(), cut, at, &junk);
        if let Err(e) = threatboard::blocks::Library::parse(&mutated, Path::new("org.blocks.ron")) {
            prop_assert!(e.to_string().contains("org.blocks.ron"), "{e}");
        }
    }
    /// allowed_signers files cut or spliced anywhere read, or are refused with the file and
    /// the line.
    #[test]
    fn allowed_signers_read_or_name_the_line(cut in 0.0f64..1.0, at in 0.0f64..1.0, junk in "[,\"=!*?# a-zA-Z0-9+/\n-]{0,12}") {
        let text = std::fs::read_to_string(signing_fixture("allowed_signers")).expect("reads");
        let mutated = common::splice(&text, text.len(), cut, at, &junk);
        match AllowedSigners::parse(&mutated, Path::new("team_signers")) {
            Ok(a) => {
                for e in &a.entries {
                    let _ = a.allows("test@example.com", e.key.key_data(), "threatboard-signoff", "2026-12-02T10:15Z");
                }
            }
            Err(e) => {
                let lines = mutated.lines().count().max(1);
                prop_assert!(e.line >= 1 && e.line <= lines, "{e}");
                prop_assert!(e.to_string().starts_with(&format!("team_signers:{}: ", e.line)), "{e}");
            }
        }
    }

    /// A sign-off's signature cut or spliced anywhere is checked without a panic: it
    /// verifies only when unchanged, else it is "signature invalid" with a reason.
    #[test]
    fn signatures_check_or_are_invalid(which in 0usize..2, cut in 0.0f64..1.0, at in 0.0f64..1.0, junk in "[A-Za-z0-9+/=\n -]{0,12}") {
        let file = ["message.ed25519.sig", "message.ecdsa.sig"][which];
        let text = std::fs::read_to_string(signing_fixture(file)).expect("reads");
        let mutated = common::splice(&text, text.len(), cut, at, &junk);
        let record = SignOff {
            reviewer: "test@example.com".into(),
            signature: mutated.clone(),
            ..SignOff::default()
        };
        // The fixtures sign another text than this record's: never a good signature.
        let check = signing::check_record(&record, None);
        prop_assert!(!check.verifies(), "{check:?}");
        match check {
            signing::SignatureCheck::Invalid { reason } => prop_assert!(!reason.is_empty()),
            other => prop_assert!(matches!(other, signing::SignatureCheck::Unsigned), "{other:?}"),
        }
        let _ = signing::read_signature(&mutated);
    }
}
