//! What a scene writes about structural plasticity: [`NeuronGrowth`] on a region
//! (neurogenesis, apoptosis) and [`SynapseGrowth`] on a projection (synaptogenesis, pruning),
//! each with its defaults and its own `validate()` naming the field.

use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::network::spec::whole_steps;

/// Neurogenesis and apoptosis in a region (`growth: Some((…))` on a region).
///
/// The region's `size` is its cap: every neuron has its index `0..size` for life, and at most
/// `size` are alive. A dead (or not yet born) neuron never fires and has no synapses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NeuronGrowth {
    /// Neurons alive at the start, 1 to `size`, spread evenly over the indices (so every pool
    /// of a readout starts with some).
    pub alive_at_start: u32,
    /// Structural changes are checked every this many ms (the `Grow` cadence), above 0.
    pub every_ms: f64,
    /// Neurogenesis: when the alive neurons' mean rate over the last period was above this,
    /// Hz, neurons are born; `None`: none are.
    pub birth_above_hz: Option<f64>,
    /// How many are born per check, in free slots chosen at random, up to the cap.
    pub births_per_check: u32,
    /// Apoptosis: a neuron that has not fired for this long, ms, dies (a newborn counts from
    /// its birth); `None`: none die.
    pub die_after_silent_ms: Option<f64>,
}

impl Default for NeuronGrowth {
    fn default() -> Self {
        Self {
            alive_at_start: 1,
            every_ms: 100.0,
            birth_above_hz: None,
            births_per_check: 1,
            die_after_silent_ms: None,
        }
    }
}

impl NeuronGrowth {
    /// Checks the values against a region of `size` neurons; the error names the field.
    pub fn validate(&self, size: u32) -> Result<(), InvalidParam> {
        InvalidParam::check(
            (1..=size).contains(&self.alive_at_start),
            "alive_at_start",
            || {
                format!(
                    "must be between 1 and the region's size ({size}, the cap), got {}",
                    self.alive_at_start
                )
            },
        )?;
        InvalidParam::positive("every_ms", self.every_ms)?;
        if let Some(rate) = self.birth_above_hz {
            InvalidParam::non_negative("birth_above_hz", rate)?;
        }
        if let Some(silent) = self.die_after_silent_ms {
            InvalidParam::positive("die_after_silent_ms", silent)?;
        }
        Ok(())
    }

    /// The cadence in whole steps of `dt_ms`, at least 1.
    pub fn every_steps(&self, dt_ms: f64) -> u64 {
        whole_steps(self.every_ms, dt_ms)
    }
}

/// Synaptogenesis and pruning on a projection (`growth: Some((…))` on a projection).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SynapseGrowth {
    /// Checked every this many ms, above 0.
    pub every_ms: f64,
    /// The cap: synapses beyond it are not made (a run that reaches it says so once).
    pub max_synapses: u32,
    /// Synaptogenesis: up to this many new synapses per check, each between a source and a
    /// target neuron that both fired in the last period and are not yet connected.
    pub new_per_check: u32,
    /// Weight of a new synapse, in the unit of the projection's weights.
    pub new_weight: f64,
    /// Pruning: synapses whose |weight| is below this are removed at each check; `None`:
    /// none are.
    pub prune_below: Option<f64>,
}

impl Default for SynapseGrowth {
    fn default() -> Self {
        Self {
            every_ms: 100.0,
            max_synapses: 100_000,
            new_per_check: 0,
            new_weight: 1.0,
            prune_below: None,
        }
    }
}

impl SynapseGrowth {
    /// Checks the values; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::positive("every_ms", self.every_ms)?;
        InvalidParam::finite("new_weight", self.new_weight)?;
        if let Some(floor) = self.prune_below {
            InvalidParam::non_negative("prune_below", floor)?;
        }
        Ok(())
    }

    /// The cadence in whole steps of `dt_ms`, at least 1.
    pub fn every_steps(&self, dt_ms: f64) -> u64 {
        whole_steps(self.every_ms, dt_ms)
    }
}
