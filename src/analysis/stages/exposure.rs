//! Stage 2, exposure: what reaches what. The in-scope flows between each pair of elements
//! become one connection — parallel flows and request/response legs are asked about once,
//! so a rule gives one finding for the pair, not one per arrow — and each flow's ends are
//! looked up once for the stages after. Flows marked out of scope are set aside with the
//! author's reason; third-party elements joined by the provider's own flows are one
//! provider, answered once.

use rustc_hash::FxHashMap;

use super::super::context::{flow_ends, provider_leads};
use super::super::facts::kind_index;
use super::super::{OutOfScope, SubjectKind};
use super::facts::DiagramFacts;
use crate::model::Diagram;

/// A connection: the in-scope flows between one pair of elements, in either direction.
pub(in crate::analysis) struct Connection {
    /// Element indices, lower first.
    pub(in crate::analysis) ends: (usize, usize),
    /// Flow indices, in diagram order.
    pub(in crate::analysis) flows: Vec<usize>,
}

/// What reaches what in one diagram.
pub(in crate::analysis) struct Exposure {
    /// The connections, in the order of their first flow.
    pub(in crate::analysis) connections: Vec<Connection>,
    /// The flows the authors left out of scope, in diagram order.
    pub(in crate::analysis) flows_out_of_scope: Vec<OutOfScope>,
    /// Whether each element is the first of its provider (only it gets the provider's
    /// dependency finding).
    pub(in crate::analysis) provider_lead: Vec<bool>,
    /// Each flow's ends as element indices (0 for an end that is not found).
    pub(in crate::analysis) ends: Vec<(usize, usize)>,
    /// Each element's kind as `facts::kind_index`.
    pub(in crate::analysis) kinds: Vec<u8>,
}

/// What reaches what in `diagram`, from its facts.
pub(in crate::analysis) fn trace(diagram: &Diagram, facts: &DiagramFacts<'_>) -> Exposure {
    let index = &facts.index;
    let mut connections: Vec<Connection> = Vec::new();
    let mut connection_of: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut flows_out_of_scope = Vec::new();
    for (fi, flow) in diagram.flows.iter().enumerate() {
        if flow.out_of_scope {
            flows_out_of_scope.push(OutOfScope {
                subject: flow.id.to_string(),
                subject_kind: SubjectKind::Flow,
                name: flow.name.clone(),
                diagram: diagram.name.clone(),
                reason: flow.out_of_scope_reason.clone(),
            });
            continue;
        }
        let Some((s, t)) = flow_ends(index, flow) else {
            continue; // reported by validation
        };
        let ends = (s.min(t), s.max(t));
        let next = connections.len();
        let ci = *connection_of.entry(ends).or_insert(next);
        if ci == next {
            connections.push(Connection {
                ends,
                flows: Vec::new(),
            });
        }
        connections[ci].flows.push(fi);
    }
    // One provider, one dependency: third-party elements joined by the provider's own
    // flows are one provider; only the first of each gets the dependency finding.
    let provider_lead = provider_leads(diagram, index, &facts.elements);
    // Each flow's ends as element indices, looked up once.
    let ends: Vec<(usize, usize)> = diagram
        .flows
        .iter()
        .map(|f| {
            (
                index.get(f.source.as_str()).copied().unwrap_or(0),
                index.get(f.target.as_str()).copied().unwrap_or(0),
            )
        })
        .collect();
    let kinds: Vec<u8> = diagram
        .elements
        .iter()
        .map(|e| kind_index(e.kind()))
        .collect();
    Exposure {
        connections,
        flows_out_of_scope,
        provider_lead,
        ends,
        kinds,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{connection_between, shop, with_scene};

    /// The query and its answer between the API and the database are one connection (one
    /// finding per rule, not one per arrow); the browser's requests are another.
    #[test]
    fn a_request_and_its_answer_are_one_connection() {
        let (p, [browser, api, db]) = shop("HTTPS");
        with_scene(&p, |scene, _, _| {
            let conns = &scene.exposure.connections;
            assert_eq!(conns.len(), 2);
            assert_eq!(
                conns[connection_between(scene, &api, &db)].flows,
                vec![1, 2]
            );
            assert_eq!(
                conns[connection_between(scene, &browser, &api)].flows,
                vec![0]
            );
            assert!(scene.exposure.flows_out_of_scope.is_empty());
        });
    }

    /// A flow the authors left out of scope reaches nothing: it is set aside with their
    /// reason, in no connection.
    #[test]
    fn an_out_of_scope_flow_reaches_nothing() {
        let (mut p, [browser, api, _]) = shop("HTTPS");
        p.diagrams[0].flows[0].out_of_scope = true;
        p.diagrams[0].flows[0].out_of_scope_reason = "the CDN team's".into();
        with_scene(&p, |scene, _, _| {
            let conns = &scene.exposure.connections;
            assert_eq!(conns.len(), 1);
            assert!(conns.iter().all(|c| !c.flows.contains(&0)));
            let (a, b) = (
                scene.facts.index[browser.as_str()],
                scene.facts.index[api.as_str()],
            );
            assert!(conns.iter().all(|c| c.ends != (a.min(b), a.max(b))));
            let set_aside = &scene.exposure.flows_out_of_scope;
            assert_eq!(set_aside.len(), 1);
            assert_eq!(set_aside[0].subject, p.diagrams[0].flows[0].id.to_string());
            assert_eq!(set_aside[0].reason, "the CDN team's");
        });
    }
}
