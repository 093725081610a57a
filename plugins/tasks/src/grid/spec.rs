//! The grid world's scene section: `task: Some(Grid((…)))`.
//!
//! ```ron
//! task: Some(Grid((
//!     map: "
//!         .....
//!         .....
//!         .....
//!         .....
//!         ....G",
//!     brain: Some((place: "place", motor: "motor")),
//! ))),
//! ```
//!
//! Every field has a default; `docs/scenes.md` documents them.

use neurarium_sim::prelude::BrainPorts;
use serde::{Deserialize, Serialize};

use crate::episodic::rate_schedule::LearningRateSchedule;
use crate::error::InvalidParam;
use crate::grid::map::{GridMap, Move};
use crate::grid::moved_goal::MovedGoal;

/// Where episodes start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Starts {
    /// Every free cell in turn, in a shuffled order drawn anew for each round (seeded).
    #[default]
    EveryFree,
    /// Always this cell, `(row, column)`, 0-based from the top left.
    Cell(usize, usize),
    /// Every free cell once a round and the far half twice: the cells whose shortest path to
    /// the goal is longer than the median free cell's start a second time, all in one shuffled
    /// order. Walks from afar pass through the cells near the goal; nothing passes through the
    /// far end of a maze but walks that start there, so with `EveryFree` it is seen least.
    FarTwice,
}

/// The rewards of a move.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GridRewards {
    /// Reaching the goal.
    pub goal: f32,
    /// Every other move.
    pub step: f32,
    /// A move into a wall or the edge (the agent stays), instead of `step`.
    pub bump: f32,
}

impl Default for GridRewards {
    fn default() -> Self {
        Self {
            goal: 1.0,
            step: 0.0,
            bump: -0.1,
        }
    }
}

/// The brain that walks the grid, through its ports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GridBrainSpec {
    /// Input port of the place cells: `k` values per map cell (row by row, `k ≥ 1`); the
    /// agent's cell's `k` values are 1, the rest 0 (a spiking brain: a `Rate` encoder region).
    pub place: String,
    /// Output port choosing one of four moves, in the order up, down, left, right (a spiking
    /// brain: a `WinnerTakeAll` readout with 4 pools).
    pub motor: String,
}

impl Default for GridBrainSpec {
    fn default() -> Self {
        Self {
            place: "place".to_owned(),
            motor: "motor".to_owned(),
        }
    }
}

/// A grid world, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GridTaskSpec {
    /// The map, one text line per row: `#` wall, `G` goal, `.` free ([`GridMap`]).
    pub map: String,
    /// Where episodes start.
    pub starts: Starts,
    /// Moves after which an episode ends without the goal; 0: four times the number of free
    /// cells.
    pub max_moves: u32,
    /// The rewards.
    pub reward: GridRewards,
    /// How the learning rate of every plastic projection changes over the run (there is no
    /// curriculum: `PhaseDecay` decays over the whole run).
    pub learning_rate: LearningRateSchedule,
    /// The goal moved for a stretch of the run and moved back ([`MovedGoal`]), if at all.
    pub moved_goal: Option<MovedGoal>,
    /// The brain, through its ports.
    pub brain: Option<GridBrainSpec>,
}

impl Default for GridTaskSpec {
    fn default() -> Self {
        Self {
            map: ".....\n.....\n.....\n.....\n....G".to_owned(),
            starts: Starts::EveryFree,
            max_moves: 0,
            reward: GridRewards::default(),
            learning_rate: LearningRateSchedule::Constant,
            moved_goal: None,
            brain: Some(GridBrainSpec::default()),
        }
    }
}

impl GridTaskSpec {
    /// The parsed map; the error names the field `map` and the line and column.
    pub fn parse_map(&self) -> Result<GridMap, InvalidParam> {
        GridMap::parse(&self.map).map_err(|e| InvalidParam::new("map", e.to_string()))
    }

    /// The move limit: `max_moves`, or four times the free cells.
    pub fn move_limit(&self, map: &GridMap) -> u32 {
        if self.max_moves > 0 {
            self.max_moves
        } else {
            u32::try_from(4 * (map.free_cells().len() + 1)).unwrap_or(u32::MAX)
        }
    }

    /// Checks every value and the brain's ports; the error names the field.
    pub fn validate(&self, ports: &BrainPorts) -> Result<(), InvalidParam> {
        let map = self.parse_map()?;
        if let Starts::Cell(row, col) = self.starts {
            InvalidParam::check(
                map.is_free((row, col)) && (row, col) != map.goal,
                "starts",
                || format!("cell ({row}, {col}) is not a free cell of the map other than the goal"),
            )?;
        }
        for (field, value) in [
            ("reward.goal", self.reward.goal),
            ("reward.step", self.reward.step),
            ("reward.bump", self.reward.bump),
        ] {
            InvalidParam::finite(field, value.into())?;
        }
        self.learning_rate
            .validate()
            .map_err(|e| e.within("learning_rate"))?;
        if let Some(moved) = &self.moved_goal {
            moved.validate(&map)?;
            InvalidParam::check(
                self.starts != Starts::Cell(moved.cell.0, moved.cell.1),
                "starts",
                || {
                    format!(
                        "{:?} is where moved_goal moves the goal: the moved episodes would start on it",
                        moved.cell
                    )
                },
            )?;
        }
        let Some(brain) = &self.brain else {
            return Ok(());
        };
        let cells = map.rows * map.cols;
        let place = ports
            .input(&brain.place)
            .map_err(|message| InvalidParam::new("brain.place", message))?;
        InvalidParam::check(
            place.width >= cells && place.width % cells == 0,
            "brain.place",
            || {
                format!(
                    "input port '{}' ({}) reads {} values; the {}×{} map needs a whole number of values per cell ({cells}, {}, …)",
                    brain.place,
                    place.what,
                    place.width,
                    map.rows,
                    map.cols,
                    2 * cells
                )
            },
        )?;
        let motor = ports
            .output(&brain.motor)
            .map_err(|message| InvalidParam::new("brain.motor", message))?;
        InvalidParam::check(
            motor.choices == Some(Move::ALL.len() as u32),
            "brain.motor",
            || {
                format!(
                    "output port '{}' ({}) must choose one of 4 moves (up, down, left, right: a WinnerTakeAll readout with 4 pools)",
                    brain.motor, motor.what
                )
            },
        )
    }
}
