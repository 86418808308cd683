//! Which flows of a diagram are no network hop or no call: a person and the device or app
//! they use at hand, a process and the machine's own files, and answers going back along
//! a request (they make nobody a callee, and travel on the protocol the request opened).

use rustc_hash::FxHashMap;

use super::super::facts::{FlowFacts, ProtocolSource};
use super::flow_ends;
use crate::model::{Diagram, ElementKind, ElementProps, Project};

/// Whether `flow` links a person with a process drawn in the same trust boundary as them
/// (the flow crosses none, and the process sits inside a boundary region): a patient
/// wearing a headset, an operator at a console, a user at the kiosk in front of them. What
/// passes is typed, shown or touched, not sent over a network; the person is no remote
/// caller.
pub(super) fn person_at_hand(
    project: &Project,
    diagram: &Diagram,
    (s, t): (usize, usize),
    regions: &[crate::model::Rect],
    names: &[u64],
) -> bool {
    if regions.is_empty() {
        return false;
    }
    let person = |i: usize| drawn_person(diagram, names, i);
    let (a, b) = (&diagram.elements[s], &diagram.elements[t]);
    let other = if person(s) && b.kind() == ElementKind::Process {
        b
    } else if person(t) && a.kind() == ElementKind::Process {
        a
    } else {
        return false;
    };
    project
        .layout
        .elements
        .get(&other.id)
        .is_some_and(|r| regions.iter().any(|region| region.contains(r.center())))
}

/// Whether element `i` is a person: an external entity marked human, or named as a person
/// or an anonymous visitor (not as software) when its actor is not set. `names`: each
/// element's name cues.
pub(super) fn drawn_person(diagram: &Diagram, names: &[u64], i: usize) -> bool {
    use super::super::vocab::cue;
    let e = &diagram.elements[i];
    e.kind() == ElementKind::ExternalEntity
        && match &e.props {
            ElementProps::ExternalEntity(p) if p.actor == crate::model::Actor::Human => true,
            ElementProps::ExternalEntity(p) if p.actor == crate::model::Actor::System => false,
            _ => names[i] & (cue::HUMAN | cue::ANONYMOUS) != 0 && names[i] & cue::SYSTEM == 0,
        }
}

/// Whether `flow` links a person with client software they use (a browser front end, a
/// mobile or desktop app): what passes is typed and shown on their own screen, not sent
/// over a network, wherever a boundary is drawn.
pub(super) fn person_at_own_client(
    diagram: &Diagram,
    (s, t): (usize, usize),
    names: &[u64],
) -> bool {
    use super::super::vocab::cue;
    let person = |i: usize| drawn_person(diagram, names, i);
    // Client software by its name ("Mobile app"), not server-side software named after
    // what it serves ("Mobile API").
    let client = |i: usize| {
        diagram.elements[i].kind() == ElementKind::Process
            && names[i] & cue::CLIENT != 0
            && names[i] & super::super::facts::SERVER_NAME == 0
    };
    (person(s) && client(t)) || (person(t) && client(s))
}

/// Whether `flow` links a person with hardware they stand at or carry: a card reader they
/// badge at, a keypad, a turnstile, a lock encoder at the front desk, a headset or a
/// wearable, the car they drive. What passes is touched, shown or tapped, not sent over a
/// network. A device named as a server-side system ("IoT Hub", "Device API", "Vehicle
/// platform") is not at hand.
pub(super) fn person_at_device(diagram: &Diagram, (s, t): (usize, usize), names: &[u64]) -> bool {
    use super::super::vocab::cue;
    let person = |i: usize| drawn_person(diagram, names, i);
    let hardware = |i: usize| {
        let e = &diagram.elements[i];
        e.kind() == ElementKind::Process
            && names[i] & super::super::facts::SERVER_NAME == 0
            && !super::super::vocab::names_remote_hub(&e.name)
            && (names[i] & cue::DEVICE != 0 || super::super::vocab::names_hardware_at_hand(&e.name))
    };
    (person(s) && hardware(t)) || (person(t) && hardware(s))
}

/// Whether one end of `flow` is the machine's own files ("File System", "local disk"):
/// what passes is read from or written to disk, not sent over a network.
pub(super) fn local_files_end((s, t): (usize, usize), names: &[u64]) -> bool {
    (names[s] | names[t]) & super::super::vocab::cue::LOCAL_FILES != 0
}

/// Whether `flow` (from `s` to `t`) is what a process fetched from an outside API drawn
/// without its request: "wind forecast" from "weather api", "rates" from "FX API". An
/// external entity named as an API answers calls; it calls nobody, unless the flow says it
/// does (a webhook, a callback, a notification).
fn fetched_from_api(
    diagram: &Diagram,
    names: &[u64],
    flow: &crate::model::Flow,
    s: usize,
    t: usize,
) -> bool {
    use super::super::vocab::cue;
    // (Or a system the authors put out of scope: "supplier hosted module, separate TM".)
    (diagram.elements[s].kind() == ElementKind::ExternalEntity || diagram.elements[s].out_of_scope)
        && diagram.elements[t].kind() == ElementKind::Process
        && !flow.bidirectional
        && (names[s] & cue::API != 0
            // (A mailbox it polls holds what anyone mailed: that is no answer.)
            || ((super::super::vocab::says_it_polls(&diagram.elements[t].description)
                || super::super::vocab::says_it_polls(&diagram.elements[t].name))
                && !diagram.elements[s].name.to_lowercase().contains("mail"))
            // Or the sender, or the flow, says it is polled ("wx + NOTAMs, polled every
            // 10 min").
            || [&diagram.elements[s].description, &flow.name, &flow.description]
                .iter()
                .any(|t| super::super::vocab::says_it_is_polled(t)))
        && names[s] & (cue::HUMAN | cue::ANONYMOUS | cue::CLIENT | cue::BROWSER) == 0
        && !named_as_webhook(flow)
}

/// Whether a flow's name or description says it is a webhook, callback or notification:
/// its sender calls, whatever went the other way first.
fn named_as_webhook(flow: &crate::model::Flow) -> bool {
    use super::super::vocab::cue;
    super::super::vocab::cues([flow.name.as_str(), flow.description.as_str()]) & cue::WEBHOOK != 0
}

/// Which flows are responses: named so ("Payment Response", "Returns sales data", "query
/// results", "reply") and going back along a request (a flow the other way between the
/// same two elements); what an outside system sends back along a query a process sends it
/// ("search / delete" out to a CRM, "contact + cases" back; "credit inquiry" out to a credit
/// bureau put out of scope, "score / report" back; not news it pushes: "Index update"); or
/// fetched from an outside API or by a process that says it polls
/// ([`fetched_from_api`]). A response's sender answers; it does not call.
pub(super) fn responses(
    diagram: &Diagram,
    index: &FxHashMap<&str, usize>,
    names: &[u64],
) -> Vec<bool> {
    use super::super::vocab::cue;
    let ends: Vec<Option<(usize, usize)>> =
        diagram.flows.iter().map(|f| flow_ends(index, f)).collect();
    let pairs: rustc_hash::FxHashSet<(usize, usize)> = ends.iter().flatten().copied().collect();
    // Queries a process sends to something outside (its ends).
    let queries: rustc_hash::FxHashSet<(usize, usize)> = (diagram.flows.iter().zip(&ends))
        .filter(|(f, _)| !f.bidirectional && super::super::vocab::names_a_query(&f.name))
        .filter_map(|(_, e)| *e)
        .filter(|&(s, t)| {
            diagram.elements[s].kind() == ElementKind::Process
                && !diagram.elements[s].out_of_scope
                // Something outside: an actor, or a system the authors put out of scope
                // ("Credit Bureau", out of scope: "external provider").
                && (diagram.elements[t].kind() == ElementKind::ExternalEntity
                    || (diagram.elements[t].out_of_scope
                        && diagram.elements[t].kind() == ElementKind::Process))
        })
        .collect();
    diagram
        .flows
        .iter()
        .zip(&ends)
        .map(|(flow, e)| {
            let Some((s, t)) = *e else { return false };
            // People send requests; what looks like a person's "response" is a label put
            // on the wrong arrow.
            let human = names[s]
                & (super::super::vocab::cue::HUMAN | super::super::vocab::cue::ANONYMOUS)
                != 0;
            let answered = !flow.bidirectional
                && super::super::vocab::names_a_response(&flow.name)
                && !human
                && pairs.contains(&(t, s));
            let asked = !flow.bidirectional
                && !human
                && queries.contains(&(t, s))
                && !super::super::vocab::names_news(&flow.name)
                && names[s] & (cue::CLIENT | cue::BROWSER) == 0
                && !named_as_webhook(flow);
            answered || asked || fetched_from_api(diagram, names, flow, s, t)
        })
        .collect()
}

/// Marks [`ElementFacts::intake_only`]: an entry point that sends nothing to anything
/// outside the system (no answer, no page, no file) while its diagram draws such flows
/// elsewhere, so their absence here says something. `ends` gives each flow's ends,
/// `outside` each element's [`ElementFacts::outside`](super::super::facts::ElementFacts::outside).
pub(super) fn intake_only(
    diagram: &Diagram,
    efacts: &mut [super::super::facts::ElementFacts<'_>],
    ends: &[Option<(usize, usize)>],
    outside: &[bool],
) {
    let mut sends_out = vec![false; efacts.len()];
    let mut any = false;
    for (flow, e) in diagram.flows.iter().zip(ends) {
        let Some((s, t)) = *e else { continue };
        for (from, to) in [(s, t), (t, s)] {
            if (from, to) == (t, s) && !flow.bidirectional {
                continue;
            }
            if outside[to] && !outside[from] {
                sends_out[from] = true;
                any = true;
            }
        }
    }
    if !any {
        return;
    }
    for ((ef, sends), &out) in efacts.iter_mut().zip(sends_out).zip(outside) {
        ef.intake_only = ef.callers != 0 && !out && !sends;
    }
}

/// Marks [`ElementFacts::on_device`](super::super::facts::ElementFacts::on_device): a
/// data store whose every flow links it with client software outside a browser (a phone,
/// tablet or handheld app) or a device ("Local SQLite" of a field app, a machine's
/// transaction log). Browser storage has its own questions.
pub(super) fn stores_on_devices(
    efacts: &mut [super::super::facts::ElementFacts<'_>],
    ends: &[Option<(usize, usize)>],
) {
    use super::super::vocab::cue;
    // None: no flow yet; Some(true): only devices so far; Some(false): something else.
    let mut only_devices: Vec<Option<bool>> = vec![None; efacts.len()];
    for &(s, t) in ends.iter().flatten() {
        for (store, other) in [(s, t), (t, s)] {
            if efacts[store].element.kind() != ElementKind::DataStore || store == other {
                continue;
            }
            let o = &efacts[other];
            let carried = o.element.kind() == ElementKind::Process
                && (o.client()
                    || (o.name_cues & cue::DEVICE != 0
                        && o.name_cues & super::super::facts::SERVER_NAME == 0))
                && o.cues & cue::BROWSER == 0
                && !super::super::vocab::names_fixed_equipment(&o.element.name);
            only_devices[store] = Some(only_devices[store].unwrap_or(true) && carried);
        }
    }
    for (ef, only) in efacts.iter_mut().zip(only_devices) {
        // A bucket is the cloud's, whoever writes to it ("Photos: S3 bucket" the iPad app
        // uploads to); so is a sheet or a folder in an online suite ("Google Sheet").
        ef.on_device = only == Some(true)
            && ef.cues & (cue::BROWSER_STORAGE | cue::OBJECT_STORAGE) == 0
            && !super::super::vocab::names_hosted_resource(&ef.element.name)
            && !super::super::vocab::names_storage_service(&ef.element.name)
            && !super::super::vocab::names_cloud_document(&ef.element.name)
            && !super::super::vocab::names_cloud_document(&ef.element.description);
    }
}

/// What goes back along a connection drawn as a flow of its own, with no protocol of its
/// own, travels on the connection the other way's protocol opened: "payslips (PDF)" back
/// to the browser that asked over HTTPS is HTTPS too. So does another message drawn beside
/// one over a secure protocol between the same two elements, the same way.
pub(super) fn answers_travel_as_asked(diagram: &Diagram, facts: &mut [FlowFacts]) {
    // The secure protocol of each (source, target) connection that names one.
    let mut secure: FxHashMap<(&str, &str), super::super::vocab::Protocol> = FxHashMap::default();
    for (flow, ff) in diagram.flows.iter().zip(facts.iter()) {
        if let Some(p) = ff.protocol.filter(|p| p.encrypted) {
            secure
                .entry((flow.source.as_str(), flow.target.as_str()))
                .or_insert(p);
        }
    }
    if secure.is_empty() {
        return;
    }
    for (flow, ff) in diagram.flows.iter().zip(facts.iter_mut()) {
        if ff.protocol.is_none() && flow.protocol.trim().is_empty() {
            // An answer along the connection the other way, or another message on the
            // same connection ("add whitelist addr" beside "REST" over HTTPS).
            if let Some(p) = secure
                .get(&(flow.target.as_str(), flow.source.as_str()))
                .or_else(|| secure.get(&(flow.source.as_str(), flow.target.as_str())))
            {
                ff.protocol = Some(*p);
                ff.protocol_source = ProtocolSource::Connection;
            }
        }
    }
}

/// A process named as a job that runs on its own ("Weekly billing job", "nightly export",
/// "payroll cron", "batch import"): it is no service anyone calls.
pub(super) fn scheduled_job(element: &crate::model::Element) -> bool {
    element.kind() == ElementKind::Process
        && element.name.split(|c: char| !c.is_alphanumeric()).any(|w| {
            [
                "job", "cron", "batch", "nightly", "weekly", "hourly", "monthly",
            ]
            .iter()
            .any(|j| j.eq_ignore_ascii_case(w))
        })
}
