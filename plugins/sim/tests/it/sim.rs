//! Tests of the clock, set order, episodes, metrics, faults and checkpoints.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, MAGIC};
use neurarium_sim::fault::Fault;
use neurarium_sim::metrics::{EPISODE, STEP, TIME_MS};
use neurarium_sim::prelude::*;
use rand::Rng;

/// A test column: twice the step.
const DOUBLE_STEP: Column = Column {
    name: "double_step",
    unit: "1",
    description: "twice the step index",
};

/// A test column: the random walk's position.
const ACC: Column = Column {
    name: "acc",
    unit: "",
    description: "the random walk's position",
};

fn app(steps_per_update: u32) -> App {
    let mut app = App::new();
    app.add_plugins(SimPlugin)
        .insert_resource(Pacing::Unpaced { steps_per_update });
    app
}

#[derive(Resource, Default, Debug, Clone, PartialEq)]
struct Trail(Vec<SimSet>);

fn mark(set: SimSet) -> impl FnMut(ResMut<Trail>) {
    move |mut trail: ResMut<Trail>| trail.0.push(set)
}

#[test]
fn sets_run_in_declared_order_once_per_step() {
    let mut app = app(2);
    app.init_resource::<Trail>();
    // Register in reverse to prove the order comes from the sets, not registration.
    for set in SimSet::ORDER.iter().rev() {
        app.add_systems(SimStep, mark(*set).in_set(*set));
    }
    app.update();
    let trail = &app.world().resource::<Trail>().0;
    let expected: Vec<SimSet> = SimSet::ORDER
        .iter()
        .chain(SimSet::ORDER.iter())
        .copied()
        .collect();
    assert_eq!(trail, &expected);
    assert_eq!(app.world().resource::<SimClock>().step, 2);
}

#[test]
fn driver_never_passes_stop_step() {
    let mut app = app(1000);
    app.world_mut().resource_mut::<SimControl>().stop_at_step = Some(2500);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(app.world().resource::<SimClock>().step, 2500);
    assert!(
        app.world()
            .resource::<SimControl>()
            .finished(app.world().resource::<SimClock>())
    );
}

#[test]
fn paused_window_runs_only_requested_single_steps() {
    let mut app = app(1);
    app.insert_resource(Pacing::Paced);
    app.world_mut().resource_mut::<SimControl>().paused = true;
    app.update();
    app.update();
    assert_eq!(app.world().resource::<SimClock>().step, 0);
    app.world_mut()
        .resource_mut::<SimControl>()
        .request_single_step();
    app.world_mut()
        .resource_mut::<SimControl>()
        .request_single_step();
    app.update();
    assert_eq!(app.world().resource::<SimClock>().step, 2);
    app.update();
    assert_eq!(app.world().resource::<SimClock>().step, 2);
}

#[test]
fn metrics_rows_every_n_steps_with_plugin_columns() {
    let mut app = app(10);
    app.insert_resource(Metrics::new(RecordEvery::Steps(4)));
    app.add_systems(
        SimStep,
        (|clock: Res<SimClock>, mut metrics: ResMut<Metrics>| {
            metrics.set(&DOUBLE_STEP, 2.0 * clock.step as f64);
        })
        .in_set(SimSet::Record),
    );
    app.update();
    let metrics = app.world().resource::<Metrics>();
    assert_eq!(
        metrics.columns(),
        ["step", "episode", "time_ms", "double_step"]
    );
    assert_eq!(metrics.values(&STEP).unwrap(), vec![4.0, 8.0]);
    assert_eq!(metrics.values(&DOUBLE_STEP).unwrap(), vec![6.0, 14.0]);
    let dt = app.world().resource::<SimClock>().dt_ms;
    assert_eq!(metrics.values(&TIME_MS).unwrap(), vec![4.0 * dt, 8.0 * dt]);
}

#[test]
fn driver_stops_at_the_end_of_the_requested_episode_within_a_batch() {
    let mut app = app(1000);
    app.insert_resource(Episodes::with_length(Some(7)));
    app.world_mut().resource_mut::<SimControl>().stop_at_episode = Some(3);
    app.update();
    app.update();
    assert_eq!(app.world().resource::<Episodes>().completed, 3);
    assert_eq!(app.world().resource::<SimClock>().step, 21);
}

#[test]
fn episodes_end_on_length_or_request_and_rows_follow_them() {
    let mut app = app(1);
    app.insert_resource(Episodes::with_length(Some(5)))
        .insert_resource(Metrics::new(RecordEvery::Episode));
    // A "task" that ends its episode early at absolute step 7.
    app.add_systems(
        SimStep,
        (|clock: Res<SimClock>, mut episodes: ResMut<Episodes>| {
            if clock.step == 7 {
                episodes.request_end();
            }
        })
        .in_set(SimSet::Reward),
    );
    for _ in 0..13 {
        app.update();
    }
    let world = app.world();
    // Episodes end after steps 5, 8 (requested at 0-based step 7) and 13.
    assert_eq!(world.resource::<Episodes>().completed, 3);
    assert_eq!(
        world.resource::<Metrics>().values(&STEP).unwrap(),
        vec![5.0, 8.0, 13.0]
    );
    assert_eq!(
        world.resource::<Metrics>().values(&EPISODE).unwrap(),
        vec![0.0, 1.0, 2.0]
    );
}

#[test]
fn a_fault_stops_the_driver_and_names_region_and_step() {
    let mut app = app(100);
    app.add_systems(
        SimStep,
        (|clock: Res<SimClock>, mut fault: ResMut<SimFault>| {
            if clock.step == 42 {
                fault.report(Fault {
                    region: "cortex".into(),
                    step: clock.step,
                    what: "neuron 3 membrane potential is NaN".into(),
                });
            }
        })
        .in_set(SimSet::Integrate),
    );
    app.update();
    app.update();
    assert_eq!(app.world().resource::<SimClock>().step, 43);
    let message = app
        .world()
        .resource::<SimFault>()
        .0
        .clone()
        .unwrap()
        .to_string();
    assert!(
        message.contains("'cortex'") && message.contains("step 42"),
        "{message}"
    );
}

#[derive(Resource, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Accumulator(f64);

fn random_walk_app() -> App {
    let mut app = app(10);
    app.insert_resource(SimRng::seeded(7))
        .insert_resource(Accumulator(0.0))
        .insert_resource(Metrics::new(RecordEvery::Steps(5)))
        .checkpoint_resource::<Accumulator>("accumulator")
        .add_systems(
            SimStep,
            (
                (|mut rng: ResMut<SimRng>, mut acc: ResMut<Accumulator>| {
                    acc.0 += rng.0.random::<f64>() - 0.5;
                })
                .in_set(SimSet::Integrate),
                (|acc: Res<Accumulator>, mut metrics: ResMut<Metrics>| metrics.set(&ACC, acc.0))
                    .in_set(SimSet::Record),
            ),
        );
    app
}

#[test]
fn checkpoint_round_trip_continues_exactly_like_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.ckpt");

    let mut uninterrupted = random_walk_app();
    for _ in 0..6 {
        uninterrupted.update();
    }

    let mut first = random_walk_app();
    for _ in 0..3 {
        first.update();
    }
    save_checkpoint(first.world(), &path).unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");

    let mut resumed = random_walk_app();
    let file = read_checkpoint(&path).unwrap();
    restore_checkpoint(resumed.world_mut(), &file).unwrap();
    assert_eq!(resumed.world().resource::<SimClock>().step, 30);
    for _ in 0..3 {
        resumed.update();
    }
    let a = uninterrupted.world().resource::<Metrics>();
    let b = resumed.world().resource::<Metrics>();
    assert_eq!(a, b);
    assert_eq!(a.rows().len(), 12);
    assert_eq!(a.columns().last().map(String::as_str), Some("acc"));
    assert_eq!(
        uninterrupted.world().resource::<Accumulator>().0.to_bits(),
        resumed.world().resource::<Accumulator>().0.to_bits()
    );
}

#[test]
fn bad_checkpoint_files_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ckpt");
    let mut app = random_walk_app();
    app.update();
    save_checkpoint(app.world(), &good).unwrap();
    let bytes = std::fs::read(&good).unwrap();

    let write = |name: &str, data: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, data).unwrap();
        p
    };
    let truncated = write("truncated.ckpt", &bytes[..bytes.len() - 10]);
    let err = read_checkpoint(&truncated).unwrap_err();
    assert!(matches!(err, CheckpointError::Truncated { .. }), "{err}");
    assert!(err.to_string().contains("truncated.ckpt"), "{err}");

    let header_only = write("header.ckpt", &bytes[..20]);
    assert!(matches!(
        read_checkpoint(&header_only).unwrap_err(),
        CheckpointError::Truncated { .. }
    ));

    let foreign = write(
        "foreign.ckpt",
        b"PNG\x89 definitely not a checkpoint at all",
    );
    let err = read_checkpoint(&foreign).unwrap_err();
    assert!(matches!(err, CheckpointError::Foreign { .. }), "{err}");

    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    let corrupted = write("corrupted.ckpt", &flipped);
    assert!(matches!(
        read_checkpoint(&corrupted).unwrap_err(),
        CheckpointError::Corrupted { .. }
    ));

    let mut future = bytes.clone();
    future[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&99_u32.to_le_bytes());
    let future = write("future.ckpt", &future);
    let err = read_checkpoint(&future).unwrap_err();
    assert!(
        matches!(err, CheckpointError::Version { found: 99, .. }),
        "{err}"
    );

    let missing = dir.path().join("missing.ckpt");
    assert!(matches!(
        read_checkpoint(&missing).unwrap_err(),
        CheckpointError::Io { .. }
    ));

    // A checkpoint from an app without the 'accumulator' section cannot restore this app.
    let other = dir.path().join("other.ckpt");
    save_checkpoint(self::app(1).world(), &other).unwrap();
    let file = read_checkpoint(&other).unwrap();
    let err = restore_checkpoint(random_walk_app().world_mut(), &file).unwrap_err();
    assert!(
        err.to_string().contains("no section 'accumulator'"),
        "{err}"
    );
}

#[test]
fn same_seed_same_metrics_different_seed_different_metrics() {
    let run = |seed: u64| {
        let mut app = random_walk_app();
        app.insert_resource(SimRng::seeded(seed));
        for _ in 0..4 {
            app.update();
        }
        app.world().resource::<Metrics>().values(&ACC).unwrap()
    };
    let bits = |v: Vec<f64>| v.into_iter().map(f64::to_bits).collect::<Vec<_>>();
    assert_eq!(bits(run(3)), bits(run(3)));
    assert_ne!(bits(run(3)), bits(run(4)));
}

#[test]
fn a_column_name_resolves_to_its_declaration_or_fails_listing_the_declared_ones() {
    const RATES: ColumnFamily = ColumnFamily {
        prefix: "rate_hz",
        key: "region",
        unit: "Hz",
        description: "a rate",
    };
    let mut app = app(1);
    app.declare_metrics(&[DOUBLE_STEP], &[RATES]);
    let catalog = app.world().resource::<MetricCatalog>();
    assert_eq!(catalog.resolve("step").unwrap().unit(), "1");
    assert_eq!(
        catalog.resolve("double_step").unwrap().description(),
        "twice the step index"
    );
    let family = catalog.resolve("rate_hz/motor").unwrap();
    assert_eq!(family.unit(), "Hz");
    let error = catalog.resolve("dubble_step").unwrap_err().to_string();
    assert!(
        error.contains("'dubble_step'")
            && error.contains("double_step")
            && error.contains("rate_hz/<region>"),
        "{error}"
    );
    assert!(catalog.resolve("rate_hz/").is_err(), "a family needs a key");
}
