//! What a design says around each element: what comes in on its flows, what the stores
//! it uses and the callers who reach it say of themselves (`vocab::designs`).

use crate::model::{Diagram, ElementKind};

use super::super::facts::{ElementFacts, FlowFacts, caller};
use super::super::vocab::design;

/// What the stores an element uses say of its design: promotions and locations kept
/// there ("promo_codes", "courier_locations").
const FROM_STORES: u64 = design::PROMO | design::LOCATION;
/// What its callers say of themselves: how they sign in, what their software decides,
/// where they are ("courier logs in with phone + OTP", "hit registration client side",
/// "enters 4-digit PIN", "no account, identified by reg plate + mobile no.", "logs in with
/// ref + DOB").
const FROM_CALLERS: u64 = design::PASSWORDLESS
    | design::NO_LOGIN
    | design::PLATFORM_SIGN_IN
    | design::CLIENT_DECIDES
    | design::LOCATION
    | design::SHORT_CODE
    | design::KNOWN_FACTS
    | design::TENANT_ADMINS;

/// What client software says of itself that holds for the service it calls: what it
/// decides or reports ("deposit calculated in the browser", "GPS from the phone").
const FROM_CLIENTS: u64 = design::CLIENT_DECIDES | design::LOCATION;

/// Fills in [`ElementFacts::around`] and [`ElementFacts::outward`]; `keeps[i]` says
/// element `i` keeps what it is given (a store, or a database drawn as a process),
/// `outside[i]` that it is outside the system ([`ElementFacts::outside`]), `kinds[i]` the
/// [`caller`] kind of an element outside (0 inside).
pub(super) fn design_around(
    diagram: &Diagram,
    facts: &[FlowFacts],
    efacts: &mut [ElementFacts<'_>],
    keeps: &[bool],
    ends: &[Option<(usize, usize)>],
    outside: &[bool],
    kinds: &[u16],
) {
    for ((flow, ff), e) in diagram.flows.iter().zip(facts).zip(ends) {
        let Some((s, t)) = *e else { continue };
        if !ff.response {
            // What a store hands over was uploaded elsewhere, and the bookings it hands
            // over ("bookings" CSV from a timetabling export) were taken elsewhere too; the
            // bookings a provider reports ("booking webhook" from a booking platform) were
            // taken there.
            let came = if keeps[s] {
                ff.design & !(design::UPLOADS | design::RESERVES)
            } else if kinds[s] & caller::THIRD_PARTY != 0 {
                ff.design & !design::RESERVES
            } else {
                ff.design
            };
            efacts[t].around |= came;
            // A person's description saying they get text messages ("Customer app: phone
            // number + SMS code needed to request a stop") says nothing of which service
            // they call sends them: the one that texts has a flow to the messaging provider
            // or says so itself (the map service that answers the same app sends none).
            let person = efacts[t].element.kind() == crate::model::ElementKind::ExternalEntity
                && kinds[t] & caller::PEOPLE != 0;
            let said = if person {
                efacts[t].design & !design::TEXTS
            } else {
                efacts[t].design
            };
            efacts[s].outward |= ff.design | said;
        }
        if flow.bidirectional && !keeps[t] {
            efacts[s].around |= ff.design;
        }
        // What the client software in front says of itself ("deposit calculated in the
        // browser") is said to what it calls, as a caller's words are.
        // (Not how it signs its user in: a PIN that unlocks the app is not one the service
        // behind accepts.)
        if outside[s] && !keeps[s] && !outside[t] && s != t {
            efacts[t].around |= efacts[s].design & FROM_CLIENTS;
        }
        if keeps[t] && s != t {
            efacts[s].around |= efacts[t].design & FROM_STORES;
            // A store written by the service that checks passwords ("Auth svc: email +
            // password") keeps what it checks them against.
            efacts[t].around |= efacts[s].design & design::PASSWORD;
        }
        if keeps[s] && s != t {
            efacts[t].around |= efacts[s].design & FROM_STORES;
        }
    }
    let drawn = Drawn {
        diagram,
        facts,
        keeps,
        ends,
        outside,
        kinds,
    };
    mark_showing_people(&drawn, efacts);
    // Files uploaded into a store are read, later, by whatever takes them out of it: a
    // worker reading "artwork-uploads" reads what outsiders put there.
    // What outsiders send to an entry point and it stores is read, later, by whatever
    // takes it out of the store: a staff console showing tickets, a search UI over logs.
    const OUTSIDERS: u16 = caller::ANONYMOUS
        | caller::PERSON
        | caller::BROWSER
        | caller::PARTNER
        | caller::DEVICE
        | caller::THIRD_PARTY;
    let mut holds_outsiders = vec![false; efacts.len()];
    for e in ends {
        let Some((s, t)) = *e else { continue };
        // Written by an entry point outsiders call, or by an outsider drawn writing to it.
        let writer = if outside[s] {
            efacts[s].caller_kind()
        } else {
            efacts[s].callers
        };
        if keeps[t] && !keeps[s] && writer & OUTSIDERS != 0 {
            holds_outsiders[t] = true;
        }
    }
    mark_readers(
        diagram,
        ends,
        keeps,
        &holds_outsiders,
        efacts,
        design::READS_OUTSIDERS,
    );
    let holds_uploads: Vec<bool> = efacts
        .iter()
        .zip(keeps)
        .map(|(e, &k)| k && (e.design | e.around) & design::UPLOADS != 0)
        .collect();
    mark_readers(
        diagram,
        ends,
        keeps,
        &holds_uploads,
        efacts,
        design::READS_UPLOADS,
    );
    // And the processes that write into a store of files: what they are sent is kept as
    // files for others to open. Not a database with a photo column ("Postgres: season
    // passes (name + photo)").
    // A flow named as a read ("img src", "GET thumbnails") writes nothing.
    for (flow, e) in diagram.flows.iter().zip(ends) {
        let Some((s, t)) = *e else { continue };
        if holds_uploads[t]
            && !efacts[t].database()
            && !keeps[s]
            && !crate::analysis::facts::named_as_read(flow)
        {
            efacts[s].around |= design::WRITES_UPLOADS;
        }
    }
    // A process said to serve many customers ("multi-tenant (all merchants)") keeps their
    // data side by side in the stores it uses.
    for e in ends {
        let Some((s, t)) = *e else { continue };
        for (p, store) in [(s, t), (t, s)] {
            if keeps[store] && !keeps[p] && efacts[p].design & design::ALL_TENANTS != 0 {
                efacts[store].around |= design::ALL_TENANTS;
            }
        }
    }
    // A database the system's app reaches through its ORM ("Laravel", "Django REST
    // framework") is reached the same way by the app's other parts drawn beside it (its
    // "Selection panel", its "Pattern svc"): unless one of them builds SQL itself or names
    // a stack of its own ("Node/Express", "Go"), then each says for itself.
    let own = |efacts: &[ElementFacts<'_>], i: usize, bit: u64| efacts[i].design & bit != 0;
    let mut through_orm = vec![false; efacts.len()];
    let mut raw_beside = vec![false; efacts.len()];
    for e in ends {
        let Some((s, t)) = *e else { continue };
        for (p, store) in [(s, t), (t, s)] {
            if keeps[store] && !keeps[p] && !outside[p] {
                through_orm[store] |= own(efacts, p, design::BOUND_QUERIES);
                raw_beside[store] |= own(efacts, p, design::RAW_SQL);
            }
        }
    }
    for e in ends {
        let Some((s, t)) = *e else { continue };
        for (p, store) in [(s, t), (t, s)] {
            if through_orm[store]
                && !raw_beside[store]
                && !keeps[p]
                && !outside[p]
                && !own(efacts, p, design::RAW_SQL)
                && !names_own_stack(&efacts[p])
            {
                efacts[p].around |= design::BOUND_QUERIES;
            }
        }
    }
    // And what its callers say of themselves ("courier logs in with phone + OTP").
    for i in 0..efacts.len() {
        if efacts[i].callers != 0 {
            let said = efacts[i]
                .via
                .iter()
                .fold(0, |d, &c| d | efacts[c as usize].design);
            efacts[i].around |= said & FROM_CALLERS;
        }
    }
}

/// What the diagram draws, as [`design_around`] is given it: the flows and their facts,
/// each flow's ends, and per element whether it keeps what it is given, whether it is
/// outside the system and its caller kind.
#[derive(Clone, Copy)]
struct Drawn<'a> {
    diagram: &'a Diagram,
    facts: &'a [FlowFacts],
    keeps: &'a [bool],
    ends: &'a [Option<(usize, usize)>],
    outside: &'a [bool],
    kinds: &'a [u16],
}

/// Marks with [`design::SHOWS_PEOPLE`] each process that shows details of people: what a
/// store it reads holds or hands it ("Members (name, DOB, club)"), what a service behind
/// it answers, what it sends out to people ("live positions" to spectators), or its own
/// words where it passes nothing on inside ("public. fencer name, club, age category") or
/// where they say it shows to anyone ("results page (public) … juniors listed with age").
/// Not what its own visitors type in: a sign-up form taking a date of birth and storing
/// it shows it to nobody.
fn mark_showing_people(drawn: &Drawn<'_>, efacts: &mut [ElementFacts<'_>]) {
    const DETAILS: u64 = design::PEOPLE_DETAILS | design::SPECIAL_DATA | design::LOCATION;
    const VIEWERS: u16 = caller::PEOPLE | caller::ANONYMOUS | caller::BROWSER;
    let (keeps, outside) = (drawn.keeps, drawn.outside);
    // Whatever reads a store whose words name people's details.
    let holds_details: Vec<bool> = efacts
        .iter()
        .zip(keeps)
        .map(|(e, &k)| k && e.design & DETAILS != 0)
        .collect();
    mark_readers(
        drawn.diagram,
        drawn.ends,
        keeps,
        &holds_details,
        efacts,
        design::SHOWS_PEOPLE,
    );
    let is_process = |e: &ElementFacts<'_>| e.element.kind() == ElementKind::Process;
    let mut passes_on = vec![false; efacts.len()];
    let flows = drawn.diagram.flows.iter().zip(drawn.facts).zip(drawn.ends);
    for ((flow, ff), e) in flows {
        let Some((s, t)) = *e else { continue };
        if s == t {
            continue;
        }
        let read = crate::analysis::facts::named_as_read(flow);
        if !outside[t] && !ff.response && !read {
            passes_on[s] = true;
        }
        if ff.design & DETAILS == 0 {
            continue;
        }
        // Named on what a store hands over or a service behind it answers, on what it asks
        // a store for ("get results", or both ways), or on what it sends out to people.
        let handed = !keeps[t] && !outside[s] && (keeps[s] || ff.response);
        let asks = keeps[t] && !keeps[s] && (flow.bidirectional || read);
        let sent = !keeps[s] && outside[t] && drawn.kinds[t] & VIEWERS != 0;
        if handed && is_process(&efacts[t]) {
            efacts[t].around |= design::SHOWS_PEOPLE;
        }
        if (asks || sent) && is_process(&efacts[s]) {
            efacts[s].around |= design::SHOWS_PEOPLE;
        }
    }
    for (e, passes) in efacts.iter_mut().zip(passes_on) {
        if (!passes || e.design & design::PUBLIC_DISPLAY != 0)
            && is_process(e)
            && e.design & DETAILS != 0
        {
            e.around |= design::SHOWS_PEOPLE;
        }
    }
}

/// Whether an element names the language or platform it is written in ("Node/Express",
/// "Go service", "Python script", a technology field filled in): software of its own, not
/// a part of the app beside it.
fn names_own_stack(e: &ElementFacts<'_>) -> bool {
    !e.element.technology.trim().is_empty()
        || [e.element.name.as_str(), e.element.description.as_str()]
            .iter()
            .any(|t| super::super::vocab::names_code_stack(t))
}

/// Marks with design `bit` every element that reads a store `holds` picks: a flow drawn
/// from the store, or from the reader asking ("get object", or both ways).
fn mark_readers(
    diagram: &Diagram,
    ends: &[Option<(usize, usize)>],
    keeps: &[bool],
    holds: &[bool],
    efacts: &mut [ElementFacts<'_>],
    bit: u64,
) {
    for (flow, e) in diagram.flows.iter().zip(ends) {
        let Some((s, t)) = *e else { continue };
        if holds[s] && !keeps[t] {
            efacts[t].around |= bit;
        }
        if holds[t]
            && !keeps[s]
            && (flow.bidirectional || crate::analysis::facts::named_as_read(flow))
        {
            efacts[s].around |= bit;
        }
    }
}

/// What the model's own description says of its stores: a model described as
/// multi-tenant ("GitHub App … Multi-tenant, installed by customer orgs") keeps its
/// customers' data side by side in its databases.
pub(super) fn said_of_the_model(description: &str, efacts: &mut [ElementFacts<'_>]) {
    if super::super::vocab::designs([description]) & design::ALL_TENANTS == 0 {
        return;
    }
    for ef in efacts {
        if ef.element.kind() == crate::model::ElementKind::DataStore && ef.database() {
            ef.around |= design::ALL_TENANTS;
        }
    }
}
