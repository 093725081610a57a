//! STDP window shape, bounds, freezing, and reward modulation (eligibility × dopamine).

use crate::common;

use bevy::prelude::*;
use neurarium_sim::prelude::LearningRate;
use neurarium_spiking::prelude::*;

const DT: f64 = 1.0;

fn stdp(rule: StdpRule) -> StdpParams {
    StdpParams {
        rule,
        a_plus: 0.1,
        a_minus: 0.12,
        tau_plus_ms: 20.0,
        tau_minus_ms: 15.0,
        w_min: 0.0,
        w_max: 10.0,
    }
}

/// `n_pre` presynaptic and one postsynaptic LIF neuron, all-to-all with weight `w0`.
fn pair_app(plasticity: Plasticity, n_pre: u32, w0: f64, frozen: bool) -> (App, Vec<Entity>) {
    layers_app(plasticity, (n_pre, 1), w0, frozen)
}

/// `n_pre` presynaptic and `n_post` postsynaptic quiet LIF neurons (they fire only when
/// forced), all-to-all with weight `w0`.
fn layers_app(
    plasticity: Plasticity,
    (n_pre, n_post): (u32, u32),
    w0: f64,
    frozen: bool,
) -> (App, Vec<Entity>) {
    let quiet = LifParams {
        tau_m_ms: 1.0e6,
        refractory_ms: 0.0,
        ..LifParams::default()
    };
    let projection = ProjectionSpec {
        from: "pre".into(),
        to: "post".into(),
        connectivity: Connectivity::AllToAll,
        weight: WeightInit::Constant(w0),
        plasticity,
        frozen,
        ..ProjectionSpec::default()
    };
    common::network_app(
        &[
            common::lif("pre", n_pre, quiet.clone()),
            common::lif("post", n_post, quiet),
        ],
        &[projection],
        DT,
    )
}

/// Runs `steps` steps; neuron `i` of region `r` is forced to fire at the steps listed.
fn run_with_spikes(app: &mut App, regions: &[Entity], steps: u64, forced: &[(usize, u32, u64)]) {
    for step in 0..steps {
        for &(r, i, at) in forced {
            if at == step {
                app.world_mut().get_mut::<LifNeurons>(regions[r]).unwrap().v[i as usize] = -40.0;
            }
        }
        app.update();
    }
}

fn weights(app: &mut App) -> Vec<f32> {
    let world = app.world_mut();
    world
        .query::<&Synapses>()
        .single(world)
        .unwrap()
        .weights
        .clone()
}

#[test]
fn stdp_window_has_the_set_shape_and_time_constants() {
    for delta in [-40_i64, -20, -10, -5, -1, 1, 5, 10, 20, 40] {
        let (mut app, regions) =
            pair_app(Plasticity::Stdp(stdp(StdpRule::Additive)), 1, 5.0, false);
        let t_pre = 50_u64;
        let t_post = (t_pre as i64 + delta) as u64;
        run_with_spikes(&mut app, &regions, 120, &[(0, 0, t_pre), (1, 0, t_post)]);
        let change = f64::from(weights(&mut app)[0]) - 5.0;
        let expected = if delta > 0 {
            0.1 * (-(delta as f64) / 20.0).exp()
        } else {
            -0.12 * ((delta as f64) / 15.0).exp()
        };
        assert!(
            (change - expected).abs() < 1e-5,
            "Δt = {delta} ms: Δw = {change}, expected {expected}"
        );
    }
}

#[test]
fn simultaneous_spikes_do_not_change_the_weight() {
    let (mut app, regions) = pair_app(Plasticity::Stdp(stdp(StdpRule::Additive)), 1, 5.0, false);
    run_with_spikes(&mut app, &regions, 20, &[(0, 0, 10), (1, 0, 10)]);
    assert_eq!(weights(&mut app)[0], 5.0);
}

#[test]
fn additive_weights_stop_at_the_bounds() {
    let (mut app, regions) = pair_app(Plasticity::Stdp(stdp(StdpRule::Additive)), 1, 9.95, false);
    let pairs: Vec<(usize, u32, u64)> = (0..5)
        .flat_map(|k| [(0, 0, 10 + 10 * k), (1, 0, 11 + 10 * k)])
        .collect();
    run_with_spikes(&mut app, &regions, 70, &pairs);
    assert_eq!(weights(&mut app)[0], 10.0);
}

#[test]
fn multiplicative_potentiation_scales_with_room_to_the_bound() {
    let change_at = |w0: f64| {
        let (mut app, regions) = pair_app(
            Plasticity::Stdp(stdp(StdpRule::Multiplicative)),
            1,
            w0,
            false,
        );
        run_with_spikes(&mut app, &regions, 30, &[(0, 0, 10), (1, 0, 15)]);
        f64::from(weights(&mut app)[0]) - w0
    };
    let (low, high) = (change_at(2.0), change_at(8.0));
    assert!(low > 0.0 && high > 0.0);
    // (10 − 2) / (10 − 8) = 4.
    assert!((low / high - 4.0).abs() < 1e-3, "{low} vs {high}");
}

#[test]
fn frozen_projections_keep_their_weights() {
    let (mut app, regions) = pair_app(Plasticity::Stdp(stdp(StdpRule::Additive)), 1, 5.0, true);
    run_with_spikes(&mut app, &regions, 30, &[(0, 0, 10), (1, 0, 15)]);
    assert_eq!(weights(&mut app)[0], 5.0);
    let world = app.world_mut();
    let plastic = world.query::<&Plastic>().single(world).unwrap();
    assert!(
        plastic.pre_trace[0] > 0.0,
        "traces keep running while frozen"
    );
}

#[test]
fn eligibility_times_dopamine_moves_only_eligible_synapses_when_dopamine_is_present() {
    let rule = Plasticity::RewardStdp(reward_stdp(false, 0.0));
    // Two presynaptic neurons: 0 fires 5 ms before the postsynaptic neuron, 1 never fires.
    let (mut app, regions) = pair_app(rule, 2, 5.0, false);
    run_with_spikes(&mut app, &regions, 30, &[(0, 0, 10), (1, 0, 15)]);
    assert_eq!(
        weights(&mut app),
        vec![5.0, 5.0],
        "no dopamine: no weight change"
    );
    {
        let world = app.world_mut();
        let plastic = world.query::<&Plastic>().single(world).unwrap();
        assert!(plastic.eligibility[0] > 0.0, "synapse 0 is eligible");
        assert_eq!(plastic.eligibility[1], 0.0, "synapse 1 is not");
    }
    app.world_mut().resource_mut::<Dopamine>().reward(1.0);
    run_with_spikes(&mut app, &regions, 50, &[]);
    let w = weights(&mut app);
    assert!(
        w[0] > 5.0,
        "eligible synapse potentiated by dopamine: {w:?}"
    );
    assert_eq!(w[1], 5.0, "ineligible synapse unchanged: {w:?}");

    // Negative prediction error (punishment) depresses the eligible synapse.
    let (mut app, regions) = pair_app(
        Plasticity::RewardStdp(reward_stdp(false, 0.0)),
        2,
        5.0,
        false,
    );
    run_with_spikes(&mut app, &regions, 30, &[(0, 0, 10), (1, 0, 15)]);
    app.world_mut().resource_mut::<Dopamine>().reward(-1.0);
    run_with_spikes(&mut app, &regions, 50, &[]);
    let w = weights(&mut app);
    assert!(w[0] < 5.0 && w[1] == 5.0, "{w:?}");
}

/// The weight (from 1e-20, where any change shows) after an eligible synapse saw dopamine at
/// `level` for one step.
fn tiny_weight_after_dopamine(level: f32) -> f32 {
    let rule = Plasticity::RewardStdp(reward_stdp(false, 0.0));
    let (mut app, regions) = pair_app(rule, 1, 1e-20, false);
    // The presynaptic neuron fires 5 ms before the postsynaptic one: the synapse is eligible.
    run_with_spikes(&mut app, &regions, 30, &[(0, 0, 10), (1, 0, 15)]);
    app.world_mut().resource_mut::<Dopamine>().level = level;
    run_with_spikes(&mut app, &regions, 1, &[]);
    weights(&mut app)[0]
}

#[test]
fn dopamine_below_the_negligible_level_changes_no_weight() {
    assert_eq!(NEGLIGIBLE_DOPAMINE, 1e-12);
    assert_eq!(
        tiny_weight_after_dopamine(1e-13),
        1e-20,
        "1e-13 is no signal"
    );
    assert!(
        tiny_weight_after_dopamine(1e-10) > 1e-20,
        "1e-10 moves the weight"
    );
}

#[test]
fn dopamine_is_reward_minus_a_running_baseline() {
    let mut dopamine = Dopamine {
        baseline_rate: 0.5,
        ..Dopamine::default()
    };
    dopamine.reward(1.0);
    assert_eq!((dopamine.level, dopamine.baseline), (1.0, 0.5));
    dopamine.level = 0.0;
    dopamine.reward(1.0);
    assert_eq!((dopamine.level, dopamine.baseline), (0.5, 0.75));
}

/// Weight change of one pre-before-post pairing (10 ms) under `rule`, with `scale` as the
/// learning-rate factor; a reward-modulated rule then gets one unit of reward.
fn change_with_learning_rate(rule: Plasticity, scale: f64) -> f64 {
    let (mut app, regions) = pair_app(rule, 1, 5.0, false);
    app.world_mut().resource_mut::<LearningRate>().scale = scale;
    run_with_spikes(&mut app, &regions, 30, &[(0, 0, 10), (1, 0, 20)]);
    app.world_mut().resource_mut::<Dopamine>().reward(1.0);
    run_with_spikes(&mut app, &regions, 30, &[]);
    f64::from(weights(&mut app)[0]) - 5.0
}

#[test]
fn the_learning_rate_factor_scales_every_weight_change() {
    let reward_stdp = Plasticity::RewardStdp(RewardStdpParams {
        stdp: stdp(StdpRule::Additive),
        tau_eligibility_ms: 500.0,
        learning_rate: 0.5,
        dopamine: None,
        ..RewardStdpParams::default()
    });
    let bcm = Plasticity::Bcm(BcmParams {
        learning_rate: 1.0e-4,
        w_min: 0.0,
        w_max: 10.0,
        ..BcmParams::default()
    });
    for rule in [Plasticity::Stdp(stdp(StdpRule::Additive)), reward_stdp, bcm] {
        let full = change_with_learning_rate(rule.clone(), 1.0);
        let half = change_with_learning_rate(rule.clone(), 0.5);
        let none = change_with_learning_rate(rule.clone(), 0.0);
        assert!(full.abs() > 1e-3, "{rule:?}: Δw = {full}");
        assert!(
            (half - 0.5 * full).abs() < 1e-3 * full.abs(),
            "{rule:?}: half the rate gives Δw = {half}, full {full}"
        );
        assert_eq!(none, 0.0, "{rule:?}: rate 0 learns nothing");
    }
}

#[test]
fn a_network_has_at_most_one_critic_and_its_values_are_checked() {
    use neurarium_spiking::network::check::validate_network;
    let with_critic = |name: &str, critic: CriticParams| RegionSpec {
        critic: Some(critic),
        ..common::lif(name, 4, LifParams::default())
    };
    let one = SpikingNetworkSpec {
        regions: vec![
            with_critic("place", CriticParams::default()),
            common::lif("motor", 4, LifParams::default()),
        ],
        projections: Vec::new(),
    };
    assert!(validate_network(&one).is_ok());
    let two = SpikingNetworkSpec {
        regions: vec![
            with_critic("place", CriticParams::default()),
            with_critic("other", CriticParams::default()),
        ],
        projections: Vec::new(),
    };
    let error = validate_network(&two).unwrap_err();
    assert_eq!(error.field, "regions[1].critic");
    assert!(
        error
            .message
            .contains("'place' and 'other' both have a critic"),
        "{}",
        error.message
    );
    let bad = with_critic(
        "place",
        CriticParams {
            discount: 1.5,
            ..CriticParams::default()
        },
    );
    assert_eq!(bad.validate().unwrap_err().field, "critic.discount");
}

/// One presynaptic neuron onto two postsynaptic ones (weights 5): the presynaptic neuron fires
/// at 10 ms and postsynaptic neuron 0 at 15 ms (neuron 1 never), then one unit of reward.
/// Returns the two weights.
fn reward_one_of_two_targets(params: RewardStdpParams) -> Vec<f32> {
    let (mut app, regions) = layers_app(Plasticity::RewardStdp(params), (1, 2), 5.0, false);
    run_with_spikes(&mut app, &regions, 30, &[(0, 0, 10), (1, 0, 15)]);
    app.world_mut().resource_mut::<Dopamine>().reward(1.0);
    run_with_spikes(&mut app, &regions, 50, &[]);
    weights(&mut app)
}

fn reward_stdp(zero_sum_rows: bool, eligibility_floor: f64) -> RewardStdpParams {
    RewardStdpParams {
        stdp: stdp(StdpRule::Additive),
        tau_eligibility_ms: 500.0,
        learning_rate: 0.5,
        zero_sum_rows,
        eligibility_floor,
        ..RewardStdpParams::default()
    }
}

#[test]
fn zero_sum_rows_take_what_one_target_gains_from_the_others() {
    let plain = reward_one_of_two_targets(reward_stdp(false, 0.0));
    assert!(plain[0] > 5.1 && plain[1] == 5.0, "{plain:?}");
    let zero_sum = reward_one_of_two_targets(reward_stdp(true, 0.0));
    let gain = zero_sum[0] - 5.0;
    assert!(
        gain > 0.05,
        "the eligible synapse still gains: {zero_sum:?}"
    );
    assert!(
        (zero_sum[1] - (5.0 - gain)).abs() < 1e-4,
        "the other loses as much: {zero_sum:?}"
    );
    assert!(
        (gain - (plain[0] - 5.0) / 2.0).abs() < 1e-4,
        "each gets the change minus the row's mean: {zero_sum:?} against {plain:?}"
    );
}

#[test]
fn eligibility_below_the_floor_is_dropped() {
    // One pairing 5 ms apart writes A₊ e^(−5/20) ≈ 0.078 into the eligibility.
    let kept = reward_one_of_two_targets(reward_stdp(false, 0.05));
    assert!(kept[0] > 5.1, "a change above the floor is kept: {kept:?}");
    let dropped = reward_one_of_two_targets(reward_stdp(false, 0.1));
    assert_eq!(
        dropped,
        [5.0, 5.0],
        "a change below the floor is not written"
    );
}
