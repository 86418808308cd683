//! Parallel flows and request/response pairs between two elements are one connection, and
//! a rule gives one finding for it; the finding keeps what each flow says: their names,
//! and the data of the one with most at stake.

use threatboard::analysis::{Catalogue, analyze};
use threatboard::model::*;

/// An API reached from outside its network, with two parallel flows to its database: the
/// first carries order queries, the second card numbers.
fn two_flows() -> (Project, [String; 2]) {
    let mut shop = threatboard::synthetic::Shop::new();
    let (browser, api, db) = (shop.browser.clone(), shop.api.clone(), shop.db.clone());
    shop.flow("Order request", &browser, &api);
    let queries = shop.flow("Order queries", &api, &db);
    let cards = shop.flow("Card number lookups", &api, &db);
    (shop.project, [queries.to_string(), cards.to_string()])
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
        // A question asked once for several connections ("what if these were blocked?")
        // speaks of none of them in particular.
        .filter(|f| f.also_raised().is_empty())
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
