//! The rhythms task's systems in the simulation step.
//!
//! - `Act` ([`sample`], `ActSet::Control`): the port's counts, when renewed, become a sample
//!   of the rate; the window's last step ends the episode;
//! - `Record` ([`analyse`], at an episode's end): the window is analysed and its outcome joins
//!   the history; then ([`write_columns`], every row) the last window's columns.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use super::columns;
use super::recording::{Analysis, RateRecording};
use crate::episodic::history::{EpisodeHistory, EpisodeOutcome};

/// The rate's port, found at spawn.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatePort(pub Entity);

/// `Act`: one step of the recording; its window's end ends the episode.
pub fn sample(
    mut recordings: Query<(&mut RateRecording, &RatePort)>,
    outputs: Query<&OutputPort>,
    mut episodes: ResMut<Episodes>,
) {
    for (mut recording, port) in &mut recordings {
        let counts = outputs
            .get(port.0)
            .ok()
            .filter(|p| p.ready)
            .map(|p| p.values.as_slice());
        recording.step(counts);
        if recording.window_done() {
            episodes.request_end();
        }
    }
}

/// `Record` (an episode's end): the window is analysed and its outcome joins the history.
pub fn analyse(
    learning_rate: Res<LearningRate>,
    mut history: ResMut<EpisodeHistory>,
    mut recordings: Query<&mut RateRecording>,
) {
    for mut recording in &mut recordings {
        let analysis = recording.close_window();
        history.episodes.push(EpisodeOutcome {
            episode_return: analysis.as_ref().map_or(0.0, |a| a.strongest_hz),
            succeeded: analysis.is_some_and(|a| a.rhythmic),
            phase: 0,
            learning_rate_scale: learning_rate.effective(),
        });
    }
}

/// `Record` (every row, after [`analyse`]): the last window's columns; before the first, or
/// after a window too short to analyse, not rhythmic and the rest empty.
pub fn write_columns(mut metrics: ResMut<Metrics>, recordings: Query<&RateRecording>) {
    for recording in &recordings {
        let analysis = recording.last.as_ref();
        let or_nan = |f: fn(&Analysis) -> f64| analysis.map_or(f64::NAN, f);
        metrics.set(
            &columns::RHYTHMIC,
            analysis.map_or(0.0, |a| f64::from(u8::from(a.rhythmic))),
        );
        metrics.set(&columns::STRONGEST_HZ, or_nan(|a| a.strongest_hz));
        metrics.set(&columns::MEAN_RATE_HZ, or_nan(|a| a.mean_rate_hz));
        for &band in &recording.spec.bands {
            let peak = analysis.and_then(|a| a.peak(band));
            metrics.set_in(&columns::PEAK_HZ, band.key(), peak.map_or(0.0, |p| p.hz));
            metrics.set_in(
                &columns::PROMINENCE,
                band.key(),
                peak.map_or(0.0, |p| p.prominence),
            );
        }
        if recording.spec.coupling.is_some() {
            let coupling = analysis.and_then(|a| a.coupling.as_ref());
            metrics.set(&columns::PAC, coupling.map_or(f64::NAN, |c| c.index));
            metrics.set(
                &columns::PAC_P95,
                coupling.map_or(f64::NAN, |c| c.surrogate_p95),
            );
        }
    }
}
