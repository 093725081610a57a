//! A spiking brain drives the car: ray proximities reach the sensor encoder, the winning motor
//! pool sets the steering, and control-step rewards reach dopamine.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::*;
use neurarium_tasks::prelude::*;

const DT_MS: f64 = 1.0;

/// A car on phase 1 whose brain is two encoders: 5 ray sensors and 3 motor neurons (one per
/// pool) firing as `motor` says. Returns the app, the car, the sensor and motor regions.
fn braindriven_car(motor: [f64; 3], reward_to_dopamine: bool) -> (App, Entity, Entity, Entity) {
    let mut app = App::new();
    app.add_plugins((SimPlugin, SpikingPlugin, TasksPlugin))
        .insert_resource(Pacing::Unpaced {
            steps_per_update: 1,
        })
        .insert_resource(SimClock::new(DT_MS))
        .insert_resource(SimRng::seeded(3))
        .insert_resource(Episodes::with_length(Some(100_000)));
    let encoder = |max_rate_hz: f64, values: Vec<f64>| {
        NeuronModel::Encoder(EncoderParams {
            encoding: EncodingKind::Rate { max_rate_hz },
            values,
        })
    };
    let regions = [
        RegionSpec {
            name: "sensors".to_owned(),
            size: 5,
            model: encoder(100.0, vec![]),
            ..default()
        },
        RegionSpec {
            name: "motor".to_owned(),
            size: 3,
            model: encoder(500.0, motor.to_vec()),
            readout: ReadoutKind::WinnerTakeAll {
                pools: 3,
                window_ms: 10.0,
            },
            ..default()
        },
    ];
    let entities = spawn_network(app.world_mut(), &regions, &[], DT_MS).unwrap();
    let spec = CarTaskSpec {
        track: TrackSpec::Phase1,
        controller: Controller::External,
        control_every_steps: 10,
        brain: Some(CarBrainSpec {
            reward_to_dopamine,
            ..default()
        }),
        ..default()
    };
    let car = spawn_car_world(app.world_mut(), &spec, DT_MS).unwrap();
    (app, car, entities[0], entities[1])
}

#[test]
fn the_sensor_encoder_reads_ray_proximities() {
    let (mut app, car, sensors, _) = braindriven_car([0.0, 1.0, 0.0], true);
    for _ in 0..25 {
        app.update();
    }
    let readings = app.world().get::<RaySensors>(car).unwrap().readings.clone();
    let values = app.world().get::<Encoder>(sensors).unwrap().values.clone();
    let proximity: Vec<f32> = readings.iter().map(|r| 1.0 - r).collect();
    // The encoder got the readings of the step before (sensing precedes the car's move).
    assert_eq!(values.len(), 5);
    assert!(
        proximity
            .iter()
            .zip(&values)
            .all(|(p, v)| (p - v).abs() < 0.05)
    );
    assert!(
        values.iter().any(|&v| v > 0.0),
        "the side rays see the walls: {values:?}"
    );
}

#[test]
fn the_winning_motor_pool_sets_the_steering() {
    for (motor, steering) in [
        ([0.0, 0.0, 1.0], -1.0),
        ([1.0, 0.0, 0.0], 1.0),
        ([0.0, 1.0, 0.0], 0.0),
    ] {
        let (mut app, car, _, _) = braindriven_car(motor, true);
        let start = app.world().get::<CarState>(car).unwrap().heading;
        for _ in 0..200 {
            app.update();
        }
        let state = app.world().get::<CarState>(car).unwrap();
        assert_eq!(state.steering, steering, "motor {motor:?}");
        let turned = state.heading - start;
        match steering {
            s if s > 0.0 => assert!(turned > 0.01, "left turn: {turned}"),
            s if s < 0.0 => assert!(turned < -0.01, "right turn: {turned}"),
            _ => assert!(turned.abs() < 1e-6, "straight: {turned}"),
        }
    }
}

#[test]
fn control_step_rewards_reach_dopamine_only_when_asked() {
    for to_dopamine in [true, false] {
        let (mut app, car, _, _) = braindriven_car([0.0, 1.0, 0.0], to_dopamine);
        let mut moved = false;
        for _ in 0..10 {
            app.update();
            moved |= app.world().get::<CarStatus>(car).unwrap().control_steps > 0;
        }
        assert!(moved);
        let reward = app.world().get::<CarStatus>(car).unwrap().reward;
        let level = app.world().resource::<Dopamine>().level;
        if to_dopamine {
            assert!(
                reward != 0.0 && level == reward,
                "level {level}, reward {reward}"
            );
        } else {
            assert_eq!(level, 0.0);
        }
    }
}

#[test]
fn dopamine_gets_the_scaled_reward_bounded_by_the_clip() {
    let brain = |gain: f32, clip: Option<f32>| CarBrain {
        sensors: Entity::PLACEHOLDER,
        motor: Entity::PLACEHOLDER,
        steering: vec![1.0, 0.0, -1.0],
        reward_to_dopamine: true,
        dopamine_gain: gain,
        dopamine_clip: clip,
    };
    assert_eq!(brain(1.0, None).dopamine_input(-100.0), -100.0);
    assert_eq!(brain(1.0, Some(1.0)).dopamine_input(-100.0), -1.0);
    assert_eq!(brain(1.0, Some(1.0)).dopamine_input(0.25), 0.25);
    assert_eq!(brain(4.0, Some(1.0)).dopamine_input(0.5), 1.0);
    assert_eq!(brain(0.5, None).dopamine_input(0.5), 0.25);
}

#[test]
fn manual_drive_overrules_the_motor_pools_while_on() {
    // The straight pool wins; by hand the car is steered full left.
    let (mut app, car, _, _) = braindriven_car([0.0, 1.0, 0.0], false);
    app.insert_resource(ManualDrive {
        on: true,
        steering: 1.0,
    });
    for _ in 0..10 {
        app.update();
    }
    assert_eq!(app.world().get::<CarControl>(car).unwrap().steering(), 1.0);
    app.insert_resource(ManualDrive {
        on: false,
        steering: 1.0,
    });
    for _ in 0..10 {
        app.update();
    }
    assert_eq!(app.world().get::<CarControl>(car).unwrap().steering(), 0.0);
}
