//! Copy and paste as a core edit: what a selection copies (elements with their layout,
//! the flows between them, boundaries, notes) and the one undoable [`Edit`] that pastes
//! it with fresh ids, offset so the copy does not hide the original.

use std::collections::HashMap;

use crate::edit::Edit;
use crate::model::{
    Boundary, BoundaryId, BoundaryShape, Diagram, DiagramId, Element, ElementId, Flow, FlowId,
    Note, NoteId, Pos, Project, Rect,
};

/// Copied items, with their layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clip {
    pub elements: Vec<(Element, Rect)>,
    pub flows: Vec<(Flow, Vec<Pos>)>,
    pub boundaries: Vec<(Boundary, BoundaryShape)>,
    pub notes: Vec<(Note, Rect)>,
}

/// A thing a paste created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pasted {
    Element(ElementId),
    Flow(FlowId),
    Boundary(BoundaryId),
    Note(NoteId),
}

impl Clip {
    /// What copying the selected things of `diagram` takes: the selected elements,
    /// boundaries and notes, and every flow whose two ends are copied. `None` when nothing
    /// is selected.
    pub fn copy(
        project: &Project,
        diagram: &Diagram,
        selected: impl Fn(&str) -> bool,
    ) -> Option<Self> {
        let layout = &project.layout;
        let mut clip = Clip::default();
        for e in diagram.elements.iter().filter(|e| selected(e.id.as_str())) {
            if let Some(r) = layout.elements.get(&e.id) {
                clip.elements.push((e.clone(), *r));
            }
        }
        let copied: std::collections::HashSet<&ElementId> =
            clip.elements.iter().map(|(e, _)| &e.id).collect();
        let copied = |id: &ElementId| copied.contains(id);
        clip.flows = diagram
            .flows
            .iter()
            .filter(|f| copied(&f.source) && copied(&f.target))
            .map(|f| {
                (
                    f.clone(),
                    layout.waypoints.get(&f.id).cloned().unwrap_or_default(),
                )
            })
            .collect();
        for b in diagram
            .boundaries
            .iter()
            .filter(|b| selected(b.id.as_str()))
        {
            if let Some(s) = layout.boundaries.get(&b.id) {
                clip.boundaries.push((b.clone(), s.clone()));
            }
        }
        for n in diagram.notes.iter().filter(|n| selected(n.id.as_str())) {
            if let Some(r) = layout.notes.get(&n.id) {
                clip.notes.push((n.clone(), *r));
            }
        }
        (clip.count() > 0).then_some(clip)
    }

    /// Elements, boundaries and notes copied (flows go with their elements).
    pub fn count(&self) -> usize {
        self.elements.len() + self.boundaries.len() + self.notes.len()
    }

    /// The clip with a fresh id for every thing, moved by `offset` in both directions,
    /// flows pointing at the new elements (a flow whose end is not copied is left out).
    fn renumbered(&self, offset: f32) -> Clip {
        let at = |p: &Pos| Pos::new(p.x + offset, p.y + offset);
        let mut ids = HashMap::new();
        let elements = self
            .elements
            .iter()
            .map(|(e, r)| {
                let mut e = e.clone();
                let new = ElementId::generate();
                ids.insert(e.id.clone(), new.clone());
                e.id = new;
                (e, r.translated(offset, offset))
            })
            .collect();
        let flows = self
            .flows
            .iter()
            .filter_map(|(f, w)| {
                let (s, t) = (ids.get(&f.source)?, ids.get(&f.target)?);
                let mut f = f.clone();
                f.id = FlowId::generate();
                f.source = s.clone();
                f.target = t.clone();
                Some((f, w.iter().map(at).collect()))
            })
            .collect();
        let boundaries = self
            .boundaries
            .iter()
            .map(|(b, s)| {
                let mut b = b.clone();
                b.id = BoundaryId::generate();
                let shape = match s {
                    BoundaryShape::Region(r) => BoundaryShape::Region(r.translated(offset, offset)),
                    BoundaryShape::Line(p) => BoundaryShape::Line(p.iter().map(at).collect()),
                };
                (b, shape)
            })
            .collect();
        let notes = self
            .notes
            .iter()
            .map(|(n, r)| {
                let mut n = n.clone();
                n.id = NoteId::generate();
                (n, r.translated(offset, offset))
            })
            .collect();
        Clip {
            elements,
            flows,
            boundaries,
            notes,
        }
    }

    /// The edit that pastes the clip into `diagram` moved by `offset` in both directions,
    /// every thing with a fresh id, and what it creates.
    pub fn paste(&self, diagram: &Diagram, offset: f32) -> (Edit, Vec<Pasted>) {
        let fresh = self.renumbered(offset);
        let id: DiagramId = diagram.id.clone();
        let mut steps = Vec::new();
        let mut created = Vec::new();
        for (i, (e, rect)) in fresh.elements.into_iter().enumerate() {
            created.push(Pasted::Element(e.id.clone()));
            steps.push(Edit::InsertElement {
                diagram: id.clone(),
                index: diagram.elements.len() + i,
                element: Box::new(e),
                rect,
            });
        }
        for (i, (f, waypoints)) in fresh.flows.into_iter().enumerate() {
            created.push(Pasted::Flow(f.id.clone()));
            steps.push(Edit::InsertFlow {
                diagram: id.clone(),
                index: diagram.flows.len() + i,
                flow: Box::new(f),
                waypoints,
            });
        }
        for (i, (b, shape)) in fresh.boundaries.into_iter().enumerate() {
            created.push(Pasted::Boundary(b.id.clone()));
            steps.push(Edit::InsertBoundary {
                diagram: id.clone(),
                index: diagram.boundaries.len() + i,
                boundary: Box::new(b),
                shape,
            });
        }
        for (i, (note, rect)) in fresh.notes.into_iter().enumerate() {
            created.push(Pasted::Note(note.id.clone()));
            steps.push(Edit::InsertNote {
                diagram: id.clone(),
                index: diagram.notes.len() + i,
                note,
                rect,
            });
        }
        (Edit::Batch(steps), created)
    }

    /// A new diagram named `name` holding the clip, every thing with a fresh id, and its
    /// layout (for duplicating a whole diagram).
    pub fn into_diagram(&self, name: String) -> (Diagram, crate::edit::DiagramLayout) {
        let fresh = self.renumbered(0.0);
        let mut d = Diagram::new(name);
        let mut layout = crate::edit::DiagramLayout::default();
        for (e, r) in fresh.elements {
            layout.elements.push((e.id.clone(), r));
            d.elements.push(e);
        }
        for (f, w) in fresh.flows {
            if !w.is_empty() {
                layout.waypoints.push((f.id.clone(), w));
            }
            d.flows.push(f);
        }
        for (b, s) in fresh.boundaries {
            layout.boundaries.push((b.id.clone(), s));
            d.boundaries.push(b);
        }
        for (n, r) in fresh.notes {
            layout.notes.push((n.id.clone(), r));
            d.notes.push(n);
        }
        (d, layout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ElementKind;

    fn two_connected() -> Project {
        let mut p = Project::new("t");
        let a = Element::new(ElementKind::Process, "A");
        let b = Element::new(ElementKind::DataStore, "B");
        let c = Element::new(ElementKind::ExternalEntity, "C");
        let ab = Flow::new("A to B", a.id.clone(), b.id.clone());
        let bc = Flow::new("B to C", b.id.clone(), c.id.clone());
        for (i, e) in [&a, &b, &c].iter().enumerate() {
            p.layout
                .elements
                .insert(e.id.clone(), Rect::new(i as f32 * 200.0, 0.0, 120.0, 60.0));
        }
        p.layout
            .waypoints
            .insert(ab.id.clone(), vec![Pos::new(150.0, 80.0)]);
        let d = &mut p.diagrams[0];
        d.elements.extend([a, b, c]);
        d.flows.extend([ab, bc]);
        p
    }

    #[test]
    fn paste_copies_the_selection_and_the_flows_between_it_with_fresh_ids() {
        let mut p = two_connected();
        let d = p.diagrams[0].clone();
        let (a, b) = (d.elements[0].id.clone(), d.elements[1].id.clone());
        let clip = Clip::copy(&p, &d, |id| id == a.as_str() || id == b.as_str()).expect("copied");
        assert_eq!(
            (clip.count(), clip.flows.len()),
            (2, 1),
            "only the flow inside"
        );
        let (edit, created) = clip.paste(&d, 20.0);
        let before = p.clone();
        let undo = edit.apply(&mut p).expect("pastes");
        assert_eq!(created.len(), 3);
        let d2 = &p.diagrams[0];
        assert_eq!((d2.elements.len(), d2.flows.len()), (5, 3));
        let pasted_flow = d2.flows.last().expect("flow");
        assert!(pasted_flow.id != d.flows[0].id);
        assert!(created.contains(&Pasted::Element(pasted_flow.source.clone())));
        assert_eq!(p.layout.elements[&pasted_flow.source].x, 20.0);
        assert_eq!(
            p.layout.waypoints[&pasted_flow.id],
            vec![Pos::new(170.0, 100.0)]
        );
        undo.apply(&mut p).expect("undoes");
        assert_eq!(p, before, "one undo takes the whole paste back");
    }

    #[test]
    fn nothing_selected_copies_nothing() {
        let p = two_connected();
        assert!(Clip::copy(&p, &p.diagrams[0], |_| false).is_none());
    }
}
