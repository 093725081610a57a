//! The world model: an energy network trained online by equilibrium propagation to predict the
//! next state from the state and the push.
//!
//! Input (5 units, each in `0..1`): the state, each value `v` as `(v / in_bound + 1) / 2`
//! clipped, and the push (1: right). Output (4 units in `0..1`): the change over one control
//! step, `Δ = s′ − s`, each as `(Δ / change_bound + 1) / 2`; the prediction is
//! `s + change_bound (2u − 1)`. Every step the transition that actually came joins a replay
//! memory of the latest `memory` transitions, and the network learns from a mini-batch of
//! `batch` of them drawn at random, the newest always among them: the nudge is the frame that
//! came.

use std::collections::VecDeque;

use faer::Mat;
use neurarium_energy::eqprop::EqPropSettings;
use neurarium_energy::error::EnergyError;
use neurarium_energy::train::{Learner, Trainer, TrainingSpec};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::gym::CartPoleState;

/// The world model's settings, as a scene gives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorldModelSpec {
    /// Hidden layers' sizes.
    pub hidden: Vec<usize>,
    /// How the network trains (EqProp settings, rates: one per weight matrix).
    pub training: TrainingSpec,
    /// The input scale of `x, ẋ, θ, θ̇` (m, m/s, rad, rad/s).
    pub in_bounds: [f64; 4],
    /// The output scale of their changes over a step.
    pub change_bounds: [f64; 4],
    /// Transitions remembered.
    pub memory: usize,
}

impl Default for WorldModelSpec {
    /// 5-64-4, EqProp with `T = 20`, `K = 4`, `β = 0.8`, rates 0.2 and 0.1, batches of 16 from a
    /// memory of 5,000 (chosen on seeds 1–10 with `benches/cartpole_planner.rs`).
    fn default() -> Self {
        Self {
            hidden: vec![64],
            training: TrainingSpec {
                learner: Learner::EqProp(EqPropSettings {
                    beta: 0.8,
                    ..EqPropSettings::default()
                }),
                batch: 16,
                rates: vec![0.2, 0.1],
                ..TrainingSpec::default()
            },
            in_bounds: [2.4, 3.0, 0.25, 3.0],
            change_bounds: [0.08, 0.25, 0.08, 0.4],
            memory: 5000,
        }
    }
}

/// One transition: state, push, next state.
pub type Transition = (CartPoleState, bool, CartPoleState);

/// The network and its memory.
#[derive(Debug)]
pub struct WorldModel {
    /// The settings.
    pub spec: WorldModelSpec,
    /// The network.
    pub trainer: Trainer,
    /// The latest transitions, oldest first.
    pub memory: VecDeque<Transition>,
}

impl WorldModel {
    /// A fresh network for `spec`, its weights from `seed`.
    pub fn new(spec: WorldModelSpec, seed: u64) -> Result<Self, EnergyError> {
        let sizes: Vec<usize> = std::iter::once(5)
            .chain(spec.hidden.iter().copied())
            .chain(std::iter::once(4))
            .collect();
        let trainer = Trainer::new(&sizes, spec.training.clone(), seed)?;
        Ok(Self {
            spec,
            trainer,
            memory: VecDeque::new(),
        })
    }

    /// The input column of `(s, push_right)`.
    fn encode(&self, s: &CartPoleState, push_right: bool) -> [f32; 5] {
        let v = s.to_array();
        let mut input = [0.0f32; 5];
        for i in 0..4 {
            input[i] = to_unit(v[i], self.spec.in_bounds[i]);
        }
        input[4] = f32::from(u8::from(push_right));
        input
    }

    /// Predicts the next state of each `(state, push)` pair, all in one relaxation.
    pub fn predict(
        &mut self,
        pairs: &[(CartPoleState, bool)],
    ) -> Result<Vec<CartPoleState>, EnergyError> {
        let columns: Vec<[f32; 5]> = pairs.iter().map(|(s, a)| self.encode(s, *a)).collect();
        let input = Mat::from_fn(5, pairs.len(), |i, j| columns[j][i]);
        let output = self.trainer.predict(&input)?;
        Ok(pairs
            .iter()
            .enumerate()
            .map(|(j, (s, _))| {
                let v = s.to_array();
                CartPoleState::from_array(std::array::from_fn(|i| {
                    v[i] + from_unit(output[(i, j)], self.spec.change_bounds[i])
                }))
            })
            .collect())
    }

    /// Remembers the transition that came and learns from a mini-batch of the memory (the new
    /// one and `batch − 1` drawn at random).
    pub fn learn(
        &mut self,
        transition: Transition,
        rng: &mut ChaCha8Rng,
    ) -> Result<(), EnergyError> {
        self.memory.push_back(transition);
        while self.memory.len() > self.spec.memory.max(1) {
            self.memory.pop_front();
        }
        let batch = self.spec.training.batch.max(1).min(self.memory.len());
        let mut picked = vec![self.memory.len() - 1];
        picked.extend((1..batch).map(|_| rng.random_range(0..self.memory.len())));
        let inputs: Vec<[f32; 5]> = picked
            .iter()
            .map(|&k| self.encode(&self.memory[k].0, self.memory[k].1))
            .collect();
        let targets: Vec<[f32; 4]> = picked
            .iter()
            .map(|&k| {
                let (s, _, next) = &self.memory[k];
                let (v, n) = (s.to_array(), next.to_array());
                std::array::from_fn(|i| to_unit(n[i] - v[i], self.spec.change_bounds[i]))
            })
            .collect();
        let input = Mat::from_fn(5, picked.len(), |i, j| inputs[j][i]);
        let target = Mat::from_fn(4, picked.len(), |i, j| targets[j][i]);
        let relaxed = self.trainer.relax_regression(input, target, true)?;
        self.trainer.learn(relaxed, 1.0)?;
        Ok(())
    }
}

/// `v` on a scale of `±bound` as a unit's value: `(v / bound + 1) / 2`, clipped to `0..1`.
fn to_unit(v: f64, bound: f64) -> f32 {
    ((v / bound + 1.0) / 2.0).clamp(0.0, 1.0) as f32
}

/// A unit's value `u` back on the scale of `±bound`: `bound (2u − 1)`.
fn from_unit(u: f32, bound: f64) -> f64 {
    bound * (2.0 * f64::from(u) - 1.0)
}
