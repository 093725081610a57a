//! The grid world's metrics columns. With one row per episode they describe the episode's end.

use neurarium_sim::prelude::Column;

/// Moves made this episode.
pub const MOVES: Column = Column {
    name: "grid/moves",
    unit: "1",
    description: "moves made this episode",
};
/// The shortest number of moves from this episode's start to the goal.
pub const SHORTEST: Column = Column {
    name: "grid/shortest",
    unit: "1",
    description: "the shortest number of moves from this episode's start to the goal",
};
/// Moves that bumped into a wall.
pub const BUMPS: Column = Column {
    name: "grid/bumps",
    unit: "1",
    description: "moves into a wall or the edge this episode (the agent stayed)",
};
/// Whether the goal was reached.
pub const REACHED: Column = Column {
    name: "grid/reached",
    unit: "1",
    description: "1 once the agent reached the goal this episode, else 0",
};
/// Sum of the rewards.
pub const RETURN: Column = Column {
    name: "grid/return",
    unit: "",
    description: "sum of the rewards this episode",
};
/// The start cell's row.
pub const START_ROW: Column = Column {
    name: "grid/start_row",
    unit: "1",
    description: "row of this episode's start cell (0: top)",
};
/// The start cell's column.
pub const START_COLUMN: Column = Column {
    name: "grid/start_column",
    unit: "1",
    description: "column of this episode's start cell (0: left)",
};
/// Whether this episode's goal was the moved one (written only with `moved_goal`).
pub const GOAL_MOVED: Column = Column {
    name: "grid/goal_moved",
    unit: "1",
    description: "1 when this episode walked to the moved goal, 0 to the map's (only with moved_goal)",
};

/// Every column, in the order of the CSV.
pub const ALL: &[Column] = &[
    MOVES,
    SHORTEST,
    BUMPS,
    REACHED,
    RETURN,
    START_ROW,
    START_COLUMN,
    GOAL_MOVED,
];
