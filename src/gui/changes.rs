//! "What changed": the model compared with its last sign-off, another file or a git
//! revision. Marks on the canvas (added, changed, removed as ghosts), the list beside it,
//! and the keys of new or re-opened threats for the threats pane's filter.

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::{Color32, FontId, Pos2, Shape, Stroke, StrokeKind, Ui, Vec2};

use super::action::{Actions, AppAction};
use super::canvas::View;
use crate::scene::display::{MarkKind, Prim, Scene};

use crate::analysis::{self, Analysis, Catalogue};
use crate::history::diff::{Change, ModelDiff};
use crate::history::render;
use crate::model::Project;
use crate::scene::display::Marks;

use super::style::color;

pub const ADDED: Color32 = color(crate::scene::palette::ADDED);
pub const CHANGED: Color32 = color(crate::scene::palette::CHANGED);
pub const REMOVED: Color32 = color(crate::scene::palette::REMOVED);

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
    /// Tells this comparison's marks from another's made at the same revision.
    serial: u64,
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
            serial: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
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
        self.marks =
            crate::history::diff::marks(&self.diff, &self.base, revision ^ (self.serial << 32));
    }
}

fn p2(p: crate::model::Pos) -> Pos2 {
    Pos2::new(p.x, p.y)
}

/// Draws the display list's change marks over the canvas.
pub fn draw(painter: &egui::Painter, view: View, scene: &Scene) {
    let screen = |r: &crate::model::Rect| {
        egui::Rect::from_min_max(
            view.to_screen(Pos2::new(r.x, r.y)),
            view.to_screen(Pos2::new(r.x + r.w, r.y + r.h)),
        )
    };
    let font = |size: f32| FontId::proportional((size * view.zoom).clamp(7.0, 24.0));
    for p in &scene.items {
        let Prim::Mark {
            kind,
            rect,
            points,
            tag,
            name,
        } = p
        else {
            continue;
        };
        let color = color(kind.color());
        let pts: Vec<Pos2> = points.iter().map(|q| view.to_screen(p2(*q))).collect();
        match (kind, rect) {
            (MarkKind::Removed, Some(r)) => {
                let r = screen(r);
                let c = [
                    r.left_top(),
                    r.right_top(),
                    r.right_bottom(),
                    r.left_bottom(),
                    r.left_top(),
                ];
                painter.extend(Shape::dashed_line(&c, Stroke::new(1.5, color), 6.0, 4.0));
            }
            (_, Some(r)) => {
                painter.rect_stroke(screen(r), 6.0, Stroke::new(2.5, color), StrokeKind::Outside);
            }
            (MarkKind::Removed, None) => {
                painter.extend(Shape::dashed_line(&pts, Stroke::new(2.0, color), 5.0, 5.0));
            }
            (_, None) => {
                painter.add(Shape::line(
                    pts,
                    Stroke::new(7.0, color.gamma_multiply(0.45)),
                ));
            }
        }
        if let Some(n) = name {
            for (i, line) in n.lines.iter().enumerate() {
                let at = view.to_screen(p2(n.line_center(i)));
                let r = painter.text(at, egui::Align2::CENTER_CENTER, line, font(n.size), color);
                painter.line_segment([r.left_center(), r.right_center()], Stroke::new(1.0, color));
            }
        }
        if tag.full.is_empty() {
            continue;
        }
        let t = screen(&tag.rect);
        let galley = painter.layout_no_wrap(tag.full.clone(), font(tag.size), Color32::WHITE);
        let bg = egui::Rect::from_min_size(t.min, galley.size() + Vec2::new(8.0, 2.0));
        painter.rect_filled(bg, 3.0, color);
        painter.galley(bg.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
    }
}

/// The list of changes; a click on one asks to select and reveal it.
pub fn list(ui: &mut Ui, compare: &Compare, actions: &mut Actions) {
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
        return;
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
                    actions.push(AppAction::Focus(i.id.clone()));
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
}
