//! The grid world: an agent walks a grid of walls and free cells to a goal.
//!
//! - [`map`]: the map as a scene writes it (`#` wall, `G` goal, `.` free), its moves and the
//!   shortest path from every cell (the yardstick of "mean steps to goal").
//!
//! Not yet a task: the agent, its episodes, the brain's ports and the window come next
//! (issue 14).

pub mod map;
