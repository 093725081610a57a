//! Episodes: stretches of a run that a task or a fixed length delimits.
//!
//! A scene may give an episode length in steps; a task may end an episode early with
//! [`Episodes::request_end`] (a crash, a reached goal). In [`SimSet::Bookkeep`] the core
//! decides whether the current step closes the episode; in [`SimSet::Commit`] the count
//! advances. Systems that reset a task on a new episode read [`Episodes::ends_this_step`].
//!
//! [`SimSet::Bookkeep`]: crate::sets::SimSet::Bookkeep
//! [`SimSet::Commit`]: crate::sets::SimSet::Commit

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Episode bookkeeping. Saved in checkpoints.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Episodes {
    /// Episodes finished since the start of the run.
    pub completed: u64,
    /// Steps done in the current episode, this one included once bookkept.
    pub step_in_episode: u64,
    /// Fixed episode length in steps, if the scene sets one.
    pub length_steps: Option<u64>,
    end_requested: bool,
    ends_this_step: bool,
}

impl Episodes {
    /// Bookkeeping for episodes of `length_steps` steps (or task-defined ones, if `None`).
    pub fn with_length(length_steps: Option<u64>) -> Self {
        Self {
            length_steps,
            ..Self::default()
        }
    }

    /// Ends the current episode at the end of this step.
    pub fn request_end(&mut self) {
        self.end_requested = true;
    }

    /// Whether the current step is the last of its episode (valid from `Bookkeep` on).
    pub fn ends_this_step(&self) -> bool {
        self.ends_this_step
    }

    /// Steps from the current one on, this one included, that do not end the episode (as
    /// far as is known now: a task may still request an end).
    pub fn steps_before_end(&self) -> u64 {
        if self.end_requested {
            return 0;
        }
        self.length_steps.map_or(u64::MAX, |length| {
            length.saturating_sub(self.step_in_episode + 1)
        })
    }

    pub(crate) fn bookkeep(&mut self) {
        self.step_in_episode += 1;
        self.ends_this_step = self.end_requested
            || self
                .length_steps
                .is_some_and(|len| self.step_in_episode >= len);
    }

    pub(crate) fn commit(&mut self) {
        if self.ends_this_step {
            self.completed += 1;
            self.step_in_episode = 0;
        }
        self.end_requested = false;
        self.ends_this_step = false;
    }
}

/// Run condition: the current step closes an episode (for systems that act at an episode's
/// end, in `RecordSet::EpisodeEnd`).
pub fn episode_ends(episodes: Res<Episodes>) -> bool {
    episodes.ends_this_step()
}
