//! The component of a spawned resistor network, and what one example does to it.

use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::board::link::{BoardSettings, LinkError};
use crate::brain::board_session::BoardSession;
use crate::brain::spec::{CircuitNetSpec, Cut};
use crate::classify::{ClassifierShape, input_voltages, targets};
use crate::coupled::{CoupledNetwork, nudge, squared_error};
use crate::damage::{cut_share, cut_so_far};
use crate::error::CircuitError;
use crate::schedule::annealed;

/// Why an example got no answer.
#[derive(Debug, thiserror::Error)]
pub enum ExampleError {
    /// The simulated solve failed: the run stops.
    #[error(transparent)]
    Circuit(#[from] CircuitError),
    /// The board did not answer in time: the batch is skipped, the run goes on.
    #[error(transparent)]
    Board(#[from] LinkError),
}

/// What a resistor network learnt since the last metrics row, and where it is in the run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CircuitProgress {
    /// Epochs finished.
    pub epoch: u64,
    /// Why it can no longer answer (damage cut an input or output off from ground).
    pub failed: Option<String>,
    /// Sum of the free twin's `½Σ(V − T)²` over the training examples since the last row.
    pub error_sum: f64,
    /// Training examples since the last row.
    pub examples: usize,
    /// `moves` of the network at the last row.
    pub moves_at_row: u64,
    /// Sum of the training examples' errors this epoch.
    pub epoch_error_sum: f64,
    /// Training examples this epoch.
    pub epoch_examples: usize,
    /// Each finished epoch: its mean training error (V², `NaN` if it learnt nothing) and the
    /// share of edges cut during it.
    pub history: Vec<(f64, f64)>,
    /// The learning phase: its first epoch and its length (`None`: no end).
    pub phase: (u64, Option<u64>),
}

/// A spawned resistor network. Its examples port is on the same entity.
#[derive(Component)]
pub struct CircuitBrain {
    /// Its name in messages (its port's name).
    pub name: String,
    /// The network and its twins.
    pub net: CoupledNetwork,
    /// Shape and targets.
    pub shape: ClassifierShape,
    /// Input volts per unit.
    pub volts_per_sd: f64,
    /// Whether it learns (false once frozen: `--learning-off`, `--eval`, a control).
    pub learning: bool,
    /// Whether the tick probability is annealed over each learning phase.
    pub anneal: bool,
    /// The tick probability the scene sets.
    pub base_probability: f64,
    /// The damage to come.
    pub damage: Vec<Cut>,
    /// Epoch, failure, sums since the last row.
    pub progress: CircuitProgress,
    /// The stream damage draws its edges from.
    pub cut_rng: ChaCha8Rng,
    /// This step's answers, `answers × count`, from the batch to the port.
    pub answer: Option<Vec<f32>>,
    /// The board, when the physics runs on one.
    pub board: Option<BoardSession>,
}

/// What an example asks of the network.
#[derive(Debug, Clone, Copy)]
pub enum Want<'a> {
    /// A class (classification): hinge or fixed targets from the shape.
    Class(usize),
    /// Values in `0..1` (regression), mapped onto `low_v..high_v`.
    Values(&'a [f32]),
}

impl CircuitBrain {
    /// A learning brain around `net`, as `spec` sets it.
    pub fn new(spec: &CircuitNetSpec, net: CoupledNetwork, cut_rng: ChaCha8Rng) -> Self {
        Self {
            name: spec.port.clone(),
            net,
            shape: spec.shape,
            volts_per_sd: spec.volts_per_sd,
            learning: true,
            anneal: spec.anneal,
            base_probability: spec.learning.update_probability,
            damage: spec.damage.clone(),
            progress: CircuitProgress {
                phase: (0, spec.learn_epochs),
                ..CircuitProgress::default()
            },
            cut_rng,
            answer: None,
            board: None,
        }
    }

    /// Whether it learns in the current epoch: learning on, not failed, within the phase.
    pub fn learns_now(&self) -> bool {
        let (start, length) = self.progress.phase;
        let epoch = self.progress.epoch;
        self.learning
            && self.progress.failed.is_none()
            && epoch >= start
            && length.is_none_or(|n| epoch < start + n)
    }

    /// Sets the tick probability for the current epoch: the scene's, or annealed over the
    /// phase.
    pub fn set_tick_probability(&mut self) {
        let (start, length) = self.progress.phase;
        let p = match length {
            Some(n) if self.anneal => annealed(
                self.base_probability,
                self.progress.epoch.saturating_sub(start),
                n,
            ),
            _ => self.base_probability,
        };
        self.net.learning.update_probability = p;
    }

    /// The outputs mapped to answers: volts for a class, `(V − low) / (high − low)` for values.
    fn answers(&self, volts: &[f64], regression: bool) -> Vec<f32> {
        let (low, high) = (self.shape.low_v, self.shape.high_v);
        volts
            .iter()
            .map(|&v| {
                let a = if regression {
                    (v - low) / (high - low)
                } else {
                    v
                };
                a as f32
            })
            .collect()
    }

    /// One example: its answers (the free twin's outputs before any update) and, if `learn`,
    /// a learning step toward `want`, simulated or on the board.
    pub fn example(
        &mut self,
        features: &[f32],
        want: Want,
        learn: bool,
    ) -> Result<Vec<f32>, ExampleError> {
        let count = self.net.terminals.outputs.len();
        if self.progress.failed.is_some() {
            return Ok(vec![f32::NAN; count]);
        }
        let inputs = input_voltages(features.iter().map(|&x| f64::from(x)), self.volts_per_sd);
        let regression = matches!(want, Want::Values(_));
        let shape = self.shape;
        let wanted = |free: &[f64]| -> Vec<f64> {
            match want {
                Want::Class(class) => targets(class, free, &shape),
                Want::Values(values) => values
                    .iter()
                    .map(|&t| shape.low_v + f64::from(t) * (shape.high_v - shape.low_v))
                    .collect(),
            }
        };
        let (free, error) = match (self.board.as_mut(), learn) {
            (None, false) => (self.net.outputs(&inputs)?, None),
            // The simulated step, settled or relaxing as the scene's `learning` says.
            (None, true) => {
                let mut free = Vec::new();
                let error = self.net.learn_toward(&inputs, |out| {
                    free = out.to_vec();
                    wanted(out)
                })?;
                (free, Some(error))
            }
            (Some(board), false) => (board.outputs(&inputs)?, None),
            (Some(board), true) => {
                let free = board.outputs(&inputs)?;
                let targets = wanted(&free);
                let clamped = nudge(&free, &targets, self.net.learning.nudge);
                let p = self.net.learning.update_probability;
                board.clamp_and_tick(&clamped, p, &mut self.net)?;
                let error = squared_error(&free, &targets);
                (free, Some(error))
            }
        };
        if let Some(error) = error {
            self.progress.error_sum += error;
            self.progress.examples += 1;
            self.progress.epoch_error_sum += error;
            self.progress.epoch_examples += 1;
        }
        Ok(self.answers(&free, regression))
    }

    /// An epoch is over: its record kept, the next one's damage done (returned for the log).
    pub fn next_epoch(&mut self) -> Vec<String> {
        let p = &mut self.progress;
        let error = if p.epoch_examples > 0 {
            p.epoch_error_sum / p.epoch_examples as f64
        } else {
            f64::NAN
        };
        p.history.push((error, cut_so_far(&self.net)));
        p.epoch_error_sum = 0.0;
        p.epoch_examples = 0;
        p.epoch += 1;
        let done = self.apply_damage();
        self.set_tick_probability();
        done
    }

    /// The cuts due at the start of the current epoch; an input or output cut off fails the
    /// network (it answers nothing from then on). Returns what it did, for the log.
    pub fn apply_damage(&mut self) -> Vec<String> {
        let epoch = self.progress.epoch;
        let due: Vec<Cut> = self
            .damage
            .iter()
            .copied()
            .filter(|c| c.epoch == epoch)
            .collect();
        let mut done = Vec::new();
        for cut in due {
            if self.progress.failed.is_some() {
                break;
            }
            done.push(self.cut_to(cut.fraction, &format!("at epoch {epoch}")));
            if cut.relearn_epochs > 0 {
                self.progress.phase = (epoch + 1, Some(cut.relearn_epochs));
            }
        }
        done
    }

    /// Cuts random edges until `share` of all are cut (`when` says when, for the log); an
    /// input or output left without ground fails the network. Returns what it did.
    pub fn cut_to(&mut self, share: f64, when: &str) -> String {
        match cut_share(&mut self.net, share, &mut self.cut_rng) {
            Ok(n) => format!(
                "circuit '{}': {n} edges cut {when}, {:.0}% of all cut",
                self.name,
                100.0 * cut_so_far(&self.net)
            ),
            Err(e) => {
                let why = format!("damage {when} failed it: {e}");
                let line = format!("circuit '{}': {why}", self.name);
                self.progress.failed = Some(why);
                line
            }
        }
    }

    /// Runs the physics on the board `settings` names from now on (the window's choice),
    /// writing the steps learnt so far to it.
    pub fn use_board(&mut self, settings: BoardSettings) {
        self.board = Some(BoardSession::open(settings, &self.net));
    }

    /// Runs the physics in the app from now on; the steps are the board's last.
    pub fn use_simulation(&mut self) {
        if let Some(board) = self.board.take() {
            board.follow(&mut self.net);
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;
    use crate::classify::classifier_network;
    use crate::coupled::{Learning, Rule};

    #[test]
    fn a_regression_example_learns_its_values_mapped_onto_the_target_volts() {
        let spec = CircuitNetSpec {
            features: 2,
            answers: 2,
            shape: ClassifierShape {
                hidden_nodes: 12,
                edges: 60,
                ..ClassifierShape::default()
            },
            learning: Learning {
                rule: Rule::Continuous {
                    rate: 0.05,
                    min_siemens: 1e-3,
                    max_siemens: 1.0,
                },
                nudge: 0.5,
                update_probability: 1.0,
                relaxation: None,
            },
            ..CircuitNetSpec::default()
        };
        let net = classifier_network(2, 2, spec.shape, spec.learning, 5).unwrap();
        let mut brain = CircuitBrain::new(&spec, net, ChaCha8Rng::seed_from_u64(1));
        let (x, want) = ([0.5f32, -1.0], [0.8f32, 0.3]);
        let gap = |a: &[f32]| (a[0] - want[0]).abs().max((a[1] - want[1]).abs());
        let before = brain.example(&x, Want::Values(&want), false).unwrap();
        for _ in 0..3000 {
            brain.example(&x, Want::Values(&want), true).unwrap();
        }
        let after = brain.example(&x, Want::Values(&want), false).unwrap();
        assert!(
            gap(&after) < 0.02 && gap(&before) > 0.1,
            "{before:?} → {after:?}, want {want:?}"
        );
        assert_eq!(
            brain.progress.examples, 3000,
            "only learning examples count"
        );
    }

    #[test]
    fn a_scene_asking_for_relaxing_twins_gets_them() {
        let mut settled = CircuitNetSpec::default();
        settled.learning.update_probability = 1.0;
        let mut relaxing = settled.clone();
        relaxing.learning.relaxation = Some(crate::relax::Relaxation { sweeps: 1 });
        let brain = |spec: &CircuitNetSpec| {
            let net = classifier_network(4, 3, spec.shape, spec.learning, 5).unwrap();
            CircuitBrain::new(spec, net, ChaCha8Rng::seed_from_u64(1))
        };
        let (mut a, mut b) = (brain(&settled), brain(&relaxing));
        let x = [0.5f32, -1.0, 0.2, 1.5];
        let free_a = a.example(&x, Want::Class(1), true).unwrap();
        let free_b = b.example(&x, Want::Class(1), true).unwrap();
        // One sweep from rest leaves the relaxing twin's outputs far from the settled ones, and
        // the edges learn from what each twin saw.
        assert_ne!(free_a, free_b);
        assert_ne!(a.net.steps, b.net.steps);
    }
}
