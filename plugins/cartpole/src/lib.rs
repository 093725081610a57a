//! # neurarium_cartpole — CartPole in the physics world
//!
//! A cart on a rail and a pole on a hinge, simulated by avian2d's rigid-body dynamics with
//! CartPole-v1's constants, and held against Gymnasium's equations of motion.
//!
//! | module | what |
//! |---|---|
//! | [`gym`] | CartPole-v1's constants and equations, as Gymnasium integrates them (explicit Euler), and integrated closely (Runge–Kutta) |
//! | [`bins`] | the state cut into boxes (Q-learning's table rows, a brain's place cells) |
//! | [`body`] | the cart and the pole as avian2d bodies on a prismatic and a revolute joint, in a physics world of their own |
//! | [`actions`] | an action file: one `0` or `1` a line |
//! | [`spec`] | the task's scene section |
//! | [`world_model`] | an energy network learning online, by EqProp, to predict the next state |
//! | [`active_inference`] | the agent: the model learning from every transition while the planner acts, and its prediction errors |
//! | [`planner`] | active inference: imagined push sequences scored against the preferred future |
//! | [`brain`] | a brain of the scene (a spiking network) pushing through its ports: place cells of the state's box in, two motor pools out |
//! | [`qlearning`] | the model-free baseline: tabular Q-learning on a discretised state |
//! | [`world`] | the cart pole in the app: bodies, state, episode, controller |
//! | [`replay`] | `--actions FILE`: an action file replayed, every state to a CSV table |
//! | [`columns`] | the task's metrics columns |
//! | [`systems`] | push, score, record, restart |
//! | [`task`] | the `CartPole` task |
//! | [`plugin`] | registration and the checkpoint section `cartpole` |
//!
//! Units: metres, seconds, radians, kilograms, newtons.

pub mod actions;
pub mod active_inference;
pub mod bins;
pub mod body;
pub mod brain;
pub mod columns;
pub mod gym;
pub mod planner;
pub mod plugin;
pub mod qlearning;
pub mod replay;
pub mod spec;
pub mod systems;
pub mod task;
pub mod world;
pub mod world_model;
