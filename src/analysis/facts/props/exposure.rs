//! Element properties for exposure, from what reaches what (see docs/rules.md): entry
//! points and the elements one hop behind them, who calls each (people, partners,
//! providers, devices) and how the callers' names read.

use super::super::vocab::{self, cue};
use super::super::{Ty, Value, caller};
use super::{ElementProp, process};
use crate::model::ElementKind;

pub const EXPOSURE_PROPS: &[ElementProp] = &[
    // Exposure from what reaches what (see docs/rules.md): entry points and one hop in.
    ElementProp {
        name: "stand_in",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.stand_in()),
    },
    ElementProp {
        name: "people_reach",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool((f.callers | f.behind | f.front) & (caller::PEOPLE | caller::PARTNER) != 0)
        },
    },
    ElementProp {
        name: "entry_point",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers != 0 && !f.outside()),
    },
    ElementProp {
        name: "person",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(
                f.element.kind() == ElementKind::ExternalEntity
                    && f.caller_kind() & caller::PEOPLE != 0,
            )
        },
    },
    // Named only as users in general ("User", "USERS", "User 2", "End users",
    // "Customers"), or not named yet ("External entity"): not a role inside an
    // organisation.
    ElementProp {
        name: "generic_user",
        ty: Ty::Bool,
        get: |f| Value::Bool(vocab::names_users_in_general(&f.element.name)),
    },
    // Named as client software ("External REST Client", "JMX Client"), though drawn as
    // an actor.
    ElementProp {
        name: "client_named",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.name_cues & cue::CLIENT != 0),
    },
    ElementProp {
        name: "behind_entry",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.behind != 0),
    },
    // Takes in what outside callers push and serves nothing back to them.
    ElementProp {
        name: "intake_only",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.intake_only),
    },
    ElementProp {
        name: "behind_gateway",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.behind_gateway),
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
    // Someone with an account calls it: not only the anonymous public, devices or systems.
    ElementProp {
        name: "member_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.member_callers),
    },
    ElementProp {
        name: "identified_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers & caller::IDENTIFIED != 0),
    },
    // Someone nobody has signed in reaches it: the public, a page said to need no login.
    ElementProp {
        name: "anonymous_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers & caller::ANONYMOUS != 0),
    },
    ElementProp {
        name: "only_anonymous_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers == caller::ANONYMOUS),
    },
    // Other organisations calling through their systems (a partner, a clinic's system):
    // not a provider's webhook, a device or a service of ours.
    ElementProp {
        name: "organisation_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers & caller::PARTNER != 0),
    },
    // Called only by other companies' services (a payment provider's webhooks): whether
    // each call is theirs is the webhook threat's on its flow.
    ElementProp {
        name: "only_provider_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers != 0 && f.callers & !caller::THIRD_PARTY == 0),
    },
    // One of those systems calls over a flow that proves nothing of its source (no
    // mutual TLS, no authenticated SFTP) and is no cable.
    ElementProp {
        name: "unproven_system_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.unproven_system_callers),
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
                    // A web application's pages are seen in browsers; an API's JSON
                    // ("REST API" called by Postman) is not, unless a browser calls it.
                    || (process(f).is_some_and(|p| p.is_web_application)
                        && f.own_name_cues & cue::API == 0
                        && f.callers & (caller::PERSON | caller::ANONYMOUS | caller::ADMIN) != 0),
            )
        },
    },
    ElementProp {
        name: "idp_callers",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.callers & caller::IDP != 0),
    },
    // A browser (its caller kind says so).
    ElementProp {
        name: "browser",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.caller_kind() & caller::BROWSER != 0),
    },
    // A payment card terminal a card is tapped or inserted at ("SumUp Solo", "PDQ", "PIN
    // pad", a "card reader" that takes payments): EMV between card and terminal, no page
    // to skim.
    ElementProp {
        name: "card_terminal",
        ty: Ty::Bool,
        get: |f| {
            Value::Bool(vocab::names_card_terminal(
                &f.element.name,
                &f.element.description,
            ))
        },
    },
];
