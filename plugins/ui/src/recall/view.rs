//! The recall panel: a timeline of the session (storing blue, sleep purple, cues green, random
//! cues grey, now a white line), replays against chance, and a row per pattern of five maps
//! of the memory neurons (a grid, row by row): the cue, what fired outside it, the original
//! pattern; then the random cue and what fired. Recalled neurons of the pattern are green,
//! those outside it red.

use bevy::prelude::*;
use bevy_egui::egui;
use neurarium_tasks::recall::score::Recalled;
use neurarium_tasks::recall::session::{RecallSession, Stage};

const STORE: egui::Color32 = egui::Color32::from_rgb(90, 160, 220);
const SLEEP: egui::Color32 = egui::Color32::from_rgb(150, 90, 200);
const CUE: egui::Color32 = egui::Color32::from_rgb(90, 200, 120);
const RANDOM: egui::Color32 = egui::Color32::from_gray(140);
const HIT: egui::Color32 = egui::Color32::from_rgb(90, 220, 120);
const MISS: egui::Color32 = egui::Color32::from_rgb(230, 80, 70);
const OFF: egui::Color32 = egui::Color32::from_gray(35);
/// Side of a neuron's cell, points.
const CELL: f32 = 5.0;

/// Draws the panel.
pub fn recall_view_panel(InMut(ui): InMut<egui::Ui>, sessions: Query<&RecallSession>) {
    let Ok(session) = sessions.single() else {
        return;
    };
    let doing = match session.stage() {
        Stage::Store(p) => format!("storing pattern {}", p + 1),
        Stage::Gap => "between".to_owned(),
        Stage::Sleep if session.spec.replay => "asleep, driven: replay".to_owned(),
        Stage::Sleep => "the same time, undriven (no replay)".to_owned(),
        Stage::Cue {
            pattern,
            random: false,
        } => format!("cue: half of pattern {}", pattern + 1),
        Stage::Cue {
            pattern,
            random: true,
        } => format!("random cue for pattern {}", pattern + 1),
    };
    ui.heading(format!("Session {} · {doing}", session.session + 1));
    timeline(ui, session);
    ui.label(format!(
        "replays in sleep: {} of the patterns, {} of as many random sets (chance)",
        session.replays, session.chance_replays
    ));
    let (results, which) = if session.results.is_empty() {
        (&session.last, "last session")
    } else {
        (&session.results, "this session")
    };
    if results.is_empty() {
        ui.label("no cue yet");
        return;
    }
    ui.label(format!(
        "{which}: cue | recalled outside the cue | original || random cue | recalled"
    ));
    let columns = grid_columns(session.neurons);
    egui::ScrollArea::vertical().show(ui, |ui| {
        for pattern in 0..session.patterns.len() {
            let own = results.iter().find(|r| r.pattern == pattern && !r.random);
            let random = results.iter().find(|r| r.pattern == pattern && r.random);
            let Some(own) = own else { continue };
            let original = &own.original;
            ui.horizontal(|ui| {
                let map = |ui: &mut egui::Ui, lit: &[(u32, egui::Color32)]| {
                    neuron_map(ui, session.neurons, columns, lit);
                };
                map(ui, &paint(&own.cue, CUE));
                map(ui, &recalled(own, original));
                map(ui, &paint(original, egui::Color32::WHITE));
                ui.add_space(12.0);
                if let Some(random) = random {
                    map(ui, &paint(&random.cue, RANDOM));
                    map(ui, &recalled(random, original));
                }
                ui.label(format!(
                    "pattern {}: overlap {:.2}{}",
                    pattern + 1,
                    own.overlap(),
                    random.map_or(String::new(), |r| format!(", random {:.2}", r.overlap()))
                ));
            });
        }
    });
}

fn paint(neurons: &[u32], colour: egui::Color32) -> Vec<(u32, egui::Color32)> {
    neurons.iter().map(|&i| (i, colour)).collect()
}

/// What fired outside the cue: green inside the original, red outside it.
fn recalled(result: &Recalled, original: &[u32]) -> Vec<(u32, egui::Color32)> {
    result
        .recalled
        .iter()
        .map(|&i| (i, if original.contains(&i) { HIT } else { MISS }))
        .collect()
}

/// Columns of the neuron grid: about twice as wide as high.
fn grid_columns(neurons: usize) -> usize {
    ((2.0 * neurons as f64).sqrt().ceil() as usize).max(1)
}

/// The memory neurons as a grid of cells, `lit` ones coloured.
fn neuron_map(ui: &mut egui::Ui, neurons: usize, columns: usize, lit: &[(u32, egui::Color32)]) {
    let rows = neurons.div_ceil(columns);
    let size = egui::vec2(columns as f32 * CELL, rows as f32 * CELL);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, OFF);
    for &(i, colour) in lit {
        let (row, column) = (i as usize / columns, i as usize % columns);
        let min = rect.min + egui::vec2(column as f32 * CELL, row as f32 * CELL);
        painter.rect_filled(
            egui::Rect::from_min_size(min, egui::vec2(CELL - 1.0, CELL - 1.0)),
            0.0,
            colour,
        );
    }
}

/// The session's segments as a bar, the sleep phase labelled, now a white line.
fn timeline(ui: &mut egui::Ui, session: &RecallSession) {
    let (rect, _) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 30.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, egui::Color32::from_gray(25));
    let total = session.total_steps().max(1) as f32;
    let x = |step: u64| rect.left() + rect.width() * step as f32 / total;
    let mut start = 0;
    for segment in &session.segments {
        let end = start + segment.steps;
        let colour = match segment.stage {
            Stage::Store(_) => Some(STORE),
            Stage::Sleep => Some(SLEEP),
            Stage::Cue { random: false, .. } => Some(CUE),
            Stage::Cue { random: true, .. } => Some(RANDOM),
            Stage::Gap => None,
        };
        if let Some(colour) = colour {
            let r = egui::Rect::from_min_max(
                egui::pos2(x(start), rect.top() + 4.0),
                egui::pos2(x(end), rect.bottom() - 4.0),
            );
            painter.rect_filled(r, 1.0, colour);
            if segment.stage == Stage::Sleep {
                painter.text(
                    r.center(),
                    egui::Align2::CENTER_CENTER,
                    if session.spec.replay {
                        "sleep (replay)"
                    } else {
                        "rest (no replay)"
                    },
                    egui::FontId::proportional(12.0),
                    egui::Color32::WHITE,
                );
            }
        }
        start = end;
    }
    let now = x(session.steps_done());
    painter.line_segment(
        [egui::pos2(now, rect.top()), egui::pos2(now, rect.bottom())],
        egui::Stroke::new(2.0, egui::Color32::WHITE),
    );
}
