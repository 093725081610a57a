//! Active inference, as a planner: before each push, imagine `candidates` push sequences of
//! `horizon` steps with the world model, score each imagined future by how far it strays from
//! the preferred one (pole upright, cart centred), and take the first push of the best.
//!
//! A future's cost is `Σ_t [(θ_t / θ_limit)² + centring (x_t / x_limit)² + fall]` over its
//! imagined states, `fall` added for every state past the limits. The candidates are the two
//! constant sequences, the last plan shifted on by a step, and random sequences (each push left or
//! right with equal chance), in a random order (the first of equal costs wins).

use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::gym::{CartPoleParams, CartPoleState};
use crate::world_model::WorldModel;

/// The planner's settings, as a scene gives them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlannerSpec {
    /// Push sequences imagined per decision.
    pub candidates: usize,
    /// Steps each is imagined for.
    pub horizon: usize,
    /// Weight of the cart's distance from the centre.
    pub centring: f64,
    /// Cost of an imagined state past the limits.
    pub fall: f64,
}

impl Default for PlannerSpec {
    /// 16 candidates of 8 steps (chosen on seeds 1–10 with `benches/cartpole_planner.rs`: 32 of
    /// 10 solved as often at a quarter of the speed).
    fn default() -> Self {
        Self {
            candidates: 16,
            horizon: 8,
            centring: 0.1,
            fall: 10.0,
        }
    }
}

/// The plan kept between decisions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Planner {
    /// The settings.
    pub spec: PlannerSpec,
    /// The best sequence of the last decision.
    pub plan: Vec<bool>,
    /// Each candidate's imagined states of the last decision (for the window's ghosts).
    pub imagined: Vec<Vec<CartPoleState>>,
    /// Each candidate's cost of the last decision.
    pub costs: Vec<f64>,
    /// Which candidate won the last decision.
    pub chosen: usize,
}

impl Planner {
    /// A planner with `spec`.
    pub fn new(spec: PlannerSpec) -> Self {
        Self {
            spec,
            ..Self::default()
        }
    }

    /// The push to make from `state` (`true`: right).
    pub fn decide(
        &mut self,
        state: &CartPoleState,
        model: &mut WorldModel,
        params: &CartPoleParams,
        rng: &mut ChaCha8Rng,
    ) -> Result<bool, neurarium_energy::error::EnergyError> {
        let (k, h) = (self.spec.candidates.max(3), self.spec.horizon.max(1));
        let mut sequences: Vec<Vec<bool>> = vec![vec![false; h], vec![true; h]];
        let mut shifted: Vec<bool> = self.plan.iter().skip(1).copied().collect();
        shifted.resize(h, rng.random_bool(0.5));
        sequences.push(shifted);
        while sequences.len() < k {
            sequences.push((0..h).map(|_| rng.random_bool(0.5)).collect());
        }
        // In a random order, so that a model that cannot yet tell the pushes apart (equal
        // costs) does not always pick the same one.
        sequences.shuffle(rng);
        let mut states = vec![*state; k];
        let mut costs = vec![0.0; k];
        let mut imagined = vec![Vec::with_capacity(h); k];
        for t in 0..h {
            let pairs: Vec<(CartPoleState, bool)> = states
                .iter()
                .zip(&sequences)
                .map(|(s, q)| (*s, q[t]))
                .collect();
            states = model.predict(&pairs)?;
            for (j, s) in states.iter().enumerate() {
                let upright = s.theta / params.theta_limit;
                let centred = s.x / params.x_limit;
                costs[j] += upright * upright + self.spec.centring * centred * centred;
                if params.fallen(s) {
                    costs[j] += self.spec.fall;
                }
                imagined[j].push(*s);
            }
        }
        let best = costs
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .map_or(0, |(j, _)| j);
        self.plan = sequences[best].clone();
        self.imagined = imagined;
        self.costs = costs;
        self.chosen = best;
        Ok(self.plan[0])
    }

    /// The imagined next state of the last decision's push.
    pub fn expected_next(&self) -> Option<CartPoleState> {
        self.imagined
            .get(self.chosen)
            .and_then(|states| states.first())
            .copied()
    }
}
