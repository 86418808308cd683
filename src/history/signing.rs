//! Signed sign-offs: the CI gate trusts people, not the file. A sign-off can carry the
//! reviewer's SSH signature (the sshsig format git uses, namespace `threatboard-signoff`)
//! over a canonical text of the record: the model hash, who, when, and every decision that
//! lowers risk as it stood. `check --allowed-signers` then counts such a decision (a
//! status other than open, a severity below the rule's) only while the latest sign-off
//! signed by an allowed signer covers it unchanged; the report and the app say of each
//! record whether it is signed by an allowed key, unsigned or its signature invalid.
//!
//! Who a sign-off is by (the principal matched against `allowed_signers`): the e-mail
//! address in angle brackets when the reviewer has one (`Priya Raman <priya@example.com>`,
//! as git matches committers), else the whole reviewer name as written.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use super::allowed_signers::{AllowedSigners, key_fingerprint};
use crate::analysis::{Analysis, Finding};
use crate::model::{Project, Severity, SignOff, SignedDecision, Status, ThreatRecord};

/// The sshsig namespace of a sign-off signature (ssh-keygen `-n threatboard-signoff`).
pub const NAMESPACE: &str = "threatboard-signoff";

/// The first line of the signed text; a later format gets a new one.
pub const MESSAGE_HEADER: &str = "threatboard-signoff v1";

/// The largest private key file read.
const MAX_KEY_BYTES: u64 = 1024 * 1024;

/// The largest armored signature looked at (an RSA-16384 one is under 5 kB).
const MAX_SIGNATURE_BYTES: usize = 64 * 1024;

/// Why a key could not be used for signing. Never quotes the key file.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("{path}: cannot read the key: {why}")]
    Read { path: String, why: String },
    #[error("{path}: not an OpenSSH private key ({why})")]
    NotAKey { path: String, why: String },
    #[error(
        "{path}: the key is encrypted; give its passphrase (THREATBOARD_KEY_PASSPHRASE, or at the prompt)"
    )]
    NeedsPassphrase { path: String },
    #[error("{path}: wrong passphrase, or the key cannot be decrypted")]
    WrongPassphrase { path: String },
    #[error("{path}: cannot sign with this key: {why}")]
    Sign { path: String, why: String },
}

/// Reads an OpenSSH private key; `passphrase` is asked only when the key is encrypted.
pub fn load_private_key(
    path: &Path,
    passphrase: impl FnOnce() -> Option<String>,
) -> Result<PrivateKey, SignError> {
    let shown = path.display().to_string();
    let read = |why: String| SignError::Read {
        path: shown.clone(),
        why,
    };
    let text = zeroize::Zeroizing::new(
        crate::foundation::read::bounded(path, MAX_KEY_BYTES).map_err(|e| match e {
            crate::foundation::read::ReadError::TooLarge { .. } => {
                read("too large for a private key".to_owned())
            }
            other => read(other.to_string()),
        })?,
    );
    let key = PrivateKey::from_openssh(&*text).map_err(|e| SignError::NotAKey {
        path: shown.clone(),
        why: if text.starts_with(b"ssh-") || text.starts_with(b"ecdsa-") {
            "this is a public key: give the file without .pub".to_owned()
        } else {
            e.to_string()
        },
    })?;
    if !key.is_encrypted() {
        return Ok(key);
    }
    let Some(pass) = passphrase() else {
        return Err(SignError::NeedsPassphrase { path: shown });
    };
    let pass = zeroize::Zeroizing::new(pass);
    key.decrypt(pass.as_bytes())
        .map_err(|_| SignError::WrongPassphrase { path: shown })
}

/// The decisions a signature covers: every threat whose decision lowers risk, by key.
pub fn decisions(analysis: &Analysis) -> Vec<SignedDecision> {
    let mut list: Vec<SignedDecision> = analysis
        .threats()
        .filter(|f| f.decision_lowers_risk() || f.record.severity.is_some())
        .map(signed_decision)
        .collect();
    list.sort_by(|a, b| a.key.cmp(&b.key));
    list.dedup_by(|a, b| a.key == b.key);
    list
}

fn signed_decision(f: &Finding) -> SignedDecision {
    let r = &f.record;
    SignedDecision {
        key: f.key.to_string(),
        status: r.status,
        severity: r.severity,
        rule_severity: f.computed_severity,
        mitigation: r.mitigation.trim().to_owned(),
        justification: r.justification.trim().to_owned(),
        review_by: r.review_by.trim().to_owned(),
    }
}

/// The canonical text a signature is made over (version 1): one field a line, strings as
/// JSON strings (so a newline in a justification cannot forge a line), the accepted open
/// threats and the decisions sorted by key. Deterministic: the same record gives the same
/// bytes on every machine. `threatboard sign-off --key` signs it; anyone can rebuild it
/// and check it with `ssh-keygen -Y verify -n threatboard-signoff`.
pub fn message(record: &SignOff) -> String {
    let j = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut m = String::new();
    let _ = writeln!(m, "{MESSAGE_HEADER}");
    let _ = writeln!(m, "model_sha256 {}", j(&record.model_sha256));
    let _ = writeln!(m, "reviewer {}", j(&record.reviewer));
    let _ = writeln!(m, "role {}", j(&record.role));
    let _ = writeln!(m, "at {}", j(&record.at));
    let _ = writeln!(m, "version_label {}", j(&record.version_label));
    let _ = writeln!(m, "note {}", j(&record.note));
    let mut accepted: Vec<_> = record.accepted.iter().collect();
    // By key, then by the label (the text order this list has always been signed in).
    accepted.sort_by(|a, b| (&a.key, a.severity.label()).cmp(&(&b.key, b.severity.label())));
    let _ = writeln!(m, "accepted {}", accepted.len());
    for a in accepted {
        let _ = writeln!(m, "accept {} {}", j(&a.key), j(a.severity.label()));
    }
    let mut decisions: Vec<_> = record.decisions.iter().collect();
    decisions.sort_by(|a, b| a.key.cmp(&b.key));
    let _ = writeln!(m, "decisions {}", decisions.len());
    for d in decisions {
        let _ = writeln!(
            m,
            "decision {} status {} severity {} rule_severity {} mitigation {} justification {} review_by {}",
            j(&d.key),
            j(d.status.snake()),
            j(d.severity.map_or("", Severity::label)),
            j(d.rule_severity.label()),
            j(&d.mitigation),
            j(&d.justification),
            j(&d.review_by)
        );
    }
    m
}

/// Signs `record`: records the decisions of `analysis` it covers, then the signature and
/// the signer's public key.
pub fn sign(
    record: &mut SignOff,
    analysis: &Analysis,
    key: &PrivateKey,
    key_path: &Path,
) -> Result<(), SignError> {
    let err = |why: String| SignError::Sign {
        path: key_path.display().to_string(),
        why,
    };
    record.decisions = decisions(analysis);
    let sig = key
        .sign(NAMESPACE, HashAlg::Sha512, message(record).as_bytes())
        .map_err(|e| err(e.to_string()))?;
    record.signature = sig.to_pem(LineEnding::LF).map_err(|e| err(e.to_string()))?;
    let mut public = key.public_key().clone();
    public.set_comment("");
    record.signer_key = public.to_openssh().map_err(|e| err(e.to_string()))?;
    Ok(())
}

/// Who a record says signed it, as matched against `allowed_signers` principals: the
/// address in `<…>` when the reviewer has one, else the reviewer as written (trimmed).
pub fn principal(reviewer: &str) -> &str {
    let r = reviewer.trim();
    if let (Some(open), Some(close)) = (r.rfind('<'), r.rfind('>')) {
        if open < close {
            let email = r[open + 1..close].trim();
            if !email.is_empty() {
                return email;
            }
        }
    }
    r
}

/// What a sign-off record's signature is worth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureCheck {
    /// No signature: anybody with the file could have written the record.
    Unsigned,
    /// A signature that does not verify: the record (or a decision it covers) was changed
    /// after signing, or the signature is damaged.
    Invalid { reason: String },
    /// A good signature by this key, not checked against an allowed_signers file.
    Signed { fingerprint: String },
    /// A good signature by a key the allowed_signers file allows for the reviewer.
    Allowed {
        fingerprint: String,
        principals: String,
    },
    /// A good signature, but not by a key allowed for the reviewer.
    NotAllowed { fingerprint: String, reason: String },
}

impl SignatureCheck {
    /// For people: "signed by an allowed key (SHA256:…)", "unsigned", …
    pub fn label(&self) -> String {
        match self {
            Self::Unsigned => "unsigned".to_owned(),
            Self::Invalid { reason } => format!("signature invalid: {reason}"),
            Self::Signed { fingerprint } => {
                format!("signed (key {fingerprint}) — not checked against allowed signers")
            }
            Self::Allowed { fingerprint, .. } => {
                format!("signed by an allowed key ({fingerprint})")
            }
            Self::NotAllowed {
                fingerprint,
                reason,
            } => format!("signed (key {fingerprint}) but not by an allowed signer: {reason}"),
        }
    }

    /// One or two words: "signed by an allowed key", "signed", "unsigned", "signature
    /// invalid", "not an allowed signer".
    pub fn short(&self) -> &'static str {
        match self {
            Self::Unsigned => "unsigned",
            Self::Invalid { .. } => "signature invalid",
            Self::Signed { .. } => "signed, not checked",
            Self::Allowed { .. } => "signed by an allowed key",
            Self::NotAllowed { .. } => "signed, not an allowed signer",
        }
    }

    /// The signature verifies (whoever made it).
    pub fn verifies(&self) -> bool {
        matches!(
            self,
            Self::Signed { .. } | Self::Allowed { .. } | Self::NotAllowed { .. }
        )
    }
}

/// Checks a record's signature, and against `allowed` when given. Never panics on any
/// record: a damaged signature is `Invalid`.
pub fn check_record(record: &SignOff, allowed: Option<&AllowedSigners>) -> SignatureCheck {
    if record.signature.trim().is_empty() {
        return SignatureCheck::Unsigned;
    }
    let sig = match read_signature(&record.signature) {
        Ok(s) => s,
        Err(reason) => return SignatureCheck::Invalid { reason },
    };
    let key = PublicKey::from(sig.public_key().clone());
    let fingerprint = key_fingerprint(key.key_data());
    if !record.signer_key.trim().is_empty() {
        match PublicKey::from_openssh(record.signer_key.trim()) {
            Ok(k) if k.key_data() == key.key_data() => {}
            _ => {
                return SignatureCheck::Invalid {
                    reason: format!(
                        "the recorded signer key is not the key that signed ({fingerprint})"
                    ),
                };
            }
        }
    }
    if key
        .verify(NAMESPACE, message(record).as_bytes(), &sig)
        .is_err()
    {
        return SignatureCheck::Invalid {
            reason: "the record or a decision it covers was changed after signing".to_owned(),
        };
    }
    match allowed {
        None => SignatureCheck::Signed { fingerprint },
        Some(a) => match a.allows(
            principal(&record.reviewer),
            key.key_data(),
            NAMESPACE,
            &record.at,
        ) {
            Ok(principals) => SignatureCheck::Allowed {
                fingerprint,
                principals,
            },
            Err(reason) => SignatureCheck::NotAllowed {
                fingerprint,
                reason,
            },
        },
    }
}

/// Parses an armored sshsig signature (`-----BEGIN SSH SIGNATURE-----`) in the namespace
/// of sign-offs; the error says what is wrong without quoting the text.
pub fn read_signature(text: &str) -> Result<SshSig, String> {
    let text = text.trim();
    if text.len() > MAX_SIGNATURE_BYTES {
        return Err(format!("the signature is too long ({} bytes)", text.len()));
    }
    if !text.starts_with("-----BEGIN SSH SIGNATURE-----") {
        return Err("not an SSH signature (-----BEGIN SSH SIGNATURE-----)".to_owned());
    }
    let sig = SshSig::from_pem(text).map_err(|e| format!("cannot read the signature: {e}"))?;
    if sig.namespace() != NAMESPACE {
        return Err(format!(
            "made for namespace {:?}, not {NAMESPACE}",
            sig.namespace().chars().take(60).collect::<String>()
        ));
    }
    Ok(sig)
}

/// Whether the model changed since its latest sign-off, taking the signature into
/// account: `None` when never signed; `Some(true)` when the hash differs or a signed
/// record's signature no longer verifies (it cannot vouch for "unchanged").
pub fn changed_since_signoff(project: &Project) -> Option<bool> {
    let last = project.signoffs.last()?;
    // A model that cannot be hashed cannot be shown unchanged.
    let hash_changed = super::model_hash(project).map_or(true, |h| h != last.model_sha256);
    Some(hash_changed || matches!(check_record(last, None), SignatureCheck::Invalid { .. }))
}

/// The checks of every sign-off record, in the model's order.
pub fn check_all(project: &Project, allowed: Option<&AllowedSigners>) -> Vec<SignatureCheck> {
    project
        .signoffs
        .iter()
        .map(|s| check_record(s, allowed))
        .collect()
}

/// A risk-lowering decision no allowed signature covers: gated as open.
#[derive(Clone, Debug)]
pub struct Untrusted {
    pub key: String,
    /// Why it is not trusted, in words.
    pub reason: String,
}

/// A severity below the rule's.
#[derive(Clone, Debug)]
pub struct Lowered {
    pub key: String,
    pub title: String,
    pub subject: String,
    pub from: Severity,
    pub to: Severity,
    /// Covered by the trusted sign-off (`Some(true)`), not (`Some(false)`), or not checked
    /// (no allowed_signers).
    pub trusted: Option<bool>,
}

/// What `check` makes of the model's decisions.
#[derive(Clone, Debug, Default)]
pub struct DecisionTrust {
    /// The checks of the sign-off records, in the model's order.
    pub records: Vec<SignatureCheck>,
    /// The index of the latest record (by its signed time) with a good signature by an
    /// allowed signer: the one whose decisions count.
    pub trusted: Option<usize>,
    /// Risk-lowering decisions that record does not cover unchanged (empty without
    /// allowed signers).
    pub untrusted: Vec<Untrusted>,
    /// Every lowered severity.
    pub lowered: Vec<Lowered>,
}

/// Judges the decisions of `analysis` against the model's signed sign-offs. Without
/// `allowed` nothing is gated, but every lowered severity is still listed.
pub fn judge(
    project: &Project,
    analysis: &Analysis,
    allowed: Option<&AllowedSigners>,
) -> DecisionTrust {
    let records = check_all(project, allowed);
    let trusted = records
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, SignatureCheck::Allowed { .. }))
        .max_by_key(|(i, _)| (crate::model::time_key(&project.signoffs[*i].at), *i))
        .map(|(i, _)| i);
    let covered: HashMap<&str, &SignedDecision> = trusted
        .map(|i| {
            project.signoffs[i]
                .decisions
                .iter()
                .map(|d| (d.key.as_str(), d))
                .collect()
        })
        .unwrap_or_default();
    let mut untrusted = Vec::new();
    let mut lowered = Vec::new();
    for f in analysis.threats().filter(|f| f.decision_lowers_risk()) {
        let key = f.key.to_string();
        let verdict = allowed.map(|_| match trusted {
            None => Err("no sign-off signed by an allowed signer".to_owned()),
            Some(i) => {
                let s = &project.signoffs[i];
                let by = format!("the signed sign-off of {} at {}", s.reviewer, s.at);
                match covered.get(key.as_str()) {
                    None => Err(format!("made after {by}")),
                    Some(d) => {
                        let changed = differences(d, &signed_decision(f));
                        if changed.is_empty() {
                            Ok(())
                        } else {
                            Err(format!("{} changed since {by}", changed.join(", ")))
                        }
                    }
                }
            }
        });
        if f.severity < f.computed_severity {
            lowered.push(Lowered {
                key: key.clone(),
                title: f.title.clone(),
                subject: f.subject_name().to_owned(),
                from: f.computed_severity,
                to: f.severity,
                trusted: verdict.as_ref().map(Result::is_ok),
            });
        }
        if let Some(Err(reason)) = verdict {
            untrusted.push(Untrusted { key, reason });
        }
    }
    DecisionTrust {
        records,
        trusted,
        untrusted,
        lowered,
    }
}

/// The fields of a decision that differ from what was signed.
fn differences(signed: &SignedDecision, now: &SignedDecision) -> Vec<&'static str> {
    let mut out = Vec::new();
    if signed.status != now.status {
        out.push("status");
    }
    if signed.severity != now.severity {
        out.push("severity");
    } else if now.severity.is_some() && signed.rule_severity != now.rule_severity {
        out.push("rule severity");
    }
    if signed.mitigation != now.mitigation {
        out.push("mitigation");
    }
    if signed.justification != now.justification {
        out.push("justification");
    }
    if signed.review_by != now.review_by {
        out.push("review date");
    }
    out
}

/// `analysis` with each untrusted decision undone for the gate: the threat open again, at
/// its unlowered severity (the rule's, or an override that raised it).
pub fn reopen_untrusted(mut analysis: Analysis, trust: &DecisionTrust) -> Analysis {
    if trust.untrusted.is_empty() {
        return analysis;
    }
    let keys: std::collections::HashSet<&str> =
        trust.untrusted.iter().map(|u| u.key.as_str()).collect();
    for f in analysis.findings.iter_mut().filter(|f| !f.baseline) {
        if !keys.contains(f.key.to_string().as_str()) {
            continue;
        }
        let severity = f.undecided_severity();
        let record = ThreatRecord {
            status: Status::Open,
            severity: f.record.severity.filter(|s| *s >= f.computed_severity),
            review_by: String::new(),
            ..(*f.record).clone()
        };
        f.record = Arc::new(record);
        f.severity = severity;
    }
    analysis.resummarize();
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AcceptedThreat;

    fn key() -> PrivateKey {
        PrivateKey::random(&mut ssh_key::rand_core::OsRng, ssh_key::Algorithm::Ed25519)
            .expect("key")
    }

    fn record() -> SignOff {
        SignOff {
            reviewer: "Priya Raman <priya@example.com>".into(),
            role: "AppSec".into(),
            at: "2026-12-02T10:15Z".into(),
            model_sha256: "ab".repeat(32),
            accepted: vec![AcceptedThreat {
                key: "T1@x".into(),
                title: "t".into(),
                severity: Severity::High,
            }],
            decisions: vec![SignedDecision {
                key: "S1@db".into(),
                status: Status::Accepted,
                severity: Some(Severity::Low),
                rule_severity: Severity::High,
                justification: "line one\ndecision \"S2@x\" status \"mitigated\"".into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn signed(k: &PrivateKey) -> SignOff {
        let mut r = record();
        let sig = k
            .sign(NAMESPACE, HashAlg::Sha512, message(&r).as_bytes())
            .expect("sign");
        r.signature = sig.to_pem(LineEnding::LF).expect("pem");
        r.signer_key = k.public_key().to_openssh().expect("openssh");
        r
    }

    #[test]
    fn message_is_canonical_and_one_line_per_decision() {
        let mut r = record();
        let m = message(&r);
        assert!(m.starts_with("threatboard-signoff v1\nmodel_sha256 \"abab"));
        // The newline in the justification stays inside its JSON string.
        assert_eq!(m.lines().filter(|l| l.starts_with("decision ")).count(), 1);
        // Order of the list does not matter; content does.
        r.decisions.insert(
            0,
            SignedDecision {
                key: "Z@z".into(),
                ..Default::default()
            },
        );
        let mut r2 = r.clone();
        r2.decisions.reverse();
        assert_eq!(message(&r), message(&r2));
        r2.decisions[0].status = Status::Mitigated;
        assert_ne!(message(&r), message(&r2));
    }

    #[test]
    fn a_good_signature_verifies_and_any_edit_breaks_it() {
        let k = key();
        let r = signed(&k);
        assert!(matches!(
            check_record(&r, None),
            SignatureCheck::Signed { .. }
        ));
        assert!(r.signature.starts_with("-----BEGIN SSH SIGNATURE-----\n"));
        let edits: [fn(&mut SignOff); 5] = [
            |r| r.model_sha256 = "cd".repeat(32),
            |r| r.reviewer = "Mallory <priya@example.com>".into(),
            |r| r.decisions[0].severity = Some(Severity::Medium),
            |r| r.decisions[0].justification.push('.'),
            |r| r.accepted.clear(),
        ];
        for edit in edits {
            let mut t = r.clone();
            edit(&mut t);
            assert!(
                matches!(check_record(&t, None), SignatureCheck::Invalid { .. }),
                "{t:?}"
            );
        }
        // Another key's public key in the record.
        let mut t = r.clone();
        t.signer_key = key().public_key().to_openssh().expect("openssh");
        assert!(matches!(
            check_record(&t, None),
            SignatureCheck::Invalid { .. }
        ));
    }

    #[test]
    fn tampered_or_foreign_signatures_are_invalid_not_panics() {
        let k = key();
        let r = signed(&k);
        let mut t = r.clone();
        // Flip one base64 character inside the body.
        let body_at = t.signature.find('\n').expect("lines") + 40;
        let c = t.signature.as_bytes()[body_at];
        let flipped = if c == b'A' { 'B' } else { 'A' };
        t.signature
            .replace_range(body_at..body_at + 1, &flipped.to_string());
        let c = check_record(&t, None);
        assert!(matches!(c, SignatureCheck::Invalid { .. }), "{c:?}");
        assert!(c.label().starts_with("signature invalid"));
        for junk in [
            "x",
            "-----BEGIN SSH SIGNATURE-----\n",
            "-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----",
        ] {
            t.signature = junk.into();
            assert!(matches!(
                check_record(&t, None),
                SignatureCheck::Invalid { .. }
            ));
        }
        // A signature for git commits is not a sign-off signature.
        let git = k
            .sign("git", HashAlg::Sha512, message(&r).as_bytes())
            .expect("sign");
        t.signature = git.to_pem(LineEnding::LF).expect("pem");
        let c = check_record(&t, None);
        assert!(c.label().contains("namespace"), "{c:?}");
    }

    #[test]
    fn allowed_signers_decide_who_counts() {
        let k = key();
        let r = signed(&k);
        let line = |who: &str, key: &PrivateKey| {
            format!(
                "{who} {}\n",
                key.public_key().to_openssh().expect("openssh")
            )
        };
        let parse = |t: String| AllowedSigners::parse(&t, Path::new("allowed")).expect("parses");
        let ok = parse(line("priya@example.com", &k));
        assert!(matches!(
            check_record(&r, Some(&ok)),
            SignatureCheck::Allowed { .. }
        ));
        // The right person, another key; the right key, another person.
        let other = parse(line("priya@example.com", &key()));
        assert!(matches!(
            check_record(&r, Some(&other)),
            SignatureCheck::NotAllowed { .. }
        ));
        let wrong = parse(line("bob@example.com", &k));
        let c = check_record(&r, Some(&wrong));
        assert!(matches!(c, SignatureCheck::NotAllowed { .. }), "{c:?}");
        assert!(c.label().contains("bob@example.com"), "{}", c.label());
    }

    #[test]
    fn judge_counts_only_signed_unchanged_decisions_and_reopens_the_rest() {
        use crate::model::ThreatKey;
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/web-shop.ron");
        let mut p = crate::io::load(&path).expect("sample loads");
        let rules = crate::analysis::Catalogue::builtin().expect("rules");
        let a = crate::analysis::analyze(&p, &rules);
        let high: Vec<ThreatKey> = a
            .open_at_or_above(Severity::High)
            .filter(|f| f.severity == Severity::High)
            .map(|f| f.key.clone())
            .take(2)
            .collect();
        let (mitigated, lowered) = (high[0].clone(), high[1].clone());
        p.threats.entry(mitigated.clone()).or_default().status = Status::Mitigated;
        p.threats.entry(lowered.clone()).or_default().severity = Some(Severity::Low);
        let a = crate::analysis::analyze(&p, &rules);
        let k = key();
        let allowed = AllowedSigners::parse(
            &format!(
                "priya@example.com {}",
                k.public_key().to_openssh().expect("openssh")
            ),
            Path::new("allowed"),
        )
        .expect("parses");
        let open_high = |a: &Analysis| a.open_at_or_above(Severity::High).count();
        // Unsigned: both decisions gated, at high.
        let t = judge(&p, &a, Some(&allowed));
        assert_eq!(t.trusted, None);
        assert!(t.untrusted.iter().any(|u| u.key == mitigated.to_string()));
        assert!(t.untrusted.iter().any(|u| u.key == lowered.to_string()));
        assert_eq!(t.lowered.len(), 1);
        assert_eq!(t.lowered[0].trusted, Some(false));
        let gated = reopen_untrusted(a.clone(), &t);
        // The sample's own unsigned decisions are reopened too.
        let reopened: Vec<ThreatKey> = gated
            .open_at_or_above(Severity::High)
            .map(|f| f.key.clone())
            .collect();
        assert!(reopened.contains(&mitigated) && reopened.contains(&lowered));
        assert!(open_high(&gated) >= open_high(&a) + 2);
        assert_eq!(gated.summary.open, a.summary.open + t.untrusted.len() - 1);
        // Without allowed signers nothing is gated, the override still listed.
        let t = judge(&p, &a, None);
        assert!(t.untrusted.is_empty());
        assert_eq!(t.lowered[0].trusted, None);
        // Signed by Priya: nothing gated.
        let mut record = super::super::sign_off(
            &p,
            &a,
            "Priya <priya@example.com>",
            "",
            "",
            "2026-12-02T10:15Z",
        )
        .expect("hashable");
        sign(&mut record, &a, &k, Path::new("key")).expect("signs");
        p.signoffs = super::super::with_signoff(&p, record);
        let t = judge(&p, &a, Some(&allowed));
        assert_eq!(t.trusted, Some(0));
        assert!(t.untrusted.is_empty(), "{:?}", t.untrusted);
        assert_eq!(changed_since_signoff(&p), Some(false));
        // The override moved from low to medium after signing: gated again.
        p.threats.entry(lowered.clone()).or_default().severity = Some(Severity::Medium);
        let a = crate::analysis::analyze(&p, &rules);
        let t = judge(&p, &a, Some(&allowed));
        assert_eq!(t.untrusted.len(), 1);
        assert!(
            t.untrusted[0].reason.starts_with("severity changed since"),
            "{:?}",
            t.untrusted
        );
        assert_eq!(
            open_high(&reopen_untrusted(a.clone(), &t)),
            open_high(&a) + 1
        );
    }

    #[test]
    fn principal_is_the_address_or_the_name() {
        assert_eq!(
            principal(" Priya Raman <priya@example.com> "),
            "priya@example.com"
        );
        assert_eq!(principal("Priya Raman (AppSec)"), "Priya Raman (AppSec)");
        assert_eq!(principal("odd <>"), "odd <>");
    }
}
