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

mod build;
pub use build::build;

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
    /// No spot clear of other flows' lines was found: the label's plate is opaque.
    pub label_over_line: bool,
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
const ALERT: Color32 = crate::gui::style::ALERT;

/// Text smaller than this on screen (pixels) is not drawn.
const MIN_LEGIBLE_PX: f32 = 3.0;

/// The smallest an element's name is drawn (pixels): below it the name is cut, not shrunk.
const MIN_NAME_PX: f32 = 8.0;

/// An element's name at the minimum size, `lines` centred on `center` (screen).
fn min_size_name(
    ctx: &DrawContext,
    lines: &[String],
    size: f32,
    center: Pos2,
    color: Color32,
) -> Vec<Shape> {
    let zoom = ctx.meta.zoom;
    let font = FontId::proportional(size * zoom);
    let lh = scene::text::line_height(size) * zoom;
    let top = center.y - lh * lines.len() as f32 / 2.0;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let galley = ctx
                .painter
                .layout_no_wrap(line.clone(), font.clone(), color);
            let c = Pos2::new(center.x, top + lh * (i as f32 + 0.5));
            Shape::galley(c - galley.size() / 2.0, galley, color)
        })
        .collect()
}

/// An element's name as the display list placed it in `built` (the element is now at
/// `now` in canvas units, `rect` on screen); too small to read so, at the minimum size
/// and cut to the element.
fn placed_name(
    ctx: &DrawContext,
    name: &TextBox,
    built: &Rect,
    now: Pos2,
    rect: ERect,
    color: Color32,
) -> Vec<Shape> {
    match name.at_least(ctx.meta.zoom, MIN_NAME_PX, *built) {
        Some((size, lines)) => min_size_name(ctx, &lines, size, rect.center(), color),
        None => {
            let delta = Vec2::new(now.x - built.x, now.y - built.y);
            placed_text(ctx, name, delta, color)
        }
    }
}

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
        // egui_graphs draws every edge, then every node: the first node drawn puts the
        // flow labels the edges queued over all the lines and under the elements.
        let mut out = take_flow_labels(ctx.ctx);
        let d = &self.data;
        let style = &d.style;
        let zoom = ctx.meta.zoom;
        let rect = ERect::from_min_max(
            ctx.meta.canvas_to_screen_pos(self.rect().min),
            ctx.meta.canvas_to_screen_pos(self.rect().max),
        );
        // Off screen: nothing to draw (keeps large diagrams cheap).
        if !ctx.painter.clip_rect().expand(40.0).intersects(rect) {
            return out;
        }
        out.reserve(6);
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
        let text_color = fade(if d.out_of_scope {
            style.muted
        } else {
            style.text
        });
        // Level of detail: far out, an element is a small filled box (the DFD shapes would
        // be a few pixels wide and cost many more vertices to tessellate), its name still
        // in it at the minimum size, cut short (an importer's stand-ins for loose flow ends
        // are 80 wide: 28 px at a fitted 35%, and were drawn blank).
        if rect.width() < 36.0 {
            out.push(Shape::Rect(RectShape::new(
                rect,
                CornerRadius::ZERO,
                fill,
                Stroke::new(1.0, stroke.color),
                StrokeKind::Inside,
            )));
            if let Some((built, name, _)) = &d.placed {
                out.extend(placed_name(
                    ctx,
                    name,
                    built,
                    self.rect().min,
                    rect,
                    text_color,
                ));
            }
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
        match &d.placed {
            Some((built, name, badge)) => {
                let now = self.rect().min;
                let delta = Vec2::new(now.x - built.x, now.y - built.y);
                out.extend(placed_name(ctx, name, built, now, rect, text_color));
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

/// Where flow labels wait between the edges that make them and the node that draws them.
fn flow_labels_id() -> egui::Id {
    egui::Id::new("threatboard flow labels")
}

/// Holds a flow's label shapes back until every flow's line is drawn: drawn with its own
/// line, a label would be crossed by the lines of the flows drawn after it (the display
/// list's contract, which the SVG and PDF keep too: labels after all lines).
fn queue_flow_labels(ctx: &egui::Context, shapes: Vec<Shape>) {
    if shapes.is_empty() {
        return;
    }
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Vec<Shape>>(flow_labels_id())
            .extend(shapes);
    });
}

/// The flow labels queued since the last call: the first node drawn paints them, and the
/// canvas any left over (a frame without nodes on screen).
pub fn take_flow_labels(ctx: &egui::Context) -> Vec<Shape> {
    ctx.data_mut(|d| d.remove_temp::<Vec<Shape>>(flow_labels_id()))
        .unwrap_or_default()
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
        // The label and badge go after every flow's line (see `queue_flow_labels`).
        let mut labels = Vec::new();
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
                    // Over another flow's line, the plate hides it: the line passes
                    // behind the name rather than through it.
                    let plate = if p.label_over_line {
                        style.label_background.to_opaque()
                    } else {
                        style.label_background
                    };
                    labels.push(Shape::Rect(RectShape::filled(
                        r,
                        CornerRadius::same(3),
                        plate,
                    )));
                    labels.extend(placed_text(ctx, l, Vec2::ZERO, text_color));
                }
                if let Some(badge) = &p.badge {
                    labels.extend(placed_badge(ctx, badge, Vec2::ZERO, style, d.alert));
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
                labels.push(Shape::Rect(RectShape::filled(
                    rect,
                    CornerRadius::same(3),
                    style.label_background,
                )));
                labels.push(Shape::galley(
                    rect.min + Vec2::splat(2.0),
                    galley,
                    text_color,
                ));
            }
            None => {}
        }
        queue_flow_labels(ctx.ctx, labels);
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
