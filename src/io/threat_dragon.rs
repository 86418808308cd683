//! OWASP Threat Dragon v2 models: import into a project and export back.
//!
//! Threat Dragon stores canvas cells (position, size, style) mixed with model data. Every
//! diagram, element, flow, boundary (box and curve), text block, position, size, property
//! and threat is carried over; what has no equivalent in our model is kept in a
//! description and listed in the [`ImportReport`]. Threat Dragon threats become manual
//! threats with their status. Cell ids are kept (Threat Dragon's UUIDs are valid ids), so
//! import → export → import gives the same project.
//!
//! One file, over 800 lines: import and export of one format share its cell shapes and
//! property names; apart they would drift.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::{Value, json};

use super::import::{invalid, json_str as s, stride_named};
use super::{FileError, FileErrorKind};
use crate::model::*;

/// What the import did beyond a one-to-one copy.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub diagrams: usize,
    pub elements: usize,
    pub flows: usize,
    pub boundaries: usize,
    pub notes: usize,
    pub threats: usize,
    /// The tool the model came from ("OWASP Threat Dragon", …).
    pub source: &'static str,
    /// Information with no field of its own, and where it was kept.
    pub kept: Vec<String>,
}

fn b(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn f(v: &Value, key: &str) -> Option<f32> {
    v.get(key).and_then(Value::as_f64).map(|x| x as f32)
}

/// The one element whose box lies inside a trust-boundary box (`boundary`'s position and
/// size), if exactly one does: a flow Threat Dragon attached to that box goes to it.
fn only_element_inside<'a>(
    diagram: &'a crate::model::Diagram,
    layout: &crate::model::Layout,
    boundary: &Value,
) -> Option<&'a Element> {
    let (p, sz) = (boundary.get("position")?, boundary.get("size")?);
    let (x, y) = (f(p, "x")?, f(p, "y")?);
    let (w, h) = (f(sz, "width")?, f(sz, "height")?);
    let mut inside = diagram.elements.iter().filter(|e| {
        layout
            .elements
            .get(&e.id)
            .is_some_and(|r| r.x >= x && r.y >= y && r.x + r.w <= x + w && r.y + r.h <= y + h)
    });
    let one = inside.next()?;
    inside.next().is_none().then_some(one)
}

fn point(v: &Value) -> Option<Pos> {
    Some(Pos::new(f(v, "x")?, f(v, "y")?))
}

fn runs_as_from(text: &str) -> RunsAs {
    match text.trim().to_lowercase().as_str() {
        "" => RunsAs::Unspecified,
        "user" | "standard user" | "standard" => RunsAs::StandardUser,
        "service" | "service account" => RunsAs::ServiceAccount,
        "admin" | "administrator" => RunsAs::Administrator,
        "root" | "system" => RunsAs::System,
        "kernel" => RunsAs::Kernel,
        _ => RunsAs::Other(text.to_owned()),
    }
}

fn runs_as_to(r: &RunsAs) -> String {
    match r {
        RunsAs::Unspecified => String::new(),
        RunsAs::StandardUser => "User".into(),
        RunsAs::ServiceAccount => "Service".into(),
        RunsAs::Administrator => "Administrator".into(),
        RunsAs::System => "System".into(),
        RunsAs::Kernel => "Kernel".into(),
        RunsAs::Other(t) => t.clone(),
    }
}

/// The name of a boundary box lives in `data.name` or, in older files, `attrs.label.text`.
fn cell_name(cell: &Value) -> String {
    let data = &cell["data"];
    let name = s(data, "name");
    if !name.is_empty() {
        return name.to_owned();
    }
    for ptr in [
        "/attrs/label/text",
        "/attrs/text/text",
        "/labels/0/attrs/labelText/text",
    ] {
        if let Some(t) = cell.pointer(ptr).and_then(Value::as_str) {
            if !t.is_empty() {
                return t.to_owned();
            }
        }
    }
    String::new()
}

/// A Threat Dragon 1.x model: no version, diagrams with `diagramJson`.
fn is_v1(doc: &Value) -> bool {
    let version = s(doc, "version");
    (version.is_empty() || version.starts_with("1."))
        && doc["detail"]["diagrams"]
            .as_array()
            .is_some_and(|ds| ds.iter().all(|d| d.get("cells").is_none()))
}

/// A 1.x model in the 2.x shape, as Threat Dragon's own upgrade does
/// (td.vue/src/service/migration/tdV1): `tm.Actor` → actor, `tm.Process` → process,
/// `tm.Store` → store, `tm.Flow` → flow, `tm.Boundary` → trust-boundary-curve; names from
/// `attrs.text.text` or the first label; properties from the cell itself.
fn upgrade_v1(doc: &Value) -> Value {
    let diagrams: Vec<Value> = doc["detail"]["diagrams"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let cells: Vec<Value> = d
                .pointer("/diagramJson/cells")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(upgrade_cell)
                .collect();
            json!({
                "id": d.get("id").and_then(Value::as_u64).unwrap_or(i as u64),
                "title": s(d, "title"),
                "diagramType": if s(d, "diagramType").is_empty() { "STRIDE" } else { s(d, "diagramType") },
                "cells": cells,
            })
        })
        .collect();
    json!({
        "version": "2.0.0",
        "summary": doc["summary"],
        "detail": {
            "contributors": doc["detail"]["contributors"],
            "reviewer": doc["detail"]["reviewer"],
            "diagrams": diagrams,
        },
    })
}

fn upgrade_cell(c: &Value) -> Value {
    let kind = s(c, "type");
    let shape = match kind {
        "tm.Actor" => "actor",
        "tm.Process" => "process",
        "tm.Store" => "store",
        "tm.Flow" => "flow",
        "tm.Boundary" => "trust-boundary-curve",
        "tm.Text" => "td-text-block",
        other => other,
    };
    let name = [
        c.get("name").and_then(Value::as_str),
        c.pointer("/attrs/text/text").and_then(Value::as_str),
        c.pointer("/labels/0/attrs/text/text")
            .and_then(Value::as_str),
    ]
    .into_iter()
    .flatten()
    .find(|n| !n.is_empty())
    .unwrap_or("");
    let mut data = serde_json::Map::new();
    data.insert("name".into(), Value::from(name));
    for key in [
        "description",
        "outOfScope",
        "reasonOutOfScope",
        "threats",
        "isALog",
        "storesCredentials",
        "isEncrypted",
        "isSigned",
        "providesAuthentication",
        "protocol",
        "isPublicNetwork",
        "isBidirectional",
        "privilegeLevel",
        "isWebApplication",
        "handlesCardPayment",
        "handlesGoodsOrServices",
    ] {
        if let Some(v) = c.get(key) {
            data.insert(key.into(), v.clone());
        }
    }
    // 1.x refers to ends by `{ "id": … }`, 2.x by `{ "cell": … }`; a free end is a point.
    let end = |e: &Value| match e.get("id") {
        Some(id) => json!({ "cell": id }),
        None => e.clone(),
    };
    let mut cell = json!({
        "id": c["id"],
        "shape": shape,
        "data": Value::Object(data),
    });
    for key in ["position", "size", "vertices"] {
        if let Some(v) = c.get(key) {
            cell[key] = v.clone();
        }
    }
    if let Some(src) = c.get("source") {
        cell["source"] = end(src);
    }
    if let Some(t) = c.get("target") {
        cell["target"] = end(t);
    }
    cell
}

/// Reads a Threat Dragon v2 model (or a 1.x one, upgraded first).
pub fn import(text: &str, path: &Path) -> Result<(Project, ImportReport), FileError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| FileError {
        path: path.to_owned(),
        position: (e.line() > 0).then(|| (e.line(), e.column())),
        kind: FileErrorKind::Syntax(e.to_string()),
    })?;
    // Threat Dragon 1.x files have no version and keep cells in `diagramJson`; they are
    // read as Threat Dragon 2 itself upgrades them.
    let upgraded;
    let doc = if is_v1(&doc) {
        upgraded = upgrade_v1(&doc);
        &upgraded
    } else {
        &doc
    };
    let version = s(doc, "version");
    if !version.starts_with("2.") {
        return Err(invalid(
            path,
            format!("not a Threat Dragon v2 model (version {version:?}); only 2.x files are read"),
        ));
    }
    let detail = &doc["detail"];
    let diagrams = detail["diagrams"]
        .as_array()
        .ok_or_else(|| invalid(path, "detail.diagrams is missing or not a list".into()))?;
    let mut report = ImportReport::default();
    let summary = &doc["summary"];
    let mut meta = Metadata {
        title: s(summary, "title").to_owned(),
        owner: s(summary, "owner").to_owned(),
        description: s(summary, "description").to_owned(),
        ..Metadata::default()
    };
    let reviewer = s(detail, "reviewer");
    if !reviewer.is_empty() {
        meta.reviewers.push(Reviewer {
            name: reviewer.to_owned(),
            role: String::new(),
        });
    }
    let contributors: Vec<String> = detail["contributors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| s(c, "name").to_owned())
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if !contributors.is_empty() {
        let line = format!(
            "Contributors (from Threat Dragon): {}",
            contributors.join(", ")
        );
        meta.description = if meta.description.is_empty() {
            line.clone()
        } else {
            format!("{}\n\n{line}", meta.description)
        };
        report.kept.push(format!(
            "contributors {} → project description",
            contributors.join(", ")
        ));
    }
    let mut project = Project {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        meta,
        catalogue: None,
        libraries: Vec::new(),
        infrastructure: Vec::new(),
        diagrams: Vec::new(),
        threats: BTreeMap::new(),
        manual_threats: Vec::new(),
        sessions: Vec::new(),
        signoffs: Vec::new(),
        conflicts: Vec::new(),
        layout: Layout::default(),
    };
    let id_err = |what: &str, id: &str, e: IdError| invalid(path, format!("{what} {id:?}: {e}"));
    for (di, dg) in diagrams.iter().enumerate() {
        let number = dg["id"].as_u64().unwrap_or(di as u64);
        let diagram_type = s(dg, "diagramType");
        let mut diagram = Diagram {
            id: DiagramId::try_from(format!("dg_td{number}"))
                .map_err(|e| id_err("diagram", &number.to_string(), e))?,
            name: s(dg, "title").to_owned(),
            elements: Vec::new(),
            flows: Vec::new(),
            boundaries: Vec::new(),
            notes: Vec::new(),
        };
        if !diagram_type.is_empty() && diagram_type != "STRIDE" {
            report.kept.push(format!("diagram {:?} is a {diagram_type} diagram: its threats keep their categories as text", diagram.name));
        }
        let cells = dg["cells"].as_array().cloned().unwrap_or_default();
        let mut kinds: HashMap<String, &str> = HashMap::new();
        for cell in &cells {
            kinds.insert(s(cell, "id").to_owned(), s(cell, "shape"));
        }
        let mut pending_threats: Vec<(String, Value)> = Vec::new();
        // Where each flow runs (cell id, one end, the other), to name unnamed flows from the
        // text the author wrote beside them.
        let mut paths: Vec<(String, Vec<Pos>)> = Vec::new();
        // Elements first, flows second: a flow's free end is matched against elements.
        let ordered = cells
            .iter()
            .filter(|c| s(c, "shape") != "flow")
            .chain(cells.iter().filter(|c| s(c, "shape") == "flow"));
        for cell in ordered {
            let shape = s(cell, "shape");
            let id = s(cell, "id");
            let data = &cell["data"];
            let rect = || -> Option<Rect> {
                let p = cell.get("position")?;
                let sz = cell.get("size")?;
                Some(Rect::new(
                    f(p, "x")?,
                    f(p, "y")?,
                    f(sz, "width")?,
                    f(sz, "height")?,
                ))
            };
            match shape {
                "actor" | "process" | "store" => {
                    let props = match shape {
                        "actor" => ElementProps::ExternalEntity(ExternalEntityProps {
                            authenticates_itself: b(data, "providesAuthentication"),
                            ..ExternalEntityProps::default()
                        }),
                        "process" => ElementProps::Process(ProcessProps {
                            handles_card_payment: b(data, "handlesCardPayment"),
                            handles_goods_or_services: b(data, "handlesGoodsOrServices"),
                            is_web_application: b(data, "isWebApplication"),
                            runs_as: runs_as_from(s(data, "privilegeLevel")),
                            ..ProcessProps::default()
                        }),
                        _ => ElementProps::DataStore(DataStoreProps {
                            stores_logs: b(data, "isALog"),
                            encrypted_at_rest: b(data, "isEncrypted"),
                            signed: b(data, "isSigned"),
                            stores_credentials: b(data, "storesCredentials"),
                            stores_inventory: b(data, "storesInventory"),
                            ..DataStoreProps::default()
                        }),
                    };
                    let element = Element {
                        id: ElementId::try_from(id).map_err(|e| id_err("cell", id, e))?,
                        name: cell_name(cell),
                        description: s(data, "description").to_owned(),
                        technology: String::new(),
                        out_of_scope: b(data, "outOfScope"),
                        out_of_scope_reason: s(data, "reasonOutOfScope").to_owned(),
                        props,
                        resources: Vec::new(),
                        block: None,
                    };
                    let r = rect().ok_or_else(|| {
                        invalid(
                            path,
                            format!("cell {id} ({shape}) has no position and size"),
                        )
                    })?;
                    project.layout.elements.insert(element.id.clone(), r);
                    diagram.elements.push(element);
                    report.elements += 1;
                }
                "flow" => {
                    let mut placeholders: Vec<(Element, Rect)> = Vec::new();
                    let mut end = |key: &str| -> Result<ElementId, FileError> {
                        let Some(target) = cell[key].get("cell").and_then(Value::as_str) else {
                            // Threat Dragon lets a flow end in empty space (a point). Keep
                            // the flow with a stand-in entity at that point, and say so.
                            let Some(at) = point(&cell[key]) else {
                                return Err(invalid(
                                    path,
                                    format!("flow {id} ({:?}) has no {key}", cell_name(cell)),
                                ));
                            };
                            // A free end left on, near or pointing at an element is meant to
                            // be connected to it.
                            let other = &cell[if key == "source" { "target" } else { "source" }];
                            let other_id = other
                                .get("cell")
                                .and_then(Value::as_str)
                                .and_then(|c| ElementId::try_from(c).ok());
                            let from = point(other).or_else(|| {
                                other_id
                                    .as_ref()
                                    .and_then(|c| project.layout.elements.get(c))
                                    .map(Rect::center)
                            });
                            if let Some((e, how)) = super::import::element_near(
                                &diagram,
                                &project.layout,
                                at,
                                from,
                                other_id.as_ref(),
                            ) {
                                report.kept.push(format!(
                                    "flow {:?}: its {key} was not connected; {}",
                                    cell_name(cell),
                                    how.describe(&e.name)
                                ));
                                return Ok(e.id.clone());
                            }
                            let mut e = Element::new(
                                ElementKind::ExternalEntity,
                                format!(
                                    "Unconnected {key} of {}",
                                    cell_name(cell).replace('\n', " ")
                                ),
                            );
                            e.id = ElementId::try_from(format!("{id}-{key}"))
                                .map_err(|err| id_err("cell", id, err))?;
                            e.description = format!(
                                "{} that Threat Dragon left unconnected.",
                                crate::model::LOOSE_END_STAND_IN
                            );
                            report.kept.push(format!("flow {:?}: its {key} was not connected to an element → stand-in external entity {:?}", cell_name(cell), e.name));
                            let id = e.id.clone();
                            placeholders.push((e, super::import::stand_in_rect(at)));
                            return Ok(id);
                        };
                        match kinds.get(target) {
                            Some(&("actor" | "process" | "store")) => {
                                ElementId::try_from(target).map_err(|e| id_err("cell", target, e))
                            }
                            // A flow attached to a trust boundary comes from (or goes to)
                            // whatever lies beyond it: one stand-in entity per boundary,
                            // named after it, at its centre.
                            Some(other) if other.starts_with("trust-b") => {
                                let boundary = cells
                                    .iter()
                                    .find(|c| s(c, "id") == target)
                                    .unwrap_or(&Value::Null);
                                let at = match (boundary.get("position"), boundary.get("size")) {
                                    (Some(p), Some(sz)) => Pos::new(
                                        f(p, "x").unwrap_or(0.0)
                                            + f(sz, "width").unwrap_or(0.0) / 2.0,
                                        f(p, "y").unwrap_or(0.0)
                                            + f(sz, "height").unwrap_or(0.0) / 2.0,
                                    ),
                                    _ => point(&boundary["source"]).unwrap_or(Pos::new(0.0, 0.0)),
                                };
                                let name = cell_name(boundary).replace('\n', " ");
                                // The box drawn around one element: the end is that element.
                                if let Some(e) =
                                    only_element_inside(&diagram, &project.layout, boundary)
                                {
                                    report.kept.push(format!("flow {:?}: its {key} is on the trust boundary {name:?} around {:?} → connected to {:?}", cell_name(cell), e.name, e.name));
                                    return Ok(e.id.clone());
                                }
                                let stand_in = ElementId::try_from(format!("{target}-end"))
                                    .map_err(|err| id_err("cell", target, err))?;
                                report.kept.push(format!("flow {:?}: its {key} is on the trust boundary {name:?} → stand-in external entity {name:?}", cell_name(cell)));
                                let known = diagram.elements.iter().any(|e| e.id == stand_in)
                                    || placeholders.iter().any(|(e, _)| e.id == stand_in);
                                if !known {
                                    let mut e = Element::new(
                                        ElementKind::ExternalEntity,
                                        if name.trim().is_empty() {
                                            "Beyond a trust boundary".to_owned()
                                        } else {
                                            name
                                        },
                                    );
                                    e.id = stand_in.clone();
                                    e.description = format!(
                                        "{} that Threat Dragon flows were attached to.",
                                        crate::model::BOUNDARY_STAND_IN
                                    );
                                    placeholders.push((e, super::import::stand_in_rect(at)));
                                }
                                Ok(stand_in)
                            }
                            Some(other) => Err(invalid(
                                path,
                                format!("flow {id} has its {key} on a {other}, not on an element"),
                            )),
                            None => Err(invalid(
                                path,
                                format!(
                                    "flow {id} has a {key} {target:?} that is not a cell of diagram {:?}",
                                    diagram.name
                                ),
                            )),
                        }
                    };
                    let (source, target) = (end("source")?, end("target")?);
                    for (e, r) in placeholders {
                        project.layout.elements.insert(e.id.clone(), r);
                        diagram.elements.push(e);
                        report.elements += 1;
                    }
                    let centre = |id: &ElementId| project.layout.elements.get(id).map(Rect::center);
                    if let (Some(a), Some(z)) = (
                        point(&cell["source"]).or_else(|| centre(&source)),
                        point(&cell["target"]).or_else(|| centre(&target)),
                    ) {
                        let mut pts = vec![a];
                        if let Some(v) = cell["vertices"].as_array() {
                            pts.extend(v.iter().filter_map(point));
                        }
                        pts.push(z);
                        paths.push((id.to_owned(), pts));
                    }
                    let mut flow = Flow::new(cell_name(cell), source, target);
                    flow.id = FlowId::try_from(id).map_err(|e| id_err("cell", id, e))?;
                    flow.description = s(data, "description").to_owned();
                    flow.bidirectional = b(data, "isBidirectional");
                    flow.encrypted = b(data, "isEncrypted");
                    flow.public_network = b(data, "isPublicNetwork");
                    flow.protocol = s(data, "protocol").to_owned();
                    // Threat Dragon has no integrity or authentication flags: what the
                    // protocol gives is set here (the analysis reads encryption from the
                    // protocol itself, so `isEncrypted` stays as the file says).
                    if let Some(p) = crate::analysis::vocab::protocol(&flow.protocol) {
                        let before = (
                            flow.integrity_protected,
                            flow.authenticates_destination,
                            flow.authenticates_source,
                        );
                        flow.integrity_protected |= p.integrity;
                        flow.authenticates_destination |= p.authenticates_destination;
                        flow.authenticates_source |= p.authenticates_source;
                        let after = (
                            flow.integrity_protected,
                            flow.authenticates_destination,
                            flow.authenticates_source,
                        );
                        if before != after {
                            report.kept.push(format!(
                                "flow {:?}: protocol {} → integrity protected{}{}",
                                cell_name(cell),
                                p.name,
                                if p.authenticates_destination {
                                    ", server authenticated"
                                } else {
                                    ""
                                },
                                if p.authenticates_source {
                                    ", client authenticated"
                                } else {
                                    ""
                                },
                            ));
                        }
                    }
                    flow.out_of_scope = b(data, "outOfScope");
                    flow.out_of_scope_reason = s(data, "reasonOutOfScope").to_owned();
                    let vertices: Vec<Pos> = cell["vertices"]
                        .as_array()
                        .map(|v| v.iter().filter_map(point).collect())
                        .unwrap_or_default();
                    if !vertices.is_empty() {
                        project.layout.waypoints.insert(flow.id.clone(), vertices);
                    }
                    diagram.flows.push(flow);
                    report.flows += 1;
                }
                // `trust-broundary-curve` is the misspelt name Threat Dragon itself registers
                // (and so writes) for old curves: td.vue/src/service/x6/shapes/index.js.
                "trust-boundary-box" | "trust-boundary-curve" | "trust-broundary-curve" => {
                    let mut boundary = Boundary::new(cell_name(cell), BoundaryType::Generic);
                    boundary.id = BoundaryId::try_from(id).map_err(|e| id_err("cell", id, e))?;
                    boundary.description = s(data, "description").to_owned();
                    let shape = if shape == "trust-boundary-box" {
                        BoundaryShape::Region(rect().ok_or_else(|| {
                            invalid(path, format!("boundary box {id} has no position and size"))
                        })?)
                    } else {
                        let (Some(a), Some(z)) = (point(&cell["source"]), point(&cell["target"]))
                        else {
                            return Err(invalid(
                                path,
                                format!("boundary curve {id} has no source and target points"),
                            ));
                        };
                        let mut pts = vec![a];
                        if let Some(v) = cell["vertices"].as_array() {
                            pts.extend(v.iter().filter_map(point));
                        }
                        pts.push(z);
                        BoundaryShape::Line(pts)
                    };
                    project.layout.boundaries.insert(boundary.id.clone(), shape);
                    diagram.boundaries.push(boundary);
                    report.boundaries += 1;
                }
                "td-text-block" | "text" => {
                    let note = Note {
                        id: NoteId::try_from(id).map_err(|e| id_err("cell", id, e))?,
                        text: cell_name(cell),
                    };
                    let r = rect().ok_or_else(|| {
                        invalid(path, format!("text block {id} has no position and size"))
                    })?;
                    project.layout.notes.insert(note.id.clone(), r);
                    diagram.notes.push(note);
                    report.notes += 1;
                }
                other => {
                    return Err(invalid(
                        path,
                        format!("cell {id} has an unknown shape {other:?}"),
                    ));
                }
            }
            if let Some(threats) = data["threats"].as_array() {
                for t in threats {
                    pending_threats.push((id.to_owned(), t.clone()));
                }
            }
        }
        for (subject, t) in pending_threats {
            let mut threat = import_threat(path, &subject, &t, &mut report)?;
            // A threat copied to another cell (or diagram) keeps its id in Threat Dragon; ours
            // are unique, so the copy gets the next free "<id>-2", "<id>-3".
            let taken =
                |id: &ManualThreatId, p: &Project| p.manual_threats.iter().any(|m| &m.id == id);
            if taken(&threat.id, &project) {
                let base = threat.id.to_string();
                for n in 2.. {
                    match ManualThreatId::try_from(format!("{base}-{n}")) {
                        Ok(id) if !taken(&id, &project) => {
                            report.kept.push(format!(
                                "threat {:?}: its id {base} is used by another threat → {id}",
                                threat.title
                            ));
                            threat.id = id;
                            break;
                        }
                        Ok(_) => {}
                        Err(_) => {
                            threat.id = ManualThreatId::generate();
                            break;
                        }
                    }
                }
            }
            project.manual_threats.push(threat);
            report.threats += 1;
        }
        super::import::name_flows_from_notes(&mut diagram, &project.layout, &paths, &mut report);
        project.diagrams.push(diagram);
        report.diagrams += 1;
    }
    if project.diagrams.is_empty() {
        project.diagrams.push(Diagram::new("Main"));
    }
    // The same checks as our own files: ids unique, references resolve.
    crate::io::check_made(&project, path)?;
    Ok((project, report))
}

fn import_threat(
    path: &Path,
    subject: &str,
    t: &Value,
    report: &mut ImportReport,
) -> Result<ManualThreat, FileError> {
    let kind = s(t, "type");
    let category =
        stride_named(kind).map_or_else(|| Category::Other(kind.to_owned()), Category::Stride);
    let mut description = s(t, "description").to_owned();
    let title = s(t, "title").to_owned();
    let severity = match s(t, "severity").to_lowercase().as_str() {
        "low" => Severity::Low,
        "high" => Severity::High,
        "critical" => Severity::Critical,
        "medium" => Severity::Medium,
        other => {
            let note = format!(
                "Threat Dragon severity: {}",
                if other.is_empty() { "none" } else { other }
            );
            description = if description.is_empty() {
                note
            } else {
                format!("{description}\n\n{note}")
            };
            report.kept.push(format!("threat {title:?}: severity {other:?} has no equivalent → medium, noted in its description"));
            Severity::Medium
        }
    };
    if let Some(score) = t.get("score").and_then(|v| {
        v.as_str()
            .map(str::to_owned)
            .or_else(|| v.as_f64().map(|x| x.to_string()))
    }) {
        if !score.is_empty() {
            description = format!("{description}\n\nThreat Dragon score: {score}");
            report
                .kept
                .push(format!("threat {title:?}: score {score} → description"));
        }
    }
    let status = match s(t, "status").to_lowercase().replace(' ', "").as_str() {
        "mitigated" => Status::Mitigated,
        "notapplicable" | "n/a" => Status::NotApplicable,
        _ => Status::Open,
    };
    let id = s(t, "id");
    let id = if id.is_empty() {
        ManualThreatId::generate()
    } else {
        ManualThreatId::try_from(id).map_err(|e| invalid(path, format!("threat {id:?}: {e}")))?
    };
    // Threat Dragon's own texts are not the team's: a placeholder mitigation (or one that
    // only repeats the description) is no mitigation; an open threat with no mitigation of
    // the team's that carries one, or Threat Dragon's placeholder description, is its
    // suggestion nobody assessed. A decision or a mitigation text makes it the team's.
    let mut mitigation = s(t, "mitigation").to_owned();
    let placeholder = is_placeholder(&mitigation)
        || (!mitigation.trim().is_empty() && mitigation.trim() == s(t, "description").trim());
    if placeholder {
        report.kept.push(format!(
            "threat {title:?}: its mitigation is Threat Dragon's placeholder text (or its description again), not the team's → left out"
        ));
        mitigation.clear();
    }
    let unassessed = status == Status::Open
        && mitigation.trim().is_empty()
        && (placeholder || is_placeholder(s(t, "description")));
    let generated_by = if unassessed {
        report.kept.push(format!(
            "threat {title:?}: generated by Threat Dragon, not assessed → counted apart, not gated"
        ));
        "OWASP Threat Dragon".to_owned()
    } else {
        String::new()
    };
    Ok(ManualThreat {
        id,
        subject: SubjectId::try_from(subject)
            .map_err(|e| invalid(path, format!("cell {subject:?}: {e}")))?,
        category,
        title,
        description,
        severity,
        record: ThreatRecord {
            status,
            mitigation,
            ..ThreatRecord::default()
        },
        generated_by,
    })
}

/// Text Threat Dragon writes into a threat it creates or suggests, for the user to replace.
fn is_placeholder(text: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &[
        "mitigation or prevention for the threat",
        "provide remediation for this threat or a reason if status is n/a",
        "provide a description for this threat",
        "no context specific threat determined, add one manually if appropriate",
    ];
    let t = text.trim().trim_end_matches('.').to_lowercase();
    PLACEHOLDERS.contains(&t.as_str())
        || (t.starts_with("a generic ") && t.ends_with(" threat") && t.split(' ').count() <= 5)
}

fn export_threat(t: &ManualThreat, model_type: &str) -> Value {
    let status = match t.record.status {
        Status::Mitigated => "Mitigated",
        Status::NotApplicable => "NotApplicable",
        _ => "Open",
    };
    let severity = match t.severity {
        Severity::Low => "Low",
        Severity::Medium => "Medium",
        Severity::High => "High",
        Severity::Critical => "Critical",
    };
    json!({
        "id": t.id.as_str(),
        "title": t.title,
        "type": t.category.to_string(),
        "status": status,
        "severity": severity,
        "description": t.description,
        "mitigation": t.record.mitigation,
        "modelType": model_type,
    })
}

/// Writes the project as a Threat Dragon v2 model. Recorded decisions on generated threats
/// are not written (Threat Dragon has no generated threats); manual threats are.
pub fn export(project: &Project) -> Value {
    let mut threat_count = 0;
    let diagrams: Vec<Value> = project
        .diagrams
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let number = d.id.as_str().strip_prefix("dg_td").and_then(|n| n.parse::<u64>().ok()).unwrap_or(i as u64);
            let threats_of = |id: &str| -> Vec<Value> {
                project.manual_threats.iter().filter(|t| t.subject == id).map(|t| export_threat(t, "STRIDE")).collect()
            };
            let mut cells = Vec::new();
            for b in &d.boundaries {
                match project.layout.boundaries.get(&b.id) {
                    Some(BoundaryShape::Region(r)) => cells.push(json!({
                        "id": b.id.as_str(),
                        "shape": "trust-boundary-box",
                        "position": {"x": r.x, "y": r.y},
                        "size": {"width": r.w, "height": r.h},
                        "zIndex": -1,
                        "attrs": {"label": {"text": b.name}},
                        "data": {"type": "tm.BoundaryBox", "name": b.name, "description": b.description, "isTrustBoundary": true, "hasOpenThreats": false},
                    })),
                    Some(BoundaryShape::Line(pts)) if pts.len() >= 2 => cells.push(json!({
                        "id": b.id.as_str(),
                        "shape": "trust-boundary-curve",
                        "source": {"x": pts[0].x, "y": pts[0].y},
                        "target": {"x": pts[pts.len() - 1].x, "y": pts[pts.len() - 1].y},
                        "vertices": pts[1..pts.len() - 1].iter().map(|p| json!({"x": p.x, "y": p.y})).collect::<Vec<_>>(),
                        "zIndex": 10,
                        "connector": "smooth",
                        "data": {"type": "tm.Boundary", "name": b.name, "description": b.description, "isTrustBoundary": true, "hasOpenThreats": false},
                    })),
                    _ => {}
                }
            }
            for e in &d.elements {
                let Some(r) = project.layout.elements.get(&e.id) else { continue };
                let threats = threats_of(e.id.as_str());
                threat_count += threats.len();
                let open = project.manual_threats.iter().any(|t| t.subject == e.id.as_str() && t.record.status.is_open());
                let mut data = json!({
                    "name": e.name,
                    "description": e.description,
                    "outOfScope": e.out_of_scope,
                    "reasonOutOfScope": e.out_of_scope_reason,
                    "isTrustBoundary": false,
                    "hasOpenThreats": open,
                    "threats": threats,
                });
                let shape = match &e.props {
                    ElementProps::ExternalEntity(p) => {
                        data["type"] = json!("tm.Actor");
                        data["providesAuthentication"] = json!(p.authenticates_itself);
                        "actor"
                    }
                    ElementProps::Process(p) => {
                        data["type"] = json!("tm.Process");
                        data["handlesCardPayment"] = json!(p.handles_card_payment);
                        data["handlesGoodsOrServices"] = json!(p.handles_goods_or_services);
                        data["isWebApplication"] = json!(p.is_web_application);
                        data["privilegeLevel"] = json!(runs_as_to(&p.runs_as));
                        "process"
                    }
                    ElementProps::DataStore(p) => {
                        data["type"] = json!("tm.Store");
                        data["isALog"] = json!(p.stores_logs);
                        data["isEncrypted"] = json!(p.encrypted_at_rest);
                        data["isSigned"] = json!(p.signed);
                        data["storesCredentials"] = json!(p.stores_credentials);
                        data["storesInventory"] = json!(p.stores_inventory);
                        "store"
                    }
                };
                cells.push(json!({
                    "id": e.id.as_str(),
                    "shape": shape,
                    "position": {"x": r.x, "y": r.y},
                    "size": {"width": r.w, "height": r.h},
                    "zIndex": 1,
                    "attrs": {"text": {"text": e.name}},
                    "data": data,
                }));
            }
            for fl in &d.flows {
                let threats = threats_of(fl.id.as_str());
                threat_count += threats.len();
                let open = project.manual_threats.iter().any(|t| t.subject == fl.id.as_str() && t.record.status.is_open());
                cells.push(json!({
                    "id": fl.id.as_str(),
                    "shape": "flow",
                    "source": {"cell": fl.source.as_str()},
                    "target": {"cell": fl.target.as_str()},
                    "vertices": project.layout.waypoints.get(&fl.id).map(|w| w.iter().map(|p| json!({"x": p.x, "y": p.y})).collect::<Vec<_>>()).unwrap_or_default(),
                    "zIndex": 10,
                    "connector": "smooth",
                    "labels": [{"attrs": {"labelText": {"text": fl.name}}, "position": 0.5}],
                    "attrs": {"line": {"stroke": "#333333", "strokeWidth": 1, "targetMarker": {"name": "block"}, "sourceMarker": {"name": if fl.bidirectional { "block" } else { "" }}}},
                    "data": {
                        "type": "tm.Flow",
                        "name": fl.name,
                        "description": fl.description,
                        "outOfScope": fl.out_of_scope,
                        "reasonOutOfScope": fl.out_of_scope_reason,
                        "isBidirectional": fl.bidirectional,
                        "isEncrypted": fl.encrypted,
                        "isPublicNetwork": fl.public_network,
                        "protocol": fl.protocol,
                        "isTrustBoundary": false,
                        "hasOpenThreats": open,
                        "threats": threats,
                    },
                }));
            }
            for n in &d.notes {
                let Some(r) = project.layout.notes.get(&n.id) else { continue };
                cells.push(json!({
                    "id": n.id.as_str(),
                    "shape": "td-text-block",
                    "position": {"x": r.x, "y": r.y},
                    "size": {"width": r.w, "height": r.h},
                    "zIndex": 11,
                    "data": {"type": "tm.Text", "name": n.text, "hasOpenThreats": false},
                }));
            }
            json!({
                "id": number,
                "title": d.name,
                "description": "",
                "diagramType": "STRIDE",
                "thumbnail": "./public/content/images/thumbnail.stride.jpg",
                "version": "2.3.0",
                "cells": cells,
            })
        })
        .collect();
    json!({
        "version": "2.3.0",
        "summary": {
            "title": project.meta.title,
            "owner": project.meta.owner,
            "description": project.meta.description,
            "id": 0,
        },
        "detail": {
            "contributors": [],
            "diagrams": diagrams,
            "diagramTop": project.diagrams.len(),
            "reviewer": project.meta.reviewers.first().map_or(String::new(), |r| r.name.clone()),
            "threatTop": threat_count,
        },
    })
}
