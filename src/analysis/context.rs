//! What the diagram says about each element and flow beyond its own properties: which
//! trust boundaries a flow crosses, who reaches an element and from where, which elements
//! belong to one third-party provider, which flows come from anonymous actors.

use rustc_hash::FxHashMap;

use super::facts::{ElementFacts, FlowFacts, boundary_type_bit};
use crate::model::{BoundaryShape, BoundaryType, Diagram, ElementKind, ElementProps, Pos, Project};
use crate::scene;

/// Boundary-crossing facts of every flow of a diagram, in flow order.
pub(super) fn flow_facts(
    project: &Project,
    diagram: &Diagram,
    index: &FxHashMap<&str, usize>,
) -> Vec<FlowFacts> {
    let layout = &project.layout;
    let centers: Vec<Option<Pos>> = diagram
        .elements
        .iter()
        .map(|e| layout.elements.get(&e.id).map(|r| r.center()))
        .collect();
    let internet = boundary_type_bit(BoundaryType::Internet);
    let shapes: Vec<(usize, &BoundaryShape, u8)> = diagram
        .boundaries
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            // A boundary named "Internet", "Public network" or "DMZ" is one, whatever
            // type an importer gave it.
            let named_internet =
                super::vocab::cues([b.name.as_str()]) & super::vocab::cue::INTERNET != 0;
            let bits =
                boundary_type_bit(b.boundary_type) | if named_internet { internet } else { 0 };
            layout.boundaries.get(&b.id).map(|s| (i, s, bits))
        })
        .collect();
    let mut path: Vec<Pos> = Vec::new();
    let mut memo = super::vocab::ProtocolMemo::default();
    diagram
        .flows
        .iter()
        .map(|flow| {
            let ends = (
                index.get(flow.source.as_str()).and_then(|i| centers[*i]),
                index.get(flow.target.as_str()).and_then(|i| centers[*i]),
            );
            let mut facts = FlowFacts::words_with(flow, &mut memo);
            let (Some(a), Some(b)) = ends else {
                return facts;
            };
            path.clear();
            path.push(a);
            if !layout.waypoints.is_empty() {
                if let Some(points) = layout.waypoints.get(&flow.id) {
                    path.extend_from_slice(points);
                }
            }
            path.push(b);
            for (i, shape, bit) in &shapes {
                if scene::path_crosses(&path, shape) {
                    facts.crossed.push(*i);
                    facts.crossed_types |= bit;
                }
            }
            facts
        })
        .collect()
}

/// For each element: whether it leads its provider group. Third-party processes and stores
/// linked by flows between them are one provider (a payment provider's API and its payment
/// service); the first in diagram order leads. Every other element leads itself.
pub(super) fn provider_leads(
    diagram: &Diagram,
    index: &FxHashMap<&str, usize>,
    efacts: &[ElementFacts<'_>],
) -> Vec<bool> {
    let internal =
        |i: usize| efacts[i].third_party && efacts[i].element.kind() != ElementKind::ExternalEntity;
    let mut group: Vec<usize> = (0..efacts.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for flow in &diagram.flows {
        let (Some(&s), Some(&t)) = (
            index.get(flow.source.as_str()),
            index.get(flow.target.as_str()),
        ) else {
            continue;
        };
        if internal(s) && internal(t) {
            let (a, b) = (root(&mut group, s), root(&mut group, t));
            // The earlier element stays the root, so it leads.
            group[a.max(b)] = a.min(b);
        }
    }
    (0..efacts.len())
        .map(|i| root(&mut group, i) == i)
        .collect()
}

/// What each element's words say ([`super::vocab::cue`] bits of its name, description and
/// technology), read once per analysis.
pub(super) fn element_cues(diagram: &Diagram) -> Vec<u32> {
    diagram
        .elements
        .iter()
        .map(|e| {
            super::vocab::cues([
                e.name.as_str(),
                e.description.as_str(),
                e.technology.as_str(),
            ])
        })
        .collect()
}

/// Flows to or from an anonymous actor come from the internet: anyone can be that actor.
pub(super) fn mark_anonymous_sources(
    diagram: &Diagram,
    index: &FxHashMap<&str, usize>,
    cues: &[u32],
    facts: &mut [FlowFacts],
) {
    let anonymous: Vec<bool> = diagram
        .elements
        .iter()
        .zip(cues)
        .map(|(e, &c)| ElementFacts::is_anonymous(e, c))
        .collect();
    if !anonymous.contains(&true) {
        return;
    }
    for (flow, ff) in diagram.flows.iter().zip(facts.iter_mut()) {
        let end = |id: &str| index.get(id).is_some_and(|&i| anonymous[i]);
        ff.from_anonymous = end(flow.source.as_str()) || end(flow.target.as_str());
    }
}

pub(super) fn element_facts<'a>(
    project: &Project,
    diagram: &'a Diagram,
    index: &FxHashMap<&str, usize>,
    cues: &[u32],
    facts: &[FlowFacts],
) -> Vec<ElementFacts<'a>> {
    // Regions marked third-party: what is inside them is a provider's.
    let provider_regions: Vec<crate::model::Rect> = diagram
        .boundaries
        .iter()
        .filter(|b| b.third_party)
        .filter_map(|b| match project.layout.boundaries.get(&b.id) {
            Some(BoundaryShape::Region(r)) => Some(*r),
            _ => None,
        })
        .collect();
    let mut efacts: Vec<ElementFacts<'_>> = diagram
        .elements
        .iter()
        .zip(cues)
        .map(|(element, &cues)| {
            let marked = match &element.props {
                ElementProps::Process(p) => p.third_party,
                ElementProps::DataStore(p) => p.third_party,
                ElementProps::ExternalEntity(p) => p.third_party,
            };
            let in_provider_region = !provider_regions.is_empty()
                && project.layout.elements.get(&element.id).is_some_and(|r| {
                    provider_regions
                        .iter()
                        .any(|region| region.contains(r.center()))
                });
            ElementFacts {
                element,
                inputs: 0,
                outputs: 0,
                reached_across_boundary: false,
                reached_from_internet: false,
                talks_to_identity_provider: false,
                cues,
                third_party: marked
                    || in_provider_region
                    || cues & super::vocab::cue::THIRD_PARTY != 0,
                database_flows: false,
                internet_callers: false,
                is_described: false,
            }
        })
        .collect();
    let is_idp = |i: usize| matches!(&diagram.elements[i].props, ElementProps::ExternalEntity(p) if p.identity_provider);
    for (flow, ff) in diagram.flows.iter().zip(facts) {
        let (Some(&s), Some(&t)) = (
            index.get(flow.source.as_str()),
            index.get(flow.target.as_str()),
        ) else {
            continue;
        };
        let from_internet = ff.from_internet(flow);
        let mut reach = |from: usize, to: usize| {
            efacts[from].outputs += 1;
            efacts[to].inputs += 1;
            efacts[to].reached_across_boundary |= ff.crosses();
            efacts[to].reached_from_internet |= from_internet;
            efacts[to].internet_callers |=
                from_internet && efacts[from].element.kind() != ElementKind::DataStore;
        };
        reach(s, t);
        if flow.bidirectional {
            reach(t, s);
        }
        if ff.cues & super::vocab::cue::DATABASE != 0 || ff.protocol.is_some_and(|p| p.database) {
            efacts[s].database_flows = true;
            efacts[t].database_flows = true;
        }
        if is_idp(t) {
            efacts[s].talks_to_identity_provider = true;
        }
        if is_idp(s) {
            efacts[t].talks_to_identity_provider = true;
        }
    }
    for ef in &mut efacts {
        ef.is_described = ef.described();
    }
    efacts
}
