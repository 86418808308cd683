//! The protocol vocabulary: what each protocol a model names gives a flow (HTTPS gives
//! encryption, integrity and server authentication; Telnet gives none), read from a flow's
//! protocol or name ("http/https" counts as the weaker).

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
    /// Remote administration (SSH, RDP, VNC, Telnet, WinRM, JMX): whoever holds its keys
    /// holds the host.
    pub remote_admin: bool,
    /// A database wire protocol (MySQL, PostgreSQL, JDBC, MongoDB, Redis …).
    pub database: bool,
}

impl Protocol {
    /// This protocol carried over TLS ("MQTT" in the field, "MQTT over TLS" in the name):
    /// what TLS gives added to what it gives.
    pub fn over_tls(self) -> Protocol {
        protocol_word("tls").map_or(self, |tls| merge(self, *tls))
    }

    /// A tunnel that carries other protocols inside it encrypted (WireGuard, IPsec,
    /// OpenVPN, a VPN): named in a flow's description or name, it says how the flow travels
    /// whatever its protocol field says ("MQTT", "over wireguard to the space", "OpenVPN"
    /// over "UDP 1194").
    pub fn tunnel(&self) -> bool {
        matches!(self.name, "WireGuard" | "IPsec" | "OpenVPN" | "VPN")
    }

    /// Whether it travels over a network (HTTPS, SSH, TCP …), not over a wire to hardware
    /// (Wiegand, a serial line, a CAN bus) or a short-range radio (NFC, Bluetooth).
    pub fn networked(&self) -> bool {
        !self.proximity
            && !matches!(
                self.name,
                "Wiegand" | "CAN bus" | "serial line" | "RS-232" | "RS-485" | "MAVLink"
            )
    }
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

/// A WebSocket a page served over HTTPS opens: browsers allow only secure ones (wss) there.
pub const WEBSOCKET_FROM_HTTPS_PAGE: Protocol = secure("WSS (opened by a page served over HTTPS)");

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
    // EDI over AS2 or AS4: each message S/MIME-signed and encrypted, with signed receipts.
    (
        "as2",
        Protocol {
            authenticates_source: true,
            ..secure("AS2")
        },
    ),
    (
        "as4",
        Protocol {
            authenticates_source: true,
            ..secure("AS4")
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
    // OpenVPN: TLS-authenticated, each packet sealed, whatever transport it names ("OpenVPN
    // UDP 1194").
    (
        "openvpn",
        Protocol {
            authenticates_source: true,
            ..secure("OpenVPN")
        },
    ),
    ("vpn", secure("VPN")),
    // Mobile push services: the platform's TLS connection to the device.
    ("fcm", secure("FCM push")),
    ("apns", secure("APNs push")),
    ("firebase cloud messaging", secure("FCM push")),
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
        "teamviewer",
        Protocol {
            remote_admin: true,
            ..secure("TeamViewer")
        },
    ),
    (
        "anydesk",
        Protocol {
            remote_admin: true,
            ..secure("AnyDesk")
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
        // Java Management Extensions: MBean operations change configuration and install
        // code; encrypted only when configured so.
        "jmx",
        Protocol {
            cleartext: false,
            remote_admin: true,
            ..clear("JMX")
        },
    ),
    (
        "telnet",
        Protocol {
            remote_admin: true,
            ..clear("Telnet")
        },
    ),
    // Clients that only speak TLS to their server.
    ("kubectl", secure("HTTPS (kubectl)")),
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
    // Field, lab and vehicle links that carry no authentication of their own: whoever
    // reaches the wire or the radio sends commands and results as any device.
    ("dnp3", clear("DNP3")),
    ("bacnet", clear("BACnet")),
    ("profinet", clear("PROFINET")),
    ("mllp", clear("HL7 over MLLP")),
    ("hl7", clear("HL7 v2")),
    ("astm", clear("ASTM (lab instruments)")),
    ("dicom", clear("DICOM")),
    ("ntrip", clear("NTRIP")),
    ("rtcm", clear("RTCM corrections")),
    ("sip", clear("SIP")),
    ("rtp", clear("RTP")),
    (
        "mavlink",
        Protocol {
            raw: true,
            ..clear("MAVLink")
        },
    ),
    (
        "wiegand",
        Protocol {
            raw: true,
            ..clear("Wiegand")
        },
    ),
    (
        "canbus",
        Protocol {
            raw: true,
            ..clear("CAN bus")
        },
    ),
    (
        "serial",
        Protocol {
            raw: true,
            ..clear("serial line")
        },
    ),
    (
        "rs232",
        Protocol {
            raw: true,
            ..clear("RS-232")
        },
    ),
    (
        "rs485",
        Protocol {
            raw: true,
            ..clear("RS-485")
        },
    ),
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
        "mifare",
        Protocol {
            proximity: true,
            ..clear("MIFARE")
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
    // LoRaWAN encrypts each device's payload (AppSKey) and signs its frames with a key
    // per device (MIC): what a gateway forwards is sealed end to end, the forwarder's own
    // UDP (Semtech) included.
    (
        "lorawan",
        Protocol {
            encrypted: true,
            integrity: true,
            authenticates_source: true,
            cleartext: false,
            ..clear("LoRaWAN")
        },
    ),
    (
        "semtech",
        Protocol {
            encrypted: true,
            integrity: true,
            cleartext: false,
            ..clear("Semtech UDP (LoRaWAN frames)")
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

/// Whether a flow's name says it is a remote-control session on a machine ("remote
/// desktop", "Vendor remote support", "remote session").
pub fn names_remote_session(name: &str) -> bool {
    [
        "remote desktop",
        "remote session",
        "remote support",
        "remote control",
    ]
    .iter()
    .any(|p| super::names::contains_ci(name, p))
}

/// Words that, next to a protocol, say the link is wrapped in TLS ("SQL over TLS").
const TLS_WORDS: &[&str] = &["tls", "ssl", "https", "mtls", "encrypted"];

/// Reads a protocol text ("HTTPS", "TCP 1234", "SQL over TLS", "HTTP/2") into what it
/// gives. `None` when no word of it is a protocol we know (HTTP/2 and gRPC run with or
/// without TLS, so they say nothing by themselves).
pub fn protocol(text: &str) -> Option<Protocol> {
    // "HTTP / HTTPS" is written "http/https" for what follows.
    let lower = text.to_ascii_lowercase().replace(" / ", "/");
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found: Option<Protocol> = None;
    // Alternatives ("http/https", "ws or wss") give only what the weaker one gives.
    let mut weaker: Option<Protocol> = None;
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_end_matches('/');
        let p = match protocol_word(w) {
            Some(p) => Some(*p),
            None if is_alternatives(w) => w
                .split('/')
                .filter_map(protocol_word)
                .copied()
                .reduce(weakest),
            // "MQTT/TLS": each part adds what it gives, TLS its encryption.
            None if w.split('/').any(|p| TLS_LAYER.contains(&p)) => w
                .split('/')
                .filter_map(protocol_word)
                .copied()
                .reduce(merge),
            None => None,
        };
        if let Some(p) = p {
            if i >= 2 && words[i - 1] == "or" {
                weaker = Some(weaker.map_or(p, |prev| weakest(prev, p)));
                continue;
            }
            found = Some(match found {
                // The most specific word wins: a secure word beats a cleartext one
                // ("HTTP over TLS"), and traits add up ("SSH tunnel over TCP").
                Some(prev) => merge(prev, p),
                None => p,
            });
        }
    }
    let alternatives = weaker.is_some() || words.iter().any(|w| is_alternatives(w));
    if let Some(w) = weaker {
        found = found.map(|f| weakest(f, w));
    }
    let mut p = found?;
    if !alternatives && words.iter().any(|w| TLS_WORDS.contains(w)) && !p.encrypted {
        p.encrypted = true;
        p.integrity = true;
        p.authenticates_destination = true;
        p.cleartext = false;
    }
    Some(p)
}

/// Either of two protocols, when the model does not say which: what both give.
fn weakest(a: Protocol, b: Protocol) -> Protocol {
    let encrypted = a.encrypted && b.encrypted;
    Protocol {
        name: if a.encrypted && !b.encrypted {
            b.name
        } else {
            a.name
        },
        encrypted,
        integrity: a.integrity && b.integrity,
        authenticates_destination: a.authenticates_destination && b.authenticates_destination,
        authenticates_source: a.authenticates_source && b.authenticates_source,
        cleartext: a.cleartext || b.cleartext,
        raw: a.raw || b.raw,
        proximity: a.proximity || b.proximity,
        remote_admin: a.remote_admin || b.remote_admin,
        database: a.database || b.database,
    }
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
        // (A tunnel over UDP is no raw protocol of the team's.)
        raw: (a.raw || b.raw) && !a.tunnel() && !b.tunnel(),
        proximity: a.proximity || b.proximity,
        remote_admin: a.remote_admin || b.remote_admin,
        database: a.database || b.database,
    }
}

/// "http/https", "ws/wss": protocols written as alternatives (not "http/s", one name).
fn is_alternatives(word: &str) -> bool {
    protocol_word(word).is_none()
        && word.contains('/')
        && word
            .split('/')
            .filter(|p| !p.is_empty())
            .all(|p| protocol_word(p).is_some())
        // "MQTT/TLS", "HTTP/TLS": a protocol over TLS, not one or the other.
        && !word.split('/').any(|p| TLS_LAYER.contains(&p))
}

/// Words for the TLS layer itself: "X/TLS" is X carried over it.
const TLS_LAYER: &[&str] = &["tls", "ssl", "dtls", "mtls"];

/// Whether a name (a flow's label) names the TLS layer as a word of its own ("MQTT over
/// TLS", "events (mTLS)"): what the flow's protocol field names runs inside it. "HTTPS"
/// alone says nothing of a field that names another protocol, and "no TLS", "without
/// TLS", "TLS off" say the opposite.
pub fn names_tls_layer(name: &str) -> bool {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is = |w: &str, set: &[&str]| set.iter().any(|t| w.eq_ignore_ascii_case(t));
    words.iter().enumerate().any(|(i, w)| {
        is(w, TLS_LAYER)
            && !(i > 0 && is(words[i - 1], &["no", "not", "non", "without"]))
            && !words
                .get(i + 1)
                .is_some_and(|n| is(n, &["off", "disabled", "optional"]))
    })
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
                || is_alternatives(lower)
        })
}
