//! What every layer shares and that belongs to none of them: making model text inert for
//! whatever displays it (terminals, CI logs, Markdown renderers, spreadsheets), reading
//! files somebody else controls, with limits, words for people (counts, capitals), dates
//! and times, and SHA-256. Nothing here knows about projects, analysis or the GUI, so
//! every other module may use it (the lowest layer; see ARCHITECTURE.md).

pub mod escape;
pub mod hash;
pub mod nesting;
pub mod read;
pub mod text;
pub mod time;
