//! The rule engine: the STRIDE-per-element table, every conditional rule on a case built
//! for it and on a near miss, exposure, scope and severity.

use threatboard::analysis::{self, Analysis, Catalogue};
use threatboard::model::*;

/// A two-element system: `src` sends `flow` to `dst`. With `boundary`, a region of that
/// type encloses `dst` only, so the flow crosses it and `dst` is reached across it.
struct Case {
    src: Element,
    dst: Element,
    flow: Flow,
    boundary: Option<BoundaryType>,
    /// An external caller on the internet sends requests to `src`.
    internet_caller: bool,
    /// A browser sends requests to `dst`, no boundary drawn.
    browser_to_dst: bool,
    /// `dst` asked first: a "Request" flow goes from `dst` to `src` (so `flow`, named as
    /// an answer, is a response).
    asked_by_dst: bool,
    /// Another person, by this name, sends requests to `dst`.
    also_calls_dst: Option<&'static str>,
    /// `dst` writes what it receives into a data store.
    dst_stores: bool,
}

impl Case {
    fn new(src: ElementKind, dst: ElementKind) -> Self {
        let src = Element::new(src, "Sender");
        let dst = Element::new(dst, "Target");
        let flow = Flow::new("Data", src.id.clone(), dst.id.clone());
        Self {
            src,
            dst,
            flow,
            boundary: None,
            internet_caller: false,
            browser_to_dst: false,
            asked_by_dst: false,
            also_calls_dst: None,
            dst_stores: false,
        }
    }

    /// `dst` writes into a data store ("Readings DB").
    fn with_store(mut self) -> Self {
        self.dst_stores = true;
        self
    }

    /// `dst` sends a request to `src`; `flow` is renamed as its answer.
    fn answering(mut self) -> Self {
        self.asked_by_dst = true;
        self.flow.name = "Query response".into();
        self
    }

    fn called_from_internet(mut self) -> Self {
        self.internet_caller = true;
        self
    }

    /// A browser (an external entity named so) sends requests to `dst`.
    fn browser_calls_dst(mut self) -> Self {
        self.browser_to_dst = true;
        self
    }

    fn crossing(mut self, t: BoundaryType) -> Self {
        self.boundary = Some(t);
        self
    }

    fn project(&self) -> Project {
        let mut p = Project::new("case");
        let d = &mut p.diagrams[0];
        d.elements = vec![self.src.clone(), self.dst.clone()];
        d.flows = vec![self.flow.clone()];
        p.layout
            .elements
            .insert(self.src.id.clone(), Rect::new(0.0, 0.0, 100.0, 60.0));
        p.layout
            .elements
            .insert(self.dst.id.clone(), Rect::new(400.0, 0.0, 100.0, 60.0));
        if let Some(t) = self.boundary {
            let b = Boundary::new("Zone", t);
            p.layout.boundaries.insert(
                b.id.clone(),
                BoundaryShape::Region(Rect::new(350.0, -50.0, 200.0, 160.0)),
            );
            d.boundaries.push(b);
        }
        if self.browser_to_dst {
            let browser = Element::new(ElementKind::ExternalEntity, "Web browser");
            p.layout
                .elements
                .insert(browser.id.clone(), Rect::new(400.0, 400.0, 100.0, 60.0));
            d.flows.push(Flow::new(
                "Page requests",
                browser.id.clone(),
                self.dst.id.clone(),
            ));
            d.elements.push(browser);
        }
        if let Some(name) = self.also_calls_dst {
            let other = Element::new(ElementKind::ExternalEntity, name);
            p.layout
                .elements
                .insert(other.id.clone(), Rect::new(0.0, 300.0, 100.0, 60.0));
            d.flows
                .push(Flow::new("Requests", other.id.clone(), self.dst.id.clone()));
            d.elements.push(other);
        }
        if self.dst_stores {
            let store = Element::new(ElementKind::DataStore, "Readings DB");
            p.layout
                .elements
                .insert(store.id.clone(), Rect::new(800.0, 0.0, 100.0, 60.0));
            d.flows
                .push(Flow::new("Save", self.dst.id.clone(), store.id.clone()));
            d.elements.push(store);
        }
        if self.asked_by_dst {
            d.flows.push(Flow::new(
                "Request",
                self.dst.id.clone(),
                self.src.id.clone(),
            ));
        }
        if self.internet_caller {
            let caller = Element::new(ElementKind::ExternalEntity, "Caller");
            p.layout
                .elements
                .insert(caller.id.clone(), Rect::new(-400.0, 0.0, 100.0, 60.0));
            let edge = Boundary::new("Edge", BoundaryType::Internet);
            p.layout.boundaries.insert(
                edge.id.clone(),
                BoundaryShape::Line(vec![Pos::new(-200.0, -100.0), Pos::new(-200.0, 100.0)]),
            );
            d.boundaries.push(edge);
            d.flows.push(Flow::new(
                "Requests",
                caller.id.clone(),
                self.src.id.clone(),
            ));
            d.elements.push(caller);
        }
        p
    }

    fn analyze(&self) -> Analysis {
        analysis::analyze(&self.project(), &builtin())
    }

    /// Whether `rule` fires for the flow or for the element named by `on`.
    fn fires(&self, rule: &str, on: On) -> bool {
        let subject = match on {
            On::Flow => self.flow.id.to_string(),
            On::Src => self.src.id.to_string(),
            On::Dst => self.dst.id.to_string(),
        };
        // A threat said in several places is listed once, the others under it.
        self.analyze().findings.iter().any(|f| {
            (f.rule_id() == rule && f.subject() == subject)
                || f.also_raised()
                    .iter()
                    .any(|r| r.key.parts() == (rule, &subject))
        })
    }
}

#[derive(Clone, Copy)]
enum On {
    Flow,
    Src,
    Dst,
}

fn builtin() -> Catalogue {
    Catalogue::builtin().unwrap_or_else(|e| panic!("built-in catalogue: {e}"))
}

fn pp(e: &mut Element) -> &mut ProcessProps {
    match &mut e.props {
        ElementProps::Process(p) => p,
        _ => panic!("not a process"),
    }
}

fn sp(e: &mut Element) -> &mut DataStoreProps {
    match &mut e.props {
        ElementProps::DataStore(p) => p,
        _ => panic!("not a data store"),
    }
}

fn ep(e: &mut Element) -> &mut ExternalEntityProps {
    match &mut e.props {
        ElementProps::ExternalEntity(p) => p,
        _ => panic!("not an external entity"),
    }
}

use BoundaryType::*;
use ElementKind::{DataStore as DS, ExternalEntity as EE, Process as P};

#[test]
fn specific_findings_answer_their_cell_and_the_checklist_asks_the_rest() {
    let letters = |a: &Analysis, subject: &str, baseline: bool| -> String {
        a.findings
            .iter()
            .filter(|f| f.subject() == subject && f.baseline == baseline)
            .map(|f| match &f.category {
                Category::Stride(s) => s.letter(),
                Category::Other(_) => '?',
            })
            .collect()
    };
    // Cleartext HTTP from outside into a described process.
    let mut c = Case::new(EE, P).crossing(Internet);
    c.flow.protocol = "HTTP".into();
    pp(&mut c.dst).authenticates_callers = true;
    let a = c.analyze();
    let flow = c.flow.id.as_str();
    let specific = letters(&a, flow, false);
    assert!(specific.contains('I'), "{specific}");
    assert_eq!(
        letters(&a, flow, true),
        "D",
        "only the cell nothing answered is asked"
    );
    // "Unvalidated input" alone is no threat (reviewers find it says nothing): the
    // target's tampering cell is asked as a question.
    assert!(letters(&a, c.dst.id.as_str(), true).contains('T'));

    // HTTPS answers "could it be read or altered on the way?" by itself.
    c.flow.protocol = "HTTPS".into();
    let a = c.analyze();
    assert!(
        !letters(&a, flow, false).contains('I'),
        "nothing to read on the way"
    );
    assert_eq!(letters(&a, flow, true), "D");

    // An anonymous visitor has no identity to spoof or deny.
    let mut c = Case::new(EE, P);
    c.src.name = "Anonymous visitor".into();
    let a = c.analyze();
    assert_eq!(letters(&a, c.src.id.as_str(), true), "");
    // A third party's internals are the provider's: no threat about them and no
    // questions, where the same process of the team's own is asked about.
    let mut c = Case::new(P, P);
    assert_ne!(letters(&c.analyze(), c.dst.id.as_str(), true), "");
    pp(&mut c.dst).third_party = true;
    let a = c.analyze();
    assert_eq!(letters(&a, c.dst.id.as_str(), true), "");
    assert!(a.findings.iter().all(|f| !f.is_about(c.dst.id.as_str())));
    // Two parts of one provider, linked by its own flow: nothing about either or about
    // the flow inside the provider (a cleartext flow across the internet otherwise).
    let mut c = Case::new(P, P).crossing(Internet);
    c.flow.protocol = "HTTP".into();
    assert!(c.analyze().threats().next().is_some());
    pp(&mut c.src).third_party = true;
    pp(&mut c.dst).third_party = true;
    let a = c.analyze();
    assert_eq!(a.findings.len(), 0, "{:?}", a.findings);
    // A multi-line name reads as one line in titles.
    let mut c = Case::new(P, P);
    c.dst.name = "Merchant\nWeb   Server".into();
    assert!(
        c.analyze()
            .findings
            .iter()
            .any(|f| f.title == "Could callers of Merchant Web Server be sent to an impostor?")
    );
}

#[test]
fn parallel_flows_and_request_response_legs_are_one_finding_that_survives_changes() {
    // Client → API over HTTP across the internet boundary, three times, and the answer back.
    let mut c = Case::new(P, P).crossing(Internet);
    c.flow.protocol = "HTTP".into();
    let mut p = c.project();
    let (src, dst) = (c.src.id.clone(), c.dst.id.clone());
    for name in ["Order", "Payment"] {
        let mut f = Flow::new(name, src.clone(), dst.clone());
        f.protocol = "HTTP".into();
        p.diagrams[0].flows.push(f);
    }
    let mut back = Flow::new("Response", dst.clone(), src.clone());
    back.protocol = "HTTP".into();
    p.diagrams[0].flows.push(back);
    let a = analysis::analyze(&p, &builtin());
    let cleartext: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.rule_id() == "cleartext-across-boundary")
        .collect();
    assert_eq!(cleartext.len(), 1, "one finding for the connection");
    let f = cleartext[0];
    assert_eq!(f.flows.len(), 4, "it lists every flow");
    // Named after its flows and their ends.
    assert_eq!(
        f.subject_name(),
        "Data; Order; Payment; Response (Sender ↔ Target)"
    );
    // A decision on it survives removing the parallel flows (and adding them back).
    let key = f.key.clone();
    p.threats.insert(
        key.clone(),
        ThreatRecord {
            status: Status::Mitigated,
            mitigation: "TLS everywhere".into(),
            ..ThreatRecord::default()
        },
    );
    let mut single = p.clone();
    single.diagrams[0].flows.truncate(1);
    let a = analysis::analyze(&single, &builtin());
    let f = a
        .findings
        .iter()
        .find(|f| f.rule_id() == "cleartext-across-boundary")
        .expect("still found");
    assert_eq!(
        f.status(),
        Status::Mitigated,
        "the decision follows the connection"
    );
    assert!(a.orphaned.is_empty(), "{:?}", a.orphaned);
    // A decision recorded on one flow before the others were drawn applies to all.
    let mut q = p.clone();
    q.threats.clear();
    q.threats.insert(
        ThreatKey::new("cleartext-across-boundary", &c.flow.id),
        ThreatRecord {
            status: Status::Accepted,
            justification: "Test rig only".into(),
            ..ThreatRecord::default()
        },
    );
    let a = analysis::analyze(&q, &builtin());
    let f = a
        .findings
        .iter()
        .find(|f| f.rule_id() == "cleartext-across-boundary")
        .expect("found");
    assert_eq!(f.status(), Status::Accepted);
    assert!(a.orphaned.is_empty());
}

#[test]
fn a_threat_the_team_already_wrote_is_not_repeated() {
    let mut c = Case::new(P, DS);
    sp(&mut c.dst).stores_credentials = true;
    assert!(c.fires("credentials-stored-unprotected", On::Dst));
    let mut p = c.project();
    let team = |title: &str, category: Stride| ManualThreat {
        id: ManualThreatId::generate(),
        subject: SubjectId::from(&c.dst.id),
        category: Category::Stride(category),
        title: title.into(),
        description: String::new(),
        severity: Severity::High,
        record: ThreatRecord::default(),
        generated_by: String::new(),
    };
    // Another category: both stay.
    p.manual_threats = vec![team("Accessing DB credentials", Stride::Tampering)];
    let rules = |p: &Project| -> Vec<String> {
        analysis::analyze(p, &builtin())
            .threats()
            .map(|f| f.rule_id().to_owned())
            .collect()
    };
    assert!(
        rules(&p)
            .iter()
            .any(|r| r == "credentials-stored-unprotected")
    );
    // The same class on the same subject, whatever the words: the team's threat says it
    // already, and lists the rule's as also raised by the rules.
    for title in ["Accessing DB credentials", "Backups copied to laptops"] {
        p.manual_threats = vec![team(title, Stride::InformationDisclosure)];
        let listed = rules(&p);
        assert!(
            !listed.iter().any(|r| r == "credentials-stored-unprotected"),
            "{listed:?}"
        );
        let a = analysis::analyze(&p, &builtin());
        let theirs = a
            .threats()
            .find(|f| f.is_manual())
            .expect("the team's threat");
        assert_eq!(
            theirs.also_raised()[0].key.rule_id(),
            "credentials-stored-unprotected"
        );
    }
    let listed = rules(&p);
    assert!(listed.iter().any(|r| r == "manual"));
}

#[test]
fn baseline_is_stride_per_element_exactly() {
    // Where every question applies (a process another process calls across a boundary,
    // stores it writes, an actor that sends to a process), every STRIDE-per-element cell
    // is answered, by at most three questions per element: the rest are asked in the last
    // one ("More to ask about …").
    let catalogue = builtin();
    let mut p = Project::new("baseline");
    let caller = Element::new(P, "Caller");
    let callee = Element::new(P, "Process");
    let store = Element::new(DS, "Data store");
    let mut logs = Element::new(DS, "Audit log store");
    sp(&mut logs).stores_logs = true;
    let mut actor = Element::new(EE, "Partner");
    ep(&mut actor).authenticates_itself = false;
    let elements = vec![caller, callee, store, logs, actor];
    let flows = vec![
        Flow::new("f", elements[0].id.clone(), elements[1].id.clone()),
        Flow::new("g", elements[1].id.clone(), elements[2].id.clone()),
        Flow::new("h", elements[1].id.clone(), elements[3].id.clone()),
        Flow::new("i", elements[4].id.clone(), elements[0].id.clone()),
    ];
    for (i, e) in elements.iter().enumerate() {
        p.layout
            .elements
            .insert(e.id.clone(), Rect::new(i as f32 * 200.0, 0.0, 100.0, 50.0));
    }
    // A boundary around the callee and its stores: `f` crosses it.
    let b = Boundary::new("Zone", Machine);
    p.layout.boundaries.insert(
        b.id.clone(),
        BoundaryShape::Region(Rect::new(150.0, -50.0, 600.0, 150.0)),
    );
    p.diagrams[0].boundaries.push(b);
    p.diagrams[0].elements = elements.clone();
    p.diagrams[0].flows = flows.clone();
    let a = analysis::analyze(&p, &catalogue);
    // Every cell a subject's questions answer: their own categories, and the categories of
    // the questions "More to ask" asks in its text.
    let cells = |subject: &str| -> String {
        let mut letters: Vec<char> = Vec::new();
        for f in a.findings.iter().filter(|f| f.is_about(subject)) {
            if let Category::Stride(s) = &f.category {
                letters.push(s.letter());
            }
            // A question asking several cells ("read or altered on the way?").
            for s in f.rule.iter().flat_map(|r| &r.also) {
                letters.push(s.letter());
            }
            if f.rule_id() == "stride.more" {
                let d = f.description();
                for (q, l) in [
                    ("code, configuration or inputs", 'T'),
                    ("prove who did what", 'R'),
                    ("reveal", 'I'),
                    ("What would stop", 'D'),
                    ("Who can change", 'T'),
                    ("altered, removed or flooded", 'R'),
                    ("full, locked or gone", 'D'),
                ] {
                    if d.contains(q) {
                        letters.push(l);
                    }
                }
            }
        }
        letters.sort_by_key(|c| "STRIDE".find(*c));
        letters.dedup();
        letters.into_iter().collect()
    };
    // Its own questions: one asked of several places (a template merged per diagram) is
    // the diagram's.
    let questions = |subject: &str| {
        a.checklist()
            .filter(|f| f.subject() == subject && f.subjects().count() == 1)
            .count()
    };
    assert_eq!(cells(elements[1].id.as_str()), "STRIDE", "process");
    assert_eq!(cells(elements[2].id.as_str()), "TID", "data store");
    // Tampering with the log store is answered on it (entries edited afterwards, forged
    // on the way in: nobody on the internet reaches the writer, so a question asks).
    assert_eq!(
        cells(elements[3].id.as_str()),
        "TRID",
        "data store with logs"
    );
    // Spoofing the partner is answered at the entry point it calls.
    assert_eq!(cells(elements[4].id.as_str()), "R", "external entity");
    assert!(a.threats().any(|f| {
        f.subject() == elements[0].id.as_str()
            && matches!(f.category, Category::Stride(Stride::Spoofing))
    }));
    assert_eq!(
        cells(flows[0].id.as_str()),
        "TID",
        "data flow across a boundary"
    );
    for e in &elements {
        assert!(
            questions(e.id.as_str()) <= 3,
            "{}: at most three questions",
            e.name
        );
    }
}

/// Questions that do not apply are not asked: none about spoofing a process nobody calls,
/// none about an actor that sends nothing, no "read on the way?" for a process reading its
/// own local configuration file.
#[test]
fn the_checklist_asks_only_what_applies() {
    let mut c = Case::new(DS, P);
    c.src.name = "Config file".into();
    c.dst.name = "Worker".into();
    let a = c.analyze();
    let asked = |id: &str| -> Vec<String> {
        a.checklist()
            .filter(|f| f.subject() == id)
            .map(|f| f.rule_id().to_owned())
            .collect()
    };
    assert!(
        asked(c.flow.id.as_str()).is_empty(),
        "{:?}",
        asked(c.flow.id.as_str())
    );
    assert!(
        !asked(c.dst.id.as_str()).contains(&"stride.process.spoofing".to_owned()),
        "nobody calls Worker"
    );
    // A process another process calls, with nothing else known: all six cells are asked;
    // what it shares with its caller (the same template on both) is asked once, naming
    // both.
    let c = Case::new(P, P);
    let a = c.analyze();
    let dst = c.dst.id.as_str();
    let about: Vec<_> = a.checklist().filter(|f| f.is_about(dst)).collect();
    let mut cells: Vec<char> = about
        .iter()
        .filter_map(|f| match f.category {
            Category::Stride(s) => Some(s.letter()),
            _ => None,
        })
        .collect();
    cells.sort_by_key(|c| "STRIDE".find(*c));
    cells.dedup();
    assert_eq!(cells.into_iter().collect::<String>(), "STRIDE");
    let shared: Vec<_> = about
        .iter()
        .filter(|f| f.is_about(c.src.id.as_str()))
        .collect();
    assert!(!shared.is_empty());
    for f in shared {
        assert!(
            f.title.contains(&c.src.name) && f.title.contains(&c.dst.name),
            "{}",
            f.title
        );
    }
    assert!(
        a.checklist()
            .filter(|f| f.subject() == dst && f.subjects().count() == 1)
            .count()
            <= 3
    );
    // An actor that only receives is asked nothing about what it sent.
    let c = Case::new(P, EE);
    let a = c.analyze();
    assert_eq!(
        a.checklist()
            .filter(|f| f.subject() == c.dst.id.as_str())
            .count(),
        0
    );
}

/// Each conditional rule: a case where it must fire and a near miss (one property
/// different) where it must stay silent.
type Setup = fn() -> Case;
type Tweak = fn(&mut Case);

/// The case of `provider-api-key-theft` that several near misses start from.
fn provider_api_key_theft_case() -> Case {
    let mut c = Case::new(P, EE);
    c.src.name = "Order service".into();
    c.dst.name = "Payment gateway".into();
    c.flow.name = "Charge card".into();
    c
}

/// A bidding service people reach from the internet, whose description states a limit.
fn stated_rule_case() -> Case {
    let mut c = Case::new(P, P).crossing(Internet).called_from_internet();
    c.dst.name = "Bid service".into();
    c.dst.description = "weekly cycle Thu to Mon. max 3 bids per cycle".into();
    c
}

/// A service people reach from the internet queries a database named as Postgres.
fn sql_injection_case() -> Case {
    let mut c = Case::new(P, DS).called_from_internet();
    c.dst.name = "Orders DB (Postgres)".into();
    c
}

/// The case of `client-supplied-amount` that several near misses start from.
fn client_supplied_amount_case() -> Case {
    let mut c = Case::new(EE, P).crossing(Internet);
    c.flow.name = "Order intent including order amount".into();
    c
}

/// The case of `card-data-skimming` that several near misses start from.
fn card_data_skimming_case() -> Case {
    let mut c = Case::new(EE, P).crossing(Internet);
    c.flow.name = "Customer enters card details".into();
    c
}

/// A process writing to a message queue.
fn queue_case() -> Case {
    let mut c = Case::new(P, DS);
    sp(&mut c.dst).store_type = StoreType::Queue;
    c
}

/// Another organisation's system calling a process.
fn system_caller_case() -> Case {
    let mut c = Case::new(EE, P);
    ep(&mut c.src).actor = Actor::System;
    c
}

/// Between services (an entry point gets `object-level-authorization`).
fn missing_authorization_case() -> Case {
    let mut c = Case::new(P, P).crossing(Internet);
    pp(&mut c.dst).authenticates_callers = true;
    c
}

/// A vendor named as such receives recordings of people.
fn data_shared_with_third_party_case() -> Case {
    let mut c = Case::new(P, EE);
    c.src.name = "Claims service".into();
    c.dst.name = "FraudCheck vendor".into();
    c.flow.name = "claim audio recording".into();
    c
}

/// A diver signs a waiver at check-in.
fn attestation_case() -> Case {
    let mut c = Case::new(EE, P);
    c.src.name = "Diver".into();
    c.dst.name = "Check-in app".into();
    c.flow.name = "waiver + signature png".into();
    c
}

/// What entrants typed goes to the treasurer as a CSV.
fn spreadsheet_case() -> Case {
    let mut c = Case::new(P, EE).called_from_internet();
    c.src.name = "Entries site".into();
    c.dst.name = "Treasurer".into();
    c.flow.name = "entries.csv".into();
    c
}

/// Customers with no account look up their booking by plate and phone number.
fn public_lookup_case() -> Case {
    let mut c = Case::new(EE, P);
    c.src.name = "Customer".into();
    c.src.description = "no account. identified by reg plate + mobile no.".into();
    c.dst.name = "Booking site".into();
    c.flow.name = "lookup (reg + mobile)".into();
    c
}

/// Sign-ups at a service whose members hold different roles.
fn mass_assignment_case() -> Case {
    let mut c = Case::new(EE, P);
    c.src.name = "Customer".into();
    c.dst.name = "Account service".into();
    c.src.description = "members with different roles".into();
    c.flow.name = "Sign-up".into();
    c
}

/// A browser signs in to a portal that keeps a session cookie.
fn session_case() -> Case {
    let mut c = Case::new(EE, P);
    c.src.name = "Customer browser".into();
    c.dst.name = "Web portal".into();
    c.flow.name = "Login form (session cookie)".into();
    c
}

/// Customers on the internet rushing the shop at a stated peak.
fn entry_point_flood_case() -> Case {
    let mut c = Case::new(EE, P).crossing(Internet);
    c.src.name = "Customer".into();
    c.dst.name = "Shop API".into();
    c.dst.description = "ticket sales open at 9am, traffic peaks then".into();
    c.flow.name = "Orders".into();
    c
}

/// A results page anyone opens reads the entries store, dates of birth and all.
fn public_page_case() -> Case {
    let mut c = Case::new(DS, P);
    c.src.name = "Entries DB".into();
    c.src.description = "entrant name, club, DOB, emergency contact".into();
    c.dst.name = "Results page".into();
    c.dst.description = "public, no login".into();
    c.flow.name = "results".into();
    c
}

/// A page anyone opens sends what it shows out to spectators.
fn public_map_case() -> Case {
    let mut c = Case::new(P, EE);
    c.src.name = "Live map".into();
    c.src.description = "public page".into();
    c.dst.name = "Spectators".into();
    c.flow.name = "boat positions".into();
    c
}

fn rule_cases() -> Vec<(&'static str, On, Setup, Tweak)> {
    vec![
        (
            "spoof-source-process",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.flow.protocol = "HTTPS".into();
                c
            },
            |c| c.flow.authenticates_source = true,
        ),
        (
            "spoof-source-process",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.flow.protocol = "HTTPS".into();
                c
            },
            // A provider's API knows its callers by their secret keys: whether it can tell
            // who calls is the provider's question.
            |c| c.dst.name = "Stripe API".into(),
        ),
        (
            "spoof-source-process",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.src.name = "Feed pump".into();
                c.src.description = "LTE-M modem".into();
                c.dst.name = "IoT Hub".into();
                c.flow.name = "status / alarms".into();
                c.flow.protocol = "MQTT".into();
                c
            },
            // A device certificate said of either end: the hub knows which pump sends.
            |c| c.src.description = "LTE-M modem. X.509 device cert installed at our depot".into(),
        ),
        (
            "spoof-source-process",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.src.name = "Fan controller".into();
                c.dst.name = "IoT Core".into();
                c.flow.protocol = "MQTT".into();
                c
            },
            |c| c.dst.description = "X.509 cert per device".into(),
        ),
        (
            "cleartext-across-boundary",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.src.name = "Feed pump".into();
                c.dst.name = "IoT Hub".into();
                c.flow.name = "status / alarms".into();
                c.flow.protocol = "MQTT".into();
                c
            },
            // The name says the field's protocol runs over TLS.
            |c| c.flow.name = "status / alarms (MQTT over TLS)".into(),
        ),
        (
            "spoof-source-process",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.flow.protocol = "HTTPS".into();
                c.flow.name = "REST calls".into();
                c
            },
            // Each request carries a signed token: the sender is proven.
            |c| c.flow.name = "REST + JWT".into(),
        ),
        (
            "spoof-source-process",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.flow.protocol = "HTTPS".into();
                c.flow.name = "price list".into();
                c
            },
            // Sent to client software that called over HTTPS: it checked the server.
            |c| c.dst.name = "POS app".into(),
        ),
        (
            "spoof-destination-process",
            On::Flow,
            || {
                // The model says the sender is authenticated, and says nothing of the
                // receiver.
                let mut c = Case::new(EE, P).crossing(Network);
                c.flow.authenticates_source = true;
                c
            },
            |c| c.flow.authenticates_destination = true,
        ),
        (
            "spoof-data-store",
            On::Flow,
            || {
                // Public data over HTTP (so no cleartext finding says it first).
                let mut c = Case::new(DS, P).crossing(Network);
                c.flow.protocol = "HTTP".into();
                c.flow.classification = DataClass::Public;
                c
            },
            |c| c.flow.authenticates_source = true,
        ),
        (
            "spoof-destination-entity",
            On::Flow,
            || {
                let mut c = Case::new(P, EE).crossing(Internet);
                c.flow.authenticates_source = true;
                c
            },
            |c| c.flow.authenticates_destination = true,
        ),
        (
            "webhook-unverified",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                ep(&mut c.src).third_party = true;
                c
            },
            |c| c.flow.authenticates_source = true,
        ),
        (
            "webhook-unverified",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                ep(&mut c.src).third_party = true;
                c.src.name = "APNs / FCM".into();
                c.dst.name = "Booking service".into();
                c.flow.name = "notification".into();
                c
            },
            // Pushes reach the phone app: it has no endpoint anyone could post to.
            |c| c.dst.name = "Mobile app (iOS + Android)".into(),
        ),
        (
            "webhook-unverified",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                ep(&mut c.src).third_party = true;
                c.src.name = "CAD (dispatch)".into();
                c.dst.name = "CAD connector".into();
                c.flow.name = "incident".into();
                c
            },
            // The connector fetches the incidents: nobody can post them to it.
            |c| c.dst.description = "polls CAD every 10 s".into(),
        ),
        (
            "webhook-unverified",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                ep(&mut c.src).third_party = true;
                c.src.name = "Monitoring tool".into();
                c.dst.name = "Public API".into();
                c.flow.name = "POST /components/:id/status".into();
                c
            },
            // The API says how its callers prove themselves: a key on every request.
            |c| c.dst.description = "Bearer API key per page, rate limit 60/min".into(),
        ),
        (
            "webhook-unverified",
            On::Flow,
            || {
                // A provider calling in.
                let mut c = Case::new(EE, P);
                ep(&mut c.src).third_party = true;
                c.src.name = "GitHub".into();
                c.dst.name = "bot runner".into();
                c.flow.name = "repository events".into();
                c
            },
            // What the runner pulls from the provider is no call from it.
            |c| c.flow.name = "git clone / push".into(),
        ),
        (
            "webhook-unverified",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                ep(&mut c.src).third_party = true;
                c.src.name = "Okta".into();
                c.dst.name = "Harbor".into();
                c.flow.name = "user provisioning webhook".into();
                c
            },
            // Signing in through the identity provider is no webhook to forge.
            |c| c.flow.name = "OIDC login".into(),
        ),
        (
            "webhook-unverified",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                ep(&mut c.src).third_party = true;
                c.src.name = "GitHub".into();
                c.dst.name = "webhook-rx".into();
                c.dst.description = "public endpoint POST /gh/events".into();
                c.flow.name = "webhook (pull_request)".into();
                c
            },
            // The receiver says it checks the provider's signature.
            |c| {
                c.dst.description =
                    "public endpoint POST /gh/events, verifies X-Hub-Signature-256".into()
            },
        ),
        (
            "stated-rule-bypass",
            On::Dst,
            stated_rule_case,
            // Its description says what it does, not a rule.
            |c| c.dst.description = "takes bids and puts them on the queue".into(),
        ),
        (
            "stated-rule-bypass",
            On::Dst,
            stated_rule_case,
            // A file size is the upload rules' to read.
            |c| c.dst.description = "bid documents, max 20MB each".into(),
        ),
        (
            "stated-rule-bypass",
            On::Dst,
            stated_rule_case,
            // Nobody reaches it: a nightly job.
            |c| c.internet_caller = false,
        ),
        (
            "stated-rule-bypass",
            On::Dst,
            || {
                // Written on the actor that calls it: the service is what must keep it.
                let mut c = Case::new(EE, P);
                c.src.name = "Agency staff".into();
                c.src.description =
                    "bulk bookings for groups. max 10 applicants per agency per day".into();
                c.dst.name = "Booking API".into();
                c.flow.name = "bookings".into();
                c
            },
            |c| c.src.description = "bulk bookings for groups".into(),
        ),
        (
            "stated-rule-bypass",
            On::Dst,
            || {
                let mut c = Case::new(P, P).crossing(Internet).called_from_internet();
                c.dst.name = "Booking site".into();
                c.flow.description = "power slider capped to the member's licence class".into();
                c
            },
            // Who may use it is the authorization rules' to read, not a business rule.
            |c| c.flow.description = "committee members only".into(),
        ),
        (
            "role-based-authorization",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Customer".into();
                c.also_calls_dst = Some("Barista");
                c
            },
            // Two people of one role.
            |c| c.also_calls_dst = Some("Customers"),
        ),
        (
            "role-based-authorization",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Spectator".into();
                c.also_calls_dst = Some("Race official");
                c.dst.name = "Results Web".into();
                c
            },
            // A public page with no login has no roles to keep apart.
            |c| c.dst.description = "public endpoint, no login".into(),
        ),
        (
            "server-side-request-forgery",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.dst.name = "URL Resource Reader".into();
                c
            },
            |c| c.dst.name = "Resource Manager".into(),
        ),
        (
            "server-side-request-forgery",
            On::Dst,
            || {
                // Webhooks posted to the URL each customer registered.
                let mut c = Case::new(EE, P);
                c.src.name = "Order service".into();
                c.dst.name = "Webhook notifier".into();
                c.dst.description =
                    "POSTs order fills to the client's registered callback URL".into();
                c
            },
            // Notices to one fixed partner address.
            |c| {
                c.dst.name = "Fill notifier".into();
                c.dst.description = "POSTs order fills to the clearing house".into();
            },
        ),
        (
            "configuration-tampering",
            On::Flow,
            || {
                let mut c = Case::new(DS, P);
                c.src.name = "File System".into();
                c.flow.name = "Read Config".into();
                c
            },
            |c| c.flow.name = "Read images".into(),
        ),
        (
            "path-traversal",
            On::Flow,
            || {
                let mut c = Case::new(P, DS).called_from_internet();
                c.dst.name = "File System".into();
                c.flow.name = "File create".into();
                c
            },
            |c| c.internet_caller = false,
        ),
        (
            "token-signing-key",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.dst.name = "Security Token Service".into();
                c
            },
            |c| c.dst.name = "Search Service".into(),
        ),
        (
            "assertion-forgery",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.dst.name = "SAML Assertion Handler".into();
                c
            },
            |c| c.dst.name = "Upload Handler".into(),
        ),
        (
            "authorization-fails-open",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.dst.name = "Policy Decision Point".into();
                c
            },
            |c| c.dst.name = "Decision Support".into(),
        ),
        (
            "hostile-input-parsing",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Camera feed".into();
                c.flow.name = "Video stream".into();
                c
            },
            // A request for a stream carries no stream: the images travel the other way.
            |c| c.flow.name = "Request for image streaming".into(),
        ),
        (
            "credentials-stored-unprotected",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                sp(&mut c.dst).stores_credentials = true;
                c
            },
            // Keys in a hardware security module cannot be copied out to be cracked.
            |c| c.dst.name = "Signing key (CloudHSM)".into(),
        ),
        (
            "hostile-input-parsing",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Build server".into();
                c.flow.name = "firmware image".into();
                c
            },
            // The hash of an image is 32 bytes, not an image to decode.
            |c| c.flow.name = "image hash".into(),
        ),
        (
            "hostile-input-parsing",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "External MPEG-TS Stream".into();
                c.flow.name = "UDP MPEG-TS Stream".into();
                c
            },
            // A gateway passes the stream on; it decodes nothing.
            |c| c.dst.name = "API GW".into(),
        ),
        (
            "hostile-input-parsing",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "External MPEG-TS Stream".into();
                c.flow.name = "UDP MPEG-TS Stream".into();
                c
            },
            // A person typing into it: no file or stream to parse.
            |c| {
                c.src.name = "Operator".into();
                c.flow.name = "Commands".into();
            },
        ),
        (
            "unauthenticated-ingestion-flood",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Sensors".into();
                c.flow.name = "Sensor readings (MQTT)".into();
                c.with_store()
            },
            |c| c.flow.authenticates_source = true,
        ),
        (
            "unauthenticated-ingestion-flood",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Sensors".into();
                c.flow.name = "Sensor readings (MQTT)".into();
                c.with_store()
            },
            // Readings posted now and then hold nothing open: a flood is no more likely
            // here than anywhere.
            |c| c.flow.name = "Sensor readings".into(),
        ),
        (
            "unauthenticated-ingestion-flood",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Sensors".into();
                c.flow.name = "Sensor readings (MQTT)".into();
                c.with_store()
            },
            // The sensor is wired to it: nobody else can pose as it from a network.
            |c| c.src.description = "relay wired to the controller".into(),
        ),
        (
            "emailed-link-tokens",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Customer".into();
                c.dst.name = "Accounts service".into();
                c.flow.name = "Password reset request".into();
                c
            },
            |c| c.flow.name = "Profile update".into(),
        ),
        (
            "provider-api-key-theft",
            On::Flow,
            provider_api_key_theft_case,
            // A partner's own server is no provider whose key can be spent.
            |c| c.dst.name = "Warehouse system".into(),
        ),
        (
            "provider-api-key-theft",
            On::Flow,
            provider_api_key_theft_case,
            // The browser is sent to the provider's own page: the provider takes the
            // payment and the model names no key the service could spend.
            |c| c.flow.name = "redirect w/ order ref".into(),
        ),
        (
            "provider-api-key-theft",
            On::Flow,
            provider_api_key_theft_case,
            // A messaging provider's key: blind reviewers called its theft generic (4
            // useful of 12), so no rule raises it.
            |c| {
                c.src.name = "Reminder job".into();
                c.dst.name = "SMS gateway".into();
                c.flow.name = "reminder SMS".into();
            },
        ),
        (
            "sign-in-guessing",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Customer".into();
                c.flow.name = "Login request".into();
                pp(&mut c.dst).authenticates_callers = true;
                c
            },
            |c| pp(&mut c.dst).rate_limited = true,
        ),
        (
            "file-server-path-traversal",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Sensors".into();
                c.dst.name = "TFTP Server".into();
                c
            },
            |c| c.dst.name = "Collection Servlet".into(),
        ),
        (
            "authorization-call-fails-open",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                c.src.name = "Gateway".into();
                c.dst.name = "Auth Service".into();
                c.flow.name = "Authorise User (GET)".into();
                c
            },
            |c| c.flow.name = "Sign-in".into(),
        ),
        (
            "browser-storage-readable",
            On::Dst,
            || {
                let mut c = Case::new(EE, DS);
                c.src.name = "Chrome".into();
                c.dst.name = "HTML Local storage".into();
                c
            },
            |c| c.dst.name = "Orders DB".into(),
        ),
        (
            "signing-key-compromise",
            On::Src,
            || {
                let mut c = Case::new(EE, DS);
                c.src.name = "Targets role/signing keys".into();
                c.src.description = "Responsible for signing targets metadata".into();
                c.dst.name = "Targets metadata".into();
                c
            },
            |c| {
                c.src.name = "Supplier".into();
                c.src.description = "Uploads images".into();
            },
        ),
        (
            "workload-spec-from-writable-config",
            On::Flow,
            || {
                let mut c = Case::new(P, EE);
                c.src.name = "Controller".into();
                c.dst.name = "API Server".into();
                c.flow.name = "Create/Update/Delete Pods".into();
                c
            },
            |c| c.flow.name = "Read instances".into(),
        ),
        (
            "replication-overshares",
            On::Flow,
            || {
                let mut c = Case::new(P, EE);
                c.src.name = "Federation Rep Plugin".into();
                c.dst.name = "External REST Service".into();
                c.flow.name = "Post".into();
                c
            },
            |c| c.src.name = "Search Plugin".into(),
        ),
        (
            "guest-fallback",
            On::Dst,
            || {
                let mut c = Case::new(P, P);
                c.src.name = "Web SSO Filter".into();
                c.dst.name = "Guest Handler".into();
                c
            },
            |c| c.dst.name = "Basic Auth Handler".into(),
        ),
        // A ship's or a hotel's guests chatting are no guest identity.
        (
            "guest-fallback",
            On::Dst,
            || {
                let mut c = Case::new(P, P);
                c.src.name = "Web SSO Filter".into();
                c.dst.name = "Guest access".into();
                c
            },
            |c| c.dst.name = "Guest chat".into(),
        ),
        (
            "payment-result-binding",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).answering();
                c.src.name = "Payment Gateway".into();
                c.src.description = "Communication secured via HTTPS/TLS.".into();
                c
            },
            |c| c.src.name = "Stock service".into(),
        ),
        (
            "messaging-abuse",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Anonymous visitor".into();
                c.dst.name = "Invite Service".into();
                c
            },
            |c| c.dst.name = "Meetings Service".into(),
        ),
        (
            "messaging-abuse",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Anonymous visitor".into();
                c.dst.name = "Invite Service".into();
                c
            },
            // Signed-in customers invite whom they choose: their account answers for it,
            // and reviewers called a spam relay there generic every time.
            |c| c.src.name = "Customer".into(),
        ),
        (
            "repository-content-runs",
            On::Flow,
            || {
                let mut c = Case::new(DS, P);
                c.src.name = "Cloned repo".into();
                c.dst.name = "Deploy CLI".into();
                c
            },
            |c| c.src.name = "Cache".into(),
        ),
        (
            "workspace-content-runs",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "Deploy CLI".into();
                c.dst.name = "Cloned repo".into();
                c
            },
            |c| c.dst.name = "Cache".into(),
        ),
        (
            "tool-credentials-to-impostor",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                c.src.name = "Deploy CLI".into();
                c.dst.name = "Cluster".into();
                c
            },
            |c| c.flow.protocol = "HTTPS".into(),
        ),
        (
            "secrets-written-to-repository",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "odo CLI".into();
                c.dst.name = "cloned repo".into();
                c
            },
            |c| c.src.name = "Renderer".into(),
        ),
        (
            "external-response-untrusted",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).answering();
                c.src.name = "Search index".into();
                c
            },
            // The same flow named as a call: the entity calls, it does not answer.
            |c| c.flow.name = "Index update".into(),
        ),
        (
            "external-response-untrusted",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).answering();
                c.src.name = "Rates API".into();
                c
            },
            // People answering a page they asked for are browsers, not a service whose
            // answers the process acts on.
            |c| c.src.name = "Public".into(),
        ),
        (
            "external-response-untrusted",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).answering();
                c.src.name = "Triage vendor API".into();
                c.flow.name = "score".into();
                c
            },
            // A reference lookup's answer fills in or shows facts; it decides nothing.
            |c| {
                c.src.name = "VRM lookup API".into();
                c.flow.name = "VRM lookup".into();
            },
        ),
        (
            "payment-result-unverified",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).answering();
                c.src.name = "Payment Gateway".into();
                c
            },
            |c| c.flow.authenticates_source = true,
        ),
        (
            "memory-corruption",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                pp(&mut c.dst).code_type = CodeType::Unmanaged;
                c
            },
            |c| pp(&mut c.dst).code_type = CodeType::Managed,
        ),
        (
            "custom-protocol-replay",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                pp(&mut c.src).custom_protocol = true;
                c
            },
            |c| pp(&mut c.src).custom_protocol = false,
        ),
        (
            "custom-protocol-replay",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                pp(&mut c.src).custom_protocol = true;
                c
            },
            // Over a cable (RS-232): no one on a network path to replay it.
            |c| c.flow.protocol = "RS-232".into(),
        ),
        (
            // A home-made protocol flag on an end, but the flow itself is TLS: the channel
            // already numbers and protects its records.
            "custom-protocol-replay",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                pp(&mut c.dst).custom_protocol = true;
                c
            },
            |c| {
                c.flow.encrypted = true;
                c.flow.integrity_protected = true;
            },
        ),
        (
            "custom-protocol-weak-integrity",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                pp(&mut c.dst).custom_protocol = true;
                c
            },
            |c| c.flow.integrity_protected = true,
        ),
        (
            "authenticated-flow-unprotected",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.authenticates_source = true;
                c.flow.protocol = "HTTP".into();
                c
            },
            |c| {
                c.flow.encrypted = true;
                c.flow.integrity_protected = true;
            },
        ),
        (
            "authenticated-flow-unprotected",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.authenticates_source = true;
                c.flow.protocol = "HTTP".into();
                c
            },
            // No protocol named: only unset flags would say it runs without TLS (reviewers
            // called that generic or wrong 13 times in 14).
            |c| c.flow.protocol = String::new(),
        ),
        (
            "authenticated-flow-unprotected",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.authenticates_source = true;
                c.flow.protocol = "HTTP".into();
                c
            },
            // A cable to the next box (RS-232): no network path to capture it on.
            |c| c.flow.protocol = "RS-232".into(),
        ),
        (
            "authenticated-flow-unprotected",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.authenticates_source = true;
                c.flow.protocol = "HTTP".into();
                c
            },
            // A hop inside one zone: nothing but unset flags says it runs without TLS, and
            // reviewers called it generic every time.
            |c| c.boundary = None,
        ),
        (
            "authenticated-flow-unprotected",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.authenticates_source = true;
                c.flow.protocol = "HTTP".into();
                c
            },
            // An identity provider's token endpoint speaks nothing but HTTPS.
            |c| c.src.name = "Entra ID".into(),
        ),
        (
            "sql-injection",
            On::Flow,
            || {
                // The store's answers come back across the boundary, so the querying
                // process is reached from outside its zone; people call it.
                let mut c = Case::new(P, DS).crossing(Network).called_from_internet();
                c.flow.bidirectional = true;
                sp(&mut c.dst).store_type = StoreType::Sql;
                c
            },
            |c| sp(&mut c.dst).store_type = StoreType::KeyValue,
        ),
        (
            "sql-injection",
            On::Flow,
            sql_injection_case,
            // A database whose engine the model does not name: a SQL injection threat
            // there is a template reviewers skip.
            |c| c.dst.name = "Orders DB".into(),
        ),
        (
            "sql-injection",
            On::Flow,
            sql_injection_case,
            // Nobody's input reaches the querying process: a nightly job.
            |c| c.internet_caller = false,
        ),
        (
            "sql-injection",
            On::Flow,
            sql_injection_case,
            // A framework whose models bind every value as a parameter.
            |c| c.src.technology = "Django".into(),
        ),
        (
            "sql-injection",
            On::Flow,
            sql_injection_case,
            // Its query to the store is said to go through an ORM.
            |c| c.flow.name = "Orders (EF Core)".into(),
        ),
        (
            "sql-injection",
            On::Flow,
            || {
                let mut c = Case::new(P, DS).crossing(Network).called_from_internet();
                c.flow.bidirectional = true;
                sp(&mut c.dst).store_type = StoreType::Sql;
                c.src.name = "Registry portal".into();
                c
            },
            // Another company's product: its queries are the vendor's; patching is ours.
            |c| c.src.description = "Harbor, vendor-managed appliance".into(),
        ),
        (
            "direct-database-access",
            On::Flow,
            || {
                let mut c = Case::new(EE, DS);
                sp(&mut c.dst).store_type = StoreType::Sql;
                c
            },
            |c| sp(&mut c.dst).store_type = StoreType::FileSystem,
        ),
        (
            "xml-external-entities",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.flow.payload = Payload::Xml;
                c
            },
            |c| c.flow.payload = Payload::Json,
        ),
        (
            "xml-external-entities",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Tax authority gateway".into();
                c.dst.name = "Filing Service".into();
                c.flow.name = "VAT return ack (XML)".into();
                c.flow.payload = Payload::Xml;
                c
            },
            // The gateway proves itself on each message (mutual TLS): its answers are no
            // stranger's XML.
            |c| c.flow.protocol = "mTLS".into(),
        ),
        (
            "untrusted-deserialization",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.payload = Payload::Binary;
                c
            },
            |c| c.flow.payload = Payload::Json,
        ),
        (
            "cross-site-scripting",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Customer".into();
                c.also_calls_dst = Some("Support agent");
                pp(&mut c.dst).is_web_application = true;
                c
            },
            |c| pp(&mut c.dst).sanitizes_output = true,
        ),
        (
            // What one role types reaches another's pages; with one role, nobody else's.
            "cross-site-scripting",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Customer".into();
                c.also_calls_dst = Some("Support agent");
                pp(&mut c.dst).is_web_application = true;
                c
            },
            |c| c.also_calls_dst = None,
        ),
        (
            "stored-cross-site-scripting",
            On::Flow,
            || {
                // A browser calls the web application that renders the stored data.
                let mut c = Case::new(DS, P).browser_calls_dst();
                pp(&mut c.dst).is_web_application = true;
                c
            },
            |c| pp(&mut c.dst).sanitizes_output = true,
        ),
        (
            "store-corruption",
            On::Flow,
            || Case::new(EE, DS).crossing(Network),
            |c| c.flow.authenticates_source = true,
        ),
        (
            "store-corruption",
            On::Flow,
            || Case::new(EE, DS).crossing(Network),
            // A presigned PUT is a write the service signed for: reviewers called "not
            // authenticated" a misreading twice.
            |c| c.flow.name = "upload (presigned PUT)".into(),
        ),
        (
            "store-corruption",
            On::Flow,
            || Case::new(EE, DS).crossing(Network),
            // The bucket's own words say writers come with URLs the service signed.
            |c| c.dst.description = "nail photos; signed upload URLs".into(),
        ),
        (
            "tampering-in-transit",
            On::Flow,
            || {
                // Public data over HTTP: nothing to read, but it can be altered.
                let mut c = Case::new(P, P).crossing(Machine);
                c.flow.protocol = "HTTP".into();
                c.flow.classification = DataClass::Public;
                c
            },
            |c| c.flow.integrity_protected = true,
        ),
        (
            "untrusted-file-upload",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.payload = Payload::File;
                c
            },
            |c| c.flow.payload = Payload::Form,
        ),
        ("queue-message-injection", On::Dst, queue_case, |c| {
            sp(&mut c.dst).signed = true
        }),
        // A queue kept on a phone or tablet for when it is offline is no broker others
        // publish to: what can be changed there is the device's threat.
        ("queue-message-injection", On::Dst, queue_case, |c| {
            c.src.description = "Android tablet app, queues flights while offline".into()
        }),
        // Nor is a queue in the browser's own storage ("IndexedDB queue" of scores not yet
        // synced): only the page that keeps it writes to it.
        ("queue-message-injection", On::Dst, queue_case, |c| {
            c.dst.name = "IndexedDB queue".into()
        }),
        (
            "shared-store-unsigned",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                sp(&mut c.dst).shared = true;
                c
            },
            |c| sp(&mut c.dst).signed = true,
        ),
        (
            "trusts-out-of-scope-input",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                c.src.out_of_scope = true;
                c.src.out_of_scope_reason = "vendor".into();
                c
            },
            |c| pp(&mut c.dst).sanitizes_input = true,
        ),
        (
            "trusts-out-of-scope-input",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                c.src.out_of_scope = true;
                c.src.out_of_scope_reason = "vendor".into();
                c
            },
            // A provider's webhook: the webhook rules say what to check on it.
            |c| c.flow.name = "payment webhook".into(),
        ),
        (
            "trusts-out-of-scope-input",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                c.src.out_of_scope = true;
                c.src.out_of_scope_reason = "vendor".into();
                c
            },
            // Over TLS with the sender authenticated: what it sends is the sender's word.
            |c| {
                c.flow.encrypted = true;
                c.flow.authenticates_source = true;
            },
        ),
        (
            "log-source-unauthenticated",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                sp(&mut c.dst).stores_logs = true;
                c.flow.protocol = "syslog".into();
                c
            },
            |c| c.flow.authenticates_source = true,
        ),
        (
            "insufficient-auditing",
            On::Dst,
            || {
                // One hop behind an entry point (an entry point gets
                // `entry-point-repudiation`); a device's own process nobody reaches is no
                // place for an audit trail.
                let mut c = Case::new(P, P).called_from_internet();
                pp(&mut c.dst).authenticates_callers = true;
                c
            },
            |c| pp(&mut c.dst).audit_logging = true,
        ),
        (
            "store-write-unattributed",
            On::Flow,
            || {
                let mut c = Case::new(P, DS).crossing(Network);
                pp(&mut c.src).rate_limited = true;
                sp(&mut c.dst).shared = true;
                c
            },
            |c| pp(&mut c.src).audit_logging = true,
        ),
        (
            "cleartext-across-boundary",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.flow.protocol = "HTTP".into();
                c
            },
            |c| c.flow.protocol = "HTTPS".into(),
        ),
        (
            "cleartext-across-boundary",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.flow.protocol = "MQTT".into();
                c
            },
            // Plain MQTT inside a tunnel its description names.
            |c| c.flow.description = "over wireguard to the space".into(),
        ),
        (
            "confidential-data-in-cleartext",
            On::Flow,
            || {
                // Across a boundary (inside one, the cleartext-internal threat says it).
                let mut c = Case::new(P, P).crossing(Network);
                c.flow.protocol = "HTTP".into();
                c.flow.classification = DataClass::Confidential;
                c
            },
            |c| c.flow.encrypted = true,
        ),
        (
            "secrets-in-cleartext",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                c.flow.classification = DataClass::Secret;
                c
            },
            |c| c.flow.classification = DataClass::Internal,
        ),
        (
            "custom-authorization-bypass",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                pp(&mut c.src).custom_authorization = true;
                c
            },
            |c| pp(&mut c.src).custom_authorization = false,
        ),
        (
            "weak-store-access-control",
            On::Flow,
            || {
                let mut c = Case::new(DS, P).crossing(Network);
                c.flow.protocol = "HTTP".into();
                sp(&mut c.src).classification = DataClass::Confidential;
                c
            },
            |c| c.flow.authenticates_destination = true,
        ),
        (
            "credentials-stored-unprotected",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                sp(&mut c.dst).stores_credentials = true;
                // Encrypted at rest or not: a leak through the application gives them away.
                sp(&mut c.dst).encrypted_at_rest = true;
                c
            },
            // The browser's cookie jar holds session tokens, not a credential database.
            |c| sp(&mut c.dst).store_type = StoreType::Cookie,
        ),
        (
            "sensitive-store-unencrypted",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                sp(&mut c.dst).classification = DataClass::Confidential;
                c.dst.description = "case notes, kept in plaintext".into();
                c
            },
            |c| sp(&mut c.dst).encrypted_at_rest = true,
        ),
        (
            "sensitive-store-unencrypted",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                sp(&mut c.dst).classification = DataClass::Confidential;
                c.dst.description = "case notes, kept in plaintext".into();
                c
            },
            // A store that says nothing of how it is kept: an encryption box left
            // unticked is no fact (the checklist asks who can read it and its copies).
            |c| c.dst.description = "case notes".into(),
        ),
        (
            "object-storage-exposure",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                let s = sp(&mut c.dst);
                s.store_type = StoreType::ObjectStorage;
                s.classification = DataClass::Secret;
                c
            },
            |c| sp(&mut c.dst).classification = DataClass::Public,
        ),
        (
            "object-storage-exposure",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.dst.name = "Results PDFs (S3)".into();
                c.dst.description = "official results".into();
                c
            },
            // Its words say what it keeps is published: a public bucket is the design.
            |c| c.dst.description = "official results, public links".into(),
        ),
        (
            "store-shared-by-link",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.dst.name = "Matching sheet\n(Google Sheets)".into();
                c.dst.description =
                    "shared 'anyone with the link can edit' so the partner committee can add notes"
                        .into();
                c
            },
            |c| c.dst.description = "shared with the committee's named accounts".into(),
        ),
        (
            "object-storage-exposure",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.dst.name = "Audio content (blob + CDN)".into();
                c
            },
            // A store named after a provider, not a platform the team rents, is the
            // provider's.
            |c| c.dst.name = "Audio content (Cloudinary)".into(),
        ),
        (
            "object-storage-exposure",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.dst.name = "Firmware bucket".into();
                c.dst.technology = "S3".into();
                c
            },
            // Public by design: its words say so, though nobody set the classification.
            |c| c.dst.description = "public-read, served through CloudFront".into(),
        ),
        (
            "data-shared-with-third-party",
            On::Flow,
            || {
                let mut c = Case::new(P, EE);
                ep(&mut c.dst).third_party = true;
                c.flow.classification = DataClass::Confidential;
                c
            },
            |c| ep(&mut c.dst).third_party = false,
        ),
        (
            "data-shared-with-third-party",
            On::Flow,
            data_shared_with_third_party_case,
            // What goes to it says nothing of people.
            |c| c.flow.name = "claim hashes".into(),
        ),
        (
            "data-shared-with-third-party",
            On::Flow,
            || {
                let mut c = data_shared_with_third_party_case();
                c.src.description = "keeps patients' medication records".into();
                c.flow.name = "reminder email (name, address)".into();
                c
            },
            // Plain contact details from a service holding nothing special: sending them to a
            // processor is what it is for, and reviewers called it generic.
            |c| c.src.description = "keeps customers' orders".into(),
        ),
        (
            "data-shared-with-third-party",
            On::Flow,
            data_shared_with_third_party_case,
            // A message or payment provider is sent people's details to do its one job:
            // reviewers called "data goes to the third party" there generic every time.
            |c| {
                c.dst.name = "SMS gateway".into();
                c.flow.name = "appointment reminder (name, phone)".into();
            },
        ),
        (
            "secrets-in-logs",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                pp(&mut c.src).handles_secrets = true;
                sp(&mut c.dst).stores_logs = true;
                c.dst.name = "Logs".into();
                c
            },
            |c| pp(&mut c.src).handles_secrets = false,
        ),
        (
            "secrets-in-logs",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                pp(&mut c.src).handles_secrets = true;
                sp(&mut c.dst).stores_logs = true;
                c.dst.name = "Logs".into();
                c
            },
            // Marked a log store, a record the business keeps ("Hire log": hires, returns,
            // damage notes) is still no log the software dumps requests into.
            |c| c.dst.name = "Hire log".into(),
        ),
        (
            "secrets-in-logs",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "IVR".into();
                c.src.description = "collects card number and CVV by DTMF".into();
                c.dst.name = "IVR call logs".into();
                c.flow.name = "call log (verbose)".into();
                c
            },
            // Order events name people's orders, no secret: an order journal is no leak of
            // credentials.
            |c| c.src.description = "collects the customer's order choices by DTMF".into(),
        ),
        (
            "payment-card-data",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                pp(&mut c.dst).handles_card_payment = true;
                c
            },
            |c| pp(&mut c.dst).handles_card_payment = false,
        ),
        // Cards charged by the provider's token ("charge saved card token"): no card
        // number passes through.
        (
            "payment-card-data",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                pp(&mut c.dst).handles_card_payment = true;
                c
            },
            |c| c.flow.name = "charge saved card token".into(),
        ),
        (
            "removable-media-unencrypted",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                sp(&mut c.dst).removable = true;
                c
            },
            |c| sp(&mut c.dst).encrypted_at_rest = true,
        ),
        (
            "datastore-without-default-auth",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                c.dst.technology = "Redis 7".into();
                c
            },
            |c| c.dst.technology = "PostgreSQL".into(),
        ),
        // A hosted service of the engine that always requires credentials (MongoDB Atlas,
        // Upstash, Elastic Cloud).
        (
            "datastore-without-default-auth",
            On::Flow,
            || {
                let mut c = Case::new(P, DS);
                c.dst.name = "MongoDB".into();
                c
            },
            |c| c.dst.name = "MongoDB Atlas".into(),
        ),
        // Bidirectional across a boundary: the process is itself reached from outside.
        (
            "store-without-backup",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                sp(&mut c.dst).classification = DataClass::Internal;
                c
            },
            |c| sp(&mut c.dst).store_type = StoreType::Cache,
        ),
        (
            "missing-authorization",
            On::Flow,
            missing_authorization_case,
            |c| pp(&mut c.dst).authorizes_callers = true,
        ),
        (
            "missing-authorization",
            On::Flow,
            missing_authorization_case,
            // Client software in someone's hand (a kiosk app) receives answers; what it
            // may do is decided by the services it calls.
            |c| c.dst.name = "Kiosk app".into(),
        ),
        (
            "missing-authentication",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.classification = DataClass::Confidential;
                c
            },
            |c| c.flow.authenticates_source = true,
        ),
        (
            "code-injection",
            On::Flow,
            || {
                let mut c = Case::new(DS, P);
                pp(&mut c.dst).executes_dynamic_code = true;
                c
            },
            |c| pp(&mut c.dst).executes_dynamic_code = false,
        ),
        (
            "privileged-process-exposed",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Machine);
                pp(&mut c.dst).runs_as = RunsAs::System;
                c
            },
            |c| pp(&mut c.dst).runs_as = RunsAs::ServiceAccount,
        ),
        (
            "unisolated-process-exposed",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                pp(&mut c.dst).isolation = Isolation::None;
                c
            },
            |c| pp(&mut c.dst).isolation = Isolation::Container,
        ),
        (
            "cross-site-request-forgery",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.flow.contains_cookies = true;
                c
            },
            |c| c.flow.csrf_protected = true,
        ),
        (
            "cross-site-request-forgery",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.flow.contains_cookies = true;
                c
            },
            // A read changes nothing a forged request could.
            |c| c.flow.name = "GET /articles/{slug}".into(),
        ),
        (
            "identity-token-validation",
            On::Src,
            || {
                let mut c = Case::new(P, EE);
                ep(&mut c.dst).identity_provider = true;
                c
            },
            |c| ep(&mut c.dst).identity_provider = false,
        ),
        (
            "card-data-skimming",
            On::Flow,
            card_data_skimming_case,
            |c| c.flow.name = "Customer enters delivery details".into(),
        ),
        (
            "card-data-skimming",
            On::Flow,
            card_data_skimming_case,
            // A card handed over at a booth, a seat terminal or a door reader is no page
            // on the internet a skimming script could be injected into.
            |c| c.boundary = None,
        ),
        (
            "card-data-skimming",
            On::Flow,
            card_data_skimming_case,
            // Typed into the provider's hosted page: not a page this team serves.
            |c| c.dst.name = "Stripe Checkout".into(),
        ),
        (
            "card-data-skimming",
            On::Flow,
            card_data_skimming_case,
            // Tapped on a payment terminal: EMV between card and terminal, no page.
            |c| {
                c.dst.name = "Card reader".into();
                c.dst.description = "BT card reader paired to tablet. £40 pre-auth".into();
            },
        ),
        (
            "card-testing",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.name = "ConfirmCardPayment()".into();
                c
            },
            |c| pp(&mut c.dst).rate_limited = true,
        ),
        (
            "card-testing",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.flow.name = "card details".into();
                c
            },
            // The provider's own checkout takes the card: its fraud checks, not ours.
            |c| c.dst.name = "Stripe Checkout".into(),
        ),
        (
            "client-supplied-amount",
            On::Flow,
            client_supplied_amount_case,
            |c| c.flow.name = "Order intent with item ids".into(),
        ),
        (
            "client-supplied-amount",
            On::Flow,
            client_supplied_amount_case,
            // A wholesaler's price file is where the prices come from, not a customer's
            // say-so.
            |c| {
                c.src.name = "Wholesaler".into();
                ep(&mut c.src).actor = Actor::System;
            },
        ),
        (
            "client-supplied-amount",
            On::Flow,
            client_supplied_amount_case,
            // The payment provider's own event reports what it charged; the price the
            // shop chose was set when the session was made.
            |c| {
                c.src.name = "Stripe".into();
                c.flow.name = "checkout.session.completed (amount)".into();
            },
        ),
        (
            "proximity-link",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                c.flow.protocol = "Bluetooth LE".into();
                c
            },
            |c| c.flow.protocol = "HTTPS".into(),
        ),
        // A payment card tapped on a card terminal talks EMV, not a link of the team's; a
        // door's card reader is still a radio link worth the question.
        (
            "proximity-link",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Guest".into();
                c.dst.name = "Door card reader".into();
                c.flow.name = "card tap".into();
                c
            },
            |c| {
                c.dst.name = "Card reader".into();
                c.dst.description = "BT card reader paired to tablet. £40 pre-auth".into();
            },
        ),
        (
            "remote-admin-hop",
            On::Flow,
            || {
                let mut c = Case::new(P, P).crossing(Network);
                c.flow.name = "SSH".into();
                c
            },
            |c| c.flow.name = "Deployments".into(),
        ),
        (
            "remote-admin-hop",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Chamber vendor support".into();
                c.src.description = "TeamViewer on the mini PC, unattended access".into();
                c.dst.name = "Clinic app".into();
                c.flow.name = "remote desktop".into();
                c
            },
            // The vendor's tool named at an end says how its other flows travel, not that
            // each is a remote-control session.
            |c| c.flow.name = "service report".into(),
        ),
        (
            // Named, no protocol given: JMX manages the JVM (MBean operations install code).
            "remote-admin-hop",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "JMX Client".into();
                c.flow.name = "JMX Request".into();
                c
            },
            |c| c.flow.name = "Metrics Request".into(),
        ),
        (
            "cleartext-internal",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                c.flow.protocol = "HTTP".into();
                c
            },
            |c| c.flow.protocol = "gRPC over mTLS".into(),
        ),
        (
            "cleartext-internal",
            On::Flow,
            || {
                let mut c = Case::new(P, P);
                c.flow.protocol = "serial".into();
                c
            },
            // A USB cable between the two: no network to read it on.
            |c| c.flow.protocol = "USB serial".into(),
        ),
        (
            "internet-reachable-store",
            On::Dst,
            || {
                let mut c = Case::new(EE, DS).crossing(Internet);
                sp(&mut c.dst).store_type = StoreType::Sql;
                c
            },
            |c| c.boundary = Some(Network),
        ),
        (
            "object-level-authorization",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Network);
                c.dst.name = "Orders API".into();
                c.flow.name = "Update order".into();
                c
            },
            // Requests that name nothing of the caller's own.
            |c| {
                c.dst.name = "Status API".into();
                c.flow.name = "Ping".into();
            },
        ),
        (
            "object-level-authorization",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Network);
                c.src.name = "Customer".into();
                c.dst.name = "Orders API".into();
                c.flow.name = "Update order".into();
                c
            },
            // The public at large owns nothing there to check.
            |c| c.src.name = "Public (found a dog)".into(),
        ),
        (
            "object-level-authorization",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Network);
                c.src.name = "Customer".into();
                c.dst.name = "Orders API".into();
                c.flow.name = "Update order".into();
                c.also_calls_dst = Some("Ops staff");
                c
            },
            // Only staff who work every order call it: no order is one caller's alone.
            |c| c.src.name = "Race Office".into(),
        ),
        (
            "authentication-entry-point",
            On::Dst,
            || Case::new(EE, P),
            |c| pp(&mut c.dst).authenticates_callers = true,
        ),
        (
            "authentication-entry-point",
            On::Dst,
            || Case::new(EE, P),
            // Staff sign in with the organisation's directory: its passwords and lockout.
            |c| c.dst.description = ".NET 6 on IIS. Windows auth, roles from AD groups".into(),
        ),
        (
            "authentication-entry-point",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Passenger".into();
                c.dst.name = "Lost property web".into();
                c
            },
            // The actor's own words say there is no account to take over.
            |c| c.src.description = "reports a lost item, no account".into(),
        ),
        (
            "service-caller-authentication",
            On::Dst,
            system_caller_case,
            |c| pp(&mut c.dst).authenticates_callers = true,
        ),
        (
            "service-caller-authentication",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                ep(&mut c.src).actor = Actor::System;
                c.src.name = "Met / NOTAM feed".into();
                c.src.description = "wx + NOTAMs".into();
                c
            },
            // The feed says it is polled: the process asks, the feed only answers.
            |c| c.src.description = "wx + NOTAMs, polled every 10 min".into(),
        ),
        (
            "service-caller-authentication",
            On::Dst,
            system_caller_case,
            // The flow proves its source (mutual TLS, an SFTP key per partner).
            |c| c.flow.authenticates_source = true,
        ),
        (
            "service-caller-authentication",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                ep(&mut c.src).actor = Actor::System;
                c.src.name = "Balance".into();
                c.flow.name = "weights".into();
                c
            },
            // A point-to-point serial cable: nothing else can call on it.
            |c| c.flow.protocol = "RS-232".into(),
        ),
        (
            "service-caller-authentication",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Courier company system".into();
                c.dst.name = "Dispatch API".into();
                c.flow.name = "delivery status".into();
                c
            },
            // Only a payment provider calls: its webhook's own threat says whether each call
            // is really the provider's.
            |c| c.src.name = "Stripe".into(),
        ),
        (
            "sign-in-through-identity-provider",
            On::Flow,
            || {
                let mut c = Case::new(EE, EE);
                c.dst.name = "Cognito".into();
                c
            },
            |c| c.dst.name = "Mail relay".into(),
        ),
        (
            "function-level-authorization",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).browser_calls_dst();
                c.src.name = "Admin".into();
                c
            },
            |c| pp(&mut c.dst).authorizes_callers = true,
        ),
        (
            "function-level-authorization",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).browser_calls_dst();
                c.src.name = "Admin".into();
                c
            },
            // Another company's product the team runs: its role checks are its vendor's.
            |c| c.dst.technology = "Keycloak".into(),
        ),
        (
            "ldap-injection",
            On::Flow,
            || {
                let mut c = Case::new(P, DS).called_from_internet();
                c.dst.name = "LDAP directory".into();
                c
            },
            |c| c.dst.name = "Archive".into(),
        ),
        (
            "nosql-injection",
            On::Flow,
            || {
                let mut c = Case::new(P, DS).called_from_internet();
                c.dst.technology = "MongoDB".into();
                c
            },
            |c| c.internet_caller = false,
        ),
        (
            "nosql-injection",
            On::Flow,
            || {
                let mut c = Case::new(P, DS).called_from_internet();
                c.dst.technology = "MongoDB".into();
                c
            },
            // Queried through a cloud SDK's typed calls: no query is built from input.
            |c| c.dst.technology = "Firestore (Firebase SDK)".into(),
        ),
        (
            "command-injection",
            On::Src,
            || {
                let mut c = Case::new(P, DS).called_from_internet();
                c.src.name = "Shell runner".into();
                c
            },
            |c| pp(&mut c.src).sanitizes_input = true,
        ),
        (
            "key-store-access",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.dst.name = "Key store".into();
                c
            },
            |c| c.dst.name = "Orders store".into(),
        ),
        (
            "admin-actions-unaudited",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Administrator".into();
                c
            },
            |c| pp(&mut c.dst).audit_logging = true,
        ),
        (
            "admin-actions-unaudited",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Administrator".into();
                c
            },
            |c| c.dst.technology = "Keycloak".into(),
        ),
        (
            "denial-of-wallet",
            On::Src,
            || {
                let mut c = Case::new(P, DS).called_from_internet();
                c.src.technology = "AWS Lambda".into();
                c
            },
            |c| pp(&mut c.src).rate_limited = true,
        ),
        (
            "denial-of-wallet",
            On::Src,
            || {
                let mut c = Case::new(P, DS).called_from_internet();
                c.src.technology = "AWS Lambda".into();
                c
            },
            // Fargate bills per running task, not per request: a flood costs no more than
            // the tasks already running.
            |c| c.src.technology = "ECS Fargate".into(),
        ),
        (
            "update-rollback-or-freeze",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Fleet server".into();
                c.dst.name = "Vehicle ECU".into();
                c.flow.name = "Firmware update".into();
                c
            },
            // Readings from the vehicle carry no software to install.
            |c| c.flow.name = "Diagnostics".into(),
        ),
        (
            // The update named by where it comes from; what receives it installs it.
            "update-rollback-or-freeze",
            On::Flow,
            || {
                let mut c = Case::new(DS, P);
                c.src.name = "Update images".into();
                c.dst.name = "Bootloader".into();
                c
            },
            // A web shop's order service installs nothing.
            |c| c.dst.name = "Order service".into(),
        ),
        (
            // Firmware sent to a unit drawn as an actor: the unit installs it.
            "update-rollback-or-freeze",
            On::Flow,
            || {
                let mut c = Case::new(P, EE);
                c.src.name = "Release store".into();
                c.dst.name = "Inverter + WiFi stick".into();
                c.dst.description = "embedded board at the customer's site".into();
                c.flow.name = "fw image".into();
                c
            },
            // A person handed firmware (to flash by hand) is no unit that installs it.
            |c| {
                c.dst.name = "Installer".into();
                c.dst.description = "flashes the board at the customer's site".into();
            },
        ),
        (
            "account-recovery-takeover",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Support agent".into();
                c.dst.name = "Backoffice".into();
                c.dst.description = "internal tool. reissue cards, change phone no.".into();
                c
            },
            // Reissuing cards changes nothing that proves who owns the account.
            |c| c.dst.description = "internal tool. reissue cards".into(),
        ),
        (
            "alerts-fall-silent",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Gas detectors".into();
                c.dst.name = "Alarm manager".into();
                c.flow.name = "readings".into();
                c
            },
            // A service that raises nothing people act on.
            |c| c.dst.name = "Readings archive".into(),
        ),
        (
            // What the client software in front decides is taken by the API behind it.
            "client-asserted-facts",
            On::Dst,
            || {
                let mut c = Case::new(P, P);
                c.src.name = "Booking site".into();
                c.src.description = "SPA. deposit calculated in the browser".into();
                c.dst.name = "Booking API".into();
                c.flow.name = "create payment intent".into();
                c
            },
            |c| c.src.description = "SPA. deposit shown in the browser".into(),
        ),
        (
            "device-physical-access",
            On::Src,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Smart meter".into();
                c.dst.name = "Head-end".into();
                c.flow.name = "readings".into();
                c
            },
            // Its key is kept in hardware made to resist extraction.
            |c| c.src.description = "per-unit key in a secure element".into(),
        ),
        (
            "device-physical-access",
            On::Src,
            || {
                let mut c = Case::new(P, P);
                c.src.name = "Station controller (IoT)".into();
                c.dst.name = "Telemetry ingest".into();
                c.flow.name = "dock events".into();
                c
            },
            // Software that manages the units is no unit in the field.
            |c| c.src.name = "IoT device registry".into(),
        ),
        // A unit that only takes commands ("open" to a bay sensor's barrier, labels to a
        // printer) sends nothing in with a credential of its own: nothing to take from it.
        (
            "device-physical-access",
            On::Src,
            || {
                let mut c = Case::new(P, P);
                c.src.name = "Bay sensor".into();
                c.dst.name = "Gate controller".into();
                c.flow.name = "bay status".into();
                c
            },
            |c| {
                std::mem::swap(&mut c.flow.source, &mut c.flow.target);
                c.flow.name = "open (Modbus TCP)".into();
            },
        ),
        // A PLC in a pump house holds no credential of the system and goes nowhere:
        // opening it is not how it is attacked.
        (
            "device-physical-access",
            On::Src,
            || {
                let mut c = Case::new(P, P);
                c.src.name = "Weighbridge PC".into();
                c.dst.name = "Intake API".into();
                c.flow.name = "weights".into();
                c
            },
            |c| c.src.name = "Pump house PLC".into(),
        ),
        (
            "device-store-lost",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "Survey App".into();
                c.src.description = "Kotlin app, works offline".into();
                c.dst.name = "Local SQLite".into();
                c.flow.name = "drafts".into();
                c
            },
            // A server's database goes nowhere with anyone's phone.
            |c| {
                c.src.name = "Sync API".into();
                c.src.description = "Kotlin + Ktor".into();
            },
        ),
        (
            "device-store-lost",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "Survey App".into();
                c.src.description = "Kotlin app, works offline".into();
                c.dst.name = "Photos".into();
                c.flow.name = "photos".into();
                c
            },
            // The app uploads straight to a cloud bucket: it is not on the phone.
            |c| c.dst.description = "S3 bucket".into(),
        ),
        (
            "device-store-lost",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "Driver app (Android)".into();
                c.dst.name = "pending pickups".into();
                c
            },
            |c| sp(&mut c.dst).encrypted_at_rest = true,
        ),
        (
            "unsigned-image-runs",
            On::Flow,
            || {
                let mut c = Case::new(DS, P);
                c.src.name = "Container Registry".into();
                c.dst.name = "Kubelet".into();
                c.flow.name = "Image layers".into();
                c
            },
            |c| sp(&mut c.src).signed = true,
        ),
        (
            "attestation-denied",
            On::Dst,
            attestation_case,
            // Nobody signs or vouches for anything here.
            |c| c.flow.name = "booking".into(),
        ),
        (
            "attestation-denied",
            On::Dst,
            attestation_case,
            // The team says it keeps an audit trail of who did what.
            |c| pp(&mut c.dst).audit_logging = true,
        ),
        (
            "file-handoff-tampering",
            On::Flow,
            || {
                let mut c = Case::new(P, EE);
                c.src.name = "Payments export".into();
                c.dst.name = "County AP system".into();
                c.flow.name = "payment file".into();
                c.flow.protocol = "SFTP".into();
                c
            },
            // An API call, no file waiting anywhere to be changed.
            |c| {
                c.flow.name = "payment request".into();
                c.flow.protocol = "HTTPS".into();
            },
        ),
        (
            "file-handoff-tampering",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Tox lab system".into();
                c.dst.name = "Results import".into();
                c.flow.name = "results csv".into();
                c
            },
            // A person uploading a file: the upload rules' business.
            |c| c.src.name = "Lab technician".into(),
        ),
        (
            "known-facts-sign-in",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Patient".into();
                c.dst.name = "Booking web".into();
                c.dst.description =
                    "public. patient enters referral ref (from letter) + DOB to book slots".into();
                c
            },
            // A sign-in of the patient's own proves more than what others know of them.
            |c| c.dst.description = "public. patients sign in with NHS login to book".into(),
        ),
        (
            "known-facts-sign-in",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Driver".into();
                c.src.description = "logs in with driver card number + date of birth".into();
                c.dst.name = "Tacho portal".into();
                c
            },
            // The date of birth kept as data is no way in.
            |c| c.src.description = "name, date of birth + licence category kept".into(),
        ),
        (
            "public-lookup-enumeration",
            On::Dst,
            public_lookup_case,
            // The team says it limits how often one source may ask.
            |c| pp(&mut c.dst).rate_limited = true,
        ),
        (
            "public-lookup-enumeration",
            On::Dst,
            public_lookup_case,
            // Customers who sign in look up their own records: the authorization rules ask.
            |c| c.src.description = "signs in with email + password".into(),
        ),
        (
            "public-page-shows-people",
            On::Dst,
            public_page_case,
            // Only staff who sign in open it.
            |c| {
                c.dst.name = "Entries admin".into();
                c.dst.description = "staff only, sign in with password".into();
            },
        ),
        (
            "public-page-shows-people",
            On::Dst,
            public_page_case,
            // The page writes into the store: what visitors type in is shown to nobody.
            |c| std::mem::swap(&mut c.flow.source, &mut c.flow.target),
        ),
        (
            "public-page-shows-people",
            On::Dst,
            public_page_case,
            // The store holds nothing about people.
            |c| c.src.description = "heat times, lane draw".into(),
        ),
        (
            "public-page-shows-people",
            On::Src,
            public_map_case,
            // What it sends out names no person or place.
            |c| c.flow.name = "race start times".into(),
        ),
        (
            "spreadsheet-formula-injection",
            On::Flow,
            spreadsheet_case,
            // A PDF runs no formulas.
            |c| c.flow.name = "entries summary (PDF)".into(),
        ),
        (
            "spreadsheet-formula-injection",
            On::Flow,
            spreadsheet_case,
            // Software imports it; nobody opens it in a spreadsheet.
            |c| c.dst.name = "Marketing platform".into(),
        ),
        (
            "spreadsheet-formula-injection",
            On::Flow,
            spreadsheet_case,
            // Nobody enters what it holds: no outsider's text reaches the cells.
            |c| c.internet_caller = false,
        ),
        (
            "mass-assignment",
            On::Dst,
            mass_assignment_case,
            // Nothing here creates or edits accounts.
            |c| c.flow.name = "Orders".into(),
        ),
        (
            "mass-assignment",
            On::Dst,
            mass_assignment_case,
            // No roles among its users: no field only an administrator may set.
            |c| c.src.description = String::new(),
        ),
        (
            "server-session-handling",
            On::Dst,
            session_case,
            // Pages nobody signs in to keep no session.
            |c| c.flow.name = "Product pages".into(),
        ),
        (
            "server-session-handling",
            On::Dst,
            session_case,
            // A login that says nothing of sessions: reviewers called the cookie checklist
            // generic there.
            |c| c.flow.name = "Login form".into(),
        ),
        (
            "cleartext-with-outside",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Active Directory".into();
                c.dst.name = "Directory sync job".into();
                c.flow.name = "User and group records".into();
                c.flow.protocol = "LDAP (389)".into();
                c
            },
            |c| c.flow.protocol = "LDAPS".into(),
        ),
        (
            "cleartext-with-outside",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Tinting machine".into();
                c.dst.name = "Tint agent".into();
                c.flow.name = "dispense cmds".into();
                c.flow.protocol = "serial".into();
                c
            },
            // The machine says it hangs off the PC by a cable: no network to read it on.
            |c| c.src.description = "colourant dispenser, RS-232 from tint PC".into(),
        ),
        (
            "stored-objects-run",
            On::Flow,
            || {
                let mut c = Case::new(DS, P);
                c.src.name = "Model registry".into();
                c.src.description = "Trained models saved as pickle files".into();
                c.dst.name = "Scoring API".into();
                c.flow.name = "load model".into();
                c
            },
            |c| c.src.description = "Trained models saved as ONNX files".into(),
        ),
        (
            "notification-content-leak",
            On::Flow,
            || {
                let mut c = Case::new(P, EE);
                c.src.name = "Results service".into();
                c.src.description = "Releases lab results (health data) to patients".into();
                c.dst.name = "SMS gateway".into();
                c.flow.name = "Result ready".into();
                c
            },
            // Nothing sensitive handled by the sender.
            |c| c.src.description = "Releases timetables".into(),
        ),
        (
            "notification-content-leak",
            On::Flow,
            || {
                let mut c = Case::new(P, EE);
                c.src.name = "Click & collect API".into();
                c.src.description = "orders with customer name, address and payment".into();
                c.dst.name = "SMS gateway".into();
                c.flow.name = "order ready + collection code".into();
                c
            },
            // A reminder of a booking says nothing worth reading off a lock screen.
            |c| c.flow.name = "booking reminders".into(),
        ),
        // A call the provider connects ("TwiML <Dial>", "voice call") shows nothing on a
        // lock screen but the caller's number.
        (
            "notification-content-leak",
            On::Flow,
            || {
                let mut c = Case::new(P, EE);
                c.src.name = "Results service".into();
                c.src.description = "Releases lab results (health data) to patients".into();
                c.dst.name = "Twilio Voice / SMS".into();
                c.flow.name = "Result ready".into();
                c
            },
            |c| c.flow.name = "TwiML <Dial>".into(),
        ),
        (
            "money-out-redirected",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Campaign creator".into();
                c.dst.name = "Creator portal".into();
                c.flow.name = "update bank details".into();
                c
            },
            |c| c.flow.name = "update campaign text".into(),
        ),
        (
            "secret-in-url",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "API client".into();
                c.flow.name = "GET /v1/datasets?api_key=…".into();
                c
            },
            |c| c.flow.name = "GET /v1/datasets (X-Api-Key header)".into(),
        ),
        (
            "email-sender-forged",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Support mailbox".into();
                c.dst.name = "mail-ingest".into();
                c.flow.name = "new mail (IMAP)".into();
                c
            },
            |c| c.flow.name = "ticket webhook".into(),
        ),
        ("entry-point-flood", On::Dst, entry_point_flood_case, |c| {
            pp(&mut c.dst).rate_limited = true
        }),
        (
            "entry-point-flood",
            On::Dst,
            entry_point_flood_case,
            // Costly work alone (searches, exports, password hashing) is true of any
            // service: reviewers called the flood threat on it generic nearly every time.
            |c| c.dst.description = "product search and order history export".into(),
        ),
        (
            "embedded-secret",
            On::Src,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Vehicle TCU".into();
                c.src.description = "LTE modem. API key compiled into firmware".into();
                c.dst.name = "Telemetry ingest".into();
                c
            },
            // Each unit gets its own certificate at the factory.
            |c| c.src.description = "LTE modem. Per-device X.509 certificate".into(),
        ),
        (
            "outsider-content-shown",
            On::Src,
            || {
                // Staff read in their console what customers put in the ticket store.
                let mut c = Case::new(P, DS).called_from_internet();
                c.src.name = "Agent console".into();
                c.dst.name = "tickets".into();
                c.flow.name = "tickets".into();
                c.flow.bidirectional = true;
                c.also_calls_dst = Some("Customer");
                c
            },
            // Nothing outsiders put there is read back: the console only files tickets.
            |c| {
                c.also_calls_dst = None;
                c.flow.bidirectional = false;
            },
        ),
        (
            "check-skipped-by-design",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Caller".into();
                c.dst.name = "IVR".into();
                c.dst.description =
                    "If caller ID matches a number on an account the DOB check is skipped".into();
                c
            },
            // The check always runs.
            |c| c.dst.description = "asks for DOB and postcode on every call".into(),
        ),
        (
            "tenant-data-mixed",
            On::Dst,
            || {
                let mut c = Case::new(P, DS).called_from_internet();
                c.src.name = "Public API".into();
                c.dst.name = "tenant DB".into();
                c.dst.description = "Postgres, shared schema, tenant_id on every table".into();
                c.flow.name = "rows".into();
                c
            },
            // One customer's own database.
            |c| c.dst.description = "Postgres, one database per customer".into(),
        ),
        (
            "crafted-file-processing",
            On::Dst,
            || {
                // A worker converting what customers uploaded into a bucket.
                let mut c = Case::new(DS, P);
                c.src.name = "artwork uploads".into();
                c.dst.name = "Thumbnailer".into();
                c.dst.description = "ImageMagick, makes previews".into();
                c.flow.name = "files".into();
                c
            },
            // The bucket holds files the team itself puts there.
            |c| c.src.name = "release artefacts".into(),
        ),
        (
            "crafted-file-processing",
            On::Dst,
            || {
                let mut c = Case::new(DS, P);
                c.src.name = "artwork uploads".into();
                c.dst.name = "Thumbnailer".into();
                c.dst.description = "ImageMagick, makes previews".into();
                c.flow.name = "files".into();
                c
            },
            // It only copies the files on; it converts nothing.
            |c| {
                c.dst.name = "Archiver".into();
                c.dst.description = "copies them to cold storage".into();
            },
        ),
        (
            "audit-trail-editable",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "Admin console".into();
                c.dst.name = "Audit log".into();
                c.flow.name = "admin actions".into();
                c
            },
            // Written once, never changed: the team says so.
            |c| c.dst.description = "append-only, hash chained".into(),
        ),
        (
            "audit-trail-editable",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "Envelope service".into();
                c.dst.name = "audit trail".into();
                c.dst.description = "plain append log, not signed or hash-chained".into();
                c.flow.name = "events".into();
                c
            },
            // An application's own log is no evidence of who did what.
            |c| {
                c.dst.name = "app logs".into();
                c.dst.description = String::new();
            },
        ),
        (
            "revocation-lag",
            On::Dst,
            || {
                // A door panel deciding from the cardholders it cached.
                let mut c = Case::new(P, P);
                c.src.name = "ACS server".into();
                c.dst.name = "Door ctrl".into();
                c.dst.description =
                    "vendor panel. Caches cardholders, keeps working if server is down".into();
                c.flow.name = "cardholder download".into();
                c
            },
            // A panel that asks the server each time keeps no copy.
            |c| c.dst.description = "vendor panel, asks the server for every badge".into(),
        ),
        (
            "revocation-lag",
            On::Dst,
            || {
                // Who may prescribe, copied nightly from the regulator.
                let mut c = Case::new(EE, DS);
                c.src.name = "Regulator".into();
                c.dst.name = "Prescriber Registry".into();
                c.flow.name = "nightly CSV".into();
                c.dst.description = "copy of regulator register".into();
                c
            },
            // A copy of something that grants nothing (a price list) opens nothing.
            |c| c.dst.description = "copy of the regulator's price list".into(),
        ),
        (
            "file-drop-tampering",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "Billing job".into();
                c.dst.name = "SFTP outbox".into();
                c.dst.description = "claims files for the clearinghouse".into();
                c.flow.name = "claims file".into();
                c
            },
            // A secrets store whose words name SFTP keys hands no files over.
            |c| {
                c.dst.name = "Secrets Manager".into();
                c.dst.description = "SFTP keys, API keys".into();
            },
        ),
        (
            "file-drop-tampering",
            On::Dst,
            || {
                // A payroll export left on a share for the provider to pick up.
                let mut c = Case::new(P, DS);
                c.src.name = "HR Admin app".into();
                c.dst.name = "payroll SFTP share".into();
                c.flow.name = "monthly CSV export".into();
                c
            },
            // The same export into the application's own database.
            |c| c.dst.name = "payroll DB".into(),
        ),
        (
            "file-drop-tampering",
            On::Dst,
            || {
                // Said by the flow only: result files collected over SFTP into a folder.
                let mut c = Case::new(P, DS);
                c.src.name = "send-out gw".into();
                c.dst.name = "inbound results".into();
                c.flow.protocol = "SFTP".into();
                c
            },
            // Files signed by their writer and checked by their reader.
            |c| sp(&mut c.dst).signed = true,
        ),
        (
            "upload-exhaustion",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Claimant".into();
                c.dst.name = "Doc upload".into();
                c.dst.description = "pdf / jpg / docx evidence, max 20MB, no login".into();
                c.flow.name = "documents".into();
                c
            },
            |c| {
                c.dst.name = "Claims API".into();
                c.dst.description = "claim status".into();
            },
        ),
        (
            "upload-exhaustion",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Claimant".into();
                c.dst.name = "Doc upload".into();
                c.dst.description = "pdf / jpg / docx evidence, max 20MB, no login".into();
                c.flow.name = "documents".into();
                c
            },
            // Receipts from signed-in employees, stored as they come: nothing costly.
            |c| c.dst.description = "pdf / jpg receipts, max 20MB".into(),
        ),
        (
            "uploaded-files-unchecked",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Applicant".into();
                c.dst.name = "Claims portal".into();
                c.dst.description = "evidence upload (pdf / docx), opened by caseworkers".into();
                c.flow.name = "claim + evidence".into();
                c
            },
            // Scanned before anyone opens them.
            |c| {
                c.dst.description =
                    "evidence upload (pdf / docx), ClamAV scan, opened by caseworkers".into()
            },
        ),
        (
            "signed-upload-unrestricted",
            On::Flow,
            || {
                let mut c = Case::new(EE, DS).crossing(Internet);
                c.src.name = "Applicant".into();
                c.dst.name = "Doc uploads (S3)".into();
                c.flow.name = "upload (presigned PUT)".into();
                c
            },
            // The same URLs used to fetch files: nobody writes through them.
            |c| c.flow.name = "download (presigned GET)".into(),
        ),
        (
            "signed-upload-unrestricted",
            On::Flow,
            || {
                // Said by the store only.
                let mut c = Case::new(EE, DS).crossing(Internet);
                c.src.name = "Customer".into();
                c.dst.name = "Room photos".into();
                c.dst.description = "Blob storage. Customers upload direct with a SAS URL".into();
                c.flow.name = "photos".into();
                c
            },
            // A camera's clips: a device, not a person who can pick another key.
            |c| c.src.name = "Doorbell camera".into(),
        ),
        (
            "sms-pumping",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Customer".into();
                c.dst.name = "Auth svc".into();
                c.dst.description = "SMS OTP login".into();
                c.flow.name = "Login / OTP request".into();
                c
            },
            // Codes by e-mail cost nothing per message.
            |c| c.dst.description = "email OTP login".into(),
        ),
        (
            "alert-acknowledgement-unattributed",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "On-call nurse".into();
                c.dst.name = "Nurse dashboard".into();
                c.flow.name = "ack alert".into();
                c
            },
            // Acknowledgements written to an append-only audit log are on record.
            |c| c.dst.description = "every ack written to an append-only audit log".into(),
        ),
        (
            "scanned-code-forged",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Visitor".into();
                c.dst.name = "Gate validator".into();
                c.flow.name = "scan QR".into();
                c
            },
            // Codes the service signs and takes once: a copy is refused.
            |c| c.flow.name = "scan signed QR (single-use)".into(),
        ),
        (
            "scanned-code-forged",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Visitor".into();
                c.dst.name = "Gate validator".into();
                c.flow.name = "ticket barcode".into();
                c
            },
            // The service sending the visitor their ticket: nothing is scanned there.
            |c| std::mem::swap(&mut c.flow.source, &mut c.flow.target),
        ),
        (
            "booking-hoarding",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Customer".into();
                c.dst.name = "Party API".into();
                c.dst.description = "slot held 10 min while paying (Stripe)".into();
                c.flow.name = "book slot".into();
                c
            },
            // Limited per caller: the hoarding is answered.
            |c| {
                c.dst.description =
                    "slot held 10 min while paying (Stripe); rate limited per IP and account".into()
            },
        ),
        (
            "one-time-code-sign-in",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Courier".into();
                c.dst.name = "Courier login".into();
                c.dst.description = "phone number + one-time code".into();
                c.flow.name = "sign in".into();
                c
            },
            |c| c.dst.description = "password login".into(),
        ),
        (
            "short-code-guessing",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Gift card holder".into();
                c.dst.name = "Balance check".into();
                c.dst.description = "public page: card no + PIN, no login".into();
                c.flow.name = "balance lookup".into();
                c
            },
            // A card terminal's PIN pad: the issuer checks that PIN, not this service.
            |c| c.dst.description = "card data handled by PIN pad (P2PE)".into(),
        ),
        (
            "bearer-link-access",
            On::Src,
            || {
                let mut c = Case::new(P, EE).crossing(Internet);
                c.src.name = "Recordings web app".into();
                c.dst.name = "External viewer".into();
                c.flow.name = "share link".into();
                c
            },
            // What it sends is the recording itself, to a viewer who signed in.
            |c| c.flow.name = "recording (signed in)".into(),
        ),
        (
            "bearer-link-access",
            On::Src,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "Evidence svc".into();
                c.dst.name = "Evidence bucket".into();
                c.flow.name = "downloads (presigned URL)".into();
                c
            },
            // A presigned URL to upload to opens nothing to whoever holds it.
            |c| c.flow.name = "presigned URL for upload".into(),
        ),
        (
            "broker-topic-authorization",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Temperature logger".into();
                c.dst.name = "MQTT broker".into();
                c.dst.description = "mosquitto on EC2".into();
                c.flow.name = "readings".into();
                c
            },
            // A Kafka topic the team's own services write: no device holds credentials.
            |c| {
                c.dst.name = "Event bus".into();
                c.dst.description = "Kafka".into();
            },
        ),
        (
            "privileged-override",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Support agent".into();
                c.dst.name = "Backoffice".into();
                c.dst.description = "support: reissue lost card, void, adjust balance".into();
                c.flow.name = "card actions".into();
                c
            },
            // Support reads cards and answers questions: nothing set aside.
            |c| c.dst.description = "support: look up card status and history".into(),
        ),
        (
            "personal-data-kept-or-reused",
            On::Dst,
            || {
                let mut c = Case::new(P, DS);
                c.src.name = "Scoring svc".into();
                c.dst.name = "Recordings bucket".into();
                c.dst.description = "GCS. audio kept 90 days, used to tune the scoring".into();
                c.flow.name = "learner audio".into();
                c
            },
            // Where it is kept, not for how long or what else for.
            |c| c.dst.description = "GCS. audio kept in a private bucket".into(),
        ),
        (
            "secret-in-config-file",
            On::Src,
            || {
                let mut c = Case::new(P, EE);
                c.src.name = "Hotfolder sync agent".into();
                c.src.description =
                    "python script on the print PC. IAM access key + API token in config.ini"
                        .into();
                c.dst.name = "Print queue API".into();
                c.flow.name = "poll jobs".into();
                c
            },
            // The configuration names where the secrets are: a secrets manager.
            |c| {
                c.src.description =
                    "python script on the print PC. config.ini points at Secrets Manager for the key"
                        .into()
            },
        ),
        (
            "promotion-abuse",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Customer".into();
                c.dst.name = "Checkout".into();
                c.flow.name = "basket + voucher code".into();
                c
            },
            |c| c.flow.name = "basket".into(),
        ),
        (
            "approval-bypass",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Adjuster".into();
                c.dst.name = "Payout svc".into();
                c.dst.description = "payouts over 5k need a second approver".into();
                c
            },
            |c| c.dst.description = "pays claims nightly".into(),
        ),
        (
            "support-caller-impersonation",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Care agent".into();
                c.dst.name = "Care CRM".into();
                c.dst.description = "customer records, SIM swap".into();
                c
            },
            // A store manager is staff, but nobody calls in to them as a customer.
            |c| c.src.name = "Store manager".into(),
        ),
        (
            "shared-login-unattributable",
            On::Src,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Restaurant tablet".into();
                c.src.description = "one login per restaurant, shared by staff".into();
                c.dst.name = "Orders API".into();
                c
            },
            |c| c.src.description = "each waiter signs in with their own PIN".into(),
        ),
        (
            "client-asserted-facts",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Courier app".into();
                c.dst.name = "Dispatch".into();
                c.dst.description = "calculates payout per drop (distance based)".into();
                c.flow.name = "GPS ping".into();
                c
            },
            // Paid from the order, not by where the phone says it was.
            |c| c.dst.description = "calculates payouts from the order value".into(),
        ),
        (
            "client-asserted-facts",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Game client".into();
                c.dst.name = "Game server".into();
                c.dst.description = "hit registration done client side".into();
                c
            },
            |c| c.dst.description = "authoritative server simulation".into(),
        ),
        (
            "prompt-injection",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Attorney".into();
                c.dst.name = "Review agent".into();
                c.dst.description = "LLM tags documents and drafts e-mails".into();
                c.with_store()
            },
            |c| c.dst.description = "tags documents by rules".into(),
        ),
        (
            "double-spend-race",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.src.name = "Player".into();
                c.dst.name = "Economy svc".into();
                c.dst.description = "in-game currency, item shop, player trades".into();
                c
            },
            |c| c.dst.description = "item catalogue".into(),
        ),
        (
            "behind-entry-caller-spoofing",
            On::Dst,
            || {
                // Behind a gateway: what reaches the service is meant to have passed it.
                let mut c = Case::new(P, P).called_from_internet();
                c.src.name = "API gateway".into();
                c
            },
            |c| pp(&mut c.dst).authenticates_callers = true,
        ),
        (
            "client-session-theft",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.dst.name = "Mobile app".into();
                c.dst.description = "30-day refresh tokens".into();
                c
            },
            |c| ep(&mut c.src).actor = Actor::System,
        ),
        (
            "client-session-theft",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.dst.name = "EVV app (Android)".into();
                c.dst.description = "JWT (30-day expiry) in the keystore".into();
                c
            },
            // Nothing says how long a sign-in lasts.
            |c| c.dst.description = "JWT in the keystore".into(),
        ),
        (
            "entry-point-repudiation",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Finance officer".into();
                c.dst.name = "Payout desk".into();
                c.dst.description = "payouts over 10k need a second approval".into();
                c
            },
            // A customer paying at a checkout: "could later deny" is a template there (the
            // payment provider's records settle disputes).
            |c| {
                c.src.name = "Customer".into();
                c.dst.name = "Checkout".into();
                c.dst.description = String::new();
                pp(&mut c.dst).handles_card_payment = true;
            },
        ),
        (
            "entry-point-repudiation",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.src.name = "Repair shop partner".into();
                c.dst.name = "Payments".into();
                pp(&mut c.dst).handles_card_payment = true;
                c
            },
            // A provider posting its results is nobody who would deny asking.
            |c| c.src.name = "Stripe".into(),
        ),
        (
            "entry-flow-unprotected",
            On::Flow,
            || {
                let mut c = Case::new(EE, P);
                c.flow.name = "Orders".into();
                c.flow.public_network = true;
                c
            },
            |c| c.flow.protocol = "HTTPS".into(),
        ),
        (
            "entry-flow-unprotected",
            On::Flow,
            || {
                let mut c = Case::new(P, EE).crossing(Internet);
                c.src.name = "Notifier".into();
                c.dst.name = "Rota service".into();
                c.flow.name = "roster change".into();
                c
            },
            // A phone platform's push service is reached over its own TLS only.
            |c| c.dst.name = "APNs / FCM".into(),
        ),
        (
            "entry-flow-unprotected",
            On::Flow,
            || {
                // Staff working from home over the public network.
                let mut c = Case::new(EE, P);
                c.src.name = "HR admin".into();
                c.dst.name = "HR Admin app".into();
                c.flow.name = "salary changes".into();
                c.flow.public_network = true;
                c
            },
            // Staff at the office, no boundary crossed: the checklist asks.
            |c| c.flow.public_network = false,
        ),
        (
            "entry-flow-unprotected",
            On::Flow,
            || {
                let mut c = Case::new(EE, P).crossing(Network);
                c.src.name = "Customer".into();
                c.dst.name = "Deposit service".into();
                c.flow.name = "containers".into();
                c
            },
            // A reverse vending machine: bottles go in by hand, no network between.
            |c| {
                c.dst.name = "RVM".into();
                c.dst.description = "reverse vending machine, embedded linux".into();
            },
        ),
        (
            "entry-flow-unprotected",
            On::Flow,
            || {
                // Staff in another zone sending personal data.
                let mut c = Case::new(EE, P).crossing(Network);
                c.src.name = "Paralegal".into();
                c.dst.name = "Conflict check".into();
                c.flow.name = "party names and home addresses".into();
                c
            },
            // What staff send that is not sensitive: on a staff member's own link to a
            // screen it is a template reviewers skip; the checklist asks.
            |c| c.flow.name = "overrides".into(),
        ),
        (
            "entry-flow-unprotected",
            On::Flow,
            || {
                let mut c = Case::new(P, EE).crossing(Network);
                c.src.name = "Order service".into();
                c.dst.name = "Print partner".into();
                c.flow.name = "print orders".into();
                c
            },
            // Another company's API, reached over HTTPS only.
            |c| c.dst.name = "Print partner (Amazon SES)".into(),
        ),
        (
            "identity-service-impersonation",
            On::Dst,
            || {
                let mut c = Case::new(EE, P);
                c.dst.name = "SSO service".into();
                c
            },
            |c| c.dst.name = "Orders service".into(),
        ),
        (
            "admin-interface-exposed",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.dst.name = "Moderation admin site".into();
                c
            },
            |c| c.boundary = Some(Network),
        ),
        // Administration its customers do of their own accounts ("Org admins order
        // checks") is meant to be reached from the internet.
        (
            "admin-interface-exposed",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.dst.name = "Org portal (admin)".into();
                c
            },
            |c| c.dst.description = "Org admins order checks and see status only".into(),
        ),
        // A sponsor's HR staff reading their own reports are customers with more rights.
        (
            "admin-interface-exposed",
            On::Dst,
            || {
                let mut c = Case::new(EE, P).crossing(Internet);
                c.dst.name = "Sponsor portal (admin)".into();
                c
            },
            |c| c.dst.description = "HR/benefits admins see enrolment for their sponsor".into(),
        ),
        (
            "secrets-in-configuration",
            On::Src,
            || {
                let mut c = Case::new(P, P);
                pp(&mut c.src).handles_secrets = true;
                c
            },
            |c| pp(&mut c.src).handles_secrets = false,
        ),
    ]
}

#[test]
fn every_conditional_rule_fires_on_its_case_and_not_on_a_near_miss() {
    let catalogue = builtin();
    let cases = rule_cases();
    let mut failures = Vec::new();
    for (id, on, setup, tweak) in &cases {
        let case = setup();
        if !case.fires(id, *on) {
            failures.push(format!("{id} should fire on its case"));
        }
        let mut miss = setup();
        tweak(&mut miss);
        if miss.fires(id, *on) {
            failures.push(format!("{id} should stay silent on its near miss"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // Every conditional rule of the built-in catalogue has a case.
    let covered: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.0).collect();
    let conditional: Vec<&str> = catalogue
        .rules()
        .iter()
        .filter(|r| !r.baseline)
        .map(|r| &*r.id)
        .collect();
    let missing: Vec<&&str> = conditional
        .iter()
        .filter(|id| !covered.contains(**id))
        .collect();
    assert!(missing.is_empty(), "rules without a test case: {missing:?}");
    assert!(
        conditional.len() >= 40,
        "{} conditional rules",
        conditional.len()
    );
}

/// The computed severity of `rule`'s finding and its reason.
fn severity_of(c: &Case, rule: &str) -> (Severity, String) {
    c.analyze()
        .findings
        .iter()
        .find(|f| f.rule_id() == rule)
        .map(|f| (f.computed_severity, f.severity_reason.to_string()))
        .unwrap_or_else(|| panic!("{rule} fired"))
}

/// A store shared by a link that needs no sign-in is reached from anywhere, however the
/// diagram draws it.
#[test]
fn a_store_shared_by_link_is_reached_from_the_internet() {
    let mut c = Case::new(P, DS);
    c.dst.name = "Matching sheet (Google Sheets)".into();
    c.dst.description = "shared 'anyone with the link can edit'".into();
    let (sev, why) = severity_of(&c, "store-shared-by-link");
    assert_eq!(
        (sev, why.as_str()),
        (Severity::High, "High: reachable from the internet")
    );
}

#[test]
fn severity_follows_data_and_exposure_and_says_why() {
    // Cleartext HTTP (a medium rule) across an internal boundary, and from the internet.
    let http = |t: BoundaryType| {
        let mut c = Case::new(P, P).crossing(t);
        c.flow.protocol = "HTTP".into();
        c
    };
    let (sev, why) = severity_of(&http(Network), "cleartext-across-boundary");
    assert_eq!(sev, Severity::Medium);
    assert_eq!(why, "Medium: crosses a trust boundary");
    let (sev, why) = severity_of(&http(Internet), "cleartext-across-boundary");
    assert_eq!(sev, Severity::High);
    assert_eq!(why, "High: reachable from the internet");

    // Card data raises the impact; the result stays within one level of the rule's.
    let mut card = http(Internet);
    card.flow.name = "Card details".into();
    let (sev, why) = severity_of(&card, "confidential-data-in-cleartext");
    assert_eq!(
        sev,
        Severity::High,
        "a medium rule goes at most one level up"
    );
    assert_eq!(why, "High: card data; reachable from the internet");

    // Critical exists: a high rule (a client-supplied amount) reachable from the internet.
    let amount = |t: Option<BoundaryType>| {
        let mut c = Case::new(EE, P);
        c.boundary = t;
        c.flow.name = "Order with total amount".into();
        c
    };
    assert_eq!(
        severity_of(&amount(Some(Internet)), "client-supplied-amount").0,
        Severity::Critical
    );
    // The same across an internal boundary is high, and inside one zone medium: critical
    // needs the internet.
    assert_eq!(
        severity_of(&amount(Some(Network)), "client-supplied-amount").0,
        Severity::High
    );
    let (sev, why) = severity_of(&amount(None), "client-supplied-amount");
    assert_eq!(sev, Severity::Medium);
    assert!(why.ends_with("stays inside one trust zone"), "{why}");

    // Public data lowers it (and leaves only tampering: there is nothing to read).
    let mut public = http(Network);
    public.flow.classification = DataClass::Public;
    assert!(!public.fires("cleartext-across-boundary", On::Flow));
    let (sev, why) = severity_of(&public, "tampering-in-transit");
    assert_eq!(sev, Severity::Low);
    assert!(why.starts_with("Low: public data only"), "{why}");

    // Checklist questions are low, and say they are questions.
    let (sev, why) = severity_of(
        &Case::new(P, P).crossing(Internet),
        "stride.flow.read-or-altered",
    );
    assert_eq!(sev, Severity::Low);
    assert!(why.contains("checklist"), "{why}");
}

#[test]
fn a_record_overrides_severity_and_sets_status() {
    let c = Case::new(P, P);
    let mut p = c.project();
    // Two services inside one zone: the checklist asks about the calls between them.
    let key = ThreatKey::new("stride.flow.internal-tampering", &c.flow.id);
    p.threats.insert(
        key.clone(),
        ThreatRecord {
            status: Status::Mitigated,
            severity: Some(Severity::Critical),
            mitigation: "mTLS".into(),
            ..ThreatRecord::default()
        },
    );
    let a = analysis::analyze(&p, &builtin());
    let f = a.findings.iter().find(|f| f.key == key).expect("finding");
    assert_eq!(
        (f.status(), f.severity, f.computed_severity),
        (Status::Mitigated, Severity::Critical, Severity::Low)
    );
    assert_eq!(f.record.mitigation, "mTLS");
}

#[test]
fn line_boundaries_and_waypoints_decide_crossing() {
    let mut c = Case::new(P, P);
    c.flow.protocol = "HTTP".into();
    let mut p = c.project();
    let b = Boundary::new("Edge", BoundaryType::Internet);
    p.layout.boundaries.insert(
        b.id.clone(),
        BoundaryShape::Line(vec![Pos::new(250.0, -100.0), Pos::new(250.0, 100.0)]),
    );
    p.diagrams[0].boundaries.push(b);
    let crosses = |p: &Project| {
        analysis::analyze(p, &builtin())
            .findings
            .iter()
            .any(|f| f.rule_id() == "cleartext-across-boundary")
    };
    assert!(crosses(&p));
    // Routed around the end of the line: no crossing.
    p.layout.waypoints.insert(
        c.flow.id.clone(),
        vec![Pos::new(50.0, 300.0), Pos::new(450.0, 300.0)],
    );
    assert!(!crosses(&p));
}

#[test]
fn a_stated_rule_is_quoted_in_its_threat_and_its_facts() {
    let c = stated_rule_case();
    let a = c.analyze();
    let f = a
        .findings
        .iter()
        .find(|f| f.rule_id() == "stated-rule-bypass")
        .expect("the rule's threat");
    assert_eq!(
        f.title,
        "The rule set for Bid service could be got round: “max 3 bids per cycle”"
    );
    let facts = threatboard::analysis::inferred_facts(&c.project());
    assert!(
        facts
            .iter()
            .any(|x| x.subject == c.dst.id.as_str()
                && x.fact == "states a rule: “max 3 bids per cycle”"),
        "{facts:?}"
    );
}

#[test]
fn sql_built_by_hand_beside_an_orm_is_still_injectable() {
    let mut c = sql_injection_case();
    c.src.technology = "Django".into();
    assert!(!c.fires("sql-injection", On::Flow));
    // The checklist asks instead whether any query splices in what callers send.
    let a = c.analyze();
    let asked: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| {
            f.subject() == c.dst.id.as_str() && f.category == Category::Stride(Stride::Tampering)
        })
        .map(|f| f.rule_id())
        .collect();
    assert_eq!(asked, ["stride.store.sql-tampering"]);
    c.src.description = "raw SQL for the order search".into();
    assert!(c.fires("sql-injection", On::Flow));
}

#[test]
fn bidirectional_flows_are_checked_both_ways() {
    // Process → SQL store: SQL injection. Store → process with the flow bidirectional:
    // the reverse direction matches.
    let mut c = Case::new(DS, P).crossing(Network);
    c.also_calls_dst = Some("Customer");
    sp(&mut c.src).store_type = StoreType::Sql;
    assert!(!c.fires("sql-injection", On::Flow));
    c.flow.bidirectional = true;
    assert!(c.fires("sql-injection", On::Flow));
    let a = c.analyze();
    let f = a
        .findings
        .iter()
        .find(|f| f.rule_id() == "sql-injection")
        .expect("finding");
    assert_eq!(
        f.title, "SQL injection into Sender through Target, by Customer (user)",
        "names follow the matching direction"
    );
}

#[test]
fn out_of_scope_elements_and_flows_produce_no_threats() {
    let mut c = Case::new(P, DS);
    c.dst.out_of_scope = true;
    c.dst.out_of_scope_reason = "Managed by the vendor".into();
    c.flow.out_of_scope = true;
    c.flow.out_of_scope_reason = "Vendor link".into();
    let a = c.analyze();
    for id in [c.dst.id.as_str(), c.flow.id.as_str()] {
        assert!(
            a.findings.iter().all(|f| f.subject() != id),
            "{id} has findings"
        );
    }
    assert!(a.findings.iter().any(|f| f.subject() == c.src.id.as_str()));
    let listed: Vec<(&str, &str)> = a
        .out_of_scope
        .iter()
        .map(|o| (o.name.as_str(), o.reason.as_str()))
        .collect();
    assert_eq!(
        listed,
        [("Target", "Managed by the vendor"), ("Data", "Vendor link")]
    );
}

#[test]
fn titles_use_element_names_and_crossed_boundary() {
    let mut c = Case::new(EE, P).crossing(Internet);
    c.src.name = "Partner".into();
    c.dst.name = "Zahlungsdienst\nÄrger".into();
    pp(&mut c.dst).authenticates_callers = true;
    c.flow.name = "Zahlungs\ndaten".into();
    c.flow.protocol = "HTTP".into();
    let a = c.analyze();
    let f = a
        .findings
        .iter()
        .find(|f| f.rule_id() == "cleartext-across-boundary")
        .expect("finding");
    assert_eq!(
        f.title,
        "Zahlungs daten can be read and altered in transit across the “Zone” boundary: HTTP is cleartext",
        "a multi-line name reads as one line; the boundary is named as one"
    );
    assert!(
        f.suggested_mitigations().iter().all(|m| !m.contains('{')),
        "{:?}",
        f.suggested_mitigations()
    );
    assert!(!f.references().is_empty());
    // An element's name, on two lines, reads as one in an element rule's title.
    let f = a
        .findings
        .iter()
        .find(|f| f.rule_id() == "stride.process.tampering" || f.subject() == c.dst.id.as_str())
        .expect("a finding on the target");
    assert!(f.title.contains("Zahlungsdienst Ärger"), "{}", f.title);
}

#[test]
fn what_a_description_says_is_absent_is_not_read_as_there() {
    // "no login. search by …": an open search, not a sign-in; the negation ends with its
    // sentence.
    let mut c = public_lookup_case();
    c.src.description = String::new();
    c.dst.name = "Find a relative".into();
    c.dst.description = "public endpoint, no login. search by town or centre name".into();
    c.flow.name = "town".into();
    assert!(c.fires("public-lookup-enumeration", On::Dst));
    assert!(!c.fires("authentication-entry-point", On::Dst));
    assert!(!c.fires("object-level-authorization", On::Dst));
    // Said the other way round, the same service has a login to attack.
    c.dst.description = "public endpoint, customer login. search by town or centre name".into();
    assert!(!c.fires("public-lookup-enumeration", On::Dst));
}

#[test]
fn a_system_at_the_far_end_of_a_two_way_flow_answers_it_does_not_call() {
    // The label service asks the carrier's API over a two-way flow drawn from it: the
    // carrier is not a caller whose identity the service must check.
    let mut c = Case::new(P, EE);
    c.src.name = "Label svc".into();
    c.dst.name = "Carrier API (DPD)".into();
    ep(&mut c.dst).actor = Actor::System;
    c.flow.name = "shipment req".into();
    c.flow.bidirectional = true;
    assert!(!c.fires("service-caller-authentication", On::Src));
    // Drawn the other way, the carrier calls the service.
    let mut c = Case::new(EE, P);
    c.src.name = "Carrier API (DPD)".into();
    ep(&mut c.src).actor = Actor::System;
    c.dst.name = "Label svc".into();
    c.flow.name = "shipment req".into();
    c.flow.bidirectional = true;
    assert!(c.fires("service-caller-authentication", On::Dst));
    // A person at the far end calls however the flow is drawn.
    let mut c = Case::new(P, EE);
    c.src.name = "Booking site".into();
    c.dst.name = "Customer".into();
    c.flow.name = "bookings".into();
    c.flow.bidirectional = true;
    assert!(c.fires("authentication-entry-point", On::Src));
}

#[test]
fn a_webhook_is_verified_on_its_own_whatever_the_api_says_of_its_users() {
    // "JWT for users" says how people sign in, not how the provider's callbacks are
    // checked.
    let mut c = Case::new(EE, P);
    ep(&mut c.src).third_party = true;
    c.src.name = "Stripe".into();
    c.dst.name = "Orders API".into();
    c.dst.description = "JWT for users".into();
    c.flow.name = "payment webhook".into();
    assert!(c.fires("webhook-unverified", On::Flow));
}

#[test]
fn a_public_page_shows_the_people_its_own_words_list_but_a_form_that_stores_them_does_not() {
    // The page's own words say what it shows; it passes nothing on inside.
    let mut c = Case::new(P, EE);
    c.src.name = "Results page".into();
    c.src.description = "public. pools, fencer name, club, age category".into();
    c.dst.name = "Parents".into();
    c.flow.name = "HTTPS".into();
    assert!(c.fires("public-page-shows-people", On::Src));
    // Public by its words, no boundary drawn: not ranked down as if kept inside one zone.
    let (sev, why) = severity_of(&c, "public-page-shows-people");
    assert_eq!(sev, Severity::Medium, "{why}");
    // An entry form listing what entrants type in, and storing it, shows it to nobody.
    let mut c = Case::new(P, DS);
    c.src.name = "Entry form".into();
    c.src.description = "no login. name, DOB, emergency contact".into();
    c.dst.name = "Entries".into();
    c.flow.name = "new entry".into();
    assert!(!c.fires("public-page-shows-people", On::Src));
    // Unless its own words say it shows what it holds to anyone.
    c.src.description = "no login. results page also lists juniors with age".into();
    assert!(c.fires("public-page-shows-people", On::Src));
}
