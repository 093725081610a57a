//! What a competitive layer (Diehl & Cook) shows of itself: its receptive fields as a grid of
//! images, each neuron's class written on its field, its adaptive thresholds, and the digit
//! on show with the spikes it drew.
//!
//! Each field is the neuron's input weights as a 28 × 28 image, scaled to its own largest
//! weight, on a heat scale (black, red, yellow, white): a neuron that has learnt a digit shows
//! it. The grid is one texture, rebuilt at most twice a second of wall time.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_egui::egui;
use neurarium_sim::prelude::ExamplePort;
use neurarium_sim::protocol::examples::argmax;
use neurarium_spiking::prelude::CompetitiveBrain;

use crate::classify::pictures::{answer_bars, grid, image};

/// Longest the fields texture is kept before a rebuild, while the network runs.
const REFRESH: Duration = Duration::from_millis(500);
/// Width of the fields grid on screen, points.
const FIELDS_SIZE: f32 = 520.0;

/// The fields texture and when it was built.
#[derive(Resource, Default)]
pub struct FieldsTexture {
    texture: Option<egui::TextureHandle>,
    built: Option<(Instant, u64)>,
}

/// Black → red → yellow → white for `value` in `0..1` (clamped).
pub fn heat(value: f32) -> egui::Color32 {
    let v = value.clamp(0.0, 1.0) * 3.0;
    let channel = |x: f32| (x.clamp(0.0, 1.0) * 255.0) as u8;
    egui::Color32::from_rgb(channel(v), channel(v - 1.0), channel(v - 2.0))
}

/// `values` divided by their largest (all 0 when none is above 0), and that largest.
fn scaled_to_largest(values: &[f32]) -> (Vec<f32>, f32) {
    let top = values.iter().copied().fold(0.0f32, f32::max);
    let scaled = values
        .iter()
        .map(|&v| if top > 0.0 { v / top } else { 0.0 })
        .collect();
    (scaled, top)
}

/// Tiles per row of the fields grid, and each tile's side in pixels, for `neurons` fields of
/// `inputs` pixels.
fn layout(neurons: usize, inputs: usize) -> (usize, usize) {
    let per_row = (neurons as f32).sqrt().ceil() as usize;
    let side = (inputs as f32).sqrt().round() as usize;
    (per_row.max(1), side.max(1))
}

/// Every neuron's field as one image, tiles a pixel apart.
fn fields_image(brain: &CompetitiveBrain) -> egui::ColorImage {
    let layer = &brain.layer;
    let (per_row, side) = layout(layer.neurons(), layer.params.inputs);
    let rows = layer.neurons().div_ceil(per_row);
    let tile = side + 1;
    let (width, height) = (per_row * tile, rows * tile);
    let mut pixels = vec![egui::Color32::from_gray(30); width * height];
    for j in 0..layer.neurons() {
        let field: Vec<f32> = layer.receptive_field(j).collect();
        let (field, _) = scaled_to_largest(&field);
        let (x0, y0) = ((j % per_row) * tile, (j / per_row) * tile);
        for (k, &w) in field.iter().enumerate().take(side * side) {
            pixels[(y0 + k / side) * width + x0 + k % side] = heat(w);
        }
    }
    egui::ColorImage::new([width, height], pixels)
}

/// The receptive fields, the class of each neuron written in its tile's corner.
pub fn fields(ui: &mut egui::Ui, brain: &CompetitiveBrain, step: u64, texture: &mut FieldsTexture) {
    let stale = texture
        .built
        .is_none_or(|(at, built_step)| built_step != step && at.elapsed() >= REFRESH);
    if stale || texture.texture.is_none() {
        let image = fields_image(brain);
        match &mut texture.texture {
            // Rewritten in place: a full `set` makes bevy_egui swap in a new image asset, and
            // on this renderer the swapped texture is not drawn.
            Some(handle) if handle.size() == image.size => {
                handle.set_partial([0, 0], image, egui::TextureOptions::NEAREST);
            }
            _ => {
                texture.texture = Some(ui.ctx().load_texture(
                    "receptive_fields",
                    image,
                    egui::TextureOptions::NEAREST,
                ))
            }
        }
        texture.built = Some((Instant::now(), step));
    }
    let Some(handle) = &texture.texture else {
        return;
    };
    let [w, h] = handle.size();
    let size = egui::vec2(FIELDS_SIZE, FIELDS_SIZE * h as f32 / w.max(1) as f32);
    let response = ui.add(egui::Image::new((handle.id(), size)));
    let (per_row, _) = layout(brain.layer.neurons(), brain.layer.params.inputs);
    let tile = FIELDS_SIZE / per_row as f32;
    if tile < 9.0 {
        return; // too small to write in
    }
    let painter = ui.painter_at(response.rect);
    let font = egui::FontId::proportional((tile * 0.35).min(11.0));
    for (j, class) in brain.labelling.assigned.iter().enumerate() {
        let Some(class) = class else { continue };
        let corner = response.rect.min
            + egui::vec2(
                (j % per_row) as f32 * tile + 1.0,
                (j / per_row) as f32 * tile,
            );
        painter.text(
            corner,
            egui::Align2::LEFT_TOP,
            class.to_string(),
            font.clone(),
            egui::Color32::from_rgb(120, 200, 255),
        );
    }
}

/// The adaptive thresholds θ, one cell per neuron on the fields' grid, and the neurons per
/// class.
pub fn thresholds_and_classes(ui: &mut egui::Ui, brain: &CompetitiveBrain) {
    let theta = &brain.layer.theta;
    let (scaled, top) = scaled_to_largest(theta);
    let (per_row, _) = layout(theta.len(), brain.layer.params.inputs);
    grid(ui, &scaled, per_row, 200.0, egui::Sense::hover(), heat);
    let mean = theta.iter().sum::<f32>() / theta.len().max(1) as f32;
    ui.small(format!("θ mean {mean:.2} mV, max {top:.2} mV"));
    let members = brain.labelling.neurons_per_class();
    if members.iter().all(|&m| m == 0) {
        ui.small("classes: after the first epoch's training digits");
    } else {
        let listed: Vec<String> = members
            .iter()
            .enumerate()
            .map(|(c, m)| format!("{c}: {m}"))
            .collect();
        ui.small(format!("neurons per class  {}", listed.join("  ")));
    }
}

/// The digit on show (the first of the batch), the answer (each class's score, scaled to the
/// largest) and the excitatory spikes it drew, on the fields' grid.
pub fn now(ui: &mut egui::Ui, brain: &CompetitiveBrain, port: &ExamplePort, size: f32) {
    if port.count == 0 || port.inputs.len() < port.features {
        ui.label("no digit on show yet: press play");
        return;
    }
    let truth = port.labels.first().copied();
    image(ui, &port.inputs[..port.features], size);
    let answers: &[f32] = port.outputs.get(..port.answers).unwrap_or(&[]);
    let (scaled, top) = scaled_to_largest(answers);
    let answer = if top > 0.0 { argmax(answers) } else { None };
    ui.label(format!(
        "label {}, answer {}",
        truth.map_or("–".to_owned(), |t| t.to_string()),
        answer.map_or("–".to_owned(), |a| a.to_string())
    ));
    if !scaled.is_empty() {
        answer_bars(ui, &scaled, truth, size);
    }
    let counts = &brain.shown_counts;
    let counts_f32: Vec<f32> = counts.iter().map(|&c| c as f32).collect();
    let (spikes, _) = scaled_to_largest(&counts_f32);
    let (per_row, _) = layout(counts.len(), brain.layer.params.inputs);
    grid(ui, &spikes, per_row, size, egui::Sense::hover(), heat);
    ui.small(format!(
        "{} spikes from {} neurons",
        counts.iter().sum::<u32>(),
        counts.iter().filter(|&&c| c > 0).count()
    ));
}
