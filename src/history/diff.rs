//! The semantic diff of two versions of a model: what was added, removed, renamed, moved
//! between trust boundaries or changed (old → new), which threats appeared or went away
//! with the change, and which decisions changed. Ids are stable, so a rename is a rename.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::analysis::{Analysis, Finding};
use crate::model::{BoundaryShape, Diagram, Project};
use crate::scene;

/// What kind of thing changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Diagram,
    Element,
    Flow,
    Boundary,
    Note,
}

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Diagram => "diagram",
            Self::Element => "element",
            Self::Flow => "flow",
            Self::Boundary => "trust boundary",
            Self::Note => "note",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One property that changed, as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// One element, flow, boundary, note or diagram that was added, removed or changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemChange {
    pub kind: ItemKind,
    pub change: Change,
    pub id: String,
    /// The name now (the old one when removed).
    pub name: String,
    /// The diagram it is on (was on, when removed).
    pub diagram: String,
    /// A short description when added or removed: the element's kind, a flow's ends.
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    /// Trust boundaries an element is now inside, or a flow now crosses …
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entered: Vec<String>,
    /// … and those it no longer is inside or crosses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left: Vec<String>,
}

/// A threat that appeared, went away or was re-opened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThreatChange {
    pub key: String,
    pub title: String,
    pub severity: String,
    pub status: String,
    pub subject: String,
    pub diagram: String,
}

/// A decision on a threat present on both sides that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecisionChange {
    pub key: String,
    pub title: String,
    pub subject: String,
    pub severity: String,
    pub old_status: String,
    pub new_status: String,
    pub decided_by: String,
    pub fields: Vec<FieldChange>,
}

/// Everything that differs between two versions.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ModelDiff {
    pub metadata: Vec<FieldChange>,
    pub items: Vec<ItemChange>,
    /// Things whose position, size, shape or bend points changed and nothing else.
    pub layout_only: usize,
    pub new_threats: Vec<ThreatChange>,
    pub gone_threats: Vec<ThreatChange>,
    /// Decided before, open again now.
    pub reopened: Vec<ThreatChange>,
    pub decisions: Vec<DecisionChange>,
    pub sessions_added: usize,
}

impl ModelDiff {
    /// Whether anything but the layout changed.
    pub fn is_semantic(&self) -> bool {
        !(self.metadata.is_empty()
            && self.items.is_empty()
            && self.new_threats.is_empty()
            && self.gone_threats.is_empty()
            && self.reopened.is_empty()
            && self.decisions.is_empty()
            && self.sessions_added == 0)
    }

    /// The change recorded for an id, if any.
    pub fn item(&self, id: &str) -> Option<&ItemChange> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The keys of threats new or re-opened in the newer version.
    pub fn new_or_reopened_keys(&self) -> BTreeSet<&str> {
        self.new_threats
            .iter()
            .chain(&self.reopened)
            .map(|t| t.key.as_str())
            .collect()
    }
}

/// The diff from `old` to `new`; the analyses give the threats that appeared or went away.
pub fn diff(old: &Project, new: &Project, old_a: &Analysis, new_a: &Analysis) -> ModelDiff {
    let mut out = ModelDiff {
        metadata: field_changes(&to_json(&old.meta), &to_json(&new.meta), &[]),
        ..ModelDiff::default()
    };
    if old.catalogue != new.catalogue {
        out.metadata.push(FieldChange {
            field: "rule catalogue".into(),
            old: old.catalogue.clone().unwrap_or_else(|| "none".into()),
            new: new.catalogue.clone().unwrap_or_else(|| "none".into()),
        });
    }
    for (field, o, n) in [
        ("block libraries", &old.libraries, &new.libraries),
        (
            "infrastructure templates",
            &old.infrastructure,
            &new.infrastructure,
        ),
    ] {
        if o != n {
            let list = |l: &Vec<String>| {
                if l.is_empty() {
                    "none".to_owned()
                } else {
                    l.join(", ")
                }
            };
            out.metadata.push(FieldChange {
                field: field.into(),
                old: list(o),
                new: list(n),
            });
        }
    }
    let old_items = index(old);
    let new_items = index(new);
    for (id, n) in &new_items {
        match old_items.get(id) {
            None => out.items.push(n.change(Change::Added)),
            Some(o) => {
                let mut fields = field_changes(&o.value, &n.value, &["id", "name"]);
                if o.diagram != n.diagram {
                    fields.push(FieldChange {
                        field: "diagram".into(),
                        old: o.diagram.clone(),
                        new: n.diagram.clone(),
                    });
                }
                let entered: Vec<String> = n
                    .boundaries
                    .iter()
                    .filter(|b| !o.boundaries.contains(b))
                    .cloned()
                    .collect();
                let left: Vec<String> = o
                    .boundaries
                    .iter()
                    .filter(|b| !n.boundaries.contains(b))
                    .cloned()
                    .collect();
                let renamed_from = (o.name != n.name).then(|| o.name.clone());
                if fields.is_empty()
                    && renamed_from.is_none()
                    && entered.is_empty()
                    && left.is_empty()
                {
                    if o.layout != n.layout {
                        out.layout_only += 1;
                    }
                    continue;
                }
                let mut c = n.change(Change::Changed);
                c.renamed_from = renamed_from;
                c.fields = fields;
                c.entered = entered;
                c.left = left;
                out.items.push(c);
            }
        }
    }
    for (id, o) in &old_items {
        if !new_items.contains_key(id) {
            out.items.push(o.change(Change::Removed));
        }
    }
    out.items.sort_by(|a, b| {
        (a.kind, change_rank(a.change), &a.diagram, &a.name).cmp(&(
            b.kind,
            change_rank(b.change),
            &b.diagram,
            &b.name,
        ))
    });
    threats(&mut out, old_a, new_a);
    out.sessions_added = new
        .sessions
        .iter()
        .filter(|s| !old.sessions.contains(s))
        .count();
    out
}

fn change_rank(c: Change) -> u8 {
    match c {
        Change::Added => 0,
        Change::Changed => 1,
        Change::Removed => 2,
    }
}

fn threats(out: &mut ModelDiff, old_a: &Analysis, new_a: &Analysis) {
    let line = |f: &Finding| ThreatChange {
        key: f.key.to_string(),
        title: f.title.clone(),
        severity: f.severity.label().to_owned(),
        status: f.status().label().to_owned(),
        subject: f.subject_name().to_owned(),
        diagram: f.diagram_name().to_owned(),
    };
    let old_by: BTreeMap<String, &Finding> =
        old_a.threats().map(|f| (f.key.to_string(), f)).collect();
    let new_by: BTreeMap<String, &Finding> =
        new_a.threats().map(|f| (f.key.to_string(), f)).collect();
    for (key, n) in &new_by {
        match old_by.get(key) {
            None => out.new_threats.push(line(n)),
            Some(o) => {
                if !o.status().is_open() && n.status().is_open() {
                    out.reopened.push(line(n));
                }
                if o.record != n.record || o.severity != n.severity {
                    let fields = field_changes(
                        &to_json(o.record.as_ref()),
                        &to_json(n.record.as_ref()),
                        &[],
                    );
                    if fields.is_empty() && o.severity == n.severity {
                        continue;
                    }
                    out.decisions.push(DecisionChange {
                        key: key.clone(),
                        title: n.title.clone(),
                        subject: n.subject_name().to_owned(),
                        severity: n.severity.label().to_owned(),
                        old_status: o.status().label().to_owned(),
                        new_status: n.status().label().to_owned(),
                        decided_by: n.record.decided_by.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for (key, o) in &old_by {
        if !new_by.contains_key(key) {
            out.gone_threats.push(line(o));
        }
    }
    let by_severity = |a: &ThreatChange, b: &ThreatChange| {
        severity_rank(&b.severity)
            .cmp(&severity_rank(&a.severity))
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.title.cmp(&b.title))
    };
    out.new_threats.sort_by(by_severity);
    out.gone_threats.sort_by(by_severity);
    out.reopened.sort_by(by_severity);
}

/// Higher is more severe; by label, so the sort reads the text it shows.
pub fn severity_rank(label: &str) -> u8 {
    crate::model::Severity::ALL
        .iter()
        .position(|s| s.label() == label)
        .map_or(0, |i| i as u8 + 1)
}

/// One thing on a diagram as the diff sees it.
struct Indexed {
    kind: ItemKind,
    name: String,
    diagram: String,
    detail: String,
    value: Value,
    /// Regions an element's centre is inside, or boundaries a flow crosses (names, sorted).
    boundaries: Vec<String>,
    layout: Value,
}

impl Indexed {
    fn change(&self, change: Change) -> ItemChange {
        ItemChange {
            kind: self.kind,
            change,
            id: self.value["id"].as_str().unwrap_or_default().to_owned(),
            name: self.name.clone(),
            diagram: self.diagram.clone(),
            detail: self.detail.clone(),
            renamed_from: None,
            fields: Vec::new(),
            entered: Vec::new(),
            left: Vec::new(),
        }
    }
}

fn to_json<T: Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn index(p: &Project) -> BTreeMap<String, Indexed> {
    let mut out = BTreeMap::new();
    let layout = &p.layout;
    for d in &p.diagrams {
        let mut diagram_value = to_json(&DiagramHead::from(d));
        diagram_value["id"] = Value::String(d.id.to_string());
        out.insert(
            d.id.to_string(),
            Indexed {
                kind: ItemKind::Diagram,
                name: d.name.clone(),
                diagram: d.name.clone(),
                detail: String::new(),
                value: diagram_value,
                boundaries: Vec::new(),
                layout: Value::Null,
            },
        );
        let regions: Vec<(&str, crate::model::Rect)> = d
            .boundaries
            .iter()
            .filter_map(|b| match layout.boundaries.get(&b.id) {
                Some(BoundaryShape::Region(r)) => Some((b.name.as_str(), *r)),
                _ => None,
            })
            .collect();
        for e in &d.elements {
            let rect = layout.elements.get(&e.id);
            let mut inside: Vec<String> = rect
                .map(|r| {
                    regions
                        .iter()
                        .filter(|(_, region)| region.contains(r.center()))
                        .map(|(n, _)| (*n).to_owned())
                        .collect()
                })
                .unwrap_or_default();
            inside.sort();
            out.insert(
                e.id.to_string(),
                Indexed {
                    kind: ItemKind::Element,
                    name: e.name.clone(),
                    diagram: d.name.clone(),
                    detail: e.kind().label().to_lowercase(),
                    value: to_json(e),
                    boundaries: inside,
                    layout: to_json(&rect),
                },
            );
        }
        for f in &d.flows {
            let crosses = crossings(p, d, f);
            let end = |id: &crate::model::ElementId| {
                d.element(id)
                    .map_or_else(|| id.to_string(), |e| e.name.clone())
            };
            out.insert(
                f.id.to_string(),
                Indexed {
                    kind: ItemKind::Flow,
                    name: f.name.clone(),
                    diagram: d.name.clone(),
                    detail: format!("{} → {}", end(&f.source), end(&f.target)),
                    value: to_json(f),
                    boundaries: crosses,
                    layout: to_json(&layout.waypoints.get(&f.id)),
                },
            );
        }
        for b in &d.boundaries {
            out.insert(
                b.id.to_string(),
                Indexed {
                    kind: ItemKind::Boundary,
                    name: b.name.clone(),
                    diagram: d.name.clone(),
                    detail: String::new(),
                    value: to_json(b),
                    boundaries: Vec::new(),
                    layout: to_json(&layout.boundaries.get(&b.id)),
                },
            );
        }
        for n in &d.notes {
            let first_line = n.text.lines().next().unwrap_or_default();
            out.insert(
                n.id.to_string(),
                Indexed {
                    kind: ItemKind::Note,
                    name: first_line.chars().take(40).collect(),
                    diagram: d.name.clone(),
                    detail: String::new(),
                    value: to_json(n),
                    boundaries: Vec::new(),
                    layout: to_json(&layout.notes.get(&n.id)),
                },
            );
        }
    }
    out
}

/// A diagram's own fields, without what is on it.
#[derive(Serialize)]
struct DiagramHead<'a> {
    name: &'a str,
}

impl<'a> From<&'a Diagram> for DiagramHead<'a> {
    fn from(d: &'a Diagram) -> Self {
        Self { name: &d.name }
    }
}

/// The names of the trust boundaries a flow crosses, sorted.
fn crossings(p: &Project, d: &Diagram, f: &crate::model::Flow) -> Vec<String> {
    let Some(path) = scene::flow_path(&p.layout, f) else {
        return Vec::new();
    };
    let mut names: Vec<String> = d
        .boundaries
        .iter()
        .filter(|b| {
            p.layout
                .boundaries
                .get(&b.id)
                .is_some_and(|s| scene::path_crosses(&path, s))
        })
        .map(|b| b.name.clone())
        .collect();
    names.sort();
    names
}

/// The leaf fields that differ between two JSON values, as readable paths ("encrypted at
/// rest"); enum variant names (`Process`, `DataStore`) are left out of the path, and a
/// change of variant shows as "kind".
pub fn field_changes(old: &Value, new: &Value, skip: &[&str]) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk(old, new, "", skip, &mut out);
    out
}

fn walk(old: &Value, new: &Value, path: &str, skip: &[&str], out: &mut Vec<FieldChange>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let variant = |m: &serde_json::Map<String, Value>| {
                (m.len() == 1)
                    .then(|| m.keys().next().cloned())
                    .flatten()
                    .filter(|k| k.starts_with(|c: char| c.is_ascii_uppercase()))
            };
            match (variant(a), variant(b)) {
                (Some(va), Some(vb)) if va == vb => walk(&a[&va], &b[&vb], path, skip, out),
                (Some(va), Some(vb)) => out.push(FieldChange {
                    field: join(path, "kind"),
                    old: crate::model::variant_words(&va),
                    new: crate::model::variant_words(&vb),
                }),
                _ => {
                    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                    for k in keys {
                        if path.is_empty() && skip.contains(&k.as_str()) {
                            continue;
                        }
                        let null = Value::Null;
                        // An element's kind-specific properties read as its own.
                        let sub = if path.is_empty() && k == "props" {
                            String::new()
                        } else {
                            join(path, &k.replace('_', " "))
                        };
                        walk(
                            a.get(k).unwrap_or(&null),
                            b.get(k).unwrap_or(&null),
                            &sub,
                            skip,
                            out,
                        );
                    }
                }
            }
        }
        _ => out.push(FieldChange {
            field: if path.is_empty() {
                "value".into()
            } else {
                path.to_owned()
            },
            old: text(old),
            new: text(new),
        }),
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path} {field}")
    }
}

/// A JSON value as people read it.
pub fn text(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "(none)".into(),
        Value::Array(a) => a.iter().map(text).collect::<Vec<_>>().join(", "),
        Value::Object(m) => match m.iter().next() {
            Some((k, inner)) if m.len() == 1 => {
                format!("{} ({})", crate::model::variant_words(k), text(inner))
            }
            _ => v.to_string(),
        },
    }
}

/// What to mark on the diagrams of the newer version: added and changed things by id,
/// removed elements and flows where they were in `old`. `generation` tells the canvas when
/// to draw them again.
pub fn marks(d: &ModelDiff, old: &Project, generation: u64) -> crate::scene::display::Marks {
    let mut marks = crate::scene::display::Marks {
        generation,
        ..Default::default()
    };
    let mut removed = std::collections::HashSet::new();
    for i in &d.items {
        match i.change {
            Change::Added => {
                marks.added.insert(i.id.clone());
            }
            Change::Changed => {
                marks.changed.insert(i.id.clone());
            }
            Change::Removed if matches!(i.kind, ItemKind::Element | ItemKind::Flow) => {
                removed.insert(i.id.as_str());
            }
            Change::Removed => {}
        }
    }
    for dg in &old.diagrams {
        for e in dg
            .elements
            .iter()
            .filter(|e| removed.contains(e.id.as_str()))
        {
            if let Some(r) = old.layout.elements.get(&e.id) {
                marks
                    .removed_elements
                    .push((dg.id.to_string(), *r, e.name.clone()));
            }
        }
        for f in dg.flows.iter().filter(|f| removed.contains(f.id.as_str())) {
            if let Some(path) = scene::flow_path(&old.layout, f) {
                marks
                    .removed_flows
                    .push((dg.id.to_string(), path, f.name.clone()));
            }
        }
    }
    marks
}
