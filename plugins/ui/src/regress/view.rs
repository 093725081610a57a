//! The regression panel (see the module docs of [`crate::regress`]).

use bevy::ecs::system::InMut;
use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints, Points};
use neurarium_circuits::brain::network::CircuitBrain;
use neurarium_tasks::regress::data::RegressData;
use neurarium_tasks::regress::regressor::{RegressScores, Regressor};

use crate::circuit::view::{CircuitPanel, TestScores};

/// Size of the plots, points.
const PLOT: f32 = 220.0;

/// The colour of the test rows in the predicted-against-true plot.
pub const TEST_ROWS: egui::Color32 = egui::Color32::from_rgb(250, 150, 40);

/// The regression task's view.
pub fn regress_view_panel(
    InMut(ui): InMut<egui::Ui>,
    tasks: Query<(&Regressor, &RegressData)>,
    mut circuits: Query<&mut CircuitBrain>,
    mut circuit_panel: ResMut<CircuitPanel>,
) {
    let Ok((task, data)) = tasks.single() else {
        return;
    };
    egui::ScrollArea::both().show(ui, |ui| {
        if let Some(mut circuit) = circuits.iter_mut().next() {
            let scores = TestScores {
                name: "test R²",
                values: task.history.iter().map(|s| s.test_r2).collect(),
            };
            crate::circuit::view::show(ui, &mut circuit, &scores, &mut circuit_panel);
        }
        ui.horizontal_top(|ui| {
            ui.group(|ui| {
                ui.vertical(|ui| {
                    ui.strong("Test R² per epoch");
                    r2_plot(ui, &task.history, data.least_squares_r2);
                });
            });
            ui.group(|ui| {
                ui.vertical(|ui| {
                    ui.strong("RMSE per epoch");
                    rmse_plot(ui, &task.history);
                });
            });
            ui.group(|ui| {
                ui.vertical(|ui| {
                    ui.strong(format!(
                        "Predicted against true ({} test rows)",
                        task.tested.len()
                    ));
                    truth_plot(ui, &task.tested);
                });
            });
        });
    });
}

/// `pick` of each epoch, against the epoch's number (from 1).
fn per_epoch(history: &[RegressScores], pick: fn(&RegressScores) -> f64) -> PlotPoints<'static> {
    history
        .iter()
        .enumerate()
        .filter(|(_, s)| pick(s).is_finite())
        .map(|(i, s)| [i as f64 + 1.0, pick(s)])
        .collect()
}

fn r2_plot(ui: &mut egui::Ui, history: &[RegressScores], least_squares: f64) {
    let epochs = history.len().max(1) as f64;
    Plot::new("regress_r2")
        .width(PLOT + 60.0)
        .height(PLOT)
        .legend(Legend::default())
        .x_axis_label("epoch")
        .include_y(0.0)
        .include_y(1.0)
        .show(ui, |plot| {
            plot.line(Line::new("network", per_epoch(history, |s| s.test_r2)));
            plot.line(
                Line::new(
                    "least squares",
                    PlotPoints::from(vec![[1.0, least_squares], [epochs, least_squares]]),
                )
                .style(LineStyle::dashed_loose()),
            );
        });
}

fn rmse_plot(ui: &mut egui::Ui, history: &[RegressScores]) {
    Plot::new("regress_rmse")
        .width(PLOT + 60.0)
        .height(PLOT)
        .legend(Legend::default())
        .x_axis_label("epoch")
        .include_y(0.0)
        .show(ui, |plot| {
            plot.line(Line::new("training", per_epoch(history, |s| s.train_rmse)));
            plot.line(Line::new("test", per_epoch(history, |s| s.test_rmse)));
        });
}

fn truth_plot(ui: &mut egui::Ui, tested: &[[f64; 2]]) {
    let (low, high) = tested
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    Plot::new("regress_truth")
        .width(PLOT)
        .height(PLOT)
        .data_aspect(1.0)
        .x_axis_label("true")
        .y_axis_label("predicted")
        .show(ui, |plot| {
            if low.is_finite() {
                plot.line(
                    Line::new(
                        "predicted = true",
                        PlotPoints::from(vec![[low, low], [high, high]]),
                    )
                    .style(LineStyle::dashed_loose()),
                );
            }
            plot.points(
                Points::new("test rows", PlotPoints::from(tested.to_vec()))
                    .radius(3.0)
                    .color(TEST_ROWS),
            );
        });
}
