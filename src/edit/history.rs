//! Undo and redo over [`Edit`]s: the steps, what each did in words, the revision counters
//! views rebuild on, and whether the project differs from what was last saved.
//!
//! It lives in the core (not the GUI) so that anything that edits a project step by step
//! gets the same undo, and so that its rules are tested without a window.

use std::sync::atomic::{AtomicU64, Ordering};

use super::{Edit, EditError};
use crate::model::Project;

/// The last revision given out. Revisions are unique in the process, not per history, so
/// a view kept for one revision is never taken for another project's: a file opened again
/// goes on from where the last one left off, it does not start over at 1.
static LAST_REVISION: AtomicU64 = AtomicU64::new(0);

fn next_revision() -> u64 {
    LAST_REVISION.fetch_add(1, Ordering::Relaxed) + 1
}

/// How many undo steps are kept.
pub const HISTORY_LIMIT: usize = 500;

/// How many of the kept steps may hold a whole project (settling a merge conflict): each
/// is a copy of the model, so 500 of them would hold 500 models in memory.
pub const WHOLE_PROJECT_STEPS: usize = 10;

/// One undo (or redo) step: the edit that takes it back (or does it again), what the step
/// did in words, and the states it goes between.
#[derive(Clone, Debug)]
struct Step {
    edit: Edit,
    what: String,
    /// The state before the step was done, and after.
    before: u64,
    after: u64,
}

/// The undo history of one project.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// What the last `apply` did, in words.
    last: String,
    /// Moved on every change (to a number no other history has had); views rebuild when it
    /// moves.
    revision: u64,
    /// Bumped on every change but those to the layout alone (moving, resizing, bending):
    /// what the model says is unchanged while it stays.
    content_revision: u64,
    /// Which state the project is in: a number given to each state a step leads to, so
    /// that undoing back to the saved state is seen as unchanged.
    state: u64,
    next_state: u64,
    /// The state last saved; `None` when no state in the history was (restored work).
    saved_state: Option<u64>,
}

impl Default for History {
    fn default() -> Self {
        Self::new()
    }
}

impl History {
    /// An empty history of a project as it was loaded (saved).
    pub fn new() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            last: String::new(),
            revision: next_revision(),
            content_revision: 1,
            state: 0,
            next_state: 1,
            saved_state: Some(0),
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
        self.revision = next_revision();
        if !edit.is_layout_only() {
            self.content_revision += 1;
        }
    }

    /// Whether the project differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// Treats the current state as saved (it was written, or the user chose to discard
    /// the changes).
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.state);
    }

    /// Marks the project as changed without an undoable edit (a restored recovery file):
    /// unsaved until saved, whatever is undone.
    pub fn mark_dirty(&mut self) {
        self.revision = next_revision();
        self.content_revision += 1;
        self.saved_state = None;
    }

    /// Applies an edit to `project` as one undo step.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        let what = edit.describe(project);
        let inverse = edit.apply(project)?;
        self.bump(&inverse);
        self.last = what.clone();
        let before = self.state;
        self.state = self.next_state;
        self.next_state += 1;
        self.undo.push(Step {
            edit: inverse,
            what,
            before,
            after: self.state,
        });
        self.redo.clear();
        self.forget_oldest();
        Ok(())
    }

    /// Drops the oldest steps while more are kept than [`HISTORY_LIMIT`], or more of them
    /// hold a whole project than [`WHOLE_PROJECT_STEPS`].
    fn forget_oldest(&mut self) {
        let whole = |s: &Step| s.edit.holds_whole_project();
        let mut whole_steps = self.undo.iter().filter(|s| whole(s)).count();
        let mut drop = 0;
        while self.undo.len() - drop > HISTORY_LIMIT || whole_steps > WHOLE_PROJECT_STEPS {
            if whole(&self.undo[drop]) {
                whole_steps -= 1;
            }
            drop += 1;
        }
        self.undo.drain(..drop);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step; `Ok(None)` when there is nothing to undo, otherwise what the
    /// step had done ("moved 2 elements"). When the step cannot be undone the project and
    /// the history stay as they were.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        // Cloned: an edit that fails is consumed, and a failed step is kept.
        match step.edit.clone().apply(project) {
            Ok(redo) => {
                self.bump(&redo);
                self.state = step.before;
                let what = step.what.clone();
                self.redo.push(Step { edit: redo, ..step });
                Ok(Some(what))
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step; `Ok(None)` when there is nothing to redo, otherwise
    /// what it does. When the step cannot be redone the project and the history stay.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        match step.edit.clone().apply(project) {
            Ok(inverse) => {
                self.bump(&inverse);
                self.state = step.after;
                let what = step.what.clone();
                self.undo.push(Step {
                    edit: inverse,
                    ..step
                });
                Ok(Some(what))
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Element, ElementKind, Metadata, Rect};

    fn project() -> Project {
        Project::new("History")
    }

    fn retitle(p: &Project, title: &str) -> Edit {
        Edit::SetMeta(Box::new(Metadata {
            title: title.into(),
            ..p.meta.clone()
        }))
    }

    #[test]
    fn two_histories_never_share_a_revision() {
        let mut p = project();
        let mut a = History::new();
        let b = History::new();
        assert_ne!(
            a.revision(),
            b.revision(),
            "a reopened file is a new revision"
        );
        let before = a.revision();
        let e = retitle(&p, "one");
        a.apply(&mut p, e).expect("applies");
        assert_ne!(a.revision(), before);
        assert_ne!(a.revision(), b.revision());
    }

    #[test]
    fn undoing_back_to_the_saved_state_is_unchanged() {
        let mut p = project();
        let mut h = History::new();
        let e = retitle(&p, "one");
        h.apply(&mut p, e).expect("applies");
        h.mark_saved();
        assert!(!h.is_dirty());
        let e = retitle(&p, "two");
        h.apply(&mut p, e).expect("applies");
        assert!(h.is_dirty());
        h.undo(&mut p).expect("undoes");
        assert!(!h.is_dirty(), "back at the saved state");
        h.undo(&mut p).expect("undoes");
        assert!(h.is_dirty(), "before the saved state");
        h.redo(&mut p).expect("redoes");
        assert!(!h.is_dirty(), "redone to the saved state");
        // A new edit after undoing never leads back to the saved state by redo.
        h.undo(&mut p).expect("undoes");
        let e = retitle(&p, "three");
        h.apply(&mut p, e).expect("applies");
        assert!(h.is_dirty());
    }

    #[test]
    fn a_restored_project_stays_unsaved_whatever_is_undone() {
        let mut p = project();
        let mut h = History::new();
        h.mark_dirty();
        let e = retitle(&p, "one");
        h.apply(&mut p, e).expect("applies");
        h.undo(&mut p).expect("undoes");
        assert!(h.is_dirty());
    }

    #[test]
    fn a_failed_undo_keeps_the_step() {
        let mut p = project();
        let mut h = History::new();
        let d = p.diagrams[0].id.clone();
        let element = Element::new(ElementKind::Process, "Web");
        let id = element.id.clone();
        h.apply(
            &mut p,
            Edit::InsertElement {
                diagram: d,
                index: 0,
                element: Box::new(element),
                rect: Rect::new(0.0, 0.0, 10.0, 10.0),
            },
        )
        .expect("applies");
        // Changed behind the history's back: the inverse (remove it) no longer applies.
        Edit::RemoveElement(id).apply(&mut p).expect("applies");
        let before = p.clone();
        assert!(h.undo(&mut p).is_err(), "says it could not undo");
        assert_eq!(h.undo_len(), 1, "the step is kept");
        assert_eq!(p, before, "the project is unchanged");
    }

    #[test]
    fn nothing_to_undo_or_redo_is_not_an_error() {
        let mut p = project();
        let mut h = History::new();
        assert_eq!(h.undo(&mut p), Ok(None));
        assert_eq!(h.redo(&mut p), Ok(None));
    }

    #[test]
    fn whole_project_steps_are_bounded() {
        let mut p = project();
        let mut h = History::new();
        let e = retitle(&p, "first");
        h.apply(&mut p, e).expect("applies");
        for i in 0..WHOLE_PROJECT_STEPS + 5 {
            let mut next = p.clone();
            next.meta.title = format!("settled {i}");
            let edit = Edit::ReplaceProject {
                project: Box::new(next),
                what: format!("settled conflict {i}"),
            };
            h.apply(&mut p, edit).expect("applies");
        }
        assert_eq!(h.undo_len(), WHOLE_PROJECT_STEPS);
        let mut undone = 0;
        while let Ok(Some(_)) = h.undo(&mut p) {
            undone += 1;
        }
        assert_eq!(undone, WHOLE_PROJECT_STEPS);
        assert_eq!(
            p.meta.title, "settled 4",
            "the oldest kept step undone last"
        );
    }

    #[test]
    fn the_step_limit_holds() {
        let mut p = project();
        let mut h = History::new();
        for i in 0..HISTORY_LIMIT + 3 {
            let e = retitle(&p, &i.to_string());
            h.apply(&mut p, e).expect("applies");
        }
        assert_eq!(h.undo_len(), HISTORY_LIMIT);
    }
}
