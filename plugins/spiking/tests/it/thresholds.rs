//! Moving thresholds: adaptation (Diehl & Cook) and the relative refractory period, against
//! their closed forms and against the same neuron with a fixed threshold.

use crate::common;

use bevy::prelude::*;
use neurarium_spiking::prelude::*;

const DT_MS: f64 = 0.1;

/// Spike steps of one bias-driven LIF neuron over `steps`, and its final state.
fn spike_steps(params: LifParams, steps: u64) -> (Vec<u64>, LifNeurons) {
    let (spikes, app, region) =
        common::single_neuron_spikes(NeuronModel::Lif(params), steps, DT_MS);
    let neurons = app.world().get::<LifNeurons>(region).unwrap().clone();
    (spikes, neurons)
}

fn driven(dynamic_threshold: DynamicThresholdParams) -> LifParams {
    LifParams {
        bias_na: 2.0, // v∞ = −45 mV, 5 mV above the −50 mV threshold
        dynamic_threshold,
        ..default()
    }
}

fn intervals(steps: &[u64]) -> Vec<u64> {
    steps.windows(2).map(|w| w[1] - w[0]).collect()
}

#[test]
fn adaptation_raises_the_threshold_by_its_step_per_spike_and_slows_firing() {
    let (fixed, _) = spike_steps(driven(DynamicThresholdParams::default()), 5_000);
    let fixed_intervals = intervals(&fixed);
    assert!(
        fixed_intervals.windows(2).all(|w| w[0] == w[1]),
        "{fixed_intervals:?}"
    );

    let adapting = DynamicThresholdParams {
        adaptation_mv: 0.2,
        adaptation_tau_ms: 1e7,
        ..default()
    };
    let (spikes, neurons) = spike_steps(driven(adapting), 5_000);
    let isi = intervals(&spikes);
    assert!(
        isi.windows(2).all(|w| w[1] >= w[0]),
        "intervals never shrink: {isi:?}"
    );
    assert!(isi.last().unwrap() > &(isi[0] + 10), "{isi:?}");
    assert!(spikes.len() < fixed.len());
    // With τ_θ = 10⁷ ms the decay over 500 ms is below 0.01%: θ = spikes × θ₊.
    let theta = f64::from(neurons.threshold.adaptation[0]);
    let expected = spikes.len() as f64 * 0.2;
    assert!(
        (theta - expected).abs() < 1e-3 * expected,
        "θ {theta} vs {expected}"
    );
}

#[test]
fn adaptation_decays_with_its_time_constant() {
    let adapting = DynamicThresholdParams {
        adaptation_mv: 1.0,
        adaptation_tau_ms: 50.0,
        ..default()
    };
    let params = LifParams {
        bias_na: 0.0,
        ..driven(adapting)
    };
    let (mut app, entities) = common::network_app(&[common::lif("n", 1, params)], &[], DT_MS);
    app.world_mut()
        .get_mut::<LifNeurons>(entities[0])
        .unwrap()
        .threshold
        .adaptation[0] = 3.0;
    for _ in 0..1_000 {
        app.update();
    }
    let theta = app
        .world()
        .get::<LifNeurons>(entities[0])
        .unwrap()
        .threshold
        .adaptation[0];
    let expected = 3.0 * (-100.0f64 / 50.0).exp();
    assert!(
        (f64::from(theta) - expected).abs() < 1e-4,
        "θ {theta}, expected {expected}"
    );
}

#[test]
fn relative_refractoriness_lengthens_the_interval_as_its_closed_form_says() {
    let relative = DynamicThresholdParams {
        relative_refractory_mv: 20.0,
        relative_refractory_tau_ms: 10.0,
        ..default()
    };
    let strongly_driven = |dynamic_threshold| LifParams {
        bias_na: 3.0, // v∞ = −35 mV
        ..driven(dynamic_threshold)
    };
    let params = strongly_driven(relative);
    let (spikes, _) = spike_steps(params.clone(), 3_000);
    let isi = intervals(&spikes);
    let (fixed, _) = spike_steps(strongly_driven(DynamicThresholdParams::default()), 3_000);
    let fixed_isi = intervals(&fixed)[0];

    // After a spike at step s: v is held at reset for the absolute period, then
    // v(t) = v∞ + (v_reset − v∞) e^(−t'/τ_m) (t' from the end of the absolute period), and
    // the threshold is v_th + Δ_r e^(−t/τ_r) (t from the spike). The first step where
    // v ≥ threshold ends the interval.
    let v_inf = params.v_infinity_mv();
    let refractory_steps = (params.refractory_ms / DT_MS).round() as u64;
    let expected = (1..)
        .find(|&k: &u64| {
            let free_steps = k.saturating_sub(refractory_steps) as f64;
            let v =
                v_inf + (params.v_reset_mv - v_inf) * (-free_steps * DT_MS / params.tau_m_ms).exp();
            let threshold = params.v_threshold_mv + 20.0 * (-(k as f64) * DT_MS / 10.0).exp();
            k > refractory_steps && v >= threshold
        })
        .unwrap();
    assert!(isi.len() > 3);
    for &interval in &isi {
        assert!(
            interval.abs_diff(expected) <= 1,
            "interval {interval}, closed form {expected}"
        );
    }
    assert!(isi[0] > fixed_isi + 20, "{} vs fixed {fixed_isi}", isi[0]);
}

#[test]
fn bad_dynamic_threshold_values_name_the_field() {
    let params = LifParams {
        dynamic_threshold: DynamicThresholdParams {
            relative_refractory_tau_ms: 0.0,
            ..default()
        },
        ..default()
    };
    let error = params.validate().unwrap_err().to_string();
    assert!(
        error.contains("dynamic_threshold.relative_refractory_tau_ms"),
        "{error}"
    );
}
