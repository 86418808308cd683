//! Words that change what a cue word means by what sits right before or after it: a "key
//! card" opens doors, "payments-auth" authorises payments, "the client's URL" is a
//! customer's, a "phone number" is data about a person.

/// Patterns that mean something else right after one of these words: "payments-auth" and
/// "card auth" authorise payments (no sign-in); "/commands" and "slash commands" are a
/// chat's (no shell); a "support agent" is a person (no software); a "key card" or
/// "master/HK cards" open doors (no payment card); "email + phone" is a person's details.
/// Patterns that keep one of their cues (the bits) only right after one of these words,
/// or with no word before them: an "operator" administers the system as its own ("Operator",
/// "Control room operator", "NOC operator", "the operator"); a "chamber operator", a "ride
/// operator" or a "display operator" runs equipment or an event, and is a person, not an
/// administrator of the software.
pub(super) const ONLY_AFTER: &[(&str, u64, &[&str])] = &[
    // "cash withdrawal", "Withdrawal request", "approve withdrawals": money leaving; not
    // "an opt-out/withdrawal always overrides", "withdrawal of consent".
    (
        "withdrawal",
        super::cue::MONEY_OUT,
        &[
            "", "cash", "atm", "funds", "fund", "wallet", "crypto", "bank", "instant", "pending",
            "savings", "approve", "approves", "deposit", "deposits", "balance", "and", "player",
            "customer", "user", "member",
        ],
    ),
    (
        "operator",
        super::cue::ADMIN,
        &[
            "", "a", "an", "the", "our", "and", "or", "by", "system", "systems", "room", "control",
            "console", "platform", "ops", "it", "noc", "soc", "service", "duty", "shift", "night",
            "computer", "database", "db", "backup", "senior", "lead", "chief", "head",
        ],
    ),
];

pub(super) const NOT_AFTER: &[(&[&str], &[&str])] = &[
    // A "mail queue" is a mail server's spool, a "print queue" a printer's: nothing
    // publishes messages for consumers to act on.
    (
        &["queue", "queues"],
        &["mail", "email", "e-mail", "smtp", "print", "printer"],
    ),
    // "email + phone", "name, mobile", "(email, card, phone)": a field in a list of a
    // person's details, not their phone.
    (
        &["phone", "mobile"],
        &[
            ",", "email", "mail", "name", "address", "postcode", "dob", "card", "cards", "iban",
            "ssn",
        ],
    ),
    // A "log robot", a "chat robot", a "mail robot": software that reads and answers, not
    // a machine out in the field.
    (
        &["robot", "robots"],
        &[
            "log", "logs", "mail", "email", "chat", "slack", "discord", "telegram", "trading",
            "web",
        ],
    ),
    // "score, payout" on a results page, "odds / payout": an amount shown, not money sent.
    (&["payout", "payouts"], &[",", "score", "odds", "prize"]),
    // "SIP REGISTER / INVITE", "calendar invite": a call set up or a meeting booked, no
    // link that acts for its holder.
    (
        &["invite", "invites", "invitation"],
        &["sip", "register", "calendar", "meeting", "teams", "outlook"],
    ),
    // "M365 tenant", "Azure tenant": an organisation's cloud tenancy, a system that sends,
    // not a person who rents; "<tenant>" in an address is a value filled in.
    (
        &["tenant", "tenants"],
        &[
            "m365",
            "o365",
            "365",
            "azure",
            "entra",
            "workspace",
            "aad",
            "saas",
            "cloud",
            "<",
        ],
    ),
    // "forum topics", "users, topics": a forum's discussions, no message broker's.
    (
        &["topic", "topics"],
        &[
            ",",
            "forum",
            "discussion",
            "discussions",
            "help",
            "users",
            "categories",
        ],
    ),
    // "Helicopter operator", "tour operator", "mobile network operator": a company that
    // runs a service, not someone who operates this system.
    (
        &["operator", "operators"],
        &[
            "helicopter",
            "tour",
            "ferry",
            "bus",
            "coach",
            "rail",
            "train",
            "airline",
            "network",
            "mobile",
            "telecom",
            "fleet",
            "port",
            "courier",
            "haulage",
            "parking",
            "shipping",
            "freight",
            "logistics",
            "lottery",
            "casino",
        ],
    ),
    // "non-execs", "senior exec": people, not a command run.
    (&["exec"], &["non", "senior", "chief"]),
    // "allow admin", "runs as admin", "local admin": privileges on a machine, not an
    // administration interface.
    (&["admin"], &["allow", "allows", "as", "local"]),
    // "released to back office queue", "emails to admin": where it sends, not who calls it.
    (
        &["back office", "back-office", "backoffice", "admin"],
        &["to", "into", "towards"],
    ),
    (
        &["auth"],
        &["payment", "payments", "card", "cards", "txn", "transaction"],
    ),
    (&["command"], &["/", "slash", "bot", "chat", "voice"]),
    // A vault of documents, bids or evidence keeps those, not keys ("Sealed Bid Vault",
    // "Document vault"); a key or secrets vault is named so.
    (
        &["vault"],
        &[
            "bid",
            "bids",
            "document",
            "documents",
            "doc",
            "docs",
            "evidence",
            "photo",
            "photos",
            "media",
            "file",
            "files",
            "record",
            "records",
            "archive",
            "paper",
            "papers",
            "exam",
            "cash",
            "deed",
            "deeds",
            "will",
            "wills",
            "contract",
            "contracts",
        ],
    ),
    // A support, travel or letting agent is a person at a desk, not software on a host;
    // so is the agent named as the alternative to a person ("Ratepayer / agent").
    (
        &["agent"],
        &[
            "/",
            "support",
            "service",
            "services",
            "travel",
            "talent",
            "ship",
            "shipping",
            "prm",
            "ops",
            "noc",
            "helpdesk",
            "dca",
            "collections",
            "care",
            "centre",
            "center",
            "cs",
            "customer",
            "sales",
            "booking",
            "letting",
            "lettings",
            "estate",
            "managing",
            "field",
            "insurance",
            "claims",
            "ticket",
            "ticketing",
            "desk",
            "landlord",
            "enforcement",
            "recovery",
            "debt",
        ],
    ),
    // A customs, insurance or licensed broker is a person, not a message broker.
    (
        &["broker"],
        &[
            "licensed",
            "customs",
            "insurance",
            "mortgage",
            "stock",
            "freight",
            "estate",
            "junior",
            "senior",
            "energy",
        ],
    ),
    // Key cards, badges and ID cards open doors; a SIM or loyalty card pays nothing; a
    // scorecard, a report card or a postcard is no payment card.
    (
        &["card"],
        &[
            "score",
            "report",
            "post",
            "wild",
            "flash",
            "key",
            "keycard",
            "access",
            "badge",
            "id",
            "identity",
            "prox",
            "proximity",
            "smart",
            "master",
            "hk",
            "housekeeping",
            "staff",
            "employee",
            "door",
            "room",
            "hotel",
            "guest",
            "sim",
            "loyalty",
            "library",
            // "e-card number + PIN": a library's or a member's electronic card.
            "e",
            "student",
            "member",
            "membership",
            "temp",
            "visitor",
            "mifare",
            "season",
            "rfid",
            "nfc",
            // "5 holds per card": the card a limit counts by, a library's or a club's.
            "per",
            // A referee's red and yellow cards.
            "red",
            "yellow",
            "resident",
            "residents",
            "citizen",
            "transit",
            "travel",
            // Storage and hardware cards.
            "sd",
            "microsd",
            "memory",
            "graphics",
            "network",
            "sound",
            // Cards issued or reported on, not typed in: "new cards", "match report
            // (cards, incidents)".
            "new",
            "reissue",
            "replacement",
            "report",
            // The card of a match, a bout or a job: a list on paper or screen.
            "match",
            "bout",
            "fight",
            "fixture",
            "job",
            "task",
            "time",
        ],
    ),
    // A virtual machine, a build or jump machine, a state machine: software, not a unit
    // in the field.
    (
        &["machine", "machines"],
        &[
            "virtual",
            "build",
            "jump",
            "state",
            "dev",
            "developer",
            "developers",
            "bastion",
            "windows",
            "linux",
            "admin",
            "user",
            "users",
            "staff",
            "office",
            "local",
            "host",
            "worker",
            "runner",
        ],
    ),
    // A licence seat, a library book or a branch is checked out without paying.
    (
        &["checkout"],
        &[
            "seat",
            "seats",
            "license",
            "licence",
            "git",
            "repo",
            "code",
            "book",
            "books",
            "library",
            "equipment",
            "key",
            "keys",
            "branch",
        ],
    ),
    // A "Paper Vault" or a "document vault" keeps papers and documents, not keys.
    (
        &["vault"],
        &[
            "paper",
            "papers",
            "document",
            "documents",
            "doc",
            "docs",
            "photo",
            "photos",
            "file",
            "files",
            "evidence",
            "record",
            "records",
            "media",
            "video",
            "art",
        ],
    ),
    // Money held in accounts is no sign-in either.
    (
        &["accounts", "account"],
        &[
            "bank",
            "brokerage",
            "trading",
            "ledger",
            "gl",
            "payee",
            "savings",
            "cash",
            "margin",
            "omnibus",
            "escrow",
            "loan",
            "deposit",
        ],
    ),
    // A card or payment token stands for a card at the payment provider; it signs nobody
    // in ("saved card token", "charge (card token)").
    (
        &["token"],
        &[
            "card", "cards", "payment", "payments", "stripe", "pan", "gateway",
        ],
    ),
    // A charging, game or therapy session holds no sign-in.
    (
        &["session"],
        &[
            "charging",
            "charge",
            "game",
            "gaming",
            "play",
            "playback",
            "streaming",
            "video",
            "chat",
            "trading",
            "training",
            "therapy",
            "call",
            "exam",
            "workout",
            "flight",
            "recording",
            "meeting",
            "tutoring",
            "learning",
            "reading",
            "spray",
            "parking",
            "chamber",
            "treatment",
            "dive",
            "class",
            "lesson",
            "practice",
        ],
    ),
    (
        &["agent"],
        &[
            "support", "sales", "centre", "center", "helpdesk", "desk", "service",
        ],
    ),
    // "do not store reporter IP or user agent": data about a caller, not client software.
    (
        &["user agent", "user-agent"],
        &[
            "or", "and", "ip", "store", "stores", "log", "logs", "logged", "record", "records",
            "reporter", "no", "their", "its",
        ],
    ),
];

/// Patterns that mean something else right before one of these words (past the words
/// skipped): "client sends its rank" or "the client's URL" speaks of the callers'
/// software or of a customer, not of what the element is; "Accounts & positions" hold
/// money, not logins; "Sessions / meter values" are what a charger measured; a "phone
/// number" is data about a person, not their phone.
/// (patterns, words skipped, words)
pub(super) const NOT_BEFORE: &[(&[&str], &[&str], &[&str])] = &[
    // "login, settings, webhook url": the address a customer sets for calls the system
    // makes, no webhook coming in.
    (&["webhook"], &[], &["url", "urls"]),
    // "card photo", "card image": a picture of a card (a darts match card, an ID card),
    // no card number entered; "Cardless svc" works without one; a "cardRef" stands for a
    // card the issuer holds, no number anybody types.
    (
        &["card"],
        &[],
        &[
            "photo", "photos", "image", "images", "picture", "pic", "less", "ref", "refs",
        ],
    ),
    // "admin rights", "admin privileges": privileges on a machine, not an administration
    // interface.
    (
        &["admin"],
        &[],
        &[
            "rights",
            "privileges",
            "privilege",
            "permissions",
            "elevation",
            // "VAT minus admin fee": money kept, not an administration interface.
            "fee",
            "fees",
            "charge",
            "charges",
            "cost",
            "costs",
        ],
    ),
    // "Agent (shop staff)", "Agent (branch)": a person, said in brackets.
    (
        &["agent"],
        &[],
        &[
            "shop", "staff", "branch", "counter", "human", "person", "people", "employee",
        ],
    ),
    // A service desk is people answering calls, not a software service.
    (&["service"], &[], &["desk", "desks"]),
    // An API key or token is a credential one holds, not an API one serves ("client cert +
    // API key in app settings").
    (&["api"], &[], &["key", "keys", "token", "tokens"]),
    // "exec directors", "staff + exec SSO": executives, not a command run.
    (
        &["exec"],
        &[],
        &[
            "director",
            "directors",
            "team",
            "teams",
            "board",
            "member",
            "members",
            "assistant",
            "assistants",
            "sso",
            "committee",
            "staff",
            "users",
            "pa",
            "pas",
            "summary",
            "sponsor",
            "sponsors",
            "level",
            "meeting",
            "meetings",
        ],
    ),
    // A link to, a hash of or the name of an image or a document carries no media to
    // decode ("image hash", "pdf link", "video url").
    (
        &["image", "video", "audio", "media", "document", "pdf"],
        &[],
        &[
            "hash", "hashes", "link", "links", "url", "urls", "id", "ids", "digest", "ref", "refs",
            "tag", "tags", "name", "names", "metadata", "count",
        ],
    ),
    // "admin=true" in what one service sends another (an SSO payload): a value, no
    // administration interface of the sender's.
    (&["admin"], &[], &["true", "false"]),
    // "my devices page", "device list", "devices tab": a page about someone's devices, no
    // device itself.
    (
        &["device"],
        &["s"],
        &[
            "page", "pages", "list", "lists", "screen", "tab", "settings", "view",
        ],
    ),
    // "topics, posts, PMs": a forum's discussions, no message broker's.
    (
        &["topic", "topics"],
        &["s"],
        &["post", "posts", "replies", "reply", "threads", "comments"],
    ),
    (
        &["client"],
        &[],
        &[
            "sends",
            "send",
            "sent",
            "calls",
            "connects",
            "requests",
            "posts",
            "uploads",
            "submits",
            "talks",
            "polls",
            "reports",
            "supplies",
            "provides",
            "url",
            "urls",
            "endpoint",
            "endpoints",
            "callback",
            "callbacks",
            "id",
            "ids",
            "secret",
            "secrets",
            // "the client's callback URL" speaks of a customer.
            "'s",
            // "trainer <-> client messages", "client notes": a professional's customer.
            "messages",
            "message",
            "notes",
            "records",
            "details",
            // "MaxMind lookup on client IP": the caller's address, no client software.
            "ip",
            "ips",
            "address",
            "addresses",
        ],
    ),
    (
        &["accounts", "account"],
        &["and", "s"],
        &[
            "positions",
            "balances",
            "balance",
            "holdings",
            "ledger",
            "transactions",
        ],
    ),
    (
        &["phone", "mobile"],
        &[],
        &[
            "number",
            "numbers",
            "no",
            "nr",
            "call",
            "calls",
            "verification",
            "verified",
            "contact",
            "contacts",
            // "phone + email", "mobile, name": a field in a list of them.
            "email",
            "mail",
            "name",
            "address",
            "postcode",
            "dob",
        ],
    ),
    (
        &["session"],
        &["s"],
        &[
            "meter",
            "meters",
            "cdr",
            "cdrs",
            "kwh",
            "energy",
            "charging",
            // "Session log", "session summary", "session bookings": a record of sessions
            // people attend, not a sign-in.
            "log",
            "logs",
            "summary",
            "summaries",
            "notes",
            "plan",
            "plans",
            "report",
            "reports",
            "record",
            "records",
            "slot",
            "slots",
            "times",
            "fee",
            "fees",
            "booking",
            "bookings",
            "schedule",
            "register",
        ],
    ),
    // A bank feed or statement is bookkeeping read from a bank, not a payment made here.
    (
        &["bank"],
        &[],
        &[
            "feed",
            "feeds",
            "statement",
            "statements",
            "holiday",
            "holidays",
        ],
    ),
    // An "Android box" or "Android TV" is a device on a wall, not an app in someone's hand.
    (
        &["android"],
        &[],
        &[
            "box", "boxes", "tv", "stick", "device", "devices", "player", "things",
        ],
    ),
];
