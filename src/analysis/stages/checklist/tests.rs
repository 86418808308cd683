//! The checklist stage's unit tests, kept apart so the stage reads in one file.

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

/// Every STRIDE-per-element cell of every element is answered: by a threat or a
/// question about it (a question for the rest naming the cells it folds), by what
/// the model says before any rule, or by a reason it does not apply ([`does_not_apply`]: an anonymous visitor, a browser, a
/// platform component and a file system cannot deny; a file system sends no requests;
/// a browser's cookies are never "full, locked or gone").
#[test]
fn every_cell_is_answered_by_a_finding_or_a_reason() {
    use crate::model::{Actor, Element, ElementProps};
    let mut shop = crate::synthetic::Shop::new();
    let api = shop.api.clone();
    let db = shop.db.clone();
    let browser = shop.browser.clone();
    let mut add = |kind: ElementKind, name: &str, actor: Option<Actor>| {
        let mut e = Element::new(kind, name);
        if let (ElementProps::ExternalEntity(p), Some(a)) = (&mut e.props, actor) {
            p.actor = a;
        }
        let id = e.id.clone();
        let n = shop.project.diagrams[0].elements.len() as f32;
        shop.project.layout.elements.insert(
            id.clone(),
            crate::model::Rect::new(n * 200.0, 300.0, 100.0, 60.0),
        );
        shop.project.diagrams[0].elements.push(e);
        id
    };
    let visitor = add(ElementKind::ExternalEntity, "Anonymous visitor", None);
    let kubelet = add(ElementKind::ExternalEntity, "Kubelet", Some(Actor::System));
    let files = add(ElementKind::ExternalEntity, "File System", None);
    let admin = add(ElementKind::ExternalEntity, "Shop administrator", None);
    let app = add(ElementKind::Process, "Mobile app", None);
    let cookies = add(ElementKind::DataStore, "Cookies", None);
    let sms = add(
        ElementKind::ExternalEntity,
        "SMS gateway",
        Some(Actor::System),
    );
    let customer = add(ElementKind::ExternalEntity, "Customer", None);
    for (name, from, to) in [
        ("Orders", &browser, &api),
        ("Page views", &visitor, &api),
        ("Pod status", &kubelet, &api),
        ("Config", &files, &api),
        ("Price changes", &admin, &api),
        ("Taps", &admin, &app),
        ("Order calls", &app, &api),
        ("Session", &app, &cookies),
        ("Writes", &api, &db),
        ("Order texts", &api, &sms),
        ("SMS", &sms, &customer),
    ] {
        shop.flow(name, from, to);
    }
    let p = shop.project;
    let a = crate::analysis::analyze(&p, &crate::analysis::Catalogue::builtin().expect("rules"));
    // The SMS gateway sends nothing into the system: no question asks whether its
    // requests are genuine or whether it could deny them.
    assert!(
        !a.findings
            .iter()
            .any(|f| f.rule_id().starts_with("stride.entity.") && f.is_about(sms.as_str())),
        "{:?}",
        a.findings
            .iter()
            .filter(|f| f.is_about(sms.as_str()))
            .map(|f| f.title.clone())
            .collect::<Vec<_>>()
    );
    with_scene(&p, |scene, _, _| {
        // What the model answers before any rule (a reason a cell does not apply, an
        // actor answered at the entry point it calls).
        let before = answered_before_rules(scene);
        for (i, ef) in scene.facts.elements.iter().enumerate() {
            let id = ef.element.id.as_str();
            let kind = match ef.element.kind() {
                ElementKind::Process => SubjectKind::Process,
                ElementKind::DataStore => SubjectKind::DataStore,
                ElementKind::ExternalEntity => SubjectKind::ExternalEntity,
            };
            let mut cells = before[i];
            for f in a.findings.iter().filter(|f| f.is_about(id)) {
                if let Category::Stride(s) = f.category {
                    cells |= cell(s);
                    // A threat answers the cells it also names ("… and what waits in
                    // it can be edited"), as the checklist counts them.
                    for also in f.rule.iter().flat_map(|r| r.also.iter()) {
                        cells |= cell(*also);
                    }
                }
                if f.rule_id() == MORE_RULE && f.subject() == id {
                    for s in Stride::ALL {
                        if f.title.contains(also_phrase(kind, s)) {
                            cells |= cell(s);
                        }
                    }
                }
            }
            // A flow's threat that answers for its end ("no input validation at the
            // target").
            for f in a
                .findings
                .iter()
                .filter(|f| f.subject_kind == SubjectKind::Flow)
            {
                let (Some(rule), Category::Stride(s)) = (&f.rule, &f.category) else {
                    continue;
                };
                let ends = f.flows.iter().filter_map(|fid| {
                    scene
                        .diagram
                        .flows
                        .iter()
                        .find(|fl| fl.id.as_str() == &**fid)
                });
                for fl in ends {
                    if (rule.covers_target && fl.target.as_str() == id)
                        || (rule.covers_source && fl.source.as_str() == id)
                    {
                        cells |= cell(*s);
                    }
                }
            }
            let expected = match ef.element.kind() {
                ElementKind::Process => ALL_CELLS,
                ElementKind::DataStore => {
                    cell(Stride::Tampering)
                        | cell(Stride::InformationDisclosure)
                        | cell(Stride::DenialOfService)
                }
                ElementKind::ExternalEntity => cell(Stride::Spoofing) | cell(Stride::Repudiation),
            };
            assert_eq!(
                cells & expected,
                expected,
                "{}: cells {cells:06b}",
                ef.element.name
            );
        }
        // The reasons are the ones the reviewers gave, and the people still asked.
        let by_name = |n: &str| {
            scene
                .facts
                .elements
                .iter()
                .find(|e| e.element.name == n)
                .expect("element")
        };
        for n in ["Anonymous visitor", "Kubelet", "File System", "Browser"] {
            assert_ne!(
                does_not_apply(by_name(n)) & cell(Stride::Repudiation),
                0,
                "{n}"
            );
        }
        assert_eq!(does_not_apply(by_name("Shop administrator")), 0);
        assert_ne!(
            does_not_apply(by_name("Cookies")) & cell(Stride::DenialOfService),
            0
        );
        assert_eq!(does_not_apply(by_name("Orders database")), 0);
    });
}
