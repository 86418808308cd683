//! Reading and writing files: the RON project format and (later) other tools' formats.

pub mod import;
pub mod otm;
pub mod project_file;
pub mod reference;
pub mod rules;
pub mod template;
pub mod threat_dragon;
pub mod tm7;

pub use project_file::{
    FileError, FileErrorKind, MAX_FILE_BYTES, check_made, load, load_str, save,
    to_canonical_string, write_atomic,
};
pub use reference::ReferenceError;

/// Reads a regular file of at most `max` bytes, never reading past that.
pub fn read_limited(path: &std::path::Path, max: u64) -> Result<Vec<u8>, FileError> {
    crate::foundation::read::bounded(path, max).map_err(|e| FileError::new(path, e.into()))
}

/// Parses XML from other people: no DTD (no entity expansion), at most `nodes_limit`
/// nodes, and a syntax error as `FILE:LINE:COLUMN: not well-formed XML: …`.
pub(crate) fn xml_document<'i>(
    text: &'i str,
    path: &std::path::Path,
    nodes_limit: u32,
) -> Result<roxmltree::Document<'i>, FileError> {
    roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .map_err(|e| {
        let pos = e.pos();
        FileError {
            path: path.to_owned(),
            position: Some((pos.row as usize, pos.col as usize)),
            kind: FileErrorKind::Syntax(format!("not well-formed XML: {e}")),
        }
    })
}
