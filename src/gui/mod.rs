//! The desktop app (eframe/egui). Everything else in the crate is egui-free.

mod action;
mod app;
mod canvas;
mod changes;
mod commands;
mod controls;
mod document;
mod graph;
mod inspector;
mod selection;
mod style;
mod template_sync;
mod threats;
mod workshop;

use std::path::PathBuf;

pub use crate::scene::display::Marks;
pub use app::{Options, RightTab, ThreatboardApp};
pub use canvas::{VIEW_ID, View};
pub use changes::Compare;
pub use commands::{Command, Tool};
pub use selection::{Item, Selection};
pub use style::Theme;
pub use threats::{Filters, GroupBy, StatusFilter};
pub use workshop::Walkthrough;

/// The application icon (also in `assets/icon.svg`).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Fallback fonts after egui's own: DejaVu Sans for the symbols and scripts Ubuntu lacks
/// ("↔" in connection names, Greek, Cyrillic), Droid Sans Fallback for Chinese, Japanese
/// and Korean names — the same fonts the PDF and SVG use, so a name that prints also shows.
pub fn install_fonts(ctx: &egui::Context) {
    use std::sync::Arc;
    let mut fonts = egui::FontDefinitions::default();
    for (name, bytes) in [
        ("DejaVuSans", crate::scene::text::fonts::REGULAR),
        ("DroidSansFallback", crate::scene::text::fonts::FALLBACK),
    ] {
        fonts.font_data.insert(
            name.to_owned(),
            Arc::new(egui::FontData::from_static(bytes)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    ctx.set_fonts(fonts);
}

/// A drop-down with its label in front, as forms read ("Status [Any ▾]"); egui's own
/// `ComboBox::from_label` puts the label after the box. The label names the box for
/// screen readers and tests. Where label and box do not fit side by side (a narrow pane),
/// the label goes above the box rather than pushing the pane wider.
pub(crate) fn combo<R>(
    ui: &mut egui::Ui,
    label: &str,
    selected: impl Into<egui::WidgetText>,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> Option<R> {
    let color = ui.visuals().text_color();
    let galley = ui.painter().layout_no_wrap(
        label.to_owned(),
        egui::TextStyle::Body.resolve(ui.style()),
        color,
    );
    let spacing = ui.spacing();
    let side_by_side =
        galley.size().x + spacing.item_spacing.x + spacing.combo_width <= ui.available_width();
    let body = |ui: &mut egui::Ui| {
        // The label is painted, not a widget of its own: the box carries the name, so a
        // screen reader announces one control ("Status, combo box"), not two.
        let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
        ui.painter().galley(rect.min, galley, color);
        let r = egui::ComboBox::from_id_salt(label)
            .selected_text(selected)
            .show_ui(ui, add);
        r.response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::ComboBox, ui.is_enabled(), label)
        });
        r.inner
    };
    if side_by_side {
        ui.horizontal(body).inner
    } else {
        ui.vertical(body).inner
    }
}

/// The smallest window: palette, canvas and threat pane side by side with the canvas at 60%
/// of the width or more (the palette's 170 and the pane's least 180 are 40% of 930).
pub const MIN_WINDOW: [f32; 2] = [960.0, 560.0];

/// Opens the main window, with `file` if given; returns when the window closes.
/// Runs the app on `file`, with verification results from `evidence` loaded.
pub fn run(file: Option<PathBuf>, evidence: Vec<PathBuf>) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Threatboard")
        .with_app_id("threatboard")
        .with_inner_size([1400.0, 900.0])
        .with_min_inner_size(MIN_WINDOW)
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Threatboard",
        options,
        Box::new(move |cc| {
            let mut app = ThreatboardApp::new(
                cc,
                Options {
                    file,
                    recovery_dir: None,
                    native_dialogs: true,
                },
            );
            if !evidence.is_empty() {
                app.load_evidence(&evidence);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot start the window: {e}"))
}
