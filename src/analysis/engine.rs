//! The STRIDE engine: facts from the diagram, rules over them, decisions merged on.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::catalogue::{AppliesTo, Placeholder, Rule};
use super::expr::Env;
use super::facts::{ElementFacts, FlowFacts, boundary_type_bit};
use super::validate::validate;
use super::{
    Analysis, Catalogue, CategoryCount, Finding, Orphan, OrphanReason, OutOfScope, SubjectKind,
    Summary,
};
use crate::model::{
    BoundaryShape, BoundaryType, Category, Diagram, ElementKind, ElementProps, Project, Rect,
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

fn display_name(name: &str) -> &str {
    if name.trim().is_empty() {
        "(unnamed)"
    } else {
        name
    }
}

/// Boundary-crossing facts of every flow of a diagram, in flow order. Cost is linear in
/// elements × region boundaries plus flows × boundaries: no pairwise element checks.
pub(crate) fn flow_facts(project: &Project, diagram: &Diagram) -> Vec<FlowFacts> {
    let layout = &project.layout;
    let regions: Vec<(usize, Rect)> = diagram
        .boundaries
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match layout.boundaries.get(&b.id) {
            Some(BoundaryShape::Region(r)) => Some((i, *r)),
            _ => None,
        })
        .collect();
    let lines: Vec<(usize, &[crate::model::Pos])> = diagram
        .boundaries
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match layout.boundaries.get(&b.id) {
            Some(BoundaryShape::Line(points)) => Some((i, points.as_slice())),
            _ => None,
        })
        .collect();
    let types: Vec<BoundaryType> = diagram.boundaries.iter().map(|b| b.boundary_type).collect();
    diagram
        .flows
        .iter()
        .map(|flow| {
            let Some(path) = scene::flow_path(layout, flow) else {
                return FlowFacts::default();
            };
            let mut crossed: Vec<usize> = regions
                .iter()
                .filter(|(_, r)| scene::path_crosses(&path, &BoundaryShape::Region(*r)))
                .map(|(i, _)| *i)
                .collect();
            crossed.extend(
                lines
                    .iter()
                    .filter(|(_, points)| scene::polylines_intersect(&path, points))
                    .map(|(i, _)| *i),
            );
            crossed.sort_unstable();
            let crossed_types = crossed
                .iter()
                .fold(0u8, |bits, i| bits | boundary_type_bit(types[*i]));
            FlowFacts {
                crossed,
                crossed_types,
            }
        })
        .collect()
}

/// Analyses a project with a catalogue. Pure: the same input gives the same output.
pub fn analyze(project: &Project, catalogue: &Catalogue) -> Analysis {
    let mut by_kind: [Vec<&Arc<Rule>>; 3] = Default::default();
    let mut flow_rules: Vec<&Arc<Rule>> = Vec::new();
    for rule in catalogue.rules() {
        match &rule.applies_to {
            AppliesTo::Flows => flow_rules.push(rule),
            AppliesTo::Elements(kinds) => {
                for k in kinds {
                    by_kind[super::facts::kind_index(*k) as usize].push(rule);
                }
            }
        }
    }

    let mut manual_by_subject: HashMap<&str, Vec<&crate::model::ManualThreat>> = HashMap::new();
    for t in &project.manual_threats {
        manual_by_subject
            .entry(t.subject.as_str())
            .or_default()
            .push(t);
    }

    let mut out = Analysis::default();
    let no_record = ThreatRecord::default();
    for diagram in &project.diagrams {
        let facts = flow_facts(project, diagram);
        let index: HashMap<&str, usize> = diagram
            .elements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
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
        for (flow, ff) in diagram.flows.iter().zip(&facts) {
            let (Some(&s), Some(&t)) = (
                index.get(flow.source.as_str()),
                index.get(flow.target.as_str()),
            ) else {
                continue;
            };
            let is_idp = |i: usize| matches!(&diagram.elements[i].props, ElementProps::ExternalEntity(p) if p.identity_provider);
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

        let push_subject = |subject_findings: &mut Vec<Finding>,
                            out: &mut Analysis,
                            subject: &str,
                            kind: SubjectKind,
                            name: &str| {
            if let Some(manual) = manual_by_subject.get(subject) {
                for t in manual {
                    let record = t.record.clone();
                    subject_findings.push(Finding {
                        key: ThreatKey::new("manual", t.id.as_str()),
                        rule: None,
                        category: t.category.clone(),
                        subject: subject.to_owned(),
                        subject_kind: kind,
                        subject_name: name.to_owned(),
                        diagram: diagram.id.clone(),
                        diagram_name: diagram.name.clone(),
                        title: t.title.clone(),
                        description: t.description.clone(),
                        computed_severity: t.severity,
                        severity: record.severity.unwrap_or(t.severity),
                        raised: false,
                        record,
                        suggested_mitigations: Vec::new(),
                        references: Vec::new(),
                    });
                }
                subject_findings.sort_by(|a, b| {
                    (category_rank(&a.category), a.rule.is_none(), &a.key).cmp(&(
                        category_rank(&b.category),
                        b.rule.is_none(),
                        &b.key,
                    ))
                });
            }
            out.findings.append(subject_findings);
        };

        let mut buf: Vec<Finding> = Vec::new();
        for ef in &efacts {
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
            let env = Env {
                element: Some(ef),
                flow: None,
                source: None,
                target: None,
            };
            for rule in &by_kind[super::facts::kind_index(e.kind()) as usize] {
                if !rule.cond.eval(&env) {
                    continue;
                }
                let fill = |p: Placeholder| match p {
                    Placeholder::Diagram => diagram.name.clone(),
                    _ => display_name(&e.name).to_owned(),
                };
                buf.push(finding(
                    project,
                    rule,
                    e.id.as_str(),
                    kind,
                    &e.name,
                    diagram,
                    ef.reached_across_boundary,
                    &fill,
                    &no_record,
                ));
            }
            push_subject(&mut buf, &mut out, e.id.as_str(), kind, &e.name);
        }

        for (flow, ff) in diagram.flows.iter().zip(&facts) {
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
            let boundary = ff.crossed.first().map_or("a trust boundary", |i| {
                display_name(&diagram.boundaries[*i].name)
            });
            for rule in &flow_rules {
                // A bidirectional flow is evaluated in both directions; the first that
                // matches names the ends.
                let directions: &[(usize, usize)] = if flow.bidirectional {
                    &[(s, t), (t, s)]
                } else {
                    &[(s, t)]
                };
                let Some(&(src, dst)) = directions.iter().find(|(src, dst)| {
                    rule.cond.eval(&Env {
                        element: None,
                        flow: Some((flow, ff)),
                        source: Some(&efacts[*src]),
                        target: Some(&efacts[*dst]),
                    })
                }) else {
                    continue;
                };
                let fill = |p: Placeholder| match p {
                    Placeholder::Source => display_name(&diagram.elements[src].name).to_owned(),
                    Placeholder::Target => display_name(&diagram.elements[dst].name).to_owned(),
                    Placeholder::Boundary => boundary.to_owned(),
                    Placeholder::Protocol => {
                        if flow.protocol.is_empty() {
                            "its protocol".to_owned()
                        } else {
                            flow.protocol.clone()
                        }
                    }
                    Placeholder::Diagram => diagram.name.clone(),
                    Placeholder::Flow | Placeholder::Element => display_name(&flow.name).to_owned(),
                };
                buf.push(finding(
                    project,
                    rule,
                    flow.id.as_str(),
                    SubjectKind::Flow,
                    &flow.name,
                    diagram,
                    ff.crosses(),
                    &fill,
                    &no_record,
                ));
            }
            push_subject(
                &mut buf,
                &mut out,
                flow.id.as_str(),
                SubjectKind::Flow,
                &flow.name,
            );
        }
    }

    out.orphaned = orphans(project, catalogue, &out);
    out.validation = validate(project, &out);
    out.summary = summarize(&out);
    out
}

fn category_rank(c: &Category) -> (u8, &str) {
    match c {
        Category::Stride(s) => (*s as u8, ""),
        Category::Other(o) => (u8::MAX, o.as_str()),
    }
}

#[allow(clippy::too_many_arguments)]
fn finding(
    project: &Project,
    rule: &Arc<Rule>,
    subject: &str,
    kind: SubjectKind,
    name: &str,
    diagram: &Diagram,
    exposed: bool,
    fill: &dyn Fn(Placeholder) -> String,
    no_record: &ThreatRecord,
) -> Finding {
    let key = ThreatKey::new(rule.id.as_str(), subject);
    let record = project.threats.get(&key).unwrap_or(no_record).clone();
    let raise = exposed && !rule.tests_exposure;
    let computed = if raise {
        rule.severity.raised()
    } else {
        rule.severity
    };
    Finding {
        rule: Some(rule.clone()),
        category: Category::Stride(rule.category),
        subject: subject.to_owned(),
        subject_kind: kind,
        subject_name: name.to_owned(),
        diagram: diagram.id.clone(),
        diagram_name: diagram.name.clone(),
        title: rule.title.render(fill),
        description: rule.description.render(fill),
        computed_severity: computed,
        severity: record.severity.unwrap_or(computed),
        raised: computed != rule.severity,
        suggested_mitigations: rule.mitigations.iter().map(|m| m.render(fill)).collect(),
        references: rule.references.clone(),
        record,
        key,
    }
}

fn orphans(project: &Project, catalogue: &Catalogue, analysis: &Analysis) -> Vec<Orphan> {
    let fired: HashSet<&ThreatKey> = analysis.findings.iter().map(|f| &f.key).collect();
    let out_of_scope: HashSet<&str> = analysis
        .out_of_scope
        .iter()
        .map(|o| o.subject.as_str())
        .collect();
    let mut orphans: Vec<Orphan> = project
        .threats
        .iter()
        .filter(|(key, _)| !fired.contains(key))
        .map(|(key, record)| {
            let rule = catalogue.rule(&key.rule);
            let reason = if !project.has_subject(&key.subject) {
                OrphanReason::SubjectGone
            } else if out_of_scope.contains(key.subject.as_str()) {
                OrphanReason::SubjectOutOfScope
            } else if rule.is_none() {
                OrphanReason::UnknownRule
            } else {
                OrphanReason::NoLongerApplies
            };
            Orphan {
                key: key.clone(),
                reason,
                title: rule
                    .map_or_else(|| key.rule.clone(), |r| r.title.render(|_| "…".to_owned())),
                record: record.clone(),
            }
        })
        .collect();
    orphans.extend(
        project
            .manual_threats
            .iter()
            .filter(|t| !project.has_subject(&t.subject))
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
    let mut s = Summary {
        total: a.findings.len(),
        ..Summary::default()
    };
    for status in crate::model::Status::ALL {
        s.by_status.insert(status.snake(), 0);
    }
    for sev in crate::model::Severity::ALL {
        s.by_severity.insert(sev.label(), 0);
        s.open_by_severity.insert(sev.label(), 0);
    }
    for st in crate::model::Stride::ALL {
        s.by_category
            .insert(st.letter().to_string(), CategoryCount::default());
    }
    for f in &a.findings {
        let open = f.status().is_open();
        *s.by_status.entry(f.status().snake()).or_default() += 1;
        *s.by_severity.entry(f.severity.label()).or_default() += 1;
        let cat = match &f.category {
            Category::Stride(st) => st.letter().to_string(),
            Category::Other(_) => "other".to_owned(),
        };
        let c = s.by_category.entry(cat).or_default();
        c.total += 1;
        if open {
            s.open += 1;
            c.open += 1;
            *s.open_by_severity.entry(f.severity.label()).or_default() += 1;
        }
    }
    s.errors = a
        .validation
        .iter()
        .filter(|m| m.level == super::Level::Error)
        .count();
    s.warnings = a
        .validation
        .iter()
        .filter(|m| m.level == super::Level::Warning)
        .count();
    s
}
