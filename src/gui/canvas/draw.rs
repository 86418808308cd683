//! The canvas's own drawing, on egui_graphs' pan/zoom transform: the grid, trust
//! boundaries, notes, the gesture in progress (a connection being drawn, a box selection)
//! and the handles of selected boundaries.

use egui::{Align2, CornerRadius, FontId, Pos2, Rect as ERect, Shape, Stroke, StrokeKind, Vec2};

use super::{Canvas, GRID, Gesture, HANDLE, View, corners};
use crate::gui::graph::to_pos2;
use crate::gui::selection::{Item, Selection};
use crate::gui::style::CanvasStyle;
use crate::model::{BoundaryShape, Diagram, Project};
use crate::scene;

impl Canvas {
    pub(super) fn draw_grid(
        &self,
        painter: &egui::Painter,
        view: View,
        area: ERect,
        style: CanvasStyle,
    ) {
        let step = GRID * if view.zoom * GRID < 12.0 { 5.0 } else { 1.0 };
        let min = view.to_canvas(area.min);
        let max = view.to_canvas(area.max);
        let (x0, y0) = ((min.x / step).floor() * step, (min.y / step).floor() * step);
        let count = ((max.x - x0) / step) * ((max.y - y0) / step);
        if count > 20_000.0 {
            return;
        }
        let mut y = y0;
        while y <= max.y {
            let mut x = x0;
            while x <= max.x {
                painter.circle_filled(view.to_screen(Pos2::new(x, y)), 1.0, style.grid);
                x += step;
            }
            y += step;
        }
    }

    pub(super) fn draw_boundaries(
        &self,
        painter: &egui::Painter,
        project: &Project,
        diagram: &Diagram,
        selection: &Selection,
        view: View,
        style: CanvasStyle,
    ) {
        for b in &diagram.boundaries {
            let Some(shape) = self.boundary_shape(project, &b.id) else {
                continue;
            };
            let selected = selection.contains_id(b.id.as_str());
            let color = if selected {
                style.selection
            } else {
                style.boundary
            };
            let stroke = Stroke::new(
                if selected { 2.5 } else { 1.8 } * view.zoom.clamp(0.6, 2.0),
                color,
            );
            let font = FontId::proportional((12.5 * view.zoom).clamp(5.0, 32.0));
            match shape {
                BoundaryShape::Region(r) => {
                    let sr = view.rect_to_screen(&r);
                    painter.rect_filled(sr, CornerRadius::same(6), color.gamma_multiply(0.04));
                    let mut pts = corners(sr).to_vec();
                    pts.push(pts[0]);
                    painter.extend(Shape::dashed_line(
                        &pts,
                        stroke,
                        8.0 * view.zoom.max(0.5),
                        5.0 * view.zoom.max(0.5),
                    ));
                    painter.text(
                        sr.left_top() + Vec2::new(6.0, 4.0),
                        Align2::LEFT_TOP,
                        &b.name,
                        font,
                        color,
                    );
                }
                BoundaryShape::Line(pts) => {
                    let sp: Vec<Pos2> = pts.iter().map(|p| view.to_screen(to_pos2(*p))).collect();
                    painter.extend(Shape::dashed_line(
                        &sp,
                        stroke,
                        8.0 * view.zoom.max(0.5),
                        5.0 * view.zoom.max(0.5),
                    ));
                    let mid = view.to_screen(to_pos2(scene::midpoint(&pts)));
                    painter.text(
                        mid + Vec2::new(6.0, -4.0),
                        Align2::LEFT_BOTTOM,
                        &b.name,
                        font,
                        color,
                    );
                }
            }
        }
    }

    pub(super) fn draw_notes(
        &self,
        painter: &egui::Painter,
        project: &Project,
        diagram: &Diagram,
        selection: &Selection,
        view: View,
        style: CanvasStyle,
    ) {
        for n in &diagram.notes {
            let Some(r) = self.note_rect(project, &n.id) else {
                continue;
            };
            let sr = view.rect_to_screen(&r);
            let selected = selection.contains_id(n.id.as_str());
            painter.rect_filled(sr, CornerRadius::same(3), style.note_fill);
            if selected {
                painter.rect_stroke(
                    sr,
                    CornerRadius::same(3),
                    Stroke::new(2.0, style.selection),
                    StrokeKind::Outside,
                );
            }
            let galley = painter.layout(
                n.text.clone(),
                FontId::proportional((11.5 * view.zoom).clamp(4.0, 28.0)),
                style.text,
                (sr.width() - 8.0).max(10.0),
            );
            painter.galley(sr.min + Vec2::splat(4.0), galley, style.text);
        }
    }

    pub(super) fn draw_gesture(
        &self,
        painter: &egui::Painter,
        ui: &egui::Ui,
        project: &Project,
        diagram: &Diagram,
        view: View,
        style: CanvasStyle,
    ) {
        let Some(pointer) = ui.input(|i| i.pointer.interact_pos()) else {
            return;
        };
        let stroke = Stroke::new(1.5, style.selection);
        match &self.gesture {
            Gesture::BoxSelect { start } => {
                let r = ERect::from_two_pos(view.to_screen(*start), pointer);
                painter.rect_filled(r, CornerRadius::ZERO, style.selection.gamma_multiply(0.08));
                painter.rect_stroke(r, CornerRadius::ZERO, stroke, StrokeKind::Inside);
            }
            Gesture::Connect { from } => {
                if let Some(r) = project.layout.elements.get(from) {
                    let a = view.to_screen(to_pos2(r.center()));
                    painter.line_segment([a, pointer], Stroke::new(2.0, style.selection));
                    painter.circle_filled(pointer, 4.0, style.selection);
                    if let Some(Item::Element(to)) = self.hit(project, diagram, view, pointer) {
                        if &to != from {
                            if let Some(t) = project.layout.elements.get(&to) {
                                painter.rect_stroke(
                                    view.rect_to_screen(t),
                                    CornerRadius::same(4),
                                    Stroke::new(2.5, style.selection),
                                    StrokeKind::Outside,
                                );
                            }
                        }
                    }
                }
            }
            Gesture::DrawRegion { start } => {
                let r = ERect::from_two_pos(view.to_screen(*start), pointer);
                painter.rect_stroke(
                    r,
                    CornerRadius::ZERO,
                    Stroke::new(1.8, style.boundary),
                    StrokeKind::Inside,
                );
            }
            Gesture::DrawLine { start } => {
                painter.line_segment(
                    [view.to_screen(*start), pointer],
                    Stroke::new(1.8, style.boundary),
                );
            }
            _ => {}
        }
    }

    pub(super) fn draw_handles(
        &self,
        painter: &egui::Painter,
        project: &Project,
        diagram: &Diagram,
        selection: &Selection,
        view: View,
        style: CanvasStyle,
    ) {
        for b in &diagram.boundaries {
            if !selection.contains_id(b.id.as_str()) {
                continue;
            }
            let points: Vec<Pos2> = match self.boundary_shape(project, &b.id) {
                Some(BoundaryShape::Region(r)) => corners(view.rect_to_screen(&r)).to_vec(),
                Some(BoundaryShape::Line(pts)) => {
                    pts.iter().map(|p| view.to_screen(to_pos2(*p))).collect()
                }
                None => continue,
            };
            for p in points {
                let r = ERect::from_center_size(p, Vec2::splat(HANDLE * 2.0));
                painter.rect_filled(r, CornerRadius::same(2), style.background);
                painter.rect_stroke(
                    r,
                    CornerRadius::same(2),
                    Stroke::new(1.5, style.selection),
                    StrokeKind::Inside,
                );
            }
        }
    }
}
