//! What a rule condition can ask about an element or a flow: the properties from the
//! model plus context derived from the diagram (boundary crossings, who reaches whom).
//!
//! Each property has a name, a type and a getter. Conditions are compiled against this
//! table once, so evaluating one is a handful of direct calls, with no string lookups.

use super::vocab::{self, cue};
use crate::model::{BoundaryType, DataClass, Element, ElementKind, ElementProps, Flow, StoreType};

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
    /// Of its outputs, those into a process or a store of the system (not to an actor).
    pub outputs_inward: u32,
    /// It sends a webhook, callback or notification: software, whatever its name says.
    pub sends_webhooks: bool,
    /// Some flow into it crosses a trust boundary.
    pub reached_across_boundary: bool,
    /// Some flow into it crosses an internet boundary or runs over a public network.
    pub reached_from_internet: bool,
    /// Some flow connects it with an identity provider.
    pub talks_to_identity_provider: bool,
    /// [`vocab::cue`] bits from its name, description and technology.
    pub cues: u64,
    /// Run by another organisation: marked, named after a provider, in a third-party region.
    pub third_party: bool,
    /// A flow to or from it speaks a database protocol or is named so ("mySQL connection").
    pub database_flows: bool,
    /// Callers on the internet send it requests (not only data it reads): floodable.
    pub internet_callers: bool,
    /// [`Self::described`], computed once.
    pub is_described: bool,
    /// [`caller`] bits: who calls it from outside the system (external entities, elements
    /// out of scope, client software), drawn boundary or not. Non-zero: an entry point.
    pub callers: u16,
    /// Someone with an account calls from outside: a person, an administrator, a browser's
    /// user who is not the anonymous public (one actor can be both).
    pub member_callers: bool,
    /// Among those callers with an account, one who is not staff working over every
    /// record (`vocab::names_staff`): a customer, a member, a partner. Set by the engine.
    pub outsider_members: bool,
    /// A system calls it over a flow that neither proves its source nor runs on a wire.
    pub unproven_system_callers: bool,
    /// [`caller`] bits of the entry points' callers, one hop behind them (a store or service
    /// an exposed process uses).
    pub behind: u16,
    /// For an entry point other entry points also call: their callers' kinds (for naming).
    pub front: u16,
    /// One of the entry points in front of it is a gateway or proxy (it routes rather
    /// than serves): what reaches it is meant to have passed the gateway's checks.
    pub behind_gateway: bool,
    /// Outside callers send to it and it sends nothing back to anything outside, in a
    /// diagram that draws what goes back elsewhere: it takes in (events, readings,
    /// uploads pushed to it) and serves nothing to its callers.
    pub intake_only: bool,
    /// A data store only client software in someone's hand (a phone, tablet or handheld
    /// app) or a device reads and writes: it goes where the device goes.
    pub on_device: bool,
    /// [`Self::caller_kind`] once the facts are complete (0 before): read on every rule
    /// evaluation that asks who calls.
    pub kind_memo: u16,
    /// Some flow of its diagram starts or ends at it (none: a leftover nobody uses).
    pub linked: bool,
    /// Element indices: its outside callers if an entry point, else the entry points using it.
    pub via: Vec<u32>,
    /// Staff who act for customers reach it (a call centre, a helpdesk, a teller); and its
    /// own name says such staff or their tool (`vocab::names_support_desk`, read once).
    pub support_desk: bool,
    pub support_desk_name: bool,
    /// Names of the flows its outside callers send it (up to three), for findings to quote.
    pub entries: Vec<&'a str>,
    /// Some flow into it or out of it carries session cookies (said so or named so).
    pub cookie_sessions: bool,
    /// A flow from something other than a data store comes into it.
    pub called: bool,
    /// [`vocab::cue::DATA`] bits: the kinds of data its words and its flows name.
    pub data: u64,
    /// [`vocab::cue`] bits of its name and technology only: what it is, not what its
    /// description mentions ("an audit log of sign-ins" is no credential store).
    pub name_cues: u64,
    /// [`vocab::cue`] bits of its name alone (the technology is often a stencil's name:
    /// "SQL Database" on a store named "Cookies").
    pub own_name_cues: u64,
    /// Its name is hardware a person stands at or carries, read once.
    pub hardware_name: bool,
    /// An actor whose own words say people sign in through it ("GitHub: OAuth login",
    /// "Google SSO"), not one a federation protocol merely links ("account linking
    /// (OAuth)"); read once.
    pub sign_in_provider: bool,
    /// A person whose own words say they sign in with the organisation's identity
    /// provider (see [`caller::sso_said`]).
    pub signs_in_with_provider: bool,
    /// The business rules a process's description and the flows into it state
    /// (`vocab::element_rules`). Set by the engine.
    pub stated_rules: Vec<&'a str>,
    /// The rules and design bits a note on the diagram says of it (`notes_told`).
    pub noted_rules: Vec<&'a str>,
    pub noted: u64,
    /// How many different roles of people call it (by name, "User 1" and "User 2" being
    /// one role): two or more share its functions.
    pub roles: u8,
    /// A flow links it with a data store (or a database drawn as a process): what callers
    /// ask it for is kept somewhere.
    pub uses_store: bool,
    /// [`vocab::cue`] bits of the names of the flows into and out of it.
    pub flow_cues: u64,
    /// People call it through client software drawn in front of it (a web or mobile
    /// front end) that they call across the network: the client holds their sessions.
    pub through_client: bool,
    /// [`vocab::control`] bits: the controls its words say are in place, and an audit
    /// trail it writes to.
    pub controls: u64,
    /// [`vocab::design`] bits of its own words: what its design lets callers decide or
    /// costs it ("payout per drop", "shared by staff", "max 20MB").
    pub design: u64,
    /// [`vocab::design`] bits around it: what the flows into it carry, what its callers
    /// and the stores it uses say ("GPS ping" in, "courier logs in with OTP", a
    /// "promo_codes" store).
    pub around: u64,
    /// [`vocab::design`] bits of what it sends: the flows out of it and what they reach
    /// ("SMS" out, a "Twilio" actor).
    pub outward: u64,
}

/// [`vocab::cue`] bits of a name that make its element server-side software, whatever
/// its description says it serves or uses ("Mobile API", "Dashboard BFF", "IoT broker").
pub const SERVER_NAME: u64 = cue::API
    | cue::SYSTEM
    | cue::ROUTES
    | cue::SERVER_PAGES
    | cue::DATABASE
    | cue::SQL
    | cue::NOSQL
    | cue::QUEUE
    | cue::IDENTITY
    | cue::PAYMENT
    | cue::CICD
    | cue::SERVERLESS;

pub mod caller;
pub mod encryption;

impl<'a> ElementFacts<'a> {
    /// An element's facts before anything is read: no words, no flows, no callers. The
    /// engine fills them in (`context::element_facts` and the passes after it).
    pub fn blank(element: &'a Element) -> Self {
        Self {
            element,
            inputs: 0,
            outputs: 0,
            outputs_inward: 0,
            sends_webhooks: false,
            reached_across_boundary: false,
            reached_from_internet: false,
            talks_to_identity_provider: false,
            cues: 0,
            third_party: false,
            database_flows: false,
            internet_callers: false,
            is_described: false,
            callers: 0,
            member_callers: false,
            outsider_members: false,
            unproven_system_callers: false,
            behind: 0,
            behind_gateway: false,
            intake_only: false,
            on_device: false,
            kind_memo: 0,
            linked: false,
            front: 0,
            via: Vec::new(),
            support_desk: false,
            support_desk_name: false,
            entries: Vec::new(),
            cookie_sessions: false,
            called: false,
            data: 0,
            name_cues: 0,
            own_name_cues: 0,
            hardware_name: false,
            sign_in_provider: false,
            signs_in_with_provider: false,
            stated_rules: Vec::new(),
            noted_rules: Vec::new(),
            noted: 0,
            roles: 0,
            uses_store: false,
            flow_cues: 0,
            through_client: false,
            controls: 0,
            design: 0,
            around: 0,
            outward: 0,
        }
    }
}

impl ElementFacts<'_> {
    /// Its role as a caller from outside: which [`caller`] kind it is.
    pub fn caller_kind(&self) -> u16 {
        if self.kind_memo != 0 {
            return self.kind_memo;
        }
        let c = self.cues;
        let mut bits = 0;
        if self.stand_in() {
            return caller::SYSTEM;
        }
        // A store, or data drawn as an actor ("Update image", "Signing keys"): what it
        // holds is read; it calls nothing and proves no identity.
        if self.element.kind() == ElementKind::DataStore
            || (self.element.kind() == ElementKind::ExternalEntity
                && (self.named_as_secret() || self.named_as_data()))
        {
            return caller::SOURCE;
        }
        if self.identity_role() && self.element.kind() == ElementKind::ExternalEntity {
            return caller::IDP;
        }
        if c & cue::ADMIN != 0 {
            bits |= caller::ADMIN;
        }
        if self.anonymous() {
            // Guests and account holders drawn as one actor: some of them sign in.
            let members = self.design & super::vocab::design::ACCOUNT_HOLDERS != 0;
            bits |= caller::ANONYMOUS | if members { caller::PERSON } else { 0 };
        }
        // Hardware: a device by its words, or a wire (a door strike, a panel's dry contact)
        // or a reader, which sign in nowhere.
        if c & cue::DEVICE != 0
            || (c & cue::HUMAN == 0
                && (self.design & super::vocab::design::WIRED != 0 || self.hardware_name))
        {
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
        if actor != crate::model::Actor::Human && vocab::names_an_identifier(&self.element.name) {
            return caller::SYSTEM;
        }
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
            | cue::REPO
            | cue::SYSTEM;
        // A person by the head of the name, whatever the words before it ("Feed
        // operator", "Platform engineer").
        if actor == crate::model::Actor::Human
            || (n & cue::HUMAN != 0
                && actor != crate::model::Actor::System
                && (n & software == 0 || vocab::human_head(&self.element.name)))
        {
            // A partner's people ("Supplier user") sign in as people do; its systems do not.
            return if c & cue::PARTNER == 0 {
                caller::PERSON
            } else if vocab::human_head(&self.element.name) {
                caller::PARTNER | caller::PERSON
            } else {
                caller::PARTNER
            };
        }
        if self.signs_in_with_provider {
            caller::PERSON // "Sales rep": "SSO via Okta" names how they sign in, not who
        } else if self.third_party || c & cue::THIRD_PARTY != 0 {
            caller::THIRD_PARTY
        } else if c & cue::PARTNER != 0 {
            caller::PARTNER
        } else if actor == crate::model::Actor::System
            || (self.element.kind() != ElementKind::ExternalEntity && c & cue::CLIENT == 0)
            || n & software != 0
        {
            caller::SYSTEM
        } else if c & (cue::HUMAN | cue::CLIENT) != 0
            // (Nobody sends webhooks by hand: "Card proccessor" is no role; a "Helpdesk" is.)
            || (super::vocab::named_like_people(&self.element.name) && !self.sends_webhooks)
            || self.support_desk_name
        {
            caller::PERSON // by its words, a client app's user, or shaped like a role
        } else {
            caller::SYSTEM // a product, a body or a machine ("WorldTracer", "HMRC")
        }
    }

    /// An identity provider or a login service: marked so, or its words say so.
    pub fn identity_role(&self) -> bool {
        matches!(&self.element.props, ElementProps::ExternalEntity(p) if p.identity_provider)
            // What it is, by its name and technology: a description's "auth type NONE" or
            // "calls the login service" makes nothing an identity provider.
            || (self.name_cues & cue::IDENTITY != 0 && !self.stand_in() && !self.named_as_secret())
            || self.sign_in_provider
    }

    /// The last word of its name ("Update image" → "image").
    fn last_name_word(&self) -> &str {
        self.element
            .name
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or_default()
    }

    /// Whether the last word of its name is one of `words` (lower case), any case.
    fn name_ends_in(&self, words: &[&str]) -> bool {
        let last = self.last_name_word();
        words.iter().any(|w| w.eq_ignore_ascii_case(last))
    }

    /// Its name's last word says it is credentials or keys, a thing held, not a party
    /// ("Update authentication credentials", "Signing keys"): no identity provider.
    fn named_as_secret(&self) -> bool {
        self.name_ends_in(&[
            "credential",
            "credentials",
            "key",
            "keys",
            "token",
            "tokens",
            "secret",
            "secrets",
            "password",
            "passwords",
            "certificate",
            "certificates",
        ])
    }

    /// Its name's last word says it is data, a thing handed over ("Update image", "Vehicle
    /// manifest"), and nothing in the name says it is a person, an API or a partner.
    fn named_as_data(&self) -> bool {
        self.own_name_cues & (cue::HUMAN | cue::API | cue::PARTNER) == 0
            && self.name_ends_in(&[
                "image",
                "images",
                "package",
                "packages",
                "metadata",
                "manifest",
                "manifests",
                "file",
                "files",
                "document",
                "documents",
                "payload",
                "payloads",
                "artifact",
                "artifacts",
                "artefact",
                "artefacts",
                "binaries",
                "firmware",
            ])
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
            // An actor its own words say has no account ("visitor golfer, no account",
            // "passengers: no login") signs in nowhere.
            || (self.element.kind() == ElementKind::ExternalEntity
                && self.design & super::vocab::design::NO_LOGIN != 0)
    }

    /// [`Self::anonymous`] for an element whose words gave `cues`.
    pub fn is_anonymous(element: &Element, cues: u64) -> bool {
        match &element.props {
            ElementProps::ExternalEntity(p) => {
                p.anonymous || cues & cue::ANONYMOUS != 0 || vocab::names_the_public(&element.name)
            }
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
    /// A store its own words say is shared by a link that works without signing in ("a
    /// Google Sheet, anyone with the link can edit"): reached by whoever holds the link.
    pub fn shared_by_link(&self) -> bool {
        self.element.kind() == ElementKind::DataStore
            && self.design & vocab::design::SHARED_LINK != 0
    }

    pub fn client(&self) -> bool {
        // Its name says what it is first: a "Dashboard BFF" that "serves the SPA" or a
        // "cloud-agent" that is "an MQTT client" is server-side software; a description
        // makes client software only of an element whose name says nothing else.
        matches!(self.element.props, ElementProps::Process(_))
            && self.cues & cue::CLIENT != 0
            && self.name_cues & SERVER_NAME == 0
            // "React SPA + BFF": the single-page app and the server behind it drawn as one.
            && !(self.name_cues & cue::CLIENT == 0
                && vocab::says_bff(&self.element.description))
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
        self.own_name_cues & other != 0 && self.own_name_cues & database == 0
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

/// Where a flow's protocol was read from.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum ProtocolSource {
    /// Its protocol field.
    #[default]
    Field,
    /// Its name: a protocol, secure one, radio link or tunnel it names, TLS it says the
    /// field's protocol runs over, a badge tapped to a reader.
    Name,
    /// A tunnel its description names.
    Description,
    /// What an end of it says of its communication ("communication secured via HTTPS").
    End,
    /// The authors' threats on it.
    AuthorsThreats,
    /// Another flow on the same connection that names a secure protocol.
    Connection,
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
    /// Where [`Self::protocol`] was read from, for the inspector.
    pub protocol_source: ProtocolSource,
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
    /// [`vocab::mark`] bits: phrases of its name, protocol and description a few rules read.
    pub marks: u8,
    /// [`vocab::design`] bits of its name and description ("photos", "GPS ping"), and
    /// uploads when its payload is a file.
    pub design: u64,
    /// [`vocab::cue::XML`] and [`vocab::cue::SERIALIZED`] bits of its words and its
    /// sender's name: what it is written in when the model does not say ("JMX Request",
    /// an answer from "External OpenSearch Service"). Set by the engine.
    pub format_cues: u64,
    /// Why it is taken as encrypted though it names no protocol. Set by the engine.
    pub encrypted_like_siblings: encryption::LikeSiblings,
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
        // or a secure protocol it names ("HTTPS Requests", "LDAPS - Response"), remote
        // administration that claims no cleartext ("JMX Request"), or a short-range radio
        // link ("BLE unlock cmd", "keycard (Mifare Classic)"): no network path either way.
        let field = memo.get(&flow.protocol);
        let protocol = field.or_else(|| {
            if !flow.protocol.trim().is_empty() {
                None
            } else if named_as_protocol {
                memo.get(&flow.name)
            } else {
                memo.get(&flow.name)
                    .filter(|p| p.encrypted || (p.remote_admin && !p.cleartext) || p.proximity)
            }
        });
        let said = if field.is_some() {
            ProtocolSource::Field
        } else {
            ProtocolSource::Name
        };
        // A tunnel its description or name names ("OpenVPN" over "UDP 1194"), or TLS its
        // name says the field's protocol runs over ("MQTT over TLS"), carries it encrypted.
        let (protocol, protocol_source) = match protocol {
            Some(p) if p.encrypted => (Some(p), said),
            other => {
                if let Some(tunnel) = memo.get(&flow.description).filter(vocab::Protocol::tunnel) {
                    (Some(tunnel), ProtocolSource::Description)
                } else if let Some(tunnel) = memo.get(&flow.name).filter(vocab::Protocol::tunnel) {
                    (Some(tunnel), ProtocolSource::Name)
                } else if let Some(tls) = other
                    .filter(|_| vocab::names_tls_layer(&flow.name))
                    .map(vocab::Protocol::over_tls)
                {
                    (Some(tls), ProtocolSource::Name)
                } else {
                    (other, said)
                }
            }
        };
        Self {
            crossed: Vec::new(),
            crossed_types: 0,
            protocol,
            protocol_source,
            from_anonymous: false,
            named_as_protocol,
            response: false,
            local: false,
            format_cues: 0,
            encrypted_like_siblings: encryption::LikeSiblings::No,
            marks: vocab::flow_marks(&flow.name, &flow.protocol, &flow.description),
            design: vocab::designs([
                flow.name.as_str(),
                flow.description.as_str(),
                flow.protocol.as_str(),
            ]) | if flow.payload == crate::model::Payload::File {
                vocab::design::UPLOADS
            } else {
                0
            },
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

mod props;
pub use props::{
    ELEMENT_PROPS, ElementGetter, ElementProp, FLOW_PROPS, FlowGetter, FlowProp, element_prop,
    element_props, flow_prop, named_as_read,
};
