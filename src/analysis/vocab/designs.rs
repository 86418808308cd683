//! What a design lets its callers decide or costs it, as teams say it in one sentence of a
//! description: "calculates payout per drop (distance based)", "one login per restaurant,
//! shared by staff", "hit registration done client side", "promo codes", "payouts over
//! £10k need a second approval", "link sent by SMS, no login", "pdf / jpg / docx
//! evidence, max 20MB". Reviewers expect the abuse such a sentence opens; a rule that
//! waits for a property flag never raises it.
//!
//! One file, over 800 lines: the phrase table, one row (phrase, fact, how it sits) per
//! phrasing teams use, data rather than logic; the few phrases that mean something else
//! where they sit are told apart in `skip`.

use super::Mode::{self, Sub, Whole, Word};
use super::phrases::Phrases;

/// Design facts, as bits.
pub mod design {
    /// Takes files: uploads, attachments, evidence, photos, imports.
    pub const UPLOADS: u64 = 1 << 0;
    /// Does work far costlier than the request asking for it: rendering, transcoding,
    /// searches, exports, OCR, model inference.
    pub const EXPENSIVE: u64 = 1 << 1;
    /// Holds connections open: WebSockets, MQTT, UDP game traffic, real-time streams.
    pub const CONNECTIONS: u64 = 1 << 2;
    /// Load comes in rushes: peaks, deadlines, premieres, everyone at once.
    pub const PEAKS: u64 = 1 << 3;
    /// Sends text messages (SMS, one-time codes), paid per message.
    pub const TEXTS: u64 = 1 << 4;
    /// Signs people in with one-time codes, magic links or passkeys: no password.
    pub const PASSWORDLESS: u64 = 1 << 5;
    /// Open to anyone: no login, a public link or page.
    pub const NO_LOGIN: u64 = 1 << 6;
    /// Promotions: promo codes, coupons, vouchers, referrals, gift cards, bonuses.
    pub const PROMO: u64 = 1 << 7;
    /// An approval step: approvers, sign-off, four eyes, maker-checker.
    pub const APPROVAL: u64 = 1 << 8;
    /// One login shared by several people.
    pub const SHARED_LOGIN: u64 = 1 << 9;
    /// The client decides or declares what the server acts on: "client side",
    /// "self-declared", "client sends its rank".
    pub const CLIENT_DECIDES: u64 = 1 << 10;
    /// Locations: GPS, geofences, coordinates.
    pub const LOCATION: u64 = 1 << 11;
    /// Pays or decides by what is measured: payout per drop, distance based, fares,
    /// mileage, check-ins, proof of delivery.
    pub const PAYS_BY_MEASURE: u64 = 1 << 12;
    /// Balances that can be spent: wallets, credits, points, in-game currency, trades,
    /// single-use or one-per-customer items.
    pub const BALANCE: u64 = 1 << 13;
    /// Its callers choose who receives what it sends: invites, sharing, referrals,
    /// contact forms.
    pub const CALLER_RECIPIENTS: u64 = 1 << 14;
    /// Signs people in with a game or device platform's ticket (a Steam session ticket,
    /// Sign in with Apple): the platform checks who they are, no password is sent here.
    pub const PLATFORM_SIGN_IN: u64 = 1 << 15;
    /// Runs on a schedule (a nightly or hourly job): nobody's requests race in it.
    pub const SCHEDULED: u64 = 1 << 16;
    /// A wire or a person, not a network: dry contacts, door wiring, an air-gapped
    /// machine, a USB stick carried over.
    pub const WIRED: u64 = 1 << 17;
    /// Hands text to a language model (an LLM, a RAG agent, an AI assistant).
    pub const LLM: u64 = 1 << 18;
    /// Files handed over through a folder: an SFTP drop, a network share, a landing zone,
    /// batch or export files another party picks up.
    pub const FILE_DROP: u64 = 1 << 19;
    /// Decides from a copy: refreshed on a schedule, cached, or kept for working offline.
    pub const COPY: u64 = 1 << 20;
    /// Holds who may do what: cardholders and access levels, users and groups, roles,
    /// allow and block lists, keys issued to people.
    pub const ACCESS_LIST: u64 = 1 << 21;
    /// Converts or parses files in formats where crafted input finds bugs: images, video,
    /// PDFs and office documents, archives (ImageMagick, ffmpeg, Ghostscript, OCR).
    pub const PARSES_FILES: u64 = 1 << 22;
    /// Reads files other people uploaded, from the store they were put in.
    pub const READS_UPLOADS: u64 = 1 << 23;
    /// Holds many customers' data side by side, told apart by a column or a filter:
    /// "multi-tenant", "tenant_id", "one index for all firms", "every merchant's sales".
    pub const ALL_TENANTS: u64 = 1 << 24;
    /// Goes on without a check in some case the team wrote down: a failure policy of
    /// "ignore", a check skipped when something matches, working on when a checker is
    /// down ("failurePolicy: Ignore so deploys don't break", "the DOB check is skipped").
    pub const FAILS_OPEN: u64 = 1 << 25;
    /// Another company's product the team runs or rents, not code it writes: "vendor
    /// hosted", "off-the-shelf", Harbor, Moodle, Mirth, Keycloak, Jenkins. Its queries are
    /// the vendor's to get right; patching and configuring it are the team's.
    pub const VENDOR_PRODUCT: u64 = 1 << 26;
    /// A key or secret built into code, a script, an app or firmware: "Twilio key in the
    /// script", "API key compiled into firmware (same for all units)", "hard-coded".
    pub const EMBEDDED_KEY: u64 = 1 << 27;
    /// Reads, from a store, what people outside the system sent in (messages, tickets,
    /// logs, reviews): written there by an entry point they call.
    pub const READS_OUTSIDERS: u64 = 1 << 28;
    /// Lets callers in with a short code they type: a PIN, a 4–6 digit or few-character
    /// code, a join, pairing or kit code ("card no + PIN", "students join with a 6 digit
    /// code", "box shows 6 digit code on screen").
    pub const SHORT_CODE: u64 = 1 << 29;
    /// Hands out links that open content or act for whoever holds them: share and
    /// download links, presigned URLs, links sent by e-mail or SMS ("share link",
    /// "raw data dl (presigned url)", "SMS: claim link", "approval req (email link)").
    pub const BEARER_LINK: u64 = 1 << 30;
    /// Speaks a protocol devices publish and subscribe with: MQTT, or a broker made for
    /// it ("EMQX", "mosquitto", "AWS IoT Core").
    pub const DEVICE_MESSAGING: u64 = 1 << 31;
    /// Lets staff set aside what the system otherwise enforces: overrides, forcing,
    /// manual releases and changes, balance adjustments, acting as a customer ("bed
    /// managers can override placements", "force unlock", "'log in as customer' button").
    pub const OVERRIDE: u64 = 1 << 32;
    /// Says how long it keeps what it holds: "kept 2 yrs", "90 days retention", "deleted
    /// after 30 days".
    pub const RETENTION: u64 = 1 << 33;
    /// Uses what it holds for a purpose beyond the service: tuning or training models,
    /// recommendations, research, analytics, marketing; de-identified exports.
    pub const SECOND_USE: u64 = 1 << 34;
    /// Keeps keys, passwords or tokens in a configuration file or in plain text: "tech
    /// user creds in console config", "IAM access key + API token in config.ini".
    pub const SECRET_IN_CONFIG: u64 = 1 << 35;
    /// Meant to be read by anyone: "public-read", "publicly readable", "public assets",
    /// "static website". What such a store holds is no secret; who can write it is.
    pub const PUBLIC_READ: u64 = 1 << 36;
    /// Keeps people signed in for long: refresh tokens, "remember me", tokens valid for
    /// days ("JWT (30-day expiry)", "30-day refresh tokens").
    pub const LONG_SESSION: u64 = 1 << 37;
    /// Changes what an account is recovered or reached through, or resets what proves
    /// its owner: "change phone no.", "2FA reset, email change", "reset device binding",
    /// "PIN reset".
    pub const RECOVERY: u64 = 1 << 38;
    /// Raises alarms or alerts people act on: "alarm manager", "alert sms", "escalation
    /// engine", "evac alert", "pages on-call".
    pub const ALERTING: u64 = 1 << 39;
}

/// Words for one design fact, for the inspector.
pub fn design_label(bit: u64) -> &'static str {
    match bit {
        design::UPLOADS => "takes uploaded files",
        design::EXPENSIVE => "does expensive work per request",
        design::CONNECTIONS => "holds connections open",
        design::PEAKS => "takes load in rushes",
        design::TEXTS => "sends text messages",
        design::PASSWORDLESS => "signs in without passwords",
        design::NO_LOGIN => "open without login",
        design::PROMO => "promotions",
        design::APPROVAL => "an approval step",
        design::SHARED_LOGIN => "a login shared by several people",
        design::CLIENT_DECIDES => "trusts what the client reports",
        design::LOCATION => "locations",
        design::PAYS_BY_MEASURE => "pays or decides by what is measured",
        design::BALANCE => "balances that can be spent",
        design::CALLER_RECIPIENTS => "callers choose the recipients",
        design::PLATFORM_SIGN_IN => "signs in with a platform's ticket",
        design::SCHEDULED => "runs on a schedule",
        design::WIRED => "a wire or a person, no network",
        design::LLM => "hands text to a language model",
        design::FILE_DROP => "files handed over through a folder (SFTP, a share)",
        design::COPY => "decides from a copy (synced on a schedule, cached, offline)",
        design::ACCESS_LIST => "holds who may do what",
        design::PARSES_FILES => "converts or parses files (images, media, documents, archives)",
        design::READS_UPLOADS => "reads files others uploaded",
        design::ALL_TENANTS => "many customers' data side by side",
        design::FAILS_OPEN => "goes on without a check in some cases",
        design::VENDOR_PRODUCT => "another company's product",
        design::EMBEDDED_KEY => "a key built into its code, app or firmware",
        design::READS_OUTSIDERS => "reads what outsiders sent in",
        design::SHORT_CODE => "lets callers in with a short code (a PIN, a join or pairing code)",
        design::BEARER_LINK => "hands out links that work for whoever holds them",
        design::DEVICE_MESSAGING => "devices publish and subscribe (MQTT)",
        design::OVERRIDE => "staff can override what the system enforces",
        design::RETENTION => "says how long it keeps data",
        design::SECOND_USE => "uses data for a further purpose (training, research, analytics)",
        design::SECRET_IN_CONFIG => "keeps secrets in a configuration file or in plain text",
        design::PUBLIC_READ => "meant to be read by anyone",
        design::LONG_SESSION => "keeps people signed in for long (refresh tokens, days)",
        design::RECOVERY => {
            "changes or resets what proves an account's owner (phone, e-mail, second factor, PIN)"
        }
        _ => "",
    }
}

use design as d;

const DESIGN: &[(&str, u64, Mode)] = &[
    ("upload", d::UPLOADS, Word),
    ("uploads", d::UPLOADS, Word),
    ("uploaded", d::UPLOADS, Word),
    ("attachment", d::UPLOADS, Word),
    ("evidence", d::UPLOADS, Word),
    ("photo", d::UPLOADS, Word),
    ("csv import", d::UPLOADS, Word),
    ("import csv", d::UPLOADS, Word),
    ("bulk import", d::UPLOADS, Word),
    ("file drop", d::UPLOADS, Word),
    ("max 10mb", d::UPLOADS, Word),
    ("max 20mb", d::UPLOADS, Word),
    ("max 50mb", d::UPLOADS, Word),
    ("ffmpeg", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("imagemagick", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("ghostscript", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("libreoffice", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("libvips", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("gdal", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("exiftool", d::PARSES_FILES, Word),
    ("poppler", d::PARSES_FILES, Word),
    ("pdfium", d::PARSES_FILES, Word),
    ("preflight", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("media processing", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("photo processor", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("image processor", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("document conversion", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("converts to pdf", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("unzip", d::PARSES_FILES, Word),
    ("unzips", d::PARSES_FILES, Word),
    ("decompress", d::PARSES_FILES, Word),
    ("extracts text", d::PARSES_FILES, Word),
    ("text extraction", d::PARSES_FILES, Word),
    ("renderer", d::EXPENSIVE, Word),
    ("rendering", d::EXPENSIVE, Word),
    ("transcode", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("transcoding", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("transcoder", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("thumbnail", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("thumbnailer", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("resize", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("ocr", d::EXPENSIVE | d::PARSES_FILES, Whole),
    ("pdf generation", d::EXPENSIVE, Word),
    ("generates pdf", d::EXPENSIVE, Word),
    ("html to pdf", d::EXPENSIVE, Word),
    ("html-to-pdf", d::EXPENSIVE, Word),
    ("report generation", d::EXPENSIVE, Word),
    ("export", d::EXPENSIVE, Word),
    ("full-text", d::EXPENSIVE, Word),
    ("full text search", d::EXPENSIVE, Word),
    ("search", d::EXPENSIVE, Word),
    ("elasticsearch", d::EXPENSIVE, Word),
    ("inference", d::EXPENSIVE, Word),
    ("llm", d::EXPENSIVE, Whole),
    ("image processing", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("video processing", d::EXPENSIVE | d::PARSES_FILES, Word),
    ("virus scan", d::EXPENSIVE, Word),
    ("av scan", d::EXPENSIVE, Word),
    ("antivirus", d::EXPENSIVE, Word),
    ("clamav", d::EXPENSIVE, Word),
    ("spatial", d::EXPENSIVE, Word),
    ("postgis", d::EXPENSIVE, Word),
    ("graphql", d::EXPENSIVE, Word),
    ("websocket", d::CONNECTIONS, Sub),
    ("web socket", d::CONNECTIONS, Word),
    ("socket.io", d::CONNECTIONS, Sub),
    ("signalr", d::CONNECTIONS, Word),
    ("mqtt", d::CONNECTIONS, Word),
    ("wss", d::CONNECTIONS, Whole),
    ("ws", d::CONNECTIONS, Whole),
    ("udp", d::CONNECTIONS, Whole),
    ("realtime", d::CONNECTIONS, Word),
    ("real-time", d::CONNECTIONS, Word),
    ("long poll", d::CONNECTIONS, Sub),
    ("long-poll", d::CONNECTIONS, Sub),
    ("server-sent events", d::CONNECTIONS, Word),
    ("peak", d::PEAKS, Word),
    ("spike", d::PEAKS, Word),
    ("surge", d::PEAKS, Word),
    ("at once", d::PEAKS, Word),
    ("same time", d::PEAKS, Word),
    ("deadline", d::PEAKS, Word),
    ("premiere", d::PEAKS, Word),
    ("flash sale", d::PEAKS, Word),
    ("launch day", d::PEAKS, Word),
    ("black friday", d::PEAKS, Word),
    ("on sale", d::PEAKS, Word),
    ("sms", d::TEXTS, Whole),
    ("text message", d::TEXTS, Word),
    ("twilio", d::TEXTS, Word),
    ("vonage", d::TEXTS, Word),
    ("nexmo", d::TEXTS, Word),
    ("messagebird", d::TEXTS, Word),
    ("sinch", d::TEXTS, Word),
    ("otp", d::PASSWORDLESS, Whole),
    ("one-time code", d::PASSWORDLESS, Word),
    ("one time code", d::PASSWORDLESS, Word),
    ("one-time password", d::PASSWORDLESS, Word),
    ("one time password", d::PASSWORDLESS, Word),
    ("verification code", d::PASSWORDLESS, Word),
    ("sms code", d::PASSWORDLESS | d::TEXTS, Word),
    ("magic link", d::PASSWORDLESS, Word),
    ("passwordless", d::PASSWORDLESS, Word),
    ("passkey", d::PASSWORDLESS, Word),
    ("webauthn", d::PASSWORDLESS, Word),
    ("fido2", d::PASSWORDLESS, Word),
    ("session ticket", d::PLATFORM_SIGN_IN, Word),
    ("auth ticket", d::PLATFORM_SIGN_IN, Word),
    ("authenticateuserticket", d::PLATFORM_SIGN_IN, Word),
    ("sign in with apple", d::PLATFORM_SIGN_IN, Word),
    ("sign-in with apple", d::PLATFORM_SIGN_IN, Word),
    ("game center", d::PLATFORM_SIGN_IN, Word),
    ("play games", d::PLATFORM_SIGN_IN, Word),
    ("no login", d::NO_LOGIN, Word),
    ("no log-in", d::NO_LOGIN, Word),
    ("no sign-in", d::NO_LOGIN, Word),
    ("no signin", d::NO_LOGIN, Word),
    ("no sign in", d::NO_LOGIN, Word),
    ("no account", d::NO_LOGIN, Word),
    ("without login", d::NO_LOGIN, Word),
    ("without logging in", d::NO_LOGIN, Word),
    ("without an account", d::NO_LOGIN, Word),
    ("without signing in", d::NO_LOGIN, Word),
    ("no auth", d::NO_LOGIN, Whole),
    ("public link", d::NO_LOGIN, Word),
    ("public page", d::NO_LOGIN, Word),
    ("promo", d::PROMO, Word),
    ("promo code", d::PROMO, Word),
    ("promotion", d::PROMO, Word),
    ("coupon", d::PROMO, Word),
    ("voucher", d::PROMO, Word),
    ("discount code", d::PROMO, Word),
    ("referral", d::PROMO | d::CALLER_RECIPIENTS, Word),
    ("refer a friend", d::PROMO | d::CALLER_RECIPIENTS, Word),
    ("gift card", d::PROMO | d::BALANCE, Word),
    ("giftcard", d::PROMO | d::BALANCE, Word),
    ("cashback", d::PROMO, Word),
    ("free trial", d::PROMO, Word),
    ("sign-up bonus", d::PROMO, Word),
    ("signup bonus", d::PROMO, Word),
    ("welcome bonus", d::PROMO, Word),
    ("bonus", d::PROMO, Word),
    ("approval", d::APPROVAL, Word),
    ("approve", d::APPROVAL, Word),
    ("approves", d::APPROVAL, Word),
    ("approver", d::APPROVAL, Word),
    ("sign-off", d::APPROVAL, Word),
    ("signoff", d::APPROVAL, Word),
    ("second signature", d::APPROVAL, Word),
    ("four-eyes", d::APPROVAL, Word),
    ("four eyes", d::APPROVAL, Word),
    ("4-eyes", d::APPROVAL, Word),
    ("maker-checker", d::APPROVAL, Word),
    ("maker checker", d::APPROVAL, Word),
    ("dual control", d::APPROVAL, Word),
    ("two-person", d::APPROVAL, Word),
    ("shared login", d::SHARED_LOGIN, Word),
    ("shared account", d::SHARED_LOGIN, Word),
    ("shared by staff", d::SHARED_LOGIN, Word),
    ("shared by all", d::SHARED_LOGIN, Word),
    ("shared password", d::SHARED_LOGIN, Word),
    ("shared credential", d::SHARED_LOGIN, Word),
    ("shared pin", d::SHARED_LOGIN, Word),
    ("shared user", d::SHARED_LOGIN, Word),
    ("shared admin", d::SHARED_LOGIN, Word),
    ("one login per", d::SHARED_LOGIN, Word),
    ("single login for", d::SHARED_LOGIN, Word),
    ("generic account", d::SHARED_LOGIN, Word),
    ("team account", d::SHARED_LOGIN, Word),
    ("common password", d::SHARED_LOGIN, Word),
    ("client side", d::CLIENT_DECIDES, Word),
    ("client-side", d::CLIENT_DECIDES, Word),
    ("clientside", d::CLIENT_DECIDES, Word),
    ("self-declared", d::CLIENT_DECIDES, Word),
    ("self declared", d::CLIENT_DECIDES, Word),
    ("self-reported", d::CLIENT_DECIDES, Word),
    ("self reported", d::CLIENT_DECIDES, Word),
    ("self-certified", d::CLIENT_DECIDES, Word),
    ("client sends", d::CLIENT_DECIDES, Word),
    ("app sends", d::CLIENT_DECIDES, Word),
    ("client reports", d::CLIENT_DECIDES, Word),
    ("app reports", d::CLIENT_DECIDES, Word),
    ("device reports", d::CLIENT_DECIDES, Word),
    ("reported by the app", d::CLIENT_DECIDES, Word),
    ("reported by the client", d::CLIENT_DECIDES, Word),
    ("reported by the device", d::CLIENT_DECIDES, Word),
    ("client clock", d::CLIENT_DECIDES, Word),
    ("device clock", d::CLIENT_DECIDES, Word),
    ("local clock", d::CLIENT_DECIDES, Word),
    ("client timer", d::CLIENT_DECIDES, Word),
    ("client-provided", d::CLIENT_DECIDES, Word),
    ("client provided", d::CLIENT_DECIDES, Word),
    ("client-supplied", d::CLIENT_DECIDES, Word),
    ("client supplied", d::CLIENT_DECIDES, Word),
    ("trusts the client", d::CLIENT_DECIDES, Word),
    // A rule the team leaves to its app: "loan expiry enforced in the app".
    ("enforced in the app", d::CLIENT_DECIDES, Word),
    ("enforced by the app", d::CLIENT_DECIDES, Word),
    ("enforced in app", d::CLIENT_DECIDES, Word),
    ("enforced in the client", d::CLIENT_DECIDES, Word),
    ("enforced by the client", d::CLIENT_DECIDES, Word),
    ("enforced on the device", d::CLIENT_DECIDES, Word),
    ("enforced on device", d::CLIENT_DECIDES, Word),
    ("checked in the app", d::CLIENT_DECIDES, Word),
    ("checked by the app", d::CLIENT_DECIDES, Word),
    ("validated in the app", d::CLIENT_DECIDES, Word),
    ("app enforces", d::CLIENT_DECIDES, Word),
    ("app decides", d::CLIENT_DECIDES, Word),
    ("app calculates", d::CLIENT_DECIDES, Word),
    ("app computes", d::CLIENT_DECIDES, Word),
    ("computed in the app", d::CLIENT_DECIDES, Word),
    ("calculated in the app", d::CLIENT_DECIDES, Word),
    ("calculated in the browser", d::CLIENT_DECIDES, Word),
    ("computed in the browser", d::CLIENT_DECIDES, Word),
    ("calculated by the browser", d::CLIENT_DECIDES, Word),
    ("calculated in the frontend", d::CLIENT_DECIDES, Word),
    ("calculated in the front end", d::CLIENT_DECIDES, Word),
    ("calculated on the frontend", d::CLIENT_DECIDES, Word),
    ("computed on the device", d::CLIENT_DECIDES, Word),
    ("calculated on the device", d::CLIENT_DECIDES, Word),
    ("client declares", d::CLIENT_DECIDES, Word),
    ("app declares", d::CLIENT_DECIDES, Word),
    ("declared by the app", d::CLIENT_DECIDES, Word),
    ("declared by the client", d::CLIENT_DECIDES, Word),
    ("gps", d::LOCATION, Whole),
    ("geolocation", d::LOCATION, Word),
    ("location", d::LOCATION, Word),
    ("geofence", d::LOCATION, Word),
    ("geo-fence", d::LOCATION, Word),
    ("coordinates", d::LOCATION, Word),
    ("lat/long", d::LOCATION, Word),
    ("lat/lng", d::LOCATION, Word),
    ("position", d::LOCATION, Word),
    ("payout per", d::PAYS_BY_MEASURE, Word),
    ("pay per", d::PAYS_BY_MEASURE, Word),
    ("paid per", d::PAYS_BY_MEASURE, Word),
    ("per drop", d::PAYS_BY_MEASURE, Word),
    ("per km", d::PAYS_BY_MEASURE, Word),
    ("per mile", d::PAYS_BY_MEASURE, Word),
    ("per minute", d::PAYS_BY_MEASURE, Word),
    ("distance based", d::PAYS_BY_MEASURE, Word),
    ("distance-based", d::PAYS_BY_MEASURE, Word),
    ("fare", d::PAYS_BY_MEASURE, Word),
    ("mileage", d::PAYS_BY_MEASURE, Word),
    ("metered", d::PAYS_BY_MEASURE, Word),
    ("usage-based", d::PAYS_BY_MEASURE, Word),
    ("usage based", d::PAYS_BY_MEASURE, Word),
    ("check-in", d::PAYS_BY_MEASURE, Word),
    ("attendance", d::PAYS_BY_MEASURE, Word),
    ("proof of delivery", d::PAYS_BY_MEASURE, Word),
    ("wallet", d::BALANCE, Word),
    ("account balance", d::BALANCE, Word),
    ("wallet balance", d::BALANCE, Word),
    ("store credit", d::BALANCE, Word),
    ("credits", d::BALANCE, Word),
    ("currency", d::BALANCE, Word),
    ("loyalty points", d::BALANCE | d::PROMO, Word),
    ("reward points", d::BALANCE | d::PROMO, Word),
    ("points balance", d::BALANCE, Word),
    ("redeem", d::BALANCE, Word),
    ("redemption", d::BALANCE, Word),
    ("trades", d::BALANCE, Word),
    ("trading", d::BALANCE, Word),
    ("top-up", d::BALANCE, Word),
    ("top up", d::BALANCE, Word),
    ("single-use", d::BALANCE, Word),
    ("single use", d::BALANCE, Word),
    ("one per customer", d::BALANCE, Word),
    ("once per", d::BALANCE, Word),
    ("limited stock", d::BALANCE, Word),
    ("seat reservation", d::BALANCE, Word),
    // A limit per person the service keeps: "max 1 active rental per account", "max 10
    // loans / 5 holds per card", "one copy per user".
    ("1 active", d::BALANCE, Word),
    ("one active", d::BALANCE, Word),
    ("one copy", d::BALANCE, Word),
    ("at most one", d::BALANCE, Word),
    ("no more than", d::BALANCE, Word),
    ("loans per", d::BALANCE, Word),
    ("holds per", d::BALANCE, Word),
    ("tickets per", d::BALANCE, Word),
    ("bookings per", d::BALANCE, Word),
    ("per household", d::BALANCE, Word),
    ("cron", d::SCHEDULED, Word),
    ("nightly", d::SCHEDULED, Word),
    ("hourly", d::SCHEDULED, Word),
    ("daily job", d::SCHEDULED, Word),
    ("batch job", d::SCHEDULED, Word),
    ("scheduled", d::SCHEDULED, Word),
    ("dry contact", d::WIRED, Word),
    ("relay contact", d::WIRED, Word),
    ("contact closure", d::WIRED, Word),
    ("wiring", d::WIRED, Word),
    ("wired", d::WIRED, Whole),
    ("gpio", d::WIRED, Word),
    ("rs232", d::WIRED, Word),
    ("rs-232", d::WIRED, Word),
    ("rs485", d::WIRED, Word),
    ("rs-485", d::WIRED, Word),
    ("serial cable", d::WIRED, Word),
    ("can bus", d::WIRED, Word),
    ("canbus", d::WIRED, Word),
    ("rex", d::WIRED, Whole),
    ("door strike", d::WIRED, Word),
    ("door pos", d::WIRED, Word),
    ("door position", d::WIRED, Word),
    ("air-gapped", d::WIRED, Word),
    ("air gapped", d::WIRED, Word),
    ("airgapped", d::WIRED, Word),
    ("usb stick", d::WIRED, Word),
    ("in person", d::WIRED, Word),
    ("hard-coded", d::EMBEDDED_KEY, Word),
    ("hardcoded", d::EMBEDDED_KEY, Word),
    ("hard coded", d::EMBEDDED_KEY, Word),
    ("compiled into", d::EMBEDDED_KEY, Word),
    ("baked into", d::EMBEDDED_KEY, Word),
    ("embedded key", d::EMBEDDED_KEY, Word),
    ("key embedded", d::EMBEDDED_KEY, Word),
    ("key in the script", d::EMBEDDED_KEY, Word),
    ("key in the app", d::EMBEDDED_KEY, Word),
    ("key in the apk", d::EMBEDDED_KEY, Word),
    ("key in firmware", d::EMBEDDED_KEY, Word),
    ("key in the firmware", d::EMBEDDED_KEY, Word),
    ("key in the binary", d::EMBEDDED_KEY, Word),
    ("key in code", d::EMBEDDED_KEY, Word),
    ("same for all units", d::EMBEDDED_KEY, Word),
    ("same key for all", d::EMBEDDED_KEY, Word),
    ("vendor hosted", d::VENDOR_PRODUCT, Word),
    ("vendor-hosted", d::VENDOR_PRODUCT, Word),
    ("vendor managed", d::VENDOR_PRODUCT, Word),
    ("vendor-managed", d::VENDOR_PRODUCT, Word),
    ("vendor product", d::VENDOR_PRODUCT, Word),
    ("vendor software", d::VENDOR_PRODUCT, Word),
    ("vendor appliance", d::VENDOR_PRODUCT, Word),
    ("off-the-shelf", d::VENDOR_PRODUCT, Word),
    ("off the shelf", d::VENDOR_PRODUCT, Word),
    ("cots", d::VENDOR_PRODUCT, Whole),
    ("harbor", d::VENDOR_PRODUCT, Word),
    ("moodle", d::VENDOR_PRODUCT, Word),
    ("mirth", d::VENDOR_PRODUCT, Word),
    ("keycloak", d::VENDOR_PRODUCT, Word),
    ("jenkins", d::VENDOR_PRODUCT, Word),
    ("sonarqube", d::VENDOR_PRODUCT, Word),
    ("artifactory", d::VENDOR_PRODUCT, Word),
    ("grafana", d::VENDOR_PRODUCT, Word),
    ("kibana", d::VENDOR_PRODUCT, Word),
    ("nextcloud", d::VENDOR_PRODUCT, Word),
    ("mattermost", d::VENDOR_PRODUCT, Word),
    ("failurepolicy: ignore", d::FAILS_OPEN, Word),
    ("failurepolicy ignore", d::FAILS_OPEN, Word),
    ("failure policy: ignore", d::FAILS_OPEN, Word),
    ("failure policy ignore", d::FAILS_OPEN, Word),
    ("fail open", d::FAILS_OPEN, Word),
    ("fails open", d::FAILS_OPEN, Word),
    ("fail-open", d::FAILS_OPEN, Word),
    ("fails-open", d::FAILS_OPEN, Word),
    ("don't break when", d::FAILS_OPEN, Word),
    ("do not break when", d::FAILS_OPEN, Word),
    ("does not block when", d::FAILS_OPEN, Word),
    ("doesn't block when", d::FAILS_OPEN, Word),
    ("allowed if unavailable", d::FAILS_OPEN, Word),
    ("allow if unavailable", d::FAILS_OPEN, Word),
    ("approved if", d::FAILS_OPEN, Word),
    ("check is skipped", d::FAILS_OPEN, Word),
    ("checks are skipped", d::FAILS_OPEN, Word),
    ("check is bypassed", d::FAILS_OPEN, Word),
    ("is skipped", d::FAILS_OPEN, Word),
    ("skips the check", d::FAILS_OPEN, Word),
    ("skip the check", d::FAILS_OPEN, Word),
    // A card network approving on its own when the issuer does not answer in time.
    ("stand-in approval", d::FAILS_OPEN, Word),
    ("stand-in processing", d::FAILS_OPEN, Word),
    ("stand in approval", d::FAILS_OPEN, Word),
    ("if no answer", d::FAILS_OPEN, Word),
    ("if no response", d::FAILS_OPEN, Word),
    ("approve if down", d::FAILS_OPEN, Word),
    ("approved when offline", d::FAILS_OPEN, Word),
    ("accepted when offline", d::FAILS_OPEN, Word),
    ("allowed when offline", d::FAILS_OPEN, Word),
    ("multi-tenant", d::ALL_TENANTS, Word),
    ("multitenant", d::ALL_TENANTS, Word),
    ("multi tenant", d::ALL_TENANTS, Word),
    ("tenant_id", d::ALL_TENANTS, Word),
    ("tenant id", d::ALL_TENANTS, Word),
    ("tenantid", d::ALL_TENANTS, Word),
    ("org_id", d::ALL_TENANTS, Word),
    ("account_id column", d::ALL_TENANTS, Word),
    ("all tenants", d::ALL_TENANTS, Word),
    ("every tenant", d::ALL_TENANTS, Word),
    ("all customers' ", d::ALL_TENANTS, Sub),
    ("every customer's", d::ALL_TENANTS, Word),
    ("all firms", d::ALL_TENANTS, Word),
    ("every firm", d::ALL_TENANTS, Word),
    ("all merchants", d::ALL_TENANTS, Word),
    ("every merchant", d::ALL_TENANTS, Word),
    ("all orgs", d::ALL_TENANTS, Word),
    ("all organisations", d::ALL_TENANTS, Word),
    ("all organizations", d::ALL_TENANTS, Word),
    ("all installations", d::ALL_TENANTS, Word),
    ("all installs", d::ALL_TENANTS, Word),
    ("shared schema", d::ALL_TENANTS, Word),
    ("one index for all", d::ALL_TENANTS, Word),
    ("one database for all", d::ALL_TENANTS, Word),
    ("copy of", d::COPY, Word),
    ("replica of", d::COPY, Word),
    ("local copy", d::COPY, Word),
    ("cached copy", d::COPY, Word),
    ("refreshed nightly", d::COPY | d::SCHEDULED, Word),
    ("refreshed daily", d::COPY | d::SCHEDULED, Word),
    ("caches", d::COPY, Word),
    ("works offline", d::COPY, Word),
    ("work offline", d::COPY, Word),
    ("keeps working", d::COPY, Word),
    ("when offline", d::COPY, Word),
    ("opened offline", d::COPY, Word),
    ("offline mode", d::COPY, Word),
    ("cardholder", d::ACCESS_LIST, Word),
    ("access level", d::ACCESS_LIST, Word),
    ("access list", d::ACCESS_LIST, Word),
    ("access rights", d::ACCESS_LIST, Word),
    ("allowlist", d::ACCESS_LIST, Word),
    ("allow list", d::ACCESS_LIST, Word),
    ("blocklist", d::ACCESS_LIST, Word),
    ("block list", d::ACCESS_LIST, Word),
    ("denylist", d::ACCESS_LIST, Word),
    ("revocation", d::ACCESS_LIST, Word),
    ("users, groups", d::ACCESS_LIST, Word),
    ("users and groups", d::ACCESS_LIST, Word),
    ("permissions", d::ACCESS_LIST, Word),
    ("entitlement", d::ACCESS_LIST, Word),
    ("virtual key", d::ACCESS_LIST, Word),
    ("digital key", d::ACCESS_LIST, Word),
    ("mobile key", d::ACCESS_LIST, Word),
    ("register", d::ACCESS_LIST, Whole),
    ("sftp", d::FILE_DROP, Whole),
    ("ftps", d::FILE_DROP, Whole),
    ("ftp", d::FILE_DROP, Whole),
    ("scp", d::FILE_DROP, Whole),
    ("smb", d::FILE_DROP, Whole),
    ("cifs", d::FILE_DROP, Whole),
    ("file share", d::FILE_DROP, Word),
    ("fileshare", d::FILE_DROP, Word),
    ("shared folder", d::FILE_DROP, Word),
    ("shared drive", d::FILE_DROP, Word),
    ("network share", d::FILE_DROP, Word),
    ("network drive", d::FILE_DROP, Word),
    ("drop folder", d::FILE_DROP, Word),
    ("drop zone", d::FILE_DROP, Word),
    ("dropzone", d::FILE_DROP, Word),
    ("file drop", d::FILE_DROP, Word),
    ("csv drop", d::FILE_DROP, Word),
    ("landing zone", d::FILE_DROP, Word),
    ("landing bucket", d::FILE_DROP, Word),
    ("landing folder", d::FILE_DROP, Word),
    ("batch file", d::FILE_DROP, Word),
    ("export file", d::FILE_DROP, Word),
    ("flat file", d::FILE_DROP, Word),
    ("\\\\", d::FILE_DROP, Sub),
    ("llm", d::LLM, Whole),
    ("llms", d::LLM, Whole),
    ("gpt", d::LLM | d::EXPENSIVE, Word),
    ("openai", d::LLM, Word),
    ("anthropic", d::LLM, Word),
    ("claude", d::LLM, Whole),
    ("gemini", d::LLM, Whole),
    ("bedrock", d::LLM, Whole),
    ("language model", d::LLM, Word),
    ("ai agent", d::LLM, Word),
    ("ai assistant", d::LLM, Word),
    ("copilot", d::LLM, Word),
    ("rag", d::LLM, Whole),
    // Not "prompt" or "completion" alone: a pump's "odometer prompt", a task's
    // "completion".
    ("prompts", d::LLM, Word),
    ("system prompt", d::LLM, Word),
    ("prompt template", d::LLM, Word),
    ("chat completion", d::LLM, Word),
    ("completions api", d::LLM, Word),
    ("invite", d::CALLER_RECIPIENTS, Word),
    ("invitation", d::CALLER_RECIPIENTS, Word),
    ("share with", d::CALLER_RECIPIENTS, Word),
    ("share link", d::CALLER_RECIPIENTS, Word),
    ("contact form", d::CALLER_RECIPIENTS, Word),
    ("send to any", d::CALLER_RECIPIENTS, Word),
    ("forward to", d::CALLER_RECIPIENTS, Word),
    ("pin", d::SHORT_CODE, Word),
    ("pin code", d::SHORT_CODE, Word),
    ("4 digit", d::SHORT_CODE, Word),
    ("4-digit", d::SHORT_CODE, Word),
    ("5 digit", d::SHORT_CODE, Word),
    ("5-digit", d::SHORT_CODE, Word),
    ("6 digit", d::SHORT_CODE, Word),
    ("6-digit", d::SHORT_CODE, Word),
    ("4 char", d::SHORT_CODE, Word),
    ("4-char", d::SHORT_CODE, Word),
    ("5 char", d::SHORT_CODE, Word),
    ("5-char", d::SHORT_CODE, Word),
    ("6 char", d::SHORT_CODE, Word),
    ("6-char", d::SHORT_CODE, Word),
    ("6 character", d::SHORT_CODE, Word),
    ("6-character", d::SHORT_CODE, Word),
    ("8 char", d::SHORT_CODE, Word),
    ("8-char", d::SHORT_CODE, Word),
    ("8 character", d::SHORT_CODE, Word),
    ("8-character", d::SHORT_CODE, Word),
    ("10 char", d::SHORT_CODE, Word),
    ("10-char", d::SHORT_CODE, Word),
    ("join code", d::SHORT_CODE, Word),
    ("class code", d::SHORT_CODE, Word),
    ("pairing code", d::SHORT_CODE, Word),
    ("kit code", d::SHORT_CODE, Word),
    ("activation code", d::SHORT_CODE, Word),
    ("pickup code", d::SHORT_CODE, Word),
    ("collection code", d::SHORT_CODE, Word),
    ("claim code", d::SHORT_CODE, Word),
    ("booking code", d::SHORT_CODE, Word),
    ("share link", d::BEARER_LINK, Word),
    ("sharing link", d::BEARER_LINK, Word),
    ("shared link", d::BEARER_LINK, Word),
    ("anyone with the link", d::BEARER_LINK, Word),
    ("public link", d::BEARER_LINK, Word),
    ("download link", d::BEARER_LINK, Word),
    ("presigned url", d::BEARER_LINK, Word),
    ("pre-signed url", d::BEARER_LINK, Word),
    ("presigned get", d::BEARER_LINK, Word),
    ("pre-signed get", d::BEARER_LINK, Word),
    ("signed url", d::BEARER_LINK, Word),
    ("sas url", d::BEARER_LINK, Word),
    ("sas link", d::BEARER_LINK, Word),
    ("email link", d::BEARER_LINK, Word),
    ("e-mail link", d::BEARER_LINK, Word),
    ("sms link", d::BEARER_LINK, Word),
    ("link sent", d::BEARER_LINK, Word),
    ("link (email)", d::BEARER_LINK, Word),
    ("link (e-mail)", d::BEARER_LINK, Word),
    ("link (sms)", d::BEARER_LINK, Word),
    ("claim link", d::BEARER_LINK, Word),
    ("approval link", d::BEARER_LINK, Word),
    ("tracking link", d::BEARER_LINK, Word),
    ("fulfilment link", d::BEARER_LINK, Word),
    ("fulfillment link", d::BEARER_LINK, Word),
    ("proof link", d::BEARER_LINK, Word),
    ("secure link", d::BEARER_LINK, Word),
    ("unique link", d::BEARER_LINK, Word),
    ("upload link", d::BEARER_LINK, Word),
    ("mqtt", d::DEVICE_MESSAGING, Word),
    ("mqtts", d::DEVICE_MESSAGING, Word),
    ("emqx", d::DEVICE_MESSAGING, Word),
    ("mosquitto", d::DEVICE_MESSAGING, Word),
    ("hivemq", d::DEVICE_MESSAGING, Word),
    ("vernemq", d::DEVICE_MESSAGING, Word),
    ("iot core", d::DEVICE_MESSAGING, Word),
    ("iot hub", d::DEVICE_MESSAGING, Word),
    ("override", d::OVERRIDE, Word),
    ("overrides", d::OVERRIDE, Word),
    ("overridden", d::OVERRIDE, Word),
    ("force load", d::OVERRIDE, Word),
    ("force-load", d::OVERRIDE, Word),
    ("force unlock", d::OVERRIDE, Word),
    ("force-unlock", d::OVERRIDE, Word),
    ("force release", d::OVERRIDE, Word),
    ("force close", d::OVERRIDE, Word),
    ("force open", d::OVERRIDE, Word),
    ("manual release", d::OVERRIDE, Word),
    ("manual changes", d::OVERRIDE, Word),
    ("manual settlement", d::OVERRIDE, Word),
    ("settle markets manually", d::OVERRIDE, Word),
    ("manual adjustment", d::OVERRIDE, Word),
    ("manual override", d::OVERRIDE, Word),
    ("adjust balance", d::OVERRIDE, Word),
    ("balance adjustment", d::OVERRIDE, Word),
    ("log in as customer", d::OVERRIDE, Word),
    ("login as customer", d::OVERRIDE, Word),
    ("log in as user", d::OVERRIDE, Word),
    ("login as user", d::OVERRIDE, Word),
    ("impersonate", d::OVERRIDE, Word),
    ("impersonated", d::OVERRIDE, Word),
    ("impersonation", d::OVERRIDE, Word),
    ("write-off", d::OVERRIDE, Word),
    ("write off", d::OVERRIDE, Word),
    ("kept", d::RETENTION, Whole),
    ("retention", d::RETENTION, Word),
    ("retained", d::RETENTION, Word),
    ("deleted after", d::RETENTION, Word),
    ("purged after", d::RETENTION, Word),
    ("stored for", d::RETENTION, Word),
    ("to tune", d::SECOND_USE, Word),
    ("to train", d::SECOND_USE, Word),
    ("for training", d::SECOND_USE, Word),
    ("model training", d::SECOND_USE, Word),
    ("for recommendations", d::SECOND_USE, Word),
    ("for recomendations", d::SECOND_USE, Word),
    ("for research", d::SECOND_USE, Word),
    ("research export", d::SECOND_USE, Word),
    ("de-identified", d::SECOND_USE, Word),
    ("deidentified", d::SECOND_USE, Word),
    ("for analytics", d::SECOND_USE, Word),
    ("for marketing", d::SECOND_USE, Word),
    ("config", d::SECRET_IN_CONFIG, Word),
    ("cfg", d::SECRET_IN_CONFIG, Word),
    ("plaintext", d::SECRET_IN_CONFIG, Word),
    ("plain text", d::SECRET_IN_CONFIG, Word),
    ("credentials.json", d::SECRET_IN_CONFIG, Word),
    ("env file", d::SECRET_IN_CONFIG, Word),
    ("public-read", d::PUBLIC_READ, Word),
    ("public read", d::PUBLIC_READ, Word),
    ("publicly readable", d::PUBLIC_READ, Word),
    ("publicly accessible", d::PUBLIC_READ, Word),
    ("world-readable", d::PUBLIC_READ, Word),
    ("public bucket", d::PUBLIC_READ, Word),
    ("public assets", d::PUBLIC_READ, Word),
    ("public downloads", d::PUBLIC_READ, Word),
    ("static website", d::PUBLIC_READ, Word),
    ("static site", d::PUBLIC_READ, Word),
    ("refresh token", d::LONG_SESSION, Word),
    ("refresh tokens", d::LONG_SESSION, Word),
    ("remember me", d::LONG_SESSION, Word),
    ("long-lived", d::LONG_SESSION, Word),
    ("long lived", d::LONG_SESSION, Word),
    ("never expire", d::LONG_SESSION, Word),
    ("never expires", d::LONG_SESSION, Word),
    ("no expiry", d::LONG_SESSION, Word),
    ("stay logged in", d::LONG_SESSION, Word),
    ("stays logged in", d::LONG_SESSION, Word),
    ("stay signed in", d::LONG_SESSION, Word),
    ("day expiry", d::LONG_SESSION, Sub),
    ("day refresh", d::LONG_SESSION, Sub),
    ("day token", d::LONG_SESSION, Sub),
    ("day jwt", d::LONG_SESSION, Sub),
    ("day session", d::LONG_SESSION, Sub),
    ("change phone", d::RECOVERY, Word),
    ("change the phone", d::RECOVERY, Word),
    ("phone number change", d::RECOVERY, Word),
    ("phone no change", d::RECOVERY, Word),
    ("change email", d::RECOVERY, Word),
    ("change e-mail", d::RECOVERY, Word),
    ("email change", d::RECOVERY, Word),
    ("e-mail change", d::RECOVERY, Word),
    ("recovery email", d::RECOVERY, Word),
    ("recovery e-mail", d::RECOVERY, Word),
    ("recovery phone", d::RECOVERY, Word),
    ("account recovery", d::RECOVERY, Word),
    ("recover account", d::RECOVERY, Word),
    ("2fa reset", d::RECOVERY, Word),
    ("reset 2fa", d::RECOVERY, Word),
    ("mfa reset", d::RECOVERY, Word),
    ("reset mfa", d::RECOVERY, Word),
    ("remove 2fa", d::RECOVERY, Word),
    ("disable 2fa", d::RECOVERY, Word),
    ("disable mfa", d::RECOVERY, Word),
    ("pin reset", d::RECOVERY, Word),
    ("reset pin", d::RECOVERY, Word),
    ("reset device", d::RECOVERY, Word),
    ("unbind device", d::RECOVERY, Word),
    ("re-enrol", d::RECOVERY, Word),
    ("re-enroll", d::RECOVERY, Word),
    ("alarm", d::ALERTING, Word),
    ("alarms", d::ALERTING, Word),
    ("alert", d::ALERTING, Word),
    ("alerts", d::ALERTING, Word),
    ("alerting", d::ALERTING, Word),
    ("escalation", d::ALERTING, Word),
    ("escalates", d::ALERTING, Word),
    ("evacuation", d::ALERTING, Word),
    ("evac", d::ALERTING, Word),
    ("callout", d::ALERTING, Word),
    ("call-out", d::ALERTING, Word),
    ("pages on-call", d::ALERTING, Word),
    ("page on-call", d::ALERTING, Word),
    ("paging", d::ALERTING, Word),
    ("panic button", d::ALERTING, Word),
    ("sos", d::ALERTING, Whole),
];

/// Words naming a secret, for [`design::SECRET_IN_CONFIG`].
const SECRET_WORDS: &[&str] = &[
    "key",
    "keys",
    "password",
    "passwords",
    "pw",
    "pwd",
    "token",
    "tokens",
    "secret",
    "secrets",
    "creds",
    "credentials",
    "cert",
    "certificate",
];
/// Words naming where secrets are kept safely: a text naming one says where they are.
const SECRET_STORES: &[&str] = &[
    "vault", "kms", "hsm", "keychain", "keystore", "keyvault", "manager",
];

/// "client-side encryption", "client side validation only": what the client encrypts or
/// merely checks again decides nothing on its own.
/// A client that sends its password's hash or a token proves who it is; it decides
/// nothing the server then acts on.
fn skip(text: &str, start: usize, end: usize) -> bool {
    let mut next = text[end..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase);
    let first = next.next().unwrap_or_default();
    if [
        "encryption",
        "encrypted",
        "encrypt",
        "encrypts",
        "rendering",
        "rendered",
        "routing",
        "validation",
    ]
    .contains(&first.as_str())
    {
        return true;
    }
    let said = text[start..end].to_ascii_lowercase();
    // A "fat & protein bonus" or a "quality bonus" is pay for what was delivered, no
    // promotion anyone could redeem.
    if said == "bonus" {
        let before = text[..start]
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if [
            "fat",
            "protein",
            "quality",
            "volume",
            "performance",
            "annual",
            "retention",
            "staff",
            "employee",
            "yield",
        ]
        .contains(&before.as_str())
        {
            return true;
        }
    }
    // "config" or "plain text" tells where secrets are only in a text that names one, and
    // none of the stores made for them.
    if [
        "config",
        "cfg",
        "plaintext",
        "plain text",
        "credentials.json",
        "env file",
    ]
    .contains(&said.as_str())
    {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        return !has(SECRET_WORDS) || has(SECRET_STORES);
    }
    // A presigned or signed URL to upload to ("presigned url for upload") takes files in;
    // it opens nothing to whoever holds it.
    if said.ends_with("url") && ["upload", "uploads", "put", "for"].contains(&first.as_str()) {
        return true;
    }
    // "kept 2 yrs", "kept for disputes" say how long; "kept in plaintext", "kept in
    // Keychain" say where.
    if said == "kept"
        && !(first.starts_with(|c: char| c.is_ascii_digit())
            || ["for", "until", "forever", "indefinitely"].contains(&first.as_str()))
    {
        return true;
    }
    // A card terminal's PIN pad or entry device takes the bank's PIN, which is checked
    // by the card's issuer, not here.
    if said == "pin" && ["pad", "pads", "ped", "entry", "pinpad"].contains(&first.as_str()) {
        return true;
    }
    said.ends_with("sends")
        && std::iter::once(first).chain(next.take(3)).any(|w| {
            [
                "hash",
                "hashed",
                "token",
                "tokens",
                "jwt",
                "password",
                "pw",
                "credentials",
                "key",
                "keys",
                "certificate",
                "otp",
                "code",
                "signature",
            ]
            .contains(&w.as_str())
        })
}

static PHRASES: Phrases = Phrases::new(DESIGN, skip);

/// The design facts `texts` say, as [`design`] bits.
pub fn designs<'a>(texts: impl IntoIterator<Item = &'a str>) -> u64 {
    PHRASES.bits(texts)
}

/// Where each design fact of `texts` comes from: (bit, the label of the text, the phrase).
pub fn design_sources<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(u64, &'a str, &'static str)> {
    PHRASES.sources(texts)
}

#[cfg(test)]
mod tests;
