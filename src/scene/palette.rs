//! The one palette: severity, status and element-kind colours for the canvas, the SVG/PNG
//! export and the PDF, in light, dark and high-contrast variants.

use crate::model::{ElementKind, Severity, Status};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// "#rrggbb", for SVG.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colour of a severity, the same everywhere.
pub fn severity(s: Severity) -> Rgb {
    match s {
        Severity::Critical => Rgb(0xb0, 0x00, 0x20),
        Severity::High => ALERT,
        Severity::Medium => WARNING,
        Severity::Low => INFO,
    }
}

/// The colour of a decision, the same everywhere.
pub fn status(s: Status) -> Rgb {
    match s {
        Status::Open => ALERT,
        Status::NeedsInvestigation => Rgb(0xc0, 0x7a, 0x00),
        Status::Mitigated => PASSING,
        Status::NotApplicable => Rgb(0x9a, 0x9f, 0xa6),
        Status::Accepted => Rgb(0x9b, 0x59, 0xb6),
        Status::Transferred => INFO,
    }
}

/// What is wrong: an error, a failing control, an open decision, a decision overdue (the
/// high-severity red).
pub const ALERT: Rgb = Rgb(0xe0, 0x40, 0x2a);
/// A warning (the medium-severity amber).
pub const WARNING: Rgb = Rgb(0xe6, 0x9b, 0x00);
/// For information (the low-severity blue).
pub const INFO: Rgb = Rgb(0x3b, 0x8e, 0xd0);
/// What holds: a passing control, a mitigated threat.
pub const PASSING: Rgb = Rgb(0x2e, 0x9d, 0x5a);
/// A control whose evidence has not run.
pub const NOT_RUN: Rgb = Rgb(0x9a, 0x9a, 0x9a);

/// Added, changed and removed things when comparing versions.
pub const ADDED: Rgb = PASSING;
pub const CHANGED: Rgb = WARNING;
pub const REMOVED: Rgb = Rgb(0x8a, 0x90, 0x99);

/// Which variant of the diagram palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    Light,
    Dark,
    HighContrastLight,
    HighContrastDark,
}

/// The colours a diagram is drawn with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: Rgb,
    pub grid: Rgb,
    pub process_fill: Rgb,
    pub store_fill: Rgb,
    pub entity_fill: Rgb,
    pub outline: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub flow: Rgb,
    pub boundary: Rgb,
    pub selection: Rgb,
    pub note_fill: Rgb,
    /// Behind flow labels (drawn nearly opaque).
    pub label_background: Rgb,
}

impl Palette {
    pub fn new(variant: Variant) -> Self {
        let light = Self {
            background: Rgb(0xfa, 0xfa, 0xf8),
            grid: Rgb(0xe4, 0xe4, 0xe0),
            process_fill: Rgb(0xdc, 0xea, 0xfb),
            store_fill: Rgb(0xe0, 0xf2, 0xe4),
            entity_fill: Rgb(0xec, 0xe6, 0xf7),
            outline: Rgb(0x33, 0x3a, 0x44),
            text: Rgb(0x11, 0x14, 0x18),
            muted: Rgb(0x9a, 0x9f, 0xa6),
            flow: Rgb(0x4a, 0x52, 0x5e),
            boundary: Rgb(0xc6, 0x28, 0x28),
            selection: Rgb(0x1a, 0x73, 0xe8),
            note_fill: Rgb(0xff, 0xf6, 0xc8),
            label_background: Rgb(0xfa, 0xfa, 0xf8),
        };
        let dark = Self {
            background: Rgb(0x1e, 0x20, 0x24),
            grid: Rgb(0x2c, 0x2f, 0x35),
            process_fill: Rgb(0x1f, 0x3a, 0x5c),
            store_fill: Rgb(0x25, 0x40, 0x30),
            entity_fill: Rgb(0x3d, 0x33, 0x55),
            outline: Rgb(0xc8, 0xcf, 0xd8),
            text: Rgb(0xf0, 0xf2, 0xf5),
            muted: Rgb(0x80, 0x86, 0x90),
            flow: Rgb(0xb8, 0xc0, 0xcc),
            boundary: Rgb(0xff, 0x6b, 0x6b),
            selection: Rgb(0x4d, 0xa3, 0xff),
            note_fill: Rgb(0x4a, 0x45, 0x2a),
            label_background: Rgb(0x1e, 0x20, 0x24),
        };
        match variant {
            Variant::Light => light,
            Variant::Dark => dark,
            // For projectors: pure black and white, strong outlines and flows.
            Variant::HighContrastLight => Self {
                background: Rgb(0xff, 0xff, 0xff),
                outline: Rgb(0x00, 0x00, 0x00),
                text: Rgb(0x00, 0x00, 0x00),
                flow: Rgb(0x00, 0x00, 0x00),
                muted: Rgb(0x55, 0x55, 0x55),
                label_background: Rgb(0xff, 0xff, 0xff),
                ..light
            },
            Variant::HighContrastDark => Self {
                background: Rgb(0x00, 0x00, 0x00),
                outline: Rgb(0xff, 0xff, 0xff),
                text: Rgb(0xff, 0xff, 0xff),
                flow: Rgb(0xff, 0xff, 0xff),
                muted: Rgb(0xaa, 0xaa, 0xaa),
                label_background: Rgb(0x00, 0x00, 0x00),
                ..dark
            },
        }
    }

    pub fn fill(&self, kind: ElementKind) -> Rgb {
        match kind {
            ElementKind::Process => self.process_fill,
            ElementKind::DataStore => self.store_fill,
            ElementKind::ExternalEntity => self.entity_fill,
        }
    }
}
