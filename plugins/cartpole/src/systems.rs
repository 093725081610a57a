//! The CartPole task's systems in the simulation step.
//!
//! - `Act` ([`push`], `ActSet::Control`): a control step: the push, `τ` of physics;
//! - `Reward` ([`score`], `RewardSet::Score`): a reward of 1 for the step; the pole past 12°,
//!   the cart past 2.4 m (`Terminal`) or the step limit (`Cut`) ends the episode;
//! - `Record` ([`record`] in `RecordSet::Task`; at an episode's end its outcome into the history
//!   ([`remember_episode`]), a replay's states to its table, and [`restart`]).

use bevy::prelude::*;
use neurarium_sim::fault::Fault;
use neurarium_sim::prelude::*;
use neurarium_tasks::episodic::history::{EpisodeHistory, EpisodeOutcome};

use crate::columns;
use crate::world::CartPoleWorld;

/// Pushing the cart by hand (the window's keyboard mode): while `on`, each step pushes the way
/// `right` says (`None`: the controller decides).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PushByHand {
    /// Whether the keyboard pushes.
    pub on: bool,
    /// The arrow held: `Some(true)` right, `Some(false)` left.
    pub right: Option<bool>,
}

/// `Act`: one control step; a world model whose relaxation fails stops the run, named.
pub fn push(
    mut worlds: Query<&mut CartPoleWorld>,
    by_hand: Option<Res<PushByHand>>,
    clock: Res<SimClock>,
    mut fault: ResMut<SimFault>,
) {
    let by_hand = by_hand.filter(|h| h.on).and_then(|h| h.right);
    for mut world in &mut worlds {
        if world.done() {
            world.pushed = None;
        } else if let Err(error) = world.step(by_hand) {
            fault.report(Fault {
                region: "the cart pole's world model".to_owned(),
                step: clock.step,
                what: error.to_string(),
            });
        }
    }
}

/// `Reward`: 1 for the step; the end of the episode when it is over.
pub fn score(
    worlds: Query<&CartPoleWorld>,
    mut rewards: ResMut<Rewards>,
    mut episodes: ResMut<Episodes>,
) {
    for world in &worlds {
        if world.pushed.is_none() {
            continue;
        }
        let transition = if world.fallen && world.replay.is_none() {
            Transition::Terminal
        } else if world.done() {
            Transition::Cut
        } else {
            Transition::Continues
        };
        rewards.send_last(1.0, transition);
        if world.done() {
            episodes.request_end();
        }
    }
}

/// `Record`: the state and the episode's length.
pub fn record(worlds: Query<&CartPoleWorld>, mut metrics: ResMut<Metrics>) {
    for world in &worlds {
        let s = world.state;
        metrics.set(&columns::LENGTH, f64::from(world.steps));
        metrics.set(&columns::X, s.x);
        metrics.set(&columns::X_DOT, s.x_dot);
        metrics.set(&columns::THETA, s.theta);
        metrics.set(&columns::THETA_DOT, s.theta_dot);
        metrics.set(&columns::SURVIVED, f64::from(u8::from(survived(world))));
        if let Some(agent) = &world.agent {
            metrics.set(&columns::ONE_STEP_ERROR, agent.errors.one_step_mean());
            metrics.set(&columns::TEN_STEP_ERROR, agent.errors.ten_step_mean());
        }
    }
}

/// Whether the episode reached the step limit with the pole up.
fn survived(world: &CartPoleWorld) -> bool {
    !world.fallen && world.steps >= world.body.params().max_steps
}

/// `Record` (an episode's end, first): its outcome joins the run's history (the window's
/// learning panel); a finished replay writes its states.
pub fn remember_episode(
    learning_rate: Res<LearningRate>,
    mut history: ResMut<EpisodeHistory>,
    mut worlds: Query<&mut CartPoleWorld>,
) {
    for mut world in &mut worlds {
        history.episodes.push(EpisodeOutcome {
            episode_return: f64::from(world.steps),
            succeeded: survived(&world),
            phase: 0,
            learning_rate_scale: learning_rate.effective(),
        });
        if let Some(replay) = &mut world.replay {
            match replay.write_when_finished() {
                Ok(Some(path)) => info!(
                    "cartpole: the replay's states written to {}",
                    path.display()
                ),
                Ok(None) => {}
                Err(e) => error!("cartpole: the replay's states could not be written: {e}"),
            }
        }
    }
}

/// `Record` (an episode's end): the next episode from a new random start.
pub fn restart(mut worlds: Query<&mut CartPoleWorld>) {
    for mut world in &mut worlds {
        world.restart();
    }
}
