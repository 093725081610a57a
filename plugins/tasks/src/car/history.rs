//! The outcome of every episode of the run, for the window's reward plot.
//!
//! At the end of each episode (`Record`, before the reset) the car's return (sum of its
//! control-step rewards), progress (m) and whether it succeeded (finished without a crash)
//! are appended to [`CarHistory`]. Not saved in checkpoints: a resumed run starts a new
//! history (its metrics CSV keeps the old episodes).

use bevy::prelude::*;
use neurarium_sim::prelude::Episodes;

use crate::car::status::CarStatus;

/// How one episode ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpisodeOutcome {
    /// Sum of the control-step rewards.
    pub episode_return: f64,
    /// Progress along the centre line, m.
    pub progress_m: f64,
    /// Finished (road end or laps) without a crash.
    pub succeeded: bool,
}

/// Every episode's outcome, oldest first.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct CarHistory {
    /// The outcomes.
    pub episodes: Vec<EpisodeOutcome>,
}

impl CarHistory {
    /// Mean of `value` over the last `window` episodes up to and including episode `i`.
    pub fn moving_mean(
        &self,
        i: usize,
        window: usize,
        value: impl Fn(&EpisodeOutcome) -> f64,
    ) -> f64 {
        let start = (i + 1).saturating_sub(window.max(1));
        let slice = &self.episodes[start..=i];
        slice.iter().map(value).sum::<f64>() / slice.len() as f64
    }
}

/// `Record` (before the reset): appends the ending episode's outcome.
pub fn remember_episodes(
    episodes: Res<Episodes>,
    mut history: ResMut<CarHistory>,
    cars: Query<&CarStatus>,
) {
    if !episodes.ends_this_step() {
        return;
    }
    for status in &cars {
        history.episodes.push(EpisodeOutcome {
            episode_return: status.episode_return,
            progress_m: status.progress_m,
            succeeded: status.finished && !status.crashed,
        });
    }
}
