//! What a rule condition can ask about an element or a flow: the properties from the
//! model plus context derived from the diagram (boundary crossings, who reaches whom).
//!
//! Each property has a name, a type and a getter. Conditions are compiled against this
//! table once, so evaluating one is a handful of direct calls, with no string lookups.

use super::vocab::{self, cue};
use crate::model::{
    BoundaryType, CodeType, DataClass, Element, ElementKind, ElementProps, Flow, Isolation,
    Payload, RunsAs, StoreType,
};

/// A value a property yields.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    Bool(bool),
    Num(f64),
    Str(&'a str),
    /// Index into the property's enum variant list.
    Enum(u8),
}

/// The variant names of an enumerated property, in order (comparisons use this order).
pub type Variants = &'static [&'static str];

/// A property's type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ty {
    Bool,
    Num,
    Str,
    Enum(Variants),
}

impl Ty {
    pub fn describe(self) -> String {
        match self {
            Ty::Bool => "true/false".into(),
            Ty::Num => "a number".into(),
            Ty::Str => "text".into(),
            Ty::Enum(v) => format!("one of {}", v.join(", ")),
        }
    }
}

pub const KINDS: Variants = &["process", "data_store", "external_entity"];
pub const CLASSES: Variants = &[
    "unspecified",
    "public",
    "internal",
    "confidential",
    "secret",
];
pub const CODE_TYPES: Variants = &["unspecified", "managed", "unmanaged"];
pub const RUNS_AS: Variants = &[
    "unspecified",
    "standard_user",
    "service_account",
    "administrator",
    "system",
    "kernel",
    "other",
];
pub const ISOLATIONS: Variants = &[
    "unspecified",
    "none",
    "sandbox",
    "container",
    "virtual_machine",
];
pub const STORE_TYPES: Variants = &[
    "unspecified",
    "sql",
    "no_sql",
    "key_value",
    "object_storage",
    "file_system",
    "cache",
    "queue",
    "cookie",
    "registry",
];
pub const ACTORS: Variants = &["unspecified", "human", "system"];
pub const PAYLOADS: Variants = &[
    "unspecified",
    "json",
    "xml",
    "html",
    "form",
    "binary",
    "file",
    "sql",
    "text",
];
/// Boundary types, in the order of [`BoundaryType`]; `flow.crosses.<type>` uses them.
pub const BOUNDARY_TYPES: &[&str] = &[
    "generic",
    "internet",
    "network",
    "machine",
    "sandbox",
    "kernel",
    "organization",
];

pub fn kind_index(kind: ElementKind) -> u8 {
    match kind {
        ElementKind::Process => 0,
        ElementKind::DataStore => 1,
        ElementKind::ExternalEntity => 2,
    }
}

pub fn class_index(c: DataClass) -> u8 {
    match c {
        DataClass::Unspecified => 0,
        DataClass::Public => 1,
        DataClass::Internal => 2,
        DataClass::Confidential => 3,
        DataClass::Secret => 4,
    }
}

pub fn boundary_type_bit(t: BoundaryType) -> u8 {
    1 << match t {
        BoundaryType::Generic => 0,
        BoundaryType::Internet => 1,
        BoundaryType::Network => 2,
        BoundaryType::Machine => 3,
        BoundaryType::Sandbox => 4,
        BoundaryType::Kernel => 5,
        BoundaryType::Organization => 6,
    }
}

/// An element with the context the diagram gives it.
#[derive(Debug)]
pub struct ElementFacts<'a> {
    pub element: &'a Element,
    /// Flows into it (a bidirectional flow counts both ways).
    pub inputs: u32,
    pub outputs: u32,
    /// Some flow into it crosses a trust boundary.
    pub reached_across_boundary: bool,
    /// Some flow into it crosses an internet boundary or runs over a public network.
    pub reached_from_internet: bool,
    /// Some flow connects it with an identity provider.
    pub talks_to_identity_provider: bool,
    /// [`vocab::cue`] bits from its name, description and technology.
    pub cues: u64,
    /// Run by another organisation: marked so, named after a known provider, or inside a
    /// boundary marked third-party.
    pub third_party: bool,
    /// A flow to or from it speaks a database protocol or is named so ("mySQL connection").
    pub database_flows: bool,
    /// Callers on the internet send it requests (not just data it reads from a store):
    /// it can be flooded from there.
    pub internet_callers: bool,
    /// [`Self::described`], computed once.
    pub is_described: bool,
    /// [`caller`] bits: who calls it from outside the system (external entities, elements
    /// out of scope, client software), boundary drawn or not. Non-zero makes it an entry
    /// point.
    pub callers: u16,
    /// [`caller`] bits of the entry points' callers, when it is one hop behind an entry
    /// point (a store or service an exposed process uses).
    pub behind: u16,
    /// Element indices: its outside callers when it is an entry point, else the entry
    /// points that use it. For naming the actors in findings.
    pub via: Vec<u32>,
    /// Some flow into it or out of it carries session cookies (said so or named so).
    pub cookie_sessions: bool,
    /// A flow from something other than a data store comes into it.
    pub called: bool,
    /// [`vocab::cue::DATA`] bits: the kinds of data its words and its flows name.
    pub data: u64,
    /// [`vocab::cue`] bits of its name and technology only: what it is, not what its
    /// description mentions ("an audit log of sign-ins" is no credential store).
    pub name_cues: u64,
    /// How many different roles of people call it (by name, "User 1" and "User 2" being
    /// one role): two or more share its functions.
    pub roles: u8,
    /// A flow links it with a data store (or a database drawn as a process): what callers
    /// ask it for is kept somewhere.
    pub uses_store: bool,
}

/// Who calls an entry point, as bits (see [`ElementFacts::callers`]).
pub mod caller {
    /// Anyone on the internet.
    pub const ANONYMOUS: u16 = 1 << 0;
    /// A person with an account (a customer, a user, an employee).
    pub const PERSON: u16 = 1 << 1;
    /// An administrator or operator.
    pub const ADMIN: u16 = 1 << 2;
    /// Another organisation's system.
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

    /// People: they sign in with passwords that can be stuffed or guessed.
    pub const PEOPLE: u16 = ANONYMOUS | PERSON | ADMIN | BROWSER;
    /// Callers that must prove who they are.
    pub const IDENTIFIED: u16 = PERSON | ADMIN | PARTNER | DEVICE | SYSTEM | BROWSER;

    /// Words for one kind.
    pub fn label(bits: u16) -> &'static str {
        if bits & IDP != 0 {
            "identity provider"
        } else if bits & ADMIN != 0 {
            "administrator"
        } else if bits & ANONYMOUS != 0 {
            "anonymous internet user"
        } else if bits & DEVICE != 0 {
            "device"
        } else if bits & THIRD_PARTY != 0 {
            "third-party service"
        } else if bits & PARTNER != 0 {
            "partner system"
        } else if bits & BROWSER != 0 {
            "user's browser"
        } else if bits & PERSON != 0 {
            "signed-in user"
        } else {
            "external system"
        }
    }
}

impl ElementFacts<'_> {
    /// Its role as a caller from outside: which [`caller`] kind it is.
    pub fn caller_kind(&self) -> u16 {
        let c = self.cues;
        let mut bits = 0;
        if self.stand_in() {
            return caller::SYSTEM;
        }
        if self.identity_role() && self.element.kind() == ElementKind::ExternalEntity {
            return caller::IDP;
        }
        if c & cue::ADMIN != 0 {
            bits |= caller::ADMIN;
        }
        if self.anonymous() {
            bits |= caller::ANONYMOUS;
        }
        if c & cue::DEVICE != 0 {
            bits |= caller::DEVICE;
        }
        if c & cue::BROWSER != 0 {
            bits |= caller::BROWSER;
        }
        if bits != 0 {
            return bits;
        }
        let actor = match &self.element.props {
            ElementProps::ExternalEntity(p) => p.actor,
            _ => crate::model::Actor::Unspecified,
        };
        // What it is by its name first: "Users" are people, "Users service" is software.
        let n = self.name_cues;
        let software = cue::API
            | cue::DATABASE
            | cue::SQL
            | cue::NOSQL
            | cue::DIRECTORY
            | cue::CACHE
            | cue::OBJECT_STORAGE
            | cue::SECRETS
            | cue::QUEUE
            | cue::LOGS
            | cue::CICD
            | cue::SYSTEM;
        if actor == crate::model::Actor::Human
            || (n & cue::HUMAN != 0 && n & software == 0 && actor != crate::model::Actor::System)
        {
            return if c & cue::PARTNER != 0 {
                caller::PARTNER
            } else {
                caller::PERSON
            };
        }
        if self.third_party || c & cue::THIRD_PARTY != 0 {
            caller::THIRD_PARTY
        } else if c & cue::PARTNER != 0 {
            caller::PARTNER
        } else if actor == crate::model::Actor::System
            || (self.element.kind() != ElementKind::ExternalEntity && c & cue::CLIENT == 0)
            || n & software != 0
        {
            caller::SYSTEM
        } else {
            caller::PERSON
        }
    }

    /// An identity provider or a login service: marked so, or its words say so.
    pub fn identity_role(&self) -> bool {
        matches!(&self.element.props, ElementProps::ExternalEntity(p) if p.identity_provider)
            // What it is, by its name and technology: a description's "auth type NONE" or
            // "calls the login service" makes nothing an identity provider.
            || (self.name_cues & cue::IDENTITY != 0 && !self.stand_in() && !self.named_as_secret())
    }

    /// Its name's last word says it is credentials or keys, a thing held, not a party
    /// ("Update authentication credentials", "Signing keys"): no identity provider.
    fn named_as_secret(&self) -> bool {
        let last = self
            .element
            .name
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or_default()
            .to_lowercase();
        matches!(
            last.as_str(),
            "credential"
                | "credentials"
                | "key"
                | "keys"
                | "token"
                | "tokens"
                | "secret"
                | "secrets"
                | "password"
                | "passwords"
                | "certificate"
                | "certificates"
        )
    }

    /// A stand-in an importer put at a flow's loose end: not a real actor.
    pub fn stand_in(&self) -> bool {
        self.element.is_loose_end_stand_in()
    }

    /// Where it sits for callers from outside: an entry point or one hop behind one.
    pub fn exposed(&self) -> bool {
        (self.callers != 0 && !self.outside()) || self.behind != 0 || self.reached_across_boundary
    }

    /// Software on the outside of the system that calls in: an external entity, an
    /// element out of scope, client software.
    pub fn outside(&self) -> bool {
        self.element.kind() == ElementKind::ExternalEntity
            || self.element.out_of_scope
            || self.client()
            || (self.third_party && self.element.kind() == ElementKind::Process)
    }

    /// An anonymous actor: marked so, or named so ("Anonymous WWW user-agent").
    pub fn anonymous(&self) -> bool {
        Self::is_anonymous(self.element, self.cues)
    }

    /// [`Self::anonymous`] for an element whose words gave `cues`.
    pub fn is_anonymous(element: &Element, cues: u64) -> bool {
        match &element.props {
            ElementProps::ExternalEntity(p) => p.anonymous || cues & cue::ANONYMOUS != 0,
            _ => false,
        }
    }

    /// Handles payments: marked so, or its words say so.
    pub fn payment(&self) -> bool {
        match &self.element.props {
            ElementProps::Process(p) => {
                p.handles_card_payment || self.cues & (cue::CARD | cue::PAYMENT) != 0
            }
            // A payment provider, gateway or processor.
            ElementProps::ExternalEntity(_) => self.name_cues & (cue::CARD | cue::PAYMENT) != 0,
            _ => false,
        }
    }

    /// The model says something about it beyond its kind: a property set or a technology
    /// named. Rules about a missing control wait for this; until then the checklist asks.
    /// (Computed once into [`Self::is_described`].)
    pub fn described(&self) -> bool {
        let e = self.element;
        !e.technology.trim().is_empty()
            || match &e.props {
                ElementProps::Process(p) => {
                    *p != crate::model::ProcessProps {
                        third_party: p.third_party,
                        ..Default::default()
                    }
                }
                ElementProps::DataStore(p) => {
                    *p != crate::model::DataStoreProps {
                        third_party: p.third_party,
                        ..Default::default()
                    }
                }
                ElementProps::ExternalEntity(p) => {
                    *p != crate::model::ExternalEntityProps {
                        third_party: p.third_party,
                        anonymous: p.anonymous,
                        ..Default::default()
                    }
                }
            }
    }

    /// Client software on the user's side (a browser, a mobile or desktop app): it is
    /// not a server to flood or to validate input for.
    pub fn client(&self) -> bool {
        matches!(self.element.props, ElementProps::Process(_)) && self.cues & cue::CLIENT != 0
    }

    /// A database (SQL, NoSQL, key-value), by type or by name.
    pub fn database(&self) -> bool {
        match &self.element.props {
            ElementProps::DataStore(p) => {
                (matches!(
                    p.store_type,
                    StoreType::Sql | StoreType::NoSql | StoreType::KeyValue
                ) && !self.named_otherwise())
                    || (p.store_type == StoreType::Unspecified
                        && (self.cues & (cue::DATABASE | cue::SQL | cue::NOSQL) != 0
                            || self.database_flows))
            }
            ElementProps::Process(_) => self.db_engine(),
            _ => false,
        }
    }

    /// A store drawn with a database shape (the Threat Modeling Tool's "SQL Database"
    /// stencil is its generic store) whose name says it is something else: "Cookies",
    /// "HTML Local storage", "Cloud storage", "Logs". The name wins.
    pub fn named_otherwise(&self) -> bool {
        let other =
            cue::OBJECT_STORAGE | cue::CACHE | cue::COOKIE | cue::QUEUE | cue::LOGS | cue::CLIENT;
        let database = cue::DATABASE | cue::SQL | cue::NOSQL;
        // The name alone: the technology is often the stencil's name again.
        let name = vocab::cues([self.element.name.as_str()]);
        name & other != 0 && name & database == 0
    }

    /// A tool its user runs on their own machine (a CLI): its user is not a signed-in
    /// caller of a service, and what it calls is called with that user's own credentials.
    pub fn local_tool(&self) -> bool {
        matches!(self.element.props, ElementProps::Process(_))
            && self.name_cues & cue::LOCAL_TOOL != 0
    }

    /// A database drawn as a process ("Database", "MySQL", "Users DB"): its name says
    /// database and nothing that makes it application code (an API, a service, a client).
    /// It is queried, not called: it gets the injection its callers can do, not the threats
    /// of a service people sign in to.
    pub fn db_engine(&self) -> bool {
        matches!(self.element.props, ElementProps::Process(_))
            && self.name_cues & (cue::DATABASE | cue::SQL | cue::NOSQL) != 0
            && self.name_cues & (cue::API | cue::SYSTEM | cue::CLIENT | cue::ADMIN | cue::IDENTITY)
                == 0
    }
}

/// A flow with the boundaries it crosses and what its words say.
#[derive(Debug, Default, Clone)]
pub struct FlowFacts {
    /// Indices (into the diagram's boundaries) of the boundaries crossed, in diagram order.
    pub crossed: Vec<usize>,
    /// One bit per [`BoundaryType`] crossed (a boundary named "Internet" or "DMZ" counts
    /// as an internet boundary).
    pub crossed_types: u8,
    /// Its protocol, read from `protocol`, or from its name when the name is a protocol.
    pub protocol: Option<vocab::Protocol>,
    /// [`vocab::cue`] bits from its name, description and protocol.
    pub cues: u64,
    /// One end is an anonymous actor.
    pub from_anonymous: bool,
    /// Its name is nothing but a protocol ("HTTPS", "TCP 1234").
    pub named_as_protocol: bool,
    /// An answer going back along a request ("Payment Response", "Returns sales data"):
    /// its sender answers, it does not call. Set by the engine.
    pub response: bool,
    /// A person and a process drawn in the same trust boundary: used in person (typed,
    /// shown, worn), not sent over a network. Set by the engine.
    pub local: bool,
}

impl FlowFacts {
    pub fn crosses(&self) -> bool {
        !self.crossed.is_empty()
    }

    /// Crosses an internet boundary, runs over a public network, or comes from an
    /// anonymous actor (anyone on the internet). Set by the engine.
    pub fn from_internet(&self, flow: &Flow) -> bool {
        self.crossed_types & boundary_type_bit(BoundaryType::Internet) != 0
            || flow.public_network
            || self.from_anonymous
    }

    /// The words of a flow: protocol and cues. The boundaries are filled in by the engine.
    pub fn words(flow: &Flow) -> Self {
        Self::words_with(flow, &mut vocab::ProtocolMemo::default())
    }

    /// [`Self::words`], reading each distinct protocol text once per `memo`.
    pub fn words_with<'t>(flow: &'t Flow, memo: &mut vocab::ProtocolMemo<'t>) -> Self {
        let named_as_protocol = flow.name.len() <= 40 && vocab::is_protocol_name(&flow.name);
        // With no protocol given, the name tells: all of it when it is a protocol ("HTTP"),
        // or a secure protocol it names ("HTTPS Requests", "LDAPS - Response").
        let protocol = memo.get(&flow.protocol).or_else(|| {
            if !flow.protocol.trim().is_empty() {
                None
            } else if named_as_protocol {
                memo.get(&flow.name)
            } else {
                memo.get(&flow.name).filter(|p| p.encrypted)
            }
        });
        Self {
            crossed: Vec::new(),
            crossed_types: 0,
            protocol,
            from_anonymous: false,
            named_as_protocol,
            response: false,
            local: false,
            cues: vocab::cues([
                flow.name.as_str(),
                flow.description.as_str(),
                flow.protocol.as_str(),
            ]),
        }
    }

    fn proto(&self, f: impl Fn(&vocab::Protocol) -> bool) -> bool {
        self.protocol.as_ref().is_some_and(f)
    }
}

pub type ElementGetter = for<'a> fn(&ElementFacts<'a>) -> Value<'a>;
pub type FlowGetter = for<'a> fn(&'a Flow, &FlowFacts) -> Value<'a>;

pub struct ElementProp {
    pub name: &'static str,
    pub ty: Ty,
    pub get: ElementGetter,
}

pub struct FlowProp {
    pub name: &'static str,
    pub ty: Ty,
    pub get: FlowGetter,
}

fn process<'a>(f: &ElementFacts<'a>) -> Option<&'a crate::model::ProcessProps> {
    match &f.element.props {
        ElementProps::Process(p) => Some(p),
        _ => None,
    }
}

fn store<'a>(f: &ElementFacts<'a>) -> Option<&'a crate::model::DataStoreProps> {
    match &f.element.props {
        ElementProps::DataStore(p) => Some(p),
        _ => None,
    }
}

fn entity<'a>(f: &ElementFacts<'a>) -> Option<&'a crate::model::ExternalEntityProps> {
    match &f.element.props {
        ElementProps::ExternalEntity(p) => Some(p),
        _ => None,
    }
}

macro_rules! flag {
    ($name:literal, $kind:ident . $field:ident) => {
        ElementProp {
            name: $name,
            ty: Ty::Bool,
            get: |f| Value::Bool($kind(f).is_some_and(|p| p.$field)),
        }
    };
}

/// Every property of an element a condition can use (`element.X`, `source.X`, `target.X`).
/// A property of another kind reads as false / unspecified, so `source.stores_logs` is
/// simply false when the source is a process.
pub const ELEMENT_PROPS: &[ElementProp] = &[
    ElementProp {
        name: "kind",
        ty: Ty::Enum(KINDS),
        get: |f| Value::Enum(kind_index(f.element.kind())),
    },
    ElementProp {
        name: "name",
        ty: Ty::Str,
        get: |f| Value::Str(&f.element.name),
    },
    ElementProp {
        name: "technology",
        ty: Ty::Str,
        get: |f| Value::Str(&f.element.technology),
    },
    ElementProp {
        name: "out_of_scope",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.element.out_of_scope),
    },
    ElementProp {
        name: "inputs",
        ty: Ty::Num,
        get: |f| Value::Num(f64::from(f.inputs)),
    },
    ElementProp {
        name: "outputs",
        ty: Ty::Num,
        get: |f| Value::Num(f64::from(f.outputs)),
    },
    ElementProp {
        name: "reached_across_boundary",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.reached_across_boundary),
    },
    ElementProp {
        name: "reached_from_internet",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.reached_from_internet),
    },
    ElementProp {
        name: "talks_to_identity_provider",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.talks_to_identity_provider),
    },
    // Process
    ElementProp {
        name: "code_type",
        ty: Ty::Enum(CODE_TYPES),
        get: |f| {
            Value::Enum(match process(f).map(|p| p.code_type) {
                None | Some(CodeType::Unspecified) => 0,
                Some(CodeType::Managed) => 1,
                Some(CodeType::Unmanaged) => 2,
            })
        },
    },
    ElementProp {
        name: "runs_as",
        ty: Ty::Enum(RUNS_AS),
        get: |f| {
            Value::Enum(match process(f).map(|p| &p.runs_as) {
                None | Some(RunsAs::Unspecified) => 0,
                Some(RunsAs::StandardUser) => 1,
                Some(RunsAs::ServiceAccount) => 2,
                Some(RunsAs::Administrator) => 3,
                Some(RunsAs::System) => 4,
                Some(RunsAs::Kernel) => 5,
                Some(RunsAs::Other(_)) => 6,
            })
        },
    },
    ElementProp {
        name: "privileged",
        ty: Ty::Bool,
        get: |f| Value::Bool(process(f).is_some_and(|p| p.runs_as.is_privileged())),
    },
    ElementProp {
        name: "isolation",
        ty: Ty::Enum(ISOLATIONS),
        get: |f| {
            Value::Enum(match process(f).map(|p| p.isolation) {
                None | Some(Isolation::Unspecified) => 0,
                Some(Isolation::None) => 1,
                Some(Isolation::Sandbox) => 2,
                Some(Isolation::Container) => 3,
                Some(Isolation::VirtualMachine) => 4,
            })
        },
    },
    flag!("authenticates_callers", process.authenticates_callers),
    flag!("authorizes_callers", process.authorizes_callers),
    flag!("custom_authorization", process.custom_authorization),
    flag!("custom_protocol", process.custom_protocol),
    flag!("sanitizes_input", process.sanitizes_input),
    flag!("sanitizes_output", process.sanitizes_output),
    flag!("audit_logging", process.audit_logging),
    flag!("rate_limited", process.rate_limited),
    flag!("handles_secrets", process.handles_secrets),
    flag!("is_web_application", process.is_web_application),
    flag!("handles_card_payment", process.handles_card_payment),
    flag!(
        "handles_goods_or_services",
        process.handles_goods_or_services
    ),
    flag!("executes_dynamic_code", process.executes_dynamic_code),
    // Data store
    ElementProp {
        name: "store_type",
        ty: Ty::Enum(STORE_TYPES),
        get: |f| {
            Value::Enum(match store(f).map(|p| p.store_type) {
                None | Some(StoreType::Unspecified) => 0,
                Some(StoreType::Sql) => 1,
                Some(StoreType::NoSql) => 2,
                Some(StoreType::KeyValue) => 3,
                Some(StoreType::ObjectStorage) => 4,
                Some(StoreType::FileSystem) => 5,
                Some(StoreType::Cache) => 6,
                Some(StoreType::Queue) => 7,
                Some(StoreType::Cookie) => 8,
                Some(StoreType::Registry) => 9,
            })
        },
    },
    ElementProp {
        name: "classification",
        ty: Ty::Enum(CLASSES),
        get: |f| Value::Enum(store(f).map_or(0, |p| class_index(p.classification))),
    },
    // Set in the model, or inferred from its words ("Users", "Key store", "Audit log").
    ElementProp {
        name: "stores_credentials",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(store(f).is_some_and(|p| {
                p.stores_credentials
                    || (f.name_cues & (cue::CREDENTIALS | cue::ACCOUNTS) != 0
                        && f.name_cues & cue::LOGS == 0
                        && !p.stores_logs)
            }))
        },
    },
    ElementProp {
        name: "stores_logs",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(store(f).is_some_and(|p| p.stores_logs || f.name_cues & cue::LOGS != 0))
        },
    },
    flag!("encrypted_at_rest", store.encrypted_at_rest),
    flag!("signed", store.signed),
    flag!("backup", store.backup),
    flag!("shared", store.shared),
    flag!("removable", store.removable),
    flag!("stores_inventory", store.stores_inventory),
    // External entity
    ElementProp {
        name: "actor",
        ty: Ty::Enum(ACTORS),
        get: |f| {
            Value::Enum(match entity(f).map(|p| p.actor) {
                None | Some(crate::model::Actor::Unspecified) => 0,
                Some(crate::model::Actor::Human) => 1,
                Some(crate::model::Actor::System) => 2,
            })
        },
    },
    flag!("authenticates_itself", entity.authenticates_itself),
    ElementProp {
        name: "identity_provider",
        ty: Ty::Bool,
        get: |f| Value::Bool(entity(f).is_some() && f.identity_role()),
    },
    // Derived from the model's words and context (see docs/rules.md).
    ElementProp {
        name: "third_party",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.third_party),
    },
    ElementProp {
        name: "anonymous",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.anonymous()),
    },
    ElementProp {
        name: "payment",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.payment()),
    },
    ElementProp {
        name: "database",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.database()),
    },
    ElementProp {
        name: "queue",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(store(f).is_some_and(|p| {
                p.store_type == StoreType::Queue
                    || (p.store_type == StoreType::Unspecified && f.cues & cue::QUEUE != 0)
            }))
        },
    },
    ElementProp {
        name: "internet_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.internet_callers),
    },
    ElementProp {
        name: "described",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.is_described),
    },
    ElementProp {
        name: "client",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.client()),
    },
    ElementProp {
        name: "transient",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(store(f).is_some_and(|p| {
                matches!(p.store_type, StoreType::Cache | StoreType::Queue)
                    || f.cues & cue::TRANSIENT != 0
            }))
        },
    },
    ElementProp {
        name: "admin",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.cues & cue::ADMIN != 0),
    },
    ElementProp {
        name: "api",
        ty: Ty::Bool,
        get: |f| Value::Bool(process(f).is_some() && f.cues & cue::API != 0),
    },
    // Exposure from what reaches what (see docs/rules.md): entry points and one hop in.
    ElementProp {
        name: "stand_in",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.stand_in()),
    },
    ElementProp {
        name: "people_reach",
        ty: Ty::Bool,
        get: |f| Value::Bool((f.callers | f.behind) & (caller::PEOPLE | caller::PARTNER) != 0),
    },
    ElementProp {
        name: "entry_point",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers != 0 && !f.outside()),
    },
    ElementProp {
        name: "fetches_urls",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(f.element.kind() == ElementKind::Process && f.cues & cue::FETCHES_URLS != 0)
        },
    },
    ElementProp {
        name: "uses_store",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.uses_store),
    },
    ElementProp {
        name: "local_tool",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.local_tool()),
    },
    ElementProp {
        name: "messaging",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(f.element.kind() == ElementKind::Process && f.cues & cue::MESSAGING != 0)
        },
    },
    ElementProp {
        name: "several_roles",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.roles >= 2),
    },
    ElementProp {
        name: "behind_entry",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.behind != 0),
    },
    ElementProp {
        name: "exposed",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.exposed()),
    },
    ElementProp {
        name: "called",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.called),
    },
    ElementProp {
        name: "people_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers & caller::PEOPLE != 0),
    },
    ElementProp {
        name: "identified_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers & caller::IDENTIFIED != 0),
    },
    ElementProp {
        name: "only_anonymous_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers == caller::ANONYMOUS),
    },
    ElementProp {
        name: "partner_callers",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.callers
                    & (caller::PARTNER | caller::THIRD_PARTY | caller::DEVICE | caller::SYSTEM)
                    != 0,
            )
        },
    },
    ElementProp {
        name: "only_device_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers != 0 && f.callers & !(caller::DEVICE | caller::SYSTEM) == 0),
    },
    ElementProp {
        name: "admin_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers & caller::ADMIN != 0),
    },
    ElementProp {
        name: "mixed_privilege_callers",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.callers & caller::ADMIN != 0
                    && f.callers
                        & (caller::PERSON | caller::ANONYMOUS | caller::BROWSER | caller::PARTNER)
                        != 0,
            )
        },
    },
    ElementProp {
        name: "browser_callers",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.callers & caller::BROWSER != 0
                    || (process(f).is_some_and(|p| p.is_web_application)
                        && f.callers & (caller::PERSON | caller::ANONYMOUS | caller::ADMIN) != 0),
            )
        },
    },
    ElementProp {
        name: "idp_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers & caller::IDP != 0),
    },
    ElementProp {
        name: "cookie_sessions",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.cookie_sessions),
    },
    ElementProp {
        name: "identity_role",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.identity_role()),
    },
    ElementProp {
        name: "sql_store",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                store(f).is_some_and(|p| {
                    let other =
                        cue::NOSQL | cue::CACHE | cue::DIRECTORY | cue::OBJECT_STORAGE | cue::QUEUE;
                    (p.store_type == StoreType::Sql && !f.named_otherwise())
                        || (p.store_type == StoreType::Unspecified
                            && (f.cues & cue::SQL != 0
                                || (f.cues & other == 0
                                    && (f.cues & cue::DATABASE != 0 || f.database_flows))))
                }) || (f.db_engine() && f.name_cues & cue::NOSQL == 0),
            )
        },
    },
    ElementProp {
        name: "nosql_store",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                store(f).is_some_and(|p| {
                    p.store_type == StoreType::NoSql
                        || (p.store_type == StoreType::Unspecified && f.cues & cue::NOSQL != 0)
                }) || (f.db_engine() && f.name_cues & cue::NOSQL != 0),
            )
        },
    },
    ElementProp {
        name: "directory",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() != ElementKind::ExternalEntity && f.cues & cue::DIRECTORY != 0,
            )
        },
    },
    ElementProp {
        name: "object_store",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(store(f).is_some_and(|p| {
                p.store_type == StoreType::ObjectStorage
                    || (p.store_type == StoreType::Unspecified && f.cues & cue::OBJECT_STORAGE != 0)
            }))
        },
    },
    ElementProp {
        name: "secrets_store",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() != ElementKind::ExternalEntity && f.name_cues & cue::SECRETS != 0,
            )
        },
    },
    ElementProp {
        name: "runs_commands",
        ty: Ty::Bool,
        get: |f| Value::Bool(process(f).is_some() && f.cues & cue::COMMAND != 0),
    },
    ElementProp {
        name: "repository",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(f.element.kind() == ElementKind::DataStore && f.name_cues & cue::REPO != 0)
        },
    },
    ElementProp {
        name: "cicd",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.cues & cue::CICD != 0),
    },
    ElementProp {
        name: "pay_per_use",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.cues & cue::SERVERLESS != 0),
    },
    ElementProp {
        name: "internet_facing",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.internet_callers || f.callers & (caller::ANONYMOUS | caller::BROWSER) != 0,
            )
        },
    },
    ElementProp {
        name: "sensitive_data",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.data & (cue::DATA & !cue::LOGS) != 0),
    },
];

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
            Value::Bool(flow.authenticates_source || f.proto(|p| p.authenticates_source))
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
            Value::Bool(
                !flow.encrypted && (f.proto(|p| p.cleartext) || f.cues & cue::CLEARTEXT != 0),
            )
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
        name: "webhook",
        ty: Ty::Bool,
        get: |_, f| Value::Bool(f.cues & cue::WEBHOOK != 0),
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
        get: |flow, _| {
            Value::Enum(match flow.payload {
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

pub fn element_prop(name: &str) -> Option<&'static ElementProp> {
    ELEMENT_PROPS.iter().find(|p| p.name == name)
}

pub fn flow_prop(name: &str) -> Option<&'static FlowProp> {
    FLOW_PROPS.iter().find(|p| p.name == name)
}
