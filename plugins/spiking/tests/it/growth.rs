//! Structural plasticity on small networks: dead neurons never fire and keep no synapses,
//! newborns are wired by the projection's rule, synaptogenesis joins co-active pairs, pruning
//! removes weak synapses, caps hold, eligibility follows its synapse, and a checkpoint restores
//! the grown network or is refused when the growth does not match.

use bevy::prelude::*;
use neurarium_spiking::growth::neurons::GrowingRegion;
use neurarium_spiking::growth::rewiring::Rewiring;
use neurarium_spiking::growth::spec::{NeuronGrowth, SynapseGrowth};
use neurarium_spiking::network::checkpoint;
use neurarium_spiking::plasticity::state::{IncomingSynapses, Plastic};
use neurarium_spiking::prelude::*;
use neurarium_spiking::synapses::poisson_input::PoissonInputParams;
use neurarium_spiking::synapses::projection::{Connectivity, ProjectionLink, Synapses, WeightInit};

use crate::common;

const DT: f64 = 1.0;

/// 40 Poisson inputs at 30 Hz onto a LIF cortex of `size` slots driven by background input.
fn network(cortex: Option<NeuronGrowth>, synapses: Option<SynapseGrowth>) -> (App, Vec<Entity>) {
    network_of(cortex, synapses, LifParams::default())
}

/// [`network`] with the cortex's LIF parameters.
fn network_of(
    cortex: Option<NeuronGrowth>,
    synapses: Option<SynapseGrowth>,
    lif: LifParams,
) -> (App, Vec<Entity>) {
    let input = RegionSpec {
        name: "input".into(),
        size: 40,
        model: NeuronModel::Poisson(PoissonParams {
            rate_hz: 30.0,
            ..PoissonParams::default()
        }),
        ..default()
    };
    let cortex = RegionSpec {
        poisson_input: Some(PoissonInputParams {
            synapses: 20,
            rate_hz: 20.0,
            weight: 1.2,
            ..default()
        }),
        growth: cortex,
        ..common::lif("cortex", 60, lif)
    };
    let projections = [
        ProjectionSpec {
            from: "input".into(),
            to: "cortex".into(),
            connectivity: Connectivity::FixedProbability(0.2),
            weight: WeightInit::Uniform(0.0, 2.0),
            plasticity: Plasticity::RewardStdp(RewardStdpParams::default()),
            growth: synapses,
            ..default()
        },
        ProjectionSpec {
            from: "cortex".into(),
            to: "cortex".into(),
            connectivity: Connectivity::LateralInhibition,
            weight: WeightInit::Constant(0.5),
            receptor: Receptor::Inhibitory,
            ..default()
        },
    ];
    common::network_app(&[input, cortex], &projections, DT)
}

fn projections(
    app: &mut App,
) -> Vec<(String, Synapses, Option<Plastic>, Option<IncomingSynapses>)> {
    let world = app.world_mut();
    let mut q = world.query::<(
        &ProjectionLink,
        &Synapses,
        Option<&Plastic>,
        Option<&IncomingSynapses>,
    )>();
    let mut all: Vec<_> = q
        .iter(world)
        .map(|(l, s, p, i)| (l.index, l.name.clone(), s.clone(), p.cloned(), i.cloned()))
        .collect();
    all.sort_by_key(|p| p.0);
    all.into_iter()
        .map(|(_, n, s, p, i)| (n, s, p, i))
        .collect()
}

fn growing(app: &App, cortex: Entity) -> GrowingRegion {
    app.world().get::<GrowingRegion>(cortex).unwrap().clone()
}

/// Every synapse joins two alive neurons, rows are sorted without repeats, the transpose and
/// the eligibility match the synapses.
fn assert_consistent(app: &mut App, alive: &[bool]) {
    for (name, synapses, plastic, incoming) in projections(app) {
        let rows = synapses.row_offsets.len() - 1;
        for pre in 0..rows as u32 {
            let (start, end) = synapses.row(pre);
            let row = &synapses.targets[start..end];
            assert!(
                row.windows(2).all(|w| w[0] < w[1]),
                "{name}: row {pre} {row:?}"
            );
            let source_alive = name.starts_with("input") || alive[pre as usize];
            assert!(
                source_alive || row.is_empty(),
                "{name}: dead source {pre} has {row:?}"
            );
            for &post in row {
                assert!(alive[post as usize], "{name}: {pre} → dead {post}");
            }
        }
        if let (Some(plastic), Some(incoming)) = (plastic, incoming) {
            assert_eq!(plastic.eligibility.len(), synapses.len(), "{name}");
            assert_eq!(incoming, IncomingSynapses::build(&synapses, 60), "{name}");
        }
    }
}

#[test]
fn dead_neurons_never_fire_and_keep_no_synapses_while_the_region_grows_to_its_cap() {
    let params = NeuronGrowth {
        alive_at_start: 10,
        every_ms: 50.0,
        birth_above_hz: Some(1.0),
        births_per_check: 3,
        die_after_silent_ms: None,
    };
    let (mut app, regions) = network(Some(params), None);
    let cortex = regions[1];
    let alive = growing(&app, cortex).alive;
    assert_consistent(&mut app, &alive);
    let start = projections(&mut app)[0].1.len();
    let mut alive_over_time = Vec::new();
    for _ in 0..1500 {
        app.update();
        let g = growing(&app, cortex);
        let fired = &app.world().get::<Spikes>(cortex).unwrap().fired;
        for &i in fired {
            assert!(g.alive[i as usize], "dead neuron {i} fired");
        }
        alive_over_time.push(g.alive_count);
    }
    let g = growing(&app, cortex);
    assert_consistent(&mut app, &g.alive);
    // 10 alive, 3 born every 50 ms while active: the cap of 60 after about 17 checks.
    assert_eq!(alive_over_time[48], 10);
    assert_eq!(alive_over_time[49], 13);
    assert_eq!(g.alive_count, 60);
    assert_eq!(g.born, 50);
    assert!(g.cap_reported);
    // Newborns wired like their siblings: about 0.2 · 40 inputs each.
    let grown = projections(&mut app)[0].1.len();
    let per_neuron = grown as f64 / 60.0;
    assert!(
        grown > start * 4 && (5.0..11.0).contains(&per_neuron),
        "{start} → {grown}"
    );
    // Lateral inhibition among all 60 alive: n (n − 1).
    assert_eq!(projections(&mut app)[1].1.len(), 60 * 59);
    let rewiring = app.world().get::<Rewiring>(regions[1]);
    assert!(rewiring.is_none(), "rewiring lives on projections");
}

#[test]
fn silent_neurons_die_with_their_synapses() {
    let params = NeuronGrowth {
        alive_at_start: 60,
        every_ms: 100.0,
        die_after_silent_ms: Some(300.0),
        ..default()
    };
    // A bias above threshold: every neuron fires tonically, unless it is held down.
    let tonic = LifParams {
        bias_na: 1.6,
        ..default()
    };
    let (mut app, regions) = network_of(Some(params), None, tonic);
    let cortex = regions[1];
    // Hold neurons 0..20 far below threshold before every step: they never fire.
    for _ in 0..1000 {
        let mut spikes = app.world_mut().get_mut::<LifNeurons>(cortex).unwrap();
        for v in spikes.v.iter_mut().take(20) {
            *v = -80.0;
        }
        app.update();
    }
    let g = growing(&app, cortex);
    let dead: Vec<usize> = (0..60).filter(|&i| !g.alive[i]).collect();
    assert_eq!(
        dead,
        (0..20).collect::<Vec<_>>(),
        "exactly the silenced ones die"
    );
    assert_eq!(g.died, 20);
    assert_consistent(&mut app, &g.alive);
    assert_eq!(projections(&mut app)[1].1.len(), 40 * 39);
}

#[test]
fn synaptogenesis_joins_coactive_pairs_pruning_removes_weak_ones_and_the_cap_holds() {
    let growth = SynapseGrowth {
        every_ms: 50.0,
        max_synapses: 700,
        new_per_check: 20,
        new_weight: 0.7,
        prune_below: Some(0.5),
    };
    let (mut app, _) = network(None, Some(growth));
    let before = projections(&mut app)[0].1.clone();
    let weak = (0..before.len())
        .filter(|&s| before.weight(s) < 0.5)
        .count();
    assert!(
        weak > 20,
        "Uniform(0, 2): about a quarter below 0.5, got {weak}"
    );
    // Eligibility on a strong synapse follows it through the first check.
    let (strong_pre, strong_post) = (0..40u32)
        .find_map(|pre| {
            let (start, end) = before.row(pre);
            (start..end)
                .find(|&s| before.weight(s) > 1.0)
                .map(|s| (pre, before.targets[s]))
        })
        .unwrap();
    for _ in 0..49 {
        app.update();
    }
    set_eligibility(&mut app, strong_pre, strong_post, 0.125);
    app.update(); // step 49: the first check
    let after = projections(&mut app)[0].clone();
    let synapses = &after.1;
    assert!(
        (0..synapses.len()).all(|s| synapses.weight(s) >= 0.5),
        "nothing below prune_below is left"
    );
    let new = (0..synapses.len())
        .filter(|&s| synapses.weight(s) == 0.7)
        .count();
    assert_eq!(new, 20, "20 new synapses between co-active pairs");
    assert_eq!(synapses.len(), before.len() - weak + 20);
    let (start, end) = synapses.row(strong_pre);
    let s = start
        + synapses.targets[start..end]
            .binary_search(&strong_post)
            .unwrap();
    let plastic = after.2.unwrap();
    assert_eq!(plastic.eligibility.len(), synapses.len());
    assert!(
        plastic.eligibility[s] > 0.1,
        "eligibility followed its synapse"
    );
    for _ in 0..2000 {
        app.update();
    }
    let (_, synapses, ..) = projections(&mut app)[0].clone();
    assert!(synapses.len() <= 700, "{}", synapses.len());
    assert!(
        synapses.len() >= 680,
        "grows to its cap: {}",
        synapses.len()
    );
    let rewiring = {
        let world = app.world_mut();
        world
            .query::<&Rewiring>()
            .iter(world)
            .next()
            .unwrap()
            .clone()
    };
    assert!(rewiring.cap_reported);
}

fn set_eligibility(app: &mut App, pre: u32, post: u32, value: f32) {
    let world = app.world_mut();
    let mut q = world.query::<(&ProjectionLink, &Synapses, &mut Plastic)>();
    for (link, synapses, mut plastic) in q.iter_mut(world) {
        if link.index == 0 {
            let (start, end) = synapses.row(pre);
            let s = start + synapses.targets[start..end].binary_search(&post).unwrap();
            plastic.eligibility[s] = value;
        }
    }
}

#[test]
fn a_checkpoint_restores_the_grown_network_and_is_refused_by_a_network_that_grows_otherwise() {
    let params = NeuronGrowth {
        alive_at_start: 10,
        every_ms: 50.0,
        birth_above_hz: Some(1.0),
        births_per_check: 3,
        die_after_silent_ms: Some(400.0),
    };
    let growth = SynapseGrowth {
        new_per_check: 10,
        prune_below: Some(0.3),
        ..default()
    };
    let (mut app, regions) = network(Some(params), Some(growth));
    for _ in 0..600 {
        app.update();
    }
    let bytes = checkpoint::save(app.world()).unwrap();
    let grown = (growing(&app, regions[1]), projections(&mut app));
    let (mut fresh, fresh_regions) = network(Some(params), Some(growth));
    checkpoint::load(fresh.world_mut(), &bytes).unwrap();
    let restored = (growing(&fresh, fresh_regions[1]), projections(&mut fresh));
    assert_eq!(restored.0.alive, grown.0.alive);
    assert_eq!(restored.1.len(), grown.1.len());
    for (a, b) in restored.1.iter().zip(&grown.1) {
        assert_eq!((&a.0, &a.1, &a.2), (&b.0, &b.1, &b.2));
        assert_eq!(a.3, b.3, "the transpose is rebuilt for the grown synapses");
    }
    // The same sizes without growth: refused, naming the region and what differs.
    let (mut fixed, _) = network(None, Some(growth));
    let error = checkpoint::load(fixed.world_mut(), &bytes)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("'cortex' has growth in the checkpoint but not in the scene"),
        "{error}"
    );
}
