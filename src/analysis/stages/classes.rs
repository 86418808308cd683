//! Stage 3, threat classes: the catalogue's rules (data: `assets/rules/builtin.ron`)
//! applied to each connection and element. A rule fires when its condition holds over the
//! subject's facts; its finding answers its STRIDE cell (and its `also` cells) for the
//! subject and, when the rule says so, for the connection's ends — so the checklist does
//! not ask again what a threat already says. A rule that gives way (`unless`) to a more
//! specific one that fired on the same subject is dropped.

use std::sync::Arc;

use super::super::builder::{Builder, Subject};
use super::super::catalogue::{AppliesTo, Rule};
use super::super::engine::pair_subject;
use super::super::expr::Env;
use super::super::facts::kind_index;
use super::super::names::{FlowNamer, connection_name};
use super::super::severity::{Assessment, assess_flow};
use super::super::{Catalogue, Finding, SubjectKind};
use super::exposure::Connection;
use super::{Scene, cell, with_element_context};
use crate::model::{ElementKind, Stride};

/// The catalogue's rules by what they apply to.
pub(in crate::analysis) struct Rules<'c> {
    /// Element rules by `facts::kind_index` of the kind they apply to.
    pub(in crate::analysis) by_kind: [Vec<&'c Arc<Rule>>; 3],
    /// Flow rules that name a threat.
    pub(in crate::analysis) flow: Vec<&'c Arc<Rule>>,
    /// Flow rules that ask a checklist question: those asking several cells at once
    /// first, in the catalogue's order, then those asking one.
    pub(in crate::analysis) flow_baselines: Vec<&'c Arc<Rule>>,
}

impl<'c> Rules<'c> {
    /// The rules of `catalogue`, grouped.
    pub(in crate::analysis) fn of(catalogue: &'c Catalogue) -> Self {
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
        // A stable sort keeps the catalogue's order within each part.
        flow_baselines.sort_by_key(|r| r.also.is_empty());
        Rules {
            by_kind,
            flow: flow_rules,
            flow_baselines,
        }
    }
}

/// What every finding of one connection shares, made once per connection.
pub(in crate::analysis) struct ConnectionSubject<'c> {
    pub(in crate::analysis) conn: &'c Connection,
    /// Both ends are one provider's own elements (only its dependency rules apply).
    pub(in crate::analysis) provider_internal: bool,
    /// The connection's flow ids, in its order.
    pub(in crate::analysis) member_ids: Vec<Arc<str>>,
    /// The key subject of a connection of several flows.
    pub(in crate::analysis) pair_key: Option<Arc<str>>,
    /// Decisions recorded under the connection or any of its flows apply (only looked up
    /// when the project has decisions).
    pub(in crate::analysis) alternates: Arc<[Arc<str>]>,
}

impl<'c> ConnectionSubject<'c> {
    pub(in crate::analysis) fn new(
        scene: &Scene<'_>,
        conn: &'c Connection,
        no_alternates: &Arc<[Arc<str>]>,
    ) -> Self {
        let (diagram, efacts) = (scene.diagram, &scene.facts.elements);
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
        let pair = (conn.flows.len() > 1 || scene.has_records).then(|| {
            pair_subject(
                diagram.elements[a].id.as_str(),
                diagram.elements[b].id.as_str(),
            )
        });
        let pair_key: Option<Arc<str>> = pair.clone().filter(|_| conn.flows.len() > 1);
        let alternates: Arc<[Arc<str>]> = if !scene.has_records {
            no_alternates.clone()
        } else {
            pair.into_iter().chain(member_ids.iter().cloned()).collect()
        };
        ConnectionSubject {
            conn,
            provider_internal,
            member_ids,
            pair_key,
            alternates,
        }
    }
}

/// A finding for several flows of `conn` is named after them and both ends.
pub(in crate::analysis) fn flows_name(
    scene: &Scene<'_>,
    conn: &Connection,
    flows: &mut dyn Iterator<Item = usize>,
) -> Arc<str> {
    let (a, b) = conn.ends;
    let element_names = &scene.facts.element_names;
    connection_name(
        flows.map(|fi| scene.diagram.flows[fi].name.as_str()),
        &element_names[a],
        &element_names[b],
    )
}

/// A connection's finding subject for one (flow position, reversed, grouped) key.
pub(in crate::analysis) type Variant = ((usize, bool, bool), (Subject, Assessment));

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

/// The threats the flow rules name on one connection, into `specific`. The cells they
/// answer go to `covered` (the connection's) and `element_covered` (its ends'); the
/// subjects made go to `variants`, where the checklist finds them. `fired` is a buffer.
#[allow(clippy::too_many_arguments)]
pub(in crate::analysis) fn connection_threats(
    scene: &Scene<'_>,
    namer: &FlowNamer<'_, '_>,
    diagram_id: &Arc<str>,
    cs: &ConnectionSubject<'_>,
    variants: &mut Vec<Variant>,
    builder: &mut Builder<'_>,
    covered: &mut u8,
    element_covered: &mut [u8],
    fired: &mut Vec<(usize, usize, usize)>,
    specific: &mut Vec<Finding>,
) {
    let (diagram, facts, efacts) = (scene.diagram, &scene.facts.flows, &scene.facts.elements);
    let (ends, kinds) = (&scene.exposure.ends, &scene.exposure.kinds);
    let conn = cs.conn;
    let (provider_internal, member_ids, pair_key, alternates) = (
        cs.provider_internal,
        &cs.member_ids,
        &cs.pair_key,
        &cs.alternates,
    );
    let all_flows_name = || flows_name(scene, conn, &mut conn.flows.iter().copied());
    // A two-way flow read the other way is the answer to what its drawn source asked: a
    // token minter's call to GitHub, a runner's `git clone`. Its facts, marked so, once per
    // connection (only two-way flows that are not answers already have them).
    let two_way = |fi: usize| diagram.flows[fi].bidirectional && !facts[fi].response;
    let answers: Vec<Option<super::super::facts::FlowFacts>> =
        if conn.flows.iter().any(|&fi| two_way(fi)) {
            conn.flows
                .iter()
                .map(|&fi| {
                    two_way(fi).then(|| {
                        let mut answer = facts[fi].clone();
                        answer.response = true;
                        answer
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
    for rule in &scene.rules.flow {
        if provider_internal && !rule.third_party {
            continue;
        }
        // Every flow of the connection where the rule fires, with its direction.
        fired.clear();
        for (k, &fi) in conn.flows.iter().enumerate() {
            let flow = &diagram.flows[fi];
            let ff = &facts[fi];
            let answer = answers.get(k).and_then(Option::as_ref);
            let (s, t) = ends[fi];
            let skip = |from: usize, to: usize| {
                let internal = |i: usize| {
                    efacts[i].third_party && efacts[i].element.kind() != ElementKind::ExternalEntity
                };
                // What a system the authors put out of scope does with what it is sent
                // ("Credit Bureau", out of scope: "external provider"): its parser and its
                // access checks are its owner's, not this model's. (Who sends as it is
                // still this model's question.)
                let set_aside = |i: usize| {
                    efacts[i].element.out_of_scope
                        && efacts[i].element.kind() != ElementKind::ExternalEntity
                };
                let anonymous_cell = |i: usize| {
                    efacts[i].anonymous()
                        && matches!(rule.category, Stride::Spoofing | Stride::Repudiation)
                };
                !rule.third_party
                    && ((rule.covers_source && (internal(from) || anonymous_cell(from)))
                        || (rule.covers_target
                            && (internal(to) || set_aside(to) || anonymous_cell(to))))
            };
            let env = |from: usize, to: usize| Env {
                element: None,
                flow: Some((flow, if from == s { ff } else { answer.unwrap_or(ff) })),
                source: Some(&efacts[from]),
                target: Some(&efacts[to]),
            };
            let kinds =
                |from: usize, to: usize| rule.kind_mask & (1 << (kinds[from] * 3 + kinds[to])) != 0;
            if kinds(s, t) && !skip(s, t) && rule.cond.eval(&env(s, t)) {
                fired.push((fi, s, t));
            } else if flow.bidirectional && kinds(t, s) && !skip(t, s) && rule.cond.eval(&env(t, s))
            {
                fired.push((fi, t, s));
            }
        }
        let Some(&(first, from, to)) = fired.first() else {
            continue;
        };
        let cells = rule_cells(rule);
        *covered |= cells;
        for &(_, from, to) in fired.iter() {
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
        let v = variant(variants, pos, from != ends[first].0, multi, || {
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
            // It stands for every flow it fired on: named after them, rated by the one
            // with the most at stake.
            let mut subject = v.0.clone();
            subject.flows = fired
                .iter()
                .map(|&(fi, _, _)| {
                    member_ids[conn.flows.iter().position(|x| *x == fi).unwrap_or(0)].clone()
                })
                .collect();
            let mut names = (*subject.names).clone();
            names.subject = flows_name(scene, conn, &mut fired.iter().map(|&(fi, _, _)| fi));
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
                .map(|&(fi, from, _)| assess_flow(&diagram.flows[fi], &facts[fi], &efacts[from]))
                .collect();
            let assessment = builder.worst(rule, &assessments).unwrap_or(&v.1);
            specific.push(builder.make(rule, &subject, assessment));
        } else {
            specific.push(builder.make(rule, &v.0, &v.1));
        }
    }
    suppress_generic(specific);
}

/// The threats the element rules name on element `i`, into `found`; the cells they answer
/// to `covered`.
#[allow(clippy::too_many_arguments)]
pub(in crate::analysis) fn element_threats(
    scene: &Scene<'_>,
    i: usize,
    subject: &mut Subject,
    env: &Env<'_, '_>,
    assessment: &Assessment,
    builder: &mut Builder<'_>,
    covered: &mut u8,
    found: &mut Vec<Finding>,
) {
    let (efacts, element_names) = (&scene.facts.elements, &scene.facts.element_names);
    let ef = &efacts[i];
    let e = ef.element;
    let internal_third_party = ef.third_party && e.kind() != ElementKind::ExternalEntity;
    let rules = &scene.rules.by_kind[usize::from(kind_index(e.kind()))];
    for rule in rules.iter().filter(|r| !r.baseline) {
        if internal_third_party && !rule.third_party {
            continue;
        }
        if rule.third_party && !scene.exposure.provider_lead[i] {
            continue;
        }
        if rule.cond.eval(env) {
            *covered |= rule_cells(rule);
            if rule.uses_context {
                with_element_context(subject, efacts, element_names, i);
            }
            found.push(builder.make(rule, subject, assessment));
        }
    }
    suppress_generic(found);
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

/// The cells a rule's finding answers: its category and its `also` categories.
fn rule_cells(rule: &Rule) -> u8 {
    rule.also
        .iter()
        .fold(cell(rule.category), |c, s| c | cell(*s))
}

#[cfg(test)]
mod tests {
    use super::super::cell;
    use super::super::fixtures::{connection_between, connection_findings, shop, with_scene};
    use crate::model::{Category, Stride};

    /// An API querying an SQL database raises SQL injection, once for the query and its
    /// answer, and the threat answers its STRIDE cell (no question asks it again).
    #[test]
    fn a_query_to_an_sql_store_raises_injection_once_and_answers_its_cell() {
        let (p, [_, api, db]) = shop("HTTPS");
        with_scene(&p, |scene, builder, _| {
            let c = connection_between(scene, &api, &db);
            let (threats, questions, covered) = connection_findings(scene, builder, c);
            let injection: Vec<_> = threats
                .iter()
                .filter(|f| f.rule_id() == "sql-injection")
                .collect();
            assert_eq!(injection.len(), 1, "{threats:?}");
            assert!(threats.iter().all(|f| !f.baseline));
            for t in &threats {
                let Category::Stride(s) = t.category else {
                    panic!("a STRIDE threat");
                };
                assert_ne!(covered & cell(s), 0, "{} leaves its cell open", t.title);
                assert!(
                    questions.iter().all(|q| q.category != t.category),
                    "asked again: {}",
                    t.title
                );
            }
            assert_ne!(covered & cell(Stride::Tampering), 0);
        });
    }

    /// No rule fires twice for one subject, and a rule that gives way (`unless`) to one that
    /// fired is not listed.
    #[test]
    fn a_generic_threat_gives_way_to_the_specific_one() {
        let p = crate::synthetic::project(60);
        with_scene(&p, |scene, builder, _| {
            for c in 0..scene.exposure.connections.len() {
                let (threats, _, _) = connection_findings(scene, builder, c);
                for t in &threats {
                    let rule = t.rule.as_ref().expect("a rule's threat");
                    assert_eq!(
                        threats
                            .iter()
                            .filter(|g| g.rule_id() == t.rule_id())
                            .count(),
                        1
                    );
                    assert!(
                        !rule
                            .unless
                            .iter()
                            .any(|u| threats.iter().any(|g| g.rule_id() == u.as_str())),
                        "{} listed beside the rule it gives way to",
                        t.rule_id()
                    );
                }
            }
        });
    }
}
