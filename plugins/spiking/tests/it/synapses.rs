//! Synapse-side features: short-term plasticity, distance-based and lateral connectivity,
//! homeostatic scaling, BCM, and per-projection dopamine channels.

use crate::common;

use bevy::prelude::*;
use neurarium_sim::prelude::LearningRate;
use neurarium_spiking::network::check::check_network;
use neurarium_spiking::prelude::*;
use rand::SeedableRng;

const DT: f64 = 1.0;

/// LIF neurons that neither leak (in test time) nor rest in refractoriness; they fire only
/// when forced, unless `threshold` is raised.
fn quiet(threshold: f64) -> LifParams {
    LifParams {
        tau_m_ms: 1.0e6,
        refractory_ms: 0.0,
        v_threshold_mv: threshold,
        ..LifParams::default()
    }
}

fn projection(from: &str, to: &str, weight: f64) -> ProjectionSpec {
    ProjectionSpec {
        from: from.into(),
        to: to.into(),
        connectivity: Connectivity::AllToAll,
        weight: WeightInit::Constant(weight),
        ..ProjectionSpec::default()
    }
}

/// Forces neuron `i` of `region` to fire in the next step.
fn force(app: &mut App, region: Entity, i: usize) {
    app.world_mut().get_mut::<LifNeurons>(region).unwrap().v[i] = -40.0;
}

fn weights_of(app: &mut App, index: u32) -> Vec<f32> {
    let world = app.world_mut();
    let (_, synapses) = world
        .query::<(&ProjectionLink, &Synapses)>()
        .iter(world)
        .find(|(link, _)| link.index == index)
        .unwrap();
    (0..synapses.len()).map(|s| synapses.weight(s)).collect()
}

fn plastic(app: &mut App) -> Plastic {
    let world = app.world_mut();
    world.query::<&Plastic>().single(world).unwrap().clone()
}

// ---------------------------------------------------------------------------------------
// Short-term plasticity
// ---------------------------------------------------------------------------------------

/// One presynaptic neuron onto one non-firing postsynaptic neuron with weight `w`; the
/// presynaptic neuron fires at `spike_steps`. Returns the PSP (jump of the postsynaptic
/// potential, mV) caused by each spike.
fn psps(short_term: ShortTermPlasticity, w: f64, spike_steps: &[u64]) -> Vec<f64> {
    let (mut app, regions) = common::network_app(
        &[
            common::lif("pre", 1, quiet(-50.0)),
            common::lif("post", 1, quiet(1.0e3)),
        ],
        &[ProjectionSpec {
            short_term,
            ..projection("pre", "post", w)
        }],
        DT,
    );
    let last = spike_steps.iter().max().copied().unwrap_or(0) + 3;
    let mut jumps = Vec::new();
    let potential = |app: &App| f64::from(app.world().get::<LifNeurons>(regions[1]).unwrap().v[0]);
    for step in 0..last {
        if spike_steps.contains(&step) {
            force(&mut app, regions[0], 0);
        }
        let before = potential(&app);
        app.update();
        let jump = potential(&app) - before;
        if jump.abs() > 1e-3 {
            jumps.push(jump);
        }
    }
    assert_eq!(jumps.len(), spike_steps.len(), "one PSP per spike");
    jumps
}

fn train(first: u64, interval: u64, count: u64) -> Vec<u64> {
    (0..count).map(|k| first + k * interval).collect()
}

fn close(actual: &[f64], expected: &[f64], tolerance: f64) {
    assert_eq!(actual.len(), expected.len());
    for (k, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert!(
            (a - e).abs() < tolerance,
            "PSP {k}: {a}, expected {e}\nall: {actual:?}\nexpected: {expected:?}"
        );
    }
}

#[test]
fn depression_shrinks_successive_psps_as_the_closed_form_says() {
    let (big_u, tau_d, interval, w) = (0.5, 100.0, 20_u64, 2.0);
    let spikes = train(10, interval, 8);
    let depressing = ShortTermPlasticity::TsodyksMarkram(StpParams {
        u: big_u,
        tau_facilitation_ms: 0.0,
        tau_depression_ms: tau_d,
    });
    let measured = psps(depressing, w, &spikes);
    // PSP_n = w · x_n (efficacy U · x_n, normalised by U), x_1 = 1,
    // x_{n+1} = 1 − (1 − (1 − U) x_n) e^(−T/τ_d).
    let recovery = (-(interval as f64) * DT / tau_d).exp();
    let mut x = 1.0;
    let mut expected = Vec::new();
    for _ in &spikes {
        expected.push(w * x);
        x = 1.0 - (1.0 - (1.0 - big_u) * x) * recovery;
    }
    close(&measured, &expected, 1e-4);
    assert!(measured.windows(2).all(|p| p[1] < p[0]), "{measured:?}");
    // Control: without short-term plasticity every spike transmits w.
    let control = psps(ShortTermPlasticity::None, w, &spikes);
    close(&control, &vec![w; spikes.len()], 1e-4);
}

#[test]
fn facilitation_grows_successive_psps_as_the_closed_form_says() {
    let (big_u, tau_f, interval, w) = (0.1, 200.0, 20_u64, 1.0);
    let spikes = train(10, interval, 8);
    let facilitating = ShortTermPlasticity::TsodyksMarkram(StpParams {
        u: big_u,
        tau_facilitation_ms: tau_f,
        tau_depression_ms: 0.0,
    });
    let measured = psps(facilitating, w, &spikes);
    // Resources recover at once (τ_d = 0), so PSP_n = w · u_n / U with u_1 = U and
    // u_{n+1} = U + (1 − U) u_n e^(−T/τ_f).
    let decay = (-(interval as f64) * DT / tau_f).exp();
    let mut u = big_u;
    let mut expected = Vec::new();
    for _ in &spikes {
        expected.push(w * u / big_u);
        u = big_u + (1.0 - big_u) * u * decay;
    }
    close(&measured, &expected, 1e-4);
    assert!(measured.windows(2).all(|p| p[1] > p[0]), "{measured:?}");
    assert!(measured[7] > 3.0 * measured[0], "{measured:?}");
}

#[test]
fn depressed_synapses_recover_after_a_pause() {
    let (big_u, tau_d, w) = (0.6, 100.0, 1.5);
    // A train of 5 at 10 ms, a 100 ms pause (one τ_d), then 3000 ms (30 τ_d).
    let mut spikes = train(10, 10, 5);
    spikes.push(50 + 100);
    spikes.push(150 + 3000);
    let measured = psps(
        ShortTermPlasticity::TsodyksMarkram(StpParams {
            u: big_u,
            tau_facilitation_ms: 0.0,
            tau_depression_ms: tau_d,
        }),
        w,
        &spikes,
    );
    let mut x = 1.0;
    let mut last = spikes[0];
    let mut expected = Vec::new();
    for &t in &spikes {
        x = 1.0 - (1.0 - x) * (-((t - last) as f64) * DT / tau_d).exp();
        expected.push(w * x);
        x -= big_u * x;
        last = t;
    }
    close(&measured, &expected, 1e-4);
    assert!(
        measured[4] < 0.5 * w,
        "depressed by the train: {measured:?}"
    );
    assert!(
        measured[5] > measured[4] && measured[5] < w,
        "partly recovered after one τ_d: {measured:?}"
    );
    assert!(
        (measured[6] - w).abs() < 1e-4,
        "fully recovered: {measured:?}"
    );
}

#[test]
fn short_term_parameters_are_validated() {
    let bad = ShortTermPlasticity::TsodyksMarkram(StpParams {
        u: 1.5,
        ..StpParams::default()
    });
    assert_eq!(bad.validate().unwrap_err().field, "TsodyksMarkram.u");
    let spec = ProjectionSpec {
        short_term: ShortTermPlasticity::TsodyksMarkram(StpParams {
            tau_depression_ms: -1.0,
            ..StpParams::default()
        }),
        ..ProjectionSpec::default()
    };
    assert_eq!(
        spec.validate().unwrap_err().field,
        "short_term.TsodyksMarkram.tau_depression_ms"
    );
}

// ---------------------------------------------------------------------------------------
// Connectivity
// ---------------------------------------------------------------------------------------

#[test]
fn grid_positions_are_normalised_per_axis() {
    let input = Layout {
        columns: 28,
        rows: 28,
    };
    assert_eq!(input.position(0), (0.0, 0.0));
    assert_eq!(input.position(27), (1.0, 0.0));
    assert_eq!(input.position(783), (1.0, 1.0));
    let layer = Layout {
        columns: 10,
        rows: 10,
    };
    assert_eq!(layer.position(99), (1.0, 1.0));
    let line = Layout::line(5);
    assert_eq!(line.position(2), (0.5, 0.5));
    assert_eq!(line.position(4), (1.0, 0.5));
}

#[test]
fn gaussian_connection_probability_falls_with_distance_as_the_formula_says() {
    let (sigma, p_max) = (0.2, 0.8);
    let source = Layout {
        columns: 30,
        rows: 30,
    };
    let target = Layout {
        columns: 20,
        rows: 20,
    };
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    let synapses = Synapses::build_on(
        &Connectivity::Gaussian { sigma, p_max },
        &WeightInit::Constant(1.0),
        source,
        target,
        &mut rng,
    );
    // Per distance bin of width 0.1: observed connections against Σ p and its variance.
    const BINS: usize = 15;
    let mut observed = [0.0_f64; BINS];
    let mut expected = [0.0_f64; BINS];
    let mut variance = [0.0_f64; BINS];
    let mut pairs = [0.0_f64; BINS];
    let distance = |i: u32, j: u32| {
        let ((xi, yi), (xj, yj)) = (source.position(i), target.position(j));
        ((xi - xj).powi(2) + (yi - yj).powi(2)).sqrt()
    };
    for i in 0..source.size() {
        for j in 0..target.size() {
            let d = distance(i, j);
            let p = p_max * (-d * d / (2.0 * sigma * sigma)).exp();
            let bin = ((d / 0.1) as usize).min(BINS - 1);
            expected[bin] += p;
            variance[bin] += p * (1.0 - p);
            pairs[bin] += 1.0;
        }
    }
    for i in 0..source.size() {
        let row = synapses.row_offsets[i as usize]..synapses.row_offsets[i as usize + 1];
        for s in row {
            let d = distance(i, synapses.targets[s as usize]);
            observed[((d / 0.1) as usize).min(BINS - 1)] += 1.0;
        }
    }
    for bin in 0..BINS {
        let sd = variance[bin].sqrt().max(1.0);
        assert!(
            (observed[bin] - expected[bin]).abs() < 4.0 * sd,
            "bin {bin}: {} connections, {:.1} ± {sd:.1} expected",
            observed[bin],
            expected[bin]
        );
    }
    let fraction: Vec<f64> = (0..8).map(|b| observed[b] / pairs[b]).collect();
    assert!(
        fraction.windows(2).all(|f| f[1] < f[0]),
        "connection probability falls with distance: {fraction:?}"
    );
    assert!(fraction[0] > 0.6 && fraction[7] < 0.01, "{fraction:?}");
}

#[test]
fn region_grids_shape_gaussian_projections_at_spawn() {
    // A narrow Gaussian between two 10 × 10 grids connects each neuron only to the one at the
    // same place (the next is 1/9 away, p ≈ e^(−62)). The same regions as lines of 100 put
    // neighbours 1/99 apart, where p ≈ 0.6.
    let connect = |grid: Option<(u32, u32)>| {
        let region = |name: &str| RegionSpec {
            grid,
            ..common::lif(name, 100, quiet(-50.0))
        };
        let (mut app, _) = common::network_app(
            &[region("a"), region("b")],
            &[ProjectionSpec {
                connectivity: Connectivity::Gaussian {
                    sigma: 0.01,
                    p_max: 1.0,
                },
                ..projection("a", "b", 1.0)
            }],
            DT,
        );
        let world = app.world_mut();
        world.query::<&Synapses>().single(world).unwrap().clone()
    };
    let on_grid = connect(Some((10, 10)));
    assert_eq!(on_grid.targets, (0..100).collect::<Vec<u32>>());
    let on_line = connect(None);
    assert!(on_line.len() > 150, "{} synapses", on_line.len());
}

#[test]
fn lateral_inhibition_connects_every_pair_but_no_neuron_to_itself() {
    let n = 37_u32;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let synapses = Synapses::build(
        &Connectivity::LateralInhibition,
        &WeightInit::Constant(-1.0),
        n,
        n,
        &mut rng,
    );
    assert_eq!(synapses.len(), (n * (n - 1)) as usize);
    for i in 0..n {
        let row = synapses.row_offsets[i as usize] as usize
            ..synapses.row_offsets[i as usize + 1] as usize;
        let targets = &synapses.targets[row];
        assert_eq!(
            targets,
            (0..n).filter(|&j| j != i).collect::<Vec<u32>>(),
            "row {i}"
        );
    }
}

#[test]
fn lateral_inhibition_between_different_sizes_and_bad_grids_are_refused() {
    let regions = [
        common::lif("a", 10, quiet(-50.0)),
        common::lif("b", 12, quiet(-50.0)),
    ];
    let lateral = |to: &str| ProjectionSpec {
        connectivity: Connectivity::LateralInhibition,
        ..projection("a", to, -1.0)
    };
    assert!(check_network(&regions, &[lateral("a")]).is_ok());
    let error = check_network(&regions, &[lateral("a"), lateral("b")]).unwrap_err();
    assert!(
        matches!(
            error,
            SpikingError::LateralInhibitionSizeMismatch { index: 1, .. }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("projection 1"), "{error}");

    let bad_grid = RegionSpec {
        grid: Some((3, 4)),
        ..common::lif("g", 10, quiet(-50.0))
    };
    assert_eq!(bad_grid.validate().unwrap_err().field, "grid");
    let good_grid = RegionSpec {
        grid: Some((5, 2)),
        ..bad_grid
    };
    assert!(good_grid.validate().is_ok());
    let bad_gaussian = Connectivity::Gaussian {
        sigma: 0.0,
        p_max: 0.5,
    };
    assert_eq!(
        bad_gaussian.validate().unwrap_err().field,
        "connectivity.Gaussian.sigma"
    );
}

// ---------------------------------------------------------------------------------------
// Homeostatic synaptic scaling
// ---------------------------------------------------------------------------------------

/// Poisson input driving 5 LIF neurons hard, learning on or off; returns (mean final weight,
/// target rate in Hz over the first and over the last second).
fn driven(homeostasis: Option<SynapticScaling>, learning_off: bool) -> (f64, f64, f64) {
    let input = RegionSpec {
        name: "input".into(),
        size: 20,
        model: NeuronModel::Poisson(PoissonParams {
            rate_hz: 50.0,
            ..PoissonParams::default()
        }),
        ..default()
    };
    let (mut app, regions) = common::network_app(
        &[input, common::lif("out", 5, LifParams::default())],
        &[ProjectionSpec {
            homeostasis,
            ..projection("input", "out", 3.0)
        }],
        DT,
    );
    app.world_mut().resource_mut::<LearningRate>().learning_off = learning_off;
    let steps = 6000_u64;
    let (mut first, mut last) = (0_usize, 0_usize);
    for step in 0..steps {
        app.update();
        let fired = app.world().get::<Spikes>(regions[1]).unwrap().fired.len();
        if step < 1000 {
            first += fired;
        } else if step >= steps - 1000 {
            last += fired;
        }
    }
    let w = weights_of(&mut app, 0);
    let mean = w.iter().map(|&w| f64::from(w)).sum::<f64>() / w.len() as f64;
    (mean, first as f64 / 5.0, last as f64 / 5.0)
}

/// Scaling towards `target_rate_hz` at 0.5 per second, every 50 ms.
fn scaling_to(target_rate_hz: f64) -> SynapticScaling {
    SynapticScaling {
        target_rate_hz,
        tau_rate_ms: 200.0,
        rate: 0.5,
        every_ms: 50.0,
    }
}

#[test]
fn synaptic_scaling_brings_an_overdriven_neuron_towards_its_target_rate() {
    let target = 10.0;
    let (w_control, first_control, last_control) = driven(None, false);
    let (w, first, last) = driven(Some(scaling_to(target)), false);
    assert_eq!(w_control, 3.0, "control weights unchanged");
    assert!(
        first_control > 3.0 * target && last_control > 3.0 * target,
        "the control stays overdriven: {first_control} Hz, {last_control} Hz"
    );
    assert!(w < 0.8 * 3.0, "incoming weights scaled down: mean {w}");
    assert!(
        (last - target).abs() < 0.5 * (last_control - target).abs(),
        "rate moved towards the target: {last} Hz (control {last_control} Hz, first second {first} Hz)"
    );
}

#[test]
fn with_learning_off_synaptic_scaling_keeps_every_weight() {
    let (w, first, last) = driven(Some(scaling_to(10.0)), true);
    assert_eq!(w, 3.0, "weights unchanged with learning off");
    assert!(
        first > 30.0 && last > 30.0,
        "the neurons stay overdriven: {first} Hz, {last} Hz"
    );
}

#[test]
fn synaptic_scaling_keeps_the_ratios_and_signs_of_weights() {
    let mut state = ScalingState::new(
        SynapticScaling {
            target_rate_hz: 10.0,
            tau_rate_ms: 100.0,
            rate: 100.0,
            every_ms: 1.0,
        },
        2,
    );
    let mut synapses = Synapses {
        row_offsets: vec![0, 2, 4],
        targets: vec![0, 1, 0, 1],
        weights: vec![1.0, 2.0, -3.0, 4.0],
        shared_weight: None,
    };
    state.rate_hz = vec![200.0, 5.0];
    state.step(&mut synapses, &[], 1.0, 1.0);
    // Target 0 far above its target: factor clipped at 0. Target 1 below: scaled up by
    // 1 + 100 · (10 − r) / 10 · 0.001, r = 5 · e^(−1/100).
    let r1 = 5.0 * (-0.01_f64).exp();
    let up = (1.0 + 100.0 * (10.0 - r1) / 10.0 * 0.001) as f32;
    assert_eq!(synapses.weights[0], 0.0);
    assert_eq!(synapses.weights[2], 0.0);
    assert!((synapses.weights[1] - 2.0 * up).abs() < 1e-6);
    assert!((synapses.weights[3] - 4.0 * up).abs() < 1e-6);
}

// ---------------------------------------------------------------------------------------
// BCM
// ---------------------------------------------------------------------------------------

fn bcm(learning_rate: f64) -> BcmParams {
    BcmParams {
        learning_rate,
        tau_rate_ms: 50.0,
        tau_threshold_ms: 5000.0,
        target_rate_hz: 20.0,
        w_min: 0.0,
        w_max: 10.0,
    }
}

/// One presynaptic neuron firing every `pre_every` steps onto one postsynaptic neuron forced
/// every `post_every` steps (0: never), for `steps`; returns the app.
fn bcm_run(params: BcmParams, w0: f64, pre_every: u64, post_every: u64, steps: u64) -> App {
    let (mut app, regions) = common::network_app(
        &[
            common::lif("pre", 1, quiet(-50.0)),
            common::lif("post", 1, quiet(-50.0)),
        ],
        &[ProjectionSpec {
            plasticity: Plasticity::Bcm(params),
            ..projection("pre", "post", w0)
        }],
        DT,
    );
    for step in 0..steps {
        if pre_every > 0 && step % pre_every == 0 {
            force(&mut app, regions[0], 0);
        }
        if post_every > 0 && step % post_every == 3 {
            force(&mut app, regions[1], 0);
        }
        app.update();
        // Keep presynaptic input from making the postsynaptic neuron fire on its own.
        app.world_mut().get_mut::<LifNeurons>(regions[1]).unwrap().v[0] = -65.0;
    }
    app
}

#[test]
fn bcm_potentiates_above_the_threshold_and_depresses_below_it() {
    let w0 = 1.0;
    // Post at 100 Hz, far above θ (20 Hz, slow to move): potentiation.
    let mut high = bcm_run(bcm(1.0e-8), w0, 10, 10, 1000);
    let w_high = weights_of(&mut high, 0)[0];
    assert!(f64::from(w_high) > w0 + 0.01, "potentiated: {w_high}");
    // Post at 5 Hz, below θ: depression.
    let mut low = bcm_run(bcm(1.0e-8), w0, 10, 200, 1000);
    let w_low = weights_of(&mut low, 0)[0];
    assert!(f64::from(w_low) < w0 - 0.001, "depressed: {w_low}");
    // Post silent: y = 0, no change; pre silent: x = 0, no change.
    let mut silent_post = bcm_run(bcm(1.0e-8), w0, 10, 0, 1000);
    assert_eq!(weights_of(&mut silent_post, 0)[0], 1.0);
    let mut silent_pre = bcm_run(bcm(1.0e-8), w0, 0, 10, 1000);
    assert_eq!(weights_of(&mut silent_pre, 0)[0], 1.0);
}

#[test]
fn bcm_threshold_rises_with_sustained_activity_to_the_mean_squared_rate() {
    let params = BcmParams {
        tau_threshold_ms: 200.0,
        ..bcm(0.0)
    };
    let initial = params.target_rate_hz;
    let mut app = bcm_run(params.clone(), 0.0, 10, 10, 2000);
    let theta = f64::from(plastic(&mut app).threshold[0]);
    // Post every 10 ms with τ_r = 50 ms: y right after a spike is P = (1000/τ_r) / (1 − e^(−10/50)),
    // then P e^(−k/50) for k = 0..9 steps; θ → mean(y²) / r*.
    let peak: f64 = 20.0 / (1.0 - (-0.2_f64).exp());
    let mean_y2 = (0..10)
        .map(|k| peak * peak * (-2.0 * k as f64 / 50.0).exp())
        .sum::<f64>()
        / 10.0;
    let expected = mean_y2 / params.target_rate_hz;
    assert!(theta > 10.0 * initial, "θ rose from {initial} to {theta}");
    assert!(
        (theta - expected).abs() < 0.1 * expected,
        "θ = {theta}, mean y² / r* = {expected}"
    );
    // Weaker activity, a lower threshold.
    let mut slower = bcm_run(params, 0.0, 10, 25, 2000);
    let theta_slower = f64::from(plastic(&mut slower).threshold[0]);
    assert!(theta_slower < theta, "{theta_slower} vs {theta}");
}

// ---------------------------------------------------------------------------------------
// Per-projection dopamine
// ---------------------------------------------------------------------------------------

#[test]
fn reward_on_a_channel_moves_only_the_projections_listening_to_it() {
    let rule = |channel: &str| {
        Plasticity::RewardStdp(RewardStdpParams {
            stdp: StdpParams {
                a_plus: 0.1,
                a_minus: 0.12,
                ..StdpParams::default()
            },
            tau_eligibility_ms: 500.0,
            learning_rate: 0.5,
            dopamine: Some(channel.into()),
            ..RewardStdpParams::default()
        })
    };
    let (mut app, regions) = common::network_app(
        &[
            common::lif("pre", 1, quiet(-50.0)),
            common::lif("a", 1, quiet(-50.0)),
            common::lif("b", 1, quiet(-50.0)),
        ],
        &[
            ProjectionSpec {
                plasticity: rule("A"),
                ..projection("pre", "a", 5.0)
            },
            ProjectionSpec {
                plasticity: rule("B"),
                ..projection("pre", "b", 5.0)
            },
        ],
        DT,
    );
    {
        let channels = app.world().resource::<DopamineChannels>();
        assert_eq!(
            channels.channels.keys().collect::<Vec<_>>(),
            ["A", "B"],
            "one channel per name"
        );
    }
    // Both projections become eligible: pre at 10 ms, both targets at 15 ms.
    for step in 0..30 {
        if step == 10 {
            force(&mut app, regions[0], 0);
        }
        if step == 15 {
            force(&mut app, regions[1], 0);
            force(&mut app, regions[2], 0);
        }
        app.update();
    }
    assert_eq!(
        (weights_of(&mut app, 0)[0], weights_of(&mut app, 1)[0]),
        (5.0, 5.0)
    );
    // The global signal drives neither projection.
    app.world_mut().resource_mut::<Dopamine>().reward(1.0);
    let mut channels = app.world_mut().resource_mut::<DopamineChannels>();
    assert!(channels.reward("A", 1.0));
    assert!(!channels.reward("C", 1.0), "no such channel");
    // Long enough for channel A's dopamine to decay away (τ = 20 ms).
    for _ in 0..500 {
        app.update();
    }
    let (wa, wb) = (weights_of(&mut app, 0)[0], weights_of(&mut app, 1)[0]);
    assert!(wa > 5.0, "listening to A: potentiated, {wa}");
    assert_eq!(wb, 5.0, "listening to B: unchanged");
    // And a punishment on B depresses only B.
    app.world_mut()
        .resource_mut::<DopamineChannels>()
        .reward("B", -1.0);
    for _ in 0..50 {
        app.update();
    }
    assert_eq!(weights_of(&mut app, 0)[0], wa, "A is not moved by B");
    assert!(weights_of(&mut app, 1)[0] < 5.0);
}

// ---------------------------------------------------------------------------------------
// Checkpoints
// ---------------------------------------------------------------------------------------

#[test]
fn short_term_and_scaling_state_survive_a_checkpoint() {
    let build = || {
        common::network_app(
            &[
                common::lif("pre", 3, quiet(-50.0)),
                common::lif("post", 2, quiet(-50.0)),
            ],
            &[ProjectionSpec {
                short_term: ShortTermPlasticity::TsodyksMarkram(StpParams::default()),
                homeostasis: Some(SynapticScaling::default()),
                ..projection("pre", "post", 1.0)
            }],
            DT,
        )
    };
    let (mut app, regions) = build();
    for step in 0..20 {
        if step % 5 == 0 {
            force(&mut app, regions[0], 1);
            force(&mut app, regions[1], 0);
        }
        app.update();
    }
    let state = |app: &mut App| {
        let world = app.world_mut();
        let (stp, scaling) = world
            .query::<(&ShortTermState, &ScalingState)>()
            .single(world)
            .unwrap();
        (
            (stp.u.clone(), stp.x.clone(), stp.last_spike.clone()),
            scaling.clone(),
        )
    };
    let saved = state(&mut app);
    assert!(saved.0.1[1] < 1.0, "neuron 1 is depressed: {:?}", saved.0);
    let bytes = neurarium_spiking::network::checkpoint::save(app.world()).unwrap();
    let (mut fresh, _) = build();
    assert_ne!(state(&mut fresh), saved);
    neurarium_spiking::network::checkpoint::load(fresh.world_mut(), &bytes).unwrap();
    assert_eq!(state(&mut fresh), saved);
}
