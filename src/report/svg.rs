//! A diagram as SVG (and as PNG, rasterised from the SVG by resvg), drawn from the same
//! scene geometry as the canvas and the PDF: fitted, with a legend and threat counts.

use std::fmt::Write;

use crate::analysis::Analysis;
use crate::model::*;
use crate::scene;

const PAD: f32 = 30.0;
const LEGEND: f32 = 40.0;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "#b00020",
        Severity::High => "#e0402a",
        Severity::Medium => "#e69b00",
        Severity::Low => "#3b8ed0",
    }
}

/// Open threats per subject and their highest severity.
fn badge(analysis: Option<&Analysis>, id: &str) -> Option<(usize, Severity)> {
    let a = analysis?;
    let open: Vec<Severity> = a
        .threats()
        .filter(|f| f.is_about(id) && f.status().is_open())
        .map(|f| f.severity)
        .collect();
    Some((open.len(), *open.iter().max()?))
}

/// One diagram as a standalone SVG document.
pub fn diagram_svg(project: &Project, diagram: &Diagram, analysis: Option<&Analysis>) -> String {
    let bounds = scene::diagram_bounds(diagram, &project.layout)
        .unwrap_or(Rect::new(0.0, 0.0, 400.0, 300.0));
    let (ox, oy) = (PAD - bounds.x, PAD - bounds.y + 24.0);
    let (w, h) = (bounds.w + 2.0 * PAD, bounds.h + 2.0 * PAD + 24.0 + LEGEND);
    let t = |p: Pos| (p.x + ox, p.y + oy);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="DejaVu Sans, sans-serif">"#
    );
    let _ = writeln!(out, r#"<title>{}</title>"#, esc(&diagram.name));
    let _ = writeln!(
        out,
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#4a525e"/></marker></defs>"##
    );
    let _ = writeln!(
        out,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r##"<text x="{PAD}" y="24" font-size="16" font-weight="bold" fill="#111418">{}</text>"##,
        esc(&diagram.name)
    );
    for b in &diagram.boundaries {
        match project.layout.boundaries.get(&b.id) {
            Some(BoundaryShape::Region(r)) => {
                let (x, y) = t(Pos::new(r.x, r.y));
                let _ = writeln!(
                    out,
                    r##"<g class="boundary" id="{}"><rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="#c62828" fill-opacity="0.03" stroke="#c62828" stroke-width="1.5" stroke-dasharray="8 5"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#c62828">{}</text></g>"##,
                    esc(b.id.as_str()),
                    r.w,
                    r.h,
                    x + 6.0,
                    y + 14.0,
                    esc(&b.name)
                );
            }
            Some(BoundaryShape::Line(pts)) => {
                let points: Vec<String> = pts
                    .iter()
                    .map(|p| {
                        let (x, y) = t(*p);
                        format!("{x:.1},{y:.1}")
                    })
                    .collect();
                let (mx, my) = t(scene::midpoint(pts));
                let _ = writeln!(
                    out,
                    r##"<g class="boundary" id="{}"><polyline points="{}" fill="none" stroke="#c62828" stroke-width="1.5" stroke-dasharray="8 5"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#c62828">{}</text></g>"##,
                    esc(b.id.as_str()),
                    points.join(" "),
                    mx + 6.0,
                    my - 4.0,
                    esc(&b.name)
                );
            }
            None => {}
        }
    }
    let offsets = scene::parallel_offsets(diagram);
    for (f, offset) in diagram.flows.iter().zip(offsets) {
        let (Some(a), Some(z)) = (
            project.layout.elements.get(&f.source),
            project.layout.elements.get(&f.target),
        ) else {
            continue;
        };
        let waypoints = project
            .layout
            .waypoints
            .get(&f.id)
            .cloned()
            .unwrap_or_default();
        let route = scene::route(a, z, &waypoints, offset);
        let points: Vec<String> = route
            .points
            .iter()
            .map(|p| {
                let (x, y) = t(*p);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let (lx, ly) = t(route.label);
        let dash = if f.out_of_scope {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let start = if f.bidirectional {
            r#" marker-start="url(#arrow)""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r##"<g class="flow" id="{}"><polyline points="{}" fill="none" stroke="#4a525e" stroke-width="1.4"{dash} marker-end="url(#arrow)"{start}/><text x="{lx:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#111418" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            esc(f.id.as_str()),
            points.join(" "),
            ly + 3.0,
            esc(&f.name)
        );
        if let Some((n, sev)) = badge(analysis, f.id.as_str()) {
            let _ = write!(
                out,
                r##"<circle cx="{:.1}" cy="{:.1}" r="7" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="#ffffff">{n}</text>"##,
                lx + 4.0 + f.name.chars().count() as f32 * 2.9,
                ly - 8.0,
                severity_color(sev),
                lx + 4.0 + f.name.chars().count() as f32 * 2.9,
                ly - 5.0
            );
        }
        let _ = writeln!(out, "</g>");
    }
    for e in &diagram.elements {
        let Some(r) = project.layout.elements.get(&e.id) else {
            continue;
        };
        let (x, y) = t(Pos::new(r.x, r.y));
        let stroke = if e.out_of_scope { "#9a9fa6" } else { "#333a44" };
        let dash = if e.out_of_scope {
            r#" stroke-dasharray="5 3""#
        } else {
            ""
        };
        let shape = match scene::outline(e.kind(), *r) {
            scene::Outline::Rounded { radius, .. } => format!(
                r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" rx="{radius:.1}" fill="#dceafb" stroke="{stroke}" stroke-width="1.4"{dash}/>"##,
                r.w, r.h
            ),
            scene::Outline::OpenRect { .. } => format!(
                r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="#e0f2e4"/><path d="M{x:.1},{y:.1} h{:.1} M{x:.1},{:.1} h{:.1}" stroke="{stroke}" stroke-width="1.4"{dash}/>"##,
                r.w,
                r.h,
                r.w,
                y + r.h,
                r.w
            ),
            scene::Outline::Box { .. } => format!(
                r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="#ece6f7" stroke="{stroke}" stroke-width="1.4"{dash}/>"##,
                r.w, r.h
            ),
        };
        let lines: Vec<&str> = e.name.lines().collect();
        let mut text = String::new();
        for (i, line) in lines.iter().enumerate() {
            let dy = (i as f32 - (lines.len() as f32 - 1.0) / 2.0) * 13.0;
            let _ = write!(
                text,
                r##"<text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" text-anchor="middle" fill="#111418">{}</text>"##,
                x + r.w / 2.0,
                y + r.h / 2.0 + 4.0 + dy,
                esc(line)
            );
        }
        let mut badge_svg = String::new();
        if let Some((n, sev)) = badge(analysis, e.id.as_str()) {
            badge_svg = format!(
                r##"<circle cx="{:.1}" cy="{y:.1}" r="9" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#ffffff">{n}</text>"##,
                x + r.w,
                severity_color(sev),
                x + r.w,
                y + 3.5
            );
        }
        let _ = writeln!(
            out,
            r#"<g class="element" data-kind="{}" id="{}">{shape}{text}{badge_svg}</g>"#,
            e.kind().snake(),
            esc(e.id.as_str())
        );
    }
    for n in &diagram.notes {
        let Some(r) = project.layout.notes.get(&n.id) else {
            continue;
        };
        let (x, y) = t(Pos::new(r.x, r.y));
        let mut text = String::new();
        for (i, line) in n.text.lines().enumerate() {
            let _ = write!(
                text,
                r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#111418">{}</text>"##,
                x + 4.0,
                y + 14.0 + i as f32 * 12.0,
                esc(line)
            );
        }
        let _ = writeln!(
            out,
            r##"<g class="note" id="{}"><rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="#fff6c8"/>{text}</g>"##,
            esc(n.id.as_str()),
            r.w,
            r.h
        );
    }
    // Legend.
    let ly = h - LEGEND + 14.0;
    let _ = writeln!(
        out,
        r##"<g class="legend" font-size="10" fill="#111418"><rect x="{PAD}" y="{ly}" width="16" height="10" rx="5" fill="#dceafb" stroke="#333a44"/><text x="{}" y="{}">Process</text><rect x="{}" y="{ly}" width="16" height="10" fill="#e0f2e4" stroke="#333a44"/><text x="{}" y="{}">Data store</text><rect x="{}" y="{ly}" width="16" height="10" fill="#ece6f7" stroke="#333a44"/><text x="{}" y="{}">External entity</text><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c62828" stroke-width="1.5" stroke-dasharray="6 3"/><text x="{}" y="{}" fill="#c62828">Trust boundary</text><text x="{}" y="{}" fill="#6b727b">Circles: open threats, coloured by the highest severity</text></g>"##,
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
    db.load_font_data(include_bytes!("../../assets/fonts/DejaVuSans.ttf").to_vec());
    db.load_font_data(include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf").to_vec());
    db.load_font_data(include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf").to_vec());
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
