//! The egui_graphs view of a diagram: custom DFD node and edge shapes, a layout that never
//! moves anything (positions come from the project), and the graph built from a project.
//!
//! The project stays the source of truth: this graph is brought up to date from it whenever
//! the project, the selection or the analysis changes (in place when the diagram keeps its
//! elements and flows, rebuilt otherwise), and its drag events become edits.

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use egui::epaint::{PathShape, RectShape};
use egui::{Color32, CornerRadius, FontId, Pos2, Rect as ERect, Shape, Stroke, StrokeKind, Vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::stable_graph::{DefaultIx, EdgeIndex, NodeIndex};
use petgraph::{Directed, EdgeType};
use serde::{Deserialize, Serialize};

use super::style::CanvasStyle;
use crate::model::{Diagram, ElementId, ElementKind, FlowId, Pos, Project, Rect, Severity};
use crate::scene;
use crate::scene::display::{self, Badge, Prim, Scene, TextBox};

/// Everything a node needs to draw itself; shared, so per-frame clones are cheap.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeData {
    pub id: ElementId,
    pub kind: ElementKind,
    pub name: Arc<str>,
    pub size: Vec2,
    pub out_of_scope: bool,
    pub selected: bool,
    /// Dimmed while another element is in focus (walkthroughs).
    pub dimmed: bool,
    /// Open threats and the highest open severity.
    pub badge: Option<(usize, Severity)>,
    /// A mitigation's control fails in the loaded evidence: the badge gets a red ring.
    pub alert: bool,
    pub style: CanvasStyle,
    /// The name and badge as the display list placed them, for the rect below.
    pub placed: Option<(Rect, TextBox, Option<Badge>)>,
}

/// A flow as the display list placed it: between these two element rectangles.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedFlow {
    pub from: Rect,
    pub to: Rect,
    pub points: Vec<Pos>,
    pub label: Option<TextBox>,
    pub badge: Option<Badge>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EdgeData {
    pub name: Arc<str>,
    pub waypoints: Vec<Pos2>,
    /// Sideways shift, so a flow and its reverse are drawn apart.
    pub offset: f32,
    pub bidirectional: bool,
    pub out_of_scope: bool,
    pub selected: bool,
    pub dimmed: bool,
    /// A mitigation's control fails in the loaded evidence: the badge gets a red ring.
    pub alert: bool,
    pub style: CanvasStyle,
    pub placed: Option<PlacedFlow>,
}

pub type DfdGraph =
    egui_graphs::Graph<Arc<NodeData>, Arc<EdgeData>, Directed, DefaultIx, NodeShape, EdgeShape>;

pub fn to_pos2(p: Pos) -> Pos2 {
    Pos2::new(p.x, p.y)
}

pub fn to_pos(p: Pos2) -> Pos {
    Pos::new(p.x, p.y)
}

pub fn to_erect(r: &Rect) -> ERect {
    ERect::from_min_size(Pos2::new(r.x, r.y), Vec2::new(r.w, r.h))
}

pub fn to_rect(r: ERect) -> Rect {
    Rect::new(r.min.x, r.min.y, r.width(), r.height())
}

/// The node display: one DFD element.
#[derive(Clone, Debug)]
pub struct NodeShape {
    pub pos: Pos2,
    pub data: Arc<NodeData>,
    pub hovered: bool,
}

impl NodeShape {
    /// The element's rectangle in canvas coordinates.
    pub fn rect(&self) -> ERect {
        ERect::from_center_size(self.pos, self.data.size)
    }
}

impl From<NodeProps<Arc<NodeData>>> for NodeShape {
    fn from(props: NodeProps<Arc<NodeData>>) -> Self {
        Self {
            pos: props.location(),
            data: props.payload.clone(),
            hovered: props.hovered,
        }
    }
}

/// A badge the display list placed, moved by `delta` (canvas units) when its owner is
/// being dragged.
fn placed_badge(
    ctx: &DrawContext,
    b: &Badge,
    delta: Vec2,
    style: &CanvasStyle,
    alert: bool,
) -> Vec<Shape> {
    let at = ctx.meta.canvas_to_screen_pos(to_pos2(b.center) + delta);
    badge_shapes(ctx, at, (b.count, b.severity), style, alert)
}

/// The ring around a badge whose count includes a mitigation whose control fails.
const ALERT: Color32 = Color32::from_rgb(0xe0, 0x40, 0x2a);

/// Text smaller than this on screen (pixels) is not drawn.
const MIN_LEGIBLE_PX: f32 = 3.0;

/// Text lines the display list placed, moved by `delta`.
fn placed_text(ctx: &DrawContext, t: &TextBox, delta: Vec2, color: Color32) -> Vec<Shape> {
    let zoom = ctx.meta.zoom;
    // Below a legible size the text is left out, as maps leave out street names when
    // zoomed out: it could not be read, and laying out thousands of labels no one can
    // read made a zoomed-out 10,000-element diagram slow to pan.
    if t.size * zoom < MIN_LEGIBLE_PX {
        return Vec::new();
    }
    let font = FontId::proportional((t.size * zoom).clamp(3.0, 40.0));
    t.lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let c = ctx
                .meta
                .canvas_to_screen_pos(to_pos2(t.line_center(i)) + delta);
            let galley = ctx
                .painter
                .layout_no_wrap(line.clone(), font.clone(), color);
            let size = galley.size();
            let min = if t.left {
                Pos2::new(c.x, c.y - size.y / 2.0)
            } else {
                c - size / 2.0
            };
            Shape::galley(min, galley, color)
        })
        .collect()
}

fn badge_shapes(
    ctx: &DrawContext,
    at: Pos2,
    badge: (usize, Severity),
    style: &CanvasStyle,
    alert: bool,
) -> Vec<Shape> {
    let zoom = ctx.meta.zoom;
    let radius = (9.0 * zoom).clamp(6.0, 16.0);
    let text = badge.0.to_string();
    let galley = ctx.painter.layout_no_wrap(
        text,
        FontId::proportional((11.0 * zoom).clamp(8.0, 18.0)),
        Color32::WHITE,
    );
    let w = (galley.size().x + radius).max(radius * 2.0);
    let rect = ERect::from_center_size(at, Vec2::new(w, radius * 2.0));
    let mut out = Vec::with_capacity(3);
    if alert {
        // A ring in the failing colour: a control the mitigation relies on fails.
        out.push(Shape::Rect(RectShape::stroke(
            rect.expand(2.5),
            CornerRadius::same((radius + 2.5) as u8),
            Stroke::new(2.0, ALERT),
            egui::StrokeKind::Outside,
        )));
    }
    out.push(Shape::Rect(RectShape::filled(
        rect,
        CornerRadius::same(radius as u8),
        style.severity(badge.1),
    )));
    out.push(Shape::galley(
        rect.center() - galley.size() / 2.0,
        galley,
        Color32::WHITE,
    ));
    out
}

/// Dashed version of a closed or open polyline.
fn dashed(points: &[Pos2], closed: bool, stroke: Stroke, zoom: f32) -> Vec<Shape> {
    let mut pts = points.to_vec();
    if closed {
        if let Some(first) = points.first() {
            pts.push(*first);
        }
    }
    Shape::dashed_line(&pts, stroke, 6.0 * zoom.max(0.5), 4.0 * zoom.max(0.5))
}

impl<E: Clone, Ty: EdgeType> DisplayNode<Arc<NodeData>, E, Ty, DefaultIx> for NodeShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let r = to_rect(self.rect());
        to_pos2(scene::rect_exit(&r, to_pos(self.pos + dir * 10_000.0)))
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let d = &self.data;
        let style = &d.style;
        let zoom = ctx.meta.zoom;
        let rect = ERect::from_min_max(
            ctx.meta.canvas_to_screen_pos(self.rect().min),
            ctx.meta.canvas_to_screen_pos(self.rect().max),
        );
        // Off screen: nothing to draw (keeps large diagrams cheap).
        if !ctx.painter.clip_rect().expand(40.0).intersects(rect) {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(6);
        let fade = |c: Color32| if d.dimmed { c.gamma_multiply(0.3) } else { c };
        let fill = fade(if d.out_of_scope {
            style.background
        } else {
            match d.kind {
                ElementKind::Process => style.process_fill,
                ElementKind::DataStore => style.store_fill,
                ElementKind::ExternalEntity => style.entity_fill,
            }
        });
        let mut stroke = style.outline_stroke(zoom, d.selected);
        if d.out_of_scope && !d.selected {
            stroke.color = style.muted;
        }
        if self.hovered && !d.selected {
            stroke.width *= 1.6;
        }
        stroke.color = fade(stroke.color);
        // Level of detail: far out, an element is a small filled box (the DFD shapes would
        // be a few pixels wide and cost many more vertices to tessellate).
        if rect.width() < 36.0 {
            out.push(Shape::Rect(RectShape::new(
                rect,
                CornerRadius::ZERO,
                fill,
                Stroke::new(1.0, stroke.color),
                StrokeKind::Inside,
            )));
            if let Some(badge) = d.badge {
                out.extend(badge_shapes(ctx, rect.right_top(), badge, style, d.alert));
            }
            return out;
        }
        let outline = scene::outline(d.kind, to_rect(rect));
        match outline {
            scene::Outline::Rounded { radius, .. } => {
                let cr = CornerRadius::same(radius.min(255.0) as u8);
                out.push(Shape::Rect(RectShape::filled(rect, cr, fill)));
                if d.out_of_scope {
                    out.extend(dashed(&rounded_points(rect, radius), true, stroke, zoom));
                } else {
                    out.push(Shape::Rect(RectShape::stroke(
                        rect,
                        cr,
                        stroke,
                        StrokeKind::Inside,
                    )));
                }
            }
            scene::Outline::OpenRect { .. } => {
                out.push(Shape::Rect(RectShape::filled(
                    rect,
                    CornerRadius::ZERO,
                    fill,
                )));
                for y in [rect.top(), rect.bottom()] {
                    let line = [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)];
                    if d.out_of_scope {
                        out.extend(dashed(&line, false, stroke, zoom));
                    } else {
                        out.push(Shape::line_segment(line, stroke));
                    }
                }
            }
            scene::Outline::Box { .. } => {
                out.push(Shape::Rect(RectShape::filled(
                    rect,
                    CornerRadius::ZERO,
                    fill,
                )));
                if d.out_of_scope {
                    let c = [
                        rect.left_top(),
                        rect.right_top(),
                        rect.right_bottom(),
                        rect.left_bottom(),
                    ];
                    out.extend(dashed(&c, true, stroke, zoom));
                } else {
                    out.push(Shape::Rect(RectShape::stroke(
                        rect,
                        CornerRadius::ZERO,
                        stroke,
                        StrokeKind::Inside,
                    )));
                }
            }
        }
        let text_color = fade(if d.out_of_scope {
            style.muted
        } else {
            style.text
        });
        match &d.placed {
            Some((built, name, badge)) => {
                let now = self.rect().min;
                let delta = Vec2::new(now.x - built.x, now.y - built.y);
                out.extend(placed_text(ctx, name, delta, text_color));
                if let Some(b) = badge {
                    out.extend(placed_badge(ctx, b, delta, style, d.alert));
                }
            }
            None => {
                if 13.0 * zoom >= MIN_LEGIBLE_PX {
                    let font = FontId::proportional((13.0 * zoom).clamp(4.0, 40.0));
                    let galley = ctx.painter.layout(
                        d.name.to_string(),
                        font,
                        text_color,
                        (rect.width() - 8.0 * zoom).max(10.0),
                    );
                    out.push(Shape::galley(
                        rect.center() - galley.size() / 2.0,
                        galley,
                        text_color,
                    ));
                }
                if let Some(badge) = d.badge {
                    out.extend(badge_shapes(ctx, rect.right_top(), badge, style, d.alert));
                }
            }
        }
        out
    }

    fn update(&mut self, state: &NodeProps<Arc<NodeData>>) {
        self.pos = state.location();
        self.hovered = state.hovered;
        self.data = state.payload.clone();
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        self.rect().contains(pos)
    }
}

/// Points around a rounded rectangle (for dashed outlines).
fn rounded_points(rect: ERect, radius: f32) -> Vec<Pos2> {
    let r = radius.min(rect.width() / 2.0).min(rect.height() / 2.0);
    let mut pts = Vec::with_capacity(36);
    let corners = [
        (Pos2::new(rect.right() - r, rect.top() + r), -90.0f32),
        (Pos2::new(rect.right() - r, rect.bottom() - r), 0.0),
        (Pos2::new(rect.left() + r, rect.bottom() - r), 90.0),
        (Pos2::new(rect.left() + r, rect.top() + r), 180.0),
    ];
    for (c, start) in corners {
        for i in 0..=8 {
            let a = (start + i as f32 * 90.0 / 8.0).to_radians();
            pts.push(Pos2::new(c.x + r * a.cos(), c.y + r * a.sin()));
        }
    }
    pts
}

/// The edge display: one data flow.
#[derive(Clone, Debug)]
pub struct EdgeShape {
    pub data: Arc<EdgeData>,
}

impl From<EdgeProps<Arc<EdgeData>>> for EdgeShape {
    fn from(props: EdgeProps<Arc<EdgeData>>) -> Self {
        Self {
            data: props.payload.clone(),
        }
    }
}

/// The route of a flow between two nodes, in canvas coordinates.
pub fn edge_route(
    start: &Node<Arc<NodeData>, Arc<EdgeData>, Directed, DefaultIx, NodeShape>,
    end: &Node<Arc<NodeData>, Arc<EdgeData>, Directed, DefaultIx, NodeShape>,
    data: &EdgeData,
) -> scene::Route {
    let a = to_rect(start.display().rect());
    let b = to_rect(end.display().rect());
    if let Some(p) = placed(data, &a, &b) {
        return scene::Route {
            points: p.points.clone(),
            label: p
                .label
                .as_ref()
                .map_or_else(|| scene::midpoint(&p.points), |l| l.rect.center()),
        };
    }
    let waypoints: Vec<Pos> = data.waypoints.iter().map(|p| to_pos(*p)).collect();
    scene::route(&a, &b, &waypoints, data.offset)
}

/// The display list's placement of a flow, while its ends are where it was placed (not
/// while one is being dragged).
fn placed<'a>(data: &'a EdgeData, a: &Rect, b: &Rect) -> Option<&'a PlacedFlow> {
    let same = |p: &Rect, q: &Rect| (p.x - q.x).abs() < 0.01 && (p.y - q.y).abs() < 0.01;
    data.placed
        .as_ref()
        .filter(|p| same(&p.from, a) && same(&p.to, b))
}

fn arrow_head(tip: Pos2, from: Pos2, size: f32, stroke: Stroke) -> Shape {
    let dir = (tip - from).normalized();
    let normal = Vec2::new(-dir.y, dir.x);
    let base = tip - dir * size;
    Shape::convex_polygon(
        vec![
            tip,
            base + normal * size * 0.45,
            base - normal * size * 0.45,
        ],
        stroke.color,
        Stroke::NONE,
    )
}

impl DisplayEdge<Arc<NodeData>, Arc<EdgeData>, Directed, DefaultIx, NodeShape> for EdgeShape {
    fn shapes(
        &mut self,
        start: &Node<Arc<NodeData>, Arc<EdgeData>, Directed, DefaultIx, NodeShape>,
        end: &Node<Arc<NodeData>, Arc<EdgeData>, Directed, DefaultIx, NodeShape>,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        let d = &self.data;
        let style = &d.style;
        let zoom = ctx.meta.zoom;
        let route = edge_route(start, end, d);
        let pts: Vec<Pos2> = route
            .points
            .iter()
            .map(|p| ctx.meta.canvas_to_screen_pos(to_pos2(*p)))
            .collect();
        let bounds = ERect::from_points(&pts);
        if !ctx.painter.clip_rect().expand(80.0).intersects(bounds) {
            return Vec::new();
        }
        let fade = |c: Color32| if d.dimmed { c.gamma_multiply(0.3) } else { c };
        let color = fade(if d.selected {
            style.selection
        } else if d.out_of_scope {
            style.muted
        } else {
            style.flow
        });
        let width = if d.selected { 2.5 } else { 1.5 } * zoom.clamp(0.6, 2.0);
        let stroke = Stroke::new(width, color);
        let mut out = Vec::with_capacity(6);
        if d.out_of_scope {
            out.extend(Shape::dashed_line(&pts, stroke, 6.0 * zoom, 4.0 * zoom));
        } else {
            out.push(Shape::Path(PathShape::line(pts.clone(), stroke)));
        }
        let head = (10.0 * zoom).clamp(5.0, 18.0);
        if pts.len() >= 2 {
            out.push(arrow_head(
                pts[pts.len() - 1],
                pts[pts.len() - 2],
                head,
                stroke,
            ));
            if d.bidirectional {
                out.push(arrow_head(pts[0], pts[1], head, stroke));
            }
        }
        let (a, b) = (
            to_rect(start.display().rect()),
            to_rect(end.display().rect()),
        );
        let text_color = fade(style.text);
        match placed(d, &a, &b) {
            Some(p) if zoom > 0.35 => {
                if let Some(l) = &p.label {
                    let r = ERect::from_min_max(
                        ctx.meta.canvas_to_screen_pos(Pos2::new(l.rect.x, l.rect.y)),
                        ctx.meta.canvas_to_screen_pos(Pos2::new(
                            l.rect.x + l.rect.w,
                            l.rect.y + l.rect.h,
                        )),
                    );
                    out.push(Shape::Rect(RectShape::filled(
                        r,
                        CornerRadius::same(3),
                        style.label_background,
                    )));
                    out.extend(placed_text(ctx, l, Vec2::ZERO, text_color));
                }
                if let Some(badge) = &p.badge {
                    out.extend(placed_badge(ctx, badge, Vec2::ZERO, style, d.alert));
                }
            }
            Some(_) => {}
            // An end is being dragged: the label rides at the middle until it is dropped.
            None if !d.name.is_empty() && zoom > 0.35 => {
                let label = ctx.meta.canvas_to_screen_pos(to_pos2(route.label));
                let galley = ctx.painter.layout(
                    d.name.to_string(),
                    FontId::proportional((display::LABEL_FONT * zoom).clamp(4.0, 30.0)),
                    text_color,
                    160.0 * zoom,
                );
                let rect = ERect::from_center_size(label, galley.size()).expand(2.0);
                out.push(Shape::Rect(RectShape::filled(
                    rect,
                    CornerRadius::same(3),
                    style.label_background,
                )));
                out.push(Shape::galley(
                    rect.min + Vec2::splat(2.0),
                    galley,
                    text_color,
                ));
            }
            None => {}
        }
        out
    }

    fn update(&mut self, state: &EdgeProps<Arc<EdgeData>>) {
        self.data = state.payload.clone();
    }

    fn is_inside(
        &self,
        start: &Node<Arc<NodeData>, Arc<EdgeData>, Directed, DefaultIx, NodeShape>,
        end: &Node<Arc<NodeData>, Arc<EdgeData>, Directed, DefaultIx, NodeShape>,
        pos: Pos2,
    ) -> bool {
        let route = edge_route(start, end, &self.data);
        scene::distance_to_polyline(to_pos(pos), &route.points) < 6.0
    }
}

/// A layout that leaves every node where the project put it. egui_graphs' default layout
/// would scatter saved positions on the first frame.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct FixedState;

impl egui_graphs::LayoutState for FixedState {}

#[derive(Debug, Default)]
pub struct FixedLayout;

impl egui_graphs::Layout<FixedState> for FixedLayout {
    fn from_state(_state: FixedState) -> impl egui_graphs::Layout<FixedState> {
        FixedLayout
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _g: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _ui: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: EdgeType,
        Ix: petgraph::stable_graph::IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> FixedState {
        FixedState
    }
}

/// The number of open threats on a subject and the highest open severity, by subject id.
pub type BadgeFn<'a> = &'a dyn Fn(&str) -> Option<(usize, Severity)>;

/// What the view shows besides the project: selection, focus and threat badges.
#[derive(Default)]
pub struct Decorations<'a> {
    pub selected: Option<&'a dyn Fn(&str) -> bool>,
    pub dimmed: Option<&'a dyn Fn(&str) -> bool>,
    pub badge: Option<BadgeFn<'a>>,
    /// Subjects with a mitigation whose control fails in the loaded evidence.
    pub alert: Option<&'a dyn Fn(&str) -> bool>,
}

/// The graph of one diagram, with maps between its indices and the project's ids.
pub struct BuiltGraph {
    pub graph: DfdGraph,
    pub node_of: HashMap<ElementId, NodeIndex>,
    pub edge_of: HashMap<FlowId, EdgeIndex>,
}

/// Where the display list put a flow: its route, label and badge.
type FlowPlace<'a> = (&'a [Pos], Option<&'a TextBox>, Option<Badge>);

/// What the display list placed, by id: element names and badges, flow routes and labels.
struct Placements<'s> {
    elements: HashMap<&'s str, (&'s TextBox, Option<Badge>)>,
    flows: HashMap<&'s str, FlowPlace<'s>>,
}

impl<'s> Placements<'s> {
    fn of(scene: &'s Scene) -> Self {
        let mut elements = HashMap::default();
        let mut flows = HashMap::default();
        for p in &scene.items {
            match p {
                Prim::Element {
                    id, name, badge, ..
                } => {
                    elements.insert(id.as_str(), (name, *badge));
                }
                Prim::Flow {
                    id,
                    points,
                    label,
                    badge,
                    ..
                } => {
                    flows.insert(id.as_str(), (points.as_slice(), label.as_ref(), *badge));
                }
                _ => {}
            }
        }
        Self { elements, flows }
    }
}

/// A node's data as borrowed from the project and the display list: compared with a built
/// node without allocating, made into one when it differs.
struct NodeView<'a> {
    element: &'a crate::model::Element,
    rect: Rect,
    selected: bool,
    dimmed: bool,
    badge: Option<(usize, Severity)>,
    alert: bool,
    style: CanvasStyle,
    placed: Option<(&'a TextBox, Option<Badge>)>,
}

impl<'a> NodeView<'a> {
    /// `rect`: the element's in the layout, if it has one.
    fn new(
        element: &'a crate::model::Element,
        rect: Option<Rect>,
        style: CanvasStyle,
        deco: &Decorations<'_>,
        placements: &Placements<'a>,
    ) -> Self {
        let id = element.id.as_str();
        Self {
            element,
            rect: rect.unwrap_or(Rect::new(0.0, 0.0, 120.0, 60.0)),
            selected: deco.selected.is_some_and(|f| f(id)),
            dimmed: deco.dimmed.is_some_and(|f| f(id)),
            badge: deco.badge.and_then(|f| f(id)),
            alert: deco.alert.is_some_and(|f| f(id)),
            style,
            placed: placements.elements.get(id).copied(),
        }
    }

    fn center(&self) -> Pos2 {
        to_pos2(self.rect.center())
    }

    fn matches(&self, d: &NodeData) -> bool {
        let e = self.element;
        d.id == e.id
            && d.kind == e.kind()
            && *d.name == *e.name
            && d.size == Vec2::new(self.rect.w, self.rect.h)
            && d.out_of_scope == e.out_of_scope
            && d.selected == self.selected
            && d.dimmed == self.dimmed
            && d.badge == self.badge
            && d.alert == self.alert
            && d.style == self.style
            && match (&d.placed, self.placed) {
                (Some((r, t, b)), Some((text, badge))) => {
                    *r == self.rect && t == text && *b == badge
                }
                (None, None) => true,
                _ => false,
            }
    }

    fn data(&self) -> NodeData {
        let e = self.element;
        NodeData {
            id: e.id.clone(),
            kind: e.kind(),
            name: Arc::from(e.name.as_str()),
            size: Vec2::new(self.rect.w, self.rect.h),
            out_of_scope: e.out_of_scope,
            selected: self.selected,
            dimmed: self.dimmed,
            badge: self.badge,
            alert: self.alert,
            style: self.style,
            placed: self
                .placed
                .map(|(text, badge)| (self.rect, text.clone(), badge)),
        }
    }
}

/// An edge's data as borrowed, like [`NodeView`].
struct EdgeView<'a> {
    flow: &'a crate::model::Flow,
    waypoints: &'a [Pos],
    offset: f32,
    selected: bool,
    dimmed: bool,
    alert: bool,
    style: CanvasStyle,
    /// The route, label and badge, and the two end rectangles it was placed between.
    placed: Option<(FlowPlace<'a>, Rect, Rect)>,
}

impl<'a> EdgeView<'a> {
    /// `ends`: the layout's rectangles of the flow's source and target, where they have one.
    fn new(
        project: &'a Project,
        flow: &'a crate::model::Flow,
        ends: (Option<Rect>, Option<Rect>),
        offset: f32,
        style: CanvasStyle,
        deco: &Decorations<'_>,
        placements: &Placements<'a>,
    ) -> Self {
        let id = flow.id.as_str();
        let layout = &project.layout;
        Self {
            flow,
            waypoints: layout.waypoints.get(&flow.id).map_or(&[], Vec::as_slice),
            offset,
            selected: deco.selected.is_some_and(|f| f(id)),
            dimmed: deco.dimmed.is_some_and(|f| f(id)),
            alert: deco.alert.is_some_and(|f| f(id)),
            style,
            placed: match (placements.flows.get(id), ends) {
                (Some(place), (Some(from), Some(to))) => Some((*place, from, to)),
                _ => None,
            },
        }
    }

    fn matches(&self, d: &EdgeData) -> bool {
        let f = self.flow;
        *d.name == *f.name
            && d.waypoints.len() == self.waypoints.len()
            && d.waypoints
                .iter()
                .zip(self.waypoints)
                .all(|(a, b)| *a == to_pos2(*b))
            && d.offset == self.offset
            && d.bidirectional == f.bidirectional
            && d.out_of_scope == f.out_of_scope
            && d.selected == self.selected
            && d.dimmed == self.dimmed
            && d.alert == self.alert
            && d.style == self.style
            && match (&d.placed, &self.placed) {
                (Some(p), Some(((points, label, badge), from, to))) => {
                    p.from == *from
                        && p.to == *to
                        && p.points == *points
                        && p.label.as_ref() == *label
                        && p.badge == *badge
                }
                (None, None) => true,
                _ => false,
            }
    }

    fn data(&self) -> EdgeData {
        let f = self.flow;
        EdgeData {
            name: Arc::from(f.name.as_str()),
            waypoints: self.waypoints.iter().map(|p| to_pos2(*p)).collect(),
            offset: self.offset,
            bidirectional: f.bidirectional,
            out_of_scope: f.out_of_scope,
            selected: self.selected,
            dimmed: self.dimmed,
            alert: self.alert,
            style: self.style,
            placed: self
                .placed
                .map(|((points, label, badge), from, to)| PlacedFlow {
                    from,
                    to,
                    points: points.to_vec(),
                    label: label.cloned(),
                    badge,
                }),
        }
    }
}

/// Each element's rectangle in the layout, in diagram order: looked up once per build or
/// update rather than once per element and twice per flow (a tree lookup by id each).
fn layout_rects(project: &Project, diagram: &Diagram) -> Vec<Option<Rect>> {
    diagram
        .elements
        .iter()
        .map(|e| project.layout.elements.get(&e.id).copied())
        .collect()
}

/// The egui_graphs graph of `diagram`, its shapes fed from the display list `scene`.
pub fn build(
    project: &Project,
    diagram: &Diagram,
    scene: &Scene,
    style: CanvasStyle,
    deco: &Decorations<'_>,
) -> BuiltGraph {
    let mut graph = DfdGraph::new();
    let mut node_of = HashMap::with_capacity_and_hasher(diagram.elements.len(), Default::default());
    let placements = Placements::of(scene);
    let rects = layout_rects(project, diagram);
    for (e, rect) in diagram.elements.iter().zip(&rects) {
        let view = NodeView::new(e, *rect, style, deco, &placements);
        let center = view.center();
        let idx = graph.add_node_custom(Arc::new(view.data()), |n| {
            n.set_location(center);
        });
        node_of.insert(e.id.clone(), idx);
    }
    let offsets = scene::parallel_offsets(diagram);
    let mut edge_of = HashMap::with_capacity_and_hasher(diagram.flows.len(), Default::default());
    for (f, offset) in diagram.flows.iter().zip(offsets) {
        let (Some(&a), Some(&b)) = (node_of.get(&f.source), node_of.get(&f.target)) else {
            continue;
        };
        let ends = (rects[a.index()], rects[b.index()]);
        let view = EdgeView::new(project, f, ends, offset, style, deco, &placements);
        let idx = graph.add_edge_custom(a, b, Arc::new(view.data()), |_| {});
        edge_of.insert(f.id.clone(), idx);
    }
    BuiltGraph {
        graph,
        node_of,
        edge_of,
    }
}

impl BuiltGraph {
    /// Marks as selected what `selected` says and nothing else, leaving the rest of the graph
    /// as it is: a new selection costs a pass over the graph, not a rebuild of it (100 ms at
    /// 10,000 elements). Only the nodes and edges whose mark changes get new data.
    pub fn reselect(&mut self, selected: &dyn Fn(&str) -> bool) {
        for (id, &idx) in &self.node_of {
            let want = selected(id.as_str());
            if let Some(n) = self.graph.node_mut(idx)
                && n.payload().selected != want
            {
                Arc::make_mut(n.payload_mut()).selected = want;
            }
        }
        for (id, &idx) in &self.edge_of {
            let want = selected(id.as_str());
            if let Some(e) = self.graph.edge_mut(idx)
                && e.payload().selected != want
            {
                Arc::make_mut(e.payload_mut()).selected = want;
            }
        }
    }

    /// Brings the graph to what [`build`] would make, changing only the nodes and edges
    /// that differ (a moved element, the flows rerouted around it, new badges), when the
    /// diagram has the same elements and flows in the same order as the graph was built
    /// with. Returns `false`, changing nothing, when it has not: then build anew. On a
    /// 10,000-element diagram this saves rebuilding and dropping the whole graph per edit.
    pub fn update(
        &mut self,
        project: &Project,
        diagram: &Diagram,
        scene: &Scene,
        style: CanvasStyle,
        deco: &Decorations<'_>,
    ) -> bool {
        if !self.has_the_shape_of(diagram) {
            return false;
        }
        let placements = Placements::of(scene);
        let rects = layout_rects(project, diagram);
        for (i, (e, rect)) in diagram.elements.iter().zip(&rects).enumerate() {
            let view = NodeView::new(e, *rect, style, deco, &placements);
            let Some(n) = self.graph.node_mut(NodeIndex::new(i)) else {
                return false; // checked above
            };
            if !view.matches(n.payload()) {
                *n.payload_mut() = Arc::new(view.data());
            }
            if n.location() != view.center() {
                n.set_location(view.center());
            }
        }
        let offsets = scene::parallel_offsets(diagram);
        for (f, offset) in diagram.flows.iter().zip(offsets) {
            let Some(&idx) = self.edge_of.get(&f.id) else {
                continue; // an end is missing: not drawn, as in `build`
            };
            let Some((a, b)) = self.graph.edge_endpoints(idx) else {
                continue; // checked above
            };
            let ends = (rects[a.index()], rects[b.index()]);
            let view = EdgeView::new(project, f, ends, offset, style, deco, &placements);
            if let Some(e) = self.graph.edge_mut(idx)
                && !view.matches(e.payload())
            {
                *e.payload_mut() = Arc::new(view.data());
            }
        }
        true
    }

    /// Whether the graph has a node for each element of `diagram` at its position in the
    /// diagram's order, and an edge for each flow whose ends exist, between them, in order:
    /// what `build` would make of it, but for the data on them.
    fn has_the_shape_of(&self, diagram: &Diagram) -> bool {
        if self.graph.node_count() != diagram.elements.len()
            || self.node_of.len() != diagram.elements.len()
        {
            return false;
        }
        let in_order = diagram
            .elements
            .iter()
            .enumerate()
            .all(|(i, e)| self.node_of.get(&e.id).is_some_and(|n| n.index() == i));
        if !in_order {
            return false;
        }
        let mut edges = 0;
        for f in &diagram.flows {
            let (Some(&a), Some(&b)) = (self.node_of.get(&f.source), self.node_of.get(&f.target))
            else {
                if self.edge_of.contains_key(&f.id) {
                    return false;
                }
                continue;
            };
            let Some(&idx) = self.edge_of.get(&f.id) else {
                return false;
            };
            if idx.index() != edges || self.graph.edge_endpoints(idx) != Some((a, b)) {
                return false;
            }
            edges += 1;
        }
        edges == self.graph.edge_count() && edges == self.edge_of.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each node and edge says about being selected, by id.
    fn marks(built: &BuiltGraph) -> Vec<(String, bool)> {
        let mut out: Vec<(String, bool)> = built
            .node_of
            .iter()
            .map(|(id, &i)| {
                (
                    id.to_string(),
                    built.graph.node(i).expect("node").payload().selected,
                )
            })
            .chain(built.edge_of.iter().map(|(id, &i)| {
                (
                    id.to_string(),
                    built.graph.edge(i).expect("edge").payload().selected,
                )
            }))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn reselecting_marks_what_a_rebuild_would() {
        let project =
            crate::io::load(std::path::Path::new("samples/web-shop.ron")).expect("sample");
        let diagram = &project.diagrams[0];
        let style = CanvasStyle::for_visuals(&egui::Visuals::dark());
        let scene = Scene::default();
        let first: Vec<&str> = vec![
            diagram.elements[0].id.as_str(),
            diagram.flows[0].id.as_str(),
        ];
        let second: Vec<&str> = vec![
            diagram.elements[1].id.as_str(),
            diagram.flows[2].id.as_str(),
        ];
        let build_with = |ids: &[&str]| {
            let selected = |id: &str| ids.contains(&id);
            let deco = Decorations {
                selected: Some(&selected),
                ..Decorations::default()
            };
            build(&project, diagram, &scene, style, &deco)
        };
        let mut built = build_with(&first);
        let before = marks(&built);
        assert_eq!(before.iter().filter(|(_, s)| *s).count(), 2);
        built.reselect(&|id: &str| second.contains(&id));
        let after = marks(&built);
        assert_ne!(after, before);
        assert_eq!(after, marks(&build_with(&second)));
        built.reselect(&|_: &str| false);
        assert!(marks(&built).iter().all(|(_, s)| !s));
    }

    /// Every node's and edge's data and place, by id.
    fn contents(built: &BuiltGraph) -> Vec<String> {
        let mut out: Vec<String> = built
            .node_of
            .iter()
            .map(|(id, &i)| {
                let n = built.graph.node(i).expect("node");
                format!("{id} {:?} {:?}", n.location(), n.payload())
            })
            .chain(built.edge_of.iter().map(|(id, &i)| {
                let e = built.graph.edge(i).expect("edge");
                format!("{id} {:?} {:?}", built.graph.edge_endpoints(i), e.payload())
            }))
            .collect();
        out.sort();
        out
    }

    /// Updating a built graph in place gives what building it anew gives, after a move, a
    /// rename and a new selection and badge, with the display list made for each; and it
    /// refuses (leaving the graph alone) when elements or flows were added, removed or
    /// reordered.
    #[test]
    fn updating_in_place_gives_what_a_rebuild_gives() {
        let mut project =
            crate::io::load(std::path::Path::new("samples/web-shop.ron")).expect("sample");
        let style = CanvasStyle::for_visuals(&egui::Visuals::dark());
        let no_badge = |_: &str| None;
        let scene_of = |p: &Project| {
            display::build_marked(
                p,
                &p.diagrams[0],
                &no_badge,
                &mut display::Routes::thorough(),
                None,
            )
        };
        let scene = scene_of(&project);
        let mut built = build(
            &project,
            &project.diagrams[0],
            &scene,
            style,
            &Decorations::default(),
        );
        let before = contents(&built);

        let moved = project.diagrams[0].elements[0].id.clone();
        let rect = project.layout.elements.get_mut(&moved).expect("laid out");
        rect.x += 250.0;
        rect.y -= 40.0;
        project.diagrams[0].elements[1].name = "Renamed in place".into();
        let selected_id = project.diagrams[0].flows[0].id.to_string();
        let selected = |id: &str| id == selected_id;
        let badge = |id: &str| (id == moved.as_str()).then_some((3, Severity::High));
        let deco = Decorations {
            selected: Some(&selected),
            badge: Some(&badge),
            ..Decorations::default()
        };
        let scene = scene_of(&project);
        assert!(built.update(&project, &project.diagrams[0], &scene, style, &deco));
        let updated = contents(&built);
        assert_ne!(updated, before, "the update changed something");
        let rebuilt = build(&project, &project.diagrams[0], &scene, style, &deco);
        assert_eq!(updated, contents(&rebuilt));

        // Reordered elements, a removed flow: not the same shape, so no update.
        let mut reordered = project.clone();
        reordered.diagrams[0].elements.swap(0, 1);
        assert!(!built.update(&reordered, &reordered.diagrams[0], &scene, style, &deco));
        let mut fewer = project.clone();
        fewer.diagrams[0].flows.pop();
        assert!(!built.update(&fewer, &fewer.diagrams[0], &scene, style, &deco));
        assert_eq!(
            contents(&built),
            updated,
            "a refused update changes nothing"
        );
    }
}
