//! What the side panes need from the app: badges, focusing a subject, the name decisions are recorded under, and the side pane's width.

use super::*;

impl ThreatboardApp {
    /// Open threats per subject and their highest severity, once per analysis.
    pub(super) fn refresh_badges(&mut self) {
        let rev = self.doc.revision();
        if self.badges.is_of(rev) {
            return;
        }
        let analysis = self.shared_analysis();
        let verification = self.verification();
        self.badges.refresh(rev, &analysis, verification.as_deref());
    }

    /// The badge drawn on a subject: threats needing attention (open, or decided and past
    /// their review date) and the highest severity among them.
    pub fn badge(&mut self, id: &str) -> Option<(usize, Severity)> {
        self.refresh_badges();
        self.badges.get(id)
    }

    /// Selects and reveals an element, flow or diagram by id, switching diagram if needed.
    pub fn focus_subject(&mut self, id: &str) {
        let Some(at) = crate::gui::selection::locate(&self.doc.project, id) else {
            self.status = "That element or flow no longer exists".into();
            return;
        };
        self.switch_diagram(at.diagram);
        if let Some(item) = at.item {
            // Keep the pane scoped as it was: selecting from the list shows that subject.
            self.selection = Selection::one(item);
        }
        // On the shared screen the subject is shown with its neighbours, large enough to
        // read: the element and everything it exchanges data with, or the flow's two ends.
        match (at.neighbourhood, at.rect) {
            (Some(n), _) if self.walk.is_some() => self.canvas.request_fit_to(n),
            (_, Some(r)) => self.canvas.reveal(r),
            _ => {}
        }
    }
}

/// The palette's width: its tool buttons (150) and margins; long block names are cut to it
/// (egui's default 200 left the canvas under 60% of a 1024 px window).
pub(super) const PALETTE_WIDTH: f32 = 170.0;

/// The side pane's width while the user has not resized it: the canvas keeps at least
/// 60% of the window, the pane 180 to 340 wide. `available` is the width left beside the
/// panels already placed (the palette). Follows the window until the user drags the
/// pane's edge (egui would keep the first frame's width, taken before the window had its
/// size).
pub(super) fn side_default_width(ctx: &egui::Context, panel: &str, available: f32) -> f32 {
    let window = ctx.content_rect().width();
    let others = (window - available).max(0.0);
    // 20 for the canvas frame's own margins.
    let width = (window * 0.4 - others - 20.0).clamp(180.0, 340.0);
    let id = egui::Id::new(panel);
    let ours = egui::Id::new((panel, "default width"));
    let last: Option<f32> = ctx.data(|d| d.get_temp(ours));
    let state = egui::containers::panel::PanelState::load(ctx, id);
    let untouched = match (state, last) {
        (None, _) => true,
        (Some(s), Some(l)) => (s.size().x - l).abs() < 0.5,
        (Some(_), None) => false,
    };
    if untouched {
        if last != Some(width) {
            ctx.data_mut(|d| d.remove::<egui::containers::panel::PanelState>(id));
        }
        ctx.data_mut(|d| d.insert_temp(ours, width));
    }
    width
}
