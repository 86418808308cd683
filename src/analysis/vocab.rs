//! What the model's own words mean: a protocol vocabulary (HTTPS gives encryption,
//! integrity and server authentication; Telnet gives none) and cues in names and
//! descriptions ("card details", "password", "Stripe", "Anonymous user").
//!
//! Models imported from other tools carry their knowledge in words far more than in
//! property flags: a Threat Dragon flow named "HTTPS" with `isEncrypted` left false is
//! encrypted. The analysis reads these words where the flags are unset; a flag that
//! contradicts the words is reported by validation, never silently overridden.
//!
//! One file, over 800 lines: most of it is word lists (protocols, cues), data rather than
//! logic, kept together so a reviewer sees the whole vocabulary.

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// What a protocol gives a flow, and what kind of link it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Protocol {
    /// A recognised protocol name (for messages).
    pub name: &'static str,
    pub encrypted: bool,
    pub integrity: bool,
    /// The sender can verify the receiver (TLS server certificates, SSH host keys).
    pub authenticates_destination: bool,
    /// The receiver can verify the sender (mutual TLS, SSH client keys, Kerberos).
    pub authenticates_source: bool,
    /// Known to carry data in cleartext (HTTP, FTP, Telnet, plain MQTT, raw TCP …).
    pub cleartext: bool,
    /// A raw transport or custom binary protocol (replay and cheating are the worry).
    pub raw: bool,
    /// A short-range radio link (Bluetooth, NFC, Zigbee): relay, replay, pairing MITM.
    pub proximity: bool,
    /// Remote administration (SSH, RDP, VNC, Telnet, WinRM): whoever holds its keys
    /// holds the host.
    pub remote_admin: bool,
    /// A database wire protocol (MySQL, PostgreSQL, JDBC, MongoDB, Redis …).
    pub database: bool,
}

const fn secure(name: &'static str) -> Protocol {
    Protocol {
        name,
        encrypted: true,
        integrity: true,
        authenticates_destination: true,
        authenticates_source: false,
        cleartext: false,
        raw: false,
        proximity: false,
        remote_admin: false,
        database: false,
    }
}

const fn clear(name: &'static str) -> Protocol {
    Protocol {
        name,
        encrypted: false,
        integrity: false,
        authenticates_destination: false,
        authenticates_source: false,
        cleartext: true,
        raw: false,
        proximity: false,
        remote_admin: false,
        database: false,
    }
}

/// Every protocol token we know, lower case. Order does not matter: a token matches a
/// whole word of the protocol text.
const PROTOCOLS: &[(&str, Protocol)] = &[
    ("https", secure("HTTPS")),
    ("http/s", secure("HTTPS")),
    ("https/tls", secure("HTTPS")),
    ("tls", secure("TLS")),
    ("ssl", secure("TLS")),
    ("dtls", secure("DTLS")),
    ("wss", secure("WSS")),
    ("grpcs", secure("gRPC over TLS")),
    ("ftps", secure("FTPS")),
    ("imaps", secure("IMAPS")),
    ("pop3s", secure("POP3S")),
    ("smtps", secure("SMTPS")),
    ("ldaps", secure("LDAPS")),
    ("amqps", secure("AMQPS")),
    ("mqtts", secure("MQTTS")),
    ("quic", secure("QUIC")),
    ("http3", secure("HTTP/3")),
    ("http/3", secure("HTTP/3")),
    (
        "mtls",
        Protocol {
            authenticates_source: true,
            ..secure("mutual TLS")
        },
    ),
    (
        "ssh",
        Protocol {
            authenticates_source: true,
            remote_admin: true,
            ..secure("SSH")
        },
    ),
    (
        "sftp",
        Protocol {
            authenticates_source: true,
            ..secure("SFTP")
        },
    ),
    (
        "scp",
        Protocol {
            authenticates_source: true,
            ..secure("SCP")
        },
    ),
    (
        "ipsec",
        Protocol {
            authenticates_source: true,
            ..secure("IPsec")
        },
    ),
    (
        "wireguard",
        Protocol {
            authenticates_source: true,
            ..secure("WireGuard")
        },
    ),
    ("vpn", secure("VPN")),
    // Cloud provider APIs: HTTPS with signed requests (AWS SigV4 and IAM-authorised
    // invocations).
    (
        "sigv4",
        Protocol {
            authenticates_source: true,
            ..secure("HTTPS with SigV4")
        },
    ),
    (
        "iam",
        Protocol {
            authenticates_source: true,
            ..secure("IAM-authorised HTTPS")
        },
    ),
    (
        "kerberos",
        Protocol {
            authenticates_source: true,
            ..secure("Kerberos")
        },
    ),
    (
        "rdp",
        Protocol {
            remote_admin: true,
            ..secure("RDP")
        },
    ),
    (
        "winrm",
        Protocol {
            remote_admin: true,
            ..clear("WinRM")
        },
    ),
    (
        "vnc",
        Protocol {
            remote_admin: true,
            ..clear("VNC")
        },
    ),
    (
        "telnet",
        Protocol {
            remote_admin: true,
            ..clear("Telnet")
        },
    ),
    ("http", clear("HTTP")),
    ("h2c", clear("HTTP/2 cleartext")),
    ("ws", clear("WebSocket")),
    ("ftp", clear("FTP")),
    ("tftp", clear("TFTP")),
    ("smtp", clear("SMTP")),
    ("pop3", clear("POP3")),
    ("imap", clear("IMAP")),
    ("ldap", clear("LDAP")),
    ("snmp", clear("SNMP")),
    ("mqtt", clear("MQTT")),
    ("amqp", clear("AMQP")),
    ("coap", clear("CoAP")),
    ("modbus", clear("Modbus")),
    ("nfs", clear("NFS")),
    ("syslog", clear("syslog")),
    (
        "tcp",
        Protocol {
            raw: true,
            ..clear("TCP")
        },
    ),
    (
        "udp",
        Protocol {
            raw: true,
            ..clear("UDP")
        },
    ),
    (
        "websocket",
        Protocol {
            raw: false,
            ..clear("WebSocket")
        },
    ),
    (
        "bluetooth",
        Protocol {
            proximity: true,
            ..clear("Bluetooth")
        },
    ),
    (
        "ble",
        Protocol {
            proximity: true,
            ..clear("Bluetooth LE")
        },
    ),
    (
        "nfc",
        Protocol {
            proximity: true,
            ..clear("NFC")
        },
    ),
    (
        "rfid",
        Protocol {
            proximity: true,
            ..clear("RFID")
        },
    ),
    (
        "zigbee",
        Protocol {
            proximity: true,
            ..clear("Zigbee")
        },
    ),
    (
        "lora",
        Protocol {
            proximity: true,
            ..clear("LoRa")
        },
    ),
    (
        "mysql",
        Protocol {
            database: true,
            ..clear("MySQL")
        },
    ),
    (
        "postgres",
        Protocol {
            database: true,
            ..clear("PostgreSQL")
        },
    ),
    (
        "postgresql",
        Protocol {
            database: true,
            ..clear("PostgreSQL")
        },
    ),
    (
        "jdbc",
        Protocol {
            database: true,
            ..clear("JDBC")
        },
    ),
    (
        "odbc",
        Protocol {
            database: true,
            ..clear("ODBC")
        },
    ),
    (
        "tds",
        Protocol {
            database: true,
            ..clear("TDS")
        },
    ),
    (
        "mongodb",
        Protocol {
            database: true,
            ..clear("MongoDB")
        },
    ),
    (
        "redis",
        Protocol {
            database: true,
            ..clear("Redis")
        },
    ),
    (
        "sql",
        Protocol {
            database: true,
            cleartext: false,
            ..clear("SQL")
        },
    ),
];

/// The protocols the analysis knows by name, for the protocol field's suggestions.
pub fn protocol_names() -> &'static [&'static str] {
    // Built once: the inspector shows them on every frame a flow is selected.
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<&'static str> = PROTOCOLS.iter().map(|(_, p)| p.name).collect();
        names.sort_unstable_by_key(|n| n.to_ascii_lowercase());
        names.dedup();
        names
    })
}

/// Common technologies whose names the analysis reads (databases, queues, storage,
/// gateways, clients), offered in the technology field; any text is accepted.
pub const TECHNOLOGIES: &[&str] = &[
    "Amazon API Gateway",
    "Amazon DynamoDB",
    "Amazon S3",
    "Amazon SQS",
    "AWS Lambda",
    "Azure Blob Storage",
    "Browser",
    "Elasticsearch",
    "Kafka",
    "Kubernetes",
    "Memcached",
    "Mobile app",
    "MongoDB",
    "MySQL",
    "Nginx",
    "PostgreSQL",
    "RabbitMQ",
    "Redis",
    "SQL Server",
    "SQLite",
];

/// The protocol a single lower-case word names, through a table built once.
fn protocol_word(word: &str) -> Option<&'static Protocol> {
    static TABLE: OnceLock<rustc_hash::FxHashMap<&'static str, Protocol>> = OnceLock::new();
    TABLE
        .get_or_init(|| PROTOCOLS.iter().map(|(k, p)| (*k, *p)).collect())
        .get(word)
}

/// Words that, next to a protocol, say the link is wrapped in TLS ("SQL over TLS").
const TLS_WORDS: &[&str] = &["tls", "ssl", "https", "mtls", "encrypted"];

/// Reads a protocol text ("HTTPS", "TCP 1234", "SQL over TLS", "HTTP/2") into what it
/// gives. `None` when no word of it is a protocol we know (HTTP/2 and gRPC run with or
/// without TLS, so they say nothing by themselves).
pub fn protocol(text: &str) -> Option<Protocol> {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found: Option<Protocol> = None;
    for w in &words {
        let w = w.trim_end_matches('/');
        if let Some(p) = protocol_word(w) {
            found = Some(match found {
                // The most specific word wins: a secure word beats a cleartext one
                // ("HTTP over TLS"), and traits add up ("SSH tunnel over TCP").
                Some(prev) => merge(prev, *p),
                None => *p,
            });
        }
    }
    let mut p = found?;
    if words.iter().any(|w| TLS_WORDS.contains(w)) && !p.encrypted {
        p.encrypted = true;
        p.integrity = true;
        p.authenticates_destination = true;
        p.cleartext = false;
    }
    Some(p)
}

fn merge(a: Protocol, b: Protocol) -> Protocol {
    let encrypted = a.encrypted || b.encrypted;
    Protocol {
        name: if b.encrypted && !a.encrypted {
            b.name
        } else {
            a.name
        },
        encrypted,
        integrity: a.integrity || b.integrity,
        authenticates_destination: a.authenticates_destination || b.authenticates_destination,
        authenticates_source: a.authenticates_source || b.authenticates_source,
        cleartext: !encrypted && (a.cleartext || b.cleartext),
        raw: a.raw || b.raw,
        proximity: a.proximity || b.proximity,
        remote_admin: a.remote_admin || b.remote_admin,
        database: a.database || b.database,
    }
}

/// Protocol texts already read, so each distinct text of a model is read once.
#[derive(Default)]
pub struct ProtocolMemo<'t> {
    seen: rustc_hash::FxHashMap<&'t str, Option<Protocol>>,
}

impl<'t> ProtocolMemo<'t> {
    pub fn get(&mut self, text: &'t str) -> Option<Protocol> {
        if text.is_empty() {
            return None;
        }
        *self.seen.entry(text).or_insert_with(|| protocol(text))
    }
}

/// Whether a whole name is nothing but a protocol ("HTTPS", "TCP 1234", "HTTP/2"): a
/// flow named so says how it travels, not what it carries.
pub fn is_protocol_name(name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    let generic = ["http/2", "http2", "grpc", "rest", "soap", "graphql"];
    name.split(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            // Lower-cased on the stack: protocol words are short, longer ones are not
            // protocols.
            let mut buf = [0u8; 16];
            if w.len() > buf.len() {
                return false;
            }
            for (b, c) in buf.iter_mut().zip(w.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            let Ok(lower) = std::str::from_utf8(&buf[..w.len()]) else {
                return false;
            };
            lower.bytes().all(|c| c.is_ascii_digit())
                || generic.contains(&lower)
                || protocol_word(lower).is_some()
        })
}

/// Cues found in a text, as bits.
pub mod cue {
    /// Payment card data: card numbers, CVV, "card details".
    pub const CARD: u32 = 1 << 0;
    /// Prices, amounts, totals, currency: values a client must not decide.
    pub const AMOUNT: u32 = 1 << 1;
    /// Passwords, tokens, keys, sessions, logins.
    pub const CREDENTIALS: u32 = 1 << 2;
    /// Personal data: location, contact details, health.
    pub const PERSONAL: u32 = 1 << 3;
    /// A webhook or callback from another system.
    pub const WEBHOOK: u32 = 1 << 4;
    /// An anonymous or unauthenticated actor.
    pub const ANONYMOUS: u32 = 1 << 5;
    /// Administration, moderation, support, back office.
    pub const ADMIN: u32 = 1 << 6;
    /// A database.
    pub const DATABASE: u32 = 1 << 7;
    /// An API (REST, GraphQL, gateway).
    pub const API: u32 = 1 << 8;
    /// A service run by another organisation (a payment, email or identity provider).
    pub const THIRD_PARTY: u32 = 1 << 9;
    /// The public internet.
    pub const INTERNET: u32 = 1 << 10;
    /// Payments in general (checkout, payment service).
    pub const PAYMENT: u32 = 1 << 11;
    /// A message queue or broker.
    pub const QUEUE: u32 = 1 << 12;
    /// Health data.
    pub const HEALTH: u32 = 1 << 13;
    /// Software on the user's side: a browser, a mobile or desktop client.
    pub const CLIENT: u32 = 1 << 14;
    /// Said to travel unprotected ("unsecured", "plaintext").
    pub const CLEARTEXT: u32 = 1 << 15;
    /// A transient copy (cache, temporary or recovery file): losing it loses nothing.
    pub const TRANSIENT: u32 = 1 << 16;
}

/// (pattern, cue bits, whole word only). Patterns are lower case.
const CUES: &[(&str, u32, bool)] = &[
    ("card", cue::CARD, false),
    ("cvv", cue::CARD, true),
    ("cvc", cue::CARD, true),
    ("pan", cue::CARD, true),
    ("iban", cue::CARD, true),
    ("amount", cue::AMOUNT, false),
    ("price", cue::AMOUNT, false),
    ("pricing", cue::AMOUNT, false),
    ("total", cue::AMOUNT, true),
    ("currency", cue::AMOUNT, false),
    ("quantity", cue::AMOUNT, false),
    ("discount", cue::AMOUNT, false),
    ("coupon", cue::AMOUNT, false),
    ("password", cue::CREDENTIALS, false),
    ("passwd", cue::CREDENTIALS, false),
    ("passphrase", cue::CREDENTIALS, false),
    ("credential", cue::CREDENTIALS, false),
    ("token", cue::CREDENTIALS, false),
    ("secret", cue::CREDENTIALS, false),
    ("api key", cue::CREDENTIALS, false),
    ("apikey", cue::CREDENTIALS, false),
    ("private key", cue::CREDENTIALS, false),
    ("ssh key", cue::CREDENTIALS, false),
    ("login", cue::CREDENTIALS, false),
    ("log in", cue::CREDENTIALS, false),
    ("logs in", cue::CREDENTIALS, false),
    ("logs into", cue::CREDENTIALS, false),
    ("sign in", cue::CREDENTIALS, false),
    ("signin", cue::CREDENTIALS, false),
    ("jwt", cue::CREDENTIALS, true),
    ("oauth", cue::CREDENTIALS, false),
    ("kerberos", cue::CREDENTIALS, false),
    ("session", cue::CREDENTIALS, false),
    ("auth", cue::CREDENTIALS, true),
    ("location", cue::PERSONAL, false),
    ("gps", cue::PERSONAL, true),
    ("geolocation", cue::PERSONAL, false),
    ("address", cue::PERSONAL, false),
    ("email", cue::PERSONAL, false),
    ("e-mail", cue::PERSONAL, false),
    ("phone number", cue::PERSONAL, false),
    ("date of birth", cue::PERSONAL, false),
    ("personal", cue::PERSONAL, false),
    ("pii", cue::PERSONAL, true),
    ("profile", cue::PERSONAL, false),
    ("health", cue::PERSONAL | cue::HEALTH, false),
    ("medical", cue::PERSONAL | cue::HEALTH, false),
    ("patient", cue::PERSONAL | cue::HEALTH, false),
    ("webhook", cue::WEBHOOK, false),
    ("callback", cue::WEBHOOK, false),
    ("anonymous", cue::ANONYMOUS, false),
    ("unauthenticated", cue::ANONYMOUS, false),
    ("guest", cue::ANONYMOUS, true),
    ("visitor", cue::ANONYMOUS, false),
    ("www", cue::ANONYMOUS | cue::INTERNET, true),
    ("admin", cue::ADMIN, false),
    ("moderation", cue::ADMIN, false),
    ("moderator", cue::ADMIN, false),
    ("back office", cue::ADMIN, false),
    ("back-office", cue::ADMIN, false),
    ("backoffice", cue::ADMIN, false),
    ("customer support", cue::ADMIN, false),
    ("operator", cue::ADMIN, false),
    ("management console", cue::ADMIN, false),
    ("database", cue::DATABASE, false),
    ("db", cue::DATABASE, true),
    ("sql", cue::DATABASE, false),
    ("postgres", cue::DATABASE, false),
    ("mongo", cue::DATABASE, false),
    ("dynamodb", cue::DATABASE, false),
    ("cassandra", cue::DATABASE, false),
    ("mariadb", cue::DATABASE, false),
    ("oracle", cue::DATABASE, true),
    ("api", cue::API, true),
    ("rest", cue::API, true),
    ("graphql", cue::API, false),
    ("gateway", cue::API, false),
    ("endpoint", cue::API, false),
    ("stripe", cue::THIRD_PARTY | cue::PAYMENT, false),
    ("paypal", cue::THIRD_PARTY | cue::PAYMENT, false),
    ("adyen", cue::THIRD_PARTY | cue::PAYMENT, false),
    ("braintree", cue::THIRD_PARTY | cue::PAYMENT, false),
    ("worldpay", cue::THIRD_PARTY | cue::PAYMENT, false),
    ("klarna", cue::THIRD_PARTY | cue::PAYMENT, false),
    ("twilio", cue::THIRD_PARTY, false),
    ("sendgrid", cue::THIRD_PARTY, false),
    ("mailgun", cue::THIRD_PARTY, false),
    ("mailchimp", cue::THIRD_PARTY, false),
    ("auth0", cue::THIRD_PARTY, false),
    ("okta", cue::THIRD_PARTY, false),
    ("salesforce", cue::THIRD_PARTY, false),
    ("zendesk", cue::THIRD_PARTY, false),
    ("cdn", cue::THIRD_PARTY, true),
    ("cloudflare", cue::THIRD_PARTY, false),
    ("akamai", cue::THIRD_PARTY, false),
    ("fastly", cue::THIRD_PARTY, false),
    ("cloudfront", cue::THIRD_PARTY, false),
    ("third party", cue::THIRD_PARTY, false),
    ("third-party", cue::THIRD_PARTY, false),
    ("3rd party", cue::THIRD_PARTY, false),
    ("internet", cue::INTERNET, false),
    ("public network", cue::INTERNET, false),
    ("dmz", cue::INTERNET, true),
    ("payment", cue::PAYMENT, false),
    ("checkout", cue::PAYMENT | cue::AMOUNT, false),
    ("billing", cue::PAYMENT, false),
    ("invoice", cue::PAYMENT, false),
    ("queue", cue::QUEUE, false),
    ("kafka", cue::QUEUE, false),
    ("rabbitmq", cue::QUEUE, false),
    ("broker", cue::QUEUE, false),
    ("sqs", cue::QUEUE, true),
    ("client", cue::CLIENT, false),
    ("browser", cue::CLIENT, false),
    ("user-agent", cue::CLIENT, false),
    ("user agent", cue::CLIENT, false),
    ("mobile", cue::CLIENT, false),
    ("phone", cue::CLIENT, true),
    ("smartphone", cue::CLIENT, false),
    ("desktop app", cue::CLIENT, false),
    ("single-page app", cue::CLIENT, false),
    ("spa", cue::CLIENT, true),
    ("unsecured", cue::CLEARTEXT, false),
    ("unencrypted", cue::CLEARTEXT, false),
    ("plaintext", cue::CLEARTEXT, false),
    ("plain text", cue::CLEARTEXT, false),
    ("cleartext", cue::CLEARTEXT, false),
    ("cache", cue::TRANSIENT, false),
    ("temporary", cue::TRANSIENT, false),
    ("temp", cue::TRANSIENT, true),
    ("tmp", cue::TRANSIENT, true),
    ("scratch", cue::TRANSIENT, false),
    ("autosave", cue::TRANSIENT, false),
    ("recovery file", cue::TRANSIENT, false),
    ("clear text", cue::CLEARTEXT, false),
];

/// The cue matcher, built once. The patterns are constants, so building cannot fail; if
/// it ever did, texts would simply give no cues.
fn matcher() -> Option<&'static AhoCorasick> {
    static M: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    M.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(CUES.iter().map(|c| c.0))
            .ok()
    })
    .as_ref()
}

/// The cues in `texts` (any number of texts, each searched on its own), as [`cue`] bits.
/// Whole-word patterns must not touch a letter on either side; the others may sit inside
/// a word ("ConfirmCardPayment", "Passwords").
pub fn cues<'a>(texts: impl IntoIterator<Item = &'a str>) -> u32 {
    let Some(m) = matcher() else {
        return 0;
    };
    let mut bits = 0;
    for text in texts {
        if text.is_empty() {
            continue;
        }
        let bytes = text.as_bytes();
        for hit in m.find_iter(text) {
            let (_, bit, whole) = CUES[hit.pattern().as_usize()];
            if whole {
                let before = hit.start().checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(hit.end()).copied();
                let letter = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
                if letter(before) || letter(after) {
                    continue;
                }
            }
            bits |= bit;
        }
    }
    bits
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
mod tests {
    use super::*;

    #[test]
    fn protocols_say_what_they_give() {
        let https = protocol("HTTPS").expect("known");
        assert!(https.encrypted && https.integrity && https.authenticates_destination);
        assert!(!https.authenticates_source && !https.cleartext);
        let http = protocol("HTTP").expect("known");
        assert!(http.cleartext && !http.encrypted);
        let raw = protocol("TCP 1234").expect("known");
        assert!(raw.raw && raw.cleartext);
        assert!(protocol("Bluetooth").expect("known").proximity);
        let ssh = protocol("SSH").expect("known");
        assert!(ssh.encrypted && ssh.remote_admin && ssh.authenticates_source);
        let sql_tls = protocol("SQL over TLS").expect("known");
        assert!(sql_tls.encrypted && sql_tls.database && !sql_tls.cleartext);
        let mysql = protocol("MySQL 3306").expect("known");
        assert!(mysql.database && mysql.cleartext);
        assert!(protocol("mTLS").expect("known").authenticates_source);
        assert!(protocol("HTTP over TLS").expect("known").encrypted);
        assert!(
            protocol("HTTP/S").expect("known").encrypted,
            "how people write HTTPS"
        );
        // Says nothing by itself.
        assert_eq!(protocol("HTTP/2"), None);
        assert_eq!(protocol("gRPC"), None);
        assert_eq!(protocol("Order request"), None);
        assert_eq!(protocol(""), None);
    }

    #[test]
    fn protocol_names_are_recognised_as_such() {
        for name in [
            "HTTPS",
            "HTTP",
            "HTTP/2",
            "TCP 1234",
            "SSH",
            "Bluetooth",
            "Kerberos",
        ] {
            assert!(is_protocol_name(name), "{name}");
        }
        for name in ["Order request", "HTTPS order API", "Launch", "", "R/O"] {
            assert!(!is_protocol_name(name), "{name}");
        }
    }

    #[test]
    fn cues_are_found_in_words_and_not_inside_unrelated_ones() {
        assert_ne!(cues(["(7) Customer provides card details"]) & cue::CARD, 0);
        assert_ne!(cues(["e.ConfirmCardPayment()"]) & cue::CARD, 0);
        assert_ne!(
            cues(["order intent including order amount"]) & cue::AMOUNT,
            0
        );
        assert_ne!(
            cues(["Customer logs into the merchant site"]) & cue::CREDENTIALS,
            0
        );
        assert_ne!(cues(["Anonymous WWW user-agent"]) & cue::ANONYMOUS, 0);
        assert_ne!(cues(["Stripe API service"]) & cue::THIRD_PARTY, 0);
        assert_ne!(cues(["Stats Database"]) & cue::DATABASE, 0);
        assert_ne!(cues(["Cars DB"]) & cue::DATABASE, 0);
        assert_ne!(cues(["API AR"]) & cue::API, 0);
        assert_ne!(cues(["Game client"]) & cue::CLIENT, 0);
        assert_ne!(cues(["CADZ mobile"]) & cue::CLIENT, 0);
        // Whole-word cues stay out of other words.
        assert_eq!(cues(["Company expansion plans"]) & cue::CARD, 0);
        assert_eq!(cues(["Rapid deployment"]) & cue::API, 0);
        assert_eq!(cues(["Dbase adapter", "feedback"]) & cue::DATABASE, 0);
        assert_eq!(cues(["Author list"]) & cue::CREDENTIALS, 0);
    }

    #[test]
    fn names_read_well() {
        assert_eq!(
            clean_name("  Merchant\nWeb   Server "),
            "Merchant Web Server"
        );
        assert!(is_plural("Game Servers"));
        assert!(is_plural("Players"));
        assert!(!is_plural("Shop API"));
        assert!(!is_plural("Business"));
        assert!(!is_plural("HTTPS"));
    }
}
