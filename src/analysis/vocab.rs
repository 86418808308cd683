//! What the model's own words mean: a protocol vocabulary (HTTPS gives encryption,
//! integrity and server authentication; Telnet gives none) and cues in names and
//! descriptions ("card details", "password", "Stripe", "Anonymous user").
//!
//! Models imported from other tools carry their knowledge in words far more than in
//! property flags: a Threat Dragon flow named "HTTPS" with `isEncrypted` left false is
//! encrypted. The analysis reads these words where the flags are unset; a flag that
//! contradicts the words is reported by validation, never silently overridden.
//!
//! The protocol vocabulary is in `vocab/protocols.rs`; this file holds the cue words and
//! their matcher. Over 800 lines: most of it is the word list, data rather than logic.

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

mod controls;
mod protocols;
mod respell;
pub use controls::{control, control_label, control_sources, controls};
pub use protocols::{
    Protocol, ProtocolMemo, TECHNOLOGIES, is_protocol_name, protocol, protocol_names,
};
use respell::respelt;

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
    let lower = name.trim().to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let numbered = words
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()));
    if numbered {
        words.pop();
    }
    match words.as_slice() {
        [] => numbered,
        ["flow" | "dataflow" | "data" | "connection" | "link" | "edge" | "arrow"] => true,
        ["data", "flow"] => true,
        _ => false,
    }
}

/// Whether a flow's name says it is an answer to a request ("Payment Response", "Returns
/// sales data", "Query results", "Reply", "Check Meeting Response").
pub fn names_a_response(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| {
        matches!(
            *w,
            "response"
                | "responses"
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

/// (pattern, cue bits, how it must sit in the text). Patterns are lower case.
const CUES: &[(&str, u64, Mode)] = &[
    ("card", cue::CARD, Sub),
    ("cvv", cue::CARD, Whole),
    ("cvc", cue::CARD, Whole),
    ("pan", cue::CARD, Whole),
    ("iban", cue::CARD, Whole),
    ("amount", cue::AMOUNT, Sub),
    ("price", cue::AMOUNT, Sub),
    ("pricing", cue::AMOUNT, Sub),
    ("total", cue::AMOUNT, Whole),
    ("currency", cue::AMOUNT, Sub),
    ("quantity", cue::AMOUNT, Sub),
    ("discount", cue::AMOUNT, Sub),
    ("coupon", cue::AMOUNT, Sub),
    ("password", cue::CREDENTIALS, Sub),
    ("passwd", cue::CREDENTIALS, Sub),
    ("passphrase", cue::CREDENTIALS, Sub),
    ("credential", cue::CREDENTIALS, Sub),
    ("token", cue::CREDENTIALS, Sub),
    ("secret", cue::CREDENTIALS, Sub),
    ("api key", cue::CREDENTIALS, Sub),
    ("apikey", cue::CREDENTIALS, Sub),
    ("private key", cue::CREDENTIALS, Sub),
    ("ssh key", cue::CREDENTIALS, Sub),
    ("log in", cue::CREDENTIALS | cue::IDENTITY, Sub),
    ("logs in", cue::CREDENTIALS | cue::IDENTITY, Sub),
    ("logs into", cue::CREDENTIALS, Sub),
    ("sign in", cue::CREDENTIALS | cue::IDENTITY, Sub),
    ("signin", cue::CREDENTIALS | cue::IDENTITY, Sub),
    ("jwt", cue::CREDENTIALS, Whole),
    ("oauth", cue::CREDENTIALS | cue::IDENTITY, Sub),
    ("kerberos", cue::CREDENTIALS, Sub),
    ("session", cue::CREDENTIALS, Sub),
    ("auth", cue::CREDENTIALS | cue::IDENTITY, Whole),
    ("location", cue::PERSONAL, Sub),
    ("gps", cue::PERSONAL, Whole),
    ("geolocation", cue::PERSONAL, Sub),
    ("address", cue::PERSONAL, Sub),
    ("email", cue::PERSONAL, Sub),
    ("e-mail", cue::PERSONAL, Sub),
    ("phone number", cue::PERSONAL, Sub),
    ("date of birth", cue::PERSONAL, Sub),
    ("personal", cue::PERSONAL, Sub),
    ("pii", cue::PERSONAL, Whole),
    ("profile", cue::PERSONAL, Sub),
    ("health", cue::PERSONAL | cue::HEALTH, Sub),
    ("medical", cue::PERSONAL | cue::HEALTH, Sub),
    ("patient", cue::PERSONAL | cue::HEALTH, Sub),
    ("webhook", cue::WEBHOOK, Sub),
    ("callback", cue::WEBHOOK, Sub),
    ("anonymous", cue::ANONYMOUS, Sub),
    ("unauthenticated", cue::ANONYMOUS, Sub),
    ("guest", cue::ANONYMOUS, Whole),
    ("visitor", cue::ANONYMOUS, Sub),
    ("www", cue::ANONYMOUS | cue::INTERNET, Whole),
    ("admin", cue::ADMIN, Sub),
    ("moderation", cue::ADMIN, Sub),
    ("moderator", cue::ADMIN, Sub),
    ("back office", cue::ADMIN, Sub),
    ("back-office", cue::ADMIN, Sub),
    ("backoffice", cue::ADMIN, Sub),
    ("customer support", cue::ADMIN, Sub),
    ("operator", cue::ADMIN, Sub),
    ("management console", cue::ADMIN, Sub),
    ("database", cue::DATABASE, Sub),
    ("db", cue::DATABASE, Whole),
    ("sql", cue::DATABASE, Sub),
    ("postgres", cue::DATABASE, Sub),
    ("mongo", cue::DATABASE, Sub),
    ("dynamodb", cue::DATABASE, Sub),
    ("cassandra", cue::DATABASE, Sub),
    ("mariadb", cue::DATABASE, Sub),
    ("oracle", cue::DATABASE, Whole),
    ("api", cue::API, Whole),
    ("rest", cue::API, Whole),
    ("graphql", cue::API, Sub),
    ("gateway", cue::API, Sub),
    ("endpoint", cue::API, Sub),
    ("stripe", cue::THIRD_PARTY | cue::PAYMENT, Sub),
    ("paypal", cue::THIRD_PARTY | cue::PAYMENT, Sub),
    ("adyen", cue::THIRD_PARTY | cue::PAYMENT, Sub),
    ("braintree", cue::THIRD_PARTY | cue::PAYMENT, Sub),
    ("worldpay", cue::THIRD_PARTY | cue::PAYMENT, Sub),
    ("klarna", cue::THIRD_PARTY | cue::PAYMENT, Sub),
    ("twilio", cue::THIRD_PARTY, Sub),
    ("sendgrid", cue::THIRD_PARTY, Sub),
    ("mailgun", cue::THIRD_PARTY, Sub),
    ("mailchimp", cue::THIRD_PARTY, Sub),
    ("salesforce", cue::THIRD_PARTY, Sub),
    ("zendesk", cue::THIRD_PARTY, Sub),
    ("cdn", cue::THIRD_PARTY, Whole),
    ("cloudflare", cue::THIRD_PARTY, Sub),
    ("akamai", cue::THIRD_PARTY, Sub),
    ("fastly", cue::THIRD_PARTY, Sub),
    ("cloudfront", cue::THIRD_PARTY, Sub),
    ("third party", cue::THIRD_PARTY, Sub),
    ("third-party", cue::THIRD_PARTY, Sub),
    ("3rd party", cue::THIRD_PARTY, Sub),
    ("internet", cue::INTERNET, Sub),
    ("public network", cue::INTERNET, Sub),
    ("dmz", cue::INTERNET, Whole),
    ("payment", cue::PAYMENT, Sub),
    ("checkout", cue::PAYMENT | cue::AMOUNT, Sub),
    ("billing", cue::PAYMENT, Sub),
    ("invoice", cue::PAYMENT, Sub),
    ("queue", cue::QUEUE, Sub),
    ("kafka", cue::QUEUE, Sub),
    ("rabbitmq", cue::QUEUE, Sub),
    ("broker", cue::QUEUE, Sub),
    ("sqs", cue::QUEUE, Whole),
    ("client", cue::CLIENT, Sub),
    ("cli", cue::LOCAL_TOOL, Whole),
    ("url reader", cue::FETCHES_URLS, Sub),
    ("url resource", cue::FETCHES_URLS, Sub),
    ("url fetch", cue::FETCHES_URLS, Sub),
    ("fetches url", cue::FETCHES_URLS, Sub),
    ("downloader", cue::FETCHES_URLS, Word),
    ("crawler", cue::FETCHES_URLS, Word),
    ("scraper", cue::FETCHES_URLS, Word),
    ("link preview", cue::FETCHES_URLS, Sub),
    ("remote resource", cue::FETCHES_URLS, Sub),
    // What fetches a URL someone else chose: webhook delivery, HTML rendered to PDF.
    ("webhook dispatcher", cue::FETCHES_URLS, Sub),
    ("webhook delivery", cue::FETCHES_URLS, Sub),
    ("webhook sender", cue::FETCHES_URLS, Sub),
    ("delivers webhooks", cue::FETCHES_URLS, Sub),
    ("callback url", cue::FETCHES_URLS, Sub),
    ("headless chrom", cue::FETCHES_URLS, Sub),
    ("puppeteer", cue::FETCHES_URLS, Word),
    ("wkhtmltopdf", cue::FETCHES_URLS, Word),
    ("html to pdf", cue::FETCHES_URLS, Sub),
    ("html-to-pdf", cue::FETCHES_URLS, Sub),
    ("image proxy", cue::FETCHES_URLS, Sub),
    ("unfurl", cue::FETCHES_URLS, Sub),
    ("payout", cue::MONEY_OUT, Word),
    ("refund", cue::MONEY_OUT, Word),
    ("withdrawal", cue::MONEY_OUT, Word),
    ("disburse", cue::MONEY_OUT, Sub),
    ("salary", cue::MONEY_OUT, Word),
    ("salaries", cue::MONEY_OUT, Word),
    ("payroll", cue::MONEY_OUT, Word),
    ("bank acct", cue::MONEY_OUT, Word),
    ("bank account", cue::MONEY_OUT, Word),
    ("bank details", cue::MONEY_OUT, Word),
    ("oembed", cue::FETCHES_URLS, Word),
    ("gateway", cue::ROUTES, Sub),
    ("proxy", cue::ROUTES, Sub),
    ("router", cue::ROUTES, Sub),
    ("crud", cue::RECORDS, Word),
    ("create", cue::RECORDS, Word),
    ("update", cue::RECORDS, Word),
    ("edit", cue::RECORDS, Word),
    ("delete", cue::RECORDS, Word),
    ("modify", cue::RECORDS, Word),
    ("record", cue::RECORDS, Word),
    ("by id", cue::RECORDS, Whole),
    ("profile", cue::RECORDS, Word),
    ("config", cue::CONFIG, Word),
    ("configuration", cue::CONFIG, Word),
    ("settings", cue::CONFIG, Word),
    ("deploy directory", cue::CONFIG, Sub),
    ("hot deploy", cue::CONFIG, Sub),
    ("hot-deploy", cue::CONFIG, Sub),
    ("jwt", cue::TOKENS, Word),
    ("sts", cue::TOKENS, Whole),
    ("security token service", cue::TOKENS, Sub),
    ("token service", cue::TOKENS, Sub),
    ("token issuer", cue::TOKENS, Sub),
    ("issues token", cue::TOKENS, Sub),
    ("issue token", cue::TOKENS, Sub),
    ("authorization server", cue::TOKENS, Sub),
    ("authorisation server", cue::TOKENS, Sub),
    ("saml", cue::ASSERTIONS, Word),
    ("assertion", cue::ASSERTIONS, Word),
    ("cas handler", cue::ASSERTIONS, Sub),
    ("pki", cue::ASSERTIONS, Word),
    ("client certificate", cue::ASSERTIONS, Sub),
    ("x.509", cue::ASSERTIONS, Sub),
    ("x509", cue::ASSERTIONS, Word),
    ("policy decision", cue::POLICY, Sub),
    ("pdp", cue::POLICY, Whole),
    ("authz", cue::POLICY, Word),
    ("authorization filter", cue::POLICY, Sub),
    ("authorisation filter", cue::POLICY, Sub),
    ("policy manager", cue::POLICY, Sub),
    ("policy engine", cue::POLICY, Sub),
    ("access control", cue::POLICY, Sub),
    ("replicat", cue::REPLICATES, Sub),
    ("federation", cue::REPLICATES, Word),
    ("data export", cue::REPLICATES, Sub),
    ("export to", cue::REPLICATES, Sub),
    ("synchronis", cue::REPLICATES, Sub),
    ("synchroniz", cue::REPLICATES, Sub),
    ("guest", cue::GUEST, Word),
    ("servlet", cue::SERVER_PAGES, Word),
    ("jsp", cue::SERVER_PAGES, Whole),
    ("web console", cue::SERVER_PAGES, Word),
    ("admin console", cue::SERVER_PAGES, Word),
    ("admin ui", cue::SERVER_PAGES, Word),
    ("portal", cue::SERVER_PAGES, Word),
    ("dashboard", cue::SERVER_PAGES, Word),
    ("firmware", cue::SOFTWARE_UPDATE, Sub),
    ("ota", cue::SOFTWARE_UPDATE, Whole),
    ("over-the-air", cue::SOFTWARE_UPDATE, Sub),
    ("over the air", cue::SOFTWARE_UPDATE, Sub),
    ("software update", cue::SOFTWARE_UPDATE, Sub),
    ("firmware update", cue::SOFTWARE_UPDATE, Sub),
    ("update package", cue::SOFTWARE_UPDATE, Sub),
    ("update image", cue::SOFTWARE_UPDATE, Sub),
    ("update file", cue::SOFTWARE_UPDATE, Sub),
    ("update bundle", cue::SOFTWARE_UPDATE, Sub),
    ("update metadata", cue::SOFTWARE_UPDATE, Sub),
    ("update server", cue::SOFTWARE_UPDATE, Sub),
    ("update service", cue::SOFTWARE_UPDATE, Sub),
    ("sw image", cue::SOFTWARE_UPDATE, Sub),
    ("software image", cue::SOFTWARE_UPDATE, Sub),
    ("package metadata", cue::SOFTWARE_UPDATE, Sub),
    ("self-update", cue::SOFTWARE_UPDATE | cue::INSTALLS, Sub),
    ("self update", cue::SOFTWARE_UPDATE | cue::INSTALLS, Sub),
    ("auto-update", cue::SOFTWARE_UPDATE | cue::INSTALLS, Sub),
    ("auto update", cue::SOFTWARE_UPDATE | cue::INSTALLS, Sub),
    ("autoupdate", cue::SOFTWARE_UPDATE | cue::INSTALLS, Sub),
    ("install", cue::INSTALLS, Word),
    ("flash", cue::INSTALLS, Word),
    ("reflash", cue::INSTALLS, Word),
    ("bootloader", cue::INSTALLS, Word),
    ("updater", cue::INSTALLS, Word),
    ("update agent", cue::INSTALLS, Sub),
    ("update client", cue::INSTALLS, Sub),
    ("rewrite sw", cue::INSTALLS, Sub),
    ("container registry", cue::IMAGE_REGISTRY, Word),
    ("image registry", cue::IMAGE_REGISTRY, Word),
    ("docker registry", cue::IMAGE_REGISTRY, Word),
    ("docker hub", cue::IMAGE_REGISTRY, Word),
    ("dockerhub", cue::IMAGE_REGISTRY, Word),
    ("ecr", cue::IMAGE_REGISTRY, Whole),
    ("acr", cue::IMAGE_REGISTRY, Whole),
    ("gcr", cue::IMAGE_REGISTRY, Whole),
    ("artifact registry", cue::IMAGE_REGISTRY, Word),
    ("harbor", cue::IMAGE_REGISTRY, Whole),
    ("quay", cue::IMAGE_REGISTRY, Whole),
    ("registration", cue::SELF_SERVICE, Word),
    ("sign up", cue::SELF_SERVICE, Word),
    ("sign-up", cue::SELF_SERVICE, Word),
    ("signup", cue::SELF_SERVICE, Word),
    ("user management", cue::SELF_SERVICE, Word),
    ("account management", cue::SELF_SERVICE, Word),
    ("user profile", cue::SELF_SERVICE, Word),
    ("profile management", cue::SELF_SERVICE, Word),
    ("profile update", cue::SELF_SERVICE, Word),
    ("update profile", cue::SELF_SERVICE, Word),
    ("edit profile", cue::SELF_SERVICE, Word),
    ("create account", cue::SELF_SERVICE, Word),
    ("varying roles", cue::ROLES, Sub),
    ("different roles", cue::ROLES, Sub),
    ("various roles", cue::ROLES, Sub),
    ("multiple roles", cue::ROLES, Sub),
    ("user roles", cue::ROLES, Sub),
    ("role-based", cue::ROLES, Sub),
    ("role based", cue::ROLES, Sub),
    ("rbac", cue::ROLES, Whole),
    ("signing key", cue::SIGNING, Sub),
    ("responsible for signing", cue::SIGNING, Sub),
    ("code signing", cue::SIGNING, Sub),
    ("code-signing", cue::SIGNING, Sub),
    ("signing service", cue::SIGNING, Sub),
    ("signing server", cue::SIGNING, Sub),
    ("release signing", cue::SIGNING, Sub),
    ("signer", cue::SIGNING, Word),
    ("create pod", cue::WORKLOADS, Sub),
    ("create/update/delete pod", cue::WORKLOADS, Sub),
    ("creates pod", cue::WORKLOADS, Sub),
    ("deploy pod", cue::WORKLOADS, Sub),
    ("deploys pod", cue::WORKLOADS, Sub),
    ("schedule pod", cue::WORKLOADS, Sub),
    ("run pod", cue::WORKLOADS, Sub),
    ("start container", cue::WORKLOADS, Sub),
    ("run container", cue::WORKLOADS, Sub),
    ("launch container", cue::WORKLOADS, Sub),
    ("create container", cue::WORKLOADS, Sub),
    ("create job", cue::WORKLOADS, Sub),
    ("create deployment", cue::WORKLOADS, Sub),
    ("launch instance", cue::WORKLOADS, Sub),
    ("create vm", cue::WORKLOADS, Sub),
    ("tftp", cue::FILE_SERVER, Whole),
    ("ftp", cue::FILE_SERVER, Whole),
    ("sftp", cue::FILE_SERVER, Whole),
    ("file server", cue::FILE_SERVER, Sub),
    ("fileserver", cue::FILE_SERVER, Sub),
    ("file share", cue::FILE_SERVER, Sub),
    ("download server", cue::FILE_SERVER, Sub),
    ("authorise user", cue::ASKS_AUTHORIZATION, Sub),
    ("authorize user", cue::ASKS_AUTHORIZATION, Sub),
    ("authorise request", cue::ASKS_AUTHORIZATION, Sub),
    ("authorize request", cue::ASKS_AUTHORIZATION, Sub),
    ("authorization check", cue::ASKS_AUTHORIZATION, Sub),
    ("authorisation check", cue::ASKS_AUTHORIZATION, Sub),
    ("check permission", cue::ASKS_AUTHORIZATION, Sub),
    ("check access", cue::ASKS_AUTHORIZATION, Sub),
    ("invite", cue::LINKS, Word),
    ("invitation", cue::LINKS, Word),
    ("password reset", cue::LINKS, Sub),
    ("reset password", cue::LINKS, Sub),
    ("forgot password", cue::LINKS, Sub),
    ("forgotten password", cue::LINKS, Sub),
    ("reset link", cue::LINKS, Sub),
    ("magic link", cue::LINKS, Sub),
    ("verification email", cue::LINKS, Sub),
    ("verification e-mail", cue::LINKS, Sub),
    ("verify email", cue::LINKS, Sub),
    ("email verification", cue::LINKS, Sub),
    ("activation link", cue::LINKS, Sub),
    ("account activation", cue::LINKS, Sub),
    ("confirmation link", cue::LINKS, Sub),
    ("xml", cue::XML, Word),
    ("soap", cue::XML, Whole),
    ("saml", cue::XML, Word),
    ("wsdl", cue::XML, Whole),
    ("xacml", cue::XML, Word),
    ("xslt", cue::XML, Whole),
    ("rss", cue::XML, Whole),
    ("atom feed", cue::XML, Word),
    ("opensearch", cue::XML, Word),
    ("jmx", cue::SERIALIZED, Whole),
    ("rmi", cue::SERIALIZED, Whole),
    ("java serializ", cue::SERIALIZED, Sub),
    ("java serialis", cue::SERIALIZED, Sub),
    ("serialized object", cue::SERIALIZED, Sub),
    ("serialised object", cue::SERIALIZED, Sub),
    ("pickle", cue::SERIALIZED, Word),
    ("pickled", cue::SERIALIZED, Word),
    ("joblib", cue::SERIALIZED, Word),
    ("cloudpickle", cue::SERIALIZED, Word),
    ("pkl", cue::SERIALIZED, Whole),
    ("binaryformatter", cue::SERIALIZED, Whole),
    ("objectinputstream", cue::SERIALIZED, Whole),
    ("stream", cue::PARSED, Word),
    ("video", cue::PARSED, Word),
    ("image", cue::PARSED, Word),
    ("media", cue::PARSED, Word),
    ("mpeg", cue::PARSED, Word),
    ("audio", cue::PARSED, Word),
    ("nitf", cue::PARSED, Word),
    ("document", cue::PARSED, Word),
    ("pdf", cue::PARSED, Word),
    ("archive", cue::PARSED, Word),
    ("file system", cue::LOCAL_FILES, Sub),
    ("filesystem", cue::LOCAL_FILES, Sub),
    ("local disk", cue::LOCAL_FILES, Sub),
    ("local files", cue::LOCAL_FILES, Sub),
    ("postman", cue::SYSTEM, Whole),
    ("curl", cue::SYSTEM, Whole),
    ("api client", cue::SYSTEM, Sub),
    ("rest client", cue::SYSTEM, Sub),
    ("repo", cue::REPO, Word),
    ("repos", cue::REPO, Word),
    ("repository", cue::REPO, Word),
    ("repositories", cue::REPO, Word),
    ("git", cue::REPO, Whole),
    ("source code", cue::REPO, Sub),
    ("devfile", cue::REPO, Word),
    ("checkout", cue::REPO, Word),
    ("workspace", cue::REPO, Word),
    ("command line", cue::LOCAL_TOOL, Sub),
    ("command-line", cue::LOCAL_TOOL, Sub),
    ("commandline", cue::LOCAL_TOOL, Sub),
    ("invite", cue::MESSAGING, Word),
    ("invites", cue::MESSAGING, Word),
    ("invitation", cue::MESSAGING, Word),
    ("send email", cue::MESSAGING, Sub),
    ("sends email", cue::MESSAGING, Sub),
    ("send mail", cue::MESSAGING, Sub),
    ("sends mail", cue::MESSAGING, Sub),
    ("email service", cue::MESSAGING, Sub),
    ("mail service", cue::MESSAGING, Sub),
    ("mailer", cue::MESSAGING, Word),
    ("smtp", cue::MESSAGING, Whole),
    ("notification", cue::MESSAGING, Word),
    ("notifications", cue::MESSAGING, Word),
    ("newsletter", cue::MESSAGING, Word),
    ("sms", cue::MESSAGING, Whole),
    ("push notification", cue::MESSAGING, Word),
    ("apns", cue::MESSAGING, Whole),
    ("fcm", cue::MESSAGING, Whole),
    ("browser", cue::CLIENT, Sub),
    ("user-agent", cue::CLIENT, Sub),
    ("user agent", cue::CLIENT, Sub),
    ("mobile", cue::CLIENT, Sub),
    ("phone", cue::CLIENT, Whole),
    ("smartphone", cue::CLIENT, Sub),
    ("desktop app", cue::CLIENT, Sub),
    // Software in the user's hands that people type into.
    ("popup", cue::CLIENT, Word),
    ("tablet", cue::CLIENT, Word),
    ("kiosk", cue::CLIENT, Word),
    ("hmi", cue::CLIENT, Whole),
    ("browser extension", cue::CLIENT, Sub),
    ("content script", cue::CLIENT, Sub),
    ("service worker", cue::CLIENT, Sub),
    ("background script", cue::CLIENT, Sub),
    ("pos app", cue::CLIENT, Word),
    ("pos terminal", cue::CLIENT, Word),
    ("single-page app", cue::CLIENT, Sub),
    ("spa", cue::CLIENT, Whole),
    ("unsecured", cue::CLEARTEXT, Sub),
    ("unencrypted", cue::CLEARTEXT, Sub),
    ("plaintext", cue::CLEARTEXT, Sub),
    ("plain text", cue::CLEARTEXT, Sub),
    ("cleartext", cue::CLEARTEXT, Sub),
    ("cache", cue::TRANSIENT, Sub),
    ("temporary", cue::TRANSIENT, Sub),
    ("temp", cue::TRANSIENT, Whole),
    ("tmp", cue::TRANSIENT, Whole),
    ("scratch", cue::TRANSIENT, Sub),
    ("autosave", cue::TRANSIENT, Sub),
    ("recovery file", cue::TRANSIENT, Sub),
    ("clear text", cue::CLEARTEXT, Sub),
    // Signing in, in a few phrasings and languages.
    ("login", cue::CREDENTIALS | cue::IDENTITY, Word),
    ("logon", cue::CREDENTIALS | cue::IDENTITY, Word),
    ("sign-in", cue::CREDENTIALS | cue::IDENTITY, Word),
    ("sign on", cue::IDENTITY, Word),
    ("sign-on", cue::IDENTITY, Word),
    ("signon", cue::IDENTITY, Word),
    ("authentication", cue::CREDENTIALS | cue::IDENTITY, Word),
    ("authenticate", cue::CREDENTIALS | cue::IDENTITY, Word),
    ("authn", cue::IDENTITY, Whole),
    ("authorization server", cue::IDENTITY, Word),
    ("authorization provider", cue::IDENTITY, Word),
    ("auth server", cue::IDENTITY, Word),
    ("auth service", cue::IDENTITY, Word),
    ("sso", cue::IDENTITY, Whole),
    ("oidc", cue::IDENTITY | cue::CREDENTIALS, Whole),
    ("openid", cue::IDENTITY | cue::CREDENTIALS, Word),
    ("saml", cue::IDENTITY | cue::CREDENTIALS, Word),
    ("cognito", cue::IDENTITY | cue::THIRD_PARTY, Word),
    ("keycloak", cue::IDENTITY, Word),
    ("okta", cue::IDENTITY | cue::THIRD_PARTY, Word),
    (
        "authentication provider",
        cue::IDENTITY | cue::THIRD_PARTY,
        Word,
    ),
    ("auth provider", cue::IDENTITY, Word),
    ("google", cue::THIRD_PARTY, Word),
    ("auth0", cue::IDENTITY | cue::THIRD_PARTY, Word),
    ("idp", cue::IDENTITY, Whole),
    ("identity provider", cue::IDENTITY, Word),
    ("identity server", cue::IDENTITY, Word),
    ("identity service", cue::IDENTITY, Word),
    ("active directory", cue::IDENTITY | cue::DIRECTORY, Word),
    ("azure ad", cue::IDENTITY | cue::DIRECTORY, Word),
    ("entra", cue::IDENTITY, Whole),
    ("mot de passe", cue::CREDENTIALS, Word),
    ("passwort", cue::CREDENTIALS, Word),
    ("kennwort", cue::CREDENTIALS, Word),
    ("contraseña", cue::CREDENTIALS, Word),
    ("anmeldung", cue::CREDENTIALS | cue::IDENTITY, Word),
    ("connexion", cue::IDENTITY, Word),
    ("user name", cue::CREDENTIALS, Word),
    ("username", cue::CREDENTIALS, Word),
    // Accounts.
    ("users", cue::ACCOUNTS | cue::PERSONAL, Whole),
    ("user db", cue::ACCOUNTS | cue::PERSONAL, Word),
    ("user store", cue::ACCOUNTS | cue::PERSONAL, Word),
    ("user data", cue::ACCOUNTS | cue::PERSONAL, Word),
    ("accounts", cue::ACCOUNTS | cue::PERSONAL, Whole),
    ("account", cue::ACCOUNTS | cue::PERSONAL, Whole),
    ("customer data", cue::PERSONAL, Word),
    ("customers", cue::PERSONAL, Whole),
    ("patients", cue::PERSONAL | cue::HEALTH, Whole),
    // Keys and secrets.
    ("key store", cue::SECRETS, Word),
    ("keystore", cue::SECRETS, Word),
    ("key vault", cue::SECRETS, Word),
    ("keyvault", cue::SECRETS, Word),
    ("keys", cue::SECRETS, Whole),
    ("vault", cue::SECRETS, Word),
    ("kms", cue::SECRETS, Whole),
    ("hsm", cue::SECRETS, Whole),
    ("secrets manager", cue::SECRETS, Word),
    ("certificate", cue::SECRETS, Word),
    ("truststore", cue::SECRETS, Word),
    ("signing key", cue::SECRETS, Word),
    ("private key", cue::SECRETS, Word),
    // Logs.
    ("log", cue::LOGS, Word),
    ("logging", cue::LOGS, Word),
    ("logger", cue::LOGS, Word),
    ("audit", cue::LOGS, Word),
    ("auditing", cue::LOGS, Word),
    ("syslog", cue::LOGS, Word),
    ("telemetry", cue::LOGS, Word),
    ("journal", cue::LOGS, Word),
    ("splunk", cue::LOGS, Word),
    ("logstash", cue::LOGS, Word),
    ("cloudwatch", cue::LOGS, Word),
    // Stores by kind.
    ("s3", cue::OBJECT_STORAGE, Whole),
    ("bucket", cue::OBJECT_STORAGE, Word),
    ("blob", cue::OBJECT_STORAGE, Word),
    ("object storage", cue::OBJECT_STORAGE, Word),
    ("object store", cue::OBJECT_STORAGE, Word),
    ("minio", cue::OBJECT_STORAGE, Word),
    ("ldap", cue::DIRECTORY, Word),
    ("directory service", cue::DIRECTORY | cue::IDENTITY, Word),
    ("user directory", cue::DIRECTORY | cue::IDENTITY, Word),
    ("redis", cue::CACHE | cue::DATABASE, Word),
    ("memcached", cue::CACHE, Word),
    ("cache", cue::CACHE, Word),
    ("nosql", cue::NOSQL | cue::DATABASE, Word),
    ("mongodb", cue::NOSQL, Word),
    ("mongo", cue::NOSQL, Word),
    ("dynamodb", cue::NOSQL, Word),
    ("cosmos", cue::NOSQL | cue::DATABASE, Word),
    ("couchdb", cue::NOSQL | cue::DATABASE, Word),
    ("firestore", cue::NOSQL | cue::DATABASE, Word),
    ("cassandra", cue::NOSQL, Word),
    ("elasticsearch", cue::NOSQL | cue::DATABASE, Word),
    ("mysql", cue::SQL | cue::DATABASE, Word),
    ("mariadb", cue::SQL, Word),
    ("postgresql", cue::SQL, Word),
    ("sql server", cue::SQL, Word),
    ("sqlite", cue::SQL | cue::DATABASE, Word),
    ("rds", cue::SQL | cue::DATABASE, Whole),
    ("aurora", cue::SQL | cue::DATABASE, Word),
    // Build and deployment.
    ("ci/cd", cue::CICD, Word),
    ("cicd", cue::CICD, Word),
    ("pipeline", cue::CICD, Word),
    ("jenkins", cue::CICD, Word),
    ("github actions", cue::CICD, Word),
    ("gitlab", cue::CICD, Word),
    ("build server", cue::CICD, Word),
    ("deploy", cue::CICD, Word),
    ("deployment", cue::CICD, Word),
    ("container registry", cue::CICD, Word),
    // Devices.
    ("iot", cue::DEVICE, Whole),
    ("device", cue::DEVICE, Word),
    ("sensor", cue::DEVICE, Word),
    ("vehicle", cue::DEVICE, Word),
    ("ecu", cue::DEVICE, Whole),
    ("firmware", cue::DEVICE, Word),
    ("embedded", cue::DEVICE, Word),
    ("camera", cue::DEVICE, Word),
    // Pay-per-use compute.
    ("lambda", cue::SERVERLESS, Word),
    ("azure function", cue::SERVERLESS, Word),
    ("cloud function", cue::SERVERLESS, Word),
    ("cloud run", cue::SERVERLESS, Word),
    ("serverless", cue::SERVERLESS, Word),
    ("fargate", cue::SERVERLESS, Word),
    // Runs commands.
    ("shell", cue::COMMAND, Word),
    ("command", cue::COMMAND, Word),
    ("exec", cue::COMMAND, Word),
    ("bash", cue::COMMAND, Whole),
    ("powershell", cue::COMMAND, Word),
    ("kubectl", cue::COMMAND, Word),
    // Browsers and cookies.
    ("browser", cue::BROWSER, Word),
    ("chrome", cue::BROWSER, Whole),
    ("chromium", cue::BROWSER, Whole),
    ("firefox", cue::BROWSER, Whole),
    ("safari", cue::BROWSER, Whole),
    ("local storage", cue::CLIENT | cue::BROWSER_STORAGE, Sub),
    ("localstorage", cue::CLIENT | cue::BROWSER_STORAGE, Sub),
    ("session storage", cue::CLIENT | cue::BROWSER_STORAGE, Sub),
    ("sessionstorage", cue::CLIENT | cue::BROWSER_STORAGE, Sub),
    ("indexeddb", cue::CLIENT | cue::BROWSER_STORAGE, Sub),
    ("cloud storage", cue::OBJECT_STORAGE, Sub),
    ("user-agent", cue::BROWSER, Word),
    ("user agent", cue::BROWSER, Word),
    ("web client", cue::BROWSER | cue::CLIENT, Word),
    ("web ui", cue::BROWSER, Word),
    // A person said to use the web application uses it in a browser.
    ("uses web application", cue::BROWSER, Sub),
    ("uses the web application", cue::BROWSER, Sub),
    ("uses web app", cue::BROWSER, Sub),
    ("uses the web app", cue::BROWSER, Sub),
    ("uses the website", cue::BROWSER, Sub),
    ("uses the web site", cue::BROWSER, Sub),
    ("frontend", cue::BROWSER, Word),
    ("front end", cue::BROWSER, Word),
    ("front-end", cue::BROWSER, Word),
    ("single-page app", cue::BROWSER, Word),
    ("spa", cue::BROWSER, Whole),
    ("cookie", cue::COOKIE | cue::CREDENTIALS, Word),
    // Partners and other services.
    ("partner", cue::PARTNER, Word),
    ("supplier", cue::PARTNER, Word),
    ("vendor", cue::PARTNER, Word),
    ("b2b", cue::PARTNER, Whole),
    ("external system", cue::PARTNER, Word),
    ("external service", cue::PARTNER, Word),
    ("notification", cue::WEBHOOK, Word),
    ("web hook", cue::WEBHOOK, Word),
    ("invoice", cue::PAYMENT | cue::PERSONAL, Word),
    ("bank", cue::PAYMENT, Word),
    ("user", cue::HUMAN, Word),
    ("customer", cue::HUMAN, Word),
    ("employee", cue::HUMAN, Word),
    ("staff", cue::HUMAN, Word),
    ("person", cue::HUMAN, Word),
    ("people", cue::HUMAN, Word),
    ("member", cue::HUMAN, Word),
    ("patient", cue::HUMAN, Word),
    ("doctor", cue::HUMAN, Word),
    ("clinician", cue::HUMAN, Word),
    ("nurse", cue::HUMAN, Word),
    ("student", cue::HUMAN, Word),
    ("citizen", cue::HUMAN, Word),
    ("buyer", cue::HUMAN, Word),
    ("seller", cue::HUMAN, Word),
    ("manager", cue::HUMAN, Word),
    ("driver", cue::HUMAN, Word),
    ("owner", cue::HUMAN, Word),
    ("human", cue::HUMAN, Word),
    ("service", cue::SYSTEM, Word),
    ("server", cue::SYSTEM, Word),
    ("system", cue::SYSTEM, Word),
    ("resource", cue::SYSTEM, Word),
    ("platform", cue::SYSTEM, Word),
    ("provider", cue::SYSTEM, Word),
    ("cluster", cue::SYSTEM, Word),
    ("daemon", cue::SYSTEM, Word),
    ("agent", cue::SYSTEM, Word),
    ("scheduler", cue::SYSTEM, Word),
    ("engine", cue::SYSTEM, Word),
    ("backend", cue::SYSTEM, Word),
    ("kubernetes", cue::SYSTEM, Word),
    // What an external entity sends that is data, not somebody: a stream, a feed, images.
    ("stream", cue::SYSTEM, Word),
    ("feed", cue::SYSTEM, Word),
    ("image", cue::SYSTEM, Word),
    ("firmware", cue::SYSTEM, Word),
    ("source", cue::SYSTEM, Word),
    ("barista", cue::HUMAN, Word),
    ("cashier", cue::HUMAN, Word),
    ("clerk", cue::HUMAN, Word),
    ("operator", cue::HUMAN, Word),
    ("developer", cue::HUMAN, Word),
    // People whose job title ends in "agent" (not the software kind).
    ("support agent", cue::HUMAN, Word),
    ("sales agent", cue::HUMAN, Word),
    ("call centre agent", cue::HUMAN, Word),
    ("call center agent", cue::HUMAN, Word),
    ("helpdesk agent", cue::HUMAN, Word),
    ("service desk agent", cue::HUMAN, Word),
    ("customer service agent", cue::HUMAN, Word),
    ("engineer", cue::HUMAN, Word),
    ("eng.", cue::HUMAN, Word),
    ("sre", cue::HUMAN, Whole),
    ("analyst", cue::HUMAN, Word),
    ("data scientist", cue::HUMAN, Word),
    // Code hosts are other companies' services (HTTPS only), not people signing in.
    ("github", cue::SYSTEM | cue::THIRD_PARTY, Word),
    ("gitlab", cue::SYSTEM | cue::THIRD_PARTY, Word),
    ("bitbucket", cue::SYSTEM | cue::THIRD_PARTY, Word),
    ("bff", cue::SYSTEM, Whole),
    ("svc", cue::SYSTEM, Whole),
    ("backend-for-frontend", cue::SYSTEM, Word),
    ("backend for frontend", cue::SYSTEM, Word),
    ("administrator", cue::ADMIN, Word),
    ("sysadmin", cue::ADMIN, Word),
    ("superuser", cue::ADMIN, Word),
    ("devops", cue::ADMIN, Word),
    ("maintainer", cue::ADMIN, Word),
    ("kafka", cue::QUEUE, Word),
    ("message bus", cue::QUEUE, Word),
    ("event bus", cue::QUEUE, Word),
    ("pub/sub", cue::QUEUE, Word),
    ("pubsub", cue::QUEUE, Word),
    ("topic", cue::QUEUE, Word),
    ("sns", cue::QUEUE, Whole),
];

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

/// The cue matcher, built once.
fn matcher() -> Option<&'static AhoCorasick> {
    static M: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    M.get_or_init(|| word_matcher(CUES.iter().map(|c| c.0)))
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

/// Calls `hit(pattern index)` for each cue pattern that sits in `text` as it must.
fn hits(m: &AhoCorasick, text: &str, mut hit: impl FnMut(usize)) {
    let bytes = text.as_bytes();
    for found in m.find_overlapping_iter(text) {
        let i = found.pattern().as_usize();
        let (pattern, _, mode) = CUES[i];
        if !sits(bytes, found.start(), found.end(), mode) {
            continue;
        }
        // "Payments-auth", "card auth": a payment's authorisation, not a sign-in.
        if pattern == "auth" {
            let before = text[..found.start()]
                .trim_end_matches([' ', '-', '_'])
                .to_ascii_lowercase();
            let last = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if matches!(
                last,
                "payment" | "payments" | "card" | "cards" | "txn" | "transaction"
            ) {
                continue;
            }
        }
        // Chat and bot commands ("/commands", "slash commands") run no shell.
        if pattern == "command" {
            let before = text[..found.start()].to_ascii_lowercase();
            let last = before
                .trim_end()
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            if before.ends_with('/') || matches!(last, "slash" | "bot" | "chat" | "voice") {
                continue;
            }
        }
        // A "support agent" is a person: "agent" right after a job word is no software.
        if pattern == "agent" {
            let before = text[..found.start()].trim_end().to_ascii_lowercase();
            let last = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if matches!(
                last,
                "support" | "sales" | "centre" | "center" | "helpdesk" | "desk" | "service"
            ) {
                continue;
            }
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
    let mut bits = 0;
    for text in texts {
        if text.is_empty() {
            continue;
        }
        // Multi-line labels ("HTML Local \r\nstorage") read as one line of words.
        if text.contains(['\r', '\n', '\t']) || text.contains("  ") {
            let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
            hits(m, &folded, |i| bits |= CUES[i].1);
        } else {
            hits(m, text, |i| bits |= CUES[i].1);
        }
        if let Some(respelt) = respelt(text) {
            hits(m, &respelt, |i| bits |= CUES[i].1);
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
    for (label, text) in texts {
        let mut found = |i: usize| {
            let (pattern, bits, _) = CUES[i];
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
    let already_clean = name.trim_matches(' ').len() == name.len()
        && !name.contains("  ")
        && !name.contains(|c: char| c.is_whitespace() && c != ' ');
    if already_clean {
        return name.to_owned();
    }
    name.split_whitespace().collect::<Vec<_>>().join(" ")
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
