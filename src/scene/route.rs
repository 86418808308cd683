//! Routing flows around what they do not connect, and the obstacle grid that routing and
//! label placement share: straight when clear; else one or two bends; else A* on a grid
//! (bends the user set are kept, the legs between them routed). [`Routes`] keeps what was
//! found between builds, so an edit in the canvas reroutes only what it touches.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;

use super::display::{Badge, TextBox};
use crate::model::{Pos, Rect, Severity};

/// Routes found in earlier builds, by flow id, and how much searching a build may do.
/// The canvas keeps one across edits, so an edit reroutes only the flows it touches.
#[derive(Clone, Debug)]
pub struct Routes {
    pub(super) found: FxHashMap<String, Found>,
    /// Where each element was at the last build: what moved since tells which cached
    /// routes need checking again.
    pub(super) solids: FxHashMap<String, Rect>,
    /// Grid cells a build may expand searching for routes …
    pub budget: usize,
    /// … and one search.
    pub per_route: usize,
    /// Threads a build may search on, when it has many routes to search (by default the
    /// machine's cores, at most four). The routes are the same on any number.
    pub threads: usize,
    /// The searches' buffers, one per thread searching, kept between builds.
    pub(super) scratches: Vec<Scratch>,
    /// Labels placed at the last build, by flow id: kept where they were while the route,
    /// the text and the badge are the same and nothing else has come to lie there.
    pub(super) labels: FxHashMap<String, PlacedLabel>,
}

#[derive(Clone, Debug)]
pub(super) struct PlacedLabel {
    pub(super) points: Vec<Pos>,
    pub(super) name: String,
    pub(super) badge_in: Option<(usize, Severity)>,
    pub(super) label: Option<TextBox>,
    pub(super) badge: Option<Badge>,
    /// The label sits over another flow's line (no spot was clear of them).
    pub(super) over_line: bool,
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
pub(super) struct Scratch {
    pub(super) search: u32,
    pub(super) best: Vec<u32>,
    pub(super) came: Vec<u32>,
    pub(super) seen: Vec<u32>,
    pub(super) blocked: Vec<u32>,
    /// Per obstacle box: the search that last visited it.
    pub(super) boxes: Vec<u32>,
    /// The open cells of the search, kept for its capacity.
    pub(super) heap: BinaryHeap<Reverse<Open>>,
}

/// An open cell of a search: (estimated cost, cost so far, column, row, direction).
pub(super) type Open = (u32, u32, i64, i64, usize);

impl Scratch {
    pub(super) fn start(&mut self, cells: usize) {
        self.search = self.search.wrapping_add(1);
        if self.search == 0 {
            // Stamps wrapped around: start clean.
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.blocked.iter_mut().for_each(|s| *s = 0);
            self.boxes.iter_mut().for_each(|s| *s = 0);
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

    pub(super) fn best(&self, k: usize) -> u32 {
        if self.seen[k] == self.search {
            self.best[k]
        } else {
            u32::MAX
        }
    }

    pub(super) fn came(&self, k: usize) -> u32 {
        if self.seen[k] == self.search {
            self.came[k]
        } else {
            u32::MAX
        }
    }

    pub(super) fn set(&mut self, k: usize, best: u32, came: u32) {
        self.seen[k] = self.search;
        self.best[k] = best;
        self.came[k] = came;
    }

    pub(super) fn block(&mut self, cell: usize) {
        self.blocked[cell] = self.search;
    }

    pub(super) fn is_blocked(&self, cell: usize) -> bool {
        self.blocked[cell] == self.search
    }
}

#[derive(Clone, Debug)]
pub(super) struct Found {
    pub(super) from: Rect,
    pub(super) to: Rect,
    pub(super) waypoints: Vec<Pos>,
    pub(super) offset: f32,
    pub(super) points: Vec<Pos>,
    /// No route around was found: not searched again while the ends stay.
    pub(super) crossing: bool,
}

/// Routes and labels as a build left them (see [`Routes::memo`]).
#[derive(Clone, Debug, Default)]
pub struct RouteMemo {
    found: FxHashMap<String, Found>,
    solids: FxHashMap<String, Rect>,
    labels: FxHashMap<String, PlacedLabel>,
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
            threads: crate::parallel::threads(),
            scratches: Vec::new(),
            labels: FxHashMap::default(),
        }
    }

    /// What the builds found so far (routes, where elements were, labels), to be put back
    /// with [`Routes::restore`]: an undo gets the drawing it had, not routes found again.
    pub fn memo(&self) -> RouteMemo {
        RouteMemo {
            found: self.found.clone(),
            solids: self.solids.clone(),
            labels: self.labels.clone(),
        }
    }

    /// Puts back what [`Routes::memo`] kept.
    pub fn restore(&mut self, memo: &RouteMemo) {
        self.found.clone_from(&memo.found);
        self.solids.clone_from(&memo.solids);
        self.labels.clone_from(&memo.labels);
    }

    /// For a report or an export: search as long as it takes.
    pub fn thorough() -> Self {
        Self {
            found: FxHashMap::default(),
            solids: FxHashMap::default(),
            budget: 50_000_000,
            per_route: 40_000,
            threads: crate::parallel::threads(),
            scratches: Vec::new(),
            labels: FxHashMap::default(),
        }
    }
}

pub(super) fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

pub(super) fn inflate(r: &Rect, by: f32) -> Rect {
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
pub(super) struct Grid {
    pub(super) cell: f32,
    pub(super) cells: FxHashMap<(i32, i32), Vec<u32>>,
    pub(super) boxes: Vec<(Rect, u32)>,
}

impl Grid {
    pub(super) fn new(cell: f32) -> Self {
        Self {
            cell,
            cells: FxHashMap::default(),
            boxes: Vec::new(),
        }
    }

    pub(super) fn span(&self, r: &Rect) -> (i32, i32, i32, i32) {
        let f = |v: f32| (v / self.cell).floor().clamp(-1e6, 1e6) as i32;
        (f(r.x), f(r.y), f(r.x + r.w), f(r.y + r.h))
    }

    /// Adds a box; `tag` lets a query ignore its own things.
    pub(super) fn insert(&mut self, r: Rect, tag: u32) {
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

    /// Calls `visit` once for each box in the cells `area` covers. `seen` holds a stamp per
    /// box: a box stamped `stamp` has been visited (a box lies in several cells), so nothing
    /// is collected, sorted or cleared.
    pub(super) fn each_candidate(
        &self,
        area: &Rect,
        seen: &mut Vec<u32>,
        stamp: u32,
        mut visit: impl FnMut(&Rect, u32),
    ) {
        if seen.len() < self.boxes.len() {
            seen.resize(self.boxes.len(), 0);
        }
        let (x0, y0, x1, y1) = self.span(area);
        for x in x0..=x1 {
            for y in y0..=y1 {
                for &i in self.cells.get(&(x, y)).into_iter().flatten() {
                    if seen[i as usize] != stamp {
                        seen[i as usize] = stamp;
                        let (r, tag) = &self.boxes[i as usize];
                        visit(r, *tag);
                    }
                }
            }
        }
    }

    /// Whether any box (but those tagged `ignore`) satisfies `test`, looking only in the
    /// cells `area` covers; a box in several cells may be tested more than once, which is
    /// cheaper than collecting and de-duplicating.
    pub(super) fn any_in(&self, area: &Rect, ignore: &[u32], test: impl Fn(&Rect) -> bool) -> bool {
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

    pub(super) fn hits(&self, r: &Rect, ignore: &[u32]) -> bool {
        self.any_in(r, ignore, |b| overlaps(b, r))
    }

    pub(super) fn hits_segment(&self, a: Pos, b: Pos, ignore: &[u32]) -> bool {
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

    pub(super) fn hits_path(&self, points: &[Pos], ignore: &[u32]) -> bool {
        points
            .windows(2)
            .any(|w| self.hits_segment(w[0], w[1], ignore))
    }
}

pub(super) fn path_len(points: &[Pos]) -> f32 {
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

/// A flow whose route must be searched: its place among the diagram's flows, its ends'
/// rectangles and tags, the user's bends and its offset from parallel flows.
pub(super) struct Job<'a> {
    pub(super) flow: usize,
    pub(super) from: &'a Rect,
    pub(super) to: &'a Rect,
    pub(super) ends: [u32; 2],
    pub(super) waypoints: &'a [Pos],
    pub(super) offset: f32,
}

/// Below this many searches a build searches on its own thread.
const PARALLEL_JOBS: usize = 64;
/// Searches a thread takes at a time.
const RUN: usize = 8;

impl Routes {
    /// The routes of `jobs`, in order, each with whether it still crosses something and
    /// whether that is because the build's `budget` ran out (then it is searched again by
    /// the next build). Many jobs are shared out among threads in small runs, taken as
    /// threads come free (long and short routes are mixed in a diagram's order); the budget
    /// is shared: each search may use what is left when it starts, so the first searches
    /// have the whole budget and every build makes progress. A route depends only on its
    /// own job, so the routes are those one thread finds; only how many builds it takes may
    /// differ.
    pub(super) fn search_all(
        &mut self,
        jobs: &[Job<'_>],
        solids: &Grid,
        budget: usize,
    ) -> Vec<(Vec<Pos>, bool, bool)> {
        let one = |job: &Job<'_>, search: &mut Search| {
            let (points, crossing) = route_around(
                job.from,
                job.to,
                job.waypoints,
                job.offset,
                solids,
                &job.ends,
                search,
            );
            (points, crossing, crossing && search.budget == 0)
        };
        let threads = if jobs.len() < PARALLEL_JOBS {
            1
        } else {
            self.threads.max(1)
        };
        let per_route = self.per_route;
        if threads == 1 {
            let mut search = Search {
                budget,
                per_route,
                scratch: self.scratches.pop().unwrap_or_default(),
            };
            let found = jobs.iter().map(|job| one(job, &mut search)).collect();
            self.scratches.push(search.scratch);
            return found;
        }
        let left = AtomicUsize::new(budget);
        self.scratches.resize_with(threads, Scratch::default);
        let buffers = Mutex::new(std::mem::take(&mut self.scratches));
        let runs: Vec<&[Job<'_>]> = jobs.chunks(RUN).collect();
        let done = crate::parallel::in_parallel(runs, threads, |run| {
            let scratch = buffers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop()
                .unwrap_or_default();
            let mut search = Search {
                budget: 0,
                per_route,
                scratch,
            };
            let found: Vec<_> = run
                .iter()
                .map(|job| {
                    search.budget = left.load(Ordering::Relaxed);
                    let before = search.budget;
                    let found = one(job, &mut search);
                    let used = before - search.budget;
                    // What others used meanwhile is taken off too: never below nothing.
                    // (A compare-exchange loop: Rust 1.99 deprecates `fetch_update` for
                    // `try_update`, which Rust 1.85, the oldest we build with, lacks.)
                    let mut l = left.load(Ordering::Relaxed);
                    while let Err(now) = left.compare_exchange_weak(
                        l,
                        l.saturating_sub(used),
                        Ordering::Relaxed,
                        Ordering::Relaxed,
                    ) {
                        l = now;
                    }
                    found
                })
                .collect();
            buffers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(search.scratch);
            found
        });
        self.scratches = buffers.into_inner().unwrap_or_else(PoisonError::into_inner);
        let found: Vec<_> = done.into_iter().flatten().collect();
        debug_assert_eq!(found.len(), jobs.len(), "every run is searched once");
        found
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
    let stamp = scratch.search;
    let mut seen = std::mem::take(&mut scratch.boxes);
    solids.each_candidate(&area, &mut seen, stamp, |r, tag| {
        if ends.contains(&tag) {
            return;
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
    });
    scratch.boxes = seen;
    let start = (-i0, -j0);
    let goal = (
        (((to.x - from.x) / step).round() as i64 - i0).clamp(0, cols - 1),
        (((to.y - from.y) / step).round() as i64 - j0).clamp(0, rows - 1),
    );
    let dirs = [(1i64, 0i64), (-1, 0), (0, 1), (0, -1)];
    let idx = |c: i64, r: i64, d: usize| ((r * cols + c) as usize) * 4 + d;
    // Weighted towards the goal: a good route quickly rather than the best one slowly.
    let h = |c: i64, r: i64| 2 * ((c - goal.0).abs() + (r - goal.1).abs()) as u32;
    let mut heap = std::mem::take(&mut scratch.heap);
    heap.clear();
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
    scratch.heap = heap;
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
pub(super) fn leave(r: &Rect, p: Pos, q: Pos) -> Pos {
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
pub(super) fn clip_to_ends(path: &[Pos], a: &Rect, z: &Rect) -> Vec<Pos> {
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
