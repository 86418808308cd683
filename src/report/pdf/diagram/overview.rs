//! An overview page's reading aids: the detail areas framed as one grid, element names
//! at 7 pt where they fit inside the element and numbers with a key where not, the notes'
//! first lines, and the legend saying where the details and the key are. Split from
//! `diagram.rs`, which draws the scene and the detail pages.

use super::super::{Cell, Col, Writer};
use super::{BLACK, Face, Fit, GREY, LANDSCAPE, MARGIN, MIN_LABEL_PT, WHITE};
use crate::model::{Pos, Rect};
use crate::scene::Outline;
use crate::scene::display::{self, Prim};

/// The part of detail area `t` an overview frames: its overlaps with the neighbouring
/// areas of its row and column split in the middle.
pub(super) fn owned_area(t: &Rect, tiles: &[Rect]) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (t.x, t.y, t.x + t.w, t.y + t.h);
    let same = |a: f32, b: f32| (a - b).abs() < 0.5;
    for u in tiles {
        if same(u.y, t.y) && !same(u.x, t.x) {
            if u.x < t.x && u.x + u.w > t.x {
                x0 = x0.max((t.x + u.x + u.w) / 2.0);
            }
            if u.x > t.x && u.x < t.x + t.w {
                x1 = x1.min((u.x + t.x + t.w) / 2.0);
            }
        }
        if same(u.x, t.x) && !same(u.y, t.y) {
            if u.y < t.y && u.y + u.h > t.y {
                y0 = y0.max((t.y + u.y + u.h) / 2.0);
            }
            if u.y > t.y && u.y < t.y + t.h {
                y1 = y1.min((u.y + t.y + t.h) / 2.0);
            }
        }
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// Where an overview's numbered elements are named.
pub(super) enum OverviewKey {
    None,
    /// Under the overview: the key's text.
    Here(String),
    NextPage,
    BeforeDetails,
}

/// The legend of an overview page: where the details are, and the numbers' key.
pub(super) fn overview_legend(
    w: &mut Writer<'_>,
    legend_h: f32,
    details: usize,
    all_details: usize,
    deferred: bool,
    key: &OverviewKey,
) {
    let ly = w.bottom() - legend_h + 6.0;
    let where_ = if deferred {
        "in the appendix, under \"Diagram details\""
    } else if details == 1 {
        "on the detail page named on it"
    } else {
        "on the detail pages named on each"
    };
    let key_at = match key {
        OverviewKey::None | OverviewKey::Here(_) => "",
        OverviewKey::NextPage => " A numbered element's name is in the key on the next page.",
        OverviewKey::BeforeDetails => {
            " A numbered element's name is in the key before the detail pages."
        }
    };
    let areas = if details < all_details {
        format!(
            "The {} holding a change ({})",
            if details == 1 {
                "blue area"
            } else {
                "blue areas"
            },
            if details == 1 { "D1" } else { "D1, …" }
        )
    } else {
        format!("The {details} blue areas (D1, D2, …)")
    };
    let text = format!(
        "Overview: this diagram is too big for one page with labels of at least {MIN_LABEL_PT} pt. {areas} {are} printed {where_}, with all labels and the legend.{key_at}",
        are = if details == 1 { "is" } else { "are" }
    );
    let lines = w.fonts.wrap(&text, Face::Regular, 8.0, w.width()).len();
    w.para_at(MARGIN, ly, &text, 8.0);
    if let OverviewKey::Here(k) = key {
        w.para_at(MARGIN, ly + lines as f32 * 8.0 * 1.3, k, 8.0);
    }
}

/// An element of an overview too small for its name: its number, name, kind and the
/// detail areas holding it.
pub(super) struct Keyed {
    pub(super) number: usize,
    pub(super) name: String,
    pub(super) kind: &'static str,
    pub(super) details: Vec<usize>,
}

impl Keyed {
    /// "D1, D2".
    pub(super) fn on_detail(&self) -> String {
        self.details
            .iter()
            .map(|d| format!("D{d}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Writes each element's name on the overview where it fits inside the element at
/// MIN_LABEL_PT, elsewhere a number (returned for the key); and each note's first lines.
pub(super) fn overview_names(
    w: &mut Writer<'_>,
    scene: &display::Scene,
    fit: &Fit,
    tiles: &[Rect],
) -> Vec<Keyed> {
    let size = MIN_LABEL_PT;
    let line_h = crate::scene::text::line_height(size);
    let mut numbered = Vec::new();
    for item in &scene.items {
        // A note's first lines, shortened to its box: not an empty yellow box.
        if let Prim::Note { rect, text, .. } = item {
            let (x0, y0) = fit.at(Pos::new(rect.x, rect.y));
            let (nw, nh) = (rect.w * fit.scale - 4.0, rect.h * fit.scale - 2.0);
            let room = (nh / line_h).floor() as usize;
            if nw <= 0.0 || room == 0 {
                continue;
            }
            let mut lines = crate::scene::text::wrap(&text.full, size, false, nw);
            if lines.len() > room {
                lines.truncate(room);
                if let Some(last) = lines.last_mut() {
                    *last = crate::scene::text::elide(&format!("{last}…"), size, false, nw);
                }
            }
            for (i, l) in lines.iter().enumerate() {
                let top = y0 + 2.0 + i as f32 * line_h;
                w.text_at(x0 + 2.0, top, l, Face::Regular, size, BLACK);
            }
            continue;
        }
        let Prim::Element {
            kind,
            outline,
            out_of_scope,
            name,
            ..
        } = item
        else {
            continue;
        };
        let r = match outline {
            Outline::Rounded { rect, .. } | Outline::OpenRect { rect } | Outline::Box { rect } => {
                *rect
            }
        };
        let col = if *out_of_scope { GREY } else { BLACK };
        let (x0, y0) = fit.at(Pos::new(r.x, r.y));
        let (ew, eh) = (r.w * fit.scale, r.h * fit.scale);
        let room = ew - 4.0;
        let lines = crate::scene::text::wrap(&name.full, size, false, room);
        let whole = !lines.iter().any(|l| l.contains('…')) || name.full.contains('…');
        let tall = lines.len() as f32 * line_h;
        if whole && room > 0.0 && tall <= eh - 2.0 {
            let mut y = y0 + (eh - tall) / 2.0 + (line_h - size) / 2.0;
            for l in &lines {
                let lw = w.fonts.width(l, Face::Regular, size);
                w.text_at(x0 + (ew - lw) / 2.0, y, l, Face::Regular, size, col);
                y += line_h;
            }
            continue;
        }
        let c = r.center();
        numbered.push((
            (c.y / 40.0).round() as i64,
            c.x,
            name.full.clone(),
            *kind,
            c,
            col,
        ));
    }
    // Numbered in reading order: top to bottom, then left to right.
    numbered.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut keyed = Vec::new();
    for (i, (_, _, full, kind, c, col)) in numbered.into_iter().enumerate() {
        let number = i + 1;
        let tag = number.to_string();
        let (cx, cy) = fit.at(c);
        let tw = w.fonts.width(&tag, Face::Bold, size) + 4.0;
        let th = size + 3.0;
        w.rect(
            cx - tw / 2.0,
            cy - th / 2.0,
            tw,
            th,
            Some(WHITE),
            Some((col, 0.6)),
        );
        w.text_at(
            cx - tw / 2.0 + 2.0,
            cy - size / 2.0,
            &tag,
            Face::Bold,
            size,
            col,
        );
        let details = tiles
            .iter()
            .enumerate()
            .filter(|(_, t)| c.x >= t.x && c.x <= t.x + t.w && c.y >= t.y && c.y <= t.y + t.h)
            .map(|(i, _)| i + 1)
            .collect();
        keyed.push(Keyed {
            number,
            name: full,
            kind: kind.label(),
            details,
        });
    }
    keyed
}

/// The key to an overview's numbers: each numbered element's name, kind and detail areas.
/// The detail pages follow it.
pub(super) fn overview_key(w: &mut Writer<'_>, title: &str, keyed: &[Keyed], details: usize) {
    w.page(LANDSCAPE);
    w.heading(&format!("{title} — key to the overview"), 12.0);
    let ww = w.width();
    let cols = [
        Col {
            title: "No.",
            width: 40.0,
        },
        Col {
            title: "Element",
            width: ww - 280.0,
        },
        Col {
            title: "Kind",
            width: 110.0,
        },
        Col {
            title: "On detail",
            width: 130.0,
        },
    ];
    let rows: Vec<Vec<Cell>> = keyed
        .iter()
        .map(|k| {
            vec![
                Cell::new(k.number.to_string()),
                Cell::new(k.name.clone()),
                Cell::new(k.kind),
                Cell::new(k.on_detail()),
            ]
        })
        .collect();
    w.table(&cols, &rows);
    let first = w.pages.len() + 1;
    let where_ = if details == 1 {
        format!("on page {first}")
    } else {
        format!("on pages {first}–{}", first + details - 1)
    };
    w.para(
        &format!("The detail areas D1 to D{details} are printed {where_}."),
        Face::Regular,
        9.0,
        GREY,
    );
}
