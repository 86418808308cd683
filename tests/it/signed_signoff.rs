//! Signed sign-offs end to end: `sign-off --key`, `check --allowed-signers` trusting
//! people rather than the file, `report --allowed-signers`, and interop with
//! `ssh-keygen -Y sign/verify` (git's sshsig format) where ssh-keygen is installed.
//! The keys are made by the tests (test-only, in a temporary folder).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{sample, stderr, stdout, threatboard};
use ssh_key::{Algorithm, LineEnding, PrivateKey};
use threatboard::history::{self, signing};
use threatboard::io as tio;
use threatboard::model::{Project, Severity, Status};

const PRIYA: &str = "Priya Raman <priya@example.com>";

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn analyze(p: &Project) -> threatboard::analysis::Analysis {
    let rules = threatboard::analysis::Catalogue::builtin().expect("rules");
    threatboard::analysis::analyze(p, &rules)
}

struct Setup {
    dir: tempfile::TempDir,
    model: PathBuf,
    key: PathBuf,
    allowed: PathBuf,
    /// The keys of the threats decided: mitigated, accepted, and one lowered to low.
    mitigated: String,
    accepted: String,
    lowered: String,
}

fn new_key(path: &Path) -> PrivateKey {
    let k = PrivateKey::random(&mut ssh_key::rand_core::OsRng, Algorithm::Ed25519).expect("key");
    k.write_openssh_file(path, LineEnding::LF)
        .expect("key written");
    k
}

/// The web-shop sample with every open high or critical threat decided (so `check`
/// passes on the file as written), a key for Priya and an allowed_signers file naming it.
fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("dir");
    let mut p = tio::load(&sample("web-shop.ron")).expect("sample loads");
    let a = analyze(&p);
    // The ones rated exactly high first: the tests name them "high".
    let mut high: Vec<_> = a.open_at_or_above(Severity::High).collect();
    high.sort_by_key(|f| f.severity != Severity::High);
    assert!(
        high.iter().take(3).all(|f| f.severity == Severity::High),
        "the sample has three open high threats"
    );
    let high: Vec<_> = high.iter().map(|f| f.key.clone()).collect();
    for (i, k) in high.iter().enumerate() {
        let r = p.threats.entry(k.clone()).or_default();
        match i {
            0 => r.severity = Some(Severity::Low),
            1 => {
                r.status = Status::Accepted;
                r.justification = "Internal network only; revisit with the new gateway".into();
            }
            _ => {
                r.status = Status::Mitigated;
                r.mitigation = "Handled by the platform".into();
            }
        }
    }
    let model = dir.path().join("model.ron");
    tio::save(&model, &p).expect("saved");
    let key = dir.path().join("id_ed25519");
    let k = new_key(&key);
    let allowed = dir.path().join("allowed_signers");
    std::fs::write(
        &allowed,
        format!(
            "# AppSec reviewers\npriya@example.com namespaces=\"git,threatboard-signoff\" {}\n",
            k.public_key().to_openssh().expect("openssh")
        ),
    )
    .expect("written");
    Setup {
        model,
        key,
        allowed,
        lowered: high[0].to_string(),
        accepted: high[1].to_string(),
        mitigated: high[2].to_string(),
        dir,
    }
}

fn sign(t: &Setup) {
    let o = threatboard(&[
        "sign-off",
        s(&t.model),
        "--reviewer",
        PRIYA,
        "--role",
        "AppSec",
        "--key",
        s(&t.key),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("signed with SHA256:"), "{}", stdout(&o));
}

fn check(t: &Setup, allowed: Option<&Path>) -> (i32, String) {
    let mut args = vec!["check", s(&t.model)];
    if let Some(a) = allowed {
        args.extend(["--allowed-signers", s(a)]);
    }
    let o = threatboard(&args);
    (o.status.code().unwrap_or(-1), stdout(&o) + &stderr(&o))
}

#[test]
fn a_signed_sign_off_makes_its_decisions_count() {
    let t = setup();
    // Decisions nobody signed: the file alone does not pass the gate.
    let (code, out) = check(&t, Some(&t.allowed));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("open high threat {}", t.mitigated)),
        "{out}"
    );
    assert!(
        out.contains("no sign-off signed by an allowed signer"),
        "{out}"
    );
    sign(&t);
    let p = tio::load(&t.model).expect("loads");
    let record = p.signoffs.last().expect("record");
    assert!(
        record
            .signature
            .starts_with("-----BEGIN SSH SIGNATURE-----")
    );
    assert!(record.decisions.iter().any(|d| d.key == t.accepted));
    let (code, out) = check(&t, Some(&t.allowed));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("count when unchanged"), "{out}");
    // The override is still listed, as signed.
    assert!(
        out.contains(&format!(
            "severity lowered from high to low in the model: {}",
            t.lowered
        )) && out.contains("; signed"),
        "{out}"
    );
}

#[test]
fn a_decision_edited_after_signing_counts_as_open() {
    let t = setup();
    sign(&t);
    let mut p = tio::load(&t.model).expect("loads");
    let key = p
        .threats
        .keys()
        .find(|k| k.to_string() == t.accepted)
        .expect("decided")
        .clone();
    p.threats
        .get_mut(&key)
        .expect("record")
        .justification
        .push_str(" (or never)");
    tio::save(&t.model, &p).expect("saved");
    let (code, out) = check(&t, Some(&t.allowed));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("justification changed since the signed sign-off of Priya Raman"),
        "{out}"
    );
    assert!(
        out.contains(&format!("open high threat {}", t.accepted)),
        "{out}"
    );
    // The other signed decisions still count.
    assert!(
        !out.contains(&format!("open high threat {}", t.mitigated)),
        "{out}"
    );
    // A decision made after the sign-off is not covered either.
    let mut p = tio::load(&t.model).expect("loads");
    let a = analyze(&p);
    let new = a
        .threats()
        .find(|f| f.status().is_open() && f.severity >= Severity::Medium)
        .expect("an open threat")
        .key
        .clone();
    p.threats.entry(new.clone()).or_default().status = Status::NotApplicable;
    tio::save(&t.model, &p).expect("saved");
    let (_, out) = check(&t, Some(&t.allowed));
    assert!(
        out.contains("not applicable decision counted as open (made after"),
        "{out}"
    );
}

#[test]
fn an_unknown_signer_is_refused() {
    let t = setup();
    sign(&t);
    // The file names another key for Priya.
    let other = new_key(&t.dir.path().join("other"));
    let allowed = t.dir.path().join("other_allowed");
    std::fs::write(
        &allowed,
        format!(
            "priya@example.com {}\n",
            other.public_key().to_openssh().expect("key")
        ),
    )
    .expect("written");
    let (code, out) = check(&t, Some(&allowed));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("does not count: signed (key SHA256:"), "{out}");
    assert!(out.contains("not by an allowed signer"), "{out}");
    // Priya's key, but the record claims to be somebody else.
    let mut p = tio::load(&t.model).expect("loads");
    let mut record = p.signoffs.pop().expect("record");
    record.reviewer = "Mallory <mallory@example.com>\nFORGED: ok".into();
    p.signoffs.push(record);
    tio::save(&t.model, &p).expect("saved");
    let (code, out) = check(&t, Some(&t.allowed));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("signature invalid"), "{out}");
    // A name from the file cannot start a line of the gate's output.
    assert!(!out.lines().any(|l| l.starts_with("FORGED")), "{out}");
}

#[test]
fn a_severity_override_without_a_signature_is_listed_and_gated() {
    let t = setup();
    // Without allowed signers the gate is as before, but the override is never silent.
    let (code, out) = check(&t, None);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "severity lowered from high to low in the model: {}",
            t.lowered
        )) && out.contains("signatures not checked"),
        "{out}"
    );
    // With them, the unsigned override is gated at the rule's severity.
    let (code, out) = check(&t, Some(&t.allowed));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("open high threat {}", t.lowered)),
        "{out}"
    );
    assert!(
        out.contains("not signed by an allowed signer: counted as open"),
        "{out}"
    );
}

#[test]
fn a_tampered_sign_off_says_signature_invalid_and_never_unchanged() {
    let t = setup();
    sign(&t);
    // The attack: lower a severity, then bring the record in line with the model
    // (hash and covered decision) so the hash check alone would pass.
    let mut p = tio::load(&t.model).expect("loads");
    let key = p
        .threats
        .keys()
        .find(|k| k.to_string() == t.mitigated)
        .expect("decided")
        .clone();
    p.threats.get_mut(&key).expect("record").severity = Some(Severity::Low);
    let hash = history::model_hash(&p).expect("hashable");
    let covered = signing::decisions(&analyze(&p));
    let record = p.signoffs.last_mut().expect("record");
    record.model_sha256 = hash;
    record.decisions = covered;
    tio::save(&t.model, &p).expect("saved");
    let p = tio::load(&t.model).expect("loads");
    assert_eq!(history::changed_since_signoff(&p), Some(true));
    let (code, out) = check(&t, Some(&t.allowed));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "signature invalid: the record or a decision it covers was changed after signing"
        ),
        "{out}"
    );
    let pdf = t.dir.path().join("r.pdf");
    let o = threatboard(&[
        "report",
        s(&t.model),
        "-o",
        s(&pdf),
        "--allowed-signers",
        s(&t.allowed),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = common::pdftotext(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("SIGNATURE INVALID"), "{text}");
    assert!(!text.contains("unchanged since"), "{text}");
    assert!(text.contains("signature invalid"), "{text}");
}

#[test]
fn the_report_says_who_signed() {
    let t = setup();
    let o = threatboard(&["sign-off", s(&t.model), "--reviewer", "Sam"]);
    assert!(o.status.success());
    sign(&t);
    let pdf = t.dir.path().join("r.pdf");
    let text = |extra: &[&str]| {
        let mut args = vec!["report", s(&t.model), "-o", s(&pdf)];
        args.extend(extra);
        let o = threatboard(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        common::pdftotext(&pdf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let plain = text(&[]);
    assert!(
        plain.contains("not checked against allowed signers"),
        "{plain}"
    );
    assert!(plain.contains("unsigned"), "{plain}");
    let checked = text(&["--allowed-signers", s(&t.allowed)]);
    assert!(checked.contains("signed by an allowed key"), "{checked}");
    assert!(checked.contains("unchanged since"), "{checked}");
}

#[test]
fn a_bad_allowed_signers_file_stops_the_gate_naming_the_line() {
    let t = setup();
    let bad = t.dir.path().join("bad_signers");
    std::fs::write(
        &bad,
        "# ok\nalice@example.com namespaces=git ssh-ed25519 AAAA\n",
    )
    .expect("w");
    let (code, out) = check(&t, Some(&bad));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains(&format!("{}:2: ", bad.display())), "{out}");
    let (code, out) = check(&t, Some(&t.dir.path().join("missing")));
    assert_eq!(code, 2, "{out}");
}

#[test]
fn an_encrypted_key_needs_its_passphrase() {
    let t = setup();
    let k = PrivateKey::random(&mut ssh_key::rand_core::OsRng, Algorithm::Ed25519).expect("key");
    let enc = k
        .encrypt(&mut ssh_key::rand_core::OsRng, "correct horse")
        .expect("encrypted");
    let path = t.dir.path().join("id_enc");
    enc.write_openssh_file(&path, LineEnding::LF)
        .expect("written");
    let run = |pass: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_threatboard"));
        c.args([
            "sign-off",
            s(&t.model),
            "--reviewer",
            PRIYA,
            "--key",
            s(&path),
        ]);
        match pass {
            Some(p) => c.env("THREATBOARD_KEY_PASSPHRASE", p),
            None => c.env_remove("THREATBOARD_KEY_PASSPHRASE"),
        };
        c.stdin(std::process::Stdio::null()).output().expect("runs")
    };
    let o = run(None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("encrypted"), "{}", stderr(&o));
    let o = run(Some("wrong"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("wrong passphrase"), "{}", stderr(&o));
    assert!(
        tio::load(&t.model).expect("loads").signoffs.is_empty(),
        "nothing recorded"
    );
    let o = run(Some("correct horse"));
    assert!(o.status.success(), "{}", stderr(&o));
    let p = tio::load(&t.model).expect("loads");
    assert!(signing::check_record(&p.signoffs[0], None).verifies());
}

fn ssh_keygen() -> Option<()> {
    match Command::new("ssh-keygen").arg("-?").output() {
        Ok(_) => Some(()),
        Err(_) => {
            println!(
                "note: ssh-keygen is not installed; the interop test with git's format is skipped"
            );
            None
        }
    }
}

/// Both ways: ssh-keygen verifies our signature, we verify ssh-keygen's.
#[test]
fn signatures_interoperate_with_ssh_keygen() {
    if ssh_keygen().is_none() {
        return;
    }
    let t = setup();
    // A key made by ssh-keygen, as a reviewer's would be.
    let key = t.dir.path().join("id_keygen");
    let o = Command::new("ssh-keygen")
        .args([
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "priya",
            "-f",
            s(&key),
        ])
        .output()
        .expect("ssh-keygen runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let public = std::fs::read_to_string(key.with_extension("pub")).expect("pub");
    let allowed = t.dir.path().join("allowed_keygen");
    std::fs::write(&allowed, format!("priya@example.com {public}")).expect("w");
    let o = threatboard(&[
        "sign-off",
        s(&t.model),
        "--reviewer",
        PRIYA,
        "--key",
        s(&key),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = tio::load(&t.model).expect("loads");
    let record = p.signoffs.last().expect("record").clone();
    // ssh-keygen -Y verify accepts our signature over the canonical text.
    let sig = t.dir.path().join("sig");
    std::fs::write(&sig, &record.signature).expect("w");
    let verify = |message: &str| {
        use std::io::Write as _;
        let mut c = Command::new("ssh-keygen")
            .args(["-Y", "verify", "-f", s(&allowed), "-I", "priya@example.com"])
            .args(["-n", "threatboard-signoff", "-s", s(&sig)])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("ssh-keygen runs");
        c.stdin
            .take()
            .expect("stdin")
            .write_all(message.as_bytes())
            .expect("written");
        c.wait_with_output().expect("waits")
    };
    let message = signing::message(&record);
    let o = verify(&message);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        !verify(&message.replace("accepted", "mitigated"))
            .status
            .success()
    );
    // ssh-keygen -Y sign makes a signature we accept.
    let msg = t.dir.path().join("message");
    std::fs::write(&msg, &message).expect("w");
    let o = Command::new("ssh-keygen")
        .args([
            "-Y",
            "sign",
            "-f",
            s(&key),
            "-n",
            "threatboard-signoff",
            s(&msg),
        ])
        .output()
        .expect("ssh-keygen runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut theirs = record.clone();
    theirs.signature = std::fs::read_to_string(msg.with_extension("sig")).expect("sig");
    let a = threatboard::history::allowed_signers::AllowedSigners::load(&allowed).expect("reads");
    let c = signing::check_record(&theirs, Some(&a));
    assert!(
        matches!(c, signing::SignatureCheck::Allowed { .. }),
        "{c:?}"
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/signing")
        .join(name)
}

/// The committed allowed_signers file: several principals, a quoted name with spaces,
/// options with quoted commas, negation and a CA line; an ECDSA key signs too.
#[test]
fn allowed_signers_edge_cases_and_an_ecdsa_key() {
    use threatboard::history::allowed_signers::AllowedSigners;
    let a = AllowedSigners::load(&fixture("allowed_signers")).expect("reads");
    assert_eq!(a.entries.len(), 3);
    assert_eq!(a.entries[1].principals, "Test Reviewer (AppSec)");
    assert_eq!(
        a.entries[1].namespaces.as_deref(),
        Some("git,threatboard-signoff")
    );
    assert!(a.entries[2].cert_authority);
    let t = setup();
    let allowed = fixture("allowed_signers");
    // The ECDSA key is allowed for the quoted name, in its validity window.
    let o = threatboard(&[
        "sign-off",
        s(&t.model),
        "--reviewer",
        "Test Reviewer (AppSec)",
        "--key",
        s(&fixture("test_key_ecdsa")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, out) = check(&t, Some(&allowed));
    assert_eq!(code, 0, "{out}");
    // The ed25519 key is listed for test@example.com and "other"@example.com only.
    let o = threatboard(&[
        "sign-off",
        s(&t.model),
        "--reviewer",
        "Mallory <mallory@ops.example.com>",
        "--key",
        s(&fixture("test_key_ed25519")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, out) = check(&t, Some(&allowed));
    assert!(
        out.contains("sign-off by Mallory <mallory@ops.example.com>")
            && out.contains("not for \"mallory@ops.example.com\""),
        "{out}"
    );
    // The earlier trusted sign-off still covers the unchanged decisions.
    assert_eq!(code, 0, "{out}");
}
