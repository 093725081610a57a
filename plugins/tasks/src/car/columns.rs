//! The car's metrics columns, declared once. With one row per episode they describe the
//! episode's end.

use neurarium_sim::prelude::Column;

/// Progress along the centre line this episode (negative if driven backwards).
pub const PROGRESS: Column = Column {
    name: "car/progress_m",
    unit: "m",
    description: "progress along the centre line this episode (negative if driven backwards)",
};
/// Distance driven this episode (odometer).
pub const DISTANCE: Column = Column {
    name: "car/distance_m",
    unit: "m",
    description: "distance driven this episode (odometer)",
};
/// Laps completed this episode.
pub const LAPS: Column = Column {
    name: "car/laps",
    unit: "1",
    description: "laps completed this episode (circuits only)",
};
/// Whether the car hit a wall this episode.
pub const CRASHED: Column = Column {
    name: "car/crashed",
    unit: "1",
    description: "1 if the car hit a wall this episode, else 0",
};
/// Whether the car reached the road's end or drove its laps.
pub const FINISHED: Column = Column {
    name: "car/finished",
    unit: "1",
    description: "1 if the car reached the end of the road or drove the scene's laps, else 0",
};
/// Forward speed.
pub const SPEED: Column = Column {
    name: "car/speed_mps",
    unit: "m/s",
    description: "forward speed",
};
/// Signed distance from the centre line.
pub const LATERAL: Column = Column {
    name: "car/lateral_m",
    unit: "m",
    description: "signed distance from the centre line, positive to the left",
};
/// Heading minus the centre line's direction.
pub const HEADING_ERROR: Column = Column {
    name: "car/heading_error_rad",
    unit: "rad",
    description: "heading minus the centre line's direction, in (−π, π]",
};
/// Car time this episode.
pub const TIME: Column = Column {
    name: "car/time_s",
    unit: "s",
    description: "car time this episode",
};
/// Reward of the last control step.
pub const REWARD: Column = Column {
    name: "car/reward",
    unit: "",
    description: "reward of the last control step",
};
/// Sum of the rewards this episode.
pub const RETURN: Column = Column {
    name: "car/return",
    unit: "",
    description: "sum of the control-step rewards this episode so far: the episode's return",
};
/// Curriculum phase, from 1.
pub const PHASE: Column = Column {
    name: "car/phase",
    unit: "1",
    description: "curriculum phase, from 1 (1 without a curriculum)",
};
/// The learning-rate factor.
pub const LEARNING_RATE: Column = Column {
    name: "car/learning_rate",
    unit: "",
    description: "the factor on every weight change during the episode (its schedule's value; 0 with learning off)",
};

/// Every car column, in the order of the metrics table.
pub const ALL: &[Column] = &[
    PROGRESS,
    DISTANCE,
    LAPS,
    CRASHED,
    FINISHED,
    SPEED,
    LATERAL,
    HEADING_ERROR,
    TIME,
    REWARD,
    RETURN,
    PHASE,
    LEARNING_RATE,
];
