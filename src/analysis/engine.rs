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
    BoundaryShape, BoundaryType, Category, DataClass, Diagram, ElementKind, ElementProps, Pos,
    Project, Severity, Stride, ThreatKey, ThreatRecord,
};
use crate::scene;

fn subject_kind(kind: ElementKind) -> SubjectKind {
    match kind {
        ElementKind::Process => SubjectKind::Process,
        ElementKind::DataStore => SubjectKind::DataStore,
        ElementKind::ExternalEntity => SubjectKind::ExternalEntity,
    }
}

/// A name as a reader sees it: white space (line breaks from multi-line labels) folded.
fn display_name(name: &str) -> Arc<str> {
    let clean = super::vocab::clean_name(name);
    if clean.is_empty() {
        Arc::from("(unnamed)")
    } else {
        Arc::from(clean)
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
    let internet = boundary_type_bit(BoundaryType::Internet);
    let shapes: Vec<(usize, &BoundaryShape, u8)> = diagram
        .boundaries
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            // A boundary named "Internet", "Public network" or "DMZ" is one, whatever
            // type an importer gave it.
            let named_internet =
                super::vocab::cues([b.name.as_str()]) & super::vocab::cue::INTERNET != 0;
            let bits =
                boundary_type_bit(b.boundary_type) | if named_internet { internet } else { 0 };
            layout.boundaries.get(&b.id).map(|s| (i, s, bits))
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
            let mut facts = FlowFacts::words(flow);
            let (Some(a), Some(b)) = ends else {
                return facts;
            };
            path.clear();
            path.push(a);
            if !layout.waypoints.is_empty() {
                if let Some(points) = layout.waypoints.get(&flow.id) {
                    path.extend_from_slice(points);
                }
            }
            path.push(b);
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

/// A connection: the in-scope flows between one pair of elements, in either direction.
/// Parallel flows and request/response legs are one connection, so a rule gives one
/// finding for it, not one per arrow.
struct Connection {
    /// Element indices, lower first.
    ends: (usize, usize),
    /// Flow indices, in diagram order.
    flows: Vec<usize>,
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
                    by_kind[usize::from(kind_index(*k))].push(rule);
                }
            }
        }
    }
    let records: FxHashMap<(&str, &str), (&ThreatKey, &ThreatRecord)> = project
        .threats
        .iter()
        .map(|(k, r)| ((&*k.rule, &*k.subject), (k, r)))
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
        matched: FxHashSet::default(),
    };
    let mut stopped = false;
    'diagrams: for diagram in &project.diagrams {
        let index = element_index(diagram);
        let mut facts = flow_facts(project, diagram, &index);
        mark_anonymous_sources(diagram, &index, &mut facts);
        let efacts = element_facts(project, diagram, &index, &facts);
        diagram_messages(diagram, &index, &efacts, &facts, &mut out.validation);
        let element_names: Vec<Arc<str>> = diagram
            .elements
            .iter()
            .map(|e| display_name(&e.name))
            .collect();
        let boundary_names = boundary_phrases(project, diagram, &element_names);
        let any_boundary: Arc<str> = Arc::from("a trust boundary");
        let diagram_id: Arc<str> = Arc::from(diagram.id.as_str());
        let diagram_name: Arc<str> = Arc::from(diagram.name.as_str());
        out.findings
            .reserve(diagram.elements.len() * 3 + diagram.flows.len() * 2);

        // Connections, and what flow findings answer for their ends.
        let mut connections: Vec<Connection> = Vec::new();
        let mut connection_of: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        let mut flows_out_of_scope = Vec::new();
        for (fi, flow) in diagram.flows.iter().enumerate() {
            if flow.out_of_scope {
                flows_out_of_scope.push(OutOfScope {
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
            let ends = (s.min(t), s.max(t));
            let next = connections.len();
            let ci = *connection_of.entry(ends).or_insert(next);
            if ci == next {
                connections.push(Connection {
                    ends,
                    flows: Vec::new(),
                });
            }
            connections[ci].flows.push(fi);
        }

        // Flow findings first: they can answer the cells of the elements they touch.
        let mut element_covered = vec![0u8; diagram.elements.len()];
        for (i, ef) in efacts.iter().enumerate() {
            if ef.third_party && ef.element.kind() != ElementKind::ExternalEntity {
                element_covered[i] = ALL_CELLS; // the provider's to secure
            } else if ef.anonymous() {
                element_covered[i] |= cell(Stride::Spoofing) | cell(Stride::Repudiation);
            } else if matches!(&ef.element.props, ElementProps::ExternalEntity(p) if p.authenticates_itself)
            {
                element_covered[i] |= cell(Stride::Spoofing);
            }
            if let Some(manual) = manual_by_subject.get(ef.element.id.as_str()) {
                for t in manual {
                    if let Category::Stride(st) = t.category {
                        element_covered[i] |= cell(st);
                    }
                }
            }
        }
        // One provider, one dependency: third-party elements joined by the provider's own
        // flows are one provider; only the first of each gets the dependency finding.
        let provider_lead = provider_leads(diagram, &index, &efacts);
        let mut flow_findings: Vec<Vec<Finding>> = Vec::with_capacity(connections.len());
        for conn in &connections {
            if out.findings.len() + builder.buf.len() >= MAX_FINDINGS {
                stopped = true;
                break 'diagrams;
            }
            let (a, b) = conn.ends;
            let provider_internal = efacts[a].third_party
                && efacts[b].third_party
                && efacts[a].element.kind() != ElementKind::ExternalEntity
                && efacts[b].element.kind() != ElementKind::ExternalEntity;
            let member_ids: Vec<Arc<str>> = conn
                .flows
                .iter()
                .map(|&fi| Arc::from(diagram.flows[fi].id.as_str()))
                .collect();
            let pair = pair_subject(
                diagram.elements[a].id.as_str(),
                diagram.elements[b].id.as_str(),
            );
            let pair_key: Option<Arc<str>> = (conn.flows.len() > 1).then(|| pair.clone());
            // Decisions recorded under the connection or any of its flows apply.
            let alternates: Vec<Arc<str>> = std::iter::once(pair)
                .chain(member_ids.iter().cloned())
                .collect();
            let connection_name: Arc<str> =
                Arc::from(format!("{} ↔ {}", element_names[a], element_names[b]));
            let mut covered = 0u8;
            // What every flow's transport answers: HTTPS answers "could it be read or
            // altered on the way?".
            let all = |f: fn(&crate::model::Flow, &FlowFacts) -> bool| {
                conn.flows
                    .iter()
                    .all(|&fi| f(&diagram.flows[fi], &facts[fi]))
            };
            if all(|f, ff| f.encrypted || ff.protocol.is_some_and(|p| p.encrypted)) {
                covered |= cell(Stride::InformationDisclosure);
            }
            if all(|f, ff| f.integrity_protected || ff.protocol.is_some_and(|p| p.integrity)) {
                covered |= cell(Stride::Tampering);
            }
            for &fi in &conn.flows {
                if let Some(manual) = manual_by_subject.get(diagram.flows[fi].id.as_str()) {
                    for t in manual {
                        if let Category::Stride(st) = t.category {
                            covered |= cell(st);
                        }
                    }
                }
            }
            let mut specific: Vec<Finding> = Vec::new();
            let mut baselines: Vec<&Arc<Rule>> = Vec::new();
            for rule in &flow_rules {
                if rule.baseline {
                    baselines.push(rule);
                    continue;
                }
                if provider_internal && !rule.third_party {
                    continue;
                }
                // Every flow of the connection where the rule fires, with its direction.
                let mut fired: Vec<(usize, usize, usize)> = Vec::new();
                for &fi in &conn.flows {
                    let flow = &diagram.flows[fi];
                    let ff = &facts[fi];
                    let (s, t) = (index[flow.source.as_str()], index[flow.target.as_str()]);
                    let skip = |from: usize, to: usize| {
                        let internal = |i: usize| {
                            efacts[i].third_party
                                && efacts[i].element.kind() != ElementKind::ExternalEntity
                        };
                        let anonymous_cell = |i: usize| {
                            efacts[i].anonymous()
                                && matches!(rule.category, Stride::Spoofing | Stride::Repudiation)
                        };
                        !rule.third_party
                            && ((rule.covers_source && (internal(from) || anonymous_cell(from)))
                                || (rule.covers_target && (internal(to) || anonymous_cell(to))))
                    };
                    let env = |from: usize, to: usize| Env {
                        element: None,
                        flow: Some((flow, ff)),
                        source: Some(&efacts[from]),
                        target: Some(&efacts[to]),
                    };
                    if !skip(s, t) && rule.cond.eval(&env(s, t)) {
                        fired.push((fi, s, t));
                    } else if flow.bidirectional && !skip(t, s) && rule.cond.eval(&env(t, s)) {
                        fired.push((fi, t, s));
                    }
                }
                let Some(&(first, from, to)) = fired.first() else {
                    continue;
                };
                let cells = rule_cells(rule);
                covered |= cells;
                for &(_, from, to) in &fired {
                    if rule.covers_source {
                        element_covered[from] |= cells;
                    }
                    if rule.covers_target {
                        element_covered[to] |= cells;
                    }
                }
                let flow = &diagram.flows[first];
                let ff = &facts[first];
                let names = flow_names(
                    flow,
                    ff,
                    from,
                    to,
                    &element_names,
                    &boundary_names,
                    &any_boundary,
                    &diagram_name,
                    &efacts,
                    (fired.len() > 1).then(|| connection_name.clone()),
                );
                let subject = Subject {
                    id: Arc::from(flow.id.as_str()),
                    key: pair_key
                        .clone()
                        .unwrap_or_else(|| Arc::from(flow.id.as_str())),
                    alternates: alternates.clone(),
                    kind: SubjectKind::Flow,
                    names: Arc::new(names),
                    diagram: diagram_id.clone(),
                    diagram_name: diagram_name.clone(),
                    flows: fired
                        .iter()
                        .map(|&(fi, _, _)| {
                            member_ids[conn.flows.iter().position(|x| *x == fi).unwrap_or(0)]
                                .clone()
                        })
                        .collect(),
                };
                let assessment = assess_flow(flow, ff, &efacts[from]);
                specific.push(builder.make(rule, &subject, &assessment));
            }
            suppress_generic(&mut specific);
            // The checklist: baseline questions for the cells nothing specific answered.
            let first = conn.flows[0];
            let flow = &diagram.flows[first];
            let (s, t) = (index[flow.source.as_str()], index[flow.target.as_str()]);
            let multi = conn.flows.len() > 1;
            let names = Arc::new(flow_names(
                flow,
                &facts[first],
                s,
                t,
                &element_names,
                &boundary_names,
                &any_boundary,
                &diagram_name,
                &efacts,
                multi.then(|| connection_name.clone()),
            ));
            let subject = Subject {
                id: Arc::from(flow.id.as_str()),
                key: pair_key
                    .clone()
                    .unwrap_or_else(|| Arc::from(flow.id.as_str())),
                alternates: alternates.clone(),
                kind: SubjectKind::Flow,
                names,
                diagram: diagram_id.clone(),
                diagram_name: diagram_name.clone(),
                flows: Arc::from(member_ids.clone()),
            };
            if !provider_internal {
                for rule in baselines {
                    if covered & cell(rule.category) == 0
                        && rule.cond.eval(&Env {
                            element: None,
                            flow: Some((flow, &facts[first])),
                            source: Some(&efacts[s]),
                            target: Some(&efacts[t]),
                        })
                    {
                        specific.push(builder.make(rule, &subject, &Assessment::checklist()));
                    }
                }
            }
            // Manual threats of each flow of the connection, on that flow.
            for &fi in &conn.flows {
                let f = &diagram.flows[fi];
                let (fs, ft) = (index[f.source.as_str()], index[f.target.as_str()]);
                let names = Arc::new(flow_names(
                    f,
                    &facts[fi],
                    fs,
                    ft,
                    &element_names,
                    &boundary_names,
                    &any_boundary,
                    &diagram_name,
                    &efacts,
                    None,
                ));
                builder.manual_for(
                    &Subject {
                        id: Arc::from(f.id.as_str()),
                        key: Arc::from(f.id.as_str()),
                        alternates: Vec::new(),
                        kind: SubjectKind::Flow,
                        names,
                        diagram: diagram_id.clone(),
                        diagram_name: diagram_name.clone(),
                        flows: Arc::from(vec![Arc::from(f.id.as_str())]),
                    },
                    &mut specific,
                );
            }
            sort_subject(&mut specific);
            flow_findings.push(specific);
        }

        for (i, (ef, name)) in efacts.iter().zip(&element_names).enumerate() {
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
            let id: Arc<str> = Arc::from(e.id.as_str());
            let subject = Subject {
                id: id.clone(),
                key: id,
                alternates: Vec::new(),
                kind,
                names: Arc::new(Names {
                    subject: name.clone(),
                    diagram: diagram_name.clone(),
                    context: Arc::from(element_context(ef, name, &boundary_names)),
                    ..Names::default()
                }),
                diagram: diagram_id.clone(),
                diagram_name: diagram_name.clone(),
                flows: Arc::from(Vec::new()),
            };
            let env = Env {
                element: Some(ef),
                flow: None,
                source: None,
                target: None,
            };
            let internal_third_party = ef.third_party && e.kind() != ElementKind::ExternalEntity;
            let assessment = assess_element(ef);
            let mut found: Vec<Finding> = Vec::new();
            let rules = &by_kind[usize::from(kind_index(e.kind()))];
            for rule in rules.iter().filter(|r| !r.baseline) {
                if internal_third_party && !rule.third_party {
                    continue;
                }
                if rule.third_party && !provider_lead[i] {
                    continue;
                }
                if rule.cond.eval(&env) {
                    element_covered[i] |= rule_cells(rule);
                    found.push(builder.make(rule, &subject, &assessment));
                }
            }
            suppress_generic(&mut found);
            for rule in rules.iter().filter(|r| r.baseline) {
                if element_covered[i] & cell(rule.category) == 0 && rule.cond.eval(&env) {
                    found.push(builder.make(rule, &subject, &Assessment::checklist()));
                }
            }
            builder.manual_for(&subject, &mut found);
            sort_subject(&mut found);
            out.findings.append(&mut found);
        }
        for mut f in flow_findings {
            out.findings.append(&mut f);
        }
        out.out_of_scope.append(&mut flows_out_of_scope);
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
    out.orphaned = orphans(project, catalogue, &out, &builder.matched);
    decision_messages(&out.findings, &out.orphaned, &mut out.validation);
    out.rule_changes = catalogue.changes().to_vec();
    out.summary = summarize(&out);
    out
}

const ALL_CELLS: u8 = 0b11_1111;

/// For each element: whether it leads its provider group. Third-party processes and stores
/// linked by flows between them are one provider (a payment provider's API and its payment
/// service); the first in diagram order leads. Every other element leads itself.
fn provider_leads(
    diagram: &Diagram,
    index: &FxHashMap<&str, usize>,
    efacts: &[ElementFacts<'_>],
) -> Vec<bool> {
    let internal =
        |i: usize| efacts[i].third_party && efacts[i].element.kind() != ElementKind::ExternalEntity;
    let mut group: Vec<usize> = (0..efacts.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for flow in &diagram.flows {
        let (Some(&s), Some(&t)) = (
            index.get(flow.source.as_str()),
            index.get(flow.target.as_str()),
        ) else {
            continue;
        };
        if internal(s) && internal(t) {
            let (a, b) = (root(&mut group, s), root(&mut group, t));
            // The earlier element stays the root, so it leads.
            group[a.max(b)] = a.min(b);
        }
    }
    (0..efacts.len())
        .map(|i| root(&mut group, i) == i)
        .collect()
}

/// Flows to or from an anonymous actor come from the internet: anyone can be that actor.
fn mark_anonymous_sources(
    diagram: &Diagram,
    index: &FxHashMap<&str, usize>,
    facts: &mut [FlowFacts],
) {
    use super::vocab::cue;
    let anonymous: Vec<bool> = diagram
        .elements
        .iter()
        .map(|e| match &e.props {
            ElementProps::ExternalEntity(p) => {
                p.anonymous
                    || super::vocab::cues([e.name.as_str(), e.description.as_str()])
                        & cue::ANONYMOUS
                        != 0
            }
            _ => false,
        })
        .collect();
    if !anonymous.contains(&true) {
        return;
    }
    for (flow, ff) in diagram.flows.iter().zip(facts.iter_mut()) {
        let end = |id: &str| index.get(id).is_some_and(|&i| anonymous[i]);
        ff.from_anonymous = end(flow.source.as_str()) || end(flow.target.as_str());
    }
}

/// Drops a finding whose rule gives way (`unless`) to another rule that fired on the same
/// subject: the specific one says it better. Its STRIDE cell stays answered.
fn suppress_generic(found: &mut Vec<Finding>) {
    if !found
        .iter()
        .any(|f| f.rule.as_ref().is_some_and(|r| !r.unless.is_empty()))
    {
        return;
    }
    let fired: Vec<Arc<str>> = found
        .iter()
        .filter_map(|f| f.rule.as_ref().map(|r| r.id.clone()))
        .collect();
    found.retain(|f| {
        f.rule
            .as_ref()
            .is_none_or(|r| !r.unless.iter().any(|u| fired.iter().any(|id| **id == **u)))
    });
}

fn cell(s: Stride) -> u8 {
    1 << (s as u8)
}

/// The cells a rule's finding answers: its category and its `also` categories.
fn rule_cells(rule: &Rule) -> u8 {
    rule.also
        .iter()
        .fold(cell(rule.category), |c, s| c | cell(*s))
}

/// Generated findings in (category, rule) order, checklist questions after the threats
/// of their category, manual threats after the generated ones.
fn sort_subject(found: &mut [Finding]) {
    found.sort_by(|a, b| {
        (category_rank(&a.category), a.rule.is_none())
            .cmp(&(category_rank(&b.category), b.rule.is_none()))
    });
}

/// The key subject of a connection with several flows: both element ids, in order (or a
/// digest of them when that would be longer than an id may be).
fn pair_subject(a: &str, b: &str) -> Arc<str> {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    let joined = format!("{a}.{b}");
    if joined.len() <= crate::model::MAX_ID_LEN {
        Arc::from(joined)
    } else {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(joined.as_bytes());
        let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        Arc::from(format!("pair-{hex}"))
    }
}

/// How each boundary is named in findings: "the “Shop VPC” boundary"; an unnamed region
/// by what it encloses, an unnamed line as such.
fn boundary_phrases(
    project: &Project,
    diagram: &Diagram,
    element_names: &[Arc<str>],
) -> Vec<Arc<str>> {
    diagram
        .boundaries
        .iter()
        .map(|b| {
            let name = super::vocab::clean_name(&b.name);
            if !name.is_empty() {
                return Arc::from(format!("the “{name}” boundary"));
            }
            match project.layout.boundaries.get(&b.id) {
                Some(BoundaryShape::Region(r)) => {
                    let inside: Vec<&str> = diagram
                        .elements
                        .iter()
                        .zip(element_names)
                        .filter(|(e, _)| {
                            project
                                .layout
                                .elements
                                .get(&e.id)
                                .is_some_and(|er| r.contains(er.center()))
                        })
                        .map(|(_, n)| &**n)
                        .take(3)
                        .collect();
                    if inside.is_empty() {
                        Arc::from("an unnamed trust boundary")
                    } else {
                        Arc::from(format!("the boundary around {}", inside.join(", ")))
                    }
                }
                _ => Arc::from("an unnamed boundary line"),
            }
        })
        .collect()
}

/// The names of one flow finding. `connection` names the finding after both ends when it
/// stands for several flows.
#[allow(clippy::too_many_arguments)]
fn flow_names(
    flow: &crate::model::Flow,
    ff: &FlowFacts,
    from: usize,
    to: usize,
    element_names: &[Arc<str>],
    boundary_names: &[Arc<str>],
    any_boundary: &Arc<str>,
    diagram_name: &Arc<str>,
    efacts: &[ElementFacts<'_>],
    connection: Option<Arc<str>>,
) -> Names {
    let own = super::vocab::clean_name(&flow.name);
    let subject: Arc<str> = match connection {
        Some(c) => c,
        None if own.is_empty() => {
            Arc::from(format!("{} → {}", element_names[from], element_names[to]))
        }
        // A flow named after its protocol ("HTTPS") is called by its ends.
        None if super::vocab::is_protocol_name(&own) => Arc::from(format!(
            "{} → {} ({own})",
            element_names[from], element_names[to]
        )),
        None => Arc::from(own),
    };
    let boundary = ff
        .crossed
        .first()
        .map_or_else(|| any_boundary.clone(), |i| boundary_names[*i].clone());
    let protocol: Arc<str> = match (&ff.protocol, flow.protocol.trim()) {
        (_, p) if !p.is_empty() => Arc::from(p),
        (Some(p), _) => Arc::from(p.name),
        (None, _) => Arc::from("its protocol"),
    };
    let context = flow_context(
        flow,
        ff,
        &element_names[from],
        &element_names[to],
        &boundary,
        efacts,
        from,
        to,
    );
    Names {
        subject,
        source: element_names[from].clone(),
        target: element_names[to].clone(),
        boundary,
        protocol,
        diagram: diagram_name.clone(),
        context: Arc::from(context),
    }
}

/// What the model says about a flow, as a sentence for checklist questions.
#[allow(clippy::too_many_arguments)]
fn flow_context(
    flow: &crate::model::Flow,
    ff: &FlowFacts,
    from: &str,
    to: &str,
    boundary: &str,
    efacts: &[ElementFacts<'_>],
    s: usize,
    t: usize,
) -> String {
    let mut parts = vec![format!("It goes from {from} to {to}")];
    match &ff.protocol {
        Some(p) => parts.push(format!("over {}", p.name)),
        None if !flow.protocol.trim().is_empty() => {
            parts.push(format!("over {}", flow.protocol.trim()))
        }
        None => {}
    }
    if ff.crosses() {
        parts.push(format!("crossing {boundary}"));
    } else {
        parts.push("inside one trust zone".into());
    }
    let data = data_phrase(flow, ff);
    if !data.is_empty() {
        parts.push(format!("carrying {data}"));
    }
    if efacts[s].third_party || efacts[t].third_party {
        parts.push("to or from a third party".into());
    }
    format!("{}.", parts.join(", "))
}

fn data_phrase(flow: &crate::model::Flow, ff: &FlowFacts) -> String {
    use super::vocab::cue;
    let mut kinds: Vec<&str> = Vec::new();
    if ff.cues & cue::CARD != 0 {
        kinds.push("card data");
    }
    if ff.cues & cue::CREDENTIALS != 0 {
        kinds.push("credentials");
    }
    if ff.cues & cue::HEALTH != 0 {
        kinds.push("health data");
    } else if ff.cues & cue::PERSONAL != 0 {
        kinds.push("personal data");
    }
    match flow.classification {
        DataClass::Secret => kinds.push("secret data"),
        DataClass::Confidential if kinds.is_empty() => kinds.push("confidential data"),
        _ => {}
    }
    kinds.join(" and ")
}

/// What the model says about an element, as a sentence for checklist questions.
fn element_context(ef: &ElementFacts<'_>, name: &str, boundary_names: &[Arc<str>]) -> String {
    let e = ef.element;
    let _ = boundary_names;
    let kind = match e.kind() {
        ElementKind::Process => "a process",
        ElementKind::DataStore => "a data store",
        ElementKind::ExternalEntity => "an external entity",
    };
    let tech = e.technology.trim();
    let mut s = if tech.is_empty() {
        format!("{name} is {kind}")
    } else {
        format!("{name} is {kind} ({tech})")
    };
    if ef.reached_from_internet {
        s.push_str(", reachable from the internet");
    } else if ef.reached_across_boundary {
        s.push_str(", reached across a trust boundary");
    } else if e.kind() != ElementKind::ExternalEntity {
        s.push_str(", reached only from inside its trust zone");
    }
    let (_, reasons) = impact_of_element(ef);
    if !reasons.is_empty() {
        s.push_str(", handling ");
        s.push_str(&reasons.join(" and "));
    }
    s.push('.');
    s
}

/// How bad a threat would be and how likely it is, from what the model says, and why.
#[derive(Debug, Clone)]
struct Assessment {
    /// −1 (public data), 0, +1 (card data, credentials, secrets, payments, admin).
    impact: i8,
    impact_reasons: Vec<&'static str>,
    exposure: Exposure,
    /// Where the data on a flow can come from: a flow out of a process that the internet
    /// reaches carries what the internet sent (injection, tampering, elevation).
    data_exposure: Exposure,
    checklist: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exposure {
    /// Reachable from the internet (an internet boundary, a public network).
    Internet,
    /// Crosses (or is reached across) another trust boundary.
    Boundary,
    /// Stays inside one trust zone.
    Local,
}

impl Assessment {
    fn checklist() -> Self {
        Self {
            impact: 0,
            impact_reasons: Vec::new(),
            exposure: Exposure::Local,
            data_exposure: Exposure::Local,
            checklist: true,
        }
    }

    /// The severity of `rule` for this subject, and the reason in words
    /// ("High: card data; reachable from the internet").
    fn severity(&self, rule: &Rule) -> (Severity, String) {
        if self.checklist {
            return (
                Severity::Low,
                "Low: a question from the STRIDE checklist; nothing specific was found for it"
                    .into(),
            );
        }
        let mut level = rule.severity as i8 + self.impact;
        let mut reasons: Vec<String> = self
            .impact_reasons
            .iter()
            .map(|r| (*r).to_owned())
            .collect();
        let exposure = if rule.injection {
            self.data_exposure
        } else {
            self.exposure
        };
        match exposure {
            Exposure::Internet => {
                if !rule.tests_internet {
                    level += 1;
                }
                reasons.push(if exposure == self.exposure {
                    "reachable from the internet".into()
                } else {
                    "its data comes from the internet".into()
                });
            }
            Exposure::Boundary
                if self.data_exposure != self.exposure && exposure == self.data_exposure =>
            {
                reasons.push("its data comes from across a trust boundary".into())
            }
            Exposure::Boundary => reasons.push("crosses a trust boundary".into()),
            Exposure::Local => {
                if !rule.tests_exposure {
                    level -= 1;
                }
                reasons.push("stays inside one trust zone".into());
            }
        }
        if self.impact < 0 {
            reasons.insert(0, "public data only".into());
        }
        // Within one level of the rule's own severity: the model ranks, it does not
        // reinvent. Critical so needs a rule that is high on its own.
        let base = rule.severity as i8;
        level = level.clamp(base - 1, base + 1);
        // Critical means high impact within reach of the internet.
        if level >= 3 && base < 3 && exposure != Exposure::Internet {
            level = 2;
        }
        let severity = Severity::ALL[level.clamp(0, 3) as usize];
        let label = severity.label();
        let mut text = String::with_capacity(64);
        text.push_str(&label[..1].to_uppercase());
        text.push_str(&label[1..]);
        text.push_str(": ");
        text.push_str(&reasons.join("; "));
        (severity, text)
    }
}

fn impact_of_element(ef: &ElementFacts<'_>) -> (i8, Vec<&'static str>) {
    let mut reasons = Vec::new();
    let mut impact = 0;
    match &ef.element.props {
        ElementProps::Process(p) => {
            if ef.payment() {
                reasons.push("payments");
            }
            if p.handles_secrets {
                reasons.push("secrets");
            }
            if p.runs_as.is_privileged() {
                reasons.push("privileged code");
            }
        }
        ElementProps::DataStore(p) => {
            if p.stores_credentials {
                reasons.push("credentials");
            }
            match p.classification {
                DataClass::Secret => reasons.push("secret data"),
                DataClass::Public => impact = -1,
                _ => {}
            }
        }
        ElementProps::ExternalEntity(_) => {}
    }
    if ef.cues & super::vocab::cue::ADMIN != 0 {
        reasons.push("administration");
    }
    if !reasons.is_empty() {
        impact = 1;
    }
    (impact, reasons)
}

fn assess_element(ef: &ElementFacts<'_>) -> Assessment {
    let (impact, impact_reasons) = impact_of_element(ef);
    let exposure = if ef.reached_from_internet {
        Exposure::Internet
    } else if ef.reached_across_boundary || ef.element.kind() == ElementKind::ExternalEntity {
        Exposure::Boundary
    } else {
        Exposure::Local
    };
    Assessment {
        impact,
        impact_reasons,
        exposure,
        data_exposure: exposure,
        checklist: false,
    }
}

fn assess_flow(flow: &crate::model::Flow, ff: &FlowFacts, source: &ElementFacts<'_>) -> Assessment {
    use super::vocab::cue;
    let mut reasons = Vec::new();
    if ff.cues & cue::CARD != 0 {
        reasons.push("card data");
    }
    if ff.cues & cue::CREDENTIALS != 0 {
        reasons.push("credentials");
    }
    if ff.cues & cue::HEALTH != 0 {
        reasons.push("health data");
    }
    if flow.classification == DataClass::Secret {
        reasons.push("secret data");
    }
    let impact = if !reasons.is_empty() {
        1
    } else if flow.classification == DataClass::Public {
        -1
    } else {
        0
    };
    if reasons.is_empty() {
        if flow.classification == DataClass::Confidential {
            reasons.push("confidential data");
        } else if ff.cues & cue::PERSONAL != 0 {
            reasons.push("personal data");
        }
    }
    let exposure = if ff.from_internet(flow) {
        Exposure::Internet
    } else if ff.crosses() || ff.protocol.is_some_and(|p| p.proximity) {
        Exposure::Boundary
    } else {
        Exposure::Local
    };
    let from_source = if source.element.kind() != ElementKind::Process {
        Exposure::Local
    } else if source.reached_from_internet {
        Exposure::Internet
    } else if source.reached_across_boundary {
        Exposure::Boundary
    } else {
        Exposure::Local
    };
    let rank = |e: Exposure| match e {
        Exposure::Local => 0,
        Exposure::Boundary => 1,
        Exposure::Internet => 2,
    };
    let data_exposure = if rank(from_source) > rank(exposure) {
        from_source
    } else {
        exposure
    };
    Assessment {
        impact,
        impact_reasons: reasons,
        exposure,
        data_exposure,
        checklist: false,
    }
}

pub(crate) fn element_facts<'a>(
    project: &Project,
    diagram: &'a Diagram,
    index: &FxHashMap<&str, usize>,
    facts: &[FlowFacts],
) -> Vec<ElementFacts<'a>> {
    // Regions marked third-party: what is inside them is a provider's.
    let provider_regions: Vec<crate::model::Rect> = diagram
        .boundaries
        .iter()
        .filter(|b| b.third_party)
        .filter_map(|b| match project.layout.boundaries.get(&b.id) {
            Some(BoundaryShape::Region(r)) => Some(*r),
            _ => None,
        })
        .collect();
    let mut efacts: Vec<ElementFacts<'_>> = diagram
        .elements
        .iter()
        .map(|element| {
            let cues = super::vocab::cues([
                element.name.as_str(),
                element.description.as_str(),
                element.technology.as_str(),
            ]);
            let marked = match &element.props {
                ElementProps::Process(p) => p.third_party,
                ElementProps::DataStore(p) => p.third_party,
                ElementProps::ExternalEntity(p) => p.third_party,
            };
            let in_provider_region = !provider_regions.is_empty()
                && project.layout.elements.get(&element.id).is_some_and(|r| {
                    provider_regions
                        .iter()
                        .any(|region| region.contains(r.center()))
                });
            ElementFacts {
                element,
                inputs: 0,
                outputs: 0,
                reached_across_boundary: false,
                reached_from_internet: false,
                talks_to_identity_provider: false,
                cues,
                third_party: marked
                    || in_provider_region
                    || cues & super::vocab::cue::THIRD_PARTY != 0,
                database_flows: false,
                internet_callers: false,
            }
        })
        .collect();
    let is_idp = |i: usize| matches!(&diagram.elements[i].props, ElementProps::ExternalEntity(p) if p.identity_provider);
    for (flow, ff) in diagram.flows.iter().zip(facts) {
        let (Some(&s), Some(&t)) = (
            index.get(flow.source.as_str()),
            index.get(flow.target.as_str()),
        ) else {
            continue;
        };
        let from_internet = ff.from_internet(flow);
        let mut reach = |from: usize, to: usize| {
            efacts[from].outputs += 1;
            efacts[to].inputs += 1;
            efacts[to].reached_across_boundary |= ff.crosses();
            efacts[to].reached_from_internet |= from_internet;
            efacts[to].internet_callers |=
                from_internet && efacts[from].element.kind() != ElementKind::DataStore;
        };
        reach(s, t);
        if flow.bidirectional {
            reach(t, s);
        }
        if ff.cues & super::vocab::cue::DATABASE != 0 || ff.protocol.is_some_and(|p| p.database) {
            efacts[s].database_flows = true;
            efacts[t].database_flows = true;
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

/// What the findings of one element or connection share.
struct Subject {
    /// The element, or the first flow of the connection the finding is about.
    id: Arc<str>,
    /// The subject of the threat key: the element or flow id, or both ends' ids for a
    /// connection of several flows.
    key: Arc<str>,
    /// Other key subjects whose recorded decisions apply (the connection's flows, so a
    /// decision survives adding or removing a parallel flow).
    alternates: Vec<Arc<str>>,
    kind: SubjectKind,
    names: Arc<Names>,
    diagram: Arc<str>,
    diagram_name: Arc<str>,
    /// The flows the finding stands for (empty for an element).
    flows: Arc<[Arc<str>]>,
}

/// Makes findings, merging the team's decisions on.
struct Builder<'p> {
    records: &'p FxHashMap<(&'p str, &'p str), (&'p ThreatKey, &'p ThreatRecord)>,
    manual: &'p FxHashMap<&'p str, Vec<&'p crate::model::ManualThreat>>,
    buf: Vec<Finding>,
    no_record: Arc<ThreatRecord>,
    /// Keys of the records some finding took up (the rest are orphans).
    matched: FxHashSet<ThreatKey>,
}

impl Builder<'_> {
    fn make(&mut self, rule: &Arc<Rule>, subject: &Subject, assessment: &Assessment) -> Finding {
        let record = std::iter::once(&subject.key)
            .chain(&subject.alternates)
            .find_map(|k| self.records.get(&(&*rule.id, &**k)))
            .map_or_else(
                || self.no_record.clone(),
                |(key, r)| {
                    self.matched.insert((*key).clone());
                    Arc::new((*r).clone())
                },
            );
        let (computed, reason) = assessment.severity(rule);
        Finding {
            key: ThreatKey {
                rule: rule.id.clone(),
                subject: subject.key.clone(),
            },
            subject: subject.id.clone(),
            rule: Some(rule.clone()),
            category: Category::Stride(rule.category),
            subject_kind: subject.kind,
            subject_name: subject.names.subject.clone(),
            diagram: subject.diagram.clone(),
            diagram_name: subject.diagram_name.clone(),
            title: rule.title.render(|p| subject.names.get(p)),
            computed_severity: computed,
            severity: record.severity.unwrap_or(computed),
            severity_reason: reason,
            baseline: rule.baseline,
            flows: subject.flows.clone(),
            record,
            names: subject.names.clone(),
            manual_description: String::new(),
        }
    }

    /// Adds the subject's manual threats to `out`.
    fn manual_for(&mut self, subject: &Subject, out: &mut Vec<Finding>) {
        let Some(manual) = self.manual.get(&*subject.id) else {
            return;
        };
        for t in manual {
            let record = Arc::new(t.record.clone());
            out.push(Finding {
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
                severity_reason: format!("{}: set by the team", capitalized(t.severity.label())),
                baseline: false,
                flows: subject.flows.clone(),
                record,
                names: subject.names.clone(),
                manual_description: t.description.clone(),
            });
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

fn category_rank(c: &Category) -> (u8, &str) {
    match c {
        Category::Stride(s) => (*s as u8, ""),
        Category::Other(o) => (u8::MAX, o.as_str()),
    }
}

fn orphans(
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
            let rule = catalogue.rule(&key.rule);
            let exists = subjects.contains(&*key.subject) || pairs.contains(&*key.subject);
            let reason = if !exists {
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
    let (mut checklist, mut checklist_open) = (0, 0);
    for f in &a.findings {
        let is_open = f.status().is_open();
        if f.baseline {
            checklist += 1;
            checklist_open += usize::from(is_open);
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
        total: a.findings.len() - checklist,
        open,
        checklist,
        checklist_open,
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
