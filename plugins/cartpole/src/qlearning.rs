//! The model-free baseline: tabular Q-learning on a discretised state (Watkins 1989), as the
//! classic CartPole recipes do it.
//!
//! The state is cut into boxes ([`crate::bins`]); the table holds `Q(s, a)` for every bin combination and both
//! pushes, all 0 at first. Each step the learner pushes the way of the larger `Q` (ties: left),
//! or, with chance `ε`, at random; after the step, with reward `r = 1`,
//! `Q(s, a) ← Q(s, a) + α (r + γ max_a' Q(s', a') − Q(s, a))`, without the `γ max` term when the
//! pole fell (the step limit is not a fall: it bootstraps). Both `α` and `ε` fall with the
//! episode `n`: `max(floor, min(1, 1 − log₁₀((n + 1) / decay_episodes)))`.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::bins::StateBins;
use crate::gym::CartPoleState;

/// Q-learning's settings, as a scene gives them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QLearningSpec {
    /// Bins of `x, ẋ, θ, θ̇` (1: the value is ignored).
    pub bins: [u32; 4],
    /// The bins span `±bounds` of each (m, m/s, rad, rad/s).
    pub bounds: [f64; 4],
    /// The discount `γ`.
    pub discount: f64,
    /// The floor of the learning rate `α`.
    pub min_rate: f64,
    /// The floor of the exploration chance `ε`.
    pub min_explore: f64,
    /// Episodes over which `α` and `ε` fall (see the module docs).
    pub decay_episodes: f64,
}

impl Default for QLearningSpec {
    fn default() -> Self {
        Self {
            bins: [1, 1, 6, 12],
            bounds: [2.4, 3.0, 12.0_f64.to_radians(), 50.0_f64.to_radians()],
            discount: 0.99,
            min_rate: 0.1,
            min_explore: 0.01,
            decay_episodes: 25.0,
        }
    }
}

impl QLearningSpec {
    /// The boxes the table has a row for.
    pub fn state_bins(&self) -> StateBins {
        StateBins {
            bins: self.bins,
            bounds: self.bounds,
        }
    }
}

/// A Q-table learning as it acts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QLearner {
    /// The settings.
    pub spec: QLearningSpec,
    /// `Q(s, a)`: two values (left, right) per bin combination.
    pub table: Vec<f64>,
    /// Episodes finished.
    pub episodes: u64,
    /// The state's bin and the push of the step under way.
    pub last: Option<(usize, bool)>,
}

impl QLearner {
    /// An empty table for `spec`.
    pub fn new(spec: QLearningSpec) -> Self {
        let cells = spec.state_bins().boxes();
        Self {
            spec,
            table: vec![0.0; 2 * cells],
            episodes: 0,
            last: None,
        }
    }

    /// The bin combination of `s`.
    pub fn cell(&self, s: &CartPoleState) -> usize {
        self.spec.state_bins().box_of(s)
    }

    /// `max(floor, min(1, 1 − log₁₀((n + 1) / decay)))` for this episode `n`.
    fn falling(&self, floor: f64) -> f64 {
        let n = self.episodes as f64;
        (1.0 - ((n + 1.0) / self.spec.decay_episodes).log10()).clamp(floor, 1.0)
    }

    /// The learning rate `α` this episode.
    pub fn rate(&self) -> f64 {
        self.falling(self.spec.min_rate)
    }

    /// The exploration chance `ε` this episode.
    pub fn explore(&self) -> f64 {
        self.falling(self.spec.min_explore)
    }

    /// The push in state `s` (`true`: right): the larger `Q`, or at random with chance `ε`
    /// (`explore: false`: always the larger, as an evaluation acts).
    pub fn choose(&mut self, s: &CartPoleState, explore: bool, rng: &mut ChaCha8Rng) -> bool {
        let cell = self.cell(s);
        let push_right = if explore && rng.random_bool(self.explore()) {
            rng.random_bool(0.5)
        } else {
            self.table[2 * cell + 1] > self.table[2 * cell]
        };
        self.last = Some((cell, push_right));
        push_right
    }

    /// Learns from the step just taken: it led to `next`, and the pole `fell` or not.
    pub fn learn(&mut self, next: &CartPoleState, fell: bool) {
        let Some((cell, push_right)) = self.last else {
            return;
        };
        let next_cell = self.cell(next);
        let future = if fell {
            0.0
        } else {
            self.table[2 * next_cell].max(self.table[2 * next_cell + 1])
        };
        let slot = 2 * cell + usize::from(push_right);
        let rate = self.rate();
        self.table[slot] += rate * (1.0 + self.spec.discount * future - self.table[slot]);
    }

    /// An episode is over: `α` and `ε` fall.
    pub fn end_episode(&mut self) {
        self.episodes += 1;
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn bins_cover_the_bounds_and_a_fall_teaches_the_other_push() {
        let mut q = QLearner::new(QLearningSpec::default());
        assert_eq!(q.table.len(), 2 * 72);
        let upright = CartPoleState::default();
        let leaning = CartPoleState {
            theta: 0.2,
            theta_dot: 1.0,
            ..CartPoleState::default()
        };
        let beyond = CartPoleState {
            theta: 5.0,
            theta_dot: -50.0,
            ..CartPoleState::default()
        };
        assert_ne!(q.cell(&upright), q.cell(&leaning));
        assert!(q.cell(&beyond) < 72);
        // Pushing left while leaning right ends in a fall: worth 1; a push right then survives
        // and bootstraps from the upright state's value.
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let up = q.cell(&upright);
        q.table[2 * up] = 10.0;
        q.last = Some((q.cell(&leaning), false));
        q.learn(&leaning, true);
        q.last = Some((q.cell(&leaning), true));
        q.learn(&upright, false);
        let cell = q.cell(&leaning);
        assert!((q.table[2 * cell] - 1.0).abs() < 1e-12);
        assert!((q.table[2 * cell + 1] - (1.0 + 0.99 * 10.0)).abs() < 1e-12);
        assert!(q.choose(&leaning, false, &mut rng));
        // The rate and exploration fall to their floors.
        assert_eq!(q.rate(), 1.0);
        q.episodes = 10_000;
        assert_eq!((q.rate(), q.explore()), (0.1, 0.01));
    }
}
