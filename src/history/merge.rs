//! Three-way merge of project versions by id, for `git merge` (a merge driver) and for
//! people. Every thing in a project (metadata, each diagram, element, flow, boundary,
//! note, decision, manual threat, each layout entry) is merged on its own, field by field:
//! independent edits merge cleanly; the same field set to two values, or a thing deleted on
//! one side and edited on the other, is a [`Conflict`] recorded in the project, which
//! still loads. The merged file holds our value (for delete/edit, the edited thing, so
//! nothing is lost) until the user picks a side.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::model::{Conflict, ConflictKind as Kind, Project, SignOff, WorkshopSession};

/// The result of a merge.
#[derive(Debug)]
pub struct Merged {
    pub project: Project,
    /// The conflicts this merge found (also appended to `project.conflicts`).
    pub conflicts: Vec<Conflict>,
}

/// Why a merge could not produce a project.
#[derive(Debug, thiserror::Error)]
#[error("the merged model is not valid: {0}")]
pub struct MergeError(String);

/// Which side of a conflict to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// The key of one thing in a project taken apart: what it is and its id (the threat key
/// for a decision; empty for the project-wide things: metadata, catalogue, …).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    kind: Kind,
    id: String,
}

impl Key {
    fn new(kind: Kind, id: impl Into<String>) -> Self {
        Self {
            kind,
            id: id.into(),
        }
    }

    /// The layout entry that places this thing, if it has one.
    fn layout(&self) -> Option<Key> {
        Some(Key::new(self.kind.layout()?, self.id.clone()))
    }
}

/// `KIND:ID`, as in merge messages.
impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind, self.id)
    }
}

/// A project taken apart: every thing by key in the order it appears.
#[derive(Clone, Debug, Default)]
struct Parts {
    order: Vec<Key>,
    things: BTreeMap<Key, Value>,
    head: (String, u32),
    sessions: Vec<WorkshopSession>,
    signoffs: Vec<SignOff>,
    conflicts: Vec<Conflict>,
}

const ON: &str = "$diagram";

fn to_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

impl Parts {
    fn put(&mut self, key: Key, value: Value) {
        if !self.things.contains_key(&key) {
            self.order.push(key.clone());
        }
        self.things.insert(key, value);
    }

    fn of(p: &Project) -> Self {
        let mut parts = Parts {
            head: (p.format.clone(), p.version),
            sessions: p.sessions.clone(),
            signoffs: p.signoffs.clone(),
            conflicts: p.conflicts.clone(),
            ..Parts::default()
        };
        parts.put(Key::new(Kind::Meta, ""), to_json(&p.meta));
        parts.put(Key::new(Kind::Catalogue, ""), to_json(&p.catalogue));
        parts.put(Key::new(Kind::Libraries, ""), to_json(&p.libraries));
        parts.put(
            Key::new(Kind::Infrastructure, ""),
            to_json(&p.infrastructure),
        );
        for d in &p.diagrams {
            parts.put(
                Key::new(Kind::Diagram, d.id.as_str()),
                serde_json::json!({ "id": d.id, "name": d.name }),
            );
            let on = |mut v: Value| {
                if let Value::Object(m) = &mut v {
                    m.insert(ON.into(), Value::String(d.id.to_string()));
                }
                v
            };
            for e in &d.elements {
                parts.put(Key::new(Kind::Element, e.id.as_str()), on(to_json(e)));
            }
            for f in &d.flows {
                parts.put(Key::new(Kind::Flow, f.id.as_str()), on(to_json(f)));
            }
            for b in &d.boundaries {
                parts.put(Key::new(Kind::Boundary, b.id.as_str()), on(to_json(b)));
            }
            for n in &d.notes {
                parts.put(Key::new(Kind::Note, n.id.as_str()), on(to_json(n)));
            }
        }
        for (k, r) in &p.threats {
            parts.put(Key::new(Kind::Threat, k.to_string()), to_json(r));
        }
        for t in &p.manual_threats {
            parts.put(Key::new(Kind::ManualThreat, t.id.as_str()), to_json(t));
        }
        let l = &p.layout;
        for (id, r) in &l.elements {
            parts.put(Key::new(Kind::LayoutElement, id.as_str()), to_json(r));
        }
        for (id, s) in &l.boundaries {
            parts.put(Key::new(Kind::LayoutBoundary, id.as_str()), to_json(s));
        }
        for (id, r) in &l.notes {
            parts.put(Key::new(Kind::LayoutNote, id.as_str()), to_json(r));
        }
        for (id, w) in &l.waypoints {
            parts.put(Key::new(Kind::LayoutWaypoints, id.as_str()), to_json(w));
        }
        parts
    }

    /// Puts the project together again; layout entries of things that are gone are left
    /// out.
    fn project(&self) -> Result<Project, MergeError> {
        let mut diagrams: Vec<(String, Map<String, Value>)> = Vec::new();
        let mut threats = Map::new();
        let mut manual = Vec::new();
        let mut layout: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
        let mut meta = Value::Null;
        let mut catalogue = Value::Null;
        let mut libraries = Value::Array(Vec::new());
        let mut infrastructure = Value::Array(Vec::new());
        for key in &self.order {
            let Some(value) = self.things.get(key) else {
                continue;
            };
            let id = key.id.as_str();
            match key.kind {
                Kind::Meta => meta = value.clone(),
                Kind::Catalogue => catalogue = value.clone(),
                Kind::Libraries => libraries = value.clone(),
                Kind::Infrastructure => infrastructure = value.clone(),
                Kind::Diagram => {
                    let mut d = Map::new();
                    d.insert("id".into(), Value::String(id.into()));
                    d.insert("name".into(), value["name"].clone());
                    for list in ["elements", "flows", "boundaries", "notes"] {
                        d.insert(list.into(), Value::Array(Vec::new()));
                    }
                    diagrams.push((id.to_owned(), d));
                }
                Kind::Threat => {
                    threats.insert(id.to_owned(), value.clone());
                }
                Kind::ManualThreat => manual.push(value.clone()),
                _ => {}
            }
        }
        for key in &self.order {
            let Some(value) = self.things.get(key) else {
                continue;
            };
            let id = key.id.as_str();
            let list = match key.kind {
                Kind::Element => "elements",
                Kind::Flow => "flows",
                Kind::Boundary => "boundaries",
                Kind::Note => "notes",
                k @ (Kind::LayoutElement
                | Kind::LayoutBoundary
                | Kind::LayoutNote
                | Kind::LayoutWaypoints) => {
                    let (map, owner) = match k {
                        Kind::LayoutElement => ("elements", Kind::Element),
                        Kind::LayoutBoundary => ("boundaries", Kind::Boundary),
                        Kind::LayoutNote => ("notes", Kind::Note),
                        _ => ("waypoints", Kind::Flow),
                    };
                    if self.things.contains_key(&Key::new(owner, id)) {
                        layout
                            .entry(map)
                            .or_default()
                            .insert(id.to_owned(), value.clone());
                    }
                    continue;
                }
                _ => continue,
            };
            let mut value = value.clone();
            let diagram = match &mut value {
                Value::Object(m) => m.remove(ON),
                _ => None,
            };
            let diagram = diagram.as_ref().and_then(Value::as_str).unwrap_or_default();
            let target = diagrams
                .iter_mut()
                .find(|(d, _)| d == diagram)
                .ok_or_else(|| MergeError(format!("{key} is on a diagram that is gone")))?;
            if let Some(Value::Array(items)) = target.1.get_mut(list) {
                items.push(value);
            }
        }
        let mut layout_value = Map::new();
        for map in ["elements", "boundaries", "notes", "waypoints"] {
            layout_value.insert(
                map.into(),
                Value::Object(layout.remove(map).unwrap_or_default()),
            );
        }
        let json = serde_json::json!({
            "format": self.head.0,
            "version": self.head.1,
            "meta": meta,
            "catalogue": catalogue,
            "libraries": libraries,
            "infrastructure": infrastructure,
            "diagrams": diagrams.into_iter().map(|(_, d)| Value::Object(d)).collect::<Vec<_>>(),
            "threats": threats,
            "manual_threats": manual,
            "sessions": to_json(&self.sessions),
            "signoffs": to_json(&self.signoffs),
            "conflicts": to_json(&self.conflicts),
            "layout": layout_value,
        });
        let project: Project =
            serde_json::from_value(json).map_err(|e| MergeError(e.to_string()))?;
        // The same checks as loading a file: a merge never writes what cannot be opened.
        crate::io::check_made(&project, std::path::Path::new("merged model"))
            .map_err(|e| MergeError(e.to_string()))
    }
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Result<Merged, MergeError> {
    let b = Parts::of(base);
    let o = Parts::of(ours);
    let t = Parts::of(theirs);
    let mut out = Parts {
        head: o.head.clone(),
        ..Parts::default()
    };
    let mut conflicts = Vec::new();
    let keys: Vec<&Key> = {
        let mut seen = BTreeSet::new();
        o.order
            .iter()
            .chain(&t.order)
            .chain(&b.order)
            .filter(|k| seen.insert(*k))
            .collect()
    };
    for key in keys {
        let (bv, ov, tv) = (b.things.get(key), o.things.get(key), t.things.get(key));
        let mut found = Vec::new();
        let merged = if ov.is_some() != tv.is_some() && ov != bv && tv != bv && bv.is_some() {
            // Deleted on one side, edited on the other: keep the edited one.
            found.push((String::new(), bv.cloned(), ov.cloned(), tv.cloned()));
            ov.or(tv).cloned()
        } else {
            merge3(bv, ov, tv, "", &mut found)
        };
        let name = merged
            .as_ref()
            .or(ov)
            .or(tv)
            .or(bv)
            .map(|v| name_of(key, v, ours))
            .unwrap_or_default();
        for (field, bv, ov, tv) in found {
            conflicts.push(conflict(key, &name, field, bv, ov, tv));
        }
        if let Some(v) = merged {
            out.put(key.clone(), v);
        }
    }
    repair(&mut out, [&o, &t, &b], &mut conflicts, ours);
    out.sessions = union(&o.sessions, &t.sessions, |a, b| a == b);
    // By time, not by text: "10:00Z" and "10:00:00Z" are the same moment.
    out.sessions
        .sort_by_key(|s| crate::model::time_key(&s.started));
    let mut signoffs = union(&o.signoffs, &t.signoffs, |a, b| {
        a.at == b.at && a.reviewer == b.reviewer && a.model_sha256 == b.model_sha256
    });
    signoffs.sort_by_key(|s| crate::model::time_key(&s.at));
    let last = signoffs.len().saturating_sub(1);
    for (i, s) in signoffs.iter_mut().enumerate() {
        if i != last {
            s.snapshot = None;
        }
    }
    out.signoffs = signoffs;
    out.conflicts = union(&o.conflicts, &t.conflicts, |a, b| a == b);
    out.conflicts.extend(conflicts.iter().cloned());
    let project = out.project()?;
    Ok(Merged { project, conflicts })
}

/// Keeps the merged model whole: a flow whose end was deleted on one side, or a thing on
/// a diagram deleted on one side, brings the deleted thing back (with its layout) and
/// records the conflict.
fn repair(out: &mut Parts, sides: [&Parts; 3], conflicts: &mut Vec<Conflict>, ours: &Project) {
    loop {
        let mut missing: Vec<Key> = Vec::new();
        for (key, v) in &out.things {
            if key.kind.on_diagram() {
                if let Some(d) = v.get(ON).and_then(Value::as_str) {
                    missing.push(Key::new(Kind::Diagram, d));
                }
            }
            if key.kind == Kind::Flow {
                for end in ["source", "target"] {
                    if let Some(e) = v.get(end).and_then(Value::as_str) {
                        missing.push(Key::new(Kind::Element, e));
                    }
                }
            }
        }
        missing.retain(|k| !out.things.contains_key(k));
        missing.sort();
        missing.dedup();
        // A thing kept (deleted on one side, edited on the other) keeps its position.
        let unplaced: Vec<Key> = out
            .things
            .keys()
            .filter(|key| matches!(key.kind, Kind::Element | Kind::Boundary | Kind::Note))
            .filter_map(Key::layout)
            .filter(|l| !out.things.contains_key(l))
            .collect();
        for layout in unplaced {
            if let Some(l) = sides.iter().find_map(|s| s.things.get(&layout)).cloned() {
                out.put(layout, l);
            }
        }
        let mut restored = false;
        for key in missing {
            let Some(value) = sides.iter().find_map(|s| s.things.get(&key)).cloned() else {
                continue;
            };
            let name = name_of(&key, &value, ours);
            let (ov, tv) = (
                sides[0].things.get(&key).cloned(),
                sides[1].things.get(&key).cloned(),
            );
            conflicts.push(conflict(
                &key,
                &name,
                String::new(),
                sides[2].things.get(&key).cloned(),
                ov,
                tv,
            ));
            if let Some(layout) = key.layout() {
                if let Some(l) = sides.iter().find_map(|s| s.things.get(&layout)).cloned() {
                    out.put(layout, l);
                }
            }
            out.put(key, value);
            restored = true;
        }
        if !restored {
            break;
        }
    }
}

fn union<T: Clone>(a: &[T], b: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<T> {
    let mut out = a.to_vec();
    for x in b {
        if !out.iter().any(|y| same(x, y)) {
            out.push(x.clone());
        }
    }
    out
}

type Found = Vec<(String, Option<Value>, Option<Value>, Option<Value>)>;

/// The three-way merge of one value: a side that did not change takes the other's; two
/// objects changed on both sides merge field by field; anything else is a conflict (ours
/// kept).
fn merge3(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    path: &str,
    found: &mut Found,
) -> Option<Value> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if let (Some(Value::Object(o)), Some(Value::Object(t))) = (ours, theirs) {
        let b = match base {
            Some(Value::Object(b)) => Some(b),
            _ => None,
        };
        if same_variant(o, t) && b.is_none_or(|b| same_variant(b, o)) {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.extend(t.keys().filter(|k| !o.contains_key(*k)));
            let mut m = Map::new();
            for k in keys {
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}/{k}")
                };
                if let Some(v) = merge3(b.and_then(|b| b.get(k)), o.get(k), t.get(k), &sub, found) {
                    m.insert(k.clone(), v);
                }
            }
            return Some(Value::Object(m));
        }
    }
    found.push((
        path.to_owned(),
        base.cloned(),
        ours.cloned(),
        theirs.cloned(),
    ));
    ours.cloned()
}

/// Whether two objects are not two different enum variants (`{"Process": …}` vs
/// `{"DataStore": …}`), which are replaced whole, not merged.
fn same_variant(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    let variant = |m: &Map<String, Value>| {
        (m.len() == 1)
            .then(|| m.keys().next())
            .flatten()
            .filter(|k| k.starts_with(|c: char| c.is_ascii_uppercase()))
            .cloned()
    };
    match (variant(a), variant(b)) {
        (Some(x), Some(y)) => x == y,
        (None, None) => true,
        _ => false,
    }
}

fn name_of(key: &Key, v: &Value, project: &Project) -> String {
    let id = key.id.as_str();
    if let Some(n) = v.get("name").and_then(Value::as_str) {
        return n.to_owned();
    }
    if let Some(t) = v.get("title").and_then(Value::as_str) {
        return t.to_owned();
    }
    if let Some(t) = v.get("text").and_then(Value::as_str) {
        return t
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect();
    }
    match key.kind {
        Kind::Threat => match id.split_once('@') {
            Some((rule, subject)) => format!(
                "{rule} on {}",
                project.subject_name(subject).unwrap_or(subject)
            ),
            None => id.to_owned(),
        },
        k if k.placed().is_some() => project.subject_name(id).unwrap_or(id).to_owned(),
        _ => String::new(),
    }
}

fn conflict(
    key: &Key,
    name: &str,
    field: String,
    base: Option<Value>,
    ours: Option<Value>,
    theirs: Option<Value>,
) -> Conflict {
    let text = |v: Option<Value>| {
        v.map(|mut v| {
            if let Value::Object(m) = &mut v {
                m.remove(ON);
            }
            v.to_string()
        })
        .unwrap_or_default()
    };
    Conflict {
        kind: key.kind,
        id: key.id.clone(),
        name: name.to_owned(),
        field,
        base: text(base),
        ours: text(ours),
        theirs: text(theirs),
    }
}

/// The project with conflict `index` settled on `side` (and removed from the list).
/// Picking "deleted" deletes the thing and, for an element, its flows.
pub fn resolve(project: &Project, index: usize, side: Side) -> Result<Project, MergeError> {
    let c = project
        .conflicts
        .get(index)
        .ok_or_else(|| MergeError(format!("no conflict number {}", index + 1)))?
        .clone();
    let mut parts = Parts::of(project);
    parts.conflicts.remove(index);
    let key = Key::new(c.kind, c.id.as_str());
    let chosen = match side {
        Side::Ours => &c.ours,
        Side::Theirs => &c.theirs,
    };
    let value: Option<Value> = if chosen.is_empty() {
        None
    } else {
        Some(serde_json::from_str(chosen).map_err(|e| MergeError(format!("{key}: {e}")))?)
    };
    if c.field.is_empty() {
        match value {
            None => {
                parts.things.remove(&key);
                // An element takes its flows with it, as deleting it in the app does.
                if c.kind == Kind::Element {
                    parts.things.retain(|_, v| {
                        v.get("source").and_then(Value::as_str) != Some(c.id.as_str())
                            && v.get("target").and_then(Value::as_str) != Some(c.id.as_str())
                    });
                }
            }
            Some(mut v) => {
                // Keep it where it is now.
                let on = parts.things.get(&key).and_then(|old| old.get(ON)).cloned();
                if let (Value::Object(m), Some(on)) = (&mut v, on) {
                    m.insert(ON.into(), on);
                }
                parts.put(key, v);
            }
        }
    } else {
        let thing = parts
            .things
            .get_mut(&key)
            .ok_or_else(|| MergeError(format!("{key} is gone")))?;
        let mut slot = thing;
        let segments: Vec<&str> = c.field.split('/').collect();
        for (i, seg) in segments.iter().enumerate() {
            let Value::Object(m) = slot else {
                return Err(MergeError(format!("{key}: no field {}", c.field)));
            };
            if i + 1 == segments.len() {
                match value {
                    Some(v) => {
                        m.insert((*seg).to_owned(), v);
                    }
                    None => {
                        m.remove(*seg);
                    }
                }
                break;
            }
            slot = m
                .get_mut(*seg)
                .ok_or_else(|| MergeError(format!("{key}: no field {}", c.field)))?;
        }
    }
    parts.project()
}
