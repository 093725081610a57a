//! The active-inference agent: the world model ([`crate::world_model`]) learning from every
//! transition while the planner ([`crate::planner`]) acts on its imagined futures, and how well
//! the model predicts: the mean |θ error| one step ahead (the imagined next state of the push
//! taken, against the one that came) and ten steps ahead (every tenth step, the last ten pushes
//! imagined open-loop from the state ten steps back, against the state now).

use neurarium_energy::error::EnergyError;
use neurarium_energy::train::{SavedTrainer, Trainer};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::gym::{CartPoleParams, CartPoleState};
use crate::planner::{Planner, PlannerSpec};
use crate::world_model::{Transition, WorldModel, WorldModelSpec};

/// The agent's settings, as a scene gives them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ActiveInferenceSpec {
    /// The world model.
    pub model: WorldModelSpec,
    /// The planner.
    pub planner: PlannerSpec,
}

/// Sums of prediction errors over an episode.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PredictionErrors {
    /// Σ |θ error| one step ahead, rad.
    pub one_step: f64,
    /// One-step predictions.
    pub one_step_count: u32,
    /// Σ |θ error| ten steps ahead, rad.
    pub ten_step: f64,
    /// Ten-step predictions.
    pub ten_step_count: u32,
}

impl PredictionErrors {
    /// The mean one-step error (`NaN` before any).
    pub fn one_step_mean(&self) -> f64 {
        self.one_step / f64::from(self.one_step_count)
    }

    /// The mean ten-step error (`NaN` before any).
    pub fn ten_step_mean(&self) -> f64 {
        self.ten_step / f64::from(self.ten_step_count)
    }
}

/// What a checkpoint keeps of the agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedAgent {
    /// The network and its optimiser.
    pub trainer: SavedTrainer,
    /// The model's memory.
    pub memory: Vec<Transition>,
    /// The planner's last plan and imaginings.
    pub planner: Planner,
    /// This episode's error sums.
    pub errors: PredictionErrors,
    /// This episode's path so far.
    pub path: Vec<(CartPoleState, bool)>,
    /// The imagined next state of the push taken.
    pub expected: Option<CartPoleState>,
}

/// The agent.
#[derive(Debug)]
pub struct ActiveInference {
    /// The world model.
    pub model: WorldModel,
    /// The planner.
    pub planner: Planner,
    /// This episode's prediction errors.
    pub errors: PredictionErrors,
    /// This episode's states and pushes.
    pub path: Vec<(CartPoleState, bool)>,
    /// The imagined next state of the push taken this step.
    pub expected: Option<CartPoleState>,
    /// This episode's θ that came and θ imagined one step ahead, step by step (for the window;
    /// not saved).
    pub predictions: Vec<[f64; 2]>,
}

impl ActiveInference {
    /// A fresh agent for `spec`, its network's weights from `seed`.
    pub fn new(spec: &ActiveInferenceSpec, seed: u64) -> Result<Self, EnergyError> {
        Ok(Self {
            model: WorldModel::new(spec.model.clone(), seed)?,
            planner: Planner::new(spec.planner),
            errors: PredictionErrors::default(),
            path: Vec::new(),
            expected: None,
            predictions: Vec::new(),
        })
    }

    /// A push made by someone else (by hand): remembered, so the model learns from it too.
    pub fn pushed_by_hand(&mut self, state: &CartPoleState, push: bool) {
        self.expected = None;
        self.path.push((*state, push));
    }

    /// The push to make from `state`.
    pub fn decide(
        &mut self,
        state: &CartPoleState,
        params: &CartPoleParams,
        rng: &mut ChaCha8Rng,
    ) -> Result<bool, EnergyError> {
        let push = self.planner.decide(state, &mut self.model, params, rng)?;
        self.expected = self.planner.expected_next();
        self.path.push((*state, push));
        Ok(push)
    }

    /// The step came out at `next`: the errors, and (with `learning`) the model learns it.
    pub fn observe(
        &mut self,
        next: &CartPoleState,
        learning: bool,
        rng: &mut ChaCha8Rng,
    ) -> Result<(), EnergyError> {
        if let Some(expected) = self.expected.take() {
            self.errors.one_step += (expected.theta - next.theta).abs();
            self.errors.one_step_count += 1;
            self.predictions.push([next.theta, expected.theta]);
        }
        let n = self.path.len();
        if n >= 10 && n.is_multiple_of(10) {
            let mut imagined = self.path[n - 10].0;
            for &(_, push) in &self.path[n - 10..] {
                imagined = self.model.predict(&[(imagined, push)])?[0];
            }
            self.errors.ten_step += (imagined.theta - next.theta).abs();
            self.errors.ten_step_count += 1;
        }
        if learning && let Some(&(state, push)) = self.path.last() {
            self.model.learn((state, push, *next), rng)?;
        }
        Ok(())
    }

    /// A new episode: the errors and path start again.
    pub fn restart(&mut self) {
        self.errors = PredictionErrors::default();
        self.path.clear();
        self.expected = None;
        self.predictions.clear();
    }

    /// What a checkpoint keeps.
    pub fn to_saved(&self) -> SavedAgent {
        SavedAgent {
            trainer: self.model.trainer.to_saved(),
            memory: self.model.memory.iter().copied().collect(),
            planner: self.planner.clone(),
            errors: self.errors,
            path: self.path.clone(),
            expected: self.expected,
        }
    }

    /// Puts a saved agent back.
    pub fn restore(&mut self, saved: SavedAgent) -> Result<(), EnergyError> {
        self.model.trainer = Trainer::from_saved(saved.trainer)?;
        self.model.memory = saved.memory.into_iter().collect();
        self.planner = saved.planner;
        self.errors = saved.errors;
        self.path = saved.path;
        self.expected = saved.expected;
        Ok(())
    }
}
