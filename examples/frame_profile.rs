//! Steps the editor's frames on a large synthetic diagram, for profilers:
//! `cargo run --release --example frame_profile -- 10000 100` (elements, frames);
//! add `edit` to nudge the first element with the arrow keys every frame instead.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let frames: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let edit = args.next().as_deref() == Some("edit");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("large.ron");
    threatboard::io::save(&file, &threatboard::synthetic::project(n)).expect("save");
    let recovery = dir.path().join("recovery");
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(move |cc| {
            threatboard::gui::ThreatboardApp::new(
                cc,
                threatboard::gui::Options {
                    file: Some(file),
                    recovery_dir: Some(recovery),
                    native_dialogs: false,
                },
            )
        });
    let opened = std::time::Instant::now();
    let mut steps = 0;
    while h.state().drawn_scene().is_none() && steps < 500 {
        h.step();
        steps += 1;
    }
    println!(
        "{n} elements: every flow routed after {steps} frames ({:?})",
        opened.elapsed()
    );
    if edit {
        let id = h.state().diagram().elements[0].id.clone();
        h.state_mut().selection =
            threatboard::gui::Selection::one(threatboard::gui::Item::Element(id));
        h.run_steps(2);
    }
    let start = std::time::Instant::now();
    for i in 0..frames {
        if edit {
            h.key_press(if i % 2 == 0 {
                egui::Key::ArrowRight
            } else {
                egui::Key::ArrowLeft
            });
        } else {
            h.event(egui::Event::PointerMoved(egui::pos2(
                400.0 + (i % 600) as f32,
                500.0,
            )));
        }
        h.step();
        let out = h.output();
        std::hint::black_box(
            h.ctx
                .tessellate(out.shapes.clone(), out.pixels_per_point)
                .len(),
        );
    }
    println!("{n} elements: {:?} per frame", start.elapsed() / frames);
}
