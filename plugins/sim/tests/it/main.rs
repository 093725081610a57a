//! The integration tests of neurarium_sim: one test binary, a module per concept.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod sim;
