//! A model built in code for the analysis tests: elements placed left to right, flows
//! between them, an internet boundary line on request.

use threatboard::analysis::{self, Analysis, Catalogue, Finding};
use threatboard::model::*;

/// A model under construction: elements placed left to right, flows between them, and
/// optionally a boundary around everything but the first element.
pub struct Model {
    pub p: Project,
    x: f32,
}

impl Model {
    pub fn new() -> Self {
        Self {
            p: Project::new("model"),
            x: 0.0,
        }
    }

    pub fn add(&mut self, kind: ElementKind, name: &str) -> ElementId {
        let e = Element::new(kind, name);
        let id = e.id.clone();
        self.p
            .layout
            .elements
            .insert(id.clone(), Rect::new(self.x, 0.0, 100.0, 60.0));
        self.x += 300.0;
        self.p.diagrams[0].elements.push(e);
        id
    }

    /// An element added as [`Model::add`] does, with a description.
    pub fn add_described(&mut self, kind: ElementKind, name: &str, description: &str) -> ElementId {
        let id = self.add(kind, name);
        self.element(&id).description = description.into();
        id
    }

    pub fn element(&mut self, id: &ElementId) -> &mut Element {
        self.p.diagrams[0]
            .elements
            .iter_mut()
            .find(|e| &e.id == id)
            .expect("element")
    }

    pub fn flow(&mut self, name: &str, from: &ElementId, to: &ElementId) -> FlowId {
        let f = Flow::new(name, from.clone(), to.clone());
        let id = f.id.clone();
        self.p.diagrams[0].flows.push(f);
        id
    }

    pub fn flow_mut(&mut self, id: &FlowId) -> &mut Flow {
        self.p.diagrams[0]
            .flows
            .iter_mut()
            .find(|f| &f.id == id)
            .expect("flow")
    }

    /// An internet boundary line between the first element and the rest.
    pub fn with_boundary(mut self) -> Self {
        let b = Boundary::new("Internet", BoundaryType::Internet);
        self.p.layout.boundaries.insert(
            b.id.clone(),
            BoundaryShape::Line(vec![Pos::new(200.0, -100.0), Pos::new(200.0, 200.0)]),
        );
        self.p.diagrams[0].boundaries.push(b);
        self
    }

    /// A boundary line between two networks of the organisation at `x` (elements sit at
    /// 0, 300, 600 … in the order they were added).
    pub fn with_network_boundary_at(self, x: f32) -> Self {
        self.with_boundary_line_at("Network", BoundaryType::Network, x)
    }

    /// A boundary line named `name` of type `kind` at `x`.
    pub fn with_boundary_line_at(mut self, name: &str, kind: BoundaryType, x: f32) -> Self {
        let b = Boundary::new(name, kind);
        self.p.layout.boundaries.insert(
            b.id.clone(),
            BoundaryShape::Line(vec![Pos::new(x, -100.0), Pos::new(x, 200.0)]),
        );
        self.p.diagrams[0].boundaries.push(b);
        self
    }

    pub fn analyze(&self) -> Analysis {
        analysis::analyze(&self.p, &Catalogue::builtin().expect("built-in catalogue"))
    }
}

pub fn on<'a>(a: &'a Analysis, rule: &str, subject: &str) -> Option<&'a Finding> {
    a.threats()
        .find(|f| f.rule_id() == rule && f.is_about(subject))
}

/// Asserts that `rule` is raised on `subject` when `raised`, and is not otherwise; a failure
/// names `case` and lists what is raised there.
#[track_caller]
pub fn assert_raised(a: &Analysis, rule: &str, subject: &str, raised: bool, case: &str) {
    assert_eq!(
        on(a, rule, subject).is_some(),
        raised,
        "{case}: {rule} on {subject}: {:?}",
        threats_on(a, subject)
    );
}

pub fn threats_on(a: &Analysis, subject: &str) -> Vec<String> {
    a.threats()
        .filter(|f| f.is_about(subject))
        .map(|f| f.rule_id().to_owned())
        .collect()
}

/// Draws the project's first diagram again as a second one named `name` (a context and a
/// detail diagram of one system): the same elements, flows and boundaries under new ids,
/// laid out where the first ones are.
pub fn draw_again(p: &mut Project, name: &str) {
    let mut second = p.diagrams[0].clone();
    second.id = DiagramId::generate();
    second.name = name.into();
    let mut ids = std::collections::HashMap::new();
    for e in &mut second.elements {
        let new = ElementId::generate();
        let old = std::mem::replace(&mut e.id, new.clone());
        let rect = p.layout.elements[&old];
        p.layout.elements.insert(new.clone(), rect);
        ids.insert(old, new);
    }
    for f in &mut second.flows {
        f.id = FlowId::generate();
        f.source = ids[&f.source].clone();
        f.target = ids[&f.target].clone();
    }
    for b in &mut second.boundaries {
        let old = std::mem::replace(&mut b.id, BoundaryId::generate());
        let shape = p.layout.boundaries[&old].clone();
        p.layout.boundaries.insert(b.id.clone(), shape);
    }
    p.diagrams.push(second);
}
