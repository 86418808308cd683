//! Per-frame CPU cost of the editor on a large diagram: 1,000 elements and 2,000 flows,
//! the whole window (panels, canvas, egui_graphs view) laid out and tessellated, with
//! the pointer moving over the canvas. Nothing is re-laid-out or re-analysed per frame;
//! this measures what is left.
//!
//! Run with `cargo bench --bench canvas`; criterion prints the median frame time.

use criterion::{Criterion, criterion_group, criterion_main};

// The application's allocator (src/main.rs), so these figures are the application's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use egui_kittest::Harness;
use threatboard::gui::{Item, Options, Selection, ThreatboardApp};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("large.ron");
    threatboard::io::save(&file, &threatboard::synthetic::project(1_000)).expect("save");
    let recovery = dir.path().join("recovery");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| {
            ThreatboardApp::new(
                cc,
                Options {
                    file: Some(file),
                    recovery_dir: Some(recovery),
                    native_dialogs: false,
                },
            )
        });
    h.run_steps(5);
    let d = h.state().diagram();
    assert_eq!((d.elements.len(), d.flows.len()), (1_000, 2_000));
    let mut frame = 0u32;
    c.bench_function("frame/1000-elements-2000-flows", |b| {
        b.iter(|| {
            frame += 1;
            // Keep the pointer moving so hover detection runs as it does for a user.
            let x = 400.0 + (frame % 600) as f32;
            h.event(egui::Event::PointerMoved(egui::pos2(x, 500.0)));
            h.step();
            let out = h.output();
            let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
            std::hint::black_box(prims.len())
        });
    });
    // An edit per frame (nudging one selected element): the analysis of 1,000 elements is
    // recomputed, the badges, the graph and the threat list are rebuilt, and the frame is
    // drawn.
    let first = h.state().diagram().elements[0].id.clone();
    h.state_mut().selection = Selection::one(Item::Element(first));
    h.run_steps(2);
    let mut right = true;
    c.bench_function("edit-and-frame/1000-elements-2000-flows", |b| {
        b.iter(|| {
            right = !right;
            h.key_press(if right {
                egui::Key::ArrowRight
            } else {
                egui::Key::ArrowLeft
            });
            h.step();
            let out = h.output();
            let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
            std::hint::black_box(prims.len())
        });
    });
    let revision_moved = h.state().doc.undo_len() > 1;
    assert!(revision_moved, "the nudges were applied as edits");
}

criterion_group!(benches, bench);
criterion_main!(benches);
