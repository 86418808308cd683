//! Colours and strokes of the canvas and the panels, taken from the one palette
//! (`scene::palette`) in the variant the current theme asks for: light, dark or one of the
//! high-contrast ones.

use egui::{Color32, Stroke, Visuals};
use serde::{Deserialize, Serialize};

use crate::model::{Severity, Status};
use crate::scene::palette::{self, Palette, Rgb, Variant};

/// A palette colour as egui's.
pub const fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Errors, failing controls, overdue decisions: the palette's alert red.
pub const ALERT: Color32 = color(palette::ALERT);
/// Warnings.
pub const WARNING: Color32 = color(palette::WARNING);
/// Information.
pub const INFO: Color32 = color(palette::INFO);

/// The colour of a severity, the same as in the SVG and the PDF.
pub fn severity_color(s: Severity) -> Color32 {
    color(palette::severity(s))
}

/// The colour of a decision, the same as in the SVG and the PDF.
pub fn status_color(s: Status) -> Color32 {
    color(palette::status(s))
}

/// The canvas palette for one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CanvasStyle {
    pub background: Color32,
    pub grid: Color32,
    pub process_fill: Color32,
    pub store_fill: Color32,
    pub entity_fill: Color32,
    pub outline: Color32,
    pub text: Color32,
    pub muted: Color32,
    pub flow: Color32,
    pub boundary: Color32,
    pub selection: Color32,
    pub note_fill: Color32,
    pub label_background: Color32,
}

/// Which palette variant the visuals are: the high-contrast themes are the ones that force
/// pure black or white text (`Theme::visuals` in the app).
pub fn variant(v: &Visuals) -> Variant {
    match (v.dark_mode, v.override_text_color) {
        (true, Some(Color32::WHITE)) => Variant::HighContrastDark,
        (true, _) => Variant::Dark,
        (false, Some(Color32::BLACK)) => Variant::HighContrastLight,
        (false, _) => Variant::Light,
    }
}

impl CanvasStyle {
    pub fn for_visuals(v: &Visuals) -> Self {
        let p = Palette::new(variant(v));
        // Flow labels sit on a nearly opaque plate of the background.
        let alpha = if v.dark_mode { 0xe0 } else { 0xe6 };
        let bg = p.label_background;
        Self {
            background: color(p.background),
            grid: color(p.grid),
            process_fill: color(p.process_fill),
            store_fill: color(p.store_fill),
            entity_fill: color(p.entity_fill),
            outline: color(p.outline),
            text: color(p.text),
            muted: color(p.muted),
            flow: color(p.flow),
            boundary: color(p.boundary),
            selection: color(p.selection),
            note_fill: color(p.note_fill),
            label_background: Color32::from_rgba_unmultiplied(bg.0, bg.1, bg.2, alpha),
        }
    }

    pub fn severity(&self, s: Severity) -> Color32 {
        severity_color(s)
    }

    pub fn outline_stroke(&self, zoom: f32, selected: bool) -> Stroke {
        if selected {
            Stroke::new((2.5 * zoom).clamp(1.5, 4.0), self.selection)
        } else {
            Stroke::new((1.4 * zoom).clamp(0.8, 2.5), self.outline)
        }
    }
}

/// Colour schemes; the high-contrast ones are for projectors and shared screens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Dark,
    Light,
    HighContrastDark,
    HighContrastLight,
}

impl Theme {
    pub(crate) const ALL: [Theme; 4] = [
        Theme::Dark,
        Theme::Light,
        Theme::HighContrastDark,
        Theme::HighContrastLight,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Theme::Dark => "Dark",
            Theme::Light => "Light",
            Theme::HighContrastDark => "High-contrast dark",
            Theme::HighContrastLight => "High-contrast light",
        }
    }

    pub(crate) fn visuals(self) -> egui::Visuals {
        let mut v = match self {
            Theme::Dark | Theme::HighContrastDark => egui::Visuals::dark(),
            Theme::Light | Theme::HighContrastLight => egui::Visuals::light(),
        };
        match self {
            Theme::HighContrastDark => {
                v.override_text_color = Some(egui::Color32::WHITE);
                v.panel_fill = egui::Color32::BLACK;
                v.window_fill = egui::Color32::BLACK;
                v.extreme_bg_color = egui::Color32::BLACK;
                v.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::WHITE);
                v.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::WHITE);
                v.selection.bg_fill = egui::Color32::from_rgb(0x00, 0x5f, 0xcc);
            }
            Theme::HighContrastLight => {
                v.override_text_color = Some(egui::Color32::BLACK);
                v.panel_fill = egui::Color32::WHITE;
                v.window_fill = egui::Color32::WHITE;
                v.extreme_bg_color = egui::Color32::WHITE;
                v.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::BLACK);
                v.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::BLACK);
                v.selection.bg_fill = egui::Color32::from_rgb(0x9c, 0xc8, 0xff);
            }
            _ => {}
        }
        v
    }
}
