//! A model kept in step with its template: which resources (by logical id or Terraform
//! address) the template added, removed or changed since the model was made, and the one
//! change that brings them in. "Changed" is what the importer reads from a template and a
//! team would want to hear about: a resource's type; the security settings the importer
//! sets on its element (encryption at rest, backup, an authorizer, access logging,
//! throttling); a store made public; and flows, from a policy statement, event or
//! integration, that appeared or went. Settings the importer does not read for a type are
//! the team's to set and are never compared. Nothing the team wrote is dropped: an element
//! whose resources all went, or a flow the template no longer states, is set out of scope
//! with the reason, not deleted, so its decisions stay to be looked at.

use std::collections::BTreeMap;

use super::graph::Role;
use super::kinds::{Mapped, data_or_entry, mapped};
use crate::model::*;

/// What differs, each list sorted by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drift {
    /// In the template, in no element of the model.
    pub added: Vec<Resource>,
    /// In the model, no longer in the template.
    pub removed: Vec<Resource>,
    /// In both, described otherwise now.
    pub changed: Vec<Changed>,
}

/// A resource in both whose part of the diagram the template now describes otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    /// The resource as the template has it (id and type).
    pub resource: Resource,
    /// What differs, for people: "type AWS::SQS::Queue -> AWS::SNS::Topic", "encryption at
    /// rest removed", "new flow OrdersFunction -> InvoiceBucket (…)".
    pub what: Vec<String>,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// The added resources a model must have: entry points and those holding data.
    pub fn missing_data_or_entry(&self) -> Vec<&Resource> {
        self.added
            .iter()
            .filter(|r| data_or_entry(&r.kind))
            .collect()
    }

    /// "3 added, 1 removed, 2 changed".
    pub fn summary(&self) -> String {
        format!(
            "{} added, {} removed, {} changed",
            self.added.len(),
            self.removed.len(),
            self.changed.len()
        )
    }
}

/// Every resource with an id in `project`, by id.
fn resources(project: &Project) -> BTreeMap<&str, &Resource> {
    project
        .diagrams
        .iter()
        .flat_map(|d| &d.elements)
        .flat_map(|e| &e.resources)
        .filter(|r| !r.id.is_empty())
        .map(|r| (r.id.as_str(), r))
        .collect()
}

/// The CloudFormation type of a resource type (Terraform types read as theirs).
fn cfn_kind(kind: &str) -> &str {
    if kind.starts_with("AWS::") {
        kind
    } else {
        super::terraform::cfn_type(kind).unwrap_or(kind)
    }
}

/// Which settings the importer reads from a template, per element.
#[derive(Clone, Copy)]
enum Scope {
    /// Every data store: its type's default or what the template sets.
    Store,
    /// Buckets (versioning), tables (point-in-time recovery), databases (retention).
    Backup,
    /// Entry points: APIs, CDNs, load balancers.
    Entry,
    /// Entry points and workflows.
    Logged,
}

type Setting = fn(&mut ElementProps) -> Option<&mut bool>;

/// The security settings the importer sets from a template, with what they are called.
const SETTINGS: &[(&str, Scope, Setting)] = &[
    ("encryption at rest", Scope::Store, |p| match p {
        ElementProps::DataStore(d) => Some(&mut d.encrypted_at_rest),
        _ => None,
    }),
    ("backup", Scope::Backup, |p| match p {
        ElementProps::DataStore(d) => Some(&mut d.backup),
        _ => None,
    }),
    (
        "an authorizer (authenticates callers)",
        Scope::Entry,
        |p| match p {
            ElementProps::Process(x) => Some(&mut x.authenticates_callers),
            _ => None,
        },
    ),
    ("access logging", Scope::Logged, |p| match p {
        ElementProps::Process(x) => Some(&mut x.audit_logging),
        _ => None,
    }),
    ("throttling or a web ACL", Scope::Entry, |p| match p {
        ElementProps::Process(x) => Some(&mut x.rate_limited),
        _ => None,
    }),
];

fn in_scope(scope: Scope, kind: &str) -> bool {
    let kind = cfn_kind(kind);
    let role = match mapped(kind, false) {
        Some(Mapped::Element(role, ..)) => Some(role),
        _ => None,
    };
    match scope {
        Scope::Store => role == Some(Role::Store),
        Scope::Backup => matches!(
            kind,
            "AWS::S3::Bucket"
                | "AWS::DynamoDB::Table"
                | "AWS::Serverless::SimpleTable"
                | "AWS::RDS::DBInstance"
                | "AWS::RDS::DBCluster"
        ),
        Scope::Entry => role == Some(Role::Entry),
        Scope::Logged => {
            role == Some(Role::Entry)
                || matches!(
                    kind,
                    "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine"
                )
        }
    }
}

fn setting(props: &ElementProps, set: Setting) -> Option<bool> {
    let mut p = props.clone();
    set(&mut p).map(|b| *b)
}

/// The settings of `kind` that differ: (what, the model's, the template's).
fn settings_differing(
    kind: &str,
    model: &Element,
    template: &Element,
) -> Vec<(&'static str, Setting, bool)> {
    if model.kind() != template.kind() {
        return Vec::new();
    }
    SETTINGS
        .iter()
        .filter(|(_, scope, _)| in_scope(*scope, kind))
        .filter_map(|(what, _, set)| {
            let (m, t) = (
                setting(&model.props, *set)?,
                setting(&template.props, *set)?,
            );
            (m != t).then_some((*what, *set, t))
        })
        .collect()
}

/// Whether a line is one the importer writes on an element open to anyone (a bucket's
/// ACL or website, public access only partly blocked, a publicly accessible database).
fn exposure(line: &str) -> bool {
    const SAID: &[&str] = &[
        "makes it public",
        "Public access is only partly blocked",
        "Serves a static website",
        "Publicly accessible (",
    ];
    SAID.iter().any(|s| line.contains(s))
}

/// The template's lines saying `template` is exposed that `model` does not say, and the
/// model's such lines the template no longer says.
fn exposure_differing<'a>(
    model: &'a Element,
    template: &'a Element,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let said = |e: &'a Element| -> Vec<&'a str> {
        e.description.lines().filter(|l| exposure(l)).collect()
    };
    let (m, t) = (said(model), said(template));
    let now: Vec<&str> = t.iter().copied().filter(|l| !m.contains(l)).collect();
    let gone: Vec<&str> = m.iter().copied().filter(|l| !t.contains(l)).collect();
    (now, gone)
}

/// Which model element each template element is, by the resources they share (or, for a
/// template element with none — people, third parties — by name and kind): (diagram index,
/// element id).
fn correspondence(model: &Project, template: &Project) -> BTreeMap<ElementId, (usize, ElementId)> {
    let mut holder: BTreeMap<&str, (usize, &ElementId)> = BTreeMap::new();
    for (di, d) in model.diagrams.iter().enumerate() {
        for e in &d.elements {
            for r in e.resources.iter().filter(|r| !r.id.is_empty()) {
                holder.entry(r.id.as_str()).or_insert((di, &e.id));
            }
        }
    }
    let mut out = BTreeMap::new();
    for e in template.diagrams.iter().flat_map(|d| &d.elements) {
        let at = if let Some(r) = primary(e) {
            // By its first resource: a new resource grouped with one already in the model
            // (a log group with the key encrypting it) is a new element, not that one.
            holder
                .get(r.id.as_str())
                .map(|(di, id)| (*di, (*id).clone()))
        } else {
            model.diagrams.iter().enumerate().find_map(|(di, d)| {
                d.elements
                    .iter()
                    .find(|m| m.name == e.name && m.kind() == e.kind())
                    .map(|m| (di, m.id.clone()))
            })
        };
        if let Some(at) = at {
            out.insert(e.id.clone(), at);
        }
    }
    out
}

fn joined(d: &Diagram, a: &ElementId, b: &ElementId) -> bool {
    d.flows
        .iter()
        .any(|x| (&x.source == a && &x.target == b) || (&x.source == b && &x.target == a))
}

/// What the importer writes at the start of each flow's description.
const FROM_TEMPLATE: &str = "From the template: ";

/// The model's flows the template stated once (their description says so) between two
/// elements of the template that it no longer joins: (diagram index, flow id, template
/// source, template target).
fn stale_flows<'a>(
    model: &'a Project,
    template: &'a Project,
    corr: &BTreeMap<ElementId, (usize, ElementId)>,
) -> Vec<(usize, &'a Flow, &'a Element, &'a Element)> {
    let Some(td) = template.diagrams.first() else {
        return Vec::new();
    };
    let back: BTreeMap<(usize, &ElementId), &Element> = td
        .elements
        .iter()
        .filter_map(|e| corr.get(&e.id).map(|(di, id)| ((*di, id), e)))
        .collect();
    let mut out = Vec::new();
    for (di, d) in model.diagrams.iter().enumerate() {
        for f in d
            .flows
            .iter()
            .filter(|f| !f.out_of_scope && f.description.starts_with(FROM_TEMPLATE))
        {
            let (Some(s), Some(t)) = (back.get(&(di, &f.source)), back.get(&(di, &f.target)))
            else {
                continue;
            };
            if !joined(td, &s.id, &t.id) {
                out.push((di, f, *s, *t));
            }
        }
    }
    out
}

/// The resource a change on `e` is listed under: its first with an id.
fn primary(e: &Element) -> Option<&Resource> {
    e.resources.iter().find(|r| !r.id.is_empty())
}

/// How `model` differs from `template` (a project imported from the template now).
pub fn compare(model: &Project, template: &Project) -> Drift {
    let (have, want) = (resources(model), resources(template));
    let mut drift = Drift::default();
    let mut changed: BTreeMap<String, Changed> = BTreeMap::new();
    let mut note = |r: &Resource, what: String| {
        changed
            .entry(r.id.clone())
            .or_insert_with(|| Changed {
                resource: r.clone(),
                what: Vec::new(),
            })
            .what
            .push(what);
    };
    for (id, r) in &want {
        match have.get(id) {
            None => drift.added.push((*r).clone()),
            Some(m) if !m.kind.is_empty() && !r.kind.is_empty() && m.kind != r.kind => {
                note(r, format!("type {} -> {}", m.kind, r.kind));
            }
            Some(_) => {}
        }
    }
    for (id, r) in &have {
        if !want.contains_key(id) {
            drift.removed.push((*r).clone());
        }
    }
    let corr = correspondence(model, template);
    let find =
        |(di, id): &(usize, ElementId)| model.diagrams[*di].elements.iter().find(|e| &e.id == id);
    if let Some(td) = template.diagrams.first() {
        for t in &td.elements {
            let (Some(r), Some(m)) = (primary(t), corr.get(&t.id).and_then(find)) else {
                continue;
            };
            for (what, _, now) in settings_differing(&r.kind, m, t) {
                note(
                    r,
                    format!("{what} {}", if now { "added" } else { "removed" }),
                );
            }
            let (now, gone) = if m.kind() == t.kind() {
                exposure_differing(m, t)
            } else {
                (Vec::new(), Vec::new())
            };
            for l in now {
                note(r, format!("now public: {l}"));
            }
            for l in gone {
                note(r, format!("no longer public: {l}"));
            }
        }
        let name = |id: &ElementId| {
            td.elements
                .iter()
                .find(|e| &e.id == id)
                .map_or("?", |e| e.name.as_str())
        };
        for f in &td.flows {
            let (Some((ds, s)), Some((dt, t))) = (corr.get(&f.source), corr.get(&f.target)) else {
                continue;
            };
            if ds != dt || s == t || joined(&model.diagrams[*ds], s, t) {
                continue;
            }
            let ends = [&f.source, &f.target];
            let Some(r) = ends
                .iter()
                .filter_map(|id| td.elements.iter().find(|e| &e.id == *id))
                .find_map(primary)
            else {
                continue;
            };
            note(
                r,
                format!(
                    "new flow {} -> {} ({})",
                    name(&f.source),
                    name(&f.target),
                    f.description.trim_start_matches(FROM_TEMPLATE)
                ),
            );
        }
    }
    for (_, f, s, t) in stale_flows(model, template, &corr) {
        if let Some(r) = primary(s).or_else(|| primary(t)) {
            note(
                r,
                format!(
                    "flow \"{}\" {} -> {} no longer in the template",
                    f.name, s.name, t.name
                ),
            );
        }
    }
    drift.changed = changed.into_values().collect();
    drift
}

/// Brings `template`'s changes into `model` as one change: new elements (placed right of
/// the diagram, as the template's layout arranges them) with their flows to elements
/// already there, new resources on the elements they belong to, new types, and elements
/// left with none of their resources set out of scope with the reason. Gives the number
/// of elements added.
pub fn apply(model: &mut Project, template: &Project, template_name: &str) -> usize {
    let drift = compare(model, template);
    let Some(tdiagram) = template.diagrams.first() else {
        return 0;
    };
    // Elements in both take the template's settings and public exposure; flows it no
    // longer states go out of scope.
    let corr = correspondence(model, template);
    let stale: Vec<(usize, FlowId)> = stale_flows(model, template, &corr)
        .into_iter()
        .map(|(di, f, ..)| (di, f.id.clone()))
        .collect();
    for t in &tdiagram.elements {
        let (Some(r), Some((di, id))) = (primary(t), corr.get(&t.id)) else {
            continue;
        };
        let Some(m) = model.diagrams[*di]
            .elements
            .iter_mut()
            .find(|e| &e.id == id)
        else {
            continue;
        };
        for (_, set, now) in settings_differing(&r.kind, m, t) {
            if let Some(b) = set(&mut m.props) {
                *b = now;
            }
        }
        let (now, gone) = exposure_differing(m, t);
        let (now, gone): (Vec<String>, Vec<String>) = (
            now.into_iter().map(str::to_owned).collect(),
            gone.into_iter().map(str::to_owned).collect(),
        );
        if !now.is_empty() || !gone.is_empty() {
            let mut lines: Vec<String> = m
                .description
                .lines()
                .filter(|l| !gone.iter().any(|g| g == l))
                .map(str::to_owned)
                .collect();
            lines.extend(now);
            m.description = lines.join("\n");
        }
    }
    for (di, id) in stale {
        if let Some(f) = model.diagrams[di].flows.iter_mut().find(|f| f.id == id) {
            f.out_of_scope = true;
            f.out_of_scope_reason = format!(
                "{template_name} no longer states this flow (sync): delete it, or draw why it still exists"
            );
        }
    }
    if model.diagrams.is_empty() {
        model.diagrams.push(Diagram::new("Infrastructure"));
    }
    let right = model
        .layout
        .elements
        .values()
        .map(|r| r.x + r.w)
        .fold(0.0f32, f32::max);
    // A resource stays on the element that holds it: the team may have put it elsewhere.
    let held: rustc_hash::FxHashSet<String> =
        resources(model).into_keys().map(str::to_owned).collect();
    let mut mapped = corr;
    let mut new_elements = Vec::new();
    for e in &tdiagram.elements {
        match mapped.get(&e.id) {
            Some((di, id)) => {
                // Resources of it the model lacks join the element.
                if let Some(m) = model.diagrams[*di]
                    .elements
                    .iter_mut()
                    .find(|m| &m.id == id)
                {
                    for r in &e.resources {
                        match m.resources.iter_mut().find(|x| x.id == r.id) {
                            Some(x) => x.kind.clone_from(&r.kind),
                            None if !held.contains(&r.id) => m.resources.push(r.clone()),
                            None => {}
                        }
                    }
                }
            }
            // People and third parties of no name in the model are not added.
            None if primary(e).is_none() => {}
            None => new_elements.push(e),
        }
    }
    let left_of_new = new_elements
        .iter()
        .filter_map(|e| template.layout.elements.get(&e.id))
        .map(|r| r.x)
        .fold(f32::INFINITY, f32::min);
    let dx = if left_of_new.is_finite() {
        right + 120.0 - left_of_new
    } else {
        0.0
    };
    let taken: rustc_hash::FxHashSet<String> = model
        .diagrams
        .iter()
        .flat_map(|d| d.subjects().map(|(id, _)| id.to_owned()))
        .collect();
    let added = new_elements.len();
    for e in new_elements {
        let mut copy = e.clone();
        copy.resources.retain(|r| !held.contains(&r.id));
        if taken.contains(copy.id.as_str()) {
            copy.id = ElementId::generate();
        }
        copy.description = format!(
            "Added from {template_name} by sync.{}{}",
            if copy.description.is_empty() {
                ""
            } else {
                "\n"
            },
            copy.description
        );
        if let Some(r) = template.layout.elements.get(&e.id) {
            model
                .layout
                .elements
                .insert(copy.id.clone(), r.translated(dx, 0.0));
        }
        mapped.insert(e.id.clone(), (0, copy.id.clone()));
        model.diagrams[0].elements.push(copy);
    }
    // Flows between elements now both in the model, where none joins them yet.
    for f in &tdiagram.flows {
        let (Some((ds, s)), Some((dt, t))) = (mapped.get(&f.source), mapped.get(&f.target)) else {
            continue;
        };
        if ds != dt {
            continue;
        }
        let d = &mut model.diagrams[*ds];
        let joined = d
            .flows
            .iter()
            .any(|x| (&x.source == s && &x.target == t) || (&x.source == t && &x.target == s));
        if joined {
            continue;
        }
        let mut copy = f.clone();
        copy.source = s.clone();
        copy.target = t.clone();
        if taken.contains(copy.id.as_str()) || d.flows.iter().any(|x| x.id == copy.id) {
            copy.id = FlowId::generate();
        }
        d.flows.push(copy);
    }
    // Removed resources leave their elements; an element left with none is out of scope.
    for d in &mut model.diagrams {
        for e in &mut d.elements {
            let before = e.resources.iter().filter(|r| !r.id.is_empty()).count();
            let gone: Vec<String> = e
                .resources
                .iter()
                .filter(|r| drift.removed.iter().any(|x| x.id == r.id))
                .map(|r| r.id.clone())
                .collect();
            if gone.is_empty() {
                continue;
            }
            e.resources.retain(|r| !gone.contains(&r.id));
            if gone.len() == before && !e.out_of_scope {
                e.out_of_scope = true;
                e.out_of_scope_reason = format!(
                    "{} no longer in {template_name} (sync): delete the element, or put the resource back",
                    gone.join(", ")
                );
            }
        }
    }
    added
}
