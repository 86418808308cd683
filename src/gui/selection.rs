//! What is selected: items on the canvas (elements, flows, trust boundaries, notes) by id.
//! The canvas, the inspector and the threat list read and change it; what the Edit menu
//! does to the selection (select all, delete, nudge) is made here as one `Edit`.

use std::collections::BTreeSet;

use crate::edit::Edit;
use crate::model::{
    BoundaryId, BoundaryShape, Diagram, DiagramId, ElementId, FlowId, Layout, NoteId, Pos, Project,
    Rect,
};

/// Something on the canvas.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    Element(ElementId),
    Flow(FlowId),
    Boundary(BoundaryId),
    Note(NoteId),
}

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Element(i) => i.as_str(),
            Item::Flow(i) => i.as_str(),
            Item::Boundary(i) => i.as_str(),
            Item::Note(i) => i.as_str(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection(pub BTreeSet<Item>);

impl Selection {
    pub fn one(item: Item) -> Self {
        Self(BTreeSet::from([item]))
    }

    pub fn contains_id(&self, id: &str) -> bool {
        self.0.iter().any(|i| i.id() == id)
    }

    pub fn elements(&self) -> impl Iterator<Item = &ElementId> {
        self.0.iter().filter_map(|i| match i {
            Item::Element(e) => Some(e),
            _ => None,
        })
    }

    pub fn flows(&self) -> impl Iterator<Item = &FlowId> {
        self.0.iter().filter_map(|i| match i {
            Item::Flow(f) => Some(f),
            _ => None,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Ids of the selected items, for quick lookups while drawing.
    pub fn id_set(&self) -> std::collections::HashSet<&str> {
        self.0.iter().map(Item::id).collect()
    }

    /// Everything on `diagram`.
    pub fn all(d: &Diagram) -> Self {
        let mut s = Self::default();
        s.0.extend(d.elements.iter().map(|e| Item::Element(e.id.clone())));
        s.0.extend(d.flows.iter().map(|f| Item::Flow(f.id.clone())));
        s.0.extend(d.boundaries.iter().map(|b| Item::Boundary(b.id.clone())));
        s.0.extend(d.notes.iter().map(|n| Item::Note(n.id.clone())));
        s
    }

    /// The recorded decisions deleting the selection from `d` would orphan: those on its
    /// elements and flows and on the flows of its elements.
    pub fn decisions_on(&self, project: &Project, d: &Diagram) -> usize {
        let mut subjects: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for item in &self.0 {
            match item {
                Item::Element(e) => {
                    subjects.insert(e.as_str());
                    for f in d.flows.iter().filter(|f| &f.source == e || &f.target == e) {
                        subjects.insert(f.id.as_str());
                    }
                }
                Item::Flow(f) => {
                    subjects.insert(f.as_str());
                }
                _ => {}
            }
        }
        project
            .threats
            .keys()
            .filter(|k| subjects.contains(k.parts().1))
            .count()
            + project
                .manual_threats
                .iter()
                .filter(|t| subjects.contains(t.subject.as_str()))
                .count()
    }

    /// The one edit that deletes the selection (flows first; an element's flows go with
    /// it); `None` when nothing is selected.
    pub fn delete_edit(&self) -> Option<Edit> {
        let mut steps = Vec::new();
        for item in &self.0 {
            if let Item::Flow(f) = item {
                steps.push(Edit::RemoveFlow(f.clone()));
            }
        }
        for item in &self.0 {
            match item {
                // Flows of a deleted element go with it (inside RemoveElement).
                Item::Element(e) => steps.push(Edit::RemoveElement(e.clone())),
                Item::Boundary(b) => steps.push(Edit::RemoveBoundary(b.clone())),
                Item::Note(n) => steps.push(Edit::RemoveNote(n.clone())),
                Item::Flow(_) => {}
            }
        }
        (!steps.is_empty()).then_some(Edit::Batch(steps))
    }

    /// The one edit that moves the selection by (`dx`, `dy`) in `layout`; `None` when
    /// nothing selected has a place.
    pub fn nudge_edit(&self, layout: &Layout, dx: f32, dy: f32) -> Option<Edit> {
        let mut steps = Vec::new();
        for item in &self.0 {
            match item {
                Item::Element(e) => {
                    if let Some(r) = layout.elements.get(e) {
                        steps.push(Edit::SetElementRect {
                            id: e.clone(),
                            rect: r.translated(dx, dy),
                        });
                    }
                }
                Item::Note(n) => {
                    if let Some(r) = layout.notes.get(n) {
                        steps.push(Edit::SetNoteRect {
                            id: n.clone(),
                            rect: r.translated(dx, dy),
                        });
                    }
                }
                Item::Boundary(b) => {
                    let shape = match layout.boundaries.get(b) {
                        Some(BoundaryShape::Region(r)) => {
                            BoundaryShape::Region(r.translated(dx, dy))
                        }
                        Some(BoundaryShape::Line(p)) => BoundaryShape::Line(
                            p.iter().map(|p| Pos::new(p.x + dx, p.y + dy)).collect(),
                        ),
                        None => continue,
                    };
                    steps.push(Edit::SetBoundaryShape {
                        id: b.clone(),
                        shape,
                    });
                }
                Item::Flow(f) => {
                    if let Some(w) = layout.waypoints.get(f) {
                        steps.push(Edit::SetWaypoints {
                            id: f.clone(),
                            points: w.iter().map(|p| Pos::new(p.x + dx, p.y + dy)).collect(),
                        });
                    }
                }
            }
        }
        (!steps.is_empty()).then_some(Edit::Batch(steps))
    }

    /// Drops items that are not on `diagram` any more.
    pub fn retain_existing(&mut self, project: &Project, diagram: &Diagram) {
        if self.0.is_empty() {
            return;
        }
        let on_diagram: std::collections::HashSet<&str> = diagram
            .subjects()
            .map(|(id, _)| id)
            .chain(diagram.boundaries.iter().map(|b| b.id.as_str()))
            .chain(diagram.notes.iter().map(|n| n.id.as_str()))
            .collect();
        self.0.retain(|i| {
            on_diagram.contains(i.id())
                && match i {
                    Item::Note(n) => project.layout.notes.contains_key(n),
                    _ => true,
                }
        });
    }
}

/// Where an element, flow or diagram is, for showing it.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// The diagram it is on (or is).
    pub diagram: DiagramId,
    /// The element or flow (`None` for a diagram).
    pub item: Option<Item>,
    /// Its box on the canvas: an element's, or the box around a flow's two ends.
    pub rect: Option<Rect>,
    /// The box around it and its neighbours: an element and everything it exchanges data
    /// with, or a flow's two ends.
    pub neighbourhood: Option<Rect>,
}

/// Finds the element, flow or diagram `id` in `project`; `None` when nothing has that id.
pub fn locate(project: &Project, id: &str) -> Option<Located> {
    let d = project.diagrams.iter().find(|d| {
        d.id.as_str() == id
            || d.elements.iter().any(|e| e.id.as_str() == id)
            || d.flows.iter().any(|f| f.id.as_str() == id)
    })?;
    let item = d
        .elements
        .iter()
        .find(|e| e.id.as_str() == id)
        .map(|e| Item::Element(e.id.clone()))
        .or_else(|| {
            d.flows
                .iter()
                .find(|f| f.id.as_str() == id)
                .map(|f| Item::Flow(f.id.clone()))
        });
    let rect_of = |e: &ElementId| project.layout.elements.get(e);
    let rect = match &item {
        Some(Item::Element(e)) => rect_of(e).copied(),
        Some(Item::Flow(f)) => d
            .flow(f)
            .and_then(|f| Some(rect_of(&f.source)?.union(rect_of(&f.target)?))),
        _ => None,
    };
    let neighbourhood = match &item {
        Some(Item::Element(e)) => rect.map(|r| {
            d.flows
                .iter()
                .filter_map(|f| match (&f.source, &f.target) {
                    (s, t) if s == e => rect_of(t),
                    (s, t) if t == e => rect_of(s),
                    _ => None,
                })
                .fold(r, |acc, n| acc.union(n))
        }),
        Some(Item::Flow(_)) => rect,
        _ => None,
    };
    Some(Located {
        diagram: d.id.clone(),
        item,
        rect,
        neighbourhood,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Element, ElementKind, Flow};

    #[test]
    fn a_flow_on_the_second_diagram_is_found_with_its_ends_box() {
        let mut p = Project::new("t");
        p.diagrams.push(Diagram::new("Second"));
        let a = Element::new(ElementKind::Process, "A");
        let b = Element::new(ElementKind::DataStore, "B");
        let ab = Flow::new("A to B", a.id.clone(), b.id.clone());
        p.layout
            .elements
            .insert(a.id.clone(), Rect::new(0.0, 0.0, 100.0, 50.0));
        p.layout
            .elements
            .insert(b.id.clone(), Rect::new(300.0, 100.0, 100.0, 50.0));
        let flow = ab.id.clone();
        p.diagrams[1].elements.extend([a, b]);
        p.diagrams[1].flows.push(ab);
        let at = locate(&p, flow.as_str()).expect("found");
        assert_eq!(at.diagram, p.diagrams[1].id);
        assert_eq!(at.item, Some(Item::Flow(flow)));
        assert_eq!(at.rect, Some(Rect::new(0.0, 0.0, 400.0, 150.0)));
        assert_eq!(locate(&p, "el_gone"), None);
        let second = p.diagrams[1].id.clone();
        let d = locate(&p, second.as_str()).expect("a diagram");
        assert_eq!((d.diagram, d.item, d.rect), (second, None, None));
    }
}
