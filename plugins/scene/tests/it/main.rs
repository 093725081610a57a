//! The integration tests of neurarium_scene: one test binary, a module per concept.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;
mod docs;
mod edit;
mod errors;
mod open;
mod plain_words;
mod task;
