//! Per-frame CPU cost of the editor on large diagrams: 1,000 elements / 2,000 flows and
//! 10,000 elements / 20,000 flows, the whole window (panels, canvas, egui_graphs view)
//! laid out and tessellated. Measured: opening the file to its first frame; a frame with
//! the pointer moving over the canvas (hover); a frame while panning (a drag on empty
//! canvas); a frame after a zoom step; selecting an element by clicking it; and an edit per
//! frame (nudging the selection: re-analysis, badges, graph and threat list rebuilt).
//!
//! Run with `cargo bench --bench canvas`; criterion prints the medians.
//! `CANVAS_BENCH_SIZES=10000 cargo bench --bench canvas` runs one size.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

// The application's allocator (src/main.rs), so these figures are the application's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use egui_kittest::Harness;
use threatboard::gui::{Item, Options, Selection, ThreatboardApp};

fn harness(
    file: std::path::PathBuf,
    recovery: std::path::PathBuf,
) -> Harness<'static, ThreatboardApp> {
    Harness::builder()
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
        })
}

fn frame(h: &mut Harness<'static, ThreatboardApp>) -> usize {
    h.step();
    let out = h.output();
    h.ctx
        .tessellate(out.shapes.clone(), out.pixels_per_point)
        .len()
}

fn bench_size(c: &mut Criterion, n: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("large.ron");
    threatboard::io::save(&file, &threatboard::synthetic::project(n)).expect("save");
    let recovery = dir.path().join("recovery");
    let label = format!("{n}-elements-{}-flows", 2 * n);
    let mut group = c.benchmark_group(&label);
    if n > 2_000 {
        group.sample_size(10);
    }
    group.bench_function("open-to-first-frame", |b| {
        b.iter_batched(
            || (file.clone(), recovery.clone()),
            |(f, r)| {
                let mut h = harness(f, r);
                std::hint::black_box(frame(&mut h))
            },
            BatchSize::PerIteration,
        );
    });
    let mut h = harness(file.clone(), recovery.clone());
    // Until every flow is routed (a large diagram's routing continues over frames).
    h.run_steps(40);
    let d = h.state().diagram();
    assert_eq!((d.elements.len(), d.flows.len()), (n, 2 * n));
    let mut i = 0u32;
    group.bench_function("frame-hover", |b| {
        b.iter(|| {
            i += 1;
            // Keep the pointer moving so hover detection runs as it does for a user.
            let x = 400.0 + (i % 600) as f32;
            h.event(egui::Event::PointerMoved(egui::pos2(x, 500.0)));
            std::hint::black_box(frame(&mut h))
        });
    });
    // Panning: the secondary (middle) button held down, the pointer moving.
    let centre = egui::pos2(700.0, 500.0);
    h.event(egui::Event::PointerMoved(centre));
    h.event(egui::Event::PointerButton {
        pos: centre,
        button: egui::PointerButton::Middle,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    frame(&mut h);
    let mut dx = 0.0f32;
    group.bench_function("frame-pan", |b| {
        b.iter(|| {
            dx = if dx > 200.0 { 0.0 } else { dx + 3.0 };
            h.event(egui::Event::PointerMoved(centre + egui::vec2(dx, dx / 2.0)));
            std::hint::black_box(frame(&mut h))
        });
    });
    h.event(egui::Event::PointerButton {
        pos: centre,
        button: egui::PointerButton::Middle,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    frame(&mut h);
    let mut zoom_in = true;
    group.bench_function("frame-zoom", |b| {
        b.iter(|| {
            zoom_in = !zoom_in;
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Line,
                delta: egui::vec2(0.0, if zoom_in { 1.0 } else { -1.0 }),
                modifiers: egui::Modifiers::COMMAND,
                phase: egui::TouchPhase::Move,
            });
            std::hint::black_box(frame(&mut h))
        });
    });
    // Selecting: alternate between two elements (the selection, its threats and the
    // inspector are rebuilt).
    let ids: Vec<_> = h.state().diagram().elements[..2]
        .iter()
        .map(|e| e.id.clone())
        .collect();
    let mut k = 0usize;
    group.bench_function("select", |b| {
        b.iter(|| {
            k += 1;
            h.state_mut().selection = Selection::one(Item::Element(ids[k % 2].clone()));
            std::hint::black_box(frame(&mut h))
        });
    });
    // An edit per frame (nudging one selected element): the analysis is recomputed, the
    // badges, the graph and the threat list are rebuilt, and the frame is drawn.
    h.state_mut().selection = Selection::one(Item::Element(ids[0].clone()));
    h.run_steps(2);
    let mut right = true;
    group.bench_function("edit-and-frame", |b| {
        b.iter(|| {
            right = !right;
            h.key_press(if right {
                egui::Key::ArrowRight
            } else {
                egui::Key::ArrowLeft
            });
            std::hint::black_box(frame(&mut h))
        });
    });
    group.finish();
    let revision_moved = h.state().doc.undo_len() > 1;
    assert!(revision_moved, "the nudges were applied as edits");
}

fn bench(c: &mut Criterion) {
    let sizes: Vec<usize> = std::env::var("CANVAS_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    for n in sizes {
        bench_size(c, n);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
