//! The weight matrix of a plastic projection as a heat map, to watch learning reshape it.
//!
//! Rows are source neurons, columns target neurons; a cell's brightness is its weight between
//! the matrix's smallest and largest weight (given under the map), dark where there is no
//! synapse. A combo box picks the projection when the scene has several.

use bevy::prelude::*;
use bevy_egui::egui;
use neurarium_spiking::prelude::{Plastic, ProjectionLink, Region, Synapses};

/// The plastic projections, with the regions they connect.
pub type PlasticProjections<'w, 's> =
    Query<'w, 's, (&'static ProjectionLink, &'static Synapses, &'static Plastic)>;

/// Tallest the map is drawn, points.
const MAX_HEIGHT: f32 = 320.0;

/// Draws the heat map of the chosen plastic projection; nothing without one.
pub fn show(ui: &mut egui::Ui, projections: &PlasticProjections, regions: &Query<&Region>) {
    let mut all: Vec<_> = projections.iter().collect();
    if all.is_empty() {
        return;
    }
    all.sort_by_key(|(link, _, _)| link.index);
    let chosen_id = egui::Id::new("weights_projection");
    let mut chosen = ui
        .data(|d| d.get_temp::<usize>(chosen_id).unwrap_or(0))
        .min(all.len() - 1);
    ui.heading("Weights");
    egui::ComboBox::from_id_salt("weights_combo")
        .selected_text(label(all[chosen].0))
        .show_ui(ui, |ui| {
            for (i, (link, _, _)) in all.iter().enumerate() {
                ui.selectable_value(&mut chosen, i, label(link));
            }
        });
    ui.data_mut(|d| d.insert_temp(chosen_id, chosen));

    let (link, synapses, _) = all[chosen];
    let size = |entity| regions.get(entity).map_or(0, |r| r.size) as usize;
    let (rows, columns) = (size(link.source), size(link.target));
    if rows == 0 || columns == 0 || synapses.is_empty() {
        return;
    }
    let (mut low, mut high) = (f32::MAX, f32::MIN);
    for s in 0..synapses.len() {
        low = low.min(synapses.weight(s));
        high = high.max(synapses.weight(s));
    }
    // Cells are as wide as the panel allows and square unless that would pass MAX_HEIGHT;
    // a tall matrix (many sources) then gets flat cells rather than a narrow strip.
    let cell_width = ui.available_width() / columns as f32;
    let cell = egui::vec2(cell_width, cell_width.min(MAX_HEIGHT / rows as f32));
    let (response, painter) = ui.allocate_painter(
        egui::vec2(cell.x * columns as f32, cell.y * rows as f32),
        egui::Sense::hover(),
    );
    let origin = response.rect.min;
    painter.rect_filled(response.rect, 0.0, egui::Color32::from_rgb(10, 10, 14));
    let span = (high - low).max(f32::EPSILON);
    for row in 0..rows {
        let start = synapses.row_offsets[row] as usize;
        let end = synapses.row_offsets[row + 1] as usize;
        for s in start..end {
            let column = synapses.targets[s] as usize;
            let level = (synapses.weight(s) - low) / span;
            let top_left = origin + egui::vec2(column as f32 * cell.x, row as f32 * cell.y);
            painter.rect_filled(egui::Rect::from_min_size(top_left, cell), 0.0, heat(level));
        }
    }
    ui.label(format!("{rows} × {columns}, weights {low:.2} … {high:.2}"));
}

/// The projection's name in glyphs the default font has ("a → b" as "a to b").
fn label(link: &ProjectionLink) -> String {
    link.name.replace('→', " to ")
}

/// Dark blue (0) through orange to pale yellow (1).
fn heat(level: f32) -> egui::Color32 {
    let l = level.clamp(0.0, 1.0);
    let channel = |a: f32, b: f32, c: f32| {
        let v = if l < 0.5 {
            a + (b - a) * 2.0 * l
        } else {
            b + (c - b) * (2.0 * l - 1.0)
        };
        v as u8
    };
    egui::Color32::from_rgb(
        channel(20.0, 230.0, 255.0),
        channel(30.0, 110.0, 240.0),
        channel(90.0, 40.0, 170.0),
    )
}
