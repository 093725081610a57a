//! The CartPole task's scene section.

use serde::{Deserialize, Serialize};

use crate::active_inference::ActiveInferenceSpec;
use crate::brain::CartPoleBrainSpec;
use crate::gym::CartPoleParams;
use crate::qlearning::QLearningSpec;

/// Who pushes the cart.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum CartPoleController {
    /// Each step left or right with equal chance (the random-actions control).
    #[default]
    Random,
    /// Always the same push: `Fixed(true)` right, `Fixed(false)` left (the fixed-action
    /// control).
    Fixed(bool),
    /// Tabular Q-learning on a discretised state: the model-free baseline
    /// ([`crate::qlearning`]).
    QLearning(QLearningSpec),
    /// An energy network learning a world model online while a planner acts on the futures it
    /// imagines ([`crate::active_inference`]).
    ActiveInference(ActiveInferenceSpec),
    /// A brain of the scene (a spiking network learning by reward-modulated STDP) through its
    /// ports: place cells of the state's box in, a left and a right motor pool out
    /// ([`crate::brain`]).
    Brain(CartPoleBrainSpec),
}

/// CartPole, as a scene gives it: `task: Some(CartPole((…)))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CartPoleSpec {
    /// The constants (CartPole-v1's by default).
    pub params: CartPoleParams,
    /// The physics solver's substeps per control step.
    pub substeps: u32,
    /// Each start value is drawn uniformly from `±start_spread` (m, m/s, rad, rad/s).
    pub start_spread: f64,
    /// Who pushes the cart.
    pub controller: CartPoleController,
    /// Whether a learning controller (Q-learning, active inference) learns; `false`: it acts on
    /// what it starts with (the untrained control).
    pub learning: bool,
}

impl Default for CartPoleSpec {
    fn default() -> Self {
        Self {
            params: CartPoleParams::default(),
            substeps: 20,
            start_spread: 0.05,
            controller: CartPoleController::Random,
            learning: true,
        }
    }
}
