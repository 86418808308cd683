//! The findings of a big diagram are made on several threads: the analysis must be the
//! one a single thread makes — same findings in the same order, same decisions merged on,
//! same orphans, messages and summary — whatever the number of threads.

use crate::common;

use std::path::Path;

use threatboard::analysis::{Analysis, Catalogue, analyze_on};
use threatboard::model::{
    Category, ManualThreat, ManualThreatId, Project, Severity, Status, Stride, SubjectId,
    ThreatKey, ThreatRecord,
};

/// Everything an analysis holds, as text (`Debug` shows shared texts by value).
fn all_of(a: &Analysis) -> String {
    format!("{a:?}")
}

fn same_on_any_threads(name: &str, project: &Project) {
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let one = analyze_on(project, &catalogue, 1);
    let one_text = all_of(&one);
    for threads in [2, 3, 4] {
        let many = analyze_on(project, &catalogue, threads);
        assert!(
            all_of(&many) == one_text,
            "{name}: {threads} threads give another analysis ({} vs {} findings)",
            many.findings.len(),
            one.findings.len()
        );
    }
}

/// A 1,500-element system with decisions on every seventh finding, decisions on subjects
/// that do not exist (orphans), manual threats on elements and flows, and out-of-scope
/// elements and flows.
fn decided_system() -> Project {
    let mut project = threatboard::synthetic::project(1_500);
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let first = analyze_on(&project, &catalogue, 1);
    for (i, f) in first.findings.iter().enumerate().step_by(7) {
        let record = ThreatRecord {
            status: if i % 2 == 0 {
                Status::Mitigated
            } else {
                Status::Accepted
            },
            severity: (i % 3 == 0).then_some(Severity::High),
            mitigation: format!("control {i}"),
            ..ThreatRecord::default()
        };
        project.threats.insert(f.key.clone(), record);
    }
    for i in 0..5 {
        project.threats.insert(
            ThreatKey::new(
                "TB-GONE",
                SubjectId::try_from(format!("el_missing{i}")).expect("a valid id"),
            ),
            ThreatRecord {
                status: Status::Mitigated,
                ..ThreatRecord::default()
            },
        );
    }
    let diagram = &mut project.diagrams[0];
    let mut subjects: Vec<SubjectId> = diagram
        .elements
        .iter()
        .step_by(97)
        .map(|e| SubjectId::from(&e.id))
        .collect();
    subjects.extend(
        diagram
            .flows
            .iter()
            .step_by(113)
            .map(|f| SubjectId::from(&f.id)),
    );
    for e in diagram.elements.iter_mut().skip(5).step_by(211) {
        e.out_of_scope = true;
        e.out_of_scope_reason = "hosted by the platform team".into();
    }
    for f in diagram.flows.iter_mut().skip(3).step_by(307) {
        f.out_of_scope = true;
    }
    for (i, subject) in subjects.into_iter().enumerate() {
        project.manual_threats.push(ManualThreat {
            id: ManualThreatId::generate(),
            subject,
            category: Category::Stride(Stride::ALL[i % Stride::ALL.len()]),
            title: format!("Credentials stolen from the configuration {i}"),
            description: String::new(),
            severity: Severity::Medium,
            record: ThreatRecord::default(),
            generated_by: String::new(),
        });
    }
    project
}

#[test]
fn a_big_decided_system_is_analysed_alike_on_any_number_of_threads() {
    let project = decided_system();
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let a = analyze_on(&project, &catalogue, 1);
    // The parts this test is about are there.
    // (Threads share out its 1,500 elements and their connections; the checklist asks a
    // template once per diagram, so the findings are fewer than the subjects.)
    assert!(a.findings.len() > 2_000, "{}", a.findings.len());
    assert!(a.findings.iter().any(|f| f.status() == Status::Mitigated));
    assert!(
        a.findings.iter().any(|f| f.rule.is_none()),
        "manual threats"
    );
    assert!(!a.orphaned.is_empty(), "orphaned decisions");
    assert!(a.out_of_scope.len() > 5, "out of scope");
    same_on_any_threads("decided system", &project);
}

#[test]
fn samples_and_imported_models_are_analysed_alike_on_any_number_of_threads() {
    for path in common::samples() {
        let project = threatboard::io::load(&path).expect("loads");
        same_on_any_threads(&path.display().to_string(), &project);
    }
    let dragon = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/threat-dragon-v1");
    for name in ["demo-threat-model.json", "enter-the-dragon-4.json"] {
        let path = dragon.join(name);
        let text = std::fs::read_to_string(&path).expect("reads");
        let (project, _) = threatboard::io::threat_dragon::import(&text, &path).expect("imports");
        same_on_any_threads(name, &project);
    }
    // Two big diagrams in one project.
    let mut two = threatboard::synthetic::project(900);
    let other = threatboard::synthetic::project(700);
    two.diagrams.extend(other.diagrams);
    same_on_any_threads("two diagrams", &two);
}
