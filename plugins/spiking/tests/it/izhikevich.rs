//! Izhikevich's named firing patterns reproduce their published spike trains.
//!
//! Reference: the same equations and parameters (Izhikevich 2003, Fig. 2) run in Brian2 2.9
//! (float64, forward Euler, dt 0.1 ms, I = 10, 300 ms) by `benches/peers/izhikevich_patterns.py`.
//! Neurarium runs in float32, so spike times may shift by a step or two; counts may differ by
//! one.

use crate::common;

use bevy::prelude::*;
use neurarium_spiking::prelude::*;

/// `(pattern, spike count, first spike ms, first ISIs ms)` from Brian2.
const REFERENCE: [(IzhikevichPattern, usize, f64, [f64; 5]); 7] = [
    (
        IzhikevichPattern::RegularSpiking,
        8,
        3.3,
        [23.7, 45.1, 45.1, 45.1, 45.1],
    ),
    (
        IzhikevichPattern::IntrinsicallyBursting,
        11,
        3.3,
        [2.5, 4.6, 40.3, 31.5, 31.5],
    ),
    (
        IzhikevichPattern::Chattering,
        27,
        3.3,
        [1.6, 1.7, 1.9, 2.2, 2.6],
    ),
    (
        IzhikevichPattern::FastSpiking,
        40,
        3.3,
        [4.6, 6.3, 7.5, 7.7, 7.6],
    ),
    (
        IzhikevichPattern::LowThresholdSpiking,
        25,
        2.6,
        [3.1, 3.7, 4.7, 6.6, 10.2],
    ),
    (
        IzhikevichPattern::ThalamoCortical,
        81,
        2.6,
        [2.7, 2.8, 2.8, 2.9, 2.9],
    ),
    (
        IzhikevichPattern::Resonator,
        56,
        2.5,
        [3.2, 3.9, 4.6, 5.1, 5.3],
    ),
];

/// An app with one Izhikevich neuron, dt = 0.1 ms.
fn single_neuron(params: IzhikevichParams) -> (App, Entity) {
    let spec = RegionSpec {
        name: "n".into(),
        size: 1,
        model: NeuronModel::Izhikevich(params),
        ..default()
    };
    let (app, regions) = common::network_app(&[spec], &[], 0.1);
    (app, regions[0])
}

/// Spike times (ms) of one neuron of `pattern` driven by `bias` for `duration_ms`.
fn spike_times(pattern: IzhikevichPattern, bias: f64, duration_ms: f64) -> Vec<f64> {
    let (mut app, region) = single_neuron(IzhikevichParams {
        pattern,
        bias,
        ..IzhikevichParams::default()
    });
    let mut times = Vec::new();
    for step in 0..(duration_ms / 0.1).round() as u64 {
        app.update();
        if !app.world().get::<Spikes>(region).unwrap().fired.is_empty() {
            times.push(step as f64 * 0.1);
        }
    }
    times
}

fn intervals(times: &[f64]) -> Vec<f64> {
    times.windows(2).map(|w| w[1] - w[0]).collect()
}

#[test]
fn named_patterns_match_the_reference_spike_trains() {
    for (pattern, count, first, isis) in REFERENCE {
        let times = spike_times(pattern, 10.0, 300.0);
        assert!(
            times.len().abs_diff(count) <= 1,
            "{pattern:?}: {} spikes, reference {count}",
            times.len()
        );
        assert!(
            (times[0] - first).abs() <= 0.25,
            "{pattern:?}: first spike at {} ms",
            times[0]
        );
        for (got, want) in intervals(&times).iter().zip(isis) {
            assert!(
                (got - want).abs() <= 0.35,
                "{pattern:?}: ISIs {:?}, reference {isis:?}",
                &intervals(&times)[..5]
            );
        }
    }
}

#[test]
fn patterns_have_their_signatures() {
    let isis = |p| intervals(&spike_times(p, 10.0, 300.0));
    // Regular spiking adapts: intervals lengthen.
    let rs = isis(IzhikevichPattern::RegularSpiking);
    assert!(rs[rs.len() - 1] > 1.5 * rs[0], "RS adapts: {rs:?}");
    // Intrinsic bursting: a burst (short intervals), then much longer tonic intervals.
    let ib = isis(IzhikevichPattern::IntrinsicallyBursting);
    assert!(
        ib[0] < 5.0 && ib[1] < 5.0 && ib[3] > 20.0,
        "IB bursts then spikes: {ib:?}"
    );
    // Chattering: repeated bursts, so intervals are bimodal (intra- and inter-burst).
    let ch = isis(IzhikevichPattern::Chattering);
    let long = ch.iter().filter(|&&i| i > 15.0).count();
    let short = ch.iter().filter(|&&i| i < 5.0).count();
    assert!(long >= 3 && short >= 2 * long, "CH chatters: {ch:?}");
    // Fast spiking fires far more than regular spiking, without strong adaptation.
    let fs = isis(IzhikevichPattern::FastSpiking);
    assert!(fs.len() > 3 * rs.len(), "FS is fast");
    assert!(
        fs[fs.len() - 1] < 1.2 * fs[5],
        "FS does not adapt late: {fs:?}"
    );
}

#[test]
fn resting_neurons_stay_silent_and_thalamocortical_rebounds() {
    assert!(spike_times(IzhikevichPattern::RegularSpiking, 0.0, 300.0).is_empty());
    // A thalamo-cortical neuron released from hyperpolarisation fires a rebound burst. Start
    // it hyperpolarised (v = -90 mV, u = b·v) with no input.
    let (mut app, region) = single_neuron(IzhikevichParams {
        pattern: IzhikevichPattern::ThalamoCortical,
        v_init_mv: -90.0,
        ..IzhikevichParams::default()
    });
    let mut spikes = 0;
    for _ in 0..2000 {
        app.update();
        spikes += app.world().get::<Spikes>(region).unwrap().fired.len();
    }
    assert!(spikes >= 1, "rebound spike after release from -90 mV");
}
