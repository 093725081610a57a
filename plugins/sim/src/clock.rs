//! Simulation time and the driver that advances it.
//!
//! Time is counted in whole steps: after `step` steps of `dt_ms` milliseconds the simulated
//! time is `t = step · dt_ms` (ms). Everything simulated reads [`SimClock`]; the user's
//! controls (play, pause, single step, speed) live in [`SimControl`]; how steps are paced
//! against the wall clock is the [`Pacing`] of the app's mode.
//!
//! [`drive_simulation`] is an exclusive system in `Update`. Per frame it runs
//! [`SimStep`] `n` times, where `n` is
//! - paused: the number of single steps the user asked for;
//! - speed `k×`: the steps that keep simulated time at `k ×` the wall time elapsed since the
//!   last frame (at most [`MAX_FRAME_WORK`] of work per frame, so the window stays live);
//! - max: as many steps as fit in [`MAX_FRAME_WORK`];
//! - [`Pacing::Unpaced`] (headless, tests): a fixed batch, never past `stop_at_step` and
//!   never past the end of episode `stop_at_episode`.
//!
//! A [`SimFault`] stops the driver until it is cleared.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::block::{BlockPlan, BlockStepping, SimBlock, block_length};
use crate::episodes::Episodes;
use crate::fault::SimFault;
use crate::sets::SimStep;

/// The most wall time the driver spends stepping in one frame when paced.
pub const MAX_FRAME_WORK: Duration = Duration::from_millis(25);

/// A duration of `ms` in whole steps of `dt_ms`, rounded, at least 1: how every cadence and
/// window of a scene (checks, readout windows, rate bins, trials) becomes steps.
pub fn whole_steps(ms: f64, dt_ms: f64) -> u64 {
    ((ms / dt_ms).round() as u64).max(1)
}

/// Simulated time. Saved in checkpoints.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimClock {
    /// Length of one step, in milliseconds.
    pub dt_ms: f64,
    /// Steps completed since the start of the run.
    pub step: u64,
}

impl SimClock {
    /// A clock at step 0 with the given step length (ms).
    pub fn new(dt_ms: f64) -> Self {
        Self { dt_ms, step: 0 }
    }

    /// Simulated time at the start of the current step, in milliseconds.
    pub fn time_ms(&self) -> f64 {
        self.step as f64 * self.dt_ms
    }
}

/// How fast the simulation runs relative to the wall clock in the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Speed {
    /// Simulated time passes as fast as wall time.
    #[default]
    RealTime,
    /// Simulated time passes ten times as fast as wall time.
    TenTimes,
    /// As many steps as the CPU can do while keeping the window responsive.
    Max,
}

impl Speed {
    /// Every speed, for menus.
    pub const ALL: [Speed; 3] = [Speed::RealTime, Speed::TenTimes, Speed::Max];

    /// Short label for buttons.
    pub fn label(self) -> &'static str {
        match self {
            Speed::RealTime => "1×",
            Speed::TenTimes => "10×",
            Speed::Max => "max",
        }
    }

    /// Simulated seconds per wall-clock second, `None` for [`Speed::Max`].
    pub fn factor(self) -> Option<f64> {
        match self {
            Speed::RealTime => Some(1.0),
            Speed::TenTimes => Some(10.0),
            Speed::Max => None,
        }
    }
}

/// How the driver paces steps against the wall clock.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pacing {
    /// Window mode: follow [`SimControl`] (pause, single step, speed).
    Paced,
    /// Headless and tests: run `steps_per_update` steps per `App::update`, ignoring pause.
    Unpaced {
        /// Steps per update; larger batches amortise the frame overhead.
        steps_per_update: u32,
    },
}

/// The user's controls and the measured rate. Not saved in checkpoints.
#[derive(Resource, Debug, Clone)]
pub struct SimControl {
    /// No steps run unless single steps are requested.
    pub paused: bool,
    /// Pace while playing.
    pub speed: Speed,
    /// Steps requested with the "step" button, run even while paused.
    pub pending_single_steps: u32,
    /// The driver never runs past this step (`--steps N`).
    pub stop_at_step: Option<u64>,
    /// The driver stops as soon as this many episodes are completed (`--episodes N`).
    pub stop_at_episode: Option<u64>,
    /// Measured steps per wall-clock second, smoothed over about a second.
    pub steps_per_second: f64,
    /// Simulated time owed to the wall clock at the current speed, in ms.
    debt_ms: f64,
    last_frame: Option<Instant>,
}

impl Default for SimControl {
    fn default() -> Self {
        Self {
            paused: false,
            speed: Speed::default(),
            pending_single_steps: 0,
            stop_at_step: None,
            stop_at_episode: None,
            steps_per_second: 0.0,
            debt_ms: 0.0,
            last_frame: None,
        }
    }
}

impl SimControl {
    /// Asks for one more step, run on the next frame even while paused.
    pub fn request_single_step(&mut self) {
        self.pending_single_steps += 1;
    }

    /// Whether `stop_at_step` has been reached.
    pub fn finished(&self, clock: &SimClock) -> bool {
        self.stop_at_step.is_some_and(|stop| clock.step >= stop)
    }

    /// Decides the work of this frame: `(max steps, deadline, wall time since last frame)`.
    fn plan_frame(&mut self, pacing: Pacing, dt_ms: f64, now: Instant) -> FramePlan {
        let elapsed = self.last_frame.map_or(Duration::ZERO, |last| now - last);
        self.last_frame = Some(now);
        let (max_steps, deadline) = match pacing {
            Pacing::Unpaced { steps_per_update } => (u64::from(steps_per_update), None),
            Pacing::Paced if self.paused => {
                self.debt_ms = 0.0;
                (
                    u64::from(std::mem::take(&mut self.pending_single_steps)),
                    None,
                )
            }
            Pacing::Paced => {
                let extra = u64::from(std::mem::take(&mut self.pending_single_steps));
                let deadline = Some(now + MAX_FRAME_WORK);
                match self.speed.factor() {
                    None => (u64::MAX, deadline),
                    Some(factor) => {
                        // Cap the debt at a quarter second so a stall is not "caught up".
                        self.debt_ms = (self.debt_ms + elapsed.as_secs_f64() * 1000.0 * factor)
                            .min(250.0 * factor);
                        let steps = (self.debt_ms / dt_ms).floor();
                        self.debt_ms -= steps * dt_ms;
                        (steps as u64 + extra, deadline)
                    }
                }
            }
        };
        FramePlan {
            max_steps,
            deadline,
            since_last_frame: elapsed,
        }
    }

    fn measure(&mut self, steps: u64, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        if seconds <= 0.0 {
            return;
        }
        let rate = steps as f64 / seconds;
        // Exponential smoothing with a time constant of about one second.
        let alpha = (seconds / 1.0).min(1.0);
        self.steps_per_second += alpha * (rate - self.steps_per_second);
    }
}

struct FramePlan {
    max_steps: u64,
    deadline: Option<Instant>,
    since_last_frame: Duration,
}

/// Calls `advance(world, budget)`, which runs at most `budget` steps and returns how many it
/// ran, until this frame's plan is done or the run must stop; returns the steps run.
fn run_frame(
    world: &mut World,
    plan: &FramePlan,
    mut advance: impl FnMut(&mut World, u64) -> u64,
) -> u64 {
    let (mut done, mut calls) = (0_u64, 0_u64);
    while done < plan.max_steps {
        let control = world.resource::<SimControl>();
        let episodes_done = control.stop_at_episode.is_some_and(|stop| {
            world
                .get_resource::<Episodes>()
                .is_some_and(|e| e.completed >= stop)
        });
        if world.resource::<SimFault>().is_some()
            || episodes_done
            || control.finished(world.resource::<SimClock>())
            || plan
                .deadline
                .is_some_and(|d| calls.is_multiple_of(16) && Instant::now() >= d)
        {
            break;
        }
        done += advance(world, plan.max_steps - done);
        calls += 1;
    }
    done
}

/// `schedule` cannot be built: a bug in the systems' order, not in the user's input, so the
/// program stops with Bevy's message naming the systems.
fn schedule_error(schedule: &str, message: String) -> ! {
    panic!("{schedule} cannot be built: {message}")
}

/// Runs [`SimStep`] as many times as this frame's pacing asks, or [`SimBlock`] for blocks of
/// quiet steps where it can ([`crate::block`]). Exclusive system in `Update`.
pub fn drive_simulation(world: &mut World) {
    let now = Instant::now();
    let pacing = *world.resource::<Pacing>();
    let dt_ms = world.resource::<SimClock>().dt_ms;
    let plan = world
        .resource_mut::<SimControl>()
        .plan_frame(pacing, dt_ms, now);
    // The schedules are taken out of the world once per frame, not once per step: for small
    // networks the per-step cost of looking them up and moving them dominated the stepping.
    let done = world
        .try_schedule_scope(SimStep, |world, step_schedule| {
            // Systems added since the last run (a scene spawned) count from now on. A schedule
            // that cannot be built (two systems touching the same data in no fixed order) is a
            // bug in the code that added them.
            if let Err(error) = step_schedule.initialize(world) {
                schedule_error(
                    "the step schedule",
                    error.to_string(step_schedule.graph(), world),
                );
            }
            let step_systems = step_schedule.systems_len();
            let mut step_once = |world: &mut World| {
                step_schedule.run(world);
                world.resource_mut::<SimClock>().step += 1;
                1
            };
            world
                .try_schedule_scope(SimBlock, |world, block_schedule| {
                    if let Err(error) = block_schedule.initialize(world) {
                        let message = error.to_string(block_schedule.graph(), world);
                        schedule_error("the block schedule", message);
                    }
                    run_frame(world, &plan, |world, budget| {
                        match block_length(world, step_systems, budget) {
                            Some(steps) => {
                                let start_step = world.resource::<SimClock>().step;
                                world.insert_resource(BlockPlan { start_step, steps });
                                block_schedule.run(world);
                                // A fault stops the clock after the faulty step, as it would
                                // step by step (crate::block says what that means for state).
                                let steps = world.resource::<SimFault>().0.as_ref().map_or(
                                    steps,
                                    |fault| {
                                        (fault.step + 1).clamp(start_step + 1, start_step + steps)
                                            - start_step
                                    },
                                );
                                world.resource_mut::<SimClock>().step += steps;
                                world.resource_mut::<BlockStepping>().steps_in_blocks += steps;
                                steps
                            }
                            None => step_once(world),
                        }
                    })
                })
                .unwrap_or_else(|_| run_frame(world, &plan, |world, _| step_once(world)))
        })
        .unwrap_or(0);
    // Paced: steps per wall second of the whole frame; unpaced: of the stepping itself.
    let window = match pacing {
        Pacing::Paced => plan.since_last_frame,
        Pacing::Unpaced { .. } => now.elapsed(),
    };
    world.resource_mut::<SimControl>().measure(done, window);
}
