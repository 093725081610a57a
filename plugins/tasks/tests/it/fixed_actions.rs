//! The task needs learning: no fixed action completes the phase-3 road or the phase-4
//! circuit. Always straight, always full left or right, and every constant steering from −1
//! to 1 in steps of 0.05 crash (or, at worst, run out of time) without finishing.

use crate::common;

use neurarium_tasks::prelude::*;

/// Episodes end at the first crash, at the finish, or after 120 s of car time.
fn outcome(track: TrackSpec, controller: Controller) -> common::Outcome {
    let mut task = common::spec(track, controller);
    task.time_limit_s = 120.0;
    let (mut app, _) = common::car_app(&task, 100_000);
    common::first_episode(&mut app)
}

fn fixed_actions() -> Vec<Controller> {
    let mut actions = vec![Controller::Straight, Controller::Left, Controller::Right];
    actions.extend((-20..=20).map(|k| Controller::Constant(k as f32 * 0.05)));
    actions
}

#[test]
fn no_fixed_action_completes_phase_3_or_phase_4() {
    for track in [TrackSpec::Phase3, TrackSpec::Phase4] {
        let length = f64::from(track.build().unwrap().length());
        let mut best = 0.0_f64;
        for action in fixed_actions() {
            let outcome = outcome(track.clone(), action);
            assert!(
                !outcome.finished && outcome.laps == 0,
                "{action:?} completes {track:?}: {outcome:?}"
            );
            assert!(
                outcome.crashed,
                "{action:?} on {track:?} does not crash: {outcome:?}"
            );
            best = best.max(outcome.progress_m);
        }
        // Not even close: the best fixed action covers well under half the track.
        assert!(
            best < 0.5 * length,
            "{track:?}: a fixed action got {best} of {length} m"
        );
    }
}

#[test]
fn driving_straight_completes_phase_1_but_not_phase_2() {
    assert!(outcome(TrackSpec::Phase1, Controller::Straight).finished);
    let phase2 = outcome(TrackSpec::Phase2, Controller::Straight);
    assert!(phase2.crashed && !phase2.finished, "{phase2:?}");
}
