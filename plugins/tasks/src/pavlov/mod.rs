//! Pavlovian conditioning: a neutral stimulus (the tone, CS) paired with a rewarded one (food,
//! US) comes to trigger the response alone; extinction when the pairing stops.
//!
//! Each trial (an episode) lasts `trial_ms`: the tone is on for the first `cs_ms`; food comes
//! `isi_ms` after the tone's onset for `us_ms` (paired) or `unpaired_offset_ms` after it (the
//! unpaired control), and a reward (`reward`) is sent to the brains as it comes. The first
//! `acquisition_trials` trials have food, the next `extinction_trials` the tone alone: at the
//! time food would have come a reward of 0 is sent, the omission a spiking brain's dopamine
//! feels as a negative prediction error. Every trial is a probe: the response is the spikes of
//! the response port in the `isi_ms` after the tone's onset, before any food, and the brain
//! responded if they reach `response_spikes`. `--eval` runs tone-alone trials, no rewards.
//!
//! - [`spec`]: the scene section; [`conditioning`]: the trial's state and timing;
//!   [`columns`]: the metrics columns; [`systems`]: present, count, reward, record;
//!   [`task`]: the task and its controls (untrained, unpaired).

pub mod columns;
pub mod conditioning;
pub mod spec;
pub mod systems;
pub mod task;
