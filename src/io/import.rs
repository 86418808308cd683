//! Other tools' models in: the format is recognised from the content, not the extension.

use std::io::Read;
use std::path::Path;

pub use super::threat_dragon::ImportReport;
use super::{FileError, FileErrorKind};
use crate::model::Project;

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    ThreatDragon,
    Tm7,
    Otm,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::ThreatDragon => "OWASP Threat Dragon",
            Format::Tm7 => "Microsoft Threat Modeling Tool (.tm7)",
            Format::Otm => "Open Threat Model",
        }
    }
}

/// A refusal naming the file: the message says what is wrong and where in the model.
pub(super) fn invalid(path: &Path, message: String) -> FileError {
    FileError {
        path: path.to_owned(),
        position: None,
        kind: FileErrorKind::Invalid(message),
    }
}

/// A JSON object's text field, empty when missing or not text.
pub(super) fn json_str<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}

/// A STRIDE category as other tools spell it: "Elevation Of Privilege",
/// "information-disclosure", "DenialOfService", or its letter.
pub(super) fn stride_named(text: &str) -> Option<crate::model::Stride> {
    use crate::model::Stride;
    let n: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    Some(match n.as_str() {
        "spoofing" | "s" => Stride::Spoofing,
        "tampering" | "t" => Stride::Tampering,
        "repudiation" | "r" => Stride::Repudiation,
        "informationdisclosure" | "i" => Stride::InformationDisclosure,
        "denialofservice" | "d" => Stride::DenialOfService,
        "elevationofprivilege" | "elevationofprivileges" | "e" => Stride::ElevationOfPrivilege,
        _ => return None,
    })
}

/// The element of `diagram` a loose flow end at `at` was dropped on: within 20 units of
/// its box (Threat Dragon and the Threat Modeling Tool both leave such ends unconnected).
pub(super) fn element_near<'d>(
    diagram: &'d crate::model::Diagram,
    layout: &crate::model::Layout,
    at: crate::model::Pos,
) -> Option<&'d crate::model::Element> {
    use crate::model::Rect;
    let near = |r: &Rect| Rect::new(r.x - 20.0, r.y - 20.0, r.w + 40.0, r.h + 40.0).contains(at);
    diagram
        .elements
        .iter()
        .find(|e| layout.elements.get(&e.id).is_some_and(near))
}

/// Which format `text` is in, from its first bytes.
pub fn detect(text: &str) -> Option<Format> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        return super::tm7::looks_like(t).then_some(Format::Tm7);
    }
    let head: String = t.chars().take(4096).collect();
    if !t.starts_with('{') {
        // YAML: OTM is the only YAML format read; its version key is at the top level.
        let otm = head.starts_with("otmVersion:")
            || head.contains("\notmVersion:")
            || head.contains("\n\"otmVersion\":");
        return otm.then_some(Format::Otm);
    }
    if head.contains("\"otmVersion\"") {
        return Some(Format::Otm);
    }
    // Threat Dragon: a "summary" and a "detail" with diagrams.
    if head.contains("\"summary\"") || head.contains("\"detail\"") {
        return Some(Format::ThreatDragon);
    }
    // Keys can come in any order: read the whole object when the head says nothing.
    let v: serde_json::Value = serde_json::from_str(t).ok()?;
    if v.get("otmVersion").is_some() {
        return Some(Format::Otm);
    }
    if v.get("summary").is_some() || v.get("detail").is_some() {
        return Some(Format::ThreatDragon);
    }
    None
}

/// Whether the file at `path` is another tool's model `import` reads (from its first
/// 64 KiB).
pub fn is_importable(path: &Path) -> bool {
    let Ok((file, _)) = crate::foundation::read::open_regular(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(64 * 1024).read_to_end(&mut head).is_err() {
        return false;
    }
    detect(&String::from_utf8_lossy(&head)).is_some()
}

/// Reads the file at `path` (regular files up to [`super::MAX_FILE_BYTES`], never read past
/// that) and imports it.
pub fn read(path: &Path) -> Result<(Project, ImportReport), FileError> {
    let err = |kind| FileError {
        path: path.to_owned(),
        position: None,
        kind,
    };
    let bytes = super::project_file::read_model_bytes(path)?;
    if bytes.is_empty() {
        return Err(err(FileErrorKind::Invalid("the file is empty".into())));
    }
    import(&String::from_utf8_lossy(&bytes), path)
}

/// Reads a model in any format `detect` recognises.
pub fn import(text: &str, path: &Path) -> Result<(Project, ImportReport), FileError> {
    let format = detect(text);
    let mut result = match format {
        Some(Format::ThreatDragon) => super::threat_dragon::import(text, path),
        Some(Format::Tm7) => super::tm7::import(text, path),
        Some(Format::Otm) => super::otm::import(text, path),
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
                    "a JSON file, but not a model Threatboard can import: an OWASP Threat Dragon model has \"summary\" and \"detail\", an Open Threat Model \"otmVersion\"".into(),
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
                "not a model Threatboard can import: expected an OWASP Threat Dragon JSON model, a Microsoft Threat Modeling Tool .tm7 file or an Open Threat Model (JSON or YAML)"
                    .into(),
            ),
        }),
    }?;
    result.1.source = format.map_or("", Format::label);
    loose_ends_out_of_scope(&mut result.0, &mut result.1);
    Ok(result)
}

/// Why a flow with a loose end, and the stand-in at that end, are out of scope.
const LOOSE_END_REASON: &str = "the other tool left an end of this flow unconnected: connect it to the element it comes from or goes to, and it is analysed";

/// A flow whose end the other tool left unconnected says where its data goes (or comes
/// from) no more than a note would: it is kept, drawn and listed out of scope with the
/// reason, rather than analysed with a made-up party at that end. The same for every
/// importer that puts stand-ins at loose ends.
fn loose_ends_out_of_scope(project: &mut Project, report: &mut ImportReport) {
    for d in &mut project.diagrams {
        let loose: rustc_hash::FxHashSet<_> = d
            .elements
            .iter_mut()
            .filter(|e| e.is_loose_end_stand_in())
            .map(|e| {
                if !e.out_of_scope {
                    e.out_of_scope = true;
                    e.out_of_scope_reason = LOOSE_END_REASON.into();
                }
                e.id.clone()
            })
            .collect();
        for f in &mut d.flows {
            if !f.out_of_scope && (loose.contains(&f.source) || loose.contains(&f.target)) {
                f.out_of_scope = true;
                f.out_of_scope_reason = LOOSE_END_REASON.into();
                report.kept.push(format!(
                    "flow {:?}: out of scope until its loose end is connected",
                    f.name
                ));
            }
        }
    }
}
