//! Other tools' models in: the format is recognised from the content, not the extension.

use std::path::Path;

pub use super::threat_dragon::ImportReport;
use super::{FileError, FileErrorKind};
use crate::model::Project;

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    ThreatDragon,
    Tm7,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::ThreatDragon => "OWASP Threat Dragon",
            Format::Tm7 => "Microsoft Threat Modeling Tool (.tm7)",
        }
    }
}

/// Which format `text` is in, from its first bytes.
pub fn detect(text: &str) -> Option<Format> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        return super::tm7::looks_like(t).then_some(Format::Tm7);
    }
    if t.starts_with('{') {
        let head: String = t.chars().take(4096).collect();
        // Threat Dragon: a "summary" and a "detail" with diagrams.
        if head.contains("\"summary\"") || head.contains("\"detail\"") {
            return Some(Format::ThreatDragon);
        }
        // Keys can come in any order: read the whole object when the head says nothing.
        let v: serde_json::Value = serde_json::from_str(t).ok()?;
        if v.get("summary").is_some() || v.get("detail").is_some() {
            return Some(Format::ThreatDragon);
        }
    }
    None
}

/// Reads a model in any format `detect` recognises.
pub fn import(text: &str, path: &Path) -> Result<(Project, ImportReport), FileError> {
    match detect(text) {
        Some(Format::ThreatDragon) => super::threat_dragon::import(text, path),
        Some(Format::Tm7) => super::tm7::import(text, path),
        None if text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']) => {
            // JSON of some kind: say where it is broken, or what it lacks.
            let kind = match serde_json::from_str::<serde::de::IgnoredAny>(text) {
                Err(e) => {
                    return Err(FileError {
                        path: path.to_owned(),
                        position: (e.line() > 0).then(|| (e.line(), e.column())),
                        kind: FileErrorKind::Syntax(e.to_string()),
                    });
                }
                Ok(_) => FileErrorKind::Invalid(
                    "a JSON file, but not a model Threatboard can import: an OWASP Threat Dragon model has \"summary\" and \"detail\"".into(),
                ),
            };
            Err(FileError {
                path: path.to_owned(),
                position: None,
                kind,
            })
        }
        None => Err(FileError {
            path: path.to_owned(),
            position: None,
            kind: FileErrorKind::Invalid(
                "not a model Threatboard can import: expected an OWASP Threat Dragon JSON model or a Microsoft Threat Modeling Tool .tm7 file"
                    .into(),
            ),
        }),
    }
}
