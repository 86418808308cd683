//! Making the egui_graphs graph of a diagram from the project and its display list, and
//! bringing a built graph up to date in place.

use super::*;

/// Where the display list put a flow: its route, label and badge, and whether the label
/// sits over another flow's line.
type FlowPlace<'a> = (&'a [Pos], Option<&'a TextBox>, Option<Badge>, bool);

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
                    label_over_line,
                    ..
                } => {
                    flows.insert(
                        id.as_str(),
                        (points.as_slice(), label.as_ref(), *badge, *label_over_line),
                    );
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
                (Some(p), Some(((points, label, badge, over_line), from, to))) => {
                    p.from == *from
                        && p.to == *to
                        && p.points == *points
                        && p.label.as_ref() == *label
                        && p.badge == *badge
                        && p.label_over_line == *over_line
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
                .map(|((points, label, badge, over_line), from, to)| PlacedFlow {
                    from,
                    to,
                    points: points.to_vec(),
                    label: label.cloned(),
                    badge,
                    label_over_line: over_line,
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
