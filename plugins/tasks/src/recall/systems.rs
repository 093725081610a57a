//! The recall task's systems in the simulation step.
//!
//! - `Sense` ([`present`]): the cue port lights the neurons shown, the sleep port is driven
//!   in sleep with replay, and the learning-rate factor is set for the stage;
//! - `Act` ([`observe`], `ActSet::Control`): the recall port's counts, when renewed; the
//!   session's last step ends the episode;
//! - `Record` ([`record`]): the step advances; at a session's end ([`next_session`]) its
//!   outcome, then new patterns; every row ([`write_columns`]) the last session's columns.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use super::columns;
use super::score::{mean_of, mean_overlap};
use super::session::RecallSession;
use crate::episodic::history::{EpisodeHistory, EpisodeOutcome};

/// The ports, found at spawn.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecallPorts {
    /// The cue's input port.
    pub cue: Entity,
    /// The recall's output port.
    pub recall: Entity,
    /// The sleep drive's input port.
    pub sleep: Option<Entity>,
}

/// `Sense`: what is shown, the sleep drive, the learning rate.
pub fn present(
    sessions: Query<(&RecallSession, &RecallPorts)>,
    mut inputs: Query<&mut InputPort>,
    mut learning_rate: ResMut<LearningRate>,
) {
    for (session, ports) in &sessions {
        if let Ok(mut cue) = inputs.get_mut(ports.cue) {
            cue.values.iter_mut().for_each(|v| *v = 0.0);
            for &i in session.shown() {
                cue.values[i as usize] = 1.0;
            }
        }
        if let Some(Ok(mut sleep)) = ports.sleep.map(|p| inputs.get_mut(p)) {
            let drive = if session.sleep_driven() { 1.0 } else { 0.0 };
            sleep.values.iter_mut().for_each(|v| *v = drive);
        }
        learning_rate.scale = session.learning_scale();
    }
}

/// `Act`: the recall port's counts; the session's last step ends the episode.
pub fn observe(
    mut sessions: Query<(&mut RecallSession, &RecallPorts)>,
    outputs: Query<&OutputPort>,
    mut episodes: ResMut<Episodes>,
) {
    for (mut session, ports) in &mut sessions {
        if let Ok(port) = outputs.get(ports.recall)
            && port.ready
        {
            session.observe(&port.values);
        }
        if session.last_step() {
            episodes.request_end();
        }
    }
}

/// `Record`: the step advances (a finished cue is scored).
pub fn record(mut sessions: Query<&mut RecallSession>) {
    for mut session in &mut sessions {
        session.advance();
    }
}

/// `Record` (a session's end, after [`record`]): its outcome joins the history, then the next
/// session.
pub fn next_session(
    learning_rate: Res<LearningRate>,
    mut history: ResMut<EpisodeHistory>,
    mut sessions: Query<&mut RecallSession>,
) {
    for mut session in &mut sessions {
        let overlap = session.mean_overlap(false);
        history.episodes.push(EpisodeOutcome {
            episode_return: overlap,
            succeeded: overlap >= super::task::RECALLED,
            phase: 0,
            learning_rate_scale: learning_rate.effective(),
        });
        session.next_session();
    }
}

/// `Record` (every row, after [`next_session`]): the last finished session's columns (empty
/// before the first), and whether the session under way sleeps now (`asleep`).
pub fn write_columns(mut metrics: ResMut<Metrics>, sessions: Query<&RecallSession>) {
    for session in &sessions {
        let last = &session.last;
        let empty = last.is_empty();
        let or_nan = |v: f64| if empty { f64::NAN } else { v };
        metrics.set(&columns::OVERLAP, or_nan(mean_overlap(last, false)));
        metrics.set(&columns::RANDOM_OVERLAP, or_nan(mean_overlap(last, true)));
        metrics.set(&columns::HIT_RATE, or_nan(mean_of(last, |r| r.hit_rate)));
        metrics.set(
            &columns::FALSE_ALARM_RATE,
            or_nan(mean_of(last, |r| r.false_alarm_rate)),
        );
        metrics.set(&columns::REPLAYS, f64::from(session.last_replays));
        metrics.set(
            &columns::CHANCE_REPLAYS,
            f64::from(session.last_chance_replays),
        );
        metrics.set(&columns::SESSION, f64::from(session.session));
        let asleep = session.stage() == super::session::Stage::Sleep;
        metrics.set(&neurarium_sim::metrics::ASLEEP, f64::from(u8::from(asleep)));
    }
}
