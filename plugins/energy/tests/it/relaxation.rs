//! Relaxation descends the energy; a diverging one names the layer and step.

use faer::Mat;
use neurarium_energy::energy::{energy, mean};
use neurarium_energy::eqprop::{initial_states, input_clamped};
use neurarium_energy::prelude::*;
use neurarium_energy::relax::{Phase, Relaxer};
use neurarium_energy::trace::relax_traced;

use crate::common::{random_matrix, tiny_net};

/// `steps` free steps of size 0.5 with `clamped` held.
fn free(clamped: &[bool], steps: usize) -> Phase<'_> {
    Phase {
        clamped,
        nudge: None,
        steps,
        step_size: 0.5,
        name: "free",
        masks: None,
        same_input: false,
    }
}

#[test]
fn free_relaxation_lowers_the_energy_and_settles() {
    let net = tiny_net(1);
    let input = random_matrix(4, 4, 2);
    let mut states = initial_states(&net, &input);
    let clamped = input_clamped(&net);
    let mut relaxer = Relaxer::default();
    let mut energies = vec![mean(&energy(&net, &states, None))];
    for _ in 0..30 {
        let phase = free(&clamped, 1);
        relaxer.relax(&net, &mut states, &phase).expect("relaxes");
        energies.push(mean(&energy(&net, &states, None)));
    }
    for pair in energies.windows(2) {
        assert!(pair[1] <= pair[0] + 1e-6, "energy rose: {energies:?}");
    }
    assert!(
        energies[30] < energies[0] - 0.1,
        "energy barely moved: {energies:?}"
    );
    let before = states.clone();
    let phase = free(&clamped, 1);
    relaxer.relax(&net, &mut states, &phase).expect("relaxes");
    assert!(
        (&states[2] - &before[2]).norm_max() < 1e-4,
        "not settled after 30 steps"
    );
    assert_eq!(states[0], input, "the clamped input moved");
}

#[test]
fn a_non_finite_weight_stops_the_relaxation_naming_layer_and_step() {
    let mut net = tiny_net(1);
    net.weights[1][(2, 1)] = f32::INFINITY;
    let input = random_matrix(4, 2, 2);
    let error = EqProp::default()
        .free_phase(&net, &input, &EqPropSettings::default(), None)
        .expect_err("must diverge");
    match error {
        EnergyError::Diverged {
            phase, layer, step, ..
        } => {
            assert_eq!(phase, "free");
            // Layer 1 reads W_1 through the output's zero start (0 · ∞) before layer 2 does.
            assert_eq!(layer, 1, "{error}");
            assert_eq!(step, 1, "{error}");
        }
        other => panic!("expected a divergence, got {other}"),
    }
    let message = EqProp::default()
        .free_phase(&net, &input, &EqPropSettings::default(), None)
        .expect_err("must diverge")
        .to_string();
    assert!(
        message.contains("layer 1") && message.contains("step 1"),
        "{message}"
    );
}

#[test]
fn dropped_units_stay_silent() {
    let net = tiny_net(4);
    let input = random_matrix(4, 2, 5);
    let mut masks: Vec<Mat<f32>> = net
        .sizes
        .iter()
        .map(|&n| Mat::from_fn(n, 2, |_, _| 1.0))
        .collect();
    masks[1][(3, 0)] = 0.0;
    let states = EqProp::default()
        .free_phase(&net, &input, &EqPropSettings::default(), Some(&masks))
        .expect("relaxes");
    assert_eq!(states[1][(3, 0)], 0.0);
    assert!(
        states[1][(3, 1)] > 0.0,
        "the other sample's unit is not dropped"
    );
}

#[test]
fn the_energy_reuses_the_relaxations_input_product() {
    let net = tiny_net(6);
    let input = random_matrix(4, 3, 7);
    let mut states = initial_states(&net, &input);
    let clamped = input_clamped(&net);
    let mut relaxer = Relaxer::default();
    let phase = free(&clamped, 5);
    relaxer.relax(&net, &mut states, &phase).expect("relaxes");
    let reused = energy(&net, &states, relaxer.input_product());
    let computed = energy(&net, &states, None);
    for (a, b) in reused.iter().zip(&computed) {
        assert!((a - b).abs() < 1e-5, "{reused:?} vs {computed:?}");
    }
    assert!(relaxer.input_product().is_some());
}

#[test]
fn dreams_refuse_unknown_classes_and_misshapen_starts() {
    use neurarium_energy::dream::{DreamSettings, dream, dream_from};
    use rand::SeedableRng;
    let net = tiny_net(2);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let dreams = dream(&net, &[0, 2], &DreamSettings::default(), &mut rng).expect("dreams");
    assert_eq!(dreams.shape(), (4, 2), "one input column per dream");
    let error = dream(&net, &[3], &DreamSettings::default(), &mut rng).expect_err("3 outputs");
    assert!(
        error.to_string().contains("cannot dream class 3"),
        "{error}"
    );
    let error = dream_from(&net, Mat::zeros(4, 1), &[0, 1], &DreamSettings::default())
        .expect_err("one start for two dreams");
    assert!(error.to_string().contains("dream starts"), "{error}");
}

#[test]
fn a_traced_relaxation_ends_at_the_free_equilibrium_with_its_energy_falling() {
    let net = tiny_net(8);
    let inputs = random_matrix(net.inputs(), 1, 9);
    let input: Vec<f32> = (0..net.inputs()).map(|i| inputs[(i, 0)]).collect();
    let settings = EqPropSettings::default();
    let traced = relax_traced(&net, &input, &settings).unwrap();
    let free = EqProp::default()
        .free_phase(&net, &inputs, &settings, None)
        .unwrap();
    for (layer, states) in free.iter().enumerate() {
        let column: Vec<f32> = (0..states.nrows()).map(|i| states[(i, 0)]).collect();
        assert_eq!(traced.states[layer], column, "layer {layer}");
    }
    assert_eq!(traced.energy.len(), settings.free_steps + 1);
    let (first, last) = (traced.energy[0], traced.energy[settings.free_steps]);
    assert!(last < first, "energy {first} → {last}");
    assert!(relax_traced(&net, &input[1..], &settings).is_err());
}

#[test]
fn the_loop_between_two_hidden_layers_starts_contracting() {
    use rand::SeedableRng;
    // σ_max of the hidden-to-hidden weights by power iteration on WᵀW: below 1, so relaxing
    // two free layers does not run away to a saturated pattern; the input's weights keep the
    // full Glorot bound.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let net = LayeredNet::new(&[784, 500, 500, 10], &mut rng).unwrap();
    let largest_singular_value = |w: &Mat<f32>| {
        let mut v = Mat::<f32>::from_fn(w.ncols(), 1, |i, _| 1.0 + (i % 7) as f32);
        let mut sigma = 0.0;
        for _ in 0..100 {
            let u = w * &v;
            let next = w.transpose() * &u;
            let norm = next.norm_l2();
            sigma = (norm / v.norm_l2()).sqrt();
            v = next * faer::Scale(1.0 / norm);
        }
        sigma
    };
    let between_hidden = largest_singular_value(&net.weights[1]);
    assert!(
        (0.6..1.0).contains(&between_hidden),
        "σ_max between the hidden layers {between_hidden}"
    );
    let glorot = (6.0f32 / 1284.0).sqrt();
    let largest_input_weight = (0..784)
        .flat_map(|i| (0..500).map(move |j| (i, j)))
        .map(|(i, j)| net.weights[0][(i, j)].abs())
        .fold(0.0f32, f32::max);
    assert!(largest_input_weight > 0.95 * glorot && largest_input_weight <= glorot);
}

#[test]
fn sleep_steps_bring_each_class_dream_towards_its_data() {
    use neurarium_energy::dream::{DreamSettings, dream};
    use neurarium_energy::sleep::sleep_step;
    use rand::SeedableRng;
    // Distance of each class's dream from its class mean, summed over classes.
    let data = crate::common::blobs(400, 12, 4, 21);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2);
    let mut net = LayeredNet::new(&[12, 16, 4], &mut rng).unwrap();
    let settings = DreamSettings::default();
    let means: Vec<Vec<f32>> = (0..4)
        .map(|c| {
            let rows: Vec<usize> = (0..data.len()).filter(|&i| data.labels[i] == c).collect();
            (0..12)
                .map(|f| rows.iter().map(|&i| data.sample(i)[f]).sum::<f32>() / rows.len() as f32)
                .collect()
        })
        .collect();
    let distance = |net: &LayeredNet| {
        let dreams = dream(
            net,
            &[0, 1, 2, 3],
            &settings,
            &mut rand_chacha::ChaCha8Rng::seed_from_u64(0),
        )
        .unwrap();
        (0..4)
            .map(|c| {
                (0..12)
                    .map(|f| (dreams[(f, c)] - means[c][f]).powi(2))
                    .sum::<f32>()
                    .sqrt()
            })
            .sum::<f32>()
    };
    let before = distance(&net);
    let rows: Vec<usize> = (0..data.len()).collect();
    for _ in 0..10 {
        for batch in rows.chunks(20) {
            sleep_step(
                &mut net,
                &data.batch(batch),
                &data.labels_of(batch),
                &settings,
                0.05,
            )
            .unwrap();
        }
    }
    let after = distance(&net);
    assert!(
        after < 0.5 * before,
        "dreams' distance from their class means {before} → {after}"
    );
}
