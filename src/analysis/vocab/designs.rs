//! What a design lets its callers decide or costs it, as teams say it in one sentence of a
//! description: "calculates payout per drop (distance based)", "one login per restaurant,
//! shared by staff", "hit registration done client side", "promo codes", "payouts over
//! £10k need a second approval", "link sent by SMS, no login", "pdf / jpg / docx
//! evidence, max 20MB". Reviewers expect the abuse such a sentence opens; a rule that
//! waits for a property flag never raises it.
//!
//! The phrase tables, one row (phrase, fact, how it sits) per phrasing teams use, are in
//! `designs/table.rs` and, for signing in, `designs/sign_in.rs`; the few phrases that mean something else where they sit are told
//! apart here, in `skip`.

use super::phrases::Phrases;

mod links;
mod shown;
mod sign_in;
mod table;
use links::LINKS;
use shown::PEOPLE_SHOWN;
use sign_in::SIGN_IN;
use table::DESIGN;

/// Design facts, as bits.
pub mod design {
    /// Takes files: uploads, attachments, evidence, photos, imports.
    pub const UPLOADS: u64 = 1 << 0;
    /// Does work far costlier than the request asking for it: rendering, transcoding,
    /// searches, exports, OCR, model inference.
    pub const EXPENSIVE: u64 = 1 << 1;
    /// Holds connections open: WebSockets, MQTT, UDP game traffic, real-time streams.
    pub const CONNECTIONS: u64 = 1 << 2;
    /// Load comes in rushes: peaks, deadlines, premieres, everyone at once.
    pub const PEAKS: u64 = 1 << 3;
    /// Sends text messages (SMS, one-time codes), paid per message.
    pub const TEXTS: u64 = 1 << 4;
    /// Signs people in with one-time codes, magic links or passkeys: no password.
    pub const PASSWORDLESS: u64 = 1 << 5;
    /// Open to anyone: no login, a public link or page.
    pub const NO_LOGIN: u64 = 1 << 6;
    /// Promotions: promo codes, coupons, vouchers, referrals, gift cards, bonuses.
    pub const PROMO: u64 = 1 << 7;
    /// An approval step: approvers, sign-off, four eyes, maker-checker.
    pub const APPROVAL: u64 = 1 << 8;
    /// One login shared by several people.
    pub const SHARED_LOGIN: u64 = 1 << 9;
    /// The client decides or declares what the server acts on: "client side",
    /// "self-declared", "client sends its rank".
    pub const CLIENT_DECIDES: u64 = 1 << 10;
    /// Locations: GPS, geofences, coordinates.
    pub const LOCATION: u64 = 1 << 11;
    /// Pays or decides by what is measured: payout per drop, distance based, fares,
    /// mileage, check-ins, proof of delivery.
    pub const PAYS_BY_MEASURE: u64 = 1 << 12;
    /// Balances that can be spent: wallets, credits, points, in-game currency, trades,
    /// single-use or one-per-customer items.
    pub const BALANCE: u64 = 1 << 13;
    /// Its callers choose who receives what it sends: invites, sharing, referrals,
    /// contact forms.
    pub const CALLER_RECIPIENTS: u64 = 1 << 14;
    /// Signs people in with a game or device platform's ticket (a Steam session ticket,
    /// Sign in with Apple), or only through another service's single sign-on ("SSO only",
    /// "local logins disabled"): that one checks who they are, no password is sent here.
    pub const PLATFORM_SIGN_IN: u64 = 1 << 15;
    /// Runs on a schedule (a nightly or hourly job): nobody's requests race in it.
    pub const SCHEDULED: u64 = 1 << 16;
    /// A wire or a person, not a network: dry contacts, door wiring, an air-gapped
    /// machine, a USB stick carried over.
    pub const WIRED: u64 = 1 << 17;
    /// Hands text to a language model (an LLM, a RAG agent, an AI assistant).
    pub const LLM: u64 = 1 << 18;
    /// Files handed over through a folder: an SFTP drop, a network share, a landing zone,
    /// batch or export files another party picks up.
    pub const FILE_DROP: u64 = 1 << 19;
    /// Decides from a copy: refreshed on a schedule, cached, or kept for working offline.
    pub const COPY: u64 = 1 << 20;
    /// Holds who may do what: cardholders and access levels, users and groups, roles,
    /// allow and block lists, keys issued to people.
    pub const ACCESS_LIST: u64 = 1 << 21;
    /// Converts or parses files in formats where crafted input finds bugs: images, video,
    /// PDFs and office documents, archives (ImageMagick, ffmpeg, Ghostscript, OCR).
    pub const PARSES_FILES: u64 = 1 << 22;
    /// Reads files other people uploaded, from the store they were put in.
    pub const READS_UPLOADS: u64 = 1 << 23;
    /// Holds many customers' data side by side, told apart by a column or a filter:
    /// "multi-tenant", "tenant_id", "one index for all firms", "every merchant's sales".
    pub const ALL_TENANTS: u64 = 1 << 24;
    /// Goes on without a check in some case the team wrote down: a failure policy of
    /// "ignore", a check skipped when something matches, working on when a checker is
    /// down ("failurePolicy: Ignore so deploys don't break", "the DOB check is skipped").
    pub const FAILS_OPEN: u64 = 1 << 25;
    /// Another company's product the team runs or rents, not code it writes: "vendor
    /// hosted", "off-the-shelf", Harbor, Moodle, Mirth, Keycloak, Jenkins. Its queries are
    /// the vendor's to get right; patching and configuring it are the team's.
    pub const VENDOR_PRODUCT: u64 = 1 << 26;
    /// A key or secret built into code, a script, an app or firmware: "Twilio key in the
    /// script", "API key compiled into firmware (same for all units)", "hard-coded".
    pub const EMBEDDED_KEY: u64 = 1 << 27;
    /// Reads, from a store, what people outside the system sent in (messages, tickets,
    /// logs, reviews): written there by an entry point they call.
    pub const READS_OUTSIDERS: u64 = 1 << 28;
    /// Lets callers in with a short code they type: a PIN, a 4–6 digit or few-character
    /// code, a join, pairing or kit code ("card no + PIN", "students join with a 6 digit
    /// code", "box shows 6 digit code on screen").
    pub const SHORT_CODE: u64 = 1 << 29;
    /// Hands out links that open content or act for whoever holds them: share and
    /// download links, presigned URLs, links sent by e-mail or SMS ("share link",
    /// "raw data dl (presigned url)", "SMS: claim link", "approval req (email link)").
    pub const BEARER_LINK: u64 = 1 << 30;
    /// Speaks a protocol devices publish and subscribe with: MQTT, or a broker made for
    /// it ("EMQX", "mosquitto", "AWS IoT Core").
    pub const DEVICE_MESSAGING: u64 = 1 << 31;
    /// Lets staff set aside what the system otherwise enforces: overrides, forcing,
    /// manual releases and changes, balance adjustments, acting as a customer ("bed
    /// managers can override placements", "force unlock", "'log in as customer' button").
    pub const OVERRIDE: u64 = 1 << 32;
    /// Says how long it keeps what it holds: "kept 2 yrs", "90 days retention", "deleted
    /// after 30 days".
    pub const RETENTION: u64 = 1 << 33;
    /// Uses what it holds for a purpose beyond the service: tuning or training models,
    /// recommendations, research, analytics, marketing; de-identified exports.
    pub const SECOND_USE: u64 = 1 << 34;
    /// Keeps keys, passwords or tokens in a configuration file or in plain text: "tech
    /// user creds in console config", "IAM access key + API token in config.ini".
    pub const SECRET_IN_CONFIG: u64 = 1 << 35;
    /// Meant to be read by anyone: "public-read", "publicly readable", "public assets",
    /// "static website". What such a store holds is no secret; who can write it is.
    pub const PUBLIC_READ: u64 = 1 << 36;
    /// Keeps people signed in for long: refresh tokens, "remember me", tokens valid for
    /// days ("JWT (30-day expiry)", "30-day refresh tokens").
    pub const LONG_SESSION: u64 = 1 << 37;
    /// Changes what an account is recovered or reached through, or resets what proves
    /// its owner: "change phone no.", "2FA reset, email change", "reset device binding",
    /// "PIN reset".
    pub const RECOVERY: u64 = 1 << 38;
    /// Raises alarms or alerts people act on: "alarm manager", "alert sms", "escalation
    /// engine", "evac alert", "pages on-call".
    pub const ALERTING: u64 = 1 << 39;
    /// The browser is sent to a provider's own page ("redirect w/ order ref", "hosted
    /// payment page"): the provider takes the payment, the system holds no charging key.
    pub const HOSTED_PAGE: u64 = 1 << 40;
    /// Queries its database through a framework that binds parameters: an ORM ("Django
    /// ORM", "Eloquent", "EF Core", "Prisma"), a framework built on one (Django, Rails,
    /// Laravel), or said outright ("parameterised queries", "prepared statements").
    pub const BOUND_QUERIES: u64 = 1 << 41;
    /// Builds SQL itself: "raw SQL", "dynamic SQL", "string-built queries", an ad-hoc query
    /// or report builder. What an ORM binds, this does not.
    pub const RAW_SQL: u64 = 1 << 42;
    /// Keeps people signed in with sessions, said outright: "session cookie", "session
    /// store", "server-side sessions", "PHPSESSID".
    pub const SESSIONS: u64 = 1 << 43;
    /// Data of a kind the law guards most closely: health, biometrics and voice, identity
    /// documents, criminal records, children's records.
    pub const SPECIAL_DATA: u64 = 1 << 44;
    /// People sign, witness, declare or confirm something in it: a captured signature,
    /// a witness PIN, a self-declaration, a waiver, proof of delivery, chain of custody.
    pub const ATTESTS: u64 = 1 << 45;
    /// A spreadsheet file: CSV, XLSX, an Excel or Google Sheets export.
    pub const SPREADSHEET: u64 = 1 << 46;
    /// Answers lookups by a reference or a search: "status page", "lookup by reg",
    /// "register search", "track order".
    pub const LOOKUP: u64 = 1 << 47;
    /// A URL the service signed for one object: "presigned PUT", "signed URL", "SAS
    /// token". Whoever uses it was let in by the service that signed it.
    pub const SIGNED_URL: u64 = 1 << 48;
    /// Lets people in, or finds their records, by a reference with facts others know
    /// about them: "ref + DOB", "booking ref + surname", "account no + postcode".
    pub const KNOWN_FACTS: u64 = 1 << 49;
    /// People sign in with a password: "agent login email + password", "password
    /// hashes", "forgot password". Not a one-time password.
    pub const PASSWORD: u64 = 1 << 50;
    /// People who have accounts, said of them: "they have accounts", "signed-in
    /// customers", "account holders", or a password of theirs.
    pub const ACCOUNT_HOLDERS: u64 = 1 << 51;
    /// Cards are charged by a token the payment provider keeps: "charge saved card
    /// token", "Braintree vault", "payment method token".
    pub const CARD_TOKEN: u64 = 1 << 52;
    /// Its administrators are its customers' own, managing their account from outside as
    /// the service means them to: "Org admins", "merchant admin", "tenant admins".
    pub const TENANT_ADMINS: u64 = 1 << 53;
    /// Shared by a link that works without signing in ("anyone with the link can edit",
    /// "link shared with team leaders"): said of a document or a store.
    pub const SHARED_LINK: u64 = 1 << 54;
    /// Takes bookings or holds of things there are only so many of: "book slot",
    /// "reserve place", "slot hold", "table bookings", "ticket sales".
    pub const RESERVES: u64 = 1 << 55;
    /// Acknowledges, resolves or stands down an alert: "ack alert", "ack / resolve",
    /// "cancel escalation", "silence alarm".
    pub const ACKNOWLEDGES: u64 = 1 << 56;
    /// Checks uploaded files for malware: "virus scan", "ClamAV", "Defender for Storage".
    pub const SCANS_FILES: u64 = 1 << 57;
    /// Writes into a store of uploaded files ("Evidence docs", "uploads blob"): what it
    /// is sent lands where others open it.
    pub const WRITES_UPLOADS: u64 = 1 << 58;
    /// Admits, credits or identifies whoever shows a code a scanner reads: "scan QR",
    /// "boarding QR", "badge scan", "wristband scan", "ticket barcode".
    pub const SCANNED_CODE: u64 = 1 << 59;
    /// Its codes or tickets are signed or used once: "signed QR", "single-use", "HMAC".
    pub const SIGNED_CODE: u64 = 1 << 60;
    /// Details that identify, reach or locate a person: an age, a home address, a phone
    /// number, a photo of their face ("juniors", "postcode", "emergency contact").
    pub const PEOPLE_DETAILS: u64 = 1 << 61;
    /// Shows what it holds to whoever opens it: "leaderboard", "public results", "public
    /// map", "spectator web".
    pub const PUBLIC_DISPLAY: u64 = 1 << 62;
    /// Shows details of people: what the stores and services behind it hand it, or what
    /// it sends out to people, names them (derived in `context::around`, never said).
    pub const SHOWS_PEOPLE: u64 = 1 << 63;
}

/// Words for one design fact, for the inspector.
pub fn design_label(bit: u64) -> &'static str {
    match bit {
        design::UPLOADS => "takes uploaded files",
        design::EXPENSIVE => "does expensive work per request",
        design::CONNECTIONS => "holds connections open",
        design::PEAKS => "takes load in rushes",
        design::TEXTS => "sends text messages",
        design::PASSWORDLESS => "signs in without passwords",
        design::NO_LOGIN => "open without login",
        design::PROMO => "promotions",
        design::APPROVAL => "an approval step",
        design::SHARED_LOGIN => "a login shared by several people",
        design::CLIENT_DECIDES => "trusts what the client reports",
        design::LOCATION => "locations",
        design::PAYS_BY_MEASURE => "pays or decides by what is measured",
        design::BALANCE => "balances that can be spent",
        design::CALLER_RECIPIENTS => "callers choose the recipients",
        design::PLATFORM_SIGN_IN => {
            "signs in with a platform's ticket or another service's single sign-on only"
        }
        design::SCHEDULED => "runs on a schedule",
        design::WIRED => "a wire or a person, no network",
        design::LLM => "hands text to a language model",
        design::FILE_DROP => "files handed over through a folder (SFTP, a share)",
        design::COPY => "decides from a copy (synced on a schedule, cached, offline)",
        design::ACCESS_LIST => "holds who may do what",
        design::PARSES_FILES => "converts or parses files (images, media, documents, archives)",
        design::READS_UPLOADS => "reads files others uploaded",
        design::ALL_TENANTS => "many customers' data side by side",
        design::FAILS_OPEN => "goes on without a check in some cases",
        design::VENDOR_PRODUCT => "another company's product",
        design::EMBEDDED_KEY => "a key built into its code, app or firmware",
        design::READS_OUTSIDERS => "reads what outsiders sent in",
        design::SHORT_CODE => "lets callers in with a short code (a PIN, a join or pairing code)",
        design::BEARER_LINK => "hands out links that work for whoever holds them",
        design::DEVICE_MESSAGING => "devices publish and subscribe (MQTT)",
        design::OVERRIDE => "staff can override what the system enforces",
        design::RETENTION => "says how long it keeps data",
        design::SECOND_USE => "uses data for a further purpose (training, research, analytics)",
        design::SECRET_IN_CONFIG => "keeps secrets in a configuration file or in plain text",
        design::PUBLIC_READ => "meant to be read by anyone",
        design::LONG_SESSION => "keeps people signed in for long (refresh tokens, days)",
        design::RECOVERY => {
            "changes or resets what proves an account's owner (phone, e-mail, second factor, PIN)"
        }
        design::ALERTING => "raises alarms or alerts people act on",
        design::HOSTED_PAGE => "sends the browser to a provider's own page",
        design::BOUND_QUERIES => "queries through an ORM or bound parameters",
        design::RAW_SQL => "builds SQL itself (raw or dynamic queries)",
        design::SESSIONS => "keeps people signed in with sessions",
        design::ATTESTS => "people sign, witness, declare or confirm in it",
        design::SPREADSHEET => "a spreadsheet (CSV, Excel)",
        design::LOOKUP => "answers lookups by a reference or a search",
        design::SIGNED_URL => "a URL the service signed (presigned, SAS)",
        design::PASSWORD => "signs people in with a password",
        design::ACCOUNT_HOLDERS => "people with accounts",
        design::CARD_TOKEN => "charges cards by a provider's token",
        design::TENANT_ADMINS => "its customers' own administrators",
        design::SHARED_LINK => "shared by a link that needs no sign-in",
        design::RESERVES => "takes bookings or holds of limited places",
        design::ACKNOWLEDGES => "acknowledges or stands down alerts",
        design::SCANS_FILES => "scans uploaded files for malware",
        design::WRITES_UPLOADS => "writes into a store of uploaded files",
        design::SCANNED_CODE => "admits or credits by a code a scanner reads (QR, barcode, badge)",
        design::SIGNED_CODE => "its codes are signed or used once",
        design::PEOPLE_DETAILS => {
            "details that identify or locate a person (age, address, phone, photo)"
        }
        design::PUBLIC_DISPLAY => {
            "shows what it holds to whoever opens it (public results, leaderboard, public map)"
        }
        design::SHOWS_PEOPLE => "shows details of people it reads from behind it",
        design::KNOWN_FACTS => {
            "lets people in by a reference and facts others know (date of birth, surname, postcode)"
        }
        design::SPECIAL_DATA => {
            "special-category data (health, biometrics, identity documents, records of children)"
        }
        _ => "",
    }
}

/// Words naming a secret, for [`design::SECRET_IN_CONFIG`].
const SECRET_WORDS: &[&str] = &[
    "key",
    "keys",
    "password",
    "passwords",
    "pw",
    "pwd",
    "token",
    "tokens",
    "secret",
    "secrets",
    "creds",
    "credentials",
    "cert",
    "certificate",
];
/// Words naming where secrets are kept safely: a text naming one says where they are.
const SECRET_STORES: &[&str] = &[
    "vault", "kms", "hsm", "keychain", "keystore", "keyvault", "manager",
];

/// "client-side encryption", "client side validation only": what the client encrypts or
/// merely checks again decides nothing on its own.
/// A client that sends its password's hash or a token proves who it is; it decides
/// nothing the server then acts on.
fn skip(text: &str, start: usize, end: usize) -> bool {
    // The word after the whole word: a phrase matches its plural too ("upload" in
    // "uploads sha1"), and the word after is "sha1", not the plural's "s".
    let mut next = text[end..]
        .trim_start_matches(char::is_alphanumeric)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase);
    let first = next.next().unwrap_or_default();
    if [
        "encryption",
        "encrypted",
        "encrypt",
        "encrypts",
        "rendering",
        "rendered",
        "routing",
        "validation",
    ]
    .contains(&first.as_str())
    {
        return true;
    }
    let said = text[start..end].to_ascii_lowercase();
    // The word before it, lower case ("quality" bonus, "fee" waiver, "issue" credits).
    let before = text[..start]
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_ascii_lowercase();
    // A "one-time password" is no password anyone keeps; "reset a forgotten AD password",
    // "temp password", "sets new pwd", "password reset" name a reset, not how anyone
    // signs in here.
    if ["password", "passwords", "passphrase", "pwd"].contains(&said.as_str()) {
        let near_before = text[..start]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .rev()
            .take(3)
            .map(str::to_ascii_lowercase);
        let reset = [
            "forgot",
            "forgotten",
            "reset",
            "resets",
            "temp",
            "temporary",
            "new",
        ];
        if ["time", "one"].contains(&before.as_str())
            || ["reset", "resets", "change", "changes", "expiry"].contains(&first.as_str())
            || near_before.into_iter().any(|w| reset.contains(&w.as_str()))
        {
            return true;
        }
    }
    // "first 8 chars" or "last 4 digits" of a key or a card shown to tell it apart: a
    // prefix, not a short code anyone signs in with.
    if said.starts_with(|c: char| c.is_ascii_digit())
        && ["first", "last"].contains(&before.as_str())
    {
        return true;
    }
    // An "alarm code" or an "alarm panel" is a secret or a box on a wall, not an alert
    // the system raises.
    if (said == "alarm" || said == "alarms")
        && ["code", "codes", "panel", "panels", "pin", "pins", "keypad"].contains(&first.as_str())
    {
        return true;
    }
    // A "fat & protein bonus" or a "quality bonus" is pay for what was delivered, no
    // promotion anyone could redeem.
    if said == "bonus"
        && [
            "fat",
            "protein",
            "quality",
            "volume",
            "performance",
            "annual",
            "retention",
            "staff",
            "employee",
            "yield",
        ]
        .contains(&before.as_str())
    {
        return true;
    }
    // "config" or "plain text" tells where secrets are only in a text that names one, and
    // none of the stores made for them.
    if [
        "config",
        "cfg",
        "plaintext",
        "plain text",
        "credentials.json",
        "env file",
    ]
    .contains(&said.as_str())
    {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        return !has(SECRET_WORDS) || has(SECRET_STORES);
    }
    if said == "public" {
        return sign_in::public_of_something_else(&text[end..], &first, &before, text);
    }
    // A presigned or signed URL to upload to ("presigned url for upload") takes files in;
    // it opens nothing to whoever holds it.
    if said.ends_with("url") && ["upload", "uploads", "put", "for"].contains(&first.as_str()) {
        return true;
    }
    // "kept 2 yrs", "kept for disputes" say how long; "kept in plaintext", "kept in
    // Keychain" say where.
    if said == "kept"
        && !(first.starts_with(|c: char| c.is_ascii_digit())
            || ["for", "until", "forever", "indefinitely"].contains(&first.as_str()))
    {
        return true;
    }
    // A token's, a webhook's or a file's signature is cryptography, no person signing:
    // "JWT signature", "HMAC signature", "signature header", "signature verification"; an
    // e-mail's is its sign-off block ("email signature SaaS", "signature inserted").
    if said.starts_with("signature")
        && ([
            "verification",
            "verify",
            "verified",
            "check",
            "checked",
            "checks",
            "header",
            "validation",
            "key",
            "keys",
            // Text put under e-mails: "signature inserted", "signature templates",
            // "'Signature Admins' group".
            "inserted",
            "template",
            "templates",
            "block",
            "blocks",
            "admin",
            "admins",
        ]
        .contains(&first.as_str())
            || [
                "jwt",
                "hmac",
                "webhook",
                "token",
                "request",
                "rsa",
                "ecdsa",
                "ed25519",
                "code",
                "cryptographic",
                "digital",
                "gpg",
                "pgp",
                "image",
                "firmware",
                "release",
                "package",
                "xml",
                "saml",
                "payload",
                "message",
                "sha256",
                // A key held by a device or an app signs: "body: pubkey, device signature".
                "device",
                "app",
                // The sign-off block under an e-mail: no person signing for anything.
                "email",
                "e-mail",
                "mail",
            ]
            .contains(&before.as_str()))
    {
        return true;
    }
    // A "RAG rating" is red, amber or green: no retrieval-augmented language model.
    if said == "rag" && ["rating", "ratings", "rated", "status", "score"].contains(&first.as_str())
    {
        return true;
    }
    // A person approving a device's sign-in on the page a TV shows a code for
    // ("/activate?code=…, user logs in then approves", "enter code / approve") consents
    // for themselves: no request of someone else's waits on it.
    if ["approve", "approves", "approval", "approved"].contains(&said.as_str()) {
        const DEVICE_GRANT: &[&str] = &[
            "device code",
            "device_code",
            "user code",
            "user_code",
            "/activate",
            "?code=",
            "pairing code",
            "enter code",
        ];
        if DEVICE_GRANT
            .iter()
            .any(|g| super::names::contains_ci(text, g))
        {
            return true;
        }
    }
    // A pipeline's own "failure alerts", "#data-alerts", "budget alerts" or a BI tool's
    // "alerts & reports" tell staff about the system's jobs or spend: nobody's safety or
    // money waits on them as it does on an alarm ("expiry alerts" before a certificate
    // lapses still do).
    if ["alert", "alerts"].contains(&said.as_str()) {
        const OWN_JOBS: &[&str] = &[
            "failure", "failures", "failed", "error", "errors", "data", "budget", "spend",
            "billing", "usage",
        ];
        // ("&" is no word: "alerts & reports" is followed by "reports".)
        let reports = first == "reports"
            || (first == "and" && next.clone().next().is_some_and(|w| w == "reports"));
        if OWN_JOBS.contains(&before.as_str()) || reports {
            return true;
        }
    }
    // What an app uploads that is no file: "uploads sha1 of each phone number", "uploads
    // readings every 5 min", "uploaded GPS track points".
    if ["upload", "uploads", "uploaded"].contains(&said.as_str()) {
        const DATA: &[&str] = &[
            "sha1",
            "sha256",
            "md5",
            "hash",
            "hashes",
            "hashed",
            "contacts",
            "location",
            "locations",
            "gps",
            "coordinates",
            "readings",
            "telemetry",
            "metrics",
            "heartbeats",
            "stats",
            "steps",
        ];
        if DATA.contains(&first.as_str()) {
            return true;
        }
    }
    // A photo a page shows ("shows name, photo, level, expiry") is output, no upload; so
    // is a "photo consent" box ticked.
    if said == "photo" {
        const CONSENT: &[&str] = &[
            "consent",
            "consents",
            "permission",
            "permissions",
            "release",
            "opt",
        ];
        const SHOWN: &[&str] = &[
            "shows", "show", "showing", "displays", "display", "lists", "prints",
        ];
        let clause = text[..start]
            .rsplit(['.', ';', '\n'])
            .next()
            .unwrap_or_default();
        if CONSENT.contains(&first.as_str())
            || clause
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| SHOWN.iter().any(|v| w.eq_ignore_ascii_case(v)))
        {
            return true;
        }
    }
    // Credits staff issue ("adjust reads, issue credits") are an adjustment to an invoice,
    // no balance a user spends; so are credits listed with adjustments and refunds
    // ("credits, manual adjustments, refunds", "credits / adjustments").
    if said == "credits"
        && (["issue", "issues", "issued", "grant", "grants", "apply"].contains(&before.as_str())
            || ["manual", "adjustments", "adjustment", "refunds", "refund"]
                .contains(&first.as_str()))
    {
        return true;
    }
    // "Bookings per flight", "tickets per event" group things; "2 bookings per member" is
    // a limit on somebody.
    if ["loans per", "holds per", "tickets per", "bookings per"].contains(&said.as_str())
        && ![
            "member",
            "members",
            "person",
            "people",
            "customer",
            "user",
            "account",
            "household",
            "family",
            "child",
            "patron",
            "reader",
            "student",
            "card",
            "email",
            "e-mail",
            "day",
            "week",
            "month",
            "year",
            "visit",
            "booking",
            "order",
            "transaction",
        ]
        .contains(&first.as_str())
    {
        return true;
    }
    // "load sheet from bookings", "report of bookings": bookings read, none taken.
    if said.starts_with("booking")
        && ["from", "of", "reads", "existing", "past"].contains(&before.as_str())
    {
        return true;
    }
    // A battery's or a budget's reserve ("min SoC reserve", "reserve %", "cash reserve")
    // is a level kept back, no booking.
    if said == "reserve"
        && (text[end..].trim_start().starts_with('%')
            || [
                "soc",
                "battery",
                "min",
                "minimum",
                "spinning",
                "operating",
                "cash",
                "capital",
                "fuel",
                "energy",
                "power",
                "charge",
            ]
            .contains(&before.as_str())
            || [
                "price", "prices", "fund", "funds", "power", "capacity", "level",
            ]
            .contains(&first.as_str()))
    {
        return true;
    }
    // A "waiver code" or a "fee waiver" lets somebody off paying; nobody signs it.
    if said.starts_with("waiver")
        && (["code", "codes"].contains(&first.as_str())
            || ["fee", "fees", "charge"].contains(&before.as_str()))
    {
        return true;
    }
    // A card terminal's PIN pad or entry device takes the bank's PIN, which is checked
    // by the card's issuer, not here; a PIN block, a PIN reveal or a PIN mailer is a card's
    // PIN handled as data ("get PIN block", "POST /cards/{ref}/pin-reveal"), no code
    // anybody signs in with.
    if said == "pin"
        && [
            "pad",
            "pads",
            "ped",
            "entry",
            "pinpad",
            "block",
            "blocks",
            "reveal",
            "mailer",
            "mailers",
            "translation",
        ]
        .contains(&first.as_str())
    {
        return true;
    }
    // A message's or a file's acknowledgement ("sent msgs + acks", "CONTRL / ack", "acks /
    // error files", an EDI 999) says it arrived; nobody stands an alert down.
    if said.starts_with("ack") && words::acknowledges_delivery(&first, &before) {
        return true;
    }
    // Standing orders ("Picks up SOs due today") are no SOS call.
    if said == "sos" && &text[start..end] == "SOs" {
        return true;
    }
    // Money reserved or held ("reserves cash in the app", "funds earmarked when reserved",
    // "hold on funds") is a balance set aside, no place anybody could hoard.
    if said.starts_with("reserv") && words::reserves_money(text, start, &first, &before) {
        return true;
    }
    said.ends_with("sends")
        && std::iter::once(first).chain(next.take(3)).any(|w| {
            [
                "hash",
                "hashed",
                "token",
                "tokens",
                "jwt",
                "password",
                "pw",
                "credentials",
                "key",
                "keys",
                "certificate",
                "otp",
                "code",
                "signature",
            ]
            .contains(&w.as_str())
        })
}

static PHRASES: Phrases = Phrases::new(&[SIGN_IN, DESIGN, PEOPLE_SHOWN, LINKS], skip);

/// The design facts `texts` say, as [`design`] bits.
pub fn designs<'a>(texts: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut fails_open = 0;
    let bits = PHRASES.bits(texts.into_iter().inspect(|t| {
        if fallback::lets_through_on_failure(t) {
            fails_open = design::FAILS_OPEN;
        }
    }));
    bits | fails_open
}

/// Where each design fact of `texts` comes from: (bit, the label of the text, the phrase).
pub fn design_sources<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(u64, &'a str, &'static str)> {
    let mut said = Vec::new();
    let mut sources = PHRASES.sources(texts.into_iter().inspect(|&(label, t)| {
        if fallback::lets_through_on_failure(t) {
            said.push((
                design::FAILS_OPEN,
                label,
                "a failure, then letting it through",
            ));
        }
    }));
    sources.append(&mut said);
    sources
}

mod fallback;
#[cfg(test)]
mod misreadings;
#[cfg(test)]
mod tests;
mod words;
