//! Editing the selection and the diagrams: undo and redo, delete, select all, nudge, copy and paste, new and switched diagrams. What each does to the selection is made as one edit by `Selection` (`gui/selection.rs`); what was copied is kept by the `Pasteboard` (`pasteboard.rs`); this file applies the edit and says what happened.

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
        self.selection
            .decisions_on(&self.doc.project, self.diagram())
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
        // The status names what went, flows that went with their elements included.
        if let Some(edit) = self.selection.delete_edit() {
            self.apply(edit);
            self.selection = Selection::default();
        }
    }

    pub(super) fn select_all(&mut self) {
        self.selection = Selection::all(self.diagram());
    }

    pub(super) fn nudge(&mut self, dx: f32, dy: f32) {
        if let Some(edit) = self.selection.nudge_edit(&self.doc.project.layout, dx, dy) {
            self.apply(edit);
        }
    }

    pub(super) fn copy(&mut self) {
        let d = self.doc.project.diagram_or_first(&self.diagram);
        self.status = match self.clip.copy(&self.doc.project, d, &self.selection) {
            Some(n) => format!("Copied {}", crate::edit::count(n, "item", "items")),
            None => "Nothing selected to copy".into(),
        };
    }

    pub(super) fn paste(&mut self) {
        let d = self.doc.project.diagram_or_first(&self.diagram);
        let Some((edit, selection)) = self.clip.paste(d) else {
            self.status = "Nothing to paste".into();
            return;
        };
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
