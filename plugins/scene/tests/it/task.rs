//! The scene's `task` section: defaults, errors naming the field, and the car it spawns.

use bevy::prelude::*;
use neurarium_scene::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_tasks::prelude::*;

use crate::common::parse;

#[test]
fn a_task_named_by_its_phase_uses_the_defaults() {
    let document = parse("Scene(task: Some(Car((track: Phase2))))").unwrap();
    let car = document
        .scene
        .task_spec::<CarTaskSpec>()
        .expect("a car task");
    assert_eq!(
        *car,
        CarTaskSpec {
            track: TrackSpec::Phase2,
            ..CarTaskSpec::default()
        }
    );
    assert_eq!(parse("Scene()").unwrap().scene.task, None);
}

#[test]
fn a_bad_task_value_names_the_field_and_its_line() {
    let error =
        parse("Scene(\n  task: Some(Car((\n    sensors: (count: 0),\n  ))),\n)").unwrap_err();
    assert_eq!(error.field(), Some("task.Car.sensors.count"), "{error}");
    assert_eq!(error.position().map(|p| p.0), Some(3), "{error}");
    let error = parse("Scene(task: Some(Car((controller: Constant(1.5)))))").unwrap_err();
    assert_eq!(
        error.field(),
        Some("task.Car.controller.Constant"),
        "{error}"
    );
}

#[test]
fn an_unknown_task_field_lists_the_valid_ones() {
    let error = parse("Scene(\n  task: Some(Car((\n    trak: Phase1,\n  ))),\n)").unwrap_err();
    let message = error.to_string();
    assert_eq!(error.position().map(|p| p.0), Some(3), "{message}");
    assert!(
        message.contains("`track`") && message.contains("`sensors`"),
        "{message}"
    );
}

#[test]
fn crossing_walls_of_a_custom_track_are_an_error() {
    let source = "Scene(task: Some(Car((track: Custom((\n  centre_line: [(0.0, 0.0), (20.0, 0.0), (21.0, 1.0), (20.0, 2.0), (0.0, 2.0)],\n))))))";
    let error = parse(source).unwrap_err();
    assert_eq!(
        error.field(),
        Some("task.Car.track.Custom.centre_line"),
        "{error}"
    );
    assert_eq!(error.position().map(|p| p.0), Some(2), "{error}");
    assert!(error.to_string().contains("cross"), "{error}");
}

#[test]
fn applying_a_scene_spawns_the_car_world_and_replaces_it_on_reload() {
    let document = parse("Scene(dt_ms: 50.0, task: Some(Car((track: Phase3))))").unwrap();
    let mut app = crate::common::app();
    let world = app.world_mut();
    apply_scene(world, &document, None, None);
    apply_scene(world, &document, None, None);
    assert_eq!(world.query::<&Car>().iter(world).count(), 1);
    assert_eq!(world.query::<&Track>().iter(world).count(), 1);
    let car = world.query::<&Car>().single(world).unwrap();
    assert!((car.control_dt_s - 0.05).abs() < 1e-7);
    assert!(world.resource::<SimFault>().0.is_none());
    let empty = parse("Scene()").unwrap();
    apply_scene(world, &empty, None, None);
    assert_eq!(world.query::<&SceneEntity>().iter(world).count(), 0);
}

#[test]
fn a_brain_must_name_fitting_regions() {
    let regions = "regions: [(name: \"sensors\", size: 5, model: Encoder(())), (name: \"motor\", size: 30, readout: WinnerTakeAll(pools: 3, window_ms: 20.0))]";
    let ok = format!("Scene({regions},\n task: Some(Car((brain: Some(())))))");
    parse(&ok).unwrap();
    let cases = [
        (
            "brain: Some((sensors: \"eyes\"))",
            "task.Car.brain.sensors",
            "no input port named 'eyes'",
        ),
        (
            "brain: Some((steering: [1.0, -1.0]))",
            "task.Car.brain.motor",
            "2 pools",
        ),
        (
            "controller: Straight, brain: Some(())",
            "task.Car.brain.steering",
            "External",
        ),
        (
            "sensors: (count: 7), brain: Some(())",
            "task.Car.brain.sensors",
            "7 rays",
        ),
        (
            "brain: Some((dopamine_clip: Some(-1.0)))",
            "task.Car.brain.dopamine_clip",
            "-1",
        ),
        (
            "reward: (lane_keeping: inf)",
            "task.Car.reward.lane_keeping",
            "inf",
        ),
    ];
    for (car, field, needle) in cases {
        let error = parse(&format!("Scene({regions},\n task: Some(Car(({car}))))")).unwrap_err();
        assert_eq!(error.field(), Some(field), "{error}");
        assert!(error.to_string().contains(needle), "{error}");
    }
}
