//! LIF dynamics against closed forms, exact delays, Poisson rates, connectivity rules.

use crate::common;

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_spiking::monitors::RATE_HZ;
use neurarium_spiking::prelude::*;
use rand::SeedableRng;

#[test]
fn subthreshold_decay_follows_the_closed_form() {
    let params = LifParams {
        tau_m_ms: 12.0,
        v_rest_mv: -70.0,
        ..LifParams::default()
    };
    let (mut app, regions) = common::network_app(&[common::lif("n", 1, params)], &[], 0.25);
    app.world_mut().get_mut::<LifNeurons>(regions[0]).unwrap().v[0] = -52.0;
    for step in 1..=200 {
        app.update();
        let v = f64::from(app.world().get::<LifNeurons>(regions[0]).unwrap().v[0]);
        let t = step as f64 * 0.25;
        let expected = -70.0 + (-52.0 - -70.0) * (-t / 12.0).exp();
        assert!(
            (v - expected).abs() < 1e-3,
            "t = {t} ms: v = {v}, expected {expected}"
        );
    }
}

#[test]
fn firing_rate_matches_the_f_i_curve() {
    // Period of a LIF neuron with constant input above rheobase:
    // T = t_ref + τ ln((v∞ − v_reset) / (v∞ − v_th)), v∞ = v_rest + R·I.
    let dt = 0.01;
    for bias_na in [1.6, 2.0, 3.0] {
        let params = LifParams {
            bias_na,
            refractory_ms: 2.0,
            ..LifParams::default()
        };
        let v_inf = params.v_infinity_mv();
        let period = params.refractory_ms
            + params.tau_m_ms
                * ((v_inf - params.v_reset_mv) / (v_inf - params.v_threshold_mv)).ln();
        let (mut app, _) = common::network_app(&[common::lif("n", 1, params)], &[], dt);
        app.insert_resource(Metrics::new(RecordEvery::Steps(100_000)));
        app.insert_resource(Pacing::Unpaced {
            steps_per_update: 100_000,
        });
        app.update(); // 1 s
        let rate = app
            .world()
            .resource::<Metrics>()
            .values_in(&RATE_HZ, "n")
            .unwrap()[0];
        let expected = 1000.0 / period;
        assert!(
            (rate - expected).abs() <= 0.02 * expected + 1.0,
            "I = {bias_na} nA: {rate} Hz, theory {expected:.2} Hz"
        );
    }
}

#[test]
fn below_rheobase_there_are_no_spikes() {
    // v∞ = -65 + 10 · 1.4 = -51 mV < -50 mV threshold.
    let params = LifParams {
        bias_na: 1.4,
        ..LifParams::default()
    };
    let (mut app, _) = common::network_app(&[common::lif("n", 3, params)], &[], 0.1);
    app.insert_resource(Metrics::new(RecordEvery::Steps(20_000)));
    app.insert_resource(Pacing::Unpaced {
        steps_per_update: 20_000,
    });
    app.update();
    assert_eq!(
        app.world()
            .resource::<Metrics>()
            .values_in(&RATE_HZ, "n")
            .unwrap(),
        vec![0.0]
    );
}

#[test]
fn a_spike_arrives_exactly_after_the_set_delay() {
    let source = common::lif("source", 1, LifParams::default());
    let target = common::lif(
        "target",
        1,
        LifParams {
            tau_m_ms: 1.0e6,
            ..LifParams::default()
        },
    );
    let projection = ProjectionSpec {
        from: "source".into(),
        to: "target".into(),
        connectivity: Connectivity::AllToAll,
        weight: WeightInit::Constant(5.0),
        delay_ms: 2.5,
        ..ProjectionSpec::default()
    };
    let (mut app, regions) = common::network_app(&[source, target], &[projection], 0.5);
    // The source starts above threshold: it fires at step 0.
    app.world_mut().get_mut::<LifNeurons>(regions[0]).unwrap().v[0] = -40.0;
    let mut trace = Vec::new();
    for _ in 0..8 {
        app.update();
        trace.push(app.world().get::<LifNeurons>(regions[1]).unwrap().v[0]);
    }
    // 2.5 ms / 0.5 ms = 5 steps: the jump is integrated during step 5 (the 6th update).
    let jump_step = trace
        .iter()
        .position(|&v| v > -64.0)
        .expect("the spike arrives");
    assert_eq!(jump_step, 5, "trace: {trace:?}");
    assert!((trace[5] - -60.0).abs() < 1e-3, "a 5 mV jump: {trace:?}");
}

#[test]
fn refractory_neurons_ignore_input_and_stay_at_reset() {
    let params = LifParams {
        refractory_ms: 1.0,
        bias_na: 10.0,
        ..LifParams::default()
    };
    let (mut app, regions) = common::network_app(&[common::lif("n", 1, params)], &[], 0.1);
    app.world_mut().get_mut::<LifNeurons>(regions[0]).unwrap().v[0] = -49.0;
    app.update(); // fires at step 0
    assert_eq!(
        app.world().get::<Spikes>(regions[0]).unwrap().fired,
        vec![0]
    );
    for _ in 0..10 {
        app.update();
        assert_eq!(
            app.world().get::<LifNeurons>(regions[0]).unwrap().v[0],
            -65.0
        );
    }
    app.update();
    assert!(app.world().get::<LifNeurons>(regions[0]).unwrap().v[0] > -65.0);
}

#[test]
fn poisson_sources_fire_at_their_rate() {
    let spec = RegionSpec {
        name: "p".into(),
        size: 1000,
        model: NeuronModel::Poisson(PoissonParams {
            rate_hz: 20.0,
            ..PoissonParams::default()
        }),
        ..default()
    };
    let (mut app, _) = common::network_app(&[spec], &[], 0.1);
    app.insert_resource(Metrics::new(RecordEvery::Steps(10_000)));
    app.insert_resource(Pacing::Unpaced {
        steps_per_update: 10_000,
    });
    app.update();
    let rate = app
        .world()
        .resource::<Metrics>()
        .values_in(&RATE_HZ, "p")
        .unwrap()[0];
    // 20,000 expected spikes: the standard deviation of the rate is about 0.14 Hz.
    assert!((rate - 20.0).abs() < 1.0, "{rate} Hz");
}

#[test]
fn connectivity_rules_make_the_right_synapses() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let w = WeightInit::Constant(1.0);
    let all = Synapses::build(&Connectivity::AllToAll, &w, 7, 5, &mut rng);
    assert_eq!(all.len(), 35);
    let one = Synapses::build(&Connectivity::OneToOne, &w, 6, 6, &mut rng);
    assert_eq!(one.targets, (0..6).collect::<Vec<u32>>());
    let k = Synapses::build(&Connectivity::FixedInDegree(4), &w, 50, 30, &mut rng);
    let mut in_degree = [0; 30];
    k.targets.iter().for_each(|&t| in_degree[t as usize] += 1);
    assert!(in_degree.iter().all(|&d| d == 4), "{in_degree:?}");
    let p = Synapses::build(&Connectivity::FixedProbability(0.1), &w, 200, 200, &mut rng);
    assert!(
        (3600..4400).contains(&p.len()),
        "{} synapses, 4000 expected",
        p.len()
    );
    let u = Synapses::build(
        &Connectivity::AllToAll,
        &WeightInit::Uniform(-1.0, 2.0),
        30,
        30,
        &mut rng,
    );
    assert!(u.weights.iter().all(|&w| (-1.0..2.0).contains(&w)));
    let mean = u.weights.iter().map(|&w| f64::from(w)).sum::<f64>() / u.len() as f64;
    assert!((mean - 0.5).abs() < 0.1, "{mean}");
}

#[test]
fn raster_keeps_only_its_window() {
    let mut raster = SpikeRaster::new(10);
    for step in 0..30 {
        raster.push(step, &[1, 2]);
    }
    assert_eq!(raster.events.front(), Some(&(20, 1)));
    assert_eq!(raster.events.len(), 20);
}

#[test]
fn static_constant_weights_are_stored_once_and_transmit_the_same() {
    let regions = [
        RegionSpec {
            name: "in".to_owned(),
            size: 50,
            model: NeuronModel::Poisson(PoissonParams {
                rate_hz: 200.0,
                ..PoissonParams::default()
            }),
            ..default()
        },
        common::lif("out", 40, LifParams::default()),
    ];
    let projection = |plasticity| ProjectionSpec {
        from: "in".to_owned(),
        to: "out".to_owned(),
        connectivity: Connectivity::FixedProbability(0.3),
        weight: WeightInit::Constant(0.7),
        plasticity,
        ..default()
    };
    let stdp = Plasticity::Stdp(StdpParams {
        a_plus: 0.0,
        a_minus: 0.0,
        ..default()
    });
    let mut potentials = Vec::new();
    for plasticity in [Plasticity::None, stdp] {
        let shared = plasticity == Plasticity::None;
        let (mut app, regions) = common::network_app(&regions, &[projection(plasticity)], 0.1);
        for _ in 0..500 {
            app.update();
        }
        let world = app.world_mut();
        let synapses = world.query::<&Synapses>().single(world).unwrap().clone();
        assert_eq!(synapses.shared_weight.is_some(), shared);
        assert_eq!(synapses.weights.is_empty(), shared);
        assert!((0..synapses.len()).all(|s| synapses.weight(s) == 0.7));
        potentials.push(app.world().get::<LifNeurons>(regions[1]).unwrap().v.clone());
    }
    // A plastic projection with zero amplitudes keeps per-synapse weights: same dynamics.
    assert_eq!(potentials[0], potentials[1]);
}
