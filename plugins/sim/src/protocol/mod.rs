//! The seams every world and every brain plugs into.
//!
//! | module | what |
//! |---|---|
//! | [`task`] | [`Task`](task::Task): a world a brain acts in (scene section, spawn, unit of training, outcome, `--eval`, best checkpoint, controls) |
//! | [`network`] | [`NetworkKind`](network::NetworkKind): a kind of brain (scene section, ports, spawn, learning off) |
//! | [`examples`] | [`ExamplePort`](examples::ExamplePort): batches of labelled examples in, a brain's answers out, for tasks that learn from data |
//! | [`ports`] | [`InputPort`](ports::InputPort) and [`OutputPort`](ports::OutputPort): encoders and readouts, the only way a task talks to a brain |
//! | [`rewards`] | [`Rewards`](rewards::Rewards): what a task teaches a brain with |
//! | [`section`] | a scene section of a registered kind, and reading RON with positions |
//! | [`ron_hints`] | plain words for RON errors: what was found, what is expected, the fix |
//! | [`registry`] | [`SceneKinds`](registry::SceneKinds): the registered kinds by name; `register_task`, `register_network` |
//!
//! Adding a task: its folder (a `Task` impl, its systems, its checkpoint section) and one line,
//! `app.register_task::<MyTask>()`, in a plugin; in the window, one more line registers its
//! panels. Adding a network kind: likewise with `register_network`.

pub mod examples;
pub mod network;
pub mod ports;
pub mod registry;
pub mod rewards;
pub mod ron_hints;
pub mod section;
pub mod task;
