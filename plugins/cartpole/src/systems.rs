//! The CartPole task's systems in the simulation step.
//!
//! - `Sense` ([`sense_box`](crate::brain::sense_box)), with a brain: the state's box to its
//!   place cells;
//! - `Act` ([`push`], `ActSet::Control`): a control step: the push, `τ` of physics (with a
//!   brain, only when its motor port chooses);
//! - `Reward` ([`score`], `RewardSet::Score`): a reward of 1 for the step (a brain's own
//!   rewards, [`crate::brain`]); the pole past 12°,
//!   the cart past 2.4 m (`Terminal`) or the step limit (`Cut`) ends the episode;
//! - `Record` ([`record`] in `RecordSet::Task`; at an episode's end its outcome into the history
//!   ([`remember_episode`]), a replay's states to its table, and [`restart`]).

use bevy::prelude::*;
use neurarium_sim::fault::Fault;
use neurarium_sim::prelude::*;
use neurarium_tasks::episodic::history::{EpisodeHistory, EpisodeOutcome};

use crate::brain::CartPoleBrain;
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

/// `Act`: one control step, or, with a brain, one when its motor port renews its choice; a
/// world model whose relaxation fails stops the run, named.
pub fn push(
    mut worlds: Query<(&mut CartPoleWorld, Option<&CartPoleBrain>)>,
    outputs: Query<&OutputPort>,
    by_hand: Option<Res<PushByHand>>,
    clock: Res<SimClock>,
    mut fault: ResMut<SimFault>,
) {
    let by_hand = by_hand.filter(|h| h.on).and_then(|h| h.right);
    for (mut world, brain) in &mut worlds {
        let world = &mut *world;
        world.pushed = None;
        if world.done() {
            continue;
        }
        let given = match brain.map(|brain| outputs.get(brain.motor)) {
            None => by_hand,
            Some(Ok(port)) if port.ready => {
                Some(by_hand.unwrap_or_else(|| CartPoleBrain::push(port.choice, &mut world.rng)))
            }
            Some(_) => continue,
        };
        if let Err(error) = world.step(given) {
            fault.report(Fault {
                region: "the cart pole's world model".to_owned(),
                step: clock.step,
                what: error.to_string(),
            });
        }
    }
}

/// `Reward`: the step's reward (1, or a brain's `reward`); the end of the episode when it is
/// over.
pub fn score(
    worlds: Query<(&CartPoleWorld, Option<&CartPoleBrain>)>,
    mut rewards: ResMut<Rewards>,
    mut episodes: ResMut<Episodes>,
) {
    for (world, brain) in &worlds {
        if world.pushed.is_none() {
            continue;
        }
        let fell = world.fallen && world.replay.is_none();
        let transition = if fell {
            Transition::Terminal
        } else if world.done() {
            Transition::Cut
        } else {
            Transition::Continues
        };
        let reward = brain.map_or(1.0, |brain| brain.reward(fell));
        rewards.send_last(reward, transition);
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
