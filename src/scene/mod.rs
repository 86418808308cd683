//! egui-free geometry of a diagram: where things are, what a flow's path is, which trust
//! boundaries it crosses. The analysis, the canvas and the reports all use this one module.

pub mod display;
pub mod palette;
mod route;
pub mod text;

use crate::model::{BoundaryShape, Diagram, Flow, Layout, Pos, Rect};

/// The polyline a flow is drawn along: source centre, waypoints, target centre.
/// `None` when an end has no position.
/// The size a new element of this kind gets (width, height).
pub fn default_size(kind: crate::model::ElementKind) -> (f32, f32) {
    use crate::model::ElementKind;
    match kind {
        ElementKind::Process => (140.0, 80.0),
        ElementKind::DataStore => (150.0, 60.0),
        ElementKind::ExternalEntity => (140.0, 70.0),
    }
}

pub fn flow_path(layout: &Layout, flow: &Flow) -> Option<Vec<Pos>> {
    let source = layout.elements.get(&flow.source)?.center();
    let target = layout.elements.get(&flow.target)?.center();
    let mut path = Vec::with_capacity(2 + layout.waypoints.get(&flow.id).map_or(0, Vec::len));
    path.push(source);
    if let Some(points) = layout.waypoints.get(&flow.id) {
        path.extend_from_slice(points);
    }
    path.push(target);
    Some(path)
}

fn cross(o: Pos, a: Pos, b: Pos) -> f32 {
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
}

fn on_segment(a: Pos, b: Pos, p: Pos) -> bool {
    p.x >= a.x.min(b.x) && p.x <= a.x.max(b.x) && p.y >= a.y.min(b.y) && p.y <= a.y.max(b.y)
}

/// Whether segments `a1-a2` and `b1-b2` touch or cross.
pub fn segments_intersect(a1: Pos, a2: Pos, b1: Pos, b2: Pos) -> bool {
    let d1 = cross(b1, b2, a1);
    let d2 = cross(b1, b2, a2);
    let d3 = cross(a1, a2, b1);
    let d4 = cross(a1, a2, b2);
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return true;
    }
    (d1 == 0.0 && on_segment(b1, b2, a1))
        || (d2 == 0.0 && on_segment(b1, b2, a2))
        || (d3 == 0.0 && on_segment(a1, a2, b1))
        || (d4 == 0.0 && on_segment(a1, a2, b2))
}

/// Whether two polylines intersect anywhere.
pub fn polylines_intersect(a: &[Pos], b: &[Pos]) -> bool {
    a.windows(2).any(|sa| {
        b.windows(2)
            .any(|sb| segments_intersect(sa[0], sa[1], sb[0], sb[1]))
    })
}

/// Whether a flow with this path crosses a boundary of this shape: for a region, exactly
/// one end lies inside it; for a line, the path intersects the line.
pub fn path_crosses(path: &[Pos], shape: &BoundaryShape) -> bool {
    match shape {
        BoundaryShape::Region(rect) => match (path.first(), path.last()) {
            (Some(a), Some(b)) => rect.contains(*a) != rect.contains(*b),
            _ => false,
        },
        BoundaryShape::Line(points) => polylines_intersect(path, points),
    }
}

/// The bounding box of everything on a diagram, `None` when it is empty.
pub fn diagram_bounds(diagram: &Diagram, layout: &Layout) -> Option<Rect> {
    let point = |p: &Pos| Rect::new(p.x, p.y, 0.0, 0.0);
    let shapes = || {
        diagram
            .boundaries
            .iter()
            .filter_map(|b| layout.boundaries.get(&b.id))
    };
    let regions = shapes().filter_map(|s| match s {
        BoundaryShape::Region(r) => Some(*r),
        BoundaryShape::Line(_) => None,
    });
    let line_points = shapes()
        .flat_map(|s| match s {
            BoundaryShape::Line(points) => points.as_slice(),
            BoundaryShape::Region(_) => &[],
        })
        .map(point);
    let waypoints = diagram
        .flows
        .iter()
        .filter_map(|f| layout.waypoints.get(&f.id))
        .flatten()
        .map(point);
    diagram
        .elements
        .iter()
        .filter_map(|e| layout.elements.get(&e.id).copied())
        .chain(
            diagram
                .notes
                .iter()
                .filter_map(|n| layout.notes.get(&n.id).copied()),
        )
        .chain(regions)
        .chain(line_points)
        .chain(waypoints)
        .reduce(|a, b| a.union(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f32, y: f32) -> Pos {
        Pos::new(x, y)
    }

    #[test]
    fn crossing_segments_intersect_and_parallel_ones_do_not() {
        assert!(segments_intersect(
            p(0., 0.),
            p(10., 10.),
            p(0., 10.),
            p(10., 0.)
        ));
        assert!(!segments_intersect(
            p(0., 0.),
            p(10., 0.),
            p(0., 1.),
            p(10., 1.)
        ));
        // Touching at an end counts: a flow ending on a boundary line crosses it.
        assert!(segments_intersect(
            p(0., 0.),
            p(5., 5.),
            p(5., 5.),
            p(9., 0.)
        ));
        // Collinear but apart.
        assert!(!segments_intersect(
            p(0., 0.),
            p(1., 0.),
            p(2., 0.),
            p(3., 0.)
        ));
    }

    #[test]
    fn region_is_crossed_when_exactly_one_end_is_inside() {
        let region = BoundaryShape::Region(Rect::new(0., 0., 100., 100.));
        assert!(path_crosses(&[p(50., 50.), p(150., 50.)], &region));
        assert!(!path_crosses(&[p(10., 10.), p(90., 90.)], &region));
        // Both ends outside: passing over a region is not entering it.
        assert!(!path_crosses(&[p(-10., 50.), p(150., 50.)], &region));
    }

    #[test]
    fn line_is_crossed_when_the_path_meets_it() {
        let line = BoundaryShape::Line(vec![p(50., -100.), p(50., 100.)]);
        assert!(path_crosses(&[p(0., 0.), p(100., 0.)], &line));
        assert!(!path_crosses(&[p(0., 0.), p(40., 0.)], &line));
        // A waypoint can route a flow around the end of the line.
        assert!(!path_crosses(
            &[p(0., 0.), p(0., 200.), p(100., 200.)],
            &line
        ));
    }
}

/// How an element kind is drawn, in DFD notation: a process as a rounded shape, a data
/// store as two parallel lines, an external entity as a rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outline {
    /// A process: a rectangle with corners rounded by `radius` (a circle when square and
    /// the radius is half the side).
    Rounded { rect: Rect, radius: f32 },
    /// A data store: the top and bottom lines of `rect` (an open rectangle).
    OpenRect { rect: Rect },
    /// An external entity.
    Box { rect: Rect },
}

/// The outline of an element of `kind` drawn in `rect`.
pub fn outline(kind: crate::model::ElementKind, rect: Rect) -> Outline {
    use crate::model::ElementKind;
    match kind {
        ElementKind::Process => Outline::Rounded {
            rect,
            radius: rect.w.min(rect.h) / 2.0,
        },
        ElementKind::DataStore => Outline::OpenRect { rect },
        ElementKind::ExternalEntity => Outline::Box { rect },
    }
}

/// Where a ray from the centre of `rect` towards `toward` leaves the rectangle.
pub fn rect_exit(rect: &Rect, toward: Pos) -> Pos {
    let c = rect.center();
    let (dx, dy) = (toward.x - c.x, toward.y - c.y);
    if dx == 0.0 && dy == 0.0 {
        return c;
    }
    let (hw, hh) = (rect.w / 2.0, rect.h / 2.0);
    let tx = if dx != 0.0 {
        hw / dx.abs()
    } else {
        f32::INFINITY
    };
    let ty = if dy != 0.0 {
        hh / dy.abs()
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty).min(1.0);
    Pos::new(c.x + dx * t, c.y + dy * t)
}

/// Distance between two flows drawn between the same pair of elements in opposite
/// directions, so they do not overlap.
pub const PARALLEL_OFFSET: f32 = 14.0;

/// The drawn route of a flow: from the edge of `from` to the edge of `to` through the
/// waypoints, shifted sideways by `offset` (for a pair of opposite flows), with the point
/// its label is anchored at.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub points: Vec<Pos>,
    pub label: Pos,
}

pub fn route(from: &Rect, to: &Rect, waypoints: &[Pos], offset: f32) -> Route {
    let (a, b) = (from.center(), to.center());
    // Shift perpendicular to the straight line between the centres.
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
    let (nx, ny) = (-dy / len * offset, dx / len * offset);
    let shift = |p: Pos| Pos::new(p.x + nx, p.y + ny);
    let first_toward = waypoints.first().copied().unwrap_or(b);
    let last_from = waypoints.last().copied().unwrap_or(a);
    let start = rect_exit(&from.translated(nx, ny), shift(first_toward));
    let end = rect_exit(&to.translated(nx, ny), shift(last_from));
    let mut points = Vec::with_capacity(waypoints.len() + 2);
    points.push(start);
    points.extend(waypoints.iter().copied());
    points.push(end);
    let label = midpoint(&points);
    Route { points, label }
}

/// The point halfway along a polyline.
pub fn midpoint(points: &[Pos]) -> Pos {
    let seg = |a: Pos, b: Pos| ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
    let total: f32 = points.windows(2).map(|w| seg(w[0], w[1])).sum();
    let mut left = total / 2.0;
    for w in points.windows(2) {
        let l = seg(w[0], w[1]);
        if l >= left && l > 0.0 {
            let t = left / l;
            return Pos::new(
                w[0].x + (w[1].x - w[0].x) * t,
                w[0].y + (w[1].y - w[0].y) * t,
            );
        }
        left -= l;
    }
    points.first().copied().unwrap_or_default()
}

/// Distance from `p` to the segment `a`-`b`.
pub fn distance_to_segment(p: Pos, a: Pos, b: Pos) -> f32 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.x + t * dx, a.y + t * dy);
    ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt()
}

/// Distance from `p` to a polyline.
pub fn distance_to_polyline(p: Pos, points: &[Pos]) -> f32 {
    points
        .windows(2)
        .map(|w| distance_to_segment(p, w[0], w[1]))
        .fold(f32::INFINITY, f32::min)
}

/// Offsets for every flow of a diagram: a flow whose reverse (same ends, other
/// direction) also exists is shifted to one side, so the two do not overlap.
pub fn parallel_offsets(diagram: &Diagram) -> Vec<f32> {
    use std::collections::HashSet;
    let pairs: HashSet<(&str, &str)> = diagram
        .flows
        .iter()
        .map(|f| (f.source.as_str(), f.target.as_str()))
        .collect();
    diagram
        .flows
        .iter()
        .map(|f| {
            if f.source != f.target && pairs.contains(&(f.target.as_str(), f.source.as_str())) {
                PARALLEL_OFFSET
            } else {
                0.0
            }
        })
        .collect()
}

#[cfg(test)]
mod route_tests {
    use super::*;

    #[test]
    fn routes_start_and_end_on_the_element_edges() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(300.0, 0.0, 100.0, 50.0);
        let r = route(&a, &b, &[], 0.0);
        assert_eq!(r.points, vec![Pos::new(100.0, 25.0), Pos::new(300.0, 25.0)]);
        assert_eq!(r.label, Pos::new(200.0, 25.0));
    }

    #[test]
    fn opposite_flows_are_drawn_apart() {
        let a = Rect::new(0.0, 0.0, 100.0, 50.0);
        let b = Rect::new(300.0, 0.0, 100.0, 50.0);
        let there = route(&a, &b, &[], PARALLEL_OFFSET);
        let back = route(&b, &a, &[], PARALLEL_OFFSET);
        let gap = (there.label.y - back.label.y).abs();
        assert!((gap - 2.0 * PARALLEL_OFFSET).abs() < 0.01, "{gap}");
    }

    #[test]
    fn distance_to_a_polyline() {
        let line = [
            Pos::new(0.0, 0.0),
            Pos::new(10.0, 0.0),
            Pos::new(10.0, 10.0),
        ];
        assert_eq!(distance_to_polyline(Pos::new(5.0, 3.0), &line), 3.0);
        assert_eq!(distance_to_polyline(Pos::new(12.0, 5.0), &line), 2.0);
    }
}
