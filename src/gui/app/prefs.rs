//! What the preferences know how to do themselves: the recent-files list, the interface
//! scale, the name decisions are recorded under and the field that sets it. The
//! preferences (`Prefs`, in `app.rs` with the app's other types) are kept in eframe's
//! storage, never in the project.

use std::path::Path;

use super::{Prefs, RECENT_MAX};

impl Prefs {
    /// Puts `path` first in the recent files (once), keeping the newest few.
    pub fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    /// The interface scale (1 until the user changes it).
    pub fn scale(&self) -> f32 {
        if self.ui_scale > 0.0 {
            self.ui_scale
        } else {
            1.0
        }
    }

    /// The name decisions made here are recorded under.
    pub fn decider(&self) -> String {
        crate::model::decider(&self.name, &self.facilitator)
    }

    /// The preference field for the user's own name (Review menu): set once, recorded
    /// with every decision; empty falls back to the facilitator, then the login name.
    pub fn name_field(&mut self, ui: &mut egui::Ui) {
        let l = ui.label("Your name (recorded with your decisions)");
        let fallback = crate::model::decider("", &self.facilitator);
        ui.add(
            egui::TextEdit::singleline(&mut self.name)
                .hint_text(if fallback.is_empty() {
                    "nobody: decisions would carry no name".to_owned()
                } else {
                    fallback
                })
                .desired_width(220.0),
        )
        .labelled_by(l.id);
    }
}
