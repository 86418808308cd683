//! The pipeline's evidence: scanner results (SARIF 2.1.0 from cfn-lint, cfn_nag, checkov,
//! cfn-guard, KICS, trivy …) and test results (JUnit XML), read so that the controls named
//! on mitigations can be checked against them (`verify`).
//!
//! Every reader takes files from elsewhere: sizes, counts and string lengths are bounded,
//! and a bad file gives a [`FileError`] naming the file and the place, never a panic.

mod junit;
mod render;
mod sarif;
pub mod template;
mod verify;

use std::path::{Path, PathBuf};

pub use render::{Format, render};
pub use template::{Template, TemplateResource};
pub use verify::{
    ControlResult, ControlState, ImplementationFinding, ThreatVerification, Verification, verify,
};

use crate::io::{FileError, FileErrorKind};

/// The largest evidence file read: a SARIF log of a big monorepo is a few MB.
pub const MAX_EVIDENCE_BYTES: u64 = 64 * 1024 * 1024;
/// Results (or test cases) kept from one file.
pub const MAX_RESULTS: usize = 200_000;
/// Characters kept of one message (scanners repeat whole resources in them).
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// One evidence file as read.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceFile {
    /// As given (shown in reports).
    pub path: PathBuf,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// When the evidence was produced: the tool's own end time if it wrote one, else the
    /// file's modification time (ISO 8601 UTC); empty when neither is known.
    pub date: String,
    pub content: Content,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Sarif(Vec<ScanRun>),
    Junit(Vec<TestCase>),
}

impl EvidenceFile {
    /// "SARIF: checkov 3.3.30, 41 results" / "JUnit: 12 tests".
    pub fn summary(&self) -> String {
        match &self.content {
            Content::Sarif(runs) => {
                let tools: Vec<String> = runs
                    .iter()
                    .map(|r| {
                        if r.tool_version.is_empty() {
                            r.tool.clone()
                        } else {
                            format!("{} {}", r.tool, r.tool_version)
                        }
                    })
                    .collect();
                let results: usize = runs.iter().map(|r| r.results.len()).sum();
                format!(
                    "SARIF: {}, {results} result{}",
                    tools.join(", "),
                    if results == 1 { "" } else { "s" }
                )
            }
            Content::Junit(cases) => format!(
                "JUnit: {} test{}",
                cases.len(),
                if cases.len() == 1 { "" } else { "s" }
            ),
        }
    }
}

/// One tool's run in a SARIF log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScanRun {
    /// The tool as controls name it: the driver's name in lower case ("cfn-lint",
    /// "checkov", "cfn_nag", "cfn-guard", "kics").
    pub tool: String,
    pub tool_version: String,
    /// Rules the log describes (`tool.driver.rules`).
    pub rules: Vec<RuleInfo>,
    /// Rules the run's configuration turned off.
    pub disabled: Vec<String>,
    /// False when the tool said its run failed (`executionSuccessful: false`).
    pub succeeded: bool,
    pub results: Vec<ScanResult>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleInfo {
    pub id: String,
    /// Its short description or name.
    pub text: String,
}

/// One result of a scanner.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScanResult {
    pub rule: String,
    /// SARIF level: error, warning, note or none.
    pub level: String,
    /// `pass` results (rare) say a rule passed on a resource; everything else is a finding.
    pub kind: String,
    pub message: String,
    /// The file it is in, as the tool wrote it.
    pub uri: String,
    pub start_line: Option<u32>,
    pub end_line: Option<u32>,
    /// Logical locations' names (cfn_nag puts the logical resource id there).
    pub logical: Vec<String>,
    /// The key on the first line of the region's snippet (checkov quotes the resource,
    /// `  InvoiceBucket:` first), when it looks like one.
    pub snippet_key: String,
    /// Suppressed in the scanner (with a justification, if any).
    pub suppressed: Option<String>,
}

impl ScanResult {
    /// Whether this result reports a problem (not a pass, not "not applicable").
    pub fn is_finding(&self) -> bool {
        !matches!(
            self.kind.as_str(),
            "pass" | "notApplicable" | "informational"
        )
    }

    /// "templates/app.yaml:12".
    pub fn place(&self) -> String {
        match self.start_line {
            Some(l) if !self.uri.is_empty() => format!("{}:{l}", self.uri),
            _ => self.uri.clone(),
        }
    }
}

/// One JUnit test case.
#[derive(Clone, Debug, PartialEq)]
pub struct TestCase {
    pub name: String,
    pub classname: String,
    pub outcome: TestOutcome,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TestOutcome {
    Passed,
    /// Failed or errored, with the message.
    Failed(String),
    Skipped,
}

/// Reads an evidence file: SARIF (JSON) or JUnit XML, told apart by their content.
pub fn load(path: &Path) -> Result<EvidenceFile, FileError> {
    let bytes = read_limited(path, MAX_EVIDENCE_BYTES)?;
    let mtime = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| crate::foundation::time::iso_from_secs(d.as_secs() as i64))
        .unwrap_or_default();
    parse(&bytes, path, &mtime)
}

/// Reads evidence from bytes; `path` names it in errors, `fallback_date` is used when the
/// tool wrote no time.
pub fn parse(bytes: &[u8], path: &Path, fallback_date: &str) -> Result<EvidenceFile, FileError> {
    let invalid = |m: String| FileError::new(path, FileErrorKind::Invalid(m));
    if bytes.is_empty() {
        return Err(invalid(
            "the file is empty: expected SARIF 2.1.0 or JUnit XML".into(),
        ));
    }
    if bytes.len() as u64 > MAX_EVIDENCE_BYTES {
        return Err(FileError::new(
            path,
            FileErrorKind::Invalid(format!(
                "the file is {} bytes; evidence files are limited to {MAX_EVIDENCE_BYTES} bytes",
                bytes.len()
            )),
        ));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(FileError::new(path, FileErrorKind::NotText));
    };
    let text = text.trim_start_matches('\u{feff}');
    let sha256 = crate::foundation::hash::sha256_hex(bytes);
    let (content, date) = match text.trim_start().chars().next() {
        Some('{') => {
            let (runs, date) = sarif::parse(text, path)?;
            (Content::Sarif(runs), date)
        }
        Some('<') => (Content::Junit(junit::parse(text, path)?), String::new()),
        _ => {
            return Err(invalid(
                "not an evidence file: expected SARIF 2.1.0 (JSON) or JUnit XML".into(),
            ));
        }
    };
    Ok(EvidenceFile {
        path: path.to_owned(),
        sha256,
        date: if date.is_empty() {
            fallback_date.to_owned()
        } else {
            date
        },
        content,
    })
}

pub use crate::io::read_limited;

/// At most `max` characters of `s`, with "…" when cut.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// The infrastructure templates a project names (`infrastructure`), resolved inside its
/// folder (or `trusted` folders) and read; each one that cannot be is an error message.
pub fn project_templates(
    project: &crate::model::Project,
    project_path: Option<&Path>,
    trusted: &[PathBuf],
) -> (Vec<Template>, Vec<String>) {
    let mut templates = Vec::new();
    let mut errors = Vec::new();
    for reference in &project.infrastructure {
        match crate::io::reference::resolve(
            "infrastructure template",
            reference,
            project_path,
            trusted,
        ) {
            Ok(path) => match Template::load(&path) {
                Ok(t) => templates.push(t),
                Err(e) => errors.push(e.to_string()),
            },
            Err(e) => errors.push(e.to_string()),
        }
    }
    (templates, errors)
}
