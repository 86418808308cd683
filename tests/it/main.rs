//! Every integration test in one test binary, one module per former `tests/NAME.rs`
//! (issue #30): linking one binary against the library and its dependencies instead of
//! one per file is most of what a test build costs. `cargo test --test it MODULE::` runs
//! one file's tests (e.g. `cargo test --test it history::`); the helpers are
//! `tests/common/`, the fixtures `tests/fixtures/`, the GUI snapshots `tests/snapshots/`,
//! proptest's saved failures next to each module (`tests/it/NAME.proptest-regressions`).

#[path = "../common/mod.rs"]
mod common;

mod analysis_checklist;
mod analysis_entry_points;
mod analysis_named_things;
mod analysis_project;
mod analysis_rules;
mod analysis_sign_in_readings;
mod analysis_threads;
mod analysis_words;
mod authored_models;
mod authors_first;
mod ci_gate;
mod connections;
mod corpus_eval;
mod edit_inverse;
mod export_threat_composer;
mod gui;
mod history;
mod hostile;
mod import_otm;
mod import_template;
mod import_tm7;
mod inert_output;
mod interop;
mod layers;
mod layout_facts;
mod never_panic;
mod project_files;
mod report_pdf;
mod review_dates;
mod scene;
mod signed_signoff;
mod signoff_report;
mod snapshots_gui;
mod verify;
