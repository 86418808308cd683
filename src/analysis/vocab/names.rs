//! What a single name or flow label says of itself: an adapter the team runs, its store on
//! a platform it rents, a lookup's answer, hardware a person stands at, a token they hold
//! to a reader, a hub for devices, and the few phrases on a flow some rules read
//! ([`mark`]). What names say of people is in `people.rs`.

use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

use super::Mode::{self, Sub, Word};
use super::{sits, word_matcher};

/// Whether a name says the element is the team's own adapter to another service
/// ("Stripe webhook handler", "twilio-adapter", "Salesforce connector"): named after the
/// provider, run by the team.
pub fn names_adapter(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        matches!(
            w,
            "adapter"
                | "handler"
                | "connector"
                | "integration"
                | "hooks"
                | "webhooks"
                | "sync"
                | "svc"
        )
    })
}

/// Whether a flow's name says it answers a reference lookup ("VRM lookup", "address
/// lookup", "geocode", "optimised route", "NDVI tiles"): facts looked up to fill in or
/// show, not an answer that decides, pays or is kept as a record (a forecast a rules
/// engine acts on decides).
pub fn names_lookup_answer(name: &str) -> bool {
    contains_ci(name, "look-up")
        || contains_ci(name, "look up")
        || has_word(
            name,
            &[
                "lookup",
                "lookups",
                "geocode",
                "geocoding",
                "route",
                "routes",
                "tiles",
                "postcode",
                "postcodes",
            ],
        )
}

/// Whether a store's name says it is the team's own resource on a rented platform (what
/// a CDN serves, a spreadsheet or folder on Google's, a bucket or blob container): the
/// platform is the provider's, its settings and sharing the team's.
pub fn names_hosted_resource(name: &str) -> bool {
    has_word(
        name,
        &[
            "cdn",
            "cloudfront",
            "cloudflare",
            "akamai",
            "fastly",
            "sheet",
            "sheets",
            "drive",
            "bucket",
            "buckets",
            "s3",
            "blob",
            "blobs",
        ],
    )
}

/// Whether a store's name or technology is a hosted service of its engine that always
/// requires credentials ("MongoDB Atlas", "Upstash Redis", "Elastic Cloud", "Redis Cloud",
/// "Heroku Redis", "Azure Cache for Redis").
pub fn names_managed_with_auth(text: &str) -> bool {
    has_word(text, &["atlas", "upstash"])
        || [
            "elastic cloud",
            "redis cloud",
            "heroku redis",
            "azure cache",
        ]
        .iter()
        .any(|p| contains_ci(text, p))
}

/// Whether an element's name or description names a payment card terminal ("SumUp Solo",
/// "PDQ", "PIN pad", "payment terminal", or a "card reader" said to take money: "£40
/// pre-auth"): a card tapped or inserted there talks EMV to the terminal, which the
/// acquirer certifies. A "card reader" alone may be a door's.
pub fn names_card_terminal(name: &str, description: &str) -> bool {
    const BRANDS: &[&str] = &[
        "pdq", "sumup", "zettle", "pinpad", "emv", "izettle", "verifone", "ingenico",
    ];
    const PHRASES: &[&str] = &[
        "card machine",
        "card terminal",
        "payment terminal",
        "pin pad",
        "chip and pin",
    ];
    const PAYING: &[&str] = &[
        "preauth",
        "payment",
        "payments",
        "pay",
        "charge",
        "charges",
        "deposit",
        "contactless",
        "refund",
    ];
    let texts = [name, description];
    let terminal = |t: &&str| has_word(t, BRANDS) || PHRASES.iter().any(|p| contains_ci(t, p));
    let paying = |t: &&str| {
        has_word(t, PAYING)
            || ["pre-auth", "£", "€", "$"]
                .iter()
                .any(|p| contains_ci(t, p))
    };
    texts.iter().any(terminal)
        || (texts.iter().any(|t| contains_ci(t, "card reader")) && texts.iter().any(paying))
}

/// Whether a store's name calls it a storage service ("Storage - finds photos", "Cloud
/// Storage", "Azure Storage") rather than a device's own ("local storage", "app storage",
/// "SD card storage"): a platform's, whatever writes to it.
pub fn names_storage_service(name: &str) -> bool {
    has_word(name, &["storage"])
        && !has_word(
            name,
            &[
                "local", "device", "phone", "offline", "app", "browser", "usb", "sd", "session",
                "secure", "internal", "disk",
            ],
        )
}

/// Whether a store's words say it lives in an online office suite or file-sharing service
/// ("Google Sheet - bike no, size", "OneDrive folder", "Airtable base"): it is in the
/// cloud, whatever device writes to it.
pub fn names_cloud_document(text: &str) -> bool {
    [
        "google sheet",
        "google drive",
        "google doc",
        "onedrive",
        "sharepoint",
        "dropbox",
        "airtable",
        "smartsheet",
        "icloud",
        "office 365",
        "microsoft 365",
    ]
    .iter()
    .any(|needle| contains_ci(text, needle))
}

/// Whether a name is hardware a person stands at or carries ("Card reader", "Keypad",
/// "Lock encoder", "Turnstile", "ATM", "Headset", "Wearable", "Car"): what they hand it is
/// touched or tapped, not sent over a network.
pub fn names_hardware_at_hand(name: &str) -> bool {
    // "Reader management portal", "POS cloud": software for the hardware, not it.
    !names_remote_hub(name)
        && has_word(
            name,
            &[
                "reader",
                "readers",
                "keypad",
                "keypads",
                "turnstile",
                "turnstiles",
                "encoder",
                "atm",
                "headset",
                "wearable",
                "car",
                "scooter",
                "pos",
                "till",
                "pinpad",
            ],
        )
}

/// Whether a text says, in general words, that someone works for another organisation
/// ("3rd party service company", "third-party contractor"), not which vendor's product
/// they use.
pub fn says_third_party(text: &str) -> bool {
    [
        "third party",
        "third-party",
        "3rd party",
        "3rd-party",
        "contractor",
    ]
    .iter()
    .any(|w| contains_ci(text, w))
}

/// Whether a name is equipment fixed where it works ("Camera NVR", "Feed PLC", "CCTV
/// recorder"): what it keeps stays on site; nobody carries it off or loses it.
pub fn names_fixed_equipment(name: &str) -> bool {
    has_word(
        name,
        &["nvr", "dvr", "cctv", "plc", "plcs", "recorder", "scada"],
    )
}

/// Whether a name is a controller or a printer fixed where it works ("Feed PLC", "Printers
/// / MFDs"): kept in a plant room or an office, holding no credential of the system. (A
/// vehicle's ECUs are not: under an over-the-air update scheme they hold keys.)
pub fn names_plant_controller(name: &str) -> bool {
    has_word(name, &["plc", "plcs", "printer", "printers", "mfd", "mfds"])
}

/// Whether a flow's name is something a person holds to a reader: a badge, a card, a
/// key fob, a tag.
pub fn names_tapped_token(name: &str) -> bool {
    has_word(
        name,
        &[
            "badge", "badges", "card", "cards", "keycard", "keycards", "fob", "fobs", "tag",
            "tags", "prox",
        ],
    )
}

/// Whether a name is a web user interface people look at ("Search UI", "Agent console
/// (SPA)", "Ops dashboard", "Admin panel", "Back office portal").
pub fn names_web_ui(name: &str) -> bool {
    has_word(
        name,
        &[
            "ui",
            "console",
            "dashboard",
            "portal",
            "webapp",
            "spa",
            "frontend",
            "panel",
            "backoffice",
        ],
    ) || name
        .as_bytes()
        .windows(7)
        .any(|w| w.eq_ignore_ascii_case(b"web app"))
}

/// Whether a name is one software gives itself: a lower-case identifier with a hyphen or an
/// underscore ("payments-auth", "order_svc (caller)"), not words ("Data scientist",
/// "Payment provider"). Such an actor is one of the team's own services drawn at the edge
/// of a diagram, not a person and not another company's product.
pub fn names_an_identifier(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or_default();
    first.contains(['-', '_'])
        && first.len() > 3
        && first
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// Whether one of `text`'s words (split at anything but letters and digits) is one of
/// `words`, whatever its case.
pub(super) fn has_word(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| is_one_of(w, words))
}

/// Whether `word` is one of `words`, whatever its case.
pub(super) fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|h| word.eq_ignore_ascii_case(h))
}

/// Whether a flow's name or description says it carries an outcome a provider reports
/// ("auth result", "Payment Response", "IPN", "return url (?status=Completed)", "payment
/// webhook", "charge succeeded"), not a request, a lookup or a bank's ISO 20022 / SWIFT statement
/// ("pain.002 status", "camt.053", "MT940"), which reconciles and fulfils nothing.
pub fn names_an_outcome(text: &str) -> bool {
    !text.is_empty()
        && !["pain.", "camt.", "mt940", "mt942", "ebics"]
            .iter()
            .any(|w| contains_ci(text, w))
        && has_word(
            text,
            &[
                "result",
                "results",
                "response",
                "responses",
                "status",
                "ipn",
                "return",
                "callback",
                "callbacks",
                "webhook",
                "webhooks",
                "notification",
                "notifications",
                "notify",
                "paid",
                "confirmation",
                "confirmed",
                "outcome",
                "approved",
                "declined",
                "succeeded",
                "captured",
                "authorised",
                "authorized",
                "auth",
                "event",
                "events",
            ],
        )
}

/// Whether a text names signing in or an identity provider ("OAuth login", "SSO via
/// Okta", "OIDC IdP", "sign-in"), any case.
pub fn says_sign_in_words(text: &str) -> bool {
    [
        "login", "log in", "sign in", "sign-in", "signin", "sso", "identity", "idp",
    ]
    .iter()
    .any(|w| contains_ci(text, w))
}

/// Whether a text says a backend for a frontend is part of it ("React SPA + BFF", "SPA and
/// its backend-for-frontend").
pub fn says_bff(text: &str) -> bool {
    has_word(text, &["bff", "bffs"])
        || contains_ci(text, "backend for frontend")
        || contains_ci(text, "backend-for-frontend")
}

/// Whether a boundary's name says a DMZ and no more of the internet ("DMZ", "dmz zone"),
/// unlike "Internet / DMZ" or "Public DMZ".
pub fn names_only_dmz(name: &str) -> bool {
    if !has_word(name, &["dmz"]) {
        return false;
    }
    let rest: Vec<&str> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("dmz"))
        .collect();
    super::cues([rest.join(" ").as_str()]) & super::cue::INTERNET == 0
}

/// Whether `text` contains `needle` (lower case), whatever the text's case, without a copy.
pub(super) fn contains_ci(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether a name says software that manages or stands for devices ("Device mgmt",
/// "Device registry", "Device shadow"), or network gear ("Network devices"), not a unit
/// out in the field. Wider than [`names_remote_hub`] in what it reads inside words
/// ("provisioning"), narrower in what it lets stand: a hub or a gateway on a site is a
/// unit someone can open.
pub fn names_device_software(name: &str) -> bool {
    [
        "mgmt",
        "manage",
        "registry",
        "provision",
        "shadow",
        "twin",
        "platform",
        "cloud",
        "portal",
        "console",
        "network device",
        "simulator",
    ]
    .iter()
    .any(|w| contains_ci(name, w))
}

/// Whether a text names a sale: an order, a basket or cart, a purchase, a booking, a
/// subscription, an invoice or a top-up ("place order", "Order intent").
pub fn names_a_sale(text: &str) -> bool {
    has_word(
        text,
        &[
            "order",
            "orders",
            "basket",
            "cart",
            "purchase",
            "purchases",
            "booking",
            "bookings",
            "subscription",
            "invoice",
            "topup",
        ],
    )
}

/// Whether a process's description or name says it fetches what it takes in ("polls CAD
/// every 10 s", "pulls the feed nightly"), or names a connector tool that does by design
/// ("Airbyte workers", "Fivetran").
pub fn says_it_polls(text: &str) -> bool {
    has_word(
        text,
        &[
            "poll", "polls", "polling", "polled", "pulls", "fetches", "airbyte", "fivetran",
            "meltano",
        ],
    )
}

/// Whether a text writes out a cleartext WebSocket address ("ws://chat:8080"), not just
/// the kind of connection ("ws", "websocket").
pub fn writes_ws_scheme(text: &str) -> bool {
    contains_ci(text, "ws://")
}

/// Whether a text says what it names is fetched by its reader ("wx + NOTAMs, polled every
/// 10 min", "pulled nightly"): the reader asks, the sender only answers.
pub fn says_it_is_polled(text: &str) -> bool {
    has_word(text, &["polled", "pulled", "fetched"])
}

/// Whether a text names a NoSQL store queried only through a cloud SDK's typed calls
/// (Firestore, DynamoDB, Bigtable): no query text or operator object is built from input.
pub fn names_sdk_store(text: &str) -> bool {
    [
        "firestore",
        "firebase",
        "dynamodb",
        "dynamo db",
        "bigtable",
        "cloud datastore",
    ]
    .iter()
    .any(|w| contains_ci(text, w))
}

/// Whether a name is a server-side system for devices rather than a device ("IoT Hub",
/// "Device cloud", "Fleet gateway", "Vehicle platform", "Device registry").
pub fn names_remote_hub(name: &str) -> bool {
    has_word(
        name,
        &[
            "hub",
            "cloud",
            "gateway",
            "gw",
            "registry",
            "broker",
            "portal",
            "manager",
            "mgmt",
            "management",
            "console",
            "dashboard",
            "app",
            "web",
        ],
    )
}

/// Phrases on a flow that a few rules read, as bits (see [`flow_marks`]).
pub mod mark {
    /// Signs in through a federation protocol (OIDC, OAuth, SAML, SSO): no directory query
    /// travels on it.
    pub const FEDERATION: u8 = 1 << 0;
    /// Puts a key or token in the URL ("?api_key=", "token in the query string").
    pub const SECRET_IN_URL: u8 = 1 << 1;
    /// E-mail coming in from outside ("inbound mail", "mailbox", IMAP, POP3).
    pub const INBOUND_EMAIL: u8 = 1 << 2;
    /// The sender proves who it is on each request: a signed token or message ("REST +
    /// JWT", "bearer token", "HMAC-signed", "mTLS").
    pub const SENDER_PROVEN: u8 = 1 << 3;
    /// Creates and removes accounts from a directory ("SCIM POST/PATCH", "user
    /// provisioning"): an identity provider pushing accounts, not signing anyone in.
    pub const PROVISIONING: u8 = 1 << 4;
}

/// The [`mark`] bits of a flow's name and protocol (and, for a key in the URL, its
/// description), read once per flow.
pub fn flow_marks(name: &str, protocol: &str, description: &str) -> u8 {
    // (bit, whether the description counts, where a phrase must sit, the phrases)
    const MARKS: &[(u8, bool, Mode, &[&str])] = &[
        (
            mark::FEDERATION,
            false,
            Sub,
            &["oidc", "openid", "oauth", "saml"],
        ),
        // "sso" only as a word: not "Processor", "lesson".
        (
            mark::FEDERATION,
            false,
            Word,
            &[
                "sso",
                "id token",
                "id_token",
                "authorization code",
                "auth code",
            ],
        ),
        (
            mark::SECRET_IN_URL,
            true,
            Sub,
            &[
                "?api_key",
                "&api_key",
                "?apikey",
                "?key=",
                "?token",
                "&token=",
                "?access_token",
                "token in the url",
                "key in the url",
                "token in url",
                "in the query string",
            ],
        ),
        (
            mark::PROVISIONING,
            false,
            Word,
            &[
                "scim",
                "provisioning",
                "deprovisioning",
                "user provisioning",
            ],
        ),
        (
            mark::INBOUND_EMAIL,
            false,
            Sub,
            &[
                "inbound mail",
                "inbound email",
                "incoming mail",
                "incoming email",
                "mailbox",
                "imap",
                "pop3",
                "emails in",
                "customer email",
                "customer e-mail",
            ],
        ),
        (
            mark::SENDER_PROVEN,
            true,
            Word,
            &[
                "jwt",
                "bearer",
                "hmac",
                "signed request",
                "signed requests",
                "signed webhook",
                "request signing",
                "mtls",
                "mutual tls",
                "client cert",
                "client certificate",
                "access token",
                "id token",
                // A credential of the caller's own on each request.
                "robot token",
                "api token",
                "deploy token",
                "service token",
                "api key",
                "x-api-key",
                "x-hub-signature",
                "x-hub-signature-256",
                // "upload (token)", "POST + auth header": the request carries its sender's
                // credential.
                "token",
                "auth header",
                "authorization header",
                "basic auth",
                "ssh key",
                // An OAuth client of its own ("app registration … client secret").
                "client secret",
                "client credentials",
                "client_credentials",
            ],
        ),
    ];
    // One matcher over every phrase; pattern i is the i-th phrase of the table read in order.
    // Each pattern's (bit, whether the description counts, where it must sit).
    type Meaning = Vec<(u8, bool, Mode)>;
    static M: OnceLock<Option<(AhoCorasick, Meaning)>> = OnceLock::new();
    let Some((m, meaning)) = M
        .get_or_init(|| {
            let phrases = MARKS
                .iter()
                .flat_map(|(_, _, _, words)| words.iter().copied());
            let meaning = MARKS
                .iter()
                .flat_map(|&(bit, desc, mode, words)| words.iter().map(move |_| (bit, desc, mode)))
                .collect();
            word_matcher(phrases).map(|m| (m, meaning))
        })
        .as_ref()
    else {
        return 0;
    };
    let mut bits = 0;
    for (text, is_description) in [(name, false), (protocol, false), (description, true)] {
        for found in m.find_overlapping_iter(text) {
            let (bit, with_description, mode) = meaning[found.pattern().as_usize()];
            if (!is_description || with_description)
                && sits(text.as_bytes(), found.start(), found.end(), mode)
            {
                bits |= bit;
            }
        }
    }
    bits
}

/// Whether a flow's name says it travels as mail or a text message ("activation code
/// (email)", "quote e-mail", "SMS w/ link", "letter"): a way of its own, not the web app's.
pub fn names_mail(name: &str) -> bool {
    has_word(
        name,
        &["email", "mail", "sms", "text", "texts", "letter", "post"],
    )
}

/// Whether a flow's name says it is a voice call ("TwiML <Dial>", "voice call", "IVR",
/// "SIP trunk") and not a text message too.
pub fn names_voice_call(name: &str) -> bool {
    (has_word(name, &["dial", "twiml", "voice", "ivr", "sip"]) || contains_ci(name, "phone call"))
        && !names_mail(name)
}

/// Whether a text names the language or runtime software is written in ("Node/Express",
/// "Go", "Python script", "PHP", "Spring Boot", "Lambda").
pub fn names_code_stack(text: &str) -> bool {
    has_word(
        text,
        &[
            "node", "nodejs", "express", "go", "golang", "python", "flask", "fastapi", "php",
            "java", "spring", "kotlin", "dotnet", "csharp", "rust", "lambda", "perl", "elixir",
            "deno", "bun", "koa", "nestjs", "fastify", "gin", "actix", "axum",
        ],
    ) || contains_ci(text, ".net")
        || contains_ci(text, "c#")
}

/// Whether a boundary's name is a hosting platform that serves nothing but HTTPS ("Vercel",
/// "Netlify", "Supabase", "Firebase", "Cloud Run", "GitHub Pages", "Render"): what is drawn inside it
/// is reached encrypted, whatever the flows say. "Render" is the platform only as the whole
/// name ("Render", "render.com"), not a "Render farm".
pub fn names_https_platform(name: &str) -> bool {
    let name = name.trim();
    has_word(name, &["vercel", "netlify", "supabase", "firebase"])
        || contains_ci(name, "cloud run")
        || contains_ci(name, "github pages")
        || contains_ci(name, "render.com")
        || name.eq_ignore_ascii_case("render")
}

/// Whether a name is a cloud platform's own messaging service that the platform's roles
/// reach ("AWS SES", "Amazon SNS", "SES", "Pinpoint"): a service running in that cloud
/// sends through it with its role, and the model names no key to leak.
pub fn names_cloud_role_service(name: &str) -> bool {
    has_word(name, &["ses", "sns", "pinpoint"])
}

/// Whether `text` speaks of a code by that word ("gate code SMS", "laundry ready + code").
pub fn names_a_code(text: &str) -> bool {
    has_word(text, &["code", "codes"])
}

/// Whether a name is a phone platform's push service ("APNs / FCM", "Firebase Cloud
/// Messaging", "push service"): reached only over the platform's own TLS.
pub fn names_push_platform(name: &str) -> bool {
    has_word(name, &["apns", "fcm", "firebase", "gcm"])
        || contains_ci(name, "push service")
        || contains_ci(name, "push notification")
}
