//! A diagram as SVG (and as PNG, rasterised from the SVG by resvg), drawn from the same
//! display list as the canvas and the PDF: fitted, with a legend and threat badges.

use std::fmt::Write;

use crate::analysis::Analysis;
use crate::model::*;
use crate::scene;
use crate::scene::display::{self, Badge, Prim, Scene, TextBox};
use crate::scene::palette::{self, Palette, Variant};

const PAD: f32 = 30.0;
const LEGEND: f32 = 40.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One diagram as a standalone SVG document, drawn from the diagram's display list.
pub fn diagram_svg(project: &Project, diagram: &Diagram, analysis: Option<&Analysis>) -> String {
    let badges = analysis.map(|a| a.badges(&crate::report::today()));
    let badge = |id: &str| badges.as_ref().and_then(|b| b.get(id).copied());
    let scene = display::build(project, diagram, &badge);
    scene_svg(&diagram.name, &scene)
}

fn text_svg(out: &mut String, t: &TextBox, fill: &str, halo: Option<&str>) {
    let anchor = if t.left { "start" } else { "middle" };
    let weight = if t.bold { r#" font-weight="bold""# } else { "" };
    let halo = halo.map_or_else(String::new, |h| {
        format!(r#" stroke="{h}" stroke-width="3" paint-order="stroke""#)
    });
    for (i, line) in t.lines.iter().enumerate() {
        let p = t.anchor(i);
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="{:.1}"{weight} text-anchor="{anchor}" fill="{fill}"{halo}>{}</text>"#,
            p.x,
            p.y,
            t.size,
            esc(line)
        );
    }
    if t.is_elided() {
        let _ = write!(out, "<title>{}</title>", esc(&t.full));
    }
}

fn badge_svg(out: &mut String, b: &Badge) {
    let r = b.rect();
    let _ = write!(
        out,
        r##"<rect class="badge" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="middle" fill="#ffffff">{}</text>"##,
        r.x,
        r.y,
        r.w,
        r.h,
        b.radius,
        palette::severity(b.severity).hex(),
        b.center.x,
        b.center.y + b.radius * 0.4,
        b.radius * 1.15,
        b.count
    );
}

fn points_attr(points: &[Pos]) -> String {
    points
        .iter()
        .map(|p| format!("{:.1},{:.1}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A display list as SVG, on the report's light palette, with a title and a legend.
pub fn scene_svg(title: &str, scene: &Scene) -> String {
    let pal = Palette::new(Variant::Light);
    let bounds = scene.bounds.unwrap_or(Rect::new(0.0, 0.0, 400.0, 300.0));
    let (ox, oy) = (PAD - bounds.x, PAD - bounds.y + 24.0);
    let (w, h) = (bounds.w + 2.0 * PAD, bounds.h + 2.0 * PAD + 24.0 + LEGEND);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="DejaVu Sans, sans-serif">"#
    );
    let _ = writeln!(out, r#"<title>{}</title>"#, esc(title));
    let _ = writeln!(
        out,
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{}"/></marker></defs>"##,
        pal.flow.hex()
    );
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r##"<text x="{PAD}" y="24" font-size="16" font-weight="bold" fill="{}">{}</text>"##,
        pal.text.hex(),
        esc(title)
    );
    let _ = writeln!(out, r#"<g transform="translate({ox:.1} {oy:.1})">"#);
    let (text, boundary, flow) = (pal.text.hex(), pal.boundary.hex(), pal.flow.hex());
    // Boundaries, then flow lines, then elements and notes, then the flows' labels on top.
    for p in &scene.items {
        match p {
            Prim::Region { id, rect, title } => {
                let _ = write!(
                    out,
                    r##"<g class="boundary" id="{}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{boundary}" fill-opacity="0.03" stroke="{boundary}" stroke-width="1.5" stroke-dasharray="8 5"/>"##,
                    esc(id),
                    rect.x,
                    rect.y,
                    rect.w,
                    rect.h
                );
                text_svg(&mut out, title, &boundary, None);
                let _ = writeln!(out, "</g>");
            }
            Prim::BoundaryLine { id, points, title } => {
                let _ = write!(
                    out,
                    r##"<g class="boundary" id="{}"><polyline points="{}" fill="none" stroke="{boundary}" stroke-width="1.5" stroke-dasharray="8 5"/>"##,
                    esc(id),
                    points_attr(points)
                );
                if let Some(t) = title {
                    text_svg(&mut out, t, &boundary, Some("#ffffff"));
                }
                let _ = writeln!(out, "</g>");
            }
            _ => {}
        }
    }
    for p in &scene.items {
        if let Prim::Flow {
            id,
            points,
            bidirectional,
            out_of_scope,
            ..
        } = p
        {
            let dash = if *out_of_scope {
                r#" stroke-dasharray="6 4""#
            } else {
                ""
            };
            let start = if *bidirectional {
                r#" marker-start="url(#arrow)""#
            } else {
                ""
            };
            let _ = writeln!(
                out,
                r##"<g class="flow" id="{}"><polyline points="{}" fill="none" stroke="{flow}" stroke-width="1.4"{dash} marker-end="url(#arrow)"{start}/></g>"##,
                esc(id),
                points_attr(points)
            );
        }
    }
    for p in &scene.items {
        match p {
            Prim::Element {
                id,
                kind,
                outline,
                out_of_scope,
                name,
                badge,
            } => {
                let stroke = if *out_of_scope {
                    pal.muted.hex()
                } else {
                    pal.outline.hex()
                };
                let dash = if *out_of_scope {
                    r#" stroke-dasharray="5 3""#
                } else {
                    ""
                };
                let fill = pal.fill(*kind).hex();
                let shape = match *outline {
                    scene::Outline::Rounded { rect: r, radius } => format!(
                        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{radius:.1}" fill="{fill}" stroke="{stroke}" stroke-width="1.4"{dash}/>"#,
                        r.x, r.y, r.w, r.h
                    ),
                    scene::Outline::OpenRect { rect: r } => format!(
                        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}"/><path d="M{:.1},{:.1} h{:.1} M{:.1},{:.1} h{:.1}" stroke="{stroke}" stroke-width="1.4"{dash}/>"#,
                        r.x,
                        r.y,
                        r.w,
                        r.h,
                        r.x,
                        r.y,
                        r.w,
                        r.x,
                        r.y + r.h,
                        r.w
                    ),
                    scene::Outline::Box { rect: r } => format!(
                        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="{stroke}" stroke-width="1.4"{dash}/>"#,
                        r.x, r.y, r.w, r.h
                    ),
                };
                let _ = write!(
                    out,
                    r#"<g class="element" data-kind="{}" id="{}">{shape}"#,
                    kind.snake(),
                    esc(id)
                );
                text_svg(&mut out, name, &text, None);
                if let Some(b) = badge {
                    badge_svg(&mut out, b);
                }
                let _ = writeln!(out, "</g>");
            }
            Prim::Note { id, rect, text: t } => {
                let _ = write!(
                    out,
                    r#"<g class="note" id="{}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
                    esc(id),
                    rect.x,
                    rect.y,
                    rect.w,
                    rect.h,
                    pal.note_fill.hex()
                );
                text_svg(&mut out, t, &text, None);
                let _ = writeln!(out, "</g>");
            }
            _ => {}
        }
    }
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
        let color = kind.color().hex();
        let dash = if *kind == display::MarkKind::Removed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(out, r#"<g class="mark">"#);
        match rect {
            Some(r) => {
                let _ = write!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="6" fill="none" stroke="{color}" stroke-width="2.5"{dash}/>"#,
                    r.x, r.y, r.w, r.h
                );
            }
            None if *kind == display::MarkKind::Removed => {
                let _ = write!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"{dash}/>"#,
                    points_attr(points)
                );
            }
            None => {
                let _ = write!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{color}" stroke-opacity="0.45" stroke-width="7"/>"#,
                    points_attr(points)
                );
            }
        }
        if let Some(n) = name {
            text_svg(&mut out, n, &color, None);
        }
        if !tag.full.is_empty() {
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="{color}"/>"#,
                tag.rect.x, tag.rect.y, tag.rect.w, tag.rect.h
            );
            text_svg(&mut out, tag, "#ffffff", None);
        }
        let _ = writeln!(out, "</g>");
    }
    for p in &scene.items {
        if let Prim::Flow {
            id, label, badge, ..
        } = p
        {
            if label.is_none() && badge.is_none() {
                continue;
            }
            let _ = write!(out, r#"<g class="flow-label" data-flow="{}">"#, esc(id));
            if let Some(l) = label {
                let _ = write!(
                    out,
                    r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="#ffffff" fill-opacity="0.88"/>"##,
                    l.rect.x, l.rect.y, l.rect.w, l.rect.h
                );
                text_svg(&mut out, l, &text, None);
            }
            if let Some(b) = badge {
                badge_svg(&mut out, b);
            }
            let _ = writeln!(out, "</g>");
        }
    }
    let _ = writeln!(out, "</g>");
    // Legend.
    let ly = h - LEGEND + 14.0;
    let (process, store, entity, outline) = (
        pal.process_fill.hex(),
        pal.store_fill.hex(),
        pal.entity_fill.hex(),
        pal.outline.hex(),
    );
    let _ = writeln!(
        out,
        r##"<g class="legend" font-size="10" fill="{text}"><rect x="{PAD}" y="{ly}" width="16" height="10" rx="5" fill="{process}" stroke="{outline}"/><text x="{}" y="{}">Process</text><rect x="{}" y="{ly}" width="16" height="10" fill="{store}" stroke="{outline}"/><text x="{}" y="{}">Data store</text><rect x="{}" y="{ly}" width="16" height="10" fill="{entity}" stroke="{outline}"/><text x="{}" y="{}">External entity</text><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{boundary}" stroke-width="1.5" stroke-dasharray="6 3"/><text x="{}" y="{}" fill="{boundary}">Trust boundary</text><text x="{}" y="{}" fill="#6b727b">Badges: threats open or due for review, coloured by the highest severity</text></g>"##,
        PAD + 20.0,
        ly + 9.0,
        PAD + 80.0,
        PAD + 100.0,
        ly + 9.0,
        PAD + 170.0,
        PAD + 190.0,
        ly + 9.0,
        PAD + 280.0,
        ly + 5.0,
        PAD + 310.0,
        ly + 5.0,
        PAD + 316.0,
        ly + 9.0,
        PAD + 410.0,
        ly + 9.0
    );
    out.push_str("</svg>\n");
    out
}

#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    #[error("the SVG could not be read: {0}")]
    Svg(String),
    #[error("the image would be {0}×{1} pixels; the limit is 16384 on a side")]
    TooLarge(u32, u32),
    #[error("the PNG could not be encoded: {0}")]
    Encode(String),
}

/// Rasterises an SVG document at `scale` (1.0 = one pixel per canvas unit) with resvg,
/// using the report's embedded fonts.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, RasterError> {
    let mut options = resvg::usvg::Options::default();
    let db = options.fontdb_mut();
    use crate::scene::text::fonts;
    db.load_font_data(fonts::REGULAR.to_vec());
    db.load_font_data(fonts::BOLD.to_vec());
    db.load_font_data(fonts::FALLBACK.to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    let tree =
        resvg::usvg::Tree::from_str(svg, &options).map_err(|e| RasterError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if w > 16_384 || h > 16_384 || w == 0 || h == 0 {
        return Err(RasterError::TooLarge(w, h));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or(RasterError::TooLarge(w, h))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RasterError::Encode(e.to_string()))
}
