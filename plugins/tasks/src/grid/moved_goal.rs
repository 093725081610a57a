//! A goal moved for a stretch of the run and then moved back: forgetting on the grid world.
//!
//! ```ron
//! moved_goal: Some((cell: (0, 4), after_episodes: 1000, for_episodes: 1000, replay: 0.25)),
//! ```
//!
//! Episodes `0 … a−1` walk to the map's goal (task A), episodes `a … a+f−1` to `cell` (task B),
//! and from episode `a+f` on to the map's goal again (A once more), with `a = after_episodes`,
//! `f = for_episodes`. With `replay = p`, each episode of the moved stretch walks to the map's
//! goal instead with probability `p` (drawn from the agent's seeded generator): task A rehearsed
//! among task B's episodes. The brain is not told which goal is in force; it sees its cell only.
//!
//! How much of A is kept after B is the success of an evaluation (`--eval`, learning off),
//! which always walks to the map's goal; how fast it comes back is the success of the episodes
//! after the goal moved back (the metrics' `episode` from `a+f` on; `grid/goal_moved` says
//! which goal each episode had; the learning panel marks the three stretches).
//!
//! `cell` must be given; the other fields default to 1,000, 1,000 and 0.

use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::grid::map::GridMap;

/// When and where the goal moves (the scene's `moved_goal`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovedGoal {
    /// Where the goal moves to, `(row, column)` from the top left, 0-based (required).
    pub cell: (usize, usize),
    /// Episodes at the map's goal before it moves (at least 1).
    #[serde(default = "thousand")]
    pub after_episodes: u64,
    /// Episodes with the goal moved (at least 1); then it moves back for the rest of the run.
    #[serde(default = "thousand")]
    pub for_episodes: u64,
    /// Share of the moved stretch's episodes that walk to the map's goal instead, `[0, 1]`.
    #[serde(default)]
    pub replay: f32,
}

/// The default length of stage A and of stage B, episodes.
fn thousand() -> u64 {
    1000
}

impl Default for MovedGoal {
    fn default() -> Self {
        Self {
            cell: (0, 0),
            after_episodes: thousand(),
            for_episodes: thousand(),
            replay: 0.0,
        }
    }
}

/// Where an episode falls in the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Before the goal moves.
    Before,
    /// While it is moved (some episodes may still rehearse the map's goal).
    Moved,
    /// After it moved back.
    Back,
}

impl MovedGoal {
    /// Checks the fields against `map`; the error names the field.
    pub fn validate(&self, map: &GridMap) -> Result<(), InvalidParam> {
        InvalidParam::check(map.is_free(self.cell), "moved_goal.cell", || {
            format!(
                "{:?} is a wall or outside the map: a goal must be a free cell",
                self.cell
            )
        })?;
        InvalidParam::check(self.cell != map.goal, "moved_goal.cell", || {
            format!("{:?} is the map's goal already", self.cell)
        })?;
        InvalidParam::check(
            self.after_episodes >= 1,
            "moved_goal.after_episodes",
            || "the goal must stay at the map's goal for at least one episode".to_owned(),
        )?;
        InvalidParam::check(self.for_episodes >= 1, "moved_goal.for_episodes", || {
            "the goal must stay moved for at least one episode".to_owned()
        })?;
        InvalidParam::check(
            (0.0..=1.0).contains(&self.replay),
            "moved_goal.replay",
            || format!("{} is not a share in [0, 1]", self.replay),
        )
    }

    /// The stage of episode `episode` (0-based).
    pub fn stage(&self, episode: u64) -> Stage {
        if episode < self.after_episodes {
            Stage::Before
        } else if episode - self.after_episodes < self.for_episodes {
            Stage::Moved
        } else {
            Stage::Back
        }
    }
}

/// The two maps of a moved goal and its schedule, beside the grid world.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalSchedule {
    /// When and where.
    pub moved: MovedGoal,
    /// The map with its own goal (task A).
    pub home: GridMap,
    /// The map with the goal moved (task B).
    pub away: GridMap,
}

impl GoalSchedule {
    /// The schedule of `moved` on `home`; the error names the field.
    pub fn new(home: &GridMap, moved: MovedGoal) -> Result<Self, InvalidParam> {
        moved.validate(home)?;
        let away = home
            .with_goal(moved.cell)
            .map_err(|e| InvalidParam::new("moved_goal.cell", e.to_string()))?;
        Ok(Self {
            moved,
            home: home.clone(),
            away,
        })
    }

    /// Whether episode `episode` walks to the moved goal; `draw` in `[0, 1)` is its replay
    /// draw, asked for only inside the moved stretch when `replay > 0`.
    pub fn goal_moved(&self, episode: u64, draw: impl FnOnce() -> f32) -> bool {
        self.moved.stage(episode) == Stage::Moved
            && (self.moved.replay <= 0.0 || draw() >= self.moved.replay)
    }

    /// The map of an episode whose goal is moved or not.
    pub fn map(&self, goal_moved: bool) -> &GridMap {
        if goal_moved { &self.away } else { &self.home }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(replay: f32) -> GoalSchedule {
        let map = GridMap::parse("...\n...\n..G").unwrap();
        let moved = MovedGoal {
            cell: (0, 2),
            after_episodes: 3,
            for_episodes: 2,
            replay,
        };
        GoalSchedule::new(&map, moved).unwrap()
    }

    #[test]
    fn the_goal_moves_for_its_stretch_and_comes_back() {
        let schedule = schedule(0.0);
        let moved: Vec<bool> = (0..7)
            .map(|e| schedule.goal_moved(e, || panic!("no draw without replay")))
            .collect();
        assert_eq!(moved, [false, false, false, true, true, false, false]);
        assert_eq!(schedule.map(true).goal, (0, 2));
        assert_eq!(schedule.map(false).goal, (2, 2));
        assert_eq!(schedule.moved.stage(5), Stage::Back);
    }

    #[test]
    fn replay_sends_a_share_of_the_moved_episodes_home() {
        let schedule = schedule(0.25);
        assert!(
            !schedule.goal_moved(3, || 0.1),
            "drawn below the share: home"
        );
        assert!(schedule.goal_moved(3, || 0.3));
        assert!(!schedule.goal_moved(1, || 0.9), "before the move: home");
    }

    #[test]
    fn refuses_a_goal_on_a_wall_the_same_goal_or_a_bad_share() {
        let map = GridMap::parse(".#.\n...\n..G").unwrap();
        let bad = |moved: MovedGoal| GoalSchedule::new(&map, moved).unwrap_err().to_string();
        let wall = MovedGoal {
            cell: (0, 1),
            ..MovedGoal::default()
        };
        assert!(bad(wall).contains("moved_goal.cell"));
        let same = MovedGoal {
            cell: (2, 2),
            ..MovedGoal::default()
        };
        assert!(bad(same).contains("already"));
        let share = MovedGoal {
            replay: 1.5,
            ..MovedGoal::default()
        };
        assert!(bad(share).contains("moved_goal.replay"));
        let at_once = MovedGoal {
            after_episodes: 0,
            ..MovedGoal::default()
        };
        assert!(bad(at_once).contains("moved_goal.after_episodes"));
        let never = MovedGoal {
            for_episodes: 0,
            ..MovedGoal::default()
        };
        assert!(bad(never).contains("moved_goal.for_episodes"));
    }
}
