//! What was copied in this window (the core's `clipboard::Clip`) and how many times it has
//! been pasted, so each paste lands a little further along and copies do not hide each
//! other. The app's Copy and Paste (`editing.rs`) only say what happened.

use super::{Item, Selection};
use crate::clipboard::{Clip, Pasted};
use crate::edit::Edit;
use crate::model::{Diagram, Project};

#[derive(Default)]
pub(super) struct Pasteboard {
    held: Option<(Clip, u32)>,
}

impl Pasteboard {
    /// Whether something was copied.
    pub fn has_something(&self) -> bool {
        self.held.is_some()
    }

    /// Copies what `selection` holds of `diagram`; how many things, or `None` when nothing
    /// selected can be copied (what was copied before is kept then).
    pub fn copy(
        &mut self,
        project: &Project,
        diagram: &Diagram,
        selection: &Selection,
    ) -> Option<usize> {
        let clip = Clip::copy(project, diagram, |id| selection.contains_id(id))?;
        let n = clip.count();
        self.held = Some((clip, 0));
        Some(n)
    }

    /// The edit that pastes what was copied into `diagram`, 20 units further along than
    /// the last paste, and the selection of what it makes; `None` when nothing was copied.
    pub fn paste(&mut self, diagram: &Diagram) -> Option<(Edit, Selection)> {
        let (clip, pastes) = self.held.as_mut()?;
        *pastes += 1;
        let (edit, created) = clip.paste(diagram, 20.0 * *pastes as f32);
        let mut selection = Selection::default();
        for p in created {
            selection.0.insert(match p {
                Pasted::Element(id) => Item::Element(id),
                Pasted::Flow(id) => Item::Flow(id),
                Pasted::Boundary(id) => Item::Boundary(id),
                Pasted::Note(id) => Item::Note(id),
            });
        }
        Some((edit, selection))
    }
}
