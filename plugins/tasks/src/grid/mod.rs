//! The grid world: an agent walks a grid of walls and free cells to a goal, moved by a brain
//! that sees its cell through place cells and answers with one of four moves.
//!
//! - [`map`]: the map as a scene writes it (`#` wall, `G` goal, `.` free), its moves and the
//!   shortest path from every cell (the yardstick of "moves to goal");
//! - [`spec`]: the scene section ([`GridTaskSpec`](spec::GridTaskSpec));
//! - [`agent`]: the agent's state, its moves and rewards, and where episodes start;
//! - [`moved_goal`]: the goal moved for a stretch of the run and back (forgetting);
//! - [`columns`]: the metrics columns;
//! - [`systems`]: sensing, walking, scoring, recording;
//! - [`task`]: the grid as a [`Task`](neurarium_sim::prelude::Task);
//! - [`checkpoint`]: the `grid` checkpoint section;
//! - [`plugin`]: the grid's plugin, [`GridPlugin`](plugin::GridPlugin).
//!
//! Cells are `(row, column)`, 0-based from the top left; a move is one cell.

pub mod agent;
pub mod checkpoint;
pub mod columns;
pub mod map;
pub mod moved_goal;
pub mod plugin;
pub mod spec;
pub mod systems;
pub mod task;
