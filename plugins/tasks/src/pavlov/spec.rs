//! The conditioning task's scene section: `task: Some(Pavlov((…)))`.

use neurarium_sim::prelude::BrainPorts;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// Pavlovian conditioning, as a scene gives it. Times in ms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PavlovSpec {
    /// Input port of the tone (every value 1 while it is on, else 0).
    pub cs: String,
    /// Input port of the food (every value 1 while it is on, else 0).
    pub us: String,
    /// Output port whose spikes are the response (a `SpikeCounts` readout).
    pub response: String,
    /// Length of a trial.
    pub trial_ms: f64,
    /// How long the tone is on, from the trial's start.
    pub cs_ms: f64,
    /// Food's onset after the tone's, paired; also the response window.
    pub isi_ms: f64,
    /// How long food is on.
    pub us_ms: f64,
    /// Food's onset after the tone's in the unpaired control.
    pub unpaired_offset_ms: f64,
    /// Whether food follows the tone at `isi_ms` (`false`: at `unpaired_offset_ms`).
    pub paired: bool,
    /// Trials with food.
    pub acquisition_trials: u32,
    /// Trials after them with the tone alone.
    pub extinction_trials: u32,
    /// Reward sent as food comes (0 at its omission).
    pub reward: f32,
    /// Response spikes in the window that count as a response.
    pub response_spikes: u32,
}

impl Default for PavlovSpec {
    fn default() -> Self {
        Self {
            cs: "tone".to_owned(),
            us: "food".to_owned(),
            response: "response".to_owned(),
            trial_ms: 1000.0,
            cs_ms: 200.0,
            isi_ms: 150.0,
            us_ms: 50.0,
            unpaired_offset_ms: 600.0,
            paired: true,
            acquisition_trials: 60,
            extinction_trials: 60,
            reward: 1.0,
            response_spikes: 3,
        }
    }
}

impl PavlovSpec {
    /// Checks every value and the ports; the error names the field.
    pub fn validate(&self, ports: &BrainPorts) -> Result<(), InvalidParam> {
        for (field, value) in [
            ("trial_ms", self.trial_ms),
            ("cs_ms", self.cs_ms),
            ("isi_ms", self.isi_ms),
            ("us_ms", self.us_ms),
            ("unpaired_offset_ms", self.unpaired_offset_ms),
        ] {
            InvalidParam::positive(field, value)?;
        }
        for (field, onset) in [
            ("isi_ms", self.isi_ms),
            ("unpaired_offset_ms", self.unpaired_offset_ms),
        ] {
            InvalidParam::check(onset + self.us_ms <= self.trial_ms, field, || {
                format!(
                    "food ({onset} ms after the tone, for {} ms) must end within the trial's {} ms",
                    self.us_ms, self.trial_ms
                )
            })?;
        }
        InvalidParam::finite("reward", self.reward.into())?;
        for (field, name) in [("cs", &self.cs), ("us", &self.us)] {
            ports
                .input(name)
                .map_err(|message| InvalidParam::new(field, message))?;
        }
        ports
            .output(&self.response)
            .map_err(|message| InvalidParam::new("response", message))?;
        Ok(())
    }
}
