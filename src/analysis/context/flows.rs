//! What each flow of a diagram says and crosses ([`FlowFacts`]): its words and protocol,
//! the boundaries it crosses, whether it answers a request, whether it stays at hand. Read
//! flow by flow, on several threads for a big diagram.

use rustc_hash::FxHashMap;

use super::hops::{
    answers_travel_as_asked, local_files_end, person_at_device, person_at_hand,
    person_at_own_client, responses,
};
use super::{Crossings, flow_ends};
use crate::analysis::facts::{FlowFacts, ProtocolSource};
use crate::model::{BoundaryShape, Diagram, Project};

/// Boundary-crossing facts of every flow of a diagram, in flow order.
pub(in crate::analysis) fn flow_facts(
    project: &Project,
    diagram: &Diagram,
    index: &FxHashMap<&str, usize>,
) -> Vec<FlowFacts> {
    flow_facts_on(project, diagram, index, 1)
}

/// [`flow_facts`] read on up to `threads` threads for a big diagram (each flow's are its
/// own: its words, the boundaries it crosses, its ends).
pub(in crate::analysis) fn flow_facts_on<'a>(
    project: &'a Project,
    diagram: &'a Diagram,
    index: &FxHashMap<&str, usize>,
    threads: usize,
) -> Vec<FlowFacts> {
    /// Flows per thread below which one thread reads them all (starting a thread costs
    /// more than a few hundred flows' words).
    const MIN_PART: usize = 512;
    // Each element's name read once: what a flow's ends are (a person, the machine's files).
    let names: Vec<u64> = diagram
        .elements
        .iter()
        .map(|e| crate::analysis::vocab::cues([e.name.as_str()]))
        .collect();
    let responses = responses(diagram, index, &names);
    // What the authors wrote on a flow's threats: "All endpoints use … TLS" in a
    // mitigation says how the flow travels as plainly as a protocol field, and so does
    // the Threat Modeling Tool's title of a threat on it ("Data Flow HTTPS Is Potentially
    // Interrupted": the flow was named by its protocol when the tool wrote it).
    let mut authors_said: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for t in &project.manual_threats {
        if !t.is_tool_output() {
            let said = authors_said.entry(t.subject.as_str()).or_default();
            said.push(t.record.mitigation.as_str());
            said.push(t.description.as_str());
            said.push(t.title.as_str());
        }
    }
    let regions: Vec<crate::model::Rect> = diagram
        .boundaries
        .iter()
        .filter_map(|b| match project.layout.boundaries.get(&b.id) {
            Some(BoundaryShape::Region(r)) => Some(*r),
            _ => None,
        })
        .collect();
    let one = |flow: &'a crate::model::Flow,
               response: bool,
               crossings: &mut Crossings<'a>,
               memo: &mut crate::analysis::vocab::ProtocolMemo<'a>| {
        let mut facts = FlowFacts::words_with(flow, memo);
        facts.response = response;
        // What the flow itself names, before it takes an end's protocol.
        let named_networked = facts.protocol.is_some_and(|p| p.networked());
        // A flow that names no protocol travels as an end says its communication does
        // ("a payment service; communication secured via HTTPS/TLS"), or as the authors'
        // threats on it say, where that is a secure protocol: what the team wrote,
        // never weakened by it.
        if facts.protocol.is_none() && flow.protocol.trim().is_empty() {
            let said = [&flow.source, &flow.target]
                .into_iter()
                .filter_map(|end| index.get(end.as_str()))
                .find_map(|&i| {
                    let e = &diagram.elements[i];
                    memo.get(&e.description)
                        .or_else(|| memo.get(&e.technology))
                        .filter(|p| p.encrypted)
                })
                .map(|p| (p, ProtocolSource::End))
                .or_else(|| {
                    authors_said
                        .get(flow.id.as_str())?
                        .iter()
                        .find_map(|text| memo.get(text).filter(|p| p.encrypted))
                        .map(|p| (p, ProtocolSource::AuthorsThreats))
                });
            if let Some((p, source)) = said {
                // How it travels, not what it is: an end reached "by RDP over VPN" makes
                // none of its flows a remote-administration session, unless the flow
                // says it is one ("remote desktop" from "TeamViewer, unattended access").
                facts.protocol = Some(crate::analysis::vocab::Protocol {
                    remote_admin: p.remote_admin
                        && crate::analysis::vocab::names_remote_session(&flow.name),
                    ..p
                });
                facts.protocol_source = source;
            }
        }
        crossings.of(flow, index, |i, bit| {
            facts.crossed.push(i);
            facts.crossed_types |= bit;
        });
        // An answer is written in its sender's format (an OpenSearch service answers
        // in XML); a request is not (an OpenSearch client sends a query string).
        let sender = index
            .get(flow.source.as_str())
            .filter(|_| response)
            .map_or(0, |&i| names[i]);
        facts.format_cues = (facts.cues | sender)
            & (crate::analysis::vocab::cue::XML | crate::analysis::vocab::cue::SERIALIZED);
        let ends = flow_ends(index, flow);
        let at_device = ends.is_some_and(|e| person_at_device(diagram, e, &names));
        facts.local = ends.is_some_and(|e| {
            // A person inside the process's boundary who reaches it over HTTPS or SSH
            // uses it from their own machine: a network hop all the same.
            (facts.crossed.is_empty()
                && !named_networked
                && person_at_hand(project, diagram, e, &regions, &names))
                || person_at_own_client(diagram, e, &names)
                || at_device
                || local_files_end(e, &names)
        });
        // A badge, card or fob a person holds to a reader travels by radio (RFID).
        if at_device
            && facts.protocol.is_none()
            && flow.protocol.trim().is_empty()
            && crate::analysis::vocab::names_tapped_token(&flow.name)
        {
            facts.protocol = crate::analysis::vocab::protocol("rfid");
            facts.protocol_source = ProtocolSource::Name;
        }
        facts
    };
    let items: Vec<(&'a crate::model::Flow, bool)> = diagram.flows.iter().zip(responses).collect();
    let read = |part: &[(&'a crate::model::Flow, bool)]| -> Vec<FlowFacts> {
        let mut crossings = Crossings::new(project, diagram);
        let mut memo = crate::analysis::vocab::ProtocolMemo::default();
        part.iter()
            .map(|&(flow, response)| one(flow, response, &mut crossings, &mut memo))
            .collect()
    };
    let parts = crate::parallel::split_evenly(&items, threads, MIN_PART);
    let mut facts: Vec<FlowFacts> = if parts.len() < 2 {
        read(&items)
    } else {
        crate::parallel::in_parallel(parts, threads, read)
            .into_iter()
            .flatten()
            .collect()
    };
    answers_travel_as_asked(diagram, &mut facts);
    facts
}
