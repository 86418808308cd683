//! Workshop mode: presentation on a shared screen and a keyboard-driven walkthrough of
//! the threats, recording each decision with who made it and when.

use egui::{Key, RichText, Ui};

use super::action::{Actions, AppAction};
use super::threats::record_edit;
use crate::analysis::{Analysis, Finding};
use crate::edit::Edit;
use crate::model::*;

/// The walkthrough's keys, shown under the threat (in pieces short enough for rustfmt,
/// which leaves an expression with a longer literal unformatted).
const KEYS: &str = concat!(
    "→ next   ← back   ↓ next element   ",
    "M mitigated   I investigate   N not applicable   A accepted   T transferred   ",
    "Esc leave"
);

/// What the walk steps through: the threats the rules found, the STRIDE checklist's
/// questions, or both.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum WalkItems {
    #[default]
    Threats,
    Questions,
    Both,
}

/// The order of the walk: element by element (the diagram's order), or the most severe
/// first.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum WalkOrder {
    #[default]
    ByElement,
    BySeverity,
}

/// The walkthrough state (view state: never saved in the project).
#[derive(Debug, Default)]
pub struct Walkthrough {
    pub high_only: bool,
    pub undecided_only: bool,
    pub items: WalkItems,
    pub order: WalkOrder,
    /// → was pressed (or a decision recorded) on the last item: the card says the walk
    /// is over instead of silently staying put.
    pub at_end: bool,
    /// The threat on screen.
    pub current: Option<ThreatKey>,
    /// A decision being written.
    pub editing: Option<Decision>,
    /// Index of this workshop in `project.sessions`.
    pub session: usize,
    participants_draft: Option<String>,
    /// How the decisions' controls fare in the loaded evidence: a mitigation whose
    /// control fails is walked through again, with the scanner's word.
    pub verification: Option<std::sync::Arc<crate::evidence::Verification>>,
}

/// A decision being written in the workshop: the status chosen, the mitigation or
/// justification and who owns what follows from it.
#[derive(Debug, Clone)]
pub struct Decision {
    pub status: Status,
    pub text: String,
    pub owner: String,
    /// The text field takes the keyboard once, when the decision starts (then Tab can
    /// move to the owner).
    focus: bool,
}

fn in_scope(w: &Walkthrough, f: &Finding) -> bool {
    let kind = match w.items {
        WalkItems::Threats => !f.baseline,
        WalkItems::Questions => f.baseline,
        WalkItems::Both => true,
    };
    kind && (!w.high_only || f.severity >= Severity::High)
}

impl Walkthrough {
    /// A workshop on `project` starting `now` with `facilitator`: the walkthrough and the
    /// edit that records its session.
    pub fn begin(project: &Project, facilitator: &str, now: &str) -> (Self, Edit) {
        let mut sessions = project.sessions.clone();
        sessions.push(WorkshopSession {
            started: now.to_owned(),
            facilitator: facilitator.to_owned(),
            ..WorkshopSession::default()
        });
        let walk = Self {
            session: sessions.len() - 1,
            ..Self::default()
        };
        (walk, Edit::SetSessions(sessions))
    }

    /// The edit that records that the workshop ended `now` (`None` when its session is
    /// gone from `project`).
    pub fn end(&self, project: &Project, now: &str) -> Option<Edit> {
        let mut sessions = project.sessions.clone();
        sessions.get_mut(self.session)?.ended = now.to_owned();
        Some(Edit::SetSessions(sessions))
    }

    /// The findings the walkthrough steps through, in order: element by element, each
    /// one's threats before its checklist questions; or by severity, the most severe
    /// first (element by element within a severity).
    pub fn queue<'a>(&self, a: &'a Analysis) -> Vec<&'a Finding> {
        let wanted: Vec<&Finding> = a
            .findings
            .iter()
            .filter(|f| {
                in_scope(self, f)
                    && (!self.undecided_only
                        || f.status().is_open()
                        || self.control_failing(f).is_some()
                        || Some(&f.key) == self.current.as_ref())
            })
            .collect();
        let mut queue: Vec<&Finding> = Vec::with_capacity(wanted.len());
        for group in wanted.chunk_by(|x, y| x.subject() == y.subject()) {
            queue.extend(group.iter().filter(|f| !f.baseline));
            queue.extend(group.iter().filter(|f| f.baseline));
        }
        if self.order == WalkOrder::BySeverity {
            queue.sort_by_key(|f| std::cmp::Reverse(f.severity));
        }
        queue
    }

    /// The verification of a threat whose mitigation's control fails.
    fn control_failing(&self, f: &Finding) -> Option<&crate::evidence::ThreatVerification> {
        self.verification
            .as_deref()?
            .threat(&f.key)
            .filter(|t| t.state() == crate::evidence::ControlState::Failing)
    }

    /// "12 of 48 decided" over the items the walk covers (threats, questions or both;
    /// the high-only filter applies, the undecided-only one does not).
    pub fn progress(&self, a: &Analysis) -> (usize, usize) {
        let scope: Vec<&Finding> = a.findings.iter().filter(|f| in_scope(self, f)).collect();
        (
            scope.iter().filter(|f| !f.status().is_open()).count(),
            scope.len(),
        )
    }

    fn position(&self, queue: &[&Finding]) -> Option<usize> {
        let current = self.current.as_ref()?;
        queue.iter().position(|f| &f.key == current)
    }

    /// Moves by `delta` threats; past the last one the walk is at its end.
    pub fn step(&mut self, a: &Analysis, delta: isize) {
        let queue = self.queue(a);
        self.at_end = false;
        if queue.is_empty() {
            self.current = None;
            return;
        }
        let next = match self.position(&queue) {
            Some(i) => {
                self.at_end = delta > 0 && i as isize + delta >= queue.len() as isize;
                (i as isize + delta).clamp(0, queue.len() as isize - 1) as usize
            }
            None => 0,
        };
        self.current = Some(queue[next].key.clone());
    }

    /// Moves to the first threat of the next (or previous) element.
    pub fn step_element(&mut self, a: &Analysis, forward: bool) {
        let queue = self.queue(a);
        let Some(i) = self.position(&queue) else {
            self.step(a, 0);
            return;
        };
        let subject = queue[i].subject();
        let target = if forward {
            queue
                .iter()
                .skip(i)
                .find(|f| f.subject() != subject)
                .map(|f| f.subject().to_owned())
        } else {
            let before: Vec<&&Finding> = queue[..i]
                .iter()
                .filter(|f| f.subject() != subject)
                .collect();
            before.last().map(|f| f.subject().to_owned())
        };
        self.at_end = forward && target.is_none();
        if let Some(t) = target {
            if let Some(f) = queue.iter().find(|f| f.subject() == t) {
                self.current = Some(f.key.clone());
            }
        }
    }

    pub fn current<'a>(&self, a: &'a Analysis) -> Option<&'a Finding> {
        let key = self.current.as_ref()?;
        a.findings.iter().find(|f| &f.key == key)
    }

    /// Handles the walkthrough keys, pushing what they ask for into `out`. Call before
    /// other shortcuts.
    pub fn keys(&mut self, ctx: &egui::Context, a: &Analysis, out: &mut Actions) {
        if self.editing.is_some() {
            // Enter is handled by the card, after its text field has taken this frame's
            // typing: deciding here would record the text as it was before it.
            if ctx.input(|i| i.key_pressed(Key::Escape)) {
                self.editing = None;
            }
            return;
        }
        if ctx.text_edit_focused() {
            return;
        }
        let pressed = |k: Key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, k));
        let before = self.current.clone();
        if pressed(Key::ArrowRight) {
            self.step(a, 1);
        } else if pressed(Key::ArrowLeft) {
            self.step(a, -1);
        } else if pressed(Key::ArrowDown) {
            self.step_element(a, true);
        } else if pressed(Key::ArrowUp) {
            self.step_element(a, false);
        } else if pressed(Key::Escape) {
            out.push(AppAction::LeavePresentation);
        } else if let Some(status) = ctx.input_mut(|i| take_decision_key(&mut i.events)) {
            if let Some(f) = self.current(a) {
                let prefill = if status == Status::Mitigated {
                    f.record.mitigation.clone()
                } else {
                    f.record.justification.clone()
                };
                self.editing = Some(Decision {
                    status,
                    text: prefill,
                    owner: f.record.owner.clone(),
                    focus: true,
                });
                // The field takes what is typed after the key in this same frame.
                ctx.memory_mut(|m| m.request_focus(egui::Id::new(DECISION_FIELD)));
            }
        }
        if self.current != before {
            if let Some(f) = self.current(a) {
                out.push(AppAction::Focus(f.subject().to_owned()));
            }
        }
    }

    /// Records the decision being written and moves to the next threat.
    fn commit(
        &mut self,
        project: &Project,
        a: &Analysis,
        facilitator: &str,
        now: &str,
    ) -> Option<Edit> {
        let Decision {
            status,
            text,
            owner,
            ..
        } = self.editing.clone()?;
        let f = self.current(a)?.clone();
        if status.needs_reason() && !crate::model::has_words(&text) {
            return None; // the field says a reason is needed
        }
        self.editing = None;
        let mut record = (*f.record).clone();
        record.status = status;
        if status == Status::Mitigated {
            record.mitigation = text.trim().to_owned();
        } else {
            record.justification = text.trim().to_owned();
        }
        record.owner = owner.trim().to_owned();
        record.decided_by = facilitator.to_owned();
        record.decided_at = now.to_owned();
        let edit = record_edit(project, &f, record)?;
        self.step(a, 1);
        Some(edit)
    }

    /// The top bar: progress, filters, participants.
    pub fn top_bar(&mut self, ui: &mut Ui, project: &Project, a: &Analysis, out: &mut Actions) {
        let (decided, total) = self.progress(a);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&project.meta.title).strong().size(20.0));
            ui.separator();
            ui.label(RichText::new(format!("{decided} of {total} decided")).size(20.0));
            ui.separator();
            let filters = (self.items, self.order, self.high_only, self.undecided_only);
            ui.label("Walk");
            ui.selectable_value(&mut self.items, WalkItems::Threats, "Threats");
            ui.selectable_value(&mut self.items, WalkItems::Questions, "Questions");
            ui.selectable_value(&mut self.items, WalkItems::Both, "Both");
            ui.separator();
            ui.selectable_value(&mut self.order, WalkOrder::ByElement, "By element");
            ui.selectable_value(&mut self.order, WalkOrder::BySeverity, "By severity");
            ui.separator();
            ui.checkbox(&mut self.high_only, "High and critical only");
            ui.checkbox(&mut self.undecided_only, "Undecided only");
            ui.separator();
            // Another choice of items: stay on the current one if it is still walked,
            // else start at the first.
            if filters != (self.items, self.order, self.high_only, self.undecided_only) {
                let before = self.current.clone();
                self.step(a, 0);
                if self.current != before {
                    if let Some(f) = self.current(a) {
                        out.push(AppAction::Focus(f.subject().to_owned()));
                    }
                }
            }
            if let Some(session) = project.sessions.get(self.session) {
                let current = session.participants.join(", ");
                let focused_id = ui.make_persistent_id("participants");
                let focused = ui.memory(|m| m.has_focus(focused_id));
                let mut draft = if focused {
                    self.participants_draft.clone().unwrap_or(current.clone())
                } else {
                    current.clone()
                };
                let l = ui.label("Participants");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut draft)
                            .id(focused_id)
                            .hint_text("names, comma-separated")
                            .desired_width(180.0),
                    )
                    .labelled_by(l.id);
                if r.has_focus() {
                    self.participants_draft = Some(draft.clone());
                }
                if r.lost_focus() {
                    self.participants_draft = None;
                    if draft != current {
                        let mut sessions = project.sessions.clone();
                        sessions[self.session].participants = draft
                            .split(',')
                            .map(|p| p.trim().to_owned())
                            .filter(|p| !p.is_empty())
                            .collect();
                        out.push(AppAction::Apply(Edit::SetSessions(sessions)));
                    }
                }
                ui.weak(format!("facilitator {}", session.facilitator));
            }
            if ui.button("Leave (Esc)").clicked() {
                out.push(AppAction::LeavePresentation);
            }
        });
    }

    /// The current threat, large, with its decision keys and the field a decision is
    /// written in; Enter there records the decision (by `facilitator`, at `now`).
    pub fn card(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        a: &Analysis,
        facilitator: &str,
        now: &str,
        out: &mut Actions,
    ) {
        let Some(f) = self.current(a).cloned() else {
            ui.label(RichText::new("No threat matches the walkthrough filters.").size(22.0));
            return;
        };
        let mut enter = false;
        let sev_color = super::style::severity_color(f.severity);
        if self.at_end {
            let (decided, total) = self.progress(a);
            ui.label(
                RichText::new(format!(
                    "End of the walk — {decided} decided, {} open. Esc for the summary",
                    total - decided
                ))
                .strong()
                .size(22.0),
            );
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(f.severity.label().to_uppercase())
                        .color(sev_color)
                        .strong()
                        .size(20.0),
                );
                ui.label(
                    RichText::new(format!(
                        "{} · {} · {}",
                        f.category,
                        f.subject_name(),
                        f.status().label()
                    ))
                    .size(20.0),
                );
            });
            ui.label(RichText::new(&f.title).strong().size(28.0));
            // Why this severity, and what kind of item it is: a question from the STRIDE
            // checklist reads differently from a threat.
            let kind = if f.baseline {
                "Checklist question. "
            } else {
                ""
            };
            ui.label(
                RichText::new(format!("{kind}{}", f.severity_reason))
                    .color(sev_color)
                    .size(18.0),
            );
            if f.flows.len() > 1 {
                ui.label(
                    RichText::new(format!(
                        "On {} flows between the same two elements",
                        f.flows.len()
                    ))
                    .size(16.0),
                );
            }
            // A mitigation the pipeline shows failing is not done, whatever was decided.
            if let Some(tv) = self.control_failing(&f) {
                for c in tv
                    .controls
                    .iter()
                    .filter(|c| c.state == crate::evidence::ControlState::Failing)
                {
                    let first = c.failures.first().map_or(String::new(), |x| {
                        format!(": {} ({})", x.message.lines().next().unwrap_or(""), x.place)
                    });
                    ui.label(
                        RichText::new(format!(
                            "✖ Mitigation failing in the pipeline — {}{first}",
                            c.control
                        ))
                        .color(crate::gui::style::ALERT)
                        .strong()
                        .size(18.0),
                    );
                }
            }
            // A decision past its review date is what the workshop should look at again.
            if f.record.due_for_review(&crate::report::today()) {
                ui.label(
                    RichText::new(format!(
                        "Due for review: {} until {}. Is it still right?",
                        f.status().label().to_lowercase(),
                        f.record.review_by.trim()
                    ))
                    .color(crate::gui::style::ALERT)
                    .strong()
                    .size(18.0),
                );
            }
            if let Some(Decision {
                status,
                text,
                owner,
                focus,
            }) = &mut self.editing
            {
                let label = if *status == Status::Mitigated {
                    "Mitigation"
                } else {
                    "Justification"
                };
                let l = ui.label(
                    RichText::new(format!(
                        "{} — {label} (Enter to record, Esc to cancel)",
                        status.label()
                    ))
                    .size(18.0),
                );
                // The fields take this frame's events up to the first Enter, so the
                // decision holds every character typed before it, however fast; Enter
                // records, Shift+Enter starts a new line (as in the editor's dialogs).
                let (text_id, owner_id) =
                    (egui::Id::new(DECISION_FIELD), egui::Id::new(OWNER_FIELD));
                let typing = ui.memory(|m| m.has_focus(text_id) || m.has_focus(owner_id));
                let after_enter = ui.input_mut(|i| split_after_enter(&mut i.events));
                let r = ui
                    .add(
                        egui::TextEdit::multiline(text)
                            .id(text_id)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY)
                            .font(egui::TextStyle::Heading)
                            .return_key(Some(egui::KeyboardShortcut::new(
                                egui::Modifiers::SHIFT,
                                Key::Enter,
                            ))),
                    )
                    .labelled_by(l.id);
                ui.horizontal(|ui| {
                    let l = ui.label(RichText::new("Owner").size(18.0));
                    ui.add(
                        egui::TextEdit::singleline(owner)
                            .id(owner_id)
                            .hint_text("who follows it up (Tab)")
                            .desired_width(320.0)
                            .font(egui::TextStyle::Heading),
                    )
                    .labelled_by(l.id);
                });
                if let Some(rest) = after_enter {
                    enter = typing;
                    ui.input_mut(|i| i.events.extend(rest));
                }
                if std::mem::take(focus) {
                    r.request_focus();
                }
                if status.needs_reason() && !crate::model::has_words(text) {
                    let needed = if *status == Status::Mitigated {
                        "Say how it is mitigated."
                    } else {
                        "A justification is required."
                    };
                    ui.colored_label(crate::gui::style::ALERT, needed);
                }
            } else {
                ui.label(RichText::new(KEYS).monospace().size(16.0));
            }
            ui.separator();
            ui.label(RichText::new(f.description()).size(18.0));
            let mitigations = f.suggested_mitigations();
            if !mitigations.is_empty() {
                ui.label(RichText::new("Suggested mitigations").strong().size(18.0));
                for m in mitigations {
                    ui.label(RichText::new(format!("• {m}")).size(18.0));
                }
            }
            if !f.references().is_empty() {
                ui.label(RichText::new(f.references().join("  ")).weak().size(16.0));
            }
            if !f.record.mitigation.is_empty() || !f.record.justification.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "Recorded: {} {}",
                        f.record.mitigation, f.record.justification
                    ))
                    .italics()
                    .size(16.0),
                );
            }
        });
        if enter {
            if let Some(edit) = self.commit(project, a, facilitator, now) {
                out.push(AppAction::Apply(edit));
                // The next threat's subject is brought into view, as → does.
                if let Some(next) = self.current(a) {
                    out.push(AppAction::Focus(next.subject().to_owned()));
                }
            }
        }
    }
}

/// The id of the field a decision is written in, and of its owner field.
const DECISION_FIELD: &str = "walk-decision";
const OWNER_FIELD: &str = "walk-owner";

/// The keys that start a decision.
const DECISION_KEYS: [(Key, Status); 5] = [
    (Key::M, Status::Mitigated),
    (Key::I, Status::NeedsInvestigation),
    (Key::N, Status::NotApplicable),
    (Key::A, Status::Accepted),
    (Key::T, Status::Transferred),
];

fn decision_key(e: &egui::Event) -> Option<Status> {
    match e {
        egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } if modifiers.matches_logically(egui::Modifiers::NONE) => DECISION_KEYS
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, s)| *s),
        _ => None,
    }
}

/// Takes the first decision key pressed this frame out of `events`, with the text typed
/// before it and the letter it typed itself: what follows it is the decision's text.
fn take_decision_key(events: &mut Vec<egui::Event>) -> Option<Status> {
    let at = events.iter().position(|e| decision_key(e).is_some())?;
    let status = decision_key(&events[at])?;
    let letter = match &events[at] {
        egui::Event::Key { key, .. } => key.name(),
        _ => "",
    };
    let mut rest = events.split_off(at + 1);
    events.truncate(at);
    events.retain(|e| !matches!(e, egui::Event::Text(_)));
    if let Some(own) = rest.iter().position(|e| matches!(e, egui::Event::Text(_))) {
        if matches!(&rest[own], egui::Event::Text(t) if t.eq_ignore_ascii_case(letter)) {
            rest.remove(own);
        }
    }
    events.append(&mut rest);
    Some(status)
}

/// Cuts `events` after the first Enter pressed without Shift and returns what followed it
/// (None without such an Enter): the characters typed after Enter in the same frame are
/// not part of the decision it records.
fn split_after_enter(events: &mut Vec<egui::Event>) -> Option<Vec<egui::Event>> {
    let at = events.iter().position(|e| {
        matches!(
            e,
            egui::Event::Key { key: Key::Enter, pressed: true, modifiers, .. } if !modifiers.shift
        )
    })?;
    Some(events.split_off(at + 1))
}
