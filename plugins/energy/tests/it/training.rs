//! Training learns what an untrained network cannot, by EqProp and by backprop, with every
//! optimiser; bad settings are refused naming the field.

use neurarium_energy::prelude::*;

use crate::common::blobs;

fn spec(learner: Learner, optimizer: OptimizerKind, rates: Vec<f32>) -> TrainingSpec {
    TrainingSpec {
        learner,
        batch: 10,
        rates,
        optimizer,
        ..TrainingSpec::default()
    }
}

/// Test accuracy after `epochs` on held-out blobs, and before training.
fn learn(spec: TrainingSpec, epochs: u32, seed: u64) -> (f32, f32) {
    let train = blobs(300, 12, 4, 100 + seed);
    let test = blobs(200, 12, 4, 100 + seed);
    let mut trainer = Trainer::new(&[12, 20, 4], spec, seed).expect("valid");
    let before = trainer.accuracy(&test).expect("evaluates");
    for _ in 0..epochs {
        trainer.train_epoch(&train).expect("trains");
    }
    (before, trainer.accuracy(&test).expect("evaluates"))
}

#[test]
fn eqprop_learns_where_the_untrained_network_does_not() {
    for seed in [1, 2, 3] {
        let (before, after) = learn(
            spec(Learner::default(), OptimizerKind::Sgd, vec![0.2, 0.1]),
            15,
            seed,
        );
        assert!(before < 0.5, "seed {seed}: untrained already at {before}");
        assert!(
            after > 0.9,
            "seed {seed}: EqProp reached only {after} (from {before})"
        );
    }
}

#[test]
fn every_optimiser_trains_both_learners() {
    let optimizers = [
        (OptimizerKind::Sgd, 0.2),
        (OptimizerKind::Momentum(0.9), 0.02),
        (OptimizerKind::ADAM, 0.005),
    ];
    for learner in [Learner::default(), Learner::Backprop] {
        for (optimizer, rate) in optimizers {
            let (_, after) = learn(spec(learner, optimizer, vec![rate, rate / 2.0]), 15, 7);
            assert!(after > 0.9, "{learner:?} with {optimizer:?}: {after}");
        }
    }
}

#[test]
fn bad_settings_name_their_field() {
    let bad = TrainingSpec {
        rates: vec![0.1],
        ..TrainingSpec::default()
    };
    let error = Trainer::new(&[12, 20, 4], bad, 1).expect_err("one rate for two matrices");
    assert!(error.to_string().contains("`rates`"), "{error}");
    let bad = TrainingSpec {
        dropout: 1.0,
        ..TrainingSpec::default()
    };
    let error = Trainer::new(&[12, 20, 4], bad, 1).expect_err("dropout 1");
    assert!(error.to_string().contains("`dropout`"), "{error}");
    let bad = TrainingSpec {
        learner: Learner::EqProp(EqPropSettings {
            beta: 0.0,
            ..EqPropSettings::default()
        }),
        ..TrainingSpec::default()
    };
    let error = Trainer::new(&[784, 500, 10], bad, 1).expect_err("β = 0");
    assert!(error.to_string().contains("`beta`"), "{error}");
}

#[test]
fn the_surprise_gate_skips_what_is_already_known_and_still_learns() {
    use neurarium_energy::surprise::SurpriseSpec;
    let gated = TrainingSpec {
        surprise: Some(SurpriseSpec::default()),
        ..spec(Learner::default(), OptimizerKind::Sgd, vec![0.2, 0.1])
    };
    let train = blobs(300, 12, 4, 104);
    let test = blobs(200, 12, 4, 104);
    let mut trainer = Trainer::new(&[12, 20, 4], gated, 4).expect("valid");
    let mut skipped = Vec::new();
    for _ in 0..15 {
        let stats = trainer.train_epoch(&train).expect("trains");
        skipped.push(stats.skipped);
    }
    let accuracy = trainer.accuracy(&test).expect("evaluates");
    assert!(accuracy > 0.9, "gated EqProp reached only {accuracy}");
    assert!(
        skipped[14] > 0.2,
        "once learnt, most samples should teach nothing: {skipped:?}"
    );
    assert!(skipped[0] < skipped[14], "{skipped:?}");
}

#[test]
fn shifts_move_an_image_and_lose_what_slides_out() {
    use faer::Mat;
    use neurarium_energy::regularize::{Shifts, shift_images};
    use rand::SeedableRng;
    // A 4 × 3 image with one lit pixel at (x 1, y 1); many draws of shifts up to 1 pixel.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let mut image = Mat::from_fn(12, 1, |i, _| if i == 4 + 1 { 1.0 } else { 0.0 });
        shift_images(&mut image, Shifts { width: 4, max: 1 }, &mut rng);
        let lit: Vec<usize> = (0..12).filter(|&i| image[(i, 0)] == 1.0).collect();
        assert_eq!(
            lit.len(),
            1,
            "the pixel stays whole inside the image: {lit:?}"
        );
        seen.insert(lit[0]);
    }
    // Every position within one pixel of (1, 1): x 0..=2, y 0..=2.
    let expected: std::collections::BTreeSet<usize> =
        [0, 1, 2, 4, 5, 6, 8, 9, 10].into_iter().collect();
    assert_eq!(seen, expected);
    let mut corner = Mat::from_fn(12, 1, |i, _| if i == 0 { 1.0 } else { 0.0 });
    let mut lost = false;
    for _ in 0..50 {
        shift_images(&mut corner, Shifts { width: 4, max: 1 }, &mut rng);
        lost |= (0..12).all(|i| corner[(i, 0)] == 0.0);
    }
    assert!(lost, "a corner pixel shifted out must be gone");
}

#[test]
fn a_saved_trainer_resumes_bit_for_bit() {
    use neurarium_energy::surprise::SurpriseSpec;
    use neurarium_energy::train::SavedTrainer;
    let train = blobs(200, 12, 4, 105);
    let spec = TrainingSpec {
        optimizer: OptimizerKind::ADAM,
        rates: vec![0.005, 0.0025],
        dropout: 0.1,
        surprise: Some(SurpriseSpec::default()),
        ..TrainingSpec::default()
    };
    let mut straight = Trainer::new(&[12, 20, 4], spec.clone(), 9).expect("valid");
    let mut resumed = Trainer::new(&[12, 20, 4], spec, 9).expect("valid");
    for _ in 0..2 {
        straight.train_epoch(&train).expect("trains");
    }
    resumed.train_epoch(&train).expect("trains");
    let bytes = postcard::to_allocvec(&resumed.to_saved()).expect("serialises");
    let saved: SavedTrainer = postcard::from_bytes(&bytes).expect("deserialises");
    let mut resumed = Trainer::from_saved(saved).expect("restores");
    resumed.train_epoch(&train).expect("trains");
    assert_eq!(resumed.epoch, 2);
    assert_eq!(
        resumed.net, straight.net,
        "two epochs straight = one, save, load, one"
    );
    assert_ne!(resumed.net.weights[0][(0, 0)], 0.0);
}

#[test]
fn a_saved_trainer_of_the_wrong_shape_is_refused() {
    use neurarium_energy::train::SavedTrainer;
    let trainer = Trainer::new(&[12, 20, 4], TrainingSpec::default(), 1).expect("valid");
    let mut saved: SavedTrainer = trainer.to_saved();
    saved.net.weights[1].pop();
    let error = Trainer::from_saved(saved).expect_err("a weight is missing");
    assert!(error.to_string().contains("saved weights 1"), "{error}");
}

#[test]
fn eqprop_learns_a_regression_with_targets_scaled_into_the_units_range() {
    use faer::Mat;
    use neurarium_energy::data::UnitRange;
    use rand::{Rng, SeedableRng};
    // y = x₀ − x₁ in −1..1, scaled into 0..1: a target the output units can reach.
    let range = UnitRange {
        low: -1.0,
        high: 1.0,
    };
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let mut batch = |n: usize| {
        let input = Mat::from_fn(4, n, |_, _| rng.random_range(0.0..1.0f32));
        let target = Mat::from_fn(1, n, |_, j| range.to_unit(input[(0, j)] - input[(1, j)]));
        (input, target)
    };
    let (test_input, test_target) = batch(200);
    let spec = TrainingSpec {
        rates: vec![0.2, 0.05],
        batch: 10,
        ..TrainingSpec::default()
    };
    let mut trainer = Trainer::new(&[4, 16, 1], spec, 3).expect("valid");
    let test_cost = |trainer: &mut Trainer| {
        let relaxed = trainer
            .relax_regression(test_input.clone(), test_target.clone(), false)
            .expect("relaxes");
        relaxed.outcome().cost / 200.0
    };
    let before = test_cost(&mut trainer);
    for _ in 0..400 {
        let (input, target) = batch(10);
        let relaxed = trainer
            .relax_regression(input, target, true)
            .expect("relaxes");
        trainer.learn(relaxed, 1.0).expect("learns");
    }
    let after = test_cost(&mut trainer);
    assert!(after < 0.2 * before, "test cost {before} → {after}");
    // Read back: the prediction error in the quantity's own units.
    let relaxed = trainer
        .relax_regression(test_input.clone(), test_target.clone(), false)
        .expect("relaxes");
    let error: f32 = (0..200)
        .map(|j| {
            (range.from_unit(relaxed.output()[(0, j)]) - range.from_unit(test_target[(0, j)])).abs()
        })
        .sum::<f32>()
        / 200.0;
    assert!(error < 0.15, "mean absolute error {error}");
    let wrong = trainer.relax_regression(test_input, Mat::zeros(2, 200), false);
    assert!(wrong.is_err());
}
