//! The one place the frame's [`AppAction`]s are applied, after the widgets have drawn:
//! what every panel, the canvas, the walkthrough, the menus and the keys asked for. A
//! decision from the side pane is stamped with who made it and when here, and every edit
//! goes from here to the undo history as one step (`apply`).

use super::*;
use crate::gui::action::{Actions, AppAction};

impl ThreatboardApp {
    /// Applies what the frame asked for, in the order it was asked.
    pub(super) fn handle(&mut self, ctx: &egui::Context, actions: Actions) {
        for action in actions {
            self.handle_one(ctx, action);
        }
    }

    /// Applies an edit as one undo step (also for tests and tools driving the app).
    pub fn apply(&mut self, edit: Edit) {
        match self.doc.apply(edit) {
            Ok(()) => {
                // Every change names itself; no earlier message lingers after it.
                self.status = crate::edit::capitalized(self.doc.last_change());
                let project = &self.doc.project;
                if let Some(d) = project.diagram(&self.diagram) {
                    self.selection.retain_existing(project, d);
                }
            }
            Err(e) => self.status = format!("Could not apply the change: {e}"),
        }
    }

    fn handle_one(&mut self, ctx: &egui::Context, action: AppAction) {
        match action {
            AppAction::Run(command) => self.run(command, ctx),
            AppAction::Apply(edit) => {
                // Something new drawn on the canvas is selected and ready to name, as in
                // draw.io and the Threat Modeling Tool.
                let created = created_item(&edit);
                self.apply(edit);
                if let Some((item, what)) = created {
                    self.selection = Selection::one(item.clone());
                    self.canvas.start_rename(item, &self.doc.project);
                    self.status = format!("Added {what}: type its name, Enter to keep it");
                }
            }
            AppAction::Decide(edit) => self.decide(edit),
            AppAction::AskJustification { key, status } => {
                self.modal = Some(Modal::Justification {
                    key,
                    status,
                    text: String::new(),
                });
            }
            AppAction::AddManualThreat(subject) => self.add_manual_threat(subject),
            AppAction::ResolveConflict { index, theirs } => self.resolve_conflict(
                index,
                if theirs {
                    crate::history::merge::Side::Theirs
                } else {
                    crate::history::merge::Side::Ours
                },
            ),
            AppAction::UpdateBlocks(elements) => self.update_blocks(&elements),
            AppAction::PlaceBlock(block, at) => self.place_block(&block, at),
            AppAction::Select(s) => self.selection = s,
            AppAction::SetTool(t) => self.tool = t,
            AppAction::Status(s) => self.status = s,
            AppAction::Focus(id) => self.focus_subject(&id),
            AppAction::DeleteSelection => self.delete_selection(),
            AppAction::SwitchDiagram(id) => self.switch_diagram(id),
            AppAction::LeavePresentation => self.leave_presentation(),
            AppAction::Open(path) => self.guard(Pending::Open(Some(path))),
            AppAction::LoadEvidence(paths) => self.load_evidence(&paths),
        }
    }

    /// A decision from the side pane: stamped with who and when, applied, and named in
    /// the status line when its status changed.
    fn decide(&mut self, edit: Edit) {
        let edit = self.stamp_decision(edit);
        // A decision names its threat in the status line.
        let decided = match &edit {
            Edit::SetRecord {
                key,
                record: Some(r),
            } if self
                .doc
                .project
                .threats
                .get(key)
                .map_or(Status::Open, |old| old.status)
                != r.status =>
            {
                let status = r.status;
                self.analysis()
                    .findings
                    .iter()
                    .find(|f| &f.key == key)
                    .map(|f| (f.title.clone(), status))
            }
            _ => None,
        };
        self.apply(edit);
        if let Some((title, status)) = decided {
            self.status = format!("“{title}”: {}", status.label().to_lowercase());
        }
    }

    /// A new threat of the user's own on `subject`, opened in the pane.
    fn add_manual_threat(&mut self, subject: SubjectId) {
        let threat = ManualThreat {
            id: ManualThreatId::generate(),
            subject,
            category: Category::Stride(Stride::Tampering),
            title: "New threat".into(),
            description: String::new(),
            severity: Severity::Medium,
            record: ThreatRecord::default(),
            generated_by: String::new(),
        };
        let key = ThreatKey::manual(&threat.id);
        let index = self.doc.project.manual_threats.len();
        self.apply(Edit::InsertManualThreat {
            index,
            threat: Box::new(threat),
        });
        self.threats.selected = Some(key);
    }

    /// A decision changed in the pane records who made it and when (as workshop decisions
    /// do): the user's name from the preferences, else the facilitator's, else the login
    /// name ([`crate::model::decider`]). A decided record that names nobody gets the name too.
    pub(super) fn stamp_decision(&self, edit: Edit) -> Edit {
        let who = self.prefs.decider();
        let now = crate::report::now_iso();
        self.stamp_edit(edit, &who, &now)
    }

    fn stamp_edit(&self, edit: Edit, who: &str, now: &str) -> Edit {
        let changed = |before: Option<Status>, r: &ThreatRecord| {
            before.unwrap_or(Status::Open) != r.status
                || (r.status != Status::Open && r.decided_by.is_empty())
        };
        match edit {
            Edit::SetRecord {
                key,
                record: Some(mut r),
            } => {
                let before = self.doc.project.threats.get(&key).map(|old| old.status);
                if changed(before, &r) {
                    crate::model::stamp(&mut r, who, now);
                }
                Edit::SetRecord {
                    key,
                    record: Some(r),
                }
            }
            Edit::UpdateManualThreat(mut t) => {
                let before = self
                    .doc
                    .project
                    .manual_threats
                    .iter()
                    .find(|m| m.id == t.id)
                    .map(|m| m.record.status);
                if before.is_some() && changed(before, &t.record) {
                    crate::model::stamp(&mut t.record, who, now);
                }
                Edit::UpdateManualThreat(t)
            }
            other => other,
        }
    }
}

/// The item an edit from the canvas creates, and how to name it in the status line.
fn created_item(edit: &Edit) -> Option<(Item, String)> {
    Some(match edit {
        Edit::InsertElement { element, .. } => (
            Item::Element(element.id.clone()),
            format!(
                "{} “{}”",
                element.kind().label().to_lowercase(),
                element.name
            ),
        ),
        Edit::InsertFlow { flow, .. } => (
            Item::Flow(flow.id.clone()),
            format!("data flow “{}”", flow.name),
        ),
        Edit::InsertBoundary { boundary, .. } => (
            Item::Boundary(boundary.id.clone()),
            format!("trust boundary “{}”", boundary.name),
        ),
        Edit::InsertNote { note, .. } => (Item::Note(note.id.clone()), "a note".to_owned()),
        _ => return None,
    })
}
