//! Stage 4, the authors' threats folded in: each threat the authors wrote joins the
//! findings of its subject (an element, or the flow of a connection it was written on),
//! and once every finding is made, a generated threat that repeats one of them — the same
//! place, the same class — is not listed again: the authors' threat lists it as also
//! raised by the rules, and the authors' decision stands. The authors' threats answer
//! their STRIDE cells for the checklist too (`super::checklist`).

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::super::builder::{Builder, Subject};
use super::super::names::FlowNamer;
use super::super::{AlsoRaised, Finding, SubjectKind};
use super::Scene;
use super::exposure::Connection;
use crate::model::{Category, ManualThreat, Project};

/// The authors' threats of `project` by the id of their subject.
pub(in crate::analysis) fn by_subject(project: &Project) -> FxHashMap<&str, Vec<&ManualThreat>> {
    let mut manual_by_subject: FxHashMap<&str, Vec<&ManualThreat>> = FxHashMap::default();
    for t in &project.manual_threats {
        manual_by_subject
            .entry(t.subject.as_str())
            .or_default()
            .push(t);
    }
    manual_by_subject
}

/// The authors' threats of an element (or any subject), into `found`.
pub(in crate::analysis) fn on_subject(
    builder: &mut Builder<'_>,
    subject: &Subject,
    found: &mut Vec<Finding>,
) {
    builder.manual_for(subject, found);
}

/// The authors' threats of each flow of a connection, on that flow, into `specific`.
pub(in crate::analysis) fn on_flows(
    scene: &Scene<'_>,
    namer: &FlowNamer<'_, '_>,
    diagram_id: &Arc<str>,
    conn: &Connection,
    builder: &mut Builder<'_>,
    specific: &mut Vec<Finding>,
) {
    let (diagram, facts, ends) = (scene.diagram, &scene.facts.flows, &scene.exposure.ends);
    for &fi in &conn.flows {
        let f = &diagram.flows[fi];
        if !scene.manual.contains_key(f.id.as_str()) {
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
            specific,
        );
    }
}

/// The names (lower case) of the elements a finding is about: the element's, or for a flow
/// finding the ends its rule answers for (both when it says neither).
fn element_named(f: &Finding) -> Vec<String> {
    let n = &f.names;
    let mut out: Vec<&str> = Vec::new();
    if f.subject_kind != SubjectKind::Flow {
        out.push(&n.subject);
    } else {
        let (source, target) = f
            .rule
            .as_ref()
            .map_or((true, true), |r| (r.covers_source, r.covers_target));
        let neither = !source && !target;
        if source || neither {
            out.push(&n.source);
        }
        if target || neither {
            out.push(&n.target);
        }
    }
    out.into_iter()
        .filter(|s| !s.trim().is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Folds each generated threat that repeats an authors' threat (not another tool's output
/// nobody assessed) — the same place and the same
/// class, as [`super::super::eval::Interactions::matches`] defines them — into that threat: it is
/// not listed again, and the authors' threat lists it as also raised by the rules. The
/// authors' decision stands whatever the generated threat's. A threat on the generated
/// threat's own subject is preferred to one on a neighbouring flow or element.
pub(in crate::analysis) fn fold_into_authors(
    project: &crate::model::Project,
    findings: &mut Vec<Finding>,
) {
    use super::super::eval::Interactions;
    let authored: Vec<usize> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            f.is_manual() && f.generated_by.is_none() && matches!(f.category, Category::Stride(_))
        })
        .map(|(i, _)| i)
        .collect();
    if authored.is_empty() {
        return;
    }
    let places = Interactions::new(project);
    // Each authors' threat under every id a generated threat near it is about.
    let mut by_place: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let texts: FxHashMap<usize, String> = authored
        .iter()
        .map(|&i| {
            let f = &findings[i];
            (i, format!("{}\n{}", f.title, f.manual_description))
        })
        .collect();
    for &i in &authored {
        for place in places.places_reached(findings[i].subject()) {
            by_place.entry(place).or_default().push(i);
        }
    }
    let mut folded_into: Vec<Option<usize>> = vec![None; findings.len()];
    for (g, f) in findings.iter().enumerate() {
        if f.is_manual() || f.baseline {
            continue;
        }
        let mut candidates: Vec<usize> = f
            .subjects()
            .filter_map(|s| by_place.get(&**s))
            .flatten()
            .copied()
            .collect();
        // Its own subject's threats first, then the neighbours'; among those, the ones that
        // name the element it is about (the Threat Modeling Tool files "Spoofing the Web API
        // Process" and "Spoofing the Browser External Entity" under one flow); each in
        // list order.
        let about = element_named(f);
        let names_it = |a: usize| {
            let text = texts[&a].to_lowercase();
            about.iter().any(|n| text.contains(n.as_str()))
        };
        candidates.sort_by_key(|&a| (!f.is_about(findings[a].subject()), !names_it(a), a));
        folded_into[g] = candidates.into_iter().find(|&a| {
            places.matches_text(findings[a].subject(), &findings[a].category, &texts[&a], f)
        });
    }
    if folded_into.iter().all(Option::is_none) {
        return;
    }
    let mut raised: FxHashMap<usize, Vec<AlsoRaised>> = FxHashMap::default();
    for (g, a) in folded_into.iter().enumerate() {
        if let Some(a) = a {
            let f = &findings[g];
            raised.entry(*a).or_default().push(AlsoRaised {
                key: f.key.clone(),
                title: f.title.clone(),
                severity: f.severity,
                status: f.record.status,
            });
        }
    }
    for (a, list) in raised {
        findings[a].also_raised = Some(list.into_boxed_slice());
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        folded_into[i - 1].is_none()
    });
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::shop;
    use super::*;
    use crate::analysis::{Catalogue, analyze};
    use crate::model::{ManualThreatId, Severity, Status, Stride, ThreatRecord};

    fn team_threat(subject: &str, category: Stride, title: &str) -> ManualThreat {
        ManualThreat {
            id: ManualThreatId::generate(),
            subject: crate::model::SubjectId::try_from(subject).expect("a valid id"),
            category: Category::Stride(category),
            title: title.to_owned(),
            description: "Written by the team.".into(),
            severity: Severity::Medium,
            record: ThreatRecord {
                status: Status::Mitigated,
                ..ThreatRecord::default()
            },
            generated_by: String::new(),
        }
    }

    /// The team's "SQL injection" on the database hides the rules' injection threat on the
    /// query: listed once, on the team's threat, as also raised by the rules. A team threat
    /// of another class hides nothing.
    #[test]
    fn a_generated_threat_repeating_the_authors_is_hidden() {
        let (mut p, [_, _, db]) = shop("HTTPS");
        let catalogue = Catalogue::builtin().expect("built-in catalogue");
        let generated = analyze(&p, &catalogue).findings;
        let injection = generated
            .iter()
            .find(|f| f.rule_id() == "sql-injection")
            .expect("the rules raise SQL injection")
            .key
            .clone();

        let fold = |p: &Project| {
            let mut findings = generated.clone();
            findings.extend(
                analyze(p, &catalogue)
                    .findings
                    .into_iter()
                    .filter(|f| f.is_manual()),
            );
            fold_into_authors(p, &mut findings);
            findings
        };
        p.manual_threats.push(team_threat(
            &db,
            Stride::DenialOfService,
            "Runs out of connections",
        ));
        let other_class = fold(&p);
        assert_eq!(other_class.len(), generated.len() + 1);
        assert!(other_class.iter().any(|f| f.key == injection));

        p.manual_threats
            .push(team_threat(&db, Stride::Tampering, "SQL injection"));
        let folded = fold(&p);
        assert!(!folded.iter().any(|f| f.key == injection));
        let theirs = folded
            .iter()
            .find(|f| f.is_manual() && &*f.title == "SQL injection")
            .expect("the team's threat");
        let also: Vec<_> = theirs.also_raised().iter().map(|r| r.key.clone()).collect();
        assert!(also.contains(&injection), "{also:?}");
        // Each generated threat is either listed or shown on the team's threat.
        assert_eq!(folded.len() + also.len(), generated.len() + 2);
    }
}
