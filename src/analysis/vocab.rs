//! What the model's own words mean: a protocol vocabulary (HTTPS gives encryption,
//! integrity and server authentication; Telnet gives none) and cues in names and
//! descriptions ("card details", "password", "Stripe", "Anonymous user").
//!
//! Models imported from other tools carry their knowledge in words far more than in
//! property flags: a Threat Dragon flow named "HTTPS" with `isEncrypted` left false is
//! encrypted. The analysis reads these words where the flags are unset; a flag that
//! contradicts the words is reported by validation, never silently overridden.
//!
//! The protocol vocabulary is in `vocab/protocols.rs`, the cue word list in
//! `vocab/words.rs`, the controls teams write in `vocab/controls.rs`, what single names and
//! flow labels say in `vocab/names.rs`; this file holds the cue bits and their matcher.

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

mod controls;
mod designs;
mod logs;
mod names;
mod neighbours;
mod people;
mod phrases;
mod protocols;
mod providers;
mod respell;
mod rules;
mod words;
pub use controls::{control, control_label, control_sources, controls};
pub use designs::{design, design_label, design_sources, designs};
pub use logs::{bare_log_name, names_app_log};
pub use names::{
    flow_marks, mark, names_a_code, names_a_sale, names_adapter, names_an_identifier,
    names_an_outcome, names_card_terminal, names_cloud_document, names_cloud_role_service,
    names_code_stack, names_device_software, names_fixed_equipment, names_hardware_at_hand,
    names_hosted_resource, names_https_platform, names_lookup_answer, names_mail,
    names_managed_with_auth, names_only_dmz, names_plant_controller, names_push_platform,
    names_remote_hub, names_sdk_store, names_storage_service, names_tapped_token, names_voice_call,
    names_web_ui, says_bff, says_it_is_polled, says_it_polls, says_sign_in_words, says_third_party,
    writes_ws_scheme,
};
use neighbours::{NOT_AFTER, NOT_BEFORE, ONLY_AFTER};
pub use people::{
    human_head, named_like_people, names_staff, names_support_desk, names_the_public,
    names_users_in_general,
};
pub use protocols::{
    Protocol, ProtocolMemo, TECHNOLOGIES, WEBSOCKET_FROM_HTTPS_PAGE, is_protocol_name,
    names_remote_session, names_tls_layer, protocol, protocol_names,
};
use providers::PROVIDERS;
use respell::respelt;
pub use rules::{element_rules, inbound_descriptions, note_rules, quote_rules, stated_rules};
use words::CUES;

/// Cues found in a text, as bits.
pub mod cue {
    /// Payment card data: card numbers, CVV, "card details".
    pub const CARD: u64 = 1 << 0;
    /// Prices, amounts, totals, currency: values a client must not decide.
    pub const AMOUNT: u64 = 1 << 1;
    /// Passwords, tokens, keys, sessions, logins.
    pub const CREDENTIALS: u64 = 1 << 2;
    /// Personal data: location, contact details, health.
    pub const PERSONAL: u64 = 1 << 3;
    /// A webhook or callback from another system.
    pub const WEBHOOK: u64 = 1 << 4;
    /// An anonymous or unauthenticated actor.
    pub const ANONYMOUS: u64 = 1 << 5;
    /// Administration, moderation, support, back office.
    pub const ADMIN: u64 = 1 << 6;
    /// A database.
    pub const DATABASE: u64 = 1 << 7;
    /// An API (REST, GraphQL, gateway).
    pub const API: u64 = 1 << 8;
    /// A service run by another organisation (a payment, email or identity provider).
    pub const THIRD_PARTY: u64 = 1 << 9;
    /// The public internet.
    pub const INTERNET: u64 = 1 << 10;
    /// Payments in general (checkout, payment service).
    pub const PAYMENT: u64 = 1 << 11;
    /// A message queue or broker.
    pub const QUEUE: u64 = 1 << 12;
    /// Health data.
    pub const HEALTH: u64 = 1 << 13;
    /// Software on the user's side: a browser, a mobile or desktop client.
    pub const CLIENT: u64 = 1 << 14;
    /// Said to travel unprotected ("unsecured", "plaintext").
    pub const CLEARTEXT: u64 = 1 << 15;
    /// A transient copy (cache, temporary or recovery file): losing it loses nothing.
    pub const TRANSIENT: u64 = 1 << 16;
    /// Signing in: a login, an identity provider, single sign-on.
    pub const IDENTITY: u64 = 1 << 17;
    /// User accounts ("Users", "Accounts"): a store of them holds credentials.
    pub const ACCOUNTS: u64 = 1 << 18;
    /// Keys and secrets: a key store, a vault, certificates.
    pub const SECRETS: u64 = 1 << 19;
    /// Logs, audit trails, telemetry.
    pub const LOGS: u64 = 1 << 20;
    /// Object storage: buckets, blobs.
    pub const OBJECT_STORAGE: u64 = 1 << 21;
    /// A directory: LDAP, Active Directory.
    pub const DIRECTORY: u64 = 1 << 22;
    /// A cache (Redis, Memcached).
    pub const CACHE: u64 = 1 << 23;
    /// A NoSQL database (MongoDB, DynamoDB, Cosmos DB …).
    pub const NOSQL: u64 = 1 << 24;
    /// A SQL database (MySQL, PostgreSQL, SQL Server …).
    pub const SQL: u64 = 1 << 25;
    /// Build and deployment: CI/CD, pipelines, registries.
    pub const CICD: u64 = 1 << 26;
    /// A device: IoT, sensors, vehicles, embedded controllers.
    pub const DEVICE: u64 = 1 << 27;
    /// Pay-per-use compute (serverless functions): floods cost money.
    pub const SERVERLESS: u64 = 1 << 28;
    /// Runs commands or scripts (a shell, an executor).
    pub const COMMAND: u64 = 1 << 29;
    /// A web browser or web front end running in one.
    pub const BROWSER: u64 = 1 << 30;
    /// Session cookies.
    pub const COOKIE: u64 = 1 << 31;
    /// A partner organisation's system (a supplier, a B2B client).
    pub const PARTNER: u64 = 1 << 32;
    /// Software, not a person: a service, a server, a system, a resource.
    pub const SYSTEM: u64 = 1 << 33;
    /// A person: a user, a customer, an employee.
    pub const HUMAN: u64 = 1 << 34;
    /// A tool its user runs on their own machine: a CLI, a command-line or desktop tool.
    pub const LOCAL_TOOL: u64 = 1 << 35;
    /// Sends mail or messages to addresses it is given: invites, notifications, e-mail.
    pub const MESSAGING: u64 = 1 << 36;
    /// Source code or project files somebody else can change: a repository, a checkout.
    pub const REPO: u64 = 1 << 37;
    /// Fetches what a URL points at: a URL reader, a downloader, a crawler, a link preview.
    pub const FETCHES_URLS: u64 = 1 << 38;
    /// Files on the machine itself: a file system, a local disk.
    pub const LOCAL_FILES: u64 = 1 << 39;
    /// Passes requests on rather than serving them: a gateway, a proxy, a router.
    pub const ROUTES: u64 = 1 << 40;
    /// Works on records one by one: create, update, edit, delete, "by id", profiles.
    pub const RECORDS: u64 = 1 << 41;
    /// Configuration somebody else can write: config files, settings, deploy folders.
    pub const CONFIG: u64 = 1 << 42;
    /// Issues or checks signed tokens: a token service (STS), JWTs, an authorization server.
    pub const TOKENS: u64 = 1 << 43;
    /// Checks assertions or certificates someone presents: SAML, CAS, PKI, client certificates.
    pub const ASSERTIONS: u64 = 1 << 44;
    /// Decides who may do what: a policy decision point, an authorization filter.
    pub const POLICY: u64 = 1 << 45;
    /// Media or files a program must parse: streams, video, images, documents.
    pub const PARSED: u64 = 1 << 46;
    /// XML on the wire: SOAP, SAML, Atom/RSS and OpenSearch feeds, XACML.
    pub const XML: u64 = 1 << 47;
    /// Serialised objects on the wire: Java RMI and JMX, pickles, .NET binary formatters.
    pub const SERIALIZED: u64 = 1 << 48;
    /// Links that act for whoever holds them: invites, password resets, e-mail
    /// verification, magic sign-in links.
    pub const LINKS: u64 = 1 << 49;
    /// Hands out files by name: TFTP, FTP, a file server or share.
    pub const FILE_SERVER: u64 = 1 << 50;
    /// Asks another service whether a caller may do something ("Authorise User").
    pub const ASKS_AUTHORIZATION: u64 = 1 << 51;
    /// The browser's own storage: local storage, session storage, IndexedDB.
    pub const BROWSER_STORAGE: u64 = 1 << 52;
    /// Signs what others verify: signing keys, a signer, code or release signing.
    pub const SIGNING: u64 = 1 << 53;
    /// Creates workloads: pods, containers, jobs, virtual machines.
    pub const WORKLOADS: u64 = 1 << 54;
    /// Several roles or permission levels among the people it names ("users with varying
    /// roles", "role-based access").
    pub const ROLES: u64 = 1 << 55;
    /// Copies records to another system: replication, federation, export, sync.
    pub const REPLICATES: u64 = 1 << 56;
    /// Lets callers in as a guest: a guest handler, guest access, anonymous fallback.
    pub const GUEST: u64 = 1 << 57;
    /// Pages made on the server for a browser: a servlet, a web console, a portal.
    pub const SERVER_PAGES: u64 = 1 << 58;
    /// Software updates: firmware, update packages and images, over-the-air updates.
    pub const SOFTWARE_UPDATE: u64 = 1 << 59;
    /// Installs software: an updater, a bootloader, flashing.
    pub const INSTALLS: u64 = 1 << 60;
    /// A container image registry.
    pub const IMAGE_REGISTRY: u64 = 1 << 61;
    /// Creates or edits users' own accounts: sign-up, registration, profiles.
    pub const SELF_SERVICE: u64 = 1 << 62;
    /// Money going out: payouts, refunds, withdrawals, salaries, bank details to pay to.
    pub const MONEY_OUT: u64 = 1 << 63;

    /// The kinds of data a text can name.
    pub const DATA: u64 = CARD | CREDENTIALS | PERSONAL | HEALTH | SECRETS | LOGS | PAYMENT;
}

/// How a pattern must sit in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Anywhere, even inside a word ("ConfirmCardPayment", "Passwords").
    Sub,
    /// A whole word: no letter or digit on either side.
    Whole,
    /// A word: starts at a word's start (or a camel-case hump) and ends at a word's end,
    /// a camel-case hump, or a plural "s"/"es" ("Users DB", "KeyStore", "Logs").
    Word,
}

use Mode::{Sub, Whole, Word};

/// Whether a flow's name says nothing of its own: a drawing tool's default ("Data Flow",
/// "Dataflow", "flow 7", "Flow", "Data", "Connection 2"), so two such flows read the same.
pub fn generic_flow_name(name: &str) -> bool {
    // At most three words count ("data flow 7"); no copy of the name is made.
    let mut words: [&str; 3] = [""; 3];
    let mut n = 0;
    for w in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if n == words.len() {
            return false;
        }
        words[n] = w;
        n += 1;
    }
    let numbered = n > 0 && words[n - 1].chars().all(|c| c.is_ascii_digit());
    if numbered {
        n -= 1;
    }
    let is = |w: &str, any: &[&str]| any.iter().any(|a| w.eq_ignore_ascii_case(a));
    match &words[..n] {
        [] => numbered,
        [w] => is(
            w,
            &[
                "flow",
                "dataflow",
                "data",
                "connection",
                "link",
                "edge",
                "arrow",
            ],
        ),
        [a, b] => a.eq_ignore_ascii_case("data") && b.eq_ignore_ascii_case("flow"),
        _ => false,
    }
}

/// Whether a flow's name says it is an answer to a request ("Payment Response", "Returns
/// sales data", "Query results", "Reply", "Check Meeting Response", "TimeStampResp").
pub fn names_a_response(name: &str) -> bool {
    // Camel-case humps are word breaks too ("TimeStampResp").
    let mut spaced = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && prev_lower {
            spaced.push(' ');
        }
        prev_lower = c.is_lowercase();
        spaced.extend(c.to_lowercase());
    }
    let lower = spaced;
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| {
        matches!(
            *w,
            "response"
                | "responses"
                | "resp"
                | "respond"
                | "responds"
                | "reply"
                | "replies"
                | "result"
                | "results"
                | "ack"
                | "acknowledgement"
                | "acknowledgment"
        )
    }) || words
        .first()
        .is_some_and(|w| matches!(*w, "return" | "returns" | "returned"))
}

/// Whether a flow's name asks a question of what it reaches ("search / delete", "lookup
/// postcode", "query + delete", "GET /status", "credit inquiry", "soft search", "sanctions
/// check"): what comes back the other way answers it.
pub fn names_a_query(name: &str) -> bool {
    // A verb that asks as its first word ("get", "fetch"), or a question named anywhere.
    name.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| {
            ["get", "fetch", "find", "poll"]
                .iter()
                .any(|q| w.eq_ignore_ascii_case(q))
        })
        || names::has_word(
            name,
            &[
                "search", "searches", "query", "queries", "lookup", "inquiry", "enquiry", "check",
            ],
        )
}

/// Whether a flow's name says something happened on its sender's side ("Index update",
/// "order events", "status changed"): news it pushes, not an answer.
pub fn names_news(name: &str) -> bool {
    names::has_word(
        name,
        &[
            "update",
            "updates",
            "updated",
            "event",
            "events",
            "notify",
            "notification",
            "notifications",
            "push",
            "alert",
            "alerts",
            "changed",
            "created",
        ],
    )
}

/// The words a cue bit reads as, for explaining an inferred fact.
pub fn cue_label(bit: u64) -> &'static str {
    match bit {
        cue::CARD => "payment card data",
        cue::AMOUNT => "amounts or prices",
        cue::CREDENTIALS => "credentials",
        cue::PERSONAL => "personal data",
        cue::WEBHOOK => "webhook or callback",
        cue::ANONYMOUS => "anonymous actor",
        cue::ADMIN => "administration",
        cue::DATABASE => "database",
        cue::API => "API",
        cue::THIRD_PARTY => "third-party service",
        cue::INTERNET => "the internet",
        cue::PAYMENT => "payment",
        cue::QUEUE => "queue or message bus",
        cue::HEALTH => "health data",
        cue::CLIENT => "client software",
        cue::CLEARTEXT => "said to be unencrypted",
        cue::TRANSIENT => "transient copy",
        cue::IDENTITY => "identity provider / login",
        cue::ACCOUNTS => "user accounts",
        cue::SECRETS => "keys and secrets",
        cue::LOGS => "logs",
        cue::OBJECT_STORAGE => "object storage",
        cue::DIRECTORY => "LDAP / directory",
        cue::CACHE => "cache",
        cue::NOSQL => "NoSQL database",
        cue::SQL => "SQL database",
        cue::CICD => "CI/CD / deployment",
        cue::DEVICE => "device (IoT, embedded)",
        cue::SERVERLESS => "pay-per-use compute",
        cue::COMMAND => "runs commands",
        cue::BROWSER => "web browser",
        cue::COOKIE => "cookie sessions",
        cue::PARTNER => "partner system",
        cue::SYSTEM => "software system",
        cue::HUMAN => "a person",
        cue::LOCAL_TOOL => "a tool run on its user's machine",
        cue::MESSAGING => "sends e-mail or messages",
        cue::REPO => "source repository or project files",
        cue::FETCHES_URLS => "fetches URLs",
        cue::LOCAL_FILES => "local files",
        cue::ROUTES => "passes requests on",
        cue::RECORDS => "works on records by id",
        cue::CONFIG => "configuration",
        cue::TOKENS => "issues or checks signed tokens",
        cue::ASSERTIONS => "checks assertions or certificates",
        cue::POLICY => "decides who may do what",
        cue::PARSED => "media or files to parse",
        cue::XML => "XML",
        cue::SERIALIZED => "serialised objects",
        cue::LINKS => "invite, reset or verification links",
        cue::FILE_SERVER => "file server",
        cue::ASKS_AUTHORIZATION => "asks whether a caller may",
        cue::BROWSER_STORAGE => "browser storage",
        cue::SIGNING => "signing keys",
        cue::WORKLOADS => "creates workloads",
        cue::ROLES => "several roles",
        cue::REPLICATES => "replicates records",
        cue::GUEST => "guest access",
        cue::SERVER_PAGES => "server-made web pages",
        cue::SOFTWARE_UPDATE => "software updates",
        cue::INSTALLS => "installs software",
        cue::IMAGE_REGISTRY => "container image registry",
        cue::SELF_SERVICE => "sign-up or profile editing",
        cue::MONEY_OUT => "sends money out",
        _ => "",
    }
}

/// A case-insensitive matcher of every pattern (overlapping hits, a DFA: built once per
/// vocabulary, searched on every name). The patterns are constants, so building cannot
/// fail; if it ever did, texts would simply give no hits.
fn word_matcher<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(patterns)
        .ok()
}

/// The cue words and the providers' names, as one table the matcher's pattern indexes
/// point into.
fn cue_table() -> &'static [(&'static str, u64, Mode)] {
    static T: OnceLock<Vec<(&'static str, u64, Mode)>> = OnceLock::new();
    T.get_or_init(|| CUES.iter().chain(PROVIDERS).copied().collect())
}

/// The cue matcher, built once.
fn matcher() -> Option<&'static AhoCorasick> {
    static M: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    M.get_or_init(|| word_matcher(cue_table().iter().map(|c| c.0)))
        .as_ref()
}

/// Whether a hit at `start..end` of `bytes` sits in the text as `mode` asks.
fn sits(bytes: &[u8], start: usize, end: usize, mode: Mode) -> bool {
    let alnum = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    let before = start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(end).copied();
    match mode {
        Sub => true,
        Whole => !alnum(before) && !alnum(after),
        Word => {
            let hump = |prev: Option<u8>, next: Option<u8>| {
                prev.is_some_and(|b| b.is_ascii_lowercase())
                    && next.is_some_and(|b| b.is_ascii_uppercase())
            };
            let starts = !alnum(before) || hump(before, bytes.get(start).copied());
            let ends_at = |i: usize| {
                let next = bytes.get(i).copied();
                !alnum(next) || hump(bytes.get(i.wrapping_sub(1)).copied(), next)
            };
            let plural = |suffix: &[u8]| {
                bytes
                    .get(end..end + suffix.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(suffix))
                    && ends_at(end + suffix.len())
            };
            starts && (ends_at(end) || plural(b"s") || plural(b"es"))
        }
    }
}

/// Whether the first word after byte `end` of `text` that is not one of `skipped` is one
/// of `words`, any case. A possessive right after the match ("client's", "client’s")
/// is the word "'s".
fn precedes_one_of(text: &str, end: usize, skipped: &[&str], words: &[&str]) -> bool {
    let rest = &text[end..];
    if ["'s", "\u{2019}s"].iter().any(|p| {
        rest.starts_with(p) && !rest[p.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
    }) {
        return words.contains(&"'s");
    }
    let next = rest
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| !w.is_empty() && !skipped.iter().any(|s| w.eq_ignore_ascii_case(s)))
        .unwrap_or("");
    words.iter().any(|w| w.eq_ignore_ascii_case(next))
}

/// Whether the word just before byte `start` of `text` (past spaces, hyphens, underscores
/// and a slash between alternatives: "Landlord / agent") is one of `words`, any case; "/"
/// stands for a slash right before it, "," lets list marks ("+", ",", "&") be passed.
fn follows_one_of(text: &str, start: usize, words: &[&str]) -> bool {
    let before = &text[..start];
    // "Landlord/agent", "Ratepayer / agent": an alternative to the word before the slash.
    if before.trim_end().ends_with('/') && words.contains(&"/") {
        return true;
    }
    // A placeholder ("journal@<tenant>.example", "/orgs/{tenant}"), where "<" stands
    // among `words`: a value filled in, not the thing itself.
    if before.ends_with(['<', '{']) && words.contains(&"<") {
        return true;
    }
    // And, where "," stands among `words`, past the "+", "," or "&" of a list ("email +
    // phone"; not "quote id, card": no id card).
    let before = if words.contains(&",") {
        before.trim_end_matches([' ', '-', '_', '(', '/', '+', ',', '&'])
    } else {
        before.trim_end_matches([' ', '-', '_', '(', '/'])
    };
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    words.iter().any(|w| w.eq_ignore_ascii_case(last))
}

/// The indices of the [`NOT_AFTER`] and of the [`NOT_BEFORE`] entries that name one
/// pattern, and the words one of which must come before it ([`ONLY_AFTER`]) when it gives
/// the cue that entry keeps.
type NeighbourRules = (Box<[usize]>, Box<[usize]>, Option<&'static [&'static str]>);

/// For each cue pattern (by index in [`cue_table`]), the [`NOT_AFTER`], [`NOT_BEFORE`] and
/// [`ONLY_AFTER`] entries that name it: most name none, and a hit then costs no scan of
/// any table.
fn neighbour_rules() -> &'static [NeighbourRules] {
    static N: OnceLock<Vec<NeighbourRules>> = OnceLock::new();
    N.get_or_init(|| {
        cue_table()
            .iter()
            .map(|(pattern, bits, _)| {
                let after = (NOT_AFTER.iter().enumerate())
                    .filter(|(_, (p, _))| p.contains(pattern))
                    .map(|(k, _)| k)
                    .collect();
                let before = (NOT_BEFORE.iter().enumerate())
                    .filter(|(_, (p, _, _))| p.contains(pattern))
                    .map(|(k, _)| k)
                    .collect();
                let only_after = ONLY_AFTER
                    .iter()
                    .find(|(p, kept, _)| p == pattern && bits & kept != 0)
                    .map(|&(_, _, words)| words);
                (after, before, only_after)
            })
            .collect()
    })
}

/// Calls `hit(pattern index)` for each cue pattern that sits in `text` as it must.
fn hits(m: &AhoCorasick, text: &str, mut hit: impl FnMut(usize)) {
    let bytes = text.as_bytes();
    let neighbours = neighbour_rules();
    let table = cue_table();
    for found in m.find_overlapping_iter(text) {
        let i = found.pattern().as_usize();
        let (pattern, _, mode) = table[i];
        if !sits(bytes, found.start(), found.end(), mode) {
            continue;
        }
        let (after, before, only_after) = &neighbours[i];
        if after
            .iter()
            .any(|&k| follows_one_of(text, found.start(), NOT_AFTER[k].1))
            || before.iter().any(|&k| {
                let (_, skipped, words) = NOT_BEFORE[k];
                precedes_one_of(text, found.end(), skipped, words)
            })
            || phrases::noun_negated(text, found.start())
            || only_after.is_some_and(|words| !follows_one_of(text, found.start(), words))
        {
            continue;
        }
        // "log in" and "log on" are signing in, not logs.
        if pattern == "log" {
            let rest = bytes.get(found.end()..).unwrap_or_default();
            let rest = rest
                .strip_prefix(b" ")
                .or_else(|| rest.strip_prefix(b"-"))
                .unwrap_or(rest);
            let word = |w: &[u8]| {
                rest.get(..w.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(w))
                    && !rest.get(w.len()).is_some_and(|b| b.is_ascii_alphanumeric())
            };
            if word(b"in") || word(b"on") {
                continue;
            }
        }
        hit(i);
    }
}

/// The cues in `texts` (any number of texts, each searched on its own), as [`cue`] bits.
/// Whole-word patterns must not touch a letter on either side; word patterns start and
/// end at a word's edge or a camel-case hump, plurals allowed; the others may sit inside
/// a word ("ConfirmCardPayment", "Passwords").
pub fn cues<'a>(texts: impl IntoIterator<Item = &'a str>) -> u64 {
    let Some(m) = matcher() else {
        return 0;
    };
    let table = cue_table();
    let mut bits = 0;
    for text in texts {
        if text.is_empty() {
            continue;
        }
        // Multi-line labels ("HTML Local \r\nstorage") read as one line of words.
        if text.contains(['\r', '\n', '\t']) || text.contains("  ") {
            let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
            hits(m, &folded, |i| bits |= table[i].1);
        } else {
            hits(m, text, |i| bits |= table[i].1);
        }
        if let Some(respelt) = respelt(text) {
            hits(m, &respelt, |i| bits |= table[i].1);
        }
    }
    bits
}

/// Where each cue bit of `texts` comes from: for each (label, text) searched, the cue bits
/// it gives with the word that gave them, first word first. For explaining inferred facts
/// ("inferred from the name ‘Users DB’"); not on the analysis' hot path.
pub fn cue_sources<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(u64, &'a str, &'static str)> {
    let mut out: Vec<(u64, &'a str, &'static str)> = Vec::new();
    let Some(m) = matcher() else {
        return out;
    };
    let table = cue_table();
    for (label, text) in texts {
        let mut found = |i: usize| {
            let (pattern, bits, _) = table[i];
            for bit in (0..64).map(|b| 1u64 << b).filter(|b| bits & b != 0) {
                if !out.iter().any(|(b, _, _)| *b == bit) {
                    out.push((bit, label, pattern));
                }
            }
        };
        hits(m, text, &mut found);
        if let Some(respelt) = respelt(text) {
            hits(m, &respelt, &mut found);
        }
    }
    out
}

/// "  Merchant\nWeb   Server " → "Merchant Web Server": names as a reader sees them.
pub fn clean_name(name: &str) -> String {
    if is_clean_name(name) {
        return name.to_owned();
    }
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether [`clean_name`] leaves `name` as it is: no space at either end, no run of
/// spaces, no line break or tab.
pub fn is_clean_name(name: &str) -> bool {
    name.trim_matches(' ').len() == name.len()
        && !name.contains("  ")
        && !name.contains(|c: char| c.is_whitespace() && c != ' ')
}

/// Whether a name reads as a plural ("Game Servers", "Players"), for verb agreement.
pub fn is_plural(name: &str) -> bool {
    let last = name
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let lower = last.to_lowercase();
    lower.len() > 3
        && lower.ends_with('s')
        && !["ss", "us", "is", "os", "ys"]
            .iter()
            .any(|e| lower.ends_with(e))
        && ![
            "https", "sms", "aws", "dns", "gcs", "news", "sales", "series", "stats",
        ]
        .contains(&lower.as_str())
        || ["data", "people", "users", "stats"].contains(&lower.as_str())
}

#[cfg(test)]
mod tests;

/// Roles of people a text names ("patients", "a healthcare professional", "the
/// administrator"), counted once each: how many kinds of people it describes. "User" is
/// no role.
pub fn role_nouns(text: &str) -> u8 {
    const ROLES: &[&[&str]] = &[
        &["patient"],
        &[
            "clinician",
            "doctor",
            "physician",
            "nurse",
            "therapist",
            "healthcare professional",
            "caregiver",
        ],
        &["student", "learner"],
        &["teacher", "instructor", "lecturer", "tutor"],
        &["buyer", "shopper"],
        &["seller", "merchant", "vendor"],
        &["customer", "client"],
        &["administrator", "admin"],
        &["manager", "supervisor"],
        &["employee", "staff", "worker"],
        &["driver"],
        &["rider", "passenger"],
        &["tenant"],
        &["landlord", "owner"],
        &["guest"],
        &["host", "organiser", "organizer"],
        &["moderator"],
        &["author", "editor"],
        &["reviewer", "approver"],
        &["auditor"],
        &["agent", "operator"],
        &["member", "subscriber"],
        &["parent", "guardian"],
        &["applicant", "candidate"],
        &["recruiter"],
    ];
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let named = |noun: &str| {
        let parts: Vec<&str> = noun.split(' ').collect();
        words.windows(parts.len()).any(|w| {
            w.iter().zip(&parts).enumerate().all(|(i, (word, part))| {
                // The last word may be plural.
                *word == *part
                    || (i + 1 == parts.len()
                        && (word.strip_suffix('s') == Some(part)
                            || word.strip_suffix("es") == Some(part)))
            })
        })
    };
    let found = ROLES
        .iter()
        .filter(|family| family.iter().any(|n| named(n)))
        .count();
    u8::try_from(found).unwrap_or(u8::MAX)
}
