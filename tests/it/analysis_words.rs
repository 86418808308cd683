//! What teams write in their models, read as they mean it: controls said in descriptions
//! ("Kong. rate limiting + JWT validation"), what an element is by its name before what
//! its description mentions ("Mobile API" is no mobile app), people and services told
//! apart, protocols as written ("MQTT/TLS"). Each case is a misreading a blind review of
//! models nobody here had seen marked WRONG or VAGUE (docs/analysis-review.md, "Sixth
//! round"), with the reading that holds.

use threatboard::analysis::{self, Analysis, Catalogue, Finding};
use threatboard::model::*;

/// A diagram built element by element, an internet boundary line between the first
/// element and the rest.
struct Model {
    p: Project,
    x: f32,
}

impl Model {
    fn new() -> Self {
        let mut p = Project::new("model");
        let b = Boundary::new("Internet", BoundaryType::Internet);
        p.layout.boundaries.insert(
            b.id.clone(),
            BoundaryShape::Line(vec![Pos::new(200.0, -100.0), Pos::new(200.0, 200.0)]),
        );
        p.diagrams[0].boundaries.push(b);
        Self { p, x: 0.0 }
    }

    fn add(&mut self, kind: ElementKind, name: &str, description: &str) -> ElementId {
        let mut e = Element::new(kind, name);
        e.description = description.into();
        let id = e.id.clone();
        self.p
            .layout
            .elements
            .insert(id.clone(), Rect::new(self.x, 0.0, 100.0, 60.0));
        self.x += 300.0;
        self.p.diagrams[0].elements.push(e);
        id
    }

    fn flow(&mut self, name: &str, from: &ElementId, to: &ElementId) -> FlowId {
        let f = Flow::new(name, from.clone(), to.clone());
        let id = f.id.clone();
        self.p.diagrams[0].flows.push(f);
        id
    }

    fn protocol(&mut self, flow: &FlowId, protocol: &str) {
        if let Some(f) = self.p.diagrams[0].flows.iter_mut().find(|f| &f.id == flow) {
            f.protocol = protocol.into();
        }
    }

    fn analyze(&self) -> Analysis {
        analysis::analyze(&self.p, &Catalogue::builtin().expect("built-in catalogue"))
    }
}

fn on<'a>(a: &'a Analysis, rule: &str, subject: &str) -> Option<&'a Finding> {
    a.threats()
        .find(|f| f.rule_id() == rule && f.is_about(subject))
}

fn rules(a: &Analysis) -> Vec<String> {
    a.threats()
        .map(|f| format!("{} {}", f.rule_id(), f.title))
        .collect()
}

/// An internet API, its description saying what protects it or not.
fn api(description: &str) -> (Model, ElementId) {
    let mut m = Model::new();
    let customer = m.add(ElementKind::ExternalEntity, "Customer", "");
    let api = m.add(ElementKind::Process, "Orders API", description);
    let db = m.add(ElementKind::DataStore, "Orders DB", "");
    m.flow("Orders", &customer, &api);
    m.flow("Rows", &api, &db);
    (m, api)
}

#[test]
fn rate_limits_said_in_words_answer_floods() {
    let (m, api_id) = api("");
    let a = m.analyze();
    assert!(
        on(&a, "entry-point-flood", api_id.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );
    let (m, api_id) = api("Kong. rate limiting + JWT validation");
    let a = m.analyze();
    assert!(
        on(&a, "entry-point-flood", api_id.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );
    // Said absent, it is absent.
    let (m, api_id) = api("No rate limiting yet");
    let a = m.analyze();
    assert!(
        on(&a, "entry-point-flood", api_id.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );
}

#[test]
fn authentication_said_in_words_is_not_asked_for_again() {
    let (m, api_id) = api("");
    let a = m.analyze();
    assert!(
        on(&a, "authentication-entry-point", api_id.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );
    for said in [
        "Validates JWT bearer tokens",
        "per-device X.509 certificate",
        "OAuth2 (Cognito)",
    ] {
        let (m, api_id) = api(said);
        let a = m.analyze();
        assert!(
            on(&a, "authentication-entry-point", api_id.as_str()).is_none(),
            "{said}: {:?}",
            rules(&a)
        );
        // Naming a provider it uses does not make it the provider's.
        assert!(
            a.threats()
                .all(|f| f.rule_id() != "third-party-dependency" || !f.is_about(api_id.as_str())),
            "{said}: {:?}",
            rules(&a)
        );
    }
}

/// A drawn audit log answers "keeps no audit trail"; the generic application log does
/// not get the forged-entries threat, the audit trail does.
#[test]
fn an_audit_log_drawn_is_an_audit_trail() {
    let mut m = Model::new();
    let admin = m.add(ElementKind::ExternalEntity, "Administrator", "");
    let console = m.add(ElementKind::Process, "Admin console", "");
    let db = m.add(ElementKind::DataStore, "Accounts DB", "");
    m.flow("Changes", &admin, &console);
    m.flow("Rows", &console, &db);
    let a = m.analyze();
    assert!(
        on(&a, "admin-actions-unaudited", console.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );
    let audit = m.add(ElementKind::DataStore, "Audit log", "");
    let to_audit = m.flow("audit events", &console, &audit);
    let a = m.analyze();
    assert!(
        on(&a, "admin-actions-unaudited", console.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );
    assert!(
        on(&a, "log-injection", to_audit.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );
}

#[test]
fn hashed_keys_and_hosted_card_fields_are_read() {
    let mut m = Model::new();
    let client = m.add(ElementKind::ExternalEntity, "API client", "");
    let api = m.add(ElementKind::Process, "Public API", "");
    let keys = m.add(ElementKind::DataStore, "api_keys table", "API keys");
    m.flow("Requests", &client, &api);
    m.flow("Key lookup", &keys, &api);
    let a = m.analyze();
    let leaks = |a: &Analysis| {
        a.threats().any(|f| {
            f.is_about(keys.as_str())
                && f.category == Category::Stride(Stride::InformationDisclosure)
        })
    };
    assert!(leaks(&a), "{:?}", rules(&a));
    m.p.diagrams[0].elements[2].description = "stores sha256(key) + prefix".into();
    let a = m.analyze();
    assert!(!leaks(&a), "{:?}", rules(&a));

    let mut m = Model::new();
    let patient = m.add(ElementKind::ExternalEntity, "Patient", "");
    let pay = m.add(ElementKind::Process, "Bill pay", "");
    if let ElementProps::Process(p) = &mut m.p.diagrams[0].elements[1].props {
        p.handles_card_payment = true;
    }
    m.flow("Pay bill", &patient, &pay);
    let a = m.analyze();
    assert!(
        on(&a, "payment-card-data", pay.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );
    m.p.diagrams[0].elements[1].description = "Payment provider hosted fields in iframe".into();
    let a = m.analyze();
    assert!(
        on(&a, "payment-card-data", pay.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );
}

/// Server-side software named so is no client software, whatever its description says it
/// serves or uses; client software is.
#[test]
fn an_element_is_what_its_name_says_first() {
    for (name, description, client) in [
        ("Mobile API", "Backend for the mobile app", false),
        ("Dashboard BFF", "Serves the React SPA", false),
        ("cloud-agent", "MQTT client to the cloud broker", false),
        ("Customer web client", "", true),
        ("Mobile app", "", true),
    ] {
        let mut m = Model::new();
        let user = m.add(ElementKind::ExternalEntity, "Customer", "");
        let e = m.add(ElementKind::Process, name, description);
        m.flow("Uses", &user, &e);
        let a = m.analyze();
        // Server-side software people call is an entry point they sign in to; client
        // software is no entry point.
        assert_eq!(
            on(&a, "authentication-entry-point", e.as_str()).is_none(),
            client,
            "{name}: {:?}",
            rules(&a)
        );
    }
}

/// An actor named as software names itself ("payments-auth (caller)") is one of the team's
/// services: no person to sign in, no payment provider, no identity provider; a support
/// agent is a person; a code host is another company's service.
#[test]
fn people_services_and_providers_are_told_apart() {
    let mut m = Model::new();
    let caller = m.add(ElementKind::ExternalEntity, "payments-auth (caller)", "");
    let scoring = m.add(ElementKind::Process, "scoring-api", "");
    m.flow("score request", &caller, &scoring);
    m.flow("score + reasons", &scoring, &caller);
    let a = m.analyze();
    for rule in [
        "payment-result-unverified",
        "payment-result-binding",
        "provider-api-key-theft",
        "identity-token-validation",
        "authentication-entry-point",
    ] {
        assert!(
            a.threats().all(|f| f.rule_id() != rule),
            "{rule}: {:?}",
            rules(&a)
        );
    }
    assert!(
        on(&a, "service-caller-authentication", scoring.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );

    let mut m = Model::new();
    let agent = m.add(ElementKind::ExternalEntity, "Support agent", "");
    let portal = m.add(ElementKind::Process, "Backoffice portal", "");
    m.flow("Account lookups", &agent, &portal);
    let a = m.analyze();
    assert!(
        on(&a, "authentication-entry-point", portal.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );
    assert!(
        on(&a, "service-caller-authentication", portal.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );

    let mut m = Model::new();
    let github = m.add(ElementKind::ExternalEntity, "GitHub", "");
    let runner = m.add(ElementKind::Process, "CI runner", "");
    m.flow("workflow jobs", &github, &runner);
    let a = m.analyze();
    assert!(
        a.threats()
            .all(|f| f.rule_id() != "authentication-entry-point"),
        "{:?}",
        rules(&a)
    );
    assert!(
        a.threats().all(|f| f.rule_id() != "entry-flow-unprotected"),
        "{:?}",
        rules(&a)
    );
}

/// "MQTT/TLS" is MQTT over TLS; "kubectl" speaks TLS; what comes back on a connection
/// travels as the request went; an OIDC sign-in carries no LDAP query.
#[test]
fn protocols_are_read_as_written() {
    let p = analysis::vocab::protocol("MQTT/TLS 8883").expect("a protocol");
    assert!(p.encrypted && !p.cleartext, "{p:?}");
    let p = analysis::vocab::protocol("http/https").expect("a protocol");
    assert!(
        !p.encrypted,
        "alternatives still count as the weaker: {p:?}"
    );

    let mut m = Model::new();
    let employee = m.add(ElementKind::ExternalEntity, "Employee", "");
    let app = m.add(ElementKind::Process, "HR app", "");
    let directory = m.add(ElementKind::ExternalEntity, "Azure AD", "Active Directory");
    let ask = m.flow("view payslip", &employee, &app);
    m.protocol(&ask, "HTTPS");
    let back = m.flow("payslips (PDF)", &app, &employee);
    let oidc = m.flow("OIDC", &app, &directory);
    let a = m.analyze();
    assert!(
        on(&a, "entry-flow-unprotected", back.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );
    assert!(
        on(&a, "ldap-injection", oidc.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );
}

/// A self-updating tool gets the update threat; images pulled from a registry are no
/// webhook and no media to decode.
#[test]
fn updates_and_images_are_what_they_are() {
    let mut m = Model::new();
    let releases = m.add(ElementKind::ExternalEntity, "GitHub Releases", "");
    let cli = m.add(ElementKind::Process, "syncr (CLI + daemon)", "");
    let update = m.flow("self-update", &releases, &cli);
    let a = m.analyze();
    assert!(
        on(&a, "update-rollback-or-freeze", update.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );
    assert!(
        on(&a, "webhook-unverified", update.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );

    let mut m = Model::new();
    let hub = m.add(ElementKind::ExternalEntity, "Docker Hub", "");
    let runner = m.add(ElementKind::Process, "CI runner", "");
    let images = m.flow("base images", &hub, &runner);
    let a = m.analyze();
    assert!(
        on(&a, "unsigned-image-runs", images.as_str()).is_some(),
        "{:?}",
        rules(&a)
    );
    for rule in ["webhook-unverified", "hostile-input-parsing"] {
        assert!(
            on(&a, rule, images.as_str()).is_none(),
            "{rule}: {:?}",
            rules(&a)
        );
    }
}

/// From the second authored set's review: software in the user's hands that people type
/// into is no network hop; a provider's name on the team's own endpoint is no third party;
/// chat commands run no shell; what clients encrypted is no secret in the store; a
/// payment provider keeps its own records.
#[test]
fn more_things_read_as_they_are() {
    // A master password typed into the extension's popup travels nowhere.
    let mut m = Model::new();
    let user = m.add(ElementKind::ExternalEntity, "User", "");
    let popup = m.add(ElementKind::Process, "Popup UI", "Browser extension popup");
    let typed = m.flow("master password", &user, &popup);
    let a = m.analyze();
    assert!(
        on(&a, "entry-flow-unprotected", typed.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );

    // The team's own Stripe webhook endpoint.
    let mut m = Model::new();
    let stripe = m.add(ElementKind::ExternalEntity, "Stripe", "");
    let hooks = m.add(
        ElementKind::Process,
        "stripe-webhooks",
        "POST /hooks/stripe",
    );
    let db = m.add(ElementKind::DataStore, "main DB", "pledges and payouts");
    m.flow("events", &stripe, &hooks);
    m.flow("update pledge", &hooks, &db);
    let a = m.analyze();
    for rule in ["third-party-dependency", "object-level-authorization"] {
        assert!(
            on(&a, rule, hooks.as_str()).is_none(),
            "{rule}: {:?}",
            rules(&a)
        );
    }

    // Chat slash commands.
    let mut m = Model::new();
    let bot = m.add(ElementKind::ExternalEntity, "Bot app", "");
    let dispatcher = m.add(
        ElementKind::Process,
        "Event dispatcher",
        "POSTs /commands and events to bot apps",
    );
    m.flow("slash command results", &bot, &dispatcher);
    let a = m.analyze();
    assert!(
        on(&a, "command-injection", dispatcher.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );

    // Blobs the clients encrypted.
    let mut m = Model::new();
    let client = m.add(ElementKind::ExternalEntity, "Client app", "");
    let vault = m.add(ElementKind::Process, "Vault svc", "");
    let blobs = m.add(
        ElementKind::DataStore,
        "Vault blobs",
        "zero-knowledge: items are client-side encrypted; keys and passwords inside",
    );
    m.flow("sync", &client, &vault);
    m.flow("blobs", &vault, &blobs);
    let a = m.analyze();
    for rule in ["credentials-stored-unprotected", "key-store-access"] {
        assert!(
            on(&a, rule, blobs.as_str()).is_none(),
            "{rule}: {:?}",
            rules(&a)
        );
    }

    // Stripe keeps the record of what it was asked.
    let mut m = Model::new();
    let pledge = m.add(ElementKind::Process, "Pledge svc", "handles payments");
    let stripe = m.add(ElementKind::ExternalEntity, "Stripe", "");
    let create = m.flow("PaymentIntent create", &pledge, &stripe);
    let a = m.analyze();
    assert!(
        on(&a, "entity-denies-receipt", create.as_str()).is_none(),
        "{:?}",
        rules(&a)
    );
}
