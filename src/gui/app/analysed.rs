//! The analysis of the project shown, and the rules it was made with: computed once per
//! revision and shared (no copy) with the panes, the export thread and the walkthrough; a
//! move that leaves the content and the layout facts as they were keeps it.

use std::sync::Arc;

use super::Document;
use crate::analysis::{self, Analysis, Catalogue};
use crate::io as tio;

/// The app's analysis and its rule catalogue.
#[derive(Default)]
pub(super) struct Analysed {
    /// The analysis of a revision.
    current: Option<(u64, Arc<Analysis>)>,
    /// The content revision and layout facts `current` was made from: a move that leaves
    /// both as they were keeps it (on a 10,000-element model, re-analysing is a third of
    /// an edit).
    made_from: Option<(u64, analysis::LayoutFacts)>,
    pub catalogue: Catalogue,
    /// Why the project's own rules were not loaded (shown above the threats).
    pub rules_error: Option<String>,
}

impl Analysed {
    /// The built-in rules; if they cannot be read, says so above the threats rather than
    /// show an empty analysis as if all were well.
    pub fn builtin() -> Self {
        match Catalogue::builtin() {
            Ok(catalogue) => Self {
                catalogue,
                ..Self::default()
            },
            Err(e) => Self {
                rules_error: Some(format!(
                    "The built-in rules could not be read, so no threats are generated: {e}"
                )),
                ..Self::default()
            },
        }
    }

    /// The analysis of the document's current revision, computed when it moved.
    pub fn of(&mut self, doc: &Document) -> &Arc<Analysis> {
        let rev = doc.revision();
        if self.current.as_ref().is_none_or(|(r, _)| *r != rev) {
            let made_from = (
                doc.content_revision(),
                analysis::LayoutFacts::of(&doc.project),
            );
            let same = self.made_from.as_ref() == Some(&made_from);
            match &mut self.current {
                Some((r, _)) if same => *r = rev,
                _ => {
                    let result = analysis::analyze(&doc.project, &self.catalogue);
                    self.current = Some((rev, Arc::new(result)));
                    self.made_from = Some(made_from);
                }
            }
        }
        &self.current.get_or_insert_with(|| (rev, Arc::default())).1
    }

    /// The analysis made last and its revision, without computing one.
    pub fn last(&self) -> Option<(u64, &Analysis)> {
        self.current.as_ref().map(|(r, a)| (*r, &**a))
    }

    /// Drops the analysis (another project, other rules): the next use makes it again.
    pub fn forget(&mut self) {
        self.current = None;
    }

    /// Loads the rules the project names (its `catalogue`, confined to its folder and the
    /// trusted ones) over the built-in rules. Returns why they were not loaded, for the
    /// status line.
    pub fn load_for(&mut self, doc: &Document, trusted: &[std::path::PathBuf]) -> Option<String> {
        self.current = None;
        let base = match Catalogue::builtin() {
            Ok(c) => c,
            Err(e) => {
                *self = Self {
                    rules_error: Some(format!(
                        "The built-in rules could not be read, so no threats are generated: {e}"
                    )),
                    ..Self::default()
                };
                return None;
            }
        };
        let sources = tio::rules::RuleSources {
            trusted,
            ..Default::default()
        };
        self.rules_error = None;
        match tio::rules::catalogue_for(&doc.project, doc.path.as_deref(), &sources) {
            Ok(c) => {
                self.catalogue = c;
                None
            }
            Err(e) => {
                self.catalogue = base;
                self.rules_error = Some(e.to_string());
                Some(format!("Custom rules not loaded: {e}"))
            }
        }
    }
}
