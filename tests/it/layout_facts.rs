//! The editor keeps the analysis through a move when what the analysis reads from the
//! layout (`analysis::LayoutFacts`) is unchanged. These tests move every element of real
//! models — the samples and imported Threat Dragon models, with regions, boundary lines
//! and bent flows — and check that equal facts always mean an equal analysis, and that
//! moves across boundaries do change the facts.

use crate::common;

use std::path::Path;

use threatboard::analysis::{self, Analysis, Catalogue, LayoutFacts};
use threatboard::model::*;

/// Everything a user sees of an analysis, as text.
fn shown(a: &Analysis) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        a.findings, a.validation, a.out_of_scope, a.orphaned, a.summary
    )
}

fn models() -> Vec<(String, Project)> {
    let mut out: Vec<(String, Project)> = common::samples()
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains(".blocks."))
        .map(|p| {
            let project = threatboard::io::load(&p).expect("sample loads");
            (p.display().to_string(), project)
        })
        .collect();
    let dragon = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/threat-dragon-v1");
    for name in ["demo-threat-model.json", "enter-the-dragon-4.json"] {
        let path = dragon.join(name);
        let (project, _) = threatboard::io::import::read(&path).expect("imports");
        out.push((path.display().to_string(), project));
    }
    out
}

#[test]
fn equal_layout_facts_mean_an_equal_analysis() {
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let steps = [
        (1.0, 0.0),
        (0.0, -3.0),
        (40.0, 25.0),
        (-150.0, 0.0),
        (0.0, 220.0),
        (400.0, -300.0),
        (-900.0, 700.0),
    ];
    let (mut kept, mut changed) = (0, 0);
    for (name, project) in models() {
        let before = analysis::analyze(&project, &catalogue);
        let facts = LayoutFacts::of(&project);
        // Counts the move as keeping or changing the facts; a kept one must keep the analysis.
        let mut judge = |moved: &Project, what: String| {
            if LayoutFacts::of(moved) == facts {
                kept += 1;
                assert_eq!(
                    shown(&analysis::analyze(moved, &catalogue)),
                    shown(&before),
                    "{name}: {what} kept the layout facts but changed the analysis"
                );
            } else {
                changed += 1;
            }
        };
        let ids: Vec<ElementId> = project.layout.elements.keys().cloned().collect();
        assert!(!ids.is_empty(), "{name}: no layout");
        for id in &ids {
            for (dx, dy) in steps {
                let mut moved = project.clone();
                let rect = moved.layout.elements.get_mut(id).expect("laid out");
                rect.x += dx;
                rect.y += dy;
                judge(&moved, format!("moving {id} by ({dx}, {dy})"));
            }
        }
        // Boundaries moved too: a region shifted, a line's points shifted.
        for (bid, shape) in &project.layout.boundaries {
            for (dx, dy) in steps {
                let mut moved = project.clone();
                let shifted = match shape {
                    BoundaryShape::Region(r) => BoundaryShape::Region(Rect {
                        x: r.x + dx,
                        y: r.y + dy,
                        ..*r
                    }),
                    BoundaryShape::Line(points) => BoundaryShape::Line(
                        points
                            .iter()
                            .map(|p| Pos {
                                x: p.x + dx,
                                y: p.y + dy,
                            })
                            .collect(),
                    ),
                };
                moved.layout.boundaries.insert(bid.clone(), shifted);
                judge(&moved, format!("moving boundary {bid} by ({dx}, {dy})"));
            }
        }
    }
    // Both kinds of move happened: small nudges inside a zone, and moves across boundaries.
    assert!(kept > 50, "{kept} moves kept the facts");
    assert!(changed > 50, "{changed} moves changed them");
}

#[test]
fn a_move_across_a_boundary_changes_the_facts_and_the_findings() {
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let project = threatboard::io::load(&common::sample("web-shop.ron")).expect("sample");
    let facts = LayoutFacts::of(&project);
    let before = analysis::analyze(&project, &catalogue);
    // Every element moved far outside every boundary: no flow crosses one any more.
    let mut away = project.clone();
    for (i, rect) in away.layout.elements.values_mut().enumerate() {
        rect.x = -10_000.0 - 300.0 * i as f32;
        rect.y = -10_000.0;
    }
    assert_ne!(LayoutFacts::of(&away), facts);
    let after = analysis::analyze(&away, &catalogue);
    assert_ne!(shown(&after), shown(&before));
}
