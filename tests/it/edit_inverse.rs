//! Property: applying any edit and then its inverse gives back the same project; an edit
//! that fails leaves the project untouched.

use crate::common;

use proptest::prelude::*;
use threatboard::edit::Edit;
use threatboard::model::*;

/// Raw material for one edit; `edit_for` turns it into a concrete edit on a project.
#[derive(Debug, Clone)]
struct Spec {
    op: u8,
    a: usize,
    b: usize,
    x: f32,
    text: String,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0u8..24,
        0usize..64,
        0usize..64,
        -500.0f32..500.0,
        "[a-zA-Zä支 ]{0,12}",
    )
        .prop_map(|(op, a, b, x, text)| Spec { op, a, b, x, text })
}

fn pick<T: Clone>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()].clone())
}

fn all_elements(p: &Project) -> Vec<(DiagramId, Element)> {
    p.diagrams
        .iter()
        .flat_map(|d| d.elements.iter().map(|e| (d.id.clone(), e.clone())))
        .collect()
}

fn all_flows(p: &Project) -> Vec<Flow> {
    p.diagrams.iter().flat_map(|d| d.flows.clone()).collect()
}

fn all_boundaries(p: &Project) -> Vec<Boundary> {
    p.diagrams
        .iter()
        .flat_map(|d| d.boundaries.clone())
        .collect()
}

fn all_notes(p: &Project) -> Vec<Note> {
    p.diagrams.iter().flat_map(|d| d.notes.clone()).collect()
}

/// An edit built from `s` against `p`: mostly valid ones, some deliberately invalid
/// (unknown ids, reused ids, indices past the end).
fn edit_for(p: &Project, s: &Spec) -> Edit {
    let diagram = pick(&p.diagrams, s.a).expect("a project has a diagram");
    let kind = ElementKind::ALL[s.b % 3];
    let rect = Rect::new(s.x, -s.x, 120.0, 60.0);
    match s.op {
        0 => Edit::InsertElement {
            diagram: diagram.id.clone(),
            index: s.b % (diagram.elements.len() + 2),
            element: Box::new(Element::new(kind, s.text.clone())),
            rect,
        },
        1 => match pick(&all_elements(p), s.a) {
            Some((_, e)) => Edit::RemoveElement(e.id),
            None => Edit::RemoveElement(ElementId::generate()),
        },
        2 => match pick(&all_elements(p), s.a) {
            Some((_, mut e)) => {
                e.name = s.text.clone();
                e.out_of_scope = s.b % 2 == 0;
                e.props = ElementProps::default_for(kind);
                Edit::UpdateElement(Box::new(e))
            }
            None => Edit::UpdateElement(Box::new(Element::new(kind, "ghost"))),
        },
        3 => match pick(&all_elements(p), s.a) {
            Some((_, e)) => Edit::SetElementRect { id: e.id, rect },
            None => Edit::SetElementRect {
                id: ElementId::generate(),
                rect,
            },
        },
        4 | 5 => {
            let elements = &diagram.elements;
            match (pick(elements, s.a), pick(elements, s.b)) {
                (Some(a), Some(b)) => {
                    let mut flow = Flow::new(s.text.clone(), a.id, b.id);
                    flow.encrypted = s.x > 0.0;
                    Edit::InsertFlow {
                        diagram: diagram.id.clone(),
                        index: s.a % (diagram.flows.len() + 1),
                        flow: Box::new(flow),
                        waypoints: if s.op == 5 {
                            vec![Pos::new(s.x, s.x)]
                        } else {
                            vec![]
                        },
                    }
                }
                _ => Edit::InsertFlow {
                    diagram: diagram.id.clone(),
                    index: 0,
                    flow: Box::new(Flow::new("x", ElementId::generate(), ElementId::generate())),
                    waypoints: vec![],
                },
            }
        }
        6 => match pick(&all_flows(p), s.a) {
            Some(f) => Edit::RemoveFlow(f.id),
            None => Edit::RemoveFlow(FlowId::generate()),
        },
        7 => match pick(&all_flows(p), s.a) {
            Some(mut f) => {
                f.name = s.text.clone();
                f.protocol = "HTTPS".into();
                f.bidirectional = !f.bidirectional;
                Edit::UpdateFlow(Box::new(f))
            }
            None => Edit::UpdateFlow(Box::new(Flow::new(
                "x",
                ElementId::generate(),
                ElementId::generate(),
            ))),
        },
        8 => match pick(&all_flows(p), s.a) {
            Some(f) => Edit::SetWaypoints {
                id: f.id,
                points: (0..s.b % 3)
                    .map(|i| Pos::new(s.x + i as f32, 0.0))
                    .collect(),
            },
            None => Edit::SetWaypoints {
                id: FlowId::generate(),
                points: vec![],
            },
        },
        9 => Edit::InsertBoundary {
            diagram: diagram.id.clone(),
            index: s.b % (diagram.boundaries.len() + 1),
            boundary: Box::new(Boundary::new(s.text.clone(), BoundaryType::Internet)),
            shape: if s.b % 2 == 0 {
                BoundaryShape::Region(rect)
            } else {
                BoundaryShape::Line(vec![Pos::new(0.0, 0.0), Pos::new(s.x, 10.0)])
            },
        },
        10 => match pick(&all_boundaries(p), s.a) {
            Some(b) => Edit::RemoveBoundary(b.id),
            None => Edit::RemoveBoundary(BoundaryId::generate()),
        },
        11 => match pick(&all_boundaries(p), s.a) {
            Some(mut b) => {
                b.name = s.text.clone();
                Edit::UpdateBoundary(Box::new(b))
            }
            None => Edit::UpdateBoundary(Box::new(Boundary::new("x", BoundaryType::Generic))),
        },
        12 => match pick(&all_boundaries(p), s.a) {
            Some(b) => Edit::SetBoundaryShape {
                id: b.id,
                shape: BoundaryShape::Region(rect),
            },
            None => Edit::SetBoundaryShape {
                id: BoundaryId::generate(),
                shape: BoundaryShape::Region(rect),
            },
        },
        13 => Edit::InsertNote {
            diagram: diagram.id.clone(),
            index: 0,
            note: Note {
                id: NoteId::generate(),
                text: s.text.clone(),
            },
            rect,
        },
        14 => match pick(&all_notes(p), s.a) {
            Some(n) if s.b % 2 == 0 => Edit::RemoveNote(n.id),
            Some(n) => Edit::SetNoteRect { id: n.id, rect },
            None => Edit::RemoveNote(NoteId::generate()),
        },
        15 => {
            let subject = pick(&all_elements(p), s.a).map_or(
                SubjectId::try_from("el_gone").expect("a valid id"),
                |(_, e)| SubjectId::from(&e.id),
            );
            Edit::SetRecord {
                key: ThreatKey::new(format!("R{}", s.b % 5), subject),
                record: (s.b % 3 != 0).then(|| {
                    Box::new(ThreatRecord {
                        status: Status::ALL[s.b % 6],
                        justification: s.text.clone(),
                        ..ThreatRecord::default()
                    })
                }),
            }
        }
        16 => {
            let subject = pick(&all_elements(p), s.a).map_or(
                SubjectId::try_from("el_gone").expect("a valid id"),
                |(_, e)| SubjectId::from(&e.id),
            );
            Edit::InsertManualThreat {
                index: s.b % (p.manual_threats.len() + 1),
                threat: Box::new(ManualThreat {
                    id: ManualThreatId::generate(),
                    subject,
                    category: Category::Stride(Stride::ALL[s.b % 6]),
                    title: s.text.clone(),
                    description: String::new(),
                    severity: Severity::ALL[s.a % 4],
                    record: ThreatRecord::default(),
                    generated_by: String::new(),
                }),
            }
        }
        17 => match pick(&p.manual_threats, s.a) {
            Some(t) if s.b % 2 == 0 => Edit::RemoveManualThreat(t.id),
            Some(mut t) => {
                t.title = s.text.clone();
                Edit::UpdateManualThreat(Box::new(t))
            }
            None => Edit::RemoveManualThreat(ManualThreatId::generate()),
        },
        18 => {
            let mut meta = p.meta.clone();
            meta.title = s.text.clone();
            meta.assumptions.push(s.text.clone());
            Edit::SetMeta(Box::new(meta))
        }
        19 => Edit::InsertDiagram {
            index: s.a % (p.diagrams.len() + 1),
            diagram: Box::new(Diagram::new(s.text.clone())),
            layout: Box::default(),
        },
        20 => Edit::RemoveDiagram(diagram.id.clone()),
        21 => Edit::RenameDiagram {
            id: diagram.id.clone(),
            name: s.text.clone(),
        },
        22 => {
            // An element that reuses an existing id must be refused.
            let mut element = Element::new(kind, "dup");
            if let Some((_, e)) = pick(&all_elements(p), s.a) {
                element.id = e.id;
            }
            Edit::InsertElement {
                diagram: diagram.id.clone(),
                index: 0,
                element: Box::new(element),
                rect,
            }
        }
        _ => {
            // A batch: move two elements and rename one, or fail half-way.
            let els = all_elements(p);
            let mut steps = Vec::new();
            if let Some((_, e)) = pick(&els, s.a) {
                steps.push(Edit::SetElementRect {
                    id: e.id.clone(),
                    rect,
                });
                let mut renamed = e;
                renamed.name = s.text.clone();
                steps.push(Edit::UpdateElement(Box::new(renamed)));
            }
            if s.b % 4 == 0 {
                steps.push(Edit::RemoveFlow(FlowId::generate()));
            }
            Edit::Batch(steps)
        }
    }
}

fn base_project() -> Project {
    threatboard::io::load(&common::sample("web-shop.ron")).expect("sample loads")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn apply_then_inverse_restores_the_project(specs in prop::collection::vec(spec(), 1..40)) {
        let mut project = base_project();
        for s in &specs {
            let edit = edit_for(&project, s);
            let before = project.clone();
            match edit.clone().apply(&mut project) {
                Ok(inverse) => {
                    let after = project.clone();
                    let redo = inverse.apply(&mut project).expect("the inverse applies");
                    prop_assert_eq!(&project, &before, "inverse of {:?}", edit);
                    // Redo (the inverse of the inverse) gives the edited project again.
                    redo.apply(&mut project).expect("redo applies");
                    prop_assert_eq!(&project, &after);
                }
                Err(_) => prop_assert_eq!(&project, &before, "failed edit changed the project: {:?}", edit),
            }
            // Whatever happened, the project still saves and loads as a valid file.
            let text = threatboard::io::to_canonical_string(&project).expect("serialises");
            let reloaded = threatboard::io::load_str(&text, std::path::Path::new("p.ron"));
            prop_assert!(reloaded.is_ok(), "{:?}", reloaded.err().map(|e| e.to_string()));
        }
    }
}

#[test]
fn removing_an_element_removes_its_flows_and_undo_restores_them_in_place() {
    let mut p = base_project();
    let api = p.diagrams[0]
        .elements
        .iter()
        .find(|e| e.name == "Shop API")
        .expect("sample has the API")
        .id
        .clone();
    let before = p.clone();
    let attached = p.diagrams[0]
        .flows
        .iter()
        .filter(|f| f.source == api || f.target == api)
        .count();
    assert!(attached >= 5);
    let inverse = Edit::RemoveElement(api.clone())
        .apply(&mut p)
        .expect("removes");
    assert!(p.element(&api).is_none());
    assert!(
        p.diagrams[0]
            .flows
            .iter()
            .all(|f| f.source != api && f.target != api)
    );
    assert!(!p.layout.elements.contains_key(&api));
    inverse.apply(&mut p).expect("undo");
    assert_eq!(p, before);
}

#[test]
fn the_last_diagram_cannot_be_removed() {
    let mut p = base_project();
    let id = p.diagrams[0].id.clone();
    assert!(Edit::RemoveDiagram(id).apply(&mut p).is_err());
    assert_eq!(p.diagrams.len(), 1);
}
