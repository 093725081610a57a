//! The agent: where it is, what this episode has cost, and where the next episode starts.
//!
//! A move goes to the neighbouring cell, or leaves the agent where it is when a wall or the
//! map's edge is in the way (a bump). The episode ends at the goal or after the move limit.
//! With [`Starts::EveryFree`] the episodes start from every free cell in turn, in an order
//! shuffled anew each round, so training sees every start equally often and an evaluation of
//! as many episodes as there are free cells starts once from each. [`Starts::FarTwice`] adds a
//! second start from each cell farther from the goal than the median free cell to every round.

use bevy::prelude::*;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::grid::map::{Cell, GridMap, Move};
use crate::grid::spec::{GridRewards, Starts};

/// The agent on its map. Saved in the `grid` checkpoint section (the map is rebuilt from the
/// scene).
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    /// Where it is.
    pub cell: Cell,
    /// Where this episode started.
    pub start: Cell,
    /// Moves this episode.
    pub moves: u32,
    /// Moves that bumped into a wall this episode.
    pub bumps: u32,
    /// Sum of this episode's rewards.
    pub episode_return: f64,
    /// Whether it reached the goal this episode.
    pub reached: bool,
    /// The reward of the move made this step, if it moved.
    pub moved: Option<f32>,
    /// The starts still to come this round (`EveryFree`, `FarTwice`), next last.
    pub upcoming: Vec<Cell>,
    /// Draws the order of each round.
    pub rng: ChaCha8Rng,
    /// Where episodes start.
    pub starts: Starts,
    /// Moves after which an episode ends.
    pub move_limit: u32,
    /// This episode's number, from 0.
    pub episode: u64,
    /// Whether this episode walks to the moved goal ([`crate::grid::moved_goal`]).
    pub goal_moved: bool,
}

impl Agent {
    /// An agent at its first start, episodes starting as `starts` says, the order drawn from
    /// `seed`.
    pub fn new(map: &GridMap, starts: Starts, move_limit: u32, seed: u64) -> Self {
        let mut agent = Self {
            cell: map.goal,
            start: map.goal,
            moves: 0,
            bumps: 0,
            episode_return: 0.0,
            reached: false,
            moved: None,
            upcoming: Vec::new(),
            rng: ChaCha8Rng::seed_from_u64(seed),
            starts,
            move_limit,
            episode: 0,
            goal_moved: false,
        };
        agent.restart(map);
        agent
    }

    /// Makes `mv` on `map`: moves (or bumps), counts it and scores it with `rewards`.
    pub fn make(&mut self, map: &GridMap, mv: Move, rewards: &GridRewards) {
        let next = map.step(self.cell, mv);
        let bumped = next == self.cell;
        self.cell = next;
        self.moves += 1;
        self.bumps += u32::from(bumped);
        self.reached = next == map.goal;
        let reward = if self.reached {
            rewards.goal
        } else if bumped {
            rewards.bump
        } else {
            rewards.step
        };
        self.episode_return += f64::from(reward);
        self.moved = Some(reward);
    }

    /// Whether the episode is over: the goal reached or the moves used up.
    pub fn done(&self) -> bool {
        self.reached || self.moves >= self.move_limit
    }

    /// A new episode from the next start.
    pub fn restart(&mut self, map: &GridMap) {
        self.start = match self.starts {
            Starts::Cell(row, col) => (row, col),
            Starts::EveryFree | Starts::FarTwice => {
                if self.upcoming.is_empty() {
                    self.upcoming = round_of_starts(map, self.starts);
                    self.upcoming.shuffle(&mut self.rng);
                }
                self.upcoming.pop().unwrap_or(map.goal)
            }
        };
        self.cell = self.start;
        self.moves = 0;
        self.bumps = 0;
        self.episode_return = 0.0;
        self.reached = false;
        self.moved = None;
    }

    /// Starts every free cell once from now on, in row order (for an evaluation).
    pub fn start_each_cell_in_order(&mut self, map: &GridMap) {
        self.starts = Starts::EveryFree;
        self.upcoming = map.free_cells();
        self.upcoming.reverse();
        self.restart(map);
    }
}

/// One round's starts, unordered: every free cell, and with [`Starts::FarTwice`] the cells
/// farther from the goal than the median free cell (the upper one of an even count) again.
fn round_of_starts(map: &GridMap, starts: Starts) -> Vec<Cell> {
    let mut cells = map.free_cells();
    if starts == Starts::FarTwice {
        let distance = |cell: Cell| map.distance(cell).unwrap_or(0);
        let mut distances: Vec<u32> = cells.iter().map(|&cell| distance(cell)).collect();
        distances.sort_unstable();
        let median = distances.get(distances.len() / 2).copied().unwrap_or(0);
        let far: Vec<Cell> = cells
            .iter()
            .copied()
            .filter(|&c| distance(c) > median)
            .collect();
        cells.extend(far);
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_free_cell_starts_once_a_round() {
        let map = GridMap::parse("...\n.#.\n..G").unwrap();
        let mut agent = Agent::new(&map, Starts::EveryFree, 10, 1);
        let mut seen = vec![agent.start];
        for _ in 1..7 {
            agent.restart(&map);
            seen.push(agent.start);
        }
        seen.sort_unstable();
        assert_eq!(seen, map.free_cells());
        agent.start_each_cell_in_order(&map);
        assert_eq!(agent.start, (0, 0));
    }

    #[test]
    fn far_twice_starts_the_far_half_twice_a_round() {
        // Distances 4 3 2 / 3 # 1 / 2 1 G: the median of 1 1 2 2 3 3 4 is 2.
        let map = GridMap::parse("...\n.#.\n..G").unwrap();
        let mut agent = Agent::new(&map, Starts::FarTwice, 10, 1);
        let mut seen = vec![agent.start];
        for _ in 1..10 {
            agent.restart(&map);
            seen.push(agent.start);
        }
        seen.sort_unstable();
        assert_eq!(
            seen,
            vec![
                (0, 0),
                (0, 0),
                (0, 1),
                (0, 1),
                (0, 2),
                (1, 0),
                (1, 0),
                (1, 2),
                (2, 0),
                (2, 1)
            ]
        );
    }

    #[test]
    fn moves_bumps_and_rewards() {
        let map = GridMap::parse("..G").unwrap();
        let rewards = GridRewards {
            goal: 1.0,
            step: -0.01,
            bump: -0.1,
        };
        let mut agent = Agent::new(&map, Starts::Cell(0, 0), 10, 1);
        agent.make(&map, Move::Up, &rewards);
        assert_eq!(
            (agent.cell, agent.moved, agent.bumps),
            ((0, 0), Some(-0.1), 1)
        );
        agent.make(&map, Move::Right, &rewards);
        agent.make(&map, Move::Right, &rewards);
        assert!(agent.reached && agent.done());
        assert_eq!(agent.moves, 3);
        assert!((agent.episode_return - 0.89).abs() < 1e-6);
    }
}
