//! Stage 5, the checklist: for each STRIDE cell of a subject that no threat answered, the
//! catalogue's baseline question for it ("could someone pretend to be …?"), so a review
//! walks every cell. A cell is answered by a threat that fired, by what the model says
//! (HTTPS answers reading and altering on the way; an element that authenticates itself,
//! spoofing), by an authors' threat in that cell, or by the provider owning the element.
//! An element is asked at most three questions: the rest are folded into the last one.

use std::sync::Arc;

use super::super::Finding;
use super::super::SubjectKind;
use super::super::builder::{Builder, Subject};
use super::super::catalogue::Rule;
use super::super::context::flow_ends;
use super::super::expr::Env;
use super::super::facts::FlowFacts;
use super::super::names::FlowNamer;
use super::super::severity::Assessment;
use super::classes::{ConnectionSubject, Variant, flows_name};
use super::{ALL_CELLS, Scene, cell, with_element_context};
use crate::model::{Category, ElementKind, ElementProps, Stride};

/// The id of the catalogue's "more to ask" question (see [`fold_questions`]).
pub(in crate::analysis) const MORE_RULE: &str = "stride.more";

/// Checklist questions per element a reader is asked at most; the rest are folded into
/// the last one.
const MAX_QUESTIONS: usize = 3;

/// The cells of each element answered before any rule is applied: by the provider owning
/// it, by what the model says about it, by its authors' threats, and — for an actor that
/// calls an entry point — by the entry point's authentication.
pub(in crate::analysis) fn answered_before_rules(scene: &Scene<'_>) -> Vec<u8> {
    let (diagram, efacts, index) = (scene.diagram, &scene.facts.elements, &scene.facts.index);
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
        if let Some(manual) = scene.manual.get(ef.element.id.as_str()) {
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
        let Some((s, t)) = flow_ends(index, flow) else {
            continue;
        };
        if efacts[s].element.kind() == ElementKind::ExternalEntity && efacts[t].callers != 0 {
            element_covered[s] |= cell(Stride::Spoofing);
        }
    }
    element_covered
}

/// The cells of a connection answered before any rule is applied: by every flow's
/// transport, and by the authors' threats of its flows.
pub(in crate::analysis) fn connection_answered(
    scene: &Scene<'_>,
    cs: &ConnectionSubject<'_>,
) -> u8 {
    let (diagram, facts) = (scene.diagram, &scene.facts.flows);
    let conn = cs.conn;
    let mut covered = 0u8;
    // What every flow's transport answers: HTTPS answers "could it be read or altered on
    // the way?".
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
        if let Some(manual) = scene.manual.get(diagram.flows[fi].id.as_str()) {
            for t in manual {
                if let Category::Stride(st) = t.category {
                    covered |= cell(st);
                }
            }
        }
    }
    covered
}

/// The baseline questions of a connection for the cells `covered` leaves open, into
/// `specific`. Asked of its first flow, in that flow's direction.
#[allow(clippy::too_many_arguments)]
pub(in crate::analysis) fn connection_questions(
    scene: &Scene<'_>,
    namer: &FlowNamer<'_, '_>,
    diagram_id: &Arc<str>,
    cs: &ConnectionSubject<'_>,
    variants: &mut [Variant],
    covered: u8,
    builder: &mut Builder<'_>,
    specific: &mut Vec<Finding>,
) {
    let (diagram, facts, efacts) = (scene.diagram, &scene.facts.flows, &scene.facts.elements);
    let (ends, kinds) = (&scene.exposure.ends, &scene.exposure.kinds);
    let conn = cs.conn;
    let (member_ids, pair_key, alternates) = (&cs.member_ids, &cs.pair_key, &cs.alternates);
    let all_flows_name = || flows_name(scene, conn, &mut conn.flows.iter().copied());
    let first = conn.flows[0];
    let flow = &diagram.flows[first];
    let (s, t) = ends[first];
    let multi = conn.flows.len() > 1;
    // Made when the first question is asked: most connections have none left.
    let mut checklist_subject: Option<Subject> = None;
    if !cs.provider_internal {
        for rule in &scene.rules.flow_baselines {
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
                    // The names a specific finding of the same flow and direction already
                    // made, if they carry the context sentence.
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
}

/// The baseline questions of element `i` for the cells `covered` leaves open, into
/// `found` (after its threats), at most [`MAX_QUESTIONS`] of them.
#[allow(clippy::too_many_arguments)]
pub(in crate::analysis) fn element_questions(
    scene: &Scene<'_>,
    i: usize,
    subject: &mut Subject,
    env: &Env<'_, '_>,
    covered: u8,
    builder: &mut Builder<'_>,
    found: &mut Vec<Finding>,
) {
    let (efacts, element_names) = (&scene.facts.elements, &scene.facts.element_names);
    let kind = efacts[i].element.kind();
    let rules = &scene.rules.by_kind[usize::from(super::super::facts::kind_index(kind))];
    for rule in rules.iter().filter(|r| r.baseline) {
        if covered & cell(rule.category) == 0 && rule.cond.eval(env) {
            with_element_context(subject, efacts, element_names, i);
            found.push(builder.make(rule, subject, &Assessment::checklist()));
        }
    }
    fold_questions(found, scene.rules.more, subject, kind, builder);
}

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

#[cfg(test)]
mod tests {
    use super::super::fixtures::{connection_between, connection_findings, shop, with_scene};
    use super::*;

    /// The categories of some findings.
    fn cells(findings: &[Finding]) -> Vec<Category> {
        findings.iter().map(|f| f.category.clone()).collect()
    }

    /// Over plain HTTP the browser's requests are asked whether they can be read or
    /// altered on the way; over HTTPS they are not (the protocol answers), and the other
    /// cells are asked the same. No question repeats a cell a threat answered.
    #[test]
    fn the_checklist_asks_only_what_nothing_answered() {
        let ask = |protocol: &str| {
            let (p, [browser, api, _]) = shop(protocol);
            with_scene(&p, |scene, builder, _| {
                let c = connection_between(scene, &browser, &api);
                let (threats, questions, covered) = connection_findings(scene, builder, c);
                assert!(questions.iter().all(|q| q.baseline));
                for q in &questions {
                    let Category::Stride(s) = q.category else {
                        panic!("a STRIDE question");
                    };
                    assert_eq!(covered & cell(s), 0, "{} was answered", q.title);
                    assert!(threats.iter().all(|t| t.category != q.category));
                }
                (cells(&questions), covered)
            })
        };
        let (plain, plain_covered) = ask("HTTP");
        let (https, https_covered) = ask("HTTPS");
        let read = Category::Stride(Stride::InformationDisclosure);
        let altered = Category::Stride(Stride::Tampering);
        assert_ne!(https_covered & cell(Stride::InformationDisclosure), 0);
        assert!(
            !https.contains(&read) && !https.contains(&altered),
            "{https:?}"
        );
        if plain_covered & cell(Stride::InformationDisclosure) == 0 {
            assert!(plain.contains(&read), "{plain:?}");
        }
        let others = |asked: &[Category]| -> Vec<Category> {
            asked
                .iter()
                .filter(|c| **c != read && **c != altered)
                .cloned()
                .collect()
        };
        assert_eq!(others(&plain), others(&https));
    }

    /// An element with many cells open is asked at most three questions: the third asks the
    /// rest in its text, so every cell is still answered.
    #[test]
    fn an_element_is_asked_at_most_three_questions() {
        let p = crate::synthetic::project(60);
        with_scene(&p, |scene, builder, _| {
            let mut folded = 0;
            for (i, ef) in scene.facts.elements.iter().enumerate() {
                let e = ef.element;
                let id: Arc<str> = Arc::from(e.id.as_str());
                let mut subject = Subject {
                    id: id.clone(),
                    key: id,
                    alternates: Arc::from(Vec::new()),
                    kind: SubjectKind::Process,
                    names: Arc::default(),
                    diagram: scene.facts.diagram_id.clone(),
                    flows: Arc::from(Vec::new()),
                };
                let env = Env {
                    element: Some(ef),
                    flow: None,
                    source: None,
                    target: None,
                };
                let mut found = Vec::new();
                element_questions(scene, i, &mut subject, &env, 0, builder, &mut found);
                assert!(found.len() <= MAX_QUESTIONS, "{:?}", cells(&found));
                if let Some(more) = found.iter().find(|f| f.rule_id() == MORE_RULE) {
                    folded += 1;
                    assert!(more.names.context.contains("Also ask:"));
                }
            }
            assert!(folded > 0, "no element had more than three questions");
        });
    }
}
