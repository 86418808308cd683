//! The inspector: every property of the selection, or the project's metadata when nothing
//! is selected. Several selected elements or flows edit what they share; a change applies
//! to all of them as one undo step. Text is committed when the field loses focus, so a
//! typed rename is one step, not one per keystroke.
//!
//! One file, over 800 lines: one form per kind of thing (element kinds, flow, boundary,
//! note, project), sharing the multi-selection and commit-on-blur helpers.

use egui::{TextEdit, Ui};

use super::action::{Actions, AppAction};
use super::selection::{Item, Selection};
use crate::edit::Edit;
use crate::model::*;

/// A text field holding a draft while it has focus; returns the new text when the user
/// leaves it changed (one undo step per edit, not one per keystroke).
pub(super) fn text_field(
    ui: &mut Ui,
    label: &str,
    salt: &str,
    value: &str,
    multiline: bool,
) -> Option<String> {
    text_field_with(ui, label, salt, value, multiline, &[])
}

/// A text field with a "▾" menu of known values beside it (the protocols and technologies
/// the analysis reads); any text is still accepted.
fn text_field_with(
    ui: &mut Ui,
    label: &str,
    salt: &str,
    value: &str,
    multiline: bool,
    suggestions: &[&str],
) -> Option<String> {
    let id = ui.make_persistent_id((label, salt));
    let focused = ui.memory(|m| m.has_focus(id));
    let mut draft: String = if focused {
        ui.data_mut(|d| d.get_temp::<String>(id))
            .unwrap_or_else(|| value.to_owned())
    } else {
        value.to_owned()
    };
    let label_resp = ui.label(label);
    let edit = if multiline {
        TextEdit::multiline(&mut draft).desired_rows(3)
    } else {
        TextEdit::singleline(&mut draft)
    };
    let mut picked: Option<String> = None;
    let resp = if suggestions.is_empty() {
        ui.add(edit.id(id).desired_width(f32::INFINITY))
    } else {
        ui.horizontal(|ui| {
            let w = (ui.available_width() - 30.0).max(60.0);
            let r = ui.add(edit.id(id).desired_width(w));
            let menu = ui.menu_button("▾", |ui| {
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        for v in suggestions {
                            if ui.button(*v).clicked() {
                                picked = Some((*v).to_owned());
                                ui.close();
                            }
                        }
                    });
            });
            let name = format!("Known values for {}", label.to_lowercase());
            menu.response
                .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &name));
            let _ = menu
                .response
                .on_hover_text("Values the analysis recognises; type your own in the field");
            r
        })
        .inner
    }
    .labelled_by(label_resp.id);
    if let Some(v) = picked {
        ui.data_mut(|d| d.remove::<String>(id));
        return (v != value).then_some(v);
    }
    if resp.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, draft.clone()));
    }
    if resp.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
        if draft != value {
            return Some(draft);
        }
    }
    None
}

/// A checkbox over several items: shows the first's value, sets all.
fn bool_prop<T: Clone>(
    ui: &mut Ui,
    label: &str,
    items: &[T],
    get: impl Fn(&T) -> bool,
    set: impl Fn(&mut T, bool),
) -> Option<Vec<T>> {
    let first = get(items.first()?);
    let mixed = items.iter().any(|i| get(i) != first);
    let mut v = first;
    let text = if mixed {
        format!("{label} (mixed)")
    } else {
        label.to_owned()
    };
    if ui.checkbox(&mut v, text).changed() {
        return Some(
            items
                .iter()
                .cloned()
                .map(|mut i| {
                    set(&mut i, v);
                    i
                })
                .collect(),
        );
    }
    None
}

/// A drop-down over several items.
fn enum_prop<T: Clone, V: PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    items: &[T],
    options: &[(V, &str)],
    get: impl Fn(&T) -> V,
    set: impl Fn(&mut T, V),
) -> Option<Vec<T>> {
    let first = get(items.first()?);
    let current = options
        .iter()
        .find(|(v, _)| *v == first)
        .map_or("?", |(_, l)| *l);
    let mut chosen: Option<V> = None;
    super::combo(ui, label, current, |ui| {
        for (v, l) in options {
            if ui.selectable_label(*v == first, *l).clicked() && *v != first {
                chosen = Some(v.clone());
            }
        }
    });
    let v = chosen?;
    Some(
        items
            .iter()
            .cloned()
            .map(|mut i| {
                set(&mut i, v.clone());
                i
            })
            .collect(),
    )
}

fn text_prop<T: Clone>(
    ui: &mut Ui,
    label: &str,
    salt: &str,
    items: &[T],
    multiline: bool,
    get: impl Fn(&T) -> &str,
    set: impl Fn(&mut T, String),
) -> Option<Vec<T>> {
    text_prop_with(ui, label, salt, items, multiline, &[], get, set)
}

#[allow(clippy::too_many_arguments)]
fn text_prop_with<T: Clone>(
    ui: &mut Ui,
    label: &str,
    salt: &str,
    items: &[T],
    multiline: bool,
    suggestions: &[&str],
    get: impl Fn(&T) -> &str,
    set: impl Fn(&mut T, String),
) -> Option<Vec<T>> {
    let first = get(items.first()?).to_owned();
    let new = text_field_with(ui, label, salt, &first, multiline, suggestions)?;
    Some(
        items
            .iter()
            .cloned()
            .map(|mut i| {
                set(&mut i, new.clone());
                i
            })
            .collect(),
    )
}

const CLASSES: &[(DataClass, &str)] = &[
    (DataClass::Unspecified, "Unspecified"),
    (DataClass::Public, "Public"),
    (DataClass::Internal, "Internal"),
    (DataClass::Confidential, "Confidential"),
    (DataClass::Secret, "Secret"),
];

/// The kinds of sensitive data beside the classification (personal, payment, health,
/// credentials, keys): one box each, over every selected item.
fn categories_prop<T: Clone>(
    ui: &mut Ui,
    items: &[T],
    get: impl Fn(&T) -> Vec<DataCategory>,
    set: impl Fn(&mut T, Vec<DataCategory>),
) -> Option<Vec<T>> {
    let mut changed = None;
    ui.label("Kinds of data");
    ui.horizontal_wrapped(|ui| {
        for c in DataCategory::ALL {
            if let Some(v) = bool_prop(
                ui,
                c.label(),
                items,
                |i| get(i).contains(&c),
                |i, on| {
                    let mut kinds = get(i);
                    kinds.retain(|k| *k != c);
                    if on {
                        kinds.push(c);
                        kinds.sort();
                    }
                    set(i, kinds);
                },
            ) {
                changed = Some(v);
            }
        }
    });
    changed
}

fn process(e: &Element) -> ProcessProps {
    match &e.props {
        ElementProps::Process(p) => p.clone(),
        _ => ProcessProps::default(),
    }
}

fn with_process(e: &mut Element, f: impl FnOnce(&mut ProcessProps)) {
    if let ElementProps::Process(p) = &mut e.props {
        f(p);
    }
}

fn store(e: &Element) -> DataStoreProps {
    match &e.props {
        ElementProps::DataStore(p) => p.clone(),
        _ => DataStoreProps::default(),
    }
}

fn with_store(e: &mut Element, f: impl FnOnce(&mut DataStoreProps)) {
    if let ElementProps::DataStore(p) = &mut e.props {
        f(p);
    }
}

fn entity(e: &Element) -> ExternalEntityProps {
    match &e.props {
        ElementProps::ExternalEntity(p) => p.clone(),
        _ => ExternalEntityProps::default(),
    }
}

fn with_entity(e: &mut Element, f: impl FnOnce(&mut ExternalEntityProps)) {
    if let ElementProps::ExternalEntity(p) = &mut e.props {
        f(p);
    }
}

macro_rules! flags {
    ($ui:expr, $items:expr, $changed:expr, $get:ident, $with:ident, [$(($label:literal, $field:ident)),* $(,)?]) => {
        $(
            if let Some(v) = bool_prop($ui, $label, $items, |e| $get(e).$field, |e, v| $with(e, |p| p.$field = v)) {
                $changed = Some(v);
            }
        )*
    };
}

fn element_props(ui: &mut Ui, items: &[Element], salt: &str) -> Option<Vec<Element>> {
    let mut changed: Option<Vec<Element>> = None;
    let kind = items.first()?.kind();
    let same_kind = items.iter().all(|e| e.kind() == kind);
    if items.len() == 1 {
        if let Some(v) = text_prop(
            ui,
            "Name",
            salt,
            items,
            false,
            |e| &e.name,
            |e, s| e.name = s,
        ) {
            changed = Some(v);
        }
        if let Some(v) = text_prop(
            ui,
            "Description",
            salt,
            items,
            true,
            |e| &e.description,
            |e, s| e.description = s,
        ) {
            changed = Some(v);
        }
    }
    if let Some(v) = text_prop_with(
        ui,
        "Technology",
        salt,
        items,
        false,
        crate::analysis::vocab::TECHNOLOGIES,
        |e| &e.technology,
        |e, s| e.technology = s,
    ) {
        changed = Some(v);
    }
    if let Some(v) = bool_prop(
        ui,
        "Out of scope",
        items,
        |e| e.out_of_scope,
        |e, v| e.out_of_scope = v,
    ) {
        changed = Some(v);
    }
    if items.iter().any(|e| e.out_of_scope) {
        if let Some(v) = text_prop(
            ui,
            "Reason out of scope",
            salt,
            items,
            true,
            |e| &e.out_of_scope_reason,
            |e, s| e.out_of_scope_reason = s,
        ) {
            changed = Some(v);
        }
    }
    if !same_kind {
        ui.weak("Select elements of one kind to edit their security properties together.");
        return changed;
    }
    ui.separator();
    ui.strong("Security properties");
    match kind {
        ElementKind::Process => {
            if let Some(v) = enum_prop(
                ui,
                "Code type",
                items,
                &[
                    (CodeType::Unspecified, "Unspecified"),
                    (CodeType::Managed, "Managed (memory-safe)"),
                    (CodeType::Unmanaged, "Unmanaged (C, C++)"),
                ],
                |e| process(e).code_type,
                |e, v| with_process(e, |p| p.code_type = v),
            ) {
                changed = Some(v);
            }
            let runs = [
                (RunsAs::Unspecified, "Unspecified"),
                (RunsAs::StandardUser, "Standard user"),
                (RunsAs::ServiceAccount, "Service account"),
                (RunsAs::Administrator, "Administrator"),
                (RunsAs::System, "root / SYSTEM"),
                (RunsAs::Kernel, "Kernel"),
            ];
            if let Some(v) = enum_prop(
                ui,
                "Runs as",
                items,
                &runs,
                |e| match process(e).runs_as {
                    RunsAs::Other(_) => RunsAs::Unspecified,
                    r => r,
                },
                |e, v| with_process(e, |p| p.runs_as = v),
            ) {
                changed = Some(v);
            }
            if let Some(v) = enum_prop(
                ui,
                "Isolation",
                items,
                &[
                    (Isolation::Unspecified, "Unspecified"),
                    (Isolation::None, "None"),
                    (Isolation::Sandbox, "Sandbox"),
                    (Isolation::Container, "Container"),
                    (Isolation::VirtualMachine, "Virtual machine"),
                ],
                |e| process(e).isolation,
                |e, v| with_process(e, |p| p.isolation = v),
            ) {
                changed = Some(v);
            }
            flags!(
                ui,
                items,
                changed,
                process,
                with_process,
                [
                    ("Authenticates callers", authenticates_callers),
                    ("Authorizes callers", authorizes_callers),
                    ("Custom authorization logic", custom_authorization),
                    ("Implements its own protocol", custom_protocol),
                    ("Sanitizes input", sanitizes_input),
                    ("Encodes output", sanitizes_output),
                    ("Audit logging", audit_logging),
                    ("Rate limited", rate_limited),
                    ("Handles secrets", handles_secrets),
                    ("Serves web pages", is_web_application),
                    ("Handles card payments", handles_card_payment),
                    ("Handles goods or services", handles_goods_or_services),
                    ("Executes dynamic code", executes_dynamic_code),
                ]
            );
        }
        ElementKind::DataStore => {
            let types = [
                (StoreType::Unspecified, "Unspecified"),
                (StoreType::Sql, "SQL database"),
                (StoreType::NoSql, "NoSQL database"),
                (StoreType::KeyValue, "Key-value store"),
                (StoreType::ObjectStorage, "Object storage"),
                (StoreType::FileSystem, "File system"),
                (StoreType::Cache, "Cache"),
                (StoreType::Queue, "Queue"),
                (StoreType::Cookie, "Cookie"),
                (StoreType::Registry, "Registry"),
            ];
            if let Some(v) = enum_prop(
                ui,
                "Store type",
                items,
                &types,
                |e| store(e).store_type,
                |e, v| with_store(e, |p| p.store_type = v),
            ) {
                changed = Some(v);
            }
            if let Some(v) = enum_prop(
                ui,
                "Data classification",
                items,
                CLASSES,
                |e| store(e).classification,
                |e, v| with_store(e, |p| p.classification = v),
            ) {
                changed = Some(v);
            }
            flags!(
                ui,
                items,
                changed,
                store,
                with_store,
                [
                    ("Stores credentials", stores_credentials),
                    ("Stores logs", stores_logs),
                    ("Encrypted at rest", encrypted_at_rest),
                    ("Signed", signed),
                    ("Backed up", backup),
                    ("Shared", shared),
                    ("Removable media", removable),
                    ("Stores inventory", stores_inventory),
                ]
            );
            // What kinds of data, after how it is kept (the flags above).
            if let Some(v) = categories_prop(
                ui,
                items,
                |e| store(e).data_categories,
                |e, v| with_store(e, |p| p.data_categories = v),
            ) {
                changed = Some(v);
            }
        }
        ElementKind::ExternalEntity => {
            if let Some(v) = enum_prop(
                ui,
                "Actor",
                items,
                &[
                    (Actor::Unspecified, "Unspecified"),
                    (Actor::Human, "Human"),
                    (Actor::System, "System"),
                ],
                |e| entity(e).actor,
                |e, v| with_entity(e, |p| p.actor = v),
            ) {
                changed = Some(v);
            }
            flags!(
                ui,
                items,
                changed,
                entity,
                with_entity,
                [
                    ("Authenticates itself", authenticates_itself),
                    ("Identity provider", identity_provider),
                    ("Third party", third_party),
                ]
            );
        }
    }
    changed
}

fn flow_props(ui: &mut Ui, project: &Project, items: &[Flow], salt: &str) -> Option<Vec<Flow>> {
    let mut changed: Option<Vec<Flow>> = None;
    if items.len() == 1 {
        let f = &items[0];
        let name = |id: &ElementId| {
            project
                .element(id)
                .map_or("?".to_owned(), |(_, e)| e.name.clone())
        };
        ui.label(format!("From {} to {}", name(&f.source), name(&f.target)));
        if ui.button("Reverse direction").clicked() {
            let mut r = f.clone();
            std::mem::swap(&mut r.source, &mut r.target);
            changed = Some(vec![r]);
        }
        if let Some(v) = text_prop(
            ui,
            "Name",
            salt,
            items,
            false,
            |f| &f.name,
            |f, s| f.name = s,
        ) {
            changed = Some(v);
        }
        if let Some(v) = text_prop(
            ui,
            "Description",
            salt,
            items,
            true,
            |f| &f.description,
            |f, s| f.description = s,
        ) {
            changed = Some(v);
        }
    }
    if let Some(v) = text_prop_with(
        ui,
        "Protocol",
        salt,
        items,
        false,
        crate::analysis::vocab::protocol_names(),
        |f| &f.protocol,
        |f, s| f.protocol = s,
    ) {
        changed = Some(v);
    }
    if let Some(v) = enum_prop(
        ui,
        "Data classification",
        items,
        CLASSES,
        |f| f.classification,
        |f, v| f.classification = v,
    ) {
        changed = Some(v);
    }
    if let Some(v) = categories_prop(
        ui,
        items,
        |f| f.data_categories.clone(),
        |f, v| f.data_categories = v,
    ) {
        changed = Some(v);
    }
    let payloads = [
        (Payload::Unspecified, "Unspecified"),
        (Payload::Json, "JSON"),
        (Payload::Xml, "XML"),
        (Payload::Html, "HTML"),
        (Payload::Form, "Form data"),
        (Payload::Binary, "Binary"),
        (Payload::File, "Files"),
        (Payload::Sql, "SQL"),
        (Payload::Text, "Text"),
    ];
    if let Some(v) = enum_prop(
        ui,
        "Payload",
        items,
        &payloads,
        |f| f.payload,
        |f, v| f.payload = v,
    ) {
        changed = Some(v);
    }
    macro_rules! flow_flags {
        ($(($label:literal, $field:ident)),* $(,)?) => {
            $(
                if let Some(v) = bool_prop(ui, $label, items, |f| f.$field, |f, v| f.$field = v) {
                    changed = Some(v);
                }
            )*
        };
    }
    flow_flags!(
        ("Bidirectional", bidirectional),
        ("Encrypted in transit", encrypted),
        ("Integrity protected", integrity_protected),
        ("Authenticates source", authenticates_source),
        ("Authenticates destination", authenticates_destination),
        ("Public network", public_network),
        ("Contains cookies", contains_cookies),
        ("CSRF protected", csrf_protected),
        ("Out of scope", out_of_scope),
    );
    if items.iter().any(|f| f.out_of_scope) {
        if let Some(v) = text_prop(
            ui,
            "Reason out of scope",
            salt,
            items,
            true,
            |f| &f.out_of_scope_reason,
            |f, s| f.out_of_scope_reason = s,
        ) {
            changed = Some(v);
        }
    }
    changed
}

fn lines(v: &[String]) -> String {
    v.join("\n")
}

fn from_lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn project_props(ui: &mut Ui, project: &Project, diagram: &Diagram) -> Option<Edit> {
    ui.heading("Project");
    let m = &project.meta;
    let mut meta = m.clone();
    let mut changed = false;
    let mut field = |ui: &mut Ui, label: &str, value: &mut String, multiline: bool| {
        if let Some(v) = text_field(ui, label, "project", value, multiline) {
            *value = v;
            changed = true;
        }
    };
    field(ui, "Title", &mut meta.title, false);
    field(ui, "Owner", &mut meta.owner, false);
    field(ui, "Version", &mut meta.version_label, false);
    field(ui, "Date (YYYY-MM-DD)", &mut meta.date, false);
    field(ui, "Description", &mut meta.description, true);
    field(ui, "Scope", &mut meta.scope, true);
    let mut assumptions = lines(&m.assumptions);
    field(ui, "Assumptions (one per line)", &mut assumptions, true);
    meta.assumptions = from_lines(&assumptions);
    let mut deps = lines(&m.external_dependencies);
    field(ui, "External dependencies (one per line)", &mut deps, true);
    meta.external_dependencies = from_lines(&deps);
    let mut reviewers = m
        .reviewers
        .iter()
        .map(|r| {
            if r.role.is_empty() {
                r.name.clone()
            } else {
                format!("{} — {}", r.name, r.role)
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    field(
        ui,
        "Reviewers (name — role, one per line)",
        &mut reviewers,
        true,
    );
    meta.reviewers = from_lines(&reviewers)
        .into_iter()
        .map(
            |l| match l.split_once('—').or_else(|| l.split_once(" - ")) {
                Some((n, r)) => Reviewer {
                    name: n.trim().to_owned(),
                    role: r.trim().to_owned(),
                },
                None => Reviewer {
                    name: l,
                    role: String::new(),
                },
            },
        )
        .collect();
    ui.separator();
    let mut edit = None;
    if let Some(name) = text_field(
        ui,
        "Diagram name",
        diagram.id.as_str(),
        &diagram.name,
        false,
    ) {
        edit = Some(Edit::RenameDiagram {
            id: diagram.id.clone(),
            name,
        });
    }
    if changed && meta != *m {
        return Some(Edit::SetMeta(Box::new(meta)));
    }
    edit
}

/// Shows the inspector and returns the edit the user made, if any.
/// What the analysis read from the element's or flow's words and from what reaches it,
/// each fact with where it came from ("inferred from the name ‘Users DB’"), so a surprising
/// threat can be traced to a word and corrected by setting the property. Worked out only
/// while the section is open, once per revision of the project (not on every frame: the
/// facts of a diagram of 1,000 elements take milliseconds).
fn read_facts(ui: &mut Ui, project: &Project, id: &str, revision: u64) {
    ui.collapsing("What the analysis read", |ui| {
        type Cached = (u64, std::sync::Arc<Vec<crate::analysis::InferredFact>>);
        let key = egui::Id::new(("what-the-analysis-read", id));
        let cached = ui.ctx().data(|d| d.get_temp::<Cached>(key));
        let facts = match cached {
            Some((at, facts)) if at == revision => facts,
            _ => {
                let facts = std::sync::Arc::new(crate::analysis::facts_of(project, id));
                ui.ctx()
                    .data_mut(|d| d.insert_temp(key, (revision, facts.clone())));
                facts
            }
        };
        if facts.is_empty() {
            ui.weak("Nothing beyond the properties above.");
        }
        for f in facts.iter() {
            ui.label(format!("{}: {}", f.kind, f.fact))
                .on_hover_text(if f.set_in_model {
                    "Set in the model: it wins over anything inferred"
                } else {
                    "Inferred: set the property to correct it"
                });
            ui.weak(format!("  {}", f.source));
        }
    });
}

/// The properties of the selection (the project's when nothing is selected); a change
/// goes into `actions` as one edit.
/// `revision` is the project's: what the analysis read is worked out again only when it
/// changes.
pub fn show(
    ui: &mut Ui,
    project: &Project,
    diagram: &Diagram,
    selection: &Selection,
    verification: Option<&crate::evidence::Verification>,
    revision: u64,
    actions: &mut Actions,
) {
    if let Some(edit) = form(ui, project, diagram, selection, verification, revision) {
        actions.push(AppAction::Apply(edit));
    }
}

/// The form of [`show`]; the change made in it this frame as one edit.
fn form(
    ui: &mut Ui,
    project: &Project,
    diagram: &Diagram,
    selection: &Selection,
    verification: Option<&crate::evidence::Verification>,
    revision: u64,
) -> Option<Edit> {
    let salt: String = selection
        .0
        .iter()
        .map(Item::id)
        .collect::<Vec<_>>()
        .join(",");
    if selection.is_empty() {
        return project_props(ui, project, diagram);
    }
    let elements: Vec<Element> = selection
        .elements()
        .filter_map(|id| diagram.element(id).cloned())
        .collect();
    let flows: Vec<Flow> = selection
        .flows()
        .filter_map(|id| diagram.flow(id).cloned())
        .collect();
    let boundaries: Vec<Boundary> = selection
        .0
        .iter()
        .filter_map(|i| match i {
            Item::Boundary(b) => diagram.boundary(b).cloned(),
            _ => None,
        })
        .collect();
    let notes: Vec<Note> = selection
        .0
        .iter()
        .filter_map(|i| match i {
            Item::Note(n) => diagram.notes.iter().find(|x| &x.id == n).cloned(),
            _ => None,
        })
        .collect();
    let mut edits = Vec::new();
    if !elements.is_empty() {
        let title = if elements.len() == 1 {
            elements[0].kind().label().to_owned()
        } else {
            format!("{} elements", elements.len())
        };
        ui.heading(title);
        if let Some(changed) = element_props(ui, &elements, &salt) {
            edits.extend(
                changed
                    .into_iter()
                    .map(|e| Edit::UpdateElement(Box::new(e))),
            );
        }
        if let [e] = elements.as_slice() {
            read_facts(ui, project, e.id.as_str(), revision);
            let findings: Vec<&crate::evidence::ImplementationFinding> = verification
                .map(|v| v.findings_on(e.id.as_str()).collect())
                .unwrap_or_default();
            edits.extend(super::controls::element_section(ui, e, &findings));
        }
    }
    if !flows.is_empty() {
        ui.separator();
        ui.heading(if flows.len() == 1 {
            "Data flow".to_owned()
        } else {
            format!("{} data flows", flows.len())
        });
        if let Some(changed) = flow_props(ui, project, &flows, &salt) {
            edits.extend(changed.into_iter().map(|f| Edit::UpdateFlow(Box::new(f))));
        }
        if let [f] = flows.as_slice() {
            read_facts(ui, project, f.id.as_str(), revision);
        }
    }
    if boundaries.len() == 1 {
        ui.separator();
        ui.heading("Trust boundary");
        let b = &boundaries[0];
        if let Some(v) = text_prop(
            ui,
            "Name",
            &salt,
            &boundaries,
            false,
            |b| &b.name,
            |b, s| b.name = s,
        ) {
            edits.extend(v.into_iter().map(|b| Edit::UpdateBoundary(Box::new(b))));
        }
        if let Some(v) = text_prop(
            ui,
            "Description",
            &salt,
            &boundaries,
            true,
            |b| &b.description,
            |b, s| b.description = s,
        ) {
            edits.extend(v.into_iter().map(|b| Edit::UpdateBoundary(Box::new(b))));
        }
        // "Third party" is an organisation boundary that encloses another organisation's
        // systems (the model's `third_party` flag, which the analysis reads).
        let types = [
            ((BoundaryType::Generic, false), "Generic"),
            ((BoundaryType::Internet, false), "Internet"),
            ((BoundaryType::Network, false), "Network zone"),
            ((BoundaryType::Machine, false), "Machine"),
            ((BoundaryType::Sandbox, false), "Sandbox / container"),
            ((BoundaryType::Kernel, false), "Kernel"),
            (
                (BoundaryType::Organization, false),
                "Organization / account",
            ),
            (
                (BoundaryType::Organization, true),
                "Third party (another organisation's systems)",
            ),
        ];
        if let Some(v) = enum_prop(
            ui,
            "Boundary type",
            &boundaries,
            &types,
            |b| {
                if b.third_party {
                    (BoundaryType::Organization, true)
                } else {
                    (b.boundary_type, false)
                }
            },
            |b, (t, third_party)| {
                b.boundary_type = t;
                b.third_party = third_party;
            },
        ) {
            edits.extend(v.into_iter().map(|b| Edit::UpdateBoundary(Box::new(b))));
        }
        let shape = match project.layout.boundaries.get(&b.id) {
            Some(BoundaryShape::Region(_)) => "A region: flows with one end inside cross it.",
            Some(BoundaryShape::Line(_)) => "A line: flows whose path meets it cross it.",
            None => "",
        };
        ui.weak(shape);
    }
    if notes.len() == 1 {
        ui.separator();
        ui.heading("Note");
        if let Some(v) = text_prop(
            ui,
            "Text",
            &salt,
            &notes,
            true,
            |n| &n.text,
            |n, s| n.text = s,
        ) {
            edits.extend(v.into_iter().map(Edit::UpdateNote));
        }
    }
    match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    }
}
