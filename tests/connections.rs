//! Parallel flows and request/response pairs between two elements are one connection, and
//! a rule gives one finding for it; the finding keeps what each flow says: their names,
//! and the data of the one with most at stake.

use threatboard::analysis::{Catalogue, analyze};
use threatboard::model::*;

/// An API reached from outside its network, with two parallel flows to its database: the
/// first carries order queries, the second card numbers.
fn two_flows() -> (Project, [String; 2]) {
    let mut p = Project::new("shop");
    let browser = Element::new(ElementKind::ExternalEntity, "Browser");
    let api = Element::new(ElementKind::Process, "Shop API");
    let mut db = Element::new(ElementKind::DataStore, "Orders database");
    if let ElementProps::DataStore(s) = &mut db.props {
        s.store_type = StoreType::Sql;
    }
    let request = Flow::new("Order request", browser.id.clone(), api.id.clone());
    let queries = Flow::new("Order queries", api.id.clone(), db.id.clone());
    let cards = Flow::new("Card number lookups", api.id.clone(), db.id.clone());
    let ids = [queries.id.to_string(), cards.id.to_string()];
    for (i, e) in [browser, api, db].into_iter().enumerate() {
        p.layout
            .elements
            .insert(e.id.clone(), Rect::new(i as f32 * 200.0, 0.0, 100.0, 60.0));
        p.diagrams[0].elements.push(e);
    }
    p.diagrams[0].flows.extend([request, queries, cards]);
    let system = Boundary::new("Shop VPC", BoundaryType::Network);
    p.layout.boundaries.insert(
        system.id.clone(),
        BoundaryShape::Region(Rect::new(180.0, -20.0, 340.0, 100.0)),
    );
    p.diagrams[0].boundaries.push(system);
    (p, ids)
}

#[test]
fn a_finding_for_several_flows_keeps_their_names_and_their_data() {
    let (p, [queries, cards]) = two_flows();
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let a = analyze(&p, &catalogue);
    let injection: Vec<_> = a
        .threats()
        .filter(|f| f.rule_id() == "sql-injection")
        .collect();
    assert_eq!(injection.len(), 1, "one finding for the connection");
    let f = injection[0];
    assert!(f.is_about(&queries) && f.is_about(&cards));
    // Named after both flows, not only after their ends.
    assert!(
        f.subject_name().contains("Order queries")
            && f.subject_name().contains("Card number lookups"),
        "{}",
        f.subject_name()
    );
    assert!(f.subject_name().contains("Shop API ↔ Orders database"));
    // Rated by the card data the second flow carries, as that flow alone is rated.
    let mut alone = p.clone();
    alone.diagrams[0]
        .flows
        .retain(|fl| fl.id.as_str() != queries);
    let only_cards = analyze(&alone, &catalogue);
    let expected = only_cards
        .threats()
        .find(|f| f.rule_id() == "sql-injection")
        .expect("raised on the card flow alone");
    let mut without = p.clone();
    without.diagrams[0]
        .flows
        .retain(|fl| fl.id.as_str() != cards);
    let only_queries = analyze(&without, &catalogue);
    let lower = only_queries
        .threats()
        .find(|f| f.rule_id() == "sql-injection")
        .expect("raised on the query flow alone");
    assert!(
        expected.severity > lower.severity,
        "the card flow matters more: {:?} vs {:?}",
        expected.severity,
        lower.severity
    );
    assert_eq!(f.severity, expected.severity, "{}", f.severity_reason);
}

/// The connection's checklist questions are asked of every flow: what they say the
/// connection carries comes from all of them, not only from the first.
#[test]
fn a_connections_questions_say_what_all_its_flows_carry() {
    let (mut p, [queries, cards]) = two_flows();
    // The database outside the API's network: the connection crosses a boundary, so the
    // checklist asks about what travels on it (a local hop inside one zone is not asked).
    let vpc = p.diagrams[0].boundaries[0].id.clone();
    p.layout.boundaries.insert(
        vpc,
        BoundaryShape::Region(Rect::new(180.0, -20.0, 140.0, 100.0)),
    );
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let a = analyze(&p, &catalogue);
    let questions: Vec<_> = a
        .checklist()
        .filter(|f| f.is_about(&queries) && f.is_about(&cards))
        .collect();
    assert!(
        !questions.is_empty(),
        "the connection has checklist questions"
    );
    for q in questions {
        assert!(
            q.description().contains("card data"),
            "{}: {}",
            q.title,
            q.description()
        );
    }
}
