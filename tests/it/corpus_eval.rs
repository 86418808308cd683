//! The analysis scored against the threats real teams wrote in their own models
//! (`tests/fixtures/corpus/`, 15 Threat Dragon and Threat Modeling Tool files; what
//! "matches" means is in `threatboard::analysis::eval`). Print the table with
//! `cargo run --no-default-features --example corpus_eval`.
//!
//! The floors below are a **ratchet**: they are the numbers measured on the day they were
//! written. A change that finds fewer of the authors' threats, or lists more generated
//! threats beside the authors' own, fails here; a change that does better raises them (edit
//! the numbers to the new measurement in the same commit).

use std::path::Path;

use threatboard::analysis::Catalogue;
use threatboard::analysis::eval::{Score, evaluate_dir, table, total};

/// Per model: the authors' threats a generated threat must still match, at least.
/// History: the first measurement (branch h3) matched 106 of 416 (akri 63, vr-telehealth
/// 15); with the Threat Modeling Tool's template defaults no longer facts ("Contains
/// Cookies: Yes" on every new flow raised cross-site request forgery on each, which matched
/// the authors' elevation threats) 79; with the Uptane model imported 87 of 502. Then
/// exposure from what reaches what, roles and data read from words, and the threat classes
/// (branch h4, merged with h3 on 2026-12-05): 345 of 502. Then flows the authors put out
/// of scope and importers' stand-ins at loose flow ends stopped counting as ways in (a blind
/// review marked the threats they raised WRONG: 13 of 42): 338 of 502 (alliance-imaging
/// 5 -> 4, coffee-ordering 4 -> 2, uptane 34 -> 30), 35 fewer generated threats. Then a
/// Threat Dragon flow with a loose end came in out of scope (the review's WRONG threats
/// naming "Unconnected source of …"; every importer, since): 337 (spring-web-security 5 -> 4), 275 generated.
/// Then loose ends joined to the element they lie near or point at and unnamed flows named
/// from the text beside them (coffee-ordering's flows came back into scope), people behind
/// a browser front end counted as the server's callers, a response's sender no longer a
/// caller (the review's WRONG "Solr … could be impersonated/flooded" threats; ddf-catalog
/// 80 -> 71: the authors' TMT-style spoofing/repudiation/elevation threats on processes
/// that only read answers; `external-response-untrusted` answers their tampering, denial
/// and elevation cells instead) and databases drawn as processes queried, not called:
/// 339 of 502, 279 generated. Then the blind review's VAGUE and WRONG templates narrowed:
/// "input … unvalidated" only at a described entry point (not a gateway; it had matched 3
/// authors' threats with 43 threats), exhaustion only at entry points, repudiation not at
/// a gateway or proxy, no sign-in, object-ownership or flood threats for a CLI its user
/// runs; new classes for what the review missed (role-based authorization, a messaging
/// service as a spam relay, repository content that decides what runs, secrets written
/// into a repository): 327 of 502 (odo-cli 6 -> 1: the authors' generic threats on their
/// own CLI; meeting-invites 4 -> 3, uptane 30 -> 27, akri 73 -> 70), 234 generated.
/// Then a second blind review (docs/reviews/2026-12-05b-*; noise 61% and 72%) : a person
/// and the device they use inside one trust boundary are no network hop and no caller (the
/// VR headset's 9 WRONG threats), a device or system calling is no one who later denies
/// their requests, a flood threat only where people call, "input … unvalidated" only from
/// the internet, the template's static "Unmanaged" code type and a generic "SQL Database"
/// shape under another name ("Cookies", "Cloud storage") no facts, streams, feeds, images
/// and sources no signed-in users: 299 of 502 (akri 70 -> 59, vr-telehealth 19 -> 14,
/// uptane 27 -> 23, alliance-imaging 4 -> 2, ddf-catalog 71 -> 69, ddf-security 55 -> 51:
/// the authors' per-flow repudiation and denial threats on system-to-system links), 193
/// generated. Then "the same class" also asks for the same concern where the authors'
/// words name one (`eval::concerns`: injection, sign-in, authorization, transit,
/// availability, accountability, disclosure, forgery), so "NoSQL injection" no longer
/// hides behind the authors' "writes need authentication" (the review counted it as
/// missed): 257 of 502 (akri 59 -> 50, ddf-catalog 69 -> 53, ddf-security 51 -> 40,
/// uptane 23 -> 19, meeting-invites 3 -> 2, alliance-imaging 2 -> 1), 194 generated.
/// Then, after two more blind reviews (docs/reviews/2026-12-05c-*): the same concern one
/// flow away is the authors' threat too (teams file "stealing credentials" on the database
/// behind the sign-in), query injection, cross-site scripting and untrusted input told
/// apart, server-side request forgery for what fetches URLs, a file system no network
/// peer, object-ownership only where something is kept: 273 of 502, 187 generated; then "auth type NONE" in a description makes no identity provider (a role is read from the name and technology) and no cross-site scripting at a gateway: 186 generated.
///
/// Then, for the third round of blind reviews (docs/analysis-review.md, "Third round"):
/// the generic threats every reviewer called vague were removed — "faces the internet and
/// can be flooded", "can be exhausted by too many requests", "input … unvalidated",
/// "outside callers can exhaust the store", "through the code in front of it, callers
/// could read …" — and repudiation and object-ownership threats ask for evidence (payments,
/// several roles; records named by id or callers' own data). The Threat Modeling Tool's
/// template threats the authors kept ("Potential Process Crash or Stop", "Data Flow
/// Is Potentially Interrupted", "Potential Lack of Input Validation") matched those, so the
/// floor fell: 256 -> 181 of 502 (akri 52 -> 36, ddf-security 42 -> 20, ddf-catalog 50 -> 38,
/// alliance-video 17 -> 10, uptane 29 -> 22, spring 6 -> 2), with 142 generated threats
/// (was 186). New specific classes matched some back: hostile input where streams and
/// files are parsed (alliance-imaging 1 -> 3, alliance-video 7 -> 10), token signing keys.
///
/// Then, after the fourth pair of blind reviews (docs/reviews/2026-12-05e-*): what the
/// reviewers called wrong or vague went — "input from an out-of-scope client trusted" for
/// people and their clients, "must refuse requests not via the services in front" except
/// behind a gateway, two clients named by protocol ("JMX Client", "SSH Client") read as two
/// roles, data drawn as an actor ("Update image") and boundary stand-ins read as callers,
/// cleartext findings on flows to an identity or payment provider's endpoint. Those had
/// matched the authors' per-cell template threats ("Potential Lack of Input Validation",
/// "Elevation Using Impersonation", "New STRIDE threat"): 181 -> 153 of 502 (ddf-kernel
/// 19 -> 11, ddf-catalog 38 -> 29, uptane 22 -> 16, akri 36 -> 33, vr-telehealth 7 -> 6,
/// ddf-security 20 -> 19), 117 generated. New classes for what the reviewers missed
/// (floods from unauthenticated devices, invite and reset links, provider keys, sign-in
/// guessing, file-server path traversal, authorisation calls failing open, browser
/// storage, signing keys, workloads from writable configuration, checked-out content that
/// runs, tool credentials to a look-alike endpoint, an actor said to hold several roles)
/// and the same named attack under another STRIDE heading matching (the authors'
/// "Replay attacks" is the rules' replayed Bluetooth link): 163 of 502, 126 generated.
/// A rule about one attack ("sign-in-guessing") no longer matches the authors' generic
/// "impersonation" of the same service (review F counted brute force as missed though
/// the authors had that): survey-rest-api 19 -> 15, 159 of 502. Then every named attack
/// (SSRF, XXE, deserialisation, path traversal, CSRF, replay, guessing) likewise: the
/// authors' "Potential Lack of Input Validation" no longer hides an SSRF through a URL
/// reader (review H missed it on ddf-catalog as it is): ddf-catalog 32 -> 26,
/// vr-telehealth 9 -> 5, uptane 17 -> 18 (a direct-database misreading gone), 150 of 502.
/// Then "not known to be encrypted" neither for data drawn as an actor nor for a device's
/// messages inside one zone that carry nothing sensitive (review H: wrong and vague on
/// uptane's in-vehicle bus): uptane 18 -> 16, with the new classes 149 of 502. Then, from
/// review K: a container registry is no bucket to make public, a flow named as a read
/// ("Get Image") writes nothing, a store no flow touches is no password store: akri
/// 34 -> 32, uptane 16 -> 15, 146 of 502. Then the same check on every service a system
/// calls, and every answer from outside a diagram's services read, are one threat each
/// (reviews J and K counted the siblings as duplicates), matched wherever they are (the
/// places of a merged threat all count, whatever the kind of the one it is anchored on),
/// and a threat's concern is read from its rule's own words, not from the names filled in
/// ("External Confluence Query Service" names no injection): ddf-catalog 26 -> 30,
/// ddf-security 19 -> 21, meeting-invites 1 -> 2, uptane 15 -> 13, 151 of 502.
///
/// Then (fifth round, docs/reviews/2026-12-05i-*): floods at every entry point people or
/// partners call that nothing says is rate-limited (the availability of
/// internet-facing services; the third round had dropped a vaguer one), updates rolled
/// back or frozen, unsigned images pulled from a registry, sign-up fields only
/// administrators may set, JMX as remote administration: 179 of 502 (alliance-video
/// 10 -> 13, ddf-catalog 30 -> 32, ddf-kernel 11 -> 19, ddf-security 21 -> 27,
/// meeting-invites 2 -> 3, spring 4 -> 5, survey 15 -> 18, uptane 13 -> 17), 130 generated.
/// 20 of the 179 are threats the authors marked not applicable (the table's fifth column).
/// Then review O1's WRONG "Request for image streaming" (a request carries no image to
/// decode) and "home-made protocol" on a TLS flow went: uptane 17 -> 14, 176 of 502.
/// Then the first held-out measure (eight models a helper wrote and nobody here had read,
/// docs/analysis-review.md "Sixth round": noise 51 %) and the corpus reviewers agreed the
/// flood threat is vague unless something says why: it now needs callers on the internet,
/// an identity service (everyone's sign-in stops) or anonymous callers, and controls said
/// in words ("rate limiting", "JWT", "audit log", hashes) answer their threats. The
/// authors' "Potential Process Crash or Stop" on entry points no internet reaches had
/// matched the flood: alliance-video 13 -> 10, ddf-catalog 32 -> 30, ddf-kernel 19 -> 14,
/// meeting-invites 3 -> 2, spring 5 -> 4, survey 18 -> 15; 161 of 502, 120 generated.
const MATCHED_FLOOR: &[(&str, usize)] = &[
    ("akri-kubernetes.tm7", 32),
    ("alliance-imaging-app.json", 3),
    ("alliance-video-app.json", 10),
    ("coffee-ordering-web-app.json", 4),
    ("ddf-catalog.json", 30),
    ("ddf-kernel.json", 14),
    ("ddf-security.json", 27),
    ("meeting-invites-microservices.json", 2),
    ("odo-cli.json", 1),
    // 3 since the repudiation threat asks for callers whose actions are disputes
    // (partners, staff, overrides, approvals): 'USERS ask Web Application' no longer
    // draws it (blind reviewers judged it VAGUE on consumers' entry points).
    ("spring-web-security.json", 3),
    ("survey-rest-api.tm7", 15),
    ("uptane-ota-strawman.json", 14),
    ("vr-telehealth-clinic.tm7", 5),
];
/// All models together: matched authors' threats, at least.
const TOTAL_MATCHED_FLOOR: usize = 161;
/// Generated threats listed beside an authors' threat they repeat, at most: 12 before the
/// authors-first fold (akri 0, ddf-catalog 2, spring-web-security 2, survey-rest-api 5,
/// vr-telehealth-clinic 3), none since (they show on the authors' threats instead).
const DUPLICATES_CEILING: usize = 0;
/// Models the importers read, at least: all of them (uptane-ota-strawman.json was refused
/// at first: a flow attached to a trust-boundary box, threats copied with their ids).
const IMPORTED_FLOOR: usize = 15;

#[test]
fn the_analysis_finds_at_least_what_it_found_and_repeats_no_more() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let rows = evaluate_dir(&dir, &catalogue).expect("the corpus folder reads");
    let shown = table(&rows);
    assert_eq!(rows.len(), 15, "{shown}");
    let imported = rows.iter().filter(|(_, s)| s.is_ok()).count();
    assert!(imported >= IMPORTED_FLOOR, "{shown}");
    for (name, floor) in MATCHED_FLOOR {
        let score: &Score = rows
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, s)| s.as_ref().ok())
            .unwrap_or_else(|| panic!("{name} is scored\n{shown}"));
        assert!(
            score.matched >= *floor,
            "{name}: {} of the authors' threats matched, the floor is {floor}\n{shown}",
            score.matched
        );
    }
    let all = total(&rows);
    assert!(
        all.matched >= TOTAL_MATCHED_FLOOR,
        "{} matched, the floor is {TOTAL_MATCHED_FLOOR}\n{shown}",
        all.matched
    );
    // A ceiling (0 today: `assert_eq!` until it can be anything else).
    assert_eq!(
        all.duplicates, DUPLICATES_CEILING,
        "{} duplicates, the ceiling is {DUPLICATES_CEILING}\n{shown}",
        all.duplicates
    );
}

/// The Threat Modeling Tool's untriaged output is not the authors': the two files that
/// hold only `AutoGenerated` threats give no ground truth.
#[test]
fn tool_generated_threats_are_not_ground_truth() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    for (name, autogenerated) in [
        ("sensor-controller-scf.tm7", 84),
        ("web-app-google-auth-cloud.tm7", 33),
    ] {
        let score = threatboard::analysis::eval::evaluate_file(&dir.join(name), &catalogue)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(score.authored, 0, "{name}: {score:?}");
        assert_eq!(score.tool_output, autogenerated, "{name}: {score:?}");
    }
}

/// A Threat Dragon flow whose end was left unconnected comes in out of scope, with the
/// reason, instead of analysed with "Unconnected source of …" as the party at that end.
#[test]
fn a_flow_with_a_loose_end_is_out_of_scope_with_the_reason() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/coffee-ordering-web-app.json");
    let (p, report) = threatboard::io::import::read(&path).expect("imports");
    let loose: Vec<_> = p.diagrams[0]
        .flows
        .iter()
        .filter(|f| {
            [&f.source, &f.target].iter().any(|end| {
                p.diagrams[0]
                    .elements
                    .iter()
                    .any(|e| &e.id == *end && e.name.starts_with("Unconnected"))
            })
        })
        .collect();
    assert!(!loose.is_empty(), "the model has loose flow ends");
    for f in &loose {
        assert!(f.out_of_scope, "{}", f.name);
        assert!(
            f.out_of_scope_reason.contains("unconnected"),
            "{}",
            f.out_of_scope_reason
        );
    }
    assert!(report.kept.iter().any(|k| k.contains("loose end")));
    let a = threatboard::analysis::analyze(&p, &Catalogue::builtin().expect("rules"));
    for t in a.threats().filter(|t| !t.is_manual()) {
        assert!(
            !t.title.contains("Unconnected") && !t.subject_name().contains("Unconnected"),
            "{}",
            t.title
        );
    }
}
