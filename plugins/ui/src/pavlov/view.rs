//! The conditioning panel: a timeline of the trial under way (the tone in blue, food in orange
//! when it comes, the response window bracketed, the current time as a line) and the response
//! spikes to the tone alone of every trial so far (acquisition orange, extinction blue,
//! evaluation grey) with the threshold dashed.

use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Line, Plot, PlotPoints, Points};
use neurarium_tasks::pavlov::conditioning::Conditioning;

/// Colours of the phases: acquisition, extinction, after both or evaluating.
const PHASE_COLOURS: [egui::Color32; 3] = [
    egui::Color32::from_rgb(240, 150, 60),
    egui::Color32::from_rgb(90, 160, 220),
    egui::Color32::from_gray(150),
];
/// The tone's colour on the timeline.
const TONE: egui::Color32 = egui::Color32::from_rgb(90, 160, 220);
/// Food's colour on the timeline.
const FOOD: egui::Color32 = egui::Color32::from_rgb(240, 150, 60);

/// Draws the panel.
pub fn pavlov_view_panel(InMut(ui): InMut<egui::Ui>, runs: Query<&Conditioning>) {
    let Ok(run) = runs.single() else {
        return;
    };
    let phase = [
        "acquisition: the tone, then food",
        "extinction: the tone alone",
        "the tone alone, learning off",
    ][run.phase().min(2) as usize];
    ui.heading(format!("Trial {} · {phase}", run.trial + 1));
    timeline(ui, run);
    ui.label(format!(
        "response to the tone (spikes before food could come): {} this trial; {} or more is a response",
        run.spikes, run.threshold
    ));
    let mut by_phase: [Vec<[f64; 2]>; 3] = Default::default();
    for (trial, &(spikes, phase)) in run.history.iter().enumerate() {
        by_phase[phase.min(2) as usize].push([trial as f64 + 1.0, f64::from(spikes)]);
    }
    let trials = run.history.len().max(1) as f64;
    Plot::new("pavlov_responses")
        .height(ui.available_height().max(120.0))
        .include_y(0.0)
        .include_x(0.0)
        .x_axis_label("trial")
        .y_axis_label("response spikes")
        .show(ui, |plot| {
            for (points, colour) in by_phase.into_iter().zip(PHASE_COLOURS) {
                plot.points(Points::new("", points).radius(2.5).color(colour));
            }
            let threshold = f64::from(run.threshold);
            plot.line(
                Line::new(
                    "threshold",
                    PlotPoints::from(vec![[0.0, threshold], [trials, threshold]]),
                )
                .color(egui::Color32::from_gray(200))
                .style(egui_plot::LineStyle::dashed_loose()),
            );
        });
}

/// The trial as a bar: the tone, food (when it comes), the response window, now.
fn timeline(ui: &mut egui::Ui, run: &Conditioning) {
    let (rect, _) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 36.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, egui::Color32::from_gray(25));
    let steps = run.timing.trial.max(1) as f32;
    let x = |step: u64| rect.left() + rect.width() * step as f32 / steps;
    let band = |from: u64, to: u64, top: f32, colour: egui::Color32| {
        let r = egui::Rect::from_min_max(egui::pos2(x(from), top), egui::pos2(x(to), top + 10.0));
        painter.rect_filled(r, 1.0, colour);
    };
    band(0, run.timing.cs, rect.top() + 4.0, TONE);
    if run.fed() {
        band(
            run.timing.onset,
            run.timing.onset + run.timing.us,
            rect.top() + 16.0,
            FOOD,
        );
    }
    let window = egui::Stroke::new(1.0, egui::Color32::from_gray(220));
    let bottom = rect.bottom() - 4.0;
    painter.line_segment(
        [egui::pos2(x(0), bottom), egui::pos2(x(run.window), bottom)],
        window,
    );
    for edge in [0, run.window] {
        painter.line_segment(
            [
                egui::pos2(x(edge), bottom - 4.0),
                egui::pos2(x(edge), bottom),
            ],
            window,
        );
    }
    painter.line_segment(
        [
            egui::pos2(x(run.step), rect.top()),
            egui::pos2(x(run.step), rect.bottom()),
        ],
        egui::Stroke::new(2.0, egui::Color32::WHITE),
    );
}
