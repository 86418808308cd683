//! Validation messages: problems with the diagram or with the decisions, reported next to
//! the threats (the Microsoft tool's "Messages", Threats Manager Studio's quality checks).

use rustc_hash::FxHashMap;

use super::facts::{ElementFacts, FlowFacts};
use super::vocab::{self, cue};
use super::{Code, Finding, Level, Message, Orphan, OrphanReason, Subject};
use crate::model::{Diagram, ElementKind};

fn msg(code: Code, level: Level, subject: impl Into<Subject>, message: String) -> Message {
    Message {
        code,
        level,
        subject: subject.into(),
        message,
    }
}

/// Checks one diagram; `efacts` are its elements with their flow counts, in order.
pub(super) fn diagram_messages(
    d: &Diagram,
    index: &FxHashMap<&str, usize>,
    efacts: &[ElementFacts<'_>],
    ffacts: &[FlowFacts],
    out: &mut Vec<Message>,
) {
    for b in &d.boundaries {
        if b.name.trim().is_empty() {
            out.push(msg(
                Code::UnnamedBoundary,
                Level::Info,
                &b.id,
                format!(
                    "a trust boundary on diagram {:?} has no name; findings call it by what it encloses",
                    d.name
                ),
            ));
        }
    }
    for (f, ff) in d.flows.iter().zip(ffacts) {
        let name = vocab::clean_name(&f.name);
        let label = if name.is_empty() {
            f.id.to_string()
        } else {
            name.clone()
        };
        if let Some(p) = &ff.protocol {
            if f.encrypted && p.cleartext {
                out.push(msg(
                    Code::ProtocolContradiction,
                    Level::Warning,
                    &f.id,
                    format!(
                        "flow {label:?} is marked encrypted, but its protocol {} is cleartext; correct one of them",
                        p.name
                    ),
                ));
            }
            if f.protocol.trim().is_empty() && ff.named_as_protocol {
                out.push(msg(
                    Code::FlowNamedAsProtocol,
                    Level::Info,
                    &f.id,
                    format!(
                        "flow {label:?} is named after its protocol; the analysis takes {} as its protocol. Name it by what it carries and set the protocol",
                        p.name
                    ),
                ));
            }
        }
        if f.classification == crate::model::DataClass::Unspecified {
            let looks = [
                (cue::CARD, "payment card data"),
                (cue::CREDENTIALS, "credentials"),
                (cue::HEALTH, "health data"),
                (cue::PERSONAL, "personal data"),
            ]
            .into_iter()
            .find(|(bit, _)| ff.cues & bit != 0);
            if let Some((_, what)) = looks {
                out.push(msg(
                    Code::UnclassifiedSensitiveData,
                    Level::Warning,
                    &f.id,
                    format!(
                        "flow {label:?} looks like it carries {what}, but has no data classification; set one so severities follow it"
                    ),
                ));
            }
        }
    }
    if d.boundaries.is_empty() && !d.elements.is_empty() {
        out.push(msg(
            Code::NoTrustBoundary,
            Level::Warning,
            &d.id,
            format!(
                "diagram {:?} has no trust boundary, so no flow crosses one and exposure-based threats cannot be found",
                d.name
            ),
        ));
    }
    for f in &d.flows {
        let name = if f.name.trim().is_empty() {
            f.id.as_str()
        } else {
            f.name.as_str()
        };
        let (Some(&s), Some(&t)) = (index.get(f.source.as_str()), index.get(f.target.as_str()))
        else {
            out.push(msg(
                Code::FlowMissingEnd,
                Level::Error,
                &f.id,
                format!("flow {name:?} is missing its source or target element"),
            ));
            continue;
        };
        if s == t {
            out.push(msg(
                Code::FlowSelfLoop,
                Level::Warning,
                &f.id,
                format!("flow {name:?} starts and ends at the same element"),
            ));
        }
        match (d.elements[s].kind(), d.elements[t].kind()) {
            (ElementKind::DataStore, ElementKind::DataStore) => out.push(msg(
                Code::StoreToStoreFlow,
                Level::Warning,
                &f.id,
                format!(
                    "flow {name:?} goes directly between two data stores; data moves only through a process (draw the process that copies it)"
                ),
            )),
            (ElementKind::ExternalEntity, ElementKind::ExternalEntity) => out.push(msg(
                Code::EntityToEntityFlow,
                Level::Warning,
                &f.id,
                format!(
                    "flow {name:?} goes directly between two external entities, which is outside the system being modelled"
                ),
            )),
            _ => {}
        }
        if f.name.trim().is_empty() {
            out.push(msg(
                Code::UnnamedFlow,
                Level::Info,
                &f.id,
                format!(
                    "the flow from {:?} to {:?} has no name; findings call it “source → target”",
                    vocab::clean_name(&d.elements[s].name),
                    vocab::clean_name(&d.elements[t].name)
                ),
            ));
        }
        if f.out_of_scope && f.out_of_scope_reason.trim().is_empty() {
            out.push(msg(
                Code::OutOfScopeWithoutReason,
                Level::Warning,
                &f.id,
                format!("flow {name:?} is out of scope without a reason"),
            ));
        }
    }
    let mut names: FxHashMap<String, &str> = FxHashMap::default();
    for ef in efacts {
        let e = ef.element;
        let id = e.id.as_str();
        let label = if e.name.trim().is_empty() {
            id
        } else {
            e.name.as_str()
        };
        if e.name.trim().is_empty() {
            out.push(msg(
                Code::UnnamedElement,
                Level::Warning,
                &e.id,
                format!("a {} has no name", e.kind().label().to_lowercase()),
            ));
        } else if let Some(first) = names.insert(e.name.trim().to_lowercase(), id) {
            out.push(msg(
                Code::DuplicateName,
                Level::Warning,
                &e.id,
                format!(
                    "{:?} is the name of two elements on diagram {:?} ({first} and {id})",
                    e.name, d.name
                ),
            ));
        }
        let (i, o) = (ef.inputs, ef.outputs);
        if i == 0 && o == 0 {
            out.push(msg(
                Code::ElementNoFlows,
                Level::Warning,
                &e.id,
                format!("{label:?} has no data flows"),
            ));
        } else if e.kind() == ElementKind::Process && o == 0 {
            out.push(msg(
                Code::BlackHole,
                Level::Warning,
                &e.id,
                format!("process {label:?} receives data but sends none (a black hole)"),
            ));
        } else if e.kind() == ElementKind::Process && i == 0 {
            out.push(msg(
                Code::Miracle,
                Level::Warning,
                &e.id,
                format!("process {label:?} sends data but receives none (a miracle)"),
            ));
        }
        if e.out_of_scope && e.out_of_scope_reason.trim().is_empty() {
            out.push(msg(
                Code::OutOfScopeWithoutReason,
                Level::Warning,
                &e.id,
                format!("{label:?} is out of scope without a reason"),
            ));
        }
    }
}

/// Checks the team's decisions: justifications and orphaned records.
pub(super) fn decision_messages(findings: &[Finding], orphaned: &[Orphan], out: &mut Vec<Message>) {
    for f in findings {
        let review = f.record.review_by.trim();
        if !review.is_empty() {
            if crate::model::parse_date(review).is_none() {
                out.push(msg(
                    Code::ReviewDateInvalid,
                    Level::Error,
                    &f.key,
                    format!(
                        "threat {:?} on {:?} has review date {review:?}, which is not a date (YYYY-MM-DD)",
                        f.title,
                        f.subject_name()
                    ),
                ));
            } else if let Some(decided) = f.record.decided_at.get(..10)
                && review.get(..10).is_some_and(|r| r < decided)
            {
                out.push(msg(
                    Code::ReviewDateBeforeDecision,
                    Level::Warning,
                    &f.key,
                    format!(
                        "threat {:?} on {:?} is to be reviewed on {review}, before it was decided ({})",
                        f.title,
                        f.subject_name(),
                        decided
                    ),
                ));
            }
        }
        if f.status().needs_reason() && !crate::model::has_words(f.record.stated_reason()) {
            let what = if f.status() == crate::model::Status::Mitigated {
                "a mitigation or justification"
            } else {
                "a justification"
            };
            out.push(msg(
                Code::MissingJustification,
                Level::Error,
                &f.key,
                format!(
                    "threat {:?} on {:?} is {} without {what} in words",
                    f.title,
                    f.subject_name(),
                    f.status().label().to_lowercase()
                ),
            ));
        }
    }
    for o in orphaned {
        let (level, why) = match o.reason {
            OrphanReason::SubjectGone => (Level::Warning, "its element or flow no longer exists"),
            OrphanReason::SubjectOutOfScope => (Level::Info, "its subject is out of scope"),
            OrphanReason::UnknownRule => (Level::Warning, "its rule is not in the catalogue"),
            OrphanReason::NoLongerApplies => {
                (Level::Info, "its rule no longer applies to the subject")
            }
        };
        out.push(msg(
            Code::OrphanedRecord,
            level,
            &o.key,
            format!(
                "the decision recorded for {} ({}) matches no threat: {why}",
                o.key,
                o.record.status.label().to_lowercase()
            ),
        ));
    }
}
