//! The grid world's own panel: the map with each cell's learnt value and preferred move as an
//! arrow field, and the agent ([`view`]); what the brain prefers in each cell ([`policy`]).

pub mod policy;
pub mod view;
