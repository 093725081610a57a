//! The same car world gives the same run, bit for bit.

use crate::common;

use neurarium_sim::prelude::*;
use neurarium_tasks::prelude::*;

fn run(controller: Controller) -> (Vec<Vec<f64>>, CarState, Vec<f32>) {
    let (mut app, car) = common::car_app(&common::spec(TrackSpec::Phase4, controller), 400);
    app.insert_resource(Metrics::new(RecordEvery::Steps(7)));
    common::run_steps(&mut app, 1500);
    let world = app.world();
    (
        world.resource::<Metrics>().rows().to_vec(),
        *world.get::<CarState>(car).unwrap(),
        world.get::<RaySensors>(car).unwrap().readings.clone(),
    )
}

fn bits(rows: &[Vec<f64>]) -> Vec<Vec<u64>> {
    rows.iter()
        .map(|row| row.iter().map(|v| v.to_bits()).collect())
        .collect()
}

#[test]
fn same_world_same_run_bit_for_bit() {
    for controller in [Controller::Constant(0.37), Controller::Right] {
        let (rows_a, state_a, readings_a) = run(controller);
        let (rows_b, state_b, readings_b) = run(controller);
        assert!(rows_a.len() > 100);
        assert_eq!(bits(&rows_a), bits(&rows_b));
        assert_eq!(state_a.position.x.to_bits(), state_b.position.x.to_bits());
        assert_eq!(state_a.position.y.to_bits(), state_b.position.y.to_bits());
        assert_eq!(state_a.heading.to_bits(), state_b.heading.to_bits());
        assert_eq!(readings_a, readings_b);
    }
}

#[test]
fn a_resumed_checkpoint_continues_the_same_drive() {
    let task = common::spec(TrackSpec::Phase4, Controller::Constant(0.2));
    let (mut original, car) = common::car_app(&task, 400);
    // Mid-episode.
    common::run_steps(&mut original, 31);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("car.ckpt");
    save_checkpoint(original.world(), &path).unwrap();
    let (mut resumed, resumed_car) = common::car_app(&task, 400);
    restore_checkpoint(resumed.world_mut(), &read_checkpoint(&path).unwrap()).unwrap();
    common::run_steps(&mut original, 500);
    common::run_steps(&mut resumed, 500);
    let state = |app: &bevy::prelude::App, car| *app.world().get::<CarState>(car).unwrap();
    assert_eq!(state(&original, car), state(&resumed, resumed_car));
    assert_eq!(
        bits(original.world().resource::<Metrics>().rows()),
        bits(resumed.world().resource::<Metrics>().rows())
    );
    // A checkpoint of a world with a car cannot be restored onto one without.
    let mut bare = bevy::prelude::App::new();
    bare.add_plugins((SimPlugin, TasksPlugin));
    let error = restore_checkpoint(bare.world_mut(), &read_checkpoint(&path).unwrap());
    assert!(error.unwrap_err().to_string().contains("car"));
}
