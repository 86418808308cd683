//! The open project with its file, undo history and revision counter.

use std::path::PathBuf;

use crate::edit::{Edit, EditError};
use crate::model::Project;

/// How many undo steps are kept.
pub const HISTORY_LIMIT: usize = 500;

pub struct Document {
    pub project: Project,
    /// Where it was loaded from or last saved to; `None` for a new project.
    pub path: Option<PathBuf>,
    /// Each step's inverse edit and what the step did, in words.
    undo: Vec<(Edit, String)>,
    redo: Vec<(Edit, String)>,
    /// What the last `apply` did, in words.
    last: String,
    /// Bumped on every change; views rebuild when it moves.
    revision: u64,
    /// Bumped on every change but those to the layout alone (moving, resizing, bending):
    /// what the model says is unchanged while it stays.
    content_revision: u64,
    saved_revision: u64,
}

impl Document {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Self {
            project,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            last: String::new(),
            revision: 1,
            content_revision: 1,
            saved_revision: 1,
        }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The revision of everything but the layout: equal for two revisions that differ only
    /// in where things are drawn.
    pub fn content_revision(&self) -> u64 {
        self.content_revision
    }

    /// Counts a change made by `edit` (or its inverse).
    fn bump(&mut self, edit: &Edit) {
        self.revision += 1;
        if !edit.is_layout_only() {
            self.content_revision += 1;
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_revision = self.revision;
    }

    /// Treats the current state as saved (the user chose to discard the changes).
    pub fn mark_clean(&mut self) {
        self.saved_revision = self.revision;
    }

    /// Marks the document as changed without an undoable edit (a restored recovery file).
    pub fn mark_dirty(&mut self) {
        self.revision += 1;
        self.content_revision += 1;
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
        let what = edit.describe(&self.project);
        let layout_only = edit.is_layout_only();
        let inverse = edit.apply(&mut self.project)?;
        self.last = what.clone();
        self.undo.push((inverse, what));
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.revision += 1;
        if !layout_only {
            self.content_revision += 1;
        }
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step; returns what it had done ("moved 2 elements").
    pub fn undo(&mut self) -> Option<String> {
        let (inverse, what) = self.undo.pop()?;
        match inverse.apply(&mut self.project) {
            Ok(redo) => {
                self.bump(&redo);
                self.redo.push((redo, what.clone()));
                Some(what)
            }
            Err(_) => None,
        }
    }

    /// Redoes the last undone step; returns what it does.
    pub fn redo(&mut self) -> Option<String> {
        let (edit, what) = self.redo.pop()?;
        match edit.apply(&mut self.project) {
            Ok(inverse) => {
                self.bump(&inverse);
                self.undo.push((inverse, what.clone()));
                Some(what)
            }
            Err(_) => None,
        }
    }

    /// What the last applied edit did, in words.
    pub fn last_change(&self) -> &str {
        &self.last
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}
