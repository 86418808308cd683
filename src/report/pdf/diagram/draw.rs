//! Drawing a diagram's display list on a PDF page: every primitive (boundaries, flows with
//! their arrows and label plates, elements, notes, badges) in the order the display list
//! holds them, scaled by the page's [`Fit`]. The pages around it (overview, detail tiles,
//! legend) are `super`'s; the canvas and the SVG draw the same list their own way.

use printpdf::PaintMode;

use super::super::{BLACK, BOUNDARY, Face, GREY, Rgb8, Writer};
use super::{Fit, MIN_LABEL_PT, WHITE, rgb};
use crate::model::Pos;
use crate::scene::Outline;
use crate::scene::display::{self, Badge, Prim, TextBox};
use crate::scene::palette::{self, Palette};

pub(super) fn text(w: &mut Writer<'_>, fit: &Fit, t: &TextBox, c: Rgb8) {
    if !fit.labels {
        return;
    }
    let face = if t.bold { Face::Bold } else { Face::Regular };
    let size = t.size * fit.scale;
    for (i, line) in t.lines.iter().enumerate() {
        let (x, baseline) = fit.at(t.anchor(i));
        let lw = w.fonts.width(line, face, size);
        let x = if t.left { x } else { x - lw / 2.0 };
        // `text_at` takes the top of the line: its baseline is 0.85 of the size below.
        w.text_at(x, baseline - size * 0.85, line, face, size, c);
    }
}

pub(super) fn badge(w: &mut Writer<'_>, fit: &Fit, b: &Badge) {
    let r = b.rect();
    let (x, y) = fit.at(Pos::new(r.x, r.y));
    let (bw, bh) = (r.w * fit.scale, r.h * fit.scale);
    // Its digits print at MIN_LABEL_PT at least: the pill grows around its centre.
    let grow = if fit.labels {
        (MIN_LABEL_PT / (b.radius * 1.15 * fit.scale)).max(1.0)
    } else {
        1.0
    };
    let (cx, cy) = fit.at(b.center);
    let (bw, bh) = (bw * grow, bh * grow);
    let (x, y) = if grow > 1.0 {
        (cx - bw / 2.0, cy - bh / 2.0)
    } else {
        (x, y)
    };
    let color = rgb(palette::severity(b.severity));
    // A pill: two circles and the rectangle between.
    let rad = bh / 2.0;
    w.circle(x + rad, y + rad, rad, color);
    w.circle(x + bw - rad, y + rad, rad, color);
    w.rect(x + rad, y, (bw - 2.0 * rad).max(0.0), bh, Some(color), None);
    if !fit.labels {
        return;
    }
    let t = b.count.to_string();
    let size = (b.radius * 1.15 * fit.scale).max(MIN_LABEL_PT);
    let tw = w.fonts.width(&t, Face::Bold, size);
    w.text_at(cx - tw / 2.0, cy - size * 0.5, &t, Face::Bold, size, WHITE);
}

pub(super) fn arrow(w: &mut Writer<'_>, tip: (f32, f32), from: (f32, f32), size: f32, col: Rgb8) {
    let (dx, dy) = (tip.0 - from.0, tip.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(0.01);
    let (ux, uy) = (dx / len, dy / len);
    let base = (tip.0 - ux * size, tip.1 - uy * size);
    w.polygon(
        &[
            tip,
            (base.0 - uy * size * 0.45, base.1 + ux * size * 0.45),
            (base.0 + uy * size * 0.45, base.1 - ux * size * 0.45),
        ],
        PaintMode::Fill,
        Some(col),
        None,
    );
}

pub(super) fn draw_scene(w: &mut Writer<'_>, scene: &display::Scene, fit: &Fit, pal: &Palette) {
    draw_items(w, scene.items.iter(), fit, pal);
}

pub(super) fn draw_items<'a>(
    w: &mut Writer<'_>,
    items: impl Iterator<Item = &'a Prim> + Clone,
    fit: &Fit,
    pal: &Palette,
) {
    // Out of scope is dotted grey, boundaries dashed red: the two never look alike.
    let dash: &[f32] = &[1.0, 1.8];
    for item in items.clone() {
        match item {
            Prim::Region { rect, title, .. } => {
                let (x0, y0) = fit.at(Pos::new(rect.x, rect.y));
                let (x1, y1) = fit.at(Pos::new(rect.x + rect.w, rect.y + rect.h));
                w.line(
                    &[(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
                    BOUNDARY,
                    1.0,
                    Some(&[5.0, 3.0]),
                    true,
                );
                text(w, fit, title, BOUNDARY);
            }
            Prim::BoundaryLine { points, .. } => {
                // Its title goes on with the flows' labels, last.
                let pts: Vec<(f32, f32)> = points.iter().map(|q| fit.at(*q)).collect();
                w.line(&pts, BOUNDARY, 1.0, Some(&[5.0, 3.0]), false);
            }
            _ => {}
        }
    }
    for item in items.clone() {
        if let Prim::Flow {
            points,
            bidirectional,
            out_of_scope,
            ..
        } = item
        {
            let pts: Vec<(f32, f32)> = points.iter().map(|q| fit.at(*q)).collect();
            let col = if *out_of_scope { GREY } else { rgb(pal.flow) };
            w.line(&pts, col, 0.8, out_of_scope.then_some(dash), false);
            let size = (6.0 * fit.scale).clamp(3.0, 7.0);
            if pts.len() >= 2 {
                arrow(w, pts[pts.len() - 1], pts[pts.len() - 2], size, col);
                if *bidirectional {
                    arrow(w, pts[0], pts[1], size, col);
                }
            }
        }
    }
    for item in items.clone() {
        match item {
            Prim::Element {
                kind,
                outline,
                out_of_scope,
                name,
                badge: b,
                ..
            } => {
                let stroke = if *out_of_scope { GREY } else { BLACK };
                let fill = if *out_of_scope {
                    WHITE
                } else {
                    rgb(pal.fill(*kind))
                };
                let line_dash = out_of_scope.then_some(dash);
                match *outline {
                    Outline::Rounded { rect: r, radius } => {
                        let (x0, y0) = fit.at(Pos::new(r.x, r.y));
                        let (ew, eh) = (r.w * fit.scale, r.h * fit.scale);
                        let rr = (radius * fit.scale).min(ew / 2.0).min(eh / 2.0);
                        let mut pts = Vec::new();
                        let corners = [
                            (x0 + ew - rr, y0 + rr, -90.0f32),
                            (x0 + ew - rr, y0 + eh - rr, 0.0),
                            (x0 + rr, y0 + eh - rr, 90.0),
                            (x0 + rr, y0 + rr, 180.0),
                        ];
                        for (cx, cy, start) in corners {
                            for i in 0..=6 {
                                let ang = (start + i as f32 * 15.0).to_radians();
                                pts.push((cx + rr * ang.cos(), cy + rr * ang.sin()));
                            }
                        }
                        w.polygon(&pts, PaintMode::Fill, Some(fill), None);
                        w.line(&pts, stroke, 0.9, line_dash, true);
                    }
                    Outline::OpenRect { rect: r } => {
                        let (x0, y0) = fit.at(Pos::new(r.x, r.y));
                        let (ew, eh) = (r.w * fit.scale, r.h * fit.scale);
                        w.rect(x0, y0, ew, eh, Some(fill), None);
                        w.line(&[(x0, y0), (x0 + ew, y0)], stroke, 0.9, line_dash, false);
                        w.line(
                            &[(x0, y0 + eh), (x0 + ew, y0 + eh)],
                            stroke,
                            0.9,
                            line_dash,
                            false,
                        );
                    }
                    Outline::Box { rect: r } => {
                        let (x0, y0) = fit.at(Pos::new(r.x, r.y));
                        let (ew, eh) = (r.w * fit.scale, r.h * fit.scale);
                        w.rect(x0, y0, ew, eh, Some(fill), None);
                        w.line(
                            &[(x0, y0), (x0 + ew, y0), (x0 + ew, y0 + eh), (x0, y0 + eh)],
                            stroke,
                            0.9,
                            line_dash,
                            true,
                        );
                    }
                }
                text(w, fit, name, if *out_of_scope { GREY } else { BLACK });
                if let Some(b) = b {
                    badge(w, fit, b);
                }
            }
            Prim::Note { rect, text: t, .. } => {
                let (x0, y0) = fit.at(Pos::new(rect.x, rect.y));
                w.rect(
                    x0,
                    y0,
                    rect.w * fit.scale,
                    rect.h * fit.scale,
                    Some(rgb(pal.note_fill)),
                    None,
                );
                text(w, fit, t, BLACK);
            }
            _ => {}
        }
    }
    for item in items.clone() {
        let Prim::Mark {
            kind,
            rect,
            points,
            tag,
            name,
        } = item
        else {
            continue;
        };
        let col = rgb(kind.color());
        let removed = *kind == display::MarkKind::Removed;
        let mark_dash: Option<&[f32]> = removed.then_some(&[4.0, 3.0]);
        match rect {
            Some(r) => {
                let (x0, y0) = fit.at(Pos::new(r.x, r.y));
                let (x1, y1) = fit.at(Pos::new(r.x + r.w, r.y + r.h));
                w.line(
                    &[(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
                    col,
                    1.6,
                    mark_dash,
                    true,
                );
            }
            None => {
                let pts: Vec<(f32, f32)> = points.iter().map(|q| fit.at(*q)).collect();
                w.line(&pts, col, if removed { 1.2 } else { 3.0 }, mark_dash, false);
            }
        }
        if let Some(n) = name {
            text(w, fit, n, col);
        }
        if !tag.full.is_empty() && fit.labels {
            let (x, y) = fit.at(Pos::new(tag.rect.x, tag.rect.y));
            w.rect(
                x,
                y,
                tag.rect.w * fit.scale,
                tag.rect.h * fit.scale,
                Some(col),
                None,
            );
            text(w, fit, tag, WHITE);
        }
    }
    // A boundary line's title sits on the line, as a flow's label on its flow: on white,
    // over the lines, so neither the dashes nor a flow strike it through.
    for item in items.clone() {
        if let Prim::BoundaryLine { title: Some(t), .. } = item
            && fit.labels
        {
            let (x, y) = fit.at(Pos::new(t.rect.x, t.rect.y));
            w.rect(
                x,
                y,
                t.rect.w * fit.scale,
                t.rect.h * fit.scale,
                Some(WHITE),
                None,
            );
            text(w, fit, t, BOUNDARY);
        }
    }
    for item in items.clone() {
        if let Prim::Flow {
            label, badge: b, ..
        } = item
        {
            if let Some(l) = label.as_ref().filter(|_| fit.labels) {
                let (x, y) = fit.at(Pos::new(l.rect.x, l.rect.y));
                w.rect(
                    x,
                    y,
                    l.rect.w * fit.scale,
                    l.rect.h * fit.scale,
                    Some(WHITE),
                    None,
                );
                text(w, fit, l, BLACK);
            }
            if let Some(b) = b {
                badge(w, fit, b);
            }
        }
    }
}
