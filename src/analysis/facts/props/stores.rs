//! Element properties for what kind of store an element is and how it is queried: SQL,
//! NoSQL, a directory, object storage, a secrets store, files, cookies, browser storage,
//! and a store kept on a device. The model's store type counts first, then its words.

use super::super::vocab::{self, cue};
use super::super::{Ty, Value};
use super::{ElementProp, names_sql, store, store_is, store_named, typed_sql};
use crate::model::{ElementKind, StoreType};

pub const STORE_PROPS: &[ElementProp] = &[
    ElementProp {
        name: "file_store",
        ty: Ty::Bool,
        get: |f| Value::Bool(store_named(f, StoreType::FileSystem, cue::LOCAL_FILES)),
    },
    ElementProp {
        name: "cookie_store",
        ty: Ty::Bool,
        get: |f| Value::Bool(store_named(f, StoreType::Cookie, cue::COOKIE)),
    },
    ElementProp {
        name: "client_store",
        ty: Ty::Bool,
        get: |f| Value::Bool(crate::analysis::stages::checklist::client_store(f)),
    },
    // Kept on the phone, tablet, handheld or device whose app alone reads and writes it.
    ElementProp {
        name: "on_device_store",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.on_device),
    },
    // A hosted service of its engine that always requires credentials (MongoDB Atlas).
    ElementProp {
        name: "managed_with_auth",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                vocab::names_managed_with_auth(&f.element.name)
                    || vocab::names_managed_with_auth(&f.element.technology),
            )
        },
    },
    ElementProp {
        name: "sql_store",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                store(f).is_some_and(|p| {
                    let other =
                        cue::NOSQL | cue::CACHE | cue::DIRECTORY | cue::OBJECT_STORAGE | cue::QUEUE;
                    typed_sql(f, p)
                        || (p.store_type == StoreType::Unspecified
                            && (f.cues & cue::SQL != 0
                                || (f.cues & other == 0
                                    && (f.cues & cue::DATABASE != 0 || f.database_flows))))
                }) || (f.db_engine() && f.name_cues & cue::NOSQL == 0),
            )
        },
    },
    // A SQL store whose engine the model names (type, "Postgres", "MySQL", "SQL
    // Database", flows of "SQL queries"), not one read as SQL only because it is a
    // database.
    ElementProp {
        name: "sql_named",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                store(f).is_some_and(|p| {
                    typed_sql(f, p) || names_sql(f.cues) || names_sql(f.flow_cues)
                }) || (f.db_engine() && names_sql(f.name_cues | f.flow_cues)),
            )
        },
    },
    ElementProp {
        name: "nosql_store",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                store_is(f, StoreType::NoSql, cue::NOSQL)
                    || (f.db_engine() && f.name_cues & cue::NOSQL != 0),
            )
        },
    },
    // A NoSQL store queried only through a cloud SDK's typed calls (Firestore,
    // DynamoDB, Bigtable): no query text or operator object is built from input.
    ElementProp {
        name: "sdk_queried",
        ty: Ty::Bool,
        get: |f| {
            let e = f.element;
            Value::Bool(
                [&e.name, &e.technology, &e.description]
                    .iter()
                    .any(|t| vocab::names_sdk_store(t)),
            )
        },
    },
    ElementProp {
        name: "directory",
        ty: Ty::Bool,
        get: |f| {
            // An LDAP server drawn as an external entity or a process is still the
            // directory the system queries; its name says so. A process whose
            // description names one ("Azure AD SSO") signs people in through it.
            Value::Bool(match f.element.kind() {
                ElementKind::ExternalEntity => {
                    f.own_name_cues & cue::DIRECTORY != 0 && !f.third_party
                }
                ElementKind::Process => f.name_cues & cue::DIRECTORY != 0,
                ElementKind::DataStore => f.cues & cue::DIRECTORY != 0,
            })
        },
    },
    ElementProp {
        name: "object_store",
        ty: Ty::Bool,
        // Its own name wins over a drawing tool's generic shape ("Cloud storage" drawn with
        // the Threat Modeling Tool's "SQL Database" stencil).
        get: |f| {
            Value::Bool(store_named(
                f,
                StoreType::ObjectStorage,
                cue::OBJECT_STORAGE,
            ))
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
    // A store its own words say is kept unencrypted ("plaintext", "not encrypted"): not a
    // drawing tool's encryption box left unticked, which says nothing.
    ElementProp {
        name: "said_cleartext",
        ty: Ty::Bool,
        get: |f| Value::Bool(store(f).is_some() && f.cues & cue::CLEARTEXT != 0),
    },
];
