//! The simulation step and its ordered system sets.
//!
//! One call of the [`SimStep`] schedule advances every simulated thing by one step of
//! `dt` milliseconds ([`SimClock::dt_ms`](crate::clock::SimClock::dt_ms)). Inside it, the
//! [`SimSet`]s run strictly in the order they are declared below. The schedule is
//! single-threaded: the order of every random draw is fixed, so a seed gives one result.
//!
//! `SimStep` is run by the clock's driver ([`crate::clock`]) from `Update`, as many times
//! per frame as the pacing asks (one frame's worth at 1×, as many as fit in a frame at
//! "max", a fixed batch headless). Bevy's `FixedUpdate` is not used: its accumulator follows
//! wall-clock time, while headless runs must go as fast as the CPU allows and stop at an
//! exact step.
//!
//! Three sets have ordered parts where tasks and brains meet: [`ActSet`] (brains decode, then
//! tasks act), [`RewardSet`] (tasks score, then brains learn from the score) and [`RecordSet`]
//! (the order of the metrics columns, then the episode's end).
//!
//! **No ambiguity.** Two systems of a step schedule that touch the same data must be ordered:
//! the schedules are built with Bevy's ambiguity detection as an error (as avian does for its
//! physics schedule), so the order of every write is fixed by the code, not by the order in
//! which plugins happened to add systems. A schedule that breaks the rule stops the run with
//! the pair named ([`crate::clock::drive_simulation`]).

use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings, ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

/// The schedule that advances the simulation by exactly one step.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimStep;

/// The phases of one simulation step, in execution order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSet {
    /// Task → encoders: sensors are read and turned into input (rates, currents).
    Sense,
    /// Delay queues → input currents: spikes sent earlier arrive now.
    Deliver,
    /// Neuron dynamics advance by `dt`; energy nets relax; circuits solve Kirchhoff.
    Integrate,
    /// Threshold crossing, reset, recording; spikes are queued on outgoing projections.
    Spike,
    /// Traces, eligibility, contrastive updates.
    Learn,
    /// Neuromodulation: dopamine, surprise.
    Modulate,
    /// Structural plasticity: pruning and synaptogenesis, on a slower cadence.
    Grow,
    /// Decoders → task: motor output becomes an action.
    Act,
    /// Rigid-body physics of the task world.
    Physics,
    /// Reward is computed; a task may request the end of its episode.
    Reward,
    /// The core decides whether this step closes an episode and a metrics row.
    Bookkeep,
    /// Plugins write their metric values into the open row, if one is due.
    Record,
    /// The core commits the metrics row and starts the next episode.
    Commit,
}

impl SimSet {
    /// Every set, in execution order.
    pub const ORDER: [SimSet; 13] = [
        SimSet::Sense,
        SimSet::Deliver,
        SimSet::Integrate,
        SimSet::Spike,
        SimSet::Learn,
        SimSet::Modulate,
        SimSet::Grow,
        SimSet::Act,
        SimSet::Physics,
        SimSet::Reward,
        SimSet::Bookkeep,
        SimSet::Record,
        SimSet::Commit,
    ];
}

/// The parts of [`SimSet::Act`], in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActSet {
    /// Brains write their output ports (readouts decode spikes).
    Decode,
    /// Tasks read the ports and act (controllers, a brain's choice, a person's keys).
    Control,
}

/// The parts of [`SimSet::Reward`], in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RewardSet {
    /// Tasks compute their reward, send it to the brains and may end the episode.
    Score,
    /// Brains take the rewards sent this step (dopamine).
    Teach,
}

/// The parts of [`SimSet::Record`], in order: the order of the metrics columns, then what
/// happens at the end of an episode.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordSet {
    /// What the brains told the task (the winning pool of a readout).
    Readouts,
    /// The task's columns.
    Task,
    /// The brains' own columns (rates, potentials, probes).
    Network,
    /// The columns of the other network kinds' brains (energy networks), after the spiking
    /// network's.
    OtherNetworks,
    /// On an episode's last step: the task remembers it, moves on and resets.
    EpisodeEnd,
}

/// Creates the [`SimStep`] schedule, single-threaded, with the sets chained in order.
pub(crate) fn build_sim_step_schedule() -> Schedule {
    build_ordered_schedule(SimStep)
}

/// Creates a single-threaded schedule labelled `label` with the sets chained in order; also
/// used for [`SimBlock`](crate::block::SimBlock).
pub(crate) fn build_ordered_schedule(label: impl ScheduleLabel) -> Schedule {
    let mut schedule = Schedule::new(label);
    schedule.set_executor(SingleThreadedExecutor::new());
    schedule.set_build_settings(ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..ScheduleBuildSettings::default()
    });
    for pair in SimSet::ORDER.windows(2) {
        schedule.configure_sets(pair[0].before(pair[1]));
    }
    schedule.configure_sets((
        (ActSet::Decode, ActSet::Control)
            .chain()
            .in_set(SimSet::Act),
        (RewardSet::Score, RewardSet::Teach)
            .chain()
            .in_set(SimSet::Reward),
        (
            RecordSet::Readouts,
            RecordSet::Task,
            RecordSet::Network,
            RecordSet::OtherNetworks,
            RecordSet::EpisodeEnd,
        )
            .chain()
            .in_set(SimSet::Record),
    ));
    schedule
}
