//! The workshop walkthrough on a shared screen (entering, leaving, its layout), and the
//! interface scale and theme the app asks `appearance.rs` to apply.

use super::*;
use crate::gui::action::{Actions, AppAction};

impl ThreatboardApp {
    /// Applies the theme and interface scale when they change.
    pub(super) fn apply_appearance(&mut self, ctx: &egui::Context) {
        if self
            .appearance
            .apply(ctx, self.prefs.theme, self.prefs.scale())
        {
            self.canvas.request_fit();
        }
    }

    /// Starts a workshop: asks for the facilitator once, records a session, shows the
    /// first threat.
    pub fn enter_presentation(&mut self) {
        if self.walk.is_some() {
            return;
        }
        if self.prefs.facilitator.trim().is_empty() {
            self.modal = Some(Modal::Facilitator {
                text: String::new(),
            });
            return;
        }
        let (mut walk, edit) = Walkthrough::begin(
            &self.doc.project,
            &self.prefs.facilitator,
            &crate::report::now_iso(),
        );
        self.apply(edit);
        let analysis = self.shared_analysis();
        walk.step(&analysis, 0);
        let first = walk.current(&analysis).map(|f| f.subject().to_owned());
        self.walk = Some(walk);
        // The presentation layout has a different canvas area: fit the diagram to it.
        self.canvas.request_fit();
        if let Some(s) = first {
            self.focus_subject(&s);
        }
        self.status = "Presenting: → next threat, M/I/N/A/T record a decision, Esc leaves".into();
    }

    /// Ends the workshop and shows its summary.
    pub fn leave_presentation(&mut self) {
        let Some(walk) = self.walk.take() else { return };
        if let Some(edit) = walk.end(&self.doc.project, &crate::report::now_iso()) {
            self.apply(edit);
        }
        self.modal = Some(Modal::Summary {
            session: walk.session,
        });
        self.status = "Presentation ended".into();
        self.canvas.request_fit();
    }

    /// The shared-screen layout: the walkthrough bar, the diagram with the current element
    /// in focus, and the current threat large.
    pub(super) fn presentation(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        let analysis = self.shared_analysis();
        let verification = self.verification();
        if let Some(w) = self.walk.as_mut() {
            w.verification = verification;
        }
        egui::Panel::top("walk-top").show(ui, |ui| {
            if let Some(w) = self.walk.as_mut() {
                w.top_bar(ui, &self.doc.project, &analysis, actions);
            }
        });
        let height = ui.available_height() * 0.42;
        let facilitator = self.prefs.decider();
        let now = crate::report::now_iso();
        egui::Panel::bottom("walk-card")
            .exact_size(height)
            .show(ui, |ui| {
                if let Some(w) = self.walk.as_mut() {
                    w.card(
                        ui,
                        &self.doc.project,
                        &analysis,
                        &facilitator,
                        &now,
                        actions,
                    );
                }
            });
        let focus_subject = self
            .walk
            .as_ref()
            .and_then(|w| w.current(&analysis))
            .map(|f| f.subject().to_owned());
        let mut canvas_actions = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            let revision = self.doc.revision();
            self.refresh_badges();
            let project = &self.doc.project;
            let diagram = project.diagram_or_first(&self.diagram);
            let badges = &self.badges;
            let badge = |id: &str| badges.get(id);
            let focused = |id: &str| focus_subject.as_deref() == Some(id);
            let alert = |id: &str| self.badges.alerts.contains(id);
            let key = self.badges.generation().wrapping_mul(31).wrapping_add(
                focus_subject.as_ref().map_or(0, |s| {
                    s.len() as u64 + s.bytes().map(u64::from).sum::<u64>()
                }),
            );
            let overlay = Overlay {
                badge: Some(&badge),
                focus: focus_subject
                    .as_ref()
                    .map(|_| &focused as &dyn Fn(&str) -> bool),
                key,
                changes: None,
                alert: (!self.badges.alerts.is_empty()).then_some(&alert as &dyn Fn(&str) -> bool),
            };
            self.canvas.show(
                ui,
                project,
                revision,
                diagram,
                &self.selection,
                Tool::Select,
                self.prefs.snap,
                &overlay,
                &mut canvas_actions,
            );
        });
        // On the shared screen the diagram only selects: nothing is drawn or moved there.
        actions.extend(
            canvas_actions
                .into_iter()
                .filter(|a| matches!(a, AppAction::Select(_))),
        );
    }
}
