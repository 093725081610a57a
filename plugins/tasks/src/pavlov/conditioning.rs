//! The state of a conditioning run: which trial, where in it, the response so far, and when
//! this trial's food comes. Saved whole in checkpoints (section `pavlov`).

use bevy::prelude::*;
use neurarium_sim::clock::whole_steps as steps;
use serde::{Deserialize, Serialize};

use super::spec::PavlovSpec;
use crate::plugin::TaskState;

/// The trial timing in steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    /// Steps a trial.
    pub trial: u64,
    /// Steps the tone is on.
    pub cs: u64,
    /// Steps from the tone's onset to food's (the response window).
    pub onset: u64,
    /// Steps food is on.
    pub us: u64,
}

impl Timing {
    /// `spec`'s times in steps of `dt_ms` (at least 1 each).
    pub fn new(spec: &PavlovSpec, dt_ms: f64) -> Self {
        let steps = |ms| steps(ms, dt_ms);
        let onset = if spec.paired {
            spec.isi_ms
        } else {
            spec.unpaired_offset_ms
        };
        Self {
            trial: steps(spec.trial_ms),
            cs: steps(spec.cs_ms),
            onset: steps(onset),
            us: steps(spec.us_ms),
        }
    }
}

/// A conditioning run.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conditioning {
    /// The timing.
    pub timing: Timing,
    /// Steps of the response window (the tone's onset to paired food's).
    pub window: u64,
    /// Trials with food, then with the tone alone.
    pub phases: (u32, u32),
    /// Reward as food comes.
    pub reward: f32,
    /// Response spikes that count as a response.
    pub threshold: u32,
    /// Trials done.
    pub trial: u32,
    /// Steps done in this trial.
    pub step: u64,
    /// Response spikes in this trial's window so far.
    pub spikes: u32,
    /// Evaluation: the tone alone, no rewards.
    pub evaluating: bool,
    /// Every finished trial's response spikes and phase, oldest first.
    pub history: Vec<(u32, u32)>,
}

impl TaskState for Conditioning {
    const SECTION: &'static str = "pavlov";
}

impl Conditioning {
    /// The first trial of `spec` stepped by `dt_ms`.
    pub fn new(spec: &PavlovSpec, dt_ms: f64) -> Self {
        Self {
            timing: Timing::new(spec, dt_ms),
            window: steps(spec.isi_ms, dt_ms),
            phases: (spec.acquisition_trials, spec.extinction_trials),
            reward: spec.reward,
            threshold: spec.response_spikes,
            trial: 0,
            step: 0,
            spikes: 0,
            evaluating: false,
            history: Vec::new(),
        }
    }

    /// Whether this trial has food (acquisition, not evaluating).
    pub fn fed(&self) -> bool {
        !self.evaluating && self.trial < self.phases.0
    }

    /// Whether the tone is on now.
    pub fn tone_on(&self) -> bool {
        self.step < self.timing.cs
    }

    /// Whether food is on now.
    pub fn food_on(&self) -> bool {
        self.fed() && (self.timing.onset..self.timing.onset + self.timing.us).contains(&self.step)
    }

    /// Whether food comes (or would have come) at this step.
    pub fn food_due(&self) -> bool {
        self.step == self.timing.onset
    }

    /// Whether this step is in the response window.
    pub fn in_window(&self) -> bool {
        self.step < self.window
    }

    /// Whether the brain responded to the tone this trial.
    pub fn responded(&self) -> bool {
        self.spikes >= self.threshold
    }

    /// Whether this step is the trial's last.
    pub fn last_step(&self) -> bool {
        self.step + 1 >= self.timing.trial
    }

    /// 0 in acquisition, 1 in extinction, 2 after both (and in evaluation).
    pub fn phase(&self) -> u32 {
        if self.evaluating || self.trial >= self.phases.0 + self.phases.1 {
            2
        } else if self.trial >= self.phases.0 {
            1
        } else {
            0
        }
    }

    /// The next trial (this one's response into the history).
    pub fn next_trial(&mut self) {
        self.history.push((self.spikes, self.phase()));
        self.trial += 1;
        self.step = 0;
        self.spikes = 0;
    }
}
