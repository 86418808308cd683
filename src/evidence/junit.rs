//! JUnit XML: `<testsuites>` or a single `<testsuite>`, each `<testcase name classname>` with
//! a `<failure>`, `<error>` or `<skipped>` child when it did not pass (the dialect written
//! by cargo-nextest, pytest, Maven Surefire, Jest, Go's gotestsum and checkov).

use std::path::Path;

use super::{MAX_MESSAGE_CHARS, MAX_RESULTS, TestCase, TestOutcome, clip};
use crate::io::{FileError, FileErrorKind};

pub(super) fn parse(text: &str, path: &Path) -> Result<Vec<TestCase>, FileError> {
    let doc = crate::io::xml_document(text, path, 4 * MAX_RESULTS as u32)?;
    let root = doc.root_element();
    if !matches!(root.tag_name().name(), "testsuites" | "testsuite") {
        return Err(FileError::new(
            path,
            FileErrorKind::Invalid(format!(
                "an XML file, but not JUnit XML: its root is <{}>, expected <testsuites> or <testsuite>",
                root.tag_name().name()
            )),
        ));
    }
    let mut cases = Vec::new();
    for case in root.descendants().filter(|n| n.has_tag_name("testcase")) {
        if cases.len() == MAX_RESULTS {
            return Err(FileError::new(
                path,
                FileErrorKind::Invalid(format!("more than {MAX_RESULTS} test cases")),
            ));
        }
        let mut outcome = TestOutcome::Passed;
        for child in case.children().filter(|c| c.is_element()) {
            match child.tag_name().name() {
                "failure" | "error" => {
                    let text = child
                        .attribute("message")
                        .filter(|m| !m.trim().is_empty())
                        .or_else(|| child.text())
                        .unwrap_or(child.tag_name().name());
                    outcome = TestOutcome::Failed(clip(text.trim(), MAX_MESSAGE_CHARS));
                    break;
                }
                "skipped" => outcome = TestOutcome::Skipped,
                _ => {}
            }
        }
        cases.push(TestCase {
            name: clip(case.attribute("name").unwrap_or(""), 1_000),
            classname: clip(case.attribute("classname").unwrap_or(""), 1_000),
            outcome,
        });
    }
    Ok(cases)
}
