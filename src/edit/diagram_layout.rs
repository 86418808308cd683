//! The layout entries of one diagram, copied out of the project's layout: what an edit
//! that moves or copies a diagram whole carries with it.

use super::DiagramLayout;
use crate::model::{Diagram, Layout};

impl DiagramLayout {
    /// A copy of the entries of `layout` that place what is on `diagram` (for moving or
    /// copying a diagram whole).
    pub fn of(diagram: &Diagram, layout: &Layout) -> Self {
        let l = layout;
        Self {
            elements: diagram
                .elements
                .iter()
                .filter_map(|e| l.elements.get(&e.id).map(|r| (e.id.clone(), *r)))
                .collect(),
            boundaries: diagram
                .boundaries
                .iter()
                .filter_map(|b| l.boundaries.get(&b.id).map(|s| (b.id.clone(), s.clone())))
                .collect(),
            notes: diagram
                .notes
                .iter()
                .filter_map(|n| l.notes.get(&n.id).map(|r| (n.id.clone(), *r)))
                .collect(),
            waypoints: diagram
                .flows
                .iter()
                .filter_map(|f| l.waypoints.get(&f.id).map(|w| (f.id.clone(), w.clone())))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::{Element, ElementKind, Flow, Pos, Project, Rect};

    #[test]
    fn a_diagram_moved_whole_keeps_its_layout() {
        let mut p = Project::new("t");
        let a = Element::new(ElementKind::Process, "A");
        let b = Element::new(ElementKind::DataStore, "B");
        let ab = Flow::new("A to B", a.id.clone(), b.id.clone());
        p.layout
            .elements
            .insert(a.id.clone(), Rect::new(0.0, 0.0, 120.0, 60.0));
        p.layout
            .elements
            .insert(b.id.clone(), Rect::new(200.0, 0.0, 120.0, 60.0));
        p.layout
            .waypoints
            .insert(ab.id.clone(), vec![Pos::new(150.0, 80.0)]);
        p.diagrams[0].elements.extend([a, b]);
        p.diagrams[0].flows.push(ab);
        p.diagrams.push(Diagram::new("Second"));
        let before = p.clone();
        let d = p.diagrams[0].clone();
        let layout = DiagramLayout::of(&d, &p.layout);
        assert_eq!((layout.elements.len(), layout.waypoints.len()), (2, 1));
        Edit::Batch(vec![
            Edit::RemoveDiagram(d.id.clone()),
            Edit::InsertDiagram {
                index: 1,
                diagram: Box::new(d.clone()),
                layout: Box::new(layout),
            },
        ])
        .apply(&mut p)
        .expect("moved");
        assert_eq!(p.diagrams[1], d);
        assert_eq!(p.layout, before.layout);
    }
}
