//! The car's scene section: `task: Some(Car((…)))`.
//!
//! ```ron
//! task: Some(Car((
//!     track: Phase4,
//!     controller: Straight,
//!     sensors: (count: 5, spread_deg: 120.0, range_m: 10.0),
//! ))),
//! ```
//!
//! Every field has a default; `docs/scenes.md` documents them.

use serde::{Deserialize, Serialize};

use crate::car::brain::CarBrainSpec;
use crate::car::control::Controller;
use crate::car::curriculum::CurriculumSpec;
use crate::car::params::CarParams;
use crate::car::reward::RewardWeights;
use crate::car::sensors::SensorSpec;
use crate::car::track::TrackSpec;
use crate::episodic::rate_schedule::LearningRateSchedule;
use crate::error::InvalidParam;

/// A car on a track, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CarTaskSpec {
    /// The track: `Phase1` … `Phase4` or `Custom((…))`. Not used with a curriculum.
    pub track: TrackSpec,
    /// Tracks driven in turn, each until mastered; `None`: `track` only.
    pub curriculum: Option<CurriculumSpec>,
    /// How the learning rate of every plastic projection changes over the run.
    pub learning_rate: LearningRateSchedule,
    /// The car's body and drive.
    pub car: CarParams,
    /// The distance sensors.
    pub sensors: SensorSpec,
    /// Who steers.
    pub controller: Controller,
    /// Throttle, `−1..1`, held constant unless code changes it.
    pub throttle: f32,
    /// The car advances once every this many simulation steps, by that many steps' time.
    pub control_every_steps: u64,
    /// On a circuit, the episode ends once this many laps are driven (0: never).
    pub laps: u32,
    /// The episode ends after this much car time, s (0: no limit besides the run's
    /// `steps_per_episode`).
    pub time_limit_s: f32,
    /// Weights of the reward terms.
    pub reward: RewardWeights,
    /// The brain that drives the car, through its ports (`controller` must then be
    /// `External`).
    pub brain: Option<CarBrainSpec>,
}

impl Default for CarTaskSpec {
    fn default() -> Self {
        Self {
            track: TrackSpec::default(),
            curriculum: None,
            learning_rate: LearningRateSchedule::default(),
            car: CarParams::default(),
            sensors: SensorSpec::default(),
            controller: Controller::default(),
            throttle: 1.0,
            control_every_steps: 1,
            laps: 1,
            time_limit_s: 0.0,
            reward: RewardWeights::default(),
            brain: None,
        }
    }
}

impl CarTaskSpec {
    /// Checks every value, the track's walls included; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        self.track.build().map_err(|e| e.within("track"))?;
        if let Some(curriculum) = &self.curriculum {
            curriculum.validate().map_err(|e| e.within("curriculum"))?;
        }
        self.learning_rate
            .validate()
            .map_err(|e| e.within("learning_rate"))?;
        self.car.validate().map_err(|e| e.within("car"))?;
        self.sensors.validate().map_err(|e| e.within("sensors"))?;
        self.controller
            .validate()
            .map_err(|e| e.within("controller"))?;
        InvalidParam::check(
            self.throttle.is_finite() && (-1.0..=1.0).contains(&self.throttle),
            "throttle",
            || format!("must be between -1 and 1, got {}", self.throttle),
        )?;
        InvalidParam::check(self.control_every_steps >= 1, "control_every_steps", || {
            "must be at least 1".to_owned()
        })?;
        InvalidParam::non_negative("time_limit_s", self.time_limit_s.into())?;
        self.reward.validate().map_err(|e| e.within("reward"))
    }
}
