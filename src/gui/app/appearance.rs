//! Theme and interface scale: handed to egui when the preferences change them (the View
//! menu, Ctrl+= and Ctrl+-), not every frame.

use crate::gui::style::Theme;

/// The theme and scale egui was last given.
#[derive(Default)]
pub(super) struct Appearance {
    applied: Option<(Option<Theme>, f32)>,
}

impl Appearance {
    /// Applies `theme` (`None` follows the system's light or dark setting) and `scale`
    /// when they differ from what was applied; true when they did.
    pub fn apply(&mut self, ctx: &egui::Context, theme: Option<Theme>, scale: f32) -> bool {
        let wanted = (theme, scale);
        if self.applied == Some(wanted) {
            return false;
        }
        match wanted.0 {
            Some(theme) => ctx.set_visuals(theme.visuals()),
            None if self.applied.is_some_and(|(t, _)| t.is_some()) => {
                ctx.set_theme(egui::ThemePreference::System);
            }
            None => {}
        }
        ctx.set_zoom_factor(wanted.1);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        self.applied = Some(wanted);
        true
    }
}
