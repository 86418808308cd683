//! A model kept in step with its template: which resources (by logical id or Terraform
//! address) the template added, removed or changed the type of since the model was made,
//! and the one change that brings them in. Nothing the team wrote is dropped: an element
//! whose resources all went is set out of scope with the reason, not deleted, so its
//! decisions stay to be looked at.

use std::collections::BTreeMap;

use super::kinds::data_or_entry;
use crate::model::*;

/// What differs, each list sorted by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drift {
    /// In the template, in no element of the model.
    pub added: Vec<Resource>,
    /// In the model, no longer in the template.
    pub removed: Vec<Resource>,
    /// The same id with another type: (the model's, the template's).
    pub changed: Vec<(Resource, Resource)>,
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

/// How `model` differs from `template` (a project imported from the template now).
pub fn compare(model: &Project, template: &Project) -> Drift {
    let (have, want) = (resources(model), resources(template));
    let mut drift = Drift::default();
    for (id, r) in &want {
        match have.get(id) {
            None => drift.added.push((*r).clone()),
            Some(m) if !m.kind.is_empty() && !r.kind.is_empty() && m.kind != r.kind => {
                drift.changed.push(((*m).clone(), (*r).clone()));
            }
            Some(_) => {}
        }
    }
    for (id, r) in &have {
        if !want.contains_key(id) {
            drift.removed.push((*r).clone());
        }
    }
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
    if model.diagrams.is_empty() {
        model.diagrams.push(Diagram::new("Infrastructure"));
    }
    // Which model element each template element is: the one holding any of its resources.
    let holder = |model: &Project, e: &Element| -> Option<(usize, ElementId)> {
        model.diagrams.iter().enumerate().find_map(|(di, d)| {
            d.elements
                .iter()
                .find(|m| {
                    m.resources
                        .iter()
                        .any(|r| !r.id.is_empty() && e.resources.iter().any(|t| t.id == r.id))
                })
                .map(|m| (di, m.id.clone()))
        })
    };
    let right = model
        .layout
        .elements
        .values()
        .map(|r| r.x + r.w)
        .fold(0.0f32, f32::max);
    let mut mapped: BTreeMap<ElementId, (usize, ElementId)> = BTreeMap::new();
    let mut new_elements = Vec::new();
    for e in &tdiagram.elements {
        if e.resources.iter().all(|r| r.id.is_empty()) {
            // People and third parties have no resource: the one of the same name.
            let same = model.diagrams.iter().enumerate().find_map(|(di, d)| {
                d.elements
                    .iter()
                    .find(|m| m.name == e.name && m.kind() == e.kind())
                    .map(|m| (di, m.id.clone()))
            });
            if let Some(at) = same {
                mapped.insert(e.id.clone(), at);
            }
            continue;
        }
        match holder(model, e) {
            Some(at) => {
                // Resources of it the model lacks join the element.
                let (di, id) = &at;
                if let Some(m) = model.diagrams[*di]
                    .elements
                    .iter_mut()
                    .find(|m| &m.id == id)
                {
                    for r in &e.resources {
                        match m.resources.iter_mut().find(|x| x.id == r.id) {
                            Some(x) => x.kind.clone_from(&r.kind),
                            None => m.resources.push(r.clone()),
                        }
                    }
                }
                mapped.insert(e.id.clone(), at);
            }
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
