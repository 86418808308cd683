//! Who signs in where, and what a store keeps, read as teams draw it: a portal that hands
//! sign-in to the organisation's single sign-on, an identity provider that provisions
//! accounts rather than signing anyone in, a customer's own admins, a users table whose
//! columns are listed, bookings handed over in an export, a sync job with a client secret
//! of its own, a supplier's staff signing in to a supplier portal, an identity provider
//! answering an admin console over the internet, staff who say they sign in with SSO, a
//! form open to anonymous reporters. Each case is a misreading a blind review
//! of models nobody here had seen marked WRONG or VAGUE (docs/analysis-review.md,
//! "Twenty-sixth round" and after), with a near miss where the threat stays.

use crate::common::model::{Model, assert_raised, on, threats_on};
use threatboard::model::*;

fn add(m: &mut Model, kind: ElementKind, name: &str, description: &str) -> ElementId {
    m.add_described(kind, name, description)
}

/// A student's browser, across the internet line, signs in at a registration portal that
/// redirects to `idp` (a process of the organisation's own) and writes a database.
fn portal_signing_in_at(idp: &str, idp_said: &str) -> (Model, ElementId, ElementId) {
    let mut m = Model::new().with_boundary();
    let student = add(&mut m, ElementKind::ExternalEntity, "Student (browser)", "");
    let portal = add(
        &mut m,
        ElementKind::Process,
        "Registration portal",
        "student logs in and registers a device",
    );
    let idp = add(&mut m, ElementKind::Process, idp, idp_said);
    let db = add(&mut m, ElementKind::DataStore, "Device DB", "MySQL");
    m.flow("register device", &student, &portal);
    m.flow("page", &portal, &student);
    m.flow("redirect", &portal, &idp);
    m.flow("assertion", &idp, &portal);
    m.flow("rows", &portal, &db);
    (m, portal, idp)
}

#[test]
fn a_portal_signing_in_through_the_organisations_sso_checks_its_assertions_not_passwords() {
    for (idp, said) in [
        ("Uni SSO (Shib IdP)", "SAML2"),
        ("Corporate SSO", ""),
        ("OIDC provider", "Keycloak"),
    ] {
        let (m, portal, _) = portal_signing_in_at(idp, said);
        let a = m.analyze();
        let on_portal = threats_on(&a, portal.as_str());
        assert!(
            on(&a, "identity-token-validation", portal.as_str()).is_some(),
            "{idp}: {on_portal:?}"
        );
        assert!(
            on(&a, "authentication-entry-point", portal.as_str()).is_none(),
            "{idp}: {on_portal:?}"
        );
    }
    // Near miss: a login service of the team's own takes no federation words; the portal
    // in front of it is still where people's passwords arrive.
    let (m, portal, _) = portal_signing_in_at("Login service", "checks passwords");
    let a = m.analyze();
    assert_raised(&a, "authentication-entry-point", portal.as_str(), true, "");
}

/// A customer's identity provider, outside, calls an API on `flow`.
fn api_called_by_idp(flow: &str) -> (Model, ElementId) {
    let mut m = Model::new().with_boundary();
    let idp = add(
        &mut m,
        ElementKind::ExternalEntity,
        "Customer IdP (Okta / Entra)",
        "",
    );
    let api = add(
        &mut m,
        ElementKind::Process,
        "Accounts API",
        "creates and updates users",
    );
    let db = add(&mut m, ElementKind::DataStore, "Accounts DB", "Postgres");
    m.flow(flow, &idp, &api);
    m.flow("rows", &api, &db);
    (m, api)
}

#[test]
fn an_identity_provider_provisioning_accounts_sends_no_token_to_validate() {
    for flow in ["SCIM POST/PATCH/DELETE", "user provisioning"] {
        let (m, api) = api_called_by_idp(flow);
        let a = m.analyze();
        assert_raised(&a, "identity-token-validation", api.as_str(), false, flow);
    }
    // Near miss: the same provider handing over an ID token signs someone in.
    let (m, api) = api_called_by_idp("ID token");
    let a = m.analyze();
    assert_raised(&a, "identity-token-validation", api.as_str(), true, "");
}

/// `caller`, across the internet line, uses an admin console.
fn admin_console_used_by(caller: &str) -> (Model, ElementId) {
    let mut m = Model::new().with_boundary();
    let person = add(&mut m, ElementKind::ExternalEntity, caller, "");
    let console = add(
        &mut m,
        ElementKind::Process,
        "Admin console",
        "Settings > Provisioning. Generate tokens, map groups to roles",
    );
    let db = add(&mut m, ElementKind::DataStore, "Settings DB", "Postgres");
    m.flow("settings", &person, &console);
    m.flow("rows", &console, &db);
    (m, console)
}

#[test]
fn a_console_for_the_customers_own_admins_is_meant_for_the_internet() {
    for caller in ["Tenant admin", "Workspace admins"] {
        let (m, console) = admin_console_used_by(caller);
        let a = m.analyze();
        assert_raised(
            &a,
            "admin-interface-exposed",
            console.as_str(),
            false,
            caller,
        );
    }
    // Near miss: the operator's own administrators reaching it from the internet.
    let (m, console) = admin_console_used_by("Admin");
    let a = m.analyze();
    assert_raised(&a, "admin-interface-exposed", console.as_str(), true, "");
}

/// A users store behind an API people call, described `said`, written by a service
/// described `service_said`.
fn users_store(said: &str, service_said: &str) -> (Model, ElementId) {
    let mut m = Model::new().with_boundary();
    let user = add(&mut m, ElementKind::ExternalEntity, "Customer", "");
    let api = add(
        &mut m,
        ElementKind::Process,
        "Account service",
        service_said,
    );
    let users = add(&mut m, ElementKind::DataStore, "Users DB", said);
    m.flow("requests", &user, &api);
    m.flow("rows", &api, &users);
    (m, users)
}

#[test]
fn a_users_table_whose_columns_are_listed_keeps_no_credentials_unless_one_is_among_them() {
    for said in [
        "users, tenant_memberships, groups, role_mappings",
        "profiles, VRS numbers, contacts",
    ] {
        let (m, users) = users_store(said, "");
        let a = m.analyze();
        assert_raised(
            &a,
            "credentials-stored-unprotected",
            users.as_str(),
            false,
            said,
        );
    }
    // Near misses: a credential among the columns, a name and nothing listed, the service
    // writing it checks passwords.
    for (said, service) in [
        ("users, password, roles", ""),
        ("Postgres", ""),
        (
            "profiles, VRS numbers, contacts",
            "email + password, SMS OTP",
        ),
    ] {
        let (m, users) = users_store(said, service);
        let a = m.analyze();
        assert!(
            on(&a, "credentials-stored-unprotected", users.as_str()).is_some(),
            "{said} / {service}: {:?}",
            threats_on(&a, users.as_str())
        );
    }
}

/// A monitoring server techs use from the internet, fed "bookings" by `from`.
fn monitoring_fed_bookings_by(kind: ElementKind, from: &str) -> (Model, ElementId) {
    let mut m = Model::new().with_boundary();
    let tech = add(&mut m, ElementKind::ExternalEntity, "AV techs", "");
    let server = add(
        &mut m,
        ElementKind::Process,
        "Monitoring server",
        "polls all rooms",
    );
    let source = add(&mut m, kind, from, "");
    m.flow("web UI", &tech, &server);
    m.flow("bookings", &source, &server);
    (m, server)
}

#[test]
fn bookings_handed_over_in_an_export_were_taken_elsewhere() {
    let (m, server) = monitoring_fed_bookings_by(ElementKind::DataStore, "room bookings export");
    let a = m.analyze();
    assert_raised(&a, "booking-hoarding", server.as_str(), false, "");
    // Near miss: a person sending bookings books places here.
    let (m, server) = monitoring_fed_bookings_by(ElementKind::ExternalEntity, "Guest");
    let a = m.analyze();
    assert_raised(&a, "booking-hoarding", server.as_str(), true, "");
}

/// A sync job inside, across a directories boundary, calling a directory's API described
/// `said`.
fn sync_calling_directory(said: &str) -> (Model, FlowId) {
    let mut m = Model::new().with_network_boundary_at(450.0);
    let hr = add(&mut m, ElementKind::DataStore, "HR records", "");
    let sync = add(&mut m, ElementKind::Process, "Sync engine", "");
    let directory = add(&mut m, ElementKind::Process, "Cloud directory", "");
    m.flow("joiners and leavers", &hr, &sync);
    let call = m.flow("Graph API", &sync, &directory);
    m.flow_mut(&call).description = said.into();
    m.flow_mut(&call).protocol = "HTTPS".into();
    (m, call)
}

#[test]
fn a_client_secret_said_on_a_flow_authenticates_its_sender() {
    for said in [
        "app registration with User.ReadWrite.All, client secret in config",
        "OAuth client credentials grant",
    ] {
        let (m, call) = sync_calling_directory(said);
        let a = m.analyze();
        assert_raised(&a, "spoof-source-process", call.as_str(), false, said);
    }
    // Near miss: nothing said of how the caller proves itself.
    let (m, call) = sync_calling_directory("app registration with User.ReadWrite.All");
    let a = m.analyze();
    assert_raised(&a, "spoof-source-process", call.as_str(), true, "");
}

/// `caller` (an actor described `said`) across the internet line uses a portal that keeps
/// its records in a database.
fn partner_portal_called_by(caller: &str, said: &str) -> (Model, ElementId) {
    let mut m = Model::new().with_boundary();
    let caller = add(&mut m, ElementKind::ExternalEntity, caller, said);
    let portal = add(&mut m, ElementKind::Process, "Supplier portal", "Node app");
    let db = add(&mut m, ElementKind::DataStore, "Portal DB", "Postgres");
    m.flow("bank details, invoices", &caller, &portal);
    m.flow("rows", &portal, &db);
    (m, portal)
}

#[test]
fn a_partners_staff_sign_in_as_people_and_their_passwords_can_be_stuffed() {
    for (caller, said) in [
        ("Supplier user", "e-mail + password"),
        ("Vendor staff", ""),
        ("Landlord/vendor", "Landlord or agent"),
    ] {
        let (m, portal) = partner_portal_called_by(caller, said);
        let a = m.analyze();
        let stuffed = on(&a, "authentication-entry-point", portal.as_str());
        assert!(
            stuffed.is_some_and(|t| t.title.contains("partner's user")),
            "{caller}: {:?}",
            threats_on(&a, portal.as_str())
        );
        assert_raised(
            &a,
            "service-caller-authentication",
            portal.as_str(),
            false,
            caller,
        );
    }
    // Near misses: a partner's system is still a system that must prove itself.
    for (caller, said) in [("Supplier ERP", ""), ("Vendor feed", "nightly SFTP push")] {
        let (m, portal) = partner_portal_called_by(caller, said);
        let a = m.analyze();
        assert_raised(
            &a,
            "service-caller-authentication",
            portal.as_str(),
            true,
            caller,
        );
    }
}

/// Support staff use an admin console that signs them in with Okta over the internet (one
/// flow both ways); `staff_over_internet` says whether the staff's own link is public.
fn admin_console_signing_in_with_okta(staff_over_internet: bool) -> (Model, ElementId) {
    let mut m = Model::new();
    let staff = add(
        &mut m,
        ElementKind::ExternalEntity,
        "Support agent",
        "corp laptops",
    );
    let console = add(&mut m, ElementKind::Process, "Admin console", "staff only");
    let okta = add(&mut m, ElementKind::ExternalEntity, "Okta", "staff IdP");
    let requests = m.flow("HTTPS", &staff, &console);
    m.flow_mut(&requests).public_network = staff_over_internet;
    let oidc = m.flow("OIDC", &console, &okta);
    let f = m.flow_mut(&oidc);
    f.bidirectional = true;
    f.public_network = true;
    (m, console)
}

#[test]
fn an_identity_provider_answering_over_the_internet_exposes_no_administration() {
    let (m, console) = admin_console_signing_in_with_okta(false);
    let a = m.analyze();
    assert_raised(&a, "admin-interface-exposed", console.as_str(), false, "");
    // Near miss: the staff reach the console across the internet themselves.
    let (m, console) = admin_console_signing_in_with_okta(true);
    let a = m.analyze();
    assert_raised(&a, "admin-interface-exposed", console.as_str(), true, "");
}

/// `actor`, described `said`, sends reports to a web form that writes them to a database.
fn form_used_by(actor: &str, said: &str) -> (Model, ElementId) {
    let mut m = Model::new().with_boundary();
    let actor = add(&mut m, ElementKind::ExternalEntity, actor, said);
    let form = add(
        &mut m,
        ElementKind::Process,
        "IR1 web form",
        "free text, attachments",
    );
    let db = add(&mut m, ElementKind::DataStore, "Incident DB", "SQL Server");
    m.flow("incident details", &actor, &form);
    m.flow("new incident", &form, &db);
    (m, form)
}

#[test]
fn a_person_who_signs_in_with_sso_is_a_user_whose_tokens_the_form_checks() {
    for (person, said) in [
        (
            "Staff reporter",
            "Any member of staff, logged in via trust SSO",
        ),
        ("Sales rep", "SSO via Okta"),
    ] {
        let (m, form) = form_used_by(person, said);
        let a = m.analyze();
        let tokens = on(&a, "identity-token-validation", form.as_str());
        assert!(
            tokens.is_some_and(|t| t.description().contains(&format!("{person} (user)"))),
            "{person}: {:?}",
            tokens.map(|t| t.description())
        );
        // A person's requests are no provider's webhook to verify.
        assert!(
            a.threats().all(|t| t.rule_id() != "webhook-unverified"),
            "{person}: {:?}",
            a.threats().map(|t| t.rule_id()).collect::<Vec<_>>()
        );
    }
    // Near miss: an actor named for the sign-in service itself is the provider.
    let (m, form) = form_used_by("Trust sign-in", "staff SSO login (Entra ID)");
    let a = m.analyze();
    let tokens = on(&a, "identity-token-validation", form.as_str());
    assert!(
        tokens.is_some_and(|t| t
            .description()
            .contains("Trust sign-in (identity provider)")),
        "{:?}",
        tokens.map(|t| t.description())
    );
}

#[test]
fn a_form_open_to_anonymous_reporters_is_not_staff_only() {
    // Staff who sign in and anyone who does not: the free text reaches the database.
    let (mut m, form) = form_used_by("Ward staff", "nurses, HCAs");
    let anonymous = add(
        &mut m,
        ElementKind::ExternalEntity,
        "Anonymous reporter",
        "no login",
    );
    m.flow("incident details", &anonymous, &form);
    let a = m.analyze();
    assert!(
        a.threats().any(|t| t.rule_id() == "sql-injection"),
        "{:?}",
        a.threats().map(|t| t.rule_id()).collect::<Vec<_>>()
    );
    // Near miss: staff only, working over every record.
    let (m, _) = form_used_by("Ward staff", "nurses, HCAs");
    let a = m.analyze();
    assert!(
        a.threats().all(|t| t.rule_id() != "sql-injection"),
        "{:?}",
        a.threats().map(|t| t.rule_id()).collect::<Vec<_>>()
    );
}

/// A visitor across the internet line reading scores at a site described `said`, which
/// keeps them in a database.
fn site_described(said: &str) -> (Model, ElementId) {
    let mut m = Model::new().with_boundary();
    let visitor = add(&mut m, ElementKind::ExternalEntity, "Player", "");
    let site = add(&mut m, ElementKind::Process, "Leaderboard web", said);
    let db = add(&mut m, ElementKind::DataStore, "Scores DB", "Postgres");
    m.flow("view scores", &visitor, &site);
    m.flow("scores", &site, &visitor);
    m.flow("read", &site, &db);
    (m, site)
}

#[test]
fn a_site_said_to_be_public_takes_no_passwords_to_stuff() {
    for said in [
        "public, shows nickname + score + venue",
        "Next.js, public.",
        "public JSON, cached by CDN (30s)",
    ] {
        let (m, site) = site_described(said);
        let a = m.analyze();
        assert_raised(&a, "authentication-entry-point", site.as_str(), false, said);
    }
    // Near misses: a public site its own words say people sign in to, what is public in
    // it beside a members' area, and a public key.
    for said in [
        "public site, laravel. player logs in with email + password",
        "public fixtures/tables + club area",
        "Next.js. verifies with the public key",
    ] {
        let (m, site) = site_described(said);
        let a = m.analyze();
        assert_raised(&a, "authentication-entry-point", site.as_str(), true, said);
    }
}
