//! What a thing is by how teams name it: a mail server's queue and a device's cache are no
//! message bus, an e-mail's signature is no one signing for anything, the webhook URL a
//! customer sets is no webhook coming in, a remote-support session is no answer to a
//! question, a single-page app that opened a secure socket knows who answers on it, a
//! "plaintext key" sent over HTTPS is a key shown once, not a wire in the clear, and keys
//! kept as SHA-256 hashes are no keys to steal.
//! Each case is a misreading a blind review of models nobody here had seen marked WRONG
//! (docs/analysis-review.md, "Twenty-sixth round"), with a near miss where the threat
//! stays.

use crate::common::model::{Model, assert_raised};
use threatboard::model::*;

fn add(m: &mut Model, kind: ElementKind, name: &str, description: &str) -> ElementId {
    m.add_described(kind, name, description)
}

/// A store named `name`, described `said`, written by one process and read by another.
fn store_between_processes(name: &str, said: &str) -> (Model, ElementId) {
    let mut m = Model::new();
    let writer = add(&mut m, ElementKind::Process, "Relay", "");
    let store = add(&mut m, ElementKind::DataStore, name, said);
    let reader = add(&mut m, ElementKind::Process, "Worker", "");
    m.flow("items", &writer, &store);
    m.flow("items", &store, &reader);
    (m, store)
}

#[test]
fn a_mail_spool_or_a_cache_holding_queued_events_is_no_message_bus() {
    for (name, said) in [
        ("mail queue (postfix)", ""),
        ("print queue", ""),
        (
            "local cache (sqlite)",
            "users, PIN hashes, events queued while offline",
        ),
        ("Redis", "cache; Sidekiq jobs queued here"),
    ] {
        let (m, store) = store_between_processes(name, said);
        let a = m.analyze();
        assert_raised(&a, "queue-message-injection", store.as_str(), false, name);
    }
    // Near misses: named a queue, or described as one with no other name.
    for (name, said) in [("order queue", ""), ("jobs", "jobs queued for the workers")] {
        let (m, store) = store_between_processes(name, said);
        let a = m.analyze();
        assert_raised(&a, "queue-message-injection", store.as_str(), true, name);
    }
}

/// A person across the internet line using a portal described `said`.
fn portal_described(said: &str) -> (Model, ElementId) {
    let mut m = Model::new().with_boundary();
    let person = add(&mut m, ElementKind::ExternalEntity, "Customer", "");
    let portal = add(&mut m, ElementKind::Process, "Portal", said);
    let db = add(&mut m, ElementKind::DataStore, "Portal DB", "");
    m.flow("requests", &person, &portal);
    m.flow("rows", &portal, &db);
    (m, portal)
}

#[test]
fn an_email_signature_is_no_one_signing_for_anything() {
    for said in [
        "admin = member of 'Signature Admins' group",
        "edits the email signature templates of the company",
        "signature inserted into every outbound mail",
    ] {
        let (m, portal) = portal_described(said);
        let a = m.analyze();
        assert_raised(&a, "attestation-denied", portal.as_str(), false, said);
    }
    // Near miss: a person's signature captured as proof.
    let (m, portal) = portal_described("customer signature captured on delivery");
    let a = m.analyze();
    assert_raised(&a, "attestation-denied", portal.as_str(), true, "");
}

/// A merchant's system across the internet line sending `flow` to a dashboard.
fn merchant_sends(flow: &str) -> (Model, FlowId) {
    let mut m = Model::new().with_boundary();
    let merchant = add(&mut m, ElementKind::ExternalEntity, "Merchant", "");
    let dashboard = add(&mut m, ElementKind::Process, "Dashboard", "");
    let db = add(&mut m, ElementKind::DataStore, "Settings DB", "");
    let sent = m.flow(flow, &merchant, &dashboard);
    m.flow("rows", &dashboard, &db);
    (m, sent)
}

#[test]
fn setting_a_webhook_url_is_no_webhook_coming_in() {
    let (m, sent) = merchant_sends("settings, webhook url");
    let a = m.analyze();
    assert_raised(&a, "webhook-unverified", sent.as_str(), false, "");
    // Near miss: the merchant's system calling a webhook.
    let (m, sent) = merchant_sends("order webhook");
    let a = m.analyze();
    assert_raised(&a, "webhook-unverified", sent.as_str(), true, "");
}

/// A server asking a vendor for its status, the vendor's flow back travelling over
/// `protocol`.
fn vendor_answering_over(protocol: &str) -> (Model, FlowId) {
    let mut m = Model::new().with_boundary();
    let vendor = add(&mut m, ElementKind::ExternalEntity, "Vendor", "");
    let server = add(&mut m, ElementKind::Process, "Monitoring server", "");
    let db = add(&mut m, ElementKind::DataStore, "Monitoring DB", "");
    m.flow("get status", &server, &vendor);
    let back = m.flow("status", &vendor, &server);
    m.flow_mut(&back).protocol = protocol.into();
    m.flow("rows", &server, &db);
    (m, back)
}

#[test]
fn a_remote_support_session_is_no_answer_to_a_question() {
    for protocol in ["TeamViewer", "RDP"] {
        let (m, back) = vendor_answering_over(protocol);
        let a = m.analyze();
        assert_raised(
            &a,
            "external-response-untrusted",
            back.as_str(),
            false,
            protocol,
        );
    }
    // Near miss: the same answer over an API.
    let (m, back) = vendor_answering_over("HTTPS");
    let a = m.analyze();
    assert_raised(&a, "external-response-untrusted", back.as_str(), true, "");
}

/// An API sending a secure-socket feed across a boundary line to `client`.
fn feed_to(client: &str) -> (Model, FlowId) {
    let mut m = Model::new().with_network_boundary_at(150.0);
    let api = add(&mut m, ElementKind::Process, "chat-api", "");
    let console = add(&mut m, ElementKind::Process, client, "");
    let feed = m.flow("conversation feed", &api, &console);
    let f = m.flow_mut(&feed);
    f.protocol = "WSS".into();
    f.authenticates_destination = true;
    (m, feed)
}

#[test]
fn a_single_page_app_knows_who_answers_on_the_secure_socket_it_opened() {
    let (m, feed) = feed_to("agent console (SPA)");
    let a = m.analyze();
    assert_raised(&a, "spoof-source-process", feed.as_str(), false, "");
    // Near miss: a server-side process receiving the feed.
    let (m, feed) = feed_to("routing engine");
    let a = m.analyze();
    assert_raised(&a, "spoof-source-process", feed.as_str(), true, "");
}

/// Two services on one network, one sending the other `name` over `protocol`.
fn flow_between_services(name: &str, protocol: &str) -> (Model, FlowId) {
    let mut m = Model::new();
    let keys = add(&mut m, ElementKind::Process, "Keys service", "");
    let portal = add(&mut m, ElementKind::Process, "Portal backend", "");
    let flow = m.flow(name, &keys, &portal);
    m.flow_mut(&flow).protocol = protocol.into();
    (m, flow)
}

#[test]
fn a_plaintext_key_sent_over_https_travels_encrypted() {
    let (m, flow) = flow_between_services("plaintext key (once)", "HTTPS");
    let a = m.analyze();
    assert_raised(&a, "cleartext-internal", flow.as_str(), false, "");
    // Near miss: the same words and no protocol to say otherwise.
    let (m, flow) = flow_between_services("plaintext key (once)", "");
    let a = m.analyze();
    assert_raised(&a, "cleartext-internal", flow.as_str(), true, "");
}

#[test]
fn api_keys_kept_as_sha256_hashes_are_no_keys_to_steal() {
    for said in [
        "key = 32 random bytes, stores sha256 + first 8 chars",
        "SHA-256 of each key, prefix, scopes",
    ] {
        let (m, store) = store_between_processes("api_keys", said);
        let a = m.analyze();
        assert_raised(&a, "key-store-access", store.as_str(), false, said);
    }
    // Near miss: the keys themselves, with their prefix.
    let (m, store) = store_between_processes("api_keys", "key, prefix, scopes");
    let a = m.analyze();
    assert_raised(&a, "key-store-access", store.as_str(), true, "");
}

#[test]
fn a_store_named_secrets_keeps_keys_not_files_handed_over() {
    for name in ["Secrets", "app secrets"] {
        let (m, store) = store_between_processes(name, "carrier SFTP creds, PGP keys");
        let a = m.analyze();
        assert_raised(&a, "file-drop-tampering", store.as_str(), false, name);
        assert_raised(&a, "key-store-access", store.as_str(), true, name);
    }
    // Near miss: a folder files are handed over through, its SFTP login described.
    let (m, store) = store_between_processes("outbound", "SFTP drop, carrier creds");
    let a = m.analyze();
    assert_raised(&a, "file-drop-tampering", store.as_str(), true, "");
}

#[test]
fn a_lookup_on_the_client_ip_is_no_client_software() {
    for (reader, said, on_device) in [
        (
            "Geo check",
            "MaxMind lookup on client IP (X-Forwarded-For), blocks VPN ranges",
            false,
        ),
        // Near miss: an app on the driver's phone keeps the lists.
        ("Driver app", "Android client, works offline", true),
    ] {
        let mut m = Model::new();
        let api = add(&mut m, ElementKind::Process, "Playback API", "");
        let check = add(&mut m, ElementKind::Process, reader, said);
        let lists = add(&mut m, ElementKind::DataStore, "GeoIP lists", "");
        m.flow("client IP", &api, &check);
        m.flow("lookup", &check, &lists);
        let a = m.analyze();
        assert_raised(&a, "device-store-lost", lists.as_str(), on_device, reader);
    }
}

#[test]
fn a_phone_number_in_a_list_of_fields_is_no_phone() {
    for (said, client) in [
        ("presidio + regex (email, card, phone)", false),
        ("masks name, iban, phone", false),
        // Near miss: software on a phone.
        ("runs on the courier's phone", true),
    ] {
        let mut m = Model::new();
        let gateway = add(&mut m, ElementKind::Process, "llm-gw", "");
        let scrub = add(&mut m, ElementKind::Process, "pii scrub", said);
        m.flow("text", &gateway, &scrub);
        let facts = threatboard::analysis::inferred_facts(&m.p);
        let is_client = facts
            .iter()
            .any(|f| f.subject == scrub.as_str() && f.fact == "client software");
        assert_eq!(is_client, client, "{said}: {facts:?}");
    }
}

/// A payment provider (or a bank) outside answering the service that took the order with
/// `flow`.
fn provider_sends(provider: &str, flow: &str) -> (Model, FlowId) {
    let mut m = Model::new().with_boundary();
    let provider = add(&mut m, ElementKind::ExternalEntity, provider, "");
    let api = add(&mut m, ElementKind::Process, "Checkout API", "");
    m.flow("request", &api, &provider);
    let sent = m.flow(flow, &provider, &api);
    (m, sent)
}

#[test]
fn only_a_reported_outcome_is_a_payment_result_to_forge() {
    for (provider, flow) in [
        ("Stripe", "POST /v1/rates"),
        ("Bank (H2H SFTP)", "pain.002 status"),
        ("Card processor", "txn details"),
    ] {
        let (m, sent) = provider_sends(provider, flow);
        let a = m.analyze();
        assert_raised(&a, "payment-result-unverified", sent.as_str(), false, flow);
    }
    // Near misses: what a provider reports happened (a webhook's or an IPN's sender has a
    // threat of its own).
    for flow in [
        "auth result",
        "return url (?status=Completed)",
        "Payment Response",
    ] {
        let (m, sent) = provider_sends("PayPal", flow);
        let a = m.analyze();
        assert_raised(&a, "payment-result-unverified", sent.as_str(), true, flow);
    }
}

#[test]
fn a_single_page_app_drawn_with_its_backend_is_the_server_people_reach() {
    for (said, raised_behind) in [
        ("React SPA + BFF, SSO via Entra ID", false),
        // Near miss: the single-page app alone, calling the service behind it.
        ("React SPA, SSO via Entra ID", true),
    ] {
        let mut m = Model::new().with_boundary();
        let planner = add(&mut m, ElementKind::ExternalEntity, "Depot planner", "");
        let web = add(&mut m, ElementKind::Process, "Planner web", said);
        let solver = add(&mut m, ElementKind::Process, "plan-svc", "OR-Tools solver");
        let db = add(&mut m, ElementKind::DataStore, "routes db", "Postgres");
        m.flow("plan edits", &planner, &web);
        m.flow("routes + map", &web, &planner);
        m.flow("solve / publish", &web, &solver);
        m.flow("rows", &solver, &db);
        let a = m.analyze();
        assert_raised(
            &a,
            "authentication-entry-point",
            solver.as_str(),
            raised_behind,
            said,
        );
    }
}

/// A business rule that approves when the check cannot be made ("Bureau timeout ->
/// provisional approve up to 500 EUR", "no response after 14 days = auto approved"):
/// whoever slows the bureau or waits out the keeper gets what the check was there to stop.
/// Blind reviewers of a device-financing model nobody here had seen listed it missing.
/// Near misses: a timeout that declines, an approval with no failure named.
#[test]
fn a_rule_that_approves_when_its_check_fails() {
    for (said, raised) in [
        (
            "Rules: auto approve if bureau score >= 620. Bureau timeout -> provisional approve up to 500 EUR.",
            true,
        ),
        (
            "new keeper starts a transfer, current keeper gets email to approve/reject. no response after 14 days = auto approved",
            true,
        ),
        (
            "Rules: auto approve if bureau score >= 620. Bureau timeout -> decline.",
            false,
        ),
        (
            "Rules: auto approve if bureau score >= 620, else manual review.",
            false,
        ),
    ] {
        let mut m = Model::new().with_boundary();
        let applicant = add(&mut m, ElementKind::ExternalEntity, "Applicant", "");
        let svc = add(&mut m, ElementKind::Process, "Decision svc", said);
        m.flow("application", &applicant, &svc);
        let a = m.analyze();
        assert_raised(&a, "check-skipped-by-design", svc.as_str(), raised, said);
    }
}
