//! The display list of one diagram: every shape, route, text box and badge, placed once.
//! The canvas, the SVG/PNG export and the PDF page draw this list and nothing else, so a
//! diagram reads the same everywhere.
//!
//! Placement: flows whose straight line would cross an element they do not connect are
//! routed around it (one or two bends; bends the user set are kept); flow labels go where
//! they overlap no element, note, badge, boundary title or other label — along the flow
//! first, then beside it — shrinking and then eliding (the full name kept for hover) only
//! when nothing fits. They keep clear of the other flows' lines too; where no spot near the
//! flow is (crowded imports), the label goes over a line and says so
//! (`Prim::Flow::label_over_line`). Every renderer draws all flow labels after all lines,
//! each on a plate of the background, so a line passes behind a label, never through it.
//!
//! One file, over 800 lines: the primitives and the build that places them, labels
//! included; routing and the obstacle grid are in `route.rs`, geometry in `scene/mod.rs`,
//! the index of route lines labels keep clear of in `display/lines.rs`.

use rustc_hash::FxHashMap;

use super::route::{Found, Grid, Job, PlacedLabel, inflate, overlaps, path_len};
pub use super::route::{RouteMemo, Routes, segment_hits_rect};
use super::{Outline, text};

mod lines;
use crate::model::{BoundaryShape, Diagram, ElementKind, Pos, Project, Rect, Severity};
use lines::Lines;

/// Sizes in canvas units.
pub const ELEMENT_FONT: f32 = 12.5;
pub const LABEL_FONT: f32 = 11.0;
pub const SMALL_LABEL_FONT: f32 = 9.5;
pub const TITLE_FONT: f32 = 11.0;
pub const NOTE_FONT: f32 = 10.5;
const LABEL_WIDTH: f32 = 150.0;
const PAD: f32 = 3.0;
const GAP: f32 = 4.0;

/// Text placed in a box.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBox {
    pub lines: Vec<String>,
    /// The whole text, for hover when the lines are shortened.
    pub full: String,
    pub size: f32,
    pub bold: bool,
    /// The box the lines fill (padding included).
    pub rect: Rect,
    /// Lines start at the left of the box (notes) rather than centred.
    pub left: bool,
}

impl TextBox {
    fn new(full: &str, lines: Vec<String>, size: f32, bold: bool, center: Pos) -> Self {
        let w = lines
            .iter()
            .map(|l| text::width(l, size, bold))
            .fold(0.0, f32::max)
            + 2.0 * PAD;
        let h = lines.len() as f32 * text::line_height(size) + PAD;
        Self {
            lines,
            full: full.to_owned(),
            size,
            bold,
            rect: Rect::new(center.x - w / 2.0, center.y - h / 2.0, w, h),
            left: false,
        }
    }

    /// The middle of line `i`'s height, at the box's centre (or left edge).
    pub fn line_center(&self, i: usize) -> Pos {
        let lh = text::line_height(self.size);
        let y = self.rect.y + PAD / 2.0 + i as f32 * lh + lh / 2.0;
        let x = if self.left {
            self.rect.x + PAD
        } else {
            self.rect.x + self.rect.w / 2.0
        };
        Pos::new(x, y)
    }

    /// Where line `i` is anchored for renderers that place text by its baseline.
    pub fn anchor(&self, i: usize) -> Pos {
        let c = self.line_center(i);
        Pos::new(c.x, c.y + 0.36 * self.size)
    }

    /// The same box moved by (`dx`, `dy`).
    pub fn translated(&self, dx: f32, dy: f32) -> Self {
        Self {
            rect: self.rect.translated(dx, dy),
            ..self.clone()
        }
    }

    /// The lines as drawn at `zoom` when the box's own size would be smaller than
    /// `min_px` on screen: the text at `min_px` (its canvas size returned with the lines),
    /// wrapped to the width of `room` (the element, in canvas units) with as many lines as
    /// its height holds, the last one elided. So a name gets smaller as the view zooms out,
    /// down to a minimum, and then shorter, but never disappears. `None` when the box is
    /// legible as placed, or `room` is narrower on screen than two characters (a dot).
    pub fn at_least(&self, zoom: f32, min_px: f32, room: Rect) -> Option<(f32, Vec<String>)> {
        if self.size * zoom >= min_px || zoom <= 0.0 || room.w * zoom < 2.0 * min_px {
            return None;
        }
        let size = min_px / zoom;
        let max_w = (room.w - 2.0 * PAD / zoom).max(size);
        let fit = ((room.h / text::line_height(size)).floor() as usize).max(1);
        let mut lines = text::wrap(&self.full, size, self.bold, max_w);
        if lines.len() > fit {
            lines.truncate(fit);
            if let Some(last) = lines.last_mut() {
                *last = text::elide(&format!("{last}…"), size, self.bold, max_w);
            }
        }
        for l in &mut lines {
            *l = text::elide(l, size, self.bold, max_w);
        }
        Some((size, lines))
    }

    /// Whether the lines shorten the text.
    pub fn is_elided(&self) -> bool {
        self.lines.last().is_some_and(|l| l.ends_with('…')) && !self.full.ends_with('…')
    }
}

/// An open-threat count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Badge {
    pub center: Pos,
    pub radius: f32,
    pub count: usize,
    pub severity: Severity,
}

impl Badge {
    pub fn rect(&self) -> Rect {
        let w = self.width();
        Rect::new(
            self.center.x - w / 2.0,
            self.center.y - self.radius,
            w,
            2.0 * self.radius,
        )
    }

    /// Wider than a circle for counts of two digits and more.
    pub fn width(&self) -> f32 {
        let digits = self.count.to_string().len() as f32;
        (2.0 * self.radius).max(self.radius * (1.0 + digits * 0.55))
    }
}

/// What changed since a version compared with, to mark on the diagram.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    /// Changes when the marks do (the canvas draws again).
    pub generation: u64,
    pub added: std::collections::HashSet<String>,
    pub changed: std::collections::HashSet<String>,
    /// Removed elements where they were: diagram id, rectangle, name.
    pub removed_elements: Vec<(String, Rect, String)>,
    /// Removed flows along their old path: diagram id, points, name.
    pub removed_flows: Vec<(String, Vec<Pos>, String)>,
}

/// How a thing changed, for its mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Added,
    Changed,
    Removed,
}

impl MarkKind {
    /// Its colour, the same on the canvas, in the SVG and in the PDF.
    pub fn color(self) -> super::palette::Rgb {
        match self {
            Self::Added => super::palette::ADDED,
            Self::Changed => super::palette::CHANGED,
            Self::Removed => super::palette::REMOVED,
        }
    }
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Prim {
    /// A change mark: a box around an element or boundary, or a band along a flow; removed
    /// things as ghosts where they were, with their name.
    Mark {
        kind: MarkKind,
        rect: Option<Rect>,
        points: Vec<Pos>,
        tag: TextBox,
        name: Option<TextBox>,
    },
    Region {
        id: String,
        rect: Rect,
        title: TextBox,
    },
    BoundaryLine {
        id: String,
        points: Vec<Pos>,
        /// `None` for an unnamed line.
        title: Option<TextBox>,
    },
    Flow {
        id: String,
        /// From the edge of the source to the edge of the target.
        points: Vec<Pos>,
        bidirectional: bool,
        out_of_scope: bool,
        label: Option<TextBox>,
        badge: Option<Badge>,
        /// Still crosses an element it does not connect (no route around was found).
        crossing: bool,
        /// No spot near the flow was clear of the other flows' lines, so the label sits
        /// over one: every renderer draws flow labels after all the lines, on a plate of
        /// the background (opaque for this one), so the line passes behind the text.
        label_over_line: bool,
    },
    Element {
        id: String,
        kind: ElementKind,
        outline: Outline,
        out_of_scope: bool,
        name: TextBox,
        badge: Option<Badge>,
    },
    Note {
        id: String,
        rect: Rect,
        text: TextBox,
    },
}

/// The display list of a diagram, in drawing order: boundaries, flows, elements, notes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub items: Vec<Prim>,
    /// Everything drawn, labels included.
    pub bounds: Option<Rect>,
    /// The routing budget ran out before every flow was routed around what it crosses:
    /// building again (with the same [`Routes`]) continues where this one stopped.
    pub incomplete: bool,
}

impl Scene {
    /// Every text box with the id of what it belongs to.
    pub fn texts(&self) -> Vec<(&str, &TextBox)> {
        let mut out = Vec::new();
        for p in &self.items {
            match p {
                Prim::Region { id, title, .. } => out.push((id.as_str(), title)),
                Prim::BoundaryLine { id, title, .. } => {
                    if let Some(t) = title {
                        out.push((id.as_str(), t));
                    }
                }
                Prim::Flow { id, label, .. } => {
                    if let Some(l) = label {
                        out.push((id.as_str(), l));
                    }
                }
                Prim::Element { id, name, .. } => out.push((id.as_str(), name)),
                Prim::Note { id, text, .. } => out.push((id.as_str(), text)),
                Prim::Mark { tag, name, .. } => {
                    out.push(("", tag));
                    if let Some(n) = name {
                        out.push(("", n));
                    }
                }
            }
        }
        out
    }

    pub fn flow(&self, id: &str) -> Option<&Prim> {
        self.items
            .iter()
            .find(|p| matches!(p, Prim::Flow { id: f, .. } if f == id))
    }
}

/// Open threats and the highest open severity of a subject.
pub type BadgeOf<'a> = &'a dyn Fn(&str) -> Option<(usize, Severity)>;

const NO_TAG: u32 = u32::MAX;

/// The display list of `diagram`, routing as long as it takes.
pub fn build(project: &Project, diagram: &Diagram, badge: BadgeOf<'_>) -> Scene {
    build_with(project, diagram, badge, &mut Routes::thorough())
}

/// The display list of `diagram`, reusing and adding to `routes`.
pub fn build_with(
    project: &Project,
    diagram: &Diagram,
    badge: BadgeOf<'_>,
    routes: &mut Routes,
) -> Scene {
    build_marked(project, diagram, badge, routes, None)
}

/// A small tag ("new", "changed", "removed") above the top left of `r`.
fn mark_tag(word: &str, r: &Rect) -> TextBox {
    let mut t = TextBox::new(word, vec![word.to_owned()], 9.5, true, Pos::default());
    t.rect.x = r.x;
    t.rect.y = r.y - t.rect.h - 2.0;
    t.left = true;
    t
}

/// The display list of `diagram` with `marks` (what changed since a version compared with).
pub fn build_marked(
    project: &Project,
    diagram: &Diagram,
    badge: BadgeOf<'_>,
    routes: &mut Routes,
    marks: Option<&Marks>,
) -> Scene {
    let mut incomplete = false;
    let layout = &project.layout;
    let mut items = Vec::with_capacity(
        diagram.elements.len() + diagram.flows.len() + diagram.boundaries.len() + 4,
    );
    // What labels must not cover, and what flows must not cross.
    let mut texts = Grid::new(120.0);
    let mut solids = Grid::new(120.0);
    let mut index: FxHashMap<&str, u32> = FxHashMap::default();
    let mut elements = Vec::with_capacity(diagram.elements.len());
    // Each element's rectangle, in diagram order: one tree lookup by id per element rather
    // than one per use (three per element and two per flow).
    let rects: Vec<Option<&Rect>> = diagram
        .elements
        .iter()
        .map(|e| layout.elements.get(&e.id))
        .collect();
    for (i, (e, r)) in diagram.elements.iter().zip(&rects).enumerate() {
        let Some(r) = *r else {
            continue;
        };
        index.insert(e.id.as_str(), i as u32);
        solids.insert(inflate(r, 2.0), i as u32);
        texts.insert(*r, NO_TAG);
        let name = element_name(&e.name, r);
        let badge = badge(e.id.as_str()).map(|(count, severity)| {
            let mut b = Badge {
                center: Pos::new(r.x + r.w, r.y),
                radius: 9.0,
                count,
                severity,
            };
            // Outside the name's box, however wide the name.
            if overlaps(&b.rect(), &name.rect) {
                b.center = Pos::new(r.x + r.w + b.radius * 0.6, r.y - b.radius * 0.6);
            }
            b
        });
        if let Some(b) = &badge {
            texts.insert(b.rect(), NO_TAG);
        }
        elements.push(Prim::Element {
            id: e.id.to_string(),
            kind: e.kind(),
            outline: super::outline(e.kind(), *r),
            out_of_scope: e.out_of_scope,
            name,
            badge,
        });
    }
    let mut notes = Vec::new();
    for n in &diagram.notes {
        let Some(r) = layout.notes.get(&n.id) else {
            continue;
        };
        texts.insert(*r, NO_TAG);
        let lines = fit_lines(&n.text, NOTE_FONT, false, r.w - 8.0, r.h - 4.0);
        let mut text = TextBox::new(&n.text, lines, NOTE_FONT, false, r.center());
        // Notes read from the top left.
        text.rect.x = r.x + 2.0;
        text.rect.y = r.y + 2.0;
        text.left = true;
        notes.push(Prim::Note {
            id: n.id.to_string(),
            rect: *r,
            text,
        });
    }
    // Boundary titles: in a corner of the region that no element covers.
    let mut titles: Vec<Rect> = Vec::new();
    for b in &diagram.boundaries {
        match layout.boundaries.get(&b.id) {
            Some(BoundaryShape::Region(r)) => {
                let lines = vec![text::elide(
                    &b.name,
                    TITLE_FONT,
                    false,
                    (r.w - 12.0).max(30.0),
                )];
                let probe = TextBox::new(&b.name, lines, TITLE_FONT, false, Pos::default());
                let (w, h) = (probe.rect.w, probe.rect.h);
                let corners = [
                    Pos::new(r.x + 4.0, r.y + 3.0),
                    Pos::new(r.x + r.w - w - 4.0, r.y + 3.0),
                    Pos::new(r.x + 4.0, r.y + r.h - h - 3.0),
                    Pos::new(r.x + r.w - w - 4.0, r.y + r.h - h - 3.0),
                ];
                let at = corners
                    .iter()
                    .find(|c| {
                        let cand = Rect::new(c.x, c.y, w, h);
                        !texts.hits(&cand, &[]) && !titles.iter().any(|t| overlaps(t, &cand))
                    })
                    .copied()
                    .unwrap_or(corners[0]);
                let mut title = probe;
                title.rect.x = at.x;
                title.rect.y = at.y;
                titles.push(title.rect);
                texts.insert(title.rect, NO_TAG);
                items.push(Prim::Region {
                    id: b.id.to_string(),
                    rect: *r,
                    title,
                });
            }
            Some(BoundaryShape::Line(points)) => {
                // Along the line, where it covers nothing, as a flow's label.
                let (title, _, _) = place_label(&b.name, points, None, &mut texts, &|_| false);
                items.push(Prim::BoundaryLine {
                    id: b.id.to_string(),
                    points: points.clone(),
                    title,
                });
            }
            None => {}
        }
    }
    // Change marks on elements and ghosts of removed ones, before the labels are placed so
    // that labels keep clear of them.
    let mut mark_items = Vec::new();
    if let Some(m) = marks {
        for e in &diagram.elements {
            let kind = if m.added.contains(e.id.as_str()) {
                MarkKind::Added
            } else if m.changed.contains(e.id.as_str()) {
                MarkKind::Changed
            } else {
                continue;
            };
            if let Some(r) = layout.elements.get(&e.id) {
                let rect = inflate(r, 4.0);
                let tag = mark_tag(
                    if kind == MarkKind::Added {
                        "new"
                    } else {
                        "changed"
                    },
                    &rect,
                );
                texts.insert(tag.rect, NO_TAG);
                mark_items.push(Prim::Mark {
                    kind,
                    rect: Some(rect),
                    points: Vec::new(),
                    tag,
                    name: None,
                });
            }
        }
        for (d, r, name) in &m.removed_elements {
            if d != diagram.id.as_str() {
                continue;
            }
            let tag = mark_tag("removed", r);
            let lines = fit_lines(name, ELEMENT_FONT, false, r.w - 10.0, r.h - 4.0);
            let name = TextBox::new(name, lines, ELEMENT_FONT, false, r.center());
            texts.insert(*r, NO_TAG);
            texts.insert(tag.rect, NO_TAG);
            mark_items.push(Prim::Mark {
                kind: MarkKind::Removed,
                rect: Some(*r),
                points: Vec::new(),
                tag,
                name: Some(name),
            });
        }
    }
    // What moved, appeared or went since the last build: only routes near it can have
    // become blocked. (Everything, the first time.)
    let first = routes.solids.is_empty();
    let mut changed: Vec<Rect> = Vec::new();
    let mut now: FxHashMap<String, Rect> = FxHashMap::default();
    for (e, r) in diagram.elements.iter().zip(&rects) {
        if let Some(r) = *r {
            match routes.solids.remove(e.id.as_str()) {
                Some(old) if old == *r => {}
                Some(old) => changed.extend([old, *r]),
                None => changed.push(*r),
            }
            now.insert(e.id.to_string(), *r);
        }
    }
    changed.extend(routes.solids.values().copied());
    routes.solids = now;
    let near_change = |points: &[Pos]| {
        first || {
            let b = prim_bounds_of(points);
            changed
                .iter()
                .any(|c| overlaps(&inflate(c, 4.0), &inflate(&b, 4.0)))
        }
    };
    let offsets = super::parallel_offsets(diagram);
    // A flow's end: its rectangle, and its tag when it is an element of this diagram.
    let end = |id: &crate::model::ElementId| match index.get(id.as_str()) {
        Some(&i) => rects[i as usize].map(|r| (r, i)),
        None => layout.elements.get(id).map(|r| (r, NO_TAG)),
    };
    // First each flow's route where it is known (found before and still clear) and the
    // flows whose route must be searched; the searches do not depend on one another, so a
    // big diagram's run on several threads; then the labels are placed in flow order.
    // Per flow: its route and whether it still crosses something; `None` where an end is
    // missing (not drawn) or, until the searches, where it must be searched.
    let mut planned: Vec<Option<(Vec<Pos>, bool)>> = Vec::with_capacity(diagram.flows.len());
    let mut jobs: Vec<Job<'_>> = Vec::new();
    for (f, offset) in diagram.flows.iter().zip(offsets) {
        let (Some((a, from)), Some((z, to))) = (end(&f.source), end(&f.target)) else {
            planned.push(None);
            continue;
        };
        let ends = [from, to];
        let waypoints = layout.waypoints.get(&f.id).map_or(&[][..], Vec::as_slice);
        let cached = routes.found.get(f.id.as_str()).filter(|c| {
            c.from == *a && c.to == *z && c.waypoints == waypoints && c.offset == offset
        });
        let known = match cached {
            // Still clear of everything: no need to search again.
            Some(c)
                if !c.crossing
                    && (!near_change(&c.points) || !solids.hits_path(&c.points, &ends)) =>
            {
                Some((c.points.clone(), false))
            }
            // No route was found before: unless the way is clear now, do not search again.
            Some(c) if c.crossing => {
                let straight = super::route(a, z, waypoints, offset).points;
                if solids.hits_path(&straight, &ends) {
                    Some((c.points.clone(), true))
                } else {
                    Some((straight, false))
                }
            }
            _ => None,
        };
        if known.is_none() {
            jobs.push(Job {
                flow: planned.len(),
                from: a,
                to: z,
                ends,
                waypoints,
                offset,
            });
        }
        planned.push(known);
    }
    // A build of a large diagram costs tens of milliseconds whatever it routes: let it
    // route in proportion, so the routing is done in a few builds, not a hundred.
    let budget = routes.budget.max(diagram.flows.len().saturating_mul(12));
    let searched = routes.search_all(&jobs, &solids, budget);
    for (job, (points, crossing, out_of_budget)) in jobs.iter().zip(searched) {
        let f = &diagram.flows[job.flow];
        if out_of_budget {
            incomplete = true;
        } else {
            routes.found.insert(
                f.id.to_string(),
                Found {
                    from: *job.from,
                    to: *job.to,
                    waypoints: job.waypoints.to_vec(),
                    offset: job.offset,
                    points: points.clone(),
                    crossing,
                },
            );
        }
        if let Some(p) = planned.get_mut(job.flow) {
            *p = Some((points, crossing));
        }
    }
    // Every route's lines, so no label is put (or kept) where another flow's line runs.
    let lines = Lines::new(&planned);
    for (index, (f, plan)) in diagram.flows.iter().zip(planned).enumerate() {
        let Some((points, crossing)) = plan else {
            continue;
        };
        let badge_in = badge(f.id.as_str());
        let kept = routes.labels.get(f.id.as_str()).filter(|l| {
            l.points == points
                && l.name == f.name
                && l.badge_in == badge_in
                && !l
                    .label
                    .iter()
                    .map(|t| t.rect)
                    .chain(l.badge.iter().map(Badge::rect))
                    .any(|r| texts.hits(&inflate(&r, 1.0), &[]) || lines.crosses(&r, index))
        });
        let (label, badge, label_over_line) = match kept {
            Some(l) => {
                for r in l
                    .label
                    .iter()
                    .map(|t| t.rect)
                    .chain(l.badge.iter().map(Badge::rect))
                {
                    texts.insert(r, NO_TAG);
                }
                (l.label.clone(), l.badge, l.over_line)
            }
            None => {
                let (label, b, over_line) =
                    place_label(&f.name, &points, badge_in, &mut texts, &|r: &Rect| {
                        lines.crosses(r, index)
                    });
                routes.labels.insert(
                    f.id.to_string(),
                    PlacedLabel {
                        points: points.clone(),
                        name: f.name.clone(),
                        badge_in,
                        label: label.clone(),
                        badge: b,
                        over_line,
                    },
                );
                (label, b, over_line)
            }
        };
        items.push(Prim::Flow {
            id: f.id.to_string(),
            points,
            bidirectional: f.bidirectional,
            out_of_scope: f.out_of_scope,
            label,
            badge,
            crossing,
            label_over_line,
        });
    }
    if let Some(m) = marks {
        for p in &items {
            if let Prim::Flow { id, points, .. } = p {
                let kind = if m.added.contains(id) {
                    MarkKind::Added
                } else if m.changed.contains(id) {
                    MarkKind::Changed
                } else {
                    continue;
                };
                // The band along the flow says it; no tag over its label.
                let at = super::midpoint(points);
                let tag = TextBox::new("", Vec::new(), 9.5, true, at);
                mark_items.push(Prim::Mark {
                    kind,
                    rect: None,
                    points: points.clone(),
                    tag,
                    name: None,
                });
            }
        }
        for (d, points, name) in &m.removed_flows {
            if d != diagram.id.as_str() {
                continue;
            }
            let at = super::midpoint(points);
            let mut tag = mark_tag(
                &format!("removed: {name}"),
                &Rect::new(at.x, at.y, 0.0, 0.0),
            );
            tag.rect.y = at.y + 4.0;
            mark_items.push(Prim::Mark {
                kind: MarkKind::Removed,
                rect: None,
                points: points.clone(),
                tag,
                name: None,
            });
        }
    }
    items.extend(elements);
    items.extend(notes);
    // Marks last: drawn over what they mark.
    items.extend(mark_items);
    let bounds = items.iter().fold(None, |acc: Option<Rect>, p| {
        let r = prim_bounds(p);
        Some(acc.map_or(r, |a| a.union(&r)))
    });
    Scene {
        items,
        bounds,
        incomplete,
    }
}

/// The bounding box of some points.
fn prim_bounds_of(pts: &[Pos]) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for q in pts {
        x0 = x0.min(q.x);
        y0 = y0.min(q.y);
        x1 = x1.max(q.x);
        y1 = y1.max(q.y);
    }
    if x0 > x1 {
        Rect::default()
    } else {
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

fn prim_bounds(p: &Prim) -> Rect {
    let of_points = prim_bounds_of;
    match p {
        Prim::Region { rect, title, .. } => rect.union(&title.rect),
        Prim::BoundaryLine { points, title, .. } => title
            .as_ref()
            .map_or(of_points(points), |t| of_points(points).union(&t.rect)),
        Prim::Flow {
            points,
            label,
            badge,
            ..
        } => {
            let mut r = of_points(points);
            if let Some(l) = label {
                r = r.union(&l.rect);
            }
            if let Some(b) = badge {
                r = r.union(&b.rect());
            }
            r
        }
        Prim::Element { outline, badge, .. } => {
            let rect = match outline {
                Outline::Rounded { rect, .. }
                | Outline::OpenRect { rect }
                | Outline::Box { rect } => *rect,
            };
            badge.map_or(rect, |b| rect.union(&b.rect()))
        }
        Prim::Note { rect, .. } => *rect,
        Prim::Mark {
            rect, points, tag, ..
        } => rect
            .map_or_else(|| of_points(points), |r| r.union(&of_points(points)))
            .union(&tag.rect),
    }
}

/// Lines of `s` wrapped to `max_w`, cut (with an ellipsis) to the lines that fit `max_h`.
fn fit_lines(s: &str, size: f32, bold: bool, max_w: f32, max_h: f32) -> Vec<String> {
    let mut lines = text::wrap(s, size, bold, max_w.max(20.0));
    let fit = ((max_h / text::line_height(size)).floor() as usize).max(1);
    if lines.len() > fit {
        lines.truncate(fit);
        if let Some(last) = lines.last_mut() {
            *last = text::elide(&format!("{last}…"), size, bold, max_w.max(20.0));
        }
    }
    lines
}

fn element_name(name: &str, r: &Rect) -> TextBox {
    let lines = fit_lines(name, ELEMENT_FONT, false, r.w - 10.0, r.h - 4.0);
    TextBox::new(name, lines, ELEMENT_FONT, false, r.center())
}

/// The point at `t` (0–1) along a polyline and the direction of the segment there.
fn along(points: &[Pos], t: f32) -> (Pos, (f32, f32)) {
    let total = path_len(points);
    let mut left = total * t;
    for w in points.windows(2) {
        let (dx, dy) = (w[1].x - w[0].x, w[1].y - w[0].y);
        let l = (dx * dx + dy * dy).sqrt();
        if l >= left && l > 0.0 {
            let k = left / l;
            return (Pos::new(w[0].x + dx * k, w[0].y + dy * k), (dx / l, dy / l));
        }
        left -= l;
    }
    (points.first().copied().unwrap_or_default(), (1.0, 0.0))
}

/// Places a flow's label (and its badge, to the label's right) where it covers nothing;
/// the last value says whether it had to go over another flow's line after all.
fn place_label(
    name: &str,
    points: &[Pos],
    badge: Option<(usize, Severity)>,
    texts: &mut Grid,
    on_a_line: &dyn Fn(&Rect) -> bool,
) -> (Option<TextBox>, Option<Badge>, bool) {
    let badge_for = |label: &Rect| {
        badge.map(|(count, severity)| {
            let mut b = Badge {
                center: Pos::default(),
                radius: 7.5,
                count,
                severity,
            };
            b.center = Pos::new(
                label.x + label.w + 2.0 + b.width() / 2.0,
                label.y + label.h / 2.0,
            );
            b
        })
    };
    if name.trim().is_empty() {
        // A badge alone, at the middle of the flow.
        let b = badge_for(&Rect::new(
            super::midpoint(points).x,
            super::midpoint(points).y,
            0.0,
            0.0,
        ));
        if let Some(b) = &b {
            texts.insert(b.rect(), NO_TAG);
        }
        return (None, b, false);
    }
    // Near the flow first, even smaller or shortened: a label far from its flow could be
    // read as another's. Only then further out.
    const NEAR: &[f32] = &[0.0, 1.0, -1.0, 1.6, -1.6];
    const FAR: &[f32] = &[2.4, -2.4, 3.5, -3.5, 5.0, -5.0];
    // Last, shorter still and further out, before giving up.
    const FURTHEST: &[f32] = &[2.4, -2.4, 3.5, -3.5, 5.0, -5.0, 7.0, -7.0];
    let attempts: [(f32, f32, bool, &[f32]); 7] = [
        (LABEL_FONT, LABEL_WIDTH, false, NEAR),
        (SMALL_LABEL_FONT, LABEL_WIDTH * 0.85, false, NEAR),
        (SMALL_LABEL_FONT, 90.0, true, NEAR),
        (LABEL_FONT, LABEL_WIDTH, false, FAR),
        (SMALL_LABEL_FONT, LABEL_WIDTH * 0.85, false, FAR),
        (SMALL_LABEL_FONT, 90.0, true, FAR),
        (SMALL_LABEL_FONT, 60.0, true, FURTHEST),
    ];
    let mut first: Option<(TextBox, Option<Badge>)> = None;
    // Clear of other flows' lines first; where no spot is, a label over a line (drawn on
    // an opaque plate after the lines, so the line passes behind it) is better than a
    // label over an element or another label, or one far from its flow.
    for clear_of_lines in [true, false] {
        for (size, max_w, elide, offsets) in attempts {
            let lines = if elide {
                vec![text::elide(name, size, false, max_w)]
            } else {
                text::wrap(name, size, false, max_w)
            };
            let probe = TextBox::new(name, lines, size, false, Pos::default());
            let (w, h) = (probe.rect.w, probe.rect.h);
            let extra = badge_for(&probe.rect).map_or(0.0, |b| b.width() + 2.0);
            for t in [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85] {
                let (p, (dx, dy)) = along(points, t);
                let (nx, ny) = (-dy, dx);
                let clear = nx.abs() * (w + extra) / 2.0 + ny.abs() * h / 2.0 + GAP;
                for &k in offsets {
                    let off = if k == 0.0 {
                        0.0
                    } else {
                        clear * k.signum() + (k.abs() - 1.0) * 14.0
                    };
                    let c = Pos::new(p.x + nx * off - extra / 2.0, p.y + ny * off);
                    let mut label = probe.clone();
                    label.rect.x = c.x - w / 2.0;
                    label.rect.y = c.y - h / 2.0;
                    let b = badge_for(&label.rect);
                    let unit = b.map_or(label.rect, |b| label.rect.union(&b.rect()));
                    if first.is_none() {
                        first = Some((label.clone(), b));
                    }
                    if texts.hits(&inflate(&unit, 1.0), &[]) {
                        continue;
                    }
                    let on_other_line = on_a_line(&unit);
                    if clear_of_lines && on_other_line {
                        continue;
                    }
                    texts.insert(label.rect, NO_TAG);
                    if let Some(b) = &b {
                        texts.insert(b.rect(), NO_TAG);
                    }
                    return (Some(label), b, on_other_line);
                }
            }
        }
    }
    // Nothing fits anywhere near: the first spot tried (the middle of the flow, full name).
    let Some((label, b)) = first else {
        return (None, None, false);
    };
    let over_line = on_a_line(&label.rect);
    texts.insert(label.rect, NO_TAG);
    if let Some(b) = &b {
        texts.insert(b.rect(), NO_TAG);
    }
    (Some(label), b, over_line)
}

/// For tests and reports: text boxes that overlap another text box, an element they do
/// not belong to, a badge or a note; and flows that cross an element they do not connect.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collisions {
    pub text_overlaps: Vec<(String, String)>,
    pub crossings: Vec<String>,
    /// A flow's line through another flow's label placed as if clear of lines: (the
    /// line's flow, the label's flow).
    pub lines_through_labels: Vec<(String, String)>,
    /// A line behind a label that no spot clear of lines was found for
    /// (`Prim::Flow::label_over_line`): drawn after the lines on an opaque plate.
    pub lines_behind_labels: Vec<(String, String)>,
}

pub fn collisions(scene: &Scene) -> Collisions {
    let mut out = Collisions::default();
    let texts = scene.texts();
    let mut boxes: Vec<(&str, Rect, bool)> =
        texts.iter().map(|(id, t)| (*id, t.rect, true)).collect();
    for p in &scene.items {
        match p {
            Prim::Element {
                id, outline, badge, ..
            } => {
                let r = match outline {
                    Outline::Rounded { rect, .. }
                    | Outline::OpenRect { rect }
                    | Outline::Box { rect } => *rect,
                };
                boxes.push((id, r, false));
                if let Some(b) = badge {
                    boxes.push((id, b.rect(), false));
                }
            }
            Prim::Flow {
                id,
                badge,
                crossing,
                ..
            } => {
                if let Some(b) = badge {
                    boxes.push((id, b.rect(), false));
                }
                if *crossing {
                    out.crossings.push(id.clone());
                }
            }
            _ => {}
        }
    }
    for p in &scene.items {
        let Prim::Flow { id, points, .. } = p else {
            continue;
        };
        for q in &scene.items {
            if let Prim::Flow {
                id: other,
                label: Some(l),
                label_over_line,
                ..
            } = q
                && other != id
                && points
                    .windows(2)
                    .any(|w| segment_hits_rect(w[0], w[1], &inflate(&l.rect, -0.5)))
            {
                let pair = (id.clone(), other.clone());
                if *label_over_line {
                    out.lines_behind_labels.push(pair);
                } else {
                    out.lines_through_labels.push(pair);
                }
            }
        }
    }
    for (i, (id, r, is_text)) in boxes.iter().enumerate() {
        if !is_text {
            continue;
        }
        for (j, (other, q, other_text)) in boxes.iter().enumerate() {
            if i == j || (*other_text && j < i) || id == other {
                continue;
            }
            if overlaps(&inflate(r, -0.5), q) {
                out.text_overlaps
                    .push(((*id).to_owned(), (*other).to_owned()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue #31: an imported model's names vanished at the fitted zoom. Below the
    /// minimum on-screen size a name is drawn at the minimum, cut to its element.
    #[test]
    fn a_name_too_small_to_read_is_drawn_at_the_minimum_and_cut_to_its_element() {
        let name = "Customer Relationship Management Database Replica";
        let room = Rect::new(0.0, 0.0, 120.0, 60.0);
        let t = TextBox::new(
            name,
            vec![name.into()],
            ELEMENT_FONT,
            false,
            Pos::new(60.0, 30.0),
        );
        assert_eq!(t.at_least(1.0, 8.0, room), None, "legible as placed");
        let zoom = 0.25; // 12.5 px text is 3.1 px on screen
        let (size, lines) = t.at_least(zoom, 8.0, room).expect("drawn at the minimum");
        assert!((size * zoom - 8.0).abs() < 1e-3);
        assert!(!lines.is_empty() && lines.iter().all(|l| !l.is_empty()));
        let max_w = room.w - 2.0 * PAD / zoom;
        assert!(
            lines
                .iter()
                .all(|l| text::width(l, size, false) <= max_w + 1e-3)
        );
        assert!(lines.len() as f32 * text::line_height(size) <= room.h + 1e-3);
        assert!(
            lines.concat().ends_with('…'),
            "shortened, and says so: {lines:?}"
        );
        // An element smaller on screen than two characters is a dot: no text.
        assert_eq!(t.at_least(0.1, 8.0, room), None);
    }
}
