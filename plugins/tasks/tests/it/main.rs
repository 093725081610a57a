//! The integration tests of neurarium_tasks: one test binary, a module per concept.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod brain;
mod common;
mod crash;
mod curriculum;
mod determinism;
mod fixed_actions;
mod idx;
mod physics;
mod progress;
mod sensors;
