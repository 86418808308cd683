//! The open project with its file and its undo history (`edit::History`, in the core).

use std::path::PathBuf;

use crate::edit::{Edit, EditError, History};
use crate::model::Project;

pub struct Document {
    pub project: Project,
    /// Where it was loaded from or last saved to; `None` for a new project.
    pub path: Option<PathBuf>,
    history: History,
}

impl Document {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            project,
            path,
            history: History::new(),
        }
    }

    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// The revision of everything but the layout: equal for two revisions that differ only
    /// in where things are drawn.
    pub fn content_revision(&self) -> u64 {
        self.history.content_revision()
    }

    /// Whether the project differs from the file (undoing back to it counts as unchanged).
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.history.mark_saved();
    }

    /// Treats the current state as saved (the user chose to discard the changes).
    pub fn mark_clean(&mut self) {
        self.history.mark_saved();
    }

    /// Marks the document as changed without an undoable edit (a restored recovery file).
    pub fn mark_dirty(&mut self) {
        self.history.mark_dirty();
    }

    /// The file name for the window title.
    pub fn display_name(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Applies an edit as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.project, edit)
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Undoes the last step: what it had done ("moved 2 elements"), `Ok(None)` when there
    /// is nothing to undo; on an error the step stays.
    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        self.history.undo(&mut self.project)
    }

    /// Redoes the last undone step: what it does, `Ok(None)` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        self.history.redo(&mut self.project)
    }

    /// What the last applied edit did, in words.
    pub fn last_change(&self) -> &str {
        self.history.last_change()
    }

    pub fn undo_len(&self) -> usize {
        self.history.undo_len()
    }
}
