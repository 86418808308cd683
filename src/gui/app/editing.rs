//! Editing the selection and the diagrams: undo and redo, delete, select all, nudge, copy and paste (through the core clipboard), new and switched diagrams.

use super::*;

impl ThreatboardApp {
    pub(super) fn undo(&mut self) {
        if self.canvas.cancel() {
            return;
        }
        match self.doc.undo() {
            Ok(Some(what)) => {
                self.after_history();
                self.status = format!("Undone: {what}");
            }
            Ok(None) => self.status = "Nothing to undo".into(),
            Err(e) => self.status = format!("Could not undo: {e}"),
        }
    }

    pub(super) fn redo(&mut self) {
        match self.doc.redo() {
            Ok(Some(what)) => {
                self.after_history();
                self.status = format!("Redone: {what}");
            }
            Ok(None) => self.status = "Nothing to redo".into(),
            Err(e) => self.status = format!("Could not redo: {e}"),
        }
    }

    pub(super) fn after_history(&mut self) {
        if self.doc.project.diagram(&self.diagram).is_none() {
            self.diagram = self.doc.project.diagrams[0].id.clone();
        }
        let project = &self.doc.project;
        if let Some(d) = project.diagram(&self.diagram) {
            self.selection.retain_existing(project, d);
        }
    }

    /// Recorded decisions that deleting the selection would orphan.
    pub(super) fn decisions_on_selection(&self) -> usize {
        let d = self.diagram();
        let mut subjects: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for item in &self.selection.0 {
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
        let p = &self.doc.project;
        p.threats
            .keys()
            .filter(|k| subjects.contains(k.parts().1))
            .count()
            + p.manual_threats
                .iter()
                .filter(|t| subjects.contains(t.subject.as_str()))
                .count()
    }

    /// Deletes the selection, asking first when it carries recorded decisions.
    pub(super) fn request_delete(&mut self) {
        let records = self.decisions_on_selection();
        if records > 0 {
            self.modal = Some(Modal::ConfirmDelete { records });
        } else {
            self.delete_selection();
        }
    }

    pub(super) fn delete_selection(&mut self) {
        let d = self.diagram();
        let mut steps = Vec::new();
        for item in &self.selection.0 {
            if let Item::Flow(f) = item {
                steps.push(Edit::RemoveFlow(f.clone()));
            }
        }
        for item in &self.selection.0 {
            match item {
                Item::Element(e) => {
                    // Flows of a deleted element go with it (inside RemoveElement); skip
                    // ones already removed above.
                    steps.push(Edit::RemoveElement(e.clone()));
                }
                Item::Boundary(b) => steps.push(Edit::RemoveBoundary(b.clone())),
                Item::Note(n) => steps.push(Edit::RemoveNote(n.clone())),
                Item::Flow(_) => {}
            }
        }
        let _ = d;
        if steps.is_empty() {
            return;
        }
        // The status names what went, flows that went with their elements included.
        self.apply(Edit::Batch(steps));
        self.selection = Selection::default();
    }

    pub(super) fn select_all(&mut self) {
        let d = self.diagram();
        let mut s = Selection::default();
        s.0.extend(d.elements.iter().map(|e| Item::Element(e.id.clone())));
        s.0.extend(d.flows.iter().map(|f| Item::Flow(f.id.clone())));
        s.0.extend(d.boundaries.iter().map(|b| Item::Boundary(b.id.clone())));
        s.0.extend(d.notes.iter().map(|n| Item::Note(n.id.clone())));
        self.selection = s;
    }

    pub(super) fn nudge(&mut self, dx: f32, dy: f32) {
        let layout = &self.doc.project.layout;
        let mut steps = Vec::new();
        for item in &self.selection.0 {
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
        if !steps.is_empty() {
            self.apply(Edit::Batch(steps));
        }
    }

    pub(super) fn copy(&mut self) {
        let sel = &self.selection;
        match crate::clipboard::Clip::copy(&self.doc.project, self.diagram(), |id| {
            sel.contains_id(id)
        }) {
            Some(clip) => {
                self.status = format!(
                    "Copied {}",
                    crate::edit::count(clip.count(), "item", "items")
                );
                self.clip = Some((clip, 0));
            }
            None => self.status = "Nothing selected to copy".into(),
        }
    }

    pub(super) fn paste(&mut self) {
        let Some((clip, pastes)) = self.clip.as_mut() else {
            self.status = "Nothing to paste".into();
            return;
        };
        // Each paste lands a little further along, so copies do not hide each other.
        *pastes += 1;
        let (edit, created) = clip.paste(
            self.doc.project.diagram_or_first(&self.diagram),
            20.0 * *pastes as f32,
        );
        let mut selection = Selection::default();
        for p in created {
            selection.0.insert(match p {
                crate::clipboard::Pasted::Element(id) => Item::Element(id),
                crate::clipboard::Pasted::Flow(id) => Item::Flow(id),
                crate::clipboard::Pasted::Boundary(id) => Item::Boundary(id),
                crate::clipboard::Pasted::Note(id) => Item::Note(id),
            });
        }
        let count = selection.0.len();
        self.apply(edit);
        self.selection = selection;
        self.status = format!("Pasted {}", crate::edit::count(count, "item", "items"));
    }

    pub(super) fn new_diagram(&mut self) {
        let n = self.doc.project.diagrams.len() + 1;
        let diagram = Diagram::new(format!("Diagram {n}"));
        let id = diagram.id.clone();
        self.apply(Edit::InsertDiagram {
            index: self.doc.project.diagrams.len(),
            diagram: Box::new(diagram),
            layout: Box::new(DiagramLayout::default()),
        });
        self.switch_diagram(id);
    }

    pub(super) fn switch_diagram(&mut self, id: DiagramId) {
        if id != self.diagram {
            self.diagram = id;
            self.selection = Selection::default();
            self.canvas.cancel();
            self.canvas.request_fit();
        }
    }
}
