//! Where the routes' lines run, by grid cell: which other flow's line passes through a box
//! a label might take. A long diagonal is indexed by the cells it crosses (a grid walk),
//! not by its bounding box.

use rustc_hash::FxHashMap;

use super::{prim_bounds_of, segment_hits_rect};
use crate::model::{Pos, Rect};

/// Calls `visit` for each cell of a grid of `c`-sized cells the segment `a`–`b` passes
/// through (a grid walk, Amanatides and Woo), each once: a long diagonal is indexed by the
/// cells it crosses, not by its bounding box (at 1,000 flows, checking every such segment
/// against every label spot tried made opening a diagram take seconds). False where the
/// walk cannot be made (not a finite segment), for the caller to check it every time.
fn walk(c: f32, a: Pos, b: Pos, mut visit: impl FnMut((i32, i32))) -> bool {
    if !(a.x.is_finite() && a.y.is_finite() && b.x.is_finite() && b.y.is_finite()) {
        return false;
    }
    let cell_of = |v: f32| (v / c).floor().clamp(-1e6, 1e6) as i32;
    let (mut x, mut y) = (cell_of(a.x), cell_of(a.y));
    let (ex, ey) = (cell_of(b.x), cell_of(b.y));
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let step = |d: f32| if d > 0.0 { 1 } else { -1 };
    let (sx, sy) = (step(dx), step(dy));
    // Distance along the segment (0..1) to the next vertical and horizontal grid line,
    // and between two of them.
    let next = |p: f32, cell: i32, s: i32, d: f32| {
        if d == 0.0 {
            f32::INFINITY
        } else {
            let edge = (cell + i32::from(s > 0)) as f32 * c;
            (edge - p) / d
        }
    };
    let (mut tx, mut ty) = (next(a.x, x, sx, dx), next(a.y, y, sy, dy));
    let (tdx, tdy) = (
        if dx == 0.0 {
            f32::INFINITY
        } else {
            c / dx.abs()
        },
        if dy == 0.0 {
            f32::INFINITY
        } else {
            c / dy.abs()
        },
    );
    let most = (ex - x).unsigned_abs() + (ey - y).unsigned_abs() + 2;
    visit((x, y));
    for _ in 0..most {
        if (x, y) == (ex, ey) {
            break;
        }
        if tx < ty {
            x += sx;
            tx += tdx;
        } else {
            y += sy;
            ty += tdy;
        }
        visit((x, y));
    }
    true
}

/// The routes' line segments by grid cell: which other flow's line runs through a box.
pub(super) struct Lines {
    cell: f32,
    cells: FxHashMap<(i32, i32), Vec<u32>>,
    /// Segments that could not be indexed by cell (not finite), checked every time.
    long: Vec<u32>,
    segments: Vec<(Pos, Pos, usize)>,
}

impl Lines {
    pub(super) fn new(planned: &[Option<(Vec<Pos>, bool)>]) -> Self {
        let mut l = Self {
            cell: 120.0,
            cells: FxHashMap::default(),
            long: Vec::new(),
            segments: Vec::new(),
        };
        for (flow, plan) in planned.iter().enumerate() {
            let Some((points, _)) = plan else { continue };
            for w in points.windows(2) {
                let i = l.segments.len() as u32;
                l.segments.push((w[0], w[1], flow));
                let (x0, y0, x1, y1) = l.span(&prim_bounds_of(w));
                if (x1 - x0 + 1) as i64 * (y1 - y0 + 1) as i64 <= 16 {
                    for x in x0..=x1 {
                        for y in y0..=y1 {
                            l.cells.entry((x, y)).or_default().push(i);
                        }
                    }
                } else {
                    let cells = &mut l.cells;
                    if !walk(l.cell, w[0], w[1], |cell| {
                        cells.entry(cell).or_default().push(i)
                    }) {
                        l.long.push(i);
                    }
                }
            }
        }
        l
    }

    fn span(&self, r: &Rect) -> (i32, i32, i32, i32) {
        let f = |v: f32| (v / self.cell).floor().clamp(-1e6, 1e6) as i32;
        (f(r.x), f(r.y), f(r.x + r.w), f(r.y + r.h))
    }

    /// Whether a line of a flow other than `own` passes through `r`.
    pub(super) fn crosses(&self, r: &Rect, own: usize) -> bool {
        let hit = |i: &u32| {
            self.segments
                .get(*i as usize)
                .is_some_and(|(a, b, f)| *f != own && segment_hits_rect(*a, *b, r))
        };
        if self.long.iter().any(hit) {
            return true;
        }
        let (x0, y0, x1, y1) = self.span(r);
        (x0..=x1)
            .any(|x| (y0..=y1).any(|y| self.cells.get(&(x, y)).is_some_and(|v| v.iter().any(hit))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid walk visits every cell a segment passes through: densely sampled points of
    /// each of many segments (steep, shallow, axis-aligned, negative, across cell corners)
    /// all fall in visited cells, and nothing is visited twice.
    #[test]
    fn the_grid_walk_visits_every_cell_a_segment_crosses() {
        let c = 120.0;
        let mut seed = 7u32;
        let mut rnd = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 8) as f32 / (1u32 << 24) as f32 * 3_000.0 - 1_500.0
        };
        let mut cases: Vec<(Pos, Pos)> = (0..300)
            .map(|_| (Pos::new(rnd(), rnd()), Pos::new(rnd(), rnd())))
            .collect();
        cases.push((Pos::new(0.0, 0.0), Pos::new(1_200.0, 1_200.0))); // through corners
        cases.push((Pos::new(-5.0, 60.0), Pos::new(-5.0, -900.0))); // vertical
        cases.push((Pos::new(30.0, 30.0), Pos::new(30.0, 30.0))); // a point
        for (a, b) in cases {
            let mut seen = Vec::new();
            assert!(walk(c, a, b, |cell| seen.push(cell)));
            let mut unique = seen.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), seen.len(), "{a:?}-{b:?}: a cell twice");
            for k in 0..=2_000 {
                let t = k as f32 / 2_000.0;
                let p = Pos::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                let cell = ((p.x / c).floor() as i32, (p.y / c).floor() as i32);
                // A point on a cell's edge belongs to either side.
                let near = |d: (i32, i32)| seen.contains(&(cell.0 + d.0, cell.1 + d.1));
                let on_edge = (p.x / c).fract().abs() < 1e-3 || (p.y / c).fract().abs() < 1e-3;
                assert!(
                    seen.contains(&cell)
                        || (on_edge && [(-1, 0), (0, -1), (-1, -1)].into_iter().any(near)),
                    "{a:?}-{b:?}: {p:?} in {cell:?} not visited"
                );
            }
        }
        assert!(!walk(
            c,
            Pos::new(f32::NAN, 0.0),
            Pos::new(1.0, 1.0),
            |_| {}
        ));
    }
}
