//! A diagram page of the report, drawn from the diagram's display list (the same one the
//! canvas and the SVG draw), scaled to fit a landscape page, with a legend.
//!
//! This file lays the pages out (fit, detail tiles, legend); drawing the primitives on a
//! page is `draw.rs`, the overview's key `overview.rs`.

use super::{BLACK, BOUNDARY, Face, GREY, LANDSCAPE, MARGIN, Rgb8, Writer};
use crate::analysis::Analysis;
use crate::model::{Diagram, Pos, Project, Severity};
use crate::scene::Outline;
use crate::scene::display::{self, Prim, TextBox};
use crate::scene::palette::{self, Palette, Rgb, Variant};

mod draw;
mod overview;

use draw::{draw_items, draw_scene};

use overview::{Keyed, OverviewKey, overview_key, overview_legend, overview_names, owned_area};

fn rgb(c: Rgb) -> Rgb8 {
    Rgb8(c.0, c.1, c.2)
}

const WHITE: Rgb8 = Rgb8(0xff, 0xff, 0xff);

/// Canvas coordinates to the page.
struct Fit {
    ox: f32,
    oy: f32,
    scale: f32,
    /// Whether text is drawn: an overview too small for 7-pt labels draws none.
    labels: bool,
}

impl Fit {
    fn at(&self, q: Pos) -> (f32, f32) {
        (self.ox + q.x * self.scale, self.oy + q.y * self.scale)
    }
}

/// A diagram's detail pages left for the appendix (too many for the body).
pub(super) struct DeferredDetails {
    scene: display::Scene,
    tiles: Vec<crate::model::Rect>,
    scale: f32,
    title: String,
    overview_page: usize,
    keyed: Vec<Keyed>,
}

/// More detail pages than this for one diagram go to the appendix; the overview stays.
const MAX_BODY_DETAILS: usize = 6;

pub(super) fn diagram_page(
    w: &mut Writer<'_>,
    p: &Project,
    d: &Diagram,
    a: &Analysis,
) -> Option<DeferredDetails> {
    marked_diagram_page(w, p, d, a, None, &format!("Diagram: {}", d.name), true)
}

/// The detail pages of a diagram whose overview is in the body.
pub(super) fn deferred_details(w: &mut Writer<'_>, d: &DeferredDetails) {
    let pal = Palette::new(Variant::Light);
    if !d.keyed.is_empty() {
        overview_key(w, &d.title, &d.keyed, d.tiles.len());
    }
    detail_pages(
        w,
        &d.scene,
        &d.tiles,
        d.scale,
        &d.title,
        d.overview_page,
        &pal,
    );
}

fn detail_pages(
    w: &mut Writer<'_>,
    scene: &display::Scene,
    tiles: &[crate::model::Rect],
    legible: f32,
    title: &str,
    overview_page: usize,
    pal: &Palette,
) {
    let legend_h = LEGEND_H;
    let pad = 20.0;
    for (i, t) in tiles.iter().enumerate() {
        w.page(LANDSCAPE);
        w.heading(
            &format!(
                "{title} — detail D{} of {} (overview on page {overview_page})",
                i + 1,
                tiles.len()
            ),
            12.0,
        );
        let area = (MARGIN, w.y, w.width(), w.bottom() - w.y - legend_h);
        let s = legible;
        let fit = Fit {
            ox: area.0 + pad - t.x * s,
            oy: area.1 + pad - t.y * s,
            scale: s,
            labels: true,
        };
        let clip = [
            (area.0 + pad, area.1 + pad),
            (area.0 + pad + t.w * s, area.1 + pad),
            (area.0 + pad + t.w * s, area.1 + pad + t.h * s),
            (area.0 + pad, area.1 + pad + t.h * s),
        ];
        w.begin_clip(&clip);
        let items: Vec<Prim> = items_in(scene, *t)
            .map(|i| without_cut_text(i, t, tiles))
            .collect();
        draw_items(w, items.iter(), &fit, pal);
        w.end_clip();
        w.line(&clip, RULE_GREY, 0.5, None, true);
        legend(w, legend_h, pal, scene);
    }
}

const LEGEND_H: f32 = 44.0;

/// `item` with its text left out where the edge of detail area `t` would cut it and
/// another area holds it whole: half a name at the edge ("atboard", "top app") reads as
/// a word broken mid-way.
fn without_cut_text(item: &Prim, t: &crate::model::Rect, tiles: &[crate::model::Rect]) -> Prim {
    let inside = |r: &crate::model::Rect, a: &crate::model::Rect| {
        r.x >= a.x && r.x + r.w <= a.x + a.w && r.y >= a.y && r.y + r.h <= a.y + a.h
    };
    let cut = |r: &crate::model::Rect| !inside(r, t) && tiles.iter().any(|u| inside(r, u));
    let mut item = item.clone();
    match &mut item {
        Prim::Element { name: text, .. }
        | Prim::Region { title: text, .. }
        | Prim::Note { text, .. } => {
            if cut(&text.rect) {
                text.lines.clear();
            }
        }
        Prim::Flow { label: text, .. } | Prim::BoundaryLine { title: text, .. } => {
            if text.as_ref().is_some_and(|l| cut(&l.rect)) {
                *text = None;
            }
        }
        Prim::Mark { .. } => {}
    }
    item
}

/// A diagram page, with what changed since a signed version marked when `marks` is given.
pub(super) fn marked_diagram_page(
    w: &mut Writer<'_>,
    p: &Project,
    d: &Diagram,
    a: &Analysis,
    marks: Option<&display::Marks>,
    title: &str,
    allow_defer: bool,
) -> Option<DeferredDetails> {
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
    let legend_h = LEGEND_H;
    let area = (MARGIN, w.y, w.width(), w.bottom() - w.y - legend_h);
    let Some(bounds) = scene.bounds.filter(|_| !scene.items.is_empty()) else {
        w.para("This diagram is empty.", Face::Regular, 10.0, GREY);
        return None;
    };
    let pal = Palette::new(Variant::Light);
    let scale_at = |pad: f32| {
        ((area.2 - 2.0 * pad) / bounds.w.max(1.0))
            .min((area.3 - 2.0 * pad) / bounds.h.max(1.0))
            .min(1.5)
    };
    // The scale at which the smallest label prints at MIN_LABEL_PT.
    let legible = MIN_LABEL_PT / smallest_text(&scene).max(0.1);
    // A diagram just short of legible with the usual margin round it fits with a narrow
    // one: one page rather than an overview and details (the telehealth clinic's five
    // elements took three pages).
    let pad = if scale_at(20.0) < legible * 0.999 && scale_at(4.0) >= legible * 0.999 {
        4.0
    } else {
        20.0
    };
    let scale = scale_at(pad);
    let fits = scale >= legible * 0.999;
    let fit = Fit {
        ox: area.0 + (area.2 - bounds.w * scale) / 2.0 - bounds.x * scale,
        oy: area.1 + (area.3 - bounds.h * scale) / 2.0 - bounds.y * scale,
        scale,
        labels: fits,
    };
    if fits {
        draw_scene(w, &scene, &fit, &pal);
        legend(w, legend_h, &pal, &scene);
        return None;
    }
    // Too big for one page at a legible size: this page is the overview, with the detail
    // pages' areas drawn and named; each detail page shows one area at MIN_LABEL_PT.
    let tiles = tiles(
        &scene,
        bounds,
        (area.2 - 2.0 * pad) / legible,
        (area.3 - 2.0 * pad) / legible,
    );
    // Changes since a sign-off: only the areas holding a change get a detail page (one
    // renamed store printed an overview and four detail pages of the whole diagram).
    let all_tiles = tiles.len();
    let tiles = if marks.is_some() {
        let changed: Vec<Pos> = scene
            .items
            .iter()
            .filter_map(|i| match i {
                Prim::Mark { rect, points, .. } => rect
                    .map(|r| r.center())
                    .or_else(|| points.get(points.len() / 2).copied()),
                _ => None,
            })
            .collect();
        // Each change on the one area it lies deepest in (areas overlap).
        let depth = |t: &crate::model::Rect, c: &Pos| {
            (c.x - t.x)
                .min(t.x + t.w - c.x)
                .min(c.y - t.y)
                .min(t.y + t.h - c.y)
        };
        let mut wanted = vec![false; tiles.len()];
        for c in &changed {
            let best = tiles
                .iter()
                .enumerate()
                .filter(|(_, t)| depth(t, c) >= 0.0)
                .max_by(|a, b| depth(a.1, c).total_cmp(&depth(b.1, c)));
            if let Some((i, _)) = best {
                wanted[i] = true;
            }
        }
        let kept: Vec<crate::model::Rect> = tiles
            .iter()
            .zip(&wanted)
            .filter(|(_, w)| **w)
            .map(|(t, _)| *t)
            .collect();
        if kept.is_empty() { tiles } else { kept }
    } else {
        tiles
    };
    // The areas' frames, under the diagram: no line through an element's name.
    let frames: Vec<(f32, f32, f32, f32)> = tiles
        .iter()
        .map(|t| {
            // Within the diagram's bounds (the last row and column reach past them), and
            // up to the middle of where it overlaps its neighbours: one clean grid, not
            // two frames through each other.
            let owned = owned_area(t, tiles.as_slice());
            let (x0, y0) = fit.at(Pos::new(owned.x.max(bounds.x), owned.y.max(bounds.y)));
            let (x1, y1) = fit.at(Pos::new(
                (owned.x + owned.w).min(bounds.x + bounds.w),
                (owned.y + owned.h).min(bounds.y + bounds.h),
            ));
            (x0, y0, x1, y1)
        })
        .collect();
    for &(x0, y0, x1, y1) in &frames {
        w.line(
            &[(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
            DETAIL,
            1.2,
            None,
            true,
        );
    }
    draw_scene(w, &scene, &fit, &pal);
    // Names where they fit at MIN_LABEL_PT, numbers keyed on the next page elsewhere.
    let keyed = overview_names(w, &scene, &fit, &tiles);
    let overview_page = w.pages.len();
    let defer = allow_defer && tiles.len() > MAX_BODY_DETAILS;
    // A short key fits under the overview; a longer one has a page of its own, or for a
    // deferred diagram goes with its details to the appendix (a thousand names would be
    // pages of the body).
    let short_key = (!keyed.is_empty())
        .then(|| {
            let text = format!(
                "Numbered elements: {}.",
                keyed
                    .iter()
                    .map(|k| format!("{} {} ({})", k.number, k.name, k.on_detail()))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            let lines = w.fonts.wrap(&text, Face::Regular, 8.0, w.width()).len();
            (lines <= 2).then_some(text)
        })
        .flatten();
    let key = match (&short_key, keyed.is_empty(), defer) {
        (Some(k), _, _) => OverviewKey::Here(k.clone()),
        (None, true, _) => OverviewKey::None,
        (None, false, false) => OverviewKey::NextPage,
        (None, false, true) => OverviewKey::BeforeDetails,
    };
    overview_legend(w, legend_h, tiles.len(), all_tiles, defer, &key);
    let keyed = if short_key.is_some() {
        Vec::new()
    } else {
        keyed
    };
    if !keyed.is_empty() && !defer {
        overview_key(w, title, &keyed, tiles.len());
    }
    // The detail areas and their pages, drawn on the overview once the key's pages are
    // counted.
    let first_detail = w.pages.len() + 1;
    // Elements on the overview page (x0, y0, x1, y1): the areas' tags keep off them.
    let shapes: Vec<(f32, f32, f32, f32)> = scene
        .items
        .iter()
        .filter_map(|i| match i {
            Prim::Element { outline, .. } => {
                let r = match outline {
                    Outline::Rounded { rect, .. }
                    | Outline::OpenRect { rect }
                    | Outline::Box { rect } => *rect,
                };
                let (a, b) = fit.at(Pos::new(r.x, r.y));
                let (c, d) = fit.at(Pos::new(r.x + r.w, r.y + r.h));
                Some((a, b, c, d))
            }
            _ => None,
        })
        .collect();
    let later = w.pages.split_off(overview_page);
    for (i, &(x0, y0, x1, y1)) in frames.iter().enumerate() {
        let tag = if defer {
            format!("D{}", i + 1)
        } else {
            format!("D{} p. {}", i + 1, first_detail + i)
        };
        let (tw, th) = (w.fonts.width(&tag, Face::Bold, 9.0) + 6.0, 13.0);
        // In a corner of its area where it covers no element.
        let corners = [(x0, y0), (x1 - tw, y0), (x0, y1 - th), (x1 - tw, y1 - th)];
        let covers = |(x, y): (f32, f32)| {
            shapes
                .iter()
                .any(|&(a, b, c, d)| x < c && x + tw > a && y < d && y + th > b)
        };
        let (tx, ty) = corners
            .iter()
            .copied()
            .find(|c| !covers(*c))
            .unwrap_or((x0, y0));
        w.rect(tx, ty, tw, th, Some(DETAIL), None);
        w.text_at(tx + 3.0, ty + 2.0, &tag, Face::Bold, 9.0, WHITE);
    }
    w.pages.extend(later);
    if defer {
        return Some(DeferredDetails {
            scene,
            tiles,
            scale: legible,
            title: title.to_owned(),
            overview_page,
            keyed,
        });
    }
    detail_pages(w, &scene, &tiles, legible, title, overview_page, &pal);
    None
}

/// Labels print at least this size on paper.
pub(super) const MIN_LABEL_PT: f32 = 7.0;
const DETAIL: Rgb8 = Rgb8(0x1d, 0x4e, 0xd8);
const RULE_GREY: Rgb8 = Rgb8(0xc4, 0xc8, 0xce);

/// The smallest text size in the scene (canvas units).
fn smallest_text(scene: &display::Scene) -> f32 {
    let size = |t: &TextBox| (!t.lines.is_empty()).then_some(t.size);
    // Badges are left out: their digits grow to the minimum where needed.
    scene
        .items
        .iter()
        .flat_map(|item| match item {
            Prim::Region { title, .. } => vec![size(title)],
            Prim::BoundaryLine { title, .. } => vec![title.as_ref().and_then(size)],
            Prim::Flow { label, .. } => vec![label.as_ref().and_then(size)],
            Prim::Element { name, .. } => vec![size(name)],
            Prim::Note { text, .. } => vec![size(text)],
            Prim::Mark { tag, name, .. } => vec![size(tag), name.as_ref().and_then(size)],
        })
        .flatten()
        .fold(None, |m: Option<f32>, s| Some(m.map_or(s, |m| m.min(s))))
        .unwrap_or(12.0)
}

/// Where something is drawn (for telling which detail area holds something).
fn item_points(item: &Prim) -> Vec<Pos> {
    let r = |r: &crate::model::Rect| vec![Pos::new(r.x + r.w / 2.0, r.y + r.h / 2.0)];
    match item {
        Prim::Element { outline, .. } => match outline {
            Outline::Rounded { rect, .. } | Outline::OpenRect { rect } | Outline::Box { rect } => {
                r(rect)
            }
        },
        Prim::Flow { label: Some(l), .. } => r(&l.rect),
        Prim::Note { rect, .. } => r(rect),
        _ => Vec::new(),
    }
}

/// Detail areas of `tw` × `th` canvas units over `bounds`, overlapping a little so what
/// lies on an edge is whole on one of them; areas with nothing in them are left out.
fn tiles(
    scene: &display::Scene,
    bounds: crate::model::Rect,
    tw: f32,
    th: f32,
) -> Vec<crate::model::Rect> {
    // Evenly spread over the bounds, each step at most 90% of an area (some overlap).
    let spread = |len: f32, size: f32| -> (usize, f32) {
        if len <= size {
            return (1, 0.0);
        }
        let n = (((len - size) / (size * 0.9)).ceil() as usize + 1).min(20);
        (n, (len - size) / (n - 1) as f32)
    };
    let (cols, sx) = spread(bounds.w, tw);
    let (rows, sy) = spread(bounds.h, th);
    let points: Vec<Pos> = scene.items.iter().flat_map(item_points).collect();
    let mut out = Vec::new();
    for row in 0..rows {
        for col in 0..cols {
            // A single column or row is centred on the bounds.
            let x = if cols == 1 {
                bounds.x + (bounds.w - tw) / 2.0
            } else {
                bounds.x + col as f32 * sx
            };
            let y = if rows == 1 {
                bounds.y + (bounds.h - th) / 2.0
            } else {
                bounds.y + row as f32 * sy
            };
            let t = crate::model::Rect::new(x, y, tw, th);
            if points
                .iter()
                .any(|p| p.x >= t.x && p.x <= t.x + t.w && p.y >= t.y && p.y <= t.y + t.h)
            {
                out.push(t);
            }
        }
    }
    out
}

/// The box an item is drawn in (its label included), in canvas units.
fn item_box(item: &Prim) -> Option<crate::model::Rect> {
    let of_points = |pts: &[Pos]| {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for q in pts {
            x0 = x0.min(q.x);
            y0 = y0.min(q.y);
            x1 = x1.max(q.x);
            y1 = y1.max(q.y);
        }
        (x0 <= x1).then(|| crate::model::Rect::new(x0, y0, x1 - x0, y1 - y0))
    };
    let union = |a: Option<crate::model::Rect>, b: Option<crate::model::Rect>| match (a, b) {
        (Some(a), Some(b)) => {
            let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
            let (x1, y1) = ((a.x + a.w).max(b.x + b.w), (a.y + a.h).max(b.y + b.h));
            Some(crate::model::Rect::new(x0, y0, x1 - x0, y1 - y0))
        }
        (a, None) => a,
        (None, b) => b,
    };
    match item {
        Prim::Element { outline, name, .. } => {
            let r = match outline {
                Outline::Rounded { rect, .. }
                | Outline::OpenRect { rect }
                | Outline::Box { rect } => *rect,
            };
            union(Some(r), Some(name.rect))
        }
        Prim::Flow { points, label, .. } => {
            union(of_points(points), label.as_ref().map(|l| l.rect))
        }
        Prim::Note { rect, .. } => Some(*rect),
        Prim::Region { rect, title, .. } => union(Some(*rect), Some(title.rect)),
        Prim::BoundaryLine { points, title, .. } => {
            union(of_points(points), title.as_ref().map(|t| t.rect))
        }
        Prim::Mark {
            rect,
            points,
            tag,
            name,
            ..
        } => union(
            union(*rect, of_points(points)),
            union(Some(tag.rect), name.as_ref().map(|n| n.rect)),
        ),
    }
}

/// The items that reach into `area` (canvas units), with some room for badges.
fn items_in(
    scene: &display::Scene,
    area: crate::model::Rect,
) -> impl Iterator<Item = &Prim> + Clone {
    let m = 30.0;
    scene.items.iter().filter(move |i| {
        item_box(i).is_none_or(|b| {
            b.x <= area.x + area.w + m
                && b.x + b.w >= area.x - m
                && b.y <= area.y + area.h + m
                && b.y + b.h >= area.y - m
        })
    })
}

/// The legend under a diagram: names every mark the page uses.
fn legend(w: &mut Writer<'_>, legend_h: f32, pal: &Palette, scene: &display::Scene) {
    let ly = w.bottom() - legend_h + 6.0;
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
        Some(&[5.0, 3.0]),
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
    lx += 40.0 + w.fonts.width("Trust boundary", Face::Regular, 8.0);
    let out_of_scope = scene.items.iter().any(|i| {
        matches!(
            i,
            Prim::Element {
                out_of_scope: true,
                ..
            } | Prim::Flow {
                out_of_scope: true,
                ..
            }
        )
    });
    if out_of_scope {
        w.rect(lx, ly, 14.0, 9.0, Some(WHITE), None);
        w.line(
            &[
                (lx, ly),
                (lx + 14.0, ly),
                (lx + 14.0, ly + 9.0),
                (lx, ly + 9.0),
            ],
            GREY,
            0.9,
            Some(&[1.0, 1.8]),
            true,
        );
        w.text_at(lx + 18.0, ly, "Out of scope", Face::Regular, 8.0, GREY);
        lx += 30.0 + w.fonts.width("Out of scope", Face::Regular, 8.0);
    }
    let _ = lx;
    // Second line: badges, and the change marks when there are any.
    let ly2 = ly + 14.0;
    let mut lx = MARGIN;
    w.text_at(lx, ly2, "Badges:", Face::Regular, 8.0, BLACK);
    lx += 4.0 + w.fonts.width("Badges:", Face::Regular, 8.0);
    for s in Severity::ALL.iter().rev() {
        let label = crate::edit::capitalized(s.label());
        w.circle(lx + 4.0, ly2 + 4.5, 4.0, rgb(palette::severity(*s)));
        w.text_at(lx + 11.0, ly2, &label, Face::Regular, 8.0, BLACK);
        lx += 20.0 + w.fonts.width(&label, Face::Regular, 8.0);
    }
    let mut kinds: Vec<display::MarkKind> = Vec::new();
    for i in &scene.items {
        if let Prim::Mark { kind, .. } = i {
            if !kinds.contains(kind) {
                kinds.push(*kind);
            }
        }
    }
    for k in kinds {
        let label = match k {
            display::MarkKind::Added => "Added since sign-off",
            display::MarkKind::Changed => "Changed since sign-off",
            display::MarkKind::Removed => "Removed since sign-off (dashed)",
        };
        let col = rgb(k.color());
        w.line(
            &[(lx, ly2 + 4.5), (lx + 18.0, ly2 + 4.5)],
            col,
            2.4,
            (k == display::MarkKind::Removed).then_some(&[4.0, 3.0][..]),
            false,
        );
        w.text_at(lx + 22.0, ly2, label, Face::Regular, 8.0, col);
        lx += 34.0 + w.fonts.width(label, Face::Regular, 8.0);
    }
    w.text_at(
        MARGIN,
        ly2 + 13.0,
        "A badge counts the threats open or due for review on that element or flow, coloured by the highest severity.",
        Face::Regular,
        7.5,
        GREY,
    );
}
