//! The command palette (Ctrl+Shift+P): every command by its label, filtered as the user
//! types, run with Enter or a click.

use egui::Key;

use crate::gui::commands::Command;

/// The palette while it is open: what is typed and the command highlighted.
#[derive(Debug, Default)]
pub(super) struct CommandPalette {
    query: String,
    index: usize,
}

/// What the palette did this frame.
pub(super) enum PaletteOutcome {
    /// Still open.
    Open,
    /// Closed without a command (Escape).
    Closed,
    /// Closed by choosing this command.
    Run(Command),
}

impl CommandPalette {
    pub fn show(&mut self, ctx: &egui::Context) -> PaletteOutcome {
        let Self { query, index } = self;
        let commands: Vec<Command> = Command::all()
            .into_iter()
            .filter(|c| c.in_palette())
            .filter(|c| c.label().to_lowercase().contains(&query.to_lowercase()))
            .collect();
        let mut run = None;
        let mut close = false;
        egui::Modal::new(egui::Id::new("command-palette")).show(ctx, |ui| {
            ui.set_width(360.0);
            let label = ui.label("Command");
            let r = ui
                .add(egui::TextEdit::singleline(query).hint_text("Type a command…"))
                .labelled_by(label.id);
            r.request_focus();
            if r.changed() {
                *index = 0;
            }
            ui.input(|i| {
                if i.key_pressed(Key::ArrowDown) {
                    *index = (*index + 1).min(commands.len().saturating_sub(1));
                }
                if i.key_pressed(Key::ArrowUp) {
                    *index = index.saturating_sub(1);
                }
                if i.key_pressed(Key::Enter) {
                    run = commands.get(*index).copied();
                }
                if i.key_pressed(Key::Escape) {
                    close = true;
                }
            });
            for (i, c) in commands.iter().enumerate().take(12) {
                let mut text = c.label();
                if let Some(s) = c.shortcut() {
                    text = format!("{text}    {}", ui.ctx().format_shortcut(&s));
                }
                if ui.selectable_label(i == *index, text).clicked() {
                    run = Some(*c);
                }
            }
        });
        match (run, close) {
            (Some(c), _) => PaletteOutcome::Run(c),
            (None, true) => PaletteOutcome::Closed,
            (None, false) => PaletteOutcome::Open,
        }
    }
}
