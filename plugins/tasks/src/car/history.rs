//! The outcome of every episode of the run, for the window's reward plot.
//!
//! At the end of each episode (`Record`, before the curriculum and the reset) the car's return
//! (sum of its control-step rewards), progress (m), whether it succeeded (finished without a
//! crash), its curriculum phase and the learning-rate scale it learned with are appended to
//! [`CarHistory`]. Saved in the `car` checkpoint section, so a resumed run's plots go on.

use bevy::prelude::*;

use neurarium_spiking::prelude::LearningRate;
use serde::{Deserialize, Serialize};

use crate::car::curriculum::Curriculum;
use crate::car::status::CarStatus;

/// How one episode ended.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EpisodeOutcome {
    /// Sum of the control-step rewards.
    pub episode_return: f64,
    /// Progress along the centre line, m.
    pub progress_m: f64,
    /// Finished (road end or laps) without a crash.
    pub succeeded: bool,
    /// Curriculum phase the episode was driven in, from 0.
    pub phase: usize,
    /// Learning-rate scale during the episode.
    pub learning_rate_scale: f64,
}

/// Every episode's outcome, oldest first.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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

/// `Record`, on an episode's last step (before the curriculum and the reset): appends the
/// ending episode's outcome.
pub fn remember_episodes(
    learning_rate: Res<LearningRate>,
    mut history: ResMut<CarHistory>,
    cars: Query<(&CarStatus, &Curriculum)>,
) {
    for (status, curriculum) in &cars {
        history.episodes.push(EpisodeOutcome {
            episode_return: status.episode_return,
            progress_m: status.progress_m,
            succeeded: status.finished && !status.crashed,
            phase: curriculum.progress.phase,
            learning_rate_scale: learning_rate.scale,
        });
    }
}
