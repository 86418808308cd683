//! What a name says of the people it stands for: users in general, the public at large,
//! staff who work over every record, or a role shaped like people ("Ward clerk",
//! "Agents"), not a machine or a body.

/// Whether a name names users in general ("User", "USERS", "User 2", "End users",
/// "Customers"), or nobody yet ("External entity"): not a role inside an organisation.
pub fn names_users_in_general(name: &str) -> bool {
    let mut words = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            [
                "user",
                "users",
                "end",
                "customer",
                "customers",
                "visitor",
                "visitors",
                "public",
                "external",
                "entity",
                "actor",
            ]
            .iter()
            .any(|g| g.eq_ignore_ascii_case(w))
        })
}

/// Whether an actor's name, before any note in brackets or after a slash, is the public at
/// large: "Public", "Public (found a dog)", "Public / press", "General public", "Members of
/// the public".
pub fn names_the_public(name: &str) -> bool {
    const PUBLIC: &[&str] = &[
        "public",
        "the public",
        "general public",
        "members of the public",
        "public user",
        "public users",
        "public visitor",
        "public visitors",
    ];
    // Read on every question about an actor: no allocation, and most names are gone at
    // their first letter.
    let name = name.trim_start();
    let first = name.as_bytes().first().map(u8::to_ascii_lowercase);
    if !PUBLIC
        .iter()
        .any(|w| w.as_bytes().first() == first.as_ref())
    {
        return false;
    }
    let name = name.split(['(', '/']).next().unwrap_or("").trim();
    PUBLIC.iter().any(|w| w.eq_ignore_ascii_case(name))
}

/// Whether an actor's name is a role inside the organisation that works over every record
/// of its kind ("Pharmacist", "Race Office", "Ops staff", "Police officer"), not a
/// customer, member or partner who owns some of them.
pub fn names_staff(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let singular = w.strip_suffix(['s', 'S']).unwrap_or(w);
        STAFF
            .iter()
            .any(|s| s.eq_ignore_ascii_case(w) || s.eq_ignore_ascii_case(singular))
    })
}

/// Whether a name says staff who act for the customers who call, chat or walk in, or the
/// tool they use for it ("Care agent", "Call centre", "Helpdesk", "Teller", "Agent
/// desktop", "CSR console"): what a caller claiming to be a customer gets done.
pub fn names_support_desk(name: &str) -> bool {
    let is = super::names::is_one_of;
    let mut last = "";
    for w in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let alone = [
            "helpdesk",
            "helpdesks",
            "csr",
            "csrs",
            "teller",
            "tellers",
            "callcentre",
        ];
        if is(w, &alone)
            || (is(
                last,
                &[
                    "call", "contact", "care", "service", "help", "support", "customer",
                ],
            ) && is(
                w,
                &[
                    "centre", "center", "centres", "centers", "desk", "agent", "agents",
                ],
            ))
            || (is(last, &["customer"]) && is(w, &["service", "services", "care"]))
            || (is(last, &["agent", "agents"]) && is(w, &["desktop", "console"]))
        {
            return true;
        }
        last = w;
    }
    false
}

/// Roles inside an organisation that work over every record of their kind.
const STAFF: &[&str] = &[
    "staff",
    "officer",
    "office",
    "clerk",
    "editor",
    "pharmacist",
    "physicist",
    "dosimetrist",
    "radiographer",
    "clinician",
    "oncologist",
    "onc",
    "police",
    "caseworker",
    "ops",
    "operations",
    "desk",
    "reception",
    "receptionist",
    "dispatcher",
    "secretary",
    "treasurer",
    "committee",
    "trustee",
    "librarian",
    "auditor",
    "analyst",
    // Support desks and ward staff see every customer's or patient's records by design
    // (a doctor may be anyone's: "Prescriber (eye doctor)" outside the organisation).
    "support",
    "nurse",
    "midwife",
    // Warehouse hands pick and pack every order.
    "picker",
    "packer",
    "warehouse",
];

/// The head word of a name: the last word before any bracket, slash, comma or colon, or
/// the last before "on", "of", "at"… ("Ranger on duty": "Ranger").
fn head_word(name: &str) -> Option<&str> {
    let head = name.split(['(', '/', ',', ':']).next().unwrap_or_default();
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let before = words
        .iter()
        .position(|w| {
            ["on", "of", "at", "in", "for", "with", "from"]
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p))
        })
        .unwrap_or(words.len());
    words[..before].last().copied()
}

/// Whether a name's head word is a person's ("Feed operator", "Platform engineer"): what
/// comes before it says what they work on, not that they are software.
pub fn human_head(name: &str) -> bool {
    head_word(name).is_some_and(|head| {
        let c = super::cues([head]);
        c & super::cue::HUMAN != 0 && c & (super::cue::SYSTEM | super::cue::API) == 0
    })
}

/// Whether an actor's name reads as people when no word of it is one the vocabulary
/// knows: its head word (the last one before any note in brackets or after a slash) names
/// someone who does something ("Shopper", "Librarian", "Angler", "Attendee", "Players"),
/// or is one of the few people nouns without such an ending ("Couple", "Child", "Host").
/// A product's name ("WorldTracer", "GovDelivery", "eBay"), an acronym ("VTS", "HMRC"),
/// a machine that does something ("Card processor", "O2 analyser") or a place or body
/// ("Print Lab", "Environment Agency", "Bank") does not.
pub fn named_like_people(name: &str) -> bool {
    let Some(last) = head_word(name) else {
        return false;
    };
    // A people word the vocabulary reads otherwise where it sits ("M365 tenant": a cloud
    // tenancy, `neighbours::NOT_AFTER`).
    if super::cues([last]) & super::cue::HUMAN != 0 && super::cues([name]) & super::cue::HUMAN == 0
    {
        return false;
    }
    // A product's name: capitals inside one word ("WorldTracer", "eBay", "LoTW").
    if last.chars().skip(1).any(|c| c.is_uppercase())
        && !last.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
    {
        return false;
    }
    let lower = last.to_ascii_lowercase();
    if last.len() <= 5 && last.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) {
        // An acronym: a system or a body, but for the roles that go by one.
        return PEOPLE_ACRONYMS.contains(&lower.as_str());
    }
    let singular = lower
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| lower.strip_suffix('s').map(str::to_string))
        .unwrap_or_else(|| lower.clone());
    if MACHINES.iter().any(|m| singular == *m || lower == *m) {
        return false;
    }
    PEOPLE_NOUNS.iter().any(|p| singular == *p || lower == *p)
        || [
            "er", "or", "ist", "ista", "ian", "ant", "ent", "ee", "eer", "man", "woman", "person",
            "smith",
        ]
        .iter()
        .any(|end| singular.len() > end.len() + 2 && singular.ends_with(end))
}

/// Roles that go by their initials.
const PEOPLE_ACRONYMS: &[&str] = &[
    "pi", "dpo", "dco", "ceo", "cfo", "cto", "ciso", "gp", "rn", "sre", "dba", "emt", "hcp", "qa",
    "hr", "soc", "noc",
];

/// People nouns without a doer's ending.
const PEOPLE_NOUNS: &[&str] = &[
    "child",
    "children",
    "kid",
    "couple",
    "family",
    "host",
    "faculty",
    "legal",
    "finance",
    "ops",
    "chair",
    "judge",
    "counsel",
    "crew",
    "team",
    "staff",
    "guest",
    "patient",
    "parent",
    "pupil",
    "nurse",
    "medic",
    "clerk",
    "tech",
    "eng",
    "mgr",
    "admin",
    "guardian",
    "carer",
    "volunteer",
    "player",
    "diver",
    "pilot",
    "athlete",
    "cast",
    "jury",
    "panel",
    "friend",
    "owner",
    "person",
    "people",
    "individual",
    "applicant",
    "director",
    "rep",
    "fan",
    "desk",
    "office",
    "registrar",
    "bursar",
    "scholar",
    "vicar",
    "analyst",
    "public",
    "secretary",
    "captain",
    "contact",
    "detective",
    "academic",
    "op",
    "paramedic",
    "patron",
    "chaplain",
    "steward",
    "marshal",
    "warden",
    "midwife",
    "surgeon",
    "coach",
    "lead",
    "chef",
    "landlord",
    "landlady",
    "citizen",
    "household",
    "candidate",
    "delegate",
    "bailiff",
    "vet",
    "locum",
    "tutor",
    "cadet",
    "intern",
    "apprentice",
    "spouse",
    "relative",
    "youth",
    "adult",
    // Departments: the people in them.
    "governance",
    "compliance",
    "operations",
    "management",
    "security",
    "support",
    "accounts",
    "payroll",
    "procurement",
    "purchasing",
    "marketing",
    "sales",
    "audit",
    "reception",
    "official",
    "guard",
    "intern",
    "cadet",
    "scout",
    "landlord",
    "mum",
    "dad",
    "mother",
    "father",
    "adult",
    "senior",
    "junior",
    "teen",
    "youth",
    "minor",
    "victim",
    "witness",
    "suspect",
    "inmate",
    "vet",
    "executive",
    "representative",
    "neighbour",
    "spouse",
];

/// Machines and services named for what they do.
const MACHINES: &[&str] = &[
    "processor",
    "aggregator",
    "analyser",
    "analyzer",
    "monitor",
    "transmitter",
    "scanner",
    "reader",
    "router",
    "server",
    "controller",
    "tracker",
    "printer",
    "computer",
    "sensor",
    "detector",
    "meter",
    "counter",
    "converter",
    "encoder",
    "decoder",
    "resolver",
    "relay",
    "adapter",
    "connector",
    "calculator",
    "generator",
    "validator",
    "indexer",
    "crawler",
    "scheduler",
    "recorder",
    "transceiver",
    "receiver",
    "charger",
    "inverter",
    "container",
    "actuator",
    "elevator",
    "motor",
    "reactor",
    "incubator",
    "exporter",
    "cluster",
    "register",
    "ledger",
    "portal",
    "website",
    "lab",
    "agency",
    "authority",
    "bank",
];
