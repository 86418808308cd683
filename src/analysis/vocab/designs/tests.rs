//! The design facts read from one sentence, phrasing by phrasing.

use super::{design::*, designs as facts};

#[test]
fn a_key_built_into_code_or_firmware() {
    for said in [
        "runs 18:00 daily, texts everyone with an appointment tomorrow. Twilio key in the script",
        "LTE modem + CAN reader. API key compiled into firmware (same for all units)",
        "hard-coded admin password",
    ] {
        assert_eq!(facts([said]) & EMBEDDED_KEY, EMBEDDED_KEY, "{said}");
    }
    assert_eq!(facts(["key in Vault, rotated monthly"]) & EMBEDDED_KEY, 0);
}

#[test]
fn a_check_the_design_lets_go() {
    for said in [
        "verifyImages on Pod create. failurePolicy: Ignore so deploys don't break when Harbor is down",
        "If caller ID matches a number on an account the DOB/postcode check is skipped",
        "screening fails open on vendor timeout",
    ] {
        assert_eq!(facts([said]) & FAILS_OPEN, FAILS_OPEN, "{said}");
    }
    assert_eq!(
        facts(["failurePolicy: Fail", "blocks deploys when Harbor is down"]) & FAILS_OPEN,
        0
    );
}

#[test]
fn many_customers_data_side_by_side() {
    for said in [
        "shared schema, tenant_id on every table",
        "pgvector (one index for all firms)",
        "one shared Postgres holds every merchant's sales",
        "multi-tenant",
    ] {
        assert_eq!(facts([said]) & ALL_TENANTS, ALL_TENANTS, "{said}");
    }
    assert_eq!(
        facts(["tenant admin console", "rent paid by tenants"]) & ALL_TENANTS,
        0
    );
}

#[test]
fn files_handed_over_through_a_folder() {
    assert_eq!(facts(["payroll SFTP share"]), FILE_DROP);
    assert_eq!(facts([r"QC share \\labfs01\qc"]), FILE_DROP);
    assert_eq!(
        facts(["daily CSV drop", "", "SFTP"]),
        FILE_DROP | SPREADSHEET
    );
    // A landing page, a shared secret, an FTP-like word inside another are no folder.
    assert_eq!(facts(["landing page", "shared secret", "sftpgo-style"]), 0);
}

#[test]
fn short_codes_people_type() {
    for said in [
        "login with library card number + 4 digit PIN",
        "public page: card no + PIN, no login",
        "students join with a 6 digit code",
        "teacher makes class, gets 6 char class code",
        "customer enters the 10 char kit code printed on the tube",
        "box shows pairing code on screen, admin types it in",
    ] {
        assert_eq!(facts([said]) & SHORT_CODE, SHORT_CODE, "{said}");
    }
    // A card terminal's PIN pad takes the bank's PIN; "no PIN" says there is none.
    assert_eq!(
        facts(["Card data handled by PIN pad (P2PE)"]) & SHORT_CODE,
        0
    );
    assert_eq!(facts(["tap to pay, no PIN"]) & SHORT_CODE, 0);
    // A key's first characters, a card's last digits: shown to tell one apart.
    assert_eq!(facts(["sha256 + first 8 chars"]) & SHORT_CODE, 0);
    assert_eq!(facts(["shows last 4 digits"]) & SHORT_CODE, 0);
}

#[test]
fn rules_left_to_the_app_and_limits_per_person() {
    for said in [
        "loan expiry enforced in the app",
        "XP computed on the device, synced later",
        "deposit = 20% of approved extras, calculated on the page",
    ] {
        assert_eq!(facts([said]) & CLIENT_DECIDES, CLIENT_DECIDES, "{said}");
    }
    assert_eq!(facts(["expiry enforced on the server"]) & CLIENT_DECIDES, 0);
    assert_eq!(facts(["BACS file"]) & FILE_DROP, FILE_DROP);
    assert_eq!(
        facts(["clinicians sign in with NHS smartcard (CIS2)"]) & PASSWORDLESS,
        PASSWORDLESS
    );
    assert_eq!(
        facts(["3 pharmacies share one SFTP login"]) & SHARED_LOGIN,
        SHARED_LOGIN
    );
    for said in [
        "rule: max 1 active rental per account",
        "max 10 concurrent loans and 5 holds per card",
    ] {
        assert_eq!(facts([said]) & BALANCE, BALANCE, "{said}");
    }
    assert_eq!(facts(["rate limit per account"]) & BALANCE, 0);
}

#[test]
fn design_facts_are_read_from_one_sentence() {
    assert_eq!(
        facts(["assigns jobs to nearest courier, calculates payout per drop (distance based)"]),
        PAYS_BY_MEASURE
    );
    assert_eq!(
        facts(["merchant app on android tablet. one login per restaurant, shared by staff"]),
        SHARED_LOGIN
    );
    assert_eq!(
        facts(["hit registration done client side for feel"]),
        CLIENT_DECIDES
    );
    assert_eq!(facts(["Payouts over 10k need a second approval"]), APPROVAL);
    for said in [
        "Band A needs a 2nd officer to sign off",
        "removal needs two staff badges at the reader",
        "the head of department countersigns",
    ] {
        assert_eq!(facts([said]) & APPROVAL, APPROVAL, "{said}");
    }
    assert_eq!(
        facts(["link sent to customer by SMS, no login"]),
        TEXTS | NO_LOGIN | BEARER_LINK
    );
    assert_eq!(facts(["pdf / jpg / docx evidence, max 20MB"]), UPLOADS);
    // A photo sent in is an upload; one a page shows is not.
    assert_eq!(
        facts(["member sends a photo of the catch"]) & UPLOADS,
        UPLOADS
    );
    assert_eq!(
        facts(["public. shows name, photo, level, expiry"]) & UPLOADS,
        0
    );
    assert_eq!(
        facts(["name, DOB, allergies, photo consent y/n"]) & UPLOADS,
        0
    );
    assert_eq!(
        facts(["shows the card. Photo of the damage"]) & UPLOADS,
        UPLOADS
    );
    assert_eq!(facts(["Promo engine"]), PROMO);
    assert_eq!(facts(["courier logs in with phone + OTP"]), PASSWORDLESS);
    for said in [
        "email link sign-in. Anyone can sign up",
        "sign-in link (email)",
    ] {
        assert_eq!(facts([said]) & PASSWORDLESS, PASSWORDLESS, "{said}");
    }
    assert_eq!(facts(["email link to the report"]) & PASSWORDLESS, 0);
    assert_eq!(facts(["camp site (Netlify static)"]) & NO_LOGIN, NO_LOGIN);
    assert_eq!(facts(["static IP, members sign in"]) & NO_LOGIN, 0);
    assert_eq!(
        facts(["customers use magic-link login by email"]),
        PASSWORDLESS
    );
    assert_eq!(
        facts(["SMS OTP login + device binding"]),
        PASSWORDLESS | TEXTS
    );
    assert_eq!(
        facts(["client sends MMR, region, party id"]),
        CLIENT_DECIDES
    );
}

#[test]
fn what_only_looks_like_a_design_fact_is_not_read() {
    // The client encrypts: it decides nothing the server acts on.
    assert_eq!(facts(["client-side encryption of the vault"]), 0);
    // A client proving who it is decides nothing.
    assert_eq!(facts(["client sends PBKDF2 hash of master pw"]), 0);
    // Negated.
    assert_eq!(facts(["no approval needed"]), 0);
    // Parts of other words.
    assert_eq!(facts(["Renderer pool"]), EXPENSIVE);
    assert_eq!(facts(["Transfer service", "Stock prices"]), 0);
    assert_eq!(facts(["Operations", "promotional"]), 0);
}

#[test]
fn documents_shared_by_link() {
    for said in [
        "rota export, link shared with team leaders (anyone with link can view)",
        "shared 'anyone with the link can edit' so the partner committee can add notes",
    ] {
        assert_eq!(facts([said]) & SHARED_LINK, SHARED_LINK, "{said}");
    }
    for said in [
        "shared with the committee (named accounts)",
        "raw data dl (presigned url)",
        "SMS: claim link",
    ] {
        assert_eq!(facts([said]) & SHARED_LINK, 0, "{said}");
    }
}

#[test]
fn links_that_work_for_whoever_holds_them() {
    for said in [
        "Share links: 'anyone with the link' is default",
        "raw data dl (presigned url)",
        "SMS: claim link",
        "approval req (email link)",
        "link sent to customer by SMS, no login",
    ] {
        assert_eq!(facts([said]) & BEARER_LINK, BEARER_LINK, "{said}");
    }
    for said in [
        "presigned URL for upload",
        "photo upload (presigned PUT)",
        "shared with the committee (named accounts)",
    ] {
        assert_eq!(facts([said]) & BEARER_LINK, 0, "{said}");
    }
}

#[test]
fn brokers_devices_publish_to() {
    for said in [
        "EMQX. topics st/{stationId}/cmd",
        "mosquitto on EC2",
        "AWS IoT Core",
    ] {
        assert_eq!(facts([said]) & DEVICE_MESSAGING, DEVICE_MESSAGING, "{said}");
    }
    assert_eq!(facts(["Kafka, 3 brokers"]) & DEVICE_MESSAGING, 0);
}

#[test]
fn overrides_staff_can_make() {
    for said in [
        "bed managers can block/unblock beds and override placements",
        "force unlock, mark dock broken",
        "internal. 'log in as customer' button",
        "traders override prices, suspend/settle markets manually",
    ] {
        assert_eq!(facts([said]) & OVERRIDE, OVERRIDE, "{said}");
    }
    assert_eq!(facts(["no overrides: limits are hard"]) & OVERRIDE, 0);
}

#[test]
fn how_long_data_is_kept_and_what_else_it_serves() {
    assert_eq!(
        facts(["kept 2 yrs for recomendations"]),
        RETENTION | SECOND_USE
    );
    assert_eq!(
        facts(["gz ndjson, kept 1y for forensics / audit"]),
        RETENTION
    );
    assert_eq!(facts(["7d retention, 12 partitions"]), RETENTION);
    assert_eq!(
        facts(["quarterly job. de-identified genotypes + survey answers"]),
        SECOND_USE
    );
    // Where something is kept is not how long.
    assert_eq!(
        facts(["item name + URL kept in plaintext for icons"]) & RETENTION,
        0
    );
    assert_eq!(
        facts(["Refresh token kept in Keychain / Keystore"]) & RETENTION,
        0
    );
}

#[test]
fn secrets_kept_in_configuration() {
    for said in [
        "SITA lost baggage system. PIR forwarded; tech user creds in console config",
        "on gw VM, password in gw config",
        "python script, API key in config.ini",
    ] {
        assert_eq!(facts([said]) & SECRET_IN_CONFIG, SECRET_IN_CONFIG, "{said}");
    }
    for said in [
        "site config: elevation masks, frequencies",
        "item name + URL kept in plaintext for icons/search",
        "API key from AWS Secrets Manager, config only names it",
    ] {
        assert_eq!(facts([said]) & SECRET_IN_CONFIG, 0, "{said}");
    }
}

#[test]
fn pay_for_quality_and_codes_kept_as_data() {
    // Paid for what was delivered: no promotion to redeem.
    assert_eq!(
        facts(["monthly: base price + fat & protein bonus"]) & PROMO,
        0
    );
    assert_eq!(facts(["sign-up bonus for new sitters"]) & PROMO, PROMO);
    // Door and access codes kept for a booking are data, not a sign-in.
    assert_eq!(
        facts(["door codes, key safe codes, alarm codes. shown to sitter"]) & SHORT_CODE,
        0
    );
}

#[test]
fn recovery_changes_long_sessions_public_stores_and_stand_in() {
    for said in [
        "internal tool. override limits, reissue/unblock cards, change phone no.",
        "2FA reset, email change",
        "support can reset device binding",
        "PIN reset",
    ] {
        assert_ne!(facts([said]) & RECOVERY, 0, "{said}");
    }
    assert_eq!(facts(["reissue cards, unblock cards"]) & RECOVERY, 0);
    for said in [
        "JWT (30-day expiry)",
        "30-day refresh tokens",
        "remember me",
    ] {
        assert_ne!(facts([said]) & LONG_SESSION, 0, "{said}");
    }
    assert_eq!(facts(["JWT, 15 min expiry"]) & LONG_SESSION, 0);
    assert_ne!(
        facts(["public-read, served by CloudFront"]) & PUBLIC_READ,
        0
    );
    assert_eq!(facts(["private bucket, presigned GETs"]) & PUBLIC_READ, 0);
    assert_ne!(
        facts(["If no answer in 2s the network does stand-in approval"]) & FAILS_OPEN,
        0
    );
}

#[test]
fn queries_bound_by_a_framework_or_built_by_hand() {
    for said in [
        "Django 4 + DRF",
        "Rails monolith",
        "ORM",
        "Laravel 10 / Eloquent",
        "ASP.NET Core, EF Core",
        "parameterised queries only",
    ] {
        assert_eq!(facts([said]) & BOUND_QUERIES, BOUND_QUERIES, "{said}");
    }
    // "form" and "platform" hold no ORM; a rail freight yard no Rails.
    for said in ["upload form", "customer platform", "rail freight wagons"] {
        assert_eq!(facts([said]) & BOUND_QUERIES, 0, "{said}");
    }
    for said in [
        "raw SQL for the reports",
        "search builds dynamic SQL",
        "custom plugin queries via $wpdb",
    ] {
        assert_eq!(facts([said]) & RAW_SQL, RAW_SQL, "{said}");
    }
}

#[test]
fn an_alarm_code_raises_no_alert() {
    assert_eq!(
        facts(["escalates to the duty manager, alarm sms"]) & ALERTING,
        ALERTING
    );
    for said in [
        "access notes (key safe / alarm codes)",
        "site info (access notes, alarm codes)",
        "alarm panel in the plant room",
    ] {
        assert_eq!(facts([said]) & ALERTING, 0, "{said}");
    }
}

#[test]
fn a_cable_to_the_next_box_is_no_network() {
    for said in [
        "ASCOM dome driver over USB serial",
        "Digitrax DCS240, LocoNet USB to the Pi",
        "sensor board on I2C",
        "weight from the indicator (RS232)",
    ] {
        assert_eq!(facts([said]) & WIRED, WIRED, "{said}");
    }
    // A serial port put on the network by a converter is on the network.
    assert_eq!(
        facts(["cycle record sent from the serial port via Moxa serial-to-ethernet converters"])
            & WIRED,
        0
    );
}

#[test]
fn sessions_said_outright() {
    for said in [
        "session cookie after email+password login",
        "Redis session store",
        "server-side sessions, 8h idle timeout",
        "PHPSESSID",
    ] {
        assert_eq!(facts([said]) & SESSIONS, SESSIONS, "{said}");
    }
    // A session of a club, a class or an exam is no sign-in session.
    for said in [
        "exam session booking",
        "training sessions",
        "bridge session scores",
    ] {
        assert_eq!(facts([said]) & SESSIONS, 0, "{said}");
    }
}

#[test]
fn special_category_data() {
    for said in [
        "patient notes",
        "prescriptions",
        "voice recording",
        "DBS check result",
        "pupil records",
        "children's allergies",
        "name, DOB",
    ] {
        assert_eq!(facts([said]) & SPECIAL_DATA, SPECIAL_DATA, "{said}");
    }
    for said in [
        "order confirmation",
        "name, phone",
        "invoice lines",
        "doberman",
    ] {
        assert_eq!(facts([said]) & SPECIAL_DATA, 0, "{said}");
    }
}

#[test]
fn people_sign_witness_or_declare() {
    for said in [
        "waiver json + signature png",
        "sign-on-glass signature on delivery",
        "witness PIN for controlled drugs",
        "self-declaration of convictions",
        "chain of custody form",
    ] {
        assert_eq!(facts([said]) & ATTESTS, ATTESTS, "{said}");
    }
    // Cryptography signs, and a waiver code lets somebody off a fee: no person vouches.
    for said in [
        "verifies the JWT signature",
        "Stripe-Signature header checked",
        "webhook signature verification",
        "partner-school waiver codes give 100% off",
        "fee waiver for students",
    ] {
        assert_eq!(facts([said]) & ATTESTS, 0, "{said}");
    }
}

#[test]
fn referrals_are_promotions_only_when_rewarded() {
    for said in ["referral codes give £10 credit", "refer a friend"] {
        assert_eq!(facts([said]) & PROMO, PROMO, "{said}");
    }
    // A referral from a GP or a caseworker sends a person to a service.
    for said in ["GP referral letter", "referrals from caseworkers"] {
        assert_eq!(facts([said]) & PROMO, 0, "{said}");
    }
}

#[test]
fn spreadsheets() {
    for said in [
        "orders.csv",
        "weekly export (XLSX)",
        "Google Sheet of volunteers",
    ] {
        assert_eq!(facts([said]) & SPREADSHEET, SPREADSHEET, "{said}");
    }
    for said in ["JSON export", "excellent service"] {
        assert_eq!(facts([said]) & SPREADSHEET, 0, "{said}");
    }
}

#[test]
fn balances_people_spend_not_staff_adjustments() {
    for said in [
        "max 2 bookings per member",
        "lesson credits",
        "tickets per customer",
    ] {
        assert_eq!(facts([said]) & BALANCE, BALANCE, "{said}");
    }
    for said in [
        "merges bookings per flight, creates pickup tasks",
        "adjust reads, issue credits, change contract CPC",
    ] {
        assert_eq!(facts([said]) & BALANCE, 0, "{said}");
    }
}

#[test]
fn lookups_by_reference_or_search() {
    for said in [
        "customer lookup + swap slot booking",
        "check status (ref no + email)",
        "Index search",
        // A negation ends with its sentence.
        "public endpoint, no login. search by surname + postcode",
    ] {
        assert_eq!(facts([said]) & LOOKUP, LOOKUP, "{said}");
    }
    assert_eq!(facts(["no search, only a link"]) & LOOKUP, 0);
    assert_eq!(
        facts(["shown without signal. Peak load opening day"]) & PEAKS,
        PEAKS
    );
    assert_eq!(facts(["without peak load"]) & PEAKS, 0);
    for said in ["looks after the dogs", "research data"] {
        assert_eq!(facts([said]) & LOOKUP, 0, "{said}");
    }
}

#[test]
fn urls_the_service_signed() {
    for said in ["upload (presigned PUT)", "SAS token", "pre-signed URL"] {
        assert_eq!(facts([said]) & SIGNED_URL, SIGNED_URL, "{said}");
    }
    for said in ["unsigned firmware", "signed-in users"] {
        assert_eq!(facts([said]) & SIGNED_URL, 0, "{said}");
    }
}

#[test]
fn references_with_facts_others_know() {
    for said in [
        "lookup by NI no + DOB",
        "Member login = membership no + surname",
        "customers log in with account no + postcode",
        "agent verifies caller with DOB + postcode",
        "ticket no. (FX-10234 etc) + surname",
    ] {
        assert_eq!(facts([said]) & KNOWN_FACTS, KNOWN_FACTS, "{said}");
    }
    for said in [
        "household responses, new residents incl. DOB + nationality",
        "name, address and date of birth",
        "postcode lookup for addresses",
    ] {
        assert_eq!(facts([said]) & KNOWN_FACTS, 0, "{said}");
    }
}

#[test]
fn a_password_people_sign_in_with_not_one_reset_or_sent_once() {
    for said in [
        "agent login email + password. guests get a magic link",
        "members log in with membership no. + password",
        "bcrypt passwords",
    ] {
        assert_eq!(facts([said]) & PASSWORD, PASSWORD, "{said}");
    }
    for said in [
        "one-time password by SMS",
        "reset a forgotten AD password or unlock the account",
        "proves identity with SMS OTP, then sets new pwd",
        "generates temp password and reads it to the user",
        "password reset by email link",
        "no password: magic link only",
    ] {
        assert_eq!(facts([said]) & PASSWORD, 0, "{said}");
    }
    for said in [
        "They have accounts. Residents can apply as guest.",
        "signed-in customers and guests",
    ] {
        assert_eq!(facts([said]) & ACCOUNT_HOLDERS, ACCOUNT_HOLDERS, "{said}");
    }
    assert_eq!(facts(["guests only, no account"]) & ACCOUNT_HOLDERS, 0);
    // A reset's words leave other sign-in words alone.
    assert_eq!(facts(["enrol a new passkey"]) & PASSWORDLESS, PASSWORDLESS);
}

#[test]
fn cards_charged_by_the_providers_token() {
    for said in [
        "charge saved card token",
        "Braintree vault, card saved at sign up",
        "payment method token from Stripe",
    ] {
        assert_eq!(facts([said]) & CARD_TOKEN, CARD_TOKEN, "{said}");
    }
    assert_eq!(facts(["card number + expiry + CVV"]) & CARD_TOKEN, 0);
}

#[test]
fn a_customers_own_administrators() {
    for said in [
        "Org admins see status only",
        "merchant admin manages the widget",
        "HR/benefits admins see enrolment for their sponsor",
        "circles, members, invites. JWT (30d). roles: admin / member",
    ] {
        assert_eq!(facts([said]) & TENANT_ADMINS, TENANT_ADMINS, "{said}");
    }
    for said in [
        "admin pages at /admin",
        "Node/Express. JWT, roles: admin / warehouse / qc",
    ] {
        assert_eq!(facts([said]) & TENANT_ADMINS, 0, "{said}");
    }
}

#[test]
fn bookings_of_limited_places() {
    for said in [
        "book slot",
        "Reservations API",
        "signup / reserve",
        "each checkout holds the slot for 15 min",
        "places are first come, first served",
        "Table bookings",
    ] {
        assert_eq!(facts([said]) & RESERVES, RESERVES, "{said}");
    }
    for said in [
        "honours customer min SoC reserve (default 20%)",
        "reserve % / opt-out",
        "Book shop stock",
        "notebook entries",
        // Bookings read to build something else.
        "builds pax manifest + load sheet per flight from bookings",
    ] {
        assert_eq!(facts([said]) & RESERVES, 0, "{said}");
    }
}

#[test]
fn answering_alerts() {
    for said in [
        "ack alert",
        "ack / resolve",
        "cancel escalation, tracks",
        "alarms + acks",
    ] {
        assert_eq!(facts([said]) & ACKNOWLEDGES, ACKNOWLEDGES, "{said}");
    }
    for said in ["backup", "jackets", "package", "alert sms"] {
        assert_eq!(facts([said]) & ACKNOWLEDGES, 0, "{said}");
    }
}

#[test]
fn scanning_uploads_for_malware() {
    for said in [
        "ClamAV scan on upload",
        "virus scan",
        "Defender for Storage malware scan",
    ] {
        assert_eq!(facts([said]) & SCANS_FILES, SCANS_FILES, "{said}");
    }
    for said in ["barcode scan", "scan QR to check in", "port scan"] {
        assert_eq!(facts([said]) & SCANS_FILES, 0, "{said}");
    }
}

#[test]
fn field_buses_are_wires() {
    for said in [
        "modbus RTU",
        "NMEA 2000 backbone",
        "N2K",
        "1-wire temp sensors",
    ] {
        assert_eq!(facts([said]) & WIRED, WIRED, "{said}");
    }
    for said in ["Modbus TCP", "MQTT over 4G"] {
        assert_eq!(facts([said]) & WIRED, 0, "{said}");
    }
}

#[test]
fn public_verification_pages() {
    for said in [
        "serial + QR -> /verify/<serial>",
        "Verify page",
        "public certificate check",
    ] {
        assert_eq!(
            facts([said]) & (LOOKUP | NO_LOGIN),
            LOOKUP | NO_LOGIN,
            "{said}"
        );
    }
    for said in ["approve members, verify certs", "POST /subscribe, /verify"] {
        assert_eq!(facts([said]) & NO_LOGIN, 0, "{said}");
    }
}

#[test]
fn a_language_model_by_what_only_one_is() {
    for said in [
        "system prompt + RAG over the handbook",
        "summary via OpenAI",
        "LLM triage",
    ] {
        assert_eq!(facts([said]) & LLM, LLM, "{said}");
    }
    // An interview's or a phone menu's prompts are questions for people.
    for said in [
        "prompts + hidden test cases",
        "IVR prompts (DTMF)",
        "odometer prompt",
    ] {
        assert_eq!(facts([said]) & LLM, 0, "{said}");
    }
}

#[test]
fn codes_shown_to_a_scanner() {
    for said in [
        "scan QR",
        "boarding QR",
        "badge scan",
        "ticket barcode",
        "QR code",
    ] {
        assert_eq!(facts([said]) & SCANNED_CODE, SCANNED_CODE, "{said}");
    }
    for said in ["quarterly report", "square", "bar coded"] {
        assert_eq!(facts([said]) & SCANNED_CODE, 0, "{said}");
    }
    assert_eq!(facts(["signed QR, single-use"]) & SIGNED_CODE, SIGNED_CODE);
}

#[test]
fn details_of_people_and_pages_anyone_opens() {
    for said in [
        "junior league results listed with name + age",
        "bookings, lead booker phone number, player ages",
        "entrants: legal names, emergency contact, postcode",
        "U18 section",
    ] {
        assert_eq!(facts([said]) & PEOPLE_DETAILS, PEOPLE_DETAILS, "{said}");
    }
    // "age" inside another word, or an address that is no one's home.
    for said in [
        "manage page storage",
        "IP address allow-list",
        "web page usage",
    ] {
        assert_eq!(facts([said]) & PEOPLE_DETAILS, 0, "{said}");
    }
    for said in [
        "League leaderboard",
        "public results + big screen",
        "Spectator web",
    ] {
        assert_eq!(facts([said]) & PUBLIC_DISPLAY, PUBLIC_DISPLAY, "{said}");
    }
    assert_eq!(facts(["results entry (staff)"]) & PUBLIC_DISPLAY, 0);
}

#[test]
fn credits_finance_staff_post_are_no_balance() {
    for said in [
        "internal tool, VPN only. credits, manual adjustments, refunds",
        "credits / adjustments",
    ] {
        assert_eq!(facts([said]) & BALANCE, 0, "{said}");
    }
    assert_eq!(
        facts(["customers spend credits on rides"]) & BALANCE,
        BALANCE
    );
}

#[test]
fn a_rag_rating_is_no_language_model() {
    assert_eq!(
        facts(["Entra ID sign in. RAG rating within 24 hrs"]) & LLM,
        0
    );
    assert_eq!(
        facts(["answers from a RAG pipeline over the policy docs"]) & LLM,
        LLM
    );
}
