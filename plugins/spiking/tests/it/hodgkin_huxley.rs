//! Hodgkin–Huxley neurons fire at the known rheobase and reproduce the reference spike train.
//!
//! Reference: the same equations, parameters, step protocol and integrator (exponential
//! Euler, 0.01 ms) in Brian2 2.9, `benches/peers/hodgkin_huxley_rheobase.py`: a 100 ms step
//! from rest gives one spike from 2.245 µA/cm² and repetitive firing from 6.174 µA/cm² (the
//! textbook onset of repetitive firing of the squid axon model, about 6.2 µA/cm²); 10 µA/cm²
//! gives 7 spikes, the first at 1.93 ms, then every 14.7 ms.

use crate::common;

use bevy::prelude::*;
use neurarium_spiking::prelude::*;

const DT_MS: f64 = 0.1;

/// Spike times (ms) of one neuron driven by a `bias` µA/cm² step for `duration_ms`.
fn spike_times(bias: f64, duration_ms: f64) -> Vec<f64> {
    let model = NeuronModel::HodgkinHuxley(HodgkinHuxleyParams {
        bias_ua_cm2: bias,
        ..default()
    });
    let steps = (duration_ms / DT_MS).round() as u64;
    let (spikes, _, _) = common::single_neuron_spikes(model, steps, DT_MS);
    spikes
        .iter()
        .map(|&step| (step + 1) as f64 * DT_MS)
        .collect()
}

/// The smallest bias (to 0.01 µA/cm²) that gives at least `spikes` spikes in 100 ms.
fn threshold_current(spikes: usize, mut low: f64, mut high: f64) -> f64 {
    assert!(spike_times(low, 100.0).len() < spikes);
    assert!(spike_times(high, 100.0).len() >= spikes);
    while high - low > 0.01 {
        let mid = 0.5 * (low + high);
        if spike_times(mid, 100.0).len() >= spikes {
            high = mid;
        } else {
            low = mid;
        }
    }
    high
}

#[test]
fn fires_at_the_known_rheobase() {
    let single = threshold_current(1, 0.0, 5.0);
    assert!((single - 2.245).abs() < 0.05, "one-spike rheobase {single}");
    let repetitive = threshold_current(3, 3.0, 10.0);
    assert!(
        (repetitive - 6.174).abs() < 0.05,
        "repetitive-firing threshold {repetitive}"
    );
}

#[test]
fn spike_train_matches_the_reference() {
    let times = spike_times(10.0, 100.0);
    assert_eq!(times.len(), 7, "{times:?}");
    assert!((times[0] - 1.93).abs() <= 0.15, "first spike {}", times[0]);
    for pair in times.windows(2).skip(1) {
        let isi = pair[1] - pair[0];
        assert!((isi - 14.71).abs() <= 0.25, "interval {isi} in {times:?}");
    }
}

#[test]
fn rests_without_input_and_an_excitatory_kick_triggers_one_spike() {
    assert!(spike_times(0.0, 50.0).is_empty());
    let regions = [
        RegionSpec {
            name: "kick".to_owned(),
            size: 1,
            model: NeuronModel::Poisson(PoissonParams {
                rate_hz: 0.0,
                ..PoissonParams::default()
            }),
            ..default()
        },
        RegionSpec {
            name: "axon".to_owned(),
            size: 1,
            model: NeuronModel::HodgkinHuxley(HodgkinHuxleyParams::default()),
            ..default()
        },
    ];
    let kick = |mv: f64| {
        let projection = ProjectionSpec {
            from: "kick".to_owned(),
            to: "axon".to_owned(),
            connectivity: Connectivity::OneToOne,
            weight: WeightInit::Constant(mv),
            ..default()
        };
        let (mut app, entities) = common::network_app(&regions, &[projection], DT_MS);
        let mut spikes = 0;
        for step in 0..300 {
            if step == 10 {
                app.world_mut()
                    .get_mut::<PoissonSource>(entities[0])
                    .unwrap()
                    .params
                    .rate_hz = 1e9;
            } else if step == 11 {
                app.world_mut()
                    .get_mut::<PoissonSource>(entities[0])
                    .unwrap()
                    .params
                    .rate_hz = 0.0;
            }
            app.update();
            spikes += app.world().get::<Spikes>(entities[1]).unwrap().fired.len();
        }
        spikes
    };
    assert_eq!(kick(3.0), 0, "a 3 mV jump stays subthreshold");
    assert_eq!(kick(30.0), 1, "a 30 mV jump fires exactly one spike");
}
