//! The energy crate's integration tests.

mod common;
mod gradient;
mod relaxation;
mod training;
