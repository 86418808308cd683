//! Validation messages: problems with the diagram or with the decisions, reported next to
//! the threats (the Microsoft tool's "Messages", Threats Manager Studio's quality checks).

use std::collections::HashMap;

use super::{Analysis, Level, Message, OrphanReason};
use crate::model::{ElementKind, Project};

fn msg(code: &'static str, level: Level, subject: &str, message: String) -> Message {
    Message {
        code,
        level,
        subject: subject.to_owned(),
        message,
    }
}

pub(super) fn validate(project: &Project, analysis: &Analysis) -> Vec<Message> {
    let mut out = Vec::new();
    for d in &project.diagrams {
        if d.boundaries.is_empty() && !d.elements.is_empty() {
            out.push(msg(
                "no-trust-boundary",
                Level::Warning,
                d.id.as_str(),
                format!("diagram {:?} has no trust boundary, so no flow crosses one and exposure-based threats cannot be found", d.name),
            ));
        }
        let kinds: HashMap<&str, ElementKind> = d
            .elements
            .iter()
            .map(|e| (e.id.as_str(), e.kind()))
            .collect();
        let mut inputs: HashMap<&str, usize> = HashMap::new();
        let mut outputs: HashMap<&str, usize> = HashMap::new();
        for f in &d.flows {
            let name = if f.name.trim().is_empty() {
                f.id.as_str()
            } else {
                f.name.as_str()
            };
            let (Some(sk), Some(tk)) = (kinds.get(f.source.as_str()), kinds.get(f.target.as_str()))
            else {
                out.push(msg(
                    "flow-missing-end",
                    Level::Error,
                    f.id.as_str(),
                    format!("flow {name:?} is missing its source or target element"),
                ));
                continue;
            };
            *outputs.entry(f.source.as_str()).or_default() += 1;
            *inputs.entry(f.target.as_str()).or_default() += 1;
            if f.bidirectional {
                *outputs.entry(f.target.as_str()).or_default() += 1;
                *inputs.entry(f.source.as_str()).or_default() += 1;
            }
            if f.source == f.target {
                out.push(msg(
                    "flow-self-loop",
                    Level::Warning,
                    f.id.as_str(),
                    format!("flow {name:?} starts and ends at the same element"),
                ));
            }
            match (sk, tk) {
                (ElementKind::DataStore, ElementKind::DataStore) => out.push(msg(
                    "store-to-store-flow",
                    Level::Warning,
                    f.id.as_str(),
                    format!("flow {name:?} goes directly between two data stores; data moves only through a process (draw the process that copies it)"),
                )),
                (ElementKind::ExternalEntity, ElementKind::ExternalEntity) => out.push(msg(
                    "entity-to-entity-flow",
                    Level::Warning,
                    f.id.as_str(),
                    format!("flow {name:?} goes directly between two external entities, which is outside the system being modelled"),
                )),
                _ => {}
            }
            if f.name.trim().is_empty() {
                out.push(msg(
                    "unnamed-flow",
                    Level::Info,
                    f.id.as_str(),
                    "a flow has no name".into(),
                ));
            }
            if f.out_of_scope && f.out_of_scope_reason.trim().is_empty() {
                out.push(msg(
                    "out-of-scope-without-reason",
                    Level::Warning,
                    f.id.as_str(),
                    format!("flow {name:?} is out of scope without a reason"),
                ));
            }
        }
        let mut names: HashMap<String, &str> = HashMap::new();
        for e in &d.elements {
            let id = e.id.as_str();
            let label = if e.name.trim().is_empty() {
                id
            } else {
                e.name.as_str()
            };
            if e.name.trim().is_empty() {
                out.push(msg(
                    "unnamed-element",
                    Level::Warning,
                    id,
                    format!("a {} has no name", e.kind().label().to_lowercase()),
                ));
            } else if let Some(first) = names.insert(e.name.trim().to_lowercase(), id) {
                out.push(msg(
                    "duplicate-name",
                    Level::Warning,
                    id,
                    format!(
                        "{:?} is the name of two elements on diagram {:?} ({first} and {id})",
                        e.name, d.name
                    ),
                ));
            }
            let (i, o) = (
                inputs.get(id).copied().unwrap_or(0),
                outputs.get(id).copied().unwrap_or(0),
            );
            if i == 0 && o == 0 {
                out.push(msg(
                    "element-no-flows",
                    Level::Warning,
                    id,
                    format!("{label:?} has no data flows"),
                ));
            } else if e.kind() == ElementKind::Process && o == 0 {
                out.push(msg(
                    "black-hole",
                    Level::Warning,
                    id,
                    format!("process {label:?} receives data but sends none (a black hole)"),
                ));
            } else if e.kind() == ElementKind::Process && i == 0 {
                out.push(msg(
                    "miracle",
                    Level::Warning,
                    id,
                    format!("process {label:?} sends data but receives none (a miracle)"),
                ));
            }
            if e.out_of_scope && e.out_of_scope_reason.trim().is_empty() {
                out.push(msg(
                    "out-of-scope-without-reason",
                    Level::Warning,
                    id,
                    format!("{label:?} is out of scope without a reason"),
                ));
            }
        }
    }
    for f in &analysis.findings {
        if f.status().needs_justification() && f.record.justification.trim().is_empty() {
            out.push(msg(
                "missing-justification",
                Level::Error,
                &f.key.to_string(),
                format!(
                    "threat {:?} on {:?} is {} without a justification",
                    f.title,
                    f.subject_name,
                    f.status().label().to_lowercase()
                ),
            ));
        }
    }
    for o in &analysis.orphaned {
        let (level, why) = match o.reason {
            OrphanReason::SubjectGone => (Level::Warning, "its element or flow no longer exists"),
            OrphanReason::SubjectOutOfScope => (Level::Info, "its subject is out of scope"),
            OrphanReason::UnknownRule => (Level::Warning, "its rule is not in the catalogue"),
            OrphanReason::NoLongerApplies => {
                (Level::Info, "its rule no longer applies to the subject")
            }
        };
        out.push(msg(
            "orphaned-record",
            level,
            &o.key.to_string(),
            format!(
                "the decision recorded for {} ({}) matches no threat: {why}",
                o.key,
                o.record.status.label().to_lowercase()
            ),
        ));
    }
    out
}
