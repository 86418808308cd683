//! The flows' property table: every `flow.X` a rule condition can read, with its type and
//! getter (the elements' table is in the parent module).

use super::super::encryption::LikeSiblings;
use super::super::vocab::{self, cue, design, mark};
use super::super::{CLASSES, PAYLOADS, Ty, Value, class_index};
use super::FlowProp;
use crate::model::{DataClass, Payload};

macro_rules! flow_flag {
    ($name:literal, $field:ident) => {
        FlowProp {
            name: $name,
            ty: Ty::Bool,
            get: |flow, _| Value::Bool(flow.$field),
        }
    };
}

/// Every property of a flow a condition can use (`flow.X`). `flow.crosses.TYPE` is
/// handled by the compiler (see [`BOUNDARY_TYPES`]).
pub const FLOW_PROPS: &[FlowProp] = &[
    // A wire or a person, not a network ("dry contact", "door wiring", "air-gapped
    // laptop"): nothing on it can be sniffed from a network path.
    FlowProp {
        name: "wired",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.design & design::WIRED != 0),
    },
    // Someone answers an alert on it: acknowledges, resolves or stands it down ("ack
    // alert", "cancel escalation").
    FlowProp {
        name: "acknowledges_alert",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.design & design::ACKNOWLEDGES != 0),
    },
    // The browser is sent to a provider's own page on it ("redirect w/ order ref", "HPP").
    FlowProp {
        name: "hosted_page",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.design & design::HOSTED_PAGE != 0),
    },
    // Carries special-category data by its words ("prescriptions", "voice notes", "DBS
    // check", "pupil records").
    FlowProp {
        name: "special_data",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.design & design::SPECIAL_DATA != 0),
    },
    // Hands over a file by its words or protocol: SFTP, FTP, a batch or export file, a
    // spreadsheet ("invoice file (SFTP)", "weekly CSV").
    FlowProp {
        name: "file_handoff",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.design & (design::FILE_DROP | design::SPREADSHEET) != 0),
    },
    // Names no protocol, but another flow between the same process and the outside names
    // an encrypted one.
    FlowProp {
        name: "encrypted_like_siblings",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.encrypted_like_siblings != LikeSiblings::No),
    },
    // Goes through a URL the service signed ("upload (presigned PUT)", "SAS token").
    FlowProp {
        name: "signed_url",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.design & design::SIGNED_URL != 0),
    },
    // A code someone shows and a scanner reads ("scan QR", "badge scan"), and whether
    // its words say the codes are signed or used once.
    FlowProp {
        name: "scanned_code",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.design & design::SCANNED_CODE != 0),
    },
    FlowProp {
        name: "signed_code",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.design & design::SIGNED_CODE != 0),
    },
    // A spreadsheet file by its words ("orders.csv", "weekly export (xlsx)").
    FlowProp {
        name: "spreadsheet",
        ty: Ty::Bool,
        get: |_, ff| Value::Bool(ff.design & design::SPREADSHEET != 0),
    },
    FlowProp {
        name: "name",
        ty: Ty::Str,
        get: |flow, _| Value::Str(&flow.name),
    },
    FlowProp {
        name: "protocol",
        ty: Ty::Str,
        get: |flow, _| Value::Str(&flow.protocol),
    },
    FlowProp {
        name: "local",
        ty: Ty::Bool,
        get: |_, facts| Value::Bool(facts.local),
    },
    FlowProp {
        name: "response",
        ty: Ty::Bool,
        get: |_, facts| Value::Bool(facts.response),
    },
    FlowProp {
        name: "crosses_boundary",
        ty: Ty::Bool,
        get: |_, facts| Value::Bool(facts.crosses()),
    },
    FlowProp {
        name: "boundaries_crossed",
        ty: Ty::Num,
        get: |_, facts| Value::Num(facts.crossed.len() as f64),
    },
    flow_flag!("bidirectional", bidirectional),
    // What a payment provider says happened: "IPN", "auth result", "return url
    // (?status=Completed)", "payment webhook"; not a bank's ISO 20022 status report.
    FlowProp {
        name: "names_an_outcome",
        ty: Ty::Bool,
        get: |flow, _| {
            Value::Bool(
                crate::analysis::vocab::names_an_outcome(&flow.name)
                    || crate::analysis::vocab::names_an_outcome(&flow.description),
            )
        },
    },
    // The flags, or what the protocol gives when a flag is unset.
    FlowProp {
        name: "encrypted",
        ty: Ty::Bool,
        get: |flow, f| Value::Bool(flow.encrypted || f.proto(|p| p.encrypted)),
    },
    FlowProp {
        name: "integrity_protected",
        ty: Ty::Bool,
        get: |flow, f| Value::Bool(flow.integrity_protected || f.proto(|p| p.integrity)),
    },
    FlowProp {
        name: "authenticates_source",
        ty: Ty::Bool,
        get: |flow, f| {
            Value::Bool(
                flow.authenticates_source
                    || f.proto(|p| p.authenticates_source)
                    || f.marks & mark::SENDER_PROVEN != 0,
            )
        },
    },
    FlowProp {
        name: "authenticates_destination",
        ty: Ty::Bool,
        get: |flow, f| {
            Value::Bool(flow.authenticates_destination || f.proto(|p| p.authenticates_destination))
        },
    },
    flow_flag!("public_network", public_network),
    FlowProp {
        name: "from_internet",
        ty: Ty::Bool,
        get: |flow, f| Value::Bool(f.from_internet(flow)),
    },
    FlowProp {
        name: "cleartext_protocol",
        ty: Ty::Bool,
        get: |flow, f| {
            // Its words ("plaintext key (once)") say what it carries is readable, not that
            // the wire is: a protocol known to encrypt wins.
            let said = f.cues & cue::CLEARTEXT != 0 && !f.proto(|p| p.encrypted);
            Value::Bool(!flow.encrypted && (f.proto(|p| p.cleartext) || said))
        },
    },
    FlowProp {
        name: "raw_protocol",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.proto(|p| p.raw)),
    },
    FlowProp {
        name: "proximity",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.proto(|p| p.proximity)),
    },
    FlowProp {
        name: "remote_admin",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.proto(|p| p.remote_admin)),
    },
    FlowProp {
        name: "database_protocol",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.proto(|p| p.database)),
    },
    FlowProp {
        name: "carries_card_data",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::CARD != 0),
    },
    FlowProp {
        name: "carries_amount",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::AMOUNT != 0),
    },
    FlowProp {
        name: "carries_credentials",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::CREDENTIALS != 0),
    },
    FlowProp {
        name: "carries_personal_data",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::PERSONAL != 0),
    },
    FlowProp {
        name: "carries_updates",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::SOFTWARE_UPDATE != 0),
    },
    // The receiver updates itself with what arrives ("self-update", "auto-update").
    FlowProp {
        name: "self_update",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::INSTALLS != 0 && f.cues & cue::SOFTWARE_UPDATE != 0),
    },
    FlowProp {
        name: "creates_workloads",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::WORKLOADS != 0),
    },
    // Named as a read ("Get Image", "Read config", "Fetch results"): drawn toward the
    // store it reads from, it writes nothing.
    FlowProp {
        name: "named_as_read",
        ty: Ty::Bool,
        get: |flow, _| Value::Bool(named_as_read(flow)),
    },
    // Answers a reference lookup ("VRM lookup", "geocode", "forecast"): facts to fill in
    // or show, not an answer that decides, pays or is kept as a record.
    FlowProp {
        name: "lookup_answer",
        ty: Ty::Bool,
        get: |flow, _| Value::Bool(vocab::names_lookup_answer(&flow.name)),
    },
    // Asks for something rather than carrying it ("Request for image streaming", "Get
    // Image"): what it names travels the other way.
    FlowProp {
        name: "asks_for",
        ty: Ty::Bool,
        get: |flow, _| {
            // Compared in place: this is read on every evaluation of a rule that asks.
            let name = flow.name.trim_start();
            let starts = |p: &str| {
                name.get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p))
            };
            Value::Bool(
                [
                    "request for",
                    "requests for",
                    "request to get",
                    "ask for",
                    "asks for",
                ]
                .iter()
                .any(|p| starts(p))
                    || named_as_read(flow),
            )
        },
    },
    // Sign-in through a federation protocol ("OIDC", "SAML assertion", "OAuth"): no
    // directory query travels on it.
    FlowProp {
        name: "federation",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.marks & mark::FEDERATION != 0),
    },
    // A key or token in the URL ("?api_key=", "?token=", "token in the query string").
    FlowProp {
        name: "secret_in_url",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.marks & mark::SECRET_IN_URL != 0),
    },
    // E-mail coming in from outside (IMAP, POP3, SMTP to us, "inbound mail").
    FlowProp {
        name: "inbound_email",
        ty: Ty::Bool,
        get: |_, f| {
            Value::Bool(
                f.marks & mark::INBOUND_EMAIL != 0
                    || f.protocol
                        .is_some_and(|p| matches!(p.name, "IMAP" | "IMAPS" | "POP3" | "POP3S")),
            )
        },
    },
    FlowProp {
        name: "asks_authorization",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::ASKS_AUTHORIZATION != 0),
    },
    FlowProp {
        name: "webhook",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::WEBHOOK != 0),
    },
    FlowProp {
        name: "parsed",
        ty: Ty::Bool,
        get: |flow, f| {
            Value::Bool(
                f.cues & cue::PARSED != 0
                    || matches!(flow.payload, Payload::File | Payload::Binary),
            )
        },
    },
    FlowProp {
        name: "config",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::CONFIG != 0),
    },
    FlowProp {
        name: "described",
        ty: Ty::Bool,
        get: |flow, f| {
            Value::Bool(
                f.protocol.is_some()
                    || flow.encrypted
                    || flow.integrity_protected
                    || flow.authenticates_source
                    || flow.authenticates_destination
                    || flow.classification != DataClass::Unspecified
                    || flow.payload != Payload::Unspecified,
            )
        },
    },
    FlowProp {
        name: "authentication_known",
        ty: Ty::Bool,
        get: |flow, f| {
            Value::Bool(
                f.protocol.is_some() || flow.authenticates_source || flow.authenticates_destination,
            )
        },
    },
    FlowProp {
        name: "sensitive",
        ty: Ty::Bool,
        get: |flow, f| {
            Value::Bool(
                flow.classification >= DataClass::Confidential
                    || f.cues & (cue::CARD | cue::CREDENTIALS | cue::PERSONAL) != 0,
            )
        },
    },
    // Says by its own words that what it carries is worth reading off a screen: a code or
    // PIN, a one-time code or sign-in link, health or other special-category data, a place
    // or an amount ("collection code by SMS", "period due in 2 days", "new PIN").
    FlowProp {
        name: "message_discloses",
        ty: Ty::Bool,
        get: |flow, f| {
            Value::Bool(
                flow.classification >= DataClass::Confidential
                    || f.design
                        & (design::SHORT_CODE
                            | design::PASSWORDLESS
                            | design::SPECIAL_DATA
                            | design::LOCATION)
                        != 0
                    || f.cues & (cue::CARD | cue::CREDENTIALS | cue::AMOUNT | cue::HEALTH) != 0
                    // "gate code SMS", "laundry ready + code": on a message, a code opens
                    // something.
                    || vocab::names_a_code(&flow.name)
                    || vocab::names_a_code(&flow.description),
            )
        },
    },
    // A call the provider connects ("TwiML <Dial>", "voice call", "IVR"), not a message.
    FlowProp {
        name: "voice_call",
        ty: Ty::Bool,
        get: |flow, _| Value::Bool(vocab::names_voice_call(&flow.name)),
    },
    FlowProp {
        name: "contains_cookies",
        ty: Ty::Bool,
        get: |flow, f| Value::Bool(flow.contains_cookies || f.cues & cue::COOKIE != 0),
    },
    flow_flag!("csrf_protected", csrf_protected),
    flow_flag!("out_of_scope", out_of_scope),
    FlowProp {
        name: "classification",
        ty: Ty::Enum(CLASSES),
        get: |flow, _| Value::Enum(class_index(flow.classification)),
    },
    FlowProp {
        name: "payload",
        ty: Ty::Enum(PAYLOADS),
        get: |flow, f| {
            Value::Enum(match flow.payload {
                // Unsaid: what its words and its sender's name tell (XML from an
                // OpenSearch service, serialised objects on JMX).
                Payload::Unspecified if f.format_cues & cue::XML != 0 => 2,
                Payload::Unspecified if f.format_cues & cue::SERIALIZED != 0 => 5,
                Payload::Unspecified => 0,
                Payload::Json => 1,
                Payload::Xml => 2,
                Payload::Html => 3,
                Payload::Form => 4,
                Payload::Binary => 5,
                Payload::File => 6,
                Payload::Sql => 7,
                Payload::Text => 8,
            })
        },
    },
];

pub fn flow_prop(name: &str) -> Option<&'static FlowProp> {
    FLOW_PROPS.iter().find(|p| p.name == name)
}

/// Whether a flow's name begins with a verb of reading ("Get Image", "[15] Fetch results";
/// numbers before it are skipped).
pub fn named_as_read(flow: &crate::model::Flow) -> bool {
    const READS: &[&str] = &[
        "get",
        "gets",
        "read",
        "reads",
        "fetch",
        "fetches",
        "pull",
        "pulls",
        "download",
        "downloads",
        "query",
        "queries",
        "list",
        "lookup",
        "retrieve",
        "retrieves",
        "load",
        "loads",
        "poll",
        "watch",
        "clone",
    ];
    // A read named as a noun after what it reads ("image pull", "price lookup"), or a page
    // pointing at what it shows ("img src").
    const READ_NOUNS: &[&str] = &[
        "pull", "download", "fetch", "lookup", "query", "poll", "src",
    ];
    let mut words = flow
        .name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()));
    // The first word, past a tool's name ("git clone", "git pull").
    let first = words
        .find(|w| !w.eq_ignore_ascii_case("git"))
        .unwrap_or_default();
    READS.iter().any(|w| w.eq_ignore_ascii_case(first))
        || words
            .next_back()
            .is_some_and(|last| READ_NOUNS.iter().any(|w| w.eq_ignore_ascii_case(last)))
}
