//! The diagram canvas.
//!
//! egui_graphs renders the elements and flows (custom DFD shapes in `graph.rs`) and moves
//! elements by dragging; its drag events become edits. Everything egui_graphs has no
//! notion of is drawn with egui's painter on the same pan/zoom transform (its
//! `MetadataFrame`): trust boundaries (regions and lines, which must sit under the
//! elements and be moved and resized by handles), notes, the grid, connecting two
//! elements by dragging, box selection, in-place renaming, and pan and zoom (egui_graphs
//! pans on any empty-space drag, which would leave no gesture for box selection, and it
//! cannot zoom to fit our boundaries). All gestures push [`AppAction`]s into the frame's queue; the
//! app applies them after the UI pass.
//!
//! This file holds the canvas's state, its frame (`show`), hit testing and the gesture
//! state machine the gestures (drag, connect, box-select, resize, bend) share with the
//! view transform. What a finished gesture does to the model is in `edits`; the canvas's
//! own drawing (grid, boundaries, notes, gesture in progress, handles) in `draw`; renaming
//! in place in `rename`. What is selected is `super::selection`'s; the graph egui_graphs
//! draws, `super::graph`'s.
//!
//! One file, over 800 lines: the frame, hit testing and the gesture state machine read and
//! write the same canvas state on every pointer event (a press starts a gesture only where
//! hit testing says, a drag moves what the gesture holds); apart they would hand that state
//! back and forth.

use egui::{Align2, CornerRadius, FontId, PointerButton, Pos2, Rect as ERect, Response, Vec2};
use egui_graphs::{
    GraphChange, GraphView, MetadataFrame, SettingsInteraction, SettingsNavigation, SettingsStyle,
};

use super::action::{Actions, AppAction};
use super::commands::Tool;
use super::graph::{
    self, BuiltGraph, Decorations, FixedLayout, FixedState, to_erect, to_pos, to_pos2,
};
use super::selection::{Item, Selection};
use super::style::CanvasStyle;
use crate::edit::Edit;
use crate::model::{BoundaryId, BoundaryShape, Diagram, ElementId, NoteId, Pos, Project, Rect};
use crate::scene;
use crate::scene::display::{self, Routes, Scene};

mod draw;
mod edits;
mod rename;
use edits::{finish, insert_boundary, place, resized, snap};

/// The id egui_graphs stores its pan/zoom under.
pub const VIEW_ID: &str = "threatboard-canvas";
/// Grid spacing in canvas units (snapping and the drawn grid).
pub const GRID: f32 = 10.0;
const HANDLE: f32 = 6.0;
const PICK: f32 = 6.0;

/// What is being renamed in place.
#[derive(Clone, Debug, PartialEq)]
pub struct Rename {
    pub item: Item,
    pub text: String,
    focused: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Gesture {
    None,
    Pan,
    BoxSelect { start: Pos2 },
    Connect { from: ElementId },
    MoveBoundary { id: BoundaryId },
    ResizeRegion { id: BoundaryId, corner: usize },
    MovePoint { id: BoundaryId, index: usize },
    MoveNote { id: NoteId },
    DrawRegion { start: Pos2 },
    DrawLine { start: Pos2 },
}

/// A building block being dragged from the palette onto the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockDrag {
    pub library: String,
    pub block: String,
}

/// The transform between canvas units and screen points.
#[derive(Clone, Copy, Debug)]
pub struct View {
    pub origin: Pos2,
    pub pan: Vec2,
    pub zoom: f32,
}

impl View {
    pub fn to_screen(&self, p: Pos2) -> Pos2 {
        self.origin + self.pan + p.to_vec2() * self.zoom
    }

    pub fn to_canvas(&self, s: Pos2) -> Pos2 {
        ((s - self.origin - self.pan) / self.zoom).to_pos2()
    }

    pub fn rect_to_screen(&self, r: &Rect) -> ERect {
        ERect::from_min_max(
            self.to_screen(Pos2::new(r.x, r.y)),
            self.to_screen(Pos2::new(r.x + r.w, r.y + r.h)),
        )
    }
}

/// What the canvas shows besides the diagram: badges and focus.
pub struct Overlay<'a> {
    pub badge: Option<graph::BadgeFn<'a>>,
    pub focus: Option<&'a dyn Fn(&str) -> bool>,
    /// Changes whenever badges or focus change.
    pub key: u64,
    /// What changed since the version compared with: marks over the diagram.
    pub changes: Option<&'a display::Marks>,
    /// Subjects with a mitigation whose control fails in the loaded evidence (their
    /// badges get a red ring). Part of `key`.
    pub alert: Option<&'a dyn Fn(&str) -> bool>,
}

/// How many drawn states keep their routes for an undo.
const ROUTE_MEMORY: usize = 32;

/// A fingerprint of what routing reads for `diagram`: its content, the layout and the
/// badges. `None` on a diagram too big to fingerprint at every edit (its undo reroutes).
fn route_state(
    project: &Project,
    diagram: &Diagram,
    badge: &dyn Fn(&str) -> Option<(usize, crate::model::Severity)>,
) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    if diagram.elements.len() + diagram.flows.len() > 3_000 {
        return None;
    }
    let mut h = rustc_hash::FxHasher::default();
    ron::to_string(diagram).ok()?.hash(&mut h);
    ron::to_string(&project.layout).ok()?.hash(&mut h);
    for id in diagram
        .elements
        .iter()
        .map(|e| e.id.as_str())
        .chain(diagram.flows.iter().map(|f| f.id.as_str()))
    {
        badge(id).hash(&mut h);
    }
    Some(h.finish())
}

/// What a built graph was built from: revision, diagram, overlay, dark mode, display list
/// (its generation).
type BuildKey = (u64, String, u64, bool, u64);

pub struct Canvas {
    /// The egui_graphs view, what it was built from, and the selection it marks.
    built: Option<(BuiltGraph, BuildKey, u64)>,
    /// The display list the graph is drawn from: for a revision, diagram and overlay.
    scene: Option<(Scene, (u64, String, u64))>,
    /// Counts display lists made: the graph is brought up to date when it moves.
    scene_generation: u64,
    /// Routes found so far, kept across edits so an edit reroutes only what it touches.
    routes: Routes,
    /// The routes of the last few states drawn, by what routing reads (see `route_state`):
    /// an undo back to one of them draws it as it was.
    route_memory: std::collections::VecDeque<(u64, display::RouteMemo)>,
    gesture: Gesture,
    /// Offset of the gesture in progress, in canvas units.
    drag: Vec2,
    /// Elements being moved with the dragged node. During the drag they are where
    /// egui_graphs' nodes are; the model keeps where they were until the drop's one edit.
    moving: Vec<ElementId>,
    pub rename: Option<Rename>,
    /// Frames left in which to zoom to fit (the side panels settle their widths on the
    /// first frames, so a fit is repeated once).
    fit_pending: u8,
    /// The window size and view of the last fit. While the view is still exactly that
    /// (the user has not panned or zoomed), a new window size fits again: the window
    /// manager maximising the window after it opened, the user resizing it.
    fitted: Option<(Vec2, Vec2, f32)>,
    /// What a fit shows: part of the diagram (canvas units), or all of it when `None`.
    fit_target: Option<Rect>,
    pub last_view: Option<View>,
    /// The canvas's rectangle on screen in the last frame.
    pub last_area: Option<ERect>,
    selection_key: u64,
    last_selection: Selection,
    /// A canvas rectangle to bring into view on the next frame.
    reveal: Option<Rect>,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            built: None,
            scene: None,
            scene_generation: 0,
            routes: Routes::interactive(),
            route_memory: std::collections::VecDeque::new(),
            gesture: Gesture::None,
            drag: Vec2::ZERO,
            moving: Vec::new(),
            rename: None,
            fit_pending: 2,
            fitted: None,
            fit_target: None,
            last_view: None,
            last_area: None,
            selection_key: 0,
            last_selection: Selection::default(),
            reveal: None,
        }
    }
}

/// The corners of a region, in the order used by resize handles.
fn corners(r: ERect) -> [Pos2; 4] {
    [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
    ]
}

impl Canvas {
    /// The canvas point at the middle of the view last drawn.
    pub fn view_center(&self) -> Option<Pos> {
        let (view, area) = (self.last_view?, self.last_area?);
        let c = view.to_canvas(area.center());
        Some(Pos::new(c.x, c.y))
    }

    /// Zooms to show the whole diagram.
    pub fn request_fit(&mut self) {
        self.fit_target = None;
        self.fit_pending = 2;
    }

    /// Zooms to show `rect` (canvas units) large, but never beyond 100 %.
    pub fn request_fit_to(&mut self, rect: Rect) {
        self.fit_target = Some(rect);
        self.fit_pending = 2;
    }

    /// Pans (on the next frame) so `rect` is visible, if it is not already.
    pub fn reveal(&mut self, rect: Rect) {
        self.reveal = Some(rect);
    }

    pub fn start_rename(&mut self, item: Item, project: &Project) {
        let text = match &item {
            Item::Element(id) => project.element(id).map(|(_, e)| e.name.clone()),
            Item::Flow(id) => project.flow(id).map(|(_, f)| f.name.clone()),
            Item::Boundary(id) => project
                .diagrams
                .iter()
                .find_map(|d| d.boundary(id))
                .map(|b| b.name.clone()),
            Item::Note(id) => project
                .diagrams
                .iter()
                .find_map(|d| d.notes.iter().find(|n| &n.id == id))
                .map(|n| n.text.clone()),
        };
        if let Some(text) = text {
            self.rename = Some(Rename {
                item,
                text,
                focused: false,
            });
        }
    }

    pub fn is_busy(&self) -> bool {
        self.gesture != Gesture::None || self.rename.is_some() || !self.moving.is_empty()
    }

    /// Cancels a gesture or rename in progress; false when there was none.
    pub fn cancel(&mut self) -> bool {
        let busy = self.is_busy();
        self.gesture = Gesture::None;
        self.drag = Vec2::ZERO;
        self.rename = None;
        if !self.moving.is_empty() {
            self.moving.clear();
            self.built = None; // put dragged nodes back where the project has them
        }
        busy
    }

    /// The display list drawn last, when it is for `diagram` and complete.
    pub fn scene(&self, diagram: &crate::model::DiagramId) -> Option<&Scene> {
        self.scene
            .as_ref()
            .filter(|(s, key)| key.1 == diagram.as_str() && !s.incomplete)
            .map(|(s, _)| s)
    }

    /// Pans and zooms so the fit target, or else the whole diagram, is visible.
    fn fit(&mut self, ui: &mut egui::Ui, project: &Project, diagram: &Diagram, area: ERect) {
        let mut meta = MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui);
        // Labels and badges included: the display list's bounds when it is for this diagram.
        let drawn = self
            .scene
            .as_ref()
            .filter(|(_, key)| key.1 == diagram.id.as_str())
            .and_then(|(s, _)| s.bounds);
        let bounds = self
            .fit_target
            .or(drawn)
            .or_else(|| scene::diagram_bounds(diagram, &project.layout));
        let max_zoom = if self.fit_target.is_some() { 1.0 } else { 2.0 };
        let (zoom, center) = match bounds {
            Some(b) if b.w > 0.0 && b.h > 0.0 => {
                let z = ((area.width() - 80.0) / b.w).min((area.height() - 80.0) / b.h);
                (z.clamp(0.05, max_zoom), to_pos2(b.center()))
            }
            _ => (1.0, Pos2::ZERO),
        };
        meta.zoom = zoom;
        meta.pan = area.size() / 2.0 - center.to_vec2() * zoom;
        self.fitted = Some((ui.ctx().content_rect().size(), meta.pan, meta.zoom));
        meta.save(ui);
    }

    /// Shows the canvas for `diagram` and pushes what the user did into `actions`.
    #[allow(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        revision: u64,
        diagram: &Diagram,
        selection: &Selection,
        tool: Tool,
        snap_on: bool,
        overlay: &Overlay<'_>,
        actions: &mut Actions,
    ) {
        let area = ui.available_rect_before_wrap();
        let style = CanvasStyle::for_visuals(ui.visuals());
        if let Some((window, pan, zoom)) = self.fitted
            && window != ui.ctx().content_rect().size()
        {
            let meta = MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui);
            if meta.pan == pan && meta.zoom == zoom {
                self.fit_pending = 2;
            } else {
                self.fitted = None; // the user has moved the view: leave it alone
            }
        }
        if self.fit_pending > 0 {
            self.fit(ui, project, diagram, area);
            self.fit_pending -= 1;
            if self.fit_pending > 0 {
                ui.ctx().request_repaint();
            }
        }
        if let Some(target) = self.reveal.take() {
            let mut meta = MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui);
            let screen = ERect::from_min_max(
                area.min + meta.pan + Vec2::new(target.x, target.y) * meta.zoom,
                area.min
                    + meta.pan
                    + Vec2::new(target.x + target.w, target.y + target.h) * meta.zoom,
            );
            if !area.shrink(20.0).contains_rect(screen) {
                let center = Vec2::new(target.x + target.w / 2.0, target.y + target.h / 2.0);
                meta.pan = area.size() / 2.0 - center * meta.zoom;
                meta.save(ui);
            }
        }
        if *selection != self.last_selection {
            self.last_selection = selection.clone();
            self.selection_key += 1;
        }
        let meta = MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui);
        let view = View {
            origin: area.min,
            pan: meta.pan,
            zoom: meta.zoom,
        };
        self.last_view = Some(view);
        self.last_area = Some(area);
        let painter = ui.painter_at(area);
        painter.rect_filled(area, CornerRadius::ZERO, style.background);
        if view.zoom * GRID >= 6.0 {
            self.draw_grid(&painter, view, area, style);
        }
        self.draw_boundaries(&painter, project, diagram, selection, view, style);
        self.draw_notes(&painter, project, diagram, selection, view, style);

        // Bring the egui_graphs view up to date when the project, diagram, overlay or display
        // list changed (in place when the diagram has the same elements and flows: a move, a
        // rename, new badges); a new selection is only marked in it.
        let marks_key = overlay.changes.map_or(0, |m| m.generation + 1);
        let scene_key = (
            revision,
            diagram.id.to_string(),
            overlay.key ^ (marks_key << 40),
        );
        if self.scene.as_ref().is_none_or(|(_, k)| *k != scene_key) && self.moving.is_empty() {
            let badge = |id: &str| overlay.badge.and_then(|f| f(id));
            let state = route_state(project, diagram, &badge);
            if let Some((_, memo)) =
                state.and_then(|st| self.route_memory.iter().find(|(k, _)| *k == st))
            {
                self.routes.restore(memo);
            }
            let scene =
                display::build_marked(project, diagram, &badge, &mut self.routes, overlay.changes);
            if let Some(st) = state
                && !scene.incomplete
            {
                self.route_memory.retain(|(k, _)| *k != st);
                self.route_memory.push_back((st, self.routes.memo()));
                if self.route_memory.len() > ROUTE_MEMORY {
                    self.route_memory.pop_front();
                }
            }
            if scene.incomplete {
                // Route the rest over the next frames rather than blocking this one.
                ui.ctx().request_repaint();
            }
            self.scene = Some((scene, scene_key));
            self.scene_generation += 1;
        }
        let key = (
            revision,
            diagram.id.to_string(),
            overlay.key,
            ui.visuals().dark_mode,
            self.scene_generation,
        );
        if let Some((built, built_key, marked)) = self.built.as_mut()
            && self.moving.is_empty()
            && *built_key == key
            && *marked != self.selection_key
        {
            let ids = selection.id_set();
            built.reselect(&|id: &str| ids.contains(id));
            *marked = self.selection_key;
        }
        if self.built.as_ref().is_none_or(|(_, k, _)| *k != key) && self.moving.is_empty() {
            let ids = selection.id_set();
            let selected = |id: &str| ids.contains(id);
            let dimmed = |id: &str| overlay.focus.is_some_and(|f| !f(id));
            let deco = Decorations {
                selected: Some(&selected),
                dimmed: overlay.focus.map(|_| &dimmed as &dyn Fn(&str) -> bool),
                badge: overlay.badge,
                alert: overlay.alert,
            };
            let empty = Scene::default();
            let scene = self.scene.as_ref().map_or(&empty, |(s, _)| s);
            let updated = self
                .built
                .as_mut()
                .is_some_and(|(built, _, _)| built.update(project, diagram, scene, style, &deco));
            if updated {
                if let Some((_, built_key, marked)) = self.built.as_mut() {
                    *built_key = key;
                    *marked = self.selection_key;
                }
            } else {
                let built = graph::build(project, diagram, scene, style, &deco);
                self.built = Some((built, key, self.selection_key));
            }
            if scene.incomplete {
                self.scene = None;
            }
        }
        let Some((built, _, _)) = self.built.as_mut() else {
            return;
        };

        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(tool == Tool::Select && self.rename.is_none())
            .with_hover_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_zoom_and_pan_enabled(false)
            .with_fit_to_screen_enabled(false);
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(area));
        // Flow labels are queued by the edges and drawn by the first node (over every
        // line); none may be left from a frame drawn elsewhere.
        drop(graph::take_flow_labels(ui.ctx()));
        let gv = GraphView::<FixedState, FixedLayout>::new()
            .with_id(Some(VIEW_ID.to_owned()))
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&SettingsStyle::new().with_labels_always(true))
            .show(&mut child, &mut built.graph);
        painter.extend(graph::take_flow_labels(ui.ctx()));
        // Pan and zoom are ours alone: undo egui_graphs' own fit on its first frame (it
        // divides by the bounds of an empty graph and zooms to hundreds of times).
        meta.clone().save(&mut child);
        let resp = gv.response.clone();
        resp.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::Other, true, "Diagram canvas")
        });
        ui.advance_cursor_after_rect(area);

        // Element drags from egui_graphs: carry the rest of the selection along, and
        // commit the whole move as one edit when the drag ends.
        for change in &gv.changes {
            match change {
                GraphChange::NodeDragStarted { node } => {
                    let Some(id) = built.graph.node(*node).map(|n| n.payload().id.clone()) else {
                        continue;
                    };
                    let group: Vec<ElementId> = if selection.contains_id(id.as_str()) {
                        selection.elements().cloned().collect()
                    } else {
                        actions.push(AppAction::Select(Selection::one(Item::Element(id.clone()))));
                        vec![id]
                    };
                    self.moving = group
                        .into_iter()
                        .filter(|e| project.layout.elements.contains_key(e))
                        .collect();
                }
                GraphChange::NodeMoved { node, delta, .. } => {
                    let others: Vec<_> = self
                        .moving
                        .iter()
                        .filter_map(|e| built.node_of.get(e).copied())
                        .filter(|idx| idx != node)
                        .collect();
                    for idx in others {
                        if let Some(n) = built.graph.node_mut(idx) {
                            let loc = n.location();
                            n.set_location(loc + *delta);
                        }
                    }
                }
                GraphChange::NodeDragEnded { .. } => {
                    let mut steps = Vec::new();
                    for id in std::mem::take(&mut self.moving) {
                        // Where it was is the model's; where it is now, egui_graphs' node's.
                        let (Some(start), Some(n)) = (
                            project.layout.elements.get(&id).copied(),
                            built.node_of.get(&id).and_then(|i| built.graph.node(*i)),
                        ) else {
                            continue;
                        };
                        let c = n.location();
                        let x = snap(c.x - start.w / 2.0, snap_on);
                        let y = snap(c.y - start.h / 2.0, snap_on);
                        if (x - start.x).abs() > 0.01 || (y - start.y).abs() > 0.01 {
                            steps.push(Edit::SetElementRect {
                                id,
                                rect: Rect::new(x, y, start.w, start.h),
                            });
                        }
                    }
                    if !steps.is_empty() {
                        actions.push(AppAction::Apply(Edit::Batch(steps)));
                    }
                    self.built = None;
                    break;
                }
                _ => {}
            }
        }
        let dragging_node = self
            .built
            .as_ref()
            .is_some_and(|(b, _, _)| b.graph.dragged_node().is_some());

        self.handle_pointer(
            ui,
            &resp,
            project,
            diagram,
            selection,
            tool,
            snap_on,
            view,
            dragging_node,
            actions,
        );
        self.handle_navigation(ui, &resp, view, area);
        if let Some((scene, _)) = self.scene.as_ref().filter(|_| overlay.changes.is_some()) {
            super::changes::draw(&painter, view, scene);
        }
        self.draw_gesture(&painter, ui, project, diagram, view, style);
        self.draw_handles(&painter, project, diagram, selection, view, style);
        if let Some(edit) = self.rename_editor(ui, project, diagram, view) {
            actions.push(AppAction::Apply(edit));
        }
        if let Some(tool_hint) = match tool {
            Tool::Select => None,
            t => Some(t.hint()),
        } {
            painter.text(
                area.left_bottom() + Vec2::new(8.0, -8.0),
                Align2::LEFT_BOTTOM,
                tool_hint,
                FontId::proportional(12.0),
                style.muted,
            );
        }
        if let Some(block) = resp.dnd_release_payload::<BlockDrag>()
            && let Some(pos) = ui.input(|i| i.pointer.interact_pos())
        {
            let at = view.to_canvas(pos);
            actions.push(AppAction::PlaceBlock(
                (*block).clone(),
                Pos::new(at.x, at.y),
            ));
        }
        // Drops from the palette: place the dragged kind where it was released.
        if let Some(dropped) = resp.dnd_release_payload::<Tool>() {
            if let Some(pos) = ui.input(|i| i.pointer.interact_pos()) {
                let at = view.to_canvas(pos);
                if let Some(a) = place(*dropped, at, project, diagram, snap_on) {
                    actions.push(a);
                }
            }
        }
    }

    /// The shape of a boundary, with a move in progress applied.
    fn boundary_shape(&self, project: &Project, id: &BoundaryId) -> Option<BoundaryShape> {
        let shape = project.layout.boundaries.get(id)?.clone();
        let d = self.drag;
        Some(match (&self.gesture, shape) {
            (Gesture::MoveBoundary { id: g }, BoundaryShape::Region(r)) if g == id => {
                BoundaryShape::Region(r.translated(d.x, d.y))
            }
            (Gesture::MoveBoundary { id: g }, BoundaryShape::Line(pts)) if g == id => {
                BoundaryShape::Line(pts.iter().map(|p| Pos::new(p.x + d.x, p.y + d.y)).collect())
            }
            (Gesture::ResizeRegion { id: g, corner }, BoundaryShape::Region(r)) if g == id => {
                BoundaryShape::Region(resized(r, *corner, d))
            }
            (Gesture::MovePoint { id: g, index }, BoundaryShape::Line(mut pts)) if g == id => {
                if let Some(p) = pts.get_mut(*index) {
                    *p = Pos::new(p.x + d.x, p.y + d.y);
                }
                BoundaryShape::Line(pts)
            }
            (_, s) => s,
        })
    }

    fn note_rect(&self, project: &Project, id: &NoteId) -> Option<Rect> {
        let r = *project.layout.notes.get(id)?;
        Some(match &self.gesture {
            Gesture::MoveNote { id: g } if g == id => r.translated(self.drag.x, self.drag.y),
            _ => r,
        })
    }

    /// The topmost thing at a screen position: elements, then notes, then flows, then
    /// boundary borders and labels.
    fn hit(&self, project: &Project, diagram: &Diagram, view: View, screen: Pos2) -> Option<Item> {
        let p = view.to_canvas(screen);
        let pick = PICK / view.zoom;
        if let Some(e) = diagram.elements.iter().rev().find(|e| {
            project
                .layout
                .elements
                .get(&e.id)
                .is_some_and(|r| to_erect(r).contains(p))
        }) {
            return Some(Item::Element(e.id.clone()));
        }
        if let Some(n) = diagram.notes.iter().rev().find(|n| {
            project
                .layout
                .notes
                .get(&n.id)
                .is_some_and(|r| to_erect(r).contains(p))
        }) {
            return Some(Item::Note(n.id.clone()));
        }
        if let Some((built, _, _)) = &self.built {
            for f in diagram.flows.iter().rev() {
                let (Some(a), Some(b)) =
                    (built.node_of.get(&f.source), built.node_of.get(&f.target))
                else {
                    continue;
                };
                let (Some(na), Some(nb), Some(e)) = (
                    built.graph.node(*a),
                    built.graph.node(*b),
                    built.edge_of.get(&f.id).and_then(|i| built.graph.edge(*i)),
                ) else {
                    continue;
                };
                let route = graph::edge_route(na, nb, e.payload());
                if scene::distance_to_polyline(to_pos(p), &route.points) <= pick
                    || (scene::distance_to_segment(to_pos(p), route.label, route.label)
                        <= pick * 3.0)
                {
                    return Some(Item::Flow(f.id.clone()));
                }
            }
        }
        for b in diagram.boundaries.iter().rev() {
            match project.layout.boundaries.get(&b.id) {
                Some(BoundaryShape::Region(r)) => {
                    let er = to_erect(r);
                    // The name label drawn at the top-left corner, in canvas units.
                    let font = (12.5 * view.zoom).clamp(5.0, 32.0);
                    let label = ERect::from_min_size(
                        er.min,
                        Vec2::new(
                            (b.name.chars().count() as f32 * 0.6 * font + 12.0) / view.zoom,
                            (font * 1.4 + 6.0) / view.zoom,
                        ),
                    );
                    let near_border = er.expand(pick).contains(p) && !er.shrink(pick).contains(p);
                    if near_border || label.contains(p) {
                        return Some(Item::Boundary(b.id.clone()));
                    }
                }
                Some(BoundaryShape::Line(pts))
                    if scene::distance_to_polyline(to_pos(p), pts) <= pick =>
                {
                    return Some(Item::Boundary(b.id.clone()));
                }
                Some(BoundaryShape::Line(_)) => {}
                None => {}
            }
        }
        None
    }

    /// A resize handle or line point of a selected boundary under the pointer.
    fn handle_at(
        &self,
        project: &Project,
        diagram: &Diagram,
        selection: &Selection,
        view: View,
        screen: Pos2,
    ) -> Option<Gesture> {
        for b in &diagram.boundaries {
            if !selection.contains_id(b.id.as_str()) {
                continue;
            }
            match project.layout.boundaries.get(&b.id) {
                Some(BoundaryShape::Region(r)) => {
                    for (i, c) in corners(view.rect_to_screen(r)).iter().enumerate() {
                        if c.distance(screen) <= HANDLE + 3.0 {
                            return Some(Gesture::ResizeRegion {
                                id: b.id.clone(),
                                corner: i,
                            });
                        }
                    }
                }
                Some(BoundaryShape::Line(pts)) => {
                    for (i, p) in pts.iter().enumerate() {
                        if view.to_screen(to_pos2(*p)).distance(screen) <= HANDLE + 3.0 {
                            return Some(Gesture::MovePoint {
                                id: b.id.clone(),
                                index: i,
                            });
                        }
                    }
                }
                None => {}
            }
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn handle_pointer(
        &mut self,
        ui: &egui::Ui,
        resp: &Response,
        project: &Project,
        diagram: &Diagram,
        selection: &Selection,
        tool: Tool,
        snap_on: bool,
        view: View,
        dragging_node: bool,
        actions: &mut Actions,
    ) {
        let modifiers = ui.input(|i| i.modifiers);
        let pointer = ui.input(|i| i.pointer.interact_pos());
        // Clicks: select, place, rename.
        if resp.double_clicked() && tool == Tool::Select {
            if let Some(item) = pointer.and_then(|p| self.hit(project, diagram, view, p)) {
                actions.push(AppAction::Select(Selection::one(item.clone())));
                self.start_rename(item, project);
            }
            return;
        }
        if resp.clicked() {
            let Some(pos) = pointer else { return };
            match tool {
                Tool::Select => {
                    let hit = self.hit(project, diagram, view, pos);
                    let mut next = selection.clone();
                    match hit {
                        Some(item) if modifiers.shift || modifiers.command => {
                            if !next.0.remove(&item) {
                                next.0.insert(item);
                            }
                        }
                        Some(item) => next = Selection::one(item),
                        None if modifiers.shift || modifiers.command => {}
                        None => next = Selection::default(),
                    }
                    if next != *selection {
                        actions.push(AppAction::Select(next));
                    }
                }
                Tool::Element(_) | Tool::Note => {
                    if let Some(a) = place(tool, view.to_canvas(pos), project, diagram, snap_on) {
                        actions.push(a);
                    }
                    if !modifiers.shift {
                        actions.push(AppAction::SetTool(Tool::Select));
                    }
                }
                Tool::Region | Tool::Line => {
                    let at = view.to_canvas(pos);
                    let shape = if tool == Tool::Region {
                        BoundaryShape::Region(Rect::new(
                            snap(at.x - 150.0, snap_on),
                            snap(at.y - 100.0, snap_on),
                            300.0,
                            200.0,
                        ))
                    } else {
                        BoundaryShape::Line(vec![
                            Pos::new(snap(at.x, snap_on), snap(at.y - 100.0, snap_on)),
                            Pos::new(snap(at.x, snap_on), snap(at.y + 100.0, snap_on)),
                        ])
                    };
                    actions.push(insert_boundary(diagram, shape));
                    actions.push(AppAction::SetTool(Tool::Select));
                }
                Tool::Connect => {}
            }
            return;
        }

        // Drags.
        let primary = resp.drag_started_by(PointerButton::Primary);
        let middle = resp.drag_started_by(PointerButton::Middle);
        if (primary || middle) && self.gesture == Gesture::None && !dragging_node {
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .or(pointer)
                .unwrap_or_default();
            self.drag = Vec2::ZERO;
            self.gesture = if middle {
                Gesture::Pan
            } else {
                match tool {
                    Tool::Select => {
                        let hit = self.hit(project, diagram, view, origin);
                        if modifiers.shift && !matches!(hit, Some(Item::Element(_))) {
                            Gesture::BoxSelect {
                                start: view.to_canvas(origin),
                            }
                        } else if let Some(g) =
                            self.handle_at(project, diagram, selection, view, origin)
                        {
                            g
                        } else {
                            match hit {
                                Some(Item::Note(id)) => {
                                    if !selection.contains_id(id.as_str()) {
                                        actions.push(AppAction::Select(Selection::one(
                                            Item::Note(id.clone()),
                                        )));
                                    }
                                    Gesture::MoveNote { id }
                                }
                                Some(Item::Boundary(id)) => {
                                    if !selection.contains_id(id.as_str()) {
                                        actions.push(AppAction::Select(Selection::one(
                                            Item::Boundary(id.clone()),
                                        )));
                                    }
                                    Gesture::MoveBoundary { id }
                                }
                                _ => Gesture::Pan,
                            }
                        }
                    }
                    Tool::Connect => match self.hit(project, diagram, view, origin) {
                        Some(Item::Element(from)) => Gesture::Connect { from },
                        _ => Gesture::Pan,
                    },
                    Tool::Region => Gesture::DrawRegion {
                        start: view.to_canvas(origin),
                    },
                    Tool::Line => Gesture::DrawLine {
                        start: view.to_canvas(origin),
                    },
                    Tool::Element(_) | Tool::Note => Gesture::Pan,
                }
            };
        }
        if self.gesture == Gesture::None {
            return;
        }
        let delta = resp.drag_delta();
        if self.gesture == Gesture::Pan {
            if delta != Vec2::ZERO {
                let mut meta = MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui);
                meta.pan += delta;
                ui.ctx()
                    .data_mut(|d| d.insert_persisted(egui::Id::new(meta.get_id()), meta));
            }
        } else {
            self.drag += delta / view.zoom;
        }
        if !resp.dragged() && !resp.drag_stopped() && !ui.input(|i| i.pointer.any_down())
            || resp.drag_stopped()
        {
            let gesture = std::mem::replace(&mut self.gesture, Gesture::None);
            let d = std::mem::take(&mut self.drag);
            let end = pointer.map(|p| view.to_canvas(p));
            if let Some(a) = finish(
                gesture,
                d,
                end,
                project,
                diagram,
                selection,
                snap_on,
                modifiers.shift,
                self,
                view,
            ) {
                // A flow or boundary drawn: back to Select, as after placing an element
                // (Shift keeps the tool for drawing several).
                let created = matches!(
                    &a,
                    AppAction::Apply(Edit::InsertFlow { .. } | Edit::InsertBoundary { .. })
                );
                actions.push(a);
                if created && !modifiers.shift && tool != Tool::Select {
                    actions.push(AppAction::SetTool(Tool::Select));
                }
            }
        }
    }

    fn handle_navigation(&mut self, ui: &egui::Ui, resp: &Response, view: View, area: ERect) {
        if !resp.hovered() {
            return;
        }
        let (scroll, zoom_delta, pointer, cmd) = ui.input(|i| {
            (
                i.smooth_scroll_delta,
                i.zoom_delta(),
                i.pointer.hover_pos(),
                i.modifiers.command,
            )
        });
        let mut meta = MetadataFrame::new(Some(VIEW_ID.to_owned())).load(ui);
        let mut changed = false;
        let anchor = pointer.unwrap_or(area.center()) - view.origin;
        let mut factor = zoom_delta;
        if cmd && scroll.y != 0.0 {
            factor *= (scroll.y / 200.0).exp();
        } else if scroll != Vec2::ZERO {
            meta.pan += scroll;
            changed = true;
        }
        // At most a quarter per frame: one wheel notch is a step, not a jump.
        let factor = factor.clamp(0.8, 1.25);
        if (factor - 1.0).abs() > f32::EPSILON {
            zoom_around(&mut meta, anchor, factor);
            changed = true;
        }
        if changed {
            ui.ctx()
                .data_mut(|d| d.insert_persisted(egui::Id::new(meta.get_id()), meta));
        }
    }
}

fn zoom_around(meta: &mut MetadataFrame, anchor: Vec2, factor: f32) {
    let new_zoom = (meta.zoom * factor).clamp(0.05, 8.0);
    let canvas = (anchor - meta.pan) / meta.zoom;
    meta.zoom = new_zoom;
    meta.pan = anchor - canvas * new_zoom;
}

/// Zooms the current view by `factor` around the centre of the canvas.
pub fn zoom_view(ctx: &egui::Context, area_size: Vec2, factor: f32) {
    let id = egui::Id::new(MetadataFrame::new(Some(VIEW_ID.to_owned())).get_id());
    ctx.data_mut(|d| {
        let mut meta = d
            .get_persisted::<MetadataFrame>(id)
            .unwrap_or_else(|| MetadataFrame::new(Some(VIEW_ID.to_owned())));
        zoom_around(&mut meta, area_size / 2.0, factor);
        d.insert_persisted(id, meta);
    });
}
