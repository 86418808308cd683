//! Every change to a [`Project`] is an [`Edit`]; applying one returns its inverse.
//!
//! Undo/redo, the GUI's intents and scripted changes all go through here, so there is one
//! mutation path. An edit either applies completely or leaves the project untouched.

mod diagram_layout;
pub mod history;

pub use history::History;

use crate::model::{
    Boundary, BoundaryId, BoundaryShape, Diagram, DiagramId, Element, ElementId, Flow, FlowId,
    ManualThreat, ManualThreatId, Metadata, Note, NoteId, Pos, Project, Rect, ThreatKey,
    ThreatRecord,
};

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetMeta(Box<Metadata>),
    SetCatalogue(Option<String>),
    /// Replaces the building-block libraries the project names.
    SetLibraries(Vec<String>),
    /// Inserts a diagram with the layout of everything on it.
    InsertDiagram {
        index: usize,
        diagram: Box<Diagram>,
        layout: Box<DiagramLayout>,
    },
    RemoveDiagram(DiagramId),
    RenameDiagram {
        id: DiagramId,
        name: String,
    },
    InsertElement {
        diagram: DiagramId,
        index: usize,
        element: Box<Element>,
        rect: Rect,
    },
    /// Removes an element and the flows attached to it (threat records stay, orphaned).
    RemoveElement(ElementId),
    /// Replaces the element with the same id (name, properties…).
    UpdateElement(Box<Element>),
    SetElementRect {
        id: ElementId,
        rect: Rect,
    },
    InsertFlow {
        diagram: DiagramId,
        index: usize,
        flow: Box<Flow>,
        waypoints: Vec<Pos>,
    },
    RemoveFlow(FlowId),
    UpdateFlow(Box<Flow>),
    SetWaypoints {
        id: FlowId,
        points: Vec<Pos>,
    },
    InsertBoundary {
        diagram: DiagramId,
        index: usize,
        boundary: Box<Boundary>,
        shape: BoundaryShape,
    },
    RemoveBoundary(BoundaryId),
    UpdateBoundary(Box<Boundary>),
    SetBoundaryShape {
        id: BoundaryId,
        shape: BoundaryShape,
    },
    InsertNote {
        diagram: DiagramId,
        index: usize,
        note: Note,
        rect: Rect,
    },
    RemoveNote(NoteId),
    UpdateNote(Note),
    SetNoteRect {
        id: NoteId,
        rect: Rect,
    },
    /// Sets (or with `None` removes) the user's decision on a generated threat.
    SetRecord {
        key: ThreatKey,
        record: Option<Box<ThreatRecord>>,
    },
    InsertManualThreat {
        index: usize,
        threat: Box<ManualThreat>,
    },
    RemoveManualThreat(ManualThreatId),
    UpdateManualThreat(Box<ManualThreat>),
    /// Replaces the list of workshop sessions.
    SetSessions(Vec<crate::model::WorkshopSession>),
    /// Replaces the list of sign-off records.
    SetSignOffs(Vec<crate::model::SignOff>),
    /// Replaces the whole project: settling a merge conflict, whose change can touch any
    /// part of it. `what` describes the change for undo and the status line.
    ReplaceProject {
        project: Box<Project>,
        what: String,
    },
    /// Several edits as one undo step, applied in order.
    Batch(Vec<Edit>),
}

/// The layout entries of one diagram's content, carried by diagram inserts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiagramLayout {
    pub elements: Vec<(ElementId, Rect)>,
    pub boundaries: Vec<(BoundaryId, BoundaryShape)>,
    pub notes: Vec<(NoteId, Rect)>,
    pub waypoints: Vec<(FlowId, Vec<Pos>)>,
}

/// Why an edit could not be applied. The project is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no {kind} with id {id}")]
    NotFound { kind: &'static str, id: String },
    #[error("id {0} is already used in this project")]
    DuplicateId(String),
    #[error("position {index} is past the end ({len} items)")]
    BadIndex { index: usize, len: usize },
    #[error("flow {flow}: {end} {element} is not an element of its diagram")]
    DanglingFlow {
        flow: String,
        end: &'static str,
        element: String,
    },
    #[error("a project must keep at least one diagram")]
    LastDiagram,
}

fn not_found(kind: &'static str, id: impl ToString) -> EditError {
    EditError::NotFound {
        kind,
        id: id.to_string(),
    }
}

fn check_index(index: usize, len: usize) -> Result<(), EditError> {
    if index > len {
        Err(EditError::BadIndex { index, len })
    } else {
        Ok(())
    }
}

/// Whether any diagram, element, flow, boundary, note or manual threat has this id.
fn id_in_use(p: &Project, id: &str) -> bool {
    p.manual_threats.iter().any(|t| t.id.as_str() == id)
        || p.diagrams.iter().any(|d| {
            d.id.as_str() == id
                || d.elements.iter().any(|e| e.id.as_str() == id)
                || d.flows.iter().any(|f| f.id.as_str() == id)
                || d.boundaries.iter().any(|b| b.id.as_str() == id)
                || d.notes.iter().any(|n| n.id.as_str() == id)
        })
}

fn fresh(p: &Project, id: &str) -> Result<(), EditError> {
    if id_in_use(p, id) {
        Err(EditError::DuplicateId(id.to_owned()))
    } else {
        Ok(())
    }
}

/// Index of the diagram and of the item within it that `find` locates.
fn locate<T>(
    p: &Project,
    kind: &'static str,
    id: &impl ToString,
    items: impl Fn(&Diagram) -> &Vec<T>,
    is: impl Fn(&T) -> bool,
) -> Result<(usize, usize), EditError> {
    p.diagrams
        .iter()
        .enumerate()
        .find_map(|(di, d)| items(d).iter().position(&is).map(|i| (di, i)))
        .ok_or_else(|| not_found(kind, id.to_string()))
}

fn diagram_index(p: &Project, id: &DiagramId) -> Result<usize, EditError> {
    p.diagrams
        .iter()
        .position(|d| &d.id == id)
        .ok_or_else(|| not_found("diagram", id))
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error nothing changed.
    pub fn apply(self, p: &mut Project) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::SetMeta(meta) => Edit::SetMeta(Box::new(std::mem::replace(&mut p.meta, *meta))),
            Edit::SetCatalogue(c) => Edit::SetCatalogue(std::mem::replace(&mut p.catalogue, c)),
            Edit::SetLibraries(l) => Edit::SetLibraries(std::mem::replace(&mut p.libraries, l)),
            Edit::InsertDiagram {
                index,
                diagram,
                layout,
            } => {
                check_index(index, p.diagrams.len())?;
                for id in content_ids(&diagram) {
                    fresh(p, &id)?;
                }
                fresh(p, diagram.id.as_str())?;
                let id = diagram.id.clone();
                let l = &mut p.layout;
                l.elements.extend(layout.elements);
                l.boundaries.extend(layout.boundaries);
                l.notes.extend(layout.notes);
                l.waypoints.extend(layout.waypoints);
                p.diagrams.insert(index, *diagram);
                Edit::RemoveDiagram(id)
            }
            Edit::RemoveDiagram(id) => {
                let index = diagram_index(p, &id)?;
                if p.diagrams.len() == 1 {
                    return Err(EditError::LastDiagram);
                }
                let diagram = p.diagrams.remove(index);
                let l = &mut p.layout;
                let layout = DiagramLayout {
                    elements: diagram
                        .elements
                        .iter()
                        .filter_map(|e| l.elements.remove_entry(&e.id))
                        .collect(),
                    boundaries: diagram
                        .boundaries
                        .iter()
                        .filter_map(|b| l.boundaries.remove_entry(&b.id))
                        .collect(),
                    notes: diagram
                        .notes
                        .iter()
                        .filter_map(|n| l.notes.remove_entry(&n.id))
                        .collect(),
                    waypoints: diagram
                        .flows
                        .iter()
                        .filter_map(|f| l.waypoints.remove_entry(&f.id))
                        .collect(),
                };
                Edit::InsertDiagram {
                    index,
                    diagram: Box::new(diagram),
                    layout: Box::new(layout),
                }
            }
            Edit::RenameDiagram { id, name } => {
                let index = diagram_index(p, &id)?;
                let old = std::mem::replace(&mut p.diagrams[index].name, name);
                Edit::RenameDiagram { id, name: old }
            }
            Edit::InsertElement {
                diagram,
                index,
                element,
                rect,
            } => {
                let di = diagram_index(p, &diagram)?;
                check_index(index, p.diagrams[di].elements.len())?;
                fresh(p, element.id.as_str())?;
                let id = element.id.clone();
                p.layout.elements.insert(id.clone(), rect);
                p.diagrams[di].elements.insert(index, *element);
                Edit::RemoveElement(id)
            }
            Edit::RemoveElement(id) => {
                let (di, ei) = locate(p, "element", &id, |d| &d.elements, |e| e.id == id)?;
                let d = &p.diagrams[di];
                // Attached flows go first, in one step with the element; undo restores
                // them at their places.
                let mut steps: Vec<Edit> = d
                    .flows
                    .iter()
                    .filter(|f| f.source == id || f.target == id)
                    .map(|f| Edit::RemoveFlow(f.id.clone()))
                    .collect();
                let diagram = d.id.clone();
                let inverse_flows = if steps.is_empty() {
                    None
                } else {
                    Some(Edit::Batch(std::mem::take(&mut steps)).apply(p)?)
                };
                let element = p.diagrams[di].elements.remove(ei);
                let rect = p.layout.elements.remove(&id).unwrap_or_default();
                let insert = Edit::InsertElement {
                    diagram,
                    index: ei,
                    element: Box::new(element),
                    rect,
                };
                match inverse_flows {
                    None => insert,
                    Some(flows) => Edit::Batch(vec![insert, flows]),
                }
            }
            Edit::UpdateElement(element) => {
                let (di, ei) = locate(
                    p,
                    "element",
                    &element.id,
                    |d| &d.elements,
                    |e| e.id == element.id,
                )?;
                let old = std::mem::replace(&mut p.diagrams[di].elements[ei], *element);
                Edit::UpdateElement(Box::new(old))
            }
            Edit::SetElementRect { id, rect } => {
                let slot = p
                    .layout
                    .elements
                    .get_mut(&id)
                    .ok_or_else(|| not_found("element", &id))?;
                let old = std::mem::replace(slot, rect);
                Edit::SetElementRect { id, rect: old }
            }
            Edit::InsertFlow {
                diagram,
                index,
                flow,
                waypoints,
            } => {
                let di = diagram_index(p, &diagram)?;
                let d = &p.diagrams[di];
                check_index(index, d.flows.len())?;
                fresh(p, flow.id.as_str())?;
                for (end, element) in [("source", &flow.source), ("target", &flow.target)] {
                    if d.element(element).is_none() {
                        return Err(EditError::DanglingFlow {
                            flow: flow.id.to_string(),
                            end,
                            element: element.to_string(),
                        });
                    }
                }
                let id = flow.id.clone();
                if !waypoints.is_empty() {
                    p.layout.waypoints.insert(id.clone(), waypoints);
                }
                p.diagrams[di].flows.insert(index, *flow);
                Edit::RemoveFlow(id)
            }
            Edit::RemoveFlow(id) => {
                let (di, fi) = locate(p, "flow", &id, |d| &d.flows, |f| f.id == id)?;
                let flow = p.diagrams[di].flows.remove(fi);
                let waypoints = p.layout.waypoints.remove(&id).unwrap_or_default();
                Edit::InsertFlow {
                    diagram: p.diagrams[di].id.clone(),
                    index: fi,
                    flow: Box::new(flow),
                    waypoints,
                }
            }
            Edit::UpdateFlow(flow) => {
                let (di, fi) = locate(p, "flow", &flow.id, |d| &d.flows, |f| f.id == flow.id)?;
                let d = &p.diagrams[di];
                for (end, element) in [("source", &flow.source), ("target", &flow.target)] {
                    if d.element(element).is_none() {
                        return Err(EditError::DanglingFlow {
                            flow: flow.id.to_string(),
                            end,
                            element: element.to_string(),
                        });
                    }
                }
                let old = std::mem::replace(&mut p.diagrams[di].flows[fi], *flow);
                Edit::UpdateFlow(Box::new(old))
            }
            Edit::SetWaypoints { id, points } => {
                locate(p, "flow", &id, |d| &d.flows, |f| f.id == id)?;
                let old = if points.is_empty() {
                    p.layout.waypoints.remove(&id)
                } else {
                    p.layout.waypoints.insert(id.clone(), points)
                };
                Edit::SetWaypoints {
                    id,
                    points: old.unwrap_or_default(),
                }
            }
            Edit::InsertBoundary {
                diagram,
                index,
                boundary,
                shape,
            } => {
                let di = diagram_index(p, &diagram)?;
                check_index(index, p.diagrams[di].boundaries.len())?;
                fresh(p, boundary.id.as_str())?;
                let id = boundary.id.clone();
                p.layout.boundaries.insert(id.clone(), shape);
                p.diagrams[di].boundaries.insert(index, *boundary);
                Edit::RemoveBoundary(id)
            }
            Edit::RemoveBoundary(id) => {
                let (di, bi) = locate(p, "boundary", &id, |d| &d.boundaries, |b| b.id == id)?;
                let boundary = p.diagrams[di].boundaries.remove(bi);
                let shape = p
                    .layout
                    .boundaries
                    .remove(&id)
                    .unwrap_or(BoundaryShape::Region(Rect::default()));
                Edit::InsertBoundary {
                    diagram: p.diagrams[di].id.clone(),
                    index: bi,
                    boundary: Box::new(boundary),
                    shape,
                }
            }
            Edit::UpdateBoundary(boundary) => {
                let (di, bi) = locate(
                    p,
                    "boundary",
                    &boundary.id,
                    |d| &d.boundaries,
                    |b| b.id == boundary.id,
                )?;
                let old = std::mem::replace(&mut p.diagrams[di].boundaries[bi], *boundary);
                Edit::UpdateBoundary(Box::new(old))
            }
            Edit::SetBoundaryShape { id, shape } => {
                let slot = p
                    .layout
                    .boundaries
                    .get_mut(&id)
                    .ok_or_else(|| not_found("boundary", &id))?;
                let old = std::mem::replace(slot, shape);
                Edit::SetBoundaryShape { id, shape: old }
            }
            Edit::InsertNote {
                diagram,
                index,
                note,
                rect,
            } => {
                let di = diagram_index(p, &diagram)?;
                check_index(index, p.diagrams[di].notes.len())?;
                fresh(p, note.id.as_str())?;
                let id = note.id.clone();
                p.layout.notes.insert(id.clone(), rect);
                p.diagrams[di].notes.insert(index, note);
                Edit::RemoveNote(id)
            }
            Edit::RemoveNote(id) => {
                let (di, ni) = locate(p, "note", &id, |d| &d.notes, |n| n.id == id)?;
                let note = p.diagrams[di].notes.remove(ni);
                let rect = p.layout.notes.remove(&id).unwrap_or_default();
                Edit::InsertNote {
                    diagram: p.diagrams[di].id.clone(),
                    index: ni,
                    note,
                    rect,
                }
            }
            Edit::UpdateNote(note) => {
                let (di, ni) = locate(p, "note", &note.id, |d| &d.notes, |n| n.id == note.id)?;
                let old = std::mem::replace(&mut p.diagrams[di].notes[ni], note);
                Edit::UpdateNote(old)
            }
            Edit::SetNoteRect { id, rect } => {
                let slot = p
                    .layout
                    .notes
                    .get_mut(&id)
                    .ok_or_else(|| not_found("note", &id))?;
                let old = std::mem::replace(slot, rect);
                Edit::SetNoteRect { id, rect: old }
            }
            Edit::SetRecord { key, record } => {
                let old = match record {
                    Some(r) => p.threats.insert(key.clone(), *r),
                    None => p.threats.remove(&key),
                };
                Edit::SetRecord {
                    key,
                    record: old.map(Box::new),
                }
            }
            Edit::InsertManualThreat { index, threat } => {
                check_index(index, p.manual_threats.len())?;
                fresh(p, threat.id.as_str())?;
                let id = threat.id.clone();
                p.manual_threats.insert(index, *threat);
                Edit::RemoveManualThreat(id)
            }
            Edit::RemoveManualThreat(id) => {
                let index = p
                    .manual_threats
                    .iter()
                    .position(|t| t.id == id)
                    .ok_or_else(|| not_found("manual threat", &id))?;
                Edit::InsertManualThreat {
                    index,
                    threat: Box::new(p.manual_threats.remove(index)),
                }
            }
            Edit::UpdateManualThreat(threat) => {
                let index = p
                    .manual_threats
                    .iter()
                    .position(|t| t.id == threat.id)
                    .ok_or_else(|| not_found("manual threat", &threat.id))?;
                let old = std::mem::replace(&mut p.manual_threats[index], *threat);
                Edit::UpdateManualThreat(Box::new(old))
            }
            Edit::SetSessions(sessions) => {
                Edit::SetSessions(std::mem::replace(&mut p.sessions, sessions))
            }
            Edit::SetSignOffs(list) => Edit::SetSignOffs(std::mem::replace(&mut p.signoffs, list)),
            Edit::ReplaceProject { project, what } => Edit::ReplaceProject {
                project: Box::new(std::mem::replace(p, *project)),
                what,
            },
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(p) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Roll back what this batch already did.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(p);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }
}

/// Ids of everything on a diagram (not the diagram's own).
fn content_ids(d: &Diagram) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    ids.extend(d.elements.iter().map(|e| e.id.to_string()));
    ids.extend(d.flows.iter().map(|f| f.id.to_string()));
    ids.extend(d.boundaries.iter().map(|b| b.id.to_string()));
    ids.extend(d.notes.iter().map(|n| n.id.to_string()));
    ids
}

pub use crate::foundation::text::{capitalized, count};

impl Edit {
    /// What the edit does, in words for the status line ("moved 2 elements", "deleted
    /// “Session cache” and 2 flows"), read against the project before it is applied.
    pub fn describe(&self, project: &Project) -> String {
        let element = |id: &ElementId| {
            project
                .element(id)
                .map_or_else(|| "an element".to_owned(), |(_, e)| format!("“{}”", e.name))
        };
        let flow = |id: &FlowId| {
            project
                .flow(id)
                .map_or_else(|| "a flow".to_owned(), |(_, f)| format!("“{}”", f.name))
        };
        match self {
            Edit::SetMeta(_) => "changed the project details".into(),
            Edit::SetCatalogue(_) => "changed the rule catalogue".into(),
            Edit::SetLibraries(_) => "changed the building-block libraries".into(),
            Edit::InsertDiagram { diagram, .. } => format!("added diagram “{}”", diagram.name),
            Edit::RemoveDiagram(id) => format!(
                "deleted diagram “{}”",
                project.diagram(id).map_or("", |d| d.name.as_str())
            ),
            Edit::RenameDiagram { name, .. } => format!("renamed the diagram to “{name}”"),
            Edit::InsertElement { element, .. } => format!(
                "added {} “{}”",
                element.kind().label().to_lowercase(),
                element.name
            ),
            Edit::RemoveElement(id) => {
                let flows = project
                    .diagrams
                    .iter()
                    .flat_map(|d| &d.flows)
                    .filter(|f| &f.source == id || &f.target == id)
                    .count();
                if flows == 0 {
                    format!("deleted {}", element(id))
                } else {
                    format!(
                        "deleted {} and {}",
                        element(id),
                        count(flows, "flow", "flows")
                    )
                }
            }
            Edit::UpdateElement(e) => match project.element(&e.id) {
                Some((_, old)) if old.name != e.name => {
                    format!("renamed “{}” to “{}”", old.name, e.name)
                }
                _ => format!("changed “{}”", e.name),
            },
            Edit::SetElementRect { id, .. } => format!("moved {}", element(id)),
            Edit::InsertFlow { flow, .. } => format!("added data flow “{}”", flow.name),
            Edit::RemoveFlow(id) => format!("deleted {}", flow(id)),
            Edit::UpdateFlow(f) => match project.flow(&f.id) {
                Some((_, old)) if old.name != f.name => {
                    format!("renamed “{}” to “{}”", old.name, f.name)
                }
                _ => format!("changed “{}”", f.name),
            },
            Edit::SetWaypoints { id, .. } => format!("reshaped {}", flow(id)),
            Edit::InsertBoundary { boundary, .. } => {
                format!("added trust boundary “{}”", boundary.name)
            }
            Edit::RemoveBoundary(_) => "deleted a trust boundary".into(),
            Edit::UpdateBoundary(b) => {
                match project.diagrams.iter().find_map(|d| d.boundary(&b.id)) {
                    Some(old) if old.name != b.name => {
                        format!("renamed trust boundary “{}” to “{}”", old.name, b.name)
                    }
                    _ => format!("changed trust boundary “{}”", b.name),
                }
            }
            Edit::SetBoundaryShape { .. } => "moved a trust boundary".into(),
            Edit::InsertNote { .. } => "added a note".into(),
            Edit::RemoveNote(_) => "deleted a note".into(),
            Edit::UpdateNote(_) => "changed a note".into(),
            Edit::SetNoteRect { .. } => "moved a note".into(),
            Edit::SetRecord { record, .. } => match record {
                Some(r) => format!(
                    "set a threat's decision to {}",
                    r.status.label().to_lowercase()
                ),
                None => "cleared a threat's decision".into(),
            },
            Edit::InsertManualThreat { threat, .. } => format!("added threat “{}”", threat.title),
            Edit::RemoveManualThreat(_) => "deleted a threat".into(),
            Edit::UpdateManualThreat(t) => format!("changed threat “{}”", t.title),
            Edit::SetSessions(_) => "changed the workshop record".into(),
            Edit::SetSignOffs(list) if list.len() > project.signoffs.len() => {
                list.last().map_or_else(
                    || "signed off".into(),
                    |s| format!("signed off as {}", s.reviewer),
                )
            }
            Edit::SetSignOffs(_) => "changed the sign-off record".into(),
            Edit::ReplaceProject { what, .. } => what.clone(),
            Edit::Batch(edits) => describe_batch(edits, project),
        }
    }

    /// Whether the edit changes only where things are drawn (positions, sizes, boundary
    /// shapes, flow bends) and nothing the model says. Its inverse is layout-only too.
    /// Whether the edit carries a whole project (settling a merge conflict), which the
    /// undo history keeps only a few of.
    pub fn holds_whole_project(&self) -> bool {
        match self {
            Edit::ReplaceProject { .. } => true,
            Edit::Batch(edits) => edits.iter().any(Edit::holds_whole_project),
            _ => false,
        }
    }

    pub fn is_layout_only(&self) -> bool {
        match self {
            Edit::SetElementRect { .. }
            | Edit::SetBoundaryShape { .. }
            | Edit::SetNoteRect { .. }
            | Edit::SetWaypoints { .. } => true,
            Edit::Batch(edits) => edits.iter().all(Edit::is_layout_only),
            _ => false,
        }
    }
}

fn describe_batch(edits: &[Edit], project: &Project) -> String {
    match edits {
        [] => "nothing".into(),
        [one] => one.describe(project),
        _ => {
            let all = |f: fn(&Edit) -> bool| edits.iter().all(f);
            if all(|e| matches!(e, Edit::SetElementRect { .. })) {
                format!("moved {}", count(edits.len(), "element", "elements"))
            } else if all(Edit::is_layout_only) {
                format!("moved {}", count(edits.len(), "item", "items"))
            } else if all(|e| {
                matches!(
                    e,
                    Edit::RemoveElement(_)
                        | Edit::RemoveFlow(_)
                        | Edit::RemoveBoundary(_)
                        | Edit::RemoveNote(_)
                        | Edit::SetRecord { .. }
                )
            }) {
                let n = |f: fn(&Edit) -> bool| edits.iter().filter(|e| f(e)).count();
                let elements = n(|e| matches!(e, Edit::RemoveElement(_)));
                let removed: Vec<&ElementId> = edits
                    .iter()
                    .filter_map(|e| match e {
                        Edit::RemoveElement(id) => Some(id),
                        _ => None,
                    })
                    .collect();
                // Flows deleted explicitly, and those that go with their elements.
                let flows = project
                    .diagrams
                    .iter()
                    .flat_map(|d| &d.flows)
                    .filter(|f| {
                        removed.contains(&&f.source)
                            || removed.contains(&&f.target)
                            || edits
                                .iter()
                                .any(|e| matches!(e, Edit::RemoveFlow(id) if id == &f.id))
                    })
                    .count();
                let others = n(|e| matches!(e, Edit::RemoveBoundary(_) | Edit::RemoveNote(_)));
                let mut parts = Vec::new();
                if elements > 0 {
                    parts.push(count(elements, "element", "elements"));
                }
                if flows > 0 {
                    parts.push(count(flows, "flow", "flows"));
                }
                if others > 0 {
                    parts.push(count(others, "other item", "other items"));
                }
                format!("deleted {}", parts.join(" and "))
            } else {
                format!("{} changes", edits.len())
            }
        }
    }
}
