//! What the user asked for in one frame, as values: every panel, the canvas, the
//! walkthrough, the menus, the dialogs and the keyboard push an [`AppAction`] into one
//! queue ([`Actions`]), and the app applies the queue in one place
//! (`ThreatboardApp::handle`, `gui/app/actions.rs`) once the widgets have drawn — the egui
//! demo's "the UI fills in a command, the app applies it after the pass". No widget
//! changes the project itself.

use std::path::PathBuf;

use super::canvas::BlockDrag;
use super::commands::{Command, Tool};
use super::selection::Selection;
use crate::edit::Edit;
use crate::model::{DiagramId, ElementId, Pos, Status, SubjectId, ThreatKey};

/// The queue a frame fills in.
pub type Actions = Vec<AppAction>;

/// One thing the user asked for.
#[derive(Debug)]
#[must_use]
pub enum AppAction {
    /// A command, as the menus, the shortcuts and the command palette run it.
    Run(Command),
    /// A change to the model, as one undo step. Something new drawn on the canvas (an
    /// element, flow, boundary or note) is then selected and ready to name.
    Apply(Edit),
    /// A threat's decision changed in the side pane: applied with who made it and when,
    /// and named in the status line.
    Decide(Edit),
    /// A status that needs a justification was chosen without one: ask for it.
    AskJustification {
        key: ThreatKey,
        status: Status,
    },
    /// A threat of the user's own on this subject (an element or flow id).
    AddManualThreat(SubjectId),
    /// Settle merge conflict `index` with their value (`true`) or ours.
    ResolveConflict {
        index: usize,
        theirs: bool,
    },
    /// Take the newer approved building blocks of these elements (all of them when empty).
    UpdateBlocks(Vec<ElementId>),
    /// A building block dropped on the canvas, at this point (canvas units).
    PlaceBlock(BlockDrag, Pos),
    Select(Selection),
    SetTool(Tool),
    /// A message for the status line.
    Status(String),
    /// Select and reveal a subject (an element, flow or diagram id).
    Focus(String),
    /// Delete the selection (its recorded decisions confirmed as orphaned).
    DeleteSelection,
    /// Show another diagram.
    SwitchDiagram(DiagramId),
    /// End the workshop walkthrough.
    LeavePresentation,
    /// Open this model (dropped on the window), asking first about unsaved changes.
    Open(PathBuf),
    /// Load these verification results (SARIF, JUnit XML) beside the model.
    LoadEvidence(Vec<PathBuf>),
}
