//! Element properties for what a design says in one sentence (`vocab::designs`): its own
//! words, what comes in on its flows, what its callers and its stores say.

use super::super::vocab::design;
use super::super::{Ty, Value};
use super::ElementProp;
use crate::model::ElementKind;

/// Where a design fact counts as said of an element.
mod said {
    use crate::analysis::facts::ElementFacts;
    /// Its own words.
    pub fn own(f: &ElementFacts<'_>) -> u64 {
        f.design
    }
    /// Its own words, what comes in on its flows, what its callers and stores say.
    pub fn near(f: &ElementFacts<'_>) -> u64 {
        f.design | f.around
    }
    /// Its own words or what it sends to ("embeddings" to "OpenAI API").
    pub fn sent(f: &ElementFacts<'_>) -> u64 {
        f.design | f.outward
    }
    /// Its own words or any flow in or out of it.
    pub fn touching(f: &ElementFacts<'_>) -> u64 {
        f.design | f.around | f.outward
    }
}

/// A design fact (`vocab::design`) `$bit`, said where `$said` reads it ([`said`]), of
/// elements of one kind (`process`, `store`) or of `any`.
macro_rules! design_prop {
    ($name:literal, $kind:ident, $said:ident, $bit:expr) => {
        ElementProp {
            name: $name,
            ty: Ty::Bool,
            get: |f| Value::Bool(design_prop!(@kind $kind, f) && said::$said(f) & $bit != 0),
        }
    };
    (@kind process, $f:ident) => {
        $f.element.kind() == ElementKind::Process
    };
    (@kind store, $f:ident) => {
        $f.element.kind() == ElementKind::DataStore
    };
    (@kind any, $f:ident) => {
        true
    };
}

pub const DESIGN_PROPS: &[ElementProp] = &[
    // What the design lets callers decide or costs it, said in one sentence
    // (`vocab::designs`): its own words, what comes in on its flows, what its callers and
    // its stores say.
    design_prop!("takes_uploads", process, near, design::UPLOADS),
    // A store its own words say is shared by a link that works without signing in.
    ElementProp {
        name: "shared_by_link",
        ty: Ty::Bool,
        get: |f| Value::Bool(f.shared_by_link()),
    },
    // Converts or parses files by its own words ("thumbnailer (ImageMagick)"), and files
    // people uploaded reach it, on its flows or from the store they were put in.
    design_prop!("parses_files", process, own, design::PARSES_FILES),
    design_prop!(
        "reads_uploads",
        process,
        near,
        design::UPLOADS | design::READS_UPLOADS
    ),
    design_prop!("expensive_work", process, near, design::EXPENSIVE),
    design_prop!("long_connections", process, near, design::CONNECTIONS),
    design_prop!("peaks", process, near, design::PEAKS),
    design_prop!("passwordless", any, near, design::PASSWORDLESS),
    // Its own words name a password ("agent login email + password, guests get a magic
    // link": some sign in with one, whatever else it offers).
    design_prop!("password_sign_in", any, own, design::PASSWORD),
    design_prop!("short_code", process, near, design::SHORT_CODE),
    // Lets people in, or finds their records, by a reference and facts others know of
    // them ("ref + DOB"), by its own words, a flow into it or its callers'.
    design_prop!("known_facts", process, near, design::KNOWN_FACTS),
    // How long it keeps data, by its own words; a further use of it, by its own words or
    // a flow in or out of it ("research export").
    design_prop!("retention_said", any, own, design::RETENTION),
    design_prop!("second_use", any, touching, design::SECOND_USE),
    // Its own words, or a flow in or out of it ("overrides / patron edits").
    design_prop!("overrides", process, touching, design::OVERRIDE),
    // Hands out links that work for whoever holds them: its own words, or a flow in or
    // out of it ("download link", "SMS: claim link").
    design_prop!("bearer_links", process, touching, design::BEARER_LINK),
    design_prop!("platform_sign_in", any, near, design::PLATFORM_SIGN_IN),
    design_prop!("promotions", process, near, design::PROMO),
    design_prop!("approvals", process, near, design::APPROVAL),
    design_prop!("balances", process, near, design::BALANCE),
    // Takes bookings or holds of limited places, by its words or what comes in on its
    // flows ("book slot", "reserve place"), its callers' or its stores' ("Bookings DB").
    design_prop!("takes_bookings", process, near, design::RESERVES),
    // Scans what it is sent for malware ("ClamAV", "virus scan"), by its words or what
    // comes in on its flows, its callers' or its stores'.
    design_prop!("scans_files", any, near, design::SCANS_FILES),
    // Writes into a store of uploaded files ("Evidence docs", "uploads blob").
    design_prop!("writes_uploads", process, near, design::WRITES_UPLOADS),
    // A store its own words say is written through URLs the service signs ("S3. app
    // uploads direct with presigned url").
    design_prop!("signed_uploads", store, own, design::SIGNED_URL),
    design_prop!("client_decides", process, near, design::CLIENT_DECIDES),
    // Its own words or what it sends to ("embeddings" to "OpenAI API").
    design_prop!("uses_llm", process, sent, design::LLM),
    // A store where files are handed over: its own words ("payroll SFTP share", "SFTP
    // landing") or a flow in or out of it ("SFTP upload", "daily CSV drop").
    design_prop!("file_drop", store, touching, design::FILE_DROP),
    // Holds many customers' data side by side: its own words, or what is written into it.
    design_prop!("all_tenants", store, near, design::ALL_TENANTS),
    // Decides who may do what from a copy: its own words ("copy of regulator register,
    // refreshed nightly", "caches cardholders, keeps working if server is down", "key
    // kept so the car opens offline"), or who-may-do-what brought in on a schedule
    // ("nightly. pulls users, groups").
    ElementProp {
        name: "stale_access_copy",
        ty: Ty::Bool,
        get: |f| {
            let said = said::near(f);
            Value::Bool(
                f.element.kind() != ElementKind::ExternalEntity
                    && said & design::ACCESS_LIST != 0
                    && (f.design & design::COPY != 0 || f.around & design::SCHEDULED != 0),
            )
        },
    },
    design_prop!("scheduled", any, own, design::SCHEDULED),
    // Goes on without a check in a case its own words name.
    design_prop!("fails_open_said", process, own, design::FAILS_OPEN),
    design_prop!("vendor_product", process, own, design::VENDOR_PRODUCT),
    design_prop!("embedded_key", any, own, design::EMBEDDED_KEY),
    design_prop!("secret_in_config", any, own, design::SECRET_IN_CONFIG),
    // Meant to be read by anyone ("public-read", "static website").
    design_prop!("public_read", store, own, design::PUBLIC_READ),
    // Keeps people signed in for long, said of it or of what it talks to.
    design_prop!("long_sessions", any, touching, design::LONG_SESSION),
    // Keeps people signed in with sessions, said of it or of a flow in or out of it.
    design_prop!("sessions_said", any, touching, design::SESSIONS),
    // Holds or handles special-category data, by its own words ("patient notes", "DBS
    // checks") or what comes in on its flows.
    design_prop!("special_data", any, near, design::SPECIAL_DATA),
    // People sign, witness, declare or confirm in it: by its own words, what comes in on
    // its flows, what its callers and stores say ("signature capture", "witness PIN").
    design_prop!("attests", process, near, design::ATTESTS),
    // Answers lookups by its own words or the flows into it ("status page", "lookup by
    // reg + mobile").
    design_prop!("lookups", process, near, design::LOOKUP),
    // Open without login by its own words or its callers' ("Customer: no account,
    // identified by reg plate + mobile no.").
    design_prop!("no_login_near", process, near, design::NO_LOGIN),
    // Writes spreadsheets by its own words ("CSV/XLSX export").
    design_prop!("spreadsheet", any, own, design::SPREADSHEET),
    // Changes or resets what proves an account's owner, by its own words or a flow in or
    // out of it ("PIN reset" to the SMS gateway).
    design_prop!("recovery", process, touching, design::RECOVERY),
    // Raises alarms or alerts, by its own words or what it sends ("alert sms").
    design_prop!("raises_alerts", process, sent, design::ALERTING),
    // A provider the browser is sent to ("redirect w/ order ref", "hosted payment page").
    design_prop!("hosted_page", any, own, design::HOSTED_PAGE),
    // Its administrators are its customers' own ("Org admins", "merchant admin"), by its
    // words, its callers' or what comes in.
    design_prop!("tenant_admins", process, near, design::TENANT_ADMINS),
    // Queries through an ORM or bound parameters, or builds SQL itself: by its own words
    // or what it sends ("Django", a flow named "ORM", "raw SQL for the search").
    design_prop!("bound_queries", process, touching, design::BOUND_QUERIES),
    design_prop!("raw_sql", process, sent, design::RAW_SQL),
    design_prop!("reads_outsiders", process, near, design::READS_OUTSIDERS),
    // Its own words only: a page said to need no login, one login shared by several
    // people, callers choosing whom it writes to.
    design_prop!("no_login", any, own, design::NO_LOGIN),
    // Its own words say the codes it checks are signed or used once.
    design_prop!("signed_codes", any, own, design::SIGNED_CODE),
    design_prop!("shared_login", any, own, design::SHARED_LOGIN),
    design_prop!("caller_recipients", any, own, design::CALLER_RECIPIENTS),
    // Sends text messages: by its words, or by what it sends and to whom ("OTP", Twilio).
    design_prop!("sends_texts", process, sent, design::TEXTS),
    // Says it shows what it holds to whoever opens it ("leaderboard", "public results").
    design_prop!("public_display", process, own, design::PUBLIC_DISPLAY),
    // Shows details of people: read from the stores or services behind it, or sent out
    // to people (`context::around`).
    design_prop!("shows_people", process, near, design::SHOWS_PEOPLE),
    // Pays or decides by a location its callers report ("payout per drop (distance
    // based)" with "GPS ping" coming in).
    ElementProp {
        name: "location_pays",
        ty: Ty::Bool,
        get: |f| {
            let said = said::near(f);
            Value::Bool(
                f.element.kind() == ElementKind::Process
                    && said & design::LOCATION != 0
                    && said & design::PAYS_BY_MEASURE != 0,
            )
        },
    },
];
