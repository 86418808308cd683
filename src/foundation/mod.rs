//! What every layer shares and that belongs to none of them: reading files somebody else
//! controls, with limits. Nothing here knows about projects, analysis or the GUI, so
//! every other module may use it.

pub mod nesting;
pub mod read;
