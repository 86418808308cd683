//! What an analysis says about itself once its findings are made: the decisions no finding
//! took up (orphans) and the counts of the summary.

use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::engine::pair_subject;
use super::{Analysis, Catalogue, CategoryCount, Orphan, OrphanReason, Summary};
use crate::model::{Category, Project, ThreatKey};

pub(super) fn orphans(
    project: &Project,
    catalogue: &Catalogue,
    analysis: &Analysis,
    matched: &FxHashSet<ThreatKey>,
) -> Vec<Orphan> {
    if project.threats.is_empty() && project.manual_threats.is_empty() {
        return Vec::new();
    }
    let out_of_scope: FxHashSet<&str> = analysis
        .out_of_scope
        .iter()
        .map(|o| o.subject.as_str())
        .collect();
    let subjects: FxHashSet<&str> = project.subjects().map(|(id, _)| id).collect();
    // Connection keys of the flows that exist now.
    let pairs: FxHashSet<Arc<str>> = project
        .diagrams
        .iter()
        .flat_map(|d| {
            d.flows
                .iter()
                .map(|f| pair_subject(f.source.as_str(), f.target.as_str()))
        })
        .collect();
    let pairs: FxHashSet<&str> = pairs.iter().map(|p| &**p).collect();
    let mut orphans: Vec<Orphan> = project
        .threats
        .iter()
        .filter(|(key, _)| !matched.contains(*key))
        .map(|(key, record)| {
            let (rule_id, subject) = key.parts();
            let rule = catalogue.rule(rule_id);
            let exists = subjects.contains(subject) || pairs.contains(subject);
            let reason = if !exists {
                OrphanReason::SubjectGone
            } else if out_of_scope.contains(subject) {
                OrphanReason::SubjectOutOfScope
            } else if rule.is_none() {
                OrphanReason::UnknownRule
            } else {
                OrphanReason::NoLongerApplies
            };
            Orphan {
                key: key.clone(),
                reason,
                title: rule.map_or_else(|| rule_id.to_owned(), |r| r.title.render(|_| "…")),
                record: record.clone(),
            }
        })
        // A building block's decision for a threat that has not arisen (its rule fires
        // once the element is exposed) waits for it: not an orphan.
        .filter(|o| !(o.reason == OrphanReason::NoLongerApplies && o.record.block.is_some()))
        .collect();
    orphans.extend(
        project
            .manual_threats
            .iter()
            .filter(|t| !subjects.contains(t.subject.as_str()))
            .map(|t| Orphan {
                key: ThreatKey::manual(&t.id),
                reason: OrphanReason::SubjectGone,
                title: t.title.clone(),
                record: t.record.clone(),
            }),
    );
    orphans
}

pub(super) fn summarize(a: &Analysis) -> Summary {
    use crate::model::{Severity, Status, Stride};
    let mut by_status = [0usize; Status::ALL.len()];
    let mut by_severity = [0usize; Severity::ALL.len()];
    let mut open_by_severity = [0usize; Severity::ALL.len()];
    let mut by_category = [CategoryCount::default(); Stride::ALL.len() + 1];
    let mut open = 0;
    let (mut checklist, mut checklist_open) = (0, 0);
    let (mut imported, mut imported_open) = (0, 0);
    for f in &a.findings {
        let is_open = f.status().is_open();
        if f.baseline {
            checklist += 1;
            checklist_open += usize::from(is_open);
            continue;
        }
        if f.generated_by().is_some() {
            imported += 1;
            imported_open += usize::from(is_open);
            continue;
        }
        by_status[f.status() as usize] += 1;
        by_severity[f.severity as usize] += 1;
        let c = &mut by_category[match &f.category {
            Category::Stride(st) => *st as usize,
            Category::Other(_) => Stride::ALL.len(),
        }];
        c.total += 1;
        if is_open {
            open += 1;
            c.open += 1;
            open_by_severity[f.severity as usize] += 1;
        }
    }
    let count = |level| a.validation.iter().filter(|m| m.level == level).count();
    Summary {
        total: a.findings.len() - checklist - imported,
        open,
        checklist,
        checklist_open,
        imported_generated: imported,
        imported_generated_open: imported_open,
        by_status: Status::ALL
            .iter()
            .map(|s| (s.snake(), by_status[*s as usize]))
            .collect(),
        by_severity: Severity::ALL
            .iter()
            .map(|s| (s.label(), by_severity[*s as usize]))
            .collect(),
        open_by_severity: Severity::ALL
            .iter()
            .map(|s| (s.label(), open_by_severity[*s as usize]))
            .collect(),
        by_category: Stride::ALL
            .iter()
            .map(|s| (s.letter().to_string(), by_category[*s as usize]))
            .chain(
                (by_category[Stride::ALL.len()].total > 0)
                    .then(|| ("other".to_owned(), by_category[Stride::ALL.len()])),
            )
            .collect(),
        errors: count(super::Level::Error),
        warnings: count(super::Level::Warning),
    }
}
