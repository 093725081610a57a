//! The recall task's scene section: `task: Some(Recall((…)))`.
//!
//! ```ron
//! task: Some(Recall((cue: "cue", recall: "memory", sleep: Some("sleep"), patterns: 4, active: 20))),
//! ```

use neurarium_sim::prelude::BrainPorts;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// Storing patterns, sleeping, and recalling them from partial cues, as a scene gives it.
/// Times in ms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecallSpec {
    /// Input port with one value per memory neuron (a `Rate` encoder wired one-to-one): 1 on
    /// the neurons shown, 0 elsewhere.
    pub cue: String,
    /// Output port whose spike counts per neuron are the recalled activity (a `SpikeCounts`
    /// readout of the memory region, as wide as `cue`); its window is the resolution of replay
    /// detection.
    pub recall: String,
    /// Input port that drives sleep (every value 1 during a sleep phase with replay); `None`:
    /// no sleep drive.
    pub sleep: Option<String>,
    /// Patterns stored each session: disjoint sets of memory neurons drawn from the seed.
    pub patterns: u32,
    /// Neurons in each pattern.
    pub active: u32,
    /// How long one presentation of a pattern lasts.
    pub store_ms: f64,
    /// Presentations of each pattern while storing (interleaved).
    pub presentations: u32,
    /// Silence after each presentation and each cue.
    pub gap_ms: f64,
    /// The learning-rate factor while storing (0: shown, not stored).
    pub store_learning: f64,
    /// The sleep phase between storing and recall.
    pub sleep_ms: f64,
    /// Whether the sleep port is driven during sleep (`false`: the same time, undriven).
    pub replay: bool,
    /// The learning-rate factor during sleep (0: replay without plasticity).
    pub sleep_learning: f64,
    /// Share of a pattern's neurons in its cue.
    pub cue_fraction: f64,
    /// How long a cue is on; spikes during it count as the recall.
    pub cue_ms: f64,
    /// Spikes a neuron needs during the cue to count as recalled.
    pub recall_spikes: u32,
    /// A window counts as a replay of a pattern when at least this share of its neurons fired
    /// in it.
    pub replay_share: f64,
}

impl Default for RecallSpec {
    fn default() -> Self {
        Self {
            cue: "cue".to_owned(),
            recall: "memory".to_owned(),
            sleep: None,
            patterns: 4,
            active: 20,
            store_ms: 100.0,
            presentations: 3,
            gap_ms: 100.0,
            store_learning: 1.0,
            sleep_ms: 0.0,
            replay: true,
            sleep_learning: 1.0,
            cue_fraction: 0.5,
            cue_ms: 100.0,
            recall_spikes: 2,
            replay_share: 0.5,
        }
    }
}

impl RecallSpec {
    /// Checks every value and the ports; the error names the field.
    pub fn validate(&self, ports: &BrainPorts) -> Result<(), InvalidParam> {
        for (field, value) in [
            ("store_ms", self.store_ms),
            ("gap_ms", self.gap_ms),
            ("cue_ms", self.cue_ms),
        ] {
            InvalidParam::positive(field, value)?;
        }
        InvalidParam::non_negative("sleep_ms", self.sleep_ms)?;
        InvalidParam::non_negative("sleep_learning", self.sleep_learning)?;
        InvalidParam::non_negative("store_learning", self.store_learning)?;
        InvalidParam::check(self.patterns >= 1, "patterns", || "at least 1".to_owned())?;
        InvalidParam::check(self.presentations >= 1, "presentations", || {
            "at least 1".to_owned()
        })?;
        InvalidParam::check(
            self.cue_fraction > 0.0 && self.cue_fraction < 1.0,
            "cue_fraction",
            || {
                format!(
                    "must be between 0 and 1 (exclusive), got {}",
                    self.cue_fraction
                )
            },
        )?;
        InvalidParam::check(
            self.replay_share > 0.0 && self.replay_share <= 1.0,
            "replay_share",
            || format!("must be above 0 and at most 1, got {}", self.replay_share),
        )?;
        let cued = self.cued();
        InvalidParam::check(cued >= 1 && cued < self.active, "active", || {
            format!(
                "a cue of {} of {} neurons must leave some to recall",
                cued, self.active
            )
        })?;
        let cue = ports
            .input(&self.cue)
            .map_err(|message| InvalidParam::new("cue", message))?;
        let neurons = cue.width;
        InvalidParam::check(
            (self.patterns * self.active) as usize <= neurons,
            "patterns",
            || {
                format!(
                    "{} disjoint patterns of {} neurons need {} neurons; the cue port '{}' has {}",
                    self.patterns,
                    self.active,
                    self.patterns * self.active,
                    self.cue,
                    neurons
                )
            },
        )?;
        let recall = ports
            .output(&self.recall)
            .map_err(|message| InvalidParam::new("recall", message))?;
        InvalidParam::check(recall.width == neurons, "recall", || {
            format!(
                "output port '{}' has {} values, the cue port '{}' {}: both must be one per memory neuron",
                self.recall, recall.width, self.cue, neurons
            )
        })?;
        if let Some(sleep) = &self.sleep {
            ports
                .input(sleep)
                .map_err(|message| InvalidParam::new("sleep", message))?;
        }
        Ok(())
    }

    /// Neurons in a cue.
    pub fn cued(&self) -> u32 {
        ((f64::from(self.active) * self.cue_fraction).round() as u32).max(1)
    }
}
