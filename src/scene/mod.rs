//! egui-free geometry of a diagram: where things are, what a flow's path is, which trust
//! boundaries it crosses. The analysis, the canvas and the reports all use this one module.

use crate::model::{BoundaryShape, Diagram, Flow, Layout, Pos, Rect};

/// The polyline a flow is drawn along: source centre, waypoints, target centre.
/// `None` when an end has no position.
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
    let mut acc: Option<(Pos, Pos)> = None;
    let mut add = |p: Pos| {
        acc = Some(match acc {
            None => (p, p),
            Some((lo, hi)) => (
                Pos::new(lo.x.min(p.x), lo.y.min(p.y)),
                Pos::new(hi.x.max(p.x), hi.y.max(p.y)),
            ),
        });
    };
    let mut add_rect = |r: &Rect| {
        add(Pos::new(r.x, r.y));
        add(Pos::new(r.x + r.w, r.y + r.h));
    };
    for e in &diagram.elements {
        if let Some(r) = layout.elements.get(&e.id) {
            add_rect(r);
        }
    }
    for n in &diagram.notes {
        if let Some(r) = layout.notes.get(&n.id) {
            add_rect(r);
        }
    }
    for b in &diagram.boundaries {
        match layout.boundaries.get(&b.id) {
            Some(BoundaryShape::Region(r)) => add_rect(r),
            Some(BoundaryShape::Line(points)) => {
                for p in points {
                    add_rect(&Rect::new(p.x, p.y, 0.0, 0.0));
                }
            }
            None => {}
        }
    }
    for f in &diagram.flows {
        if let Some(points) = layout.waypoints.get(&f.id) {
            for p in points {
                add_rect(&Rect::new(p.x, p.y, 0.0, 0.0));
            }
        }
    }
    acc.map(|(lo, hi)| Rect::new(lo.x, lo.y, hi.x - lo.x, hi.y - lo.y))
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
