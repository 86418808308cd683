//! What the canvas's gestures do to the model: a click with a placing tool, and a finished
//! drag, box selection, connection, resize or bend, each as an [`AppAction`] the app applies
//! after the UI pass. The gestures themselves (pointer handling, their state machine and
//! drawing) are the canvas's.

use egui::{Pos2, Rect as ERect, Vec2};

use super::{Canvas, GRID, Gesture, View};
use crate::edit::Edit;
use crate::gui::action::AppAction;
use crate::gui::commands::Tool;
use crate::gui::graph::{to_erect, to_pos2};
use crate::gui::selection::{Item, Selection};
use crate::model::{
    Boundary, BoundaryShape, BoundaryType, Diagram, Element, ElementId, ElementKind, Flow, Note,
    NoteId, Pos, Project, Rect,
};

pub(super) fn snap(v: f32, on: bool) -> f32 {
    if on { (v / GRID).round() * GRID } else { v }
}

fn default_size(kind: ElementKind) -> Vec2 {
    let (w, h) = crate::scene::default_size(kind);
    Vec2::new(w, h)
}

fn new_name(kind: ElementKind, diagram: &Diagram) -> String {
    let base = kind.label();
    let taken = |n: &str| {
        diagram
            .elements
            .iter()
            .any(|e| e.name.eq_ignore_ascii_case(n))
    };
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|i| format!("{base} {i}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_owned())
}

/// Region `r` with its `corner` (in [`super::corners`] order) dragged by `d`.
pub(super) fn resized(r: Rect, corner: usize, d: Vec2) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    match corner {
        0 => {
            x0 += d.x;
            y0 += d.y;
        }
        1 => {
            x1 += d.x;
            y0 += d.y;
        }
        2 => {
            x1 += d.x;
            y1 += d.y;
        }
        _ => {
            x0 += d.x;
            y1 += d.y;
        }
    }
    Rect::new(
        x0.min(x1),
        y0.min(y1),
        (x1 - x0).abs().max(20.0),
        (y1 - y0).abs().max(20.0),
    )
}

pub(super) fn insert_boundary(diagram: &Diagram, shape: BoundaryShape) -> AppAction {
    let n = diagram.boundaries.len() + 1;
    AppAction::Apply(Edit::InsertBoundary {
        diagram: diagram.id.clone(),
        index: diagram.boundaries.len(),
        boundary: Box::new(Boundary::new(
            format!("Trust boundary {n}"),
            BoundaryType::Generic,
        )),
        shape,
    })
}

/// Places a new element or note at a canvas position.
pub(super) fn place(
    tool: Tool,
    at: Pos2,
    _project: &Project,
    diagram: &Diagram,
    snap_on: bool,
) -> Option<AppAction> {
    match tool {
        Tool::Element(kind) => {
            let size = default_size(kind);
            let rect = Rect::new(
                snap(at.x - size.x / 2.0, snap_on),
                snap(at.y - size.y / 2.0, snap_on),
                size.x,
                size.y,
            );
            Some(AppAction::Apply(Edit::InsertElement {
                diagram: diagram.id.clone(),
                index: diagram.elements.len(),
                element: Box::new(Element::new(kind, new_name(kind, diagram))),
                rect,
            }))
        }
        Tool::Note => Some(AppAction::Apply(Edit::InsertNote {
            diagram: diagram.id.clone(),
            index: diagram.notes.len(),
            note: Note {
                id: NoteId::generate(),
                text: "Note".into(),
            },
            rect: Rect::new(snap(at.x, snap_on), snap(at.y, snap_on), 180.0, 70.0),
        })),
        Tool::Region | Tool::Line => {
            let shape = if tool == Tool::Region {
                BoundaryShape::Region(Rect::new(at.x - 150.0, at.y - 100.0, 300.0, 200.0))
            } else {
                BoundaryShape::Line(vec![
                    Pos::new(at.x, at.y - 100.0),
                    Pos::new(at.x, at.y + 100.0),
                ])
            };
            Some(insert_boundary(diagram, shape))
        }
        Tool::Select | Tool::Connect => None,
    }
}

/// What a finished `gesture` does: the edit or new selection it makes, if any.
#[allow(clippy::too_many_arguments)]
pub(super) fn finish(
    gesture: Gesture,
    d: Vec2,
    end: Option<Pos2>,
    project: &Project,
    diagram: &Diagram,
    selection: &Selection,
    snap_on: bool,
    additive: bool,
    canvas: &Canvas,
    view: View,
) -> Option<AppAction> {
    let moved = d.length() > 0.01;
    match gesture {
        Gesture::None | Gesture::Pan => None,
        Gesture::BoxSelect { start } => {
            let end = end?;
            let band = ERect::from_two_pos(start, end);
            let mut next = if additive {
                selection.clone()
            } else {
                Selection::default()
            };
            for e in &diagram.elements {
                if project
                    .layout
                    .elements
                    .get(&e.id)
                    .is_some_and(|r| band.contains_rect(to_erect(r)))
                {
                    next.0.insert(Item::Element(e.id.clone()));
                }
            }
            for f in &diagram.flows {
                let inside = |id: &ElementId| {
                    project
                        .layout
                        .elements
                        .get(id)
                        .is_some_and(|r| band.contains_rect(to_erect(r)))
                };
                if inside(&f.source) && inside(&f.target) {
                    next.0.insert(Item::Flow(f.id.clone()));
                }
            }
            for n in &diagram.notes {
                if project
                    .layout
                    .notes
                    .get(&n.id)
                    .is_some_and(|r| band.contains_rect(to_erect(r)))
                {
                    next.0.insert(Item::Note(n.id.clone()));
                }
            }
            for b in &diagram.boundaries {
                let inside = match project.layout.boundaries.get(&b.id) {
                    Some(BoundaryShape::Region(r)) => band.contains_rect(to_erect(r)),
                    Some(BoundaryShape::Line(pts)) => {
                        pts.iter().all(|p| band.contains(to_pos2(*p)))
                    }
                    None => false,
                };
                if inside {
                    next.0.insert(Item::Boundary(b.id.clone()));
                }
            }
            Some(AppAction::Select(next))
        }
        Gesture::Connect { from } => {
            let end = end?;
            let to = match canvas.hit(project, diagram, view, view.to_screen(end)) {
                Some(Item::Element(to)) if to != from => to,
                _ => {
                    return Some(AppAction::Status(
                        "Release the flow over another element to connect it".into(),
                    ));
                }
            };
            let flow = Flow::new("Data flow", from, to);
            Some(AppAction::Apply(Edit::InsertFlow {
                diagram: diagram.id.clone(),
                index: diagram.flows.len(),
                flow: Box::new(flow),
                waypoints: Vec::new(),
            }))
        }
        Gesture::MoveBoundary { id } if moved => {
            let shape = canvas.boundary_shape(project, &id)?;
            let snapped = match shape {
                BoundaryShape::Region(r) => BoundaryShape::Region(Rect::new(
                    snap(r.x, snap_on),
                    snap(r.y, snap_on),
                    r.w,
                    r.h,
                )),
                line => line,
            };
            Some(AppAction::Apply(Edit::SetBoundaryShape {
                id,
                shape: snapped,
            }))
        }
        Gesture::ResizeRegion { id, corner } if moved => {
            let Some(BoundaryShape::Region(r)) = project.layout.boundaries.get(&id) else {
                return None;
            };
            Some(AppAction::Apply(Edit::SetBoundaryShape {
                id,
                shape: BoundaryShape::Region(resized(*r, corner, d)),
            }))
        }
        Gesture::MovePoint { id, index } if moved => {
            let Some(BoundaryShape::Line(pts)) = project.layout.boundaries.get(&id) else {
                return None;
            };
            let mut pts = pts.clone();
            let p = pts.get_mut(index)?;
            *p = Pos::new(snap(p.x + d.x, snap_on), snap(p.y + d.y, snap_on));
            Some(AppAction::Apply(Edit::SetBoundaryShape {
                id,
                shape: BoundaryShape::Line(pts),
            }))
        }
        Gesture::MoveNote { id } if moved => {
            let r = project.layout.notes.get(&id)?;
            Some(AppAction::Apply(Edit::SetNoteRect {
                id,
                rect: Rect::new(snap(r.x + d.x, snap_on), snap(r.y + d.y, snap_on), r.w, r.h),
            }))
        }
        Gesture::DrawRegion { start } => {
            let end = end?;
            let r = ERect::from_two_pos(start, end);
            let rect = if r.width() < 20.0 || r.height() < 20.0 {
                Rect::new(start.x - 150.0, start.y - 100.0, 300.0, 200.0)
            } else {
                Rect::new(
                    snap(r.min.x, snap_on),
                    snap(r.min.y, snap_on),
                    snap(r.width(), snap_on),
                    snap(r.height(), snap_on),
                )
            };
            Some(insert_boundary(diagram, BoundaryShape::Region(rect)))
        }
        Gesture::DrawLine { start } => {
            let end = end?;
            let end = if start.distance(end) < 20.0 {
                start + Vec2::new(0.0, 200.0)
            } else {
                end
            };
            Some(insert_boundary(
                diagram,
                BoundaryShape::Line(vec![
                    Pos::new(snap(start.x, snap_on), snap(start.y, snap_on)),
                    Pos::new(snap(end.x, snap_on), snap(end.y, snap_on)),
                ]),
            ))
        }
        _ => None,
    }
}
