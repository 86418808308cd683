//! Colours and strokes of the canvas, derived from the current light or dark theme.

use egui::{Color32, Stroke, Visuals};

use crate::model::Severity;

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

impl CanvasStyle {
    pub fn for_visuals(v: &Visuals) -> Self {
        if v.dark_mode {
            Self {
                background: Color32::from_rgb(0x1e, 0x20, 0x24),
                grid: Color32::from_rgb(0x2c, 0x2f, 0x35),
                process_fill: Color32::from_rgb(0x1f, 0x3a, 0x5c),
                store_fill: Color32::from_rgb(0x25, 0x40, 0x30),
                entity_fill: Color32::from_rgb(0x3d, 0x33, 0x55),
                outline: Color32::from_rgb(0xc8, 0xcf, 0xd8),
                text: Color32::from_rgb(0xf0, 0xf2, 0xf5),
                muted: Color32::from_rgb(0x80, 0x86, 0x90),
                flow: Color32::from_rgb(0xb8, 0xc0, 0xcc),
                boundary: Color32::from_rgb(0xff, 0x6b, 0x6b),
                selection: Color32::from_rgb(0x4d, 0xa3, 0xff),
                note_fill: Color32::from_rgb(0x4a, 0x45, 0x2a),
                label_background: Color32::from_rgba_unmultiplied(0x1e, 0x20, 0x24, 0xe0),
            }
        } else {
            Self {
                background: Color32::from_rgb(0xfa, 0xfa, 0xf8),
                grid: Color32::from_rgb(0xe4, 0xe4, 0xe0),
                process_fill: Color32::from_rgb(0xdc, 0xea, 0xfb),
                store_fill: Color32::from_rgb(0xe0, 0xf2, 0xe4),
                entity_fill: Color32::from_rgb(0xec, 0xe6, 0xf7),
                outline: Color32::from_rgb(0x33, 0x3a, 0x44),
                text: Color32::from_rgb(0x11, 0x14, 0x18),
                muted: Color32::from_rgb(0x9a, 0x9f, 0xa6),
                flow: Color32::from_rgb(0x4a, 0x52, 0x5e),
                boundary: Color32::from_rgb(0xc6, 0x28, 0x28),
                selection: Color32::from_rgb(0x1a, 0x73, 0xe8),
                note_fill: Color32::from_rgb(0xff, 0xf6, 0xc8),
                label_background: Color32::from_rgba_unmultiplied(0xfa, 0xfa, 0xf8, 0xe6),
            }
        }
    }

    pub fn severity(&self, s: Severity) -> Color32 {
        match s {
            Severity::Critical => Color32::from_rgb(0xb0, 0x00, 0x20),
            Severity::High => Color32::from_rgb(0xe0, 0x40, 0x2a),
            Severity::Medium => Color32::from_rgb(0xe6, 0x9b, 0x00),
            Severity::Low => Color32::from_rgb(0x3b, 0x8e, 0xd0),
        }
    }

    pub fn outline_stroke(&self, zoom: f32, selected: bool) -> Stroke {
        if selected {
            Stroke::new((2.5 * zoom).clamp(1.5, 4.0), self.selection)
        } else {
            Stroke::new((1.4 * zoom).clamp(0.8, 2.5), self.outline)
        }
    }
}
