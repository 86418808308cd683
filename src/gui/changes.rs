//! "What changed": the model compared with its last sign-off, another file or a git
//! revision. Marks on the canvas (added, changed, removed as ghosts), the list beside it,
//! and the keys of new or re-opened threats for the threats pane's filter.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use egui::{Align2, Color32, FontId, Pos2, Shape, Stroke, StrokeKind, Ui, Vec2};

use super::canvas::View;
use crate::analysis::{self, Analysis, Catalogue};
use crate::history::diff::{Change, ItemKind, ModelDiff};
use crate::history::render;
use crate::model::{DiagramId, Pos, Project, Rect};
use crate::scene;

pub const ADDED: Color32 = Color32::from_rgb(0x2e, 0x9d, 0x5a);
pub const CHANGED: Color32 = Color32::from_rgb(0xe6, 0x9b, 0x00);
pub const REMOVED: Color32 = Color32::from_rgb(0x8a, 0x90, 0x99);

/// A comparison in progress.
pub struct Compare {
    /// What the model is compared with, for people: "the sign-off by Dana on …".
    pub label: String,
    pub base: Project,
    base_analysis: Analysis,
    pub diff: ModelDiff,
    pub marks: Marks,
    /// The keys of threats new or re-opened since the base.
    pub new_keys: Arc<BTreeSet<String>>,
    revision: Option<u64>,
}

/// What the canvas marks.
#[derive(Default)]
pub struct Marks {
    pub added: HashSet<String>,
    pub changed: HashSet<String>,
    /// Removed elements where they were: diagram, rectangle, name.
    pub removed_elements: Vec<(DiagramId, Rect, String)>,
    /// Removed flows along their old path.
    pub removed_flows: Vec<(DiagramId, Vec<Pos>, String)>,
}

impl Compare {
    pub fn new(label: String, base: Project, catalogue: &Catalogue) -> Self {
        let base_analysis = analysis::analyze(&base, catalogue);
        Self {
            label,
            base,
            base_analysis,
            diff: ModelDiff::default(),
            marks: Marks::default(),
            new_keys: Arc::default(),
            revision: None,
        }
    }

    /// Diffs again when the project changed.
    pub fn refresh(&mut self, project: &Project, analysis: &Analysis, revision: u64) {
        if self.revision == Some(revision) {
            return;
        }
        self.revision = Some(revision);
        self.diff = crate::history::diff::diff(&self.base, project, &self.base_analysis, analysis);
        self.new_keys = Arc::new(
            self.diff
                .new_or_reopened_keys()
                .into_iter()
                .map(str::to_owned)
                .collect(),
        );
        let mut marks = Marks::default();
        let mut removed = HashSet::new();
        for i in &self.diff.items {
            match i.change {
                Change::Added => {
                    marks.added.insert(i.id.clone());
                }
                Change::Changed => {
                    marks.changed.insert(i.id.clone());
                }
                Change::Removed if matches!(i.kind, ItemKind::Element | ItemKind::Flow) => {
                    removed.insert(i.id.as_str());
                }
                Change::Removed => {}
            }
        }
        let base = &self.base;
        for d in &base.diagrams {
            for e in d
                .elements
                .iter()
                .filter(|e| removed.contains(e.id.as_str()))
            {
                if let Some(r) = base.layout.elements.get(&e.id) {
                    marks
                        .removed_elements
                        .push((d.id.clone(), *r, e.name.clone()));
                }
            }
            for f in d.flows.iter().filter(|f| removed.contains(f.id.as_str())) {
                if let Some(path) = scene::flow_path(&base.layout, f) {
                    marks
                        .removed_flows
                        .push((d.id.clone(), path, f.name.clone()));
                }
            }
        }
        self.marks = marks;
    }
}

fn p2(p: Pos) -> Pos2 {
    Pos2::new(p.x, p.y)
}

fn tag(painter: &egui::Painter, at: Pos2, text: &str, color: Color32) {
    let galley =
        painter.layout_no_wrap(text.to_owned(), FontId::proportional(10.5), Color32::WHITE);
    let rect = egui::Rect::from_min_size(at, galley.size() + Vec2::new(8.0, 2.0));
    painter.rect_filled(rect, 3.0, color);
    painter.galley(rect.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
}

/// Draws the marks of `diagram` over the canvas.
pub fn draw(
    painter: &egui::Painter,
    view: View,
    marks: &Marks,
    project: &Project,
    diagram: &crate::model::Diagram,
) {
    let zoom = view.zoom;
    let screen = |r: &Rect| {
        egui::Rect::from_min_max(
            view.to_screen(Pos2::new(r.x, r.y)),
            view.to_screen(Pos2::new(r.x + r.w, r.y + r.h)),
        )
        .expand(4.0)
    };
    // Ghosts first, under everything else that is marked.
    for (d, r, name) in &marks.removed_elements {
        if *d != diagram.id {
            continue;
        }
        let rect = screen(r);
        let pts = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ];
        painter.extend(Shape::dashed_line(
            &pts,
            Stroke::new(1.5, REMOVED),
            6.0,
            4.0,
        ));
        let text = painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            name,
            FontId::proportional(12.0 * zoom.clamp(0.6, 1.4)),
            REMOVED,
        );
        painter.line_segment(
            [text.left_center(), text.right_center()],
            Stroke::new(1.0, REMOVED),
        );
        tag(
            painter,
            rect.left_top() + Vec2::new(0.0, -16.0),
            "removed",
            REMOVED,
        );
    }
    for (d, path, name) in &marks.removed_flows {
        if *d != diagram.id {
            continue;
        }
        let pts: Vec<Pos2> = path.iter().map(|p| view.to_screen(p2(*p))).collect();
        painter.extend(Shape::dashed_line(
            &pts,
            Stroke::new(2.0, REMOVED),
            5.0,
            5.0,
        ));
        let mid = view.to_screen(p2(scene::midpoint(path)));
        tag(
            painter,
            mid + Vec2::new(4.0, 4.0),
            &format!("removed: {name}"),
            REMOVED,
        );
    }
    for f in &diagram.flows {
        let color = if marks.added.contains(f.id.as_str()) {
            ADDED
        } else if marks.changed.contains(f.id.as_str()) {
            CHANGED
        } else {
            continue;
        };
        if let Some(path) = scene::flow_path(&project.layout, f) {
            let pts: Vec<Pos2> = path.iter().map(|p| view.to_screen(p2(*p))).collect();
            painter.add(Shape::line(
                pts,
                Stroke::new(7.0, color.gamma_multiply(0.45)),
            ));
        }
    }
    for e in &diagram.elements {
        let (color, word) = if marks.added.contains(e.id.as_str()) {
            (ADDED, "new")
        } else if marks.changed.contains(e.id.as_str()) {
            (CHANGED, "changed")
        } else {
            continue;
        };
        if let Some(r) = project.layout.elements.get(&e.id) {
            let rect = screen(r);
            painter.rect_stroke(rect, 6.0, Stroke::new(2.5, color), StrokeKind::Outside);
            tag(
                painter,
                rect.left_top() + Vec2::new(0.0, -17.0),
                word,
                color,
            );
        }
    }
    for b in &diagram.boundaries {
        let color = if marks.added.contains(b.id.as_str()) {
            ADDED
        } else if marks.changed.contains(b.id.as_str()) {
            CHANGED
        } else {
            continue;
        };
        match project.layout.boundaries.get(&b.id) {
            Some(crate::model::BoundaryShape::Region(r)) => {
                painter.rect_stroke(screen(r), 4.0, Stroke::new(2.0, color), StrokeKind::Outside);
            }
            Some(crate::model::BoundaryShape::Line(points)) => {
                let pts: Vec<Pos2> = points.iter().map(|p| view.to_screen(p2(*p))).collect();
                painter.add(Shape::line(
                    pts,
                    Stroke::new(6.0, color.gamma_multiply(0.45)),
                ));
            }
            None => {}
        }
    }
}

/// The list of changes; returns the id the user clicked (to select and reveal it).
pub fn list(ui: &mut Ui, compare: &Compare) -> Option<String> {
    let mut focus = None;
    let d = &compare.diff;
    ui.label(egui::RichText::new(format!("Compared with {}", compare.label)).strong());
    if !d.is_semantic() {
        ui.weak(if d.layout_only > 0 {
            format!(
                "Only the layout changed ({}).",
                crate::edit::count(d.layout_only, "item", "items")
            )
        } else {
            "No changes.".to_owned()
        });
        return None;
    }
    let fresh = d
        .new_threats
        .iter()
        .chain(&d.reopened)
        .filter(|t| t.status == "Open")
        .count();
    ui.label(format!(
        "{} · {} · {} gone · {} changed",
        crate::edit::count(d.items.len(), "model change", "model changes"),
        crate::edit::count(fresh, "new open threat", "new open threats"),
        d.gone_threats.len(),
        crate::edit::count(d.decisions.len(), "decision", "decisions"),
    ));
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("changes")
        .show(ui, |ui| {
            for f in &d.metadata {
                ui.label(format!("~ {}: {} → {}", f.field, f.old, f.new));
            }
            for i in &d.items {
                let (sign, color) = match i.change {
                    Change::Added => ("+ ", ADDED),
                    Change::Changed => ("~ ", CHANGED),
                    Change::Removed => ("− ", REMOVED),
                };
                let mut job = egui::text::LayoutJob::default();
                let font = egui::TextStyle::Body.resolve(ui.style());
                job.append(sign, 0.0, egui::TextFormat::simple(font.clone(), color));
                job.append(
                    &render::item_line(i),
                    0.0,
                    egui::TextFormat::simple(font, ui.visuals().text_color()),
                );
                let r = ui.add(egui::Label::new(job).wrap().sense(egui::Sense::click()));
                if i.change != Change::Removed && r.clicked() {
                    focus = Some(i.id.clone());
                }
            }
            if d.layout_only > 0 {
                ui.weak(format!(
                    "Layout only: {} moved or reshaped",
                    crate::edit::count(d.layout_only, "item", "items")
                ));
            }
            let fresh: Vec<_> = d.new_threats.iter().chain(&d.reopened).collect();
            if !fresh.is_empty() {
                ui.add_space(6.0);
                ui.strong("New or re-opened threats");
                for t in fresh {
                    ui.horizontal_wrapped(|ui| {
                        let severity = crate::model::Severity::ALL
                            .into_iter()
                            .find(|s| s.label() == t.severity);
                        ui.colored_label(
                            severity.map_or(Color32::GRAY, super::threats::severity_color),
                            &t.severity,
                        );
                        ui.label(format!(
                            "{} — {} ({})",
                            t.title,
                            t.subject,
                            t.status.to_lowercase()
                        ));
                    });
                }
            }
            if !d.decisions.is_empty() {
                ui.add_space(6.0);
                ui.strong("Decisions changed");
                for c in &d.decisions {
                    ui.label(render::decision_line(c));
                }
            }
            if !d.gone_threats.is_empty() {
                ui.add_space(6.0);
                ui.strong("Threats gone");
                for t in &d.gone_threats {
                    ui.weak(format!("{} — {}", t.title, t.subject));
                }
            }
        });
    focus
}
