//! The recall task's metrics columns (one row per session: its end).

use neurarium_sim::metrics::ASLEEP;
use neurarium_sim::prelude::Column;

/// Mean overlap of the pattern cues.
pub const OVERLAP: Column = Column {
    name: "recall/overlap",
    unit: "1",
    description: "mean over the patterns of hit rate minus false-alarm rate of the neurons recalled from half the pattern",
};
/// Mean overlap of the random cues.
pub const RANDOM_OVERLAP: Column = Column {
    name: "recall/random_overlap",
    unit: "1",
    description: "the same for a random cue of as many neurons outside the pattern (chance)",
};
/// Mean hit rate of the pattern cues.
pub const HIT_RATE: Column = Column {
    name: "recall/hit_rate",
    unit: "1",
    description: "share of each pattern's uncued neurons recalled, mean over the patterns",
};
/// Mean false-alarm rate of the pattern cues.
pub const FALSE_ALARM_RATE: Column = Column {
    name: "recall/false_alarm_rate",
    unit: "1",
    description: "share of the other uncued neurons recalled, mean over the patterns",
};
/// Replays in the session's sleep.
pub const REPLAYS: Column = Column {
    name: "recall/replays",
    unit: "1",
    description: "readout windows in sleep in which at least replay_share of a pattern's neurons fired, summed over the patterns",
};
/// The chance level of replays.
pub const CHANCE_REPLAYS: Column = Column {
    name: "recall/chance_replays",
    unit: "1",
    description: "the same for as many random sets of neurons",
};
/// The session.
pub const SESSION: Column = Column {
    name: "recall/session",
    unit: "1",
    description: "sessions done before this one",
};

/// Every column, in order.
pub const ALL: &[Column] = &[
    OVERLAP,
    RANDOM_OVERLAP,
    HIT_RATE,
    FALSE_ALARM_RATE,
    REPLAYS,
    CHANCE_REPLAYS,
    SESSION,
    ASLEEP,
];
