//! What every layer shares and that belongs to none of them: making model text inert for
//! whatever displays it (terminals, CI logs, Markdown renderers, spreadsheets), and reading
//! files somebody else controls, with limits. Nothing here knows about projects, analysis
//! or the GUI, so every other module may use it.

pub mod escape;
pub mod hash;
pub mod nesting;
pub mod read;
