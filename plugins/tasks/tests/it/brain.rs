//! A brain drives the car through its ports: ray proximities reach the input port, the chosen
//! motor pool sets the steering, and control-step rewards reach the brains. The brain here is a
//! scripted one (two port entities and a system), so the car's side of the protocol is tested
//! without any network kind.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_tasks::prelude::*;

const DT_MS: f64 = 1.0;

/// The pool the scripted motor port chooses, every 10 steps.
#[derive(Resource)]
struct Choice(Option<u32>);

/// The rewards the brains received.
#[derive(Resource, Default)]
struct Received(Vec<f32>);

/// `ActSet::Decode`: the motor port chooses `Choice` at the end of every 10-step window.
fn scripted_motor(clock: Res<SimClock>, choice: Res<Choice>, mut ports: Query<&mut OutputPort>) {
    for mut port in &mut ports {
        port.ready = (clock.step + 1).is_multiple_of(10);
        if port.ready {
            port.choice = choice.0;
        }
    }
}

/// `RewardSet::Teach`: keeps every reward sent.
fn take_rewards(rewards: Res<Rewards>, mut received: ResMut<Received>) {
    received.0.extend(rewards.pending().iter().map(|r| r.value));
}

/// A car on phase 1 driven by a scripted brain: an input port `sensors` of 5 values and an
/// output port `motor` choosing `choice`. Returns the app, the car and the sensors' entity.
fn braindriven_car(choice: Option<u32>, reward_to_dopamine: bool) -> (App, Entity, Entity) {
    let mut app = App::new();
    app.add_plugins((SimPlugin, TasksPlugin))
        .insert_resource(Pacing::Unpaced {
            steps_per_update: 1,
        })
        .insert_resource(SimClock::new(DT_MS))
        .insert_resource(Episodes::with_length(Some(100_000)))
        .insert_resource(Choice(choice))
        .init_resource::<Received>()
        .add_systems(
            SimStep,
            (
                scripted_motor.in_set(ActSet::Decode),
                take_rewards.in_set(RewardSet::Teach),
            ),
        );
    let world = app.world_mut();
    let sensors = world
        .spawn(InputPort {
            name: "sensors".to_owned(),
            values: vec![0.0; 5],
        })
        .id();
    world.spawn(OutputPort::new("motor", 3));
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
    let car = spawn_car_world(world, &spec, DT_MS).unwrap();
    (app, car, sensors)
}

#[test]
fn the_sensor_port_reads_ray_proximities() {
    let (mut app, car, sensors) = braindriven_car(Some(1), true);
    for _ in 0..25 {
        app.update();
    }
    let readings = app.world().get::<RaySensors>(car).unwrap().readings.clone();
    let values = app
        .world()
        .get::<InputPort>(sensors)
        .unwrap()
        .values
        .clone();
    let proximity: Vec<f32> = readings.iter().map(|r| 1.0 - r).collect();
    // The port got the readings of the step before (sensing precedes the car's move).
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
fn the_chosen_motor_pool_sets_the_steering() {
    for (choice, steering) in [(Some(2), -1.0), (Some(0), 1.0), (Some(1), 0.0)] {
        let (mut app, car, _) = braindriven_car(choice, true);
        let start = app.world().get::<CarState>(car).unwrap().heading;
        for _ in 0..200 {
            app.update();
        }
        let state = app.world().get::<CarState>(car).unwrap();
        assert_eq!(state.steering, steering, "pool {choice:?}");
        let turned = state.heading - start;
        match steering {
            s if s > 0.0 => assert!(turned > 0.01, "left turn: {turned}"),
            s if s < 0.0 => assert!(turned < -0.01, "right turn: {turned}"),
            _ => assert!(turned.abs() < 1e-6, "straight: {turned}"),
        }
    }
    // No choice in a window leaves the steering as it was.
    let (mut app, car, _) = braindriven_car(None, true);
    for _ in 0..200 {
        app.update();
    }
    assert_eq!(app.world().get::<CarState>(car).unwrap().steering, 0.0);
}

#[test]
fn control_step_rewards_reach_the_brains_only_when_asked() {
    for to_brain in [true, false] {
        let (mut app, car, _) = braindriven_car(Some(1), to_brain);
        let mut moved = false;
        for _ in 0..10 {
            app.update();
            moved |= app.world().get::<CarStatus>(car).unwrap().control_steps > 0;
        }
        assert!(moved);
        let reward = app.world().get::<CarStatus>(car).unwrap().reward;
        let received = &app.world().resource::<Received>().0;
        if to_brain {
            assert!(reward != 0.0, "a control step has a reward");
            assert_eq!(received, &vec![reward], "one control step, one reward");
        } else {
            assert!(received.is_empty(), "{received:?}");
        }
    }
}

#[test]
fn the_brains_get_the_scaled_reward_bounded_by_the_clip() {
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
    // The straight pool is chosen; by hand the car is steered full left.
    let (mut app, car, _) = braindriven_car(Some(1), false);
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
