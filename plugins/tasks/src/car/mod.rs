//! The car world: a car on a track with walls, distance sensors, progress, laps and a reward.
//!
//! - [`plugin`]: [`CarPlugin`](plugin::CarPlugin), what the car adds to an app (one line in
//!   the tasks plugin);
//! - [`task`]: the car as a [`Task`](neurarium_sim::prelude::Task), the only way the rest of the
//!   app knows it; its systems' places in the step;
//! - [`spec`]: its scene section ([`CarTaskSpec`](spec::CarTaskSpec));
//! - [`columns`]: its metrics columns;
//! - [`params`]: the car's dimensions and limits;
//! - [`body`]: its motion, a kinematic bicycle with a first-order drive (equations there);
//! - [`track`]: the curriculum's tracks and custom centre lines; progress, lateral offset and
//!   heading error by projection onto the centre line;
//! - [`walls`]: walls generated from the centre line, as avian colliders;
//! - [`sensors`]: distance sensors, ray casts against the walls;
//! - [`control`]: who steers (a fixed controller or code) and the public steering API;
//! - [`status`]: the per-step outputs (progress, laps, crash, speed, offsets, reward);
//! - [`reward`]: the reward function;
//! - [`spawn`]: building the world's entities from a scene;
//! - [`systems`]: the systems in `SimStep`'s `Act`, `Physics`, `Reward` and `Record` sets;
//! - [`checkpoint`]: the `car` checkpoint section;
//! - [`curriculum`]: its tracks driven in turn, each until mastered (the shared
//!   [`crate::episodic`] curriculum, learning-rate schedule and history);
//! - [`brain`]: how a brain drives it, through ports;
//! - [`manual`]: a person steering from the keyboard.
//!
//! Units: metres, seconds, radians (angles in scenes are in degrees where the name says so).
//!
//! **Stepping.** Avian's solver is not run: the car is a kinematic body moved by its own
//! exact integrator ([`body`]) and avian (parry) answers the geometric questions — contact of
//! the body with the walls, ray casts — directly on the colliders. That keeps a step
//! single-threaded, allocation-free and bit-for-bit deterministic, inside `SimStep` with no
//! second schedule or clock; the car's `Position`, `Rotation` and velocities are mirrored
//! into avian's components so a window (or a later dynamic body) sees them.

pub mod body;
pub mod brain;
pub mod checkpoint;
pub mod columns;
pub mod control;
pub mod curriculum;
pub mod manual;
pub mod params;
pub mod plugin;
pub mod reward;
pub mod sensors;
pub mod spawn;
pub mod spec;
pub mod status;
pub mod systems;
pub mod task;
pub mod track;
pub mod walls;
