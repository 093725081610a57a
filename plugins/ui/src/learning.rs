//! How the car brain is learning: the return of every episode with its moving average over
//! [`MOVING_WINDOW`] episodes, the success rate over the same window, and the dopamine level
//! and its running baseline (the reward prediction error R-STDP learns from).

use bevy_egui::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};
use neurarium_spiking::prelude::Dopamine;
use neurarium_tasks::prelude::CarHistory;

/// Episodes the moving averages span.
pub const MOVING_WINDOW: usize = 20;

/// Draws the learning panel.
pub fn show(ui: &mut egui::Ui, history: &CarHistory, dopamine: &Dopamine) {
    let episodes = history.episodes.len();
    let success = if episodes == 0 {
        "no episode finished yet".to_owned()
    } else {
        let rate = history.moving_mean(episodes - 1, MOVING_WINDOW, |e| {
            f64::from(u8::from(e.succeeded))
        });
        format!("success (last {MOVING_WINDOW}): {:.0}%", 100.0 * rate)
    };
    ui.strong("Learning");
    ui.label(success);
    ui.label(format!(
        "dopamine {:+.3} · reward baseline {:+.3}",
        dopamine.level, dopamine.baseline
    ));
    Plot::new("learning_plot")
        .legend(Legend::default())
        .x_axis_label("episode")
        .y_axis_label("return")
        .show(ui, |plot| {
            let returns: PlotPoints = history
                .episodes
                .iter()
                .enumerate()
                .map(|(i, e)| [i as f64, e.episode_return])
                .collect();
            plot.points(
                Points::new("return", returns)
                    .radius(1.5)
                    .color(egui::Color32::from_rgb(120, 140, 170)),
            );
            let mean: PlotPoints = (0..episodes)
                .map(|i| {
                    [
                        i as f64,
                        history.moving_mean(i, MOVING_WINDOW, |e| e.episode_return),
                    ]
                })
                .collect();
            plot.line(
                Line::new(format!("mean of {MOVING_WINDOW}"), mean)
                    .color(egui::Color32::from_rgb(255, 190, 70))
                    .width(2.0),
            );
        });
}
