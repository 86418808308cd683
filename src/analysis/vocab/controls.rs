//! Controls a model's words say are in place: "Kong. rate limiting + JWT validation",
//! "per-device X.509 certificate", "stores sha256(key)", "payment provider's hosted
//! fields". Teams write these in descriptions far more often than they set the matching
//! property, and a threat saying "nothing limits …" or "nobody checks who calls" beside
//! such a sentence reads as wrong. What the words say only adds: a property set in the
//! model is read as it is.

use super::Mode::{self, Sub, Whole, Word};
use super::phrases::{Phrases, never};

/// Controls, as bits.
pub mod control {
    /// Requests are limited: rate limits, throttling, quotas, a WAF or DDoS protection.
    pub const RATE_LIMITED: u64 = 1 << 0;
    /// Callers prove who they are: tokens, keys, certificates, single sign-on.
    pub const AUTHENTICATES: u64 = 1 << 1;
    /// What it does is written to an audit trail.
    pub const AUDITED: u64 = 1 << 2;
    /// Secrets are kept as hashes (what a copy holds cannot sign in).
    pub const HASHED: u64 = 1 << 3;
    /// Card details never reach it: a provider's hosted fields, page or tokens.
    pub const CARD_HOSTED: u64 = 1 << 4;
    /// What it keeps is encrypted by the clients before it arrives (zero-knowledge,
    /// end-to-end): a copy of it gives nothing away without the users' keys.
    pub const CLIENT_ENCRYPTED: u64 = 1 << 5;
    /// What it keeps cannot be changed once written: append-only, WORM, object lock, a
    /// hash chain.
    pub const APPEND_ONLY: u64 = 1 << 6;
    /// Checks the signature on what is sent to it: "verifies X-Hub-Signature-256",
    /// "Stripe-Signature checked", "signed webhooks".
    pub const SIGNATURES_CHECKED: u64 = 1 << 7;
    /// A device keeps its keys in hardware made to resist extraction: a secure element,
    /// a TPM, a hardware-backed keystore.
    pub const KEY_IN_HARDWARE: u64 = 1 << 8;
    /// People sign in with the organisation's directory or single sign-on: Windows
    /// authentication, Active Directory, Entra ID (AAD), Kerberos, SSO. Passwords, lockout
    /// and MFA are the directory's or the identity provider's.
    pub const DIRECTORY_SIGN_IN: u64 = 1 << 9;
    /// Both ends of its links prove who they are: client or device certificates, mutual
    /// TLS, a key per device ("X.509 device cert installed at our depot", "X.509 cert per
    /// device" said of the broker that checks them).
    pub const MUTUAL_AUTH: u64 = 1 << 10;
    /// Keeps a fast hash (SHA-256) of what it is given: long random keys stay safe, guessable
    /// passwords and answers do not.
    pub const FAST_HASHED: u64 = 1 << 11;
}

/// Words for one control, for the inspector.
pub fn control_label(bit: u64) -> &'static str {
    match bit {
        control::RATE_LIMITED => "requests limited",
        control::AUTHENTICATES => "authenticates its callers",
        control::AUDITED => "keeps an audit trail",
        control::HASHED => "keeps secrets as hashes",
        control::CARD_HOSTED => "card details stay with the provider",
        control::CLIENT_ENCRYPTED => "holds only what clients encrypted",
        control::APPEND_ONLY => "append-only: entries cannot be changed",
        control::SIGNATURES_CHECKED => "checks the sender's signature",
        control::KEY_IN_HARDWARE => "keeps its keys in hardware",
        control::DIRECTORY_SIGN_IN => "signs people in with the organisation's directory",
        control::MUTUAL_AUTH => "its links prove both ends (certificates, a key per device)",
        control::FAST_HASHED => "keeps secrets as fast (SHA) hashes",
        _ => "",
    }
}

/// A credential of the sender's own that the link checks (a client or device certificate,
/// a key per device): callers are authenticated, and both ends of the link are proven.
const PROVEN: u64 = control::AUTHENTICATES | control::MUTUAL_AUTH;

const CONTROLS: &[(&str, u64, Mode)] = &[
    ("rate limit", control::RATE_LIMITED, Sub),
    ("rate-limit", control::RATE_LIMITED, Sub),
    ("ratelimit", control::RATE_LIMITED, Word),
    ("throttl", control::RATE_LIMITED, Sub),
    ("quota", control::RATE_LIMITED, Word),
    ("waf", control::RATE_LIMITED, Whole),
    ("web application firewall", control::RATE_LIMITED, Word),
    ("ddos protection", control::RATE_LIMITED, Word),
    ("aws shield", control::RATE_LIMITED, Word),
    ("cloudflare", control::RATE_LIMITED, Word),
    ("akamai", control::RATE_LIMITED, Word),
    ("secure element", control::KEY_IN_HARDWARE, Word),
    ("tpm", control::KEY_IN_HARDWARE, Whole),
    ("trustzone", control::KEY_IN_HARDWARE, Word),
    ("atecc608", control::KEY_IN_HARDWARE, Sub),
    ("se050", control::KEY_IN_HARDWARE, Whole),
    ("hardware-backed key", control::KEY_IN_HARDWARE, Word),
    ("hardware backed key", control::KEY_IN_HARDWARE, Word),
    ("hsm", control::KEY_IN_HARDWARE, Whole),
    ("cloudhsm", control::KEY_IN_HARDWARE, Word),
    ("hardware security module", control::KEY_IN_HARDWARE, Word),
    ("tamper-resistant", control::KEY_IN_HARDWARE, Word),
    ("tamper resistant", control::KEY_IN_HARDWARE, Word),
    ("x-hub-signature", control::SIGNATURES_CHECKED, Word),
    ("stripe-signature", control::SIGNATURES_CHECKED, Word),
    ("verifies signature", control::SIGNATURES_CHECKED, Word),
    ("verifies signatures", control::SIGNATURES_CHECKED, Word),
    ("verifies the signature", control::SIGNATURES_CHECKED, Word),
    ("verify signature", control::SIGNATURES_CHECKED, Word),
    ("signature verified", control::SIGNATURES_CHECKED, Word),
    ("signature verification", control::SIGNATURES_CHECKED, Word),
    ("signature check", control::SIGNATURES_CHECKED, Word),
    ("signature checked", control::SIGNATURES_CHECKED, Word),
    ("signed webhooks", control::SIGNATURES_CHECKED, Word),
    ("webhook signature", control::SIGNATURES_CHECKED, Word),
    ("verifies hmac", control::SIGNATURES_CHECKED, Word),
    ("jwt", control::AUTHENTICATES, Word),
    ("bearer token", control::AUTHENTICATES, Word),
    ("oauth", control::AUTHENTICATES, Sub),
    ("oidc", control::AUTHENTICATES, Word),
    ("openid", control::AUTHENTICATES, Sub),
    ("saml", control::AUTHENTICATES, Word),
    (
        "single sign-on",
        control::AUTHENTICATES | control::DIRECTORY_SIGN_IN,
        Word,
    ),
    (
        "sso",
        control::AUTHENTICATES | control::DIRECTORY_SIGN_IN,
        Whole,
    ),
    // Staff signed in by the organisation's directory: its sign-in, MFA and lockout are
    // the directory's.
    ("windows auth", control::DIRECTORY_SIGN_IN, Sub),
    ("integrated windows", control::DIRECTORY_SIGN_IN, Word),
    ("kerberos", control::DIRECTORY_SIGN_IN, Word),
    ("active directory", control::DIRECTORY_SIGN_IN, Word),
    ("ad groups", control::DIRECTORY_SIGN_IN, Word),
    ("ad login", control::DIRECTORY_SIGN_IN, Word),
    ("ad account", control::DIRECTORY_SIGN_IN, Word),
    ("entra", control::DIRECTORY_SIGN_IN, Word),
    ("azure ad", control::DIRECTORY_SIGN_IN, Word),
    ("aad", control::DIRECTORY_SIGN_IN, Whole),
    ("api key", control::AUTHENTICATES, Word),
    ("api-key", control::AUTHENTICATES, Word),
    ("x-api-key", control::AUTHENTICATES, Word),
    ("mtls", PROVEN, Whole),
    ("mutual tls", PROVEN, Word),
    ("client certificate", PROVEN, Word),
    ("client cert", PROVEN, Word),
    ("x.509", PROVEN, Sub),
    ("x509", PROVEN, Word),
    ("certificate per device", PROVEN, Word),
    ("device certificate", PROVEN, Word),
    ("device cert", PROVEN, Word),
    ("cert per device", PROVEN, Word),
    ("key per device", PROVEN, Word),
    ("per-device key", PROVEN, Word),
    ("per device key", PROVEN, Word),
    ("x-api-key per device", PROVEN, Word),
    ("hmac", control::AUTHENTICATES, Word),
    ("sigv4", control::AUTHENTICATES, Word),
    ("iam auth", control::AUTHENTICATES, Word),
    ("basic auth", control::AUTHENTICATES, Word),
    ("authenticated", control::AUTHENTICATES, Whole),
    ("requires login", control::AUTHENTICATES, Word),
    ("login required", control::AUTHENTICATES, Word),
    ("audit log", control::AUDITED, Word),
    ("audit_log", control::AUDITED, Word),
    ("auditlog", control::AUDITED, Word),
    ("audit", control::AUDITED, Whole),
    ("audit trail", control::AUDITED, Word),
    ("audited", control::AUDITED, Whole),
    ("audit logging", control::AUDITED, Word),
    ("append-only", control::APPEND_ONLY, Word),
    ("append only", control::APPEND_ONLY, Word),
    ("worm", control::APPEND_ONLY, Whole),
    ("immutable", control::APPEND_ONLY, Word),
    ("object lock", control::APPEND_ONLY, Word),
    ("hash-chained", control::APPEND_ONLY, Word),
    ("hash chained", control::APPEND_ONLY, Word),
    ("hash chain", control::APPEND_ONLY, Word),
    ("tamper-evident", control::APPEND_ONLY, Word),
    ("tamper evident", control::APPEND_ONLY, Word),
    ("tamper-proof", control::APPEND_ONLY, Word),
    ("write-once", control::APPEND_ONLY, Word),
    ("write once", control::APPEND_ONLY, Word),
    ("qldb", control::APPEND_ONLY, Whole),
    ("hashed", control::HASHED, Whole),
    ("hash(", control::HASHED, Sub),
    ("sha256(", control::HASHED, Sub),
    ("sha256", control::FAST_HASHED, Word),
    ("sha-256", control::FAST_HASHED, Word),
    ("sha512", control::FAST_HASHED, Word),
    ("bcrypt", control::HASHED, Word),
    ("argon2", control::HASHED, Word),
    ("scrypt", control::HASHED, Word),
    ("pbkdf2", control::HASHED, Word),
    ("p2pe", control::CARD_HOSTED, Word),
    ("point-to-point encryption", control::CARD_HOSTED, Word),
    ("hosted field", control::CARD_HOSTED, Word),
    ("hosted payment page", control::CARD_HOSTED, Word),
    ("hosted checkout", control::CARD_HOSTED, Word),
    ("payment iframe", control::CARD_HOSTED, Word),
    ("in iframe", control::CARD_HOSTED, Word),
    ("tokenized card", control::CARD_HOSTED, Word),
    ("tokenised card", control::CARD_HOSTED, Word),
    ("card token", control::CARD_HOSTED, Word),
    ("stripe elements", control::CARD_HOSTED, Word),
    ("stripe checkout", control::CARD_HOSTED, Word),
    ("zero-knowledge", control::CLIENT_ENCRYPTED, Word),
    ("zero knowledge", control::CLIENT_ENCRYPTED, Word),
    ("client-side encrypt", control::CLIENT_ENCRYPTED, Sub),
    ("client side encrypt", control::CLIENT_ENCRYPTED, Sub),
    ("end-to-end encrypt", control::CLIENT_ENCRYPTED, Sub),
    ("end to end encrypt", control::CLIENT_ENCRYPTED, Sub),
    ("e2ee", control::CLIENT_ENCRYPTED, Whole),
];

static PHRASES: Phrases = Phrases::new(&[CONTROLS], never);

/// The controls `texts` say are in place, as [`control`] bits; `None` of a control is said
/// where its words are negated ("no rate limiting").
pub fn controls<'a>(texts: impl IntoIterator<Item = &'a str>) -> u64 {
    PHRASES.bits(texts)
}

/// Where each control of `texts` comes from: (bit, the label of the text, the word).
pub fn control_sources<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<(u64, &'a str, &'static str)> {
    PHRASES.sources(texts)
}

#[cfg(test)]
mod tests {
    use super::{control, controls};

    #[test]
    fn controls_are_read_from_what_teams_write() {
        for said in [
            "Windows auth, roles from AD groups",
            "internal MVC app, AD login",
            "Entra ID",
            "Fitters + transport mgrs, AAD login",
        ] {
            assert_eq!(controls([said]), control::DIRECTORY_SIGN_IN, "{said}");
        }
        // Single sign-on authenticates callers, and passwords are the identity provider's.
        assert_eq!(
            controls(["Must be logged in via SSO"]),
            control::AUTHENTICATES | control::DIRECTORY_SIGN_IN
        );
        assert_eq!(
            controls(["Kong. rate limiting + JWT validation"]),
            control::RATE_LIMITED | control::AUTHENTICATES
        );
        assert_eq!(
            controls(["per-device X.509 certificate, provisioned at the factory"]),
            control::AUTHENTICATES | control::MUTUAL_AUTH
        );
        // A key per device proves the device; an API key alone says only that callers
        // are checked.
        assert_eq!(
            controls(["x-api-key per device"]),
            control::AUTHENTICATES | control::MUTUAL_AUTH
        );
        assert_eq!(controls(["x-api-key"]), control::AUTHENTICATES);
        assert_eq!(
            controls(["stores sha256(key) + prefix"]),
            control::HASHED | control::FAST_HASHED
        );
        assert_eq!(
            controls(["stores sha256 + first 8 chars"]),
            control::FAST_HASHED
        );
        assert_eq!(
            controls(["Payment provider hosted fields in iframe"]),
            control::CARD_HOSTED
        );
        // Card data encrypted in the terminal: the app gets only a result and a masked PAN.
        assert_eq!(
            controls(["P2PE terminal, kiosk gets approved/declined + masked PAN back"]),
            control::CARD_HOSTED
        );
        assert_eq!(
            controls(["Writes every change to the audit log"]),
            control::AUDITED
        );
    }

    #[test]
    fn negated_or_absent_controls_are_not_read() {
        assert_eq!(controls(["no rate limiting yet"]), 0);
        assert_eq!(
            controls(["rate limiting at the edge"]),
            control::RATE_LIMITED
        );
        assert_eq!(controls(["not authenticated"]), 0);
        assert_eq!(controls(["Unauthenticated endpoint"]), 0);
        assert_eq!(controls(["Stores orders and invoices"]), 0);
        // Parts of other words are not controls ("wafer", "ssoft").
        assert_eq!(controls(["wafer inventory"]), 0);
    }
}
