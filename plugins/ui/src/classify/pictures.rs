//! Pictures painted cell by cell: images in grey, a layer's units on a grid, the answer as
//! bars, the confusion matrix.

use bevy_egui::egui;
use neurarium_sim::protocol::examples::argmax;

/// Grey of a value in `0..1` (clamped): black to white.
pub fn grey(value: f32) -> egui::Color32 {
    egui::Color32::from_gray((value.clamp(0.0, 1.0) * 255.0) as u8)
}

/// Paints `values` as a `rows × cols` grid (row-major) of cells coloured by `colour`, `size`
/// points wide; returns the response of the area (for the pad's strokes).
pub fn grid(
    ui: &mut egui::Ui,
    values: &[f32],
    cols: usize,
    size: f32,
    sense: egui::Sense,
    colour: impl Fn(f32) -> egui::Color32,
) -> egui::Response {
    let cols = cols.max(1);
    let rows = values.len().div_ceil(cols).max(1);
    let cell = size / cols as f32;
    let (response, painter) = ui.allocate_painter(egui::vec2(size, cell * rows as f32), sense);
    let origin = response.rect.min;
    painter.rect_filled(response.rect, 0.0, egui::Color32::from_gray(10));
    for (i, &v) in values.iter().enumerate() {
        let (r, c) = (i / cols, i % cols);
        let min = origin + egui::vec2(c as f32 * cell, r as f32 * cell);
        painter.rect_filled(
            egui::Rect::from_min_size(min, egui::vec2(cell, cell)),
            0.0,
            colour(v),
        );
    }
    response
}

/// A square image of `pixels` (a square number of them, row-major) in grey.
pub fn image(ui: &mut egui::Ui, pixels: &[f32], size: f32) -> egui::Response {
    let side = (pixels.len() as f32).sqrt().round() as usize;
    grid(ui, pixels, side, size, egui::Sense::hover(), grey)
}

/// A layer's units on the squarest grid, in grey.
pub fn units(ui: &mut egui::Ui, states: &[f32], size: f32) {
    let cols = (states.len() as f32).sqrt().ceil() as usize;
    grid(ui, states, cols, size, egui::Sense::hover(), grey);
}

/// The answer: one bar per class (its output in `0..1`), the `chosen` one highlighted, the
/// `truth` (if known) labelled.
pub fn answer_bars(ui: &mut egui::Ui, outputs: &[f32], truth: Option<usize>, width: f32) {
    let chosen = argmax(outputs);
    let height = 60.0;
    let (response, painter) =
        ui.allocate_painter(egui::vec2(width, height + 14.0), egui::Sense::hover());
    let rect = response.rect;
    let bar = width / outputs.len().max(1) as f32;
    for (class, &value) in outputs.iter().enumerate() {
        let x = rect.min.x + class as f32 * bar;
        let top = rect.min.y + height * (1.0 - value.clamp(0.0, 1.0));
        let colour = if Some(class) == chosen {
            egui::Color32::from_rgb(255, 190, 70)
        } else {
            egui::Color32::from_rgb(90, 140, 200)
        };
        painter.rect_filled(
            egui::Rect::from_min_max(
                egui::pos2(x + 1.0, top),
                egui::pos2(x + bar - 1.0, rect.min.y + height),
            ),
            0.0,
            colour,
        );
        let label_colour = if Some(class) == truth {
            egui::Color32::from_rgb(150, 220, 120)
        } else {
            egui::Color32::GRAY
        };
        painter.text(
            egui::pos2(x + 0.5 * bar, rect.min.y + height + 1.0),
            egui::Align2::CENTER_TOP,
            class.to_string(),
            egui::TextStyle::Small.resolve(ui.style()),
            label_colour,
        );
    }
}

/// The confusion matrix (`classes × classes` counts, true class by row): each cell shaded by
/// its share of its row, the diagonal green, errors red; counts written in.
pub fn confusion(ui: &mut egui::Ui, counts: &[u32], classes: usize, size: f32) {
    let cell = size / (classes + 1) as f32;
    let (response, painter) = ui.allocate_painter(egui::vec2(size, size), egui::Sense::hover());
    let origin = response.rect.min + egui::vec2(cell, cell);
    let font = egui::TextStyle::Small.resolve(ui.style());
    for k in 0..classes {
        let label = k.to_string();
        painter.text(
            origin + egui::vec2((k as f32 + 0.5) * cell, -0.5 * cell),
            egui::Align2::CENTER_CENTER,
            &label,
            font.clone(),
            egui::Color32::GRAY,
        );
        painter.text(
            origin + egui::vec2(-0.5 * cell, (k as f32 + 0.5) * cell),
            egui::Align2::CENTER_CENTER,
            &label,
            font.clone(),
            egui::Color32::GRAY,
        );
    }
    for truth in 0..classes {
        let row = &counts[truth * classes..(truth + 1) * classes];
        let total = row.iter().sum::<u32>().max(1) as f32;
        for (predicted, &n) in row.iter().enumerate() {
            let share = n as f32 / total;
            let strength = (share.sqrt() * 255.0) as u8;
            let colour = if truth == predicted {
                egui::Color32::from_rgb(20, strength.max(20), 40)
            } else {
                egui::Color32::from_rgb(strength.max(20), 20, 30)
            };
            let min = origin + egui::vec2(predicted as f32 * cell, truth as f32 * cell);
            let rect = egui::Rect::from_min_size(min, egui::vec2(cell - 1.0, cell - 1.0));
            painter.rect_filled(rect, 0.0, colour);
            if n > 0 {
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    n.to_string(),
                    font.clone(),
                    egui::Color32::WHITE,
                );
            }
        }
    }
}
