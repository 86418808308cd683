//! Threatboard: offline threat modeling with data-flow diagrams and STRIDE.
//!
//! Everything here except the `gui` module is egui-free, so the model, the analysis and
//! the CLI build and test without a windowing stack (`--no-default-features`).

pub mod analysis;
pub mod blocks;
pub mod clipboard;
pub mod edit;
pub mod evidence;
pub mod foundation;
#[cfg(feature = "gui")]
pub mod gui;
pub mod history;
pub mod io;
pub mod model;
mod parallel;
pub mod report;
pub mod scene;
pub mod synthetic;
