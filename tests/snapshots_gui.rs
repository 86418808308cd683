//! Image snapshots of sample diagrams, rendered headless (wgpu on Mesa's lavapipe), so
//! visual regressions show. Baselines live in `tests/snapshots/`; refresh them with
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots_gui` after checking the new images.
#![cfg(feature = "gui")]

mod common;

use egui_kittest::Harness;
use threatboard::gui::{Options, ThreatboardApp};

fn snapshot(sample: &str, dark: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let file = common::sample(sample);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_step_dt(1.0 / 60.0)
        .with_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        })
        .wgpu()
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
    h.run_steps(6);
    let name = format!(
        "{}-{}",
        sample.trim_end_matches(".ron"),
        if dark { "dark" } else { "light" }
    );
    h.snapshot(&name);
}

#[test]
fn web_shop_dark() {
    snapshot("web-shop.ron", true);
}

#[test]
fn serverless_light() {
    snapshot("serverless.ron", false);
}
