//! The CartPole task's metrics columns. With one row per episode they describe its end.

use neurarium_sim::prelude::Column;

/// Steps this episode: the return (a reward of 1 a step).
pub const LENGTH: Column = Column {
    name: "cartpole/length",
    unit: "1",
    description: "control steps this episode, each rewarded 1: the return",
};
/// The cart's position.
pub const X: Column = Column {
    name: "cartpole/x",
    unit: "m",
    description: "the cart's position on the rail",
};
/// The cart's velocity.
pub const X_DOT: Column = Column {
    name: "cartpole/x_dot",
    unit: "m/s",
    description: "the cart's velocity",
};
/// The pole's angle.
pub const THETA: Column = Column {
    name: "cartpole/theta",
    unit: "rad",
    description: "the pole's angle from upright, positive toward +x",
};
/// The pole's angular velocity.
pub const THETA_DOT: Column = Column {
    name: "cartpole/theta_dot",
    unit: "rad/s",
    description: "the pole's angular velocity",
};
/// Whether the episode lasted to the step limit.
pub const SURVIVED: Column = Column {
    name: "cartpole/survived",
    unit: "1",
    description: "1 once the episode reached the step limit (500) with the pole up, else 0",
};

/// The world model's one-step error.
pub const ONE_STEP_ERROR: Column = Column {
    name: "cartpole/one_step_error",
    unit: "rad",
    description: "mean |θ imagined − θ that came| one step ahead over this episode (active inference)",
};
/// The world model's ten-step error.
pub const TEN_STEP_ERROR: Column = Column {
    name: "cartpole/ten_step_error",
    unit: "rad",
    description: "mean |θ imagined − θ that came| ten steps ahead, the pushes taken imagined open-loop, every tenth step of this episode (active inference)",
};

/// Every column, in order.
pub const ALL: &[Column] = &[
    LENGTH,
    X,
    X_DOT,
    THETA,
    THETA_DOT,
    SURVIVED,
    ONE_STEP_ERROR,
    TEN_STEP_ERROR,
];
