//! Neuromodulators besides reward's dopamine: serotonin and acetylcholine released by the
//! spikes of a region, and what any modulator (dopamine too) does where it acts.
//!
//! A region with `releases: Some((modulator, per_spike, tau_ms))` (a raphe nucleus releasing
//! serotonin, a basal forebrain releasing acetylcholine) raises that modulator's level by
//! `per_spike` for each of its spikes; between spikes the level decays,
//! `dL/dt = −L / τ` (`Modulate`, [`release_modulators`]). Dopamine's level is the global
//! reward-prediction error ([`crate::plasticity::dopamine`]). Where a modulator acts is written
//! on the target (`modulation: [(by, effect, strength)]`), each entry a factor
//! `max(0, 1 + strength · L)` (factors of one effect multiply):
//!
//! - `Gain` (a projection): every spike's weights are scaled by it on their way (a gain on
//!   transmission, as acetylcholine sharpens afferent input);
//! - `LearningRate` (a projection): its plasticity's changes are scaled by it (every rule);
//! - `Noise` (a region with background `poisson_input`): the input's weight is scaled by it
//!   (exploration, as serotonin or noradrenaline set it).
//!
//! Glutamate and GABA are the two receptor channels every projection already feeds:
//! `receptor: Excitatory` (alias `Glutamate`) and `Inhibitory` (alias `Gaba`).
//! A network with a release or a modulation steps one step at a time (no blocks), since a
//! level changes within a block.

use bevy::prelude::*;
use neurarium_sim::prelude::{Metrics, SimClock};
use serde::{Deserialize, Serialize};

use crate::decay::flushed;
use crate::error::InvalidParam;
use crate::monitors::MODULATOR_LEVEL;
use crate::network::region::Spikes;
use crate::plasticity::dopamine::Dopamine;

/// A neuromodulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Modulator {
    /// The reward-prediction error ([`crate::plasticity::dopamine`]); not released by regions.
    Dopamine,
    /// Released by a region's spikes.
    Serotonin,
    /// Released by a region's spikes.
    Acetylcholine,
}

/// What a modulator does where it acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// A projection's transmitted weights.
    Gain,
    /// A projection's plasticity.
    LearningRate,
    /// A region's background Poisson input.
    Noise,
}

/// One modulator's effect on a projection or region, as a scene writes it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modulation {
    /// The modulator.
    pub by: Modulator,
    /// What it changes.
    pub effect: Effect,
    /// The factor is `max(0, 1 + strength · level)`; negative: the modulator suppresses.
    pub strength: f32,
}

/// A region releasing a modulator, as a scene writes it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// `Serotonin` or `Acetylcholine`.
    pub modulator: Modulator,
    /// Level added per spike.
    pub per_spike: f32,
    /// Decay time constant of the level, ms (the same for every region releasing it).
    pub tau_ms: f64,
}

impl Release {
    /// Checks the values; the error names the field below `releases`.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::check(self.modulator != Modulator::Dopamine, "modulator", || {
            "dopamine is the reward-prediction error, not released by a region: Serotonin or Acetylcholine".to_owned()
        })?;
        InvalidParam::finite("per_spike", self.per_spike.into())?;
        InvalidParam::positive("tau_ms", self.tau_ms)
    }
}

/// Checks `modulation` on a projection (`on_region: false`: `Gain`, `LearningRate`) or a region
/// (`Noise`); the error names the entry.
pub fn check_modulation(modulation: &[Modulation], on_region: bool) -> Result<(), InvalidParam> {
    for (i, m) in modulation.iter().enumerate() {
        let field = format!("modulation[{i}]");
        InvalidParam::finite(&format!("{field}.strength"), m.strength.into())?;
        let fits = (m.effect == Effect::Noise) == on_region;
        InvalidParam::check(fits, &format!("{field}.effect"), || {
            if on_region {
                format!("{:?} acts on a projection; a region takes Noise", m.effect)
            } else {
                "Noise acts on a region's poisson_input; a projection takes Gain or LearningRate"
                    .to_owned()
            }
        })?;
    }
    Ok(())
}

/// The levels of the released modulators. Saved in checkpoints.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModulatorLevels {
    /// Serotonin's level.
    pub serotonin: f32,
    /// Acetylcholine's level.
    pub acetylcholine: f32,
    /// Serotonin's decay time constant, ms (0: nothing releases it).
    pub serotonin_tau_ms: f64,
    /// Acetylcholine's decay time constant, ms (0: nothing releases it).
    pub acetylcholine_tau_ms: f64,
}

impl ModulatorLevels {
    /// The level of `modulator` (dopamine's from `dopamine`).
    pub fn level(&self, modulator: Modulator, dopamine: &Dopamine) -> f32 {
        match modulator {
            Modulator::Dopamine => dopamine.level,
            Modulator::Serotonin => self.serotonin,
            Modulator::Acetylcholine => self.acetylcholine,
        }
    }

    /// The factor of `effect` from `modulation`: the product of `max(0, 1 + strength · level)`
    /// over its entries of that effect (1 without any).
    pub fn factor(&self, modulation: &[Modulation], effect: Effect, dopamine: &Dopamine) -> f32 {
        modulation
            .iter()
            .filter(|m| m.effect == effect)
            .map(|m| (1.0 + m.strength * self.level(m.by, dopamine)).max(0.0))
            .product()
    }

    fn slot(&mut self, modulator: Modulator) -> Option<(&mut f32, &mut f64)> {
        match modulator {
            Modulator::Dopamine => None,
            Modulator::Serotonin => Some((&mut self.serotonin, &mut self.serotonin_tau_ms)),
            Modulator::Acetylcholine => {
                Some((&mut self.acetylcholine, &mut self.acetylcholine_tau_ms))
            }
        }
    }

    /// Levels at 0 and each modulator's decay from the regions' releases.
    pub fn new(releases: impl IntoIterator<Item = Release>) -> Self {
        let mut levels = Self::default();
        for release in releases {
            if let Some((_, tau)) = levels.slot(release.modulator) {
                *tau = release.tau_ms;
            }
        }
        levels
    }
}

/// Where a modulator acts: the `modulation` of a projection or region entity, and its factor
/// of each [`Effect`] for this step, set in `Sense` ([`apply_modulators`]).
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Modulated {
    /// The scene's entries.
    pub entries: Vec<Modulation>,
    /// The factors of `Gain`, `LearningRate` and `Noise`.
    pub factors: [f32; 3],
}

impl Modulated {
    /// The entries, every factor 1 until the first `Sense`.
    pub fn new(entries: Vec<Modulation>) -> Self {
        Self {
            entries,
            factors: [1.0; 3],
        }
    }

    /// The factor of `effect` this step.
    pub fn factor(&self, effect: Effect) -> f32 {
        self.factors[effect as usize]
    }
}

/// `Sense` (first in the step): every modulated projection's and region's factors from the
/// levels the last step left (the released modulators after their release, dopamine after its
/// decay and the rewards), for this step's `Integrate`, `Spike` and `Learn`: no system of
/// those sets reads the levels while another changes them, and a resumed run derives the
/// factors from the levels its checkpoint holds.
pub fn apply_modulators(
    levels: Res<ModulatorLevels>,
    dopamine: Res<Dopamine>,
    mut modulated: Query<&mut Modulated>,
) {
    for mut m in &mut modulated {
        let factors = [Effect::Gain, Effect::LearningRate, Effect::Noise]
            .map(|effect| levels.factor(&m.entries, effect, &dopamine));
        if m.factors != factors {
            m.factors = factors;
        }
    }
}

/// A region releasing a modulator.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Releases(pub Release);

/// `Modulate`: each level decays a step, then rises by `per_spike` for each spike of the
/// regions releasing it.
pub fn release_modulators(
    clock: Res<SimClock>,
    mut levels: ResMut<ModulatorLevels>,
    regions: Query<(&Releases, &Spikes)>,
) {
    for modulator in [Modulator::Serotonin, Modulator::Acetylcholine] {
        if let Some((level, tau)) = levels.slot(modulator)
            && *tau > 0.0
        {
            *level = flushed(*level * (-clock.dt_ms / *tau).exp() as f32);
        }
    }
    for (Releases(release), spikes) in &regions {
        if let Some((level, _)) = levels.slot(release.modulator) {
            *level += release.per_spike * spikes.fired.len() as f32;
        }
    }
}

/// `Record`: the level of each modulator some region releases (`modulator_level/serotonin`,
/// `modulator_level/acetylcholine`).
pub fn record_modulator_levels(levels: Res<ModulatorLevels>, mut metrics: ResMut<Metrics>) {
    if !metrics.row_open() {
        return;
    }
    for (name, level, tau) in [
        ("serotonin", levels.serotonin, levels.serotonin_tau_ms),
        (
            "acetylcholine",
            levels.acetylcholine,
            levels.acetylcholine_tau_ms,
        ),
    ] {
        if tau > 0.0 {
            metrics.set_in(&MODULATOR_LEVEL, name, f64::from(level));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_multiply_per_effect_and_never_go_below_zero() {
        let levels = ModulatorLevels {
            serotonin: 2.0,
            acetylcholine: 0.5,
            ..ModulatorLevels::default()
        };
        let dopamine = Dopamine {
            level: -1.0,
            ..Dopamine::default()
        };
        let modulation = [
            Modulation {
                by: Modulator::Acetylcholine,
                effect: Effect::Gain,
                strength: 2.0,
            },
            Modulation {
                by: Modulator::Dopamine,
                effect: Effect::Gain,
                strength: 0.5,
            },
            Modulation {
                by: Modulator::Serotonin,
                effect: Effect::LearningRate,
                strength: -1.0,
            },
        ];
        assert_eq!(
            levels.factor(&modulation, Effect::Gain, &dopamine),
            2.0 * 0.5
        );
        assert_eq!(
            levels.factor(&modulation, Effect::LearningRate, &dopamine),
            0.0
        );
        assert_eq!(levels.factor(&modulation, Effect::Noise, &dopamine), 1.0);
        assert!(check_modulation(&modulation, false).is_ok());
        assert!(
            check_modulation(&modulation, true).is_err_and(|e| e.field == "modulation[0].effect")
        );
        let release = Release {
            modulator: Modulator::Dopamine,
            per_spike: 1.0,
            tau_ms: 10.0,
        };
        assert!(release.validate().is_err_and(|e| e.field == "modulator"));
    }
}
