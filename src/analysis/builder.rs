//! Making findings: a rule fired on a subject becomes a finding, with the team's decision
//! on it merged on and its severity reasoned; the subject's manual threats join it (the
//! generated threats that repeat them step aside in `super::stages::fold`).

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::catalogue::Rule;
use super::severity::{Assessment, ReasonCache};
use super::{Finding, Names, SubjectKind};
use crate::model::{Category, SubjectId, ThreatKey, ThreatRecord};

/// What the findings of one element or connection share.
#[derive(Clone)]
pub(super) struct Subject {
    /// The element, or the first flow of the connection the finding is about.
    pub(super) id: Arc<str>,
    /// The subject of the threat key: the element or flow id, or both ends' ids for a
    /// connection of several flows.
    pub(super) key: Arc<str>,
    /// Other key subjects whose recorded decisions apply (the connection's flows, so a
    /// decision survives adding or removing a parallel flow).
    pub(super) alternates: Arc<[Arc<str>]>,
    pub(super) kind: SubjectKind,
    pub(super) names: Arc<Names>,
    pub(super) diagram: Arc<str>,
    /// The flows the finding stands for (empty for an element).
    pub(super) flows: Arc<[Arc<str>]>,
}

/// Makes findings, merging the team's decisions on.
pub(super) struct Builder<'p> {
    records: &'p FxHashMap<(&'p str, &'p str), (&'p ThreatKey, &'p ThreatRecord)>,
    manual: &'p FxHashMap<&'p str, Vec<&'p crate::model::ManualThreat>>,
    no_record: Arc<ThreatRecord>,
    /// Keys of the records some finding took up (the rest are orphans).
    pub(super) matched: FxHashSet<ThreatKey>,
    /// Severity reason texts, shared by the findings that have the same one.
    reasons: ReasonCache,
    /// A forked builder's own copies of the rules, by the address of the original.
    rules: Option<FxHashMap<usize, Arc<Rule>>>,
}

impl<'p> Builder<'p> {
    /// The builder of the first thread, for a project's decisions and manual threats.
    pub(super) fn new(
        records: &'p FxHashMap<(&'p str, &'p str), (&'p ThreatKey, &'p ThreatRecord)>,
        manual: &'p FxHashMap<&'p str, Vec<&'p crate::model::ManualThreat>>,
    ) -> Self {
        Builder {
            records,
            manual,
            no_record: Arc::new(ThreatRecord::default()),
            matched: FxHashSet::default(),
            reasons: ReasonCache::default(),
            rules: None,
        }
    }

    /// A builder for another thread: the same decisions, its own caches, and its own copy
    /// of every `Arc` its findings hold — several cores bumping the count of one `Arc` for
    /// every finding would keep each other waiting.
    pub(super) fn fork(&self) -> Self {
        Builder {
            records: self.records,
            manual: self.manual,
            no_record: Arc::new(ThreatRecord::default()),
            matched: FxHashSet::default(),
            reasons: ReasonCache::default(),
            rules: Some(FxHashMap::default()),
        }
    }

    /// This builder's copy of `rule` (the rule itself on the first thread).
    fn rule(&mut self, rule: &Arc<Rule>) -> Arc<Rule> {
        match &mut self.rules {
            Some(own) => own
                .entry(Arc::as_ptr(rule) as usize)
                .or_insert_with(|| Arc::new((**rule).clone()))
                .clone(),
            None => rule.clone(),
        }
    }

    /// Of several assessments of one finding (the flows of a connection it stands for), the
    /// one that rates `rule` highest.
    pub(super) fn worst<'a>(
        &mut self,
        rule: &Rule,
        options: &'a [Assessment],
    ) -> Option<&'a Assessment> {
        // The first of equals (`max_by_key` keeps the last).
        options
            .iter()
            .rev()
            .max_by_key(|a| a.severity(rule, &mut self.reasons).0)
    }

    /// Whether a decision is recorded under rule `rule` for any of `keys` (a subject's key
    /// and its alternates).
    pub(super) fn recorded<'k>(&self, rule: &str, mut keys: impl Iterator<Item = &'k str>) -> bool {
        !self.records.is_empty() && keys.any(|k| self.records.contains_key(&(rule, k)))
    }

    pub(super) fn make(
        &mut self,
        rule: &Arc<Rule>,
        subject: &Subject,
        assessment: &Assessment,
    ) -> Finding {
        let record = (!self.records.is_empty())
            .then(|| {
                std::iter::once(&subject.key)
                    .chain(subject.alternates.iter())
                    .find_map(|k| self.records.get(&(&*rule.id, &**k)))
            })
            .flatten()
            .map_or_else(
                || self.no_record.clone(),
                |(key, r)| {
                    self.matched.insert((*key).clone());
                    Arc::new((*r).clone())
                },
            );
        let (computed, reason) = assessment.severity(rule, &mut self.reasons);
        Finding {
            key: ThreatKey::Rule {
                rule: rule.id.clone(),
                subject: SubjectId::from_checked(subject.key.clone()),
            },
            subject: SubjectId::from_checked(subject.id.clone()),
            rule: Some(self.rule(rule)),
            category: Category::Stride(rule.category),
            subject_kind: subject.kind,
            diagram: subject.diagram.clone(),
            title: rule.title.render(|p| subject.names.get(p)),
            computed_severity: computed,
            severity: record.severity.unwrap_or(computed),
            severity_reason: reason,
            baseline: rule.baseline,
            flows: subject.flows.clone(),
            record,
            names: subject.names.clone(),
            manual_description: String::new(),
            also_raised: None,
            also_on: Arc::from(Vec::new()),
            generated_by: None,
        }
    }

    /// Adds the subject's manual threats to `out` (the generated threats that repeat them
    /// are folded into them once every finding is made: `super::stages::fold`).
    pub(super) fn manual_for(&mut self, subject: &Subject, out: &mut Vec<Finding>) {
        let Some(manual) = self.manual.get(&*subject.id) else {
            return;
        };
        for t in manual {
            let record = Arc::new(t.record.clone());
            out.push(Finding {
                key: ThreatKey::manual(&t.id),
                subject: SubjectId::from_checked(subject.id.clone()),
                rule: None,
                category: t.category.clone(),
                subject_kind: subject.kind,
                diagram: subject.diagram.clone(),
                title: t.title.clone(),
                computed_severity: t.severity,
                severity: record.severity.unwrap_or(t.severity),
                severity_reason: Arc::from(format!(
                    "{}: set by the team",
                    crate::foundation::text::capitalized(t.severity.label())
                )),
                baseline: false,
                flows: subject.flows.clone(),
                record,
                names: subject.names.clone(),
                manual_description: t.description.clone(),
                also_raised: None,
                also_on: Arc::from(Vec::new()),
                generated_by: t
                    .is_tool_output()
                    .then(|| Arc::from(t.generated_by.as_str())),
            });
        }
    }
}
