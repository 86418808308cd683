//! The design phrases of signing in: how people sign in (a password, a one-time code, a
//! magic link, a platform's ticket), whether they need to, who shares a login, who has an
//! account, and a reference with facts others know that stands in for a sign-in. Data
//! only, one of the tables `designs.rs` compiles into one matcher.

use super::super::Mode::{Whole, Word};
use super::design as d;

pub(super) const SIGN_IN: &[(&str, u64, super::super::Mode)] = &[
    // Signed in without a password: a one-time code, a magic link, a passkey, a smartcard.
    ("otp", d::PASSWORDLESS, Whole),
    ("one-time code", d::PASSWORDLESS, Word),
    ("one time code", d::PASSWORDLESS, Word),
    ("one-time password", d::PASSWORDLESS, Word),
    ("one time password", d::PASSWORDLESS, Word),
    ("verification code", d::PASSWORDLESS, Word),
    ("sms code", d::PASSWORDLESS | d::TEXTS, Word),
    ("magic link", d::PASSWORDLESS, Word),
    ("magic-link", d::PASSWORDLESS, Word),
    ("magic links", d::PASSWORDLESS, Word),
    ("magic-links", d::PASSWORDLESS, Word),
    ("email link sign-in", d::PASSWORDLESS, Word),
    ("email link sign in", d::PASSWORDLESS, Word),
    ("email-link sign-in", d::PASSWORDLESS, Word),
    ("email link login", d::PASSWORDLESS, Word),
    ("sign-in link", d::PASSWORDLESS, Word),
    ("sign in link", d::PASSWORDLESS, Word),
    ("login link", d::PASSWORDLESS, Word),
    ("passwordless", d::PASSWORDLESS, Word),
    ("passkey", d::PASSWORDLESS, Word),
    ("webauthn", d::PASSWORDLESS, Word),
    ("fido2", d::PASSWORDLESS, Word),
    ("smartcard", d::PASSWORDLESS, Word),
    ("smart card", d::PASSWORDLESS, Word),
    ("cis2", d::PASSWORDLESS, Whole),
    // Signed in with a password (`skip` in `designs.rs` drops one being reset), and people
    // who have accounts.
    ("password", d::PASSWORD | d::ACCOUNT_HOLDERS, Word),
    ("passwords", d::PASSWORD | d::ACCOUNT_HOLDERS, Word),
    ("passphrase", d::PASSWORD | d::ACCOUNT_HOLDERS, Word),
    ("pwd", d::PASSWORD | d::ACCOUNT_HOLDERS, Whole),
    ("have accounts", d::ACCOUNT_HOLDERS, Word),
    ("have an account", d::ACCOUNT_HOLDERS, Word),
    ("has an account", d::ACCOUNT_HOLDERS, Word),
    ("with an account", d::ACCOUNT_HOLDERS, Word),
    ("with accounts", d::ACCOUNT_HOLDERS, Word),
    ("account holder", d::ACCOUNT_HOLDERS, Word),
    ("account holders", d::ACCOUNT_HOLDERS, Word),
    ("signed-in", d::ACCOUNT_HOLDERS, Word),
    ("signed in", d::ACCOUNT_HOLDERS, Word),
    ("logged-in", d::ACCOUNT_HOLDERS, Word),
    ("logged in", d::ACCOUNT_HOLDERS, Word),
    // Signed in with a platform's ticket (Apple, Game Center, Play Games).
    ("session ticket", d::PLATFORM_SIGN_IN, Word),
    ("auth ticket", d::PLATFORM_SIGN_IN, Word),
    ("authenticateuserticket", d::PLATFORM_SIGN_IN, Word),
    ("sign in with apple", d::PLATFORM_SIGN_IN, Word),
    ("sign-in with apple", d::PLATFORM_SIGN_IN, Word),
    // Signs in only through another service's single sign-on: no password of its own.
    ("sso only", d::PLATFORM_SIGN_IN, Word),
    ("sso-only", d::PLATFORM_SIGN_IN, Word),
    ("local logins disabled", d::PLATFORM_SIGN_IN, Word),
    ("local login disabled", d::PLATFORM_SIGN_IN, Word),
    ("no local logins", d::PLATFORM_SIGN_IN, Word),
    ("no local accounts", d::PLATFORM_SIGN_IN, Word),
    ("game center", d::PLATFORM_SIGN_IN, Word),
    ("play games", d::PLATFORM_SIGN_IN, Word),
    // Open without signing in.
    ("no login", d::NO_LOGIN, Word),
    ("no log-in", d::NO_LOGIN, Word),
    ("no sign-in", d::NO_LOGIN, Word),
    ("no signin", d::NO_LOGIN, Word),
    ("no sign in", d::NO_LOGIN, Word),
    ("no account", d::NO_LOGIN, Word),
    ("without login", d::NO_LOGIN, Word),
    ("without logging in", d::NO_LOGIN, Word),
    ("without an account", d::NO_LOGIN, Word),
    ("without signing in", d::NO_LOGIN, Word),
    ("no auth", d::NO_LOGIN, Whole),
    ("public link", d::NO_LOGIN, Word),
    ("public page", d::NO_LOGIN, Word),
    ("public", d::NO_LOGIN, Whole),
    // A static site serves the same files to everyone: nobody signs in to it (an app it
    // ships signs in at the API it calls).
    ("static site", d::NO_LOGIN, Word),
    ("static website", d::NO_LOGIN, Word),
    ("netlify static", d::NO_LOGIN, Word),
    ("static html", d::NO_LOGIN, Word),
    // One login shared by several people.
    ("shared login", d::SHARED_LOGIN, Word),
    ("shared account", d::SHARED_LOGIN, Word),
    ("shared by staff", d::SHARED_LOGIN, Word),
    ("shared by all", d::SHARED_LOGIN, Word),
    ("shared password", d::SHARED_LOGIN, Word),
    ("shared credential", d::SHARED_LOGIN, Word),
    ("shared pin", d::SHARED_LOGIN, Word),
    ("shared user", d::SHARED_LOGIN, Word),
    ("shared admin", d::SHARED_LOGIN, Word),
    ("one login per", d::SHARED_LOGIN, Word),
    ("single login for", d::SHARED_LOGIN, Word),
    ("generic account", d::SHARED_LOGIN, Word),
    ("team account", d::SHARED_LOGIN, Word),
    ("common password", d::SHARED_LOGIN, Word),
    ("share one login", d::SHARED_LOGIN, Word),
    ("share a login", d::SHARED_LOGIN, Word),
    ("share one account", d::SHARED_LOGIN, Word),
    ("share an account", d::SHARED_LOGIN, Word),
    ("share the login", d::SHARED_LOGIN, Word),
    ("share one sftp login", d::SHARED_LOGIN, Word),
    // Customers' own administrators of their account.
    ("org admin", d::TENANT_ADMINS, Word),
    ("org admins", d::TENANT_ADMINS, Word),
    ("organisation admin", d::TENANT_ADMINS, Word),
    ("organisation admins", d::TENANT_ADMINS, Word),
    ("organization admin", d::TENANT_ADMINS, Word),
    ("organization admins", d::TENANT_ADMINS, Word),
    ("customer admin", d::TENANT_ADMINS, Word),
    ("customer admins", d::TENANT_ADMINS, Word),
    ("tenant admin", d::TENANT_ADMINS, Word),
    ("tenant admins", d::TENANT_ADMINS, Word),
    ("merchant admin", d::TENANT_ADMINS, Word),
    ("merchant admins", d::TENANT_ADMINS, Word),
    ("retailer admin", d::TENANT_ADMINS, Word),
    ("retailer admins", d::TENANT_ADMINS, Word),
    ("supplier admin", d::TENANT_ADMINS, Word),
    ("supplier admins", d::TENANT_ADMINS, Word),
    ("client admin", d::TENANT_ADMINS, Word),
    ("client admins", d::TENANT_ADMINS, Word),
    ("school admin", d::TENANT_ADMINS, Word),
    ("school admins", d::TENANT_ADMINS, Word),
    ("club admin", d::TENANT_ADMINS, Word),
    ("club admins", d::TENANT_ADMINS, Word),
    ("company admin", d::TENANT_ADMINS, Word),
    ("company admins", d::TENANT_ADMINS, Word),
    ("reseller admin", d::TENANT_ADMINS, Word),
    ("reseller admins", d::TENANT_ADMINS, Word),
    // A sponsor's or an employer's own HR staff, a family circle's or a household's
    // admin, the admin beside a product's members or owners ("roles: admin / member",
    // "owner/admin/finops_viewer"): customers with more rights, not the operator ("roles:
    // admin / warehouse / qc" are the operator's own staff).
    ("hr admin", d::TENANT_ADMINS, Word),
    ("hr admins", d::TENANT_ADMINS, Word),
    ("benefits admin", d::TENANT_ADMINS, Word),
    ("benefits admins", d::TENANT_ADMINS, Word),
    ("employer admin", d::TENANT_ADMINS, Word),
    ("employer admins", d::TENANT_ADMINS, Word),
    ("sponsor admin", d::TENANT_ADMINS, Word),
    ("sponsor admins", d::TENANT_ADMINS, Word),
    ("workspace admin", d::TENANT_ADMINS, Word),
    ("workspace admins", d::TENANT_ADMINS, Word),
    ("circle admin", d::TENANT_ADMINS, Word),
    ("family admin", d::TENANT_ADMINS, Word),
    ("household admin", d::TENANT_ADMINS, Word),
    ("admin / member", d::TENANT_ADMINS, Word),
    ("admin/member", d::TENANT_ADMINS, Word),
    ("owner/admin", d::TENANT_ADMINS, Word),
    ("owner / admin", d::TENANT_ADMINS, Word),
    // A reference with facts others know about a person ("ref + DOB", "ticket no +
    // surname"): the fact after the reference, so "DOB + nationality" in a list of data is
    // none.
    ("+ dob", d::KNOWN_FACTS, Word),
    ("+dob", d::KNOWN_FACTS, Word),
    ("& dob", d::KNOWN_FACTS, Word),
    ("with dob", d::KNOWN_FACTS, Word),
    ("+ d.o.b", d::KNOWN_FACTS, Word),
    ("+d.o.b", d::KNOWN_FACTS, Word),
    ("& d.o.b", d::KNOWN_FACTS, Word),
    ("with d.o.b", d::KNOWN_FACTS, Word),
    ("+ date of birth", d::KNOWN_FACTS, Word),
    ("+date of birth", d::KNOWN_FACTS, Word),
    ("& date of birth", d::KNOWN_FACTS, Word),
    ("with date of birth", d::KNOWN_FACTS, Word),
    ("+ birth date", d::KNOWN_FACTS, Word),
    ("+birth date", d::KNOWN_FACTS, Word),
    ("& birth date", d::KNOWN_FACTS, Word),
    ("with birth date", d::KNOWN_FACTS, Word),
    ("+ surname", d::KNOWN_FACTS, Word),
    ("+surname", d::KNOWN_FACTS, Word),
    ("& surname", d::KNOWN_FACTS, Word),
    ("with surname", d::KNOWN_FACTS, Word),
    ("+ last name", d::KNOWN_FACTS, Word),
    ("+last name", d::KNOWN_FACTS, Word),
    ("& last name", d::KNOWN_FACTS, Word),
    ("with last name", d::KNOWN_FACTS, Word),
    ("+ lastname", d::KNOWN_FACTS, Word),
    ("+lastname", d::KNOWN_FACTS, Word),
    ("& lastname", d::KNOWN_FACTS, Word),
    ("with lastname", d::KNOWN_FACTS, Word),
    ("+ family name", d::KNOWN_FACTS, Word),
    ("+family name", d::KNOWN_FACTS, Word),
    ("& family name", d::KNOWN_FACTS, Word),
    ("with family name", d::KNOWN_FACTS, Word),
    ("+ postcode", d::KNOWN_FACTS, Word),
    ("+postcode", d::KNOWN_FACTS, Word),
    ("& postcode", d::KNOWN_FACTS, Word),
    ("with postcode", d::KNOWN_FACTS, Word),
    ("+ post code", d::KNOWN_FACTS, Word),
    ("+post code", d::KNOWN_FACTS, Word),
    ("& post code", d::KNOWN_FACTS, Word),
    ("with post code", d::KNOWN_FACTS, Word),
    ("+ zip code", d::KNOWN_FACTS, Word),
    ("+zip code", d::KNOWN_FACTS, Word),
    ("& zip code", d::KNOWN_FACTS, Word),
    ("with zip code", d::KNOWN_FACTS, Word),
];

/// Whether a "public" in `text` says something other than that the thing itself is open
/// to anyone with no sign-in ("Next.js, public.", "public JSON", "public, shows nickname +
/// score"): what is public in it ("public fixtures + club area", "public menu"), a "public
/// key", a "public subnet", a "public-facing" app, "a member of the public" (a person, who
/// may well sign in), or a text that names a sign-in anyway ("public site; debtor logs in
/// with a reference"). `after` is the text after the word, `first` the next word and
/// `before` the word before it (lower case).
pub(super) fn public_of_something_else(after: &str, first: &str, before: &str, text: &str) -> bool {
    let rest = after.trim_start();
    let alone = rest.is_empty() || rest.starts_with([',', '.', ';', ':', ')', '(']);
    let the_thing = [
        "json",
        "html",
        "site",
        "website",
        "web",
        "app",
        "form",
        "portal",
        "by",
        "read",
        "readonly",
        "feed",
        "leaderboard",
        "results",
        "view",
        "viewer",
        "pages",
    ];
    !(alone || the_thing.contains(&first))
        || ["not", "non", "semi", "of", "the"].contains(&before)
        || says_sign_in(text)
}

/// Whether a text names a way of signing in, a credential or what callers own anywhere in
/// it ("debtor logs in with our reference", "JWT", "admins only", "referral ref + DOB",
/// "their own data").
fn says_sign_in(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let signs_in = words.windows(2).any(|w| {
        [
            "log", "logs", "logged", "logging", "sign", "signs", "signed", "signing",
        ]
        .contains(&w[0])
            && ["in", "on", "up"].contains(&w[1])
    });
    signs_in
        || super::super::says_sign_in_words(text)
        || [
            "logon",
            "signup",
            "passw",
            "account",
            "auth",
            "jwt",
            "token",
            "session",
            "api key",
            "api-key",
            "apikey",
            "credential",
            "mfa",
            "2fa",
            "otp",
            "magic link",
            "verification link",
            "member",
            "oidc",
            "saml",
            "cognito",
            "okta",
            "keycloak",
            "admin",
            "cookie",
            "key per",
            "keys",
            "staff",
            "organiser",
            "organizer",
            "editor",
            "secretar",
            "captain",
            "date of birth",
            "identit",
            "postcode",
        ]
        .iter()
        .any(|w| lower.contains(w))
        || words.iter().any(|w| {
            [
                "pin",
                "pins",
                "users",
                "registered",
                "their",
                "own",
                "dob",
                "ref",
                "reference",
            ]
            .contains(w)
        })
}
