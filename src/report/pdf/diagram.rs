//! A diagram page of the report, drawn from the diagram's display list (the same one the
//! canvas and the SVG draw), scaled to fit a landscape page, with a legend.

use printpdf::PaintMode;

use super::{BLACK, BOUNDARY, Face, GREY, LANDSCAPE, MARGIN, Rgb8, Writer};
use crate::analysis::Analysis;
use crate::model::{Diagram, Pos, Project, Severity};
use crate::scene::Outline;
use crate::scene::display::{self, Badge, Prim, TextBox};
use crate::scene::palette::{self, Palette, Rgb, Variant};

fn rgb(c: Rgb) -> Rgb8 {
    Rgb8(c.0, c.1, c.2)
}

const WHITE: Rgb8 = Rgb8(0xff, 0xff, 0xff);

/// Canvas coordinates to the page.
struct Fit {
    ox: f32,
    oy: f32,
    scale: f32,
}

impl Fit {
    fn at(&self, q: Pos) -> (f32, f32) {
        (self.ox + q.x * self.scale, self.oy + q.y * self.scale)
    }
}

fn text(w: &mut Writer<'_>, fit: &Fit, t: &TextBox, c: Rgb8) {
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

fn badge(w: &mut Writer<'_>, fit: &Fit, b: &Badge) {
    let r = b.rect();
    let (x, y) = fit.at(Pos::new(r.x, r.y));
    let (bw, bh) = (r.w * fit.scale, r.h * fit.scale);
    let color = rgb(palette::severity(b.severity));
    // A pill: two circles and the rectangle between.
    let rad = bh / 2.0;
    w.circle(x + rad, y + rad, rad, color);
    w.circle(x + bw - rad, y + rad, rad, color);
    w.rect(x + rad, y, (bw - 2.0 * rad).max(0.0), bh, Some(color), None);
    let t = b.count.to_string();
    let size = b.radius * 1.15 * fit.scale;
    let tw = w.fonts.width(&t, Face::Bold, size);
    let (cx, cy) = fit.at(b.center);
    w.text_at(cx - tw / 2.0, cy - size * 0.5, &t, Face::Bold, size, WHITE);
}

fn arrow(w: &mut Writer<'_>, tip: (f32, f32), from: (f32, f32), size: f32, col: Rgb8) {
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

pub(super) fn diagram_page(w: &mut Writer<'_>, p: &Project, d: &Diagram, a: &Analysis) {
    marked_diagram_page(w, p, d, a, None, &format!("Diagram: {}", d.name));
}

/// A diagram page, with what changed since a signed version marked when `marks` is given.
pub(super) fn marked_diagram_page(
    w: &mut Writer<'_>,
    p: &Project,
    d: &Diagram,
    a: &Analysis,
    marks: Option<&display::Marks>,
    title: &str,
) {
    w.page(LANDSCAPE);
    w.bookmark(title);
    w.heading(title, 14.0);
    let badges = a.badges(&crate::report::today());
    let scene = display::build_marked(
        p,
        d,
        &|id: &str| badges.get(id).copied(),
        &mut display::Routes::thorough(),
        marks,
    );
    let legend_h = 34.0;
    let area = (MARGIN, w.y, w.width(), w.bottom() - w.y - legend_h);
    let Some(bounds) = scene.bounds.filter(|_| !scene.items.is_empty()) else {
        w.para("This diagram is empty.", Face::Regular, 10.0, GREY);
        return;
    };
    let pad = 20.0;
    let scale = ((area.2 - 2.0 * pad) / bounds.w.max(1.0))
        .min((area.3 - 2.0 * pad) / bounds.h.max(1.0))
        .min(1.5);
    let fit = Fit {
        ox: area.0 + (area.2 - bounds.w * scale) / 2.0 - bounds.x * scale,
        oy: area.1 + (area.3 - bounds.h * scale) / 2.0 - bounds.y * scale,
        scale,
    };
    let pal = Palette::new(Variant::Light);
    let dash: &[f32] = &[3.0, 2.0];
    for item in &scene.items {
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
                text(w, &fit, title, BOUNDARY);
            }
            Prim::BoundaryLine { points, title, .. } => {
                let pts: Vec<(f32, f32)> = points.iter().map(|q| fit.at(*q)).collect();
                w.line(&pts, BOUNDARY, 1.0, Some(&[5.0, 3.0]), false);
                if let Some(t) = title {
                    text(w, &fit, t, BOUNDARY);
                }
            }
            _ => {}
        }
    }
    for item in &scene.items {
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
            let size = (6.0 * scale).clamp(3.0, 7.0);
            if pts.len() >= 2 {
                arrow(w, pts[pts.len() - 1], pts[pts.len() - 2], size, col);
                if *bidirectional {
                    arrow(w, pts[0], pts[1], size, col);
                }
            }
        }
    }
    for item in &scene.items {
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
                        let (ew, eh) = (r.w * scale, r.h * scale);
                        let rr = (radius * scale).min(ew / 2.0).min(eh / 2.0);
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
                        let (ew, eh) = (r.w * scale, r.h * scale);
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
                        let (ew, eh) = (r.w * scale, r.h * scale);
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
                text(w, &fit, name, if *out_of_scope { GREY } else { BLACK });
                if let Some(b) = b {
                    badge(w, &fit, b);
                }
            }
            Prim::Note { rect, text: t, .. } => {
                let (x0, y0) = fit.at(Pos::new(rect.x, rect.y));
                w.rect(
                    x0,
                    y0,
                    rect.w * scale,
                    rect.h * scale,
                    Some(rgb(pal.note_fill)),
                    None,
                );
                text(w, &fit, t, BLACK);
            }
            _ => {}
        }
    }
    for item in &scene.items {
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
            text(w, &fit, n, col);
        }
        if !tag.full.is_empty() {
            let (x, y) = fit.at(Pos::new(tag.rect.x, tag.rect.y));
            w.rect(
                x,
                y,
                tag.rect.w * scale,
                tag.rect.h * scale,
                Some(col),
                None,
            );
            text(w, &fit, tag, WHITE);
        }
    }
    for item in &scene.items {
        if let Prim::Flow {
            label, badge: b, ..
        } = item
        {
            if let Some(l) = label {
                let (x, y) = fit.at(Pos::new(l.rect.x, l.rect.y));
                w.rect(x, y, l.rect.w * scale, l.rect.h * scale, Some(WHITE), None);
                text(w, &fit, l, BLACK);
            }
            if let Some(b) = b {
                badge(w, &fit, b);
            }
        }
    }
    legend(w, legend_h, &pal);
}

fn legend(w: &mut Writer<'_>, legend_h: f32, pal: &Palette) {
    let ly = w.bottom() - legend_h + 8.0;
    let mut lx = MARGIN;
    let items: [(&str, Rgb); 3] = [
        ("Process", pal.process_fill),
        ("Data store", pal.store_fill),
        ("External entity", pal.entity_fill),
    ];
    for (label, fill) in items {
        w.rect(lx, ly, 14.0, 9.0, Some(rgb(fill)), Some((BLACK, 0.6)));
        w.text_at(lx + 18.0, ly, label, Face::Regular, 8.0, BLACK);
        lx += 30.0 + w.fonts.width(label, Face::Regular, 8.0);
    }
    w.line(
        &[(lx, ly + 4.5), (lx + 24.0, ly + 4.5)],
        BOUNDARY,
        1.0,
        Some(&[4.0, 2.0]),
        false,
    );
    w.text_at(
        lx + 28.0,
        ly,
        "Trust boundary",
        Face::Regular,
        8.0,
        BOUNDARY,
    );
    lx += 110.0;
    for s in Severity::ALL.iter().rev() {
        w.circle(lx + 4.0, ly + 4.5, 4.0, rgb(palette::severity(*s)));
        w.text_at(lx + 11.0, ly, s.label(), Face::Regular, 8.0, BLACK);
        lx += 20.0 + w.fonts.width(s.label(), Face::Regular, 8.0);
    }
    w.text_at(MARGIN, ly + 12.0, "Badges count the threats open or due for review, coloured by the highest severity. Dashed outlines are out of scope.", Face::Regular, 7.5, GREY);
}
