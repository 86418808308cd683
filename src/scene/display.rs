//! The display list of one diagram: every shape, route, text box and badge, placed once.
//! The canvas, the SVG/PNG export and the PDF page draw this list and nothing else, so a
//! diagram reads the same everywhere.
//!
//! Placement: flows whose straight line would cross an element they do not connect are
//! routed around it (one or two bends; bends the user set are kept); flow labels go where
//! they overlap no element, note, badge, boundary title or other label — along the flow
//! first, then beside it — shrinking and then eliding (the full name kept for hover) only
//! when nothing fits.
//!
//! One file, over 800 lines: routing and label placement share the obstacle grids and the
//! caches kept between builds; the geometry they use is in `scene/mod.rs`.

use rustc_hash::FxHashMap;

use super::{Outline, text};
use crate::model::{BoundaryShape, Diagram, ElementKind, Pos, Project, Rect, Severity};

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

/// Routes found in earlier builds, by flow id, and how much searching a build may do.
/// The canvas keeps one across edits, so an edit reroutes only the flows it touches.
#[derive(Clone, Debug)]
pub struct Routes {
    found: FxHashMap<String, Found>,
    /// Where each element was at the last build: what moved since tells which cached
    /// routes need checking again.
    solids: FxHashMap<String, Rect>,
    /// Grid cells a build may expand searching for routes …
    pub budget: usize,
    /// … and one search.
    pub per_route: usize,
    scratch: Scratch,
    /// Labels placed at the last build, by flow id: kept where they were while the route,
    /// the text and the badge are the same and nothing else has come to lie there.
    labels: FxHashMap<String, PlacedLabel>,
}

#[derive(Clone, Debug)]
struct PlacedLabel {
    points: Vec<Pos>,
    name: String,
    badge_in: Option<(usize, Severity)>,
    label: Option<TextBox>,
    badge: Option<Badge>,
}

/// What route searches may still do in this build, and their buffers.
struct Search {
    budget: usize,
    per_route: usize,
    scratch: Scratch,
}

/// The search's buffers, kept between searches; an entry counts only when its stamp is
/// the current search's, so nothing is cleared between searches.
#[derive(Clone, Debug, Default)]
struct Scratch {
    search: u32,
    best: Vec<u32>,
    came: Vec<u32>,
    seen: Vec<u32>,
    blocked: Vec<u32>,
}

impl Scratch {
    fn start(&mut self, cells: usize) {
        self.search = self.search.wrapping_add(1);
        if self.search == 0 {
            // Stamps wrapped around: start clean.
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.blocked.iter_mut().for_each(|s| *s = 0);
            self.search = 1;
        }
        if self.best.len() < cells * 4 {
            self.best.resize(cells * 4, u32::MAX);
            self.came.resize(cells * 4, u32::MAX);
            self.seen.resize(cells * 4, 0);
        }
        if self.blocked.len() < cells {
            self.blocked.resize(cells, 0);
        }
    }

    fn best(&self, k: usize) -> u32 {
        if self.seen[k] == self.search {
            self.best[k]
        } else {
            u32::MAX
        }
    }

    fn came(&self, k: usize) -> u32 {
        if self.seen[k] == self.search {
            self.came[k]
        } else {
            u32::MAX
        }
    }

    fn set(&mut self, k: usize, best: u32, came: u32) {
        self.seen[k] = self.search;
        self.best[k] = best;
        self.came[k] = came;
    }

    fn block(&mut self, cell: usize) {
        self.blocked[cell] = self.search;
    }

    fn is_blocked(&self, cell: usize) -> bool {
        self.blocked[cell] == self.search
    }
}

#[derive(Clone, Debug)]
struct Found {
    from: Rect,
    to: Rect,
    waypoints: Vec<Pos>,
    offset: f32,
    points: Vec<Pos>,
    /// No route around was found: not searched again while the ends stay.
    crossing: bool,
}

impl Routes {
    /// For interactive use: each build searches a little, so an edit stays fast; what is
    /// left is searched by the next builds (`Scene::incomplete`).
    pub fn interactive() -> Self {
        Self {
            found: FxHashMap::default(),
            solids: FxHashMap::default(),
            // At least one whole search per build, so every build makes progress; the
            // routes end up the same as a thorough build's.
            budget: 45_000,
            per_route: 40_000,
            scratch: Scratch::default(),
            labels: FxHashMap::default(),
        }
    }

    /// For a report or an export: search as long as it takes.
    pub fn thorough() -> Self {
        Self {
            found: FxHashMap::default(),
            solids: FxHashMap::default(),
            budget: 50_000_000,
            per_route: 40_000,
            scratch: Scratch::default(),
            labels: FxHashMap::default(),
        }
    }
}

/// Open threats and the highest open severity of a subject.
pub type BadgeOf<'a> = &'a dyn Fn(&str) -> Option<(usize, Severity)>;

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn inflate(r: &Rect, by: f32) -> Rect {
    Rect::new(r.x - by, r.y - by, r.w + 2.0 * by, r.h + 2.0 * by)
}

/// Whether segment `a`-`b` passes through `r`.
pub fn segment_hits_rect(a: Pos, b: Pos, r: &Rect) -> bool {
    if r.contains(a) || r.contains(b) {
        return true;
    }
    let c = [
        Pos::new(r.x, r.y),
        Pos::new(r.x + r.w, r.y),
        Pos::new(r.x + r.w, r.y + r.h),
        Pos::new(r.x, r.y + r.h),
    ];
    (0..4).any(|i| super::segments_intersect(a, b, c[i], c[(i + 1) % 4]))
}

/// Boxes in a uniform grid, so a query looks at its neighbourhood only.
struct Grid {
    cell: f32,
    cells: FxHashMap<(i32, i32), Vec<u32>>,
    boxes: Vec<(Rect, u32)>,
}

impl Grid {
    fn new(cell: f32) -> Self {
        Self {
            cell,
            cells: FxHashMap::default(),
            boxes: Vec::new(),
        }
    }

    fn span(&self, r: &Rect) -> (i32, i32, i32, i32) {
        let f = |v: f32| (v / self.cell).floor().clamp(-1e6, 1e6) as i32;
        (f(r.x), f(r.y), f(r.x + r.w), f(r.y + r.h))
    }

    /// Adds a box; `tag` lets a query ignore its own things.
    fn insert(&mut self, r: Rect, tag: u32) {
        let i = self.boxes.len() as u32;
        self.boxes.push((r, tag));
        let (x0, y0, x1, y1) = self.span(&r);
        // A huge box (a diagram-wide region) is not an obstacle worth a million cells.
        if (x1 - x0 + 1) as i64 * (y1 - y0 + 1) as i64 > 4096 {
            return;
        }
        for x in x0..=x1 {
            for y in y0..=y1 {
                self.cells.entry((x, y)).or_default().push(i);
            }
        }
    }

    fn candidates(&self, r: &Rect) -> impl Iterator<Item = &(Rect, u32)> {
        let (x0, y0, x1, y1) = self.span(r);
        let mut seen: Vec<u32> = Vec::new();
        for x in x0..=x1 {
            for y in y0..=y1 {
                if let Some(list) = self.cells.get(&(x, y)) {
                    seen.extend_from_slice(list);
                }
            }
        }
        seen.sort_unstable();
        seen.dedup();
        seen.into_iter().map(move |i| &self.boxes[i as usize])
    }

    /// Whether any box (but those tagged `ignore`) satisfies `test`, looking only in the
    /// cells `area` covers; a box in several cells may be tested more than once, which is
    /// cheaper than collecting and de-duplicating.
    fn any_in(&self, area: &Rect, ignore: &[u32], test: impl Fn(&Rect) -> bool) -> bool {
        let (x0, y0, x1, y1) = self.span(area);
        for x in x0..=x1 {
            for y in y0..=y1 {
                if let Some(list) = self.cells.get(&(x, y)) {
                    for i in list {
                        let (b, tag) = &self.boxes[*i as usize];
                        if !ignore.contains(tag) && test(b) {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }

    fn hits(&self, r: &Rect, ignore: &[u32]) -> bool {
        self.any_in(r, ignore, |b| overlaps(b, r))
    }

    fn hits_segment(&self, a: Pos, b: Pos, ignore: &[u32]) -> bool {
        let bbox = Rect::new(
            a.x.min(b.x),
            a.y.min(b.y),
            (a.x - b.x).abs(),
            (a.y - b.y).abs(),
        );
        // Long segments: test the cells along the segment, not its whole bounding box.
        let len = (bbox.w * bbox.w + bbox.h * bbox.h).sqrt();
        let steps = (len / self.cell).ceil().max(1.0) as usize;
        if steps > 2 {
            let piece = 1.0 / steps as f32;
            return (0..steps).any(|k| {
                let (t0, t1) = (k as f32 * piece, (k + 1) as f32 * piece);
                let p = Pos::new(a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0);
                let q = Pos::new(a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1);
                let cell = Rect::new(
                    p.x.min(q.x),
                    p.y.min(q.y),
                    (p.x - q.x).abs(),
                    (p.y - q.y).abs(),
                );
                self.any_in(&cell, ignore, |r| {
                    overlaps(r, &inflate(&cell, 0.5)) && segment_hits_rect(a, b, r)
                })
            });
        }
        self.any_in(&bbox, ignore, |r| {
            overlaps(r, &inflate(&bbox, 0.5)) && segment_hits_rect(a, b, r)
        })
    }

    fn hits_path(&self, points: &[Pos], ignore: &[u32]) -> bool {
        points
            .windows(2)
            .any(|w| self.hits_segment(w[0], w[1], ignore))
    }
}

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
    let mut search = Search {
        // A build of a large diagram costs tens of milliseconds whatever it routes: let it
        // route in proportion, so the routing is done in a few builds, not a hundred.
        budget: routes.budget.max(diagram.flows.len().saturating_mul(12)),
        per_route: routes.per_route,
        scratch: std::mem::take(&mut routes.scratch),
    };
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
    for (i, e) in diagram.elements.iter().enumerate() {
        let Some(r) = layout.elements.get(&e.id) else {
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
                let (title, _) = place_label(&b.name, points, None, &mut texts);
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
    for e in &diagram.elements {
        if let Some(r) = layout.elements.get(&e.id) {
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
    for (f, offset) in diagram.flows.iter().zip(offsets) {
        let (Some(a), Some(z)) = (
            layout.elements.get(&f.source),
            layout.elements.get(&f.target),
        ) else {
            continue;
        };
        let ends = [
            index.get(f.source.as_str()).copied().unwrap_or(NO_TAG),
            index.get(f.target.as_str()).copied().unwrap_or(NO_TAG),
        ];
        let waypoints = layout.waypoints.get(&f.id).map_or(&[][..], Vec::as_slice);
        let cached = routes.found.get(f.id.as_str()).filter(|c| {
            c.from == *a && c.to == *z && c.waypoints == waypoints && c.offset == offset
        });
        let (points, crossing) = match cached {
            // Still clear of everything: no need to search again.
            Some(c)
                if !c.crossing
                    && (!near_change(&c.points) || !solids.hits_path(&c.points, &ends)) =>
            {
                (c.points.clone(), false)
            }
            // No route was found before: unless the way is clear now, do not search again.
            Some(c) if c.crossing => {
                let straight = super::route(a, z, waypoints, offset).points;
                if solids.hits_path(&straight, &ends) {
                    (c.points.clone(), true)
                } else {
                    (straight, false)
                }
            }
            _ => {
                let (points, crossing) =
                    route_around(a, z, waypoints, offset, &solids, &ends, &mut search);
                if crossing && search.budget == 0 {
                    incomplete = true;
                } else {
                    routes.found.insert(
                        f.id.to_string(),
                        Found {
                            from: *a,
                            to: *z,
                            waypoints: waypoints.to_vec(),
                            offset,
                            points: points.clone(),
                            crossing,
                        },
                    );
                }
                (points, crossing)
            }
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
                    .any(|r| texts.hits(&inflate(&r, 1.0), &[]))
        });
        let (label, badge) = match kept {
            Some(l) => {
                for r in l
                    .label
                    .iter()
                    .map(|t| t.rect)
                    .chain(l.badge.iter().map(Badge::rect))
                {
                    texts.insert(r, NO_TAG);
                }
                (l.label.clone(), l.badge)
            }
            None => {
                let (label, b) = place_label(&f.name, &points, badge_in, &mut texts);
                routes.labels.insert(
                    f.id.to_string(),
                    PlacedLabel {
                        points: points.clone(),
                        name: f.name.clone(),
                        badge_in,
                        label: label.clone(),
                        badge: b,
                    },
                );
                (label, b)
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
        });
    }
    routes.scratch = search.scratch;
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

fn path_len(points: &[Pos]) -> f32 {
    points
        .windows(2)
        .map(|w| ((w[1].x - w[0].x).powi(2) + (w[1].y - w[0].y).powi(2)).sqrt())
        .sum()
}

/// The route of a flow: the user's bends if any; else straight when that crosses nothing
/// it does not connect; else the shortest route with one or two bends that crosses
/// nothing. Returns the points and whether it still crosses something.
fn route_around(
    a: &Rect,
    z: &Rect,
    waypoints: &[Pos],
    offset: f32,
    solids: &Grid,
    ends: &[u32],
    search: &mut Search,
) -> (Vec<Pos>, bool) {
    let straight = super::route(a, z, waypoints, offset).points;
    if !solids.hits_path(&straight, ends) {
        return (straight, false);
    }
    if !waypoints.is_empty() {
        // The user's bends stay; a leg between them that runs through something gets
        // bends of its own around it.
        let mut stops = vec![a.center()];
        stops.extend_from_slice(waypoints);
        stops.push(z.center());
        let mut bends = Vec::new();
        for (i, leg) in stops.windows(2).enumerate() {
            if i > 0 {
                bends.push(leg[0]);
            }
            let (p, q) = (
                if i == 0 {
                    super::rect_exit(a, leg[1])
                } else {
                    leg[0]
                },
                if i + 2 == stops.len() {
                    super::rect_exit(z, leg[0])
                } else {
                    leg[1]
                },
            );
            if solids.hits_segment(p, q, ends) {
                if let Some(detour) = grid_route(leg[0], leg[1], solids, ends, [a, z], search) {
                    bends.extend(detour);
                }
            }
        }
        let pts = super::route(a, z, &bends, offset).points;
        let crossing = solids.hits_path(&pts, ends);
        return (pts, crossing);
    }
    let (ac, zc) = (a.center(), z.center());
    let (mx, my) = ((ac.x + zc.x) / 2.0, (ac.y + zc.y) / 2.0);
    let candidates: Vec<Vec<Pos>> = vec![
        vec![Pos::new(zc.x, ac.y)],
        vec![Pos::new(ac.x, zc.y)],
        vec![Pos::new(mx, ac.y), Pos::new(mx, zc.y)],
        vec![Pos::new(ac.x, my), Pos::new(zc.x, my)],
    ];
    let simple = candidates
        .iter()
        .filter(|bends| {
            // A bend inside either end would double back through it.
            !bends
                .iter()
                .any(|b| inflate(a, 4.0).contains(*b) || inflate(z, 4.0).contains(*b))
        })
        .map(|bends| super::route(a, z, bends, 0.0).points)
        .filter(|pts| !solids.hits_path(pts, ends))
        .min_by(|p, q| path_len(p).total_cmp(&path_len(q)));
    if let Some(pts) = simple {
        return (pts, false);
    }
    match grid_route(ac, zc, solids, ends, [a, z], search) {
        Some(bends) => {
            // The search's own path, cut where it leaves the source and enters the target:
            // square to their sides, not a diagonal to their centres.
            let mut path = vec![ac];
            path.extend(bends);
            path.push(zc);
            let pts = clip_to_ends(&path, a, z);
            let crossing = solids.hits_path(&pts, ends);
            if crossing {
                (straight, true)
            } else {
                (pts, false)
            }
        }
        None => (straight, true),
    }
}

/// The bends of an orthogonal route from `from` to `to` that keeps clear of every solid
/// but the flow's own ends: A* on a grid aligned with `from`, each bend costing extra so
/// routes stay simple. `None` when there is none within reach.
fn grid_route(
    from: Pos,
    to: Pos,
    solids: &Grid,
    ends: &[u32],
    free: [&Rect; 2],
    search: &mut Search,
) -> Option<Vec<Pos>> {
    let (budget, max_expanded, scratch) =
        (&mut search.budget, search.per_route, &mut search.scratch);
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    const MARGIN: f32 = 240.0;
    const BEND: u32 = 4;
    if *budget == 0 {
        return None;
    }
    let area = Rect::new(
        from.x.min(to.x) - MARGIN,
        from.y.min(to.y) - MARGIN,
        (from.x - to.x).abs() + 2.0 * MARGIN,
        (from.y - to.y).abs() + 2.0 * MARGIN,
    );
    // Fine enough between neighbours, coarse enough that a long route stays cheap.
    let step = ((area.w * area.h / 40_000.0).sqrt()).max(10.0);
    let (i0, j0) = (
        ((area.x - from.x) / step).floor() as i64,
        ((area.y - from.y) / step).floor() as i64,
    );
    let (cols, rows) = (
        (area.w / step).ceil() as i64 + 2,
        (area.h / step).ceil() as i64 + 2,
    );
    let at = |c: i64, r: i64| {
        Pos::new(
            from.x + (c + i0) as f32 * step,
            from.y + (r + j0) as f32 * step,
        )
    };
    scratch.start((cols * rows) as usize);
    for (r, tag) in solids.candidates(&area) {
        if ends.contains(tag) {
            continue;
        }
        let r = inflate(r, 8.0);
        let c0 = (((r.x - from.x) / step).floor() as i64 - i0).max(0);
        let c1 = (((r.x + r.w - from.x) / step).ceil() as i64 - i0).min(cols - 1);
        let r0 = (((r.y - from.y) / step).floor() as i64 - j0).max(0);
        let r1 = (((r.y + r.h - from.y) / step).ceil() as i64 - j0).min(rows - 1);
        for c in c0..=c1 {
            for row in r0..=r1 {
                let p = at(c, row);
                if r.contains(p) && !free.iter().any(|f| f.contains(p)) {
                    scratch.block((row * cols + c) as usize);
                }
            }
        }
    }
    let start = (-i0, -j0);
    let goal = (
        (((to.x - from.x) / step).round() as i64 - i0).clamp(0, cols - 1),
        (((to.y - from.y) / step).round() as i64 - j0).clamp(0, rows - 1),
    );
    let dirs = [(1i64, 0i64), (-1, 0), (0, 1), (0, -1)];
    let idx = |c: i64, r: i64, d: usize| ((r * cols + c) as usize) * 4 + d;
    // Weighted towards the goal: a good route quickly rather than the best one slowly.
    let h = |c: i64, r: i64| 2 * ((c - goal.0).abs() + (r - goal.1).abs()) as u32;
    let mut heap = BinaryHeap::new();
    for d in 0..4 {
        scratch.set(idx(start.0, start.1, d), 0, u32::MAX);
        heap.push(Reverse((h(start.0, start.1), 0u32, start.0, start.1, d)));
    }
    let mut end = None;
    let mut expanded = 0usize;
    while let Some(Reverse((_, g, c, r, d))) = heap.pop() {
        if g > scratch.best(idx(c, r, d)) {
            continue;
        }
        expanded += 1;
        if expanded > max_expanded || expanded > *budget {
            break;
        }
        if (c, r) == goal {
            end = Some((c, r, d));
            break;
        }
        for (nd, (dc, dr)) in dirs.iter().enumerate() {
            let (nc, nr) = (c + dc, r + dr);
            if nc < 0
                || nr < 0
                || nc >= cols
                || nr >= rows
                || scratch.is_blocked((nr * cols + nc) as usize)
            {
                continue;
            }
            let ng = g + 1 + if nd != d { BEND } else { 0 };
            let k = idx(nc, nr, nd);
            if ng < scratch.best(k) {
                scratch.set(k, ng, idx(c, r, d) as u32);
                heap.push(Reverse((ng + h(nc, nr), ng, nc, nr, nd)));
            }
        }
    }
    *budget = budget.saturating_sub(expanded);
    let (c, r, d) = end?;
    // Walk back, keeping the cells where the direction changes.
    let mut corners = Vec::new();
    let mut k = idx(c, r, d);
    let mut dir = d;
    while scratch.came(k) != u32::MAX {
        let prev = scratch.came(k) as usize;
        let pd = prev % 4;
        if pd != dir {
            let cell = (prev / 4) as i64;
            corners.push(at(cell % cols, cell / cols));
        }
        dir = pd;
        k = prev;
    }
    corners.reverse();
    // The first "corner" can be the start itself (the search starts in every direction).
    corners.retain(|p| (p.x - from.x).abs() > 0.5 || (p.y - from.y).abs() > 0.5);
    Some(corners)
}

/// Where segment `p`-`q` (`p` inside `r`, `q` outside) crosses the side of `r`.
fn leave(r: &Rect, p: Pos, q: Pos) -> Pos {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let mut t: f32 = 1.0;
    if dx > 0.0 {
        t = t.min((r.x + r.w - p.x) / dx);
    } else if dx < 0.0 {
        t = t.min((r.x - p.x) / dx);
    }
    if dy > 0.0 {
        t = t.min((r.y + r.h - p.y) / dy);
    } else if dy < 0.0 {
        t = t.min((r.y - p.y) / dy);
    }
    let t = t.clamp(0.0, 1.0);
    Pos::new(p.x + dx * t, p.y + dy * t)
}

/// A polyline from inside `a` to inside `z`, starting where it leaves `a` and ending where
/// it enters `z`.
fn clip_to_ends(path: &[Pos], a: &Rect, z: &Rect) -> Vec<Pos> {
    let Some(out_a) = path.iter().position(|p| !a.contains(*p)) else {
        return path.to_vec();
    };
    let start = leave(a, path[out_a.saturating_sub(1)], path[out_a]);
    let mut pts = vec![start];
    let mut i = out_a;
    while i < path.len() && !z.contains(path[i]) {
        pts.push(path[i]);
        i += 1;
    }
    if i < path.len() {
        let last = *pts.last().unwrap_or(&start);
        pts.push(leave(z, path[i], last));
    }
    pts.dedup();
    pts
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

/// Places a flow's label (and its badge, to the label's right) where it covers nothing.
fn place_label(
    name: &str,
    points: &[Pos],
    badge: Option<(usize, Severity)>,
    texts: &mut Grid,
) -> (Option<TextBox>, Option<Badge>) {
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
        return (None, b);
    }
    // Near the flow first, even smaller or shortened: a label far from its flow could be
    // read as another's. Only then further out.
    const NEAR: &[f32] = &[0.0, 1.0, -1.0, 1.6, -1.6];
    const FAR: &[f32] = &[2.4, -2.4, 3.5, -3.5, 5.0, -5.0];
    let attempts: [(f32, f32, bool, &[f32]); 6] = [
        (LABEL_FONT, LABEL_WIDTH, false, NEAR),
        (SMALL_LABEL_FONT, LABEL_WIDTH * 0.85, false, NEAR),
        (SMALL_LABEL_FONT, 90.0, true, NEAR),
        (LABEL_FONT, LABEL_WIDTH, false, FAR),
        (SMALL_LABEL_FONT, LABEL_WIDTH * 0.85, false, FAR),
        (SMALL_LABEL_FONT, 90.0, true, FAR),
    ];
    let mut first: Option<(TextBox, Option<Badge>)> = None;
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
                if !texts.hits(&inflate(&unit, 1.0), &[]) {
                    texts.insert(label.rect, NO_TAG);
                    if let Some(b) = &b {
                        texts.insert(b.rect(), NO_TAG);
                    }
                    return (Some(label), b);
                }
            }
        }
    }
    // Nothing fits anywhere near: the first spot tried (the middle of the flow, full name).
    let Some((label, b)) = first else {
        return (None, None);
    };
    texts.insert(label.rect, NO_TAG);
    if let Some(b) = &b {
        texts.insert(b.rect(), NO_TAG);
    }
    (Some(label), b)
}

/// For tests and reports: text boxes that overlap another text box, an element they do
/// not belong to, a badge or a note; and flows that cross an element they do not connect.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collisions {
    pub text_overlaps: Vec<(String, String)>,
    pub crossings: Vec<String>,
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
