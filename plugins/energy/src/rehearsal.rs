//! Rehearsal: learning a new task while the network's own dreams, answered by itself, keep the
//! old classes alive (pseudo-rehearsal with distillation; no real sample of an old class kept).
//!
//! Before a new task, [`AnsweredDreams::dream`] makes `per_class` dreams of every class learnt
//! so far, each **started from a digit of the new task** and relaxed only a few steps with the
//! output clamped to the old class ([`crate::replay::dreams_from_samples`]): the network redraws a new
//! digit the way it expects the old class, so the dreams keep the variety of real strokes. Each
//! dream is then answered by the network as it is now (its free output `ŷ_old`, all units,
//! soft). While the new task trains, every batch of it is followed by batches of dreams whose
//! targets are those answers: the cost `½‖s_out − ŷ_old‖²` keeps the old input–output map
//! where the dreams are. [`leave_old_outputs_free`] stops the new samples pushing the old
//! classes' outputs to 0 (their target is their own free state).
//!
//! Measured on MNIST in tasks (`benches/eqprop_continual.rs --distil`, 5 steps, 700 dreams per
//! old class, 20 batches of dreams after each new batch), held-out seeds 2–7: 0–4 then 5–9,
//! the old digits keep 69–83% instead of 15–35%; five pairs, 51–62% instead of 3–10%. Dreams
//! relaxed from noise, or to the end (100 steps), are class prototypes and win little or
//! nothing back: the network answers them right and real old digits wrong.

use faer::Mat;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::data::Samples;
use crate::dream::DreamSettings;
use crate::error::EnergyError;
use crate::replay::dreams_from_samples;
use crate::train::{BatchOutcome, Relaxed, Trainer};

/// Dreams of the old classes (`inputs × n`) with the network's own answers to them (`outputs ×
/// n`, the free output before the new task).
#[derive(Debug, Clone)]
pub struct AnsweredDreams {
    /// Each column a dreamt input.
    pub inputs: Mat<f32>,
    /// Each column the network's free output for that dream, the target it is rehearsed to.
    pub answers: Mat<f32>,
}

impl AnsweredDreams {
    /// `per_class` dreams of each of `classes`, each started from a sample of `starts` drawn
    /// with replacement, relaxed by `settings`, answered by `trainer`'s network as it is now.
    pub fn dream(
        trainer: &mut Trainer,
        classes: &[usize],
        per_class: usize,
        starts: &Samples,
        settings: &DreamSettings,
        rng: &mut ChaCha8Rng,
    ) -> Result<Self, EnergyError> {
        let (inputs, _) =
            dreams_from_samples(&trainer.net, classes, per_class, starts, settings, rng)?;
        let answers = trainer.predict(&inputs)?;
        Ok(Self { inputs, answers })
    }

    /// How many dreams.
    pub fn len(&self) -> usize {
        self.inputs.ncols()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One training step on `batch` dreams drawn at random: each nudged toward its answer.
    pub fn rehearse(
        &self,
        trainer: &mut Trainer,
        batch: usize,
        rng: &mut ChaCha8Rng,
    ) -> Result<BatchOutcome, EnergyError> {
        if self.is_empty() {
            return Ok(BatchOutcome::default());
        }
        let picks: Vec<usize> = (0..batch)
            .map(|_| rng.random_range(0..self.len()))
            .collect();
        let pick = |m: &Mat<f32>| Mat::from_fn(m.nrows(), picks.len(), |i, j| m[(i, picks[j])]);
        let relaxed = trainer.relax_regression(pick(&self.inputs), pick(&self.answers), true)?;
        trainer.learn(relaxed, 1.0)
    }
}

/// For every sample of `relaxed` whose class is not in `old`, the old classes' targets become
/// their own free outputs: a new digit no longer pushes the old classes' outputs to 0.
pub fn leave_old_outputs_free(relaxed: &mut Relaxed, old: &[usize]) {
    let output = relaxed.states.len() - 1;
    for (j, label) in relaxed.labels.iter().enumerate() {
        if !old.contains(label) {
            for &c in old {
                relaxed.target[(c, j)] = relaxed.states[output][(c, j)];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;
    use crate::train::TrainingSpec;

    /// Four overlapping classes in 16 dimensions: class `c` lights the inputs its fixed
    /// random pattern picks (about half of them, shared with the other classes by chance), with
    /// noise everywhere.
    fn blobs(classes: &[usize], per_class: usize, rng: &mut ChaCha8Rng) -> Samples {
        let mut patterns = ChaCha8Rng::seed_from_u64(99);
        let lit: Vec<Vec<bool>> = (0..4)
            .map(|_| (0..16).map(|_| patterns.random_bool(0.5)).collect())
            .collect();
        let mut values = Vec::new();
        let mut labels = Vec::new();
        for &c in classes {
            for _ in 0..per_class {
                for &on in &lit[c] {
                    values.push(if on { 0.5 } else { 0.0 } + rng.random_range(0.0..0.4));
                }
                labels.push(c);
            }
        }
        Samples::from_rows(values, 16, labels, 4).unwrap()
    }

    fn train_task(
        trainer: &mut Trainer,
        data: &Samples,
        old: &[usize],
        dreams: Option<&AnsweredDreams>,
        rng: &mut ChaCha8Rng,
    ) {
        for _ in 0..20 {
            for start in (0..data.len()).step_by(10) {
                let rows: Vec<usize> = (start..(start + 10).min(data.len())).collect();
                let mut relaxed = trainer
                    .relax_batch(data.batch(&rows), &data.labels_of(&rows), true)
                    .unwrap();
                leave_old_outputs_free(&mut relaxed, old);
                trainer.learn(relaxed, 1.0).unwrap();
                if let Some(dreams) = dreams {
                    dreams.rehearse(trainer, 10, rng).unwrap();
                }
            }
        }
    }

    /// Classes 0–1, then 2–3: old-class accuracy after the second task, with or without
    /// rehearsing answered dreams.
    fn old_accuracy_after(rehearse: bool, seed: u64) -> f32 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut trainer = Trainer::new(&[16, 12, 4], TrainingSpec::default(), seed).unwrap();
        trainer.spec.rates = vec![0.2, 0.1];
        let (first, second) = (blobs(&[0, 1], 60, &mut rng), blobs(&[2, 3], 60, &mut rng));
        train_task(&mut trainer, &first, &[], None, &mut rng);
        assert!(
            trainer.accuracy(&first).unwrap() > 0.85,
            "first task learnt"
        );
        let settings = DreamSettings {
            steps: 3,
            ..DreamSettings::default()
        };
        let dreams =
            AnsweredDreams::dream(&mut trainer, &[0, 1], 60, &second, &settings, &mut rng).unwrap();
        assert_eq!((dreams.len(), dreams.answers.nrows()), (120, 4));
        let replay = rehearse.then_some(&dreams);
        train_task(&mut trainer, &second, &[0, 1], replay, &mut rng);
        assert!(
            trainer.accuracy(&second).unwrap() > 0.8,
            "second task learnt"
        );
        trainer.accuracy(&blobs(&[0, 1], 100, &mut rng)).unwrap()
    }

    #[test]
    fn rehearsing_answered_dreams_keeps_old_classes() {
        for seed in [1, 2, 3] {
            let without = old_accuracy_after(false, seed);
            let with = old_accuracy_after(true, seed);
            assert!(
                with > without + 0.2,
                "seed {seed}: old classes {with} with rehearsal, {without} without"
            );
        }
    }

    #[test]
    fn leaving_old_outputs_free_targets_their_free_state() {
        let mut trainer = Trainer::new(&[16, 8, 4], TrainingSpec::default(), 3).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let data = blobs(&[0, 2], 2, &mut rng);
        let mut relaxed = trainer
            .relax_batch(data.batch(&[0, 1, 2, 3]), &data.labels, false)
            .unwrap();
        leave_old_outputs_free(&mut relaxed, &[0, 1]);
        let output = relaxed.output().clone();
        // Samples 0, 1 are class 0 (old): one-hot targets kept.
        assert_eq!(relaxed.target[(0, 0)], 1.0);
        assert_eq!(relaxed.target[(1, 0)], 0.0);
        // Samples 2, 3 are class 2 (new): old outputs target their free state, others one-hot.
        for j in 2..4 {
            assert_eq!(relaxed.target[(0, j)], output[(0, j)]);
            assert_eq!(relaxed.target[(1, j)], output[(1, j)]);
            assert_eq!(relaxed.target[(2, j)], 1.0);
            assert_eq!(relaxed.target[(3, j)], 0.0);
        }
    }
}
