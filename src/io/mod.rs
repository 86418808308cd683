//! Reading and writing files: the RON project format and (later) other tools' formats.

pub mod import;
pub mod otm;
pub mod project_file;
pub mod reference;
pub mod threat_composer;
pub mod threat_dragon;
pub mod tm7;

pub use project_file::{
    FileError, FileErrorKind, MAX_FILE_BYTES, load, load_str, save, to_canonical_string,
    write_atomic,
};
pub use reference::ReferenceError;
