//! How a brain is learning an episodic task (any task that trains in episodes): the return of
//! every episode with its moving average over [`MOVING_WINDOW`] episodes (a dashed line where
//! the curriculum moved on), the success rate over the same window, the curriculum phase with
//! its mastery count, and the learning-rate scale per episode. It reads only the shared
//! episodic state ([`neurarium_tasks::episodic`]).

use bevy_egui::egui;
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints, Points, VLine};
use neurarium_tasks::prelude::{Curriculum, EpisodeHistory, EpisodeOutcome};

/// Episodes the moving averages span.
pub const MOVING_WINDOW: usize = 20;

/// Height of the learning-rate plot, points.
const RATE_PLOT_HEIGHT: f32 = 70.0;

/// What the learning panel shows.
pub struct LearningView<'a> {
    /// Every episode's outcome.
    pub history: &'a EpisodeHistory,
    /// The task's curriculum.
    pub curriculum: Option<&'a Curriculum>,
    /// The learning-rate scale now.
    pub learning_rate: f64,
}

/// The curriculum line: phase, its name, mastery count.
fn curriculum_line(curriculum: &Curriculum) -> String {
    let (phase, phases) = (curriculum.progress.phase + 1, curriculum.phases());
    let name = curriculum.phase_name();
    if phase == phases {
        return format!("curriculum phase {phase} of {phases}: {name} (the last)");
    }
    format!(
        "curriculum phase {phase} of {phases}: {name} · {} of the last {} succeeded, {} of {} moves on",
        curriculum.recent_successes(),
        curriculum.progress.recent.len(),
        curriculum.required_successes(),
        curriculum.mastery.window_episodes
    )
}

/// One point per episode: `(episode, value)`.
fn per_episode(
    history: &EpisodeHistory,
    value: impl Fn(&EpisodeOutcome) -> f64,
) -> PlotPoints<'static> {
    history
        .episodes
        .iter()
        .enumerate()
        .map(|(i, e)| [i as f64, value(e)])
        .collect()
}

/// Draws the learning panel.
pub fn show(ui: &mut egui::Ui, view: &LearningView) {
    let history = view.history;
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
    if let Some(curriculum) = view.curriculum {
        ui.label(curriculum_line(curriculum));
    }
    ui.label(format!("learning rate ×{:.3}", view.learning_rate));
    let phase_starts: Vec<usize> = history
        .episodes
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[1].phase != w[0].phase)
        .map(|(i, _)| i + 1)
        .collect();
    let plot_height = (ui.available_height() - RATE_PLOT_HEIGHT - 8.0).max(RATE_PLOT_HEIGHT);
    Plot::new("learning_plot")
        .height(plot_height)
        .legend(Legend::default())
        .x_axis_label("episode")
        .y_axis_label("return")
        .show(ui, |plot| {
            plot.points(
                Points::new("return", per_episode(history, |e| e.episode_return))
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
            for &episode in &phase_starts {
                plot.vline(
                    VLine::new("next phase", episode as f64)
                        .color(egui::Color32::from_rgb(150, 200, 120))
                        .style(LineStyle::dashed_loose()),
                );
            }
        });
    Plot::new("learning_rate_plot")
        .height(RATE_PLOT_HEIGHT)
        .include_y(0.0)
        .include_y(1.0)
        .x_axis_label("episode")
        .y_axis_label("rate ×")
        .show(ui, |plot| {
            plot.line(
                Line::new(
                    "learning rate",
                    per_episode(history, |e| e.learning_rate_scale),
                )
                .color(egui::Color32::from_rgb(190, 140, 230))
                .width(1.5),
            );
        });
}
