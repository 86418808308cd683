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
        let project = &self.doc.project;
        let Some(d) = project.diagrams.iter().find(|d| {
            d.id.as_str() == id
                || d.elements.iter().any(|e| e.id.as_str() == id)
                || d.flows.iter().any(|f| f.id.as_str() == id)
        }) else {
            self.status = "That element or flow no longer exists".into();
            return;
        };
        let diagram = d.id.clone();
        let item = d
            .elements
            .iter()
            .find(|e| e.id.as_str() == id)
            .map(|e| Item::Element(e.id.clone()))
            .or_else(|| {
                d.flows
                    .iter()
                    .find(|f| f.id.as_str() == id)
                    .map(|f| Item::Flow(f.id.clone()))
            });
        let rect_of = |e: &ElementId| project.layout.elements.get(e);
        let rect = match &item {
            Some(Item::Element(e)) => rect_of(e).copied(),
            Some(Item::Flow(f)) => d
                .flow(f)
                .and_then(|f| Some(rect_of(&f.source)?.union(rect_of(&f.target)?))),
            _ => None,
        };
        // On the shared screen the subject is shown with its neighbours, large enough to
        // read: the element and everything it exchanges data with, or the flow's two ends.
        let neighbourhood = match &item {
            Some(Item::Element(e)) if self.walk.is_some() => rect.map(|r| {
                d.flows
                    .iter()
                    .filter_map(|f| match (&f.source, &f.target) {
                        (s, t) if s == e => rect_of(t),
                        (s, t) if t == e => rect_of(s),
                        _ => None,
                    })
                    .fold(r, |acc, n| acc.union(n))
            }),
            Some(Item::Flow(_)) if self.walk.is_some() => rect,
            _ => None,
        };
        self.switch_diagram(diagram);
        if let Some(item) = item {
            // Keep the pane scoped as it was: selecting from the list shows that subject.
            self.selection = Selection::one(item);
        }
        if let Some(n) = neighbourhood {
            self.canvas.request_fit_to(n);
        } else if let Some(r) = rect {
            self.canvas.reveal(r);
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
