//! Microsoft Threat Modeling Tool models (`.tm7`, tool version 4.x, any template).
//!
//! A `.tm7` file is DataContract XML on one line. Elements are matched by namespace URI and
//! local name, never by prefix (prefixes differ between files). Each drawing surface
//! becomes a diagram; `Borders` hold the stencils (processes, stores, external entities,
//! annotations, box boundaries), `Lines` the flows and line boundaries. An element's name,
//! stencil type and template properties are `Properties` entries of DisplayName / Value.
//! Threats live in `ThreatInstances`; the justification a user typed is kept in the
//! threat's `Properties` under `StateInformation` (the element of that name is usually
//! nil). The embedded KnowledgeBase (most of the bytes) is not read.
//!
//! One file, over 800 lines: `import` walks one XML document once (surfaces, stencils,
//! lines, threats), and the stencil and property tables it reads them with are this
//! format's and nobody else's; apart they would only be called from here.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use roxmltree::Node;

use super::FileError;
use super::import::{invalid, stride_named};
use super::threat_dragon::ImportReport;
use crate::model::*;

const NS_MODEL: &str = "http://schemas.datacontract.org/2004/07/ThreatModeling.Model";
const NS_ABSTRACTS: &str = "http://schemas.datacontract.org/2004/07/ThreatModeling.Model.Abstracts";
const NS_KB: &str = "http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase";
const NS_ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const NIL_GUID: &str = "00000000-0000-0000-0000-000000000000";
/// The tool, as imported threats it generated name it.
const TOOL: &str = "Microsoft Threat Modeling Tool";

/// Whether `text` looks like a TMT model: a `ThreatModel` element in the TMT namespace
/// within the first 64 KiB (after any prolog; the parser then checks it is the root).
pub fn looks_like(text: &str) -> bool {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.contains("<ThreatModel") && head.contains(NS_MODEL)
}

fn child<'a, 'i>(n: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ns)
    })
}

fn children<'a, 'i>(
    n: Node<'a, 'i>,
    ns: &'static str,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(ns)
    })
}

fn text_of(n: Option<Node<'_, '_>>) -> String {
    n.and_then(|n| n.text()).unwrap_or("").trim().to_owned()
}

fn number(n: Node<'_, '_>, name: &str) -> Option<f32> {
    text_of(child(n, NS_ABSTRACTS, name)).parse::<f32>().ok()
}

/// The `i:type` of an element without its prefix (`StencilEllipse`, `b:ListDisplayAttribute`
/// → `ListDisplayAttribute`).
fn xsi_type<'a>(n: Node<'a, '_>) -> &'a str {
    let t = n.attribute((NS_XSI, "type")).unwrap_or("");
    t.rsplit(':').next().unwrap_or(t)
}

/// One entry of a stencil's `Properties`.
#[derive(Debug)]
struct Prop {
    kind: String,
    name: String,
    /// The text value, or the selected option of a list.
    value: String,
    /// A list still at the template's default: its first option selected, of several (the
    /// KnowledgeBase's attribute definitions list the default first — "Contains Cookies"
    /// is Yes, No). Nobody said so; the tool did. A list of one option is the stencil type's
    /// own fact (HTTPS provides confidentiality), not a default.
    at_default: bool,
}

/// The stencil type (the first header, e.g. "Web Application") and the properties.
fn properties(n: Node<'_, '_>) -> (String, Vec<Prop>) {
    let mut header = String::new();
    let mut out = Vec::new();
    let Some(props) = child(n, NS_ABSTRACTS, "Properties") else {
        return (header, out);
    };
    for p in children(props, NS_ARRAYS, "anyType") {
        let kind = xsi_type(p).to_owned();
        let name = text_of(child(p, NS_KB, "DisplayName"));
        let value_node = child(p, NS_KB, "Value");
        let options = value_node.map_or(0, |v| v.children().filter(Node::is_element).count());
        let mut at_default = false;
        let value = if options > 0 {
            // A list (or a static attribute with its one option): the selected option.
            let index = text_of(child(p, NS_KB, "SelectedIndex"))
                .parse::<usize>()
                .unwrap_or(0);
            at_default = index == 0 && options > 1;
            value_node
                .and_then(|v| {
                    v.children()
                        .filter(Node::is_element)
                        .nth(index)
                        .and_then(|o| o.text())
                })
                .unwrap_or("")
                .trim()
                .to_owned()
        } else {
            text_of(value_node)
        };
        if kind == "HeaderDisplayAttribute" && header.is_empty() {
            header = name.clone();
        }
        out.push(Prop {
            kind,
            name,
            value,
            at_default,
        });
    }
    (header, out)
}

fn prop<'a>(props: &'a [Prop], name: &str) -> Option<&'a Prop> {
    props.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

fn prop_text<'a>(props: &'a [Prop], name: &str) -> &'a str {
    prop(props, name).map_or("", |p| p.value.as_str())
}

/// A yes/no template property: "Yes", "True", or a static attribute without a value (the
/// stencil type guarantees it, e.g. HTTPS provides confidentiality). A "Yes" still at the
/// template's default is unknown, not a fact: nobody answered the question.
fn yes(props: &[Prop], name: &str) -> bool {
    prop(props, name).is_some_and(|p| {
        (p.kind.starts_with("Static") && p.value.is_empty())
            || (!p.at_default && matches!(p.value.to_ascii_lowercase().as_str(), "yes" | "true"))
    })
}

/// Generic stencil names say nothing beyond the element's kind.
fn is_generic(stencil: &str) -> bool {
    let s = stencil.to_ascii_lowercase();
    s.is_empty() || s.starts_with("generic ") || s == "free text annotation"
}

fn store_type(stencil: &str) -> StoreType {
    let s = stencil.to_ascii_lowercase();
    let has = |w: &str| s.contains(w);
    if has("non relational") || has("nosql") || has("cosmos") || has("mongo") || has("document") {
        StoreType::NoSql
    } else if has("sql") || has("relational") || has("database") {
        StoreType::Sql
    } else if has("redis") || has("cache") {
        StoreType::Cache
    } else if has("queue") || has("service bus") || has("event hub") {
        StoreType::Queue
    } else if has("cookie") {
        StoreType::Cookie
    } else if has("registry") {
        StoreType::Registry
    } else if has("file") {
        StoreType::FileSystem
    } else if has("blob") || has("storage") || has("bucket") {
        StoreType::ObjectStorage
    } else if has("local storage") || has("table") || has("key vault") {
        StoreType::KeyValue
    } else {
        StoreType::Unspecified
    }
}

fn runs_as(text: &str) -> RunsAs {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "not selected" => RunsAs::Unspecified,
        "standard user"
        | "standard user with elevation"
        | "standard user without elevation"
        | "windows store app" => RunsAs::StandardUser,
        "network service" | "local service" => RunsAs::ServiceAccount,
        "administrator" => RunsAs::Administrator,
        "system" => RunsAs::System,
        "kernel" => RunsAs::Kernel,
        _ => RunsAs::Other(text.trim().to_owned()),
    }
}

fn boundary_type(stencil: &str) -> BoundaryType {
    let s = stencil.to_ascii_lowercase();
    if s.contains("internet") {
        BoundaryType::Internet
    } else if s.contains("sandbox") || s.contains("appcontainer") {
        BoundaryType::Sandbox
    } else if s.contains("kernel") {
        BoundaryType::Kernel
    } else if s.contains("machine") {
        BoundaryType::Machine
    } else if s.contains("corpnet") || s.contains("network") || s.contains("azure") {
        BoundaryType::Network
    } else {
        BoundaryType::Generic
    }
}

/// The element kind of a stencil, from its `i:type` (and GenericTypeId for annotations).
enum Stencil {
    Element(ElementKind),
    Annotation,
    Region,
    Line,
    Flow,
}

fn stencil_of(v: Node<'_, '_>) -> Option<Stencil> {
    let generic = text_of(child(v, NS_ABSTRACTS, "GenericTypeId"));
    Some(match xsi_type(v) {
        "StencilRectangle" if generic == "GE.A" => Stencil::Annotation,
        "StencilRectangle" => Stencil::Element(ElementKind::ExternalEntity),
        "StencilEllipse" => Stencil::Element(ElementKind::Process),
        "StencilParallelLines" => Stencil::Element(ElementKind::DataStore),
        "BorderBoundary" => Stencil::Region,
        "LineBoundary" => Stencil::Line,
        "Connector" => Stencil::Flow,
        _ => match generic.as_str() {
            "GE.P" => Stencil::Element(ElementKind::Process),
            "GE.DS" => Stencil::Element(ElementKind::DataStore),
            "GE.EI" => Stencil::Element(ElementKind::ExternalEntity),
            "GE.A" => Stencil::Annotation,
            "GE.TB.B" => Stencil::Region,
            "GE.TB.L" => Stencil::Line,
            "GE.DF" => Stencil::Flow,
            _ => return None,
        },
    })
}

fn element_props(kind: ElementKind, stencil: &str, props: &[Prop]) -> ElementProps {
    let st = stencil.to_ascii_lowercase();
    match kind {
        ElementKind::Process => ElementProps::Process(ProcessProps {
            // A static "Code Type" is the stencil's assumption (the SDL template's "Web
            // Application" says Unmanaged for every web application), not what the team
            // said: only a code type someone chose counts.
            code_type: match prop(props, "Code Type")
                .filter(|p| !p.kind.starts_with("Static"))
                .map_or("", |p| p.value.as_str())
                .to_ascii_lowercase()
                .as_str()
            {
                "managed" => CodeType::Managed,
                "unmanaged" => CodeType::Unmanaged,
                _ if st.contains("managed application") => CodeType::Managed,
                _ => CodeType::Unspecified,
            },
            runs_as: runs_as(prop_text(props, "Running As")),
            isolation: match prop_text(props, "Isolation Level")
                .to_ascii_lowercase()
                .as_str()
            {
                "appcontainer" | "low integrity level" | "sandbox" => Isolation::Sandbox,
                s if s.contains("isolated") => Isolation::Sandbox,
                _ => Isolation::Unspecified,
            },
            authenticates_callers: yes(props, "Implements or Uses an Authentication Mechanism"),
            authorizes_callers: yes(props, "Implements or Uses an Authorization Mechanism"),
            custom_protocol: yes(props, "Implements or Uses a Communication Protocol"),
            sanitizes_input: yes(props, "Sanitizes Input"),
            sanitizes_output: yes(props, "Sanitizes Output"),
            is_web_application: st.contains("web application") || st.contains("web server"),
            ..ProcessProps::default()
        }),
        ElementKind::DataStore => ElementProps::DataStore(DataStoreProps {
            store_type: store_type(stencil),
            stores_credentials: yes(props, "Stores Credentials")
                || yes(props, "Cached Credentials"),
            stores_logs: yes(props, "Stores Log Data"),
            encrypted_at_rest: yes(props, "Encrypted"),
            signed: yes(props, "Signed"),
            backup: yes(props, "Backup"),
            shared: yes(props, "Shared"),
            removable: yes(props, "Removable Storage"),
            ..DataStoreProps::default()
        }),
        ElementKind::ExternalEntity => ElementProps::ExternalEntity(ExternalEntityProps {
            actor: if st.contains("user")
                || st == "browser"
                || prop_text(props, "Type").eq_ignore_ascii_case("human")
            {
                Actor::Human
            } else if is_generic(stencil) {
                Actor::Unspecified
            } else {
                Actor::System
            },
            authenticates_itself: yes(props, "Authenticates Itself"),
            identity_provider: st.contains("authorization provider")
                || st.contains("identity provider")
                || st.contains("active directory"),
            ..ExternalEntityProps::default()
        }),
    }
}

/// Template properties with no field of their own, as "Name: value" lines (those left
/// at the template's default, or at "Not Selected"/"No", are left out: nobody said them).
fn other_props(props: &[Prop], used: &[&str]) -> Vec<String> {
    props
        .iter()
        .filter(|p| p.kind == "ListDisplayAttribute" || p.kind == "StringDisplayAttribute")
        .filter(|p| {
            !p.at_default
                && !used.iter().any(|u| p.name.eq_ignore_ascii_case(u))
                && !matches!(
                    p.value.to_ascii_lowercase().as_str(),
                    "" | "not selected" | "no" | "not applicable" | "0"
                )
        })
        .map(|p| format!("{}: {}", p.name, p.value))
        .collect()
}

const ELEMENT_PROPS_USED: &[&str] = &[
    "Name",
    "Out Of Scope",
    "Reason For Out Of Scope",
    "Code Type",
    "Running As",
    "Isolation Level",
    "Implements or Uses an Authentication Mechanism",
    "Implements or Uses an Authorization Mechanism",
    "Implements or Uses a Communication Protocol",
    "Sanitizes Input",
    "Sanitizes Output",
    "Stores Credentials",
    "Cached Credentials",
    "Stores Log Data",
    "Encrypted",
    "Signed",
    "Backup",
    "Shared",
    "Removable Storage",
    "Authenticates Itself",
    "Dataflow Order",
    "Type",
];

const FLOW_PROPS_USED: &[&str] = &[
    "Name",
    "Out Of Scope",
    "Reason For Out Of Scope",
    "Dataflow Order",
    "Source Authenticated",
    "Destination Authenticated",
    "Provides Confidentiality",
    "Provides Integrity",
    "Transmits XML",
    "SOAP Payload",
    "JSON Payload",
    "Contains Cookies",
    "Forgery Protection",
];

fn with_lines(description: String, lines: &[String]) -> String {
    if lines.is_empty() {
        return description;
    }
    let block = format!("From the Threat Modeling Tool: {}", lines.join("; "));
    if description.is_empty() {
        block
    } else {
        format!("{description}\n\n{block}")
    }
}

fn category(text: &str) -> Category {
    stride_named(text).map_or_else(|| Category::Other(text.trim().to_owned()), Category::Stride)
}

/// XML nodes read from one TMT file (elements, attributes and text).
pub const MAX_XML_NODES: u32 = 4_000_000;

/// Reads a TMT model.
pub fn import(text: &str, path: &Path) -> Result<(Project, ImportReport), FileError> {
    let text = text.trim_start_matches('\u{feff}');
    // Real TMT files have tens of thousands of nodes (most of them the embedded knowledge
    // base); a crafted one is stopped before it fills memory.
    let doc = super::xml_document(text, path, MAX_XML_NODES)?;
    let root = doc.root_element();
    if root.tag_name().name() != "ThreatModel" || root.tag_name().namespace() != Some(NS_MODEL) {
        return Err(invalid(
            path,
            format!(
                "not a Threat Modeling Tool model: the root element is <{}>, not <ThreatModel> in {NS_MODEL}",
                root.tag_name().name()
            ),
        ));
    }
    let mut report = ImportReport::default();
    let mut project = Project::new("");
    project.meta = metadata(root, &mut report);
    if project.meta.title.is_empty() {
        project.meta.title = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    project.diagrams.clear();
    let id_err = |what: &str, id: &str, e: IdError| invalid(path, format!("{what} {id:?}: {e}"));
    // Every stencil's id, so threats find their subject.
    let mut flow_ids: HashMap<String, FlowId> = HashMap::new();
    let mut element_ids: HashMap<String, ElementId> = HashMap::new();
    let surfaces = child(root, NS_MODEL, "DrawingSurfaceList")
        .ok_or_else(|| invalid(path, "it has no DrawingSurfaceList (no diagrams)".into()))?;
    for (si, surface) in children(surfaces, NS_MODEL, "DrawingSurfaceModel").enumerate() {
        let (_, sprops) = properties(surface);
        let mut name = prop_text(&sprops, "Name").to_owned();
        if name.is_empty() {
            name = format!("Diagram {}", si + 1);
        }
        let guid = text_of(child(surface, NS_ABSTRACTS, "Guid"));
        let mut diagram = Diagram::new(name);
        if let Ok(id) = DiagramId::try_from(format!("dg_{guid}")) {
            diagram.id = id;
        }
        let stencils = |section: &str| -> Vec<Node<'_, '_>> {
            child(surface, NS_MODEL, section)
                .map(|s| {
                    children(s, NS_ARRAYS, "KeyValueOfguidanyType")
                        .filter_map(|kv| child(kv, NS_ARRAYS, "Value"))
                        .collect()
                })
                .unwrap_or_default()
        };
        let borders = stencils("Borders");
        let lines = stencils("Lines");
        for v in &borders {
            let id = text_of(child(*v, NS_ABSTRACTS, "Guid"));
            let (stencil, props) = properties(*v);
            let name = prop_text(&props, "Name").to_owned();
            let rect = match (
                number(*v, "Left"),
                number(*v, "Top"),
                number(*v, "Width"),
                number(*v, "Height"),
            ) {
                (Some(x), Some(y), Some(w), Some(h)) => Rect::new(x, y, w.max(1.0), h.max(1.0)),
                _ => {
                    return Err(invalid(
                        path,
                        format!("stencil {id} ({name:?}) has no Left/Top/Width/Height"),
                    ));
                }
            };
            match stencil_of(*v) {
                Some(Stencil::Element(kind)) => {
                    let mut e = Element::new(kind, name.clone());
                    e.id = ElementId::try_from(id.as_str())
                        .map_err(|err| id_err("stencil", &id, err))?;
                    if !is_generic(&stencil) {
                        e.technology = stencil.clone();
                    }
                    e.out_of_scope = yes(&props, "Out Of Scope");
                    e.out_of_scope_reason = prop_text(&props, "Reason For Out Of Scope").to_owned();
                    e.props = element_props(kind, &stencil, &props);
                    let extra = other_props(&props, ELEMENT_PROPS_USED);
                    if !extra.is_empty() {
                        report
                            .kept
                            .push(format!("{name:?}: {} → description", extra.join("; ")));
                    }
                    e.description = with_lines(String::new(), &extra);
                    element_ids.insert(id.clone(), e.id.clone());
                    project.layout.elements.insert(e.id.clone(), rect);
                    diagram.elements.push(e);
                    report.elements += 1;
                }
                Some(Stencil::Annotation) => {
                    let note = Note {
                        id: NoteId::try_from(id.as_str())
                            .map_err(|err| id_err("annotation", &id, err))?,
                        text: name,
                    };
                    project.layout.notes.insert(note.id.clone(), rect);
                    diagram.notes.push(note);
                    report.notes += 1;
                }
                Some(Stencil::Region) => {
                    let mut b = Boundary::new(name, boundary_type(&stencil));
                    b.id = BoundaryId::try_from(id.as_str())
                        .map_err(|err| id_err("boundary", &id, err))?;
                    if !is_generic(&stencil) {
                        b.description = format!("Threat Modeling Tool stencil: {stencil}");
                    }
                    project
                        .layout
                        .boundaries
                        .insert(b.id.clone(), BoundaryShape::Region(rect));
                    diagram.boundaries.push(b);
                    report.boundaries += 1;
                }
                Some(Stencil::Line | Stencil::Flow) | None => {
                    report.kept.push(format!(
                        "stencil {name:?} of type {:?} in Borders is not a shape Threatboard knows; left out",
                        xsi_type(*v)
                    ));
                }
            }
        }
        // Line boundaries first (they need nothing), then flows (they need elements).
        for v in &lines {
            let id = text_of(child(*v, NS_ABSTRACTS, "Guid"));
            let (stencil, props) = properties(*v);
            let name = prop_text(&props, "Name").to_owned();
            let point = |x: &str, y: &str| Some(Pos::new(number(*v, x)?, number(*v, y)?));
            let (Some(a), Some(z)) = (point("SourceX", "SourceY"), point("TargetX", "TargetY"))
            else {
                return Err(invalid(
                    path,
                    format!("line {id} ({name:?}) has no SourceX/SourceY/TargetX/TargetY"),
                ));
            };
            let handle = point("HandleX", "HandleY");
            // TMT draws a line as a curve through its handle; a handle well off the straight
            // line becomes a bend.
            let bend = handle.filter(|h| {
                let mid = Pos::new((a.x + z.x) / 2.0, (a.y + z.y) / 2.0);
                (h.x - mid.x).hypot(h.y - mid.y) > 12.0
            });
            match stencil_of(*v) {
                Some(Stencil::Line) => {
                    let mut b = Boundary::new(name, boundary_type(&stencil));
                    b.id = BoundaryId::try_from(id.as_str())
                        .map_err(|err| id_err("boundary", &id, err))?;
                    if !is_generic(&stencil) {
                        b.description = format!("Threat Modeling Tool stencil: {stencil}");
                    }
                    let pts: Vec<Pos> = std::iter::once(a)
                        .chain(bend)
                        .chain(std::iter::once(z))
                        .collect();
                    project
                        .layout
                        .boundaries
                        .insert(b.id.clone(), BoundaryShape::Line(pts));
                    diagram.boundaries.push(b);
                    report.boundaries += 1;
                }
                Some(Stencil::Flow) => {
                    let mut end = |key: &str,
                                   at: Pos,
                                   from: Option<Pos>|
                     -> Result<ElementId, FileError> {
                        let guid = text_of(child(*v, NS_ABSTRACTS, &format!("{key}Guid")));
                        if let Some(e) = element_ids.get(&guid) {
                            if diagram.elements.iter().any(|x| &x.id == e) {
                                return Ok(e.clone());
                            }
                        }
                        // A loose end dropped on (or within 20 units of) an element was meant
                        // to be connected to it.
                        if let Some((e, how)) =
                            super::import::element_near(&diagram, &project.layout, at, from, None)
                        {
                            report.kept.push(format!(
                                "flow {name:?}: its {} was not connected; {}",
                                key.to_lowercase(),
                                how.describe(&e.name)
                            ));
                            return Ok(e.id.clone());
                        }
                        if guid != NIL_GUID && !guid.is_empty() {
                            report.kept.push(format!("flow {name:?}: its {} {guid} is not an element of diagram {:?}; a stand-in takes its place", key.to_lowercase(), diagram.name));
                        }
                        // Unconnected in TMT: a stand-in at the loose end, as for Threat Dragon.
                        let mut e = Element::new(
                            ElementKind::ExternalEntity,
                            format!("Unconnected {} of {name}", key.to_lowercase()),
                        );
                        e.id = ElementId::try_from(format!("{id}-{}", key.to_lowercase()))
                            .map_err(|err| id_err("flow", &id, err))?;
                        e.description = format!(
                            "{} the Threat Modeling Tool left unconnected.",
                            crate::model::LOOSE_END_STAND_IN
                        );
                        report.kept.push(format!("flow {name:?}: its {} was not connected to an element → stand-in external entity", key.to_lowercase()));
                        project
                            .layout
                            .elements
                            .insert(e.id.clone(), super::import::stand_in_rect(at));
                        let eid = e.id.clone();
                        diagram.elements.push(e);
                        report.elements += 1;
                        Ok(eid)
                    };
                    let source = end("Source", a, Some(z))?;
                    let target = end("Target", z, Some(a))?;
                    let mut f = Flow::new(name.clone(), source, target);
                    f.id = FlowId::try_from(id.as_str()).map_err(|err| id_err("flow", &id, err))?;
                    if !is_generic(&stencil) {
                        f.protocol = stencil.clone();
                    }
                    f.encrypted = yes(&props, "Provides Confidentiality");
                    f.integrity_protected = yes(&props, "Provides Integrity");
                    f.authenticates_destination = yes(&props, "Destination Authenticated");
                    f.authenticates_source = yes(&props, "Source Authenticated");
                    if let Some(p) = crate::analysis::vocab::protocol(&f.protocol) {
                        f.encrypted |= p.encrypted;
                        f.integrity_protected |= p.integrity;
                        f.authenticates_destination |= p.authenticates_destination;
                        f.authenticates_source |= p.authenticates_source;
                    }
                    if yes(&props, "Transmits XML") || yes(&props, "SOAP Payload") {
                        f.payload = Payload::Xml;
                    } else if yes(&props, "JSON Payload") {
                        f.payload = Payload::Json;
                    }
                    f.contains_cookies = yes(&props, "Contains Cookies");
                    // Any answer but "Not Selected"/"None" means forgery is dealt with (a
                    // token, a canary, or a request that changes nothing).
                    f.csrf_protected = !matches!(
                        prop_text(&props, "Forgery Protection")
                            .to_ascii_lowercase()
                            .as_str(),
                        "" | "not selected" | "none"
                    );
                    // A radio link is a protocol the analysis knows (proximity attacks).
                    if f.protocol.is_empty()
                        && prop_text(&props, "Physical Network").eq_ignore_ascii_case("bluetooth")
                    {
                        f.protocol = "Bluetooth".into();
                    }
                    f.out_of_scope = yes(&props, "Out Of Scope");
                    f.out_of_scope_reason = prop_text(&props, "Reason For Out Of Scope").to_owned();
                    let extra = other_props(&props, FLOW_PROPS_USED);
                    if !extra.is_empty() {
                        report
                            .kept
                            .push(format!("flow {name:?}: {} → description", extra.join("; ")));
                    }
                    f.description = with_lines(String::new(), &extra);
                    if let Some(h) = bend {
                        project.layout.waypoints.insert(f.id.clone(), vec![h]);
                    }
                    flow_ids.insert(id, f.id.clone());
                    diagram.flows.push(f);
                    report.flows += 1;
                }
                _ => report.kept.push(format!(
                    "line {name:?} of type {:?} is not a shape Threatboard knows; left out",
                    xsi_type(*v)
                )),
            }
        }
        project.diagrams.push(diagram);
        report.diagrams += 1;
    }
    if project.diagrams.is_empty() {
        project.diagrams.push(Diagram::new("Main"));
    }
    if let Some(threats) = child(root, NS_MODEL, "ThreatInstances") {
        for kv in threats.children().filter(Node::is_element) {
            let Some(t) = child(kv, NS_ARRAYS, "Value") else {
                continue;
            };
            let threat = import_threat(t, &flow_ids, &element_ids, &mut report);
            if let Some(threat) = threat {
                project.manual_threats.push(threat);
                report.threats += 1;
            }
        }
    }
    // The same checks as our own files: ids unique, references resolve, limits.
    crate::io::check_made(&project, path)?;
    Ok((project, report))
}

fn metadata(root: Node<'_, '_>, report: &mut ImportReport) -> Metadata {
    let mut meta = Metadata::default();
    let Some(info) = child(root, NS_MODEL, "MetaInformation") else {
        return meta;
    };
    let field = |name: &str| text_of(child(info, NS_MODEL, name));
    meta.title = field("ThreatModelName");
    meta.owner = field("Owner");
    meta.description = field("HighLevelSystemDescription");
    let reviewer = field("Reviewer");
    if !reviewer.is_empty() {
        meta.reviewers.push(Reviewer {
            name: reviewer,
            role: String::new(),
        });
    }
    let lines = |s: String| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    meta.assumptions = lines(field("Assumptions"));
    meta.external_dependencies = lines(field("ExternalDependencies"));
    let contributors = field("Contributors");
    if !contributors.is_empty() {
        let line = format!("Contributors (from the Threat Modeling Tool): {contributors}");
        meta.description = if meta.description.is_empty() {
            line
        } else {
            format!("{}\n\n{line}", meta.description)
        };
        report
            .kept
            .push(format!("contributors {contributors} → project description"));
    }
    meta
}

fn import_threat(
    t: Node<'_, '_>,
    flows: &HashMap<String, FlowId>,
    elements: &HashMap<String, ElementId>,
    report: &mut ImportReport,
) -> Option<ManualThreat> {
    let kb = |name: &str| text_of(child(t, NS_KB, name));
    // What the user typed lives in Properties; the same-named elements are usually nil.
    let mut props: BTreeMap<String, String> = BTreeMap::new();
    if let Some(p) = child(t, NS_KB, "Properties") {
        for kv in p.children().filter(Node::is_element) {
            let key = text_of(child(kv, NS_ARRAYS, "Key"));
            let value = text_of(child(kv, NS_ARRAYS, "Value"));
            props.insert(key, value);
        }
    }
    let get = |name: &str| -> String {
        props
            .get(name)
            .filter(|v| !v.is_empty())
            .cloned()
            .unwrap_or_else(|| kb(name))
    };
    let title = get("Title");
    let flow_guid = kb("FlowGuid");
    let subject = if let Some(f) = flows.get(&flow_guid) {
        SubjectId::from(f)
    } else if let Some(e) = elements.get(&kb("TargetGuid")) {
        SubjectId::from(e)
    } else {
        report.kept.push(format!(
            "threat {title:?}: its flow {flow_guid} is not in any diagram; left out"
        ));
        return None;
    };
    let state = kb("State");
    // The tool's own output, never triaged: its priority is the tool's, not the team's.
    let generated_by = if state.eq_ignore_ascii_case("AutoGenerated") {
        TOOL.to_owned()
    } else {
        String::new()
    };
    let status = match state.to_ascii_lowercase().as_str() {
        "mitigated" => Status::Mitigated,
        "notapplicable" => Status::NotApplicable,
        "needsinvestigation" => Status::NeedsInvestigation,
        _ => Status::Open,
    };
    let priority = {
        let p = get("Priority");
        if p.is_empty() { kb("Priority") } else { p }
    };
    let severity = match priority.to_ascii_lowercase().as_str() {
        "high" => Severity::High,
        "low" => Severity::Low,
        "critical" => Severity::Critical,
        _ => Severity::Medium,
    };
    let justification = get("StateInformation");
    let mut record = ThreatRecord {
        status,
        ..ThreatRecord::default()
    };
    if status == Status::Mitigated {
        record.mitigation = justification;
    } else {
        record.justification = justification;
    }
    if status != Status::Open {
        record.decided_by = kb("ChangedBy");
        record.decided_at = kb("ModifiedAt");
    }
    let number = kb("Id");
    let id = ManualThreatId::try_from(format!("mt_tm7_{number}"))
        .unwrap_or_else(|_| ManualThreatId::generate());
    let mut description = get("UserThreatDescription");
    let type_id = kb("TypeId");
    if !type_id.is_empty() {
        description = with_lines(description, &[format!("threat type {type_id}")]);
    }
    Some(ManualThreat {
        id,
        subject,
        category: category(&get("UserThreatCategory")),
        title: if title.is_empty() {
            get("UserThreatShortDescription")
        } else {
            title
        },
        description,
        severity,
        record,
        generated_by,
    })
}
