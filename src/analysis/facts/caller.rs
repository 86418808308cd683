//! Who calls an entry point, as bits (see [`super::ElementFacts::callers`]).

/// Anyone on the internet.
pub const ANONYMOUS: u16 = 1 << 0;
/// A person with an account (a customer, a user, an employee).
pub const PERSON: u16 = 1 << 1;
/// An administrator or operator.
pub const ADMIN: u16 = 1 << 2;
/// Another organisation's system, or with [`PERSON`] its staff (a supplier's user).
pub const PARTNER: u16 = 1 << 3;
/// An identity provider (sign-in callbacks, tokens).
pub const IDP: u16 = 1 << 4;
/// A third-party service calling back (payments, messaging).
pub const THIRD_PARTY: u16 = 1 << 5;
/// A device (IoT, vehicle, sensor).
pub const DEVICE: u16 = 1 << 6;
/// Through a web browser.
pub const BROWSER: u16 = 1 << 7;
/// A system of unknown kind.
pub const SYSTEM: u16 = 1 << 8;
/// A data store out of the system's scope (a folder files are dropped into, a feed's
/// files): what it holds is read, it calls nothing and proves no identity.
pub const SOURCE: u16 = 1 << 9;
/// People: they sign in with passwords that can be stuffed or guessed.
pub const PEOPLE: u16 = ANONYMOUS | PERSON | ADMIN | BROWSER;
/// Callers that must prove who they are.
pub const IDENTIFIED: u16 = PERSON | ADMIN | PARTNER | DEVICE | SYSTEM | BROWSER;

/// Anyone on the internet and no one with an account among them (guests and account
/// holders drawn as one actor have both bits).
pub fn anonymous_only(bits: u16) -> bool {
    bits & ANONYMOUS != 0 && bits & PERSON == 0
}

/// Words for one kind.
pub fn label(bits: u16) -> &'static str {
    if bits & IDP != 0 {
        "identity provider"
    } else if bits == SOURCE {
        "data source"
    } else if bits & ADMIN != 0 {
        "administrator"
    } else if bits & ANONYMOUS != 0 {
        ["anonymous internet user", "user or guest"][usize::from(bits & PERSON != 0)]
    } else if bits & DEVICE != 0 {
        "device"
    } else if bits & THIRD_PARTY != 0 {
        "third-party service"
    } else if bits & PARTNER != 0 {
        ["partner system", "partner's user"][usize::from(bits & PERSON != 0)]
    } else if bits & BROWSER != 0 {
        "user's browser"
    } else if bits & PERSON != 0 {
        // A person with an account of some kind; nothing says how they sign in.
        "user"
    } else {
        "external system"
    }
}

/// What an actor's own words say of sign-in through an identity provider, read once per
/// element: `(provider, person)`. A provider when people sign in through it ("GitHub:
/// OAuth login", "Google SSO", "OIDC IdP"), not when a federation protocol merely links it
/// ("account linking (OAuth)"); a person when the actor is named as one and says how they
/// sign in ("Staff reporter": "logged in via trust SSO", "Sales rep": "SSO via Okta"):
/// what they call takes the provider's tokens.
pub fn sso_said(element: &crate::model::Element) -> (bool, bool) {
    use crate::analysis::vocab;
    let said = element.kind() == crate::model::ElementKind::ExternalEntity
        && vocab::flow_marks(&element.description, "", "") & vocab::mark::FEDERATION != 0
        && vocab::says_sign_in_words(&element.description);
    // A person by the head of the name ("Staff reporter", "Enforcement Officer").
    let person =
        said && (vocab::human_head(&element.name) || vocab::named_like_people(&element.name));
    (said && !person, person)
}
