//! What is selected: items on the canvas (elements, flows, trust boundaries, notes) by id.
//! The canvas, the inspector and the threat list read and change it.

use std::collections::BTreeSet;

use crate::model::{BoundaryId, Diagram, ElementId, FlowId, NoteId, Project};

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
