//! Open Threat Model export: the project as OTM 0.2.0 JSON.

use serde_json::{Value, json};

use crate::model::*;

/// The project as OTM 0.2.0 JSON: regions as trust zones (nested where one region lies
/// inside another), elements as components in the innermost region around them, flows as
/// dataflows, manual threats (and decided generated ones are left to Threatboard) as
/// threats with their mitigations. Positions are relative to the parent, as OTM says.
pub fn export(project: &Project) -> Value {
    let rep = "diagram";
    let mut zones = Vec::new();
    let mut components = Vec::new();
    let mut dataflows = Vec::new();
    let mut threats = Vec::new();
    let mut mitigations = Vec::new();
    let mut representations = Vec::new();
    let region = |id: &BoundaryId| match project.layout.boundaries.get(id) {
        Some(BoundaryShape::Region(r)) => Some(*r),
        _ => None,
    };
    let inside = |outer: &Rect, inner: &Rect| {
        outer.contains(Pos::new(inner.x, inner.y))
            && outer.contains(Pos::new(inner.x + inner.w, inner.y + inner.h))
    };
    let representation = |id: String, at: Pos, size: Option<(f32, f32)>| {
        let mut r = json!({ "representation": rep, "id": id, "position": { "x": at.x.round(), "y": at.y.round() } });
        if let Some((w, h)) = size {
            r["size"] = json!({ "width": w.round(), "height": h.round() });
        }
        r
    };
    for (di, d) in project.diagrams.iter().enumerate() {
        if di == 0 {
            representations.push(json!({ "name": d.name, "id": rep, "type": "diagram", "size": { "width": 2000, "height": 2000 } }));
        }
        // Regions, smallest last, so each finds the smallest region around it.
        let regions: Vec<(&Boundary, Rect)> = d
            .boundaries
            .iter()
            .filter_map(|b| Some((b, region(&b.id)?)))
            .collect();
        let smallest_around = |r: &Rect, not: Option<&BoundaryId>| {
            regions
                .iter()
                .filter(|(b, o)| Some(&b.id) != not && inside(o, r) && !(o == r))
                .min_by(|a, b| (a.1.w * a.1.h).total_cmp(&(b.1.w * b.1.h)))
                .map(|(b, o)| (b.id.to_string(), *o))
        };
        // A diagram without a region still needs a zone: OTM components must have a parent.
        let default_zone = format!("{}-zone", d.id);
        let mut default_used = false;
        for (b, r) in &regions {
            let parent = smallest_around(r, Some(&b.id));
            let at = parent
                .as_ref()
                .map_or(Pos::new(r.x, r.y), |(_, o)| Pos::new(r.x - o.x, r.y - o.y));
            let mut z = json!({
                "id": b.id.to_string(),
                "name": b.name,
                "type": zone_type_name(b.boundary_type),
                "description": b.description,
                "risk": { "trustRating": trust_rating(b.boundary_type) },
                "representations": [representation(format!("{}-shape", b.id), at, Some((r.w, r.h)))],
            });
            if let Some((p, _)) = parent {
                z["parent"] = json!({ "trustZone": p });
            }
            zones.push(z);
        }
        for e in &d.elements {
            let r = project
                .layout
                .elements
                .get(&e.id)
                .copied()
                .unwrap_or(Rect::new(0.0, 0.0, 120.0, 60.0));
            let parent = smallest_around(&r, None);
            let (parent_id, at) = match &parent {
                Some((p, o)) => (p.clone(), Pos::new(r.x - o.x, r.y - o.y)),
                None => {
                    default_used = true;
                    (default_zone.clone(), Pos::new(r.x, r.y))
                }
            };
            let kind = match e.kind() {
                ElementKind::Process => "process",
                ElementKind::DataStore => "datastore",
                ElementKind::ExternalEntity => "external-entity",
            };
            let mut c = json!({
                "id": e.id.to_string(),
                "name": e.name,
                "type": if e.technology.is_empty() { kind.to_owned() } else { e.technology.clone() },
                "description": e.description,
                "parent": { "trustZone": parent_id },
                "tags": [kind],
                "representations": [representation(format!("{}-shape", e.id), at, Some((r.w, r.h)))],
            });
            let instances =
                threat_instances(project, e.id.as_str(), &mut threats, &mut mitigations);
            if !instances.is_empty() {
                c["threats"] = Value::Array(instances);
            }
            components.push(c);
        }
        if default_used {
            // At the origin, so its members' positions are the diagram's own, and as large
            // as the drawing.
            let (w, h) = project
                .layout
                .elements
                .values()
                .fold((0.0f32, 0.0f32), |(w, h), r| {
                    (w.max(r.x + r.w), h.max(r.y + r.h))
                });
            zones.push(json!({
                "id": default_zone,
                "name": format!("{} (outside any trust boundary)", d.name),
                "type": "default",
                "risk": { "trustRating": 50 },
                "representations": [representation(format!("{default_zone}-shape"), Pos::new(0.0, 0.0), Some((w + 40.0, h + 40.0)))],
            }));
        }
        for f in &d.flows {
            let mut tags: Vec<String> = Vec::new();
            if !f.protocol.is_empty() {
                tags.push(f.protocol.clone());
            }
            let mut v = json!({
                "id": f.id.to_string(),
                "name": f.name,
                "description": f.description,
                "bidirectional": f.bidirectional,
                "source": f.source.to_string(),
                "destination": f.target.to_string(),
                "tags": tags,
            });
            let instances =
                threat_instances(project, f.id.as_str(), &mut threats, &mut mitigations);
            if !instances.is_empty() {
                v["threats"] = Value::Array(instances);
            }
            dataflows.push(v);
        }
    }
    json!({
        "otmVersion": "0.2.0",
        "project": {
            "name": project.meta.title,
            "id": slug(&project.meta.title),
            "description": project.meta.description,
            "owner": project.meta.owner,
        },
        "representations": representations,
        "trustZones": zones,
        "components": components,
        "dataflows": dataflows,
        "threats": threats,
        "mitigations": mitigations,
    })
}

fn slug(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "threat-model".into()
    } else {
        out
    }
}

fn zone_type_name(t: BoundaryType) -> &'static str {
    match t {
        BoundaryType::Internet => "internet",
        BoundaryType::Network => "network",
        BoundaryType::Machine => "machine",
        BoundaryType::Sandbox => "sandbox",
        BoundaryType::Kernel => "kernel",
        BoundaryType::Organization => "organization",
        BoundaryType::Generic => "generic",
    }
}

fn trust_rating(t: BoundaryType) -> u32 {
    match t {
        BoundaryType::Internet => 10,
        BoundaryType::Organization => 40,
        BoundaryType::Generic | BoundaryType::Network => 60,
        BoundaryType::Machine | BoundaryType::Sandbox => 80,
        BoundaryType::Kernel => 100,
    }
}

/// The subject's manual threats as OTM threat instances, adding their definitions.
fn threat_instances(
    project: &Project,
    subject: &str,
    threats: &mut Vec<Value>,
    mitigations: &mut Vec<Value>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for t in project
        .manual_threats
        .iter()
        .filter(|t| t.subject == subject)
    {
        let (likelihood, impact) = match t.severity {
            Severity::Critical => (100, 100),
            Severity::High => (75, 75),
            Severity::Medium => (50, 50),
            Severity::Low => (25, 25),
        };
        threats.push(json!({
            "id": t.id.to_string(),
            "name": t.title,
            "description": t.description,
            "categories": [t.category.to_string()],
            "risk": { "likelihood": likelihood, "impact": impact },
        }));
        let state = match t.record.status {
            Status::Mitigated => "mitigated",
            Status::NotApplicable => "not-applicable",
            Status::Accepted => "accepted",
            Status::Transferred => "transferred",
            Status::NeedsInvestigation => "partly-mitigated",
            Status::Open => "exposed",
        };
        let mut inst = json!({ "threat": t.id.to_string(), "state": state });
        if !t.record.mitigation.is_empty() {
            let mid = format!("{}-mitigation", t.id);
            mitigations.push(json!({
                "id": mid,
                "name": t.record.mitigation.lines().next().unwrap_or(""),
                "description": t.record.mitigation,
                "riskReduction": if t.record.status == Status::Mitigated { 100 } else { 50 },
            }));
            inst["mitigations"] = json!([{ "mitigation": mid, "state": if t.record.status == Status::Mitigated { "implemented" } else { "required" } }]);
        }
        out.push(inst);
    }
    out
}
