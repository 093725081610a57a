//! Memory: patterns stored by a recurrent network, recalled from half of them (pattern
//! completion), and consolidated by replay during sleep.
//!
//! Each session (an episode) draws `patterns` disjoint sets of `active` memory neurons. It
//! shows each pattern whole through the `cue` port (`store_ms`, `presentations` times,
//! interleaved, learning on), then sleeps for `sleep_ms` (the `sleep` port driven when
//! `replay`, learning at `sleep_learning`), then, with learning off, cues each pattern with
//! `cue_fraction` of its neurons and, as the chance level, with as many random neurons from
//! outside it. What fires during a cue is scored against the pattern's uncued rest
//! ([`score`]); replays of the patterns during sleep are counted against random sets
//! ([`session`]). The weights carry over to the next session's new patterns.
//!
//! - [`spec`]: the scene section; [`session`]: patterns, timeline, counts; [`score`]: the
//!   overlap; [`columns`]: the metrics columns; [`systems`]: present, observe, record;
//!   [`task`]: the task.

pub mod columns;
pub mod score;
pub mod session;
pub mod spec;
pub mod systems;
pub mod task;
