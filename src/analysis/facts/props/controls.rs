//! Element properties for the controls a model says are in place: set as a property, or
//! said by its words (`vocab::controls`: "JWT validation", "rate limiting", "append-only").
//! A threat saying a control is missing beside such a sentence would contradict the team.

use super::super::vocab::{control, design};
use super::super::{Ty, Value};
use super::{ElementProp, process, store};
use crate::model::ElementKind;

/// A control (`vocab::control`) `$bit` said by an element's words, or `$flag` set on it as
/// a process (`process.$flag`) or a store (`store.$flag`); with neither, the words alone.
macro_rules! control_prop {
    ($name:literal, $bit:expr) => {
        ElementProp {
            name: $name,
            ty: Ty::Bool,
            get: |f| Value::Bool(f.controls & $bit != 0),
        }
    };
    ($name:literal, $bit:expr, $of:ident . $flag:ident) => {
        ElementProp {
            name: $name,
            ty: Ty::Bool,
            get: |f| Value::Bool($of(f).is_some_and(|p| p.$flag) || f.controls & $bit != 0),
        }
    };
}

pub const CONTROL_PROPS: &[ElementProp] = &[
    // Set in the model, or said by its words ("JWT validation", "per-device X.509
    // certificate"): a threat that nobody checks who calls would contradict them.
    control_prop!(
        "authenticates_callers",
        control::AUTHENTICATES,
        process.authenticates_callers
    ),
    control_prop!("audit_logging", control::AUDITED, process.audit_logging),
    control_prop!("rate_limited", control::RATE_LIMITED, process.rate_limited),
    control_prop!("keeps_hashes", control::HASHED),
    control_prop!("keeps_fast_hashes", control::FAST_HASHED),
    control_prop!("client_encrypted", control::CLIENT_ENCRYPTED),
    // Card details stay with the provider: its own words ("hosted fields", "Stripe
    // Elements"), a flow in or out of it that charges the provider's token ("charge saved
    // card token"), or the browser sent on to the provider's page ("card payment
    // (redirect)").
    ElementProp {
        name: "card_hosted",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.controls & control::CARD_HOSTED != 0
                    || (f.design | f.around | f.outward) & design::CARD_TOKEN != 0
                    || (f.design | f.outward) & design::HOSTED_PAGE != 0,
            )
        },
    },
    control_prop!("checks_signatures", control::SIGNATURES_CHECKED),
    // Its words say both ends of its links prove who they are (client or device
    // certificates, mutual TLS, a key per device).
    control_prop!("mutual_auth", control::MUTUAL_AUTH),
    // Keeps its keys in a secure element, a TPM or a hardware-backed keystore.
    control_prop!("key_in_hardware", control::KEY_IN_HARDWARE),
    // Signs people in with the organisation's directory (Windows auth, AD, Entra ID).
    control_prop!("directory_sign_in", control::DIRECTORY_SIGN_IN),
    // Entries cannot be changed once written, by its words ("append-only", "WORM", "hash
    // chained") or because it is signed.
    control_prop!("append_only", control::APPEND_ONLY, store.signed),
    // An audit trail: what it records is evidence of who did what ("Audit log",
    // "Access audit log"), not an application's own log.
    ElementProp {
        name: "audit_trail",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::DataStore && f.controls & control::AUDITED != 0,
            )
        },
    },
];
