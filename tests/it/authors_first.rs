//! The authors come first: threats a team wrote (or imported with its model) are ground
//! truth; a generated threat of the same class on the same place is folded into theirs,
//! never listed twice and never reopening their decision.

use threatboard::analysis::{Catalogue, analyze};
use threatboard::model::*;

/// An API reached from outside its network queries an orders database; returns the project
/// and the ids of (api, database, query flow).
fn shop() -> (Project, [String; 3]) {
    let mut shop = threatboard::synthetic::Shop::new();
    let (browser, api, db) = (shop.browser.clone(), shop.api.clone(), shop.db.clone());
    shop.flow("Order request", &browser, &api);
    let query = shop.flow("Order queries", &api, &db);
    (
        shop.project,
        [api.to_string(), db.to_string(), query.to_string()],
    )
}

fn team_threat(subject: &str, category: Stride, title: &str, status: Status) -> ManualThreat {
    ManualThreat {
        id: ManualThreatId::generate(),
        subject: SubjectId::try_from(subject).expect("a valid id"),
        category: Category::Stride(category),
        title: title.to_owned(),
        description: "Written by the team.".into(),
        severity: Severity::Medium,
        record: ThreatRecord {
            status,
            mitigation: if status == Status::Mitigated {
                "Parameterised queries everywhere (jOOQ); Semgrep in CI.".into()
            } else {
                String::new()
            },
            ..ThreatRecord::default()
        },
        generated_by: String::new(),
    }
}

/// The team's mitigated "SQL injection" threat on the database: the rules' injection finding
/// on the query flow is not listed again; it shows on the team's threat, whose decision
/// stands, and nothing about it is open.
#[test]
fn a_generated_threat_repeating_the_authors_is_folded_into_theirs() {
    let (mut p, [_, db, query]) = shop();
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let before = analyze(&p, &catalogue);
    let injection = before
        .threats()
        .find(|f| f.rule_id() == "sql-injection")
        .expect("the rules raise SQL injection on the query flow")
        .key
        .clone();
    assert!(
        before
            .threats()
            .any(|f| f.key == injection && f.is_about(&query))
    );

    p.manual_threats.push(team_threat(
        &db,
        Stride::Tampering,
        "SQL injection",
        Status::Mitigated,
    ));
    let a = analyze(&p, &catalogue);
    assert!(
        !a.findings.iter().any(|f| f.key == injection),
        "listed again: {:?}",
        a.findings.iter().map(|f| &f.title).collect::<Vec<_>>()
    );
    let theirs = a
        .threats()
        .find(|f| f.is_manual())
        .expect("the team's threat");
    assert_eq!(theirs.status(), Status::Mitigated);
    assert_eq!(
        theirs
            .also_raised()
            .iter()
            .map(|r| r.key.clone())
            .collect::<Vec<_>>(),
        vec![injection.clone()]
    );
    assert!(
        !a.open_at_or_above(Severity::Low)
            .any(|f| f.key == injection || f.is_manual()),
        "the decision is reopened"
    );
    // The JSON output says so on the team's threat.
    let json: serde_json::Value =
        serde_json::from_str(&threatboard::report::json(&p, &a)).expect("json");
    let manual = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["manual"] == true)
        .expect("the team's threat in the JSON");
    assert_eq!(
        manual["also_raised_by_rules"][0]["key"],
        injection.to_string()
    );
}

/// A team threat of another class on the same place folds nothing: the injection finding
/// stays listed.
#[test]
fn a_threat_of_another_class_folds_nothing() {
    let (mut p, [_, db, _]) = shop();
    p.manual_threats.push(team_threat(
        &db,
        Stride::DenialOfService,
        "Orders database runs out of connections",
        Status::Open,
    ));
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let a = analyze(&p, &catalogue);
    assert!(a.threats().any(|f| f.rule_id() == "sql-injection"));
    assert!(a.findings.iter().all(|f| f.also_raised().is_empty()));
}

/// Threat Dragon's placeholder texts are not the team's: an open threat whose mitigation is
/// Threat Dragon's default sentence (or its own description again) is Threat Dragon's
/// suggestion nobody assessed; a decided one stays the team's, without the placeholder.
#[test]
fn threat_dragon_placeholders_are_labelled_not_assessed() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop/threat-dragon/v2-threat-model.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("json");
    let mut threats: Vec<&mut serde_json::Value> = doc["detail"]["diagrams"]
        .as_array_mut()
        .expect("diagrams")
        .iter_mut()
        .flat_map(|d| d["cells"].as_array_mut().expect("cells").iter_mut())
        .filter_map(|c| c["data"]["threats"].as_array_mut())
        .flatten()
        .collect();
    assert!(threats.len() >= 3);
    threats[0]["status"] = "Open".into();
    threats[0]["mitigation"] =
        "Provide remediation for this threat or a reason if status is N/A".into();
    let description = threats[1]["description"].clone();
    threats[1]["status"] = "Open".into();
    threats[1]["mitigation"] = description;
    threats[2]["status"] = "Mitigated".into();
    threats[2]["mitigation"] = "Mitigation or prevention for the threat".into();
    let ids: Vec<String> = threats[..3]
        .iter()
        .map(|t| t["id"].as_str().expect("id").to_owned())
        .collect();
    let (p, _) = threatboard::io::threat_dragon::import(&doc.to_string(), &path).expect("imports");
    let by_id = |id: &str| {
        p.manual_threats
            .iter()
            .find(|t| t.id.as_str() == id)
            .expect("imported")
    };
    for id in &ids[..2] {
        assert_eq!(by_id(id).generated_by, "OWASP Threat Dragon");
        assert_eq!(by_id(id).record.mitigation, "");
    }
    assert_eq!(by_id(&ids[2]).generated_by, "");
    assert_eq!(by_id(&ids[2]).record.mitigation, "");
    assert_eq!(by_id(&ids[2]).record.status, Status::Mitigated);
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let a = analyze(&p, &catalogue);
    assert_eq!(a.summary.imported_generated, 2);
    let mut apart: Vec<String> = a
        .imported_generated()
        .map(|f| f.key.parts().1.to_string())
        .collect();
    apart.sort();
    let mut expected = ids[..2].to_vec();
    expected.sort();
    assert_eq!(apart, expected);
}

/// Of two authors' threats of the same class on the same flow, the generated one folds into
/// the one about the element it is about (the Threat Modeling Tool files threats about
/// either end under the flow between them).
#[test]
fn a_generated_threat_folds_into_the_authors_threat_about_its_element() {
    let (mut p, [_, _, query]) = shop();
    p.manual_threats.push(team_threat(
        &query,
        Stride::Tampering,
        "Shop API Process Memory Tampered",
        Status::NotApplicable,
    ));
    p.manual_threats.push(team_threat(
        &query,
        Stride::Tampering,
        "Orders database tampered through its queries",
        Status::Mitigated,
    ));
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let a = analyze(&p, &catalogue);
    let holder = a
        .threats()
        .find(|f| {
            f.also_raised()
                .iter()
                .any(|r| r.key.rule_id() == "sql-injection")
        })
        .expect("folded into one of them");
    assert_eq!(holder.title, "Orders database tampered through its queries");
}

/// Teams file a threat on the store or service next to the one the rules name: the team's
/// "attackers steal credentials to sign in" filed on the database still covers the rules'
/// credential threat at the application in front of it (one flow away, the same concern);
/// a threat of another concern on the neighbour is not folded.
#[test]
fn the_same_concern_one_flow_away_is_the_authors_threat() {
    let (mut p, [api, db, _]) = shop();
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let before = analyze(&p, &catalogue);
    let sign_in = before
        .threats()
        .find(|f| f.rule_id() == "authentication-entry-point" && f.is_about(&api))
        .map(|f| f.key.clone());
    let Some(sign_in) = sign_in else {
        panic!(
            "the rules raise sign-in at the API: {:?}",
            before.threats().map(|f| f.rule_id()).collect::<Vec<_>>()
        )
    };
    p.manual_threats.push(team_threat(
        &db,
        Stride::Spoofing,
        "Attackers steal credentials to sign in as customers",
        Status::Mitigated,
    ));
    let a = analyze(&p, &catalogue);
    assert!(!a.findings.iter().any(|f| f.key == sign_in), "listed again");
    p.manual_threats.clear();
    p.manual_threats.push(team_threat(
        &db,
        Stride::Spoofing,
        "A forged backup restores old data",
        Status::Mitigated,
    ));
    let a = analyze(&p, &catalogue);
    assert!(
        a.findings.iter().any(|f| f.key == sign_in),
        "another concern hides nothing"
    );
}

/// A threat of a specific kind repeats only an authors' threat naming that kind: the team's
/// generic "data modified through weak input validation" on the API does not hide the rules'
/// SQL injection into the database behind it; the team's "SQL injection" does.
#[test]
fn a_generic_authors_threat_hides_no_specific_one() {
    let (mut p, [api, db, _]) = shop();
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    p.manual_threats.push(team_threat(
        &api,
        Stride::Tampering,
        "Malicious actors modify data or code through weak input validation",
        Status::Mitigated,
    ));
    let a = analyze(&p, &catalogue);
    assert!(
        a.threats().any(|f| f.rule_id() == "sql-injection"),
        "{:?}",
        a.threats().map(|f| f.title.clone()).collect::<Vec<_>>()
    );
    p.manual_threats.push(team_threat(
        &db,
        Stride::Tampering,
        "SQL injection through the API",
        Status::Mitigated,
    ));
    let a = analyze(&p, &catalogue);
    assert!(!a.threats().any(|f| f.rule_id() == "sql-injection"));
}

/// `from` and `to` linked by `flows` (the first from `from` to `to`), and the team wrote `title` (of `category`, on `on`: the flow
/// when `None`, else that element): the rules whose threats are listed.
fn listed_rules(
    from: Element,
    to: Element,
    flows: Vec<Flow>,
    on: Option<&str>,
    category: Stride,
    title: &str,
) -> Vec<String> {
    let mut p = Project::new("pair");
    p.layout
        .elements
        .insert(from.id.clone(), Rect::new(0.0, 0.0, 100.0, 60.0));
    p.layout
        .elements
        .insert(to.id.clone(), Rect::new(300.0, 0.0, 100.0, 60.0));
    let subject = on.map_or_else(|| flows[0].id.to_string(), str::to_owned);
    p.manual_threats
        .push(team_threat(&subject, category, title, Status::Mitigated));
    p.diagrams[0].elements = vec![from, to];
    p.diagrams[0].flows = flows;
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    analyze(&p, &catalogue)
        .threats()
        .map(|f| f.rule_id().to_owned())
        .collect()
}

/// The authors' "Replay attacks" filed under tampering is the rules' "relayed or replayed"
/// link filed under spoofing: the same attack on the same flow is not listed again,
/// whatever STRIDE cell each put it in. An attack they did not name still is.
#[test]
fn the_same_attack_under_another_category_is_the_authors() {
    let listed = |title: &str| {
        let headset = Element::new(ElementKind::Process, "Headset");
        let controller = Element::new(ElementKind::Process, "Hand controller");
        let mut link = Flow::new("Controls", controller.id.clone(), headset.id.clone());
        link.protocol = "Bluetooth LE".into();
        listed_rules(
            controller,
            headset,
            vec![link],
            None,
            Stride::Tampering,
            title,
        )
        .contains(&"proximity-link".to_owned())
    };
    assert!(!listed("Replay attacks on the controls"));
    assert!(listed("Firmware of the controller altered"));
}

/// A rule about one attack ("sign-ins can be guessed or stuffed") is not the authors'
/// generic "impersonation" of the same service; it is theirs when they name the attack.
#[test]
fn a_named_attack_is_not_a_generic_authors_threat() {
    let listed = |title: &str| {
        let client = Element::new(ElementKind::ExternalEntity, "Respondent");
        let mut api = Element::new(ElementKind::Process, "REST API");
        if let ElementProps::Process(pp) = &mut api.props {
            pp.authenticates_callers = true;
        }
        let signin = Flow::new("Authentication request", client.id.clone(), api.id.clone());
        let on = api.id.to_string();
        listed_rules(
            client,
            api,
            vec![signin],
            Some(&on),
            Stride::Spoofing,
            title,
        )
        .contains(&"sign-in-guessing".to_owned())
    };
    assert!(listed(
        "Impersonation: only callers with a valid API key are accepted"
    ));
    assert!(!listed("Brute force on the API key"));
}

/// A threat's concern is its rule's, not the names filled into its title: the answer from
/// "External Confluence Query Service" is no injection, so the team's "input validation"
/// threat on it is the rules' untrusted-answer threat, folded in.
#[test]
fn names_in_a_title_are_no_concern_of_the_threat() {
    let listed = |category: Stride, title: &str| {
        let service = Element::new(
            ElementKind::ExternalEntity,
            "External Confluence Query Service",
        );
        let source = Element::new(ElementKind::Process, "Confluence Source");
        let answer = Flow::new("Response", service.id.clone(), source.id.clone());
        let ask = Flow::new("Request", source.id.clone(), service.id.clone());
        listed_rules(service, source, vec![answer, ask], None, category, title)
    };
    let untrusted = "external-response-untrusted".to_owned();
    let folded = listed(
        Stride::Tampering,
        "Input validation: responses are validated against the schema",
    );
    assert!(!folded.contains(&untrusted), "{folded:?}");
    // Near miss: a threat of another class on the same answer folds nothing.
    let other = listed(Stride::Repudiation, "Audit log entries deleted");
    assert!(other.contains(&untrusted), "{other:?}");
}
