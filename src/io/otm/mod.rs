//! Open Threat Model (OTM 0.1.0 and 0.2.0, JSON or YAML): import and export.
//!
//! OTM is what IriusRisk, Threat Dragon and startleft (CloudFormation and Terraform to OTM)
//! exchange. Trust zones become regions (nested zones stay nested), components become
//! elements (a component other components sit in becomes a region too: a VPC, a subnet),
//! dataflows become flows, and each threat instance on a component or dataflow becomes a
//! manual threat with its state and mitigations. Positions in `representations` are
//! relative to the parent; a model without positions is laid out zone by zone.
//!
//! One file, over 800 lines: the OTM reader, from zones and components to the layout of
//! files without positions; the writer is `export.rs`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use super::import::{invalid, json_str as s, stride_named};
use super::threat_dragon::ImportReport;
use super::{FileError, FileErrorKind};
use crate::model::*;

mod export;
pub use export::export;

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// An id or reference as text (OTM ids are strings; YAML may make them numbers).
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// IriusRisk's well-known trust zones (0.1.0 files use these as zone ids).
const WELL_KNOWN_ZONES: &[(&str, &str, BoundaryType)] = &[
    (
        "f0ba7722-39b6-4c81-8290-a30a248bb8d9",
        "Internet",
        BoundaryType::Internet,
    ),
    (
        "6376d53e-6461-412b-8e04-7b3fe2b397de",
        "Public",
        BoundaryType::Internet,
    ),
    (
        "b61d6911-338d-46a8-9f39-8dcd24abfe91",
        "Public Cloud",
        BoundaryType::Network,
    ),
    (
        "2ab4effa-40b7-4cd2-ba81-8247d29a6f2d",
        "Private Secured",
        BoundaryType::Network,
    ),
];

fn zone_type(id: &str, kind: &str, name: &str) -> BoundaryType {
    if let Some((_, _, t)) = WELL_KNOWN_ZONES.iter().find(|(g, _, _)| *g == id) {
        return *t;
    }
    let words = format!("{kind} {name}").to_ascii_lowercase();
    if words.contains("internet") || (words.contains("public") && !words.contains("cloud")) {
        BoundaryType::Internet
    } else if words.contains("sandbox") {
        BoundaryType::Sandbox
    } else if words.contains("partner") || words.contains("third") || words.contains("vendor") {
        BoundaryType::Organization
    } else {
        BoundaryType::Network
    }
}

/// What a component is, from its type, name and tags (OTM types are free text:
/// IriusRisk ids such as `CD-MSG-BROKER`, `mongodb`, `web-client`, or CloudFormation types
/// in tags).
fn component_kind(c: &Value) -> ElementKind {
    let tags: Vec<String> = list(c, "tags")
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    let words =
        format!("{} {} {}", s(c, "type"), s(c, "name"), tags.join(" ")).to_ascii_lowercase();
    let has = |w: &[&str]| w.iter().any(|x| words.contains(x));
    if has(&[
        "database",
        "datastore",
        "data-store",
        "data store",
        "storage",
        "bucket",
        "::s3",
        "dynamodb",
        "rds",
        "sql",
        "mongo",
        "redis",
        "cache",
        "queue",
        "sqs",
        "kinesis",
        "table",
        "filesystem",
        "file-system",
        "efs",
        "log-group",
        "logs::",
        "secretsmanager",
        "-db",
        " db",
        "msg-broker",
        "kafka",
        "topic",
        "sns",
    ]) {
        ElementKind::DataStore
    } else if has(&[
        "user",
        "actor",
        "person",
        "customer",
        "browser",
        "client",
        "external",
        "mobile",
        "partner",
        "third-party",
        "internet",
    ]) {
        ElementKind::ExternalEntity
    } else {
        ElementKind::Process
    }
}

/// Network containers that CloudFormation/Terraform converters emit as components: VPCs
/// and subnets (by type, or by their CloudFormation / Terraform resource type in the tags;
/// a `AWS::EC2::VPCEndpoint` is not one).
fn is_container_type(c: &Value) -> bool {
    let kind = s(c, "type").to_ascii_lowercase();
    matches!(kind.as_str(), "vpc" | "subnet" | "virtual-network" | "vnet")
        || list(c, "tags").iter().filter_map(Value::as_str).any(|t| {
            let t = t.to_ascii_lowercase();
            t.ends_with("::vpc") || t.ends_with("::subnet") || t == "aws_vpc" || t == "aws_subnet"
        })
}

/// A Threatboard id for an OTM id: the same when it is one, otherwise a digest of it
/// (startleft writes dotted paths longer than ids may be).
fn our_id(raw: &str) -> String {
    if ElementId::try_from(raw).is_ok() {
        return raw.to_owned();
    }
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(raw.as_bytes());
    let hex: String = digest.iter().take(10).map(|b| format!("{b:02x}")).collect();
    format!("otm-{hex}")
}

struct Node {
    id: String,
    name: String,
    parent: Option<String>,
    /// A zone or a component that holds others: drawn as a region.
    container: bool,
    /// The position relative to the parent and the size, when the file has them.
    at: Option<(Pos, Option<(f32, f32)>)>,
}

/// Reads an OTM model (JSON or YAML).
pub fn import(text: &str, path: &Path) -> Result<(Project, ImportReport), FileError> {
    let doc = parse(text, path)?;
    let version = s(&doc, "otmVersion");
    if version.is_empty() {
        return Err(invalid(
            path,
            "not an Open Threat Model: it has no otmVersion".into(),
        ));
    }
    if !version.starts_with("0.") {
        return Err(invalid(
            path,
            format!(
                "Open Threat Model version {version:?} is not one Threatboard reads (0.1 and 0.2 are)"
            ),
        ));
    }
    let mut report = ImportReport::default();
    let project_v = &doc["project"];
    let mut project = Project::new(s(project_v, "name"));
    project.meta.description = s(project_v, "description").to_owned();
    project.meta.owner = s(project_v, "owner").to_owned();
    let contact = s(project_v, "ownerContact");
    if !contact.is_empty() {
        project.meta.owner = if project.meta.owner.is_empty() {
            contact.to_owned()
        } else {
            format!("{} <{contact}>", project.meta.owner)
        };
    }
    // The diagram: the first diagram representation (OTM positions are per representation).
    let representation = list(&doc, "representations")
        .iter()
        .find(|r| s(r, "type") == "diagram")
        .map(|r| (s(r, "id").to_owned(), s(r, "name").to_owned()));
    let rep_id = representation
        .as_ref()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let diagram = &mut project.diagrams[0];
    if let Some((_, name)) = &representation {
        if !name.is_empty() {
            diagram.name = name.clone();
        }
    }
    let position = |v: &Value| -> Option<(Pos, Option<(f32, f32)>)> {
        let r = list(v, "representations")
            .iter()
            .find(|r| s(r, "representation") == rep_id)?;
        let p = r.get("position")?;
        let at = Pos::new(p["x"].as_f64()? as f32, p["y"].as_f64()? as f32);
        let size = r
            .get("size")
            .and_then(|z| Some((z["width"].as_f64()? as f32, z["height"].as_f64()? as f32)));
        Some((at, size))
    };
    let parent_of = |v: &Value| -> Option<String> {
        let p = v.get("parent")?;
        p.get("trustZone")
            .or_else(|| p.get("component"))
            .and_then(id_text)
    };

    // Zones and components as one tree.
    let zones = list(&doc, "trustZones");
    let components = list(&doc, "components");
    let mut nodes: Vec<Node> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for z in zones {
        let Some(id) = z.get("id").and_then(id_text) else {
            return Err(invalid(
                path,
                format!("a trust zone has no id: {}", short(z)),
            ));
        };
        if !seen.insert(id.clone()) {
            return Err(invalid(path, format!("trust zone id {id:?} is used twice")));
        }
        nodes.push(Node {
            id,
            name: s(z, "name").to_owned(),
            parent: parent_of(z),
            container: true,
            at: position(z),
        });
    }
    let parents: HashSet<String> = components.iter().filter_map(parent_of).collect();
    for c in components {
        let Some(id) = c.get("id").and_then(id_text) else {
            return Err(invalid(
                path,
                format!("a component has no id: {}", short(c)),
            ));
        };
        if !seen.insert(id.clone()) {
            return Err(invalid(
                path,
                format!(
                    "component id {id:?} is used twice (ids are shared by zones, components and dataflows)"
                ),
            ));
        }
        nodes.push(Node {
            container: parents.contains(&id) || is_container_type(c),
            id,
            name: s(c, "name").to_owned(),
            parent: parent_of(c),
            at: position(c),
        });
    }
    // 0.1.0 files name IriusRisk's well-known zones without declaring them.
    let declared: HashSet<String> = nodes.iter().map(|n| n.id.clone()).collect();
    let mut missing: Vec<String> = Vec::new();
    for n in &nodes {
        if let Some(p) = &n.parent {
            if !declared.contains(p) && !missing.contains(p) {
                missing.push(p.clone());
            }
        }
    }
    for p in missing {
        match WELL_KNOWN_ZONES.iter().find(|(g, _, _)| *g == p) {
            Some((_, name, _)) => {
                report.kept.push(format!(
                    "trust zone {name:?} is IriusRisk's well-known zone {p}; added"
                ));
                nodes.push(Node {
                    id: p.clone(),
                    name: (*name).to_owned(),
                    parent: None,
                    container: true,
                    at: None,
                });
            }
            None => {
                return Err(invalid(
                    path,
                    format!(
                        "{p:?} is named as a parent but is neither a trust zone nor a component"
                    ),
                ));
            }
        }
    }
    // A container component a dataflow starts or ends at gets an element of its own inside
    // its region (a VPC "sending" to its endpoints).
    let flow_ends: HashSet<String> = list(&doc, "dataflows")
        .iter()
        .flat_map(|f| [f.get("source"), f.get("destination")])
        .flatten()
        .filter_map(id_text)
        .collect();
    let mut stand_ins: HashMap<String, String> = HashMap::new();
    let containers_with_flows: Vec<(String, String)> = nodes
        .iter()
        .filter(|n| n.container && flow_ends.contains(&n.id))
        .map(|n| (n.id.clone(), n.name.clone()))
        .collect();
    for (id, name) in containers_with_flows {
        let own = format!("{}-node", our_id(&id));
        report.kept.push(format!(
            "{name:?} holds other components and is a dataflow end: an element {name:?} inside its region stands for it"
        ));
        stand_ins.insert(id.clone(), own.clone());
        nodes.push(Node {
            id: own,
            name,
            parent: Some(id),
            container: false,
            at: None,
        });
    }
    let index: HashMap<String, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    // A parent chain that loops is refused (a crafted file could otherwise recurse forever).
    for (i, n) in nodes.iter().enumerate() {
        let mut at = n.parent.as_ref().and_then(|p| index.get(p)).copied();
        let mut steps = 0;
        while let Some(j) = at {
            steps += 1;
            if j == i || steps > nodes.len() {
                return Err(invalid(
                    path,
                    format!("{:?} is its own ancestor (its parents form a loop)", n.id),
                ));
            }
            at = nodes[j].parent.as_ref().and_then(|p| index.get(p)).copied();
        }
    }
    let rects = place(&nodes, &index);

    let id_err = |what: &str, id: &str, e: IdError| invalid(path, format!("{what} {id:?}: {e}"));
    let mut zone_types: HashMap<&str, BoundaryType> = HashMap::new();
    for z in zones {
        let id = z.get("id").and_then(id_text).unwrap_or_default();
        let t = zone_type(&id, s(z, "type"), s(z, "name"));
        zone_types.insert(s(z, "id"), t);
    }
    let mut element_ids: HashMap<String, SubjectId> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        let source = zones
            .iter()
            .chain(components)
            .find(|v| v.get("id").and_then(id_text).as_deref() == Some(n.id.as_str()));
        let v = source.cloned().unwrap_or(Value::Null);
        if n.container {
            let is_zone = zones
                .iter()
                .any(|z| z.get("id").and_then(id_text).as_deref() == Some(n.id.as_str()))
                || source.is_none();
            let kind = if is_zone {
                zone_type(&n.id, s(&v, "type"), &n.name)
            } else {
                BoundaryType::Network
            };
            let mut b = Boundary::new(n.name.clone(), kind);
            b.id =
                BoundaryId::try_from(our_id(&n.id)).map_err(|e| id_err("trust zone", &n.id, e))?;
            let mut lines = vec![s(&v, "description").to_owned()];
            if let Some(r) = v.pointer("/risk/trustRating").and_then(Value::as_f64) {
                lines.push(format!("OTM trust rating: {r}"));
            }
            if !is_zone {
                lines.push(format!(
                    "OTM component of type {:?} holding other components",
                    s(&v, "type")
                ));
                report.kept.push(format!(
                    "component {:?} holds other components → trust boundary region",
                    n.name
                ));
            }
            b.description = join(lines);
            project
                .layout
                .boundaries
                .insert(b.id.clone(), BoundaryShape::Region(rects[i]));
            diagram_mut(&mut project).boundaries.push(b);
            report.boundaries += 1;
        } else {
            let kind = if source.is_some() {
                component_kind(&v)
            } else {
                ElementKind::Process
            };
            let mut e = Element::new(kind, n.name.clone());
            e.id = ElementId::try_from(our_id(&n.id))
                .map_err(|err| id_err("component", &n.id, err))?;
            let kind_text = s(&v, "type");
            if !kind_text.is_empty() && kind_text != "empty-component" {
                e.technology = kind_text.to_owned();
            }
            let tags: Vec<&str> = list(&v, "tags").iter().filter_map(Value::as_str).collect();
            let mut lines = vec![s(&v, "description").to_owned()];
            if !tags.is_empty() {
                lines.push(format!("Tags: {}", tags.join(", ")));
            }
            lines.push(asset_lines(&doc, &v));
            e.description = join(lines);
            if let ElementProps::DataStore(p) = &mut e.props {
                p.store_type = store_type(&format!("{kind_text} {}", tags.join(" ")));
                p.classification = asset_class(&doc, &v);
            }
            element_ids.insert(n.id.clone(), SubjectId::from(&e.id));
            project.layout.elements.insert(e.id.clone(), rects[i]);
            diagram_mut(&mut project).elements.push(e);
            report.elements += 1;
        }
    }

    let mut flow_ids: HashMap<String, SubjectId> = HashMap::new();
    for f in list(&doc, "dataflows") {
        let id = f.get("id").and_then(id_text).unwrap_or_default();
        let name = s(f, "name").to_owned();
        let end = |key: &str| -> Result<ElementId, FileError> {
            let r = f.get(key).and_then(id_text).unwrap_or_default();
            match element_ids
                .get(&r)
                .or_else(|| stand_ins.get(&r).and_then(|own| element_ids.get(own)))
            {
                Some(e) => {
                    ElementId::try_from(e.as_str()).map_err(|err| id_err("component", e, err))
                }
                None if index.contains_key(&r) => Err(invalid(
                    path,
                    format!(
                        "dataflow {id:?} has its {key} on {r:?}, a trust zone or a component holding others, not on an element"
                    ),
                )),
                None => Err(invalid(
                    path,
                    format!("dataflow {id:?} has a {key} {r:?} that is not a component"),
                )),
            }
        };
        let (from, to) = (end("source")?, end("destination")?);
        let mut flow = Flow::new(name, from, to);
        flow.id = FlowId::try_from(our_id(&id)).map_err(|e| id_err("dataflow", &id, e))?;
        flow_ids.insert(id.clone(), SubjectId::from(&flow.id));
        flow.bidirectional = f
            .get("bidirectional")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        flow.description = join(vec![s(f, "description").to_owned(), asset_lines(&doc, f)]);
        flow.classification = asset_class(&doc, f);
        let tags: Vec<&str> = list(f, "tags").iter().filter_map(Value::as_str).collect();
        // A protocol named in the tags ("HTTPS", "grpc") is the flow's protocol.
        if let Some(p) = tags
            .iter()
            .find_map(|t| crate::analysis::vocab::protocol(t))
        {
            flow.protocol = p.name.to_owned();
            flow.encrypted = p.encrypted;
            flow.integrity_protected = p.integrity;
            flow.authenticates_destination = p.authenticates_destination;
            flow.authenticates_source = p.authenticates_source;
        }
        diagram_mut(&mut project).flows.push(flow);
        report.flows += 1;
    }

    // Threats: defined once, instantiated on components and dataflows.
    let threats: HashMap<String, &Value> = list(&doc, "threats")
        .iter()
        .filter_map(|t| Some((t.get("id").and_then(id_text)?, t)))
        .collect();
    let mitigations: HashMap<String, &Value> = list(&doc, "mitigations")
        .iter()
        .filter_map(|m| Some((m.get("id").and_then(id_text)?, m)))
        .collect();
    let subjects = components
        .iter()
        .chain(list(&doc, "dataflows"))
        .filter_map(|v| Some((v.get("id").and_then(id_text)?, v)));
    let mut taken: HashSet<String> = HashSet::new();
    let mut manual: Vec<ManualThreat> = Vec::new();
    for (raw, v) in subjects {
        let Some(subject) = element_ids
            .get(&raw)
            .or_else(|| flow_ids.get(&raw))
            .or_else(|| stand_ins.get(&raw).and_then(|own| element_ids.get(own)))
            .cloned()
        else {
            if !list(v, "threats").is_empty() {
                report.kept.push(format!(
                    "threats of {raw:?} (drawn as a region) are not carried: a region has no threats"
                ));
            }
            continue;
        };
        for inst in list(v, "threats") {
            let tid = inst.get("threat").and_then(id_text).unwrap_or_default();
            let Some(t) = threats.get(&tid) else {
                return Err(invalid(
                    path,
                    format!("{subject:?} refers to threat {tid:?}, which is not in threats"),
                ));
            };
            manual.push(import_threat(t, inst, &subject, &mitigations, &mut taken));
            report.threats += 1;
        }
    }
    project.manual_threats = manual;
    report.diagrams = 1;
    crate::io::check_made(&project, path)?;
    Ok((project, report))
}

fn diagram_mut(p: &mut Project) -> &mut Diagram {
    &mut p.diagrams[0]
}

fn short(v: &Value) -> String {
    let t = v.to_string();
    t.chars().take(80).collect()
}

fn join(lines: Vec<String>) -> String {
    lines
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn parse(text: &str, path: &Path) -> Result<Value, FileError> {
    let t = text.trim_start_matches('\u{feff}');
    if t.trim_start().starts_with('{') {
        serde_json::from_str(t).map_err(|e| FileError {
            path: path.to_owned(),
            position: (e.line() > 0).then(|| (e.line(), e.column())),
            kind: FileErrorKind::Syntax(e.to_string()),
        })
    } else {
        // Nesting is checked first by a streaming pass (serde_yaml rescans deep nesting:
        // 600 KB of `[` took it 160 s); YAML aliases are expanded with a limit, so an alias
        // bomb is an error, not a hang.
        let max = crate::foundation::nesting::MAX_NESTING;
        crate::foundation::nesting::check_yaml(t, max).map_err(|(line, col, why)| FileError {
            path: path.to_owned(),
            position: Some((line, col)),
            kind: FileErrorKind::Syntax(why),
        })?;
        serde_yaml_ng::from_str::<Value>(t).map_err(|e| FileError {
            path: path.to_owned(),
            position: e.location().map(|l| (l.line(), l.column())),
            kind: FileErrorKind::Syntax(format!("not valid YAML: {e}")),
        })
    }
}

/// The assets a component or dataflow names, as description lines.
fn asset_lines(doc: &Value, v: &Value) -> String {
    let ids = asset_ids(v);
    let names: Vec<String> = ids
        .iter()
        .filter_map(|id| {
            list(doc, "assets")
                .iter()
                .find(|a| a.get("id").and_then(id_text).as_deref() == Some(id.as_str()))
        })
        .map(|a| {
            let c = a.pointer("/risk/confidentiality").and_then(Value::as_f64);
            match c {
                Some(c) => format!("{} (confidentiality {c})", s(a, "name")),
                None => s(a, "name").to_owned(),
            }
        })
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("Assets: {}", names.join(", "))
    }
}

/// Asset ids of a dataflow (a list) or a component (`processed` / `stored`).
fn asset_ids(v: &Value) -> Vec<String> {
    match v.get("assets") {
        Some(Value::Array(a)) => a.iter().filter_map(id_text).collect(),
        Some(Value::Object(o)) => o
            .values()
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(id_text)
            .collect(),
        _ => Vec::new(),
    }
}

/// The highest confidentiality of the assets, as a classification.
fn asset_class(doc: &Value, v: &Value) -> DataClass {
    let ids = asset_ids(v);
    let top = list(doc, "assets")
        .iter()
        .filter(|a| {
            a.get("id")
                .and_then(id_text)
                .is_some_and(|i| ids.contains(&i))
        })
        .filter_map(|a| a.pointer("/risk/confidentiality").and_then(Value::as_f64))
        .fold(None, |m: Option<f64>, c| Some(m.map_or(c, |m| m.max(c))));
    match top {
        None => DataClass::Unspecified,
        Some(c) if c >= 75.0 => DataClass::Confidential,
        Some(c) if c >= 25.0 => DataClass::Internal,
        Some(_) => DataClass::Public,
    }
}

fn store_type(words: &str) -> StoreType {
    let w = words.to_ascii_lowercase();
    let has = |x: &[&str]| x.iter().any(|y| w.contains(y));
    if has(&["dynamodb", "mongo", "nosql", "documentdb", "cosmos"]) {
        StoreType::NoSql
    } else if has(&["sql", "rds", "aurora", "postgres", "mysql", "database"]) {
        StoreType::Sql
    } else if has(&["redis", "cache", "memcache"]) {
        StoreType::Cache
    } else if has(&["queue", "sqs", "kinesis", "kafka", "broker", "sns", "topic"]) {
        StoreType::Queue
    } else if has(&["s3", "bucket", "blob", "storage"]) {
        StoreType::ObjectStorage
    } else if has(&["efs", "filesystem", "file-system"]) {
        StoreType::FileSystem
    } else {
        StoreType::Unspecified
    }
}

fn import_threat(
    t: &Value,
    inst: &Value,
    subject: &SubjectId,
    mitigations: &HashMap<String, &Value>,
    taken: &mut HashSet<String>,
) -> ManualThreat {
    let categories: Vec<&str> = list(t, "categories")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let stride: Vec<Stride> = categories.iter().filter_map(|c| stride_named(c)).collect();
    let category = match (stride.first(), categories.first()) {
        (Some(s), _) => Category::Stride(*s),
        (None, Some(c)) => Category::Other((*c).to_owned()),
        (None, None) => Category::Other("Unclassified".into()),
    };
    let mut lines = vec![s(t, "description").to_owned()];
    if categories.len() > 1 {
        lines.push(format!("OTM categories: {}", categories.join(", ")));
    }
    let cwes: Vec<&str> = list(t, "cwes").iter().filter_map(Value::as_str).collect();
    if !cwes.is_empty() {
        lines.push(format!("CWE: {}", cwes.join(", ")));
    }
    let risk = &t["risk"];
    let likelihood = risk["likelihood"].as_f64();
    let impact = risk["impact"].as_f64();
    for key in ["likelihoodComment", "impactComment"] {
        let c = s(risk, key);
        if !c.is_empty() {
            lines.push(c.to_owned());
        }
    }
    let severity = match (likelihood, impact) {
        (Some(l), Some(i)) => {
            let score = l * i / 100.0;
            if score >= 75.0 {
                Severity::Critical
            } else if score >= 40.0 {
                Severity::High
            } else if score >= 15.0 {
                Severity::Medium
            } else {
                Severity::Low
            }
        }
        (None, Some(i)) if i >= 75.0 => Severity::High,
        _ => Severity::Medium,
    };
    if let (Some(l), Some(i)) = (likelihood, impact) {
        lines.push(format!("OTM risk: likelihood {l}, impact {i}"));
    }
    let state = s(inst, "state")
        .to_ascii_lowercase()
        .replace(['_', ' '], "-");
    let status = match state.as_str() {
        "mitigated" => Status::Mitigated,
        "not-applicable" | "notapplicable" | "na" => Status::NotApplicable,
        "accepted" => Status::Accepted,
        "transferred" => Status::Transferred,
        "partly-mitigated" | "needs-investigation" => Status::NeedsInvestigation,
        _ => Status::Open,
    };
    let mitigation: Vec<String> = list(inst, "mitigations")
        .iter()
        .filter_map(|m| {
            let id = m.get("mitigation").and_then(id_text)?;
            let def = mitigations.get(&id)?;
            let mstate = s(m, "state");
            let text = [s(def, "name"), s(def, "description")]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(": ");
            Some(if mstate.is_empty() {
                text
            } else {
                format!("[{mstate}] {text}")
            })
        })
        .collect();
    let tid = s(t, "id");
    let base = format!(
        "mt_otm_{}",
        tid.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(40)
            .collect::<String>()
    );
    let mut id = base.clone();
    let mut n = 1;
    while !taken.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    ManualThreat {
        id: ManualThreatId::try_from(id).unwrap_or_else(|_| ManualThreatId::generate()),
        subject: subject.clone(),
        category,
        title: s(t, "name").to_owned(),
        description: join(lines),
        severity,
        record: ThreatRecord {
            status,
            mitigation: mitigation.join("\n"),
            ..ThreatRecord::default()
        },
        generated_by: String::new(),
    }
}

const ELEMENT_W: f32 = 140.0;
const ELEMENT_H: f32 = 70.0;
const GAP: f32 = 40.0;
const PAD: f32 = 30.0;
const COLUMNS: usize = 3;

/// Where each node goes: the file's positions (relative to the parent) when every node
/// has one, otherwise a layout of nested containers: child containers side by side, the
/// container's own elements in a grid beneath them.
fn place(nodes: &[Node], index: &HashMap<String, usize>) -> Vec<Rect> {
    let parent = |n: &Node| n.parent.as_ref().and_then(|p| index.get(p)).copied();
    if nodes.iter().all(|n| n.at.is_some()) {
        return nodes
            .iter()
            .map(|n| {
                let (mut at, size) = n.at.unwrap_or((Pos::new(0.0, 0.0), None));
                let mut up = parent(n);
                let mut steps = 0;
                while let (Some(j), true) = (up, steps < nodes.len()) {
                    if let Some((p, _)) = nodes[j].at {
                        at = Pos::new(at.x + p.x, at.y + p.y);
                    }
                    up = parent(&nodes[j]);
                    steps += 1;
                }
                let (w, h) = size.unwrap_or(if n.container {
                    (300.0, 200.0)
                } else {
                    (ELEMENT_W, ELEMENT_H)
                });
                Rect::new(at.x, at.y, w.max(20.0), h.max(20.0))
            })
            .collect();
    }
    let mut kids: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        kids.entry(parent(n)).or_default().push(i);
    }
    let mut sizes = vec![(0.0f32, 0.0f32); nodes.len()];
    // Sizes bottom-up: deepest first.
    let depth = |mut i: usize| {
        let mut d = 0;
        while let Some(j) = parent(&nodes[i]) {
            d += 1;
            i = j;
            if d > nodes.len() {
                break;
            }
        }
        d
    };
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth(i)));
    let content = |i: Option<usize>, sizes: &[(f32, f32)]| -> (f32, f32) {
        let children = kids.get(&i).map_or(&[][..], Vec::as_slice);
        let (boxes, leaves): (Vec<usize>, Vec<usize>) =
            children.iter().partition(|&&c| nodes[c].container);
        let row_w: f32 = boxes.iter().map(|&c| sizes[c].0 + GAP).sum::<f32>();
        let row_h = boxes.iter().map(|&c| sizes[c].1).fold(0.0, f32::max);
        let cols = leaves.len().min(COLUMNS);
        let rows = leaves.len().div_ceil(COLUMNS);
        let grid_w = cols as f32 * (ELEMENT_W + GAP);
        let grid_h = rows as f32 * (ELEMENT_H + GAP);
        (
            row_w.max(grid_w),
            row_h + if row_h > 0.0 { GAP } else { 0.0 } + grid_h,
        )
    };
    for &i in &order {
        sizes[i] = if nodes[i].container {
            let (w, h) = content(Some(i), &sizes);
            (
                w.max(ELEMENT_W + GAP) + 2.0 * PAD,
                h.max(ELEMENT_H) + 2.0 * PAD + 10.0,
            )
        } else {
            (ELEMENT_W, ELEMENT_H)
        };
    }
    let mut rects = vec![Rect::new(0.0, 0.0, 0.0, 0.0); nodes.len()];
    let mut stack: Vec<(Option<usize>, Pos)> = vec![(None, Pos::new(40.0, 40.0))];
    while let Some((container, origin)) = stack.pop() {
        let children = kids.get(&container).map_or(&[][..], Vec::as_slice);
        let (boxes, leaves): (Vec<usize>, Vec<usize>) =
            children.iter().partition(|&&c| nodes[c].container);
        let mut x = origin.x;
        let mut row_h: f32 = 0.0;
        for &c in &boxes {
            rects[c] = Rect::new(x, origin.y, sizes[c].0, sizes[c].1);
            stack.push((Some(c), Pos::new(x + PAD, origin.y + PAD + 10.0)));
            x += sizes[c].0 + GAP;
            row_h = row_h.max(sizes[c].1);
        }
        let top = origin.y + if row_h > 0.0 { row_h + GAP } else { 0.0 };
        for (k, &c) in leaves.iter().enumerate() {
            let (col, row) = (k % COLUMNS, k / COLUMNS);
            rects[c] = Rect::new(
                origin.x + col as f32 * (ELEMENT_W + GAP),
                top + row as f32 * (ELEMENT_H + GAP),
                ELEMENT_W,
                ELEMENT_H,
            );
        }
    }
    rects
}
