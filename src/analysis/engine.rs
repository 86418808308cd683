//! The STRIDE engine: facts from the diagram, rules over them, decisions merged on.
//!
//! Cost is linear in the size of the project: element positions are looked up once,
//! flows find their ends through a hash index, each flow is tested against each boundary
//! once, and texts other than titles are rendered only when asked for.
//!
//! A big diagram's connections, then its elements, are shared out among threads in runs
//! (`crate::parallel`); each thread has its own buffers and caches, and the runs' findings
//! are put together in order, so the analysis is the one a single thread makes.
//!
//! Making each finding (decisions merged on, manual threats) is `super::builder`'s job;
//! orphaned decisions and the summary, once the findings are made, `super::summary`'s. The
//! passes themselves stay in one file, over 800 lines: they share one set of per-analysis
//! buffers and caches; split, they would pass them around.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashMap;

use super::builder::{Builder, Subject};
use super::catalogue::{AppliesTo, Rule};
use super::context::{
    element_cues, element_facts, flow_ends, flow_facts, mark_anonymous_sources, provider_leads,
};
use super::expr::Env;
use super::facts::{ElementFacts, FlowFacts, kind_index};
use super::names::{
    FlowNamer, boundary_phrases, callers_text, connection_name, data_text, element_context,
};
use super::severity::{Assessment, assess_element, assess_flow};
use super::summary::{orphans, summarize};
use super::validate::{decision_messages, diagram_messages};
use super::{Analysis, Catalogue, Finding, Names, OutOfScope, SubjectKind};
use crate::model::{
    Category, Diagram, ElementKind, ElementProps, Project, Stride, ThreatKey, ThreatRecord,
};
use crate::parallel::{in_parallel, split_evenly};

fn subject_kind(kind: ElementKind) -> SubjectKind {
    match kind {
        ElementKind::Process => SubjectKind::Process,
        ElementKind::DataStore => SubjectKind::DataStore,
        ElementKind::ExternalEntity => SubjectKind::ExternalEntity,
    }
}

/// A copy of `text` with a count of its own.
fn own(text: &Arc<str>) -> Arc<str> {
    Arc::from(&**text)
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
    analyze_up_to(project, catalogue, MAX_FINDINGS, crate::parallel::threads())
}

/// [`analyze`] on at most `threads` threads; the same analysis whatever the number (for
/// tests and benchmarks).
#[doc(hidden)]
pub fn analyze_on(project: &Project, catalogue: &Catalogue, threads: usize) -> Analysis {
    analyze_up_to(project, catalogue, MAX_FINDINGS, threads)
}

/// Connections or elements below this are not worth another thread.
const MIN_PART: usize = 256;

/// The findings made so far by every thread of one analysis, against its limit.
struct Budget {
    made: AtomicUsize,
    limit: usize,
}

impl Budget {
    fn new(limit: usize) -> Self {
        Budget {
            made: AtomicUsize::new(0),
            limit,
        }
    }

    fn spent(&self) -> bool {
        self.made.load(Ordering::Relaxed) >= self.limit
    }

    fn add(&self, findings: usize) {
        self.made.fetch_add(findings, Ordering::Relaxed);
    }
}

/// [`analyze`], stopping with an error message once `limit` findings are made.
fn analyze_up_to(
    project: &Project,
    catalogue: &Catalogue,
    limit: usize,
    threads: usize,
) -> Analysis {
    if threads > 1
        && let Some(analysis) = analyze_with(project, catalogue, limit, threads)
    {
        return analysis;
    }
    // Where the limit is reached, one thread stops where it is reached — always at the
    // same finding.
    analyze_with(project, catalogue, limit, 1).unwrap_or_default()
}

/// [`analyze_up_to`] with the findings of big diagrams made on up to `threads` threads.
/// `None` when several threads reached the limit together (one thread never gives `None`:
/// it stops and says so).
fn analyze_with(
    project: &Project,
    catalogue: &Catalogue,
    limit: usize,
    threads: usize,
) -> Option<Analysis> {
    let mut by_kind: [Vec<&Arc<Rule>>; 3] = Default::default();
    let mut flow_rules: Vec<&Arc<Rule>> = Vec::new();
    let mut flow_baselines: Vec<&Arc<Rule>> = Vec::new();
    for rule in catalogue.rules() {
        match &rule.applies_to {
            AppliesTo::Flows if rule.baseline => flow_baselines.push(rule),
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

    // The checklist's last question for an element with more left to ask than a reader
    // walks (see `fold_questions`).
    let more_rule = catalogue
        .rules()
        .iter()
        .find(|r| &*r.id == MORE_RULE && r.baseline);
    let mut out = Analysis::default();
    let mut builder = Builder::new(&records, &manual_by_subject);
    let budget = Budget::new(limit);
    let mut stopped = false;
    'diagrams: for diagram in &project.diagrams {
        let index = element_index(diagram);
        let mut facts = flow_facts(project, diagram, &index);
        let cues = element_cues(diagram);
        mark_anonymous_sources(diagram, &index, &cues, &mut facts);
        let efacts = element_facts(project, diagram, &index, &cues, &facts);
        diagram_messages(diagram, &index, &efacts, &facts, &mut out.validation);
        let element_names: Vec<Arc<str>> = diagram
            .elements
            .iter()
            .map(|e| display_name(&e.name))
            .collect();
        let boundary_names = boundary_phrases(project, diagram, &element_names);
        let diagram_id: Arc<str> = Arc::from(diagram.id.as_str());
        let diagram_name: Arc<str> = Arc::from(diagram.name.as_str());
        let namer = FlowNamer {
            element_names: &element_names,
            boundary_names: &boundary_names,
            any_boundary: Arc::from("a trust boundary"),
            diagram_name: diagram_name.clone(),
            efacts: &efacts,
        };
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
            let Some((s, t)) = flow_ends(&index, flow) else {
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
        // An actor that calls an entry point is answered there: the entry point's
        // authentication threat (or the model saying it authenticates) is about it.
        for flow in &diagram.flows {
            let Some((s, t)) = flow_ends(&index, flow) else {
                continue;
            };
            if efacts[s].element.kind() == ElementKind::ExternalEntity && efacts[t].callers != 0 {
                element_covered[s] |= cell(Stride::Spoofing);
            }
        }
        // One provider, one dependency: third-party elements joined by the provider's own
        // flows are one provider; only the first of each gets the dependency finding.
        let provider_lead = provider_leads(diagram, &index, &efacts);
        // Each flow's ends as element indices, looked up once.
        let ends: Vec<(usize, usize)> = diagram
            .flows
            .iter()
            .map(|f| {
                (
                    index.get(f.source.as_str()).copied().unwrap_or(0),
                    index.get(f.target.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();
        let kinds: Vec<u8> = diagram
            .elements
            .iter()
            .map(|e| kind_index(e.kind()))
            .collect();
        // On one thread the flow findings go straight into the output, in connection order
        // (on several, each run's are appended in order); the elements' are put before them
        // at the end (collected apart and appended, the flow findings were written twice,
        // the second time into memory touched for the first time).
        let diagram_start = out.findings.len();
        // The findings of some connections, into `out`; the cells they answer for their
        // ends into `element_covered`. True when the budget ran out first.
        let connection_findings = |conns: &[Connection],
                                   builder: &mut Builder<'_>,
                                   element_covered: &mut [u8],
                                   out: &mut Vec<Finding>|
         -> bool {
            // This thread's own copies of what every finding refers to (see `Builder::fork`).
            let boundary_names: Vec<Arc<str>> = boundary_names.iter().map(own).collect();
            let namer = FlowNamer {
                boundary_names: &boundary_names,
                any_boundary: own(&namer.any_boundary),
                diagram_name: own(&namer.diagram_name),
                ..namer
            };
            let diagram_id = own(&diagram_id);
            let no_alternates: Arc<[Arc<str>]> = Arc::from(Vec::new());
            // Buffers reused from one connection to the next.
            let mut specific: Vec<Finding> = Vec::new();
            let mut fired: Vec<(usize, usize, usize)> = Vec::new();
            for conn in conns {
                if budget.spent() {
                    return true;
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
                let pair = (conn.flows.len() > 1 || !records.is_empty()).then(|| {
                    pair_subject(
                        diagram.elements[a].id.as_str(),
                        diagram.elements[b].id.as_str(),
                    )
                });
                let pair_key: Option<Arc<str>> = pair.clone().filter(|_| conn.flows.len() > 1);
                // Decisions recorded under the connection or any of its flows apply (only
                // looked up when the project has decisions).
                let alternates: Arc<[Arc<str>]> = if records.is_empty() {
                    no_alternates.clone()
                } else {
                    pair.into_iter().chain(member_ids.iter().cloned()).collect()
                };
                // The subject, assessment and reason texts of each (flow, direction, grouped)
                // a rule fires on, made once per connection.
                let mut variants: Vec<Variant> = Vec::new();
                // A finding for several flows is named after them and both ends.
                let flows_name = |flows: &mut dyn Iterator<Item = usize>| -> Arc<str> {
                    connection_name(
                        flows.map(|fi| diagram.flows[fi].name.as_str()),
                        &element_names[a],
                        &element_names[b],
                    )
                };
                let all_flows_name = || flows_name(&mut conn.flows.iter().copied());
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
                specific.clear();
                for rule in &flow_rules {
                    if provider_internal && !rule.third_party {
                        continue;
                    }
                    // Every flow of the connection where the rule fires, with its direction.
                    fired.clear();
                    for &fi in &conn.flows {
                        let flow = &diagram.flows[fi];
                        let ff = &facts[fi];
                        let (s, t) = ends[fi];
                        let skip = |from: usize, to: usize| {
                            let internal = |i: usize| {
                                efacts[i].third_party
                                    && efacts[i].element.kind() != ElementKind::ExternalEntity
                            };
                            let anonymous_cell = |i: usize| {
                                efacts[i].anonymous()
                                    && matches!(
                                        rule.category,
                                        Stride::Spoofing | Stride::Repudiation
                                    )
                            };
                            !rule.third_party
                                && ((rule.covers_source
                                    && (internal(from) || anonymous_cell(from)))
                                    || (rule.covers_target && (internal(to) || anonymous_cell(to))))
                        };
                        let env = |from: usize, to: usize| Env {
                            element: None,
                            flow: Some((flow, ff)),
                            source: Some(&efacts[from]),
                            target: Some(&efacts[to]),
                        };
                        let kinds = |from: usize, to: usize| {
                            rule.kind_mask & (1 << (kinds[from] * 3 + kinds[to])) != 0
                        };
                        if kinds(s, t) && !skip(s, t) && rule.cond.eval(&env(s, t)) {
                            fired.push((fi, s, t));
                        } else if flow.bidirectional
                            && kinds(t, s)
                            && !skip(t, s)
                            && rule.cond.eval(&env(t, s))
                        {
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
                    let pos = conn.flows.iter().position(|x| *x == first).unwrap_or(0);
                    let multi = fired.len() > 1;
                    let make_names = |with_context: bool| {
                        namer.names(
                            &diagram.flows[first],
                            &facts[first],
                            (from, to),
                            multi.then(all_flows_name),
                            with_context,
                        )
                    };
                    let v = variant(&mut variants, pos, from != ends[first].0, multi, || {
                        let flow = &diagram.flows[first];
                        let ff = &facts[first];
                        let names = make_names(rule.uses_context);
                        (
                            Subject {
                                id: member_ids[pos].clone(),
                                key: pair_key.clone().unwrap_or_else(|| member_ids[pos].clone()),
                                alternates: alternates.clone(),
                                kind: SubjectKind::Flow,
                                names: Arc::new(names),
                                diagram: diagram_id.clone(),
                                flows: Arc::from(vec![member_ids[pos].clone()]),
                            },
                            assess_flow(flow, ff, &efacts[from]),
                        )
                    });
                    if rule.uses_context && v.0.names.context.is_empty() {
                        v.0.names = Arc::new(make_names(true));
                    }
                    if multi {
                        // It stands for every flow it fired on: named after them, rated by
                        // the one with the most at stake.
                        let mut subject = v.0.clone();
                        subject.flows = fired
                            .iter()
                            .map(|&(fi, _, _)| {
                                member_ids[conn.flows.iter().position(|x| *x == fi).unwrap_or(0)]
                                    .clone()
                            })
                            .collect();
                        let mut names = (*subject.names).clone();
                        names.subject = flows_name(&mut fired.iter().map(|&(fi, _, _)| fi));
                        if rule.uses_context {
                            let flows: Vec<_> = fired
                                .iter()
                                .map(|&(fi, _, _)| (&diagram.flows[fi], &facts[fi]))
                                .collect();
                            names.context = namer.connection_context(&flows, (from, to));
                        }
                        subject.names = Arc::new(names);
                        let assessments: Vec<Assessment> = fired
                            .iter()
                            .map(|&(fi, from, _)| {
                                assess_flow(&diagram.flows[fi], &facts[fi], &efacts[from])
                            })
                            .collect();
                        let assessment = builder.worst(rule, &assessments).unwrap_or(&v.1);
                        specific.push(builder.make(rule, &subject, assessment));
                    } else {
                        specific.push(builder.make(rule, &v.0, &v.1));
                    }
                }
                suppress_generic(&mut specific);
                // The checklist: baseline questions for the cells nothing specific answered.
                let first = conn.flows[0];
                let flow = &diagram.flows[first];
                let (s, t) = ends[first];
                let multi = conn.flows.len() > 1;
                // Made when the first question is asked: most connections have none left.
                let mut checklist_subject: Option<Subject> = None;
                if !provider_internal {
                    for rule in &flow_baselines {
                        if covered & cell(rule.category) == 0
                            && rule.kind_mask & (1 << (kinds[s] * 3 + kinds[t])) != 0
                            && rule.cond.eval(&Env {
                                element: None,
                                flow: Some((flow, &facts[first])),
                                source: Some(&efacts[s]),
                                target: Some(&efacts[t]),
                            })
                        {
                            let subject = checklist_subject.get_or_insert_with(|| {
                                // The names a specific finding of the same flow and direction
                                // already made, if they carry the context sentence.
                                let shared = variants
                                    .iter_mut()
                                    .find(|(k, _)| *k == (0, false, multi))
                                    .map(|(_, v)| &mut v.0.names);
                                let names = match shared {
                                    Some(n) if !n.context.is_empty() => n.clone(),
                                    shared => {
                                        let made = Arc::new(namer.names(
                                            flow,
                                            &facts[first],
                                            (s, t),
                                            multi.then(all_flows_name),
                                            true,
                                        ));
                                        if let Some(n) = shared {
                                            *n = made.clone();
                                        }
                                        made
                                    }
                                };
                                // Asked of the whole connection: what all its flows carry.
                                let names = if multi {
                                    let flows: Vec<_> = conn
                                        .flows
                                        .iter()
                                        .map(|&fi| (&diagram.flows[fi], &facts[fi]))
                                        .collect();
                                    let mut n = (*names).clone();
                                    n.context = namer.connection_context(&flows, (s, t));
                                    Arc::new(n)
                                } else {
                                    names
                                };
                                Subject {
                                    id: member_ids[0].clone(),
                                    key: pair_key.clone().unwrap_or_else(|| member_ids[0].clone()),
                                    alternates: alternates.clone(),
                                    kind: SubjectKind::Flow,
                                    names,
                                    diagram: diagram_id.clone(),
                                    flows: Arc::from(member_ids.clone()),
                                }
                            });
                            specific.push(builder.make(rule, subject, &Assessment::checklist()));
                        }
                    }
                }
                // Manual threats of each flow of the connection, on that flow.
                for &fi in &conn.flows {
                    let f = &diagram.flows[fi];
                    if !manual_by_subject.contains_key(f.id.as_str()) {
                        continue;
                    }
                    let (fs, ft) = ends[fi];
                    let names = Arc::new(namer.names(f, &facts[fi], (fs, ft), None, false));
                    builder.manual_for(
                        &Subject {
                            id: Arc::from(f.id.as_str()),
                            key: Arc::from(f.id.as_str()),
                            alternates: Arc::from(Vec::new()),
                            kind: SubjectKind::Flow,
                            names,
                            diagram: diagram_id.clone(),
                            flows: Arc::from(vec![Arc::from(f.id.as_str())]),
                        },
                        &mut specific,
                    );
                }
                sort_subject(&mut specific);
                budget.add(specific.len());
                out.append(&mut specific);
            }
            false
        };
        let parts = split_evenly(&connections, threads, MIN_PART);
        if parts.len() < 2 {
            if connection_findings(
                &connections,
                &mut builder,
                &mut element_covered,
                &mut out.findings,
            ) {
                stopped = true;
                break 'diagrams;
            }
        } else {
            let results = in_parallel(parts, threads, |part| {
                let mut mine = builder.fork();
                let mut covered = element_covered.clone();
                let mut found = Vec::new();
                let stopped = connection_findings(part, &mut mine, &mut covered, &mut found);
                (stopped, mine.matched, covered, found)
            });
            for (stopped, matched, covered, mut found) in results {
                if stopped {
                    return None;
                }
                builder.matched.extend(matched);
                for (all, mine) in element_covered.iter_mut().zip(covered) {
                    *all |= mine;
                }
                out.findings.append(&mut found);
            }
        }

        // The findings of some elements (the first of them `first`, the cells answered so
        // far in `covered`), into `out`. True when the budget ran out first.
        let element_findings = |first: usize,
                                covered: &mut [u8],
                                builder: &mut Builder<'_>,
                                out: &mut Vec<Finding>,
                                out_of_scope: &mut Vec<OutOfScope>|
         -> bool {
            let (diagram_id, diagram_name) = (own(&diagram_id), own(&diagram_name));
            let mut found: Vec<Finding> = Vec::new();
            for i in first..first + covered.len() {
                if budget.spent() {
                    return true;
                }
                let (ef, name) = (&efacts[i], &element_names[i]);
                let e = ef.element;
                let kind = subject_kind(e.kind());
                if e.out_of_scope {
                    out_of_scope.push(OutOfScope {
                        subject: e.id.to_string(),
                        subject_kind: kind,
                        name: e.name.clone(),
                        diagram: diagram.name.clone(),
                        reason: e.out_of_scope_reason.clone(),
                    });
                    continue;
                }
                let id: Arc<str> = Arc::from(e.id.as_str());
                let mut subject = Subject {
                    id: id.clone(),
                    key: id,
                    alternates: Arc::from(Vec::new()),
                    kind,
                    names: Arc::new(Names {
                        subject: name.clone(),
                        diagram: diagram_name.clone(),
                        ..Names::default()
                    }),
                    diagram: diagram_id.clone(),
                    flows: Arc::from(Vec::new()),
                };
                let env = Env {
                    element: Some(ef),
                    flow: None,
                    source: None,
                    target: None,
                };
                let internal_third_party =
                    ef.third_party && e.kind() != ElementKind::ExternalEntity;
                let assessment = assess_element(ef);
                let rules = &by_kind[usize::from(kind_index(e.kind()))];
                for rule in rules.iter().filter(|r| !r.baseline) {
                    if internal_third_party && !rule.third_party {
                        continue;
                    }
                    if rule.third_party && !provider_lead[i] {
                        continue;
                    }
                    if rule.cond.eval(&env) {
                        covered[i - first] |= rule_cells(rule);
                        if rule.uses_context {
                            with_element_context(&mut subject, &efacts, &element_names, i);
                        }
                        found.push(builder.make(rule, &subject, &assessment));
                    }
                }
                suppress_generic(&mut found);
                for rule in rules.iter().filter(|r| r.baseline) {
                    if covered[i - first] & cell(rule.category) == 0 && rule.cond.eval(&env) {
                        with_element_context(&mut subject, &efacts, &element_names, i);
                        found.push(builder.make(rule, &subject, &Assessment::checklist()));
                    }
                }
                fold_questions(&mut found, more_rule, &subject, e.kind(), builder);
                builder.manual_for(&subject, &mut found);
                sort_subject(&mut found);
                budget.add(found.len());
                out.append(&mut found);
            }
            false
        };
        let mut element_out: Vec<Finding> = Vec::with_capacity(diagram.elements.len() * 3);
        let parts = split_evenly(&element_covered, threads, MIN_PART);
        if parts.len() < 2 {
            stopped = element_findings(
                0,
                &mut element_covered,
                &mut builder,
                &mut element_out,
                &mut out.out_of_scope,
            );
        } else {
            let mut first = 0;
            let parts: Vec<(usize, Vec<u8>)> = parts
                .into_iter()
                .map(|p| {
                    first += p.len();
                    (first - p.len(), p.to_vec())
                })
                .collect();
            let results = in_parallel(parts, threads, |(first, mut covered)| {
                let mut mine = builder.fork();
                let (mut found, mut out_of_scope) = (Vec::new(), Vec::new());
                let stopped = element_findings(
                    first,
                    &mut covered,
                    &mut mine,
                    &mut found,
                    &mut out_of_scope,
                );
                (stopped, mine.matched, found, out_of_scope)
            });
            for (stopped, matched, mut found, mut out_of_scope) in results {
                if stopped {
                    return None;
                }
                builder.matched.extend(matched);
                element_out.append(&mut found);
                out.out_of_scope.append(&mut out_of_scope);
            }
        }
        out.findings
            .splice(diagram_start..diagram_start, element_out);
        out.out_of_scope.append(&mut flows_out_of_scope);
        if stopped {
            break;
        }
    }

    if stopped {
        out.validation.push(super::Message {
            code: super::Code::AnalysisLimit,
            level: super::Level::Error,
            subject: super::Subject::Model,
            message: format!(
                "the analysis stopped after {limit} findings; the model or its rule catalogue is larger than Threatboard analyses, so the findings are incomplete"
            ),
        });
    }
    if !project.manual_threats.is_empty() {
        super::builder::fold_into_authors(project, &mut out.findings);
    }
    out.orphaned = orphans(project, catalogue, &out, &builder.matched);
    decision_messages(&out.findings, &out.orphaned, &mut out.validation);
    out.rule_changes = catalogue.changes().to_vec();
    out.summary = summarize(&out);
    Some(out)
}

const ALL_CELLS: u8 = 0b11_1111;

/// The id of the catalogue's "more to ask" question (see [`fold_questions`]).
const MORE_RULE: &str = "stride.more";

/// Checklist questions per element a reader is asked at most; the rest are folded into
/// the last one.
const MAX_QUESTIONS: usize = 3;

/// Which of an element's checklist questions come first: for a process, who it trusts
/// and what a caller can make it do; for a store, who can change and read it.
fn question_rank(kind: ElementKind, c: &Category) -> u8 {
    let Category::Stride(s) = c else {
        return u8::MAX;
    };
    let order: &[Stride] = match kind {
        ElementKind::Process => &[
            Stride::Spoofing,
            Stride::ElevationOfPrivilege,
            Stride::Tampering,
            Stride::InformationDisclosure,
            Stride::DenialOfService,
            Stride::Repudiation,
        ],
        ElementKind::DataStore => &[
            Stride::InformationDisclosure,
            Stride::Tampering,
            Stride::DenialOfService,
            Stride::Repudiation,
        ],
        ElementKind::ExternalEntity => &[Stride::Spoofing, Stride::Repudiation],
    };
    order
        .iter()
        .position(|o| o == s)
        .map_or(u8::MAX - 1, |p| p as u8)
}

/// Keeps an element's checklist to [`MAX_QUESTIONS`]: the first ones by
/// [`question_rank`], and one more question ("More to ask about …") that asks the rest in
/// its text, so every STRIDE cell is still answered. The questions are the last entries of
/// `found` (threats first).
fn fold_questions(
    found: &mut Vec<Finding>,
    more: Option<&Arc<Rule>>,
    subject: &Subject,
    kind: ElementKind,
    builder: &mut Builder<'_>,
) {
    let Some(more) = more else {
        return;
    };
    let first = found.iter().position(|f| f.baseline).unwrap_or(found.len());
    if found.len() - first <= MAX_QUESTIONS {
        return;
    }
    found[first..].sort_by_key(|f| question_rank(kind, &f.category));
    let rest: Vec<Finding> = found.drain(first + MAX_QUESTIONS - 1..).collect();
    let mut names = (*subject.names).clone();
    let mut text = String::from(&*names.context);
    text.push_str(if text.is_empty() {
        "Also ask:"
    } else {
        " Also ask:"
    });
    for f in &rest {
        text.push(' ');
        text.push_str(&f.title);
    }
    names.context = Arc::from(text);
    let folded = Subject {
        names: Arc::new(names),
        ..subject.clone()
    };
    let mut f = builder.make(more, &folded, &Assessment::checklist());
    f.category = rest[0].category.clone();
    // The title says what the folded questions are about, so a list of titles alone (the
    // pane, a Markdown export) still tells a reader what is left to ask.
    let about: Vec<String> = rest
        .iter()
        .filter_map(|q| match &q.category {
            Category::Stride(s) => Some(s.label().to_lowercase()),
            _ => None,
        })
        .collect();
    if !about.is_empty() {
        f.title = format!("{} ({})", f.title, about.join(", "));
    }
    found.push(f);
}

/// Drops a finding whose rule gives way (`unless`) to another rule that fired on the same
/// subject: the specific one says it better. Its STRIDE cell stays answered.
fn suppress_generic(found: &mut Vec<Finding>) {
    if found.len() < 2
        || !found
            .iter()
            .any(|f| f.rule.as_ref().is_some_and(|r| !r.unless.is_empty()))
    {
        return;
    }
    let gives_way: Vec<bool> = found
        .iter()
        .map(|f| {
            f.rule.as_ref().is_some_and(|r| {
                r.unless
                    .iter()
                    .any(|u| found.iter().any(|g| g.rule_id() == u.as_str()))
            })
        })
        .collect();
    let mut i = 0;
    found.retain(|_| {
        i += 1;
        !gives_way[i - 1]
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
pub(super) fn pair_subject(a: &str, b: &str) -> Arc<str> {
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

/// Fills in the element's context sentence, callers and data the first time a finding
/// needs them.
fn with_element_context(
    subject: &mut Subject,
    efacts: &[ElementFacts<'_>],
    element_names: &[Arc<str>],
    i: usize,
) {
    if subject.names.context.is_empty() {
        let ef = &efacts[i];
        let mut names = (*subject.names).clone();
        names.context = Arc::from(element_context(ef, &element_names[i]));
        names.callers = Arc::from(callers_text(efacts, element_names, i));
        names.data = Arc::from(data_text(ef.data));
        subject.names = Arc::new(names);
    }
}

/// A connection's finding subject for one (flow position, reversed, grouped) key.
type Variant = ((usize, bool, bool), (Subject, Assessment));

/// The cached subject for a key, made with `make` the first time.
fn variant(
    variants: &mut Vec<Variant>,
    pos: usize,
    reversed: bool,
    multi: bool,
    make: impl FnOnce() -> (Subject, Assessment),
) -> &mut (Subject, Assessment) {
    let key = (pos, reversed, multi);
    let i = match variants.iter().position(|(k, _)| *k == key) {
        Some(i) => i,
        None => {
            variants.push((key, make()));
            variants.len() - 1
        }
    };
    &mut variants[i].1
}

fn category_rank(c: &Category) -> (u8, &str) {
    match c {
        Category::Stride(s) => (*s as u8, ""),
        Category::Other(o) => (u8::MAX, o.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On several threads, a model that reaches the limit is cut where one thread cuts it
    /// (and one that does not is analysed in full).
    #[test]
    fn on_several_threads_the_limit_cuts_where_one_thread_cuts() {
        let project = crate::synthetic::project(1_200);
        let catalogue = Catalogue::builtin().expect("built-in catalogue");
        let all = analyze_up_to(&project, &catalogue, MAX_FINDINGS, 1)
            .findings
            .len();
        // In the flows, in the elements, exactly at the end, past it.
        for limit in [all / 3, all * 9 / 10, all, all + 1] {
            let one = analyze_up_to(&project, &catalogue, limit, 1);
            let four = analyze_up_to(&project, &catalogue, limit, 4);
            assert!(
                format!("{one:?}") == format!("{four:?}"),
                "limit {limit}: {} vs {} findings",
                one.findings.len(),
                four.findings.len()
            );
            let stopped = one
                .validation
                .iter()
                .any(|m| m.code == super::super::Code::AnalysisLimit);
            assert_eq!(stopped, limit < all, "limit {limit} of {all}");
        }
    }

    /// A model that makes more findings than the limit gets the findings up to it — the
    /// flows' and the elements' — in the usual order, and an error saying it stopped.
    #[test]
    fn stopping_at_the_limit_keeps_what_was_found_and_says_so() {
        let project = crate::synthetic::project(60);
        let catalogue = Catalogue::builtin().expect("built-in catalogue");
        let full = analyze(&project, &catalogue);
        let is_flow = |f: &Finding| f.subject_kind == SubjectKind::Flow;
        let flows = full.findings.iter().filter(|f| is_flow(f)).count();
        let elements = full.findings.len() - flows;
        assert!(
            flows > 10 && elements > 10,
            "{flows} flow, {elements} element findings"
        );
        assert!(
            !full
                .validation
                .iter()
                .any(|m| m.code == super::super::Code::AnalysisLimit)
        );

        let limit = flows + elements / 2;
        let cut = analyze_up_to(&project, &catalogue, limit, 1);
        let message = cut
            .validation
            .iter()
            .find(|m| m.code == super::super::Code::AnalysisLimit)
            .expect("says the analysis stopped");
        assert!(
            message.message.contains(&limit.to_string()),
            "{}",
            message.message
        );
        // Every flow finding is kept; the element findings stop near the limit.
        assert_eq!(cut.findings.iter().filter(|f| is_flow(f)).count(), flows);
        let kept = cut.findings.len() - flows;
        assert!(kept > 0 && kept < elements, "{kept} of {elements}");
        assert!(cut.findings.len() <= limit + 20, "{}", cut.findings.len());
        // Elements first, then flows, as in a full analysis.
        let first_flow = cut.findings.iter().position(is_flow).expect("flows");
        assert!(cut.findings[first_flow..].iter().all(is_flow));
        assert_eq!(
            cut.findings[..kept]
                .iter()
                .map(|f| f.key.clone())
                .collect::<Vec<_>>(),
            full.findings[..kept]
                .iter()
                .map(|f| f.key.clone())
                .collect::<Vec<_>>()
        );
    }
}
