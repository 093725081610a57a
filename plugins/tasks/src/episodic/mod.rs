//! What episodic tasks share (the car, the grid world; CartPole next).
//!
//! | module | what |
//! |---|---|
//! | [`curriculum`] | phases in turn, each until `⌈success · window⌉` of its last `window` episodes succeed |
//! | [`rate_schedule`] | the learning-rate factor per episode: constant, warm-up + cosine, per-phase decay |
//! | [`history`] | every episode's return, success, phase and learning rate, for the panels |
//! | [`best`] | the best checkpoint: highest moving mean of the return within the newest phase |

pub mod best;
pub mod curriculum;
pub mod history;
pub mod rate_schedule;
