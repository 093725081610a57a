//! Distance sensors read the distance to the walls, normalised by their range.

use crate::common;

use bevy::prelude::*;
use neurarium_tasks::prelude::*;

/// A straight road 100 m long and 5 m wide along +x, starting at x = 0.
fn road() -> Track {
    TrackSpec::Custom(CustomTrack {
        centre_line: vec![(0.0, 0.0), (100.0, 0.0)],
        width_m: 5.0,
        closed: false,
    })
    .build()
    .unwrap()
}

fn sensors(angles_deg: Vec<f32>, range_m: f32) -> RaySensors {
    RaySensors::new(&SensorSpec {
        angles_deg,
        range_m,
        ..SensorSpec::default()
    })
}

#[test]
fn rays_read_walls_at_known_distances() {
    let walls = WallLines::of(&road()).colliders();
    let mut rays = sensors(vec![90.0, -90.0, 30.0, -30.0, 0.0], 10.0);
    rays.cast(Vec2::new(50.0, 0.0), 0.0, walls.iter());
    let expected = [0.25, 0.25, 0.5, 0.5, 1.0]; // 2.5 m, 2.5 m, 2.5/sin 30° = 5 m, 5 m, none
    for (reading, expected) in rays.readings.iter().zip(expected) {
        assert!((reading - expected).abs() < 1e-4, "{:?}", rays.readings);
    }
    // Off centre, 1 m to the left: the left wall is 1.5 m away, the right 3.5 m.
    rays.cast(Vec2::new(50.0, 1.0), 0.0, walls.iter());
    assert!(
        (rays.readings[0] - 0.15).abs() < 1e-4,
        "{:?}",
        rays.readings
    );
    assert!(
        (rays.readings[1] - 0.35).abs() < 1e-4,
        "{:?}",
        rays.readings
    );
}

#[test]
fn the_start_wall_is_seen_and_the_heading_turns_the_rays() {
    let walls = WallLines::of(&road()).colliders();
    let mut rays = sensors(vec![0.0], 10.0);
    // Facing back towards the start wall at x = 0 from x = 3.
    rays.cast(Vec2::new(3.0, 0.0), std::f32::consts::PI, walls.iter());
    assert!((rays.readings[0] - 0.3).abs() < 1e-4, "{:?}", rays.readings);
    // Facing the left wall (heading +90°) from the centre line.
    rays.cast(
        Vec2::new(50.0, 0.0),
        std::f32::consts::FRAC_PI_2,
        walls.iter(),
    );
    assert!(
        (rays.readings[0] - 0.25).abs() < 1e-4,
        "{:?}",
        rays.readings
    );
}

#[test]
fn default_rays_spread_over_plus_minus_sixty_degrees() {
    let angles: Vec<f32> = SensorSpec::default()
        .angles_rad()
        .iter()
        .map(|a| a.to_degrees())
        .collect();
    let expected = [-60.0, -30.0, 0.0, 30.0, 60.0];
    assert_eq!(angles.len(), 5);
    for (a, e) in angles.iter().zip(expected) {
        assert!((a - e).abs() < 1e-4, "{angles:?}");
    }
    assert_eq!(
        SensorSpec {
            count: 1,
            ..SensorSpec::default()
        }
        .angles_rad(),
        vec![0.0]
    );
}

#[test]
fn the_spawned_car_reads_its_sensors_before_the_first_step() {
    let (app, car) = common::car_app(&common::spec(TrackSpec::Phase1, Controller::Straight), 100);
    let rays = app.world().get::<RaySensors>(car).unwrap();
    // ±60° rays meet the walls 2.5 m / sin 60° ≈ 2.89 m away; ±30° ones 5 m; straight: none.
    let expected = [0.2887, 0.5, 1.0, 0.5, 0.2887];
    for (reading, expected) in rays.readings.iter().zip(expected) {
        assert!((reading - expected).abs() < 1e-3, "{:?}", rays.readings);
    }
}
