//! Encoders (rate, latency, population), decoders (spike counts, winner-take-all, membrane,
//! synaptic current) and monitors (population rate, state probes).

use crate::common;

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_spiking::monitors::V_MV;
use neurarium_spiking::prelude::*;

const DT_MS: f64 = 0.1;

fn encoder(size: u32, encoding: EncodingKind, values: Vec<f64>) -> RegionSpec {
    RegionSpec {
        name: "in".to_owned(),
        size,
        model: NeuronModel::Encoder(EncoderParams { encoding, values }),
        ..default()
    }
}

/// Spike counts per neuron of region 0 over `steps`.
fn counts(app: &mut App, region: Entity, size: usize, steps: u64) -> Vec<u32> {
    let mut counts = vec![0; size];
    for _ in 0..steps {
        app.update();
        for &i in &app.world().get::<Spikes>(region).unwrap().fired {
            counts[i as usize] += 1;
        }
    }
    counts
}

#[test]
fn rate_encoder_fires_at_max_rate_times_value() {
    let values = vec![0.0, 0.25, 0.5, 1.0, 2.0];
    let spec = encoder(5, EncodingKind::Rate { max_rate_hz: 200.0 }, values.clone());
    let (mut app, regions) = common::network_app(&[spec], &[], DT_MS);
    let counts = counts(&mut app, regions[0], 5, 100_000); // 10 s
    for (value, count) in values.iter().zip(counts) {
        let expected = 200.0 * value.clamp(0.0, 1.0) * 10.0;
        let sd = expected.sqrt().max(1.0);
        assert!(
            (f64::from(count) - expected).abs() < 4.0 * sd,
            "value {value}: {count} spikes, expected {expected}"
        );
    }
}

#[test]
fn latency_encoder_fires_once_per_window_earlier_for_larger_values() {
    let spec = encoder(
        4,
        EncodingKind::Latency { window_ms: 10.0 },
        vec![1.0, 0.5, 0.0, 0.25],
    );
    let (mut app, regions) = common::network_app(&[spec], &[], DT_MS);
    let mut spikes: Vec<(u64, u32)> = Vec::new();
    for step in 0..300 {
        app.update();
        let fired = &app.world().get::<Spikes>(regions[0]).unwrap().fired;
        spikes.extend(fired.iter().map(|&i| (step, i)));
    }
    // 100-step windows: value x fires at step round((1 − x) · 99) of each window.
    let expected: Vec<(u64, u32)> = (0..3)
        .flat_map(|w| [(w * 100, 0), (w * 100 + 50, 1), (w * 100 + 74, 3)])
        .collect();
    assert_eq!(spikes, expected);
}

#[test]
fn population_encoder_follows_gaussian_tuning_curves() {
    // 2 inputs × 11 neurons, preferred values 0, 0.1, …, 1; σ = spacing = 0.1.
    let spec = encoder(
        22,
        EncodingKind::Population {
            inputs: 2,
            min: 0.0,
            max: 1.0,
            sigma: 0.0,
            max_rate_hz: 500.0,
        },
        vec![0.3, 0.85],
    );
    let (mut app, regions) = common::network_app(&[spec], &[], DT_MS);
    let counts = counts(&mut app, regions[0], 22, 20_000); // 2 s
    for (input, x) in [(0usize, 0.3f64), (1, 0.85)] {
        for j in 0..11 {
            let preferred = j as f64 * 0.1;
            let d = (x - preferred) / 0.1;
            let expected = 500.0 * (-0.5 * d * d).exp() * 2.0;
            let got = f64::from(counts[input * 11 + j]);
            assert!(
                (got - expected).abs() < 4.0 * expected.sqrt().max(1.0),
                "input {input} neuron {j}: {got} spikes, expected {expected:.1}"
            );
        }
    }
}

#[test]
fn encoder_values_can_be_set_and_wrong_lengths_are_refused() {
    let spec = encoder(3, EncodingKind::Rate { max_rate_hz: 1e6 }, vec![]);
    let (mut app, regions) = common::network_app(&[spec], &[], DT_MS);
    app.update();
    assert!(
        app.world()
            .get::<Spikes>(regions[0])
            .unwrap()
            .fired
            .is_empty()
    );
    let mut port = app.world_mut().get_mut::<InputPort>(regions[0]).unwrap();
    assert_eq!(port.name, "in");
    let error = port.set(&[1.0]).unwrap_err();
    assert_eq!(error.to_string(), "input port 'in' takes 3 values, got 1");
    port.set(&[1.0, 0.0, 1.0]).unwrap();
    app.update();
    assert_eq!(
        app.world().get::<Spikes>(regions[0]).unwrap().fired,
        vec![0, 2]
    );

    let bad = encoder(4, EncodingKind::Rate { max_rate_hz: 10.0 }, vec![0.5; 3]);
    let error = bad.validate().unwrap_err().to_string();
    assert!(error.contains("model.Encoder.values"), "{error}");
}

#[test]
fn winner_take_all_picks_the_pool_with_most_spikes_each_window() {
    let spec = RegionSpec {
        readout: ReadoutKind::WinnerTakeAll {
            pools: 3,
            window_ms: 20.0,
        },
        ..encoder(
            30,
            EncodingKind::Rate { max_rate_hz: 400.0 },
            [vec![0.1; 10], vec![0.0; 10], vec![0.9; 10]].concat(),
        )
    };
    let (mut app, regions) = common::network_app(&[spec], &[], DT_MS);
    let mut pool_spikes = [0.0f32; 3];
    for step in 1..=200 {
        app.update();
        for &i in &app.world().get::<Spikes>(regions[0]).unwrap().fired {
            pool_spikes[i as usize / 10] += 1.0;
        }
        let readout = app.world().get::<OutputPort>(regions[0]).unwrap();
        assert_eq!(readout.ready, step % 200 == 0, "step {step}");
    }
    let readout = app.world().get::<OutputPort>(regions[0]).unwrap();
    assert_eq!(readout.values, pool_spikes.to_vec());
    assert_eq!(readout.choice, Some(2));

    app.world_mut()
        .get_mut::<InputPort>(regions[0])
        .unwrap()
        .set(&[0.0; 30])
        .unwrap();
    for _ in 0..200 {
        app.update();
    }
    let readout = app.world().get::<OutputPort>(regions[0]).unwrap();
    assert_eq!(
        (readout.choice, readout.values.clone()),
        (None, vec![0.0; 3])
    );
}

#[test]
fn synaptic_current_readout_is_the_exponentially_filtered_spike_train() {
    let spec = RegionSpec {
        readout: ReadoutKind::SynapticCurrent { tau_ms: 5.0 },
        ..encoder(1, EncodingKind::Latency { window_ms: 100.0 }, vec![1.0])
    };
    let (mut app, regions) = common::network_app(&[spec], &[], DT_MS);
    app.update(); // the spike at step 0
    for k in 1..=300u32 {
        app.update();
        let s = app.world().get::<OutputPort>(regions[0]).unwrap().values[0];
        let expected = (-f64::from(k) * DT_MS / 5.0).exp();
        assert!(
            (f64::from(s) - expected).abs() < 1e-4,
            "step {k}: {s} vs {expected}"
        );
    }
}

#[test]
fn membrane_readout_probes_and_rate_monitor_report_the_model_state() {
    let spec = RegionSpec {
        name: "n".to_owned(),
        size: 4,
        model: NeuronModel::Lif(LifParams {
            bias_na: 2.0,
            ..default()
        }),
        readout: ReadoutKind::Membrane,
        probes: vec![1, 3],
        ..default()
    };
    let (mut app, regions) = common::network_app(&[spec], &[], DT_MS);
    app.insert_resource(Metrics::new(RecordEvery::Steps(10)));
    let mut spikes = 0;
    for _ in 0..1_000 {
        app.update();
        spikes += app.world().get::<Spikes>(regions[0]).unwrap().fired.len();
    }
    let world = app.world();
    let v = &world.get::<LifNeurons>(regions[0]).unwrap().v;
    assert_eq!(&world.get::<OutputPort>(regions[0]).unwrap().values, v);
    let probe = world.get::<StateProbe>(regions[0]).unwrap();
    assert_eq!(probe.steps.len(), 1_000);
    assert_eq!(*probe.traces[1].back().unwrap(), v[3]);
    let metrics = world.resource::<Metrics>();
    let column = metrics.values_in(&V_MV, "n/1").unwrap();
    assert_eq!(column.len(), 100);
    assert!(column.iter().any(|&x| x > -55.0) && column.iter().any(|&x| x < -60.0));
    let rate = world.get::<PopulationRate>(regions[0]).unwrap();
    assert_eq!(rate.bins.len(), 1_000 / rate.bin_steps as usize);
    let mean_bins = rate.bins.iter().map(|&r| f64::from(r)).sum::<f64>() / rate.bins.len() as f64;
    let mean = spikes as f64 / (4.0 * 0.1);
    assert!(
        (mean_bins - mean).abs() < 1e-3 * mean,
        "{mean_bins} vs {mean}"
    );
}

#[test]
fn bad_readouts_and_probes_name_the_field() {
    let spec = RegionSpec {
        size: 10,
        readout: ReadoutKind::WinnerTakeAll {
            pools: 3,
            window_ms: 10.0,
        },
        ..default()
    };
    assert!(
        spec.validate()
            .unwrap_err()
            .to_string()
            .contains("readout.WinnerTakeAll.pools")
    );
    let spec = RegionSpec {
        size: 10,
        probes: vec![10],
        ..default()
    };
    let error = spec.validate().unwrap_err().to_string();
    assert!(
        error.starts_with("probes: neuron 10 does not exist"),
        "{error}"
    );
}

/// `size` neurons that only integrate (no leak, no threshold in reach), with background input
/// of 800 synapses at 25 Hz, weight 0.1 mV (`exploration` as given).
fn integrating_region(size: u32, exploration: bool) -> RegionSpec {
    RegionSpec {
        name: "n".to_owned(),
        size,
        model: NeuronModel::Lif(LifParams {
            tau_m_ms: 1e12,
            v_rest_mv: 0.0,
            v_reset_mv: 0.0,
            v_threshold_mv: 1e9,
            ..default()
        }),
        poisson_input: Some(PoissonInputParams {
            synapses: 800,
            rate_hz: 25.0,
            weight: 0.1,
            receptor: Receptor::Excitatory,
            exploration,
        }),
        ..default()
    }
}

#[test]
fn poisson_background_input_delivers_its_mean_and_variance() {
    // No leak, no threshold in reach: v integrates the input, so after N steps
    // v − v0 ~ weight · Poisson(N λ), λ = 800 · 25 Hz · 0.1 ms = 2.
    let spec = integrating_region(200, false);
    let (mut app, regions) = common::network_app(&[spec], &[], DT_MS);
    for _ in 0..1_000 {
        app.update();
    }
    let v = &app.world().get::<LifNeurons>(regions[0]).unwrap().v;
    let n = v.len() as f64;
    let mean = v.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
    let var = v
        .iter()
        .map(|&x| (f64::from(x) - mean).powi(2))
        .sum::<f64>()
        / (n - 1.0);
    let (expected_mean, expected_var) = (0.1 * 2_000.0, 0.01 * 2_000.0);
    assert!(
        (mean - expected_mean).abs() < 4.0 * (expected_var / n).sqrt(),
        "mean {mean}"
    );
    assert!(
        (var / expected_var - 1.0).abs() < 0.3,
        "variance {var}, expected {expected_var}"
    );
}

#[test]
fn a_probe_added_at_run_time_records_once_probes_are_scheduled() {
    let (mut app, regions) =
        common::network_app(&[common::lif("n", 3, LifParams::default())], &[], DT_MS);
    app.update();
    app.world_mut()
        .entity_mut(regions[0])
        .insert(StateProbe::new(vec![2], 100));
    app.update();
    assert!(
        app.world()
            .get::<StateProbe>(regions[0])
            .unwrap()
            .steps
            .is_empty()
    );
    neurarium_spiking::models::schedule_all_probes(app.world_mut());
    for _ in 0..5 {
        app.update();
    }
    let probe = app.world().get::<StateProbe>(regions[0]).unwrap();
    assert_eq!(probe.steps.len(), 5);
    let v = app.world().get::<LifNeurons>(regions[0]).unwrap().v[2];
    assert_eq!(*probe.traces[0].back().unwrap(), v);
}

#[test]
fn exploration_input_follows_the_learning_rate_and_is_silent_with_learning_off() {
    // As above: v integrates the input, mean weight · N λ after N steps (λ = 2 a step).
    let mean_v = |scale: f64, learning_off: bool| {
        let spec = integrating_region(100, true);
        let (mut app, regions) = common::network_app(&[spec], &[], DT_MS);
        let mut learning = app.world_mut().resource_mut::<LearningRate>();
        learning.scale = scale;
        learning.learning_off = learning_off;
        for _ in 0..500 {
            app.update();
        }
        let v = &app.world().get::<LifNeurons>(regions[0]).unwrap().v;
        v.iter().map(|&x| f64::from(x)).sum::<f64>() / v.len() as f64
    };
    let full = mean_v(1.0, false);
    assert!((full - 100.0).abs() < 5.0, "full rate: mean v {full}");
    let half = mean_v(0.5, false);
    assert!(
        (half - 50.0).abs() < 2.5,
        "half the learning rate: mean v {half}"
    );
    assert_eq!(mean_v(1.0, true), 0.0, "learning off: no exploration");
}
