//! The spike raster: one dot per spike, time to the right, regions stacked top to bottom.
//!
//! The horizontal axis spans the raster window of each region (the last
//! `SpikeRaster::window_steps` steps, newest on the right); each region gets a band whose
//! height is proportional to its size (at least 24 px), one row per neuron. A click on a row
//! picks that neuron for the membrane trace ([`crate::membrane`]). In a region with growth, a
//! green ring marks a neuron's birth and a red cross its death, at their step.

use bevy::prelude::Entity;
use bevy_egui::egui;

use crate::plugin::PanelState;

/// The colour of region `index` in every panel.
pub fn region_color(index: usize) -> egui::Color32 {
    const PALETTE: [egui::Color32; 6] = [
        egui::Color32::from_rgb(102, 194, 255),
        egui::Color32::from_rgb(255, 170, 80),
        egui::Color32::from_rgb(130, 220, 120),
        egui::Color32::from_rgb(240, 110, 160),
        egui::Color32::from_rgb(190, 160, 255),
        egui::Color32::from_rgb(240, 220, 100),
    ];
    PALETTE[index % PALETTE.len()]
}

/// Colour of a birth mark.
pub const BORN: egui::Color32 = egui::Color32::from_rgb(80, 230, 110);
/// Colour of a death mark.
pub const DIED: egui::Color32 = egui::Color32::from_rgb(255, 80, 80);

/// A birth (a ring) or a death (a cross) at `center`.
fn draw_mark(painter: &egui::Painter, center: egui::Pos2, born: bool) {
    const R: f32 = 4.0;
    if born {
        painter.circle_stroke(center, R, egui::Stroke::new(1.5, BORN));
    } else {
        let stroke = egui::Stroke::new(1.5, DIED);
        for (a, b) in [
            (egui::vec2(-R, -R), egui::vec2(R, R)),
            (egui::vec2(-R, R), egui::vec2(R, -R)),
        ] {
            painter.line_segment([center + a, center + b], stroke);
        }
    }
}

/// Draws the raster into the available space; returns the region and neuron clicked, if any.
pub fn show(ui: &mut egui::Ui, state: &PanelState) -> Option<(Entity, u32)> {
    ui.heading("Spike raster");
    let (response, painter) = ui.allocate_painter(ui.available_size(), egui::Sense::click());
    let click = response
        .clicked()
        .then(|| response.interact_pointer_pos())
        .flatten();
    let mut clicked = None;
    let area = response.rect;
    painter.rect_filled(area, 4.0, egui::Color32::from_gray(14));
    let regions = state.regions_in_order();
    if regions.is_empty() {
        painter.text(
            area.center(),
            egui::Align2::CENTER_CENTER,
            "no regions in this scene",
            egui::FontId::proportional(14.0),
            egui::Color32::GRAY,
        );
        return None;
    }
    let total_neurons: f32 = regions.iter().map(|r| r.1.size as f32).sum();
    let min_band = 24.0_f32;
    let free = (area.height() - min_band * regions.len() as f32).max(0.0);
    let now = state.clock.step;
    let mut top = area.top();
    for (entity, region, _, raster) in &regions {
        let index = region.index as usize;
        let height = min_band + free * region.size as f32 / total_neurons;
        let band = egui::Rect::from_min_size(
            egui::pos2(area.left(), top),
            egui::vec2(area.width(), height),
        );
        let color = region_color(index);
        if let Some(at) = click.filter(|at| band.contains(*at)) {
            let row = ((at.y - band.top()) / height * region.size as f32) as u32;
            clicked = Some((*entity, row.min(region.size.saturating_sub(1))));
        }
        painter.line_segment(
            [band.left_bottom(), band.right_bottom()],
            egui::Stroke::new(1.0, egui::Color32::from_gray(40)),
        );
        painter.text(
            band.left_top() + egui::vec2(6.0, 2.0),
            egui::Align2::LEFT_TOP,
            &region.name,
            egui::FontId::proportional(12.0),
            color,
        );
        let window = raster.window_steps.max(1) as f32;
        let row_height = (height / region.size as f32).max(1.0);
        let dot = egui::vec2((area.width() / window).max(1.5), row_height.clamp(1.0, 3.0));
        let at = |step: u64, neuron: u32| {
            let age = now.saturating_sub(step) as f32;
            egui::pos2(
                area.right() - age / window * area.width(),
                band.top() + (neuron as f32 + 0.5) * height / region.size as f32,
            )
        };
        for &(step, neuron) in &raster.events {
            let center = at(step, neuron);
            painter.rect_filled(egui::Rect::from_center_size(center, dot), 0.0, color);
        }
        for mark in &raster.marks {
            draw_mark(&painter, at(mark.step, mark.neuron), mark.born);
        }
        top += height;
    }
    clicked
}
