//! Element properties for what a design says in one sentence (`vocab::designs`): its own
//! words, what comes in on its flows, what its callers and its stores say.

use super::super::vocab::design;
use super::super::{Ty, Value};
use super::ElementProp;
use crate::model::ElementKind;

/// A design fact (`vocab::design`) said by an element's own words or around it; `process:`
/// only for processes.
macro_rules! design_prop {
    ($name:literal, process: $bit:expr) => {
        ElementProp {
            name: $name,
            ty: Ty::Bool,
            get: |f| {
                Value::Bool(
                    f.element.kind() == ElementKind::Process && (f.design | f.around) & $bit != 0,
                )
            },
        }
    };
    ($name:literal, any: $bit:expr) => {
        ElementProp {
            name: $name,
            ty: Ty::Bool,
            get: |f| Value::Bool((f.design | f.around) & $bit != 0),
        }
    };
}

pub const DESIGN_PROPS: &[ElementProp] = &[
    // What the design lets callers decide or costs it, said in one sentence
    // (`vocab::designs`): its own words, what comes in on its flows, what its callers and
    // its stores say.
    design_prop!("takes_uploads", process: design::UPLOADS),
    design_prop!("expensive_work", process: design::EXPENSIVE),
    design_prop!("long_connections", process: design::CONNECTIONS),
    design_prop!("peaks", process: design::PEAKS),
    design_prop!("passwordless", any: design::PASSWORDLESS),
    design_prop!("platform_sign_in", any: design::PLATFORM_SIGN_IN),
    design_prop!("promotions", process: design::PROMO),
    design_prop!("approvals", process: design::APPROVAL),
    design_prop!("balances", process: design::BALANCE),
    design_prop!("client_decides", process: design::CLIENT_DECIDES),
    // Its own words or what it sends to ("embeddings" to "OpenAI API").
    ElementProp {
        name: "uses_llm",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process
                    && (f.design | f.outward) & design::LLM != 0,
            )
        },
    },
    // A store where files are handed over: its own words ("payroll SFTP share", "SFTP
    // landing") or a flow in or out of it ("SFTP upload", "daily CSV drop").
    ElementProp {
        name: "file_drop",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::DataStore
                    && (f.design | f.around | f.outward) & design::FILE_DROP != 0,
            )
        },
    },
    // Decides who may do what from a copy: its own words ("copy of regulator register,
    // refreshed nightly", "caches cardholders, keeps working if server is down", "key
    // kept so the car opens offline"), or who-may-do-what brought in on a schedule
    // ("nightly. pulls users, groups").
    ElementProp {
        name: "stale_access_copy",
        ty: Ty::Bool,
        get: |f| {
            let said = f.design | f.around;
            Value::Bool(
                f.element.kind() != ElementKind::ExternalEntity
                    && said & design::ACCESS_LIST != 0
                    && (f.design & design::COPY != 0 || f.around & design::SCHEDULED != 0),
            )
        },
    },
    ElementProp {
        name: "scheduled",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.design & design::SCHEDULED != 0),
    },
    // Its own words only: a page said to need no login, one login shared by several
    // people, callers choosing whom it writes to.
    ElementProp {
        name: "no_login",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.design & design::NO_LOGIN != 0),
    },
    ElementProp {
        name: "shared_login",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.design & design::SHARED_LOGIN != 0),
    },
    ElementProp {
        name: "caller_recipients",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.design & design::CALLER_RECIPIENTS != 0),
    },
    // Sends text messages: by its words, or by what it sends and to whom ("OTP", Twilio).
    ElementProp {
        name: "sends_texts",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::Process
                    && (f.design | f.outward) & design::TEXTS != 0,
            )
        },
    },
    // Pays or decides by a location its callers report ("payout per drop (distance
    // based)" with "GPS ping" coming in).
    ElementProp {
        name: "location_pays",
        ty: Ty::Bool,
        get: |f| {
            let said = f.design | f.around;
            Value::Bool(
                f.element.kind() == ElementKind::Process
                    && said & design::LOCATION != 0
                    && said & design::PAYS_BY_MEASURE != 0,
            )
        },
    },
];
