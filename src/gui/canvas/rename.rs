//! Renaming in place: the text field over the renamed element, flow, boundary or note.

use egui::{Key, Pos2, Vec2};

use super::{Canvas, Rename, View};
use crate::edit::Edit;
use crate::gui::graph::{self, to_pos2};
use crate::gui::selection::Item;
use crate::model::{Boundary, BoundaryShape, Diagram, Element, Flow, Note, Project};
use crate::scene;

impl Canvas {
    /// The in-place rename field; returns the edit when the user confirms.
    pub(super) fn rename_editor(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        diagram: &Diagram,
        view: View,
    ) -> Option<Edit> {
        let rename = self.rename.as_mut()?;
        let anchor = match &rename.item {
            Item::Element(id) => project
                .layout
                .elements
                .get(id)
                .map(|r| view.to_screen(to_pos2(r.center()))),
            Item::Note(id) => project
                .layout
                .notes
                .get(id)
                .map(|r| view.to_screen(Pos2::new(r.x, r.y))),
            Item::Boundary(id) => match project.layout.boundaries.get(id) {
                Some(BoundaryShape::Region(r)) => Some(view.to_screen(Pos2::new(r.x, r.y))),
                Some(BoundaryShape::Line(pts)) => {
                    Some(view.to_screen(to_pos2(scene::midpoint(pts))))
                }
                None => None,
            },
            Item::Flow(id) => self.built.as_ref().and_then(|(b, _, _)| {
                let f = diagram.flow(id)?;
                let (na, nb) = (
                    b.graph.node(*b.node_of.get(&f.source)?)?,
                    b.graph.node(*b.node_of.get(&f.target)?)?,
                );
                let e = b.graph.edge(*b.edge_of.get(id)?)?;
                Some(view.to_screen(to_pos2(graph::edge_route(na, nb, e.payload()).label)))
            }),
        };
        let Some(anchor) = anchor else {
            self.rename = None;
            return None;
        };
        let multiline = matches!(rename.item, Item::Note(_));
        let mut commit = false;
        let mut cancel = false;
        egui::Area::new(egui::Id::new("rename-in-place"))
            .fixed_pos(anchor - Vec2::new(90.0, 12.0))
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    let edit = if multiline {
                        egui::TextEdit::multiline(&mut rename.text).desired_rows(3)
                    } else {
                        egui::TextEdit::singleline(&mut rename.text)
                    };
                    let mut out = edit.desired_width(180.0).hint_text("Name").show(ui);
                    let r = out.response.response.clone();
                    r.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Rename")
                    });
                    if !rename.focused {
                        // Like renaming a file: focused with the whole name selected, so
                        // typing replaces it and an arrow key keeps it.
                        r.request_focus();
                        out.state.cursor.set_char_range(Some(
                            egui::text::CCursorRange::select_all(&out.galley),
                        ));
                        out.state.store(ui.ctx(), r.id);
                        rename.focused = true;
                    }
                    if ui.input(|i| i.key_pressed(Key::Escape)) {
                        cancel = true;
                    } else if r.lost_focus() {
                        commit = true;
                    }
                });
            });
        if cancel {
            self.rename = None;
            return None;
        }
        if !commit {
            return None;
        }
        let Rename { item, text, .. } = self.rename.take()?;
        let text = if multiline {
            text
        } else {
            text.trim().to_owned()
        };
        match item {
            Item::Element(id) => {
                let (_, e) = project.element(&id)?;
                (e.name != text).then(|| {
                    Edit::UpdateElement(Box::new(Element {
                        name: text,
                        ..e.clone()
                    }))
                })
            }
            Item::Flow(id) => {
                let (_, f) = project.flow(&id)?;
                (f.name != text).then(|| {
                    Edit::UpdateFlow(Box::new(Flow {
                        name: text,
                        ..f.clone()
                    }))
                })
            }
            Item::Boundary(id) => {
                let b = diagram.boundary(&id)?;
                (b.name != text).then(|| {
                    Edit::UpdateBoundary(Box::new(Boundary {
                        name: text,
                        ..b.clone()
                    }))
                })
            }
            Item::Note(id) => {
                let n = diagram.notes.iter().find(|n| n.id == id)?;
                (n.text != text).then_some(Edit::UpdateNote(Note { id, text }))
            }
        }
    }
}
