//! The STRIDE engine: facts from the diagram, rules over them, decisions merged on.
//!
//! Cost is linear in the size of the project: element positions are looked up once,
//! flows find their ends through a hash index, each flow is tested against each boundary
//! once, and texts other than titles are rendered only when asked for.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::catalogue::{AppliesTo, Rule};
use super::expr::Env;
use super::facts::{ElementFacts, FlowFacts, boundary_type_bit, kind_index};
use super::validate::{decision_messages, diagram_messages};
use super::{
    Analysis, Catalogue, CategoryCount, Finding, Names, Orphan, OrphanReason, OutOfScope,
    SubjectKind, Summary,
};
use crate::model::{
    BoundaryShape, BoundaryType, Category, Diagram, ElementKind, ElementProps, Pos, Project,
    ThreatKey, ThreatRecord,
};
use crate::scene;

fn subject_kind(kind: ElementKind) -> SubjectKind {
    match kind {
        ElementKind::Process => SubjectKind::Process,
        ElementKind::DataStore => SubjectKind::DataStore,
        ElementKind::ExternalEntity => SubjectKind::ExternalEntity,
    }
}

fn display_name(name: &str) -> Arc<str> {
    if name.trim().is_empty() {
        Arc::from("(unnamed)")
    } else {
        Arc::from(name)
    }
}

/// Element index by id for one diagram.
pub(crate) fn element_index(diagram: &Diagram) -> FxHashMap<&str, usize> {
    diagram
        .elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect()
}

/// Boundary-crossing facts of every flow of a diagram, in flow order.
pub(crate) fn flow_facts(
    project: &Project,
    diagram: &Diagram,
    index: &FxHashMap<&str, usize>,
) -> Vec<FlowFacts> {
    let layout = &project.layout;
    let centers: Vec<Option<Pos>> = diagram
        .elements
        .iter()
        .map(|e| layout.elements.get(&e.id).map(|r| r.center()))
        .collect();
    let shapes: Vec<(usize, &BoundaryShape, u8)> = diagram
        .boundaries
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            layout
                .boundaries
                .get(&b.id)
                .map(|s| (i, s, boundary_type_bit(b.boundary_type)))
        })
        .collect();
    let mut path: Vec<Pos> = Vec::new();
    diagram
        .flows
        .iter()
        .map(|flow| {
            let ends = (
                index.get(flow.source.as_str()).and_then(|i| centers[*i]),
                index.get(flow.target.as_str()).and_then(|i| centers[*i]),
            );
            let (Some(a), Some(b)) = ends else {
                return FlowFacts::default();
            };
            path.clear();
            path.push(a);
            if !layout.waypoints.is_empty() {
                if let Some(points) = layout.waypoints.get(&flow.id) {
                    path.extend_from_slice(points);
                }
            }
            path.push(b);
            let mut facts = FlowFacts::default();
            for (i, shape, bit) in &shapes {
                if scene::path_crosses(&path, shape) {
                    facts.crossed.push(*i);
                    facts.crossed_types |= bit;
                }
            }
            facts
        })
        .collect()
}

/// Findings beyond this stop the analysis with an error, so a crafted project or catalogue
/// cannot fill memory (a 10,000-element model gives about 156,000).
pub const MAX_FINDINGS: usize = 1_000_000;

/// Analyses a project with a catalogue. Pure: the same input gives the same output.
pub fn analyze(project: &Project, catalogue: &Catalogue) -> Analysis {
    let mut by_kind: [Vec<&Arc<Rule>>; 3] = Default::default();
    let mut flow_rules: Vec<&Arc<Rule>> = Vec::new();
    for rule in catalogue.rules() {
        match &rule.applies_to {
            AppliesTo::Flows => flow_rules.push(rule),
            AppliesTo::Elements(kinds) => {
                for k in kinds {
                    by_kind[usize::from(kind_index(*k))].push(rule);
                }
            }
        }
    }
    let records: FxHashMap<(&str, &str), &ThreatRecord> = project
        .threats
        .iter()
        .map(|(k, r)| ((&*k.rule, &*k.subject), r))
        .collect();
    let mut manual_by_subject: FxHashMap<&str, Vec<&crate::model::ManualThreat>> =
        FxHashMap::default();
    for t in &project.manual_threats {
        manual_by_subject
            .entry(t.subject.as_str())
            .or_default()
            .push(t);
    }

    let mut out = Analysis::default();
    let mut builder = Builder {
        records: &records,
        manual: &manual_by_subject,
        buf: Vec::new(),
        no_record: Arc::new(ThreatRecord::default()),
    };
    let mut stopped = false;
    'diagrams: for diagram in &project.diagrams {
        let index = element_index(diagram);
        let facts = flow_facts(project, diagram, &index);
        let efacts = element_facts(diagram, &index, &facts);
        diagram_messages(diagram, &index, &efacts, &mut out.validation);
        let element_names: Vec<Arc<str>> = diagram
            .elements
            .iter()
            .map(|e| display_name(&e.name))
            .collect();
        let boundary_names: Vec<Arc<str>> = diagram
            .boundaries
            .iter()
            .map(|b| display_name(&b.name))
            .collect();
        let any_boundary: Arc<str> = Arc::from("a trust boundary");
        let diagram_id: Arc<str> = Arc::from(diagram.id.as_str());
        let diagram_name: Arc<str> = Arc::from(diagram.name.as_str());
        out.findings
            .reserve(diagram.elements.len() * 6 + diagram.flows.len() * 5);

        for (ef, name) in efacts.iter().zip(&element_names) {
            if out.findings.len() >= MAX_FINDINGS {
                stopped = true;
                break 'diagrams;
            }
            let e = ef.element;
            let kind = subject_kind(e.kind());
            if e.out_of_scope {
                out.out_of_scope.push(OutOfScope {
                    subject: e.id.to_string(),
                    subject_kind: kind,
                    name: e.name.clone(),
                    diagram: diagram.name.clone(),
                    reason: e.out_of_scope_reason.clone(),
                });
                continue;
            }
            let subject = Subject {
                id: Arc::from(e.id.as_str()),
                kind,
                names: Arc::new(Names {
                    subject: name.clone(),
                    diagram: diagram_name.clone(),
                    ..Names::default()
                }),
                diagram: diagram_id.clone(),
                diagram_name: diagram_name.clone(),
                exposed: ef.reached_across_boundary,
            };
            let env = Env {
                element: Some(ef),
                flow: None,
                source: None,
                target: None,
            };
            for rule in &by_kind[usize::from(kind_index(e.kind()))] {
                if rule.cond.eval(&env) {
                    builder.generated(rule, &subject, &subject.names);
                }
            }
            builder.finish_subject(&subject, &mut out.findings);
        }

        for (flow, ff) in diagram.flows.iter().zip(&facts) {
            if out.findings.len() >= MAX_FINDINGS {
                stopped = true;
                break 'diagrams;
            }
            if flow.out_of_scope {
                out.out_of_scope.push(OutOfScope {
                    subject: flow.id.to_string(),
                    subject_kind: SubjectKind::Flow,
                    name: flow.name.clone(),
                    diagram: diagram.name.clone(),
                    reason: flow.out_of_scope_reason.clone(),
                });
                continue;
            }
            let (Some(&s), Some(&t)) = (
                index.get(flow.source.as_str()),
                index.get(flow.target.as_str()),
            ) else {
                continue; // reported by validation
            };
            let flow_name = display_name(&flow.name);
            let names = |from: usize, to: usize| Names {
                subject: flow_name.clone(),
                source: element_names[from].clone(),
                target: element_names[to].clone(),
                boundary: ff
                    .crossed
                    .first()
                    .map_or_else(|| any_boundary.clone(), |i| boundary_names[*i].clone()),
                protocol: if flow.protocol.trim().is_empty() {
                    Arc::from("its protocol")
                } else {
                    Arc::from(flow.protocol.as_str())
                },
                diagram: diagram_name.clone(),
            };
            let subject = Subject {
                id: Arc::from(flow.id.as_str()),
                kind: SubjectKind::Flow,
                names: Arc::new(names(s, t)),
                diagram: diagram_id.clone(),
                diagram_name: diagram_name.clone(),
                exposed: ff.crosses(),
            };
            let mut reverse_names: Option<Arc<Names>> = None;
            for rule in &flow_rules {
                let env = |from: usize, to: usize| Env {
                    element: None,
                    flow: Some((flow, ff)),
                    source: Some(&efacts[from]),
                    target: Some(&efacts[to]),
                };
                // A bidirectional flow is evaluated in both directions; the first that
                // matches names the ends.
                if rule.cond.eval(&env(s, t)) {
                    builder.generated(rule, &subject, &subject.names);
                } else if flow.bidirectional && rule.cond.eval(&env(t, s)) {
                    let reversed = reverse_names.get_or_insert_with(|| Arc::new(names(t, s)));
                    builder.generated(rule, &subject, reversed);
                }
            }
            builder.finish_subject(&subject, &mut out.findings);
        }
    }

    if stopped {
        out.validation.push(super::Message {
            code: "analysis-limit",
            level: super::Level::Error,
            subject: String::new(),
            message: format!(
                "the analysis stopped after {MAX_FINDINGS} findings; the model or its rule catalogue is larger than Threatboard analyses, so the findings are incomplete"
            ),
        });
    }
    out.orphaned = orphans(project, catalogue, &out);
    decision_messages(&out.findings, &out.orphaned, &mut out.validation);
    out.rule_changes = catalogue.changes().to_vec();
    out.summary = summarize(&out);
    out
}

fn element_facts<'a>(
    diagram: &'a Diagram,
    index: &FxHashMap<&str, usize>,
    facts: &[FlowFacts],
) -> Vec<ElementFacts<'a>> {
    let mut efacts: Vec<ElementFacts<'_>> = diagram
        .elements
        .iter()
        .map(|element| ElementFacts {
            element,
            inputs: 0,
            outputs: 0,
            reached_across_boundary: false,
            reached_from_internet: false,
            talks_to_identity_provider: false,
        })
        .collect();
    let internet = boundary_type_bit(BoundaryType::Internet);
    let is_idp = |i: usize| matches!(&diagram.elements[i].props, ElementProps::ExternalEntity(p) if p.identity_provider);
    for (flow, ff) in diagram.flows.iter().zip(facts) {
        let (Some(&s), Some(&t)) = (
            index.get(flow.source.as_str()),
            index.get(flow.target.as_str()),
        ) else {
            continue;
        };
        let from_internet = ff.crossed_types & internet != 0 || flow.public_network;
        let mut reach = |from: usize, to: usize| {
            efacts[from].outputs += 1;
            efacts[to].inputs += 1;
            efacts[to].reached_across_boundary |= ff.crosses();
            efacts[to].reached_from_internet |= from_internet;
        };
        reach(s, t);
        if flow.bidirectional {
            reach(t, s);
        }
        if is_idp(t) {
            efacts[s].talks_to_identity_provider = true;
        }
        if is_idp(s) {
            efacts[t].talks_to_identity_provider = true;
        }
    }
    efacts
}

/// What the findings of one element or flow share.
struct Subject {
    id: Arc<str>,
    kind: SubjectKind,
    names: Arc<Names>,
    diagram: Arc<str>,
    diagram_name: Arc<str>,
    exposed: bool,
}

/// Collects the findings of one subject, then adds its manual threats in category order.
struct Builder<'p> {
    records: &'p FxHashMap<(&'p str, &'p str), &'p ThreatRecord>,
    manual: &'p FxHashMap<&'p str, Vec<&'p crate::model::ManualThreat>>,
    buf: Vec<Finding>,
    no_record: Arc<ThreatRecord>,
}

impl Builder<'_> {
    fn generated(&mut self, rule: &Arc<Rule>, subject: &Subject, names: &Arc<Names>) {
        let record = self
            .records
            .get(&(&*rule.id, &*subject.id))
            .map_or_else(|| self.no_record.clone(), |r| Arc::new((*r).clone()));
        let raise = subject.exposed && !rule.tests_exposure;
        let computed = if raise {
            rule.severity.raised()
        } else {
            rule.severity
        };
        self.buf.push(Finding {
            key: ThreatKey {
                rule: rule.id.clone(),
                subject: subject.id.clone(),
            },
            subject: subject.id.clone(),
            rule: Some(rule.clone()),
            category: Category::Stride(rule.category),
            subject_kind: subject.kind,
            subject_name: names.subject.clone(),
            diagram: subject.diagram.clone(),
            diagram_name: subject.diagram_name.clone(),
            title: rule.title.render(|p| names.get(p)),
            computed_severity: computed,
            severity: record.severity.unwrap_or(computed),
            raised: computed != rule.severity,
            record,
            names: names.clone(),
            manual_description: String::new(),
        });
    }

    fn finish_subject(&mut self, subject: &Subject, out: &mut Vec<Finding>) {
        if let Some(manual) = self.manual.get(&*subject.id) {
            for t in manual {
                let record = Arc::new(t.record.clone());
                self.buf.push(Finding {
                    key: ThreatKey::new("manual", t.id.as_str()),
                    subject: subject.id.clone(),
                    rule: None,
                    category: t.category.clone(),
                    subject_kind: subject.kind,
                    subject_name: subject.names.subject.clone(),
                    diagram: subject.diagram.clone(),
                    diagram_name: subject.diagram_name.clone(),
                    title: t.title.clone(),
                    computed_severity: t.severity,
                    severity: record.severity.unwrap_or(t.severity),
                    raised: false,
                    record,
                    names: subject.names.clone(),
                    manual_description: t.description.clone(),
                });
            }
            // Generated findings come in (category, rule) order; slot the manual ones in
            // by category, after the generated ones of the same category.
            self.buf.sort_by(|a, b| {
                (category_rank(&a.category), a.rule.is_none())
                    .cmp(&(category_rank(&b.category), b.rule.is_none()))
            });
        }
        out.append(&mut self.buf);
    }
}

fn category_rank(c: &Category) -> (u8, &str) {
    match c {
        Category::Stride(s) => (*s as u8, ""),
        Category::Other(o) => (u8::MAX, o.as_str()),
    }
}

fn orphans(project: &Project, catalogue: &Catalogue, analysis: &Analysis) -> Vec<Orphan> {
    if project.threats.is_empty() && project.manual_threats.is_empty() {
        return Vec::new();
    }
    let fired: FxHashSet<(&str, &str)> = analysis
        .findings
        .iter()
        .map(|f| (f.rule_id(), f.subject()))
        .collect();
    let out_of_scope: FxHashSet<&str> = analysis
        .out_of_scope
        .iter()
        .map(|o| o.subject.as_str())
        .collect();
    let subjects: FxHashSet<&str> = project
        .diagrams
        .iter()
        .flat_map(|d| {
            d.elements
                .iter()
                .map(|e| e.id.as_str())
                .chain(d.flows.iter().map(|f| f.id.as_str()))
        })
        .collect();
    let mut orphans: Vec<Orphan> = project
        .threats
        .iter()
        .filter(|(key, _)| !fired.contains(&(&*key.rule, &*key.subject)))
        .map(|(key, record)| {
            let rule = catalogue.rule(&key.rule);
            let reason = if !subjects.contains(&*key.subject) {
                OrphanReason::SubjectGone
            } else if out_of_scope.contains(&*key.subject) {
                OrphanReason::SubjectOutOfScope
            } else if rule.is_none() {
                OrphanReason::UnknownRule
            } else {
                OrphanReason::NoLongerApplies
            };
            Orphan {
                key: key.clone(),
                reason,
                title: rule.map_or_else(|| key.rule.to_string(), |r| r.title.render(|_| "…")),
                record: record.clone(),
            }
        })
        .collect();
    orphans.extend(
        project
            .manual_threats
            .iter()
            .filter(|t| !subjects.contains(t.subject.as_str()))
            .map(|t| Orphan {
                key: ThreatKey::new("manual", t.id.as_str()),
                reason: OrphanReason::SubjectGone,
                title: t.title.clone(),
                record: t.record.clone(),
            }),
    );
    orphans
}

fn summarize(a: &Analysis) -> Summary {
    use crate::model::{Severity, Status, Stride};
    let mut by_status = [0usize; Status::ALL.len()];
    let mut by_severity = [0usize; Severity::ALL.len()];
    let mut open_by_severity = [0usize; Severity::ALL.len()];
    let mut by_category = [CategoryCount::default(); Stride::ALL.len() + 1];
    let mut open = 0;
    for f in &a.findings {
        let is_open = f.status().is_open();
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
        total: a.findings.len(),
        open,
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
