//! The property tables a rule condition is compiled against: every `element.X` and
//! `flow.X` with its type and getter. The facts the getters read are made in
//! [`super`] (and the diagram context in `super::super::context`); this file only says
//! how each property reads them.
//!
//! The flows' table is in `props/flows.rs`, exposure (who reaches what) in
//! `props/exposure.rs`, what kind of store an element is in `props/stores.rs`, the
//! controls a model says are in place in `props/controls.rs`, its design facts in
//! `props/design.rs`. One file, over 800 lines:
//! the elements' table, one entry (name, type, getter) per property a rule may read, data
//! rather than logic.

use super::vocab::{self, cue};
use super::{
    ACTORS, CLASSES, CODE_TYPES, ElementFacts, FlowFacts, ISOLATIONS, KINDS, RUNS_AS, STORE_TYPES,
    Ty, Value, caller, class_index, kind_index,
};
use crate::model::{CodeType, ElementKind, ElementProps, Flow, Isolation, RunsAs, StoreType};

mod controls;
mod design;
mod exposure;
mod flows;
mod stores;
pub use controls::CONTROL_PROPS;
pub use design::DESIGN_PROPS;
pub use exposure::EXPOSURE_PROPS;
pub use flows::{FLOW_PROPS, flow_prop, named_as_read};
pub use stores::STORE_PROPS;

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

/// A store typed `ty`, or left untyped with words that say so (`bit`): the user's type
/// always wins.
fn store_is(f: &ElementFacts<'_>, ty: StoreType, bit: u64) -> bool {
    store(f).is_some_and(|p| {
        p.store_type == ty || (p.store_type == StoreType::Unspecified && f.cues & bit != 0)
    })
}

/// A store typed `ty` or named so in its own name (its technology and description aside).
fn store_named(f: &ElementFacts<'_>, ty: StoreType, bit: u64) -> bool {
    store(f).is_some_and(|p| p.store_type == ty || f.own_name_cues & bit != 0)
}

/// A store typed SQL, unless its name says it is something else (a cache, a queue).
fn typed_sql(f: &ElementFacts<'_>, p: &crate::model::DataStoreProps) -> bool {
    p.store_type == StoreType::Sql && !f.named_otherwise()
}

/// Words that name a SQL engine and no NoSQL one.
fn names_sql(cues: u64) -> bool {
    cues & (cue::SQL | cue::NOSQL) == cue::SQL
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
    // Flows out of it into a process or a store: what it sends into the system, not to
    // another actor ("SMS gateway" → "Customer" sends nothing in).
    ElementProp {
        name: "outputs_inward",
        ty: Ty::Num,
        get: |f| Value::Num(f64::from(f.outputs_inward)),
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
    // Only as set in the model (the audit template asks for more than a word).
    flag!("authenticates_callers_set", process.authenticates_callers),
    flag!("authorizes_callers", process.authorizes_callers),
    flag!("custom_authorization", process.custom_authorization),
    flag!("custom_protocol", process.custom_protocol),
    flag!("sanitizes_input", process.sanitizes_input),
    flag!("sanitizes_output", process.sanitizes_output),
    // Receives a provider's webhooks ("stripe-webhooks"): it acts on the provider's events,
    // not on records its callers name.
    ElementProp {
        name: "webhook_receiver",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.own_name_cues & cue::WEBHOOK != 0),
    },
    // Sends money out: payouts, refunds, withdrawals, salaries, by its words or its flows'.
    ElementProp {
        name: "sends_money",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process
                    && (f.cues | f.flow_cues) & cue::MONEY_OUT != 0,
            )
        },
    },
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
    // Marked as holding credentials, while its own words list what it holds and none of it
    // is a credential ("name, phone, IBAN, ID document scans"): the mark stands for
    // "sensitive", and the threat is about that data.
    ElementProp {
        name: "credentials_said_otherwise",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(store(f).is_some_and(|p| {
                p.stores_credentials
                    && f.cues & (cue::CREDENTIALS | cue::ACCOUNTS | cue::SECRETS | cue::TOKENS) == 0
                    && f.cues & (cue::PERSONAL | cue::CARD | cue::HEALTH | cue::PAYMENT) != 0
            }))
        },
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
                        && !p.stores_logs
                        && !accounts_listed_without_credentials(f))
                    // "Database with files stored and password hashed": its description
                    // says it keeps passwords (keys or tokens named there may be public
                    // keys or signatures: metadata, not secrets).
                    || (f.element
                        .description
                        .as_bytes()
                        .windows(8)
                        .any(|w| w.eq_ignore_ascii_case(b"password"))
                        && f.cues & (cue::LOGS | cue::COOKIE) == 0
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
    // Another organisation drawn as an actor: a provider, or a partner or vendor by name
    // ("FraudCheck vendor", "Reference lab partner").
    ElementProp {
        name: "other_organisation",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::ExternalEntity
                    && (f.third_party || f.cues & cue::PARTNER != 0),
            )
        },
    },
    // Another organisation's public endpoint (an identity, payment or cloud provider):
    // how it is reached is the provider's choice, HTTPS everywhere; a team's "HTTP" label
    // on a flow to it is a habit, not a design fact.
    ElementProp {
        name: "provider_endpoint",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() != ElementKind::DataStore
                    && f.outside()
                    && !f.client()
                    && (f.third_party
                        || f.identity_role()
                        || f.cues & cue::THIRD_PARTY != 0
                        // A payment service outside the system is a payment provider's
                        // (not one of the team's own, named as software: "payments-auth").
                        || (f.element.kind() == ElementKind::ExternalEntity
                            && f.payment()
                            && !crate::analysis::vocab::names_an_identifier(&f.element.name))
                        // An outside actor named as an API ("weather api", "FX rates API"),
                        // not as a server or a client ("API Server", "REST client"), is
                        // someone's published endpoint.
                        || (f.element.kind() == ElementKind::ExternalEntity
                            && f.name_cues & cue::API != 0
                            && f.name_cues
                                & (cue::HUMAN
                                    | cue::ANONYMOUS
                                    | cue::BROWSER
                                    | cue::CLIENT
                                    | cue::SYSTEM)
                                == 0)),
            )
        },
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
        // Named a database or a cache, it is one even if its description says what waits
        // in it ("local cache (sqlite)": "events queued while offline").
        get: |f| {
            const KEEPS: u64 = cue::DATABASE | cue::SQL | cue::NOSQL | cue::CACHE;
            Value::Bool(
                store_is(f, StoreType::Queue, cue::QUEUE)
                    && !(f.own_name_cues & KEEPS != 0 && f.own_name_cues & cue::QUEUE == 0),
            )
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
    // A web user interface people look at, by its name.
    ElementProp {
        name: "web_ui",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process
                    && crate::analysis::vocab::names_web_ui(&f.element.name),
            )
        },
    },
    ElementProp {
        name: "api",
        ty: Ty::Bool,
        get: |f| Value::Bool(process(f).is_some() && f.cues & cue::API != 0),
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
        name: "routes_only",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process && f.own_name_cues & cue::ROUTES != 0,
            )
        },
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
    // Sends links that act for whoever holds them (its words, or its flows' names:
    // "Send Invites to new users", "Password reset e-mail").
    ElementProp {
        name: "sends_links",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process
                    && (f.cues | f.flow_cues) & cue::LINKS != 0,
            )
        },
    },
    // Hardware a person stands at or carries by its name ("Turnstile QR reader", "Card
    // reader", "Keypad"): what is handed to it is scanned or tapped, not uploaded.
    ElementProp {
        name: "hardware_at_hand",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.hardware_name),
    },
    // A device, or a sender of streams or feeds: software that sends without a person.
    ElementProp {
        name: "device",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.caller_kind() & caller::DEVICE != 0),
    },
    // Hardware of the system's own out where others can reach it: a sensor, meter,
    // controller or machine drawn as an actor that sends to the system, or a process
    // named as a device (not a server, not software in someone's hand).
    ElementProp {
        name: "field_hardware",
        ty: Ty::Bool,
        get: |f| {
            let kind = f.caller_kind();
            Value::Bool(
                !f.third_party
                    && !f.element.out_of_scope
                    && match f.element.kind() {
                        ElementKind::ExternalEntity => {
                            kind & caller::DEVICE != 0
                                && kind & caller::PEOPLE == 0
                                && f.outputs > 0
                                && f.name_cues & cue::DEVICE != 0
                        }
                        ElementKind::Process => {
                            f.name_cues & cue::DEVICE != 0
                                && f.name_cues & super::SERVER_NAME == 0
                                && !f.client()
                        }
                        _ => false,
                    }
                    && !vocab::names_device_software(&f.element.name),
            )
        },
    },
    // A controller or printer fixed in a plant room or an office ("Pump house PLC", "Slab
    // label printer"): it holds no credential of the system, and nobody takes it home to
    // open.
    ElementProp {
        name: "plant_controller",
        ty: Ty::Bool,
        get: |f| Value::Bool(vocab::names_plant_controller(&f.element.name)),
    },
    // A provider paid per use whose key can be spent: payments, messaging.
    ElementProp {
        name: "paid_provider",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.payment() || f.cues & cue::MESSAGING != 0),
    },
    // A cloud's own messaging service its roles reach (AWS SES, SNS): no key to leak.
    ElementProp {
        name: "platform_role_access",
        ty: Ty::Bool,
        get: |f| Value::Bool(vocab::names_cloud_role_service(&f.element.name)),
    },
    // The software's own log, by its name, technology or description ("App Logs", "gen
    // log (CloudWatch)"), or a log store the user set: not a record the business keeps and
    // calls a log ("Play log", "Tech log", "attendance log"), even when marked a log store.
    ElementProp {
        name: "app_logs",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(store(f).is_some_and(|p| {
                (p.stores_logs && vocab::bare_log_name(&f.element.name))
                    || [
                        &f.element.name,
                        &f.element.technology,
                        &f.element.description,
                    ]
                    .iter()
                    .any(|t| vocab::names_app_log(t))
            }))
        },
    },
    // A phone platform's push service ("APNs / FCM", "Firebase push"): reached only over
    // its own TLS, whatever a flow's label says.
    ElementProp {
        name: "push_platform",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::ExternalEntity
                    && vocab::names_push_platform(&f.element.name),
            )
        },
    },
    // Takes sign-ins: a flow into or out of it is named so ("Authentification Request",
    // "Login"), or its own words say so.
    ElementProp {
        name: "takes_sign_in",
        ty: Ty::Bool,
        get: |f| Value::Bool((f.flow_cues | f.name_cues) & cue::IDENTITY != 0),
    },
    // The machine's own files drawn as an actor ("File System").
    ElementProp {
        name: "local_files",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.own_name_cues & cue::LOCAL_FILES != 0),
    },
    // Hands out files by the name a caller asks for: a TFTP or FTP server, a file share.
    ElementProp {
        name: "file_server",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process && f.name_cues & cue::FILE_SERVER != 0,
            )
        },
    },
    // The browser's own storage (local or session storage, IndexedDB): any script of the
    // page reads it.
    ElementProp {
        name: "browser_storage",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::DataStore
                    && f.own_name_cues & cue::BROWSER_STORAGE != 0,
            )
        },
    },
    // A browser (or browser-side client) that keeps its session in a cookie jar the model
    // draws or names.
    ElementProp {
        name: "browser_with_cookies",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.cookie_sessions
                    && (f.caller_kind() & caller::BROWSER != 0 || f.cues & cue::BROWSER != 0),
            )
        },
    },
    // Named as metadata, public keys or certificates, nothing secret by its name ("Root
    // metadata" holds public keys and signatures, even when flagged as credentials).
    ElementProp {
        name: "names_metadata",
        ty: Ty::Bool,
        get: |f| {
            let said = |w: &str| {
                f.element
                    .name
                    .as_bytes()
                    .windows(w.len())
                    .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
            };
            Value::Bool(
                f.own_name_cues & (cue::ACCOUNTS | cue::SECRETS) == 0
                    && (said("metadata") || said("public key") || said("certificate"))
                    && !said("private"),
            )
        },
    },
    // Named as software that serves others ("Director Repository", "Billing service"): an
    // actor drawn for a system the team owns elsewhere, which has its own code in front
    // of the data it reads.
    ElementProp {
        name: "named_as_software",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.own_name_cues & (cue::SYSTEM | cue::API | cue::REPO) != 0
                    && f.own_name_cues & cue::HUMAN == 0,
            )
        },
    },
    // Data drawn as an actor ("Update image", "Signing keys"): a thing handed over, no
    // party and no network end.
    ElementProp {
        name: "data_item",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::ExternalEntity
                    && f.caller_kind() == caller::SOURCE,
            )
        },
    },
    // Some flow starts or ends at it.
    ElementProp {
        name: "linked",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.linked),
    },
    // Copies records to other systems (a replication or federation plugin, an export).
    ElementProp {
        name: "replicates",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process && f.name_cues & cue::REPLICATES != 0,
            )
        },
    },
    // Lets callers in as a guest (its name says so): a fallback identity for requests that
    // bring none.
    // Software updates are its business: it holds them, serves them or is named after
    // them ("Update server", "Firmware images").
    ElementProp {
        name: "names_updates",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.own_name_cues & cue::SOFTWARE_UPDATE != 0),
    },
    // Runs what it is sent: a device, a vehicle's unit, an updater or bootloader, or
    // what verifies updates for them ("Verify package metadata"); not the updates
    // themselves ("Firmware images").
    ElementProp {
        name: "installs_updates",
        ty: Ty::Bool,
        get: |f| {
            let updates = f.own_name_cues & cue::SOFTWARE_UPDATE != 0;
            Value::Bool(
                f.name_cues & cue::INSTALLS != 0
                    // ("Gateway ECU" is a vehicle's unit; "IoT broker" a server.)
                    || (f.name_cues & cue::DEVICE != 0
                        && f.name_cues & super::SERVER_NAME & !(cue::API | cue::ROUTES) == 0
                        && !updates)
                    || (updates && f.element.name.to_lowercase().contains("verif")),
            )
        },
    },
    // Holds container images that are pulled and run.
    ElementProp {
        name: "image_registry",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.own_name_cues & cue::IMAGE_REGISTRY != 0),
    },
    // Staff who act for the customers who call, chat or walk in reach it ("Care agent",
    // "Helpdesk", "Agent desktop").
    ElementProp {
        name: "support_desk",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.support_desk),
    },
    // Creates or edits people's own accounts, by its words or its flows' names.
    ElementProp {
        name: "manages_accounts",
        ty: Ty::Bool,
        get: |f| Value::Bool((f.cues | f.flow_cues) & cue::SELF_SERVICE != 0),
    },
    ElementProp {
        name: "through_client",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.through_client),
    },
    // Browsers reach it through the gateway or proxy in front of it: what it returns is
    // shown in them.
    ElementProp {
        name: "browsers_behind",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.behind & caller::BROWSER != 0 && f.behind_gateway),
    },
    // Holds or names serialised objects that run code when loaded (pickle, Java
    // serialisation).
    ElementProp {
        name: "serialized",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.cues & cue::SERIALIZED != 0),
    },
    // Sends e-mail, text messages or push notifications, or is a service that does.
    ElementProp {
        name: "notifies",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.cues & cue::MESSAGING != 0),
    },
    ElementProp {
        name: "guest_access",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process && f.own_name_cues & cue::GUEST != 0,
            )
        },
    },
    // Holds or is signing keys: what it signs every verifier trusts.
    ElementProp {
        name: "signing_keys",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.cues & cue::SIGNING != 0),
    },
    // Sells or charges: its words or its flows' names speak of payments, cards, orders,
    // baskets or bookings ("checkout", "place order", "card details"), or the model says
    // it handles goods or services: what callers say a price is can change what they
    // pay or get. Prices people report ("price submissions") are data.
    ElementProp {
        name: "charges",
        ty: Ty::Bool,
        get: |f| {
            let Some(p) = process(f) else {
                return Value::Bool(false);
            };
            Value::Bool(
                p.handles_goods_or_services
                    || (f.cues | f.flow_cues) & (cue::PAYMENT | cue::CARD) != 0
                    || std::iter::once(f.element.name.as_str())
                        .chain(std::iter::once(f.element.description.as_str()))
                        .chain(f.entries.iter().copied())
                        .any(vocab::names_a_sale),
            )
        },
    },
    // Runs in a web browser: a web front end, a SPA, a PWA (by its words).
    ElementProp {
        name: "in_browser",
        ty: Ty::Bool,
        get: |f| Value::Bool(process(f).is_some() && f.cues & cue::BROWSER != 0),
    },
    ElementProp {
        name: "names_records",
        ty: Ty::Bool,
        get: |f| Value::Bool((f.cues | f.flow_cues) & cue::RECORDS != 0),
    },
    ElementProp {
        name: "config",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.own_name_cues & cue::CONFIG != 0),
    },
    ElementProp {
        name: "tokens",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.element.kind() == ElementKind::Process && f.cues & cue::TOKENS != 0),
    },
    ElementProp {
        name: "assertions",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process && f.own_name_cues & cue::ASSERTIONS != 0,
            )
        },
    },
    ElementProp {
        name: "policy",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process && f.own_name_cues & cue::POLICY != 0,
            )
        },
    },
    // Its own description, or a flow into it, states a business rule ("max 3 bids per
    // cycle", "moves must be reported within 3 days"): `vocab::stated_rules`.
    ElementProp {
        name: "states_rule",
        ty: Ty::Bool,
        get: |f| Value::Bool(!f.stated_rules.is_empty()),
    },
    // Everyone with an account who calls it is staff working over every record
    // ("Pharmacist", "Race Office"): nobody's objects are theirs alone.
    ElementProp {
        name: "staff_only_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.member_callers && !f.outsider_members),
    },
    ElementProp {
        name: "several_roles",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.roles >= 2),
    },
    // A message broker devices publish to ("MQTT broker", "IoT Core", "device gw
    // (EMQX)"), by its name or its own words (not an "MQTT client" or a console that
    // reaches devices over MQTT): which topics each client may use is its authorization.
    ElementProp {
        name: "device_broker",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                matches!(
                    f.element.kind(),
                    ElementKind::Process | ElementKind::DataStore
                ) && (f.name_cues & cue::QUEUE != 0
                    || (f.cues & cue::QUEUE != 0 && f.cues & (cue::CLIENT | cue::ADMIN) == 0))
                    && f.design & crate::analysis::vocab::design::DEVICE_MESSAGING != 0,
            )
        },
    },
    // Its words or its flows name secrets, credentials or card data ("token in remote
    // url", "card digits"): what a verbose log line would copy.
    ElementProp {
        name: "names_secrets",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool((f.cues | f.flow_cues) & (cue::SECRETS | cue::CREDENTIALS | cue::CARD) != 0)
        },
    },
    // Pages made on the server for people who sign in from a browser (a servlet, a web
    // console): administrators, or a sign-in drawn; nothing said of tokens. Their sessions
    // are cookies, the web's default.
    ElementProp {
        name: "cookie_login_pages",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process
                    && f.callers & caller::BROWSER != 0
                    && (f.callers & caller::ADMIN != 0
                        || (f.flow_cues | f.name_cues) & cue::IDENTITY != 0)
                    && f.name_cues & cue::SERVER_PAGES != 0
                    && (f.cues | f.flow_cues) & cue::TOKENS == 0,
            )
        },
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

pub fn element_prop(name: &str) -> Option<&'static ElementProp> {
    element_props().find(|p| p.name == name)
}

/// Every element property: the model's and what its words say ([`ELEMENT_PROPS`]), who
/// reaches it ([`EXPOSURE_PROPS`]), what kind of store it is ([`STORE_PROPS`]), the controls said in place ([`CONTROL_PROPS`]), and its design facts ([`DESIGN_PROPS`]).
pub fn element_props() -> impl Iterator<Item = &'static ElementProp> {
    ELEMENT_PROPS
        .iter()
        .chain(EXPOSURE_PROPS)
        .chain(STORE_PROPS)
        .chain(CONTROL_PROPS)
        .chain(DESIGN_PROPS)
}

/// Named for accounts ("Users DB") but its description lists what it keeps and no
/// credential is among them ("users, tenant_memberships, groups, role_mappings"): the
/// accounts are signed in elsewhere — unless a flow in or out of it carries credentials
/// ("check email + password") or a service that checks passwords writes it.
fn accounts_listed_without_credentials(f: &ElementFacts<'_>) -> bool {
    const KEPT_SECRETS: u64 = cue::CREDENTIALS | cue::SECRETS | cue::TOKENS;
    f.name_cues & cue::CREDENTIALS == 0
        && f.flow_cues & cue::CREDENTIALS == 0
        && f.around & vocab::design::PASSWORD == 0
        && f.element.description.contains(',')
        // Its words, read once with its name and technology: none names a secret kept.
        && f.cues & KEPT_SECRETS == 0
}
