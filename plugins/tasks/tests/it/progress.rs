//! Progress along the centre line, lateral offset, heading error and laps.

use crate::common;

use bevy::prelude::*;
use neurarium_tasks::prelude::*;

#[test]
fn projection_gives_arc_length_signed_offset_and_direction() {
    let track = TrackSpec::Custom(CustomTrack {
        centre_line: vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)],
        width_m: 4.0,
        closed: false,
    })
    .build()
    .unwrap();
    assert_eq!(track.length(), 20.0);
    let p = track.project(Vec2::new(4.0, 1.5));
    assert!(
        (p.s - 4.0).abs() < 1e-5 && (p.lateral - 1.5).abs() < 1e-5,
        "{p:?}"
    );
    assert!(p.direction.abs() < 1e-6);
    // On the second segment (heading +y), a point at x = 11 lies to the right.
    let p = track.project(Vec2::new(11.0, 6.0));
    assert!(
        (p.s - 16.0).abs() < 1e-5 && (p.lateral + 1.0).abs() < 1e-5,
        "{p:?}"
    );
    assert!((p.direction - std::f32::consts::FRAC_PI_2).abs() < 1e-6);
    let error = track.heading_error(0.0, &p);
    assert!((error + std::f32::consts::FRAC_PI_2).abs() < 1e-6);
    let (point, direction) = track.point_at(15.0);
    assert!(point.distance(Vec2::new(10.0, 5.0)) < 1e-5 && direction > 1.5);
}

#[test]
fn progress_wraps_across_the_start_line_and_counts_laps() {
    let lap = 100.0;
    let mut status = CarStatus::default();
    for s in [30.0, 60.0, 90.0, 99.0] {
        status.advance_progress(s, Some(lap));
    }
    assert_eq!(status.laps, 0);
    // Crossing the line forwards adds 2 m, not -98 m.
    assert!((status.advance_progress(1.0, Some(lap)) - 2.0).abs() < 1e-4);
    assert_eq!(status.laps, 1);
    assert!((status.progress_m - 101.0).abs() < 1e-4);
    // Backwards over the line and forwards again: the lap is not counted twice.
    status.advance_progress(98.0, Some(lap));
    assert_eq!(status.laps, 1);
    status.advance_progress(2.0, Some(lap));
    assert_eq!(status.laps, 1);
    for s in [40.0, 80.0, 99.5, 0.5] {
        status.advance_progress(s, Some(lap));
    }
    assert_eq!(status.laps, 2);
}

#[test]
fn built_in_tracks_have_their_documented_lengths_and_phase_4_closes() {
    let lengths = [
        (TrackSpec::Phase1, 60.0),
        (TrackSpec::Phase2, 102.8),
        (TrackSpec::Phase3, 82.0),
        (TrackSpec::Phase4, 146.2),
    ];
    for (spec, length) in lengths {
        let track = spec.build().unwrap();
        assert!(
            (track.length() - length).abs() < 0.5,
            "{spec:?}: {}",
            track.length()
        );
        assert_eq!(track.width_m(), PHASE_WIDTH_M);
        assert_eq!(track.closed(), spec == TrackSpec::Phase4);
    }
    let track = TrackSpec::Phase4.build().unwrap();
    let (first, last) = (track.points()[0], track.points()[track.points().len() - 1]);
    // The closing segment is one 5° chord of the last arc, not a gap.
    assert!(first.distance(last) < 1.0, "{first} {last}");
}

#[test]
fn a_look_ahead_driver_completes_every_phase() {
    for track in [
        TrackSpec::Phase1,
        TrackSpec::Phase2,
        TrackSpec::Phase3,
        TrackSpec::Phase4,
    ] {
        let (mut app, _) = common::driven_app(track.clone(), 1, 4000);
        let outcome = common::first_episode(&mut app);
        assert!(
            outcome.finished && !outcome.crashed,
            "{track:?}: {outcome:?}"
        );
    }
}

#[test]
fn laps_are_counted_on_the_circuit() {
    let (mut app, _) = common::driven_app(TrackSpec::Phase4, 2, 4000);
    let outcome = common::first_episode(&mut app);
    assert!(outcome.finished && !outcome.crashed, "{outcome:?}");
    assert_eq!(outcome.laps, 2);
    let lap = f64::from(TrackSpec::Phase4.build().unwrap().length());
    assert!(
        outcome.progress_m >= 2.0 * lap && outcome.progress_m < 2.0 * lap + 1.0,
        "{outcome:?}"
    );
}

#[test]
fn walls_that_cross_are_refused() {
    // A U-turn of 1 m radius on a 5 m wide road: the inner walls cross.
    let error = TrackSpec::Custom(CustomTrack {
        centre_line: vec![
            (0.0, 0.0),
            (20.0, 0.0),
            (21.0, 1.0),
            (20.0, 2.0),
            (0.0, 2.0),
        ],
        width_m: 5.0,
        closed: false,
    })
    .build()
    .unwrap_err();
    assert_eq!(error.field, "Custom.centre_line");
    assert!(error.message.contains("cross"), "{}", error.message);
}
