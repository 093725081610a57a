//! The grid world's systems in the simulation step.
//!
//! - `Sense` ([`sense_place`]): the agent's cell into the place port, `k` ones for its cell;
//! - `Act` ([`walk`], `ActSet::Control`): when the motor port renews its choice, that move;
//! - `Reward` ([`score`], `RewardSet::Score`): the move's reward to the brains; the goal or the
//!   move limit ends the episode;
//! - `Record` ([`record`] in `RecordSet::Task`; at an episode's end its outcome into the
//!   history ([`remember_episode`]), the learning rate for the next
//!   ([`set_learning_rate_by_episode`](crate::episodic::rate_schedule::set_learning_rate_by_episode))
//!   and [`restart`]).

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use rand::Rng;

use super::agent::Agent;
use super::columns;
use super::map::{GridMap, Move};
use super::moved_goal::{GoalSchedule, Stage};
use super::spec::GridRewards;
use crate::episodic::history::{EpisodeHistory, EpisodeOutcome};

/// The map and its rewards, beside the agent.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct GridWorld {
    /// The map of this episode (its goal moved while the schedule says so).
    pub map: GridMap,
    /// Rewards of the moves.
    pub rewards: GridRewards,
    /// The goal's moves, if the scene moves it.
    pub schedule: Option<GoalSchedule>,
    /// The goal stays at the map's goal whatever the schedule says (an evaluation).
    pub home_only: bool,
}

impl GridWorld {
    /// Starts the agent's next episode: its number, its goal ([`GoalSchedule`]) and its start.
    ///
    /// A round of starts is the free cells of the map it was drawn on, so after the goal moved
    /// it may hold this episode's goal; the other goal's cell, the one cell that round lacks,
    /// starts instead.
    pub fn next_episode(&mut self, agent: &mut Agent) {
        agent.episode += 1;
        if let (Some(schedule), false) = (&self.schedule, self.home_only) {
            let episode = agent.episode;
            let rng = &mut agent.rng;
            agent.goal_moved = schedule.goal_moved(episode, || rng.random::<f32>());
        }
        self.follow(agent);
        agent.restart(&self.map);
        if let Some(schedule) = &self.schedule
            && agent.start == self.map.goal
        {
            let other = schedule.map(!agent.goal_moved).goal;
            agent.start = other;
            agent.cell = other;
        }
    }

    /// Takes the map of the agent's goal (after a checkpoint restored the agent); copied only
    /// when the goal changes, not every episode.
    pub fn follow(&mut self, agent: &Agent) {
        if let Some(schedule) = &self.schedule {
            let map = schedule.map(agent.goal_moved);
            if map.goal != self.map.goal {
                self.map = map.clone();
            }
        }
    }

    /// Moves the goal home for good (an evaluation walks to the map's goal).
    pub fn keep_goal_home(&mut self, agent: &mut Agent) {
        self.home_only = true;
        agent.goal_moved = false;
        self.follow(agent);
    }

    /// The stage of the agent's episode: 0 before the goal moves (or without a schedule), 1
    /// while it is moved, 2 after it moved back.
    pub fn stage(&self, agent: &Agent) -> usize {
        match self.schedule.as_ref().map(|s| s.moved.stage(agent.episode)) {
            None | Some(Stage::Before) => 0,
            Some(Stage::Moved) => 1,
            Some(Stage::Back) => 2,
        }
    }
}

/// The brain's ports, found at spawn.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridPorts {
    /// Place cells' input port.
    pub place: Entity,
    /// Motor output port.
    pub motor: Entity,
}

/// `Sense`: ones for the agent's cell in the place port, zeros elsewhere.
pub fn sense_place(
    agents: Query<(&Agent, &GridWorld, &GridPorts)>,
    mut inputs: Query<&mut InputPort>,
) {
    for (agent, world, ports) in &agents {
        let Ok(mut port) = inputs.get_mut(ports.place) else {
            continue;
        };
        let cells = world.map.rows * world.map.cols;
        port.set_one_hot(agent.cell.0 * world.map.cols + agent.cell.1, cells);
    }
}

/// `Act`: the move the motor port chose, when it renews its choice.
pub fn walk(mut agents: Query<(&mut Agent, &GridWorld, &GridPorts)>, outputs: Query<&OutputPort>) {
    for (mut agent, world, ports) in &mut agents {
        agent.moved = None;
        let Ok(port) = outputs.get(ports.motor) else {
            continue;
        };
        if let (true, Some(choice), false) = (port.ready, port.choice, agent.done())
            && let Some(&mv) = Move::ALL.get(choice as usize)
        {
            agent.make(&world.map, mv, &world.rewards);
        }
    }
}

/// `Reward`: the move's reward to the brains; the goal (nothing follows it: `Terminal`) or the
/// move limit (`Cut`) ends the episode.
pub fn score(agents: Query<&Agent>, mut rewards: ResMut<Rewards>, mut episodes: ResMut<Episodes>) {
    for agent in &agents {
        if let Some(reward) = agent.moved {
            let transition = if agent.reached {
                Transition::Terminal
            } else if agent.done() {
                Transition::Cut
            } else {
                Transition::Continues
            };
            rewards.send_last(reward, transition);
            if agent.done() {
                episodes.request_end();
            }
        }
    }
}

/// `Record`: the grid's columns.
pub fn record(agents: Query<(&Agent, &GridWorld)>, mut metrics: ResMut<Metrics>) {
    for (agent, world) in &agents {
        let (row, col) = agent.start;
        let shortest = world.map.distance(agent.start).unwrap_or(0);
        metrics.set(&columns::MOVES, f64::from(agent.moves));
        metrics.set(&columns::SHORTEST, f64::from(shortest));
        metrics.set(&columns::BUMPS, f64::from(agent.bumps));
        metrics.set(&columns::REACHED, f64::from(u8::from(agent.reached)));
        metrics.set(&columns::RETURN, agent.episode_return);
        metrics.set(&columns::START_ROW, row as f64);
        metrics.set(&columns::START_COLUMN, col as f64);
        if world.schedule.is_some() {
            metrics.set(&columns::GOAL_MOVED, f64::from(u8::from(agent.goal_moved)));
        }
    }
}

/// `Record` (an episode's end, first): its outcome joins the run's history (the window's
/// learning panel).
pub fn remember_episode(
    learning_rate: Res<LearningRate>,
    mut history: ResMut<EpisodeHistory>,
    agents: Query<(&Agent, &GridWorld)>,
) {
    for (agent, world) in &agents {
        history.episodes.push(EpisodeOutcome {
            episode_return: agent.episode_return,
            succeeded: agent.reached,
            phase: world.stage(agent),
            learning_rate_scale: learning_rate.effective(),
        });
    }
}

/// `Record` (an episode's end): the next episode, to its goal, from the next start.
pub fn restart(mut agents: Query<(&mut Agent, &mut GridWorld)>) {
    for (mut agent, mut world) in &mut agents {
        world.next_episode(&mut agent);
    }
}
