//! One command enum feeds the menus, the keyboard shortcuts and the command palette.

use super::style::Theme;
use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::ElementKind;

/// A canvas tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tool {
    Select,
    Element(ElementKind),
    Connect,
    Region,
    Line,
    Note,
}

impl Tool {
    pub const ALL: [Tool; 8] = [
        Tool::Select,
        Tool::Element(ElementKind::Process),
        Tool::Element(ElementKind::DataStore),
        Tool::Element(ElementKind::ExternalEntity),
        Tool::Connect,
        Tool::Region,
        Tool::Line,
        Tool::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tool::Select => "Select",
            Tool::Element(ElementKind::Process) => "Process",
            Tool::Element(ElementKind::DataStore) => "Data store",
            Tool::Element(ElementKind::ExternalEntity) => "External entity",
            Tool::Connect => "Data flow",
            Tool::Region => "Trust boundary",
            Tool::Line => "Boundary line",
            Tool::Note => "Note",
        }
    }

    pub fn key(self) -> Key {
        match self {
            Tool::Select => Key::V,
            Tool::Element(ElementKind::Process) => Key::P,
            Tool::Element(ElementKind::DataStore) => Key::D,
            Tool::Element(ElementKind::ExternalEntity) => Key::E,
            Tool::Connect => Key::F,
            Tool::Region => Key::B,
            Tool::Line => Key::L,
            Tool::Note => Key::T,
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Tool::Select => "Select, move and resize; shift-drag on empty space to box-select",
            Tool::Element(_) => {
                "Click on the canvas to place it, or drag this button onto the canvas"
            }
            Tool::Connect => "Drag from one element to another to draw a data flow",
            Tool::Region => "Drag on the canvas to draw a trust boundary region",
            Tool::Line => "Drag on the canvas to draw a trust boundary line",
            Tool::Note => "Click on the canvas to place a note",
        }
    }
}

/// Defines [`Command`] and its list from one list of names, so a new command cannot be
/// left out of the menus' and the palette's list.
macro_rules! commands {
    ($($name:ident),* $(,)?) => {
        /// Every user action: menus, shortcuts, the command palette and buttons all run
        /// one of these through `ThreatboardApp::run`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Command {
            $($name,)*
            /// Export the project in another format.
            ExportAs(ExportKind),
            /// Set the colour scheme (`None`: follow the system).
            SetTheme(Option<Theme>),
            /// Open the n-th recent file.
            OpenRecent(u8),
            Tool(Tool),
        }

        impl Command {
            /// Every command, in menu order, derived from the enum's own list.
            pub fn all() -> Vec<Command> {
                let mut v = vec![$(Command::$name),*];
                v.extend(ExportKind::ALL.map(Command::ExportAs));
                v.push(Command::SetTheme(None));
                v.extend(Theme::ALL.map(|t| Command::SetTheme(Some(t))));
                v.extend(Tool::ALL.map(Command::Tool));
                v
            }
        }
    };
}

commands! {
    New,
    Open,
    OpenPath,
    Save,
    SaveAs,
    ExportPdf,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    Rename,
    Escape,
    ZoomToFit,
    ZoomIn,
    ZoomOut,
    ToggleSnap,
    Present,
    UiScaleUp,
    UiScaleDown,
    NewDiagram,
    CommandPalette,
    NudgeLeft,
    NudgeRight,
    NudgeUp,
    NudgeDown,
    TrustedFolders,
    SignOff,
    CompareSignOff,
    CompareWith,
    StopCompare,
    Import,
    LoadEvidence,
    ClearEvidence,
    AddBlockLibrary,
    UpdateBlocks,
    RenameDiagram,
    DuplicateDiagram,
    MoveDiagramLeft,
    MoveDiagramRight,
    DeleteDiagram,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

impl Command {
    pub fn label(self) -> String {
        match self {
            Command::New => "New".into(),
            Command::Open => "Open…".into(),
            Command::OpenPath => "Open by path…".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save as…".into(),
            Command::ExportPdf => "Export PDF report…".into(),
            Command::Quit => "Quit".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::Cut => "Cut".into(),
            Command::Copy => "Copy".into(),
            Command::Paste => "Paste".into(),
            Command::Duplicate => "Duplicate".into(),
            Command::Delete => "Delete".into(),
            Command::SelectAll => "Select all".into(),
            Command::Rename => "Rename".into(),
            Command::Escape => "Cancel".into(),
            Command::ZoomToFit => "Zoom to fit".into(),
            Command::ZoomIn => "Zoom in".into(),
            Command::ZoomOut => "Zoom out".into(),
            Command::ToggleSnap => "Snap to grid".into(),
            Command::Present => "Present and walk through threats".into(),
            Command::UiScaleUp => "Larger interface".into(),
            Command::UiScaleDown => "Smaller interface".into(),
            Command::NewDiagram => "New diagram".into(),
            Command::CommandPalette => "Command palette…".into(),
            Command::NudgeLeft => "Nudge left".into(),
            Command::NudgeRight => "Nudge right".into(),
            Command::NudgeUp => "Nudge up".into(),
            Command::NudgeDown => "Nudge down".into(),
            Command::TrustedFolders => "Trusted folders…".into(),
            Command::SignOff => "Sign off…".into(),
            Command::CompareSignOff => "Show changes since sign-off".into(),
            Command::CompareWith => "Compare with a file or git revision…".into(),
            Command::StopCompare => "Stop comparing".into(),
            Command::Import => "Import model…".into(),
            Command::LoadEvidence => "Load verification results…".into(),
            Command::ClearEvidence => "Clear verification results".into(),
            Command::AddBlockLibrary => "Add building-block library…".into(),
            Command::UpdateBlocks => "Take new building-block versions".into(),
            Command::RenameDiagram => "Rename diagram…".into(),
            Command::DuplicateDiagram => "Duplicate diagram".into(),
            Command::MoveDiagramLeft => "Move diagram left".into(),
            Command::MoveDiagramRight => "Move diagram right".into(),
            Command::DeleteDiagram => "Delete diagram".into(),
            Command::OpenRecent(i) => format!("Open recent file {}", i + 1),
            Command::ExportAs(kind) => format!("Export as {}", kind.label()),
            Command::SetTheme(None) => "Theme: follow the system".into(),
            Command::SetTheme(Some(t)) => format!("Theme: {}", t.label()),
            Command::Tool(t) => format!("Tool: {}", t.label()),
        }
    }

    /// The command's shortcut as menus and the palette show it: the first of
    /// [`Command::shortcuts`].
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.shortcuts().first().copied()
    }

    /// Every key that runs the command, the one shown first (Ctrl+Shift+Z, then Ctrl+Y for
    /// Redo).
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let k = |m, key| vec![KeyboardShortcut::new(m, key)];
        let two = |a: (Modifiers, Key), b: (Modifiers, Key)| {
            vec![
                KeyboardShortcut::new(a.0, a.1),
                KeyboardShortcut::new(b.0, b.1),
            ]
        };
        match self {
            Command::New => k(CMD, Key::N),
            Command::Open => k(CMD, Key::O),
            Command::OpenPath => Vec::new(),
            Command::Save => k(CMD, Key::S),
            Command::SaveAs => k(CMD_SHIFT, Key::S),
            Command::ExportPdf => k(CMD, Key::E),
            Command::Quit => k(CMD, Key::Q),
            Command::Undo => k(CMD, Key::Z),
            Command::Redo => two((CMD_SHIFT, Key::Z), (CMD, Key::Y)),
            Command::Cut => k(CMD, Key::X),
            Command::Copy => k(CMD, Key::C),
            Command::Paste => k(CMD, Key::V),
            Command::Duplicate => k(CMD, Key::D),
            Command::Delete => two(
                (Modifiers::NONE, Key::Delete),
                (Modifiers::NONE, Key::Backspace),
            ),
            Command::SelectAll => k(CMD, Key::A),
            Command::Rename => k(Modifiers::NONE, Key::F2),
            Command::Escape => k(Modifiers::NONE, Key::Escape),
            Command::ZoomToFit => k(Modifiers::SHIFT, Key::Num1),
            Command::ZoomIn
            | Command::ZoomOut
            | Command::TrustedFolders
            | Command::SignOff
            | Command::CompareSignOff
            | Command::CompareWith
            | Command::StopCompare
            | Command::Import
            | Command::LoadEvidence
            | Command::ClearEvidence
            | Command::AddBlockLibrary
            | Command::UpdateBlocks
            | Command::ExportAs(_)
            | Command::SetTheme(_)
            | Command::OpenRecent(_)
            | Command::RenameDiagram
            | Command::DuplicateDiagram
            | Command::MoveDiagramLeft
            | Command::MoveDiagramRight
            | Command::DeleteDiagram => Vec::new(),
            Command::Present => k(Modifiers::NONE, Key::F5),
            Command::UiScaleUp => two((CMD, Key::Plus), (CMD, Key::Equals)),
            Command::UiScaleDown => k(CMD, Key::Minus),
            Command::ToggleSnap => k(CMD, Key::G),
            Command::NewDiagram => k(CMD_SHIFT, Key::N),
            Command::CommandPalette => two((CMD, Key::K), (CMD_SHIFT, Key::P)),
            Command::NudgeLeft => k(Modifiers::NONE, Key::ArrowLeft),
            Command::NudgeRight => k(Modifiers::NONE, Key::ArrowRight),
            Command::NudgeUp => k(Modifiers::NONE, Key::ArrowUp),
            Command::NudgeDown => k(Modifiers::NONE, Key::ArrowDown),
            Command::Tool(t) => k(Modifiers::NONE, t.key()),
        }
    }

    /// Commands that act on the canvas and would steal keys from a text field.
    pub fn is_canvas_key(self) -> bool {
        matches!(
            self,
            Command::Delete
                | Command::SelectAll
                | Command::Cut
                | Command::Copy
                | Command::Paste
                | Command::Undo
                | Command::Redo
                | Command::Rename
                | Command::NudgeLeft
                | Command::NudgeRight
                | Command::NudgeUp
                | Command::NudgeDown
                | Command::Tool(_)
                | Command::Duplicate
        )
    }

    /// Shown in the command palette.
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Command::Escape
                | Command::NudgeLeft
                | Command::NudgeRight
                | Command::NudgeUp
                | Command::NudgeDown
                | Command::OpenRecent(_)
        )
    }
}

/// What File → Export writes (besides the PDF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    ThreatDragon,
    Otm,
    ThreatComposer,
    Csv,
    Markdown,
    Svg,
    Png,
    Session,
}

impl ExportKind {
    pub(crate) const ALL: [ExportKind; 7] = [
        ExportKind::ThreatDragon,
        ExportKind::Otm,
        ExportKind::ThreatComposer,
        ExportKind::Csv,
        ExportKind::Markdown,
        ExportKind::Svg,
        ExportKind::Png,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            ExportKind::ThreatDragon => "Threat Dragon model (JSON)…",
            ExportKind::Otm => "Open Threat Model (OTM JSON)…",
            ExportKind::ThreatComposer => "AWS Threat Composer (.tc.json)…",
            ExportKind::Csv => "Threats as CSV…",
            ExportKind::Markdown => "Threats as Markdown…",
            ExportKind::Svg => "Diagram as SVG…",
            ExportKind::Png => "Diagram as PNG…",
            ExportKind::Session => "Workshop summary (Markdown)…",
        }
    }

    pub(crate) fn extension(self) -> &'static str {
        match self {
            ExportKind::ThreatDragon => "json",
            ExportKind::Otm => "otm.json",
            ExportKind::ThreatComposer => "tc.json",
            ExportKind::Csv => "csv",
            ExportKind::Markdown => "md",
            ExportKind::Svg => "svg",
            ExportKind::Png => "png",
            ExportKind::Session => "md",
        }
    }
}

#[cfg(test)]
mod shortcut_tests {
    use super::*;

    #[test]
    fn a_second_key_is_a_shortcut_of_the_same_command() {
        let has = |c: Command, m: Modifiers, key: Key| {
            c.shortcuts().contains(&KeyboardShortcut::new(m, key))
        };
        assert!(has(Command::Redo, CMD, Key::Y));
        assert!(has(Command::Delete, Modifiers::NONE, Key::Backspace));
        assert!(has(Command::UiScaleUp, CMD, Key::Equals));
        assert!(has(Command::CommandPalette, CMD_SHIFT, Key::P));
        // The menus show the first.
        assert_eq!(
            Command::Redo.shortcut(),
            Some(KeyboardShortcut::new(CMD_SHIFT, Key::Z))
        );
    }

    #[test]
    fn no_key_runs_two_commands() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for c in Command::all() {
            for s in c.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(t, _)| *t == s) {
                    panic!("{s:?} runs both {other:?} and {c:?}");
                }
                seen.push((s, c));
            }
        }
    }
}
