//! The end-to-end tests of the binary through build_app(Mode::Headless) and the command line:
//! one test binary, a module per concern. The window test is its own binary (tests/window.rs),
//! run under Xvfb by .ci/run.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod block_stepping;
mod car_learning;
mod cartpole;
mod checkpoint;
mod circuit_iris;
mod circuit_regression;
mod cli;
mod common;
mod corridor;
mod determinism;
mod example_kinds;
mod grid_forgetting;
mod grid_world;
mod growth;
mod lookup;
mod memory;
mod mnist_eqprop;
mod mnist_stdp;
mod modulators;
mod pavlov;
mod pinned;
mod reload;
mod rhythms;
mod runaway;
mod scenes;
mod schedule;
mod sweep;
mod table_task;
mod trained_car;
