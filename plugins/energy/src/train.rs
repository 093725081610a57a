//! Training a layered network on labelled samples, by equilibrium propagation or by
//! backpropagation (the control), with the optimisers, regularisers and schedules people
//! expect. One call of [`Trainer::train_epoch`] is one shuffled pass in mini-batches.

use faer::Mat;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::backprop;
use crate::data::{Samples, one_hot};
use crate::dense::argmax_columns;
use crate::eqprop::{EqProp, EqPropSettings};
use crate::error::EnergyError;
use crate::net::{LayeredNet, SavedNet};
use crate::optim::{Optimizer, OptimizerKind, SavedOptimizer};
use crate::regularize::{Shifts, add_input_noise, dropout_masks, shift_images};
use crate::schedule::Schedule;
use crate::surprise::{SurpriseGate, SurpriseSpec};

/// How the gradient is found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Learner {
    /// Equilibrium propagation: free and nudged relaxations, local updates.
    EqProp(EqPropSettings),
    /// The control: feed-forward pass and backpropagation, same parameters and cost.
    Backprop,
}

impl Default for Learner {
    fn default() -> Self {
        Self::EqProp(EqPropSettings::default())
    }
}

/// Everything about training, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainingSpec {
    /// EqProp (with its phases) or backprop.
    pub learner: Learner,
    /// Samples per mini-batch.
    pub batch: usize,
    /// Learning rate of the parameters into each layer above the input (`rates[l]` for `W_l`
    /// and `b_{l+1}`); one per weight matrix.
    pub rates: Vec<f32>,
    /// The optimiser.
    pub optimizer: OptimizerKind,
    /// L2 weight decay λ on the weights.
    pub weight_decay: f32,
    /// Standard deviation of Gaussian noise added to each training input (0: none).
    pub input_noise: f32,
    /// Probability of silencing a hidden unit for a batch (0: none).
    pub dropout: f32,
    /// Random shifts of the training images (`None`: none).
    pub shifts: Option<Shifts>,
    /// Factor on the rates by epoch.
    pub schedule: Schedule,
    /// Surprise-gated learning (EqProp only): `None`, every sample teaches equally.
    pub surprise: Option<SurpriseSpec>,
}

impl Default for TrainingSpec {
    /// Scellier & Bengio's 784-500-10 settings: batch 20, rates 0.1 and 0.05, plain SGD.
    fn default() -> Self {
        Self {
            learner: Learner::default(),
            batch: 20,
            rates: vec![0.1, 0.05],
            optimizer: OptimizerKind::Sgd,
            weight_decay: 0.0,
            input_noise: 0.0,
            dropout: 0.0,
            shifts: None,
            schedule: Schedule::Constant,
            surprise: None,
        }
    }
}

impl TrainingSpec {
    /// Checks the settings against layer sizes `sizes`; the error names the field.
    pub fn check(&self, sizes: &[usize]) -> Result<(), EnergyError> {
        let bad = |field, message: String| Err(EnergyError::Setting { field, message });
        if let Learner::EqProp(settings) = &self.learner {
            settings.check()?;
        }
        if self.batch == 0 {
            return bad("batch", "must be at least 1".into());
        }
        if self.rates.len() != sizes.len() - 1 {
            return bad(
                "rates",
                format!(
                    "needs one rate per weight matrix: {} for layer sizes {sizes:?}, got {}",
                    sizes.len() - 1,
                    self.rates.len()
                ),
            );
        }
        if let Some(r) = self.rates.iter().find(|r| !(r.is_finite() && **r >= 0.0)) {
            return bad(
                "rates",
                format!("each must be finite and not negative, got {r}"),
            );
        }
        if !(self.weight_decay >= 0.0 && self.weight_decay.is_finite()) {
            return bad(
                "weight_decay",
                format!("must be finite and not negative, got {}", self.weight_decay),
            );
        }
        if !(self.input_noise >= 0.0 && self.input_noise.is_finite()) {
            return bad(
                "input_noise",
                format!("must be finite and not negative, got {}", self.input_noise),
            );
        }
        if let Some(shifts) = self.shifts
            && (shifts.width == 0 || !sizes[0].is_multiple_of(shifts.width))
        {
            return bad(
                "shifts",
                format!(
                    "width {} does not divide the {} inputs into image rows",
                    shifts.width, sizes[0]
                ),
            );
        }
        if !(0.0..1.0).contains(&self.dropout) {
            return bad(
                "dropout",
                format!("must be in [0, 1), got {}", self.dropout),
            );
        }
        if let Some(surprise) = &self.surprise {
            if self.learner == Learner::Backprop {
                return bad(
                    "surprise",
                    "gates EqProp's nudge; the Backprop learner has none".into(),
                );
            }
            surprise.check()?;
        }
        self.optimizer.check()?;
        self.schedule.check()
    }
}

/// What an epoch of training measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochStats {
    /// Fraction of training samples predicted right while training (before each update).
    pub train_accuracy: f32,
    /// Mean cost `C` of the prediction.
    pub cost: f32,
    /// Mean energy at the free equilibrium (EqProp; 0 for backprop).
    pub energy: f32,
    /// Parameter updates made (one per batch that taught anything).
    pub updates: u64,
    /// Fraction of the samples whose update the surprise gate skipped (0 without a gate).
    pub skipped: f32,
    /// Mean energy jump during the nudge (EqProp with a surprise gate; 0 otherwise).
    pub energy_jump: f32,
}

/// Everything a trainer is, as plain data: a checkpoint resumes bit for bit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedTrainer {
    /// How it trains.
    pub spec: TrainingSpec,
    /// The parameters.
    pub net: SavedNet,
    /// The optimiser's moments.
    pub optimizer: SavedOptimizer,
    /// Epochs done.
    pub epoch: u32,
    /// The random stream where it stands.
    pub rng: ChaCha8Rng,
    /// The surprise gate's running mean jump.
    pub mean_jump: Option<f32>,
}

/// What one mini-batch of training did (sums over its samples).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchOutcome {
    /// Samples predicted right (before the update).
    pub right: usize,
    /// Summed cost `C` of the predictions.
    pub cost: f64,
    /// Summed energy at the free equilibrium (EqProp).
    pub energy: f64,
    /// Updates made: 1, or 0 when the surprise gate silenced every sample.
    pub updates: u64,
    /// Samples whose update the surprise gate skipped.
    pub skipped: usize,
    /// Summed energy jump during the nudge (with a surprise gate).
    pub jump: f64,
}

impl BatchOutcome {
    /// Adds `other`'s sums to these.
    pub fn add(&mut self, other: &BatchOutcome) {
        self.right += other.right;
        self.cost += other.cost;
        self.energy += other.energy;
        self.updates += other.updates;
        self.skipped += other.skipped;
        self.jump += other.jump;
    }
}

/// A mini-batch at its free equilibrium (or passed forward): the prediction, and what the
/// nudge and the update of [`Trainer::learn`] need.
#[derive(Debug, Clone)]
pub struct Relaxed {
    /// The input as the network saw it (after any training regulariser), `inputs × batch`.
    pub input: Mat<f32>,
    /// Each sample's class (empty for regression).
    pub labels: Vec<usize>,
    /// Every layer's states at the free equilibrium (EqProp) or its activations (backprop);
    /// the last is the prediction, `outputs × batch`.
    pub states: Vec<Mat<f32>>,
    /// Each sample's energy `E` at the free equilibrium (EqProp; empty for backprop).
    pub energies: Vec<f32>,
    /// The targets, `outputs × batch`: one-hot classes, or regression values in `0..1`.
    pub target: Mat<f32>,
    masks: Option<Vec<Mat<f32>>>,
}

impl Relaxed {
    /// The prediction, `outputs × batch`.
    pub fn output(&self) -> &Mat<f32> {
        &self.states[self.states.len() - 1]
    }

    /// The predicted class of each sample: its largest output.
    pub fn predicted(&self) -> Vec<usize> {
        argmax_columns(self.output())
    }

    /// What the prediction scored: samples right, summed cost and energy (no update yet).
    pub fn outcome(&self) -> BatchOutcome {
        BatchOutcome {
            right: count_right(self.output(), &self.labels),
            cost: f64::from(
                crate::energy::cost(self.output(), &self.target)
                    .iter()
                    .sum::<f32>(),
            ),
            energy: f64::from(self.energies.iter().sum::<f32>()),
            ..BatchOutcome::default()
        }
    }
}

/// A network with its optimiser and random stream, trained epoch by epoch.
#[derive(Debug)]
pub struct Trainer {
    /// The parameters.
    pub net: LayeredNet,
    /// How it trains.
    pub spec: TrainingSpec,
    /// Epochs done.
    pub epoch: u32,
    optimizer: Optimizer,
    eqprop: EqProp,
    gate: Option<SurpriseGate>,
    rng: ChaCha8Rng,
}

impl Trainer {
    /// A fresh network of layer sizes `sizes`, its weights and every later random draw from
    /// `seed`.
    pub fn new(sizes: &[usize], spec: TrainingSpec, seed: u64) -> Result<Self, EnergyError> {
        spec.check(sizes)?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let net = LayeredNet::new(sizes, &mut rng)?;
        let optimizer = Optimizer::new(spec.optimizer, spec.weight_decay, &net);
        let gate = spec.surprise.map(SurpriseGate::new);
        Ok(Self {
            gate,
            net,
            spec,
            epoch: 0,
            optimizer,
            eqprop: EqProp::default(),
            rng,
        })
    }

    /// Its whole state as plain data, for a checkpoint.
    pub fn to_saved(&self) -> SavedTrainer {
        SavedTrainer {
            spec: self.spec.clone(),
            net: self.net.to_saved(),
            optimizer: self.optimizer.to_saved(&self.net.sizes),
            epoch: self.epoch,
            rng: self.rng.clone(),
            mean_jump: self.gate.as_ref().and_then(|g| g.mean_jump),
        }
    }

    /// A trainer back from a checkpoint; shapes and settings are checked.
    pub fn from_saved(saved: SavedTrainer) -> Result<Self, EnergyError> {
        let net = LayeredNet::from_saved(&saved.net)?;
        saved.spec.check(&net.sizes)?;
        let optimizer = Optimizer::from_saved(
            saved.spec.optimizer,
            saved.spec.weight_decay,
            &saved.optimizer,
            &net.sizes,
        )?;
        let gate = saved.spec.surprise.map(|spec| SurpriseGate {
            spec,
            mean_jump: saved.mean_jump,
        });
        Ok(Self {
            net,
            spec: saved.spec,
            epoch: saved.epoch,
            optimizer,
            eqprop: EqProp::default(),
            gate,
            rng: saved.rng,
        })
    }

    /// One shuffled pass over `data` in mini-batches (the last one may be smaller).
    pub fn train_epoch(&mut self, data: &Samples) -> Result<EpochStats, EnergyError> {
        self.check_data(data)?;
        let mut order: Vec<usize> = (0..data.len()).collect();
        order.shuffle(&mut self.rng);
        let mut sums = BatchOutcome::default();
        for rows in order.chunks(self.spec.batch) {
            let outcome = self.train_batch(data.batch(rows), &data.labels_of(rows))?;
            sums.add(&outcome);
        }
        self.epoch += 1;
        let n = data.len().max(1) as f64;
        Ok(EpochStats {
            train_accuracy: (sums.right as f64 / n) as f32,
            cost: (sums.cost / n) as f32,
            energy: (sums.energy / n) as f32,
            updates: sums.updates,
            skipped: (sums.skipped as f64 / n) as f32,
            energy_jump: (sums.jump / n) as f32,
        })
    }

    /// One mini-batch: `input` (`inputs × batch`, before the training regularisers) with its
    /// `labels`; the rates follow the schedule at the current epoch. [`Self::relax_batch`] then
    /// [`Self::learn`].
    pub fn train_batch(
        &mut self,
        input: Mat<f32>,
        labels: &[usize],
    ) -> Result<BatchOutcome, EnergyError> {
        let relaxed = self.relax_batch(input, labels, true)?;
        self.learn(relaxed, 1.0)
    }

    /// The first half of a mini-batch: `input` (`inputs × batch`) relaxed to its free
    /// equilibrium (EqProp) or passed forward (backprop). With `training`, the training
    /// regularisers (shifts, input noise, dropout) are applied first, as [`Self::learn`] expects.
    pub fn relax_batch(
        &mut self,
        input: Mat<f32>,
        labels: &[usize],
        training: bool,
    ) -> Result<Relaxed, EnergyError> {
        let target = one_hot(self.net.outputs(), labels);
        self.relax_toward(input, target, labels, training)
    }

    /// [`Self::relax_batch`] for regression: `target` (`outputs × batch`) holds the wanted
    /// outputs, each scaled into the units' range `0..1` (see [`crate::data::UnitRange`]).
    pub fn relax_regression(
        &mut self,
        input: Mat<f32>,
        target: Mat<f32>,
        training: bool,
    ) -> Result<Relaxed, EnergyError> {
        if target.shape() != (self.net.outputs(), input.ncols()) {
            return Err(EnergyError::Shape(format!(
                "targets of shape {:?} for {} outputs × {} samples",
                target.shape(),
                self.net.outputs(),
                input.ncols()
            )));
        }
        self.relax_toward(input, target, &[], training)
    }

    fn relax_toward(
        &mut self,
        mut input: Mat<f32>,
        target: Mat<f32>,
        labels: &[usize],
        training: bool,
    ) -> Result<Relaxed, EnergyError> {
        let samples = input.ncols();
        let mut masks = None;
        if training {
            if let Some(shifts) = self.spec.shifts {
                shift_images(&mut input, shifts, &mut self.rng);
            }
            add_input_noise(&mut input, self.spec.input_noise, &mut self.rng);
            masks = (self.spec.dropout > 0.0)
                .then(|| dropout_masks(&self.net.sizes, samples, self.spec.dropout, &mut self.rng));
        }
        let (states, energies) = match &self.spec.learner {
            Learner::EqProp(settings) => {
                let states =
                    self.eqprop
                        .free_phase(&self.net, &input, settings, masks.as_deref())?;
                let energies = self.eqprop.free_energy(&self.net, &states);
                (states, energies)
            }
            Learner::Backprop => (backprop::forward(&self.net, &input), Vec::new()),
        };
        Ok(Relaxed {
            target,
            input,
            labels: labels.to_vec(),
            states,
            energies,
            masks,
        })
    }

    /// The second half of a training mini-batch: from the free equilibrium `relaxed` (which
    /// [`Self::relax_batch`] just found with `training`), the nudged phases and the update,
    /// the rates times the schedule's factor times `scale` (a global factor: 1, or a
    /// learning-rate schedule's).
    pub fn learn(&mut self, relaxed: Relaxed, scale: f32) -> Result<BatchOutcome, EnergyError> {
        let factor = self.spec.schedule.factor(self.epoch) * scale;
        let mut outcome = relaxed.outcome();
        let Relaxed {
            input,
            states,
            target,
            masks,
            ..
        } = relaxed;
        let fused_sgd = self.spec.optimizer == OptimizerKind::Sgd && self.spec.weight_decay == 0.0;
        match &self.spec.learner {
            Learner::EqProp(settings) => {
                let phases = self.eqprop.nudge(
                    &self.net,
                    states,
                    &target,
                    settings,
                    &mut self.rng,
                    masks.as_deref(),
                    self.gate.as_mut(),
                )?;
                let silent = phases.sample_weights.iter().filter(|&&w| w == 0.0).count();
                outcome.skipped = silent;
                outcome.jump = f64::from(phases.energy_jump.iter().sum::<f32>());
                if silent < target.ncols() {
                    if fused_sgd {
                        phases.descend(&mut self.net, &self.spec.rates, factor);
                    } else {
                        let grads = phases.gradients(&self.net);
                        self.optimizer
                            .step(&mut self.net, &grads, &self.spec.rates, factor);
                    }
                    outcome.updates = 1;
                }
            }
            Learner::Backprop => {
                let (grads, _) = backprop::gradients(&self.net, &input, &target);
                self.optimizer
                    .step(&mut self.net, &grads, &self.spec.rates, factor);
                outcome.updates = 1;
            }
        }
        Ok(outcome)
    }

    /// The output (`outputs × batch`) for `input` (`inputs × batch`): the free equilibrium (EqProp) or the
    /// forward pass (backprop).
    pub fn predict(&mut self, input: &Mat<f32>) -> Result<Mat<f32>, EnergyError> {
        match &self.spec.learner {
            Learner::EqProp(settings) => {
                let mut states = self.eqprop.free_phase(&self.net, input, settings, None)?;
                Ok(states.pop().unwrap_or_else(|| Mat::zeros(0, 0)))
            }
            Learner::Backprop => {
                let mut activations = backprop::forward(&self.net, input);
                Ok(activations.pop().unwrap_or_else(|| Mat::zeros(0, 0)))
            }
        }
    }

    /// The fraction of `data` classified right (in batches of 500).
    pub fn accuracy(&mut self, data: &Samples) -> Result<f32, EnergyError> {
        self.check_data(data)?;
        let order: Vec<usize> = (0..data.len()).collect();
        let mut right = 0;
        for rows in order.chunks(500) {
            let output = self.predict(&data.batch(rows))?;
            right += count_right(&output, &data.labels_of(rows));
        }
        Ok(right as f32 / data.len().max(1) as f32)
    }

    fn check_data(&self, data: &Samples) -> Result<(), EnergyError> {
        if data.features() != self.net.inputs() || data.classes != self.net.outputs() {
            return Err(EnergyError::Shape(format!(
                "the data have {} features and {} classes, the network {} inputs and {} outputs",
                data.features(),
                data.classes,
                self.net.inputs(),
                self.net.outputs()
            )));
        }
        Ok(())
    }
}

/// How many columns of `output` name their sample's label (the largest output is the class).
fn count_right(output: &Mat<f32>, labels: &[usize]) -> usize {
    argmax_columns(output)
        .iter()
        .zip(labels)
        .filter(|(predicted, label)| predicted == label)
        .count()
}
