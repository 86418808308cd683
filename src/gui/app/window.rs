//! The window itself: its title (the file's name, marked while the project has unsaved
//! changes) and closing it, which waits until unsaved work is dealt with.

use egui::ViewportCommand;

use super::Document;

#[derive(Default)]
pub(super) struct Window {
    /// The title last given to the window.
    title: String,
    /// Unsaved work was dealt with: closing goes ahead without asking.
    allow_close: bool,
    /// Close the window on the next frame.
    close_requested: bool,
}

impl Window {
    /// Gives the window the document's name, marked while it has unsaved changes.
    pub fn update_title(&mut self, ctx: &egui::Context, doc: &Document) {
        let title = format!(
            "{}{} — Threatboard",
            if doc.is_dirty() { "● " } else { "" },
            doc.display_name()
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// Closes the window on the next frame, without asking again.
    pub fn close(&mut self) {
        self.allow_close = true;
        self.close_requested = true;
    }

    /// Carries out a close asked for by [`Window::close`]; true when the user asked the
    /// window to close and the app has not yet agreed.
    pub fn close_asked(&mut self, ctx: &egui::Context) -> bool {
        let asked = ctx.input(|i| i.viewport().close_requested()) && !self.allow_close;
        if self.close_requested {
            self.close_requested = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        asked
    }
}
