//! Image snapshots of sample diagrams, rendered headless (wgpu on Mesa's lavapipe), so
//! visual regressions show. Baselines live in `tests/snapshots/`; refresh them with
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots_gui` after checking the new images.
#![cfg(feature = "gui")]

use crate::common;

use egui_kittest::Harness;
use threatboard::gui::{Options, ThreatboardApp};

/// The snapshots render with Vulkan (Mesa's lavapipe on a machine without a GPU): without
/// a Vulkan driver, one line saying what to install instead of a wgpu panic.
fn require_vulkan() {
    let icd_dirs = [
        "/usr/share/vulkan/icd.d",
        "/etc/vulkan/icd.d",
        "/usr/local/share/vulkan/icd.d",
    ];
    let has_driver = std::env::var_os("VK_ICD_FILENAMES").is_some()
        || std::env::var_os("VK_DRIVER_FILES").is_some()
        || icd_dirs
            .iter()
            .any(|d| std::fs::read_dir(d).is_ok_and(|mut entries| entries.next().is_some()));
    assert!(
        has_driver,
        "no Vulkan driver found for the headless snapshot tests: apt-get install mesa-vulkan-drivers libvulkan1"
    );
}

fn snapshot(sample: &str, dark: bool) {
    let (mut h, _dir) = harness(common::sample(sample), dark);
    h.run_steps(6);
    let name = format!(
        "{}-{}",
        sample.trim_end_matches(".ron"),
        if dark { "dark" } else { "light" }
    );
    h.snapshot(&name);
}

/// The app on `file`, and the folder its recovery files go to (kept while it runs).
fn harness(
    file: std::path::PathBuf,
    dark: bool,
) -> (Harness<'static, ThreatboardApp>, tempfile::TempDir) {
    require_vulkan();
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let h = Harness::builder()
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
    (h, dir)
}

/// The web shop changed since its sign-off, compared: new, changed and removed marks.
#[test]
fn changes_since_sign_off_dark() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("shop.ron");
    threatboard::io::save(&file, &common::signed_then_changed()).expect("save");
    let (mut h, _recovery) = harness(file, true);
    h.run_steps(4);
    let ctx = h.ctx.clone();
    h.state_mut()
        .run(threatboard::gui::Command::CompareSignOff, &ctx);
    h.run_steps(6);
    h.snapshot("changes-since-sign-off-dark");
}

#[test]
fn web_shop_dark() {
    snapshot("web-shop.ron", true);
}

#[test]
fn serverless_light() {
    snapshot("serverless.ron", false);
}

/// The serverless sample with its real checkov and cfn-lint results loaded: failing
/// controls marked in the list and counted in the badges.
#[test]
fn serverless_verified_dark() {
    let (mut h, _dir) = harness(common::sample("serverless.ron"), true);
    h.run_steps(4);
    h.state_mut().load_evidence(&[
        common::sample("evidence/checkov.sarif"),
        common::sample("evidence/cfn-lint.sarif"),
        // SARIF names only the rules that found something: checkov's passing checks.
        common::sample("evidence/checkov.junit.xml"),
    ]);
    h.run_steps(6);
    h.snapshot("serverless-verified-dark");
}
