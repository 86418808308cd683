//! What the diagram says about each element and flow beyond its own properties: which
//! trust boundaries a flow crosses, who reaches an element and from where, which elements
//! belong to one third-party provider, which flows come from anonymous actors.

use rustc_hash::FxHashMap;

use super::facts::{ElementFacts, FlowFacts, boundary_type_bit, caller};
use crate::model::{BoundaryShape, BoundaryType, Diagram, ElementKind, ElementProps, Pos, Project};
use crate::scene;

mod around;
mod flows;
mod hops;
pub(super) use flows::{flow_facts, flow_facts_on};

// Everything the analysis reads from the layout is read by the three helpers below
// (`Crossings`, `ProviderRegions`, `region_members`), and `LayoutFacts` records what they
// answer: two layouts with the same facts give the same analysis.

/// Which trust boundaries each flow of a diagram crosses: the line from its source's
/// centre through its bends to its target's centre, against each boundary's shape.
struct Crossings<'p> {
    project: &'p Project,
    centers: Vec<Option<Pos>>,
    /// Boundary index, shape, type bits, and the type bits for a flow with no external
    /// entity at either end: without the internet's for a boundary named "DMZ" and
    /// nothing more, the same otherwise.
    shapes: Vec<(usize, &'p BoundaryShape, u8, u8)>,
    /// Per element: an external entity.
    external: Vec<bool>,
    path: Vec<Pos>,
}

impl<'p> Crossings<'p> {
    fn new(project: &'p Project, diagram: &Diagram) -> Self {
        let layout = &project.layout;
        let internet = boundary_type_bit(BoundaryType::Internet);
        Self {
            project,
            centers: diagram
                .elements
                .iter()
                .map(|e| layout.elements.get(&e.id).map(|r| r.center()))
                .collect(),
            shapes: diagram
                .boundaries
                .iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    // A boundary named "Internet", "Public network" or "DMZ" is one,
                    // whatever type an importer gave it. A DMZ is the internet's edge:
                    // what comes in from outside crosses from the internet, what its
                    // hosts send on inward does not.
                    let named_internet =
                        super::vocab::cues([b.name.as_str()]) & super::vocab::cue::INTERNET != 0;
                    let dmz_only = named_internet
                        && b.boundary_type != BoundaryType::Internet
                        && super::vocab::names_only_dmz(&b.name);
                    let bits = boundary_type_bit(b.boundary_type)
                        | if named_internet { internet } else { 0 };
                    let inward = if dmz_only { bits & !internet } else { bits };
                    layout.boundaries.get(&b.id).map(|s| (i, s, bits, inward))
                })
                .collect(),
            external: diagram
                .elements
                .iter()
                .map(|e| e.kind() == ElementKind::ExternalEntity)
                .collect(),
            path: Vec::new(),
        }
    }

    /// Calls `crossed(boundary index, type bits)` for each boundary `flow` crosses.
    fn of(
        &mut self,
        flow: &crate::model::Flow,
        index: &FxHashMap<&str, usize>,
        mut crossed: impl FnMut(usize, u8),
    ) {
        let end = |id: &str| index.get(id).and_then(|i| self.centers[*i]);
        let (Some(a), Some(b)) = (end(flow.source.as_str()), end(flow.target.as_str())) else {
            return;
        };
        self.path.clear();
        self.path.push(a);
        let waypoints = &self.project.layout.waypoints;
        if !waypoints.is_empty() {
            if let Some(points) = waypoints.get(&flow.id) {
                self.path.extend_from_slice(points);
            }
        }
        self.path.push(b);
        let outside = |id: &str| index.get(id).is_some_and(|&i| self.external[i]);
        for &(i, shape, bits, inward) in &self.shapes {
            if scene::path_crosses(&self.path, shape) {
                // Asked only of a DMZ line the flow crosses.
                let from_outside =
                    || outside(flow.source.as_str()) || outside(flow.target.as_str());
                crossed(
                    i,
                    if inward != bits && !from_outside() {
                        inward
                    } else {
                        bits
                    },
                );
            }
        }
    }
}

/// The regions of a diagram's boundaries marked third-party: what is inside is a provider's.
struct ProviderRegions(Vec<crate::model::Rect>);

impl ProviderRegions {
    fn new(project: &Project, diagram: &Diagram) -> Self {
        Self(
            diagram
                .boundaries
                .iter()
                .filter(|b| b.third_party)
                .filter_map(|b| match project.layout.boundaries.get(&b.id) {
                    Some(BoundaryShape::Region(r)) => Some(*r),
                    _ => None,
                })
                .collect(),
        )
    }

    fn contain(&self, project: &Project, element: &crate::model::Element) -> bool {
        !self.0.is_empty()
            && project
                .layout
                .elements
                .get(&element.id)
                .is_some_and(|r| self.0.iter().any(|region| region.contains(r.center())))
    }
}

/// The indices of the first `limit` elements inside boundary `b`, when it is a region (an
/// unnamed boundary is named by what it encloses); `None` for a line or a missing shape.
pub(super) fn region_members(
    project: &Project,
    diagram: &Diagram,
    b: &crate::model::Boundary,
    limit: usize,
) -> Option<Vec<usize>> {
    let Some(BoundaryShape::Region(r)) = project.layout.boundaries.get(&b.id) else {
        return None;
    };
    Some(
        diagram
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                project
                    .layout
                    .elements
                    .get(&e.id)
                    .is_some_and(|er| r.contains(er.center()))
            })
            .map(|(i, _)| i)
            .take(limit)
            .collect(),
    )
}

/// How many elements name an unnamed region boundary.
pub(super) const REGION_NAMED_BY: usize = 3;

/// What the analysis of a project reads from its layout, per diagram: the boundaries each
/// flow crosses, which elements sit in a third-party region, and the elements that name
/// each unnamed region. A layout change that leaves these equal leaves the analysis as it
/// was (the editor then keeps it instead of analysing again).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LayoutFacts(Vec<DiagramLayoutFacts>);

#[derive(Debug, Default, PartialEq, Eq)]
struct DiagramLayoutFacts {
    /// Flow index and boundary index, for each crossing.
    crossings: Vec<(u32, u32)>,
    /// Indices of the elements inside a third-party region.
    in_provider_region: Vec<u32>,
    /// For each unnamed boundary: the elements that name it.
    namers: Vec<Option<Vec<usize>>>,
}

impl LayoutFacts {
    pub fn of(project: &Project) -> Self {
        Self(
            project
                .diagrams
                .iter()
                .map(|diagram| {
                    let index = super::engine::element_index(diagram);
                    let mut crossings = Crossings::new(project, diagram);
                    let mut found = Vec::new();
                    for (fi, flow) in diagram.flows.iter().enumerate() {
                        crossings.of(flow, &index, |bi, _| found.push((fi as u32, bi as u32)));
                    }
                    let regions = ProviderRegions::new(project, diagram);
                    DiagramLayoutFacts {
                        crossings: found,
                        in_provider_region: diagram
                            .elements
                            .iter()
                            .enumerate()
                            .filter(|(_, e)| regions.contain(project, e))
                            .map(|(i, _)| i as u32)
                            .collect(),
                        namers: diagram
                            .boundaries
                            .iter()
                            .map(|b| {
                                super::vocab::clean_name(&b.name)
                                    .is_empty()
                                    .then(|| region_members(project, diagram, b, REGION_NAMED_BY))?
                            })
                            .collect(),
                    }
                })
                .collect(),
        )
    }
}

/// The positions of a flow's two ends among the diagram's elements (`index`: element id
/// to position); `None` when an end is not an element of the diagram.
pub(super) fn flow_ends(
    index: &FxHashMap<&str, usize>,
    flow: &crate::model::Flow,
) -> Option<(usize, usize)> {
    Some((
        *index.get(flow.source.as_str())?,
        *index.get(flow.target.as_str())?,
    ))
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
        let Some((s, t)) = flow_ends(index, flow) else {
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
pub(super) fn element_cues(diagram: &Diagram) -> Vec<u64> {
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
    cues: &[u64],
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
    cues: &[u64],
    facts: &[FlowFacts],
) -> Vec<ElementFacts<'a>> {
    let provider_regions = ProviderRegions::new(project, diagram);
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
            let in_provider_region = provider_regions.contain(project, element);
            let own_name_cues = super::vocab::cues([element.name.as_str()]);
            let name_cues = own_name_cues | super::vocab::cues([element.technology.as_str()]);
            // Run by another organisation by its name or technology ("Stripe", "Auth0"); a
            // description naming a provider says what the element uses ("OAuth2
            // (Cognito)"), except for an actor, which is described as what it is.
            // ("stripe-webhooks", "Twilio adapter": the team's own endpoint or client for
            // that provider, named after it; "Offers sheet (Google Sheets)", "Results
            // (S3 + CloudFront)": the team's own store on a platform it rents.)
            let own_adapter = element.kind() != ElementKind::ExternalEntity
                && (own_name_cues & super::vocab::cue::WEBHOOK != 0
                    || super::vocab::names_adapter(&element.name)
                    || (element.kind() == ElementKind::DataStore
                        && super::vocab::names_hosted_resource(&element.name)));
            // A person by name ("Treasury approver: Okta Verify push") uses the vendor
            // their description names; they are not its service, unless it says they work
            // for a third party ("3rd party service company").
            let (sign_in_provider, signs_in_with_provider) =
                super::facts::caller::sso_said(element);
            let person = (own_name_cues & super::vocab::cue::HUMAN != 0 || signs_in_with_provider)
                && own_name_cues & super::vocab::cue::THIRD_PARTY == 0
                && !super::vocab::says_third_party(&element.description);
            let named_third_party = !own_adapter
                && if element.kind() == ElementKind::ExternalEntity && !person {
                    cues
                } else {
                    name_cues
                } & super::vocab::cue::THIRD_PARTY
                    != 0;
            ElementFacts {
                cues,
                controls: super::vocab::controls([
                    element.name.as_str(),
                    element.technology.as_str(),
                    element.description.as_str(),
                ]),
                design: super::vocab::designs([
                    element.name.as_str(),
                    element.technology.as_str(),
                    element.description.as_str(),
                ]),
                third_party: marked || in_provider_region || named_third_party,
                data: cues & super::vocab::cue::DATA,
                name_cues,
                own_name_cues,
                hardware_name: super::vocab::names_hardware_at_hand(&element.name),
                support_desk_name: super::vocab::names_support_desk(&element.name),
                sign_in_provider,
                signs_in_with_provider,
                ..ElementFacts::blank(element)
            }
        })
        .collect();
    // An identity provider: an external entity marked so or whose words say so ("Cognito",
    // "Corporate IdP"), or a third party's service ("Auth0"). Our own login service is an
    // entry point of its own, not a provider whose tokens others check.
    let idp: Vec<bool> = efacts
        .iter()
        .map(|e| {
            e.identity_role()
                && (e.element.kind() == ElementKind::ExternalEntity
                    || (e.element.kind() == ElementKind::Process
                        && (e.third_party
                            || super::vocab::flow_marks(&e.element.name, "", "")
                                & super::vocab::mark::FEDERATION
                                != 0)))
        })
        .collect();
    let is_idp = |i: usize| idp[i];
    for (flow, ff) in diagram.flows.iter().zip(facts) {
        let Some((s, t)) = flow_ends(index, flow) else {
            continue;
        };
        let from_internet = ff.from_internet(flow);
        let mut reach = |from: usize, to: usize| {
            efacts[from].outputs += 1;
            if efacts[to].element.kind() != ElementKind::ExternalEntity {
                efacts[from].outputs_inward += 1;
            }
            efacts[to].inputs += 1;
            efacts[to].reached_across_boundary |= ff.crosses();
            efacts[to].reached_from_internet |= from_internet;
            // An identity provider answering over the internet ("OIDC", both ways) calls
            // nothing of the service's: it exposes no administration.
            efacts[to].internet_callers |= from_internet
                && efacts[from].element.kind() != ElementKind::DataStore
                && !is_idp(from);
        };
        reach(s, t);
        if flow.bidirectional {
            reach(t, s);
        }
        efacts[s].sends_webhooks |= ff.cues & super::vocab::cue::WEBHOOK != 0;
        if ff.cues & super::vocab::cue::DATABASE != 0 || ff.protocol.is_some_and(|p| p.database) {
            efacts[s].database_flows = true;
            efacts[t].database_flows = true;
        }
        // An identity provider pushing accounts ("SCIM POST/PATCH") signs nobody in: no
        // token of its own reaches the service it provisions.
        let provisions = ff.marks & super::vocab::mark::PROVISIONING != 0;
        if is_idp(t) && !provisions {
            efacts[s].talks_to_identity_provider = true;
        }
        if (is_idp(s) && !provisions) || efacts[s].signs_in_with_provider {
            efacts[t].talks_to_identity_provider = true;
        }
    }
    for ef in &mut efacts {
        ef.is_described = ef.described();
    }
    entry_points(diagram, index, facts, &mut efacts);
    // Staff who act for the customers who call or walk in reach it, by their names or its
    // own ("Care agent", "Helpdesk", "Agent desktop").
    let desk: Vec<bool> = efacts.iter().map(|e| e.support_desk_name).collect();
    for ef in &mut efacts {
        ef.support_desk = ef.element.kind() == ElementKind::Process
            && ef.callers & caller::PERSON != 0
            && (ef.support_desk_name || ef.via.iter().any(|&c| desk[c as usize]));
    }
    around::said_of_the_model(&project.meta.description, &mut efacts);
    // Roles the model's own description names for its people ("the user could be a
    // patient or a healthcare professional"): an entry point called only by generic users
    // serves those roles.
    let described = super::vocab::role_nouns(&project.meta.description);
    if described >= 2 {
        let generic: Vec<bool> = efacts
            .iter()
            .map(|e| super::vocab::names_users_in_general(&e.element.name))
            .collect();
        for ef in &mut efacts {
            // A caller named by its role ("Supervisor", "Instructor") is that role alone.
            if ef.roles == 1
                && ef.callers & caller::PERSON != 0
                && ef.via.iter().all(|&c| generic[c as usize])
            {
                ef.roles = described;
            }
        }
    }
    efacts
        .iter_mut()
        .for_each(|ef| ef.kind_memo = ef.caller_kind());
    efacts
}

/// How many callers or entry points an element keeps for naming them.
const VIA_KEPT: usize = 6;

/// Exposure from what reaches what: a flow from outside (an external entity, an element out
/// of scope, client software, a third party's service) into a process makes it an entry
/// point, boundary drawn or not, and records who calls; the processes an entry point calls
/// and the stores it uses are one hop behind it. Also the kinds of data on each element's
/// flows, and which elements see session cookies.
fn entry_points<'e>(
    diagram: &'e Diagram,
    index: &FxHashMap<&str, usize>,
    facts: &[FlowFacts],
    efacts: &mut [ElementFacts<'e>],
) {
    use super::vocab::cue;
    let outside: Vec<bool> = efacts.iter().map(|e| e.outside()).collect();
    let job: Vec<bool> = efacts
        .iter()
        .map(|e| hops::scheduled_job(e.element))
        .collect();
    let kinds: Vec<u16> = efacts
        .iter()
        .zip(&outside)
        .map(|(e, &o)| if o { e.caller_kind() } else { 0 })
        .collect();
    // Callers named as staff who work over every record (read once per element).
    let staff: Vec<bool> = efacts
        .iter()
        .zip(&kinds)
        .map(|(e, &k)| k != 0 && super::vocab::names_staff(&e.element.name))
        .collect();
    let store =
        |efacts: &[ElementFacts<'_>], i: usize| efacts[i].element.kind() == ElementKind::DataStore;
    // What reaches what: a flow the authors put out of scope ("same machine, same
    // process") carries no exposure, and a stand-in an importer put at a loose flow end is
    // nobody — neither is a caller.
    let stand_in: Vec<bool> = efacts.iter().map(ElementFacts::stand_in).collect();
    let ends: Vec<Option<(usize, usize)>> = diagram
        .flows
        .iter()
        .map(|flow| {
            if flow.out_of_scope {
                return None;
            }
            let (s, t) = flow_ends(index, flow)?;
            (!stand_in[s] && !stand_in[t]).then_some((s, t))
        })
        .collect();
    // A third party's service that outside callers reach first (a CDN, a hosted gateway)
    // passes their requests on: those callers, not the provider, call what is behind it.
    let fronting = |efacts: &[ElementFacts<'_>], i: usize| {
        efacts[i].third_party && efacts[i].element.kind() == ElementKind::Process
    };
    let mut upstream: Vec<(u16, Vec<u32>)> = vec![(0, Vec::new()); efacts.len()];
    for (flow, e) in diagram.flows.iter().zip(&ends) {
        let Some((s, t)) = *e else { continue };
        for (from, to) in [(s, t), (t, s)] {
            if (from, to) == (t, s) && !flow.bidirectional {
                continue;
            }
            if outside[from] && !fronting(efacts, from) && fronting(efacts, to) {
                upstream[to].0 |= kinds[from];
                if upstream[to].1.len() < VIA_KEPT && !upstream[to].1.contains(&(from as u32)) {
                    upstream[to].1.push(from as u32);
                }
            }
        }
    }
    // Client software (a browser front end, a mobile app) passes on what its people ask:
    // the people who use it, not the client, are the callers of what it calls.
    let mut users: Vec<(u16, Vec<u32>)> = vec![(0, Vec::new()); efacts.len()];
    for e in &ends {
        let Some((s, t)) = *e else { continue };
        for (person, app) in [(s, t), (t, s)] {
            if efacts[app].client()
                && efacts[person].element.kind() == ElementKind::ExternalEntity
                && kinds[person] & caller::PEOPLE & !caller::BROWSER != 0
            {
                users[app].0 |= kinds[person];
                if users[app].1.len() < VIA_KEPT && !users[app].1.contains(&(person as u32)) {
                    users[app].1.push(person as u32);
                }
            }
        }
    }
    // (front end, what it calls) where people reach a service through client software.
    let mut fronts: Vec<(usize, usize)> = Vec::new();
    for ((flow, ff), e) in diagram.flows.iter().zip(facts).zip(&ends) {
        let Some((s, t)) = *e else { continue };
        let data = ff.cues & cue::DATA;
        efacts[s].data |= data;
        efacts[t].data |= data;
        efacts[s].flow_cues |= ff.cues;
        efacts[t].flow_cues |= ff.cues;
        efacts[s].linked = true;
        efacts[t].linked = true;
        // Writing to an audit log drawn in the model is keeping an audit trail.
        if efacts[t].element.kind() == ElementKind::DataStore
            && efacts[t].controls & super::vocab::control::AUDITED != 0
        {
            efacts[s].controls |= super::vocab::control::AUDITED;
        }
        // Cookies on the flow, or a cookie jar drawn at one end (a browser writing to
        // "Cookies"): both ends keep sessions in cookies.
        let jar = |i: usize| {
            efacts[i].element.kind() == ElementKind::DataStore
                && efacts[i].own_name_cues & cue::COOKIE != 0
        };
        if flow.contains_cookies || ff.cues & cue::COOKIE != 0 || jar(s) || jar(t) {
            efacts[s].cookie_sessions = true;
            efacts[t].cookie_sessions = true;
        }
        let mut enter = |from: usize, to: usize| {
            if !store(efacts, from) {
                efacts[to].called = true;
            }
            // Client software records who uses it too (its sessions are theirs), but it is
            // no entry point.
            let client_used = efacts[to].client() && !outside[from] || efacts[to].client();
            // A job that runs on its own schedule fetches and sends: what comes back from
            // outside answers it, nobody calls it.
            if outside[from]
                && (!outside[to] || (client_used && from != to))
                && efacts[to].element.kind() == ElementKind::Process
                && !job[to]
            {
                let me = [from as u32];
                let (bits, callers) = if upstream[from].0 != 0 {
                    (upstream[from].0, upstream[from].1.as_slice())
                } else if users[from].0 != 0 && !efacts[to].client() {
                    fronts.push((from, to));
                    (kinds[from] | users[from].0, users[from].1.as_slice())
                } else {
                    (kinds[from], &me[..])
                };
                efacts[to].callers |= bits;
                let systems =
                    caller::PARTNER | caller::THIRD_PARTY | caller::DEVICE | caller::SYSTEM;
                efacts[to].unproven_system_callers |= bits & systems != 0
                    && !flow.authenticates_source
                    && ff.design & super::vocab::design::WIRED == 0;
                for &c in callers {
                    let k = kinds[c as usize];
                    if k & (caller::PERSON | caller::ADMIN | caller::BROWSER) != 0
                        && !caller::anonymous_only(k)
                    {
                        efacts[to].member_callers = true;
                        efacts[to].outsider_members |= !staff[c as usize];
                    }
                }
                let via = &mut efacts[to].via;
                for &c in callers {
                    if via.len() < VIA_KEPT && !via.contains(&c) {
                        via.push(c);
                    }
                }
                let name = flow.name.trim();
                let entries = &mut efacts[to].entries;
                if entries.len() < 3
                    && !ff.named_as_protocol
                    && !super::vocab::generic_flow_name(name)
                    && !entries.contains(&name)
                {
                    entries.push(name);
                }
            }
        };
        // A response goes back to who asked: its sender is not a caller of its receiver.
        if !ff.response && !ff.local {
            enter(s, t);
        }
        // A two-way flow is drawn from the end that asks ("shipment req" from the label
        // service to the carrier's API): a system at its other end answers, it does not
        // call. People and devices at that end are taken as calling however it is drawn.
        let answers = kinds[t] & (caller::PEOPLE | caller::DEVICE) == 0
            && kinds[t]
                & (caller::PARTNER
                    | caller::THIRD_PARTY
                    | caller::SYSTEM
                    | caller::IDP
                    | caller::SOURCE)
                != 0;
        if flow.bidirectional && !ff.local && !answers {
            enter(t, s);
        }
    }
    // A front end that people call holds their sessions (its own threat says so).
    for (front, to) in fronts {
        if efacts[front].callers & caller::PEOPLE != 0 {
            efacts[to].through_client = true;
        }
    }
    // Callers who sign in with an identity provider present its tokens to the entry points
    // they call, though no flow links those with the provider.
    let idp: Vec<bool> = efacts
        .iter()
        .map(|e| e.identity_role() && e.element.kind() == ElementKind::ExternalEntity)
        .collect();
    let mut signs_in = vec![false; efacts.len()];
    for e in &ends {
        let Some((s, t)) = *e else { continue };
        if idp[t] && outside[s] && !idp[s] {
            signs_in[s] = true;
        }
        if idp[s] && outside[t] && !idp[t] {
            signs_in[t] = true;
        }
    }
    if signs_in.contains(&true) {
        for e in &ends {
            let Some((s, t)) = *e else { continue };
            if signs_in[s] && efacts[t].callers != 0 {
                efacts[t].talks_to_identity_provider = true;
            }
        }
    }
    // How many roles of people call each entry point: "Customer", "Barista" and "Admin"
    // are three; "User 1" and "User 2" one.
    for i in 0..efacts.len() {
        if efacts[i].callers & caller::PEOPLE == 0 {
            continue;
        }
        let mut roles: Vec<String> = Vec::new();
        for &c in &efacts[i].via {
            let c = c as usize;
            if kinds[c] & (caller::PERSON | caller::ADMIN | caller::ANONYMOUS | caller::BROWSER)
                == 0
                || efacts[c].element.kind() != ElementKind::ExternalEntity
            {
                continue;
            }
            // "JMX Client" and "SSH Client" are two ways in for one operator, not two
            // roles: software named as such says nothing of who uses it.
            let n = efacts[c].own_name_cues;
            let software = super::vocab::cue::CLIENT
                | super::vocab::cue::SYSTEM
                | super::vocab::cue::API
                | super::vocab::cue::DEVICE
                | super::vocab::cue::BROWSER;
            if n & software != 0 && n & (super::vocab::cue::HUMAN | super::vocab::cue::ADMIN) == 0 {
                continue;
            }
            let role: String = efacts[c]
                .element
                .name
                .to_lowercase()
                .chars()
                .filter(|ch| ch.is_alphabetic())
                .collect();
            let role = role.strip_suffix('s').map_or(role.clone(), str::to_owned);
            if !roles.contains(&role) {
                roles.push(role);
            }
            // One actor said to hold several roles ("users with varying roles").
            if efacts[c].cues & super::vocab::cue::ROLES != 0 {
                let more = format!("{}#roles", roles.last().map_or("", String::as_str));
                if !roles.contains(&more) {
                    roles.push(more);
                }
            }
        }
        efacts[i].roles = u8::try_from(roles.len()).unwrap_or(u8::MAX);
    }
    let keeps: Vec<bool> = (0..efacts.len())
        .map(|i| store(efacts, i) || efacts[i].db_engine())
        .collect();
    for e in &ends {
        let Some((s, t)) = *e else { continue };
        efacts[s].uses_store |= keeps[t];
        efacts[t].uses_store |= keeps[s];
    }
    around::design_around(diagram, facts, efacts, &keeps, &ends, &outside, &kinds);
    hops::intake_only(diagram, efacts, &ends, &outside);
    hops::stores_on_devices(efacts, &ends);
    // A tool its user runs locally (a CLI) calls what it calls as that user: nothing behind
    // it is reached by strangers through it.
    let local: Vec<bool> = efacts.iter().map(ElementFacts::local_tool).collect();
    let entry: Vec<u16> = efacts
        .iter()
        .zip(&local)
        .map(|(e, &l)| if l { 0 } else { e.callers })
        .collect();
    let gateway: Vec<bool> = efacts
        .iter()
        .map(|e| e.element.kind() == ElementKind::Process && e.own_name_cues & cue::ROUTES != 0)
        .collect();
    for ((flow, ff), e) in diagram.flows.iter().zip(facts).zip(&ends) {
        let Some((s, t)) = *e else { continue };
        // An answer goes back to whoever asked: it makes nobody a callee.
        if ff.response {
            continue;
        }
        let read = store(efacts, s);
        let mut hop = |from: usize, to: usize| {
            // An entry point another entry point calls keeps who comes through it, to
            // name them (it stays an entry point of its own callers).
            if entry[from] != 0 && entry[to] != 0 && !outside[to] && from != to {
                efacts[to].front |= entry[from];
            }
            if entry[from] != 0 && entry[to] == 0 && !outside[to] && from != to {
                efacts[to].behind |= entry[from];
                efacts[to].behind_gateway |= gateway[from];
                let via = &mut efacts[to].via;
                if via.len() < VIA_KEPT && !via.contains(&(from as u32)) {
                    via.push(from as u32);
                }
            }
        };
        hop(s, t);
        if flow.bidirectional || read {
            // A store an entry point reads from is used by it, too.
            hop(t, s);
        }
    }
}
